"""Sort-based cell list for neighbour queries over the horde, rebuilt every tick (compiled kernels)."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from hyosan.sim.jit import kernel

# Half 3x3 stencil (dx, dy) in cells, excluding (0, 0) which is handled within a cell.
# Together with the own cell these visit every unordered pair of neighbouring cells once.
_HALF_STENCIL: tuple[tuple[int, int], ...] = ((1, 0), (-1, 1), (0, 1), (1, 1))
# Full 3x3 stencil (dx, dy) in cells, row-major, for point queries.
_FULL_STENCIL: tuple[tuple[int, int], ...] = tuple(
    (dx, dy) for dy in (-1, 0, 1) for dx in (-1, 0, 1)
)

_EMPTY_I = np.zeros(0, dtype=np.intp)
_EMPTY_F = np.zeros(0)


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
    ``order`` (n,) agent indices sorted by cell, ``cell_of`` (n,) padded cell key per agent;
    padded key = (row+1) * (cols+2) + (col+1). ``starts_at(keys)`` gives the first sorted
    slot of padded cells (cell k holds slots [starts_at(k), starts_at(k + 1))).
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
        # Bin with cells 1e-9 wider than cell_px: two points <= cell_px apart can then never
        # land two cells apart through rounding in the division (radius == cell_px is safe).
        self._inv: float = 1.0 / (self.cell_px * (1.0 + 1e-9))
        self._top: NDArray[np.float64] = np.array([self.cols - 1.0, self.rows - 1.0])  # the last cell's (col, row)
        self.n: int = 0
        self.pos: NDArray[np.float64] = np.zeros((0, 2))  # px, in sorted (cell) order
        self._x: NDArray[np.float64] = np.zeros(0)
        self._y: NDArray[np.float64] = np.zeros(0)
        self.order: NDArray[np.intp] = _EMPTY_I
        self.cell_of: NDArray[np.intp] = _EMPTY_I
        self.sorted_cell: NDArray[np.intp] = _EMPTY_I
        # First sorted slot of padded cells base, base + 1, ...: only the key range the
        # agents (and the stencil cells past the last one) span, not the whole grid -- the
        # cumsum over every cell of a 2560x1440 world cost more than the sort at 1000 agents.
        self._base: int = 0
        self._starts: NDArray[np.intp] = np.zeros(2, dtype=np.intp)
        self._offsets: NDArray[np.intp] | None = None  # see _stencil_offsets
        self._full: NDArray[np.intp] | None = None  # padded-key offsets of _FULL_STENCIL

    # -- building ---------------------------------------------------------------------------

    def _cell_xy(self, pos: NDArray[np.float64]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
        """Clamped cell column and row for positions (n, 2) in px."""
        # (x, y) cells, both columns per call: the same values as a pass per column
        c = np.floor(pos * self._inv)
        if not np.isfinite(c).all():  # rare: skip nan_to_num's cost
            c = np.nan_to_num(c)
        # minimum/maximum: np.clip's arithmetic without its per-call overhead
        np.maximum(c, 0, out=c)
        np.minimum(c, self._top, out=c)
        c = c.astype(np.intp)
        return c[:, 0], c[:, 1]

    def rebuild(self, pos: NDArray[np.float64]) -> None:
        """Bin agent positions (n,2) px into cells; invalidates earlier query results.

        One counting sort by padded cell key, agents in index order within a cell: exactly
        ``np.argsort(key, kind="stable")``. Its cell table is ``_starts`` (see ``starts_at``)."""
        pos = np.ascontiguousarray(pos, dtype=np.float64).reshape(-1, 2)
        (self.cell_of, self.order, self.sorted_cell, self.pos, self._x, self._y, self._starts,
         self._base) = _rebuild(pos, self._inv, self._top[0], self._top[1], self.pcols)
        self.n = pos.shape[0]

    def starts_at(self, keys: NDArray[np.intp]) -> NDArray[np.intp]:
        """First sorted slot of each padded cell key (any key: outside the agents' range the
        answer is 0 below it and n above it, as in a full-grid table)."""
        return self._starts[np.minimum(np.maximum(keys - self._base, 0), self._starts.size - 1)]

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
        if self.n < 2:
            return _EMPTY_I, _EMPTY_I
        i, j, _, _ = _close_pairs(self.sorted_cell, self._starts, self._base, self._stencil_offsets(),
                                  self.order, self._x, self._y, r2, True)
        return i, j

    def pairs_among(self, pos: NDArray[np.float64], radius: float) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
        """``rebuild(pos)`` then ``pairs_within(radius)``'s pairs, in one compiled call that
        keeps none of the binning (the queries above do not answer for ``pos`` afterwards): the
        separation's candidates at every decision, without boxing the eight arrays a rebuild
        keeps (~1 us each)."""
        r2 = self._check_radius(radius) ** 2
        if pos.shape[0] < 2:
            return _EMPTY_I, _EMPTY_I
        return _pairs_among(pos, self._inv, self._top[0], self._top[1], self.pcols, self._stencil_offsets(), r2)

    def pair_offsets(self, radius: float) -> tuple[NDArray[np.intp], NDArray[np.intp],
                                                    NDArray[np.float64], NDArray[np.float64]]:
        """``pairs_within`` (same pairs, same order) with each pair's offset
        ``pos[i] - pos[j]`` (px) as two arrays dx, dy, bit for bit as that subtraction."""
        r2 = self._check_radius(radius) ** 2
        if self.n < 2:
            return _EMPTY_I, _EMPTY_I, _EMPTY_F, _EMPTY_F
        return _close_pairs(self.sorted_cell, self._starts, self._base, self._stencil_offsets(),
                            self.order, self._x, self._y, r2, True)

    def _stencil_offsets(self) -> NDArray[np.intp]:
        """(5,) padded-key offsets of the own cell and the half stencil."""
        if self._offsets is None:
            self._offsets = np.array([0] + [dy * self.pcols + dx for dx, dy in _HALF_STENCIL], dtype=np.intp)
        return self._offsets

    def neighbours_of(
        self, points: NDArray[np.float64], radius: float
    ) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
        """(point_index, agent_index) for agents within radius px of query points (m,2) px."""
        r2 = self._check_radius(radius) ** 2
        pts = np.ascontiguousarray(points, dtype=np.float64).reshape(-1, 2)
        if pts.shape[0] == 0 or self.n == 0:
            return _EMPTY_I, _EMPTY_I
        if self._full is None:
            self._full = np.array([dy * self.pcols + dx for dx, dy in _FULL_STENCIL], dtype=np.intp)
        return _neighbours_of(pts, self._inv, self._top[0], self._top[1], self.pcols, self._full,
                              self._starts, self._base, self.order, self._x, self._y, r2)

    def density(self) -> NDArray[np.intp]:
        """Agents per cell as a (rows, cols) int array."""
        counts = np.bincount(self.cell_of, minlength=self.n_pcells)
        return counts.reshape(self.prows, self.pcols)[1:-1, 1:-1].copy()

    def in_rect(
        self, x0: float, y0: float, x1: float, y1: float, *, exact: bool = False
    ) -> NDArray[np.intp]:
        """Agent indices in cells touching the rect [x0,x1]x[y0,y1] px (exact=True filters)."""
        if self.n == 0 or x1 < x0 or y1 < y0:
            return _EMPTY_I
        return _in_rect(float(x0), float(y0), float(x1), float(y1), exact, self._inv, self._top[0], self._top[1],
                        self.pcols, self._starts, self._base, self.order, self._x, self._y)


# -- kernels (the numpy they replaced, operation for operation: see hyosan/sim/jit.py) -------------


@kernel
def _cell_at(v: float, inv: float, top: float) -> int:
    """Cell column (or row) of a coordinate px: floor(v * inv), nan as 0 (np.nan_to_num),
    clamped to [0, top] (infinities to the edges), as ``CellList._cell_xy``."""
    c = np.floor(v * inv)
    if c != c:
        c = 0.0
    return int(min(max(c, 0.0), top))


@kernel
def _cell_key(x: float, y: float, inv: float, top_x: float, top_y: float, pcols: int) -> int:
    """Padded cell key of a point px."""
    return (_cell_at(y, inv, top_y) + 1) * pcols + (_cell_at(x, inv, top_x) + 1)


@kernel
def _rebuild(pos: NDArray[np.float64], inv: float, top_x: float, top_y: float,
             pcols: int) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.intp], NDArray[np.float64],
                                  NDArray[np.float64], NDArray[np.float64], NDArray[np.intp], int]:
    """(cell_of, order, sorted_cell, sorted pos, sorted x, sorted y, starts, base) of ``rebuild``.

    ``starts`` covers the local keys [0, span]: base = the least key, span = the key range
    plus pcols + 3 (every key the half stencil reaches past the last agent, and one more);
    starts[k] = the agents in local keys below k."""
    n = pos.shape[0]
    key = np.empty(n, dtype=np.intp)
    lo = 0
    hi = 0
    for i in range(n):
        k = _cell_key(pos[i, 0], pos[i, 1], inv, top_x, top_y, pcols)
        key[i] = k
        if i == 0 or k < lo:
            lo = k
        if i == 0 or k > hi:
            hi = k
    span = hi - lo + pcols + 3
    starts = np.zeros(span + 1, dtype=np.intp)
    for i in range(n):
        starts[key[i] - lo + 1] += 1
    for k in range(1, span + 1):
        starts[k] += starts[k - 1]
    fill = starts[:span].copy()  # next free slot per cell: agents in index order (stable)
    order = np.empty(n, dtype=np.intp)
    for i in range(n):
        c = key[i] - lo
        order[fill[c]] = i
        fill[c] += 1
    sorted_cell = np.empty(n, dtype=np.intp)
    spos = np.empty((n, 2))
    xs = np.empty(n)
    ys = np.empty(n)
    for s in range(n):
        i = order[s]
        sorted_cell[s] = key[i]
        spos[s, 0] = xs[s] = pos[i, 0]
        spos[s, 1] = ys[s] = pos[i, 1]
    return key, order, sorted_cell, spos, xs, ys, starts, lo


@kernel
def _close_pairs(sorted_cell: NDArray[np.intp], starts: NDArray[np.intp], base: int, offsets: NDArray[np.intp],
                 order: NDArray[np.intp], xs: NDArray[np.float64], ys: NDArray[np.float64], r2: float,
                 ordered: bool) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64], NDArray[np.float64]]:
    """Pairs of agents within sqrt(r2) px as (a, b, x[a] - x[b], y[a] - y[b]), a from the
    earlier sorted slot. Order: stencil row (own cell first, then the half stencil), sorted
    slot, slot within the cell. ``ordered``: as (min, max, pos[min] - pos[max]) instead,
    the offset's sign flipped by a multiply by -1 where a > b."""
    n = xs.size
    total = 0  # candidates: an upper bound on the pairs
    for r in range(offsets.size):
        for i in range(n):
            k = sorted_cell[i] - base + offsets[r]
            total += starts[k + 1] - (i + 1 if r == 0 else starts[k])
    ia = np.empty(total, dtype=np.intp)
    ib = np.empty(total, dtype=np.intp)
    ox = np.empty(total)
    oy = np.empty(total)
    c = 0
    for r in range(offsets.size):
        for i in range(n):
            k = sorted_cell[i] - base + offsets[r]
            x, y = xs[i], ys[i]
            for j in range(i + 1 if r == 0 else starts[k], starts[k + 1]):
                dx = x - xs[j]
                dy = y - ys[j]
                if dx * dx + dy * dy <= r2:
                    a, b = order[i], order[j]
                    if ordered and a > b:
                        ia[c], ib[c] = b, a
                        ox[c], oy[c] = dx * -1.0, dy * -1.0
                    else:
                        ia[c], ib[c] = a, b
                        ox[c], oy[c] = dx * 1.0, dy * 1.0
                    c += 1
    return ia[:c], ib[:c], ox[:c], oy[:c]


