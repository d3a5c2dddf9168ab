"""Rain streaks and splashes as heavy as the level's rain; blood where a student was bitten."""

from __future__ import annotations

import pygame

from hyosan.render.atlas import Atlas
from hyosan.render.weather_fx import DROPS_AT_FULL, RainFx
from hyosan.sim import events as ev


def test_rain_follows_the_levels_rain_and_falls(display) -> None:
    atlas = Atlas()
    dry, drizzle, downpour = RainFx(atlas, 0.0), RainFx(atlas, 0.3), RainFx(atlas, 1.0)
    assert not dry.active and len(drizzle.u) < len(downpour.u) == DROPS_AT_FULL
    before = downpour.v.copy()
    for _ in range(30):
        downpour.update(1 / 60, (640, 360))
    assert (downpour.v != before).all() and downpour.splash_age.size > 0
    blank, wet = pygame.Surface((640, 360)), pygame.Surface((640, 360))
    dry.draw(blank)
    downpour.draw(wet)
    assert pygame.surfarray.pixels3d(blank).max() == 0 and pygame.surfarray.pixels3d(wet).max() > 60


def test_a_bite_leaves_blood_on_the_floor(display) -> None:
    from hyosan.render.camera import Camera
    from hyosan.render.presentation import Presentation
    from hyosan.sim.world import World
    from tests.helpers import sandbox

    world = World.from_spec(sandbox(), 0)
    present = Presentation(world, Camera(640, 360))
    p = world.student_pos(world.lead_student)
    present.consume([ev.Bitten("on-jo", float(p[0]) + 30, float(p[1]), 0.7)])
    assert len(present.view.decals) == 1
    present.update(0.0, snap=True)
    present.draw(pygame.Surface((640, 360)), 1.0)


def test_a_friends_swing_leaves_blood_in_front_of_that_friend_not_the_lead(display) -> None:
    """So-ju's axe in his storeroom left blood in front of the lead, inside the closed trolley
    box (a playtester): a swing's blood goes where the student who swung faces."""
    from hyosan.content.discovery import resolve_level
    from hyosan.render.camera import Camera
    from hyosan.render.presentation import Presentation
    from hyosan.sim.world import World

    _, spec = resolve_level("sandbox/quiet-corridor", None)
    world = World.from_spec(spec, 0)
    friend = next(s for s in world.students if s is not world.lead_student)
    friend.facing = (0.0, 1.0)
    world.lead_student.facing = (1.0, 0.0)
    present = Presentation(world, Camera(640, 360))
    present.consume([ev.Hit(friend.id, "melee", 1, 1)])
    p = world.student_pos(friend)
    assert present.view.decals[0][:2] == (float(p[0]), float(p[1]) + 14.0)
