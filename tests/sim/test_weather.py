"""The storm, in the world: rain muffles, lightning is telegraphed by a flicker and then shows
the squad to the horde for 0.3 s, thunder masks every sound for 1.5 s, and the phone torch the
squad switches with ToggleTorch shows its carrier."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hyosan.content.loader import load_level
from hyosan.content.schema import LevelSpec
from hyosan.sim import commands as cmd
from hyosan.sim import events as ev
from hyosan.sim.horde.horde import CHASE, DECIDE_TICKS, IDLE, INVESTIGATE
from hyosan.sim.units import TICK_HZ, TILE_PX
from hyosan.sim.world import World

# An open dark yard, 40 x 16 tiles; the student stands at tile (5.5, 12.5) and one idle zombie
# (turned to face down, at her) stands ``ZOMBIE_DY`` tiles due north of her, looking at her.
ZOMBIE_DY = 8.0  # tiles = 128 px: beyond the dark's 70 px and a torch-free student, inside 240 and 320


def _level(rain: float = 0.0, lightning: str = "", torch_on: bool = True, zombie: bool = True) -> LevelSpec:
    inner = ["#" + "." * 38 + "#"] * 14
    inner[0] = "#....S" + "." * 33 + "E"
    rows = "\n".join(["#" * 40, *inner, "#" * 40])
    zombies = f"""
[[zombies]]
count = 1
zone = [5.4, {12.5 - ZOMBIE_DY - 0.05}, 5.6, {12.5 - ZOMBIE_DY + 0.05}]
state = "idle"
""" if zombie else ""
    text = f"""
