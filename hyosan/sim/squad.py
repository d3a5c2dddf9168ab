"""The squad: students as pymunk bodies driven through control bodies, with gait, stamina,
facing, grabbing, and followers that keep a loose formation around the lead.

Python loops here run over students (a handful), never over zombies.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pymunk

from ._relax import DIRS, SQRT2
from .jit import kernel
from .physics import ALL, CAT_STUDENT, set_velocity
from .tile_search import DIRS_I64, search_begin, search_steps
from .units import TILE_PX

STUDENT_RADIUS = 5.0  # px
STUDENT_MASS = 60.0  # kg
DRIVE_ACCEL = 450.0  # px/s²: reaches walking speed in ~0.2 s, and stops from a sprint in ~30 px
DRIVE_FORCE = STUDENT_MASS * DRIVE_ACCEL  # N-ish: can't shift a locker alone
GAIT_SPEED = {"sneak": 55.0, "walk": 95.0, "sprint": 165.0}  # px/s
GAIT_NOISE = {"sneak": 0.0, "walk": 70.0, "sprint": 180.0}  # loudness px per footstep
STEP_TICKS = {"sneak": 24, "walk": 20, "sprint": 14}  # ticks between footsteps
# Stamina is counted in whole units so that it empties and fills exactly (no float drift):
STAMINA_FULL = 720  # units
SPRINT_DRAIN = 3  # units per tick: full to empty in 240 ticks = 4 s
STAMINA_REFILL = 2  # units per tick: empty to full in 360 ticks = 6 s
SPRINT_RESUME = STAMINA_FULL // 4  # an emptied student may sprint again from a quarter full
GRAB_REACH = 10.0  # px from the student's edge to a prop's surface
FOLLOW_GAP = 28.0  # px: followers stop this far from their formation slot
WALK_NOISE_MULT = {"on-jo": 0.7}  # per-student trait multipliers on footstep loudness
# GAME.md: Cheong-san is the fastest sprinter: 185 px/s where a zombie chases at 150 and the
# others sprint at 165, so a taunt (sim.specials) can be shouted and outrun while stamina lasts.
SPRINT_MULT = {"cheong-san": 185.0 / 165.0}


def sprint_mult(student_id: str, gait: str) -> float:
    """A student's own factor on its speed at ``gait`` (1 for all but a sprinting Cheong-san)."""
    return SPRINT_MULT.get(student_id, 1.0) if gait == "sprint" else 1.0


@dataclass
class Student:
    """One student: body, control body, and the state that is not physics."""

    id: str
    body: pymunk.Body
    control: pymunk.Body
    index: int  # row in the world's BodyTable
    health: float = 1.0
    infected_ticks: int = 0  # counts down to turning; 0 = not infected
    stamina_units: int = STAMINA_FULL
    exhausted: bool = False
    alive: bool = True
    facing: tuple[float, float] = (0.0, 1.0)
    step_timer: int = 0
    grab_joint: pymunk.PivotJoint | None = None
    grabbed_prop: str | None = None
    grip_slipped: bool = False  # the grip slipped (world.GRIP_SLIP_PX): E takes hold again only once let go
    grab_lock: pymunk.GearJoint | None = None  # holds the held prop's turn while it is pushed (in the space then)
    moving_gait: str = ""
    hold: bool = False  # follower told to hold position
    hold_at: tuple[float, float] = field(default=(0.0, 0.0))
    action_cooldown: int = 0  # ticks until the next melee or shove
    panic_timer: int = 0  # ticks spent panicking (a scream every so often)
    fell: bool = False  # went over an edge (down, not turned)
    stayed: bool = False  # stayed behind as bait (gone from the squad, not a survivor)
    halfbie: bool = False  # a halfbie ally (Nam-ra in level 4): see hyosan/sim/hunger.py
    hunger: float = 0.0  # 0 calm .. 1 starving (halfbie allies only)
    starving: bool = False  # growling until hunger falls back to calm
    weapon: str = "none"  # the level's choice (schema.WEAPONS); "bow": Space shoots while arrows last
    arrows: int = 0  # arrows left (a bow's student starts with actions.ARROWS_PER_LEVEL)
    special_charges: int = -1  # uses of the student's own move left (-1: no limit; specials.py)
    special_cooldown: int = 0  # ticks until the move can be used again
    bite_grace: int = 0  # ticks until the next bite can land (world.BITE_GRACE_TICKS after one)
    # the origin label (horde/origins.py) of the zombie whose bite last landed, "" before any:
    # who a loss is charged to in the playtest's deaths by group (not simulated, not hashed)
    bitten_by: str = ""

    @property
    def stamina(self) -> float:
        """Stamina as a fraction, 0 (empty) to 1 (full)."""
        return self.stamina_units / STAMINA_FULL


