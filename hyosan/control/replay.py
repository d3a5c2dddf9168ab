"""Replays: the per-tick commands of one run, written so that a wrong file can never play on.

The file is line-oriented JSON, one object per line, UTF-8, ``\\n`` line ends::

    {"type":"header","format":1,"game_version":"0.37.0","level_ref":"sandbox/first-steps",
     "level_hash":"<sha256 of the level file>","seed":3,"difficulty":"hard","ticks":"sparse","hash_every":60,
     "platform":{"python":"3.11.9","machine":"x86_64","numpy":"2.1.0","pymunk":"7.3.0"},"k":"…"}
    {"t":0,"h":"<state hash before tick 0 runs>","k":"…"}
    {"t":0,"c":[["move",1.0,0.0,"walk"]],"k":"…"}
    {"t":1,"c":[["move",1.0,0.0,"walk"],["grab"]],"k":"…"}
    {"t":60,"h":"<state hash after 60 ticks>","k":"…"}
    {"type":"end","ticks":1234,"outcome":"win","final_hash":"…","digest":"…","k":"…"}

- ``difficulty`` is the one the run was played at (``story``/``normal``/``hard``); a replay
  written before the field existed has none and plays at ``normal``, which is what it was.
- ``{"t": n, "c": [...]}`` holds the commands the world stepped with when its tick counter was
  ``n`` (``hyosan.sim.commands.encode`` form). Ticks are *sparse*: a tick with no record had no
  commands (``EMPTY_INPUT``); the header says so with ``"ticks":"sparse"``.
- ``{"t": n, "h": hash}`` is ``World.state_hash()`` when the tick counter reads ``n``, written
  for every ``n`` that is a multiple of ``hash_every`` (60), before that tick's commands.
- The end record gives the tick count, the outcome (``win``/``loss``; ``quit`` when the window
  was left before the level ended, ``timeout`` when a headless run stopped at its tick limit), the final state hash, and ``digest``: sha256 of every byte
  before the end line. A missing end record means a truncated file.
- Every line ends with ``"k"``: the CRC-32 (8 hex digits) of the line's own bytes up to the
  ``,"k":`` that precedes it, so a flipped byte names its line.

Writing follows DOOM's ``G_WriteDemoTiccmd``: every record is parsed back and compared with
what was meant to be written before the recorder moves on. The file appears atomically at
close (temp file in the same folder, flush, fsync, ``os.replace``, fsync the folder); a run
that crashes leaves the old file, or none, never half a replay.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

import numpy as np
import pymunk

from .. import __version__
from ..content.schema import DIFFICULTIES, LevelSpec
from ..sim import commands as cmd
from ..sim.world import World

FORMAT = 1
HASH_EVERY = 60  # ticks between state-hash records (one simulated second)
MAX_LINE_BYTES = 64 * 1024  # one tick's commands are a few dozen bytes; refuse absurd lines
MAX_FILE_BYTES = 512 * 1024 * 1024  # ~ days of play; bigger is not a replay we wrote
MAX_COMMANDS_PER_TICK = 32
_K_SUFFIX_LEN = len(',"k":"00000000"}')


class ReplayError(Exception):
    """A replay that cannot be written, read or trusted; the message is one line for a person."""


def platform_info() -> dict[str, str]:
    """What the determinism contract depends on besides the code: interpreter and libraries."""
    return {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "numpy": np.__version__,
        "pymunk": pymunk.version,
    }


def _line(obj: dict[str, Any]) -> bytes:
    """One record as its exact bytes, CRC appended (compact, key order as given)."""
    body = json.dumps(obj, separators=(",", ":"), allow_nan=False, ensure_ascii=True)
    crc = zlib.crc32(body[:-1].encode("ascii"))
    return f'{body[:-1]},"k":"{crc:08x}"}}\n'.encode("ascii")


def _parse_line(raw: bytes, lineno: int) -> dict[str, Any]:
    """Check a line's CRC and parse it; ReplayError names the line otherwise."""
    if len(raw) > MAX_LINE_BYTES:
        raise ReplayError(f"line {lineno} is too long ({len(raw)} bytes)")
    line = raw.rstrip(b"\n")
    if line.endswith(b"\r"):  # (a copy through an editor or git's autocrlf: the bytes are not the recorded ones)
        raise ReplayError(f"line {lineno} ends in CR LF: the file's line ends were changed since it was written "
                          "(replays use LF only); use the original file")
    if len(line) < _K_SUFFIX_LEN + 2 or not line.endswith(b'"}') or line[-_K_SUFFIX_LEN:-10] != b',"k":"':
        raise ReplayError(f"line {lineno} is damaged (no checksum)")
    prefix, crc_hex = line[:-_K_SUFFIX_LEN], line[-10:-2]
    try:
        crc = int(crc_hex.decode("ascii"), 16)
    except (UnicodeDecodeError, ValueError):
        raise ReplayError(f"line {lineno} is damaged (bad checksum field)") from None
    if zlib.crc32(prefix) != crc:
        raise ReplayError(f"line {lineno} is damaged (checksum mismatch)")
    try:
        obj = json.loads(prefix + b"}")
    except (UnicodeDecodeError, ValueError):
        raise ReplayError(f"line {lineno} is not valid JSON") from None
    if not isinstance(obj, dict):
        raise ReplayError(f"line {lineno} is not a JSON object")
    return obj


