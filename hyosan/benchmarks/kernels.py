"""Timings of the nav, noise and sight kernels on a 160x90 tile level (median ms)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from hyosan.sim.nav import NavGrid, flow_field
from hyosan.sim.noise import T_CLOSED_DOOR, sound_reach
from hyosan.sim.sight import can_see, round_robin_slice

from .neighbours import _timings_ms

H, W = 90, 160  # tiles


def school_walk_cost() -> NDArray[np.float32]:
    """A 160x90 test floor: a 4-tile corridor across the middle, classrooms above and below
    (walls every 20 tiles), one door per classroom (every other one closed: cost 8)."""
    cost = np.ones((H, W), dtype=np.float32)
    mid = H // 2
    for r in (mid - 3, mid + 2):  # corridor walls
        cost[r, :] = np.inf
    for c in range(0, W, 20):  # classroom dividers
        cost[:, c] = np.inf
        cost[mid - 2 : mid + 2, c] = 1.0  # corridor runs through
    for k, c in enumerate(range(10, W, 20)):
        cost[mid - 3, c] = 8.0 if k % 2 else 1.0
        cost[mid + 2, c] = 1.0 if k % 2 else 8.0
    cost[0, :] = cost[-1, :] = np.inf
    cost[:, 0] = cost[:, -1] = np.inf
    return cost


def rooms_walk_cost() -> NDArray[np.float32]:
    """A worst case: 6x8 rooms whose doors force a zig-zag path across the whole map."""
    cost = np.ones((H, W), dtype=np.float32)
    for r in range(15, H, 15):
        cost[r, :] = np.inf
        cost[r, 5::20] = 1.0
        cost[r, 12::40] = 8.0
    for c in range(20, W, 20):
        cost[:, c] = np.inf
        cost[7::15, c] = 1.0
    return cost


def _median_ms(fn: Callable[[], object], repeats: int) -> float:
    """Median wall time in ms (shared timing loop with the neighbour benchmark)."""
    return _timings_ms(fn, repeats)[0]


def run(repeats: int = 20) -> list[dict[str, float | int | str]]:
    """Median ms per call for each kernel."""
    rows: list[dict[str, float | int | str]] = []
    goal = np.array([[H // 2 + 1, W - 5]])  # a floor tile on every test map
    for name, cost in (
        ("open", np.ones((H, W), dtype=np.float32)),
        ("school", school_walk_cost()),
        ("rooms_zigzag", rooms_walk_cost()),
    ):
        grid = NavGrid(cost)
        rows.append({"name": f"nav.flow_field.{name}", "n": H * W,
                     "median_ms": _median_ms(lambda c=cost: flow_field(c, goal), repeats)})
        rows.append({"name": f"nav.goal_only.{name}", "n": H * W,
                     "median_ms": _median_ms(lambda g=grid: g.flow_field(goal), repeats)})
        trans = np.where(np.isinf(cost), 0.0, np.where(cost > 1, T_CLOSED_DOOR, 1.0))
        for loud in (180.0, 420.0, 2400.0):
            rows.append({"name": f"noise.sound_reach.{name}.{int(loud)}px", "n": H * W,
                         "median_ms": _median_ms(
                             lambda t=trans, ld=loud: sound_reach(t, (H // 2 + 1, 21), ld), repeats)})
    rng = np.random.default_rng(0)
    opaque = np.isinf(school_walk_cost())
    for n in (1000, 3000):
        zp = rng.uniform((0, 0), (W * 16, H * 16), size=(n, 2))
        f = rng.normal(size=(n, 2))
        f /= np.linalg.norm(f, axis=1, keepdims=True)
        ch = rng.random(n) < 0.3
        tp = rng.uniform((0, 0), (W * 16, H * 16), size=(6, 2))
        lr = np.full(6, 320.0)
        sl = round_robin_slice(n, 0)
        args = (zp[sl], f[sl], ch[sl], tp, lr, opaque)
        rows.append({"name": "sight.can_see.20hz_slice", "n": n,
                     "median_ms": _median_ms(lambda a=args: can_see(*a), repeats)})
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']:40s} n={row['n']:6d} {row['median_ms']:8.3f} ms")
