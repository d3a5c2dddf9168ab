"""The horde skips its halfbie-only steps (stalking the lead's noise, eyes for the lead only,
running the lead down) while no live zombie is of a breed that ignores lures: the flag it
keeps for that must say so exactly whenever rows come or go."""

from __future__ import annotations

import numpy as np

from hyosan.sim import commands as cmd
from tests.helpers import world_of_toml
from tests.sim.test_halfbie import YARD


def test_the_stalkers_flag_follows_the_live_rows() -> None:
    world = world_of_toml(YARD)
    horde = world.horde
    halfbie, walker = horde.breeds.index("halfbie"), horde.breeds.index("walker")
    rng = np.random.default_rng(3)
    seen = set()
    for tick in range(240):
        if tick % 7 == 0:  # halfbies come in the first half only
            horde.request_spawn(float(rng.uniform(200, 600)), float(rng.uniform(24, 100)),
                                int(rng.choice([walker, walker, halfbie] if tick < 120 else [walker])))
        if tick % 11 == 5 and horde.n:
            horde.request_kill(int(rng.integers(0, horde.n)))
        if tick == 150:  # then every one of them goes
            for row in np.flatnonzero(horde.breed_all[: horde.n] == halfbie).tolist():
                horde.request_kill(row)
        world.step(cmd.EMPTY_INPUT)
        live = bool(horde.breeds.ignores_lures[horde.breed_all[: horde.n]].any())
        assert horde._has_stalkers == live, tick
        seen.add(live)
    assert seen == {True, False}  # both ways, as the rows came and went