def _decode_tick(obj: dict[str, Any], lineno: int) -> cmd.TickInput:
    raw = obj.get("c")
    if not isinstance(raw, list) or not raw or len(raw) > MAX_COMMANDS_PER_TICK:
        raise ReplayError(f"line {lineno}: a tick record needs 1..{MAX_COMMANDS_PER_TICK} commands")
    try:
        return cmd.TickInput(tuple(cmd.decode(c) for c in raw))
    except (ValueError, TypeError) as exc:
        raise ReplayError(f"line {lineno}: {exc}") from None


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; os.replace is as durable as it gets there
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class ReplayRecorder:
    """Writes a replay while a run plays: call ``record`` before every ``World.step``.

    ``record(world, tick_input)`` writes the state hash when ``world.tick`` is a multiple of
    ``HASH_EVERY`` and then the tick's commands (none when the input is empty). ``close(world)``
    writes the end record and publishes the file atomically; ``abort()`` throws it away.
    """

    def __init__(self, path: Path | str, spec: LevelSpec, level_ref: str, seed: int,
                 difficulty: str = "normal") -> None:
        if difficulty not in DIFFICULTIES:
            raise ReplayError(f"cannot record at difficulty {difficulty!r} (one of {', '.join(DIFFICULTIES)})")
        self.path = Path(path)
        folder = self.path.parent if str(self.path.parent) else Path(".")
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise ReplayError(f"cannot write a replay in {folder}: {exc.strerror or exc}") from None
        self._tmp = Path(tmp)
        umask = os.umask(0o022)
        os.umask(umask)
        try:  # mkstemp makes the file private; a replay is ordinary user data (rw-r--r--)
            os.chmod(fd, 0o666 & ~umask)
        except (OSError, NotImplementedError):
            pass
        self._file: IO[bytes] | None = os.fdopen(fd, "wb")
        self._digest = hashlib.sha256()
        self._next_tick = 0
        self._write({"type": "header", "format": FORMAT, "game_version": __version__,
                     "level_ref": level_ref, "level_hash": spec.content_hash, "seed": int(seed),
                     "difficulty": difficulty, "ticks": "sparse", "hash_every": HASH_EVERY, "platform": platform_info()})

    def _write(self, obj: dict[str, Any]) -> None:
        if self._file is None:
            raise ReplayError("the replay is already closed")
        try:
            data = _line(obj)
        except ValueError as exc:  # NaN or infinity in a command: it could never play back
            raise ReplayError(f"cannot record {obj!r:.80}: {exc}") from None
        back = _parse_line(data, 0)  # read back and compare, as DOOM's demo writer does
        back.pop("k", None)
        if back != obj or ("c" in obj and _decode_tick(back, 0) != _decode_tick(obj, 0)):
            raise ReplayError(f"record does not read back as written: {obj!r:.80}")
        self._file.write(data)
        self._digest.update(data)

    def record(self, world: World, tick_input: cmd.TickInput) -> None:
        """Record the input the world is about to step with (and the hash when one is due)."""
        t = world.tick
        if t != self._next_tick:
            raise ReplayError(f"recorder expected tick {self._next_tick}, world is at tick {t}")
        if t % HASH_EVERY == 0:
            self._write({"t": t, "h": world.state_hash()})
        if tick_input.commands:
            self._write({"t": t, "c": [cmd.encode(c) for c in tick_input.commands]})
        self._next_tick = t + 1

    def close(self, world: World, unfinished: str = "quit") -> Path:
        """Write the end record and move the file into place atomically; returns the path.
        ``unfinished`` is the outcome written when the level had not ended: "quit" from the
        window, "timeout" from a headless run stopped at its tick limit (as the playtest says)."""
        if self._file is None:
            return self.path
        self._write({"type": "end", "ticks": world.tick, "outcome": world.outcome or unfinished,
                     "final_hash": world.state_hash(), "digest": self._digest.hexdigest()})
        f, self._file = self._file, None
        try:
            f.flush()
            os.fsync(f.fileno())
            f.close()
            os.replace(self._tmp, self.path)
        except OSError as exc:
            self._tmp.unlink(missing_ok=True)
            raise ReplayError(f"cannot save the replay to {self.path}: {exc.strerror or exc}") from None
        _fsync_dir(self.path.parent if str(self.path.parent) else Path("."))
        return self.path

    def abort(self) -> None:
        """Throw the partial recording away (the destination is left untouched)."""
        if self._file is not None:
            self._file.close()
            self._file = None
        self._tmp.unlink(missing_ok=True)


