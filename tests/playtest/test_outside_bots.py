"""An outside developer's bot files: what they may import, and what a crash does to a batch."""

from __future__ import annotations

from pathlib import Path

import pytest

from hyosan.cli import main
from hyosan.control.bots import BotLoadError, make_bot
from hyosan.playtest.batch import run_batch
from tests.helpers import sandbox

HELPER = """
from hyosan.sim import commands as cmd


class Walker:
    def reset(self, world):
        pass

    def act(self, world):
        return cmd.TickInput((cmd.Move(1.0, 0.0, "walk"),))
"""

MAIN = """
from walker_helper import Walker  # a module beside this file


class MyBot(Walker):
    pass


class Fussy(Walker):
    def __init__(self):
        raise ValueError("needs a map")
"""

LATE_CRASH = """
from hyosan.sim import commands as cmd


class LateCrash:
    def reset(self, world):
        pass

    def act(self, world):
        if world.tick == 45:
            raise RuntimeError("lost my way")
        return cmd.EMPTY_INPUT
"""


def test_a_bot_file_imports_a_module_beside_it(tmp_path: Path) -> None:
    # "from mybot import SneakyBot" in a bot file failed: ModuleNotFoundError: No module named 'mybot'.
    (tmp_path / "walker_helper.py").write_text(HELPER)
    (tmp_path / "main_bot.py").write_text(MAIN)
    bot = make_bot(f"{tmp_path}/main_bot.py:MyBot")
    assert type(bot).__name__ == "MyBot" and type(bot).__mro__[1].__name__ == "Walker"


def test_a_bot_that_fails_to_build_says_the_line(tmp_path: Path) -> None:
    (tmp_path / "walker_helper.py").write_text(HELPER)
    (tmp_path / "main_bot.py").write_text(MAIN)
    line = MAIN.split("\n").index('        raise ValueError("needs a map")') + 1
    with pytest.raises(BotLoadError, match=r"could not be made: ValueError: needs a map at .*main_bot.py:" + str(line)):
        make_bot(f"{tmp_path}/main_bot.py:Fussy")


def test_crashed_runs_keep_how_far_they_got_and_stay_out_of_the_numbers(tmp_path: Path, capsys) -> None:
    # Two crashes read "won 0 (0%, 95% CI 0-66%), time median 0.0 s": each counted a 0 s run.
    (tmp_path / "late.py").write_text(LATE_CRASH)
    bot = f"{tmp_path}/late.py:LateCrash"
    batch = run_batch("sandbox/first-steps", sandbox(), bot, [0, 1], jobs=1, max_ticks=300, with_trace=False)
    for run in batch["runs"]:
        assert run["outcome"] == "error" and run["ticks"] == 45 and run["sim_seconds"] == 0.75
        assert "lost my way" in run["error"]
    s = batch["summary"]
    assert s["runs"] == 0 and s["errors"] == 2 and s["outcomes"] == {"error": 2}
    assert s["win_rate"] is None and s["time_seconds"]["median"] is None
    assert main(["playtest", "sandbox/first-steps", "--bot", bot, "--seeds", "0:2", "--jobs", "1", "--ticks", "300"]) == 1
    out = capsys.readouterr()
    assert "every run crashed (2), so there is nothing to summarise" in out.out
    assert "won 0" not in out.out and "seed 0 crashed: BotError" in out.err
    # One crash among real runs: the numbers are the real runs', and the crash is said.
    mixed = run_batch("sandbox/first-steps", sandbox(), "idle", [0, 1], jobs=1, max_ticks=300, with_trace=False)
    crashed = run_batch("sandbox/first-steps", sandbox(), bot, [2], jobs=1, max_ticks=300, with_trace=False)
    from hyosan.playtest.stats import summarize

    s = summarize(mixed["runs"] + crashed["runs"])
    assert s["runs"] == 2 and s["errors"] == 1 and s["time_seconds"]["median"] == 5.0


CHEAT = """
from hyosan.sim import commands as cmd


class Healer:
    def reset(self, world):
        pass

    def act(self, world):
        for s in world.students:
            s.health = 100.0
        return cmd.EMPTY_INPUT


class Gambler:
    def reset(self, world):
        pass

    def act(self, world):
        world.rng.random()  # the simulation's randomness, not its own
        return cmd.EMPTY_INPUT
"""


@pytest.mark.parametrize("cls", ["Healer", "Gambler"])
def test_a_bot_that_writes_the_world_is_stopped_in_one_line(tmp_path: Path, cls: str) -> None:
    # A tester's bot healed the squad every tick and won its playtest; only replay --verify caught it.
    from hyosan.playtest.runner import BotError, run_level

    (tmp_path / "cheat.py").write_text(CHEAT)
    with pytest.raises(BotError, match=r"act\(world\) changed the world at tick 0 \(a bot reads the world and sends "
                                       r"commands; it must not write it, nor draw on world.rng\)"):
        run_level("sandbox/first-steps", sandbox(), make_bot(f"{tmp_path}/cheat.py:{cls}"), cls, 0, max_ticks=120)
