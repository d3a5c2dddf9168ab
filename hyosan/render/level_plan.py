"""A level's plan for the level select: the map from above in the tile art's own colours, with
where the horde starts (red), where the squad starts (yellow) and the way out (green).

Built from the level file alone (no World, no physics), so a whole pack's plans cost a few
milliseconds. Colours are the mean colour of each tile's sprite, so a plan reads like a
shrunken screenshot of the level rather than a debug grid.
"""

from __future__ import annotations

import numpy as np
import pygame

from ..content.schema import LevelSpec
from ..sim.falls import fall_mask
from ..sim.tilemap import TileMap
from .atlas import Atlas
from .trail_markers import marker_spots
from .world_view import FLOOR_TILES

VOID_RGB = (10, 9, 12)
EXIT_RGB = (70, 220, 110)  # matches the in-game exit glow's hue
EXIT_WASH_ALPHA = 110  # of 255: an exit zone's green wash on the plan, over the horde's red where both
HORDE_RGB = (214, 48, 40)
SQUAD_RGB = (250, 214, 70)
STATION_RGB = (236, 230, 218)  # a ring on a station an objective needs worked (the menus' ink)
MARKER_RGB = (250, 214, 70)  # a trail marker: the ribbon's yellow (render/trail_markers.RIBBON)
MARKER_EDGE_RGB = (92, 66, 12)  # its outline and the trail between markers, dark on any floor
MARKER_REACHED_RGB = (120, 116, 104)  # a marker the squad has been to (the pause map greys it)
LABEL_RGB = (236, 230, 218)  # a place's name ([[labels]]): the menus' ink...
LABEL_RING_RGB = (12, 10, 14)  # ...ringed in near-black, to read over floor, wall and horde alike
LABEL_PX_PER_TILE = 1.5  # a label's font px per tile px of the plan (a word a tile and a half tall)...
LABEL_MIN_PX, LABEL_MAX_PX = 14, 24  # ...within these (px): legible on the level select's small plan
HORDE_ALPHA = 110  # 0-255: the horde's starting areas tint the floor under them
# Zombies per tile from which a starting area is tinted at full HORDE_ALPHA; a sparser one is
# fainter, down to HORDE_FAINTEST of it. Storm Crossing's six stragglers (two in 48 tiles of
# the south walk) were drawn as red as the yard's 170 in 300, and the quiet way read as a horde.
HORDE_FULL_DENSITY = 0.15
HORDE_FAINTEST = 0.3

# The tile sprite whose mean colour stands for each legend kind (floors come from FLOOR_TILES).
KIND_SPRITES = {
    "wall": "tile.wall.school.top.0",
    "window": "tile.window.0",
    "puddle": "tile.puddle.0",
    "edge": "tile.site.edge.0",
    "door": "prop.door.closed",
}


def horde_alpha(count: int, zone: tuple[float, float, float, float]) -> int:
    """The tint (0-255) of a starting area holding ``count`` zombies over ``zone`` (tiles): full
    HORDE_ALPHA from HORDE_FULL_DENSITY zombies a tile up, fainter below, never under
    HORDE_FAINTEST of it (a straggler or two still shows)."""
    x0, y0, x1, y1 = zone
    area = max(abs(x1 - x0) * abs(y1 - y0), 1.0)
    share = min(1.0, max(HORDE_FAINTEST, count / area / HORDE_FULL_DENSITY))
    return round(HORDE_ALPHA * share)


def _mean_rgb(atlas: Atlas, name: str, fallback: tuple[int, int, int]) -> tuple[int, int, int]:
    if name not in atlas:
        return fallback
    r, g, b, _ = pygame.transform.average_color(atlas.frame(name), consider_alpha=True)
    return int(r), int(g), int(b)


def objective_stations(spec: LevelSpec) -> list[tuple[float, float]]:
    """Where (tiles) the stations the level's required objectives have the squad work stand, in
    objective order (a use-station, or a hold until a station is done)."""
    at = {st.id: st.at for st in spec.stations}
    out = []
    for o in spec.objectives:
        if o.worked_station in at and not o.optional:
            out.append(at[o.worked_station])
    return out


