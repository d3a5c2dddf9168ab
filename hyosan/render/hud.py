"""The heads-up display: objective and timer on top, the squad bottom-left (health, stamina,
infection), the noise meter and throwables bottom-right. Reads the world; never writes it."""

from __future__ import annotations

import math

import pygame

from ..control.keymap import name_keys
from ..sim.hunger import CALM_BELOW
from ..sim.objectives import endless_score
from ..sim.rolling import RATTLE_QUIET
from ..sim.specials import COOLDOWN_TICKS, special_of
from ..sim.units import TICK_HZ
from .atlas import Atlas
from .names import display_name
from .noise_rings import CAPTIONS, ring_colour
from .panel import PanelPainter

INK = (236, 230, 218)
DIM = (150, 144, 134)
KEY_INK = (255, 236, 140)  # a key the player can press now (the prompts' KEY)
TORCH_ON = (255, 236, 140)  # the prompts' key yellow: the squad is lit
NOISE_FULL = 900.0  # px of loudness that fills the noise meter
OBJECTIVE_MIN_SIZE = 22  # px: the objective line shrinks to this before it is cut
TITLE_DASH = "  -  "  # between the level's title and its objective on the top bar (presentation.objective_line)
SCORE_INK = (240, 200, 90)  # an endless level's running score (the results' "new best" gold)
HOLD_NEAR_SECONDS = 10.0  # s: the last stretch of a hold, when its countdown turns green
HOLD_NEAR_INK = (130, 225, 130)
# A level's timed sound that starts this early (s of play) is the opening's deadline, which its
# briefing sets ("in fifteen seconds the radio will call every zombie on the floor to your
# doors"): the HUD counts it down. A playtester who skipped the Classroom's briefing had no sign
# of it and lost the squad at 20 s; later sounds stay the level's surprises.
OPENING_DEADLINE_SECONDS = 30.0
DEADLINE_INK = (240, 110, 90)  # the ticker's red for a danger
LURE_INK = (240, 200, 90)  # a lure the squad set off, still sounding ("PA speaker stops in 0:18")
SCORE_EVERY_TICKS = 15  # 60 Hz ticks: the running score is redrawn four times a second
# A bitten student's countdown to turning, in the squad panel where the health bar was: a small
# ring under the stamina bar went unseen by a playtester until Ha-ri turned among the others.
TURNING_INK = (150, 220, 90)
# The lead's own move (sim.specials), as the panel over the noise meter names it
SPECIAL_NAMES = {"spray": "extinguisher", "taunt": "taunt", "sing": "sing"}
ARROW_COLUMN_PX = 46  # px the squad panel widens by for a bow's arrow count (or a halfbie's hunger)
# A halfbie ally's hunger (sim.hunger), in the squad panel where a bow's arrows go (GAME.md: "a
# hunger meter forces her to keep distance from the others"). Played by hand in the woods and on
# the road, Nam-ra's growls came every 2 s and nothing had shown them coming: the meter fills
# while she is kept close, turns red and blinks while she growls, and the notch is where she
# calms down again.
HUNGER_INK = (176, 112, 220)
STARVING_INK = (232, 64, 56)
HUNGER_BAR_PX = 36
SQUAD_NAME_GAP_PX = 8  # px between the longest name in the squad panel and the hearts
# The casters gauge. Played by hand, nothing showed how fast the trolley box rolled until it was
# already rattling (the rings come with the noise), and a player could not tell a silent shove
# from a loud one. The gauge shows the speed against the quiet line all the time, so the length
# of a shove can be learnt. Its "ease off" is by speed alone: a forecast (at the current
# acceleration, rattling within 0.5 s) said "ease off" at every touch, and a player who obeyed
# it (0.25 s reaction) crept, was caught by the alarm clock's crowd and lost (seeds 0 and 1,
# 126 and 122 s); obeying this one wins (PLAYTESTS.md).
CASTERS_NEAR_PX = 80.0  # px: a rattling prop's centre this close to the lead is the squad's box
# px/s: from here the gauge says "ease off" (rattle starts at RATTLE_QUIET). A held sneak creeps the
# box at up to ~11 px/s (world.CAREFUL_ROLL and the last push's overshoot): that reads "quiet".
CASTERS_EASE = 11.5
CASTERS_FULL = 2.0 * RATTLE_QUIET  # px/s that fill the gauge (the quiet line sits at its middle)
CASTERS_COLOURS = {"quiet": (110, 220, 120), "ease off": (240, 200, 80), "RATTLING": (235, 70, 55)}


