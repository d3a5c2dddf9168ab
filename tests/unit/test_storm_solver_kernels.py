"""The Storm solver's compiled helpers give the numpy and scipy results they replaced, bit for bit."""

from __future__ import annotations

import math

import numpy as np
import pytest

from hyosan.control import driver, solvers
from hyosan.sim.nav import flow_field


def _spread_numpy(counts: np.ndarray, rad: int) -> np.ndarray:
    """The numpy danger spread (one bincount over the occupied tiles) ``_spread_kernel`` replaced."""
    rows, cols = counts.shape
    dr, dc, k = solvers._danger_kernel(rad)
    src = np.flatnonzero(counts)
    sr, sc = src // cols, src % cols
    tr = sr[:, None] - dr[None, :]
    tc = sc[:, None] - dc[None, :]
    inside = (tr >= 0) & (tr < rows) & (tc >= 0) & (tc < cols)
    terms = k[None, :] * counts.ravel()[src][:, None]
    return np.bincount((tr * cols + tc)[inside], terms[inside], minlength=rows * cols).reshape(rows, cols)


def _counts(rng: np.random.Generator, rows: int, cols: int, n: int) -> np.ndarray:
    counts = np.zeros((rows, cols))
    r, c = rng.integers(0, rows, n), rng.integers(0, cols, n)
    np.add.at(counts, (r, c), rng.choice([1.0, 3.0, 0.0], n))
    return counts


@pytest.mark.parametrize("seed", range(6))
def test_spread_kernel_is_the_bincount(seed: int) -> None:
    rng = np.random.default_rng(seed)
    counts = _counts(rng, 40, 90, 300)
    for rad in (5, 8):
        dr, dc, k = solvers._danger_kernel(rad)
        assert solvers._spread_kernel(counts, dr, dc, k).tobytes() == _spread_numpy(counts, rad).tobytes()


@pytest.mark.parametrize("n", [0, 1, 7, 8, 9, 127, 128, 129, 200, 1000, 3333, 3600, 9000])
def test_pairwise_is_numpy_sum(n: int) -> None:
    """The horde's pairwise sum (the one kept: the solver now sums its costs with numpy)."""
    from hyosan.sim.horde import kernels

    a = np.random.default_rng(n).random(n) * 61.0 + 1.0
    assert kernels._pairwise(a, 0, n) == float(a.sum())


@pytest.mark.parametrize("seed", range(12))
def test_stealth_flow_is_nav_flow_field(seed: int) -> None:
    """Random walls, danger and goals (one tile, or many): the same dist and dir as nav's field."""
    rng = np.random.default_rng(seed)
    rows, cols = (40, 90) if seed % 2 == 0 else (int(rng.integers(3, 30)), int(rng.integers(3, 50)))
    blocked = rng.random((rows, cols)) < (0.1 + 0.3 * rng.random())
    counts = _counts(rng, rows, cols, int(rng.integers(0, 400)))
    if seed % 3 == 0:
        goals = np.array([[int(rng.integers(0, rows)), int(rng.integers(0, cols))]])
    else:
        goals = np.argwhere(rng.random((rows, cols)) < 0.02).reshape(-1, 2)
    dr, dc, k = solvers._danger_kernel(5)
    got = solvers._stealth_flow(blocked, counts, goals, dr, dc, k, 60.0)
    cost = np.where(blocked, np.inf, 1.0 + 60.0 * _spread_numpy(counts, 5))
    want = flow_field(cost, goals)
    assert got.dist.dtype == want.dist.dtype and got.dir.dtype == want.dir.dtype
    assert got.dist.tobytes() == want.dist.tobytes()
    assert got.dir.tobytes() == want.dir.tobytes()
    assert got.goal_tiles.tobytes() == want.goal_tiles.tobytes() and got.leads == want.leads
    assert math.isfinite(float(got.dist[np.isfinite(got.dist)].sum()))


