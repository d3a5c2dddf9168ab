"""Endless levels (``[endless]``): no objectives and no clock, spawners that come faster as the
night goes on, and a score for how long and how well the squad held out."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import numpy as np
import pytest

from hyosan.content.errors import LevelError
from hyosan.content.loader import load_level
from hyosan.sim import commands as cmd
from hyosan.sim import events as ev
from hyosan.sim.horde.horde import IDLE, INVESTIGATE
from hyosan.sim.objectives import ENDLESS_POINTS_PER_SECOND, ENDLESS_POINTS_PER_ZOMBIE
from hyosan.sim.units import TICK_HZ
from hyosan.sim.world import World
from tests.helpers import ENDLESS_YARD

# A yard with a spawner in its north-west corner; the squad stands in the open to the south.
NIGHT = '''
id = "night"
title = "Night test"

[endless]
ramp_every_seconds = 10
ramp = 0.5
ramp_max = 2.0
star_seconds = [5, 15, 30]

''' + ENDLESS_YARD + '''
[[squad]]
id = "on-jo"
at = [15, 8]
lead = true

[[squad]]
id = "mi-jin"
at = [16, 8]

[[spawners]]
id = "s1"
breed = "walker"
zone = [1, 1, 4, 3]
per_minute = 60
max_alive = 6
'''


def night(tmp_path: Path, text: str = NIGHT):
    path = tmp_path / "night.toml"
    path.write_text(text)
    return load_level(path)


def walled_off(spec):
    """``spec`` with the spawner's corner (tiles 1-4 x 1-2) shut in: nothing it makes gets out."""
    rows = [list(r) for r in spec.map.rows]
    rows[1][5] = rows[2][5] = "#"
    rows[3][:6] = "######"
    return dataclasses.replace(spec, map=dataclasses.replace(spec.map, rows=tuple("".join(r) for r in rows)))


def problems(tmp_path: Path, text: str) -> dict[str, str]:
    with pytest.raises(LevelError) as info:
        night(tmp_path, text)
    return {p.field: f"{p.code}: {p.message}" for p in info.value.problems}


def test_an_endless_level_loads_with_no_time_rule_and_no_exit(tmp_path: Path) -> None:
    spec = night(tmp_path)
    assert spec.endless is not None and spec.endless.star_seconds == (5.0, 15.0, 30.0)
    assert spec.lose == ("everyone-down",)  # not the default's "time": the night has no clock
    assert spec.objectives == ()  # and it needs no exit, which this map does not have
    assert [spec.endless.multiplier(s) for s in (0, 9.9, 10, 19.9, 20, 600)] == [1.0, 1.0, 1.5, 1.5, 2.0, 2.0]


@pytest.mark.parametrize(("change", "path", "words"), [
    ('[endless]\n', "objectives", "[[objectives]]\nid = \"out\"\nkind = \"reach-exit\"\n\n[endless]\n"),
    ('[endless]\n', "lose", 'lose = ["everyone-down", "time"]\n\n[endless]\n'),
    ('[endless]\n', "time_limit_seconds", "time_limit_seconds = 300\n\n[endless]\n"),
    ('[endless]\n', "par_seconds", "par_seconds = 300\n\n[endless]\n"),
    ("star_seconds = [5, 15, 30]", "endless.star_seconds", "star_seconds = [5, 30, 15]"),
    ("star_seconds = [5, 15, 30]", "endless.star_seconds", "star_seconds = [5, 15]"),
])
def test_what_an_endless_level_cannot_have_is_named_with_the_fix(tmp_path: Path, change: str, path: str,
                                                                   words: str) -> None:
    found = problems(tmp_path, NIGHT.replace(change, words, 1))
    assert path in found, found
    message = found[path]
    if path == "objectives":
        assert message.startswith("conflict") and "Remove the [[objectives]] entries" in message
    elif path == "lose":
        assert "take 'time' out of 'lose'" in message
    elif path in ("time_limit_seconds", "par_seconds"):
        assert message.startswith("conflict") and f"remove '{path}'" in message
    else:
        assert message.startswith("bad-value") and ("must rise" in message or "three times" in message)


