"""What the menu screens stand on: the title's drifting backdrop, the 9-slice panels, and the
level plan with its key and objectives (the level select and the briefing both show it)."""

from __future__ import annotations

import numpy as np
import pygame

from ..content.schema import LevelSpec
from ..control.perceive import objective_spot
from ..render.atlas import Atlas
from ..render.hud import whole_clock
from ..render.level_plan import (
    EXIT_RGB,
    HORDE_RGB,
    MARKER_RGB,
    SQUAD_RGB,
    STATION_RGB,
    PlanPainter,
    draw_marker,
    has_trail_markers,
    objective_stations,
    student_dot_px,
    trail_of,
)
from ..render.panel import PanelPainter
from ..render.title_backdrop import TitleBackdrop
from ..sim.horde.horde import ATTACK, CHASE, INVESTIGATE
from ..sim.objectives import ENDLESS_TEXT, Objectives
from ..sim.units import TILE_PX
from .ui import DIM, INK, font, text


def objective_lines(level: LevelSpec) -> list[tuple[str, str]]:
    """(marker, text) for a level's objectives as menus list them: the required ones numbered
    in order ("1", "2"...), then the optional ones ("+")."""
    if level.endless is not None:
        return [("1", ENDLESS_TEXT)]
    tracker = Objectives(level)
    required = [o for o in tracker.items if not o.optional]
    return [(str(k), tracker.text(o)) for k, o in enumerate(required, 1)] + \
        [("+", tracker.text(o)) for o in tracker.items if o.optional]


def star_times(level: LevelSpec) -> str:
    """An endless level's stars in a few words: how long each asks the squad to hold out."""
    assert level.endless is not None
    return "stars at " + ", ".join(whole_clock(t) for t in level.endless.star_seconds)


def marked(marker: str, line: str) -> str:
    """"1. Do this" or "+ Optional: that"."""
    return f"+ {line}" if marker == "+" else f"{marker}. {line}"


HUNTER_RGB = (255, 96, 72)  # the pause map's zombies chasing or biting the squad now


def hunters_now(world) -> np.ndarray:
    """Positions (px, n x 2) of the zombies chasing or biting the squad now. The pause map's
    red is where the horde stood at the start; these are the ones a player has on their heels
    (they hear and see them coming), so showing them gives nothing away."""
    horde = getattr(world, "horde", None)
    if horde is None or horde.n == 0:
        return np.zeros((0, 2))
    return horde.pos[np.isin(horde.state, (CHASE, ATTACK))]  # live zombies only


# The pause map's zombies walking to a noise they heard: a duller orange under the hunters' red.
NOISE_BOUND_RGB = (214, 140, 60)
NOISE_NOW_RGB = (130, 200, 255)  # a ring on the pause map where a sound is going now (a phone, an alarm)


def sounding_now(world) -> list[tuple[float, float]]:
    """Where sounds are going now (px): thrown phones ringing, alarms, the PA, a drone. The
    crowd walking to a phone gathered on an unmarked spot of the pause map."""
    director = getattr(world, "director", None)
    if director is None:
        return []
    return [(em.x, em.y) for _, em in sorted(director.active.items()) if em.end_tick > world.tick]


def noise_bound_now(world) -> np.ndarray:
    """Positions (px, n x 2) of the zombies walking to a noise now (investigating). A playtester
    paused while a crowd streamed to a thrown phone, and the map showed only the few chasing:
    where the crowd is going is what the noise was for, and the player saw the rings that sent it."""
    horde = getattr(world, "horde", None)
    if horde is None or horde.n == 0:
        return np.zeros((0, 2))
    return horde.pos[horde.state == INVESTIGATE]


def spawner_names(level) -> list[tuple[str, float, float]]:
    """An endless level's spawn places by name, to write under them on the pause map: (name,
    x, y tiles: the middle of the place's foot). A spawner in a named zone goes by the zone's
    id, else by its own; a place the plan already names (a ``[[labels]]`` entry within a tile
    of it) is left out: The Roof's pause map printed "West stair" over "west stair"."""
    if level.endless is None:
        return []
    names = {tuple(z.rect): z.id for z in level.zones}
    out = []
    for zone in dict.fromkeys(tuple(sp.zone) for sp in level.spawners):
        x0, y0, x1, y1 = zone
        if any(x0 - 1 <= lb.at[0] <= x1 + 1 and y0 - 1 <= lb.at[1] <= y1 + 1 for lb in level.labels):
            continue
        name = names.get(zone) or next(sp.id for sp in level.spawners if tuple(sp.zone) == zone)
        out.append((name.replace("-", " "), (x0 + x1) / 2, y1))
    return out


