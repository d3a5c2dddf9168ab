"""The event ticker: the events a player must not miss become short lines that fade."""

from __future__ import annotations

import dataclasses

import numpy as np
import pygame

from hyosan.content.discovery import resolve_level
from hyosan.render.names import display_name
from hyosan.render.ticker import BAD, GOOD, MAX_LINES, NEWS, SHOW_SECONDS, Ticker
from hyosan.sim import events as ev
from hyosan.sim.world import World


def test_events_become_lines_and_repeats_count_up() -> None:
    _, spec = resolve_level("hyosan/trolley-shield-run", [])
    ticker = Ticker(World.from_spec(spec, 0))
    coupling = next(j.id for j in spec.joints if j.kind == "coupling")
    ticker.feed([ev.Bitten("su-hyeok", 0, 0, 0.6), ev.Heard(12), ev.Sound(0, 0, 100, "step", "on-jo")], 1.0)
    ticker.feed([ev.Bitten("su-hyeok", 0, 0, 0.3)], 1.5)
    ticker.feed([ev.JointChanged(coupling, "broken", 0, 0), ev.AllyJoined("so-ju", 0, 0)], 2.0)
    assert [(line.text, line.count) for line in ticker.lines] == [
        ("Su-hyeok is bitten", 2), ("A coupling snapped", 1), ("So-ju joins the squad", 1)]
    assert ticker.lines[0].colour == BAD and ticker.lines[2].colour == GOOD
    ticker.feed([ev.Turned("woo-jin", 0, 0, "infection")], 2.5)  # a fourth line pushes the oldest out
    assert len(ticker.lines) == MAX_LINES and ticker.lines[-1].text == "Woo-jin turned"
    ticker.update(2.0 + SHOW_SECONDS + 0.01)
    assert [line.text for line in ticker.lines] == ["Woo-jin turned"]
    assert display_name("gwi-nam") == "Gwi-nam"


def test_objectives_doors_and_the_halfbie_read_in_words() -> None:
    _, site = resolve_level("hyosan/construction-site-stand", [])
    world = World.from_spec(site, 0)
    ticker = Ticker(world)
    first = world.objectives.items[0]
    door = site.doors[0].id
    assert ticker.message(ev.ObjectiveDone(first.id)) == (f"Done: {world.objectives.text(first)}", GOOD)
    assert ticker.message(ev.DoorChanged(door, "broken"))[0] == f"The {door.replace('-', ' ')} gave way"
    assert ticker.message(ev.DoorChanged(door, "open")) is None
    assert ticker.message(ev.Struck(0, 0, "halfbie", "crane-load")) == ("Gwi-nam is down", GOOD)
    assert ticker.message(ev.Struck(0, 0, "walker", "crane-load")) is None
    assert ticker.message(ev.Fell(0, 0, student="nam-ra"))[0] == "Nam-ra fell"
    # a letter on its own names a thing (played by hand: "The block c door was pushed open")
    assert ticker.message(ev.DoorChanged("block-c-door", "broken"))[0] == "The block C door gave way"
    assert ticker.message(ev.DoorChanged("pa_room_door", "broken"))[0] == "The PA room door gave way"


def test_lines_are_drawn_under_the_top_bar_and_fade(display) -> None:
    _, spec = resolve_level("hyosan/classroom-barricade", [])
    ticker = Ticker(World.from_spec(spec, 0))
    ticker.feed([ev.DoorChanged("front-door", "broken")], 10.0)
    surface = pygame.Surface((1280, 720))
    font = pygame.font.Font(None, 24)

    def red_pixels(now: float) -> int:
        surface.fill((0, 0, 0))
        ticker.draw(surface, font, 58, now)
        band = pygame.surfarray.pixels3d(surface)[:, 58:90]
        r, g = band[..., 0].astype(int), band[..., 1].astype(int)
        return int(((r > 40) & (r > g + 30)).sum())

    assert red_pixels(10.5) > 50  # "The front door gave way" in red, centred under the bar
    full = pygame.surfarray.pixels3d(surface)[:, 58:90, 0].max()
    red_pixels(10.0 + SHOW_SECONDS - 0.4)  # half way through the fade
    assert 0 < pygame.surfarray.pixels3d(surface)[:, 58:90, 0].max() < full * 0.7
    assert red_pixels(10.0 + SHOW_SECONDS + 0.1) == 0  # gone (drawn without an update: faded out)


def test_coupling_and_uncoupling_say_how_many_are_still_open() -> None:
    """E at the front trolley's couplings: each latch or unlatch gets a line counting the open
    ones, so a second E that undoes the first is not silent (it was, played by hand). Each
    replaces the one before: "Coupled - 1 still open" stood under "Coupled - all latched"."""
    from hyosan.sim import commands as cmd

    _, spec = resolve_level("hyosan/trolley-shield-run", [])
    world = World.from_spec(spec, 0)
    ticker = Ticker(world)
    use = cmd.TickInput((cmd.Use(),))
    said = []
    for k in range(3):
        ticker.feed(world.step(use), 0.1 + k * 0.2)
        ticker.feed(world.step(cmd.EMPTY_INPUT), 0.2 + k * 0.2)
        said.append([(line.text, line.colour) for line in ticker.lines])
    assert said[0] == [("Coupled - 1 still open", GOOD)]
    assert said[1] == [("Coupled - all latched", GOOD)]
    assert len(said[2]) == 1 and said[2][0][0] == "Uncoupled - 1 still open" and said[2][0][1] != GOOD


def test_letting_the_chock_or_the_latch_go_names_what_moves() -> None:
    """Played by hand, knocking the Site's chock out said "Uncoupled - 1 still open" (trolley
    words): a chock or latch tying a prop to the world names the prop let go, and it is not
    counted among the couplings E could still latch."""
    _, site = resolve_level("hyosan/construction-site-stand", [])
    world = World.from_spec(site, 0)
    ticker = Ticker(world)
    assert ticker.message(ev.JointChanged("stack-chock", "uncoupled", 0, 0))[0] == "The pipe stack is rolling"
    assert ticker.message(ev.JointChanged("crane-latch", "uncoupled", 0, 0))[0] == "The crane's load swings down"
    world.joints.by_id("stack-chock").coupled = False  # let go: still no trolley tally
    assert ticker._open_couplings() == 0


