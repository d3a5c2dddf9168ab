"""Draws the world through a camera: tiles, doors, props, students and the horde, interpolated.

The map is pre-rendered once, at the camera scale, into chunks of ``CHUNK_TILES`` tiles (a
big map as one surface would cost hundreds of MB); only chunks on screen are blitted.
Rotated prop sprites are cached by quantised angle. Zombies are culled through the horde's
cell list and drawn with one ``Surface.fblits`` call: per zombie, the only Python work is
building the (surface, position) sequence. Positions blend the last two ticks with the
loop's alpha, so motion is smooth at any frame rate.
"""

from __future__ import annotations

import itertools
import math
from collections import deque

import numpy as np
import pygame

from ..sim import tilemap as tm
from ..sim.units import TILE_PX
from ..sim.world import LOCK_BREAK_FORCE, STRAIN_SHOWN, STRAIN_WARN, World
from .atlas import Atlas, surface_table
from .camera import Camera
from .drones import DronePainter
from .names import display_name, id_words
from .spots import least_hidden
from .trail_markers import draw_ribbon, world_marker_spots

CHUNK_TILES = 16  # tiles per side of one pre-rendered map chunk
ANGLE_STEPS = 64  # rotation cache resolution for props and doors
MOVING_SPEED = 10.0  # px/s: a student faster than this plays the walk animation
ZOMBIE_VARIANTS = ("schoolboy", "schoolgirl", "shirt", "teacher", "pe")
FACINGS = ("down", "up", "left", "right")
ZOMBIE_ANIMS = ("idle", "shamble", "sprint")  # by horde state: see ``ZOMBIE_ANIM_OF_STATE``
ZOMBIE_ANIM_OF_STATE = np.array([0, 1, 1, 2, 2, 0, 1, 1], dtype=np.int64)  # idle wander investigate chase attack feed
HALFBIE_BREED = "halfbie"  # drawn with Gwi-nam's own 24 px art: walk, and sprint when chasing
HALFBIE_ANIMS = ("halfbie.gwi-nam.walk", "halfbie.gwi-nam.sprint")
HALFBIE_PX = 24  # its sprite's size (px); ordinary zombies are TILE_PX
# A puddle's water where it joins the next puddle: the puddle sprite's water (1c2a3c at 200/255)
# as it looks laid over dark ground, so the joins and the pools read as one colour.
PUDDLE_WATER = (27, 39, 54)
TIE_STRAP = (255, 132, 24)  # a standing tower's tie: an orange ratchet strap (no sprite uses this colour)
TIE_PLATE = (150, 156, 166)  # the steel plate the strap is bolted to, at the joint's world anchor
ROPE_CABLE = (178, 184, 194)  # a crane's steel rope (no sprite uses this colour: tests look for it)
ROPE_EDGE = (24, 22, 26)  # the rope's dark edge, so it reads over pale concrete and the crowd alike
HOOK_BLOCK = (236, 184, 36)  # the crane's hook block overhead, where a rope is tied to the world
HIDES_HALFBIE = 1000  # bodies_under: a label over the halfbie counts as over this many zombies
# ... and one over a student as over this many: a playtester's "hold E" prompts covered the lead
# and its name, and a caption covered Su-hyeok
HIDES_STUDENT = 5
MAX_DECALS = 300  # blood decals kept on the floor (the oldest fade out first)
ROOM_MIN_SPAN = 5  # tiles: a floor region at least this wide both ways is a room (classroom floor)
EXIT_GREEN = (80, 230, 120)
WALL_RIM = (128, 120, 142)  # the lit edge of a wall's top along the floor beside it
# A level's floor style (content.schema.FLOOR_STYLES) -> the tile sprite family and its variant count.
FLOOR_TILES: dict[str, tuple[str, int]] = {
    "classroom": ("tile.classroom.floor", 4), "hallway": ("tile.hallway.floor", 4),
    "yard": ("tile.yard.asphalt", 4), "auditorium": ("tile.auditorium.carpet", 3),
    "site": ("tile.site.dirt", 3), "stairwell": ("tile.site.concrete", 3), "rooftop": ("tile.site.concrete", 3),
    "forest": ("tile.forest.floor", 4),
}
TREE_STYLE = "forest"  # a wall tile whose floor style is this is drawn as a tree


def _variant(r: int, c: int, n: int) -> int:
    """A stable per-tile pick among n variants (no RNG: the look must not depend on the seed)."""
    return ((r * 73856093) ^ (c * 19349663)) % n


DOOR_POST_PX = 2  # sprite px at each end of the door art that are the frame, not the leaf


STRAIN_SHAKE_PX = 1.5  # world px a door about to give shakes by
STRAIN_KNOCK_HZ = 3.0  # how fast it shakes
STRAIN_BAR_PX = 14.0  # world px: the strain bar's length, under the padlock
STRAIN_BAR_BELOW_PX = 6.0  # world px below the doorway's centre
STRAIN_LOW_RGB = (240, 200, 80)  # a door beginning to strain
STRAIN_HIGH_RGB = (235, 60, 50)  # about to give
STRAIN_FRAME_RGB = (150, 144, 134)  # round the bar
# A lock at breaking point holds a second (world.GIVE_TICKS) before it gives: through that
# second the full bar flashes white four times a second, the last call to get clear.
GIVING_RGB = (255, 250, 240)
GIVING_FLASH_TICKS = 8
NAME_RGB = (236, 230, 218)  # a student's name over them
DOOR_NAME_RGB = (250, 214, 70)  # a door the objective names: the objective's yellow
BRACED_RGB = (150, 220, 120)  # "x2.5": the locks a braced door holds (green: the squad's doing)
BRACED_SHOWN = 1.05  # x its lock: a door braced at least this much wears its "x1.1" (and the pause screen says so)
TAG_BACK_RGBA = (10, 8, 12, 200)  # the dark pill under a backed tag (as the prompts' labels)
TAG_PAD_PX = 3  # px of pill round a backed tag's words


# px (world) a prop's built size may differ from its type's before its art is stretched to it.
PROP_ART_SLACK_PX = 1.0
BOX_FILL = (124, 108, 92)  # a pack's own prop type with no art: a plain box in furniture colours
BOX_EDGE = (44, 36, 30)
BOX_LIGHT = (160, 142, 120)


def plain_box(w: int, h: int, scale: float) -> pygame.Surface:
    """A box ``w`` x ``h`` screen px: a dark edge, a lit top and left inner edge, a diagonal
    brace (so it reads as a thing, and its turning shows)."""
    w, h = max(2, w), max(2, h)
    edge = max(1, round(scale))
    box = pygame.Surface((w, h), pygame.SRCALPHA)
    box.fill(BOX_EDGE)
    inner = pygame.Rect(0, 0, w, h).inflate(-2 * edge, -2 * edge)
    if inner.w > 0 and inner.h > 0:
        box.fill(BOX_FILL, inner)
        box.fill(BOX_LIGHT, (inner.x, inner.y, inner.w, edge))
        box.fill(BOX_LIGHT, (inner.x, inner.y, edge, inner.h))
        pygame.draw.line(box, BOX_EDGE, inner.topleft, inner.bottomright, edge)
    return box


def door_jitter(door, t: float) -> tuple[float, float]:
    """World px a locked door's leaf (and padlock) is shaken by the crowd at ``t`` s: nothing
    below STRAIN_SHOWN, up to STRAIN_SHAKE_PX as it nears giving; a few knocks a second, each
    door to its own beat."""
    strain = getattr(door, "strain", 0.0)
    if not door.locked or strain < STRAIN_SHOWN:
        return 0.0, 0.0
    amp = STRAIN_SHAKE_PX * min(1.0, (strain - STRAIN_SHOWN) / (1.0 - STRAIN_SHOWN))
    phase = t * STRAIN_KNOCK_HZ * 2 * math.pi + door.index
    return amp * math.sin(phase) * math.sin(phase * 0.37), amp * math.cos(phase * 1.3) * math.sin(phase * 0.37)


def door_frame_sprite(door) -> str:
    """The doorway's frame by the door's state: splintered once the crowd broke it, else whole."""
    return "door.frame.broken" if getattr(door, "broken", False) else "door.frame"


TAG_LEAD, TAG_TROUBLE, TAG_PLAIN = 0, 1, 2  # name tag ranks: placed in this order
PLAIN_TAG_LIFTS = 1  # times a plain name tag may be lifted over another before it is left out
# Screen px kept clear left and right of a placed name tag (a font-18 space is 3 px): two tags
# side by side with none read as one word, "Su-hyeokWoo-jin" (a playtester, the squad bunched
# at the start of Classroom Barricade in the far view); one closer than this is lifted.
TAG_GAP_PX = 8
# A tag a little too close beside another is first slid sideways, by at most this share of its
# width, so its student's x stays in its middle half: lifted instead, "Su-hyeok" met On-jo's
# tag above and was left out at Classroom Barricade's start (played by hand, far view).
TAG_NUDGE_SHARE = 0.25


def _nudged_clear(rect: pygame.Rect, taken: list[pygame.Rect], hit: int) -> pygame.Rect | None:
    """``rect`` slid sideways just clear of ``taken[hit]`` (the shorter way, left on a tie) when
    that is at most TAG_NUDGE_SHARE of its width and it then covers nothing in ``taken``."""
    other = taken[hit]
    for dx in sorted((other.left - rect.right, other.right - rect.left), key=abs):
        moved = rect.move(dx, 0)
        if abs(dx) <= TAG_NUDGE_SHARE * rect.w and moved.collidelist(taken) < 0:
            return moved
    return None


