"""Dijkstra toward goal tiles on the tile grid, compiled, with ``nav.NavGrid.flow_field``'s
moves and distances bit for bit: every path sum lies on the grid's quantum (nav.py), exact in
float64, so any Dijkstra reaches nav's values (nav's own indexed heap there, a lazy one here). Whole
(``flow_from_costs``: the Storm solver's stealth fields) or settled only as far as it is read
(``search_begin``, then ``search_dir`` per tile: the stealth fields and the followers' field
toward the lead, ``squad.LeadField``), where a few tiles near the goal are all that is asked.

(Moved here from hyosan/control/solvers.py so the simulation can share it: a kernel calls
kernels of its own module only, see ``hyosan.sim.jit``.)
"""

from __future__ import annotations

import numpy as np

from ._relax import DIRS
from .jit import kernel

DIRS_I64 = np.array(DIRS, dtype=np.int64)  # nav's (d_row, d_col) moves, for the kernels


@kernel
def _sift_down(hk, hv, size):  # type: ignore[no-untyped-def]
    """The Dijkstras' heap (keys ``hk``, tiles ``hv``) after its root was taken: the entry at
    ``size`` (the last) moves down from the root to its place among the first ``size``."""
    if size <= 0:
        return
    lk = hk[size]
    lv = hv[size]
    i = 0
    while True:
        ch = 2 * i + 1
        if ch >= size:
            break
        if ch + 1 < size and hk[ch + 1] < hk[ch]:
            ch += 1
        if hk[ch] < lk:
            hk[i] = hk[ch]
            hv[i] = hv[ch]
            i = ch
        else:
            break
    hk[i] = lk
    hv[i] = lv


@kernel
def search_begin(cost, goals, quantum, sqrt2):  # type: ignore[no-untyped-def]
    """The start of a Dijkstra (``flow_from_costs``, ``search_dir``: a stealth field, the lead's):
    passable, the move costs of ``nav.move_costs`` (step * cost entered, rounded to ``quantum``
    half to even; none into an impassable tile) worked out per tile entered, one per step
    length, rather than per move; the distances (0 at the passable goals, normalised as nav's),
    settled flags, the heap (keys, tiles) and its size (``state[0]``)."""
    h, w = cost.shape
    n = h * w
    passable = np.empty((h, w), dtype=np.bool_)
    enter = np.empty((2, h, w))  # quantise(step * cost) per tile entered: a straight, a diagonal step
    for r in range(h):
        for c in range(w):
            v = cost[r, c]
            passable[r, c] = np.isfinite(v)
            enter[0, r, c] = np.rint((1.0 * v) / quantum) * quantum
            enter[1, r, c] = np.rint((sqrt2 * v) / quantum) * quantum
    d = np.full((h, w), np.inf)
    settled = np.zeros((h, w), dtype=np.bool_)
    hk = np.empty(9 * n + 1)  # a binary min-heap of (distance, flat tile), stale entries skipped
    hv = np.empty(9 * n + 1, dtype=np.int64)
    state = np.zeros(1, dtype=np.int64)
    size = 0
    for g in range(goals.shape[0]):
        gr = goals[g, 0]
        gc = goals[g, 1]
        if passable[gr, gc] and d[gr, gc] != 0.0:
            d[gr, gc] = 0.0
            hk[size] = 0.0
            hv[size] = gr * w + gc
            size += 1
    state[0] = size
    return passable, enter, d, settled, hk, hv, state


@kernel
def _settle_next(passable, enter, d, settled, hk, hv, size, dirs):  # type: ignore[no-untyped-def]
    """One step of the Dijkstra: the heap's root is taken; unless stale (or settled already)
    it is settled and, passable, every tile with a move into it is offered its distance plus
    that move's cost (nav.move_costs' rule: no diagonal past an impassable tile). Returns the
    heap's new size (``size`` > 0 on entry)."""
    h, w = d.shape
    key, u = hk[0], hv[0]
    size -= 1
    _sift_down(hk, hv, size)  # the last entry down from the root
    ur = u // w
    uc = u % w
    if key > d[ur, uc] or settled[ur, uc]:
        return size
    settled[ur, uc] = True
    if not passable[ur, uc]:
        return size  # no move enters it: its distance goes no further
    for kk in range(8):
        ddr = dirs[kk, 0]
        ddc = dirs[kk, 1]
        tr = ur - ddr
        tc = uc - ddc
        if not (0 <= tr < h and 0 <= tc < w):
            continue
        diagonal = ddr != 0 and ddc != 0
        if diagonal and not (passable[ur, tc] and passable[tr, uc]):
            continue  # (the move from t by DIRS[kk] enters u)
        cand = key + enter[1 if diagonal else 0, ur, uc]
        if cand < d[tr, tc]:
            d[tr, tc] = cand
            i = size  # up from the bottom
            size += 1
            while i > 0:
                par = (i - 1) // 2
                if hk[par] > cand:
                    hk[i] = hk[par]
                    hv[i] = hv[par]
                    i = par
                else:
                    break
            hk[i] = cand
            hv[i] = tr * w + tc
    return size


