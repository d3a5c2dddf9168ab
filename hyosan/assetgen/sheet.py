"""Sprite sheet packing and the atlas manifest."""

from __future__ import annotations

import numpy as np

from . import draw

FACINGS = ("down", "up", "left", "right")
# quarter turns (counter-clockwise) from the canonical down-facing drawing
FACING_TURNS = {"down": 0, "right": 1, "up": 2, "left": 3}


class Sheet:
    """Shelf packer: frames go left to right in rows, in the order they are added."""

    def __init__(self, name: str, width: int, pad: int = 1) -> None:
        self.name = name
        self.width = width
        self.pad = pad
        self.items: list[tuple[str, np.ndarray, int, int]] = []
        self.x = 0
        self.y = 0
        self.row_h = 0

    def newline(self) -> None:
        if self.x:
            self.y += self.row_h + self.pad
            self.x = 0
            self.row_h = 0

    def add(self, name: str, img: np.ndarray) -> dict:
        h, w = img.shape[:2]
        if w > self.width:
            raise ValueError(f"{name} wider than sheet {self.name}")
        if self.x + w > self.width:
            self.newline()
        entry = {"sheet": self.name, "x": self.x, "y": self.y, "w": w, "h": h}
        self.items.append((name, img, self.x, self.y))
        self.x += w + self.pad
        self.row_h = max(self.row_h, h)
        return entry

    def render(self) -> np.ndarray:
        height = self.y + self.row_h
        height = (height + 15) // 16 * 16
        out = draw.new(self.width, height)
        for _name, img, x, y in self.items:
            h, w = img.shape[:2]
            out[y:y + h, x:x + w] = img
        return out


class Atlas:
    """Collects sheets, frames and animations; serialises to the atlas.json layout."""

    def __init__(self) -> None:
        self.sheets: dict[str, Sheet] = {}
        self.frames: dict[str, dict] = {}
        self.anims: dict[str, dict] = {}

    def sheet(self, name: str, width: int = 256) -> Sheet:
        if name not in self.sheets:
            self.sheets[name] = Sheet(name, width)
        return self.sheets[name]

    def frame(self, sheet: str, name: str, img: np.ndarray, **extra) -> str:
        if name in self.frames:
            raise KeyError(f"duplicate frame {name}")
        entry = self.sheet(sheet).add(name, img)
        entry.update(extra)
        self.frames[name] = entry
        return name

    def anim(self, name: str, frames_by_facing: dict[str, list[str]], fps: float, loop: bool = True) -> None:
        if name in self.anims:
            raise KeyError(f"duplicate anim {name}")
        self.anims[name] = {"fps": fps, "loop": loop, "frames": frames_by_facing}

    def faced_anim(self, sheet: str, name: str, make, nframes: int, fps: float) -> None:
        """make(facing, i) -> image; adds frames name.facing.i and the anim name."""
        by: dict[str, list[str]] = {}
        for facing in FACINGS:
            by[facing] = [self.frame(sheet, f"{name}.{facing}.{i}", make(facing, i)) for i in range(nframes)]
        self.anim(name, by, fps)
        self.sheet(sheet).newline()

    def manifest(self, files: dict[str, str]) -> dict:
        sheets = {}
        for name, sh in self.sheets.items():
            img = sh.render()
            sheets[name] = {"file": files[name], "w": int(img.shape[1]), "h": int(img.shape[0])}
        return {
            "version": 1,
            "tile_size": 16,
            "facings": list(FACINGS),
            "sheets": sheets,
            "frames": self.frames,
            "anims": self.anims,
        }
