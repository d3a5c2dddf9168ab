"""Bots: the greedy bot wins the sandbox, the random bot presses everything, designer bots load."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hyosan.cli import main
from hyosan.control.bots import BotLoadError, GreedyBot, RandomBot, flow_field, make_bot
from hyosan.playtest.runner import run_level
from hyosan.sim import commands as cmd
from hyosan.sim.world import World
from tests.helpers import sandbox


@pytest.mark.parametrize("seed", [0, 1])
def test_greedy_wins_the_sandbox_well_inside_the_time_limit(seed: int) -> None:
    result = run_level("sandbox/first-steps", sandbox(), GreedyBot(seed), "greedy", seed)
    assert result.outcome == "win" and result.sim_seconds < 60


def test_greedy_unlocks_a_locked_door_on_its_way(tmp_path: Path) -> None:
    from hyosan.content.loader import load_level

    text = (Path(__file__).resolve().parents[2] / "levels/sandbox/first-steps.toml").read_text()
    level = tmp_path / "locked.toml"
    level.write_text(text.replace('hinge = "west"', 'hinge = "west"\nlocked = true'))
    result = run_level(str(level), load_level(level), GreedyBot(), "greedy", 0)
    assert result.outcome == "win"


def test_the_flow_field_counts_steps_to_the_exit_through_the_door() -> None:
    world = World.from_spec(sandbox(), 0)
    tm = world.tilemap
    field = flow_field(~tm.solid, tm.exit_mask)
    assert field[9, 41] == 0 and field[9, 40] == 1
    assert field[8, 15] < field[7, 15] < field[2, 2]  # the doorway is on the way out
    assert field[0, 0] == np.iinfo(np.int32).max


def test_random_uses_every_kind_of_command() -> None:
    world = World.from_spec(sandbox(), 0)
    bot = RandomBot(1)
    bot.reset(world)
    seen: set[type] = set()
    for _ in range(4000):
        tick_input = bot.act(world)
        seen.update(type(c) for c in tick_input.commands)
        world.step(tick_input)
        if world.outcome is not None:
            break
    assert seen == set(cmd.COMMAND_TYPES.values())


BOT_FILE = """
from hyosan.sim import commands as cmd

class EastBot:
    def __init__(self, seed=0):
        self.seed = seed
    def reset(self, world):
        pass
    def act(self, world):
        return cmd.TickInput((cmd.Move(1.0, 0.0, "sprint"),))

NotABot = 3
"""


def test_a_designer_bot_file_loads_and_plays(tmp_path: Path, capsys) -> None:
    path = tmp_path / "my_bot.py"
    path.write_text(BOT_FILE)
    bot = make_bot(f"{path}:EastBot", 5)
    assert bot.seed == 5  # type: ignore[attr-defined]
    assert main(["playtest", "sandbox/first-steps", "--bot", f"{path}:EastBot", "--ticks", "60", "--json"]) == 0
    assert '"outcome": "timeout"' in capsys.readouterr().out


@pytest.mark.parametrize("spec, message", [
    ("{d}/missing.py:Bot", "does not exist"),
    ("{d}/my_bot.py:Nope", "has no class 'Nope' (it has: EastBot)"),
    ("{d}/my_bot.py:NotABot", "has no class 'NotABot'"),
    ("{d}/broken.py:X", "failed to load: SyntaxError"),
    ("wizard", "unknown bot 'wizard'"),
])
def test_bad_bot_names_are_one_clear_line(tmp_path: Path, capsys, spec: str, message: str) -> None:
    (tmp_path / "my_bot.py").write_text(BOT_FILE)
    (tmp_path / "broken.py").write_text("def (:\n")
    spec = spec.format(d=tmp_path)
    with pytest.raises(BotLoadError, match=message.replace("(", r"\(").replace(")", r"\)")):
        make_bot(spec)
    assert main(["playtest", "sandbox/first-steps", "--bot", spec]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message.split(" (")[0] in err[0]


def test_greedy_works_a_station_objective_then_leaves(tmp_path: Path) -> None:
    """A level that asks for the intercom first (in the classroom's far corner, off the way to
    the door) and then the exit: greedy walks there, works it, then heads out and wins; the
    intercom is used before anyone reaches the corridor."""
    from hyosan.content.loader import load_level
    from hyosan.sim import events as ev

    text = (Path(__file__).resolve().parents[2] / "levels/sandbox/first-steps.toml").read_text() + '''
[[stations]]
id = "intercom"
kind = "intercom"
at = [21.5, 6.5]
use_seconds = 3

[[objectives]]
id = "call"
kind = "use-station"
station = "intercom"

[[objectives]]
id = "out"
kind = "reach-exit"
'''
    level = tmp_path / "intercom.toml"
    level.write_text(text)
    used_at: list[int] = []
    corridor_at: list[int] = []

    def observe(world: World, events: list) -> None:
        used_at.extend(world.tick for e in events if isinstance(e, ev.StationUsed))
        if not corridor_at and world.student_pos(world.lead_student)[1] > 9 * 16:
            corridor_at.append(world.tick)

    result = run_level(str(level), load_level(level), GreedyBot(), "greedy", 0, observer=observe)
    assert result.outcome == "win"
    assert len(used_at) == 1 and corridor_at and used_at[0] < corridor_at[0]
