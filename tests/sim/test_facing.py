"""A zombie group's `facing`: every zombie in it starts looking that way, and sees only in its
cone, so a student behind an idle one goes unseen; groups without it face each its own way,
drawn exactly as before (the key changes no random draw)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from unittest import mock

import numpy as np
import pytest

from hyosan.content.loader import load_level
from hyosan.sim import commands as cmd
from hyosan.sim.horde.horde import IDLE
from hyosan.sim.rng import sim_key
from hyosan.sim.world import World

HALL = '''
id = "hall"
title = "Hall"
[map]
rows = """
#...................E#
#....................#
#....................#
#.S..................#
#....................#
######################
"""
[[squad]]
id = "mi-jin"
at = [8.5, 3.5]
[[zombies]]
id = "watchers"
count = 3
zone = [12, 2, 14, 5]
[[zombies]]
id = "others"
count = 4
zone = [16, 1, 20, 5]
'''


def hall(facing: str, seed: int = 4, others_facing: str = "") -> World:
    """The hall with the watchers facing ``facing`` ("" for the file as written; the others
    ``others_facing``), its random
    stream keyed as the file as written keys it: ``facing`` is simulated, so it keys a stream
    of its own (``rng.sim_key``), and the point here is that it draws nothing from one."""
    spec = load_level(Path("hall.toml"), HALL.encode())
    watchers, others = spec.zombies
    faced = dataclasses.replace(spec, zombies=(dataclasses.replace(watchers, facing=facing),
                                               dataclasses.replace(others, facing=others_facing)))
    with mock.patch("hyosan.sim.world.sim_key", lambda _: sim_key(spec)):
        return World.from_spec(faced, seed)


def test_the_key_is_read_from_the_file() -> None:
    text = HALL.replace('id = "watchers"', 'id = "watchers"\nfacing = "south"')
    assert [z.facing for z in load_level(Path("hall.toml"), text.encode()).zombies] == ["south", ""]


@pytest.mark.parametrize("facing, unit", [("north", (0.0, -1.0)), ("west", (-1.0, 0.0))])
def test_a_group_faces_the_way_its_level_says_and_the_rest_are_drawn_as_before(facing, unit) -> None:
    faced, plain = hall(facing), hall("")
    order = np.argsort(faced.horde.uid_all[: faced.horde.n])
    assert np.array_equal(faced.horde.pos_all[order], plain.horde.pos_all[np.argsort(plain.horde.uid_all[: plain.horde.n])])
    facings = faced.horde.facing_all[: faced.horde.n][order]
    assert np.allclose(facings[:3], unit)  # the watchers, spawned first
    assert np.allclose(facings[3:], plain.horde.facing_all[: plain.horde.n][np.argsort(plain.horde.uid_all[: plain.horde.n])][3:])
    assert not np.allclose(facings[3:], facings[3])  # the others, each its own random way


@pytest.mark.parametrize("facing, seen", [("east", False), ("west", True)])
def test_an_idle_zombie_with_its_back_to_a_still_student_never_sees_her(facing: str, seen: bool) -> None:
    """By day a zombie sees 320 px, but only ahead of it: three with their backs to a student
    standing 4-6 tiles away stand idle for ten seconds; facing her, they come at once. (The
    others, farther off, face away too: one that saw her bit her, and the watchers heard her
    scream.)"""
    world = hall(facing, others_facing="east")
    world.horde.state_all[3: world.horde.n] = IDLE
    for _ in range(600):
        world.step(cmd.EMPTY_INPUT)
    order = np.argsort(world.horde.uid_all[: world.horde.n])
    watchers = world.horde.state_all[: world.horde.n][order][:3]
    assert (watchers != IDLE).any() == seen, watchers
