"""``anchored = true`` bolts a prop down: a student walking into it or towing it moves it not
a pixel and turns it not at all, where the same prop left free is shoved aside."""

from __future__ import annotations

from pathlib import Path

import pytest

from hyosan.content.loader import load_level
from hyosan.sim import commands as cmd
from hyosan.sim.world import World
from tests.sim.test_endless import NIGHT


def yard_with_lockers(tmp_path: Path):
    text = NIGHT.replace("[[spawners]]", '''[[props]]
id = "bolted"
type = "locker"
at = [15, 6.5]
anchored = true

[[props]]
id = "free"
type = "locker"
at = [16, 6.5]

[[spawners]]''', 1).replace("at = [16, 8]", "at = [24, 8]", 1)  # Mi-jin out of the way
    path = tmp_path / "night.toml"
    path.write_text(text)
    return load_level(path)


@pytest.mark.parametrize("prop_id", ["bolted", "free"])
@pytest.mark.parametrize("how", ["walk into", "tow"])
def test_an_anchored_prop_does_not_move(tmp_path: Path, prop_id: str, how: str) -> None:
    world = World.from_spec(yard_with_lockers(tmp_path), 0)
    prop = next(p for p in world.props if p.spec.id == prop_id)
    start = tuple(prop.body.position)
    for tick in range(240):  # walk north into it (grabbing, to tow), then back south
        pos = world.student_pos(world.lead_student)
        toward = cmd.Move((prop.body.position.x - pos[0]) / 30, -1.0, "walk")
        if how == "walk into":
            world.step(cmd.TickInput((toward,)))
        else:
            world.step(cmd.TickInput((toward if tick < 60 else cmd.Move(0.0, 1.0, "walk"), cmd.Grab())))
    moved = ((prop.body.position.x - start[0]) ** 2 + (prop.body.position.y - start[1]) ** 2) ** 0.5
    if prop_id == "bolted":
        assert moved < 0.01 and abs(prop.body.angle) < 1e-4
    else:
        assert moved > 10.0  # the same locker, free, goes where it is pushed or towed


def test_the_barricading_bot_does_not_try_to_tow_a_bolted_prop(tmp_path: Path) -> None:
    from hyosan.control.fortify import _towable

    world = World.from_spec(yard_with_lockers(tmp_path), 0)
    assert [p.spec.id for p in _towable(world)] == ["free"]
