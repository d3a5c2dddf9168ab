"""On-jo's extinguisher powder: each cloud the world holds (``World.clouds``) drawn as a pale,
lumpy puff over its radius, thinning away over its last second. The world says who it hides;
this only shows where it hangs, so the player can keep the squad inside it.
"""

from __future__ import annotations

import math

import pygame

from ..sim.units import TICK_HZ
from .camera import Camera

PUFFS = ((0.0, 0.0, 0.75), (0.45, -0.3, 0.55), (-0.5, -0.2, 0.5), (0.3, 0.45, 0.5), (-0.35, 0.45, 0.45))
POWDER = (226, 232, 236)
FADE_TICKS = TICK_HZ  # the last second it thins away


class CloudPainter:
    """Draws every cloud on one reused overlay (translucent white, one blit per cloud)."""

    def __init__(self) -> None:
        self._overlay: pygame.Surface | None = None

    def draw(self, surface: pygame.Surface, camera: Camera, clouds, tick: int) -> list[pygame.Rect]:
        """The clouds hanging at ``tick``; returns the screen rects drawn on."""
        drawn: list[pygame.Rect] = []
        for c in clouds:
            left = c.until_tick - tick
            if left <= 0:
                continue
            alpha = 150 * min(1.0, left / FADE_TICKS)
            r = c.radius * camera.scale
            size = int(2 * r) + 4
            if self._overlay is None or self._overlay.get_width() < size:
                self._overlay = pygame.Surface((size, size), pygame.SRCALPHA)
            overlay = self._overlay
            overlay.fill((0, 0, 0, 0))
            mid = size / 2
            # A faint disc over the whole radius, then denser blobs over it (pygame.draw writes
            # pixels, it does not blend on one surface: the blobs' union reads as powder)
            pygame.draw.circle(overlay, (*POWDER, round(alpha * 0.35)), (mid, mid), r)
            for dx, dy, k in PUFFS:
                pygame.draw.circle(overlay, (*POWDER, round(alpha * 0.6)), (mid + dx * r * 0.6, mid + dy * r * 0.6), r * k)
            sx, sy = camera.to_screen(c.x, c.y)
            drawn.append(surface.blit(overlay, (math.floor(sx - mid), math.floor(sy - mid)), (0, 0, size, size)))
        return drawn