def test_an_endless_level_without_spawners_is_refused(tmp_path: Path) -> None:
    text = NIGHT[:NIGHT.index("[[spawners]]")]
    found = problems(tmp_path, text)
    assert found["spawners"].startswith("missing-key") and "at least one [[spawners]]" in found["spawners"]


def test_the_spawners_step_up_on_schedule_and_bring_more(tmp_path: Path) -> None:
    """Every 10 s the spawners' rate and cap go up by half, to at most twice: the events say
    so, and the spawner lets more zombies up at once (its cap of 6 becomes 9, then 12)."""
    spec = walled_off(night(tmp_path))  # nothing the spawner makes reaches the squad or dies
    world = World.from_spec(spec, seed=3)
    grows: list[tuple[int, float]] = []
    peak_by_step: dict[float, int] = {}
    for _ in range(27 * TICK_HZ):
        for e in world.step(cmd.EMPTY_INPUT):
            if isinstance(e, ev.HordeGrows):
                grows.append((world.tick - 1, e.multiplier))
        step = spec.endless.multiplier(world.sim_seconds)
        peak_by_step[step] = max(peak_by_step.get(step, 0), world.horde.n)
    assert grows == [(10 * TICK_HZ, 1.5), (20 * TICK_HZ, 2.0)]  # and no more past ramp_max
    assert world.outcome is None
    assert peak_by_step == {1.0: 6, 1.5: 9, 2.0: 12}


def test_no_clock_ends_it_and_the_score_counts_every_standing_second_and_every_kill(tmp_path: Path) -> None:
    spec = night(tmp_path)
    # Even given a clock (the loader never does), the night does not end by it.
    world = World.from_spec(dataclasses.replace(spec, time_limit_seconds=1.0), seed=0)
    standing = 0
    swing = cmd.TickInput((cmd.Melee(),))
    while world.outcome is None and world.tick < 120 * TICK_HZ:
        world.step(swing if world.tick % 30 == 0 else cmd.EMPTY_INPUT)
        standing += sum(1 for s in world.students if s.alive)
    assert world.outcome == "loss" and world.loss_cause == "everyone-down"
    assert world.sim_seconds > 1.0  # past the clock it was given
    r = world.result
    assert r is not None
    kills = world.horde.killed_total
    assert r.kills == kills
    assert r.score == ENDLESS_POINTS_PER_SECOND * standing // TICK_HZ + ENDLESS_POINTS_PER_ZOMBIE * kills
    assert r.stars == sum(1 for t in (5, 15, 30) if world.sim_seconds >= t)
    assert r.score > 0


def test_a_headless_run_of_an_endless_level_stops_at_the_cap_scored(tmp_path: Path, monkeypatch) -> None:
    from hyosan.control.bots import make_bot
    from hyosan.playtest import runner

    spec = walled_off(night(tmp_path))  # the squad stands forever
    monkeypatch.setattr(runner, "ENDLESS_PLAYTEST_SECONDS", 16.0)
    result = runner.run_level("t/night", spec, make_bot("idle", 0), "idle", 0)
    assert result.outcome == "timeout" and result.ticks == 16 * TICK_HZ
    assert result.stars == 2  # 16 s: past 5 and 15
    assert result.score == ENDLESS_POINTS_PER_SECOND * 2 * 16  # two students standing, no kills


def test_the_longest_night_is_the_best_time() -> None:
    from hyosan.progress import LevelBest, merge
    from hyosan.scenes.screens import improvements

    first = merge(None, 1, 500, 90.0, won=False, longest=True)
    assert first == LevelBest(1, 500, 90.0)
    shorter = merge(first, 0, 200, 40.0, won=False, longest=True)
    assert shorter == first and improvements(first, shorter) == []
    longer = merge(first, 2, 900, 200.0, won=False, longest=True)
    assert longer == LevelBest(2, 900, 200.0)
    assert improvements(first, longer) == ["stars", "score", "time"]
    assert merge(None, 0, 0, 90.0, won=False) == LevelBest(0, 0, 0.0)  # a lost level's time is no best


