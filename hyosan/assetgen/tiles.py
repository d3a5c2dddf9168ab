"""16x16 floor and wall tiles, several variants each so floors do not look tiled."""

from __future__ import annotations

import numpy as np

from . import draw
from . import palette as P
from .palette import Color, hexc
from .sheet import Atlas

T = 16


def _noise_fill(rng: np.random.Generator, base: Color, cols: list[Color], density: float) -> np.ndarray:
    img = draw.new(T, T)
    draw.rect(img, 0, 0, T, T, base)
    draw.speckle(img, rng, cols, density)
    return img


def wood_floor(rng: np.random.Generator, v: int) -> np.ndarray:
    base = [hexc("a87a4a"), hexc("a27446"), hexc("ae8050"), hexc("9e7044")][v % 4]
    img = _noise_fill(rng, base, [P.darker(base, 0.12), P.lighter(base, 0.08)], 0.18)
    for y in range(0, T, 4):  # boards 4 px tall, seams staggered per variant
        draw.rect(img, 0, y + 3, T, 1, P.darker(base, 0.3))
        seam = int(rng.integers(0, T))  # random joints so the boards do not line up into columns
        draw.rect(img, seam, y, 1, 3, P.darker(base, 0.3))
    return img


def linoleum(rng: np.random.Generator, v: int) -> np.ndarray:
    base = hexc("b8beb0")
    img = _noise_fill(rng, base, [hexc("a8ae9e"), hexc("c8ccc0"), hexc("8c9284")], 0.12 + 0.03 * v)
    draw.rect(img, 0, 0, T, 1, hexc("a0a698"))
    draw.rect(img, 0, 0, 1, T, hexc("a0a698"))
    if v == 3:  # a scuff
        draw.line(img, 4, 10, 9, 8, hexc("8a8e84"))
    return img


def asphalt(rng: np.random.Generator, v: int) -> np.ndarray:
    base = hexc("34383e")
    img = _noise_fill(rng, base, [hexc("2a2e34"), hexc("40444a"), hexc("4a4e54")], 0.3)
    if v == 2:
        draw.line(img, 2, 13, 9, 9, hexc("24272c"))  # crack
        draw.line(img, 9, 9, 12, 10, hexc("24272c"))
    return img


def yard_line(rng: np.random.Generator, vertical: bool) -> np.ndarray:
    img = asphalt(rng, 0)
    paint = hexc("d8d4c0")
    if vertical:
        draw.rect(img, 7, 0, 2, T, paint)
    else:
        draw.rect(img, 0, 7, T, 2, paint)
    draw.speckle(img, rng, [hexc("34383e")], 0.08, img[:, :, 0] > 150)  # worn paint
    return img


def grass(rng: np.random.Generator, v: int) -> np.ndarray:
    base = hexc("2e4a2a")
    img = _noise_fill(rng, base, [hexc("3a5a32"), hexc("24401f"), hexc("4a6a3a")], 0.45)
    for _ in range(5 + v):
        x, y = int(rng.integers(0, T)), int(rng.integers(1, T))
        draw.rect(img, x, y - 1, 1, 2, hexc("56783e"))
    return img


def carpet(rng: np.random.Generator, v: int) -> np.ndarray:
    base = hexc("6a1e26")
    img = _noise_fill(rng, base, [hexc("5c1820"), hexc("74262e")], 0.3)
    if v == 0:
        for x, y in ((3, 3), (11, 11)):
            draw.px(img, x, y, hexc("a8843a"))
    return img


def stage(rng: np.random.Generator, v: int) -> np.ndarray:
    base = [hexc("c08a4a"), hexc("b88244"), hexc("c89250")][v % 3]
    img = _noise_fill(rng, base, [P.darker(base, 0.1), P.lighter(base, 0.1)], 0.2)
    for x in range(0, T, 4):
        draw.rect(img, x + 3, 0, 1, T, P.darker(base, 0.32))
    draw.rect(img, (v * 4 + 1) % T, (v * 7) % T, 3, 1, P.darker(base, 0.32))
    return img


def dirt(rng: np.random.Generator, v: int) -> np.ndarray:
    base = hexc("6a5238")
    img = _noise_fill(rng, base, [hexc("5a4430"), hexc("7a6044"), hexc("8a7458")], 0.4)
    for _ in range(v + 1):
        x, y = int(rng.integers(1, 14)), int(rng.integers(1, 14))
        draw.rect(img, x, y, 2, 1, hexc("9a9088"))  # pebbles
    return img