def start_point(spec, i: int) -> tuple[float, float]:
    """Where the ``i``-th student of ``spec``'s roster starts (px): at its ``at``, else round
    the map's 'S' tile (the first on it, the rest in a 12 px ring)."""
    sspec = spec.squad[i]
    if sspec.at[0] >= 0:
        return sspec.at[0] * TILE_PX, sspec.at[1] * TILE_PX
    spawn = spec.map.tiles_of("spawn")[0]
    angle = 2 * math.pi * i / max(1, len(spec.squad))
    ring = 0.0 if i == 0 else 12.0
    return (spawn[0] + 0.5) * TILE_PX + ring * math.cos(angle), (spawn[1] + 0.5) * TILE_PX + ring * math.sin(angle)


def build_student(space: pymunk.Space, student_id: str, x: float, y: float) -> tuple[pymunk.Body, pymunk.Body]:
    """A circle body plus a kinematic control body that drags it (tank.py pattern)."""
    body = pymunk.Body(STUDENT_MASS, pymunk.moment_for_circle(STUDENT_MASS, 0, STUDENT_RADIUS))
    body.position = (x, y)
    shape = pymunk.Circle(body, STUDENT_RADIUS)
    # No surface friction: a student slides along whatever it brushes (a wall, a friend, a
    # trolley). With friction, a lead squeezed between a friend and a trolley row in the
    # trolley box's 19 px corridor was held fast by the pinch (contact impulses ~1e4 a tick
    # against a drive of 450): the player pressed forward and nothing moved.
    shape.friction = 0.0
    shape.filter = pymunk.ShapeFilter(categories=CAT_STUDENT, mask=ALL)
    control = pymunk.Body(body_type=pymunk.Body.KINEMATIC)
    control.position = (x, y)
    space.add(body, shape, control)
    pivot = pymunk.PivotJoint(control, body, (0, 0), (0, 0))
    pivot.max_bias = 0.0
    pivot.max_force = DRIVE_FORCE
    gear = pymunk.GearJoint(control, body, 0.0, 1.0)
    gear.max_bias = 0.0
    gear.max_force = 1.0e7  # students don't spin; facing is tracked separately
    space.add(pivot, gear)
    return body, control


def resolve_gait(student: Student, wanted: str) -> str:
    """The gait a student can actually use, given stamina."""
    if wanted == "sprint" and (student.exhausted or student.stamina_units <= 0):
        return "walk"
    return wanted


def update_stamina(student: Student, gait: str, moving: bool) -> None:
    """Sprinting drains stamina; anything else refills it."""
    if moving and gait == "sprint":
        student.stamina_units = max(0, student.stamina_units - SPRINT_DRAIN)
        if student.stamina_units == 0:
            student.exhausted = True
    else:
        student.stamina_units = min(STAMINA_FULL, student.stamina_units + STAMINA_REFILL)
        if student.exhausted and student.stamina_units >= SPRINT_RESUME:
            student.exhausted = False


def drive(student: Student, vx: float, vy: float) -> None:
    """Set the velocity the control body pulls the student toward (px/s)."""
    set_velocity(student.control, vx, vy)


def leave_play(world, student: Student, events: list) -> tuple[float, float]:
    """Take ``student`` out of play (fallen, or stayed behind as bait): not alive for the
    objectives or the score, their grip let go, their body out of every collision and still,
    and the lead passed on if it was theirs (to the friend nearest where they fell). Returns
    where they were (px)."""
    p = world.student_pos(student)
    student.alive = False
    if student.grab_joint is not None:
        world._release(student, events)
    for shape in student.body.shapes:
        shape.filter = pymunk.ShapeFilter(categories=0, mask=0)
    drive(student, 0.0, 0.0)
    if world.lead_student is student:
        world._switch_lead(events, nearest_to=(float(p[0]), float(p[1])))
    return float(p[0]), float(p[1])


