"""The horde's per-tick steps as compiled loops (see ``hyosan.sim.jit``): each does the numpy
arithmetic it replaced, in the same order, so every number is the same to the last bit.

Units: positions px, velocities px/s, the acceleration limit px/s per tick.
"""

from __future__ import annotations

import numpy as np

from ..jit import kernel
from ..units import TILE_PX
from .states import ATTACK, CHASE, FEED, IDLE, INVESTIGATE, WANDER


@kernel
def gather_awake(body_pos, body_vel, idx, prev, pos, vel, cooldown, then, limit):  # type: ignore[no-untyped-def]
    """The tick's start: ``prev`` = last tick's ``pos``; ``pos``/``vel`` (awake rows) read
    from the body table's rows ``idx``; every living zombie's bite ``cooldown`` counts down
    one tick, to 0 at the least. Returns whether some awake row now stands more than
    ``limit`` px from its row of ``then`` (``moved_farther_than``: where the separation's
    pair candidates were found), True when ``then`` is not of the awake rows' length."""
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
    if then.shape[0] != idx.shape[0]:
        return True
    return moved_farther_than(pos[: idx.shape[0]], then, limit)


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


# Comparing a hypot with a bound from the squares alone: hypot costs ~20 ns (glibc's, correctly
# rounded), five times a sum of two squares, and most of a tick's hypots only feed one comparison
# whose answer is far from the edge. A squared length more than 1e-9 (relative) below or above the
# squared bound puts the hypot on that side of it whatever the rounding (the squares, their sum
# and hypot each err by about 1e-16 relatively); bounds above _SURE_LEAST px keep the squares
# clear of underflow's absolute error. NaN, infinities and smaller bounds are never sure.
_SURE_BELOW = 1.0 - 1e-9
_SURE_ABOVE = 1.0 + 1e-9
_SURE_LEAST = 1e-100


@kernel
def _surely_below(dx, dy, bound):  # type: ignore[no-untyped-def]
    """Whether ``np.hypot(dx, dy) < bound`` is sure from the squares (False: ask hypot)."""
    return bound > _SURE_LEAST and dx * dx + dy * dy < bound * bound * _SURE_BELOW


@kernel
def _surely_above(dx, dy, bound):  # type: ignore[no-untyped-def]
    """Whether ``np.hypot(dx, dy) > bound`` is sure from the squares (False: ask hypot)."""
    return bound > _SURE_LEAST and dx * dx + dy * dy > bound * bound * _SURE_ABOVE


@kernel
def _hypot_within(dx, dy, bound):  # type: ignore[no-untyped-def]
    """``np.hypot(dx, dy) <= bound``, the hypot worked out only when the squares leave it open."""
    if _surely_below(dx, dy, bound):
        return True
    if _surely_above(dx, dy, bound):
        return False
    return np.hypot(dx, dy) <= bound


@kernel
def _hypot_at_least(dx, dy, bound):  # type: ignore[no-untyped-def]
    """``np.hypot(dx, dy) >= bound``, the hypot worked out only when the squares leave it open."""
    if _surely_below(dx, dy, bound):
        return False
    if _surely_above(dx, dy, bound):
        return True
    return np.hypot(dx, dy) >= bound


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
        lim = limit[r]
        # Only a change longer than the limit is scaled (by limit / hypot): one surely shorter
        # needs no hypot. Otherwise numpy multiplied by exactly 1.0: the same bits as leaving it.
        if not _surely_below(dx, dy, lim):
            size = np.hypot(dx, dy)
            if size > lim:
                scale = lim / max(size, 1e-9)
                dx = dx * scale
                dy = dy * scale
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
        # A push within the cap shrinks by sep_max / sep_max, exactly 1.0 (the same bits):
        # only one that may pass it needs its hypot.
        if not _surely_below(sx, sy, sep_max):
            shrink = sep_max / max(np.hypot(sx, sy), sep_max)
            sx = sx * shrink
            sy = sy * shrink
        sep[r, 0] = sx
        sep[r, 1] = sy
        new_vel[r, 0] += sx
        new_vel[r, 1] += sy


@kernel
def gather_and_steer(body_pos, body_vel, idx, prev, pos, vel, cooldown, then, skin, fresh, sep, desired, limit,
                     cand_i, cand_j, sep_px, gain, sep_max, new_vel):  # type: ignore[no-untyped-def]
    """A tick between decisions in one call: ``gather_awake`` (``then``, ``skin``: its skin
    test), then, if the separation's candidates still hold (``fresh``, and no row moved more
    than the skin), ``steer_and_separate`` over the awake rows (the first ``idx.shape[0]`` of
    the columns). Returns whether it steered; if not, the caller finds the candidates afresh
    and steers, as before (one dispatch and the columns' slicing saved on most ticks)."""
    if gather_awake(body_pos, body_vel, idx, prev, pos, vel, cooldown, then, skin) or not fresh:
        return False
    na = idx.shape[0]
    steer_and_separate(vel[:na], sep[:na], desired[:na], limit[:na], pos[:na], cand_i, cand_j, sep_px, gain,
                       sep_max, new_vel[:na])
    return True


@kernel
def _block_sum(a, lo, n):  # type: ignore[no-untyped-def]
    """numpy's pairwise sum of a run ``a[lo:lo + n]`` of at most 128: under 8 added in turn,
    else by 8 interleaved partial sums, combined as a tree, then the rest in turn."""
    if n < 8:
        res = 0.0
        for i in range(lo, lo + n):
            res += a[i]
        return res
    r0, r1, r2, r3 = a[lo], a[lo + 1], a[lo + 2], a[lo + 3]
    r4, r5, r6, r7 = a[lo + 4], a[lo + 5], a[lo + 6], a[lo + 7]
    i = 8
    whole = n - n % 8
    while i < whole:
        r0 += a[lo + i]
        r1 += a[lo + i + 1]
        r2 += a[lo + i + 2]
        r3 += a[lo + i + 3]
        r4 += a[lo + i + 4]
        r5 += a[lo + i + 5]
        r6 += a[lo + i + 6]
        r7 += a[lo + i + 7]
        i += 8
    res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while i < n:
        res += a[lo + i]
        i += 1
    return res


