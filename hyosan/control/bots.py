"""Bots: programs that play by sending the same commands a player sends.

A bot is any object with ``reset(world)`` and ``act(world) -> TickInput``. It may read the
world (as a player reads the screen) but must never change it.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from ..sim import commands as cmd
from ..sim.world import World
from .solvers import SolverBot


class Bot(Protocol):
    """The bot interface: called once at the start, then once per tick."""

    def reset(self, world: World) -> None:
        """Prepare for a new run of ``world``."""

    def act(self, world: World) -> cmd.TickInput:
        """The commands for the coming tick."""


class IdleBot:
    """Sends nothing: the squad stands still. A level must be losable against it."""

    name = "idle"

    def reset(self, world: World) -> None:
        """Nothing to prepare."""

    def act(self, world: World) -> cmd.TickInput:
        """No commands."""
        return cmd.EMPTY_INPUT


class RandomBot:
    """Presses random controls, holding each choice for a while, so every input path runs."""

    name = "random"

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        self.current: tuple[cmd.Command, ...] = ()
        self.hold = 0

    def reset(self, world: World) -> None:
        """Re-seed from the run's seed so a run is reproducible."""
        self.rng = np.random.default_rng([self.seed, world.seed])
        self.hold = 0

    def act(self, world: World) -> cmd.TickInput:
        """Keep moving in the current direction; now and then change, or press an action."""
        if self.hold <= 0:
            angle = float(self.rng.uniform(0, 2 * np.pi))
            gait = str(self.rng.choice(cmd.GAITS))
            held: list[cmd.Command] = [cmd.Move(float(np.cos(angle)), float(np.sin(angle)), gait)]
            if self.rng.random() < 0.3:
                held.append(cmd.Grab())
            self.current = tuple(held)
            self.hold = int(self.rng.integers(20, 90))
        self.hold -= 1
        extra: list[cmd.Command] = []
        roll = self.rng.random()
        if roll < 0.01:
            extra.append(cmd.Use())
        elif roll < 0.02:
            extra.append(cmd.Melee())
        elif roll < 0.03:
            extra.append(cmd.Shove())
        elif roll < 0.035:
            p = world.student_pos(world.lead_student)
            extra.append(cmd.Throw(float(p[0] + self.rng.uniform(-150, 150)), float(p[1] + self.rng.uniform(-150, 150))))
        elif roll < 0.038:
            extra.append(cmd.SwitchLead())
        elif roll < 0.040:
            extra.append(cmd.ToggleFollow())
        return cmd.TickInput(self.current + tuple(extra))


BOTS: dict[str, type] = {"idle": IdleBot, "random": RandomBot, "solver": SolverBot}


def make_bot(name: str, seed: int = 0) -> Bot:
    """A bot by name; raises KeyError listing the known names."""
    if name not in BOTS:
        raise KeyError(f"unknown bot {name!r}; known bots: {', '.join(sorted(BOTS))}")
    cls = BOTS[name]
    return cls(seed) if name == "random" else cls()
