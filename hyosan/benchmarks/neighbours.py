"""Neighbour-search baselines the bench compares the numpy CellList against."""

from __future__ import annotations

import math
import time
from functools import partial

import numpy as np
from numpy.typing import NDArray

from hyosan.sim.horde.spatial_hash import CellList


def pairs_python_dict(
    pos: NDArray[np.float64], radius: float
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Pairs (i<j) within radius px using a pure-Python dict-of-lists spatial hash."""
    # Cells a hair wider than the radius: with cells exactly ``radius`` wide, two agents exactly
    # ``radius`` apart can floor into cells two apart (x = -1e-49 and x = radius) and be missed.
    cell = float(radius) * (1.0 + 1e-9) if radius > 0 else 1.0
    r2 = float(radius) * float(radius)
    xs = [float(v) for v in pos[:, 0]]
    ys = [float(v) for v in pos[:, 1]]
    grid: dict[tuple[int, int], list[int]] = {}
    for k in range(len(xs)):
        grid.setdefault((math.floor(xs[k] / cell), math.floor(ys[k] / cell)), []).append(k)
    out_i: list[int] = []
    out_j: list[int] = []
    for (gx, gy), members in grid.items():
        for ox, oy in ((0, 0), (1, 0), (-1, 1), (0, 1), (1, 1)):
            other = members if (ox, oy) == (0, 0) else grid.get((gx + ox, gy + oy))
            if not other:
                continue
            for a_pos, a in enumerate(members):
                ax, ay = xs[a], ys[a]
                cand = other[a_pos + 1 :] if (ox, oy) == (0, 0) else other
                for b in cand:
                    dx = ax - xs[b]
                    dy = ay - ys[b]
                    if dx * dx + dy * dy <= r2:
                        if a < b:
                            out_i.append(a)
                            out_j.append(b)
                        else:
                            out_i.append(b)
                            out_j.append(a)
    return np.array(out_i, dtype=np.intp), np.array(out_j, dtype=np.intp)


def pairs_naive_numpy(
    pos: NDArray[np.float64], radius: float
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Pairs (i<j) within radius px by an O(n^2) numpy broadcast."""
    pos = np.asarray(pos, dtype=np.float64).reshape(-1, 2)
    dx = pos[:, None, 0] - pos[None, :, 0]
    dy = pos[:, None, 1] - pos[None, :, 1]
    close = (dx * dx + dy * dy) <= float(radius) ** 2
    i, j = np.nonzero(np.triu(close, 1))
    return i.astype(np.intp), j.astype(np.intp)


def pairs_cell_list(
    pos: NDArray[np.float64], radius: float, world_px: tuple[float, float]
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Pairs (i<j) within radius px with a fresh CellList (rebuild + query)."""
    cl = CellList(radius, world_px[0], world_px[1])
    cl.rebuild(pos)
    return cl.pairs_within(radius)


def _cell_list_tick(cl: CellList, pos: NDArray[np.float64], radius: float) -> None:
    """One tick of the production path: rebuild, then all pairs."""
    cl.rebuild(pos)
    cl.pairs_within(radius)


def _timings_ms(fn: object, repeats: int) -> tuple[float, float]:
    """(median, p99) wall time in ms of calling fn() `repeats` times after one warm-up."""
    assert callable(fn)
    fn()
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1e3)
    return float(np.median(samples)), float(np.percentile(samples, 99))


def python_dict_ms(n: int = 1000, repeats: int = 9, radius: float = 24.0,
                   world_px: tuple[float, float] = (2560.0, 1440.0), seed: int = 0) -> float:
    """Median ms of the pure-Python pair search alone, on ``run``'s scatter of ``n`` agents."""
    pos = np.random.default_rng(seed).uniform((0.0, 0.0), world_px, size=(n, 2))
    return _timings_ms(partial(pairs_python_dict, pos, radius), repeats)[0]


def run(
    ns: tuple[int, ...] = (1000, 3000),
    radius: float = 24.0,
    world_px: tuple[float, float] = (2560.0, 1440.0),
    repeats: int = 30,
    seed: int = 0,
) -> list[dict[str, float | int | str]]:
    """Median ms of CellList rebuild+pairs vs the two baselines, in the same run."""
    rng = np.random.default_rng(seed)
    cl = CellList(radius, world_px[0], world_px[1])
    rows: list[dict[str, float | int | str]] = []
    for n in ns:
        pos = rng.uniform((0.0, 0.0), world_px, size=(n, 2))

        slow = max(3, repeats // 5)
        variants = {
            "cell_list": (partial(_cell_list_tick, cl, pos, radius), repeats),
            "python_dict": (partial(pairs_python_dict, pos, radius), slow),
            "naive_numpy": (partial(pairs_naive_numpy, pos, radius), slow),
        }
        for name, (fn, reps) in variants.items():
            median, p99 = _timings_ms(fn, reps)
            rows.append({"name": f"neighbours_{name}", "n": n, "median_ms": round(median, 3), "p99_ms": round(p99, 3)})
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']:28s} n={row['n']:6d} {row['median_ms']:8.3f} ms")