@kernel
def _pairwise(a, lo, n):  # type: ignore[no-untyped-def]
    """numpy's pairwise sum of ``a[lo:lo + n]`` (float64, contiguous): runs up to 128 by
    ``_block_sum``, longer ones split in two at a multiple of 8, the halves' sums added.
    (Walked with a stack: numba's cache cannot reload a recursive function.)"""
    if n <= 128:
        return _block_sum(a, lo, n)
    starts = np.empty(64, dtype=np.int64)
    sizes = np.empty(64, dtype=np.int64)
    stage = np.zeros(64, dtype=np.int64)  # 0: split, 1: left done, 2: both done
    sums = np.empty(64)
    starts[0], sizes[0] = lo, n
    top, done = 0, 0
    while top >= 0:
        size = sizes[top]
        half = size // 2
        half -= half % 8
        if size <= 128:
            sums[done] = _block_sum(a, starts[top], size)
            done += 1
            top -= 1
        elif stage[top] < 2:  # walk into the left half, then the right
            first = starts[top] + (half if stage[top] else 0)
            stage[top] += 1
            top += 1
            starts[top], sizes[top], stage[top] = first, (size - half if stage[top - 1] == 2 else half), 0
        else:
            done -= 1
            sums[done - 1] = sums[done - 1] + sums[done]
            top -= 1
    return sums[0]


@kernel
def push_within_into(pos, push, points, radius, out):  # type: ignore[no-untyped-def]
    """Per point (k, 2 px), into ``out`` (k,): the total ``push`` (N) of the rows of ``pos``
    within ``radius`` px of it (``hypot <= radius``), added as numpy's ``sum`` adds them in row
    order. A row more than ``radius`` + 1 px away along x is skipped unmeasured (hypot >= |dx|)."""
    k = points.shape[0]
    n = pos.shape[0]
    out[:] = 0.0
    near = np.empty(n)
    for p in range(k):
        px = points[p, 0]
        py = points[p, 1]
        m = 0
        for r in range(n):
            dx = pos[r, 0] - px
            if abs(dx) <= radius + 1.0 and _hypot_within(dx, pos[r, 1] - py, radius):
                near[m] = push[r]
                m += 1
        if m:
            out[p] = 0.0 + _pairwise(near, 0, m)


@kernel
def push_within_box(pos, push, points, radius):  # type: ignore[no-untyped-def]
    """``push_within_into`` as numpy's (k, n) masked sum over the rows inside the points' box grown
    by ``radius`` (px): each point's total adds a 0.0 for every boxed row out of reach. (The
    box's edges as Python's ``min``/``max`` of the points took them: the first least or
    greatest value, then the radius off or on.)"""
    k = points.shape[0]
    out = np.zeros(k)
    if k == 0:
        return out
    x0 = x1 = points[0, 0]
    y0 = y1 = points[0, 1]
    for p in range(1, k):
        x = points[p, 0]
        y = points[p, 1]
        if x < x0:
            x0 = x
        if x > x1:
            x1 = x
        if y < y0:
            y0 = y
        if y > y1:
            y1 = y
    x0 -= radius
    x1 += radius
    y0 -= radius
    y1 += radius
    boxed = np.empty(pos.shape[0], dtype=np.intp)
    m = 0
    for r in range(pos.shape[0]):
        x = pos[r, 0]
        y = pos[r, 1]
        if x >= x0 and x <= x1 and y >= y0 and y <= y1:
            boxed[m] = r
            m += 1
    if m == 0:
        return out
    terms = np.empty(m)
    for p in range(k):
        for q in range(m):
            r = boxed[q]
            terms[q] = push[r] if _hypot_within(pos[r, 0] - points[p, 0], pos[r, 1] - points[p, 1], radius) else 0.0
        out[p] = 0.0 + _pairwise(terms, 0, m)
    return out


@kernel
def rows_on_tiles(body_pos, idx, marked):  # type: ignore[no-untyped-def]
    """``rows_on_tiles_into`` into a new array: the rows, ascending."""
    out = np.empty(idx.shape[0], dtype=np.intp)
    return out[:rows_on_tiles_into(body_pos, idx, marked, out)].copy()


@kernel
def rows_on_tiles_into(body_pos, idx, marked, out):  # type: ignore[no-untyped-def]
    """Rows r (ascending) whose body ``body_pos[idx[r]]`` (px) stands on a ``marked`` tile
    (bool, rows x cols; points off the grid count as on its nearest edge tile), written into
    ``out`` (at least idx's length); returns how many."""
    rows, cols = marked.shape
    m = 0
    for r in range(idx.shape[0]):
        b = idx[r]
        c = int(np.floor(body_pos[b, 0] * (1.0 / TILE_PX)))  # (exact: a power-of-two tile)
        w = int(np.floor(body_pos[b, 1] * (1.0 / TILE_PX)))
        c = min(max(c, 0), cols - 1)
        w = min(max(w, 0), rows - 1)
        if marked[w, c]:
            out[m] = r
            m += 1
    return m


@kernel
def open_points(xs, ys, solid, most):  # type: ignore[no-untyped-def]
    """Indices (ascending) of the first ``most`` points (``xs[i]``, ``ys[i]`` px) whose tile
    (x // TILE_PX, clamped into the grid) is not ``solid``: numpy's floor-divide, clip and
    mask, in one pass (x * (1 / TILE_PX) is x / TILE_PX exactly: a power-of-two tile)."""
    rows, cols = solid.shape
    out = np.empty(min(max(most, 0), xs.shape[0]), dtype=np.intp)
    m = 0
    for i in range(xs.shape[0]):
        if m == out.shape[0]:
            break
        c = min(max(int(np.floor(xs[i] * (1.0 / TILE_PX))), 0), cols - 1)
        r = min(max(int(np.floor(ys[i] * (1.0 / TILE_PX))), 0), rows - 1)
        if not solid[r, c]:
            out[m] = i
            m += 1
    return out[:m]


