"""The objective pointer: an arrow at the screen's edge toward the place the current objective
names, while that place is off-screen, kept clear of the HUD's panels."""

from __future__ import annotations

import math

import numpy as np
import pygame
import pytest

from hyosan.content.discovery import resolve_level
from hyosan.render.callouts import edge_arrow
from hyosan.render.camera import Camera
from hyosan.render.objective_pointer import objective_spot
from hyosan.render.presentation import Presentation
from hyosan.sim import events as ev
from hyosan.sim.units import TILE_PX
from hyosan.sim.world import World


def _world(ref: str) -> World:
    _, spec = resolve_level(ref, None)
    return World(spec, 0)


def test_the_spot_follows_the_objective_from_station_to_station_to_the_exit() -> None:
    world = _world("hyosan/storm-crossing")
    # the key box (the station's id: its kind is the door switch's)
    assert objective_spot(world) == (11.5 * TILE_PX, 1.5 * TILE_PX, "key box")
    world.director.station_done.add("key-box")
    world.objectives.update(world, world.tick)
    x, y, word = objective_spot(world)
    padlock = next(s for s in world.director.stations if s.spec.id == "padlock")
    assert (x, y, word) == (padlock.spec.at[0] * TILE_PX, padlock.spec.at[1] * TILE_PX, "padlock")
    world.director.station_done.add("padlock")
    world.objectives.update(world, world.tick)
    x, y, word = objective_spot(world)
    assert word == "exit" and world.objectives.in_area(world, world.objectives.current, np.array([x, y]))
    lead = world.student_pos(world.lead_student)
    assert (x, y) == tuple(world.objectives.into_area(world, world.objectives.current, lead))  # its nearest point


def test_an_exit_in_two_pieces_is_pointed_at_where_the_lead_can_walk_to_soonest() -> None:
    """A playtester's Trolley pause map ringed storeroom D's corner: the exit point nearest in a
    straight line, across a wall from the corridor the squad walks, and far round by it. The
    ring and the arrow now go to the piece the lead reaches soonest on foot: the corridor's end."""
    world = _world("hyosan/trolley-shield-run")
    o = world.objectives.current
    assert o.kind == "reach-exit" and world.objectives.pieces(world, o).max() == 2
    lead = world.student_pos(world.lead_student)
    straight = world.objectives.into_area(world, o, lead)
    x, y, word = objective_spot(world)
    assert word == "exit" and world.objectives.in_area(world, o, np.array([x, y]))
    store = world.objectives.part_of(world, o, straight)
    corridor = world.objectives.part_of(world, o, np.array([x, y]))
    assert store != corridor  # the straight-line point is in the other piece (storeroom D)
    assert (x / TILE_PX, y / TILE_PX) == (102.5, 15.5) and tuple(np.round(straight / TILE_PX, 1)) == (98.5, 19.5)
    # From inside storeroom D, that piece is nearer on foot: the spot is there.
    world.lead_student.body.position = (99.5 * TILE_PX, 21.5 * TILE_PX)
    world.bodies.pos[world.lead_student.index] = world.lead_student.body.position
    x, y, _ = objective_spot(world)
    assert world.objectives.part_of(world, o, np.array([x, y])) == store


def test_no_spot_while_the_objective_is_to_hold_out() -> None:
    world = _world("hyosan/classroom-barricade")
    assert world.objectives.current.kind == "survive-seconds"
    assert objective_spot(world) is None


def test_the_arrow_stays_between_the_top_bar_and_the_bottom_panels() -> None:
    # a spot below and right of the screen: the tip stops above the bottom panels, not in them
    tx, ty, a = edge_arrow(2000.0, 1500.0, 1280, 720, inset=30, top=48, bottom=540)
    assert 48 + 30 <= ty <= 540 - 30 + 1e-9 and 0 < a < 1.6
    # a spot on screen: no arrow; one hidden under a panel (the top bar here): an arrow up at it
    assert edge_arrow(600.0, 20.0, 1280, 720, top=90, bottom=540) is None
    tx, ty, a = edge_arrow(600.0, 20.0, 1280, 720, inset=30, top=90, bottom=540, hidden=True)
    assert ty == pytest.approx(90 + 30) and a < 0  # just under the bar, pointing up


