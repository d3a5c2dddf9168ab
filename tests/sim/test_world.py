"""The world skeleton: pushing desks, doors on hinges, stamina, winning and losing."""

from __future__ import annotations

import math

import numpy as np

from hyosan.sim import commands as cmd
from hyosan.sim import events as ev
from hyosan.sim.world import World
from tests.helpers import sandbox, world_of_toml

# The sandbox route: along the classroom, shove the blocking desk east off the doorway,
# through the door, then east down the corridor to the stairwell exit.
ROUTE = [(200.0, 120.0), (292.0, 120.0), (248.0, 108.0), (248.0, 160.0), (668.0, 160.0)]


def follow_route(world: World, route, gait: str = "walk", max_ticks: int = 3000) -> list[ev.Event]:
    """Steer the lead through waypoints (a test driver, using only player commands)."""
    events: list[ev.Event] = []
    waypoint = 0
    while world.outcome is None and world.tick < max_ticks and waypoint < len(route):
        p = world.student_pos(world.lead_student)
        tx, ty = route[waypoint]
        dx, dy = tx - p[0], ty - p[1]
        if math.hypot(dx, dy) < 6.0:
            waypoint += 1
            continue
        events += world.step(cmd.TickInput((cmd.Move(float(dx), float(dy), gait),)))
    return events


def test_walking_the_route_wins_the_sandbox() -> None:
    world = World.from_spec(sandbox(), seed=0)
    events = follow_route(world, ROUTE)
    assert world.outcome == "win"
    assert any(isinstance(e, ev.Won) for e in events)
    assert any(isinstance(e, ev.DoorChanged) and e.state == "open" for e in events)
    assert 8.0 < world.sim_seconds < 30.0


def test_the_blocking_desk_is_pushed_off_the_doorway() -> None:
    world = World.from_spec(sandbox(), seed=0)
    desk = next(p for p in world.props if p.spec.id == "desk-blocker")
    before = world.bodies.pos[desk.index].copy()
    follow_route(world, ROUTE[:2])
    moved = world.bodies.pos[desk.index] - before
    assert moved[0] > 20.0  # shoved east by at least a tile and a quarter


def test_a_locker_is_too_heavy_for_one_student_but_a_desk_is_not() -> None:
    spec = sandbox()
    for prop_id, expect_moves in (("desk-a1", True), ("locker-1", False)):
        world = World.from_spec(spec, seed=0)
        prop = next(p for p in world.props if p.spec.id == prop_id)
        start = world.bodies.pos[prop.index].copy()
        # stand beside the prop on its left and walk into it for 2 s
        lead = world.lead_student
        lead.body.position = (float(start[0]) - 28.0, float(start[1]))
        world.bodies.read()
        for _ in range(120):
            world.step(cmd.TickInput((cmd.Move(1.0, 0.0, "walk"),)))
        travelled = float(np.linalg.norm(world.bodies.pos[prop.index] - start))
        assert (travelled > 40.0) == expect_moves, (prop_id, travelled)


def test_idle_squad_loses_on_time() -> None:
    world = World.from_spec(sandbox(), seed=0)
    while world.outcome is None:
        world.step(cmd.EMPTY_INPUT)
    assert world.outcome == "loss" and world.loss_cause == "time"
    assert world.tick == world.time_limit_ticks


def test_sprinting_drains_stamina_in_four_seconds_and_refills_in_six() -> None:
    world = World.from_spec(sandbox(), seed=0)
    lead = world.lead_student
    for _ in range(240):
        world.step(cmd.TickInput((cmd.Move(0.0, 1.0, "sprint"),)))
    assert lead.stamina == 0.0 and lead.exhausted
    for _ in range(360):
        world.step(cmd.EMPTY_INPUT)
    assert lead.stamina == 1.0 and not lead.exhausted


def test_footsteps_are_sounds_whose_loudness_follows_the_gait() -> None:
    loudness = {}
    for gait in ("sneak", "walk", "sprint"):
        world = World.from_spec(sandbox(), seed=0)
        sounds = []
        for _ in range(60):
            sounds += [e for e in world.step(cmd.TickInput((cmd.Move(1.0, 0.0, gait),))) if isinstance(e, ev.Sound)]
        loudness[gait] = max((s.loudness for s in sounds), default=0.0)
    assert loudness["sneak"] == 0.0
    assert 0 < loudness["walk"] < loudness["sprint"]


