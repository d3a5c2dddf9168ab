"""The squad panel: every name clear of its heart."""

from __future__ import annotations

import pygame

from hyosan.content.discovery import resolve_level
from hyosan.render.atlas import Atlas
from hyosan.render.hud import Hud
from hyosan.render.names import display_name
from hyosan.sim.world import World


def _squad_panel(hud: Hud, world: World, tick: int):  # type: ignore[no-untyped-def]
    """The HUD drawn at ``tick``: its pixels (w, h, 3) and the squad panel's rect."""
    world.tick = tick
    surface = pygame.Surface((1280, 720))
    hud.draw(surface, world, "Hold", 0.0)
    return pygame.surfarray.array3d(surface), hud.squad_rect


def _ink(px, colour, x0: int, y0: int, w: int, h: int) -> int:  # type: ignore[no-untyped-def]
    """Pixels of exactly ``colour`` in the w x h px box from (x0, y0)."""
    band = px[x0:x0 + w, y0:y0 + h]
    return int(((band[..., 0] == colour[0]) & (band[..., 1] == colour[1]) & (band[..., 2] == colour[2])).sum())


def test_the_longest_name_leading_ends_before_its_heart(display) -> None:
    """Played by hand, "> Cheong-san" ran under its heart at a fixed 110 px and read
    "Cheong-sar": the hearts now sit right of the longest name, the panel widening with them."""
    _, spec = resolve_level("hyosan/construction-site-stand", [])
    world = World.from_spec(spec, 0)
    world.lead = next(i for i, s in enumerate(world.students) if s.id == "cheong-san")
    hud = Hud(Atlas())
    surface = pygame.Surface((1280, 720))
    hud.draw(surface, world, "Hold", 0.0)
    box = hud.squad_rect
    name_right = box.x + 10 + hud.font(22).size("> " + display_name("cheong-san"))[0]
    heart_x = box.x + 110 + (box.width - 300)  # the columns move right by what the box grew
    assert heart_x >= name_right + 4
    assert box.right < 1280 // 2  # still a corner panel


def test_f_is_said_in_the_ticker_and_each_holder_carries_a_pause_mark(display) -> None:
    """F used to show nowhere but in where the others stood: now the world says so (an event),
    the ticker words it, and the squad panel marks each student holding with two bars left of
    the name (the lead, who walks where the player says, never)."""
    from hyosan.render.hud import DIM
    from hyosan.render.ticker import Ticker
    from hyosan.sim import commands as cmd
    from hyosan.sim import events as ev

    _, spec = resolve_level("hyosan/classroom-barricade", [])
    world = World.from_spec(spec, 0)
    hud, ticker = Hud(Atlas()), Ticker(world)

    def marks() -> list[bool]:
        surface = pygame.Surface((1280, 720))
        surface.fill((0, 0, 0))
        hud.draw(surface, world, "Hold", 0.0)
        box = hud.squad_rect
        return [tuple(surface.get_at((box.x + 10, box.y + 8 + i * 30 + 14)))[:3] == DIM
                for i in range(len(world.students))]

    assert marks() == [False] * 4
    events = world.step(cmd.TickInput((cmd.ToggleFollow(),)))
    assert ev.SquadOrder(False) in events
    ticker.feed(events, 0.1)
    assert [line.text for line in ticker.lines] == ["Everyone: hold here"]
    assert marks() == [False, True, True, True]  # On-jo leads; the three others hold
    events = world.step(cmd.TickInput((cmd.ToggleFollow(),)))
    assert ev.SquadOrder(True) in events and marks() == [False] * 4
    ticker.feed(events, 0.2)
    assert ticker.lines[-1].text == "Everyone: with me"