def strain_bar_rect(cx: float, cy: float, u: float) -> pygame.Rect:
    """Screen px of a locked door's strain bar, under the doorway's centre (cx, cy) at ``u``
    screen px per world px."""
    return pygame.Rect(round(cx - STRAIN_BAR_PX * u / 2), round(cy + STRAIN_BAR_BELOW_PX * u),
                       round(STRAIN_BAR_PX * u), max(3, round(2 * u)))


def braced_locks(world, door) -> float:
    """How many times its own lock a locked door holds with the props braced on it now (1.0:
    nothing braces it). ``World.brace`` memoises by the props' poses, so asking it from here
    changes no outcome; a door is asked again only once the props near it have moved."""
    brace = getattr(world, "brace", None)
    if brace is None:
        return 1.0
    lock = LOCK_BREAK_FORCE * door.spec.lock_strength
    return (lock + brace(door)) / lock


def braced_rect(tag: pygame.Surface, cx: float, cy: float, u: float, view_w: int | None = None,
                away: tuple[float, float] = (0.0, -1.0)) -> pygame.Rect:
    """Screen px of a braced door's "x2.5": right of the doorway's corner on the side ``away``
    points to (from the props bracing it toward the door: a tag on the props' own side sat on
    the desk, played by hand), by default its top corner; left of the doorway where the right
    would run off a view ``view_w`` px wide ("x2" was cut in half at the screen's edge, played
    by hand on the Roof), or when the props stand to its right."""
    ax, ay = away
    half = 0.5 * TILE_PX * u
    y = cy + (half if abs(ay) >= abs(ax) and ay > 0 else -half)
    rect = tag.get_rect(midleft=(round(cx + half), round(y)))
    if (view_w is not None and rect.right > view_w) or (abs(ax) > abs(ay) and ax < 0):
        rect.right = round(cx - half)
    return rect


def place_labels(tags: list[tuple[int, pygame.Surface, pygame.Rect]],
                 keep_clear: list[pygame.Rect] | tuple[pygame.Rect, ...] = (),
                 top: int = 0) -> list[tuple[pygame.Surface, pygame.Rect]]:
    """Name tags that do not overlap each other or ``keep_clear`` (screen px: a braced door's
    "x1.7" and its strain bar, which a playtester found under "Su-hyeok"): the lead's keeps its
    place unless it covers one of those, then those of students in trouble (hurt, turning, told
    to hold), then the rest, each group from the bottom of the screen up, each lifted above
    whatever it would cover. A plain tag that still covers one after PLAIN_TAG_LIFTS lifts is
    left out: a bunched squad of six stacked its names into a column that covered the trees and
    the zombies above it (a playtester, Yellow Markers), and the squad panel names everyone.
    No tag goes above ``top`` (screen px: the HUD's top bar): one that would is drawn down at
    it, over the head it names, where it can be read, and below any other tag drawn down there
    (three names drawn down at the bar read "CNamSaehyeok", a playtester in Storm Crossing).
    Side by side on the same rows, tags keep TAG_GAP_PX apart; a tag that would come closer is
    slid sideways a little (TAG_NUDGE_SHARE of its width at most) before it is lifted, so each
    stays over the student it names."""
    order = sorted(tags, key=lambda t: (int(t[0]), -t[2].bottom))
    placed: list[tuple[pygame.Surface, pygame.Rect]] = []
    # what a tag may not cover, widened by the gap: the marks, then the tags placed
    taken = [mark.inflate(2 * TAG_GAP_PX, 0) for mark in keep_clear]
    for rank, tag, rect in order:
        rect = rect.copy()
        lifts = len(taken) if rank < TAG_PLAIN else PLAIN_TAG_LIFTS
        hit = rect.collidelist(taken)
        while hit >= 0:
            nudged = _nudged_clear(rect, taken, hit)
            if nudged is not None:
                rect, hit = nudged, -1
            elif lifts > 0:
                lifts -= 1
                rect.bottom = taken[hit].top - 1
                hit = rect.collidelist(taken)
            else:
                break
        if hit < 0:
            placed.append((tag, rect))
            taken.append(rect.inflate(2 * TAG_GAP_PX, 0))
    # (these are TAG_GAP_PX clear of each other already)
    settled = [rect.inflate(2 * TAG_GAP_PX, 0) for _, rect in placed if rect.top >= top]
    for _, rect in placed:  # those lifted past the bar, in placing order: each down below the last
        if rect.top >= top:
            continue
        rect.top = top
        hit = rect.collidelist(settled)
        for _ in range(len(settled)):
            if hit < 0:
                break
            rect.top = settled[hit].bottom + 1
            hit = rect.collidelist(settled)
        settled.append(rect.inflate(2 * TAG_GAP_PX, 0))
    return placed


def rle_copy(img: pygame.Surface) -> pygame.Surface:
    """A run-length-encoded copy of a sprite, for surfaces blitted often and never drawn on.

    Pixel art is mostly fully transparent: SDL's RLE blitter skips those runs, so 1000 zombie
    sprites (48x48 at scale 3) blit ~1.7x faster than plain per-pixel-alpha blits. A sprite
    whose alpha is only ever 0 or 255 (every zombie frame today) becomes an opaque surface
    with a colour key instead: its RLE blit copies the opaque runs without reading alpha, the
    same pixels ~1.3x faster again (3000 zombies: ~2.0 against ~2.7 ms, same run). Sprites
    with partial alpha (soft shadows) keep their alpha, RLE-encoded; the result differs from
    the plain blit by at most 2/255 per channel.
    A copy, so the atlas's shared cache keeps plain surfaces that can be transformed.
    """
    key = _colour_key_for(img)
    if key is None:
        out = img.copy()
        out.set_alpha(255, pygame.RLEACCEL)
        return out
    w, h = img.get_size()
    if pygame.display.get_init() and pygame.display.get_surface() is not None:
        out = pygame.Surface((w, h)).convert()  # the screen's own format: the blit is a copy
    else:
        out = pygame.Surface((w, h), 0, 32)
    out.fill(key)
    out.blit(img, (0, 0))
    out.set_colorkey(key, pygame.RLEACCEL)
    return out


def _colour_key_for(img: pygame.Surface) -> tuple[int, int, int] | None:
    """A colour absent from ``img`` to key its transparent pixels with, or None when the
    sprite has partial alpha (or no alpha at all) and must keep blending."""
    if not img.get_flags() & pygame.SRCALPHA or img.get_bitsize() != 32:
        return None
    alpha = pygame.surfarray.array_alpha(img)
    if ((alpha > 0) & (alpha < 255)).any():
        return None
    rgb = pygame.surfarray.array3d(img).reshape(-1, 3)[alpha.reshape(-1) == 255].astype(np.int64)
    used = set(((rgb[:, 0] << 16) | (rgb[:, 1] << 8) | rgb[:, 2]).tolist())
    for k in (0xFF00FF, 0x00FF00, 0x010203):  # magenta first: never in this palette
        if k not in used:
            return (k >> 16, (k >> 8) & 255, k & 255)
    free = next(k for k in range(1 << 24) if k not in used)  # 48x48 px use at most 2304 colours
    return (free >> 16, (free >> 8) & 255, free & 255)


def facing_index(vx: np.ndarray, vy: np.ndarray) -> np.ndarray:
    """0 down, 1 up, 2 left, 3 right, by the dominant axis of a velocity (vectorised)."""
    horizontal = np.abs(vx) > np.abs(vy)
    return np.where(horizontal, np.where(vx < 0, 2, 3), np.where(vy < 0, 1, 0))


def room_mask(kind: np.ndarray) -> np.ndarray:
    """True on walkable tiles that belong to a room rather than a corridor.

    Floor regions are flood-filled with walls, windows and doors as borders; a region whose
    bounding box is at least ``ROOM_MIN_SPAN`` tiles both ways counts as a room.
    """
    open_ = np.isin(kind, (tm.FLOOR, tm.SPAWN, tm.PUDDLE))
    seen = np.zeros_like(open_)
    out = np.zeros_like(open_)
    rows, cols = kind.shape
    for r0 in range(rows):
        for c0 in range(cols):
            if not open_[r0, c0] or seen[r0, c0]:
                continue
            cells = []
            queue = deque([(r0, c0)])
            seen[r0, c0] = True
            while queue:
                r, c = queue.popleft()
                cells.append((r, c))
                for rr, cc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                    if 0 <= rr < rows and 0 <= cc < cols and open_[rr, cc] and not seen[rr, cc]:
                        seen[rr, cc] = True
                        queue.append((rr, cc))
            rs = [p[0] for p in cells]
            cs = [p[1] for p in cells]
            if max(rs) - min(rs) + 1 >= ROOM_MIN_SPAN and max(cs) - min(cs) + 1 >= ROOM_MIN_SPAN:
                for p in cells:
                    out[p] = True
    return out


