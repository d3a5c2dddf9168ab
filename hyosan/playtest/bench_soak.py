"""Stamina and speed benchmarks for ``hyosan bench``: long runs with flat memory, and sim speed.

Each function returns a JSON-ready dict with at least ``name``, ``n`` and ``median_ms``.
"""

from __future__ import annotations

import dataclasses
import gc
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from ..content.discovery import discover_packs
from ..control.bots import make_bot
from ..sim.jit import preload
from ..sim.world import World
from .runner import warm


def rss_bytes() -> int:
    """The process's resident set size now (bytes): /proc on Linux, else the peak from getrusage."""
    try:
        with open("/proc/self/statm") as f:
            import os

            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return int(peak if sys.platform == "darwin" else peak * 1024)


def _shipped_levels() -> list[tuple[str, Any]]:
    return [(f"{e.pack.id}/{lv.id}", lv) for e in discover_packs() if e.pack is not None for lv in e.pack.levels]


def _play_chunks(spec: Any, seed: int, bot: str, ticks: int,
                 at_tick: dict[int, Callable[[], None]] | None = None) -> tuple[list[float], int, float]:
    """Play ``ticks`` ticks with ``bot``, restarting the level whenever it ends (collecting at
    each restart, a level transition); returns ms per simulated second, the episodes, and the
    wall seconds spent ticking. A restart's time (the collection, the new world) is left out
    of both: a playtest's ``wall_seconds`` counts the ticks only, and so does this."""
    episode = 0
    world = World.from_spec(spec, seed)
    player = make_bot(bot, seed)
    player.reset(world)
    chunk_ms: list[float] = []
    t0 = started = time.perf_counter()
    restarts = 0.0  # s
    for tick in range(ticks):
        if world.outcome is not None:  # restart: churn worlds, spaces and bodies like a long session
            paused = time.perf_counter()
            episode += 1
            del world
            gc.collect()
            world = World.from_spec(spec, seed + episode)
            player.reset(world)
            spent = time.perf_counter() - paused
            t0 += spent
            restarts += spent
        world.step(player.act(world))
        if (tick + 1) % 60 == 0:
            now = time.perf_counter()
            chunk_ms.append((now - t0) * 1000)
            t0 = now
        if at_tick and tick + 1 in at_tick:
            at_tick[tick + 1]()
    return chunk_ms, episode + 1, time.perf_counter() - started - restarts


def soak(sim_seconds: float = 3600.0, level: str | None = None, bot: str = "random", warmup_seconds: float = 120.0,
         seed: int = 0) -> dict[str, Any]:
    """Play ``sim_seconds`` with the random bot, restarting the level whenever it ends; RSS growth after warm-up.

    ``median_ms`` is the median wall time of one simulated second (60 ticks).
    """
    levels = _shipped_levels()
    ref, spec = next((lv for lv in levels if lv[0] == level), levels[0])
    total_ticks = int(sim_seconds * 60)
    warm_ticks = int(min(warmup_seconds, sim_seconds / 4) * 60)
    rss_start = rss_bytes()
    marks: dict[str, int] = {}

    def after_warmup() -> None:
        gc.collect()
        marks["rss"] = rss_bytes()

    started = time.perf_counter()
    chunk_ms, episodes, _ = _play_chunks(spec, seed, bot, total_ticks, {warm_ticks: after_warmup})
    rss_after_warmup = marks.get("rss", rss_start)
    wall = time.perf_counter() - started
    gc.collect()
    rss_end = rss_bytes()
    hours = max(1e-9, (total_ticks - warm_ticks) / 60 / 3600)
    growth = rss_end - rss_after_warmup
    return {
        "name": "soak", "level": ref, "bot": bot, "n": len(chunk_ms),
        "median_ms": round(statistics.median(chunk_ms), 3) if chunk_ms else None,
        "p90_ms": round(statistics.quantiles(chunk_ms, n=10)[-1], 3) if len(chunk_ms) >= 10 else None,
        "sim_seconds": round(total_ticks / 60, 1), "wall_seconds": round(wall, 2), "episodes": episodes,
        "rss_start_mb": round(rss_start / 2**20, 2), "rss_after_warmup_mb": round(rss_after_warmup / 2**20, 2),
        "rss_end_mb": round(rss_end / 2**20, 2), "rss_growth_mb": round(growth / 2**20, 2),
        "rss_growth_mb_per_hour": round(growth / 2**20 / hours, 2),
        "budget_mb_per_hour": 10.0,
    }


SPEED_BUDGET_X = 50.0  # x real time: PERFORMANCE.md's budget for a headless playtest of any shipped level


def _timed_around(run: Callable[[], Any], host_baseline_ms: Callable[[], float] | None) -> tuple[Any, dict[str, float]]:
    """``run()``, and with ``host_baseline_ms`` the host's baseline (ms) timed right before and
    right after it, their mean as ``{"host_baseline_ms": ...}``: this host's speed drifts by up
    to a third within minutes, so a row read against a baseline timed minutes away (one for the
    whole bench) is read against another machine's speed."""
    if host_baseline_ms is None:
        return run(), {}
    before = host_baseline_ms()
    got = run()
    return got, {"host_baseline_ms": round((before + host_baseline_ms()) / 2, 3)}