def has_trail_markers(spec: LevelSpec) -> bool:
    """Whether a level has trail markers (zones with ``role = "marker"``) for its plan to draw."""
    return any(z.role == "marker" for z in spec.zones)


_TRAILS: dict[tuple[str, str], list[tuple[str, float, float]]] = {}  # (level, content hash) -> trail_of


def trail_of(spec: LevelSpec) -> list[tuple[str, float, float]]:
    """(zone id, x, y in tiles) of a level's trail markers (zones with ``role = "marker"``):
    where their ribbons hang, the spots the game draws them and the objective arrow points at,
    in the order the required objectives ask for them, then any others in file order. Worked
    out once per level file (the pause map asks every frame)."""
    if not has_trail_markers(spec):
        return []
    key = (spec.source or spec.id, spec.content_hash)
    if key not in _TRAILS:
        if len(_TRAILS) > 64:  # a designer reloading a pack many times: forget the old files
            _TRAILS.clear()
        spots = {zid: (x, y) for zid, x, y, _ in marker_spots(spec.zones, TileMap.from_spec(spec.map).kind)}
        order = [o.zone for o in spec.objectives if o.kind == "reach-zone" and o.zone in spots and not o.optional]
        order = list(dict.fromkeys(order)) + [zid for zid in spots if zid not in order]
        _TRAILS[key] = [(z, *spots[z]) for z in order]
    return _TRAILS[key]


def trail_markers(spec: LevelSpec) -> list[tuple[float, float]]:
    """The spots (tiles) of ``trail_of``, in its order."""
    return [(x, y) for _, x, y in trail_of(spec)]


def draw_marker(surf: pygame.Surface, centre: tuple[int, int], radius: int, reached: bool = False) -> None:
    """A trail marker on a plan (or its key): a yellow diamond with a dark edge, so it reads apart
    from the squad's round yellow dots; grey once the squad has reached it (the pause map)."""
    x, y = centre
    points = [(x, y - radius), (x + radius, y), (x, y + radius), (x - radius, y)]
    pygame.draw.polygon(surf, MARKER_REACHED_RGB if reached else MARKER_RGB, points)
    pygame.draw.polygon(surf, MARKER_EDGE_RGB, points, 1)


def student_dot_px(px_per_tile: float) -> int:
    """The radius (px) a student is drawn at on a plan of ``px_per_tile``: a student, not a
    blob, on a small map drawn big."""
    return max(2, min(7, round(px_per_tile * 0.6)))