@kernel
def put_back(body_pos, body_vel, idx, marked, back_pos, slot, out_slot, out_xy):  # type: ignore[no-untyped-def]
    """The rows ``rows_on_tiles_into`` finds on a ``marked`` tile go back to ``back_pos`` (px,
    their positions before the step) and stop, in the body table (``body_pos``/``body_vel``
    rows ``idx[r]``); their pool slots and those positions land in ``out_slot``/``out_xy``,
    rows ascending, for pymunk's bodies. Returns how many. (The rows land in ``out_slot``
    first, then each is put back in place: no array of them is made, every tick.)"""
    m = rows_on_tiles_into(body_pos, idx, marked, out_slot)
    for q in range(m):
        r = out_slot[q]
        b = idx[r]
        body_pos[b, 0] = out_xy[q, 0] = back_pos[r, 0]
        body_pos[b, 1] = out_xy[q, 1] = back_pos[r, 1]
        body_vel[b, 0] = 0.0
        body_vel[b, 1] = 0.0
        out_slot[q] = slot[r]
    return m


@kernel
def touching(student_pos, body_pos, idx, reach):  # type: ignore[no-untyped-def]
    """(student, row) pairs closer than ``reach`` px (``dx² + dy² <= reach²``), rows' bodies
    at ``body_pos[idx[row]]``, in (student, row) row-major order."""
    m = student_pos.shape[0]
    n = idx.shape[0]
    si = np.empty(m * n, dtype=np.int64)
    zi = np.empty(m * n, dtype=np.int64)
    r2 = reach * reach
    k = 0
    for s in range(m):
        sx = student_pos[s, 0]
        sy = student_pos[s, 1]
        for z in range(n):
            b = idx[z]
            dx = sx - body_pos[b, 0]
            dy = sy - body_pos[b, 1]
            if dx * dx + dy * dy <= r2:
                si[k] = s
                zi[k] = z
                k += 1
    return si[:k].copy(), zi[:k].copy()


@kernel
def _tile_index(v, top):  # type: ignore[no-untyped-def]
    """``nav.tile_of``'s index along one axis for a coordinate ``v`` (px): nan as 0 and the
    infinities as the largest doubles (``np.nan_to_num``), floored tiles clamped to [0, top]."""
    if v != v:
        v = 0.0
    elif v == np.inf:
        v = 1.7976931348623157e308
    elif v == -np.inf:
        v = -1.7976931348623157e308
    q = np.floor(v * (1.0 / TILE_PX))
    return int(min(max(q, 0.0), top))


@kernel
def tiles_of(pts):  # type: ignore[no-untyped-def]
    """(row, col) of the tile under each point (m, 2) px (finite): ``(pts[:, ::-1] //
    TILE_PX).astype(np.int64)`` in one pass (x * (1 / TILE_PX) is x / TILE_PX exactly: a
    power-of-two tile)."""
    out = np.empty((pts.shape[0], 2), dtype=np.int64)
    for i in range(pts.shape[0]):
        out[i, 0] = int(np.floor(pts[i, 1] * (1.0 / TILE_PX)))
        out[i, 1] = int(np.floor(pts[i, 0] * (1.0 / TILE_PX)))
    return out


@kernel
def steer_begin(pos, memory, state, timer, to_mem, dist, reached_px, decide_ticks, going):  # type: ignore[no-untyped-def]
    """A decision's first pass over the awake rows: ``to_mem`` (px) and ``dist`` (px) to each
    chaser's and investigator's remembered point (the only rows steering reads them for: the
    others' are left as they were, and their hypot unasked); investigators there (closer than
    ``reached_px``) search one more decision's ticks. Returns (how many chase, how many
    investigators still walk to their point: farther than ``reached_px`` and not searching),
    those rows ascending in ``going``."""
    n = pos.shape[0]
    chasing = 0
    m = 0
    for r in range(n):
        if state[r] != CHASE and state[r] != INVESTIGATE:
            continue
        tx = memory[r, 0] - pos[r, 0]
        ty = memory[r, 1] - pos[r, 1]
        to_mem[r, 0] = tx
        to_mem[r, 1] = ty
        d = np.hypot(tx, ty)
        dist[r] = d
        if state[r] == CHASE:
            chasing += 1
        elif state[r] == INVESTIGATE:
            if d < reached_px:
                timer[r] += decide_ticks
            elif d >= reached_px and timer[r] == 0:
                going[m] = r
                m += 1
    return chasing, m


@kernel
def rows_chasing_of(state, breed, flagged, out):  # type: ignore[no-untyped-def]
    """The chasing rows (ascending) whose breed is ``flagged``, into ``out``; returns how many."""
    m = 0
    for r in range(state.shape[0]):
        if state[r] == CHASE and flagged[breed[r]]:
            out[m] = r
            m += 1
    return m


