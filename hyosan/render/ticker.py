"""The event ticker: a few short lines under the objective bar for what a player must not miss
in the din -- a friend bitten or lost, an ally joining, a door or coupling giving way, an
objective done, Gwi-nam going down. Fed by the simulation's events, like everything drawn."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pygame

from ..control.keymap import name_keys
from ..sim import events as ev
from ..sim.actions import TURNOUT_GEAR
from ..sim.horde.horde import ATTACK, CHASE, FEED
from ..sim.hunger import CALM_BELOW
from ..sim.squad import STUDENT_RADIUS
from ..sim.units import TICK_HZ
from ..sim.world import STRAIN_SHOWN
from .hud import whole_clock
from .names import display_name
from .names import id_words as _words
from .noise_rings import caption_for, level_places, place_of
from .world_view import (
    BRACED_SHOWN,
    HALFBIE_BREED,  # the breed drawn as Gwi-nam
    braced_locks,
)

# How a level's own timed sound starts, by its kind ("A radio comes on - lobby"): played by hand,
# Storm's lobby radio came on at 1:30 with only a caption, and the crowd it drew to the caretaker's
# path took the squad with no word of why.
SOUND_STARTS = {"radio": "comes on", "pa-speaker": "comes on", "alarm-clock": "goes off", "car-alarm": "goes off",
                "phone": "rings", "drone": "comes over", "helicopter": "comes over", "shout": "starts"}
SHOW_SECONDS = 4.5  # how long a line stays (s of play)
FADE_SECONDS = 0.8  # the last part of that, fading out
MAX_LINES = 3
# The turns for the worse that make a night's story: what befell a student, and what gave way
# (and the halfbie's end, the one good turn the results keep: see HALFBIE_DOWN)
KEY_MOMENT_ENDINGS = (" turned", " is lost", " fell", " gave way", " broke", " snapped",
                      " went over the edge", " is down", " lost its barricade")
# The halfbie's end is the Site's other story (GAME.md: knock him off an edge or under the
# crane load). Played by hand, he lunged across the pit and fell while the squad crossed the
# slab, and the results listed only "Nam-ra fell": the night's best moment was missing.
HALFBIE_DOWN = ("Gwi-nam went over the edge", "Gwi-nam is down")
# ...and his coming: a playtester never saw him on the Site, only "Gwi-nam went over the edge"
# out of nowhere (he arrives in the yard and hunts the lead's last noise, wherever it was).
HALFBIE_HERE = "Gwi-nam is here - he hunts the lead's last noise"
AGAINST_PX = 3.0  # px between a student's body and a prop within which the student is against it (a snag's friend)
HORDE_SNAG = 3  # zombies against a snagged prop from which the line says "the horde", not "a zombie"
# A helicopter is heard a while before it is overhead, and the horde follows it: played by
# hand on the Roof, the pass at 10:00 broke two doors in 5 s with nothing said before it came.
ROTORS_AHEAD_SECONDS = 10.0
ROTORS_AHEAD = f"Rotors in the distance - a helicopter in {ROTORS_AHEAD_SECONDS:g} s, and the horde will follow it"
BREACH_ENDINGS = (" gave way", " broke", " snapped", " was pushed open")  # what let the crowd in
# A locked door the crowd presses that loses every brace, its lock alone against the push:
# played by hand, the lead brushed the Classroom's back desk off the doorway on her way to the
# intercom, the door's "x3.5" went out with nothing said, and a second later the door gave way.
UNBRACED = " lost its barricade"
# s a pressed door must stand unbraced before UNBRACED is said: a playtester nudging desks into
# place at a pressed door read it as a false alarm, the brace gone for a few frames between shoves
UNBRACED_AFTER_SECONDS = 0.4
# A halfbie ally's hunger (sim.hunger) in words: played by hand on Yellow Markers, the squad
# walked the woods bunched behind the lead, Nam-ra's first growls at 40 s brought a hundred
# zombies down on it, and the only sign had been her meter filling in the squad panel.
HUNGRY_AT = 0.75  # of her hunger: "getting hungry" (some 7 s kept close before she growls)
# (G: "hold here" to her alone, so the others walk on without her: control.human; a pad
# player reads their own control, as in prompts: ``key_names``)
HUNGRY = " is getting hungry - give her room (G by her: she holds)"
GROWLING = " growls and the horde hears: G by her, and walk the others away"
# ...and when she is the one leading, G (a follower by the pointer) cannot part her: F has the
# others hold while she walks on (a playtester led with her, as the solver does, and read "G by her")
HUNGRY_LEADING = " is getting hungry - give her room (F: the others hold; walk her on)"
GROWLING_LEADING = " growls and the horde hears: F, and walk her away from the others"
STUDENT_LOSS_ENDINGS = (" turned", " is lost", " fell")  # of KEY_MOMENT_ENDINGS: what befell a friend
TURNS_WORDS = ": turns in "  # in the line of a bite that infects ("Ha-ri is bitten: turns in 25 s"): a moment too
HISTORY_LINES = 64  # turns for the worse remembered for the results screen (each said once)
# s: a bite whose friend is lost this soon after it is left out of "What happened": played by
# hand, the results read "On-jo is bitten: turns in 25 s" and, 0.4 s later, "On-jo is lost".
TORN_DOWN_SECONDS = 3.0
ENGAGED = (CHASE, ATTACK, FEED)  # horde states of a chase under way
OPENING_SECONDS = 1.0  # s: a chase already under way this early is how the level begins
CALM_SECONDS = 5.0  # s with nobody chased before a new chase is news again
SEEN = "Seen - they are coming"
SEEN_IN_LIGHTNING = "The lightning showed you - they are coming"
# ...and by the lead's own phone torch, in the dark: a playtester read "Seen" with the torch on
# and did not know what had given the squad away
SEEN_BY_TORCH = "Your torch showed you - they are coming"
# A chase that begins with a bite, not a sighting: one that wandered into the squad unseen (a
# playtester read "Seen" for a straggler that bumped into the lead in the dark, facing away)
BUMPED = "One of them walked into you - they are on you"
DOOR_NEAR_PX = 40.0  # px from a door's centre: a student this close opened it, a zombie this close pushed it
DOOR_NEWS_PX = 320.0  # px: a door the horde pushes open farther than this from every student is not news
BAD = (240, 110, 90)  # a loss or a danger
GOOD = (130, 220, 140)  # help, progress
NEWS = (236, 230, 218)  # neither
# Said once a level, at the first rattle: played by hand, a player who held sneak and pushed
# (as Trolley's objective line says) rattled the casters flat out while the only word of it was
# the gauge in the bottom corner, and the crowd broke in behind the box.
RATTLE_LINE = "The casters rattle - the horde hears: sneak to creep it"
# The first rattle while the lead sneaks, or while no student pushes or drags a prop, is not the
# squad's shove: a playtester holding sneak read "sneak to creep it" as the crowd behind shoved
# the box, and another, walking a corridor 256 px from the auditorium's trolleys, took it for blame.
RATTLE_SHOVED_LINE = "The casters rattle - something shoves the trolleys, and the horde hears it"
RELEASE_LINES = {  # a chock or latch let go, by the type of the prop it held
    "pipe": "The pipe stack is rolling",
    "crane-load": "The crane's load swings down",
}


@dataclass
class Line:
    """One line of the ticker: its words, colour, when it was (last) said and how often."""

    text: str
    colour: tuple[int, int, int]
    said: float  # s of play
    count: int = 1
    # What a count of this line counts ("bites"): "x9" after "So-ju is bitten" read to a
    # playtester as nine of something unsaid.
    counts: str = "times"
    # Lines of one family replace each other: "Coupled - 1 still open" stood under "Coupled -
    # all latched", the two saying opposite things.
    family: str = ""
    # s of play when the friend a bite infected turns: the line counts down to it (it stood at
    # "turns in 25 s" while the squad panel said 22 s, a playtester on Yellow Markers)
    turns_at: float | None = None

    def words(self, now: float | None = None) -> str:
        """The line as shown at ``now`` (s of play): with how many, when it was said more than
        once, and a turning friend's seconds left."""
        head, turns, tail = self.text.partition(TURNS_WORDS)  # "Ha-ri is bitten (3 bites): turns in 25 s"
        if turns and self.turns_at is not None and now is not None:
            tail = f"{max(0, math.ceil(self.turns_at - now))} s"
        many = f" ({self.count} {self.counts})" if self.count > 1 else ""
        return head + many + turns + tail


