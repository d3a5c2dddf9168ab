"""Tiny pixel drawing helpers on numpy (h, w, 4) uint8 RGBA arrays.

Continuous coordinates: pixel (x, y) covers [x, x+1) x [y, y+1), so the centre of a
16 px frame is 8.0 and quarter turns with :func:`rotate` are exact.
"""

from __future__ import annotations

import numpy as np

from .palette import Color


def new(w: int, h: int) -> np.ndarray:
    return np.zeros((h, w, 4), dtype=np.uint8)


def _grid(img: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    h, w = img.shape[:2]
    ys, xs = np.mgrid[0:h, 0:w]
    return xs + 0.5, ys + 0.5


def fill_mask(img: np.ndarray, mask: np.ndarray, col: Color) -> None:
    """Paint col where mask is true (alpha-over when col is translucent)."""
    if col[3] == 255:
        img[mask] = col
        return
    src = np.array(col, dtype=np.float64)
    a = src[3] / 255.0
    dst = img[mask].astype(np.float64)
    out_a = a + dst[:, 3:4] / 255.0 * (1 - a)
    rgb = np.where(out_a > 0, (src[:3] * a + dst[:, :3] * (dst[:, 3:4] / 255.0) * (1 - a)) / np.maximum(out_a, 1e-9), 0)
    res = np.concatenate([rgb, out_a * 255.0], axis=1)
    img[mask] = np.clip(np.round(res), 0, 255).astype(np.uint8)


def px(img: np.ndarray, x: int, y: int, col: Color) -> None:
    h, w = img.shape[:2]
    if 0 <= x < w and 0 <= y < h:
        m = np.zeros((h, w), dtype=bool)
        m[y, x] = True
        fill_mask(img, m, col)


def rect(img: np.ndarray, x: int, y: int, w: int, h: int, col: Color) -> None:
    H, W = img.shape[:2]
    x0, y0, x1, y1 = max(x, 0), max(y, 0), min(x + w, W), min(y + h, H)
    if x1 <= x0 or y1 <= y0:
        return
    m = np.zeros((H, W), dtype=bool)
    m[y0:y1, x0:x1] = True
    fill_mask(img, m, col)


def frame_rect(img: np.ndarray, x: int, y: int, w: int, h: int, col: Color) -> None:
    """One-pixel rectangle border."""
    rect(img, x, y, w, 1, col)
    rect(img, x, y + h - 1, w, 1, col)
    rect(img, x, y, 1, h, col)
    rect(img, x + w - 1, y, 1, h, col)


def ellipse(img: np.ndarray, cx: float, cy: float, rx: float, ry: float, col: Color) -> None:
    xs, ys = _grid(img)
    fill_mask(img, ((xs - cx) / rx) ** 2 + ((ys - cy) / ry) ** 2 <= 1.0, col)


def disc(img: np.ndarray, cx: float, cy: float, r: float, col: Color) -> None:
    ellipse(img, cx, cy, r, r, col)


def ring(img: np.ndarray, cx: float, cy: float, r0: float, r1: float, col: Color) -> None:
    xs, ys = _grid(img)
    d = np.hypot(xs - cx, ys - cy)
    fill_mask(img, (d >= r0) & (d <= r1), col)


def line(img: np.ndarray, x0: int, y0: int, x1: int, y1: int, col: Color) -> None:
    """Bresenham line, inclusive of both ends."""
    h, w = img.shape[:2]
    m = np.zeros((h, w), dtype=bool)
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    err = dx + dy
    while True:
        if 0 <= x0 < w and 0 <= y0 < h:
            m[y0, x0] = True
        if x0 == x1 and y0 == y1:
            break
        e2 = 2 * err
        if e2 >= dy:
            err += dy
            x0 += sx
        if e2 <= dx:
            err += dx
            y0 += sy
    fill_mask(img, m, col)


def polygon(img: np.ndarray, pts: list[tuple[float, float]], col: Color) -> None:
    """Fill a polygon (even-odd rule) sampled at pixel centres."""
    xs, ys = _grid(img)
    inside = np.zeros(xs.shape, dtype=bool)
    n = len(pts)
    for i in range(n):
        xa, ya = pts[i]
        xb, yb = pts[(i + 1) % n]
        cond = (ya > ys) != (yb > ys)
        with np.errstate(divide="ignore", invalid="ignore"):
            xint = (xb - xa) * (ys - ya) / (yb - ya) + xa
        inside ^= cond & (xs < xint)
    fill_mask(img, inside, col)


def opaque(img: np.ndarray) -> np.ndarray:
    return img[:, :, 3] > 0


def outline(img: np.ndarray, col: Color, diagonal: bool = False) -> None:
    """Add a 1 px outline of col around every opaque region (outside the shape)."""
    solid = img[:, :, 3] >= 128
    grow = np.zeros_like(solid)
    grow[1:, :] |= solid[:-1, :]
    grow[:-1, :] |= solid[1:, :]
    grow[:, 1:] |= solid[:, :-1]
    grow[:, :-1] |= solid[:, 1:]
    if diagonal:
        grow[1:, 1:] |= solid[:-1, :-1]
        grow[:-1, :-1] |= solid[1:, 1:]
        grow[1:, :-1] |= solid[:-1, 1:]
        grow[:-1, 1:] |= solid[1:, :-1]
    m = grow & ~solid
    img[m] = col


def inner_outline(img: np.ndarray, col: Color) -> None:
    """Darken the border pixels of the opaque shape itself (for big props)."""
    solid = img[:, :, 3] > 0
    edge = np.zeros_like(solid)
    edge[0, :] = edge[-1, :] = True
    edge[:, 0] = edge[:, -1] = True
    inner = solid.copy()
    inner[1:, :] &= solid[:-1, :]
    inner[:-1, :] &= solid[1:, :]
    inner[:, 1:] &= solid[:, :-1]
    inner[:, :-1] &= solid[:, 1:]
    m = solid & (~inner | edge)
    img[m] = col


def blit(dst: np.ndarray, src: np.ndarray, x: int, y: int) -> None:
    """Alpha-over src onto dst at (x, y), clipped."""
    sh, sw = src.shape[:2]
    dh, dw = dst.shape[:2]
    x0, y0 = max(x, 0), max(y, 0)
    x1, y1 = min(x + sw, dw), min(y + sh, dh)
    if x1 <= x0 or y1 <= y0:
        return
    s = src[y0 - y:y1 - y, x0 - x:x1 - x].astype(np.float64)
    d = dst[y0:y1, x0:x1].astype(np.float64)
    sa = s[:, :, 3:4] / 255.0
    da = d[:, :, 3:4] / 255.0
    oa = sa + da * (1 - sa)
    rgb = np.where(oa > 0, (s[:, :, :3] * sa + d[:, :, :3] * da * (1 - sa)) / np.maximum(oa, 1e-9), 0)
    out = np.concatenate([rgb, oa * 255.0], axis=2)
    dst[y0:y1, x0:x1] = np.clip(np.round(out), 0, 255).astype(np.uint8)


def rotate(img: np.ndarray, quarter_turns: int) -> np.ndarray:
    """Rotate counter-clockwise by quarter turns (exact)."""
    return np.ascontiguousarray(np.rot90(img, quarter_turns))


def flip_x(img: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(img[:, ::-1])


def scale_nearest(img: np.ndarray, k: int) -> np.ndarray:
    return np.repeat(np.repeat(img, k, axis=0), k, axis=1)


def speckle(img: np.ndarray, rng: np.random.Generator, cols: list[Color], density: float,
            mask: np.ndarray | None = None) -> None:
    """Scatter pixels of random colours from cols (used for texture and grime)."""
    h, w = img.shape[:2]
    hit = rng.random((h, w)) < density
    pick = rng.integers(0, len(cols), size=(h, w))
    if mask is not None:
        hit &= mask
    for i, c in enumerate(cols):
        fill_mask(img, hit & (pick == i), c)
