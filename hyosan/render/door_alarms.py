"""Door alarms: while a locked door the crowd is forcing is off-screen, an arrow at the screen's
edge points at it with its name and how hard it is pressed ("east door 86%").

Played by hand on the Roof, the squad held in the camp while the crowd pressed the east stair
door out of sight; the only word was the ticker's "The east door is giving way", gone in four
seconds and forty seconds before the door broke. The ticker says it once; this stays for as long
as the door is still straining (``Door.warned``: from the warning until the push eases off), and
goes once the door is on screen, where its own strain bar says the same. It reads the world and
never writes it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pygame

from ..sim.world import door_centre
from .callouts import LabelCache, arrow_ink, draw_edge_arrow, edge_arrow
from .names import id_words

COLOUR = (240, 110, 90)  # the ticker's red for a danger
ARROW_PX = 15.0  # as the objective's arrow: several doors may strain at once
INSET_PX = 30  # screen px from the window's edge to the tip
PULSE_HZ_CALM, PULSE_HZ_NEAR = 1.0, 4.0  # the arrow beats faster as the push nears the hold


def straining_doors(world) -> list[tuple[float, float, str, float]]:
    """Each locked door that is straining now: its centre (world px), its words and its strain
    (the push as a share of its hold: 1 and it gives)."""
    out = []
    for door in getattr(world, "doors", ()):
        if door.locked and not door.broken and door.warned:
            out.append((*door_centre(door), id_words(door.spec.id), float(door.strain)))
    return out


def door_state_lines(world, limit: int = 3) -> list[str]:
    """For the pause screen, the locked doors worth a thought, most pressed first: those the
    crowd is pushing (its strain bar shows), those that gave way, on a night those with nothing
    against them, then those braced and not pressed ("east door: pressed to 69%, braced x2.2",
    "west door gave way", "service door: locked, not braced", "back door: braced x3.5"). On
    the Roof the pause map said where the horde comes from and nothing of how the stair doors
    were holding; a playtester asked for the braces there too."""
    from ..sim.world import STRAIN_SHOWN  # (a leaf constant: the strain at which the bar shows)
    from .world_view import BRACED_SHOWN, braced_locks

    # On a night every locked door is a wall against the horde: one left bare is named too (a
    # playtester's Roof list had the west and service doors braced and said nothing of the east
    # one, locked with nothing against it). On other levels a locked door may be one the way
    # never needs (a padlocked gate), so only those in play are listed.
    night = getattr(getattr(world, "spec", None), "endless", None) is not None
    pressed, gave, braced, bare = [], [], [], []
    for door in getattr(world, "doors", ()):
        words = id_words(door.spec.id)
        if door.broken:
            gave.append(f"{words} gave way")
            continue
        if not door.locked:
            continue
        locks = braced_locks(world, door)
        held = f"braced x{locks:.1f}" if locks >= BRACED_SHOWN else ""
        if door.strain >= STRAIN_SHOWN:
            pressed.append((door.strain, f"{words}: pressed to {min(99, round(100 * door.strain))}%"
                            + (f", {held}" if held else "")))
        elif held:
            braced.append(f"{words}: {held}")
        elif night:
            bare.append(f"{words}: locked, not braced")
    return ([line for _, line in sorted(pressed, key=lambda t: -t[0])] + gave + bare + braced)[:limit]


class DoorAlarms:
    """``draw`` an edge arrow for every straining locked door that is out of view."""

    def __init__(self) -> None:
        self._labels = LabelCache(COLOUR, size=32)
        self.inks: list[pygame.Rect] = []  # screen px: the arrows as last drawn
        self.words: list[pygame.Rect] = []  # ...and their words (or, left out, their arrows)

    def draw(self, surface: pygame.Surface, camera, world, font: pygame.font.Font, now: float, top: int = 0,
             bottom: int | None = None, covers: Sequence[pygame.Rect] = (),
             avoid: Sequence[pygame.Rect] = ()) -> list[tuple[float, float]]:
        """The arrows (tips between ``top`` and ``bottom`` screen px, clear of the HUD; a door
        under one of the HUD's panels, ``covers``, counts as out of view). Their words keep off
        ``avoid`` (screen px), each other and each other's arrows. Returns the tips."""
        w, h = surface.get_size()
        tips = []
        taken = list(avoid)
        self.inks, self.words = [], []
        for x, y, words, strain in straining_doors(world):
            sx, sy = camera.to_screen(x, y)
            hidden = any(rect.w and rect.h and rect.collidepoint(sx, sy) for rect in covers)
            arrow = edge_arrow(sx, sy, w, h, INSET_PX, top=top, bottom=bottom, hidden=hidden)
            if arrow is None:
                continue
            near = min(1.0, max(0.0, strain))
            beat = PULSE_HZ_CALM + (PULSE_HZ_NEAR - PULSE_HZ_CALM) * near
            pulse = 0.5 + 0.5 * math.sin(now * beat * 2.0 * math.pi)
            label = self._labels.get(font, f"{words} {min(99, round(100 * strain))}%")
            size = ARROW_PX + 3.0 * pulse
            self.inks.append(arrow_ink(arrow, size, 2))
            self.words.append(draw_edge_arrow(surface, arrow, size, COLOUR, label, width=2, avoid=taken))
            taken += [self.inks[-1], self.words[-1]]
            tips.append(arrow[:2])
        return tips
