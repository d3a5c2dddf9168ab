"""Rolling props: trolleys on casters and pipes, whose floor friction depends on direction.

A prop type's ``rolling`` says how: ``along`` rolls along its length (body x) and skids
sideways, ``across`` rolls across its length (body y: a pipe on its side) and skids along it,
``any`` rolls every way. Rolling resistance is the ordinary zero-bias floor pivot with a small
force limit (``ROLL_RESIST``); the skid is a zero-bias ``GrooveJoint`` from the static body
whose groove is re-laid through the prop's centre along its rolling axis before every step,
so it removes only the velocity across the groove, up to ``SKID_FRICTION`` x mass, inside the
solver (a student pushing sideways meets the whole force at once, not a tick late).

A pipe (``across``) cannot turn on the floor without its ends skidding: a zero-bias gear to the
static body resists its spin up to the skid friction's torque over its length (``yaw_torque``).
Without it, played by hand and headless (seed 3 of a crowd on the Site's bridge), the banded
pipe stack let go by its chock spun 45 degrees in a quarter second (the crowd's load, held in
the bands while it was chocked, came out as spin; that strain is gone now that a banded
stack is one body, see joints.py) and rolled off the bridge's north side instead of along it. Trolleys (``along``) turn on swivel casters and keep only the floor's
ordinary spin friction.

A prop type with ``rattle`` > 0 (a steel trolley) is loud when shoved fast: rolled faster than
``RATTLE_QUIET`` its casters rattle, a sound every ``RATTLE_TICKS`` of ``rattle`` px per px/s
over that speed (``caster_rattle``). Rolled slowly, a wall of trolleys is silent.

A coupled train of casters (``along`` props latched by a coupling) also has a top speed: its
casters cannot all swivel alike, and run faster than ``CASTER_FREE`` they shimmy and drag,
``CASTER_SHIMMY`` px/s² more resistance per px/s over it (the floor pivot's force limit is re-set
from the last step's speed before every step). Students sneaking flat out (55 px/s) barely
pass it (the box still rattles ~440 px loud); zombies walking into the back of the coupled box
(90 px/s) no longer run it, and the squad inside, to the exit at their pace (70-113 px/s
before): the crowd behind piles up against the box instead, and its pressure breaks the
couplings (joints.py). A lone trolley still rolls at whatever pace it is pushed.
Python loops here run over the few rolling props, never over zombies.
"""

from __future__ import annotations

import math

import numpy as np
import pymunk

from . import events as ev
from .jit import kernel
from .physics import CHIPMUNK, BodyTable, pose, set_groove, set_max_force, vects

ROLL_RESIST = 35.0  # px/s²: casters' rolling resistance; a trolley let go at walking pace rolls ~8 tiles
SKID_FRICTION = 1700.0  # px/s²: skidding across the casters; 35 kg x 1700 = 60 kN, more than two students (27 kN each) can shove
RATTLE_QUIET = 12.0  # px/s (0.75 tiles/s): casters rolled slower than this are silent
RATTLE_TICKS = 30  # a rattling prop makes one sound every half second (staggered by prop)
RATTLE_STEP = 8.0  # px: rattle loudness is rounded down to this (the horde's hearing caches by loudness)
CASTER_FREE = 48.0  # px/s: a coupled train rolls freely up to here (a sneaking push flat out, 55, just passes it; a crowd walks at 90)
CASTER_SHIMMY = 60.0  # px/s² per px/s over CASTER_FREE: at +10 px/s a 12-trolley box (960 kg) drags with 610 kN, five packed zombies' shove
GROOVE_HALF = 4096.0  # px: the groove reaches far past the prop either way (it never clamps at an end)
ROLLING_KINDS = ("along", "across", "any")


# px/s squared: a coupled caster whose velocity's squared length, as rounded, is at most this
# rolls slower than CASTER_FREE, whatever the rounding (a billionth under it, far past any ulp):
# its resistance is ROLL_RESIST without working out its speed (``_lay_and_limit``)
SURELY_FREE2 = (CASTER_FREE * (1.0 - 1e-9)) ** 2