def test_the_first_rattle_of_a_level_says_what_it_costs_once() -> None:
    # Played by hand: holding sneak against the Trolley box rattled it flat out, and only the
    # casters gauge in the corner said so.
    from hyosan.render.ticker import RATTLE_LINE, RATTLE_SHOVED_LINE
    from hyosan.sim import commands as cmd

    _, spec = resolve_level("hyosan/trolley-shield-run", [])

    def walked_into_the_box(gait: str) -> World:
        """The Trolley with its front latched (E, E) and the lead walking (or sneaking) into it."""
        world = World.from_spec(spec, 0)
        for _ in range(2):
            world.step(cmd.TickInput((cmd.Use(),)))
            world.step(cmd.EMPTY_INPUT)
        for _ in range(20):
            world.step(cmd.TickInput((cmd.Move(1.0, 0.0, gait),)))
        return world

    ticker = Ticker(walked_into_the_box("walk"))
    ticker.feed([ev.Sound(100, 200, 24.0, "rattle", "front"), ev.Sound(100, 200, 24.0, "rattle", "row-n-1")], 3.0)
    assert [(line.text, line.colour, line.count) for line in ticker.lines] == [(RATTLE_LINE, BAD, 1)]
    ticker.update(3.0 + SHOW_SECONDS + 0.01)
    ticker.feed([ev.Sound(100, 200, 40.0, "rattle", "front")], 9.0)  # told once: no nagging after
    assert ticker.lines == []
    assert ticker.message(ev.Sound(0, 0, 300.0, "alarm", "car-1")) is None  # other noise: the rings say it
    # The lead sneaking into the box as it first rattles: the crowd shoved it, not the squad (a
    # playtester holding sneak read "sneak to creep it" as blame)
    sneaking = Ticker(walked_into_the_box("sneak"))
    sneaking.feed([ev.Sound(100, 200, 24.0, "rattle", "front")], 3.0)
    assert [line.text for line in sneaking.lines] == [RATTLE_SHOVED_LINE]
    # nor while no student pushes or drags anything: the auditorium's scene dock, shoved by the
    # crowd while a playtester walked a corridor 256 px off, said "sneak to creep it"
    idle = World.from_spec(spec, 0)
    idle.lead_student.moving_gait = "walk"
    far = Ticker(idle)
    far.feed([ev.Sound(100, 200, 24.0, "rattle", "front")], 3.0)
    assert [line.text for line in far.lines] == [RATTLE_SHOVED_LINE]


def test_a_door_the_horde_shoves_open_is_named_and_the_results_say_what_happened() -> None:
    # Played by hand: Classroom's back door, left unlocked, swung in when the radio called the
    # floor, and the squad was down four seconds later with nothing saying why.
    from hyosan.sim import commands as cmd

    _, spec = resolve_level("hyosan/classroom-barricade", [])
    world = World.from_spec(spec, 0)
    ticker = Ticker(world)
    for _ in range(40 * 60):  # an idle squad: both doors unlocked
        ticker.feed(world.step(cmd.EMPTY_INPUT), world.sim_seconds)
        if world.outcome is not None:
            break
    assert world.outcome == "loss"
    words = [text for _, text in ticker.history]
    pushed = [w for w in words if w.endswith("was pushed open")]
    # the first turns for the worse: the radio the level starts at 15 s, then a door the crowd opened
    assert words[0] == "A radio comes on" and pushed and words.index(pushed[0]) == 1
    assert sum(w.endswith(" is lost") for w in words) == len(spec.squad)  # each friend once, bites left out
    assert len(set(words)) == len(words)
    moments = ticker.what_happened(4)
    assert moments[0] == ticker.history[0]
    assert moments[-1] == ticker.history[-1] and moments[-1][0] <= world.sim_seconds
    if len(ticker.history) > 4:
        assert moments[1] is None and len(moments) == 5
    else:
        assert moments == ticker.history


def test_the_results_keep_what_befell_a_student_in_the_middle_of_a_long_night() -> None:
    """Played by hand in the auditorium: eleven turns for the worse; first-and-last-three showed
    a foyer door pushed open and three friends lost, and left out the two who turned inside the
    sealed backstage."""
    ticker = Ticker(World.from_spec(resolve_level("nights/the-auditorium", [])[1], 0))
    ticker.history = [(34.1, "The foyer door west was pushed open"), (60.9, "The foyer door east was pushed open"),
                      (66.6, "The yard door north was pushed open"), (72.1, "On-jo turned"),
                      (90.0, "Seen - they are coming"), (100.3, "Su-hyeok turned"), (105.0, "A coupling snapped"),
                      (113.1, "Mi-jin is lost"), (115.5, "Dae-su is lost"), (117.9, "Joon-yeong is lost")]
    assert ticker.what_happened() == [
        (34.1, "The foyer door west was pushed open"), None, (72.1, "On-jo turned"), None,
        (100.3, "Su-hyeok turned"), None,
        (113.1, "Mi-jin is lost"), (115.5, "Dae-su is lost"), (117.9, "Joon-yeong is lost")]
    # The next night: the chained fire door gave way, and the crowd was through in seconds.
    ticker.history = [(35.3, "The foyer door east was pushed open"), (60.0, "Seen - they are coming"),
                      (336.3, "The fire door gave way"), (340.8, "Su-hyeok is lost"),
                      (340.9, "The east wing door gave way"), (341.6, "Dae-su is lost"),
                      (343.3, "On-jo is lost"), (343.4, "Mi-jin is lost"), (343.4, "Joon-yeong is lost")]
    # Every friend lost is named first (a playtester counted five lost and found four, one
    # hidden under "..."), then what gave way, as room allows.
    assert ticker.what_happened() == [
        (35.3, "The foyer door east was pushed open"), None, (340.8, "Su-hyeok is lost"), None,
        (341.6, "Dae-su is lost"), *ticker.history[-3:]]
    assert ticker.what_happened(8) == [
        (35.3, "The foyer door east was pushed open"), None, *ticker.history[2:]]
    assert ticker.what_happened(4) == [ticker.history[0], None, *ticker.history[-3:]]
    assert ticker.what_happened(2) == [ticker.history[0], None, ticker.history[-1]]  # never more than asked
    ticker.history = ticker.history[:6]
    assert ticker.what_happened() == ticker.history  # all of it fits


def test_a_student_walking_through_a_door_is_not_the_horde_pushing_it() -> None:
    _, spec = resolve_level("sandbox/first-steps", [])
    world = World.from_spec(spec, 0)
    ticker = Ticker(world)
    door = world.doors[0]
    lead = world.lead_student
    world.bodies.pos[lead.index] = world.bodies.pos[door.index]  # as read after a step: at the door
    assert ticker.message(ev.DoorChanged(door.spec.id, "open")) is None
    assert ticker.message(ev.DoorChanged(door.spec.id, "closed")) is None


class _Horde:
    def __init__(self) -> None:
        self.n = 3
        self.state = np.zeros(3, dtype=np.int8)  # idle


class _Sky:
    def __init__(self) -> None:
        self.flashing = False

    def flash(self, tick: int) -> bool:
        return self.flashing


class _Watched:
    """Just what the chase watch reads: a horde's states, the sky and the tick."""

    def __init__(self) -> None:
        self.horde, self.sky, self.tick = _Horde(), _Sky(), 0


