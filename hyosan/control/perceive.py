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

import math
import sys
import weakref
from typing import Any

import numpy as np

from ..sim.director import STATION_REACH_PX
from ..sim.horde.horde import CHASE, Horde
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


def _own_horde(horde: Any) -> bool:
    """The game's own ``Horde``: its first ``n`` rows are the living, ``pos`` and ``state``
    views of them (what the name lookups below come to for it, read straight off)."""
    return type(horde) is Horde


def zombie_positions(world: Any) -> np.ndarray:
    """Positions (px, (n, 2)) of the living zombies; empty without a horde."""
    horde = horde_of(world)
    if horde is None:
        return _NO_POS
    if _own_horde(horde):
        return horde.pos.copy()
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
    if _own_horde(horde):
        return horde.state == CHASE
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
        lead = world.student_pos(world.lead_student)
        word = "exit" if o.kind == "reach-exit" else o.zone.replace("-", " ")
        walked = _nearest_piece_by_walking(world, o, lead)
        if walked is not None:
            return walked[0], walked[1], word
        x, y = objectives.into_area(world, o, lead)
        return float(x), float(y), word
    return None


# world -> {(objective id, grid version): per piece of its place, the walking distance field to it}
_PIECE_FIELDS: weakref.WeakKeyDictionary[Any, dict[tuple[str, int], list[np.ndarray]]] = weakref.WeakKeyDictionary()


def _nearest_piece_by_walking(world: Any, o: Any, lead: np.ndarray) -> tuple[float, float] | None:
    """For a place in more than one piece: the centre of the tile, of the piece the lead can
    walk to soonest, nearest the lead; None for a place in one piece (or none reached). The
    Trolley's exit is the corridor's end and storeroom D across a wall: the pause map's ring
    sat at the storeroom's corner, nearest in a straight line and far round by the corridor.
    Walls, drops and shut doors (a locked one costs more, as for the horde) as the horde's
    walk costs have them; worked out once per piece each time a door opens or breaks."""
    objectives = world.objectives
    parts = objectives.pieces(world, o)
    count = int(parts.max())
    horde = getattr(world, "horde", None)
    if count < 2 or horde is None:
        return None
    from ..sim.nav import flow_field

    fields = _PIECE_FIELDS.setdefault(world, {})
    key = (o.id, int(horde.grid_version))
    dists = fields.get(key)
    if dists is None:
        fields.clear()  # (only the current grid's are of use)
        dists = fields[key] = [flow_field(horde.walk_cost, np.argwhere(parts == k)).dist for k in range(1, count + 1)]
    c, r = world.tilemap.tile_of(float(lead[0]), float(lead[1]))
    walk = [float(d[r, c]) for d in dists]
    k = min(range(count), key=walk.__getitem__)  # (the first of equals: the lower piece)
    if not math.isfinite(walk[k]):
        return None  # no piece reached on foot: the straight-line point (``into_area``)
    rows, cols = np.nonzero(parts == k + 1)
    x, y = (cols + 0.5) * TILE_PX, (rows + 0.5) * TILE_PX
    i = int(np.argmin(np.hypot(x - float(lead[0]), y - float(lead[1]))))
    return float(x[i]), float(y[i])


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
