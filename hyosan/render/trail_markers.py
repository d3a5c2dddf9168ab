"""Trail markers: a zone with ``role = "marker"`` is drawn as a yellow ribbon tied round the
tree (or wall) nearest its centre, the way So-ju marked his way through the forest.

The zone is what the simulation knows (a reach-zone objective's area); the ribbon is what the
player looks for. It is tied to something solid so it reads as tied, not as a floor decal; where
it hangs is ``sim.trail.marker_spots`` (a student at the ribbon is at the marker).
"""

from __future__ import annotations

import pygame

from ..sim.trail import marker_spots

RIBBON = (250, 214, 70)  # the squad's yellow (objective pointer): the way the squad is going
RIBBON_DARK = (176, 132, 28)  # its knot and the fold of its tails


MARKER_GLOW_PX = 22.0  # world px of light round a ribbon: yellow catches the first light


def world_marker_spots(world) -> list[tuple[str, float, float, bool]]:
    """``marker_spots`` of a world's level, as its objectives keep them (worked out once per
    world: the map drawing, the light map and the objective arrow all ask every frame)."""
    objectives = getattr(world, "objectives", None)
    if objectives is not None:
        return objectives.marker_spots(world)
    return marker_spots(getattr(getattr(world, "spec", None), "zones", ()), world.tilemap.kind)


def draw_ribbon(surf: pygame.Surface, x: float, y: float, size: float, tied: bool) -> None:
    """A ribbon at (x, y) surface px (the tile's centre), ``size`` px a tile: a band round the
    trunk under the crown, knotted, its two tails blowing down and to the right; untied, on
    top of a stake."""
    u = max(1.0, size / 16)  # one sprite pixel
    if not tied:
        pygame.draw.rect(surf, (120, 92, 56), (round(x - u), round(y - 2 * u), round(2 * u), round(8 * u)))
        y -= 5 * u
    band = pygame.Rect(round(x - 5 * u), round(y + 2 * u), round(10 * u), round(2.5 * u))
    pygame.draw.rect(surf, RIBBON, band)
    pygame.draw.rect(surf, RIBBON_DARK, (band.x, band.bottom - round(u), band.w, round(u)))  # its shaded lower edge
    kx, ky = x + 2.5 * u, y + 3.2 * u  # the knot
    for tip, width in (((x + 5.5 * u, y + 9.5 * u), 1.6 * u), ((x + 8.0 * u, y + 7.5 * u), 1.3 * u)):
        dx, dy = tip[0] - kx, tip[1] - ky
        n = max(1e-6, (dx * dx + dy * dy) ** 0.5)
        ox, oy = -dy / n * width / 2, dx / n * width / 2
        pygame.draw.polygon(surf, RIBBON, [(kx + ox, ky + oy), (tip[0] + ox, tip[1] + oy),
                                           (tip[0] - ox, tip[1] - oy), (kx - ox, ky - oy)])
    pygame.draw.rect(surf, RIBBON_DARK, (round(kx - u), round(ky - u), round(2 * u), round(2 * u)))
