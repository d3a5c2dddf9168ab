"""Test setup: no display and no audio device, ever (CI has neither)."""

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

# Settings go to a throwaway folder: tests must never touch the player's real config.
if "HYOSAN_CONFIG_DIR" not in os.environ:
    import tempfile

    os.environ["HYOSAN_CONFIG_DIR"] = tempfile.mkdtemp(prefix="hyosan-test-config-")
