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
import threading
from collections.abc import Callable
from types import FunctionType
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

# Every kernel's ``dispatcher`` (see ``kernel``), in the order they were defined, and how many
# of them ``preload`` has walked. The lock keeps two threads (play, and a preload in the
# background) from making one kernel's numba dispatcher twice, or walking one twice.
_DISPATCHERS: list[Callable[[], Any]] = []
_preloaded = 0
_lock = threading.RLock()


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
        if compiled is not None:
            return compiled
        with _lock:
            if compiled is None:
                import numba

                try:
                    made = numba.njit(cache=True, nogil=True, error_model="numpy")(fn)
                except RuntimeError:  # nowhere writable to cache to: compile afresh in every process
                    made = numba.njit(nogil=True, error_model="numpy")(fn)
                for name in fn.__code__.co_names:
                    other = fn.__globals__.get(name)
                    if callable(getattr(other, "dispatcher", None)):
                        fn.__globals__[name] = other.dispatcher()  # type: ignore[union-attr]
                _replace_everywhere(call, made)
                compiled = made  # (last: another thread sees it only once it is in place)
        return compiled

    @functools.wraps(fn)
    def call(*args: Any) -> Any:
        return (compiled or dispatcher())(*args)

    call.dispatcher = dispatcher  # type: ignore[attr-defined]
    _DISPATCHERS.append(dispatcher)
    return call  # type: ignore[return-value]


def _replace_everywhere(stand_in: Callable[..., Any], compiled: Callable[..., Any]) -> None:
    """Put ``compiled`` in place of ``stand_in`` wherever a module of the game holds it by name
    (its own module, and those that imported it with ``from ... import``): from then on their
    calls go straight to numba's dispatcher, without the stand-in's Python frame (~0.2 us a
    call, ~20 calls a tick). Modules outside the game keep the stand-in, which still works."""
    for names, name in _holders(stand_in):
        if names.get(name) is stand_in:
            names[name] = compiled


Holders = dict[int, tuple[Callable[..., Any], list[tuple[dict[str, Any], str]]]]
_holder_index: tuple[tuple[int, ...], Holders] = ((), {})


def _holders(stand_in: Callable[..., Any]) -> list[tuple[dict[str, Any], str]]:
    """Where the game's modules hold ``stand_in``: [(module namespace, name)], taken out of an
    index of every kernel stand-in (by id, with the stand-in itself) made in one walk of the
    game's modules (~2 ms). The walk is made again only when the game's modules changed or
    ``stand_in`` is not in the index: each kernel's first call used to walk them all itself,
    ~2 ms each, inside play."""
    global _holder_index
    modules = [module for name, module in list(sys.modules.items()) if name.startswith("hyosan.")]
    key = tuple(map(id, modules))
    known = _holder_index[1].get(id(stand_in))
    if _holder_index[0] != key or known is None or known[0] is not stand_in:
        index: Holders = {}
        for module in modules:
            names = vars(module)
            for name, value in list(names.items()):
                if isinstance(value, FunctionType) and "dispatcher" in value.__dict__:  # (a stand-in)
                    index.setdefault(id(value), (value, []))[1].append((names, name))
        _holder_index = (key, index)
    held = _holder_index[1].pop(id(stand_in), None)
    return held[1] if held is not None and held[0] is stand_in else []


def preload(stop: threading.Event | None = None) -> int:
    """Load every version of every kernel defined so far that numba's cache holds for this
    machine (compiling none), so that none loads in the middle of play. A kernel's first call
    otherwise reads it from the cache then, 5-10 ms each: kernels a level first needs minutes
    in (the nights' horde, the Site's crane) loaded inside the timed playtest runs, 0.1-0.3 s
    of a campaign solver run's wall time (1.4-7 %) in a fresh process, and in the window they
    were hitches as the horde first came. All of them take ~1.5-2.5 s, so this runs where that
    is paid once: before the bench's timed runs, and behind the menus (``preload_in_background``).
    Returns how many versions were loaded. Calling again looks only at kernels defined since;
    ``stop`` set: returns between two loads. On a numba whose cache is laid out otherwise it
    loads nothing, and kernels load on first call as before."""
    global _preloaded
    loaded = 0
    while stop is None or not stop.is_set():
        with _lock:
            if _preloaded == len(_DISPATCHERS):
                return loaded
            dispatcher = _DISPATCHERS[_preloaded]
            _preloaded += 1
        loaded += _load_cached(dispatcher(), stop)
    return loaded


def preload_in_background() -> Callable[[], None]:
    """``preload`` in a daemon thread (the title screen starts it: by the time a level starts,
    its kernels are in). Returns what stops it and waits for it (at most one kernel load,
    ~10 ms), for the window's exit: numba must not be loading as the interpreter shuts down."""
    stop = threading.Event()
    worker = threading.Thread(target=_preload_quietly, args=(stop,), name="hyosan-preload", daemon=True)
    worker.start()

    def stop_and_wait() -> None:
        stop.set()
        worker.join()
    return stop_and_wait


def _preload_quietly(stop: threading.Event) -> None:
    """The background preload: a cache it cannot read costs only the hitches it would have
    saved, never the game (each kernel still loads, or compiles, on its first call)."""
    try:
        preload(stop)
    except Exception as exc:  # noqa: BLE001 - numba's cache internals; the game goes on without it
        print(f"hyosan: kernels not preloaded ({type(exc).__name__}: {exc})", file=sys.stderr)


def _load_cached(compiled: Any, stop: threading.Event | None = None) -> int:
    """The versions of one numba dispatcher that its cache index lists for this machine and
    for the kernel's code as it is now, loaded (``compile`` finds each in the cache)."""
    try:
        cache = compiled._cache
        index = cache._cache_file._load_index()
        codegen = compiled.targetctx.codegen()
    except (AttributeError, OSError, EOFError, ValueError):  # another numba, or an unreadable index
        return 0
    loaded = 0
    for key in index:
        signature = key[0]
        if signature in compiled.overloads or cache._index_key(signature, codegen) != key:
            continue  # loaded already, or made for another machine or an older version of the code
        if stop is not None and stop.is_set():
            break
        compiled.compile(signature)
        loaded += 1
    return loaded


def warm_up() -> None:
    """Start numba's compiler now (~0.3 s, once a process) rather than at a level's first tick:
    a level calls this as it loads, so play never stalls on it."""
    _ready(0)


@kernel
def _ready(x):  # type: ignore[no-untyped-def]
    return x + 1
