"""Replays made in the window keep their difficulty: recorded at hard, they verify and play back at hard."""

from __future__ import annotations

from pathlib import Path

import pytest

from hyosan import settings as st
from hyosan.content.loader import load_level
from hyosan.control.replay import read_replay
from hyosan.playtest.verify import verify_replay
from hyosan.scenes.screens import KEEP_REPLAYS, PlayScene, ResultsScene, first_scene
from hyosan.scenes.stack import Quit, SceneStack
from tests.helpers import ROOT

CLASSROOM = ROOT / "levels" / "hyosan" / "classroom-barricade.toml"


@pytest.fixture()
def data(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("HYOSAN_DATA_DIR", str(folder))
    return folder


def _play(stack: SceneStack, ticks: int) -> PlayScene:
    for _ in range(ticks):
        stack.update(1 / 60)
    play = stack.top
    assert isinstance(play, PlayScene)
    return play


def test_play_record_at_hard_then_verify_and_watch_at_hard(screen, tmp_path: Path, data: Path) -> None:
    st.save(st.Settings(difficulty="hard", record_replays=False))
    out = tmp_path / "hard.jsonl"
    stack = SceneStack(first_scene("hyosan/classroom-barricade", [], 5, record=out))
    play = _play(stack, 130)
    assert play.difficulty == "hard" and play.world.difficulty == "hard"
    recorded = play.world.state_hash()
    stack.apply(Quit())
    replay = read_replay(out)
    assert replay.difficulty == "hard" and replay.final_hash == recorded
    assert verify_replay(replay, load_level(CLASSROOM)).ok
    st.save(st.Settings(difficulty="story"))  # the watcher's own setting must not matter
    watch = SceneStack(first_scene(replay.level_ref, [], replay.seed, replay=replay))
    play = _play(watch, 1)
    assert play.difficulty == "hard" and play.recorder is None  # watching records nothing
    world = play.world
    for _ in range(replay.ticks + 5):
        if world.tick >= replay.ticks:
            break
        watch.update(1 / 60)
    assert world.tick == replay.ticks and world.state_hash() == recorded
    watch.update(1 / 60)
    assert isinstance(watch.top, ResultsScene) and watch.top.difficulty == "hard"  # Retry plays at hard too
    assert not (data / "replays").exists()


def test_the_record_replays_setting_writes_a_replay_of_every_run(screen, data: Path) -> None:
    st.save(st.Settings(difficulty="story", record_replays=True))
    stack = SceneStack(first_scene("hyosan/classroom-barricade", [], 2))
    play = _play(stack, 70)
    recorded = play.world.state_hash()
    stack.apply(Quit())
    files = sorted((data / "replays").glob("*.jsonl"))
    assert len(files) == 1 and files[0].name.startswith("hyosan-classroom-barricade-")
    replay = read_replay(files[0])
    assert replay.difficulty == "story" and replay.ticks >= 60 and replay.final_hash == recorded
    assert verify_replay(replay, load_level(CLASSROOM)).ok
    # the folder keeps the newest KEEP_REPLAYS; switched off, nothing more is written
    for k in range(KEEP_REPLAYS + 3):
        (data / "replays" / f"old-{k:02d}.jsonl").write_text("x")
    stack = SceneStack(first_scene("hyosan/classroom-barricade", [], 2))
    _play(stack, 3)
    stack.apply(Quit())
    assert len(list((data / "replays").glob("*.jsonl"))) == KEEP_REPLAYS
    st.save(st.Settings(record_replays=False))
    before = set((data / "replays").iterdir())
    stack = SceneStack(first_scene("hyosan/classroom-barricade", [], 2))
    _play(stack, 3)
    stack.apply(Quit())
    assert set((data / "replays").iterdir()) == before


def test_a_crash_s_unfinished_recording_is_swept_after_a_day(data: Path) -> None:
    """A kill mid-level leaves the recording in a hidden temp file (the replay it would have
    become is never written): the next recording sweeps such files once they are a day old, and
    leaves a fresh one (another game, recording now) and every finished replay alone."""
    import os
    import time

    from hyosan.scenes.screens import STALE_RECORDING_SECONDS, auto_replay_path

    folder = data / "replays"
    folder.mkdir(parents=True)
    crashed = folder / ".hyosan-storm-crossing-20261204-101010.jsonl.tc_0mk9a.tmp"
    running = folder / ".hyosan-storm-crossing-20261205-101010.jsonl.x81kd0.tmp"
    kept = folder / "hyosan-storm-crossing-20261203-101010.jsonl"
    for path in (crashed, running, kept):
        path.write_text("{}\n")
    old = time.time() - STALE_RECORDING_SECONDS - 60
    os.utime(crashed, (old, old))
    os.utime(kept, (old, old))
    path = auto_replay_path("hyosan/storm-crossing")
    assert path is not None and path.parent == folder
    assert not crashed.exists() and running.exists() and kept.exists()