# First words of an objective line that says what happened before the colon, not what to do.
SITUATION_OPENERS = ("The", "A", "An", "Optional")


def _done_step(text: str) -> str:
    """An objective's line as the step that completes it: its last ';' clause, up to a ':'
    ("Lock and brace both doors; hold until the drone finds you" -> "Hold until the drone
    finds you"), without its asides in brackets. The Trolley's exit, done at 2:43, was listed as
    its first step, "Couple the front trolley", which a playtester had done at 0:03. A line
    that opens on what just happened ("The drone found you: use the intercom ...", "Optional:
    ...") is told by what was done after the colon: a playtester's win listed "The drone found
    you" at the moment the intercom was used."""
    head, colon, tail = text.partition(":")
    if colon and tail.strip() and head.split(" ", 1)[0] in SITUATION_OPENERS:
        text = tail.strip()
    text = text.rpartition(";")[2].strip()
    text = text[:1].upper() + text[1:]
    cut = text.find(":") if text.find(":") > 0 else len(text)
    return re.sub(r"\s*\([^)]*\)", "", text[:cut]).rstrip()


def _with_bite(moment: tuple[float, str], left_out: list[tuple[float, str]]) -> tuple[float, str]:
    """A friend's "turned" with the time of the bite that did it, when that bite's own line was
    left out ("Mi-jin turned (bitten at 1:57)"): a playtester's lost Yellow Markers listed six
    friends lost and none of the bites, which were the story (each under "...")."""
    t, text = moment
    if not text.endswith(" turned"):
        return moment
    name = text.removesuffix(" turned")
    bites = [b for b, said in left_out if said.startswith(f"{name} is bitten") and TURNS_WORDS in said and b <= t]
    if not bites:
        return moment
    return t, f"{text} (bitten at {int(bites[-1] // 60)}:{int(bites[-1] % 60):02d})"