def test_a_new_chase_is_news_once_a_fight_and_names_the_lightning() -> None:
    from hyosan.render.ticker import CALM_SECONDS, SEEN, SEEN_IN_LIGHTNING
    from hyosan.sim.horde.horde import ATTACK, CHASE, IDLE

    world = _Watched()
    ticker = Ticker(world)
    world.horde.state[0] = CHASE
    ticker.update(0.5)  # a level that opens mid-chase: the briefing said so
    assert ticker.lines == [] and ticker.history == []
    world.horde.state[0] = IDLE
    ticker.update(2.0)
    world.sky.flashing = True  # a flash shows the squad: the next chase is the lightning's doing
    world.horde.state[1] = CHASE
    ticker.update(2.0 + CALM_SECONDS + 0.1)
    assert [(line.text, line.colour) for line in ticker.lines] == [(SEEN_IN_LIGHTNING, BAD)]
    assert ticker.history == [(2.0 + CALM_SECONDS + 0.1, SEEN_IN_LIGHTNING)]
    world.horde.state[1] = ATTACK  # biting is the same fight, not a new chase
    ticker.update(8.0)
    world.horde.state[1] = IDLE
    ticker.update(9.0)
    world.sky.flashing = False
    world.horde.state[2] = CHASE
    ticker.update(9.0 + CALM_SECONDS - 0.5)  # after a breath: still the same fight
    assert len(ticker.history) == 1
    world.horde.state[2] = IDLE
    ticker.update(20.0)
    world.horde.state[2] = CHASE
    ticker.update(20.0 + CALM_SECONDS + 1.0)  # a new fight, in the dark this time
    assert [text for _, text in ticker.history] == [SEEN_IN_LIGHTNING, SEEN]
    # A fight that starts with a bite and no chase is one that walked into the squad unseen, not
    # "Seen" (a playtester's lead, bumped in the dark by a straggler facing away), flash or not.
    from hyosan.render.ticker import BUMPED

    world.horde.state[2] = IDLE
    ticker.update(40.0)
    world.sky.flashing = True
    world.horde.state[0] = ATTACK
    ticker.update(40.0 + CALM_SECONDS + 1.0)
    assert [text for _, text in ticker.history] == [SEEN_IN_LIGHTNING, SEEN, BUMPED]
    # Seen with a phone torch on in the dark: the torch is named, as the lightning is (a
    # playtester read "Seen" with the torch on and did not know what gave the squad away)
    from hyosan.render.ticker import SEEN_BY_TORCH

    world.horde.state[0] = IDLE
    world.sky.flashing = False
    ticker.update(60.0)
    world.sky.ambient, world.sky.torches = "dark", {"su-hyeok"}
    world.horde.state[1] = CHASE
    ticker.update(60.0 + CALM_SECONDS + 1.0)
    assert [text for _, text in ticker.history][-1] == SEEN_BY_TORCH


def test_an_idle_squad_in_the_storm_is_shown_by_the_lightning() -> None:
    # Storm's idle squad, with the stragglers that drift to the lobby's door taken out, is found
    # at a flash and lost within seconds: the results say so first.
    from hyosan.render.ticker import SEEN_IN_LIGHTNING
    from hyosan.sim import commands as cmd

    _, spec = resolve_level("hyosan/storm-crossing", [])
    spec = dataclasses.replace(spec, zombies=tuple(z for z in spec.zombies if "straggler" not in z.id))
    world = World.from_spec(spec, 0)
    ticker = Ticker(world)
    while world.outcome is None and world.tick < 150 * 60:
        ticker.feed(world.step(cmd.EMPTY_INPUT), world.sim_seconds)
        ticker.update(world.sim_seconds)
    assert world.outcome == "loss"
    (radio_when, radio), (first_when, first), *rest = ticker.history  # the lobby's radio at 1:30, then
    assert radio == "A radio comes on" and abs(radio_when - 90.0) < 0.05
    assert first == SEEN_IN_LIGHTNING and any(text.endswith(" is lost") for _, text in rest)
    assert any(abs(first_when - t) < 0.05 for t in spec.weather.lightning_at)  # at one of the level's flashes


def test_a_standing_towers_last_tie_snapping_is_news_not_a_loss() -> None:
    # On the Site, dragging the scaffold tower until its tie snaps is the player's move; the
    # ticker said "The tower tie broke" in red, and the results counted it a turn for the worse.
    from hyosan.render.ticker import NEWS

    _, site = resolve_level("hyosan/construction-site-stand", [])
    world = World.from_spec(site, 0)
    ticker = Ticker(world)
    (tie,) = [j for j in world.joints.joints if j.spec.a == "scaffold-tower"]
    tie.broken = True  # as the sim leaves it when the tie snaps
    ticker.feed([ev.JointChanged(tie.spec.id, "broken", 0, 0)], 10.6)
    assert [(line.text, line.colour) for line in ticker.lines] == [("The scaffold tower comes down", NEWS)]
    assert ticker.history == []
    tie.broken = False  # were another tie still holding it, only that one snapped
    assert ticker.message(ev.JointChanged(tie.spec.id, "broken", 0, 0)) == ("A tie of the scaffold tower snapped", NEWS)


def test_a_night_stepping_up_is_said_but_is_not_what_went_wrong() -> None:
    _, roof = resolve_level("nights/the-roof", [])
    ticker = Ticker(World.from_spec(roof, 0))
    ticker.feed([ev.HordeGrows(1.25)], 60.0)
    assert [line.text for line in ticker.lines] == ["They are coming faster (x1.25)"]
    ticker.feed([ev.DoorChanged("west-door", "broken")], 200.0)
    ticker.feed([ev.HordeGrows(3.0)], 480.0)
    assert ticker.what_happened() == [(200.0, "The west door gave way")]


def test_a_bite_whose_friend_is_torn_down_at_once_is_not_a_moment_of_its_own() -> None:
    # Played by hand, Classroom's results read "On-jo is bitten: turns in 25 s" and, 0.4 s
    # later, "On-jo is lost": the countdown never came to pass. A bite the friend outlived by
    # more than a few seconds (who then turned of it) stays.
    ticker = Ticker(World.from_spec(resolve_level("hyosan/classroom-barricade", [])[1], 0))
    ticker.history = [(16.3, "The front door was pushed open"), (17.8, "On-jo is bitten: turns in 25 s"),
                      (18.2, "On-jo is lost"), (18.2, "Woo-jin is bitten: turns in 25 s"),
                      (19.6, "Woo-jin is lost"), (20.0, "Nam-ra is bitten: turns in 25 s"), (45.0, "Nam-ra turned")]
    assert ticker.what_happened(8) == [(16.3, "The front door was pushed open"), (18.2, "On-jo is lost"),
                                       (19.6, "Woo-jin is lost"), (20.0, "Nam-ra is bitten: turns in 25 s"),
                                       (45.0, "Nam-ra turned")]


def test_the_results_keep_the_halfbies_end_among_the_turns_for_the_worse() -> None:
    """Gwi-nam over the edge (or under a blow) is the Site's best moment: the results list it
    with what went wrong, in order, and a plain zombie's fall is not listed."""
    _, site = resolve_level("hyosan/construction-site-stand", [])
    ticker = Ticker(World.from_spec(site, 0))
    ticker.feed([ev.Fell(0.0, 0.0, breed="walker")], 40.0)
    ticker.feed([ev.Fell(0.0, 0.0, student="nam-ra")], 105.3)
    ticker.feed([ev.Fell(0.0, 0.0, breed="halfbie")], 107.0)
    assert ticker.what_happened() == [(105.3, "Nam-ra fell"), (107.0, "Gwi-nam went over the edge")]
    ticker = Ticker(World.from_spec(site, 0))
    ticker.feed([ev.Struck(0.0, 0.0, breed="halfbie", prop="crane-load")], 80.0)
    assert ticker.what_happened() == [(80.0, "Gwi-nam is down")]


