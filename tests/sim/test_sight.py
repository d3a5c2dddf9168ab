"""Line of sight, view cones and round-robin scheduling."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hyosan.sim.sight import (
    COVER_GROW_PX,
    can_see,
    can_see_by_tiles,
    cover_ranges,
    line_of_sight,
    round_robin_slice,
)

T = 16.0  # px per tile


def room(h: int = 20, w: int = 30) -> np.ndarray:
    return np.zeros((h, w), dtype=bool)


def centre(row: int, col: int) -> list[float]:
    return [(col + 0.5) * T, (row + 0.5) * T]


def test_walls_block_and_open_floor_does_not() -> None:
    opaque = room()
    a = np.array([centre(5, 2), centre(5, 2), centre(5, 2)])
    b = np.array([centre(5, 20), centre(12, 20), centre(5, 2)])
    assert line_of_sight(opaque, a, b, 1000.0).tolist() == [True, True, True]
    opaque[:, 10] = True
    assert line_of_sight(opaque, a, b, 1000.0).tolist() == [False, False, True]
    opaque[5, 10] = False  # a doorway on the straight ray only
    assert line_of_sight(opaque, a, b, 1000.0).tolist() == [True, False, True]


def test_range_respected() -> None:
    opaque = room()
    a = np.array([centre(5, 2)] * 2)
    b = np.array([centre(5, 12), centre(5, 12)])
    assert line_of_sight(opaque, a, b, np.array([159.0, 160.0])).tolist() == [False, True]


def test_outside_grid_is_opaque_and_endpoints_never_block() -> None:
    opaque = room()
    a = np.array([[-40.0, 40.0]])
    b = np.array([[-40.0, 200.0]])
    assert not line_of_sight(opaque, a, b, 1000.0)[0]
    opaque[5, 2] = True
    opaque[5, 8] = True
    assert line_of_sight(opaque, np.array([centre(5, 2)]), np.array([centre(5, 8)]), 1000.0)[0]


def test_cone_respected_and_chasing_sees_behind() -> None:
    opaque = room()
    z = np.array([centre(10, 10)] * 4)
    facing = np.array([[1.0, 0.0]] * 4)
    chasing = np.array([False, False, False, True])
    # Targets: ahead, 55 deg off (inside the 120 deg cone), 65 deg off, behind.
    ang = np.radians([0.0, 55.0, 65.0, 180.0])
    targets = np.array(centre(10, 10)) + 100.0 * np.stack([np.cos(ang), np.sin(ang)], axis=1)
    for k, expect in enumerate([True, True, False, False]):
        seen, idx = can_see(z[:1], facing[:1], chasing[:1], targets[k : k + 1], np.array([320.0]), opaque)
        assert seen[0] == expect and idx[0] == (0 if expect else -1)
    seen, idx = can_see(z[3:], facing[3:], chasing[3:], targets[3:], np.array([320.0]), opaque)
    assert seen[0] and idx[0] == 0


def test_nearest_visible_target_wins_and_light_range() -> None:
    opaque = room()
    opaque[3:18, 14] = True
    z = np.array([centre(10, 10)])
    facing = np.array([[1.0, 0.0]])
    targets = np.array([centre(10, 13), centre(10, 16), centre(10, 12), centre(11, 12)])
    # Target 0 (nearest reachable) is in the dark (70 px) and 48 px away: visible.
    # Target 1 is behind the wall, 2 is the nearest but out of its light range.
    rng = np.array([70.0, 320.0, 20.0, 320.0])
    seen, idx = can_see(z, facing, np.array([False]), targets, rng, opaque)
    assert seen[0] and idx[0] == 3  # target 3: 35.8 px, in range, closer than target 0 (48 px)
    seen, idx = can_see(z, facing, np.array([False]), targets[:3], rng[:3], opaque)
    assert seen[0] and idx[0] == 0
    seen, _ = can_see(z, facing, np.array([False]), targets[:3], rng[:3], opaque, sight_mult=np.array([0.5]))
    assert not seen[0]


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 200), st.integers(0, 1000), st.sampled_from([(20, 60), (15, 60), (60, 60), (10, 60)]))
def test_round_robin_covers_every_row_once_per_period(n: int, tick: int, rates: tuple[int, int]) -> None:
    hz, tick_hz = rates
    period = round(tick_hz / hz)
    got = np.concatenate([round_robin_slice(n, tick + k, hz, tick_hz) for k in range(period)])
    assert sorted(got.tolist()) == list(range(n))


@pytest.mark.parametrize("seed", range(12))
def test_the_component_prefilter_changes_no_answer(seed: int) -> None:
    """``may_see`` from the see-through components only skips rays that would be blocked:
    on random walled maps every zombie sees exactly what it saw without it."""
    from hyosan.sim.sight import neighbourhood_labels, transparent_components

    rng = np.random.default_rng(seed)
    h, w = 24, 36
    opaque = rng.random((h, w)) < (0.05 + 0.03 * (seed % 6))
    opaque[:, 12] = True  # rooms: two solid walls, sometimes with a gap (an open door)
    opaque[10, :] = True
    if seed % 2:
        opaque[int(rng.integers(0, h)), 12] = False
    n, m = 400, 4
    zombies = rng.uniform(0, [w * 16, h * 16], size=(n, 2))
    zombies[:40] = rng.uniform(-20, 20, size=(40, 2)) + zombies[40:80]  # some close pairs
    targets = rng.uniform(0, [w * 16, h * 16], size=(m, 2))
    angle = rng.uniform(0, 2 * np.pi, n)
    facing = np.stack([np.cos(angle), np.sin(angle)], axis=1)
    chasing = rng.random(n) < 0.3
    light = np.array([320.0, 240.0, 70.0, 320.0])
    mult = rng.choice([0.8, 1.0, 1.3], size=n)
    labels9 = neighbourhood_labels(transparent_components(opaque))
    zr = np.clip((zombies[:, 1] // 16).astype(int), 0, h - 1)
    zc = np.clip((zombies[:, 0] // 16).astype(int), 0, w - 1)
    may_see = np.zeros((n, m), dtype=bool)
    for t, (x, y) in enumerate(targets):
        mine = labels9[int(y // 16), int(x // 16)]
        view = np.isin(labels9, mine[mine >= 0]).any(axis=2)
        may_see[:, t] = view[zr, zc]
    plain = can_see(zombies, facing, chasing, targets, light, opaque, sight_mult=mult)
    filtered = can_see(zombies, facing, chasing, targets, light, opaque, sight_mult=mult, may_see=may_see)
    assert np.array_equal(plain[0], filtered[0]) and np.array_equal(plain[1], filtered[1])
    assert plain[0].any() and (~may_see).any()  # the maps have both: a test that could fail


def _ring(gap: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A box of four 40 x 20 px props around (100, 100), as the trolley box's rows and ends;
    ``gap``: the east end left out."""
    centres = [(100.0, 80.0), (100.0, 120.0), (70.0, 100.0), (130.0, 100.0)]
    angles = [0.0, 0.0, np.pi / 2, np.pi / 2]
    if gap:
        centres, angles = centres[:3], angles[:3]
    return np.array(centres), np.array(angles), np.full((len(centres), 2), (20.0, 10.0))


