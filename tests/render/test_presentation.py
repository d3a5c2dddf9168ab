"""Drawing the world: rings grow and expire, the horde is culled to the camera, and a headless
render of the sandbox is a real picture."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from hyosan.content.loader import load_level
from hyosan.render.camera import Camera
from hyosan.render.noise_rings import GROW_SECONDS, NoiseRings, ring_colour
from hyosan.render.presentation import Presentation
from hyosan.sim import events as ev
from hyosan.sim.units import TILE_PX
from hyosan.sim.world import World
from tests.helpers import ROOT, sandbox


def test_rings_expand_to_their_loudness_then_expire() -> None:
    rings = NoiseRings()
    rings.feed([ev.Sound(0, 0, 80, "walk-step"), ev.Sound(0, 0, 900, "pa"), ev.Impact(0, 0, 1.0)])
    assert len(rings.rings) == 2
    quiet, loud = rings.rings
    assert loud.caption == "PA speaker" and quiet.caption == ""
    rings.update(GROW_SECONDS / 2)
    assert 0 < quiet.radius < 80
    rings.update(GROW_SECONDS / 2)
    assert quiet.radius == pytest.approx(80)
    rings.update(5.0)
    assert rings.rings == []
    assert [ring_colour(v) for v in (50, 200, 500, 800)] == [(110, 220, 120), (240, 220, 90), (245, 150, 60), (235, 60, 50)]


class FakeCells:
    def __init__(self, pos: np.ndarray) -> None:
        self.pos = pos

    def in_rect(self, x0, y0, x1, y1, *, exact=False):  # always exact, like the real one asked with exact=True
        p = self.pos
        return np.nonzero((p[:, 0] >= x0) & (p[:, 0] < x1) & (p[:, 1] >= y0) & (p[:, 1] < y1))[0]


class FakeHorde:
    """The horde surface the renderer reads: SoA arrays and a cell list."""

    def __init__(self, pos: np.ndarray) -> None:
        self.n = len(pos)
        self.pos = pos
        self.prev_pos = pos.copy()
        self.vel = np.tile([20.0, 0.0], (self.n, 1))
        self.state = (np.arange(self.n) % 6).astype(np.uint8)
        self.breed = np.zeros(self.n, dtype=np.int16)
        self.uid = np.arange(self.n, dtype=np.int64) * 7
        self.cells = FakeCells(pos)


def test_world_view_draws_only_the_zombies_inside_the_camera(display) -> None:
    world = World.from_spec(sandbox(), 0)
    inside = np.column_stack([np.linspace(100, 300, 30), np.full(30, 150.0)])
    outside = np.column_stack([np.full(20, 5000.0), np.full(20, 5000.0)])
    world.horde = FakeHorde(np.vstack([inside, outside]))
    camera = Camera(1280, 720)
    present = Presentation(world, camera)
    present.update(0.0, snap=True)
    calls = []
    screen = pygame.display.get_surface()

    class Counting(pygame.Surface):
        def fblits(self, seq, *a):
            seq = list(seq)
            calls.append(len(seq))
            return super().fblits(seq, *a)

    target = Counting(screen.get_size())
    assert present.view.draw_horde(target, camera, 0.5, 1.0) == 30
    assert calls == [30]


def test_headless_render_of_the_sandbox_is_a_real_picture(display) -> None:
    world = World.from_spec(sandbox(), 0)
    camera = Camera(1280, 720)
    present = Presentation(world, camera, objective="First Steps")
    present.consume([ev.Sound(200, 60, 400, "door")])
    present.update(0.2, snap=True)
    surface = pygame.Surface((1280, 720))
    present.draw(surface, 0.0)
    pixels = pygame.surfarray.array3d(surface).reshape(-1, 3)
    colours = np.unique(pixels[:: 7], axis=0)
    assert len(colours) > 200


def test_a_dark_level_is_darker_but_lit_around_the_lead(display) -> None:
    from hyosan.render.light import LightMap

    world = World.from_spec(sandbox(), 0)
    camera = Camera(1280, 720)
    present = Presentation(world, camera)
    present.update(0.0, snap=True)
    day = pygame.Surface((1280, 720))
    present.draw(day, 0.0)
    present.light = LightMap(present.atlas, "dark")
    night = pygame.Surface((1280, 720))
    present.draw(night, 0.0)
    lx, ly = (int(v) for v in camera.to_screen(*world.student_pos(world.lead_student)))
    far = pygame.surfarray.array3d(night)[1000:1200, 500:600].mean()
    assert far < pygame.surfarray.array3d(day)[1000:1200, 500:600].mean() * 0.5
    assert pygame.surfarray.array3d(night)[lx - 30:lx + 30, ly - 30:ly + 30].mean() > far


def test_a_loud_caption_says_where_the_sound_is() -> None:
    from hyosan.render.noise_rings import place_of

    places = [("west wing", (0.0, 0.0, 100.0, 100.0)), ("hall", (0.0, 0.0, 400.0, 100.0))]
    assert place_of(places, 50, 50) == "west wing"  # the smaller, more specific place wins
    assert place_of(places, 300, 50) == "hall" and place_of(places, 500, 50) is None
    rings = NoiseRings(places=places)
    rings.feed([ev.Sound(50, 50, 900, "pa"), ev.Sound(500, 50, 900, "pa")])
    assert [r.caption for r in rings.rings] == ["PA speaker \u2014 west wing", "PA speaker"]


def test_a_level_can_name_its_own_sound_in_the_caption(display) -> None:
    # Yellow Markers' siren is a pa-speaker: its caption read "PA speaker" at an army checkpoint.
    world = World.from_spec(load_level(ROOT / "levels" / "hyosan" / "yellow-markers.toml"), 0)
    present = Presentation(world, Camera(1280, 720))
    siren = next(s for s in world.spec.sounds if s.id == "siren")
    present.rings.feed([ev.Sound(siren.at[0] * TILE_PX, siren.at[1] * TILE_PX, 2400, "pa-speaker", "siren"),
                        ev.Sound(0.0, 0.0, 2400, "pa-speaker", "elsewhere")])
    assert [r.caption.split(" \u2014")[0] for r in present.rings.rings] == ["siren", "PA speaker"]


def test_the_hud_counts_the_phones_left(display) -> None:
    from hyosan.render.atlas import Atlas
    from hyosan.render.hud import Hud

    world = World.from_spec(sandbox(), 0)
    hud = Hud(Atlas())
    text_box = pygame.Rect(1280 - 12 - 260 + 40, 720 - 12 - 76 + 36, 80, 30)  # "x N" beside the phone icon

    def draw(phones: int) -> pygame.Surface:
        world.phones_left = phones
        surface = pygame.Surface((1280, 720))
        hud.draw(surface, world, "Reach the exit", 0.2)
        return surface.subsurface(text_box).copy()

    three, two, two_again = draw(3), draw(2), draw(2)
    assert pygame.image.tobytes(three, "RGB") != pygame.image.tobytes(two, "RGB")
    assert pygame.image.tobytes(two, "RGB") == pygame.image.tobytes(two_again, "RGB")
    assert any(two.get_at((x, y))[0] > 200 for x in range(80) for y in range(30))  # bright text is there


def test_the_hud_shows_how_far_a_station_is_worked(display) -> None:
    """Holding E at Storm Crossing's key box (20 s, under the top panel at the map's corner): a
    bar under the objective shows it took hold and fills; none while nothing is worked."""
    from hyosan.content.discovery import resolve_level
    from hyosan.render.atlas import Atlas
    from hyosan.render.hud import Hud

    world = World.from_spec(resolve_level("hyosan/storm-crossing", [])[1], 0)
    hud = Hud(Atlas())
    strip = pygame.Rect(640 - 150, 54, 300, 34)  # under the top panel, centred
    box = next(st for st in world.director.stations if st.spec.id == "key-box")

    def draw(user: str, progress: int) -> bytes:
        box.user, box.progress = user, progress
        surface = pygame.Surface((1280, 720))
        hud.draw(surface, world, "Take the keys", 0.0)
        return pygame.image.tobytes(surface.subsurface(strip).copy(), "RGB")

    idle, started, half = draw("", 0), draw("on-jo", 1), draw("on-jo", 10 * 60)
    assert set(idle) == {0}  # nothing drawn there while no station is worked
    assert started != idle and half != started  # the panel appears, and its bar fills
    assert world.director.station_progress("key-box") == pytest.approx(0.5)
    assert world.director.station_seconds_left("key-box") == pytest.approx(10.0)  # said too: "key box: keep still, 10 s"
    # Joon-yeong works consoles twice as fast: his bar is full when the work is done (it stood at half)
    box.user, box.progress = "joon-yeong", 5 * 60
    assert world.director.station_progress("key-box") == pytest.approx(0.5)
    assert world.director.station_seconds_left("key-box") == pytest.approx(5.0)


@pytest.mark.parametrize("level", ["hyosan/storm-crossing", "sandbox/first-steps"])
def test_no_pixel_of_the_last_frame_survives_the_next(display, level) -> None:
    """The screen is cleared only where the map does not cover it: nothing stale may show."""
    from hyosan.content.discovery import resolve_level

    world = World.from_spec(resolve_level(level, [])[1], 0)
    camera = Camera(1280, 720)
    present = Presentation(world, camera)
    present.update(0.0, snap=True)
    for shake in (0.0, 3.0, -3.0):  # a shake may pull the view past the map's edge
        camera.shake_x = camera.shake_y = shake
        surface = pygame.Surface((1280, 720))
        surface.fill((255, 0, 255))  # the "last frame"
        present.draw(surface, 1.0)
        rgb = pygame.surfarray.pixels3d(surface)
        stale = (rgb[..., 0] == 255) & (rgb[..., 1] == 0) & (rgb[..., 2] == 255)
        assert not stale.any(), f"{int(stale.sum())} stale pixels at shake {shake}"


def test_the_hud_says_whether_the_phone_torch_is_on(display) -> None:
    """Storm Crossing's phone torch starts off; played by hand, only its beam showed it was on.
    The noise box says "torch off (T)", and T turns it to "torch ON (T)" in key yellow."""
    from hyosan.content.discovery import resolve_level
    from hyosan.render.atlas import Atlas
    from hyosan.render.hud import Hud
    from hyosan.sim import commands as cmd

    world = World.from_spec(resolve_level("hyosan/storm-crossing", [])[1], 0)
    hud = Hud(Atlas())
    row = pygame.Rect(1280 - 12 - 260 + 100, 720 - 12 - 76 + 36, 160, 36)  # right of the phones

    def draw() -> pygame.Surface:
        surface = pygame.Surface((1280, 720))
        hud.draw(surface, world, "Take the keys", 0.0)
        return surface.subsurface(row).copy()

    off = draw()
    assert not world.sky.torches
    world.step(cmd.TickInput((cmd.ToggleTorch(),)))
    on = draw()
    assert world.sky.torches
    assert pygame.image.tobytes(off, "RGB") != pygame.image.tobytes(on, "RGB")
    assert any(on.get_at((x, y))[2] < 160 and on.get_at((x, y))[0] > 240 for x in range(160) for y in range(36))  # yellow
    assert not any(off.get_at((x, y))[2] < 160 and off.get_at((x, y))[0] > 240 for x in range(160) for y in range(36))


@pytest.mark.parametrize("scale", [3.0, 2.0])
def test_a_squad_in_the_map_s_bottom_corner_is_not_under_the_squad_panel(display, scale: float) -> None:
    """Yellow Markers starts the squad in the map's bottom-left corner. In the far view the
    camera stopped at the map's edge and the squad panel covered the squad: the view now goes
    past the bottom edge, easing, until every student (and the name over it) is above the panel,
    and comes back to the edge once the lead walks out from over the panel."""
    from hyosan.content.discovery import resolve_level
    from hyosan.sim import commands as cmd

    _, spec = resolve_level("hyosan/yellow-markers", [])
    world = World.from_spec(spec, 0)
    world.step(cmd.EMPTY_INPUT)
    pres = Presentation(world, Camera(1280, 720, scale))
    surface = pygame.Surface((1280, 720))
    pres.update(0.0, snap=True)
    first = pres.camera.y
    for _ in range(60):
        pres.draw(surface, 1.0)
        pres.update(1 / 60)
    assert pres.camera.y == pytest.approx(first, abs=0.5)  # it started where it settles: no slide
    panel = pres.hud.squad_rect
    for s in world.students:
        sx, sy = pres.camera.to_screen(*map(float, world.student_pos(s)))
        assert sy + 8 * scale < panel.top, s.id  # its feet above the panel
    assert pres.camera.bottom_room > 0  # past the map's edge: the edge alone left them under it
    for s in world.students:  # the squad walks out east, away from the panel
        world.bodies.pos[s.index] += (40 * 16, 0)
    for _ in range(90):
        pres.update(1 / 60)
        pres.draw(surface, 1.0)
    assert pres.camera.bottom_room < 0.5


def test_a_lead_in_the_map_s_top_row_is_not_under_the_objective_bar(display) -> None:
    """At Storm's hut, in the map's top row, On-jo was drawn under the objective bar: the view
    eases past the top margin until the lead and the name over it are below the bar."""
    from hyosan.content.discovery import resolve_level
    from hyosan.render.camera import KEEP_CLEAR_PX
    from hyosan.sim import commands as cmd

    _, spec = resolve_level("hyosan/storm-crossing", [])
    world = World.from_spec(spec, 0)
    world.step(cmd.EMPTY_INPUT)
    for s in world.students:
        world.bodies.pos[s.index] = (30.5 * 16, 0.6 * 16)  # against the map's top edge
    pres = Presentation(world, Camera(1280, 720, 3.0))
    surface = pygame.Surface((1280, 720))
    pres.update(0.0, snap=True)
    for _ in range(60):
        pres.draw(surface, 1.0)
        pres.update(1 / 60)
    lead_y = pres.camera.to_screen(*map(float, world.student_pos(world.lead_student)))[1]
    assert lead_y >= pres.hud.top_rect.bottom + KEEP_CLEAR_PX - 1
    assert pres.camera.top_room > 0


def test_name_tags_are_kept_below_the_hud_s_top_bar(display) -> None:
    """Played by hand, a lead near the top of the view had its name under the objective bar:
    the view's tags go no higher than the bar the HUD drew last."""
    world = World.from_spec(sandbox(), 0)
    pres = Presentation(world, Camera(1280, 720, 3.0))
    surface = pygame.Surface((1280, 720))
    pres.draw(surface, 1.0)
    pres.draw(surface, 1.0)
    assert pres.hud.top_rect.bottom > 0 and pres.view.label_top == pres.hud.top_rect.bottom + 2


