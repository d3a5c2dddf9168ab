"""Props: movable rigid bodies (desks, lockers, chairs…) and hinged doors.

Prop types are data: rows of ``PropTypeSpec`` from ``hyosan/content/builtin_tables.toml`` plus a
pack's own ``[prop_types.*]``, carried on the ``LevelSpec`` (``spec.prop_type(name)``), in the
manner of DOOM's ``mobjinfo``. A level may override a prop's mass, width, depth and friction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pymunk

from ..content.loader import builtin_tables
from ..content.schema import DoorSpec, PropSpec, PropTypeSpec
from .jit import kernel
from .physics import (
    ALL,
    CAT_DOOR,
    CAT_PROP,
    CAT_WALL,
    CHIPMUNK,
    FLOOR_FRICTION,
    add_floor_friction,
    bb_rows,
    bolt_down,
    shape_bb,
)
from .rolling import ROLL_RESIST
from .units import TILE_PX

PropType = PropTypeSpec  # the sim's name for one row of the prop-type table


# The built-in table, read-only, for callers that have no LevelSpec at hand (tests, tools).
PROP_TYPES: MappingProxyType[str, PropTypeSpec] = MappingProxyType(dict(builtin_tables()[0]))


@dataclass
class Prop:
    """A prop in the world: its spec, its type and its pymunk body."""

    spec: PropSpec
    type: PropType
    body: pymunk.Body
    index: int  # row in the world's BodyTable
    extent: float = field(init=False)  # px: the farthest its shapes reach from its position

    def __post_init__(self) -> None:
        self.extent = shape_extent(self.body)

    @property
    def size(self) -> tuple[float, float]:
        """Width and depth (px) as built: the level's override or the type's."""
        return prop_size(self.spec, self.type)


def prop_size(spec: PropSpec, ptype: PropTypeSpec) -> tuple[float, float]:
    """A prop's width and depth (px): the level's ``width``/``depth`` if it sets them, else its type's."""
    return (spec.width if spec.width is not None else ptype.width,
            spec.depth if spec.depth is not None else ptype.depth)


def prop_footprint(spec: PropSpec, ptype: PropTypeSpec) -> list[tuple[float, float]]:
    """The four corners (px, world, in order round it) of the box ``build_prop`` makes for a prop
    as it is placed: ``prop_size`` centred on its ``at``, turned by its ``angle_deg``."""
    w, d = prop_size(spec, ptype)
    a = math.radians(spec.angle_deg)
    cos, sin = math.cos(a), math.sin(a)
    cx, cy = spec.at[0] * TILE_PX, spec.at[1] * TILE_PX
    return [(cx + fx * w * cos - fy * d * sin, cy + fx * w * sin + fy * d * cos)
            for fx, fy in ((-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5))]


def shape_extent(body: pymunk.Body) -> float:
    """How far (px) any of the body's shapes reaches from the body's position, in any
    direction: a point farther than this plus ``d`` from the position is more than ``d`` from
    every shape (what lets a query skip a prop's exact ``point_query``)."""
    far = 0.0
    for shape in body.shapes:
        if isinstance(shape, pymunk.Poly):
            reach = max(math.hypot(v.x, v.y) for v in shape.get_vertices())
        elif isinstance(shape, pymunk.Circle):
            reach = math.hypot(*shape.offset)
        else:  # a segment
            reach = max(math.hypot(*shape.a), math.hypot(*shape.b))
        far = max(far, reach + shape.radius)
    return far


def build_prop(space: pymunk.Space, spec: PropSpec, ptype: PropTypeSpec | None = None) -> tuple[pymunk.Body, PropType]:
    """Create the body and box shape for a prop, with floor friction (``ptype`` from the level);
    a rolling type gets only rolling resistance here, and its skid from ``RollingProps.add``."""
    if ptype is None:
        ptype = PROP_TYPES[spec.type]
    mass = spec.mass if spec.mass is not None else ptype.mass
    w, d = prop_size(spec, ptype)
    body = pymunk.Body(mass, pymunk.moment_for_box(mass, (w, d)))
    body.position = (spec.at[0] * TILE_PX, spec.at[1] * TILE_PX)
    body.angle = math.radians(spec.angle_deg)
    shape = pymunk.Poly.create_box(body, (w, d), radius=0.5)
    shape.friction = spec.friction if spec.friction is not None else ptype.friction
    shape.elasticity = ptype.elasticity
    shape.filter = pymunk.ShapeFilter(categories=CAT_PROP, mask=ALL)
    space.add(body, shape)
    if spec.anchored:
        bolt_down(space, body)
    elif ptype.rolling == "none":
        add_floor_friction(space, body)
    else:  # on casters or round: little rolling resistance (the skid is rolling.RollingProps')
        add_floor_friction(space, body, ROLL_RESIST, spin_mu_g=FLOOR_FRICTION)
    return body, ptype


