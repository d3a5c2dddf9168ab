"""Designer playtests of a pack, and frames from a headless run."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from hyosan.cli import main
from hyosan.content.discovery import discover_packs
from hyosan.content.loader import load_level
from hyosan.playtest.designer import format_playtest, playtest_levels, playtest_pack
from hyosan.sim import commands as cmd
from tests.helpers import ROOT, one_level_pack

SANDBOX_PACK = ROOT / "levels" / "sandbox"

# A designer's own bot: the lead walks fixed waypoints (round the desk, through the classroom
# door, down the corridor) to the exit of the sandbox's First Steps.
WALKER = """
from hyosan.sim import commands as cmd
from hyosan.sim.units import TILE_PX

WAYPOINTS = [(12.5, 7.4), (19.0, 7.4), (15.5, 7.0), (15.5, 10.0), (41.5, 10.0)]


class Walker:
    def __init__(self, seed=0):
        self.seed = seed

    def reset(self, world):
        self.i = 0

    def act(self, world):
        x, y = world.student_pos(world.lead_student)
        while self.i < len(WAYPOINTS):
            tx, ty = WAYPOINTS[self.i][0] * TILE_PX, WAYPOINTS[self.i][1] * TILE_PX
            if abs(tx - x) + abs(ty - y) > 6:
                return cmd.TickInput((cmd.Move(tx - x, ty - y, "walk"),))
            self.i += 1
        return cmd.EMPTY_INPUT
"""


def test_the_sandbox_pack_can_be_lost_and_won() -> None:
    full = next(e.pack for e in discover_packs() if e.pack is not None and e.pack.id == "sandbox")
    pack = dataclasses.replace(full, levels=full.levels[:1])  # First Steps only: The Crowd is slow
    results = playtest_pack(pack, seeds=range(2), bots=("idle", "greedy"), max_ticks=1200)
    (level,) = results
    assert level["can_win"] and not level["can_lose"]  # idle only times out within 1200 ticks
    assert level["bots"]["greedy"]["wins"] == 2
    text = format_playtest(results)
    assert text.splitlines()[0].startswith("sandbox/first-steps (First Steps): NEVER LOST")
    # and why, from what the horde did: First Steps has no zombie at all
    assert "no zombie ever stirred while the squad stood still in 20 s" in text
    assert "greedy: won 2/2" in text and "par 30 s" in text


def test_never_lost_says_what_the_horde_did_to_the_idle_squad() -> None:
    from hyosan.playtest.designer import _never_lost_why

    idle = {"time_seconds": {"median": 600.0}, "peak_chasing": 0, "peak_investigating": 0}
    assert "no zombie ever stirred" in _never_lost_why(idle)
    heard = _never_lost_why({**idle, "peak_investigating": 12})
    assert "up to 12 zombies went to a noise, but none ever saw the idle squad in 600 s" in heard
    sealed = _never_lost_why({**idle, "peak_investigating": 12, "peak_chasing": 40})
    assert "up to 40 zombies came for the idle squad" in sealed and "lock_strength" in sealed


def test_frames_are_saved_every_k_ticks(tmp_path: Path, capsys) -> None:
    out = tmp_path / "frames"
    assert main(["playtest", "sandbox/first-steps", "--bot", "greedy", "--ticks", "120",
                 "--frames", str(out), "--frame-every", "40"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["frame_000000.png", "frame_000040.png", "frame_000080.png", "frame_000120.png"]


def test_frames_into_a_folder_that_cannot_be_made_is_one_line_before_the_run(tmp_path: Path, capsys) -> None:
    # A designer's --frames at a file (or under /proc) ended in a FileExistsError traceback.
    taken = tmp_path / "taken"
    taken.write_text("notes")
    assert main(["playtest", "sandbox/first-steps", "--bot", "idle", "--ticks", "30", "--frames", str(taken)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"hyosan playtest: cannot save frames in {taken}: File exists"
    assert taken.read_text() == "notes"  # nothing lost


def test_frames_draw_the_noise_as_the_window_does(tmp_path: Path) -> None:
    # A designer could not find where a thrown phone landed in --frames: the rings and their
    # captions ("phone ringing") are drawn now, from the events of every tick before the frame.
    import pygame

    from hyosan.playtest.frames import FrameSaver
    from hyosan.sim import events as ev
    from hyosan.sim.world import World
    from tests.helpers import sandbox

    shots = []
    for name, events in (("quiet", []), ("ringing", None)):
        world = World.from_spec(sandbox(), 0)
        x, y = (float(v) for v in world.student_pos(world.lead_student))
        saver = FrameSaver(world, tmp_path / name, every=30)
        for tick in range(1, 31):
            world.tick = tick
            saver.observe(world, events if events is not None else [ev.Sound(x + 40, y, 320.0, "phone", "")] * (tick == 1))
        shots.append(pygame.image.load(str(saver.saved[-1])))
    quiet, ringing = (pygame.surfarray.array3d(s) for s in shots)
    assert (quiet != ringing).any(axis=2).sum() > 500  # the ring, and the caption's words


def test_frames_caption_a_sound_in_the_level_s_own_words(tmp_path: Path) -> None:
    """A designer's radio, captioned "staff radio" in the level, read "radio - staff room" in
    --frames: the frames' rings knew neither the level's captions nor the students' names."""
    from hyosan.content.discovery import resolve_level
    from hyosan.playtest.frames import FrameSaver
    from hyosan.sim import events as ev
    from hyosan.sim.world import World

    _, spec = resolve_level("hyosan/yellow-markers", [])
    world = World.from_spec(spec, 0)
    saver = FrameSaver(world, tmp_path / "frames", every=30)
    saver.observe(world, [ev.Sound(90.5 * 16, 22.5 * 16, 2400.0, "pa-speaker", "siren"),
                          ev.Sound(60.0, 600.0, 380.0, "scream", "nam-ra")])
    captions = [r.caption.split(" \u2014 ")[0] for r in saver.rings.rings]
    assert captions == ["siren", "Nam-ra panics"], captions


