"""Draws the world through a camera: tiles, doors, props and students, interpolated.

Plain shapes for now; sprites replace them once the generated art lands. Positions are
blended between the last two ticks with the loop's alpha, so motion is smooth at any frame rate.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from ..sim import tilemap as tm
from ..sim.squad import STUDENT_RADIUS
from ..sim.units import TILE_PX
from ..sim.world import World
from .camera import Camera

TILE_COLOURS = {
    tm.FLOOR: (58, 52, 48), tm.WALL: (118, 112, 104), tm.DOOR: (58, 52, 48), tm.WINDOW: (120, 170, 200),
    tm.EXIT: (40, 110, 60), tm.SPAWN: (58, 52, 48), tm.PUDDLE: (40, 60, 90), tm.EDGE: (20, 18, 18),
    tm.VOID: (8, 8, 10),
}
PROP_COLOURS = {"desk": (150, 110, 60), "teacher-desk": (120, 80, 40), "locker": (110, 120, 130), "chair": (90, 70, 50)}
STUDENT_COLOURS = [(90, 160, 240), (240, 200, 80), (120, 220, 140), (230, 120, 200), (240, 140, 80)]


class WorldView:
    """Owns the cached map surface for one world; draw it each frame."""

    def __init__(self, world: World, scale: float) -> None:
        self.world = world
        self.scale = scale
        self.map_surface = self._draw_map(scale)

    def _draw_map(self, scale: float) -> pygame.Surface:
        kind = self.world.tilemap.kind
        size = int(TILE_PX * scale)
        surf = pygame.Surface((kind.shape[1] * size, kind.shape[0] * size))
        for r in range(kind.shape[0]):
            for c in range(kind.shape[1]):
                k = int(kind[r, c])
                rect = pygame.Rect(c * size, r * size, size, size)
                surf.fill(TILE_COLOURS[k], rect)
                if k == tm.WALL:
                    surf.fill((150, 144, 134), rect.inflate(0, -size // 2).move(0, -size // 4))
                elif k in (tm.FLOOR, tm.SPAWN, tm.DOOR) and (r + c) % 2 == 0:
                    surf.fill((62, 56, 51), rect)
                elif k == tm.EXIT:
                    pygame.draw.rect(surf, (80, 200, 110), rect, max(1, size // 8))
        return surf

    def draw(self, surface: pygame.Surface, camera: Camera, alpha: float) -> None:
        """Draw the map and every body as of ``alpha`` between the last two ticks."""
        w = self.world
        surface.blit(self.map_surface, (-camera.left * camera.scale, -camera.top * camera.scale))
        pos = w.prev_pos + (w.bodies.pos - w.prev_pos) * alpha
        dang = (w.bodies.angle - w.prev_angle + np.pi) % (2 * np.pi) - np.pi
        ang = w.prev_angle + dang * alpha
        for door in w.doors:
            self._draw_box(surface, camera, pos[door.index], ang[door.index], door.length, 3.0, (170, 120, 70))
        for prop in w.props:
            colour = PROP_COLOURS.get(prop.spec.type, (150, 150, 150))
            self._draw_box(surface, camera, pos[prop.index], ang[prop.index], prop.type.width, prop.type.depth, colour)
        for i, s in enumerate(w.students):
            sx, sy = camera.to_screen(*pos[s.index])
            colour = STUDENT_COLOURS[i % len(STUDENT_COLOURS)] if s.alive else (90, 90, 90)
            r = STUDENT_RADIUS * camera.scale
            pygame.draw.circle(surface, (10, 10, 10), (sx, sy), r + 2)
            pygame.draw.circle(surface, colour, (sx, sy), r)
            fx, fy = s.facing
            pygame.draw.line(surface, (250, 250, 250), (sx, sy), (sx + fx * r, sy + fy * r), 3)
            if i == w.lead:
                pygame.draw.circle(surface, (255, 255, 255), (sx, sy), r + 5, 2)
            if s.grab_joint is not None:
                a = s.grab_joint.anchor_b
                other = s.grab_joint.b
                px = other.position + a.rotated(other.angle)
                pygame.draw.line(surface, (255, 230, 120), (sx, sy), camera.to_screen(px.x, px.y), 2)

    @staticmethod
    def _draw_box(surface: pygame.Surface, camera: Camera, centre: np.ndarray, angle: float,
                  w: float, d: float, colour: tuple[int, int, int]) -> None:
        c, s = math.cos(angle), math.sin(angle)
        pts = []
        for lx, ly in ((-w / 2, -d / 2), (w / 2, -d / 2), (w / 2, d / 2), (-w / 2, d / 2)):
            pts.append(camera.to_screen(centre[0] + lx * c - ly * s, centre[1] + lx * s + ly * c))
        pygame.draw.polygon(surface, colour, pts)
        pygame.draw.polygon(surface, (20, 16, 14), pts, 2)