DOOR_THICKNESS = 3.0  # px
DOOR_MASS = 8.0  # kg
DOOR_SWING = math.radians(100)  # how far a door opens either way
DOOR_SPRING = 9.0e4  # torque per radian pulling a free door shut (a closer on the frame)


@dataclass
class Door:
    """A hinged door panel; ``hinge`` is the world point (px) it turns around."""

    spec: DoorSpec
    body: pymunk.Body
    hinge: tuple[float, float]
    closed_angle: float
    length: float
    index: int
    limit: pymunk.RotaryLimitJoint
    locked: bool = False
    is_open: bool = False
    broken: bool = False
    pressure: float = 0.0  # smoothed push of the crowd on the door, N (kg·px/s²)
    # pressure / what holds the door (its lock and the props braced on it): it gives past 1.
    # Shown on the door and worded by the ticker; not state (worked out from the pressure).
    strain: float = 0.0
    warned: bool = False  # DoorStraining was said since the strain last fell below STRAIN_REARM
    giving_ticks: int = 0  # ticks in a row the push has beaten the hold: the lock gives at world.GIVE_TICKS
    plate: pymunk.Shape | None = None  # while locked: a static slab in the doorway
    spring: pymunk.DampedRotarySpring | None = None

    def break_open(self, space: pymunk.Space) -> None:
        """The lock and the closer give way: the door swings free for good."""
        self.broken = True
        self.set_locked(False)
        self.limit.min, self.limit.max = self.closed_angle - DOOR_SWING, self.closed_angle + DOOR_SWING
        if self.spring is not None and self.spring in space.constraints:
            space.remove(self.spring)
            self.spring = None

    def set_locked(self, locked: bool) -> None:
        """A locked door cannot swing; an unlocked one swings both ways."""
        self.locked = locked
        space = self.body.space
        # A locked door is as solid as the wall: a static slab fills the doorway, so a packed
        # crowd cannot squeeze past it; the world breaks it when the crowd pushes hard enough.
        if locked and self.plate is None and space is not None:
            c, r = self.spec.tile
            x0, y0 = c * TILE_PX, r * TILE_PX
            # The whole tile: a thinner slab let a packed crowd squeeze its front row through.
            self.plate = pymunk.Poly(space.static_body, [(x0, y0 + 1), (x0 + TILE_PX, y0 + 1),
                                                         (x0 + TILE_PX, y0 + TILE_PX - 1), (x0, y0 + TILE_PX - 1)]) \
                if abs(math.sin(self.closed_angle)) < 0.5 else \
                pymunk.Poly(space.static_body, [(x0 + 1, y0), (x0 + TILE_PX - 1, y0),
                                                (x0 + TILE_PX - 1, y0 + TILE_PX), (x0 + 1, y0 + TILE_PX)])
            self.plate.filter = pymunk.ShapeFilter(categories=CAT_WALL, mask=ALL & ~CAT_DOOR)
            space.add(self.plate)
        elif not locked and self.plate is not None and space is not None:
            space.remove(self.plate)
            self.plate = None
        if locked:
            self.limit.min = self.limit.max = self.closed_angle
        else:
            self.pressure = self.strain = 0.0
            self.warned = False
            self.giving_ticks = 0
            self.limit.min, self.limit.max = self.closed_angle - DOOR_SWING, self.closed_angle + DOOR_SWING


