"""Asset generator: every sprite and sound of Hyosan is made by code here.

Pure numpy + stdlib (zlib, struct, wave, json); never pygame, so the output is
byte-for-byte reproducible. Run ``python -m hyosan.assetgen`` to rewrite ``assets/``
and ``python -m hyosan.assetgen --check`` to verify the committed files.
"""