def test_the_designer_check_speaks_of_holding_out(tmp_path: Path) -> None:
    from hyosan.playtest.designer import format_playtest, playtest_levels

    spec = night(tmp_path)
    results = playtest_levels([("t/night", spec)], seeds=range(2), bots=("idle",), jobs=1)
    assert results[0]["endless"] is True and results[0]["can_lose"]
    lines = format_playtest(results).splitlines()
    assert lines[0] == "t/night (Night test): endless, can be lost"
    assert lines[1].startswith("  idle: held out ") and "score" in lines[1] and "loss 2" in lines[1]
    assert re.search(r"\d stars? in [12]", lines[1]), lines[1]  # how many runs earned how many stars


@pytest.mark.parametrize("hunts", [False, True])
def test_a_hunting_spawner_sends_its_arrivals_to_the_lead(tmp_path: Path, hunts: bool) -> None:
    """With ``hunts`` each arrival goes for where the lead stood as it arrived; without, it
    looks round where it came in (a quiet squad in the dark is not found, but on a seed where
    its wander brings it by). In daylight a non-hunting arrival saw the squad across the yard
    on 7 seeds of 8, so the night is dark here; over four seeds."""
    text = NIGHT.replace("max_alive = 6\n", "max_alive = 6\nhunts = true\n" if hunts else "max_alive = 6\n", 1) \
        + '\n[light]\nambient = "dark"\n'
    found = []
    for seed in range(4):
        world = World.from_spec(night(tmp_path, text), seed=seed)
        while world.horde.n == 0:
            world.step(cmd.EMPTY_INPUT)
        lead_then = world.student_pos(world.lead_student).copy()
        memory = world.horde.memory_all[0].copy()
        spawned_at = world.horde.pos_all[0].copy()
        assert world.horde.state[0] == INVESTIGATE
        if hunts:
            assert np.allclose(memory, lead_then)
        else:
            assert np.allclose(memory, spawned_at)
        for _ in range(8 * TICK_HZ):  # a walker at 90 px/s crosses the yard in ~3 s
            world.step(cmd.EMPTY_INPUT)
        found.append(float(np.hypot(*(world.horde.pos[0] - lead_then))) < 48.0)
    assert sum(found) == 4 if hunts else sum(found) <= 1, found


@pytest.mark.parametrize("hunts", [False, True])
def test_a_hunting_spawners_arrivals_that_lost_the_trail_are_sent_again(tmp_path: Path, hunts: bool,
                                                                         monkeypatch) -> None:
    """Sent once as they arrived, a hunting spawner's zombies searched, then wandered off: a
    designer's squad locked in a side office held an endless night for 20 minutes while the
    whole horde wandered the gym. Every HUNT_RESEND_SECONDS those that lost the trail (idle or
    wandering) are sent again to where the lead stands; a spawner that does not hunt leaves them."""
    from hyosan.sim import director
    from hyosan.sim.horde.horde import WANDER

    assert director.HUNT_RESEND_SECONDS == 20.0
    monkeypatch.setattr(director, "HUNT_RESEND_SECONDS", 3.0)  # (the squad in the open is found in 7 s)
    text = NIGHT.replace("max_alive = 6\n", "max_alive = 6\nhunts = true\n" if hunts else "max_alive = 6\n", 1)
    world = World.from_spec(night(tmp_path, text), seed=1)
    resend = 3 * TICK_HZ
    while (world.horde.n < 2 or world.tick % resend == 0) and world.tick < 5 * TICK_HZ:
        world.step(cmd.EMPTY_INPUT)
    n = world.horde.n
    assert n >= 2
    world.horde.state_all[:n] = WANDER  # every one has lost the trail
    world.horde.memory_all[:n] = (0.0, 0.0)
    while world.tick % resend:
        world.step(cmd.EMPTY_INPUT)
    world.step(cmd.EMPTY_INPUT)  # the spawners' second: the resend
    assert world.outcome is None
    lead = world.student_pos(world.lead_student)
    state = world.horde.state[:n]
    lost = (state == WANDER) | (state == IDLE)
    if hunts:  # none left wandering: sent to the lead (or, having seen the squad, chasing it)
        assert not lost.any()
        sent = state == INVESTIGATE
        assert sent.any() and np.allclose(world.horde.memory_all[:n][sent], lead, atol=2.0)
    else:
        assert lost.any()