@kernel
def steer_chase(pos, state, timer, breed, to_mem, dist, speed_chase, field_dir, use_field, direct_px,
                decide_ticks, desired, facing):  # type: ignore[no-untyped-def]
    """Chasers' desired velocities (px/s): down the flow field ``field_dir`` (h, w, 2; when
    ``use_field``) from their tile, straight at the prey once within ``direct_px`` or where the
    field has no move. One still taking in its prey (``timer`` > 0) stands, faces it, and counts
    down a decision's ticks."""
    h = field_dir.shape[0]
    w = field_dir.shape[1]
    for r in range(pos.shape[0]):
        if state[r] != CHASE:
            continue
        tx = to_mem[r, 0]
        ty = to_mem[r, 1]
        d = dist[r]
        hx = tx / max(d, 1e-9)
        hy = ty / max(d, 1e-9)
        if use_field:
            row = _tile_index(pos[r, 1], h - 1.0)
            col = _tile_index(pos[r, 0], w - 1.0)
            fx = np.float64(field_dir[row, col, 0])
            fy = np.float64(field_dir[row, col, 1])
            if d > direct_px and (fx != 0.0 or fy != 0.0):
                hx = fx
                hy = fy
        speed = speed_chase[breed[r]]
        desired[r, 0] = hx * speed
        desired[r, 1] = hy * speed
        if timer[r] > 0:
            desired[r, 0] = 0.0
            desired[r, 1] = 0.0
            facing[r, 0] = tx / max(d, 1e-9)
            facing[r, 1] = ty / max(d, 1e-9)
            left = timer[r] - decide_ticks
            timer[r] = left if left > 0 else 0


@kernel
def rows_below(values, bound, out):  # type: ignore[no-untyped-def]
    """The rows r (ascending) with ``values[r] < bound`` into ``out``; returns how many:
    ``(values < bound).nonzero()[0]`` in one dispatch instead of three numpy calls."""
    m = 0
    for r in range(values.shape[0]):
        if values[r] < bound:
            out[m] = r
            m += 1
    return m


@kernel
def steer_search_wander_feed(state, timer, breed, wander, speed_wander, rolled, turned, search_ticks,
                             decide_ticks, desired):  # type: ignore[no-untyped-def]
    """The rest of a decision's steering, in the order it happens: searchers (investigators at
    their point) mill about on their wander heading and give up into wandering after
    ``search_ticks``; the ``rolled`` rows take new wander headings (``turned``, unit); wanderers
    walk theirs; feeders count down and wander off when done."""
    n = state.shape[0]
    for r in range(n):
        if state[r] == INVESTIGATE and timer[r] > 0:
            speed = speed_wander[breed[r]]
            desired[r, 0] = wander[r, 0] * speed
            desired[r, 1] = wander[r, 1] * speed
            if timer[r] > search_ticks:
                state[r] = WANDER
                timer[r] = 0
    for k in range(rolled.shape[0]):
        wander[rolled[k], 0] = turned[k, 0]
        wander[rolled[k], 1] = turned[k, 1]
    for r in range(n):
        if state[r] == WANDER:
            speed = speed_wander[breed[r]]
            desired[r, 0] = wander[r, 0] * speed
            desired[r, 1] = wander[r, 1] * speed
        elif state[r] == FEED:
            timer[r] -= decide_ticks
            if timer[r] <= 0:
                state[r] = WANDER


@kernel
def _cell_of(v, inv, top):  # type: ignore[no-untyped-def]
    """The CellList's binning along one axis: ``floor(v * inv)``, nan as 0 and the infinities
    as the largest doubles, clamped to [0, top]."""
    q = np.floor(v * inv)
    if q != q:
        q = 0.0
    elif q == np.inf:
        q = 1.7976931348623157e308
    elif q == -np.inf:
        q = -1.7976931348623157e308
    return int(min(max(q, 0.0), top))


@kernel
def _floor_cell(v, size, top):  # type: ignore[no-untyped-def]
    """``v // size`` exactly (``horde._floor_div``: the rounded product put right by the
    exact products), clamped to [0, top]; a point not finite counts as in cell 0."""
    if not np.isfinite(v):
        return 0
    q = np.floor(v * (1.0 / size))
    if q * size > v:
        q -= 1.0
    if (q + 1.0) * size <= v:
        q += 1.0
    return int(min(max(q, 0.0), top))


@kernel
def crowd_around(at, inv, cols, rows, sleepers, size, out):  # type: ignore[no-untyped-def]
    """Per point of ``at`` (px), into ``out``: how many of the points, plus ``sleepers``
    (counts per padded cell, or empty), stand in the 3x3 cells around its own. Cells are
    ``size`` px, padded by one all round (rows + 2 by cols + 2); the points are binned by
    ``_cell_of`` (scale ``inv``) and each looks around the cell ``_floor_cell`` puts it in,
    as floats."""
    pcols = cols + 2
    counts = np.zeros((rows + 2) * pcols, dtype=np.int64)
    if sleepers.shape[0]:
        counts[:] = sleepers
    n = at.shape[0]
    for r in range(n):
        cx = _cell_of(at[r, 0], inv, cols - 1.0)
        cy = _cell_of(at[r, 1], inv, rows - 1.0)
        counts[(cy + 1) * pcols + cx + 1] += 1
    for r in range(n):
        key = (_floor_cell(at[r, 1], size, rows - 1) + 1) * pcols + _floor_cell(at[r, 0], size, cols - 1) + 1
        total = 0
        for dy in (-pcols, 0, pcols):
            for dx in (-1, 0, 1):
                total += counts[key + dy + dx]
        out[r] = float(total)


@kernel
def sleeper_cells(at, inv, cols, rows, size):  # type: ignore[no-untyped-def]
    """The sleepers' share of ``crowd_around``, for the points ``at`` (px): their count per
    padded cell (binned by ``_cell_of``, scale ``inv``; ``rows + 2`` by ``cols + 2`` cells)
    and the padded key of the ``size`` px cell each stands in (``_floor_cell``: x // size
    exactly). What ``np.bincount`` of ``Horde._cell_keys`` and ``Horde._own_keys`` gave."""
    pcols = cols + 2
    counts = np.zeros((rows + 2) * pcols, dtype=np.int64)
    keys = np.empty(at.shape[0], dtype=np.intp)
    for r in range(at.shape[0]):
        counts[(_cell_of(at[r, 1], inv, rows - 1.0) + 1) * pcols + _cell_of(at[r, 0], inv, cols - 1.0) + 1] += 1
        keys[r] = (_floor_cell(at[r, 1], size, rows - 1) + 1) * pcols + _floor_cell(at[r, 0], size, cols - 1) + 1
    return counts, keys


