"""The player's settings: a small versioned TOML file in the user's config folder.

Written atomically (temp file in the same folder, flush, fsync, ``os.replace``, fsync the
folder), so a kill at any instant leaves the old file or the new one. A file that cannot be
read is renamed aside to ``settings.toml.corrupt``, defaults are used, and ``load`` returns a
message for the game to show once. ``HYOSAN_CONFIG_DIR`` overrides the folder (tests).
No pygame here: key bindings are stored as key names and pad bindings as SDL controller button
names ("a", "rightshoulder", "lefttrigger"); the control layer turns them into codes.
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

VERSION = 1
FILE_NAME = "settings.toml"
DIFFICULTIES = ("story", "normal", "hard")  # the levels' own names (content.schema.DIFFICULTIES)
WINDOW_SCALES = (1.0, 1.25, 1.5, 2.0)
# Play's view: screen px per world px. Near (3x) is the game's look; far (2x) sees half as far
# again each way (a 1280x720 window shows 320 x 180 px round the lead, not 213 x 120), as far as
# a zombie sees in daylight: the woods at dawn and the yard in the storm are fairer from there.
VIEW_ZOOMS = (3.0, 2.0)

DEFAULT_BINDINGS: dict[str, list[str]] = {
    "up": ["w", "up"], "down": ["s", "down"], "left": ["a", "left"], "right": ["d", "right"],
    "sprint": ["left shift", "right shift"], "sneak": ["left ctrl", "right ctrl"], "melee": ["space"],
    "shove": ["r"], "interact": ["e"], "throw": ["q"], "switch": ["tab"], "follow": ["f"],
    "friend": ["g"], "torch": ["t"], "special": ["c"], "pause": ["escape", "p"], "zoom": ["z"],
}
# The pad moves with the left stick (or d-pad) and aims throws with the right stick; these are
# its buttons. "lefttrigger"/"righttrigger" are the analogue triggers pressed past half way.
DEFAULT_PAD_BINDINGS: dict[str, list[str]] = {
    "sprint": ["lefttrigger"], "sneak": ["leftshoulder"], "melee": ["x"], "shove": ["b"],
    "interact": ["a"], "throw": ["righttrigger"], "switch": ["y"], "follow": ["rightshoulder"],
    "torch": ["leftstick"], "special": ["rightstick"], "pause": ["start"], "zoom": ["back"],
}


@dataclass
class Settings:
    """Every setting, with its default. Volumes are 0..1."""

    master_volume: float = 0.8
    music_volume: float = 0.6
    effects_volume: float = 0.8
    voice_volume: float = 0.8
    fullscreen: bool = False
    window_scale: float = 1.0
    screen_shake: bool = True
    flash_reduction: bool = False
    captions: bool = True
    objective_arrow: bool = True  # the edge arrow toward the current objective's place
    view_zoom: float = 3.0  # one of VIEW_ZOOMS; Z (the pad's Back) flips it in play
    difficulty: str = "normal"
    record_replays: bool = True
    bindings: dict[str, list[str]] = field(default_factory=lambda: {k: list(v) for k, v in DEFAULT_BINDINGS.items()})
    pad_bindings: dict[str, list[str]] = field(
        default_factory=lambda: {k: list(v) for k, v in DEFAULT_PAD_BINDINGS.items()})


def config_dir() -> Path:
    """The folder settings live in: ``HYOSAN_CONFIG_DIR`` or the platform's user config folder."""
    override = os.environ.get("HYOSAN_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir("hyosan"))


def _toml_value(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(float(v)) if isinstance(v, float) else str(v)
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} to settings")


TABLES = ("bindings", "pad_bindings")  # written as TOML tables after the flat keys


def to_toml(s: Settings) -> str:
    """The settings as TOML: flat keys, then a [bindings] table."""
    lines = ["# Hyosan settings. Edit while the game is closed; a broken file is set aside.", f"version = {VERSION}"]
    for f in fields(s):
        if f.name not in TABLES:
            lines.append(f"{f.name} = {_toml_value(getattr(s, f.name))}")
    for table in TABLES:
        lines.append("")
        lines.append(f"[{table}]")
        for action, keys in getattr(s, table).items():
            lines.append(f"{_toml_value(action)} = {_toml_value(keys)}")
    return "\n".join(lines) + "\n"


def from_dict(data: dict) -> Settings:
    """Settings from parsed TOML; unknown keys are ignored, wrong types raise ValueError."""
    if data.get("version") != VERSION:
        raise ValueError(f"unsupported settings version {data.get('version')!r}")
    s = Settings()
    for f in fields(s):
        if f.name in TABLES or f.name not in data:
            continue
        default = getattr(s, f.name)
        value = data[f.name]
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise ValueError(f"{f.name} must be true or false")
        elif isinstance(default, float):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"{f.name} must be a number")
            value = float(value)
        elif isinstance(default, str) and not isinstance(value, str):
            raise ValueError(f"{f.name} must be a string")
        setattr(s, f.name, value)
    for name in ("master_volume", "music_volume", "effects_volume", "voice_volume"):
        setattr(s, name, min(1.0, max(0.0, getattr(s, name))))
    if s.difficulty == "easy":  # what early builds called "story"
        s.difficulty = "story"
    if s.difficulty not in DIFFICULTIES:
        s.difficulty = "normal"
    s.window_scale = min(3.0, max(0.5, s.window_scale))
    if s.view_zoom not in VIEW_ZOOMS:
        s.view_zoom = VIEW_ZOOMS[0]
    for table in TABLES:
        bindings = data.get(table, {})
        if not isinstance(bindings, dict):
            raise ValueError(f"[{table}] must be a table")
        mine = getattr(s, table)
        for action, keys in bindings.items():
            if action in mine and isinstance(keys, list) and all(isinstance(k, str) for k in keys):
                mine[action] = list(keys)
        # An action added since the file was written (G, one friend's order) comes with its
        # default keys, less any the player gave another action: a throw moved to G stays the
        # one thing G does, and the new action waits, unbound, for the settings screen.
        for action in mine:
            if bindings and action not in bindings:
                taken = {k for other, ks in mine.items() if other != action and other in bindings for k in ks}
                mine[action] = [k for k in mine[action] if k not in taken]
    return s


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable (POSIX)
        dfd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def save(s: Settings, folder: Path | None = None) -> Path:
    """Write the settings file atomically; returns its path."""
    path = (folder or config_dir()) / FILE_NAME
    atomic_write(path, to_toml(s))
    return path


def load(folder: Path | None = None) -> tuple[Settings, str]:
    """Read the settings; returns (settings, message). The message is "" unless something
    went wrong that the player should hear about once (a corrupt file set aside)."""
    folder = folder or config_dir()
    path = folder / FILE_NAME
    if not path.exists():
        s = Settings()
        try:
            save(s, folder)  # written on first start, so the player can find and edit it
        except OSError as exc:
            return s, f"Settings could not be saved ({exc.strerror}); using defaults."
        return s, ""
    try:
        with open(path, "rb") as f:
            return from_dict(tomllib.load(f)), ""
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, TypeError) as exc:
        aside = path.with_name(FILE_NAME + ".corrupt")
        try:
            os.replace(path, aside)
            save(Settings(), folder)
        except OSError:
            pass
        reason = str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__
        return Settings(), f"Settings file was unreadable ({reason}); kept it as {aside.name} and used defaults."
