"""The batch report's pictures and page, as a tester read a Storm Crossing report: what each
picture draws (by its pixels) and says (by the words it draws), made from small made-up runs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pygame
import pytest

from hyosan.playtest import report
from hyosan.playtest.report import (
    BG,
    DIM,
    DOOR_STATE_COLOURS,
    DOORS_LEFT,
    DOORS_RIGHT,
    DOORS_TOP,
    DOORS_W,
    FEATURE,
    GRID,
    HORDE_PANELS,
    HORDE_SERIES,
    LAMP,
    MAP_COLOURS,
    _axis,
    _blend,
    _door_lane_px,
    _heat_alpha,
    _heat_colour,
    _horde_time_px,
    _html,
    _Labels,
    _pygame,
    _start_point,
    door_load_png,
    door_spans,
    doors_png,
    heatmap_png,
    horde_png,
)
from hyosan.playtest.stats import summarize
from hyosan.sim.tilemap import FLOOR, PUDDLE, WINDOW, TileMap
from hyosan.sim.units import TICK_HZ
from tests.helpers import sandbox


def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every string the pictures draw with ``report._text`` from now on, in order."""
    words: list[str] = []
    draw = report._text

    def record(pg: Any, surf: Any, s: str, *args: Any, **kwargs: Any) -> None:
        words.append(s)
        draw(pg, surf, s, *args, **kwargs)

    monkeypatch.setattr(report, "_text", record)
    return words


def rgb(image: Any, x: int, y: int) -> tuple[int, int, int]:
    r, g, b = tuple(image.get_at((x, y)))[:3]
    return r, g, b


def test_a_door_locked_all_run_is_a_locked_span_as_long_as_the_run(tmp_path: Path) -> None:
    """The report's table said the field gate was "locked in 30 of 30" while doors.png showed a
    sliver at 0 s: a run where the gate stayed locked is a locked lane the run's length; one
    where it was unlocked at 20 s and opened at 25 s is locked, then closed, then open; each
    lane stops where its run did, and the run that changed the door comes first."""
    stayed = {"ticks": 50 * TICK_HZ, "trace": {"doors": [[0, "gate", "locked"]]}}
    opened = {"ticks": 80 * TICK_HZ, "trace": {"doors": [[0, "gate", "locked"], [20 * TICK_HZ, "gate", "closed"],
                                                        [25 * TICK_HZ, "gate", "open"]]}}
    assert door_spans(stayed, "gate") == [(0, 3000, "locked")]
    assert [s for *_, s in door_spans(opened, "gate")] == ["locked", "closed", "open"]
    # A door that gave way stays broken to the end, though the crowd swings the wreck open 6
    # ticks later (a designer's doors.png showed no red: the "broken" span was 6 ticks long).
    gave = {"ticks": 90 * TICK_HZ, "trace": {"doors": [[0, "gate", "locked"], [3633, "gate", "broken"],
                                                      [3639, "gate", "open"], [3700, "gate", "closed"]]}}
    assert door_spans(gave, "gate") == [(0, 3633, "locked"), (3633, 90 * TICK_HZ, "broken")]
    doors_png(tmp_path / "doors.png", [stayed, opened], ["gate"])
    image = pygame.image.load(str(tmp_path / "doors.png"))
    t_max, _ = _axis(80.0)
    lane = _door_lane_px(2)

    def x_of(seconds: float) -> int:
        return int(DOORS_LEFT + (DOORS_W - DOORS_LEFT - DOORS_RIGHT) * seconds / t_max)

    first, second = DOORS_TOP + lane // 2, DOORS_TOP + lane + lane // 2  # the lanes' middle rows
    locked, closed, opened_c = (DOOR_STATE_COLOURS[s] for s in ("locked", "closed", "open"))
    assert all(rgb(image, x, second) == locked for x in range(x_of(0) + 1, x_of(50) - 1))  # the whole run
    assert rgb(image, x_of(50) + 3, second) != locked  # and no further
    assert all(rgb(image, x, first) == locked for x in range(x_of(0) + 1, x_of(20) - 1))
    assert rgb(image, x_of(22.5), first) == closed and rgb(image, x_of(50), first) == opened_c
    assert rgb(image, x_of(80) - 2, first) == opened_c


