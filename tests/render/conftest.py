"""A display for the drawing tests: SDL's dummy video driver (tests/conftest.py sets it) with
a 1280x720 window and fonts, closed after each test."""

from __future__ import annotations

import pygame
import pytest


@pytest.fixture()
def display():
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((1280, 720))
    yield
    pygame.quit()
