"""Benchmark worlds built in code: a horde packed against a barricade, or spread over a big map."""

from __future__ import annotations

from ..content.schema import (
    DEFAULT_LEGEND,
    LevelSpec,
    MapSpec,
    PropSpec,
    StudentSpec,
    ZombieGroupSpec,
)
from ..sim.horde.horde import CHASE, INVESTIGATE
from ..sim.world import World


def _map(rows: list[str]) -> MapSpec:
    return MapSpec(tuple(rows), tuple(sorted(DEFAULT_LEGEND.items())))


BARRICADE_TARGET = (40.0 * 16, 38.0 * 16)  # px: where the horde is sent, behind the barricade


def packed_level(n: int) -> LevelSpec:
    """A hall 80x45 tiles cut by a wall whose 6-tile gap is barricaded with heavy lockers;
    ``n`` zombies on one side. The student sits sealed in a closet so the run never ends."""
    w, h = 80, 45
    rows = ["#" * w]
    for r in range(1, h - 1):
        if r == 30:
            rows.append("#" * w)  # the barricade line: lockers across the only gap, backed by wall
        elif r in (41, 42, 43):
            rows.append("#" + "." * 74 + "#" + ("S" if r == 42 else "#") + "#" * 3)
        else:
            rows.append("#" + "." * (w - 2) + "#")
    rows[40] = "#E" + rows[40][2:]
    rows.append("#" * w)
    lockers = tuple(PropSpec(f"locker-{k}", "locker", (38.0 + 2.0 * k, 30.5), mass=5000.0) for k in range(3))
    return LevelSpec(
        id="bench-packed", title="Packed", briefing="", map=_map(rows), props=lockers,
        squad=(StudentSpec("on-jo", (76.5, 42.5)),),
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
    h.memory_all[: h.n] = BARRICADE_TARGET
    h.timer_all[: h.n] = 0


def chase_everyone(world: World) -> None:
    """Every zombie chases (the costliest state: flow field + sight every tick)."""
    world.horde.state[:] = CHASE