@kernel
def count_stillness(body_vel, idx, still, state, still_px_s, decide_ticks, settle_ticks, moving, candidates):  # type: ignore[no-untyped-def]
    """A decision's stillness count over the awake rows (bodies ``body_vel[idx[r]]``, px/s):
    a row moving at ``still_px_s`` or more restarts at 0, the others stand ``decide_ticks``
    longer. Writes the moving rows, and the idle rows that have stood ``settle_ticks`` (the
    candidates for sleep), both ascending, into ``moving`` and ``candidates``; returns how many."""
    n = idx.shape[0]
    m = 0
    c = 0
    for r in range(n):
        b = idx[r]
        if _hypot_at_least(body_vel[b, 0], body_vel[b, 1], still_px_s):
            still[r] = 0
            moving[m] = r
            m += 1
        else:
            still[r] += decide_ticks
        if still[r] >= settle_ticks and state[r] == IDLE:
            candidates[c] = r
            c += 1
    return m, c


@kernel
def follow_field(field_dir, pos, members, start, stop, heading, flowed):  # type: ignore[no-untyped-def]
    """Rows ``members[start:stop]`` of ``pos`` (px) standing on a tile of the flow field
    ``field_dir`` (h, w, 2) that has a move take it as their ``heading`` (unit) and are marked
    ``flowed``; the others are left as they were."""
    h = field_dir.shape[0]
    w = field_dir.shape[1]
    for q in range(start, stop):
        r = members[q]
        row = _tile_index(pos[r, 1], h - 1.0)
        col = _tile_index(pos[r, 0], w - 1.0)
        fx = np.float64(field_dir[row, col, 0])
        fy = np.float64(field_dir[row, col, 1])
        if fx != 0.0 or fy != 0.0:  # a unit move or 0
            heading[r, 0] = fx
            heading[r, 1] = fy
            flowed[r] = True


@kernel
def follow_fields(field_dirs, pos, members, bounds, heading, flowed):  # type: ignore[no-untyped-def]
    """``follow_field`` for each goal ``g`` in turn: rows ``members[bounds[g]:bounds[g + 1]]``
    down the field ``field_dirs[g]`` (a tuple of (h, w, 2) fields; one with no move anywhere,
    e.g. (1, 1, 2) zeros, leaves its rows as they were). One dispatch a decision instead of
    one per goal (the goals' rows are disjoint: the order of the goals changes nothing)."""
    for g in range(len(field_dirs)):
        follow_field(field_dirs[g], pos, members, bounds[g], bounds[g + 1], heading, flowed)


_TWO_63 = 2.0 ** 63  # where a double stops fitting int64


@kernel
def tile_flat_into(pts, h, w, out):  # type: ignore[no-untyped-def]
    """``horde._tile_flat(pts, (h, w))`` into ``out`` (int64, at least pts' length): row * w + col
    of the tile under each point (n, 2) px, ``np.floor(p / TILE_PX).astype(np.int64)`` clamped
    into the grid. A NaN, an infinity or a value past int64's range converts to int64's least
    value on x86 (numpy's cast), which the clamp takes to 0 (as ``sight._tile_flat_at``)."""
    for i in range(pts.shape[0]):
        col = np.floor(pts[i, 0] * (1.0 / TILE_PX))
        row = np.floor(pts[i, 1] * (1.0 / TILE_PX))
        c = min(max(int(col), 0), w - 1) if -_TWO_63 <= col < _TWO_63 else 0
        r = min(max(int(row), 0), h - 1) if -_TWO_63 <= row < _TWO_63 else 0
        out[i] = r * w + c


@kernel
def walk_to_points(going, flowed, heading, to_mem, dist, breed, speed_investigate, desired):  # type: ignore[no-untyped-def]
    """Rows ``going`` walk at their breed's investigating speed along ``heading`` (unit) where
    a flow field led them (``flowed``), else straight along ``to_mem`` (its length ``dist``, px)."""
    for q in range(going.shape[0]):
        r = going[q]
        if flowed[r]:
            hx = heading[r, 0]
            hy = heading[r, 1]
        else:
            hx = to_mem[r, 0] / max(dist[r], 1e-9)
            hy = to_mem[r, 1] / max(dist[r], 1e-9)
        speed = speed_investigate[breed[r]]
        desired[r, 0] = hx * speed
        desired[r, 1] = hy * speed


@kernel
def notice(got, seen, state, timer, breed, ignores_lures, crowd, target, memory, student_pos, notice_ticks,
           alone_crowd, lead):  # type: ignore[no-untyped-def]
    """What a look changes, per awake row: one that sees a student (``got``; ``seen``, its
    index) chases it and remembers where it is, unless it is attacking or feeding; one that
    was not already chasing, is no lure-deaf stalker and stands nearly alone (``crowd`` at
    most ``alone_crowd``) first takes ``notice_ticks`` to take it in. A chaser that sees
    nobody goes to where its prey was last seen (investigates, from the start). A lure-deaf
    stalker (the halfbie) has eyes for the lead only: seeing any other student (``seen`` not
    ``lead``, the lead's index or -1 when the lead is not among them) counts as seeing nobody
    (``got & (~stalker | (seen == lead))``, as the numpy before it did)."""
    for r in range(got.shape[0]):
        was = state[r]
        if got[r] and (not ignores_lures[breed[r]] or seen[r] == lead):
            if was == ATTACK or was == FEED:
                continue
            if was != CHASE and not ignores_lures[breed[r]] and crowd[r] <= alone_crowd:
                timer[r] = notice_ticks  # the beat before the charge
            state[r] = CHASE
            prey = seen[r]
            target[r] = prey
            memory[r, 0] = student_pos[prey, 0]
            memory[r, 1] = student_pos[prey, 1]
        elif was == CHASE:
            state[r] = INVESTIGATE
            timer[r] = 0