def test_a_place_under_a_hud_panel_gets_the_arrow(display) -> None:
    """A playtester found Yellow Markers' third ribbon half under the noise panel and the fourth
    under the top bar, with no arrow to say so: a place under a panel counts as out of view."""
    world = _world("hyosan/storm-crossing")
    surface = pygame.display.get_surface()
    pres = Presentation(world, Camera(1280, 720, 3.0))
    pres.update(0.0, snap=True)
    pres.draw(surface, 0.0)
    x, y, _ = objective_spot(world)
    hud = pres.hud
    covers = [hud.top_rect, hud.squad_rect, hud.noise_rect]
    assert hud.top_rect.h and hud.noise_rect.h
    for panel in (hud.noise_rect, hud.top_rect):  # put the place under the panel
        sx, sy = panel.center
        pres.camera.x += (x - pres.camera.to_world(sx, sy)[0])
        pres.camera.y += (y - pres.camera.to_world(sx, sy)[1])
        assert pres.camera.to_screen(x, y) == pytest.approx(panel.center, abs=1.0)
        assert pres.pointer.draw(surface, pres.camera, world, hud.font(20), top=hud.work_rect.bottom,
                                 bottom=hud.bottom_panels_top) is None  # as before: "on screen"
        label = pres.pointer.draw(surface, pres.camera, world, hud.font(20), top=hud.work_rect.bottom,
                                  bottom=hud.bottom_panels_top, covers=covers)
        assert label is not None and not any(label.colliderect(r) for r in covers)


@pytest.mark.parametrize("station_done", [False, True])
def test_drawn_off_screen_clear_of_the_hud_and_gone_in_view(display, station_done: bool) -> None:
    world = _world("hyosan/storm-crossing")
    if station_done:  # the padlock: south-east of the start, toward the squad and noise panels' corner
        world.director.station_done.add("key-box")
        world.objectives.update(world, world.tick)
    surface = pygame.display.get_surface()
    pres = Presentation(world, Camera(1280, 720, 3.0))
    pres.update(0.0, snap=True)
    pres.draw(surface, 0.0)
    label = pres.pointer.draw(surface, pres.camera, world, pres.hud.font(20), top=pres.hud.work_rect.bottom,
                              bottom=pres.hud.bottom_panels_top)
    x, y, _ = objective_spot(world)
    sx, sy = pres.camera.to_screen(x, y)
    assert not (0 <= sx < 1280 and 0 <= sy < 720)  # the place is off-screen at the start...
    assert label is not None  # ...so the arrow and its word are drawn
    assert label.top >= pres.hud.work_rect.bottom and label.bottom <= pres.hud.bottom_panels_top
    assert not label.colliderect(pres.hud.squad_rect)
    # the label sits on the side of the screen the place lies on
    assert (label.centerx - 640) * (sx - 640) >= 0 and (label.centery - 360) * (sy - 360) >= 0
    pres.camera.follow(x, y, world.tilemap.width_px, world.tilemap.height_px, snap=True)
    assert pres.pointer.draw(surface, pres.camera, world, pres.hud.font(20)) is None  # in view: nothing


def test_a_zone_objective_points_at_the_zones_nearest_point_named_by_its_id() -> None:
    import dataclasses

    from hyosan.content.schema import ObjectiveSpec, ZoneSpec

    _, spec = resolve_level("sandbox/first-steps", None)
    zone = ZoneSpec("corridor-end", (36.0, 9.0, 40.0, 12.0))
    level = dataclasses.replace(spec, zones=(*spec.zones, zone),
                                objectives=(ObjectiveSpec("end", "reach-zone", zone="corridor-end"),))
    world = World(level, 0)
    x, y, word = objective_spot(world)
    assert word == "corridor end"
    lead = world.student_pos(world.lead_student)
    assert (x, y) == tuple(world.objectives.into_area(world, world.objectives.current, lead))
    assert 36.5 * TILE_PX <= x <= 39.5 * TILE_PX and 9.5 * TILE_PX <= y <= 11.5 * TILE_PX  # half a tile in


