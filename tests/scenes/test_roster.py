"""The briefing's squad roster: who is in the level, who the player starts as, what each does."""

from __future__ import annotations

import pygame
import pytest

from hyosan.content.discovery import resolve_level
from hyosan.scenes.briefing import BriefingScene
from hyosan.scenes.roster import ESCORT_WORDS, roster
from hyosan.sim import actions, specials, squad

CAMPAIGN = ["hyosan/classroom-barricade", "hyosan/storm-crossing", "hyosan/trolley-shield-run",
            "hyosan/construction-site-stand"]


def test_the_roster_lists_the_squad_lead_first_with_what_the_sim_gives_each() -> None:
    spec = resolve_level("hyosan/trolley-shield-run", [])[1]
    lines = roster(spec)
    assert [r.student_id for r in lines] == ["on-jo", "su-hyeok", "cheong-san", "nam-ra", "so-ju"]
    by_id = {r.student_id: r for r in lines}
    assert by_id["on-jo"].lead and not any(r.lead for r in lines[1:])
    assert [r.student_id for r in lines if r.joins_later] == ["so-ju"]  # an ally point brings him in
    # Numbers and moves come from the sim's own tables, not from a second copy of them.
    assert f"({round(squad.WALK_NOISE_MULT['on-jo'] * 100)}%)" in by_id["on-jo"].words
    assert specials.SPECIALS["on-jo"] == "spray" and "C: an extinguisher" in by_id["on-jo"].words
    assert "nerve" in by_id["nam-ra"].words and "nam-ra" in actions.STEADYING
    assert f"axe fells {actions.AXE_TARGETS}" in by_id["so-ju"].words
    assert "extinguisher" not in by_id["so-ju"].words  # his level weapon is the axe's, not a C move
    assert "su-hyeok" in actions.STRONG and by_id["su-hyeok"].words.endswith("bat: swings at chasers")


def test_a_designer_s_ordinary_student_and_a_bow_read_as_such() -> None:
    from tests.helpers import world_of_toml

    world = world_of_toml("""
id = "yard"
title = "Yard"
[map]
rows = \"\"\"
########
#S....E#
########
\"\"\"
[[squad]]
id = "mi-jin"
at = [2.5, 1.5]
lead = true
[[squad]]
id = "ha-ri"
at = [3.5, 1.5]
weapon = "bow"
[[squad]]
id = "nam-ra"
at = [4.5, 1.5]
halfbie = true
""")
    by_id = {r.student_id: r for r in roster(world.spec)}
    assert by_id["mi-jin"].words == ESCORT_WORDS and by_id["mi-jin"].name == "Mi-jin"
    assert f"{actions.ARROWS_PER_LEVEL} quiet arrows" in by_id["ha-ri"].words
    assert by_id["nam-ra"].words.startswith("halfbie")
    import dataclasses

    unmarked = dataclasses.replace(world.spec, squad=tuple(dataclasses.replace(s, lead=False) for s in world.spec.squad))
    assert [r.student_id for r in roster(unmarked) if r.lead] == ["mi-jin"]  # no lead = true: the first leads


@pytest.mark.parametrize("size", [(1280, 720), (960, 540)])
@pytest.mark.parametrize("ref", CAMPAIGN)
def test_the_briefing_shows_the_squad_in_its_column_above_the_footer(screen, monkeypatch, ref, size) -> None:
    """At 1280x720 every student's name is drawn in the side column under the objectives: a
    line each with what they do where the plan can spare the room (the Classroom, the Trolley
    run), names in a row where it cannot (the Site's eight lines of objectives). At 960x540 it
    is left out where even a row of names would push into the controls, and the par line says
    Tab shows it; never over them."""
    import hyosan.scenes.briefing as briefing_module

    spec = resolve_level(ref, [])[1]
    briefing = BriefingScene(ref, spec)
    drawn: list[str] = []
    real_text = briefing_module.text
    monkeypatch.setattr(briefing_module, "text", lambda surf, s, *a, **k: drawn.append(s) or real_text(surf, s, *a, **k))
    surface = pygame.Surface(size)
    briefing.draw(surface)
    footer_top = size[1] - 38 - BriefingScene.FOOTER_PX + 6  # px: the line over the controls
    box = briefing.roster_rect
    assert surface.get_rect().contains(box) and box.bottom <= footer_top, (box, footer_top)
    lines = roster(spec)
    names = [r.name + (" (you)" if r.lead else "") for r in lines]
    if size == (960, 540) and "Your squad" not in drawn:  # no room for names: the par line says Tab
        assert "Tab: your squad" in drawn
        return
    assert "Your squad" in drawn and all(any(d.startswith(n) for d in drawn) for n in names), (names, drawn)
    words = [r.words for r in lines]
    if size == (1280, 720) and ref in ("hyosan/classroom-barricade", "hyosan/trolley-shield-run"):
        assert all(w in drawn for w in words), (words, drawn)  # each fits its one line here
    if ref.endswith("construction-site-stand"):
        assert not any(w in drawn for w in words)  # names only: the plan keeps its room


def test_tab_on_the_briefing_shows_what_each_student_does_and_esc_comes_back(screen, monkeypatch) -> None:
    """Yellow Markers' nine objectives leave room beside the plan for the squad's names only
    (a playtester missed what each does). "Tab: what each of them does" says so; Tab gives the
    body to the squad, a line each with their words; Esc goes back to the plan, not the title;
    Y on a pad is Tab here."""
    import hyosan.scenes.briefing as briefing_module
    from hyosan.control.gamepad import MENU_BUTTON_KEYS

    ref = "hyosan/yellow-markers"
    spec = resolve_level(ref, [])[1]
    briefing = BriefingScene(ref, spec)
    drawn: list[str] = []
    real_text = briefing_module.text
    monkeypatch.setattr(briefing_module, "text", lambda surf, s, *a, **k: drawn.append(s) or real_text(surf, s, *a, **k))
    surface = pygame.Surface((1280, 720))
    briefing.draw(surface)
    words = [r.words for r in roster(spec)]
    assert "Tab: what each of them does" in drawn and not any(w in drawn for w in words)
    assert briefing.squad_words_hidden
    tab = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0, unicode="", scancode=0)
    assert briefing.handle(tab) is None and briefing.squad_page
    drawn.clear()
    briefing.draw(surface)
    assert all(w in drawn for w in words), (words, drawn)  # a line each across the body
    assert not any(line in drawn for line in briefing._layout_cache[1] if line)  # the story made way
    footer_top = 720 - 38 - BriefingScene.FOOTER_PX + 6
    assert briefing.roster_rect.bottom <= footer_top
    esc = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="", scancode=0)
    assert briefing.handle(esc) is None and not briefing.squad_page  # back to the plan first
    assert briefing.handle(esc) is not None  # then out of the briefing
    assert MENU_BUTTON_KEYS["y"] == pygame.K_TAB
