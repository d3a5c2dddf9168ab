"""Flow fields: exact Dijkstra distances, door routing, and the recompute cache."""

from __future__ import annotations

import heapq
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from hyosan.sim.nav import FlowFieldCache, flow_field, sample_directions
from hyosan.sim.units import TILE_PX

INF = np.inf
MOVES = [(0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, -1), (1, -1), (-1, 1)]


def reference_dijkstra(cost: np.ndarray, goals: list[tuple[int, int]]) -> np.ndarray:
    """Distance from every tile to the nearest goal; a move costs step * cost(entered tile)."""
    h, w = cost.shape
    dist = np.full((h, w), INF)
    heap: list[tuple[float, int, int]] = []
    for r, c in goals:
        if np.isfinite(cost[r, c]) and dist[r, c] > 0:
            dist[r, c] = 0.0
            heap.append((0.0, r, c))
    heapq.heapify(heap)
    while heap:
        d, r, c = heapq.heappop(heap)
        if d > dist[r, c] or not np.isfinite(cost[r, c]):
            continue
        # Tiles t that can move into (r, c): t = (r - dr, c - dc) moving by (dr, dc).
        for dr, dc in MOVES:
            tr, tc = r - dr, c - dc
            if not (0 <= tr < h and 0 <= tc < w):
                continue
            if dr and dc and not (np.isfinite(cost[tr + dr, tc]) and np.isfinite(cost[tr, tc + dc])):
                continue
            nd = d + (math.sqrt(2.0) if dr and dc else 1.0) * float(cost[r, c])
            if nd < dist[tr, tc]:
                dist[tr, tc] = nd
                heapq.heappush(heap, (nd, tr, tc))
    dist[~np.isfinite(cost)] = INF
    return dist


