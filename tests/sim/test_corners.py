"""Corner slip: a lead who walks at a doorway half a tile off eases round the frame into it;
one who misses it entirely, or steps diagonally, is not steered."""

from __future__ import annotations

import math

import numpy as np
import pytest

from hyosan.sim import commands as cmd
from hyosan.sim.corners import corner_slip
from tests.helpers import world_of_toml

# A room split by a wall (row 5) with a one-tile doorway at column 10 (x 160-176, centre 168),
# and a second wall (column 14) with a doorway at row 7 (y 112-128, centre 120).
SPLIT = '''
id = "split"
title = "Split"
[map]
rows = """
####################
#.............#....#
#S............#....#
#.............#....#
#.............#....#
##########{door}###.#....#
#.............#....#
#.............{side}....#
#.............#....E
####################
"""
[[squad]]
id = "on-jo"
at = [{x}, {y}]
lead = true
{doors}'''

DOOR = '''
[[doors]]
id = "d"
tile = [10, 5]
hinge = "{hinge}"
'''


def _walk(x_px: float, y_px: float, dx: float, dy: float, door: str = "", ticks: int = 90) -> tuple[float, float]:
    text = SPLIT.format(door="D" if door else ".", side=".", x=x_px / 16, y=y_px / 16,
                        doors=DOOR.format(hinge=door) if door else "")
    world = world_of_toml(text)
    for _ in range(ticks):
        world.step(cmd.TickInput((cmd.Move(dx, dy, "walk"),)))
    p = world.student_pos(world.lead_student)
    return float(p[0]), float(p[1])


@pytest.mark.parametrize("offset", [-12.0, -9.0, 9.0, 12.0])
@pytest.mark.parametrize("door", ["", "west", "east"])
def test_walking_south_half_a_tile_off_a_doorway_eases_through_it(offset: float, door: str) -> None:
    # Without the ease, a body whose centre is beyond the frame's corner (|offset| > 8) meets the
    # wall's face square on and stands there pressing (y stays ~75).
    x, y = _walk(168.0 + offset, 40.0, 0.0, 1.0, door)
    assert y > 100.0, (x, y)  # through the doorway, into the south room
    assert 160.0 < x < 176.0


@pytest.mark.parametrize("offset", [-12.0, 12.0])
def test_walking_north_half_a_tile_off_eases_through_too(offset: float) -> None:
    x, y = _walk(168.0 + offset, 120.0, 0.0, -1.0)
    assert y < 70.0, (x, y)


def test_walking_east_at_a_doorway_in_a_north_south_wall_eases_through() -> None:
    for offset in (-12.0, 12.0):
        x, y = _walk(200.0, 120.0 + offset, 1.0, 0.0)
        assert x > 240.0, (offset, x, y)


def test_a_body_that_misses_the_doorway_entirely_meets_the_wall() -> None:
    x, y = _walk(168.0 + 15.0, 40.0, 0.0, 1.0)  # body spans 178-188: no part over the doorway
    assert y < 76.0 and x == pytest.approx(183.0, abs=0.5)


def test_a_diagonal_step_is_not_turned_round() -> None:
    # South-east, with the doorway behind to the west: the step slides east along the wall, as
    # a diagonal does; the ease would have pulled it back west into the doorway.
    x, y = _walk(168.0 + 10.0, 60.0, 0.7, 0.7, ticks=40)
    assert y < 76.0 and x > 190.0, (x, y)


def test_the_ease_is_a_pure_function_of_tiles_and_position() -> None:
    solid = np.zeros((5, 5), dtype=bool)
    solid[2, :] = True
    solid[2, 2] = False  # a doorway at column 2 (x 32-48)
    # Straight down at x 51 (3 px past the frame): eased west at walking speed, forward kept.
    vx, vy = corner_slip(solid, np.array([51.0, 26.0]), 0.0, 95.0)
    assert vy == 95.0 and vx == pytest.approx(-95.0)
    # Within a tick of the line that fits (x 43): only as far as that line (px/s).
    vx, _ = corner_slip(solid, np.array([44.0, 26.0]), 0.0, 95.0)
    assert vx == pytest.approx(-1.0 * 60)
    assert corner_slip(solid, np.array([43.0, 26.0]), 0.0, 95.0) == (0.0, 95.0)  # it fits
    # Far from the wall, or in line with the doorway, or stepping away: untouched.
    assert corner_slip(solid, np.array([51.0, 8.0]), 0.0, 95.0) == (0.0, 95.0)
    assert corner_slip(solid, np.array([40.0, 26.0]), 0.0, 95.0) == (0.0, 95.0)
    assert corner_slip(solid, np.array([51.0, 26.0]), 0.0, -95.0) == (0.0, -95.0)