class Ticker:
    """Turns events into lines; ``update`` ages them; ``draw`` puts them under the HUD bar."""

    def __init__(self, world) -> None:
        self.world = world
        self.lines: list[Line] = []
        self.key_names: dict[str, str] = {}  # the player's own controls for "G"... (Prompts.key_names)
        spec = getattr(world, "spec", None)
        self._joint_kind = {j.id: j.kind for j in getattr(spec, "joints", ())}
        prop_type = {p.id: p.type for p in getattr(spec, "props", ())}
        # coupling id -> the type of the prop it ties to the world (a chock, a latch)
        self._release_prop = {j.id: prop_type.get(j.a, j.a) for j in getattr(spec, "joints", ())
                              if j.kind == "coupling" and not j.b}
        towers = {p.id for p in getattr(spec, "props", ()) if getattr(p, "falls_onto", None) is not None}
        # joint id -> the standing tower it ties (a tower comes down when its last tie snaps)
        self._tower_tie = {j.id: j.a for j in getattr(spec, "joints", ()) if j.a in towers}
        objectives = getattr(world, "objectives", None)
        self._objective_text = {o.id: objectives.text(o) for o in objectives.items} if objectives is not None else {}
        self._rattle_told = False
        # a level's timed sounds (its [[sounds]] with start_seconds): each said once, as it starts
        self._timed_sounds = {snd.id: snd for snd in getattr(spec, "sounds", ()) if snd.start_seconds is not None}
        self._places = level_places(spec)
        # s of play at which to say ROTORS_AHEAD, one per helicopter that comes by itself later
        self._rotors_due = sorted(snd.start_seconds - ROTORS_AHEAD_SECONDS for snd in getattr(spec, "sounds", ())
                                  if snd.kind == "helicopter" and snd.start_seconds is not None
                                  and snd.start_seconds >= ROTORS_AHEAD_SECONDS)
        self._sound_lines: set[str] = set()  # what they said (the results keep them as what happened)
        self._stars_told = 0  # an endless level's stars already said
        self._chase_since: float | None = None  # s of play the horde's current chase began (None: no chase)
        self._calm_since: float | None = None  # s of play the last chase ended
        # True once the play scene hands over the chase state of every tick (``watch_chase``):
        # polled once a drawn frame instead, "Seen" came or not by the frame rate (a replay
        # watched twice read it once). Left False, ``update`` polls (frames, screenshots).
        self.watched_per_tick = False
        self._infected_told: dict[str, str] = {}  # student -> the line that said their infecting bite
        self.history: list[tuple[float, str]] = []  # (s of play, words): the first HISTORY_LINES turns for the worse
        self.done: list[tuple[float, str]] = []  # (s of play, words): each objective done, "Done: ..."
        self._braced: set[str] = set()  # locked doors braced at the last look (see watch_braces)
        self._unbraced_since: dict[str, float] = {}  # door -> s of play its last brace went (once braced)
        self._unbraced_told: set[str] = set()  # doors whose UNBRACED line was said since they were braced
        self._hunger_told: dict[str, str] = {}  # halfbie -> what was said of her hunger ("hungry", "growling")
        # HALFBIE_HERE said (once a level: he comes once); told already where no zombie group,
        # wave or spawner of the level is of his breed, so the frame never looks for him there
        spec = getattr(world, "spec", None)
        self._halfbie_told = not any(g.breed == HALFBIE_BREED for g in (
            *getattr(spec, "zombies", ()), *getattr(spec, "waves", ()), *getattr(spec, "spawners", ())))

    def message(self, e: object) -> tuple[str, tuple[int, int, int]] | None:
        """The line an event deserves, or None (most events are shown in other ways)."""
        if isinstance(e, ev.Bitten):
            # The bite that infects says when the friend will turn: a playtester saw "Ha-ri is
            # bitten", nothing more, and 25 s later she turned among the others.
            # Later bites of a turning friend count up on that line (a crowd bites several times
            # a second, and plain "is bitten" lines pushed the countdown off the ticker).
            told = self._infected_told.get(e.student)
            if told is not None:
                return told, BAD
            student = next((s for s in getattr(self.world, "students", ()) if s.id == e.student), None)
            infected = getattr(student, "infected_ticks", 0) or 0
            if infected > 0:
                told = self._infected_told[e.student] = \
                    f"{display_name(e.student)} is bitten{TURNS_WORDS}{math.ceil(infected / TICK_HZ)} s"
                return told, BAD
            if e.student in TURNOUT_GEAR:  # (a playtester read "So-ju is bitten (4 bites)" and waited for him to turn)
                return f"{display_name(e.student)} is bitten: his coat keeps the infection out", BAD
            return f"{display_name(e.student)} is bitten", BAD
        if isinstance(e, ev.Turned):
            if e.cause == "infection":
                return f"{display_name(e.student)} turned", BAD
            return f"{display_name(e.student)} is lost", BAD
        if isinstance(e, ev.Fell):
            if e.student:
                return f"{display_name(e.student)} fell", BAD
            if e.breed == HALFBIE_BREED:
                return HALFBIE_DOWN[0], GOOD
            return None
        if isinstance(e, ev.Struck) and e.breed == HALFBIE_BREED:
            return HALFBIE_DOWN[1], GOOD
        if isinstance(e, ev.HordeGrows):  # an endless night steps up: the one warning it gives
            return f"They are coming faster (x{e.multiplier:g})", BAD
        if isinstance(e, ev.SquadOrder):  # F: said, as the only other sign is a mark in the squad panel
            if e.follow:
                return "Everyone: with me", NEWS
            return "Everyone: hold here" + self._by_a_drop(
                [s for i, s in enumerate(getattr(self.world, "students", ())) if s.alive and i != self.world.lead]), NEWS
        if isinstance(e, ev.StationNotYet):  # E at a station whose turn has not come: what comes first
            objectives = getattr(self.world, "objectives", None)
            waits = next((o for o in getattr(objectives, "items", ()) if o.id == e.waits_for), None)
            first = _done_step(objectives.text(waits)) if waits is not None else ""
            return f"The {_words(e.station)}: not yet" + (f" - first: {first[:1].lower()}{first[1:]}" if first else ""), NEWS
        if isinstance(e, ev.FriendOrder):  # G: one friend, by name (the squad panel marks it too)
            if not e.hold:
                return f"{display_name(e.student)}: with me", NEWS
            friend = [s for s in getattr(self.world, "students", ()) if s.id == e.student]
            return f"{display_name(e.student)}: hold here" + self._by_a_drop(friend), NEWS
        if isinstance(e, ev.StayedBehind):
            return f"{display_name(e.student)} stays behind", NEWS
        if isinstance(e, ev.AllyJoined):
            return f"{display_name(e.student)} joins the squad", GOOD
        if isinstance(e, ev.Grabbed) and e.slipped:  # snagged on a corner: the line to it is gone
            prop = getattr(self.world, "prop_by_id", lambda _id: None)(e.prop)
            what = _words(prop.spec.type) if prop is not None else "prop"
            friend = self._against(prop, e.student) if prop is not None else None
            # Played by hand, a crate dragged to the pen's gate snagged on the squad standing
            # behind the lead (where a dragged prop trails), and "snagged" named no corner.
            if friend:
                on = f" on {display_name(friend)}"
            else:  # a wall, a door, another prop or the horde, on the side it was pulled toward
                caught = caught_on(self.world, prop, e.student) if prop is not None else None
                on = f" on {caught}" if caught else ""
            return f"{display_name(e.student)} lost the grip: the {what} snagged{on}", NEWS
        if isinstance(e, ev.DoorChanged) and e.state == "broken":
            return f"The {_words(e.door)} gave way", BAD
        if isinstance(e, ev.DoorStraining):  # (the world says it once, until the push eases)
            return f"The {_words(e.door)} is giving way", BAD
        if isinstance(e, ev.DoorChanged) and e.state == "open" and self._crowd_opened(e.door):
            # An unlocked door the horde shoved open: played by hand, Classroom's back door,
            # left unlocked, swung in at 16.7 s and the squad was down by 20.5 s with no word of why.
            return f"The {_words(e.door)} was pushed open", BAD
        if isinstance(e, ev.JointChanged) and e.state == "broken" and e.joint in self._tower_tie:
            # The tie of a standing tower snapping brings it down: on the Site the player's own
            # move (drag until it snaps), not bad news as "The tower tie broke" in red said.
            tower = self._tower_tie[e.joint]
            joints = getattr(getattr(self.world, "joints", None), "joints", ())
            if any(j.spec.a == tower and not j.broken for j in joints):
                return f"A tie of the {_words(tower)} snapped", NEWS  # another still holds it up
            return f"The {_words(tower)} comes down", NEWS
        if isinstance(e, ev.JointChanged) and e.state == "broken":
            kind = self._joint_kind.get(e.joint, "")
            return ("A coupling snapped" if kind == "coupling" else f"The {_words(e.joint)} broke"), BAD
        if isinstance(e, ev.JointChanged) and e.joint in self._release_prop and e.state == "uncoupled":
            # A chock or latch tying a prop to the world (no second prop): played by hand, the
            # Site's chock said "Uncoupled - 1 still open", trolley words that named nothing.
            kind = self._release_prop[e.joint]
            return RELEASE_LINES.get(kind, f"The {_words(kind)} is let go"), NEWS
        if isinstance(e, ev.JointChanged) and self._joint_kind.get(e.joint) == "coupling" \
                and e.state in ("coupled", "uncoupled"):
            # Two couplings side by side look alike: playing Trolley by hand, a second E undid
            # the first one and nothing said so. Say it, with how many are still open.
            left = self._open_couplings()
            tail = "all latched" if left == 0 else f"{left} still open"
            if e.state == "coupled":
                return f"Coupled - {tail}", GOOD
            return f"Uncoupled - {tail}", NEWS
        if isinstance(e, ev.ObjectiveDone):
            return f"Done: {self._objective_text.get(e.objective, _words(e.objective))}", GOOD
        if isinstance(e, ev.Sound) and e.source in self._timed_sounds and e.loudness > 0:
            snd = self._timed_sounds.pop(e.source)
            what = caption_for(e, None, snd.caption)
            place = place_of(self._places, e.x, e.y)
            line = f"{'An' if what[:1].lower() in 'aeiou' else 'A'} {what} {SOUND_STARTS.get(snd.kind, 'starts')}" + \
                (f" - {place}" if place else "")
            self._sound_lines.add(line)  # (a turn for the worse, unless the level opens with it: the Roof's helicopter)
            return line, BAD
        if isinstance(e, ev.Sound) and e.kind == "rattle" and not self._rattle_told:
            self._rattle_told = True
            world = self.world
            lead = getattr(world, "lead_student", None)
            pushing = getattr(world, "lead_pushing", lambda: None)() is not None
            dragging = any(s.alive and getattr(s, "grab_joint", None) is not None for s in getattr(world, "students", ()))
            squads = (pushing or dragging) and getattr(lead, "moving_gait", "") != "sneak"
            return (RATTLE_LINE if squads else RATTLE_SHOVED_LINE), BAD
        return None

    def _against(self, prop, holder: str) -> str | None:
        """The id of a living student (not ``holder``) up against ``prop`` (its shapes within
        ``AGAINST_PX`` of their body), nearest first; None: none."""
        world = self.world
        best: tuple[float, str] | None = None
        for s in getattr(world, "students", ()):
            if s.id == holder or not s.alive:
                continue
            p = world.student_pos(s)
            d = min(shape.point_query((float(p[0]), float(p[1]))).distance for shape in prop.body.shapes)
            if d - STUDENT_RADIUS <= AGAINST_PX and (best is None or d < best[0]):
                best = (d, s.id)
        return best[1] if best is not None else None

    def _crowd_opened(self, door_id: str) -> bool:
        """Whether a door that just swung open was the horde's doing, and news: a zombie at it,
        no student within reach of it (a student walking through opens doors too) and one
        within ``DOOR_NEWS_PX`` (20 tiles). Played by hand in the auditorium, every arrival
        swung the far foyer doors, and "The foyer door east was pushed open" stood in the
        ticker for minutes while the squad waited, sealed in, 27 tiles away."""
        world = self.world
        door = next((d for d in getattr(world, "doors", ()) if d.spec.id == door_id), None)
        if door is None or door.broken:  # a door that gave way swings open: "gave way" said it
            return False
        x, y = (float(v) for v in world.bodies.pos[door.index])
        students = [world.student_pos(st) for st in world.students if st.alive]
        near = [math.hypot(float(p[0]) - x, float(p[1]) - y) for p in students]
        if not near or min(near) <= DOOR_NEAR_PX or min(near) > DOOR_NEWS_PX:
            return False
        zombies = world.horde.pos  # (n, 2) px
        return bool((np.hypot(zombies[:, 0] - x, zombies[:, 1] - y) <= DOOR_NEAR_PX).any())

    def _open_couplings(self) -> int:
        """Trolley couplings now unlatched and unbroken (the ones E could still latch); a chock
        or latch let go is not one of them."""
        joints = getattr(getattr(self.world, "joints", None), "joints", ())
        return sum(1 for j in joints if j.spec.kind == "coupling" and j.spec.b
                   and not j.coupled and not j.broken)

    def feed(self, events: list[object], now: float) -> None:
        """Add the lines for this frame's events; the same line again counts up instead."""
        for e in events:
            said = self.message(e)
            if said is None:
                continue
            text, colour = said
            if isinstance(e, ev.ObjectiveDone) and len(self.done) < HISTORY_LINES:
                self.done.append((now, text))
            # For the results screen's "what happened": the turns for the worse (a door or a
            # coupling giving, a friend lost), not every bite or the rattle hint; each once.
            # An endless night's step up is on the clock, not something that went wrong: left in,
            # it took the results' first line and hid which door gave way. And the halfbie's end.
            # A door's warning neither: the door that held is no part of the story, and one that
            # gave says so itself (a playtester's results listed "the east wing door is giving
            # way", a door that held, and left out the fire door that gave).
            worse = colour == BAD and (not isinstance(e, (ev.Bitten, ev.Sound, ev.HordeGrows, ev.DoorStraining))
                                       or TURNS_WORDS in text or (text in self._sound_lines and now > OPENING_SECONDS))
            # A friend's lines replace each other: a playtester read "Ha-ri is bitten: turns in
            # 25 s" and, a breath later, "Ha-ri is lost" under it, the countdown still standing.
            family = "coupling" if text.startswith(("Coupled - ", "Uncoupled - ")) else \
                "order" if isinstance(e, ev.SquadOrder) else \
                f"order:{e.student}" if isinstance(e, ev.FriendOrder) else \
                f"not-yet:{e.station}" if isinstance(e, ev.StationNotYet) else \
                f"student:{e.student}" if isinstance(e, (ev.Bitten, ev.Turned, ev.Fell)) and getattr(e, "student", "") else ""
            if isinstance(e, ev.SquadOrder):  # an order to everyone outdates each friend's own
                self.lines = [line for line in self.lines if not line.family.startswith("order:")]
            # A door the crowd swings open again and again counts up but is not kept up: played
            # by hand, "The music door was pushed open" stood on screen for 12 s and more.
            self._say(text, colour, now, moment=worse or text in HALFBIE_DOWN, family=family,
                      counts="bites" if isinstance(e, ev.Bitten) else "times",
                      refresh=not (isinstance(e, ev.DoorChanged) and e.state == "open"),
                      turns_at=self._turns_at(e, now) if TURNS_WORDS in text else None)

    def _turns_at(self, e: object, now: float) -> float | None:
        """When the friend a bite infected turns (s of play), from their countdown now."""
        student = next((s for s in getattr(self.world, "students", ()) if s.id == getattr(e, "student", "")), None)
        infected = getattr(student, "infected_ticks", 0) or 0
        return now + infected / TICK_HZ if infected > 0 else None

    def how_it_was_won(self, count: int = 6) -> list[tuple[float, str] | None]:
        """A won level's "what happened": each objective as it was done, with every friend lost
        or bitten and turning, what gave way and the halfbie's end between them, oldest first; at most ``count``, the objectives and the
        friends first, with None where moments are left out. Played by hand, the Classroom's
        win listed only the radio and a music-room door across the hall, and not the drone or
        the PA the run turned on."""
        worse = [m for k, m in enumerate(self.history) if not self._torn_down_after(k)
                 and (m[1].endswith((*STUDENT_LOSS_ENDINGS, *BREACH_ENDINGS)) or m[1] in HALFBIE_DOWN)]
        # A bite that infected a friend who got out all the same: a playtester won twice with
        # On-jo bitten and turning, and the results told a clean run. The countdown is left
        # off; the level ended before it ran out.
        bitten = [(t, text.partition(TURNS_WORDS)[0]) for k, (t, text) in enumerate(self.history)
                  if TURNS_WORDS in text and not self._torn_down_after(k)]
        # each objective by its first clause ("Lock and brace both doors"): the whole line, with
        # where and which key, ran past the results panel
        done = [(t, _done_step(text.removeprefix("Done: "))) for t, text in self.done]
        story = sorted(done + worse + bitten, key=lambda m: m[0])  # (stable: a tick's own order)
        if len(story) <= count:
            return list(story)
        kept = {text for _, text in done}
        keep = {k for k, (_, text) in enumerate(story) if text in kept or text.endswith(STUDENT_LOSS_ENDINGS)}
        bites_kept = [k for k, m in enumerate(story) if m in bitten]
        keep |= set(bites_kept[:max(0, count - len(keep))])  # then the bites, while there is room
        if len(keep) > count:  # the first few and the way out
            keep = set(sorted(keep)[:count - 2]) | {len(story) - 1}
        out: list[tuple[float, str] | None] = []
        for k in sorted(keep):
            if out and k - 1 not in keep and out[-1] is not None:
                out.append(None)
            out.append(story[k])
        if 0 not in keep:
            out.insert(0, None)
        if len(story) - 1 not in keep:
            out.append(None)
        return out

    def what_happened(self, count: int = 6) -> list[tuple[float, str] | None]:
        """At most ``count`` turns for the worse, and the halfbie's end (HALFBIE_DOWN) (s of
        play, words), oldest first: all of them when they fit; else the first (how it started
        to go wrong), the last three (how it ended; fewer when ``count`` is under 4), and
        between them every student lost (turned, lost, fell), then the earliest of the rest
        that gave way (a door, a coupling), with None where moments are left out. Played by hand in
        the auditorium, "first and last three" showed a foyer door pushed open and three
        friends lost, and left out the two who turned inside the sealed backstage, which was
        the night's story; the next night, the chained fire door giving way."""
        moments = [m for k, m in enumerate(self.history) if not self._torn_down_after(k)]
        if len(moments) <= count:
            return list(moments)
        last = len(moments) - max(1, min(3, count - 1))  # the closing ones (fewer when count is small)
        middle = [k for k in range(1, last) if moments[k][1].endswith(KEY_MOMENT_ENDINGS) or TURNS_WORDS in moments[k][1]]
        # Every friend lost is named before anything else in the middle: a playtester counted
        # five lost on the auditorium night and found four, one hidden under "...". Then the
        # breach: the last thing that gave way before the first friend was lost (a playtester's
        # Classroom results named four friends lost in 1.3 s, and not the door that let the
        # crowd in). Then the bites that infected, then whatever else gave way.
        lost = [k for k in middle if moments[k][1].endswith(STUDENT_LOSS_ENDINGS)]
        first_loss = next((k for k, (_, text) in enumerate(moments) if text.endswith(STUDENT_LOSS_ENDINGS)), len(moments))
        breach = [k for k in range(1, min(last, first_loss)) if moments[k][1].endswith(BREACH_ENDINGS)][-1:]
        bites = [k for k in middle if TURNS_WORDS in moments[k][1]]
        room = max(0, count - 1 - (len(moments) - last))
        chosen: set[int] = set()
        for k in [*lost, *breach, *bites, *middle]:
            if len(chosen) >= room:
                break
            chosen.add(k)
        keep = [0, *sorted(chosen), *range(last, len(moments))]
        out: list[tuple[float, str] | None] = [moments[0]]
        for before, k in zip(keep, keep[1:], strict=False):
            if k != before + 1:
                out.append(None)
            out.append(_with_bite(moments[k], [moments[j] for j in range(k) if j not in keep]))
        return out

    def _by_a_drop(self, holding: list) -> str:
        """Words for those told to hold who stand beside a drop (a fall tile in the 3x3 tiles
        round them): a shove from the crowd sends them over. A playtester's F at the Roof's
        drone remote held two friends on the light well's edge, and both fell in with no word."""
        mask = getattr(self.world, "fall_mask", None)
        if mask is None or not mask.any():
            return ""
        rows, cols = mask.shape
        near = []
        for s in holding:
            p = self.world.student_pos(s)
            c, r = self.world.tilemap.tile_of(float(p[0]), float(p[1]))
            if mask[max(r - 1, 0):min(r + 2, rows), max(c - 1, 0):min(c + 2, cols)].any():
                near.append(display_name(s.id))
        if not near:
            return ""
        who = near[0] if len(near) == 1 else ", ".join(near[:-1]) + " and " + near[-1]
        if len(holding) == 1:
            return " - at a drop's edge: a shove sends them over"
        return f" - {who} at a drop's edge"

    def _torn_down_after(self, k: int) -> bool:
        """Whether history line ``k`` is a bite whose friend was lost within TORN_DOWN_SECONDS
        (the loss says it all; the bite's "turns in 25 s" never came to pass)."""
        said, text = self.history[k]
        if TURNS_WORDS not in text:
            return False
        name = text.partition(" is bitten")[0]
        return any(t - said <= TORN_DOWN_SECONDS and later.startswith(name + " ") and later.endswith(STUDENT_LOSS_ENDINGS)
                   for t, later in self.history[k + 1:])

    def update(self, now: float) -> None:
        """Forget lines said more than ``SHOW_SECONDS`` ago; say when the horde starts a chase
        and when an endless night earns a star."""
        self.lines = [line for line in self.lines if now - line.said < SHOW_SECONDS]
        if not self.watched_per_tick:
            self.watch_chase(now, *self.chase_state())
        self._watch_stars(now)
        self.watch_braces(now)
        self.watch_hunger(now)
        self.watch_halfbie(now)
        self.watch_sky(now)

    def watch_sky(self, now: float) -> None:
        """Say a helicopter's coming ``ROTORS_AHEAD_SECONDS`` before it does (once each)."""
        due = self._rotors_due
        if due and now >= due[0]:
            while due and now >= due[0]:
                due.pop(0)  # (skipped past several at once: one line)
            self._say(ROTORS_AHEAD, BAD, now, family="rotors")

    def watch_halfbie(self, now: float) -> None:
        """Say when the halfbie (Gwi-nam) comes into the level, once."""
        if self._halfbie_told:
            return
        breeds, horde = getattr(self.world, "breeds", None), getattr(self.world, "horde", None)
        ids = getattr(breeds, "ids", ())
        if horde is None or HALFBIE_BREED not in ids or getattr(horde, "n", 0) == 0:
            return
        if (horde.breed == ids.index(HALFBIE_BREED)).any():
            self._halfbie_told = True
            self._say(HALFBIE_HERE, BAD, now, family="halfbie")

    def watch_hunger(self, now: float) -> None:
        """A halfbie ally's hunger when it nears starving (HUNGRY) and when she starts to growl
        (GROWLING), each once until she has calmed down again (below CALM_BELOW)."""
        for s in getattr(self.world, "students", ()):
            if not (getattr(s, "halfbie", False) and s.alive):
                continue
            told = self._hunger_told.get(s.id, "")
            leading = s is getattr(self.world, "lead_student", None)
            if s.starving and told != "growling":
                self._hunger_told[s.id] = "growling"
                words = GROWLING_LEADING if leading else GROWLING
                self._say(f"{display_name(s.id)}{name_keys(words, self.key_names)}", BAD, now, family=f"hunger:{s.id}")
            elif not s.starving and s.hunger >= HUNGRY_AT and not told:
                self._hunger_told[s.id] = "hungry"
                words = HUNGRY_LEADING if leading else HUNGRY
                self._say(f"{display_name(s.id)}{name_keys(words, self.key_names)}", NEWS, now, family=f"hunger:{s.id}")
            elif not s.starving and s.hunger < CALM_BELOW and told:
                del self._hunger_told[s.id]

    def watch_braces(self, now: float) -> None:
        """Say when a locked door that was braced has stood UNBRACED_AFTER_SECONDS with no brace
        while the crowd presses it (UNBRACED), and take the line down once it is braced again
        (it stood beside a fresh "x2.2", a playtester). A barricade moved off an idle door is
        the player's own doing, and a door unlocked or given way says so in its own way.
        ``braced_locks`` is memoised by the props' poses, so a look is cheap while nothing near
        a door moves."""
        braced = set()
        for door in getattr(self.world, "doors", ()):
            key = door.spec.id
            if not door.locked or door.broken:
                self._unbraced_since.pop(key, None)
                self._unbraced_told.discard(key)
                continue
            if braced_locks(self.world, door) >= BRACED_SHOWN:
                braced.add(key)
                self._unbraced_since.pop(key, None)
                if key in self._unbraced_told:
                    self._unbraced_told.discard(key)
                    self.lines = [line for line in self.lines if line.family != f"brace:{key}"]
                continue
            if key in self._braced:
                self._unbraced_since[key] = now
            since = self._unbraced_since.get(key)
            if since is not None and key not in self._unbraced_told and door.strain >= STRAIN_SHOWN \
                    and now - since >= UNBRACED_AFTER_SECONDS:
                self._unbraced_told.add(key)
                self._say(f"The {_words(key)}{UNBRACED}", BAD, now, moment=True, family=f"brace:{key}")
        self._braced = braced

    def _watch_stars(self, now: float) -> None:
        """An endless level's star times as they pass: played by hand in the auditorium, 4:00
        came and went with nothing on screen but the clock, and the night's only goal is them."""
        endless = getattr(getattr(self.world, "spec", None), "endless", None)
        if endless is None or not any(st.alive for st in self.world.students):
            return
        times = endless.star_seconds
        while self._stars_told < len(times) and now >= times[self._stars_told]:
            self._stars_told += 1
            said = f"Star {self._stars_told} of {len(times)}: held out {whole_clock(times[self._stars_told - 1])}"
            if self._stars_told < len(times):
                said += f" - the next at {whole_clock(times[self._stars_told])}"
            self._say(said, GOOD, now)

    def chase_state(self) -> tuple[bool, bool, bool, bool]:
        """(whether a chase is on, whether a lightning flash is, whether any zombie saw the
        squad: chases, not only bites, and whether a student's torch is on in a dark level) in
        the world as it stands."""
        horde = getattr(self.world, "horde", None)
        # a chase goes on while any zombie chases, bites or feeds (biting, it stops chasing)
        chasing = horde is not None and horde.n > 0 and bool(np.isin(horde.state, ENGAGED).any())
        sky = getattr(self.world, "sky", None)
        seen = chasing and bool((horde.state == CHASE).any())
        torch = bool(seen and getattr(sky, "ambient", "day") in ("dawn", "dark") and getattr(sky, "torches", ()))
        return chasing, bool(chasing and sky is not None and sky.flash(self.world.tick)), seen, torch

    def watch_chase(self, now: float, chasing: bool, lit: bool, seen: bool = True, torch: bool = False) -> None:
        """"Seen" when zombies start chasing after a quiet spell (none chasing, biting or feeding
        for ``CALM_SECONDS``), "in the lightning" when a flash is on: played by hand, Storm's squad
        waited by the low wall's gap, the 66 s flash showed it to the yard, and the first word
        of it was the lead lost six seconds later."""
        if not chasing:
            if self._chase_since is not None:
                self._chase_since, self._calm_since = None, now
            return
        if self._chase_since is not None:
            return
        self._chase_since = now
        if self._calm_since is not None and now - self._calm_since < CALM_SECONDS:
            return  # the same fight, after a breath
        if self._calm_since is None and now <= OPENING_SECONDS:
            return  # a level that opens mid-chase (the Site's stair horde): the briefing said so
        said = SEEN_IN_LIGHTNING if lit and seen else SEEN_BY_TORCH if torch and seen else SEEN if seen else BUMPED
        self._say(said, BAD, now, moment=True)

    def _say(self, text: str, colour: tuple[int, int, int], now: float, moment: bool = False,
             family: str = "", counts: str = "times", refresh: bool = True, turns_at: float | None = None) -> None:
        """Add a line (the same line again counts up, a line of the same ``family`` is replaced);
        ``moment``: also a turn for the worse; ``refresh`` False: a repeat counts up without
        keeping the line up longer (a door the crowd swings to and fro)."""
        if moment and all(text != said for _, said in self.history) and len(self.history) < HISTORY_LINES:
            self.history.append((now, text))
        same = next((line for line in self.lines if line.text == text), None)
        if same is not None:
            same.count += 1
            if refresh:
                same.said = now
        else:
            if family:
                self.lines = [line for line in self.lines if line.family != family]
            self.lines.append(Line(text, colour, now, counts=counts, family=family, turns_at=turns_at))
        del self.lines[:-MAX_LINES]

    def draw(self, surface: pygame.Surface, font: pygame.font.Font, top: int, now: float) -> list[pygame.Rect]:
        """The lines, centred from ``top`` down, each on a dark pill, fading at the end; returns
        the pills (screen px), for the edge arrows' words to keep off."""
        y = top
        pills = []
        for line in self.lines:
            words = line.words(now)
            img = font.render(words, True, line.colour)
            left = SHOW_SECONDS - (now - line.said)
            alpha = 255 if left >= FADE_SECONDS else max(0, int(255 * left / FADE_SECONDS))
            pill = pygame.Rect(0, 0, img.get_width() + 24, img.get_height() + 8)
            pill.midtop = (surface.get_width() // 2, y)
            back = pygame.Surface(pill.size, pygame.SRCALPHA)
            back.fill((10, 8, 12, min(190, alpha)))
            img.set_alpha(alpha)
            surface.blit(back, pill)
            surface.blit(img, img.get_rect(center=pill.center))
            pills.append(pill)
            y = pill.bottom + 4
        return pills


def _outline(shape) -> tuple[list[tuple[float, float]], float]:
    """World points of a pymunk shape's outline and the radius rounding them (px): a circle's
    centre and radius, a segment's two ends and radius, a polygon's corners and radius."""
    body = shape.body
    if hasattr(shape, "get_vertices"):  # Poly
        return [tuple(body.local_to_world(v)) for v in shape.get_vertices()], float(shape.radius)
    if hasattr(shape, "a") and hasattr(shape, "b"):  # Segment
        return [tuple(body.local_to_world(shape.a)), tuple(body.local_to_world(shape.b))], float(shape.radius)
    return [tuple(body.local_to_world(shape.offset))], float(shape.radius)  # Circle


def _gap(ours, theirs) -> tuple[float, tuple[float, float]]:
    """(px, point): the gap between two convex pymunk shapes (negative: overlapping) and the
    point of ``theirs`` nearest ``ours``. Between convex shapes that do not overlap the
    nearest pair has a corner (a circle's centre) of one of them in it, so each one's outline
    points are asked of the other (``Shape.point_query``: no space query, nothing moves)."""
    best: tuple[float, tuple[float, float]] = (math.inf, (0.0, 0.0))
    points, rounding = _outline(ours)
    for p in points:
        q = theirs.point_query(p)
        if q.distance - rounding < best[0]:
            best = (q.distance - rounding, (float(q.point.x), float(q.point.y)))
    points, rounding = _outline(theirs)
    for p in points:
        q = ours.point_query(p)
        if q.distance - rounding < best[0]:
            best = (q.distance - rounding, (float(p[0]), float(p[1])))
    return best


def caught_on(world, prop, holder: str) -> str | None:
    """What a dragged ``prop`` whose grip slipped is caught on, in words ("the back door",
    "a locker", "a zombie", "the horde", "a wall"), or None: a door, else another prop, else
    zombies, else a wall within AGAINST_PX of it on the side toward ``holder`` (where it was
    pulled: a locker too heavy to drag, standing against the wall behind it, is caught on
    nothing). The friends are asked first (``Ticker._against``)."""
    student = next((s for s in getattr(world, "students", ()) if s.id == holder), None)
    if student is None:
        return None
    px, py = (float(v) for v in world.bodies.pos[prop.index])
    hx, hy = (float(v) for v in world.student_pos(student))
    pull = (hx - px, hy - py)
    shapes = list(prop.body.shapes)
    # px: the prop's bounding box, grown by AGAINST_PX (pymunk's BB: bottom is the smaller y)
    lo_x = min(s.bb.left for s in shapes) - AGAINST_PX
    hi_x = max(s.bb.right for s in shapes) + AGAINST_PX
    lo_y = min(s.bb.bottom for s in shapes) - AGAINST_PX
    hi_y = max(s.bb.top for s in shapes) + AGAINST_PX

    def near(shape) -> bool:
        bb = shape.bb
        return bb.right >= lo_x and bb.left <= hi_x and bb.top >= lo_y and bb.bottom <= hi_y

    def on_pulled_side(x: float, y: float) -> bool:
        return (x - px) * pull[0] + (y - py) * pull[1] > 0.0

    def touching(others) -> bool:
        """Whether any of ``others`` is within AGAINST_PX of the prop at a point on the pulled side."""
        for other in others:
            if near(other):
                for ours in shapes:
                    gap, (x, y) = _gap(ours, other)
                    if gap <= AGAINST_PX and on_pulled_side(x, y):
                        return True
        return False

    # The first kind it is up against, in this order: a desk in a doorway touches the door and
    # the frame beside it, and "the back door" says more than "a wall".
    plates = []  # a locked door's static slab, in its doorway: the door, not "a wall"
    for door in getattr(world, "doors", ()):
        plate = getattr(door, "plate", None)
        if plate is not None:
            plates.append(plate)
        if not door.broken and touching([*door.body.shapes, *([plate] if plate is not None else [])]):
            return f"the {_words(door.spec.id)}"
    for other in getattr(world, "props", ()):
        if other is not prop and touching(other.body.shapes):
            kind = _words(other.spec.type)  # ("the desk snagged on another desk", not "on a desk")
            return f"another {kind}" if other.spec.type == prop.spec.type else _article(kind)
    horde = getattr(world, "horde", None)
    if horde is not None and horde.awake:
        pos = horde.pos_all[:horde.awake]  # (awake, 2) px: a sleeper's body is out of the space, nothing catches on it
        margin = float(horde.breeds.radius.max())  # px: a zombie's centre may stand this far outside
        close = ((pos[:, 0] >= lo_x - margin) & (pos[:, 0] <= hi_x + margin)
                 & (pos[:, 1] >= lo_y - margin) & (pos[:, 1] <= hi_y + margin)).nonzero()[0]
        radius = horde.breeds.radius[horde.breed_all[close]]
        against = 0
        for (x, y), r in zip(pos[close].tolist(), radius.tolist(), strict=True):
            nearest = min(s.point_query((x, y)).distance for s in shapes)
            if nearest - r <= AGAINST_PX and on_pulled_side(x, y):
                against += 1
        if against:
            return "the horde" if against >= HORDE_SNAG else "a zombie"
    return "a wall" if touching([s for s in world.space.static_body.shapes if s not in plates]) else None


def _article(words: str) -> str:
    return f"{'an' if words[:1] in 'aeiou' else 'a'} {words}"

