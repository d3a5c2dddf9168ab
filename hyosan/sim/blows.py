"""Big blows: a heavy prop moving fast (the crane's swinging load, a rolling pipe, a toppling
scaffold) flattens the zombies it hits. It is the one thing besides a fall that stops the
halfbie (``only_big_blows``), whom melee cannot hurt and shoves cannot move.

A blow is judged from the prop's momentum after the physics step, with its velocity smoothed
over a few ticks (``BLOW_SMOOTHING``): a prop that really moves delivers it, one that only
shakes in place does not, nor does one held fast to the floor by a joint (a chocked pipe stack
under a crowd's shove, its joints giving a little each way). The loop runs over props (a level has tens), the hit test over the zombies is
numpy.
"""

from __future__ import annotations

import math

import numpy as np

from . import events as ev
from .jit import kernel
from .physics import point_distance

BLOW_MIN_SPEED = 100.0  # px/s: slower than a brisk walk is a shove, not a blow
BLOW_MIN_MOMENTUM = 6000.0  # kg·px/s: a 40 kg pipe rolling at 150 px/s; a 15 kg desk never
BLOW_REACH = 2.0  # px beyond the zombie's radius the prop's surface must come
BLOW_NOISE = 320.0  # px: a prop crash (GAME.md)
BLOW_SMOOTHING = 0.35  # per tick: the velocity a blow is judged by follows the prop's over ~3 ticks


@kernel
def _smooth_fast(smooth: np.ndarray, vel: np.ndarray, rows: np.ndarray, alpha: float, speed: float,
                 out: np.ndarray) -> int:
    """``smooth += (vel[rows] - smooth) * alpha`` (each prop's smoothed velocity, px/s, in
    place); the props (in order) whose smoothed speed (``np.hypot``) is ``speed`` or more go
    into ``out`` (as long as ``rows``), and their count is returned (a new array would cost
    its boxing every tick, and most ticks nothing moves that fast)."""
    m = 0
    for k in range(rows.size):
        r = rows[k]
        smooth[k, 0] = smooth[k, 0] + (vel[r, 0] - smooth[k, 0]) * alpha
        smooth[k, 1] = smooth[k, 1] + (vel[r, 1] - smooth[k, 1]) * alpha
        if np.hypot(smooth[k, 0], smooth[k, 1]) >= speed:
            out[m] = k
            m += 1
    return m


def apply_blows(world, events: list[ev.Event]) -> int:
    """After the physics step: zombies touched by a heavy, fast prop die (cause "blow").
    Returns how many died."""
    horde = world.horde
    if horde.n == 0:
        return 0
    # (each prop's smoothed velocity px/s, its body table row, and room for _smooth_fast's answer)
    kept = getattr(world, "blow_state", None)
    if kept is None or kept[0].shape[0] != len(world.props):
        kept = world.blow_state = (np.zeros((len(world.props), 2)),
                                   np.array([prop.index for prop in world.props], dtype=np.intp),
                                   np.empty(len(world.props), dtype=np.int64))
    smooth, rows, fast = kept
    if rows.size == 0:
        return 0
    # Only props near blow speed go on to the exact per-prop test below (math.hypot there, as
    # before; the margin covers numpy's hypot differing from it in the last bit).
    m = _smooth_fast(smooth, world.bodies.vel, rows, BLOW_SMOOTHING, BLOW_MIN_SPEED * (1.0 - 1e-9), fast)
    if not m:
        return 0
    zpos = None
    killed = 0
    held = None
    for k in fast[:m].tolist():
        prop = world.props[k]
        v = smooth[k]
        speed = math.hypot(float(v[0]), float(v[1]))
        if speed < BLOW_MIN_SPEED or speed * prop.body.mass < BLOW_MIN_MOMENTUM:
            continue
        if held is None:
            held = world.joints.held_fast() if len(world.joints) else set()
        if id(prop.body) in held:
            continue
        if zpos is None:
            zpos = world.bodies.pos[horde.body_index[horde.slot_all[: horde.n]]]
        c = world.bodies.pos[prop.index]
        reach = 0.5 * math.hypot(prop.type.width, prop.type.depth) + 12.0
        near = np.nonzero(np.hypot(zpos[:, 0] - c[0], zpos[:, 1] - c[1]) <= reach)[0]
        if near.size == 0:
            continue
        radius = horde.breeds.radius[horde.breed_all[near]]
        dist = np.array([min(point_distance(sh, x, y) for sh in prop.body.shapes) for x, y in zpos[near].tolist()])
        hit = near[dist <= radius + BLOW_REACH]
        if hit.size == 0:
            continue
        dead = horde.hurt(hit, 1.0e9, big_blow=True)
        killed += int(dead.size)
        for row in dead.tolist():
            p = zpos[row]
            events.append(ev.Struck(float(p[0]), float(p[1]), horde.breeds.ids[int(horde.breed_all[row])],
                                    prop.spec.id))
        events.append(ev.Impact(float(c[0]), float(c[1]), speed * prop.body.mass))
        events.append(ev.Sound(float(c[0]), float(c[1]), BLOW_NOISE, "crash", prop.spec.id))
    return killed
