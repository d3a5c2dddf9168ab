"""Scaffold towers: a prop with ``falls_onto`` held up by a tie with a ``break_force``. A student
drags it until the tie snaps, and it comes down across its rectangle: the tiles turn to
wreckage (walls), the horde's walk costs and flow fields go round it, what stood there is
crushed, and the crash is loud."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from hyosan.content.loader import load_level
from hyosan.sim import commands as cmd
from hyosan.sim import events as ev
from hyosan.sim.nav import flow_field
from hyosan.sim.tilemap import WALL
from hyosan.sim.topple import TOPPLE_NOISE
from hyosan.sim.world import World

# 40x20: a wall down column 20 with a 3-tile gap (rows 8-10) near the top and the long way
# round at the bottom (row 18); the squad's spawn west of it, the exit east.
ROWS = ["#" * 40, "#S" + "." * 37 + "#"]
for r in range(2, 19):
    ROWS.append("#" + "." * 18 + ("." if r in (8, 9, 10, 18) else "#") + "." * 18 + ("E" if r == 9 else "#"))
ROWS.append("#" * 40)
MAP = "\n".join(ROWS)

TOWER = """
[[squad]]
id = "on-jo"
at = [17.5, 6.55]
lead = true

[[props]]
id = "tower"
type = "scaffold"
at = [17.5, 5.5]
width = 16
depth = 16
mass = 30
falls_onto = [20.0, 8.0, 21.0, 11.0]

