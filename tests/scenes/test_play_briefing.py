"""`hyosan play LEVEL` opens the level's briefing first (story, objectives, keys), as the level
list does; `--no-briefing` and replays start the level at once."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from hyosan import settings as st
from hyosan.control.replay import read_replay
from hyosan.scenes.briefing import BriefingScene
from hyosan.scenes.screens import PlayScene, TitleScene, first_scene
from hyosan.scenes.stack import Quit, SceneStack


@pytest.fixture()
def data(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("HYOSAN_DATA_DIR", str(folder))
    return folder


def _key(code: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0)


def test_play_level_shows_the_briefing_then_starts_and_records(screen, tmp_path: Path, data: Path) -> None:
    st.save(st.Settings(difficulty="normal", record_replays=False))
    out = tmp_path / "run.jsonl"
    stack = SceneStack(first_scene("sandbox/first-steps", [], 3, record=out, briefing=True))
    stack.update(1 / 60)
    brief = stack.top
    assert isinstance(brief, BriefingScene) and brief.ref == "sandbox/first-steps"
    stack.draw(screen)  # it draws at 1280x720 without error
    stack.handle(_key(pygame.K_RIGHT))  # the briefing's own difficulty choice reaches the run
    assert brief.difficulty == "hard"
    stack.handle(_key(pygame.K_RETURN))  # Start
    for _ in range(5):
        stack.update(1 / 60)
    play = stack.top
    assert isinstance(play, PlayScene) and play.seed == 3 and play.world.difficulty == "hard"
    assert play.world.tick > 0
    stack.apply(Quit())
    replay = read_replay(out)  # --record still records the run the briefing started
    assert replay.level_ref == "sandbox/first-steps" and replay.difficulty == "hard" and replay.seed == 3


def test_back_from_the_briefing_is_the_title(screen, data: Path) -> None:
    stack = SceneStack(first_scene("sandbox/first-steps", [], 0, briefing=True))
    stack.update(1 / 60)
    stack.handle(_key(pygame.K_ESCAPE))
    stack.update(1 / 60)
    assert len(stack.scenes) == 1 and isinstance(stack.top.base, TitleScene)  # the title, no run started


def test_without_briefing_the_level_starts_at_once(screen, data: Path) -> None:
    st.save(st.Settings(record_replays=False))
    stack = SceneStack(first_scene("sandbox/first-steps", [], 0, briefing=False))
    stack.update(1 / 60)
    assert isinstance(stack.top, PlayScene)


def test_the_play_command_briefs_unless_told_not_to(monkeypatch) -> None:
    from hyosan import app, cli

    calls: list[dict] = []
    monkeypatch.setattr(app, "run_app", lambda **kw: calls.append(kw) or 0)
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    assert cli.main(["play", "sandbox/first-steps"]) == 0
    assert cli.main(["play", "sandbox/first-steps", "--no-briefing"]) == 0
    assert [c["briefing"] for c in calls] == [True, False]
