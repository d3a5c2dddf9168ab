"""Batch playtests: seeds in worker processes, a summary with a confidence interval, a report."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest

from hyosan.cli import main
from hyosan.control import perceive
from hyosan.control.bots import make_bot
from hyosan.playtest.batch import parse_seeds, run_batch, run_seed
from hyosan.playtest.report import write_report
from hyosan.playtest.stats import summarize, wilson_interval
from hyosan.sim.units import TILE_PX
from hyosan.sim.world import World
from tests.helpers import SANDBOX, sandbox


def test_wilson_interval_matches_known_values() -> None:
    lo, hi = wilson_interval(8, 10)
    assert lo == pytest.approx(0.4902, abs=1e-3) and hi == pytest.approx(0.9433, abs=1e-3)
    assert wilson_interval(0, 0) == (0.0, 1.0)
    lo, hi = wilson_interval(10, 10)
    assert hi == 1.0 and 0.69 < lo < 0.73


def test_seed_ranges_parse_like_slices() -> None:
    assert parse_seeds("3:6") == range(3, 6) and parse_seeds("0:1") == range(0, 1)
    for bad in ("6:3", "a:b", "1:2:3", "4:4"):
        with pytest.raises(ValueError):
            parse_seeds(bad)
    # A lone number is refused, not read as one seed: `check --seeds 5` plays five seeds, and a
    # designer who typed the same for a playtest got one run and took it for five.
    with pytest.raises(ValueError, match=r"--seeds 0:5 plays 5 seeds; one run of seed 5 is --seed 5"):
        parse_seeds("5")


def test_batch_in_processes_equals_batch_in_process() -> None:
    one = run_batch("sandbox/first-steps", sandbox(), "random", range(0, 3), jobs=1, max_ticks=400)
    many = run_batch("sandbox/first-steps", sandbox(), "random", range(0, 3), jobs=2, max_ticks=400)
    assert [r["final_hash"] for r in one["runs"]] == [r["final_hash"] for r in many["runs"]]
    assert [r["seed"] for r in many["runs"]] == [0, 1, 2]
    for run in many["runs"]:
        for key in ("outcome", "ticks", "survivors", "peak_zombies", "zombies_spawned", "noise_made", "deaths"):
            assert key in run
        assert run["noise_made"] > 0 and run["peak_zombies"] == 0  # no horde yet: zero, not an error


def test_cli_batch_json_and_report(tmp_path: Path, capsys) -> None:
    out = tmp_path / "report"
    assert main(["playtest", "sandbox/first-steps", "--bot", "greedy", "--seeds", "0:3", "--jobs", "1",
                 "--report", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    s = data["summary"]
    assert len(data["runs"]) == 3 and s["wins"] == 3 and s["win_rate"] == 1.0
    assert s["win_rate_ci95"][1] == 1.0 and s["win_rate_ci95"][0] > 0.3
    assert set(s["time_seconds"]) == {"median", "p10", "p90"} and s["peak_horde"]["max"] == 0
    assert "trace" not in data["runs"][0]
    for name in ("report.json", "index.html", "deaths.png", "lead_path.png", "horde.png", "doors.png"):
        assert (out / name).stat().st_size > 0
    assert pygame.image.load(str(out / "lead_path.png")).get_width() > 200
    html = (out / "index.html").read_text()
    assert "<table>" in html and 'src="horde.png"' in html and html.count("<tr>") >= 3 + 9


def horde_level(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The sandbox with 20 zombies wandering the corridor."""
    from hyosan.content.loader import load_level

    text = SANDBOX.read_text() + '''
[[zombies]]
breed = "walker"
count = 20
zone = [20, 9, 40, 12]
state = "wander"
'''
    path = tmp_path / "horde.toml"
    path.write_text(text)
    return load_level(path)


