"""Interaction prompts, with the campaign levels: at the start of Trolley Shield Run the lead is
told E couples the front trolley, and the prompt follows the joint E would really work; the
crane cab, the crane latch and the pipe stack's chock of Construction-Site Stand say what E does
there; the scaffold tower says it can be pulled down; and the noise meter counts the trolleys'
rattle (played by hand, it sat empty while the box woke the corridor)."""

from __future__ import annotations

import math

import pygame
import pytest

from hyosan.content.discovery import resolve_level
from hyosan.render.camera import Camera
from hyosan.render.presentation import Presentation
from hyosan.render.prompts import (
    COUPLE,
    UNCOUPLE,
    UNCOUPLE_FRESH_SECONDS,
    UNCOUPLE_STILL_SECONDS,
    Hint,
    Prompts,
    markers,
    offered,
    use_hint,
)
from hyosan.sim import commands as cmd
from hyosan.sim import events as ev
from hyosan.sim.units import TILE_PX
from hyosan.sim.world import World


def _world(level: str) -> World:
    _, spec = resolve_level(level, None)
    return World(spec, 0)


def _put_lead(world: World, x_tiles: float, y_tiles: float) -> None:
    body = world.lead_student.body
    body.position = (x_tiles * TILE_PX, y_tiles * TILE_PX)
    world.bodies.pos[world.lead_student.index] = (x_tiles * TILE_PX, y_tiles * TILE_PX)


def _press_e(world: World) -> None:
    world.step(cmd.TickInput(commands=(cmd.Use(),)))


def test_trolley_start_prompts_the_front_coupling_and_follows_what_e_does() -> None:
    world = _world("hyosan/trolley-shield-run")
    hint = use_hint(world)
    # (a hold there grabs the trolley beside it instead: the prompt says both)
    assert hint is not None and hint.text == COUPLE == "E: couple - hold E: drag" and hint.kind == "coupling"
    first = world.joints.coupling_near(*world.student_pos(world.lead_student))[1]
    assert abs(hint.x - first.world_point()[0]) < 0.5 and abs(hint.y - first.world_point()[1]) < 0.5
    # both front couplings are open: both marked (one under the prompt)
    open_ids = {j.spec.id for j in world.joints.joints if not j.coupled}
    assert open_ids == {"front-n", "front-s"}
    assert len([m for m in markers(world) if m.kind == "coupling"]) == 2
    _press_e(world)
    assert first.coupled
    # the other one is still open and in reach: a second E from the same spot latches it (it
    # used to undo the first), and the prompt sits on it
    hint = use_hint(world)
    other = next(j for j in world.joints.joints if j.spec.id in open_ids and j is not first)
    assert hint is not None and hint.text == COUPLE
    assert abs(hint.x - other.world_point()[0]) < 0.5 and abs(hint.y - other.world_point()[1]) < 0.5
    assert len([m for m in markers(world) if m.kind == "coupling"]) == 1
    _press_e(world)
    assert first.coupled and other.coupled
    # now a third E would undo one: the prompt says so
    hint = use_hint(world)
    assert hint is not None and hint.text == UNCOUPLE == "E: uncouple - hold E: drag"
    assert len([m for m in markers(world) if m.kind == "coupling"]) == 0


def test_site_prompts_the_crane_cab_latch_chock_and_tower() -> None:
    world = _world("hyosan/construction-site-stand")
    _put_lead(world, 32.5, 18.3)  # at the crane cab
    hint = use_hint(world)
    assert hint is not None and hint.kind == "station" and "bait" in hint.text
    latch = world.joints.by_id("crane-latch")
    _put_lead(world, *(v / TILE_PX for v in latch.world_point()))
    hint = use_hint(world)
    assert hint is not None and hint.text == "E: let the load swing"
    chock = world.joints.by_id("stack-chock")
    _put_lead(world, *(v / TILE_PX for v in chock.world_point()))
    hint = use_hint(world)
    assert hint is not None and hint.text == "E: knock the chock out"
    _put_lead(world, 37.0, 8.6)  # just south of the scaffold tower
    hint = use_hint(world)
    assert hint is not None and hint.kind == "grab" and "tower" in hint.text
    _put_lead(world, 44.5, 14.5)  # the start: nothing in reach
    assert use_hint(world) is None


