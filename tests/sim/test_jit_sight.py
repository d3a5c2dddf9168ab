"""The compiled sight kernels against the numpy they replaced (kept here verbatim as the
reference): the same answers, dtypes and shapes, on random rays and views with the edge cases
(no rays, rays shorter than a sample step, points off the grid, ties, ranges per ray or one)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.typing import NDArray

from hyosan.sim.sight import (
    _COVER_DIRS,
    CONE_DEG,
    COVER_GROW_PX,
    COVER_REACH_PX,
    RAY_STEP_PX,
    SURE_BLOCKED_PX,
    can_see,
    cover_ranges,
    line_of_sight,
)

_PER_TILE = 1.0 / 16.0


def ref_line_of_sight(
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


def ref_can_see(
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
    vis = ref_line_of_sight(opaque, zp.take(zi, axis=0), tp.take(ti, axis=0), rng.ravel().take(at))
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




def ref_cover_ranges(
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


def _grid(rng: np.random.Generator, h: int = 24, w: int = 36) -> np.ndarray:
    opaque = rng.random((h, w)) < rng.uniform(0.0, 0.3)
    opaque[:, w // 3] = True
    opaque[h // 2, :] = True
    opaque[int(rng.integers(0, h)), w // 3] = False
    return opaque


def _points(rng: np.random.Generator, n: int, h: int, w: int) -> np.ndarray:
    """Points on and off the grid, some on tile borders and some exactly on sample steps."""
    p = rng.uniform(-60.0, [w * 16 + 60.0, h * 16 + 60.0], size=(n, 2))
    k = n // 4
    p[:k] = np.round(p[:k] / 8.0) * 8.0  # tile and half-tile borders
    return p


def _check_los(opaque: np.ndarray, a: np.ndarray, b: np.ndarray, r: object) -> None:
    want = ref_line_of_sight(opaque, a, b, r)
    got = line_of_sight(opaque, a, b, r)
    assert got.dtype == want.dtype and got.shape == want.shape
    assert np.array_equal(got, want)


@pytest.mark.parametrize("seed", range(20))
def test_line_of_sight_matches_the_numpy_march(seed: int) -> None:
    rng = np.random.default_rng(seed)
    opaque = _grid(rng)
    h, w = opaque.shape
    n = 500
    a = _points(rng, n, h, w)
    b = _points(rng, n, h, w)
    near = rng.random(n) < 0.3  # short rays: within a step, on a step, a few steps
    b[near] = a[near] + rng.uniform(-20.0, 20.0, size=(int(near.sum()), 2))
    b[:5] = a[:5]  # zero length
    b[5:10] = a[5:10] + [[RAY_STEP_PX, 0.0]]  # exactly one step
    b[10:15] = a[10:15] + [[0.0, 2 * RAY_STEP_PX]]
    for r in (1000.0, 320.0, rng.uniform(0.0, 400.0, n), np.array([70.0]), np.inf):
        _check_los(opaque, a, b, r)
    _check_los(opaque, a[:0], b[:0], 320.0)  # no rays
    _check_los(opaque, a[:0], b[:0], np.zeros(0))
    _check_los(opaque, a[0], b[0], 1000.0)  # one ray as a bare (2,) point
    inside = (a >= 0).all(axis=1) & (a[:, 0] < w * 16) & (a[:, 1] < h * 16)  # the numpy fast path
    inside &= (b >= 0).all(axis=1) & (b[:, 0] < w * 16) & (b[:, 1] < h * 16)
    _check_los(opaque, a[inside], b[inside], 1000.0)


def test_line_of_sight_with_nan_inf_and_all_opaque() -> None:
    opaque = np.ones((8, 8), dtype=bool)
    a = np.array([[20.0, 20.0], [np.nan, 3.0], [20.0, 20.0], [5.0, 5.0], [-1e6, 20.0], [20.0, 20.0]])
    b = np.array([[100.0, 100.0], [30.0, 30.0], [np.inf, 20.0], [5.0, 60.0], [1e6, 20.0], [36.0, 20.0]])
    for r in (1e7, 300.0):
        _check_los(opaque, a, b, r)
        _check_los(~opaque, a, b, r)
    for grid in (opaque, ~opaque):  # an infinite ray in an infinite range: no answer, from either
        with pytest.raises(OverflowError):
            ref_line_of_sight(grid, a, b, np.inf)
        with pytest.raises(OverflowError):
            line_of_sight(grid, a, b, np.inf)


def _view_args(rng: np.random.Generator, n: int, m: int) -> tuple:
    opaque = _grid(rng)
    h, w = opaque.shape
    zp = _points(rng, n, h, w)
    tp = _points(rng, m, h, w)
    if m > 1:
        tp[1] = tp[0]  # a tie
        zp[: n // 5] = tp[rng.integers(0, m, n // 5)] + rng.uniform(-30, 30, size=(n // 5, 2))
    angle = rng.uniform(0, 2 * np.pi, n)
    facing = np.stack([np.cos(angle), np.sin(angle)], axis=1)
    chasing = rng.random(n) < 0.3
    light = rng.choice([320.0, 240.0, 70.0], size=m)
    mult = rng.choice([0.8, 1.0, 1.3], size=n)
    may_see = rng.random((n, m)) < 0.7
    return zp, facing, chasing, tp, light, opaque, mult, may_see


def _check_view(*args: object, **kw: object) -> None:
    want = ref_can_see(*args, **kw)
    got = can_see(*args, **kw)
    for g, r in zip(got, want, strict=True):
        assert g.dtype == r.dtype and g.shape == r.shape
        assert np.array_equal(g, r)


@pytest.mark.parametrize("seed", range(20))
def test_can_see_matches_the_numpy_view(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    n, m = [(300, 4), (50, 1), (1, 6), (200, 12)][seed % 4]
    zp, facing, chasing, tp, light, opaque, mult, may_see = _view_args(rng, n, m)
    _check_view(zp, facing, chasing, tp, light, opaque)
    _check_view(zp, facing, chasing, tp, light, opaque, sight_mult=mult)
    _check_view(zp, facing, chasing, tp, light, opaque, sight_mult=mult, may_see=may_see)
    _check_view(zp, facing, chasing, tp, light, opaque, may_see=may_see, cone_deg=90.0)
    _check_view(zp, facing, chasing, tp, np.array([320.0]), opaque, sight_mult=mult)
    _check_view(zp[:0], facing[:0], chasing[:0], tp, light, opaque)  # nobody looks
    _check_view(zp, facing, chasing, tp[:0], light[:0], opaque)  # nobody to see


def test_can_see_on_an_open_floor_and_ties() -> None:
    opaque = np.zeros((20, 30), dtype=bool)
    zp = np.array([[100.0, 100.0], [200.0, 150.0], [250.0, 20.0]])
    tp = np.array([[130.0, 100.0], [100.0, 130.0], [70.0, 100.0], [130.0, 100.0], [200.0, 150.0]])
    facing = np.array([[1.0, 0.0], [0.0, 1.0], [math.nan, 0.0]])
    for chasing in (np.zeros(3, dtype=bool), np.ones(3, dtype=bool)):
        for cone in (CONE_DEG, 360.0, 0.0):
            _check_view(zp, facing, chasing, tp, np.full(5, 320.0), opaque, cone_deg=cone)
    assert SURE_BLOCKED_PX > 2 * RAY_STEP_PX


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # the numpy reference on nan
@pytest.mark.parametrize("seed", range(6))
def test_cover_ranges_match_the_numpy_slabs(seed: int) -> None:
    rng = np.random.default_rng(200 + seed)
    walled = 0
    for trial in range(400):
        p, m = int(rng.integers(0, 14)), int(rng.integers(0, 5))
        centre = rng.uniform(50, 150, 2)
        centres = centre + rng.uniform(-45, 45, size=(p, 2))
        if trial % 5 == 0:
            centres = np.round(centres)
        angles = rng.choice([0.0, np.pi / 2, np.pi, rng.uniform(0, 2 * np.pi)], size=p)
        half = rng.uniform(3, 25, size=(p, 2))
        sp = centre + rng.uniform(-30, 30, size=(m, 2))
        if trial % 7 == 0 and m and p:
            sp[0] = centres[0]  # on a prop's centre
        if trial % 11 == 0 and m:
            sp[-1, 0] = np.nan
        want = ref_cover_ranges(sp, centres, angles, half)
        got = cover_ranges(sp, centres, angles, half)
        assert got.dtype == want.dtype and got.shape == want.shape
        assert np.array_equal(got.view(np.int64), want.view(np.int64))
        walled += int(np.isfinite(want).sum())
    assert walled > 50  # some students were walled in: a test that could fail
