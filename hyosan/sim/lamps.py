"""Lamp light that walls stop: which part of the map each lamp lights.

A lamp lights a point within its radius when the straight line from the lamp to the point
crosses no opaque tile (a wall, a shut door, the void) other than the lamp's own tile and the
point's own tile: the face of a wall is lit, the room behind it is not, and a window or an
open door lets the light through. The answer is worked out once per lamp on a grid of
``LIGHT_CELL_PX`` cells when the world is built, and again for the lamps near a door that opens,
shuts or breaks. The horde sees by it (``Sky.light_at``) and the renderer draws it, so the pool
of light a player sees is the one the horde sees a student in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .units import TILE_PX

LIGHT_CELL_PX = TILE_PX / 4  # px: the side of one cell of a lamp's pool (a quarter tile)...
LIGHT_MAX_CELLS = 48  # ...up to this many cells from the lamp to its rim (a wide lamp's are bigger)
LIGHT_RAY_STEP_PX = 2.0  # px between samples along a ray, or half a cell if that is more


@dataclass(frozen=True)
class LampPool:
    """The cells one lamp lights: an (n, n) grid of ``cell``-px cells centred on the lamp."""

    x: float  # px, the lamp
    y: float  # px
    radius: float  # px
    lit: NDArray[np.bool_]  # (n, n), rows then columns; cell (0, 0)'s corner is at (x, y) - n/2 cells
    version: int  # grows each time any pool is worked out again
    cell: float = LIGHT_CELL_PX  # px, the side of one cell

    @property
    def corner(self) -> tuple[float, float]:
        """px: the top-left corner of cell (0, 0)."""
        half = self.lit.shape[0] * self.cell / 2
        return self.x - half, self.y - half

    def lights(self, x: float, y: float) -> bool:
        """Whether the point (x, y) px stands in this lamp's light."""
        if math.hypot(x - self.x, y - self.y) > self.radius:
            return False
        x0, y0 = self.corner
        n = self.lit.shape[0]
        c = min(n - 1, int((x - x0) // self.cell))  # (a point on the rim is in the last cell)
        r = min(n - 1, int((y - y0) // self.cell))
        return bool(self.lit[r, c])

    def tiles(self) -> tuple[int, int, int, int]:
        """(first column, first row, last column, last row) of the tiles this pool reaches into."""
        x0, y0 = self.corner
        span = self.lit.shape[0] * self.cell
        return (math.floor(x0 / TILE_PX), math.floor(y0 / TILE_PX),
                math.floor((x0 + span) / TILE_PX), math.floor((y0 + span) / TILE_PX))


def lamp_pool(x: float, y: float, radius: float, opaque: NDArray[np.bool_], version: int = 0,
              cell: float | None = None) -> LampPool:
    """The pool of light of a lamp at (x, y) px with ``radius`` px, over the tiles ``opaque``
    (rows, columns; True blocks light; outside the grid blocks too). Every cell whose centre
    lies within the radius, plus the rim cells the radius cuts, is marched from the lamp, all at
    once. A lamp wider than ``LIGHT_MAX_CELLS`` quarter tiles gets bigger cells, so a pool costs
    at most 96 x 96 rays of 96 samples however wide a level makes it. ``cell`` (px) asks for
    coarser cells: a drawn torch's pool, worked out again as its carrier walks, needs no more."""
    opaque = np.asarray(opaque, dtype=bool)
    h, w = opaque.shape
    cell = max(LIGHT_CELL_PX, radius / LIGHT_MAX_CELLS, cell or 0.0)
    step = max(LIGHT_RAY_STEP_PX, cell / 2)
    n = 2 * max(1, math.ceil(radius / cell))
    x0, y0 = x - n / 2 * cell, y - n / 2 * cell
    centres = (np.arange(n, dtype=np.float64) + 0.5) * cell
    cx, cy = np.meshgrid(x0 + centres, y0 + centres)  # (n, n) px, rows then columns
    dist = np.hypot(cx - x, cy - y)
    reach = dist <= radius + cell * math.sqrt(0.5)  # the rim cells too: drawn softly
    lit = reach.copy()
    rays = np.flatnonzero(reach & (dist > step))
    if rays.size:
        d = dist.ravel()[rays]
        tx, ty = cx.ravel()[rays], cy.ravel()[rays]
        s = np.arange(1, math.ceil(float(d.max()) / step), dtype=np.float64) * step
        valid = s[None, :] < d[:, None]
        t = np.minimum(s[None, :] / d[:, None], 1.0)
        col = np.floor((x + (tx - x)[:, None] * t) / TILE_PX).astype(np.intp)
        row = np.floor((y + (ty - y)[:, None] * t) / TILE_PX).astype(np.intp)
        inside = (col >= 0) & (col < w) & (row >= 0) & (row < h)
        hit = ~inside
        hit[inside] = opaque[row[inside], col[inside]]
        own = (col == math.floor(x / TILE_PX)) & (row == math.floor(y / TILE_PX))
        target = (col == np.floor(tx / TILE_PX).astype(np.intp)[:, None]) & \
                 (row == np.floor(ty / TILE_PX).astype(np.intp)[:, None])
        blocked = (hit & valid & ~own & ~target).any(axis=1)
        lit.ravel()[rays[blocked]] = False
    return LampPool(x, y, radius, lit, version, cell)
