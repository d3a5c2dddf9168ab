"""The dormant tier: still idle zombies far from every student sleep out of the pymunk space
and wake on a sound, a student in view, or a moving zombie beside them."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from hyosan.content.loader import load_level
from hyosan.sim import commands as cmd
from hyosan.sim.horde.horde import IDLE, INVESTIGATE
from hyosan.sim.sight import neighbourhood_labels, transparent_components
from hyosan.sim.world import World

HALL = '''
id = "sleepers"
title = "Sleepers"
time_limit_seconds = 600
[map]
rows = """
############################################################
#..........................................................#
#..........................................................#
#..........................................................#
#..........................................................#
#..........................................................#
#..........................................................#
#.S........................................................#
#E.........................................................#
############################################################
"""
[[squad]]
id = "mi-jin"
[[zombies]]
breed = "walker"
count = 40
zone = [38, 1, 44, 9]
state = "idle"
'''


def hall(tmp_path: Path) -> World:
    path = tmp_path / "sleepers.toml"
    path.write_text(HALL)
    return World.from_spec(load_level(path), seed=3)


def run(world: World, ticks: int, tick_input: cmd.TickInput = cmd.EMPTY_INPUT) -> None:
    for _ in range(ticks):
        world.step(tick_input)


def test_far_idle_zombies_fall_asleep_out_of_the_space(tmp_path: Path) -> None:
    world = hall(tmp_path)
    h = world.horde
    bodies_awake = len(world.space.bodies)
    run(world, 120)
    assert h.n == 40 and h.awake == 0
    assert not h.in_space[h.slot_all[: h.n]].any()
    assert len(world.space.bodies) == bodies_awake - 40
    assert (h.state_all[: h.n] == IDLE).all()
    # Sleepers do not drift: their rows keep the positions the bodies had.
    idx = h.body_index[h.slot_all[: h.n]]
    assert np.array_equal(h.pos_all[: h.n], world.bodies.pos[idx])


def test_a_sound_wakes_the_sleepers_that_hear_it(tmp_path: Path) -> None:
    world = hall(tmp_path)
    h = world.horde
    run(world, 120)
    assert h.awake == 0
    lead = world.student_pos(world.lead_student)
    x0 = float(h.pos_all[: h.n, 0].mean())
    run(world, 1, cmd.TickInput((cmd.Throw(float(lead[0]) + 400.0, float(lead[1])),)))  # lands 280 px out
    run(world, 2)
    heard = np.flatnonzero(h.state_all[: h.n] == INVESTIGATE)
    assert heard.size > 0 and (heard < h.awake).all()  # the nearer ones hear the phone (350 px)...
    assert h.awake < h.n and (h.state_all[h.awake: h.n] == IDLE).all()  # ...the rest sleep on
    assert h.in_space[h.slot_all[: h.awake]].all()
    run(world, 120)  # and they walk toward it
    going = h.state_all[: h.n] == INVESTIGATE
    assert going.sum() >= heard.size
    assert float(h.pos_all[: h.n][going, 0].mean()) < x0 - 32


def test_a_student_in_view_wakes_them_and_they_see_her(tmp_path: Path) -> None:
    world = hall(tmp_path)
    h = world.horde
    run(world, 120)
    assert h.awake == 0
    walk = cmd.TickInput((cmd.Move(1.0, 0.0, "sneak"),))  # sneaking: silent
    woke_at = None
    for t in range(900):
        world.step(walk)
        if h.awake and woke_at is None:
            woke_at = t
            gap = float(h.pos_all[: h.n, 0].min() - world.student_pos(world.lead_student)[0])
    assert woke_at is not None
    assert gap > 320.0  # woken before any could see her (daylight sight 320 px)


def test_see_through_components_follow_walls_and_diagonal_gaps() -> None:
    opaque = np.array([
        [0, 0, 1, 0, 0],
        [0, 0, 1, 0, 0],
        [1, 1, 1, 1, 1],
        [0, 0, 0, 1, 0],
        [0, 0, 1, 0, 0],
    ], dtype=bool)
    lab = transparent_components(opaque)
    assert (lab[opaque] == -1).all()
    assert lab[0, 0] == lab[1, 1] and lab[0, 3] == lab[1, 4]
    assert lab[0, 0] != lab[0, 3] and lab[0, 0] != lab[3, 0]
    assert lab[3, 2] == lab[4, 3]  # a ray can slip through a diagonal gap: one component
    assert lab[3, 4] == lab[4, 3]
    nine = neighbourhood_labels(lab)
    assert nine.shape == (5, 5, 9)
    assert set(nine[2, 2].tolist()) >= {lab[1, 1], lab[1, 3], lab[3, 1], -1}


def test_sleep_and_wake_are_deterministic(tmp_path: Path) -> None:
    hashes = []
    for _ in range(2):
        world = hall(tmp_path)
        run(world, 120)
        lead = world.student_pos(world.lead_student)
        run(world, 1, cmd.TickInput((cmd.Throw(float(lead[0]) + 400.0, float(lead[1])),)))
        run(world, 200)
        hashes.append(world.state_hash())
    assert hashes[0] == hashes[1]
