"""For a few awake zombies (all pairs, row-major) separation's pair candidates are kept across
decisions until a zombie may have outrun the skin: the run is the one that found them afresh at
every decision, to the bit (the close pairs are summed in the same order from either list)."""

from __future__ import annotations

import numpy as np
import pytest

from hyosan.control.bots import make_bot
from hyosan.playtest.bench_soak import _shipped_levels
from hyosan.sim.horde.horde import DECIDE_TICKS, SEPARATION_ALL_PAIRS_MAX, Horde
from hyosan.sim.world import World


def _hashes(level: str, ticks: int) -> tuple[list[str], int, int]:
    world = World.from_spec(dict(_shipped_levels())[level], 0)
    bot = make_bot("greedy", 0)
    bot.reset(world)
    out, few = [], 0
    found = 0
    find = Horde._find_candidates

    def counted(self: Horde, pos: np.ndarray) -> None:
        nonlocal found
        found += 1
        find(self, pos)

    Horde._find_candidates = counted  # type: ignore[method-assign]
    try:
        for t in range(ticks):
            world.step(bot.act(world))
            few += 0 < world.horde.awake <= SEPARATION_ALL_PAIRS_MAX
            if t % 30 == 0:
                out.append(world.state_hash())
    finally:
        Horde._find_candidates = find  # type: ignore[method-assign]
    return out, few, found


def test_kept_candidates_run_as_those_found_at_every_decision(monkeypatch: pytest.MonkeyPatch) -> None:
    kept, few, found_kept = _hashes("hyosan/storm-crossing", 900)
    think = Horde.think

    def old_rule(self: Horde, tick: int, *rest: object) -> int:  # found afresh at every decision too
        if tick % DECIDE_TICKS == 0:
            self._cand_stale = True
        return think(self, tick, *rest)

    monkeypatch.setattr(Horde, "think", old_rule)
    fresh, _, found_fresh = _hashes("hyosan/storm-crossing", 900)
    assert kept == fresh
    assert few > 600 and found_kept < found_fresh  # few awake most of the run, and fewer searches
