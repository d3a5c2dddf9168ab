"""Shared test helpers: the sandbox level and scripted inputs."""

from __future__ import annotations

from pathlib import Path

from hyosan.content.loader import load_level
from hyosan.content.schema import LevelSpec
from hyosan.sim import commands as cmd

ROOT = Path(__file__).resolve().parents[1]
SANDBOX = ROOT / "levels" / "sandbox" / "first-steps.toml"

# A yard for endless-night tests: the squad ('S') in the open, a room with a door ('d1') to the
# west and a room walled in on every side to the east (the [map] and [[doors]] tables).
ENDLESS_YARD = '''[map]
rows = """
##############################
#............................#
#............................#
#......####........####......#
#......#..#........#..#......#
#......#..D........#..#......#
#......####........####......#
#.............S..............#
#............................#
##############################
"""

[[doors]]
id = "d1"
tile = [10, 5]
hinge = "north"
'''


def world_of_toml(text: str, seed: int = 0):
    """A world for a whole level file's text (loaded as ``t.toml``), at ``seed``."""
    from hyosan.sim.world import World

    return World.from_spec(load_level(Path("t.toml"), text.encode()), seed=seed)


def one_level_pack(dest: Path, pack_id: str = "mine") -> Path:
    """A copy of the sandbox pack at ``dest`` holding First Steps alone, under its own id (a copy
    keeping a built-in pack's id is refused): a small pack a designer might have made."""
    dest.mkdir(parents=True, exist_ok=True)
    manifest = (SANDBOX.parent / "pack.toml").read_text()
    (dest / "pack.toml").write_text(manifest.replace('id = "sandbox"', f'id = "{pack_id}"')
                                    .replace('["first-steps", "quiet-corridor"]', '["first-steps"]'))
    (dest / "first-steps.toml").write_text(SANDBOX.read_text())
    return dest


def sandbox() -> LevelSpec:
    """The built-in sandbox level."""
    return load_level(SANDBOX)


def scripted_input(tick: int) -> cmd.TickInput:
    """A fixed input script keyed by tick: walk east, sprint south, grab, then idle."""
    if tick < 90:
        return cmd.TickInput((cmd.Move(1.0, 0.0, "walk"),))
    if tick < 150:
        return cmd.TickInput((cmd.Move(0.3, 1.0, "sprint"), cmd.Grab()))
    if tick < 200:
        return cmd.TickInput((cmd.Move(-1.0, -0.5, "sneak"),))
    return cmd.EMPTY_INPUT


def walk_lead_to(world, x: float, y: float, gait: str = "walk", ticks: int = 600) -> None:
    """Step ``world``, walking its lead straight to (x, y) tiles (within 2 px), at most ``ticks``."""
    import math

    for _ in range(ticks):
        p = world.student_pos(world.lead_student)
        dx, dy = x * 16 - float(p[0]), y * 16 - float(p[1])
        d = math.hypot(dx, dy)
        if d < 2.0:
            return
        world.step(cmd.TickInput((cmd.Move(dx / d, dy / d, gait),)))