def test_a_halfbie_s_hunger_shows_as_a_meter_that_goes_red_while_she_growls(display) -> None:
    """GAME.md: "a hunger meter forces her to keep distance from the others". Nam-ra's row in
    the squad panel fills with her hunger; starving (growling) it turns red and blinks; nobody
    else has one."""
    from hyosan.render.hud import HUNGER_BAR_PX, HUNGER_INK, STARVING_INK

    _, spec = resolve_level("hyosan/yellow-markers", [])
    world = World.from_spec(spec, 0)
    nam_ra = next(s for s in world.students if s.id == "nam-ra")
    row = world.students.index(nam_ra)
    hud = Hud(Atlas())

    def meter(tick: int = 0) -> tuple[int, int, int]:
        """Pixels of hunger ink, of starving ink in Nam-ra's meter; hunger ink in every other row."""
        px, box = _squad_panel(hud, world, tick)

        def count(colour, r: int) -> int:  # the bar, not the word under it
            return _ink(px, colour, box.right - 50, box.y + 8 + r * 30, HUNGER_BAR_PX + 8, 14)

        others = sum(count(HUNGER_INK, r) for r in range(len(world.students)) if r != row)
        return count(HUNGER_INK, row), count(STARVING_INK, row), others

    nam_ra.hunger = 0.25
    quarter, red, others = meter()
    nam_ra.hunger = 0.75
    three_quarters, _, _ = meter()
    assert 0 < quarter < three_quarters and red == 0 and others == 0
    nam_ra.hunger, nam_ra.starving = 1.0, True
    assert meter(0)[1] > three_quarters and meter(15)[1] == 0  # red, and blinking


def test_the_hunger_meter_is_named_and_says_when_she_growls(display) -> None:
    """A playtester saw a purple bar by Nam-ra's name and could not say what it measured: the
    word "hunger" sits under it, dim; while she growls it reads "growling" in red, steady while
    the bar blinks. Nobody else's row has a word there."""
    from hyosan.render.hud import DIM, STARVING_INK

    _, spec = resolve_level("hyosan/yellow-markers", [])
    world = World.from_spec(spec, 0)
    nam_ra = next(s for s in world.students if s.id == "nam-ra")
    row = world.students.index(nam_ra)
    hud = Hud(Atlas())

    def label_ink(tick: int) -> tuple[int, int, int]:
        """Pixels of DIM and of starving ink under Nam-ra's meter, and of either under the others'."""
        px, box = _squad_panel(hud, world, tick)

        def count(colour, r: int) -> int:
            return _ink(px, colour, box.right - 52, box.y + 8 + r * 30 + 15, 50, 13)

        others = sum(count(DIM, r) + count(STARVING_INK, r) for r in range(len(world.students)) if r != row)
        return count(DIM, row), count(STARVING_INK, row), others

    nam_ra.hunger, nam_ra.starving = 0.5, False
    dim, red, others = label_ink(0)
    assert dim > 20 and red == 0 and others == 0  # "hunger"
    nam_ra.hunger, nam_ra.starving = 1.0, True
    for tick in (0, 15):  # the bar blinks; the word stays
        dim, red, others = label_ink(tick)
        assert red > 20 and others == 0, tick


def test_with_the_lead_in_the_pen_the_hud_names_who_the_level_waits_for(display) -> None:
    """A playtester stood in Yellow Markers' sandbag pen with friends still out on the road and
    nothing said the whole squad had to be inside. With the lead in the place the objective names,
    a strip under the top bar says who is still out (and who was told to hold), and how many are in;
    it goes once nobody is waited for."""
    from hyosan.render.hud import gathering

    _, spec = resolve_level("hyosan/yellow-markers", [])
    world = World.from_spec(spec, 0)
    for o in world.objectives.items[:5]:  # the five markers done: the pen is next
        world.objectives.done[o.id] = 0
    assert world.objectives.current.id == "into-the-pen"
    hud = Hud(Atlas())
    surface = pygame.Surface((1280, 720))

    def place(student, x: float, y: float) -> None:
        world.bodies.pos[student.index] = (x * 16, y * 16)  # where the HUD reads it (the last tick's)

    def strip() -> pygame.Rect:
        hud.draw(surface, world, "Into the pen", 0.0)
        return hud.work_rect

    assert gathering(world) is None and strip().h == 0  # nobody in the pen yet: nothing to wait for
    place(world.lead_student, 90.0, 22.0)
    in_pen = gathering(world)
    assert in_pen is not None and in_pen[:2] == (1, 6)
    assert [s.id for s in in_pen[2]] == [s.id for s in world.students if s is not world.lead_student]
    box = strip()
    assert box.h == 34 and box.top >= hud.top_rect.bottom and box.right <= 1280
    holder = world.students[-1]
    holder.hold = True
    label_w = hud.font(20).size("everyone here: waiting for " + ", ".join(
        display_name(s.id) for s in world.students[1:]) + " (holding: F)")[0]
    assert strip().w >= label_w  # the holder is named as holding, and the strip is wide enough
    for k, s in enumerate(world.students):
        place(s, 87.0 + k, 24.0)
    assert gathering(world) is None and strip().h == 0