def test_stats_and_pictures_read_the_real_horde(tmp_path: Path) -> None:
    from hyosan.sim.horde.horde import CHASE, INVESTIGATE

    spec = horde_level(tmp_path)
    world = World.from_spec(spec, 0)
    for _ in range(30):
        world.step(perceive_free_input())
    assert perceive.zombies_alive(world) == 20 and perceive.zombies_alerted(world) == 0
    world.horde.state[:5] = CHASE
    world.horde.state[5:12] = INVESTIGATE
    assert perceive.zombies_alerted(world) == 5 and perceive.zombies_investigating(world) == 7
    run = run_seed("tmp/horde", spec, "greedy", 0, max_ticks=900)
    assert run["peak_zombies"] >= 20 and run["zombies_spawned"] >= 20
    summary = summarize([run])
    assert summary["peak_horde"]["max"] >= 20
    write_report(tmp_path, {"level": "tmp/horde", "bot": "greedy", "runs": [run], "summary": summary}, spec)
    assert (tmp_path / "horde.png").stat().st_size > 2000


def perceive_free_input():  # type: ignore[no-untyped-def]
    from hyosan.sim.commands import EMPTY_INPUT

    return EMPTY_INPUT


def test_the_horde_trace_counts_who_heard_a_noise(tmp_path: Path) -> None:
    """A zombie drawn by a noise investigates without seeing anyone: the report's horde chart
    must show that crowd (before, only chasers were counted and a whole level read as calm)."""
    from hyosan.playtest.stats import SAMPLE_EVERY, RunStats
    from hyosan.sim import commands as cmd

    spec = horde_level(tmp_path)
    world = World.from_spec(spec, 0)
    stats = RunStats(world)
    heard, heard_at = 0, None
    for t in range(SAMPLE_EVERY * 20):
        # the lead throws a ringing phone toward the corridor where the 20 wander (it rings
        # each second; some wanderer comes into earshot within these 10 s)
        tick_input = cmd.TickInput((cmd.Throw(30 * TILE_PX, 10.5 * TILE_PX),)) if t == 0 else perceive_free_input()
        events = world.step(tick_input)
        heard = max([heard] + [e.zombies for e in events if type(e).__name__ == "Heard"])
        stats.observe(world, events)
        if heard >= 2 and heard_at is None:
            heard_at = t
        if heard_at is not None and t >= heard_at + SAMPLE_EVERY:  # sampled while they investigate
            break
    samples = stats.trace()["horde"]
    assert heard >= 2 and all(len(row) == 4 for row in samples)
    assert max(row[3] for row in samples) >= heard and max(row[2] for row in samples) == 0


def test_a_door_locked_from_the_start_is_on_the_door_timeline(tmp_path: Path) -> None:
    from hyosan.playtest.stats import RunStats

    world = World.from_spec(sandbox(), 0)
    door = world.doors[0]
    door.set_locked(True)
    assert RunStats(world).trace()["doors"] == [[0, door.spec.id, "locked"]]
    world.doors[0].set_locked(False)
    assert RunStats(world).trace()["doors"] == []


def test_a_heatmap_of_a_small_map_leaves_room_for_its_title_and_key(tmp_path: Path) -> None:
    import numpy as np

    from hyosan.playtest.report import heatmap_png
    from hyosan.sim.tilemap import TileMap

    tilemap = TileMap.from_spec(sandbox().map)
    grid = np.zeros(tilemap.kind.shape)
    grid[5, 5] = 3.0
    path = tmp_path / "heat.png"
    heatmap_png(path, tilemap, grid, "Where the lead walked - sandbox/first-steps", "time spent per tile", False)
    image = pygame.image.load(str(path))
    assert image.get_width() >= 640
    # the title row holds only the title: its right end is background
    assert image.get_at((image.get_width() - 20, 20))[:3] == image.get_at((image.get_width() - 20, 2))[:3]


def test_a_heat_key_whose_tiles_all_hold_the_same_value_is_one_swatch() -> None:
    """One death in each of a few tiles: the key read "1 death [ramp] 1 death". Now one swatch
    and its value; a ramp only from a rarer value to a higher peak."""
    import numpy as np

    from hyosan.playtest.report import colour_key

    def words(v: float) -> str:
        return f"{v:g} deaths"

    grid = np.zeros((4, 4))
    grid[1, 1] = grid[2, 3] = 1.0
    assert colour_key(grid, words) == ([1.0], "", "1 deaths")
    grid[0, 0] = 4.0
    stops, low, high = colour_key(grid, words)
    assert (low, high, len(stops)) == ("1 deaths", "4 deaths", 5)
    assert stops[0] == 0.5 and stops[-1] == 1.0  # sqrt(1/4): the rarest tile's colour, up to the peak's