def test_the_noise_meter_counts_the_trolleys_rattle(display) -> None:
    world = _world("hyosan/trolley-shield-run")
    pres = Presentation(world, Camera(1280, 720, 3.0))
    assert pres.noise_level == 0.0
    pres.consume([ev.Sound(200.0, 240.0, 450.0, "rattle", "n3")])
    assert pres.noise_level > 0.4
    # and a zombie's groan or the alarm clock is not the squad's noise
    quiet = Presentation(world, Camera(1280, 720, 3.0))
    quiet.consume([ev.Sound(200.0, 240.0, 700.0, "alarm-clock", "stage-alarm")])
    assert quiet.noise_level == 0.0


def test_the_prompt_is_drawn_next_to_the_lead(display) -> None:
    world = _world("hyosan/trolley-shield-run")
    surface = pygame.display.get_surface()
    pres = Presentation(world, Camera(1280, 720, 3.0))
    pres.update(0.0, snap=True)
    pres.draw(surface, 0.0)
    drawn = pres.prompts.draw(surface, pres.camera, world, 0.0)
    assert drawn is not None and drawn.text == COUPLE
    sx, sy = pres.camera.to_screen(drawn.x, drawn.y)
    # the key-yellow ring is on screen at the joint
    ring = [surface.get_at((round(sx) + dx, round(sy))) for dx in range(-9, 10)]
    assert any(c.r > 240 and c.g > 220 and c.b < 160 for c in ring)


def test_a_long_objective_stays_clear_of_the_timer(display) -> None:
    """Construction-Site's last objective ran under the timer and off the panel at 1280 px."""
    from hyosan.render.hud import OBJECTIVE_MIN_SIZE

    world = _world("hyosan/construction-site-stand")
    for _ in range(26 * 60):  # past the radio at 25 s, whose countdown shares the bar until then
        world.step(cmd.EMPTY_INPUT)
    surface = pygame.display.get_surface()
    pres = Presentation(world, Camera(1280, 720, 3.0))
    last = world.spec.objectives[-1].text
    line = f"{world.spec.title}  -  {last}"
    hud = pres.hud
    hud.draw(surface, world, line, 0.0)
    assert hud.objective_rect.right < 1280 - 12 - 16 - hud.font(32).size("7:00")[0]
    text, size = hud.fit(line, hud.objective_rect.width + 1)
    assert text == line and size < 28  # shrunk, not cut, at 1280 px
    # in a narrower bar the title goes first, then the objective is cut with "..." rather than
    # run over (a playtester read the Site's first objective cut short at 1280 px, title and all)
    first = world.spec.objectives[0].text
    both = f"{world.spec.title}  -  {first}"
    width = hud.font(OBJECTIVE_MIN_SIZE).size(first)[0] + 4
    assert hud.font(OBJECTIVE_MIN_SIZE).size(both)[0] > width
    assert hud.fit(both, width) == (first, OBJECTIVE_MIN_SIZE)  # the objective whole, the title gone
    text, size = hud.fit(line, 400)
    assert text.endswith("...") and hud.font(size).size(text)[0] <= 400
    assert not text.startswith(world.spec.title)


def test_a_burst_of_the_same_sound_gets_one_caption_not_twelve() -> None:
    """The trolley box's twelve rattles in one half second: one caption, and one ring (the rest
    are inside it as it grows: played by hand, a wall of rings hid the squad); the same sound
    far off, or once the first caption has gone, gets its own."""
    from hyosan.render.noise_rings import CAPTION_SECONDS, NoiseRings

    rings = NoiseRings()
    rings.feed([ev.Sound(100.0 + 10 * k, 240.0 + 20 * (k % 3), 420.0, "rattle", f"n{k}") for k in range(12)])
    assert len(rings.rings) == 2  # the burst spans 117 px: a ring reaches over 105 px of it (0.25 x 420)
    assert [r.caption for r in rings.rings if r.caption] == ["rattle"]
    rings.feed([ev.Sound(100.0, 240.0, 900.0, "rattle", "n0")])  # much louder: a ring of its own
    assert len(rings.rings) == 3
    rings.feed([ev.Sound(1500.0, 240.0, 420.0, "rattle", "far")])
    assert sum(1 for r in rings.rings if r.caption) == 2
    rings.update(CAPTION_SECONDS + 0.1)
    rings.feed([ev.Sound(100.0, 240.0, 420.0, "rattle", "n0")])
    assert [r.caption for r in rings.rings if r.caption] == ["rattle"]


