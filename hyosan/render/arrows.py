"""Arrows in flight: each ``Shot`` event drawn as a short shaft racing from the bow to where the
arrow stopped (a zombie, a wall, or the end of its range), then left lying there a moment.

The simulation resolves a shot in one tick; the flight drawn here (``FLIGHT_SECONDS``) only
shows the player which way it went and what it struck.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from ..sim.actions import arrow_flight, landing_point
from ..sim.events import Shot
from .camera import Camera

FLIGHT_SECONDS = 0.12  # s: the shaft's trip, whatever the distance (240 px at most: 2000 px/s)
REST_SECONDS = 0.5  # s: then it lies where it stopped, fading
SHAFT_PX = 9.0  # world px: the arrow's length
SHAFT = (222, 206, 170)  # pale wood
HEAD = (235, 235, 240)
STRUCK = (205, 60, 55)  # the fletching flashes red when it struck a zombie


@dataclass
class Flight:
    """One arrow: from (x0, y0) to (x1, y1) world px, and its age (s)."""

    x0: float
    y0: float
    x1: float
    y1: float
    hit: bool
    age: float = 0.0

    def tip(self) -> tuple[float, float]:
        """Where the arrowhead is now (world px)."""
        k = min(1.0, self.age / FLIGHT_SECONDS)
        return self.x0 + (self.x1 - self.x0) * k, self.y0 + (self.y1 - self.y0) * k


class Arrows:
    """The arrows in the air or just landed; feed it events, update with real time, then draw."""

    def __init__(self) -> None:
        self.flights: list[Flight] = []

    def feed(self, events: list) -> None:
        """Start a flight for every Shot among the events."""
        self.flights.extend(Flight(e.x0, e.y0, e.x1, e.y1, e.hit) for e in events if isinstance(e, Shot))

    def update(self, seconds: float) -> None:
        """Age the flights and drop the ones that have faded."""
        for f in self.flights:
            f.age += seconds
        self.flights = [f for f in self.flights if f.age < FLIGHT_SECONDS + REST_SECONDS]

    def draw(self, surface: pygame.Surface, camera: Camera) -> None:
        """Each arrow as a shaft and head along its line (screen px; a fading one dims)."""
        for f in self.flights:
            length = math.hypot(f.x1 - f.x0, f.y1 - f.y0)
            if length < 1e-6:
                continue
            ux, uy = (f.x1 - f.x0) / length, (f.y1 - f.y0) / length
            tx, ty = f.tip()
            shaft = min(SHAFT_PX, math.hypot(tx - f.x0, ty - f.y0))
            fade = 1.0 if f.age <= FLIGHT_SECONDS else max(0.0, 1.0 - (f.age - FLIGHT_SECONDS) / REST_SECONDS)
            tail = camera.to_screen(tx - ux * shaft, ty - uy * shaft)
            head = camera.to_screen(tx, ty)
            width = max(1, round(camera.scale * 0.7))

            k = 0.35 + 0.65 * fade
            pygame.draw.line(surface, _dim(SHAFT, k), tail, head, width)
            if f.age < FLIGHT_SECONDS:  # a streak behind it while it flies: which way it went
                streak = camera.to_screen(tx - ux * shaft * 3, ty - uy * shaft * 3)
                pygame.draw.line(surface, _dim((150, 140, 120), k), streak, tail, max(1, width - 1))
            pygame.draw.circle(surface, _dim(HEAD, k), head, width + 1)
            pygame.draw.circle(surface, _dim(STRUCK if f.hit else SHAFT, k), tail, width + 1)


def _dim(colour: tuple[int, int, int], k: float) -> tuple[int, int, int]:
    """``colour`` darkened to ``k`` (0..1) of itself."""
    return round(colour[0] * k), round(colour[1] * k), round(colour[2] * k)


AIM = (236, 226, 190)  # the aim's dots: pale, as the shaft
AIM_MARK = (250, 214, 70)  # the zombie it would strike: the squad's yellow
AIM_DOT_GAP_PX = 10.0  # world px between the aim's dots


def draw_aim(surface: pygame.Surface, camera: Camera, world) -> pygame.Rect | None:
    """While the lead carries a bow with arrows left: a dotted line where an arrow loosed now
    would fly (``actions.arrow_flight``: the facing, turned to a zombie in a clear line within
    22.5 degrees), to the zombie it would strike (ringed) or where it would stop. A playtester
    spent seven arrows for three kills, unable to tell which way a shot would go. Returns the
    screen rect drawn on, or None when nothing is."""
    lead = world.lead_student
    if not lead.alive or getattr(lead, "weapon", "") != "bow" or lead.arrows <= 0:
        return None
    x0, y0, fx, fy, reach, target = arrow_flight(world, lead)
    dots = []
    for k in range(1, int(reach // AIM_DOT_GAP_PX) + 1):
        sx, sy = camera.to_screen(x0 + fx * k * AIM_DOT_GAP_PX, y0 + fy * k * AIM_DOT_GAP_PX)
        dots.append(pygame.draw.circle(surface, AIM, (sx, sy), max(1, round(camera.scale * 0.5))))
    if target is not None:
        zx, zy = world.horde.pos[target]
        radius = float(world.horde.breeds.radius[world.horde.breed_all[target]])
        dots.append(pygame.draw.circle(surface, AIM_MARK, camera.to_screen(float(zx), float(zy)),
                                       max(4, round((radius + 3) * camera.scale)), max(1, round(camera.scale * 0.7))))
    return dots[0].unionall(dots[1:]) if dots else None


THROW_MARK = (255, 236, 140)  # where a phone thrown now would land (the prompts' key yellow)
THROW_CUT = (245, 150, 60)  # ... when a wall or its range stops it short of the aim
THROW_CUT_PX = 6.0  # world px between the aim and the landing past which the throw counts as cut short


def draw_throw_aim(surface: pygame.Surface, camera: Camera, world, aim: tuple[float, float]) -> tuple[float, float] | None:
    """Where a phone thrown now at ``aim`` (world px) would land (``actions.landing_point``: cut
    to range, stopped short of a wall or shut door): a ring there, and when that is short of the
    aim, orange with a line on to the aim. A playtester twice threw a phone into the wall of
    the room the squad stood in and it rang beside them, drawing the horde in. Returns the
    landing point (world px), or None when the lead has no phone to throw."""
    lead = world.lead_student
    if not lead.alive or getattr(world, "phones_left", 0) <= 0:
        return None
    p = world.student_pos(lead)
    lx, ly = landing_point(world, float(p[0]), float(p[1]), aim[0], aim[1])
    cut = math.hypot(aim[0] - lx, aim[1] - ly) > THROW_CUT_PX
    colour = THROW_CUT if cut else THROW_MARK
    x, y = camera.to_screen(lx, ly)
    # Kept on screen (at its edge) while the camera is still leaning toward it.
    x, y = min(max(x, 12), surface.get_width() - 12), min(max(y, 12), surface.get_height() - 12)
    if cut:
        ax, ay = camera.to_screen(*aim)
        pygame.draw.line(surface, colour, (x, y), (ax, ay), 1)
    pygame.draw.circle(surface, (20, 16, 10), (round(x), round(y) + 2), 11, 3)
    pygame.draw.circle(surface, colour, (round(x), round(y)), 11, 2)
    pygame.draw.circle(surface, colour, (round(x), round(y)), 2)
    return lx, ly
