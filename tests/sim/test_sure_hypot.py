"""The kernels compare a hypot with a bound from the squares alone when the answer is sure
(``kernels._surely_below``/``_surely_above``, ``sight._surely_farther``): they must agree with
``np.hypot``'s comparison on every input, right at the bound, far from it, and on the odd
values (zeros, subnormals, huge, NaN, infinities, zero and tiny bounds)."""

from __future__ import annotations

import numpy as np

from hyosan.sim.horde import kernels
from hyosan.sim.sight import _surely_farther


def _cases() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(dx, dy, bound) triples: random vectors with bounds at their hypot, a few ulps either
    side, 1e-9 either side (the margin) and far off; then the odd values."""
    rng = np.random.default_rng(3)
    dx = rng.normal(0.0, 1.0, 4000) * 10.0 ** rng.uniform(-8, 6, 4000)
    dy = rng.normal(0.0, 1.0, 4000) * 10.0 ** rng.uniform(-8, 6, 4000)
    h = np.hypot(dx, dy)
    bounds = [h, np.nextafter(h, 0.0), np.nextafter(h, np.inf), h * (1 - 1e-9), h * (1 + 1e-9),
              h * (1 - 2e-9), h * (1 + 2e-9), h * (1 - 1e-15), h * (1 + 1e-15), h * 0.5, h * 2.0]
    xs = np.concatenate([dx] * len(bounds))
    ys = np.concatenate([dy] * len(bounds))
    bs = np.concatenate(bounds)
    odd = [0.0, -0.0, 5e-324, 1e-160, 1e-100, 1e-50, 3.0, 4.0, 1e154, 1e200, np.inf, -np.inf, np.nan]
    ox, oy, ob = np.meshgrid(odd, odd, odd + [5.0, 120.0, 9.5], indexing="ij")
    return (np.concatenate([xs, ox.ravel()]), np.concatenate([ys, oy.ravel()]),
            np.concatenate([bs, ob.ravel()]))


def test_sure_answers_agree_with_hypot() -> None:
    dx, dy, bound = _cases()
    h = np.hypot(dx, dy)
    below = np.array([kernels._surely_below(x, y, b) for x, y, b in zip(dx, dy, bound, strict=True)])
    above = np.array([kernels._surely_above(x, y, b) for x, y, b in zip(dx, dy, bound, strict=True)])
    farther = np.array([_surely_farther(x, y, b) for x, y, b in zip(dx, dy, bound, strict=True)])
    with np.errstate(invalid="ignore"):
        assert not (below & ~(h < bound)).any()  # never sure wrongly
        assert not (above & ~(h > bound)).any()
    assert np.array_equal(farther, above)
    assert below.sum() > 10000 and above.sum() > 10000  # (and sure often)
    within = np.array([kernels._hypot_within(x, y, b) for x, y, b in zip(dx, dy, bound, strict=True)])
    at_least = np.array([kernels._hypot_at_least(x, y, b) for x, y, b in zip(dx, dy, bound, strict=True)])
    with np.errstate(invalid="ignore"):
        assert np.array_equal(within, h <= bound)
        assert np.array_equal(at_least, h >= bound)


def test_velocities_at_the_limit_and_the_cap() -> None:
    """steer_and_separate skips the hypot of a change surely within its limit and of a push
    surely within the cap: rows right at the limit (a few ulps either side) and pushes right
    at the cap give numpy's bits."""
    from hyosan.sim.horde.horde import SEPARATION_GAIN, SEPARATION_MAX, SEPARATION_PX
    from tests.sim.test_horde_kernels import _numpy_velocities

    rng = np.random.default_rng(8)
    n = 400
    vel = rng.normal(0.0, 60.0, size=(n, 2))
    sep = rng.normal(0.0, 20.0, size=(n, 2))
    desired = rng.normal(0.0, 60.0, size=(n, 2))
    size = np.hypot(*(desired - (vel - sep)).T)
    nudge = rng.integers(-3, 4, n).astype(float)
    limit = size * (1.0 + nudge * 2.0 ** -52)  # within a few ulps of the change's length
    limit[::7] = size[::7] * (1.0 + rng.choice([-1.0, 1.0], size[::7].size) * 1e-9)
    limit[::11] = 0.0
    pos = rng.uniform(0.0, 300.0, size=(n, 2))
    pairs = kernels.close_pairs(pos, SEPARATION_PX + 14.0)
    want_vel, want_sep = _numpy_velocities(vel, sep, desired, limit, pos, *pairs)
    got_vel, got_sep = np.empty((n, 2)), sep.copy()
    kernels.steer_and_separate(vel, got_sep, desired, limit, pos, *pairs, SEPARATION_PX, SEPARATION_GAIN,
                               SEPARATION_MAX, got_vel)
    assert np.array_equal(got_vel.view(np.int64), want_vel.view(np.int64))
    assert np.array_equal(got_sep.view(np.int64), want_sep.view(np.int64))