def test_a_trail_marker_objective_points_at_its_ribbon() -> None:
    """Yellow Markers: the arrow points at each marker's ribbon, tied to a tree, and names the
    marker; pointing at the zone's near edge, it went away with the edge in view and the ribbon
    still off the top of the screen."""
    from hyosan.render.trail_markers import marker_spots

    world = _world("hyosan/yellow-markers")
    spots = {z: (x, y) for z, x, y, tied in marker_spots(world.spec.zones, world.tilemap.kind) if tied}
    assert sorted(spots) == [f"marker-{k}" for k in range(1, 6)]  # every ribbon is tied to a tree
    x, y, word = objective_spot(world)
    assert word == "marker 1" and (x, y) == (spots["marker-1"][0] * TILE_PX, spots["marker-1"][1] * TILE_PX)
    c, r = int(spots["marker-1"][0]), int(spots["marker-1"][1])
    assert world.tilemap.solid[r, c]  # the tree itself


@pytest.mark.parametrize("angle", [-2.09, 0.0, 0.7, 1.57, 3.0])
def test_the_arrow_is_longer_than_it_is_wide_so_it_reads_one_way(display, angle: float) -> None:
    """Storm's far view: the arrow pointing up-left at the key box was read as pointing right.
    Its head was as wide as it was long, and its three corners read alike. Drawn now, its ink
    stretches along the way it points well past its width, and lies behind its tip."""
    from hyosan.render.callouts import draw_edge_arrow
    from hyosan.render.objective_pointer import ARROW_PX, COLOUR

    surface = pygame.Surface((200, 200))
    surface.fill((0, 0, 0))
    label = pygame.Surface((1, 1))  # no words: only the arrow's ink is measured
    tip = (100.0, 100.0)
    draw_edge_arrow(surface, (*tip, angle), ARROW_PX, COLOUR, label, width=2)
    ink = pygame.surfarray.array3d(surface)
    xs, ys = np.nonzero((ink[..., 0] == COLOUR[0]) & (ink[..., 1] == COLOUR[1]) & (ink[..., 2] == COLOUR[2]))
    ux, uy = np.cos(angle), np.sin(angle)
    along = (xs - tip[0]) * ux + (ys - tip[1]) * uy  # px toward where it points
    across = -(xs - tip[0]) * uy + (ys - tip[1]) * ux
    assert along.max() <= 1.5 and along.mean() < -ARROW_PX * 0.5  # the ink trails its tip
    assert np.ptp(along) > 1.8 * np.ptp(across), (np.ptp(along), np.ptp(across))


def test_the_current_ribbon_in_view_wears_a_ring_and_the_next_ones_do_not(display) -> None:
    """A playtester on Yellow Markers saw every ribbon alike and could not tell which one the
    objective meant: the current marker's ribbon, in view, is ringed in the squad's yellow."""
    from hyosan.render.objective_pointer import COLOUR, RIBBON_RING_PX

    world = _world("hyosan/yellow-markers")
    surface = pygame.display.get_surface()
    pres = Presentation(world, Camera(1280, 720, 3.0))
    x, y, _ = objective_spot(world)
    pres.camera.follow(x, y, world.tilemap.width_px, world.tilemap.height_px, snap=True)

    def ring_pixels(px: float, py: float) -> int:
        """Pixels of the squad's yellow on a circle of RIBBON_RING_PX world px round (px, py)."""
        surface.fill((0, 0, 0))
        pres.pointer.draw(surface, pres.camera, world, pres.hud.font(20))
        sx, sy = pres.camera.to_screen(px, py)
        found = 0
        for k in range(72):
            a = k * np.pi / 36
            for r in np.arange(RIBBON_RING_PX - 1, RIBBON_RING_PX + 4.5, 0.5) * pres.camera.scale:
                p = (round(sx + r * np.cos(a)), round(sy + r * np.sin(a)))
                if 0 <= p[0] < 1280 and 0 <= p[1] < 720 and tuple(surface.get_at(p))[:3] == COLOUR:
                    found += 1
                    break
        return found

    assert ring_pixels(x, y) > 60  # nearly all the way round
    assert pres.pointer.draw(surface, pres.camera, world, pres.hud.font(20)) is None  # in view: no arrow
    world.objectives.done[world.objectives.current.id] = world.tick  # on to marker 2: marker 1 is just a ribbon now
    _, _, word = objective_spot(world)
    assert word == "marker 2" and ring_pixels(x, y) == 0


