"""Level joints: ``[[joints]]`` between two props, or a prop and the floor (``b`` left out).

Built in canonical order (sorted by id, as the loader delivers them):

* ``pivot``: the two anchor points are pinned together; the bodies turn freely about them.
* ``pin``: the anchors keep the distance they have at the start (a rigid rod).
* ``rope``: the anchors stay within ``length`` of each other (slack inside). A rope tied to the
  world (``b`` left out) *hangs* its prop: the load is off the floor (no floor friction) and
  its weight pulls it back under the hook, so a shoved load swings (a ~3 s pendulum) until the
  air and the rope's creak (``SWING_DAMPING``) calm it.
* ``coupling``: two trolleys held rigidly as they were placed (a pin at the anchors and a
  second pin at a's centre: a weld) while coupled; a student toggles it with E.

A joint with ``release_push`` (tiles/s) gives that velocity to ``a`` and every prop still
joined to it when it lets go, uncoupled with E or broken: a chock holding a banded pipe stack,
knocked out, sends the stack rolling (the push is applied right before the next physics step,
after the horde's batch velocity write, so it is not overwritten).

Two props banded by two or more pivots (the Site's pipe stack) are held rigidly together: a
*bundle* (``band_bundles``), and it moves as one rigid body. The first member the joints name
carries it: the bundle's mass, its moment about the bundle's centre of mass, and the bundle's
two shapes: its rim (the convex outline of the whole bundle as placed), which only the walls
meet, and its hull, the same outline stretched ``BUNDLE_SKIRT`` px past both ends, which
everything else meets. So the crowd meets one solid face, and every load (the crowd, the
walls, a chock on that member) lands on one body. The members' own shapes collide with nothing
(they stay for queries); the others ride along on their bands with a token mass
(``PASSENGER_MASS``), so the bands carry next to nothing. Before, with three 300 kg pipes each
in contact and the bands between them, played headless (Site solver seeds 0 and 2): walkers
pressed against the chocked stack for a minute were squeezed through the 8 px pipes (an 11 px
walker pressed past a thin box's midline pops out its far side) in between them; crushed there
they pried the bands px and degrees apart, the pivots fighting them with hundreds of MN (and,
stretched, turning the stack with that force on a px of lever), held by the chock; when it
went, that strain came out as spin: 55 degrees in a quarter second, and the stack jammed askew
across the bridge. With one hull but the crowd's shove (MN) passed through the bands, the pipes
still turned 5-12 degrees against each other. And with the hull ending where the stack ends, a
px short of the bridge's wall: a walker pressed a few px into the hull's face near that end is
nearer its end face than its front, so the hull pushed it out at the end, into the wall, which
pushed it back: held between the two, both pushing straight across, nothing stopped it sliding
along, and the crowd slid walkers through to the bridge head behind the stack, where they bit
the squad unlocking the door (3 of the Site solver's seeds 0-24 lost that way). Stretched past
the wall, the hull's end is as far from them as its back.

A joint with ``break_force`` snaps when the force it carries, smoothed over a few ticks
(``STRAIN_SMOOTHING``: a lone contact spike does not count, the horde's steady shove does),
exceeds it; for a coupling that force is the crowd's push on it (the zombies pressing within
``COUPLING_PRESS_RADIUS`` of the coupling point, as a door lock feels it, or of either end of
either trolley it holds: a crowd shoving a train end-on loads every latch of the trolleys it
shoves, however far down their length the latch sits), for the others the force through the
pin, rod or rope. Then the joint leaves the space and the world emits
``JointChanged(..., "broken")`` and a clang the horde hears. A broken coupling can be coupled again with E; the other kinds stay
broken. Units: px, kg, s; forces in N = kg·px/s², like the horde's push and the door locks.
Python loops here run over the level's few joints, never over zombies.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pymunk

from ..content.schema import JointSpec
from . import events as ev
from .horde.kernels import any_in_box, push_within_box
from .jit import kernel
from .physics import CAT_WALL, CHIPMUNK, pose, position_rotation, remove_floor_friction, shape_bb
from .props import shape_extent
from .units import TICK_DT, TICK_HZ, TILE_PX

COUPLE_REACH = 30.0  # px from a student's centre to a coupling point to work it with E
COUPLE_SNAP = 12.0  # px: coupling points farther apart than this cannot be coupled (line the trolleys up first)
COUPLE_ANGLE = math.radians(30)  # ...nor trolleys turned more than this from how they were placed
COUPLE_MAX_BIAS = 400.0  # px/s: how fast a coupling pulls its trolleys back into line (a fresh latch clunks, it does not jolt)
STRAIN_SMOOTHING = 0.25  # per tick: the strain follows the joint's force over ~4 ticks (1/15 s)
STRAP_PRESS_REACH = 8.0  # px past a tied prop's bounding half-diagonal: a zombie (4.5 px) touching it, and a hair
COUPLING_PRESS_RADIUS = 28.0  # px around a coupling point whose zombies' push loads it (a trolley's half-length and a zombie)
BREAK_NOISE = 300.0  # px: the clang of a coupling or a rope giving way
COUPLE_NOISE = 90.0  # px: the clunk of a coupling latching or unlatching
SWING_OMEGA2 = 4.4  # 1/s²: a hanging load's restoring pull per px off-centre, per kg ((2π/3 s)²: a 3 s swing)
SWING_DAMPING = 0.15  # 1/s per kg: how quickly a swing dies down (~15 s to calm)
PASSENGER_MASS = 1e-3  # of its own: what a bundle's member other than the first keeps (it only rides along)
BUNDLE_SKIRT = 12.0  # px: how far a bundle reaches past its ends for all but the walls (a walker pressed that deep into a face pops out its far side anyway)
PASSENGER_SNAP = 0.5 ** TICK_HZ  # pymunk error_bias (left per second): a rider's bands take up half its lag a tick (pymunk's default: a tenth)


@dataclass
class LevelJoint:
    """One ``[[joints]]`` entry in the world and its pymunk constraints."""

    spec: JointSpec
    a: pymunk.Body
    b: pymunk.Body  # the space's static body when the spec ties ``a`` to the world
    anchor_a: tuple[float, float]  # px, in a's frame
    anchor_b: tuple[float, float]  # px, in b's frame (world px for the static body)
    rest_angle: float  # rad: b.angle - a.angle as placed (couplings hold it)
    a_centre_in_b: tuple[float, float] = (0.0, 0.0)  # px: a's centre in b's frame as placed (a coupling's second pin)
    ends: tuple[tuple[pymunk.Body, tuple[float, float]], ...] = ()  # a coupling's trolleys' end midpoints (body, px in its frame)
    constraints: list[pymunk.Constraint] = field(default_factory=list)
    extras: list[pymunk.Constraint] = field(default_factory=list)  # a hanging load's pull (never breaks)
    strain: float = 0.0  # N, smoothed
    broken: bool = False
    coupled: bool = True  # couplings: latched now

    @property
    def active(self) -> bool:
        """Whether the joint holds now."""
        return bool(self.constraints)

    def world_point(self) -> tuple[float, float]:
        """Midway between the two anchors, in world px (where a student works a coupling)."""
        pa = self.a.local_to_world(self.anchor_a)
        pb = self.b.local_to_world(self.anchor_b)
        return (pa[0] + pb[0]) / 2, (pa[1] + pb[1]) / 2

    def gap(self) -> float:
        """Distance between the two anchors, px."""
        pa = self.a.local_to_world(self.anchor_a)
        pb = self.b.local_to_world(self.anchor_b)
        return math.hypot(pa[0] - pb[0], pa[1] - pb[1])


def _end_midpoints(body: pymunk.Body) -> tuple[tuple[float, float], tuple[float, float]]:
    """The midpoints (px, body frame) of a box prop's two ends, along its length (body x)."""
    half = max(abs(v.x) for shape in body.shapes for v in shape.get_vertices())
    return (-half, 0.0), (half, 0.0)


