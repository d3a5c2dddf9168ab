"""``hyosan bench``: named benchmarks, medians and tails, with baselines in the same run.

Each benchmark is a function returning rows ``{"name", "n", "median_ms", "p99_ms", ...}``;
figures on these shared machines are noisy, so compare rows of one run as ratios.
"""

from __future__ import annotations

import platform
import statistics
from collections.abc import Callable
from typing import Any

Rows = list[dict[str, Any]]


def _neighbours() -> Rows:
    from .neighbours import run

    return run()


def _kernels() -> Rows:
    from .kernels import run

    return run()


def _horde() -> Rows:
    from . import horde

    return horde.horde_tick_packed() + horde.horde_tick_uniform() + horde.horde_tick_churn()


def _horde_stages() -> Rows:
    from . import horde

    return horde.profile_stages()


def _render() -> Rows:
    from .render import frame_rows, startup_rows

    return frame_rows() + startup_rows()


# PERFORMANCE.md's reference machine: the pure-Python dict-of-lists pair search at N=1000 took
# 2.0 ms there. A headless tick is mostly CPython's interpreter (~55% of a Site run's samples
# under `perf`; chipmunk ~15%, numba and numpy ~6% each), so the same pure-Python baseline,
# timed in the same run, says how this host compares with that machine.
REFERENCE_PYTHON_DICT_MS = 2.0


def host_baseline(repeats: int = 9) -> tuple[float, float]:
    """(ms, factor): the pure-Python pair search at N=1000 here (median of ``repeats``), and
    how many times slower this host runs it than the reference machine (>1: slower)."""
    from .neighbours import python_dict_ms

    ms = python_dict_ms(1000, repeats)
    return ms, ms / REFERENCE_PYTHON_DICT_MS


def with_reference_speed(rows: Rows, host_ms: float, factor: float) -> Rows:
    """Each speed row also as the reference machine would read it (``sim_per_wall`` times how
    many times slower this host ran the baseline than the reference: an estimate, for reading a
    slow or busy host's figures; the budget itself is ``sim_per_wall``), and a baseline row with
    the host's own pure-Python time (``host_ms``, ``factor``). A row that carries its own
    ``host_baseline_ms`` (timed right around its run) is read against that; others against
    ``factor``."""
    for row in rows:
        if row.get("sim_per_wall") is not None:
            own = row.get("host_baseline_ms")
            row_factor = factor if own is None else own / REFERENCE_PYTHON_DICT_MS
            row["sim_per_wall_at_reference"] = round(row["sim_per_wall"] * row_factor, 1)
    baseline = {"name": "host_python_dict_baseline", "n": 1000, "median_ms": round(host_ms, 3),
                "reference_ms": REFERENCE_PYTHON_DICT_MS, "host_slower_by": round(factor, 2)}
    return [baseline, *rows]


def _speed_rows(rows_of: Callable[..., Rows]) -> Rows:
    """``rows_of`` with the host baseline timed right around each of its runs (the host's speed
    drifts within minutes), and the baseline row as the median of those timings."""
    timings: list[float] = []

    def baseline_ms() -> float:
        timings.append(host_baseline()[0])
        return timings[-1]

    rows = rows_of(host_baseline_ms=baseline_ms)
    ms = statistics.median(timings) if timings else baseline_ms()
    return with_reference_speed(rows, ms, ms / REFERENCE_PYTHON_DICT_MS)


def _playtest_speed() -> Rows:
    from ..playtest.bench_soak import playtest_speed

    return _speed_rows(playtest_speed)


def _playtest_full() -> Rows:
    from ..playtest.bench_soak import playtest_full

    return _speed_rows(playtest_full)


def _soak() -> Rows:
    from ..playtest.bench_soak import soak

    return [soak()]


BENCHMARKS: dict[str, tuple[Callable[[], Rows], str]] = {
    "neighbours": (_neighbours, "pair search three ways: numpy cell list vs Python dict vs naive numpy"),
    "kernels": (_kernels, "flow field, sound spread and sight kernels"),
    "horde": (_horde, "full World.step with a packed, uniform and churning horde (churn: 10 simulated minutes)"),
    "horde_stages": (_horde_stages, "where a packed horde tick spends its time, stage by stage"),
    "render": (_render, "a frame (tick + draw, 1280x720) with zombies on screen, and start-up"),
    "playtest_speed": (_playtest_speed, "headless speed of every shipped level, random bot and solver, and each without its horde (x real time, ticks only)"),
    "playtest_full": (_playtest_full, "headless speed of each shipped level's solver run, start to finish (x real time, ticks only)"),
    "soak": (_soak, "one simulated hour with the random bot: memory growth (slow)"),
}
DEFAULT = ("neighbours", "horde", "render", "playtest_speed")


def run(names: list[str], progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Run the named benchmarks (all defaults when empty); unknown names raise KeyError."""
    chosen = names or list(DEFAULT)
    unknown = [n for n in chosen if n not in BENCHMARKS]
    if unknown:
        raise KeyError(f"unknown benchmark {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
    rows: Rows = []
    for name in chosen:
        if progress:
            progress(name)
        rows.extend(BENCHMARKS[name][0]())
    import numpy
    import pymunk

    return {"benchmarks": rows, "platform": {
        "python": platform.python_version(), "machine": platform.machine(), "system": platform.system(),
        "numpy": numpy.__version__, "pymunk": pymunk.version,
    }}


def format_table(result: dict[str, Any]) -> str:
    """The rows as an aligned text table."""
    lines = [f"{'benchmark':<28} {'n':>6} {'median ms':>10} {'p99 ms':>9}  notes"]
    for row in result["benchmarks"]:
        notes = ", ".join(f"{k}={v}" for k, v in row.items() if k not in ("name", "n", "median_ms", "p99_ms"))
        p99 = row.get("p99_ms")
        lines.append(f"{row['name']:<28} {row.get('n', ''):>6} {row.get('median_ms', float('nan')):>10.3f} "
                     f"{'' if p99 is None else f'{p99:9.3f}'}  {notes}")
    return "\n".join(lines)
