"""Run one level with one bot and one seed, headless, and summarise what happened."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from ..content.schema import LevelSpec
from ..control.bots import BOTS, Bot, make_bot, raised_at
from ..control.replay import ReplayRecorder
from ..sim.commands import TickInput, check
from ..sim.events import Event
from ..sim.objectives import endless_score, endless_stars
from ..sim.units import TICK_HZ
from ..sim.world import World

ENDLESS_PLAYTEST_SECONDS = 1200.0  # s: headless, an endless level stops here (outcome "timeout": still standing)
# s: headless, a level whose clock runs longer stops here (outcome "timeout"): a designer's
# ten-hour limit had check --playtest play idle for over an hour before it said a word.
LONG_LIMIT_PLAYTEST_SECONDS = 3600.0
# Ticks between checks that a bot's act() left the world as it found it (its state hash before
# and after): a tester's bot healed the squad and won its playtest unnoticed; only a replay's
# verify caught it. The state's bytes are compared, not hashed: hashing them twice a second was
# ~1.5% of a run (0.3 ms a hash on the Site, a tick ~0.4 ms; 5% before ``hash_arrays`` fed its
# digest in one update), the bytes alone ~0.05 ms each.
WRITE_CHECK_TICKS = 60
WARM_TICKS = 300  # ticks of a level played untimed before the first run of it in a process (see warm)
_warmed: set[tuple[str, str, str]] = set()  # (level, bot, difficulty) warmed in this process


def warm(level_ref: str, spec: LevelSpec, bot_name: str, seed: int, difficulty: str = "normal",
         ticks: int = WARM_TICKS) -> None:
    """Play ``spec`` for ``ticks`` ticks (WARM_TICKS at most), untimed, in a world thrown away,
    once a process per level, bot and difficulty: the first use of each compiled kernel in a
    process loads it from numba's cache (~0.3 s for the first, a few ms each after), a
    once-a-process cost that ``wall_seconds`` leaves out as it leaves out imports and building
    the world (the Site's first 300 ticks took 377 ms cold, ~100 warm: ~10% of a whole run).
    A built-in bot warms as itself (a solver has kernels of its own); a designer's file bot is
    not built twice (its constructor may do anything): the random bot stands in. A kernel the
    warm-up misses still loads inside the timed run."""
    key = (level_ref, bot_name, difficulty)
    if key in _warmed:
        return
    _warmed.add(key)
    world = World.from_spec(spec, seed, difficulty=difficulty)
    player = make_bot(bot_name if bot_name in BOTS else "random", seed)
    player.reset(world)
    for _ in range(min(ticks, WARM_TICKS)):
        if world.outcome is not None:
            break
        world.step(player.act(world))


@dataclass(frozen=True, slots=True)
class RunResult:
    """The outcome of one headless run (the playtest JSON)."""

    level: str
    seed: int
    bot: str
    outcome: str  # win | loss | timeout
    cause: str  # why it was lost ("" otherwise)
    ticks: int
    sim_seconds: float
    wall_seconds: float
    final_hash: str
    survivors: int
    difficulty: str = "normal"
    stars: int = 0  # as the results screen gives them (a campaign level's loss, timeout or error: 0)
    score: int = 0  # as the results screen gives it (an endless level's counts however it ended)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready fields, plus the speed as a multiple of real time."""
        data = asdict(self)
        data["speed_x_realtime"] = round(self.sim_seconds / self.wall_seconds, 1) if self.wall_seconds > 0 else None
        return data


class BotError(RuntimeError):
    """A bot broke its contract or raised: one line naming the bot, the call and where."""


def _guarded(bot_name: str, call: str, method: Callable[[World], object], world: World) -> object:
    """``method(world)``, with an exception raised in the bot's own code turned into a BotError
    that says where (a designer's bot file must not end a playtest in a traceback)."""
    try:
        return method(world)
    except Exception as exc:
        raise BotError(f"bot {bot_name}: {call}(world) raised {type(exc).__name__}: {exc}{raised_at(exc)}") from exc


def _checked(bot_name: str, tick_input: object, tick: int) -> TickInput:
    """The bot's ``tick_input``, or a BotError saying what is wrong with it: a bot's bad gait or
    NaN direction ended deep in the world in a traceback, and a string for a command was
    silently ignored (and crashed only a recorded run)."""
    if not isinstance(tick_input, TickInput):
        raise BotError(f"bot {bot_name}: act(world) returned {type(tick_input).__name__}, not a TickInput "
                       "(return hyosan.sim.commands.TickInput((command, ...)), or EMPTY_INPUT to do nothing)")
    if not isinstance(tick_input.commands, tuple):
        raise BotError(f"bot {bot_name}: act(world) returned a TickInput whose commands are a "
                       f"{type(tick_input.commands).__name__}, not a tuple (tick {tick})")
    for c in tick_input.commands:
        try:
            check(c)
        except ValueError as exc:
            raise BotError(f"bot {bot_name}: act(world) returned an invalid command at tick {tick}: {exc}") from None
    return tick_input


def run_level(level_ref: str, spec: LevelSpec, bot: Bot, bot_name: str, seed: int,
              max_ticks: int | None = None, record: Path | str | None = None,
              observer: Callable[[World, list[Event]], None] | None = None,
              on_start: Callable[[World], None] | None = None, difficulty: str = "normal",
              warmed: bool = False) -> RunResult:
    """Play ``spec`` with ``bot`` until it is won, lost, or ``max_ticks`` pass (timeout).

    ``difficulty`` is story / normal / hard (the level's horde multipliers); a recording stores it.
    With ``record``, the run's commands are written to that replay file as they are sent.
    ``on_start(world)`` sees the fresh world; ``observer(world, events)`` runs after every tick.
    ``warmed``: ``warm`` first, so ``wall_seconds`` times the ticks alone (the playtest
    commands ask for it; tests, which never read the time, skip it).
    """
    if warmed:
        warm(level_ref, spec, bot_name, seed, difficulty)
    world = World.from_spec(spec, seed, difficulty=difficulty)
    _guarded(bot_name, "reset", bot.reset, world)
    if on_start is not None:
        on_start(world)
    if max_ticks is not None:
        limit = max_ticks
    elif spec.endless is not None:  # no clock of its own: a bot that never falls would run forever
        limit = round(ENDLESS_PLAYTEST_SECONDS * TICK_HZ)
    else:
        limit = min(world.time_limit_ticks + 1, round(LONG_LIMIT_PLAYTEST_SECONDS * TICK_HZ))
    recorder = ReplayRecorder(record, spec, level_ref, seed, difficulty) if record is not None else None
    # As the play scene does, freeze what the level made (and what the process holds: numba's
    # and numpy's ~160k objects), so the collector's passes walk only what the run itself makes:
    # on the Site's solver run, 32 passes took ~55 ms unfrozen, ~5 ms frozen (~2% of its wall
    # time). Unfrozen when the run ends, so what it let go is collected as usual. (No collection
    # first, unlike the scene: ~35-65 ms a run, and the suite plays hundreds.)
    gc.freeze()
    started = time.perf_counter()  # wall time is measured here, outside the simulation
    try:
        while world.outcome is None and world.tick < limit:
            watched = world.tick % WRITE_CHECK_TICKS == 0
            before = world.state_bytes() if watched else b""
            tick_input = _checked(bot_name, _guarded(bot_name, "act", bot.act, world), world.tick)
            if watched and world.state_bytes() != before:
                raise BotError(f"bot {bot_name}: act(world) changed the world at tick {world.tick} (a bot reads the "
                               "world and sends commands; it must not write it, nor draw on world.rng)")
            if recorder is not None:
                recorder.record(world, tick_input)
            events = world.step(tick_input)
            if observer is not None:
                observer(world, events)
    except BaseException:
        if recorder is not None:
            recorder.abort()
        raise
    finally:
        gc.unfreeze()
    wall = time.perf_counter() - started
    if recorder is not None:
        recorder.close(world, unfinished="timeout")
    outcome = world.outcome or "timeout"
    result = world.result
    if result is not None:
        stars, score = result.stars, result.score
    elif spec.endless is not None:  # stopped while the squad stood: scored as far as it got
        stars = endless_stars(spec.endless, world.sim_seconds)
        score = endless_score(world.standing_ticks, world.horde.killed_total)
    else:
        stars, score = 0, 0
    return RunResult(
        level=level_ref, seed=seed, bot=bot_name, outcome=outcome, cause=world.loss_cause,
        ticks=world.tick, sim_seconds=round(world.sim_seconds, 4), wall_seconds=round(wall, 4),
        final_hash=world.state_hash(), survivors=sum(1 for s in world.students if s.alive),
        difficulty=difficulty, stars=stars, score=score,
    )
