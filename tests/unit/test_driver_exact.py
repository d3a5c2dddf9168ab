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
