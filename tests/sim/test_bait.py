"""The bait choice: a student who finishes using a ``bait`` station stays behind as a loud
lure; the others go on, one survivor fewer."""

from __future__ import annotations

from pathlib import Path

from hyosan.content.loader import load_level
from hyosan.sim import commands as cmd
from hyosan.sim import events as ev
from hyosan.sim.world import World

CAB = """
id = "cab"
title = "Cab"
par_seconds = 60
[map]
rows = \"\"\"
##############################
#............................#
#...S........................E
#............................#
##############################
\"\"\"
[stars]
two_star_survivors = 2
[[squad]]
id = "on-jo"
at = [3.5, 2.5]
lead = true
[[squad]]
id = "cheong-san"
at = [5.5, 2.5]
[[sounds]]
id = "bait-shout"
kind = "shout"
at = [5.5, 1.5]
[[stations]]
id = "crane-cab"
kind = "bait"
at = [5.5, 1.5]
use_seconds = 2
triggers = ["bait-shout"]
"""


def world() -> World:
    return World.from_spec(load_level(Path("cab.toml"), CAB.encode()), seed=0)


def step(w: World, *commands: cmd.Command, ticks: int = 1) -> list[ev.Event]:
    out: list[ev.Event] = []
    for _ in range(ticks):
        out += w.step(cmd.TickInput(commands))
    return out


def test_the_student_who_uses_the_bait_station_stays_and_shouts() -> None:
    w = world()
    step(w, cmd.SwitchLead())
    assert w.lead_student.id == "cheong-san"
    events = step(w, cmd.Use())
    events += step(w, ticks=2 * 60 + 5)
    stayed = [e for e in events if isinstance(e, ev.StayedBehind)]
    assert [e.student for e in stayed] == ["cheong-san"]
    cheong = w.students[1]
    assert not cheong.alive and cheong.stayed and not cheong.fell
    assert w.lead_student.id == "on-jo"  # the player carries on with the others
    assert w.horde.n == 0  # no zombie rises: he is not turned
    events = step(w, ticks=3 * 60)
    shouts = [e for e in events if isinstance(e, ev.Sound) and e.kind == "shout"]
    assert len(shouts) == 3 and shouts[0].loudness == 900.0
    assert (shouts[0].x, shouts[0].y) == (5.5 * 16, 1.5 * 16)


def test_bait_costs_a_survivor_and_a_star() -> None:
    w = world()
    step(w, cmd.SwitchLead())
    step(w, cmd.Use())
    step(w, ticks=2 * 60 + 5)
    while w.outcome is None and w.tick < 60 * 60:
        p = w.student_pos(w.lead_student)
        step(w, cmd.Move(1.0, (2.5 * 16 - p[1]) / 16, "walk"))
    assert w.outcome == "win" and w.result is not None
    assert w.result.survivors == 1 and w.result.squad == 2 and w.result.stars == 1


def test_walking_away_from_the_station_keeps_the_student() -> None:
    w = world()
    step(w, cmd.SwitchLead())
    step(w, cmd.Use())
    events = step(w, cmd.Move(1.0, 0.0, "walk"), ticks=2 * 60 + 5)
    assert not any(isinstance(e, ev.StayedBehind) for e in events)
    assert all(s.alive for s in w.students)
