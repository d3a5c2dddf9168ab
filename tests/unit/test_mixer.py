"""The mixer never crashes: silent without a device, and working on SDL's dummy driver."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from hyosan.audio.mixer import Mixer
from hyosan.sim import events as ev

EVENTS = [ev.Sound(10, 10, 70, "walk-step", "on-jo"), ev.Sound(0, 0, 900, "pa", "pa-1"),
          ev.DoorChanged("d", "open"), ev.Impact(5, 5, 3000.0), ev.Sound(1, 1, 50, "unknown-kind")]


@pytest.fixture
def dummy_mixer():  # type: ignore[no-untyped-def]
    """pygame's mixer open on SDL's dummy driver for the test (skipped where even that is missing)."""
    try:
        pygame.mixer.init()
    except pygame.error:
        pytest.skip("no dummy audio driver")
    yield
    pygame.mixer.quit()


class _Cells:
    def __init__(self, n: int) -> None:
        self.n = n

    def in_rect(self, x0, y0, x1, y1):
        return np.arange(self.n)


class _Horde:
    def __init__(self, n: int, chasing: bool) -> None:
        self.n = n
        self.pos = np.full((n, 2), 100.0)
        self.state = np.full(n, 3 if chasing else 1, dtype=np.uint8)
        self.cells = _Cells(n)


class _World:
    horde = _Horde(20, True)


def test_silent_without_a_mixer() -> None:
    pygame.mixer.quit()
    m = Mixer()
    assert not m.enabled
    m.consume(EVENTS, (0.0, 0.0))
    m.update(1 / 60, _World(), (100.0, 100.0))
    m.play("door.bang")
    m.stop()


def test_plays_on_the_dummy_driver_and_fades_to_hunted() -> None:
    try:
        pygame.mixer.init()
    except pygame.error:
        return  # no dummy driver either: the silent path above is the one that matters
    try:
        m = Mixer()
        assert m.enabled and "music.calm" in m.sounds
        m.consume(EVENTS, (0.0, 0.0))
        for _ in range(120):
            m.update(1 / 30, _World(), (100.0, 100.0))
        assert m._hunted == 1.0
        m.update(1 / 30, object(), (0.0, 0.0))  # a world without a horde
        m.stop()
    finally:
        pygame.mixer.quit()


class _Calm:
    horde = _Horde(20, False)


def test_the_cross_fade_moves_volumes_and_never_restarts_a_loop() -> None:
    try:
        pygame.mixer.init()
    except pygame.error:
        return
    try:
        m = Mixer(master=1.0, music=0.5)
        calm, hunted = m._channels["calm"], m._channels["hunted"]
        # calm 3 s, chased 4 s, calm again 4 s: at 30 frames per simulated second
        script = [_Calm()] * 90 + [_World()] * 120 + [_Calm()] * 120
        trace = []
        for world in script:
            m.update(1 / 30, world, (100.0, 100.0))
            assert calm.get_busy() and hunted.get_busy()  # both stems play the whole time
            assert calm.get_sound() is m.sounds["music.calm"] and hunted.get_sound() is m.sounds["music.hunted"]
            trace.append((m._hunted, calm.get_volume(), hunted.get_volume(), m.music_seconds))
        assert m.starts["calm"] == 1 and m.starts["hunted"] == 1  # started once, never again
        h, vc, vh, t = (np.array(col) for col in zip(*trace, strict=True))
        q = 1 / 128 + 1e-6  # SDL keeps channel volumes in 1/128 steps
        assert np.allclose(vc, 0.5 * np.cos(h * np.pi / 2), atol=q) and np.allclose(vh, 0.5 * np.sin(h * np.pi / 2), atol=q)
        assert np.allclose(vc**2 + vh**2, 0.25, atol=2 * q)  # equal power: no dip in the middle of a fade
        assert vh[89] == 0 and vc[89] > 0.49  # calm
        assert abs(vh[90 + 60] - vh[90 + 59]) < 0.05  # a fade, not a cut: ~1/60 of the way per frame
        assert vc[209] == 0 and vh[209] > 0.49  # fully hunted after 1/FADE s of chase
        assert vc[-1] > 0.49 and vh[-1] == 0  # and back to calm
        assert np.allclose(np.diff(t), 1 / 30) and abs(t[-1] - (len(script) - 1) / 30) < 1e-9  # one running clock
        m.set_volumes(1.0, 0.0, 1.0, 1.0)  # music volume 0: silent, still running, in step
        m.update(1 / 30, _Calm(), (100.0, 100.0))
        assert calm.get_volume() == 0 and calm.get_busy() and m.starts["calm"] == 1
        pygame.mixer.stop()  # something else stopped every channel: both restart together
        m.set_volumes(1.0, 0.5, 1.0, 1.0)
        m.update(1 / 30, _Calm(), (100.0, 100.0))
        assert m.starts == {**m.starts, "calm": 2, "hunted": 2} and m.music_seconds == 0.0
    finally:
        pygame.mixer.quit()


def test_a_silent_groan_keeps_its_loop_running() -> None:
    try:
        pygame.mixer.init()
    except pygame.error:
        return
    try:
        m = Mixer()
        groan = m._channels["groan"]

        class Empty:
            horde = _Horde(0, False)

        m.update(1 / 30, Empty(), (100.0, 100.0))
        assert not groan.get_busy()  # never heard: not started
        for world in (_Calm(), Empty(), _Calm()):
            for _ in range(10):
                m.update(1 / 30, world, (100.0, 100.0))
            assert groan.get_busy()
        assert m.starts["groan"] == 1
    finally:
        pygame.mixer.quit()


def _sim_sound_kinds() -> set[str]:
    """Every Sound kind the simulation can emit: the level file's sound kinds, the footsteps,
    and every literal kind in an ``ev.Sound(...)`` call under hyosan/sim."""
    import re
    from pathlib import Path

    import hyosan.sim as sim
    from hyosan.content.schema import SOUND_KINDS
    from hyosan.sim.squad import GAIT_SPEED

    kinds = set(SOUND_KINDS) | {f"{gait}-step" for gait in GAIT_SPEED}
    for path in Path(sim.__file__).parent.rglob("*.py"):
        kinds |= set(re.findall(r'ev\.Sound\([^\n]*?"([a-z][a-z-]*)"', path.read_text()))
    return kinds


def test_every_sound_the_simulation_makes_has_a_sample_or_is_silent_on_purpose() -> None:
    """The radio, the car alarms, the alarm clock, the bait's shouting, Nam-ra's growl and the
    trolleys' rattle made no sound at all before: their kinds had no entry."""
    import json

    from hyosan.audio.mixer import KIND_SOUNDS
    from tests.helpers import ROOT

    samples = set(json.loads((ROOT / "assets" / "audio" / "sounds.json").read_text())["sounds"])
    kinds = _sim_sound_kinds()
    assert {"radio", "car-alarm", "rattle", "growl", "walk-step", "crash"} <= kinds  # the scan finds them
    for kind in sorted(kinds):
        spec = KIND_SOUNDS[kind] if kind in KIND_SOUNDS else KIND_SOUNDS.get(kind.split("-")[0], "missing")
        assert spec != "missing", f"sound kind {kind!r} plays nothing"
        if spec is not None:
            assert set(spec[0]) <= samples, (kind, spec[0])


