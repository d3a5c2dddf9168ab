"""So-ju's arrival in Trolley Shield Run is survivable. The lead reaches the last stretch (the
squad has done its part), So-ju breaks in with her crash, the back-door crowd turns on her: she
must still be standing 10 s later. Played back from a solver run she was torn down ~2.5 s after
joining every time: she came in under the storeroom's doorway and the twenty of the crowd came
through it and round her; now she comes in snug in the far corner and the crowd is twelve."""

from __future__ import annotations

import pytest

from hyosan.content.discovery import resolve_level
from hyosan.sim import commands as cmd
from hyosan.sim import events as ev
from hyosan.sim.units import TICK_HZ, TILE_PX
from hyosan.sim.world import World

HOLD_SECONDS = 10.0  # s after she joins: the solver's box is at the storeroom's door by then


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_so_ju_survives_her_break_in(seed: int) -> None:
    _, spec = resolve_level("hyosan/trolley-shield-run", None)
    world = World(spec, seed)
    world.step(cmd.TickInput())
    lead = world.lead_student
    lead.body.position = (88 * TILE_PX, 15.5 * TILE_PX)  # in the last stretch: she breaks in
    world.bodies.pos[lead.index] = lead.body.position
    joined, bites, turned = None, 0, False
    for _ in range(round((HOLD_SECONDS + 0.5) * TICK_HZ)):
        for e in world.step(cmd.TickInput()):
            if isinstance(e, ev.AllyJoined) and e.student == "so-ju":
                joined = world.tick
            bites += isinstance(e, ev.Bitten) and e.student == "so-ju"
            turned = turned or (isinstance(e, ev.Turned) and e.student == "so-ju")
    assert joined is not None and world.tick - joined >= HOLD_SECONDS * TICK_HZ
    so_ju = next(s for s in world.students if s.id == "so-ju")
    assert not turned and so_ju.alive
    assert bites >= 3  # the crowd did come for her: she fought, she was not simply left alone
