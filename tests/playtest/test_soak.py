"""Stamina: minutes of random play with level restarts, no exception, memory flat."""

from __future__ import annotations

from hyosan.playtest.bench_soak import playtest_speed, rss_bytes, soak


def test_four_simulated_minutes_of_random_play_keep_memory_flat() -> None:
    result = soak(sim_seconds=240, warmup_seconds=60)
    assert result["n"] == 240 and result["episodes"] >= 2  # the level ended and restarted at least once
    assert result["rss_growth_mb"] < 8.0, result
    assert result["median_ms"] is not None and result["median_ms"] > 0


def test_speed_benchmark_covers_every_shipped_level() -> None:
    rows = playtest_speed(sim_seconds=2)
    # Behaviour, not timing (the machine is shared): one row per shipped level, with a speed.
    assert {r["level"] for r in rows} >= {"hyosan/classroom-barricade", "horde-lab/crowd", "sandbox/first-steps"}
    assert all(r["sim_per_wall"] and r["sim_per_wall"] > 0 for r in rows)
    assert rss_bytes() > 1_000_000