@kernel
def _load_points(poses: np.ndarray, reach: np.ndarray, radius: float, body_of: np.ndarray, local_x: np.ndarray,
                 local_y: np.ndarray, first: np.ndarray, second: np.ndarray,
                 out: np.ndarray) -> tuple[float, float, float, float]:
    """Every load point into ``out`` ((k, 2) px), and the box (x0, y0, x1, y1) px holding them
    all grown by ``radius`` px, from the bodies' poses ((n, 4): x, y, cos, sin px and rotation
    vector, as ``position_rotation`` gives them) and each body's ``reach`` px.

    The box: each body's position grown by its reach, the extremes as ``min``/``max`` pick them
    (a new one only when strictly past the last). A term: pymunk's ``local_to_world`` arithmetic
    (x' = cos·x + (-sin)·y + px, y' = sin·x + cos·y + py); a point: (first + second) / 2 of its
    two terms (an end names its term twice: (x + x) / 2 is x exactly)."""
    x0, y0 = poses[0, 0] - reach[0], poses[0, 1] - reach[0]
    x1, y1 = poses[0, 0] + reach[0], poses[0, 1] + reach[0]
    for b in range(1, poses.shape[0]):
        x, y, r = poses[b, 0], poses[b, 1], reach[b]
        if x - r < x0:
            x0 = x - r
        if y - r < y0:
            y0 = y - r
        if x + r > x1:
            x1 = x + r
        if y + r > y1:
            y1 = y + r
    for k in range(first.size):
        i, j = first[k], second[k]
        bi, bj = body_of[i], body_of[j]
        xi = poses[bi, 2] * local_x[i] + (-poses[bi, 3]) * local_y[i] + poses[bi, 0]
        xj = poses[bj, 2] * local_x[j] + (-poses[bj, 3]) * local_y[j] + poses[bj, 0]
        yi = poses[bi, 3] * local_x[i] + poses[bi, 2] * local_y[i] + poses[bi, 1]
        yj = poses[bj, 3] * local_x[j] + poses[bj, 2] * local_y[j] + poses[bj, 1]
        out[k, 0] = (xi + xj) / 2
        out[k, 1] = (yi + yj) / 2
    return x0 - radius, y0 - radius, x1 + radius, y1 + radius


@kernel
def _heaviest(push: np.ndarray, starts: np.ndarray, out: np.ndarray) -> None:
    """``out[c]``: the largest of ``push`` from ``starts[c]`` up to the next start (the last
    to the end), as ``np.maximum.reduceat`` gives it (a NaN wins, else the larger; the later
    of equals, which tells -0.0 from 0.0)."""
    for c in range(starts.size):
        end = starts[c + 1] if c + 1 < starts.size else push.size
        best = push[starts[c]]
        for k in range(starts[c] + 1, end):
            v = push[k]
            if best != best:
                break
            if not best > v:  # (a NaN ``v`` too)
                best = v
        out[c] = best


