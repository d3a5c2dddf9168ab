"""Which props brace a locked door: those pushed up against its doorway (the wall across it, or
a post beside it), and those pushed up against a prop that braces it, a stack of desks, out to
``BRACE_REACH_PX`` from its centre.

Before, every prop with a part within that reach counted, touching or not: a playtester saw
the Classroom's front door tagged "x2.0" for a desk left a desk-length short of it, with the
floor showing between. A barricade is what leans on the door, so a gap now breaks the chain:
the prop past the gap, and everything stacked behind it, brace nothing.

Units: px. Python loops here run over the few props near one door, and only when their
poses change (``World._brace_of`` memoises the answer).
"""

from __future__ import annotations

import pymunk

from .physics import point_distance
from .units import TILE_PX

BRACE_REACH_PX = 44.0  # px from a door tile's centre within which every part of a stack counts (2.75 tiles: three desks deep)
BRACE_TOUCH_PX = 3.0  # px of gap that still counts as touching (a pushed desk settles a hair off what it leans on)
# px from a door tile's centre within which a prop leans on the doorway: a tile, so against the
# wall across the doorway (8 px from the centre) or against a post beside it, a few px off.
# (Half a tile and a hair, and the crates a solver pushed up against the Yellow Markers gate's
# posts, 5 px off the wall, braced it on some seeds and not on others.)
DOORWAY_PX = float(TILE_PX)


def shape_gap(a: pymunk.Shape, b: pymunk.Shape) -> float:
    """px of floor between two shapes (negative when they overlap). For convex shapes apart,
    the nearest two points are a corner (or a circle's or segment's end) of one and a point of
    the other, so asking each shape's corners of the other is exact."""
    return min(_corners_gap(a, b), _corners_gap(b, a))


def _boxes_apart(a: pymunk.Shape, b: pymunk.Shape, px: float) -> bool:
    """Their bounding boxes are more than ``px`` apart (so the shapes are too): the cheap test
    that spares ``shape_gap`` most pairs while a crowd jostles the props by a door every tick."""
    p, q = a.bb, b.bb
    return p.left - q.right > px or q.left - p.right > px or p.bottom - q.top > px or q.bottom - p.top > px


def _corners_gap(a: pymunk.Shape, b: pymunk.Shape) -> float:
    """The least distance (px) from ``a``'s corners to ``b``, less ``a``'s rounding."""
    body = a.body
    if isinstance(a, pymunk.Circle):
        points = [body.local_to_world(a.offset)]
    elif isinstance(a, pymunk.Segment):
        points = [body.local_to_world(a.a), body.local_to_world(a.b)]
    else:
        points = [body.local_to_world(v) for v in a.get_vertices()]
    return min(point_distance(b, p.x, p.y) for p in points) - a.radius


def bracing(cx: float, cy: float, candidates: list[tuple[int, list[pymunk.Shape]]]) -> list[int]:
    """Of ``candidates`` ((index, shapes) of the props on the door's side of the walls), the
    indices of those bracing the door whose tile's centre is (cx, cy) px: within
    ``BRACE_REACH_PX`` of it, and touching the doorway or a prop that braces it (in the order
    found: the doorway's own first, then outwards)."""
    within = [(k, shapes) for k, shapes in candidates
              if min(point_distance(sh, cx, cy) for sh in shapes) <= BRACE_REACH_PX]
    out = [k for k, shapes in within
           if min(point_distance(sh, cx, cy) for sh in shapes) <= DOORWAY_PX]
    found = set(out)
    frontier = [shapes for k, shapes in within if k in found]
    while frontier:
        reached = []
        for k, shapes in within:
            if k not in found and any(not _boxes_apart(a, b, BRACE_TOUCH_PX) and shape_gap(a, b) <= BRACE_TOUCH_PX
                                      for a in shapes for f in frontier for b in f):
                found.add(k)
                out.append(k)
                reached.append(shapes)
        frontier = reached
    return out
