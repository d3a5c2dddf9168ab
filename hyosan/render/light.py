"""The light map: a darkness surface multiplied over the frame, with lights added into it.

Day levels draw nothing. A "dark" level fills the darkness with its ambient colour, adds a
soft blob around every student, the exits' glow and the lead's phone torch (a cone in the
facing), then multiplies it over the scene. Light sprites are white with alpha; they are
premultiplied once so that additive blending adds alpha × white.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from ..sim.lamps import LampPool, lamp_pool
from ..sim.units import TILE_PX
from .atlas import Atlas
from .camera import Camera
from .drones import flight_lights
from .trail_markers import MARKER_GLOW_PX, world_marker_spots

AMBIENT = {"day": None, "dusk": (150, 140, 160), "dawn": (118, 124, 150), "dark": (38, 40, 62)}
TORCH_LENGTH = 120.0  # world px the phone torch reaches
BLOB_RADIUS = 40.0  # world px around each student
ANGLE_STEPS = 64
LAMP_CACHE_SIZE = 64  # lamp lights kept drawn (per pool, flicker beat and size on screen)
TORCH_CELL_PX = TILE_PX / 2  # px: the cells of a torch's pool (the walls that stop its beam)
TORCH_POOL_CACHE = 32  # torch pools kept (per tile the carrier stood on and walls' version)
# A lamp's light: plainly lit out to the pool's rim, where the horde stops seeing by it (the
# student blob's falloff had faded to the dark two thirds of the way out).
LAMP_LIGHT = "light.pool.128"


class LightMap:
    """Darkness for one level; ``draw`` after the world, before the HUD."""

    def __init__(self, atlas: Atlas, ambient: str = "day") -> None:
        self.atlas = atlas
        self.ambient = AMBIENT.get(ambient, None)
        self._dark: pygame.Surface | None = None
        self._cache: dict[tuple[str, int, int], pygame.Surface] = {}
        self._lamp_cache: dict[tuple[int, float, int], tuple[LampPool, pygame.Surface]] = {}

    @property
    def active(self) -> bool:
        """Whether this level darkens at all."""
        return self.ambient is not None

    def _light(self, name: str, size_px: int, step: int = 0) -> pygame.Surface:
        key = (name, size_px, step)
        surf = self._cache.get(key)
        if surf is None:
            src = self.atlas.frame(name)
            k = size_px / src.get_width()
            surf = pygame.transform.smoothscale(src.convert_alpha() if pygame.display.get_surface() else src,
                                                (size_px, max(1, round(src.get_height() * k))))
            if step:
                surf = pygame.transform.rotate(surf, -step * 360.0 / ANGLE_STEPS)
            surf = surf.premul_alpha()
            self._cache[key] = surf
        return surf

    def _lamp(self, pool: LampPool, share: float, size_px: int) -> pygame.Surface:
        """A lamp's light ``size_px`` across, dark where its pool does not reach (behind a wall);
        ``share`` of its radius (a flickering lamp's dim beat lights the middle of its pool)."""
        key = (id(pool), share, size_px)
        hit = self._lamp_cache.get(key)
        if hit is not None:
            return hit[1]
        if len(self._lamp_cache) > LAMP_CACHE_SIZE:  # a zoom or a door: older sizes and pools go
            self._lamp_cache.clear()
        img = self._light(LAMP_LIGHT, size_px).copy()
        n = pool.lit.shape[0]
        k = max(2, min(n, round(n * share / 2) * 2))  # the cells that cover share x the radius
        lo = (n - k) // 2
        side = max(1, round(k * pool.cell * size_px / (2 * pool.radius * share)))  # px on screen
        mask = _pool_mask(pool.lit[lo:lo + k, lo:lo + k], side)
        w, h = img.get_size()
        _darken_outside(img, mask, ((w - side) // 2, (h - side) // 2))
        self._lamp_cache[key] = (pool, img)  # (the pool kept alive, so its id is not reused)
        return img

    def _stopped_by_walls(self, cone: pygame.Surface, at: tuple[float, float], pool: LampPool,
                          camera: Camera) -> pygame.Surface:
        """The torch's cone (drawn at screen ``at``) dark wherever ``pool`` says the walls stop
        its light: a playtester's beam lit the solid rock past a corridor's end."""
        n = pool.lit.shape[0]
        side = max(1, round(n * pool.cell * camera.scale))
        key = (id(pool), side)
        hit = self._lamp_cache.get(key)
        if hit is None:
            if len(self._lamp_cache) > LAMP_CACHE_SIZE:
                self._lamp_cache.clear()
            hit = self._lamp_cache[key] = (pool, _pool_mask(pool.lit, side))
        px, py = camera.to_screen(*pool.corner)
        out = cone.copy()
        _darken_outside(out, hit[1], (round(px - at[0]), round(py - at[1])))
        return out

    def draw(self, surface: pygame.Surface, camera: Camera, lights: list[tuple[float, float, float]],
             torch: tuple[float, float, float, float] | None = None,
             torches: tuple[tuple[float, float, float, float], ...] = (), sky: float = 0.0,
             lamps: list[tuple[LampPool, float]] = ()) -> None:
        """Darken the frame; ``lights`` are (x, y, radius px), ``torch``/``torches`` are
        (x, y, dx, dy); ``lamps`` are (pool, share of its radius lit now), drawn stopped by
        walls as the horde sees by them; ``sky`` 0..1 lifts the darkness (1 = a lightning
        flash: daylight)."""
        if self.ambient is None or sky >= 1.0:
            return
        size = surface.get_size()
        if self._dark is None or self._dark.get_size() != size:
            self._dark = pygame.Surface(size)
        dark = self._dark
        sky = min(1.0, max(0.0, sky))
        dark.fill(tuple(round(a + (255 - a) * sky) for a in self.ambient))
        w, h = size
        adds: list[tuple[pygame.Surface, tuple[float, float]]] = []  # one fblits; off-screen ones skipped
        for x, y, radius in lights:
            d = max(8, int(radius * 2 * camera.scale))
            sx, sy = camera.to_screen(x, y)
            if -d < sx < w + d and -d < sy < h + d:
                img = self._light("light.blob.128", d)
                adds.append((img, (sx - img.get_width() / 2, sy - img.get_height() / 2)))
        for pool, share in lamps:
            d = max(8, int(pool.radius * share * 2 * camera.scale))
            sx, sy = camera.to_screen(pool.x, pool.y)
            if -d < sx < w + d and -d < sy < h + d:
                img = self._lamp(pool, share, d)
                adds.append((img, (sx - img.get_width() / 2, sy - img.get_height() / 2)))
        for x, y, fx, fy, *pool in ((torch,) if torch is not None else ()) + tuple(torches):
            angle = math.atan2(fy, fx)
            step = round(angle / (2 * math.pi) * ANGLE_STEPS) % ANGLE_STEPS
            length = int(TORCH_LENGTH * camera.scale)
            img = self._light("light.cone.64", length, step)
            a = step * 2 * math.pi / ANGLE_STEPS
            cx, cy = x + math.cos(a) * TORCH_LENGTH / 2, y + math.sin(a) * TORCH_LENGTH / 2
            sx, sy = camera.to_screen(cx, cy)
            left, top = sx - img.get_width() / 2, sy - img.get_height() / 2
            if pool and pool[0] is not None:
                img = self._stopped_by_walls(img, (left, top), pool[0], camera)
            adds.append((img, (left, top)))
        dark.fblits(adds, pygame.BLEND_RGB_ADD)
        surface.blit(dark, (0, 0), special_flags=pygame.BLEND_RGB_MULT)


# (grid id, walls' version, column, row) -> (the grid, its pool): the grid is kept so its id is
# not reused by another level's while the entry lives, and checked on every hit
def _pool_mask(lit: np.ndarray, side: int) -> pygame.Surface:
    """A pool's lit cells ((rows, columns) bool) as a white-on-black mask ``side`` px across,
    softened by the scaling."""
    cells = lit.T.astype(np.uint8) * 255  # (x, y), as surfarray reads
    mask = pygame.Surface(cells.shape)
    pygame.surfarray.blit_array(mask, np.repeat(cells[:, :, None], 3, axis=2))
    return pygame.transform.smoothscale(mask, (side, side))


def _darken_outside(img: pygame.Surface, mask: pygame.Surface, at: tuple[int, int]) -> None:
    """Multiply ``img`` by ``mask`` laid at ``at`` (px in ``img``), black beyond the mask."""
    cover = pygame.Surface(img.get_size())
    cover.blit(mask, at)
    img.blit(cover, (0, 0), special_flags=pygame.BLEND_RGB_MULT)


_torch_pools: dict[tuple[int, int, int, int], tuple[object, LampPool]] = {}


def torch_pool(x: float, y: float, opaque, version: int) -> LampPool | None:
    """What a torch carried at (x, y) px can light, walls stopping it: worked out from the tile
    it stands on (again as its carrier walks onto another tile, or a door changes), kept for
    ``TORCH_POOL_CACHE`` tiles. None without a grid of what blocks light."""
    if opaque is None:
        return None
    col, row = int(x // TILE_PX), int(y // TILE_PX)
    key = (id(opaque), version, col, row)
    hit = _torch_pools.get(key)
    if hit is None or hit[0] is not opaque:
        if len(_torch_pools) >= TORCH_POOL_CACHE:
            _torch_pools.clear()
        hit = _torch_pools[key] = (opaque, lamp_pool((col + 0.5) * TILE_PX, (row + 0.5) * TILE_PX,
                                                     TORCH_LENGTH + TILE_PX, opaque, cell=TORCH_CELL_PX))
    return hit[1]


def exit_lights(kind, exit_code: int) -> list[tuple[float, float, float]]:
    """One light per exit tile (x, y, radius px), so the way out glows in the dark."""
    rows, cols = np.nonzero(kind == exit_code)
    return [((c + 0.5) * TILE_PX, (r + 0.5) * TILE_PX, 24.0) for r, c in zip(rows.tolist(), cols.tolist(), strict=True)]


CAR_GLOW_PX = 34.0  # world px of faint light round a parked car (its alarm LED, wet paint)
FLICKER_SKY = 0.35  # how far a flickering sky lifts the dark, on alternate ~0.1 s beats


LAMP_FLICKER_DIM = 0.4  # of its radius a flickering lamp drops to on a bad beat
LAMP_FLICKER_BEAT = 4  # ticks (60 Hz) a beat lasts: a tube's stutter, not a strobe
LAMP_FLICKER_BAD = 11  # beats in 97 that go dim


def lamp_flicker(k: int, tick: int) -> float:
    """The share of its radius the ``k``-th lamp lights at ``tick`` when it flickers: a stutter
    of short dim beats at uneven gaps (a hash of the beat, offset per lamp so two flickering
    lamps seldom dim together). Drawn only: the horde sees by a flickering lamp as by a steady one."""
    beat = tick // LAMP_FLICKER_BEAT + 37 * k
    return LAMP_FLICKER_DIM if (beat * 2654435761) % 97 < LAMP_FLICKER_BAD else 1.0


def _lamp_flickers(world) -> list[bool]:
    """Per lamp that is on, in the sky's order: whether its level says it flickers."""
    spec = getattr(world, "spec", None)
    if spec is None:
        return [False] * len(world.sky.lamps)
    return [lt.flicker for lt in spec.lighting.lights if lt.kind == "lamp" and lt.on]


def world_lights(world) -> tuple[list[tuple[float, float, float]], tuple[tuple[float, float, float, float], ...],
                                 float, list[tuple[LampPool, float]]]:
    """What lights a world now: a blob round each student, the exits' and the trail markers'
    glow, the phone torches that are on (at their carriers, in their facing), how far the storm
    lifts the dark (1 in a lightning flash, a beat of ``FLICKER_SKY`` while the sky flickers),
    and the lamps: each one's pool (what it lights, walls stopping it) and the share of its
    radius lit now."""
    from ..sim import tilemap as tm

    pos = world.bodies.pos
    lights = [(float(pos[s.index][0]), float(pos[s.index][1]), 40.0) for s in world.students if s.alive]
    lights += exit_lights(world.tilemap.kind, tm.EXIT)
    # trail ribbons catch the first light: the way reads in the half-dark
    lights += [(mx * TILE_PX, (my + 0.2) * TILE_PX, MARKER_GLOW_PX) for _zone, mx, my, _tied in world_marker_spots(world)]
    # what flies shows over the dark by its own lights, and a helicopter's searchlight sweeps the
    # ground ahead of it (the horde's sight does not use them)
    lights += flight_lights(world)
    sky = getattr(world, "sky", None)
    if sky is None:
        return lights, (), 0.0, []
    lamps = [(pool, lamp_flicker(k, world.tick) if flickers else 1.0)
             for k, (pool, flickers) in enumerate(zip(sky.pools, _lamp_flickers(world), strict=True))]
    # A parked car's armed-alarm LED and wet paint catch a little light: cars read in the dark.
    lights += [(float(pos[p.index][0]), float(pos[p.index][1]), CAR_GLOW_PX) for p in world.props if p.type.alarm]
    opaque = getattr(getattr(world, "horde", None), "opaque", None)
    version = getattr(getattr(world, "horde", None), "grid_version", 0)
    torches = tuple((float(pos[s.index][0]), float(pos[s.index][1]), s.facing[0], s.facing[1],
                     torch_pool(float(pos[s.index][0]), float(pos[s.index][1]), opaque, version))
                    for s in world.students if s.alive and s.id in sky.torches)
    lift = 1.0 if sky.flash(world.tick) else FLICKER_SKY if sky.flickering(world.tick) and world.tick // 6 % 2 else 0.0
    return lights, torches, lift, lamps