@kernel
def _table_poses(pos: np.ndarray, angle: np.ndarray, table_rows: np.ndarray, poses: np.ndarray) -> None:
    """Per body with a row in the body table (``table_rows``, -1 for none: left as they are),
    its pose into ``poses`` ((n, 4): x, y px and rotation vector) from the table's position and
    angle (``pos``, ``angle``), as chipmunk's own: its rotation vector is (cos, sin) of its
    angle, worked out by the same libm each time it sets the angle (a step's, a setter's)."""
    for k in range(table_rows.size):
        r = table_rows[k]
        if r < 0:
            continue
        a = angle[r]
        poses[k, 0] = pos[r, 0]
        poses[k, 1] = pos[r, 1]
        poses[k, 2] = math.cos(a)
        poses[k, 3] = math.sin(a)


@kernel
def _table_load_points(pos: np.ndarray, angle: np.ndarray, table_rows: np.ndarray, poses: np.ndarray,
                       reach: np.ndarray, radius: float, body_of: np.ndarray, local_x: np.ndarray,
                       local_y: np.ndarray, first: np.ndarray, second: np.ndarray,
                       out: np.ndarray) -> tuple[float, float, float, float]:
    """``_table_poses`` then ``_load_points`` from those poses, in one dispatch (the couplings
    ask every tick): the bodies without a row in the table are in ``poses`` already."""
    _table_poses(pos, angle, table_rows, poses)
    return _load_points(poses, reach, radius, body_of, local_x, local_y, first, second, out)


@kernel
def _crowd_loads(pos: np.ndarray, angle: np.ndarray, table_rows: np.ndarray, poses: np.ndarray, reach: np.ndarray,
                 radius: float, body_of: np.ndarray, local_x: np.ndarray, local_y: np.ndarray, first: np.ndarray,
                 second: np.ndarray, out: np.ndarray, crowd_pos: np.ndarray, crowd_push: np.ndarray,
                 starts: np.ndarray, heaviest: np.ndarray) -> bool:
    """``_LoadPlan.points`` from the body table (``_table_load_points``), then the crowd's
    questions the horde's methods answer (``Horde.anyone_in_box`` of the points' box, and
    ``Horde.push_near_points`` of the points, within ``radius``, over its rows' positions
    ``crowd_pos`` and pushes ``crowd_push``: the same kernels on the same arrays) and the
    heaviest push per coupling into ``heaviest`` (``_heaviest``), in one dispatch instead of
    four, every tick a train is latched. False, and ``heaviest`` left as it was, when nobody
    of the crowd stands in the box."""
    x0, y0, x1, y1 = _table_load_points(pos, angle, table_rows, poses, reach, radius, body_of, local_x, local_y,
                                        first, second, out)
    if not any_in_box(crowd_pos, x0, y0, x1, y1):
        return False
    _heaviest(push_within_box(crowd_pos, crowd_push, out, radius), starts, heaviest)
    return True


def _crowd_of(crowd_push, crowd_in_box):
    """The horde whose ``push_near_points`` and ``anyone_in_box`` the two callables are (as
    the world passes them), else None: its rows' positions and pushes then go to
    ``_crowd_loads`` as they are."""
    crowd = getattr(crowd_push, "__self__", None)
    if crowd is None or getattr(crowd_in_box, "__self__", None) is not crowd:
        return None
    if crowd_push != getattr(crowd, "push_near_points", None) or crowd_in_box != getattr(crowd, "anyone_in_box", None):
        return None
    return crowd if hasattr(crowd, "pos_all") and hasattr(crowd, "push_all") else None


