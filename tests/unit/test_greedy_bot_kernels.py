"""The greedy bot's compiled helpers and perceive's reading of the game's own horde give the
numpy answers they replaced, bit for bit."""

from __future__ import annotations

import math

import numpy as np
import pytest

from hyosan.control import bots, perceive


def _points(rng: np.random.Generator, n: int, x: float, y: float, radius: float) -> np.ndarray:
    """Zombies anywhere, and on and about the radius round (x, y): on its square's sides, an
    ulp inside and outside the circle, on the point itself; a few inf and nan."""
    pos = rng.random((n, 2)) * (x + 400.0, y + 400.0)
    if n >= 40:
        a = rng.random(20) * 6.3
        r = np.full(20, radius)
        r[::2] = np.nextafter(r[::2], 0.0)
        pos[:20] = np.stack([x + r * np.cos(a), y + r * np.sin(a)], axis=1)
        pos[20:26] = [(x + radius, y), (x, y - radius), (x - radius, y + 1e-300), (x, y), (np.inf, y), (x, np.nan)]
        pos[26:30] = [(np.nan, np.inf), (x + radius * 0.5, y + radius * 0.5), (-np.inf, -np.inf), (x + 1e-9, y)]
        rng.shuffle(pos)
    return pos


@pytest.mark.parametrize("seed", range(12))
def test_nearest_within_is_the_numpy(seed: int) -> None:
    """``_nearest_within`` is ``_spray``'s (and ``_evade``'s) numpy: the first nearest of the
    masked rows (or of all) within the radius, and its gap."""
    rng = np.random.default_rng(seed)
    x, y = float(rng.random() * 600), float(rng.random() * 600)
    for radius in (30.0, 90.0, 120.0, float(rng.random() * 50)):
        for n in (0, 1, 7, 60, 300):
            pos = _points(rng, n, x, y, radius)
            mask = rng.random(n) < 0.5
            with np.errstate(invalid="ignore"):
                offset = pos - np.array([x, y])
                dist = np.hypot(offset[:, 0], offset[:, 1])
                for masked in (True, False):
                    near = np.flatnonzero((mask if masked else True) & (dist < radius))
                    want = (int(near[np.argmin(dist[near])]), float(dist[near].min())) if near.size else (-1, math.nan)
                    k, d = bots._nearest_within(pos, x, y, mask, masked, radius)
                    assert k == want[0] and (np.float64(d).tobytes() == np.float64(want[1]).tobytes() or k < 0)


@pytest.mark.parametrize("seed", range(12))
def test_count_near_is_the_gap_matrix(seed: int) -> None:
    """``_count_near`` is ``_lure``'s ``(calm & (gap < near)).sum()`` over the whole gap matrix
    (a nan in a row's gaps makes its least nan: not counted)."""
    rng = np.random.default_rng(seed)
    for trial in range(20):
        way = np.cumsum(rng.random((int(rng.integers(1, 16)), 2)) * 16.0 - 8.0, axis=0) + rng.random(2) * 500
        if trial % 7 == 3:
            way[int(rng.integers(0, len(way)))] = (np.nan, 3.0) if trial % 2 else (np.inf, 3.0)
        x, y = way[0].tolist()
        zombies = _points(rng, int(rng.integers(0, 300)), x, y, 80.0)
        calm = rng.random(len(zombies)) < 0.7
        with np.errstate(invalid="ignore"):
            gap = np.hypot(zombies[:, None, 0] - way[None, :, 0], zombies[:, None, 1] - way[None, :, 1]).min(axis=1) \
                if len(zombies) else np.zeros(0)
        assert bots._count_near(zombies, calm, way, 80.0) == int((calm & (gap < 80.0)).sum())


@pytest.mark.parametrize("ref", ["hyosan/storm-crossing", "hyosan/construction-site-stand"])
def test_perceive_reads_the_own_horde_as_the_lookups(ref: str) -> None:
    """For the game's Horde, zombie_positions and chasing_mask give what the name lookups
    (positions of the first n rows, state == CHASE) give, as fresh arrays."""
    from hyosan.playtest.bench_soak import _shipped_levels
    from hyosan.sim.world import World

    world = World.from_spec(dict(_shipped_levels())[ref], 0)
    bot = bots.make_bot("greedy", 0)
    bot.reset(world)
    for tick in range(600):
        world.step(bot.act(world))
        if tick % 100:
            continue
        horde = world.horde
        n = len(perceive._all_positions(horde))
        rows = perceive._rows(horde, n)
        for got, want in ((perceive.zombie_positions(world), perceive._all_positions(horde)[rows]),
                          (perceive.chasing_mask(world), perceive._chasing_all(horde, n)[rows])):
            assert got.dtype == want.dtype and got.shape == want.shape and got.tobytes() == want.tobytes()
            assert not np.shares_memory(got, horde.pos_all) and not np.shares_memory(got, horde.state_all)
