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


def yard_with_crowd(crowd_zone: tuple[float, float, float, float]):  # type: ignore[no-untyped-def]
    """An open yard 40x24 tiles: the lead on the west, the exit on the east edge, eight idle
    zombies in ``crowd_zone`` (tiles)."""
    from hyosan.content.schema import (
        DEFAULT_LEGEND,
        LevelSpec,
        MapSpec,
        StudentSpec,
        ZombieGroupSpec,
    )

    cols, rows_n = 40, 24
    rows = ["#" * cols] + ["#" + "." * (cols - 2) + "#" for _ in range(rows_n - 2)] + ["#" * cols]
    for r in (11, 12, 13):
        rows[r] = rows[r][:-1] + "E"
    rows[12] = rows[12][:3] + "S" + rows[12][4:]
    return LevelSpec(id="yard", title="Yard", briefing="", content_hash="yard-lure",
                     map=MapSpec(tuple(rows), tuple(sorted(DEFAULT_LEGEND.items()))),
                     squad=(StudentSpec("on-jo", (3.5, 12.5)),),
                     zombies=(ZombieGroupSpec("walker", 8, crowd_zone, "idle"),),
                     time_limit_seconds=120.0)


def test_greedy_throws_a_phone_to_draw_a_crowd_off_its_way() -> None:
    """Issue 6: greedy uses lures. Eight idle zombies stand on the straight way to the exit; it
    throws a phone well off that way, in their earshot, and they walk to it."""
    from hyosan.sim import events as ev

    level = yard_with_crowd((17.0, 11.0, 20.0, 14.0))
    world = World.from_spec(level, 0)
    bot = GreedyBot(0)
    bot.reset(world)
    thrown: list[ev.Thrown] = []
    start = None
    for _ in range(60 * 12):
        events = world.step(bot.act(world))
        thrown += [e for e in events if isinstance(e, ev.Thrown)]
        if thrown and start is None:
            start = np.abs(world.horde.pos[:, 1] - 12.5 * 16).mean()
            throw_tick = world.tick
        if start is not None and world.tick >= throw_tick + 240:
            break
    assert len(thrown) == 1, "one phone, not one per tick"
    lure = thrown[0]
    assert abs(lure.y - 12.5 * 16) >= GreedyBot.LURE_CLEAR_PX - 1  # well off the way (the row to the exit)
    assert np.hypot(lure.x - 18.5 * 16, lure.y - 12.5 * 16) <= GreedyBot.LURE_EARSHOT_PX + 1  # in their earshot
    drawn = np.abs(world.horde.pos[:, 1] - 12.5 * 16).mean()
    assert drawn > start + 40  # the crowd walked off the way, toward the phone


def test_greedy_keeps_its_phones_when_no_crowd_is_on_its_way() -> None:
    from hyosan.sim import events as ev

    world = World.from_spec(yard_with_crowd((17.0, 1.0, 20.0, 3.0)), 0)  # the crowd stands far north
    bot = GreedyBot(0)
    bot.reset(world)
    for _ in range(60 * 6):
        events = world.step(bot.act(world))
        assert not any(isinstance(e, ev.Thrown) for e in events)
    assert world.phones_left == 3
