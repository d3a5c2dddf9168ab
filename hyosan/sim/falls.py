"""Falls: the drop at an edge. An ``edge`` tile or a zone with role ``fall`` is open air:
anything whose centre ends a tick over it goes down. A zombie is removed (a death with cause
"fall"); a student is down, lost to the squad (no zombie rises: the fall is the end of them).

Nothing walks over an edge on purpose: the horde's flow fields and the followers' paths treat
those tiles as impassable, and the lead's own step stops at the rim (``rim_guard``). What goes
over is pushed (crowd pressure, a prop, a shove) or charges straight at prey it cannot reach
another way.
"""

from __future__ import annotations

import math

import numpy as np

from ..content.schema import ZoneSpec, tile_span
from . import events as ev
from .jit import kernel
from .squad import DRIVE_ACCEL, STUDENT_RADIUS, leave_play
from .tilemap import EDGE, TileMap
from .units import TICK_DT, TILE_PX

# px the lead's centre stays short of a drop: its body stands on the rim, not over it.
RIM_MARGIN_PX = STUDENT_RADIUS


def fall_mask(tilemap: TileMap, zones: tuple[ZoneSpec, ...]) -> np.ndarray:
    """(rows, cols) bool: True where a body falls (edge tiles and every tile a fall zone covers)."""
    mask = tilemap.kind == EDGE
    for z in zones:
        if z.role != "fall":
            continue
        c0, c1, r0, r1 = tile_span(z.rect)
        mask[max(r0, 0):max(r1, 0), max(c0, 0):max(c1, 0)] = True
    return mask


def rim_guard(mask: np.ndarray, pos: np.ndarray, vel: np.ndarray, vx: float, vy: float) -> tuple[float, float]:
    """The lead's wanted velocity (px/s) with every part that would carry it over a drop taken
    out: its own step stops at the rim and slides along it. Played by hand on the Site: a
    diagonal step meant for the east door walked Nam-ra into the lift shaft, and the squad lost
    her to a key held a beat too long. A push (the crowd, a prop, a lunge) still sends a student
    over; only the student's own legs are held back.

    Looked at per axis, then on the diagonal, from the centre ``pos`` (px) ahead by the body
    (RIM_MARGIN_PX), one tick of the wanted step and the distance the drive needs to stop from
    the speed the student has now along that axis (``vel``, px/s): braking starts in time and
    the student halts at the rim, not before it. A point's tile is ``TileMap.tile_of``'s
    (``mask`` is the map's shape)."""
    if vx == 0.0 and vy == 0.0:
        return vx, vy
    x, y = pos.tolist()
    now_x, now_y = vel.tolist()
    # (one compiled pass: the Python version's closures, tile lookups and tests cost ~3 us a
    # moving tick on a level with drops)
    return _rim_guard(mask, x, y, now_x, now_y, float(vx), float(vy))


@kernel
def _ahead(want: float, now: float) -> float:
    """px ahead of the centre to look for a drop along one axis: the body, the distance the
    drive needs to stop from ``now`` px/s (when it already carries it the ``want`` way), and
    one tick of the wanted ``want`` px/s, signed as ``want``."""
    moving = abs(now) if now * want > 0.0 else 0.0  # speed already carrying it that way
    return math.copysign(RIM_MARGIN_PX + moving * moving / (2.0 * DRIVE_ACCEL) + abs(want) * TICK_DT, want)


