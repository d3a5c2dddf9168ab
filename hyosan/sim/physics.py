"""The pymunk side of the world: the space, collision filters, top-down friction, and the
one place that touches the experimental ``pymunk.batch`` API (``BodyTable``).

Units: px, px/s, kg, seconds. The space has no gravity: it is a floor seen from above, so
friction against the floor is modelled per body with zero-bias joints to a static anchor
(pymunk ``examples/tank.py``): the joint removes velocity up to ``max_force`` each step.
"""

from __future__ import annotations

import numpy as np
import pymunk
import pymunk.batch as _batch

# Collision categories (bit masks) for ShapeFilter.
CAT_WALL = 1 << 0
CAT_STUDENT = 1 << 1
CAT_ZOMBIE = 1 << 2
CAT_PROP = 1 << 3
CAT_DOOR = 1 << 4
ALL = 0xFFFFFFFF

# Shapes in the same non-zero group never collide: zombie–zombie contacts stay out of pymunk
# (the horde's numpy separation handles crowding, ~3x cheaper at 3000 zombies).
ZOMBIE_GROUP = 1

FLOOR_FRICTION = 420.0  # px/s² of deceleration the floor applies to a sliding prop (μ·g)
SPIN_FRICTION = 0.35  # angular friction relative to linear, per unit of moment arm


def make_space() -> pymunk.Space:
    """A fresh top-down space: no gravity, no global damping (friction is per body)."""
    space = pymunk.Space()
    space.gravity = (0.0, 0.0)
    space.iterations = 12
    space.damping = 1.0
    return space


def add_floor_friction(space: pymunk.Space, body: pymunk.Body, mu_g: float = FLOOR_FRICTION) -> None:
    """Top-down friction: a pivot and a gear to the static body, zero bias, force-limited."""
    pivot = pymunk.PivotJoint(space.static_body, body, (0, 0), (0, 0))
    pivot.max_bias = 0.0  # never correct position, only remove velocity
    pivot.max_force = body.mass * mu_g
    gear = pymunk.GearJoint(space.static_body, body, 0.0, 1.0)
    gear.max_bias = 0.0
    gear.max_force = body.mass * mu_g * SPIN_FRICTION * max(8.0, (body.moment / body.mass) ** 0.5)
    space.add(pivot, gear)


def add_wall_box(space: pymunk.Space, x0: float, y0: float, x1: float, y1: float) -> pymunk.Shape:
    """A static axis-aligned box (px) on the space's static body."""
    shape = pymunk.Poly(space.static_body, [(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
    shape.friction = 0.4
    shape.elasticity = 0.0
    shape.filter = pymunk.ShapeFilter(categories=CAT_WALL, mask=ALL)
    space.add(shape)
    return shape


class BodyTable:
    """Bulk state of every dynamic body, read once per tick through ``pymunk.batch``.

    Bodies are registered with a canonical index (creation order, itself sorted by id). The
    batch API returns rows in the space's internal order, which changes when bodies are added
    or removed, so every read also fetches BODY_ID and maps rows back to canonical indices.
    ``pos``, ``angle``, ``vel`` and ``angvel`` are numpy arrays in canonical order.
    """

    _FIELDS = (
        _batch.BodyFields.BODY_ID
        | _batch.BodyFields.POSITION
        | _batch.BodyFields.ANGLE
        | _batch.BodyFields.VELOCITY
        | _batch.BodyFields.ANGULAR_VELOCITY
    )
    _FLOATS_PER_BODY = 6  # x, y, angle, vx, vy, angular velocity (batch order)

    def __init__(self, space: pymunk.Space) -> None:
        self.space = space
        self._index_of_id: dict[int, int] = {}
        self._bodies: list[pymunk.Body] = []
        self._buffer = _batch.Buffer()
        self._row_ids = np.zeros(0, dtype=np.uintp)
        self._row_to_index = np.zeros(0, dtype=np.int64)
        self.pos = np.zeros((0, 2))
        self.angle = np.zeros(0)
        self.vel = np.zeros((0, 2))
        self.angvel = np.zeros(0)

    def register(self, body: pymunk.Body) -> int:
        """Give a body (already in the space) the next canonical index."""
        index = len(self._bodies)
        self._index_of_id[body.id] = index
        self._bodies.append(body)
        return index

    def __len__(self) -> int:
        return len(self._bodies)

    def read(self) -> None:
        """One batch read of every body; fills the canonical arrays."""
        self._buffer.clear()
        _batch.get_space_bodies(self.space, self._FIELDS, self._buffer)
        ids = np.frombuffer(self._buffer.int_buf(), dtype=np.uintp)
        rows = np.frombuffer(self._buffer.float_buf(), dtype=np.float64).reshape(-1, self._FLOATS_PER_BODY)
        if ids.shape != self._row_ids.shape or not np.array_equal(ids, self._row_ids):
            # Rows were reordered (a body was added or removed): rebuild the mapping.
            self._row_ids = ids.copy()
            self._row_to_index = np.array([self._index_of_id.get(int(i), -1) for i in ids], dtype=np.int64)
        n = len(self._bodies)
        keep = self._row_to_index >= 0
        order = self._row_to_index[keep]
        picked = rows[keep]
        self.pos = np.zeros((n, 2))
        self.angle = np.zeros(n)
        self.vel = np.zeros((n, 2))
        self.angvel = np.zeros(n)
        self.pos[order] = picked[:, 0:2]
        self.angle[order] = picked[:, 2]
        self.vel[order] = picked[:, 3:5]
        self.angvel[order] = picked[:, 5]
