"""Ha-ri's bow (GAME.md: "archer: quiet ranged shots"): Space looses an arrow along the facing
while arrows last; it fells the first zombie on its line, stops at walls and shut doors, and
makes only the string's noise."""

from __future__ import annotations

import math

import numpy as np

from hyosan.sim import actions
from hyosan.sim import commands as cmd
from hyosan.sim import events as ev
from hyosan.sim.world import World
from tests.helpers import world_of_toml

RANGE = """
id = "range"
title = "Range"
[map]
rows = \"\"\"
##############################
#............................#
#............................#
#...S........#...............#
#............#...............#
#............................#
#............................E
##############################
\"\"\"
[[squad]]
id = "ha-ri"
at = [4.5, 5.5]
lead = true
weapon = "bow"
[[squad]]
id = "woo-jin"
at = [2.5, 6.5]
[[zombies]]
id = "near"
count = 1
zone = [10, 5, 11, 6]
state = "idle"
[[zombies]]
id = "far"
count = 1
zone = [16, 5, 17, 6]
state = "idle"
[[zombies]]
id = "behind-the-wall"
count = 1
zone = [18, 3, 19, 4]
state = "idle"
"""


def world_of(text: str = RANGE) -> World:
    return world_of_toml(text)


def aim_at(world: World, x: float, y: float) -> None:
    p = world.student_pos(world.lead_student)
    d = math.hypot(x - p[0], y - p[1])
    world.lead_student.facing = (float((x - p[0]) / d), float((y - p[1]) / d))


def shoot(world: World) -> list[ev.Event]:
    events = world.step(cmd.TickInput((cmd.Melee(),)))
    events += world.step(cmd.EMPTY_INPUT)  # the kill is applied at the tick's end
    return events


def zombie_x(world: World) -> list[float]:
    return sorted(float(x) for x in world.horde.pos[:, 0])


def test_an_arrow_fells_the_first_zombie_on_its_line_with_only_the_strings_noise() -> None:
    world = world_of()
    world.step(cmd.EMPTY_INPUT)
    near = min(range(world.horde.n), key=lambda r: world.horde.pos[r, 0])
    nx, ny = (float(v) for v in world.horde.pos[near])
    aim_at(world, nx, ny)
    start = np.array(world.student_pos(world.lead_student))
    events = shoot(world)
    sounds = [e for e in events if isinstance(e, ev.Sound) and e.source == "ha-ri"]
    assert [(e.kind, e.loudness) for e in sounds] == [("bow", actions.BOW_NOISE)]  # no melee's 220
    shot = next(e for e in events if isinstance(e, ev.Shot))
    assert shot.hit and shot.left == actions.ARROWS_PER_LEVEL - 1 == world.lead_student.arrows
    # the arrow stops at the zombie it strikes (its line meets the body within its radius)
    assert math.hypot(shot.x1 - nx, shot.y1 - ny) < 8.0
    assert math.dist((shot.x0, shot.y0), start) < 1.0
    assert next(e for e in events if isinstance(e, ev.Hit)) == ev.Hit("ha-ri", "shot", 1, 1)
    assert world.horde.n == 2 and min(zombie_x(world)) > 15 * 16  # the far two stand


ONLY_BEHIND_THE_WALL = RANGE.split("[[zombies]]")[0] + "[[zombies]]" + RANGE.split("[[zombies]]")[3]


def test_walls_stop_arrows_and_range_ends_them() -> None:
    world = world_of(ONLY_BEHIND_THE_WALL)
    world.step(cmd.EMPTY_INPUT)
    assert world.horde.n == 1
    aim_at(world, *(float(v) for v in world.horde.pos[0]))  # north-east, past the wall column
    events = shoot(world)
    shot = next(e for e in events if isinstance(e, ev.Shot))
    assert not shot.hit and world.horde.n == 1
    assert 12 * 16 <= shot.x1 < 13 * 16 + 1  # it stopped against the wall column (x 13 tiles)
    # North nothing stands: the arrow flies its full range or to the wall, whichever is nearer
    # (the north wall, 4.5 tiles off).
    world.lead_student.facing = (0.0, -1.0)
    for _ in range(actions.BOW_COOLDOWN):
        world.step(cmd.EMPTY_INPUT)
    shot = next(e for e in shoot(world) if isinstance(e, ev.Shot))
    assert not shot.hit and 16.0 <= shot.y1 <= 5.5 * 16 - 60.0  # stopped by the north wall (row 0)


def test_one_shot_per_nock_and_the_bow_is_swung_when_the_arrows_are_gone() -> None:
    world = world_of()
    world.step(cmd.EMPTY_INPUT)
    world.lead_student.facing = (0.0, 1.0)  # at the south wall: every shot misses
    shots = 0
    for _ in range(actions.BOW_COOLDOWN * 3):
        shots += sum(isinstance(e, ev.Shot) for e in world.step(cmd.TickInput((cmd.Melee(),))))
    assert shots == 3  # held Space: one arrow per nock (0.9 s)
    world.lead_student.arrows = 0
    for _ in range(actions.BOW_COOLDOWN):
        world.step(cmd.EMPTY_INPUT)
    events = world.step(cmd.TickInput((cmd.Melee(),)))
    assert not any(isinstance(e, ev.Shot) for e in events)
    assert [e.loudness for e in events if isinstance(e, ev.Sound) and e.source == "ha-ri"] == [actions.MELEE_NOISE]


def test_arrows_are_state_a_squad_without_a_bow_has_none() -> None:
    assert world_of(RANGE.replace('weapon = "bow"', 'weapon = "bat"')).lead_student.arrows == 0
    a, b = world_of(), world_of()
    assert a.state_hash() == b.state_hash()
    b.lead_student.arrows -= 1
    assert a.state_hash() != b.state_hash()  # a replay that loses an arrow diverges where it happens


def test_a_shot_turns_to_a_zombie_near_the_facing_but_not_to_one_behind_a_wall() -> None:
    """Keys face eight ways: a zombie up to 22.5 degrees off the facing, in the clear, is what
    the shot flies at (the nearest such); one farther off is missed, and so is one that only a
    line through a wall would reach."""
    def shot_at(degrees_off: float, text: str = RANGE) -> ev.Shot:
        world = world_of(text)
        world.step(cmd.EMPTY_INPUT)
        near = min(range(world.horde.n), key=lambda r: world.horde.pos[r, 0])
        p = world.student_pos(world.lead_student)
        d = world.horde.pos[near] - p
        a = math.atan2(float(d[1]), float(d[0])) + math.radians(degrees_off)
        world.lead_student.facing = (math.cos(a), math.sin(a))
        return next(e for e in shoot(world) if isinstance(e, ev.Shot))

    assert shot_at(15.0).hit and shot_at(-20.0).hit
    assert not shot_at(35.0).hit  # (nothing else lies that way)
    walled = ONLY_BEHIND_THE_WALL
    world = world_of(walled)
    world.step(cmd.EMPTY_INPUT)
    p = world.student_pos(world.lead_student)
    d = world.horde.pos[0] - p
    a = math.atan2(float(d[1]), float(d[0])) + math.radians(10.0)
    world.lead_student.facing = (math.cos(a), math.sin(a))
    shot = next(e for e in shoot(world) if isinstance(e, ev.Shot))
    assert not shot.hit and world.horde.n == 1
