"""Classroom Barricade, headless: bots play it without error; the slow proof that the solver
wins it and standing still loses it."""

from __future__ import annotations

import pytest

from hyosan.content.discovery import resolve_level
from hyosan.control.bots import make_bot
from hyosan.playtest.batch import run_batch
from hyosan.playtest.runner import run_level
from hyosan.sim.units import TICK_HZ

LEVEL = "hyosan/classroom-barricade"


@pytest.mark.parametrize("bot", ["random", "solver"])
def test_classroom_barricade_runs_twenty_seconds_headless(bot: str) -> None:
    ref, spec = resolve_level(LEVEL, None)
    result = run_level(ref, spec, make_bot(bot, 0), bot, 0, max_ticks=20 * TICK_HZ)
    if bot == "solver":  # the barricade is up and everyone is alive; nobody wins that fast
        assert result.outcome == "timeout" and result.ticks == 20 * TICK_HZ and result.survivors == 4
    else:  # button-mashing opens the doors to the radio's crowd: it may already be over
        assert result.outcome in ("timeout", "loss") and result.ticks <= 20 * TICK_HZ


@pytest.mark.slow
def test_classroom_barricade_is_won_by_the_solver_and_lost_by_idling() -> None:
    ref, spec = resolve_level(LEVEL, None)
    idle = run_batch(ref, spec, "idle", range(5), jobs=2, with_trace=False)
    assert [r["outcome"] for r in idle["runs"]] == ["loss"] * 5
    solver = run_batch(ref, spec, "solver", range(5), jobs=2, with_trace=False)
    wins = [r for r in solver["runs"] if r["outcome"] == "win"]
    assert len(wins) >= 3, [(r["seed"], r["outcome"], r["cause"]) for r in solver["runs"]]
    assert all(r["sim_seconds"] <= spec.time_limit_seconds for r in wins)


SITE = "hyosan/construction-site-stand"


def test_construction_site_stand_solver_braces_the_north_door_in_thirty_seconds() -> None:
    ref, spec = resolve_level(SITE, None)
    result = run_level(ref, spec, make_bot("solver", 0), "solver", 0, max_ticks=30 * TICK_HZ)
    assert result.outcome == "timeout" and result.survivors == 4


def test_construction_site_stand_is_lost_by_idling_when_the_radio_brings_the_crowd() -> None:
    ref, spec = resolve_level(SITE, None)
    result = run_level(ref, spec, make_bot("idle", 0), "idle", 0, max_ticks=60 * TICK_HZ)
    assert result.outcome == "loss" and result.cause == "everyone-down"
    assert 25.0 < result.ticks / TICK_HZ < 60.0  # the unbraced north lock gives way after the radio


@pytest.mark.slow
def test_construction_site_stand_is_won_by_the_solver_and_lost_by_idling() -> None:
    ref, spec = resolve_level(SITE, None)
    idle = run_batch(ref, spec, "idle", range(5), jobs=2, with_trace=False)
    assert [r["outcome"] for r in idle["runs"]] == ["loss"] * 5
    solver = run_batch(ref, spec, "solver", range(5), jobs=2, with_trace=False)
    wins = [r for r in solver["runs"] if r["outcome"] == "win"]
    assert len(wins) >= 3, [(r["seed"], r["outcome"], r["cause"]) for r in solver["runs"]]
    assert all(r["zombies_spawned"] >= 800 for r in solver["runs"])
