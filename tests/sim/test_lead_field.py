"""``squad.LeadField``, the followers' field toward the lead worked out only as far as it is
read, moves from every tile as ``nav.NavGrid.flow_field``'s whole solve does."""

from __future__ import annotations

import numpy as np

from hyosan.sim.nav import NavGrid
from hyosan.sim.squad import LeadField


def _field_move(field, r: int, c: int) -> tuple[int, int] | None:
    """The whole field's move from (r, c) as (d_row, d_col) (the signs of its direction), as
    ``FollowerPaths._walk_chain`` stepped along it before."""
    dx, dy = field.dir[r, c].tolist()
    if dx == 0.0 and dy == 0.0:
        return None
    return (dy > 0.0) - (dy < 0.0), (dx > 0.0) - (dx < 0.0)


def test_lead_field_moves_are_the_whole_fields() -> None:
    rng = np.random.default_rng(12)
    for trial in range(300):
        h, w = (int(v) for v in rng.integers(1, 45, size=2))
        cost = np.where(rng.random((h, w)) < 0.25, np.inf,
                        rng.choice([1.0, 6.0, 60.0], size=(h, w), p=[0.8, 0.15, 0.05]))
        r, c = int(rng.integers(0, h)), int(rng.integers(0, w))
        if trial % 5:
            cost[r, c] = 1.0  # (as FollowerPaths.update sets it; else, now and then, a walled goal)
        grid = NavGrid(cost.astype(np.float32), 0)
        whole = grid.flow_field(np.array([[r, c]], dtype=np.int32))
        part = LeadField(grid, r, c)
        # asked in a random order, a few tiles then all (each answer from a part-settled solve)
        order = rng.permutation(h * w).tolist()
        for t in order[:5] + order:
            tr, tc = divmod(t, w)
            assert part.move_from(tr, tc) == _field_move(whole, tr, tc), (trial, tr, tc)


def test_a_lead_field_off_the_grid_has_no_moves() -> None:
    grid = NavGrid(np.ones((4, 5)), 0)
    part = LeadField(grid, 7, 2)
    assert all(part.move_from(r, c) is None for r in range(4) for c in range(5))