def follower_velocity(pos, target) -> tuple[float, float, str]:
    """Walk from ``pos`` toward a formation slot ``target`` ((x, y) px each), sneaking when
    close (quiet near the lead)."""
    dx, dy = float(target[0]) - float(pos[0]), float(target[1]) - float(pos[1])  # px (Python floats: numpy's bits, less overhead)
    dist = math.hypot(dx, dy)
    if dist < FOLLOW_GAP:
        return 0.0, 0.0, ""
    gait = "walk" if dist > FOLLOW_GAP * 3 else "sneak"
    speed = GAIT_SPEED[gait]
    return dx / dist * speed, dy / dist * speed, gait


def path_velocity(pos, target, d_lead: float) -> tuple[float, float, str]:
    """Walk from ``pos`` straight at ``target`` ((x, y) px: a path waypoint, a point of the
    exit): sneaking within ``SNEAK_NEAR_PX`` of the lead (``d_lead`` px away), walking farther off."""
    dx, dy = float(target[0]) - float(pos[0]), float(target[1]) - float(pos[1])
    dist = math.hypot(dx, dy) or 1.0
    gait = "sneak" if d_lead <= SNEAK_NEAR_PX else "walk"
    speed = GAIT_SPEED[gait]
    return dx / dist * speed, dy / dist * speed, gait


# A follower standing in the way of a walking lead makes way instead of holding its slot:
# turning round, dragging a prop backwards or walking back down a lane, the lead found its
# own squad a wall (the formation slots lie behind the lead's facing, i.e. where it walks).
YIELD_AHEAD_PX = 44.0  # px: a follower at most this far ahead of the lead can be in its way
YIELD_HALF_WIDTH_PX = 13.0  # px: ...when this close to the lead's line of travel (two radii and a margin)
YIELD_LEAD_SPEED = 20.0  # px/s: a lead trying to walk slower than this is not walking anywhere
HELD_YIELD_PX = 2 * STUDENT_RADIUS + 4.0  # px ahead (two student radii and a margin): a held follower this close is against the lead


def make_way(pos: np.ndarray | list[list[float]], hold: list[bool], lead_pos: np.ndarray, lead_vel: np.ndarray | tuple[float, float],
             room) -> list[tuple[float, float] | None]:
    """For followers at ``pos`` ((k, 2) px, or its ``tolist``), the unit direction each walks to
    make way for the lead (None: not in its way, or told to hold). One in the way steps aside onto open floor
    (``room(pos_i, way) -> bool``), across the line if a wall is on its side; with no room on
    either side (a one-tile lane, a doorway) it walks
    on ahead of the lead instead, and then so does any follower within reach ahead of *it* on
    the same line: the squad backs out of the lane before the lead rather than pinning it (one
    walking on while the next held its slot behind the lead pressed them both to a standstill).
    ``lead_vel`` (px/s) is where the lead is trying to walk, not how fast its body moves: one
    pressed against a follower stands still, and nobody made way (boxed in at Storm's gate).

    A follower told to hold (F) keeps its spot unless the lead walks right into it (within
    ``HELD_YIELD_PX``) or a follower walking on ahead of the lead down a lane does: then it
    makes way like the others and walks back to its spot once the lead has passed. Standing its
    ground, it boxed in a lead whose squad had gathered round it (the Classroom lost at 20.8 s,
    the lead pinned between two held followers and a locker)."""
    out: list[tuple[float, float] | None] = [None] * len(pos)
    speed = float(math.hypot(lead_vel[0], lead_vel[1]))
    if speed < YIELD_LEAD_SPEED or len(pos) == 0:
        return out
    ux, uy = float(lead_vel[0]) / speed, float(lead_vel[1]) / speed
    # Python floats over a handful of followers: numpy's elementwise bits, without its per-call cost
    lx, ly = float(lead_pos[0]), float(lead_pos[1])
    ahead: list[float] = []  # px along the lead's line of travel
    side: list[float] = []  # px left (+) or right (-) of it
    in_line = False  # whether anyone is ahead on the lead's line (else the loop below skips them all)
    for x, y in (pos.tolist() if isinstance(pos, np.ndarray) else pos):
        dx, dy = x - lx, y - ly
        a, b = dx * ux + dy * uy, dy * ux - dx * uy
        ahead.append(a)
        side.append(b)
        in_line = in_line or (a > 0.0 and abs(b) < YIELD_HALF_WIDTH_PX)
    if not in_line:
        return out  # (most ticks a lead walks)
    front = 0.0  # px: the farthest ahead a follower walks on before the lead
    for i in sorted(range(len(ahead)), key=ahead.__getitem__):  # nearest first (a stable sort): the pushed column grows forward
        if not (0.0 < ahead[i] <= front + YIELD_AHEAD_PX and abs(side[i]) < YIELD_HALF_WIDTH_PX):
            continue
        if hold[i] and front == 0.0 and ahead[i] > HELD_YIELD_PX:
            continue  # a holder makes way only for a lead against it, or for a column walking on
        sign = 1.0 if side[i] >= 0.0 else -1.0
        aside = (-uy * sign, ux * sign)
        if room(pos[i], aside):
            out[i] = aside
        elif room(pos[i], (-aside[0], -aside[1])):  # a wall on its side: across the line instead
            out[i] = (-aside[0], -aside[1])
        else:
            out[i] = (ux, uy)
            front = max(front, float(ahead[i]))
    return out


