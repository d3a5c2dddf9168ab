"""A helicopter flying its path is drawn where it flies, as a drone is and by the same painter:
a rescue helicopter turned along its course (nose ahead, tail boom behind), its main rotor
turning, its shadow further off than a drone's (it flies higher), over a drone when they cross,
and lit in the dark with a searchlight on the ground ahead of it. Played by hand, The Roof's
helicopters were only a noise: a player heard the rotors and saw nothing."""

from __future__ import annotations

import math

import numpy as np
import pygame

from hyosan.render.camera import Camera
from hyosan.render.drones import CRAFT, flight_lights, flights
from hyosan.render.light import world_lights
from hyosan.render.presentation import Presentation
from hyosan.sim import commands as cmd
from tests.helpers import world_of_toml

SPEED = 40.0  # px/s, as the roof's passes fly
EAST = ((4.0, 6.5), (30.0, 6.5))  # tiles: along the room
WEST = (EAST[1], EAST[0])
SCALE = 3.0


def _level(path=EAST, ambient: str = "day", drone: bool = False):  # type: ignore[no-untyped-def]
    """A long room with the squad in its south-west corner (the exit far east) and a helicopter
    flying ``path`` from the start (and, with ``drone``, a drone flying it beside it)."""
    room = ["#" + "." * 34 + "#"] * 12
    room[10] = "#.." + "S" + "." * 31 + "E"
    rows = "\n".join(["#" * 36] + room + ["#" * 36])
    (x0, y0), (x1, y1) = path
    # (the drone's id comes after the helicopter's: it is drawn first all the same, lower)
    craft = [("a-heli", "helicopter")] + ([("z-drone", "drone")] if drone else [])
    sounds = "".join(f'''
[[sounds]]
id = "{sid}"
kind = "{kind}"
path = [[{x0}, {y0}], [{x1}, {y1}]]
speed = {SPEED}
start_seconds = 0
duration_seconds = 60
''' for sid, kind in craft)
    return world_of_toml(f'''
id = "heli-test"
title = "Helicopter test"
time_limit_seconds = 90
par_seconds = 30
[map]
rows = """
{rows}
"""
[[squad]]
id = "mi-jin"
at = [3.5, 11.5]
{sounds}
[light]
ambient = "{ambient}"
''')


def _fly(world, ticks: int) -> None:  # type: ignore[no-untyped-def]
    for _ in range(ticks):
        world.step(cmd.EMPTY_INPUT)


def _frame(pres: Presentation, x: float, y: float, seconds: float = 0.5) -> pygame.Surface:
    """The world drawn round (x, y) at ``seconds`` (the beacon is dark at 0.5 s)."""
    world = pres.world
    pres.camera.follow(x, y, world.tilemap.width_px, world.tilemap.height_px, snap=True)
    surface = pygame.Surface((1280, 720))
    pres.view.draw(surface, pres.camera, 1.0, seconds=seconds)
    return surface


def _with_and_without(world, ambient_draw: bool = False):  # type: ignore[no-untyped-def]
    """The frame with the helicopter, its screen rect and the same frame with it gone."""
    em = world.director.active["a-heli"]
    pres = Presentation(world, Camera(1280, 720, SCALE))
    with_heli = _frame(pres, em.x, em.y)
    (heli_id, rect), = pres.view.drones.drawn
    del world.director.active["a-heli"]  # (the same world, the helicopter gone: only the drawing changes)
    without = _frame(pres, em.x, em.y)
    world.director.active["a-heli"] = em
    return pres, heli_id, rect, with_heli, without


def _diff(a: pygame.Surface, b: pygame.Surface) -> np.ndarray:
    """Per pixel (x, y), how much two frames differ (summed over the channels)."""
    return np.abs(pygame.surfarray.array3d(a).astype(int) - pygame.surfarray.array3d(b).astype(int)).sum(axis=2)


