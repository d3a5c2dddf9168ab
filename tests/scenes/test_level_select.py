"""The level select: a list that scrolls, the chosen level's plan and facts, broken packs in full,
and the --pack folders kept for the whole run."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pygame
import pytest

from hyosan.content.discovery import PackEntry
from hyosan.content.schema import (
    DEFAULT_LEGEND,
    LevelSpec,
    MapSpec,
    PackSpec,
    StudentSpec,
    ZombieGroupSpec,
)
from hyosan.render.atlas import Atlas
from hyosan.render.level_plan import EXIT_RGB, SQUAD_RGB, PlanPainter
from hyosan.scenes import level_select
from hyosan.scenes.briefing import BriefingScene
from hyosan.scenes.level_select import LevelSelectScene, level_facts, remember_packs
from hyosan.scenes.screens import ResultsScene, first_scene
from hyosan.scenes.stack import Push, SceneStack
from hyosan.sim.objectives import LevelResult
from tests.helpers import ROOT, one_level_pack, sandbox


def key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="")


def many_packs(packs: int, levels: int) -> list[PackEntry]:
    level = sandbox()
    out = []
    for p in range(packs):
        specs = tuple(dataclasses.replace(level, id=f"level-{k}", title=f"Level {p}.{k}") for k in range(levels))
        pack = PackSpec(id=f"pack-{p}", name=f"Pack {p}", author="tests", version="1.0", format_version=1,
                        description="", min_game_version="0.1.0", levels=specs)
        out.append(PackEntry(Path(f"/packs/pack-{p}"), pack, None))
    return out


def test_a_long_list_scrolls_to_keep_the_choice_on_screen_and_back(screen, monkeypatch) -> None:
    monkeypatch.setattr(level_select, "discover_packs", lambda extra: many_packs(6, 6))
    scene = LevelSelectScene([])
    scene.draw(screen)
    first = scene.menu.index
    assert scene.entries[first].ref == "pack-0/level-0" and scene.menu.rects[first].w > 0
    for _ in range(36):  # 6 packs x 6 levels and Back: 43 rows, far more than fit
        scene.handle(key(pygame.K_DOWN))
        scene.draw(screen)
        chosen = scene.menu.rects[scene.menu.index]
        assert chosen.w > 0 and scene.list_rect.contains(chosen), scene.menu.index
        # every row shown is shown whole: none cut in half at the panel's edge
        shown = [(r, e) for r, e in zip(scene.menu.rects, scene.entries, strict=True) if r.w > 0]
        assert all(r.h == level_select.ROW_PX[e.kind] for r, e in shown)
    assert scene.selected.kind == "back"
    assert scene.scroll > 0 and scene.menu.rects[first].w == 0  # the top scrolled away
    for _ in range(36):
        scene.handle(key(pygame.K_UP))
    scene.draw(screen)
    assert scene.menu.index == first and scene.scroll == 0


def test_the_wheel_and_page_keys_move_the_choice_and_a_click_opens_the_briefing(screen, monkeypatch) -> None:
    monkeypatch.setattr(level_select, "discover_packs", lambda extra: many_packs(2, 8))
    scene = LevelSelectScene([])
    scene.draw(screen)
    scene.handle(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-2))
    assert scene.selected.ref == "pack-0/level-2"
    scene.handle(key(pygame.K_PAGEDOWN))  # six down, over pack 1's header
    assert scene.selected.ref == "pack-1/level-0"
    scene.handle(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1))
    assert scene.selected.ref == "pack-0/level-7"
    scene.draw(screen)
    row = next(i for i, e in enumerate(scene.entries) if e.ref == "pack-0/level-5")
    action = scene.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=scene.menu.rects[row].center))
    assert isinstance(action, Push) and isinstance(action.scene, BriefingScene)
    assert action.scene.ref == "pack-0/level-5"


def test_the_detail_panel_tells_the_level_and_the_players_best(screen) -> None:
    scene = LevelSelectScene([], select="hyosan/storm-crossing")
    scene.draw(screen)
    lines = scene.detail_lines()
    assert lines[0] == "Storm Crossing" and lines[1] == "Hyosan High  -  hyosan/storm-crossing"
    level = scene.selected.level
    start = sum(g.count for g in level.zombies)
    assert lines[2].startswith("Night, rain  -  ") and f"{start} zombies" in lines[2]
    assert "key box" in lines[3] and lines[-1] == "Not yet escaped"
    assert scene.detail_rect.colliderect(scene.list_rect) is False

    from hyosan import progress

    progress.record("hyosan/storm-crossing", 2, 4321, 143.5, True)
    scene = LevelSelectScene([], select="hyosan/storm-crossing")
    scene.draw(screen)
    assert scene.detail_lines()[-1] == "best time 2:23.5  -  best score 4321"
    # Two gold stars drawn in the list row of the level, none on a level never played.
    def gold(rect: pygame.Rect) -> int:
        band = pygame.surfarray.pixels3d(screen)[rect.right - 100:rect.right, rect.top:rect.bottom]
        return int(((band[..., 0] > 200) & (band[..., 1] > 150) & (band[..., 2] < 120)).sum())

    storm = scene.menu.rects[scene.menu.index]
    classroom = next(r for e, r in zip(scene.entries, scene.menu.rects, strict=True) if e.ref == "hyosan/classroom-barricade")
    assert gold(storm) > 0 and gold(classroom) == 0


def plan_level(squad_at: tuple[float, float]) -> LevelSpec:
    rows = ("##########",
            "#.......#E",
            "#.S..#...E",
            "#....#...#",
            "##########")
    return LevelSpec(id="plan", title="Plan", briefing="", content_hash="plan",
                     map=MapSpec(rows, tuple(sorted(DEFAULT_LEGEND.items()))),
                     squad=(StudentSpec("on-jo", squad_at),),
                     zombies=(ZombieGroupSpec("walker", 5, (6.0, 1.0, 9.0, 4.0)),))


def test_a_plan_shows_walls_the_way_out_the_squad_and_the_horde(screen) -> None:
    painter = PlanPainter(Atlas())
    level = plan_level((3.5, 3.5))
    plan = painter.plan(level, 800, 400)
    k = plan.get_width() / 10
    assert k == 80 and plan.get_height() == 400  # the whole box, as large as the shape allows

    def at(x: float, y: float) -> tuple[int, int, int]:
        return tuple(plan.get_at((int(x * k), int(y * k))))[:3]

    assert sum(at(0.5, 0.5)) < sum(at(1.5, 1.5))  # walls read darker than the floor they enclose
    assert at(9.5, 1.5) == EXIT_RGB and at(9.5, 2.5) == EXIT_RGB
    assert at(3.5, 3.5) == SQUAD_RGB and at(2.5, 2.5) != SQUAD_RGB
    r, g, b = at(7.5, 2.5)
    assert r > g + 30 and r > b + 30  # the horde's starting area is tinted red
    # ...and ringed in the horde's red (a red carpet read as a horde area), its inside only tinted
    from hyosan.render.level_plan import HORDE_RGB

    assert tuple(plan.get_at((int(6 * k), int(2.5 * k))))[:3] == HORDE_RGB
    assert tuple(plan.get_at((int(9 * k) - 1, int(2.5 * k))))[:3] == HORDE_RGB
    assert at(7.5, 2.5) != HORDE_RGB
    assert sum(at(1.5, 1.5)) > 0 and at(1.5, 1.5)[0] < at(1.5, 1.5)[1] + 60  # the floor outside it is not
    assert painter.plan(level, 800, 400) is plan  # cached per level and size
    # A student placed "around the squad spawn" is shown on the map's spawn tile instead.
    spawned = PlanPainter(Atlas()).plan(plan_level((-1.0, -1.0)), 800, 400)
    assert tuple(spawned.get_at((int(2.5 * k), int(2.5 * k))))[:3] == SQUAD_RGB


def test_a_broken_pack_can_be_chosen_and_shows_every_problem_in_full(screen, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(ROOT / "levels" / "sandbox", broken)
    text = (broken / "first-steps.toml").read_text()
    text = text.replace("title =", "titel =", 1).replace("par_seconds", "par_secnods", 1)
    (broken / "first-steps.toml").write_text(text)
    scene = LevelSelectScene([broken])
    row = next(i for i, e in enumerate(scene.entries) if e.kind == "broken")
    while scene.menu.index != row:
        scene.handle(key(pygame.K_UP))
    scene.draw(screen)
    lines = scene.detail_lines()
    problems = scene.selected.broken.error.problems
    assert len(problems) >= 2 and lines[0] == "Broken pack: broken"
    assert all(p.format() in lines for p in problems)  # whole messages, not cut to fit a row
    assert "hyosan check" in lines[-1]
    assert scene.handle(key(pygame.K_RETURN)) is None  # nothing to open


def test_packs_given_at_start_stay_listed_after_a_level_and_the_played_level_is_chosen(screen, tmp_path: Path) -> None:
    mine = one_level_pack(tmp_path / "mine")  # (its one level's results offer no next level)
    try:
        stack = SceneStack(first_scene(None, [mine], 0))
        stack.handle(key(pygame.K_RETURN))  # Play
        assert any(e.ref == "mine/first-steps" for e in stack.top.entries)
        level = next(e.level for e in stack.top.entries if e.ref == "mine/first-steps")
        result = LevelResult("win", "", 60.0, 4, 4, 100.0, 1, 500)
        stack = SceneStack(ResultsScene("mine/first-steps", level, "win", "", 60.0, 0, result=result, save=False))
        stack.handle(key(pygame.K_DOWN))
        stack.handle(key(pygame.K_RETURN))  # Level select
        stack.update(1 / 60)  # the title below pushes the level select on its first frame
        assert isinstance(stack.top, LevelSelectScene)
        assert stack.top.selected.ref == "mine/first-steps"
    finally:
        remember_packs([])


@pytest.mark.parametrize("size", [(1280, 720), (960, 540)])
def test_every_campaign_level_fits_the_window(screen, size) -> None:
    surface = pygame.Surface(size)
    scene = LevelSelectScene([])
    bounds = surface.get_rect()
    for _ in range(4):
        scene.draw(surface)
        assert bounds.contains(scene.list_rect) and bounds.contains(scene.detail_rect)
        assert scene.selected.kind == "level" and "zombies" in level_facts(scene.selected.level)
        scene.handle(key(pygame.K_DOWN))


def test_long_names_shrink_then_are_cut_to_fit(screen) -> None:
    from hyosan.scenes.ui import fit, font

    assert fit("Storm Crossing", (30, 26, 22), 400) == ("Storm Crossing", 30)
    shrunk, size = fit("Construction-Site Stand", (30, 26, 22), font(26).size("Construction-Site Stand")[0])
    assert (shrunk, size) == ("Construction-Site Stand", 26)
    cut, size = fit("Construction-Site Stand", (30, 26, 22), 120)
    assert size == 22 and cut.endswith("...") and font(22).size(cut)[0] <= 120


def test_a_win_offers_the_next_level_of_the_pack_and_the_last_one_does_not(screen) -> None:
    from hyosan.content.discovery import resolve_level
    from hyosan.scenes.level_select import next_level

    ref, classroom = resolve_level("hyosan/classroom-barricade", [])
    assert next_level(ref)[0] == "hyosan/storm-crossing"
    assert next_level("hyosan/construction-site-stand")[0] == "hyosan/yellow-markers"
    assert next_level("hyosan/yellow-markers") is None and next_level("nope/level") is None
    won = LevelResult("win", "", 120.0, 4, 4, 100.0, 3, 5000)
    stack = SceneStack(ResultsScene(ref, classroom, "win", "", 120.0, 0, result=won, save=False, difficulty="hard"))
    stack.draw(screen)
    assert [i.label for i in stack.top.menu.items] == ["Next level", "Retry", "Level select", "Title"]
    assert all(screen.get_rect().contains(r) for r in stack.top.menu.rects)
    stack.handle(key(pygame.K_RETURN))  # Next level: its briefing, over the level select
    for _ in range(3):
        stack.update(1 / 60)
    assert isinstance(stack.top, BriefingScene) and stack.top.ref == "hyosan/storm-crossing"
    assert stack.top.difficulty == "hard"  # the difficulty carries on
    stack.handle(key(pygame.K_ESCAPE))  # Back from the briefing: the level select, on that level
    assert stack.top.base.selected.ref == "hyosan/storm-crossing"
    lost = ResultsScene(ref, classroom, "loss", "time", 600.0, 0, save=False)
    assert [i.label for i in lost.menu.items] == ["Retry", "Level select", "Title"]


def test_level_facts_count_in_words_a_player_reads() -> None:
    facts = level_facts(sandbox())
    assert facts == "Day  -  0 zombies  -  1 student  -  par 30.0 s"


def test_the_title_offers_to_continue_the_campaign_once_it_is_under_way(screen) -> None:
    from hyosan import progress
    from hyosan.scenes.screens import TitleScene

    assert [i.label for i in TitleScene().menu.items] == ["Play", "Practice", "Hyosan Nights", "Settings", "Quit"]  # nothing won yet
    progress.record("hyosan/classroom-barricade", 2, 3000, 130.0, True)
    progress.record("hyosan/storm-crossing", 0, 100, 80.0, False)  # tried, lost: still the one to play
    stack = SceneStack(TitleScene())
    stack.draw(screen)
    assert [i.label for i in stack.top.menu.items] == ["Continue", "Play", "Practice", "Hyosan Nights", "Settings", "Quit"]
    assert all(screen.get_rect().contains(r) for r in stack.top.menu.rects)
    stack.handle(key(pygame.K_RETURN))
    for _ in range(2):
        stack.update(1 / 60)
    assert isinstance(stack.top, BriefingScene) and stack.top.ref == "hyosan/storm-crossing"
    for ref in ("hyosan/storm-crossing", "hyosan/trolley-shield-run", "hyosan/construction-site-stand"):
        progress.record(ref, 1, 100, 200.0, True)
    assert "Continue" in [i.label for i in TitleScene().menu.items]  # the forest is still to walk
    progress.record("hyosan/yellow-markers", 1, 100, 200.0, True)
    assert "Continue" not in [i.label for i in TitleScene().menu.items]  # the campaign is done


def test_winning_the_last_campaign_level_with_all_others_won_ends_the_campaign(screen) -> None:
    from hyosan import progress
    from hyosan.content.discovery import resolve_level

    ref, trail = resolve_level("hyosan/yellow-markers", [])
    won = LevelResult("win", "", 200.0, 4, 6, 100.0, 2, 4000)
    early = ResultsScene(ref, trail, "win", "", 200.0, 0, result=won)  # the others not won yet
    assert early.finale == ""
    for other, stars in (("classroom-barricade", 3), ("storm-crossing", 1), ("trolley-shield-run", 2),
                         ("construction-site-stand", 1)):
        progress.record(f"hyosan/{other}", stars, 1000, 150.0, True)
    done = ResultsScene(ref, trail, "win", "", 200.0, 0, result=won)
    assert done.finale == "Campaign complete: the squad is out of Hyosan. 9 of 15 stars."
    SceneStack(done).draw(screen)
    watched = ResultsScene(ref, trail, "win", "", 200.0, 0, result=won, save=False)  # a replay watched back
    assert watched.finale == ""


def test_a_broken_progress_file_found_by_the_title_is_set_aside_and_said(screen) -> None:
    """The title reads progress first (for Continue): when the file is broken it is set aside
    there, so the title must be the screen that says so (the level select then finds none)."""
    from hyosan.progress import data_dir
    from hyosan.scenes.screens import TitleScene

    broken = data_dir() / "progress.toml"
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_text("[levels\\nnot toml")
    title = TitleScene()
    assert "set aside as progress.toml.corrupt" in title.notice and title.notice_seconds > 0
    assert (data_dir() / "progress.toml.corrupt").read_text() == "[levels\\nnot toml"  # kept, not lost
    title.draw(screen)


def test_the_plan_rings_the_stations_the_objectives_need_worked() -> None:
    # Storm's key box (far north-west of the car park) and padlock, seen before playing; a level
    # with no station to work (Trolley) gets no ring and no key for one.
    from hyosan.content.discovery import resolve_level
    from hyosan.render.level_plan import STATION_RGB, objective_stations, student_dot_px

    _, storm = resolve_level("hyosan/storm-crossing", None)
    assert objective_stations(storm) == [s.at for sid in ("key-box", "padlock") for s in storm.stations if s.id == sid]
    plan = PlanPainter(Atlas()).plan(storm, 900, 400)
    k = plan.get_width() / max(len(row) for row in storm.map.rows)
    ring = student_dot_px(k) + 3
    for x, y in objective_stations(storm):
        cx, cy = round(x * k), round(y * k)
        around = {tuple(plan.get_at((cx + dx, cy + dy)))[:3] for dx in range(-ring, ring + 1) for dy in range(-ring, ring + 1)
                  if 0 <= cx + dx < plan.get_width() and 0 <= cy + dy < plan.get_height()}
        assert STATION_RGB in around
        assert tuple(plan.get_at((cx, cy)))[:3] != STATION_RGB  # a ring, not a blot: the map shows through
    _, trolley = resolve_level("hyosan/trolley-shield-run", None)
    assert objective_stations(trolley) == []
    # the pause screen's plan (squad drawn live) carries no start dots and no rings
    bare = PlanPainter(Atlas()).plan(storm, 900, 400, squad=False)
    x, y = objective_stations(storm)[0]
    assert STATION_RGB not in {tuple(bare.get_at((round(x * k) + dx, round(y * k))))[:3] for dx in range(-ring, ring + 1)}


@pytest.mark.parametrize("entry, ref, title", [("Hyosan Nights", "nights/the-roof", "The Roof"),
                                                ("Practice", "sandbox/first-steps", "First Steps")])
def test_the_title_opens_a_built_in_pack_at_its_first_level(screen, entry: str, ref: str, title: str) -> None:
    from hyosan.scenes.screens import TitleScene

    stack = SceneStack(TitleScene())
    stack.draw(screen)
    menu = stack.top.menu
    menu.index = [i.label for i in menu.items].index(entry)
    stack.handle(key(pygame.K_RETURN))
    stack.draw(screen)
    assert isinstance(stack.top, LevelSelectScene)
    assert stack.top.selected.ref == ref
    assert stack.top.detail_lines()[0] == title


def test_the_plan_draws_the_trail_markers_in_order_where_their_ribbons_hang() -> None:
    # Yellow Markers: five diamonds on the plan, at the ribbons the game draws (the spots the
    # objective arrow points at), in the objectives' order, on the pause map's plan too; a level
    # with no marker zone gets none.
    from hyosan.content.discovery import resolve_level
    from hyosan.render.level_plan import (
        MARKER_EDGE_RGB,
        MARKER_RGB,
        has_trail_markers,
        trail_markers,
    )
    from hyosan.render.trail_markers import marker_spots
    from hyosan.sim.world import World

    _, trail = resolve_level("hyosan/yellow-markers", None)
    world = World.from_spec(trail, 0)
    spots = {zid: (x, y) for zid, x, y, _ in marker_spots(trail.zones, world.tilemap.kind)}
    assert trail_markers(trail) == [spots[f"marker-{k}"] for k in range(1, 6)]
    for squad in (True, False):
        plan = PlanPainter(Atlas()).plan(trail, 900, 400, squad=squad)
        k = plan.get_width() / max(len(row) for row in trail.map.rows)
        for x, y in trail_markers(trail):
            assert tuple(plan.get_at((round(x * k), round(y * k))))[:3] == MARKER_RGB
        # halfway between two markers lies the trail's dark line, not the floor's colour
        (x0, y0), (x1, y1) = trail_markers(trail)[:2]
        mid = (round((x0 + x1) / 2 * k), round((y0 + y1) / 2 * k))
        near = {tuple(plan.get_at((mid[0] + dx, mid[1] + dy)))[:3] for dx in (-1, 0, 1) for dy in (-1, 0, 1)}
        assert MARKER_EDGE_RGB in near
    _, storm = resolve_level("hyosan/storm-crossing", None)
    assert not has_trail_markers(storm) and trail_markers(storm) == []


def test_the_plan_tints_a_starting_area_as_dense_as_its_horde_stands() -> None:
    # Storm Crossing: the yard's 170 idle zombies tint their area full red; the two stragglers
    # spread over 24 tiles of the south walk only faintly, so the quiet way does not read as a
    # horde; and where no zombie starts, the floor is untinted.
    from hyosan.content.discovery import resolve_level
    from hyosan.render.level_plan import HORDE_ALPHA, HORDE_FAINTEST, horde_alpha

    assert horde_alpha(170, (17, 13, 77, 18)) == HORDE_ALPHA
    assert horde_alpha(2, (24, 24, 36, 28)) == round(HORDE_ALPHA * HORDE_FAINTEST)
    assert horde_alpha(0, (0, 0, 1, 1)) == round(HORDE_ALPHA * HORDE_FAINTEST)  # a zone still shows
    _, storm = resolve_level("hyosan/storm-crossing", None)
    painter = PlanPainter(Atlas())
    plan = painter.plan(storm, 900, 400)
    bare = painter.tile_colours(storm)
    k = plan.get_width() / max(len(row) for row in storm.map.rows)

    def redness(x: float, y: float) -> int:
        """How much redder than the bare floor the plan is at (x, y) tiles."""
        r, g, _ = tuple(plan.get_at((int(x * k), int(y * k))))[:3]
        br, bg, _ = (int(v) for v in bare[int(y), int(x)])
        return (r - br) - (g - bg)

    yard, walk, lane = redness(30.5, 15.5), redness(37.5, 26.5), redness(44.5, 26.5)
    assert yard > walk > lane and lane == 0


def test_opened_at_a_level_the_list_shows_the_level_after_it_too(screen) -> None:
    """The title's Practice entry opens the list at First Steps; the pack's second level sat
    just below the fold, and a playtester never knew it was there."""
    scene = LevelSelectScene([], select="sandbox/first-steps")
    scene.draw(screen)
    rows = {e.ref: r for e, r in zip(scene.entries, scene.menu.rects, strict=True) if e.kind == "level"}
    assert scene.selected.ref == "sandbox/first-steps"
    for ref in ("sandbox/first-steps", "sandbox/quiet-corridor"):
        assert rows[ref].w > 0 and scene.list_rect.contains(rows[ref]), ref


def test_the_plan_writes_each_labelled_place_where_the_level_puts_it(screen) -> None:
    """The Quiet Corridor's briefing names the teachers' lounge and the music room, and a
    playtester could not find them on its map: each [[labels]] entry is written in the menus'
    ink centred on its point, on the briefing's plan and the pause map's alike."""
    from hyosan.content.discovery import resolve_level
    from hyosan.render.level_plan import LABEL_RGB

    _, corridor = resolve_level("sandbox/quiet-corridor", None)
    assert {"Teachers' lounge", "Music room"} <= {lb.text for lb in corridor.labels}
    unlabelled = dataclasses.replace(corridor, labels=(), content_hash="none")
    for squad in (True, False):
        plan = PlanPainter(Atlas()).plan(corridor, 900, 400, squad=squad)
        bare = PlanPainter(Atlas()).plan(unlabelled, 900, 400, squad=squad)
        k = plan.get_width() / max(len(row) for row in corridor.map.rows)
        for label in corridor.labels:
            cx, cy = round(label.at[0] * k), round(label.at[1] * k)
            box = pygame.Rect(0, 0, 40, 16)
            box.center = (cx, cy)
            box = box.clip(plan.get_rect())
            inked = [(x, y) for x in range(box.left, box.right) for y in range(box.top, box.bottom)
                     if tuple(plan.get_at((x, y)))[:3] == LABEL_RGB]
            assert len(inked) > 20, label.text  # the words' strokes, not a stray pixel
            assert not any(tuple(bare.get_at(p))[:3] == LABEL_RGB for p in inked)


def test_two_labels_placed_together_are_written_apart(screen) -> None:
    """A designer's two names a tile apart would print over each other on a small plan: the
    later one steps a line down, and both stay legible."""
    from hyosan.content.discovery import resolve_level
    from hyosan.content.schema import LabelSpec
    from hyosan.render.level_plan import LABEL_RGB

    _, corridor = resolve_level("sandbox/quiet-corridor", None)
    close = dataclasses.replace(corridor, labels=(LabelSpec("Music room", (34.0, 21.0)), LabelSpec("Drum store", (35.0, 21.0))),
                                content_hash="close")
    alone = dataclasses.replace(close, labels=close.labels[:1], content_hash="alone")
    plan = PlanPainter(Atlas()).plan(close, 444, 230)
    first = PlanPainter(Atlas()).plan(alone, 444, 230)
    inked = {(x, y) for x in range(plan.get_width()) for y in range(plan.get_height()) if tuple(plan.get_at((x, y)))[:3] == LABEL_RGB}
    alone_ink = {(x, y) for x in range(first.get_width()) for y in range(first.get_height()) if tuple(first.get_at((x, y)))[:3] == LABEL_RGB}
    assert alone_ink <= inked  # the first is written where it was, untouched by the second
    second = inked - alone_ink
    assert second and min(y for _, y in second) > max(y for _, y in alone_ink)  # the second under it, clear of it