@kernel
def _lay_and_limit(pos: np.ndarray, angle: np.ndarray, vel: np.ndarray, groove_rows: np.ndarray,
                   axis: np.ndarray, laid: np.ndarray, ends: np.ndarray, moved: np.ndarray,
                   caster_rows: np.ndarray, mass: np.ndarray, coupled: np.ndarray, limits: np.ndarray,
                   reset: np.ndarray) -> tuple[int, int]:
    """``RollingProps.before_step``'s arithmetic over the body table (``pos``, ``angle``,
    ``vel``; ``groove_rows`` and ``caster_rows`` the props' rows in it). Per groove ``k`` whose
    prop's (x, y, angle) is not the one it was ``laid`` through: its new ends ((x - dx, y - dy,
    x + dx, y + dy) px, dx = cos(angle + axis) GROOVE_HALF) into row ``k`` of ``ends`` and ``k``
    into ``moved``, in order, and ``laid`` updated. Per caster prop: its force limit (N) ``mass`` x
    ``ROLL_RESIST`` unless it is ``coupled`` and may roll faster than CASTER_FREE; where that
    differs from ``limits``, ``limits`` updated and its index into ``reset``, in order, as
    ``-1 - k`` for one whose speed Python works out (``math.hypot``, whose last bit numba's
    differs from). Returns (grooves moved, casters reset)."""
    count = 0
    for k in range(groove_rows.size):
        r = groove_rows[k]
        x, y, a = pos[r, 0], pos[r, 1], angle[r]
        if x == laid[k, 0] and y == laid[k, 1] and a == laid[k, 2]:  # (a NaN never is: re-laid)
            continue
        turn = a + axis[k]
        dx, dy = math.cos(turn) * GROOVE_HALF, math.sin(turn) * GROOVE_HALF
        ends[k, 0], ends[k, 1], ends[k, 2], ends[k, 3] = x - dx, y - dy, x + dx, y + dy
        laid[k, 0], laid[k, 1], laid[k, 2] = x, y, a
        moved[count] = k
        count += 1
    resets = 0
    for k in range(caster_rows.size):
        r = caster_rows[k]
        if coupled[k] and not vel[r, 0] * vel[r, 0] + vel[r, 1] * vel[r, 1] <= SURELY_FREE2:
            reset[resets] = -1 - k
            resets += 1
            continue
        limit = mass[k] * ROLL_RESIST  # (= mass x caster_resist(speed) at any speed up to CASTER_FREE)
        if limit != limits[k]:
            limits[k] = limit
            reset[resets] = k
            resets += 1
    return count, resets


