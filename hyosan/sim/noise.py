"""Sound propagation over the tile grid (widest path) and bulk hearing for the horde."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from hyosan.sim._relax import DIRS, STEP_TILES, LineRelaxer, quantise, quantum_for
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
    """Min-plus solve on u = -remaining loudness (0 background) inside a window."""
    h, w = trans.shape
    n = h * w
    # Sound moves from a tile n into a neighbour t = n - DIRS[k]; the solver's convention is
    # u[t] = u[t + DIRS[k]] + weights[k][t], so weights[k][t] describes entering t.
    # Allowed: t is inside and not a wall, and a diagonal does not pass a wall corner.
    open_pad = np.zeros((h + 2, w + 2), dtype=bool)  # bordered by False (np.pad costs ~20 us more)
    open_pad[1:-1, 1:-1] = trans > 0.0
    inside_pad = np.zeros((h + 2, w + 2), dtype=bool)
    inside_pad[1:-1, 1:-1] = True
    free_t = trans >= 1.0  # additive sweeps only cross free tiles; the rest is `attenuate`
    big = 2.0 ** math.ceil(math.log2(4.0 * loud + 4.0 * TILE_PX))  # > any real |u| + step
    quantum = quantum_for(big * (max(h, w) + 2))
    weights: list[NDArray[np.float64]] = []
    allowed: list[NDArray[np.bool_]] = []  # allowed[k][t]: t may be entered from t + DIRS[k]
    for (dr, dc), step in zip(DIRS, _STEP_PX):
        ok = (trans > 0.0) & inside_pad[1 + dr : 1 + dr + h, 1 + dc : 1 + dc + w]
        if dr and dc:
            ok &= open_pad[1 + dr : 1 + dr + h, 1 : 1 + w] & open_pad[1 : 1 + h, 1 + dc : 1 + dc + w]
        allowed.append(ok)
        weights.append(np.where(ok & free_t, quantise(np.array(step), quantum), big))

    # Attenuating tiles and, for each, the 8 tiles it can be entered from.
    att = np.flatnonzero(((trans > 0.0) & (trans < 1.0)).ravel())
    rows, cols = np.divmod(att, w)
    nbr = np.full((att.size, 8), n, dtype=np.intp)  # n = sentinel (inf)
    for k, (dr, dc) in enumerate(DIRS):
        fr, fc = rows + dr, cols + dc  # the tile the sound comes from
        ok = allowed[k].ravel()[att]
        nbr[:, k] = np.where(ok, np.clip(fr, 0, h - 1) * w + np.clip(fc, 0, w - 1), n)
    step_q = quantise(_STEP_PX, quantum)
    t_att = trans.ravel()[att]

    def attenuate(ext: NDArray[np.float64]) -> NDArray[np.intp]:
        cand = quantise(np.min(ext[nbr] + step_q, axis=1) * t_att, quantum)
        better = cand < ext[att]
        ext[att[better]] = cand[better]
        return att[better]

    d = np.zeros((h, w))
    d[src] = -float(quantise(np.array(loud), quantum))
    LineRelaxer(weights, big, limit=big / 2.0, quantised=True).solve(
        d, np.array([src[0] * w + src[1]], dtype=np.intp), attenuate
    )
    return d


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


def heard_at(reach: NDArray[np.floating], tiles: NDArray[np.integer],
             hearing_mult: NDArray[np.floating] | float = 1.0) -> NDArray[np.bool_]:
    """Which agents standing on ``tiles`` (flat indices into the reach grid, row * width + col:
    ``tile_of``'s, worked out once for every sound of a tick) hear a sound with this reach grid;
    a hearing multiplier above 1 (the halfbie, Nam-ra) hears the faint edge a little further out."""
    return np.asarray(reach).ravel()[tiles] * hearing_mult > 0.0
