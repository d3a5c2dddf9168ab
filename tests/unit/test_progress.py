"""Progress: atomic, merged per level, a broken file set aside with one message."""

from __future__ import annotations

import os
from pathlib import Path

from hyosan import progress


def test_data_dir_is_overridden_in_tests() -> None:
    assert os.environ.get("HYOSAN_DATA_DIR")
    assert progress.progress_path().parent == Path(os.environ["HYOSAN_DATA_DIR"])


def test_record_keeps_the_best_of_each_field(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    best, msg = progress.record("hyosan/classroom-barricade", 2, 3000, 120.0, True, path)
    assert msg == "" and best == progress.LevelBest(2, 3000, 120.0)
    best, _ = progress.record("hyosan/classroom-barricade", 1, 4000, 150.0, True, path)
    assert best == progress.LevelBest(2, 4000, 120.0)
    best, _ = progress.record("hyosan/classroom-barricade", 0, 0, 30.0, False, path)  # a loss: no time
    assert best == progress.LevelBest(2, 4000, 120.0)
    progress.record("sandbox/first-steps", 0, 0, 10.0, False, path)
    loaded, msg = progress.load(path)
    assert msg == "" and loaded["hyosan/classroom-barricade"] == best
    assert loaded["sandbox/first-steps"] == progress.LevelBest(0, 0, 0.0)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no temp file left behind


def test_a_corrupt_file_is_set_aside_once(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    path.write_text("version = 1\n[levels.x\nstars = ", encoding="utf-8")
    loaded, msg = progress.load(path)
    assert loaded == {} and "set aside" in msg
    assert (tmp_path / "progress.toml.corrupt").exists() and not path.exists()
    assert progress.load(path) == ({}, "")  # the second time there is nothing to complain about
    path.write_text('version = 1\n[levels."a/b"]\nstars = 9\n', encoding="utf-8")  # well-formed, wrong values
    loaded, msg = progress.load(path)
    assert loaded == {} and msg