def test_the_edge_arrows_keep_below_the_ticker_lines_at_the_top(display) -> None:
    # A playtester saw the objective arrow's head poke into a ticker line at the top of the
    # screen: the arrows' tips are kept below the lines (above them when the lines are low).
    from hyosan.render.ticker import Line

    world = _world("hyosan/storm-crossing")
    surface = pygame.display.get_surface()
    pres = Presentation(world, Camera(1280, 720, 3.0))
    pres.update(0.0, snap=True)
    pres.ticker.lines = [Line("A radio comes on", (255, 255, 255), 0.0), Line("Seen - they are coming", (255, 90, 80), 0.0)]
    seen: dict[str, object] = {}
    draw = pres.pointer.draw

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.update(kwargs)
        return draw(*args, **kwargs)

    pres.pointer.draw = spy  # type: ignore[method-assign]
    pres.draw(surface, 0.0)
    pills = pres._ticker_pills
    assert len(pills) == 2 and all(p.centery < 360 for p in pills)
    assert seen["top"] >= max(p.bottom for p in pills)  # (without the lines it is the top bar's bottom)
    assert seen["top"] > pres.hud.work_rect.bottom


def test_the_word_moves_off_a_zombie_under_it_and_is_left_out_in_a_crowd(display) -> None:
    """A playtester lost a zombie under the objective arrow's "exit" at the screen's edge: the
    word takes the first place near the arrow that hides nothing (a zombie, a student); with
    the crowd all round, the arrow alone points and the crowd shows."""
    from hyosan.render.objective_pointer import COLOUR

    world = _world("hyosan/trolley-shield-run")  # the exit: off the right edge at the start
    surface = pygame.display.get_surface()
    pres = Presentation(world, Camera(1280, 720, 3.0))
    pres.update(0.0, snap=True)
    drawn: list[pygame.Rect | None] = []
    draw = pres.pointer.draw

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        drawn.append(draw(*args, **kwargs))
        return drawn[-1]

    pres.pointer.draw = spy  # type: ignore[method-assign]
    pres.draw(surface, 0.0)
    home = drawn[-1]
    assert home is not None and pres.view.bodies_under(home) == 0
    horde = world.horde
    horde.request_spawn(*pres.camera.to_world(*home.center), 0)  # one stands right where the word is
    horde.apply_pending()
    pres.draw(surface, 0.0)
    sx, sy = pres.camera.to_screen(*map(float, horde.pos[-1]))
    zombie = pygame.Rect(0, 0, TILE_PX * 3, TILE_PX * 3)
    zombie.center = (round(sx), round(sy))
    assert zombie.colliderect(home)
    moved = drawn[-1]
    assert moved is not None and moved.size == home.size and not moved.colliderect(zombie)
    assert pres.view.bodies_under(moved) == 0
    # still the arrow's word: on the screen's side of it, near, clear of the HUD
    assert moved.right <= home.right and abs(moved.centerx - home.centerx) <= 3 * home.w
    assert moved.top >= pres.hud.work_rect.bottom and moved.bottom <= pres.hud.bottom_panels_top
    # A crowd all round the arrow: no place is clear, and no word is drawn.
    for gx in range(-6, 3):
        for gy in range(-3, 4):
            horde.request_spawn(*pres.camera.to_world(home.centerx + 40 * gx, home.centery + 40 * gy), 0)
    horde.apply_pending()
    pres.draw(surface, 0.0)

    def ink(hides) -> tuple[int, pygame.Rect | None]:  # type: ignore[no-untyped-def]
        """The pointer drawn alone on black: its yellow pixels, and what it returned."""
        black = pygame.Surface((1280, 720))
        hud = pres.hud
        got = draw(black, pres.camera, world, hud.font(20), top=hud.work_rect.bottom, bottom=hud.bottom_panels_top,
                   hides=hides)
        px = pygame.surfarray.pixels3d(black)
        n = int(((px[..., 0] == COLOUR[0]) & (px[..., 1] == COLOUR[1]) & (px[..., 2] == COLOUR[2])).sum())
        del px
        return n, got

    with_word, _ = ink(None)
    arrow_only, got = ink(pres.view.bodies_under)
    assert got is not None and not got.colliderect(home)  # the arrow's own rect: a word there keeps off it
    assert 0 < arrow_only < with_word - 20  # the arrow, without the word's ink


def _every_levels_objective_words() -> list[str]:
    """The word the objective arrow wears for each objective of every level shipped (a station's
    id, a zone's, "exit": as ``objective_spot`` words them), longest first."""
    from hyosan.content.discovery import discover_packs

    words = {"exit"}
    for entry in discover_packs([]):
        for level in entry.pack.levels if entry.pack is not None else ():
            for o in level.objectives:
                if o.worked_station:
                    words.add(o.worked_station.replace("-", " "))
                elif o.kind == "reach-zone":
                    words.add(o.zone.replace("-", " "))
    return sorted(words, key=len, reverse=True)