def _play_to_outcome(spec: Any, seed: int, cap: int) -> tuple[World, list[float], float]:
    """The solver's run of ``spec`` to its outcome or ``cap`` ticks: the world, ms per simulated
    second, and the wall seconds spent in ``World.step`` and the bot (a playtest's wall_seconds)."""
    world = World.from_spec(spec, seed)
    player = make_bot("solver", seed)
    player.reset(world)
    chunk_ms: list[float] = []
    wall = 0.0  # s
    gc.freeze()  # as ``runner.run_level`` does around its ticks
    t0 = time.perf_counter()
    try:
        while world.outcome is None and world.tick < cap:
            world.step(player.act(world))
            if world.tick % 60 == 0:
                now = time.perf_counter()
                chunk_ms.append((now - t0) * 1000)
                wall += now - t0
                t0 = now
        wall += time.perf_counter() - t0
    finally:
        gc.unfreeze()
    return world, chunk_ms, wall


def playtest_speed(sim_seconds: float = 30.0, bots: tuple[str, ...] = ("random", "solver"),
                   seed: int = 0, host_baseline_ms: Callable[[], float] | None = None) -> list[dict[str, Any]]:
    """For each shipped level and bot (after ``runner.warm``): simulated seconds per wall second (ticks only, as a
    playtest's ``speed_x_realtime``), and ms per simulated second. The random bot touches every
    command; the solver plays a level the way it is won, or a night held (levels with no solver get no
    solver row: it would stand still there). Each level with a horde also gets a baseline
    row, ``random, no horde``: the same level with its zombie groups, waves and spawners taken
    out, so the table says how much of a tick the horde costs and how much everything else
    (students, props, doors, light, weather) does, in the same run. ``host_baseline_ms``: see
    ``_timed_around``."""
    from ..control.solvers import solver_for

    preload()  # (every cached kernel in now: one a level first needs late would load inside its timed run)
    out = []
    for ref, spec in _shipped_levels():
        runs = [(bot, spec) for bot in bots if bot != "solver" or solver_for(spec) is not None]
        if "random" in bots and (spec.zombies or spec.waves or spec.spawners):
            runs.append(("random, no horde", dataclasses.replace(spec, zombies=(), waves=(), spawners=())))
        for label, level in runs:
            ticks = int(sim_seconds * 60)
            warm(ref, level, label.split(",")[0], seed, ticks=ticks)
            (chunk_ms, episodes, wall), host = _timed_around(
                partial(_play_chunks, level, seed, label.split(",")[0], ticks), host_baseline_ms)
            sim = ticks / 60  # s
            out.append({
                "name": f"playtest_speed[{ref}:{label}]", "level": ref, "bot": label, "n": len(chunk_ms),
                "median_ms": round(statistics.median(chunk_ms), 3) if chunk_ms else None,
                "sim_seconds": round(sim, 1), "wall_seconds": round(wall, 3), "episodes": episodes,
                "sim_per_wall": round(sim / wall, 1) if wall > 0 else None,
                "budget_x": SPEED_BUDGET_X, **host,
            })
    return out


FULL_RUN_CAP_S = 600.0  # s simulated: the longest shipped run (a night, ~6:10) with room to spare


def playtest_full(seed: int = 0, cap_seconds: float = FULL_RUN_CAP_S,
                  only: tuple[str, ...] | None = None,
                  host_baseline_ms: Callable[[], float] | None = None) -> list[dict[str, Any]]:
    """For each shipped level with a solver: its whole run, start to outcome (or ``cap_seconds``),
    as a playtest times it (ticks only, after ``runner.warm``, with what the process held frozen). ``playtest_speed`` times each level's first half minute;
    this row also covers the later stretches, where waves change the horde (the Classroom's
    grows from 165 zombies, 16 awake, at 20 s to 245, all awake, by its end; a night's from
    1 to ~135), and ``slowest_second_ms`` says how slow the worst simulated second was.
    ``only``: these level refs ("pack/level") alone. ``host_baseline_ms``: see ``_timed_around``."""
    from ..control.solvers import solver_for

    preload()  # (as in playtest_speed)
    out = []
    for ref, spec in _shipped_levels():
        if solver_for(spec) is None or (only is not None and ref not in only):
            continue
        warm(ref, spec, "solver", seed, ticks=int(cap_seconds * 60))
        (world, chunk_ms, wall), host = _timed_around(
            partial(_play_to_outcome, spec, seed, int(cap_seconds * 60)), host_baseline_ms)
        sim = world.tick / 60  # s
        out.append({
            "name": f"playtest_full[{ref}:solver]", "level": ref, "bot": "solver", "n": len(chunk_ms),
            "median_ms": round(statistics.median(chunk_ms), 3) if chunk_ms else None,
            "slowest_second_ms": round(max(chunk_ms), 3) if chunk_ms else None,
            "outcome": world.outcome or "cap", "sim_seconds": round(sim, 1), "wall_seconds": round(wall, 3),
            "sim_per_wall": round(sim / wall, 1) if wall > 0 else None, "budget_x": SPEED_BUDGET_X, **host,
        })
    return out
