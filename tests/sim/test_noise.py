"""Sound reach over the tile grid, hearing and weather."""

from __future__ import annotations

import heapq
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hyosan.sim.noise import (
    T_CLOSED_DOOR,
    T_OPEN_DOOR,
    SoundReachCache,
    hearing,
    sound_reach,
    weather_multiplier,
)
from hyosan.sim.units import TILE_PX

MOVES = [(0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, -1), (1, -1), (-1, 1)]


def reference_reach(trans: np.ndarray, src: tuple[int, int], loud: float) -> np.ndarray:
    """Widest-path reference with a max-heap (reach never grows along a path)."""
    h, w = trans.shape
    reach = np.zeros((h, w))
    if loud <= 0:
        return reach
    reach[src] = loud
    heap = [(-loud, src[0], src[1])]
    while heap:
        neg, r, c = heapq.heappop(heap)
        if -neg < reach[r, c]:
            continue
        for dr, dc in MOVES:
            tr, tc = r + dr, c + dc
            if not (0 <= tr < h and 0 <= tc < w) or trans[tr, tc] <= 0:
                continue
            if dr and dc and not (trans[r + dr, c] > 0 and trans[r, c + dc] > 0):
                continue
            nr = -neg - TILE_PX * (math.sqrt(2.0) if dr and dc else 1.0)
            if trans[tr, tc] < 1:
                nr *= float(trans[tr, tc])
            if nr > reach[tr, tc]:
                reach[tr, tc] = nr
                heapq.heappush(heap, (-nr, tr, tc))
    return reach


@st.composite
def sound_cases(draw: st.DrawFn) -> tuple[np.ndarray, tuple[int, int], float]:
    h = draw(st.integers(1, 14))
    w = draw(st.integers(1, 14))
    vals = draw(st.lists(st.sampled_from([1.0, 1.0, 1.0, 0.0, 0.4, 0.9, 0.5]), min_size=h * w, max_size=h * w))
    trans = np.array(vals, dtype=np.float32).reshape(h, w)
    src = (draw(st.integers(0, h - 1)), draw(st.integers(0, w - 1)))
    loud = draw(st.sampled_from([0.0, 10.0, 70.0, 180.0, 320.0]) | st.floats(0, 400))
    return trans, src, loud


@settings(max_examples=150, deadline=None)
@given(sound_cases())
def test_reach_matches_reference(case: tuple[np.ndarray, tuple[int, int], float]) -> None:
    trans, src, loud = case
    got = sound_reach(trans, src, loud)
    want = reference_reach(trans.astype(np.float64), src, loud)
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-3)


def test_reach_is_bit_for_bit_the_line_sweep_solvers() -> None:
    """The compiled search gives the exact numbers the line-sweep relaxation it replaced gave
    (replays recorded before it must verify): the digest of 60 seeded windows, walls, doors and
    windows, as computed by that solver on 74b55da."""
    import hashlib

    rng = np.random.default_rng(2024)
    digest = hashlib.sha256()
    for _ in range(60):
        h, w = (int(v) for v in rng.integers(4, 48, size=2))
        trans = rng.choice([1.0, 1.0, 1.0, 0.0, 0.4, 0.9, 0.5], size=(h, w))
        src = (int(rng.integers(0, h)), int(rng.integers(0, w)))
        digest.update(sound_reach(trans, src, float(rng.uniform(10.0, 800.0))).tobytes())
    assert digest.hexdigest()[:16] == "34bfdfdfe5793dbf"


def test_wall_blocks_completely() -> None:
    trans = np.ones((20, 40), dtype=np.float32)
    trans[:, 20] = 0.0
    reach = sound_reach(trans, (10, 18), 2400.0)
    assert reach[:, :20].max() > 2000
    assert np.all(reach[:, 20:] == 0.0)


@pytest.mark.parametrize("door", [T_CLOSED_DOOR, T_OPEN_DOOR])
def test_door_multiplies_what_is_left_of_the_range(door: float) -> None:
    """Past a door the remaining range is multiplied by the door's transmission.

    Corridor 1 tile high; source at col 0, door at col 10, loudness 400 px. Entering the
    door tile the loudness is (400 - 10*16) * T; each tile further costs 16 px more:
    reach(col 10 + x) = 240*T - 16x. Closed door (T=0.4): 96 px at the door, so the sound
    carries 6 tiles past it; open door (T=0.9): 216 px, 13.5 tiles; no door: 240 px, 15.
    """
    trans = np.ones((1, 40), dtype=np.float32)
    trans[0, 10] = door
    reach = sound_reach(trans, (0, 0), 400.0)
    no_door = sound_reach(np.ones((1, 40), dtype=np.float32), (0, 0), 400.0)
    x = np.arange(0, 30)
    expected = np.maximum(240.0 * door - 16.0 * x, 0.0)
    np.testing.assert_allclose(reach[0, 10:40], expected, atol=1e-3)
    assert reach[0, 10] == pytest.approx(door * no_door[0, 10], abs=1e-3)
    # Reach left past the door (in px of further travel) scales exactly with T.
    assert reach[0, 10] / no_door[0, 10] == pytest.approx(door, rel=1e-6)


