"""Timings of the full sim tick with a horde (``World.step``, median ms), and a per-stage split.

Every function returns a list of rows ``{"name", "n", "median_ms", "p99_ms", ...}`` (the
churn run adds ``p99_9_ms``, ``over_16_7ms`` and ``full_gc``); ``profile_stages`` returns one
row per stage. The lead wires these into ``hyosan bench``.

Figures are wall-clock (``time.perf_counter``) on a shared machine: read them as medians and
compare variants as ratios measured in the same run.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable

import numpy as np

from hyosan.sim.commands import EMPTY_INPUT
from hyosan.sim.horde.horde import CHASE, WANDER
from hyosan.sim.units import TICK_HZ, TILE_PX
from hyosan.sim.world import World

from .scenarios import packed_level, press_against_barricade, uniform_level

SIZES = (1000, 3000, 5000)
FRAME_MS = 1000.0 / 60.0  # 16.7 ms: a tick slower than this drops a frame


def _row(name: str, n: int, ts: list[float], **extra: object) -> dict:
    ms = np.asarray(ts) * 1e3
    row = {"name": name, "n": int(n), "median_ms": float(np.median(ms)), "p99_ms": float(np.percentile(ms, 99))}
    # The horde decides every 3rd tick (horde.DECIDE_TICKS), so the median is a tick between
    # decisions: the mean over whole decision cycles says what a tick costs on average.
    row["mean_ms"] = round(float(ms.mean()), 3)
    row.update(extra)
    return row


def _timed(world: World, ticks: int, before: Callable[[World, int], None]) -> list[float]:
    ts = []
    for t in range(ticks):
        before(world, t)
        a = time.perf_counter()
        world.step(EMPTY_INPUT)
        ts.append(time.perf_counter() - a)
    return ts


def _press(world: World, t: int) -> None:
    if t % 60 == 0:
        press_against_barricade(world)


def packed_world(n: int, warmup: int = 600) -> World:
    """``n`` zombies pressed against the barricade for ``warmup`` ticks (a settled pile)."""
    world = World.from_spec(packed_level(n), 0)
    for t in range(warmup):
        _press(world, t)
        world.step(EMPTY_INPUT)
    return world


def horde_tick_packed(sizes: Iterable[int] = SIZES, ticks: int = 300, warmup: int = 600) -> list[dict]:
    """Full tick with the horde packed against a barricade (re-sent every second)."""
    rows = []
    for n in sizes:
        world = packed_world(n, warmup)
        ts = _timed(world, ticks, _press)
        assert world.outcome is None, "the packed level ended during the run"
        rows.append(_row("horde_tick_packed", n, ts, max_per_cell=int(world.horde.cells.density().max())))
    return rows


def _uniform_driver(chasers: float) -> Callable[[World, int], None]:
    """Wandering horde; every second a fresh fraction ``chasers`` (the nearest to the
    student) is set chasing (flow field + sight every tick), the previous ones wander again."""

    def before(world: World, t: int) -> None:
        for s in world.students:  # bitten as often as it comes, but never turned: the run goes on
            s.health = 1.0e9  # however many bite in one tick
            s.infected_ticks = 0
            if t % 60 == 0:  # and never shoved by the horde all the way to the exit (a win)
                home = s.__dict__.setdefault("_bench_home", tuple(world.bodies.pos[s.index]))
                p = world.bodies.pos[s.index]
                if abs(p[0] - home[0]) + abs(p[1] - home[1]) > 2 * TILE_PX:
                    s.body.position = home
                    s.body.velocity = (0.0, 0.0)
        if t % 60:
            return
        h = world.horde
        state = h.state
        state[state == CHASE] = WANDER
        k = int(h.n * chasers)
        if k == 0:
            return
        student = world.bodies.pos[world.students[0].index]
        d = np.hypot(h.pos[:, 0] - student[0], h.pos[:, 1] - student[1])
        state[np.argsort(d, kind="stable")[:k]] = CHASE

    return before


def horde_tick_uniform(sizes: Iterable[int] = SIZES, ticks: int = 300, warmup: int = 120,
                       chasers: float = 0.1) -> list[dict]:
    """Full tick with the horde spread over a 160x90 yard, wandering, ``chasers`` of it chasing."""
    rows = []
    drive = _uniform_driver(chasers)
    for n in sizes:
        world = World.from_spec(uniform_level(n), 0)
        _timed(world, warmup, drive)
        ts = _timed(world, ticks, drive)
        assert world.outcome is None, "the uniform level ended during the run"
        rows.append(_row("horde_tick_uniform", n, ts))
    return rows


def horde_tick_churn(n: int = 1000, minutes: float = 10.0, churn_per_second: float = 20.0) -> list[dict]:
    """1000 zombies for ``minutes`` simulated minutes while ``churn_per_second`` die and as
    many spawn (``request_kill`` / ``request_spawn``), a tenth of them chasing.

    ``gc.freeze()`` after the level loads (as the game does); a ``gc.callbacks`` hook counts
    generation-2 (full) collections during the run: the row's ``full_gc`` should be 0.
    Reports p99.9 and how many ticks took longer than a 60 Hz frame."""
    world = World.from_spec(uniform_level(n), 0)
    h = world.horde
    rng = np.random.default_rng(1234)  # the benchmark's own choices, never the sim RNG
    w_px = (world.tilemap.cols - 2) * TILE_PX
    h_px = (world.tilemap.rows - 2) * TILE_PX
    walker = world.breeds.index("walker")
    drive = _uniform_driver(0.1)
    per_tick = churn_per_second / TICK_HZ
    owed = 0.0

    def before(world: World, t: int) -> None:
        nonlocal owed
        drive(world, t)
        owed += per_tick
        k = int(owed)
        owed -= k
        if k == 0 or h.n == 0:
            return
        for row in rng.choice(h.n, size=min(k, h.n), replace=False).tolist():
            h.request_kill(row)
        for x, y in rng.uniform(TILE_PX * 2, (w_px, h_px), size=(k, 2)).tolist():
            h.request_spawn(x, y, walker, WANDER)

    _timed(world, 120, before)  # warm up: caches, flow fields
    gc.collect()
    gc.freeze()
    full = [0]

    def on_gc(phase: str, info: dict) -> None:
        if phase == "start" and info.get("generation") == 2:
            full[0] += 1

    gc.callbacks.append(on_gc)
    try:
        ts = _timed(world, int(minutes * 60 * TICK_HZ), before)
    finally:
        gc.callbacks.remove(on_gc)
        gc.unfreeze()
    assert world.outcome is None, "the level ended during the churn run"
    ms = np.asarray(ts) * 1e3
    return [_row("horde_tick_churn", n, ts, p99_9_ms=float(np.percentile(ms, 99.9)),
                 over_16_7ms=int((ms > FRAME_MS).sum()), max_ms=float(ms.max()), full_gc=full[0],
                 spawned=h.spawned_total, killed=h.killed_total)]


# ------------------------------------------------------------------------------ stages
_HORDE_STAGES = (
    ("senses", ("_hear", "_see")),
    ("steering", ("_steer",)),
    ("crowd", ("_crowd_counts",)),
    ("separation", ("_find_candidates", "_accelerate_and_separate")),  # with the acceleration
    ("keep_out", ("keep_out",)),
    ("bites", ("bites",)),
    ("spawn_death_settle", ("apply_pending",)),
)


def _wrap(obj: object, attr: str, acc: dict[str, float], stage: str) -> None:
    fn = getattr(obj, attr)

    def timed(*args, **kwargs):
        a = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            acc[stage] += time.perf_counter() - a

    setattr(obj, attr, timed)


def profile_stages(n: int = 1000, ticks: int = 300, warmup: int = 600) -> list[dict]:
    """Mean ms per tick of each stage of ``World.step`` on the packed scenario: senses (hearing
    and sight), steering (states, flow fields), crowd (density and jam), separation, the batch
    write and read, the pymunk step, keep_out, bites, spawn/death, and the rest of the tick
    (``other``: world bookkeeping, doors, the horde's own glue). One row per stage, with
    ``median_ms`` the per-tick mean of that stage and ``share`` its fraction of the tick."""
    world = packed_world(n, warmup)
    acc: dict[str, float] = {}
    for stage, attrs in _HORDE_STAGES:
        acc[stage] = 0.0
        for attr in attrs:
            _wrap(world.horde, attr, acc, stage)
    for stage, obj, attr in (("batch_write", world.bodies, "write_velocities"),
                             ("batch_read", world.bodies, "read"),
                             ("pymunk_step", world.space, "step")):
        acc[stage] = 0.0
        _wrap(obj, attr, acc, stage)
    ts = _timed(world, ticks, _press)
    assert world.outcome is None, "the packed level ended during the profile"
    total = float(np.sum(ts))
    rows = [{"name": f"stage:{stage}", "n": n, "median_ms": secs / ticks * 1e3, "share": secs / total}
            for stage, secs in acc.items()]
    other = total - sum(acc.values())
    rows.append({"name": "stage:other", "n": n, "median_ms": other / ticks * 1e3, "share": other / total})
    rows.append({"name": "stage:total", "n": n, "median_ms": total / ticks * 1e3, "share": 1.0,
                 "tick_median_ms": float(np.median(ts) * 1e3)})
    return rows


def _print(rows: list[dict]) -> None:
    for r in rows:
        extra = " ".join(f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}" for k, v in r.items()
                         if k not in ("name", "n", "median_ms"))
        print(f"{r['name']:<24} n={r['n']:<5} {r['median_ms']:8.2f} ms  {extra}")


if __name__ == "__main__":
    import sys

    which = sys.argv[1] if len(sys.argv) > 1 else "stages"
    sizes = tuple(int(a) for a in sys.argv[2:]) or SIZES
    if which == "stages":
        for n in sizes:
            _print(profile_stages(n))
    elif which == "packed":
        _print(horde_tick_packed(sizes))
    elif which == "uniform":
        _print(horde_tick_uniform(sizes))
    elif which == "churn":
        _print(horde_tick_churn(sizes[0] if len(sys.argv) > 2 else 1000))
