"""The objective pointer: while the place the current objective names is off-screen, a small
arrow at the screen's edge points at it with a word for it ("key box", "exit").

Played by hand, Storm Crossing's first objective is "the key box in the hut, far north-west
corner of the car park" -- on a dark night, from a building the player has never seen the
outside of, with no hint of which way the car park lies. The objective line says what to do;
this says which way. It points straight (the way round the walls is the player's to find) and
goes away once the place is in view, where the station's marker or the exit's glow takes over.
It reads the world and never writes it. The place itself is ``control.perceive.objective_spot``
(pygame-free, so the Gymnasium environment shapes its reward toward the same place).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import pygame

from ..control.perceive import objective_spot
from ..sim.units import TILE_PX
from .callouts import LabelCache, arrow_ink, draw_edge_arrow, edge_arrow
from .trail_markers import world_marker_spots

COLOUR = (250, 214, 70)  # the squad's yellow: the way the squad is going
ARROW_PX = 15.0  # smaller than a call-out's arrow: always there, so it must not shout
INSET_PX = 30  # screen px from the window's edge to the tip
# The current trail marker's ribbon, in view, wears a slow yellow ring (radius in world px, and
# its swell), so it reads apart from the markers still to come: a playtester on Yellow Markers
# saw every ribbon alike and could not tell which one the objective meant.
RIBBON_RING_PX = 13.0
RIBBON_RING_SWELL_PX = 3.0
RIBBON_RING_HZ = 0.8  # swells a second and a bit, by the world's clock (frames and replays alike)
HIDDEN_MARGIN_PX = 16  # screen px round a HUD panel within which a place counts as under it (a ribbon is ~14 px)


def is_ribbon(world, x: float, y: float) -> bool:
    """Whether (x, y) world px, the current objective's spot, is a trail marker's ribbon."""
    objectives = getattr(world, "objectives", None)
    o = objectives.current if objectives is not None else None
    return o is not None and o.kind == "reach-zone" and any(
        zone == o.zone and mx * TILE_PX == x and my * TILE_PX == y for zone, mx, my, _tied in world_marker_spots(world))


class ObjectivePointer:
    """``draw`` the arrow toward the current objective's place while it is off-screen."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled  # the "Objective arrow" setting: off, the player finds the way alone
        self._labels = LabelCache(COLOUR)
        self.ink: pygame.Rect | None = None  # screen px the arrow took as last drawn (None: none drawn)

    def draw(self, surface: pygame.Surface, camera, world, font: pygame.font.Font, top: int = 0,
             bottom: int | None = None, covers: Sequence[pygame.Rect] = (),
             avoid: Sequence[pygame.Rect] = (),
             hides: Callable[[pygame.Rect], int] | None = None) -> pygame.Rect | None:
        """The arrow and its word, between ``top`` and ``bottom`` screen px (clear of the HUD's
        top bar and bottom panels); returns the label's panel (screen px; the arrow's own rect
        when the word is left out), or None when the
        setting is off, the objective names no place or the place is in view. The word keeps off
        ``avoid`` (screen px: the ticker's lines). A place under one
        of the HUD's panels (``covers``, screen px) is not in view: a playtester found Yellow
        Markers' third ribbon half under the noise panel and the fourth under the top bar, with
        no arrow to say so. ``hides(rect)`` (``WorldView.bodies_under``): what the word would
        hide there; it moves off a zombie or a student beside the arrow or further in, and where
        none is clear it is left out (a playtester lost a zombie under "exit" at the edge)."""
        self.ink = None
        spot = objective_spot(world) if self.enabled else None
        if spot is None:
            return None
        x, y, word = spot
        w, h = surface.get_size()
        sx, sy = camera.to_screen(x, y)
        hidden = any(rect.w and rect.h and rect.inflate(HIDDEN_MARGIN_PX, HIDDEN_MARGIN_PX).collidepoint(sx, sy)
                     for rect in covers)
        arrow = edge_arrow(sx, sy, w, h, inset=INSET_PX, top=top, bottom=bottom, hidden=hidden)
        if arrow is None:
            if is_ribbon(world, x, y):
                swell = 0.5 + 0.5 * math.sin(2 * math.pi * RIBBON_RING_HZ * world.sim_seconds)
                radius = (RIBBON_RING_PX + RIBBON_RING_SWELL_PX * swell) * camera.scale
                pygame.draw.circle(surface, COLOUR, (round(sx), round(sy)), round(radius), max(1, round(camera.scale)))
            return None
        self.ink = arrow_ink(arrow, ARROW_PX, 2)
        label_hides = None
        if hides is not None:
            world_hides = hides
            panels = [r for r in covers if r.w and r.h]
            bottom_px = h if bottom is None else bottom

            def label_hides(rect: pygame.Rect) -> int:
                """What the word there would hide; a place under the HUD, where it would not be
                read, counts as hiding something too."""
                off_band = rect.top < top or rect.bottom > bottom_px or rect.collidelist(panels) >= 0
                return world_hides(rect) + int(off_band)

        return draw_edge_arrow(surface, arrow, ARROW_PX, COLOUR, self._labels.get(font, word), width=2, avoid=avoid,
                               hides=label_hides)