@kernel
def _pairs_among(pos, inv, top_x, top_y, pcols, offsets, r2):  # type: ignore[no-untyped-def]
    """``_close_pairs`` (ordered) of ``_rebuild(pos)``'s binning: the pairs alone."""
    _, order, sorted_cell, _, xs, ys, starts, base = _rebuild(pos, inv, top_x, top_y, pcols)
    ia, ib, _, _ = _close_pairs(sorted_cell, starts, base, offsets, order, xs, ys, r2, True)
    return ia, ib


@kernel
def _neighbours_of(pts: NDArray[np.float64], inv: float, top_x: float, top_y: float, pcols: int,
                   offsets: NDArray[np.intp], starts: NDArray[np.intp], base: int, order: NDArray[np.intp],
                   xs: NDArray[np.float64], ys: NDArray[np.float64],
                   r2: float) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """(point, agent) within sqrt(r2) px, by point, stencil cell (row-major 3x3), sorted slot;
    the offset point - agent as the numpy subtraction. Keys outside the table read its ends."""
    m = pts.shape[0]
    top = starts.size - 1
    total = 0
    for p in range(m):
        key = _cell_key(pts[p, 0], pts[p, 1], inv, top_x, top_y, pcols) - base
        for s in range(offsets.size):
            k = key + offsets[s]
            total += starts[min(max(k + 1, 0), top)] - starts[min(max(k, 0), top)]
    pi = np.empty(total, dtype=np.intp)
    ai = np.empty(total, dtype=np.intp)
    c = 0
    for p in range(m):
        x, y = pts[p, 0], pts[p, 1]
        key = _cell_key(x, y, inv, top_x, top_y, pcols) - base
        for s in range(offsets.size):
            k = key + offsets[s]
            for j in range(starts[min(max(k, 0), top)], starts[min(max(k + 1, 0), top)]):
                dx = x - xs[j]
                dy = y - ys[j]
                if dx * dx + dy * dy <= r2:
                    pi[c] = p
                    ai[c] = order[j]
                    c += 1
    return pi[:c], ai[:c]


