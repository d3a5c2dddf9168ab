"""UI art: the HYOSAN logo in a chunky pixel font, HUD icons, key cap and a 9-slice panel."""

from __future__ import annotations

import numpy as np

from . import draw
from . import palette as P
from .palette import hexc
from .sheet import Atlas

# 5x7 chunky glyphs ('#' = ink)
GLYPHS = {
    "H": ["##.##", "##.##", "##.##", "#####", "##.##", "##.##", "##.##"],
    "Y": ["##.##", "##.##", "##.##", ".###.", ".##..", ".##..", ".##.."],
    "O": [".###.", "##.##", "##.##", "##.##", "##.##", "##.##", ".###."],
    "S": [".####", "##...", "##...", ".###.", "...##", "...##", "####."],
    "A": [".###.", "##.##", "##.##", "#####", "##.##", "##.##", "##.##"],
    "N": ["##.##", "###.#", "#####", "##.##", "##.##", "##.##", "##.##"],
}


def logo(text: str = "HYOSAN", k: int = 4) -> np.ndarray:
    rng = np.random.default_rng(2022)
    gw, gh = 5 * k, 7 * k
    gap = k + 1
    w = len(text) * (gw + gap) - gap + 8
    h = gh + 16
    img = draw.new(w, h)
    ink = draw.new(w, h)
    for n, ch in enumerate(text):
        ox = 4 + n * (gw + gap)
        for gy, rowtxt in enumerate(GLYPHS[ch]):
            for gx, c in enumerate(rowtxt):
                if c == "#":
                    draw.rect(ink, ox + gx * k, 3 + gy * k, k, k, P.UI_WHITE)
    solid = ink[:, :, 3] > 0
    # vertical shading: bone white at the top to grey-red at the bottom
    ys = np.arange(h)[:, None] * np.ones((1, w))
    t = np.clip((ys - 3) / gh, 0, 1)
    top = np.array(hexc("ece6da")[:3], dtype=np.float64)
    bot = np.array(hexc("b8a49a")[:3], dtype=np.float64)
    col = top * (1 - t[..., None]) + bot * t[..., None]
    img[solid, :3] = np.round(col[solid]).astype(np.uint8)
    img[solid, 3] = 255
    # cracks: random zigzags of dark pixels inside the letters
    for _ in range(len(text) * 2):
        x = int(rng.integers(4, w - 4))
        y = int(rng.integers(3, 3 + gh))
        for _step in range(int(rng.integers(5, 11))):
            if solid[y, x]:
                img[y, x] = P.OUTLINE
            x += int(rng.integers(-1, 2))
            y += 1
            if y >= h or x < 0 or x >= w:
                break
    # blood: splashes on the upper part, drips running down from the bottom edges
    for _ in range(len(text) * 3):
        x, y = int(rng.integers(4, w - 4)), int(rng.integers(3, 3 + gh // 2))
        if solid[y, x]:
            draw.disc(img, x + 0.5, y + 0.5, float(rng.uniform(0.8, 2.0)), P.BLOOD)
            img[~solid] = 0
    for x in range(4, w - 4):
        below = np.nonzero(solid[:, x])[0]
        if len(below) and rng.random() < 0.22:
            y0 = int(below.max())
            n = int(rng.integers(2, 10))
            draw.rect(img, x, y0 - 1, 1, n + 1, P.BLOOD)
            draw.rect(img, x, y0 + n, 1, 1, P.BLOOD_BRIGHT)
            if n > 5:
                draw.disc(img, x + 0.5, y0 + n + 0.5, 1.2, P.BLOOD)
    draw.outline(img, P.OUTLINE, diagonal=True)
    # heavy drop shadow to the lower right
    shadow = draw.new(w, h)
    shadow[1:, 1:][img[:-1, :-1, 3] > 0] = hexc("3a0a0e")
    shadow[2:, 2:][img[:-2, :-2, 3] > 0] = hexc("3a0a0e")
    draw.blit(shadow, img, 0, 0)
    return shadow


def star(full: bool) -> np.ndarray:
    img = draw.new(16, 16)
    pts = []
    for k in range(10):
        r = 7.0 if k % 2 == 0 else 3.0
        a = -np.pi / 2 + k * np.pi / 5
        pts.append((8 + r * np.cos(a), 8.5 + r * np.sin(a)))
    if full:
        draw.polygon(img, pts, P.UI_GOLD)
        draw.polygon(img, [(8, 3), (9.5, 7), (8, 8)], P.lighter(P.UI_GOLD, 0.5))
        draw.outline(img, P.UI_GOLD_DARK)
    else:
        draw.polygon(img, pts, hexc("3a3848"))
        draw.outline(img, P.UI_GREY)
    return img


def heart() -> np.ndarray:
    img = draw.new(16, 16)
    draw.disc(img, 5.5, 6, 3.3, P.UI_RED)
    draw.disc(img, 10.5, 6, 3.3, P.UI_RED)
    draw.polygon(img, [(2.3, 7), (13.7, 7), (8, 13.5)], P.UI_RED)
    draw.rect(img, 4, 4, 2, 2, P.lighter(P.UI_RED, 0.5))
    draw.outline(img, P.OUTLINE)
    return img


def bolt() -> np.ndarray:
    img = draw.new(16, 16)
    draw.polygon(img, [(9, 1), (3, 9), (7.5, 9), (6, 15), (13, 6.5), (8.5, 6.5), (11, 1)], P.UI_GOLD)
    draw.outline(img, P.OUTLINE)
    return img


def noise_icon() -> np.ndarray:
    """A speaker with sound waves: the noise meter icon."""
    img = draw.new(16, 16)
    draw.rect(img, 2, 6, 3, 4, P.UI_WHITE)
    draw.polygon(img, [(4.5, 6), (8.5, 2.5), (8.5, 13.5), (4.5, 10)], P.UI_WHITE)
    draw.outline(img, P.OUTLINE)
    for r, a in ((3.5, 255), (6.0, 200)):
        ring = draw.new(16, 16)
        draw.ring(ring, 8, 8, r - 0.8, r + 0.2, (*P.UI_CYAN[:3], a))
        ring[:, :10] = 0
        draw.blit(img, ring, 0, 0)
    return img


def phone() -> np.ndarray:
    img = draw.new(16, 16)
    draw.rect(img, 4, 1, 8, 14, hexc("2a2c34"))
    draw.rect(img, 5, 3, 6, 9, P.UI_CYAN)
    draw.rect(img, 5, 3, 6, 2, P.lighter(P.UI_CYAN, 0.4))
    draw.rect(img, 7, 13, 2, 1, P.UI_GREY)
    draw.outline(img, P.OUTLINE)
    return img


def skull() -> np.ndarray:
    img = draw.new(16, 16)
    draw.disc(img, 8, 7, 5.2, P.UI_WHITE)
    draw.rect(img, 5, 10, 6, 4, P.UI_WHITE)
    draw.disc(img, 6, 7.5, 1.5, P.OUTLINE)
    draw.disc(img, 10, 7.5, 1.5, P.OUTLINE)
    draw.px(img, 8, 10, P.OUTLINE)
    for x in (6, 8, 10):
        draw.px(img, x, 13, P.UI_GREY)
    draw.outline(img, P.OUTLINE)
    return img


def padlock() -> np.ndarray:
    """A shut padlock: drawn over a locked door, so a player sees which doors hold."""
    img = draw.new(16, 16)
    shackle = draw.new(16, 16)
    draw.ring(shackle, 8, 6.5, 2.4, 4.0, P.UI_GREY)
    shackle[7:, :] = 0
    draw.blit(img, shackle, 0, 0)
    draw.rect(img, 4, 6, 2, 2, P.UI_GREY)
    draw.rect(img, 10, 6, 2, 2, P.UI_GREY)
    draw.rect(img, 3, 7, 10, 8, P.UI_GOLD)
    draw.rect(img, 3, 7, 10, 1, P.lighter(P.UI_GOLD, 0.4))
    draw.rect(img, 7, 9, 2, 4, P.OUTLINE)
    draw.outline(img, P.OUTLINE)
    return img


def keycap(w: int = 16, h: int = 16) -> np.ndarray:
    img = draw.new(w, h)
    draw.rect(img, 1, 1, w - 2, h - 2, hexc("5a5868"))
    draw.rect(img, 2, 2, w - 4, h - 6, hexc("d8d4cc"))
    draw.rect(img, 2, 2, w - 4, 1, hexc("f4f0e8"))
    draw.rect(img, 2, h - 4, w - 4, 2, hexc("9a96a0"))
    draw.outline(img, P.OUTLINE)
    return img


def panel(size: int = 24, edge: int = 8) -> np.ndarray:
    img = draw.new(size, size)
    draw.rect(img, 1, 1, size - 2, size - 2, P.UI_PANEL)
    draw.frame_rect(img, 1, 1, size - 2, size - 2, P.UI_PANEL_EDGE)
    draw.frame_rect(img, 2, 2, size - 4, size - 4, hexc("2e2a3a"))
    draw.rect(img, 2, 2, size - 4, 1, hexc("6a6478"))
    for x, y in ((3, 3), (size - 4, 3), (3, size - 4), (size - 4, size - 4)):  # rivets
        draw.px(img, x, y, P.UI_GREY)
    draw.outline(img, P.OUTLINE)
    # a smear of blood on the top-left corner
    draw.rect(img, 1, 1, 3, 1, P.BLOOD)
    draw.px(img, 1, 2, P.BLOOD)
    return img


def build(atlas: Atlas) -> None:
    s = "ui"
    atlas.sheet(s, 256)
    atlas.frame(s, "ui.logo", logo())
    atlas.sheet(s).newline()
    atlas.frame(s, "ui.star.empty", star(False))
    atlas.frame(s, "ui.star.full", star(True))
    atlas.frame(s, "ui.heart", heart())
    atlas.frame(s, "ui.stamina", bolt())
    atlas.frame(s, "ui.noise", noise_icon())
    atlas.frame(s, "ui.phone", phone())
    atlas.frame(s, "ui.skull", skull())
    atlas.frame(s, "ui.padlock", padlock())
    atlas.frame(s, "ui.keycap", keycap(), slice=[4, 3, 4, 5])
    atlas.frame(s, "ui.keycap.wide", keycap(32, 16), slice=[4, 3, 4, 5])
    atlas.frame(s, "ui.panel", panel(), slice=[8, 8, 8, 8])