def test_a_student_walled_in_by_cover_is_seen_only_from_inside_it() -> None:
    inside, outside = (100.0, 100.0), (200.0, 100.0)
    ranges = cover_ranges(np.array([inside, outside]), *_ring())
    assert ranges[0] == 10.0 - COVER_GROW_PX  # the nearest cover: a row's inner face, 10 px away (grown 1.5 px)
    assert ranges[1] == np.inf  # outside the box: in the open
    assert cover_ranges(np.array([inside]), *_ring(gap=True))[0] == np.inf  # one end open: seen
    assert cover_ranges(np.zeros((0, 2)), *_ring()).shape == (0,)
    assert cover_ranges(np.array([inside]), np.zeros((0, 2)), np.zeros(0), np.zeros((0, 2)))[0] == np.inf


def test_a_view_table_reads_each_zombies_own_tile() -> None:
    """``view_table`` (per tile) answers as ``may_see`` gathered per zombie from the tile it
    stands on (``Horde``'s floor-and-clamp, off-grid, NaN and infinite points too). A random
    table, not a sound one, so a zombie reading the wrong tile's row would see otherwise."""
    from hyosan.sim.horde.horde import _tile_flat

    rng = np.random.default_rng(8)
    h, w, n, m = 20, 30, 500, 3
    opaque = rng.random((h, w)) < 0.04
    zombies = rng.uniform(-40, [w * 16 + 40, h * 16 + 40], size=(n, 2))
    zombies[:4] = [np.nan, 50.0], [np.inf, 50.0], [50.0, -np.inf], [1e300, 50.0]
    targets = rng.uniform(0, [w * 16, h * 16], size=(m, 2))
    zombies[4:200] = targets[rng.integers(0, m, 196)] + rng.uniform(-60, 60, size=(196, 2))  # within reach
    angle = rng.uniform(0, 2 * np.pi, n)
    facing = np.stack([np.cos(angle), np.sin(angle)], axis=1)
    chasing, light = rng.random(n) < 0.5, np.array([320.0, 240.0, 70.0])
    table = rng.random((h * w, m)) < 0.5
    by_tile = can_see(zombies, facing, chasing, targets, light, opaque, view_table=table)
    with np.errstate(invalid="ignore"):  # (numpy's cast of NaN and inf: the int64 floor the kernel mirrors)
        tiles = _tile_flat(zombies, (h, w))
    gathered = can_see(zombies, facing, chasing, targets, light, opaque, may_see=table[tiles])
    plain = can_see(zombies, facing, chasing, targets, light, opaque)
    assert np.array_equal(by_tile[0], gathered[0]) and np.array_equal(by_tile[1], gathered[1])
    assert (by_tile[0] != plain[0]).sum() > 10  # the table does hide zombies' views: a test that could fail