def _trolley(bunched: bool = False):
    """Trolley Shield Run at its start, drawn once at the near view (the HUD laid out); with
    ``bunched``, the squad (So-ju is not in yet) huddled round the lead as in the torn box."""
    from hyosan.content.discovery import resolve_level

    _, spec = resolve_level("hyosan/trolley-shield-run", [])
    world = World.from_spec(spec, 0)
    lead = world.lead_student
    lx, ly = (float(v) for v in world.student_pos(lead))
    if bunched:
        for k, s in enumerate(s for s in world.students if s is not lead and s.alive and s.id != "so-ju"):
            s.body.position = (lx - 10 - 8 * (k % 2), ly - 8 + 9 * (k // 2))
            world.bodies.pos[s.index] = s.body.position
    pres = Presentation(world, Camera(1280, 720, 3.0))
    pres.update(0.0, snap=True)
    surface = pygame.Surface((1280, 720))
    pres.draw(surface, 1.0)
    pres.draw(surface, 1.0)
    return world, pres, surface


def test_a_caption_held_at_the_screen_s_foot_keeps_clear_of_the_hud_panels(display) -> None:
    """So-ju's scream in the Trolley's storeroom, below the view and to its right: every place
    of its caption was held at the screen's foot, and "scream - storeroom" was drawn half under
    the noise panel (a playtester). It moves off the HUD's panels, and is still drawn."""
    world, pres, surface = _trolley()
    cam = pres.camera
    x, y = cam.to_world(1200, 720 + 180)  # screen px: below the view's bottom right
    pres.consume([ev.Sound(x, y, 420.0, "scream", "")], world.sim_seconds)
    pres.update(0.1)
    pres.draw(surface, 1.0)
    hud = pres.hud
    panels = [r for r in (hud.top_rect, hud.squad_rect, hud.noise_rect, hud.special_rect, hud.casters_rect) if r.w and r.h]
    (caption,) = pres.rings.caption_rects
    assert hud.noise_rect.w and caption.collidelist(panels) < 0
    assert surface.get_rect().contains(caption) and caption.bottom > 600  # at the foot still, by the sound


def test_words_over_a_bitten_squad_keep_off_it_the_prompt_and_one_another(display) -> None:
    """The Trolley's box torn open: "Nam-ra is bitten", "On-jo is bitten", "joint break",
    "rattle" and the prompt lay in a heap on the squad (a playtester). Each caption keeps off the
    students, their name tags, the prompt's word (placed first: what E does now) and the
    captions placed before it, moving beside the sound; none is drawn where it would cover any
    of them."""
    from hyosan.sim.joints import BREAK_NOISE

    world, pres, surface = _trolley(bunched=True)
    lead = world.lead_student
    lx, ly = (float(v) for v in world.student_pos(lead))
    events = []
    squad = [s for s in world.students if s.alive and s.id != "so-ju"]
    for s in squad:
        p = world.student_pos(s)
        events += [ev.Bitten(s.id, float(p[0]), float(p[1]), 0.75), ev.Sound(float(p[0]), float(p[1]), 420.0, "scream", s.id)]
    events += [ev.Sound(lx + 4, ly + 10, BREAK_NOISE, "joint-break", "j"), ev.Sound(lx + 20, ly - 20, 420.0, "rattle", "t")]
    # and a crash whose caption's first place (40 px over it) is the prompt's word
    word = pres.prompts.label_rect
    events.append(ev.Sound(*pres.camera.to_world(word.centerx, word.top + 40), 420.0, "crash", "c"))
    pres.consume(events, world.sim_seconds)
    pres.update(0.1)
    pres.draw(surface, 1.0)
    view, captions, prompt = pres.view, pres.rings.caption_rects, pres.prompts.label_rect
    assert prompt is not None and len(captions) >= 4
    keep = view._students_drawn + view._name_rects + [prompt]
    assert len(view._students_drawn) == len(squad)
    for k, caption in enumerate(captions):
        assert caption.collidelist(keep) < 0, caption
        assert caption.collidelist(captions[k + 1:]) < 0