@dataclass
class _LoadPlan:
    """The points a set of latched couplings feel the crowd at, as index arrays into their
    bodies: per coupling its point (midway between the anchors) and its trolleys' ends."""

    held: tuple[LevelJoint, ...]
    bodies: list[pymunk.Body]  # every body the points hang on (the static body included)
    local: np.ndarray  # (m, 2) px: each term's offset in its body's frame
    body_of: np.ndarray  # (m,) row in ``bodies`` of each term
    # Each point is midway between two terms (the same term twice for an end: (x + x) / 2 is
    # x exactly), coupling by coupling: its point (between its anchors), then its trolleys' ends.
    first: np.ndarray
    second: np.ndarray
    starts: np.ndarray  # first point of each coupling
    table_rows: np.ndarray  # (n,) each body's row in the world's body table, -1 for none (the static body)

    def __post_init__(self) -> None:
        self.local_x = np.ascontiguousarray(self.local[:, 0])  # (m,) px: the offsets' columns
        self.local_y = np.ascontiguousarray(self.local[:, 1])
        # px per body: the farthest any of its terms lies from the body's position, and a px for
        # rounding (a rotation keeps lengths): every load point lies within it of some body
        reach = np.zeros(len(self.bodies))
        np.maximum.at(reach, self.body_of, np.hypot(self.local_x, self.local_y))
        self.reach = reach + 1.0
        # Filled afresh at every ``points`` (numba boxes no new array then): the bodies' poses
        # (n, 4), the points (k, 2) px and the heaviest push per coupling (N)
        self._poses = np.empty((len(self.bodies), 4))
        self._flat = memoryview(self._poses.reshape(-1))
        self._out = np.empty((self.first.size, 2))
        self._heaviest = np.empty(self.starts.size)
        self._pointers = [b._body for b in self.bodies] if CHIPMUNK is not None and \
            all(hasattr(b, "_body") for b in self.bodies) else None
        # the bodies without a row in the body table (their poses asked of pymunk): (index, body)
        self._untabled = [(k, b) for k, b in enumerate(self.bodies) if self.table_rows[k] < 0]

    def _read_poses(self) -> np.ndarray:
        """(n, 4): every body's x, y px and rotation vector (cos, sin) as pymunk has them now,
        in ``_poses`` (chipmunk's getters straight into the array's memory: a dozen trolleys,
        every tick)."""
        flat = self._flat
        if self._pointers is None:  # pragma: no cover - another pymunk build
            for k, body in enumerate(self.bodies):
                flat[4 * k], flat[4 * k + 1], flat[4 * k + 2], flat[4 * k + 3] = position_rotation(body)
            return self._poses
        get_pos, get_rot = CHIPMUNK.cpBodyGetPosition, CHIPMUNK.cpBodyGetRotation
        k = 0
        for ptr in self._pointers:
            p, r = get_pos(ptr), get_rot(ptr)
            flat[k], flat[k + 1], flat[k + 2], flat[k + 3] = p.x, p.y, r.x, r.y
            k += 4
        return self._poses

    def _untabled_poses(self) -> None:
        """Into ``_poses``, the poses of the bodies without a row in the body table, asked of
        pymunk (``_table_load_points`` fills the others from the table)."""
        flat = self._flat
        for k, body in self._untabled:
            flat[4 * k], flat[4 * k + 1], flat[4 * k + 2], flat[4 * k + 3] = position_rotation(body)

    def points(self, radius: float, table=None) -> tuple[np.ndarray, tuple[float, float, float, float]]:
        """The load points ((k, 2) px; the same array, filled afresh, at every call) from the
        bodies as they are now, and a box (x0, y0, x1, y1) px holding them all grown by
        ``radius``, from the bodies' positions alone (a crowd outside it presses on none).
        ``table``: the world's ``BodyTable`` when it was read after the step (the bodies' poses
        from it, not two pymunk calls a body: a train of twelve trolleys, every tick)."""
        if table is None:
            box = _load_points(self._read_poses(), self.reach, radius, self.body_of, self.local_x, self.local_y,
                               self.first, self.second, self._out)
        else:  # (_read_poses' answer from the table, pymunk asked only about the bodies it has no row of)
            self._untabled_poses()
            box = _table_load_points(table.pos, table.angle, self.table_rows, self._poses, self.reach, radius,
                                     self.body_of, self.local_x, self.local_y, self.first, self.second, self._out)
        return self._out, box

    def heaviest(self, push: np.ndarray) -> list[float]:
        """Per coupling (``held`` order): the largest of ``push`` (per point, N) at its points."""
        _heaviest(push, self.starts, self._heaviest)
        return self._heaviest.tolist()

    @classmethod
    def build(cls, held: tuple[LevelJoint, ...], rows_by_body: dict[int, int]) -> _LoadPlan:
        """The plan for the couplings ``held`` (at least one); ``rows_by_body``: body table row
        by body ``id``."""
        bodies = list({id(b): b for j in held for b in (j.a, j.b)}.values())
        rows = {id(b): k for k, b in enumerate(bodies)}
        local: list[tuple[float, float]] = []
        body_of: list[int] = []

        def term(body: pymunk.Body, xy: tuple[float, float]) -> int:
            local.append((float(xy[0]), float(xy[1])))
            body_of.append(rows[id(body)])
            return len(local) - 1

        first: list[int] = []
        second: list[int] = []
        starts: list[int] = []
        for j in held:
            starts.append(len(first))
            first.append(term(j.a, j.anchor_a))
            second.append(term(j.b, j.anchor_b))
            for body, end in j.ends:
                first.append(term(body, end))
                second.append(first[-1])
        return cls(held, bodies, np.array(local, dtype=np.float64).reshape(-1, 2), np.array(body_of, dtype=np.intp),
                   np.array(first, dtype=np.intp), np.array(second, dtype=np.intp), np.array(starts, dtype=np.intp),
                   np.array([rows_by_body.get(id(b), -1) for b in bodies], dtype=np.intp))


