"""The horde's Python glue folded into kernels: each gives what the numpy it replaced gave."""

from __future__ import annotations

import numpy as np

from hyosan.sim.horde import kernels
from hyosan.sim.horde.horde import SEPARATION_GAIN, SEPARATION_MAX, SEPARATION_PX
from hyosan.sim.units import TILE_PX


def test_gather_and_steer_is_the_gather_then_the_steering() -> None:
    """Between decisions ``think`` reads, accelerates and separates in one call when the pair
    candidates still hold: the same columns as ``gather_awake`` then ``steer_and_separate``;
    when they do not (stale, or a row moved past the skin), only the gather is done."""
    rng = np.random.default_rng(9)
    cap, n = 70, 60
    for na, fresh, jump in ((50, True, 0.0), (50, False, 0.0), (50, True, 9.0), (0, True, 0.0), (60, True, 0.0)):
        body_pos = rng.uniform(0.0, 120.0, size=(80, 2))
        body_vel = rng.normal(0.0, 50.0, size=(80, 2))
        idx = rng.permutation(80)[:na]
        cols = {name: rng.normal(0.0, 30.0, size=(cap, 2)) for name in ("prev", "pos", "vel", "sep", "desired")}
        limit = rng.uniform(0.0, 20.0, cap)
        cooldown = rng.integers(0, 4, n).astype(np.int32)
        then = body_pos[idx].copy()
        then[: min(na, 3)] += jump  # (rows that moved this far since the candidates were found)
        ci, cj = kernels.close_pairs(body_pos[idx], SEPARATION_PX + 14.0)
        want = {k: v.copy() for k, v in cols.items()}
        want_cd, want_new = cooldown.copy(), np.zeros((cap, 2))
        moved = kernels.gather_awake(body_pos, body_vel, idx, want["prev"], want["pos"], want["vel"], want_cd, then, 7.0)
        if fresh and not moved:
            kernels.steer_and_separate(want["vel"][:na], want["sep"][:na], want["desired"][:na], limit[:na],
                                       want["pos"][:na], ci, cj, SEPARATION_PX, SEPARATION_GAIN, SEPARATION_MAX,
                                       want_new[:na])
        got = {k: v.copy() for k, v in cols.items()}
        got_cd, got_new = cooldown.copy(), np.zeros((cap, 2))
        steered = kernels.gather_and_steer(body_pos, body_vel, idx, got["prev"], got["pos"], got["vel"], got_cd, then,
                                           7.0, fresh, got["sep"], got["desired"], limit, ci, cj, SEPARATION_PX,
                                           SEPARATION_GAIN, SEPARATION_MAX, got_new)
        assert steered == (fresh and not moved)
        for k in want:
            assert np.array_equal(got[k].view(np.int64), want[k].view(np.int64)), k
        assert np.array_equal(got_cd, want_cd) and np.array_equal(got_new.view(np.int64), want_new.view(np.int64))