id = "storm-test"
title = "Storm test"
time_limit_seconds = 60
par_seconds = 30
[map]
rows = \"\"\"
{rows}
\"\"\"
[[squad]]
id = "mi-jin"
at = [5.5, 12.5]
{zombies}
[light]
ambient = "dark"
[[light.lights]]
id = "torch"
kind = "torch"
carried_by = "mi-jin"
on = {str(torch_on).lower()}
[weather]
rain = {rain}
{lightning}
"""
    return load_level(Path("storm-test.toml"), text.encode())


def _world(spec: LevelSpec) -> World:
    """The world, with its zombie (if any) turned to look south, at the student."""
    world = World.from_spec(spec, 0)
    world.horde.facing_all[: world.horde.n] = (0.0, 1.0)  # spawns face a random way
    return world


def _run(world: World, ticks: int, tick_input: cmd.TickInput = cmd.EMPTY_INPUT) -> list[ev.Event]:
    out: list[ev.Event] = []
    for _ in range(ticks):
        out += world.step(tick_input)
    return out


def test_rain_muffles_every_sound_by_its_strength() -> None:
    for rain, mult in ((0.0, 1.0), (0.5, 0.775), (1.0, 0.55)):
        world = World.from_spec(_level(rain=rain, zombie=False), 0)
        assert world.sky.loudness_mult(0) == pytest.approx(mult)


def test_lightning_flickers_a_second_ahead_then_flashes_and_thunder_masks_for_a_second_and_a_half() -> None:
    world = World.from_spec(_level(rain=1.0, lightning="lightning_at = [2.0]", zombie=False), 0)
    seen: dict[str, int] = {}
    for _ in range(5 * TICK_HZ):
        tick = world.tick
        for e in world.step(cmd.EMPTY_INPUT):
            if isinstance(e, ev.Lightning):
                seen[e.phase] = tick
    assert seen == {"flicker": 1 * TICK_HZ, "flash": 2 * TICK_HZ}
    sky, flash = world.sky, 2 * TICK_HZ
    assert sky.flickering(flash - 1) and not sky.flickering(flash)
    assert sky.flash(flash) and sky.flash(flash + round(0.3 * TICK_HZ) - 1)
    assert not sky.flash(flash + round(0.3 * TICK_HZ))
    assert sky.loudness_mult(flash) == pytest.approx(0.55 * 0.15)
    assert sky.loudness_mult(flash + round(1.5 * TICK_HZ) - 1) == pytest.approx(0.55 * 0.15)
    assert sky.loudness_mult(flash + round(1.5 * TICK_HZ)) == pytest.approx(0.55)


def test_the_flash_shows_a_student_in_the_open_to_a_zombie_the_dark_hid_her_from() -> None:
    world = _world(_level(lightning="lightning_at = [1.5]", torch_on=False))
    p = world.student_pos(world.students[0])
    assert world.sky.sight_ranges(0, p[None, :], ("mi-jin",))[0] == 70.0
    _run(world, round(1.5 * TICK_HZ))  # dark until the flash: it stands there, idle
    assert world.horde.state.tolist() == [IDLE]
    _run(world, round(0.3 * TICK_HZ))  # the flash: daylight, 320 px
    assert world.horde.state[0] in (CHASE, INVESTIGATE)
    # In the dark again it lost her, and goes to where it saw her.
    _run(world, 10)
    assert world.horde.state.tolist() == [INVESTIGATE]
    assert np.hypot(*(world.horde.memory_all[0] - p)) < TILE_PX


def test_a_walking_step_the_rain_drowns_is_heard_in_the_dry_and_thunder_drowns_a_sprint() -> None:
    # Student 55 px from a zombie (due north, facing away so only hearing counts): a walk step
    # is 70 px, 38.5 px in a downpour; a sprint step is 180 px, 15 px under thunder and rain.
    heard = {}
    for name, rain, lightning, gait in (("dry walk", 0.0, "", "walk"), ("rain walk", 1.0, "", "walk"),
                                        ("thunder sprint", 1.0, "lightning_at = [1.0]", "sprint")):
        world = World.from_spec(_level(rain=rain, lightning=lightning, torch_on=False), 0)
        world.horde.facing_all[0] = (0.0, -1.0)  # looking away, north
        z = world.horde.pos[0]
        world.students[0].body.position = (float(z[0]), float(z[1]) + 55.0)
        world.bodies.read()
        if lightning:
            _run(world, TICK_HZ + 1)  # into the thunder
        events = _run(world, 20, cmd.TickInput((cmd.Move(1.0, 0.0, gait),)))
        events += _run(world, DECIDE_TICKS)  # a step on the 20th tick is heard at the next decision
        assert any(isinstance(e, ev.Sound) and e.kind.endswith("step") for e in events)
        heard[name] = bool(sum(e.zombies for e in events if isinstance(e, ev.Heard)))
    assert heard == {"dry walk": True, "rain walk": False, "thunder sprint": False}


def test_the_torch_shows_its_carrier_and_the_squad_switches_it_off_and_on() -> None:
    world = _world(_level(torch_on=True))
    p = world.student_pos(world.students[0])
    assert world.sky.light_at(float(p[0]), float(p[1]), "mi-jin") == "lit"
    _run(world, 10)
    assert world.horde.state.tolist() == [CHASE]  # 128 px: lit (240 px) shows her

    world = _world(_level(torch_on=True))
    events = world.step(cmd.TickInput((cmd.ToggleTorch(),)))
    assert [e.on for e in events if isinstance(e, ev.TorchToggled)] == [False]
    assert world.sky.light_at(float(p[0]), float(p[1]), "mi-jin") == "dark"
    _run(world, 10)
    assert world.horde.state.tolist() == [IDLE]  # dark (70 px): unseen
    before = world.state_hash()
    events = world.step(cmd.TickInput((cmd.ToggleTorch(),)))
    assert [e.on for e in events if isinstance(e, ev.TorchToggled)] == [True]
    assert world.sky.light_at(float(p[0]), float(p[1]), "mi-jin") == "lit"
    assert world.state_hash() != before


def test_toggling_a_torch_on_a_level_without_one_does_nothing() -> None:
    world = World.from_spec(_level(zombie=False), 0)
    world.sky.torch_state = {}
    world.sky.torches = set()
    assert not [e for e in world.step(cmd.TickInput((cmd.ToggleTorch(),))) if isinstance(e, ev.TorchToggled)]
    assert cmd.decode(cmd.encode(cmd.ToggleTorch())) == cmd.ToggleTorch()


@pytest.mark.parametrize("dy, seen", [(8.0, True), (10.0, False)])
def test_at_dawn_a_zombie_sees_150_px(dy: float, seen: bool) -> None:
    """First light: farther than the dark's 70 px, short of a lit room's 240. A zombie looking
    at her from 128 px sees her and comes; from 160 px it stands."""
    import dataclasses

    from hyosan.content.schema import LightingSpec

    spec = _level(torch_on=False)
    zombies = tuple(dataclasses.replace(z, zone=(5.4, 12.5 - dy - 0.05, 5.6, 12.5 - dy + 0.05)) for z in spec.zombies)
    spec = dataclasses.replace(spec, zombies=zombies, lighting=LightingSpec(ambient="dawn", lights=spec.lighting.lights))
    world = _world(spec)
    p = world.student_pos(world.students[0])
    assert world.sky.sight_ranges(0, p[None, :], ("mi-jin",))[0] == 150.0
    _run(world, 10)
    assert world.horde.state.tolist() == ([CHASE] if seen else [IDLE])


def _python_sight_ranges(sky, pos: np.ndarray, ids: tuple[str, ...]) -> np.ndarray:
    """Sky.sight_ranges away from daylight as it was: ``light_at`` per student in Python."""
    from hyosan.sim.weather import SIGHT_BY_LIGHT

    return np.array([SIGHT_BY_LIGHT[sky.light_at(x, y, i)] * sky.sight_mult
                     for (x, y), i in zip(pos.tolist(), ids, strict=True)], dtype=np.float64)


@pytest.mark.parametrize("level", ["nights/the-auditorium", "hyosan/trolley-shield-run"])
def test_the_compiled_sight_ranges_are_light_at_s_to_the_bit(level: str) -> None:
    """In the dark among lamps (the Auditorium's ten, the Trolley's three), students anywhere,
    on a pool's very rim, at a lamp, on cell edges and off the map, torches on and off, and
    after the doors change the pools: the ranges ``light_at`` gives, bit for bit."""
    from hyosan.playtest.bench_soak import _shipped_levels

    world = World.from_spec(dict(_shipped_levels())[level], 0)
    sky = world.sky
    assert sky.pools and sky.ambient != "day"
    rng = np.random.default_rng(8)
    ids = tuple(s.id for s in world.students)
    m = len(ids)
    h, w = world.tilemap.kind.shape
    for round_ in range(300):
        pos = rng.uniform(-30.0, [w * TILE_PX + 30.0, h * TILE_PX + 30.0], size=(m, 2))
        for i in range(m):
            pool = sky.pools[rng.integers(len(sky.pools))]
            pick = rng.integers(16)  # (mostly anywhere: a rim sends the whole call to Python)
            if pick == 0:  # on the rim, in some direction
                a = rng.uniform(0.0, 2.0 * np.pi)
                pos[i] = (pool.x + pool.radius * np.cos(a), pool.y + pool.radius * np.sin(a))
            elif pick == 1:  # on the rim along an axis (exactly radius away)
                pos[i] = (pool.x + pool.radius, pool.y) if rng.random() < 0.5 else (pool.x, pool.y - pool.radius)
            elif pick == 2:  # at the lamp, or on a cell's edge near it
                pos[i] = (pool.x + pool.cell * rng.integers(-3, 4), pool.y + pool.cell * rng.integers(-3, 4))
        if round_ % 50 == 25:
            sky.toggle_torches()
        if round_ == 150:  # the doors swing: other pools (another list)
            for door in world.doors:
                door.is_open = not door.is_open
            world._grids_changed()
        got = sky.sight_ranges(world.tick, pos, ids)
        assert got.tobytes() == _python_sight_ranges(sky, pos, ids).tobytes()
