"""Drawing: camera, the world view, HUD and debug overlays. Reads the world, never writes it."""
