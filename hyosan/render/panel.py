"""The 9-slice UI panel from the atlas (``ui.panel``, slice margins in atlas.json), cached by size."""

from __future__ import annotations

import pygame

from .atlas import Atlas


class PanelPainter:
    """Builds panel surfaces of any size from the 9-slice sprite; corners stay crisp."""

    def __init__(self, atlas: Atlas, name: str = "ui.panel", scale: int = 2) -> None:
        self.atlas = atlas
        self.name = name
        self.scale = scale
        self._cache: dict[tuple[int, int], pygame.Surface] = {}

    def panel(self, w: int, h: int) -> pygame.Surface:
        """A w×h panel surface (screen px)."""
        key = (int(w), int(h))
        surf = self._cache.get(key)
        if surf is None:
            surf = self._build(*key)
            if len(self._cache) > 64:
                self._cache.clear()
            self._cache[key] = surf
        return surf

    def _build(self, w: int, h: int) -> pygame.Surface:
        src = self.atlas.frame(self.name)
        left, top, right, bottom = self.atlas.frames[self.name].get("slice", [8, 8, 8, 8])
        sw, sh = src.get_size()
        k = self.scale
        out = pygame.Surface((max(w, (left + right) * k), max(h, (top + bottom) * k)), pygame.SRCALPHA)
        w, h = out.get_size()
        xs_src = (0, left, sw - right, sw)
        ys_src = (0, top, sh - bottom, sh)
        xs_dst = (0, left * k, w - right * k, w)
        ys_dst = (0, top * k, h - bottom * k, h)
        for j in range(3):
            for i in range(3):
                sr = pygame.Rect(xs_src[i], ys_src[j], xs_src[i + 1] - xs_src[i], ys_src[j + 1] - ys_src[j])
                dr = pygame.Rect(xs_dst[i], ys_dst[j], xs_dst[i + 1] - xs_dst[i], ys_dst[j + 1] - ys_dst[j])
                if sr.w <= 0 or sr.h <= 0 or dr.w <= 0 or dr.h <= 0:
                    continue
                out.blit(pygame.transform.scale(src.subsurface(sr), dr.size), dr)
        return out

    def draw(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """Blit a panel filling ``rect``."""
        surface.blit(self.panel(rect.w, rect.h), rect.topleft)
