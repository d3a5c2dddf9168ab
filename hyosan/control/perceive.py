"""What bots and playtest statistics may read of a world, tolerant of parts not built yet.

The horde is being added to ``World`` in parallel. Everything here reads it through
``getattr(world, "horde", None)`` and a few likely attribute names, and falls back to "no
zombies" (empty arrays, zero counts) when the world has no horde or the horde lacks an
attribute. Read-only: nothing here changes the world.

Horde attributes understood (the first that exists wins):

- positions (px, shape (n, 2)): ``pos``, ``positions``, ``xy``
- which rows are living zombies (bool, shape (n,)): ``alive``, ``active``; or ``count``/``n``
  meaning the first rows are in use
- which are chasing (bool): ``chasing``, ``alerted``; or ``state`` compared with the horde's
  (or its module's) ``CHASE``/``STATE_CHASE`` code
- how many were ever spawned: ``spawned_total``, ``spawned``, ``total_spawned``
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np

_NO_POS = np.zeros((0, 2), dtype=np.float64)
_NO_MASK = np.zeros(0, dtype=bool)


def horde_of(world: Any) -> Any:
    """The world's horde, or None when the world has none."""
    return getattr(world, "horde", None)


def _first(obj: Any, names: tuple[str, ...]) -> Any:
    for name in names:
        value = getattr(obj, name, None)
        if value is not None:
            return value
    return None


def _rows(horde: Any, n: int) -> np.ndarray:
    """A bool mask of the rows that hold living zombies."""
    alive = _first(horde, ("alive", "active"))
    if alive is not None:
        mask = np.asarray(alive, dtype=bool).reshape(-1)[:n]
        return np.pad(mask, (0, n - mask.size)) if mask.size < n else mask
    count = _first(horde, ("count", "n"))
    if isinstance(count, (int, np.integer)) and not callable(count):
        mask = np.zeros(n, dtype=bool)
        mask[: int(count)] = True
        return mask
    return np.ones(n, dtype=bool)


def _all_positions(horde: Any) -> np.ndarray:
    pos = _first(horde, ("pos", "positions", "xy"))
    if pos is None:
        return _NO_POS
    arr = np.asarray(pos, dtype=np.float64)
    return arr.reshape(-1, 2) if arr.size else _NO_POS


def zombie_positions(world: Any) -> np.ndarray:
    """Positions (px, (n, 2)) of the living zombies; empty without a horde."""
    horde = horde_of(world)
    if horde is None:
        return _NO_POS
    pos = _all_positions(horde)
    return pos[_rows(horde, len(pos))]


def _state_is(horde: Any, n: int, names: tuple[str, ...]) -> np.ndarray | None:
    """Rows whose ``state`` equals the horde module's constant named in ``names`` (None when
    the horde has no such state)."""
    state = getattr(horde, "state", None)
    if state is None:
        return None
    module = sys.modules.get(type(horde).__module__)
    code = _first(horde, names)
    if code is None and module is not None:
        code = _first(module, names)
    if code is None:
        return None
    mask = np.asarray(state).reshape(-1)[:n] == code
    return np.pad(mask, (0, n - mask.size)) if mask.size < n else mask


def _chasing_all(horde: Any, n: int) -> np.ndarray:
    flag = _first(horde, ("chasing", "alerted"))
    if flag is not None and not callable(flag):
        mask = np.asarray(flag, dtype=bool).reshape(-1)[:n]
        return np.pad(mask, (0, n - mask.size)) if mask.size < n else mask
    mask = _state_is(horde, n, ("CHASE", "STATE_CHASE"))
    return mask if mask is not None else np.zeros(n, dtype=bool)


def chasing_mask(world: Any) -> np.ndarray:
    """For each living zombie (as in ``zombie_positions``), whether it is chasing."""
    horde = horde_of(world)
    if horde is None:
        return _NO_MASK
    n = len(_all_positions(horde))
    return _chasing_all(horde, n)[_rows(horde, n)]


def zombies_alive(world: Any) -> int:
    """How many zombies are alive now (0 without a horde)."""
    return int(len(zombie_positions(world)))


def zombies_alerted(world: Any) -> int:
    """How many living zombies are chasing or alerted now (0 without a horde)."""
    return int(chasing_mask(world).sum())


def zombies_investigating(world: Any) -> int:
    """How many living zombies are going to a sound they heard (or a prey they lost) now: the
    horde that is stirred but has not seen anyone (0 without a horde)."""
    horde = horde_of(world)
    if horde is None:
        return 0
    n = len(_all_positions(horde))
    mask = _state_is(horde, n, ("INVESTIGATE", "STATE_INVESTIGATE"))
    return int(mask[_rows(horde, n)].sum()) if mask is not None else 0


def zombies_spawned(world: Any) -> int | None:
    """How many zombies the horde has ever spawned, when it keeps count (None otherwise)."""
    horde = horde_of(world)
    value = _first(horde, ("spawned_total", "spawned", "total_spawned")) if horde is not None else None
    return int(value) if isinstance(value, (int, np.integer)) else None
