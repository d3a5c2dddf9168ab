"""Objectives, lose conditions, stars and the score of a level.

Objectives are done in order; the level is won when every non-optional one is done (optional
ones may be done along the way). A level without objectives has one: reach the exit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..content.schema import EndlessSpec, LevelSpec, ObjectiveSpec
from .tilemap import EXIT, SOLID_KINDS
from .trail import RIBBON_REACH_TILES, marker_spots
from .units import TICK_HZ, TILE_PX

DEFAULT_TEXT = {
    "reach-exit": "Reach the exit",
    "reach-zone": "Reach the marked area",
    "survive-seconds": "Survive",
    "use-station": "Use the station",
    "hold-until-event": "Hold on",
}
SURVIVOR_POINTS = 1000  # per student alive at the end
TIME_POINTS_PER_SECOND = 10  # per second under twice par
NOISE_PX_PER_POINT = 100.0  # every 100 px of squad loudness made costs a point
ENDLESS_TEXT = "Hold out as long as you can"  # an endless level's one aim
ENDLESS_POINTS_PER_SECOND = 10  # an endless level: per student still standing, every second
ENDLESS_POINTS_PER_ZOMBIE = 25  # an endless level: per zombie put down (a blow, a fall)


@dataclass(frozen=True, slots=True)
class LevelResult:
    """What the results screen and the progress file need."""

    outcome: str
    cause: str
    seconds: float
    survivors: int
    squad: int
    noise: float  # px of loudness the squad made, summed
    stars: int
    score: int
    kills: int = 0  # zombies put down (an endless level's results show it)


class Objectives:
    """Tracks the current objective and when each was done."""

    def __init__(self, spec: LevelSpec) -> None:
        self.spec = spec
        # An endless level has none: it lasts as long as the squad does (ENDLESS_TEXT).
        self.items: tuple[ObjectiveSpec, ...] = spec.objectives or (
            () if spec.endless is not None else (ObjectiveSpec("exit", "reach-exit"),))
        self.done: dict[str, int] = {}  # objective id -> tick done
        self.started_tick = 0  # when the current required objective became current
        self.zones = {z.id: z.rect for z in spec.zones}
        self.exit_zones = [z.rect for z in spec.zones if z.role == "exit"]
        self._exit_tiles: np.ndarray | None = None  # (k, 2) col, row of the map's exit tiles
        self._current: tuple[int, ObjectiveSpec | None] = (-1, None)  # (len(done) when asked, current)
        # (len(done) when made, the objectives ``update`` asks: not done, and optional or current)
        self._asked: tuple[int, tuple[ObjectiveSpec, ...]] = (-1, ())
        self._survive_ticks: dict[str, int] = {}  # survive-seconds objective id -> its ticks
        self._spots: list[tuple[str, float, float, bool]] | None = None  # trail.marker_spots, once
        self._ribbons: dict[str, tuple[float, float]] | None = None  # ribbons(), once (in_area's)
        self._open_tiles: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # zone id -> open tile centres in it (tiles)
        self._parts: dict[str, np.ndarray] = {}  # objective id -> its place's parts (rows, cols int; 0 outside)
        self._exit_box: tuple[float, float, float, float] | None = None  # px: ``_exit_bounds``, once

    @property
    def current(self) -> ObjectiveSpec | None:
        """The first required objective not yet done."""
        if self._current[0] != len(self.done):  # ``done`` only grows: its size dates the answer
            self._current = (len(self.done), next((o for o in self.items if not o.optional and o.id not in self.done), None))
        return self._current[1]

    def text(self, o: ObjectiveSpec) -> str:
        """The HUD line for an objective."""
        if o.text:
            return o.text
        base = DEFAULT_TEXT[o.kind]
        return f"{base} {o.seconds:.0f} s" if o.kind == "survive-seconds" and o.seconds else base

    @staticmethod
    def _in_rect(tx: float, ty: float, rect: tuple[float, float, float, float]) -> bool:
        """Whether the point (tx, ty) tiles lies in ``rect`` (x0, y0, x1, y1 tiles, edges in)."""
        return rect[0] <= tx <= rect[2] and rect[1] <= ty <= rect[3]

    def gather_area(self) -> ObjectiveSpec | None:
        """The current objective when it asks the whole squad to stand somewhere (the exit, a
        zone), else None. Followers walk all the way in once the lead is there (``in_area``)."""
        o = self.current
        return o if o is not None and o.kind in ("reach-exit", "reach-zone") else None

    def in_area(self, world, o: ObjectiveSpec, p: np.ndarray) -> bool:
        """Whether a point (px) is inside the place a reach-exit / reach-zone objective names."""
        # (Python floats, converted once: numpy's quotients, without its scalars' overhead; the
        # lead and each follower are asked several times a tick)
        x, y = float(p[0]), float(p[1])  # px
        if o.kind == "reach-exit":
            tiles = world.tilemap  # the one tile's kind, not the whole exit mask (a grid compare)
            box = self._exit_box or self._exit_bounds(tiles)
            if x < box[0] or x > box[2] or y < box[1] or y > box[3]:
                return False  # (most asks, most ticks: far from any exit)
            c, r = tiles.tile_of(x, y)
            if tiles.kind.item(r, c) == EXIT:
                return True
            tx, ty = x / TILE_PX, y / TILE_PX  # tiles
            for rect in self.exit_zones:
                if self._in_rect(tx, ty, rect):
                    return True
            return False
        rect = self.zones.get(o.zone)
        if rect is None:
            return False
        tx, ty = x / TILE_PX, y / TILE_PX  # tiles
        if self._in_rect(tx, ty, rect):
            return True
        if self._ribbons is None:  # (asked for every student several times a tick: built once)
            self._ribbons = self.ribbons(world)
        ribbon = self._ribbons.get(o.zone)
        return ribbon is not None and math.hypot(tx - ribbon[0], ty - ribbon[1]) <= RIBBON_REACH_TILES

    def _exit_bounds(self, tiles) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) px: a box round every point ``in_area`` may count in the exit, kept
        as ``_exit_box``: the map's exit tiles (out past the map's edge where one lies on it:
        ``tile_of`` clamps a point off the map onto the edge's tile) and the exit zones, a px
        over (rounding). Worked out once: a tile never turns into an exit (a toppled tower
        turns its tiles to wall), so the box stays round them all."""
        x0, y0, x1, y1 = math.inf, math.inf, -math.inf, -math.inf
        rows, cols = np.nonzero(tiles.kind == EXIT)
        if rows.size:
            n_rows, n_cols = tiles.kind.shape
            c0, c1, r0, r1 = int(cols.min()), int(cols.max()), int(rows.min()), int(rows.max())
            x0 = -math.inf if c0 == 0 else c0 * TILE_PX
            y0 = -math.inf if r0 == 0 else r0 * TILE_PX
            x1 = math.inf if c1 == n_cols - 1 else (c1 + 1) * TILE_PX
            y1 = math.inf if r1 == n_rows - 1 else (r1 + 1) * TILE_PX
        for zx0, zy0, zx1, zy1 in self.exit_zones:
            x0, y0 = min(x0, zx0 * TILE_PX), min(y0, zy0 * TILE_PX)
            x1, y1 = max(x1, zx1 * TILE_PX), max(y1, zy1 * TILE_PX)
        self._exit_box = (x0 - 1.0, y0 - 1.0, x1 + 1.0, y1 + 1.0)
        return self._exit_box

    def marker_spots(self, world) -> list[tuple[str, float, float, bool]]:
        """``trail.marker_spots`` of this level, worked out once (trees do not move): the
        objective's own test, and the map drawing, the light and the objective arrow every frame."""
        if self._spots is None:
            self._spots = marker_spots(self.spec.zones, world.tilemap.kind)
        return self._spots

    def ribbons(self, world) -> dict[str, tuple[float, float]]:
        """Marker zone id -> where its ribbon is tied (x, y tiles, the tile's centre): a student
        at the ribbon is at the marker, from whichever side it came (``sim.trail``)."""
        return {zid: (x, y) for zid, x, y, tied in self.marker_spots(world) if tied}

    def exit_tiles(self, world) -> np.ndarray:
        """Where a student counts as out (rows, cols bool): the map's exit tiles and every tile
        whose centre lies in a zone with ``role = "exit"``. A bot heading for the map's ``E``
        tiles alone stood about under a designer's exit zone until its time ran out."""
        mask = world.tilemap.exit_mask.copy()
        rows, cols = mask.shape
        cx = np.arange(cols) + 0.5  # tile centres, in tiles
        cy = np.arange(rows) + 0.5
        for x0, y0, x1, y1 in self.exit_zones:
            mask |= ((cy >= y0) & (cy <= y1))[:, None] & ((cx >= x0) & (cx <= x1))[None, :]
        return mask

    def area_tiles(self, world, o: ObjectiveSpec) -> np.ndarray:
        """The tiles (rows, cols bool) whose centre lies in the place a reach-exit / reach-zone
        objective names, as ``in_area`` counts a point in: the exit tiles (``exit_tiles``); a
        zone's rectangle, and round a trail marker's ribbon ``RIBBON_REACH_TILES``. All False
        for a zone the level does not have. Read-only: a bot's or a playtest's goal."""
        if o.kind == "reach-exit":
            return self.exit_tiles(world)
        rows, cols = world.tilemap.kind.shape
        if o.zone not in self.zones:
            return np.zeros((rows, cols), dtype=bool)
        cy, cx = np.mgrid[0:rows, 0:cols] + 0.5  # tile centres, tiles
        x0, y0, x1, y1 = self.zones[o.zone]
        area = (cx >= x0) & (cx <= x1) & (cy >= y0) & (cy <= y1)
        ribbon = self.ribbons(world).get(o.zone)
        if ribbon is not None:
            area |= np.hypot(cx - ribbon[0], cy - ribbon[1]) <= RIBBON_REACH_TILES
        return area

    def pieces(self, world, o: ObjectiveSpec) -> np.ndarray:
        """(rows, cols) int, read-only: the tiles of the place ``o`` names (``area_tiles``)
        numbered by the piece they belong to (joined side to side), from 1; 0 off them. The
        Trolley's exit is the corridor's end and, across a wall, the storeroom So-ju breaks in
        by: two pieces. Worked out once per objective (the place does not move)."""
        parts = self._parts.get(o.id)
        if parts is None:
            parts = self._parts[o.id] = _pieces(self.area_tiles(world, o))
            parts.setflags(write=False)
        return parts

    def part_of(self, world, o: ObjectiveSpec, p: np.ndarray) -> int:
        """Which piece (``pieces``) of the place ``o`` names the point ``p`` (px) stands in; 0 off them."""
        c, r = world.tilemap.tile_of(float(p[0]), float(p[1]))
        return int(self.pieces(world, o)[r, c])

    def into_area(self, world, o: ObjectiveSpec, p: np.ndarray, keep_off: np.ndarray | None = None,
                  keep_off_px: float = 0.0) -> np.ndarray:
        """The point (px) of that place nearest ``p``, half a tile in from its edge: where a
        follower walks to be counted in. With ``keep_off`` (px), a point closer to it than
        ``keep_off_px`` is passed over for the next nearest, if the place has another: the lead
        standing one step inside a stairwell one tile deep stood on the point nearest the
        follower behind it, which waited against the lead's back for ever (The Quiet Corridor)."""
        if o.kind != "reach-exit":
            rects = [self.zones[o.zone]] if o.zone in self.zones else []
        else:
            rects = list(self.exit_zones)
            if self._exit_tiles is None:
                rows, cols = np.nonzero(world.tilemap.exit_mask)
                self._exit_tiles = np.stack([cols, rows], axis=1).astype(np.float64)
            rects += [(c, r, c + 1.0, r + 1.0) for c, r in self._exit_tiles.tolist()]
        best, best_d = np.asarray(p, dtype=np.float64), float("inf")
        clear, clear_d = best, float("inf")  # the nearest point far enough off ``keep_off``
        x, y = float(p[0]) / TILE_PX, float(p[1]) / TILE_PX
        for x0, y0, x1, y1 in rects:
            mx, my = min(0.5, (x1 - x0) / 2), min(0.5, (y1 - y0) / 2)  # tiles in from the edge
            q = (min(max(x, x0 + mx), x1 - mx), min(max(y, y0 + my), y1 - my))
            d = (q[0] - x) ** 2 + (q[1] - y) ** 2
            if d < best_d:
                best, best_d = np.array(q) * TILE_PX, d
            if keep_off is not None and d < clear_d and math.hypot(
                    q[0] * TILE_PX - float(keep_off[0]), q[1] * TILE_PX - float(keep_off[1])) >= keep_off_px:
                clear, clear_d = np.array(q) * TILE_PX, d
        if clear_d < float("inf"):
            best, best_d = clear, clear_d
        if o.kind == "reach-zone" and best_d < float("inf"):
            tiles = world.tilemap
            c, r = tiles.tile_of(float(best[0]), float(best[1]))
            if tiles.kind[r, c] in SOLID_KINDS:  # the nearest point is in a tree: the nearest open tile in
                best = self._nearest_open_tile(world, o, x, y, best)
        return best

    def _nearest_open_tile(self, world, o: ObjectiveSpec, x: float, y: float, fallback: np.ndarray) -> np.ndarray:
        """The centre (px) of the open tile in a zone objective's area nearest (x, y) tiles. A
        follower sent to the zone's nearest point walked into the tree its ribbon is tied to,
        when the lead stood at the ribbon from outside the zone."""
        open_tiles = self._open_tiles.get(o.zone)
        if open_tiles is None:  # walls and trees do not move: worked out once per zone
            kind = world.tilemap.kind
            rr, cc = np.nonzero(self.area_tiles(world, o) & ~np.isin(kind, SOLID_KINDS))
            open_tiles = self._open_tiles[o.zone] = (cc + 0.5, rr + 0.5)
        cc, rr = open_tiles
        if cc.size == 0:
            return fallback
        k = int(np.argmin((cc - x) ** 2 + (rr - y) ** 2))
        return np.array([cc[k], rr[k]]) * TILE_PX

    def _met(self, o: ObjectiveSpec, world, tick: int) -> bool:
        if o.kind in ("reach-exit", "reach-zone"):  # everyone in play there (and someone is)
            anyone = False
            for s in world.students:
                if s.alive:
                    if not self.in_area(world, o, world.student_pos(s)):
                        return False
                    anyone = True
            return anyone
        if o.kind == "survive-seconds":
            need = self._survive_ticks.get(o.id)
            if need is None:  # (its ticks, rounded once: asked every tick while it is current)
                need = self._survive_ticks[o.id] = round((o.seconds or 0.0) * TICK_HZ)
            return tick - self.started_tick >= need
        if o.kind == "use-station":
            return o.station in world.director.station_done
        if o.kind == "hold-until-event":
            kind, _, ref = o.event.partition(":")
            d = world.director
            return (kind == "station" and ref in d.station_done) or \
                (kind == "sound-end" and ref in d.ended) or (kind == "wave-end" and ref in d.wave_done)
        return False

    def update(self, world, tick: int) -> list[str]:
        """Mark what got done this tick; returns the ids newly done."""
        # Most ticks nothing is done: only the objectives a pass would test (not done, optional or
        # current: the same while ``done`` is, as ``current`` is) are asked, in the same order;
        # the first one met has the pass run from it, as before (``current`` moves on then).
        if self._asked[0] != len(self.done):
            current = self.current
            self._asked = (len(self.done), tuple(o for o in self.items
                                                 if o.id not in self.done and (o.optional or o is current)))
        for o in self._asked[1]:
            if self._met(o, world, tick):
                return self._update_from(next(k for k, item in enumerate(self.items) if item is o), world, tick)
        return []

    def _update_from(self, first: int, world, tick: int) -> list[str]:
        """``update``'s pass over the objectives from index ``first`` on (the earlier ones were
        asked and not met); returns the ids newly done."""
        newly: list[str] = []
        current = self.current  # (asked again only when one is done: it changes only then)
        for o in self.items[first:]:
            if o.id in self.done:
                continue
            is_current = o is current
            if (o.optional or is_current) and self._met(o, world, tick):
                self.done[o.id] = tick
                newly.append(o.id)
                if is_current:
                    self.started_tick = tick
                current = self.current
        return newly

    @property
    def complete(self) -> bool:
        """Every required objective is done."""
        return self.current is None

    def hold_left(self, world, tick: int) -> float | None:
        """Seconds until the current objective is met by holding out, when waiting is what it
        asks and the wait is known: a survive-seconds objective's time left, or a
        hold-until-event on a sound's end, the time until that sound stops (sounding now, or
        scheduled to start). None for anything else: a wave's end or a station cannot be timed."""
        o = self.current
        if o is None:
            return None
        if o.kind == "survive-seconds":
            return max(0.0, (o.seconds or 0.0) - (tick - self.started_tick) / TICK_HZ)
        if o.kind != "hold-until-event":
            return None
        kind, _, ref = o.event.partition(":")
        if kind != "sound-end":
            return None
        director = world.director
        emitter = director.active.get(ref)
        if emitter is not None:
            return max(0.0, (emitter.end_tick - tick) / TICK_HZ)
        src = director.sources.get(ref)
        if src is None or ref in director.fired or src.start_seconds is None:
            return None  # it sounds when something fires it: no one can say when
        return max(0.0, src.start_seconds - tick / TICK_HZ) + director.duration_seconds(ref)


