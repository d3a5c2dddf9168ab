"""The settings screen: change a volume, remap a key, Back saves; the title says a bad file once."""

from __future__ import annotations

import pygame
import pytest

from hyosan import settings as st
from hyosan.scenes.screens import TitleScene
from hyosan.scenes.settings_screen import SettingsScene
from hyosan.scenes.stack import SceneStack
from hyosan.scenes.ui import font


@pytest.fixture()
def screen(tmp_path, monkeypatch):
    monkeypatch.setenv("HYOSAN_CONFIG_DIR", str(tmp_path))
    pygame.display.init()
    pygame.font.init()
    font.cache_clear()
    yield pygame.display.set_mode((1280, 720))
    pygame.quit()


def key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="")


def test_change_volume_remap_a_key_and_back_saves(screen) -> None:
    stack = SceneStack(TitleScene())
    stack.handle(key(pygame.K_DOWN))
    stack.handle(key(pygame.K_RETURN))  # Settings
    assert isinstance(stack.top, SettingsScene)
    stack.handle(key(pygame.K_LEFT))  # master volume 80% -> 70%
    melee = next(i for i, r in enumerate(stack.top.rows) if r.action == "melee")
    for _ in range(melee):
        stack.handle(key(pygame.K_DOWN))
    stack.handle(key(pygame.K_RETURN))
    stack.handle(key(pygame.K_j))  # the new key for melee
    stack.draw(screen)
    stack.handle(key(pygame.K_ESCAPE))  # back: saves
    assert isinstance(stack.top, TitleScene)
    saved, msg = st.load()
    assert msg == "" and saved.master_volume == pytest.approx(0.7) and saved.bindings["melee"] == ["j"]


def test_title_shows_the_notice_then_it_fades(screen) -> None:
    stack = SceneStack(TitleScene(notice="Settings file was unreadable"))
    stack.draw(screen)
    stack.update(10.0)
    stack.draw(screen)
    assert stack.top.notice_seconds == 0.0