class HeaderFields:
    """What a replay's header says, for ``Replay`` and ``ReplaySummary`` (both hold ``header``)."""

    header: dict[str, Any]

    @property
    def level_ref(self) -> str:
        """The level it was recorded on (a pack-id/level-id or a .toml path)."""
        return str(self.header["level_ref"])

    @property
    def seed(self) -> int:
        """The world seed."""
        return int(self.header["seed"])

    @property
    def difficulty(self) -> str:
        """The difficulty it was played at (``normal`` for replays older than the field)."""
        return str(self.header.get("difficulty", "normal"))


@dataclass
class Replay(HeaderFields):
    """A replay read back and checked: header, sparse inputs, hash checkpoints, end record."""

    header: dict[str, Any]
    inputs: dict[int, cmd.TickInput] = field(default_factory=dict)
    hashes: dict[int, str] = field(default_factory=dict)
    ticks: int = 0
    outcome: str = ""
    final_hash: str = ""


    def input_at(self, tick: int) -> cmd.TickInput:
        """The commands for a tick (empty when none were recorded)."""
        return self.inputs.get(tick, cmd.EMPTY_INPUT)


def _str_field(obj: dict[str, Any], key: str, lineno: int) -> str:
    value = obj.get(key)
    if not isinstance(value, str):
        raise ReplayError(f"line {lineno}: field '{key}' is missing or not text")
    return value


def read_replay(path: Path | str) -> Replay:
    """Read and check a whole replay; raise ReplayError (one line) on anything wrong."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReplayError(f"{path}: too large to be a replay ({size} bytes)")
        data = path.read_bytes()
    except OSError as exc:
        raise ReplayError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        return parse_replay(data)
    except ReplayError as exc:
        raise ReplayError(f"{path}: {exc}") from None


@dataclass(frozen=True)
class ReplaySummary(HeaderFields):
    """What a replay's first and last lines say, without reading the commands in between."""

    header: dict[str, Any]
    ticks: int
    outcome: str