@kernel
def _best_move(r, c, passable, enter, d, dirs, no_move):  # type: ignore[no-untyped-def]
    """``nav._best_directions``' choice at tile (r, c), distances ``d`` final round it: the
    first move (DIRS order) with the least move cost + distance entered, or ``no_move`` at a
    goal or where none leads anywhere (a disallowed move costs inf: never the least)."""
    h, w = d.shape
    best = no_move
    best_val = np.inf
    for kk in range(8):
        ddr = dirs[kk, 0]
        ddc = dirs[kk, 1]
        nr = r + ddr
        nc = c + ddc
        if not (0 <= nr < h and 0 <= nc < w) or not passable[nr, nc]:
            continue
        diagonal = ddr != 0 and ddc != 0
        if diagonal and not (passable[nr, c] and passable[r, nc]):
            continue
        cand = enter[1 if diagonal else 0, nr, nc] + d[nr, nc]
        if cand < best_val:
            best_val = cand
            best = kk
    if not np.isfinite(best_val) or d[r, c] == 0.0:
        best = no_move
    return best


@kernel
def flow_from_costs(cost, goals, quantum, sqrt2, dirs, dir_xy, no_move):  # type: ignore[no-untyped-def]
    """``hyosan.sim.nav.NavGrid(cost).flow_field(goals)``'s dist (float32) and dir, for goals
    normalised as nav's: the exact distances by Dijkstra settled to the end (every path sum
    lies on the quantum's grid, exact in float64, so any Dijkstra gives nav's values), then
    ``_best_move`` per tile."""
    passable, enter, d, settled, hk, hv, state = search_begin(cost, goals, quantum, sqrt2)
    size = state[0]
    while size > 0:
        size = _settle_next(passable, enter, d, settled, hk, hv, size, dirs)
    h, w = d.shape
    out = np.empty((h, w, 2), dtype=np.float32)
    dist = np.empty((h, w), dtype=np.float32)
    for r in range(h):
        for c in range(w):
            best = _best_move(r, c, passable, enter, d, dirs, no_move)
            out[r, c, 0] = dir_xy[best, 0]
            out[r, c, 1] = dir_xy[best, 1]
            dist[r, c] = np.float32(d[r, c]) if passable[r, c] else np.float32(np.inf)
    return dist, out


@kernel
def search_dir(r, c, passable, enter, d, settled, hk, hv, state, dirs, no_move):  # type: ignore[no-untyped-def]
    """``flow_from_costs``' direction at tile (r, c) alone (its DIRS index; ``no_move`` for
    none): the Dijkstra begun by ``search_begin`` is run on (in place) until every tile a move
    from (r, c) may enter is settled or nothing is left to settle; a settled distance is final,
    the same exact value the whole solve gives it, so the choice is the whole field's."""
    h, w = d.shape
    for j in range(8):
        nr = r + dirs[j, 0]
        nc = c + dirs[j, 1]
        if not (0 <= nr < h and 0 <= nc < w) or not passable[nr, nc]:
            continue
        size = state[0]
        while not settled[nr, nc] and size > 0:
            size = _settle_next(passable, enter, d, settled, hk, hv, size, dirs)
        state[0] = size
    return _best_move(r, c, passable, enter, d, dirs, no_move)


@kernel
def search_steps(r, c, passable, enter, d, settled, hk, hv, state, dirs, no_move, out):  # type: ignore[no-untyped-def]
    """``search_dir`` from tile (r, c), then from the tile its move enters, and so on: the moves
    (DIRS indices) into ``out``, as many as it holds, stopping at the first tile with none;
    returns how many. The same ``search_dir`` calls in the same order as one call per move (the
    followers' look ahead down the lead's field: one call, not four, each with eleven arguments)."""
    for k in range(out.shape[0]):
        move = search_dir(r, c, passable, enter, d, settled, hk, hv, state, dirs, no_move)
        if move == no_move:
            return k
        out[k] = move
        r += dirs[move, 0]
        c += dirs[move, 1]
    return out.shape[0]