def test_a_turning_friend_shows_a_countdown_where_the_health_bar_was(display) -> None:
    """A small ring under the stamina bar went unseen until Ha-ri turned among the others: an
    infected student's row says "turns 19s" in green where the health bar was; the lost show
    nothing of it."""
    from hyosan.render.hud import TURNING_INK

    _, spec = resolve_level("hyosan/storm-crossing", [])
    world = World.from_spec(spec, 0)
    hud = Hud(Atlas())
    surface = pygame.Surface((1280, 720))

    def green_in_row(i: int) -> int:
        surface.fill((0, 0, 0))
        hud.draw(surface, world, "x", 0.0)
        box = hud.squad_rect
        y = box.y + 8 + i * 30
        return sum(surface.get_at((x, yy))[:3] == TURNING_INK
                   for x in range(box.x + 120, box.x + box.w - 100) for yy in range(y, y + 22))

    assert green_in_row(2) == 0
    world.students[2].infected_ticks = 18 * 60 + 5
    assert green_in_row(2) > 30
    world.students[2].alive = False
    assert green_in_row(2) == 0
    # nor a stamina bar: a lost friend's full green bar read as still running (playtester, Roof)
    surface.fill((0, 0, 0))
    hud.draw(surface, world, "x", 0.0)
    box, y = hud.squad_rect, hud.squad_rect.y + 8 + 2 * 30

    def greenish(x: int, yy: int) -> bool:
        r, g, b = surface.get_at((x, yy))[:3]
        return g > 150 and r < 120 and b < 150  # the stamina bar's green

    assert not any(greenish(x, yy) for x in range(box.x + 200, box.right - 10) for yy in range(y, y + 16))
    assert any(greenish(x, yy) for x in range(box.x + 200, box.right - 10) for yy in range(y - 30, y - 14))  # a live one's


def test_a_hold_counts_down_beside_the_clock_and_goes_when_it_is_done(display) -> None:
    """The top bar's clock counts to the level's limit; a hold objective's own countdown sits
    left of it ("hold 1:30", rounded up so it reads 0:00 only when done), clear of the objective
    line, and goes once the hold is done."""
    from hyosan.sim import commands as cmd

    _, spec = resolve_level("hyosan/classroom-barricade", [])
    world = World.from_spec(spec, 0)
    hud = Hud(Atlas())
    for _ in range(10 * 60 + 30):
        world.step(cmd.EMPTY_INPUT)
    hud.draw(pygame.Surface((1280, 720)), world, "Lock and brace both doors; hold until the drone finds you", 0.0)
    assert hud.hold_label == "hold 1:30"
    assert hud.objective_rect.right < 1280 - 24 - 90 - hud.font(24).size("hold 1:30")[0]
    world.objectives.done["hold"] = world.tick
    hud.draw(pygame.Surface((1280, 720)), world, "Call for help", 0.0)
    assert hud.hold_label == ""


