"""Call-outs: Gwi-nam's fall (Construction-Site Stand's climax) and an ally breaking in are seen
even when they happen off-screen: the camera leans toward the spot for a moment, never far
enough to push the lead out of view, and an arrow at the screen's edge points at it."""

from __future__ import annotations

import math

import pygame

from hyosan.content.discovery import resolve_level
from hyosan.render.callouts import (
    LEAD_MARGIN,
    LEAN_SECONDS,
    POINT_SECONDS,
    callout_for,
    clear_of,
    draw_edge_arrow,
    edge_arrow,
    lean_target,
    lean_weight,
)
from hyosan.render.camera import Camera
from hyosan.render.presentation import Presentation
from hyosan.sim import events as ev
from hyosan.sim.world import World


def test_which_events_call_out() -> None:
    assert callout_for(ev.Fell(10.0, 20.0, breed="halfbie")) == "Gwi-nam fell"
    assert callout_for(ev.Struck(10.0, 20.0, "halfbie", "crane-load")) == "Gwi-nam is down"
    assert callout_for(ev.AllyJoined("so-ju", 1.0, 2.0)) == "ally"
    assert callout_for(ev.Fell(10.0, 20.0, breed="walker")) is None  # a walker over the edge: no
    assert callout_for(ev.Fell(10.0, 20.0, student="on-jo")) is None  # the ticker says that one


def test_the_lean_rises_holds_and_falls_back_to_the_lead() -> None:
    assert lean_weight(-0.1) == 0.0 and lean_weight(0.0) == 0.0
    assert 0.0 < lean_weight(LEAN_SECONDS / 6) < 1.0
    assert lean_weight(LEAN_SECONDS / 2) == 1.0
    assert lean_weight(LEAN_SECONDS) == 0.0 and lean_weight(LEAN_SECONDS + 5) == 0.0
    half_w, half_h = 213.0, 120.0
    # a spot far off to the north-west: the lean stops with the lead LEAD_MARGIN from the edge
    tx, ty = lean_target((500.0, 300.0), (-2000.0, -900.0), 1.0, half_w, half_h)
    assert math.isclose(500.0 - tx, half_w * (1 - LEAD_MARGIN)) and math.isclose(300.0 - ty, half_h * (1 - LEAD_MARGIN))
    # a spot near by: part of the way, not clamped; no weight: the lead itself
    assert lean_target((500.0, 300.0), (560.0, 300.0), 1.0, half_w, half_h) == (536.0, 300.0)
    assert lean_target((500.0, 300.0), (-2000.0, -900.0), 0.0, half_w, half_h) == (500.0, 300.0)


def test_edge_arrow_only_for_spots_off_screen() -> None:
    assert edge_arrow(640.0, 360.0, 1280, 720) is None
    tx, ty, a = edge_arrow(3000.0, 360.0, 1280, 720, inset=34)
    assert (round(tx), round(ty), round(a, 3)) == (1280 - 34, 360, 0.0)
    tx, ty, a = edge_arrow(640.0, -500.0, 1280, 720, inset=34)
    assert round(ty) == 34 and round(tx) == 640 and a < 0


def _site_in_view() -> tuple[World, pygame.Surface, Presentation]:
    """Construction-Site Stand at its start, its presentation on the display, the camera on the lead."""
    _, spec = resolve_level("hyosan/construction-site-stand", None)
    world = World(spec, 0)
    pres = Presentation(world, Camera(1280, 720, 3.0))
    pres.update(0.0, snap=True)
    return world, pygame.display.get_surface(), pres


