"""Trail markers: a zone with ``role = "marker"`` is drawn as a yellow ribbon tied round the
tree (or wall) nearest its centre, the way So-ju marked his way through the forest.

The zone is what the simulation knows (a reach-zone objective's area); the ribbon is what the
player looks for. It is tied to something solid so it reads as tied, not as a floor decal; with
nothing solid within ``TIE_REACH_TILES`` it stands on a stake at the zone's centre.
"""

from __future__ import annotations

import weakref

import numpy as np
import pygame

from ..sim import tilemap as tm

RIBBON = (250, 214, 70)  # the squad's yellow (objective pointer): the way the squad is going
RIBBON_DARK = (176, 132, 28)  # its knot and the fold of its tails
TIE_REACH_TILES = 3  # a tree farther than this from the zone's centre is not "its" tree


MARKER_GLOW_PX = 22.0  # world px of light round a ribbon: yellow catches the first light


def marker_spots(zones, kind: np.ndarray) -> list[tuple[str, float, float, bool]]:
    """Per marker zone, in file order: (zone id, x, y in tiles, tied to something solid). The
    tile tied to is the solid one (wall or tree) nearest the zone's centre that touches open
    ground (a ribbon inside a thicket would be out of sight)."""
    rows, cols = kind.shape
    out = []
    for zone in zones:
        if zone.role != "marker":
            continue
        x0, y0, x1, y1 = zone.rect
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2  # tiles
        r0, r1 = max(0, int(cy - TIE_REACH_TILES) - 1), min(rows, int(cy + TIE_REACH_TILES) + 2)
        c0, c1 = max(0, int(cx - TIE_REACH_TILES) - 1), min(cols, int(cx + TIE_REACH_TILES) + 2)
        window = kind[r0:r1, c0:c1]
        solid = window == tm.WALL
        open_ground = ~np.isin(window, (tm.WALL, tm.VOID, tm.EDGE, tm.WINDOW))
        touches = np.zeros_like(solid)
        touches[1:] |= open_ground[:-1]
        touches[:-1] |= open_ground[1:]
        touches[:, 1:] |= open_ground[:, :-1]
        touches[:, :-1] |= open_ground[:, 1:]
        rr, cc = np.nonzero(solid & touches)
        if rr.size:
            d = np.hypot(cc + c0 + 0.5 - cx, rr + r0 + 0.5 - cy)
            k = int(np.argmin(d))  # nonzero's row-major order breaks ties the same way every time
            if d[k] <= TIE_REACH_TILES:
                out.append((zone.id, float(cc[k] + c0) + 0.5, float(rr[k] + r0) + 0.5, True))
                continue
        out.append((zone.id, cx, cy, False))
    return out


_SPOTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # world -> its marker_spots


def world_marker_spots(world) -> list[tuple[str, float, float, bool]]:
    """``marker_spots`` of a world's level, worked out once per world: the map drawing, the
    light map and the objective arrow all ask every frame, and trees do not move."""
    spots = _SPOTS.get(world)
    if spots is None:
        spots = _SPOTS[world] = marker_spots(getattr(getattr(world, "spec", None), "zones", ()), world.tilemap.kind)
    return spots


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
