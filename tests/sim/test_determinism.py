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


def test_a_levels_words_do_not_move_its_runs_but_what_it_simulates_does() -> None:
    """The run's random stream is keyed by what the level simulates (``rng.sim_key``), not by
    its file's bytes: a comment, a reworded briefing or objective, a new title or par time, a
    place's name on the plan or a sound's caption and countdown leave every run as it was (a label added to each level
    reshuffled every solver proof); one more zombie is another level, and another stream. The
    file's own content hash still differs, so a replay of the old bytes is refused."""
    from pathlib import Path

    from hyosan.content.loader import load_level
    from hyosan.sim.rng import sim_key

    path = ROOT / "levels" / "hyosan" / "classroom-barricade.toml"
    text = path.read_text()
    reworded = ("# a designer's note\n" + text).replace('title = "Classroom Barricade"', 'title = "The Barricade"') \
        .replace("Second floor, Hyosan High.", "Second floor.").replace("par_seconds = 140", "par_seconds = 150") \
        .replace('text = "Lock and brace both doors', 'text = "Lock and barricade both doors') \
        + '\n[[labels]]\ntext = "Storeroom"\nat = [60.0, 18.0]\n'
    assert reworded.count("Lock and barricade") == 1 and "par_seconds = 150" in reworded
    more = text.replace("count = 40\n", "count = 41\n", 1)
    assert more != text and "count = 40\n" in text
    spec, words, other = (load_level(Path("classroom-barricade.toml"), t.encode()) for t in (text, reworded, more))
    assert spec.content_hash != words.content_hash  # (a replay of one is refused on the other)
    assert sim_key(words) == sim_key(spec) and sim_key(other) != sim_key(spec)

    def end(level) -> str:
        world = World.from_spec(level, 3)
        for _ in range(240):
            world.step(cmd.EMPTY_INPUT)
        return world.state_hash()

    assert end(words) == end(spec) != end(other)