class PlanPainter:
    """Makes and caches plan surfaces per (level, size)."""

    def __init__(self, atlas: Atlas) -> None:
        self.atlas = atlas
        self._kind_rgb = {kind: _mean_rgb(atlas, sprite, (90, 90, 90)) for kind, sprite in KIND_SPRITES.items()}
        # Walls at half their sprite's brightness: on a plan the walls are outlines, and the
        # site's dark dirt and the school's wall tops have almost the same mean colour.
        self._kind_rgb["wall"] = tuple(v // 2 for v in self._kind_rgb["wall"])
        self._floor_rgb = {style: _mean_rgb(atlas, f"{family}.0", (120, 110, 100))
                           for style, (family, _) in FLOOR_TILES.items()}
        self._cache: dict[tuple[str, str, int, int, bool], pygame.Surface] = {}

    def _char_colour(self, spec: LevelSpec, ch: str) -> tuple[int, int, int]:
        kind = dict(spec.map.legend).get(ch, "floor")
        if kind == "void":
            return VOID_RGB
        if kind == "exit":
            return EXIT_RGB
        if kind in self._kind_rgb:
            return self._kind_rgb[kind]
        style = dict(spec.map.floors).get(ch, spec.map.theme)  # floor, spawn: the char's style, else the theme
        return self._floor_rgb.get(style, self._floor_rgb["hallway"])

    def tile_colours(self, spec: LevelSpec) -> np.ndarray:
        """(rows, cols, 3) uint8: each tile's colour from the legend kind and the floor style
        (one lookup per map character, then a gather; short rows are void beyond their end)."""
        rows = spec.map.rows
        h, w = len(rows), max((len(r) for r in rows), default=0)
        chars = sorted({ch for line in rows for ch in line})
        palette = np.array([VOID_RGB] + [self._char_colour(spec, ch) for ch in chars], dtype=np.uint8)
        code = {ch: k + 1 for k, ch in enumerate(chars)}
        grid = np.zeros((h, w), dtype=np.intp)  # 0: void
        for r, line in enumerate(rows):
            grid[r, :len(line)] = [code[ch] for ch in line]
        out = palette[grid]
        # The squad's spawn stands on the floor round it (the theme's colour read as a marker).
        legend = dict(spec.map.legend)
        for ch in (ch for ch in chars if legend.get(ch) == "spawn"):
            for r, c in np.argwhere(grid == code[ch]).tolist():
                out[r, c] = self._floor_rgb.get(spec.map.floor_at(c, r), self._floor_rgb["hallway"])
        # Floor under a fall zone is a drop, drawn as an edge is (as the play view draws it).
        solid = np.isin(grid, [0] + [code[ch] for ch in chars if legend.get(ch, "floor") in ("wall", "window", "door", "void")])
        if any(z.role == "fall" for z in spec.zones):  # (the tiles as the simulation drops from them)
            out[fall_mask(TileMap.from_spec(spec.map), spec.zones) & ~solid] = self._kind_rgb["edge"]
        return out

    def plan(self, spec: LevelSpec, max_w: int, max_h: int, squad: bool = True) -> pygame.Surface:
        """The plan scaled to fit ``max_w`` x ``max_h`` px (whole pixels per tile when it fits);
        without the squad's start dots when ``squad`` is False (a caller drawing where it is now)."""
        key = (spec.source or spec.id, spec.content_hash, int(max_w), int(max_h), squad)
        surf = self._cache.get(key)
        if surf is None:
            surf = self._build(spec, max(1, int(max_w)), max(1, int(max_h)), squad)
            if len(self._cache) > 64:
                self._cache.clear()
            self._cache[key] = surf
        return surf

    def _draw_labels(self, surf: pygame.Surface, spec: LevelSpec, k: float) -> None:
        """The level's ``[[labels]]``: each place's name centred on its point, in the menus' ink
        ringed in near-black so it reads on any floor, wall or horde tint. Sized with the plan
        (LABEL_PX_PER_TILE of a tile's px), kept inside the plan's edges."""
        if not spec.labels:
            return
        # (a font made per plan built, not kept: plans are cached, and a kept font dies with
        # pygame.font.quit; the module started if nothing has yet, as for a plan drawn headless)
        if not pygame.font.get_init():
            pygame.font.init()
        f = pygame.font.Font(None, max(LABEL_MIN_PX, min(LABEL_MAX_PX, round(k * LABEL_PX_PER_TILE))))
        bounds = surf.get_rect()
        drawn: list[pygame.Rect] = []
        for label in spec.labels:
            ink = f.render(label.text, True, LABEL_RGB)
            ring = f.render(label.text, True, LABEL_RING_RGB)
            at = ink.get_rect(center=(round(label.at[0] * k), round(label.at[1] * k)))
            # Two names close together on a small plan would print over each other: the later
            # one steps down, then up, a line at a time, to the nearest free place (or stays put).
            tries = [at.move(0, dy * at.height).clamp(bounds) for dy in (0, 1, -1, 2, -2)]
            rect = next((r for r in tries if r.inflate(2, 0).collidelist(drawn) < 0), tries[0])
            drawn.append(rect)
            for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (1, 1), (-1, 1), (1, -1)):
                surf.blit(ring, rect.move(dx, dy))
            surf.blit(ink, rect)

    def _build(self, spec: LevelSpec, max_w: int, max_h: int, squad: bool = True) -> pygame.Surface:
        rgb = self.tile_colours(spec)
        h, w = rgb.shape[:2]
        if h == 0 or w == 0:
            return pygame.Surface((1, 1))
        base = pygame.surfarray.make_surface(np.ascontiguousarray(rgb.transpose(1, 0, 2)))
        k = min(max_w / w, max_h / h)  # px per tile; not rounded: a plan as big as the box reads best
        size = (max(1, round(w * k)), max(1, round(h * k)))
        surf = pygame.transform.scale(base, size) if k >= 1.0 else pygame.transform.smoothscale(base, size)
        tint = pygame.Surface(size, pygame.SRCALPHA)
        # Where the horde stands at the start, as dense as it stands; on an endless level, where
        # it keeps coming from.
        areas = [(g.zone, horde_alpha(g.count, g.zone)) for g in spec.zombies]
        if spec.endless is not None:
            areas += [(s.zone, HORDE_ALPHA) for s in spec.spawners]
        rects = []
        for (x0, y0, x1, y1), alpha in areas:
            rect = pygame.Rect(round(x0 * k), round(y0 * k), max(1, round((x1 - x0) * k)), max(1, round((y1 - y0) * k)))
            tint.fill((*HORDE_RGB, alpha), rect)
            rects.append(rect)
        surf.blit(tint, (0, 0))
        # ...each ringed in the horde's red, so an area reads apart from a red floor (a
        # playtester took the Auditorium's carpeted hall for where the night comes from)
        for rect in rects:
            pygame.draw.rect(surf, HORDE_RGB, rect, max(1, round(k / 4)))
        # Exit zones: washed green over whatever floor or horde they cover, then ringed. Ringed
        # only, the Trolley's back-door exit (where its crowd also stands) read as more horde on
        # the pause map, and a playtester could not tell where the run ended.
        exits = [zone.rect for zone in spec.zones if zone.role == "exit"]
        if exits:
            wash = pygame.Surface(size, pygame.SRCALPHA)
            ringed = []
            for x0, y0, x1, y1 in exits:
                rect = pygame.Rect(round(x0 * k), round(y0 * k), max(2, round((x1 - x0) * k)), max(2, round((y1 - y0) * k)))
                wash.fill((*EXIT_RGB, EXIT_WASH_ALPHA), rect)
                ringed.append(rect)
            surf.blit(wash, (0, 0))
            for rect in ringed:
                pygame.draw.rect(surf, EXIT_RGB, rect, max(2, round(k / 2)))
        # The trail: its markers in order, joined by a thin dark line, so a player plans a way
        # past the red knots of horde before setting out (the pause map draws them too).
        trail = [(round(x * k), round(y * k)) for x, y in trail_markers(spec)]
        if len(trail) > 1:
            pygame.draw.lines(surf, MARKER_EDGE_RGB, False, trail, max(1, round(k / 4)))
        for spot in trail:
            draw_marker(surf, spot, student_dot_px(k) + 1)
        self._draw_labels(surf, spec, k)
        if not squad:
            return surf
        dot = student_dot_px(k)
        for x, y in objective_stations(spec):  # where the objectives send the squad: white rings
            pygame.draw.circle(surf, STATION_RGB, (round(x * k), round(y * k)), dot + 3, max(1, dot // 2))
        starts = [s.at for s in spec.squad if s.at[0] >= 0 and s.at[1] >= 0]
        if len(starts) < len(spec.squad):  # some start "around the squad spawn": the map's spawn tiles
            spawn_chars = {ch for ch, kind in spec.map.legend if kind == "spawn"}
            starts += [(c + 0.5, r + 0.5) for r, line in enumerate(spec.map.rows)
                       for c, ch in enumerate(line) if ch in spawn_chars]
        for x, y in starts:
            pygame.draw.circle(surf, SQUAD_RGB, (round(x * k), round(y * k)), dot)
        return surf
