"""A prop braces a locked door when it leans on the doorway (or a post beside it), or on a prop
that braces it (a stack), out to 44 px from the door tile's centre: a gap on the floor breaks the
chain."""

from __future__ import annotations

import pytest

from hyosan.sim.braces import BRACE_REACH_PX, shape_gap
from hyosan.sim.units import TILE_PX
from hyosan.sim.world import BRACE_N_PER_KG
from tests.helpers import world_of_toml

# A corridor (west) and a room (east) split by a wall at column 6 with a door at row 4; desks
# (30 x 14 px, 15 kg) parked in the room's far corner until a test places them.
LEVEL = '''
id = "brace-test"
title = "Brace test"
time_limit_seconds = 60
par_seconds = 30
[map]
rows = """
##############
#.....#......#
#.....#......#
#.....#......#
#.....D......#
#.....#......#
#S....#.....E#
##############
"""
[[doors]]
id = "door"
tile = [6, 4]
hinge = "north"
[[squad]]
id = "mi-jin"
at = [2.5, 6.5]
[[props]]
id = "a"
type = "desk"
at = [11.5, 1.5]
[[props]]
id = "b"
type = "desk"
at = [11.5, 3.0]
[[props]]
id = "c"
type = "desk"
at = [11.5, 5.0]
[[props]]
id = "d"
type = "desk"
at = [11.5, 6.5]
'''

DOOR_X = 6.5 * TILE_PX  # px: the door tile's centre
DOOR_Y = 4.5 * TILE_PX
DESK_DEPTH = 15.0  # px: a desk is 14 deep, its box rounded by half a px all round
WALL_FACE = 7.0 * TILE_PX  # px: the room's side of the wall


def _world():
    world = world_of_toml(LEVEL)
    door = world.doors[0]
    door.set_locked(True)
    return world, door


def _stand_up(world, prop_id: str, near_face_x: float) -> None:
    """Stand a desk on end across the doorway's row, its near face ``near_face_x`` px."""
    prop = next(p for p in world.props if p.spec.id == prop_id)
    prop.body.position = (near_face_x + DESK_DEPTH / 2, DOOR_Y)
    prop.body.angle = 1.5707963267948966  # its 30 px length along the wall
    world.space.reindex_shapes_for_body(prop.body)


def _braced_by(world, door) -> list[str]:
    world.bodies.read()
    return sorted(p.spec.id for p in world.bracing_props(door))


def test_a_desk_against_the_doorway_braces_it_and_a_stack_behind_it_adds_on() -> None:
    world, door = _world()
    assert _braced_by(world, door) == []
    _stand_up(world, "a", WALL_FACE + 1.0)  # leaning on the wall across the doorway
    assert _braced_by(world, door) == ["a"]
    _stand_up(world, "b", WALL_FACE + 1.0 + DESK_DEPTH + 1.0)  # pushed up behind it
    _stand_up(world, "c", WALL_FACE + 1.0 + 2 * (DESK_DEPTH + 1.0))  # and a third
    assert _braced_by(world, door) == ["a", "b", "c"]
    assert world.brace(door) == pytest.approx(3 * 15.0 * BRACE_N_PER_KG)


def test_a_gap_on_the_floor_breaks_the_chain() -> None:
    world, door = _world()
    # A desk a desk-length short of the door (within the old 44 px reach, floor showing between):
    # the playtester's "x2.0" that braced nothing.
    _stand_up(world, "a", WALL_FACE + 20.0)
    assert _braced_by(world, door) == []
    assert world.brace(door) == 0.0
    # One against the door, one behind it with a 10 px gap: only the first.
    _stand_up(world, "b", WALL_FACE + 1.0)
    _stand_up(world, "a", WALL_FACE + 1.0 + DESK_DEPTH + 10.0)
    assert _braced_by(world, door) == ["b"]


def test_a_desk_against_a_post_beside_the_doorway_braces_it_one_farther_along_does_not() -> None:
    """The Yellow Markers crates pushed up against the gate's posts: the doorway's frame counts,
    a tile from its centre; a desk farther along the same wall braces nothing."""
    world, door = _world()
    desk = next(p for p in world.props if p.spec.id == "a")
    # Flat against the wall (its 30 px along it), its end 2 px past the doorway's south jamb.
    desk.body.position = (WALL_FACE + DESK_DEPTH / 2 + 1.0, DOOR_Y + TILE_PX / 2 + 2.0 + 15.0)
    desk.body.angle = 1.5707963267948966
    world.space.reindex_shapes_for_body(desk.body)
    assert _braced_by(world, door) == ["a"]
    desk.body.position = (WALL_FACE + DESK_DEPTH / 2 + 1.0, DOOR_Y + TILE_PX / 2 + 12.0 + 15.0)  # 12 px past it
    world.space.reindex_shapes_for_body(desk.body)
    assert _braced_by(world, door) == []


def test_a_stack_counts_only_out_to_the_reach() -> None:
    world, door = _world()
    for k, prop_id in enumerate("abcd"):  # four desks deep, each touching the one before
        _stand_up(world, prop_id, WALL_FACE + 1.0 + k * (DESK_DEPTH + 1.0))
    # d's near face is 56 px from the door tile's centre: past the 44 px reach, it adds nothing.
    assert WALL_FACE + 1.0 + 3 * (DESK_DEPTH + 1.0) - DOOR_X > BRACE_REACH_PX
    assert _braced_by(world, door) == ["a", "b", "c"]


def test_shape_gap_measures_the_floor_between_two_boxes() -> None:
    world, _ = _world()
    _stand_up(world, "a", 200.0)
    _stand_up(world, "b", 200.0 + DESK_DEPTH + 5.0)
    a, b = (next(iter(p.body.shapes)) for p in world.props[:2])
    for shape in (a, b):
        shape.cache_bb()
    assert shape_gap(a, b) == pytest.approx(5.0, abs=1e-6)
    _stand_up(world, "b", 200.0 + DESK_DEPTH - 2.0)
    b.cache_bb()
    assert shape_gap(a, b) < 0.0  # overlapping
