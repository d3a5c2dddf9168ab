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


def test_after_its_first_call_a_kernel_is_numbas_dispatcher_wherever_the_game_imported_it(monkeypatch) -> None:
    """The stand-in ``kernel`` returns is swapped for the compiled dispatcher in every game
    module that holds it by name (its Python frame cost ~0.2 us a call); others keep a stand-in
    that still works."""
    import types

    from hyosan.sim.jit import kernel

    @kernel
    def thrice(a):  # type: ignore[no-untyped-def]
        return a * 3.0

    stand_in = thrice
    home = types.ModuleType("hyosan._test_home")
    user = types.ModuleType("hyosan._test_user")
    outsider = types.ModuleType("outsider")
    home.thrice = user.thrice = outsider.thrice = stand_in  # type: ignore[attr-defined]
    for module in (home, user, outsider):
        monkeypatch.setitem(sys.modules, module.__name__, module)
    assert stand_in(np.array([2.0])).tolist() == [6.0]
    assert type(home.thrice).__name__ == type(user.thrice).__name__ == "CPUDispatcher"
    assert user.thrice is home.thrice and outsider.thrice is stand_in
    assert user.thrice(np.array([1.0])).tolist() == outsider.thrice(np.array([1.0])).tolist() == [3.0]


def _in_fresh_process(code: str, cache_dir) -> list[str]:
    """Run ``code`` in a new interpreter with numba's cache at ``cache_dir``; its output lines."""
    env = {**os.environ, "NUMBA_CACHE_DIR": str(cache_dir), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def test_preload_loads_what_the_cache_holds_so_no_kernel_loads_in_play(tmp_path) -> None:
    """A kernel compiled in one process is in the next one's preload: its version is in before
    any call, the module calls numba's dispatcher directly, and the first call loads nothing
    more. A preload told to stop first loads nothing and leaves it for the next preload."""
    _in_fresh_process("import numpy as np\nfrom hyosan.sim.horde.kernels import any_within\n"
                      "print(any_within(np.zeros((3, 2)), 0.0, 0.0, 1.0))", tmp_path)
    code = """
import threading
import numpy as np
import hyosan.sim.horde.kernels as k
from hyosan.sim import jit
stand_in = k.any_within
stop = threading.Event(); stop.set()
print(jit.preload(stop), k.any_within is stand_in)
loaded = jit.preload()
compiled = stand_in.dispatcher()
print(loaded, len(compiled.overloads), k.any_within is compiled)
print(bool(compiled(np.zeros((1, 2)), 0.5, 0.0, 1.0)), len(compiled.overloads), sum(compiled._cache_misses.values()))
print(jit.preload())
"""
    stopped, untouched, loaded, versions, swapped, hit, after, misses, again = _in_fresh_process(code, tmp_path)
    assert (stopped, untouched) == ("0", "True")
    assert int(loaded) >= 1 and versions == "1" and swapped == "True"  # (any_within's helper is cached too)
    assert (hit, after, misses, again) == ("True", "1", "0", "0")