def test_a_locked_door_does_not_swing_and_an_unlocked_one_does() -> None:
    for lock in (False, True):
        world = World.from_spec(sandbox(), seed=0)
        door = world.doors[0]
        if lock:
            lead = world.lead_student
            lead.body.position = (248.0, 122.0)
            world.bodies.read()
            world.step(cmd.TickInput((cmd.Use(),)))
            assert door.locked
        # push the door from the corridor side with a student placed below it
        world.lead_student.body.position = (252.0, 150.0)
        world.bodies.read()
        swing = 0.0
        for _ in range(90):
            world.step(cmd.TickInput((cmd.Move(0.0, -1.0, "walk"),)))
            swing = max(swing, abs(float(world.bodies.angle[door.index]) - door.closed_angle))
        assert (swing > 0.5) == (not lock), swing
        if not lock:  # the closer swings it shut again once the student is through
            for _ in range(120):
                world.step(cmd.EMPTY_INPUT)
            assert abs(float(world.bodies.angle[door.index]) - door.closed_angle) < 0.1


def test_grabbing_a_desk_drags_it_along() -> None:
    world = World.from_spec(sandbox(), seed=0)
    desk = next(p for p in world.props if p.spec.id == "desk-a1")
    start = world.bodies.pos[desk.index].copy()
    world.lead_student.body.position = (float(start[0]), float(start[1]) + 14.0)  # just below it
    world.bodies.read()
    grabbed = []
    for _ in range(90):
        grabbed += [e for e in world.step(cmd.TickInput((cmd.Move(0.0, 1.0), cmd.Grab()))) if isinstance(e, ev.Grabbed)]
    assert grabbed and grabbed[0].prop == "desk-a1"
    assert world.bodies.pos[desk.index][1] - start[1] > 25.0  # pulled south, not pushed
    released = world.step(cmd.EMPTY_INPUT)
    assert any(isinstance(e, ev.Grabbed) and e.released for e in released)


def test_a_grip_on_a_prop_that_will_not_come_slips_and_the_ticker_says_so() -> None:
    """The grip is force-limited: a playtester walked on with a trolley snagged behind a wall,
    its line through the wall. Walking off from a locker too heavy to drag, the hand and the
    point held part; past GRIP_SLIP_PX the grip slips (a Grabbed event, released and slipped),
    the ticker says so, and a held E does not take hold again out of reach. A desk dragged the
    same way never stretches near it."""
    from hyosan.render.ticker import Ticker
    from hyosan.sim.world import GRIP_SLIP_PX

    for prop_id, slips in (("locker-1", True), ("desk-a1", False)):
        world = World.from_spec(sandbox(), seed=0)
        prop = next(p for p in world.props if p.spec.id == prop_id)
        start = world.bodies.pos[prop.index].copy()
        lead = world.lead_student
        lead.body.position = (float(start[0]) - 28.0, float(start[1]))  # beside it, on its left
        world.bodies.read()
        ticker = Ticker(world)
        for _ in range(60):  # walk up to it holding E, until the hand takes hold
            world.step(cmd.TickInput((cmd.Move(1.0, 0.0, "sneak"), cmd.Grab())))
            if lead.grab_joint is not None:
                break
        assert lead.grab_joint is not None, prop_id
        slipped, stretch = [], 0.0
        for _ in range(150):  # walk west, away from it, holding on
            events = world.step(cmd.TickInput((cmd.Move(-1.0, 0.0, "walk"), cmd.Grab())))
            slipped += [e for e in events if isinstance(e, ev.Grabbed) and e.slipped]
            ticker.feed(events, world.sim_seconds)
            if lead.grab_joint is not None:
                stretch = max(stretch, world._grip_stretch(lead))
        if slips:
            assert [(e.prop, e.released) for e in slipped] == [("locker-1", True)] and lead.grab_joint is None
            assert stretch <= GRIP_SLIP_PX + 5.0
            assert any(line.text == "On-jo lost the grip: the locker snagged" for line in ticker.lines)
        else:
            assert slipped == [] and lead.grab_joint is not None and stretch < GRIP_SLIP_PX / 2