def test_a_whole_map_frame_shows_every_tile_of_the_level(tmp_path: Path) -> None:
    """``--frame-view map``: the frame is the map at one scale (the roof, 64x40 tiles, at 1.5625x:
    1600x1000), and what is drawn reaches every edge (the lead view shows a 640x360 window)."""
    import pygame

    from hyosan.content.discovery import resolve_level
    from hyosan.playtest.frames import map_frame
    from hyosan.sim.world import World

    out = tmp_path / "frames"
    assert main(["playtest", "nights/the-roof", "--bot", "idle", "--ticks", "60",
                 "--frames", str(out), "--frame-every", "60", "--frame-view", "map"]) == 0
    _, roof = resolve_level("nights/the-roof", [])
    size, scale = map_frame(World.from_spec(roof, 0))
    assert size == (1600, 1000) and scale == 1.5625
    img = pygame.image.load(str(out / "frame_000060.png"))
    assert img.get_size() == size
    # the parapet's wall tiles are drawn in every corner of the picture, not the black beyond a view
    for x, y in ((40, 40), (size[0] - 40, 40), (40, size[1] - 40), (size[0] - 40, size[1] - 40)):
        assert max(img.get_at((x, y))[:3]) > 8, (x, y)


def test_a_pack_playtest_in_two_processes_says_the_same_and_tells_its_progress() -> None:
    full = next(e.pack for e in discover_packs() if e.pack is not None and e.pack.id == "sandbox")
    pack = dataclasses.replace(full, levels=full.levels[:1])
    heard: list[str] = []
    alone = playtest_pack(pack, seeds=range(2), bots=("greedy",), max_ticks=900, jobs=1)
    pooled = playtest_pack(pack, seeds=range(2), bots=("greedy",), max_ticks=900, jobs=2, say=heard.append)
    assert format_playtest(pooled) == format_playtest(alone)  # same runs, same words
    assert heard == ["playing 1 level and bot pair x 2 seeds = 2 runs in 2 processes...",
                     "  sandbox/first-steps with greedy: won 2 of 2"]


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
    assert lines[-1] == ("  greedy barricades only the room it holds in, never shuts an open door, never works a "
                         "bait station: if yours is won another way, win it yourself (hyosan play) or with your own "
                         "bot (hyosan check --playtest PACK --bot path/to/file.py:ClassName)")
    assert "greedy barricades" not in format_playtest([{**level, "can_win": True}])
    # A designer's level was won only by using its optional lure, which greedy skips: the hint
    # names the level's optional objectives.
    lured = format_playtest([{**level, "optional_objectives": ["pa-lure", "alarm"]}]).splitlines()[-1]
    assert "never works a bait station and skips optional objectives (yours: 'pa-lure', 'alarm'): if yours" in lured
    # hyosan check --playtest names the pack as the designer typed it, quoted for the shell
    named = format_playtest([level], pack_path="levels/my pack").splitlines()[-1]
    assert named.endswith("(hyosan check --playtest 'levels/my pack' --bot path/to/file.py:ClassName)")
    # when the designer's own bot was played and lost too, the hint does not ask for one
    mine = format_playtest([{**level, "bots": {**level["bots"], "mine.py:Mine": bot}}]).splitlines()[-1]
    assert mine.endswith("if yours is won another way, win it yourself (hyosan play), and look at where your "
                         "bot's runs stopped above")