def test_the_chasing_line_has_a_scale_of_its_own_and_stops_where_the_runs_ended(tmp_path: Path) -> None:
    """Three hundred alive set the one y axis and the 12 chasing lay flat along the bottom, then
    ran on at 0 past the last run's end: the chasing and investigating lines are in a panel of
    their own, 12 of them well up it, and nothing of theirs is drawn after the runs ended."""
    ticks = list(range(0, 41 * TICK_HZ + 1, 30))  # both runs end at 41 s, on an axis to 50 s
    runs = [{"ticks": ticks[-1], "trace": {"horde": [[t, 300, 12, 5] for t in ticks]}} for _ in range(2)]
    horde_png(tmp_path / "horde.png", runs)
    image = pygame.image.load(str(tmp_path / "horde.png"))
    t_max, _ = _axis(41.0)
    assert t_max > 41.0
    top, height = HORDE_PANELS["chasing"]
    colours = {name: colour for name, colour in HORDE_SERIES}

    def rows_of(name: str, x0: int, x1: int) -> set[int]:
        return {y for x in range(x0, x1) for y in range(top, top + height + 1) if rgb(image, x, y) == colours[name]}

    end = _horde_time_px(41.0, t_max)
    chasing = rows_of("chasing", _horde_time_px(10.0, t_max), _horde_time_px(30.0, t_max))
    assert chasing and max(chasing) < top + height // 2  # 12 of 15: high in its panel
    assert rows_of("investigating", _horde_time_px(10.0, t_max), _horde_time_px(30.0, t_max))
    for name in ("chasing", "investigating", "alive"):
        assert not rows_of(name, end + 3, _horde_time_px(t_max, t_max)), name  # none after the runs ended
    # nor a bright axis along 0 there, that read as the lines running on
    assert all(rgb(image, x, top + height) in (DIM, GRID) for x in range(end + 3, _horde_time_px(t_max, t_max)))


def test_the_map_pictures_mark_the_squads_start_on_its_s_tile(tmp_path: Path) -> None:
    """First Steps' squad has no ``at``: it starts on the map's 'S' (tile (2, 2)); a report had
    no start marker there. 16 px a tile here, the map at (16, 40): the tile's centre is the
    start marker's, pale, over the lead's heat too."""
    spec = sandbox()
    assert _start_point(spec) == (2.5, 2.5)
    tilemap = TileMap.from_spec(spec.map)
    grid = np.zeros(tilemap.kind.shape)
    grid[2, 2] = 4.0  # the lead stood there
    heatmap_png(tmp_path / "marked.png", tilemap, grid, "t", "n", False, spec)
    heatmap_png(tmp_path / "bare.png", tilemap, grid, "t", "n", False)
    centre = (16 + int(2.5 * 16), 40 + int(2.5 * 16))
    assert rgb(pygame.image.load(str(tmp_path / "marked.png")), *centre) == FEATURE
    assert rgb(pygame.image.load(str(tmp_path / "bare.png")), *centre) != FEATURE


def test_the_heat_cannot_be_taken_for_the_maps_own_colours() -> None:
    """The lead's rare tiles were the blue of a puddle: at every point of either ramp, as laid
    on the floor, a heat tile is far (> 60 in RGB) from every tile kind's colour and a lamp's."""
    floor = MAP_COLOURS[FLOOR]
    for hot in (False, True):
        for v in np.linspace(0.0, 1.0, 21):
            tile = _blend(floor, _heat_colour(float(v), hot), _heat_alpha(float(v)))
            for colour in (*MAP_COLOURS.values(), LAMP):
                assert np.linalg.norm(np.subtract(tile, colour)) > 60, (hot, v, colour)
    assert np.linalg.norm(np.subtract(_heat_colour(0.0, False), MAP_COLOURS[PUDDLE])) > 100
    assert np.linalg.norm(np.subtract(_heat_colour(0.0, False), MAP_COLOURS[WINDOW])) > 100


def test_a_map_picture_keys_what_it_draws_and_numbers_its_heat(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Storm Crossing's key names its exit tiles, puddles and lamps (a tester could not tell
    what the green, the blue squares and the yellow circles were); the sandbox's, with none
    of them, does not. The heat key's ends are numbers: the rarest tile's and the peak's."""
    from hyosan.content.discovery import resolve_level

    _, storm = resolve_level("hyosan/storm-crossing", [])
    words = said(monkeypatch)
    tilemap = TileMap.from_spec(storm.map)
    grid = np.zeros(tilemap.kind.shape)
    grid[20, 30], grid[21, 30] = 1.0, 4.0
    heatmap_png(tmp_path / "storm.png", tilemap, grid, "t", "n", True, storm, lambda v: report._n(int(v), "death"))
    for key in ("exit tile", "puddle", "lamp, and the floor it lights", "squad's start", "1 death", "4 deaths"):
        assert key in words, key
    words.clear()
    heatmap_png(tmp_path / "sandbox.png", TileMap.from_spec(sandbox().map), np.zeros((13, 42)), "t", "n", False,
                sandbox())
    assert "exit tile" in words and "puddle" not in words and "lamp, and the floor it lights" not in words


