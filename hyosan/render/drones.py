"""The drones in the air: where each one is and which way it flies, read from the level's sound
sources (a drone is a sound that flies a ``path``: ``Director.active``), and how it is drawn: a
quad-rotor (``drone.quad``, its rotors turning), its shadow on the ground below and a blinking
beacon. Played headless, the Site's military drones and the roof's drone lure were only a ring
of noise: nothing on screen flew. Reads the world; never writes it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from ..sim.units import TICK_HZ
from .atlas import Atlas
from .camera import Camera

DRONE_KINDS = frozenset({"drone"})  # sound kinds drawn as a drone (a helicopter is not a quad-rotor)
DRONE_ANIM = "drone.quad"  # its frames: nose up (north), the rotors a step further round each
ANGLE_STEPS = 32  # heading cache resolution
SHADOW_OFFSET = (3.0, 10.0)  # world px from the drone to its shadow on the ground: it flies, it does not walk
SHADOW_ALPHA = 90  # of 255
BEACON = (255, 70, 56)  # the strobe on its back
BEACON_PERIOD = 0.9  # s between flashes
BEACON_ON = 0.18  # s a flash lasts
DRONE_GLOW_PX = 22.0  # world px of light round a drone in the dark (its lights): it shows at night


@dataclass(frozen=True)
class Flight:
    """One drone now: where (world px, between the last two ticks), which way its nose points
    (rad, y down: 0 east) and whether it is flying a leg or hovering at its path's end."""

    id: str
    x: float
    y: float
    heading: float
    moving: bool


def _course(em) -> tuple[float, float, bool]:
    """The unit vector an emitter flies along now and whether it moves: toward the waypoint it
    is flying to, else (hovering at the end of its path) along its last leg."""
    path = em.path
    if len(path) >= 2 and em.speed > 0 and em.leg < len(path):
        tx, ty = path[em.leg]
        d = math.hypot(tx - em.x, ty - em.y)
        if d > 1e-9:
            return (tx - em.x) / d, (ty - em.y) / d, True
    if len(path) >= 2:
        (x0, y0), (x1, y1) = path[-2], path[-1]
        d = math.hypot(x1 - x0, y1 - y0)
        if d > 1e-9:
            return (x1 - x0) / d, (y1 - y0) / d, False
    return 0.0, -1.0, False


def flights(world, alpha: float = 1.0) -> list[Flight]:
    """Every drone in the air, by id. ``alpha`` (0..1) places each between the last two ticks as
    the bodies are: the director keeps only where a drone is now, so where it was a tick ago is
    one tick's flight back along its course (exact but at a waypoint's corner)."""
    director = getattr(world, "director", None)
    active = getattr(director, "active", None)
    if not active:
        return []
    out = []
    for key in sorted(active):
        em = active[key]
        if em.kind not in DRONE_KINDS:
            continue
        dx, dy, moving = _course(em)
        back = em.speed / TICK_HZ * (1.0 - alpha) if moving else 0.0
        out.append(Flight(em.id, em.x - dx * back, em.y - dy * back, math.atan2(dy, dx), moving))
    return out


def beacon_on(t: float, key: str) -> bool:
    """Whether a drone's strobe is lit at ``t`` s (offset per drone, so two seldom flash together)."""
    phase = (sum(key.encode()) % 97) / 97.0 * BEACON_PERIOD
    return (t + phase) % BEACON_PERIOD < BEACON_ON


class DronePainter:
    """Draws the drones for one world view at one scale (its rotated frames and shadows cached)."""

    def __init__(self, atlas: Atlas, scale: float) -> None:
        self.atlas = atlas
        self.scale = scale
        self._frames: dict[tuple[int, int], tuple[pygame.Surface, pygame.Surface]] = {}
        self.drawn: list[tuple[str, pygame.Rect]] = []  # the last frame's drones: id, screen rect (for tests)

    def _sprite(self, frame: int, heading: float) -> tuple[pygame.Surface, pygame.Surface]:
        """The drone's frame turned to ``heading`` and its shadow (the same shape, dark, see-through)."""
        step = round((heading + math.pi / 2) / (2 * math.pi) * ANGLE_STEPS) % ANGLE_STEPS  # the art's nose is up
        key = (frame, step)
        hit = self._frames.get(key)
        if hit is None:
            art = self.atlas.scaled(self.atlas.anim_name(DRONE_ANIM, "any", frame), self.scale)
            img = pygame.transform.rotate(art, -step * 360.0 / ANGLE_STEPS)
            shadow = img.copy()
            shadow.fill((0, 0, 0, SHADOW_ALPHA), special_flags=pygame.BLEND_RGBA_MULT)
            hit = self._frames[key] = (img, shadow)
        return hit

    def draw(self, surface: pygame.Surface, camera: Camera, world, alpha: float, t: float) -> int:
        """Each drone in the air over everything on the ground: its shadow, the drone with its
        rotors turning, and its beacon when it flashes. Returns how many were drawn."""
        self.drawn = []
        if DRONE_ANIM not in self.atlas.anims:
            return 0
        w, h = surface.get_size()
        fps = self.atlas.fps(DRONE_ANIM)
        beacon = max(1, round(1.2 * self.scale))
        for k, f in enumerate(flights(world, alpha)):
            sx, sy = camera.to_screen(f.x, f.y)
            img, shadow = self._sprite(int(t * fps) + k, f.heading)
            iw, ih = img.get_size()
            if not (-2 * iw < sx < w + 2 * iw and -2 * ih < sy < h + 2 * ih):
                continue
            ox, oy = SHADOW_OFFSET[0] * self.scale, SHADOW_OFFSET[1] * self.scale
            surface.blit(shadow, (round(sx + ox - iw / 2), round(sy + oy - ih / 2)))
            rect = surface.blit(img, (round(sx - iw / 2), round(sy - ih / 2)))
            if beacon_on(t, f.id):
                pygame.draw.circle(surface, (255, 220, 200), (round(sx), round(sy)), beacon + 1)
                pygame.draw.circle(surface, BEACON, (round(sx), round(sy)), beacon)
            self.drawn.append((f.id, rect))
        return len(self.drawn)