LEAD_TOUCH_PX = 2 * STUDENT_RADIUS + 3.0  # px between centres: a follower this close is against the lead


def shoves_lead(pos: np.ndarray | list[float], vel: tuple[float, float], lead_pos: np.ndarray | tuple[float, float],
                lead_vel: np.ndarray | tuple[float, float]) -> bool:
    """Whether a follower at ``pos`` walking at ``vel`` (px/s) would shove a lead that stands
    still (trying to walk slower than ``YIELD_LEAD_SPEED``): it is against the lead and heading
    into it. One that had walked on ahead into the dead end of Storm's gate lane went back round
    to its slot behind the lead and pushed it a tile off the padlock it was working."""
    if math.hypot(lead_vel[0], lead_vel[1]) >= YIELD_LEAD_SPEED:
        return False
    dx, dy = float(lead_pos[0] - pos[0]), float(lead_pos[1] - pos[1])
    return math.hypot(dx, dy) <= LEAD_TOUCH_PX and vel[0] * dx + vel[1] * dy > 0.0


# ---------------------------------------------------------------------- followers that path
REPATH_TICKS = 10  # the lead's path field is recomputed at most this often (and only when it moved tile)
FORMATION_TILES = 3.0  # within this many tiles of the lead, with a clear line, followers keep formation
SNEAK_NEAR_PX = 6 * 16.0  # followers sneak (silent) when this close to the lead; they walk when farther
PROP_WALK_COST = 6.0  # a tile under a prop is avoided but not forbidden (props move; a path must exist)
# A tile under a prop bracing a locked door: walked only where there is no other way (a follower
# slides along a brace rather than into it, so a path through one is a dead stop).
BRACE_WALK_COST = 60.0
LOOKAHEAD_TILES = 4  # followers aim at the farthest of the next few path tiles they can walk straight to


# ``FollowerPaths._clear_xy``'s memo is emptied when it holds this many lines: a few ticks' asks
# (the lines a still squad asks again are last tick's). Kept small: each key is a tuple the
# garbage collector counts while it lives, and a thousand kept alive at a time brought the
# full collections of a whole run forward (the Trolley, where no line is asked twice: +10 us a tick).
_LINES_KEPT = 64


