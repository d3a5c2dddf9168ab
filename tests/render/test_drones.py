"""A drone flying its path is drawn where it flies, over the ground: a quad-rotor turned along
its course with its rotors turning, placed between the last two ticks as the bodies are, and
lit in the dark. Played headless, the Site's military drones were only a ring of noise."""

from __future__ import annotations

import math

import numpy as np
import pygame

from hyosan.render.camera import Camera
from hyosan.render.drones import CRAFT, flights
from hyosan.render.light import world_lights
from hyosan.render.presentation import Presentation
from hyosan.sim import commands as cmd
from hyosan.sim.units import TICK_HZ, TILE_PX
from tests.helpers import world_of_toml

SPEED = 60.0  # px/s
PATH = ((4.0, 4.5), (24.0, 4.5))  # tiles: east along the room


def _level(ambient: str = "day"):  # type: ignore[no-untyped-def]
    """A long room with the squad in its south-west corner (the exit far east) and a drone
    flying east along its north half from the start."""
    room = ["#" + "." * 28 + "#"] * 10
    room[8] = "#.." + "S" + "." * 25 + "E"
    rows = "\n".join(["#" * 30] + room + ["#" * 30])
    return world_of_toml(f'''
id = "drone-test"
title = "Drone test"
time_limit_seconds = 60
par_seconds = 30
[map]
rows = """
{rows}
"""
[[squad]]
id = "mi-jin"
at = [3.5, 9.5]
[[sounds]]
id = "drone"
kind = "drone"
path = [[{PATH[0][0]}, {PATH[0][1]}], [{PATH[1][0]}, {PATH[1][1]}]]
speed = {SPEED}
start_seconds = 0
duration_seconds = 30
[light]
ambient = "{ambient}"
''')


def _frame(pres: Presentation, x: float, y: float, alpha: float = 1.0) -> pygame.Surface:
    world = pres.world
    pres.camera.follow(x, y, world.tilemap.width_px, world.tilemap.height_px, snap=True)
    surface = pygame.Surface((1280, 720))
    pres.draw(surface, alpha)
    return surface


def _fly(world, ticks: int) -> None:  # type: ignore[no-untyped-def]
    for _ in range(ticks):
        world.step(cmd.EMPTY_INPUT)


def test_a_flying_drone_is_drawn_where_it_flies_and_nothing_is_there_without_it(display) -> None:
    world = _level()
    _fly(world, 60)
    em = world.director.active["drone"]
    pres = Presentation(world, Camera(1280, 720, 3.0))
    with_drone = _frame(pres, em.x, em.y + 40)
    (drone_id, rect), = pres.view.drones.drawn
    sx, sy = pres.camera.to_screen(em.x, em.y)
    assert drone_id == "drone" and abs(rect.centerx - sx) <= 1 and abs(rect.centery - sy) <= 1
    assert rect.w >= 18 * pres.camera.scale  # a quad-rotor a little wider than a student (16 px)
    del world.director.active["drone"]  # (the same world, the drone gone: only the drawing changes)
    without = _frame(pres, em.x, em.y + 40)
    world.director.active["drone"] = em
    a = pygame.surfarray.array3d(with_drone.subsurface(rect)).astype(int)
    b = pygame.surfarray.array3d(without.subsurface(rect)).astype(int)
    changed = (np.abs(a - b).sum(axis=2) > 30).mean()
    assert changed > 0.3  # most of its square is drone: arms, body, rotor discs


def test_its_nose_points_along_its_course_and_it_is_placed_between_the_ticks(display) -> None:
    world = _level()
    _fly(world, 30)
    now, before = flights(world, 1.0)[0], flights(world, 0.0)[0]
    em = world.director.active["drone"]
    assert (now.x, now.y) == (em.x, em.y) and now.moving
    assert now.heading == 0.0  # east, along the path
    assert math.isclose(now.x - before.x, SPEED / TICK_HZ) and now.y == before.y  # a tick's flight
    # At the path's end it hovers: where it is, its nose along its last leg.
    _fly(world, round((PATH[1][0] - PATH[0][0]) * TILE_PX / SPEED * TICK_HZ) + 10)
    hover, hover0 = flights(world, 1.0)[0], flights(world, 0.0)[0]
    assert not hover.moving and (hover.x, hover.y) == (hover0.x, hover0.y) == (PATH[1][0] * TILE_PX, PATH[1][1] * TILE_PX)
    assert hover.heading == 0.0


def test_its_rotors_turn_from_frame_to_frame(display) -> None:
    world = _level()
    _fly(world, 10)
    pres = Presentation(world, Camera(1280, 720, 3.0))
    view, camera = pres.view, pres.camera
    em = world.director.active["drone"]
    camera.follow(em.x, em.y, world.tilemap.width_px, world.tilemap.height_px, snap=True)
    fps = view.atlas.fps("drone.quad")
    shots = []
    for k in range(2):
        surface = pygame.Surface((1280, 720))
        view.draw(surface, camera, 1.0, seconds=0.5 + k / fps)  # (the beacon is dark at both)
        (_, rect), = view.drones.drawn
        shots.append(pygame.surfarray.array3d(surface.subsurface(rect)).astype(int))
    moved = np.abs(shots[0] - shots[1]).sum(axis=2) > 30
    w, h = moved.shape
    xs, ys = np.mgrid[0:w, 0:h]
    rotors = np.hypot(xs - w / 2, ys - h / 2) > w / 4  # out on the arms, clear of the beacon
    assert (moved & rotors).sum() > 20  # the blades turned


def test_a_drone_shows_in_the_dark(display) -> None:
    world = _level("dark")
    _fly(world, 60)
    em = world.director.active["drone"]
    lights, *_ = world_lights(world)
    assert (em.x, em.y, CRAFT["drone"].glow_px) in lights
    pres = Presentation(world, Camera(1280, 720, 3.0))
    surface = _frame(pres, em.x, em.y + 40)
    (_, rect), = pres.view.drones.drawn
    drone = pygame.surfarray.array3d(surface.subsurface(rect)).astype(int).sum(axis=2).mean()
    floor = pygame.surfarray.array3d(surface.subsurface(rect.move(0, 3 * rect.h))).astype(int).sum(axis=2).mean()
    assert drone > 2.5 * floor  # lit by its own lights against the dark floor beyond
