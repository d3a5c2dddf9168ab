"""The settle's compiled steps (``partition_awake_first``, ``lay_down_and_rouse``) give, bit
for bit, what the numpy passes they replaced gave: replays recorded before them must verify."""

from __future__ import annotations

import numpy as np

from hyosan.sim.horde.horde import CELL_PX, _floor_div, _tile_flat
from hyosan.sim.horde.kernels import (
    copy_row,
    lay_down_and_rouse,
    partition_awake_first,
    sleeper_cells,
)
from hyosan.sim.horde.spatial_hash import CellList

_KINDS = ((np.float64, 2), (np.float64, 1), (np.int64, 1), (np.int32, 1), (np.int16, 1), (np.uint8, 1), (np.bool_, 1))


def _columns(rng: np.random.Generator, capacity: int) -> list[np.ndarray]:
    """Two random columns of each kind the horde keeps."""
    cols = []
    for dtype, ndim in _KINDS:
        for _ in range(2):
            shape = (capacity, 2) if ndim == 2 else (capacity,)
            cols.append((rng.normal(0.0, 100.0, size=shape) if dtype == np.float64
                         else rng.integers(0, 100, size=shape)).astype(dtype))
    return cols


def test_partition_is_the_stable_argsort_applied_to_every_column() -> None:
    """Varied sleeper layouts: none, all, a sleeper in front, sleepers only at the back, rows
    past ``n`` (spare capacity) left alone."""
    rng = np.random.default_rng(5)
    capacity = 64
    for trial in range(60):
        n = int(rng.integers(0, capacity + 1))
        cols = _columns(rng, capacity)
        dormant = rng.random(capacity) < (trial % 5) / 4.0
        cols.append(dormant)
        expected = [c.copy() for c in cols]
        order = np.argsort(dormant[:n], kind="stable")
        for c in expected:
            c[:n] = c[:n][order]
        groups = [tuple(c for c in cols if (c.dtype.type, c.ndim) == kind) for kind in _KINDS]
        awake = partition_awake_first(dormant, n, *groups)
        assert awake == n - int(np.count_nonzero(expected[-1][:n]))
        for got, want in zip(cols, expected, strict=True):
            assert np.array_equal(got, want)


def test_copy_row_is_the_row_copy_per_column() -> None:
    """A swap-remove's ``copy_row`` does ``col[dst] = col[src]`` for every column of every kind
    (the loop ``Horde.apply_pending`` ran), every other row left alone; and a live horde's
    column groups hold each of its row columns once."""
    rng = np.random.default_rng(6)
    capacity = 40
    for _ in range(30):
        cols = _columns(rng, capacity)
        cols.append(rng.random(capacity) < 0.5)
        dst, src = (int(v) for v in rng.integers(0, capacity, size=2))
        expected = [c.copy() for c in cols]
        for c in expected:
            c[dst] = c[src]
        copy_row(dst, src, *[tuple(c for c in cols if (c.dtype.type, c.ndim) == kind) for kind in _KINDS])
        for got, want in zip(cols, expected, strict=True):
            assert np.array_equal(got, want)
    from hyosan.playtest.bench_soak import _shipped_levels
    from hyosan.sim.world import World

    horde = World.from_spec(dict(_shipped_levels())["hyosan/classroom-barricade"], 0).horde
    grouped = [id(c) for group in horde._column_groups for c in group]
    assert sorted(grouped) == sorted(id(getattr(horde, name)) for name in horde._row_columns)


