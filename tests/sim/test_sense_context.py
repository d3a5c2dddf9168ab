"""The horde reads the students' sight ranges only on its decision ticks: the world works them
out only then (``World._sense_context(looking=...)``), and a run is the same to the bit as one
that works them out every tick."""

from __future__ import annotations

import numpy as np
import pytest

from hyosan.control.bots import make_bot
from hyosan.playtest.bench_soak import _shipped_levels
from hyosan.sim.horde.horde import DECIDE_TICKS
from hyosan.sim.world import World


def _hashes(ref: str, ticks: int, always_look: bool, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    if always_look:
        full = World._sense_context
        monkeypatch.setattr(World, "_sense_context", lambda self, looking=True: full(self, True))
    w = World.from_spec(dict(_shipped_levels())[ref], 0)
    bot = make_bot("solver", 0)
    bot.reset(w)
    out = []
    while w.outcome is None and w.tick < ticks:
        w.step(bot.act(w))
        if w.tick % 50 == 0:
            out.append(w.state_hash())
    monkeypatch.undo()
    return out


@pytest.mark.parametrize("ref", ["nights/the-roof", "hyosan/trolley-shield-run"])
def test_sight_worked_out_only_on_decision_ticks_changes_nothing(ref: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _hashes(ref, 3000, False, monkeypatch) == _hashes(ref, 3000, True, monkeypatch)


def test_between_decisions_the_sight_ranges_are_nan_and_on_them_the_light() -> None:
    w = World.from_spec(dict(_shipped_levels())["nights/the-roof"], 0)
    between = w._sense_context(looking=False)
    looked = w._sense_context()
    assert between.student_ids == looked.student_ids and np.array_equal(between.student_pos, looked.student_pos)
    assert np.isnan(between.light_range).all() and not between.light_range.flags.writeable
    assert (looked.light_range > 0).all() and DECIDE_TICKS > 1