class MenuChrome:
    """The backdrop (logo optional), a panel painter and a plan painter over one atlas, made
    on the first draw so building a scene stays cheap."""

    def __init__(self) -> None:
        self.backdrop: TitleBackdrop | None = None

    def _ready(self) -> TitleBackdrop:
        if self.backdrop is None:
            self.backdrop = TitleBackdrop()
            self.atlas: Atlas = self.backdrop.atlas
            self.panels = PanelPainter(self.atlas, scale=3)
            self.plans = PlanPainter(self.atlas)
        return self.backdrop

    def update(self, frame_seconds: float) -> None:
        """Drift the backdrop (once it exists)."""
        if self.backdrop is not None:
            self.backdrop.update(frame_seconds)

    def draw(self, surface: pygame.Surface, logo: bool = False) -> pygame.Rect:
        """The backdrop; returns the logo's rect (empty without the logo)."""
        return self._ready().draw(surface, logo=logo)

    def panel(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """A panel filling ``rect``."""
        self._ready()
        self.panels.draw(surface, rect)

    def star_row(self, surface: pygame.Surface, stars: int, topleft: tuple[int, int], scale: float,
                 gap: int) -> pygame.Rect:
        """Three star icons, ``stars`` of them filled, from ``topleft``; returns the row's rect."""
        self._ready()
        full, empty = self.atlas.scaled("ui.star.full", scale), self.atlas.scaled("ui.star.empty", scale)
        row = pygame.Rect(topleft, (3 * full.get_width() + 2 * gap, full.get_height()))
        for k in range(3):
            surface.blit(full if k < stars else empty, (row.x + k * (full.get_width() + gap), row.y))
        return row

    def squad_map(self, surface: pygame.Surface, world, rect: pygame.Rect, size: int) -> int:
        """The level's plan fitted in ``rect`` (top centred) with where the squad is now (the lead
        ringed) and the current objective's place, if it names one; a colour key under it.
        Returns the y below the key. For the pause screen: in the dark, or after a long fight,
        a player loses track of where the squad is and which way the objective lies."""
        self._ready()
        level = world.spec
        plan = self.plans.plan(level, rect.w, rect.h - 30, squad=False)
        frame = plan.get_rect(midtop=(rect.centerx, rect.y))
        surface.fill((6, 6, 8), frame.inflate(6, 6))
        surface.blit(plan, frame)
        cols = max((len(row) for row in level.map.rows), default=1)
        k = plan.get_width() / max(1, cols)  # px per tile

        def at(x: float, y: float) -> tuple[int, int]:  # world px -> screen px on the plan
            return round(frame.x + x / TILE_PX * k), round(frame.y + y / TILE_PX * k)

        dot = student_dot_px(k)
        tracker = getattr(world, "objectives", None)
        if tracker is not None and tracker.done:  # markers already reached: greyed over the plan's yellow
            reached = {o.zone for o in tracker.items if o.id in tracker.done and o.kind == "reach-zone"}
            for zid, x, y in trail_of(level):
                if zid in reached:
                    draw_marker(surface, at(x * TILE_PX, y * TILE_PX), dot + 1, reached=True)
        for name, x, y in spawner_names(level):  # where they come from, by name: the briefing names the stairs
            text(surface, name, max(14, size - 6), at(x * TILE_PX, y * TILE_PX + 2), INK, "midtop")
        heading = noise_bound_now(world)
        small = max(1, dot - 2)
        for x, y in heading:  # under the hunters: a zombie is one or the other, but dots overlap
            pygame.draw.circle(surface, (20, 10, 4), at(x, y), small + 1)  # dark edge: reads on the red fills
        for x, y in heading:
            pygame.draw.circle(surface, NOISE_BOUND_RGB, at(x, y), small)
        sounding = sounding_now(world)
        for x, y in sounding:
            pygame.draw.circle(surface, (6, 10, 16), at(x, y), dot + 4, 4)
            pygame.draw.circle(surface, NOISE_NOW_RGB, at(x, y), dot + 3, 2)
        hunting = hunters_now(world)
        for x, y in hunting:  # the plan's red is where they stood: these are after the squad now
            pygame.draw.circle(surface, (20, 6, 6), at(x, y), max(2, dot - 1) + 1)
            pygame.draw.circle(surface, HUNTER_RGB, at(x, y), max(2, dot - 1))
        spot = objective_spot(world)
        if spot is not None:  # a white ring: the squad's dots are the objective arrow's yellow
            pygame.draw.circle(surface, INK, at(spot[0], spot[1]), dot + 5, 2)
        for student in world.students:
            if student.alive:
                p = world.student_pos(student)
                pygame.draw.circle(surface, SQUAD_RGB, at(float(p[0]), float(p[1])), dot)
        lead = world.student_pos(world.lead_student)
        pygame.draw.circle(surface, INK, at(float(lead[0]), float(lead[1])), dot + 2, 1)
        keys = [(HORDE_RGB, "horde at the start", False), (SQUAD_RGB, "squad now", False), (EXIT_RGB, "way out", False)]
        if world.spec.endless is not None:
            keys = [(HORDE_RGB, "where they come from", False), (SQUAD_RGB, "squad now", False)]
        if len(heading):
            keys.insert(1, (NOISE_BOUND_RGB, "going to a noise", False))
        if sounding:
            keys.insert(1, (NOISE_NOW_RGB, "sounding now", True))
        if len(hunting):
            keys.insert(1, (HUNTER_RGB, "after you now", False))
        if has_trail_markers(level):
            keys.append((MARKER_RGB, "trail", "diamond"))
        if spot is not None:
            keys.append((INK, f"objective: {spot[2]}", True))
        lines = _key_row(surface, frame.x, frame.bottom + 7, keys, size - 2, right=rect.right)
        return frame.bottom + 7 + 26 + (lines - 1) * KEY_LINE_PX

    def plan_block(self, surface: pygame.Surface, level: LevelSpec, x: int, y: int, width: int, plan_h: int,
                   objectives: list[str], size: int, colour: tuple[int, int, int],
                   horde_words: str = "horde") -> int:
        """The level's plan centred in ``width`` (at most ``plan_h`` tall), its colour key, then
        "Objectives" and the given lines; returns the y below the last line."""
        self._ready()
        plan = self.plans.plan(level, width, plan_h)
        frame = plan.get_rect(midtop=(x + width // 2, y))
        surface.fill((6, 6, 8), frame.inflate(6, 6))
        surface.blit(plan, frame)
        y = frame.bottom + 7
        keys = [(HORDE_RGB, horde_words, False), (SQUAD_RGB, "squad", False), (EXIT_RGB, "way out", False)]
        if level.endless is not None:  # no way out; the red is where the night keeps coming from
            keys = [(HORDE_RGB, "where they come from", False), (SQUAD_RGB, "squad", False)]
        if has_trail_markers(level):
            keys.append((MARKER_RGB, "trail markers", "diamond"))
        if objective_stations(level):
            keys.append((STATION_RGB, "to use", True))
        lines = _key_row(surface, x, y, keys, size - 2, right=x + width)
        y += 26 + (lines - 1) * KEY_LINE_PX
        y = text(surface, "Objectives", size, (x, y), DIM, "topleft").bottom + 2
        for line in objectives:
            y = text(surface, line, size, (x, y), colour, "topleft").bottom
        return y


KEY_LINE_PX = 22  # px from one line of a plan's colour key to the next


def _key_row(surface: pygame.Surface, x: int, y: int, keys: list[tuple[tuple[int, int, int], str, bool | str]],
             size: int, right: int | None = None) -> int:
    """A plan's colour key from (x, y): per entry a square of its colour (a ring when the plan
    draws that thing as a ring, a diamond for a trail marker), then its words. An entry that
    would run past ``right`` (screen px) starts a new line: the pause map's seven entries ran
    off the panel and the screen. Returns how many lines it took."""
    left, lines = x, 1
    for colour, label, ring in keys:
        width = 17 + font(size).size(label)[0]
        if right is not None and x > left and x + width > right:
            x, y, lines = left, y + KEY_LINE_PX, lines + 1
        if ring == "diamond":
            draw_marker(surface, (x + 6, y + 10), 6)
        elif ring:
            pygame.draw.circle(surface, colour, (x + 6, y + 10), 6, 2)
        else:
            surface.fill(colour, (x, y + 4, 11, 11))
        x = text(surface, label, size, (x + 17, y), DIM, "topleft").right + 20
    return lines
