"""Batch reports: report.json, PNG pictures drawn with pygame off-screen, and an index.html.

Pictures (no matplotlib; every axis and label is drawn here):

- ``deaths.png`` — the level map, small, with a heat overlay of where students died (the props
  where they start, zones, lamps, sound sources, stations, doors, where waves and spawners bring
  zombies and the start marked on it, as on the next);
- ``lead_path.png`` — the same map with where the lead walked (time spent per tile);
- ``horde.png`` — zombies alive (top panel) and chasing or investigating (bottom panel, its own
  scale) over time: the mean of the runs still going, with the range shaded, up to where the
  longest run ended;
- ``props.png`` — the same map with where the props ended up: each moved prop's last pose,
  outlined once a run over where they start;
- ``doors.png`` — per door, one lane per run of whether it was locked, closed, open or broken,
  the runs sorted by when the door first changed;
- ``door_load.png`` — per locked door, each run's peak push as a % of its lock and braces.
"""

from __future__ import annotations

import dataclasses
import html
import json
import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ..content.schema import LevelSpec
from ..sim.lamps import lamp_pool
from ..sim.props import prop_footprint
from ..sim.squad import start_point
from ..sim.tilemap import DOOR, EDGE, EXIT, FLOOR, PUDDLE, VOID, WALL, WINDOW, TileMap
from ..sim.units import TICK_HZ, TILE_PX
from ..sim.world import GIVE_TICKS
from .designer import drop_words, stars_words
from .runner import ENDLESS_PLAYTEST_SECONDS
from .stats import PATH_EVERY, gave_way, group_words, noise_words

BG = (24, 22, 26)
INK = (230, 226, 220)
DIM = (150, 146, 140)
GRID = (60, 58, 64)
MAP_COLOURS = {0: (70, 64, 60), 1: (150, 144, 134), 2: (170, 120, 70), 3: (120, 170, 200), 4: (60, 160, 80),
               5: (70, 64, 60), 6: (50, 70, 100), 7: (30, 28, 28), 8: (12, 12, 14)}
DOOR_STATE_COLOURS = {"open": (110, 200, 120), "closed": (160, 160, 160), "locked": (90, 150, 240),
                      "broken": (235, 80, 70)}


def _pygame() -> Any:
    """pygame with fonts ready, and no window needed (the dummy video driver)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # stdout may be JSON
    import pygame

    pygame.font.init()
    return pygame


def _text(pg: Any, surf: Any, s: str, pos: tuple[float, float], size: int = 16, colour: tuple[int, int, int] = INK,
          anchor: str = "topleft") -> None:
    img = pg.font.Font(None, size).render(s, True, colour)
    rect = img.get_rect(**{anchor: (int(pos[0]), int(pos[1]))})
    surf.blit(img, rect)


def _map_surface(pg: Any, tilemap: TileMap, cell: int) -> Any:
    """The level's tiles, ``cell`` px per tile."""
    kind = tilemap.kind
    surf = pg.Surface((kind.shape[1] * cell, kind.shape[0] * cell))
    for r in range(kind.shape[0]):
        for c in range(kind.shape[1]):
            surf.fill(MAP_COLOURS.get(int(kind[r, c]), (255, 0, 255)), (c * cell, r * cell, cell, cell))
    return surf


def _n(count: int, word: str) -> str:
    """A count and its noun, plural but for one: "1 run", "20 runs", "0 deaths"."""
    return f"{count} {word}{'' if count == 1 else 's'}"


# The heat ramps, rarest to most often (RGB stops, blended in between). Neither may share a hue
# with what the map itself draws: a designer read the old blue "rare" end of the lead's path as
# puddles (dark slate blue) and windows (pale blue), and the old yellow of a rare death as a
# lamp's glow. The walk is magenta to pale pink; a death red to orange, never yellow.
WALK_RAMP = ((190, 50, 170), (240, 95, 205), (255, 200, 240))
DEATH_RAMP = ((205, 25, 35), (240, 70, 30), (255, 140, 20))


def _heat_colour(v: float, hot: bool) -> tuple[int, int, int]:
    """0..1 -> a colour on the ramp (hot: deaths' DEATH_RAMP; else the walk's WALK_RAMP)."""
    v = min(1.0, max(0.0, v))
    stops = DEATH_RAMP if hot else WALK_RAMP
    at = v * (len(stops) - 1)
    i = min(int(at), len(stops) - 2)
    f = at - i
    r, g, b = (int(round(a + (z - a) * f)) for a, z in zip(stops[i], stops[i + 1], strict=True))
    return r, g, b


def _heat_alpha(v: float) -> int:
    """How opaque a heat tile is (0..255) at ramp position ``v``: nearly so even at the rare end,
    so a tile shows the key's colour and not a blend with the map's under it."""
    return int(200 + 55 * min(1.0, max(0.0, v)))


def _blend(under: tuple[int, int, int], over: tuple[int, int, int], alpha: int) -> tuple[int, int, int]:
    """``over`` at ``alpha`` (0..255) on ``under``, as pygame blends it (to within a unit)."""
    r, g, b = (int(u + (o - u) * alpha / 255) for u, o in zip(under, over, strict=True))
    return r, g, b


ZONE_COLOURS = {"exit": (90, 220, 110), "fall": (235, 80, 70)}  # zone outlines by role; the rest FEATURE
FEATURE = (240, 235, 225)
LAMP = (250, 215, 90)
SOUND_MARK = (120, 200, 245)  # a scripted noise-maker's speaker and id
PLACE_INK = (255, 250, 200)  # the level's own [[labels]]: the places its briefing names
ARRIVAL_MARK = (255, 120, 150)  # where a wave or spawner brings zombies: a cross and its id (pink, off the deaths' red-orange)


def _start_opaque(spec: LevelSpec) -> np.ndarray:
    """(rows, cols) bool: the tiles that stop light as the level starts (walls, void, the doors,
    all shut), as the world works its lamps' pools out."""
    opaque = TileMap.from_spec(spec.map).opaque
    for door in spec.doors:
        c, r = door.tile
        opaque[r, c] = True
    return opaque


# A prop where it starts: a faint pale veil under the heat (the dark floor a shade lighter, still
# darker than a wall) and a thin mid-grey edge over the heat, light on the floor and dark on the
# hottest white, so a hot spot in an aisle shows the table it was pressed against without the
# props drowning the heat. RGBA.
PROP_VEIL = (205, 195, 180, 56)
PROP_EDGE = (140, 130, 116, 235)
# Where props ended up (props.png): one outline a run, see-through so that a pose many runs
# share reads solid and a stray one faint; orange, apart from the start's grey footprints.
PROP_END = (255, 150, 40)
PROP_END_ALPHA = 110


