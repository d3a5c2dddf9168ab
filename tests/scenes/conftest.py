"""A 1280x720 display for scene tests, with settings kept in the test's own temp folder."""

from __future__ import annotations

import pygame
import pytest

from hyosan.scenes.ui import font


@pytest.fixture()
def screen(tmp_path, monkeypatch):
    monkeypatch.setenv("HYOSAN_CONFIG_DIR", str(tmp_path))
    pygame.display.init()
    pygame.font.init()
    font.cache_clear()
    yield pygame.display.set_mode((1280, 720))
    pygame.quit()
