"""``hyosan bench``: named benchmarks, medians and tails, with baselines in the same run.

Each benchmark is a function returning rows ``{"name", "n", "median_ms", "p99_ms", ...}``;
figures on these shared machines are noisy, so compare rows of one run as ratios.
"""

from __future__ import annotations

import platform
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


def _playtest_speed() -> Rows:
    from ..playtest.bench_soak import playtest_speed

    return playtest_speed()


def _playtest_full() -> Rows:
    from ..playtest.bench_soak import playtest_full

    return playtest_full()


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
