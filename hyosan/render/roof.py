"""Which tiles have a roof over them: rain is drawn only where there is none.

A level says it through its floors: a tile whose floor style is an indoor one (classroom,
hallway, auditorium, stairwell) is roofed; one whose style is outdoor (yard, site, rooftop) is
open to the sky. Tiles that carry no floor style of their own (exits, spawns, doors, windows,
puddles whose legend entry sets no ``floor``) take it from where they are: a connected patch of
them is roofed when it touches roofed floor and no open floor (the exit inside the auditorium,
the spawn tile in the lobby). A wall is roofed when it touches a roofed tile (a building's own
walls), so the rain stops at the outside of the wall. A legend entry's ``roof = "roofed"`` or
``"open"`` overrides all of this for its character (a covered walkway, a roofless ruin).
"""

from __future__ import annotations

import numpy as np

from ..content.schema import MapSpec

INDOOR_STYLES = frozenset({"classroom", "hallway", "auditorium", "stairwell"})
WALKABLE_UNSTYLED = frozenset({"exit", "spawn", "door", "window", "puddle", "edge"})


def roof_mask(spec: MapSpec) -> np.ndarray:
    """``(rows, cols)`` bools, True where a tile is roofed (no rain)."""
    legend = dict(spec.legend)
    styled = dict(spec.floors)
    chars = np.array([list(row.ljust(spec.width)) for row in spec.rows], dtype="<U1")
    kinds = np.vectorize(lambda c: legend.get(c, "void"), otypes=["<U8"])(chars)
    style = np.vectorize(lambda c: styled.get(c, spec.theme), otypes=["<U12"])(chars)
    own_style = np.vectorize(lambda c: c in styled)(chars)
    indoor_style = np.isin(style, list(INDOOR_STYLES))
    floor = (kinds == "floor") | own_style & (kinds != "wall") & (kinds != "void")
    roofed = floor & indoor_style
    open_sky = floor & ~indoor_style
    # Patches of tiles with no style of their own: roofed by what they touch.
    loose = np.isin(kinds, list(WALKABLE_UNSTYLED)) & ~own_style
    if spec.theme in INDOOR_STYLES:
        roofed |= loose
    else:
        _settle_loose(loose, roofed, open_sky)
    walls = kinds == "wall"
    near = np.zeros_like(roofed)
    padded = np.pad(roofed, 1)
    h, w = roofed.shape
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            near |= padded[1 + dy:1 + dy + h, 1 + dx:1 + dx + w]
    roofed |= walls & near
    for char, want in getattr(spec, "roofs", ()):
        roofed[chars == char] = want == "roofed"
    return roofed


def _settle_loose(loose: np.ndarray, roofed: np.ndarray, open_sky: np.ndarray) -> None:
    """Flood each 4-connected patch of unstyled tiles; roof it when it touches only roofed floor."""
    h, w = loose.shape
    seen = np.zeros_like(loose)
    for y0, x0 in zip(*np.nonzero(loose), strict=True):  # per patch, once: a few dozen per level
        if seen[y0, x0]:
            continue
        patch, stack = [], [(int(y0), int(x0))]
        seen[y0, x0] = True
        touches_roof = touches_sky = False
        while stack:
            y, x = stack.pop()
            patch.append((y, x))
            for ny, nx in ((y - 1, x), (y + 1, x), (y, x - 1), (y, x + 1)):
                if not (0 <= ny < h and 0 <= nx < w):
                    continue
                if loose[ny, nx] and not seen[ny, nx]:
                    seen[ny, nx] = True
                    stack.append((ny, nx))
                touches_roof |= bool(roofed[ny, nx])
                touches_sky |= bool(open_sky[ny, nx])
        if touches_roof and not touches_sky:
            ys, xs = zip(*patch, strict=True)
            roofed[list(ys), list(xs)] = True