def _numpy_open_points(xs: np.ndarray, ys: np.ndarray, solid: np.ndarray, count: int) -> np.ndarray:
    """``Horde.spawn_in_zone``'s numpy before ``open_points``: the kept points' indices."""
    cols = np.clip((xs // TILE_PX).astype(np.int64), 0, solid.shape[1] - 1)
    rows = np.clip((ys // TILE_PX).astype(np.int64), 0, solid.shape[0] - 1)
    ok = ~solid[rows, cols]
    return np.flatnonzero(ok)[:count]


def test_open_points_keeps_the_first_on_open_tiles() -> None:
    rng = np.random.default_rng(4)
    solid = rng.random((20, 30)) < 0.4
    for count in (0, 1, 3, 10, 50, 500):
        n = count * 4 + 8
        xs = rng.uniform(-40.0, 30 * TILE_PX + 40.0, n)  # some off the grid: the edge tiles
        ys = rng.uniform(-40.0, 20 * TILE_PX + 40.0, n)
        xs[::5] = np.round(xs[::5] / TILE_PX) * TILE_PX  # right on tile edges
        ys[::3] = np.round(ys[::3] / TILE_PX) * TILE_PX
        xs[1::7] = -0.0
        got = kernels.open_points(xs, ys, solid, count)
        assert np.array_equal(got, _numpy_open_points(xs, ys, solid, count)), count
    assert kernels.open_points(np.zeros(4), np.zeros(4), np.ones((2, 2), dtype=bool), 3).size == 0


def test_tiles_of_as_numpy() -> None:
    rng = np.random.default_rng(6)
    pts = rng.uniform(-100.0, 900.0, size=(300, 2))
    pts[::4] = np.round(pts[::4] / TILE_PX) * TILE_PX  # on tile edges
    pts[1::9] = (-0.0, 1e-310)
    pts[2::9] = (-1e-310, 5e-324)
    got = kernels.tiles_of(pts)
    want = (pts[:, ::-1] // TILE_PX).astype(np.int64)
    assert got.dtype == want.dtype and np.array_equal(got, want) and got.tobytes() == want.tobytes()
    assert kernels.tiles_of(pts[:0]).shape == (0, 2)


def test_steer_begin_measures_chasers_and_investigators_only() -> None:
    """Only chasers' and investigators' offsets and distances to their remembered points are
    read by the steering: those are numpy's (np.hypot), the other rows' are left unwritten."""
    from hyosan.sim.horde.states import ATTACK, CHASE, FEED, IDLE, INVESTIGATE, WANDER

    rng = np.random.default_rng(2)
    n = 300
    pos = rng.uniform(0.0, 400.0, size=(n, 2))
    memory = pos + rng.normal(0.0, 30.0, size=(n, 2))
    memory[::10] = pos[::10] + 3.0  # investigators already there: they search
    state = rng.choice(np.array([IDLE, WANDER, INVESTIGATE, CHASE, ATTACK, FEED], dtype=np.uint8), n)
    timer = rng.integers(0, 2, n).astype(np.int32)
    to_mem, dist = np.full((n, 2), -7.0), np.full(n, -7.0)
    want_timer = timer.copy()
    going = np.zeros(n, dtype=np.intp)
    chasing, walking = kernels.steer_begin(pos, memory, state, timer, to_mem, dist, 14.0, 3, going)
    steered = (state == CHASE) | (state == INVESTIGATE)
    offset = memory - pos
    assert np.array_equal(to_mem[steered], offset[steered]) and (to_mem[~steered] == -7.0).all()
    assert np.array_equal(dist[steered], np.hypot(offset[steered, 0], offset[steered, 1])) and (dist[~steered] == -7.0).all()
    d = np.hypot(offset[:, 0], offset[:, 1])
    there = (state == INVESTIGATE) & (d < 14.0)
    want_timer[there] += 3
    assert np.array_equal(timer, want_timer) and chasing == np.count_nonzero(state == CHASE)
    want_going = np.flatnonzero((state == INVESTIGATE) & (d >= 14.0) & (want_timer == 0))
    assert np.array_equal(going[:walking], want_going)


def test_into_kernels_fill_what_the_returning_ones_return() -> None:
    """The horde calls the ``*_into`` kernels with arrays it made (a returned array costs ~1 us
    to hand back): whatever those held before, they end up as the returning kernels' answer
    (which the kernel tests hold to numpy)."""
    from hyosan.sim.horde.states import ATTACK, CHASE, FEED, IDLE

    rng = np.random.default_rng(12)
    body_pos = rng.uniform(-20.0, 340.0, size=(120, 2))
    idx = rng.permutation(120)[:90]
    marked = rng.random((20, 20)) < 0.3
    out = np.full(90, 77, dtype=np.intp)
    m = kernels.rows_on_tiles_into(body_pos, idx, marked, out)
    assert np.array_equal(out[:m], kernels.rows_on_tiles(body_pos, idx, marked)) and m > 0
    points = body_pos[:4] + 3.0
    push = rng.uniform(100.0, 900.0, 120)
    got, fresh = np.full(4, np.nan), np.zeros(4)
    kernels.push_within_into(body_pos, push, points, 14.0, got)
    kernels.push_within_into(body_pos, push, points, 14.0, fresh)
    assert np.array_equal(got, fresh)
    students = body_pos[idx[:5]] + rng.normal(0.0, 6.0, size=(5, 2))
    opaque = rng.random((20, 20)) < 0.1
    state = rng.choice(np.array([IDLE, CHASE, ATTACK, FEED], dtype=np.uint8), 90)
    timer = rng.integers(0, 2, 90).astype(np.int32)
    cooldown = rng.integers(0, 2, 90).astype(np.int32)
    args = (state.copy(), timer.copy(), cooldown.copy())
    want = (np.zeros(5, dtype=np.int64), np.zeros(5, dtype=np.int64))
    kernels.squad_bites_into(students, body_pos, idx, 13.5, opaque, *args, 45, *want)
    per, first = np.full(5, 9, dtype=np.int64), np.full(5, 9, dtype=np.int64)
    again = (state.copy(), timer.copy(), cooldown.copy())
    kernels.squad_bites_into(students, body_pos, idx, 13.5, opaque, *again, 45, per, first)
    assert np.array_equal(per, want[0]) and np.array_equal(first, want[1]) and per.sum() > 0
    assert all(np.array_equal(a, b) for a, b in zip(args, again, strict=True))
