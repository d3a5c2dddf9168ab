"""Ally spawn points: a squad student who is not there at the start joins at a point when the
lead reaches a zone or at a time; the loader says clearly what an ally point is missing.
So-ju's axe fells several zombies at once and he swings by himself."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hyosan.content.errors import LevelError
from hyosan.content.loader import load_level
from hyosan.sim import commands as cmd
from hyosan.sim import events as ev
from hyosan.sim.world import World

ROOM = "\n".join(["#" * 40, "#S" + "." * 37 + "#", "#" + "." * 38 + "E"] + ["#" + "." * 38 + "#"] * 6 + ["#" * 40])
SQUAD = '[[squad]]\nid = "on-jo"\nat = [3.5, 3.5]\nlead = true\n[[squad]]\nid = "so-ju"\n'
ZONE = '[[zones]]\nid = "east"\nrect = [20, 1, 39, 9]\n'


def level(body: str) -> str:
    return f'id = "t"\ntitle = "T"\n[map]\nrows = """\n{ROOM}\n"""\n{body}'


def load(body: str):
    return load_level(Path("t.toml"), level(body).encode())


def ally_point(extra: str) -> str:
    return f'[[spawn_points]]\nid = "door"\nat = [35.5, 4.5]\nrole = "ally"\n{extra}'


def test_an_ally_joins_when_the_lead_reaches_the_zone() -> None:
    w = World(load(SQUAD + ZONE + ally_point('student = "so-ju"\njoin_zone = "east"\nnoise = 420\n')), 0)
    assert [s.id for s in w.students] == ["on-jo"]
    joined: list[ev.Event] = []
    for _ in range(400):
        events = w.step(cmd.TickInput((cmd.Move(1.0, 0.0, "walk"),)))
        got = [e for e in events if isinstance(e, ev.AllyJoined)]
        if got:
            joined = events
            break
    assert [s.id for s in w.students] == ["on-jo", "so-ju"]
    lead_x = float(w.student_pos(w.students[0])[0]) / 16
    assert 20.0 <= lead_x < 21.0  # the tick the lead stepped into the zone
    arrival = next(e for e in joined if isinstance(e, ev.AllyJoined))
    assert (arrival.student, arrival.x, arrival.y) == ("so-ju", 35.5 * 16, 4.5 * 16)
    assert any(isinstance(e, ev.Sound) and e.loudness == 420 and e.source == "so-ju" for e in joined)
    for _ in range(60):  # he follows the lead like any follower
        w.step(cmd.EMPTY_INPUT)
    d = w.student_pos(w.students[1]) - w.student_pos(w.students[0])
    assert float(np.hypot(*d)) < 14 * 16


def test_an_ally_joins_at_its_time_even_if_the_lead_stays_put() -> None:
    w = World(load(SQUAD + ZONE + ally_point('student = "so-ju"\njoin_zone = "east"\njoin_seconds = 2\n')), 0)
    ticks = []
    for t in range(200):
        if any(isinstance(e, ev.AllyJoined) for e in w.step(cmd.EMPTY_INPUT)):
            ticks.append(t)
    assert ticks == [120]


def test_the_join_is_deterministic() -> None:
    spec = load(SQUAD + ZONE + ally_point('student = "so-ju"\njoin_seconds = 1\n'))
    hashes = []
    for _ in range(2):
        w = World(spec, 3)
        for _ in range(150):
            w.step(cmd.TickInput((cmd.Move(1.0, 0.2, "walk"),)))
        hashes.append(w.state_hash())
    assert hashes[0] == hashes[1]


@pytest.mark.parametrize("extra, code, words", [
    ('join_zone = "east"\n', "missing-key", "needs 'student'"),
    ('student = "so-ju"\n', "missing-key", "'join_zone'"),
    ('student = "on-jo"\njoin_seconds = 5\n', "conflict", "is the lead"),
    ('student = "so-jo"\njoin_seconds = 5\n', "unknown-ref", "so-ju"),
    ('student = "so-ju"\njoin_zone = "eats"\n', "unknown-ref", "east"),
])
def test_an_ally_point_with_a_mistake_gets_one_clear_error(extra: str, code: str, words: str) -> None:
    with pytest.raises(LevelError) as err:
        load(SQUAD + ZONE + ally_point(extra))
    text = str(err.value)
    assert code in text and words in text


def test_ally_keys_on_a_zombie_point_are_refused() -> None:
    with pytest.raises(LevelError) as err:
        load(SQUAD + '[[spawn_points]]\nid = "door"\nat = [35.5, 4.5]\nstudent = "so-ju"\n')
    assert "conflict" in str(err.value) and 'role = "ally"' in str(err.value)


def test_so_jus_axe_fells_three_at_once_and_he_swings_by_himself() -> None:
    body = (SQUAD + ally_point('student = "so-ju"\njoin_seconds = 0\n')
            + '[[zombies]]\nbreed = "walker"\ncount = 3\nzone = [36.2, 4.2, 36.9, 4.9]\nstate = "idle"\n')
    w = World(load(body), 0)
    hits: list[ev.Hit] = []
    for _ in range(90):
        hits += [e for e in w.step(cmd.EMPTY_INPUT) if isinstance(e, ev.Hit) and e.student == "so-ju"]
    assert hits, "So-ju swung at the zombies next to him without being led"
    assert hits[0].zombies == 3 and hits[0].killed == 3  # two walker-healths a blow fells each


def test_so_ju_bitten_in_his_coat_is_hurt_not_turned() -> None:
    """His turnout coat keeps bites from infecting him, so a bite only costs health. It used to
    turn him on the spot ("no countdown and hurt" read as "the countdown ran out"): in every
    Trolley Shield Run he turned 0.4 s after breaking in. A bitten student without the coat
    still turns when the 25 s countdown runs out."""
    body = (SQUAD + ally_point('student = "so-ju"\njoin_seconds = 0\n')
            + '[[zombies]]\nbreed = "walker"\ncount = 8\nzone = [35.0, 3.9, 36.0, 5.1]\nstate = "chase"\n')
    w = World(load(body), 0)
    bites: list[ev.Bitten] = []
    turned: list[ev.Turned] = []
    for _ in range(60):
        events = w.step(cmd.EMPTY_INPUT)
        bites += [e for e in events if isinstance(e, ev.Bitten) and e.student == "so-ju"]
        turned += [e for e in events if isinstance(e, ev.Turned) and e.student == "so-ju"]
    so_ju = next(s for s in w.students if s.id == "so-ju")
    assert bites, "the walkers next to him bit him"
    assert so_ju.health < 1.0 and so_ju.infected_ticks == 0
    assert so_ju.alive and not turned


def test_an_ordinary_bite_still_turns_when_the_countdown_runs_out() -> None:
    from hyosan.sim.world import INFECTION_TICKS

    w = World(load(SQUAD), 0)
    on_jo = w.students[0]
    on_jo.health, on_jo.infected_ticks = 0.75, 3  # bitten, three ticks left
    turned = []
    for _ in range(3):
        turned += [e for e in w.step(cmd.EMPTY_INPUT) if isinstance(e, ev.Turned)]
    assert [(e.student, e.cause) for e in turned] == [("on-jo", "infection")]
    assert INFECTION_TICKS > 60 * 20  # (the countdown is the 25 s of GAME.md, not a tick or two)


def test_an_ally_in_the_exit_does_not_win_the_level_alone() -> None:
    """Everyone is down when all who started are: So-ju in her storeroom (an exit) once won
    Trolley Shield Run for a greedy squad torn down on its way (seed 3, at 28 s)."""
    exit_zone = '[[zones]]\nid = "out"\nrect = [30, 1, 39, 9]\nrole = "exit"\n'
    w = World(load(SQUAD + exit_zone + ally_point('student = "so-ju"\njoin_seconds = 0\n')), 0)
    w.step(cmd.EMPTY_INPUT)
    assert [s.id for s in w.students] == ["on-jo", "so-ju"] and w.outcome is None
    w.students[0].health = 0.0  # the lead is torn down; So-ju stands in the exit
    for _ in range(3):
        w.step(cmd.EMPTY_INPUT)
    assert not w.students[0].alive and w.students[1].alive
    assert (w.outcome, w.loss_cause) == ("loss", "everyone-down")
