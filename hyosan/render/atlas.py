"""Load the generated sprite sheets (assets/sprites/*.png + atlas.json) as pygame surfaces.

Names (see atlas.json "frames" and "anims"):
    student.<name>.walk / .idle        anim, facings down/up/left/right, 4 frames (idle: 1)
    zombie.<variant>.shamble / .sprint / .idle
    halfbie.gwi-nam.walk / .sprint     24 px frames
    prop.<name>, tile.<area>.<kind>.<n>, fx.<name>.<n>, light.<kind>.<size>, ui.<name>
Non-directional animations (fx.splash, fx.infection, ...) use the facing key "any".
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pygame

DEFAULT_ASSETS = Path(__file__).resolve().parents[2] / "assets"



def surface_table(surfaces: list[pygame.Surface]) -> np.ndarray:
    """Sprites in a 1-D object array: a numpy index array then picks one per drawn thing in a
    single gather (``table[kinds].tolist()``), which ``fblits`` takes zipped with positions; a
    Python list comprehension over thousands of sprites cost ~0.3-0.8 ms a frame."""
    table = np.empty(len(surfaces), dtype=object)
    table[:] = surfaces
    return table

class Atlas:
    def __init__(self, assets_dir: str | Path | None = None) -> None:
        self.root = Path(assets_dir) if assets_dir is not None else DEFAULT_ASSETS
        with open(self.root / "sprites" / "atlas.json", encoding="utf-8") as f:
            self.meta = json.load(f)
        self.frames: dict[str, dict] = self.meta["frames"]
        self.anims: dict[str, dict] = self.meta["anims"]
        converted = pygame.display.get_init() and pygame.display.get_surface() is not None
        self.sheets: dict[str, pygame.Surface] = {}
        for name, info in self.meta["sheets"].items():
            surf = pygame.image.load(str(self.root / "sprites" / info["file"]))
            self.sheets[name] = surf.convert_alpha() if converted else surf
        self._frame_cache: dict[str, pygame.Surface] = {}
        self._scaled_cache: dict[tuple[str, float], pygame.Surface] = {}

    def __contains__(self, name: str) -> bool:
        return name in self.frames

    def rect(self, name: str) -> pygame.Rect:
        e = self.frames[name]
        return pygame.Rect(e["x"], e["y"], e["w"], e["h"])

    def frame(self, name: str) -> pygame.Surface:
        """The named frame as a subsurface of its sheet (cached, shares pixels)."""
        surf = self._frame_cache.get(name)
        if surf is None:
            e = self.frames[name]
            surf = self.sheets[e["sheet"]].subsurface(self.rect(name))
            self._frame_cache[name] = surf
        return surf

    def anim_frames(self, name: str, facing: str = "down") -> list[str]:
        frames = self.anims[name]["frames"]
        return frames.get(facing) or frames.get("any") or next(iter(frames.values()))

    def anim_name(self, name: str, facing: str, frame_index: int) -> str:
        names = self.anim_frames(name, facing)
        if self.anims[name].get("loop", True):
            return names[frame_index % len(names)]
        return names[min(max(frame_index, 0), len(names) - 1)]

    def anim(self, name: str, facing: str, frame_index: int) -> pygame.Surface:
        """Frame frame_index (wrapping if the anim loops, clamped otherwise) of anim name."""
        return self.frame(self.anim_name(name, facing, frame_index))

    def fps(self, name: str) -> float:
        return float(self.anims[name]["fps"])

    def scaled(self, name: str, scale: float) -> pygame.Surface:
        """The frame scaled by scale with nearest-neighbour (crisp pixels), cached."""
        key = (name, scale)
        surf = self._scaled_cache.get(key)
        if surf is None:
            src = self.frame(name)
            size = (max(1, round(src.get_width() * scale)), max(1, round(src.get_height() * scale)))
            surf = pygame.transform.scale(src, size)
            self._scaled_cache[key] = surf
        return surf

    def clear_cache(self) -> None:
        self._scaled_cache.clear()