def test_a_label_keeps_off_the_heat_where_it_can() -> None:
    """A door's id sat over the deaths at its gate: a label asked for over heat tiles goes to
    the nearest try clear of them, and a thin line joins it to its spot."""
    pg = _pygame()
    surf = pg.Surface((300, 200))
    surf.fill(BG)
    heat = [pg.Rect(x, y, 10, 10) for x in range(60, 140, 10) for y in range(60, 90, 10)]
    labels = _Labels(pg, 16, surf.get_rect())
    labels.add("field-gate", (100, 80), "midbottom", (90, 150, 240))
    (box,) = labels.draw(surf, heat)
    assert box.collidelist(heat) < 0
    assert rgb(surf, 100, 80) == (90, 150, 240)  # the line back to where it was asked for


def test_the_pictures_count_one_run_as_one_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """"1 runs" on a one-run report: every caption says "1 run" (and "1 death")."""
    from hyosan.playtest.report import write_report

    spec = sandbox()
    run = {"seed": 0, "outcome": "loss", "ticks": 600, "sim_seconds": 10.0, "survivors": 0, "peak_zombies": 0,
           "noise_made": 12.0, "deaths": {"bitten": 1}, "door_peak_load": {"classroom-door": 0.5},
           "doors_gave_way": [],
           "trace": {"death_positions": [[100.0, 100.0, "bitten"]], "lead_visits": [[2, 2, 3]],
                     "horde": [[0, 0, 0, 0], [600, 0, 0, 0]], "doors": [[0, "classroom-door", "locked"]]}}
    words = said(monkeypatch)
    write_report(tmp_path, {"level": "t", "bot": "idle", "runs": [run], "summary": summarize([run])}, spec)
    drawn = " | ".join(words)
    assert "1 runs" not in drawn and "1 deaths" not in drawn
    assert drawn.count("1 run") >= 4 and "1 death over 1 run" in drawn


