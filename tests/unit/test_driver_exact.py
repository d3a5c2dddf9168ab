"""The driver's shortcuts answer as the numpy they stand for, bit for bit."""

from __future__ import annotations

import math

import numpy as np
import pytest

from hyosan.control import driver


@pytest.mark.parametrize("seed", range(8))
def test_farther_than_is_numpy_hypot(seed: int) -> None:
    """``_farther_than(dx, dy, gap)`` is ``float(np.hypot(dx, dy)) > gap``: offsets on the
    circle of radius gap and an ulp either side of it, anywhere, tiny (squares that underflow),
    huge (that overflow), infinite and nan, for gaps small, usual, huge, zero, inf and nan."""
    rng = np.random.default_rng(seed)
    gaps = [56.0, 64.0, float(rng.random() * 100), 1e-130, 1e-160, 0.0, 1e200, math.inf, math.nan, 3e-320]
    for gap in gaps:
        a = rng.random(3000) * 6.3
        r = np.full(3000, gap if math.isfinite(gap) else 1.0)
        r[::3] = np.nextafter(r[::3], np.inf)
        r[1::3] = np.nextafter(r[1::3], -np.inf)
        r[:300] = rng.random(300) * 200.0
        dx, dy = r * np.cos(a), r * np.sin(a)
        dx[300:320] = [0.0, 1e-200, -1e-170, 1e155, -1e160, 1e308, np.inf, -np.inf, np.nan, 5e-324] * 2
        dy[310:330] = [1e-200, 0.0, np.inf, np.nan, 1e308, -1e155, 0.0, 3.0, 1e-320, -5e-324] * 2
        with np.errstate(over="ignore", invalid="ignore"):
            want = np.hypot(dx, dy) > gap
        got = [driver._farther_than(x, y, gap) for x, y in zip(dx.tolist(), dy.tolist())]
        assert got == want.tolist()
        assert want.any() or gap != 56.0  # (both answers come up)


@pytest.mark.parametrize("seed", range(4))
def test_mark_tiles_of_is_tile_of(seed: int) -> None:
    """``_mark_tiles_of`` marks the tiles ``TileMap.tile_of`` finds, off the map clamped in."""
    from hyosan.sim.tilemap import TileMap

    rng = np.random.default_rng(seed)
    rows, cols = int(rng.integers(2, 50)), int(rng.integers(2, 100))
    tilemap = TileMap(np.zeros((rows, cols), dtype=np.uint8))
    pos = rng.random((40, 2)) * (cols * 16 + 200, rows * 16 + 200) - 100.0
    pos[:6] = [(0.0, 0.0), (-0.0, 16.0), (15.999999, 31.0), (cols * 16.0, rows * 16.0), (-1e-9, -16.0), (1e6, -1e6)]
    index = rng.permutation(40)[:int(rng.integers(0, 40))]
    want = np.zeros((rows, cols), dtype=bool)
    for i in index.tolist():
        c, r = tilemap.tile_of(*pos[i].tolist())
        want[r, c] = True
    got = np.zeros((rows, cols), dtype=bool)
    driver._mark_tiles_of(got, pos, index.astype(np.int64), 16.0)
    assert got.tobytes() == want.tobytes()
