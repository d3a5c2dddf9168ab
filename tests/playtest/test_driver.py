"""The Driver's moves as a designer's script uses them (hyosan.control.driver)."""

from __future__ import annotations

from hyosan.content.discovery import resolve_level
from hyosan.control.driver import Driver, tile_point
from hyosan.sim import commands as cmd
from hyosan.sim.world import World


def test_brace_puts_a_desk_reached_from_the_side_on_the_doorway() -> None:
    """The Classroom's back desk stands in line with the back door; the lead, coming from the
    front door to the west, bumped it off that line on her way round to tow it, and the push
    home left it against the wall beside the doorway, bracing nothing. ``brace`` now tows a prop
    left off the line along the wall onto it: the back door is braced within 20 s."""
    _, spec = resolve_level("hyosan/classroom-barricade", [])
    world = World.from_spec(spec, 0)
    drv = Driver(world)
    back = next(d for d in world.doors if d.spec.id == "back-door")

    def plan():  # type: ignore[no-untyped-def]
        yield from drv.set_lock("back-door", True, tile_point(46.5, 8.3))
        yield from drv.set_lock("front-door", True, tile_point(33.5, 8.3))
        yield from drv.brace("desk-back-1", "back-door")
        while True:
            yield cmd.EMPTY_INPUT

    steps = plan()
    while world.tick < 20 * 60 and world.outcome is None:
        world.step(next(steps))
    assert back.locked and [p.spec.id for p in world.bracing_props(back)] == ["desk-back-1"]
