"""Nam-ra, the halfbie ally: hears zombies through walls, shoves hard, hungers near the others."""

from __future__ import annotations

from pathlib import Path

from hyosan.content.loader import load_level
from hyosan.sim import commands as cmd
from hyosan.sim import events as ev
from hyosan.sim import hunger
from hyosan.sim.world import World

ROOM = """
id = "room"
title = "Room"
[map]
rows = \"\"\"
##############################
#.S..........#...............#
#............#...............#
#............................E
##############################
\"\"\"
[[squad]]
id = "on-jo"
at = [3.5, 2.5]
lead = true
[[squad]]
id = "nam-ra"
at = [5.0, 2.5]
halfbie = true
[[zombies]]
count = 3
zone = [20, 1, 22, 3]
"""


def world(text: str = ROOM) -> World:
    return World.from_spec(load_level(Path("room.toml"), text.encode()), seed=0)


def test_she_hears_zombies_through_a_wall_and_no_one_else_does() -> None:
    w = world()
    nam_ra = w.students[1]
    assert nam_ra.halfbie and not w.students[0].halfbie
    nam_ra.body.position = (11.5 * 16, 2.5 * 16)  # the wall is between her and them
    w.step(cmd.EMPTY_INPUT)
    assert len(hunger.hears(w, nam_ra)) == 3
    assert len(hunger.hears(w, w.students[0])) == 0


def test_kept_close_she_starves_and_growls_then_calms_apart() -> None:
    w = world(ROOM.replace("count = 3", "count = 0"))
    w.step(cmd.TickInput((cmd.ToggleFollow(),)))  # both hold where they stand, 24 px apart
    events: list[ev.Event] = []
    for _ in range(31 * 60):
        events += w.step(cmd.EMPTY_INPUT)
    nam_ra = w.students[1]
    assert nam_ra.starving and nam_ra.hunger == 1.0
    growls = [e for e in events if isinstance(e, ev.Sound) and e.kind == "growl"]
    assert growls and all(e.source == "nam-ra" and e.loudness == 300.0 for e in growls)
    # the lead walks away: her hunger eases and the growling stops
    for _ in range(8 * 60):
        w.step(cmd.TickInput((cmd.Move(1.0, 0.4, "walk"),)))  # round her, east
    assert not nam_ra.starving and nam_ra.hunger < hunger.CALM_BELOW


def test_an_ordinary_nam_ra_does_not_hunger() -> None:
    w = world(ROOM.replace("halfbie = true\n", ""))
    for _ in range(40 * 60):
        w.step(cmd.EMPTY_INPUT)
    assert w.students[1].hunger == 0.0 and not w.students[1].starving


def test_her_shove_kicks_harder() -> None:
    kicks = []
    for halfbie in (False, True):
        text = ROOM.replace('lead = true\n', '').replace('halfbie = true\n', 'lead = true\n' + ('halfbie = true\n' if halfbie else ''))
        text = text.replace("count = 3\nzone = [20, 1, 22, 3]", "count = 1\nzone = [6.0, 2.4, 6.1, 2.6]\nstate = \"idle\"")
        w = world(text)
        w.students[1].facing = (1.0, 0.0)
        x0 = float(w.horde.pos_all[0][0])
        w.step(cmd.TickInput((cmd.Shove(),)))
        for _ in range(10):
            w.step(cmd.EMPTY_INPUT)
        kicks.append(float(w.horde.pos_all[0][0]) - x0)  # px it was sent east
    assert kicks[1] > kicks[0] * 1.3 > 0


def test_a_bite_hurts_her_but_does_not_set_her_turning() -> None:
    """Half turned already, she does not turn again: in the woods she was bitten from behind
    and, 25 s later, turned inside the checkpoint's pen among the others. On-jo, bitten the
    same way beside her, is infected."""
    w = world(ROOM.replace("zone = [20, 1, 22, 3]", "zone = [5, 1, 7, 3]\nstate = \"chase\""))
    bitten: set[str] = set()
    for _ in range(3 * 60):
        bitten |= {e.student for e in w.step(cmd.EMPTY_INPUT) if isinstance(e, ev.Bitten)}
    on_jo, nam_ra = w.students
    assert bitten == {"on-jo", "nam-ra"}
    assert nam_ra.health < 1.0 and nam_ra.infected_ticks == 0
    assert on_jo.infected_ticks > 0 or not on_jo.alive


