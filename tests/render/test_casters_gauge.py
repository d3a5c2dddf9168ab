"""The casters gauge over the noise meter: how fast the trolley box rolls, against the speed its
casters start to rattle at. Played by hand (issue #5), nothing showed the box's speed until the
rattle's rings were already out."""

from __future__ import annotations

import dataclasses

import pygame

from hyosan.content.discovery import resolve_level
from hyosan.render.atlas import Atlas
from hyosan.render.hud import CASTERS_EASE, Hud, casters
from hyosan.sim import commands as cmd
from hyosan.sim import events as ev
from hyosan.sim.rolling import RATTLE_QUIET
from hyosan.sim.units import TICK_HZ
from hyosan.sim.world import World
from tests.helpers import sandbox

SNEAK_EAST = cmd.TickInput((cmd.Move(1.0, 0.0, "sneak"),))
WALK_EAST = cmd.TickInput((cmd.Move(1.0, 0.0, "walk"),))


def _coupled_box(seed: int = 0) -> World:
    """Trolley Shield Run with both front couplings latched (E twice where the squad starts)."""
    world = World.from_spec(resolve_level("hyosan/trolley-shield-run", [])[1], seed)
    for _ in range(2):
        world.step(cmd.TickInput((cmd.Use(),)))
        world.step(cmd.EMPTY_INPUT)
    return world


def test_the_gauge_reads_the_box_speed_against_the_quiet_line() -> None:
    """Shoving the box from rest (walking into it: flat out): the gauge reads quiet, then "ease
    off" past CASTERS_EASE, then "RATTLING" past the quiet speed, and the first rattle the horde
    hears comes no sooner. Held sneaking, it creeps and reads quiet throughout."""
    world = _coupled_box()
    for _ in range(10 * TICK_HZ):
        world.step(SNEAK_EAST)
        assert casters(world)[1] == "quiet"
    world = _coupled_box()
    assert casters(world)[1] == "quiet"  # coupled, not yet shoved
    states: list[tuple[int, float, str]] = []
    first_rattle = None
    while first_rattle is None and world.tick < 600:
        events = world.step(WALK_EAST)
        speed, state = casters(world)
        states.append((world.tick, speed, state))
        if any(isinstance(e, ev.Sound) and e.kind == "rattle" for e in events):
            first_rattle = world.tick
    assert first_rattle is not None  # held flat out, the box does rattle
    loud = next(t for t, _, s in states if s == "RATTLING")
    assert all(s in ("quiet", "ease off") for t, _, s in states if t < loud) and loud <= first_rattle
    speed_at = {t: v for t, v, _ in states}
    assert speed_at[loud] > RATTLE_QUIET
    assert all(CASTERS_EASE < v <= RATTLE_QUIET for _, v, s in states if s == "ease off")
    assert all(v <= CASTERS_EASE for _, v, s in states if s == "quiet")
    assert all(v > RATTLE_QUIET for t, v, _ in states if t >= loud)  # it stays loud while shoved


def test_the_gauge_goes_green_again_when_the_box_coasts() -> None:
    """Let go at "ease off": within half a second the box slows under CASTERS_EASE and the gauge
    says "quiet" again, ready for the next shove."""
    world = _coupled_box()
    while casters(world)[1] == "quiet" and world.tick < 600:
        world.step(WALK_EAST)
    for _ in range(TICK_HZ // 2):
        world.step(cmd.EMPTY_INPUT)
    speed, state = casters(world)
    assert state == "quiet" and speed < CASTERS_EASE


def test_the_gauge_reads_nothing_away_from_trolleys() -> None:
    assert casters(World.from_spec(sandbox(), 0)) is None  # no trolley in the level


def test_the_hud_draws_the_gauge_over_the_noise_meter(display) -> None:
    """In the trolley box the gauge panel sits over the noise meter, its word green while the box
    stands and red while it rattles; in a level without trolleys nothing is drawn there."""
    hud = Hud(Atlas())
    w, h = 1280, 720
    # the noise box is 76 px high here (the phones row); the gauge is 40 px over it, 6 px apart
    word = pygame.Rect(w - 12 - 260 + 160, h - 12 - 76 - 6 - 40, 100, 40)

    def draw(world: World) -> pygame.Surface:
        surface = pygame.Surface((w, h))
        hud.draw(surface, world, "Push", 0.0)
        return surface.subsurface(word).copy()

    def has(surf: pygame.Surface, test) -> bool:
        return any(test(surf.get_at((x, y))) for x in range(surf.get_width()) for y in range(surf.get_height()))

    def green(c) -> bool:
        return c.g > 180 and c.r < 150

    def red(c) -> bool:
        return c.r > 200 and c.g < 100

    world = _coupled_box()
    standing = draw(world)
    assert has(standing, green) and not has(standing, red)
    while casters(world)[1] != "RATTLING" and world.tick < 600:  # walking into it: flat out
        world.step(WALK_EAST)
    rattling = draw(world)
    assert has(rattling, red) and not has(rattling, green)
    # (a squad whose lead has no move of its own: On-jo's extinguisher panel sits there otherwise)
    level = sandbox()
    plain = World.from_spec(dataclasses.replace(level, squad=tuple(
        dataclasses.replace(s, id=f"mi-jin-{k}") for k, s in enumerate(level.squad))), 0)
    plain.phones_left = 3  # the same noise box height as the trolley level's
    assert set(pygame.image.tobytes(draw(plain), "RGB")) == {0}
