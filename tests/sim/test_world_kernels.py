"""The world's compiled kernels (hyosan/sim/jit.py) do what the numpy they replaced did, to the
bit, and a door's brace answer reused while its props barely moved is the answer worked out
afresh."""

from __future__ import annotations

import numpy as np
import pytest

from hyosan.control.bots import make_bot
from hyosan.playtest.bench_soak import _shipped_levels
from hyosan.sim import actions, blows, physics
from hyosan.sim import events as ev
from hyosan.sim.braces import near_props
from hyosan.sim.horde.states import ATTACK, CHASE
from hyosan.sim.props import OPEN_BITS_MAX, open_bits
from hyosan.sim.tilemap import SOLID_KINDS, WALL, WINDOW
from hyosan.sim.units import TILE_PX
from hyosan.sim.world import (
    BRACE_RADIUS,
    LOCKED_DOOR_WALK_COST,
    World,
    _props_within,
    _some_props_ahead,
    _still_braced,
    door_centre,
)


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
        # (into buffers longer than needed and full of junk, as BodyTable keeps them between remaps)
        rows, index_to_row_out = np.full((3, ids.size + 7), 99, dtype=np.int64), np.full(known.size, 99, dtype=np.int64)
        steered_out = np.full(steered.size, 99, dtype=np.int64)
        count = physics._map_rows(ids, order, ordered, steered, rows, index_to_row_out, steered_out)
        got = (rows[0, : ids.size], rows[1, :count], rows[2, :count], index_to_row_out, steered_out)
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


def test_rows_within_is_numpys() -> None:
    """``_rows_within``: the rows numpy's squared distances, ``hypot`` and
    (for ``defend``) state test picked, in row order."""
    rng = np.random.default_rng(5)
    for _ in range(200):
        pos = rng.uniform(0.0, 200.0, size=(rng.integers(0, 300), 2))
        state = rng.integers(0, 6, size=len(pos)).astype(np.uint8)
        x, y = rng.uniform(0.0, 200.0, size=2).tolist()
        reach = actions.MELEE_REACH
        dx, dy = pos[:, 0] - x, pos[:, 1] - y
        near = (dx * dx + dy * dy <= (reach + 1.0) ** 2).nonzero()[0]
        want = near[np.hypot(dx[near], dy[near]) <= reach]
        coming = want[(state[want] == CHASE) | (state[want] == ATTACK)]
        for only, rows in ((False, want), (True, coming)):
            out = np.empty(len(pos), dtype=np.int64)
            got = out[:actions._rows_within(pos, state, x, y, (reach + 1.0) ** 2, reach, only, out)]
            assert got.dtype == rows.dtype and np.array_equal(got, rows)


