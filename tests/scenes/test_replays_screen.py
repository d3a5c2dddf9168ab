"""The replays screen: kept runs newest first, watched back from the menu; broken files say why."""

from __future__ import annotations

import os
from pathlib import Path

import pygame

from hyosan.playtest.runner import run_level
from hyosan.progress import data_dir
from hyosan.scenes.replays import ReplaysScene, replay_files
from hyosan.scenes.screens import PlayScene, TitleScene
from hyosan.scenes.stack import SceneStack
from tests.helpers import sandbox


def key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="")


def record(path: Path, seed: int, ticks: int) -> None:
    from hyosan.control.bots import make_bot

    run_level("sandbox/first-steps", sandbox(), make_bot("greedy", seed), "greedy", seed, ticks, record=path)


def test_kept_replays_are_listed_newest_first_and_can_be_watched(screen) -> None:
    folder = data_dir() / "replays"
    folder.mkdir(parents=True)
    assert [i.label for i in TitleScene().menu.items] == ["Play", "Practice", "Hyosan Nights", "Settings", "Quit"]  # none kept: no entry
    record(folder / "old.jsonl", 1, 200)
    record(folder / "new.jsonl", 2, 1200)
    os.utime(folder / "old.jsonl", (1_700_000_000, 1_700_000_000))
    (folder / "cut.jsonl").write_text((folder / "new.jsonl").read_text()[:300])  # cut short
    os.utime(folder / "cut.jsonl", (1_600_000_000, 1_600_000_000))
    assert [p.name for p in replay_files()] == ["new.jsonl", "old.jsonl", "cut.jsonl"]
    title = TitleScene()
    assert [i.label for i in title.menu.items] == ["Play", "Practice", "Hyosan Nights", "Replays", "Settings", "Quit"]
    stack = SceneStack(title)
    for _ in range(3):
        stack.handle(key(pygame.K_DOWN))  # past Practice and Hyosan Nights
    stack.handle(key(pygame.K_RETURN))
    scene = stack.top
    assert isinstance(scene, ReplaysScene)
    scene.draw(screen)
    labels = [i.label for i in scene.menu.items]
    assert labels[0].startswith("First Steps  -  escaped at") and "normal" in labels[0]
    assert labels[1].startswith("First Steps  -  ") and "3.3 s" in labels[1]  # 200 ticks, cut off by --ticks
    assert labels[2].startswith("cut.jsonl: truncated") and not scene.menu.items[2].enabled
    assert labels[-1] == "Back" and scene.menu.index == 0
    stack.handle(key(pygame.K_RETURN))  # watch the newest
    watch = stack.top
    assert isinstance(watch, PlayScene) and watch.source is not None and watch.seed == 2
    for _ in range(5):
        stack.update(1 / 60)
    assert watch.world is not None and watch.world.tick > 0


def test_an_empty_folder_says_how_to_get_replays(screen) -> None:
    scene = ReplaysScene(folder=data_dir() / "nowhere")
    scene.draw(screen)
    assert [i.label for i in scene.menu.items] == ["Back"]
    assert scene.handle(key(pygame.K_ESCAPE)) is not None