def peek_replay(path: Path | str) -> ReplaySummary:
    """The header and end record of a replay file, for a list of replays: quick (two lines),
    and ReplayError (one line) when it is plainly not one we can play (cut short, another
    format or version, no end). The full check, record by record, is ``read_replay``'s."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            first = f.readline(64 * 1024)
            f.seek(0, os.SEEK_END)
            size = f.tell()
            f.seek(max(0, size - 64 * 1024))
            tail = f.read()
    except OSError as exc:
        raise ReplayError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if not first:
        raise ReplayError(f"{path}: empty file, not a replay")
    if not tail.endswith(b"\n"):
        raise ReplayError(f"{path}: truncated (the last line is incomplete)")
    try:
        _refuse_foreign_header(first)
    except ReplayError as exc:
        raise ReplayError(f"{path}: {exc}") from None
    try:
        header = json.loads(first)
        end = json.loads(tail.rstrip(b"\n").rsplit(b"\n", 1)[-1])
    except (UnicodeDecodeError, ValueError):
        raise ReplayError(f"{path}: damaged (a line is not JSON)") from None
    if not (isinstance(header, dict) and header.get("type") == "header" and "level_ref" in header):
        raise ReplayError(f"{path}: damaged (no header)")
    if not (isinstance(end, dict) and end.get("type") == "end" and isinstance(end.get("ticks"), int)):
        raise ReplayError(f"{path}: unfinished (no end record: the game stopped while writing it)")
    return ReplaySummary(header, int(end["ticks"]), str(end.get("outcome", "")))


def _refuse_foreign_header(line: bytes) -> None:
    """Name another format or game version plainly rather than calling its header damaged."""
    try:
        obj = json.loads(line)
    except (UnicodeDecodeError, ValueError):
        return
    if isinstance(obj, dict) and obj.get("type") == "header":
        if obj.get("format") != FORMAT:
            raise ReplayError(f"replay format {obj.get('format')!r} is not supported (this game reads format {FORMAT})")
        if obj.get("game_version") != __version__:
            raise ReplayError(f"recorded with game version {obj.get('game_version')!r}; this is {__version__}, "
                              "and replays only play on the version that made them")


def parse_replay(data: bytes) -> Replay:
    """Parse replay bytes (see the module docstring); ReplayError on anything wrong."""
    if not data:
        raise ReplayError("empty file, not a replay")
    if not data.endswith(b"\n"):
        raise ReplayError("truncated (the last line is incomplete)")
    lines = data.split(b"\n")[:-1]
    digest = hashlib.sha256()
    try:
        header = _parse_line(lines[0] + b"\n", 1)
    except ReplayError:
        _refuse_foreign_header(lines[0])  # another format may not carry our checksum
        raise
    if header.get("type") != "header":
        raise ReplayError("not a Hyosan replay (no header line)")
    if header.get("format") != FORMAT:
        raise ReplayError(f"replay format {header.get('format')!r} is not supported (this game reads format {FORMAT})")
    if header.get("game_version") != __version__:
        raise ReplayError(f"recorded with game version {header.get('game_version')!r}; this is {__version__}, "
                          "and replays only play on the version that made them")
    _str_field(header, "level_ref", 1)
    _str_field(header, "level_hash", 1)
    if isinstance(header.get("seed"), bool) or not isinstance(header.get("seed"), int):
        raise ReplayError("line 1: field 'seed' is missing or not an integer")
    if header.get("difficulty", "normal") not in DIFFICULTIES:
        raise ReplayError(f"line 1: unknown difficulty {header.get('difficulty')!r} "
                          f"(one of {', '.join(DIFFICULTIES)})")
    if header.get("ticks") != "sparse" or header.get("hash_every") != HASH_EVERY:
        raise ReplayError("line 1: unknown tick layout")
    header.pop("k", None)
    replay = Replay(header)
    digest.update(lines[0] + b"\n")
    last_t = -1
    ended = False
    for i, raw in enumerate(lines[1:], start=2):
        if ended:
            raise ReplayError(f"line {i}: data after the end record")
        obj = _parse_line(raw + b"\n", i)
        if obj.get("type") == "end":
            ticks = obj.get("ticks")
            if isinstance(ticks, bool) or not isinstance(ticks, int) or ticks < last_t:
                raise ReplayError(f"line {i}: the end record's tick count is wrong")
            if obj.get("digest") != digest.hexdigest():
                raise ReplayError(f"line {i}: whole-file digest mismatch (lines were removed or altered)")
            replay.ticks = ticks
            replay.outcome = _str_field(obj, "outcome", i)
            replay.final_hash = _str_field(obj, "final_hash", i)
            ended = True
            continue
        digest.update(raw + b"\n")
        t = obj.get("t")
        if isinstance(t, bool) or not isinstance(t, int) or t < 0:
            raise ReplayError(f"line {i}: a record needs a tick number 't'")
        if "h" in obj:
            if t % HASH_EVERY or t in replay.hashes or t < last_t or t in replay.inputs:
                raise ReplayError(f"line {i}: hash record out of place (tick {t})")
            replay.hashes[t] = _str_field(obj, "h", i)
        elif "c" in obj:
            if t <= last_t and (t in replay.inputs or t < last_t):
                raise ReplayError(f"line {i}: tick {t} is out of order")
            replay.inputs[t] = _decode_tick(obj, i)
        else:
            raise ReplayError(f"line {i}: unknown record")
        last_t = t
    if not ended:
        raise ReplayError("truncated (no end record)")
    if replay.ticks and any(t >= replay.ticks for t in replay.inputs):
        raise ReplayError("a tick record lies past the end record")
    return replay


class InputSource(Protocol):
    """Where a play scene gets its commands: the keyboard (``HumanInput``) or a replay."""

    def on_event(self, event: Any, to_world: Any) -> None:
        """See one window event (keys, mouse)."""

    def tick_input(self) -> cmd.TickInput:
        """The commands for the next tick."""


class ReplayInput:
    """An input source that plays a replay's commands back, one tick per call."""

    def __init__(self, replay: Replay) -> None:
        self.replay = replay
        self.tick = 0

    @property
    def finished(self) -> bool:
        """True once every recorded tick has been handed out."""
        return self.tick >= self.replay.ticks

    def on_event(self, event: object, to_world: object) -> None:
        """Keys do nothing to a replay (pause is handled by the scene)."""

    def tick_input(self) -> cmd.TickInput:
        """The next tick's commands."""
        out = self.replay.input_at(self.tick)
        self.tick += 1
        return out