def _prop_layers(pg: Any, spec: LevelSpec, cell: int, size: tuple[int, int]) -> tuple[Any, Any]:
    """Two see-through layers of the map's ``size`` (px, ``cell`` px a tile): the level's props'
    footprints as they stand at the start (their type's or their own width and depth, turned by
    their angle, as the sim builds them) veiled in, and outlined."""
    veil, edges = pg.Surface(size, pg.SRCALPHA), pg.Surface(size, pg.SRCALPHA)
    for prop in spec.props:
        corners = [(x / TILE_PX * cell, y / TILE_PX * cell) for x, y in prop_footprint(prop, spec.prop_type(prop.type))]
        pg.draw.polygon(veil, PROP_VEIL, corners)
        pg.draw.polygon(edges, PROP_EDGE, corners, 1)
    return veil, edges


# A dark box behind every label on a map, near opaque: at 190 a red death tile under a door's
# blue id still showed through and the id could not be read.
LABEL_BACKING = (16, 14, 18, 235)


class _Labels:
    """Map labels placed last, over the heat and the lamps' glow, each on a dark backing and
    kept clear of the ones placed before it and inside ``bounds``: a designer's report had zone
    ids running into each other ("collapsed-floo" under "east-corridor"), a lamp's glow over
    "start" and blue door ids on a blue path. A label also keeps off the heat where it can (a
    door's id covered the deaths at its gate), joined to its spot by a thin line when moved."""

    def __init__(self, pg: Any, size: int, bounds: Any) -> None:
        self.pg, self.font, self.bounds = pg, pg.font.Font(None, size), bounds
        self.wanted: list[tuple[str, tuple[int, int], str, tuple[int, int, int]]] = []

    def add(self, text: str, pos: tuple[int, int], anchor: str, colour: tuple[int, int, int]) -> None:
        self.wanted.append((text, pos, anchor, colour))

    def draw(self, surf: Any, avoid: list[Any] | None = None) -> list[Any]:
        """Draw every label, clear of the boxes in ``avoid`` (pygame Rects: the heat's tiles)
        where one of its tries is; returns the boxes they went in (Rects, in the order added)."""
        taken: list[Any] = []
        avoid = avoid or []
        for text, (x, y), anchor, colour in self.wanted:
            img = self.font.render(text, True, colour)
            rect = img.get_rect(**{anchor: (x, y)}).inflate(4, 2)
            h, w = rect.height, rect.width
            # Where it was asked for, then a label's height lower, higher, lower again..., then
            # beside it: of those clear of the labels, the first over the fewest heat tiles.
            moves = [(0, dy) for dy in (0, h, -h, 2 * h, -2 * h, 3 * h, -3 * h)]
            moves += [(dx, dy) for dx in (w // 2 + 6, -w // 2 - 6) for dy in (0, h, -h, 2 * h, -2 * h)]
            tries = [rect.move(dx, dy).clamp(self.bounds) for dx, dy in moves]
            clear = [t for t in tries if t.collidelist(taken) < 0] or tries[:1]
            spot = min(clear, key=lambda t: len(t.collidelistall(avoid)))  # (min keeps the first of equals)
            taken.append(spot)
            if not spot.inflate(4, 4).collidepoint(x, y):  # moved off its spot: a thin line back to it
                end = (min(max(x, spot.left), spot.right - 1), min(max(y, spot.top), spot.bottom - 1))
                self.pg.draw.line(surf, colour, (x, y), end, 1)
            box = self.pg.Surface(spot.size, self.pg.SRCALPHA)
            box.fill(LABEL_BACKING)
            surf.blit(box, spot)
            surf.blit(img, img.get_rect(center=spot.center))
        return taken


def _start_point(spec: LevelSpec) -> tuple[float, float] | None:
    """Where the lead starts (tiles), as the world places it: the [[squad]] entry marked lead
    (else the first present at the start), at its ``at``, else on the map's 'S' tile (the
    first in the roster there; the rest in a small ring round it). None with no squad."""
    allies = {p.student for p in spec.spawn_points if p.role == "ally"}
    present = [(i, st) for i, st in enumerate(spec.squad) if st.id not in allies]
    if not present:
        return None
    i, lead = next(((i, st) for i, st in present if st.lead), present[0])
    if lead.at[0] < 0 and not spec.map.tiles_of("spawn"):
        return None
    x, y = start_point(spec, i)
    return x / TILE_PX, y / TILE_PX


def _features(pg: Any, surf: Any, spec: LevelSpec, cell: int, origin: tuple[int, int],
              size: tuple[int, int] | None = None, avoid: list[Any] | None = None) -> None:
    """What a designer places, drawn over the map so a heat spot can be read against it: zones
    outlined (exit green, fall red) with their ids, lamps as yellow dots on a faint yellow of what
    they light (walls and shut doors stop it), scripted sound sources as small speakers with
    their ids (a drone's flight drawn on to a ring where it ends), stations as rings with their
    ids, doors with their ids, the squad's start, and the level's own ``[[labels]]``.
    ``size`` is the map's (w, h) px: labels stay inside it; they keep off the boxes in ``avoid``
    (the heat's tiles) where they can."""
    ox, oy = origin
    scale = float(cell)  # px per tile here

    def at(x: float, y: float) -> tuple[int, int]:
        return int(ox + x * scale), int(oy + y * scale)

    small = max(12, min(16, cell + 4))
    bounds = pg.Rect(ox, oy, *size) if size is not None else surf.get_rect()
    labels = _Labels(pg, small, bounds)
    for zone in spec.zones:
        x0, y0, x1, y1 = zone.rect
        colour = ZONE_COLOURS.get(zone.role, FEATURE)
        left, top = at(x0, y0)
        right, bottom = at(x1, y1)
        pg.draw.rect(surf, colour, (left, top, max(1, right - left), max(1, bottom - top)), 1)
        labels.add(zone.id, (left + 3, top + 2), "topleft", colour)  # its box inside the outline
    rings = pg.Surface(surf.get_size(), pg.SRCALPHA)
    opaque = _start_opaque(spec)
    for light in spec.lighting.lights:
        if light.kind == "lamp" and light.on:
            # What it lights as the level starts (walls and shut doors stop it), faintly filled.
            pool = lamp_pool(light.at[0] * TILE_PX, light.at[1] * TILE_PX, light.radius * TILE_PX, opaque)
            n = pool.lit.shape[0]
            cells = pg.Surface((n, n), pg.SRCALPHA)
            alpha = pg.surfarray.pixels_alpha(cells)
            alpha[:] = pool.lit.T * 45
            del alpha  # (unlocks the surface)
            cells.fill((*LAMP, 0), special_flags=pg.BLEND_RGB_ADD)
            side = max(1, round(n * pool.cell / TILE_PX * scale))
            x0, y0 = pool.corner
            rings.blit(pg.transform.scale(cells, (side, side)), at(x0 / TILE_PX, y0 / TILE_PX))
        if light.kind == "lamp":
            pg.draw.circle(rings, (*LAMP, 255), at(*light.at), max(2, cell // 3))
    surf.blit(rings, (0, 0))
    props = {p.id: p for p in spec.props}
    for sound in spec.sounds:  # scripted noise-makers: a small speaker, where it starts
        where = props[sound.attached_to].at if sound.attached_to in props else sound.path[0] if sound.path else sound.at
        x, y = at(*where)
        r = max(3, cell // 2)
        if len(sound.path) > 1:  # a drone's flight, waypoint to waypoint, and a ring where it ends (and hovers)
            pg.draw.lines(surf, SOUND_MARK, False, [at(*p) for p in sound.path], 1)
            pg.draw.circle(surf, SOUND_MARK, at(*sound.path[-1]), r, 1)
        pg.draw.polygon(surf, SOUND_MARK, [(x - r, y - r // 2), (x - r, y + r // 2), (x, y + r), (x, y - r)])
        labels.add(sound.id, (x + r + 2, y), "midleft", SOUND_MARK)
    for station in spec.stations:
        pg.draw.circle(surf, FEATURE, at(*station.at), max(4, cell), 2)
        labels.add(station.id, (at(*station.at)[0] + max(4, cell) + 2, at(*station.at)[1]), "midleft", FEATURE)
    for door in spec.doors:
        c, r = door.tile
        labels.add(door.id, at(c + 0.5, r - 0.2), "midbottom", DOOR_STATE_COLOURS["locked"] if door.locked else FEATURE)
    for mark, words in arrivals(spec):  # where waves and spawners bring zombies: a cross at the middle of their area
        x, y = at(*mark)
        q = max(3, cell // 3)
        for colour, width in ((BG, 4), (ARRIVAL_MARK, 2)):  # (a dark edge: it shows on a pale heat tile too)
            pg.draw.line(surf, colour, (x - q, y - q), (x + q, y + q), width)
            pg.draw.line(surf, colour, (x - q, y + q), (x + q, y - q), width)
        labels.add(words, (x + q + 3, y), "midleft", ARRIVAL_MARK)
    start = _start_point(spec)
    if start is not None:
        x, y = at(*start)
        _start_mark(pg, surf, x, y)
        labels.add("start", (x + 6, y), "midleft", FEATURE)
    for place in spec.labels:  # the names the level writes on its plan: a designer checks where they sit
        labels.add(place.text, at(*place.at), "center", PLACE_INK)
    labels.draw(surf, avoid)


def arrivals(spec: LevelSpec) -> list[tuple[tuple[float, float], str]]:
    """Where the level's waves and spawners bring zombies: (the middle of the area they appear
    in, tiles; what to call it: "late-wave 60 s", "stairs spawner"), one per place, the ids of
    all that share a place together. A designer read the zones' outlines and could not tell
    where the waves came in."""
    places: dict[tuple[float, float, float, float], list[str]] = {}
    for w in spec.waves:
        places.setdefault(w.zone, []).append(f"{w.id} {w.at_seconds:g} s")
    for sp in spec.spawners:
        places.setdefault(sp.zone, []).append(f"{sp.id} spawner" if "spawn" not in sp.id else sp.id)
    return [(((x0 + x1) / 2, (y0 + y1) / 2), ", ".join(names)) for (x0, y0, x1, y1), names in places.items()]


def _start_mark(pg: Any, surf: Any, x: int, y: int) -> None:
    """The squad's start: a small pale triangle, its centre at (x, y) px, a dark edge round it so
    it shows on a pale heat tile too."""
    points = [(x, y - 5), (x - 4, y + 3), (x + 4, y + 3)]
    pg.draw.polygon(surf, FEATURE, points)
    pg.draw.polygon(surf, BG, points, 1)


# What each tile kind is called in a map picture's key (floor and the spawn tile, drawn as
# floor, are the ground everything else is keyed against).
TILE_WORDS = ((WALL, "wall"), (DOOR, "doorway"), (WINDOW, "window"), (EXIT, "exit tile"), (PUDDLE, "puddle"),
              (EDGE, "edge (a drop)"), (VOID, "void"))
KEY_ROW = 18  # px: one line of a map picture's key


def _legend(pg: Any, tilemap: TileMap, spec: LevelSpec | None, ended: bool = False) -> list[tuple[
        Callable[[Any, Any], None] | None, str, tuple[int, int, int]]]:
    """A map picture's key: (draw its swatch into a Rect, or None for words drawn as a map label,
    words, colour of the words) for every kind of thing on this map (tiles, zones, lamps,
    sounds, stations, door ids, the start, props, and with ``ended`` the props' last poses),
    and nothing that is not on it."""
    out: list[tuple[Callable[[Any, Any], None] | None, str, tuple[int, int, int]]] = []
    kinds = set(np.unique(tilemap.kind).tolist())

    def tile(k: int) -> Callable[[Any, Any], None]:
        def draw(surf: Any, r: Any) -> None:
            surf.fill(MAP_COLOURS[k], r)
            pg.draw.rect(surf, GRID, r, 1)  # (a void or wall swatch still has an edge)
        return draw

    for k, words in TILE_WORDS:
        if k in kinds:
            out.append((tile(k), words, DIM))
    if spec is None:
        return out

    def outline(colour: tuple[int, int, int]) -> Callable[[Any, Any], None]:
        def draw(surf: Any, r: Any) -> None:
            surf.fill(MAP_COLOURS[FLOOR], r)
            pg.draw.rect(surf, colour, r, 1)
        return draw

    roles = {z.role for z in spec.zones}
    for role, words in (("exit", "exit zone"), ("fall", "fall zone")):
        if role in roles:
            out.append((outline(ZONE_COLOURS[role]), words, DIM))
    if roles - set(ZONE_COLOURS):
        out.append((outline(FEATURE), "zone", DIM))
    if any(light.kind == "lamp" for light in spec.lighting.lights):
        def lamp(surf: Any, r: Any) -> None:
            surf.fill(_blend(MAP_COLOURS[FLOOR], LAMP, 45), r)  # as _features glows what it lights
            pg.draw.circle(surf, LAMP, r.center, 3)
        out.append((lamp, "lamp, and the floor it lights", DIM))
    if spec.sounds:
        def speaker(surf: Any, r: Any) -> None:
            x, y, q = r.centerx, r.centery, 5
            pg.draw.polygon(surf, SOUND_MARK, [(x - q, y - q // 2), (x - q, y + q // 2), (x, y + q), (x, y - q)])
        out.append((speaker, "sound source", DIM))
    if spec.stations:
        out.append((lambda surf, r: pg.draw.circle(surf, FEATURE, r.center, 5, 2), "station", DIM))
    if any(not d.locked for d in spec.doors):
        out.append((None, "door", FEATURE))
    if any(d.locked for d in spec.doors):
        out.append((None, "door, locked at the start", DOOR_STATE_COLOURS["locked"]))
    if _start_point(spec) is not None:
        out.append((lambda surf, r: _start_mark(pg, surf, r.centerx, r.centery + 1), "squad's start", DIM))
    if spec.waves or spec.spawners:
        def arrival(surf: Any, r: Any) -> None:
            x, y = r.center
            pg.draw.line(surf, ARRIVAL_MARK, (x - 4, y - 4), (x + 4, y + 4), 2)
            pg.draw.line(surf, ARRIVAL_MARK, (x - 4, y + 4), (x + 4, y - 4), 2)
        out.append((arrival, "where a wave (and when) or a spawner brings zombies", DIM))
    if spec.props:
        def prop(surf: Any, r: Any) -> None:  # a prop as drawn on the floor
            veil = pg.Surface(r.size, pg.SRCALPHA)
            veil.fill(PROP_VEIL)
            surf.fill(MAP_COLOURS[FLOOR], r)
            surf.blit(veil, r)
            pg.draw.rect(surf, PROP_EDGE[:3], r, 1)
        out.append((prop, "prop, where it stands at the start", DIM))
    if ended:
        def prop_end(surf: Any, r: Any) -> None:  # a moved prop's last pose, as props_png outlines it
            surf.fill(_blend(MAP_COLOURS[FLOOR], PROP_END, PROP_END_ALPHA), r)
            surf.fill(MAP_COLOURS[FLOOR], r.inflate(-4, -4))
        out.append((prop_end, "where a prop ended, once a run", DIM))
    return out


def _legend_rows(pg: Any, entries: list[Any], width: int) -> list[list[tuple[Any, int]]]:
    """The key's entries wrapped into rows ``width`` px wide: per row, (entry, its width px)."""
    font = pg.font.Font(None, 16)
    rows: list[list[tuple[Any, int]]] = [[]]
    used = 0
    for entry in entries:
        w = (0 if entry[0] is None else 24) + font.size(entry[1])[0] + 18  # swatch, words, gap
        if rows[-1] and used + w > width:
            rows.append([])
            used = 0
        rows[-1].append((entry, w))
        used += w
    return rows


def colour_key(grid: np.ndarray, words: Callable[[float], str]) -> tuple[list[float], str, str]:
    """A heat map's colour key for ``grid`` (its peak above 0): the swatches' heat values (0..1,
    as the tiles are coloured), the words at the rarest end ("" when every marked tile holds
    the same value: one swatch, not a ramp from "1 death" to "1 death") and at the peak's."""
    peak = float(grid.max())
    low = float(grid[grid > 0].min())
    if low == peak:
        return [1.0], "", words(peak)
    v_low = float(np.sqrt(low / peak))
    return [v_low + (1 - v_low) * i / 4 for i in range(5)], words(low), words(peak)


def heatmap_png(path: Path, tilemap: TileMap, grid: np.ndarray, title: str, note: str, hot: bool,
                spec: LevelSpec | None = None, words: Callable[[float], str] | None = None,
                outlines: list[list[tuple[float, float]]] | None = None) -> None:
    """Draw ``grid`` ([row, col] counts) over the map (with the level's props where they start,
    zones, lamps, stations, doors and start marked when ``spec`` is given) and save it as a PNG.
    ``words`` says a grid value with its unit for the colour key's ends ("57 s", "6 deaths").
    ``outlines``: polygons (px, world) drawn over it all, see-through, so the same pose in many
    runs reads stronger than one run's (``props_png``)."""
    pg = _pygame()
    words = words or (lambda v: f"{v:g}")
    cell = max(4, min(16, 900 // max(1, tilemap.cols)))
    base = _map_surface(pg, tilemap, cell)
    pad, top = 16, 40
    props = _prop_layers(pg, spec, cell, base.get_size()) if spec is not None and spec.props else None
    # At least 640 px wide, so the title and the note's line (with the colour key at its
    # right end) never run into each other on a narrow map.
    width = max(640, base.get_width() + 2 * pad)
    legend = _legend_rows(pg, _legend(pg, tilemap, spec, ended=bool(outlines)), width - 2 * pad)
    surf = pg.Surface((width, base.get_height() + top + 34 + KEY_ROW * len(legend) + 10))
    surf.fill(BG)
    surf.blit(base, (pad, top))
    if props is not None:
        surf.blit(props[0], (pad, top))
    overlay = pg.Surface(base.get_size(), pg.SRCALPHA)
    peak = float(grid.max()) if grid.size else 0.0
    hot_tiles = []  # the heat's tiles, px on the picture: labels keep off them
    if peak > 0:
        for r, c in zip(*np.nonzero(grid), strict=True):
            v = float(np.sqrt(grid[r, c] / peak))  # sqrt: rare tiles still show
            overlay.fill((*_heat_colour(v, hot), _heat_alpha(v)), (int(c) * cell, int(r) * cell, cell, cell))
            hot_tiles.append(pg.Rect(pad + int(c) * cell, top + int(r) * cell, cell, cell))
    surf.blit(overlay, (pad, top))
    if props is not None:
        surf.blit(props[1], (pad, top))
    if outlines:
        for poly in outlines:  # each on a layer of its own box, blended: each run's outline adds to the last
            pts = [(pad + x / TILE_PX * cell, top + y / TILE_PX * cell) for x, y in poly]
            x0, y0 = int(min(x for x, _ in pts)) - 2, int(min(y for _, y in pts)) - 2
            layer = pg.Surface((int(max(x for x, _ in pts)) - x0 + 4, int(max(y for _, y in pts)) - y0 + 4), pg.SRCALPHA)
            pg.draw.polygon(layer, (*PROP_END, PROP_END_ALPHA), [(x - x0, y - y0) for x, y in pts], 2)
            surf.blit(layer, (x0, y0))
            hot_tiles.append(layer.get_rect(topleft=(x0, y0)))  # (labels keep off it, as off the heat)
    if spec is not None:
        _features(pg, surf, spec, cell, (pad, top), base.get_size(), hot_tiles)
    _text(pg, surf, title, (pad, 12), 24)
    below = top + base.get_height() + 10
    _text(pg, surf, note, (pad, below), 18, DIM)
    if peak > 0:
        # The colour key, under the map's right end: the rarest tile's value, the ramp from its
        # colour to the peak's (as blended on the floor), the peak's value.
        font = pg.font.Font(None, 16)
        stops, lo_words, hi_words = colour_key(grid, words)
        right = width - pad - font.size(hi_words)[0] - 6
        for i, v in enumerate(stops):
            colour = _blend(MAP_COLOURS[FLOOR], _heat_colour(v, hot), _heat_alpha(v))
            pg.draw.rect(surf, colour, (right - (len(stops) - i) * 22, below + 2, 20, 12))
        if lo_words:
            _text(pg, surf, lo_words, (right - len(stops) * 22 - 6, below + 8), 16, DIM, "midright")
        _text(pg, surf, hi_words, (right + 4, below + 8), 16, DIM, "midleft")
    y = below + 24
    for row in legend:
        x = pad
        for (draw, label, colour), w in row:
            if draw is None:  # words as a map label says them: on its dark backing, in its colour
                img = pg.font.Font(None, 16).render(label, True, colour)
                box = img.get_rect(midleft=(x, y + 6)).inflate(4, 2)
                surf.fill(LABEL_BACKING[:3], box)
                surf.blit(img, img.get_rect(center=box.center))
            else:
                swatch = pg.Rect(x, y, 18, 12)
                draw(surf, swatch)
                _text(pg, surf, label, (swatch.right + 6, swatch.centery), 16, colour, "midleft")
            x += w
        y += KEY_ROW
    pg.image.save(surf, str(path))


def _axis(top: float, most: int = 6) -> tuple[float, float]:
    """A round end for an axis that must reach ``top`` (> 0) and a round step between its ticks,
    at most ``most`` steps: 79.2 -> (80, 20) (a 100 s axis left a fifth of the time empty)."""
    raw = max(top, 1e-9) / most
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag * most >= top)
    return float(math.ceil(top / step - 1e-9) * step), float(step)


# The horde chart's lines: everyone alive, those who see prey, those who heard something.
HORDE_SERIES = (("alive", (235, 90, 80)), ("chasing", (250, 200, 70)), ("investigating", (110, 170, 240)))
# horde.png's layout, px: the plots' left and right edges, and each panel's (top, height). The
# alive count (hundreds) has the top panel; chasing and investigating (tens) the bottom one, on
# a scale of their own, where on one shared axis they lay flat along the bottom.
HORDE_W, HORDE_LEFT, HORDE_RIGHT = 820, 70, 20
HORDE_PANELS = {"alive": (70, 130), "chasing": (250, 190)}
HORDE_H = 250 + 190 + 64
RUNS_OVER = (40, 38, 44)  # the plot's background after the last run ended


def _horde_time_px(t: float, t_max: float) -> int:
    """Simulated seconds -> x px on horde.png."""
    return int(HORDE_LEFT + (HORDE_W - HORDE_LEFT - HORDE_RIGHT) * t / t_max)


def horde_png(path: Path, runs: list[dict[str, Any]]) -> None:
    """Zombies alive (top panel) and chasing and investigating (bottom panel, a scale of its own)
    over time: the mean of the runs still going, their range shaded. The lines stop where the
    longest run ended: past it the plot is shaded and says so (lines at 0 there read as a calm
    horde that nobody saw)."""
    pg = _pygame()
    w, h = HORDE_W, HORDE_H
    left, pw = HORDE_LEFT, HORDE_W - HORDE_LEFT - HORDE_RIGHT
    surf = pg.Surface((w, h))
    surf.fill(BG)
    series = [np.asarray(r["trace"]["horde"], dtype=np.float64).reshape(-1, 4) for r in runs if r.get("trace")]
    series = [s for s in series if len(s)]
    t_end = max((float(s[-1, 0]) for s in series), default=0.0) / TICK_HZ  # s: the longest run's end
    t_max, t_step = _axis(max(t_end, 1.0))
    times = np.linspace(0.0, t_end, 240)
    layers = {}
    for col, name in ((1, "alive"), (2, "chasing"), (3, "investigating")):
        # (a run's samples after its end are NaN: the mean is of the runs still going)
        rows = [np.interp(times, s[:, 0] / TICK_HZ, s[:, col], right=np.nan) for s in series]
        layers[name] = np.array(rows) if rows else np.zeros((0, len(times)))
    how = ": mean of the runs still going, range shaded" if len(series) > 1 else ""
    _text(pg, surf, f"Horde size over time ({_n(len(series), 'run')}{how})", (left, 10), 24)
    panels = (("alive", ("alive",)), ("chasing", ("chasing", "investigating")))
    any_zombie = False
    for key, names in panels:
        top, ph = HORDE_PANELS[key]
        peak = max((float(np.nanmax(layers[n])) for n in names if layers[n].size and not np.all(np.isnan(layers[n]))),
                   default=0.0)
        any_zombie = any_zombie or peak > 0
        y_max, y_step = _axis(max(peak * 1.1, 1.0), 5)  # (a tenth over the peak: no line along the top edge)

        def to_px(t: float, v: float, top: int = top, ph: int = ph, y_max: float = y_max) -> tuple[int, int]:
            return _horde_time_px(t, t_max), int(top + ph * (1 - v / y_max))

        x_end = _horde_time_px(t_end, t_max)
        if x_end < left + pw:  # after every run had ended: no data, and shaded to say so
            surf.fill(RUNS_OVER, (x_end, top, left + pw - x_end, ph))
        for i in range(int(round(y_max / y_step)) + 1):
            v = i * y_step
            _, y = to_px(0, v)
            pg.draw.line(surf, GRID, (left, y), (left + pw, y))
            _text(pg, surf, f"{v:g}", (left - 8, y), 16, DIM, "midright")
        for i in range(int(round(t_max / t_step)) + 1):
            x = _horde_time_px(i * t_step, t_max)
            pg.draw.line(surf, GRID, (x, top), (x, top + ph))
        # the axes dim, so a series at 0 (drawn over them) is not mistaken for one
        pg.draw.line(surf, DIM, (left, top), (left, top + ph), 1)
        pg.draw.line(surf, DIM, (left, top + ph), (left + pw, top + ph), 1)
        label = pg.transform.rotate(pg.font.Font(None, 18).render(" / ".join(names), True, INK), 90)
        surf.blit(label, (12, top + ph // 2 - label.get_height() // 2))
        for name, colour in HORDE_SERIES:
            data = layers[name]
            if name not in names or not data.size:
                continue
            with np.errstate(all="ignore"):
                lo, hi, mean = np.nanmin(data, axis=0), np.nanmax(data, axis=0), np.nanmean(data, axis=0)
            ok = ~np.isnan(mean)
            pts_hi = [to_px(t, v) for t, v in zip(times[ok], hi[ok], strict=True)]
            pts_lo = [to_px(t, v) for t, v in zip(times[ok], lo[ok], strict=True)]
            if len(pts_hi) >= 2:
                band = pg.Surface((w, h), pg.SRCALPHA)
                pg.draw.polygon(band, (*colour, 50), pts_hi + pts_lo[::-1])
                surf.blit(band, (0, 0))
                pg.draw.lines(surf, colour, False, [to_px(t, v) for t, v in zip(times[ok], mean[ok], strict=True)], 2)
        for i, name in enumerate(names):  # the panel's key, right-aligned above it
            colour = dict(HORDE_SERIES)[name]
            x = left + pw - 120 * (len(names) - i)
            pg.draw.line(surf, colour, (x, top - 10), (x + 20, top - 10), 3)
            _text(pg, surf, name, (x + 24, top - 10), 16, INK, "midleft")
        if x_end < left + pw - 40:
            _text(pg, surf, "runs over", (x_end + 4, top + 4), 16, DIM)
    bottom = HORDE_PANELS["chasing"][0] + HORDE_PANELS["chasing"][1]
    for i in range(int(round(t_max / t_step)) + 1):
        t = i * t_step
        _text(pg, surf, f"{t:g}", (_horde_time_px(t, t_max), bottom + 8), 16, DIM, "midtop")
    ended = f"; the last run ended at {t_end:.1f} s" if series else ""
    _text(pg, surf, f"simulated time (s){ended}", (left + pw // 2, h - 26), 18, INK, "midtop")
    if not any_zombie:
        top, ph = HORDE_PANELS["alive"]
        _text(pg, surf, f"no zombies in {'this run' if len(series) == 1 else 'these runs'} (this level or build "
                        "has no horde)", (left + pw // 2, top + ph // 2),
              20, DIM, "center")
    pg.image.save(surf, str(path))


# doors.png's layout, px: the lanes' left end and the picture's width.
DOORS_W, DOORS_LEFT, DOORS_RIGHT, DOORS_TOP = 820, 150, 20, 76
DOOR_BAND_GAP = 12  # px between one door's band of lanes and the next


def _door_lane_px(runs: int) -> int:
    """Px per run's lane in a door's band: 8 for a few runs, down to 1 for 160 or more (a band
    stays under ~160 px however many runs)."""
    return max(1, min(8, 160 // max(1, runs)))


def door_spans(run: dict[str, Any], door: str) -> list[tuple[int, int, str]]:
    """``door``'s states in ``run`` as (from tick, to tick, state) spans covering the run: locked
    from tick 0 when its trace says so at 0, else closed (doors start shut), then each change
    (open / closed / locked / broken) until the next or the run's end; a door that broke stays
    broken to the end."""
    end = int(run.get("ticks", 0))
    changes = [(int(t), st) for t, d, st in (run.get("trace") or {}).get("doors", []) if d == door]
    state = "closed"
    if changes and changes[0] == (0, "locked"):
        state = "locked"
        changes = changes[1:]
    spans, since = [], 0
    for tick, new in changes:
        if state == "broken":  # for good: the crowd swings the wreck open and shut, 6 ticks after it
            break              # gave (a designer's doors.png showed no red at any zoom)
        if tick > since:
            spans.append((since, tick, state))
        state, since = new, tick
    if end > since:
        spans.append((since, end, state))
    return spans


def doors_png(path: Path, runs: list[dict[str, Any]], door_ids: list[str]) -> None:
    """Per door, one lane per run: spans of locked, closed, open and broken along simulated
    time, each lane ending where its run ended. The lanes are sorted by when the door first
    changed (the runs where it never did last, longest first), so how soon runs got through
    reads as a staircase; drawn over one another in a single row, no run could be read."""
    pg = _pygame()
    traced = [r for r in runs if r.get("trace")]
    seen = sorted({e[1] for r in traced for e in r["trace"]["doors"]} | set(door_ids))
    lane = _door_lane_px(len(traced))
    band = lane * max(1, len(traced))
    w, left, right, top = DOORS_W, DOORS_LEFT, DOORS_RIGHT, DOORS_TOP
    bottom = top + (band + DOOR_BAND_GAP) * max(1, len(seen)) - DOOR_BAND_GAP
    h = bottom + 56
    surf = pg.Surface((w, h))
    surf.fill(BG)
    t_end = max((r["ticks"] for r in traced), default=0) / TICK_HZ
    t_max, t_step = _axis(max(t_end, 1.0))
    pw = w - left - right

    def x_of(tick: float) -> int:
        return int(left + pw * (tick / TICK_HZ) / t_max)

    _text(pg, surf, f"Doors and barricades over time ({_n(len(traced), 'run')})", (16, 12), 24)
    _text(pg, surf, "one lane per run, sorted by when the door first changed; a lane ends where its run ended",
          (16, 38), 16, DIM)
    for i, (state, colour) in enumerate(DOOR_STATE_COLOURS.items()):
        x = w - right - 4 * 90 + i * 90
        pg.draw.rect(surf, colour, (x, 54, 10, 10))
        _text(pg, surf, state, (x + 14, 59), 16, INK, "midleft")
    for i in range(int(round(t_max / t_step)) + 1):
        t = i * t_step
        x = int(left + pw * t / t_max)
        pg.draw.line(surf, GRID, (x, top), (x, bottom))
        _text(pg, surf, f"{t:g}", (x, bottom + 6), 16, DIM, "midtop")
    _text(pg, surf, "simulated time (s)", (left + pw // 2, bottom + 26), 18, INK, "midtop")
    for k, door in enumerate(seen):
        y0 = top + k * (band + DOOR_BAND_GAP)
        spans = {id(r): door_spans(r, door) for r in traced}

        def first_change(r: dict[str, Any], spans: dict[int, Any] = spans) -> tuple[float, float]:
            s = spans[id(r)]  # (never: last, the longest run first)
            return (s[1][0] if len(s) > 1 else math.inf), -r["ticks"]

        pg.draw.rect(surf, GRID, (left - 1, y0 - 1, pw + 2, band + 2), 1)
        _text(pg, surf, door[:20], (left - 8, y0 + band // 2), 16, INK, "midright")
        for j, r in enumerate(sorted(traced, key=first_change)):
            gap = 1 if lane >= 4 else 0  # (a dark line between lanes while they are thick enough)
            for a, b, state in spans[id(r)]:
                x0, x1 = x_of(a), max(x_of(a) + 1, x_of(b))
                surf.fill(DOOR_STATE_COLOURS.get(state, (200, 0, 200)), (x0, y0 + j * lane, x1 - x0, lane - gap))
    if not seen:
        _text(pg, surf, "this level has no doors", (left + pw // 2, top + band // 2), 18, DIM, "center")
    pg.image.save(surf, str(path))


def door_load_png(path: Path, runs: list[dict[str, Any]]) -> None:
    """Per door locked in any run: each run's peak push on it as a % of what held it (lock and
    braces), one dot per run, red where it gave way, with the median marked: how close each
    barricade came to breaking, and how much margin it had."""
    pg = _pygame()
    doors = sorted({d for r in runs for d in r.get("door_peak_load", {})})
    w = 820
    left, right, top, row_h = 150, 30, 66, 34
    h = top + row_h * max(1, len(doors)) + 64
    surf = pg.Surface((w, h))
    surf.fill(BG)
    peaks = {d: [r["door_peak_load"][d] for r in runs if d in r.get("door_peak_load", {})] for d in doors}
    # share of the hold, at least 150 %; its ticks' step (at most 8)
    x_max, step = _axis(max(1.5, max((max(v) for v in peaks.values()), default=0.0)), 8)
    pw = w - left - right
    bottom = top + row_h * max(1, len(doors))

    def x_of(load: float) -> int:
        return int(left + pw * min(load, x_max) / x_max)

    _text(pg, surf, f"Peak push on each locked door, % of its lock and braces ({_n(len(runs), 'run')})", (16, 12), 24)
    _text(pg, surf, "one dot per run; red: it gave way; white tick: the median", (16, 40), 16, DIM)
    ticks = [step * i for i in range(int(round(x_max / step)) + 1)]
    if not any(abs(t - 1.0) < 1e-9 for t in ticks):  # 100 % always has its tick: it is where a lock gives
        ticks = [t for t in ticks if abs(x_of(t) - x_of(1.0)) > 30] + [1.0]
    for load in ticks:
        pg.draw.line(surf, GRID, (x_of(load), top), (x_of(load), bottom))
        _text(pg, surf, f"{100 * load:.0f}%", (x_of(load), bottom + 6), 16,
              DOOR_STATE_COLOURS["broken"] if abs(load - 1.0) < 1e-9 else DIM, "midtop")
    pg.draw.line(surf, DOOR_STATE_COLOURS["broken"], (x_of(1.0), top - 6), (x_of(1.0), bottom), 2)
    said = f"100%: a push held past this for {GIVE_TICKS / TICK_HZ:g} s breaks the lock"
    fits = x_of(1.0) + 4 + pg.font.Font(None, 16).size(said)[0] <= w - 8  # else to the line's left
    _text(pg, surf, said, (x_of(1.0) + (4 if fits else -4), top - 4), 16, DOOR_STATE_COLOURS["broken"],
          "bottomleft" if fits else "bottomright")
    _text(pg, surf, "peak push / (lock + braces)", (left + pw // 2, bottom + 28), 18, INK, "midtop")
    for k, d in enumerate(doors):
        y = top + k * row_h + row_h // 2
        pg.draw.line(surf, GRID, (left, y), (left + pw, y))
        _text(pg, surf, d[:20], (left - 8, y), 16, INK, "midright")
        locked_in = [r for r in runs if d in r.get("door_peak_load", {})]
        for j, (load, run) in enumerate(zip(peaks[d], locked_in, strict=True)):  # spread over the row by run
            dy = ((j * 7) % 11 - 5) * (row_h // 2 - 4) // 5  # (so equal peaks do not hide each other)
            colour = DOOR_STATE_COLOURS["broken" if gave_way(run, d) else "locked"]
            pg.draw.circle(surf, colour, (x_of(load), y + dy), 3)
        mid = x_of(float(np.median(peaks[d])))
        pg.draw.line(surf, INK, (mid, y - row_h // 2 + 2), (mid, y + row_h // 2 - 2), 2)
    if not doors:
        _text(pg, surf, f"no door was locked in {'this run' if len(runs) == 1 else 'these runs'}", (left + pw // 2, top + row_h // 2), 18, DIM, "center")
    pg.image.save(surf, str(path))


def _grids(tilemap: TileMap, runs: list[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray, int]:
    deaths = np.zeros(tilemap.kind.shape, dtype=np.float64)
    walked = np.zeros(tilemap.kind.shape, dtype=np.float64)
    n_deaths = 0
    for r in runs:
        trace = r.get("trace") or {}
        for x, y, _cause in trace.get("death_positions", []):
            c, row = tilemap.tile_of(x, y)
            deaths[row, c] += 1
            n_deaths += 1
        for c, row, n in trace.get("lead_visits", []):
            if 0 <= row < walked.shape[0] and 0 <= c < walked.shape[1]:
                walked[row, c] += n
    return deaths, walked, n_deaths


def _walked_words(samples: float) -> str:
    """The lead's samples on a tile (one every PATH_EVERY ticks) as time: "0.1 s", "57 s"."""
    seconds = samples * PATH_EVERY / TICK_HZ
    return f"{seconds:.1f} s" if seconds < 10 else f"{seconds:.0f} s"


def write_report(folder: Path, batch: dict[str, Any], spec: LevelSpec) -> list[Path]:
    """Write report.json, the PNGs and index.html into ``folder``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    tilemap = TileMap.from_spec(spec.map)
    runs = batch["runs"]
    deaths, walked, n_deaths = _grids(tilemap, runs)
    written = []
    p = folder / "deaths.png"
    heatmap_png(p, tilemap, deaths, f"Where students died - {batch['level']}",
                f"{_n(n_deaths, 'death')} over {_n(len(runs), 'run')}; key: deaths on a tile" if n_deaths
                else f"no student died in {_n(len(runs), 'run')}", True, spec, lambda v: _n(int(v), "death"))
    written.append(p)
    p = folder / "lead_path.png"
    heatmap_png(p, tilemap, walked, f"Where the lead walked - {batch['level']}",
                f"time the lead spent on each tile ({TILE_PX} px), summed over {_n(len(runs), 'run')}, "
                f"bot {batch['bot']}", False, spec, _walked_words)
    written.append(p)
    p = folder / "horde.png"
    horde_png(p, runs)
    written.append(p)
    if spec.props:
        p = folder / "props.png"
        props_png(p, tilemap, spec, batch)
        written.append(p)
    if spec.doors:  # (a level with none got two empty charts, "this level has no doors")
        p = folder / "doors.png"
        doors_png(p, runs, [d.id for d in spec.doors])
        written.append(p)
        p = folder / "door_load.png"
        door_load_png(p, runs)
        written.append(p)
    p = folder / "report.json"
    _atomic_write(p, json.dumps(batch, indent=1, sort_keys=True).encode())
    written.append(p)
    p = folder / "index.html"
    _atomic_write(p, _html(batch, doors=bool(spec.doors), props=bool(spec.props)).encode())
    written.append(p)
    return written


def props_png(path: Path, tilemap: TileMap, spec: LevelSpec, batch: dict[str, Any]) -> None:
    """Where the level's props ended up: each moved prop's last pose outlined once a run (the
    trace's ``props_end``) over the map with the props where they start, so a designer sees
    whether the barricade a bot or a playtester built stood flush in the doorway or a tile off,
    and which props nobody touched."""
    types = {p.id: spec.prop_type(p.type) for p in spec.props}
    placed = {p.id: p for p in spec.props}
    outlines, moved = [], set()
    runs = batch["runs"]
    for run in runs:
        for prop_id, x, y, deg in run.get("trace", {}).get("props_end", []):
            if prop_id in placed:
                at = dataclasses.replace(placed[prop_id], at=(x / TILE_PX, y / TILE_PX), angle_deg=deg)
                outlines.append(prop_footprint(at, types[prop_id]))
                moved.add(prop_id)
    note = (f"{len(moved)} of {_n(len(placed), 'prop')} moved over {_n(len(runs), 'run')}, bot {batch['bot']}"
            if moved else f"no prop moved in {_n(len(runs), 'run')}, bot {batch['bot']}")
    heatmap_png(path, tilemap, np.zeros(tilemap.kind.shape), f"Where the props ended up - {batch['level']}",
                note, False, spec, outlines=outlines)


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _braced_words(braced: dict[str, Any] | None) -> str:
    """A door's bracing over the runs: "x1.5" (median; with its p10-p90 when they differ), "none"."""
    if not braced or braced.get("median") is None:
        return "-"
    if braced["p90"] == 0:
        return "none"
    if braced["p10"] == braced["p90"]:
        return f"x{braced['median']:.1f}"
    return f"x{braced['median']:.1f} (x{braced['p10']:.1f} - x{braced['p90']:.1f})"


# How index.html says its numbers (report.json keeps them whole): one page mixed 58.9167,
# 68.558 and 27.67 s.
def _seconds_words(v: Any) -> str:
    """A time to 0.1 s: "58.9"; anything not a number as it is."""
    return f"{v:.1f}" if isinstance(v, (int, float)) else str(v)


def _count_words(v: float) -> str:
    """A count or a spread of counts, to 0.1 at most: "4", "4.5" (a median of two runs)."""
    return f"{round(v, 1):g}"


def _whole_words(v: Any) -> str:
    """Noise (px) or a score, to the unit: "11543"."""
    return f"{v:.0f}" if isinstance(v, (int, float)) else str(v)


def _html(batch: dict[str, Any], doors: bool = True, props: bool = True) -> str:
    s = batch["summary"]
    e = html.escape

    def fmt(spread: dict[str, Any], say: Callable[[float], str] = _count_words) -> str:
        if spread.get("median") is None:
            return "-"
        return f"{say(spread['median'])} (p10 {say(spread['p10'])}, p90 {say(spread['p90'])})"

    rate = "-" if s["win_rate"] is None else f"{100 * s['win_rate']:.0f}%"
    ci = s["win_rate_ci95"]
    summary_rows = [
        ("runs", str(s["runs"])), ("win rate", f"{rate} (95% CI {100 * ci[0]:.0f}-{100 * ci[1]:.0f}%)"),
        ("outcomes", ", ".join(f"{k}: {v}" for k, v in s["outcomes"].items())),
        ("time (s)", fmt(s["time_seconds"], _seconds_words)),
        ("time to win (s)", fmt(s["win_time_seconds"], _seconds_words)),
        ("survivors", fmt(s["survivors"])),
        ("deaths by cause", ", ".join(f"{k}: {v}" for k, v in s["deaths_by_cause"].items()) or "none"),
        # who did the killing: the [[zombies]] group, wave or spawner of the zombie whose bite
        # last landed on each student lost, and of every bite that landed, summed over the runs
        ("deaths by group", group_words(s.get("deaths_by_group", {}))),
        ("bites by group", group_words(s.get("bites_by_group", {}))),
        ("noise made (px)", fmt(s["noise_made"], _whole_words)), ("peak horde", fmt(s["peak_horde"])),
        ("score", fmt(s["score"], _whole_words)), ("stars", stars_words(s["stars"])),
    ]
    drops = drop_words(s.get("drops", {}))
    if drops:  # on a drop level, how much of the horde went over is the number that matters
        summary_rows.append(("falls", "; ".join(drops)))
    if batch.get("endless"):  # no win: how long the squad held out is the measure
        summary_rows[1] = ("endless", f"every run ends with the squad down (loss) or still standing at "
                                      f"{ENDLESS_PLAYTEST_SECONDS / 60:g} min (timeout)")
        summary_rows[3] = ("held out (s)", fmt(s["time_seconds"], _seconds_words))
    cols = ("seed", "outcome", "cause", "sim_seconds", "survivors", "peak_zombies", "zombies_spawned", "noise_made",
            "deaths", "zombie_deaths", "first_loud_noises", "final_hash")

    def run_cell(r: dict[str, Any], c: str) -> str:
        v = r.get(c, "")
        if c == "first_loud_noises":  # what woke the horde: "0.2 s phone (throw-1); 0.5 s rattle (trolley-1)"
            return noise_words(v or [], places=1) or "none"
        if c == "sim_seconds":
            return _seconds_words(v)
        if c == "noise_made":
            return _whole_words(v)
        return ", ".join(f"{k}: {x}" for k, x in v.items()) if isinstance(v, dict) else str(v)

    run_rows = "\n".join("<tr>" + "".join(f"<td>{e(run_cell(r, c))}</td>" for c in cols) + "</tr>" for r in batch["runs"])
    def cell(v: Any) -> str:  # a time, s
        return "-" if v is None else _seconds_words(v)

    def between(spread: dict[str, Any]) -> str:  # times, s
        return "-" if spread["p10"] is None else f"{_seconds_words(spread['p10'])} - {_seconds_words(spread['p90'])}"

    funnel_rows = "\n".join(
        f"<tr><td>{k}. {e(f['text'])}</td><td>{f['done']} of {s['runs']}</td>"
        f"<td>{cell(f['seconds']['median'])}</td><td>{between(f['seconds'])}</td>"
        f"<td>{f['ended_here'] or ''}</td></tr>"
        for k, f in enumerate(s.get("objective_funnel", []), 1))
    funnel = ("<h2>How far runs got</h2><p>Each objective in order: how many runs did it and when (sim seconds);"
              " the last column counts runs that ended on it without winning: where the level stops players.</p>"
              "<table><tr><th>objective</th><th>done</th><th>median s</th><th>p10 - p90 s</th>"
              f"<th>ended here</th></tr>{funnel_rows}</table>") if funnel_rows else ""
    loss_rows = "\n".join(
        f"<tr><td>{e(x['student'])}</td><td>{x['runs']} of {s['runs']}</td><td>{cell(x['seconds']['median'])}</td>"
        f"<td>{between(x['seconds'])}</td></tr>"
        for x in s.get("squad_losses", []))
    losses = ("<h2>Who was lost</h2><table><tr><th>student</th><th>lost in</th><th>median s</th>"
              f"<th>p10 - p90 s</th></tr>{loss_rows}</table>") if loss_rows else "<h2>Who was lost</h2><p>Nobody, in any run.</p>"
    door_rows = "\n".join(
        f"<tr><td>{e(x['door'])}</td><td>{x['runs']} of {s['runs']}</td><td>{100 * x['peak_load']['median']:.0f}%</td>"
        f"<td>{100 * x['peak_load']['p90']:.0f}%</td><td>{100 * x['max']:.0f}%</td><td>{x['gave_way']}</td>"
        f"<td>{_braced_words(x.get('braced'))}</td></tr>"
        for x in s.get("door_load", []))
    door_load = ("<h2>Locked doors: how close they came to giving way</h2><p>Each run's peak push of the crowd on"
                 " a locked door, as a share of what held it (its lock and the props braced against it): past 100%"
                 " the lock holds one second more, then gives. A door that gave way reads 100% or more: the push"
                 " it took in that last second, as its braces were shoved away, not how far it fell short (the push"
                 " is not known past the break). Braced: the most the props against it"
                 " ever added, in locks (x1.0: as much as its lock again; 0: no prop reached it), median over the"
                 " runs.</p><table><tr><th>door</th><th>locked in</th><th>median peak</th>"
                 f"<th>p90 peak</th><th>highest</th><th>gave way in</th><th>braced</th></tr>{door_rows}</table>") if door_rows else ""
    pictures = "\n".join(f'<figure><img src="{n}.png" alt="{n}"><figcaption>{n}</figcaption></figure>'
                         for n in ("deaths", "lead_path", "horde", *(("props",) if props else ()),
                                   *(("doors", "door_load") if doors else ())))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hyosan playtest: {e(batch['level'])}</title>
<style>body{{font-family:sans-serif;background:#18161a;color:#e6e2dc;margin:2em}}
table{{border-collapse:collapse}}td,th{{border:1px solid #444;padding:3px 8px;text-align:left}}
img{{max-width:100%}}figure{{display:inline-block;margin:1em}}</style></head><body>
<h1>Playtest: {e(batch['level'])} with bot {e(batch['bot'])}</h1>
<table>{''.join(f'<tr><th>{e(k)}</th><td>{e(v)}</td></tr>' for k, v in summary_rows)}</table>
{funnel}
{losses}
{door_load}
{pictures}
<h2>Runs</h2>
<table><tr>{''.join(f'<th>{c}</th>' for c in cols)}</tr>
{run_rows}
</table></body></html>
"""
