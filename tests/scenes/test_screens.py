"""The real screens, driven by posted key events on the dummy video driver."""

from __future__ import annotations

import dataclasses

import pygame
import pytest

from hyosan.scenes.screens import LevelSelectScene, PauseScene, PlayScene, ResultsScene, TitleScene
from hyosan.scenes.stack import SceneStack
from tests.helpers import sandbox


def key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="")


def test_title_to_select_to_briefing_to_play_then_pause_and_resume(screen) -> None:
    stack = SceneStack(TitleScene())
    stack.handle(key(pygame.K_RETURN))  # Play
    assert isinstance(stack.top, LevelSelectScene)
    assert any("First Steps" in item.label for item in stack.top.menu.items)
    stack.handle(key(pygame.K_RETURN))  # the first level
    stack.handle(key(pygame.K_RETURN))  # Start (briefing)
    assert isinstance(stack.top, PlayScene)
    play = stack.top
    for _ in range(10):
        stack.update(1 / 60)
        stack.draw(screen)
    assert play.world is not None and play.world.tick == 10
    stack.handle(key(pygame.K_ESCAPE))
    assert isinstance(stack.top, PauseScene)
    stack.update(1.0)  # paused: the world below does not advance
    stack.draw(screen)
    assert play.world.tick == 10
    stack.handle(key(pygame.K_ESCAPE))
    assert stack.top is play


def test_losing_focus_pauses(screen) -> None:
    stack = SceneStack(PlayScene("sandbox/first-steps", sandbox()))
    stack.handle(pygame.event.Event(pygame.WINDOWFOCUSLOST))
    assert isinstance(stack.top, PauseScene)


def test_pause_restart_gives_a_fresh_world_and_quit_goes_to_title(screen) -> None:
    stack = SceneStack(TitleScene())
    from hyosan.scenes.stack import Push

    stack.apply(Push(PlayScene("sandbox/first-steps", sandbox())))
    for _ in range(30):
        stack.update(1 / 60)
    stack.handle(key(pygame.K_ESCAPE))
    stack.handle(key(pygame.K_DOWN))
    stack.handle(key(pygame.K_RETURN))  # Restart
    stack.update(1 / 60)
    assert isinstance(stack.top, PlayScene) and stack.top.world.tick == 0
    stack.handle(key(pygame.K_ESCAPE))
    stack.handle(key(pygame.K_DOWN))
    stack.handle(key(pygame.K_DOWN))
    stack.handle(key(pygame.K_RETURN))  # Quit to title
    assert isinstance(stack.top, TitleScene) and len(stack.scenes) == 1


def test_results_screen_shows_and_retries(screen) -> None:
    stack = SceneStack(ResultsScene("sandbox/first-steps", sandbox(), "loss", "time", 180.0, 0))
    stack.draw(screen)
    stack.handle(key(pygame.K_RETURN))  # Retry
    assert isinstance(stack.top, PlayScene)


def test_esc_on_the_title_goes_to_quit_and_a_second_esc_quits(screen) -> None:
    """Pressing Esc to pause as a level ended went through the results to the title and out of
    the game: on the title the first Esc only chooses Quit."""
    stack = SceneStack(TitleScene())
    title = stack.top
    assert title.menu.items[title.menu.index].label != "Quit"
    stack.handle(key(pygame.K_ESCAPE))
    assert stack.running and title.menu.items[title.menu.index].label == "Quit"
    stack.handle(key(pygame.K_ESCAPE))
    assert not stack.running


def test_mouse_clicks_choose_menu_items(screen) -> None:
    stack = SceneStack(TitleScene())
    stack.draw(screen)
    quit_rect = stack.top.menu.rects[-1]  # Quit is the last item
    stack.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=quit_rect.center))
    assert not stack.running


def test_briefing_chooses_difficulty_and_results_save_progress(screen) -> None:
    from hyosan import progress
    from hyosan.scenes.briefing import BriefingScene
    from hyosan.sim.objectives import LevelResult

    stack = SceneStack(BriefingScene("sandbox/first-steps", sandbox(), difficulty="normal"))
    stack.draw(screen)
    stack.handle(key(pygame.K_RIGHT))
    assert stack.top.difficulty == "hard"
    stack.handle(key(pygame.K_RIGHT))
    stack.handle(key(pygame.K_LEFT))
    stack.handle(key(pygame.K_LEFT))
    stack.handle(key(pygame.K_LEFT))
    assert stack.top.difficulty == "story"
    stack.handle(key(pygame.K_RETURN))  # Start
    stack.update(1 / 60)
    assert isinstance(stack.top, PlayScene) and stack.top.world.difficulty == "story"

    result = LevelResult("win", "", 95.5, 4, 4, 1234.0, 3, 5000)
    results = ResultsScene("sandbox/first-steps", sandbox(), "win", "", 95.5, 0, result=result)
    SceneStack(results).draw(screen)
    saved, _ = progress.load()
    assert saved["sandbox/first-steps"].stars == 3 and saved["sandbox/first-steps"].seconds == 95.5
    select = LevelSelectScene([], select="sandbox/first-steps")
    select.draw(screen)
    assert select.detail_lines()[-1] == "best time 1:35.5  -  best score 5000"


