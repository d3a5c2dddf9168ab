"""The player's progress: per level, the best stars, best score and best winning time.

``progress.toml`` in the user data folder (``platformdirs.user_data_dir("hyosan")``, or
``HYOSAN_DATA_DIR``), written atomically like the settings (temp file in the same folder,
flush, fsync, ``os.replace``). A file that cannot be read is renamed aside to
``progress.toml.corrupt``, treated as empty, and ``load`` returns one message to show.
No pygame here.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .settings import _toml_value, atomic_write

VERSION = 1
FILE_NAME = "progress.toml"


@dataclass(frozen=True, slots=True)
class LevelBest:
    """The best a player has done on one level (time only counts wins, or on an endless level
    is the longest it held out; 0 = none yet)."""

    stars: int = 0
    score: int = 0
    seconds: float = 0.0


def data_dir() -> Path:
    """``HYOSAN_DATA_DIR`` or the platform's user data folder."""
    override = os.environ.get("HYOSAN_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("hyosan", appauthor=False))


def progress_path() -> Path:
    """Where the progress file lives."""
    return data_dir() / FILE_NAME


def to_toml(best: dict[str, LevelBest]) -> str:
    """One table per level ref, sorted, so the file diffs cleanly."""
    lines = ["# Hyosan progress: best stars, score and time per level. A broken file is set aside.",
             f"version = {VERSION}"]
    for ref in sorted(best):
        b = best[ref]
        lines += ["", f"[levels.{_toml_value(ref)}]", f"stars = {b.stars}", f"score = {b.score}",
                  f"seconds = {_toml_value(float(b.seconds))}"]
    return "\n".join(lines) + "\n"


def from_dict(data: dict) -> dict[str, LevelBest]:
    """Progress from parsed TOML; anything malformed raises ValueError."""
    if data.get("version") != VERSION:
        raise ValueError(f"unsupported progress version {data.get('version')!r}")
    levels = data.get("levels", {})
    if not isinstance(levels, dict):
        raise ValueError("[levels] must be a table")
    out: dict[str, LevelBest] = {}
    for ref, row in levels.items():
        if not isinstance(row, dict):
            raise ValueError(f"levels.{ref} must be a table")
        stars, score, seconds = row.get("stars", 0), row.get("score", 0), row.get("seconds", 0.0)
        if not (isinstance(stars, int) and isinstance(score, int) and isinstance(seconds, (int, float))) \
                or isinstance(stars, bool) or isinstance(score, bool) or not 0 <= stars <= 3:
            raise ValueError(f"levels.{ref}: stars 0-3, score and seconds numbers")
        out[ref] = LevelBest(stars, score, float(seconds))
    return out


def load(path: Path | None = None) -> tuple[dict[str, LevelBest], str]:
    """The saved progress and a message ('' unless a broken file was set aside)."""
    path = path or progress_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, ""
    except OSError as exc:
        return {}, f"Could not read progress ({exc.strerror}); starting fresh."
    try:
        return from_dict(tomllib.loads(raw.decode("utf-8"))), ""
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError) as exc:
        aside = path.with_name(path.name + ".corrupt")
        try:
            os.replace(path, aside)
        except OSError:
            pass
        return {}, f"Progress file was unreadable ({exc}); set aside as {aside.name}."


def merge(old: LevelBest | None, stars: int, score: int, seconds: float, won: bool,
          longest: bool = False) -> LevelBest:
    """The better of a saved best and a new result, field by field (time: the fastest win; with
    ``longest``, an endless level, the longest run however it ended)."""
    old = old or LevelBest()
    best_time = old.seconds
    if longest:
        best_time = max(best_time, round(seconds, 2))
    elif won and (best_time <= 0.0 or seconds < best_time):
        best_time = round(seconds, 2)
    return LevelBest(max(old.stars, stars), max(old.score, score), best_time)


def record(ref: str, stars: int, score: int, seconds: float, won: bool, path: Path | None = None,
           longest: bool = False) -> tuple[LevelBest, str]:
    """Fold one result into the saved progress and write it (``longest``: see ``merge``);
    returns the level's best and any message."""
    path = path or progress_path()
    best, message = load(path)
    best[ref] = merge(best.get(ref), stars, score, seconds, won, longest)
    try:
        atomic_write(path, to_toml(best))
    except OSError as exc:
        message = message or f"Could not save progress ({exc.strerror})."
    return best[ref], message
