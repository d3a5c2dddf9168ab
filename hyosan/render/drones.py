"""What is in the air: the drones and helicopters, where each one is and which way it flies, read
from the level's sound sources (a drone or a helicopter is a sound that flies a ``path``:
``Director.active``), and how each kind is drawn (``CRAFT``): its sprite turned along its course
with its rotors turning (a quad-rotor ``drone.quad``, a helicopter ``helicopter.rotor``), its
shadow on the ground (further off the higher it flies), a blinking beacon and, in the dark, its
lights (a helicopter's searchlight sweeping the ground ahead of it). Played headless, the Site's
military drones and the roof's drone lure were only a ring of noise, and the roof's helicopters
only a louder one: nothing on screen flew. Reads the world; never writes it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from ..sim.units import TICK_HZ
from .atlas import Atlas
from .camera import Camera

ANGLE_STEPS = 32  # heading cache resolution
SHADOW_ALPHA = 90  # of 255
BEACON = (255, 70, 56)  # the strobe on its back
BEACON_PERIOD = 0.9  # s between flashes
BEACON_ON = 0.18  # s a flash lasts
SEARCH_SWAY = 0.45  # rad the searchlight swings either side of the nose
SEARCH_PERIOD = 5.0  # s a searchlight's sweep takes, one side to the other and back


@dataclass(frozen=True)
class Craft:
    """How one kind of flying sound source is drawn. The art's nose is up (north); each frame of
    ``anim`` turns its rotors a step further round."""

    anim: str
    shadow: tuple[float, float]  # world px from it to its shadow on the ground: the higher, the further
    glow_px: float  # world px of light round it in the dark (its own lights): it shows at night
    beacon_back: float = 0.0  # world px behind its centre (along its nose) the strobe sits
    beacon_px: float = 1.2  # world px: the strobe's radius
    search_px: float = 0.0  # world px: its searchlight's spot on the ground (0: none)
    search_ahead: float = 0.0  # world px ahead of it the spot falls, the beam swaying about its nose


# Sound kinds that fly, lowest first (drawn in this order: what flies higher passes over).
CRAFT: dict[str, Craft] = {
    "drone": Craft("drone.quad", (3.0, 10.0), 22.0),
    # rotors over the roof: a 64 px machine (its rotor's disc 46 across) that flies well above
    # a drone, its strobe on the tail, a searchlight on the roof ahead of it
    "helicopter": Craft("helicopter.rotor", (9.0, 30.0), 34.0, beacon_back=26.0, beacon_px=1.5,
                        search_px=46.0, search_ahead=56.0),
}


@dataclass(frozen=True)
class Flight:
    """One drone or helicopter now: where (world px, between the last two ticks), which way its
    nose points (rad, y down: 0 east), whether it is flying a leg or hovering at its path's end,
    and what it is (a key of ``CRAFT``)."""

    id: str
    x: float
    y: float
    heading: float
    moving: bool
    kind: str = "drone"


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
    """Every drone and helicopter in the air, by id. ``alpha`` (0..1) places each between the
    last two ticks as the bodies are: the director keeps only where a craft is now, so where it
    was a tick ago is one tick's flight back along its course (exact but at a waypoint's corner)."""
    director = getattr(world, "director", None)
    active = getattr(director, "active", None)
    if not active:
        return []
    out = []
    for key in sorted(active):
        em = active[key]
        if em.kind not in CRAFT:
            continue
        dx, dy, moving = _course(em)
        back = em.speed / TICK_HZ * (1.0 - alpha) if moving else 0.0
        out.append(Flight(em.id, em.x - dx * back, em.y - dy * back, math.atan2(dy, dx), moving, em.kind))
    return out


def flight_lights(world) -> list[tuple[float, float, float]]:
    """The lights of what flies (x, y, radius world px), for the dark: a glow round each craft
    (its own lights) and, for a helicopter, its searchlight's spot on the ground ahead, swaying
    either side of its nose (each on its own beat). Drawn only: the horde's sight does not use them."""
    t = getattr(world, "tick", 0) / TICK_HZ
    out = []
    for f in flights(world):
        craft = CRAFT[f.kind]
        out.append((f.x, f.y, craft.glow_px))
        if craft.search_px > 0:
            phase = (sum(f.id.encode()) % 89) / 89.0 * 2 * math.pi
            a = f.heading + SEARCH_SWAY * math.sin(2 * math.pi * t / SEARCH_PERIOD + phase)
            out.append((f.x + math.cos(a) * craft.search_ahead, f.y + math.sin(a) * craft.search_ahead, craft.search_px))
    return out