def test_storm_key_box_and_padlock_prompts_name_them_and_stay_under_the_top_panel(display) -> None:
    """Played by hand (issue #5), both Storm Crossing stations said "hold E: work the switch",
    naming neither, and the key box's, in the map's top row, was drawn under the objective
    panel: the prompt names its station and its label stays below the HUD's top panel."""
    world = _world("hyosan/storm-crossing")
    _put_lead(world, 11.5, 2.3)  # in the hut, at the key box
    hint = use_hint(world)
    assert hint is not None and hint.kind == "station" and hint.text == "hold E and keep still: the key box"
    surface = pygame.display.get_surface()
    pres = Presentation(world, Camera(1280, 720, 3.0))
    pres.update(0.0, snap=True)
    # The camera lets the map's top edge come down to the top panel's bottom (48 px): the key
    # box's row is in view below it.
    assert pres.camera.to_screen(0.0, 0.0)[1] == pytest.approx(48.0)
    # Without that margin (as for a prompt whose label would reach up under the panel), the
    # label is still kept below the panel:
    pres.camera.top_margin = 0.0
    pres.update(0.0, snap=True)
    pres.draw(surface, 0.0)
    top = pres.hud.work_rect.bottom + 8
    assert pres.hud.work_rect.bottom >= 48  # the top panel's bottom edge (8 + 40 px)
    label = pres.prompts._label(hint.text, (255, 236, 140))[0].get_rect()
    sx, sy = pres.camera.to_screen(hint.x, hint.y)
    assert sy - 14 - label.height < top  # where it would go unclamped: under the panel
    surface.fill((0, 0, 0))
    pres.prompts.draw(surface, pres.camera, world, 0.0, top=top)
    rows = [y for y in range(0, 200) if any(surface.get_at((x, y)).r > 240 and surface.get_at((x, y)).b < 160
                                            for x in range(max(0, round(sx) - 150), min(1280, round(sx) + 150)))]
    assert rows and min(rows) >= top - 4  # the label's key-yellow frame and text start below the panel
    _put_lead(world, 44.5, 27.7)  # in the gate's lane, at the padlock
    assert use_hint(world) is None  # no keys yet: E does nothing there
    world.director.station_done.add("key-box")
    assert use_hint(world).text == "padlock: not yet"  # its objective is not current yet
    world.objectives.done["keys"] = world.tick  # (using the key box does it, in play)
    hint = use_hint(world)
    assert hint is not None and hint.text == "hold E and keep still: the padlock"


def test_uncouple_is_offered_only_at_rest_and_fresh_or_after_a_deliberate_stop() -> None:
    """The rule as a pure function: "E: uncouple" never while moving (pushing the box), at
    once right after that coupling latched, else only after standing there a while; every
    other prompt shows at once."""
    unc = Hint(0.0, 0.0, UNCOUPLE, "coupling")
    assert not offered(unc, None, 0.0)  # moving: not even a fresh latch
    assert offered(unc, 0.0, 0.0) and offered(unc, 0.0, UNCOUPLE_FRESH_SECONDS - 0.1)
    assert not offered(unc, 0.0, UNCOUPLE_FRESH_SECONDS + 0.1)
    assert not offered(unc, UNCOUPLE_STILL_SECONDS - 0.1, None)
    assert offered(unc, UNCOUPLE_STILL_SECONDS, None)
    for other in (Hint(0.0, 0.0, "E: couple", "coupling"), Hint(0.0, 0.0, "E: unlock", "door"),
                  Hint(0.0, 0.0, "E: let the load swing", "latch")):
        assert offered(other, None, None)


