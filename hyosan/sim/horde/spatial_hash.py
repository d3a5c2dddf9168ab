"""Sort-based cell list for neighbour queries over the horde, rebuilt every tick."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

# Half 3x3 stencil (dx, dy) in cells, excluding (0, 0) which is handled within a cell.
# Together with the own cell these visit every unordered pair of neighbouring cells once.
_HALF_STENCIL: tuple[tuple[int, int], ...] = ((1, 0), (-1, 1), (0, 1), (1, 1))
# Full 3x3 stencil (dx, dy) in cells, row-major, for point queries.
_FULL_STENCIL: tuple[tuple[int, int], ...] = tuple(
    (dx, dy) for dy in (-1, 0, 1) for dx in (-1, 0, 1)
)

_EMPTY_I = np.zeros(0, dtype=np.intp)


def _expand(start: NDArray[np.intp], count: NDArray[np.intp]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Expand ranges [start, start+count) into (range_id, value) flat arrays."""
    total = int(count.sum())
    if total == 0:
        return _EMPTY_I, _EMPTY_I
    owner = np.repeat(np.arange(count.size, dtype=np.intp), count)
    first = np.cumsum(count) - count  # offset of each range in the flat output
    value = np.arange(total, dtype=np.intp) - first[owner] + start[owner]
    return owner, value


