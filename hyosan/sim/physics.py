"""The pymunk side of the world: the space, collision filters, top-down friction, the one
place that touches the experimental ``pymunk.batch`` API (``BodyTable``), and the one that
calls chipmunk's C functions behind a few pymunk properties and queries (the hot loops'
getters, setters and point queries, without pymunk's per-call Python objects).

Units: px, px/s, kg, seconds. The space has no gravity: it is a floor seen from above, so
friction against the floor is modelled per body with zero-bias joints to a static anchor
(pymunk ``examples/tank.py``): the joint removes velocity up to ``max_force`` each step.
"""

from __future__ import annotations

import numpy as np
import pymunk
import pymunk.batch as _batch

from .jit import kernel

try:  # the C setters behind Body.position / Body.velocity, without the per-call Python wrapper
    from pymunk._chipmunk import ffi as _cp_ffi
    from pymunk._chipmunk import lib as _cp_lib
except ImportError:  # pragma: no cover - another pymunk build
    _cp_ffi = _cp_lib = None
CHIPMUNK = _cp_lib  # chipmunk's C functions (None on another build), for a hot loop that calls them itself
# A cpVect (0, 0) for the C setters; the pointer that owns its memory is kept alive with it.
_ZERO_VECT_OWNER = _cp_ffi.new("cpVect *") if _cp_ffi is not None else None
_ZERO_VECT = _ZERO_VECT_OWNER[0] if _ZERO_VECT_OWNER is not None else (0.0, 0.0)

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


def add_floor_friction(space: pymunk.Space, body: pymunk.Body, mu_g: float = FLOOR_FRICTION,
                       spin_mu_g: float | None = None) -> tuple[pymunk.PivotJoint, pymunk.GearJoint]:
    """Top-down friction: a pivot and a gear to the static body, zero bias, force-limited.
    ``spin_mu_g`` (px/s², default ``mu_g``) sets the turning friction apart from the sliding
    one (a trolley rolls easily but its casters still resist spinning)."""
    pivot = pymunk.PivotJoint(space.static_body, body, (0, 0), (0, 0))
    pivot.max_bias = 0.0  # never correct position, only remove velocity
    pivot.max_force = body.mass * mu_g
    gear = pymunk.GearJoint(space.static_body, body, 0.0, 1.0)
    gear.max_bias = 0.0
    spin = mu_g if spin_mu_g is None else spin_mu_g
    gear.max_force = body.mass * spin * SPIN_FRICTION * max(8.0, (body.moment / body.mass) ** 0.5)
    space.add(pivot, gear)
    return pivot, gear


def bolt_down(space: pymunk.Space, body: pymunk.Body) -> None:
    """Fix a body where it stands (an ``anchored`` prop): a pin and a gear to the static body
    with no force limit and the usual error correction, so no push, tow or crowd moves or turns
    it, and it stays a body in the table (walls would not show its sprite or its reach)."""
    pivot = pymunk.PivotJoint(space.static_body, body, tuple(body.position))
    gear = pymunk.GearJoint(space.static_body, body, -body.angle, 1.0)
    space.add(pivot, gear)


def remove_floor_friction(space: pymunk.Space, body: pymunk.Body) -> None:
    """Lift a body off the floor (a load hanging from a crane): its floor-friction joints go."""
    for c in list(body.constraints):
        if c.a is space.static_body and isinstance(c, (pymunk.PivotJoint, pymunk.GearJoint)) and c.max_bias == 0.0:
            space.remove(c)