def _coupled_trolley_start():  # type: ignore[no-untyped-def]
    """The Trolley's start with the front trolley coupled to both beside it, the lead standing
    at the south coupling (each latched by E, as a player does); and ``drawn()``, which draws
    a frame's prompt and returns its hint."""
    world = _world("hyosan/trolley-shield-run")
    surface = pygame.display.get_surface()
    pres = Presentation(world, Camera(1280, 720, 3.0))
    prompts = Prompts(pres.hud.font(22))

    def drawn():  # type: ignore[no-untyped-def]
        pres.update(1 / 60)
        return prompts.draw(surface, pres.camera, world, world.sim_seconds)

    for joint_id in ("front-n", "front-s"):
        joint = world.joints.by_id(joint_id)
        assert drawn() is not None
        _put_lead(world, *(v / TILE_PX - d for v, d in zip(joint.world_point(), (0.6, 0.0), strict=True)))
        world.step(cmd.TickInput())
        _press_e(world)
        assert joint.coupled
        for _ in range(30):  # the latch clunks the trolleys into line, then they rest
            world.step(cmd.TickInput())
            hint = drawn()
        # just latched (0.5 s < UNCOUPLE_STILL_SECONDS ago), standing at it: E again latches the
        # other one while it is open and in reach, else would undo this one, and it says so
        assert hint is not None and hint.text == (COUPLE if joint_id == "front-n" else UNCOUPLE)
    return world, drawn


def test_trolley_push_hides_uncouple_and_a_stop_brings_it_back(display) -> None:
    """Coupled, the box is pushed east: during the push no "E: uncouple" hangs over the lead
    (played by hand it stood there for the whole run); stopped and still, it comes back."""
    world, drawn = _coupled_trolley_start()
    start = float(world.prop_by_id("front").body.position.x)
    pushing = []
    for _ in range(240):  # 4 s shoving east, walking, the squad following (a sneak only creeps it)
        world.step(cmd.TickInput(commands=(cmd.Move(1.0, 0.0, "walk"),)))
        pushing.append(drawn())
    assert float(world.prop_by_id("front").body.position.x) > start + 8  # the box did roll
    # once the box is under way (a sneak shove takes ~0.6 s to get it rolling) the prompt is gone
    assert not [h for h in pushing[60:] if h is not None and h.text == UNCOUPLE]
    # A stop: at the same start, the lead steps off the coupling and back, and stands there.
    # (After the push the squad, walking on into the trolleys behind, keeps the train rolling
    # and leaves the lead wherever the shove did.) Moving, nothing; standing, it comes back.
    world, drawn = _coupled_trolley_start()
    for _ in range(int(60 * UNCOUPLE_FRESH_SECONDS)):  # the fresh latch's offer runs out
        world.step(cmd.TickInput())
        drawn()
    moving = []
    for dy in (-1.0, 1.0):
        for _ in range(20):
            world.step(cmd.TickInput(commands=(cmd.Move(0.0, dy, "walk"),)))
            moving.append(drawn())
    assert not [h for h in moving if h is not None and h.text == UNCOUPLE]
    shown = []
    for _ in range(int(60 * (UNCOUPLE_STILL_SECONDS + 0.5))):
        world.step(cmd.TickInput())
        shown.append(drawn())
    assert not [h for h in shown[:30] if h is not None and h.text == UNCOUPLE]  # not at once
    assert shown[-1] is not None and shown[-1].text == UNCOUPLE


