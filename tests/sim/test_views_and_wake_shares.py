"""Who wakes and who falls asleep, with each tile tested against the students' shares in the
kernel (``kernels.wake_and_sleep``), is what the whole near/keep grids ``Horde`` built in numpy
before gave, and the students' view keys kept per tile are those worked out afresh before
(replays recorded before must still verify)."""

from __future__ import annotations

import math

import numpy as np

from hyosan.sim.horde.horde import (
    _CLOSE_PX2,
    _WAKE_SLACK_PX,
    DORMANT_CLOSE_PX,
    DORMANT_SLEEP_MARGIN_PX,
    DORMANT_WAKE_MARGIN_PX,
    Horde,
)
from hyosan.sim.horde.kernels import _cell_of, _floor_cell, _tile_index, wake_and_sleep
from hyosan.sim.horde.states import CHASE, IDLE
from hyosan.sim.sight import neighbourhood_labels, transparent_components
from hyosan.sim.units import TILE_PX
from hyosan.sim.world import World


def _old_grids(student_pos, light_range, most, views, h, w):
    """``Horde._wake_grids`` and ``_student_wake_grids`` as they were: the flat near and keep
    grids, the union of each student's window of them."""
    near = np.zeros((h, w), dtype=bool)
    keep = np.zeros((h, w), dtype=bool)
    slack = TILE_PX * math.sqrt(2.0)
    for k, ((x, y), light) in enumerate(zip(student_pos.tolist(), light_range.tolist(), strict=True)):
        rng = light * most
        r = min(max(math.floor(y * (1.0 / TILE_PX)), 0), h - 1)
        c = min(max(math.floor(x * (1.0 / TILE_PX)), 0), w - 1)
        wake_cut = (rng + DORMANT_WAKE_MARGIN_PX + _WAKE_SLACK_PX) ** 2
        sleep_cut = (rng + DORMANT_SLEEP_MARGIN_PX + _WAKE_SLACK_PX) ** 2
        far = max(DORMANT_CLOSE_PX, rng + DORMANT_WAKE_MARGIN_PX, rng + DORMANT_SLEEP_MARGIN_PX) + slack
        kk = math.ceil(far / TILE_PX) + 1 if math.isfinite(far) else max(h, w)
        rows, cols = slice(max(r - kk, 0), min(r + kk + 1, h)), slice(max(c - kk, 0), min(c + kk + 1, w))
        cy = (np.arange(rows.start, rows.stop) + 0.5) * TILE_PX
        cx = (np.arange(cols.start, cols.stop) + 0.5) * TILE_PX
        view = views[:, k].reshape(h, w)[rows, cols]
        d2 = (cy[:, None] - (r + 0.5) * TILE_PX) ** 2 + (cx[None, :] - (c + 0.5) * TILE_PX) ** 2
        close = d2 <= (DORMANT_CLOSE_PX + slack) ** 2
        near[rows, cols] |= close | (view & (d2 <= wake_cut))
        keep[rows, cols] |= close | (view & (d2 <= sleep_cut))
    return near.ravel(), keep.ravel()


def _old_wake_and_sleep(state, tiles, near, keep, h, w, candidates_at, sleeper_keys, movers, inv, cols, rows, size):
    """The kernel as it was, on the whole grids (a Python loop)."""
    pcols = cols + 2
    around = np.zeros((rows + 2) * pcols, dtype=bool)
    for mx, my in movers.tolist():
        key = (_cell_of(my, inv, rows - 1.0) + 1) * pcols + _cell_of(mx, inv, cols - 1.0) + 1
        for dy in (-pcols, 0, pcols):
            for dx in (-1, 0, 1):
                around[key + dy + dx] = True
    wake = [i for i in range(state.size) if state[i] != IDLE or near[tiles[i]] or around[sleeper_keys[i]]]
    sleep = []
    for j, (x, y) in enumerate(candidates_at.tolist()):
        if keep[_tile_index(y, h - 1.0) * w + _tile_index(x, w - 1.0)]:
            continue
        if around[(_floor_cell(y, size, rows - 1) + 1) * pcols + _floor_cell(x, size, cols - 1) + 1]:
            continue
        sleep.append(j)
    return np.array(wake, dtype=np.intp), np.array(sleep, dtype=np.intp)


def _share_rows(light_range, most, h, w):
    """``Horde._wake_reach``'s table, through its own ``_share_reach`` (a bare stand-in horde)."""
    horde = Horde.__new__(Horde)
    horde.opaque = np.zeros((h, w), dtype=bool)
    return np.array([Horde._share_reach(horde, light * most) for light in light_range.tolist()]).reshape(-1, 3)


