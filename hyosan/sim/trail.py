"""Trail markers: where a zone with ``role = "marker"`` has its ribbon, tied round the tree (or
wall) nearest its centre, the way So-ju marked his way through the forest.

The zone is a reach-zone objective's area; the ribbon is what the player looks for and walks
to. So a student within ``RIBBON_REACH_TILES`` of the ribbon counts as at the marker from any
side (``Objectives.in_area``): a ribbon on the zone's edge touched from outside it did not
count before, and the squad stood at it waiting (Yellow Markers' first ribbon, from the south).
With nothing solid within ``TIE_REACH_TILES`` the ribbon stands on a stake at the zone's centre.
"""

from __future__ import annotations

import numpy as np

from . import tilemap as tm

TIE_REACH_TILES = 3  # a tree farther than this from the zone's centre is not "its" tree
# tiles from the ribbon's tile centre: a student on any of the 8 tiles round it (a diagonal
# neighbour's centre is 1.41 away) is at the ribbon
RIBBON_REACH_TILES = 1.6


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