def test_the_crane_latch_over_the_pit_marks_where_to_stand_on_the_rim() -> None:
    """Played by hand, the latch's marker sat on the load over the pit: walking at it took the
    lead off the slab's edge. Its marker now carries a stand spot on the slab, in E's reach,
    and standing there E does let the load swing."""
    from hyosan.render.prompts import STAND_SLACK_PX
    from hyosan.sim.joints import COUPLE_REACH
    from hyosan.sim.tilemap import FLOOR

    world = _world("hyosan/construction-site-stand")
    latch = world.joints.by_id("crane-latch")
    lx, ly = latch.world_point()
    _put_lead(world, 36.0, 8.5)  # on the slab, a few tiles east of the latch
    mark = next(m for m in markers(world) if m.kind == "latch" and abs(m.x - lx) < 0.5)
    assert mark.stand is not None
    sx, sy = mark.stand
    c, r = int(sx // TILE_PX), int(sy // TILE_PX)
    assert int(world.tilemap.kind[r, c]) == FLOOR and (c, r) == (31, 8)  # the slab's first column, by the rim
    assert math.hypot(sx - lx, sy - ly) <= COUPLE_REACH - STAND_SLACK_PX + 1e-6
    _put_lead(world, sx / TILE_PX, sy / TILE_PX)
    hint = use_hint(world)
    assert hint is not None and hint.text == "E: let the load swing"
    # the pipe stack's chock stands on the bridge: no second mark
    chock = world.joints.by_id("stack-chock")
    _put_lead(world, *(v / TILE_PX - 1.0 for v in chock.world_point()))
    assert all(m.stand is None for m in markers(world) if m.kind == "latch" and m.y == chock.world_point()[1])


def test_prompts_name_the_player_s_own_use_control(display) -> None:
    from hyosan.control.keymap import name_keys

    pad = {"E": "A", "Q": "RT", "T": "L3"}
    assert name_keys("E: lock", pad) == "A: lock"
    assert name_keys("hold E: drag the desk", {"E": "F"}) == "hold F: drag the desk"
    assert name_keys("hold E and walk away: pull the tower down", pad) == "hold A and walk away: pull the tower down"
    assert name_keys("stand here: E", pad) == "stand here: A"
    assert name_keys("use the intercom (E, top-right corner)", pad) == "use the intercom (A, top-right corner)"
    assert name_keys("a ringing phone (Q) thrown in; your phone torch (T)", pad) == \
        "a ringing phone (RT) thrown in; your phone torch (L3)"
    # Only a letter standing alone: words, T-junctions and E's in names stay as written.
    assert name_keys("Each EXIT at the T-junction, Block E-3, O'E", pad) == "Each EXIT at the T-junction, Block E-3, O'E"
    assert name_keys("E: lock", {"E": "E", "Q": "Q", "T": "T"}) == "E: lock"  # the default keys: as written
    world = _world("hyosan/trolley-shield-run")
    surface = pygame.display.get_surface()
    pres = Presentation(world, Camera(1280, 720, 3.0))
    pres.update(0.0, snap=True)
    pres.prompts.key_names = pad
    drawn = pres.prompts.draw(surface, pres.camera, world, 0.0)
    assert drawn is not None and drawn.text == COUPLE  # what E does, as the sim knows it...
    assert any(k.startswith("A: couple - hold A: drag|") for k in pres.prompts._labels)  # ...drawn with the pad's A
    assert not any(k.startswith("E: couple") for k in pres.prompts._labels)
    assert "(A at both joints)" in pres.objective_line()  # the level's own text too


def test_the_ticker_moves_below_a_lead_standing_where_its_lines_go() -> None:
    """In the auditorium's scene dock (the map's top rows) the ticker's three lines hid the
    lead and the loading bay's "E: lock": they go below the lead there, and stay put when the
    lead is lower down the screen or nothing is being said."""
    from hyosan.render.presentation import TICKER_CLEAR_PX, TICKER_TOP_PX, ticker_top

    assert ticker_top(TICKER_TOP_PX, 120.0, 3) == 120 + TICKER_CLEAR_PX
    assert ticker_top(TICKER_TOP_PX, 120.0, 0) == TICKER_TOP_PX
    assert ticker_top(TICKER_TOP_PX, 360.0, 3) == TICKER_TOP_PX  # the middle of a 720 px view
    assert ticker_top(TICKER_TOP_PX, 200.0, 1) == TICKER_TOP_PX  # one line clears a lead that low
    assert ticker_top(TICKER_TOP_PX, 200.0, 3) == 200 + TICKER_CLEAR_PX
    # With room at the foot of the screen they go there, clear of the squad behind the lead (just
    # below the lead they covered the followers: "Done" banners over the squad, a playtester).
    from hyosan.render.presentation import SQUAD_BEHIND_PX, TICKER_LINE_PX

    assert ticker_top(TICKER_TOP_PX, 120.0, 3, bottom=708) == 708 - 3 * TICKER_LINE_PX
    assert ticker_top(TICKER_TOP_PX, 120.0, 0, bottom=708) == TICKER_TOP_PX
    # a short window: the foot would be on the squad, so below the lead as before
    assert 300 - 3 * TICKER_LINE_PX < 120 + TICKER_CLEAR_PX + SQUAD_BEHIND_PX
    assert ticker_top(TICKER_TOP_PX, 120.0, 3, bottom=300) == 120 + TICKER_CLEAR_PX


def test_every_station_kind_has_words_a_player_reads_as_english() -> None:
    """Played on the auditorium night, the PA console's prompt read "use the pa console"."""
    from types import SimpleNamespace

    from hyosan.content.schema import STATION_KINDS
    from hyosan.render.prompts import station_words

    words = {kind: station_words(SimpleNamespace(kind=kind, id=f"{kind}-east")) for kind in STATION_KINDS}
    assert words["pa-console"] == "hold E: play the PA speakers"
    assert words["door-switch"] == "hold E and keep still: the door switch east"  # (named by its id)
    assert all(w.startswith("hold E") and "-" not in w and " pa " not in w for w in words.values()), words


def _traced_top_edge(world, desk, x: float, y: float) -> tuple[list, float]:
    """The grab prompt for ``desk`` (centred at (x, y) px, lying flat) drawn on black at the
    window's zoom: the colours along the desk's top edge (screen px) and the edge's length."""
    from hyosan.render.prompts import grab_hint

    hint = grab_hint(world)
    assert hint is not None and hint.prop == desk.spec.id
    return _top_edge(world, desk, x, y)


def _top_edge(world, desk, x: float, y: float) -> tuple[list, float]:
    """The prompts drawn on black at the window's zoom: the colours along the top edge (screen
    px) of ``desk``, centred at (x, y) px and lying flat, and the edge's length."""
    from hyosan.render.prompts import Prompts

    camera = Camera(1280, 720, 3.0)
    camera.follow(x, y, world.tilemap.width_px, world.tilemap.height_px, snap=True)
    surface = pygame.Surface((1280, 720))
    surface.fill((0, 0, 0))
    Prompts(pygame.font.Font(None, 22)).draw(surface, camera, world, 0.0)
    left, top = camera.to_screen(x - desk.type.width / 2, y - desk.type.depth / 2)
    right = camera.to_screen(x + desk.type.width / 2, y)[0]
    return [tuple(surface.get_at((round(sx), round(top))))[:3] for sx in range(round(left) + 4, round(right) - 4)], right - left


def test_the_prop_hold_e_would_take_is_outlined(display) -> None:
    """Barricading the classroom, a playtester grabbed the desk beside the one meant, again and
    again: the grab prompt names its prop, and the prop's outline is drawn in the key yellow."""
    from hyosan.render.prompts import KEY

    world = _world("hyosan/classroom-barricade")
    desk = next(p for p in world.props if p.spec.type == "desk")
    x, y = (float(v) for v in world.bodies.pos[desk.index])
    _put_lead(world, x / TILE_PX, (y + desk.type.depth / 2 + 6) / TILE_PX)  # just below it
    on_edge, width = _traced_top_edge(world, desk, x, y)
    assert on_edge.count(KEY) > width / 2  # the desk's far edge is traced in yellow


def test_the_prop_being_dragged_stays_outlined(display) -> None:
    """A playtester could not tell a desk right beside the lead was held: the grip's line was a
    few px long, and the grab prompt (and its outline) goes once the prop is held. The held prop
    keeps the yellow outline for as long as E holds it."""
    from hyosan.render.prompts import KEY
    from hyosan.sim import commands as cmd

    world = _world("hyosan/classroom-barricade")
    desk = next(p for p in world.props if p.spec.type == "desk")
    x, y = (float(v) for v in world.bodies.pos[desk.index])
    _put_lead(world, x / TILE_PX, (y + desk.type.depth / 2 + 6) / TILE_PX)  # just below it
    for _ in range(3):
        world.step(cmd.TickInput((cmd.Grab(),)))
    assert world.lead_student.grabbed_prop == desk.spec.id
    x, y = (float(v) for v in world.bodies.pos[desk.index])
    edge, width = _top_edge(world, desk, x, y)
    assert edge.count(KEY) > width / 2


def test_a_prop_that_braces_a_door_is_outlined_in_the_braced_green(display) -> None:
    """A playtester pushing a desk onto the Classroom's back door could not tell whether it
    counted: the grab prompt's yellow trace hid the braces' green outline until they let go.
    A prop that braces a locked door is traced in the braced green instead."""
    from hyosan.render.prompts import KEY, braces_a_door
    from hyosan.render.world_view import BRACED_RGB
    from hyosan.sim.world import door_centre

    world = _world("hyosan/classroom-barricade")
    door = next(d for d in world.doors if d.spec.id == "back-door")
    door.set_locked(True)
    desk = next(p for p in world.props if p.spec.type == "desk")
    cx, cy = door_centre(door)
    x, y = cx, cy - TILE_PX / 2 - desk.type.depth / 2 - 1.5  # flat against the wall across the doorway (room side)
    desk.body.position, desk.body.angle = (x, y), 0.0
    world.space.reindex_shapes_for_body(desk.body)
    world.bodies.read()
    assert braces_a_door(world, desk.spec.id)
    _put_lead(world, x / TILE_PX, (y - desk.type.depth / 2 - 6) / TILE_PX)  # just above it, in the room
    on_edge, width = _traced_top_edge(world, desk, x, y)
    assert on_edge.count(BRACED_RGB) > width / 2 and on_edge.count(KEY) < width / 4  # (the hint ring)


def test_a_prompt_s_label_keeps_off_the_lead(display) -> None:
    """A playtester's "hold E" prompts covered the lead and its name: the view counts the students
    it drew in what a label would hide, and the label takes a side clear of them."""
    from hyosan.render.presentation import Presentation
    from hyosan.render.world_view import HIDES_STUDENT

    world = _world("hyosan/classroom-barricade")
    desk = next(p for p in world.props if p.spec.type == "desk")
    x, y = (float(v) for v in world.bodies.pos[desk.index])
    _put_lead(world, x / TILE_PX, (y - desk.type.depth / 2 - 6) / TILE_PX)  # just above it: the label's first side
    world.prev_pos = world.bodies.pos.copy()
    pres = Presentation(world, Camera(1280, 720, 3.0))
    surface = pygame.Surface((1280, 720))
    pres.update(0.0, snap=True)
    pres.draw(surface, 1.0)
    pres.draw(surface, 1.0)  # (the second frame places labels by what the first drew)
    lead_rect = pres.view._students_drawn[world.lead]
    assert pres.view.bodies_under(lead_rect) >= HIDES_STUDENT
    assert pres.prompts.label_rect is not None and not pres.prompts.label_rect.colliderect(lead_rect)
    # nor its name tag, nor a friend's: "hold E: drag the desk" covered Su-hyeok's (session 26)
    assert pres.view._name_rects and all(pres.view.bodies_under(r) >= HIDES_STUDENT for r in pres.view._name_rects)
    assert pres.prompts.label_rect.collidelist(pres.view._name_rects) < 0


def test_a_prop_too_heavy_to_drag_says_push_it_and_a_car_offers_nothing() -> None:
    """Played by hand, a locker held under "hold E: drag the locker" crept 10 px in 0.7 s with
    no word of why: its floor friction (70 kg) outpulls a grip. It says to push it; a car, which
    the whole squad could not shift, offers nothing to grab."""
    from hyosan.render.prompts import grab_hint

    world = _world("hyosan/classroom-barricade")
    _put_lead(world, 30.2, 3.5)  # beside locker-1 (stood on end along the wall)
    world.step(cmd.EMPTY_INPUT)
    hint = grab_hint(world)
    assert hint is not None and hint.prop == "locker-1" and hint.text == "the locker is too heavy to drag: push it"
    storm = _world("hyosan/storm-crossing")
    _put_lead(storm, 38.0, 3.3)  # against car-lot-1's side
    storm.step(cmd.EMPTY_INPUT)
    assert grab_hint(storm) is None


def test_a_station_that_works_a_few_times_says_how_many_are_left() -> None:
    """The Roof's drone remote flies three times and nothing said how many were spent: its
    prompt says "(3 flights left)" and counts down; a one-use station's prompt says nothing."""
    from hyosan.render.prompts import uses_left_words

    world = _world("nights/the-roof")
    remote = next(st for st in world.director.stations if st.spec.id == "drone-remote")
    _put_lead(world, *remote.spec.at)
    assert use_hint(world).text == "hold E: use the drone controller (3 flights left)"
    remote.uses_left = 1
    assert use_hint(world).text.endswith("(1 flight left)")
    auditorium = _world("nights/the-auditorium")
    words = {st.spec.id: uses_left_words(st) for st in auditorium.director.stations}
    assert words == {"booth-console": "3 plays left", "bolt-cutters": ""}