# A bare room (walls round rows 1-7) with one prop whose centre stands at (10, 6) tiles.
ROOM = """
id = "room"
title = "Room"
[map]
rows = \"\"\"
####################
#..................#
#..................#
#..................#
#..................#
#..................#
#..................#
#..................#
#S.................E
####################
\"\"\"
[[squad]]
id = "on-jo"
at = [{x}, 6.9]
[[props]]
id = "held"
type = "{kind}"
at = [10.0, 6.0]
"""


def _held_then_walked(kind: str, x: float, steps: list[tuple[float, float, int]]) -> tuple[World, list[float]]:
    """On-jo grabs the ``kind`` prop from just south of it (``x`` tiles: off its middle when
    not 10) and walks each (dx, dy, ticks) holding it; the prop's turn (degrees) after each."""
    world = world_of_toml(ROOM.format(x=x, kind=kind))
    body = world.prop_by_id("held").body
    start = body.angle
    for _ in range(15):
        world.step(cmd.TickInput((cmd.Grab(),)))
    assert world.lead_student.grabbed_prop == "held"
    turns = []
    for dx, dy, ticks in steps:
        for _ in range(ticks):
            world.step(cmd.TickInput((cmd.Move(dx, dy, "walk"), cmd.Grab())))
        turns.append(math.degrees(body.angle - start))
    return world, turns


def test_a_held_prop_walked_into_goes_ahead_as_it_lies_and_walked_away_from_trails() -> None:
    """Gripped off its middle and pushed north, a desk (or a crate) goes ahead to the wall
    without turning: that is how a door is braced. Before the grip held (played by hand on the
    Site and the roof), the same push swung a desk 91 degrees and a crate 128 round the pivot
    to trail behind. Walked away from, it trails on the pivot and swings as a drag does."""
    for kind in ("desk", "crate"):
        world, (pushed, pulled) = _held_then_walked(kind, 10.7, [(0.0, -1.0, 240), (0.0, 1.0, 120)])
        assert abs(pushed) < 10.0, (kind, pushed)
        assert abs(pulled) > 10.0, (kind, pulled)  # free again: it swung while dragged south
    world, (pushed,) = _held_then_walked("desk", 10.7, [(0.0, -1.0, 240)])
    desk = world.prop_by_id("held").body
    assert desk.position.y < 2.0 * 16  # against the north wall (rows 1-7 are floor)
    assert world.lead_student.grab_lock is not None  # still pushing: the grip holds its turn
    world.step(cmd.EMPTY_INPUT)  # let go
    assert world.lead_student.grab_joint is None and world.lead_student.grab_lock is None
    student = world.lead_student.body
    assert not [c for c in world.space.constraints if {c.a, c.b} == {student, desk}]  # nothing ties them now


def test_a_turned_student_says_whether_bites_or_the_infection_took_them() -> None:
    from hyosan.playtest.stats import _death_cause

    causes = {}
    for case in ("bitten", "infection"):
        world = World.from_spec(sandbox(), 0)
        student = world.lead_student
        if case == "bitten":
            student.health = 0.0
        else:  # the countdown's last tick, with health worn below 1
            student.health, student.infected_ticks = 0.5, 1
        events = world.step(cmd.EMPTY_INPUT)
        turned = [e for e in events if isinstance(e, ev.Turned)]
        assert [e.student for e in turned] == [student.id]
        causes[case] = _death_cause(student.id, events)
    assert causes == {"bitten": "bitten", "infection": "infection"}


