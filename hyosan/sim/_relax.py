"""Min-plus line-sweep relaxation over a tile grid, shared by nav and noise."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

SQRT2: float = math.sqrt(2.0)

# The 8 moves as (d_row, d_col), orthogonal first so ties prefer straight moves.
# Index pairs (0,1), (2,3), (4,5), (6,7) are opposite directions on one axis.
DIRS: tuple[tuple[int, int], ...] = (
    (0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, -1), (1, -1), (-1, 1),
)
STEP_TILES: tuple[float, ...] = (1.0, 1.0, 1.0, 1.0, SQRT2, SQRT2, SQRT2, SQRT2)  # tiles

FloatGrid = NDArray[np.float64]


def quantum_for(max_abs: float) -> float:
    """Power of two q such that multiples of q below 4*max_abs are exact in float64."""
    return 2.0 ** (math.ceil(math.log2(max(max_abs, 1.0) * 4.0)) - 52)


def quantise(values: NDArray[np.floating], quantum: float) -> FloatGrid:
    """Round to the nearest multiple of quantum (a power of two), as float64."""
    return np.round(np.asarray(values, dtype=np.float64) / quantum) * quantum


@lru_cache(maxsize=16)
def line_families(h: int, w: int) -> tuple[NDArray[np.intp], ...]:
    """Flat tile indices of every line of the 4 families (rows, cols, diags, anti-diags).

    Each is a (lines, length) array padded with the sentinel h*w; positions increase in the
    direction DIRS[2*f] of family f (E, S, SE, SW).
    """
    grid = np.arange(h * w, dtype=np.intp).reshape(h, w)
    out = [grid, np.ascontiguousarray(grid.T)]
    for anti in (False, True):
        dc = -1 if anti else 1
        first_col = w - 1 if anti else 0
        r0 = np.concatenate([np.zeros(w, dtype=np.intp), np.arange(1, h, dtype=np.intp)])
        c0 = np.concatenate(
            [np.arange(w, dtype=np.intp), np.full(h - 1, first_col, dtype=np.intp)]
        )
        s = np.arange(min(h, w), dtype=np.intp)
        rr = r0[:, None] + s[None, :]
        cc = c0[:, None] + dc * s[None, :]
        ok = (rr < h) & (cc >= 0) & (cc < w)
        out.append(np.where(ok, rr * w + cc, h * w))
    for a in out:
        a.setflags(write=False)
    return tuple(out)


@lru_cache(maxsize=16)
def line_of_tile(h: int, w: int) -> tuple[NDArray[np.intp], ...]:
    """For each family, the line index of every flat tile (plus a dummy for the sentinel)."""
    out = []
    for lines in line_families(h, w):
        idx = np.zeros(h * w + 1, dtype=np.intp)
        idx[lines.ravel()] = np.repeat(np.arange(lines.shape[0], dtype=np.intp), lines.shape[1])
        idx.setflags(write=False)
        out.append(idx)
    return tuple(out)


def shifted(grid: NDArray, dr: int, dc: int, fill: float) -> NDArray:
    """grid[r+dr, c+dc] at [r, c] (value of the neighbour in direction (dr, dc)), fill outside."""
    h, w = grid.shape
    out = np.full((h, w), fill, dtype=grid.dtype)
    out[max(0, -dr) : h - max(0, dr), max(0, -dc) : w - max(0, dc)] = grid[
        max(0, dr) : h - max(0, -dr), max(0, dc) : w - max(0, -dc)
    ]
    return out


class LineRelaxer:
    """Exact min-plus relaxation d[t] = min(d[t], d[u] + sum of move weights along a line).

    ``weights[k][r, c]`` is the cost (>= 0) of the single move from (r, c) in direction
    DIRS[k] (``big`` when the move is not allowed). Relaxing one line in both directions is
    a prefix sum plus ``minimum.accumulate``, so a whole straight run of a shortest path is
    settled at once and the work scales with the number of turns, not the path length.
    Only "dirty" lines (some tile on them changed since that line was last relaxed) are
    processed; relaxing a clean line again could not change anything. Candidates that cross
    a blocked move cost at least ``big`` and are reset to inf.
    """

    def __init__(
        self,
        weights: list[FloatGrid],
        big: float,
        limit: float | None = None,
        quantised: bool = False,
    ) -> None:
        h, w = weights[0].shape
        self.h, self.w = h, w
        self.limit = big if limit is None else limit  # values >= this crossed a blocked move
        # Quantise every weight to a power-of-two grid coarse enough that all prefix sums
        # (at most max(h, w) moves of at most `big`) are exact in float64. Exact sums make
        # the relaxation converge in finitely many steps and make results independent of
        # the order in which candidates are combined.
        self.quantum = quantum_for(big * (max(h, w) + 2))
        self.limit = min(self.limit, float(quantise(np.array(big), self.quantum)))
        self.families = line_families(h, w)
        self.line_of = line_of_tile(h, w)
        self.q: list[FloatGrid] = []  # exclusive prefix of + moves per line
        self.c: list[FloatGrid] = []  # inclusive prefix of - moves per line
        if not quantised:  # caller already rounded with quantum_for(big * (max(h, w) + 2))
            weights = [quantise(wk, self.quantum) for wk in weights]
        for f, lines in enumerate(self.families):
            wp = np.append(weights[2 * f].ravel(), big)[lines]
            wm = np.append(weights[2 * f + 1].ravel(), big)[lines]
            self.q.append(np.cumsum(wp, axis=1) - wp)
            self.c.append(np.cumsum(wm, axis=1))

    def begin(self, d: FloatGrid, seeds: NDArray[np.intp]) -> SolveState:
        """Start a resumable solve from d (h, w) and the flat tiles `seeds` that differ from
        the background (only lines through them start dirty)."""
        ext = np.append(d.reshape(-1).astype(np.float64), np.inf)
        dirty = [np.zeros(lines.shape[0], dtype=bool) for lines in self.families]
        for f in range(4):
            dirty[f][self.line_of[f][seeds]] = True
        return SolveState(ext, dirty)

    def advance(
        self,
        st: SolveState,
        max_batches: int | None = None,
        between: Callable[[NDArray[np.float64]], NDArray[np.intp]] | None = None,
    ) -> bool:
        """Process up to max_batches line batches (None = all); True once at the fixed point.

        `between(ext)` runs after each round over the four families on the flat extended
        array and returns the flat tiles it changed.
        """
        budget = max_batches
        while not st.done:
            while st.family < 4:
                f = st.family
                sel = np.flatnonzero(st.dirty[f])
                if sel.size:
                    if budget is not None and budget <= 0:
                        return False
                    self._relax_lines(st, f, sel)
                    if budget is not None:
                        budget -= 1
                st.family += 1
            st.family = 0
            if between is not None:
                tiles = between(st.ext)
                if tiles.size:
                    for g in range(4):
                        st.dirty[g][self.line_of[g][tiles]] = True
            st.done = not any(dv.any() for dv in st.dirty)
        return True

    def _relax_lines(self, st: SolveState, f: int, sel: NDArray[np.intp]) -> None:
        """Relax the selected lines of family f in both directions; mark crossing lines."""
        lines = self.families[f]
        ext = st.ext
        st.batches += 1
        st.dirty[f].fill(False)
        if sel.size == lines.shape[0]:
            idx, q, c = lines, self.q[f], self.c[f]
        else:
            idx, q, c = lines[sel], self.q[f][sel], self.c[f][sel]
        old = ext[idx]
        # In place where numpy allows it (one buffer per pass instead of two): the backward
        # sweep accumulates along a reversed view of its own buffer.
        dl = old + q
        back = dl[:, ::-1]
        np.minimum.accumulate(back, axis=1, out=back)
        dl -= q
        np.minimum(old, dl, out=dl)
        m = dl - c
        np.minimum.accumulate(m, axis=1, out=m)
        m += c
        np.minimum(dl, m, out=dl)
        # dl <= old everywhere. A candidate through a blocked move (or padding) is >= limit
        # and anything derived from it too, so such values are never kept.
        changed = dl < np.minimum(old, self.limit)
        if changed.any():
            tiles = idx[changed]
            ext[tiles] = dl[changed]
            for g in range(4):
                if g != f:
                    st.dirty[g][self.line_of[g][tiles]] = True

    def solve(
        self,
        d: FloatGrid,
        seeds: NDArray[np.intp],
        between: Callable[[NDArray[np.float64]], NDArray[np.intp]] | None = None,
    ) -> int:
        """Relax d (h, w) in place to the fixed point; returns the line batches processed."""
        st = self.begin(d, seeds)
        self.advance(st, None, between)
        d.reshape(-1)[:] = st.ext[:-1]
        return st.batches


@dataclass
class SolveState:
    """A resumable LineRelaxer solve (lets a caller spread one solve over several ticks)."""

    ext: NDArray[np.float64]  # flat values plus a trailing inf sentinel
    dirty: list[NDArray[np.bool_]]  # per family: lines to relax again
    family: int = 0  # family to resume at within the current round
    batches: int = 0  # line batches processed so far
    done: bool = False