def test_lay_down_and_rouse_is_the_numpy_it_replaced() -> None:
    rng = np.random.default_rng(9)
    shape = (30, 40)  # tile rows, cols
    for _ in range(40):
        n, bodies = 50, 70
        body_pos = rng.uniform(-40.0, 16.0 * 45, size=(bodies, 2))  # some off the grid: clamped
        body_vel = rng.normal(0.0, 30.0, size=(bodies, 2))
        slot = rng.permutation(n).astype(np.int64)
        body_index = rng.permutation(bodies)[:n].astype(np.int64)
        rows = rng.permutation(n)
        sleep = np.sort(rows[:int(rng.integers(0, 20))]).astype(np.intp)
        wake = np.sort(rows[20:20 + int(rng.integers(0, 20))]).astype(np.intp)
        pos, prev, vel, sep, desired = (rng.normal(0.0, 50.0, size=(n, 2)) for _ in range(5))
        push = rng.normal(0.0, 50.0, size=n)
        tile = rng.integers(0, 1000, size=n).astype(np.int64)
        still = rng.integers(0, 60, size=n).astype(np.int32)
        dormant = rng.random(n) < 0.5
        want = [a.copy() for a in (body_vel, pos, prev, tile, vel, sep, push, desired, still, dormant)]
        w_body_vel, w_pos, w_prev, w_tile, w_vel, w_sep, w_push, w_desired, w_still, w_dormant = want
        # the numpy it replaced (``Horde._wake_and_sleep``'s tail)
        idx = body_index[slot[sleep]]
        w_body_vel[idx] = 0.0
        at = body_pos[idx]
        w_pos[sleep] = w_prev[sleep] = at
        w_tile[sleep] = _tile_flat(at, shape)
        for col in (w_vel, w_sep, w_push, w_desired):
            col[sleep] = 0.0
        w_still[wake] = 0
        w_dormant[sleep] = True
        w_dormant[wake] = False
        lay_down_and_rouse(sleep, wake, slot, body_index, body_pos, body_vel, pos, prev, tile, *shape,
                           vel, sep, push, desired, still, dormant)
        for got, expected in zip((body_vel, pos, prev, tile, vel, sep, push, desired, still, dormant), want,
                                 strict=True):
            assert np.array_equal(got, expected)


def _numpy_sleeper_cells(cl: CellList, inv: float, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``Horde._sleeper_cells``' numpy as it was (``_cell_keys``' bincount, ``_own_keys``)."""
    c = np.floor(at * inv)
    if not np.isfinite(c).all():
        c = np.nan_to_num(c)
    np.maximum(c, 0, out=c)
    np.minimum(c, np.array([cl.cols - 1.0, cl.rows - 1.0]), out=c)
    c = c.astype(np.intp)
    counts = np.bincount(c[:, 1] * cl.pcols + c[:, 0] + cl.pcols + 1, minlength=cl.n_pcells)
    with np.errstate(invalid="ignore"):
        g = (np.floor_divide(at, CELL_PX) if at.size <= 600 else _floor_div(at, CELL_PX)).astype(np.intp)
    np.maximum(g, 0, out=g)
    np.minimum(g[:, 0], cl.cols - 1, out=g[:, 0])
    np.minimum(g[:, 1], cl.rows - 1, out=g[:, 1])
    return counts, g[:, 1] * cl.pcols + g[:, 0] + cl.pcols + 1


def test_sleeper_cells_are_the_numpy_they_replaced() -> None:
    """Few and many sleepers (numpy's two floor divisions), points right on cell edges (whole
    multiples of 24 px and a hair either side), off the map both ways."""
    rng = np.random.default_rng(3)
    cl = CellList(CELL_PX, 40 * 16, 30 * 16)
    inv = 1.0 / (CELL_PX * (1.0 + 1e-9))
    for n in (0, 1, 7, 200, 301, 900):
        at = rng.uniform(-30.0, 40 * 16 + 30.0, size=(n, 2))
        edges = rng.integers(0, 27, size=(n // 3, 2)) * CELL_PX
        at[:n // 3] = edges + rng.choice([0.0, 1e-9, -1e-9, 1e-13], size=edges.shape)
        counts, keys = sleeper_cells(at, inv, cl.cols, cl.rows, CELL_PX)
        want_counts, want_keys = _numpy_sleeper_cells(cl, inv, at)
        assert np.array_equal(counts, want_counts)
        assert np.array_equal(keys, want_keys)