def test_results_show_star_icons_and_no_row_of_dots_for_zero(screen) -> None:
    from hyosan.scenes.screens import _stars_text
    from hyosan.sim.objectives import LevelResult

    def gold_pixels(stars: int) -> int:
        result = LevelResult("win" if stars else "loss", "" if stars else "time", 60.0, 4, 4, 100.0, stars, 100)
        scene = ResultsScene("sandbox/first-steps", sandbox(), result.outcome, result.cause, 60.0, 0,
                             result=result, save=False)
        SceneStack(scene).draw(screen)
        r = scene.star_rect  # the three star rows
        assert r.h > 3 * 30 and screen.get_rect().contains(r)
        band = pygame.surfarray.pixels3d(screen)[r.left:r.right, r.top:r.bottom]
        return int(((band[..., 0] > 200) & (band[..., 1] > 150) & (band[..., 2] < 120)).sum())

    assert gold_pixels(0) == 0 < gold_pixels(1) < gold_pixels(3)
    assert _stars_text(0) == "no stars" and _stars_text(1) == "1 star" and _stars_text(2) == "2 stars"


@pytest.mark.parametrize("ref", ["hyosan/classroom-barricade", "hyosan/storm-crossing", "hyosan/trolley-shield-run",
                                 "hyosan/construction-site-stand"])
@pytest.mark.parametrize("size", [(1280, 720), (960, 540)])
def test_a_long_briefing_keeps_the_difficulty_and_start_on_screen(screen, ref, size) -> None:
    from hyosan.content.discovery import resolve_level
    from hyosan.scenes.briefing import BriefingScene

    surface = pygame.Surface(size)
    briefing = BriefingScene(ref, resolve_level(ref, [])[1])
    briefing.draw(surface)
    bounds = surface.get_rect()
    assert len(briefing.menu.rects) == 2 and all(bounds.contains(r.inflate(-40, -10)) for r in briefing.menu.rects)


def test_results_say_what_each_star_asks_for_and_what_was_a_new_best(screen) -> None:
    from hyosan.content.discovery import resolve_level
    from hyosan.sim.objectives import LevelResult

    ref, storm = resolve_level("hyosan/storm-crossing", [])
    need = storm.stars.two_star_survivors
    par = storm.stars.three_star_seconds or storm.par_seconds

    def run(stars: int, score: int, seconds: float, won: bool = True) -> ResultsScene:
        result = LevelResult("win" if won else "loss", "" if won else "everyone-down", seconds, 3, 5, 900.0, stars, score)
        scene = ResultsScene(ref, storm, result.outcome, result.cause, seconds, 0, result=result)
        scene.draw(screen)
        return scene

    first = run(2, 4000, 150.0)
    assert first.star_lines() == ["Escape", f"... with at least {need} of 5 alive", f"... all 5 alive, in under {int(par // 60)}:{par % 60:04.1f}"]
    assert first.new_best == ["stars", "score", "time"]
    # a small squad's lines say it plainly, not "at least 2 of 2 alive" / "all 2 alive"
    for size, lines in ((2, ["... with both alive", "... both alive, in under "]), (1, ["... and alive", "... alive, in under "])):
        small = dataclasses.replace(storm, squad=storm.squad[:size], stars=dataclasses.replace(storm.stars, two_star_survivors=size))
        got = ResultsScene(ref, small, "win", "", 60.0, 0, save=False).star_lines()
        assert got[0] == "Escape" and got[1] == lines[0] and got[2].startswith(lines[1]), got
    assert run(1, 3000, 170.0).new_best == []  # worse on every count
    faster = run(1, 3000, 120.0)
    assert faster.new_best == ["time"]  # only faster
    # each best named as its own: not "2 stars - 2:00.0", a run that never was
    assert faster.best_line().endswith("-  best time 2:00.0  -  best score 4000   (new best time)")
    assert run(0, 100, 50.0, won=False).new_best == []  # a loss sets no time
    lost = ResultsScene(ref, storm, "loss", "student-lost:cheong-san", 70.0, 0, save=False)
    lost.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RIGHT, mod=0, unicode=""))
    lost.draw(screen)  # the menu is a row: right moves to "Level select"
    assert lost.menu.items[lost.menu.index].label == "Level select"
    assert all(screen.get_rect().contains(r) for r in lost.menu.rects)


@pytest.mark.parametrize("tallied", [True, False])
@pytest.mark.parametrize("size", [(1280, 720), (960, 540)])
def test_the_results_say_how_loud_the_squad_was_in_words(screen, monkeypatch, size, tallied) -> None:
    """A playtester read "noise made 18342" on the results screen and could make nothing of it
    (the sum of the loudness radii, px, of every sound the squad made). It reads now as a word
    (how loud, for the time played), what made most of it, and what it cost the score; every
    word of the row inside its own column at 1280x720 and at the smallest window."""
    from hyosan.content.discovery import resolve_level
    from hyosan.render.noise_report import NoiseTally
    from hyosan.scenes import screens
    from hyosan.sim import events as ev
    from hyosan.sim.objectives import LevelResult

    ref, classroom = resolve_level("hyosan/classroom-barricade", [])
    tally = NoiseTally()  # 200 walked steps and 20 swings: 18400 px in two and a half minutes
    tally.feed([ev.Sound(0.0, 0.0, 70.0, "walk-step", "on-jo")] * 200 + [ev.Sound(0.0, 0.0, 220.0, "melee", "on-jo")] * 20,
               {"on-jo"})
    result = LevelResult("win", "", 150.0, 4, 4, tally.total, 2, 4816)
    kwargs = {"noise": tally} if tallied else {}
    scene = ResultsScene(ref, classroom, "win", "", 150.0, 0, result=result, save=False, **kwargs)
    drawn: list[tuple[str, pygame.Rect]] = []
    real_text = screens.text
    monkeypatch.setattr(screens, "text", lambda surf, s, *a, **k: (drawn.append((s, rect := real_text(surf, s, *a, **k))), rect)[1])
    surface = pygame.Surface(size)
    scene.draw(surface)
    said = [s for s, _ in drawn]
    assert "18400" not in said and not any(s.startswith("18400") for s in said)  # no raw sum of radii
    label = next(rect for s, rect in drawn if s == "noise")
    value, value_rect = next((s, rect) for s, rect in drawn if rect.top > label.bottom - 2 and rect.centerx == label.centerx)
    assert value == "noisy"  # 123 px a second: as if two students walked half the time
    notes = [(s, rect) for s, rect in drawn if rect.top >= value_rect.bottom - 2 and abs(rect.centerx - label.centerx) < 2
             and rect.top < value_rect.bottom + 40]
    assert [s for s, _ in notes] == (["mostly walking"] if tallied else [])
    assert "-184 for noise" in said  # what it cost the score (1 point per 100 px)
    # the row: every word inside the panel, none on another
    row = [rect for s, rect in drawn if label.top - 2 <= rect.top <= value_rect.bottom + 30]
    assert len(row) >= 8
    bounds = surface.get_rect()
    for k, a in enumerate(row):
        assert bounds.contains(a)
        assert all(not a.colliderect(b) for b in row[k + 1:]), [(s, r) for s, r in drawn if r in row]