def test_a_flying_helicopter_is_drawn_where_it_flies_and_nothing_is_there_without_it(display) -> None:
    world = _level()
    _fly(world, 60)
    em = world.director.active["a-heli"]
    assert em.kind == "helicopter"
    pres, heli_id, rect, with_heli, without = _with_and_without(world)
    sx, sy = pres.camera.to_screen(em.x, em.y)
    assert heli_id == "a-heli" and abs(rect.centerx - sx) <= 1 and abs(rect.centery - sy) <= 1
    # 48-64 px long at world scale, nose to tail along its course (east): longer than it is wide
    assert 56 * SCALE <= rect.w <= 64 * SCALE and rect.h < rect.w
    changed = _diff(with_heli, without)[rect.left:rect.right, rect.top:rect.bottom] > 30
    assert changed.mean() > 0.4  # most of its box is helicopter: the rotor's disc, the airframe
    disc = changed[rect.w // 2 - 20:rect.w // 2 + 20, rect.h // 2 - 20:rect.h // 2 + 20]
    assert disc.all()  # the fuselage under the hub
    assert not (_diff(with_heli, without)[rect.right + 40:, :] > 30).any()  # and nothing ahead of it


def test_its_nose_points_along_its_course_and_its_tail_trails(display) -> None:
    centroid = {}
    for name, path in (("east", EAST), ("west", WEST)):
        world = _level(path)
        _fly(world, 60)
        f, = flights(world)
        assert f.kind == "helicopter" and f.moving
        assert math.isclose(f.heading, 0.0 if name == "east" else math.pi, abs_tol=1e-9)
        pres, _, rect, with_heli, without = _with_and_without(world)
        sx, _sy = pres.camera.to_screen(f.x, f.y)
        # the airframe (opaque, unlike the rotor's see-through disc) changes the floor most
        hard = _diff(with_heli, without)[rect.left:rect.right, rect.top:rect.bottom] > 250
        xs, _ys = np.nonzero(hard)
        centroid[name] = (xs + rect.left).mean() - sx
        tail = (xs + rect.left - sx) * (1 if name == "east" else -1)
        assert tail.min() < -25 * SCALE  # the boom and tail rotor reach past the rotor's disc behind the hub
        assert tail.max() <= 24 * SCALE  # ahead of it, nothing past the disc's rim
    assert centroid["east"] < -2 * SCALE < 2 * SCALE < centroid["west"]  # flip the course, the drawing flips
    # flying south, it is long the other way
    world = _level(((10.0, 2.5), (10.0, 11.5)))
    _fly(world, 30)
    f, = flights(world)
    assert math.isclose(f.heading, math.pi / 2)
    pres = Presentation(world, Camera(1280, 720, SCALE))
    _frame(pres, f.x, f.y)
    (_, rect), = pres.view.drones.drawn
    assert rect.h >= 56 * SCALE and rect.w < rect.h


def test_its_main_rotor_turns_from_frame_to_frame(display) -> None:
    world = _level()
    _fly(world, 10)
    em = world.director.active["a-heli"]
    pres = Presentation(world, Camera(1280, 720, SCALE))
    fps = pres.view.atlas.fps(CRAFT["helicopter"].anim)
    shots = []
    for k in range(2):
        surface = _frame(pres, em.x, em.y, seconds=0.5 + k / fps)  # (the beacon is dark at both)
        (_, rect), = pres.view.drones.drawn
        shots.append(pygame.surfarray.array3d(surface.subsurface(rect)).astype(int))
    moved = np.abs(shots[0] - shots[1]).sum(axis=2) > 30
    w, h = moved.shape
    xs, ys = np.mgrid[0:w, 0:h]
    d = np.hypot(xs - w / 2, ys - h / 2)
    blades = (d > 12 * SCALE) & (d < 22 * SCALE)  # out on the disc, clear of the airframe's middle
    assert (moved & blades).sum() > 60  # the blades turned
    assert (moved & (d > 23.5 * SCALE)).sum() < (moved & blades).sum()  # the rotor moves, not the frame


def test_its_shadow_falls_further_off_than_a_drones(display) -> None:
    heli, drone = CRAFT["helicopter"].shadow, CRAFT["drone"].shadow
    assert math.hypot(*heli) > 2 * math.hypot(*drone)  # it flies higher
    world = _level()
    _fly(world, 60)
    _, _, rect, with_heli, without = _with_and_without(world)
    a = pygame.surfarray.array3d(with_heli).astype(int).sum(axis=2)
    b = pygame.surfarray.array3d(without).astype(int).sum(axis=2)
    below = (slice(rect.left + 20, rect.right - 20), slice(rect.bottom + 4, rect.bottom + round(heli[1] * SCALE) - 8))
    darker = a[below] < b[below] - 20
    assert darker.mean() > 0.1  # its shadow reaches below its own box: the ground far under it
    assert (a[below] <= b[below]).all()  # only darkened there: nothing of it is drawn so low


def test_a_helicopter_passes_over_a_drone(display) -> None:
    world = _level(drone=True)
    _fly(world, 60)
    assert [f.kind for f in flights(world)] == ["helicopter", "drone"]  # by id
    em = world.director.active["a-heli"]
    pres = Presentation(world, Camera(1280, 720, SCALE))
    _frame(pres, em.x, em.y)
    assert [i for i, _ in pres.view.drones.drawn] == ["z-drone", "a-heli"]  # the higher drawn last


def test_a_helicopter_shows_in_the_dark_and_lights_the_ground_ahead(display) -> None:
    world = _level(ambient="dark")
    _fly(world, 60)
    f, = flights(world)
    craft = CRAFT["helicopter"]
    lights, *_ = world_lights(world)
    ours = flight_lights(world)
    assert all(light in lights for light in ours) and len(ours) == 2
    assert (f.x, f.y, craft.glow_px) in ours
    (spot_x, spot_y, spot_r), = [light for light in ours if light[2] == craft.search_px]
    ahead = (spot_x - f.x) * math.cos(f.heading) + (spot_y - f.y) * math.sin(f.heading)
    assert math.isclose(math.hypot(spot_x - f.x, spot_y - f.y), craft.search_ahead) and ahead > 0.8 * craft.search_ahead
    pres = Presentation(world, Camera(1280, 720, SCALE))
    surface = pygame.Surface((1280, 720))
    pres.camera.follow(f.x, f.y, world.tilemap.width_px, world.tilemap.height_px, snap=True)
    pres.draw(surface, 1.0)
    (_, rect), = pres.view.drones.drawn
    heli = pygame.surfarray.array3d(surface.subsurface(rect)).astype(int).sum(axis=2).mean()
    sx, sy = pres.camera.to_screen(spot_x, spot_y)
    bx, by = pres.camera.to_screen(2 * f.x - spot_x, 2 * f.y - spot_y)  # as far behind it
    px = pygame.surfarray.array3d(surface).astype(int).sum(axis=2)
    spot = px[round(sx) - 10:round(sx) + 10, round(sy) - 10:round(sy) + 10].mean()
    behind = px[round(bx) - 10:round(bx) + 10, round(by) - 10:round(by) + 10].mean()
    floor = pygame.surfarray.array3d(surface.subsurface(rect.move(3 * rect.w, 0))).astype(int).sum(axis=2).mean()
    assert heli > 2.5 * floor  # lit by its own lights against the dark floor beyond (past its spot)
    assert spot > 1.5 * behind  # the searchlight on the ground ahead, not behind
