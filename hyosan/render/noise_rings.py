"""Visible noise: every ``Sound`` event becomes a ring that grows to its loudness, so what the
horde hears, the player sees. Cosmetic only; fed from the events the play scene collects."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pygame

from ..sim.events import Bitten, Fell, Sound
from ..sim.units import TILE_PX
from .callouts import clear_of
from .camera import Camera
from .names import display_name, id_words
from .spots import least_hidden

GROW_SECONDS = 0.6  # a ring reaches its full radius (the loudness, px) in this time
FADE_SECONDS = 0.35  # then fades out over this long
CAPTION_LOUDNESS = 300.0  # px: sounds at least this loud get a caption
CAPTION_SECONDS = 1.6
# px (world): a caption is not repeated for the same words this close while the first still
# shows. Played by hand, the trolley box's twelve rattles wrote "rattle - last stretch" eight
# times over the squad, and the drones wrote "drone" three times in a stack.
CAPTION_MERGE_PX = 200.0
# screen px from the sound to a caption's top, in the order tried: just above it (where it always
# went), higher, then below
# px: the highest a caption's top may sit, clear of the HUD's top bar (y 8-48). At 40, a PA
# speaker's caption on the auditorium night was cut in half under the bar.
CAPTION_TOP_PX = 52
CAPTION_OVER_CAPTION = 1000  # zombies' worth: a caption is never put over another while any spot is free
CAPTION_OFFSETS = (-40, -96, 44)
# ...then the same rows a step to the left and to the right (a step: the caption's width and
# CAPTION_GAP_PX), still beside the sound, for a caption whose rows over it are all taken
CAPTION_SIDE_STEPS = (0, -1, 1)
CAPTION_GAP_PX = 8
MAX_RINGS = 160  # a burst never costs more than this many circles a frame
# A sound inside a ring still growing from about the same place, and no louder than it, adds no
# ring of its own: the ring already says it. Played by hand, the trolley box's rattles (one a
# step), four students' steps and the alarm drew a wall of concentric rings over the squad and
# the crowd at the moment it mattered most. "About the same place": within ABSORB_SHARE of the
# ring's loudness, at least ABSORB_MIN_PX (px, world).
ABSORB_SHARE = 0.25
ABSORB_MIN_PX = 32.0
ABSORB_LOUDER = 1.25  # a sound up to this much louder than the growing ring is still absorbed

CAPTIONS = {
    "pa": "PA speaker", "door": "door slam", "crash": "crash", "alarm": "alarm", "phone": "phone ringing",
    "scream": "scream", "drone": "drone", "melee": "fighting", "shove": "shove", "glass": "glass breaks",
    "sprint-step": "running feet", "walk-step": "footsteps", "thunder": "thunder", "throw": "noise-maker",
    "taunt": "shouting", "spray": "extinguisher", "sing": "singing", "helicopter": "helicopter",
}


def ring_colour(loudness: float) -> tuple[int, int, int]:
    """Green under 100 px, yellow under 300, orange under 700, red above."""
    if loudness < 100:
        return (110, 220, 120)
    if loudness < 300:
        return (240, 220, 90)
    if loudness < 700:
        return (245, 150, 60)
    return (235, 60, 50)


# What a student does, said with their name: a playtester read Storm's followers' "scream —
# south walk" as a zombie's, and never knew the squad itself had brought the crowd. A scream is
# a bite's, a fall's or a fright's (a follower alone with one of them close): another read
# "Mi-jin screams" as a bite when it was fright, so the caption says which.
# (a halfbie's hunger growl too: "growl — marker 4" read to a playtester as the marker's growl)
STUDENT_VERBS = {"scream": "panics", "taunt": "shouts", "sing": "sings", "growl": "growls"}
SCREAM_WHY = {"bitten": "is bitten", "fell": "falls"}


def caption_for(sound: Sound, place: str | None = None, name: str = "", student: str = "", why: str = "") -> str:
    """A short human caption for a loud sound ("PA speaker", "door slam"…), with where it is
    when the level names that place ("PA speaker — west wing"). ``name``, the level's own
    caption for its source ("siren"), replaces the kind's; ``student``, the name of the student
    who made it, says who ("Nam-ra panics"), and ``why`` ("bitten", "fell") why they screamed."""
    base = name or CAPTIONS.get(sound.kind) or CAPTIONS.get(sound.kind.split("-")[0]) or sound.kind.replace("-", " ")
    if student and sound.kind in STUDENT_VERBS:
        base = f"{student} {SCREAM_WHY.get(why, STUDENT_VERBS[sound.kind])}"
    return f"{base} \u2014 {place}" if place else base



Place = tuple[str, tuple[float, float, float, float]]  # (name, (x0, y0, x1, y1) px)


def level_places(spec) -> list[Place]:
    """A level's named zones as places a caption or a ticker line can name ("west wing")."""
    # (as id_words: "storeroom-d" reads "storeroom D", where "storeroom d" looked cut off)
    return [(id_words(z.id), tuple(v * TILE_PX for v in z.rect)) for z in getattr(spec, "zones", ())]


