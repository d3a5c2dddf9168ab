"""Line of sight by a compiled ray march over the tile grid, and zombie vision."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from hyosan.sim.jit import kernel
from hyosan.sim.units import TICK_HZ, TILE_PX

RAY_STEP_PX: float = 8.0  # px between samples along a ray (half a tile)
CONE_DEG: float = 120.0  # degrees, full width of the view cone when not chasing
# px: beyond this a ray has a sample outside both end tiles (two tile diagonals, 2 x 22.6 px,
# plus one sample step), so an unblocked ray joins the two ends' 3x3 neighbourhoods through
# see-through tiles and the component test of ``transparent_components`` is exact.
SURE_BLOCKED_PX: float = 2.0 * math.sqrt(2.0) * TILE_PX + RAY_STEP_PX + 1.0
_PER_TILE: float = 1.0 / TILE_PX  # exact: TILE_PX is a power of two (x * _PER_TILE is x / TILE_PX to the bit)
assert math.frexp(TILE_PX)[0] == 0.5, "line_of_sight's exact scaling needs a power-of-two tile"


def line_of_sight(
    opaque: NDArray[np.bool_],
    from_px: NDArray[np.floating],
    to_px: NDArray[np.floating],
    max_range_px: NDArray[np.floating] | float,
) -> NDArray[np.bool_]:
    """Per ray (n,): target within max_range_px px and no opaque tile in between.

    Each ray is sampled every 8 px. The tiles holding the two end points never block (a
    zombie pressed into a wall, a student in a doorway), and tiles outside the grid are
    opaque. With 8 px samples a ray can slip past the very corner of a 16 px wall tile; that
    is accepted. ``max_range_px``: one range for all rays or one per ray.
    """
    opaque = np.ascontiguousarray(opaque, dtype=bool)
    a = np.ascontiguousarray(from_px, dtype=np.float64).reshape(-1, 2)
    b = np.ascontiguousarray(to_px, dtype=np.float64).reshape(-1, 2)
    rng = np.ascontiguousarray(max_range_px, dtype=np.float64).reshape(-1)
    if opaque.ndim != 2 or b.shape[0] != a.shape[0] or rng.size not in (1, a.shape[0]):
        raise ValueError(f"line_of_sight: {a.shape[0]} rays from, {b.shape[0]} to, {rng.size} ranges, "
                         f"grid {opaque.shape}")
    return _line_of_sight(opaque, a, b, rng)


@kernel
def _clear_ray(opaque: NDArray[np.bool_], ax: float, ay: float, bx: float, by: float, dist: float) -> bool:
    """No opaque sample on the ray a -> b px (``dist`` = its length, > RAY_STEP_PX) short of
    its end, outside both end tiles. The sample s px along is at (a + delta * t) / TILE_PX,
    t = min(s / dist, 1), computed as a / TILE_PX + (delta / TILE_PX) * t: scaling by a power
    of two commutes with rounding (the numpy march's arithmetic, product then sum: the same
    bits). Samples at or past the end never block, so the march stops there."""
    h, w = opaque.shape
    a16x = ax * _PER_TILE  # tiles
    a16y = ay * _PER_TILE
    d16x = (bx - ax) * _PER_TILE
    d16y = (by - ay) * _PER_TILE
    end_ax = np.floor(a16x)  # the end points' tiles
    end_ay = np.floor(a16y)
    end_bx = np.floor(bx * _PER_TILE)
    end_by = np.floor(by * _PER_TILE)
    k = 1
    while True:
        s = k * RAY_STEP_PX  # px along the ray (whole multiples: exact)
        if not s < dist:
            return True
        t = min(s / dist, 1.0)
        col = np.floor(d16x * t + a16x)
        row = np.floor(d16y * t + a16y)
        if not (0.0 <= col < w and 0.0 <= row < h and not opaque[int(row), int(col)]):
            # opaque or off the grid: blocks unless it is one of the end tiles
            if not ((col == end_ax and row == end_ay) or (col == end_bx and row == end_by)):
                return False
        k += 1


@kernel
def _line_of_sight(opaque: NDArray[np.bool_], a: NDArray[np.float64], b: NDArray[np.float64],
                   rng: NDArray[np.float64]) -> NDArray[np.bool_]:
    n = a.shape[0]
    ok = np.empty(n, dtype=np.bool_)
    one = rng.size == 1
    for i in range(n):
        dist = np.hypot(b[i, 0] - a[i, 0], b[i, 1] - a[i, 1])
        see = dist <= (rng[0] if one else rng[i])
        if see and dist > RAY_STEP_PX:  # shorter rays have no inner sample
            if dist == np.inf:  # as the numpy march did (its sample count), not an endless loop
                raise OverflowError("line_of_sight: a ray of infinite length")
            see = _clear_ray(opaque, a[i, 0], a[i, 1], b[i, 0], b[i, 1], dist)
        ok[i] = see
    return ok


def can_see(
    zombie_pos: NDArray[np.floating],
    zombie_facing: NDArray[np.floating],
    chasing: NDArray[np.bool_],
    target_pos: NDArray[np.floating],
    target_light_range_px: NDArray[np.floating],
    opaque: NDArray[np.bool_],
    *,
    sight_mult: NDArray[np.floating] | None = None,
    cone_deg: float = CONE_DEG,
    may_see: NDArray[np.bool_] | None = None,
    view_table: NDArray[np.bool_] | None = None,
) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
    """Per zombie (n,): sees any target?, index of the nearest visible target (-1 if none).

    A target is visible when it is within its light range px (daylight 320, lit 240,
    dark 70; times the zombie's sight_mult), inside the zombie's view cone (cone_deg wide
    around the unit facing; all round while chasing) and in line of sight. Ties in distance
    go to the lower target index.

    ``may_see`` (n, m), optional: False where a wall surely stands between zombie and target
    (their tiles' see-through components do not meet; see ``transparent_components``). Such
    pairs farther apart than ``SURE_BLOCKED_PX`` skip the ray march, which could only say
    "blocked": the result is the same, the work is not. ``view_table`` (h*w, m), instead: the
    same per tile of ``opaque`` (row * w + col), each zombie reading the row of the tile it
    stands on (points off the grid: its nearest edge tile, NaN and infinities tile 0, as
    numpy's floor-and-clamp gives on x86), without gathering an (n, m) copy first.
    """
    zp = np.ascontiguousarray(zombie_pos, dtype=np.float64).reshape(-1, 2)
    tp = np.ascontiguousarray(target_pos, dtype=np.float64).reshape(-1, 2)
    n, m = zp.shape[0], tp.shape[0]
    if n == 0 or m == 0:
        return np.zeros(n, dtype=bool), np.full(n, -1, dtype=np.intp)
    facing = np.ascontiguousarray(zombie_facing, dtype=np.float64).reshape(-1, 2)
    chase = np.ascontiguousarray(chasing, dtype=bool).reshape(-1)
    light = np.ascontiguousarray(target_light_range_px, dtype=np.float64).reshape(-1)
    mult = _ONE if sight_mult is None else np.ascontiguousarray(sight_mult, dtype=np.float64).reshape(-1)
    if view_table is not None:
        view = np.ascontiguousarray(view_table, dtype=bool).reshape(-1, m)
        if view.shape[0] != opaque.size:
            raise ValueError(f"can_see: a view table of {view.shape[0]} tiles for a grid of {opaque.size}")
    else:
        view = _ALL_VIEW if may_see is None else np.ascontiguousarray(may_see, dtype=bool).reshape(n, m)
    if facing.shape[0] != n or chase.size != n or light.size not in (1, m) or mult.size not in (1, n):
        raise ValueError(f"can_see: {n} zombies, {facing.shape[0]} facings, {chase.size} chasing, "
                         f"{m} targets, {light.size} light ranges, {mult.size} sight multipliers")
    seen, which = np.empty(n, dtype=bool), np.empty(n, dtype=np.intp)
    _can_see(zp, facing, chase, tp, light, mult, sight_mult is not None, math.cos(math.radians(cone_deg / 2.0)),
             np.ascontiguousarray(opaque, dtype=bool), view, 2 if view_table is not None else int(may_see is not None),
             seen, which)
    return seen, which


_ONE = np.ones(1)  # can_see's stand-ins for an absent sight_mult and may_see
_ALL_VIEW = np.ones((1, 1), dtype=bool)
_COS_HALF_CONE = math.cos(math.radians(CONE_DEG / 2.0))  # can_see's default cone, as it works it out


def can_see_by_tiles(zombie_pos: NDArray[np.float64], zombie_facing: NDArray[np.float64],
                     chasing: NDArray[np.bool_], target_pos: NDArray[np.float64],
                     target_light_range_px: NDArray[np.float64], opaque: NDArray[np.bool_],
                     sight_mult: NDArray[np.float64], view_table: NDArray[np.bool_],
                     ) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
    """``can_see(..., sight_mult=sight_mult, view_table=view_table)`` (the default cone) for a
    caller whose arrays are already what it would make of them: C-contiguous float64 (n, 2)
    zombie positions and facings, (n,) bool chasing and float64 sight multipliers, (m, 2)
    targets and (m,) light ranges, the bool grid and its (h*w, m) view table. The same
    answer without its conversions and checks (~4 us a call: the horde looks 20 times a
    second)."""
    if zombie_pos.shape[0] == 0 or target_pos.shape[0] == 0:
        return np.zeros(zombie_pos.shape[0], dtype=bool), np.full(zombie_pos.shape[0], -1, dtype=np.intp)
    n = zombie_pos.shape[0]
    seen, which = np.empty(n, dtype=bool), np.empty(n, dtype=np.intp)  # (a kernel's returned arrays cost ~1 us each)
    _can_see(zombie_pos, zombie_facing, chasing, target_pos, target_light_range_px, sight_mult, True,
             _COS_HALF_CONE, opaque, view_table, 2, seen, which)
    return seen, which


# ``_surely_farther``'s margins: see ``horde.kernels._surely_above``, which it repeats (numba's
# cache checks a kernel against its own file only, so a kernel calls kernels of its own module).
_SURE_ABOVE = 1.0 + 1e-9
_SURE_LEAST = 1e-100


@kernel
def _surely_farther(dx: float, dy: float, bound: float) -> bool:
    """Whether ``np.hypot(dx, dy) > bound`` is sure from the squares alone (False: ask hypot,
    ~20 ns, five times the squares): more than 1e-9 (relative) past the squared bound, which
    no rounding bridges; never for NaN, infinities or bounds of _SURE_LEAST px or less."""
    return bound > _SURE_LEAST and dx * dx + dy * dy > bound * bound * _SURE_ABOVE


@kernel
def _can_see(zp: NDArray[np.float64], facing: NDArray[np.float64], chasing: NDArray[np.bool_],
             tp: NDArray[np.float64], light: NDArray[np.float64], mult: NDArray[np.float64],
             has_mult: bool, cos_half: float, opaque: NDArray[np.bool_], may_see: NDArray[np.bool_],
             view_by: int, seen: NDArray[np.bool_], which: NDArray[np.intp]) -> None:
    """can_see per (zombie, target) pair, with the numpy version's arithmetic: offset
    target - zombie, np.hypot distance, range light x mult, cone test dx * fx + dy * fy >=
    cos(half cone) x distance. The nearest visible target is the first least distance in
    target order (np.argmin over a row with unseen targets endlessly far). ``view_by``: 0 no
    ``may_see``, 1 a row per zombie, 2 a row per tile of ``opaque``. The rays are marched
    nearest target first (ties: lower index first), and the first clear one is the answer:
    the same one, without marching the rays that could not have changed it. Writes into
    ``seen`` and ``which`` ((n,) each, their old contents unread)."""
    n, m = zp.shape[0], tp.shape[0]
    h, w = opaque.shape
    seen[:] = False
    which[:] = -1
    one_light = light.size == 1
    one_mult = mult.size == 1
    near_d = np.empty(m)  # a zombie's targets in range, cone and view: px, and their indices
    near_t = np.empty(m, dtype=np.intp)
    for z in range(n):
        zx, zy = zp[z, 0], zp[z, 1]
        view_row = z if view_by == 1 else (_tile_flat_at(zx, zy, h, w) if view_by == 2 else 0)
        k = 0
        for t in range(m):
            dx = tp[t, 0] - zx  # px
            dy = tp[t, 1] - zy
            rng = light[0] if one_light else light[t]
            if has_mult:
                rng = rng * (mult[0] if one_mult else mult[z])
            # A target surely out of range, or walled off and surely past SURE_BLOCKED_PX, is
            # skipped as the tests below would skip it, without its hypot (most pairs).
            if _surely_farther(dx, dy, rng):
                continue
            if view_by and not may_see[view_row, t] and _surely_farther(dx, dy, SURE_BLOCKED_PX):
                continue
            dist = np.hypot(dx, dy)
            if not dist <= rng:
                continue
            if not chasing[z] and not dx * facing[z, 0] + dy * facing[z, 1] >= cos_half * dist:
                continue
            if view_by and not may_see[view_row, t] and not dist <= SURE_BLOCKED_PX:
                continue
            near_d[k] = dist
            near_t[k] = t
            k += 1
        while k:
            j = 0  # the nearest left (strictly nearer: the first of equals, the lower index)
            for i in range(1, k):
                if near_d[i] < near_d[j]:
                    j = i
            t = near_t[j]
            dist = near_d[j]
            if not dist > RAY_STEP_PX or _clear_ray(opaque, zx, zy, tp[t, 0], tp[t, 1], dist):
                seen[z] = True
                which[z] = t
                break
            for i in range(j, k - 1):  # (blocked: out of the list, the others kept in order)
                near_d[i] = near_d[i + 1]
                near_t[i] = near_t[i + 1]
            k -= 1


_TWO_63 = 2.0 ** 63  # where a double stops fitting int64


@kernel
def _tile_flat_at(x: float, y: float, h: int, w: int) -> int:
    """row * w + col of the tile under (x, y) px, as ``np.floor(p / TILE_PX).astype(int64)``
    clamped into (h, w) gives it: a NaN, an infinity or a value past int64's range converts to
    int64's least value on x86, which the clamp takes to 0."""
    col = np.floor(x * _PER_TILE)
    row = np.floor(y * _PER_TILE)
    c = min(max(int(col), 0), w - 1) if -_TWO_63 <= col < _TWO_63 else 0
    r = min(max(int(row), 0), h - 1) if -_TWO_63 <= row < _TWO_63 else 0
    return r * w + c


COVER_RAYS: int = 32  # directions tested around a student, 11.25 degrees apart
COVER_REACH_PX: float = 320.0  # px: cover farther than daylight sight hides nothing
COVER_GROW_PX: float = 1.5  # px: each cover prop grown by this all round, so that no ray slips
# through the hairline gaps left between coupled trolleys (a 36 px end trolley between 40 px rows)
_COVER_DIRS = np.stack([np.cos(np.arange(COVER_RAYS) * (2.0 * math.pi / COVER_RAYS)),
                        np.sin(np.arange(COVER_RAYS) * (2.0 * math.pi / COVER_RAYS))], axis=1)  # (k, 2) unit


def cover_ranges(
    student_pos: NDArray[np.floating],
    centres: NDArray[np.floating],
    angles: NDArray[np.floating],
    half_sizes: NDArray[np.floating],
) -> NDArray[np.float64]:
    """Per student (m,): px from which a zombie can still see it past cover (props whose type
    has ``cover``, e.g. a box of trolleys): inf unless the student is walled in.

    A student is walled in when every one of ``COVER_RAYS`` rays cast from it meets a cover
    prop within ``COVER_REACH_PX``; then only a zombie nearer than the nearest cover (one that
    got inside with it) can see it. One open side, or one gap wider than a ray's spacing, and
    the student is seen as usual (walls do not count: a room is not a hiding place). Rays
    against each prop's rectangle (centre px (p, 2), angle rad (p,), half width and depth px
    (p, 2)) by the slab test in the prop's own frame.
    """
    sp = np.ascontiguousarray(student_pos, dtype=np.float64).reshape(-1, 2)
    m = sp.shape[0]
    if m == 0 or len(centres) == 0:
        return np.full(m, np.inf)
    angles = np.asarray(angles, dtype=np.float64).reshape(-1)
    centres = np.ascontiguousarray(centres, dtype=np.float64).reshape(-1, 2)
    half_sizes = np.ascontiguousarray(half_sizes, dtype=np.float64).reshape(-1, 2)
    if angles.size != centres.shape[0] or half_sizes.shape[0] != centres.shape[0]:
        raise ValueError(f"cover_ranges: {centres.shape[0]} centres, {angles.size} angles, {half_sizes.shape[0]} sizes")
    return cover_ranges_of(sp, centres, angles, half_sizes)


def cover_ranges_of(
    student_pos: NDArray[np.float64],
    centres: NDArray[np.float64],
    angles: NDArray[np.float64],
    half_sizes: NDArray[np.float64],
) -> NDArray[np.float64]:
    """``cover_ranges`` of arrays already as it makes them: float64 and C-contiguous, (m, 2) px,
    (p, 2) px, (p,) rad and (p, 2) px, p > 0. The world asks on every decision tick with
    such arrays; the conversions and checks cost ~2 us a call."""
    # cos and sin by numpy (its own implementations), the rest compiled
    return _cover_ranges(student_pos, centres, np.cos(angles), np.sin(angles), half_sizes)


@kernel
def _max_of(a: float, b: float) -> float:
    """np.maximum of two floats: NaN if either is, else the larger (b on a tie)."""
    if a != a:
        return a
    if b != b:
        return b
    return a if a > b else b


@kernel
def _min_of(a: float, b: float) -> float:
    """np.minimum of two floats: NaN if either is, else the smaller (b on a tie)."""
    if a != a:
        return a
    if b != b:
        return b
    return a if a < b else b


@kernel
def _cover_ranges(sp: NDArray[np.float64], centres: NDArray[np.float64], c: NDArray[np.float64],
                  s: NDArray[np.float64], half: NDArray[np.float64]) -> NDArray[np.float64]:
    """cover_ranges per (student, ray, prop), with the numpy version's arithmetic: the ray
    origin and direction rotated into the prop's frame (x c + y s, -x s + y c), 1 / direction
    kept off zero, slabs entered at max(mid - spread) and left at min(mid + spread), the
    first cover max(enter, 0) px along when hit. A ray's nearest cover is never -0.0 or NaN
    (max(enter, 0.0) gives +0.0 on a tie, a NaN is no hit), so the minima need no order; the
    first ray that meets no cover settles its student (not walled in: inf)."""
    m, p, k = sp.shape[0], centres.shape[0], _COVER_DIRS.shape[0]
    ix = np.empty((k, p))  # 1 / ray direction in each prop's frame
    iy = np.empty((k, p))
    spread_x = np.empty((k, p))  # the slabs' half widths along the ray (the same for every student)
    spread_y = np.empty((k, p))
    for r in range(k):
        for j in range(p):
            dx = _COVER_DIRS[r, 0] * c[j] + _COVER_DIRS[r, 1] * s[j]
            dy = -_COVER_DIRS[r, 0] * s[j] + _COVER_DIRS[r, 1] * c[j]
            ix[r, j] = 1.0 / (1e-12 if abs(dx) < 1e-12 else dx)
            iy[r, j] = 1.0 / (1e-12 if abs(dy) < 1e-12 else dy)
            spread_x[r, j] = (half[j, 0] + COVER_GROW_PX) * abs(ix[r, j])
            spread_y[r, j] = (half[j, 1] + COVER_GROW_PX) * abs(iy[r, j])
    out = np.empty(m)
    ox = np.empty(p)  # the student in each prop's frame, px
    oy = np.empty(p)
    for i in range(m):
        for j in range(p):
            rx = sp[i, 0] - centres[j, 0]
            ry = sp[i, 1] - centres[j, 1]
            ox[j] = rx * c[j] + ry * s[j]
            oy[j] = -rx * s[j] + ry * c[j]
        least = np.inf
        for r in range(k):
            near = np.inf  # px to the first cover along ray r
            for j in range(p):
                mid_x = -ox[j] * ix[r, j]
                mid_y = -oy[j] * iy[r, j]
                enter = _max_of(mid_x - spread_x[r, j], mid_y - spread_y[r, j])
                if not enter <= COVER_REACH_PX:  # past reach (or NaN): no hit, whatever it leaves at
                    continue
                leave = _min_of(mid_x + spread_x[r, j], mid_y + spread_y[r, j])
                ahead = _max_of(enter, 0.0)
                if leave >= ahead:
                    near = min(near, ahead)
            if near == np.inf:  # an open side: not walled in, whatever the other rays meet
                least = np.inf
                break
            least = min(least, near)
        out[i] = least
    return out


def round_robin_slice(n: int, tick: int, hz: int = 20, tick_hz: int = TICK_HZ) -> NDArray[np.intp]:
    """Row indices to process this tick so each of n rows is visited ~hz times per second."""
    period = max(1, round(tick_hz / hz))  # ticks between two visits of one row
    return np.arange(tick % period, n, period, dtype=np.intp)


def transparent_components(opaque: NDArray[np.bool_]) -> NDArray[np.int64]:
    """Per tile (h, w): a label shared by tiles joined by an 8-connected path of see-through
    tiles, -1 on opaque tiles. What ``line_of_sight`` can see past always lies inside one
    component (its 8 px samples step to the same or an 8-adjacent tile), so two points whose
    3x3 tile neighbourhoods share no label cannot see each other (short rays excepted: the
    end tiles never block). Min-label propagation with pointer jumping; run once per grid
    version (a few ms on a campaign map)."""
    opaque = np.asarray(opaque, dtype=bool)
    h, w = opaque.shape
    clear = ~opaque
    big = h * w
    lab = np.where(clear, np.arange(big).reshape(h, w), big)
    pad = np.full((h + 2, w + 2), big, dtype=np.int64)
    while True:
        pad[1:-1, 1:-1] = lab
        low = lab.copy()
        for dr in (0, 1, 2):
            for dc in (0, 1, 2):
                np.minimum(low, pad[dr:dr + h, dc:dc + w], out=low)
        low = np.where(clear, low, big)
        flat = np.append(low.ravel(), big)
        low = flat[low]  # pointer jumping: follow each label to the label it points at
        if np.array_equal(low, lab):
            break
        lab = low
    return np.where(clear, lab, -1)


def neighbourhood_labels(labels: NDArray[np.int64]) -> NDArray[np.int64]:
    """(h, w, 9): the component labels of the 3x3 tiles around each tile (-1 outside/opaque)."""
    h, w = labels.shape
    pad = np.full((h + 2, w + 2), -1, dtype=np.int64)
    pad[1:-1, 1:-1] = labels
    return np.stack([pad[dr:dr + h, dc:dc + w] for dr in (0, 1, 2) for dc in (0, 1, 2)], axis=2)