def add_wall_box(space: pymunk.Space, x0: float, y0: float, x1: float, y1: float) -> pymunk.Shape:
    """A static axis-aligned box (px) on the space's static body."""
    shape = pymunk.Poly(space.static_body, [(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
    shape.friction = 0.4
    shape.elasticity = 0.0
    shape.filter = pymunk.ShapeFilter(categories=CAT_WALL, mask=ALL)
    space.add(shape)
    return shape


def vects(array: np.ndarray):
    """A ``cpVect[]`` over the memory of ``array`` (float64, C-contiguous: two doubles a
    vector, row after row), or None on another pymunk build. Its items pass to chipmunk's
    setters as they are, the doubles the array holds at the call: a tuple of Python floats
    is converted at every call, most of a setter's cost. Keep the array alive with it."""
    if _cp_ffi is None:  # pragma: no cover - another pymunk build
        return None
    assert array.dtype == np.float64 and array.flags.c_contiguous
    return _cp_ffi.from_buffer("cpVect[]", array)


def bb_rows(array: np.ndarray):
    """A ``cpBB[]`` over the memory of ``array`` ((k, 4) float64, C-contiguous: a bounding box
    a row, left, bottom, right, top, as chipmunk lays a cpBB out), or None on another pymunk
    build: a box the C getter returns is copied into a row as it is (``bbs[i] = ...``), without
    a tuple of Python floats. Keep the array alive with it."""
    if _cp_ffi is None:  # pragma: no cover - another pymunk build
        return None
    assert array.dtype == np.float64 and array.flags.c_contiguous and array.shape[1:] == (4,)
    assert [name for name, _ in _cp_ffi.typeof("cpBB").fields] == ["l", "b", "r", "t"]
    return _cp_ffi.from_buffer("cpBB[]", array)


def teleport(bodies: list[pymunk.Body], positions: np.ndarray) -> None:
    """Put each body at a position (px) and stop it: the same as setting ``body.position`` and
    ``body.velocity = (0, 0)``, through the C setters directly (this runs for every zombie
    a packed crowd pops into a wall, dozens a tick)."""
    if _cp_lib is None or not bodies or not hasattr(bodies[0], "_body"):
        for body, (x, y) in zip(bodies, positions.tolist(), strict=True):
            body.position = (x, y)
            body.velocity = (0.0, 0.0)
        return
    set_pos, set_vel = _cp_lib.cpBodySetPosition, _cp_lib.cpBodySetVelocity
    zero = _ZERO_VECT  # (a cpVect passes as it is: a tuple is converted at every call, ~40% of the loop)
    # (and so do the positions, as cpVects over the array's own memory when it is laid out so)
    at = vects(positions) if positions.dtype == np.float64 and positions.flags.c_contiguous else positions.tolist()
    for body, xy in zip(bodies, at, strict=True):
        ptr = body._body
        set_pos(ptr, xy)
        set_vel(ptr, zero)


# The C getters and setters behind a few pymunk properties, without the Python wrapper: the
# same doubles, at a third of the cost (the trolleys' casters, grooves and couplings touch a
# dozen bodies a tick). Each falls back to the property on another pymunk build.
if _cp_lib is not None:
    _get_pos, _get_angle, _get_rot = _cp_lib.cpBodyGetPosition, _cp_lib.cpBodyGetAngle, _cp_lib.cpBodyGetRotation
    _get_vel, _set_groove_a, _set_groove_b = _cp_lib.cpBodyGetVelocity, _cp_lib.cpGrooveJointSetGrooveA, _cp_lib.cpGrooveJointSetGrooveB
    _set_max_force, _set_vel = _cp_lib.cpConstraintSetMaxForce, _cp_lib.cpBodySetVelocity

    def pose(body: pymunk.Body) -> tuple[float, float, float]:
        """``(x, y, angle)`` of a body (px, rad)."""
        ptr = body._body
        p = _get_pos(ptr)
        return p.x, p.y, _get_angle(ptr)

    def position(body: pymunk.Body) -> tuple[float, float]:
        """``(x, y)``: a body's position (px)."""
        p = _get_pos(body._body)
        return p.x, p.y

    def position_rotation(body: pymunk.Body) -> tuple[float, float, float, float]:
        """``(x, y, cos, sin)``: a body's position (px) and rotation vector."""
        ptr = body._body
        p, r = _get_pos(ptr), _get_rot(ptr)
        return p.x, p.y, r.x, r.y

    def velocity(body: pymunk.Body) -> tuple[float, float]:
        """A body's velocity (px/s)."""
        v = _get_vel(body._body)
        return v.x, v.y

    def set_groove(joint: pymunk.GrooveJoint, a: tuple[float, float], b: tuple[float, float]) -> None:
        """``joint.groove_a = a; joint.groove_b = b``."""
        ptr = joint._constraint
        _set_groove_a(ptr, a)
        _set_groove_b(ptr, b)

    def set_max_force(joint: pymunk.Constraint, force: float) -> None:
        """``joint.max_force = force``."""
        _set_max_force(joint._constraint, force)

    def set_velocity(body: pymunk.Body, vx: float, vy: float) -> None:
        """``body.velocity = (vx, vy)``."""
        _set_vel(body._body, (vx, vy))

    _point_query, _no_info = _cp_lib.cpShapePointQuery, _cp_ffi.NULL

    def point_distance(shape: pymunk.Shape, x: float, y: float) -> float:
        """``shape.point_query((x, y)).distance`` (px, negative inside): chipmunk returns it
        without the query's info, which pymunk allocates and wraps (~10x the cost)."""
        return _point_query(shape._shape, (x, y), _no_info)

    # Shape.point_query(p).point, Shape.bb and Body.local_to_world without pymunk's per-call
    # wrappers (a fresh info struct, Vec2d and BB objects): the queries over a door's braces
    # and the trolleys ahead of a student run them dozens of times a tick.
    _query_info = _cp_ffi.new("cpPointQueryInfo *")  # reused: the sim is single-threaded
    _get_bb, _local_to_world = _cp_lib.cpShapeGetBB, _cp_lib.cpBodyLocalToWorld

    def distance_and_nearest(shape: pymunk.Shape, x: float, y: float) -> tuple[float, float, float]:
        """``shape.point_query((x, y))``'s distance and nearest point (px, px, px): the
        distance is ``point_distance``'s (chipmunk works it out the same with or without the
        info it fills), and the point comes with it, not from a second query."""
        d = _point_query(shape._shape, (x, y), _query_info)
        p = _query_info.point
        return d, p.x, p.y

    def shape_bb(shape: pymunk.Shape) -> tuple[float, float, float, float]:
        """``shape.bb`` as (left, bottom, right, top) px."""
        bb = _get_bb(shape._shape)
        return bb.l, bb.b, bb.r, bb.t

    def local_to_world(body: pymunk.Body, x: float, y: float) -> tuple[float, float]:
        """``body.local_to_world((x, y))`` (px)."""
        p = _local_to_world(body._body, (x, y))
        return p.x, p.y

    def least_distance(body: pymunk.Body, corners: tuple[tuple[float, float], ...], shape: pymunk.Shape) -> float:
        """The least ``shape.point_query(body.local_to_world(c)).distance`` (px) over ``corners``
        (not empty; the first of equals, as ``min``): the world point goes from one C call
        straight into the next, never through Python floats."""
        ptr, target = body._body, shape._shape
        least = None
        for c in corners:
            d = _point_query(target, _local_to_world(ptr, c), _no_info)
            if least is None or d < least:
                least = d
        return least
else:  # pragma: no cover - another pymunk build
    def pose(body: pymunk.Body) -> tuple[float, float, float]:
        """``(x, y, angle)`` of a body (px, rad)."""
        x, y = body.position
        return x, y, body.angle

    def position(body: pymunk.Body) -> tuple[float, float]:
        """``(x, y)``: a body's position (px)."""
        x, y = body.position
        return x, y

    def position_rotation(body: pymunk.Body) -> tuple[float, float, float, float]:
        """``(x, y, cos, sin)``: a body's position (px) and rotation vector."""
        (x, y), (c, s) = body.position, body.rotation_vector
        return x, y, c, s

    def velocity(body: pymunk.Body) -> tuple[float, float]:
        """A body's velocity (px/s)."""
        vx, vy = body.velocity
        return vx, vy

    def set_groove(joint: pymunk.GrooveJoint, a: tuple[float, float], b: tuple[float, float]) -> None:
        """``joint.groove_a = a; joint.groove_b = b``."""
        joint.groove_a, joint.groove_b = a, b

    def set_max_force(joint: pymunk.Constraint, force: float) -> None:
        """``joint.max_force = force``."""
        joint.max_force = force

    def set_velocity(body: pymunk.Body, vx: float, vy: float) -> None:
        """``body.velocity = (vx, vy)``."""
        body.velocity = (vx, vy)

    def point_distance(shape: pymunk.Shape, x: float, y: float) -> float:
        """``shape.point_query((x, y)).distance`` (px, negative inside)."""
        return shape.point_query((x, y)).distance

    def distance_and_nearest(shape: pymunk.Shape, x: float, y: float) -> tuple[float, float, float]:
        """``shape.point_query((x, y))``'s distance and nearest point (px, px, px)."""
        info = shape.point_query((x, y))
        return info.distance, info.point.x, info.point.y

    def shape_bb(shape: pymunk.Shape) -> tuple[float, float, float, float]:
        """``shape.bb`` as (left, bottom, right, top) px."""
        bb = shape.bb
        return bb.left, bb.bottom, bb.right, bb.top

    def local_to_world(body: pymunk.Body, x: float, y: float) -> tuple[float, float]:
        """``body.local_to_world((x, y))`` (px)."""
        p = body.local_to_world((x, y))
        return p.x, p.y

    def least_distance(body: pymunk.Body, corners: tuple[tuple[float, float], ...], shape: pymunk.Shape) -> float:
        """The least ``shape.point_query(body.local_to_world(c)).distance`` (px) over ``corners``."""
        return min(shape.point_query(body.local_to_world(c)).distance for c in corners)


@kernel
def _same_ids(ids: np.ndarray, known: np.ndarray) -> bool:
    """Whether two id arrays are equal (same length, same ids row by row)."""
    if ids.size != known.size:
        return False
    for i in range(ids.size):
        if ids[i] != known[i]:
            return False
    return True


@kernel
def _map_rows(ids: np.ndarray, order: np.ndarray, ordered: np.ndarray, steered_ids: np.ndarray, rows: np.ndarray,
              index_to_row: np.ndarray, steered_rows: np.ndarray) -> int:
    """``BodyTable._remap``'s arrays from the batch rows' ``ids``, the registered ids sorted
    (``ordered``) and their canonical indices (``order``, the argsort), as its searchsorted,
    nonzero and scatter made them (-1 where an id is not found), written in place (a kernel
    that returned them as new arrays cost ~5 us more a call): ``rows`` (3, >= len(ids)) gets
    row_to_index, known_rows and known_index in its rows, ``index_to_row`` (one per registered
    id) and ``steered_rows`` (one per steered id) are filled. Returns how many rows are known
    (the length of known_rows and known_index)."""
    n, count = ids.size, ordered.size
    row_to_index, known_rows, known_index = rows[0], rows[1], rows[2]
    index_to_row[:] = -1
    known = 0
    for i in range(n):
        v = ids[i]
        lo, hi = 0, count
        while lo < hi:  # searchsorted, side left
            mid = (lo + hi) // 2
            if ordered[mid] < v:
                lo = mid + 1
            else:
                hi = mid
        if lo < count and ordered[lo] == v:
            k = order[lo]
            row_to_index[i] = k
            known_rows[known] = i
            known_index[known] = k
            index_to_row[k] = i
            known += 1
        else:
            row_to_index[i] = -1
    for s in range(steered_ids.size):
        steered_rows[s] = -1
        for i in range(n):
            if ids[i] == steered_ids[s]:
                steered_rows[s] = i
                break
    return known


@kernel
def _scatter_read(rows: np.ndarray, known_rows: np.ndarray, known_index: np.ndarray, pos: np.ndarray,
                  angle: np.ndarray, vel: np.ndarray, angvel: np.ndarray, row_vel: np.ndarray) -> None:
    """``BodyTable.read``'s copies: each batch row's (x, y, angle, vx, vy, angular velocity)
    into the canonical arrays at its index, and every row's velocity into ``row_vel``."""
    for i in range(rows.shape[0]):
        row_vel[i, 0] = rows[i, 3]
        row_vel[i, 1] = rows[i, 4]
    for j in range(known_rows.size):
        r, k = known_rows[j], known_index[j]
        pos[k, 0] = rows[r, 0]
        pos[k, 1] = rows[r, 1]
        angle[k] = rows[r, 2]
        vel[k, 0] = rows[r, 3]
        vel[k, 1] = rows[r, 4]
        angvel[k] = rows[r, 5]


@kernel
def _scatter_write(write_rows: np.ndarray, target_rows: np.ndarray, velocities: np.ndarray, ok: np.ndarray) -> None:
    """``write_rows[target_rows] = velocities`` (rows of (vx, vy)), only the rows of
    ``velocities`` where ``ok`` holds when ``ok`` is not empty (``BodyTable.write_velocities``)."""
    j = 0
    for i in range(velocities.shape[0]):
        if ok.size and not ok[i]:
            continue
        r = target_rows[j]
        write_rows[r, 0] = velocities[i, 0]
        write_rows[r, 1] = velocities[i, 1]
        j += 1


@kernel
def _read_same_rows(ids: np.ndarray, known_ids: np.ndarray, rows: np.ndarray, known_rows: np.ndarray,
                    known_index: np.ndarray, pos: np.ndarray, angle: np.ndarray, vel: np.ndarray,
                    angvel: np.ndarray, row_vel: np.ndarray) -> bool:
    """``BodyTable.read``'s usual tick in one compiled pass (one dispatch, not two): when the
    batch rows' ``ids`` are ``known_ids`` (``_same_ids``), ``_scatter_read``'s copies, and
    True; else nothing is written, and False (the rows moved: the caller maps them again)."""
    if not _same_ids(ids, known_ids):
        return False
    _scatter_read(rows, known_rows, known_index, pos, angle, vel, angvel, row_vel)
    return True


_ALL_OK = np.zeros(0, dtype=np.bool_)  # _scatter_write's ``ok`` when every row is written


class _BatchCall:
    """``pymunk.batch.get_space_bodies`` (or ``set_space_bodies``) of one space, fields and
    buffer, its C call's argument struct and iterator made once instead of at every call (what
    those functions do, less a fresh ``pmBatchedData`` and two lookups per call, twice a tick)."""

    def __init__(self, space: pymunk.Space, fields: _batch.BodyFields, buffer: _batch.Buffer, write: bool) -> None:
        self.space, self.fields, self.buffer, self.write = space, fields, buffer, write
        self._fast = _cp_lib is not None and hasattr(buffer, "_float_arr") and hasattr(space, "_space")
        if self._fast:
            data = self._data = _cp_ffi.new("pmBatchedData *")
            data.fields = fields.value
            data.floatArray = buffer._float_arr
            data.intArray = buffer._int_arr
            name = "pmSpaceBodySetIteratorFuncBatched" if write else "pmSpaceBodyGetIteratorFuncBatched"
            self._iterator = _cp_ffi.addressof(_cp_lib, name)
            self._each = _cp_lib.cpSpaceEachBody

    def __call__(self) -> None:
        if not self._fast:  # pragma: no cover - another pymunk build
            (_batch.set_space_bodies if self.write else _batch.get_space_bodies)(self.space, self.fields, self.buffer)
        elif self.write:  # (from the array's start, as set_space_bodies does)
            floats = self.buffer._float_arr
            num = floats.num
            floats.num = 0
            self._each(self.space._space, self._iterator, self._data)
            floats.num = num
        else:
            self._each(self.space._space, self._iterator, self._data)


class BodyTable:
    """Bulk state of every body, read and written once per tick through ``pymunk.batch``.

    Bodies are registered with a canonical index (creation order, itself sorted by id). The
    batch API returns rows in the space's internal order, which changes when bodies are added
    or removed, so every read also fetches BODY_ID and maps rows back to canonical indices.
    ``pos``, ``angle``, ``vel`` and ``angvel`` are numpy arrays in canonical order; a body that
    is not in the space keeps its last values.
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
        self._ids: list[int] = []  # pymunk id per canonical index
        # (len(_ids) when sorted, argsort of _ids, _ids in that order): what _remap looks rows up in
        self._sorted_ids: tuple[int, np.ndarray, np.ndarray] = (-1, np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.uintp))
        self._buffer = _batch.Buffer()
        self._write_buffer = _batch.Buffer()
        self._get_rows = _BatchCall(space, self._FIELDS, self._buffer, write=False)
        self._get_ids_velocities = _BatchCall(space, _batch.BodyFields.BODY_ID | _batch.BodyFields.VELOCITY,
                                              self._buffer, write=False)
        self._set_velocities = _BatchCall(space, _batch.BodyFields.VELOCITY, self._write_buffer, write=True)
        # read's numpy views of _buffer's arrays (ids, rows), and the (pointer, length) of each
        # they were made for: kept while the batch refills the same memory to the same length
        self._views: tuple[object, ...] = ()
        self._view_ids = np.zeros(0, dtype=np.uintp)
        self._view_rows = np.zeros((0, self._FLOATS_PER_BODY))
        self._write_rows = np.zeros((0, 2))  # kept alive: pymunk holds only a pointer to it
        self._row_ids = np.zeros(0, dtype=np.uintp)
        self.row_to_index = np.zeros(0, dtype=np.int64)  # canonical index of each batch row (-1: unknown)
        self.pos = np.zeros((0, 2))
        self.angle = np.zeros(0)
        self.vel = np.zeros((0, 2))
        self.angvel = np.zeros(0)
        self._row_vel = np.zeros((0, 2))  # velocities as read, in batch row order (= _write_rows)
        self._known_rows = np.zeros(0, dtype=np.int64)
        self._known_index = np.zeros(0, dtype=np.int64)
        self._all_known = True
        self._index_to_row = np.zeros(0, dtype=np.int64)
        # what _remap's kernel writes row_to_index, _known_rows and _known_index into (rows 0-2),
        # and _index_to_row: _remap's arrays are views of them
        self._map_buffer = np.empty((3, 0), dtype=np.int64)
        self._index_to_row_buffer = np.zeros(0, dtype=np.int64)
        self._lookup_size = -1
        # Whether the arrays ``read`` copies into fit the rows of ``_row_ids`` (the canonical
        # arrays as long as the registered ids, ``_write_rows`` and ``_row_vel`` one row per
        # batch row, the maps made from those ids): set by a full ``read``, cleared by whatever
        # changes one of them (``register``, ``steer``, ``_remap``). While it holds, a read whose
        # rows are those ids only copies (``_read_same_rows``).
        self._read_ready = False
        self._steered: list[pymunk.Body] = []  # bodies whose velocity the sim sets directly
        self._steered_ids = np.zeros(0, dtype=np.uintp)  # their pymunk ids
        self._steered_rows = np.zeros(0, dtype=np.int64)
        # the steered bodies in the space, each with its batch row
        self._steered_live: list[tuple[pymunk.Body, int]] = []
        self._rows_stale = False  # bodies were added or removed since the last read
        # write_velocities' last (indices, _index_to_row, target rows, in-space mask or None):
        # the horde writes the same read-only index array tick after tick (see there)
        self._targets: tuple[np.ndarray | None, np.ndarray | None, np.ndarray, np.ndarray | None] = \
            (None, None, np.zeros(0, dtype=np.int64), None)
        self._buffer_rows: np.ndarray | None = None  # the array _write_buffer points at
        # _write_rows, and a view of it write_velocities puts the steered rows through: chipmunk's
        # vectors over its memory (``vects``), else a flat memoryview
        self._flat_of: np.ndarray | None = None
        self._flat = memoryview(np.zeros(0))

    def register(self, body: pymunk.Body) -> int:
        """Give a body the next canonical index."""
        self._ids.append(body.id)
        self._read_ready = False
        return len(self._ids) - 1

    def steer(self, body: pymunk.Body) -> None:
        """Mark a body whose velocity the simulation sets through pymunk itself (a student's
        kinematic control body): the batch write carries its velocity as it is at write time,
        not the one read after the last step. A handful of bodies; read one by one."""
        self._steered.append(body)
        self._steered_ids = np.array([b.id for b in self._steered], dtype=np.uintp)
        self._lookup_size = -1  # recompute rows on the next read
        self._read_ready = False

    def __len__(self) -> int:
        return len(self._ids)

    def rows_changed(self) -> None:
        """Say that bodies were added to or removed from the space since the last ``read``:
        the batch rows moved, so the next write first re-reads the row order."""
        self._rows_stale = True

    def _refresh_rows(self) -> None:
        """Re-read the row order and the current velocities (for the rows the write keeps)."""
        self._buffer.clear()
        self._get_ids_velocities()
        ids = np.frombuffer(self._buffer.int_buf(), dtype=np.uintp)
        vel = np.frombuffer(self._buffer.float_buf(), dtype=np.float64).reshape(-1, 2)
        self._remap(ids)
        if self._write_rows.shape != (ids.shape[0], 2):
            self._write_rows = np.zeros((ids.shape[0], 2))
        self._write_rows[:] = vel
        self._row_vel = self._write_rows
        self._rows_stale = False

    def _remap(self, ids: np.ndarray) -> None:
        """Map batch rows to canonical indices (vectorised: sorted ids + searchsorted).

        Only runs when the row order changed (a body was added or removed): everything the
        per-tick read and write need from the mapping is derived here once."""
        self._row_ids = ids.copy()
        self._read_ready = False
        if self._sorted_ids[0] != len(self._ids):  # registered ids only ever grow: sorted again only then
            known = np.asarray(self._ids, dtype=np.uintp)
            order = np.argsort(known, kind="stable")
            self._sorted_ids = (len(self._ids), order, known[order])
        _, order, ordered = self._sorted_ids
        # (one compiled pass: a searchsorted, a nonzero, a scatter and a search per steered body,
        # into arrays kept from remap to remap and grown when they must be)
        n = ids.size
        if self._map_buffer.shape[1] < n:
            self._map_buffer = np.empty((3, max(n, 2 * self._map_buffer.shape[1])), dtype=np.int64)
        if self._index_to_row_buffer.size != len(self._ids):
            self._index_to_row_buffer = np.empty(len(self._ids), dtype=np.int64)
        if self._steered_rows.size != self._steered_ids.size:
            self._steered_rows = np.empty(self._steered_ids.size, dtype=np.int64)
        buffer = self._map_buffer
        known = _map_rows(ids, order, ordered, self._steered_ids, buffer, self._index_to_row_buffer, self._steered_rows)
        self.row_to_index = buffer[0, :n]
        self._known_rows, self._known_index = buffer[1, :known], buffer[2, :known]
        # (a new view at every remap: write_velocities knows its rows are stale by that)
        self._index_to_row = self._index_to_row_buffer[:]  # -1: not in the space
        self._all_known = self._known_rows.size == self.row_to_index.size
        self._lookup_size = len(self._ids)
        self._steered_live = [(b, row) for b, row in zip(self._steered, self._steered_rows.tolist(), strict=True)
                              if row >= 0]

    def read(self) -> None:
        """One batch read of every body; fills the canonical arrays."""
        self._buffer.clear()
        self._get_rows()
        ids, rows = self._read_views()
        # (most ticks: the rows of the last read, in its order; checked and copied in one pass)
        if self._read_ready and _read_same_rows(ids, self._row_ids, rows, self._known_rows, self._known_index,
                                                self.pos, self.angle, self.vel, self.angvel, self._row_vel):
            self._rows_stale = False
            return
        n = len(self._ids)
        # (bytes equality: a memcmp, ~10x cheaper than np.array_equal's elementwise pass)
        if self._lookup_size != n or not _same_ids(ids, self._row_ids):
            self._remap(ids)  # rows were reordered: a body was added or removed
        if self.pos.shape[0] != n:
            grow = n - self.pos.shape[0]
            self.pos = np.concatenate([self.pos, np.zeros((grow, 2))])
            self.angle = np.concatenate([self.angle, np.zeros(grow)])
            self.vel = np.concatenate([self.vel, np.zeros((grow, 2))])
            self.angvel = np.concatenate([self.angvel, np.zeros(grow)])
        if self._write_rows.shape != (rows.shape[0], 2):
            self._write_rows = np.zeros((rows.shape[0], 2))  # reused every tick
        self._row_vel = self._write_rows
        _scatter_read(rows, self._known_rows, self._known_index, self.pos, self.angle, self.vel, self.angvel,
                      self._row_vel)
        self._rows_stale = False
        self._read_ready = True

    def _read_views(self) -> tuple[np.ndarray, np.ndarray]:
        """(ids, rows): numpy views of what ``read``'s batch call just filled ``_buffer`` with,
        made again only when its arrays moved (grown) or changed length."""
        buffer = self._buffer
        if not hasattr(buffer, "_float_arr"):  # pragma: no cover - another pymunk build
            return (np.frombuffer(buffer.int_buf(), dtype=np.uintp),
                    np.frombuffer(buffer.float_buf(), dtype=np.float64).reshape(-1, self._FLOATS_PER_BODY))
        floats, ints = buffer._float_arr, buffer._int_arr
        at = (floats.arr, floats.num, ints.arr, ints.num)  # (C pointers compare by address)
        if at == self._views:
            return self._view_ids, self._view_rows
        self._view_ids = np.frombuffer(buffer.int_buf(), dtype=np.uintp)
        self._view_rows = np.frombuffer(buffer.float_buf(), dtype=np.float64).reshape(-1, self._FLOATS_PER_BODY)
        self._views = at
        return self._view_ids, self._view_rows

    def write_velocities(self, indices: np.ndarray, velocities: np.ndarray) -> None:
        """One batch write: bodies at canonical ``indices`` get ``velocities`` (px/s), steered
        bodies their current velocity, every other body the velocity just read. Call after
        ``read`` in the same tick (or after ``rows_changed``)."""
        if self._rows_stale:
            self._refresh_rows()
        # The rows of ``indices`` are worked out again only when the row order changed (a new
        # ``_index_to_row``) or the indices are another array; a writable one may have been
        # changed in place, so it is never taken as the same.
        targets = self._targets
        if targets[0] is not indices or targets[1] is not self._index_to_row or indices.flags.writeable:
            target_rows = self._index_to_row[indices]
            ok = None
            if target_rows.size and target_rows.min() < 0:  # some bodies are not in the space
                ok = target_rows >= 0
                target_rows = target_rows[ok]
            targets = self._targets = (indices, self._index_to_row, target_rows, ok)
        _scatter_write(self._write_rows, targets[2], velocities, _ALL_OK if targets[3] is None else targets[3])
        if self._steered_live:  # (the C getter: Body.velocity's doubles, put in place one by one)
            if self._flat_of is not self._write_rows:
                self._flat_of = self._write_rows
                self._flat = vects(self._write_rows) if _cp_lib is not None else memoryview(self._write_rows.reshape(-1))
            flat = self._flat
            if _cp_lib is not None:  # (the cpVect it returns copied into the row as it is)
                get_vel = _get_vel
                for body, row in self._steered_live:
                    flat[row] = get_vel(body._body)
            else:  # pragma: no cover - another pymunk build
                for body, row in self._steered_live:
                    flat[2 * row], flat[2 * row + 1] = velocity(body)
        # pymunk keeps only a pointer to this array: it stays alive as ``_write_rows`` (and is
        # handed over again only when it is a new one).
        if self._buffer_rows is not self._write_rows:
            self._write_buffer.set_float_buf(self._write_rows.reshape(-1))
            self._buffer_rows = self._write_rows
        self._set_velocities()
