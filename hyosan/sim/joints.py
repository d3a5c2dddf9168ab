"""Level joints: ``[[joints]]`` between two props, or a prop and the floor (``b`` left out).

Built in canonical order (sorted by id, as the loader delivers them):

* ``pivot``: the two anchor points are pinned together; the bodies turn freely about them.
* ``pin``: the anchors keep the distance they have at the start (a rigid rod).
* ``rope``: the anchors stay within ``length`` of each other (slack inside). A rope tied to the
  world (``b`` left out) *hangs* its prop: the load is off the floor (no floor friction) and
  its weight pulls it back under the hook, so a shoved load swings (a ~3 s pendulum) until the
  air and the rope's creak (``SWING_DAMPING``) calm it.
* ``coupling``: two trolleys held rigidly side by side (a pivot at the anchors plus a rotary
  limit at the angle they were placed at) while coupled; a student toggles it with E.

A joint with ``break_force`` snaps when the force it carries, smoothed over a few ticks
(``STRAIN_SMOOTHING``: a lone contact spike does not count, the horde's steady shove does),
exceeds it: the joint leaves the space and the world emits ``JointChanged(..., "broken")`` and
a clang the horde hears. A broken coupling can be coupled again with E; the other kinds stay
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
from .physics import remove_floor_friction
from .units import TICK_DT, TILE_PX

COUPLE_REACH = 30.0  # px from a student's centre to a coupling point to work it with E
COUPLE_SNAP = 12.0  # px: coupling points farther apart than this cannot be coupled (line the trolleys up first)
COUPLE_ANGLE = math.radians(30)  # ...nor trolleys turned more than this from how they were placed
COUPLE_MAX_BIAS = 60.0  # px/s: how fast a fresh coupling draws the trolleys into line (a clunk, not a jolt)
COUPLING_ARM = TILE_PX  # px: a coupling's twisting strain counts as torque / this many px of force
STRAIN_SMOOTHING = 0.25  # per tick: the strain follows the joint's force over ~4 ticks (1/15 s)
BREAK_NOISE = 300.0  # px: the clang of a coupling or a rope giving way
COUPLE_NOISE = 90.0  # px: the clunk of a coupling latching or unlatching
SWING_OMEGA2 = 4.4  # 1/s²: a hanging load's restoring pull per px off-centre, per kg ((2π/3 s)²: a 3 s swing)
SWING_DAMPING = 0.15  # 1/s per kg: how quickly a swing dies down (~15 s to calm)


@dataclass
class LevelJoint:
    """One ``[[joints]]`` entry in the world and its pymunk constraints."""

    spec: JointSpec
    a: pymunk.Body
    b: pymunk.Body  # the space's static body when the spec ties ``a`` to the world
    anchor_a: tuple[float, float]  # px, in a's frame
    anchor_b: tuple[float, float]  # px, in b's frame (world px for the static body)
    rest_angle: float  # rad: b.angle - a.angle as placed (couplings hold it)
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


class Joints:
    """Every level joint; ``after_step`` breaks the overloaded ones."""

    def __init__(self, space: pymunk.Space, specs: tuple[JointSpec, ...], bodies_by_prop: dict[str, pymunk.Body]) -> None:
        self.space = space
        self.joints: list[LevelJoint] = []
        for spec in sorted(specs, key=lambda j: j.id):
            a = bodies_by_prop[spec.a]
            b = bodies_by_prop[spec.b] if spec.b else space.static_body
            anchor_a = (spec.anchor_a[0] * TILE_PX, spec.anchor_a[1] * TILE_PX)
            anchor_b = (spec.anchor_b[0] * TILE_PX, spec.anchor_b[1] * TILE_PX)
            joint = LevelJoint(spec, a, b, anchor_a, anchor_b, float(b.angle - a.angle),
                               coupled=spec.coupled if spec.kind == "coupling" else True)
            if spec.kind == "rope" and not spec.b:
                self._hang(joint)
            if joint.coupled:
                self._attach(joint, snap=False)
            self.joints.append(joint)

    def __len__(self) -> int:
        return len(self.joints)

    def _hang(self, joint: LevelJoint) -> None:
        """A load on a rope from a fixed point: off the floor, pulled back under the hook."""
        body = joint.a
        remove_floor_friction(self.space, body)
        pull = pymunk.DampedSpring(self.space.static_body, body, joint.anchor_b, joint.anchor_a, 0.0,
                                   body.mass * SWING_OMEGA2, body.mass * SWING_DAMPING)
        pull.collide_bodies = True
        self.space.add(pull)
        joint.extras.append(pull)

    def _attach(self, joint: LevelJoint, snap: bool) -> None:
        spec, a, b = joint.spec, joint.a, joint.b
        if spec.kind == "pivot":
            made: list[pymunk.Constraint] = [pymunk.PivotJoint(a, b, joint.anchor_a, joint.anchor_b)]
        elif spec.kind == "pin":
            made = [pymunk.PinJoint(a, b, joint.anchor_a, joint.anchor_b)]
        elif spec.kind == "rope":
            pa, pb = a.local_to_world(joint.anchor_a), b.local_to_world(joint.anchor_b)
            length = spec.length * TILE_PX if spec.length is not None else math.hypot(pa[0] - pb[0], pa[1] - pb[1])
            made = [pymunk.SlideJoint(a, b, joint.anchor_a, joint.anchor_b, 0.0, length)]
        else:  # coupling
            pivot = pymunk.PivotJoint(a, b, joint.anchor_a, joint.anchor_b)
            twist = pymunk.RotaryLimitJoint(a, b, joint.rest_angle, joint.rest_angle)
            if snap:  # latched by a student: draw the trolleys into line gently
                pivot.max_bias = twist.max_bias = COUPLE_MAX_BIAS
            made = [pivot, twist]
        for c in made:
            c.collide_bodies = spec.kind != "coupling"  # coupled trolleys sit flush: no fighting contacts
        self.space.add(*made)
        joint.constraints = made
        joint.strain = 0.0

    def _detach(self, joint: LevelJoint) -> None:
        if joint.constraints:
            self.space.remove(*joint.constraints)
        joint.constraints = []

    # ------------------------------------------------------------------ per tick
    def after_step(self, events: list[ev.Event]) -> None:
        """Update each breakable joint's strain from the impulses of the step just taken; snap
        the overloaded ones."""
        for joint in self.joints:
            limit = joint.spec.break_force
            if limit is None or not joint.constraints:
                continue
            force = 0.0
            for c in joint.constraints:
                f = c.impulse / TICK_DT
                if isinstance(c, pymunk.RotaryLimitJoint):
                    f /= COUPLING_ARM  # torque (kg·px²/s²) as a force at one tile
                force = max(force, abs(f))
            joint.strain += (force - joint.strain) * STRAIN_SMOOTHING
            if joint.strain > limit:
                self._detach(joint)
                joint.broken = True
                joint.coupled = False
                x, y = joint.world_point()
                events.append(ev.JointChanged(joint.spec.id, "broken", x, y))
                events.append(ev.Sound(x, y, BREAK_NOISE, "joint-break", joint.spec.id))

    # ------------------------------------------------------------------ couplings and E
    def coupling_near(self, x: float, y: float) -> tuple[float, LevelJoint] | None:
        """The nearest coupling point within reach of (x, y) px, and its distance."""
        best: tuple[float, LevelJoint] | None = None
        for joint in self.joints:
            if joint.spec.kind != "coupling":
                continue
            cx, cy = joint.world_point()
            d = math.hypot(cx - x, cy - y)
            if d <= COUPLE_REACH and (best is None or d < best[0]):
                best = (d, joint)
        return best

    def toggle(self, joint: LevelJoint, student_id: str, events: list[ev.Event]) -> bool:
        """Uncouple a coupled pair, or couple a lined-up pair; returns whether it changed."""
        x, y = joint.world_point()
        if joint.coupled:
            self._detach(joint)
            joint.coupled = False
            events.append(ev.JointChanged(joint.spec.id, "uncoupled", x, y))
        else:
            twist = abs(math.remainder(float(joint.b.angle - joint.a.angle) - joint.rest_angle, 2 * math.pi))
            if joint.gap() > COUPLE_SNAP or twist > COUPLE_ANGLE:
                return False  # too far apart or askew: nothing to latch
            self._attach(joint, snap=True)
            joint.coupled = True
            joint.broken = False
            events.append(ev.JointChanged(joint.spec.id, "coupled", x, y))
        events.append(ev.Sound(x, y, COUPLE_NOISE, "coupling", student_id))
        return True

    def by_id(self, joint_id: str) -> LevelJoint | None:
        """A joint by its level id."""
        return next((j for j in self.joints if j.spec.id == joint_id), None)

    def hash_rows(self) -> np.ndarray:
        """Per joint, in canonical order: coupled, broken, active, strain (N)."""
        return np.array([[float(j.coupled), float(j.broken), float(j.active), j.strain] for j in self.joints],
                        dtype=np.float64).reshape(-1, 4)
