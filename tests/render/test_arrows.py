"""Ha-ri's arrows on screen: a shaft races along the shot's line to where it stopped, lies
there a moment, then is gone; the squad panel counts a bow's arrows."""

from __future__ import annotations

import pygame

from hyosan.render.arrows import FLIGHT_SECONDS, HEAD, REST_SECONDS, STRUCK, Arrows
from hyosan.render.camera import Camera
from hyosan.sim import events as ev

BACK = (20, 24, 30)


def _frame(arrows: Arrows, camera: Camera) -> pygame.Surface:
    surf = pygame.Surface((640, 360))
    surf.fill(BACK)
    arrows.draw(surf, camera)
    return surf


def _lit(surf: pygame.Surface, x0: int, x1: int, y: int) -> list[int]:
    """Screen columns between x0 and x1 on row y that are not background."""
    return [x for x in range(x0, x1) if surf.get_at((x, y))[:3] != BACK]


def test_a_shot_flies_its_line_lies_where_it_struck_then_fades_away(display) -> None:
    camera = Camera(640, 360, scale=2.0, x=160.0, y=90.0)  # world (0, 0) at the screen's corner
    arrows = Arrows()
    arrows.feed([ev.Shot("ha-ri", 40.0, 90.0, 240.0, 90.0, True, 11), ev.Sound(0, 0, 40, "bow", "ha-ri")])
    assert len(arrows.flights) == 1
    arrows.update(FLIGHT_SECONDS / 2)  # half way: the head is at world x 140 (screen 280)
    mid = _lit(_frame(arrows, camera), 0, 640, 180)
    assert mid and 270 <= max(mid) <= 290 and min(mid) > 80  # nothing drawn at the bow any more
    arrows.update(FLIGHT_SECONDS / 2)  # landed: head at world x 240 (screen 480), fletching red
    landed = _frame(arrows, camera)
    assert 470 <= max(_lit(landed, 0, 640, 180)) <= 490
    assert landed.get_at((480, 180))[:3] == HEAD
    assert STRUCK in [landed.get_at((x, 180))[:3] for x in range(450, 470)]
    arrows.update(REST_SECONDS / 2)  # lying there, dimmer
    assert _frame(arrows, camera).get_at((480, 180))[:3] < HEAD
    arrows.update(REST_SECONDS / 2)
    assert arrows.flights == [] and _lit(_frame(arrows, camera), 0, 640, 180) == []


def test_the_squad_panel_counts_a_bows_arrows(display) -> None:
    from hyosan.render.atlas import Atlas
    from hyosan.render.hud import ARROW_COLUMN_PX, Hud
    from tests.sim.test_bow import RANGE, world_of

    hud = Hud(Atlas())
    screen = pygame.Surface((1280, 720))
    armed = world_of()
    hud.draw(screen, armed, "Range", 0.0)
    wide = hud.squad_rect.w
    plain = world_of(RANGE.replace('weapon = "bow"', 'weapon = "bat"'))
    hud.draw(screen, plain, "Range", 0.0)
    assert wide == hud.squad_rect.w + ARROW_COLUMN_PX
    # the count's digits sit in the new column of Ha-ri's row (the first)
    screen.fill((0, 0, 0))
    hud.draw(screen, armed, "Range", 0.0)
    col = pygame.Rect(hud.squad_rect.right - ARROW_COLUMN_PX, hud.squad_rect.y + 8, ARROW_COLUMN_PX - 8, 24)
    before = pygame.image.tobytes(screen.subsurface(col), "RGB")
    armed.lead_student.arrows = 3
    hud.draw(screen, armed, "Range", 0.0)
    assert pygame.image.tobytes(screen.subsurface(col), "RGB") != before  # "12" became "3"


def test_an_archer_leads_with_her_aim_drawn_to_what_the_arrow_would_strike(display) -> None:
    """A playtester spent seven arrows for three kills, unable to tell which way Ha-ri would
    shoot. The aim is drawn from the archer to the zombie the arrow would strike (ringed), the
    very flight ``shoot`` then flies; no bow, no arrows: nothing."""
    from hyosan.render.arrows import AIM_MARK, draw_aim
    from hyosan.sim import actions
    from tests.sim.test_bow import RANGE, world_of

    world = world_of()
    lead = world.lead_student
    lead.facing = (1.0, 0.0)
    x0, y0, fx, fy, reach, target = actions.arrow_flight(world, lead)
    assert target is not None and 80.0 < reach < 110.0  # the "near" zombie, ~6 tiles east
    camera = Camera(640, 360, scale=2.0)
    camera.follow(x0, y0, world.tilemap.width_px, world.tilemap.height_px, snap=True)
    surf = pygame.Surface((640, 360))
    surf.fill(BACK)
    drawn = draw_aim(surf, camera, world)
    zx, zy = camera.to_screen(*map(float, world.horde.pos[target]))
    assert drawn is not None and drawn.collidepoint(zx, zy)
    ring = [surf.get_at((x, round(zy)))[:3] for x in range(round(zx) - 20, round(zx) + 21)]
    assert AIM_MARK in ring  # the zombie it would strike is ringed
    events: list = []
    actions.shoot(world, lead, events)  # and the shot flies the line drawn
    shot = next(e for e in events if isinstance(e, ev.Shot))
    assert (shot.x1, shot.y1, shot.hit) == (x0 + fx * reach, y0 + fy * reach, True)
    lead.arrows = 0
    assert draw_aim(surf, camera, world) is None
    plain = world_of(RANGE.replace('weapon = "bow"', 'weapon = "bat"'))
    assert draw_aim(surf, camera, plain) is None
