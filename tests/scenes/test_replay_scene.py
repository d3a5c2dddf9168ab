"""The play scene records the player's commands, and plays a replay back instead of the keyboard."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from hyosan.control.replay import ReplayInput, read_replay
from hyosan.playtest.verify import verify_replay
from hyosan.scenes.screens import PlayScene, ResultsScene
from hyosan.scenes.stack import Quit, SceneStack
from hyosan.scenes.ui import font
from hyosan.sim import commands as cmd
from tests.helpers import sandbox


@pytest.fixture()
def screen():
    pygame.display.init()
    pygame.font.init()
    font.cache_clear()
    surface = pygame.display.set_mode((640, 360))
    yield surface
    pygame.quit()


class Script:
    """A keyboard stand-in: walk east, then south."""

    keys = {"pause": (pygame.K_ESCAPE,)}

    def __init__(self) -> None:
        self.n = 0

    def on_event(self, event, to_world) -> None:
        pass

    def tick_input(self) -> cmd.TickInput:
        self.n += 1
        return cmd.TickInput((cmd.Move(1.0, 0.0 if self.n < 60 else 1.0, "walk"),))


def test_record_in_the_scene_then_watch_it_back(screen, tmp_path: Path) -> None:
    out = tmp_path / "human.jsonl"
    play = PlayScene("sandbox/first-steps", sandbox(), 7, source=Script(), record=out)
    stack = SceneStack(play)
    for _ in range(150):
        stack.update(1 / 60)
    stack.draw(screen)
    recorded_hash = play.world.state_hash()
    stack.apply(Quit())  # closing the window saves the recording
    replay = read_replay(out)
    assert replay.ticks == 150 and replay.final_hash == recorded_hash and replay.outcome == "quit"
    assert verify_replay(replay, sandbox()).ok

    watch = PlayScene("sandbox/first-steps", sandbox(), replay.seed, source=ReplayInput(replay))
    stack = SceneStack(watch)
    stack.update(1 / 60)
    world = watch.world
    for _ in range(149):
        stack.update(1 / 60)
    assert world.tick == 150 and world.state_hash() == recorded_hash
    assert isinstance(stack.top, ResultsScene)  # the replay has run out: show the results
    stack.draw(screen)
