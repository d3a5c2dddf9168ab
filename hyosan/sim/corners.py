"""Corner slip: the lead's own step eases round the corner of a wall into an opening beside it.

A doorway is one tile (16 px) and a student's body is 10 px across, so a student walking
straight at a door passes only when its centre is within about 6 px of the doorway's middle;
a few px further and the body meets the wall's face square on and stops dead. Two playtesters
called this the lead snagging on the door frame: they aimed at a door from the hallway,
missed by half a tile and stood pressing into the wall. Action games ease the body sideways
round the corner instead (the "corner correction" of top-down games), and so does this.

Only the lead's own legs are eased, and only when all of these hold:
- the wanted step is (almost) straight along one axis (a diagonal already slides along a face,
  and easing it could turn the player's own sideways step round);
- the body touches a solid tile straight ahead (a wall, window or void, not a door or a prop);
- an opening the body fits through lies beside that tile, overlapping the body already
  (at most SLIP_REACH_PX of sideways travel);
- the sideways travel to it is open floor.
Then the sideways part of the step leads the body into line with the opening; the forward part
is kept, so it walks on through as soon as it fits. Pure and deterministic: tiles and floats.
"""

from __future__ import annotations

import math

import numpy as np

from .jit import kernel
from .squad import STUDENT_RADIUS
from .units import TICK_DT, TILE_PX

# Furthest (px) the lead is eased sideways: the body's width, so a body that overlaps the
# opening at all slips in, and one that misses it entirely still meets the wall.
SLIP_REACH_PX = 2.0 * STUDENT_RADIUS
# How far (px) past the body's front a wall still counts as "touching": a hair, plus the
# distance one tick's step covers, so the ease starts on the tick the body meets the wall.
TOUCH_PX = 1.0
# A step counts as straight along one axis when its sideways part is at most this fraction of
# its forward part (about 14 degrees off the axis).
STRAIGHT_RATIO = 0.25
# The body's edge is pulled in by this much (px) when asking which tiles it covers, so a body
# that only just touches a tile's side is not counted as over it.
EDGE_EPS_PX = 0.01


def corner_slip(solid: np.ndarray, pos: np.ndarray, vx: float, vy: float) -> tuple[float, float]:
    """The lead's wanted velocity (px/s), eased sideways round a wall's corner into an opening
    beside it (see the module's docstring); unchanged when no opening is that close.

    ``solid`` is the (rows, cols) bool grid of tiles that block bodies; ``pos`` the centre (px)."""
    if abs(vx) >= abs(vy):
        if vx == 0.0 or abs(vy) > STRAIGHT_RATIO * abs(vx):
            return vx, vy
        found, shift = _sideways(solid.T, float(pos[0]), float(pos[1]), vx)
        return (vx, shift) if found else (vx, vy)
    if abs(vx) > STRAIGHT_RATIO * abs(vy):
        return vx, vy
    found, shift = _sideways(solid, float(pos[1]), float(pos[0]), vy)
    return (shift, vy) if found else (vx, vy)


@kernel
def _sideways(grid: np.ndarray, along: float, across: float, v_along: float) -> tuple[bool, float]:
    """For a step of ``v_along`` px/s along the grid's first axis (rows of ``grid``): whether
    the body is at a corner, and then the sideways velocity (px/s) that eases it into an
    opening (compiled: the lead's every step against a wall asks it).

    ``grid[i, j]``: solid at tile i along the step and tile j across it; ``along`` and
    ``across`` the centre's coordinates (px) on those axes. Python's ``min``/``max`` are
    spelled out (the first of equals)."""
    n_along, n_across = grid.shape
    speed = abs(v_along)
    reach = STUDENT_RADIUS + TOUCH_PX + speed * TICK_DT
    front = along + math.copysign(reach, v_along)
    i = int(front // TILE_PX)
    if not 0 <= i < n_along:
        return False, 0.0  # the map's edge: its border boxes are no doorway
    lo = int((across - STUDENT_RADIUS + EDGE_EPS_PX) // TILE_PX)
    hi = int((across + STUDENT_RADIUS - EDGE_EPS_PX) // TILE_PX)
    if lo < 0 or hi >= n_across:
        return False, 0.0
    ahead = False
    for j in range(lo, hi + 1):
        if grid[i, j]:
            ahead = True
            break
    if not ahead:
        return False, 0.0  # nothing solid straight ahead: the body is not against a wall tile
    here = int(along // TILE_PX)
    found = False
    best = 0.0
    for j in range(max(lo - 1, 0), min(hi + 1, n_across - 1) + 1):
        if grid[i, j]:
            continue
        # Where the centre must be to fit through the open tile j ahead (and its open neighbours).
        # One tile (16 px) already fits a body (10 px), so a neighbour either side is all the
        # run that can move the nearest fitting line.
        a = j - 1 if j > 0 and not grid[i, j - 1] else j
        b = j + 1 if j < n_across - 1 and not grid[i, j + 1] else j
        fit_lo = a * TILE_PX + STUDENT_RADIUS
        fit_hi = (b + 1) * TILE_PX - STUDENT_RADIUS
        if fit_lo > fit_hi:
            continue
        target = fit_lo if fit_lo > across else across
        if fit_hi < target:
            target = fit_hi
        gap = target - across
        if gap == 0.0 or abs(gap) > SLIP_REACH_PX:
            continue
        if not _clear_across(grid, here if 0 <= here < n_along else i, across, gap):
            continue
        if not found or abs(gap) < abs(best):
            found, best = True, gap
    if not found:
        return False, 0.0
    # Sideways at the step's own speed, but never past the line that fits (px/s).
    step = abs(best) / TICK_DT
    return True, math.copysign(step if step < speed else speed, best)


@kernel
def _clear_across(grid: np.ndarray, row: int, across: float, gap: float) -> bool:
    """True when the body can travel ``gap`` px sideways along its own row of tiles (``row``
    of ``grid``)."""
    edge = across + math.copysign(STUDENT_RADIUS, gap) + gap
    j = int(edge // TILE_PX)
    if not 0 <= j < grid.shape[1]:
        return False
    return not grid[row, j]