@kernel
def goal_groups(memory, going, most, goals, bounds, members):  # type: ignore[no-untyped-def]
    """The investigators' goals: the tiles (row, col) of the remembered points (``memory``, px)
    of rows ``going`` (ascending), grouped. Writes the ``most`` most followed goal tiles into
    ``goals`` ((g, 2), biggest group first, ties in (row, col) order), each group's rows
    (ascending) into ``members`` and their offsets into ``bounds`` (g + 1); returns g."""
    k = going.shape[0]
    rows = np.empty(k, dtype=np.int64)
    cols = np.empty(k, dtype=np.int64)
    for q in range(k):  # x // TILE_PX exactly (a power of two: the product is the quotient)
        rows[q] = int(np.floor(memory[going[q], 1] * (1.0 / TILE_PX)))
        cols[q] = int(np.floor(memory[going[q], 0] * (1.0 / TILE_PX)))
    lo_r = rows.min()
    lo_c = cols.min()
    span = cols.max() - lo_c + 1
    key = (rows - lo_r) * span + (cols - lo_c)  # (row, col) order
    order = np.argsort(key, kind="mergesort")  # stable: each goal's rows stay ascending
    starts = np.empty(k + 1, dtype=np.int64)
    runs = 0
    for q in range(k):
        if q == 0 or key[order[q]] != key[order[q - 1]]:
            starts[runs] = q
            runs += 1
    starts[runs] = k
    sizes = starts[1:runs + 1] - starts[:runs]
    chosen = np.argsort(-sizes, kind="mergesort")[:most]  # biggest first, ties in (row, col) order
    g = chosen.shape[0]
    bounds[0] = 0
    for i in range(g):
        run = chosen[i]
        first = order[starts[run]]
        goals[i, 0] = rows[first]
        goals[i, 1] = cols[first]
        size = starts[run + 1] - starts[run]
        for j in range(size):
            members[bounds[i] + j] = going[order[starts[run] + j]]
        bounds[i + 1] = bounds[i] + size
    return g


@kernel
def _in_view_share(tile, tile_cols, student_tiles, reach, bound, close_px2, views):  # type: ignore[no-untyped-def]
    """Whether the flat ``tile`` lies in some student's share of the wake grid (``bound`` 1)
    or of the keep-awake grid (``bound`` 2): within the square window of ``reach[s, 0]`` tiles
    round the student's tile (``student_tiles[s]``: row, col), either within ``close_px2``
    (px², squared tile-centre distance) or both in the student's view (``views[tile, s]``)
    and within ``reach[s, bound]`` (px²). The squared distances are whole multiples of 256,
    exact in float64, as ``Horde``'s whole grids of them were."""
    ti = tile // tile_cols
    tj = tile - ti * tile_cols
    for s in range(student_tiles.shape[0]):
        di = ti - student_tiles[s, 0]
        dj = tj - student_tiles[s, 1]
        if abs(di) > reach[s, 0] or abs(dj) > reach[s, 0]:
            continue
        dy = di * TILE_PX
        dx = dj * TILE_PX
        d2 = float(dy * dy) + float(dx * dx)
        if d2 <= close_px2 or (views[tile, s] and d2 <= reach[s, bound]):
            return True
    return False


@kernel
def wake_and_sleep(state, tiles, student_pos, reach, close_px2, views, tile_rows, tile_cols, pos, candidates,
                   sleeper_keys, movers, inv, cols, rows, size, sleepers, wake_rows, sleep_rows):  # type: ignore[no-untyped-def]
    """Who of the sleepers wakes and who of the still idle candidates falls asleep.

    A sleeper (``state``, its lying tile ``tiles``: flat) wakes when it is no longer idle or
    lies on a tile of some student's wake share; a candidate (at ``candidates_at``, px) stays
    awake on a tile of some student's keep share (``_in_view_share``: the students stand at
    ``student_pos``, px, on a grid of ``tile_rows`` x ``tile_cols``; ``reach``: per student
    its window, px² wake and keep bounds; ``views``: (tiles, students) whence each can be
    seen). Either way, one in the 3x3 cells around a mover's cell (rows ``movers`` of ``pos``,
    px; the cell list's binning, scale ``inv``, cells ``rows`` x ``cols`` padded by one) is
    stirred: it wakes, or stays awake. The sleepers' own cells are ``sleeper_keys`` (padded
    keys); the candidates' (rows ``candidates`` of ``pos``) are worked out here (x // ``size``).
    Writes the rows that wake (``sleepers[i]`` of the sleepers i that do) into ``wake_rows``
    and those that fall asleep into ``sleep_rows``, ascending; returns how many of each. (The
    rows are read and written here, not gathered and indexed around the call.)"""
    m = student_pos.shape[0]
    student_tiles = np.empty((m, 2), dtype=np.int64)
    for s in range(m):  # (the students' positions are finite: math.floor's tile, clamped)
        student_tiles[s, 0] = min(max(int(np.floor(student_pos[s, 1] * (1.0 / TILE_PX))), 0), tile_rows - 1)
        student_tiles[s, 1] = min(max(int(np.floor(student_pos[s, 0] * (1.0 / TILE_PX))), 0), tile_cols - 1)
    pcols = cols + 2
    around = np.zeros((rows + 2) * pcols, dtype=np.bool_)
    for q in range(movers.shape[0]):
        mover = movers[q]
        key = (_cell_of(pos[mover, 1], inv, rows - 1.0) + 1) * pcols + _cell_of(pos[mover, 0], inv, cols - 1.0) + 1
        for dy in (-pcols, 0, pcols):
            for dx in (-1, 0, 1):
                around[key + dy + dx] = True
    woke = 0
    for i in range(state.shape[0]):
        if state[i] != IDLE or _in_view_share(tiles[i], tile_cols, student_tiles, reach, 1, close_px2, views) \
                or around[sleeper_keys[i]]:
            wake_rows[woke] = sleepers[i]
            woke += 1
    slept = 0
    for j in range(candidates.shape[0]):
        x = pos[candidates[j], 0]
        y = pos[candidates[j], 1]
        tile = _tile_index(y, tile_rows - 1.0) * tile_cols + _tile_index(x, tile_cols - 1.0)
        if _in_view_share(tile, tile_cols, student_tiles, reach, 2, close_px2, views):
            continue
        if around[(_floor_cell(y, size, rows - 1) + 1) * pcols + _floor_cell(x, size, cols - 1) + 1]:
            continue
        sleep_rows[slept] = candidates[j]
        slept += 1
    return woke, slept