def test_a_far_door_the_horde_swings_is_not_news() -> None:
    """Played by hand in the auditorium: every arrival swung the foyer doors, 25 tiles from the
    squad, and "The foyer door east was pushed open" stood in the ticker for minutes. A door
    pushed open more than 20 tiles from every student is left unsaid."""
    from hyosan.sim import commands as cmd

    world = World.from_spec(resolve_level("nights/the-auditorium", [])[1], 0)
    ticker = Ticker(world)
    opened = []
    for _ in range(40 * 60):  # the squad stays on the stage; the first arrivals come in by the foyer
        events = world.step(cmd.EMPTY_INPUT)
        opened += [e.door for e in events if isinstance(e, ev.DoorChanged) and e.state == "open"]
        ticker.feed(events, world.sim_seconds)
    assert any(d.startswith("foyer-door") for d in opened)
    assert not [line for line in ticker.lines if "pushed open" in line.text]
    assert not [text for _, text in ticker.history if "pushed open" in text]


def test_an_endless_night_says_each_star_as_it_is_earned() -> None:
    """Played by hand in the auditorium: 4:00, the first star, came and went with nothing on
    screen but the clock."""
    world = World.from_spec(resolve_level("nights/the-auditorium", [])[1], 0)
    ticker = Ticker(world)
    said = []
    for now in (239.0, 240.0, 241.0, 299.9, 300.0, 480.0, 481.0):
        ticker.update(now)
        said += [line.text for line in ticker.lines if line.text not in said]
    assert said == ["Star 1 of 3: held out 4:00 - the next at 5:00", "Star 2 of 3: held out 5:00 - the next at 8:00",
                    "Star 3 of 3: held out 8:00"]
    assert all(line.colour == GOOD for line in ticker.lines) and not ticker.history  # good news, not a turn for the worse


def test_the_bite_that_infects_says_when_the_friend_turns_and_the_results_keep_it() -> None:
    """A playtester saw "Ha-ri is bitten" and nothing more, and 25 s later she turned among the
    others: the infecting bite now says when ("turns in 25 s"), and the results' "what happened"
    keeps it with the losses; a later bite counts up on that line."""
    from hyosan.sim.world import INFECTION_TICKS

    _, spec = resolve_level("hyosan/storm-crossing", [])
    world = World.from_spec(spec, 0)
    ticker = Ticker(world)
    hari = next(s for s in world.students if s.id == "ha-ri")
    hari.infected_ticks = INFECTION_TICKS - 1  # as the world leaves it the tick of the bite
    ticker.feed([ev.Bitten("ha-ri", 0, 0, 0.75)], 52.0)
    ticker.feed([ev.Bitten("ha-ri", 0, 0, 0.5)], 53.0)
    # the second bite counts up on that line: plain "is bitten" lines pushed the countdown off
    assert [(line.text, line.count) for line in ticker.lines] == [("Ha-ri is bitten: turns in 25 s", 2)]
    # shown as bites, not "x2" (read as two of something unsaid)
    assert ticker.lines[0].words() == "Ha-ri is bitten (2 bites): turns in 25 s"
    # and as drawn, it counts down with the squad panel (it stood at 25 s while the panel said 22)
    assert ticker.lines[0].words(55.2) == "Ha-ri is bitten (2 bites): turns in 22 s"
    assert ticker.lines[0].words(90.0) == "Ha-ri is bitten (2 bites): turns in 0 s"
    ticker.feed([ev.SquadOrder(False)] * 3, 53.5)
    assert ticker.lines[-1].words() == "Everyone: hold here (3 times)"
    ticker.feed([ev.Turned("ha-ri", 0, 0, "infection")], 77.0)
    assert ticker.what_happened(8) == [(52.0, "Ha-ri is bitten: turns in 25 s"), (77.0, "Ha-ri turned")]
    for k in range(12):  # a long night: the bite is kept among the friends lost, not cut as filler
        ticker.feed([ev.DoorChanged(f"door-{k}", "broken")], 80.0 + k)
    assert (52.0, "Ha-ri is bitten: turns in 25 s") in ticker.what_happened(8)


def test_the_results_keep_the_door_that_let_the_crowd_in_and_not_a_warning() -> None:
    """Played by hand in the Classroom: both doors locked, nothing braced; a door gave way and
    all four were lost within 1.3 s, and the results named four bites and the losses, not the
    door. The breach before the first friend lost is kept next after the friends; and a door's
    warning ("is giving way") is not a moment at all: a playtester's results listed a door
    that held and left out the one that gave."""
    from hyosan.sim import events as ev

    ticker = Ticker(World.from_spec(resolve_level("hyosan/classroom-barricade", [])[1], 0))
    names = ["On-jo", "Su-hyeok", "Nam-ra", "Woo-jin"]
    ticker.history = [(10.0, "Seen - they are coming"), (54.0, "The back door gave way"),
                      *[(54.3 + 0.1 * k, f"{n} is bitten: turns in 25 s") for k, n in enumerate(names)],
                      *[(55.0 + 0.1 * k, f"{n} is lost") for k, n in enumerate(names)]]
    moments = ticker.what_happened(8)
    assert (54.0, "The back door gave way") in moments
    assert [m for m in moments if m is not None and m[1].endswith(" is lost")] == ticker.history[-4:]
    assert len(moments) <= 9 and moments[0] == ticker.history[0]

    ticker.history = []
    ticker.feed([ev.DoorStraining("back-door", 0.0, 0.0, 0.8)], 1.0)
    assert [line.text for line in ticker.lines] == ["The back door is giving way"] and ticker.history == []
    ticker.feed([ev.DoorChanged("back-door", "broken")], 2.0)
    assert ticker.history == [(2.0, "The back door gave way")]


def test_a_friend_lost_replaces_the_line_of_their_bite() -> None:
    """A playtester read "Ha-ri is bitten: turns in 25 s" and, a breath later, "Ha-ri is lost"
    under it, the countdown still standing: a friend's lines replace each other; another
    friend's stay."""
    from hyosan.sim import events as ev

    world = World.from_spec(resolve_level("hyosan/storm-crossing", [])[1], 0)
    ticker = Ticker(world)
    ha_ri = next(s for s in world.students if s.id == "ha-ri")
    ha_ri.infected_ticks = 25 * 60
    ticker.feed([ev.Bitten("ha-ri", 0.0, 0.0, 0.75), ev.Bitten("nam-ra", 0.0, 0.0, 0.75)], 1.0)
    assert [line.text for line in ticker.lines] == ["Ha-ri is bitten: turns in 25 s", "Nam-ra is bitten"]
    ticker.feed([ev.Turned("ha-ri", 0.0, 0.0, "bitten")], 1.3)
    assert [line.text for line in ticker.lines] == ["Nam-ra is bitten", "Ha-ri is lost"]