def rate(spec: LevelSpec, outcome: str, cause: str, seconds: float, survivors: int, squad: int,
         noise: float) -> LevelResult:
    """Stars and score: 1 star for winning, 2 with ``two_star_survivors``, 3 with everyone alive
    under the three-star time. Score = 1000 per survivor + 10 per second under twice par − noise/100."""
    stars = 0
    if outcome == "win":
        stars = 1
        if survivors >= spec.stars.two_star_survivors:
            stars = 2
            limit = spec.stars.three_star_seconds or spec.par_seconds
            if survivors == squad and seconds <= limit:
                stars = 3
    score = 0
    if outcome == "win":
        score = SURVIVOR_POINTS * survivors + int(TIME_POINTS_PER_SECOND * max(0.0, 2 * spec.par_seconds - seconds)) \
            - noise_cost(noise)
        score = max(score, 1)
    return LevelResult(outcome, cause, round(seconds, 2), survivors, squad, round(noise, 1), stars, score)


def endless_score(standing_ticks: int, kills: int) -> int:
    """An endless level's score: ENDLESS_POINTS_PER_SECOND for every second each student stood
    (``standing_ticks``: one per student standing, per tick) plus ENDLESS_POINTS_PER_ZOMBIE per
    zombie put down. Noise costs nothing here: the night is loud anyway."""
    return ENDLESS_POINTS_PER_SECOND * standing_ticks // TICK_HZ + ENDLESS_POINTS_PER_ZOMBIE * kills