def _arrow_ink(tip: tuple[float, float], angle: float, size: float) -> tuple[tuple[float, float], list[tuple[float, float]]]:
    """Where an edge arrow's shaft ends (screen px) and its head's two back corners: the arrow
    runs from its tip back along ``angle`` for its head and shaft."""
    from hyosan.render.callouts import ARROW_HALF_ANGLE, ARROW_SHAFT

    back = angle + math.pi
    corners = [(tip[0] + size * math.cos(back + s), tip[1] + size * math.sin(back + s))
               for s in (-ARROW_HALF_ANGLE, ARROW_HALF_ANGLE)]
    length = size * math.cos(ARROW_HALF_ANGLE) + ARROW_SHAFT * size
    return (tip[0] + length * math.cos(back), tip[1] + length * math.sin(back)), corners


def _covers_arrow(panel: pygame.Rect, tip: tuple[float, float], angle: float, size: float) -> bool:
    """Whether ``panel`` lies on any of the arrow: its tip, its head or its shaft (a pixel's slack)."""
    tail, corners = _arrow_ink(tip, angle, size)
    grown = panel.inflate(2, 2)
    return bool(grown.collidepoint(tip) or grown.clipline(tip, tail)
                or any(grown.clipline(tip, c) or grown.clipline(c, tail) for c in corners))