def test_a_tampered_replay_is_listed_but_refused_in_one_line_when_chosen(screen) -> None:
    folder = data_dir() / "replays"
    folder.mkdir(parents=True)
    record(folder / "run.jsonl", 4, 300)
    raw = bytearray((folder / "run.jsonl").read_bytes())
    middle = raw.index(b'"move"', len(raw) // 2)
    raw[middle + 1:middle + 5] = b"MOVE"  # one command changed: the record's check fails
    (folder / "run.jsonl").write_bytes(bytes(raw))
    scene = ReplaysScene()
    assert scene.menu.items[0].enabled  # its first and last lines look fine
    assert scene.handle(key(pygame.K_RETURN)) is None  # but it is read whole when chosen
    assert scene.error and "\n" not in scene.error
    scene.draw(screen)


def test_a_watched_replay_plays_faster_or_slower_with_left_and_right(screen, tmp_path: Path) -> None:
    """Right steps a watched replay up to x8, Left down to x1/4 (a frame of 1/60 s then runs 8
    ticks, or one every fourth frame), the tag at the foot says so; the same replay, re-watched,
    ends on the same tick and hash at any rate. In play Right is a move, not a rate."""
    from hyosan.control.replay import ReplayInput, read_replay

    path = tmp_path / "run.jsonl"
    record(path, 3, 900)
    replay = read_replay(path)

    def watch() -> PlayScene:
        scene = PlayScene("sandbox/first-steps", sandbox(), replay.seed, source=ReplayInput(read_replay(path)))
        scene.enter()
        return scene

    scene = watch()
    assert scene.playback == 1.0 and "x1 " in scene.replay_tag()
    for _ in range(5):  # past the top: stays at x8
        scene.handle(key(pygame.K_RIGHT))
    assert scene.playback == 8.0
    before = scene.world.tick
    scene.update(1 / 60)
    assert scene.world.tick - before == 8
    scene.draw(screen)
    assert scene.replay_tag().startswith("REPLAY  x8")
    while scene.world is not None and scene.world.outcome is None and not scene.source.finished:
        scene.update(1 / 60)
    fast_end = (scene.world.tick, scene.world.state_hash())

    slow = watch()
    for _ in range(9):
        slow.handle(key(pygame.K_LEFT))
    assert slow.playback == 0.25 and "x1/4" in slow.replay_tag()
    ticks = []
    for _ in range(8):
        slow.update(1 / 60)
        ticks.append(slow.world.tick)
    assert ticks[-1] == 2, ticks  # one tick every fourth frame
    normal = watch()
    while normal.world.outcome is None and not normal.source.finished:
        normal.update(1 / 60)
    assert (normal.world.tick, normal.world.state_hash()) == fast_end

    play = PlayScene("sandbox/first-steps", sandbox(), 0)
    play.enter()
    play.handle(key(pygame.K_RIGHT))
    assert play.playback == 1.0 and not play.watching


def test_a_watched_replay_ends_on_results_that_offer_it_again_not_the_next_level(screen, tmp_path: Path) -> None:
    """The results after a replay: Watch again (at the rate it was watched), Play it, Level
    select, Title; a watched win does not offer the next level (a played one does)."""
    from hyosan.content.discovery import resolve_level
    from hyosan.control.replay import ReplayInput, read_replay
    from hyosan.scenes.screens import ResultsScene

    path = tmp_path / "run.jsonl"
    record(path, 2, 1200)
    watch = PlayScene("sandbox/first-steps", sandbox(), 2, source=ReplayInput(read_replay(path)))
    stack = SceneStack(watch)
    for _ in range(3):
        watch.handle(key(pygame.K_RIGHT))  # x8
    for _ in range(800):
        stack.update(1 / 60)
        if isinstance(stack.top, ResultsScene):
            break
    results = stack.top
    assert isinstance(results, ResultsScene) and results.outcome == "win"
    assert [i.label for i in results.menu.items] == ["Watch again", "Play it", "Level select", "Title"]
    from hyosan.scenes.screens import RESULTS_INPUT_GRACE

    for _ in range(round(RESULTS_INPUT_GRACE * 60) + 1):
        stack.update(1 / 60)  # past the input grace
    stack.handle(key(pygame.K_RETURN))
    again = stack.top
    assert isinstance(again, PlayScene) and again.watching and again.playback == 8.0
    stack.update(1 / 60)
    assert again.world is not None and again.world.tick == 8  # at x8 from its first frame

    ref, spec = resolve_level("hyosan/classroom-barricade", [])
    played = ResultsScene(ref, spec, "win", "", 120.0, 0, save=False)
    watched = ResultsScene(ref, spec, "win", "", 120.0, 0, save=False, rewatch=lambda: watch)
    assert played.menu.items[0].label == "Next level"
    assert "Next level" not in [i.label for i in watched.menu.items]


def test_what_happened_is_the_same_at_every_replay_speed(screen, tmp_path: Path) -> None:
    """'Seen - they are coming' was polled once a drawn frame: a playtester's Storm replay
    listed it in one viewing and not in another. The chase is now watched tick by tick."""
    from hyosan.content.discovery import resolve_level
    from hyosan.control.bots import make_bot
    from hyosan.control.replay import ReplayInput, read_replay
    from hyosan.render.ticker import SEEN
    from hyosan.scenes.screens import ResultsScene

    ref, spec = resolve_level("hyosan/classroom-barricade", [])
    path = tmp_path / "idle.jsonl"
    # the hall's crowd comes in at 16 s; on seed 1 (0.35.0's streams) its "Seen" is one of the
    # results' lines (on seeds 0, 2 and 3 the doors and the losses fill them)
    run_level(ref, spec, make_bot("idle", 1), "idle", 1, record=path)

    def watched(steps_right: int, frame: float) -> list:
        play = PlayScene(ref, spec, 1, source=ReplayInput(read_replay(path)))
        stack = SceneStack(play)
        for _ in range(steps_right):
            play.handle(key(pygame.K_RIGHT))
        while not isinstance(stack.top, ResultsScene):
            stack.update(frame)
        return stack.top.moments

    at_x1 = watched(0, 1 / 60)
    assert SEEN in [m[1] for m in at_x1 if m is not None]
    assert watched(3, 1 / 60) == at_x1  # x8: eight ticks a frame
    assert watched(0, 1 / 23) == at_x1  # a slow machine's frames (MAX_FRAME_SECONDS caps one frame)


def test_a_won_level_says_how_it_was_won(screen, tmp_path: Path) -> None:
    """Played by hand, the Classroom's win listed only the radio and a music-room door across
    the hall under "What happened", and not the drone or the PA the run turned on: a win lists
    each objective as it was done, with what gave way and who was lost between them."""
    from hyosan.content.discovery import resolve_level
    from hyosan.control.bots import make_bot
    from hyosan.control.replay import ReplayInput, read_replay
    from hyosan.scenes.screens import ResultsScene

    ref, spec = resolve_level("hyosan/classroom-barricade", [])
    path = tmp_path / "solver.jsonl"
    run_level(ref, spec, make_bot("solver", 0), "solver", 0, record=path)
    play = PlayScene(ref, spec, 0, source=ReplayInput(read_replay(path)))
    stack = SceneStack(play)
    for _ in range(3):
        play.handle(key(pygame.K_RIGHT))  # x8
    while not isinstance(stack.top, ResultsScene):
        stack.update(1 / 60)
    results = stack.top
    assert results.outcome == "win"
    words = [text for _, text in (m for m in results.moments if m is not None)]
    # every objective, in order, by what was done (not "The drone found you" for the intercom)
    assert [w for w in words if not w.endswith((" gave way", " was pushed open", " is lost", " turned"))] == [
        "Hold until the drone finds you", "Use the intercom to fire the PA",
        "Unbar the back door and cross to the east stairwell before the PA stops"]
    times = [m[0] for m in results.moments if m is not None]
    assert times == sorted(times) and times[-1] <= results.seconds
    stack.draw(screen)  # the long objective lines fit the panel, above the menu row
    assert 0 < results.moments_bottom < min(r.top for r in results.menu.rects)
