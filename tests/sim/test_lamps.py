"""A lamp lights what it can reach: not the room behind a wall, but through a window and an
open door; what the horde sees by is what the window draws; and a prop braces a door only
from the door's side of the walls."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pygame
import pytest

from hyosan.content.loader import load_level
from hyosan.sim import commands as cmd
from hyosan.sim.lamps import lamp_pool
from hyosan.sim.units import TILE_PX
from hyosan.sim.world import BRACE_N_PER_KG, World

# Three rooms in a row, 6 tiles wide, split by a wall at column 7 (with a door at row 3) and a
# row of windows at column 14; a closet walled off along the west room's north side (row 1).
# The lamp hangs in the middle room at column 10.5, radius 8 tiles: it reaches past both walls.
ROWS = """
######################
#......#......r......#
########......r......#
#......D......r......#
#......#......r......#
#S.....#.....Er......#
######################
"""
LAMP_AT = (10.5, 3.5)  # tiles


def _level() -> World:
    text = f'''
id = "lamp-test"
title = "Lamp test"
time_limit_seconds = 60
par_seconds = 30
[map]
rows = """{ROWS}"""
[map.legend]
"r" = {{ kind = "window" }}
[[doors]]
id = "door"
tile = [7, 3]
hinge = "north"
[[squad]]
id = "mi-jin"
at = [2.5, 5.5]
[[props]]
id = "chair"
type = "chair"
at = [6.0, 1.5]
[light]
ambient = "dark"
[[light.lights]]
id = "lamp"
kind = "lamp"
at = [{LAMP_AT[0]}, {LAMP_AT[1]}]
radius = 8
'''
    return World.from_spec(load_level(Path("lamp-test.toml"), text.encode()), 0)


def _light(world: World, tx: float, ty: float) -> str:
    return world.sky.light_at(tx * TILE_PX, ty * TILE_PX, "mi-jin")


def test_a_lamp_lights_its_room_and_through_a_window_but_not_behind_a_wall() -> None:
    world = _level()
    assert _light(world, 9.0, 3.5) == "lit"  # its own room
    assert _light(world, 18.5, 3.5) == "lit"  # beyond the windows, on the rim (8 tiles)
    assert _light(world, 6.0, 1.5) == "dark"  # in the closet beyond the wall, 4.9 tiles off
    assert _light(world, 6.0, 3.5) == "dark"  # through the shut door, 4.5 tiles off
    assert _light(world, 18.6, 3.5) == "dark"  # out of its radius
    # The pool is the same grid the window draws: walls cut it, the wall's own face is lit.
    pool = world.sky.pools[0]
    assert pool.lights(7.5 * TILE_PX, 2.5 * TILE_PX)
    assert not pool.lights(6.5 * TILE_PX, 2.5 * TILE_PX)


def test_an_open_door_lets_the_light_through_and_a_shut_one_stops_it_again() -> None:
    world = _level()
    door = world.doors[0]
    old = world.sky.pools[0]
    door.body.angle = door.closed_angle + 1.4  # swung open
    world.step(cmd.EMPTY_INPUT)
    assert door.is_open
    assert world.sky.pools[0] is not old and world.sky.pools[0].version > old.version
    assert _light(world, 6.0, 3.5) == "lit"
    assert _light(world, 6.0, 1.5) == "dark"  # still behind the wall
    door.body.angle = door.closed_angle
    door.body.angular_velocity = 0.0
    world.step(cmd.EMPTY_INPUT)
    assert not door.is_open
    assert _light(world, 6.0, 3.5) == "dark"


def test_a_pool_is_worked_out_the_same_every_time_and_open_space_is_all_lit() -> None:
    opaque = np.zeros((20, 20), dtype=bool)
    a = lamp_pool(160.0, 160.0, 48.0, opaque)
    b = lamp_pool(160.0, 160.0, 48.0, opaque.copy())
    assert np.array_equal(a.lit, b.lit)
    centres = (np.arange(a.lit.shape[0]) + 0.5) * 4.0 - a.lit.shape[0] * 2.0
    x, y = np.meshgrid(centres, centres)
    assert a.lit[np.hypot(x, y) <= 48.0].all()
    opaque[:, 11] = True  # a wall down column 11 (x 176-192 px): lit up to and on it, dark past it
    c = lamp_pool(160.0, 160.0, 48.0, opaque)
    assert c.lights(190.0, 160.0) and not c.lights(195.0, 160.0)


def test_the_window_draws_the_lamp_dark_behind_the_wall() -> None:
    from hyosan.render.atlas import Atlas
    from hyosan.render.camera import Camera
    from hyosan.render.light import LightMap, world_lights

    pygame.init()
    world = _level()
    surface = pygame.Surface((22 * TILE_PX, 7 * TILE_PX))
    surface.fill((255, 255, 255))
    camera = Camera(surface.get_width(), surface.get_height(), scale=1.0)
    camera.follow(11 * TILE_PX, 3.5 * TILE_PX, 22 * TILE_PX, 7 * TILE_PX, snap=True)
    lights, torches, sky, lamps = world_lights(world)
    LightMap(Atlas(), "dark").draw(surface, camera, [], lamps=lamps)

    def shade(tx: float, ty: float) -> int:
        sx, sy = camera.to_screen(tx * TILE_PX, ty * TILE_PX)
        return surface.get_at((int(sx), int(sy)))[0]

    dark = shade(20.5, 6.5)  # beyond the lamp's reach: the ambient dark
    assert shade(9.5, 3.5) > dark + 60  # under the lamp
    assert shade(15.0, 3.5) > dark + 20  # through the windows, 4.5 tiles off
    assert shade(6.0, 3.5) <= dark + 1  # through the shut door, as far off
    assert shade(6.0, 1.5) <= dark + 1  # in the closet behind the wall


def test_a_chair_braces_a_door_from_its_side_of_the_wall_only() -> None:
    world = _level()
    door = world.doors[0]
    door.set_locked(True)
    chair = world.props[0]
    # In the closet, 32 px from the door's centre at its nearest (within the 44 px a stack braces
    # to), with the closet's wall between: nothing.
    world.bodies.read()
    assert world.brace(door) == 0.0
    # On the door's side, pushed up against the doorway's mouth in the west room (its 13 px
    # box 1.5 px off the wall's face).
    chair.body.position = (6.5 * TILE_PX, 3.5 * TILE_PX)
    world.space.reindex_shapes_for_body(chair.body)  # its shape's cached corners follow
    world.bodies.read()
    assert world.brace(door) == pytest.approx(chair.body.mass * BRACE_N_PER_KG)


def test_the_report_map_shows_what_a_lamp_lights_not_a_plain_ring(tmp_path) -> None:
    """The batch report's map (deaths.png, lead_path.png) drew each lamp's reach as a ring:
    it now fills what the lamp lights as the level starts, and not the room behind its wall."""
    import numpy as np

    from hyosan.playtest.report import heatmap_png

    world = _level()
    spec, tiles = world.spec, world.tilemap
    path = tmp_path / "map.png"
    heatmap_png(path, tiles, np.zeros(tiles.kind.shape), "lamp", "", hot=True, spec=spec)
    img = pygame.image.load(str(path))
    cell = max(4, min(16, 900 // tiles.cols))  # px per tile, as the report draws it
    pad, top = 16, 40

    def rgb(tx: float, ty: float) -> tuple[int, int, int]:
        return tuple(img.get_at((int(pad + tx * cell), int(top + ty * cell))))[:3]

    lit, behind, far = rgb(9.0, 4.5), rgb(5.0, 4.5), rgb(3.0, 4.5)
    assert lit[0] > behind[0] + 8 and lit[0] - behind[0] > 3 * (lit[2] - behind[2])  # yellow, in the lamp's room
    assert behind == far  # the west room, behind the shut door, as the rest of the floor


def test_a_wide_lamp_has_bigger_cells_and_is_drawn_to_its_own_scale() -> None:
    """A lamp of 20 tiles works its pool out on cells of 6.7 px, not 4 (a pool is at most 96
    cells across); the window scales that mask by the pool's own cell: dark behind its wall,
    bright in front of it."""
    from hyosan.render.atlas import Atlas
    from hyosan.render.camera import Camera
    from hyosan.render.light import LightMap

    pygame.init()
    opaque = np.zeros((60, 60), dtype=bool)
    opaque[:, 35] = True  # a wall down column 35
    pool = lamp_pool(30 * TILE_PX, 30 * TILE_PX, 20 * TILE_PX, opaque)
    assert pool.lit.shape == (96, 96) and pool.cell == pytest.approx(20 * TILE_PX / 48)
    surface = pygame.Surface((1280, 720))
    surface.fill((255, 255, 255))
    camera = Camera(1280, 720, scale=1.0)
    camera.follow(30 * TILE_PX, 30 * TILE_PX, 60 * TILE_PX, 60 * TILE_PX, snap=True)
    LightMap(Atlas(), "dark").draw(surface, camera, [], lamps=[(pool, 1.0)])

    def shade(tx: float) -> int:
        sx, sy = camera.to_screen(tx * TILE_PX, 30 * TILE_PX)
        return surface.get_at((int(sx), int(sy)))[0]

    assert shade(34.0) > 150 and shade(38.0) <= 40  # lit before the wall; the ambient dark (38) past it


def test_a_pool_kept_for_a_pattern_of_doors_is_the_one_worked_out_afresh() -> None:
    """``Sky.relight`` keeps each lamp's pool per pattern of the opaque tiles its square
    reaches, and gives the very pool back when a door swings the tiles back: what it lights
    is the pool ``lamp_pool`` works out for the tiles now, over random walls toggled on and
    off (near some lamps, far from others, and at the grid's edge)."""
    world = _level()
    sky = world.sky
    sky.lamps = [(168.0, 56.0, 128.0), (40.0, 40.0, 48.0), (300.0, 90.0, 20.0)]  # px: x, y, radius
    rng = np.random.default_rng(17)
    opaque = rng.random((7, 22)) < 0.2
    sky._opaque, sky.pools, sky._known_pools = None, [], []
    sky.relight(opaque)
    doors = [(int(r), int(c)) for r, c in zip(rng.integers(0, 7, 6), rng.integers(0, 22, 6), strict=True)]
    reused = 0
    for _ in range(60):
        r, c = doors[int(rng.integers(0, len(doors)))]
        opaque = opaque.copy()
        opaque[r, c] = not opaque[r, c]
        before = list(sky.pools)
        sky.relight(opaque)
        for k, (x, y, radius) in enumerate(sky.lamps):
            fresh = lamp_pool(x, y, radius, opaque)
            pool = sky.pools[k]
            assert np.array_equal(pool.lit, fresh.lit) and pool.cell == fresh.cell and pool.corner == fresh.corner
            reused += pool is not before[k] and pool.version < max(p.version for p in before)
    assert reused  # (some pool did come back from what was kept)
