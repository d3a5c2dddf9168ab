"""The squad panel: every name clear of its heart."""

from __future__ import annotations

import pygame

from hyosan.content.discovery import resolve_level
from hyosan.render.atlas import Atlas
from hyosan.render.hud import Hud
from hyosan.render.names import display_name
from hyosan.sim.world import World


def test_the_longest_name_leading_ends_before_its_heart(display) -> None:
    """Played by hand, "> Cheong-san" ran under its heart at a fixed 110 px and read
    "Cheong-sar": the hearts now sit right of the longest name, the panel widening with them."""
    _, spec = resolve_level("hyosan/construction-site-stand", [])
    world = World.from_spec(spec, 0)
    world.lead = next(i for i, s in enumerate(world.students) if s.id == "cheong-san")
    hud = Hud(Atlas())
    surface = pygame.Surface((1280, 720))
    hud.draw(surface, world, "Hold", 0.0)
    box = hud.squad_rect
    name_right = box.x + 10 + hud.font(22).size("> " + display_name("cheong-san"))[0]
    heart_x = box.x + 110 + (box.width - 300)  # the columns move right by what the box grew
    assert heart_x >= name_right + 4
    assert box.right < 1280 // 2  # still a corner panel
