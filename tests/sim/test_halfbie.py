"""Gwi-nam, the halfbie: hunts the lead by the lead's last noise, ignores lures, shrugs off
melee and shoves, and is stopped only by a big blow (a heavy fast prop) or a fall."""

from __future__ import annotations

import numpy as np

from hyosan.sim import commands as cmd
from hyosan.sim import events as ev
from hyosan.sim.horde.horde import DECIDE_TICKS, INVESTIGATE
from hyosan.sim.world import World
from tests.helpers import world_of_toml
from tests.sim.test_falls import LEDGE

YARD = """
id = "yard"
title = "Yard"
[map]
rows = \"\"\"
##############################################
#............................................#
#............................................#
#...S........................................#
#............................................#
#............................................#
#............................................E
##############################################
\"\"\"
[[squad]]
id = "on-jo"
at = [4.5, 3.5]
lead = true
[[squad]]
id = "woo-jin"
at = [4.5, 5.5]
[[zombies]]
breed = "halfbie"
count = 1
zone = [40, 3, 41, 4]
state = "idle"
[[sounds]]
id = "lure"
kind = "phone"
at = [30.5, 1.5]
start_seconds = 0.05
"""


def world_of(text: str) -> World:
    return world_of_toml(text)


def step(world: World, *commands: cmd.Command, ticks: int = 1) -> list[ev.Event]:
    out: list[ev.Event] = []
    for _ in range(ticks):
        out += world.step(cmd.TickInput(commands))
    return out


def test_the_level_breed_table_drives_the_horde() -> None:
    world = world_of(YARD)
    h = world.breeds.index("halfbie")
    assert world.breeds.speed_chase[h] == 210.0 and world.breeds.ignores_lures[h]
    assert world.breeds.only_big_blows[h] and world.breeds.knockback_resist[h] == 1.0
    assert world.horde.breed[0] == h and world.horde.hp_all[0] == 12.0


def test_he_ignores_the_lure_and_goes_to_the_leads_last_noise_however_far() -> None:
    world = world_of(YARD)
    events = step(world, ticks=30)  # the phone rings; he is 330 px from it and 580 from the squad
    assert any(isinstance(e, ev.Sound) and e.kind == "phone" for e in events)
    assert world.horde.memory_all[0].tolist() != [30.5 * 16, 1.5 * 16]
    # the lead walks east: each footstep (70 px, far below his range) is his new target
    step(world, cmd.Move(1.0, 0.0, "walk"), ticks=41)
    assert world.horde.state[0] == INVESTIGATE
    first = world.horde.memory_all[0].copy()
    lead = world.student_pos(world.lead_student)
    assert abs(first[1] - lead[1]) < 1.0 and abs(first[0] - lead[0]) < 10.0
    # then a melee swing somewhere else: the last noise wins over the louder lure
    step(world, cmd.Move(0.0, 1.0, "walk"), ticks=15)
    step(world, cmd.Melee())
    p = world.student_pos(world.lead_student).copy()
    step(world, ticks=DECIDE_TICKS - 1)  # he hears it at his next decision
    assert np.allclose(world.horde.memory_all[0], p, atol=3.0)


def test_sneaking_leaves_him_nothing_new() -> None:
    world = world_of(YARD)
    step(world, cmd.Move(1.0, 0.0, "sneak"), ticks=120)
    assert world.horde.state[0] != INVESTIGATE  # a sneak step makes no sound


def test_melee_does_not_hurt_him_and_a_shove_does_not_move_him() -> None:
    world = world_of(YARD)
    world.horde.pool[int(world.horde.slot_all[0])][0].position = (4.5 * 16 + 14.0, 3.5 * 16)
    world.lead_student.facing = (1.0, 0.0)
    world.bodies.read()
    world.horde.pos_all[0] = world.bodies.pos[world.horde.body_index[world.horde.slot_all[0]]]
    hits = []
    for _ in range(3):
        hits += [e for e in step(world, cmd.Melee(), ticks=28) if isinstance(e, ev.Hit)]
    assert sum(e.zombies for e in hits) >= 2 and sum(e.killed for e in hits) == 0
    assert world.horde.n == 1 and world.horde.hp_all[0] == 12.0
    before = world.horde.pos_all[0].copy()
    step(world, cmd.Shove(), ticks=2)
    assert world.horde.state[0] != 5  # not stunned (FEED)
    assert np.hypot(*(world.horde.pos_all[0] - before)) < 8.0


def test_a_heavy_prop_moving_fast_stops_him() -> None:
    world = world_of(YARD + '[[props]]\nid = "load"\ntype = "crane-load"\nat = [37.5, 3.5]\n')
    load = world.prop_by_id("load")
    assert load is not None
    load.body.velocity = (250.0, 0.0)  # a swinging 900 kg load
    world.bodies.read()  # the horde's batch write carries what was read
    events = step(world, ticks=40)
    struck = [e for e in events if isinstance(e, ev.Struck)]
    assert [(e.breed, e.prop) for e in struck] == [("halfbie", "load")]
    assert world.horde.n == 0 and world.horde.deaths_by_cause == {"blow": 1}


def test_a_slow_heavy_prop_is_no_blow() -> None:
    world = world_of(YARD + '[[props]]\nid = "load"\ntype = "crane-load"\nat = [38.0, 3.5]\n')
    load = world.prop_by_id("load")
    assert load is not None
    load.body.velocity = (60.0, 0.0)
    world.bodies.read()
    events = step(world, ticks=40)
    assert not any(isinstance(e, ev.Struck) for e in events) and world.horde.n == 1


def test_he_charges_the_lead_across_a_gap_and_falls() -> None:
    # On the far side of the ledge's edge strip, with no way round, he runs straight at the
    # lead's noise and goes over.
    world = world_of(LEDGE + '[[zombies]]\nbreed = "halfbie"\ncount = 1\nzone = [16, 3, 17, 4]\nstate = "idle"\n')
    events = step(world, cmd.Melee(), ticks=1)
    events += step(world, ticks=120)
    fell = [e for e in events if isinstance(e, ev.Fell)]
    assert [e.breed for e in fell] == ["halfbie"]
    assert world.horde.deaths_by_cause == {"fall": 1}
    assert all(s.alive for s in world.students)
