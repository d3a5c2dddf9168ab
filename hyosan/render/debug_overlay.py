"""The F3 debug overlay: physics shapes, spatial-hash cells with counts, flow-field arrows,
and the spread of the latest sound over the tile grid. Reads the world; never writes it."""

from __future__ import annotations

import numpy as np
import pygame
import pymunk
import pymunk.pygame_util

from ..sim.units import TILE_PX
from ..sim.world import World
from .camera import Camera


class DebugOverlay:
    """Draws what the simulation sees, over the normal view."""

    def __init__(self) -> None:
        self.visible = False
        self._font: pygame.font.Font | None = None

    def toggle(self) -> None:
        """Show or hide."""
        self.visible = not self.visible

    def draw(self, surface: pygame.Surface, world: World, camera: Camera) -> None:
        """Everything, clipped to the camera."""
        if not self.visible:
            return
        if self._font is None:
            self._font = pygame.font.Font(None, 16)
        x0, y0 = camera.left, camera.top
        x1, y1 = x0 + camera.view_w / camera.scale, y0 + camera.view_h / camera.scale
        tiles = (max(0, int(x0 // TILE_PX)), max(0, int(y0 // TILE_PX)),
                 min(world.tilemap.cols, int(x1 // TILE_PX) + 1), min(world.tilemap.rows, int(y1 // TILE_PX) + 1))
        self._sound_spread(surface, world, camera, tiles)
        self._flow_arrows(surface, world, camera, tiles)
        self._hash_cells(surface, world, camera)
        self._physics(surface, world, camera)
        self._legend(surface)

    def _sound_spread(self, surface: pygame.Surface, world: World, camera: Camera, tiles: tuple[int, int, int, int]) -> None:
        grid = world.horde.reach_cache.latest()
        if grid is None:
            return
        c0, r0, c1, r1 = tiles
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        size = TILE_PX * camera.scale
        peak = float(grid.max()) or 1.0
        for r, c in zip(*np.nonzero(grid[r0:r1, c0:c1] > 0), strict=True):  # tiles on screen only
            level = float(grid[r0 + r, c0 + c]) / peak
            sx, sy = camera.to_screen((c0 + c) * TILE_PX, (r0 + r) * TILE_PX)
            shade.fill((255, 200, 60, int(30 + 90 * level)), pygame.Rect(sx, sy, size + 1, size + 1))
        surface.blit(shade, (0, 0))

    def _flow_arrows(self, surface: pygame.Surface, world: World, camera: Camera, tiles: tuple[int, int, int, int]) -> None:
        field = world.horde.flow.field_for("students")
        if field is None:
            return
        c0, r0, c1, r1 = tiles
        for r in range(r0, r1):
            for c in range(c0, c1):
                dx, dy = (float(v) for v in field.dir[r, c])
                if dx == 0.0 and dy == 0.0:
                    continue
                cx, cy = camera.to_screen((c + 0.5) * TILE_PX, (r + 0.5) * TILE_PX)
                tip = (cx + dx * TILE_PX * camera.scale * 0.4, cy + dy * TILE_PX * camera.scale * 0.4)
                pygame.draw.line(surface, (90, 200, 255), (cx, cy), tip, 1)
                pygame.draw.circle(surface, (90, 200, 255), tip, 2)

    def _hash_cells(self, surface: pygame.Surface, world: World, camera: Camera) -> None:
        cells = world.horde.cells
        if world.horde.n == 0:
            return
        density = cells.density()
        size = cells.cell_px * camera.scale
        assert self._font is not None
        for r, c in zip(*np.nonzero(density), strict=True):
            sx, sy = camera.to_screen(c * cells.cell_px, r * cells.cell_px)
            if sx < -size or sy < -size or sx > surface.get_width() or sy > surface.get_height():
                continue
            rect = pygame.Rect(sx, sy, size, size)
            pygame.draw.rect(surface, (255, 80, 200), rect, 1)
            surface.blit(self._font.render(str(int(density[r, c])), True, (255, 120, 220)), (sx + 2, sy + 2))

    def _physics(self, surface: pygame.Surface, world: World, camera: Camera) -> None:
        layer = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        options = pymunk.pygame_util.DrawOptions(layer)
        options.transform = pymunk.Transform(a=camera.scale, d=camera.scale,
                                             tx=-camera.left * camera.scale, ty=-camera.top * camera.scale)
        options.flags = pymunk.SpaceDebugDrawOptions.DRAW_SHAPES | pymunk.SpaceDebugDrawOptions.DRAW_CONSTRAINTS
        world.space.debug_draw(options)
        layer.set_alpha(90)  # translucent, so the sprites under the shapes still read
        surface.blit(layer, (0, 0))

    def _legend(self, surface: pygame.Surface) -> None:
        assert self._font is not None
        lines = ("F3 debug: yellow = spread of the latest sound, blue = flow field to the squad,",
                 "pink = spatial-hash cells with counts, shapes and joints from pymunk",
                 "(in a horde of 400+ packed zombies, those far from walls, props and students have none)")
        # Top left, under the objective bar: the squad panel owns the bottom-left corner.
        images = [self._font.render(line, True, (255, 255, 255)) for line in lines]
        backing = pygame.Surface((max(i.get_width() for i in images) + 12, 16 * len(images) + 8), pygame.SRCALPHA)
        backing.fill((0, 0, 0, 150))
        surface.blit(backing, (12, 54))
        for k, img in enumerate(images):
            surface.blit(img, (18, 58 + 16 * k))
