"""Sound over the tile grid: how far a noise carries past walls and doors.

A sound starts with its loudness (px of reach) at the source tile and loses one px per px
travelled (16 per orthogonal step, 16·√2 diagonal). Entering a tile multiplies what is left
by that tile's transmission: walls 0 (blocked), a closed door 0.4 (it costs 60 %), an open
door 0.9 (10 %), a window 0.5. The reach at a tile is the best over all paths (widest path),
found by numpy wavefront relaxation bounded by loudness / 16 steps.
"""

from __future__ import annotations

import math

import numpy as np

from .units import TILE_PX

RAIN_FACTOR = 0.55  # rain multiplies every loudness
THUNDER_FACTOR = 0.15  # a thunderclap masks all sound for 1.5 s
_DIAG = TILE_PX * math.sqrt(2.0)
_STEPS = ((0, 1, TILE_PX), (0, -1, TILE_PX), (1, 0, TILE_PX), (-1, 0, TILE_PX),
          (1, 1, _DIAG), (1, -1, _DIAG), (-1, 1, _DIAG), (-1, -1, _DIAG))


def weather_multiplier(raining: bool, thunder: bool) -> float:
    """Loudness factor for the weather right now."""
    return (RAIN_FACTOR if raining else 1.0) * (THUNDER_FACTOR if thunder else 1.0)


def _shift(grid: np.ndarray, dr: int, dc: int) -> np.ndarray:
    """grid moved by (dr, dc) with zeros shifted in: out[r, c] = grid[r - dr, c - dc]."""
    out = np.zeros_like(grid)
    h, w = grid.shape
    out[max(dr, 0):h + min(dr, 0), max(dc, 0):w + min(dc, 0)] = \
        grid[max(-dr, 0):h + min(-dr, 0), max(-dc, 0):w + min(-dc, 0)]
    return out


def sound_reach(transmission: np.ndarray, source: tuple[int, int], loudness_px: float) -> np.ndarray:
    """Remaining loudness (px) at every tile for a sound at ``source`` = (row, col)."""
    reach = np.zeros(transmission.shape, dtype=np.float32)
    r, c = source
    if loudness_px <= 0 or not (0 <= r < reach.shape[0] and 0 <= c < reach.shape[1]):
        return reach
    reach[r, c] = loudness_px
    factor = transmission.astype(np.float32)
    for _ in range(int(loudness_px // TILE_PX) + 2):
        best = reach
        for dr, dc, cost in _STEPS:
            best = np.maximum(best, (_shift(reach, dr, dc) - cost) * factor)
        best = np.maximum(best, 0.0)
        if np.array_equal(best, reach):
            break
        reach = best
    return reach


def heard_by(reach: np.ndarray, pos_px: np.ndarray, hearing_mult: np.ndarray | float = 1.0) -> np.ndarray:
    """Which agents at ``pos_px`` (n, 2) hear a sound with this reach grid."""
    rows = np.clip((pos_px[:, 1] // TILE_PX).astype(np.int64), 0, reach.shape[0] - 1)
    cols = np.clip((pos_px[:, 0] // TILE_PX).astype(np.int64), 0, reach.shape[1] - 1)
    return reach[rows, cols] * hearing_mult > 0.0