def endless_stars(endless: EndlessSpec, seconds: float) -> int:
    """Stars for holding out ``seconds``: one per ``star_seconds`` time reached."""
    return sum(1 for t in endless.star_seconds if seconds >= t)


def noise_cost(noise: float) -> int:
    """Points a win's score loses for ``noise`` (px of loudness the squad made, summed)."""
    return int(noise / NOISE_PX_PER_POINT)


def rate_endless(endless: EndlessSpec, cause: str, seconds: float, survivors: int, squad: int, noise: float,
                 standing_ticks: int, kills: int) -> LevelResult:
    """The result of an endless level, which ends only when the squad does (outcome "loss"):
    stars by how long it held out, the score by ``endless_score``."""
    return LevelResult("loss", cause, round(seconds, 2), survivors, squad, round(noise, 1),
                       endless_stars(endless, seconds), endless_score(standing_ticks, kills), kills)


def _pieces(area: np.ndarray) -> np.ndarray:
    """(rows, cols) int: each tile of ``area`` numbered by the piece it belongs to (tiles
    joined side to side), from 1; 0 elsewhere. A flood fill in Python over the place's own
    tiles, once per level: an exit is tens to hundreds of tiles."""
    parts = np.zeros(area.shape, dtype=np.int32)
    rows, cols = area.shape
    count = 0
    for r0, c0 in np.argwhere(area).tolist():
        if parts[r0, c0]:
            continue
        count += 1
        parts[r0, c0] = count
        stack = [(r0, c0)]
        while stack:
            r, c = stack.pop()
            for rr, cc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= rr < rows and 0 <= cc < cols and area[rr, cc] and not parts[rr, cc]:
                    parts[rr, cc] = count
                    stack.append((rr, cc))
    return parts
