"""Stamina: minutes of random play with level restarts, no exception, memory flat."""

from __future__ import annotations

from pathlib import Path

from hyosan.playtest.bench_soak import playtest_full, playtest_speed, rss_bytes, soak

LEVELS = Path(__file__).resolve().parents[2] / "levels"


def test_four_simulated_minutes_of_random_play_keep_memory_flat() -> None:
    result = soak(sim_seconds=240, warmup_seconds=60)
    assert result["n"] == 240 and result["episodes"] >= 2  # the level ended and restarted at least once
    assert result["rss_growth_mb"] < 8.0, result
    assert result["median_ms"] is not None and result["median_ms"] > 0


def test_speed_benchmark_covers_every_shipped_level() -> None:
    # Which levels and what it reports, not how fast: speed is `hyosan bench`'s job (a timed
    # assertion fails on a loaded machine and proves nothing on an idle one).
    rows = playtest_speed(sim_seconds=0.5)
    shipped = {f"{p.parent.name}/{p.stem}" for p in LEVELS.glob("*/*.toml") if p.name != "pack.toml"}
    assert {r["level"] for r in rows} == shipped
    # the random bot everywhere, the solver only where it has a script (the campaign, the nights,
    # the practice corridor)
    assert {r["level"] for r in rows if r["bot"] == "random"} == shipped
    assert {r["level"] for r in rows if r["bot"] == "solver"} == \
        {ref for ref in shipped if ref.startswith(("hyosan/", "nights/")) or ref == "sandbox/quiet-corridor"}
    # and a baseline without the horde wherever there is one (the sandbox has none)
    assert {r["level"] for r in rows if r["bot"] == "random, no horde"} == shipped - {"sandbox/first-steps"}
    for r in rows:
        assert r["sim_seconds"] == 0.5 and r["wall_seconds"] > 0
        # wall_seconds is rounded to the ms and sim_per_wall to 0.1: half a simulated second of
        # a fast level takes ~7 ms of wall time, where the rounding alone is several per cent.
        wall_lo, wall_hi = r["wall_seconds"] - 0.0005, r["wall_seconds"] + 0.0005
        assert r["sim_seconds"] / wall_hi - 0.05 <= r["sim_per_wall"] <= r["sim_seconds"] / max(wall_lo, 1e-9) + 0.05
        assert r["budget_x"] == 50.0  # PERFORMANCE.md's line, printed beside each figure
    assert rss_bytes() > 1_000_000


def test_full_run_benchmark_plays_each_solver_to_its_end_or_the_cap() -> None:
    capped = playtest_full(cap_seconds=1.0)
    shipped = {f"{p.parent.name}/{p.stem}" for p in LEVELS.glob("*/*.toml") if p.name != "pack.toml"}
    solved = {ref for ref in shipped if ref.startswith(("hyosan/", "nights/")) or ref == "sandbox/quiet-corridor"}
    assert {r["level"] for r in capped} == solved
    for r in capped:  # nothing is won or lost in a second: every run stops at the cap
        assert (r["outcome"], r["sim_seconds"], r["n"]) == ("cap", 1.0, 1), r
        assert r["slowest_second_ms"] == r["median_ms"] > 0
    # The practice corridor's solver wins at 13.8 s (its PLAYTESTS.md): the row stops there, not at the cap.
    (corridor,) = playtest_full(cap_seconds=60.0, only=("sandbox/quiet-corridor",))
    assert (corridor["outcome"], corridor["sim_seconds"], corridor["n"]) == ("win", 13.8, 13)
    assert corridor["slowest_second_ms"] >= corridor["median_ms"]
    assert abs(corridor["sim_per_wall"] - 13.8 / corridor["wall_seconds"]) <= 0.05 * corridor["sim_per_wall"] + 0.1


def test_speed_rows_are_read_against_the_reference_machine_too() -> None:
    from hyosan.benchmarks.runner import REFERENCE_PYTHON_DICT_MS, with_reference_speed

    rows = [{"name": "playtest_full[a:solver]", "sim_per_wall": 30.0},
            {"name": "playtest_full[b:solver]", "sim_per_wall": None},
            {"name": "soak", "median_ms": 4.0}]
    out = with_reference_speed(rows, host_ms=3.0, factor=3.0 / REFERENCE_PYTHON_DICT_MS)
    assert out[0] == {"name": "host_python_dict_baseline", "n": 1000, "median_ms": 3.0,
                      "reference_ms": 2.0, "host_slower_by": 1.5}
    assert out[1]["sim_per_wall_at_reference"] == 45.0  # 1.5x slower here: 30x here reads 45x there
    assert "sim_per_wall_at_reference" not in out[2] and "sim_per_wall_at_reference" not in out[3]
    assert out[1:] == rows


def test_each_speed_row_is_read_against_the_baseline_timed_around_its_own_run(monkeypatch) -> None:
    # The host drifts within minutes: a row is scaled by the baseline timed right before and
    # after its run (their mean), not by one timed for the whole bench; the baseline row is
    # the median of all those timings.
    from hyosan.benchmarks import runner

    timings = iter([2.0, 4.0, 6.0, 10.0])  # ms: before/after the first run, then the second
    monkeypatch.setattr(runner, "host_baseline", lambda: (next(timings), 0.0))
    from hyosan.playtest.bench_soak import _timed_around

    def rows_of(host_baseline_ms):
        out = []
        for name in ("a", "b"):
            (speed,), host = _timed_around(lambda: (30.0,), host_baseline_ms)
            out.append({"name": name, "sim_per_wall": speed, **host})
        return out

    baseline, a, b = runner._speed_rows(rows_of)
    assert (a["host_baseline_ms"], a["sim_per_wall_at_reference"]) == (3.0, 45.0)  # 1.5x slower than 2.0 ms
    assert (b["host_baseline_ms"], b["sim_per_wall_at_reference"]) == (8.0, 120.0)  # 4x slower
    assert (baseline["median_ms"], baseline["host_slower_by"]) == (5.0, 2.5)


def test_a_run_timed_without_a_baseline_carries_none() -> None:
    from hyosan.playtest.bench_soak import _timed_around

    assert _timed_around(lambda: "ran", None) == ("ran", {})


def test_the_host_baseline_times_the_pure_python_pair_search() -> None:
    from hyosan.benchmarks.runner import REFERENCE_PYTHON_DICT_MS, host_baseline

    ms, factor = host_baseline(repeats=1)
    assert 0.05 < ms < 200.0  # a 1000-agent pure-Python pair search: milliseconds on any machine
    assert factor == ms / REFERENCE_PYTHON_DICT_MS
