"""The simulation's compiled kernels: numba's ``njit``, set up once for every kernel.

Why: a tick's horde work is a few hundred numpy calls on arrays of 100-300 rows, and at that
size numpy's per-call overhead (1-3 us a call) is most of the cost, not the arithmetic. A shipped
level ran headless at 24-35x real time against a 50x budget (PERFORMANCE.md), and the numpy
code had been tuned call by call for several sessions. One compiled loop per step does the same
work in a few microseconds (the separation at 250 zombies: 27 us as numpy, 5 us compiled).

Every kernel does the IEEE arithmetic of the numpy it replaced, in the same order, so the
simulation's numbers, hashes and replays are the same to the last bit: no ``fastmath`` (it
would let the compiler reorder sums and fuse multiply-adds), ``error_model="numpy"`` (a float
division by zero gives inf or nan as numpy does, instead of raising; the callers guard their
divisions as before).

``cache=True`` compiles each kernel once per machine into the package's ``__pycache__`` (or
numba's per-user cache where the package is read-only), so only the very first level loaded
after an install waits for the compiler.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def kernel(fn: F) -> F:
    """Compile ``fn`` (nopython mode, cached, numpy's float error model, no GIL held) on its
    first call. numba itself is imported then too, not with the module: the title screen
    imports the simulation, and numba's ~0.1-0.2 s import would add to every start-up.
    A kernel may call other kernels of its own module (not itself: numba's cache cannot reload
    a recursive function): as it is compiled, the module globals it names that are kernels are
    swapped for their compiled selves, which numba can type. Not kernels of another module:
    the cache is checked against the caller's file alone, and a stale caller crashes."""
    compiled: Callable[..., Any] | None = None

    def dispatcher() -> Callable[..., Any]:
        nonlocal compiled
        if compiled is None:
            import numba

            try:
                compiled = numba.njit(cache=True, nogil=True, error_model="numpy")(fn)
            except RuntimeError:  # nowhere writable to cache to: compile afresh in every process
                compiled = numba.njit(nogil=True, error_model="numpy")(fn)
            for name in fn.__code__.co_names:
                other = fn.__globals__.get(name)
                if callable(getattr(other, "dispatcher", None)):
                    fn.__globals__[name] = other.dispatcher()  # type: ignore[union-attr]
            _replace_everywhere(call, compiled)
        return compiled

    @functools.wraps(fn)
    def call(*args: Any) -> Any:
        return (compiled or dispatcher())(*args)

    call.dispatcher = dispatcher  # type: ignore[attr-defined]
    return call  # type: ignore[return-value]


def _replace_everywhere(stand_in: Callable[..., Any], compiled: Callable[..., Any]) -> None:
    """Put ``compiled`` in place of ``stand_in`` wherever a module of the game holds it by name
    (its own module, and those that imported it with ``from ... import``): from then on their
    calls go straight to numba's dispatcher, without the stand-in's Python frame (~0.2 us a
    call, ~20 calls a tick). Modules outside the game keep the stand-in, which still works."""
    for module_name, module in list(sys.modules.items()):
        if module_name.startswith("hyosan."):
            names = vars(module)
            for name in [name for name, value in names.items() if value is stand_in]:
                names[name] = compiled


def warm_up() -> None:
    """Start numba's compiler now (~0.3 s, once a process) rather than at a level's first tick:
    a level calls this as it loads, so play never stalls on it."""
    _ready(0)


@kernel
def _ready(x):  # type: ignore[no-untyped-def]
    return x + 1