def _nearest_numpy(pos: np.ndarray, px: float, py: float, state: np.ndarray) -> tuple[int, int, float, float]:
    """What ``_nearest_rows`` replaced: the whole gaps array, its argmin and the nearest hunter's row."""
    from hyosan.sim.horde.horde import ATTACK, CHASE

    gaps = np.hypot(pos[:, 0] - px, pos[:, 1] - py)
    k = int(np.argmin(gaps)) if len(gaps) else -1
    hunting = np.flatnonzero(((state == CHASE) | (state == ATTACK)) & ~np.isnan(gaps))
    hunter = int(hunting[int(np.argmin(gaps[hunting]))]) if hunting.size else -1
    return k, hunter, float(gaps[k]) if k >= 0 else math.nan, float(gaps[hunter]) if hunter >= 0 else math.nan


def _same_float(a: float, b: float) -> bool:
    return np.float64(a).tobytes() == np.float64(b).tobytes() or (math.isnan(a) and math.isnan(b))


@pytest.mark.parametrize("seed", range(24))
def test_nearest_rows_is_the_whole_argmin(seed: int) -> None:
    """The nearest zombie and the nearest hunter, with their gaps, as the whole hypot array's
    argmin gives them: ties, zombies at nearly one distance (their squares and their hypots
    may order them differently), one on the lead, tiny and huge offsets (squares that
    underflow or overflow), infs and nans, none at all."""
    from hyosan.sim.horde.horde import ATTACK, CHASE

    rng = np.random.default_rng(seed)
    inverted = 0
    for trial in range(1000):
        n = int(rng.integers(0, 400)) if trial % 50 == 0 else int(rng.integers(0, 40))
        pos = rng.random((n, 2)) * (90 * 16 + 40) - 20.0
        state = rng.integers(0, 6, n).astype(np.uint8)
        px, py = float(rng.random() * 1400), float(rng.random() * 600)
        if n > 3:
            pos[rng.integers(0, n, 3)] = pos[0]  # ties
            # a ring of rows at one distance round the lead: their gaps a rounding apart
            d = float(rng.random() * 3.0) + 1e-3
            ring = rng.permutation(n)[:32]
            a = rng.random(ring.size) * 6.3
            pos[ring] = np.stack([px + d * np.cos(a), py + d * np.sin(a)], axis=1)
            if trial % 2:
                state[ring] = rng.choice([CHASE, ATTACK], ring.size)  # hunters: the same for the nearest hunter
        if n > 0 and trial % 7 == 0:
            special = [(px, py), (px + 1e-160, py), (px, py - 1e-170), (px + 3e-155, py + 4e-155),
                       (px + 1e200, py), (px + 1e155, py + 1e155), (np.inf, py), (px, -np.inf)]
            for row, value in zip(rng.integers(0, n, 3), [special[i] for i in rng.integers(0, 8, 3)]):
                pos[row] = value
        if n > 0 and trial % 13 == 0:
            pos[int(rng.integers(0, n)), int(rng.integers(0, 2))] = np.nan
        # (the horde's whole row arrays: rows past n, here on the lead and hunting, are not read)
        spare = np.concatenate([pos, [(px, py)] * 3]), np.concatenate([state, [CHASE] * 3]).astype(np.uint8)
        got = solvers._nearest_rows(spare[0], n, px, py, spare[1], CHASE, ATTACK)
        want = _nearest_numpy(pos, px, py, state)
        assert got[:2] == want[:2], trial
        assert _same_float(got[2], want[2]) and _same_float(got[3], want[3]), trial
        dx, dy = pos[:, 0] - px, pos[:, 1] - py
        with np.errstate(over="ignore", invalid="ignore"):  # (the huge and infinite offsets)
            inverted += n > 0 and int(np.argmin(dx * dx + dy * dy)) != want[0]
    assert inverted > 0  # (the squares alone would have picked another row: the cut's slack mattered)