@pytest.mark.parametrize("size", [(1280, 720), (960, 540)])
def test_no_objective_word_ever_lies_on_its_arrow(display, size: tuple[int, int]) -> None:
    """A playtester could not see where the objective arrow pointed: its word was drawn over
    its tip. For every level's objective words, with the place all round the screen (the four
    edges and the corners, between the top bar and the bottom panels), the word's panel keeps
    off the arrow's tip, head and shaft, and the tip itself shows in the arrow's colour."""
    from hyosan.render.callouts import draw_edge_arrow
    from hyosan.render.objective_pointer import ARROW_PX, COLOUR, INSET_PX

    w, h = size
    surface = pygame.Surface(size)
    font = pygame.font.Font(None, 20)
    words = _every_levels_objective_words()
    assert {"exit", "intercom", "key box", "marker 1", "past the lounge"} <= set(words)
    top, bottom = 58, h - 100  # (the top bar and a ticker line; the squad and noise panels)
    spots = [(w / 2 + 4000 * math.cos(math.radians(d)), (top + bottom) / 2 + 4000 * math.sin(math.radians(d)))
             for d in range(0, 360, 10)]
    spots += [(-1.0, -1.0), (w + 1.0, -1.0), (-1.0, h + 1.0), (w + 1.0, h + 1.0),  # just off each corner
              (-1.0, top + 1.0), (w + 1.0, bottom - 1.0), (w / 2, -1.0), (w / 2, h + 1.0)]
    for word in words:
        label = font.render(word, True, COLOUR)
        for sx, sy in spots:
            arrow = edge_arrow(sx, sy, w, h, inset=INSET_PX, top=top, bottom=bottom)
            assert arrow is not None
            tx, ty, angle = arrow
            surface.fill((40, 60, 40))
            panel = draw_edge_arrow(surface, arrow, ARROW_PX, COLOUR, label, width=2)
            assert not _covers_arrow(panel, (tx, ty), angle, ARROW_PX), (word, (sx, sy), panel, (tx, ty))
            near_tip = [tuple(surface.get_at((round(tx) + dx, round(ty) + dy)))[:3] for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
            assert COLOUR in near_tip, (word, (sx, sy))
            assert surface.get_rect().contains(panel)


def test_a_word_moved_off_a_ticker_line_or_a_zombie_still_keeps_off_its_arrow(display) -> None:
    """The word moves off the ticker's lines and off what it would hide; wherever it goes it
    does not land on its own arrow (and where no place near is clear, it is left out)."""
    from hyosan.render.callouts import draw_edge_arrow
    from hyosan.render.objective_pointer import ARROW_PX, COLOUR, INSET_PX

    surface = pygame.Surface((1280, 720))
    font = pygame.font.Font(None, 20)
    for word in _every_levels_objective_words():
        label = font.render(word, True, COLOUR)
        for degrees in range(0, 360, 30):
            a = math.radians(degrees)
            arrow = edge_arrow(640 + 4000 * math.cos(a), 360 + 4000 * math.sin(a), 1280, 720, inset=INSET_PX)
            home = draw_edge_arrow(surface, arrow, ARROW_PX, COLOUR, label, width=2)
            pill = home.inflate(300, 4)  # a ticker line right across the word's own place
            moved = draw_edge_arrow(surface, arrow, ARROW_PX, COLOUR, label, width=2, avoid=[pill])
            assert not _covers_arrow(moved, arrow[:2], arrow[2], ARROW_PX), (word, degrees, moved)
            # something under the word's own place: it moves, or is left out (the arrow's own
            # rect comes back then, and no word is drawn to cover anything)
            dodged = draw_edge_arrow(surface, arrow, ARROW_PX, COLOUR, label, width=2,
                                     hides=lambda r, home=home: int(r.colliderect(home)))
            if dodged.size == home.size:
                assert not dodged.colliderect(home) and not _covers_arrow(dodged, arrow[:2], arrow[2], ARROW_PX), \
                    (word, degrees, dodged)


@pytest.mark.parametrize(("ref", "skip"), [("hyosan/trolley-shield-run", 0), ("hyosan/storm-crossing", 0),
                                           ("hyosan/storm-crossing", 1), ("hyosan/classroom-barricade", 2),
                                           ("hyosan/construction-site-stand", 1), ("hyosan/yellow-markers", 2),
                                           ("sandbox/quiet-corridor", 1)])
def test_a_caption_held_at_the_screens_edge_keeps_off_the_objective_arrow(display, monkeypatch, ref: str, skip: int) -> None:
    """A sound off-screen has its caption held at the screen's edge ("PA speaker - east wing"),
    where the objective's arrow points out too: the caption lay on the arrow's tip, and the
    player could not see where it pointed. With a loud sound just past the tip, on each level's
    objectives (``skip``: those taken as done first), the caption keep off the arrow (from the frame after it first shows: the
    captions are placed before the arrows are drawn, as they keep off the ticker's lines)."""
    from hyosan.render import objective_pointer
    from hyosan.render.objective_pointer import ARROW_PX

    world = _world(ref)
    for _ in range(skip):
        world.objectives.done[world.objectives.current.id] = world.tick
    surface = pygame.display.get_surface()
    pres = Presentation(world, Camera(1280, 720, 3.0))
    pres.update(0.0, snap=True)
    arrows: list[tuple[float, float, float] | None] = []
    real = objective_pointer.edge_arrow
    monkeypatch.setattr(objective_pointer, "edge_arrow", lambda *a, **k: (arrows.append(real(*a, **k)), arrows[-1])[1])
    pres.draw(surface, 0.0)
    arrow = arrows[-1]
    assert arrow is not None  # the first objective's place is off-screen at the start
    tx, ty, angle = arrow
    # the sound: further out the way the arrow points, level with its tip (its caption's first
    # place is just above it), so the caption is held at that edge, across the tip
    sx, sy = tx + 300 * math.cos(angle), ty + 30
    x, y = pres.camera.to_world(sx, sy)
    pres.consume([ev.Sound(x, y, 2400.0, "pa", "pa-far-wing")])
    for _ in range(3):
        pres.update(1 / 60)
        pres.draw(surface, 0.0)
        assert arrows[-1] is not None and arrows[-1][:2] == pytest.approx((tx, ty), abs=2.0)  # (the camera barely moved)
    captions = pres.rings.caption_rects
    assert all(not _covers_arrow(c, (tx, ty), angle, ARROW_PX) for c in captions), (captions, (tx, ty))
    assert captions, "the caption was left out: nowhere else to go"
    # the arrows drawn after it (a door the crowd forces, a call-out) keep their words off it too
    seen: dict[str, list[pygame.Rect]] = {}
    for name in ("door_alarms", "callouts"):
        part = getattr(pres, name)
        monkeypatch.setattr(part, "draw", lambda *a, name=name, real=part.draw, **k: (seen.__setitem__(name, list(k["avoid"])),
                                                                                     real(*a, **k))[1])
    pres.draw(surface, 0.0)
    ink = pres.pointer.ink
    assert ink is not None and ink.collidepoint(tx, ty) and all(ink in avoid for avoid in seen.values()) and len(seen) == 2
