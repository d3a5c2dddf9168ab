"""Construction-Site Stand read on screen, as a player found it by hand (issue #5): the
scaffold tower is drawn as a tower, not as one of the scaffold frames, with its tie to the wall
as an orange strap that is gone once the tie snaps; and Gwi-nam waiting behind the east door
is not hidden under the door's "E: unlock" label."""

from __future__ import annotations

import pygame

from hyosan.content.discovery import resolve_level
from hyosan.render.camera import Camera
from hyosan.render.presentation import Presentation
from hyosan.render.world_view import HALFBIE_PX, TIE_STRAP
from hyosan.sim import commands as cmd
from hyosan.sim.horde.horde import WANDER
from hyosan.sim.units import TILE_PX
from hyosan.sim.world import World
from tests.helpers import walk_lead_to


def _site() -> World:
    _, spec = resolve_level("hyosan/construction-site-stand", None)
    return World(spec, 0)


def _frame(pres: Presentation, x_tiles: float, y_tiles: float) -> pygame.Surface:
    world = pres.world
    pres.camera.follow(x_tiles * TILE_PX, y_tiles * TILE_PX, world.tilemap.width_px, world.tilemap.height_px, snap=True)
    surface = pygame.Surface((1280, 720))
    pres.draw(surface, 1.0)
    return surface


def _strap_pixels(surface: pygame.Surface, rect: pygame.Rect | None = None) -> int:
    area = surface.subsurface(rect) if rect is not None else surface
    return int((pygame.surfarray.array2d(area) == area.map_rgb(TIE_STRAP)).sum())


def test_the_tower_is_drawn_as_a_tower_and_its_tie_as_a_strap_until_it_snaps(display) -> None:
    world = _site()
    pres = Presentation(world, Camera(1280, 720, 3.0))
    surface = _frame(pres, 40.0, 8.0)
    sprites = pres.view._prop_sprites
    assert sprites[("scaffold-tower", "standing")][0] == "prop.scaffold-tower"
    assert sprites[("frame-north-1", "")][0] == "prop.scaffold"  # the frames keep their own art
    tie = world.joints.by_id("tower-tie")
    ax, ay = pres.camera.to_screen(*tie.anchor_b)  # the wall it is tied to
    tower = world.prop_by_id("scaffold-tower")
    tx, ty = pres.camera.to_screen(*world.bodies.pos[tower.index])
    assert ty - ay > 20  # the strap runs ~29 screen px from the wall to the tower's centre
    span = pygame.Rect(round(ax) - 8, round(ay), 16, round(ty - ay))
    assert _strap_pixels(surface, span) >= 40
    # Dragged until the tie snaps (the lead walks to the tower's south face, holds E and walks
    # away): the tower falls across the stair head and the strap is gone.
    world.step(cmd.TickInput((cmd.ToggleFollow(),)))  # the others hold
    for x, y in ((44.5, 12.0), (37.0, 9.0), (37.0, 8.45)):
        walk_lead_to(world, x, y)
    for _ in range(120):
        world.step(cmd.TickInput((cmd.Grab(), cmd.Move(0.0, 1.0, "walk"))) if world.towers.standing else cmd.EMPTY_INPUT)
    assert world.towers.fallen == ["scaffold-tower"] and not tie.active
    surface = _frame(pres, 40.0, 8.0)
    assert _strap_pixels(surface) == 0
    assert pres.view._prop_sprites[("scaffold-tower", "fallen")][0] == "prop.scaffold-tower.fallen"


def test_gwi_nam_behind_the_east_door_is_not_hidden_by_its_prompt(display) -> None:
    """Played by hand Gwi-nam stood pressed against the east door on the bridge head, under the
    "E: unlock" label of the lead standing at the door inside: nothing showed he was there."""
    world = _site()
    halfbie = world.horde.breeds.index("halfbie")
    world.horde.request_spawn(58.4 * TILE_PX, 9.5 * TILE_PX, halfbie, WANDER)
    world.horde.apply_pending()
    lead = world.lead_student
    lead.body.position = (56.6 * TILE_PX, 9.5 * TILE_PX)
    world.bodies.pos[lead.index] = lead.body.position
    world.prev_pos[lead.index] = lead.body.position
    pres = Presentation(world, Camera(1280, 720, 3.0))
    surface = _frame(pres, 57.0, 9.5)
    gx, gy = pres.camera.to_screen(58.4 * TILE_PX, 9.5 * TILE_PX)
    size = HALFBIE_PX * pres.camera.scale
    him = pygame.Rect(0, 0, size, size)
    him.center = (round(gx), round(gy))
    hint = pres.prompts.draw(surface, pres.camera, world, world.sim_seconds)  # where it used to go
    assert hint is not None and hint.text == "E: unlock"
    assert pres.prompts.label_rect.colliderect(him)  # above the door: over his head
    pres.prompts.draw(surface, pres.camera, world, world.sim_seconds, avoid=pres.view.bodies_under)
    assert not pres.prompts.label_rect.colliderect(him)  # as the game draws it: clear of him
    assert pres.view.bodies_under(him) >= 1000  # (and the view knows he is there)