def test_nearest_rows_where_squares_mislead() -> None:
    """Rows whose squares order them one way and their hypots the other, the nearer by hypot
    coming after: found among points on a circle round the lead; and squares in the
    subnormals, which keep a bit or two: (a, a) rounds to 2 ulps and (b, 0) to 1, though
    (b, 0) is the farther (b > a * sqrt 2): the cut's slack (relative, then absolute) keeps
    the nearer."""
    from hyosan.sim.horde.horde import ATTACK, CHASE

    rng = np.random.default_rng(0)
    px, py = 700.3, 300.7
    a = rng.random(50000) * 6.3
    ring = np.stack([px + 1.7 * np.cos(a), py + 1.7 * np.sin(a)], axis=1)
    dx, dy = ring[:, 0] - px, ring[:, 1] - py
    sq, gap = dx * dx + dy * dy, np.hypot(dx, dy)
    order = np.lexsort((gap, sq))
    flips = np.flatnonzero((np.diff(sq[order]) > 0) & (np.diff(gap[order]) < 0))
    assert flips.size >= 10
    cases = [(ring[order[f:f + 2]], px, py) for f in flips[:10].tolist()]
    a, b = math.sqrt(0.6) * 2.0 ** -537, math.sqrt(1.3) * 2.0 ** -537  # squares 0.6 and 1.3 of 2 ** -1074
    assert b > math.hypot(a, a) and a * a + a * a > b * b
    cases.append((np.array([[b, 0.0], [a, a]]), 0.0, 0.0))
    for two, x, y in cases:
        for first in ((x + 300.0, y + 2.0), (x, y)):  # far, or on the lead (the nearest, seen first)
            pos = np.concatenate([[first], two])
            for state in ([0, CHASE, ATTACK], [0, 0, 0], [ATTACK, 0, CHASE], [0, 0, CHASE]):
                state = np.array(state, dtype=np.uint8)
                got = solvers._nearest_rows(pos, 3, x, y, state, CHASE, ATTACK)
                want = _nearest_numpy(pos, x, y, state)
                assert got[:2] == want[:2]
                assert want[0] == (0 if first[0] == x else 2)
                assert want[1] == (-1 if not state.any() else 0 if state[0] and first[0] == x else 2)
                assert _same_float(got[2], want[2]) and _same_float(got[3], want[3])


