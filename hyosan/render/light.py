"""The light map: a darkness surface multiplied over the frame, with lights added into it.

Day levels draw nothing. A "dark" level fills the darkness with its ambient colour, adds a
soft blob around every student, the exits' glow and the lead's phone torch (a cone in the
facing), then multiplies it over the scene. Light sprites are white with alpha; they are
premultiplied once so that additive blending adds alpha × white.
"""

from __future__ import annotations

import math

import pygame

from ..sim.units import TILE_PX
from .atlas import Atlas
from .camera import Camera

AMBIENT = {"day": None, "dusk": (150, 140, 160), "dark": (38, 40, 62)}
TORCH_LENGTH = 120.0  # world px the phone torch reaches
BLOB_RADIUS = 40.0  # world px around each student
ANGLE_STEPS = 64


class LightMap:
    """Darkness for one level; ``draw`` after the world, before the HUD."""

    def __init__(self, atlas: Atlas, ambient: str = "day") -> None:
        self.atlas = atlas
        self.ambient = AMBIENT.get(ambient, None)
        self._dark: pygame.Surface | None = None
        self._cache: dict[tuple[str, int, int], pygame.Surface] = {}

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

    def draw(self, surface: pygame.Surface, camera: Camera, lights: list[tuple[float, float, float]],
             torch: tuple[float, float, float, float] | None = None, lift: float = 0.0) -> None:
        """Darken the frame; ``lights`` are (x, y, radius px), ``torch`` is (x, y, dx, dy);
        ``lift`` (0..1) raises the darkness toward daylight (a lightning flash)."""
        if self.ambient is None:
            return
        size = surface.get_size()
        if self._dark is None or self._dark.get_size() != size:
            self._dark = pygame.Surface(size)
        dark = self._dark
        lift = min(1.0, max(0.0, lift))
        dark.fill(tuple(round(a + (255 - a) * lift) for a in self.ambient))
        for x, y, radius in lights:
            d = max(8, int(radius * 2 * camera.scale))
            img = self._light("light.blob.128", d)
            sx, sy = camera.to_screen(x, y)
            dark.blit(img, (sx - img.get_width() / 2, sy - img.get_height() / 2), special_flags=pygame.BLEND_RGB_ADD)
        if torch is not None:
            x, y, fx, fy = torch
            angle = math.atan2(fy, fx)
            step = round(angle / (2 * math.pi) * ANGLE_STEPS) % ANGLE_STEPS
            length = int(TORCH_LENGTH * camera.scale)
            img = self._light("light.cone.64", length, step)
            a = step * 2 * math.pi / ANGLE_STEPS
            cx, cy = x + math.cos(a) * TORCH_LENGTH / 2, y + math.sin(a) * TORCH_LENGTH / 2
            sx, sy = camera.to_screen(cx, cy)
            dark.blit(img, (sx - img.get_width() / 2, sy - img.get_height() / 2), special_flags=pygame.BLEND_RGB_ADD)
        surface.blit(dark, (0, 0), special_flags=pygame.BLEND_RGB_MULT)


def exit_lights(kind, exit_code: int) -> list[tuple[float, float, float]]:
    """One light per exit tile (x, y, radius px), so the way out glows in the dark."""
    import numpy as np

    rows, cols = np.nonzero(kind == exit_code)
    return [((c + 0.5) * TILE_PX, (r + 0.5) * TILE_PX, 24.0) for r, c in zip(rows.tolist(), cols.tolist(), strict=True)]