class Joints:
    """Every level joint; ``after_step`` breaks the overloaded ones."""

    def __init__(self, space: pymunk.Space, specs: tuple[JointSpec, ...], bodies_by_prop: dict[str, pymunk.Body],
                 rows_by_body: dict[int, int] | None = None) -> None:
        self.space = space
        self._rows_by_body = rows_by_body or {}  # body id -> its row in the world's body table
        self.joints: list[LevelJoint] = []
        self._pushes: list[LevelJoint] = []  # let go this tick; pushed in before_step
        self._plan: _LoadPlan | None = None  # the latched couplings' load points (see _load_plan)
        self._coupled: frozenset[int] | None = None  # coupled_bodies(), until a joint attaches or detaches
        self._plan_stale = True  # _plan is rebuilt after a joint attaches or detaches
        self._strap_reach: dict[int, tuple[tuple[float, float, float], float]] = {}  # see _strap_loads
        # joint id -> the dynamic body of its two (no body's type changes in play) and the
        # farthest its reach could be (px): see _strap_loads
        self._strap_body: dict[int, tuple[pymunk.Body, float]] = {}
        for spec in sorted(specs, key=lambda j: j.id):
            a = bodies_by_prop[spec.a]
            b = bodies_by_prop[spec.b] if spec.b else space.static_body
            anchor_a = (spec.anchor_a[0] * TILE_PX, spec.anchor_a[1] * TILE_PX)
            anchor_b = (spec.anchor_b[0] * TILE_PX, spec.anchor_b[1] * TILE_PX)
            joint = LevelJoint(spec, a, b, anchor_a, anchor_b, float(b.angle - a.angle),
                               coupled=spec.coupled if spec.kind == "coupling" else True,
                               a_centre_in_b=tuple(b.world_to_local(a.position)))
            if spec.kind == "coupling" and spec.break_force is not None:
                joint.ends = tuple((body, end) for body in (a, b) if body is not space.static_body
                                   for end in _end_midpoints(body))
            if spec.kind == "rope" and not spec.b:
                self._hang(joint)
            if joint.coupled:
                self._attach(joint)
            self.joints.append(joint)
        self.bundles = band_bundles(space, self.joints)
        # The joints that may break (canonical order) with their break force (N) and whether
        # each is a coupling, and the pins, rods and ropes of them: what ``after_step`` and
        # ``_strap_loads`` go through every tick (a spec never changes)
        self._breakable = [(j, j.spec.break_force, j.spec.kind == "coupling") for j in self.joints
                           if j.spec.break_force is not None]
        self._straps = [j for j, _, coupling in self._breakable if not coupling]

    def __len__(self) -> int:
        return len(self.joints)

    @property
    def may_break(self) -> bool:
        """Whether any joint has a break force: without one, ``after_step`` has nothing to do."""
        return bool(self._breakable)

    def _hang(self, joint: LevelJoint) -> None:
        """A load on a rope from a fixed point: off the floor, pulled back under the hook."""
        body = joint.a
        remove_floor_friction(self.space, body)
        pull = pymunk.DampedSpring(self.space.static_body, body, joint.anchor_b, joint.anchor_a, 0.0,
                                   body.mass * SWING_OMEGA2, body.mass * SWING_DAMPING)
        pull.collide_bodies = True
        self.space.add(pull)
        joint.extras.append(pull)

    def _attach(self, joint: LevelJoint) -> None:
        spec, a, b = joint.spec, joint.a, joint.b
        if spec.kind == "pivot":
            made: list[pymunk.Constraint] = [pymunk.PivotJoint(a, b, joint.anchor_a, joint.anchor_b)]
        elif spec.kind == "pin":
            made = [pymunk.PinJoint(a, b, joint.anchor_a, joint.anchor_b)]
        elif spec.kind == "rope":
            pa, pb = a.local_to_world(joint.anchor_a), b.local_to_world(joint.anchor_b)
            length = spec.length * TILE_PX if spec.length is not None else math.hypot(pa[0] - pb[0], pa[1] - pb[1])
            made = [pymunk.SlideJoint(a, b, joint.anchor_a, joint.anchor_b, 0.0, length)]
        else:  # coupling: a weld of two pins, at the anchors and at a's centre (as placed)
            pivot = pymunk.PivotJoint(a, b, joint.anchor_a, joint.anchor_b)
            # Two pins a lever arm apart hold against a crowd's shove far better than one pin
            # and a rotary limit (the iterative solver let a kinked train open up).
            weld = pymunk.PivotJoint(a, b, (0.0, 0.0), joint.a_centre_in_b)
            pivot.max_bias = weld.max_bias = COUPLE_MAX_BIAS  # a fresh latch clunks into line
            made = [pivot, weld]
        for c in made:
            c.collide_bodies = spec.kind != "coupling"  # coupled trolleys sit flush: no fighting contacts
        self.space.add(*made)
        joint.constraints = made
        self._coupled = None
        self._plan_stale = True
        joint.strain = 0.0

    def _detach(self, joint: LevelJoint) -> None:
        if joint.constraints:
            self.space.remove(*joint.constraints)
        joint.constraints = []
        self._coupled = None
        self._plan_stale = True

    # ------------------------------------------------------------------ per tick
    def after_step(self, events: list[ev.Event], crowd_push=None, dragged: frozenset[int] = frozenset(),
                   crowd_in_box=None, table=None) -> None:
        """Update each breakable joint's strain from the step just taken; snap the overloaded
        ones. ``crowd_push(points, radius)`` is the horde's push (N) near each of the points
        ((k, 2) px): a coupling's load is the crowd pressing on it, as a door lock's is (a rigid
        weld's own impulses mostly measure the solver fighting walls and jams, not the horde).
        A pin, rod or rope is loaded by the force through it while a student drags (``dragged``:
        body ids) what it holds, and otherwise by the crowd touching what it holds: a strap is
        dragged off or shoved over, not bumped off. Played by hand, walking along the Site's
        north wall into the scaffold tower snapped its 10 kN tie on contact (a student drives
        with ~27 kN, and the tower wedged against the wall behind it held the solver's jam
        forces after), and a frame towed past it would have too. ``crowd_in_box(x0, y0, x1, y1)``
        (optional): whether any zombie of that crowd stands in the box (px); with none round the
        couplings, their loads are 0 without working out their points. ``table``: the world's
        ``BodyTable`` when it was read after this step (``_LoadPlan.points``)."""
        # (the latched couplings' loads come in the order they are met below: canonical)
        loads = iter(self._coupling_loads(crowd_push, crowd_in_box, table))
        pressed = self._strap_loads(crowd_push, dragged, crowd_in_box)
        for joint, limit, coupling in self._breakable:
            if not joint.constraints:
                continue
            if coupling:
                force = next(loads, 0.0)
            elif id(joint.a) in dragged or id(joint.b) in dragged:  # the force through the pin, rod or rope
                force = max(abs(c.impulse) / TICK_DT for c in joint.constraints)
            else:
                force = pressed.get(id(joint), 0.0)
            joint.strain += (force - joint.strain) * STRAIN_SMOOTHING
            if joint.strain > limit:
                self._detach(joint)
                joint.broken = True
                joint.coupled = False
                x, y = joint.world_point()
                events.append(ev.JointChanged(joint.spec.id, "broken", x, y))
                self._let_go(joint)
                events.append(ev.Sound(x, y, BREAK_NOISE, "joint-break", joint.spec.id))

    def _strap_loads(self, crowd_push, dragged: frozenset[int], crowd_in_box=None) -> dict[int, float]:
        """Per intact breakable pin, rod or rope that no student drags (by ``id``): the push (N)
        of the zombies touching the prop it holds (their centres within the prop's bounding
        half-diagonal and STRAP_PRESS_REACH of its centre). Not round the joint's point: the
        Site's tower is tied at the wall face, and the crowd on the stair beyond the wall stood
        within a coupling's 28 px of it and brought the tower down on itself. With nobody of
        the crowd in the box round that reach (``crowd_in_box``, as in ``after_step``), 0."""
        if crowd_push is None:
            return {}
        out: dict[int, float] = {}
        for j in self._straps:
            if not j.constraints or id(j.a) in dragged or id(j.b) in dragged:
                continue
            held = self._strap_body.get(id(j))
            if held is None:
                body = j.a if j.a.body_type == pymunk.Body.DYNAMIC else j.b
                # px: the farthest its reach (below) can be, whatever its turn: its shapes' box
                # lies within its shapes' extent of its position (and a px for rounding) along
                # x and y, so is at most twice that on a side and half its diagonal sqrt(2) x.
                farthest = math.sqrt(2.0) * (shape_extent(body) + 1.0) + STRAP_PRESS_REACH + 1.0
                held = self._strap_body[id(j)] = (body, farthest)
            body, farthest = held
            at = pose(body)
            if crowd_in_box is not None and not crowd_in_box(at[0] - farthest, at[1] - farthest,
                                                             at[0] + farthest, at[1] + farthest):
                # Nobody even in the box round its farthest reach: nobody in the one round its
                # reach either (below, 0 then), and the shapes' boxes are not asked (a tied tower
                # jiggles: its pose, and so its boxes, change every tick).
                out[id(j)] = 0.0
                continue
            # The shapes' boxes are chipmunk's, from the pose the step just left: the same pose
            # (a tied tower standing still, most ticks) gives the same boxes and reach.
            known = self._strap_reach.get(id(j))
            if known is not None and known[0] == at:
                reach = known[1]
            else:
                boxes = [shape_bb(shape) for shape in body.shapes]  # (left, bottom, right, top) px
                if not boxes:
                    continue
                # (max and min of each edge, as ``max``/``min`` pick them: the first unless
                # another is strictly beyond it; one pass instead of four generators)
                left, bottom, right, top = boxes[0]
                for bb in boxes[1:]:
                    if bb[0] < left:
                        left = bb[0]
                    if bb[1] < bottom:
                        bottom = bb[1]
                    if bb[2] > right:
                        right = bb[2]
                    if bb[3] > top:
                        top = bb[3]
                w = right - left
                h = top - bottom
                reach = 0.5 * math.hypot(w, h) + STRAP_PRESS_REACH
                self._strap_reach[id(j)] = (at, reach)
            if crowd_in_box is not None and not crowd_in_box(at[0] - reach, at[1] - reach, at[0] + reach, at[1] + reach):
                # (the push of nobody: the horde sums the zombies of this very box, none)
                out[id(j)] = 0.0
                continue
            out[id(j)] = float(crowd_push(np.array([[at[0], at[1]]], dtype=np.float64), reach)[0])
        return out

    def _coupling_loads(self, crowd_push, crowd_in_box=None, table=None) -> list[float]:
        """Per breakable, latched coupling (in canonical order; none without a crowd): the
        heaviest crowd push (N) within ``COUPLING_PRESS_RADIUS`` of its point or of an end of
        either of its trolleys, all the points asked of the horde in one call."""
        if crowd_push is None:
            return []
        plan = self._load_plan()
        if plan is None:
            return []
        # Every body's position and rotation vector once, then the points as pymunk's
        # ``local_to_world`` computes them (same products and sums, so the same bits), and the
        # box round them. The horde is asked once, about the points themselves: a first
        # question about the trolleys' centres (within reach of all their points) cost twice the
        # second (its box holds more of the crowd) and, with the crowd round the box, let most
        # ticks through anyway.
        crowd = _crowd_of(crowd_push, crowd_in_box) if table is not None else None
        if crowd is not None:  # (the world's tick: all of the below in one dispatch)
            n = crowd.n
            plan._untabled_poses()
            if not _crowd_loads(table.pos, table.angle, plan.table_rows, plan._poses, plan.reach, COUPLING_PRESS_RADIUS,
                                plan.body_of, plan.local_x, plan.local_y, plan.first, plan.second, plan._out,
                                crowd.pos_all[:n], crowd.push_all[:n], plan.starts, plan._heaviest):
                return [0.0] * len(plan.held)
            return plan._heaviest.tolist()
        points, box = plan.points(COUPLING_PRESS_RADIUS, table)
        if crowd_in_box is not None and not crowd_in_box(*box):
            return [0.0] * len(plan.held)  # (what the push of nobody comes to, below)
        return plan.heaviest(crowd_push(points, COUPLING_PRESS_RADIUS))

    def _load_plan(self) -> _LoadPlan | None:
        """What ``_coupling_loads`` asks about, for the couplings latched now (rebuilt only
        when one latches, unlatches or breaks): None when none is."""
        if self._plan_stale:
            held = tuple(j for j in self.joints if j.spec.kind == "coupling" and j.spec.break_force is not None
                         and j.constraints)
            self._plan = _LoadPlan.build(held, self._rows_by_body) if held else None
            self._plan_stale = False
        return self._plan

    # ------------------------------------------------------------------ couplings and E
    def coupling_near(self, x: float, y: float, prefer_open: bool = True) -> tuple[float, LevelJoint] | None:
        """The coupling point E works from (x, y) px, and its distance: the nearest open one in
        reach, else the nearest latched one (``prefer_open`` False: simply the nearest). The
        front trolley's two couplings lie 20 px apart and about as far from a student between
        them: by hand, a second E meant for the other one undid the first, the loose trolley
        shot off rattling and the squad was lost in 14 s."""
        best: tuple[tuple[bool, float], float, LevelJoint] | None = None
        for joint in self.joints:
            if joint.spec.kind != "coupling":
                continue
            cx, cy = joint.world_point()
            d = math.hypot(cx - x, cy - y)
            key = (prefer_open and joint.coupled, d)
            if d <= COUPLE_REACH and (best is None or key < best[0]):
                best = (key, d, joint)
        return (best[1], best[2]) if best is not None else None

    def toggle(self, joint: LevelJoint, student_id: str, events: list[ev.Event]) -> bool:
        """Uncouple a coupled pair, or couple a lined-up pair; returns whether it changed."""
        x, y = joint.world_point()
        if joint.coupled:
            self._detach(joint)
            joint.coupled = False
            events.append(ev.JointChanged(joint.spec.id, "uncoupled", x, y))
            self._let_go(joint)
        else:
            twist = abs(math.remainder(float(joint.b.angle - joint.a.angle) - joint.rest_angle, 2 * math.pi))
            if joint.gap() > COUPLE_SNAP or twist > COUPLE_ANGLE:
                return False  # too far apart or askew: nothing to latch
            self._attach(joint)
            joint.coupled = True
            joint.broken = False
            events.append(ev.JointChanged(joint.spec.id, "coupled", x, y))
        events.append(ev.Sound(x, y, COUPLE_NOISE, "coupling", student_id))
        return True

    # ------------------------------------------------------------------ release pushes
    def _let_go(self, joint: LevelJoint) -> None:
        if joint.spec.release_push is not None:
            self._pushes.append(joint)

    def group_of(self, body: pymunk.Body) -> list[pymunk.Body]:
        """``body`` and every prop body joined to it, directly or through others, by a level
        joint that holds now (the world's static body is not a member)."""
        static = self.space.static_body
        group, todo = [body], [body]
        while todo:
            cur = todo.pop()
            for j in self.joints:
                if not j.constraints or (j.a is not cur and j.b is not cur):
                    continue
                other = j.b if j.a is cur else j.a
                if other is not static and all(other is not g for g in group):
                    group.append(other)
                    todo.append(other)
        return group

    def coupled_bodies(self) -> frozenset[int]:
        """Ids of the bodies latched to another by a coupling right now (a train of casters)."""
        if self._coupled is None:
            self._coupled = frozenset(id(body) for j in self.joints if j.spec.kind == "coupling" and j.constraints
                                      for body in (j.a, j.b) if body is not self.space.static_body)
        return self._coupled

    def held_fast(self) -> set[int]:
        """Ids of the bodies held fast to the floor right now: every prop joined, directly or
        through others, to the world by a holding joint that is not a rope (a chocked stack, a
        tied tower). A rope lets its load swing, so a hung load is not held fast."""
        static = self.space.static_body
        out: set[int] = set()
        for j in self.joints:
            if j.constraints and j.b is static and j.spec.kind != "rope" and id(j.a) not in out:
                out.update(id(b) for b in self.group_of(j.a))
        return out

    def before_step(self) -> None:
        """Give the joints let go since the last step their ``release_push``: the velocity
        (tiles/s, world frame) is added to ``a`` and the props still joined to it."""
        for joint in self._pushes:
            vx, vy = joint.spec.release_push
            for body in self.group_of(joint.a):
                body.velocity = (body.velocity[0] + vx * TILE_PX, body.velocity[1] + vy * TILE_PX)
        self._pushes.clear()

    def by_id(self, joint_id: str) -> LevelJoint | None:
        """A joint by its level id."""
        return next((j for j in self.joints if j.spec.id == joint_id), None)

    def hash_rows(self) -> np.ndarray:
        """Per joint, in canonical order: coupled, broken, active, strain (N)."""
        return np.array([[float(j.coupled), float(j.broken), float(j.active), j.strain] for j in self.joints],
                        dtype=np.float64).reshape(-1, 4)


