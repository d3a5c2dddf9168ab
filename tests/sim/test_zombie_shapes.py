"""Zombies far from everything pymunk could make them touch leave their circle out of the space
(``Horde.fit_shapes``); near a wall, a door, a prop or a student they always have it."""

from __future__ import annotations

import numpy as np
import pytest

import hyosan.sim.horde.horde as horde_module
from hyosan.benchmarks.horde import packed_world
from hyosan.control.bots import make_bot
from hyosan.playtest.bench_soak import _shipped_levels
from hyosan.sim.commands import EMPTY_INPUT
from hyosan.sim.horde.horde import SHAPE_NEAR_PX, SHAPE_NEAR_TILES
from hyosan.sim.units import TILE_PX
from hyosan.sim.world import World


def _must_have_circle(world: World) -> np.ndarray:
    """Per awake row: whether its zombie is close enough to something to need its circle,
    worked out here from the geometry (not from the horde's own masks)."""
    h = world.horde
    pos = h.pos_all[: h.awake]
    solid = world.tilemap.solid
    rows, cols = solid.shape
    tr = np.clip((pos[:, 1] // TILE_PX).astype(int), 0, rows - 1)
    tc = np.clip((pos[:, 0] // TILE_PX).astype(int), 0, cols - 1)
    wr, wc = np.nonzero(solid)
    k = SHAPE_NEAR_TILES
    near_wall = np.array([bool(np.any((abs(wr - r) <= k) & (abs(wc - c) <= k))) for r, c in zip(tr, tc, strict=True)], dtype=bool)
    near_edge = (tr < k) | (tc < k) | (tr >= rows - k) | (tc >= cols - k)
    reach = world._body_reach()
    gap = (np.hypot(pos[:, 0, None] - reach[None, :, 0], pos[:, 1, None] - reach[None, :, 1]) - reach[None, :, 2]).min(axis=1)
    return near_wall | near_edge | (gap < SHAPE_NEAR_PX)


def test_circles_follow_what_a_zombie_could_touch(monkeypatch: pytest.MonkeyPatch) -> None:
    # Storm wakes 20-50 zombies in loose groups, under the trimming thresholds: lower them so
    # its open car park, doors, cars and students all take part.
    monkeypatch.setattr(horde_module, "SHAPE_TRIM_MIN_AWAKE", 1)
    monkeypatch.setattr(horde_module, "SHAPE_TRIM_CROWD", 0.0)
    spec = dict(_shipped_levels())["hyosan/storm-crossing"]
    world = World.from_spec(spec, 1)
    bot = make_bot("random", 1)
    bot.reset(world)
    h = world.horde
    fit = h.fit_shapes
    seen = {"checked": 0, "shapeless": 0}

    def checked_fit(body_reach) -> None:
        fit(body_reach)  # then, at the same positions, every zombie that needs its circle has it
        slots = h.slot_all[: h.awake]
        need = _must_have_circle(world)
        assert h.shaped[slots][need].all()
        seen["checked"] += int(need.sum())
        seen["shapeless"] += int((~h.shaped[slots]).sum())

    h.fit_shapes = checked_fit
    for _ in range(900):
        world.step(bot.act(world))
        if world.outcome is not None:
            break
    circles = {id(s) for s in world.space.shapes}
    assert all((id(h.pool[s][1]) in circles) == bool(h.shaped[s]) for s in range(h.capacity))
    assert not h.shaped[~h.in_space].any()
    assert seen["checked"] > 0 and seen["shapeless"] > 0  # both kinds happen on this level


def test_a_shapeless_zombie_dies_and_respawns_cleanly(monkeypatch: pytest.MonkeyPatch) -> None:
    world = packed_world(800, warmup=240)  # a pile against a barricade: its middle has no circles
    h = world.horde
    rows = np.flatnonzero(~h.shaped[h.slot_all[: h.awake]])
    assert rows.size > 3
    n = h.n
    for row in rows[:3].tolist():
        h.request_kill(row)
    walker = world.breeds.index("walker")
    x, y = h.pos_all[rows[-1]]
    h.request_spawn(float(x), float(y), walker, 0)
    world.step(EMPTY_INPUT)
    world.step(EMPTY_INPUT)
    assert h.n == n - 3 + 1
    circles = {id(s) for s in world.space.shapes}
    assert all((id(h.pool[s][1]) in circles) == bool(h.shaped[s]) for s in range(h.capacity))
    assert not h.shaped[~h.in_space].any()
    # Fewer awake than the threshold: every circle comes back.
    monkeypatch.setattr(horde_module, "SHAPE_TRIM_MIN_AWAKE", h.awake + 1)
    world.step(EMPTY_INPUT)
    assert h.shaped[h.slot_all[: h.awake]].all()