@kernel
def any_in_box(pos, x0, y0, x1, y1):  # type: ignore[no-untyped-def]
    """Whether some row of ``pos`` (px) lies in the box [x0, x1] x [y0, y1], edges included."""
    for r in range(pos.shape[0]):
        x = pos[r, 0]
        y = pos[r, 1]
        if x >= x0 and x <= x1 and y >= y0 and y <= y1:
            return True
    return False


@kernel
def any_within(pos, x, y, radius):  # type: ignore[no-untyped-def]
    """Whether some row of ``pos`` (px) lies within ``radius`` px of (x, y) (``hypot <=``)."""
    for r in range(pos.shape[0]):
        if _hypot_within(pos[r, 0] - x, pos[r, 1] - y, radius):
            return True
    return False


@kernel
def hear_sound(pos, x, y, radius, reach, hearing_mult, breed, deaf_to_lures, lure, state, memory, timer):  # type: ignore[no-untyped-def]
    """One sound made at (x, y) px, as ``Horde._hear``'s numpy took it: a row hears it when
    within ``radius`` px (``hypot <=``) and the ``reach`` (rows x cols) of the tile it stands
    on (``nav.tile_of``'s clamped tile) times its breed's ``hearing_mult`` is > 0, unless its
    breed is ``deaf_to_lures`` and the sound is a ``lure``. Hearers that are not chasing,
    attacking or feeding investigate (x, y) from now (``timer`` 0). Returns how many heard."""
    rows, cols = reach.shape
    heard = 0
    for r in range(pos.shape[0]):
        px = pos[r, 0]
        py = pos[r, 1]
        if not _hypot_within(px - x, py - y, radius):
            continue
        if not reach[_tile_index(py, rows - 1.0), _tile_index(px, cols - 1.0)] * hearing_mult[breed[r]] > 0.0:
            continue
        if lure and deaf_to_lures[breed[r]]:
            continue
        heard += 1
        s = state[r]
        if s != CHASE and s != ATTACK and s != FEED:
            state[r] = INVESTIGATE
            memory[r, 0] = x
            memory[r, 1] = y
            timer[r] = 0
    return heard


@kernel
def bite_outcomes(si, zi, student_pos, body_pos, idx, opaque, state, timer, cooldown, cooldown_ticks):  # type: ignore[no-untyped-def]
    """``bite_outcomes_into`` into new arrays: returns (bites per student, the lowest row that
    bit each student or -1)."""
    m = student_pos.shape[0]
    per_student = np.empty(m, dtype=np.int64)
    first_row = np.empty(m, dtype=np.int64)
    bite_outcomes_into(si, zi, student_pos, body_pos, idx, opaque, state, timer, cooldown, cooldown_ticks,
                       per_student, first_row)
    return per_student, first_row


@kernel
def bite_outcomes_into(si, zi, student_pos, body_pos, idx, opaque, state, timer, cooldown, cooldown_ticks,
                       per_student, first_row):  # type: ignore[no-untyped-def]
    """A tick's bites from its contacts (student ``si[k]`` touched by awake row ``zi[k]``, in
    (student, row) order; rows' bodies at ``body_pos[idx[row]]``). A contact through a shut
    door or a wall (the zombie's, the midpoint's or the student's tile ``opaque``) does not
    count. Rows in contact attack, unless feeding or taking in what they saw (chasing with
    ``timer`` > 0: calm); attackers out of contact chase again. A calm row, or one whose
    ``cooldown`` runs, does not bite; the others bite once, by their first contact, and wait
    ``cooldown_ticks``. Writes the bites per student into ``per_student`` and the lowest row
    that bit each student (or -1) into ``first_row`` ((m,) int64 each, their old contents
    unread: a kernel's returned arrays cost ~1 us each to hand back): ``Horde.bites``'s
    numpy, in one pass."""
    m = student_pos.shape[0]
    n = state.shape[0]
    rows, cols = opaque.shape
    calm = np.empty(n, dtype=np.bool_)
    for r in range(n):
        calm[r] = state[r] == FEED or (state[r] == CHASE and timer[r] > 0)
    in_contact = np.zeros(n, dtype=np.bool_)
    first_of = np.full(n, -1, dtype=np.int64)  # each ready row's first clear contact's student
    for k in range(zi.shape[0]):
        z = zi[k]
        s = si[k]
        b = idx[z]
        zx, zy = body_pos[b, 0], body_pos[b, 1]
        sx, sy = student_pos[s, 0], student_pos[s, 1]
        mx, my = (zx + sx) / 2.0, (zy + sy) / 2.0
        if opaque[_tile_index(zy, rows - 1.0), _tile_index(zx, cols - 1.0)] \
                or opaque[_tile_index(my, rows - 1.0), _tile_index(mx, cols - 1.0)] \
                or opaque[_tile_index(sy, rows - 1.0), _tile_index(sx, cols - 1.0)]:
            continue
        in_contact[z] = True
        if cooldown[z] == 0 and not calm[z] and first_of[z] < 0:
            first_of[z] = s
    for s in range(m):
        per_student[s] = 0
        first_row[s] = -1
    for r in range(n):
        if in_contact[r] and not calm[r]:
            state[r] = ATTACK
        elif not in_contact[r] and state[r] == ATTACK:
            state[r] = CHASE
        s = first_of[r]
        if s >= 0:
            cooldown[r] = cooldown_ticks
            per_student[s] += 1
            if first_row[s] < 0:  # rows ascend: the first is the lowest
                first_row[s] = r


