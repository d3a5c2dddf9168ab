"""The horde's per-tick steps as compiled loops (see ``hyosan.sim.jit``): each does the numpy
arithmetic it replaced, in the same order, so every number is the same to the last bit.

Units: positions px, velocities px/s, the acceleration limit px/s per tick.
"""

from __future__ import annotations

import numpy as np

from ..jit import kernel


@kernel
def gather_awake(body_pos, body_vel, idx, prev, pos, vel, cooldown):  # type: ignore[no-untyped-def]
    """The tick's start: ``prev`` = last tick's ``pos``; ``pos``/``vel`` (awake rows) read
    from the body table's rows ``idx``; every living zombie's bite ``cooldown`` counts down
    one tick, to 0 at the least."""
    for r in range(idx.shape[0]):
        b = idx[r]
        prev[r, 0] = pos[r, 0]
        prev[r, 1] = pos[r, 1]
        pos[r, 0] = body_pos[b, 0]
        pos[r, 1] = body_pos[b, 1]
        vel[r, 0] = body_vel[b, 0]
        vel[r, 1] = body_vel[b, 1]
    for r in range(cooldown.shape[0]):
        c = cooldown[r] - 1
        cooldown[r] = c if c > 0 else 0


@kernel
def close_pairs(pos, radius):  # type: ignore[no-untyped-def]
    """Every pair of rows (i < j) whose centres are within ``radius`` px, in row-major (i, j)
    order: ``(x[i] - x[j])² + (y[i] - y[j])² <= radius²``."""
    n = pos.shape[0]
    cap = n * (n - 1) // 2
    out_i = np.empty(cap, dtype=np.intp)
    out_j = np.empty(cap, dtype=np.intp)
    r2 = radius * radius
    k = 0
    for i in range(n):
        xi = pos[i, 0]
        yi = pos[i, 1]
        for j in range(i + 1, n):
            dx = xi - pos[j, 0]
            dy = yi - pos[j, 1]
            if dx * dx + dy * dy <= r2:
                out_i[k] = i
                out_j[k] = j
                k += 1
    return out_i[:k].copy(), out_j[:k].copy()


@kernel
def moved_farther_than(pos, then, limit):  # type: ignore[no-untyped-def]
    """Whether some row of ``pos`` is more than ``limit`` px from the same row of ``then``."""
    lim2 = limit * limit
    for r in range(pos.shape[0]):
        dx = pos[r, 0] - then[r, 0]
        dy = pos[r, 1] - then[r, 1]
        if dx * dx + dy * dy > lim2:
            return True
    return False


@kernel
def steer_and_separate(vel, sep, desired, limit, pos, cand_i, cand_j, sep_px, gain, sep_max, new_vel):  # type: ignore[no-untyped-def]
    """One tick's velocities for the awake rows, written to ``new_vel`` (px/s).

    Last tick's separation ``sep`` is taken back out of ``vel`` (it never builds into
    momentum); the rest (``own``) accelerates toward ``desired`` by at most ``limit``;
    then this tick's separation is found (and kept in ``sep``) and added on top:
    ``new_vel = (desired - own) * scale + own + sep``.

    Separation: for each candidate pair (i < j) now closer than ``sep_px``, a push of
    ``(sep_px - distance) * gain`` along their unit offset (+x when they coincide), summed
    into i and, separately, into j in pair order, then ``i's - j's``; a zombie's total is
    capped at ``sep_max`` px/s (scaled by ``sep_max / max(|total|, sep_max)``)."""
    n = vel.shape[0]
    for r in range(n):  # own + (desired - own) * scale, before the separation changes ``sep``
        ox = vel[r, 0] - sep[r, 0]
        oy = vel[r, 1] - sep[r, 1]
        dx = desired[r, 0] - ox
        dy = desired[r, 1] - oy
        size = np.hypot(dx, dy)
        if size > limit[r]:
            scale = limit[r] / max(size, 1e-9)
            dx = dx * scale
            dy = dy * scale
        else:  # (numpy multiplied by exactly 1.0: the same bits)
            dx = dx * 1.0
            dy = dy * 1.0
        new_vel[r, 0] = dx + ox
        new_vel[r, 1] = dy + oy
    as_i = np.zeros((n, 2))
    as_j = np.zeros((n, 2))
    r2 = sep_px * sep_px
    for k in range(cand_i.shape[0]):
        i = cand_i[k]
        j = cand_j[k]
        dx = pos[i, 0] - pos[j, 0]
        dy = pos[i, 1] - pos[j, 1]
        if dx * dx + dy * dy <= r2:
            dist = np.hypot(dx, dy)
            mag = (sep_px - dist) * gain
            if dist <= 1e-6:  # a fixed nudge along +x instead of a division by zero
                px = mag
                py = 0.0
            else:
                reach = max(dist, 1e-6)
                px = dx / reach * mag
                py = dy / reach * mag
            as_i[i, 0] += px
            as_i[i, 1] += py
            as_j[j, 0] += px
            as_j[j, 1] += py
    for r in range(n):
        sx = as_i[r, 0] - as_j[r, 0]
        sy = as_i[r, 1] - as_j[r, 1]
        shrink = sep_max / max(np.hypot(sx, sy), sep_max)
        sx = sx * shrink
        sy = sy * shrink
        sep[r, 0] = sx
        sep[r, 1] = sy
        new_vel[r, 0] += sx
        new_vel[r, 1] += sy
