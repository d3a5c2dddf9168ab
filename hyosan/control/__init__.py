"""Everything that produces commands: key bindings, human input, bots and replays."""
