"""Followers path to the lead round walls and through doors (not straight at their slot)."""

from __future__ import annotations

import dataclasses
import math

from hyosan.content.discovery import resolve_level
from hyosan.sim import commands as cmd
from hyosan.sim.units import TICK_HZ, TILE_PX
from hyosan.sim.world import World


def _quiet_classroom(lead_at: tuple[float, float]):
    """Classroom Barricade without zombies, waves or sounds, the lead standing at ``lead_at``."""
    _, spec = resolve_level("hyosan/classroom-barricade", None)
    squad = tuple(dataclasses.replace(s, at=lead_at) if s.lead else s for s in spec.squad)
    return dataclasses.replace(spec, zombies=(), waves=(), sounds=(), squad=squad)


def _run_until_gathered(world: World, seconds: float, within_px: float) -> float | None:
    for _ in range(round(seconds * TICK_HZ)):
        world.step(cmd.EMPTY_INPUT)
        lead = world.student_pos(world.lead_student)
        if all(math.dist(world.student_pos(s), lead) <= within_px for s in world.students):
            return world.sim_seconds
    return None


def test_followers_leave_the_classroom_through_the_door_to_the_lead():
    # The lead waits in the hallway east of the back door; the others start inside the classroom,
    # with the wall between them (walking straight at the slot would pin them to it).
    world = World.from_spec(_quiet_classroom((51.5, 12.0)), seed=0)
    lead = world.student_pos(world.lead_student)
    assert all(math.dist(world.student_pos(s), lead) > 4 * TILE_PX for s in world.students if s is not world.lead_student)
    took = _run_until_gathered(world, 15.0, 3.5 * TILE_PX)
    assert took is not None and took < 15.0
    # They came through the doorway: every follower is now south of the classroom wall.
    assert all(world.student_pos(s)[1] > 10 * TILE_PX for s in world.students)


def test_a_locked_door_is_not_a_path_and_hold_keeps_them():
    world = World.from_spec(_quiet_classroom((51.5, 12.0)), seed=0)
    for door in world.doors:
        door.set_locked(True)
    world._grids_changed()
    world.step(cmd.TickInput((cmd.ToggleFollow(),)))  # hold here
    before = {s.id: world.student_pos(s).copy() for s in world.students}
    for _ in range(3 * TICK_HZ):
        world.step(cmd.EMPTY_INPUT)
    for s in world.students:
        assert math.dist(world.student_pos(s), before[s.id]) < 8.0


def _sampled_clear(blocked, a, b) -> bool:
    """The definition ``clear_line`` must keep: samples every <= 4 px on the centre line and on
    both shoulders (a student radius to each side); a blocked or off-map tile stops the line."""
    d = b - a
    length = math.hypot(d[0], d[1])
    if length < 1e-6:
        return True
    nx, ny = -d[1] / length * 5.0, d[0] / length * 5.0
    steps = max(2, int(length / 4.0) + 1)
    rows, cols = blocked.shape
    for i in range(steps + 1):
        x, y = a[0] + d[0] * (i / steps), a[1] + d[1] * (i / steps)
        for ox, oy in ((0.0, 0.0), (nx, ny), (-nx, -ny)):
            c, r = int((x + ox) // 16), int((y + oy) // 16)
            if not (0 <= c < cols and 0 <= r < rows) or blocked[r, c]:
                return False
    return True


def test_clear_line_gives_the_same_answer_on_every_path(monkeypatch) -> None:
    """``FollowerPaths.clear_line`` answers a line inside open floor from its bounding box, loops
    over the samples of other short lines and marches long ones in numpy: whichever path it
    takes, 3000 random lines over a grid with scattered walls get the definition's answers."""
    import numpy as np

    from hyosan.sim import squad
    from hyosan.sim.squad import FollowerPaths

    rng = np.random.default_rng(3)
    paths = FollowerPaths()
    paths.blocked = rng.random((20, 30)) < 0.04
    lines = []
    for _ in range(3000):
        a = rng.uniform(-8, [30 * 16 + 8, 20 * 16 + 8])
        lines.append((a, a + rng.normal(0, 60, 2) * rng.choice([0.02, 1.0, 3.0])))
    expected = [_sampled_clear(paths.blocked, a, b) for a, b in lines]
    assert 300 < sum(expected) < 2700
    assert [paths.clear_line(a, b) for a, b in lines] == expected
    monkeypatch.setattr(squad, "SHORT_LINE_STEPS", 10**9)  # every line not answered by its box: the loop
    assert [paths.clear_line(a, b) for a, b in lines] == expected
    monkeypatch.setattr(squad, "SHORT_LINE_STEPS", 0)  # ...: numpy
    assert [paths.clear_line(a, b) for a, b in lines] == expected


def _hallway(lead_at: tuple[float, float], follower_at: tuple[float, float]) -> World:
    """A 3-tile-high hallway, no horde: the lead and one follower."""
    from hyosan.content.schema import DEFAULT_LEGEND, LevelSpec, MapSpec, StudentSpec

    cols = 40
    rows = ("#" * cols, "#S" + "." * (cols - 3) + "#", "#" + "." * (cols - 2) + "#",
            "#" + "." * (cols - 2) + "#", "#" * cols)
    spec = LevelSpec(id="hall", title="Hall", briefing="", content_hash="hall",
                     map=MapSpec(rows, tuple(sorted(DEFAULT_LEGEND.items()))),
                     squad=(StudentSpec("on-jo", lead_at, lead=True), StudentSpec("su-hyeok", follower_at)))
    return World.from_spec(spec, 0)


def _walk_right(world: World, seconds: float, hold: bool) -> float:
    start = float(world.student_pos(world.lead_student)[0])
    if hold:
        world.step(cmd.TickInput((cmd.ToggleFollow(),)))
    for _ in range(round(seconds * TICK_HZ)):
        world.step(cmd.TickInput((cmd.Move(1.0, 0.0, "walk"),)))
    return float(world.student_pos(world.lead_student)[0]) - start


def test_a_follower_in_the_leads_way_steps_aside(monkeypatch) -> None:
    """Turning round, dragging backwards or walking back down a lane, the lead walked into its
    own squad and was held there (formation slots lie behind its facing, where it walks). A
    following follower in the lead's way now steps aside. One told to hold (F) stays a wall: the
    Classroom's solver parks the squad mid-room while it tows desks past it, and holders that
    stepped aside wedged themselves in the doorway."""
    from hyosan.sim import squad

    moved = _walk_right(_hallway((3.5, 2.5), (5.5, 2.5)), 2.0, hold=False)
    monkeypatch.setattr(squad, "YIELD_AHEAD_PX", 0.0)  # the old squad: nobody yields
    blocked = _walk_right(_hallway((3.5, 2.5), (5.5, 2.5)), 2.0, hold=False)
    held_old = _walk_right(_hallway((3.5, 2.5), (5.5, 2.5)), 2.0, hold=True)
    monkeypatch.undo()
    assert moved > 0.9 * 2.0 * squad.GAIT_SPEED["walk"] > blocked + 30, (moved, blocked)
    assert _walk_right(_hallway((3.5, 2.5), (5.5, 2.5)), 2.0, hold=True) == held_old  # holders do not yield