def band_bundles(space: pymunk.Space, joints: list[LevelJoint]) -> list[list[pymunk.Body]]:
    """Group the props that are banded rigidly (two props joined by two or more pivots) into
    bundles, each carried by its first member (``_carry``). Returns the bundles, each a list
    of bodies in the order the joints (in canonical order) first name them."""
    static = space.static_body
    pivots: dict[tuple[int, int], int] = {}
    order: dict[int, pymunk.Body] = {}  # id -> body, in the order the joints first name them
    for j in joints:
        if j.spec.kind == "pivot" and j.b is not static:
            for body in (j.a, j.b):
                order.setdefault(id(body), body)
            key = (min(id(j.a), id(j.b)), max(id(j.a), id(j.b)))
            pivots[key] = pivots.get(key, 0) + 1
    links = [key for key, n in pivots.items() if n >= 2]  # two pins a lever apart: no turning
    bundles: list[list[pymunk.Body]] = []
    for body_id, body in order.items():
        if any(body in b for b in bundles) or not any(body_id in key for key in links):
            continue
        members, todo = [body], [body_id]
        while todo:
            cur = todo.pop()
            for x, y in links:
                other = y if x == cur else x if y == cur else None
                if other is not None and all(m is not order[other] for m in members):
                    members.append(order[other])
                    todo.append(other)
        bundles.append(members)
    for members in bundles:
        _carry(space, members)
    return bundles