def test_a_double_door_s_leaves_lock_and_unlock_together() -> None:
    """The Auditorium's loading bay is two door tiles side by side: one double door. Played by
    hand, one leaf was locked and the bay thought shut; E at either leaf now locks both (each
    saying so), and unlocks both. A lone door has no other leaves."""
    from hyosan.content.discovery import resolve_level

    _, spec = resolve_level("nights/the-auditorium", [])
    world = World.from_spec(spec, 0)
    assert [d.spec.id for d in world.door_leaves["loading-bay-south"]] == ["loading-bay-north"]
    assert [d.spec.id for d in world.door_leaves["loading-bay-north"]] == ["loading-bay-south"]
    assert "west-wing-door" not in world.door_leaves and len(world.door_leaves) == 2
    lead = world.lead_student
    lead.body.position = lead.control.position = (52.3 * 16, 3.8 * 16)  # by the south leaf (the solver's spot)
    for _ in range(3):
        world.step(cmd.EMPTY_INPUT)
    bay = [d for d in world.doors if d.spec.id.startswith("loading-bay")]
    assert not any(d.locked for d in bay)
    from hyosan.render.prompts import use_hint

    assert use_hint(world).text == "E: lock both leaves"  # the prompt says what E will do
    events = world.step(cmd.TickInput((cmd.Use(),)))
    assert all(d.locked for d in bay) and use_hint(world).text == "E: unlock both leaves"
    assert sorted(e.door for e in events if isinstance(e, ev.DoorChanged) and e.state == "locked") == \
        ["loading-bay-north", "loading-bay-south"]
    world.step(cmd.EMPTY_INPUT)
    world.step(cmd.TickInput((cmd.Use(),)))
    assert not any(d.locked for d in bay)


def test_a_station_for_a_later_objective_does_not_work_yet() -> None:
    """A playtester fired Classroom's PA before the drone found the squad, walked to the
    stairwell and won the moment the drone came, the story skipped. The intercom (the objective
    after the hold) now does nothing until its objective is current, and its prompt says "not yet";
    then it works."""
    from hyosan.content.discovery import resolve_level
    from hyosan.render.prompts import use_hint

    _, spec = resolve_level("hyosan/classroom-barricade", [])
    world = World.from_spec(spec, 0)
    lead = world.lead_student
    lead.body.position = lead.control.position = (48.5 * 16, 3.3 * 16)  # at the intercom
    for _ in range(3):
        world.step(cmd.EMPTY_INPUT)
    assert world.objectives.current.id == "hold"
    assert world.station_waits("intercom").id == "hold"
    hint = use_hint(world)
    assert hint.text == "intercom: not yet" and not hint.ready
    for _ in range(3 * 60):  # hold E well past its 2 s
        world.step(cmd.TickInput((cmd.Use(),)))
    assert "intercom" not in world.director.station_done
    world.objectives.done["hold"] = world.tick  # the drone found them
    assert world.station_waits("intercom") is None and use_hint(world).text.startswith("hold E")
    for _ in range(3 * 60):
        world.step(cmd.TickInput((cmd.Use(),)))
    assert "intercom" in world.director.station_done


def test_the_middle_leaf_of_a_wide_doorway_goes_with_the_others() -> None:
    """Three door tiles side by side in a wall are one doorway: each leaf knows the other two,
    the middle one too (it has leaves, not walls, left and right of it)."""
    rows = ["#########", "#...E...#", "#.......#", "###DDD###", "#.......#", "#...S...#", "#########"]
    doors = "".join(f'[[doors]]\nid = "leaf-{k}"\ntile = [{3 + k}, 3]\n' for k in range(3))
    world = world_of_toml('id = "w"\ntitle = "W"\n[map]\nrows = """\n' + "\n".join(rows) + '\n"""\n' + doors +
                          '[[squad]]\nid = "on-jo"\n')
    assert {k: [d.spec.id for d in v] for k, v in world.door_leaves.items()} == {
        "leaf-0": ["leaf-1", "leaf-2"], "leaf-1": ["leaf-0", "leaf-2"], "leaf-2": ["leaf-0", "leaf-1"]}


WIDE_DOORWAY = '''
id = "hall"
title = "Hall"
time_limit_seconds = 600
[map]
rows = """
############
#..........#
#..S.......#
#####DDD####
#..........#
#.........E#
############
"""
[[doors]]
id = "a"
tile = [5, 3]
[[doors]]
id = "b"
tile = [6, 3]
[[doors]]
id = "c"
tile = [7, 3]
[[squad]]
id = "mi-jin"
'''


