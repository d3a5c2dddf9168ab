"""Rolling props: trolleys on casters and pipes, whose floor friction depends on direction.

A prop type's ``rolling`` says how: ``along`` rolls along its length (body x) and skids
sideways, ``across`` rolls across its length (body y: a pipe on its side) and skids along it,
``any`` rolls every way. Rolling resistance is the ordinary zero-bias floor pivot with a small
force limit (``ROLL_RESIST``); the skid is a zero-bias ``GrooveJoint`` from the static body
whose groove is re-laid through the prop's centre along its rolling axis before every step,
so it removes only the velocity across the groove, up to ``SKID_FRICTION`` x mass, inside the
solver (a student pushing sideways meets the whole force at once, not a tick late).
Python loops here run over the few rolling props, never over zombies.
"""

from __future__ import annotations

import math

import pymunk

ROLL_RESIST = 35.0  # px/s²: casters' rolling resistance; a trolley let go at walking pace rolls ~8 tiles
SKID_FRICTION = 1700.0  # px/s²: skidding across the casters; 35 kg x 1700 = 60 kN, more than two students (27 kN each) can shove
GROOVE_HALF = 4096.0  # px: the groove reaches far past the prop either way (it never clamps at an end)
ROLLING_KINDS = ("along", "across", "any")


class RollingProps:
    """The skid grooves of a level's rolling props, re-laid each tick before the physics step."""

    def __init__(self, space: pymunk.Space) -> None:
        self.space = space
        self._grooves: list[tuple[pymunk.Body, pymunk.GrooveJoint, float]] = []  # body, joint, axis angle (rad, body frame)

    def __len__(self) -> int:
        return len(self._grooves)

    def add(self, body: pymunk.Body, rolling: str) -> None:
        """Give a body (already carrying its low rolling-resistance floor pivot) its skid."""
        if rolling not in ("along", "across"):
            return  # "any" rolls every way: rolling resistance only
        axis = 0.0 if rolling == "along" else math.pi / 2
        groove = pymunk.GrooveJoint(self.space.static_body, body, (0.0, 0.0), (1.0, 0.0), (0.0, 0.0))
        groove.max_bias = 0.0  # remove velocity only, never pull the prop back onto a line
        groove.max_force = body.mass * SKID_FRICTION
        groove.collide_bodies = True
        self.space.add(groove)
        self._grooves.append((body, groove, axis))
        self._lay(body, groove, axis)

    @staticmethod
    def _lay(body: pymunk.Body, groove: pymunk.GrooveJoint, axis: float) -> None:
        x, y = body.position
        a = body.angle + axis
        dx, dy = math.cos(a) * GROOVE_HALF, math.sin(a) * GROOVE_HALF
        groove.groove_a = (x - dx, y - dy)
        groove.groove_b = (x + dx, y + dy)

    def before_step(self) -> None:
        """Lay every groove through its prop along the prop's current rolling axis."""
        for body, groove, axis in self._grooves:
            self._lay(body, groove, axis)