@pytest.mark.parametrize("seed", range(6))
def test_horde_kernels_are_their_numpy(seed: int) -> None:
    """attacker's nearest hunter within a radius and danger_counts' np.add.at."""
    from hyosan.sim.horde.horde import ATTACK, CHASE

    rng = np.random.default_rng(seed)
    rows, cols, n = 40, 90, int(rng.integers(1, 400))
    pos = rng.random((n, 2)) * (cols * 16 + 40, rows * 16 + 40) - 20.0
    pos[rng.integers(0, n, 3)] = pos[0]  # ties
    ang = rng.random(n) * 6.3
    facing = np.stack([np.cos(ang), np.sin(ang)], axis=1)
    state = rng.integers(0, 6, n).astype(np.uint8)
    reach = rng.random((rows, cols)) < 0.7
    px, py = float(pos[1, 0] + 3.25), float(pos[1, 1] - 7.5)
    _, hunter, _, gap = solvers._nearest_rows(pos, n, px, py, state, CHASE, ATTACK)
    want = np.hypot(pos[:, 0] - px, pos[:, 1] - py)
    for radius in (0.0, 20.0, 90.0, 150.0, 400.0, np.inf):
        # StormDriver.attacker's numpy, against its reading of the nearest hunter
        hunting = (state == CHASE) | (state == ATTACK)
        r = np.nonzero(hunting & (want < radius))[0]
        expect = int(r[int(np.argmin(want[r]))]) if r.size else -1
        assert (hunter if hunter >= 0 and gap < radius else -1) == expect
    ahead = pos + facing * 24.0
    zc = np.clip((pos[:, 0] // 16).astype(np.int64), 0, cols - 1)
    zr = np.clip((pos[:, 1] // 16).astype(np.int64), 0, rows - 1)
    c = np.clip((ahead[:, 0] // 16).astype(np.int64), 0, cols - 1)
    r = np.clip((ahead[:, 1] // 16).astype(np.int64), 0, rows - 1)
    counts = np.zeros((rows, cols))
    np.add.at(counts, (r, c), np.where(state == CHASE, 3.0, 1.0) * reach[zr, zc])
    got = solvers._danger_counts(pos, facing, state, CHASE, reach, 24.0, 16.0, rows, cols)
    assert got.tobytes() == counts.tobytes()


def _mark_boxes_numpy(blocked: np.ndarray, boxes: np.ndarray, marks: np.ndarray, m: float) -> None:
    """The numpy slice writes ``_mark_boxes`` replaced (Driver._blocked's and the Storm margin's)."""
    rows, cols = blocked.shape
    for (left, bottom, right, top), mark in zip(boxes.tolist(), marks.tolist()):
        if mark & 1:
            c0, r0 = int((left - 1) // 16), int((bottom - 1) // 16)
            c1, r1 = int((right + 1) // 16), int((top + 1) // 16)
            blocked[max(r0, 0):r1 + 1, max(c0, 0):c1 + 1] = True
        if mark & 2:
            c0, r0 = int((left - m) // 16), int((bottom - m) // 16)
            c1, r1 = int((right + m) // 16), int((top + m) // 16)
            blocked[max(r0, 0):min(r1, rows - 1) + 1, max(c0, 0):min(c1, cols - 1) + 1] = True


@pytest.mark.parametrize("seed", range(8))
def test_mark_boxes_is_the_slices(seed: int) -> None:
    """Boxes anywhere, off the map on every side too (a negative stop wraps, as a slice does)."""
    rng = np.random.default_rng(seed)
    rows, cols = 40, 90
    x = rng.random((60, 2)) * (cols * 16 + 400) - 200
    y = rng.random((60, 2)) * (rows * 16 + 400) - 200
    boxes = np.stack([x.min(1), y.min(1), x.max(1), y.max(1)], axis=1)
    boxes[:5] = [[1.0, 1.0, 3.0, 3.0], [-40.0, -40.0, -20.0, -20.0], [-40.0, -40.0, -16.5, -17.0],
                 [1430.0, 630.0, 1600.0, 700.0], [0.0, -1.0, 15.0, 14.999]]
    marks = rng.integers(0, 4, 60)
    base = rng.random((rows, cols)) < 0.2
    want = base.copy()
    _mark_boxes_numpy(want, boxes, marks, 12.0)
    got = base.copy()
    driver._mark_boxes(got, boxes, marks, 12.0, 16.0)
    assert got.tobytes() == want.tobytes()


def _driver_blocked_numpy(drv: driver.Driver, ignore: set[str]) -> np.ndarray:
    """``Driver._blocked`` as it was: a numpy slice write per prop shape, a tile per friend."""
    from hyosan.sim.physics import shape_bb

    w = drv.w
    blocked = drv._static("walls", drv._walls).copy()
    for door in w.doors:
        c, r = door.spec.tile
        blocked[r, c] = door.locked
    for prop in w.props:
        if prop.spec.id in ignore:
            continue
        for shape in prop.body.shapes:
            left, bottom, right, top = shape_bb(shape)
            c0, r0 = int((left - 1) // 16), int((bottom - 1) // 16)
            c1, r1 = int((right + 1) // 16), int((top + 1) // 16)
            blocked[max(r0, 0):r1 + 1, max(c0, 0):c1 + 1] = True
    if not drv.through_friends:
        for s in w.students:
            if s.alive and s is not w.lead_student:
                p = w.student_pos(s)
                c, r = w.tilemap.tile_of(float(p[0]), float(p[1]))
                blocked[r, c] = True
    return blocked


@pytest.mark.parametrize("ref", ["hyosan/storm-crossing", "hyosan/yellow-markers", "nights/the-roof",
                                 "hyosan/construction-site-stand"])
def test_blocked_is_the_layered_numpy(ref: str) -> None:
    """Driver._blocked (the Storm's, the Markers' and the plain one) against the numpy
    layers it replaced, a played level's props bumped about, friends marked or not."""
    from hyosan.control.bots import make_bot
    from hyosan.playtest.bench_soak import _shipped_levels
    from hyosan.sim.physics import shape_bb
    from hyosan.sim.world import World

    world = World.from_spec(dict(_shipped_levels())[ref], 0)
    bot = make_bot("solver", 0)
    bot.reset(world)
    storm = ref.endswith(("markers", "crossing"))
    drv = solvers.TrailDriver(world) if ref.endswith("markers") else solvers.StormDriver(world) if storm \
        else driver.Driver(world)
    for tick in range(900):
        world.step(bot.act(world))
        if tick % 150:
            continue
        for friends in (False, True):
            drv.through_friends = friends
            for ignore in (set(), {p.spec.id for p in world.props[::3]}):
                want = _driver_blocked_numpy(drv, ignore | ({p.spec.id for p in world.props if p.body.mass <= 40.0}
                                                            if ref.endswith("markers") else set()))
                if storm:
                    want |= drv._static("puddles-lamps", drv._puddles_and_lamps)
                    rows, cols = want.shape
                    for prop in world.props:
                        if prop.type.alarm:
                            for shape in prop.body.shapes:
                                left, bottom, right, top = shape_bb(shape)
                                c0, r0 = int((left - 12.0) // 16), int((bottom - 12.0) // 16)
                                c1, r1 = int((right + 12.0) // 16), int((top + 12.0) // 16)
                                want[max(r0, 0):min(r1, rows - 1) + 1, max(c0, 0):min(c1, cols - 1) + 1] = True
                assert drv._blocked(ignore).tobytes() == want.tobytes()


@pytest.mark.parametrize("seed", range(6))
def test_flash_watchers_is_line_of_sight(seed: int) -> None:
    """Every zombie x every tile through sight.line_of_sight, summed per tile."""
    from hyosan.sim.sight import line_of_sight

    rng = np.random.default_rng(seed)
    rows, cols = 40, 90
    opaque = rng.random((rows, cols)) < 0.15
    zp = rng.random((int(rng.integers(1, 60)), 2)) * (cols * 16, rows * 16)
    zp[:3] = [[0.0, 0.0], [cols * 16 - 1e-9, 5.0], [8.0, 8.0]]
    cc, rr = np.meshgrid(np.arange(-3, 12) + int(rng.integers(0, cols)), np.arange(-3, 12) + int(rng.integers(0, rows)))
    tiles = np.stack([(cc.ravel() + 0.5) * 16, (rr.ravel() + 0.5) * 16], axis=1)
    tiles = np.concatenate([tiles, zp[:2] + 3.0])
    for flash in (320.0, 96.0, 5.0):
        want = line_of_sight(opaque, np.repeat(zp, len(tiles), axis=0), np.tile(tiles, (len(zp), 1)), flash)
        want = want.reshape(len(zp), len(tiles)).sum(axis=0)
        got = solvers._flash_watchers(opaque, zp, tiles, flash)
        assert got.tolist() == want.tolist()


@pytest.mark.parametrize("seed", range(10))
def test_stealth_field_step_at_is_the_whole_field(seed: int) -> None:
    """Read a tile at a time (the Dijkstra settled only so far, then on), in any order, the
    lazy field gives the whole field's steps (its direction rows read as next_step read them,
    a float32 hypot and a rounding per tick)."""
    rng = np.random.default_rng(100 + seed)
    rows, cols = (40, 90) if seed % 2 == 0 else (int(rng.integers(2, 25)), int(rng.integers(2, 40)))
    blocked = rng.random((rows, cols)) < (0.05 + 0.35 * rng.random())
    counts = _counts(rng, rows, cols, int(rng.integers(0, 300)))
    goals = np.argwhere(rng.random((rows, cols)) < 0.01).reshape(-1, 2) if seed % 3 else \
        np.array([[int(rng.integers(0, rows)), int(rng.integers(0, cols))]])
    dr, dc, k = solvers._danger_kernel(5)

    def build(b, c, g):
        return solvers._stealth_flow(b, c, g, dr, dc, k, 60.0)

    def begin(b, c, g):
        return solvers._stealth_search(b, c, g, dr, dc, k, 60.0)

    def step_of(d: np.ndarray) -> tuple[int, int] | None:  # next_step's reading, before the table
        if float(np.hypot(d[0], d[1])) < 0.5:
            return None
        return int(round(float(d[0]))), int(round(float(d[1])))

    whole = build(blocked, counts, goals).dir
    lazy = solvers.StealthField(blocked, counts, goals, build, begin)
    tiles = [(int(r), int(c)) for r, c in zip(rng.integers(0, rows, 60), rng.integers(0, cols, 60))]
    tiles += [(r, c) for r in range(rows) for c in range(cols)]
    for r, c in tiles:
        assert lazy.step_at(r, c) == step_of(whole[r, c]), (r, c)
    assert lazy._field is None  # never built whole
    assert solvers.StealthField(blocked, counts, goals, build).step_at(3 % rows, 5 % cols) == \
        step_of(whole[3 % rows, 5 % cols])


def test_leg_goal_is_the_mean_tile_centre() -> None:
    rng = np.random.default_rng(7)
    for k in (1, 2, 3, 7, 40, 300):
        tiles = rng.integers(0, 90, (k, 2))
        want = ((float(tiles[:, 1].mean()) + 0.5) * 16, (float(tiles[:, 0].mean()) + 0.5) * 16)
        assert solvers._leg_goal(tiles) == want and solvers._leg_goal(tiles) == want
        assert solvers._leg_goal(tiles.astype(np.int32)) == want


@pytest.mark.parametrize("seed", range(4))
def test_yellow_pen_tests_are_the_array_ones(seed: int) -> None:
    """``_in_pen_xy`` is ``_in_pen`` of one point, and the closed box ``_pen_intruder`` asks the
    horde about first holds every point ``_in_pen`` finds (else it would skip an intruder)."""
    from hyosan.sim.horde.kernels import any_in_box

    rng = np.random.default_rng(seed)
    x0, y0, x1, y1 = solvers.PEN_PX
    # points round the pen, and on its edges and their neighbouring floats exactly
    edges = [np.nextafter(v, v + d) for v in (x0, x1) for d in (-1.0, 0.0, 1.0)]
    xs = np.concatenate([rng.uniform(x0 - 40, x1 + 40, 200), edges, rng.choice(edges, 40)])
    ys = np.concatenate([rng.uniform(y0 - 40, y1 + 40, 200),
                         [np.nextafter(v, v + d) for v in (y0, y1) for d in (-1.0, 0.0, 1.0)], rng.uniform(y0, y1, 40)])
    pos = np.stack([xs, rng.permutation(ys)], axis=1)
    inside = solvers._in_pen(pos)
    assert inside.any() and not inside.all()
    for (x, y), want in zip(pos.tolist(), inside.tolist(), strict=True):
        assert solvers._in_pen_xy(x, y) is want
        assert not want or any_in_box(np.array([[x, y]]), x0, y0, x1, y1)
    assert bool(any_in_box(pos, x0, y0, x1, y1)) >= bool(inside.any())
    assert not any_in_box(pos[~inside & ((pos[:, 0] < x0) | (pos[:, 0] > x1) | (pos[:, 1] < y0) | (pos[:, 1] > y1))],
                          x0, y0, x1, y1)