def test_every_leaf_of_a_wide_doorway_lies_along_its_wall() -> None:
    """A doorway three tiles wide in a horizontal wall: its middle leaf has leaves, not walls,
    either side of it, and was hinged as if the doorway ran north-south (standing across it,
    a post in the gap). All three lie along the row, shut, and go together."""
    world = world_of_toml(WIDE_DOORWAY)
    for door in world.doors:
        assert abs(math.sin(door.body.angle)) < 1e-9, door.spec.id  # closed along the wall (0 or pi)
        assert abs(door.body.position.y - 3.5 * 16) < 1e-6, door.spec.id  # on the wall's centre line
    assert [d.spec.id for d in world.door_leaves["b"]] == ["a", "c"]


def test_a_hold_says_how_long_is_left_and_a_siren_s_hold_when_it_stops() -> None:
    """Played by hand, the Classroom's and the Site's "hold until the drones come" gave no sign
    of how long was left. ``hold_left`` is that wait: a survive-seconds objective's time, or a
    hold-until-event on a sound's end, the time until the sound stops. Nothing else is a wait."""
    from hyosan.content.discovery import resolve_level

    _, spec = resolve_level("hyosan/classroom-barricade", [])
    world = World.from_spec(spec, 0)
    assert world.objectives.current.id == "hold"
    assert world.objectives.hold_left(world, world.tick) == 100.0
    for _ in range(10 * 60 + 30):
        world.step(cmd.EMPTY_INPUT)
    assert math.isclose(world.objectives.hold_left(world, world.tick), 89.5)
    world.objectives.done["hold"] = world.tick
    assert world.objectives.current.id != "hold" and world.objectives.hold_left(world, world.tick) is None

    _, spec = resolve_level("hyosan/yellow-markers", [])
    world = World.from_spec(spec, 0)
    for o in world.objectives.items:
        if o.id == "hold":
            break
        world.objectives.done[o.id] = 0
    assert world.objectives.current.id == "hold"
    assert world.objectives.hold_left(world, world.tick) is None  # the phone fires it: no one knows when
    world.director.fire("siren", world.tick)
    assert world.objectives.hold_left(world, world.tick) == 30.0  # its duration_seconds
    for _ in range(120):
        world.step(cmd.EMPTY_INPUT)
    assert math.isclose(world.objectives.hold_left(world, world.tick), 28.0)


def test_a_fallen_lead_passes_to_the_friend_nearest_where_they_fell_and_tab_goes_in_order() -> None:
    """Played by hand in the woods, a lead lost handed the player a friend far down the road,
    mid-panic, the camera leaping there: the nearest friend alive takes the lead. Tab still
    walks the roster in order."""
    from hyosan.content.discovery import resolve_level
    from hyosan.sim.squad import leave_play

    _, spec = resolve_level("hyosan/classroom-barricade", [])
    world = World.from_spec(spec, 0)
    lead = world.lead_student
    assert world.lead == 0
    x, y = (float(v) for v in world.student_pos(lead))
    for k, s in enumerate(world.students[1:], start=1):  # the last in the roster stands beside the lead
        s.body.position = (x + 12.0, y) if k == len(world.students) - 1 else (x + 200.0 + 10 * k, y)
    world.bodies.read()
    events: list = []
    leave_play(world, lead, events)
    assert world.lead == len(world.students) - 1
    assert [e.student for e in events if isinstance(e, ev.LeadChanged)] == [world.students[-1].id]
    world.step(cmd.TickInput((cmd.SwitchLead(),)))
    assert world.lead == 1  # Tab: on round the roster, past the fallen


def test_no_zombie_is_placed_inside_a_prop() -> None:
    # A designer's trolley in the library's horde zone had a zombie placed on it; it was shoved
    # out at the first tick and the trolley's rattle at 0.5 s woke the whole horde. 23 of Storm
    # Crossing's yard crowd stood in its cars.
    from hyosan.content.discovery import resolve_level

    _, spec = resolve_level("hyosan/storm-crossing", None)
    for seed in (0, 1):
        world = World(spec, seed)
        pos = world.horde.pos_all[: world.horde.n]
        assert world.horde.n == sum(g.count for g in spec.zombies)  # the whole crowd is still placed
        for prop in world.props:
            for shape in prop.body.shapes:
                bb = shape.bb
                inside = (pos[:, 0] > bb.left) & (pos[:, 0] < bb.right) & (pos[:, 1] > bb.bottom) & (pos[:, 1] < bb.top)
                assert not inside.any(), (seed, prop.spec.id)
