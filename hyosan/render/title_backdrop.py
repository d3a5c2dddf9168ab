"""The title screen's backdrop: a dim hallway floor drifting slowly, zombie silhouettes
shambling across it, and the logo scaled up. Cosmetic RNG of its own."""

from __future__ import annotations

import random

import pygame

from .atlas import Atlas

VARIANTS = ("schoolboy", "schoolgirl", "shirt", "teacher", "pe")


class TitleBackdrop:
    """Draws the animated backdrop and the logo; ``update`` with real seconds."""

    def __init__(self, atlas: Atlas | None = None, seed: int = 7) -> None:
        self.atlas = atlas if atlas is not None else Atlas()
        self.t = 0.0
        rng = random.Random(seed)
        self.walkers = [(rng.random(), rng.random(), rng.uniform(8, 22), rng.choice(VARIANTS), rng.random() < 0.5)
                        for _ in range(26)]
        self._floor: pygame.Surface | None = None
        self._shade: pygame.Surface | None = None
        self._silhouettes: dict[tuple[str, bool, int], pygame.Surface] = {}

    def update(self, seconds: float) -> None:
        """Advance the drift."""
        self.t += seconds

    def _silhouette(self, variant: str, right: bool, frame: int) -> pygame.Surface:
        """A walker's frame as a dark red shape, made once (a menu idles for minutes)."""
        key = (variant, right, frame)
        sil = self._silhouettes.get(key)
        if sil is None:
            img = self.atlas.scaled(self.atlas.anim_name(f"zombie.{variant}.shamble", "right" if right else "left", frame), 3.0)
            sil = img.copy()
            sil.fill((0, 0, 0, 255), special_flags=pygame.BLEND_RGBA_MULT)
            sil.fill((58, 18, 24, 0), special_flags=pygame.BLEND_RGBA_ADD)
            self._silhouettes[key] = sil
        return sil

    def _tiles(self, w: int, h: int) -> pygame.Surface:
        if self._floor is None or self._floor.get_size() != (w + 96, h + 96):
            surf = pygame.Surface((w + 96, h + 96))
            for y in range(0, h + 96, 48):
                for x in range(0, w + 96, 48):
                    k = (x // 48 * 7 + y // 48 * 3) % 4
                    surf.blit(self.atlas.scaled(f"tile.classroom.floor.{k}", 3.0), (x, y))
            dark = pygame.Surface(surf.get_size())
            dark.fill((70, 60, 80))
            surf.blit(dark, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
            self._floor = surf
        return self._floor

    def draw(self, surface: pygame.Surface, logo: bool = True) -> pygame.Rect:
        """Backdrop and (unless ``logo`` is False) the logo; returns the logo's rect (empty without)."""
        w, h = surface.get_size()
        off = (self.t * 6.0) % 48
        surface.blit(self._tiles(w, h), (-off, -off))
        for fx, fy, speed, variant, right in self.walkers:
            span = w + 120
            x = ((fx * span + (speed * self.t if right else -speed * self.t)) % span) - 60
            y = fy * h
            frame = int(self.t * 5 + fx * 10) % 4
            surface.blit(self._silhouette(variant, right, frame), (x, y))
        if self._shade is None or self._shade.get_size() != (w, h):
            self._shade = pygame.Surface((w, h), pygame.SRCALPHA)
            for i in range(h):  # darker at the top and bottom, so the menu reads
                a = int(110 + 100 * abs(i / h - 0.5) * 2)
                pygame.draw.line(self._shade, (8, 6, 10, min(230, a)), (0, i), (w, i))
        surface.blit(self._shade, (0, 0))
        if not logo:
            return pygame.Rect(w // 2, 0, 0, 0)
        logo_src = self.atlas.frame("ui.logo")
        k = max(2, min(6, int(w * 0.55 / logo_src.get_width())))
        logo = self.atlas.scaled("ui.logo", float(k))
        rect = logo.get_rect(midtop=(w // 2, h // 10))
        surface.blit(logo, rect)
        return rect