def test_a_level_lost_within_seconds_says_so_and_how_soon() -> None:
    # Written from the docs, a library level whose stacks group stood five tiles from the start
    # room's door: every greedy run was lost at 4.8 s, and the verdict only said "NEVER WON".
    def bot(lost_at: float) -> dict:
        return {"runs": 3, "wins": 0, "win_rate": 0.0, "win_rate_ci95": [0.0, 0.56], "outcomes": {"loss": 3},
                "win_time_seconds": {"median": None}, "time_seconds": {},
                "loss_time_seconds": {"median": lost_at, "p10": lost_at - 0.2, "p90": lost_at + 0.1},
                "errors": [], "stopped_at": [], "squad_losses": []}
    level = {"level": "lib/reading-room", "title": "Reading Room", "par_seconds": 90.0, "can_win": False,
             "can_lose": True, "bots": {"idle": bot(11.7), "greedy": bot(4.8)}}
    lines = format_playtest([level]).splitlines()
    assert lines[2] == "  greedy: won 0/3 (95% CI 0-56%; loss 3), losses come at 4.8 s (p10 4.6, p90 4.9)"
    assert lines[-1].startswith("  every run is lost within 12 s, before a player could do much")
    assert "greedy barricades" not in "\n".join(lines)
    # lost late (a siege that gives at the end): the greedy hint, not the early one
    late = {**level, "bots": {"idle": bot(250.0), "greedy": bot(4.8)}}
    assert format_playtest([late]).splitlines()[-1].startswith("  greedy barricades only")
    # who was lost, and to which of the designer's groups (most first)
    hurt = {**bot(4.8), "squad_losses": [{"student": "mi-jin", "runs": 2}],
            "deaths_by_group": {"reading-room": 1, "late-wave": 3}}
    lines = format_playtest([{**level, "bots": {"idle": bot(11.7), "greedy": hurt}}]).splitlines()
    at = lines.index("    students lost (runs): mi-jin in 2")
    assert lines[at + 1] == "    students lost, by the group that bit them: late-wave: 3, reading-room: 1"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_check_playtest_plays_the_designers_own_bot(tmp_path: Path, monkeypatch, capsys, jobs: str) -> None:
    # A level won only by a technique greedy lacks needs the designer's bot in `check` too; with
    # --jobs the worker processes load the file themselves (here by a path relative to the
    # folder the command was run in).
    (tmp_path / "walker.py").write_text(WALKER)
    monkeypatch.chdir(tmp_path)
    pack = one_level_pack(tmp_path / "mine")
    assert main(["check", "--playtest", str(pack), "--seeds", "2", "--jobs", jobs,
                 "--bot", "walker.py:Walker", "--bot", "greedy"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "mine/first-steps (First Steps): can be lost, can be won"
    assert [line.split(":")[0].strip() for line in lines[2:] if ": won " in line] \
        == ["idle", "greedy", "walker.py"]  # greedy once, the designer's bot after the defaults
    (walker,) = [line for line in lines if line.startswith("  walker.py:Walker: ")]
    assert walker.startswith("  walker.py:Walker: won 2/2 (95% CI 34-100%; win 2), wins take ")


@pytest.mark.parametrize(("spec", "message"), [
    ("wizard", "unknown bot 'wizard'; known bots: greedy, idle, random, solver, or path/to/file.py:ClassName"),
    ("walker.py", "a bot file is given as path/to/file.py:ClassName, not 'walker.py'"),
    ("walker.py:Runner", "bot file walker.py has no class 'Runner' (it has: Walker)"),
    ("gone.py:Walker", "bot file gone.py does not exist"),
    ("broken.py:Broken", "bot file broken.py failed to load: ZeroDivisionError: division by zero"),
    ("fussy.py:Fussy", "bot fussy.py:Fussy could not be made: ValueError: needs a map at {here}/fussy.py:3"),
])
def test_check_playtest_with_a_bad_bot_is_one_line_and_exit_2(tmp_path: Path, monkeypatch, capsys, spec: str,
                                                              message: str) -> None:
    (tmp_path / "walker.py").write_text(WALKER)
    (tmp_path / "broken.py").write_text("1 / 0\n")
    (tmp_path / "fussy.py").write_text("class Fussy:\n    def __init__(self, seed):\n        raise ValueError('needs a map')\n"
                                       "    def reset(self, world): pass\n    def act(self, world): pass\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--playtest", str(SANDBOX_PACK), "--bot", "greedy", "--bot", spec]) == 2
    out, err = capsys.readouterr()
    assert out == ""  # refused before anything is checked or played
    assert err.splitlines() == [f"hyosan check: {message.format(here=tmp_path)}"]


@pytest.mark.parametrize(("flags", "named"), [
    (["--bot", "greedy"], "--bot only means"),
    (["--seeds", "5"], "--seeds only means"),
    (["--jobs", "2", "--bot", "greedy"], "--bot, --jobs only mean"),
])
def test_playtest_flags_without_playtest_are_a_usage_error(capsys, flags: list[str], named: str) -> None:
    # A designer who forgot --playtest would otherwise get a plain check and think it played.
    assert main(["check", str(SANDBOX_PACK), *flags]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [f"hyosan check: {named} something with --playtest "
                                "(hyosan check --playtest PACK --seeds 5 --bot path/to/file.py:ClassName)"]


def test_check_playtest_json_is_one_object_with_the_check_and_the_verdicts(capsys) -> None:
    assert main(["check", "--playtest", str(SANDBOX_PACK), "--seeds", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)  # the whole of stdout: no text lines around it
    assert data["ok"] is True and data["results"][0]["kind"] == "pack"
    (played,) = data["playtest"]
    assert played["pack"] == str(SANDBOX_PACK)
    assert [lv["level"] for lv in played["levels"]] == ["sandbox/first-steps", "sandbox/quiet-corridor"]
    first, corridor = played["levels"]
    for level in (first, corridor):  # idle loses both practice levels (on time); both can be won
        assert level["can_lose"] is True and level["can_win"] is True and level["bots"]["idle"]["wins"] == 0
        assert level["bots"]["greedy"]["runs"] == 1
    assert list(first["bots"]) == ["idle", "greedy"] and first["bots"]["greedy"]["wins"] == 1
    # the Quiet Corridor has a solver (the briefing's route): played after the defaults, and won
    assert list(corridor["bots"]) == ["idle", "greedy", "solver"] and corridor["bots"]["solver"]["wins"] == 1


def test_the_campaign_solver_plays_only_the_campaign_file(tmp_path: Path) -> None:
    """A designer's level that reuses a campaign id is another map: the campaign's scripted
    solver would walk its coordinates into walls, so neither the bot nor check plays it."""
    from hyosan.content.discovery import resolve_level
    from hyosan.content.loader import load_pack
    from hyosan.control.solvers import SOLVERS, solver_for

    _, campaign = resolve_level("hyosan/classroom-barricade", [])
    assert solver_for(campaign) is SOLVERS["classroom-barricade"]
    pack_dir = tmp_path / "mine"
    pack_dir.mkdir()
    (pack_dir / "pack.toml").write_text((SANDBOX_PACK / "pack.toml").read_text()
                                        .replace('id = "sandbox"', 'id = "mine"')
                                        .replace('levels = ["first-steps", "quiet-corridor"]', 'levels = ["classroom-barricade"]'))
    level = (SANDBOX_PACK / "first-steps.toml").read_text().replace('id = "first-steps"', 'id = "classroom-barricade"')
    (pack_dir / "classroom-barricade.toml").write_text(level)
    pack = load_pack(pack_dir)
    (mine,) = [lv for lv in pack.levels if lv.id == "classroom-barricade"]
    assert solver_for(mine) is None
    results = playtest_pack(dataclasses.replace(pack, levels=(mine,)), seeds=range(1), bots=("idle",), max_ticks=60)
    assert list(results[0]["bots"]) == ["idle"]


def test_check_playtest_plays_a_level_file_checked_on_its_own(capsys) -> None:
    # Before, a level file passed validation and nothing was played, without a word.
    level = SANDBOX_PACK / "first-steps.toml"
    assert main(["check", "--playtest", str(level), "--seeds", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{level}: ok (level, 1 level: first-steps)"
    assert lines[1] == f"{level} (First Steps): can be lost, can be won"
    assert lines[3].startswith("  greedy: won 1/1")


def test_check_playtest_of_a_level_file_in_a_pack_uses_the_packs_prop_types(tmp_path, capsys) -> None:
    # A designer (session 30): `check mypack/level.toml` passed with the pack's own "bookshelf",
    # and `check --playtest` on the same file then refused every shelf as an unknown prop type.
    pack_dir = tmp_path / "mine"
    pack_dir.mkdir()
    (pack_dir / "pack.toml").write_text((SANDBOX_PACK / "pack.toml").read_text().replace('id = "sandbox"', 'id = "mine"')
                                        + '\n[prop_types.bookshelf]\nwidth = 30\ndepth = 14\nmass = 40\n')
    level = pack_dir / "first-steps.toml"
    level.write_text((SANDBOX_PACK / "first-steps.toml").read_text().replace('type = "desk"', 'type = "bookshelf"', 1))
    assert main(["check", "--playtest", str(level), "--seeds", "1", "--jobs", "1"]) == 0
    captured = capsys.readouterr()
    assert "unknown prop type" not in captured.err
    lines = captured.out.splitlines()
    assert lines[0] == f"{level}: ok (level, 1 level: first-steps)"
    assert lines[1] == f"{level} (First Steps): can be lost, can be won"


def test_a_run_keeps_its_first_loud_noises_and_who_made_them() -> None:
    from hyosan.playtest.batch import run_seed
    from hyosan.playtest.stats import noise_words

    spec = load_level(ROOT / "levels" / "sandbox" / "first-steps.toml")
    run = run_seed("sandbox/first-steps", spec, "random", 0, 900, False)
    noises = run["first_loud_noises"]
    assert len(noises) == 3 and all(px >= 200 for _, _, _, px in noises)
    assert [n[:3] for n in noises] == [[0.02, "melee", "on-jo"], [0.18, "phone", "thrown-phone-2"],
                                       [10.55, "phone", "thrown-phone-1"]]
    assert noise_words(noises[:2]) == "0.02 s melee (on-jo); 0.18 s phone (thrown-phone-2)"


def _verdict(**greedy: object) -> dict:
    bot = {"runs": 3, "wins": 0, "win_rate": 0.0, "win_rate_ci95": (0.0, 0.56), "outcomes": {"loss": 3},
           "win_time_seconds": {"median": None}, "time_seconds": {"median": 45.0},
           "loss_time_seconds": {"median": 45.1, "p10": 37.4, "p90": 45.8}, "errors": [], "stopped_at": [],
           "squad_losses": [], "score": {}, "stars": {}, "doors_gave_way": {}, "first_loud_noises": [[], [], []]}
    bot.update(greedy)
    return {"level": "p/lab", "title": "Lab", "par_seconds": 160.0, "endless": False, "can_lose": True,
            "can_win": bot["wins"] > 0, "bots": {"greedy": bot}}


def test_check_says_which_door_gave_way_and_what_woke_the_horde() -> None:
    # A designer's lab (session 26): "NEVER WON" and the advice that greedy may not know the way,
    # while its door gave way in all three runs; the report alone said so.
    text = format_playtest([_verdict(doors_gave_way={"lab-door": 3, "store-door": 1},
                                     braced_at_break={"lab-door": 0.0, "store-door": 1.46})])
    assert ("    locked doors that gave way (runs): lab-door in 3 (no prop braced it), "
            "store-door in 1 (braced x1.5 as it gave)") in text
    assert "'lab-door' gave way in every greedy run: the crowd outpushes its lock and braces" in text
    assert "won another way" not in text
    noises = [[[0.2, "phone", "thrown-phone-1", 350]], [[0.5, "rattle", "trolley", 420]],
              [[0.3, "phone", "thrown-phone-1", 350]]]
    early = format_playtest([_verdict(loss_time_seconds={"median": 11.2, "p10": 10.0, "p90": 12.0},
                                      first_loud_noises=noises)])
    assert "the first loud noise was a phone (thrown-phone-1) at 0.2 s, in 2 of 3 runs" in early


def test_check_says_when_par_is_far_longer_than_the_wins() -> None:
    quick = _verdict(wins=3, outcomes={"win": 3}, win_time_seconds={"median": 16.0, "p10": 15.0, "p90": 17.0},
                     whole_win_time_seconds={"median": 16.0, "p10": 15.0, "p90": 17.0})
    assert "the fastest bot's wins with nobody lost take 16 s, under a quarter of the 160 s par" in format_playtest([quick])
    fair = _verdict(wins=3, outcomes={"win": 3}, win_time_seconds={"median": 90.0, "p10": 85.0, "p90": 95.0},
                    whole_win_time_seconds={"median": 90.0, "p10": 85.0, "p90": 95.0})
    assert "under a quarter" not in format_playtest([fair])
    # A lone lead out at 36 s, the rest lost (greedy on the Trolley): no three stars in that,
    # whatever the par, so no word about it
    alone = _verdict(wins=1, outcomes={"win": 1, "loss": 2}, win_time_seconds={"median": 36.1, "p10": 36.1, "p90": 36.1},
                     whole_win_time_seconds={"median": None, "p10": None, "p90": None})
    assert "under a quarter" not in format_playtest([alone])


def _pool_runs() -> list[dict]:
    """Three greedy runs of a designer's pool level (as report.json had them): the drone led
    71, 71 and 72 of the 73 zombies placed (and 9-11 spawned) into the pool."""
    return [{"outcome": outcome, "zombie_deaths": {"fall": fell, "hit": 2}, "zombies_placed": 73,
             "zombies_spawned": spawned, "students_fell": [],
             "zombie_falls_at": {"first": first, "p10": p10, "half": 14.4, "p90": p90, "last": 18.4}}
            for outcome, fell, spawned, first, p10, p90 in (("win", 71, 82, 1.8, 13.8, 15.1),
                                                             ("win", 71, 84, 0.7, 13.6, 14.9),
                                                             ("loss", 72, 84, 0.6, 13.9, 15.3))]


def test_check_says_how_many_zombies_went_over_the_drops_and_when() -> None:
    # A designer's pool level: the drone emptying the horde into the pool was the number that
    # mattered, and it was only in report.json (zombie_deaths: {"fall": 71}).
    from hyosan.playtest.stats import drop_losses

    drops = drop_losses(_pool_runs())
    text = format_playtest([_verdict(drops=drops)])
    assert ("    zombies lost over drops: median 71 a run (of 73 placed, 11 more spawned; p10 71, p90 72); "
            "80% of them went over between 13.8 and 15.1 s") in text.splitlines()
    # a student who went over too, by name; and a run where nobody fell does not count in the median
    runs = [*_pool_runs()[:2], {**_pool_runs()[2], "zombie_deaths": {"hit": 1}, "zombie_falls_at": {},
                                "students_fell": ["dae-su"]}]
    lines = format_playtest([_verdict(drops=drop_losses(runs))]).splitlines()
    assert ("    zombies lost over drops: median 71 a run (of 73 placed, 11 more spawned) in the 2 of 3 runs where "
            "any fell; 80% of them went over between 13.7 and 15.0 s") in lines
    assert "    students lost over drops (runs): dae-su in 1" in lines
    # a level without drops says nothing of them
    dry = [{**r, "zombie_deaths": {"hit": 2}, "zombie_falls_at": {}} for r in _pool_runs()]
    assert drop_losses(dry) == {}
    assert "over drops" not in format_playtest([_verdict(drops=drop_losses(dry))])


def test_a_run_counts_who_went_over_a_drop_and_when() -> None:
    """The ledge's edge strip: five wandering zombies stand on it as the level starts and go
    at the first tick; On-jo, sent east off the rim at 150 px/s, goes over a moment later."""
    from dataclasses import replace

    from hyosan.playtest.stats import RunStats, drop_losses
    from hyosan.sim.world import World
    from tests.sim.test_falls import LEDGE

    text = LEDGE + '[[zombies]]\ncount = 5\nzone = [10.1, 1.2, 11.9, 2.8]\nstate = "wander"\n'
    spec = load_level(Path("ledge.toml"), text.encode())
    # moved onto the strip past the checker, which refuses a group placed all over a drop
    spec = replace(spec, zombies=(replace(spec.zombies[0], zone=(12.1, 1.2, 13.9, 2.8)),))
    world = World.from_spec(spec, seed=0)
    stats = RunStats(world)
    on_jo = world.students[0]
    on_jo.body.position = (11.5 * 16, 3.5 * 16)
    on_jo.body.velocity = (150.0, 0.0)
    world.bodies.read()
    for _ in range(60):
        stats.observe(world, world.step(cmd.EMPTY_INPUT))
    run = {"outcome": "timeout", "zombies_spawned": 5, **stats.summary(world)}
    assert run["zombie_deaths"] == {"fall": 5} and run["zombies_placed"] == 5
    assert run["zombie_falls_at"] == {"first": 0.02, "p10": 0.02, "half": 0.02, "p90": 0.02, "last": 0.02}
    assert run["students_fell"] == ["on-jo"] and run["deaths"] == {"fall": 1}
    drops = drop_losses([run])
    assert drops["zombies"]["median"] == 5 and drops["students"] == [{"student": "on-jo", "runs": 1}]


def test_an_idle_squad_lost_only_to_the_clock_is_said_to_be_untouched() -> None:
    # A designer's library: "can be lost", every idle run lost at 420 s, and nothing said that
    # the horde never got at the squad that stayed put: the clock alone beat it.
    from hyosan.playtest.designer import _lost_to_time_how

    idle = {"runs": 3, "loss_causes": {"time": 3}, "squad_hurt_runs": 0, "peak_chasing": 0, "peak_investigating": 9,
            "loss_time_seconds": {"median": 420.0}}
    assert _lost_to_time_how(idle, 420.0) == (
        "  idle lost only to the time limit (420 s): the horde never reached a squad that stayed put (up to 9 zombies "
        "went to a noise, but none ever saw it); a player who hides is safe until the clock runs out: if waiting "
        "should be dangerous, start a group where it will see the squad, or add a wave or a spawner with `hunts = true`")
    one = _lost_to_time_how({**idle, "peak_chasing": 1}, 420.0)
    assert "(up to 1 zombie came for it at once and none got in)" in one  # (Yellow Markers' idle: "1 zombies")
    sealed = _lost_to_time_how({**idle, "peak_chasing": 14}, 420.0)
    assert "(up to 14 zombies came for it at once and none got in)" in sealed and "lock_strength" in sealed
    hurt = _lost_to_time_how({**idle, "squad_hurt_runs": 2}, 420.0)
    assert hurt == ("  idle lost only to the time limit (420 s), though students went down in 2 of 3 runs: the horde "
                    "got at a squad that stayed put but never took it all")
    mixed = _lost_to_time_how({**idle, "loss_causes": {"time": 2, "everyone-down": 1}}, 420.0)
    assert mixed == "  idle lost 2 of 3 runs only to the time limit (420 s); the others when students went down"
    # lost when its students went down: the losses line says when, as before, and nothing more
    assert _lost_to_time_how({**idle, "loss_causes": {"everyone-down": 3}, "squad_hurt_runs": 3}, 420.0) == ""


def test_a_level_idle_loses_to_the_clock_says_so_in_the_check() -> None:
    # First Steps with a 25 s clock: nothing in it ever comes for the squad, so idle's runs are
    # lost to the time limit alone.
    spec = dataclasses.replace(load_level(SANDBOX_PACK / "first-steps.toml"), time_limit_seconds=25.0)
    results = playtest_levels([("sandbox/first-steps", spec)], seeds=range(2), bots=("idle",))
    idle = results[0]["bots"]["idle"]
    assert idle["loss_causes"] == {"time": 2} and idle["squad_hurt_runs"] == 0
    assert format_playtest(results).splitlines()[-1] == (
        "  idle lost only to the time limit (25 s): the horde never reached a squad that stayed put (no zombie ever "
        "stirred); a player who hides is safe until the clock runs out: if waiting should be dangerous, start a "
        "group awake and nearer (`state = \"wander\"`), or add a wave or a spawner with `hunts = true`")


def test_an_endless_night_never_lost_says_what_the_horde_did() -> None:
    # "the night never gets hard enough (more or faster spawners...)" was said of a night whose
    # spawners never started (s15) and of one whose spawners were all sealed away (s19).
    from hyosan.playtest.designer import _endless_lines

    def verdict(**bot: object) -> str:
        idle = {"time_seconds": {"median": 1200.0, "p10": 1200.0, "p90": 1200.0},
                "score": {"median": 1, "p10": 1, "p90": 1}, "stars": {}, "outcomes": {"timeout": 3}, "errors": [],
                "peak_chasing": 0, "squad_hurt_runs": 0, "squad_losses": [], "most_sent": 0, "most_placed": 0,
                "most_put_down": 0, **bot}
        lv = {"level": "p/gym", "title": "Gym", "can_lose": False, "bots": {"idle": idle, "greedy": dict(idle)}}
        return _endless_lines(lv)[0]

    head = "p/gym (Gym): endless, NEVER LOST: every run still stood at 20 min; "
    assert verdict() == head + ("no spawner sent a single zombie in any run: do they all start later than that, or "
                                "stop at once? Start one sooner (its `start_seconds`)")
    assert "(only the 12 zombies placed at the start came)" in verdict(most_placed=12)
    assert verdict(most_sent=40) == head + (
        "the spawners sent up to 40 zombies a run, but none ever reached the squad (none chased it, none was put "
        "down): they cannot walk to it (a spawner's zone sealed off by walls or windows) or never look for it; give "
        "a spawner a zone with a way to the squad and `hunts = true`")
    sealed_in = verdict(most_sent=40, peak_chasing=25)
    assert sealed_in.startswith(head + "up to 25 zombies came for the squad at once, but none got to it: it stands "
                                "sealed in") and "lock_strength" in sealed_in
    assert verdict(most_sent=40, peak_chasing=25, most_put_down=30).endswith(
        "the night never gets hard enough (more or faster spawners, a steeper [endless] ramp)")


@pytest.mark.parametrize("change,said", [
    ("never-starts", "no spawner sent a single zombie in any run"),
    ("sealed", "none ever reached the squad (none chased it, none was put down)"),
])
def test_a_played_endless_night_says_what_its_horde_did(tmp_path: Path, change: str, said: str) -> None:
    """The same, from real runs (10 s of them): the runs' numbers reach the verdict. The levels
    are changed after loading: the check refuses both."""
    from tests.sim.test_endless import NIGHT, walled_off

    (tmp_path / "night.toml").write_text(NIGHT)
    spec = load_level(tmp_path / "night.toml")
    if change == "sealed":
        spec = walled_off(spec)
    else:
        spec = dataclasses.replace(spec, spawners=tuple(dataclasses.replace(s, start_seconds=36000.0)
                                                        for s in spec.spawners))
    results = playtest_levels([("t/night", spec)], seeds=range(1), bots=("idle",), max_ticks=600, jobs=1)
    assert not results[0]["can_lose"]
    assert said in format_playtest(results).splitlines()[0]
    assert (results[0]["bots"]["idle"]["most_sent"] > 0) == (change == "sealed")


ROUTE_FOR_ONE_LEVEL = """
from hyosan.control.driver import Driver, ScriptBot, tile_point


class FirstOnly(ScriptBot):
    levels = ["first-steps"]

    def plan(self, world):
        drv = Driver(world)
        yield from drv.push("desk-blocker", (-1, 0), 24.0)
        yield from drv.goto(tile_point(15.5, 10.0))
        yield from drv.goto(tile_point(40.5, 10.5), "sprint")


class Misnamed(FirstOnly):
    levels = ["frist-steps"]


class HalfNamed(FirstOnly):
    levels = ["first-steps", "frist-steps"]
"""


def test_check_playtest_plays_a_route_bot_on_its_own_levels_alone(tmp_path, capsys) -> None:
    # A designer (session 30) wrote one route bot per level; `check --playtest PACK --bot A --bot B`
    # played each on both levels, each crashed on the other, and the pack always exited 1.
    pack_dir = tmp_path / "mine"
    pack_dir.mkdir()
    (pack_dir / "pack.toml").write_text((SANDBOX_PACK / "pack.toml").read_text()
                                        .replace('id = "sandbox"', 'id = "mine"')
                                        .replace('levels = ["first-steps", "quiet-corridor"]', 'levels = ["first-steps", "no-blocker"]'))
    level = (SANDBOX_PACK / "first-steps.toml").read_text()
    (pack_dir / "first-steps.toml").write_text(level)
    no_blocker = level.replace('id = "first-steps"', 'id = "no-blocker"').replace('id = "desk-blocker"', 'id = "desk-c1"')
    (pack_dir / "no-blocker.toml").write_text(no_blocker)
    (tmp_path / "route.py").write_text(ROUTE_FOR_ONE_LEVEL)
    bot = f"{tmp_path}/route.py:FirstOnly"
    assert main(["check", "--playtest", str(pack_dir), "--bot", bot, "--seeds", "1", "--jobs", "1", "--json"]) == 0
    played = {lv["level"]: lv["bots"] for lv in json.loads(capsys.readouterr().out)["playtest"][0]["levels"]}
    assert list(played["mine/first-steps"]) == ["idle", "greedy", bot]
    assert played["mine/first-steps"][bot]["wins"] == 1
    assert list(played["mine/no-blocker"]) == ["idle", "greedy"]
    # a bot naming a level the pack lacks is said to, and plays nowhere
    misnamed = f"{tmp_path}/route.py:Misnamed"
    assert main(["check", "--playtest", str(pack_dir), "--bot", misnamed, "--seeds", "1", "--jobs", "1"]) == 0
    out = capsys.readouterr()
    assert f"hyosan check: bot {misnamed} names level frist-steps, not in {pack_dir} (the levels there: first-steps, " \
           "no-blocker); it plays none of them" in out.err
    assert misnamed not in out.out
    # ...and one that names a level the pack has as well plays that one alone, as it says
    half = f"{tmp_path}/route.py:HalfNamed"
    assert main(["check", "--playtest", str(pack_dir), "--bot", half, "--seeds", "1", "--jobs", "1", "--json"]) == 0
    out = capsys.readouterr()
    assert "names level frist-steps" in out.err and out.err.rstrip().endswith("it plays only first-steps")
    played = {lv["level"]: lv["bots"] for lv in json.loads(out.out)["playtest"][0]["levels"]}
    assert half in played["mine/first-steps"] and half not in played["mine/no-blocker"]


def test_a_frame_says_when_it_was_and_what_was_asked(tmp_path: Path) -> None:
    """A designer had only the file name's tick to tell when a frame was, and nothing said the
    objective in hand: each frame now carries both at its top (and how the run ended)."""
    import pygame

    from hyosan.content.discovery import resolve_level
    from hyosan.playtest.frames import FrameSaver
    from hyosan.sim.world import World

    _, spec = resolve_level("hyosan/classroom-barricade", [])
    world = World.from_spec(spec, 0)
    saver = FrameSaver(world, tmp_path / "frames", every=120)
    for _ in range(240):
        saver.observe(world, world.step(cmd.EMPTY_INPUT))
    assert saver.stamp_words(world) == "4.0 s  -  Lock and brace both doors; hold until the drone finds you"
    image = pygame.image.load(str(saver.saved[-1]))
    strip = [sum(tuple(image.get_at((x, y)))[:3]) for x in range(0, 200, 3) for y in range(2, 20)]
    assert max(strip) > 500 and min(strip) < 120  # light words on a dark strip
    world.outcome = "loss"
    assert saver.stamp_words(world) == "4.0 s  -  LOSS"


EARLY_PRESS_ROOM = """id = "early"
title = "Early"
time_limit_seconds = 20
par_seconds = 10
[map]
rows = \"\"\"
##########
#........#
#.S......E
#........#
##########
\"\"\"
[[squad]]
id = "on-jo"
[[zones]]
id = "east"
rect = [6, 1, 8, 4]
[[stations]]
id = "switch"
kind = "intercom"
at = [3.5, 1.5]
[[objectives]]
id = "walk"
kind = "reach-zone"
zone = "east"
[[objectives]]
id = "press"
kind = "use-station"
station = "switch"
"""

EARLY_PRESSER = """
from hyosan.sim import commands as cmd


class EarlyPresser:
    def reset(self, world):
        pass

    def act(self, world):
        return cmd.TickInput((cmd.Use(),))  # standing by the switch, before the walk is done
"""


def test_check_playtest_says_a_bot_pressed_e_at_a_station_before_its_turn(tmp_path: Path) -> None:
    # A designer's route bot pressed E at the key box before its objective's turn; the station
    # did nothing, the run stalled there and nothing said why.
    from hyosan.content.loader import load_level

    (tmp_path / "early.toml").write_text(EARLY_PRESS_ROOM)
    (tmp_path / "bot.py").write_text(EARLY_PRESSER)
    spec = load_level(tmp_path / "early.toml")
    bot = f"{tmp_path}/bot.py:EarlyPresser"
    results = playtest_levels([("early", spec)], seeds=range(1), bots=("idle", bot), jobs=1)
    assert results[0]["bots"][bot]["stations_not_yet"] == {"switch": 1}
    assert results[0]["bots"]["idle"]["stations_not_yet"] == {}
    text = format_playtest(results)
    assert "pressed E at a station before its objective's turn, so nothing happened (runs): switch in 1" in text


def test_the_practice_corridor_has_its_own_solver_on_its_own_file_only(tmp_path: Path) -> None:
    from hyosan.content.discovery import resolve_level
    from hyosan.content.loader import load_level
    from hyosan.control.solvers import PRACTICE_SOLVERS, solver_for

    _, corridor = resolve_level("sandbox/quiet-corridor", [])
    assert solver_for(corridor) is PRACTICE_SOLVERS["quiet-corridor"]
    copy = tmp_path / "quiet-corridor.toml"  # a designer's copy is another map
    copy.write_text((SANDBOX_PACK / "quiet-corridor.toml").read_text())
    assert solver_for(load_level(copy)) is None