def place_of(places: Sequence[Place], x: float, y: float) -> str | None:
    """The name of the smallest named place containing (x, y) px (the most specific), or None."""
    best: tuple[float, str] | None = None
    for name, (x0, y0, x1, y1) in places:
        if x0 <= x <= x1 and y0 <= y <= y1:
            area = (x1 - x0) * (y1 - y0)
            if best is None or area < best[0]:
                best = (area, name)
    return best[1] if best else None


@dataclass
class Ring:
    """One expanding ring: where, how loud (final radius, px), and its age (s)."""

    x: float
    y: float
    loudness: float
    caption: str = ""
    age: float = 0.0

    @property
    def radius(self) -> float:
        """Current radius (px): eases out toward the loudness."""
        k = min(1.0, self.age / GROW_SECONDS)
        return self.loudness * (1.0 - (1.0 - k) ** 2)

    @property
    def opacity(self) -> float:
        """1 while growing, then down to 0 over the fade."""
        if self.age <= GROW_SECONDS:
            return 1.0
        return max(0.0, 1.0 - (self.age - GROW_SECONDS) / FADE_SECONDS)

    @property
    def alive(self) -> bool:
        """Still drawing a ring or a caption."""
        return self.age < GROW_SECONDS + FADE_SECONDS or (self.caption != "" and self.age < CAPTION_SECONDS)


