"""CellList and neighbour baselines against brute force."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from hyosan.benchmarks.neighbours import pairs_naive_numpy, pairs_python_dict
from hyosan.sim.horde.spatial_hash import CellList

W, H = 200.0, 120.0  # px, small world so cells are crowded


def brute_pairs(pos: np.ndarray, radius: float) -> set[tuple[int, int]]:
    d2 = ((pos[:, None, :] - pos[None, :, :]) ** 2).sum(-1)
    i, j = np.nonzero(np.triu(d2 <= radius * radius, 1))
    return set(zip(i.tolist(), j.tolist()))


def as_set(ij: tuple[np.ndarray, np.ndarray]) -> set[tuple[int, int]]:
    i, j = ij
    assert np.all(i < j)
    pairs = list(zip(i.tolist(), j.tolist()))
    assert len(pairs) == len(set(pairs)), "duplicate pair"
    return set(pairs)


# Coordinates include cell borders (multiples of 8 and 16), duplicates, and points outside.
coord_x = st.one_of(
    st.floats(-40.0, W + 40.0, allow_nan=False),
    st.integers(-3, 15).map(lambda k: k * 16.0),
    st.integers(0, 25).map(lambda k: k * 8.0),
)
coord_y = st.one_of(
    st.floats(-40.0, H + 40.0, allow_nan=False),
    st.integers(-3, 9).map(lambda k: k * 16.0),
    st.integers(0, 15).map(lambda k: k * 8.0),
)
point = st.tuples(coord_x, coord_y)


@st.composite
def positions(draw: st.DrawFn, max_n: int = 80) -> np.ndarray:
    pts = draw(st.lists(point, min_size=0, max_size=max_n))
    if pts and draw(st.booleans()):
        pts = pts + pts[: draw(st.integers(1, len(pts)))]  # exact duplicates
    return np.array(pts, dtype=np.float64).reshape(-1, 2)


@settings(max_examples=150, deadline=None)
@given(pos=positions(), cell=st.sampled_from([8.0, 16.0, 24.0, 33.3]), frac=st.floats(0, 1))
def test_pairs_match_brute_force(pos: np.ndarray, cell: float, frac: float) -> None:
    radius = cell * frac
    cl = CellList(cell, W, H)
    cl.rebuild(pos)
    pairs = cl.pairs_within(radius)
    assert as_set(pairs) == brute_pairs(pos, radius)
    assert cl.density().sum() == pos.shape[0]
    among = CellList(cell, W, H).pairs_among(pos, radius)  # (the same pairs in the same order)
    assert np.array_equal(among[0], pairs[0]) and np.array_equal(among[1], pairs[1])
    assert cl.density().shape == (cl.rows, cl.cols)


@settings(max_examples=100, deadline=None)
@given(pos=positions(), pts=positions(max_n=20), frac=st.floats(0, 1))
def test_neighbours_of_match_brute_force(pos: np.ndarray, pts: np.ndarray, frac: float) -> None:
    radius = 16.0 * frac
    cl = CellList(16.0, W, H)
    cl.rebuild(pos)
    pi, ai = cl.neighbours_of(pts, radius)
    got = list(zip(pi.tolist(), ai.tolist()))
    assert len(got) == len(set(got))
    d2 = ((pts[:, None, :] - pos[None, :, :]) ** 2).sum(-1)
    want = set(zip(*(a.tolist() for a in np.nonzero(d2 <= radius * radius))))
    assert set(got) == want


@settings(max_examples=100, deadline=None)
@given(pos=positions(), rect=st.tuples(*(st.floats(-50, 250, allow_nan=False),) * 4))
def test_in_rect_superset_and_exact(pos: np.ndarray, rect: tuple[float, ...]) -> None:
    x0, x1 = sorted(rect[:2])
    y0, y1 = sorted(rect[2:])
    cl = CellList(16.0, W, H)
    cl.rebuild(pos)
    inside = (pos[:, 0] >= x0) & (pos[:, 0] <= x1) & (pos[:, 1] >= y0) & (pos[:, 1] <= y1)
    want = set(np.nonzero(inside)[0].tolist())
    coarse = cl.in_rect(x0, y0, x1, y1)
    assert len(set(coarse.tolist())) == coarse.size
    assert want <= set(coarse.tolist())
    assert set(cl.in_rect(x0, y0, x1, y1, exact=True).tolist()) == want


def test_radius_larger_than_cell_rejected() -> None:
    cl = CellList(16.0, W, H)
    cl.rebuild(np.zeros((3, 2)))
    with pytest.raises(ValueError):
        cl.pairs_within(16.5)
    with pytest.raises(ValueError):
        cl.neighbours_of(np.zeros((1, 2)), 20.0)


def test_rebuild_is_deterministic_and_reusable() -> None:
    rng = np.random.default_rng(5)
    pos = rng.uniform((0, 0), (W, H), size=(300, 2))
    a = CellList(24.0, W, H)
    a.rebuild(pos)
    first = a.pairs_within(24.0)
    b = CellList(24.0, W, H)
    b.rebuild(pos.copy())
    second = b.pairs_within(24.0)
    assert np.array_equal(first[0], second[0]) and np.array_equal(first[1], second[1])
    a.rebuild(pos[:10])
    assert as_set(a.pairs_within(24.0)) == brute_pairs(pos[:10], 24.0)
    a.rebuild(np.zeros((0, 2)))
    assert a.pairs_within(24.0)[0].size == 0
    assert a.in_rect(0, 0, W, H).size == 0


@settings(max_examples=40, deadline=None)
@given(pos=positions(max_n=60), frac=st.floats(0.01, 1))
@example(pos=np.array([[8.0, 0.0], [-1.03556827e-49, 0.0]]), frac=1 / 3)  # exactly radius apart, cells two apart
def test_baselines_agree_with_cell_list(pos: np.ndarray, frac: float) -> None:
    radius = 24.0 * frac
    cl = CellList(24.0, W, H)
    cl.rebuild(pos)
    want = as_set(cl.pairs_within(radius))
    assert as_set(pairs_python_dict(pos, radius)) == want
    assert as_set(pairs_naive_numpy(pos, radius)) == want


def test_baselines_agree_at_bench_scale() -> None:
    rng = np.random.default_rng(1)
    pos = rng.uniform((0, 0), (2560, 1440), size=(1000, 2))
    cl = CellList(24.0, 2560, 1440)
    cl.rebuild(pos)
    want = as_set(cl.pairs_within(24.0))
    assert len(want) > 0
    assert as_set(pairs_python_dict(pos, 24.0)) == want
    assert as_set(pairs_naive_numpy(pos, 24.0)) == want


def test_pair_at_exactly_cell_distance_across_rounding_borders() -> None:
    cell = 24.0
    xs = np.array([24.0 * k - 1e-13 * k for k in range(1, 60)])
    pos = np.stack([np.concatenate([xs, xs + cell]), np.zeros(2 * xs.size)], axis=1)
    cl = CellList(cell, 2000.0, 100.0)
    cl.rebuild(pos)
    assert as_set(cl.pairs_within(cell)) == brute_pairs(pos, cell)