def test_the_door_load_picture_ticks_and_says_what_100_percent_is(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The red line at 100 % had no tick and a label ("gives a second on") a designer could not
    read: it has its "100%" tick under it and says what happens there in words."""
    words = said(monkeypatch)
    for peak in (2.3, 12.0):  # an axis whose round ticks pass 100 %, and one (0, 200 %, ...) whose do not
        words.clear()
        door_load_png(tmp_path / "load.png", [{"door_peak_load": {"gate": 0.4}}, {"door_peak_load": {"gate": peak}}])
        assert "100%" in words and "gives a second on" not in words, peak
        assert any(w.startswith("100%: a push held past this for 1 s") for w in words)


def test_the_page_rounds_times_to_a_tenth_of_a_second() -> None:
    """One page mixed 58.9167, 68.558 and 27.67: times are to 0.1 s, noise to the px."""
    runs = [{"seed": s, "outcome": "win", "sim_seconds": t, "survivors": 3, "peak_zombies": 5, "noise_made": 8856.14,
             "objectives_done": {"keys": k}, "stage": None, "students_lost": {"x": 41.995},
             "first_loud_noises": [[31.68, "phone", "thrown-phone-2", 350]]}
            for s, t, k in ((0, 58.9167, 27.67), (1, 68.558, 27.27))]
    page = _html({"level": "t", "bot": "greedy", "runs": runs, "summary": summarize(runs, [("keys", "Take the keys")])})
    for shown in ("<td>58.9</td>", "<td>68.6</td>", "63.7 (p10", "<td>27.5</td>", "<td>42.0</td>",
                  "31.7 s phone", "<td>8856</td>"):
        assert shown in page, shown
    numbers = re.sub(r"<style>.*?</style>|[0-9a-f]{32}", "", page, flags=re.S)  # (the css, the runs' hashes)
    assert not re.findall(r"\d\.\d{2,}", numbers)


def test_the_props_picture_outlines_where_each_moved_prop_ended_in_each_run(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A designer could not see where a bot's barricade ended up, only where the props started:
    props.png outlines each moved prop's last pose once a run, in orange, over the start's grey
    footprints, and says how many of the level's props moved. Two runs pushed desk-blocker to
    the same spot, one also turned desk-a1: the spot two runs share reads stronger."""
    from hyosan.playtest.report import PROP_END, props_png

    spec = sandbox()
    tilemap = TileMap.from_spec(spec.map)
    shared = ["desk-blocker", 450.0, 168.0, 0.0]  # px: out in the corridor, clear of every label
    runs = [{"trace": {"props_end": [shared, ["desk-a1", 87.0, 56.0, -30.0]]}}, {"trace": {"props_end": [shared]}},
            {"trace": {"props_end": []}}]
    words = said(monkeypatch)
    props_png(tmp_path / "props.png", tilemap, spec, {"level": "sandbox/first-steps", "bot": "greedy", "runs": runs})
    assert f"2 of {len(spec.props)} props moved over 3 runs, bot greedy" in words
    assert "where a prop ended, once a run" in words
    image = pygame.image.load(str(tmp_path / "props.png"))
    # (16 px a tile on this 42-tile map, as in the world: the map at (16, 40)) The desk's top
    # edge, 7 px above its centre: the outline two runs share, more orange than one run's
    top_edge = 168.0 - spec.prop_type("desk").depth / 2
    twice = rgb(image, 16 + 450, 40 + int(top_edge))
    once = report._blend(MAP_COLOURS[FLOOR], PROP_END, report.PROP_END_ALPHA)
    assert np.linalg.norm(np.subtract(twice, PROP_END)) < np.linalg.norm(np.subtract(once, PROP_END)) - 40, (twice, once)
    assert rgb(image, 16 + 450, 40 + 168) == MAP_COLOURS[FLOOR]  # (an outline: the floor inside shows)
    # no run, no outline: the words say so
    words.clear()
    props_png(tmp_path / "none.png", tilemap, spec, {"level": "l", "bot": "idle", "runs": [{"trace": {}}]})
    assert "no prop moved in 1 run, bot idle" in words and "where a prop ended, once a run" not in words


def test_a_run_trace_lists_the_props_it_moved_and_only_those() -> None:
    from hyosan.playtest.stats import RunStats
    from hyosan.sim.world import World

    world = World.from_spec(sandbox(), 0)
    stats = RunStats(world)
    assert stats.trace(world)["props_end"] == [] and "props_end" not in stats.trace()
    blocker = next(p for p in world.props if p.spec.id == "desk-blocker")
    blocker.body.position = (blocker.body.position.x + 40.0, blocker.body.position.y)
    other = next(p for p in world.props if p.spec.id == "desk-a1")
    other.body.angle += 0.5  # rad: turned ~29 degrees where it stands
    moved = {row[0]: row for row in stats.trace(world)["props_end"]}
    assert set(moved) == {"desk-blocker", "desk-a1"}
    assert moved["desk-blocker"][1] == round(blocker.spec.at[0] * 16 + 40.0, 1)
    assert abs(moved["desk-a1"][3] - (other.spec.angle_deg + 28.6)) < 0.1


def test_the_map_pictures_mark_where_waves_and_spawners_bring_zombies(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A designer read the zones' outlines and could not tell where the waves came in: each
    place a wave or spawner brings zombies gets a cross at its middle and the ids (a wave's with
    its time), the ones that share a place together, and the key says what the cross is."""
    import dataclasses

    from hyosan.content.discovery import resolve_level
    from hyosan.content.schema import SpawnerSpec
    from hyosan.playtest.report import ARRIVAL_MARK, arrivals

    _, classroom = resolve_level("hyosan/classroom-barricade", [])
    assert arrivals(classroom) == [((3.5, 12.0), "west-stairs-1 20 s, west-stairs-3 80 s"),
                                   ((65.0, 12.0), "storeroom-spill 50 s")]
    spawner = SpawnerSpec("stairs", "walker", (10.0, 2.0, 12.0, 4.0), 6.0, 4)
    spec = dataclasses.replace(sandbox(), spawners=(spawner,))
    assert arrivals(spec) == [((11.0, 3.0), "stairs spawner")]
    words = said(monkeypatch)
    tilemap = TileMap.from_spec(spec.map)
    heatmap_png(tmp_path / "marked.png", tilemap, np.zeros(tilemap.kind.shape), "t", "n", False, spec)
    assert "where a wave (and when) or a spawner brings zombies" in words
    image = pygame.image.load(str(tmp_path / "marked.png"))
    # the cross's middle, 16 px a tile here, the map at (16, 40)
    assert rgb(image, 16 + 11 * 16, 40 + 3 * 16) == ARRIVAL_MARK
    words.clear()
    heatmap_png(tmp_path / "bare.png", tilemap, np.zeros(tilemap.kind.shape), "t", "n", False, sandbox())
    assert "where a wave (and when) or a spawner brings zombies" not in words
