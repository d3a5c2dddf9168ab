"""Line of sight by a batched numpy ray march over the tile grid, and zombie vision."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

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

    All rays are marched at once, sampled every 8 px and padded to the longest ray. The
    tiles holding the two end points never block (a zombie pressed into a wall, a student
    in a doorway), and tiles outside the grid are opaque. With 8 px samples a ray can slip
    past the very corner of a 16 px wall tile; that is accepted.
    """
    opaque = np.asarray(opaque, dtype=bool)
    h, w = opaque.shape
    a = np.asarray(from_px, dtype=np.float64).reshape(-1, 2)
    b = np.asarray(to_px, dtype=np.float64).reshape(-1, 2)
    delta = b - a
    dist = np.hypot(delta[:, 0], delta[:, 1])
    ok = dist <= np.asarray(max_range_px, dtype=np.float64)  # (n,) or one range for all
    idx = (ok & (dist > RAY_STEP_PX)).nonzero()[0]  # shorter rays have no inner sample
    if idx.size == 0:
        return ok
    d = dist[idx]
    k_max = math.ceil(float(d.max()) / RAY_STEP_PX)
    s = np.arange(1, k_max, dtype=np.float64) * RAY_STEP_PX  # px along the ray
    # (k, n) arrays, sample by ray: each ray's numbers broadcast along the outer axis, so numpy's
    # inner loops run over contiguous rays (a per-ray column broadcast costs ~1.6x as much).
    t = np.divide(s[:, None], d)
    np.minimum(t, 1.0, out=t)
    # The samples in tiles, (a + delta * t) / TILE_PX, as a / TILE_PX + (delta / TILE_PX) * t:
    # scaling by a power of two commutes with rounding, so the bits are the same, and the
    # division happens once per ray instead of once per sample.
    # (x and y as contiguous rows: a strided column is copied into a buffer by every ufunc)
    a16 = np.ascontiguousarray(a.take(idx, axis=0).T) * _PER_TILE  # the marched rays, in tiles
    d16 = np.ascontiguousarray(delta.take(idx, axis=0).T) * _PER_TILE
    col = d16[0] * t
    col += a16[0]
    np.floor(col, out=col)
    row = np.multiply(d16[1], t, out=t)
    row += a16[1]
    np.floor(row, out=row)
    # Tiles outside the grid block; inside it (the usual case) one flat gather looks them up.
    # Rounding is monotone, so every sample lies between its ray's a16 and a16 + d16 (t runs
    # over [0, 1]): those per-ray ends bound all the samples, in a few short passes.
    end = a16 + d16
    low = np.minimum(a16, end).min(axis=1)  # (x, y), tiles
    high = np.maximum(a16, end).max(axis=1)
    if low.min() >= 0.0 and high[0] < w and high[1] < h:
        flat = row * w
        flat += col
        hit = opaque.ravel().take(flat.astype(np.intp))
    else:
        ci, ri = col.astype(np.intp), row.astype(np.intp)
        inside = (ci.view(np.uintp) < w) & (ri.view(np.uintp) < h)
        hit = ~inside
        hit[inside] = opaque[ri[inside], ci[inside]]
    # A ray is blocked by an opaque sample short of its end (s < d) outside both end tiles.
    # Opaque samples are few: only they are tested (not every sample of every ray). Tiles
    # are compared as (col, row) pairs of whole-number floats, one complex each.
    where = hit.ravel().nonzero()[0]
    if where.size:
        k, ray = np.divmod(where, hit.shape[1])
        tile = np.empty(where.size, dtype=np.complex128)
        tile.real = col.ravel().take(where)
        tile.imag = row.ravel().take(where)
        ends = np.floor(np.concatenate([a.take(idx, axis=0), b.take(idx, axis=0)], axis=1) * _PER_TILE)
        ends = ends.view(np.complex128)  # (a's tile, b's tile) per ray
        endpoint = (tile == ends[:, 0].take(ray)) | (tile == ends[:, 1].take(ray))
        ok[idx[ray[(s.take(k) < d.take(ray)) & ~endpoint]]] = False
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
) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
    """Per zombie (n,): sees any target?, index of the nearest visible target (-1 if none).

    A target is visible when it is within its light range px (daylight 320, lit 240,
    dark 70; times the zombie's sight_mult), inside the zombie's view cone (cone_deg wide
    around the unit facing; all round while chasing) and in line of sight. Ties in distance
    go to the lower target index.

    ``may_see`` (n, m), optional: False where a wall surely stands between zombie and target
    (their tiles' see-through components do not meet; see ``transparent_components``). Such
    pairs farther apart than ``SURE_BLOCKED_PX`` skip the ray march, which could only say
    "blocked": the result is the same, the work is not.
    """
    zp = np.asarray(zombie_pos, dtype=np.float64).reshape(-1, 2)
    tp = np.asarray(target_pos, dtype=np.float64).reshape(-1, 2)
    n, m = zp.shape[0], tp.shape[0]
    seen = np.zeros(n, dtype=bool)
    which = np.full(n, -1, dtype=np.intp)
    if n == 0 or m == 0:
        return seen, which
    facing = np.asarray(zombie_facing, dtype=np.float64).reshape(-1, 2)
    # (m, n) arrays, target by zombie: numpy's inner loops then run along the zombies, not
    # over a handful of targets (the same numbers as (n, m), at a fraction of the time).
    dx = tp[:, 0, None] - zp[:, 0]  # px
    dy = tp[:, 1, None] - zp[:, 1]
    dist = np.hypot(dx, dy)
    rng = np.empty((m, n))  # px per (target, zombie); filled by assignment, not broadcast_to (5 us a call)
    rng[:] = np.asarray(target_light_range_px, dtype=np.float64).reshape(-1, 1)
    if sight_mult is not None:
        rng *= np.asarray(sight_mult, dtype=np.float64).reshape(-1)
    dot = dx * facing[:, 0] + dy * facing[:, 1]
    in_cone = dot >= math.cos(math.radians(cone_deg / 2.0)) * dist
    in_cone |= np.asarray(chasing, dtype=bool).reshape(-1)
    candidate = (dist <= rng) & in_cone
    if may_see is not None:
        candidate &= np.asarray(may_see).T | (dist <= SURE_BLOCKED_PX)
    pair = candidate.T.ravel().nonzero()[0]  # (n, m) row-major: by zombie, then target
    if pair.size == 0:
        return seen, which
    zi, ti = np.divmod(pair, m)
    at = ti * n + zi  # the pairs in the (m, n) arrays
    vis = line_of_sight(opaque, zp.take(zi, axis=0), tp.take(ti, axis=0), rng.ravel().take(at))
    pair = pair[vis]
    if pair.size == 0:
        return seen, which
    # Per zombie the nearest visible target, the lower index on a tie: the first least
    # distance along its row of an (n, m) table, unseen targets endlessly far.
    near = np.full(n * m, np.inf)
    near[pair] = dist.ravel().take(at[vis])
    seen[zi[vis]] = True
    which[seen] = near.reshape(n, m).argmin(axis=1)[seen]
    return seen, which


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
    sp = np.asarray(student_pos, dtype=np.float64).reshape(-1, 2)
    m = sp.shape[0]
    if m == 0 or len(centres) == 0:
        return np.full(m, np.inf)
    c, s = np.cos(angles), np.sin(angles)  # (p,)
    rel = sp[:, None, :] - np.asarray(centres, dtype=np.float64)[None, :, :]  # (m, p, 2)
    ox = rel[..., 0] * c + rel[..., 1] * s  # ray origins in each prop's frame (m, p)
    oy = -rel[..., 0] * s + rel[..., 1] * c
    dx = _COVER_DIRS[:, 0, None] * c + _COVER_DIRS[:, 1, None] * s  # ray directions in each frame (k, p)
    dy = -_COVER_DIRS[:, 0, None] * s + _COVER_DIRS[:, 1, None] * c
    # 1 / direction, a ray parallel to a side kept finite (its slab is then all or nothing)
    ix = 1.0 / np.where(np.abs(dx) < 1e-12, 1e-12, dx)  # (k, p)
    iy = 1.0 / np.where(np.abs(dy) < 1e-12, 1e-12, dy)
    half = np.asarray(half_sizes, dtype=np.float64) + COVER_GROW_PX  # (p, 2)
    # Each slab is entered and left at (-o -+ half) / d px along the ray: mid -+ spread.
    mid_x = -ox[:, None, :] * ix[None]  # (m, k, p)
    mid_y = -oy[:, None, :] * iy[None]
    spread_x = half[:, 0] * np.abs(ix)  # (k, p)
    spread_y = half[:, 1] * np.abs(iy)
    enter = np.maximum(mid_x - spread_x, mid_y - spread_y)
    leave = np.minimum(mid_x + spread_x, mid_y + spread_y)
    hit = (leave >= np.maximum(enter, 0.0)) & (enter <= COVER_REACH_PX)
    near = np.where(hit, np.maximum(enter, 0.0), np.inf).min(axis=2)  # (m, k) px to the first cover
    walled = np.isfinite(near).all(axis=1)
    return np.where(walled, near.min(axis=1), np.inf)


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