def test_the_opening_s_timed_sound_counts_down_in_the_top_bar(display) -> None:
    """A playtester who skipped the Classroom's briefing had no sign that the radio would call
    the floor to the doors at 15 s, and lost the squad at 20 s. A timed sound in a level's first
    30 s counts down in the top bar, red; once it sounds, or for a later one, nothing shows."""
    from hyosan.render.hud import DEADLINE_INK
    from hyosan.sim import commands as cmd

    _, spec = resolve_level("hyosan/classroom-barricade", [])
    world = World.from_spec(spec, 0)
    hud = Hud(Atlas())
    surface = pygame.Surface((1280, 720))
    hud.draw(surface, world, "Lock and brace both doors; hold until the drone finds you", 0.0)
    assert hud.deadline_label == "radio in 0:15"
    for _ in range(11 * 60 + 30):
        world.step(cmd.EMPTY_INPUT)
    surface.fill((0, 0, 0))
    hud.draw(surface, world, "Lock and brace both doors; hold until the drone finds you", 0.0)
    assert hud.deadline_label == "radio in 0:04"
    width, height = hud.font(24).size(hud.deadline_label)
    row = [tuple(surface.get_at((x, hud.top_rect.centery))[:3]) for x in range(hud.objective_rect.right, 1280 - 24)]
    assert DEADLINE_INK in row or any(abs(c[0] - DEADLINE_INK[0]) < 12 and abs(c[1] - DEADLINE_INK[1]) < 12
                                      and abs(c[2] - DEADLINE_INK[2]) < 12 for c in row)
    assert hud.objective_rect.right < 1280 - 24 - 90 - width
    for _ in range(4 * 60):
        world.step(cmd.EMPTY_INPUT)
    hud.draw(surface, world, "x", 0.0)
    assert hud.deadline_label == ""  # it sounds now: the ticker says so
    _, storm = resolve_level("hyosan/storm-crossing", [])  # its lobby radio at 1:30 is a surprise
    hud.draw(surface, World.from_spec(storm, 0), "x", 0.0)
    assert hud.deadline_label == ""



def test_a_later_sound_the_level_counts_down_shows_from_the_start(display) -> None:
    """The Trolley's briefing says the stage alarm clock rings "a minute and a half from now",
    and a playtester looked for it beside the clock: a sound with ``countdown = true`` counts
    down from the start, however late it comes; without it, a late sound stays a surprise."""
    import dataclasses

    _, trolley = resolve_level("hyosan/trolley-shield-run", [])
    alarm = next(s for s in trolley.sounds if s.id == "stage-alarm")
    assert alarm.countdown and alarm.start_seconds == 90
    hud = Hud(Atlas())
    surface = pygame.Surface((1280, 720))
    hud.draw(surface, World.from_spec(trolley, 0), "x", 0.0)
    assert hud.deadline_label == "alarm in 1:30"
    quiet = dataclasses.replace(trolley, sounds=tuple(dataclasses.replace(s, countdown=False) for s in trolley.sounds))
    hud.draw(surface, World.from_spec(quiet, 0), "x", 0.0)
    assert hud.deadline_label == ""


def test_a_lure_the_squad_set_off_counts_down_while_it_sounds(display) -> None:
    """Played by hand: the Classroom's intercom fired the PA, the objective said "cross to the
    east stairwell before the PA stops", and nothing said how long it had left. A sound a
    station set off shows its time left in the top bar while it sounds; a thrown phone does not."""
    from hyosan.sim import commands as cmd

    _, spec = resolve_level("hyosan/classroom-barricade", [])
    world = World.from_spec(spec, 0)
    hud = Hud(Atlas())
    surface = pygame.Surface((1280, 720))
    for _ in range(16 * 60):  # past the radio (no station set it off)
        world.step(cmd.EMPTY_INPUT)
    hud.draw(surface, world, "x", 0.0)
    assert hud.lure_label == ""
    world.director.fire("pa-west-wing", world.tick)  # as the intercom does
    for _ in range(61):
        world.step(cmd.EMPTY_INPUT)
    hud.draw(surface, world, "x", 0.0)
    seconds = world.director.duration_seconds("pa-west-wing") - 1
    assert hud.lure_label == f"PA speaker stops in 0:{round(seconds):02d}"
    for _ in range(round(seconds * 60) + 2):
        world.step(cmd.EMPTY_INPUT)
    hud.draw(surface, world, "x", 0.0)
    assert hud.lure_label == ""  # it has stopped
