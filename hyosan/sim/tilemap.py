"""The level's tile grid as numpy arrays, and its walls as static pymunk boxes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pymunk

from ..content.schema import MapSpec
from .physics import add_wall_box
from .units import TILE_PX

# Tile kind codes in ``TileMap.kind`` (uint8). The content layer names them; the sim counts them.
FLOOR, WALL, DOOR, WINDOW, EXIT, SPAWN, PUDDLE, EDGE, VOID = range(9)
KIND_CODES = {
    "floor": FLOOR, "wall": WALL, "door": DOOR, "window": WINDOW, "exit": EXIT,
    "spawn": SPAWN, "puddle": PUDDLE, "edge": EDGE, "void": VOID,
}
SOLID_KINDS = (WALL, WINDOW, VOID)  # block bodies; doors are bodies of their own
OPAQUE_KINDS = (WALL, VOID)  # block sight and light; a shut door does too (the world adds it)
# Per kind code (all 256 a uint8 holds): whether it is solid / opaque. ``lut.take(kind)`` is
# ``np.isin(kind, ...)``, a fresh bool grid, at a seventh of the cost (the followers' paths
# ask for the solid tiles on every re-path).
_SOLID_LUT = np.isin(np.arange(256), SOLID_KINDS)
_OPAQUE_LUT = np.isin(np.arange(256), OPAQUE_KINDS)


def grown(mask: np.ndarray, tiles: int, border: bool = False) -> np.ndarray:
    """``mask`` ((rows, cols) bool) grown by ``tiles`` tiles in all eight directions (a tile
    outside it is >= ``tiles`` whole tiles from every True tile along x or y); ``border`` True
    counts the map's edge as True too."""
    out = np.pad(mask, tiles, constant_values=border)
    for _ in range(tiles):  # one tile of growth per pass: along rows, then along columns (diagonals too)
        step = out.copy()
        step[1:, :] |= out[:-1, :]
        step[:-1, :] |= out[1:, :]
        step[:, 1:] |= step[:, :-1].copy()
        step[:, :-1] |= step[:, 1:].copy()
        out = step
    rows, cols = mask.shape
    return out[tiles:tiles + rows, tiles:tiles + cols]


@dataclass
class TileMap:
    """Tile kinds on a [row, col] grid, plus derived masks the senses and navigation use."""

    kind: np.ndarray  # (rows, cols) uint8 tile kind codes

    @classmethod
    def from_spec(cls, spec: MapSpec) -> TileMap:
        """Build the kind grid from the ASCII map."""
        legend = dict(spec.legend)
        lut = {ch: KIND_CODES[kind] for ch, kind in legend.items()}
        kind = np.array([[lut[ch] for ch in row] for row in spec.rows], dtype=np.uint8)
        return cls(kind)

    @property
    def rows(self) -> int:
        """Height in tiles."""
        return int(self.kind.shape[0])

    @property
    def cols(self) -> int:
        """Width in tiles."""
        return int(self.kind.shape[1])

    @property
    def width_px(self) -> float:
        """Width in px."""
        return float(self.cols * TILE_PX)

    @property
    def height_px(self) -> float:
        """Height in px."""
        return float(self.rows * TILE_PX)

    @property
    def solid(self) -> np.ndarray:
        """True where a tile blocks bodies (walls, windows, void)."""
        return _SOLID_LUT.take(self.kind)

    @property
    def opaque(self) -> np.ndarray:
        """True where a tile blocks sight and light (walls, void; a window is seen through).
        Doors are not in it: whether one blocks depends on whether it stands shut."""
        return _OPAQUE_LUT.take(self.kind)

    @property
    def exit_mask(self) -> np.ndarray:
        """True on exit tiles."""
        return self.kind == EXIT

    def tile_of(self, x: float, y: float) -> tuple[int, int]:
        """(col, row) of a point in px, clamped into the map."""
        rows, cols = self.kind.shape  # (asked ~10 times a tick: the grid's shape, not two properties)
        col = min(max(int(x // TILE_PX), 0), cols - 1)
        row = min(max(int(y // TILE_PX), 0), rows - 1)
        return col, row

    def add_walls(self, space: pymunk.Space) -> int:
        """Add one static box per horizontal run of solid tiles; returns how many boxes."""
        solid = self.solid
        boxes = 0
        for r in range(self.rows):
            c = 0
            while c < self.cols:
                if not solid[r, c]:
                    c += 1
                    continue
                start = c
                while c < self.cols and solid[r, c]:
                    c += 1
                add_wall_box(space, start * TILE_PX, r * TILE_PX, c * TILE_PX, (r + 1) * TILE_PX)
                boxes += 1
        # The map's outer border, so nothing leaves the map even where the grid has no wall.
        w, h, t = self.width_px, self.height_px, TILE_PX
        for box in ((-t, -t, w + t, 0), (-t, h, w + t, h + t), (-t, 0, 0, h), (w, 0, w + t, h)):
            add_wall_box(space, *box)
        return boxes + 4