class RollingProps:
    """The skid grooves of a level's rolling props, re-laid each tick before the physics step."""

    def __init__(self, space: pymunk.Space, bodies: BodyTable) -> None:
        self.space = space
        self.bodies = bodies  # read after every step: the rolling props' poses and velocities
        self._grooves: list[tuple[pymunk.Body, pymunk.GrooveJoint, float]] = []  # body, joint, axis angle (rad, body frame)
        self._casters: list[tuple[pymunk.Body, pymunk.PivotJoint, float]] = []  # body, its floor pivot (rolling resistance), mass kg
        self._groove_rows: list[int] = []  # each groove's and each caster's prop's row in ``bodies``
        self._caster_rows: list[int] = []
        # What each groove was last laid through ((x, y) px, angle rad) and each caster's last
        # force limit (N): a prop at rest keeps its groove, so the pymunk setters are skipped.
        self._laid: list[tuple[float, float, float]] = []
        self._limits: list[float] = []
        self._arrays: _RollingArrays | None = None  # built at the first step, after the last ``add``

    def __len__(self) -> int:
        return len(self._grooves)

    def add(self, body: pymunk.Body, rolling: str, length: float = 0.0, row: int = -1) -> None:
        """Give a body (already carrying its low rolling-resistance floor pivot; ``row``: its
        row in the body table) its skid; an ``across`` roller ``length`` px long (its width)
        also its resistance to turning."""
        if rolling not in ("along", "across"):
            return  # "any" rolls every way: rolling resistance only
        if rolling == "across" and length > 0.0:
            spin = pymunk.GearJoint(self.space.static_body, body, 0.0, 1.0)
            spin.max_bias = 0.0  # remove spin only, never turn the pipe back
            spin.max_force = yaw_torque(body.mass, length)
            self.space.add(spin)
        if rolling == "along":  # on casters: they shimmy when run too fast
            floor = next(c for c in body.constraints if c.a is self.space.static_body
                         and isinstance(c, pymunk.PivotJoint) and c.max_bias == 0.0)
            self._casters.append((body, floor, body.mass))
            self._caster_rows.append(row)
            self._limits.append(floor.max_force)
        axis = 0.0 if rolling == "along" else math.pi / 2
        groove = pymunk.GrooveJoint(self.space.static_body, body, (0.0, 0.0), (1.0, 0.0), (0.0, 0.0))
        groove.max_bias = 0.0  # remove velocity only, never pull the prop back onto a line
        groove.max_force = body.mass * SKID_FRICTION
        groove.collide_bodies = True
        self.space.add(groove)
        self._grooves.append((body, groove, axis))
        self._groove_rows.append(row)
        self._laid.append(self._lay(groove, pose(body), axis))
        self._arrays = None

    @staticmethod
    def _lay(groove: pymunk.GrooveJoint, at: tuple[float, float, float], axis: float) -> tuple[float, float, float]:
        """Lay the groove through ``at`` (x, y px; the body's angle, rad) along the body's
        rolling axis; returns ``at``."""
        x, y, angle = at
        a = angle + axis
        dx, dy = math.cos(a) * GROOVE_HALF, math.sin(a) * GROOVE_HALF
        set_groove(groove, (x - dx, y - dy), (x + dx, y + dy))
        return at

    def before_step(self, coupled: frozenset[int] = frozenset()) -> None:
        """Lay every groove through its prop along the prop's current rolling axis, and set
        each caster prop's rolling resistance: ``caster_resist`` of its speed while it is in a
        coupled train (``coupled``: ids of the bodies latched now), else ``ROLL_RESIST``.

        The props' poses and velocities are the body table's, as read after the last step:
        pymunk's own until this step, for nothing moves a rolling prop between its steps (the
        horde's batch write gives it back the velocity read, a release push comes after this,
        a toppled tower is read again after it falls). One compiled pass does the arithmetic;
        here only the pymunk setters of what changed (every trolley of a pushed train jitters,
        so all of its grooves, every tick) and the speed of a train rolling fast."""
        if not self._grooves:
            return
        arrays = self._arrays
        if arrays is None:
            arrays = self._arrays = _RollingArrays(self)
        if coupled is not arrays.coupled_of:  # (the joints keep one set until a coupling changes)
            arrays.coupled[:] = [id(body) in coupled for body, _, _ in self._casters]
            arrays.coupled_of = coupled
        bodies = self.bodies
        moved, resets = _lay_and_limit(bodies.pos, bodies.angle, bodies.vel, arrays.groove_rows, arrays.axis,
                                       arrays.laid, arrays.ends, arrays.moved, arrays.caster_rows, arrays.mass,
                                       arrays.coupled, arrays.limits, arrays.reset)
        if moved:
            lays = arrays.lays
            if CHIPMUNK is not None:  # (set_groove's two C calls, the ends passed from ``ends`` as they are)
                set_a, set_b = CHIPMUNK.cpGrooveJointSetGrooveA, CHIPMUNK.cpGrooveJointSetGrooveB
                # (every groove at once as a pushed train jitters: no index list then)
                for ptr, end_a, end_b in (lays if moved == len(lays) else [lays[k] for k in arrays.moved[:moved].tolist()]):
                    set_a(ptr, end_a)
                    set_b(ptr, end_b)
            else:  # pragma: no cover - another pymunk build
                for k in arrays.moved[:moved].tolist():
                    ax, ay, bx, by = arrays.ends[k].tolist()
                    set_groove(lays[k][0], (ax, ay), (bx, by))
        if resets:
            self._reset_limits(arrays, arrays.reset[:resets].tolist())

    def _reset_limits(self, arrays: _RollingArrays, reset: list[int]) -> None:
        """Set the casters' floor pivots' new force limits (``_lay_and_limit``'s ``reset``),
        first working out those of the coupled casters that may roll faster than CASTER_FREE:
        ``caster_resist`` of the speed ``math.hypot`` gives."""
        limits = arrays.limits
        for k in reset:
            if k < 0:
                k = -1 - k
                vx, vy = self.bodies.vel[self._caster_rows[k]].tolist()
                limit = self._casters[k][2] * caster_resist(math.hypot(vx, vy))
                if limit == limits[k]:
                    continue
                limits[k] = limit
            set_max_force(self._casters[k][1], float(limits[k]))


