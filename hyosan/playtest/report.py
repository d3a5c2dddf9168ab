"""Batch reports: report.json, PNG pictures drawn with pygame off-screen, and an index.html.

Pictures (no matplotlib; every axis and label is drawn here):

- ``deaths.png`` — the level map, small, with a heat overlay of where students died (the props
  where they start, zones, lamps, sound sources, stations, doors and the start marked on it, as
  on the next);
- ``lead_path.png`` — the same map with where the lead walked (time spent per tile);
- ``horde.png`` — zombies alive, chasing and investigating over time (mean over runs, with the range shaded);
- ``doors.png`` — a timeline per door of when it opened, closed, was locked or broke;
- ``door_load.png`` — per locked door, each run's peak push as a % of its lock and braces.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from ..content.schema import LevelSpec
from ..sim.lamps import lamp_pool
from ..sim.props import prop_footprint
from ..sim.tilemap import FLOOR, TileMap
from ..sim.units import TICK_HZ, TILE_PX
from .designer import drop_words, stars_words
from .runner import ENDLESS_PLAYTEST_SECONDS
from .stats import gave_way, noise_words

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


def _heat_colour(v: float, hot: bool) -> tuple[int, int, int]:
    """0..1 -> a colour ramp (hot: yellow->red; cool: blue->cyan->white)."""
    v = min(1.0, max(0.0, v))
    if hot:
        return (255, int(230 * (1 - v)), int(60 * (1 - v)))
    return (int(60 + 195 * v), int(120 + 135 * v), 255)


ZONE_COLOURS = {"exit": (90, 220, 110), "fall": (235, 80, 70)}  # zone outlines by role; the rest FEATURE
FEATURE = (240, 235, 225)
LAMP = (250, 215, 90)
SOUND_MARK = (120, 200, 245)  # a scripted noise-maker's speaker and id


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


LABEL_BACKING = (16, 14, 18, 190)  # a dark, mostly opaque box behind every label on a map


class _Labels:
    """Map labels placed last, over the heat and the lamps' glow, each on a dark backing and
    kept clear of the ones placed before it and inside ``bounds``: a designer's report had zone
    ids running into each other ("collapsed-floo" under "east-corridor"), a lamp's glow over
    "start" and blue door ids on a blue path."""

    def __init__(self, pg: Any, size: int, bounds: Any) -> None:
        self.pg, self.font, self.bounds = pg, pg.font.Font(None, size), bounds
        self.wanted: list[tuple[str, tuple[int, int], str, tuple[int, int, int]]] = []

    def add(self, text: str, pos: tuple[int, int], anchor: str, colour: tuple[int, int, int]) -> None:
        self.wanted.append((text, pos, anchor, colour))

    def draw(self, surf: Any) -> list[Any]:
        """Draw every label; returns the boxes they went in (pygame Rects, in the order added)."""
        taken: list[Any] = []
        for text, (x, y), anchor, colour in self.wanted:
            img = self.font.render(text, True, colour)
            rect = img.get_rect(**{anchor: (x, y)}).inflate(4, 2)
            h = rect.height
            # Where it was asked for, then a label's height lower, higher, lower again...
            tries = [rect.move(0, dy) for dy in (0, h, -h, 2 * h, -2 * h)]
            tries = [t.clamp(self.bounds) for t in tries]
            spot = next((t for t in tries if t.collidelist(taken) < 0), tries[0])
            taken.append(spot)
            box = self.pg.Surface(spot.size, self.pg.SRCALPHA)
            box.fill(LABEL_BACKING)
            surf.blit(box, spot)
            surf.blit(img, img.get_rect(center=spot.center))
        return taken


def _features(pg: Any, surf: Any, spec: LevelSpec, cell: int, origin: tuple[int, int],
              size: tuple[int, int] | None = None) -> None:
    """What a designer places, drawn over the map so a heat spot can be read against it: zones
    outlined (exit green, fall red) with their ids, lamps as yellow dots on a faint yellow of what
    they light (walls and shut doors stop it), scripted sound sources as small speakers with
    their ids, stations as rings with their ids, doors with their ids, and the squad's start.
    ``size`` is the map's (w, h) px: labels stay inside it."""
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
        pg.draw.polygon(surf, SOUND_MARK, [(x - r, y - r // 2), (x - r, y + r // 2), (x, y + r), (x, y - r)])
        labels.add(sound.id, (x + r + 2, y), "midleft", SOUND_MARK)
    for station in spec.stations:
        pg.draw.circle(surf, FEATURE, at(*station.at), max(4, cell), 2)
        labels.add(station.id, (at(*station.at)[0] + max(4, cell) + 2, at(*station.at)[1]), "midleft", FEATURE)
    for door in spec.doors:
        c, r = door.tile
        labels.add(door.id, at(c + 0.5, r - 0.2), "midbottom", DOOR_STATE_COLOURS["locked"] if door.locked else FEATURE)
    lead = next((s for s in spec.squad if s.lead), None)
    if lead is not None and lead.at[0] >= 0:
        x, y = at(*lead.at)
        pg.draw.polygon(surf, FEATURE, [(x, y - 5), (x - 4, y + 3), (x + 4, y + 3)])
        labels.add("start", (x + 6, y), "midleft", FEATURE)
    labels.draw(surf)


def heatmap_png(path: Path, tilemap: TileMap, grid: np.ndarray, title: str, note: str, hot: bool,
                spec: LevelSpec | None = None) -> None:
    """Draw ``grid`` ([row, col] counts) over the map (with the level's props where they start,
    zones, lamps, stations, doors and start marked when ``spec`` is given) and save it as a PNG."""
    pg = _pygame()
    cell = max(4, min(16, 900 // max(1, tilemap.cols)))
    base = _map_surface(pg, tilemap, cell)
    pad, top = 16, 40
    # At least 640 px wide, so the title and the note's line (with the colour key at its
    # right end) never run into each other on a narrow map.
    props = _prop_layers(pg, spec, cell, base.get_size()) if spec is not None and spec.props else None
    key_row = 18 if props is not None else 0  # px: a second line under the note says what the pale boxes are
    surf = pg.Surface((max(640, base.get_width() + 2 * pad), base.get_height() + top + 44 + key_row))
    surf.fill(BG)
    surf.blit(base, (pad, top))
    if props is not None:
        surf.blit(props[0], (pad, top))
    overlay = pg.Surface(base.get_size(), pg.SRCALPHA)
    peak = float(grid.max()) if grid.size else 0.0
    if peak > 0:
        for r, c in zip(*np.nonzero(grid), strict=True):
            v = float(np.sqrt(grid[r, c] / peak))  # sqrt: rare tiles still show
            overlay.fill((*_heat_colour(v, hot), int(90 + 140 * v)), (int(c) * cell, int(r) * cell, cell, cell))
    surf.blit(overlay, (pad, top))
    if props is not None:
        surf.blit(props[1], (pad, top))
    if spec is not None:
        _features(pg, surf, spec, cell, (pad, top), base.get_size())
    _text(pg, surf, title, (pad, 12), 24)
    below = top + base.get_height() + 10
    _text(pg, surf, note, (pad, below), 18, DIM)
    right = surf.get_width() - pad - 40  # the colour key: "rare" [5 boxes] "often", under the map's right end
    for i in range(5):
        pg.draw.rect(surf, _heat_colour(i / 4, hot), (right - (5 - i) * 26, below + 2, 24, 12))
    _text(pg, surf, "rare", (right - 5 * 26 - 6, below + 8), 16, DIM, "midright")
    _text(pg, surf, "often", (right + 4, below + 8), 16, DIM, "midleft")
    if props is not None:
        swatch = pg.Rect(pad, below + 22, 18, 10)  # a prop as drawn on the floor
        veil = pg.Surface(swatch.size, pg.SRCALPHA)
        veil.fill(PROP_VEIL)
        surf.fill(MAP_COLOURS[FLOOR], swatch)
        surf.blit(veil, swatch)
        pg.draw.rect(surf, PROP_EDGE[:3], swatch, 1)
        _text(pg, surf, "props, where they stand as the level starts", (swatch.right + 6, swatch.centery), 16, DIM,
              "midleft")
    pg.image.save(surf, str(path))


def _nice_max(v: float) -> float:
    if v <= 0:
        return 1.0
    mag = 10 ** np.floor(np.log10(v))
    for step in (1, 2, 2.5, 5, 10):
        if step * mag >= v:
            return float(step * mag)
    return float(10 * mag)


# The horde chart's lines: everyone alive, those who see prey, those who heard something.
HORDE_SERIES = (("alive", (235, 90, 80)), ("chasing", (250, 200, 70)), ("investigating", (110, 170, 240)))


def horde_png(path: Path, runs: list[dict[str, Any]]) -> None:
    """A line chart of zombies alive, chasing and investigating over time, mean over runs, range shaded."""
    pg = _pygame()
    w, h = 820, 420
    left, right, top, bottom = 70, 20, 58, 60
    surf = pg.Surface((w, h))
    surf.fill(BG)
    series = [np.asarray(r["trace"]["horde"], dtype=np.float64).reshape(-1, 4) for r in runs if r.get("trace")]
    t_end = max((float(s[-1, 0]) for s in series if len(s)), default=1.0) / TICK_HZ
    t_max = _nice_max(max(t_end, 1.0))
    times = np.linspace(0.0, t_end, 120)
    layers = {}
    for col, name in ((1, "alive"), (2, "chasing"), (3, "investigating")):
        rows = [np.interp(times, s[:, 0] / TICK_HZ, s[:, col], right=np.nan) for s in series if len(s)]
        layers[name] = np.array(rows) if rows else np.zeros((0, len(times)))
    y_top = max((float(np.nanmax(v)) for v in layers.values() if v.size and not np.all(np.isnan(v))), default=0.0)
    y_max = _nice_max(max(y_top, 1.0))
    pw, ph = w - left - right, h - top - bottom

    def to_px(t: float, v: float) -> tuple[int, int]:
        return int(left + pw * t / t_max), int(top + ph * (1 - v / y_max))

    for i in range(6):  # grid and tick labels
        v = y_max * i / 5
        _, y = to_px(0, v)
        pg.draw.line(surf, GRID, (left, y), (left + pw, y))
        _text(pg, surf, f"{v:g}", (left - 8, y), 16, DIM, "midright")
        t = t_max * i / 5
        x, _ = to_px(t, 0)
        pg.draw.line(surf, GRID, (x, top), (x, top + ph))
        _text(pg, surf, f"{t:g}", (x, top + ph + 8), 16, DIM, "midtop")
    pg.draw.line(surf, INK, (left, top), (left, top + ph), 2)
    pg.draw.line(surf, INK, (left, top + ph), (left + pw, top + ph), 2)
    _text(pg, surf, "simulated time (s)", (left + pw // 2, h - 22), 18, INK, "midtop")
    label = pg.transform.rotate(pg.font.Font(None, 18).render("zombies", True, INK), 90)
    surf.blit(label, (12, top + ph // 2 - label.get_height() // 2))
    _text(pg, surf, f"Horde size over time ({len(series)} run{'s' if len(series) != 1 else ''}: mean, range shaded)",
          (left, 10), 24)
    for name, colour in HORDE_SERIES:
        data = layers[name]
        if not data.size:
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
    for i, (name, colour) in enumerate(HORDE_SERIES):
        x = left + pw - 330 + i * 110  # a row under the title, so a long title never runs into it
        pg.draw.line(surf, colour, (x, 40), (x + 20, 40), 3)
        _text(pg, surf, name, (x + 24, 40), 16, INK, "midleft")
    if y_top == 0:
        _text(pg, surf, "no zombies in these runs (this level or build has no horde)", (left + pw // 2, top + ph // 2),
              20, DIM, "center")
    pg.image.save(surf, str(path))


def doors_png(path: Path, runs: list[dict[str, Any]], door_ids: list[str]) -> None:
    """A timeline per door: a mark for every open/closed/locked/broken change, over all runs."""
    pg = _pygame()
    seen = sorted({e[1] for r in runs if r.get("trace") for e in r["trace"]["doors"]} | set(door_ids))
    w = 820
    left, right, top, row_h = 150, 20, 56, 30
    h = top + row_h * max(1, len(seen)) + 60
    surf = pg.Surface((w, h))
    surf.fill(BG)
    t_end = max((r["ticks"] for r in runs), default=1) / TICK_HZ
    t_max = _nice_max(max(t_end, 1.0))
    pw = w - left - right
    _text(pg, surf, f"Doors and barricades over time ({len(runs)} runs)", (16, 12), 24)
    for i, (state, colour) in enumerate(DOOR_STATE_COLOURS.items()):
        x = w - right - 4 * 90 + i * 90
        pg.draw.rect(surf, colour, (x, 36, 10, 10))
        _text(pg, surf, state, (x + 14, 41), 16, INK, "midleft")
    bottom = top + row_h * max(1, len(seen))
    for i in range(6):
        t = t_max * i / 5
        x = int(left + pw * t / t_max)
        pg.draw.line(surf, GRID, (x, top), (x, bottom))
        _text(pg, surf, f"{t:g}", (x, bottom + 6), 16, DIM, "midtop")
    _text(pg, surf, "simulated time (s)", (left + pw // 2, bottom + 26), 18, INK, "midtop")
    rows = {d: k for k, d in enumerate(seen)}
    for d, k in rows.items():
        y = top + k * row_h + row_h // 2
        pg.draw.line(surf, GRID, (left, y), (left + pw, y))
        _text(pg, surf, d[:20], (left - 8, y), 16, INK, "midright")
    marks = pg.Surface((w, h), pg.SRCALPHA)
    for r in runs:
        for tick, door, state in (r.get("trace") or {}).get("doors", []):
            x = int(left + pw * (tick / TICK_HZ) / t_max)
            y = top + rows[door] * row_h + row_h // 2
            colour = DOOR_STATE_COLOURS.get(state, (200, 0, 200))
            pg.draw.rect(marks, (*colour, 170 if state == "broken" else 110), (x - 1, y - 9, 3, 18))
    surf.blit(marks, (0, 0))
    if not seen:
        _text(pg, surf, "this level has no doors", (left + pw // 2, top + row_h // 2), 18, DIM, "center")
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
    x_max = max(1.5, _nice_max(max((max(v) for v in peaks.values()), default=0.0)))  # share of the hold
    pw = w - left - right
    bottom = top + row_h * max(1, len(doors))

    def x_of(load: float) -> int:
        return int(left + pw * min(load, x_max) / x_max)

    _text(pg, surf, f"Peak push on each locked door, % of its lock and braces ({len(runs)} runs)", (16, 12), 24)
    _text(pg, surf, "one dot per run; red: it gave way; white tick: the median", (16, 40), 16, DIM)
    for i in range(6):
        load = x_max * i / 5
        pg.draw.line(surf, GRID, (x_of(load), top), (x_of(load), bottom))
        _text(pg, surf, f"{100 * load:.0f}%", (x_of(load), bottom + 6), 16, DIM, "midtop")
    pg.draw.line(surf, DOOR_STATE_COLOURS["broken"], (x_of(1.0), top - 6), (x_of(1.0), bottom), 2)
    _text(pg, surf, "gives a second on", (x_of(1.0) + 4, top - 4), 16, DOOR_STATE_COLOURS["broken"], "bottomleft")
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
        _text(pg, surf, "no door was locked in these runs", (left + pw // 2, top + row_h // 2), 18, DIM, "center")
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


def write_report(folder: Path, batch: dict[str, Any], spec: LevelSpec) -> list[Path]:
    """Write report.json, the PNGs and index.html into ``folder``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    tilemap = TileMap.from_spec(spec.map)
    runs = batch["runs"]
    deaths, walked, n_deaths = _grids(tilemap, runs)
    written = []
    p = folder / "deaths.png"
    heatmap_png(p, tilemap, deaths, f"Where students died - {batch['level']}",
                f"{n_deaths} deaths over {len(runs)} runs" if n_deaths else f"no student died in {len(runs)} runs", True,
                spec)
    written.append(p)
    p = folder / "lead_path.png"
    heatmap_png(p, tilemap, walked, f"Where the lead walked - {batch['level']}",
                f"time spent per tile ({TILE_PX} px), {len(runs)} runs, bot {batch['bot']}", False, spec)
    written.append(p)
    p = folder / "horde.png"
    horde_png(p, runs)
    written.append(p)
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
    _atomic_write(p, _html(batch).encode())
    written.append(p)
    return written


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


def _html(batch: dict[str, Any]) -> str:
    s = batch["summary"]
    e = html.escape

    def fmt(spread: dict[str, Any]) -> str:
        if spread.get("median") is None:
            return "-"
        return f"{spread['median']:g} (p10 {spread['p10']:g}, p90 {spread['p90']:g})"

    rate = "-" if s["win_rate"] is None else f"{100 * s['win_rate']:.0f}%"
    ci = s["win_rate_ci95"]
    summary_rows = [
        ("runs", str(s["runs"])), ("win rate", f"{rate} (95% CI {100 * ci[0]:.0f}-{100 * ci[1]:.0f}%)"),
        ("outcomes", ", ".join(f"{k}: {v}" for k, v in s["outcomes"].items())),
        ("time (s)", fmt(s["time_seconds"])), ("time to win (s)", fmt(s["win_time_seconds"])),
        ("survivors", fmt(s["survivors"])),
        ("deaths by cause", ", ".join(f"{k}: {v}" for k, v in s["deaths_by_cause"].items()) or "none"),
        ("noise made", fmt(s["noise_made"])), ("peak horde", fmt(s["peak_horde"])),
        ("score", fmt(s["score"])), ("stars", stars_words(s["stars"])),
    ]
    drops = drop_words(s.get("drops", {}))
    if drops:  # on a drop level, how much of the horde went over is the number that matters
        summary_rows.append(("falls", "; ".join(drops)))
    if batch.get("endless"):  # no win: how long the squad held out is the measure
        summary_rows[1] = ("endless", f"every run ends with the squad down (loss) or still standing at "
                                      f"{ENDLESS_PLAYTEST_SECONDS / 60:g} min (timeout)")
        summary_rows[3] = ("held out (s)", fmt(s["time_seconds"]))
    cols = ("seed", "outcome", "cause", "sim_seconds", "survivors", "peak_zombies", "zombies_spawned", "noise_made",
            "deaths", "zombie_deaths", "first_loud_noises", "final_hash")

    def run_cell(r: dict[str, Any], c: str) -> str:
        v = r.get(c, "")
        if c == "first_loud_noises":  # what woke the horde: "0.2 s phone (throw-1); 0.5 s rattle (trolley-1)"
            return noise_words(v or []) or "none"
        return ", ".join(f"{k}: {x}" for k, x in v.items()) if isinstance(v, dict) else str(v)

    run_rows = "\n".join("<tr>" + "".join(f"<td>{e(run_cell(r, c))}</td>" for c in cols) + "</tr>" for r in batch["runs"])
    def cell(v: Any) -> str:
        return "-" if v is None else f"{v:g}"

    def between(spread: dict[str, Any]) -> str:
        return "-" if spread["p10"] is None else f"{spread['p10']:g} - {spread['p90']:g}"

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
                 " the lock holds one second more, then gives. A door that gave way reads just over 100% however"
                 " far it fell short: the push is not known past the break. Braced: the most the props against it"
                 " ever added, in locks (x1.0: as much as its lock again; 0: no prop reached it), median over the"
                 " runs.</p><table><tr><th>door</th><th>locked in</th><th>median peak</th>"
                 f"<th>p90 peak</th><th>highest</th><th>gave way in</th><th>braced</th></tr>{door_rows}</table>") if door_rows else ""
    pictures = "\n".join(f'<figure><img src="{n}.png" alt="{n}"><figcaption>{n}</figcaption></figure>'
                         for n in ("deaths", "lead_path", "horde", "doors", "door_load"))
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
