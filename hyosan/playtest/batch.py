"""Batch playtests: one level, many seeds, in worker processes, with a summary.

Each seed is an independent process-safe job (``run_seed``): the level spec and the bot's name
travel to the worker, the worker builds its own world and bot, and sends back a JSON-ready
dict. ``jobs=1`` runs in this process (easier to debug, no pickling).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any, TextIO

from ..content.schema import LevelSpec
from ..control.bots import make_bot
from ..sim.objectives import Objectives
from ..sim.world import World
from .runner import run_level
from .stats import RunStats, summarize


def run_seed(level_ref: str, spec: LevelSpec, bot_name: str, seed: int, max_ticks: int | None = None,
             with_trace: bool = True, difficulty: str = "normal", reached: dict[str, Any] | None = None) -> dict[str, Any]:
    """Play one seed; the run's numbers plus (``trace``) what the report pictures need.
    ``reached`` (if given) is kept up to date with the ticks and seconds played: what a crashed
    run got to."""
    bot = make_bot(bot_name, seed)
    holder: dict[str, RunStats] = {}

    def start(world: World) -> None:
        holder["stats"] = RunStats(world)

    def observe(world: World, events: list[Any]) -> None:
        holder["stats"].observe(world, events)
        holder["world"] = world  # type: ignore[assignment]
        if reached is not None:
            reached["ticks"], reached["sim_seconds"] = world.tick, round(world.sim_seconds, 4)

    result = run_level(level_ref, spec, bot, bot_name, seed, max_ticks, observer=observe, on_start=start,
                       difficulty=difficulty, warmed=True)
    stats = holder["stats"]
    data = result.as_dict()
    world = holder.get("world")
    if world is not None:
        data.update(stats.summary(world))  # type: ignore[arg-type]
    else:  # not one tick ran (max_ticks 0)
        data.update({"peak_zombies": stats.peak_zombies, "zombies_spawned": stats.initial_zombies,
                     "noise_made": 0.0, "deaths": {}})
    if with_trace:
        data["trace"] = stats.trace(world)
    return data


def _safe_run_seed(level_ref: str, spec: LevelSpec, bot_name: str, seed: int, max_ticks: int | None,
                   with_trace: bool, difficulty: str = "normal") -> dict[str, Any]:
    """``run_seed``, but a crash becomes an ``error`` run instead of ending the whole batch: it
    keeps how far it got (``ticks``, ``sim_seconds``), and the summary leaves it out of every
    number (``stats.summarize``)."""
    reached: dict[str, Any] = {"ticks": 0, "sim_seconds": 0.0}
    try:
        return run_seed(level_ref, spec, bot_name, seed, max_ticks, with_trace, difficulty, reached)
    except Exception as exc:  # unattended batches report a crashing seed and carry on
        return {"level": level_ref, "seed": seed, "bot": bot_name, "outcome": "error", "cause": "",
                "error": f"{type(exc).__name__}: {exc}", **reached, "survivors": 0,
                "peak_zombies": 0, "zombies_spawned": 0, "noise_made": 0.0, "deaths": {}}


class ProgressBar:
    """A plain text progress bar on a stream (stderr), redrawn in place with ``\\r``."""

    def __init__(self, total: int, stream: TextIO | None = None, width: int = 30) -> None:
        self.total, self.stream, self.width = total, stream or sys.stderr, width
        self.done = self.wins = 0

    def update(self, run: dict[str, Any]) -> None:
        """Count one finished run and redraw."""
        self.done += 1
        self.wins += run["outcome"] == "win"
        filled = self.width * self.done // max(1, self.total)
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total} runs, "
                          f"{self.wins} won")
        if self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()


def default_jobs() -> int:
    """Worker processes when none are asked for: one per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # (no affinity call on macOS and Windows)
        return max(1, os.cpu_count() or 1)


Run = tuple[str, LevelSpec, str, int]  # level reference, its spec, bot name, seed


