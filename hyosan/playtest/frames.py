"""Frames from a headless run: the window's own renderer drawn on an off-screen surface."""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

from ..sim.units import TICK_HZ, TILE_PX
from ..sim.world import World

FRAME_SIZE = (640, 360)
MAP_FRAME_MAX = (1600, 1000)  # px: a whole-map frame is scaled to fit this (at most 2x)


def map_frame(world: World) -> tuple[tuple[int, int], float]:
    """The frame size (px) and scale that show the whole of ``world``'s map at once."""
    w, h = world.tilemap.width_px, world.tilemap.height_px
    # A whole number of px per tile (a scale in 16ths): at 22.2 px the map's chunks left black
    # seams between them.
    scale = max(1, math.floor(min(2.0, MAP_FRAME_MAX[0] / w, MAP_FRAME_MAX[1] / h) * TILE_PX)) / TILE_PX
    return (max(1, int(w * scale)), max(1, int(h * scale))), scale


class FrameSaver:
    """Saves ``frame_<tick>.png`` every ``every`` ticks (call ``observe`` after each step):
    around the lead (``view`` "lead", the window's zoom) or the whole map (``view`` "map":
    where every door, prop and zombie is, as a designer checking a level wants it). Noise is
    drawn as in the window (rings with their captions: where a thrown phone rings, what woke
    the yard), and Ha-ri's arrows in flight; a designer could not find where a lure landed."""

    def __init__(self, world: World, folder: Path, every: int, size: tuple[int, int] = FRAME_SIZE,
                 view: str = "lead") -> None:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # stdout may be JSON
        import pygame

        from ..render.arrows import Arrows
        from ..render.camera import Camera
        from ..render.light import LightMap, world_lights
        from ..render.noise_rings import NoiseRings
        from ..render.world_view import WorldView

        self.pg = pygame
        self.folder, self.every = folder, max(1, every)
        folder.mkdir(parents=True, exist_ok=True)
        scale = 2.0
        if view == "map":
            size, scale = map_frame(world)
        self.surface = pygame.Surface(size)
        self.camera = Camera(size[0], size[1], scale=scale)
        self.view = WorldView(world, self.camera.scale)
        self.light = LightMap(self.view.atlas, world.spec.ambient)  # night levels: the dark, lamps, torch
        self._world_lights = world_lights
        self.rings = NoiseRings.for_world(world)  # captioned as in the window (the level's own words)
        self.arrows = Arrows()
        pygame.font.init()
        self.font = pygame.font.Font(None, 22 if view == "lead" else 26)
        self.saved: list[Path] = []
        self.observe(world, [])

    def stamp_words(self, world: World) -> str:
        """What a frame says at its top: the time, and the objective in hand or how it ended (a
        designer had only the file name's tick to tell when a frame was, and what was asked)."""
        objectives = getattr(world, "objectives", None)
        current = objectives.current if objectives is not None else None
        doing = world.outcome.upper() if world.outcome is not None else \
            objectives.text(current) if current is not None else ""
        return f"{world.sim_seconds:.1f} s" + (f"  -  {doing}" if doing else "")

    def _stamp(self, world: World) -> None:
        img = self.font.render(self.stamp_words(world), True, (235, 230, 215))
        back = self.pg.Surface((min(img.get_width() + 12, self.surface.get_width()), img.get_height() + 8))
        back.set_alpha(190)
        back.fill((15, 15, 20))
        self.surface.blit(back, (0, 0))
        self.surface.blit(img, (6, 4))

    def observe(self, world: World, events: list[Any]) -> None:
        """Save a frame when the tick is due (or the level just ended)."""
        self.rings.feed(events)  # every tick: a ring drawn at a frame began ticks before it
        self.arrows.feed(events)
        self.rings.update(1.0 / TICK_HZ)
        self.arrows.update(1.0 / TICK_HZ)
        if world.tick % self.every and world.outcome is None:
            return
        x, y = world.student_pos(world.lead_student)
        self.camera.follow(float(x), float(y), world.tilemap.width_px, world.tilemap.height_px, snap=True)
        self.surface.fill((0, 0, 0))
        self.view.draw(self.surface, self.camera, 1.0)
        if self.light.active:
            lights, torches, sky, lamps = self._world_lights(world)
            self.light.draw(self.surface, self.camera, lights, torches=torches, sky=sky, lamps=lamps)
            self.view.draw_alerts(self.surface)  # (over the dark, as in the window)
        self.arrows.draw(self.surface, self.camera)
        self.rings.draw(self.surface, self.camera, self.font, avoid=self.view.bodies_under)
        self._stamp(world)
        path = self.folder / f"frame_{world.tick:06d}.png"
        self.pg.image.save(self.surface, str(path))
        self.saved.append(path)