@pytest.mark.parametrize("count", [4, 8])
@pytest.mark.parametrize("size", [(1280, 720), (960, 540)])
def test_the_results_choices_stay_in_the_panel_with_a_long_story(screen, size, count) -> None:
    """In the smallest window (960x540) the results' "What happened" pushed the row of choices
    (Next level, Retry...) off the panel's foot and half off the window. The row keeps its place
    in the panel; the list gives way from its start ("..."), keeping the last, the one that ended it."""
    from hyosan.content.discovery import resolve_level
    from hyosan.sim.objectives import LevelResult

    ref, classroom = resolve_level("hyosan/classroom-barricade", [])
    result = LevelResult("loss", "everyone-down", 150.0, 0, 4, 9000.0, 0, 0)
    moments = [(10.0 * k, f"Moment {k} of the night") for k in range(1, count)] + [(149.0, "Mi-jin is lost")]
    scene = ResultsScene(ref, classroom, "loss", "everyone-down", 150.0, 0, result=result, save=False, moments=moments)
    surface = pygame.Surface(size)
    scene.draw(surface)
    panel = pygame.Rect(0, 0, min(size[0] - 60, 820), size[1] - 60)
    panel.center = (size[0] // 2, size[1] // 2)
    assert all(panel.contains(r.inflate(-20, -10)) for r in scene.menu.rects), (scene.menu.rects, panel)
    assert 0 < scene.moments_bottom <= min(r.top for r in scene.menu.rects)
    assert scene.moments_shown and scene.moments_shown[-1] == (149.0, "Mi-jin is lost")
    if len(scene.moments_shown) < count:
        assert scene.moments_shown[0] is None  # the "..." that says some were left out


def test_the_briefing_shows_the_players_own_keys_and_what_a_difficulty_changes(screen) -> None:
    from hyosan.content.discovery import resolve_level
    from hyosan.scenes.briefing import BriefingScene, control_hints, difficulty_line

    hints = control_hints()
    assert hints[:4] == ["WASD move", "Shift sprint", "Ctrl sneak", "E use / grab (hold)"]
    assert "Q throw a phone" in hints and "Tab next student" in hints
    remapped = control_hints({"interact": ["g"], "throw": ["left alt"]})
    assert "G use / grab (hold)" in remapped and "Left Alt throw a phone" in remapped
    ref, site = resolve_level("hyosan/construction-site-stand", [])
    assert difficulty_line(site, "normal") == "the horde as the level was made"
    assert difficulty_line(site, "story") == "60% of the horde, 85% speed, 80% sight"
    briefing = BriefingScene(ref, site, difficulty="hard")
    briefing.draw(screen)
    assert briefing.controls == hints
    # Every control fits the footer of a 1280 px window, the pad's too (G's hint had cut "Z view")
    from hyosan.scenes.briefing import pad_control_hints
    from hyosan.scenes.ui import fit

    for shown in (hints, pad_control_hints()):
        line, _ = fit("  ·  ".join(shown), (20, 18, 16), 1280 - 96)
        assert not line.endswith("...") and line.endswith("view")


@pytest.mark.parametrize("size", [(1280, 720), (960, 540)])
def test_the_pause_panel_names_the_objective_and_keeps_the_menu_on_screen(screen, size) -> None:
    stack = SceneStack(PlayScene("sandbox/first-steps", sandbox()))
    stack.update(1 / 60)
    stack.handle(key(pygame.K_ESCAPE))
    pause = stack.top
    surface = pygame.Surface(size)
    pause.draw(surface)
    assert isinstance(pause, PauseScene) and "Space hit" in pause.controls
    assert len(pause.menu.rects) == 4 and all(surface.get_rect().contains(r) for r in pause.menu.rects)
    # The controls wrap between controls only: "C own" on one line and "move" under it read as two.
    from hyosan.scenes.briefing import control_hints
    from hyosan.scenes.ui import font, wrap_items

    hints = control_hints()
    lines = wrap_items(hints, 18, size[0] - 100)
    assert len(lines) >= 2 and [h for line in lines for h in line.split("  ·  ")] == hints
    assert all(font(18).size(line)[0] <= size[0] - 100 for line in lines)


def test_the_title_menu_fits_a_small_window_with_every_item(screen) -> None:
    from hyosan import progress
    from hyosan.progress import data_dir

    (data_dir() / "replays").mkdir(parents=True)
    (data_dir() / "replays" / "a.jsonl").write_text("{}\n")
    progress.record("hyosan/classroom-barricade", 3, 5000, 120.0, True)
    title = TitleScene()
    assert [i.label for i in title.menu.items] == ["Continue", "Play", "Practice", "Hyosan Nights", "Replays", "Settings", "Quit"]
    for size in ((1280, 720), (960, 540)):
        surface = pygame.Surface(size)
        title.draw(surface)
        footer = size[1] - 40  # the hint line along the foot
        assert all(r.bottom <= footer and surface.get_rect().contains(r) for r in title.menu.rects), size


@pytest.mark.parametrize("ref", ["hyosan/classroom-barricade", "hyosan/storm-crossing", "hyosan/trolley-shield-run",
                                 "hyosan/construction-site-stand"])
def test_the_whole_briefing_and_every_objective_show_at_1280x720(screen, ref) -> None:
    """Construction-Site's story runs four paragraphs and ends with the bait choice, which is an
    optional objective: all of the story and every objective, optional ones last, show."""
    from hyosan.content.discovery import resolve_level
    from hyosan.scenes.briefing import BriefingScene

    spec = resolve_level(ref, [])[1]
    briefing = BriefingScene(ref, spec)
    briefing.draw(pygame.Surface((1280, 720)))
    size, lines = briefing._layout_cache
    assert not lines[-1].endswith("...")
    assert " ".join(spec.briefing.split()) == " ".join(" ".join(lines).split())
    assert [t for _, t in briefing.objectives] == [o.text for o in spec.objectives if not o.optional] + \
        [o.text for o in spec.objectives if o.optional]
    assert briefing.text_bottom < min(r.top for r in briefing.menu.rects)
    if ref.endswith("construction-site-stand"):
        assert ("+", "Optional: one student stays behind as bait at the crane cab (hold E)") in briefing.objectives


def test_results_say_when_a_broken_progress_file_was_set_aside(screen) -> None:
    from hyosan.progress import data_dir
    from hyosan.sim.objectives import LevelResult

    (data_dir() / "progress.toml").parent.mkdir(parents=True, exist_ok=True)
    (data_dir() / "progress.toml").write_text("\x00 not toml")
    result = LevelResult("win", "", 30.0, 1, 1, 10.0, 2, 900)
    scene = ResultsScene("sandbox/first-steps", sandbox(), "win", "", 30.0, 0, result=result)
    assert "set aside as progress.toml.corrupt" in scene.notice
    assert scene.best is not None and scene.best.score == 900  # and this run is saved afresh


def test_a_time_reads_the_same_on_the_results_screen_and_as_the_saved_best() -> None:
    """Times are cut to the tenth like a stopwatch: a run of 3747 ticks (62.4499... s) and
    its best as saved (rounded to the hundredth, 62.45 s) both read 1:02.4; rounding showed
    1:02.4 on the results screen and 1:02.5 in level select."""
    from hyosan.progress import merge
    from hyosan.scenes.ui import clock

    run = 3747 / 60
    saved = merge(None, 3, 100, run, won=True).seconds
    assert clock(run) == clock(saved) == "1:02.4"
    assert clock(62.3) == "1:02.3" and clock(59.99) == "59.9 s" and clock(0.0) == "0.0 s"
    assert clock(600.0) == "10:00.0" and clock(-3.0) == "0.0 s"
    # every whole number of ticks over ten minutes reads the same raw and as saved
    assert all(clock(k / 60) == clock(merge(None, 1, 0, k / 60, won=True).seconds) for k in range(1, 36000))


def test_what_happened_keeps_each_events_own_time_however_many_ticks_a_frame_runs(screen) -> None:
    """A frame that runs several ticks (a slow machine, a replay watched at x8) stamps each
    tick's news with that tick's time: watched twice, a replay said 1:00.5 and then 1:00.6."""
    from hyosan.content.discovery import resolve_level

    def moments(frame_seconds: float) -> list[tuple[float, str]]:
        ref, spec = resolve_level("hyosan/classroom-barricade", None)
        stack = SceneStack(PlayScene(ref, spec))
        for _ in range(int(60 * 60 / (frame_seconds * 60)) + 10):
            stack.update(frame_seconds)
            if isinstance(stack.top, ResultsScene):
                return stack.top.moments
        raise AssertionError("the idle squad was not lost within a minute")

    one_tick, seven_ticks = moments(1 / 60), moments(7 / 60)
    assert len(one_tick) >= 2 and seven_ticks == one_tick
    # (each a whole tick: 7-tick frames would round every time up to a multiple of 7 ticks)
    assert any(round(t * 60) % 7 for t, _ in one_tick)


def test_a_lost_level_says_what_happened_on_the_results_screen(screen, monkeypatch) -> None:
    # Played by hand: Classroom lost at 20.5 s said only "nobody made it"; the back door the
    # crowd shoved open at 16.7 s was the why.
    from hyosan.content.discovery import resolve_level

    ref, spec = resolve_level("hyosan/classroom-barricade", None)
    stack = SceneStack(PlayScene(ref, spec))
    for _ in range(60 * 60):  # nobody touches a key: both doors stay unlocked
        stack.update(1 / 60)
        if isinstance(stack.top, ResultsScene):
            break
    results = stack.top
    assert isinstance(results, ResultsScene) and results.outcome == "loss"
    # the radio the level starts at 15 s that called the floor, then the door it shoved open
    # (which of the two doors goes first is the seed's)
    said = [m[1] for m in results.moments if m is not None]
    assert said[0] == "A radio comes on" and said[1] in ("The front door was pushed open", "The back door was pushed open")
    assert results.moments[-1][1].endswith(" is lost") and results.moments[-1][0] <= results.seconds
    # the play scene's tally of the squad's noise comes along, and adds up to what the score counts
    assert results.noise is not None and results.noise.total == pytest.approx(results.result.noise, abs=0.1)
    stack.draw(screen)  # the block fits above the menu row
    assert 0 < results.moments_bottom < min(r.top for r in results.menu.rects)
    # Every line the same size: a long last line drawn smaller read as a footnote (a playtester).
    from hyosan.scenes import screens

    drawn: list[tuple[str, int]] = []
    real_text = screens.text
    monkeypatch.setattr(screens, "text", lambda surf, s, size, *a, **k: (drawn.append((s, size)), real_text(surf, s, size, *a, **k))[1])
    results.moments = [*results.moments, (results.seconds, "Unlock the chained gate and go along the field to the "
                                                           "auditorium's side door")]
    stack.draw(screen)
    sizes = {size for s, size in drawn if any(s.startswith(m[1][:20]) for m in results.moments if m is not None)}
    assert len(sizes) == 1, drawn
    # Straight from play, presses are ignored for a moment: mashing Esc to pause as the squad
    # went down skipped the results to the title unread.
    stack.handle(key(pygame.K_ESCAPE))
    stack.handle(key(pygame.K_RETURN))
    assert stack.top is results
    stack.update(1.2)  # still mashing Space (hit) a second on: not a choice of Retry
    stack.handle(key(pygame.K_SPACE))
    assert stack.top is results
    stack.update(0.4)
    stack.handle(key(pygame.K_SPACE))  # past the grace too: Space is the swing, never a choice here
    assert stack.top is results
    # The row stops at its ends: a walking key still held as the grace ends (A, Left, W) does
    # not wrap from the first choice round to "Title" (a playtester's Enter went to the title).
    first = results.menu.index
    for k in (pygame.K_LEFT, pygame.K_a, pygame.K_UP, pygame.K_w):
        stack.handle(key(k))
    assert results.menu.index == first
    for _ in range(len(results.menu.items) + 2):
        stack.handle(key(pygame.K_RIGHT))
    assert results.menu.items[results.menu.index].label == "Title"
    for _ in range(len(results.menu.items)):
        stack.handle(key(pygame.K_LEFT))
    assert results.menu.index == first
    stack.handle(key(pygame.K_ESCAPE))  # after the grace, Esc moves to Title: still the results
    assert stack.top is results and results.menu.items[results.menu.index].label == "Title"
    stack.handle(key(pygame.K_ESCAPE))  # and a second Esc leaves
    assert isinstance(stack.top, TitleScene)


def paused_on_the_map(screen, ref: str, before_pause=None):  # type: ignore[no-untyped-def]
    """Play ``ref`` one tick (``before_pause(play)`` then, if given), pause it by losing focus and
    draw the pause screen; returns the play scene and a world px -> screen px mapping onto the
    pause screen's plan."""
    from hyosan.content.discovery import resolve_level
    from hyosan.sim.units import TILE_PX

    ref, spec = resolve_level(ref, None)
    play = PlayScene(ref, spec)
    stack = SceneStack(play)
    stack.update(1 / 60)
    if before_pause is not None:
        before_pause(play)
    stack.handle(pygame.event.Event(pygame.WINDOWFOCUSLOST))
    pause = stack.top
    assert isinstance(pause, PauseScene)
    stack.draw(screen)
    area = pause.map_rect
    cols = max(len(row) for row in spec.map.rows)
    plan_w = pause.chrome.plans.plan(spec, area.w, area.h - 30, squad=False).get_width()
    k = plan_w / cols
    left = area.centerx - plan_w // 2

    def on_plan(x: float, y: float) -> tuple[int, int]:
        return round(left + x / TILE_PX * k), round(area.y + y / TILE_PX * k)

    return play, on_plan


def test_the_pause_screen_shows_where_the_squad_is_and_the_objectives_place(screen) -> None:
    # In Storm's dark, a player paused to find the car park's hut: the plan now shows the squad
    # where it stands and a white ring on the key box.
    from hyosan.render.level_plan import SQUAD_RGB
    from hyosan.render.objective_pointer import objective_spot
    from hyosan.scenes.ui import INK

    play, on_plan = paused_on_the_map(screen, "hyosan/storm-crossing")

    for student in play.world.students:
        p = play.world.student_pos(student)
        assert tuple(screen.get_at(on_plan(float(p[0]), float(p[1]))))[:3] == SQUAD_RGB
    sx, sy = on_plan(*objective_spot(play.world)[:2])
    ring = [tuple(screen.get_at((sx + dx, sy + dy)))[:3] for dx in range(-12, 13) for dy in range(-12, 13)]
    assert INK in ring  # the white ring round the key box


def test_the_pause_map_shows_the_zombies_after_the_squad_now(screen) -> None:
    # A playtester paused mid-chase and the map showed only where the horde stood at the
    # start: the zombies chasing or biting now are drawn where they are, and the key says so.
    from hyosan.scenes.chrome import HUNTER_RGB, hunters_now
    from hyosan.sim.horde.horde import ATTACK, CHASE

    def two_give_chase(play: PlayScene) -> None:
        h = play.world.horde
        h.state_all[:2] = (CHASE, ATTACK)
        h.pos_all[:2] = play.world.student_pos(play.world.lead_student) + ((160.0, 0.0), (0.0, 160.0))

    play, on_plan = paused_on_the_map(screen, "hyosan/storm-crossing", two_give_chase)
    hunting = hunters_now(play.world)
    assert len(hunting) == 2
    for x, y in hunting:
        assert tuple(screen.get_at(on_plan(float(x), float(y))))[:3] == HUNTER_RGB
    play, on_plan = paused_on_the_map(screen, "hyosan/storm-crossing")
    assert len(hunters_now(play.world)) == 0  # nobody on their heels at the start: no dots


def test_the_pause_map_shows_the_crowd_walking_to_a_noise(screen) -> None:
    # A playtester paused while a crowd streamed to a thrown phone: only the few chasing were
    # dotted. Those walking to a noise are dotted too, in their own colour, and keyed.
    from hyosan.scenes.chrome import (
        HUNTER_RGB,
        NOISE_BOUND_RGB,
        NOISE_NOW_RGB,
        noise_bound_now,
        sounding_now,
    )
    from hyosan.sim.director import Emitter
    from hyosan.sim.horde.horde import INVESTIGATE

    phone = (0.0, 0.0)

    def three_hear_a_phone(play: PlayScene) -> None:
        nonlocal phone
        w = play.world
        h = w.horde
        h.state_all[:3] = INVESTIGATE
        h.pos_all[:3] = w.student_pos(w.lead_student) + ((200.0, 0.0), (0.0, 200.0), (-200.0, 0.0))
        phone = (float(w.student_pos(w.lead_student)[0]) + 300.0, float(w.student_pos(w.lead_student)[1]))
        w.director.start_emitter(Emitter("thrown-phone-3", "phone", *phone, 350.0, w.tick + 600, 30, w.tick))

    play, on_plan = paused_on_the_map(screen, "hyosan/storm-crossing", three_hear_a_phone)
    heading = noise_bound_now(play.world)
    assert len(heading) == 3
    for x, y in heading:
        assert tuple(screen.get_at(on_plan(float(x), float(y))))[:3] == NOISE_BOUND_RGB
    assert NOISE_BOUND_RGB != HUNTER_RGB
    # The phone they walk to is ringed on the map.
    assert sounding_now(play.world) == [phone]
    cx, cy = on_plan(*phone)
    ring = {tuple(screen.get_at((cx + dx, cy + dy)))[:3] for dx in range(-12, 13) for dy in range(-12, 13)}
    assert NOISE_NOW_RGB in ring
    play, on_plan = paused_on_the_map(screen, "hyosan/storm-crossing")
    assert len(noise_bound_now(play.world)) == 0  # a quiet start: nobody walking to a noise


def test_a_plan_s_colour_key_wraps_before_its_right_edge(screen) -> None:
    # The pause map's key, with hunters, a crowd at a noise and a long objective, ran off the
    # panel and the screen ("objective: key bo").
    from hyosan.scenes.chrome import KEY_LINE_PX, _key_row

    keys = [((200, 40, 40), "horde at the start", False), ((255, 96, 72), "after you now", False),
            ((214, 140, 60), "going to a noise", False), ((250, 214, 70), "squad now", False),
            ((70, 220, 110), "way out", False), ((240, 240, 240), "objective: key box", True)]
    canvas = pygame.Surface((1000, 120))
    canvas.fill((0, 0, 0))
    lines = _key_row(canvas, 10, 10, keys, 20, right=500)
    assert lines >= 2
    lit = pygame.mask.from_threshold(canvas, (0, 0, 0), (1, 1, 1, 255))
    lit.invert()
    box = lit.get_bounding_rects()
    assert box and max(r.right for r in box) <= 500  # nothing drawn past the right edge
    assert max(r.bottom for r in box) > 10 + KEY_LINE_PX  # the rest went to the next line
    assert _key_row(canvas, 10, 10, keys, 20) == 1  # no edge given: one line, as before


def test_the_pause_map_greys_the_trail_markers_the_squad_has_reached(screen) -> None:
    # Yellow Markers, paused after the first marker: it is grey on the map, the next still yellow.
    from hyosan.render.level_plan import MARKER_REACHED_RGB, MARKER_RGB, trail_markers
    from hyosan.sim.units import TILE_PX

    def first_marker_reached(play: PlayScene) -> None:
        first = next(o for o in play.world.objectives.items if o.zone == "marker-1")
        play.world.objectives.done[first.id] = play.world.tick

    play, on_plan = paused_on_the_map(screen, "hyosan/yellow-markers", first_marker_reached)
    (x1, y1), (x2, y2) = trail_markers(play.level)[:2]
    assert tuple(screen.get_at(on_plan(x1 * TILE_PX, y1 * TILE_PX)))[:3] == MARKER_REACHED_RGB
    assert tuple(screen.get_at(on_plan(x2 * TILE_PX, y2 * TILE_PX)))[:3] == MARKER_RGB


def test_z_zooms_the_view_out_and_back_keeping_the_blood_and_the_choice(screen, tmp_path, monkeypatch) -> None:
    # Near (3x) shows 427 x 240 px round the lead; far (2x) 640 x 360, as far as a zombie sees
    # in daylight. Z flips it in play, the floor's blood stays, and the next level opens at it.
    from hyosan import settings as st

    monkeypatch.setenv("HYOSAN_CONFIG_DIR", str(tmp_path))
    stack = SceneStack(PlayScene("sandbox/first-steps", sandbox()))
    play = stack.top
    stack.update(1 / 60)
    stack.draw(screen)
    assert play.camera.scale == 3.0 and play.present.view.scale == 3.0
    play.present.view.add_decal(100.0, 120.0)
    stack.handle(key(pygame.K_z))
    stack.draw(screen)
    lead = play.world.student_pos(play.world.lead_student)
    assert play.camera.scale == 2.0 and play.present.view.scale == 2.0
    assert play.present.view.decals == [(100.0, 120.0, 1)]
    assert play.camera.view_w / play.camera.scale == 640  # world px across the view
    sx, sy = play.camera.to_screen(float(lead[0]), float(lead[1]))
    assert 0 < sx < 1280 and 0 < sy < 720  # the camera snapped to the lead at the new scale
    assert st.load(tmp_path)[0].view_zoom == 2.0
    again = PlayScene("sandbox/first-steps", sandbox())
    SceneStack(again)
    assert again.camera.scale == 2.0  # the next level opens far out
    stack.handle(key(pygame.K_z))
    assert play.camera.scale == 3.0 and st.load(tmp_path)[0].view_zoom == 3.0
    # a settings file with a zoom the game does not draw at reads as near
    (tmp_path / "settings.toml").write_text((tmp_path / "settings.toml").read_text().replace("view_zoom = 3.0", "view_zoom = 7.5"))
    assert st.load(tmp_path)[0].view_zoom == 3.0


def test_a_full_what_happened_fits_above_the_menu_on_a_night_and_on_the_campaign_finale(screen) -> None:
    """The results list RESULTS_MOMENTS turns for the worse (one of them a gap) under a night's
    three star rows and the best line, and under the campaign's closing words: none of it
    runs into the menu row."""
    from hyosan.content.discovery import resolve_level
    from hyosan.control.bots import make_bot
    from hyosan.progress import LevelBest
    from hyosan.render.ticker import Ticker
    from hyosan.scenes.screens import RESULTS_MOMENTS
    from hyosan.sim.world import World

    names = ["On-jo", "Su-hyeok", "Dae-su", "Mi-jin", "Joon-yeong"]
    history = [(30.0 + k, f"The door {k} gave way") for k in range(4)] + [(60.0 + k, f"{n} is lost") for k, n in enumerate(names)]
    ticker = Ticker(World.from_spec(resolve_level("nights/the-auditorium", [])[1], 0))
    ticker.history = history
    moments = ticker.what_happened(RESULTS_MOMENTS)
    assert None in moments and [m for m in moments if m is not None][-5:] == history[-5:]  # every friend named
    for ref in ("nights/the-auditorium", "hyosan/yellow-markers"):
        ref, spec = resolve_level(ref, None)
        world = World.from_spec(spec, 0)
        bot = make_bot("idle", 0)
        bot.reset(world)
        while world.outcome is None and world.tick < 60 * 600:
            world.step(bot.act(world))
        results = ResultsScene(ref, spec, world.outcome, world.loss_cause, world.sim_seconds, 0, result=world.result,
                               moments=moments, save=False)
        results.finale = "The campaign is over: Hyosan High is behind them." if ref.startswith("hyosan/") else ""
        results.notice = "(a notice line)"
        results.best, results.new_best = LevelBest(stars=2, score=12345, seconds=301.5), ["score"]  # the best line too
        results.draw(screen)
        assert 0 < results.moments_bottom < min(r.top for r in results.menu.rects), ref
        assert max(r.bottom for r in results.menu.rects) <= screen.get_height() - 20, ref  # and the row stays on the panel


def test_a_retry_of_a_recorded_run_is_recorded_beside_it(screen, tmp_path) -> None:
    """A playtester started a night with ``--record`` and chose Retry: the second night was
    never written. The retry records to FILE-2 (then -3...), overwriting nothing."""
    from pathlib import Path

    from hyosan.content.discovery import resolve_level
    from hyosan.control.replay import read_replay
    from hyosan.scenes.screens import RESULTS_INPUT_GRACE, next_recording

    assert next_recording(Path("/x/run.jsonl")) == Path("/x/run-2.jsonl")
    assert next_recording(Path("/x/run-2.jsonl")) == Path("/x/run-3.jsonl")
    (tmp_path / "night-2.jsonl").write_text("kept")
    assert next_recording(tmp_path / "night.jsonl") == tmp_path / "night-3.jsonl"  # past one that exists
    assert next_recording(None) is None

    ref, spec = resolve_level("hyosan/classroom-barricade", None)
    first = tmp_path / "run.jsonl"
    stack = SceneStack(PlayScene(ref, spec, record=first))

    def play_out() -> ResultsScene:
        for _ in range(60 * 60):  # nobody touches a key: the doors stay unlocked, the squad is lost
            stack.update(1 / 60)
            if isinstance(stack.top, ResultsScene):
                return stack.top
        raise AssertionError("not lost within a minute")

    play_out()
    assert read_replay(first).ticks > 0
    stack.update(RESULTS_INPUT_GRACE + 0.1)
    stack.handle(key(pygame.K_RETURN))  # Retry (the first choice after a loss)
    again = stack.top
    assert isinstance(again, PlayScene) and again.record == tmp_path / "run-2.jsonl"
    play_out()
    assert read_replay(tmp_path / "run-2.jsonl").ticks > 0 and read_replay(first).ticks > 0
    unrecorded = ResultsScene(ref, spec, "loss", "", 1.0, 0, save=False)  # a run nobody asked to record
    retry = unrecorded.menu.items[0]
    assert retry.label == "Retry" and retry.action().scene.record is None


def test_the_results_count_survivors_out_of_the_squad_the_stars_name(screen, monkeypatch) -> None:
    # Lost on Trolley Shield Run before So-ju joined: "survivors 0 / 4" sat beside "... with 4 of
    # 5 alive". Both count the whole squad, allies who join included.
    import hyosan.scenes.screens as screens_module
    from hyosan.content.discovery import resolve_level
    from hyosan.sim.objectives import LevelResult

    ref, spec = resolve_level("hyosan/trolley-shield-run", None)
    results = ResultsScene(ref, spec, "loss", "everyone-down", 140.1, 0, save=False,
                           result=LevelResult("loss", "everyone-down", 140.1, 0, 4, 17269.0, 0, 0))
    drawn: list[str] = []
    real_text = screens_module.text
    monkeypatch.setattr(screens_module, "text", lambda surf, s, *a, **k: drawn.append(s) or real_text(surf, s, *a, **k))
    results.draw(screen)
    assert "0 / 5" in drawn and "... with at least 4 of 5 alive" in results.star_lines()
    # Lost with So-ju, who joined late, still standing: "nobody made it" sat beside "survivors
    # 1 / 5" (a playtester, session 27). The level is lost with everyone who set out.
    results = ResultsScene(ref, spec, "loss", "everyone-down", 165.6, 0, save=False,
                           result=LevelResult("loss", "everyone-down", 165.6, 1, 5, 17269.0, 0, 0))
    drawn.clear()
    results.draw(screen)
    assert "Trolley Shield Run  -  everyone who set out was lost" in drawn and "nobody made it" not in " ".join(drawn)
    assert "left standing" in drawn and "1 / 5" in drawn and "survivors" not in drawn


def test_a_night_s_pause_map_names_where_they_come_from_and_counts_the_drone_s_flights(screen) -> None:
    # Paused on the Roof, a playtester could not tell which red box was the "service stair" the
    # briefing named, nor how many of the drone's three flights were left.
    from hyosan.render.level_plan import LABEL_RGB
    from hyosan.scenes.ui import font
    from hyosan.sim.units import TILE_PX

    play, on_plan = paused_on_the_map(screen, "nights/the-roof")
    # The plan's own labels name the three stairs (the spawn places' names are not written
    # again under them: test_the_pause_map_names_a_nights_spawn_places_once).
    for words in ("West stair", "East stair", "Service stair"):
        label = next(lb for lb in play.level.labels if lb.text == words)
        cx, cy = on_plan(label.at[0] * TILE_PX, label.at[1] * TILE_PX)
        w = font(16).size(words)[0]
        band = [tuple(screen.get_at((x, y)))[:3] for x in range(cx - w // 2, cx + w // 2) for y in range(cy - 8, cy + 8)]
        assert band.count(LABEL_RGB) > 20, words  # its name on the plan, at the place
    remote = next(st for st in play.world.director.stations if st.spec.id == "drone-remote")

    def column_with(uses_left: int) -> bytes:
        """The pause screen's left column, drawn with the remote at ``uses_left``."""
        remote.uses_left = uses_left
        screen.fill((0, 0, 0))
        PauseScene(play).draw(screen)
        return pygame.image.tobytes(screen.subsurface((100, 190, 360, 70)), "RGB")

    assert column_with(3) != column_with(2)  # "drone remote: 3 flights left", then 2
    assert column_with(2) == column_with(2)
    words = [line for line, _ in PauseScene(play).status_lines()]
    assert "drone remote: 2 flights left" in words
    # and how many of them are up: a quiet night's first minutes showed nothing at all
    # (second playtester, session 26)
    from hyosan.sim import commands as cmd
    from hyosan.sim.horde.horde import CHASE

    assert words[1] == "none of them here yet"  # ("0 of them here now" read as cryptic)
    world = play.world
    for _ in range(90 * 60):
        world.step(cmd.EMPTY_INPUT)
    n = world.horde.n
    assert n > 0 and PauseScene(play).status_lines()[1][0].startswith(f"{n} of them here now")
    world.horde.state_all[:n] = CHASE
    assert PauseScene(play).status_lines()[1][0] == f"{n} of them here now, {n} after you"


def test_the_pause_screen_counts_a_hold_down_too(screen) -> None:
    # The HUD's "hold 1:30" is under the pause panel while paused: the panel says it as well,
    # under the level's time left, and not once the hold is done.
    play, _ = paused_on_the_map(screen, "hyosan/classroom-barricade")
    assert play.world.objectives.current.id == "hold"

    def column() -> bytes:
        screen.fill((0, 0, 0))
        PauseScene(play).draw(screen)
        return pygame.image.tobytes(screen.subsurface((100, 215, 360, 26)), "RGB")

    holding = column()
    play.world.objectives.done["hold"] = play.world.tick
    assert column() != holding


def test_the_pause_map_names_a_nights_spawn_places_once() -> None:
    """The Roof's pause map printed "West stair" (the plan's label) over "west stair" (the
    spawner's zone), and the east and service pairs the same: a place the plan names is not
    named again; a place it does not name still is."""
    import dataclasses

    from hyosan.content.discovery import resolve_level
    from hyosan.scenes.chrome import spawner_names

    _, roof = resolve_level("nights/the-roof", None)
    assert roof.labels and spawner_names(roof) == []
    unlabelled = spawner_names(dataclasses.replace(roof, labels=()))
    assert sorted(name for name, _, _ in unlabelled) == ["east stair", "service stair", "west stair"]
    west = next(z for z in roof.zones if z.id == "west-stair")
    assert ("west stair", (west.rect[0] + west.rect[2]) / 2, west.rect[3]) in unlabelled  # under the place
    _, campaign = resolve_level("hyosan/classroom-barricade", None)
    assert spawner_names(campaign) == []  # (not a night: the pause map names no spawn places)
