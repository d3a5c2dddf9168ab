"""Toppling: a standing scaffold tower (a prop with ``falls_onto``) is held up by its joints
(a tie to the floor with a ``break_force``). When the last of them lets go (a student grabs it
and drags until the tie snaps, or a crowd shoves it over) the tower comes down across its
``falls_onto`` rectangle:

* the tiles there become wreckage: wall tiles, with static boxes in the physics, so bodies stop
  at them, and the horde's walk costs, sight and hearing grids are rebuilt (its flow fields
  route round the wreck, or find no way at all through a cut stair);
* zombies standing there are crushed (a big blow, the halfbie too); students there are pushed
  out by the new walls' contacts (a tower is pulled from its foot, outside the rectangle);
* the tower lies along the rectangle (drawn there; it no longer collides: the walls do);
* the crash is loud (``TOPPLE_NOISE``): the horde hears it.

Python loops run over the level's few towers and the wreck's tiles, never over zombies.
"""

from __future__ import annotations

import math

import numpy as np
import pymunk

from . import events as ev
from .physics import add_wall_box
from .tilemap import SOLID_KINDS, WALL
from .units import TILE_PX

TOPPLE_NOISE = 600.0  # px: scaffold tubes and boards crashing down (louder than a door giving way)


class Towers:
    """The level's standing towers; ``after_joints`` brings down the ones nothing holds up."""

    def __init__(self, props) -> None:
        self.standing = [p for p in props if p.spec.falls_onto is not None]
        self.fallen: list[str] = []  # prop ids, in the order they fell

    def __len__(self) -> int:
        return len(self.standing) + len(self.fallen)

    def after_joints(self, world, events: list[ev.Event]) -> int:
        """After the joints' step: topple every standing tower whose last joint let go this
        tick. Returns how many fell."""
        if not self.standing or not any(isinstance(e, ev.JointChanged) and e.state in ("broken", "uncoupled")
                                        for e in events):
            return 0
        fell = 0
        for prop in list(self.standing):
            held = any(j.active and (j.a is prop.body or j.b is prop.body) for j in world.joints.joints)
            if held:
                continue
            self.standing.remove(prop)
            self.fallen.append(prop.spec.id)
            topple(world, prop, events)
            fell += 1
        return fell


def wreck_mask(shape: tuple[int, int], rect: tuple[float, float, float, float]) -> np.ndarray:
    """(rows, cols) bool: the whole tiles a rectangle (tiles) covers, clipped to the map."""
    x0, y0, x1, y1 = rect
    c0, c1 = max(int(math.floor(x0)), 0), min(int(math.ceil(x1)), shape[1])
    r0, r1 = max(int(math.floor(y0)), 0), min(int(math.ceil(y1)), shape[0])
    mask = np.zeros(shape, dtype=bool)
    mask[r0:r1, c0:c1] = True
    return mask


def topple(world, prop, events: list[ev.Event]) -> None:
    """Bring ``prop`` down across its ``falls_onto`` rectangle (see the module docstring)."""
    tilemap = world.tilemap
    mask = wreck_mask(tilemap.kind.shape, prop.spec.falls_onto) & ~np.isin(tilemap.kind, SOLID_KINDS)
    horde = world.horde
    crushed = horde.rows_on(mask)
    dead = horde.hurt(crushed, 1.0e9, big_blow=True)
    zpos = world.bodies.pos[horde.body_index[horde.slot_all[dead]]] if dead.size else np.zeros((0, 2))
    for row, p in zip(dead.tolist(), zpos.tolist(), strict=True):
        events.append(ev.Struck(float(p[0]), float(p[1]), horde.breeds.ids[int(horde.breed_all[row])], prop.spec.id))
    # The wreck: wall tiles and one static box per run of them in a row.
    tilemap.kind[mask] = WALL
    for r in np.nonzero(mask.any(axis=1))[0].tolist():
        cols = np.nonzero(mask[r])[0].tolist()
        start = prev = cols[0]
        for c in [*cols[1:], None]:
            if c is not None and c == prev + 1:
                prev = c
                continue
            add_wall_box(world.space, start * TILE_PX, r * TILE_PX, (prev + 1) * TILE_PX, (r + 1) * TILE_PX)
            if c is not None:
                start = prev = c
    # The tower lies along the rectangle; the walls do its blocking from now on. Whoever was
    # dragging it lets go (played by hand, the fallen tower, held by the drag's pivot and no
    # longer colliding, trailed after the lead across the slab instead of lying on the stair).
    for student in world.students:
        if student.grab_joint is not None and student.grab_joint.b is prop.body:
            world._release(student, events)
    x0, y0, x1, y1 = prop.spec.falls_onto
    cx, cy = (x0 + x1) / 2 * TILE_PX, (y0 + y1) / 2 * TILE_PX
    body = prop.body
    for shape in body.shapes:
        shape.filter = pymunk.ShapeFilter(categories=0, mask=0)
    body.position = (cx, cy)
    body.angle = 0.0 if abs(x1 - x0) >= abs(y1 - y0) else math.pi / 2
    body.velocity = (0.0, 0.0)
    body.angular_velocity = 0.0
    world.bodies.pos[prop.index] = (cx, cy)
    # pymunk leaves a body's shapes where they were until the next step: until then its point
    # queries answer for where the tower stood, so its new position does not bound them
    # (World._props_near stops ruling it out, for good: one prop, a few queries).
    world.unbound_prop(prop)
    world._grids_changed()  # walk costs, sight and hearing, the keep-out grid: the wreck is in them
    events.append(ev.Impact(cx, cy, body.mass * 100.0))
    events.append(ev.Sound(cx, cy, TOPPLE_NOISE, "crash", prop.spec.id))
