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
from .physics import CHIPMUNK, pose, set_groove, set_max_force, velocity

ROLL_RESIST = 35.0  # px/s²: casters' rolling resistance; a trolley let go at walking pace rolls ~8 tiles
SKID_FRICTION = 1700.0  # px/s²: skidding across the casters; 35 kg x 1700 = 60 kN, more than two students (27 kN each) can shove
RATTLE_QUIET = 12.0  # px/s (0.75 tiles/s): casters rolled slower than this are silent
RATTLE_TICKS = 30  # a rattling prop makes one sound every half second (staggered by prop)
RATTLE_STEP = 8.0  # px: rattle loudness is rounded down to this (the horde's hearing caches by loudness)
CASTER_FREE = 48.0  # px/s: a coupled train rolls freely up to here (a sneaking push flat out, 55, just passes it; a crowd walks at 90)
CASTER_SHIMMY = 60.0  # px/s² per px/s over CASTER_FREE: at +10 px/s a 12-trolley box (960 kg) drags with 610 kN, five packed zombies' shove
GROOVE_HALF = 4096.0  # px: the groove reaches far past the prop either way (it never clamps at an end)
ROLLING_KINDS = ("along", "across", "any")


class RollingProps:
    """The skid grooves of a level's rolling props, re-laid each tick before the physics step."""

    def __init__(self, space: pymunk.Space) -> None:
        self.space = space
        self._grooves: list[tuple[pymunk.Body, pymunk.GrooveJoint, float]] = []  # body, joint, axis angle (rad, body frame)
        self._casters: list[tuple[pymunk.Body, pymunk.PivotJoint, float]] = []  # body, its floor pivot (rolling resistance), mass kg
        # What each groove was last laid through ((x, y) px, angle rad) and each caster's last
        # force limit (N): a prop at rest keeps its groove, so the pymunk setters are skipped.
        self._laid: list[tuple[float, float, float]] = []
        self._limits: list[float] = []

    def __len__(self) -> int:
        return len(self._grooves)

    def add(self, body: pymunk.Body, rolling: str, length: float = 0.0) -> None:
        """Give a body (already carrying its low rolling-resistance floor pivot) its skid; an
        ``across`` roller ``length`` px long (its width) also its resistance to turning."""
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
            self._limits.append(floor.max_force)
        axis = 0.0 if rolling == "along" else math.pi / 2
        groove = pymunk.GrooveJoint(self.space.static_body, body, (0.0, 0.0), (1.0, 0.0), (0.0, 0.0))
        groove.max_bias = 0.0  # remove velocity only, never pull the prop back onto a line
        groove.max_force = body.mass * SKID_FRICTION
        groove.collide_bodies = True
        self.space.add(groove)
        self._grooves.append((body, groove, axis))
        self._laid.append(self._lay(groove, pose(body), axis))

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
        coupled train (``coupled``: ids of the bodies latched now), else ``ROLL_RESIST``."""
        # (a dozen trolleys, every tick: the loops keep their lookups local, ``_lay`` inline, and
        # call chipmunk's getters themselves: ``pose`` and ``velocity``'s doubles, without a
        # Python call per body)
        laid, cos, sin = self._laid, math.cos, math.sin
        if CHIPMUNK is not None:
            get_pos, get_angle, get_vel = CHIPMUNK.cpBodyGetPosition, CHIPMUNK.cpBodyGetAngle, CHIPMUNK.cpBodyGetVelocity
            set_a, set_b = CHIPMUNK.cpGrooveJointSetGrooveA, CHIPMUNK.cpGrooveJointSetGrooveB
        for k, (body, groove, axis) in enumerate(self._grooves):
            if CHIPMUNK is not None:
                ptr = body._body
                p = get_pos(ptr)
                at = (p.x, p.y, get_angle(ptr))
            else:  # pragma: no cover - another pymunk build
                at = pose(body)
            if at != laid[k]:
                x, y, angle = at
                a = angle + axis
                dx, dy = cos(a) * GROOVE_HALF, sin(a) * GROOVE_HALF
                if CHIPMUNK is not None:  # (set_groove's two C calls)
                    ptr = groove._constraint
                    set_a(ptr, (x - dx, y - dy))
                    set_b(ptr, (x + dx, y + dy))
                else:  # pragma: no cover - another pymunk build
                    set_groove(groove, (x - dx, y - dy), (x + dx, y + dy))
                laid[k] = at
        limits, hypot = self._limits, math.hypot
        for k, (body, floor, mass) in enumerate(self._casters):
            if id(body) in coupled:
                if CHIPMUNK is not None:
                    v = get_vel(body._body)
                    vx, vy = v.x, v.y
                else:  # pragma: no cover - another pymunk build
                    vx, vy = velocity(body)
                limit = mass * caster_resist(hypot(vx, vy))
            else:
                limit = mass * ROLL_RESIST
            if limit != limits[k]:
                set_max_force(floor, limit)
                limits[k] = limit


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
