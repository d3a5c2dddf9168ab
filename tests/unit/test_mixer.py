"""The mixer never crashes: silent without a device, and working on SDL's dummy driver."""

from __future__ import annotations

import numpy as np
import pygame

from hyosan.audio.mixer import Mixer
from hyosan.sim import events as ev

EVENTS = [ev.Sound(10, 10, 70, "walk-step", "on-jo"), ev.Sound(0, 0, 900, "pa", "pa-1"),
          ev.DoorChanged("d", "open"), ev.Impact(5, 5, 3000.0), ev.Sound(1, 1, 50, "unknown-kind")]


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
