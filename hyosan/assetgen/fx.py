"""Effects: blood decals, splash frames, infection ring, light gradients."""

from __future__ import annotations

import numpy as np

from . import draw
from . import palette as P
from .sheet import Atlas


def blood_decal(rng: np.random.Generator, v: int) -> np.ndarray:
    img = draw.new(16, 16)
    n = 3 + v
    cx, cy = 8 + rng.uniform(-1, 1), 8 + rng.uniform(-1, 1)
    draw.ellipse(img, cx, cy, 3.0 + rng.uniform(0, 1.5), 2.4 + rng.uniform(0, 1.2), (*P.BLOOD_DARK[:3], 220))
    draw.ellipse(img, cx - 0.5, cy - 0.5, 2.0, 1.5, (*P.BLOOD[:3], 230))
    for _ in range(n):
        a = rng.uniform(0, 2 * np.pi)
        d = rng.uniform(3.5, 6.5)
        draw.disc(img, cx + np.cos(a) * d, cy + np.sin(a) * d, rng.uniform(0.6, 1.3), (*P.BLOOD[:3], 220))
    if v % 2:  # a smear
        draw.line(img, int(cx), int(cy), int(cx + 6), int(cy + 3), (*P.BLOOD_DARK[:3], 200))
    return img


def splash(i: int) -> np.ndarray:
    """Water splash, 4 frames expanding and fading."""
    img = draw.new(16, 16)
    r = 2.0 + i * 1.7
    a = [230, 190, 140, 80][i]
    draw.ring(img, 8, 8, r - 0.9, r, (200, 220, 240, a))
    for k in range(6):
        ang = k * np.pi / 3 + 0.3
        d = r + 1.0 + i * 0.5
        draw.px(img, int(8 + np.cos(ang) * d), int(8 + np.sin(ang) * d), (230, 240, 255, a))
    return img


def blood_splash(i: int) -> np.ndarray:
    img = draw.new(16, 16)
    rng = np.random.default_rng(77)
    angs = rng.uniform(0, 2 * np.pi, 8)
    for ang in angs:
        d = 1.5 + i * 1.6
        draw.disc(img, 8 + np.cos(ang) * d, 8 + np.sin(ang) * d, max(0.7, 1.5 - i * 0.25), (*P.BLOOD_BRIGHT[:3], 255 - i * 45))
    return img


def infection_ring(i: int, frames: int = 8) -> np.ndarray:
    """Pulsing green ring over a bitten student (24 px); a countdown arc is drawn by the game."""
    img = draw.new(24, 24)
    pulse = 0.5 + 0.5 * np.cos(2 * np.pi * i / frames)
    draw.ring(img, 12, 12, 9.0, 11.0, (*P.INFECT[:3], int(60 + 60 * pulse)))
    draw.ring(img, 12, 12, 10.0 - pulse, 10.8 - pulse, (*P.INFECT[:3], 230))
    for k in range(4):
        ang = k * np.pi / 2 + i * np.pi / frames
        draw.disc(img, 12 + np.cos(ang) * 10.4, 12 + np.sin(ang) * 10.4, 1.0, (*P.lighter(P.INFECT, 0.4)[:3], 255))
    return img


def light_blob(size: int, hardness: float = 2.0) -> np.ndarray:
    """White radial gradient with alpha falloff, to add (or multiply) as light."""
    ys, xs = np.mgrid[0:size, 0:size]
    c = size / 2
    d = np.hypot(xs + 0.5 - c, ys + 0.5 - c) / c
    a = np.clip(1.0 - d, 0.0, 1.0) ** hardness
    img = np.zeros((size, size, 4), dtype=np.uint8)
    img[:, :, :3] = 255
    img[:, :, 3] = np.round(a * 255).astype(np.uint8)
    return img


def lamp_pool_light(size: int) -> np.ndarray:
    """A lamp's pool of light: white, bright under the lamp and still plainly lit near its rim
    (alpha ``1 - d**2``, d from the centre to the rim: a fifth at nine tenths out), nothing at
    the rim itself. ``light_blob``'s falloff had all but faded to the dark two thirds of the
    way out, and a student the horde saw in a lamp's light stood in what looked like the dark."""
    ys, xs = np.mgrid[0:size, 0:size]
    c = size / 2
    d = np.hypot(xs + 0.5 - c, ys + 0.5 - c) / c
    a = np.clip(1.0 - d * d, 0.0, 1.0)
    img = np.zeros((size, size, 4), dtype=np.uint8)
    img[:, :, :3] = 255
    img[:, :, 3] = np.round(a * 255).astype(np.uint8)
    return img


def torch_cone(size: int = 64) -> np.ndarray:
    """Phone torch cone pointing right from the left-middle: soft radial falloff inside ~40 degrees."""
    ys, xs = np.mgrid[0:size, 0:size]
    dx = xs + 0.5
    dy = ys + 0.5 - size / 2
    dist = np.hypot(dx, dy) / size
    ang = np.abs(np.arctan2(dy, dx))
    half = np.deg2rad(28.0)
    edge = np.clip((half - ang) / np.deg2rad(10.0) + 0.5, 0.0, 1.0)
    fall = np.clip(1.0 - dist, 0.0, 1.0) ** 1.5
    a = edge * fall
    img = np.zeros((size, size, 4), dtype=np.uint8)
    img[:, :, 0] = 255
    img[:, :, 1] = 250
    img[:, :, 2] = 225
    img[:, :, 3] = np.round(a * 255).astype(np.uint8)
    return img


def build(atlas: Atlas) -> None:
    s = "fx"
    atlas.sheet(s, 256)
    rng = np.random.default_rng(666)
    for v in range(6):
        atlas.frame(s, f"fx.blood.{v}", blood_decal(rng, v))
    names = [atlas.frame(s, f"fx.splash.{i}", splash(i)) for i in range(4)]
    atlas.anim("fx.splash", {"any": names}, 12, loop=False)
    names = [atlas.frame(s, f"fx.blood-splash.{i}", blood_splash(i)) for i in range(4)]
    atlas.anim("fx.blood-splash", {"any": names}, 14, loop=False)
    atlas.sheet(s).newline()
    names = [atlas.frame(s, f"fx.infection.{i}", infection_ring(i)) for i in range(8)]
    atlas.anim("fx.infection", {"any": names}, 8)
    atlas.sheet(s).newline()
    atlas.frame(s, "light.cone.64", torch_cone(64))
    atlas.frame(s, "light.blob.32", light_blob(32))
    atlas.frame(s, "light.blob.64", light_blob(64))
    atlas.frame(s, "light.soft.64", light_blob(64, 1.0))
    atlas.frame(s, "light.blob.128", light_blob(128, 1.6))
    atlas.frame(s, "light.pool.128", lamp_pool_light(128))