def test_the_map_pictures_mark_what_the_designer_placed(tmp_path: Path) -> None:
    """A heat spot reads against the level: Classroom Barricade's map marks the intercom with a
    ring and the hallway zones with outlines (11 px a tile, the map at (16, 40)); without the
    level's spec the same pixels are bare map."""
    import numpy as np

    from hyosan.content.discovery import resolve_level
    from hyosan.playtest.report import FEATURE, heatmap_png
    from hyosan.sim.tilemap import TileMap

    _, spec = resolve_level("hyosan/classroom-barricade", [])
    tilemap = TileMap.from_spec(spec.map)
    grid = np.zeros(tilemap.kind.shape)
    station = next(s for s in spec.stations if s.id == "intercom")
    zone = spec.zones[0]
    marked, bare = tmp_path / "marked.png", tmp_path / "bare.png"
    heatmap_png(marked, tilemap, grid, "t", "n", False, spec)
    heatmap_png(bare, tilemap, grid, "t", "n", False)
    ring = (16 + int(station.at[0] * 11) + 10, 40 + int(station.at[1] * 11))  # the ring's right edge
    corner = (16 + int(zone.rect[0] * 11), 40 + int(zone.rect[1] * 11) + 3)  # the zone's left edge
    for name, (x, y) in (("ring", ring), ("zone", corner)):
        near = [(x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
        assert any(tuple(pygame.image.load(str(marked)).get_at(p))[:3] == FEATURE for p in near), name
        assert not any(tuple(pygame.image.load(str(bare)).get_at(p))[:3] == FEATURE for p in near), name


def test_the_map_pictures_name_the_levels_places_and_draw_a_drones_flight(tmp_path: Path) -> None:
    """A designer could not see where a level's [[labels]] sit without a window, and the report
    drew a drone only at its first waypoint, not where it flies to and hovers (where the horde
    goes). The Site's map (11 px a tile, at (16, 40)) now writes "Bridge" and draws the north
    drone's flight to a ring at its last waypoint; without the spec those pixels are bare."""
    import dataclasses

    import numpy as np

    from hyosan.content.discovery import resolve_level
    from hyosan.playtest.report import PLACE_INK, SOUND_MARK, heatmap_png
    from hyosan.sim.tilemap import TileMap

    _, spec = resolve_level("hyosan/construction-site-stand", [])
    tilemap = TileMap.from_spec(spec.map)
    grid = np.zeros(tilemap.kind.shape)
    marked, unnamed = tmp_path / "marked.png", tmp_path / "unnamed.png"
    heatmap_png(marked, tilemap, grid, "t", "n", False, spec)
    heatmap_png(unnamed, tilemap, grid, "t", "n", False, dataclasses.replace(spec, labels=()))

    def pixels(path: Path, colour: tuple[int, int, int]) -> np.ndarray:
        rgb = pygame.surfarray.array3d(pygame.image.load(str(path)))  # (w, h, 3)
        return np.argwhere((rgb == colour).all(axis=2))  # (x, y) px

    bridge = next(lb for lb in spec.labels if lb.text == "Bridge")
    bx, by = 16 + bridge.at[0] * 11, 40 + bridge.at[1] * 11
    ink = pixels(marked, PLACE_INK)
    assert len(ink) > 20 and (np.hypot(ink[:, 0] - bx, ink[:, 1] - by) < 30).sum() > 10  # the word, at the bridge
    assert len(pixels(unnamed, PLACE_INK)) == 0
    drone = next(snd for snd in spec.sounds if snd.id == "drone-north")
    flight = pixels(marked, SOUND_MARK)
    for wx, wy in drone.path[1:]:  # each later waypoint: the line (or the end ring) passes by it
        assert (np.hypot(flight[:, 0] - (16 + wx * 11), flight[:, 1] - (40 + wy * 11)) < 12).any(), (wx, wy)


def test_a_batch_says_how_far_runs_got_and_who_was_lost(tmp_path: Path) -> None:
    """The report's objective funnel and squad losses come from the real runs: the classroom's
    idle squad never gets past the first objective, and every student is lost."""
    from hyosan.content.discovery import resolve_level
    from hyosan.playtest.batch import run_batch

    ref, spec = resolve_level("hyosan/classroom-barricade", [])
    batch = run_batch(ref, spec, "idle", [0], max_ticks=60 * 40)
    run, s = batch["runs"][0], batch["summary"]
    assert run["outcome"] == "loss" and run["stage"] == "hold" and run["objectives_done"] == {}
    assert set(run["students_lost"]) == {"on-jo", "su-hyeok", "nam-ra", "woo-jin"}
    assert all(0 < t < 40 for t in run["students_lost"].values())
    funnel = s["objective_funnel"]
    assert [f["id"] for f in funnel][0] == "hold" and funnel[0]["ended_here"] == 1 and funnel[0]["done"] == 0
    assert all(f["ended_here"] == 0 for f in funnel[1:]) and "drone" in funnel[0]["text"]
    assert {x["student"] for x in s["squad_losses"]} == set(run["students_lost"])
    write_report(tmp_path, batch, spec)
    page = (tmp_path / "index.html").read_text()
    assert "How far runs got" in page and "1 of 1" in page and "Lock and brace both doors" in page

    # A made-up pair of runs: one won, one stopped on the second objective.
    runs = [{"outcome": "win", "sim_seconds": 90.0, "survivors": 3, "peak_zombies": 5, "noise_made": 1.0,
             "objectives_done": {"a": 30.0, "b": 80.0}, "stage": None, "students_lost": {"x": 50.0}},
            {"outcome": "loss", "sim_seconds": 60.0, "survivors": 0, "peak_zombies": 5, "noise_made": 1.0,
             "objectives_done": {"a": 40.0}, "stage": "b", "students_lost": {"x": 20.0, "y": 60.0}}]
    s = summarize(runs, [("a", "first"), ("b", "second")])
    assert [(f["id"], f["done"], f["ended_here"]) for f in s["objective_funnel"]] == [("a", 2, 0), ("b", 1, 1)]
    assert s["objective_funnel"][0]["seconds"]["median"] == 35.0
    assert [(x["student"], x["runs"]) for x in s["squad_losses"]] == [("x", 2), ("y", 1)]


def test_a_batch_says_how_close_each_locked_door_came_to_giving_way(tmp_path: Path) -> None:
    """Construction-Site Stand with nobody bracing: the crowd forces the locked north door (its
    peak push reaches its hold, 100 %, and the door's timeline says broken), while nobody
    presses the locked east door (0 %). The summary counts it, and door_load.png puts that run's
    dot, red, in the north door's row (past the line where a lock gives a second on)."""
    from hyosan.content.discovery import resolve_level
    from hyosan.playtest.report import DOOR_STATE_COLOURS

    ref, spec = resolve_level("hyosan/construction-site-stand", [])
    batch = run_batch(ref, spec, "idle", [0], max_ticks=60 * 50)
    run = batch["runs"][0]
    assert run["door_peak_load"]["north-door"] >= 1.0 and run["door_peak_load"]["east-door"] == 0.0
    assert ["north-door", "broken"] in [e[1:] for e in run["trace"]["doors"]]
    assert not any(e[1] == "east-door" and e[2] == "broken" for e in run["trace"]["doors"])
    rows = {x["door"]: x for x in batch["summary"]["door_load"]}
    assert (rows["north-door"]["gave_way"], rows["east-door"]["gave_way"]) == (1, 0)
    assert rows["north-door"]["peak_load"]["median"] >= 1.0
    # and nobody braced it: a stronger lock or props that reach it, not a slightly stronger one
    # (a door that gave reads 100 % or more however weak it was: a designer's read 108 %, another's 191 %)
    assert run["door_braced_at_break"] == {"north-door": 0.0} and rows["north-door"]["braced"]["p90"] == 0.0
    write_report(tmp_path, batch, spec)
    assert "<td>none</td>" in (tmp_path / "index.html").read_text()
    image = pygame.image.load(str(tmp_path / "door_load.png"))
    # rows in door order (east, north), 34 px each from y 66. The "gives way" line runs red down
    # every row: a red dot is red where the line is not (just above the rows, y 62, only the line).
    red = DOOR_STATE_COLOURS["broken"]

    def red_columns(y0: int, y1: int) -> set[int]:
        return {x for x in range(image.get_width()) for y in range(y0, y1) if tuple(image.get_at((x, y)))[:3] == red}

    line = red_columns(62, 63)
    assert line  # the line itself
    assert red_columns(66 + 34, 66 + 68) - line  # the north door's run: a red dot off the line
    assert not red_columns(66, 66 + 34) - line  # the east door's: none
    assert "how close they came to giving way" in (tmp_path / "index.html").read_text()


def test_map_labels_sit_on_a_backing_clear_of_each_other_inside_the_map() -> None:
    """A designer's report had two zone ids one over the other ("collapsed-floo" under
    "east-corridor") and a label cut off at the map's edge: labels asked for at one spot are
    moved apart, kept inside the map, and drawn on a dark box whatever is under them."""
    from hyosan.playtest.report import _Labels, _pygame

    pg = _pygame()
    surf = pg.Surface((300, 200))
    surf.fill((200, 200, 255))  # a pale heat spot under every label
    bounds = pg.Rect(10, 10, 280, 180)
    labels = _Labels(pg, 16, bounds)
    for name in ("lift-shaft", "west-wing", "west-wing-annex"):
        labels.add(name, (20, 20), "topleft", (240, 235, 225))
    labels.add("far-east-exit", (285, 100), "midleft", (90, 220, 110))  # would run off the right edge
    boxes = labels.draw(surf)
    assert len(boxes) == 4 and all(bounds.contains(b) for b in boxes)  # inside the map, the east one too
    assert all(a.collidelist([b for b in boxes if b is not a]) < 0 for a in boxes)  # none over another
    for box in boxes:  # each on its dark backing, over the pale spot
        r, g, b = surf.get_at((box.left, box.top))[:3]
        assert r + g + b < 300


def test_a_door_pushed_past_its_hold_that_held_the_second_out_did_not_give_way() -> None:
    """Past 100 % a lock holds one second (world.GIVE_TICKS) before it gives: a run whose crowd
    fell back in that second peaks over 100 % and the door still stands. The summary counts the
    doors that gave (the run's list); a report from before the rule has no list, and there a
    peak of 100 % was a door that gave."""
    from hyosan.playtest.stats import door_loads

    runs = [{"door_peak_load": {"gate": 1.12}, "doors_gave_way": []},
            {"door_peak_load": {"gate": 1.3}, "doors_gave_way": ["gate"]},
            {"door_peak_load": {"gate": 1.0}}]  # (an older report)
    (row,) = door_loads(runs)
    assert row["door"] == "gate" and row["runs"] == 3 and row["gave_way"] == 2 and row["max"] == 1.3


def test_the_report_and_the_terminal_say_how_many_zombies_went_over_a_drop(tmp_path: Path, capsys) -> None:
    """A drop level's count of zombies that went over was only in report.json: the ledge's five
    wanderers stand by and on its edge strip as the level starts; those on it go at once."""
    from tests.sim.test_falls import LEDGE

    level = tmp_path / "ledge.toml"
    level.write_text(LEDGE + '[[zombies]]\ncount = 5\nzone = [11.0, 1.0, 14.0, 3.0]\nstate = "wander"\n')
    out = tmp_path / "report"
    assert main(["playtest", str(level), "--bot", "idle", "--seeds", "0:2", "--jobs", "1", "--ticks", "30",
                 "--report", str(out)]) == 0
    # (the counts are the two seeds' runs on 0.35.0's streams: 3 and 5 went over)
    said = ("zombies lost over drops: median 4 a run (of 5 placed; p10 3, p90 5); 80% of them went over between "
            "0.0 and 0.1 s")
    assert f"  {said}" in capsys.readouterr().out.splitlines()
    html = (out / "index.html").read_text()
    assert f"<tr><th>falls</th><td>{said}</td></tr>" in html
    # each run's zombie deaths by cause, in the runs table
    assert html.count("<td>fall: 3</td>") == 1 and html.count("<td>fall: 5</td>") == 1


def test_the_map_pictures_draw_the_props_where_they_start(tmp_path: Path) -> None:
    """A designer could not see the table greedy shoved for 400 s under a white hot spot: the
    sandbox's desk-a1 (30 x 14 px at (5, 3.5) tiles; 16 px a tile here, the map at (16, 40)) is
    drawn, pale on the dark floor with a mid-grey edge, where the same picture without the
    level's spec is bare floor; turned 90 degrees it stands across; and the heat over it still
    reads as heat."""
    import dataclasses

    import numpy as np

    from hyosan.playtest.report import MAP_COLOURS, heatmap_png
    from hyosan.sim.tilemap import FLOOR, WALL, TileMap

    spec = sandbox()
    tilemap = TileMap.from_spec(spec.map)
    turned = dataclasses.replace(spec, props=tuple(dataclasses.replace(p, angle_deg=90.0) if p.id == "desk-a1" else p
                                                   for p in spec.props))
    cold = np.zeros(tilemap.kind.shape)
    hot = cold.copy()
    hot[3, 5] = 5.0  # the tile under the desk's centre, the one hot spot: white
    images = {}
    for name, grid, level in (("bare", cold, None), ("props", cold, spec), ("turned", cold, turned),
                              ("hot", hot, None), ("hot-props", hot, spec)):
        heatmap_png(tmp_path / f"{name}.png", tilemap, grid, "t", "n", False, level)
        images[name] = pygame.image.load(str(tmp_path / f"{name}.png"))

    def pixel(name: str, spot: tuple[int, int]) -> tuple[int, ...]:
        return tuple(images[name].get_at(spot))[:3]

    centre, west_edge, along, across = (96, 96), (81, 96), (108, 96), (96, 108)
    floor, wall = MAP_COLOURS[FLOOR], MAP_COLOURS[WALL]
    for spot in (centre, west_edge, along, across):
        assert pixel("bare", spot) == floor
    for spot in (centre, along):  # inside the desk: a shade paler than the floor, darker than a wall
        assert all(f < v < w for f, v, w in zip(floor, pixel("props", spot), wall, strict=True)), spot
    assert pixel("props", west_edge) not in (floor, pixel("props", centre))  # its outline
    assert pixel("props", across) == floor  # 14 px deep: 12 px below its centre is floor
    assert pixel("turned", across) != floor and pixel("turned", along) == floor  # turned: across, not along
    assert all(abs(a - b) <= 8 for a, b in zip(pixel("hot-props", centre), pixel("hot", centre), strict=True))


def test_a_level_with_no_doors_gets_no_door_charts(tmp_path: Path) -> None:
    # A designer's doorless level got doors.png and door_load.png, both empty ("this level has
    # no doors"), and the page showed them.
    import dataclasses

    spec = dataclasses.replace(sandbox(), doors=())  # the classroom's doorway stands open
    batch = run_batch("sandbox/first-steps", spec, "greedy", [0], jobs=1, max_ticks=600)
    written = {p.name for p in write_report(tmp_path, batch, spec)}
    assert {"deaths.png", "lead_path.png", "horde.png", "index.html"} <= written
    assert not {"doors.png", "door_load.png"} & written and not (tmp_path / "doors.png").exists()
    page = (tmp_path / "index.html").read_text()
    assert 'src="horde.png"' in page and "doors.png" not in page and "door_load.png" not in page


def test_noise_made_counts_the_squads_sounds_not_the_levels(tmp_path: Path) -> None:
    """A designer's idle run of a level with a fire alarm reported 15000 px of noise made: the
    alarm's. The figure is the squad's noise (the score's), so a quieter route shows smaller."""
    from hyosan.content.loader import load_level

    path = tmp_path / "alarm.toml"
    path.write_text(SANDBOX.read_text() + '''
[[sounds]]
id = "fire-alarm"
kind = "alarm-clock"
at = [30.5, 10.5]
loudness = 900
start_seconds = 1
duration_seconds = 3
''')
    spec = load_level(path)
    still = run_seed("tmp/alarm", spec, "idle", 0, max_ticks=300)  # 5 s: the alarm rang 3 of them
    assert still["noise_made"] == 0.0  # nobody in the squad moved
    assert any(kind == "alarm-clock" for _, kind, _, _ in still["first_loud_noises"])  # (it did ring, and is listed there)
    moving = run_seed("tmp/alarm", spec, "random", 0, max_ticks=300)
    world = World.from_spec(spec, 0)
    bot = make_bot("random", 0)
    bot.reset(world)
    for _ in range(300):
        world.step(bot.act(world))
    assert moving["noise_made"] == round(world.noise_made, 1) > 0  # the random squad's own steps, as the score counts them