def whole_clock(seconds: float) -> str:
    """A round time a player is asked for (an endless level's star times): 3:00, or 45 s under
    a minute; a stopwatch's tenths would read as a time run, not a target."""
    m, s = divmod(int(seconds), 60)
    return f"{m}:{s:02d}" if m else f"{s} s"


def sound_name(snd) -> str:
    """A level's sound source in a player's words: its own caption, else its kind's ("PA speaker")."""
    kind = snd.kind
    return snd.caption or CAPTIONS.get(kind) or CAPTIONS.get(kind.split("-")[0]) or kind.replace("-", " ")


def opening_deadline(world) -> tuple[str, float] | None:
    """The level's first timed sound still to come, when it starts in its first
    OPENING_DEADLINE_SECONDS or its level asks for its ``countdown``: (what it is, s until it
    starts); None otherwise. The Trolley's briefing says its alarm clock rings "a minute and a
    half from now"; a playtester looked beside the clock for it, as for the Classroom's radio."""
    now = world.sim_seconds
    soon = [snd for snd in getattr(getattr(world, "spec", None), "sounds", ())
            if snd.start_seconds is not None and now < snd.start_seconds
            and (snd.start_seconds <= OPENING_DEADLINE_SECONDS or snd.countdown)]
    if not soon:
        return None
    snd = min(soon, key=lambda s: (s.start_seconds, s.id))
    return sound_name(snd), snd.start_seconds - now


def lure_left(world) -> tuple[str, float] | None:
    """A sound a station set off that still sounds (the Classroom's PA, under which the hallway
    must be crossed): (what it is, s until it stops), the one ending soonest; None when none
    does, or when the current objective's own hold already counts down to its end. Played by
    hand, the PA was fired and "cross before the PA stops" had no clock to go by."""
    director = getattr(world, "director", None)
    spec = getattr(world, "spec", None)
    if director is None or spec is None:
        return None
    triggered = {sid for st in director.stations for sid in st.spec.triggers}
    sounds = {snd.id: snd for snd in spec.sounds}
    live = sorted((em.end_tick, em.id) for em in director.active.values() if em.id in triggered and em.id in sounds)
    if not live:
        return None
    end, sid = live[0]
    o = world.objectives.current if getattr(world, "objectives", None) is not None else None
    if o is not None and o.kind == "hold-until-event" and o.event == f"sound-end:{sid}":
        return None  # ("hold 0:12" says it)
    return sound_name(sounds[sid]), max(0.0, (end - world.tick) / TICK_HZ)


def gathering(world) -> tuple[int, int, list] | None:
    """While the current objective asks the whole squad to stand somewhere (a reach-zone, the
    exit) and the lead is in it: (students in, students alive, the ones still out), or None when
    nobody is waited for."""
    objectives = getattr(world, "objectives", None)
    gather = objectives.gather_area() if objectives is not None else None
    if gather is None or not world.lead_student.alive:
        return None
    if not objectives.in_area(world, gather, world.student_pos(world.lead_student)):
        return None
    alive = [s for s in world.students if s.alive]
    out = [s for s in alive if not objectives.in_area(world, gather, world.student_pos(s))]
    return (len(alive) - len(out), len(alive), out) if out else None


def casters(world) -> tuple[float, str] | None:
    """How fast the rattling props near the lead roll (px/s, the fastest) and what that means
    ("quiet", "ease off", "RATTLING"); None with no rattling prop near the lead. Reads the same
    body velocities the sim's rattle does (``rolling.caster_rattle``)."""
    near = [p.index for p in getattr(world, "props", ()) if p.type.rattle > 0.0]
    if not near:
        return None
    lead = world.student_pos(world.lead_student)
    pos = world.bodies.pos[near]
    close = (pos[:, 0] - lead[0]) ** 2 + (pos[:, 1] - lead[1]) ** 2 <= CASTERS_NEAR_PX ** 2
    if not close.any():
        return None
    vel = world.bodies.vel[near][close]
    speed = float((vel[:, 0] ** 2 + vel[:, 1] ** 2).max() ** 0.5)
    return speed, "RATTLING" if speed > RATTLE_QUIET else "ease off" if speed > CASTERS_EASE else "quiet"