def test_closed_door_vs_open_door_ratio() -> None:
    """At the doorway a closed door leaves 0.4/0.9 = 44 % of what an open door leaves."""
    trans = np.ones((9, 30), dtype=np.float32)
    trans[:, 15] = 0.0
    trans[4, 15] = T_CLOSED_DOOR
    closed = sound_reach(trans, (4, 5), 300.0)
    trans[4, 15] = T_OPEN_DOOR
    opened = sound_reach(trans, (4, 5), 300.0)
    assert closed[4, 15] == pytest.approx((300 - 10 * 16) * 0.4, abs=1e-3)
    assert closed[4, 15] / opened[4, 15] == pytest.approx(0.4 / 0.9, rel=1e-6)
    assert closed[4, 16:].max() < opened[4, 16:].max()


def test_zero_loudness_reaches_nothing() -> None:
    trans = np.ones((5, 5), dtype=np.float32)
    assert not sound_reach(trans, (2, 2), 0.0).any()
    assert not sound_reach(trans, (2, 2), -3.0).any()


def test_pa_reaches_across_150_tile_corridor() -> None:
    trans = np.zeros((5, 152), dtype=np.float32)
    trans[1:4, 1:151] = 1.0  # 3 tiles high, 150 tiles long, walled
    reach = sound_reach(trans, (2, 1), 2400.0)
    assert reach[2, 150] == pytest.approx(2400.0 - 149 * 16.0, abs=1e-3)
    assert (reach[1:4, 1:151] > 0).all()
    assert reach[0].max() == 0.0


def test_hearing_picks_loudest_source() -> None:
    trans = np.ones((10, 10), dtype=np.float32)
    a = sound_reach(trans, (0, 0), 200.0)
    b = sound_reach(trans, (9, 9), 200.0)
    zombies = np.array([[8.0, 8.0], [150.0, 150.0], [80.0, 8.0], [1000.0, 1000.0]])  # px
    heard, idx, strength = hearing(zombies, [(a, (8.0, 8.0)), (b, (152.0, 152.0))])
    assert heard.tolist() == [True, True, True, True]
    assert idx.tolist() == [0, 1, 0, 1]  # the far zombie is clamped onto tile (9, 9)
    assert strength[0] == pytest.approx(200.0)
    silent = np.zeros((10, 10), dtype=np.float32)
    heard, idx, strength = hearing(zombies, [(silent, (0.0, 0.0))])
    assert not heard.any() and (idx == -1).all() and (strength == 0).all()
    heard, idx, _ = hearing(zombies, [])
    assert not heard.any() and (idx == -1).all()


def test_weather_multiplier() -> None:
    assert weather_multiplier(False, False) == 1.0
    assert weather_multiplier(True, False) == pytest.approx(0.55)
    assert weather_multiplier(False, True) == pytest.approx(0.15)
    assert weather_multiplier(True, True) == pytest.approx(0.55 * 0.15)


def test_reach_cache_reuses_within_and_across_ticks() -> None:
    trans = np.ones((20, 20), dtype=np.float32)
    cache = SoundReachCache(max_entries=2)
    g1 = cache.get(trans, (5, 5), 350.0, 0, tick=1)
    assert cache.get(trans, (5, 5), 350.0, 0, tick=1) is g1
    assert cache.computes == 1
    cache.get(trans, (5, 5), 350.0, 1, tick=1)  # grid changed
    cache.get(trans, (6, 5), 350.0, 1, tick=2)  # evicts the oldest
    assert cache.computes == 3
    assert cache.get(trans, (5, 5), 350.0, 0, tick=3) is not g1
    assert cache.computes == 4


def test_infinite_loudness_rejected() -> None:
    with pytest.raises(ValueError):
        sound_reach(np.ones((3, 3), dtype=np.float32), (1, 1), float("inf"))
    assert not sound_reach(np.ones((3, 3), dtype=np.float32), (1, 1), float("nan")).any()