class FollowerPaths:
    """Distance-to-the-lead field over the tile grid, so followers go round walls and through
    doors (not locked ones) instead of walking straight at their formation slot.

    Recomputed when the lead enters another tile or a door changes, at most every
    ``REPATH_TICKS`` ticks (followers keep the old field meanwhile). Pure function of the world
    state, so replays stay deterministic. The solve itself waits until a follower first reads
    ``field``: with the squad in formation round the lead (no waypoint asked for), a third to two
    thirds of the recomputes were never read before the next one replaced them.
    """

    def __init__(self) -> None:
        self._field = None  # nav.FlowField, as of the last solve
        self._pending: tuple[np.ndarray, int, int, int] | None = None  # (cost, version, row, col) not yet solved
        self.blocked: np.ndarray | None = None  # tiles a follower cannot stand in (walls, locked doors)
        self.props: np.ndarray | None = None  # tiles under props (a follower squeezes in beside them)
        self.goal: tuple[int, int] | None = None
        self.version = -1
        self.computed_tick = -(10**9)
        # Blocked tiles counted over every top-left rectangle ((rows + 1) x (cols + 1) nested
        # lists of ints) of ``_sums_of``, the ``blocked`` they count: whether a box of tiles
        # is all open costs four lookups (numpy's slice and ``any``: ~2 us, thirty thousand
        # times a run of Storm Crossing).
        self._sums: list[list[int]] = []
        self._sums_array = np.zeros((1, 1), dtype=np.int64)  # ``_sums`` as an array, for ``_line_clear``
        self._sums_of: np.ndarray | None = None
        # ``_chain``'s memo: tile (c, r) -> its next tiles down the field, for the field and the
        # blocked grid ``_chains_of`` holds (each is a new object when it changes).
        self._chains: dict[tuple[int, int], tuple[list[tuple[tuple[float, float], bool]], int]] = {}
        self._chains_of: tuple[object, np.ndarray | None] = (None, None)
        # ``waypoint``'s memo: (x, y) px -> its answer, for the same field and blocked grid as
        # ``_chains`` (emptied with it): a pure function of the three, and a follower standing
        # still asks it from the very same point tick after tick (the Auditorium's squad).
        self._ways: dict[tuple[float, float], tuple[float, float] | None] = {}
        # ``_clear_xy``'s memo: (ax, ay, bx, by) px -> its answer, for the blocked grid
        # ``_lines_of`` (a pure function of the four and that grid, which is a new object when
        # its tiles change). A squad standing still asks the same lines tick after tick (the
        # Auditorium: four of every five asks).
        self._lines: dict[tuple[float, float, float, float], bool] = {}
        self._lines_of: np.ndarray | None = None

    def update(self, tick: int, lead_tile: tuple[int, int], blocked: np.ndarray, prop_tiles: np.ndarray,
               version: int, brace_tiles: np.ndarray | None = None) -> None:
        """Recompute toward ``lead_tile`` (col, row) if it moved (rate-limited) or the grid changed
        (``brace_tiles``: the tiles under props bracing a locked door, or None)."""
        if self.has_field and version == self.version:
            if lead_tile == self.goal or tick - self.computed_tick < REPATH_TICKS:
                return
        # (float64, as LeadField reads it: 1, 6, 60 and inf are the same in float32, which it was)
        cost = np.where(blocked, np.inf, np.where(prop_tiles, PROP_WALK_COST, 1.0))
        if brace_tiles is not None:
            cost[brace_tiles & ~blocked] = BRACE_WALK_COST
        c, r = lead_tile
        cost[r, c] = 1.0  # the lead's own tile is always a goal
        self._pending = (cost, version, r, c)  # solved by ``field`` when first read
        if self.blocked is None or not np.array_equal(blocked, self.blocked):
            self.blocked = blocked  # (the same tiles keep the old array, and its sums)
        self.props = prop_tiles
        self.goal, self.version, self.computed_tick = lead_tile, version, tick

    @property
    def has_field(self) -> bool:
        """Whether a field has been asked for (``update`` ran at least once)."""
        return self._field is not None or self._pending is not None

    @property
    def field(self) -> LeadField | None:
        """The field toward the lead's tile as of the last ``update`` (None before the first),
        worked out as far as it is read (``LeadField``): a pure function of that update's cost
        grid and tile either way."""
        if self._pending is not None:
            cost, _version, r, c = self._pending
            self._pending = None
            self._field = LeadField(cost, r, c)
        return self._field

    def _open_box(self, blocked: np.ndarray, c0: int, r0: int, c1: int, r1: int) -> bool:
        """Whether tiles ``c0..c1`` x ``r0..r1`` (inclusive, inside the grid) of ``blocked``
        (this ``self.blocked``) are all open."""
        if self._sums_of is not blocked:
            self._tables_for(blocked)
        top, bottom = self._sums[r0], self._sums[r1 + 1]
        return bottom[c1 + 1] - bottom[c0] - top[c1 + 1] + top[c0] == 0

    def _tables_for(self, blocked: np.ndarray) -> None:
        """``_sums`` for this ``blocked`` (a new array whenever its tiles change)."""
        sums = np.zeros((blocked.shape[0] + 1, blocked.shape[1] + 1), dtype=np.int64)
        sums[1:, 1:] = blocked.cumsum(axis=0).cumsum(axis=1)
        self._sums, self._sums_array, self._sums_of = sums.tolist(), sums, blocked

    def clear_line(self, a, b, remember: bool = True) -> bool:
        """Whether a student can walk straight from ``a`` to ``b`` ((x, y) px) without touching a
        blocked tile. ``remember``: the answer is kept for the same line asked again (False for
        a line that moves every tick: keeping it costs more than it saves)."""
        if self.blocked is None:
            return True
        # Python floats: the same IEEE sums and products as numpy's on float64, without the
        # per-call overhead of a handful of two-element arrays.
        ax, ay, bx, by = float(a[0]), float(a[1]), float(b[0]), float(b[1])
        return self._clear_xy(ax, ay, bx, by) if remember else self._line_clear_xy(self.blocked, ax, ay, bx, by)

    def _clear_xy(self, ax: float, ay: float, bx: float, by: float) -> bool:
        """``clear_line`` from (ax, ay) to (bx, by) px, given as floats (``blocked`` is set)."""
        blocked = self.blocked
        if self._lines_of is not blocked:
            self._lines, self._lines_of = {}, blocked
        # (a signed zero is the key of its unsigned twin: it lands on the same tiles either way)
        key = (ax, ay, bx, by)
        clear = self._lines.get(key)
        if clear is None:
            clear = self._line_clear_xy(blocked, ax, ay, bx, by)
            if len(self._lines) >= _LINES_KEPT:
                self._lines.clear()
            self._lines[key] = clear
        return clear

    def _line_clear_xy(self, blocked: np.ndarray, ax: float, ay: float, bx: float, by: float) -> bool:
        """``_clear_xy``, worked out."""
        dx, dy = bx - ax, by - ay
        # (Python's hypot, not in the kernel: its bits differ from the C library's in a few
        # lines in a thousand, and the samples below follow the length)
        length = math.hypot(dx, dy)
        if length < 1e-6:
            return True
        if self._sums_of is not blocked:
            self._tables_for(blocked)
        return _line_clear(blocked, self._sums_array, ax, ay, bx, by, dx, dy, length)

    def room_to_step(self, pos: np.ndarray, way: tuple[float, float]) -> bool:
        """Whether the tile a step aside (one tile along ``way``, a unit vector) lands on is
        open floor: a follower in a doorway or beside a desk has nowhere to yield to, and one
        that tried was wedged there."""
        if self.blocked is None:
            return True
        rows, cols = self.blocked.shape
        c, r = int((pos[0] + way[0] * 16.0) // 16), int((pos[1] + way[1] * 16.0) // 16)
        if not (0 <= c < cols and 0 <= r < rows) or self.blocked[r, c]:
            return False
        return self.props is None or not self.props[r, c]

    def waypoint(self, pos: np.ndarray) -> tuple[float, float] | None:
        """Where a follower at ``pos`` should head next to reach the lead (px), or None if it has no path."""
        f = self.field
        if f is None:
            return None
        px, py = float(pos[0]), float(pos[1])  # (once, for its tile and every clear_line below)
        self._memos_for(f)
        key = (px, py)  # (a signed zero is the key of its unsigned twin: it lands on the same tiles)
        best = self._ways.get(key, _UNASKED)
        if best is _UNASKED:
            best = self._waypoint_of(f, px, py)
            if len(self._ways) >= _LINES_KEPT:
                self._ways.clear()
            self._ways[key] = best
        return best

    def _waypoint_of(self, f, px: float, py: float) -> tuple[float, float] | None:
        """``waypoint`` from (px, py) px down field ``f``, worked out."""
        chain, unsure = self._chain(f, int(px // 16), int(py // 16))
        if not chain:
            return None
        # The next tile is always taken, even round a corner, and so is every tile up to the
        # first whose line is not sure (most chains: the last tile, whatever the point)
        best = chain[unsure - 1][0]
        for centre, sure in chain[unsure:]:
            if sure or self._clear_xy(px, py, centre[0], centre[1]):
                best = centre
            else:
                break
        return best

    def _memos_for(self, f) -> None:
        """Empty ``_chains`` and ``_ways`` unless they were made for field ``f`` and this ``blocked``
        (each a new object whenever it changes)."""
        if self._chains_of[0] is not f or self._chains_of[1] is not self.blocked:
            self._chains, self._ways, self._chains_of = {}, {}, (f, self.blocked)

    def _chain(self, f, c: int, r: int) -> tuple[list[tuple[tuple[float, float], bool]], int]:
        """The next ``LOOKAHEAD_TILES`` tile centres (px) down field ``f`` from tile (c, r), each
        with whether a straight line to it from anywhere in tile (c, r) is sure to be clear (the
        box test of ``_clear_xy`` passes over the whole tile, grown by a radius: then it passes for
        every point in it); empty off the grid. With it, the index of the first after the first
        that is not sure (the chain's length when all are). Memoised per field and blocked grid
        (``_memos_for(f)`` first): followers ask from the same few tiles tick after tick (the
        Roof: 44 thousand asks a run)."""
        found = self._chains.get((c, r))
        if found is None:
            chain = self._walk_chain(f, c, r)
            unsure = next((k for k in range(1, len(chain)) if not chain[k][1]), len(chain))
            found = self._chains[(c, r)] = (chain, unsure)
        return found

    def _walk_chain(self, f, c: int, r: int) -> list[tuple[tuple[float, float], bool]]:
        """``_chain``, worked out."""
        rows, cols = f.shape
        if not (0 <= c < cols and 0 <= r < rows):
            return []
        blocked = self.blocked
        x0, y0 = c * 16, r * 16  # px: the start tile's corner (points in it are below x0 + 16, y0 + 16)
        grow = STUDENT_RADIUS + 1e-6
        out: list[tuple[tuple[float, float], bool]] = []
        for move in f.moves_from(r, c, LOOKAHEAD_TILES):
            r, c = r + move[0], c + move[1]
            centre = ((c + 0.5) * 16, (r + 0.5) * 16)
            sure = blocked is None
            if not sure:
                b_rows, b_cols = blocked.shape
                c0, c1 = int((min(x0, centre[0]) - grow) // 16), int((max(x0 + 16, centre[0]) + grow) // 16)
                r0, r1 = int((min(y0, centre[1]) - grow) // 16), int((max(y0 + 16, centre[1]) + grow) // 16)
                sure = c0 >= 0 and r0 >= 0 and c1 < b_cols and r1 < b_rows and self._open_box(blocked, c0, r0, c1, r1)
            out.append((centre, sure))
        return out


class LeadField:
    """``nav.NavGrid(cost).flow_field`` toward the lead's tile (r, c), worked out only as far as
    followers read it: each tile's move (``move_from``) is the field's, while the Dijkstra from
    the lead's tile (``tile_search``) runs only until the tiles that move may enter have their
    final distances. Followers read a few tiles near the lead; the whole solve (scipy's then, and
    every tile's move, and the grid's preprocessing whenever a prop moved) cost ~300 us at each
    of the Roof's thousand repaths."""

    def __init__(self, cost: np.ndarray, r: int, c: int) -> None:
        from .nav import grid_quantum

        walk = np.asarray(cost, dtype=np.float64)  # (as NavGrid reads it)
        self.shape: tuple[int, int] = (int(walk.shape[0]), int(walk.shape[1]))  # (rows, cols) tiles
        rows, cols = self.shape
        # (the one goal as ``nav._normalise_goals`` leaves it: none off the grid)
        goals = np.array([[r, c]], dtype=np.int64) if 0 <= r < rows and 0 <= c < cols else _NO_GOAL
        self._search = search_begin(walk, goals, grid_quantum(walk, np.isfinite(walk))[1], SQRT2)

    def move_from(self, r: int, c: int) -> tuple[int, int] | None:
        """The field's move from tile (r, c) (in the grid) as (d_row, d_col), or None where it
        has none (the lead's tile, no way there)."""
        moves = self.moves_from(r, c, 1)
        return moves[0] if moves else None

    def moves_from(self, r: int, c: int, steps: int) -> list[tuple[int, int]]:
        """The field's moves (d_row, d_col) from tile (r, c) (in the grid) on, from each tile to
        the one it enters: ``steps`` of them, or fewer up to a tile with none (the lead's, no way
        there)."""
        out = _MOVES[:steps] if steps <= _MOVES.shape[0] else np.empty(steps, dtype=np.int64)
        return [DIRS[k] for k in out[:search_steps(r, c, *self._search, DIRS_I64, _NO_MOVE, out)].tolist()]


_NO_GOAL = np.zeros((0, 2), dtype=np.int64)  # ``LeadField``'s goals for a lead off the grid
_NO_MOVE = len(DIRS)  # ``search_dir``'s answer for no move
_UNASKED = object()  # ``FollowerPaths._ways``' answer for a point not asked yet (None is an answer)
_MOVES = np.empty(LOOKAHEAD_TILES, dtype=np.int64)  # ``LeadField.moves_from``'s moves as ``search_steps`` writes them


@kernel
def _line_clear(blocked, sums, ax, ay, bx, by, dx, dy, length):  # type: ignore[no-untyped-def]
    """``FollowerPaths._clear_xy`` from (ax, ay) to (bx, by) px, (dx, dy) apart and ``length``
    px long (at least 1e-6), given ``blocked`` and its ``sums`` (``_tables_for``). Every sample
    lies within STUDENT_RADIUS of the segment's bounding box: when no tile under that box (grown
    by the radius, and a hair for rounding) is blocked, the line is clear (one box test answers
    most lines inside a room); else ``_samples_clear``. The Python it replaced, in one call:
    its floor divisions (by a power of two: the quotient's floor), the same four sums."""
    rows, cols = blocked.shape
    grow = STUDENT_RADIUS + 1e-6
    c0, c1 = int(np.floor((min(ax, bx) - grow) / 16.0)), int(np.floor((max(ax, bx) + grow) / 16.0))
    r0, r1 = int(np.floor((min(ay, by) - grow) / 16.0)), int(np.floor((max(ay, by) + grow) / 16.0))
    if c0 >= 0 and r0 >= 0 and c1 < cols and r1 < rows and \
            sums[r1 + 1, c1 + 1] - sums[r1 + 1, c0] - sums[r0, c1 + 1] + sums[r0, c0] == 0:
        return True
    nx, ny = -dy / length * STUDENT_RADIUS, dx / length * STUDENT_RADIUS
    return _samples_clear(blocked, ax, ay, dx, dy, length, nx, ny)


@kernel
def _samples_clear(blocked, ax, ay, dx, dy, length, nx, ny):  # type: ignore[no-untyped-def]
    """``clear_line``'s samples from (ax, ay) along (dx, dy) (``length`` px): every <= 4 px on
    the centre line and both shoulders (offset (nx, ny) px either way), each on an open tile of
    ``blocked`` inside the grid. The same samples, in the same floats, as its Python loop and
    its numpy batch were (a division by 16 only shifts the exponent)."""
    rows, cols = blocked.shape
    steps = max(2, int(length / 4.0) + 1)
    for i in range(steps + 1):
        t = i / steps
        x = ax + dx * t
        y = ay + dy * t
        for side in range(3):
            ox = 0.0 if side == 0 else (nx if side == 1 else -nx)
            oy = 0.0 if side == 0 else (ny if side == 1 else -ny)
            c = np.floor((x + ox) / 16.0)
            r = np.floor((y + oy) / 16.0)
            if not (0.0 <= c < cols and 0.0 <= r < rows) or blocked[int(r), int(c)]:
                return False
    return True


@kernel
def mark_boxes(tiles, boxes):  # type: ignore[no-untyped-def]
    """Set ``tiles`` ((rows, cols) bool) True under each of ``boxes`` ((k, 4): left, bottom,
    right, top px): ``tiles[r0:r1 + 1, c0:c1 + 1] = True`` with c0, r0 = the floor of left,
    bottom over the tile (at least 0) and c1, r1 = that of right, top (at most cols - 1,
    rows - 1), slices as Python's: a negative stop counts from the end (a box wholly above or
    left of the grid marks what the slice did). A tile is a power of two px: the quotient's
    floor is Python's float floor division."""
    rows, cols = tiles.shape
    for k in range(boxes.shape[0]):
        c0 = max(int(np.floor(boxes[k, 0] / TILE_PX)), 0)
        r0 = max(int(np.floor(boxes[k, 1] / TILE_PX)), 0)
        c1 = min(int(np.floor(boxes[k, 2] / TILE_PX)), cols - 1)
        r1 = min(int(np.floor(boxes[k, 3] / TILE_PX)), rows - 1)
        for r in range(min(r0, rows), _slice_stop(r1 + 1, rows)):
            for c in range(min(c0, cols), _slice_stop(c1 + 1, cols)):
                tiles[r, c] = True


@kernel
def _slice_stop(stop, size):  # type: ignore[no-untyped-def]
    """A slice's stop as Python takes it for a sequence of ``size``: a negative one counts from
    the end (and at least 0)."""
    if stop < 0:
        stop = max(stop + size, 0)
    return min(stop, size)
