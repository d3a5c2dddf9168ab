"""Benchmark worlds built in code: a horde packed against a barricade, or spread over a big map."""

from __future__ import annotations

from ..content.schema import (
    DEFAULT_LEGEND,
    DoorSpec,
    LevelSpec,
    MapSpec,
    StudentSpec,
    ZombieGroupSpec,
)
from ..sim.horde.horde import CHASE, INVESTIGATE
from ..sim.world import World


def _map(rows: list[str]) -> MapSpec:
    return MapSpec(tuple(rows), tuple(sorted(DEFAULT_LEGEND.items())))


def packed_level(n: int) -> LevelSpec:
    """A hall 80x45 tiles cut by a wall with one locked door; ``n`` zombies on one side."""
    w, h = 80, 45
    rows = ["#" * w]
    for r in range(1, h - 1):
        if r == 30:
            rows.append("#" * 40 + "D" + "#" * 39)
        else:
            line = "#" + "." * (w - 2) + "#"
            if r == 40:
                line = "#E" + "." * 37 + "S" + "." * (w - 41) + "#"
            rows.append(line)
    rows.append("#" * w)
    return LevelSpec(
        id="bench-packed", title="Packed", briefing="", map=_map(rows),
        doors=(DoorSpec("door", (40, 30), "west", locked=True),),
        squad=(StudentSpec("on-jo", (40.5, 36.0)),),
        zombies=(ZombieGroupSpec("walker", n, (2.0, 2.0, 78.0, 29.0)),),
        time_limit_seconds=36000.0, content_hash=f"bench-packed-{n}",
    )


def uniform_level(n: int) -> LevelSpec:
    """An open yard 160x90 tiles with ``n`` wandering zombies spread over it."""
    w, h = 160, 90
    rows = ["#" * w]
    for r in range(1, h - 1):
        line = "#" + "." * (w - 2) + "#"
        if r == 45:
            line = "#E" + "." * 77 + "S" + "." * (w - 81) + "#"
        rows.append(line)
    rows.append("#" * w)
    return LevelSpec(
        id="bench-uniform", title="Uniform", briefing="", map=_map(rows),
        squad=(StudentSpec("on-jo", (80.5, 45.5)),),
        zombies=(ZombieGroupSpec("walker", n, (2.0, 2.0, 158.0, 88.0), "wander"),),
        time_limit_seconds=36000.0, content_hash=f"bench-uniform-{n}",
    )


def press_against_barricade(world: World) -> None:
    """Send the whole horde at the door, as if a phone rang behind it (the packed case)."""
    h = world.horde
    h.state[:] = INVESTIGATE
    h.memory_all[: h.n] = (40.5 * 16, 34.0 * 16)
    h.timer_all[: h.n] = 0


def chase_everyone(world: World) -> None:
    """Every zombie chases (the costliest state: flow field + sight every tick)."""
    world.horde.state[:] = CHASE
