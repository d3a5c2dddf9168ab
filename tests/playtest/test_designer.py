"""Designer playtests of a pack, and frames from a headless run."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from hyosan.cli import main
from hyosan.content.discovery import discover_packs
from hyosan.playtest.designer import format_playtest, playtest_pack


def test_the_sandbox_pack_can_be_lost_and_won() -> None:
    full = next(e.pack for e in discover_packs() if e.pack is not None and e.pack.id == "sandbox")
    pack = dataclasses.replace(full, levels=full.levels[:1])  # First Steps only: The Crowd is slow
    results = playtest_pack(pack, seeds=range(2), bots=("idle", "greedy"), max_ticks=1200)
    (level,) = results
    assert level["can_win"] and not level["can_lose"]  # idle only times out within 1200 ticks
    assert level["bots"]["greedy"]["wins"] == 2
    text = format_playtest(results)
    assert text.splitlines()[0].startswith("sandbox/first-steps (First Steps): NEVER LOST")
    assert "greedy: won 2/2" in text and "par 30 s" in text


def test_frames_are_saved_every_k_ticks(tmp_path: Path, capsys) -> None:
    out = tmp_path / "frames"
    assert main(["playtest", "sandbox/first-steps", "--bot", "greedy", "--ticks", "120",
                 "--frames", str(out), "--frame-every", "40"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["frame_000000.png", "frame_000040.png", "frame_000080.png", "frame_000120.png"]


def test_a_pack_playtest_in_two_processes_says_the_same_and_tells_its_progress() -> None:
    full = next(e.pack for e in discover_packs() if e.pack is not None and e.pack.id == "sandbox")
    pack = dataclasses.replace(full, levels=full.levels[:1])
    heard: list[str] = []
    alone = playtest_pack(pack, seeds=range(2), bots=("greedy",), max_ticks=900)
    pooled = playtest_pack(pack, seeds=range(2), bots=("greedy",), max_ticks=900, jobs=2, say=heard.append)
    assert format_playtest(pooled) == format_playtest(alone)  # same runs, same words
    assert heard == ["playing sandbox/first-steps with greedy (2 seeds)..."]


def test_a_level_no_bot_wins_says_what_greedy_cannot_do() -> None:
    # A barricade level (lock the door, brace it) is lost by greedy however fair: the verdict
    # points the designer at playing it or at their own bot instead of leaving "NEVER WON" alone.
    bot = {"runs": 3, "wins": 0, "win_rate": 0.0, "win_rate_ci95": [0.0, 0.56], "outcomes": {"loss": 3},
           "win_time_seconds": {"median": None}, "time_seconds": {}, "errors": [], "stopped_at": [],
           "squad_losses": []}
    level = {"level": "my-pack/kitchen", "title": "Kitchen", "par_seconds": 60.0, "can_win": False,
             "can_lose": True, "bots": {"idle": bot, "greedy": bot}}
    lines = format_playtest([level]).splitlines()
    assert lines[0] == "my-pack/kitchen (Kitchen): can be lost, NEVER WON by a bot"
    assert lines[-1] == ("  greedy barricades only the room it holds in, never shuts an open door and never works a "
                         "bait station: if yours is won another way, win it yourself (hyosan play) or with your own "
                         "bot (hyosan playtest my-pack/kitchen --bot path/to/file.py:ClassName)")
    assert "greedy barricades" not in format_playtest([{**level, "can_win": True}])