def _old_sideways(grid: np.ndarray, along: float, across: float, v_along: float) -> float | None:
    """``corners._sideways`` before it was compiled (numpy rows, Python's min and max)."""
    from hyosan.sim.corners import (
        EDGE_EPS_PX,
        SLIP_REACH_PX,
        STUDENT_RADIUS,
        TICK_DT,
        TILE_PX,
        TOUCH_PX,
    )

    def clear_across(row_here: np.ndarray, across: float, gap: float) -> bool:
        j = int((across + math.copysign(STUDENT_RADIUS, gap) + gap) // TILE_PX)
        return 0 <= j < row_here.size and not row_here[j]

    n_along, n_across = grid.shape
    speed = abs(v_along)
    front = along + math.copysign(STUDENT_RADIUS + TOUCH_PX + speed * TICK_DT, v_along)
    i = int(front // TILE_PX)
    if not 0 <= i < n_along:
        return None
    lo = int((across - STUDENT_RADIUS + EDGE_EPS_PX) // TILE_PX)
    hi = int((across + STUDENT_RADIUS - EDGE_EPS_PX) // TILE_PX)
    if lo < 0 or hi >= n_across:
        return None
    row = grid[i]
    if not row[lo:hi + 1].any():
        return None
    here = int(along // TILE_PX)
    best: float | None = None
    for j in range(max(lo - 1, 0), min(hi + 1, n_across - 1) + 1):
        if row[j]:
            continue
        a = j - 1 if j > 0 and not row[j - 1] else j
        b = j + 1 if j < n_across - 1 and not row[j + 1] else j
        fit_lo = a * TILE_PX + STUDENT_RADIUS
        fit_hi = (b + 1) * TILE_PX - STUDENT_RADIUS
        if fit_lo > fit_hi:
            continue
        gap = min(max(across, fit_lo), fit_hi) - across
        if gap == 0.0 or abs(gap) > SLIP_REACH_PX:
            continue
        if not clear_across(grid[here] if 0 <= here < n_along else row, across, gap):
            continue
        if best is None or abs(gap) < abs(best):
            best = gap
    if best is None:
        return None
    return math.copysign(min(speed, abs(best) / TICK_DT), best)


def test_the_compiled_sideways_is_the_python_it_replaced() -> None:
    """``corners._sideways`` (compiled) against the Python it replaced, to the bit, on random
    walls and steps near tile edges, both ways round the grid (``corner_slip`` hands it the
    transposed grid for a step along x)."""
    from hyosan.sim.corners import _sideways

    rng = np.random.default_rng(13)
    eased = 0
    for _ in range(300):
        grid = rng.random((int(rng.integers(2, 12)), int(rng.integers(2, 12)))) < 0.4
        for g in (grid, grid.T):
            for _ in range(40):
                along = float(rng.uniform(-8.0, g.shape[0] * 16 + 8.0))
                across = float(rng.choice([rng.uniform(-4.0, g.shape[1] * 16 + 4.0),
                                           rng.integers(0, g.shape[1] + 1) * 16 + rng.choice([-5.0, 5.0, -5.01, 4.99])]))
                v = float(rng.choice([-1.0, 1.0]) * rng.choice([0.0, 40.0, 91.5, rng.uniform(0.0, 400.0)]))
                want = _old_sideways(g, along, across, v)
                found, shift = _sideways(g, along, across, v)
                assert found == (want is not None)
                if found:
                    assert np.float64(shift).tobytes() == np.float64(want).tobytes()
                    eased += 1
    assert eased > 100