class WorldView:
    """Owns the cached map chunks and sprite caches for one world; draw it each frame."""

    def __init__(self, world: World, scale: float, atlas: Atlas | None = None) -> None:
        self.world = world
        self.scale = scale
        self.atlas = atlas if atlas is not None else Atlas()
        self.rooms = room_mask(world.tilemap.kind)
        self._markers = world_marker_spots(world)  # trail ribbons, tiles
        # Floor a ``fall`` zone covers is drawn as a drop, like edge tiles: a designer's fall zone
        # over plain floor was drawn as floor, and the player saw nothing to keep off.
        fall = getattr(world, "fall_mask", None)
        self._fall_zone = np.zeros(world.tilemap.kind.shape, dtype=bool) if fall is None else \
            fall & (world.tilemap.kind != tm.EDGE)
        self.chunks: dict[tuple[int, int], pygame.Surface] = {}
        # The tile kinds the chunks were drawn from: when the world's grids change (a scaffold
        # tower's wreck turns floor into wall), only the chunks whose tiles changed are redrawn.
        self._kinds_drawn = world.tilemap.kind.copy()
        self._grid_version_seen = self._grid_version()
        self._rotated: dict[tuple[str, int], pygame.Surface] = {}
        self.door_tag_rects: list[pygame.Rect] = []  # (see draw_door_strain)
        # Scaled art not in the atlas as such (a prop's art at its own size, a plain box), by name.
        self._sized: dict[str, pygame.Surface] = {}
        # prop id -> (atlas name, extra turn): finding a type's colour variants scans every atlas
        # name, and doing that per prop per frame cost ~5 ms on Storm Crossing (119 props)
        self._prop_sprites: dict[tuple[str, str], tuple[str, float]] = {}
        self._prop_reach = (-1, 0.0)  # (prop count it was measured for, largest half-diagonal px)
        self._tags: dict[tuple[str, tuple[int, int, int], int], pygame.Surface] = {}  # (words, colour, size) -> tag
        self._students_drawn: list[pygame.Rect] = []  # screen rects of the students the last frame drew
        self._name_rects: list[pygame.Rect] = []  # screen rects of the name tags the last frame placed
        # screen rects of the name tags where each would go, over its head, before they are placed
        # round the doors' names (which keep off these: a door's name goes first)
        self._tag_spots: list[pygame.Rect] = []
        self._door_marks: list[pygame.Rect] = []  # screen rects of the doors' counts and strain bars, as last drawn
        # screen px: no name tag goes above this (the HUD's top bar ends here; Presentation sets it).
        # Played by hand, a lead near the top of the view had its name under the objective bar.
        self.label_top = 0
        self.objective_text = ""  # the objective line, whose named doors wear their names (set by Presentation)
        self._zombie_frames = surface_table(self._build_zombie_frames())  # picked by frame key, one gather
        self._heard_dot = dot_sprite((200, 40, 60), 2)  # Nam-ra's mark on each zombie she hears
        self._alert: pygame.Surface | None = None  # the "!" over a zombie that has just seen prey
        self._alert_spots: list[tuple[int, int]] = []  # where the last frame drew it (screen px)
        self.zombies_drawn = 0  # how many zombies the last frame drew (for tests and the debug view)
        self._drawn = _NOTHING_DRAWN  # the last frame's zombie sprites: screen x, y (top left), size px, halfbie
        self.decals: list[tuple[float, float, int]] = []  # blood on the floor: world px and variant
        self._decal_count = 0
        self._decal_array = np.zeros((0, 3))  # the decals as rows (x px, y px, variant), for culling
        self._decal_array_count = 0  # the ``_decal_count`` that array was built at
        self._decal_surfs: np.ndarray | None = None  # the six blood sprites, scaled, for fancy indexing
        self.drones = DronePainter(self.atlas, scale)  # over everything on the ground
        self.map_surface_size = (int(world.tilemap.cols * TILE_PX * scale), int(world.tilemap.rows * TILE_PX * scale))

    # ----------------------------------------------------------------- the map
    def _tile_name(self, r: int, c: int) -> str:
        kind = self.world.tilemap.kind
        k = int(kind[r, c])
        rows, _ = kind.shape
        if k == tm.WALL and self._is_tree(r, c):
            return f"tile.forest.tree.{_variant(r, c, 3)}"
        if k == tm.WALL:
            below = int(kind[r + 1, c]) if r + 1 < rows else tm.WALL
            part = "top" if below in (tm.WALL, tm.VOID, tm.EDGE) or (r + 1 < rows and self._is_drop(r + 1, c)) \
                else "face"
            return f"tile.wall.school.{part}.{_variant(r, c, 3)}"
        if k == tm.WINDOW:
            return f"tile.window.{_variant(r, c, 3)}"
        if k != tm.EDGE and self._is_drop(r, c):
            return f"tile.site.{self._edge_part(r, c)}.{_variant(r, c, 2)}"
        if k == tm.PUDDLE:
            return f"tile.puddle.{_variant(r, c, 3)}"
        if self.world.spec.map.floor_at(c, r) == "yard":  # the schoolyard's wet asphalt
            return f"tile.yard.asphalt.{_variant(r, c, 4)}"
        if k == tm.EDGE:
            return f"tile.site.{self._edge_part(r, c)}.{_variant(r, c, 2)}"
        return self._floor_name(r, c)

    def _is_tree(self, r: int, c: int) -> bool:
        """A wall tile in the forest (its legend's floor, else the level's theme) is a tree."""
        spec = getattr(self.world.spec, "map", None)
        return spec is not None and 0 <= r < len(spec.rows) and c < len(spec.rows[r]) \
            and spec.floor_at(c, r) == TREE_STYLE

    def _edge_part(self, r: int, c: int) -> str:
        """"edge" (a concrete lip with hazard paint along its top) or "drop" (plain void) for an
        edge tile. Played by hand, the Site's 2x3 lift shaft drew a lip on every tile and read
        as three stacked benches: a player walked the lead into it 32 s in. A hole wider than a
        tile shows its lip on its top row only and is dark below it; a one-tile-wide run down a
        rim (the pit's west lip) keeps a lip on every tile, the only paint it has."""
        rows, cols = self.world.tilemap.kind.shape
        if r == 0 or not self._is_drop(r - 1, c):
            return "edge"  # the hole's top row: its lip
        left = c > 0 and self._is_drop(r, c - 1)
        right = c + 1 < cols and self._is_drop(r, c + 1)
        return "drop" if left or right else "edge"

    def _is_drop(self, r: int, c: int) -> bool:
        """Whether tile (r, c) is drawn as open air: an edge tile, or floor under a fall zone (a
        wall, window, door or void the zone covers stays what it is)."""
        k = int(self.world.tilemap.kind[r, c])
        return k == tm.EDGE or (bool(self._fall_zone[r, c]) and k not in (tm.WALL, tm.WINDOW, tm.DOOR, tm.VOID))

    def _floor_name(self, r: int, c: int) -> str:
        """The level's floor style where it names one (a legend ``floor`` or a non-default theme);
        on a plain classroom-theme map, wood in rooms and linoleum in corridors."""
        spec = getattr(self.world.spec, "map", None)
        style = ""
        if spec is not None and 0 <= r < len(spec.rows) and 0 <= c < len(spec.rows[r]):
            explicit = spec.named_floor(c, r)
            style = explicit or (spec.theme if spec.theme != "classroom" else "")
        if style not in FLOOR_TILES:
            style = "classroom" if self.rooms[r, c] else "hallway"
        family, n = FLOOR_TILES[style]
        return f"{family}.{_variant(r, c, n)}"

    def _exit_arrow(self, r: int, c: int) -> tuple[int, int]:
        """Which way an exit tile leads: off the map's edge, or away from the walkable floor."""
        kind = self.world.tilemap.kind
        rows, cols = kind.shape
        if c == cols - 1:
            return (1, 0)
        if c == 0:
            return (-1, 0)
        if r == 0:
            return (0, -1)
        if r == rows - 1:
            return (0, 1)
        for dc, dr in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            if kind[r - dr, c - dc] in (tm.FLOOR, tm.SPAWN, tm.DOOR):
                return (dc, dr)
        return (1, 0)

    @staticmethod
    def _puddle_joins(surf: pygame.Surface, kind: np.ndarray, r: int, c: int, x: int, y: int, size: int) -> None:
        """Water from a puddle tile's middle to each side where the next tile is a puddle too,
        under its own puddle sprite: a run of puddles reads as one stretch of water. Each tile
        a round pool of its own, Yellow Markers' stream read as a line of stepping stones (a
        playtester could not find the stream the objective names, and took the pools for the
        stones to cross on)."""
        rows, cols = kind.shape

        def wet(rr: int, cc: int) -> bool:
            return 0 <= rr < rows and 0 <= cc < cols and kind[rr, cc] == tm.PUDDLE

        half, band = size // 2, max(2, int(size * 0.56))
        off = (size - band) // 2
        for dr, dc in ((0, 1), (0, -1), (1, 0), (-1, 0)):
            if not wet(r + dr, c + dc):
                continue
            if dr == 0:
                rect = (x + (half if dc > 0 else 0), y + off, size - half if dc > 0 else half, band)
            else:
                rect = (x + off, y + (half if dr > 0 else 0), band, size - half if dr > 0 else half)
            pygame.draw.rect(surf, PUDDLE_WATER, rect)
        for dr, dc in ((1, 1), (1, -1), (-1, 1), (-1, -1)):  # four puddles round a corner: no dry hole there
            if wet(r, c + dc) and wet(r + dr, c) and wet(r + dr, c + dc):
                pygame.draw.rect(surf, PUDDLE_WATER, (x + (half if dc > 0 else 0), y + (half if dr > 0 else 0),
                                                      size - half if dc > 0 else half, size - half if dr > 0 else half))

    def _render_chunk(self, cx: int, cy: int) -> pygame.Surface:
        kind = self.world.tilemap.kind
        size = int(TILE_PX * self.scale)
        r0, c0 = cy * CHUNK_TILES, cx * CHUNK_TILES
        r1, c1 = min(r0 + CHUNK_TILES, kind.shape[0]), min(c0 + CHUNK_TILES, kind.shape[1])
        surf = pygame.Surface(((c1 - c0) * size, (r1 - r0) * size))
        surf.fill((8, 8, 10))
        glow = pygame.Surface((size, size), pygame.SRCALPHA)
        shade = pygame.Surface((size, max(1, size // 5)), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 70))
        for r in range(r0, r1):
            for c in range(c0, c1):
                k = int(kind[r, c])
                x, y = (c - c0) * size, (r - r0) * size
                if k == tm.VOID:
                    continue
                if k == tm.EXIT:
                    surf.blit(self.atlas.scaled(f"tile.hallway.floor.{_variant(r, c, 4)}", self.scale), (x, y))
                    glow.fill((*EXIT_GREEN, 90))
                    surf.blit(glow, (x, y))
                    pygame.draw.rect(surf, EXIT_GREEN, (x, y, size, size), max(1, size // 16))
                    self._draw_arrow(surf, x + size / 2, y + size / 2, self._exit_arrow(r, c), size)
                    continue
                if k == tm.PUDDLE:  # a puddle is an overlay: lay it on the ground it sits in
                    style = self.world.spec.map.floor_at(c, r)
                    ground = {"yard": "yard.asphalt", TREE_STYLE: "forest.floor"}.get(style, "hallway.floor")
                    surf.blit(self.atlas.scaled(f"tile.{ground}.{_variant(r, c, 4)}", self.scale), (x, y))
                    self._puddle_joins(surf, kind, r, c, x, y, size)
                surf.blit(self.atlas.scaled(self._tile_name(r, c), self.scale), (x, y))
                if k == tm.WINDOW or k == tm.WALL and not self._is_tree(r, c):
                    self._wall_rim(surf, r, c, x, y, size)
                if k != tm.WALL and r > 0 and kind[r - 1, c] == tm.WALL:
                    surf.blit(shade, (x, y))  # the wall face throws a soft shadow on the floor
        self._draw_exit_zones(surf, r0, c0, size)
        for _zone, mx, my, tied in self._markers:
            draw_ribbon(surf, (mx - c0) * size, (my - r0) * size, size, tied)  # clipped to this chunk
        return surf

    def _draw_exit_zones(self, surf: pygame.Surface, r0: int, c0: int, size: int) -> None:
        """Exit zones (``role = "exit"``) glow and are outlined like exit tiles. Only the level
        plan showed them: walking a pack's corridor by hand, nothing on screen said where the
        exit began, and a lead one step short of it waited for nothing."""
        for zone in self.world.spec.zones:
            if zone.role != "exit":
                continue
            x0, y0, x1, y1 = zone.rect  # tiles
            rect = pygame.Rect(round((min(x0, x1) - c0) * size), round((min(y0, y1) - r0) * size),
                               max(1, round(abs(x1 - x0) * size)), max(1, round(abs(y1 - y0) * size)))
            part = rect.clip(surf.get_rect())
            if part.w == 0 or part.h == 0:
                continue
            glow = pygame.Surface(part.size, pygame.SRCALPHA)
            glow.fill((*EXIT_GREEN, 60))
            surf.blit(glow, part.topleft)
            pygame.draw.rect(surf, EXIT_GREEN, rect, max(1, size // 16))  # clipped to this chunk

    def _wall_rim(self, surf: pygame.Surface, r: int, c: int, x: int, y: int, size: int) -> None:
        """A light edge where the wall's dark top meets open floor on the left, right or above,
        so the rooms' outlines read from above."""
        kind = self.world.tilemap.kind
        rows, cols = kind.shape
        solid = (tm.WALL, tm.WINDOW, tm.VOID, tm.EDGE)
        below = int(kind[r + 1, c]) if r + 1 < rows else tm.WALL
        if int(kind[r, c]) == tm.WALL and below not in solid:
            return  # a wall face, not a top: it has its own lit edge
        t = max(1, int(self.scale))  # one sprite pixel
        if c > 0 and kind[r, c - 1] not in solid:
            surf.fill(WALL_RIM, (x, y, t, size))
        if c + 1 < cols and kind[r, c + 1] not in solid:
            surf.fill(WALL_RIM, (x + size - t, y, t, size))
        if r > 0 and kind[r - 1, c] not in solid:
            surf.fill(WALL_RIM, (x, y, size, t))

    @staticmethod
    def _draw_arrow(surf: pygame.Surface, x: float, y: float, d: tuple[int, int], size: int) -> None:
        dx, dy = d
        px, py = -dy, dx
        s = size * 0.3
        tip = (x + dx * s, y + dy * s)
        back = (x - dx * s, y - dy * s)
        pts = [tip, (back[0] + px * s, back[1] + py * s), (x - dx * s * 0.3, y - dy * s * 0.3),
               (back[0] - px * s, back[1] - py * s)]
        pygame.draw.polygon(surf, (20, 60, 30), [(p[0] + 1, p[1] + 2) for p in pts])
        pygame.draw.polygon(surf, (200, 255, 210), pts)

    def chunk(self, cx: int, cy: int) -> pygame.Surface:
        """One pre-rendered map chunk (rendered on first use, then kept)."""
        surf = self.chunks.get((cx, cy))
        if surf is None:
            surf = self._render_chunk(cx, cy)
            self.chunks[(cx, cy)] = surf
        return surf

    def _grid_version(self) -> int:
        horde = getattr(self.world, "horde", None)
        return int(getattr(horde, "grid_version", 0))

    def _forget_changed_chunks(self) -> None:
        """Drop the chunks whose tiles changed kind since they were drawn (and the chunk above
        each changed tile: a wall's look depends on the tile below it)."""
        version = self._grid_version()
        if version == self._grid_version_seen:
            return
        self._grid_version_seen = version
        kind = self.world.tilemap.kind
        changed = np.argwhere(kind != self._kinds_drawn)
        if changed.size == 0:
            return  # a door locked or a lamp lit: the grids changed, the tiles did not
        self._kinds_drawn = kind.copy()
        self.rooms = room_mask(kind)
        for r, c in changed.tolist():
            for rr in (r, r - 1):
                self.chunks.pop((c // CHUNK_TILES, max(rr, 0) // CHUNK_TILES), None)

    def draw_map(self, surface: pygame.Surface, camera: Camera) -> None:
        """Blit the map chunks that the camera sees."""
        self._forget_changed_chunks()
        size = TILE_PX * self.scale * CHUNK_TILES
        ox, oy = -camera.left * camera.scale, -camera.top * camera.scale
        rows, cols = self.world.tilemap.kind.shape
        nx, ny = -(-cols // CHUNK_TILES), -(-rows // CHUNK_TILES)
        w, h = surface.get_size()
        cx0, cx1 = max(0, int(-ox // size)), min(nx, int((w - ox) // size) + 1)
        cy0, cy1 = max(0, int(-oy // size)), min(ny, int((h - oy) // size) + 1)
        surface.fblits([(self.chunk(cx, cy), (round(ox + cx * size), round(oy + cy * size)))
                        for cy in range(cy0, cy1) for cx in range(cx0, cx1)])

    # ----------------------------------------------------------------- sprites
    def rotated(self, name: str, angle: float) -> pygame.Surface:
        """The scaled sprite turned by ``angle`` (rad, y-down, clockwise on screen), cached per step."""
        step = round(angle / (2 * math.pi) * ANGLE_STEPS) % ANGLE_STEPS
        key = (name, step)
        surf = self._rotated.get(key)
        if surf is None:
            base = self._sized.get(name)
            if base is None:
                base = self.atlas.scaled(name, self.scale)
            surf = pygame.transform.rotate(base, -step * 360.0 / ANGLE_STEPS)
            self._rotated[key] = surf
        return surf

    def _prop_art(self, prop) -> tuple[str, float]:
        """The art name ``rotated`` draws a prop with, and its extra turn: the type's art at the
        size the prop was built (a level's ``width``/``depth``), or a plain box for a pack's own
        type with no art. A designer's fume cupboard was never drawn (the squad walked into
        invisible furniture), and a desk made 44 px wide was drawn at the desk art's 30."""
        tower = "" if prop.spec.falls_onto is None else ("fallen" if prop.spec.id in self._fallen() else "standing")
        width, depth = prop.size
        name, turn = self._prop_sprite(prop.spec.type, width, depth, prop.spec.id, tower)
        if not name:  # no art for this type: a box of its size, in furniture colours
            name, turn = f"box:{width:g}x{depth:g}", 0.0
            if name not in self._sized:
                self._sized[name] = plain_box(round(width * self.scale), round(depth * self.scale), self.scale)
            return name, turn
        # The type's art fits the type's size (with its own margins: a pipe's 8 px body in a 16 px
        # frame); a level's override stretches it by the same ratios. A tower has art of its own.
        kx, ky = width / prop.type.width, depth / prop.type.depth
        if tower or (abs(kx - 1.0) * width <= PROP_ART_SLACK_PX and abs(ky - 1.0) * depth <= PROP_ART_SLACK_PX):
            return name, turn
        if turn:  # (the art is drawn across the prop: its own x runs along the prop's depth)
            kx, ky = ky, kx
        r = self.atlas.rect(name)
        want = (max(1, round(r.w * kx * self.scale)), max(1, round(r.h * ky * self.scale)))
        sized = f"{name}@{want[0]}x{want[1]}"
        if sized not in self._sized:
            self._sized[sized] = pygame.transform.scale(self.atlas.frame(name), want)
        return sized, turn

    def _fallen(self) -> tuple[str, ...] | set[str]:
        towers = getattr(self.world, "towers", None)
        return towers.fallen if towers is not None else ()

    def _door_art(self, name: str) -> pygame.Surface:
        """Door pieces cut from the atlas's door art, scaled: the leaf (the shut door without its
        posts), the frame (only the posts) and the broken frame (posts and splinters)."""
        closed = self.atlas.scaled("prop.door.closed", self.scale)
        post = max(1, round(DOOR_POST_PX * self.scale))
        w, h = closed.get_size()
        if name == "door.leaf":
            art = closed.copy()
            art.fill((0, 0, 0, 0), (0, 0, post, h))
            art.fill((0, 0, 0, 0), (w - post, 0, post, h))
            return art
        if name == "door.frame":
            art = closed.copy()
            art.fill((0, 0, 0, 0), (post, 0, w - 2 * post, h))
            return art
        return self.atlas.scaled("prop.door.broken", self.scale)

    def rotated_art(self, name: str, angle: float) -> pygame.Surface:
        """Like ``rotated`` for the door pieces, which are cut here rather than in the atlas."""
        if not name.startswith("door."):
            return self.rotated(name, angle)
        step = round(angle / (2 * math.pi) * ANGLE_STEPS) % ANGLE_STEPS
        key = (name, step)
        surf = self._rotated.get(key)
        if surf is None:
            surf = pygame.transform.rotate(self._door_art(name), -step * 360.0 / ANGLE_STEPS)
            self._rotated[key] = surf
        return surf

    def _prop_sprite(self, prop_type: str, width: float, depth: float, prop_id: str = "",
                     tower: str = "") -> tuple[str, float]:
        """The atlas name for a prop and the extra turn its art needs (lockers are drawn upright).
        A type drawn in variants (cars come in colours: ``prop.car.red``...) gets a stable pick
        by the prop's id. A tower (``tower`` "standing" or "fallen") has its own art where the
        atlas has it (``prop.scaffold-tower``, ``prop.scaffold-tower.fallen``)."""
        name = f"prop.{prop_type}"
        art = {"standing": f"{name}-tower", "fallen": f"{name}-tower.fallen"}.get(tower, "")
        if art in self.atlas:
            r = self.atlas.rect(art)
            return art, (math.pi / 2 if (r.w < r.h) != (width < depth) else 0.0)
        if name not in self.atlas:
            variants = sorted(n for n in self.atlas.frames if n.startswith(name + "."))
            if not variants:
                return "", 0.0
            name = variants[sum(prop_id.encode()) % len(variants)]
        r = self.atlas.rect(name)
        turn = math.pi / 2 if (r.w < r.h) != (width < depth) else 0.0
        return name, turn

    def _build_zombie_frames(self) -> list[pygame.Surface]:
        """Every zombie frame, scaled, flat: index ((variant*3 + anim)*4 + facing)*4 + frame, then
        the halfbie's at ``halfbie_base + (anim*4 + facing)*4 + frame`` (anim 0 walk, 1 sprint)."""
        out = []
        for variant in ZOMBIE_VARIANTS:
            for anim in ZOMBIE_ANIMS:
                for facing in FACINGS:
                    for f in range(4):
                        out.append(self.atlas.scaled(self.atlas.anim_name(f"zombie.{variant}.{anim}", facing, f), self.scale))
        self.halfbie_base = len(out)
        for name in HALFBIE_ANIMS:
            for facing in FACINGS:
                for f in range(4):
                    art = name if name in self.atlas.anims else f"zombie.{ZOMBIE_VARIANTS[0]}.sprint"
                    out.append(self.atlas.scaled(self.atlas.anim_name(art, facing, f), self.scale))
        return [rle_copy(img) for img in out]

    def _halfbie_breed(self) -> int:
        """The horde's breed index of the halfbie, or -1 when the level has none."""
        breeds = getattr(getattr(self.world, "horde", None), "breeds", None)
        try:
            return breeds.index(HALFBIE_BREED) if breeds is not None else -1
        except KeyError:
            return -1

    def _tag(self, words: str, colour: tuple[int, int, int], size: int, backed: bool = False) -> pygame.Surface:
        """``words`` in ``colour`` over a one-pixel black shadow, at font ``size``: the students'
        names, a braced door's "x2.5", a door the objective names; ``backed``, on a dark pill
        (the "x3.5" on a crowd's sprites did not read, played by hand). Rendered once."""
        key = (words, colour, size, backed)
        tag = self._tags.get(key)
        if tag is None:
            if not pygame.font.get_init():
                return pygame.Surface((1, 1), pygame.SRCALPHA)
            font = pygame.font.Font(None, size)
            fg = font.render(words, True, colour)
            pad = TAG_PAD_PX if backed else 0
            tag = pygame.Surface((fg.get_width() + 2 + 2 * pad, fg.get_height() + 2 + pad), pygame.SRCALPHA)
            if backed:
                pygame.draw.rect(tag, TAG_BACK_RGBA, tag.get_rect(), border_radius=pad + 1)
            tag.blit(font.render(words, True, (0, 0, 0)), (pad + 1, pad // 2 + 1))
            tag.blit(fg, (pad, pad // 2))
            self._tags[key] = tag
        return tag

    def keep_decals_of(self, other: WorldView) -> None:
        """Take over ``other``'s blood (a view made again at another zoom keeps the floor's story)."""
        self.decals, self._decal_count = list(other.decals), other._decal_count

    def add_decal(self, x: float, y: float) -> None:
        """Leave blood on the floor at (x, y) px; the oldest goes once there are ``MAX_DECALS``."""
        self._decal_count += 1
        self.decals.append((x, y, self._decal_count * 7 % 6))
        if len(self.decals) > MAX_DECALS:
            del self.decals[0]

    def draw_decals(self, surface: pygame.Surface, camera: Camera) -> None:
        """Blood decals on the floor, under every body (oldest first, so newer blood lies on top).

        Culled and placed in numpy: with the floor full (``MAX_DECALS``) a per-decal Python loop
        through ``camera.to_screen`` cost ~0.5 ms a frame."""
        if not self.decals:
            return
        if self._decal_array_count != self._decal_count:  # blood was added since the last frame
            self._decal_array = np.array(self.decals, dtype=np.float64).reshape(-1, 3)
            self._decal_array_count = self._decal_count
        half = TILE_PX * self.scale / 2
        w, h = surface.get_size()
        d = self._decal_array
        sx = (d[:, 0] - camera.left) * camera.scale
        sy = (d[:, 1] - camera.top) * camera.scale
        seen = np.nonzero((sx > -2 * half) & (sx < w + 2 * half) & (sy > -2 * half) & (sy < h + 2 * half))[0]
        if seen.size == 0:
            return
        if self._decal_surfs is None:
            self._decal_surfs = surface_table([self.atlas.scaled(f"fx.blood.{v}", self.scale) for v in range(6)])
        x = np.rint(sx[seen] - half).astype(np.int64)
        y = np.rint(sy[seen] - half).astype(np.int64)
        surface.fblits(zip(self._decal_surfs[d[seen, 2].astype(np.int64)].tolist(), zip(x.tolist(), y.tolist())))

    # ----------------------------------------------------------------- a frame
    def draw(self, surface: pygame.Surface, camera: Camera, alpha: float, seconds: float | None = None) -> None:
        """Draw the map and every body as of ``alpha`` between the last two ticks."""
        w = self.world
        t = w.sim_seconds + alpha / 60.0 if seconds is None else seconds
        self.draw_map(surface, camera)
        self.draw_decals(surface, camera)
        pos = w.prev_pos + (w.bodies.pos - w.prev_pos) * alpha
        dang = (w.bodies.angle - w.prev_angle + np.pi) % (2 * np.pi) - np.pi
        ang = w.prev_angle + dang * alpha
        blits: list[tuple[pygame.Surface, tuple[float, float]]] = []

        def put(img: pygame.Surface, x: float, y: float) -> None:
            sx, sy = camera.to_screen(x, y)
            blits.append((img, (round(sx - img.get_width() / 2), round(sy - img.get_height() / 2))))

        for door in w.doors:
            # the frame stays in the doorway (splintered once broken); the leaf turns on its hinge
            c, r = door.spec.tile
            put(self.rotated_art(door_frame_sprite(door), door.closed_angle), (c + 0.5) * TILE_PX, (r + 0.5) * TILE_PX)
            p = pos[door.index]
            jx, jy = door_jitter(door, t)
            put(self.rotated_art("door.leaf", float(ang[door.index])), p[0] + jx, p[1] + jy)
            if door.locked:  # which doors hold is the level's first question: show it
                put(self.atlas.scaled("ui.padlock", self.scale), (c + 0.5) * TILE_PX + jx, (r + 0.5) * TILE_PX + jy)
        props = w.props
        if props:  # culled to the view (grown by the largest prop's reach), as the horde is
            if self._prop_reach[0] != len(props):
                reach = max(math.hypot(*pr.size) for pr in props) / 2 + TILE_PX
                self._prop_reach = (len(props), reach)
            reach = self._prop_reach[1]
            x0, y0 = camera.left - reach, camera.top - reach
            x1, y1 = x0 + camera.view_w / camera.scale + 2 * reach, y0 + camera.view_h / camera.scale + 2 * reach
            rows = np.fromiter((pr.index for pr in props), dtype=np.int64, count=len(props))
            pp = pos[rows]
            seen = (pp[:, 0] > x0) & (pp[:, 0] < x1) & (pp[:, 1] > y0) & (pp[:, 1] < y1)
            fallen = self._fallen()
            for k in np.nonzero(seen)[0].tolist():
                prop = props[k]
                # a tower (a prop that falls) is drawn as one, standing or fallen: played by
                # hand it looked exactly like the scaffold frames beside it
                key = (prop.spec.id, "" if prop.spec.falls_onto is None else
                       ("fallen" if prop.spec.id in fallen else "standing"))
                sprite = self._prop_sprites.get(key)
                if sprite is None:
                    sprite = self._prop_sprites[key] = self._prop_art(prop)
                name, turn = sprite
                put(self.rotated(name, float(ang[prop.index]) + turn), pp[k, 0], pp[k, 1])
        surface.fblits(blits)
        self.draw_ties(surface, camera, pos)
        self.draw_horde(surface, camera, alpha, t)
        self.draw_ropes(surface, camera, pos, ang)
        self.draw_students(surface, camera, pos, t)
        self.drones.draw(surface, camera, w, alpha, t)

    def draw_door_strain(self, surface: pygame.Surface, camera: Camera) -> int:
        """Under each locked door the crowd strains: a bar of how close it is to giving (full:
        it gives), yellow turning red. Played by hand, the Auditorium's booth door gave with
        nothing to say it would. Beside the padlock of a door props brace, how many times its
        lock it now holds ("x2.5"): a playtester pushing the trolley wall onto the bay could not
        tell when it counted. Drawn over the crowd and the dark (``Presentation.draw``): a crowd
        packed on the door stands on it. Returns how many bars were drawn."""
        self.door_tag_rects = []  # screen px: the "x2.5" tags and strain bars drawn (captions keep off them)
        drawn = 0
        u = camera.scale
        for door, cx, cy in self._locked_doors_in_view(camera, 8 * TILE_PX * u):
            tag = self._braced_tag(door)
            if tag is not None:
                where = braced_rect(tag, cx, cy, u, surface.get_width(), self._away_from_braces(door))
                surface.blit(tag, where)
                self.door_tag_rects.append(where)
                self._outline_braces(surface, camera, door)
            strain = getattr(door, "strain", 0.0)
            if strain < STRAIN_SHOWN:
                continue
            box = strain_bar_rect(cx, cy, u)
            self.door_tag_rects.append(box.inflate(2, 2))
            frac = min(1.0, strain)
            k = min(1.0, max(0.0, (strain - STRAIN_SHOWN) / (1.0 - STRAIN_SHOWN)))
            colour = tuple(round(a + (b - a) * k) for a, b in zip(STRAIN_LOW_RGB, STRAIN_HIGH_RGB, strict=True))
            giving = getattr(door, "giving_ticks", 0)
            if giving and (giving // GIVING_FLASH_TICKS) % 2 == 0:
                colour = GIVING_RGB
            surface.fill(STRAIN_FRAME_RGB, box.inflate(2, 2))  # the bar's whole length shows in the dark
            surface.fill((20, 16, 14), box)
            surface.fill(colour, (box.x, box.y, round(box.w * frac), box.h))
            drawn += 1
        return drawn

    def _outline_braces(self, surface: pygame.Surface, camera: Camera, door) -> int:
        """A thin outline, in the "x2.5" tag's green, round each prop that braces ``door``: a
        playtester saw "x1.6" by a door no desk touched (a prop two tiles off still counts) and
        could not tell which props the number came from. Returns how many were outlined."""
        bracing = getattr(self.world, "bracing_props", None)
        props = bracing(door) if bracing is not None else []
        for prop in props:
            body = prop.body
            for shape in body.shapes:
                corners = [camera.to_screen(*body.local_to_world(v)) for v in shape.get_vertices()]
                if len(corners) >= 3:
                    pygame.draw.lines(surface, BRACED_RGB, True, corners, max(1, round(camera.scale / 2)))
        return len(props)

    def draw_named_doors(self, surface: pygame.Surface, camera: Camera, objective: str) -> int:
        """Over each door the objective names ("Unbar the back door..."), its name; and over a
        locked door the crowd is near forcing (the ticker's "The front door is giving way"). A
        playtester in Classroom Barricade could not tell which of the two doors onto the hallway
        was the back door, nor, when the ticker said so, which was the front one. Returns how
        many were named."""
        named = self._door_names(camera, objective)
        for tag, rect in named:
            surface.blit(tag, rect)
        return len(named)

    def _door_names(self, camera: Camera, objective: str) -> list[tuple[pygame.Surface, pygame.Rect]]:
        """The name tags ``draw_named_doors`` draws, and where (screen px): above the door, else
        the first of ``DOOR_NAME_SPOTS`` that covers no student, no name tag (where it would go
        over its head), no other mark by a door and no other door's name; where each covers one,
        the one that covers fewest. Played by hand, "east door" sat over On-jo standing at the
        Site's door, and Storm's "field gate" over the lead's head and name at the padlock."""
        said = objective.lower()
        out: list[tuple[pygame.Surface, pygame.Rect]] = []
        half = TILE_PX / 2 * camera.scale  # screen px from a door's centre to its tile's edge
        taken = self._students_drawn + self._tag_spots + self._door_tag_marks(camera)

        def covers(rect: pygame.Rect) -> int:
            return sum(1 for r in taken if r.colliderect(rect))

        # Screen px of the stations still to be worked: their markers (Prompts) sit by doors (a
        # padlock's), and a name over one read "fiel(o)gate" to a playtester: the name goes above.
        marks = [camera.to_screen(st.spec.at[0] * TILE_PX, st.spec.at[1] * TILE_PX)
                 for st in getattr(getattr(self.world, "director", None), "stations", ()) if st.uses_left > 0]
        for door in self.world.doors:
            words = id_words(door.spec.id)
            straining = door.locked and getattr(door, "strain", 0.0) >= STRAIN_WARN
            if not straining and (len(words) < 4 or words.lower() not in said):
                continue
            c, r = door.spec.tile
            sx, sy = camera.to_screen((c + 0.5) * TILE_PX, (r + 0.5) * TILE_PX)  # the doorway's middle
            if not (-100 < sx < camera.view_w + 100 and -40 - half < sy < camera.view_h + 40 + half):
                continue
            tag = self._tag(words, DOOR_NAME_RGB, 20)
            spots = []
            for anchor, (kx, ky), gap in DOOR_NAME_SPOTS:  # (the first: over the "x2.5" by the padlock)
                rect = tag.get_rect(**{anchor: (round(sx + kx * (half + gap)), round(sy + ky * (half + gap)))})
                for mx, my in marks:
                    if rect.inflate(2 * MARKER_CLEAR_PX, 2 * MARKER_CLEAR_PX).collidepoint(mx, my):
                        rect.bottom = min(rect.bottom, round(my) - MARKER_CLEAR_PX)
                spots.append(rect)
            rect = least_hidden(spots, covers)
            taken.append(rect)
            out.append((tag, rect))
        return out

    def braced_locks(self, door) -> float:
        """How many times its own lock a locked door holds with the props braced on it now."""
        return braced_locks(self.world, door)

    def door_marks(self, camera: Camera) -> list[pygame.Rect]:
        """Screen px of what ``draw_door_strain`` and ``draw_named_doors`` will draw by the doors
        in view: a braced "x2.5", a strain bar, a door's name (the students' name tags keep off
        them: "east door" and "Nam-ra" ran together into "eastdoor-a")."""
        return [rect for _, rect in self._door_names(camera, self.objective_text)] + self._door_tag_marks(camera)

    def _door_tag_marks(self, camera: Camera) -> list[pygame.Rect]:
        """Screen px of the braced "x2.5" tags and strain bars ``draw_door_strain`` will draw."""
        marks: list[pygame.Rect] = []
        u = camera.scale
        for door, cx, cy in self._locked_doors_in_view(camera, 0):
            tag = self._braced_tag(door)
            if tag is not None:
                marks.append(braced_rect(tag, cx, cy, u, camera.view_w, self._away_from_braces(door)))
            if getattr(door, "strain", 0.0) >= STRAIN_SHOWN:
                marks.append(strain_bar_rect(cx, cy, u).inflate(2, 2))  # (with its frame)
        return marks

    def _locked_doors_in_view(self, camera: Camera, margin: float):
        """(door, cx, cy) for each locked door whose doorway's centre (screen px) lies on the
        view grown by ``margin`` screen px each way."""
        view = pygame.Rect(0, 0, camera.view_w, camera.view_h).inflate(margin, margin)
        for door in self.world.doors:
            if door.locked:
                c, r = door.spec.tile
                cx, cy = camera.to_screen((c + 0.5) * TILE_PX, (r + 0.5) * TILE_PX)
                if view.collidepoint(cx, cy):
                    yield door, cx, cy

    def _away_from_braces(self, door) -> tuple[float, float]:
        """From the props bracing ``door`` toward its doorway (world px, not normalised): the
        side its "x2.5" goes on; (0, -1), its top, when none brace it or they sit on it."""
        bracing = getattr(self.world, "bracing_props", None)
        props = bracing(door) if bracing is not None else []
        if not props:
            return 0.0, -1.0
        c, r = door.spec.tile
        pos = self.world.bodies.pos
        mx = sum(float(pos[p.index][0]) for p in props) / len(props)
        my = sum(float(pos[p.index][1]) for p in props) / len(props)
        dx, dy = (c + 0.5) * TILE_PX - mx, (r + 0.5) * TILE_PX - my
        return (dx, dy) if dx or dy else (0.0, -1.0)

    def _braced_tag(self, door) -> pygame.Surface | None:
        """"x2.5" when props brace the door (its lock held that many times over), else None."""
        locks = self.braced_locks(door)
        return self._tag(f"x{locks:.1f}", BRACED_RGB, 18, backed=True) if locks >= BRACED_SHOWN else None

    def draw_ties(self, surface: pygame.Surface, camera: Camera, pos: np.ndarray) -> int:
        """Each standing tower's tie to the world, while it holds: an orange strap from the
        steel plate at the joint's world anchor (the wall it is tied to) to the tower's centre.
        Played by hand nothing showed where the tower was tied, nor that it could be pulled
        down; when the tie snaps the strap is gone. Returns how many straps were drawn."""
        towers = getattr(self.world, "towers", None)
        joints = getattr(self.world, "joints", None)
        if not towers or not towers.standing or joints is None:
            return 0
        static = self.world.space.static_body
        by_body = {id(p.body): p for p in towers.standing}
        width = max(2, round(1.5 * self.scale))
        plate = max(3, round(2.5 * self.scale))
        drawn = 0
        for joint in joints.joints:
            prop = by_body.get(id(joint.a))
            if prop is None or joint.b is not static or not joint.active:
                continue
            ax, ay = camera.to_screen(*joint.anchor_b)  # world px: the static body's frame
            tx, ty = camera.to_screen(float(pos[prop.index][0]), float(pos[prop.index][1]))
            pygame.draw.line(surface, (20, 16, 10), (ax, ay), (tx, ty), width + 2)
            pygame.draw.line(surface, TIE_STRAP, (ax, ay), (tx, ty), width)
            box = pygame.Rect(0, 0, plate, plate)
            box.center = (round(ax), round(ay))
            surface.fill((20, 16, 10), box.inflate(2, 2))
            surface.fill(TIE_PLATE, box)
            drawn += 1
        return drawn

    def draw_ropes(self, surface: pygame.Surface, camera: Camera, pos: np.ndarray, ang: np.ndarray) -> int:
        """Each rope that holds, as a steel cable from one anchor to the other, both ends on
        their bodies as drawn this frame (``pos``, ``ang``: blended between the last two ticks,
        as the sprites are), so it swings with the load. A rope tied to the world hangs from a
        crane's hook block overhead: a yellow block at that anchor. Played headless, the Site's
        crane load hung on nothing: nothing showed it was on a rope, nor where it would swing
        once its latch let go. Drawn over the crowd (it is in the air), under the squad.
        Returns how many ropes were drawn."""
        joints = getattr(self.world, "joints", None)
        ropes = [j for j in getattr(joints, "joints", ()) if j.spec.kind == "rope" and j.active]
        if not ropes:
            return 0
        static = self.world.space.static_body
        rows = {id(p.body): p.index for p in self.world.props}
        width = max(2, round(self.scale))
        block = max(5, round(4 * self.scale))
        drawn = 0
        for joint in ropes:
            ends = []
            for body, (lx, ly) in ((joint.a, joint.anchor_a), (joint.b, joint.anchor_b)):
                if body is static:
                    ends.append(camera.to_screen(lx, ly))  # world px
                    continue
                row = rows.get(id(body))
                if row is None:
                    break
                cos, sin = math.cos(float(ang[row])), math.sin(float(ang[row]))
                x, y = float(pos[row][0]), float(pos[row][1])
                ends.append(camera.to_screen(x + lx * cos - ly * sin, y + lx * sin + ly * cos))
            if len(ends) != 2:
                continue
            pygame.draw.line(surface, ROPE_EDGE, ends[0], ends[1], width + 2)
            pygame.draw.line(surface, ROPE_CABLE, ends[0], ends[1], width)
            if joint.b is static:
                box = pygame.Rect(0, 0, block, block)
                box.center = (round(ends[1][0]), round(ends[1][1]))
                surface.fill(ROPE_EDGE, box.inflate(2, 2))
                surface.fill(HOOK_BLOCK, box)
                surface.fill(ROPE_EDGE, box.inflate(-block // 2, -block // 2))  # the sheave's hole
            drawn += 1
        return drawn

    def draw_students(self, surface: pygame.Surface, camera: Camera, pos: np.ndarray, t: float) -> None:
        """Students by facing and gait; the lead gets a ring and an arrow; names above."""
        w = self.world
        tags: list[tuple[bool, pygame.Surface, pygame.Rect]] = []
        self._students_drawn = []
        for i, s in enumerate(w.students):
            if not s.alive and not getattr(s, "fell", False) and not getattr(s, "stayed", False):
                # Turned: the zombie that rose where they fell is them. A grey figure left
                # standing with their name read as a zombie that would not die (played by hand).
                continue
            x, y = pos[s.index]
            sx, sy = camera.to_screen(x, y)
            vx, vy = w.bodies.vel[s.index]
            moving = vx * vx + vy * vy > MOVING_SPEED * MOVING_SPEED
            facing = FACINGS[int(facing_index(np.array(s.facing[0]), np.array(s.facing[1])))]
            base = f"student.{s.id}" if f"student.{s.id}.walk" in self.atlas.anims else "student.on-jo"
            if moving:
                frame = int(t * self.atlas.fps(f"{base}.walk") * (1.6 if s.moving_gait == "sprint" else 1.0))
                img = self.atlas.scaled(self.atlas.anim_name(f"{base}.walk", facing, frame), self.scale)
            else:
                img = self.atlas.scaled(self.atlas.anim_name(f"{base}.idle", facing, 0), self.scale)
            if not s.alive:
                img = pygame.transform.grayscale(img)
            elif len(self._students_drawn) < 32:  # (bodies_under: a label over them counts)
                rect = img.get_rect(center=(round(sx), round(sy)))
                self._students_drawn.append(rect.inflate(0, 12) if i == w.lead else rect)  # the lead's arrow too
            if s.alive and getattr(s, "infected_ticks", 0) > 0:  # the bite is turning: a sick green ring
                ring = self.atlas.scaled(self.atlas.anim_name("fx.infection", "any", int(t * self.atlas.fps("fx.infection"))), self.scale)
                surface.blit(ring, (round(sx - ring.get_width() / 2), round(sy - ring.get_height() / 2)))
            shadow_r = img.get_width() * 0.32
            pygame.draw.ellipse(surface, (0, 0, 0), (sx - shadow_r, sy + img.get_height() * 0.3, shadow_r * 2, shadow_r * 0.7))
            if i == w.lead:
                r = img.get_width() * 0.62
                pulse = 0.5 + 0.5 * math.sin(t * 4.0)
                pygame.draw.ellipse(surface, (255, 236, 140), (sx - r, sy + img.get_height() * 0.18, r * 2, r * 0.9), 2)
                ay = sy - img.get_height() / 2 - 2 - pulse * 3
                pygame.draw.polygon(surface, (20, 16, 10), [(sx - 6, ay - 8), (sx + 6, ay - 8), (sx, ay + 1)])
                pygame.draw.polygon(surface, (255, 236, 140), [(sx - 5, ay - 7), (sx + 5, ay - 7), (sx, ay)])
            surface.blit(img, (round(sx - img.get_width() / 2), round(sy - img.get_height() / 2)))
            tag = self._tag(display_name(s.id), NAME_RGB, 18)
            rect = tag.get_rect(midbottom=(round(sx), round(sy - img.get_height() / 2 - (12 if i == w.lead else 2))))
            trouble = s.health < 1.0 or s.infected_ticks > 0 or (s.hold and i != w.lead)
            tags.append((TAG_LEAD if i == w.lead else TAG_TROUBLE if trouble else TAG_PLAIN, tag, rect))
            if s.grab_joint is not None:
                other = s.grab_joint.b
                px = other.position + s.grab_joint.anchor_b.rotated(other.angle)
                pygame.draw.line(surface, (255, 230, 120), (sx, sy), camera.to_screen(px.x, px.y), 2)
        self._tag_spots = [rect for _, _, rect in tags]  # (the doors' names keep off them)
        self._door_marks = self.door_marks(camera)
        placed = place_labels(tags, self._door_marks, top=self.label_top)
        self._name_rects = [rect for _, rect in placed]  # (a prompt keeps off them: bodies_under)
        surface.fblits(placed)

    def draw_horde(self, surface: pygame.Surface, camera: Camera, alpha: float, t: float) -> int:
        """Zombies inside the camera rect, one fblits; returns how many were drawn."""
        horde = getattr(self.world, "horde", None)
        self.zombies_drawn = 0
        self._drawn = _NOTHING_DRAWN
        # (this frame's "!" marks start empty: kept from a frame with a zombie in view, one hung
        # on the screen where it had been, the camera moving on and no zombie under it, until
        # another came into view; a playtester in the storm)
        self._alert_spots = []
        if horde is None or getattr(horde, "n", 0) == 0:
            return 0
        margin = TILE_PX
        x0, y0 = camera.left - margin, camera.top - margin
        x1 = x0 + camera.view_w / camera.scale + 2 * margin
        y1 = y0 + camera.view_h / camera.scale + 2 * margin
        # exact: the cells touching the rect hold zombies up to a cell beyond it, which would be
        # sorted, keyed and blitted only to be clipped away
        idx = np.asarray(horde.cells.in_rect(x0, y0, x1, y1, exact=True), dtype=np.int64)
        if idx.size == 0:
            return 0
        before = horde.prev_pos[idx]  # gathered once: each (n, 2) gather costs ~0.05 ms at 3000
        p = before + (horde.pos[idx] - before) * alpha
        order = np.argsort(p[:, 1], kind="stable")  # lower on screen drawn later (in front)
        idx, p = idx[order], p[order]
        vel = horde.vel[idx]
        uid = horde.uid[idx].astype(np.int64)
        anim = ZOMBIE_ANIM_OF_STATE[np.minimum(horde.state[idx].astype(np.int64), len(ZOMBIE_ANIM_OF_STATE) - 1)]
        fps = np.where(anim == 2, 12.0, 5.0)
        frame = (np.floor(t * fps).astype(np.int64) + uid) % 4
        facing = facing_index(vel[:, 0], vel[:, 1])
        key = (((uid % len(ZOMBIE_VARIANTS)) * 3 + anim) * 4 + facing) * 4 + frame
        half = np.full(idx.size, TILE_PX * self.scale / 2)
        halfbie = horde.breed[idx] == self._halfbie_breed()
        if halfbie.any():  # its own bigger art: walk, or sprint when chasing or attacking
            hkey = self.halfbie_base + ((anim == 2).astype(np.int64) * 4 + facing) * 4 + frame
            key = np.where(halfbie, hkey, key)
            half[halfbie] = HALFBIE_PX * self.scale / 2
        sx = np.rint((p[:, 0] - camera.left) * camera.scale - half).astype(np.int64)
        sy = np.rint((p[:, 1] - camera.top) * camera.scale - half).astype(np.int64)
        # Surfaces gathered by one numpy fancy index of an object array, positions zipped in C,
        # and the pairs streamed into fblits without a list: at 1000 zombies a list
        # comprehension here cost ~0.8 ms a frame, building the list ~0.3 ms at 3000.
        surface.fblits(zip(self._zombie_frames[key].tolist(), zip(sx.tolist(), sy.tolist())))
        self._drawn = (sx, sy, np.rint(2 * half).astype(np.int64), halfbie)
        self._draw_halfbies(surface, horde, idx, sx, sy, half, vel, t)
        self._draw_noticing(surface, horde, idx, sx, sy, half)
        self._draw_heard(surface, camera, alpha)
        self.zombies_drawn = int(idx.size)
        return self.zombies_drawn

    def bodies_under(self, rect: pygame.Rect) -> int:
        """How badly a screen rect drawn over the world now (a prompt's label) would hide the
        horde and the squad the last frame drew: 1 for each zombie sprite it overlaps,
        ``HIDES_HALFBIE`` for a halfbie, ``HIDES_STUDENT`` for a student or a door's mark. Played by hand, Gwi-nam waited on the bridge head under the east door's
        "E: unlock" label and nothing on screen showed him."""
        students = self.squad_under(rect)
        sx, sy, size, halfbie = self._drawn
        if sx.size == 0:
            return students
        hit = (sx < rect.right) & (sx + size > rect.left) & (sy < rect.bottom) & (sy + size > rect.top)
        return students + int(hit.sum()) + (HIDES_HALFBIE - 1) * int((hit & halfbie).sum())

    def squad_under(self, rect: pygame.Rect) -> int:
        """The part of ``bodies_under`` that is not the horde: ``HIDES_STUDENT`` for each student,
        name tag and door mark a screen rect overlaps (the last frame's). A word that may be
        left out (a ring's caption) keeps off these whatever the zombies: a playtester's squad,
        bitten in the Trolley's box, was buried under "is bitten" captions."""
        students = HIDES_STUDENT * sum(1 for r in self._students_drawn if r.colliderect(rect))
        # a door's strain bar and "x2.5" count as a student: a noise ring's "alarm" caption sat
        # on the Trolley's door 1 as it gave, hiding the bar that said so
        students += HIDES_STUDENT * sum(1 for r in self._door_marks if r.colliderect(rect))
        # and a student's name tag: "hold E: drag the desk" covered Su-hyeok's (playtester, session 26)
        students += HIDES_STUDENT * sum(1 for r in self._name_rects if r.colliderect(rect))
        return students

    def _draw_halfbies(self, surface: pygame.Surface, horde, idx: np.ndarray, sx: np.ndarray, sy: np.ndarray,
                       half: np.ndarray, vel: np.ndarray, t: float) -> None:
        """Gwi-nam (a breed that ignores lures) in his own sprite, ringed red: the one to watch."""
        lures = getattr(getattr(horde, "breeds", None), "ignores_lures", None)
        if lures is None or not lures.any():
            return
        for k in np.nonzero(lures[horde.breed[idx]])[0].tolist():
            facing = FACINGS[int(facing_index(np.array(vel[k, 0]), np.array(vel[k, 1])))]
            sprint = int(horde.state[idx[k]]) >= 3
            name = "halfbie.gwi-nam.sprint" if sprint else "halfbie.gwi-nam.walk"
            if name not in self.atlas.anims:
                continue
            img = self.atlas.scaled(self.atlas.anim_name(name, facing, int(t * (12 if sprint else 6))), self.scale)
            cx, cy = int(sx[k] + half[k]), int(sy[k] + half[k])  # his centre (sx, sy: his sprite's corner)
            pygame.draw.circle(surface, (220, 40, 40), (cx, cy), int(TILE_PX * self.scale * 0.8), 2)
            surface.blit(img, (cx - img.get_width() // 2, cy - img.get_height() // 2))

    def _draw_noticing(self, surface: pygame.Surface, horde, idx: np.ndarray, sx: np.ndarray, sy: np.ndarray,
                       half: np.ndarray) -> None:
        """A "!" over each zombie that has just seen a student and is about to charge (the sim's
        notice beat, ``horde.noticing``): the moment to shoot it, back off or get out of sight."""
        self._alert_spots = []  # screen px of this frame's "!" (draw_alerts draws them again, over the dark)
        noticing = getattr(horde, "noticing", None)
        if noticing is None:
            return
        ks = np.flatnonzero(noticing[idx])
        if ks.size == 0:
            return
        if self._alert is None:
            self._alert = alert_sprite(self.scale)
        mark = self._alert
        x = sx[ks] + half[ks] - mark.get_width() // 2
        y = sy[ks] - mark.get_height() + round(self.scale)  # just over the head
        self._alert_spots = list(zip(x.tolist(), y.tolist()))
        surface.fblits(zip(itertools.repeat(mark), self._alert_spots))

    def draw_alerts(self, surface: pygame.Surface) -> int:
        """This frame's "!" marks again, over the dark (``Presentation.draw`` calls it after the
        light): drawn with the zombies they sat under the night, and in the storm a playtester's
        "!" showed only dimly. Returns how many were drawn."""
        spots = self._alert_spots
        if spots and self._alert is not None:
            surface.fblits(zip(itertools.repeat(self._alert), spots))
        return len(spots)

    def _draw_heard(self, surface: pygame.Surface, camera: Camera, alpha: float) -> None:
        """What a halfbie ally (Nam-ra) hears through walls: a small red mark on each zombie.

        Placed in numpy and stamped with one fblits of a pre-drawn dot (the same pixels as
        ``pygame.draw.circle``): she can hear hundreds, and a circle call each cost ~1 us."""
        from ..sim import hunger  # the sim's query; drawing never writes the world
        horde = self.world.horde
        for s in getattr(self.world, "students", ()):
            if not getattr(s, "halfbie", False) or not s.alive:
                continue
            rows = hunger.hears(self.world, s)
            if rows.size == 0:
                continue
            before = horde.prev_pos[rows]
            p = before + (horde.pos[rows] - before) * alpha
            # int() of the screen px, as the circle calls had it (truncation toward zero)
            x = ((p[:, 0] - camera.left) * camera.scale).astype(np.int64)
            y = ((p[:, 1] - camera.top) * camera.scale - TILE_PX * self.scale * 0.6).astype(np.int64)
            dot, (ox, oy) = self._heard_dot
            surface.fblits(zip(itertools.repeat(dot), zip((x + ox).tolist(), (y + oy).tolist())))


_NOTHING_DRAWN = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64),
                  np.zeros(0, dtype=bool))


MARKER_CLEAR_PX = 10  # screen px a door's name keeps above a station's marker (Prompts' ring)
# Where a door's name may go, best first: (the name's point placed, which way from the doorway's
# middle, screen px beyond the door tile's edge). Above the door (where it always went), to its
# right, to its left, below it, higher above it: all beside the door, so it still names it.
DOOR_NAME_SPOTS = (("midbottom", (0, -1), 12), ("midleft", (1, 0), 8), ("midright", (-1, 0), 8),
                   ("midtop", (0, 1), 12), ("midbottom", (0, -1), 44))
ALERT_INK = (255, 226, 90)  # the "!": the objective pointer's warm yellow, brighter
ALERT_EDGE = (40, 12, 10)


def alert_sprite(scale: float) -> pygame.Surface:
    """A "!" drawn in sprite pixels at ``scale``, ringed by a one-pixel dark edge: readable over
    dark woods and pale floors alike."""
    glyph = ("###", "###", "###", "###", ".#.", "...", "###", "###")  # 3 x 8 sprite px
    ink = np.zeros((len(glyph) + 2, 5), dtype=bool)
    for r, row in enumerate(glyph):
        ink[r + 1, 1:4] = [ch == "#" for ch in row]
    edge = np.zeros_like(ink)
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            edge |= np.roll(np.roll(ink, dr, axis=0), dc, axis=1)
    u = max(1, round(scale))  # one sprite pixel
    surf = pygame.Surface((ink.shape[1] * u, ink.shape[0] * u), pygame.SRCALPHA)
    for r, c in zip(*np.nonzero(edge)):
        surf.fill(ALERT_INK if ink[r, c] else ALERT_EDGE, (int(c) * u, int(r) * u, u, u))
    return surf


def dot_sprite(colour: tuple[int, int, int], radius: int) -> tuple[pygame.Surface, tuple[int, int]]:
    """A filled circle as a colour-keyed sprite and the offset (px) from the circle's centre to
    its top-left: blitted at centre + offset it lays the pixels ``pygame.draw.circle`` would."""
    size = 2 * radius + 5
    canvas = pygame.Surface((size, size))
    key = (0, 0, 0) if colour != (0, 0, 0) else (255, 0, 255)
    canvas.fill(key)
    c = size // 2
    drawn = pygame.draw.circle(canvas, colour, (c, c), radius)
    dot = canvas.subsurface(drawn).copy()
    dot.set_colorkey(key, pygame.RLEACCEL)
    return dot, (drawn.x - c, drawn.y - c)
