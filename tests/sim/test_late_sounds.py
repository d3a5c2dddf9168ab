"""Sounds made in a tick's second half (after the horde has thought) are heard at its next
decision: a bitten student's scream draws the street, as its ring on screen says it does."""

from __future__ import annotations

from pathlib import Path

from hyosan.content.loader import load_level
from hyosan.sim import commands as cmd
from hyosan.sim import events as ev
from hyosan.sim.horde.horde import IDLE, INVESTIGATE
from hyosan.sim.world import World

# On-jo alone at the west end with a chaser on him; a sleeper-still idle zombie round the
# corner to the east, 15 tiles (240 px) off, out of sight behind the wall: only a sound reaches it.
STREET = """
id = "street"
title = "Street"
[map]
rows = \"\"\"
##############################
#.S..........#...............#
#............#...............#
#............................E
##############################
\"\"\"
[[squad]]
id = "on-jo"
at = [3.5, 2.5]
lead = true
[[zombies]]
count = 1
zone = [4.2, 2.4, 4.3, 2.6]
state = "chase"
[[zombies]]
count = 1
zone = [18.0, 1.4, 18.1, 1.6]
state = "idle"
"""


def test_a_bitten_students_scream_is_heard_by_a_zombie_out_of_sight() -> None:
    w = World.from_spec(load_level(Path("street.toml"), STREET.encode()), seed=0)
    far_uid = int(w.horde.uid[1])  # the idle one (rows are in spawn order at first; they move)
    assert w.horde.state[1] == IDLE
    screamed_at = None
    for _ in range(3 * 60):
        events = w.step(cmd.EMPTY_INPUT)
        if screamed_at is None and any(isinstance(e, ev.Sound) and e.kind == "scream" for e in events):
            screamed_at = w.tick
            scream = next(e for e in events if isinstance(e, ev.Sound) and e.kind == "scream")
        if screamed_at is not None and w.tick >= screamed_at + 3:  # a decision comes every 3 ticks
            break
    assert screamed_at is not None, "On-jo was never bitten"
    far = int(list(w.horde.uid).index(far_uid))
    assert w.horde.state[far] == INVESTIGATE
    assert tuple(w.horde.memory_all[far]) == (scream.x, scream.y)  # it goes to where the scream was