class Hud:
    """Draws the HUD; ``noise`` (0..1) is set by the play scene from the squad's recent sounds."""

    def __init__(self, atlas: Atlas) -> None:
        self.atlas = atlas
        self.panels = PanelPainter(atlas)
        self._fonts: dict[int, pygame.font.Font] = {}
        # (text, size, colour) -> (text, shadow) surfaces: the HUD's words change a few times a
        # second at most, and rendering them afresh cost ~0.05 ms each, a dozen per frame
        self._texts: dict[tuple, tuple[pygame.Surface, pygame.Surface]] = {}
        self.objective_rect = pygame.Rect(0, 0, 0, 0)  # where the last frame's objective went
        # where the last frame's bottom panels went (screen px; zero-sized before the first)
        self.squad_rect = self.noise_rect = self.casters_rect = self.special_rect = pygame.Rect(0, 0, 0, 0)
        self.top_rect = pygame.Rect(0, 0, 0, 0)  # the objective bar across the top
        self.key_names: dict[str, str] = {}  # the player's own controls for "E", "C"... (Prompts.key_names)
        self._fits: dict[tuple[str, int], tuple[str, int]] = {}  # (objective, width) -> (text, size)
        self._shown_score = (-1, 0)  # (tick, score) an endless level's score was last worked out at
        self.star_label = ""  # an endless level's next star, as the top bar says it ("star 2 at 5:00")
        self.hold_label = ""  # a hold objective's countdown, as the top bar says it ("hold 0:42")
        self.deadline_label = ""  # the opening's timed sound to come ("radio in 0:12"; see OPENING_DEADLINE_SECONDS)
        self.lure_label = ""  # a sound a station set off, while it sounds ("PA speaker stops in 0:18"; see lure_left)
        # What the player must let go of before the new lead moves ("the keys"; "": nothing held
        # back), as the play scene reads it from HumanInput.held_back_by each frame; and the line
        # under the top bar that says so, as the last frame drew it ("" when none).
        self.held_back_by = ""
        self.held_back_label = ""

    def font(self, size: int) -> pygame.font.Font:
        """pygame's default font at a size (cached per HUD)."""
        f = self._fonts.get(size)
        if f is None:
            f = self._fonts[size] = pygame.font.Font(None, size)
        return f

    def fit(self, s: str, width: int) -> tuple[str, int]:
        """The objective line at the largest size (28 down to ``OBJECTIVE_MIN_SIZE``) that fits
        ``width`` px; else without the level's title ("Title  -  objective": the pause screen
        names the level); else cut to fit with "...": a long objective (Construction-Site's
        last one) ran under the timer and off the panel."""
        fitted = self._fits.get((s, width))
        if fitted is None:
            if len(self._fits) > 32:
                self._fits.clear()
            fitted = self._fits[(s, width)] = self._fit(s, width)
        return fitted

    def _fit(self, s: str, width: int) -> tuple[str, int]:
        for size in range(28, OBJECTIVE_MIN_SIZE - 1, -2):
            if self.font(size).size(s)[0] <= width:
                return s, size
        _, dash, objective = s.partition(TITLE_DASH)
        if dash and objective:  # the level's title goes before the objective is cut: a playtester
            return self._fit(objective, width)  # read "...(or pull the tower down..." on the Site
        font = self.font(OBJECTIVE_MIN_SIZE)
        words = s.split(" ")
        while len(words) > 1 and font.size(" ".join(words) + "...")[0] > width:
            words.pop()
        return " ".join(words).rstrip(",;:-") + "...", OBJECTIVE_MIN_SIZE

    def _text(self, surface: pygame.Surface, s: str, size: int, pos: tuple[int, int], colour=INK, anchor="topleft") -> pygame.Rect:
        key = (s, size, tuple(colour))
        pair = self._texts.get(key)
        if pair is None:
            if len(self._texts) > 256:  # a timer makes a new string every second: stay small
                self._texts.clear()
            pair = self._texts[key] = (self.font(size).render(s, True, colour),
                                       self.font(size).render(s, True, (0, 0, 0)))
        img, shadow = pair
        rect = img.get_rect(**{anchor: pos})
        surface.blit(shadow, rect.move(1, 1))
        surface.blit(img, rect)
        return rect

    def _icon(self, surface: pygame.Surface, name: str, x: int, y: int, scale: float = 1.5) -> None:
        if name in self.atlas:
            surface.blit(self.atlas.scaled(name, scale), (x, y))

    @staticmethod
    def _bar(surface: pygame.Surface, rect: pygame.Rect, frac: float, colour) -> None:
        pygame.draw.rect(surface, (20, 18, 22), rect)
        inner = rect.inflate(-2, -2)
        inner.w = int(inner.w * max(0.0, min(1.0, frac)))
        if inner.w > 0:
            pygame.draw.rect(surface, colour, inner)
        pygame.draw.rect(surface, (70, 64, 60), rect, 1)

    def draw(self, surface: pygame.Surface, world, objective: str, noise: float) -> None:
        """The whole HUD for one frame."""
        w, h = surface.get_size()
        # top: objective and timer
        top = self.top_rect = pygame.Rect(12, 8, w - 24, 40)
        self.panels.draw(surface, top)
        spec = getattr(world, "spec", None)
        endless = getattr(spec, "endless", None)
        # An endless night has no clock to beat: its timer counts how long the squad has held.
        limit = 0 if endless is not None else getattr(spec, "time_limit_seconds", 0) or 0
        left = max(0.0, limit - world.sim_seconds) if limit else world.sim_seconds
        mins, secs = divmod(int(left), 60)
        colour = (235, 90, 70) if limit and left < 30 else INK
        timer = self._text(surface, f"{mins}:{secs:02d}", 32, (top.right - 16, top.centery), colour, "midright")
        room = timer.left
        # A hold's own countdown beside the level's clock. Played by hand, the Classroom's and the
        # Site's "hold until the drones come" gave no sign of how long was left: the clock at the
        # right counts down to the level's limit, not to the drones.
        objectives = getattr(world, "objectives", None)
        hold = objectives.hold_left(world, world.tick) if objectives is not None and endless is None else None
        self.hold_label = "" if hold is None else "hold {}:{:02d}".format(*divmod(math.ceil(hold), 60))
        if self.hold_label:
            chip = self._text(surface, self.hold_label, 24, (timer.left - 24, top.centery),
                              HOLD_NEAR_INK if hold <= HOLD_NEAR_SECONDS else INK, "midright")
            room = chip.left
        deadline = opening_deadline(world)
        self.deadline_label = "" if deadline is None else "{} in {}:{:02d}".format(
            deadline[0], *divmod(math.ceil(deadline[1]), 60))
        if self.deadline_label:
            chip = self._text(surface, self.deadline_label, 24, (room - 24, top.centery), DEADLINE_INK, "midright")
            room = chip.left
        lure = lure_left(world) if endless is None else None
        self.lure_label = "" if lure is None else "{} stops in {}:{:02d}".format(lure[0], *divmod(math.ceil(lure[1]), 60))
        if self.lure_label:
            chip = self._text(surface, self.lure_label, 24, (room - 24, top.centery), LURE_INK, "midright")
            room = chip.left
        if endless is not None:
            score = self._text(surface, f"score {self._score(world)}", 24, (timer.left - 24, top.centery), SCORE_INK, "midright")
            # The night's goal at a glance: the next star's time (the ticker says each as it comes).
            times = endless.star_seconds
            got = sum(1 for t in times if world.sim_seconds >= t)
            self.star_label = f"star {got + 1} at {whole_clock(times[got])}" if got < len(times) else f"all {len(times)} stars"
            star = self._text(surface, self.star_label, 22, (score.left - 24, top.centery),
                              DIM if got < len(times) else SCORE_INK, "midright")
            room = star.left
        text, size = self.fit(objective, room - 16 - (top.x + 16))
        self.objective_rect = self._text(surface, text, size, (top.x + 16, top.centery), INK, "midleft")
        self._draw_work(surface, world, top)
        self._draw_squad(surface, world, h)
        noise_box = self.noise_rect = self._draw_noise(surface, world, w, h, noise)
        self._draw_casters(surface, world, noise_box)
        self._draw_special(surface, world, self.casters_rect if self.casters_rect.h else noise_box)
        # screen px: the highest of the bottom panels (squad, noise, casters, the move) this frame
        self.bottom_panels_top = min(self.squad_rect.top, noise_box.top,
                                     self.casters_rect.top if self.casters_rect.h else noise_box.top,
                                     self.special_rect.top if self.special_rect.h else noise_box.top)

    def _score(self, world) -> int:
        """An endless level's score so far, as of the last quarter second (a new number every
        frame would be a new text to draw every frame)."""
        tick = world.tick - world.tick % SCORE_EVERY_TICKS
        if self._shown_score[0] != tick:
            standing = getattr(world, "standing_ticks", 0)
            killed = getattr(getattr(world, "horde", None), "killed_total", 0)
            self._shown_score = (tick, endless_score(standing, killed))
        return self._shown_score[1]

    def _draw_special(self, surface: pygame.Surface, world, below: pygame.Rect) -> None:
        """Over the other bottom-right panels, while the lead has a move of its own (On-jo's
        extinguisher, Cheong-san's taunt): its key, its name, the uses left, and a bar that
        fills as it gets ready again."""
        self.special_rect = pygame.Rect(below.x, below.y, 0, 0)
        lead = world.lead_student
        kind = special_of(lead.id)
        if not kind or not lead.alive:
            return
        box = pygame.Rect(below.x, below.y - 6 - 40, below.w, 40)
        self.special_rect = box
        self.panels.draw(surface, box)
        left = int(getattr(lead, "special_charges", -1))
        wait = int(getattr(lead, "special_cooldown", 0))
        ready = left != 0 and wait <= 0
        key = name_keys("C", self.key_names)
        self._text(surface, key, 22, (box.x + 12, box.centery), KEY_INK if ready else DIM, "midleft")
        label = SPECIAL_NAMES[kind] + (f"  x {left}" if left >= 0 else "")
        text = self._text(surface, label, 20, (box.x + 44, box.centery), INK if ready else DIM, "midleft")
        if left != 0 and wait > 0:
            bar = pygame.Rect(text.right + 10, box.centery - 5, max(20, box.right - 12 - text.right - 10), 10)
            self._bar(surface, bar, 1.0 - wait / COOLDOWN_TICKS[kind], (150, 190, 230))

    def _draw_work(self, surface: pygame.Surface, world, top: pygame.Rect) -> None:
        """While a student works a station (hold E and keep still: a key box, a padlock), a bar
        under the objective shows how far along it is: a station can sit under the top panel or
        in the dark, and without it nothing shows that E took hold, or that a step undid it."""
        director = getattr(world, "director", None)
        working = [st for st in getattr(director, "stations", ()) if st.user]
        self.work_rect = pygame.Rect(top.x, top.bottom, 0, 0)  # where the bar went (none: under the top bar)
        if self._draw_held_back(surface, world, top):
            return
        if not working:
            self._draw_gathering(surface, world, top)
            return
        st = working[0]
        frac = director.station_progress(st.spec.id)
        # The seconds left too: at Storm's key box (20 s) a playtester saw 18 % after 3.5 s and
        # took it for stuck.
        left = math.ceil(director.station_seconds_left(st.spec.id)) if hasattr(director, "station_seconds_left") else 0
        label = f"{st.spec.id.replace('-', ' ')}: keep still" + (f", {left} s" if left else "")
        box = pygame.Rect(0, 0, max(300, self.font(20).size(label)[0] + 20 + 110), 34)  # the words, then the bar
        box.midtop = (top.centerx, top.bottom + 6)
        self.work_rect = box
        self.panels.draw(surface, box)
        self._text(surface, label, 20, (box.x + 10, box.centery), INK, "midleft")
        self._bar(surface, pygame.Rect(box.right - 110, box.centery - 6, 100, 12), frac, (236, 200, 90))

    def _draw_held_back(self, surface: pygame.Surface, world, top: pygame.Rect) -> bool:
        """After the lead fell with a move held, while it is still held (``held_back_by``): who
        leads now and that the keys must be let go before they move, in the station bar's place
        (it goes as the keys are let go: seconds at most, and the thing to know right then).
        HumanInput holds the move back on purpose (a player holding a key walked five leads in a
        row into one crowd), but a playtester saw the new lead stand still and took it for a
        bug. Returns whether it was drawn."""
        lead = world.lead_student
        self.held_back_label = ""
        if not self.held_back_by or not lead.alive:
            return False
        who = f"{display_name(lead.id)} leads now - "
        what = f"let go of {self.held_back_by}, then {'press' if self.held_back_by == 'the keys' else 'push'} again to move"
        self.held_back_label = who + what
        font = self.font(22)
        box = pygame.Rect(0, 0, min(font.size(self.held_back_label)[0] + 24, top.w), 34)
        box.midtop = (top.centerx, top.bottom + 6)
        self.work_rect = box
        self.panels.draw(surface, box)
        name = self._text(surface, who, 22, (box.x + 12, box.centery), INK, "midleft")
        self._text(surface, what, 22, (name.right, box.centery), KEY_INK, "midleft")
        return True

    def _draw_gathering(self, surface: pygame.Surface, world, top: pygame.Rect) -> None:
        """While the lead stands in a place the whole squad must reach (a marker, the pen, the
        exit) and some are not in it yet: who the level is waiting for. A playtester stood in
        Yellow Markers' sandbag pen with two friends still on the road and nothing said that
        everyone had to be inside; a friend told to hold (F) stays out until called."""
        waiting = gathering(world)
        if not waiting:
            return
        inside, total = waiting[0], waiting[1]
        names = ", ".join(display_name(s.id) + (f" (holding: {name_keys('F', self.key_names)})" if getattr(s, "hold", False) else "")
                          for s in waiting[2])
        # "in" the exit; "here" at a zone or marker: at the Quiet Corridor's bend "everyone in" read
        # to a playtester as the end of the level
        where = "in" if world.objectives.gather_area().kind == "reach-exit" else "here"
        label = f"everyone {where}: waiting for {names}"
        count = f"{inside} of {total}"
        font = self.font(20)
        width = font.size(label)[0] + font.size(count)[0] + 44
        box = pygame.Rect(0, 0, min(width, top.w), 34)
        box.midtop = (top.centerx, top.bottom + 6)
        self.work_rect = box
        self.panels.draw(surface, box)
        self._text(surface, label, 20, (box.x + 12, box.centery), INK, "midleft")
        self._text(surface, count, 20, (box.right - 12, box.centery), KEY_INK, "midright")

    def _draw_squad(self, surface: pygame.Surface, world, h: int) -> None:
        students = world.students
        row_h = 30
        # The hearts sit right of the longest name: at a fixed 110 px, "> Cheong-san" (lead) ran
        # under its heart and read "Cheong-sar" (played by hand, Construction-Site Stand).
        name_w = max((self.font(22).size("> " + display_name(s.id))[0] for s in students), default=0)
        dx = max(0, 10 + name_w + SQUAD_NAME_GAP_PX - 110)  # px the columns move right
        # a column for arrows when someone carries a bow (Ha-ri): how many shots are left
        bows = any(getattr(s, "weapon", "") == "bow" for s in students)
        hungry = any(getattr(s, "halfbie", False) for s in students)  # a column for a halfbie's hunger
        box = pygame.Rect(12, h - 16 - 12 - row_h * len(students),
                          300 + dx + (ARROW_COLUMN_PX if bows or hungry else 0), row_h * len(students) + 16)
        self.squad_rect = box
        self.panels.draw(surface, box)
        for i, s in enumerate(students):
            y = box.y + 8 + i * row_h
            lead = i == world.lead
            colour = (255, 236, 140) if lead else (INK if s.alive else DIM)
            self._text(surface, ("> " if lead else "  ") + display_name(s.id), 22, (box.x + 10, y + 6), colour)
            if not lead and s.alive and getattr(s, "hold", False):  # told to hold (F): a pause mark
                for bar_x in (box.x + 4, box.x + 9):  # (ending 6 px before the name, which starts at +18)
                    surface.fill(DIM, (bar_x, y + 9, 3, 10))
            self._icon(surface, "ui.heart", box.x + dx + 110, y + 2, 1.5)
            infected = (getattr(s, "infected_ticks", 0) or 0) if s.alive else 0
            if infected > 0:  # turning: the countdown where the health bar was (health no longer saves them)
                self._text(surface, f"turns {math.ceil(infected / TICK_HZ)}s", 20, (box.x + dx + 134, y + 1), TURNING_INK)
            else:
                self._bar(surface, pygame.Rect(box.x + dx + 136, y + 4, 60, 9), s.health if s.alive else 0.0, (210, 70, 70))
            self._icon(surface, "ui.stamina", box.x + dx + 200, y + 2, 1.5)
            # (a friend lost has no stamina left to show: a full green bar read as still running)
            self._bar(surface, pygame.Rect(box.x + dx + 226, y + 4, 60, 9), s.stamina if s.alive else 0.0,
                      (200, 110, 60) if s.exhausted else (90, 200, 120))
            if bows and getattr(s, "weapon", "") == "bow":
                left = int(getattr(s, "arrows", 0))
                colour = INK if left and s.alive else DIM
                x0, yy = box.x + dx + 296, y + 8
                pygame.draw.line(surface, colour, (x0, yy + 6), (x0 + 12, yy - 2), 2)  # an arrow, point up-right
                pygame.draw.polygon(surface, colour, [(x0 + 14, yy - 4), (x0 + 8, yy - 3), (x0 + 13, yy + 2)])
                self._text(surface, str(left), 20, (x0 + 18, y + 4), colour)
            if getattr(s, "halfbie", False) and s.alive:
                self._draw_hunger(surface, pygame.Rect(box.x + dx + 296, y + 4, HUNGER_BAR_PX, 9), s, world.tick)

    def _draw_hunger(self, surface: pygame.Surface, rect: pygame.Rect, student, tick: int) -> None:
        """A halfbie's hunger meter in ``rect``: fills while she is kept close to the others; red,
        blinking twice a second, while she is starving (and growling); a notch where she calms."""
        starving = bool(getattr(student, "starving", False))
        colour = (STARVING_INK if (tick // 15) % 2 == 0 else DIM) if starving else HUNGER_INK
        self._bar(surface, rect, float(getattr(student, "hunger", 0.0)), colour)
        notch = rect.x + round(rect.w * CALM_BELOW)
        surface.fill(INK, (notch, rect.y - 2, 1, rect.h + 4))
        # Its name under it: a playtester saw a purple bar by Nam-ra's name and could not say what
        # it measured. While she growls it says so, in the bar's red.
        self._text(surface, "growling" if starving else "hunger", 14, (rect.centerx, rect.bottom + 2),
                   STARVING_INK if starving else DIM, "midtop")

    def _draw_casters(self, surface: pygame.Surface, world, below: pygame.Rect) -> None:
        """Over the noise meter, while the lead is in or at a trolley: how fast it rolls, against
        the speed its casters start to rattle at (the white line), and a word for it."""
        reading = casters(world)
        self.casters_rect = pygame.Rect(below.x, below.y, 0, 0)
        if reading is None:
            return
        speed, state = reading
        box = pygame.Rect(below.x, below.y - 6 - 40, below.w, 40)
        self.casters_rect = box
        self.panels.draw(surface, box)
        colour = CASTERS_COLOURS[state]
        self._text(surface, "casters", 20, (box.x + 10, box.centery), DIM, "midleft")
        bar = pygame.Rect(box.x + 66, box.centery - 7, 90, 14)
        self._bar(surface, bar, speed / CASTERS_FULL, colour)
        quiet_x = bar.x + 1 + round((bar.w - 2) * RATTLE_QUIET / CASTERS_FULL)
        pygame.draw.line(surface, INK, (quiet_x, bar.y - 3), (quiet_x, bar.bottom + 2), 2)
        self._text(surface, state, 20, (bar.right + 8, box.centery), colour, "midleft")

    def _draw_noise(self, surface: pygame.Surface, world, w: int, h: int, noise: float) -> pygame.Rect:
        phones = getattr(world, "phones_left", None)  # phones the squad can still throw
        # Whether the phone torch is on: played by hand, nothing but its beam said so, and a
        # player who pressed T to find the key (it starts off) lit the squad up unawares.
        torch = bool(getattr(getattr(world, "sky", None), "torch_state", None))
        row = phones is not None or torch
        box = pygame.Rect(w - 12 - 260, h - 12 - (76 if row else 46), 260, 76 if row else 46)
        self.panels.draw(surface, box)
        self._icon(surface, "ui.noise", box.x + 10, box.y + 10, 1.6)
        frac = max(0.0, min(1.0, noise))
        self._bar(surface, pygame.Rect(box.x + 44, box.y + 14, 160, 14), frac, ring_colour(frac * 900.0))
        self._text(surface, "noise", 20, (box.x + 212, box.y + 14), DIM)
        if phones is not None:
            count = int(phones)
            self._icon(surface, "ui.phone", box.x + 10, box.y + 42, 1.6)
            self._text(surface, f"x {count}", 24, (box.x + 44, box.y + 46), INK if count else DIM)
        if torch:
            on = bool(world.sky.torches)
            self._text(surface, "torch ON (T)" if on else "torch off (T)", 20, (box.x + 110, box.y + 48),
                       TORCH_ON if on else DIM)
        return box
