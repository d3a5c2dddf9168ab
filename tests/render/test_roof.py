"""Rain falls on open sky only: the roof mask of Storm Crossing, the legend override, and the drawing."""

from __future__ import annotations

import numpy as np
import pygame

from hyosan.content.loader import load_level
from hyosan.render.atlas import Atlas
from hyosan.render.camera import Camera
from hyosan.render.roof import roof_mask
from hyosan.render.weather_fx import RainFx
from tests.helpers import ROOT

STORM = ROOT / "levels" / "hyosan" / "storm-crossing.toml"


def test_storm_crossing_is_dry_in_the_lobby_the_hut_and_the_auditorium() -> None:
    spec = load_level(STORM).map
    roofed = roof_mask(spec)
    assert roofed.shape == (spec.height, spec.width)
    at = {(c, r): bool(roofed[r, c]) for r in range(spec.height) for c in range(spec.width)}
    kinds = {(c, r): spec.rows[r][c] for r in range(spec.height) for c in range(spec.width)}
    for ch in "hca":  # lobby (hallway), caretaker's hut (classroom), auditorium
        assert all(at[t] for t, k in kinds.items() if k == ch), ch
    assert all(at[t] for t, k in kinds.items() if k in "ES")  # the exit inside, the lobby's spawn tile
    assert not any(at[t] for t, k in kinds.items() if k in ".~D")  # yard, its puddles, the field gate
    assert at[(10, 18)] and at[(11, 23)] is False  # the lobby's outer wall is under the roof, the yard is not


def test_a_legend_entry_can_roof_or_open_its_tiles(tmp_path) -> None:
    text = STORM.read_text().replace('"c" = { kind = "floor", floor = "classroom" }',
                                     '"c" = { kind = "floor", floor = "classroom", roof = "open" }\n'
                                     '"~" = { kind = "puddle", roof = "roofed" }')
    path = tmp_path / "storm.toml"
    path.write_text(text)
    spec = load_level(path).map
    roofed = roof_mask(spec)
    cells = [(r, c) for r in range(spec.height) for c in range(spec.width)]
    assert not any(roofed[r, c] for r, c in cells if spec.rows[r][c] == "c")
    assert all(roofed[r, c] for r, c in cells if spec.rows[r][c] == "~")


def test_no_drop_or_splash_is_drawn_over_a_roof(display) -> None:
    atlas = Atlas()
    covered = RainFx(atlas, 1.0, roofed=np.ones((40, 40), dtype=bool))
    half = np.zeros((40, 40), dtype=bool)
    half[:, :20] = True  # the west half of the map has a roof
    split = RainFx(atlas, 1.0, roofed=half)
    camera = Camera(320, 180, scale=1.0, x=320.0, y=90.0)  # world x 160..480: the roof edge at 320
    for fx in (covered, split):
        for _ in range(30):
            fx.update(1 / 60, (320, 180))
    dry, wet = pygame.Surface((320, 180)), pygame.Surface((320, 180))
    covered.draw(dry, camera)
    split.draw(wet, camera)
    assert pygame.surfarray.pixels3d(dry).max() == 0
    pixels = pygame.surfarray.pixels3d(wet).max(axis=2)  # (x, y)
    assert pixels[:150].max() == 0 and pixels[170:].max() > 60  # streaks slant a few px past the edge
