"""``Objectives.in_area``'s box round the exit (``_exit_bounds``): a point outside it is
answered False without the tile and zone tests. It must never turn away a point those tests
count in: compared with the answer without the box on points all over each level's map, off
it, and on and round every exit tile's and exit zone's edges."""

from __future__ import annotations

import math

import numpy as np
import pytest

from hyosan.content.discovery import resolve_level
from hyosan.content.schema import ObjectiveSpec
from hyosan.sim.tilemap import EXIT
from hyosan.sim.units import TILE_PX
from hyosan.sim.world import World

LEVELS = ["hyosan/trolley-shield-run", "hyosan/construction-site-stand", "hyosan/classroom-barricade",
          "hyosan/storm-crossing", "sandbox/first-steps", "nights/the-roof"]
NO_BOX = (-math.inf, -math.inf, math.inf, math.inf)  # (lets every point through to the full test)


def _points(world: World, rng: np.random.Generator) -> list[tuple[float, float]]:
    rows, cols = world.tilemap.kind.shape
    w, h = cols * TILE_PX, rows * TILE_PX
    points = [(float(x), float(y)) for x, y in rng.uniform((-2 * TILE_PX, -2 * TILE_PX),
                                                           (w + 2 * TILE_PX, h + 2 * TILE_PX), (3000, 2))]
    er, ec = np.nonzero(world.tilemap.kind == EXIT)
    corners = [(c * TILE_PX, r * TILE_PX, (c + 1) * TILE_PX, (r + 1) * TILE_PX) for r, c in zip(er.tolist(), ec.tolist())]
    corners += [(x0 * TILE_PX, y0 * TILE_PX, x1 * TILE_PX, y1 * TILE_PX) for x0, y0, x1, y1 in world.objectives.exit_zones]
    for x0, y0, x1, y1 in corners:
        for x in (x0, x1):
            for y in (y0, y1):
                for dx in (-0.5, -1e-9, 0.0, 1e-9, 0.5):
                    points += [(x + dx, y + dy) for dy in (-0.5, -1e-9, 0.0, 1e-9, 0.5)]
    points += [(-1e9, -1e9), (1e9, 1e9), (-1e9, 1e9), (1e9, -1e9), (0.0, 0.0), (w, h)]
    return points


@pytest.mark.parametrize("ref", LEVELS)
def test_the_exit_box_turns_away_no_point_in_the_exit(ref: str) -> None:
    _, spec = resolve_level(ref, None)
    world = World.from_spec(spec, 0)
    o = world.objectives
    exit_objective = ObjectiveSpec("out", "reach-exit")
    points = _points(world, np.random.default_rng(7))
    boxed = [o.in_area(world, exit_objective, p) for p in points]
    assert o._exit_box is not None and o._exit_box != NO_BOX
    o._exit_box = NO_BOX
    assert boxed == [o.in_area(world, exit_objective, p) for p in points]
    assert any(boxed) or not (world.tilemap.kind == EXIT).any() and not o.exit_zones