@st.composite
def grids(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    h = draw(st.integers(1, 12))
    w = draw(st.integers(1, 12))
    vals = draw(
        st.lists(st.sampled_from([1.0, 1.0, 1.0, 2.5, 8.0, INF, INF]), min_size=h * w, max_size=h * w)
    )
    cost = np.array(vals, dtype=np.float32).reshape(h, w)
    k = draw(st.integers(0, 3))
    goals = np.array(
        [(draw(st.integers(0, h - 1)), draw(st.integers(0, w - 1))) for _ in range(k)], dtype=np.int64
    ).reshape(-1, 2)
    return cost, goals


def follow(field_dir: np.ndarray, dist: np.ndarray, start: tuple[int, int], max_steps: int) -> list[tuple[int, int]]:
    """Walk tile to tile along the direction field; returns the visited tiles."""
    r, c = start
    path = [(r, c)]
    for _ in range(max_steps):
        if dist[r, c] == 0:
            break
        dx, dy = field_dir[r, c]
        step_c, step_r = int(np.sign(np.round(dx, 3))), int(np.sign(np.round(dy, 3)))
        if step_c == 0 and step_r == 0:
            break
        r, c = r + step_r, c + step_c
        path.append((r, c))
    return path


@settings(max_examples=200, deadline=None)
@given(grids())
def test_dist_matches_reference_dijkstra(data: tuple[np.ndarray, np.ndarray]) -> None:
    cost, goals = data
    ff = flow_field(cost, goals)
    ref = reference_dijkstra(cost, [tuple(g) for g in goals.tolist()])
    assert np.array_equal(np.isinf(ff.dist), np.isinf(ref))
    fin = np.isfinite(ref)
    np.testing.assert_allclose(ff.dist[fin], ref[fin], rtol=1e-6, atol=1e-5)
    # Directions are unit vectors wherever a move exists, and following them is downhill.
    norms = np.linalg.norm(ff.dir, axis=-1)
    assert np.all((np.abs(norms - 1) < 1e-6) | (norms == 0))
    for r, c in zip(*np.nonzero(fin & (ref > 0))):
        path = follow(ff.dir, ff.dist, (int(r), int(c)), 1)
        nr, nc = path[-1]
        assert ff.dist[nr, nc] < ff.dist[r, c]


def corridor_with_door() -> tuple[np.ndarray, tuple[int, int], tuple[int, int], tuple[int, int]]:
    """Two rooms split by a wall at col 10 with a single door tile at row 6."""
    cost = np.ones((12, 20), dtype=np.float32)
    cost[:, 10] = INF
    door = (6, 10)
    cost[door] = 8.0  # closed door a zombie must bash
    return cost, door, (2, 2), (9, 17)


def test_zombie_reaches_goal_through_door() -> None:
    cost, door, start, goal = corridor_with_door()
    ff = flow_field(cost, np.array([goal]))
    path = follow(ff.dir, ff.dist, start, max_steps=200)
    assert path[-1] == goal
    assert door in path
    assert all(np.isfinite(cost[p]) for p in path)
    # sample_directions gathers by tile, clamped for positions outside the grid.
    pos = np.array([[start[1] * TILE_PX + 3.0, start[0] * TILE_PX + 9.0], [-50.0, -50.0]])
    got = sample_directions(ff, pos)
    assert np.array_equal(got[0], ff.dir[start])
    assert np.array_equal(got[1], ff.dir[0, 0])


def test_barricaded_door_makes_far_side_unreachable() -> None:
    cost, door, _start, goal = corridor_with_door()
    cost[door] = INF
    ff = flow_field(cost, np.array([goal]))
    assert np.isinf(ff.dist[:, :10]).all()
    assert np.isfinite(ff.dist[:, 11:]).all()


def test_no_corner_cutting() -> None:
    cost = np.ones((3, 3), dtype=np.float32)
    cost[0, 1] = INF
    cost[1, 0] = INF
    ff = flow_field(cost, np.array([[0, 0]]))
    assert np.isinf(ff.dist[1:, 1:]).all()


def test_flow_field_deterministic() -> None:
    rng = np.random.default_rng(3)
    cost = np.where(rng.random((40, 60)) < 0.2, INF, 1.0).astype(np.float32)
    goals = np.array([[5, 5], [30, 50]])
    a = flow_field(cost, goals)
    b = flow_field(cost.copy(), goals[::-1].copy())
    assert a.dist.tobytes() == b.dist.tobytes() and a.dir.tobytes() == b.dir.tobytes()


def test_cache_budget_and_rate_limit() -> None:
    cost, _door, _start, goal = corridor_with_door()
    cache = FlowFieldCache(max_entries=3, min_interval_ticks=10)
    a = cache.request(np.array([goal]), 0, tick=0, walk_cost=cost, goal_id="A")
    assert a is not None and cache.recomputes == 1
    # Same tick, a different goal: budget spent, no stale field for B yet.
    assert cache.request(np.array([[1, 1]]), 0, tick=0, walk_cost=cost, goal_id="B") is None
    # Cached key is free even when the budget is spent.
    assert cache.request(np.array([goal]), 0, tick=0, walk_cost=cost, goal_id="A") is a
    b = cache.request(np.array([[1, 1]]), 0, tick=1, walk_cost=cost, goal_id="B")
    assert b is not None and cache.recomputes == 2
    # A moves one tile at tick 2: rate-limited until tick 10 -> stale field returned.
    moved = np.array([[goal[0], goal[1] - 1]])
    assert cache.request(moved, 0, tick=2, walk_cost=cost, goal_id="A") is a
    assert cache.request(moved, 0, tick=9, walk_cost=cost, goal_id="A") is a
    a2 = cache.request(moved, 0, tick=10, walk_cost=cost, goal_id="A")
    assert a2 is not a and a2 is not None and cache.recomputes == 3
    # B asks in the same tick: budget spent -> B's stale field.
    assert cache.request(np.array([[2, 2]]), 0, tick=10, walk_cost=cost, goal_id="B") is b
    # A door closes (grid version bump): bypasses the rate limit, not the budget.
    a3 = cache.request(moved, 1, tick=11, walk_cost=cost, goal_id="A")
    assert a3 is not None and a3.grid_version == 1 and cache.recomputes == 4
    assert len(cache) <= 3


def test_cache_lru_eviction_is_deterministic() -> None:
    cost = np.ones((6, 6), dtype=np.float32)
    cache = FlowFieldCache(max_entries=2, min_interval_ticks=0)
    f0 = cache.request(np.array([[0, 0]]), 0, tick=0, walk_cost=cost, goal_id=0)
    cache.request(np.array([[1, 1]]), 0, tick=1, walk_cost=cost, goal_id=1)
    cache.request(np.array([[0, 0]]), 0, tick=2, walk_cost=cost, goal_id=0)  # touch f0
    cache.request(np.array([[2, 2]]), 0, tick=3, walk_cost=cost, goal_id=2)  # evicts [1,1]
    assert cache.recomputes == 3
    assert cache.request(np.array([[0, 0]]), 0, tick=4, walk_cost=cost, goal_id=0) is f0
    cache.request(np.array([[1, 1]]), 0, tick=5, walk_cost=cost, goal_id=1)
    assert cache.recomputes == 4


def test_bench_maps_route_every_floor_tile() -> None:
    from hyosan.benchmarks.kernels import rooms_walk_cost, school_walk_cost

    for cost in (school_walk_cost(), rooms_walk_cost()):
        ff = flow_field(cost, np.array([[46, 155]]))
        assert np.isfinite(ff.dist[np.isfinite(cost)]).all()


def test_time_sliced_solve_matches_synchronous_result() -> None:
    from hyosan.benchmarks.kernels import rooms_walk_cost

    cost = rooms_walk_cost()
    goal = np.array([[46, 155]])
    want = _swept(cost, goal)
    cache = FlowFieldCache(batches_per_tick=3)
    got = None
    ticks = 0
    while got is None:
        got = cache.request(goal, 0, tick=ticks, walk_cost=cost, goal_id="lead")
        ticks += 1
        assert ticks < 100
    assert ticks == -(-want.sweeps // 3)  # ceil(batches / 3) ticks
    assert got.dist.tobytes() == want.dist.tobytes() and got.dir.tobytes() == want.dir.tobytes()
    assert cache.recomputes == 1


def test_time_sliced_goal_that_moves_finishes_its_pending_solve_first() -> None:
    cost = np.ones((30, 60), dtype=np.float32)
    cache = FlowFieldCache(batches_per_tick=1, min_interval_ticks=0)
    first = np.array([[5, 5]])
    assert cache.request(first, 0, tick=0, walk_cost=cost, goal_id=1) is None
    got = None
    tick = 1
    while got is None:  # the goal keeps moving; the solve for `first` completes anyway
        got = cache.request(np.array([[5, 5 + tick]]), 0, tick=tick, walk_cost=cost, goal_id=1)
        tick += 1
    assert np.array_equal(got.goal_tiles, first)
    # Next tick the newest goal position starts solving; the stale field is returned meanwhile.
    assert cache.request(np.array([[5, 40]]), 0, tick=tick, walk_cost=cost, goal_id=1) is got
    # A grid change drops the unfinished solve and starts over on the new grid.
    nxt = cache.request(np.array([[5, 40]]), 1, tick=tick + 1, walk_cost=cost, goal_id=1)
    assert nxt is got and cache.recomputes == 3


def test_invalid_walk_cost_rejected() -> None:
    import pytest

    for bad in (-1.0, np.nan):
        cost = np.ones((3, 3), dtype=np.float32)
        cost[1, 1] = bad
        with pytest.raises(ValueError):
            flow_field(cost, np.array([[0, 0]]))


def test_goal_tiles_normalise_like_a_row_unique() -> None:
    """The packed-key unique gives np.unique(axis=0)'s rows and order, bounds filtered."""
    from hyosan.sim.nav import _normalise_goals

    rng = np.random.default_rng(7)
    for k in (0, 1, 2, 5, 40):
        g = rng.integers(-2, 12, size=(k, 2))
        ok = g[(g[:, 0] >= 0) & (g[:, 0] < 10) & (g[:, 1] >= 0) & (g[:, 1] < 9)]
        want = np.unique(ok, axis=0).astype(np.int32).reshape(-1, 2)
        got = _normalise_goals(g, 10, 9)
        assert got.dtype == np.int32 and np.array_equal(got, want)


@st.composite
def cost_sequences(draw: st.DrawFn) -> tuple[list[np.ndarray], np.ndarray]:
    """A grid and goals, then a few versions of the grid, each a few tiles changed from the last
    (dearer, cheaper, blocked, unblocked: a bot's danger map as zombies shuffle)."""
    cost, goals = draw(grids())
    h, w = cost.shape
    costs = [cost.astype(np.float64)]
    for _ in range(draw(st.integers(1, 4))):
        nxt = costs[-1].copy()
        for _ in range(draw(st.integers(0, 6))):
            r, c = draw(st.integers(0, h - 1)), draw(st.integers(0, w - 1))
            nxt[r, c] = draw(st.sampled_from([0.0, 1.0, 1.7, 4.0, 60.5, INF]))
        costs.append(nxt)
    return costs, goals


def _swept(cost: np.ndarray, goals: np.ndarray):
    """The same field by the numpy line sweeps (what a solve spread over ticks runs)."""
    from hyosan.sim.nav import NavGrid

    out = NavGrid(cost).begin(goals).advance(None)
    assert out is not None
    return out


@settings(max_examples=300, deadline=None)
@given(cost_sequences())
def test_whole_solve_by_dijkstra_is_bit_identical_to_the_line_sweeps(
        data: tuple[list[np.ndarray], np.ndarray]) -> None:
    """The compiled Dijkstra and the line sweeps reach the same distances and moves, bit for bit,
    over fractional, dear, blocked and free (0) tiles: a field never depends on which ran."""
    costs, goals = data
    for cost in costs:
        got, want = flow_field(cost, goals), _swept(cost, goals)
        assert got.dist.tobytes() == want.dist.tobytes()
        assert got.dir.tobytes() == want.dir.tobytes()
        assert np.array_equal(got.goal_tiles, want.goal_tiles)


def test_level_sized_fields_come_from_dijkstra_and_match_the_sweeps() -> None:
    from hyosan.benchmarks.kernels import rooms_walk_cost, school_walk_cost

    for cost in (school_walk_cost(), rooms_walk_cost()):
        cost = cost.astype(np.float64)
        open_ = np.isfinite(cost)
        cost[open_] += np.linspace(0.0, 3.3, int(open_.sum()))  # uneven costs: many distinct sums
        goals = np.array([[46, 155], [3, 4]])
        got, want = flow_field(cost, goals), _swept(cost, goals)
        assert got.sweeps == 0 and want.sweeps > 10  # (the whole solve ran Dijkstra, not the sweeps)
        assert got.dist.tobytes() == want.dist.tobytes() and got.dir.tobytes() == want.dir.tobytes()