class PropBoxes:
    """Every prop's shapes' bounding boxes now ((shapes, 4): left, bottom, right, top px, prop
    by prop, ``World.props`` order), as chipmunk has them (``shape_bb``), asked afresh at every
    ``now`` into one array kept from call to call: the C getter's struct copied straight into
    its row, not a tuple per shape gathered into lists and made into a new array (the Site's
    waves asked every prop's boxes every tick a zombie arrived). Not kept from one call to the
    next: a body moved by hand (a banded stack carried into place, a toppled tower) has its
    boxes where the last step left them, whatever its pose says. Build it once the props'
    shapes are all made (none is added or removed after)."""

    def __init__(self, props: list[Prop]) -> None:
        self.shapes = [shape for prop in props for shape in prop.body.shapes]
        self.boxes = np.zeros((len(self.shapes), 4))
        self._bbs = bb_rows(self.boxes) if CHIPMUNK is not None and all(hasattr(shape, "_shape")
                                                                       for shape in self.shapes) else None
        self._pointers = [shape._shape for shape in self.shapes] if self._bbs is not None else []

    def now(self) -> np.ndarray:
        """``boxes``, filled afresh (the same array at every call)."""
        if self._bbs is None:  # pragma: no cover - another pymunk build
            for i, shape in enumerate(self.shapes):
                self.boxes[i] = shape_bb(shape)
            return self.boxes
        bbs, get_bb = self._bbs, CHIPMUNK.cpShapeGetBB
        i = 0
        for ptr in self._pointers:
            bbs[i] = get_bb(ptr)
            i += 1
        return self.boxes


# The most doors ``open_bits`` answers for (one bit each in an int64)
OPEN_BITS_MAX = 62


@kernel
def open_bits(angle: np.ndarray, rows: np.ndarray, closed: np.ndarray, open_angle: float) -> int:
    """Which doors stand open, as bits (bit k: door k): its body (``rows[k]``, a row of the
    body table's ``angle``, rad) turned more than ``open_angle`` rad from its ``closed[k]``
    angle (``abs(angle - closed) > open_angle``, the world's test of a door's ``is_open``).
    -1 (no answer) for more than ``OPEN_BITS_MAX`` doors."""
    if rows.size > OPEN_BITS_MAX:
        return -1
    bits = 0
    for k in range(rows.size):
        if abs(angle[rows[k]] - closed[k]) > open_angle:
            bits |= 1 << k
    return bits


def door_geometry(spec: DoorSpec, horizontal: bool) -> tuple[tuple[float, float], float]:
    """Hinge point (px) and closed angle (rad) of a door in its tile."""
    c, r = spec.tile
    x0, y0 = c * TILE_PX, r * TILE_PX
    mid = TILE_PX / 2
    hinge = spec.hinge or ("west" if horizontal else "north")
    if horizontal:  # the doorway runs east-west through a horizontal wall
        return ((x0, y0 + mid), 0.0) if hinge == "west" else ((x0 + TILE_PX, y0 + mid), math.pi)
    return ((x0 + mid, y0), math.pi / 2) if hinge == "north" else ((x0 + mid, y0 + TILE_PX), -math.pi / 2)


def build_door(space: pymunk.Space, spec: DoorSpec, horizontal: bool) -> tuple[pymunk.Body, tuple[float, float], float, pymunk.RotaryLimitJoint, pymunk.DampedRotarySpring]:
    """Create a hinged door: pivot at the hinge, a closer spring, and swing limits."""
    hinge, angle = door_geometry(spec, horizontal)
    length = TILE_PX - 1.0
    body = pymunk.Body(DOOR_MASS, pymunk.moment_for_box(DOOR_MASS, (length, DOOR_THICKNESS)))
    body.angle = angle
    body.position = (hinge[0] + math.cos(angle) * length / 2, hinge[1] + math.sin(angle) * length / 2)
    shape = pymunk.Poly.create_box(body, (length, DOOR_THICKNESS))
    shape.friction = 0.5
    # Doors ignore walls: the panel's end sits in the frame, and the frame is a wall tile.
    shape.filter = pymunk.ShapeFilter(categories=CAT_DOOR, mask=ALL & ~CAT_WALL)
    space.add(body, shape)
    pivot = pymunk.PivotJoint(space.static_body, body, hinge)
    # pymunk's spring rest angle is a.angle - b.angle (static minus door), hence -angle: with
    # +angle every door not hinged west sprang open by itself on the first tick.
    spring = pymunk.DampedRotarySpring(space.static_body, body, -angle, DOOR_SPRING, 6.0e3)
    limit = pymunk.RotaryLimitJoint(space.static_body, body, angle - DOOR_SWING, angle + DOOR_SWING)
    space.add(pivot, spring, limit)
    return body, hinge, angle, limit, spring
