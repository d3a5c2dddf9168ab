"""Sound propagation over the tile grid (widest path) and bulk hearing for the horde."""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from hyosan.sim._relax import DIRS, STEP_TILES, quantise, quantum_for
from hyosan.sim.jit import kernel
from hyosan.sim.nav import tile_of
from hyosan.sim.units import TILE_PX

# Transmission factor per tile (1 = free, 0 = blocks). A tile with factor < 1 multiplies the
# loudness that enters it: a closed door keeps 40 % (costs 60 %), an open door keeps 90 %.
T_FLOOR: float = 1.0
T_WALL: float = 0.0
T_CLOSED_DOOR: float = 0.4
T_OPEN_DOOR: float = 0.9
T_WINDOW: float = 0.5

RAIN_MULT: float = 0.55  # rain multiplies every loudness
THUNDER_MULT: float = 0.15  # a thunderclap masks all sound for 1.5 s

_STEP_PX = np.array(STEP_TILES) * TILE_PX  # px travelled per move in DIRS (16 or 16*sqrt2)
_DIRS_ARRAY = np.array(DIRS, dtype=np.int64)  # (d_row, d_col) per move, for the kernel


def weather_multiplier(raining: bool, thunder_mask_active: bool) -> float:
    """Loudness multiplier for the weather: rain 0.55, thunder mask 0.15, both multiply."""
    mult = 1.0
    if raining:
        mult *= RAIN_MULT
    if thunder_mask_active:
        mult *= THUNDER_MULT
    return mult


def sound_reach(
    transmission: NDArray[np.floating], source_tile: tuple[int, int], loudness_px: float
) -> NDArray[np.float32]:
    """Remaining loudness (h, w) px at every tile for a sound of loudness_px at source_tile.

    The loudness starts at loudness_px on the source tile [row, col], loses 16 px per
    orthogonal tile step and 16*sqrt2 px per diagonal step (no diagonal past a wall corner),
    and is multiplied by a tile's transmission when entering a tile whose transmission is
    below 1; walls (0) block. Each tile keeps the loudest arrival (widest path). So past a
    door at path distance D from the source, what is left of the range is multiplied by the
    door's factor: reach(D + x) = (loudness - D) * T - x (with D counting the step onto the
    door tile). Tiles the sound does not reach hold 0.
    """
    trans = np.asarray(transmission, dtype=np.float64)
    h, w = trans.shape
    out = np.zeros((h, w), dtype=np.float32)
    loud = float(loudness_px)
    if math.isinf(loud):
        raise ValueError("loudness_px must be finite")
    if not loud > 0.0:  # also NaN
        return out
    r0 = min(max(int(source_tile[0]), 0), h - 1)
    c0 = min(max(int(source_tile[1]), 0), w - 1)
    # Each step costs >= 16 px, so nothing beyond loud/16 tiles can be reached.
    reach_tiles = math.ceil(loud / TILE_PX)
    ra, rb = max(0, r0 - reach_tiles), min(h, r0 + reach_tiles + 1)
    ca, cb = max(0, c0 - reach_tiles), min(w, c0 + reach_tiles + 1)
    win = trans[ra:rb, ca:cb]
    d = _solve_window(win, (r0 - ra, c0 - ca), loud)
    out[ra:rb, ca:cb] = np.maximum(-d, 0.0)
    return out


def _solve_window(trans: NDArray[np.float64], src: tuple[int, int], loud: float) -> NDArray[np.float64]:
    """u = -remaining loudness (0 background) inside a window: the source holds -loud; a move
    into a free tile adds its step (16 or 16*sqrt2 px), one into an attenuating tile (0 < T <
    1) multiplies what is left by T, walls block, and no diagonal passes a wall corner.
    Every value is rounded to a power-of-two quantum first, so each path's value is exact
    and the best path's is found whatever the order of the search (``_widest_paths``)."""
    h, w = trans.shape
    big = 2.0 ** math.ceil(math.log2(4.0 * loud + 4.0 * TILE_PX))  # > any real |u| + step
    quantum = quantum_for(big * (max(h, w) + 2))
    step_q = quantise(_STEP_PX, quantum)
    return _widest_paths(np.ascontiguousarray(trans), src[0], src[1], -float(quantise(np.array(loud), quantum)),
                         step_q, quantum)


