"""The notice beat: a lone zombie that was not hunting stops for NOTICE_TICKS ("!") between
seeing a student and charging; one in a knot charges at once; one that loses sight meanwhile
goes to look where the student was."""

from __future__ import annotations

import numpy as np

from hyosan.sim import commands as cmd
from hyosan.sim.horde.horde import CHASE, INVESTIGATE, NOTICE_TICKS
from hyosan.sim.world import World
from tests.helpers import world_of_toml

GLADE = '''
id = "glade"
title = "Glade"
time_limit_seconds = 600
[map]
rows = """
######################
#...................E#
#....................#
#.S..................#
#....................#
#.............#......#
######################
"""
[[squad]]
id = "mi-jin"
[[zombies]]
breed = "walker"
count = COUNT
zone = ZONE
state = "wander"
'''


def glade(count: int, zone: str = "[5, 2, 7, 5]") -> World:
    """``count`` wanderers 3-5 tiles from a student (in ``zone``, tiles), all looking at her."""
    world = world_of_toml(GLADE.replace("COUNT", str(count)).replace("ZONE", zone), seed=3)
    h = world.horde
    lead = world.student_pos(world.lead_student)
    d = lead - h.pos
    h.facing_all[: h.n] = d / np.hypot(d[:, 0], d[:, 1])[:, None]  # looking at her
    return world


def first_seen_and_first_bite(world: World, ticks: int = 180) -> tuple[int, int, list[bool], list[float]]:
    """Step with the student standing still: the tick the horde first hunts, the tick of the
    first bite, whether any zombie was noticing and the fastest zombie speed (px/s) each tick."""
    seen = bite = -1
    noticing, speed = [], []
    for _ in range(ticks):
        world.step(cmd.EMPTY_INPUT)
        h = world.horde
        if seen < 0 and (h.state == CHASE).any():
            seen = world.tick
        noticing.append(bool(h.noticing.any()))
        speed.append(float(np.hypot(h.vel[:, 0], h.vel[:, 1]).max()))
        if bite < 0 and world.lead_student.health < 1.0:
            bite = world.tick
    return seen, bite, noticing, speed


def test_a_lone_wanderer_stops_for_the_beat_then_charges() -> None:
    world = glade(1)
    seen, bite, noticing, speed = first_seen_and_first_bite(world)
    assert 0 < seen <= 6  # seen at its first decision or two
    beat = range(seen + 8, seen + NOTICE_TICKS - 3)  # ticks (world.tick - 1 indexes the lists)
    assert all(noticing[t - 1] for t in beat)
    assert max(speed[t - 1] for t in beat) < 5.0  # standing, facing her
    assert bite > 0 and bite >= seen + NOTICE_TICKS  # no bite during the beat, but it does come
    assert max(speed[seen + NOTICE_TICKS + 6:bite]) > 100.0  # and then it charges


def test_a_pair_of_stragglers_stops_for_the_beat_too() -> None:
    """Two side by side are stragglers, not a knot: the playtester on Storm's walk was bitten by
    a pair that charged with no "!" over either head."""
    world = glade(2, "[5.5, 2.5, 6.5, 3.5]")  # a tile square: the two stand within one crowd cell, each counts the other
    assert np.hypot(*(world.horde.pos[0] - world.horde.pos[1])) < 24.0
    seen, bite, noticing, speed = first_seen_and_first_bite(world)
    assert 0 < seen <= 6
    beat = range(seen + 8, seen + NOTICE_TICKS - 3)
    assert all(noticing[t - 1] for t in beat)
    assert max(speed[t - 1] for t in beat) < 5.0
    assert bite > 0 and bite >= seen + NOTICE_TICKS


def test_a_knot_of_them_charges_at_once() -> None:
    world = glade(5, "[5.5, 2.5, 6.5, 4]")  # five within a tile and a half: each has company in its crowd cells
    seen, bite, noticing, _ = first_seen_and_first_bite(world)
    assert 0 < seen <= 6
    assert not any(noticing)
    lone_seen, lone_bite, _, _ = first_seen_and_first_bite(glade(1))
    assert 0 < bite - seen < lone_bite - lone_seen - NOTICE_TICKS // 2


def test_one_that_loses_sight_during_the_beat_goes_to_look_where_she_was() -> None:
    world = glade(1)
    h = world.horde
    while not h.noticing.any():
        world.step(cmd.EMPTY_INPUT)
    where = world.student_pos(world.lead_student).copy()
    world.lead_student.body.position = (15 * 16 + 8.0, 5 * 16 + 8.0)  # behind the pillar, out of its sight
    world.bodies.read()
    for _ in range(6):
        world.step(cmd.EMPTY_INPUT)
    assert h.state[0] == INVESTIGATE and not h.noticing.any()
    assert np.allclose(h.memory_all[0], where)