class _Noticing(_Horde):
    def __init__(self) -> None:
        super().__init__(3, False)
        self.pos = np.array([[100.0, 100.0], [160.0, 100.0], [2000.0, 100.0]])
        self.uid = np.array([7, 8, 9])
        self.noticing = np.zeros(3, dtype=bool)


def test_a_zombie_that_has_just_seen_the_squad_screeches_once_fading_with_distance(dummy_mixer) -> None:
    m = Mixer()
    played: list[tuple[str, float]] = []
    m.play = lambda name, volume=1.0, category="effects": played.append((name, volume))  # type: ignore[method-assign]

    class World:
        horde = _Noticing()

    world = World()
    m.update(1 / 60, world, (100.0, 100.0))
    assert not any(n.startswith("zombie.screech") for n, _ in played)
    world.horde.noticing[:] = True  # all three see her: one at the lead, one 60 px off, one far
    m.update(1 / 60, world, (100.0, 100.0))
    screeches = [(n, v) for n, v in played if n.startswith("zombie.screech")]
    assert [round(v, 3) for _, v in screeches] == [0.8, round(0.8 * (1 - 60 / 500), 3), 0.0]
    played.clear()
    m.update(1 / 60, world, (100.0, 100.0))  # still in their beat: no second screech
    assert not any(n.startswith("zombie.screech") for n, _ in played)


def test_a_straining_door_is_pounded_on_quicker_as_it_nears_giving(dummy_mixer) -> None:
    """A locked door the crowd strains thumps (from POUND_FROM), a thump every POUND_SLOW_S
    quickening to POUND_FAST_S as its strain nears 1; a door unlocked or barely pushed is quiet."""
    from types import SimpleNamespace

    from hyosan.audio.mixer import POUND_FAST_S, POUND_SLOW_S

    door = SimpleNamespace(locked=True, strain=0.0, spec=SimpleNamespace(id="booth-door", tile=(3, 4)))
    world = SimpleNamespace(horde=_Horde(0, False), doors=[door])

    def thumps(strain: float, seconds: float = 6.0, locked: bool = True) -> int:
        m = Mixer()
        assert m.enabled
        door.strain, door.locked = strain, locked
        for _ in range(round(seconds * 30)):
            m.update(1 / 30, world, (5000.0, 5000.0))  # far off: heard all the same
        m.stop()
        return m.pounds

    assert thumps(0.3) == 0 and thumps(0.99, locked=False) == 0
    slow, fast = thumps(0.52), thumps(0.99)
    assert abs(slow - (1 + 6.0 // POUND_SLOW_S)) <= 1 and abs(fast - (1 + 6.0 // POUND_FAST_S)) <= 1
