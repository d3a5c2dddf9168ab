"""``PropBoxes`` (the props' shapes' boxes copied from chipmunk into one array) and the spawn
floor made from it are what the tuples per shape made, to the bit, as the props move, are
moved by hand and topple."""

from __future__ import annotations

import numpy as np

from hyosan.content.discovery import resolve_level
from hyosan.control.bots import make_bot
from hyosan.sim.physics import shape_bb
from hyosan.sim.props import PropBoxes
from hyosan.sim.world import World


def _tuples_boxes(world: World) -> np.ndarray:
    """Every prop's shapes' boxes as ``World._prop_boxes`` lists them, as one array."""
    return np.array([box for boxes in world._prop_boxes() for box in boxes], dtype=np.float64).reshape(-1, 4)


def _tuples_floor(world: World) -> np.ndarray:
    """The spawn floor as it was made before ``PropBoxes``: the walls and the tuples' tiles."""
    return world._tiles_under(world._prop_boxes(), grid=world.tilemap.solid)


def test_the_boxes_and_the_spawn_floor_are_the_tuples_to_the_bit() -> None:
    # The Site: a banded pipe stack carried into one body, a tower tied until it topples, a
    # crane's load swinging, desks and crates shoved by the crowd and the squad.
    _, spec = resolve_level("hyosan/construction-site-stand", None)
    world = World.from_spec(spec, 0)
    boxes = PropBoxes(world.props)
    assert boxes.boxes.shape[0] == sum(len(p.body.shapes) for p in world.props) > len(world.props)
    bot = make_bot("solver", 0)
    bot.reset(world)
    rng = np.random.default_rng(5)
    checked = 0
    for tick in range(900):
        world.step(bot.act(world))
        if tick % 7 == 0:
            if tick % 21 == 0:  # a prop moved by hand after the step: its boxes stay where chipmunk has them
                prop = world.props[int(rng.integers(len(world.props)))]
                prop.body.position = (prop.body.position.x + float(rng.normal(0.0, 5.0)), prop.body.position.y)
            assert boxes.now().tobytes() == _tuples_boxes(world).tobytes(), tick
            assert world.spawn_floor().tobytes() == _tuples_floor(world).tobytes(), tick
            checked += 1
        if world.outcome is not None:
            break
    assert checked > 50


def test_boxes_follow_a_shape_that_moves_between_calls() -> None:
    """Nothing is kept from call to call: a box asked again is chipmunk's now."""
    _, spec = resolve_level("hyosan/classroom-barricade", None)
    world = World.from_spec(spec, 0)
    boxes = PropBoxes(world.props)
    before = boxes.now().copy()
    prop = world.props[0]
    prop.body.position = (prop.body.position.x + 40.0, prop.body.position.y)
    world.space.reindex_shapes_for_body(prop.body)
    after = boxes.now()
    assert after.tobytes() != before.tobytes()
    assert after.tobytes() == np.array([shape_bb(s) for p in world.props for s in p.body.shapes]).tobytes()
