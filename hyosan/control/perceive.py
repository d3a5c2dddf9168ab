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

Where the current objective sends the squad (``objective_spot``, ``objective_tiles``) is read
here too, so the objective arrow (``render.objective_pointer``) and the Gymnasium environment
(``playtest.env``) find the same place.
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np

from ..sim.director import STATION_REACH_PX
from ..sim.units import TILE_PX

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


def objective_spot(world: Any) -> tuple[float, float, str] | None:
    """Where the current objective sends the squad (world px) and its word, or None when it
    names no place (survive, hold until a sound ends or a wave is over). A station is its
    spot; a trail marker, its ribbon (the zone's near edge came into view first, and the arrow
    went away with no ribbon on screen); an exit or another zone, the point of it nearest the
    lead."""
    objectives = getattr(world, "objectives", None)
    o = objectives.current if objectives is not None else None
    if o is None:
        return None
    station = o.worked_station
    if station:
        st = next((s for s in world.director.stations if s.spec.id == station), None)
        if st is None:
            return None
        # its id ("key-box", "padlock", "intercom"): the kind can be another thing's ("door-switch")
        return st.spec.at[0] * TILE_PX, st.spec.at[1] * TILE_PX, st.spec.id.replace("-", " ")
    if o.kind == "reach-zone" and o.zone not in objectives.zones:
        return None  # (a validated level always names one)
    if o.kind == "reach-zone":
        ribbon = next(((mx, my) for zone, mx, my, _tied in objectives.marker_spots(world)
                       if zone == o.zone), None)
        if ribbon is not None:  # a trail marker: the ribbon itself, not the zone's near edge
            return ribbon[0] * TILE_PX, ribbon[1] * TILE_PX, o.zone.replace("-", " ")
    if o.kind in ("reach-exit", "reach-zone"):
        x, y = objectives.into_area(world, o, world.student_pos(world.lead_student))
        return float(x), float(y), "exit" if o.kind == "reach-exit" else o.zone.replace("-", " ")
    return None


def objective_tiles(world: Any) -> np.ndarray | None:
    """The tiles (rows, cols bool) of the place the current objective names, or None when it
    names none (``objective_spot`` is None): a station's, every tile whose centre is within
    ``STATION_REACH_PX`` of its spot (where it is worked from); an exit's or a zone's, the tiles
    the objective counts a student in (``Objectives.area_tiles``: a trail marker's ribbon
    included). The place does not move while the objective stays current: a goal for a flow field."""
    spot = objective_spot(world)
    if spot is None:
        return None
    objectives = world.objectives
    o = objectives.current
    if not o.worked_station:
        return objectives.area_tiles(world, o)
    rows, cols = world.tilemap.kind.shape
    cy = (np.arange(rows)[:, None] + 0.5) * TILE_PX
    cx = (np.arange(cols)[None, :] + 0.5) * TILE_PX
    return (cx - spot[0]) ** 2 + (cy - spot[1]) ** 2 <= STATION_REACH_PX ** 2
