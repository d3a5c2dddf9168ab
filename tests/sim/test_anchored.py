"""``anchored = true`` bolts a prop down: a student walking into it or towing it moves it not
a pixel and turns it not at all, where the same prop left free is shoved aside."""

from __future__ import annotations

from pathlib import Path

import pytest

from hyosan.content.loader import load_level
from hyosan.sim import commands as cmd
from hyosan.sim.world import World
from tests.sim.test_endless import NIGHT


def yard_with_desks(tmp_path: Path):
    text = NIGHT.replace("[[spawners]]", '''[[props]]
id = "bolted"
type = "desk"
at = [15, 6.5]
anchored = true

[[props]]
id = "free"
type = "desk"
at = [18, 6.5]

[[spawners]]''', 1).replace("at = [16, 8]", "at = [24, 8]", 1)  # Mi-jin out of the way
    path = tmp_path / "night.toml"
    path.write_text(text)
    return load_level(path)


@pytest.mark.parametrize("prop_id", ["bolted", "free"])
@pytest.mark.parametrize("how", ["walk into", "tow"])
def test_an_anchored_prop_does_not_move(tmp_path: Path, prop_id: str, how: str) -> None:
    world = World.from_spec(yard_with_desks(tmp_path), 0)
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
        assert moved < 0.05 and abs(prop.body.angle) < 2e-3  # (the solver's give: under a twentieth of a px)
    else:
        assert moved > 10.0  # the same desk, free, goes where it is pushed or towed


def test_the_barricading_bot_does_not_try_to_tow_a_bolted_prop(tmp_path: Path) -> None:
    from hyosan.control.fortify import _towable

    world = World.from_spec(yard_with_desks(tmp_path), 0)
    assert [p.spec.id for p in _towable(world)] == ["free"]


def test_grabbing_a_bolted_prop_ties_nothing_and_no_drag_is_offered(tmp_path: Path) -> None:
    from hyosan.render.prompts import use_hint

    world = World.from_spec(yard_with_desks(tmp_path), 0)
    lead = world.lead_student
    bolted = next(p for p in world.props if p.spec.id == "bolted")
    for _ in range(120):  # walk up to the bolted desk's south face (the free one is 48 px east)
        pos = world.student_pos(lead)
        if pos[1] - bolted.body.position.y < 14.0:
            break
        world.step(cmd.TickInput((cmd.Move((bolted.body.position.x - 4.0 - pos[0]) / 30, -1.0, "walk"),)))
    assert world.student_pos(lead)[1] - bolted.body.position.y < 14.0  # face to face with it
    assert use_hint(world) is None  # nothing to drag here (free, it would say "hold E: drag the desk")
    world.step(cmd.TickInput((cmd.Grab(),)))
    assert lead.grabbed_prop != "bolted"
