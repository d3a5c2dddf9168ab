"""Each student's own move (C): On-jo's extinguisher hides whoever stands in its cloud and
staggers what it hits; Cheong-san's taunt shouts the horde over to him."""

from __future__ import annotations

import math

import numpy as np

from hyosan.sim import commands as cmd
from hyosan.sim import events as ev
from hyosan.sim import specials
from hyosan.sim.horde.horde import CHASE, DECIDE_TICKS, FEED
from hyosan.sim.units import TICK_HZ
from hyosan.sim.world import World
from tests.sim.test_bow import world_of

YARD = """
id = "yard"
title = "Yard"
[map]
rows = \"\"\"
##############################
#............................#
#............................#
#...S........................#
#............................#
#............................#
#............................E
##############################
\"\"\"
[[squad]]
id = "on-jo"
at = [6.5, 3.5]
lead = true
[[zombies]]
count = 1
zone = [14, 3, 15, 4]
state = "chase"
"""
# With the others, and no zombie
SQUAD = YARD.split("[[zombies]]")[0] + """
[[squad]]
id = "cheong-san"
at = [3.5, 5.5]
[[squad]]
id = "woo-jin"
at = [2.5, 5.5]
"""


def press(world: World, *commands: cmd.Command) -> list[ev.Event]:
    return world.step(cmd.TickInput(commands))


def test_the_extinguisher_hides_the_sprayer_and_staggers_what_it_hits() -> None:
    world = world_of(YARD)
    for _ in range(2 * DECIDE_TICKS):
        press(world)
    z = world.horde
    assert z.n == 1 and int(z.state[0]) == CHASE  # it has seen On-jo and comes on
    while math.dist(world.student_pos(world.lead_student), z.pos[0]) > 36.0:
        press(world)
    d = z.pos[0] - world.student_pos(world.lead_student)
    world.lead_student.facing = (float(d[0] / np.hypot(*d)), float(d[1] / np.hypot(*d)))
    events = press(world, cmd.Special())
    spray = [e for e in events if isinstance(e, ev.Special)]
    assert len(spray) == 1 and spray[0].kind == "spray" and spray[0].left == specials.SPRAY_CHARGES - 1
    assert [(e.kind, e.loudness) for e in events if isinstance(e, ev.Sound) and e.source == "on-jo"] == \
        [("spray", specials.SPRAY_NOISE)]
    assert next(e for e in events if isinstance(e, ev.Hit)).zombies == 1
    assert int(z.state[0]) == FEED  # staggered: no steering, no bite
    # In the cloud nobody sees her: the chaser loses sight at its next look and goes to where
    # it last saw her; it does not chase again until the powder settles.
    states = []
    for _ in range(round(specials.SPRAY_SECONDS * TICK_HZ) - 2):
        press(world)
        states.append(int(z.state[0]))
    assert CHASE not in states[specials.SPRAY_STUN + DECIDE_TICKS:]
    assert not any(s.alive is False for s in world.students) and world.lead_student.health == 1.0
    for _ in range(DECIDE_TICKS):
        press(world)
    assert world.clouds == [] and world._sense_context().light_range[0] > 0  # settled: she can be seen again


def test_three_sprays_a_level_and_a_moment_between_them() -> None:
    world = world_of(SQUAD)
    used = hanging = 0
    for _ in range(6 * specials.SPRAY_COOLDOWN):
        used += sum(isinstance(e, ev.Special) and e.kind == "spray" for e in press(world, cmd.Special()))
        hanging = max(hanging, len(world.clouds))
    assert used == specials.SPRAY_CHARGES and world.lead_student.special_charges == 0
    assert hanging == specials.SPRAY_CHARGES  # 3 s each, one every 0.8 s: all three hang at once
    for _ in range(round(specials.SPRAY_SECONDS * TICK_HZ)):
        press(world)
    assert world.clouds == []


def test_cheong_sans_taunt_is_heard_far_and_needs_his_breath_between() -> None:
    world = world_of(SQUAD)
    press(world, cmd.SwitchLead())
    assert world.lead_student.id == "cheong-san"
    shouts = []
    for _ in range(specials.TAUNT_COOLDOWN + 2):
        shouts += [e for e in press(world, cmd.Special()) if isinstance(e, ev.Sound) and e.kind == "taunt"]
    assert [e.loudness for e in shouts] == [specials.TAUNT_NOISE, specials.TAUNT_NOISE]  # at 0 and 10 s
    assert world.clouds == [] and world.students[0].special_charges == specials.SPRAY_CHARGES
    press(world, cmd.SwitchLead())
    assert world.lead_student.id == "woo-jin"
    assert not any(isinstance(e, (ev.Special, ev.Sound)) for e in press(world, cmd.Special()))  # no move of his own


