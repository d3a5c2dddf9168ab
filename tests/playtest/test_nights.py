"""Hyosan Nights' solvers: each night's strongest known strategy, played with the player's
commands, earns the stars levels/nights/PLAYTESTS.md says it does; and a night's solver plays
only the night's own file."""

from __future__ import annotations

import pytest

from hyosan.content.discovery import resolve_level
from hyosan.control.night_solvers import NIGHT_SOLVERS
from hyosan.control.solvers import SolverBot, solver_for
from hyosan.sim import events as ev
from hyosan.sim.world import World


def _night(ref: str, seed: int = 0) -> tuple[World, list[tuple[float, str, str]]]:
    """Play a night with its solver to the end; return the world and the doors' changes."""
    _, spec = resolve_level(ref, [])
    world = World.from_spec(spec, seed)
    bot = SolverBot(seed)
    bot.reset(world)
    doors = []
    while world.outcome is None and world.sim_seconds < 900:
        for e in world.step(bot.act(world)):
            if isinstance(e, ev.DoorChanged) and e.state in ("locked", "broken"):
                doors.append((world.sim_seconds, e.door, e.state))
    return world, doors


def test_the_auditorium_solver_seals_the_backstage_and_earns_two_stars() -> None:
    world, doors = _night("nights/the-auditorium")
    locked = {door: t for t, door, state in doors if state == "locked"}
    seal = ("west-wing-door", "east-wing-door", "loading-bay-north", "loading-bay-south")
    assert set(seal) <= set(locked) and max(locked[d] for d in seal) < 45.0  # sealed in the first 45 s
    first_broken = min(t for t, _, state in doors if state == "broken")
    assert first_broken > 240.0  # nothing gives before the first star
    assert world.outcome == "loss" and world.result is not None
    assert world.result.stars == 2 and 300.0 <= world.result.seconds < 480.0


def test_the_roof_solver_shuts_the_squad_in_the_plant_room_and_earns_two_stars() -> None:
    world, doors = _night("nights/the-roof")
    locked = {door: t for t, door, state in doors if state == "locked"}
    assert locked["west-door"] < 15.0 and 270.0 < locked["plant-door"] < 300.0  # before the first helicopter pass
    assert world.outcome == "loss" and world.result is not None
    assert world.result.stars == 2 and 360.0 <= world.result.seconds < 480.0


@pytest.mark.parametrize("ref", ["nights/the-roof", "nights/the-auditorium"])
def test_a_night_s_solver_is_found_for_its_own_file_only(ref: str, tmp_path) -> None:
    from dataclasses import replace

    _, spec = resolve_level(ref, [])
    assert solver_for(spec) is NIGHT_SOLVERS[spec.id]
    elsewhere = tmp_path / f"{spec.id}.toml"
    assert solver_for(replace(spec, source=str(elsewhere))) is None  # a designer's file with that id