class NoiseRings:
    """The active rings; feed it each frame's events, update with real time, then draw."""

    @classmethod
    def for_world(cls, world, captions: bool = True) -> NoiseRings:
        """Rings captioned as the level words them: its zones as places, its sounds' own
        captions ("staff radio"), its students by name ("Nam-ra panics"). The window and
        ``playtest --frames`` both (frames said "radio" where the level said "staff radio")."""
        names = {s.id: s.caption for s in getattr(world.spec, "sounds", ()) if s.caption}
        return cls(captions, level_places(world.spec), names, {s.id: display_name(s.id) for s in world.students})

    def __init__(self, captions: bool = True, places: Sequence[Place] = (), names: Mapping[str, str] | None = None,
                 students: Mapping[str, str] | None = None) -> None:
        self.rings: list[Ring] = []
        self.captions = captions
        self.places = tuple(places)  # the level's named zones, so a caption can say where
        self.names = dict(names or {})  # sound source id -> the level's caption for it ("siren")
        self.students = dict(students or {})  # student id -> display name ("Nam-ra panics")
        self._overlay: pygame.Surface | None = None
        self._dirty = pygame.Rect(0, 0, 0, 0)  # the overlay's part the last frame drew on (screen px)
        self.caption_rects: list[pygame.Rect] = []  # where the last frame put its captions (screen px)
        self._captions: dict[tuple[pygame.font.Font, str, tuple[int, int, int]], tuple[pygame.Surface, pygame.Surface]] = {}

    def feed(self, events: list) -> None:
        """Start a ring for every Sound among the events."""
        # who was bitten or fell in these events: their scream says so, not fright
        why = {e.student: "bitten" for e in events if isinstance(e, Bitten)}
        why.update({e.student: "fell" for e in events if isinstance(e, Fell) and e.student})
        for e in events:
            if isinstance(e, Sound) and e.loudness > 0:
                cap = ""
                if self.captions and e.loudness >= CAPTION_LOUDNESS:
                    cap = caption_for(e, place_of(self.places, e.x, e.y), self.names.get(e.source, ""),
                                      self.students.get(e.source, ""), why.get(e.source, ""))
                    if any(r.caption == cap and r.age < CAPTION_SECONDS and abs(r.x - e.x) < CAPTION_MERGE_PX
                           and abs(r.y - e.y) < CAPTION_MERGE_PX for r in self.rings):
                        cap = ""  # the same words already show here: the ring alone
                if not cap and self._absorbed(e.x, e.y, e.loudness):
                    continue
                self.rings.append(Ring(e.x, e.y, e.loudness, cap))
        if len(self.rings) > MAX_RINGS:
            del self.rings[: len(self.rings) - MAX_RINGS]

    def _absorbed(self, x: float, y: float, loudness: float) -> bool:
        """Whether a ring still growing near (x, y) px, about as loud, already shows this sound."""
        for r in self.rings:
            if r.age < GROW_SECONDS and loudness <= r.loudness * ABSORB_LOUDER:
                reach = max(ABSORB_MIN_PX, ABSORB_SHARE * r.loudness)
                if (r.x - x) ** 2 + (r.y - y) ** 2 <= reach * reach:
                    return True
        return False

    def update(self, seconds: float) -> None:
        """Age the rings and drop the finished ones."""
        for r in self.rings:
            r.age += seconds
        self.rings = [r for r in self.rings if r.alive]

    def draw(self, surface: pygame.Surface, camera: Camera, font: pygame.font.Font | None = None,
             avoid: Callable[[pygame.Rect], int] | None = None, panels: Sequence[pygame.Rect] = (),
             keep_off: Callable[[pygame.Rect], int] | None = None) -> None:
        """Draw the rings (translucent, one overlay blit) and, given a ``font``, the captions
        (``draw_captions``; the window draws them later, after the words placed before them).

        Only the part of the overlay the rings drew on is cleared and blitted: footsteps keep a
        ring or two alive most of the time, and a whole 1280x720 overlay cost ~1.5 ms a frame
        (fill and alpha blit) for a few small circles. The rest of the overlay is transparent,
        so leaving it out changes no pixel."""
        if not self.rings:
            return
        size = surface.get_size()
        if self._overlay is None or self._overlay.get_size() != size:
            self._overlay = pygame.Surface(size, pygame.SRCALPHA)
            self._overlay.fill((0, 0, 0, 0))
            self._dirty = pygame.Rect(0, 0, 0, 0)
        overlay = self._overlay
        overlay.fill((0, 0, 0, 0), self._dirty)  # what the last frame drew
        drawn: list[pygame.Rect] = []
        for r in self.rings:
            op = r.opacity
            if op <= 0:
                continue
            sx, sy = camera.to_screen(r.x, r.y)
            rad = r.radius * camera.scale
            if rad < 2:
                continue
            colour = ring_colour(r.loudness)
            drawn.append(pygame.draw.circle(overlay, (*colour, int(200 * op)), (sx, sy), rad, 3))
            if rad > 8:
                drawn.append(pygame.draw.circle(overlay, (*colour, int(60 * op)), (sx, sy), rad - 5, 2))
        drawn = [d for d in drawn if d.w and d.h]  # a ring wholly off screen changed nothing
        dirty = drawn[0].unionall(drawn[1:]).clip(overlay.get_rect()) if drawn else pygame.Rect(0, 0, 0, 0)
        if dirty.w and dirty.h:
            surface.blit(overlay, dirty.topleft, dirty)
        self._dirty = dirty
        self.caption_rects = []
        if font is not None:
            self.draw_captions(surface, camera, font, avoid, panels, keep_off)

    def draw_captions(self, surface: pygame.Surface, camera: Camera, font: pygame.font.Font,
                      avoid: Callable[[pygame.Rect], int] | None = None, panels: Sequence[pygame.Rect] = (),
                      keep_off: Callable[[pygame.Rect], int] | None = None) -> list[pygame.Rect]:
        """The captions, newest first, each at the first of its places (``CAPTION_OFFSETS`` round
        the sound, then a step to either side) that is clear: off ``panels`` (screen px: the HUD's
        panels and the words already placed, as a prompt's label), off the captions placed before
        it, and, with ``keep_off`` (``WorldView.squad_under``), off every student, name tag and
        door mark; then those places under a panel moved the least way off it (``clear_of``). Of
        the clear places, the one that hides the fewest zombies (``avoid``:
        ``WorldView.bodies_under``), the earlier on a tie. A caption with no clear place is left
        out: the ring says it, and the ticker says the news. Returns where they went (also
        ``caption_rects``)."""
        size = surface.get_size()
        self.caption_rects = []
        said: list[tuple[str, pygame.Rect]] = []  # (words, where) of the captions drawn so far this frame
        fixed = [p for p in panels if p.w and p.h]
        bounds = pygame.Rect(4, CAPTION_TOP_PX, size[0] - 8, size[1] - CAPTION_TOP_PX - 4)

        def blocked(rect: pygame.Rect) -> bool:  # a panel, a word or a caption there, or the squad
            # (a HUD panel counts as a caption: "drone" sat half under the noise panel, played by hand)
            return (rect.collidelist(fixed) >= 0 or rect.collidelist(self.caption_rects) >= 0
                    or (keep_off is not None and keep_off(rect) > 0))

        def hides(rect: pygame.Rect) -> int:  # zombies under it, and whatever blocks it
            return (avoid(rect) if avoid is not None else 0) + CAPTION_OVER_CAPTION * blocked(rect)

        for r in reversed(self.rings):  # newest first: in a crowd of captions the latest news is kept
            if not r.caption:
                continue
            sx, sy = camera.to_screen(r.x, r.y)
            img, back = self._caption(font, r.caption, ring_colour(r.loudness))
            w = back.get_width()
            spots = []
            for dx in CAPTION_SIDE_STEPS:
                x = min(max(sx - w / 2 + dx * (w + CAPTION_GAP_PX), 4), size[0] - w - 4)
                spots += [pygame.Rect(round(x), round(min(max(sy + dy, CAPTION_TOP_PX), size[1] - 60)), *back.get_size())
                          for dy in CAPTION_OFFSETS]
            if any(words == r.caption and spots[0].colliderect(where) for words, where in said):
                continue  # the same words on the same spot already: said once (a scream and its echo)
            # Last, each place under a HUD panel (or a word) moved the least way off it: the
            # Trolley's storeroom is below the view, every place of its "scream - storeroom" was
            # held at the screen's foot, and it was drawn half under the noise panel.
            spots += [moved for moved in (clear_of(spot, fixed, bounds) for spot in spots) if moved not in spots]
            # Above the sound, or further up, or below, then beside: the first place that hides
            # the fewest zombies (``avoid``: WorldView.bodies_under) and nothing that blocks it.
            # Played by hand in the storm, Ha-ri's scream's caption sat right over the zombie
            # biting her, the one thing to see; a scream and a splash together read "screamash".
            spot = least_hidden(spots, hides)
            if blocked(spot):
                # Every place is taken: the ring alone says it. A squad torn down in the storm
                # printed a dozen captions over one another ("N Su-hyeok is bitten - south walk"),
                # and one bitten in the Trolley's box had "is bitten", "joint break" and "rattle"
                # over the students and their names.
                continue
            said.append((r.caption, spot))
            self.caption_rects.append(spot)
            surface.blit(back, spot.topleft)
            surface.blit(img, (spot.x + 5, spot.y + 2))
        return self.caption_rects

    def _caption(self, font: pygame.font.Font, text: str, colour: tuple[int, int, int]) -> tuple[pygame.Surface, pygame.Surface]:
        """A caption's text and its dark backing, rendered once per (font, words, colour): a
        caption shows for ``CAPTION_SECONDS``, and rendering it anew cost every frame."""
        key = (font, text, colour)
        hit = self._captions.get(key)
        if hit is None:
            if len(self._captions) > 64:  # a level names few places; never grow without end
                self._captions.clear()
            img = font.render(text, True, colour)
            back = pygame.Surface((img.get_width() + 10, img.get_height() + 4), pygame.SRCALPHA)
            back.fill((0, 0, 0, 150))
            hit = self._captions[key] = (img, back)
        return hit
