"""``Objectives.update`` asks, most ticks, only the objectives a full pass would test (kept
until one is done) and runs the full pass from the first one met. Compared here with that full
pass (the loop it replaced) tick by tick, on every shipped level's objectives, with ``_met``
answering at random (the same answer for the same objective and tick in both)."""

from __future__ import annotations

import copy
import random

import pytest

from hyosan.content.discovery import resolve_level
from hyosan.content.schema import ObjectiveSpec
from hyosan.sim.objectives import Objectives

LEVELS = ["hyosan/construction-site-stand", "hyosan/yellow-markers", "hyosan/classroom-barricade",
          "hyosan/storm-crossing", "hyosan/trolley-shield-run", "sandbox/quiet-corridor"]


@pytest.mark.parametrize("ref", LEVELS)
@pytest.mark.parametrize("chance", [0.002, 0.02, 0.2])
def test_update_marks_what_the_full_pass_marks(ref: str, chance: float) -> None:
    _, spec = resolve_level(ref, None)
    fast, slow = Objectives(spec), Objectives(spec)
    salt = random.Random(f"{ref}{chance}").random()

    def met(self: Objectives, o: ObjectiveSpec, world: object, tick: int) -> bool:
        return random.Random(f"{o.id}/{tick}/{salt}").random() < chance

    for objectives in (fast, slow):
        objectives._met = met.__get__(objectives)  # type: ignore[method-assign]
    asked = 0
    for tick in range(4000):
        assert fast.update(None, tick) == slow._update_from(0, None, tick)  # (the full pass update made before)
        assert (fast.done, fast.started_tick, fast.current) == (slow.done, slow.started_tick, slow.current)
        asked += len(fast._asked[1])
        if fast.complete:
            break
    assert asked  # (the cache was used)
    assert fast.done == copy.deepcopy(slow.done)