def test_per_tile_shares_wake_and_keep_the_tiles_the_whole_grids_did() -> None:
    rng = np.random.default_rng(7)
    cell = 24.0
    inv = 1.0 / (cell * (1.0 + 1e-9))
    for trial in range(300):
        h, w = int(rng.integers(5, 45)), int(rng.integers(5, 95))
        cols, rows = math.ceil(w * TILE_PX / cell), math.ceil(h * TILE_PX / cell)
        m = int(rng.integers(0, 6))
        student_pos = np.column_stack([rng.uniform(-20, w * TILE_PX + 20, m), rng.uniform(-20, h * TILE_PX + 20, m)])
        light_range = rng.choice([0.0, 70.0, 140.0, 320.0, np.inf, float(rng.uniform(0, 400))], size=m)
        most = float(rng.choice([1.0, 1.25, 0.8]))
        views = rng.random((h * w, m)) < rng.uniform(0.2, 1.0)
        k = int(rng.integers(0, 300))
        state = np.where(rng.random(k) < 0.9, IDLE, CHASE).astype(np.uint8)
        tiles = rng.integers(0, h * w, size=k).astype(np.int64)
        sleeper_keys = rng.integers(cols + 3, (rows + 1) * (cols + 2) - 1, size=k).astype(np.intp)
        c = int(rng.integers(0, 40))
        candidates_at = np.column_stack([rng.uniform(0, w * TILE_PX, c), rng.uniform(0, h * TILE_PX, c)])
        movers = np.column_stack([rng.uniform(0, w * TILE_PX, 3), rng.uniform(0, h * TILE_PX, 3)])[:trial % 4]
        near, keep = _old_grids(student_pos, light_range, most, views, h, w)
        want = _old_wake_and_sleep(state, tiles, near, keep, h, w, candidates_at, sleeper_keys, movers, inv,
                                   cols, rows, cell)
        # (the kernel reads the candidates and movers as rows of one position column, shuffled
        # among other rows, and writes the rows that wake, of ``sleepers``, and that sleep)
        order = rng.permutation(c + movers.shape[0] + 5)
        pos = rng.uniform(-1e3, 1e3, size=(order.size, 2))
        pos[order[:c]], pos[order[c:c + movers.shape[0]]] = candidates_at, movers
        sleepers = np.sort(rng.choice(10 * k + 10, size=k, replace=False)).astype(np.intp)
        wake_rows, sleep_rows = np.full(k + 2, -9, dtype=np.intp), np.full(c + 2, -9, dtype=np.intp)
        woke, slept = wake_and_sleep(state, tiles, student_pos, _share_rows(light_range, most, h, w), _CLOSE_PX2,
                                     views, h, w, pos, order[:c].astype(np.intp), sleeper_keys,
                                     order[c:c + movers.shape[0]].astype(np.intp), inv, cols, rows, cell, sleepers,
                                     wake_rows, sleep_rows)
        assert np.array_equal(wake_rows[:woke], sleepers[want[0]]), trial
        assert np.array_equal(sleep_rows[:slept], order[:c][want[1]]), trial
        assert (wake_rows[woke:] == -9).all() and (sleep_rows[slept:] == -9).all(), trial


def _old_view_keys(horde: Horde, tiles: np.ndarray) -> tuple:
    """``Horde._view_keys`` as it was (but for its first field, then the grid version): worked
    out afresh from the labels of the walls at every call."""
    labels9 = neighbourhood_labels(transparent_components(horde.opaque))
    return tuple(tuple(sorted(set(t[t >= 0].tolist()))) for t in labels9.reshape(-1, labels9.shape[2]).take(tiles, axis=0))


def test_views_kept_per_tile_and_per_walls_are_those_worked_out_afresh() -> None:
    from hyosan.playtest.bench_soak import _shipped_levels

    horde = World.from_spec(dict(_shipped_levels())["nights/the-roof"], 0).horde
    rng = np.random.default_rng(5)
    layouts = [horde.opaque.copy()]
    for _ in range(3):  # doors shut and open: other walls
        flip = rng.random(horde.opaque.shape) < 0.05
        layouts.append(np.where(flip, ~layouts[0], layouts[0]))
    ids = {}
    for _ in range(12):
        walls = int(rng.integers(0, len(layouts)))  # back and forth between the layouts
        horde.opaque[...] = layouts[walls]
        horde.grid_version += 1
        assert ids.setdefault(walls, horde._sight()[1]) == horde._sight()[1]  # the same walls, the same id
        for _ in range(10):
            tiles = rng.integers(0, horde.opaque.size, size=int(rng.integers(0, 7)))
            keys = horde._view_keys(tiles)
            assert tuple(k[1] for k in keys) == _old_view_keys(horde, tiles)
            assert all(k[0] == ids[walls] for k in keys)
            labels9 = neighbourhood_labels(transparent_components(horde.opaque))
            for k in keys:  # each view, from the labels of the walls as they are
                want = np.isin(labels9, np.array(k[1], dtype=np.int64)).any(axis=2)
                assert np.array_equal(horde._view_of(k), want)
    assert len(set(ids.values())) == len(ids)  # other walls, another id
