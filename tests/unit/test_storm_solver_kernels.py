"""The Storm solver's compiled helpers give the numpy and scipy results they replaced, bit for bit."""

from __future__ import annotations

import math

import numpy as np
import pytest

from hyosan.control import solvers
from hyosan.sim.nav import flow_field


def _spread_numpy(counts: np.ndarray, rad: int) -> np.ndarray:
    """The numpy ``StormDriver._spread`` (one bincount over the occupied tiles)."""
    rows, cols = counts.shape
    dr, dc, k = solvers._danger_kernel(rad)
    src = np.flatnonzero(counts)
    sr, sc = src // cols, src % cols
    tr = sr[:, None] - dr[None, :]
    tc = sc[:, None] - dc[None, :]
    inside = (tr >= 0) & (tr < rows) & (tc >= 0) & (tc < cols)
    terms = k[None, :] * counts.ravel()[src][:, None]
    return np.bincount((tr * cols + tc)[inside], terms[inside], minlength=rows * cols).reshape(rows, cols)


def _counts(rng: np.random.Generator, rows: int, cols: int, n: int) -> np.ndarray:
    counts = np.zeros((rows, cols))
    r, c = rng.integers(0, rows, n), rng.integers(0, cols, n)
    np.add.at(counts, (r, c), rng.choice([1.0, 3.0, 0.0], n))
    return counts


@pytest.mark.parametrize("seed", range(6))
def test_spread_kernel_is_the_bincount(seed: int) -> None:
    rng = np.random.default_rng(seed)
    counts = _counts(rng, 40, 90, 300)
    for rad in (5, 8):
        dr, dc, k = solvers._danger_kernel(rad)
        assert solvers._spread_kernel(counts, dr, dc, k).tobytes() == _spread_numpy(counts, rad).tobytes()


@pytest.mark.parametrize("n", [0, 1, 7, 8, 9, 127, 128, 129, 200, 1000, 3333, 3600, 9000])
def test_pairwise_is_numpy_sum(n: int) -> None:
    a = np.random.default_rng(n).random(n) * 61.0 + 1.0
    assert solvers._pairwise(a, 0, n) == float(a.sum())


@pytest.mark.parametrize("seed", range(12))
def test_stealth_flow_is_nav_flow_field(seed: int) -> None:
    """Random walls, danger and goals (one tile, or many): the same dist and dir as nav's field."""
    rng = np.random.default_rng(seed)
    rows, cols = (40, 90) if seed % 2 == 0 else (int(rng.integers(3, 30)), int(rng.integers(3, 50)))
    blocked = rng.random((rows, cols)) < (0.1 + 0.3 * rng.random())
    counts = _counts(rng, rows, cols, int(rng.integers(0, 400)))
    if seed % 3 == 0:
        goals = np.array([[int(rng.integers(0, rows)), int(rng.integers(0, cols))]])
    else:
        goals = np.argwhere(rng.random((rows, cols)) < 0.02).reshape(-1, 2)
    dr, dc, k = solvers._danger_kernel(5)
    got = solvers._stealth_flow(blocked, counts, goals, dr, dc, k, 60.0)
    cost = np.where(blocked, np.inf, 1.0 + 60.0 * _spread_numpy(counts, 5))
    want = flow_field(cost, goals)
    assert got.dist.dtype == want.dist.dtype and got.dir.dtype == want.dir.dtype
    assert got.dist.tobytes() == want.dist.tobytes()
    assert got.dir.tobytes() == want.dir.tobytes()
    assert got.goal_tiles.tobytes() == want.goal_tiles.tobytes() and got.leads == want.leads
    assert math.isfinite(float(got.dist[np.isfinite(got.dist)].sum()))