class CellList:
    """Uniform-grid cell list over agent positions, rebuilt from scratch every tick.

    Used for zombie-zombie separation pairs, melee reach, crowd density and render culling.
    ``rebuild`` sorts agents by cell key (stable argsort) and finds cell starts with
    ``bincount``/``cumsum``; queries then visit a 3x3 block of cells, so every query radius
    must be <= ``cell_px``. Size the cell to the LARGEST query radius you need (e.g. 24 px
    for separation with 8 px agents): smaller cells would miss pairs, larger cells only cost
    more distance tests. Positions outside the world are clamped into the edge cells, which
    keeps results exact (clamping never separates two points by more than one cell) but
    makes those edge cells crowded.

    After ``rebuild`` the public arrays are valid until the next rebuild:
    ``order`` (n,) agent indices sorted by cell, ``cell_of`` (n,) padded cell key per agent,
    ``starts`` (padded cells+1,) first sorted slot of each padded cell, ``counts`` (padded
    cells,) agents per padded cell; padded key = (row+1) * (cols+2) + (col+1).
    """

    def __init__(self, cell_px: float, width_px: float, height_px: float) -> None:
        if not cell_px > 0:
            raise ValueError(f"cell_px must be > 0, got {cell_px}")
        self.cell_px: float = float(cell_px)  # px per cell edge
        self.width_px: float = float(width_px)  # px
        self.height_px: float = float(height_px)  # px
        self.cols: int = max(1, math.ceil(self.width_px / self.cell_px))  # cells
        self.rows: int = max(1, math.ceil(self.height_px / self.cell_px))  # cells
        self.n_cells: int = self.rows * self.cols
        # Internally cells are keyed on a grid padded by one empty cell on every side, so
        # stencil neighbours never need bounds checks: key = (cy+1) * pcols + (cx+1).
        self.pcols: int = self.cols + 2
        self.prows: int = self.rows + 2
        self.n_pcells: int = self.pcols * self.prows
        self.n: int = 0
        self.pos: NDArray[np.float64] = np.zeros((0, 2))  # px, in sorted (cell) order
        self._x: NDArray[np.float64] = np.zeros(0)
        self._y: NDArray[np.float64] = np.zeros(0)
        self.order: NDArray[np.intp] = _EMPTY_I
        self.cell_of: NDArray[np.intp] = _EMPTY_I
        self.sorted_cell: NDArray[np.intp] = _EMPTY_I
        self.counts: NDArray[np.intp] = np.zeros(self.n_pcells, dtype=np.intp)
        self.starts: NDArray[np.intp] = np.zeros(self.n_pcells + 1, dtype=np.intp)

    # -- building ---------------------------------------------------------------------------

    def _cell_xy(self, pos: NDArray[np.float64]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
        """Clamped cell column and row for positions in px."""
        # Bin with cells 1e-9 wider than cell_px: two points <= cell_px apart can then never
        # land two cells apart through rounding in the division (radius == cell_px is safe).
        inv = 1.0 / (self.cell_px * (1.0 + 1e-9))
        cx = np.floor(pos[:, 0] * inv)
        cy = np.floor(pos[:, 1] * inv)
        if not (np.isfinite(cx).all() and np.isfinite(cy).all()):  # rare: skip nan_to_num's cost
            cx, cy = np.nan_to_num(cx), np.nan_to_num(cy)
        cx = np.clip(cx, 0, self.cols - 1).astype(np.intp)
        cy = np.clip(cy, 0, self.rows - 1).astype(np.intp)
        return cx, cy

    def rebuild(self, pos: NDArray[np.float64]) -> None:
        """Bin agent positions (n,2) px into cells; invalidates earlier query results."""
        pos = np.asarray(pos, dtype=np.float64).reshape(-1, 2)
        cx, cy = self._cell_xy(pos)
        key = (cy + 1) * self.pcols + (cx + 1)
        order = np.argsort(key, kind="stable")
        self.n = pos.shape[0]
        self.order = order
        self.cell_of = key
        self.sorted_cell = key[order]
        self.pos = pos[order]
        self._x = np.ascontiguousarray(self.pos[:, 0])  # sorted x and y, contiguous for gathers
        self._y = np.ascontiguousarray(self.pos[:, 1])
        self.counts = np.bincount(key, minlength=self.n_pcells).astype(np.intp)
        starts = np.empty(self.n_pcells + 1, dtype=np.intp)
        starts[0] = 0
        np.cumsum(self.counts, out=starts[1:])
        self.starts = starts

    # -- queries ----------------------------------------------------------------------------

    def _check_radius(self, radius: float) -> float:
        radius = float(radius)
        if not (0.0 <= radius <= self.cell_px):
            raise ValueError(
                f"query radius {radius} px must be within [0, cell_px={self.cell_px}] px; "
                "size the CellList cell to the largest query radius"
            )
        return radius

    def pairs_within(self, radius: float) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
        """All agent pairs (i, j), i < j, with distance <= radius px (order deterministic)."""
        r2 = self._check_radius(radius) ** 2
        n = self.n
        if n < 2:
            return _EMPTY_I, _EMPTY_I
        slot = np.arange(n, dtype=np.intp)
        cell = self.sorted_cell
        # Row 0: own cell, sorted slots after me; rows 1..4: the half-stencil cells.
        st = np.empty((5, n), dtype=np.intp)
        ct = np.empty((5, n), dtype=np.intp)
        st[0] = slot + 1
        ct[0] = self.starts[cell + 1] - st[0]
        for s, (dx, dy) in enumerate(_HALF_STENCIL, start=1):
            nk = cell + (dy * self.pcols + dx)
            st[s] = self.starts[nk]
            ct[s] = self.starts[nk + 1] - st[s]
        # Only the (stencil cell, agent) entries with agents in them are expanded; the flat
        # order (stencil row, sorted slot, then slots within the cell) is the same as before.
        ctf = ct.ravel()
        nz = np.flatnonzero(ctf)
        if nz.size == 0:
            return _EMPTY_I, _EMPTY_I
        cnt = ctf[nz]
        stt = st.ravel()[nz]
        total = int(cnt.sum())
        first = np.cumsum(cnt) - cnt
        si = np.repeat(nz % n, cnt)
        other = np.arange(total, dtype=np.intp) + np.repeat(stt - first, cnt)
        x, y = self._x, self._y
        dx = x[si] - x[other]
        dy = y[si] - y[other]
        keep = (dx * dx + dy * dy) <= r2
        a = self.order[si[keep]]
        b = self.order[other[keep]]
        return np.minimum(a, b), np.maximum(a, b)

    def neighbours_of(
        self, points: NDArray[np.float64], radius: float
    ) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
        """(point_index, agent_index) for agents within radius px of query points (m,2) px."""
        r2 = self._check_radius(radius) ** 2
        pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        m = pts.shape[0]
        if m == 0 or self.n == 0:
            return _EMPTY_I, _EMPTY_I
        cx, cy = self._cell_xy(pts)
        key = (cy + 1) * self.pcols + (cx + 1)
        st = np.empty((m, 9), dtype=np.intp)
        ct = np.empty((m, 9), dtype=np.intp)
        for s, (dx, dy) in enumerate(_FULL_STENCIL):
            nk = key + (dy * self.pcols + dx)
            st[:, s] = self.starts[nk]
            ct[:, s] = self.starts[nk + 1] - st[:, s]
        owner, slot = _expand(st.ravel(), ct.ravel())
        pi = owner // 9
        d = pts[pi] - self.pos[slot]
        keep = (d[:, 0] * d[:, 0] + d[:, 1] * d[:, 1]) <= r2
        return pi[keep], self.order[slot[keep]]

    def density(self) -> NDArray[np.intp]:
        """Agents per cell as a (rows, cols) int array."""
        return self.counts.reshape(self.prows, self.pcols)[1:-1, 1:-1].copy()

    def in_rect(
        self, x0: float, y0: float, x1: float, y1: float, *, exact: bool = False
    ) -> NDArray[np.intp]:
        """Agent indices in cells touching the rect [x0,x1]x[y0,y1] px (exact=True filters)."""
        if self.n == 0 or x1 < x0 or y1 < y0:
            return _EMPTY_I
        corners = np.array([[x0, y0], [x1, y1]], dtype=np.float64)
        cx, cy = self._cell_xy(corners)
        rows = np.arange(cy[0] + 1, cy[1] + 2, dtype=np.intp) * self.pcols
        lo = self.starts[rows + (cx[0] + 1)]
        hi = self.starts[rows + (cx[1] + 2)]
        _, slot = _expand(lo, hi - lo)
        if exact:
            p = self.pos[slot]
            keep = (p[:, 0] >= x0) & (p[:, 0] <= x1) & (p[:, 1] >= y0) & (p[:, 1] <= y1)
            slot = slot[keep]
        return self.order[slot]
