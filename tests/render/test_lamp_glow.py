"""A lamp's glow is drawn out to the radius the horde sees by: plainly lit nine tenths of the way
out, where ``Sky.light_at`` says a student is lit, and dark just past it. The student blob's
falloff it was drawn with had faded to the dark by two thirds of the way."""

from __future__ import annotations

import math

import numpy as np
import pygame

from hyosan.render.atlas import Atlas
from hyosan.render.camera import Camera
from hyosan.render.light import AMBIENT, LightMap
from hyosan.sim.lamps import LampPool, lamp_pool
from hyosan.sim.units import TILE_PX

RADIUS = 6 * TILE_PX  # px


def _lit_floor(scale: float) -> tuple[pygame.Surface, Camera, LampPool]:
    """A white floor under one lamp in open ground, in the dark, drawn at ``scale``."""
    pool = lamp_pool(20 * TILE_PX, 20 * TILE_PX, RADIUS, np.zeros((40, 40), dtype=bool))
    surface = pygame.Surface((1280, 720))
    surface.fill((255, 255, 255))
    camera = Camera(1280, 720, scale=scale)
    camera.follow(pool.x, pool.y, 40 * TILE_PX, 40 * TILE_PX, snap=True)
    LightMap(Atlas(), "dark").draw(surface, camera, [], lamps=[(pool, 1.0)])
    return surface, camera, pool


def test_a_lamp_is_plainly_lit_out_to_its_radius_and_dark_past_it(display) -> None:
    dark = AMBIENT["dark"][0]
    for scale in (2.0, 3.0):  # --frames' zoom and the window's
        surface, camera, pool = _lit_floor(scale)

        def shade(share: float, angle: float, surface=surface, camera=camera, pool=pool) -> int:  # type: ignore[no-untyped-def]
            x, y = pool.x + math.cos(angle) * RADIUS * share, pool.y + math.sin(angle) * RADIUS * share
            sx, sy = camera.to_screen(x, y)
            return surface.get_at((int(sx), int(sy)))[0]

        for k in range(8):
            a = k * math.pi / 4 + 0.2
            assert pool.lights(pool.x + math.cos(a) * RADIUS * 0.9, pool.y + math.sin(a) * RADIUS * 0.9)
            assert shade(0.9, a) >= 2 * dark  # where the horde sees a student: lit, twice the dark
            assert shade(0.5, a) > shade(0.8, a) > shade(0.95, a) > dark  # a soft falloff to the rim
            assert shade(1.06, a) <= dark + 1  # past the rim: the ambient dark