def test_a_door_the_crowd_swings_again_and_again_counts_up_but_is_not_kept_up() -> None:
    """Played by hand, "The music door was pushed open" stood on screen for 12 s and more as the
    crowd swung it to and fro: a repeat counts up ("(3 times)") and the line still goes
    SHOW_SECONDS after it was first said; a bite's line, a danger going on, is kept up."""
    from hyosan.render.ticker import SHOW_SECONDS
    from hyosan.sim import events as ev

    world = World.from_spec(resolve_level("hyosan/classroom-barricade", [])[1], 0)
    ticker = Ticker(world)
    ticker._crowd_opened = lambda _door: True  # (a zombie at it, nobody of the squad: the horde's doing)
    for t in (1.0, 2.5, 4.0):
        ticker.feed([ev.DoorChanged("front-door", "open")], t)
        ticker.feed([ev.Bitten("nam-ra", 0.0, 0.0, 0.75)], t)
    assert [(line.text, line.count) for line in ticker.lines] == [
        ("The front door was pushed open", 3), ("Nam-ra is bitten", 3)]
    ticker.update(1.0 + SHOW_SECONDS + 0.1)
    assert [line.text for line in ticker.lines] == ["Nam-ra is bitten"]


def test_a_levels_timed_sound_says_when_it_starts_and_the_results_keep_it() -> None:
    """Storm's lobby radio came on at 1:30 with only a caption; the crowd it drew took a
    playtester's squad with no word of why. A sound the level starts on its clock is said once,
    by its kind's verb; one the level opens with (the Roof's helicopter) is not what went wrong."""
    ref, spec = resolve_level("hyosan/storm-crossing", [])
    world = World.from_spec(spec, 0)
    ticker = Ticker(world)
    radio = next(s for s in spec.sounds if s.id == "lobby-radio")
    x, y = radio.at[0] * 16, radio.at[1] * 16
    for t in (90.0, 90.5):  # it sounds on, tick after tick: said once
        ticker.feed([ev.Sound(x, y, radio.loudness or 300.0, "radio", "lobby-radio")], t)
    assert [(line.text, line.count) for line in ticker.lines] == [("A radio comes on", 1)]
    assert ticker.history == [(90.0, "A radio comes on")]
    ref, spec = resolve_level("nights/the-roof", [])
    roof = Ticker(World.from_spec(spec, 0))
    roof.feed([ev.Sound(31 * 16, 15 * 16, 1400.0, "helicopter", "rescue-heli")], 0.0)
    assert [line.text for line in roof.lines] == ["A helicopter comes over"] and roof.history == []
    roof.feed([ev.Sound(31 * 16, 15 * 16, 900.0, "scream", "su-hyeok")], 3.0)  # not a level sound
    assert len(roof.lines) == 1


def test_a_win_is_told_by_its_objectives_with_who_was_lost_between() -> None:
    """The results of a win: each objective done by its first clause, the friends lost, what
    gave way and the halfbie's end, in time order; the rattle hint and bites that did not infect left out; past the
    room, the objectives and friends kept."""
    _, spec = resolve_level("hyosan/construction-site-stand", [])
    ticker = Ticker(World.from_spec(spec, 0))
    ticker.done = [(30.0, "Done: Brace the north door: frames against it"), (80.0, "Done: Out; over the bridge")]
    ticker.history = [(20.0, "The north door was pushed open"), (50.0, "Gwi-nam went over the edge"),
                      (60.0, "Nam-ra is lost"), (70.0, "A radio comes on")]
    assert ticker.how_it_was_won(8) == [(20.0, "The north door was pushed open"), (30.0, "Brace the north door"),
                                        (50.0, "Gwi-nam went over the edge"), (60.0, "Nam-ra is lost"), (80.0, "Over the bridge")]
    assert ticker.how_it_was_won(3) == [None, (30.0, "Brace the north door"), None, (60.0, "Nam-ra is lost"),
                                        (80.0, "Over the bridge")]


def test_a_win_names_the_friend_bitten_and_turning_who_got_out() -> None:
    """A playtester won twice with On-jo bitten and turning, and the results told a clean run:
    a bite that infected is told (without its countdown, which the end cut short), after the
    objectives and the friends lost; one whose friend was lost within 3 s is not (the loss says it)."""
    _, spec = resolve_level("hyosan/construction-site-stand", [])
    ticker = Ticker(World.from_spec(spec, 0))
    ticker.done = [(30.0, "Done: Brace the north door: frames against it"), (80.0, "Done: Out; over the bridge")]
    ticker.history = [(40.0, "On-jo is bitten: turns in 25 s"), (50.0, "Nam-ra is bitten: turns in 25 s"),
                      (51.0, "Nam-ra is lost"), (60.0, "A radio comes on")]
    assert ticker.how_it_was_won(8) == [(30.0, "Brace the north door"), (40.0, "On-jo is bitten"),
                                        (51.0, "Nam-ra is lost"), (80.0, "Over the bridge")]
    # no room: the objectives and the loss come first, the bite is left out
    assert (40.0, "On-jo is bitten") not in ticker.how_it_was_won(3)


def test_a_won_level_names_each_step_by_what_was_done() -> None:
    """A playtester's Classroom win listed "The drone found you" at the moment the intercom was
    used: a line that opens on what happened is told by what was done after its colon; an
    imperative line by its last clause, the step that completes it (the Trolley's exit, done at
    2:43, was listed as "Couple the front trolley", done at 0:03); asides in brackets are left out."""
    from hyosan.render.ticker import _done_step

    assert _done_step("The drone found you: use the intercom (hold E, top-right corner) to fire the PA") \
        == "Use the intercom to fire the PA"
    assert _done_step("Lock and brace both doors; hold until the drone finds you") == "Hold until the drone finds you"
    assert _done_step("Couple the front trolley (E at both joints); sneak into the box to creep it to the back door") \
        == "Sneak into the box to creep it to the back door"
    assert _done_step("Take the caretaker's keys: the key box in the hut") == "Take the caretaker's keys"
    assert _done_step("Optional: one student stays behind as bait at the crane cab (hold E)") \
        == "One student stays behind as bait at the crane cab"
    assert _done_step("The siren wakes the street: lock the gate, brace it, hold until it stops") \
        == "Lock the gate, brace it, hold until it stops"


