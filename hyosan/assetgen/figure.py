"""Top-down people: one parametric figure used for students, So-ju and zombies.

The figure is drawn facing down (toward +y) around the frame centre, then turned a
quarter at a time for the other facings. Seen from above: feet poke out in front and
behind, arms swing at the shoulders, the head covers the middle of the shoulders and
shows its face only at the front edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import draw
from . import palette as P
from .palette import Color
from .sheet import FACING_TURNS


@dataclass
class Look:
    hair: Color = P.HAIR_BLACK
    hair_style: str = "short"  # short, messy, long, hime, ponytail, bob, buzz, cap, bald, helmet, pigtails
    skin: Color = P.SKIN
    skin_shade: Color = P.SKIN_SHADE
    coat: Color = P.NAVY
    coat_shade: Color = P.NAVY_DARK
    coat_light: Color = P.NAVY_LIGHT
    legs: str = "trousers"  # trousers, skirt, gear
    trouser: Color = P.TROUSERS
    accent: Color = P.UI_RED
    backpack: bool = True
    glasses: bool = False
    hair_accent: Color | None = None  # band / tie / cap colour
    stripes: Color | None = None  # reflective or track stripes on the sleeves
    shoulder_w: float = 4.0
    head_r: float = 3.0
    bow: bool = False
    # zombie extras
    zombie: bool = False
    blood: float = 0.0
    tear_seed: int = 0
    eye_wound: bool = False
    eye: Color | None = None


@dataclass
class Pose:
    stride: float = 0.0  # left foot forward (+) / back (-), in px
    arm_l: float = 0.0  # arm swing: + forward
    arm_r: float = 0.0
    reach_l: float = 0.0  # extra arm length forward (zombies)
    reach_r: float = 0.0
    lean: float = 0.0  # head forward
    sway: float = 0.0  # head sideways
    extra: dict = field(default_factory=dict)


def _feet(img: np.ndarray, look: Look, pose: Pose, c: float) -> None:
    for side, s in ((-1, pose.stride), (1, -pose.stride)):
        fx = c + side * 2.2
        fy = c + s
        leg = {"trousers": look.trouser, "skirt": look.skin, "gear": look.coat_shade}[look.legs]
        if look.zombie and look.legs == "skirt":
            leg = look.skin_shade
        # leg from hip to foot, then shoe at the tip
        y0, y1 = sorted((c, fy + (1.5 if s >= 0 else -1.5)))
        draw.rect(img, int(np.floor(fx - 1)), int(np.floor(y0)), 2, max(1, round(y1 - y0)), leg)
        shoe_y = fy + (1.0 if s >= 0 else -2.0)
        draw.rect(img, int(np.floor(fx - 1)), round(shoe_y), 2, 2, P.SHOE if look.legs != "gear" else P.RUBBER)


def _arm(img: np.ndarray, look: Look, c: float, side: int, swing: float, reach: float) -> None:
    ax = c + side * look.shoulder_w
    col = look.coat_shade
    if reach > 0:
        # arm held forward: sleeve at the shoulder, then a bare forearm reaching ahead
        x = int(np.floor(ax - 1 - side * 0.5))
        y0 = round(c - 1)
        draw.rect(img, x, y0, 2, 3, col)
        if look.stripes is not None:
            draw.rect(img, x, y0 + 1, 2, 1, look.stripes)
        n = round(reach)
        draw.rect(img, x, y0 + 3, 2, n, look.skin)
        draw.rect(img, x + (1 if side < 0 else 0), y0 + 3 + n - 1, 1, 1, look.skin_shade)
        return
    top = c - 1.5 + swing
    draw.rect(img, int(np.floor(ax - 1)), round(top), 2, 3, col)
    if look.stripes is not None:
        draw.rect(img, int(np.floor(ax - 1)), round(top) + 1, 2, 1, look.stripes)
    hand_y = round(top) + (3 if swing >= 0 else -1)
    draw.rect(img, int(np.floor(ax - 1)), hand_y, 2, 1, look.skin if look.legs != "gear" else P.RUBBER)


def _hair_back(img: np.ndarray, look: Look, hx: float, hy: float) -> None:
    r = look.head_r
    st = look.hair_style
    if st == "long":
        draw.ellipse(img, hx, hy - 2.2, r + 0.3, 3.2, look.hair)
    elif st == "hime":
        draw.rect(img, round(hx - r - 0.5), round(hy - 5.5), round(2 * r + 1), 6, look.hair)
    elif st == "ponytail":
        draw.rect(img, round(hx - 1), round(hy - r - 3), 2, 3, look.hair)
    elif st == "pigtails":
        draw.rect(img, round(hx - r - 1.5), round(hy - 3), 2, 3, look.hair)
        draw.rect(img, round(hx + r - 0.5), round(hy - 3), 2, 3, look.hair)


def _head(img: np.ndarray, look: Look, hx: float, hy: float) -> None:
    r = look.head_r
    st = look.hair_style
    if st == "helmet":
        draw.disc(img, hx, hy, r + 0.7, P.darker(look.hair_accent or P.HELMET, 0.3))
        draw.disc(img, hx, hy - 0.3, r, look.hair_accent or P.HELMET)
        draw.rect(img, round(hx - 0.5), round(hy - r + 0.5), 1, round(2 * r - 1), P.lighter(look.hair_accent or P.HELMET, 0.35))
        return
    draw.disc(img, hx, hy, r, look.skin)
    # face at the front edge: a little skin strip with two eyes
    hair_mask_col = look.hair
    if st == "bald":
        draw.ring(img, hx, hy, r - 1.0, r, look.hair)
        draw.px(img, int(hx - 1), int(hy - 1), P.lighter(look.skin, 0.25))
    else:
        front = {"short": 2.2, "messy": 1.9, "long": 2.2, "hime": 2.0, "ponytail": 2.4, "bob": 1.8,
                 "buzz": 2.6, "cap": 2.6, "pigtails": 2.2}[st]
        xs, ys = np.mgrid[0:img.shape[0], 0:img.shape[1]][::-1]
        xs = xs + 0.5
        ys = ys + 0.5
        d2 = (xs - hx) ** 2 + (ys - hy) ** 2
        hair_area = (d2 <= (r + (0.4 if st in ("bob", "hime") else 0.0)) ** 2) & (ys < hy + r - front)
        draw.fill_mask(img, hair_area, hair_mask_col)
        if st == "messy":
            for dx, dy in ((-r, 0), (r - 1, -1), (-1, -r - 0.6), (1, -r - 0.4)):
                draw.px(img, int(np.floor(hx + dx)), int(np.floor(hy + dy)), look.hair)
        if st == "buzz":
            draw.fill_mask(img, hair_area & ((xs + ys).astype(int) % 2 == 0), P.mix(look.hair, look.skin, 0.3))
        # highlight on the crown
        hl = P.lighter(look.hair, 0.3)
        draw.px(img, int(np.floor(hx - 1)), int(np.floor(hy - r + 1)), hl)
        draw.px(img, int(np.floor(hx)), int(np.floor(hy - r + 1)), hl)
        if st == "cap":
            cap = look.hair_accent or P.UI_RED
            draw.fill_mask(img, (d2 <= (r - 0.2) ** 2) & (ys < hy + 0.6), cap)
            draw.rect(img, round(hx - 1.5), round(hy - r - 1), 3, 1, P.darker(cap, 0.3))  # brim backwards
        elif look.hair_accent is not None:
            draw.rect(img, round(hx - r), round(hy - 0.5), round(2 * r), 1, look.hair_accent)
    ey = int(np.floor(hy + r - 1.6))
    eye = look.eye or (P.OUTLINE if not look.zombie else P.BLOOD_DARK)
    draw.px(img, int(np.floor(hx - 1.2)), ey, eye)
    draw.px(img, int(np.floor(hx + 1.2)), ey, eye)
    if look.eye_wound:
        ex = int(np.floor(hx - 1.2))
        draw.px(img, ex, ey, P.HALFBIE_EYE)
        draw.line(img, ex - 1, ey - 2, ex + 1, ey + 1, P.BLOOD)
    if look.glasses:
        draw.px(img, int(np.floor(hx - 1.2)), ey, P.GLASS)
        draw.px(img, int(np.floor(hx + 1.2)), ey, P.GLASS)
        draw.px(img, int(np.floor(hx)), ey, P.STEEL_DARK)


def person(look: Look, pose: Pose, size: int = 16, facing: str = "down") -> np.ndarray:
    img = draw.new(size, size)
    c = size / 2
    _feet(img, look, pose, c)
    if look.legs == "skirt":
        draw.ellipse(img, c, c + 0.5, look.shoulder_w - 0.9, 3.4, look.trouser)
    _arm(img, look, c, -1, pose.arm_l, pose.reach_l)
    _arm(img, look, c, 1, pose.arm_r, pose.reach_r)
    if look.backpack:
        draw.rect(img, round(c - 3), round(c - 5), 6, 3, look.accent)
        draw.rect(img, round(c - 3), round(c - 5), 6, 1, P.lighter(look.accent, 0.3))
    if look.bow:
        draw.line(img, int(c - 4), int(c - 6), int(c + 3), int(c - 6), P.WOOD_DARK)
        draw.px(img, int(c - 5), int(c - 5), P.WOOD_DARK)
        draw.px(img, int(c + 4), int(c - 5), P.WOOD_DARK)
    # shoulders / torso
    draw.ellipse(img, c, c, look.shoulder_w, 2.9, look.coat)
    draw.ellipse(img, c, c - 0.8, look.shoulder_w - 0.8, 1.6, look.coat_light)
    draw.ellipse(img, c, c + 1.4, look.shoulder_w - 0.4, 1.3, look.coat)
    draw.rect(img, round(c - look.shoulder_w), round(c + 1), round(2 * look.shoulder_w), 1, look.coat_shade)
    if look.legs != "gear":
        # shirt collar + tie/ribbon in the accent colour at the front
        draw.rect(img, int(c - 1), int(c + 1), 2, 2, P.SHIRT if look.coat != P.SHIRT else P.lighter(P.SHIRT, 0.2))
        draw.px(img, int(c - 1), int(c + 2), look.accent)
    if look.stripes is not None:
        draw.rect(img, round(c - look.shoulder_w + 0.5), int(c), round(2 * look.shoulder_w - 1), 1, look.stripes)
    if look.zombie:
        _zombie_damage(img, look, c)
    hx = c + pose.sway
    hy = c + 0.3 + pose.lean
    _hair_back(img, look, hx, hy)
    _head(img, look, hx, hy)
    if look.zombie and look.blood > 0:
        # blood around the mouth
        draw.px(img, int(np.floor(hx)), int(np.floor(hy + look.head_r - 0.3)), P.BLOOD)
        draw.px(img, int(np.floor(hx - 1)), int(np.floor(hy + look.head_r + 0.5)), P.BLOOD_BRIGHT)
    img = draw.rotate(img, FACING_TURNS[facing])
    draw.outline(img, P.OUTLINE)
    return img


def _zombie_damage(img: np.ndarray, look: Look, c: float) -> None:
    rng = np.random.default_rng(1000 + look.tear_seed)
    body = img[:, :, 3] > 0
    h, w = body.shape
    ys, _xs = np.mgrid[0:h, 0:w]
    torso = body & (np.abs(ys + 0.5 - c) < 3.2)
    # torn cloth shows pale skin; blood spatters
    tear = torso & (rng.random((h, w)) < 0.12)
    img[tear] = look.skin_shade
    bl = torso & (rng.random((h, w)) < look.blood)
    img[bl] = P.BLOOD
    bd = torso & (rng.random((h, w)) < look.blood * 0.4)
    img[bd] = P.BLOOD_DARK
