"""The flow fields' bucket-queue Dijkstra and fused finish give, bit for bit, the fields of the
indexed-heap Dijkstra and the separate numpy finish they replaced, and a grid version with the
walk costs of an earlier one gets the fields a grid built afresh gives (replays recorded before
them must still verify)."""

from __future__ import annotations

import numpy as np
import pytest

from hyosan.sim import nav
from hyosan.sim.nav import _DIR_XY, DIRS, FlowFieldCache, NavGrid, _normalise_goals, flow_field


def _old_distances(move_cost: np.ndarray, d: np.ndarray) -> np.ndarray:
    """``nav._settle_distances`` as it was (an indexed binary heap over ``move_cost`` (8, h, w)),
    in plain Python."""
    h, w = d.shape
    dist = d.reshape(h * w)
    slot = np.full(h * w, -1)
    heap: list[int] = []

    def place(i: int, t: int) -> None:
        heap[i] = t
        slot[t] = i

    for t in range(h * w):
        if dist[t] == 0.0:
            heap.append(t)
            slot[t] = len(heap) - 1
    while heap:
        at = heap[0]
        slot[at] = -2
        last = heap.pop()
        if heap:  # sift the last entry down from the root
            key, i = dist[last], 0
            while 2 * i + 1 < len(heap):
                child = 2 * i + 1
                if child + 1 < len(heap) and dist[heap[child + 1]] < dist[heap[child]]:
                    child += 1
                if dist[heap[child]] >= key:
                    break
                place(i, heap[child])
                i = child
            place(i, last)
        val, r, c = dist[at], at // w, at % w
        for k, (dr, dc) in enumerate(DIRS):
            ur, uc = r - dr, c - dc
            if not (0 <= ur < h and 0 <= uc < w) or slot[ur * w + uc] == -2:
                continue
            u = ur * w + uc
            cand = move_cost[k, ur, uc] + val
            if cand < dist[u]:
                dist[u] = cand
                i = slot[u]
                if i < 0:
                    heap.append(u)
                    i = len(heap) - 1
                while i > 0 and dist[heap[(i - 1) >> 1]] > cand:
                    place(i, heap[(i - 1) >> 1])
                    i = (i - 1) >> 1
                place(i, u)
    return d


def _old_field(grid: NavGrid, goal_tiles: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``NavGrid.flow_field``'s (dist, dir) as they were: the heap's distances, then the best
    move per tile, distances inf off the passable tiles, as float32."""
    h, w = grid.shape
    goals = _normalise_goals(goal_tiles, h, w)
    d = np.full((h, w), np.inf)
    if goals.size:
        ok = grid.passable[goals[:, 0], goals[:, 1]]
        d[goals[ok, 0], goals[ok, 1]] = 0.0
    _old_distances(grid._move_cost, d)
    out = np.empty((h, w, 2), dtype=np.float32)
    for r in range(h):
        for c in range(w):
            best, best_val = len(DIRS), np.inf
            for k, (dr, dc) in enumerate(DIRS):
                ahead = d[r + dr, c + dc] if 0 <= r + dr < h and 0 <= c + dc < w else np.inf
                cand = grid._move_cost[k, r, c] + ahead
                if cand < best_val:
                    best_val, best = cand, k
            if not np.isfinite(best_val) or d[r, c] == 0.0:
                best = len(DIRS)
            out[r, c] = _DIR_XY[best]
    d[~grid.passable] = np.inf
    return d.astype(np.float32), out


def _random_costs(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    """Walk costs with walls, doors, free tiles, odd fractions and (for a widened bucket ring)
    a few far dearer than a floor."""
    cost = rng.choice([1.0, 1.0, 1.0, 8.0, np.inf, 0.0, 2.5, float(rng.uniform(0.1, 3.0))], size=(h, w),
                      p=[0.4, 0.15, 0.1, 0.08, 0.17, 0.04, 0.03, 0.03])
    if rng.random() < 0.3:
        cost[rng.random((h, w)) < 0.05] = 40000.0
    return cost


@pytest.mark.parametrize("seed", range(4))
def test_fields_match_the_heap_dijkstra_bit_for_bit(seed: int) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(12):
        h, w = int(rng.integers(1, 14)), int(rng.integers(1, 18))
        grid = NavGrid(_random_costs(rng, h, w))
        k = int(rng.integers(0, 4))
        goals = np.column_stack([rng.integers(-1, h + 1, k), rng.integers(-1, w + 1, k)])
        got = grid.flow_field(goals)
        want_dist, want_dir = _old_field(grid, goals)
        assert got.dist.tobytes() == want_dist.tobytes()
        assert got.dir.tobytes() == want_dir.tobytes()


def test_a_queue_out_of_room_starts_again_with_more(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(11)
    cost = _random_costs(rng, 12, 16)
    cost[cost == 0.0] = 1.0
    want = flow_field(cost, np.array([[3, 4], [9, 12]]))
    monkeypatch.setattr(nav, "_ROOM_PER_TILE", 1)  # far too little: the solve runs out and retries
    got = flow_field(cost, np.array([[3, 4], [9, 12]]))
    assert got.dist.tobytes() == want.dist.tobytes() and got.dir.tobytes() == want.dir.tobytes()


def test_grid_versions_with_earlier_walk_costs_share_their_preprocessing() -> None:
    rng = np.random.default_rng(2)
    shut = _random_costs(rng, 10, 14)
    shut[shut == 0.0] = 1.0
    open_ = shut.copy()
    open_[4, :] = 1.0  # a door row opens
    cache = FlowFieldCache()
    goals = np.array([[1, 2], [8, 11]])
    for version, cost in enumerate([shut, open_, shut, shut, open_]):
        got = cache.request(goals, version, tick=100 * version, walk_cost=cost.astype(np.float32))
        want = NavGrid(cost.astype(np.float32), version).flow_field(goals)
        assert got is not None and got.grid_version == version
        assert got.dist.tobytes() == want.dist.tobytes() and got.dir.tobytes() == want.dir.tobytes()
    assert len(cache._grids) == 2  # two cost grids: two builds for five versions