def test_a_move_is_state_once_used() -> None:
    a, b = world_of(YARD), world_of(YARD)
    press(a)
    press(b, cmd.Special())
    assert a.state_hash() != b.state_hash()
    c = world_of(YARD)
    press(c, cmd.Special())
    assert c.state_hash() == b.state_hash()


def test_cheong_san_outruns_a_chaser_and_the_others_do_not() -> None:
    """GAME.md: the fastest sprinter, 185 px/s flat out where a chaser runs at 150 and the
    others sprint at 165: his taunt can be shouted and outrun while his stamina lasts."""
    from hyosan.sim.squad import GAIT_SPEED

    def top_speed(lead: str) -> float:
        """px/s over the last half second of a 1.5 s sprint east."""
        world = world_of(SQUAD)
        while world.lead_student.id != lead:
            press(world, cmd.SwitchLead())
        for _ in range(TICK_HZ):
            press(world, cmd.Move(1.0, 0.0, "sprint"))
        x0 = float(world.student_pos(world.lead_student)[0])
        for _ in range(TICK_HZ // 2):
            press(world, cmd.Move(1.0, 0.0, "sprint"))
        return (float(world.student_pos(world.lead_student)[0]) - x0) * 2.0

    cheong, on_jo = top_speed("cheong-san"), top_speed("on-jo")
    assert abs(on_jo - GAIT_SPEED["sprint"]) < 3.0
    assert abs(cheong - 185.0) < 3.0


def test_greedy_sprays_a_chaser_that_reaches_on_jo() -> None:
    """The generic bot uses the move the way a player would: a chaser on the lead gets the jet,
    facing it, and On-jo comes away unbitten; without it the same chaser bites."""
    from hyosan.control.bots import make_bot

    def play(seconds: float, spray: bool) -> tuple[list[ev.Special], float]:
        world = world_of(YARD)
        bot = make_bot("greedy", 0)
        bot.reset(world)
        if not spray:
            bot.SPRAY_PX = 0.0
        used: list[ev.Special] = []
        for _ in range(round(seconds * TICK_HZ)):
            used += [e for e in world.step(bot.act(world)) if isinstance(e, ev.Special)]
        return used, world.students[0].health

    used, health = play(4.0, spray=True)
    assert used and used[0].kind == "spray" and health == 1.0
    unused, bitten = play(4.0, spray=False)
    assert unused == [] and bitten < 1.0


def test_dae_sus_song_is_a_loud_lure_that_goes_where_he_goes() -> None:
    """GAME.md: "singing is a 10 s lure (loudness 700) — useful, dangerous". A line every
    second for ten seconds, from wherever he is by then, heard as the squad's own noise; then
    quiet, and no second song until his breath is back."""
    world = world_of(YARD.split("[[zombies]]")[0].replace('id = "on-jo"', 'id = "dae-su"'))
    assert world.lead_student.id == "dae-su"
    heard: list[ev.Sound] = []
    for t in range(round(14 * TICK_HZ)):
        commands = (cmd.Special(), cmd.Move(1.0, 0.0, "walk")) if t < 4 * TICK_HZ else (cmd.Special(),)
        heard += [e for e in press(world, *commands) if isinstance(e, ev.Sound) and e.kind == "sing"]
    assert [round(e.loudness) for e in heard] == [round(specials.SING_NOISE)] * 10
    assert all(e.source == "dae-su" for e in heard)
    xs = [e.x for e in heard]
    assert xs[3] - xs[0] > 2.5 * 95.0 * 0.9 and abs(xs[-1] - xs[5]) < 1.0  # it walked with him, then stood
    assert world.noise_made >= 10 * specials.SING_NOISE  # his song is the squad's noise


def test_a_song_stops_with_its_singer() -> None:
    world = world_of(YARD.split("[[zombies]]")[0].replace('id = "on-jo"', 'id = "dae-su"'))
    press(world, cmd.Special())
    for _ in range(TICK_HZ + 1):
        press(world)
    world.students[0].alive = False
    heard = []
    for _ in range(3 * TICK_HZ):
        heard += [e for e in world.step(cmd.EMPTY_INPUT) if isinstance(e, ev.Sound) and e.kind == "sing"]
    assert heard == [] and "dae-su" not in world.director.active
