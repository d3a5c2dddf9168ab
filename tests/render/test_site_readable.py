"""Construction-Site Stand read on screen, as a player found it by hand (issue #5): the
scaffold tower is drawn as a tower, not as one of the scaffold frames, with its tie to the wall
as an orange strap that is gone once the tie snaps; Gwi-nam waiting behind the east door
is not hidden under the door's "E: unlock" label; and the crane's load hangs on a rope drawn
from the hook to the load, that swings with it once its latch lets go."""

from __future__ import annotations

import math

import numpy as np
import pygame

from hyosan.content.discovery import resolve_level
from hyosan.render.camera import Camera
from hyosan.render.presentation import Presentation
from hyosan.render.world_view import HALFBIE_PX, ROPE_CABLE, TIE_STRAP
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


def _rope_pixels(surface: pygame.Surface) -> np.ndarray:
    """(n, 2) screen px (x, y) drawn in the rope's colour."""
    return np.argwhere(pygame.surfarray.array2d(surface) == surface.map_rgb(ROPE_CABLE)).astype(float)


def _off_segment(points: np.ndarray, a: tuple[float, float], b: tuple[float, float]) -> np.ndarray:
    """Each point's distance (px) from the segment a-b."""
    p, q = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    t = np.clip(((points - p) @ (q - p)) / float((q - p) @ (q - p)), 0.0, 1.0)
    return np.hypot(*(points - (p + t[:, None] * (q - p))).T)


def test_the_crane_rope_runs_from_its_hook_to_the_load_and_follows_its_swing(display) -> None:
    """Played headless the load hung on nothing: nothing showed it was on a rope, nor where it
    would swing to once let go."""
    world = _site()
    pres = Presentation(world, Camera(1280, 720, 3.0))
    rope = world.joints.by_id("crane-rope")
    load = world.prop_by_id("crane-load")
    surface = _frame(pres, 29.0, 10.5)
    hook = pres.camera.to_screen(*rope.anchor_b)  # the hook overhead (world px: tied to the world)
    held = pres.camera.to_screen(*world.bodies.pos[load.index])  # the load's hook ring, its centre
    length = math.dist(hook, held)
    assert length > 200  # 5.5 tiles at scale 3
    px = _rope_pixels(surface)
    assert len(px) >= 2 * length  # a cable 3 px wide, the whole way but where the load's art covers it
    assert _off_segment(px, hook, held).max() <= 2.5  # and nowhere else
    # Let go (the latch on its east side), it swings down the rim toward the hook (~2.4 px a
    # tick half a second on); drawn between two ticks, the rope ends where the load is drawn.
    world.joints.toggle(world.joints.by_id("crane-latch"), world.lead_student.id, [])
    for _ in range(30):
        world.step(cmd.EMPTY_INPUT)
    pres.camera.follow(29.0 * TILE_PX, 10.5 * TILE_PX, world.tilemap.width_px, world.tilemap.height_px, snap=True)
    surface = pygame.Surface((1280, 720))
    pres.draw(surface, 0.5)
    before, now = world.prev_pos[load.index], world.bodies.pos[load.index]
    drawn = pres.camera.to_screen(*(before + (now - before) * 0.5))
    assert math.dist(drawn, held) > 100  # it has swung well off where it hung
    px = _rope_pixels(surface)
    assert _off_segment(px, hook, drawn).max() <= 2.5
    assert len(px) >= 2 * math.dist(hook, drawn)
    reach = np.hypot(*(px - hook).T).max()  # how far from the hook the rope is drawn
    assert abs(reach - math.dist(hook, drawn)) <= 1.5  # to the load as drawn this frame...
    assert reach > math.dist(hook, pres.camera.to_screen(*now)) + 2  # ...not where the last tick left it


def test_a_drag_prompt_keeps_off_the_frame_and_the_padlock_it_is_about(display) -> None:
    """Played by hand, "hold E: drag the scaffold" sat over the frame being braced, the north
    door's padlock and its "x2.0": the label keeps off the prop it names and the padlocks near."""
    from hyosan.render.prompts import keep_clear

    world = _site()
    frame = world.prop_by_id("frame-north-2")
    frame.body.position = (40.5 * TILE_PX, 7.7 * TILE_PX)  # dragged up against the north door
    lead = world.lead_student
    lead.body.position = lead.control.position = (40.5 * TILE_PX, 8.75 * TILE_PX)
    world.step(cmd.EMPTY_INPUT)
    pres = Presentation(world, Camera(1280, 720, 3.0))
    surface = _frame(pres, 40.5, 8.5)
    hint = pres.prompts.draw(surface, pres.camera, world, world.sim_seconds, avoid=pres.view.bodies_under)
    assert hint is not None and hint.text == "hold E: drag the scaffold" and hint.prop == "frame-north-2"
    keep = keep_clear(world, pres.camera, hint)
    assert len(keep) >= 2  # the frame, and the north door's padlock
    assert not any(pres.prompts.label_rect.colliderect(k) for k in keep), (pres.prompts.label_rect, keep)