def test_a_pressed_door_that_loses_its_barricade_says_so() -> None:
    """Played by hand (session 30): the lead brushed the Classroom's back desk off the doorway
    while the crowd pressed the door; its "x3.5" went out with nothing said, and a second later
    the door gave way. Losing the last brace under a push is a line (and a moment of the night);
    moving a barricade off a door nobody presses is the player's own doing, and says nothing."""
    from hyosan.render.ticker import UNBRACED_AFTER_SECONDS

    _, spec = resolve_level("hyosan/classroom-barricade", [])
    world = World.from_spec(spec, 0)
    door = next(d for d in world.doors if d.spec.id == "back-door")
    desk = world.prop_by_id("desk-back-1")

    def place(y: float) -> None:  # the desk's centre (px), its shape following it as after a step
        desk.body.position = (744.0, y)
        world.space.reindex_shapes_for_body(desk.body)
        world.bodies.read()

    door.locked = True
    place(136.0)  # against the doorway, from the room
    ticker = Ticker(world)
    ticker.update(1.0)
    assert ticker._braced == {"back-door"} and ticker.lines == []
    place(80.0)  # brushed off it
    ticker.update(1.1)  # nobody presses the door: nothing to say
    assert ticker.lines == []
    place(136.0)
    ticker.update(1.2)
    place(80.0)
    door.strain = 0.9  # the crowd on it
    ticker.update(1.3)
    place(136.0)  # put back within UNBRACED_AFTER_SECONDS (nudged into place between shoves): no alarm
    ticker.update(1.5)
    place(80.0)
    ticker.update(1.6)
    assert ticker.lines == []
    later = 1.6 + UNBRACED_AFTER_SECONDS + 0.05
    ticker.update(later)
    assert [(line.text, line.colour) for line in ticker.lines] == [("The back door lost its barricade", BAD)]
    assert ticker.history == [(later, "The back door lost its barricade")]
    place(136.0)  # braced again: the line goes (it stood beside a fresh "x2.2")
    ticker.update(2.2)
    assert ticker.lines == []


def test_a_halfbie_s_hunger_is_said_before_she_growls_and_when_she_does() -> None:
    """Played by hand on Yellow Markers (session 30): Nam-ra's first growls at 40 s brought a
    hundred zombies on the squad, and the only sign had been her meter in the squad panel."""
    from hyosan.render.ticker import GROWLING, GROWLING_LEADING, HUNGRY, HUNGRY_LEADING

    _, spec = resolve_level("hyosan/yellow-markers", [])
    world = World.from_spec(spec, 0)
    nam_ra = next(s for s in world.students if s.halfbie)
    ticker = Ticker(world)
    nam_ra.hunger = 0.5
    ticker.update(1.0)
    assert ticker.lines == []
    nam_ra.hunger = 0.8
    ticker.update(2.0)
    ticker.update(2.5)  # said once
    assert [(line.text, line.colour) for line in ticker.lines] == [("Nam-ra" + HUNGRY, NEWS)]
    nam_ra.hunger, nam_ra.starving = 1.0, True
    ticker.update(3.0)
    assert [(line.text, line.colour) for line in ticker.lines] == [("Nam-ra" + GROWLING, BAD)]  # in its place
    nam_ra.hunger, nam_ra.starving = 0.5, False  # calmed down, room given
    ticker.update(9.0)
    nam_ra.hunger = 0.8
    ticker.update(10.0)
    assert [line.text for line in ticker.lines] == ["Nam-ra" + HUNGRY]  # and said again next time
    # They name G, the order that parts her from the others, by the player's own control.
    assert "(G by her: she holds)" in HUNGRY and "G by her" in GROWLING
    nam_ra.hunger = 0.5
    ticker.update(16.0)
    ticker.key_names = {"E": "A", "G": "hold RB"}
    nam_ra.hunger = 0.8
    ticker.update(17.0)
    assert ticker.lines[-1].text == "Nam-ra is getting hungry - give her room (hold RB by her: she holds)"
    # Leading, she cannot be parted with G (it orders a follower): the line says F, and walk her on.
    nam_ra.hunger = 0.5
    ticker.update(23.0)
    ticker.key_names = {}
    world.lead = world.students.index(nam_ra)
    nam_ra.hunger = 0.8
    ticker.update(24.0)
    assert ticker.lines[-1].text == "Nam-ra" + HUNGRY_LEADING and "F: the others hold" in HUNGRY_LEADING
    nam_ra.hunger, nam_ra.starving = 1.0, True
    ticker.update(25.0)
    assert ticker.lines[-1].text == "Nam-ra" + GROWLING_LEADING and "G" not in GROWLING_LEADING


def test_an_order_to_one_friend_names_them_and_an_order_to_all_replaces_it() -> None:
    _, spec = resolve_level("hyosan/yellow-markers", [])
    ticker = Ticker(World.from_spec(spec, 0))
    ticker.feed([ev.FriendOrder("nam-ra", True)], 1.0)
    ticker.feed([ev.FriendOrder("su-hyeok", True)], 1.5)
    ticker.feed([ev.FriendOrder("nam-ra", False)], 2.0)  # her own line changes: it is not a second one
    assert [(line.text, line.colour) for line in ticker.lines] == [
        ("Su-hyeok: hold here", NEWS), ("Nam-ra: with me", NEWS)]
    ticker.feed([ev.SquadOrder(False)], 2.5)  # everyone's order outdates each friend's
    assert [line.text for line in ticker.lines] == ["Everyone: hold here"]


def test_a_bite_on_so_ju_says_his_coat_keeps_the_infection_out() -> None:
    # A playtester read "So-ju is bitten (4 bites)", saw no countdown, and wondered when he turns.
    _, spec = resolve_level("hyosan/trolley-shield-run", [])
    ticker = Ticker(World.from_spec(spec, 0))
    ticker.feed([ev.Bitten("so-ju", 0, 0, 0.9)] * 2 + [ev.Bitten("su-hyeok", 0, 0, 0.6)], 1.0)
    assert [(line.text, line.count) for line in ticker.lines] == [
        ("So-ju is bitten: his coat keeps the infection out", 2), ("Su-hyeok is bitten", 1)]


def test_e_at_a_station_before_its_turn_says_what_comes_first() -> None:
    # Played by hand (session 30): E at the Classroom's intercom before the drone did nothing,
    # and only a small "not yet" by the intercom said so.
    _, spec = resolve_level("hyosan/classroom-barricade", [])
    world = World.from_spec(spec, 0)
    ticker = Ticker(world)
    ticker.feed([ev.StationNotYet("intercom", world.objectives.current.id)] * 2, 2.0)
    assert [(line.words(), line.colour) for line in ticker.lines] == [
        ("The intercom: not yet - first: hold until the drone finds you (2 times)", NEWS)]
    assert ticker.what_happened(8) == []  # news, not something that went wrong