def beacon_on(t: float, key: str) -> bool:
    """Whether a craft's strobe is lit at ``t`` s (offset per craft, so two seldom flash together)."""
    phase = (sum(key.encode()) % 97) / 97.0 * BEACON_PERIOD
    return (t + phase) % BEACON_PERIOD < BEACON_ON


class DronePainter:
    """Draws what flies for one world view at one scale (its rotated frames and shadows cached)."""

    def __init__(self, atlas: Atlas, scale: float) -> None:
        self.atlas = atlas
        self.scale = scale
        self._frames: dict[tuple[str, int, int], tuple[pygame.Surface, pygame.Surface]] = {}
        self.drawn: list[tuple[str, pygame.Rect]] = []  # the last frame's craft: id, screen rect (for tests)

    def _sprite(self, anim: str, frame: int, heading: float) -> tuple[pygame.Surface, pygame.Surface]:
        """A craft's frame turned to ``heading`` and its shadow (the same shape, dark, see-through)."""
        step = round((heading + math.pi / 2) / (2 * math.pi) * ANGLE_STEPS) % ANGLE_STEPS  # the art's nose is up
        frame %= len(self.atlas.anim_frames(anim, "any"))  # (cached per frame of the loop, not per tick drawn)
        key = (anim, frame, step)
        hit = self._frames.get(key)
        if hit is None:
            art = self.atlas.scaled(self.atlas.anim_name(anim, "any", frame), self.scale)
            img = pygame.transform.rotate(art, -step * 360.0 / ANGLE_STEPS)
            shadow = img.copy()
            shadow.fill((0, 0, 0, SHADOW_ALPHA), special_flags=pygame.BLEND_RGBA_MULT)
            hit = self._frames[key] = (img, shadow)
        return hit

    def draw(self, surface: pygame.Surface, camera: Camera, world, alpha: float, t: float) -> int:
        """What flies, over everything on the ground: every shadow first, then each craft, the
        higher over the lower, its rotors turning and its beacon when it flashes. Returns how
        many were drawn."""
        self.drawn = []
        w, h = surface.get_size()
        rank = {kind: k for k, kind in enumerate(CRAFT)}
        shown = []
        for k, f in enumerate(flights(world, alpha)):
            craft = CRAFT[f.kind]
            sx, sy = camera.to_screen(f.x, f.y)
            img, shadow = self._sprite(craft.anim, int(t * self.atlas.fps(craft.anim)) + k, f.heading)
            iw, ih = img.get_size()
            if not (-2 * iw < sx < w + 2 * iw and -2 * ih < sy < h + 2 * ih):
                continue
            ox, oy = craft.shadow[0] * self.scale, craft.shadow[1] * self.scale
            surface.blit(shadow, (round(sx + ox - iw / 2), round(sy + oy - ih / 2)))
            shown.append((rank[f.kind], k, f, craft, sx, sy, img))
        for _rank, _k, f, craft, sx, sy, img in sorted(shown, key=lambda s: s[:2]):
            iw, ih = img.get_size()
            rect = surface.blit(img, (round(sx - iw / 2), round(sy - ih / 2)))
            if beacon_on(t, f.id):
                bx = round(sx - math.cos(f.heading) * craft.beacon_back * self.scale)
                by = round(sy - math.sin(f.heading) * craft.beacon_back * self.scale)
                r = max(1, round(craft.beacon_px * self.scale))
                pygame.draw.circle(surface, (255, 220, 200), (bx, by), r + 1)
                pygame.draw.circle(surface, BEACON, (bx, by), r)
            self.drawn.append((f.id, rect))
        return len(self.drawn)