@kernel
def squad_bites_into(student_pos, body_pos, idx, reach, opaque, state, timer, cooldown, cooldown_ticks,
                     per_student, first_row):  # type: ignore[no-untyped-def]
    """``bite_outcomes_into`` of the contacts ``touching`` finds within ``reach`` px, in one
    call (a squad's few students against the awake rows, every tick)."""
    si, zi = touching(student_pos, body_pos, idx, reach)
    bite_outcomes_into(si, zi, student_pos, body_pos, idx, opaque, state, timer, cooldown, cooldown_ticks,
                       per_student, first_row)


@kernel
def _reorder_rows(col, order, lo):  # type: ignore[no-untyped-def]
    """Rows ``lo + k`` of the 1-D ``col`` take what rows ``lo + order[k]`` held."""
    held = col[lo:lo + order.shape[0]].copy()
    for k in range(order.shape[0]):
        col[lo + k] = held[order[k]]


@kernel
def _reorder_pairs(col, order, lo):  # type: ignore[no-untyped-def]
    """``_reorder_rows`` for an (n, 2) ``col``, element by element (a row slice a copy costs
    ~5x as much: the whole partition took 50 instead of 18 us)."""
    held = col[lo:lo + order.shape[0]].copy()
    for k in range(order.shape[0]):
        col[lo + k, 0] = held[order[k], 0]
        col[lo + k, 1] = held[order[k], 1]


@kernel
def partition_awake_first(dormant, n, pairs, floats, longs, ints, shorts, bytes_, flags):  # type: ignore[no-untyped-def]
    """Rows [0, n) of every column put awake first, then asleep (``dormant``), each part in
    its old order: ``np.argsort(dormant[:n], kind="stable")`` applied to each column, in one
    call instead of a fancy-index pass per column. The columns come grouped by type (tuples of
    (capacity, 2) float64, float64, int64, int32, int16, uint8 and bool columns; ``dormant``
    is among them). Rows before the first sleeper keep their places and are not touched.
    Returns the number of awake rows."""
    lo = 0
    while lo < n and not dormant[lo]:
        lo += 1
    order = np.empty(n - lo, dtype=np.intp)
    k = 0
    for r in range(lo, n):
        if not dormant[r]:
            order[k] = r - lo
            k += 1
    awake = lo + k
    for r in range(lo, n):
        if dormant[r]:
            order[k] = r - lo
            k += 1
    for col in pairs:
        _reorder_pairs(col, order, lo)
    for col in floats:
        _reorder_rows(col, order, lo)
    for col in longs:
        _reorder_rows(col, order, lo)
    for col in ints:
        _reorder_rows(col, order, lo)
    for col in shorts:
        _reorder_rows(col, order, lo)
    for col in bytes_:
        _reorder_rows(col, order, lo)
    for col in flags:
        _reorder_rows(col, order, lo)
    return awake


@kernel
def copy_row(dst, src, pairs, floats, longs, ints, shorts, bytes_, flags):  # type: ignore[no-untyped-def]
    """Row ``dst`` of every column takes what row ``src`` holds (a swap-remove's move of the
    last row into a dead one's place): ``col[dst] = col[src]`` per column, the columns grouped
    by type as ``partition_awake_first`` takes them, in one call instead of ~23 numpy row
    copies."""
    for col in pairs:
        col[dst, 0] = col[src, 0]
        col[dst, 1] = col[src, 1]
    for col in floats:
        col[dst] = col[src]
    for col in longs:
        col[dst] = col[src]
    for col in ints:
        col[dst] = col[src]
    for col in shorts:
        col[dst] = col[src]
    for col in bytes_:
        col[dst] = col[src]
    for col in flags:
        col[dst] = col[src]


@kernel
def lay_down_and_rouse(sleep, wake, slot, body_index, body_pos, body_vel, pos, prev, tile, tile_rows, tile_cols,
                       vel, sep, push, desired, still, dormant):  # type: ignore[no-untyped-def]
    """The column side of a settle's sleepers and wakers (rows ``sleep`` and ``wake``, each
    ascending; disjoint). A row falling asleep stops (its body's ``body_vel``, px/s, and its
    ``vel``, ``sep``, ``desired`` and ``push`` zeroed), lies where the step left its body
    (``pos`` and ``prev`` from ``body_pos``, px; ``tile``: the flat tile under it, clamped into
    the ``tile_rows`` x ``tile_cols`` grid) and is marked ``dormant``; a waking row starts its
    stillness count (``still``) afresh. The same values as the numpy passes it replaced."""
    for q in range(sleep.shape[0]):
        r = sleep[q]
        b = body_index[slot[r]]
        body_vel[b, 0] = 0.0
        body_vel[b, 1] = 0.0
        x = body_pos[b, 0]
        y = body_pos[b, 1]
        pos[r, 0] = prev[r, 0] = x
        pos[r, 1] = prev[r, 1] = y
        tile[r] = _tile_index(y, tile_rows - 1.0) * tile_cols + _tile_index(x, tile_cols - 1.0)
        vel[r, 0] = vel[r, 1] = 0.0
        sep[r, 0] = sep[r, 1] = 0.0
        push[r] = 0.0
        desired[r, 0] = desired[r, 1] = 0.0
        dormant[r] = True
    for q in range(wake.shape[0]):
        still[wake[q]] = 0
        dormant[wake[q]] = False
