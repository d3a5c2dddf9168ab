"""The map's look: floor styles the level names are drawn, wall tops read dark against floors."""

from __future__ import annotations

import pygame
import pytest

from hyosan.content.loader import load_level
from hyosan.render.world_view import WorldView
from hyosan.sim.world import World
from tests.helpers import ROOT


@pytest.fixture()
def display():
    pygame.display.init()
    pygame.display.set_mode((1280, 720))
    yield
    pygame.quit()


def test_a_legend_floor_style_is_the_tile_drawn(display) -> None:
    spec = load_level(ROOT / "levels" / "hyosan" / "classroom-barricade.toml")
    view = WorldView(World.from_spec(spec, 0), 3.0)
    rows = spec.map.rows
    styles = dict(spec.map.floors)
    hall = next((r, c) for r, row in enumerate(rows) for c, ch in enumerate(row) if styles.get(ch) == "hallway")
    room = next((r, c) for r, row in enumerate(rows) for c, ch in enumerate(row) if ch == ".")
    # the hallway is wide enough that the room heuristic alone would have drawn it as wood
    assert view._tile_name(*hall).startswith("tile.hallway.floor.")
    assert view._tile_name(*room).startswith("tile.classroom.floor.")


def test_wall_tops_are_darker_than_the_floors(display) -> None:
    spec = load_level(ROOT / "levels" / "hyosan" / "classroom-barricade.toml")
    view = WorldView(World.from_spec(spec, 0), 1.0)
    wall = view.atlas.frame("tile.wall.school.top.0")
    floor = view.atlas.frame("tile.classroom.floor.0")

    def brightness(s: pygame.Surface) -> float:
        return sum(sum(s.get_at((x, y))[:3]) for x in range(16) for y in range(16)) / 256

    assert brightness(wall) < 0.6 * brightness(floor)