def test_nearest_coming_is_numpys_stable_argsort() -> None:
    """``cover``'s candidates: the rows chasing or biting within reach, by numpy's stable
    argsort of their squared distances (ties in row order), the first six."""
    rng = np.random.default_rng(6)
    out = np.empty(actions.BOW_ASSIST_TRIES, dtype=np.int64)
    for trial in range(300):
        pos = rng.uniform(0.0, 300.0, size=(rng.integers(0, 120), 2))
        if trial % 2 and len(pos) > 4:
            pos[rng.integers(0, len(pos), size=len(pos) // 2)] = pos[0]  # ties
        state = rng.integers(0, 6, size=len(pos)).astype(np.uint8)
        x, y = rng.uniform(0.0, 300.0, size=2).tolist()
        # the numpy it replaced (cover before the kernel)
        coming = np.flatnonzero((state == CHASE) | (state == ATTACK))
        d = pos[coming] - (x, y)
        dist2 = d[:, 0] * d[:, 0] + d[:, 1] * d[:, 1]
        rows = np.flatnonzero(dist2 <= actions.COVER_PX * actions.COVER_PX)
        want = coming[rows[np.argsort(dist2[rows], kind="stable")][:actions.BOW_ASSIST_TRIES]]
        m = actions._nearest_coming(pos, state, x, y, actions.COVER_PX * actions.COVER_PX, out)
        assert out[:m].tolist() == want.tolist()


def _walled_off_numpy(barriers: np.ndarray, zombies: np.ndarray, p: np.ndarray) -> np.ndarray:
    """The numpy ``actions._walled_off`` replaced: (k,) bool per zombie."""
    pts = zombies[:, None, :] + (p[None, None, :] - zombies[:, None, :]) * actions._BARRIER_T[None, :, None]
    rows, cols = barriers.shape
    c = np.clip((pts[..., 0] // 16).astype(np.intp), 0, cols - 1)
    r = np.clip((pts[..., 1] // 16).astype(np.intp), 0, rows - 1)
    return barriers[r, c].any(axis=1)


def test_nearest_in_sight_is_numpys() -> None:
    """``nearest_zombies``' pass: per student the row and distance the numpy (squared
    distances, the barrier samples, ``hypot`` and ``argmin`` over those left) gave."""
    rng = np.random.default_rng(8)
    for trial in range(300):
        barriers = rng.random((20, 24)) < 0.15
        zpos = rng.uniform(-20.0, 400.0, size=(rng.integers(0, 80), 2))
        spos = rng.uniform(-20.0, 400.0, size=(rng.integers(1, 5), 2))
        if trial % 3 == 0 and len(zpos) > 1:
            zpos[1] = zpos[0]  # a tie: the first row wins
            spos[0] = zpos[0] + rng.uniform(-30.0, 30.0, size=2)
        found, dist = np.empty(len(spos), dtype=np.int64), np.empty(len(spos))
        count = actions._nearest_in_sight(zpos, spos, actions._PANIC_REACH2, barriers, actions._BARRIER_T, found, dist)
        assert count == int((found >= 0).sum())
        for i, p in enumerate(spos):
            dx, dy = zpos[:, 0] - p[0], zpos[:, 1] - p[1]
            rows = (dx * dx + dy * dy <= actions._PANIC_REACH2).nonzero()[0]
            if rows.size:
                rows = rows[~_walled_off_numpy(barriers, zpos[rows], p)]
            if rows.size == 0:
                assert (found[i], dist[i]) == (-1, np.inf)
                continue
            d = np.hypot(zpos[rows, 0] - p[0], zpos[rows, 1] - p[1])
            j = int(np.argmin(d))
            assert found[i] == rows[j] and _bits(dist[i:i + 1]) == _bits(d[j:j + 1])


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


@pytest.mark.parametrize(("ref", "ticks"), [("hyosan/construction-site-stand", 2400),
                                           ("hyosan/classroom-barricade", 2400), ("nights/the-roof", 2400),
                                           ("nights/the-auditorium", 2700),  # (its doors swing from tick 308)
                                           ("hyosan/trolley-shield-run", 2400)])  # (its trolleys roll past doors)
def test_reused_brace_answers_are_the_fresh_ones(ref: str, ticks: int) -> None:
    """A brace answer reused (its props barely moved, or a door swung and no wall moved) is
    the answer worked out afresh."""
    spec = dict(_shipped_levels())[ref]
    world = World.from_spec(spec, 0)
    bot = make_bot("solver", 0)
    bot.reset(world)
    asked = 0
    for _ in range(ticks):
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
            _, _, _, _, on_side = _near_props_in_python(pos, world.bodies.angle[world._prop_rows], cx, cy, far,
                                                        world._brace_sides(door))
            fresh, _ = world._bracing(door, near, np.array(on_side, dtype=bool))
            assert fresh == answer[2]
            asked += 1
    assert asked


def _near_props_in_python(pos: np.ndarray, angle: np.ndarray, cx: float, cy: float, far: float,
                          sides: np.ndarray) -> tuple[list[int], list[list[float]], list[float], list[float], list[bool]]:
    """What ``World._brace_of`` and ``_bracing`` worked out in Python before ``near_props``
    (``pos``, ``angle``: the props' own rows): the near props, their centres and angles, tile
    slacks and whether each stands on one of ``sides``."""
    near = [k for k, (x, y) in enumerate(pos.tolist()) if not (abs(x - cx) > far or abs(y - cy) > far)]
    tile_slack, on_side = [], []
    rows, cols = sides.shape
    for x, y in pos[near].tolist():
        col, row = int(x // TILE_PX), int(y // TILE_PX)
        fx, fy = x - col * TILE_PX, y - row * TILE_PX
        tile_slack.append(min(fx, TILE_PX - fx, fy, TILE_PX - fy))
        on_side.append(bool(0 <= row < rows and 0 <= col < cols and sides.item(row, col)))
    return near, pos[near].tolist(), angle[near].tolist(), tile_slack, on_side


def test_near_props_is_the_python_it_replaced() -> None:
    """``near_props`` picks the props, tiles and sides the Python loops did, to the bit: on
    random poses, centres on and a hair off tile edges, off the map, and none near."""
    rng = np.random.default_rng(5)
    sides = rng.random((20, 30)) < 0.5
    for trial in range(300):
        n = int(rng.integers(0, 25))
        pos = rng.uniform(-40.0, 520.0, size=(n + 7, 2))
        if trial % 3 == 0:  # on tile edges, and a hair either side
            edges = rng.integers(-2, 32, size=(n + 7, 2)) * float(TILE_PX)
            pos = edges + rng.choice([0.0, 1e-12, -1e-12, 8.0], size=(n + 7, 2))
        angle = rng.normal(0.0, 2.0, size=n + 7)
        rows = rng.permutation(n + 7)[:n].astype(np.intp)
        cx, cy = rng.uniform(0.0, 480.0, size=2).tolist()
        far = float(rng.choice([0.0, 60.0, 124.0, 1e9]))
        got = near_props(pos, angle, rows, cx, cy, far, sides)
        want = _near_props_in_python(pos[rows], angle[rows], cx, cy, far, sides)
        assert got[0].dtype == np.intp and got[0].tolist() == want[0]
        assert got[1].shape == (len(want[0]), 2) and got[1].tobytes() == np.array(want[1], dtype=np.float64).reshape(-1, 2).tobytes()
        assert got[2].tobytes() == np.array(want[2], dtype=np.float64).tobytes()
        assert got[3].tobytes() == np.array(want[3], dtype=np.float64).tobytes()
        assert got[4].tolist() == want[4]


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
        # ...and of some of the props (the rolling ones), their indices: the numpy it replaced
        mask = rng.random(25) < 0.5
        some = np.flatnonzero(mask)
        out = np.empty(some.size, dtype=np.intp)
        # (with nothing ruled out by the shapes' hulls: each a point at its body's origin)
        starts = np.arange(some.size + 1, dtype=np.intp)
        count = _some_props_ahead(pos, np.zeros(60), rows, extent, some, x, y, 1.0, 0.0, reach + 1.0, np.inf, np.inf,
                                  np.inf, starts, starts, np.zeros(some.size), np.zeros((some.size, 2)), out)
        assert out[:count].tolist() == np.flatnonzero(want & mask).tolist()


def test_the_rolling_prop_ahead_is_the_one_pymunk_finds() -> None:
    """``_rolling_ahead_of`` (whose compiled pass rules out the trolleys whose shapes' hulls lie
    beyond reach, behind or beside the way) names the prop pymunk's point queries over every
    rolling prop name, from points all round the Trolley's trolleys as the solver pushes them."""
    import math

    from hyosan.content.discovery import resolve_level
    from hyosan.sim.physics import distance_and_nearest
    from hyosan.sim.world import CAREFUL_REACH_PX, SHOULDER_TOUCH_PX, STUDENT_RADIUS

    _, spec = resolve_level("hyosan/trolley-shield-run")
    world = World.from_spec(spec, 0)
    bot = make_bot("solver", 0)
    bot.reset(world)

    def every_prop(x: float, y: float, ux: float, uy: float):
        best, fastest = None, -math.inf
        for k in world._rolling_rows.tolist():
            d, nx, ny = min((distance_and_nearest(sh, x, y) for sh in world._prop_shapes[k]), key=lambda t: t[0])
            dx, dy = nx - x, ny - y
            if d > CAREFUL_REACH_PX or dx * ux + dy * uy < -SHOULDER_TOUCH_PX or abs(dx * uy - dy * ux) > STUDENT_RADIUS:
                continue
            vx, vy = world.bodies.vel[world.props[k].index].tolist()
            if vx * ux + vy * uy > fastest:
                best, fastest = world.props[k], vx * ux + vy * uy
        return best

    rng = np.random.default_rng(4)
    found = asked = 0
    for tick in range(1500):
        if tick % 25 == 0:
            for k in world._rolling_rows.tolist():
                px, py = world.bodies.pos[world.props[k].index].tolist()
                for _ in range(12):
                    a, r, b = rng.uniform(0.0, 2.0 * math.pi), rng.uniform(0.0, 40.0), rng.uniform(0.0, 2.0 * math.pi)
                    q = (px + r * math.cos(a), py + r * math.sin(a), math.cos(b), math.sin(b))
                    want = every_prop(*q)
                    assert world._rolling_ahead_of(*q) is want
                    found += want is not None
                    asked += 1
        world.step(bot.act(world))
    assert 0 < found < asked  # (both answers were asked for)


def test_mark_boxes_is_the_python_slices() -> None:
    """``squad.mark_boxes`` marks the tiles ``World.prop_tiles``' loop of floor divisions and
    slices did, boxes off the grid (a negative slice stop) and across its edges included."""
    from hyosan.sim.squad import mark_boxes

    rng = np.random.default_rng(9)
    for _ in range(300):
        rows, cols = int(rng.integers(1, 30)), int(rng.integers(1, 30))
        boxes = []
        for _ in range(int(rng.integers(0, 8))):
            left, bottom = rng.uniform(-200.0, 16.0 * cols + 100.0), rng.uniform(-200.0, 16.0 * rows + 100.0)
            boxes.append((left, bottom, left + rng.uniform(0.0, 90.0), bottom + rng.uniform(0.0, 90.0)))
        boxes.append((-64.0, -64.0, -40.0, -17.5))  # wholly above and left of the grid
        want = np.zeros((rows, cols), dtype=bool)
        for left, bottom, right, top in boxes:  # the loop it replaced (World.prop_tiles)
            c0, r0 = max(int(left // 16), 0), max(int(bottom // 16), 0)
            c1, r1 = min(int(right // 16), cols - 1), min(int(top // 16), rows - 1)
            want[r0:r1 + 1, c0:c1 + 1] = True
        got = np.zeros((rows, cols), dtype=bool)
        mark_boxes(got, np.array(boxes, dtype=np.float64))
        assert np.array_equal(got, want)


def test_next_prop_within_walks_props_within() -> None:
    """``_next_prop_within`` from 0, then from each answer on, visits the props
    ``_props_within`` keeps, in order, then says -1."""
    from hyosan.sim.world import _next_prop_within

    rng = np.random.default_rng(10)
    for _ in range(200):
        n = int(rng.integers(0, 30))
        pos = rng.uniform(0.0, 300.0, size=(n + 5, 2))
        rows = rng.permutation(n + 5)[:n].astype(np.intp)
        extent = rng.uniform(4.0, 40.0, size=n)
        if n:
            extent[rng.integers(0, n)] = np.inf  # (a toppled tower: never ruled out)
        x, y, reach = *rng.uniform(0.0, 300.0, size=2).tolist(), float(rng.uniform(1.0, 10.0))
        want = _props_within(pos, rows, extent, x, y, reach).nonzero()[0].tolist()
        got, k = [], _next_prop_within(pos, rows, extent, x, y, reach, 0)
        while k >= 0:
            got.append(k)
            k = _next_prop_within(pos, rows, extent, x, y, reach, k + 1)
        assert got == want


def test_a_brace_answer_with_no_slack_stands_while_its_props_keep_their_very_bits() -> None:
    rng = np.random.default_rng(5)
    pos = rng.uniform(0.0, 200.0, size=(30, 2))
    angle = rng.uniform(-3.0, 3.0, size=30)
    prop_rows = rng.choice(30, size=12, replace=False).astype(np.intp)
    cx, cy, far = 100.0, 100.0, 60.0
    p = pos[prop_rows]
    near = np.array([k for k, (x, y) in enumerate(p.tolist()) if not (abs(x - cx) > far or abs(y - cy) > far)],
                    dtype=np.intp)
    assert near.size
    near_pos, near_angle = p[near].copy(), angle[prop_rows[near]].copy()
    reach, extent = np.full(12, 20.0), np.full(12, 15.0)
    tile_slack = np.full(near.size, 1.0)  # px

    def stands(pos: np.ndarray, angle: np.ndarray, slack: float) -> bool:
        return bool(_still_braced(pos, angle, prop_rows, cx, cy, far, near, near_pos, near_angle, reach, extent, slack,
                                  tile_slack))

    assert stands(pos, angle, 0.0)  # no slack, nothing moved: the stored key would match
    for moved in ("x", "angle", "sign"):
        pos2, angle2 = pos.copy(), angle.copy()
        row = prop_rows[near[0]]
        if moved == "x":
            pos2[row, 0] = np.nextafter(pos2[row, 0], np.inf)
        elif moved == "angle":
            angle2[row] = np.nextafter(angle2[row], np.inf)
        else:  # -0.0 has other bytes than 0.0: the stored key would not match
            near_angle[0], angle2[row] = 0.0, -0.0
        assert not stands(pos2, angle2, 0.0)
        assert stands(pos2, angle2, 1.0)  # (a bit's move is well inside a pixel of slack)
        near_angle[0] = angle[row]
    extent[near[0]] = np.inf  # a toppled tower's props never stand, moved or not
    assert not stands(pos, angle, 0.0)


def test_a_brace_answer_stands_while_a_prop_on_a_tile_edge_keeps_its_centre() -> None:
    """A prop square on a tile edge (no tile slack) may turn, not step: the floor division
    that puts it on the door's side of the walls could come out otherwise. One with tile slack
    may step less than it, whatever the shapes' slack."""
    pos = np.array([[100.0, 64.0], [110.0, 90.0]])  # px: the first on the edge of tile row 4
    angle = np.zeros(2)
    prop_rows = np.arange(2, dtype=np.intp)
    near = np.arange(2, dtype=np.intp)
    near_pos, near_angle = pos.copy(), angle.copy()
    reach, extent = np.full(2, 20.0), np.full(2, 15.0)
    tile_slack = np.array([0.0, 6.0])  # px: (110, 90) is 6 px below its tile's top edge at y = 96

    def stands(pos: np.ndarray, angle: np.ndarray) -> bool:
        return bool(_still_braced(pos, angle, prop_rows, 100.0, 80.0, 60.0, near, near_pos, near_angle, reach,
                                  extent, 1000.0, tile_slack))

    turned = angle.copy()
    turned[0] = 1e-18
    assert stands(pos, turned)
    for row, step, ok in ((0, 1e-12, False), (1, 5.9, True), (1, 6.0, False), (1, np.nan, False)):
        stepped = pos.copy()
        stepped[row, 1] += step
        assert stands(stepped, angle) is ok
        # and the tile it found is the floor division's, as _bracing works it out
        if ok:
            assert int(stepped[row, 1] // TILE_PX) == int(pos[row, 1] // TILE_PX)


def _prop_tiles_reference(shape: tuple[int, int], boxes: list[tuple[float, float, float, float]]) -> np.ndarray:
    """World.prop_tiles as it was: numpy slices per box."""
    grid = np.zeros(shape, dtype=bool)
    rows, cols = shape
    for left, bottom, right, top in boxes:
        c0, r0 = max(int(left // TILE_PX), 0), max(int(bottom // TILE_PX), 0)
        c1, r1 = min(int(right // TILE_PX), cols - 1), min(int(top // TILE_PX), rows - 1)
        grid[r0:r1 + 1, c0:c1 + 1] = True
    return grid


def test_prop_tiles_and_the_spawn_floor_are_the_slices_of_the_props_boxes() -> None:
    world = World.from_spec(dict(_shipped_levels())["nights/the-roof"], 0)
    boxes = [physics.shape_bb(shape) for prop in world.props for shape in prop.body.shapes]
    want = _prop_tiles_reference(world.tilemap.solid.shape, boxes)
    assert np.array_equal(world.prop_tiles(), want) and want.any()
    assert np.array_equal(world.spawn_floor(), world.tilemap.solid | want)
    assert np.array_equal(world.prop_tiles([1, 3]), _prop_tiles_reference(
        want.shape, [physics.shape_bb(shape) for k in (1, 3) for shape in world.props[k].body.shapes]))
    assert not world.prop_tiles([]).any()


@pytest.mark.parametrize("level", ["nights/the-auditorium", "hyosan/construction-site-stand", "hyosan/storm-crossing"])
def test_the_horde_grids_are_the_isin_ones(level: str) -> None:
    """``_walk_cost`` and ``_transmission`` read the solid tiles from ``TileMap.solid`` (a
    lookup table): the grids ``np.isin(kind, SOLID_KINDS)`` made, with the doors as they
    stand, after a door's change and on tiles turned to wall."""
    world = World.from_spec(dict(_shipped_levels())[level], 0)

    def reference() -> tuple[np.ndarray, np.ndarray]:
        kind = world.tilemap.kind
        cost = np.where(np.isin(kind, SOLID_KINDS), np.inf, 1.0).astype(np.float32)
        cost[world.fall_mask] = np.inf
        t = np.where(np.isin(kind, SOLID_KINDS), 0.0, 1.0).astype(np.float32)
        t[kind == WINDOW] = 0.5
        for (c, r), door in world._door_at().items():
            cost[r, c] = LOCKED_DOOR_WALK_COST if door.locked else 1.0
            t[r, c] = 0.9 if door.is_open or door.broken else 0.4
        return cost, t

    for change in range(3):
        cost, t = reference()
        got = world._walk_cost()
        assert got.tobytes() == cost.tobytes() and got.dtype == cost.dtype
        assert world._transmission().tobytes() == t.tobytes()
        if change == 0 and world.doors:
            world.doors[0].is_open = not world.doors[0].is_open
        if change == 1:
            world.tilemap.kind[2:4, 2:6] = WALL


def test_threats_are_what_each_pass_would_find() -> None:
    """``actions.threats``' bits, per student, are exactly whether the passes it spares
    (``defend``'s and ``fight_alone``'s ``_rows_within``, ``cover``'s ``_nearest_coming``,
    ``nearest_zombies``' ``_nearest_in_sight``) make their first (squared distance) test true
    for some zombie: a student without a bit is one that pass finds nothing for. Zombies sit
    on the bounds too, and past ``n`` (not in the horde: never counted)."""
    from types import SimpleNamespace

    rng = np.random.default_rng(19)
    bounds = {actions.COMING_IN_REACH: (actions._MELEE_REACH2, True), actions.ANY_IN_REACH: (actions._MELEE_REACH2, False),
              actions.COMING_IN_RANGE: (actions.COVER_PX ** 2, True), actions.ANY_NEAR: (actions._PANIC_REACH2, False)}
    no_walls = np.zeros((40, 40), dtype=bool)
    for trial in range(400):
        n, m = int(rng.integers(0, 60)), int(rng.integers(1, 6))
        spos = rng.uniform(0.0, 600.0, (m, 2))
        zpos = rng.uniform(-100.0, 700.0, (n + 5, 2))
        for i in range(0, n, 4):  # some right on a bound (or a hair either side), any way round
            r = [23.0, 22.0, 120.0, 80.0, 80.00008, 121.0][int(rng.integers(0, 6))] * (1.0 + rng.choice([-1e-16, 0.0, 1e-16]))
            a = rng.uniform(0.0, 2 * np.pi) if trial % 2 else 0.0
            zpos[i] = spos[int(rng.integers(0, m))] + (r * np.cos(a), r * np.sin(a))
        state = rng.choice([CHASE, ATTACK, 0, 1], size=n + 5).astype(np.int8)
        world = SimpleNamespace(horde=SimpleNamespace(n=n, pos_all=zpos, state_all=state))
        got = actions.threats(world, spos)
        zs, st = zpos[:n], state[:n]
        coming = (st == CHASE) | (st == ATTACK)
        for s in range(m):
            dx, dy = zs[:, 0] - spos[s, 0], zs[:, 1] - spos[s, 1]
            d2 = dx * dx + dy * dy
            want = sum(bit for bit, (reach2, only_coming) in bounds.items()
                       if ((d2 <= reach2) & (coming if only_coming else True)).any())
            assert (0 if got is None else got[s]) == want
            x, y = float(spos[s, 0]), float(spos[s, 1])
            out = np.empty(max(n, 1), dtype=np.int64)
            if not want & actions.COMING_IN_REACH:
                assert actions._rows_within(zs, st, x, y, actions._MELEE_REACH2, actions.MELEE_REACH, True, out) == 0
            if not want & actions.ANY_IN_REACH:
                assert actions._rows_within(zs, st, x, y, actions._MELEE_REACH2, actions.MELEE_REACH, False, out) == 0
            if not want & actions.COMING_IN_RANGE:
                assert actions._nearest_coming(zs, st, x, y, actions.COVER_PX ** 2, np.empty(6, dtype=np.int64)) == 0
            if not want & actions.ANY_NEAR:
                found, dist = np.empty(1, dtype=np.int64), np.empty(1)
                assert actions._nearest_in_sight(zs, spos[s:s + 1], actions._PANIC_REACH2, no_walls, actions._BARRIER_T,
                                                 found, dist) == 0


def test_open_bits_are_the_doors_open_test() -> None:
    """``open_bits``: bit k is ``abs(angle - closed) > open_angle`` of door k, exactly (on the
    threshold, a NaN angle), and -1 past the doors it has bits for."""
    rng = np.random.default_rng(11)
    open_angle = np.radians(25)
    for _ in range(300):
        n = int(rng.integers(0, 12))
        angle = rng.normal(0.0, 0.6, 20)
        rows = rng.choice(20, size=n, replace=False).astype(np.intp)
        closed = rng.choice([0.0, np.pi / 2, -np.pi / 2, np.pi], size=n)
        for k in range(n):
            pick = rng.integers(4)
            if pick == 0:  # on the threshold, either way
                angle[rows[k]] = closed[k] + rng.choice([-1.0, 1.0]) * open_angle
            elif pick == 1:
                angle[rows[k]] = np.nan
        want = sum(1 << k for k in range(n) if abs(float(angle[rows[k]]) - float(closed[k])) > open_angle)
        assert open_bits(angle, rows, closed, open_angle) == want
    many = np.arange(OPEN_BITS_MAX + 1, dtype=np.intp)
    assert open_bits(np.zeros(many.size), many, np.zeros(many.size), open_angle) == -1


@pytest.mark.parametrize(("ref", "ticks"), [("sandbox/quiet-corridor", 900), ("nights/the-auditorium", 3000)])
def test_doors_walked_by_their_open_bits_are_the_doors_walked_all(ref: str, ticks: int) -> None:
    """``_update_doors`` walks only the locked doors while the doors' open bits are those it
    last left: a world doing so plays as one that walks every door every tick (its bits
    forgotten before each step), event for event (doors swinging open and shut, locked ones
    pressed by the crowd)."""
    spec = dict(_shipped_levels())[ref]
    worlds = [World.from_spec(spec, 0) for _ in range(2)]
    bots = [make_bot("solver", 0) for _ in range(2)]
    for world, bot in zip(worlds, bots, strict=True):
        bot.reset(world)
    swung = 0
    for _ in range(ticks):
        if worlds[0].outcome is not None:
            break
        worlds[1].__dict__.pop("_doors_open", None)  # (every door walked, as before the bits)
        quick, full = (world.step(bot.act(world)) for world, bot in zip(worlds, bots, strict=True))
        assert repr(quick) == repr(full)
        swung += sum(isinstance(e, ev.DoorChanged) for e in quick)
    assert swung >= 4  # (the test means something: doors opened and closed)
    assert worlds[0].state_hash() == worlds[1].state_hash()