def _carry(space: pymunk.Space, members: list[pymunk.Body]) -> None:
    """Make a bundle one rigid body (see the module docstring): its first member takes the
    bundle's mass and moment, about the bundle's centre of mass, and a hull shape round all of
    it; the others keep their shapes (for queries) but collide with nothing, and keep a
    ``PASSENGER_MASS`` share of their mass, riding on their bands. Each member's floor
    friction and rolling constraints (force-limited, to the static body) scale with its mass,
    so the bundle's floor grip is the sum of its members' as before."""
    first = members[0]
    total = sum(b.mass for b in members)
    # kg·px (world): the bundle's centre of mass; then its moment about it (parallel axes)
    cx = sum(b.mass * b.position.x for b in members) / total
    cy = sum(b.mass * b.position.y for b in members) / total
    moment = sum(b.moment + b.mass * ((b.position.x - cx) ** 2 + (b.position.y - cy) ** 2) for b in members)
    own = [shape for b in members for shape in b.shapes]  # before the bundle's two are made
    template = next(iter(first.shapes))
    corners = [first.world_to_local(shape.body.local_to_world(v)) for shape in own for v in shape.get_vertices()]
    outline = [(float(c.x), float(c.y)) for c in corners]
    # Two shapes of the whole bundle: its outline, for the walls alone, and for all the rest
    # the outline stretched BUNDLE_SKIRT px past both ends (along the first member's x), so
    # that an end laid a px short of a wall leaves walkers no crack to be squeezed into.
    mid = first.world_to_local((cx, cy)).x
    stretched = [(x + math.copysign(BUNDLE_SKIRT, x - mid), y) for x, y in outline]
    rim = pymunk.Poly(first, outline, radius=template.radius)
    hull = pymunk.Poly(first, stretched, radius=template.radius)
    for shape, mask in ((rim, CAT_WALL), (hull, template.filter.mask & ~CAT_WALL)):
        shape.friction, shape.elasticity = template.friction, template.elasticity
        shape.filter = pymunk.ShapeFilter(categories=template.filter.categories, mask=mask)
    for shape in own:  # inside those two: kept for queries only
        shape.filter = pymunk.ShapeFilter(categories=0, mask=0)
    masses = {id(first): total}
    for body in members[1:]:
        masses[id(body)] = body.mass * PASSENGER_MASS
        for c in body.constraints:  # its bands pull it back into place within a few ticks
            if c.a is not space.static_body and c.b is not space.static_body:
                c.error_bias = PASSENGER_SNAP
    for body in members:
        scale = masses[id(body)] / body.mass
        for c in body.constraints:  # the floor's and the rolling grip: zero-bias, to the world
            if c.a is space.static_body and c.max_bias == 0.0:
                c.max_force *= scale
        at = body.position
        if body is first:  # turns about the bundle's centre of mass (the origin stays put)
            body.center_of_gravity = body.world_to_local((cx, cy))
            body.mass, body.moment = total, moment
        else:
            body.mass, body.moment = masses[id(body)], body.moment * scale
        body.position = at
    space.add(rim, hull)