HALL_ROWS = ["#" * 60] + ["#" + "." * 58 + "#"] * 7 + ["#" * 60]
HALL_ROWS[2] = "#.S" + "." * 56 + "#"
HALL_ROWS[4] = "#" + "." * 58 + "E"
HALL = f'''
id = "room"
title = "Hall"
[map]
rows = """
{chr(10).join(HALL_ROWS)}
"""
[[squad]]
id = "on-jo"
at = [6.5, 4.5]
lead = true
[[squad]]
id = "su-hyeok"
at = [4.5, 3.5]
[[squad]]
id = "nam-ra"
at = [4.5, 5.5]
halfbie = true
[[squad]]
id = "mi-jin"
at = [3.0, 4.5]
'''


def test_following_a_walking_lead_she_keeps_her_distance_and_never_starves() -> None:
    """A minute of walking up and down a hall, Nam-ra following On-jo with two others: she
    walks at the back and waits a step behind whoever walks ahead, so plain following does
    not feed her hunger. Before, her slot in the formation sat among the others' and she
    growled from 30 s on (a playtester leading with On-jo lost Yellow Markers 4 of 4)."""
    w = world(HALL)
    nam_ra = w.students[2]
    growls = 0
    for t in range(60 * 60):
        east = (t // (12 * 60)) % 2 == 0  # 12 s legs, east then west
        events = w.step(cmd.TickInput((cmd.Move(1.0 if east else -1.0, 0.0, "walk"),)))
        growls += sum(1 for e in events if isinstance(e, ev.Sound) and e.kind == "growl")
        assert not nam_ra.starving, f"starving at {t / 60:.1f} s"
    assert growls == 0 and nam_ra.hunger < 0.3
    # and the squad did follow: everyone within a few tiles of the lead
    lead = w.student_pos(w.students[0])
    assert all(float(((w.student_pos(s) - lead) ** 2).sum()) ** 0.5 < 6 * 16 for s in w.students[1:])


def test_standing_in_the_formation_she_steps_off_a_friend_at_her_elbow() -> None:
    """The lead stands; Nam-ra stands at Mi-jin's elbow (16 px): she sneaks off a step and
    stands out of her hunger's reach of everyone, and her hunger does not grow. Played by hand,
    On-jo stopped at a wall of trees and Dae-su stood at her elbow until the squad moved on."""
    w = world(HALL.replace("at = [4.5, 5.5]\nhalfbie", "at = [4.0, 4.5]\nhalfbie"))  # Mi-jin is at [3.0, 4.5]
    nam_ra = w.students[2]
    for _ in range(5 * 60):
        w.step(cmd.EMPTY_INPUT)
    p = w.student_pos(nam_ra)
    nearest = min(float(((w.student_pos(o) - p) ** 2).sum()) ** 0.5 for o in w.students if o is not nam_ra)
    assert nearest > hunger.NEAR_PX and nam_ra.hunger < 0.1


def test_a_friend_standing_at_her_elbow_steps_off_her_but_not_off_her_as_the_lead() -> None:
    """Mi-jin, standing 16 px west of a following Nam-ra, sneaks a step west, off her; with
    Nam-ra leading she stands (the formation's slots keep the others off a halfbie lead, and
    stepping off her too strung the Yellow Markers solver's squad out on the road)."""
    w = world(HALL.replace("at = [4.5, 5.5]\nhalfbie", "at = [4.0, 4.5]\nhalfbie"))  # Mi-jin is at [3.0, 4.5]
    w.step(cmd.EMPTY_INPUT)
    mi_jin, nam_ra = w.students[3], w.students[2]
    p = w.student_pos(mi_jin)
    vx, vy, gait = w._step_off(mi_jin, p, float(p[0]), float(p[1]))
    assert vx < 0.0 and abs(vy) < abs(vx) and gait == "sneak"  # west, away from her
    w.lead = w.students.index(nam_ra)
    assert w._step_off(mi_jin, p, float(p[0]), float(p[1])) == (0.0, 0.0, "")
