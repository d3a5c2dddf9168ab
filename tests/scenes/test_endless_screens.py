"""What a player sees of an endless level: the HUD's rising clock and score, the objective
line, the results (held out, zombies down, score, held-out stars) and the saved longest night."""

from __future__ import annotations

from pathlib import Path

import pygame

from hyosan.sim.objectives import ENDLESS_TEXT, LevelResult
from hyosan.sim.world import World
from tests.sim.test_endless import night


def test_the_results_of_a_night_keep_the_longest_and_name_the_held_out_stars(screen, tmp_path: Path) -> None:
    from hyosan import progress
    from hyosan.scenes.screens import ResultsScene
    from hyosan.scenes.stack import SceneStack

    level = night(tmp_path)
    ref = "t/night"
    first = ResultsScene(ref, level, "loss", "everyone-down", 20.0, 0,
                         result=LevelResult("loss", "everyone-down", 20.0, 0, 2, 10.0, 2, 400, kills=3))
    assert first.star_lines() == ["Hold out 5 s", "Hold out 15 s", "Hold out 30 s"]
    assert first.new_best == ["stars", "score", "time"]
    SceneStack(first).draw(screen)
    shorter = ResultsScene(ref, level, "loss", "everyone-down", 8.0, 0,
                           result=LevelResult("loss", "everyone-down", 8.0, 0, 2, 10.0, 1, 150, kills=0))
    assert shorter.new_best == []
    best = progress.load()[0][ref]
    assert (best.stars, best.score, best.seconds) == (2, 400, 20.0)  # the longest night, not the last


def test_the_hud_counts_up_and_shows_the_score(screen, tmp_path: Path) -> None:
    from hyosan.render.atlas import Atlas
    from hyosan.render.hud import Hud

    world = World.from_spec(night(tmp_path), 0)
    hud = Hud(Atlas())
    clock_box = pygame.Rect(1280 - 12 - 100, 8, 100, 40)
    score_box = pygame.Rect(1280 - 12 - 260, 8, 160, 40)

    def draw() -> tuple[bytes, bytes]:
        surface = pygame.Surface((1280, 720))
        hud.draw(surface, world, f"Night test  -  {ENDLESS_TEXT}", 0.0)
        return (pygame.image.tobytes(surface.subsurface(clock_box), "RGB"),
                pygame.image.tobytes(surface.subsurface(score_box), "RGB"))

    start = draw()
    assert hud.star_label == "star 1 at 5 s"  # the night's stars: 5, 15 and 30 s
    world.tick, world.standing_ticks = 125, 240  # 2 s in (the clock counts up), 2 students 2 s each
    later = draw()
    assert hud._score(world) == 40
    assert start[0] != later[0] and start[1] != later[1]
    world.tick = 16 * 60
    draw()
    assert hud.star_label == "star 3 at 30 s"
    world.tick = 31 * 60
    draw()
    assert hud.star_label == "all 3 stars"


def test_the_objective_line_of_a_night(screen, tmp_path: Path) -> None:
    from hyosan.render.camera import Camera
    from hyosan.render.presentation import Presentation
    from hyosan.scenes.chrome import objective_lines

    level = night(tmp_path)
    assert objective_lines(level) == [("1", ENDLESS_TEXT)]
    world = World.from_spec(level, 0)
    assert Presentation(world, Camera(1280, 720, 3.0)).objective_line() == f"Night test  -  {ENDLESS_TEXT}"
