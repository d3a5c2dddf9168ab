"""Level packs as plain data: schema, loader, discovery and the one error type.

Nothing here imports pygame or pymunk; a pack is untrusted input and is only ever parsed.
"""