[[joints]]
id = "tower-tie"
kind = "pivot"
a = "tower"
anchor_b = [17.5, 5.5]
break_force = 6000.0
"""

# (looking north, up the gap: facing every way, one of the three saw the student working the
# tower's tie and stepped out from under it, on 0.35.0's stream)
IN_THE_GAP = """
[[zombies]]
count = 3
zone = [20.0, 8.2, 21.0, 10.8]
state = "idle"
facing = "north"
"""


def world_of(body: str) -> World:
    text = f'id = "t"\ntitle = "T"\n[map]\nrows = """\n{MAP}\n"""\n{body}'
    return World(load_level(Path("t.toml"), text.encode()), 0)


def drag(w: World, ticks: int) -> list[ev.Event]:
    out: list[ev.Event] = []
    for _ in range(ticks):
        out += w.step(cmd.TickInput((cmd.Grab(), cmd.Move(0.0, 1.0, "walk"))))
    return out


def test_a_tower_stands_until_dragged_then_falls_across_the_gap_and_the_horde_goes_round() -> None:
    w = world_of(TOWER)
    before = flow_field(w.horde.walk_cost, np.array([[9, 30]])).dist[9, 10]  # west of the gap to east of it
    for _ in range(60):
        w.step(cmd.EMPTY_INPUT)
    assert w.towers.standing and not w.towers.fallen  # nothing pulls it: it stands
    version = w.horde.grid_version
    events = drag(w, 90)
    assert any(isinstance(e, ev.JointChanged) and e.joint == "tower-tie" and e.state == "broken" for e in events)
    assert w.towers.fallen == ["tower"]
    assert (w.tilemap.kind[8:11, 20] == WALL).all()  # the gap is wreckage now
    assert np.isinf(w.horde.walk_cost[8:11, 20]).all() and w.horde.grid_version > version
    after = flow_field(w.horde.walk_cost, np.array([[9, 30]])).dist[9, 10]
    assert before == 20.0 and after > before + 5.0  # the way through the gap is cut: round by row 18
    assert any(isinstance(e, ev.Sound) and e.kind == "crash" and e.loudness == TOPPLE_NOISE for e in events)


def test_the_falling_tower_crushes_what_stands_under_it() -> None:
    w = world_of(TOWER + IN_THE_GAP)
    w.step(cmd.EMPTY_INPUT)
    assert w.horde.n == 3
    events = drag(w, 90)
    struck = [e for e in events if isinstance(e, ev.Struck) and e.prop == "tower"]
    assert len(struck) == 3 and w.horde.n == 0


def test_a_body_cannot_pass_the_wreck() -> None:
    w = world_of(TOWER)
    drag(w, 90)
    assert w.towers.fallen == ["tower"]
    lead = w.lead_student
    lead.body.position = lead.control.position = (18.5 * 16, 9.5 * 16)
    for _ in range(120):
        w.step(cmd.TickInput((cmd.Move(1.0, 0.0, "walk"),)))
    assert w.student_pos(lead)[0] < 20.0 * 16  # walked east into the wreck and stopped at it


def test_a_tower_that_would_fall_off_the_map_is_one_clear_error() -> None:
    import pytest

    from hyosan.content.errors import LevelError

    with pytest.raises(LevelError, match="would fall onto .* outside the 40x20 map"):
        world_of(TOWER.replace("falls_onto = [20.0, 8.0, 21.0, 11.0]", "falls_onto = [38.0, 8.0, 44.0, 11.0]"))


def test_the_fallen_tower_stays_across_the_gap_and_the_dragger_lets_go() -> None:
    """Played by hand on the Site, the student still holding the tower when its tie snapped
    dragged the fallen tower (no longer colliding) about the slab, and E offered to drag it."""
    w = world_of(TOWER)
    drag(w, 90)
    assert w.towers.fallen == ["tower"]
    assert all(s.grab_joint is None for s in w.students)
    tower = w.prop_by_id("tower")
    x0, y0, x1, y1 = tower.spec.falls_onto
    drag(w, 120)  # keep holding E and walking away: nothing to hold now
    px, py = w.bodies.pos[tower.index] / 16
    assert abs(px - (x0 + x1) / 2) < 0.01 and abs(py - (y0 + y1) / 2) < 0.01
    assert all(s.grab_joint is None for s in w.students)


CROWD_NORTH = """
[[zombies]]
count = 6
zone = [14.0, 1.0, 21.0, 2.0]
state = "chase"
"""


def test_a_crowd_shoving_past_a_tower_snaps_its_tie() -> None:
    """Six chasers coming down on the student behind the tower press on it (its tie point within
    their reach) and it comes down."""
    w = world_of(TOWER + CROWD_NORTH)
    events: list[ev.Event] = []
    for _ in range(120):
        events += w.step(cmd.EMPTY_INPUT)
    assert any(isinstance(e, ev.JointChanged) and e.joint == "tower-tie" and e.state == "broken" for e in events)
    assert w.towers.fallen == ["tower"]


def test_walking_into_the_site_s_tower_leaves_it_standing_and_dragging_it_brings_it_down() -> None:
    """Construction-Site Stand: played by hand, walking west along the north wall into the
    scaffold tower snapped its tie on contact and brought it down across the stair (a student
    drives with ~27 kN against the 10 kN tie, and the tower wedged against the wall behind it).
    Walking or sprinting into it from any side for three seconds now leaves it standing; the
    drag its tie is meant for (hold E, walk away) still snaps it within a tenth of a second."""
    from hyosan.content.discovery import resolve_level
    from tests.helpers import walk_lead_to

    _, spec = resolve_level("hyosan/construction-site-stand", [])

    def tie_breaks(approach: list[tuple[float, float]], move: tuple[float, float], gait: str, grab: bool,
                   ticks: int) -> int | None:
        w = World.from_spec(spec, 0)
        w.step(cmd.TickInput((cmd.ToggleFollow(),)))  # the others hold in the middle of the slab
        for point in approach:
            walk_lead_to(w, *point)
        for t in range(ticks):
            tick_input = cmd.TickInput((cmd.Move(*move, gait),) + ((cmd.Grab(),) if grab else ()))
            if any(isinstance(e, ev.JointChanged) and e.joint == "tower-tie" for e in w.step(tick_input)):
                return t
        return None

    # The tower stands at (37.0, 7.6) tiles against the north wall.
    from_east = [(44.5, 12.0), (40.0, 9.5), (39.0, 8.0)]
    from_south = [(44.5, 12.0), (37.0, 10.0)]
    from_west = [(44.5, 12.0), (40.0, 10.0), (34.0, 10.0), (35.0, 8.0)]
    for gait in ("walk", "sprint"):
        assert tie_breaks(from_east, (-1.0, 0.0), gait, False, 180) is None
        assert tie_breaks(from_south, (0.0, -1.0), gait, False, 180) is None
        assert tie_breaks(from_west, (1.0, 0.0), gait, False, 180) is None
    dragged = tie_breaks([(44.5, 12.0), (37.0, 9.0), (37.0, 8.45)], (0.0, 1.0), "walk", True, 60)
    assert dragged is not None and dragged <= 6
