"""The kernel decorator: compiled on first call, numba imported only then, and a machine with
nowhere to cache compiled code still runs the game."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np


def test_a_kernel_compiles_without_anywhere_to_cache(monkeypatch) -> None:
    import numba.core.caching as caching

    from hyosan.sim.jit import kernel

    monkeypatch.setattr(caching.CacheImpl, "_locator_classes", [])  # numba: "no locator available"

    @kernel
    def twice(a):  # type: ignore[no-untyped-def]
        return a * 2.0

    assert twice(np.array([1.5, -2.0])).tolist() == [3.0, -4.0]


def test_the_simulation_imports_without_numba() -> None:
    """The title screen imports the simulation; numba (~0.2 s) waits for the first kernel call."""
    code = "import sys, hyosan.sim.world, hyosan.scenes.screens; print('numba' in sys.modules)"
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip().splitlines()[-1] == "False"