def test_a_friend_who_turned_says_when_the_bite_was_when_its_line_is_left_out() -> None:
    """A playtester's lost Yellow Markers listed six friends lost and none of the bites, each
    under "...": a "turned" line whose bite did not fit says when the bite was."""
    ticker = Ticker(World.from_spec(resolve_level("hyosan/yellow-markers", [])[1], 0))
    ticker.history = [(34.3, "Seen - they are coming"), (37.5, "Ha-ri is bitten: turns in 25 s"),
                      (62.4, "Ha-ri turned"), (62.5, "Dae-su is bitten: turns in 25 s"), (87.4, "Dae-su turned"),
                      (181.2, "Mi-jin is bitten: turns in 25 s"), (206.2, "Mi-jin turned"),
                      (213.9, "On-jo is bitten: turns in 25 s"), (238.9, "On-jo turned"),
                      (241.3, "Su-hyeok is lost"), (242.9, "Nam-ra is lost")]
    moments = [m for m in ticker.what_happened(8) if m is not None]
    shown = [text for _, text in moments]
    assert "Mi-jin turned (bitten at 3:01)" in shown and "On-jo turned (bitten at 3:33)" in shown
    assert (62.4, "Ha-ri turned") in moments  # its bite is listed itself (37.5 s): nothing added
    assert any(text == "Ha-ri is bitten: turns in 25 s" for text in shown)
    assert "Su-hyeok is lost" in shown and not any("bitten at" in t for t in shown if t.endswith("lost"))
    assert ticker.what_happened(20) == ticker.history  # all of it fits: nothing added


def test_an_order_to_hold_says_who_stands_at_a_drops_edge() -> None:
    """A playtester's F at the Roof's drone remote held two friends on the light well's edge, and
    both fell in at the next shove with no word. Told to hold beside a drop, the order says so."""
    import numpy as np

    _, spec = resolve_level("nights/the-roof", [])
    world = World.from_spec(spec, 0)
    ticker = Ticker(world)
    rows, cols = np.nonzero(world.fall_mask)
    edge_r, edge_c = int(rows[0]), int(cols[0])
    followers = [s for i, s in enumerate(world.students) if i != world.lead]
    by_drop, away = followers[0], followers[1:]
    for s, (x, y) in [(by_drop, ((edge_c + 0.5) * 16, (edge_r - 0.5) * 16))]:
        s.body.position = (x, y)
        world.bodies.pos[s.index] = (x, y)
    for s in away:  # (the start: nowhere near the light well)
        p = world.student_pos(s)
        c, r = world.tilemap.tile_of(float(p[0]), float(p[1]))
        assert not world.fall_mask[max(r - 1, 0):r + 2, max(c - 1, 0):c + 2].any()
    assert ticker.message(ev.SquadOrder(False)) == (f"Everyone: hold here - {display_name(by_drop.id)} at a drop's edge", NEWS)
    assert ticker.message(ev.FriendOrder(by_drop.id, True))[0] == \
        f"{display_name(by_drop.id)}: hold here - at a drop's edge: a shove sends them over"
    assert ticker.message(ev.FriendOrder(away[0].id, True))[0] == f"{display_name(away[0].id)}: hold here"
    assert ticker.message(ev.SquadOrder(True))[0] == "Everyone: with me"


def test_gwi_nam_s_coming_is_said_once() -> None:
    """A playtester never saw Gwi-nam on the Site: "Gwi-nam went over the edge" came out of
    nowhere. His coming is said when he is in the level, and once only."""
    from hyosan.control.bots import make_bot
    from hyosan.render.ticker import HALFBIE_HERE

    _, spec = resolve_level("hyosan/construction-site-stand", [])
    world = World.from_spec(spec, 0)
    ticker = Ticker(world)
    wave = next(w for w in spec.waves if w.breed == "halfbie")
    bot = make_bot("solver", 0)  # (an idle squad is overrun at ~35 s, before he comes)
    bot.reset(world)
    said = []
    while world.tick < round((wave.at_seconds + 1) * 60):
        assert world.outcome is None
        world.step(bot.act(world))
        ticker.update(world.sim_seconds)
        said += [(world.sim_seconds, line.text) for line in ticker.lines if line.text == HALFBIE_HERE]
    assert said and wave.at_seconds <= said[0][0] < wave.at_seconds + 0.1  # as he comes, not before
    assert all(t - said[0][0] < 10 for t, _ in said)  # one line (still up), not said again
    assert [line.colour for line in ticker.lines if line.text == HALFBIE_HERE] == [BAD]
    # A level without him says nothing of him.
    plain = Ticker(World.from_spec(resolve_level("hyosan/classroom-barricade", [])[1], 0))
    plain.update(1.0)
    assert all(line.text != HALFBIE_HERE for line in plain.lines)


def test_a_helicopter_is_heard_coming_ten_seconds_before_it_does() -> None:
    """The Roof's passes pull the horde at the doors: the ticker says rotors are coming 10 s
    before each (not for the rescue helicopter leaving as the night starts), once each."""
    from hyosan.render.ticker import ROTORS_AHEAD

    _, spec = resolve_level("nights/the-roof", [])
    world = World.from_spec(spec, 0)
    ticker = Ticker(world)
    passes = sorted(s.start_seconds for s in spec.sounds if s.kind == "helicopter" and s.start_seconds > 0)
    assert passes[0] == 300

    def said(now: float) -> int:
        ticker.update(now)
        return sum(line.text == ROTORS_AHEAD for line in ticker.lines)

    assert said(0.0) == 0 and said(289.9) == 0
    assert said(290.0) == 1
    ticker.lines.clear()
    assert said(295.0) == 0  # once
    assert said(passes[1] - 10.0) == 1


def test_a_grip_that_slips_says_which_friend_the_prop_snagged_on() -> None:
    """Played by hand, a crate dragged toward the pen's gate snagged on the squad standing
    behind the lead, and the ticker said only "the crate snagged"."""
    from hyosan.sim import commands as cmd
    from hyosan.sim.squad import STUDENT_RADIUS

    _, spec = resolve_level("hyosan/classroom-barricade", [])
    world = World.from_spec(spec, 0)
    world.step(cmd.EMPTY_INPUT)  # (the shapes' places, after a step)
    ticker = Ticker(world)
    desk, friend = world.props[0], world.students[1]
    x, y = (float(v) for v in world.bodies.pos[desk.index])
    what = desk.spec.type.replace("-", " ")
    slipped = ev.Grabbed("on-jo", desk.spec.id, released=True, slipped=True)
    friend.body.position = (x, y - 200.0)  # well away: a corner it snagged on
    world.bodies.read()
    ticker.feed([slipped], 1.0)
    assert ticker.lines[-1].text == f"On-jo lost the grip: the {what} snagged"
    # up against it: a hair outside its edge, on the side toward where the friend stood
    edge = min((shape.point_query((x, y - 200.0)) for shape in desk.body.shapes), key=lambda q: q.distance)
    friend.body.position = (edge.point.x, edge.point.y - STUDENT_RADIUS - 1.0)
    world.bodies.read()
    ticker.feed([slipped], 2.0)
    assert ticker.lines[-1].text == f"On-jo lost the grip: the {what} snagged on {display_name(friend.id)}"


def _snag_scene():
    """The Classroom after a step, every student far off, and a slipped grip on its first desk
    by On-jo, who stands 60 px to the desk's east (the pull's side)."""
    from hyosan.sim import commands as cmd

    _, spec = resolve_level("hyosan/classroom-barricade", [])
    world = World.from_spec(spec, 0)
    world.step(cmd.EMPTY_INPUT)
    desk = world.props[0]
    x, y = (float(v) for v in world.bodies.pos[desk.index])
    for k, s in enumerate(world.students):
        s.body.position = (x - 400.0 - 40.0 * k, y - 300.0)
    world.students[0].body.position = (x + 60.0, y)
    world.bodies.read()
    return world, desk, ev.Grabbed(world.students[0].id, desk.spec.id, released=True, slipped=True)