@kernel
def _drop(mask: np.ndarray, x: float, y: float) -> bool:
    """Whether (x, y) px is over a drop: ``mask`` at ``TileMap.tile_of``'s tile (Python's
    float floor division by the tile, clamped into the map)."""
    rows, cols = mask.shape
    c = min(max(int(x // TILE_PX), 0), cols - 1)
    r = min(max(int(y // TILE_PX), 0), rows - 1)
    return mask[r, c]


@kernel
def _rim_guard(mask: np.ndarray, x: float, y: float, now_x: float, now_y: float, vx: float,
               vy: float) -> tuple[float, float]:
    """``rim_guard`` from the centre (x, y) px, the velocity now (px/s) and the wanted one
    (px/s, not both 0): per axis, then on the diagonal."""
    ax = _ahead(vx, now_x) if vx else 0.0
    ay = _ahead(vy, now_y) if vy else 0.0
    if vx and _drop(mask, x + ax, y):
        vx, ax = 0.0, 0.0
    if vy and _drop(mask, x, y + ay):
        vy, ay = 0.0, 0.0
    if vx and vy and _drop(mask, x + ax, y + ay):  # a corner of the drop, straight ahead on the diagonal
        vx, vy = 0.0, 0.0
    return vx, vy


def apply_falls(world, events: list[ev.Event]) -> int:
    """After the physics step: everything over a fall tile goes down. Returns how many fell."""
    if not world.has_drops:
        return 0
    mask = world.fall_mask
    horde = world.horde
    # Sleepers lie where they stood still, awake, for half a second: had that been over a fall
    # tile they would have fallen then (the mask never changes), so only the awake can fall.
    # Most ticks nobody is over a drop: one compiled pass that answers with a number says so
    # (the same tile test as ``rows_on``'s), and only then are the rows gathered into an
    # array (its boxing cost ~1.5 us a tick on the Site, for an empty answer).
    students = world.students
    body_rows = getattr(world, "fall_rows", None)
    if body_rows is None or body_rows.size != len(students):  # (an ally joined: the roster only grows)
        body_rows = world.fall_rows = np.array([s.index for s in students], dtype=np.intp)
    pos = world.bodies.pos
    # (the usual tick, nobody over a drop, in one dispatch: both questions below at once)
    over = _who_is_over(pos, horde._awake_index() if horde.awake else _NO_ROWS, body_rows, mask)
    if not over:
        return 0
    fell = 0
    if over & _ZOMBIE_OVER:
        rows = horde.rows_on(mask, awake_only=True)
        for row in rows.tolist():
            p = world.bodies.pos[horde.body_index[horde.slot_all[row]]]
            horde.request_kill(row, "fall")
            events.append(ev.Fell(float(p[0]), float(p[1]), breed=horde.breeds.ids[int(horde.breed_all[row])]))
        fell = int(rows.size)
    # The students over a drop, in roster order. (A student who fell before lies there still,
    # out of play: skipped.)
    k = _first_over(pos, body_rows, mask, 0) if over & _STUDENT_OVER else -1
    while k >= 0:
        if students[k].alive:
            fall_student(world, students[k], events)
            fell += 1
        k = _first_over(pos, body_rows, mask, k + 1)
    return fell


@kernel
def _first_over(pos: np.ndarray, rows: np.ndarray, mask: np.ndarray, start: int) -> int:
    """The first k >= ``start`` whose body (``pos[rows[k]]``, px) stands on a True tile of
    ``mask`` (rows, cols), else -1. The tile as ``TileMap.tile_of`` finds it: ``x // TILE_PX``
    (a power of two: the exact floor of x / TILE_PX), clamped into the map."""
    n_rows, n_cols = mask.shape
    for k in range(start, rows.size):
        c = min(max(np.floor(pos[rows[k], 0] / TILE_PX), 0.0), n_cols - 1.0)  # (clamped as floats: no overflow)
        r = min(max(np.floor(pos[rows[k], 1] / TILE_PX), 0.0), n_rows - 1.0)
        if mask[int(r), int(c)]:
            return k
    return -1


_NO_ROWS = np.zeros(0, dtype=np.intp)  # the awake rows' bodies when nobody is awake
_ZOMBIE_OVER, _STUDENT_OVER = 1, 2  # _who_is_over's bits


@kernel
def _who_is_over(pos: np.ndarray, zombie_rows: np.ndarray, student_rows: np.ndarray, mask: np.ndarray) -> int:
    """``_first_over`` of the awake zombies' bodies and of the students' from 0, as bits:
    ``_ZOMBIE_OVER`` when some zombie stands on a True tile of ``mask``, ``_STUDENT_OVER`` when
    some student does (0, most ticks: nobody over a drop)."""
    over = 0
    if _first_over(pos, zombie_rows, mask, 0) >= 0:
        over |= _ZOMBIE_OVER
    if _first_over(pos, student_rows, mask, 0) >= 0:
        over |= _STUDENT_OVER
    return over


def fall_student(world, student, events: list[ev.Event]) -> None:
    """A student goes over the edge: down and gone from the level (it counts as lost)."""
    student.fell = True
    x, y = leave_play(world, student, events)
    events.append(ev.Fell(x, y, student=student.id))
    events.append(ev.Sound(x, y, 380.0, "scream", student.id))
