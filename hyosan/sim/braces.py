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

import math
import weakref

import numpy as np
import pymunk

from .jit import kernel
from .physics import least_distance, point_distance, shape_bb
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


# Shape -> its corners in its body's frame (px): fixed for a prop's shapes, and asked for each
# pair of shapes near a door whenever the props there move (a crowd jostles them every tick).
_LOCAL_CORNERS: weakref.WeakKeyDictionary[pymunk.Shape, tuple[tuple[float, float], ...]] = weakref.WeakKeyDictionary()


def _local_corners(a: pymunk.Shape) -> tuple[tuple[float, float], ...]:
    corners = _LOCAL_CORNERS.get(a)
    if corners is None:
        if isinstance(a, pymunk.Circle):
            corners = (tuple(a.offset),)
        elif isinstance(a, pymunk.Segment):
            corners = (tuple(a.a), tuple(a.b))
        else:
            corners = tuple((v.x, v.y) for v in a.get_vertices())
        _LOCAL_CORNERS[a] = corners
    return corners


def _corners_gap(a: pymunk.Shape, b: pymunk.Shape) -> float:
    """The least distance (px) from ``a``'s corners to ``b``, less ``a``'s rounding."""
    return least_distance(a.body, _local_corners(a), b) - a.radius


def bracing(cx: float, cy: float, candidates: list[tuple[int, list[pymunk.Shape]]]) -> list[int]:
    """Of ``candidates`` ((index, shapes) of the props on the door's side of the walls), the
    indices of those bracing the door whose tile's centre is (cx, cy) px: within
    ``BRACE_REACH_PX`` of it, and touching the doorway or a prop that braces it (in the order
    found: the doorway's own first, then outwards)."""
    return bracing_slack(cx, cy, candidates)[0]


def _least(slack: float, value: float) -> float:
    """``min(slack, value)``, but a NaN ``value`` wins (so a NaN never passes for room to spare)."""
    return value if not value >= slack else slack


def _touches_frontier(shapes: list[pymunk.Shape], boxes: list, frontier: list, touch: float,
                      slack: float) -> tuple[bool, float]:
    """Whether a shape of ``shapes`` (bounding ``boxes``) touches one of the frontier's, within
    ``touch`` px, and ``slack`` lowered by the margin of every test made: the pairs in
    ``bracing``'s order, stopping at the first that touches, as ``any`` did. A pair whose
    bounding boxes ((left, bottom, right, top), ``shape_bb``) lie more than ``touch`` apart
    along x or y is apart without ``shape_gap``: the cheap test that spares most pairs while a
    crowd jostles the props by a door every tick (its four edges in turn, up to the first that
    holds, each lowering the slack)."""
    for a, pa in zip(shapes, boxes):
        for f, fb in frontier:
            for b, pb in zip(f, fb):
                apart = False
                for v in (pa[0] - pb[2], pb[0] - pa[2], pa[1] - pb[3], pb[1] - pa[3]):
                    slack = _least(slack, abs(v - touch))
                    if v > touch:
                        apart = True
                        break
                if apart:
                    continue
                gap = shape_gap(a, b)
                slack = _least(slack, abs(gap - touch))
                if gap <= touch:
                    return True, slack
    return False, slack


def bracing_slack(cx: float, cy: float, candidates: list[tuple[int, list[pymunk.Shape]]]) -> tuple[list[int], float]:
    """``bracing``'s answer, and its slack (px): the least margin by which any distance or box
    edge it compared against a threshold missed that threshold. Each of those values moves by
    at most the sum of the two props' own motion (a point of a prop's shapes moves by no more
    than its centre's step plus its turn times its reach), so while every prop has moved less
    than half the slack every comparison comes out as before, in the same order: the same
    answer, bit for bit (``World._brace_of`` reuses it then: a crowd leaning on a barricade
    jiggles its desks by 1e-17 rad a tick, and the answer was worked out again each time)."""
    slack = math.inf
    within = []  # (index, shapes, their bounding boxes), nearest distance to the centre
    for k, shapes in candidates:
        d = min(point_distance(sh, cx, cy) for sh in shapes)
        slack = _least(slack, abs(d - BRACE_REACH_PX))
        if d <= BRACE_REACH_PX:
            within.append((k, shapes, [shape_bb(sh) for sh in shapes], d))
    out = []
    for k, _, _, d in within:
        slack = _least(slack, abs(d - DOORWAY_PX))
        if d <= DOORWAY_PX:
            out.append(k)
    found = set(out)
    frontier = [(shapes, boxes) for k, shapes, boxes, _ in within if k in found]
    touch = BRACE_TOUCH_PX
    while frontier:
        reached = []
        for k, shapes, boxes, _ in within:
            if k in found:
                continue
            hit, slack = _touches_frontier(shapes, boxes, frontier, touch, slack)
            if hit:
                found.add(k)
                out.append(k)
                reached.append((shapes, boxes))
        frontier = reached
    return out, slack


@kernel
def near_props(pos: np.ndarray, angle: np.ndarray, prop_rows: np.ndarray, cx: float, cy: float, far: float,
               sides: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The props round a door, in one compiled pass (``World._brace_of`` asks it whenever they
    moved; its Python loops and numpy calls cost ~20-30 us a door as a train rolls past): of
    the props at body rows ``prop_rows`` (``pos`` and ``angle``: the body table's), those whose
    centre lies no more than ``far`` px from (cx, cy) px along x and y (indices into the props,
    intp), their centres ((m, 2) px) and angles (rad), and per near prop its tile slack (px
    from its centre to its tile's nearest edge, the margin of the floor division that puts it
    on a tile) and whether that tile is one of ``sides`` (rows, cols bool: the door's side of
    the walls). The same tests, divisions and first-least ``min`` as the Python they replace."""
    n = prop_rows.size
    picked = np.empty(n, dtype=np.intp)
    m = 0
    for k in range(n):
        r = prop_rows[k]
        if not (abs(pos[r, 0] - cx) > far or abs(pos[r, 1] - cy) > far):
            picked[m] = k
            m += 1
    near = picked[:m].copy()
    near_pos = np.empty((m, 2))
    near_angle = np.empty(m)
    tile_slack = np.empty(m)
    on_side = np.zeros(m, dtype=np.bool_)
    rows, cols = sides.shape
    for j in range(m):
        r = prop_rows[near[j]]
        x, y = pos[r, 0], pos[r, 1]
        near_pos[j, 0] = x
        near_pos[j, 1] = y
        near_angle[j] = angle[r]
        col, row = int(x // TILE_PX), int(y // TILE_PX)
        fx, fy = x - col * TILE_PX, y - row * TILE_PX  # px into its tile
        least = fx  # (min's pick: the first, unless a later one is strictly less)
        if TILE_PX - fx < least:
            least = TILE_PX - fx
        if fy < least:
            least = fy
        if TILE_PX - fy < least:
            least = TILE_PX - fy
        tile_slack[j] = least
        on_side[j] = 0 <= row < rows and 0 <= col < cols and sides[row, col]
    return near, near_pos, near_angle, tile_slack, on_side
