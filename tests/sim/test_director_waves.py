"""The director skips its waves' loop until some wave is due more arrivals: the tick it waits
for is the first the loop would have spawned on, and a level's waves arrive as they did."""

from __future__ import annotations

import numpy as np

from hyosan.content.schema import WaveSpec
from hyosan.playtest.bench_soak import _shipped_levels
from hyosan.sim.director import INVESTIGATE, STATE_CODES, WaveState, _zone_px
from hyosan.sim.units import TICK_HZ
from hyosan.sim.world import World


def test_next_due_is_the_first_tick_the_loop_finds_more_due() -> None:
    rng = np.random.default_rng(4)
    spec = WaveSpec("w", "walker", 1, (0.0, 0.0, 1.0, 1.0), 0.0)
    for _ in range(2000):
        count, start, spread = int(rng.integers(1, 40)), int(rng.integers(0, 500)), int(rng.integers(1, 900))
        wave = WaveState(spec, count, 0, int(rng.integers(0, count + 2)), start, spread)
        # (the loop's own test: due = min(count, count * (tick - start + 1) // spread) > arrived)
        due = next((t for t in range(start, start + spread + 1)
                    if min(count, count * (t - start + 1) // spread) > wave.arrived), float("inf"))
        assert wave.next_due() == due


def _plain_wave_loop(director, tick: int) -> None:
    """The waves' part of ``Director._arrivals`` as it was: every wave looked at every tick."""
    w = director.world
    solid = None
    for wave in director.waves:
        start = round(wave.spec.at_seconds * TICK_HZ)
        if tick < start or wave.arrived >= wave.count:
            continue
        spread = max(1, round(wave.spec.spread_seconds * TICK_HZ))
        due = min(wave.count, wave.count * (tick - start + 1) // spread)
        if due > wave.arrived:
            solid = w.spawn_floor() if solid is None else solid
            state = STATE_CODES.get(wave.spec.state, INVESTIGATE)
            got = w.horde.spawn_in_zone(_zone_px(wave.spec.zone), due - wave.arrived,
                                        w.breeds.index(wave.spec.breed), state, solid, origin=wave.origin)
            wave.arrived += max(got, 1)
        if wave.arrived >= wave.count:
            director.wave_done.add(wave.spec.id)


def test_the_sites_waves_arrive_on_the_ticks_and_rolls_the_plain_loop_spawns_them() -> None:
    spec = dict(_shipped_levels())["hyosan/construction-site-stand"]
    skipping, plain = World.from_spec(spec, 0), World.from_spec(spec, 0)
    for tick in range(4200):  # (no spawners here: only the waves spawn)
        skipping.director._arrivals(tick)
        _plain_wave_loop(plain.director, tick)
        assert skipping.horde._spawn_queue == plain.horde._spawn_queue
        assert [w.arrived for w in skipping.director.waves] == [w.arrived for w in plain.director.waves]
        assert skipping.director.wave_done == plain.director.wave_done
    assert skipping.horde._spawn_queue and skipping.director.wave_done