def concrete(rng: np.random.Generator, v: int) -> np.ndarray:
    img = _noise_fill(rng, P.CONCRETE, [P.CONCRETE_DARK, P.CONCRETE_LIGHT], 0.18)
    if v == 1:
        draw.line(img, 0, 9, 7, 6, P.CONCRETE_DARK)
    if v == 2:
        draw.rect(img, 0, 15, T, 1, P.CONCRETE_DARK)  # slab joint
    return img


def steel_plate(rng: np.random.Generator, v: int) -> np.ndarray:
    img = draw.new(T, T)
    draw.rect(img, 0, 0, T, T, P.STEEL_DARK)
    for y in range(1, T, 4):
        for x in range(1 + (y // 4 % 2) * 2, T, 4):
            draw.rect(img, x, y, 2, 1, P.STEEL_LIGHT)
    draw.frame_rect(img, 0, 0, T, T, P.STEEL_DEEP)
    if v:
        draw.speckle(img, rng, [hexc("7a4a2a")], 0.05)
    return img


def scaffold(rng: np.random.Generator, v: int) -> np.ndarray:
    """Scaffold deck: planks between steel tubes."""
    img = draw.new(T, T)
    for y in range(0, T, 5):
        board = hexc("b08a52") if (y // 5 + v) % 2 else hexc("a67e48")
        draw.rect(img, 0, y + 1, T, 4, board)
        draw.rect(img, 0, y + 4, T, 1, P.WOOD_DARK)
    draw.rect(img, 0, 0, T, 1, P.STEEL_LIGHT)
    draw.rect(img, 0, 0, 1, T, P.STEEL)
    draw.rect(img, 15, 0, 1, T, P.STEEL_DARK)
    draw.speckle(img, rng, [P.WOOD_DEEP], 0.05)
    return img


def forest_floor(rng: np.random.Generator, v: int) -> np.ndarray:
    """Forest ground at dawn: dark loam under last year's leaves, moss here and there."""
    base = hexc("3a3424")
    img = _noise_fill(rng, base, [hexc("2e2a1c"), hexc("4a4028"), hexc("44502c")], 0.45)
    for _ in range(3 + v):  # fallen leaves, brown and ochre
        x, y = int(rng.integers(0, T - 2)), int(rng.integers(0, T - 1))
        draw.rect(img, x, y, 2, 1, [hexc("7a5a2a"), hexc("8e6a30"), hexc("5e4a26")][int(rng.integers(0, 3))])
    if v == 3:  # a mossy patch
        draw.ellipse(img, 8, 9, 4, 3, hexc("3e5a2a"))
        ys, xs = np.mgrid[0:T, 0:T]
        draw.speckle(img, rng, [hexc("4e6a32")], 0.2, ((xs - 8) / 4) ** 2 + ((ys - 9) / 3) ** 2 <= 1)
    return img


def tree(rng: np.random.Generator, v: int) -> np.ndarray:
    """A pine or oak from above (blocks like a wall): a round dark crown lit from the top left,
    on forest ground, so a clump reads as canopy and a lone tile as one tree."""
    img = forest_floor(rng, v)
    dark, mid, light = [(hexc("1c3218"), hexc("2a4a22"), hexc("3e6630")),
                        (hexc("1a2e1e"), hexc("26442c"), hexc("38603c")),
                        (hexc("22361a"), hexc("345226"), hexc("4a6e32"))][v % 3]
    draw.disc(img, 8.5, 9.5, 7.6, hexc("141a10"))  # its shadow, thrown down-right
    draw.disc(img, 8.0, 8.0, 7.4, dark)
    draw.disc(img, 7.2, 7.2, 5.6, mid)
    for _ in range(7):  # clumps of needles or leaves catching the light
        x, y = int(rng.integers(3, 11)), int(rng.integers(3, 10))
        draw.rect(img, x, y, 2, 2, light if x + y < 14 else mid)
    ys, xs = np.mgrid[0:T, 0:T]
    draw.speckle(img, rng, [dark], 0.08, np.hypot(xs - 7.2, ys - 7.2) <= 5.6)
    return img


# (top, face): wall tops are dark, so from above the rooms read as lit boxes cut out of the
# building's mass (a light top with shaded bands read as a staircase in the screenshots).
WALLS = {"school": (hexc("3a3442"), hexc("8a9a7a")), "concrete": (hexc("3c3a38"), P.CONCRETE_DARK)}


def wall_top(rng: np.random.Generator, kind: str, v: int) -> np.ndarray:
    top, _face = WALLS[kind]
    img = _noise_fill(rng, top, [P.darker(top, 0.18), P.lighter(top, 0.06)], 0.10 + 0.04 * v)
    return img


def wall_face(rng: np.random.Generator, kind: str, v: int) -> np.ndarray:
    _top, face = WALLS[kind]
    img = _noise_fill(rng, face, [P.darker(face, 0.08)], 0.15)
    draw.rect(img, 0, 0, T, 2, P.lighter(face, 0.25))
    draw.rect(img, 0, 13, T, 3, P.darker(face, 0.35))  # baseboard
    if v == 1:
        draw.rect(img, 4, 4, 6, 5, hexc("e8e4d0"))  # a notice
        draw.rect(img, 5, 5, 4, 1, hexc("a0a0a8"))
    if v == 2:
        draw.rect(img, 0, 7, T, 1, P.darker(face, 0.2))
    return img


def window(rng: np.random.Generator, v: int) -> np.ndarray:
    img = wall_face(rng, "school", 0)
    draw.rect(img, 2, 2, 12, 10, P.STEEL_DARK)
    glass = P.GLASS if v == 0 else P.GLASS_DARK
    draw.rect(img, 3, 3, 10, 8, glass)
    draw.rect(img, 7, 3, 1, 8, P.STEEL_DARK)
    if v == 2:  # broken
        draw.polygon(img, [(3, 3), (8, 3), (5, 8), (3, 10)], hexc("141820"))
        draw.line(img, 8, 3, 12, 10, P.lighter(P.GLASS, 0.4))
    else:
        draw.line(img, 4, 9, 6, 5, P.lighter(glass, 0.4))
    return img


def puddle(rng: np.random.Generator, v: int) -> np.ndarray:
    """Overlay (transparent around) to lay over asphalt or dirt."""
    img = draw.new(T, T)
    water = hexc("1c2a3c", 200)
    cx, cy = 8 + (v - 1), 8 + (1 - v) * 0.5
    draw.ellipse(img, cx, cy, 6.5 - v * 0.5, 4.5 + v * 0.5, water)
    draw.ellipse(img, cx - 1.5, cy - 1.5, 2.2, 1.0, hexc("5a7894", 200))
    draw.px(img, int(cx + 2), int(cy + 1), hexc("8aa8c4", 220))
    return img


def edge(rng: np.random.Generator, v: int) -> np.ndarray:
    """Edge of a drop: concrete lip on top with hazard paint, void below."""
    img = draw.new(T, T)
    draw.rect(img, 0, 0, T, T, hexc("08080c"))
    for y in range(7, T):
        draw.rect(img, 0, y, T, 1, P.mix(hexc("1a1a22"), hexc("08080c"), (y - 7) / 9))
    lip = concrete(rng, 0)[:6]
    img[:6] = lip
    for x in range(-4, T, 4):
        draw.polygon(img, [(x + v * 2, 4), (x + 2 + v * 2, 4), (x + 4 + v * 2, 6), (x + 2 + v * 2, 6)], hexc("e0b020"))
    draw.rect(img, 0, 6, T, 1, hexc("2a2a30"))
    return img


def drop(rng: np.random.Generator, v: int) -> np.ndarray:
    img = draw.new(T, T)
    draw.rect(img, 0, 0, T, T, hexc("08080c"))
    draw.speckle(img, rng, [hexc("101018")], 0.1)
    return img


def build(atlas: Atlas) -> None:
    s = "tiles"
    atlas.sheet(s, 17 * 8)
    rng = np.random.default_rng(1616)

    def row(prefix: str, fn, n: int) -> None:
        for v in range(n):
            atlas.frame(s, f"tile.{prefix}.{v}", fn(rng, v))

    row("classroom.floor", wood_floor, 4)
    row("hallway.floor", linoleum, 4)
    row("yard.asphalt", asphalt, 4)
    atlas.frame(s, "tile.yard.line.h", yard_line(rng, False))
    atlas.frame(s, "tile.yard.line.v", yard_line(rng, True))
    row("yard.grass", grass, 3)
    row("auditorium.carpet", carpet, 3)
    row("auditorium.stage", stage, 3)
    row("site.dirt", dirt, 3)
    row("site.concrete", concrete, 3)
    row("site.plate", steel_plate, 2)
    row("site.scaffold", scaffold, 2)
    for kind in WALLS:
        row(f"wall.{kind}.top", lambda r, v, k=kind: wall_top(r, k, v), 3)
        row(f"wall.{kind}.face", lambda r, v, k=kind: wall_face(r, k, v), 3)
    row("window", window, 3)
    row("puddle", puddle, 3)
    row("site.edge", edge, 2)
    row("site.drop", drop, 2)
    row("forest.floor", forest_floor, 4)
    row("forest.tree", tree, 3)