@kernel
def _in_rect(x0: float, y0: float, x1: float, y1: float, exact: bool, inv: float, top_x: float, top_y: float,
             pcols: int, starts: NDArray[np.intp], base: int, order: NDArray[np.intp], xs: NDArray[np.float64],
             ys: NDArray[np.float64]) -> NDArray[np.intp]:
    """Agents in the cells of the rect's corner cells' block, row by row, by sorted slot;
    ``exact``: only those with x0 <= x <= x1 and y0 <= y <= y1."""
    c0, c1 = _cell_at(x0, inv, top_x), _cell_at(x1, inv, top_x)
    r0, r1 = _cell_at(y0, inv, top_y), _cell_at(y1, inv, top_y)
    top = starts.size - 1
    total = 0
    for r in range(r0 + 1, r1 + 2):
        k = r * pcols - base
        total += starts[min(max(k + c1 + 2, 0), top)] - starts[min(max(k + c0 + 1, 0), top)]
    out = np.empty(total, dtype=np.intp)
    c = 0
    for r in range(r0 + 1, r1 + 2):
        k = r * pcols - base
        for j in range(starts[min(max(k + c0 + 1, 0), top)], starts[min(max(k + c1 + 2, 0), top)]):
            if not exact or (xs[j] >= x0 and xs[j] <= x1 and ys[j] >= y0 and ys[j] <= y1):
                out[c] = order[j]
                c += 1
    return out[:c]