def test_by_tiles_is_can_see_with_a_view_table_and_sight_multipliers() -> None:
    """``can_see_by_tiles`` (the horde's call, its arrays ready) answers as ``can_see`` with
    the same ``sight_mult`` and ``view_table``: random zombies, facings, chasing, light ranges
    (dark, endless, NaN between decisions) and tables, none and one target too."""
    rng = np.random.default_rng(21)
    h, w = 20, 30
    for trial in range(40):
        n, m = int(rng.integers(0, 300)), int(rng.integers(0, 5))
        opaque = rng.random((h, w)) < 0.06
        zombies = rng.uniform(-20, [w * 16 + 20, h * 16 + 20], size=(n, 2))
        targets = rng.uniform(0, [w * 16, h * 16], size=(m, 2))
        angle = rng.uniform(0, 2 * np.pi, n)
        facing = np.stack([np.cos(angle), np.sin(angle)], axis=1)
        chasing = rng.random(n) < 0.3
        light = rng.choice([320.0, 240.0, 70.0, np.inf, np.nan, 0.0], size=m)
        mult = rng.choice([1.0, 1.25, 0.8], size=n)
        table = rng.random((h * w, m)) < rng.uniform(0.3, 1.0)
        want = can_see(zombies, facing, chasing, targets, light, opaque, sight_mult=mult, view_table=table)
        got = can_see_by_tiles(zombies, facing, chasing, targets, light, opaque, mult, table)
        assert np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1]), trial
        assert got[0].dtype == want[0].dtype and got[1].dtype == want[1].dtype


def test_the_nearest_visible_target_wins_and_ties_go_to_the_lower_index() -> None:
    """Rays are marched nearest first: a nearer target behind a wall gives way to a farther one
    in the open, and of two visible targets at exactly one distance the lower index is seen."""
    opaque = np.zeros((20, 20), dtype=bool)
    opaque[5:15, 8] = True  # a wall east of the zombie at (100, 160)
    zombie, facing = np.array([[100.0, 160.0]]), np.array([[1.0, 0.0]])
    light = np.array([320.0])
    walled_near = np.array([[150.0, 160.0], [100.0, 240.0], [100.0, 80.0]])  # 50 px behind the wall; 80 px S and N
    seen, idx = can_see(zombie, facing, np.array([True]), walled_near, light, opaque)
    assert seen.tolist() == [True] and idx.tolist() == [1]  # 2 is as near as 1: the lower index
    seen, idx = can_see(zombie, facing, np.array([True]), walled_near[[0, 2, 1]], light, opaque)
    assert idx.tolist() == [1]  # (now the northern one is the lower index)
    seen, idx = can_see(zombie, facing, np.array([True]), walled_near[:1], light, opaque)
    assert seen.tolist() == [False] and idx.tolist() == [-1]
