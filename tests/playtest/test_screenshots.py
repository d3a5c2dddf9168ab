"""``hyosan screenshots``: the title and one frame per campaign and score-mode level, found by
enumerating the packs."""

from __future__ import annotations

import pygame

from hyosan.cli import main
from hyosan.playtest.screenshots import campaign_levels


def test_screenshots_cover_the_title_and_every_campaign_level(tmp_path, capsys) -> None:
    out = tmp_path / "shots"
    assert main(["screenshots", "--out", str(out), "--seconds", "5"]) == 0
    levels = campaign_levels()
    assert levels and all(ref.startswith("hyosan/") for ref, _ in levels)
    nights = campaign_levels(pack_name="nights")
    assert [ref for ref, _ in nights] == ["nights/the-roof", "nights/the-auditorium"]
    levels += nights
    expected = {"title.png", "level-select.png"} | {f"{ref.split('/', 1)[1]}.png" for ref, _ in levels}
    assert {p.name for p in out.iterdir()} == expected
    for path in out.iterdir():
        img = pygame.image.load(str(path))
        assert img.get_size() == (1280, 720)
        colours = {tuple(img.get_at((x, y)))[:3] for x in range(0, 1280, 64) for y in range(0, 720, 48)}
        assert len(colours) > 20, f"{path.name} is nearly blank"
    assert "zombies on screen" in capsys.readouterr().out


def test_an_unknown_bot_is_one_clear_line(tmp_path, capsys) -> None:
    assert main(["screenshots", "--out", str(tmp_path), "--bot", "nobody", "--seconds", "1"]) == 2
    err = capsys.readouterr().err
    assert "unknown bot" in err and "Traceback" not in err
