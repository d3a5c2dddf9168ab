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


def rim_guard(mask: np.ndarray, tilemap: TileMap, pos: np.ndarray, vel: np.ndarray,
              vx: float, vy: float) -> tuple[float, float]:
    """The lead's wanted velocity (px/s) with every part that would carry it over a drop taken
    out: its own step stops at the rim and slides along it. Played by hand on the Site: a
    diagonal step meant for the east door walked Nam-ra into the lift shaft, and the squad lost
    her to a key held a beat too long. A push (the crowd, a prop, a lunge) still sends a student
    over; only the student's own legs are held back.

    Looked at per axis, then on the diagonal, from the centre ``pos`` (px) ahead by the body
    (RIM_MARGIN_PX), one tick of the wanted step and the distance the drive needs to stop from
    the speed the student has now along that axis (``vel``, px/s): braking starts in time and
    the student halts at the rim, not before it."""
    if vx == 0.0 and vy == 0.0:
        return vx, vy

    def ahead(want: float, now: float) -> float:
        moving = abs(now) if now * want > 0.0 else 0.0  # speed already carrying it that way
        return math.copysign(RIM_MARGIN_PX + moving * moving / (2.0 * DRIVE_ACCEL) + abs(want) * TICK_DT, want)

    def drop(x: float, y: float) -> bool:
        c, r = tilemap.tile_of(x, y)
        return bool(mask[r, c])

    x, y = float(pos[0]), float(pos[1])
    ax = ahead(vx, float(vel[0])) if vx else 0.0
    ay = ahead(vy, float(vel[1])) if vy else 0.0
    if vx and drop(x + ax, y):
        vx, ax = 0.0, 0.0
    if vy and drop(x, y + ay):
        vy, ay = 0.0, 0.0
    if vx and vy and drop(x + ax, y + ay):  # a corner of the drop, straight ahead on the diagonal
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
    rows = horde.rows_on(mask, awake_only=True)
    for row in rows.tolist():
        p = world.bodies.pos[horde.body_index[horde.slot_all[row]]]
        horde.request_kill(row, "fall")
        events.append(ev.Fell(float(p[0]), float(p[1]), breed=horde.breeds.ids[int(horde.breed_all[row])]))
    fell = int(rows.size)
    students = world.students
    body_rows = getattr(world, "fall_rows", None)
    if body_rows is None or body_rows.size != len(students):  # (an ally joined: the roster only grows)
        body_rows = world.fall_rows = np.array([s.index for s in students], dtype=np.intp)
    pos = world.bodies.pos
    # The students over a drop, in roster order; most ticks, one compiled pass finds none. (A
    # student who fell before lies there still, out of play: skipped.)
    k = _first_over(pos, body_rows, mask, 0)
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


def fall_student(world, student, events: list[ev.Event]) -> None:
    """A student goes over the edge: down and gone from the level (it counts as lost)."""
    student.fell = True
    x, y = leave_play(world, student, events)
    events.append(ev.Fell(x, y, student=student.id))
    events.append(ev.Sound(x, y, 380.0, "scream", student.id))