class _RollingArrays:
    """``RollingProps``' state as the arrays ``_lay_and_limit`` works on (made at the first
    step, once every rolling prop is in: the lists stay for ``add``)."""

    def __init__(self, rolling: RollingProps) -> None:
        n = len(rolling._grooves)
        self.groove_rows = np.array(rolling._groove_rows, dtype=np.intp)
        self.axis = np.array([axis for _, _, axis in rolling._grooves], dtype=np.float64)
        self.laid = np.array(rolling._laid, dtype=np.float64).reshape(n, 3)
        self.ends = np.empty((n, 4))  # px: each groove's ends as last laid (row k: groove k's a, b)
        self.moved = np.empty(n, dtype=np.intp)  # the moved grooves' indices, in order
        # Per groove, what its two setters take: its C pointer and its ends a and b as
        # chipmunk's vectors over ``ends``' memory (passed as they are: the doubles the kernel
        # last wrote there), made once instead of indexed out every tick; on another build, the
        # joint itself (and None, None: ``set_groove`` takes the ends as tuples)
        ends = vects(self.ends)
        self.lays = [(groove._constraint, ends[2 * k], ends[2 * k + 1]) if CHIPMUNK is not None else (groove, None, None)
                     for k, (_, groove, _) in enumerate(rolling._grooves)]
        self.caster_rows = np.array(rolling._caster_rows, dtype=np.intp)
        self.mass = np.array([mass for _, _, mass in rolling._casters], dtype=np.float64)
        self.coupled = np.zeros(len(rolling._casters), dtype=np.bool_)
        self.coupled_of: frozenset[int] | None = None  # the set ``coupled`` was made from
        self.limits = np.array(rolling._limits, dtype=np.float64)
        self.reset = np.empty(len(rolling._casters), dtype=np.intp)


def caster_resist(speed: float) -> float:
    """Rolling resistance (px/s²) of a coupled train's casters rolling at ``speed`` px/s:
    ``ROLL_RESIST``, plus ``CASTER_SHIMMY`` per px/s over ``CASTER_FREE``."""
    return ROLL_RESIST + CASTER_SHIMMY * max(0.0, speed - CASTER_FREE)


def yaw_torque(mass: float, length: float) -> float:
    """N·px: the most torque the floor resists a pipe's turning with. Turning about its centre,
    every bit of the pipe skids, at ``SKID_FRICTION`` per kg, on a lever from 0 to half the
    length: mass x SKID_FRICTION x length / 4 (a 300 kg, 50 px pipe: 6.4e6, ten times the floor's
    ordinary spin friction for it)."""
    return mass * SKID_FRICTION * length / 4.0


def rattle_schedule(props) -> list[list]:
    """Per tick of the ``RATTLE_TICKS`` cycle (``tick % RATTLE_TICKS``), the props of ``props``
    (in their order) whose rattle is due then: ``caster_rattle`` asks only those of a tick,
    not the whole wall of trolleys every tick to skip all but one or two."""
    return [[p for p in props if (phase + p.index) % RATTLE_TICKS == 0] for phase in range(RATTLE_TICKS)]


def caster_rattle(tick: int, props, vel: np.ndarray, pos: np.ndarray) -> list[ev.Sound]:
    """This tick's rattles: each prop with a ``rattle`` rolling faster than ``RATTLE_QUIET``
    (``vel``, ``pos``: the world's body arrays, px/s and px) sounds every ``RATTLE_TICKS``,
    staggered by its index, ``rattle`` px per px/s over the quiet speed."""
    out: list[ev.Sound] = []
    for prop in props:
        rattle = prop.type.rattle
        if rattle <= 0.0 or (tick + prop.index) % RATTLE_TICKS:
            continue
        speed = float(np.hypot(*vel[prop.index]))
        loud = math.floor(rattle * (speed - RATTLE_QUIET) / RATTLE_STEP) * RATTLE_STEP
        if loud > 0.0:
            x, y = pos[prop.index]
            out.append(ev.Sound(float(x), float(y), loud, "rattle", prop.spec.id))
    return out
