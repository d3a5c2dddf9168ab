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


def test_clear_line_matches_the_sample_by_sample_walk() -> None:
    """``FollowerPaths.clear_line`` (numpy) answers exactly as the walk it replaced: samples
    every <= 4 px on the centre line and both shoulders, any blocked or off-map tile stops it."""
    import math

    import numpy as np

    from hyosan.sim.squad import STUDENT_RADIUS, FollowerPaths

    def walk(blocked: np.ndarray, a: np.ndarray, b: np.ndarray) -> bool:
        d = b - a
        length = float(math.hypot(d[0], d[1]))
        rows, cols = blocked.shape
        if length < 1e-6:
            return True
        nx, ny = -d[1] / length * STUDENT_RADIUS, d[0] / length * STUDENT_RADIUS
        steps = max(2, int(length / 4.0) + 1)
        for i in range(steps + 1):
            t = i / steps
            x, y = a[0] + d[0] * t, a[1] + d[1] * t
            for ox, oy in ((0.0, 0.0), (nx, ny), (-nx, -ny)):
                c, r = int((x + ox) // 16), int((y + oy) // 16)
                if not (0 <= c < cols and 0 <= r < rows) or blocked[r, c]:
                    return False
        return True

    rng = np.random.default_rng(3)
    paths = FollowerPaths()
    paths.blocked = rng.random((20, 30)) < 0.04
    agree = clear = 0
    for _ in range(3000):
        a = rng.uniform(-8, [30 * 16 + 8, 20 * 16 + 8])
        b = a + rng.normal(0, 60, 2) * rng.choice([0.02, 1.0, 3.0])
        expected = walk(paths.blocked, a, b)
        agree += paths.clear_line(a, b) == expected
        clear += expected
    assert agree == 3000 and 300 < clear < 2700
