"""Same level, seed and inputs -> same state hash, here, in a fresh process, under any hash seed."""

from __future__ import annotations

import os
import subprocess
import sys

from hyosan.sim import commands as cmd
from hyosan.sim.world import World
from tests.helpers import ROOT, sandbox, scripted_input

TICKS = 300
SCRIPT = """
import sys
sys.path.insert(0, {root!r})
from hyosan.sim.world import World
from tests.helpers import sandbox, scripted_input
w = World.from_spec(sandbox(), seed={seed})
for t in range({ticks}):
    w.step(scripted_input(t))
print(w.state_hash())
"""


def run_hash(seed: int, inputs=scripted_input) -> str:
    world = World.from_spec(sandbox(), seed=seed)
    for t in range(TICKS):
        world.step(inputs(t))
    return world.state_hash()


def fresh_process_hash(seed: int, hash_seed: str) -> str:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed)
    out = subprocess.run([sys.executable, "-c", SCRIPT.format(root=str(ROOT), seed=seed, ticks=TICKS)],
                         env=env, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_same_inputs_same_hash_in_process() -> None:
    assert run_hash(3) == run_hash(3)


def test_same_hash_in_fresh_processes_under_different_hash_seeds() -> None:
    here = run_hash(3)
    assert fresh_process_hash(3, "0") == here
    assert fresh_process_hash(3, "12345") == here


def test_a_different_seed_changes_the_hash() -> None:
    assert run_hash(3) != run_hash(4)


def test_a_different_input_changes_the_hash() -> None:
    def other(t: int) -> cmd.TickInput:
        return cmd.TickInput((cmd.Move(0.0, 1.0, "walk"),)) if t == 10 else scripted_input(t)

    assert run_hash(3, other) != run_hash(3)


def test_hash_changes_every_tick_while_moving() -> None:
    world = World.from_spec(sandbox(), seed=0)
    hashes = set()
    for _ in range(30):
        world.step(cmd.TickInput((cmd.Move(1.0, 0.0),)))
        hashes.add(world.state_hash())
    assert len(hashes) == 30
