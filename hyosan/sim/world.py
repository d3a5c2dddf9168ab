"""The world: builds a level from its spec and advances it one fixed tick at a time.

``World.step(tick_input)`` is the only way time passes; it returns the events of that tick.
The world never reads a clock, never draws and never touches files.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pymunk

from ..content.schema import FACINGS, LevelSpec, ObjectiveSpec, SpawnPointSpec
from . import actions, specials
from . import events as ev
from .blows import apply_blows
from .braces import BRACE_REACH_PX, bracing_slack, near_props
from .commands import (
    Grab,
    Melee,
    Move,
    Shove,
    Special,
    SwitchLead,
    Throw,
    TickInput,
    ToggleFollow,
    ToggleFriend,
    ToggleTorch,
    Use,
)
from .corners import corner_slip
from .director import Director
from .falls import apply_falls, fall_mask, rim_guard
from .hashing import hash_arrays, state_bytes
from .horde.breeds import BreedTable
from .horde.horde import CHASE, DECIDE_TICKS, IDLE, INVESTIGATE, WANDER, Horde, SenseContext
from .horde.origins import group_labels, risen_label
from .hunger import NEAR_PX as HALFBIE_NEAR_PX
from .hunger import ROOM_PX as HALFBIE_ROOM_PX
from .hunger import hunger_tick
from .jit import kernel
from .joints import Joints
from .objectives import LevelResult, Objectives, rate, rate_endless
from .physics import (
    ALL,
    CAT_STUDENT,
    BodyTable,
    distance_and_nearest,
    make_space,
    point_distance,
    velocity,
)
from .props import (
    DOOR_SWING,
    PROP_TYPES,
    Door,
    Prop,
    PropBoxes,
    build_door,
    build_prop,
    open_bits,
    shape_extent,
)
from .rng import make_sim_rng, sim_key
from .rolling import RATTLE_TICKS, RollingProps, caster_rattle, rattle_schedule
from .sight import cover_ranges_of
from .squad import (
    FORMATION_TILES,
    GAIT_NOISE,
    GAIT_SPEED,
    GRAB_REACH,
    LEAD_TOUCH_PX,
    REPATH_TICKS,
    STEP_TICKS,
    STUDENT_RADIUS,
    WALK_NOISE_MULT,
    YIELD_LEAD_SPEED,
    FollowerPaths,
    Student,
    build_student,
    drive,
    follower_velocity,
    leave_play,
    make_way,
    mark_boxes,
    path_velocity,
    resolve_gait,
    shoves_lead,
    sprint_mult,
    start_point,
    update_stamina,
)
from .tilemap import DOOR, PUDDLE, WALL, WINDOW, TileMap
from .topple import Towers
from .units import TICK_DT, TICK_HZ, TILE_PX
from .weather import Sky

DOOR_OPEN_ANGLE = math.radians(25)  # a door counts as open past this swing
LOCK_BREAK_FORCE = 3.0e6  # N (kg·px/s²): what a lock withstands; tuned so 5 zombies fail and 50 win
DOOR_PRESS_RADIUS = 16.0  # px from a door's centre within which zombies press on it
PRESSURE_SMOOTHING = 0.05  # per tick: the lock gives way to sustained pressure, not one shove
# A locked door's strain (push / hold) is worked out in full (braces and all) from this share of
# its lock alone: below it the door is drawn untroubled. Played by hand, the Auditorium's booth
# door gave with nothing to say it would and five students fell in 2.4 s: a straining door now
# shakes, shows how close it is, and the ticker says so at STRAIN_WARN (again once it has fallen
# below STRAIN_REARM).
STRAIN_SHOWN = 0.35
STRAIN_WARN = 0.75
STRAIN_REARM = 0.5
# A lock at breaking point holds this long before it gives (ticks the push must beat the hold in
# a row). Without it a crowd slamming a door, or a brace dragged off one, broke it within a few
# ticks of the warning: the Trolley's door 1 gave 0.4 s after "is giving way", and the greedy
# bot's with no warning at all (the brace went, the hold fell, the door gave the same tick).
GIVE_TICKS = TICK_HZ
USE_REACH = 28.0  # px from a student's centre to a door tile's centre: a tile and a half to either side of square on
BITE_DAMAGE = 0.25  # of a student's health per bite
# Ticks after a bite lands on a student in which no other bite does (0.4 s). Each zombie still
# bites at most every 0.8 s (GAME.md), but five round a student each bit in turn and took them
# in 0.3 s: three playtesters saw a friend go down with no time to shove, run or spray, and the
# Roof's squad lost in 4 s from a door giving. Now four bites take 1.2 s at the least. Not 0.5 s:
# then the Trolley's box shoved flat out (walking into it, the level's forbidden way) won 5
# runs of 12 in ~30 s, where at 0.4 s, as with no grace, it wins 3.
BITE_GRACE_TICKS = round(0.4 * TICK_HZ)
INFECTION_TICKS = 25 * TICK_HZ  # a bitten student turns after 25 s
DAYLIGHT_SIGHT_PX = 320.0  # how far a zombie sees a student in daylight
LOCKED_DOOR_WALK_COST = 40.0  # the horde avoids a locked door while another way exists
EXTRA_HORDE_SLOTS = 64  # room for turned students beyond the placed groups, waves and spawners
GRAB_FORCE = 2.5e4  # N-ish: the most a student's grip (the pivot on a held prop) pulls or pushes with
GRIP_PUSH_DEGREES = 60.0  # a step this close to the direction of the held prop's centre pushes it
GRIP_PUSH_COS = math.cos(math.radians(GRIP_PUSH_DEGREES))
# px between the hand and the point held past which the grip slips: a dragged prop snagged on
# a corner stays behind while the student walks on (the grip is force-limited), and a playtester
# walked the Auditorium's trolley round into the corridor, its yellow line through the wall and
# the trolley stuck beyond it. A drag never stretches it past a few px (solvers 4, greedy 11).
GRIP_SLIP_PX = 24.0
GRIP_TORQUE = GRAB_FORCE * 16.0  # N·px: the grip's hold on a pushed prop's turn (full force a tile off its line)
BRACE_RADIUS = BRACE_REACH_PX + TILE_PX / 2  # px from a door's centre to a bracing prop's edge, and half a tile
SPARE_BRACE_PX = 3.0  # px past touching within which a follower takes no step into a prop bracing a door
SPARE_EVERY_TICKS = 6  # ticks between asking which props brace the doors the followers are near (10 Hz)
BRACE_N_PER_KG = 1.0e5  # N of hold per kg of bracing prop: a desk 1.5e6, the teacher's desk 4.5e6 (a lock is 3e6)
BRACE_WALK_TILES = 6  # steps of open floor from a door's tile a bracing prop's centre may be (a teacher's desk along the wall)
SLOT_PX = 22.0  # px from the lead to a follower's formation slot
# A prop the lead drags comes through after the lead: a follower within this of it (px past
# touching) takes no step into it, and one it comes at steps back at its speed and this much more.
DRAG_CLEAR_PX = 4.0
DRAG_CLEAR_SPEED = 30.0  # px/s
WAIT_BEHIND_SPEED = 20.0  # px/s along the way: one ahead walking on faster than this is waited for (see _crowds_a_halfbie)
GATHER_NEAR_PX = 40.0  # px: a follower in the exit this close to the lead stands (room for the rest)
GATHER_STEP_IN_PX = 48.0  # px: a follower outside the exit this close to the lead steps in at the nearest point
GATHER_MAKE_ROOM_PX = 2 * STUDENT_RADIUS + 3.0  # px between centres: a follower left outside this close is pressed against one inside
SPLASH_NOISE = {"sneak": 40.0, "walk": 200.0, "sprint": 320.0}  # a footstep in a puddle
CAR_BUMP_SPEED = 70.0  # px/s: a student touching a car faster than this (walking) sets it off
ALLY_PARK = (-6000.0, -6000.0)  # px: where an ally's body waits, off the map and out of every collision
SHOULDER_PX = 72.0  # px: followers this close to a lead who pushes a prop push along with it
SHOULDER_TOUCH_PX = 3.0  # px between the lead's front and a prop's surface that counts as pushing it
# px/s: a sneaking push on a prop that rolls (casters, a pipe) adds no speed past this: the
# students walk with it and let it coast, and push again below it. Played by hand, the trolley
# box with four shoulders behind the lead ran past the casters' quiet limit (rolling.RATTLE_QUIET,
# 12) on a 0.2 s tap, so "sneak it in short shoves" rattled; five pushers add ~2.3 px/s a tick,
# so from here it tops out under the limit. Walking or sprinting shoves flat out.
CAREFUL_ROLL = 9.0
CAREFUL_CLOSING = 6.0  # px/s: and never comes at it faster than it rolls plus this (a sneak's full 55 slammed the box to 12)
# px from a sneaking lead's front to a rolling prop that counts as pushed: a friend's width and a
# touch (a lead pressing a friend who presses the front trolley pushes the box through them; in
# the window, that rattled the box while the gate looked only at the lead's own front).
CAREFUL_REACH_PX = 2 * STUDENT_RADIUS + SHOULDER_TOUCH_PX
STATE_CODES = {"idle": IDLE, "wander": WANDER, "investigate": INVESTIGATE, "chase": CHASE}


# px: what ``_still_braced`` keeps in hand for rounding (chipmunk's distances are good to ~1e-12 px)
BRACE_SLACK_SPARE = 1e-6


@kernel
def _still_braced(pos: np.ndarray, angle: np.ndarray, prop_rows: np.ndarray, cx: float, cy: float, far: float,
                  near: np.ndarray, near_pos: np.ndarray, near_angle: np.ndarray, turn_reach: np.ndarray,
                  extent: np.ndarray, slack: float, tile_slack: np.ndarray) -> bool:
    """Whether a door's last brace answer stands (``World._brace_of``): the props near its
    centre (cx, cy) px now (``pos`` and ``angle``: the body table's, ``prop_rows`` the props'
    rows; near: neither offset more than ``far`` px, the test ``_brace_of`` makes) are those
    ``near`` then, each still on the tile it stood on, and none moved half ``slack`` px,
    rounding to spare: its centre's step (from ``near_pos``) plus its turn (from
    ``near_angle``) times its reach (``turn_reach``; a prop whose ``extent`` is unbounded, a
    toppled tower, never passes). Or none moved at all, bit for bit, whatever the slack:
    ``_brace_of`` would find the very key it stored with that answer (a crowd leaning on a desk
    that touches the doorway exactly leaves no slack, and the answer was looked for again every
    tick only to be found in the cache).

    Its tile (which side of the walls it stands on) is the floor division of its centre alone:
    the same while the centre keeps its very bits, or steps less than ``tile_slack`` px (its
    distance then to its tile's nearest edge), rounding to spare. A desk placed square on a tile
    edge (the Classroom's and the Roof's stand on y = 64.0 and x = 808.0 px) has no tile slack
    at all, and while it was lumped in with the shapes' slack, the least of them, every jiggle
    of a desk beside it (1e-18 rad a tick) had the answer worked out afresh."""
    j = 0
    worst = 0.0
    same = True  # every near prop's centre and angle the very bits stored
    for k in range(prop_rows.size):
        r = prop_rows[k]
        x, y = pos[r, 0], pos[r, 1]
        if abs(x - cx) > far or abs(y - cy) > far:
            continue
        if j >= near.size or near[j] != k or not extent[k] < np.inf:
            return False
        dx = x - near_pos[j, 0]
        dy = y - near_pos[j, 1]
        step = np.sqrt(dx * dx + dy * dy)
        centre_same = _same_bits(x, near_pos[j, 0]) and _same_bits(y, near_pos[j, 1])
        if not (centre_same or step + BRACE_SLACK_SPARE < tile_slack[j]):  # (a NaN step fails)
            return False
        m = step + abs(angle[r] - near_angle[j]) * turn_reach[k]
        if not m <= worst:  # (a NaN is taken as the worst, and fails below)
            worst = m
        same = same and centre_same and _same_bits(angle[r], near_angle[j])
        j += 1
    return j == near.size and (same or 2.0 * worst + BRACE_SLACK_SPARE < slack)


@kernel
def _same_bits(a: float, b: float) -> bool:
    """Whether two doubles have the same bits (``tobytes`` equal): equal and of one sign, so
    0.0 is not -0.0; a NaN never is (its caller then asks the slow way, which compares bytes)."""
    return a == b and np.copysign(1.0, a) == np.copysign(1.0, b)


@kernel
def _prop_within(pos: np.ndarray, row: int, extent: float, x: float, y: float, reach: float) -> bool:
    """Not ``hypot(dx, dy) > extent + reach`` from (x, y) px for the body at table ``row``
    (numpy's ``~(np.hypot(...) > extent + reach)``, element by element)."""
    return not (np.hypot(pos[row, 0] - x, pos[row, 1] - y) > extent + reach)


@kernel
def _props_within(pos: np.ndarray, rows: np.ndarray, extent: np.ndarray, x: float, y: float,
                  reach: float) -> np.ndarray:
    """Per prop (``rows``: its body table row): ``_prop_within`` (``World._props_near``)."""
    out = np.empty(rows.size, np.bool_)
    for k in range(rows.size):
        out[k] = _prop_within(pos, rows[k], extent[k], x, y, reach)
    return out


class ShapeHulls:
    """The shapes of some props, each as local points (px, in its body's frame) and a radius
    whose hull, grown by the radius, holds the whole shape: a polygon's corners, a circle's
    centre, a segment's ends. For a compiled test that rules a prop out from its body's pose
    without asking pymunk (``_some_props_ahead``). Prop ``j`` of those given has shapes
    ``shape_start[j]`` to ``shape_start[j + 1]``; shape ``i`` has points ``point_start[i]`` to
    ``point_start[i + 1]`` of ``points`` ((n, 2) px) and ``radius[i]`` px."""

    def __init__(self, shapes_of: list[tuple[pymunk.Shape, ...]]) -> None:
        points: list[tuple[float, float]] = []
        shape_start, point_start, radius = [0], [0], []
        for shapes in shapes_of:
            for shape in shapes:
                if isinstance(shape, pymunk.Poly):
                    points += [(v.x, v.y) for v in shape.get_vertices()]
                elif isinstance(shape, pymunk.Circle):
                    points.append(tuple(shape.offset))
                else:  # a segment
                    points += [tuple(shape.a), tuple(shape.b)]
                point_start.append(len(points))
                radius.append(shape.radius)
            shape_start.append(len(radius))
        self.points = np.array(points, dtype=np.float64).reshape(-1, 2)
        self.shape_start = np.array(shape_start, dtype=np.intp)
        self.point_start = np.array(point_start, dtype=np.intp)
        self.radius = np.array(radius, dtype=np.float64)


HULL_SPARE_PX = 0.5  # px a shape's hull must clear a test by to rule it out: rounding, and the pose's cos and sin


@kernel
def _hull_distance(ox: float, oy: float, c: float, s: float, points: np.ndarray, start: int, stop: int) -> float:
    """The distance (px) from (0, 0) to the hull of ``points[start:stop]`` (local px, in order
    round a polygon; one for a circle, two for a segment) turned by (c, s) (cos, sin) and moved
    by (ox, oy) px: 0 inside, else to the nearest edge (its rounding is what ``HULL_SPARE_PX``
    spares)."""
    n = stop - start
    near = np.inf
    inside = n >= 3
    sign = 0.0
    for e in range(n):
        p, q = start + e, start + (e + 1) % n
        ax = ox + c * points[p, 0] - s * points[p, 1]
        ay = oy + s * points[p, 0] + c * points[p, 1]
        bx = ox + c * points[q, 0] - s * points[q, 1]
        by = oy + s * points[q, 0] + c * points[q, 1]
        ex, ey = bx - ax, by - ay
        length2 = ex * ex + ey * ey
        t = 0.0 if length2 == 0.0 else min(max(-(ax * ex + ay * ey) / length2, 0.0), 1.0)
        near = min(near, np.hypot(ax + t * ex, ay + t * ey))
        turn = ex * -ay - ey * -ax  # which side of the edge (0, 0) lies on
        if turn != 0.0:
            if sign == 0.0:
                sign = turn
            elif (turn > 0.0) != (sign > 0.0):
                inside = False
    return 0.0 if inside else near


@kernel
def _some_props_ahead(pos: np.ndarray, angle: np.ndarray, rows: np.ndarray, extent: np.ndarray, some: np.ndarray,
                      x: float, y: float, ux: float, uy: float, reach: float, far: float, behind: float,
                      side: float, shape_start: np.ndarray, point_start: np.ndarray, radius: np.ndarray, points: np.ndarray,
                      out: np.ndarray) -> int:
    """Of the props ``some`` (ascending indices into ``rows``, the body table's rows of the
    props; their shapes ``ShapeHulls`` j by j), those ``_prop_within`` (x, y) px by ``reach``,
    into ``out``; returns how many. Less those whose every shape is, by its hull posed where
    its body stands (``pos``, ``angle``), farther than ``far`` px from (x, y), or wholly more than
    ``behind`` px behind it along the unit (ux, uy), or more than ``side`` px to one side of that
    line, each by ``HULL_SPARE_PX`` more: whichever shape is nearest, its nearest point fails
    ``_rolling_ahead_of``'s test of the way ahead (asking pymunk, a trolley beside a sneaking
    student or a corner's width off was asked, ~2 us a shape, only to be passed by). A prop
    whose extent is not finite (a toppled tower, moved by hand) is kept, as ``_prop_within``
    keeps it. Assumes, as that test does, that a prop's shapes stand where its body's pose
    says (pymunk's queries read their world points as the last step left them)."""
    count = 0
    for j in range(some.size):
        k = some[j]
        r = rows[k]
        if not _prop_within(pos, r, extent[k], x, y, reach):
            continue
        if np.isfinite(extent[k]):
            c, s = np.cos(angle[r]), np.sin(angle[r])
            ox, oy = pos[r, 0] - x, pos[r, 1] - y
            ruled_out = True
            for i in range(shape_start[j], shape_start[j + 1]):
                x0, y0, x1, y1 = np.inf, np.inf, -np.inf, -np.inf  # px, the hull's box about (x, y)
                a0, a1, c0, c1 = np.inf, -np.inf, np.inf, -np.inf  # px along and across the way
                for p in range(point_start[i], point_start[i + 1]):
                    qx = ox + c * points[p, 0] - s * points[p, 1]
                    qy = oy + s * points[p, 0] + c * points[p, 1]
                    along, across = qx * ux + qy * uy, qx * uy - qy * ux
                    x0, y0, x1, y1 = min(x0, qx), min(y0, qy), max(x1, qx), max(y1, qy)
                    a0, a1, c0, c1 = min(a0, along), max(a1, along), min(c0, across), max(c1, across)
                grow = radius[i] + HULL_SPARE_PX
                # (farther than reach on some axis; wholly behind; wholly to one side)
                if x0 - grow > far or -x1 - grow > far or y0 - grow > far or -y1 - grow > far \
                        or a0 - grow > far or a1 + grow < -behind or c0 - grow > side or c1 + grow < -side:
                    continue
                if _hull_distance(ox, oy, c, s, points, point_start[i], point_start[i + 1]) - grow > far:
                    continue
                ruled_out = False
                break
            if ruled_out:
                continue
        out[count] = k
        count += 1
    return count


@kernel
def _next_prop_within(pos: np.ndarray, rows: np.ndarray, extent: np.ndarray, x: float, y: float,
                      reach: float, start: int) -> int:
    """The first prop from ``start`` on that ``_props_within`` keeps, or -1: a scalar, where
    that array (boxed, then searched) cost a microsecond or two a call."""
    for k in range(start, rows.size):
        r = rows[k]
        if not (np.hypot(pos[r, 0] - x, pos[r, 1] - y) > extent[k] + reach):
            return k
    return -1


def door_centre(door) -> tuple[float, float]:
    """The centre (px) of a door's tile, where E reaches it from."""
    c, r = door.spec.tile
    return (c + 0.5) * TILE_PX, (r + 0.5) * TILE_PX


def coupling_first(p, facing, coupling_xy, coupling_d: float, door_xy, door_d: float) -> bool:
    """Whether E works the coupling (a chock, a latch, a trolley coupling) at ``coupling_xy``
    rather than the door at ``door_xy`` (distances px from the student at ``p``): the door only
    when it is in reach and either the student faces it and not the coupling, or, facing both
    or neither, it is the nearer. Played by hand, a player who came through the Site's east door
    and stood at the bridge head facing the pipe stack pressed E for its chock and locked the
    door behind him: the door was the nearer."""
    if door_d > USE_REACH:
        return True
    fx, fy = facing
    ahead_c = fx * (coupling_xy[0] - p[0]) + fy * (coupling_xy[1] - p[1]) > 0.0
    ahead_d = fx * (door_xy[0] - p[0]) + fy * (door_xy[1] - p[1]) > 0.0
    if ahead_c != ahead_d:
        return ahead_c
    return coupling_d < door_d


class World:
    """A running level: pymunk space, squad, props, doors, and the tick counter."""

    def __init__(self, spec: LevelSpec, seed: int, difficulty: str = "normal") -> None:
        self.spec = spec
        self.seed = int(seed)
        self.difficulty = difficulty
        diff = spec.difficulty_of(difficulty)
        self.rng = make_sim_rng(sim_key(spec), self.seed)
        self.tick = 0
        self.outcome: str | None = None  # None while playing; "win" or "loss"
        self.loss_cause = ""
        # An endless level has no clock: it runs until the squad is down.
        self.time_limit_ticks = int(round(spec.time_limit_seconds * TICK_HZ)) if spec.endless is None else 2**62
        self.standing_ticks = 0  # student-ticks: every tick, one per student still standing (an endless score)
        self.tilemap = TileMap.from_spec(spec.map)
        self.fall_mask = fall_mask(self.tilemap, spec.zones)  # edge tiles and fall zones: a drop
        self.has_drops = bool(self.fall_mask.any())  # the mask never changes: asked once, not every tick
        self.space = make_space()
        self.bodies = BodyTable(self.space)
        self.tilemap.add_walls(self.space)
        present = [st for st in spec.squad if st.id not in {p.student for p in spec.spawn_points if p.role == "ally"}]
        self.lead = next((i for i, st in enumerate(present) if st.lead), 0)
        self.starters = frozenset(st.id for st in present)  # the squad the level starts with (no late allies)
        # (rule, student id) of each "student-lost:<id>" lose rule: _check_outcome's, parsed once
        self._lost_rules = [(rule, rule.partition(":")[2]) for rule in spec.lose if rule.startswith("student-lost:")]
        self.follow = True
        self.follower_paths = FollowerPaths()
        self.phones_left = actions.PHONES_PER_LEVEL
        self.clouds: list[specials.Cloud] = []  # extinguisher powder in the air (hides students)
        self._specials_used = False  # once a move is used its state is in the hash (earlier runs keep theirs)
        self.noise_made = 0.0  # px of loudness the squad made, summed (the score's noise)

        # Canonical creation order: doors, then props, then students, each sorted by id.
        self.doors: list[Door] = []
        for dspec in sorted(spec.doors, key=lambda d: d.id):
            c, r = dspec.tile
            horizontal = self._is_horizontal_doorway(c, r)
            body, hinge, angle, limit, spring = build_door(self.space, dspec, horizontal)
            door = Door(dspec, body, hinge, angle, TILE_PX - 1.0, self.bodies.register(body), limit, spring=spring)
            door.set_locked(dspec.locked)
            self.doors.append(door)
        self.props: list[Prop] = []
        for pspec in sorted(spec.props, key=lambda p: p.id):
            body, ptype = build_prop(self.space, pspec, spec.prop_type(pspec.type) if spec.prop_types else None)
            self.props.append(Prop(pspec, ptype, body, self.bodies.register(body)))
        self._props_by_id = {p.spec.id: p for p in self.props}
        self._prop_rows = np.array([p.index for p in self.props], dtype=np.intp)  # BodyTable rows
        self._door_rows = np.array([d.index for d in self.doors], dtype=np.intp)  # BodyTable rows
        self._rolling_rows = np.flatnonzero([p.type.rolling != "none" for p in self.props])  # indices into props
        self._rolling_near = np.empty(self._rolling_rows.size, dtype=np.intp)  # see _rolling_ahead_of
        self._door_centres = np.array([door_centre(d) for d in self.doors], dtype=np.float64).reshape(-1, 2)  # px
        self._door_locks = [LOCK_BREAK_FORCE * d.spec.lock_strength for d in self.doors]  # N: what each lock alone withstands
        self._door_closed = np.array([d.closed_angle for d in self.doors], dtype=np.float64)  # rad, per door
        self._doors_open_bits: int | None = None  # ``open_bits`` as ``_update_doors`` last left the doors
        self._locked_centres: tuple[list[int], np.ndarray] = ([], np.zeros((0, 2)))  # _update_doors': locked doors, centres px
        self.door_leaves = self._double_doors()  # door id -> the other leaves of its doorway
        self._spared: list[int] = []  # props bracing a door a follower is near, as last asked (SPARE_EVERY_TICKS)
        self._braces: dict[str, tuple[bytes, float, list[int]]] = {}  # door id -> (props' poses asked about, brace N, bracing props)
        self._brace_reach: dict[str, np.ndarray] = {}  # door id -> tiles a bracing prop may stand on
        # door id -> (its centre x, y px, the near props' indices, their centres (px) and angles
        # when the answer in ``_braces`` was worked out, its slack px, each near prop's tile
        # slack px): see ``_brace_of``
        self._brace_slack: dict[str, tuple[float, float, np.ndarray, np.ndarray, np.ndarray, float, np.ndarray]] = {}
        # (x, y, ux, uy) of the last ``_rolling_ahead`` in this step before its physics, and its
        # answer: asked again from the same point the same way (the props have not moved), the same prop
        self._ahead: tuple[tuple[float, float, float, float] | None, Prop | None] = (None, None)
        # (the students in play, their body rows as an array, and their ids, when last asked): see _in_play
        self._in_play_rows: tuple[list[Student], np.ndarray, tuple[str, ...]] = ([], np.zeros(0, dtype=np.intp), ())
        # ``_follower_rows``' last answer: the followers (roster order) and their body rows
        self._follower_rows_of: tuple[list[Student], np.ndarray] = ([], np.zeros(0, dtype=np.intp))
        self._no_sight = np.zeros(0)  # see _unseen
        self._cars = [k for k, p in enumerate(self.props) if p.type.alarm]  # indices into props
        self.rolling = RollingProps(self.space, self.bodies)
        for prop in self.props:
            if not prop.spec.anchored:  # a bolted-down trolley does not roll
                self.rolling.add(prop.body, prop.type.rolling, prop.size[0], prop.index)  # its length, px
        self._rattlers = [p for p in self.props if p.type.rattle > 0.0]  # props whose casters rattle
        self._rattle_due = rattle_schedule(self._rattlers)  # per tick % RATTLE_TICKS: those whose rattle is due
        cover = [p for p in self.props if p.type.cover]  # props that block sight (trolleys)
        self._cover_rows = np.array([p.index for p in cover], dtype=np.intp)  # BodyTable rows
        self._cover_half = np.array([p.size for p in cover], dtype=np.float64).reshape(-1, 2) / 2.0  # px: half width, half depth
        self.joints = Joints(self.space, spec.joints, {p.spec.id: p.body for p in self.props},
                             {id(p.body): p.index for p in self.props})
        for prop in self.props:  # a banded bundle's hull (joints.band_bundles) reaches further
            prop.extent = shape_extent(prop.body)
        self._prop_extent = np.array([p.extent for p in self.props], dtype=np.float64)  # px
        # Per prop, its shapes (as ``body.shapes`` lists them: its own, then a bundle's two):
        # none is added or taken away from here on, and the per-tick queries over the props
        # near a student walked pymunk's ``shapes`` view (~0.5 us a prop) each time.
        self._prop_shapes = [tuple(p.body.shapes) for p in self.props]
        self._rolling_hulls = ShapeHulls([self._prop_shapes[k] for k in self._rolling_rows.tolist()])  # (_rolling_ahead_of)
        # ... and all their boxes in one array, prop after prop (``_prop_boxes``), with each
        # prop's rows in it
        self._prop_box_table = PropBoxes(self.props)
        first = np.cumsum([0] + [len(shapes) for shapes in self._prop_shapes]).tolist()
        self._prop_shape_rows = [range(a, b) for a, b in zip(first[:-1], first[1:], strict=True)]
        # px: how far each prop's and then each door's shapes reach (kept finite for a toppled
        # tower, whose shapes collide with nothing: see _body_reach)
        self._body_extent = np.concatenate([self._prop_extent, [shape_extent(d.body) for d in self.doors]])
        # px: how far each prop's shapes reach from the point it turns about (its centre of
        # gravity, off its origin in a banded bundle): a turn by a rad moves them a * this at most
        self._turn_reach = np.array([p.extent + math.hypot(*p.body.center_of_gravity) for p in self.props],
                                    dtype=np.float64)
        self.towers = Towers(self.props)  # scaffold towers that topple when their tie snaps
        self.students: list[Student] = []
        allies = {p.student: p for p in spec.spawn_points if p.role == "ally" and p.student}
        self.allies_pending: list[tuple[Student, SpawnPointSpec]] = []  # not in the world yet, roster order
        self._zone_rects = {z.id: z.rect for z in spec.zones}  # zone id -> rect (tiles): where allies join
        for i, sspec in enumerate(spec.squad):  # roster order is the designer's; ids are unique
            if sspec.id in allies:  # built now (canonical body order), parked off the map until it joins
                body, control = build_student(self.space, sspec.id, ALLY_PARK[0] - 32.0 * i, ALLY_PARK[1])
                self.bodies.steer(control)
                ally = Student(sspec.id, body, control, self.bodies.register(body), **actions.armed(sspec.weapon),
                               special_charges=specials.charges_for(sspec.id))
                for shape in body.shapes:
                    shape.filter = pymunk.ShapeFilter(categories=0, mask=0)
                self.allies_pending.append((ally, allies[sspec.id]))
                continue
            x, y = start_point(spec, i)
            body, control = build_student(self.space, sspec.id, x, y)
            self.bodies.steer(control)  # its velocity is set by drive(), not by the horde's write
            self.students.append(Student(sspec.id, body, control, self.bodies.register(body), halfbie=sspec.halfbie,
                                         **actions.armed(sspec.weapon), special_charges=specials.charges_for(sspec.id)))
        # a halfbie in the squad (Nam-ra): followers keep out of her hunger's reach (_step_off)
        self._halfbies = any(s.halfbie for s in self.students) or any(a.halfbie for a, _ in self.allies_pending)
        # Whether the map has a puddle: none appears later (a toppled tower only lays walls).
        self._puddles = bool((self.tilemap.kind == PUDDLE).any())
        self.breeds = BreedTable.from_level(spec)  # the level's own table (built-in + pack rows)
        for name in ("speed_wander", "speed_investigate", "speed_chase"):  # difficulty: speed
            setattr(self.breeds, name, getattr(self.breeds, name) * diff.speed)
        counts = [max(0, round(g.count * diff.horde)) for g in spec.zombies]
        capacity = sum(counts) + Director.capacity_needed(spec, diff.horde) + EXTRA_HORDE_SLOTS
        self.horde = Horde(self.space, self.bodies, self._walk_cost(), self._transmission(),
                           self._opaque(), capacity, self.rng, self.breeds)
        self.horde.set_walls(self.tilemap.solid)
        self._solid = self.tilemap.solid  # (rows, cols) bool; remade when walls change
        solid = self.spawn_floor()
        facings: list[tuple[int, int, tuple[float, float]]] = []  # (first row, rows, unit facing)
        queued = 0
        for group, count, label in zip(spec.zombies, counts, group_labels(spec.zombies), strict=True):
            zone = tuple(v * TILE_PX for v in group.zone)
            state = STATE_CODES.get(group.state, IDLE)
            got = self.horde.spawn_in_zone(zone, count, self.breeds.index(group.breed), state, solid,
                                           origin=self.horde.origins.index(label))
            if group.facing:
                facings.append((queued, got, FACINGS[group.facing]))
            queued += got
        self._blocked = self._zombie_blocked()
        self._barriers: np.ndarray | None = None  # barriers(), until a grid changes
        self.director = Director(self, diff.horde)
        self.sky = Sky(spec, self.rng, diff.sight)
        self.sky.relight(self.horde.opaque)
        self.objectives = Objectives(spec)
        self.result: LevelResult | None = None
        self.horde.apply_pending()
        for first, rows, facing in facings:
            # set after the spawns, which drew each a random facing: the sim's random draws, and so
            # every level that faces no group, stay as they were (the groups spawn in file order)
            self.horde.facing_all[first:first + rows] = facing
        self.bodies.read()
        self.horde.prev_all[: self.horde.n] = self.horde.pos_all[: self.horde.n]
        self.prev_pos = self.bodies.pos.copy()
        self.prev_angle = self.bodies.angle.copy()

    # ----------------------------------------------------------------- grids the horde reads
    def nearest_door(self, x: float, y: float) -> tuple[float, Door] | None:
        """(distance px, door) of the door whose tile centre is nearest (x, y) px, or None: what
        E weighs against a coupling in reach (the prompts ask the same question)."""
        return min(((math.hypot(x - door_centre(d)[0], y - door_centre(d)[1]), d) for d in self.doors),
                   key=lambda dd: dd[0], default=None)

    def _door_at(self) -> dict[tuple[int, int], Door]:
        return {d.spec.tile: d for d in self.doors}

    def _walk_cost(self) -> np.ndarray:
        """Tiles the horde can walk (inf = never), with locked doors costly."""
        # (TileMap.solid is np.isin(kind, SOLID_KINDS) by a lookup table, at a tenth of the
        # cost: a door the Auditorium's crowd jostles open or shut remakes these grids)
        cost = np.where(self.tilemap.solid, np.inf, 1.0).astype(np.float32)
        cost[self.fall_mask] = np.inf  # nobody walks off an edge on purpose (pushed is another matter)
        for (c, r), door in self._door_at().items():
            cost[r, c] = LOCKED_DOOR_WALK_COST if door.locked else 1.0
        return cost

    def _transmission(self) -> np.ndarray:
        """How much of a sound passes through each tile (walls 0, closed doors 0.4, open 0.9)."""
        kind = self.tilemap.kind
        t = np.where(self.tilemap.solid, 0.0, 1.0).astype(np.float32)  # (as in _walk_cost)
        t[kind == WINDOW] = 0.5
        for (c, r), door in self._door_at().items():
            t[r, c] = 0.9 if door.is_open or door.broken else 0.4
        return t

    def _opaque(self) -> np.ndarray:
        """Tiles that block sight: walls and shut doors (windows let sight through)."""
        opaque = self.tilemap.opaque
        for (c, r), door in self._door_at().items():
            opaque[r, c] = not (door.is_open or door.broken)
        return opaque

    def _grids_changed(self) -> None:
        """A door opened, closed, locked or broke, or a tower fell: the horde's grids follow."""
        self.horde.walk_cost = self._walk_cost()
        self.horde.transmission = self._transmission()
        self.horde.opaque = self._opaque()
        self.sky.relight(self.horde.opaque)  # a door that opens lets a lamp's light through
        self.horde.grid_version += 1
        solid = self.tilemap.solid
        # A toppled tower's wreck is walls now (its tiles' kinds), and may stand between a door
        # and a prop. A door that opens, shuts, locks or breaks moves no wall: the walls' grids and
        # the brace answers (of the props' poses and the walls alone) stand, the very ones
        # worked out again (the Auditorium's doors, jostled across their open angle by the
        # crowd, swing ~1000 times a night, and each time every locked door's braces were
        # looked for afresh).
        if not np.array_equal(solid, self._solid):
            self._solid = solid
            self.horde.set_walls(self._solid)
            self._braces.clear()
            self._brace_slack.clear()
            self._brace_reach.clear()
        self._blocked = self._zombie_blocked()
        self._barriers = None

    def barriers(self) -> np.ndarray:
        """(rows, cols) bool: the tiles no zombie crosses to a student: drops, walls, windows and
        locked doorways (a follower does not panic at a zombie beyond one). Shared: read only."""
        if self._barriers is None:  # (asked every tick a zombie is near a follower: kept until a grid changes)
            self._barriers = self.fall_mask | self._blocked
        return self._barriers

    def _zombie_blocked(self) -> np.ndarray:
        """Tiles no zombie centre may end a tick in: solid tiles and locked doorways."""
        blocked = self.tilemap.solid.copy()
        for (c, r), door in self._door_at().items():
            blocked[r, c] = door.locked
        return blocked

    @classmethod
    def from_spec(cls, spec: LevelSpec, seed: int, difficulty: str = "normal") -> World:
        """Build a world for a level, a seed and a difficulty (story / normal / hard)."""
        return cls(spec, seed, difficulty)

    def prop_by_id(self, prop_id: str) -> Prop | None:
        """A prop by its level id."""
        return self._props_by_id.get(prop_id)

    def trigger_alarm(self, prop: Prop) -> None:
        """Set off the alarm attached to a prop (a car), unless it is already sounding."""
        sid = self.director.alarm_for(prop.spec.id)
        if sid is not None and sid not in self.director.active:
            self.director.fire(sid, self.tick)

    # ----------------------------------------------------------------- queries
    @property
    def lead_student(self) -> Student:
        """The student the player controls."""
        return self.students[self.lead]

    @property
    def sim_seconds(self) -> float:
        """Simulated time so far."""
        return self.tick * TICK_DT

    def student_pos(self, student: Student) -> np.ndarray:
        """A student's position (px) as of the last tick."""
        return self.bodies.pos[student.index]

    def _double_doors(self) -> dict[str, list[Door]]:
        """Door id -> the other leaves of the same doorway: door tiles side by side along their
        wall (a doorway in a horizontal wall runs along the row) are one double door, locked and
        unlocked together. Played by hand, the Auditorium's loading bay was locked by one leaf
        and thought shut; the crowd came through the other."""
        at = {d.spec.tile: d for d in self.doors}
        leaves: dict[str, list[Door]] = {}
        for door in self.doors:
            c, r = door.spec.tile
            # along the row in a horizontal wall, or where leaves stand side by side in the row
            # (the middle leaf of a wide doorway has leaves, not walls, left and right of it)
            along_row = self._is_horizontal_doorway(c, r) or (c - 1, r) in at or (c + 1, r) in at
            step = (1, 0) if along_row else (0, 1)
            group = [door]
            for sign in (-1, 1):  # walk both ways along the wall while door tiles go on
                k = 1
                while (c + sign * k * step[0], r + sign * k * step[1]) in at:
                    group.append(at[(c + sign * k * step[0], r + sign * k * step[1])])
                    k += 1
            if len(group) > 1:
                leaves[door.spec.id] = sorted(group[1:], key=lambda d: d.spec.id)
        return leaves

    def _is_horizontal_doorway(self, c: int, r: int) -> bool:
        """Whether the doorway at tile (c, r) runs along its row (a gap in a horizontal wall):
        a wall meets it left or right, past any door tiles beside it, so the middle leaf of a
        doorway three or more tiles wide swings like the leaves at its ends."""
        kind = self.tilemap.kind
        for step in (-1, 1):
            k = c + step
            while 0 <= k < self.tilemap.cols and kind[r, k] == DOOR:
                k += step
            if 0 <= k < self.tilemap.cols and kind[r, k] == WALL:
                return True
        return False

    # ----------------------------------------------------------------- the tick
    def step(self, tick_input: TickInput) -> list[ev.Event]:
        """Advance one tick (1/60 s) with this tick's commands; return what happened."""
        events: list[ev.Event] = []
        if self.outcome is not None:
            return events
        self.prev_pos = self.bodies.pos.copy()
        self.prev_angle = self.bodies.angle.copy()
        self._ahead = (None, None)  # (kept from here to the physics step only)
        self._apply_commands(tick_input, events)
        if self.allies_pending:
            self._allies_join(events)
        self._drive_followers(events)
        hunger_tick(self, events)
        self.sky.tick(self.tick, events)
        self.director.tick(self.tick, events)
        due = self._rattle_due[self.tick % RATTLE_TICKS]
        if due:  # trolleys shoved fast rattle (from the last step's speeds)
            events.extend(caster_rattle(self.tick, due, self.bodies.vel, self.bodies.pos))
        sounds = [e for e in events if isinstance(e, ev.Sound)]
        if sounds:
            squad = {s.id for s in self.students}
            self.noise_made += sum(e.loudness for e in sounds if e.source in squad)
        heard = self.horde.think(self.tick, sounds, self._sense_context(looking=self.tick % DECIDE_TICKS == 0))
        if heard:  # (on a decision tick: the sounds of the ticks since the last one)
            events.append(ev.Heard(heard))
        thought = len(events)  # the sounds from here on come after the horde's think (see below)
        self._ahead = (None, None)
        self.rolling.before_step(self.joints.coupled_bodies())  # after the horde's batch write, right before the step
        self.joints.before_step()  # release pushes (a chock knocked out), after that write too
        self.horde.fit_shapes(self._body_reach)
        self.space.step(TICK_DT)
        # The body table is read before the joints' step when no tower stands (the one thing
        # between them that reads or moves a body: a toppling tower's crush reads the table as it
        # was): the joints neither move a body nor read the table otherwise, and the couplings'
        # load points come from it, not from pymunk body by body.
        read = not self.towers.standing
        if read:
            self.bodies.read()
        # (an empty horde pushes on nothing: no crowd to ask about the couplings' and ties' loads;
        # and with no joint that may break, there are no loads to ask about: most levels)
        if self.joints.may_break:
            table = self.bodies if read else None
            if self.horde.n:
                self.joints.after_step(events, self.horde.push_near_points, self._dragged_bodies(),
                                       self.horde.anyone_in_box, table)
            else:
                self.joints.after_step(events, None, self._dragged_bodies(), table=table)
        if not read:
            self.towers.after_joints(self, events)
            self.bodies.read()
        self.horde.keep_out(self._blocked)
        apply_falls(self, events)
        apply_blows(self, events)
        self._update_doors(events)
        self._car_bumps()
        self._bites_and_infection(events)
        self.horde.apply_pending()
        # What this tick's second half made heard (a bitten or falling student's scream, a door or
        # a joint breaking, a crash) is heard at the horde's next decision, as the squad's own
        # sounds are. Before, only the rings showed them: a friend screamed as bitten, the ring
        # said the street heard it, and nothing came. (Not the score's noise: nobody chose it.)
        late = [e for e in events[thought:] if isinstance(e, ev.Sound)]
        if late:
            self.horde.hear_later(late)
        self.tick += 1
        if self.spec.endless is not None:
            self.standing_ticks += sum(1 for s in self.students if s.alive)
        self._check_outcome(events)
        return events

    def in_play(self) -> tuple[list[Student], np.ndarray]:
        """The students still in play (roster order) and their positions ((m, 2) px, a fresh
        array) as of the last tick."""
        alive, pos, _ = self._in_play()
        return alive, pos

    def _in_play(self) -> tuple[list[Student], np.ndarray, tuple[str, ...]]:
        """``in_play`` and the students' ids. Their rows (a student's body row is theirs for
        good) and ids are made again only when someone fell, turned or joined."""
        alive = [s for s in self.students if s.alive]
        known = self._in_play_rows
        if alive != known[0]:  # (the very objects pass at once; two students differ in the first field compared, their id)
            known = self._in_play_rows = (alive, np.array([s.index for s in alive], dtype=np.intp),
                                          tuple(s.id for s in alive))
        return alive, self.bodies.pos.take(known[1], axis=0), known[2]  # (pos[rows], a fresh array, cheaper)

    def _follower_rows(self, followers: list[Student]) -> np.ndarray:
        """The body rows (intp) of ``followers``, made again only when they change (someone
        fell, turned, joined, or the lead passed on): ``take`` with an index array costs ~2 us
        less than with a list, every tick."""
        known = self._follower_rows_of
        if followers != known[0]:  # (the very objects pass at once, as in ``_in_play``)
            known = self._follower_rows_of = (followers, np.array([s.index for s in followers], dtype=np.intp))
        return known[1]

    def _sense_context(self, looking: bool = True) -> SenseContext:
        """What the horde may perceive now. The horde looks (and wakes its sleepers by sight)
        only when it decides, every DECIDE_TICKS: between those ticks nothing reads the sight
        ranges, so the world passes ``looking`` False then and they are not worked out (the
        light at each student, a few lamps' pools each: most of this call's cost), all NaN
        (were they read, nobody would be seen)."""
        _, pos, ids = self._in_play()
        if not looking:
            return SenseContext(pos, ids, self.lead_student.id, self._unseen(len(ids)),
                                self.sky.loudness_mult(self.tick))
        sight = self.sky.sight_ranges(self.tick, pos, ids)  # px, by the light at each student
        if self.clouds:  # in extinguisher powder nobody is seen
            sight = np.where(specials.hidden_by_clouds(self.clouds, pos), 0.0, sight)
        # Walled in by trolleys, a student is seen only from inside them: the rays are cast
        # only on decision ticks (see above), and only while there is a horde (an empty one
        # returns from ``think`` before it looks; a zombie spawned at this tick's end is neither
        # asleep nor settled: it looks next tick).
        if self._cover_rows.size and self.tick % DECIDE_TICKS == 0 and self.horde.n:
            rows = self._cover_rows  # (fresh float64 arrays, as cover_ranges_of wants them)
            sight = np.minimum(sight, cover_ranges_of(pos, self.bodies.pos.take(rows, axis=0), self.bodies.angle.take(rows),
                                                      self._cover_half))
        return SenseContext(pos, ids, self.lead_student.id, sight, self.sky.loudness_mult(self.tick))

    def _unseen(self, m: int) -> np.ndarray:
        """(m,) NaN px, read-only: the sight ranges passed between the horde's decisions."""
        if self._no_sight.size != m:
            self._no_sight = np.full(m, np.nan)
            self._no_sight.flags.writeable = False
        return self._no_sight

    def _body_reach(self) -> np.ndarray:
        """(k, 3): x, y px and reach px of every prop, door and student (the fallen too), as
        last read: what a zombie may touch in pymunk (``Horde.fit_shapes``)."""
        rows = np.concatenate([self._prop_rows, self._door_rows, [s.index for s in self.students]])
        out = np.empty((rows.size, 3))
        out[:, :2] = self.bodies.pos[rows.astype(np.intp)]
        out[:self._body_extent.size, 2] = self._body_extent
        out[self._body_extent.size:, 2] = STUDENT_RADIUS
        return out

    def _props_near(self, x: float, y: float, reach: float) -> np.ndarray:
        """Per prop (bool, in ``self.props`` order): whether its shapes may come within
        ``reach`` px of (x, y) px. The others' positions (as last read) lie farther than their
        ``extent`` plus ``reach`` and a pixel of slack for rounding: their exact
        ``point_query`` could only say "out of reach", so callers skip it."""
        # (one compiled pass: numpy's hypot, sum and test per prop, without their five calls)
        return _props_within(self.bodies.pos, self._prop_rows, self._prop_extent, x, y, reach + 1.0)

    def unbound_prop(self, prop: Prop) -> None:
        """From now on ``_props_near`` never rules ``prop`` out (its shapes' geometry no
        longer follows its position: a toppled tower)."""
        self._prop_extent[self.props.index(prop)] = np.inf

    def _car_bumps(self) -> None:
        """A student walking or running into a car sets its alarm off (sneaking past is safe)."""
        if not self._cars:
            return
        vel = self.bodies.vel
        bumping = []  # students moving hard enough to set an alarm off, and where they are
        for s in self.students:
            if not s.alive:
                continue
            v = vel[s.index]
            if math.hypot(v[0], v[1]) < CAR_BUMP_SPEED and s.moving_gait != "sprint":
                continue
            p = self.student_pos(s)
            bumping.append((float(p[0]), float(p[1])))
        if not bumping:
            return
        near = [self._props_near(x, y, STUDENT_RADIUS + 1.5) for x, y in bumping]
        for k in self._cars:  # car by car, student by student: the order alarms go off in
            prop = self.props[k]
            for at, by in zip(bumping, near, strict=True):
                if by[k] and min(point_distance(sh, *at) for sh in prop.body.shapes) <= STUDENT_RADIUS + 1.5:
                    self.trigger_alarm(prop)

    def _bites_and_infection(self, events: list[ev.Event]) -> None:
        alive, pos, _ = self._in_play()
        bites = self.horde.bites(pos)
        for student, count, biter in zip(alive, bites.per_student.tolist(), bites.first_row.tolist(), strict=True):
            if student.bite_grace > 0:
                student.bite_grace -= 1
                count = 0  # (the zombies' own cooldowns still run: they bit, and did not get through)
            if count:
                student.bite_grace = BITE_GRACE_TICKS
                student.bitten_by = self.horde.origin_of(biter)
                geared = student.id in actions.TURNOUT_GEAR
                student.health = max(0.0, student.health - BITE_DAMAGE * (actions.GEAR_BITE_MULT if geared else 1.0))
                # A halfbie (Nam-ra) is already half turned and stays so: a bite hurts her, it
                # does not set her turning (in the woods she was bitten from behind and turned
                # 25 s later, inside the checkpoint's pen, among the others).
                if student.infected_ticks == 0 and not geared and not student.halfbie:
                    student.infected_ticks = INFECTION_TICKS
                p = self.student_pos(student)
                events.append(ev.Bitten(student.id, float(p[0]), float(p[1]), student.health, student.bitten_by))
                events.append(ev.Sound(float(p[0]), float(p[1]), 380.0, "scream", student.id))
            # Turn when torn down, or when the infection's countdown runs out this tick. (It
            # used to be "no countdown and hurt", which a geared student bitten once also is:
            # So-ju, whose coat keeps bites from infecting, turned 0.4 s after breaking in.)
            ran_out = False
            if student.infected_ticks > 0:
                student.infected_ticks -= 1
                ran_out = student.infected_ticks == 0
            if student.health <= 0.0 or ran_out:
                self._turn(student, events, fell=student.health <= 0.0)

    def _turn(self, student: Student, events: list[ev.Event], fell: bool) -> None:
        """A student is lost: their body leaves the world and a zombie rises where they were."""
        x, y = leave_play(self, student, events)
        if fell:
            self.horde.feed_near(x, y)
        self.horde.request_spawn(x, y, self.breeds.index("walker"), WANDER,
                                 origin=self.horde.origins.index(risen_label(student.id)))
        events.append(ev.Turned(student.id, x, y, "bitten" if fell else "infection", student.bitten_by))

    def _apply_commands(self, tick_input: TickInput, events: list[ev.Event]) -> None:
        # The first command of each kind, gathered in one pass (the kinds are unrelated classes,
        # so this is ``tick_input.first`` of each: a dict lookup, not a walk, per kind asked)
        first: dict[type, Any] = {}
        for c in tick_input.commands:
            first.setdefault(type(c), c)
        if SwitchLead in first:
            self._switch_lead(events)
        if ToggleFollow in first:
            self.follow = not self.follow
            for s in self.students:
                s.hold = not self.follow
                p = self.student_pos(s)
                s.hold_at = (float(p[0]), float(p[1]))
            events.append(ev.SquadOrder(self.follow))
        friend = first.get(ToggleFriend)
        if friend is not None:
            self._order_friend(friend.x, friend.y, events)
        if ToggleTorch in first:
            on = self.sky.toggle_torches()
            if on is not None:
                events.append(ev.TorchToggled(on))
        for s in self.students:  # (ticks, never below 0: only a running one counts down)
            if s.action_cooldown:
                s.action_cooldown -= 1
        if self._specials_used:
            specials.tick_specials(self)
        lead = self.lead_student
        if not lead.alive:
            return
        move = first.get(Move)
        self._move_student(lead, move, events)
        if lead.grab_joint is not None and self._grip_stretch(lead) > GRIP_SLIP_PX:
            self._release(lead, events, slipped=True)
            lead.grip_slipped = True  # the E still held takes hold of nothing: a fresh press does
        if Grab in first:
            if lead.grab_joint is None and not lead.grip_slipped:
                self._grab(lead, events)
        else:
            lead.grip_slipped = False
            if lead.grab_joint is not None:
                self._release(lead, events)
        if Use in first:
            self._use(lead, events)
        if Melee in first:
            if lead.arrows > 0:  # a bow while arrows last (then it is swung like any weapon)
                actions.shoot(self, lead, events)
            else:
                actions.melee(self, lead, events)
        if Shove in first:
            actions.shove(self, lead, events)
        throw = first.get(Throw)
        if throw is not None:
            actions.throw(self, lead, float(throw.x), float(throw.y), events)
        if Special in first and specials.use_special(self, lead, events):
            self._specials_used = True

    def _move_student(self, student: Student, move: Move | None, events: list[ev.Event]) -> None:
        length = math.hypot(move.x, move.y) if move else 0.0
        if move is None or length < 1e-6:
            if student.grab_joint is not None:
                self._free_grip(student)
            drive(student, 0.0, 0.0)
            update_stamina(student, "walk", False)
            student.moving_gait = ""
            student.step_timer = 0
            return
        scale = 1.0 / length if length > 1.0 else 1.0
        dx, dy = move.x * scale, move.y * scale
        here = self.student_pos(student)  # (one row for the asks below: nothing here moves a body)
        gait = resolve_gait(student, move.gait)
        speed = GAIT_SPEED[gait] * sprint_mult(student.id, gait)
        if student.grab_joint is not None:
            speed *= 0.6  # dragging a prop: slower, and heavy ones slower still (friction)
            self._steady_grip(student, dx, dy)
        elif gait == "sneak" and self._rolling_rows.size:
            p = here
            norm = math.hypot(dx, dy)
            ux, uy = dx / norm, dy / norm
            speed = self._careful(self._rolling_ahead(float(p[0]) + ux * STUDENT_RADIUS,
                                                      float(p[1]) + uy * STUDENT_RADIUS, ux, uy), ux, uy, speed)
        vx, vy = dx * speed, dy * speed
        if student.grab_joint is None:  # a dragged prop has corners of its own: no easing then
            vx, vy = corner_slip(self._solid, here, vx, vy)
        if self.has_drops:
            vx, vy = rim_guard(self.fall_mask, here, self.bodies.vel[student.index], vx, vy)
        drive(student, vx, vy)
        update_stamina(student, gait, True)
        norm = math.hypot(dx, dy)
        student.facing = (dx / norm, dy / norm)
        student.moving_gait = gait
        self._footstep(student, gait, events)

    def _footstep(self, student: Student, gait: str, events: list[ev.Event]) -> None:
        student.step_timer += 1
        if student.step_timer < STEP_TICKS[gait]:
            return
        student.step_timer = 0
        loudness = GAIT_NOISE[gait] * WALK_NOISE_MULT.get(student.id, 1.0)
        x, y = self.bodies.pos[student.index].tolist()  # px (Python floats: the same bits)
        c, r = self.tilemap.tile_of(x, y)
        kind = f"{gait}-step"
        if self.tilemap.kind[r, c] == PUDDLE:
            loudness, kind = max(loudness, SPLASH_NOISE[gait]), "splash"
        if loudness > 0:
            events.append(ev.Sound(x, y, loudness, kind, student.id))

    @staticmethod
    def _pressed_from_outside(pos: np.ndarray, left_out: list[np.ndarray]) -> bool:
        """Whether a follower still outside the place the squad gathers in (``left_out``, px)
        is pressed against one at ``pos`` (within ``GATHER_MAKE_ROOM_PX``, centre to centre)."""
        return any(math.hypot(float(q[0] - pos[0]), float(q[1] - pos[1])) <= GATHER_MAKE_ROOM_PX for q in left_out)

    def _gather_velocity(self, pos: np.ndarray, gather, lead_pos: np.ndarray,
                         left_out: list[np.ndarray]) -> tuple[float, float, str]:
        """A follower's way into the place the squad must gather (the lead is already in it).

        Inside and near the lead it stands, unless a follower still outside (``left_out``, px)
        is pressed against it: then it walks on to the lead to make room (on the trail's
        markers, two stood just inside a marker's edge and the third stood against them, one
        step out, and the objective waited for ever). Inside but farther, it walks on to the
        lead: one that stopped just past the edge stood in the foyer's doorway and the next
        could not get in (Storm Crossing ran out of time with the whole squad at the door).
        Outside and near the lead it steps to the nearest point half a tile in (a lead just
        inside the edge is not walked into); outside and farther, it walks to the lead (round
        walls by the path to the lead)."""
        d_lead = float(math.hypot(*(lead_pos - pos)))
        inside = self.objectives.in_area(self, gather, pos)
        if inside and self._apart_in(gather, pos, lead_pos):
            # In the place, but in another piece of it than the lead's: it stands. Walking on to
            # the lead, the Trolley's So-ju left the storeroom she broke in by (an exit) for its
            # doorway, blocked by the box in the corridor, and the level waited on her for ever.
            return 0.0, 0.0, ""
        if inside and d_lead <= GATHER_NEAR_PX and not self._pressed_from_outside(pos, left_out):
            return 0.0, 0.0, ""
        target = lead_pos if inside or d_lead > GATHER_STEP_IN_PX else \
            self.objectives.into_area(self, gather, pos, lead_pos, LEAD_TOUCH_PX + STUDENT_RADIUS)
        if not self.follower_paths.clear_line(pos, target):
            way = self.follower_paths.waypoint(pos)
            if way is not None:
                target = way
        return path_velocity(pos, target, d_lead)

    def _apart_in(self, gather, pos: np.ndarray, lead_pos: np.ndarray) -> bool:
        """Whether ``pos`` and the lead stand in different pieces of the place ``gather`` names
        (``Objectives.part_of``; False when either is on no piece's tile, as at a rect's edge)."""
        mine = self.objectives.part_of(self, gather, pos)
        lead = self.objectives.part_of(self, gather, lead_pos)
        return bool(mine and lead and mine != lead)

    def _in_puddle(self, pos: np.ndarray | list[float]) -> bool:
        c, r = self.tilemap.tile_of(float(pos[0]), float(pos[1]))
        return self.tilemap.kind.item(r, c) == PUDDLE

    def _follower_grids(self) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """Tiles a follower cannot enter (walls, locked doors), tiles under props (costly), and
        tiles under props bracing a locked door (costlier still; None when nothing braces one).
        A follower never walks into a brace (``_spare_braces``): a path through one left it
        pressed against the frame, and a playtester's Cheong-san stood 39 s by the Site's north
        door after F while the way round it was clear."""
        blocked = self.tilemap.solid | self.fall_mask
        for (c, r), door in self._door_at().items():
            blocked[r, c] = door.locked and not door.broken
        braces = [k for door in self.doors if door.locked and not door.broken for k in self._brace_of(door)[2]]
        boxes = self._prop_boxes()  # (once for both grids: nothing moves in between)
        # (each into a fresh grid of False the shape of ``blocked``: left to ``_tiles_under``, the
        # same grid, made from the tile kinds each time)
        return blocked, self._tiles_under(boxes, grid=np.zeros_like(blocked)), \
            self._tiles_under(boxes, braces, grid=np.zeros_like(blocked)) if braces else None

    def prop_tiles(self, only: list[int] | None = None) -> np.ndarray:
        """(rows, cols) bool: the tiles the props' bounding boxes touch now (of the props at
        ``only``, indices into ``props``, when given)."""
        return self._tiles_under(self._prop_boxes(), only)

    def _prop_boxes(self) -> np.ndarray:
        """(k, 4) float64: every prop's shapes' bounding boxes now, (left, bottom, right, top)
        px, prop after prop (``props`` order; a prop's rows are ``_prop_shape_rows``). The same
        array at every call (``PropBoxes.now``), filled afresh: use it before asking again."""
        # (the shapes kept at the start, not pymunk's ``shapes`` view, each box copied by
        # chipmunk's getter into its row, not a list of lists of tuples: ~40% of the follower
        # grids' cost, and of the spawn floor's)
        return self._prop_box_table.now()

    def _tiles_under(self, boxes: np.ndarray, only: list[int] | None = None,
                     grid: np.ndarray | None = None) -> np.ndarray:
        """``prop_tiles`` of the props' ``boxes`` (``_prop_boxes``): one compiled pass marks them
        (a Python loop of floor divisions and slices cost ~60 us a call on the Roof's props),
        into ``grid`` (rows, cols bool, in place) if given, else into a fresh one."""
        if only is not None:  # (their rows, in any order: a tile is marked by any box over it)
            boxes = boxes.take([row for k in only for row in self._prop_shape_rows[k]], axis=0)
        tiles = np.zeros_like(self.tilemap.solid) if grid is None else grid
        if boxes.shape[0]:
            mark_boxes(tiles, boxes)
        return tiles

    def spawn_floor(self) -> np.ndarray:
        """(rows, cols) bool: tiles no zombie may be placed on: walls and the tiles under props.
        One placed inside a prop was shoved out as it appeared: a trolley in a designer's horde
        zone rattled at 0.5 s and woke the whole library; 23 of Storm's yard crowd stood in cars."""
        tiles = self.tilemap.solid  # (a fresh array: TileMap builds it from the kinds when asked)
        return self._tiles_under(self._prop_boxes(), grid=tiles)

    def _drive_followers(self, events: list[ev.Event]) -> None:
        """Followers path to the lead over the tile grid (round walls, through unlocked doors),
        keep a loose formation once they see the lead within a few tiles, and sneak near it."""
        lead = self.lead_student
        lead_pos = self.student_pos(lead)
        lx, ly = lead_pos.tolist()  # px (Python floats: numpy's bits, less overhead)
        followers = [s for i, s in enumerate(self.students) if i != self.lead and s.alive]
        holds = [s.hold for s in followers]
        paths = self.follower_paths
        if not all(holds):
            stale = not paths.has_field or paths.version != self.horde.grid_version
            if stale or self.tick - paths.computed_tick >= REPATH_TICKS:  # (the lead's tile asked only then)
                lead_tile = self.tilemap.tile_of(lx, ly)
                if stale or lead_tile != paths.goal:
                    blocked, props, braces = self._follower_grids()
                    paths.update(self.tick, lead_tile, blocked, props, self.horde.grid_version, braces)
        shoulder = self.lead_pushing()
        pushed = None  # the rolling prop the lead is pushing, as the lead's own careful push finds it
        if shoulder is not None and lead.moving_gait == "sneak" and self._rolling_rows.size:
            pushed = self._rolling_ahead(lx + shoulder[0] * STUDENT_RADIUS, ly + shoulder[1] * STUDENT_RADIUS, *shoulder)
        if shoulder is not None:
            # how a follower who shoulders in walks: as quiet as the lead, as carefully as the
            # lead's push (the same for each: nothing the loop below does moves a prop)
            shoulder_gait = "sneak" if lead.moving_gait == "sneak" else "walk"
            shoulder_push = self._careful(pushed, shoulder[0], shoulder[1], GAIT_SPEED[shoulder_gait])
        # px/s: where the lead is trying to walk this tick (its control body), not where the last
        # step left it: a lead pressed against a follower stands still, so by its body's speed it
        # was never "moving" and nobody made way (boxed into the corner by Storm's field gate).
        lead_vel = velocity(lead.control)
        # (a lead trying to walk this slowly is shoved by nobody; one walking faster is walked into by nobody)
        lead_still = math.hypot(lead_vel[0], lead_vel[1]) < YIELD_LEAD_SPEED
        # The lead stands in the exit (or the zone) the whole squad must reach: followers walk all
        # the way in instead of keeping formation. Two steps behind a lead just inside the
        # exit, they stood outside it and the level waited (Site's solver: 4 minutes on the
        # bridge until the horde came and tore them down).
        gather = self.objectives.gather_area()
        # The squad's last objective is the exit and the lead stands outside it: those already in
        # it wait there. A playtester who switched (Tab) to the one friend left outside saw the
        # rest walk back out to follow, and the level waited on them instead.
        waiting_in = gather if gather is not None and gather.kind == "reach-exit" else None
        if gather is not None and not self.objectives.in_area(self, gather, lead_pos):
            gather = None
        else:
            waiting_in = None
        left_out = [] if gather is None else [q for q in (self.student_pos(s) for s in followers if not s.hold)
                                              if not self.objectives.in_area(self, gather, q)]
        at = self.bodies.pos.take(self._follower_rows(followers), axis=0)
        at_xy = at.tolist()  # px, each follower's (x, y) as Python floats (the same bits)
        ways = make_way(at_xy, holds, lead_pos, lead_vel, paths.room_to_step)
        lead_xy = (lx, ly)
        # Which zombies are near each follower, in one pass (None: none near any, most ticks):
        # the passes below that would find nothing are not made. Good until a follower swings
        # or shoots (``struck``: the horde it hit is not the one looked at), then all are made.
        threats = actions.threats(self, at)
        struck = False
        nearest = actions.nearest_zombies(self, followers, lead_pos, at_xy, threats) if threats else {}  # (positions hold still in this loop)
        # The props bracing a locked door a follower is near: it walks round them, never into them
        # (asked SPARE_EVERY_TICKS: braces change at the pace of props pushed, and asking costs).
        if self.tick % SPARE_EVERY_TICKS == 0:
            self._spared = self._braces_near(at_xy) if self.doors else []
        spared = self._spared
        held = lead.grab_joint.b if lead.grab_joint is not None else None
        behind_lead: float | None = None  # rad: the direction behind the lead's facing, once asked
        for k, s in enumerate(followers):
            threat = actions.ALL_THREATS if struck else 0 if threats is None else threats[k]
            if s.id in actions.FIGHTS_ALONE and threat & actions.ANY_IN_REACH and actions.fight_alone(self, s, events):
                drive(s, 0.0, 0.0)  # he stands his ground while anything is within reach of his axe
                update_stamina(s, "walk", False)
                struck = True
                continue
            # a swing at what is on the squad, then on as before; or an arrow, from an archer, at
            # what is coming for it (an unarmed follower does neither: not asked)
            if s.weapon != "none" and (
                    threat & actions.COMING_IN_REACH and actions.defend(self, s, events)
                    or threat & actions.COMING_IN_RANGE and actions.cover(self, s, events)):
                struck = True
            # (one with no zombie near enough and no panic to calm is left as ``panic`` leaves it)
            flee = actions.panic(self, s, lead_pos, events, nearest) if s.panic_timer or s.id in nearest else None
            if flee is not None:
                k = sprint_mult(s.id, "sprint")  # (panic is a flat-out run)
                drive(s, flee[0] * k, flee[1] * k)
                update_stamina(s, "sprint", True)
                continue
            xy = at_xy[k]  # (its position as Python floats: the helpers below take it for ``student_pos``, without numpy's scalars)
            px, py = xy
            behind = shoulder is not None and (px - lx) * shoulder[0] + (py - ly) * shoulder[1] < 0.0
            if behind and not s.hold and \
                    math.hypot(lx - px, ly - py) <= SHOULDER_PX and paths.clear_line(xy, lead_xy, remember=False):
                # The lead is pushing a prop: a follower behind the lead puts a shoulder in,
                # walking the same way into the lead's back (or the prop beside it), so more
                # pushers push harder. (Its line to the lead is not remembered: a pushing lead
                # moves, and the line with it, every tick.)
                drive(s, shoulder[0] * shoulder_push, shoulder[1] * shoulder_push)
                update_stamina(s, shoulder_gait, True)
                self._footstep(s, shoulder_gait, events)
                continue
            if s.hold:
                vx, vy, gait = follower_velocity(xy, s.hold_at)
            elif waiting_in is not None and self.objectives.in_area(self, waiting_in, xy):
                vx, vy, gait = 0.0, 0.0, ""
            elif gather is not None:
                pos = self.student_pos(s)
                vx, vy, gait = self._gather_velocity(pos, gather, lead_pos, left_out)
                if self._halfbies and self.objectives.in_area(self, gather, pos) \
                        and not self._pressed_from_outside(pos, left_out):
                    # In the place with the lead (a marker, the exit): she counts there already,
                    # so she stops short of the others, and she and a friend at her elbow step
                    # apart, staying in (at the trail's markers the squad bunched round her and
                    # fed her hunger).
                    if s.halfbie and (vx or vy) and self._crowds_a_halfbie(s, px, py, vx, vy, standing_too=True):
                        vx, vy, gait = 0.0, 0.0, ""
                    if not (vx or vy):
                        vx, vy, gait = self._step_off(s, pos, px, py, lambda q: self.objectives.in_area(self, gather, q))
            else:
                d_lead = math.hypot(lx - px, ly - py)
                near = d_lead <= FORMATION_TILES * TILE_PX and paths.clear_line(xy, lead_xy)
                way = None if near else paths.waypoint(xy)
                if way is None:  # slots on an arc behind the lead
                    if behind_lead is None:  # (rad, once a tick: the lead's facing holds still in this loop)
                        fx, fy = lead.facing
                        behind_lead = math.atan2(-fy, -fx)
                    angle = behind_lead
                    if s.halfbie:  # a halfbie at the back, beyond the others' slots (hunger.ROOM_PX)
                        radius = SLOT_PX + HALFBIE_ROOM_PX
                    else:
                        angle += (k - (len(followers) - 1) / 2) * 0.7
                        radius = HALFBIE_ROOM_PX if lead.halfbie else SLOT_PX
                    target = (lx + radius * math.cos(angle), ly + radius * math.sin(angle))
                    vx, vy, gait = follower_velocity(xy, target)
                    if s.halfbie and self._crowds_a_halfbie(s, px, py, vx, vy, standing_too=True):
                        vx, vy, gait = 0.0, 0.0, ""  # short of her slot: the others stand round it
                    if self._halfbies and not (vx or vy):
                        vx, vy, gait = self._step_off(s, self.student_pos(s), px, py)
                else:
                    vx, vy, gait = path_velocity(xy, way, d_lead)
                    if self._halfbies and self._crowds_a_halfbie(s, px, py, vx, vy):
                        vx, vy, gait = 0.0, 0.0, ""
            if ways[k] is not None:  # in the lead's way: make way as quietly as the lead walks
                gait = lead.moving_gait if lead.moving_gait in GAIT_SPEED else "walk"
                vx, vy = ways[k][0] * GAIT_SPEED[gait], ways[k][1] * GAIT_SPEED[gait]
            elif not s.hold and lead_still and shoves_lead(xy, (vx, vy), lead_xy, lead_vel):
                vx, vy, gait = 0.0, 0.0, ""  # against a lead that stands (at a station, say): wait, don't shove it
            elif not s.hold and not lead_still and self._walks_into_a_prop_against(xy, (vx, vy), lead_vel):
                # Its way to the lead runs through a prop the lead walks into from the other
                # side (So-ju at the trolley box's front, the lead inside it): walk on ahead of
                # it instead. Pushing back, she held a creeping squad's box 70 s at the exit.
                speed = float(math.hypot(lead_vel[0], lead_vel[1]))
                vx, vy = lead_vel[0] / speed * GAIT_SPEED[gait or "walk"], lead_vel[1] / speed * GAIT_SPEED[gait or "walk"]
                gait = gait or "walk"
            if self._puddles and gait in ("walk", "sprint") and self._in_puddle(xy):
                # Followers tiptoe through water: a walked splash (200 px) woke the yard for a
                # player who had sneaked the lead round the puddle, with nothing to do about it.
                slow = GAIT_SPEED["sneak"] / GAIT_SPEED[gait]
                vx, vy, gait = vx * slow, vy * slow, "sneak"
            if held is not None and not s.hold:
                vx, vy, gait = self._clear_of_dragged(held, px, py, vx, vy, gait)
            if spared and (vx or vy):  # (after the step back from a dragged prop: never into a brace for it)
                vx, vy = self._spare_braces(px, py, vx, vy, spared)
            k = sprint_mult(s.id, gait)
            drive(s, vx * k, vy * k)
            moving = gait != ""
            update_stamina(s, gait or "walk", moving)
            if moving:
                self._footstep(s, gait, events)

    def _clear_of_dragged(self, held: pymunk.Body, px: float, py: float, vx: float, vy: float,
                          gait: str) -> tuple[float, float, str]:
        """A follower's velocity (px/s) at (px, py) px and gait, kept clear of ``held``, the body
        of the prop the lead drags: no step into it, and a step back (sneaking, at least) as it
        comes at the follower, at its speed and ``DRAG_CLEAR_SPEED`` more. Played by hand on
        Yellow Markers, a crate dragged to the pen's gate snagged on the squad again and again
        and the grip slipped: they had stepped a student's width aside for the lead, and the
        wider crate came through after him. (Only near the prop: a wider band of making way
        for it knocked a towed desk off the tow in the Classroom's cramped corner.)"""
        for shape in held.shapes:
            if point_distance(shape, px, py) > STUDENT_RADIUS + DRAG_CLEAR_PX:
                continue
            query = shape.point_query((px, py))
            gx, gy = query.gradient  # unit, from the prop out toward the follower
            out = vx * gx + vy * gy  # px/s of the step away from the prop
            pvx, pvy = held.velocity_at_world_point(query.point)
            coming = pvx * gx + pvy * gy  # px/s the prop comes at the follower
            need = coming + DRAG_CLEAR_SPEED if coming > 0.0 else 0.0
            if out < need:
                vx, vy = vx + (need - out) * gx, vy + (need - out) * gy
                gait = gait or "sneak"
        return vx, vy, gait

    def _step_off(self, s, pos: np.ndarray, px: float, py: float,
                  stays: Callable[[np.ndarray], bool] | None = None) -> tuple[float, float, str]:
        """Follower ``s`` standing in the formation at ``pos`` (px; px, py as floats) with a
        halfbie follower within her hunger's reach (``hunger.NEAR_PX``; or, being one, anyone)
        sneaks a step straight away from the nearest, where there is floor to step on; else it
        stands. (Not from a halfbie lead: their slots keep them off her, and stepping off her
        too, the Yellow Markers solver's squad strung out on the road and lost 5 of 20.)
        Played by hand, the lead stopped at a wall of trees and the squad stood in a clump round
        her, feeding her hunger until she growled. ``stays``: where it must stay (a point a step
        off, px, must pass it)."""
        near, nx, ny = HALFBIE_NEAR_PX, 0.0, 0.0
        for o in self.students:
            if o is not s and o.alive and (s.halfbie or (o.halfbie and o is not self.lead_student)):
                q = self.student_pos(o)
                dx, dy = px - float(q[0]), py - float(q[1])
                d = math.hypot(dx, dy)
                if 0.0 < d < near:
                    near, nx, ny = d, dx / d, dy / d
        if (nx or ny) and self.follower_paths.room_to_step(pos, (nx, ny)) and (
                stays is None or stays(np.array((px + nx * TILE_PX, py + ny * TILE_PX)))):
            speed = GAIT_SPEED["sneak"]
            return nx * speed, ny * speed, "sneak"
        return 0.0, 0.0, ""

    def _crowds_a_halfbie(self, s, px: float, py: float, vx: float, vy: float, standing_too: bool = False) -> bool:
        """Whether follower ``s`` at (px, py), about to walk its path at (vx, vy) px/s, would
        catch up with a halfbie (or, being one, with anyone) within ``HALFBIE_ROOM_PX`` ahead of
        it who walks on the same way: it waits a step instead, so a squad walking single file
        keeps out of her hunger's reach. Never behind one who stands (held, at its slot, boxed
        in): waiting on it, a follower would wait for ever (the Site's squad stood short of the
        exit, each behind the next), unless ``standing_too``: a halfbie short of her slot in the
        formation stands off the others' slots (nobody waits on her there)."""
        if not self._halfbies:
            return False
        for o in self.students:
            if o is s or not o.alive or not (s.halfbie or o.halfbie):
                continue
            q = self.student_pos(o)
            dx, dy = float(q[0]) - px, float(q[1]) - py
            if dx * vx + dy * vy > 0.0 and math.hypot(dx, dy) <= HALFBIE_ROOM_PX:
                if standing_too:
                    return True
                ovx, ovy = velocity(o.body)
                if ovx * vx + ovy * vy > WAIT_BEHIND_SPEED * math.hypot(vx, vy):
                    return True
        return False

    def _braces_near(self, points: list[list[float]]) -> list[int]:
        """The props (indices) bracing the locked doors that any of ``points`` (px) is near: a
        door's braces are asked (and memoised) only while someone stands within their reach."""
        reach = BRACE_RADIUS + 40.0 + STUDENT_RADIUS + SPARE_BRACE_PX  # px: as far as a bracing prop's shape reaches, and a step
        out: list[int] = []
        for door in self.doors:
            if not door.locked or door.broken:
                continue
            cx, cy = door_centre(door)
            for x, y in points:  # (a plain loop: ``any`` over a generator cost ~1 us more a door)
                if abs(x - cx) < reach and abs(y - cy) < reach:
                    out += self._brace_of(door)[2]
                    break
        return out

    def _spare_braces(self, px: float, py: float, vx: float, vy: float, spared: list[int]) -> tuple[float, float]:
        """A follower's velocity (px/s) at (px, py) px less any part of it that walks into a prop
        bracing a door (``spared``: prop indices): it slides along the prop instead. Played by
        hand, the following squad shoved a player's braced frames, planks and desks off the
        doors as they gathered round the lead."""
        pos = self.bodies.pos
        for k in spared:
            prop = self.props[k]
            bx, by = pos[prop.index].tolist()
            if math.hypot(bx - px, by - py) > float(self._prop_extent[k]) + STUDENT_RADIUS + SPARE_BRACE_PX:
                continue
            for shape in self._prop_shapes[k]:
                if point_distance(shape, px, py) > STUDENT_RADIUS + SPARE_BRACE_PX:
                    continue  # (the distance alone is ~10x cheaper than the full query)
                gx, gy = shape.point_query((px, py)).gradient  # unit, from the prop out toward the follower
                into = -(vx * gx + vy * gy)  # px/s of the step that presses into the prop
                if into > 0.0:
                    vx, vy = vx + into * gx, vy + into * gy
        return vx, vy

    def _allies_join(self, events: list[ev.Event]) -> None:
        """An ally enters at its spawn point when the lead reaches its zone or its time comes."""
        x, y = self.bodies.pos[self.lead_student.index].tolist()  # px (Python floats: the same bits)
        lx, ly = x / TILE_PX, y / TILE_PX  # tiles
        tick, zones = self.tick, self._zone_rects
        # (asked every tick while an ally waits: a list is made only of those who join, most ticks none)
        joining = [entry for entry in self.allies_pending if (
            entry[1].join_seconds is not None and tick >= round(entry[1].join_seconds * TICK_HZ)
            or (rect := zones.get(entry[1].join_zone)) is not None and rect[0] <= lx <= rect[2] and rect[1] <= ly <= rect[3])]
        for entry in joining:
            ally, point = entry
            self.allies_pending.remove(entry)
            x, y = point.at[0] * TILE_PX, point.at[1] * TILE_PX
            ally.body.position = ally.control.position = (x, y)
            ally.body.velocity = (0.0, 0.0)
            for shape in ally.body.shapes:
                shape.filter = pymunk.ShapeFilter(categories=CAT_STUDENT, mask=ALL)
            self.prev_pos[ally.index] = (x, y)  # drawn from where it enters, not from the parking spot
            self.students.append(ally)
            events.append(ev.AllyJoined(ally.id, x, y))
            if point.noise > 0:
                events.append(ev.Sound(x, y, point.noise, "crash", ally.id))

    def _walks_into_a_prop_against(self, pos: np.ndarray | list[float], vel: tuple[float, float],
                                   lead_vel: tuple[float, float]) -> bool:
        """Whether a follower at ``pos`` (px) walking at ``vel`` (px/s) heads against where the
        lead walks (``lead_vel``, px/s, at least YIELD_LEAD_SPEED) into a prop it touches."""
        if vel[0] * lead_vel[0] + vel[1] * lead_vel[1] >= 0.0 or math.hypot(*lead_vel) < YIELD_LEAD_SPEED:
            return False
        speed = max(math.hypot(*vel), 1e-9)
        front = (float(pos[0]) + vel[0] / speed * STUDENT_RADIUS, float(pos[1]) + vel[1] / speed * STUDENT_RADIUS)
        return self._prop_touching(*front) is not None

    def _prop_touching(self, x: float, y: float) -> Prop | None:
        """The first prop (in ``props`` order) whose surface lies within ``SHOULDER_TOUCH_PX`` of
        (x, y) px, e.g. a student's front; None if there is none."""
        # (the props ``_props_near`` keeps, one at a time; a shape within reach is enough: the
        # least distance is within it exactly when one is)
        pos, rows, extent, reach = self.bodies.pos, self._prop_rows, self._prop_extent, SHOULDER_TOUCH_PX + 1.0
        k = _next_prop_within(pos, rows, extent, x, y, reach, 0)
        while k >= 0:
            for sh in self._prop_shapes[k]:  # (a plain loop: ``any`` over a generator cost ~1 us more, asked every tick)
                if point_distance(sh, x, y) <= SHOULDER_TOUCH_PX:
                    return self.props[k]
            k = _next_prop_within(pos, rows, extent, x, y, reach, k + 1)
        return None

    def _rolling_ahead(self, x: float, y: float, ux: float, uy: float) -> Prop | None:
        """Of the rolling props in the way within CAREFUL_REACH_PX of (x, y) px (a student's
        front, walking along the unit (ux, uy)): the one rolling fastest that way, or None. In
        the way: its nearest point is not behind the front, and no more than a student's
        radius to the side (a trolley row beside a sneaking student is passed at full pace)."""
        asked = (x, y, ux, uy)
        if self._ahead[0] == asked:  # the lead's own push, asked again by its followers this step
            return self._ahead[1]
        best = self._rolling_ahead_of(x, y, ux, uy)
        self._ahead = (asked, best)
        return best

    def _rolling_ahead_of(self, x: float, y: float, ux: float, uy: float) -> Prop | None:
        """``_rolling_ahead``, worked out."""
        # (the rolling props ``_props_near`` keeps, less those sure to be passed by, in one
        # compiled pass: most often none)
        near, hulls = self._rolling_near, self._rolling_hulls
        count = _some_props_ahead(self.bodies.pos, self.bodies.angle, self._prop_rows, self._prop_extent,
                                  self._rolling_rows, x, y, ux, uy, CAREFUL_REACH_PX + 1.0, CAREFUL_REACH_PX,
                                  SHOULDER_TOUCH_PX, STUDENT_RADIUS, hulls.shape_start, hulls.point_start, hulls.radius,
                                  hulls.points, near)
        if not count:
            return None
        best, fastest = None, -math.inf
        prop_shapes = self._prop_shapes
        for k in near[:count].tolist():
            # The nearest shape (the first of equals, as ``min`` picks) and its nearest point,
            # each shape asked once for both (a trolley is one shape: one query, not two).
            shapes = prop_shapes[k]  # (never empty)
            near_d, nx, ny = distance_and_nearest(shapes[0], x, y)
            for sh in shapes[1:]:
                d, px, py = distance_and_nearest(sh, x, y)
                if d < near_d:
                    near_d, nx, ny = d, px, py
            if near_d > CAREFUL_REACH_PX:
                continue
            dx, dy = nx - x, ny - y
            if dx * ux + dy * uy < -SHOULDER_TOUCH_PX or abs(dx * uy - dy * ux) > STUDENT_RADIUS:
                continue
            prop = self.props[k]
            vx, vy = self.bodies.vel[prop.index].tolist()  # px/s (Python floats: the same bits)
            along = vx * ux + vy * uy
            if along > fastest:
                best, fastest = prop, along
        return best

    def _careful(self, prop: Prop | None, ux: float, uy: float, speed: float) -> float:
        """The speed (px/s) a sneaking student pushing ``prop`` along the unit (ux, uy) walks at:
        once a rolling prop already rolls that way faster than CAREFUL_ROLL, at CAREFUL_ROLL
        (it coasts away and slows; walking as fast as it rolls kept it rolling), else ``speed``."""
        if prop is None or prop.type.rolling == "none":
            return speed
        v = self.bodies.vel[prop.index]
        along = float(v[0]) * ux + float(v[1]) * uy
        if along > CAREFUL_ROLL:
            return min(speed, CAREFUL_ROLL)
        return min(speed, max(along, 0.0) + CAREFUL_CLOSING)

    def lead_pushing(self) -> tuple[float, float] | None:
        """The unit direction the lead is walking in while pressing on a prop in front of it
        (a prop's surface within ``SHOULDER_TOUCH_PX`` of its front), else None."""
        lead = self.lead_student
        if not lead.alive or not lead.moving_gait:
            return None
        fx, fy = lead.facing
        x, y = self.bodies.pos[lead.index].tolist()  # px (Python floats: the same bits)
        if self._prop_touching(x + fx * STUDENT_RADIUS, y + fy * STUDENT_RADIUS) is None:
            return None
        return float(fx), float(fy)

    def _switch_lead(self, events: list[ev.Event], nearest_to: tuple[float, float] | None = None) -> None:
        """The lead passes to the next student alive in roster order (Tab), or, given
        ``nearest_to`` (px: where the lead fell), to the one alive nearest it (ties: roster
        order). Played by hand, a lead lost in the woods handed the player a friend far off
        down the road, mid-panic, and the camera leapt there."""
        n = len(self.students)
        order = [(self.lead + k) % n for k in range(1, n + 1)]
        if nearest_to is not None:
            alive = [k for k in order if self.students[k].alive]
            if alive:
                x, y = nearest_to
                dist = {k: math.hypot(float(self.bodies.pos[self.students[k].index][0]) - x,
                                      float(self.bodies.pos[self.students[k].index][1]) - y) for k in alive}
                order = sorted(alive, key=dist.__getitem__)  # (a stable sort: ties keep roster order)
        for candidate in order:
            if self.students[candidate].alive:
                if candidate != self.lead:
                    outgoing = self.lead_student
                    drive(outgoing, 0.0, 0.0)
                    if outgoing.hold:  # told to hold (F): where the player leaves them, not where F was pressed
                        p = self.student_pos(outgoing)
                        outgoing.hold_at = (float(p[0]), float(p[1]))
                    self.lead = candidate
                    events.append(ev.LeadChanged(self.lead_student.id))
                return

    def friend_near(self, x: float, y: float) -> Student | None:
        """The living follower nearest (x, y) px (ties: roster order), whom G orders; None
        without one. Read-only: the play scene marks the friend the pointer picks."""
        followers = [s for i, s in enumerate(self.students) if i != self.lead and s.alive]
        if not followers:
            return None
        return min(followers, key=lambda s: math.hypot(float(self.bodies.pos[s.index][0]) - x,
                                                      float(self.bodies.pos[s.index][1]) - y))

    def _order_friend(self, x: float, y: float, events: list[ev.Event]) -> None:
        """G: the follower nearest (x, y) px (ties: roster order) holds where it stands, or
        follows again if it held. F then tells everyone the opposite of what anyone is doing:
        with one friend left holding the others still follow, so F has them all hold. (Before,
        parting Nam-ra from the others took F, Tab to her, a walk, Tab back and F, and the last
        F called her back with the rest.)"""
        friend = self.friend_near(x, y)
        if friend is None:
            return
        followers = [s for i, s in enumerate(self.students) if i != self.lead and s.alive]
        friend.hold = not friend.hold
        p = self.student_pos(friend)
        friend.hold_at = (float(p[0]), float(p[1]))
        self.follow = any(not s.hold for s in followers)
        events.append(ev.FriendOrder(friend.id, friend.hold))

    def _dragged_bodies(self) -> frozenset[int]:
        """ids of the bodies of the props students hold (E) this tick: a tie on one of them is
        loaded by the force through it (see ``Joints.after_step``)."""
        held = [s.grabbed_prop for s in self.students if s.alive and s.grab_joint is not None]
        if not held:
            return frozenset()
        return frozenset(id(p.body) for p in self.props if p.spec.id in held)

    def _grab(self, student: Student, events: list[ev.Event]) -> None:
        """Tie the nearest prop within reach to the student with a force-limited pivot."""
        p = self.student_pos(student)
        best: tuple[float, Prop, pymunk.Vec2d] | None = None
        for prop in self.props:
            if prop.spec.id in self.towers.fallen or prop.spec.anchored:
                continue  # a wreck across the stair, walls now, or bolted down: nothing to drag
            for shape in prop.body.shapes:
                q = shape.point_query((float(p[0]), float(p[1])))
                if q.distance - STUDENT_RADIUS <= GRAB_REACH and (best is None or q.distance < best[0]):
                    best = (q.distance, prop, q.point)
        if best is None:
            return
        _, prop, point = best
        joint = pymunk.PivotJoint(student.body, prop.body, point)
        joint.max_force = GRAB_FORCE
        joint.collide_bodies = True
        self.space.add(joint)
        student.grab_joint = joint
        student.grabbed_prop = prop.spec.id
        events.append(ev.Grabbed(student.id, prop.spec.id))

    def _steady_grip(self, student: Student, dx: float, dy: float) -> None:
        """While the student walks into the prop it holds (the prop's centre within
        GRIP_PUSH_DEGREES of the step (dx, dy)), the prop does not turn: it goes ahead, as it
        lies, into what it is pushed against. Walking away it trails behind on the pivot, free
        to swing, as a drag does. Played by hand (the Site's north door, the roof's west
        stair): pushed on its pivot, a desk swung round behind the student, so bracing a door
        meant dragging the desk past it, letting go, walking round and shoving it back.
        The lock is a zero-bias gear (it stops relative spin, it never snaps an angle back)
        with a torque limit a crowd or a wall can overcome."""
        body = student.grab_joint.b
        p = self.student_pos(student)
        to_x, to_y = float(body.position.x - p[0]), float(body.position.y - p[1])
        norm = math.hypot(to_x, to_y) * math.hypot(dx, dy)
        pushing = norm > 0.0 and (to_x * dx + to_y * dy) / norm >= GRIP_PUSH_COS
        if pushing and student.grab_lock is None:
            lock = pymunk.GearJoint(student.body, body, body.angle - student.body.angle, 1.0)
            lock.max_bias = 0.0
            lock.max_force = GRIP_TORQUE
            self.space.add(lock)
            student.grab_lock = lock
        elif not pushing:
            self._free_grip(student)

    def _free_grip(self, student: Student) -> None:
        if student.grab_lock is not None:
            self.space.remove(student.grab_lock)
            student.grab_lock = None

    @staticmethod
    def _grip_stretch(student: Student) -> float:
        """px between the student's hand (the grip's anchor on the student) and the point held."""
        j = student.grab_joint
        hand = j.a.position + j.anchor_a.rotated(j.a.angle)
        held = j.b.position + j.anchor_b.rotated(j.b.angle)
        return (hand - held).length

    def _release(self, student: Student, events: list[ev.Event], slipped: bool = False) -> None:
        self._free_grip(student)
        if student.grab_joint is not None:
            self.space.remove(student.grab_joint)
            events.append(ev.Grabbed(student.id, student.grabbed_prop or "", released=True, slipped=slipped))
        student.grab_joint = None
        student.grabbed_prop = None

    def _use(self, student: Student, events: list[ev.Event]) -> None:
        """Work the station in reach, else the nearer of the nearest door and the nearest
        coupling in reach: lock or unlock the door (only a shut door can be locked), couple or
        uncouple the trolleys."""
        p = self.student_pos(student)
        station = self.director.station_near(float(p[0]), float(p[1]))
        if station is not None:
            waits_for = self.station_waits(station.spec.id)
            if waits_for is None:
                self.director.start_use(station, student.id)
            else:  # (changes nothing: said, for the playtest's report)
                events.append(ev.StationNotYet(station.spec.id, waits_for.id))
            return
        coupling = self.joints.coupling_near(float(p[0]), float(p[1]))
        if coupling is not None:
            door = self.nearest_door(float(p[0]), float(p[1]))
            if door is None or coupling_first(p, student.facing, coupling[1].world_point(), coupling[0],
                                              door_centre(door[1]), door[0]):
                self.joints.toggle(coupling[1], student.id, events)
                return
        for door in self.doors:
            c, r = door.spec.tile
            centre = ((c + 0.5) * TILE_PX, (r + 0.5) * TILE_PX)
            if math.hypot(p[0] - centre[0], p[1] - centre[1]) > USE_REACH:
                continue
            if door.broken:
                return
            if door.locked and not self._may_unlock(door):
                return  # padlocked: its key station has not been used
            lock = not door.locked
            if lock and door.is_open:
                return  # only a shut door can be locked
            # a double door's leaves go with it: each shut (or locked) one, not broken
            for leaf in [door] + self.door_leaves.get(door.spec.id, []):
                if leaf.broken or leaf.locked == lock or (lock and leaf.is_open) or (not lock and not self._may_unlock(leaf)):
                    continue
                if lock:
                    leaf.body.angle = leaf.closed_angle
                    leaf.body.angular_velocity = 0.0
                leaf.set_locked(lock)
                events.append(ev.DoorChanged(leaf.spec.id, "locked" if lock else "closed"))
            self._grids_changed()
            return

    def station_waits(self, station_id: str) -> ObjectiveSpec | None:
        """The objective now current when a station is for a later one, else None: a station a
        required use-station objective names works only once that objective is current. A
        playtester fired Classroom's PA before the drone found the squad, walked to the
        stairwell, and the level was won the moment the drone came, its story skipped.
        Stations no objective names (the nights' speakers), or only optional ones, always work."""
        for o in self.objectives.items:
            if o.kind == "use-station" and o.station == station_id and not o.optional and o.id not in self.objectives.done:
                current = self.objectives.current
                return current if current is not None and current is not o else None
        return None

    def _may_unlock(self, door: Door) -> bool:
        """Whether E unlocks a locked door: not while it is padlocked and its key station has
        not been used."""
        return not (door.spec.key and door.spec.key not in self.director.station_done)

    def _update_doors(self, events: list[ev.Event]) -> None:
        changed = False
        doors, locks = self.doors, self._door_locks
        locked = [k for k, door in enumerate(doors) if door.locked]
        # door index -> its door_hold (N), for the locked doors whose strain asked it this tick:
        # nothing a hold reads (the props' poses) moves before the test below asks it again
        holds: dict[int, float] = {}
        if locked:  # the crowd's push on each locked door, smoothed over ~1/3 s
            if self._locked_centres[0] != locked:  # (their centres, gathered again only when a lock changes)
                self._locked_centres = (locked, self._door_centres[locked])
            pushes = self.horde.push_near_each(self._locked_centres[1], DOOR_PRESS_RADIUS)
            for k, push in zip(locked, pushes, strict=True):
                door = doors[k]
                door.pressure += (push - door.pressure) * PRESSURE_SMOOTHING
                # Its strain, and DoorStraining when it nears giving. The braces (a Python walk
                # over the props near it) are asked only once the push is a real share of the
                # lock alone: an idle locked door costs nothing.
                if door.pressure < STRAIN_SHOWN * locks[k]:
                    door.strain = door.pressure / locks[k]
                else:
                    hold = holds[k] = self.door_hold(door)
                    door.strain = door.pressure / hold
                if door.strain >= STRAIN_WARN and not door.warned:
                    door.warned = True
                    c, r = door.spec.tile
                    events.append(ev.DoorStraining(door.spec.id, (c + 0.5) * TILE_PX, (r + 0.5) * TILE_PX, door.strain))
                elif door.strain < STRAIN_REARM:
                    door.warned = False
        # Which doors stand open now, as bits, in one compiled pass: the very bits this loop
        # last left in the doors' ``is_open`` (nothing else sets them) say no door opened or
        # closed, and only the locked doors are walked (no other may give, or be giving: a
        # door's ``giving_ticks`` go back to 0 as it is unlocked), in the same order.
        bits = open_bits(self.bodies.angle, self._door_rows, self._door_closed, DOOR_OPEN_ANGLE)
        same = bits >= 0 and bits == self._doors_open_bits  # (-1: too many doors for the bits, all walked)
        angles = None if same else self.bodies.angle.take(self._door_rows).tolist()
        for k in (locked if same else range(len(doors))):
            door = doors[k]
            # brace() >= 0 walks the props in Python: only ask once the lock alone would give.
            if door.locked and door.pressure > locks[k] \
                    and door.pressure > (holds[k] if k in holds else self.door_hold(door)):
                door.giving_ticks += 1
                if door.giving_ticks >= GIVE_TICKS:
                    door.break_open(self.space)  # the crowd forced the lock
                    p = self.bodies.pos[door.index]
                    events.append(ev.DoorChanged(door.spec.id, "broken"))
                    events.append(ev.Sound(float(p[0]), float(p[1]), 320.0, "door-break", door.spec.id))
                    changed = True
            elif door.giving_ticks:
                door.giving_ticks = 0
            if angles is None:
                continue
            now_open = abs(angles[k] - door.closed_angle) > DOOR_OPEN_ANGLE
            if now_open != door.is_open:
                door.is_open = now_open
                events.append(ev.DoorChanged(door.spec.id, "open" if now_open else "closed"))
                changed = True
        self._doors_open_bits = bits
        if changed:
            self._grids_changed()

    def door_hold(self, door: Door) -> float:
        """The push (N) a locked door takes before it gives: its lock and the props braced against it."""
        return LOCK_BREAK_FORCE * door.spec.lock_strength + self._brace_of(door)[1]  # (brace(), a call less)

    def brace(self, door: Door) -> float:
        """Extra force (N) a locked door holds thanks to props pushed up against it."""
        return self._brace_of(door)[1]

    def bracing_props(self, door: Door) -> list[Prop]:
        """The props bracing a locked door now (what ``brace`` counts)."""
        return [self.props[k] for k in self._brace_of(door)[2]]

    def _brace_of(self, door: Door) -> tuple[bytes, float, list[int]]:
        """(the near props' poses asked about, the brace N, the indices of the props bracing) for a door."""
        cached = self._braces.get(door.spec.id)
        # A crowd leaning on a barricaded door asks every tick while the desks stand (all but)
        # still: the same props near, each moved (its centre's step plus its turn times its
        # reach) less than half the slack of the last answer worked out, every comparison that
        # answer made comes out the same, so it is the answer (``braces.bracing_slack``). One
        # compiled pass over the props' poses asks it.
        if cached is not None:
            cx, cy, near, near_pos, near_angle, slack, tile_slack = self._brace_slack[door.spec.id]
            if _still_braced(self.bodies.pos, self.bodies.angle, self._prop_rows, cx, cy, BRACE_RADIUS + 40,
                             near, near_pos, near_angle, self._turn_reach, self._prop_extent, slack, tile_slack):
                return cached
        cx, cy = door_centre(door)
        # (one compiled pass: the props near, their poses, tile slacks and sides of the walls)
        near, near_pos, near_angle, tile_slack, on_side = near_props(
            self.bodies.pos, self.bodies.angle, self._prop_rows, cx, cy, BRACE_RADIUS + 40, self._brace_sides(door))
        key = near.tobytes() + near_pos.tobytes() + near_angle.tobytes()
        if cached is not None and cached[0] == key:
            return cached  # (with no slack to spare: the very same poses of the same props)
        bracing, slack = self._bracing(door, near, on_side)
        self._brace_slack[door.spec.id] = (cx, cy, near, near_pos, near_angle, slack, tile_slack)
        found = self._braces[door.spec.id] = (key, sum(self.props[k].body.mass * BRACE_N_PER_KG for k in bracing), bracing)
        return found

    def _bracing(self, door: Door, near: np.ndarray, on_side: np.ndarray) -> tuple[list[int], float]:
        """Of the props ``near`` (indices), those that brace ``door`` and the slack (px) of the
        answer's shape tests (``braces.bracing_slack``). Only a prop on the door's side of the
        walls (``on_side``, per near prop: its centre's tile is one of ``_brace_sides``) braces
        it: a desk in the next room, however close to the doorway, has a wall between it and
        the door."""
        shapes = self._prop_shapes  # (its shapes as kept, not pymunk's view)
        candidates = [(k, list(shapes[k])) for k, side in zip(near.tolist(), on_side.tolist(), strict=True) if side]
        return bracing_slack(*door_centre(door), candidates)

    def _brace_sides(self, door: Door) -> np.ndarray:
        """(rows, cols) bool: the tiles a prop's centre may stand on to brace ``door``, those
        ``BRACE_WALK_TILES`` steps of open floor (four ways) or fewer from its tile."""
        sides = self._brace_reach.get(door.spec.id)
        if sides is None:
            open_floor = ~self.tilemap.solid
            sides = np.zeros_like(open_floor)
            c, r = door.spec.tile
            sides[r, c] = True
            for _ in range(BRACE_WALK_TILES):
                step = sides.copy()
                step[1:, :] |= sides[:-1, :]
                step[:-1, :] |= sides[1:, :]
                step[:, 1:] |= sides[:, :-1]
                step[:, :-1] |= sides[:, 1:]
                sides = step & open_floor
            self._brace_reach[door.spec.id] = sides
        return sides

    def _check_outcome(self, events: list[ev.Event]) -> None:
        # Everyone is down when all who started are: an ally who joined later (So-ju, standing
        # in her storeroom, an exit) does not win the level alone for a squad torn down.
        # (Loops, not any() over generators: asked every tick, and a generator costs a call a student.)
        for s in self.students:
            if s.alive and s.id in self.starters:
                break
        else:
            self._lose("everyone-down", events)
            return
        for rule, who in self._lost_rules:
            for s in self.students:
                if s.id == who and not s.alive:
                    self._lose(rule, events)
                    return
        if self.spec.endless is not None:
            return  # no objectives and no clock: it lasts as long as the squad does
        for oid in self.objectives.update(self, self.tick):
            events.append(ev.ObjectiveDone(oid))
        if self.objectives.complete:
            self.outcome = "win"
            self._rate()
            events.append(ev.Won(self.tick))
            return
        if self.tick >= self.time_limit_ticks:
            self._lose("time", events)

    def _lose(self, cause: str, events: list[ev.Event]) -> None:
        self.outcome = "loss"
        self.loss_cause = cause
        self._rate()
        events.append(ev.Lost(self.tick, cause))

    def _rate(self) -> None:
        survivors = sum(1 for s in self.students if s.alive)
        if self.spec.endless is not None:
            self.result = rate_endless(self.spec.endless, self.loss_cause, self.sim_seconds, survivors, len(self.students),
                                       self.noise_made, self.standing_ticks, self.horde.killed_total)
            return
        self.result = rate(self.spec, self.outcome or "", self.loss_cause, self.sim_seconds, survivors,
                           len(self.students), self.noise_made)

    # ----------------------------------------------------------------- hashing
    def state_hash(self) -> str:
        """A digest of the whole simulation state, in a fixed order (bodies by canonical index)."""
        return hash_arrays(self._state_items())

    def state_bytes(self) -> bytes:
        """The bytes ``state_hash`` digests: equal exactly when the states are, without the
        digest (~0.25 ms of the ~0.3 ms a hash takes on the Site)."""
        return state_bytes(self._state_items())

    def _state_items(self) -> list[tuple[str, np.ndarray]]:
        """The whole simulation state as named arrays, in a fixed order (bodies by canonical index)."""
        rng_state = self.rng.bit_generator.state["state"]
        students = np.array(
            [[s.health, s.stamina, float(s.alive), float(s.exhausted), s.facing[0], s.facing[1], s.step_timer,
              s.infected_ticks, s.hunger] for s in self.students], dtype=np.float64).reshape(-1, 9)
        doors = np.array([[float(d.locked), float(d.is_open), float(d.broken), d.pressure] for d in self.doors],
                         dtype=np.float64).reshape(-1, 4)
        # Items only some levels or runs have: levels and runs without them keep their hashes.
        optional = [("joints", self.joints.hash_rows())] if len(self.joints) else []
        if any(s.weapon == "bow" for s in self.students):  # a squad with a bow: its arrows
            optional.append(("arrows", np.array([s.arrows for s in self.students], dtype=np.int64)))
        if any(s.bite_grace for s in self.students):  # a student just bitten: how long until the next can land
            optional.append(("bite_grace", np.array([s.bite_grace for s in self.students], dtype=np.int64)))
        if any(d.giving_ticks for d in self.doors):  # a lock at breaking point: how long it has held
            optional.append(("giving", np.array([d.giving_ticks for d in self.doors], dtype=np.int64)))
        if self._specials_used:  # a run that used a move: their state
            optional.append(("specials", np.array([[s.special_charges, s.special_cooldown] for s in self.students],
                                                  dtype=np.int64)))
            optional.append(("clouds", np.array([[c.x, c.y, c.radius, c.until_tick] for c in self.clouds],
                                                dtype=np.float64).reshape(-1, 4)))
        return [
            *optional,
            ("tick", np.int64(self.tick)),
            ("lead", np.int64(self.lead)),
            ("rng", np.array([rng_state["state"] & (2**64 - 1), rng_state["state"] >> 64], dtype=np.uint64)),
            ("pos", self.bodies.pos),
            ("angle", self.bodies.angle),
            ("vel", self.bodies.vel),
            ("angvel", self.bodies.angvel),
            ("students", students),
            ("doors", doors),
            ("torches", np.array([float(on) for _, (_, on) in sorted(self.sky.torch_state.items())])),
            *self.horde.hash_items(),
        ]


__all__ = ["World", "DOOR_SWING", "PROP_TYPES"]
