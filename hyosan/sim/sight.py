"""Sight: who sees whom, by a numpy ray march over the tile grid (walls block)."""

from __future__ import annotations

import numpy as np

from .units import TILE_PX

RAY_STEP_PX = 8.0  # sample spacing along a ray; half a tile, so no wall corner is skipped
CONE_COS = float(np.cos(np.radians(60.0)))  # a 120° cone while idle


def line_of_sight(opaque: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """(n,) True where the segment start→end (px, (n, 2) each) crosses no opaque tile."""
    n = start.shape[0]
    if n == 0:
        return np.zeros(0, dtype=bool)
    delta = end - start
    length = np.hypot(delta[:, 0], delta[:, 1])
    steps = int(np.ceil(length.max() / RAY_STEP_PX)) + 1 if n else 1
    t = np.linspace(0.0, 1.0, steps)[None, :, None]  # (1, s, 1)
    pts = start[:, None, :] + delta[:, None, :] * t  # (n, s, 2)
    rows = np.clip((pts[..., 1] // TILE_PX).astype(np.int64), 0, opaque.shape[0] - 1)
    cols = np.clip((pts[..., 0] // TILE_PX).astype(np.int64), 0, opaque.shape[1] - 1)
    return ~opaque[rows, cols].any(axis=1)


def nearest_visible(opaque: np.ndarray, eye: np.ndarray, facing: np.ndarray, all_round: np.ndarray,
                    targets: np.ndarray, target_range: np.ndarray, sight_mult: np.ndarray) -> np.ndarray:
    """For each eye (n, 2): the index of the nearest target it sees, or -1.

    A target is seen within ``target_range`` (px, set by the light at the target) times the
    eye's ``sight_mult``, inside a 120° cone around ``facing`` unless ``all_round``, with no
    opaque tile in between. Python loops over targets (a handful of students), not eyes.
    """
    n = eye.shape[0]
    best = np.full(n, -1, dtype=np.int64)
    best_d = np.full(n, np.inf)
    for k in range(targets.shape[0]):
        d = targets[k] - eye
        dist = np.hypot(d[:, 0], d[:, 1])
        in_range = dist <= target_range[k] * sight_mult
        with np.errstate(invalid="ignore", divide="ignore"):
            cos = (d[:, 0] * facing[:, 0] + d[:, 1] * facing[:, 1]) / np.maximum(dist, 1e-9)
        candidate = in_range & (all_round | (cos >= CONE_COS)) & (dist < best_d)
        idx = np.nonzero(candidate)[0]
        if idx.size:
            clear = line_of_sight(opaque, eye[idx], np.broadcast_to(targets[k], (idx.size, 2)))
            seen = idx[clear]
            best[seen] = k
            best_d[seen] = dist[seen]
    return best


def round_robin(n: int, tick: int, hz: int, tick_hz: int = 60) -> slice:
    """The slice of [0, n) to check this tick so each index is checked ~``hz`` times a second."""
    groups = max(1, tick_hz // hz)
    size = -(-n // groups)
    k = tick % groups
    return slice(k * size, min(n, (k + 1) * size))