def _place(world, body, x: float, y: float) -> None:
    body.position = (x, y)
    for shape in body.shapes:
        shape.cache_bb()  # (a step does this; the outline's corners follow the body)
    world.bodies.read()


def test_a_slipped_grip_names_the_prop_door_wall_or_horde_it_caught_on() -> None:
    """The snag line named only a friend: a desk caught on another desk, a door or a wall said
    "the desk snagged", and the player was left to find what. It names what the prop is up
    against on the side it was pulled toward, and nothing behind it."""
    world, desk, slipped = _snag_scene()
    x, y = (float(v) for v in world.bodies.pos[desk.index])
    what = desk.spec.type.replace("-", " ")
    holder = display_name(slipped.student)

    def said() -> str:  # (a fresh ticker each time: one still showing a line does not repeat it)
        ticker = Ticker(world)
        ticker.feed([slipped], 1.0)
        return ticker.lines[-1].text

    assert said() == f"{holder} lost the grip: the {what} snagged"  # caught on nothing near

    # another prop a hair off the desk's east edge, the side it was pulled toward
    other = next(p for p in world.props[1:] if not p.spec.type.startswith(desk.spec.type))
    half = max(abs(v.x) for s in desk.body.shapes for v in s.get_vertices())
    other_half = max(abs(v.x) for s in other.body.shapes for v in s.get_vertices())
    angle = desk.body.angle, other.body.angle
    desk.body.angle = other.body.angle = 0.0
    _place(world, other.body, x + half + other_half + 1.0, y)
    _place(world, desk.body, x, y)
    words = other.spec.type.replace("-", " ")
    assert said() == f"{holder} lost the grip: the {what} snagged on {'an' if words[0] in 'aeiou' else 'a'} {words}"
    # one of its own kind is "another"
    twin = next(p for p in world.props if p is not desk and p.spec.type == desk.spec.type)
    twin_angle, twin.body.angle = twin.body.angle, 0.0
    _place(world, other.body, x + 600.0, y + 600.0)
    _place(world, twin.body, x + 2.0 * half + 1.0, y)
    _place(world, desk.body, x, y)
    assert said() == f"{holder} lost the grip: the {what} snagged on another {what}"
    _place(world, twin.body, x + 700.0, y + 600.0)
    twin.body.angle = twin_angle
    _place(world, other.body, x + half + other_half + 1.0, y)
    _place(world, desk.body, x, y)
    # ...and pulled the other way (On-jo to the west), the prop behind it holds nothing back
    _place(world, world.students[0].body, x - 60.0, y)
    assert said() == f"{holder} lost the grip: the {what} snagged"
    _place(world, other.body, x + 600.0, y + 600.0)
    desk.body.angle, other.body.angle = angle

    # zombies against its west side, where On-jo now pulls: one is "a zombie", three "the horde"
    horde = world.horde
    r = float(horde.breeds.radius[horde.breed_all[0]])
    edge = min((s.point_query((x - 200.0, y)) for s in desk.body.shapes), key=lambda q: q.distance).point
    for k in range(3):
        horde.pos_all[k] = (edge.x - r - 1.0, edge.y + (k - 1) * 2.0 * r * (1 if k != 1 else 0))
    horde.pos_all[1] = (x + 900.0, y + 900.0)
    horde.pos_all[2] = (x + 950.0, y + 900.0)
    assert said() == f"{holder} lost the grip: the {what} snagged on a zombie"
    for k in range(3):
        horde.pos_all[k] = (edge.x - r - 1.0, edge.y + (k - 1) * 4.0)
    assert said() == f"{holder} lost the grip: the {what} snagged on the horde"


def test_a_slipped_grip_names_a_door_or_a_wall_it_caught_on() -> None:
    world, desk, slipped = _snag_scene()
    holder = display_name(slipped.student)
    desk.body.angle = 0.0
    half_w = max(v.x for s in desk.body.shapes for v in s.get_vertices()) + 0.5  # px, with the poly's rounding
    half_h = max(v.y for s in desk.body.shapes for v in s.get_vertices()) + 0.5

    def said() -> str:
        ticker = Ticker(world)
        ticker.feed([slipped], 1.0)
        return ticker.lines[-1].text

    # a door: the desk 1 px off the door leaf's face, On-jo pulling toward it
    door = world.doors[0]
    dx, dy = (float(v) for v in world.bodies.pos[door.index])
    bb = next(iter(door.body.shapes)).bb
    upright = bb.top - bb.bottom > bb.right - bb.left  # a leaf in a wall that runs north-south
    if upright:  # come at it from the west
        face = min((s.point_query((dx - 200.0, dy)) for s in door.body.shapes), key=lambda q: q.distance).point
        at, pull = (face.x - half_w - 1.0, dy), (60.0, 0.0)
    else:  # from the north
        face = min((s.point_query((dx, dy - 200.0)) for s in door.body.shapes), key=lambda q: q.distance).point
        at, pull = (dx, face.y - half_h - 1.0), (0.0, 60.0)
    _place(world, desk.body, *at)
    _place(world, world.students[0].body, at[0] + pull[0], at[1] + pull[1])
    door_words = door.spec.id.replace("-", " ")
    assert said() == f"{holder} lost the grip: the desk snagged on the {door_words}"
    _place(world, world.students[0].body, at[0] - pull[0], at[1] - pull[1])  # pulled away from it
    assert said() == f"{holder} lost the grip: the desk snagged"

    # locked, the door fills its doorway with a static slab: caught on the slab's face, out of
    # the leaf's reach, it is still the door, not "a wall"
    door.set_locked(True)
    plate = door.plate
    plate.cache_bb()
    if upright:
        at = (plate.bb.left - half_w - 1.0, dy)
    else:
        at = (dx, plate.bb.bottom - half_h - 1.0)
    _place(world, desk.body, *at)
    _place(world, world.students[0].body, at[0] + pull[0], at[1] + pull[1])
    from hyosan.render.ticker import _gap

    leaf = min(_gap(ours, theirs)[0] for ours in desk.body.shapes for theirs in door.body.shapes)
    assert leaf > 3.0  # (the leaf alone is out of reach: only the slab holds it)
    assert said() == f"{holder} lost the grip: the desk snagged on the {door_words}"
    door.set_locked(False)

    # a wall: the map's west edge, 1 px off, On-jo pulling west
    _place(world, desk.body, half_w + 1.0, float(world.tilemap.height_px) / 2)
    _place(world, world.students[0].body, half_w + 1.0 + 60.0, float(world.tilemap.height_px) / 2)
    assert said() == f"{holder} lost the grip: the desk snagged"  # pulled east, away from it
    _place(world, world.students[0].body, half_w + 1.0 - 60.0, float(world.tilemap.height_px) / 2)
    assert said() == f"{holder} lost the grip: the desk snagged on a wall"