@kernel
def _widest_paths(trans, r0, c0, start, step_q, quantum):  # type: ignore[no-untyped-def]
    """Dijkstra over the tiles from (r0, c0) holding ``start`` (< 0): see ``_solve_window``.
    Path values only grow (a step adds, T shrinks what is left), so each tile is final
    when it leaves the heap."""
    h, w = trans.shape
    u = np.zeros((h, w))
    u[r0, c0] = start
    heap = [(start, r0 * w + c0)]
    while heap:
        val, at = heapq.heappop(heap)
        r = at // w
        c = at % w
        if val > u[r, c]:
            continue  # a stale entry: the tile was reached better since
        for k in range(8):
            dr, dc = _DIRS_ARRAY[k, 0], _DIRS_ARRAY[k, 1]
            tr, tc = r - dr, c - dc  # the sound moves from (r, c) into (tr, tc) = (r, c) - DIRS[k]
            if tr < 0 or tr >= h or tc < 0 or tc >= w or trans[tr, tc] <= 0.0:
                continue
            if dr != 0 and dc != 0:  # no corner cutting: both tiles beside the diagonal are open
                if not (0 <= tr + dr < h and trans[tr + dr, tc] > 0.0 and 0 <= tc + dc < w and trans[tr, tc + dc] > 0.0):
                    continue
            t = trans[tr, tc]
            cand = val + step_q[k]
            if t < 1.0:
                cand = np.rint(cand * t / quantum) * quantum
            if cand < u[tr, tc]:
                u[tr, tc] = cand
                heapq.heappush(heap, (cand, tr * w + tc))
    return u


def hearing(
    zombie_pos: NDArray[np.floating],
    events: Sequence[tuple[NDArray[np.floating], tuple[float, float] | NDArray[np.floating]]],
) -> tuple[NDArray[np.bool_], NDArray[np.intp], NDArray[np.float32]]:
    """Per zombie (n, 2) px: heard?, index of the loudest event at its tile (-1), strength px.

    events: (reach_grid (h, w) from sound_reach, source_xy px) per sound this tick. Ties go
    to the lower event index. A zombie hears an event when the reach at its tile is > 0.
    """
    pos = np.asarray(zombie_pos, dtype=np.float64).reshape(-1, 2)
    n = pos.shape[0]
    if n == 0 or len(events) == 0:
        return np.zeros(n, dtype=bool), np.full(n, -1, dtype=np.intp), np.zeros(n, dtype=np.float32)
    h, w = np.shape(events[0][0])
    row, col = tile_of(pos, h, w)
    flat = row * w + col
    levels = np.empty((len(events), n), dtype=np.float32)
    for e, (grid, _src) in enumerate(events):  # loop over sound events, not zombies
        levels[e] = np.asarray(grid, dtype=np.float32).reshape(-1)[flat]
    best = np.argmax(levels, axis=0)
    strength = levels[best, np.arange(n)]
    heard = strength > 0.0
    return heard, np.where(heard, best, -1).astype(np.intp), np.where(heard, strength, 0.0).astype(np.float32)


@dataclass
class SoundReachCache:
    """Reach grids keyed by (source tile, loudness px, grid version), LRU by tick.

    Repeated sounds (a phone ringing, footsteps on one tile, a PA playing for 20 s) are
    computed once; bump grid_version whenever transmission changes (a door opens).
    """

    max_entries: int = 64
    computes: int = 0  # diagnostics
    _entries: dict[tuple[int, int, float, int], tuple[NDArray[np.float32], int, int]] = field(
        default_factory=dict
    )
    _seq: int = 0

    def latest(self) -> NDArray[np.float32] | None:
        """The most recently used reach grid (for the debug overlay), or None."""
        if not self._entries:
            return None
        return max(self._entries.values(), key=lambda e: (e[1], e[2]))[0]

    def get(
        self,
        transmission: NDArray[np.floating],
        source_tile: tuple[int, int],
        loudness_px: float,
        grid_version: int,
        tick: int,
    ) -> NDArray[np.float32]:
        """sound_reach for these inputs, reusing a cached grid (treat it as read-only)."""
        key = (int(source_tile[0]), int(source_tile[1]), float(loudness_px), int(grid_version))
        hit = self._entries.get(key)
        if hit is not None:
            self._entries[key] = (hit[0], tick, hit[2])
            return hit[0]
        grid = sound_reach(transmission, source_tile, loudness_px)
        grid.setflags(write=False)
        self.computes += 1
        self._seq += 1
        self._entries[key] = (grid, tick, self._seq)
        while len(self._entries) > self.max_entries:
            oldest = min(self._entries, key=lambda k: (self._entries[k][1], self._entries[k][2]))
            del self._entries[oldest]
        return grid