def run_many(runs: Sequence[Run], jobs: int | None = None, max_ticks: int | None = None,
             on_done: Callable[[int, dict[str, Any]], None] | None = None, with_trace: bool = True,
             difficulty: str = "normal") -> list[dict[str, Any]]:
    """Play every run in one pool of ``jobs`` processes (None: ``default_jobs``; 1, or a single
    run: in this process); the results in the order of ``runs``. ``on_done(i, result)`` hears
    each as it finishes (in any order). One pool for a whole pack keeps every core busy to the
    end, where a pool per level and bot left one idle whenever its seeds ran out unevenly."""
    jobs = default_jobs() if jobs is None else jobs
    out: list[dict[str, Any] | None] = [None] * len(runs)
    if jobs <= 1 or len(runs) <= 1:
        for i, (ref, spec, bot, seed) in enumerate(runs):
            out[i] = _safe_run_seed(ref, spec, bot, seed, max_ticks, with_trace, difficulty)
            if on_done is not None:
                on_done(i, out[i])  # type: ignore[arg-type]
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, len(runs))) as pool:
            futures = {pool.submit(_safe_run_seed, ref, spec, bot, seed, max_ticks, with_trace, difficulty): i
                       for i, (ref, spec, bot, seed) in enumerate(runs)}
            for fut in as_completed(futures):
                i = futures[fut]
                out[i] = fut.result()
                if on_done is not None:
                    on_done(i, out[i])  # type: ignore[arg-type]
    return out  # type: ignore[return-value]


def run_batch(level_ref: str, spec: LevelSpec, bot_name: str, seeds: Sequence[int], jobs: int | None = None,
              max_ticks: int | None = None, on_done: Callable[[dict[str, Any]], None] | None = None,
              with_trace: bool = True, difficulty: str = "normal") -> dict[str, Any]:
    """Run every seed (``jobs`` processes, None: ``default_jobs``); ``{"runs": [...] (by seed),
    "summary": {...}}``."""
    runs = run_many([(level_ref, spec, bot_name, seed) for seed in seeds], jobs, max_ticks,
                    None if on_done is None else (lambda _i, run: on_done(run)), with_trace, difficulty)
    return batch_of(level_ref, spec, bot_name, runs)


def batch_of(level_ref: str, spec: LevelSpec, bot_name: str, runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One level's and bot's runs as a batch: ``{"level", "bot", "runs" (by seed), "summary"}``."""
    runs = sorted(runs, key=lambda r: r["seed"])
    tracker = Objectives(spec)
    objectives = [(o.id, tracker.text(o)) for o in tracker.items if not o.optional]
    return {"level": level_ref, "bot": bot_name, "endless": spec.endless is not None, "runs": runs,
            "summary": summarize(runs, objectives)}


def parse_seeds(text: str) -> range:
    """``A:B`` -> seeds A..B-1 (like a Python slice). A lone number is refused: ``check
    --seeds 5`` plays five seeds, and a designer who typed the same here got one run of seed 5
    and read it as five."""
    try:
        a, b = (int(v) for v in text.split(":", 1))
    except ValueError:
        if text.strip().lstrip("+-").isdigit():
            n = int(text)
            many = max(n, 2)  # (the example plays a batch: "0:1 plays 1 seeds" says nothing)
            raise ValueError(f"--seeds takes A:B (seeds A to B-1): --seeds 0:{many} plays {many} seeds; "
                             f"one run of seed {n} is --seed {n}") from None
        raise ValueError(f"--seeds takes A:B (seeds A to B-1), e.g. --seeds 0:20, not {text!r}") from None
    if b <= a:
        raise ValueError(f"--seeds {text}: the range is empty (B must be greater than A)")
    if b - a > 100_000:
        raise ValueError(f"--seeds {text}: at most 100000 seeds per batch")
    return range(a, b)
