"""The world's compiled kernels (hyosan/sim/jit.py) do what the numpy they replaced did, to the
bit, and a door's brace answer reused while its props barely moved is the answer worked out
afresh."""

from __future__ import annotations

import numpy as np
import pytest

from hyosan.control.bots import make_bot
from hyosan.playtest.bench_soak import _shipped_levels
from hyosan.sim import actions, blows, physics
from hyosan.sim.world import BRACE_RADIUS, World, _props_within, door_centre


def _bits(a: np.ndarray) -> bytes:
    return np.ascontiguousarray(a).tobytes()


def test_map_rows_is_the_numpy_remap() -> None:
    rng = np.random.default_rng(3)
    for _ in range(50):
        known = rng.choice(10_000, size=rng.integers(1, 40), replace=False).astype(np.uintp)  # (never none registered)
        extra = rng.choice(np.arange(10_000, 10_050), size=rng.integers(0, 5), replace=False).astype(np.uintp)
        ids = rng.permutation(np.concatenate([known[: rng.integers(0, known.size + 1)], extra])).astype(np.uintp)
        order = np.argsort(known, kind="stable")
        ordered = known[order]
        steered = np.array(rng.choice(np.concatenate([known, extra, [20_000]]), size=rng.integers(0, 3)),
                           dtype=np.uintp)
        got = physics._map_rows(ids, order, ordered, known.size, steered)
        # the numpy it replaced (BodyTable._remap before the kernel)
        count = known.size
        where = np.minimum(np.searchsorted(ordered, ids), max(count - 1, 0))
        found = ordered[where] == ids if count else np.zeros(len(ids), dtype=bool)
        row_to_index = np.where(found, order[where], -1).astype(np.int64)
        known_rows = np.nonzero(row_to_index >= 0)[0]
        known_index = row_to_index[known_rows]
        index_to_row = np.full(count, -1, dtype=np.int64)
        index_to_row[known_index] = known_rows
        hits = [(ids == b).nonzero()[0] for b in steered.tolist()]
        steered_rows = np.array([int(h[0]) if h.size else -1 for h in hits], dtype=np.int64)
        for a, b in zip(got, (row_to_index, known_rows, known_index, index_to_row, steered_rows), strict=True):
            assert a.dtype == b.dtype and np.array_equal(a, b)


def test_rows_within_and_any_within_are_numpys() -> None:
    rng = np.random.default_rng(5)
    for _ in range(50):
        pos = rng.uniform(0.0, 200.0, size=(rng.integers(0, 300), 2))
        x, y = rng.uniform(0.0, 200.0, size=2).tolist()
        reach = actions.MELEE_REACH
        dx, dy = pos[:, 0] - x, pos[:, 1] - y
        near = (dx * dx + dy * dy <= (reach + 1.0) ** 2).nonzero()[0]
        want = near[np.hypot(dx[near], dy[near]) <= reach]
        got = actions._rows_within(pos, x, y, (reach + 1.0) ** 2, reach)
        assert got.dtype == want.dtype and np.array_equal(got, want)
        spos = rng.uniform(0.0, 200.0, size=(rng.integers(1, 4), 2))
        dx = pos[:, 0] - spos[:, 0, None]
        dy = pos[:, 1] - spos[:, 1, None]
        assert actions._any_within(pos, spos, actions._PANIC_REACH2) == bool(
            (dx * dx + dy * dy <= actions._PANIC_REACH2).any())


def test_smooth_fast_is_numpys() -> None:
    rng = np.random.default_rng(7)
    vel = rng.normal(0.0, 150.0, size=(40, 2))
    rows = rng.choice(40, size=12, replace=False).astype(np.intp)
    smooth = rng.normal(0.0, 120.0, size=(12, 2))
    want = smooth.copy()
    want += (vel.take(rows, axis=0) - want) * blows.BLOW_SMOOTHING
    fast = (np.hypot(want[:, 0], want[:, 1]) >= 100.0).nonzero()[0]
    out = np.full(rows.size, -1, dtype=np.int64)
    m = blows._smooth_fast(smooth, vel, rows, blows.BLOW_SMOOTHING, 100.0, out)
    assert _bits(smooth) == _bits(want) and np.array_equal(out[:m], fast)


@pytest.mark.parametrize("ref", ["hyosan/construction-site-stand", "hyosan/classroom-barricade"])
def test_reused_brace_answers_are_the_fresh_ones(ref: str) -> None:
    spec = dict(_shipped_levels())[ref]
    world = World.from_spec(spec, 0)
    bot = make_bot("solver", 0)
    bot.reset(world)
    asked = 0
    for _ in range(2400):
        if world.outcome is not None:
            break
        world.step(bot.act(world))
        for door in world.doors:
            if not door.locked:
                continue
            answer = world._brace_of(door)
            cx, cy = door_centre(door)
            pos = world.bodies.pos[world._prop_rows]
            far = BRACE_RADIUS + 40
            near = np.array([k for k, (x, y) in enumerate(pos.tolist())
                             if not (abs(x - cx) > far or abs(y - cy) > far)], dtype=np.intp)
            fresh, _ = world._bracing(door, near, pos)
            assert fresh == answer[2]
            asked += 1
    assert asked


def test_props_within_is_numpys() -> None:
    rng = np.random.default_rng(11)
    pos = rng.uniform(0.0, 400.0, size=(60, 2))
    rows = rng.choice(60, size=25, replace=False).astype(np.intp)
    extent = rng.uniform(5.0, 40.0, size=25)
    extent[3] = np.inf
    for _ in range(40):
        x, y = rng.uniform(0.0, 400.0, size=2).tolist()
        reach = float(rng.uniform(0.0, 30.0))
        p = np.take(pos, rows, axis=0)
        want = ~(np.hypot(p[:, 0] - x, p[:, 1] - y) > extent + (reach + 1.0))
        got = _props_within(pos, rows, extent, x, y, reach + 1.0)
        assert got.dtype == want.dtype and np.array_equal(got, want)
