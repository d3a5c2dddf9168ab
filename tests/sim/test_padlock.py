"""A padlocked door (``key``) and a station that needs another first (``needs``): Storm
Crossing's field gate cannot be opened without the caretaker's keys."""

from __future__ import annotations

from pathlib import Path

from hyosan.content.discovery import resolve_level
from hyosan.content.errors import LevelError
from hyosan.content.loader import load_level
from hyosan.sim import commands as cmd
from hyosan.sim.units import TICK_HZ, TILE_PX
from hyosan.sim.world import World

ROWS = "\n".join(["##########", "#S.......E", "#........#", "####D#####", "#........#", "##########"])
BODY = '''
[[squad]]
id = "s0"
at = [1.5, 1.5]

[[doors]]
id = "gate"
tile = [4, 3]
locked = true
key = "padlock"

[[stations]]
id = "keys"
kind = "door-switch"
at = [7.5, 1.5]
use_seconds = 0.5

[[stations]]
id = "padlock"
kind = "door-switch"
at = [4.5, 2.5]
use_seconds = 0.5
needs = "keys"
'''


def world_of(body: str = BODY) -> World:
    text = f'id = "t"\ntitle = "T"\n[map]\nrows = """\n{ROWS}\n"""\n{body}'
    return World(load_level(Path("t.toml"), text.encode()), 0)


def use_at(world: World, x: float, y: float) -> None:
    """Put the lead at (x, y) tiles, press E, and hold still for a second."""
    s = world.lead_student
    s.body.position = s.control.position = (x * TILE_PX, y * TILE_PX)
    s.body.velocity = (0.0, 0.0)
    world.step(cmd.EMPTY_INPUT)  # the world reads where the lead now stands
    world.step(cmd.TickInput((cmd.Use(),)))
    for _ in range(TICK_HZ):
        world.step(cmd.EMPTY_INPUT)


def gate(world: World):
    return next(d for d in world.doors if d.spec.id == "gate")


def test_the_gate_stays_locked_until_the_keys_open_its_padlock() -> None:
    w = world_of()
    use_at(w, 4.5, 2.4)  # E at the gate: the padlock cannot be worked without the keys, nor the gate
    assert gate(w).locked and "padlock" not in w.director.station_done
    use_at(w, 7.5, 1.6)  # the key box
    assert "keys" in w.director.station_done
    use_at(w, 4.5, 2.4)  # now the padlock opens
    assert "padlock" in w.director.station_done and gate(w).locked
    use_at(w, 4.5, 2.4)  # and E unlocks the gate
    assert not gate(w).locked


def test_a_key_or_need_naming_no_station_is_one_clear_error() -> None:
    try:
        world_of(BODY.replace('key = "padlock"', 'key = "padlok"'))
    except LevelError as exc:
        assert "'key' names station 'padlok'" in str(exc) and "did you mean 'padlock'" in str(exc)
    else:
        raise AssertionError("a door key naming no station loaded")


def test_storm_crossings_field_gate_needs_the_keys() -> None:
    _, spec = resolve_level("hyosan/storm-crossing", None)
    door = next(d for d in spec.doors if d.id == "field-gate")
    padlock = next(s for s in spec.stations if s.id == "padlock")
    assert door.locked and door.key == "padlock" and padlock.needs == "key-box"
    w = World(spec, 0)
    c, r = door.tile
    use_at(w, c + 0.5, r - 0.6)  # E on the south walk, at the padlock and the gate, no keys
    use_at(w, c + 0.5, r - 0.6)
    assert gate_of(w, "field-gate").locked
    w.director.station_done.update(("key-box", "padlock"))  # as if the keys had opened the padlock
    for st in w.director.stations:
        st.uses_left = 0
    use_at(w, c + 0.5, r - 0.6)
    assert not gate_of(w, "field-gate").locked  # E from that very spot unlocks it now


def gate_of(world: World, door_id: str):
    return next(d for d in world.doors if d.spec.id == door_id)


def test_e_again_at_a_station_being_worked_keeps_its_progress() -> None:
    """The prompt says "hold E": played by hand, a second press at Storm's key box started its
    20 s over. E again from the student already at it changes nothing; walking away still does."""
    body = BODY.replace("use_seconds = 0.5\n", "use_seconds = 2\n", 1)
    w = world_of(body)
    s = w.lead_student
    s.body.position = s.control.position = (7.5 * TILE_PX, 1.6 * TILE_PX)
    w.step(cmd.EMPTY_INPUT)
    w.step(cmd.TickInput((cmd.Use(),)))
    for _ in range(TICK_HZ):  # 1 s of the 2
        w.step(cmd.EMPTY_INPUT)
    w.step(cmd.TickInput((cmd.Use(),)))  # E again
    for _ in range(TICK_HZ):  # the second of the 2: done, not half-way through a new 2
        w.step(cmd.EMPTY_INPUT)
    assert "keys" in w.director.station_done