def test_gwi_nam_falling_off_screen_leans_the_camera_and_points_at_it(display) -> None:
    world, surface, pres = _site_in_view()
    lead = world.student_pos(world.lead_student)
    lx, ly = float(lead[0]), float(lead[1])
    spot = (lx - 330.0, ly - 60.0)  # off the left edge (the view is ~213 world px each side)
    assert pres.camera.to_screen(*spot)[0] < 0
    pres.consume([ev.Fell(spot[0], spot[1], breed="halfbie")])
    pres.draw(surface, 0.0)
    tip = pres.callouts.draw(surface, pres.camera, pres.hud.font(22), world.sim_seconds)
    assert tip is not None and tip[0] < 100  # on the left edge, toward the fall
    x0 = pres.camera.x
    now = world.sim_seconds
    for k in range(int(LEAN_SECONDS / 2 * 60)):  # the camera eases toward the fall...
        pres.callouts.current.said = now - k / 60  # (the lean is timed in play seconds)
        pres.update(1 / 60)
    assert pres.camera.x < x0 - 60
    sx, sy = pres.camera.to_screen(lx, ly)
    assert 640 * LEAD_MARGIN - 1 <= sx <= 1280 and 0 <= sy <= 720  # ...the lead still well in view
    pres.callouts.current.said = now - POINT_SECONDS  # later: no arrow, the camera back on the lead
    assert pres.callouts.draw(surface, pres.camera, pres.hud.font(22), now) is None
    for _ in range(120):
        pres.update(1 / 60)
    assert abs(pres.camera.x - x0) < 2.0


def test_an_ally_breaking_in_under_the_hud_is_pointed_at_from_above_it(display) -> None:
    # "So-ju breaks in" was drawn over the extinguisher panel: a spot below the screen, or under
    # a bottom panel, gets its arrow between the top bar and the bottom panels, as the objective's.
    world, surface, pres = _site_in_view()
    pres.draw(surface, 0.0)
    hud = pres.hud
    panel = hud.noise_rect  # bottom right
    spot = pres.camera.to_world(panel.centerx, panel.centery)
    pres.consume([ev.AllyJoined("so-ju", spot[0], spot[1])])
    pres.draw(surface, 0.0)
    tip = pres.callouts.draw(surface, pres.camera, hud.font(22), world.sim_seconds, bottom=hud.bottom_panels_top,
                             covers=[hud.squad_rect, hud.noise_rect, hud.special_rect])
    assert tip is not None and tip[1] <= hud.bottom_panels_top  # pointed at, from above the panels


def test_an_edge_arrow_s_word_keeps_off_a_ticker_line_and_stays_near(display) -> None:
    surface = pygame.display.get_surface()
    font = pygame.font.Font(None, 20)
    label = font.render("stairwell", True, (255, 255, 255))
    arrow = edge_arrow(640.0, -400.0, 1280, 720)  # straight up: the word sits under the tip
    plain = draw_edge_arrow(surface, arrow, 18, (255, 220, 0), label)
    # A ticker pill centred across the top, right where the word was drawn.
    pill = pygame.Rect(0, 0, 420, plain.h + 8)
    pill.center = plain.center
    moved = draw_edge_arrow(surface, arrow, 18, (255, 220, 0), label, avoid=[pill])
    assert not moved.colliderect(pill)
    assert surface.get_rect().contains(moved)
    # The least move: beside the pill (210 px + a gap) or under it, whichever is shorter.
    shift = abs(moved.x - plain.x) + abs(moved.y - plain.y)
    assert shift <= min(pill.w // 2 + plain.w // 2 + 4, pill.h + plain.h + 4)
    assert moved.size == plain.size


def test_clear_of_leaves_a_clear_panel_and_keeps_a_boxed_in_one() -> None:
    screen = pygame.Rect(0, 0, 1280, 720)
    panel = pygame.Rect(600, 100, 80, 20)
    assert clear_of(panel, [pygame.Rect(0, 0, 1280, 60)], screen) == panel  # clear already
    # Under a line, with lines above and below it: beside it, not onto another line.
    lines = [pygame.Rect(400, 60 + 28 * i, 480, 24) for i in range(4)]
    moved = clear_of(panel, lines, screen)
    assert moved.collidelist(lines) < 0 and moved.y == panel.y
    # Nowhere to go on the screen: left where it was.
    wall = [pygame.Rect(0, 0, 1280, 720)]
    assert clear_of(panel, wall, screen) == panel
