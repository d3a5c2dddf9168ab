"""Read packs and level files: strict, bounded, and every failure a ``LevelError``.

The loader only parses (``tomllib``); it never evaluates anything from a pack.
"""

from __future__ import annotations

import difflib
import hashlib
import math
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import LevelError, Problem
from .schema import (
    DEFAULT_LEGEND,
    FORMAT_VERSION,
    HINGE_SIDES,
    TILE_KINDS,
    DoorSpec,
    LevelSpec,
    MapSpec,
    PackSpec,
    PropSpec,
    StudentSpec,
    ZombieGroupSpec,
)

MAX_FILE_BYTES = 1_000_000
MAX_MAP_TILES = 400  # per side
MAX_STRING = 4_000
MAX_ITEMS = 2_000  # props, doors, groups... per level
MAX_ZOMBIES_PER_GROUP = 5_000
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
PROP_TYPES = ("desk", "teacher-desk", "locker", "chair")
BREEDS = ("walker", "runner", "brute", "halfbie")


class _Reader:
    """Walks one parsed TOML table, recording problems with the file and line of each key."""

    def __init__(self, file: str, text: str, problems: list[Problem]) -> None:
        self.file = file
        self.lines = text.splitlines()
        self.problems = problems

    def line_of(self, key: str) -> tuple[int | None, int | None]:
        """Best-effort line:col of a key's first definition (for schema errors)."""
        pattern = re.compile(rf"^\s*(\[+\s*)?[\"']?{re.escape(key)}[\"']?\s*(=|\])")
        for number, line in enumerate(self.lines, 1):
            m = pattern.match(line)
            if m:
                return number, line.index(key) + 1
        return None, None

    def problem(self, code: str, path: str, message: str) -> None:
        """Record a problem located at the last key of ``path``."""
        key = re.split(r"[.\[]", path.rstrip("]"))[-1] if path else ""
        line, col = self.line_of(key) if key and not key.isdigit() else (None, None)
        self.problems.append(Problem(code, self.file, message, line, col, path or None))

    def check_keys(self, table: dict[str, Any], path: str, required: set[str], optional: set[str]) -> None:
        """Unknown keys are errors with a "did you mean"; missing required keys too."""
        allowed = sorted(required | optional)
        for key in sorted(table):
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else f"; allowed keys: {', '.join(allowed)}"
                self.problem("unknown-key", _join(path, key), f"unknown key '{key}'{hint}")
        for key in sorted(required - set(table)):
            self.problem("missing-key", _join(path, key), f"missing required key '{key}'")

    def get(self, table: dict[str, Any], path: str, key: str, kind: str, default: Any = None,
            lo: float | None = None, hi: float | None = None) -> Any:
        """Fetch ``table[key]`` checked as ``kind`` ("str", "int", "float", "bool", "id")."""
        if key not in table:
            return default
        value = table[key]
        where = _join(path, key)
        checker = _CHECKS[kind]
        message = checker(value)
        if message:
            self.problem("wrong-type", where, f"'{key}' {message}, got {_describe(value)}")
            return default
        if kind in ("int", "float"):
            if not math.isfinite(value):
                self.problem("not-finite", where, f"'{key}' must be a finite number, got {value}")
                return default
            if (lo is not None and value < lo) or (hi is not None and value > hi):
                self.problem("out-of-range", where, f"'{key}' must be between {lo} and {hi}, got {value}")
                return default
        if kind == "str" and len(value) > MAX_STRING:
            self.problem("too-long", where, f"'{key}' is longer than {MAX_STRING} characters")
            return default
        return value


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _describe(value: Any) -> str:
    return f"{type(value).__name__} {value!r}"[:80]


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


_CHECKS: dict[str, Callable[[Any], str | None]] = {
    "str": lambda v: None if isinstance(v, str) else "must be a string",
    "id": lambda v: None if isinstance(v, str) and ID_PATTERN.match(v)
    else "must be an id (lowercase letters, digits, '-' or '_', at most 64)",
    "int": lambda v: None if isinstance(v, int) and not isinstance(v, bool) else "must be a whole number",
    "float": lambda v: None if _is_number(v) else "must be a number",
    "bool": lambda v: None if isinstance(v, bool) else "must be true or false",
}


def _parse_toml(path: Path, data: bytes, problems: list[Problem]) -> tuple[dict[str, Any], str] | None:
    """Decode and parse, turning every failure into a problem."""
    name = str(path)
    if len(data) > MAX_FILE_BYTES:
        problems.append(Problem("too-large", name, f"file is {len(data)} bytes; the limit is {MAX_FILE_BYTES}"))
        return None
    if not data.strip():
        problems.append(Problem("empty", name, "file is empty", 1, 1))
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append(Problem("bom", name, "file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM", 1, 1))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(Problem("encoding", name, "file is not valid UTF-8; save it as UTF-8", line, 1))
        return None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, col = (int(m.group(1)), int(m.group(2))) if m else (None, None)
        msg = re.sub(r"\s*\(at line .*\)$", "", str(exc))
        problems.append(Problem("syntax", name, f"TOML syntax error: {msg}", line, col))
        return None


def _pair(reader: _Reader, table: dict[str, Any], path: str, key: str, size: int = 2) -> tuple[float, ...] | None:
    value = table.get(key)
    where = _join(path, key)
    if not isinstance(value, list) or len(value) != size or not all(_is_number(v) for v in value):
        reader.problem("wrong-type", where, f"'{key}' must be a list of {size} numbers, got {_describe(value)}")
        return None
    if not all(math.isfinite(v) and abs(v) <= MAX_MAP_TILES for v in value):
        reader.problem("out-of-range", where, f"'{key}' must be finite and within the map, got {value}")
        return None
    return tuple(float(v) for v in value)


def _items(reader: _Reader, doc: dict[str, Any], key: str) -> list[tuple[str, dict[str, Any]]]:
    value = doc.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        reader.problem("wrong-type", key, f"'{key}' must be an array of tables ([[{key}]])")
        return []
    if len(value) > MAX_ITEMS:
        reader.problem("too-many", key, f"at most {MAX_ITEMS} [[{key}]] entries, got {len(value)}")
        return []
    return [(f"{key}[{i}]", v) for i, v in enumerate(value)]


def _read_map(reader: _Reader, doc: dict[str, Any]) -> MapSpec | None:
    table = doc.get("map")
    if not isinstance(table, dict):
        reader.problem("missing-key", "map", "missing [map] table with 'rows'")
        return None
    reader.check_keys(table, "map", {"rows"}, {"legend"})
    legend = dict(DEFAULT_LEGEND)
    raw_legend = table.get("legend", {})
    if not isinstance(raw_legend, dict):
        reader.problem("wrong-type", "map.legend", "'legend' must be a table of character = kind")
        raw_legend = {}
    for char, kind in sorted(raw_legend.items()):
        if len(char) != 1:
            reader.problem("bad-legend", f"map.legend.{char}", f"legend keys are single characters, got '{char}'")
        elif kind not in TILE_KINDS:
            close = difflib.get_close_matches(str(kind), TILE_KINDS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; kinds: {', '.join(TILE_KINDS)}"
            reader.problem("bad-legend", f"map.legend.{char}", f"unknown tile kind {kind!r}{hint}")
        else:
            legend[char] = kind
    rows_text = reader.get(table, "map", "rows", "str")
    if not rows_text:
        return None
    rows = [r.rstrip("\r") for r in rows_text.strip("\n").split("\n")]
    width = max(len(r) for r in rows)
    if len(rows) > MAX_MAP_TILES or width > MAX_MAP_TILES:
        reader.problem("too-large", "map.rows", f"map is {width}x{len(rows)} tiles; the limit is {MAX_MAP_TILES} per side")
        return None
    base_line, _ = reader.line_of("rows")
    ok = True
    for r, line in enumerate(rows):
        for c, ch in enumerate(line):
            if ch not in legend:
                reader.problems.append(Problem(
                    "bad-tile", reader.file,
                    f"map character {ch!r} at column {c}, row {r} is not in the legend",
                    (base_line + 1 + r) if base_line else None, c + 1, "map.rows"))
                ok = False
    if not ok:
        return None
    rows = [r.ljust(width, " ") for r in rows]  # short rows are padded with void
    return MapSpec(tuple(rows), tuple(sorted(legend.items())))


def load_level(path: Path, data: bytes | None = None) -> LevelSpec:
    """Load and validate one level file; raise ``LevelError`` with every problem found."""
    problems: list[Problem] = []
    if data is None:
        data = _read_bytes(path, problems)
    parsed = _parse_toml(path, data, problems) if data is not None else None
    if parsed is None:
        raise LevelError(problems)
    doc, text = parsed
    r = _Reader(str(path), text, problems)
    r.check_keys(doc, "", {"id", "title", "map"},
                 {"briefing", "par_seconds", "time_limit_seconds", "doors", "props", "squad", "zombies"})
    level_id = r.get(doc, "", "id", "id", "")
    title = r.get(doc, "", "title", "str", "")
    briefing = r.get(doc, "", "briefing", "str", "")
    par = r.get(doc, "", "par_seconds", "float", 120.0, 1, 36_000)
    limit = r.get(doc, "", "time_limit_seconds", "float", 600.0, 1, 36_000)
    grid = _read_map(r, doc)

    doors: list[DoorSpec] = []
    for where, t in _items(r, doc, "doors"):
        r.check_keys(t, where, {"id", "tile"}, {"hinge", "locked"})
        tile = _pair(r, t, where, "tile") if "tile" in t else None
        hinge = r.get(t, where, "hinge", "str", "")
        if hinge and hinge not in HINGE_SIDES:
            r.problem("bad-value", f"{where}.hinge", f"hinge must be one of {', '.join(HINGE_SIDES)}, got {hinge!r}")
        if tile is not None:
            doors.append(DoorSpec(r.get(t, where, "id", "id", ""), (int(tile[0]), int(tile[1])), hinge,
                                  r.get(t, where, "locked", "bool", False)))

    props: list[PropSpec] = []
    for where, t in _items(r, doc, "props"):
        r.check_keys(t, where, {"id", "type", "at"}, {"angle", "mass"})
        ptype = r.get(t, where, "type", "str", "")
        if ptype and ptype not in PROP_TYPES:
            close = difflib.get_close_matches(ptype, PROP_TYPES, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; types: {', '.join(PROP_TYPES)}"
            r.problem("unknown-ref", f"{where}.type", f"unknown prop type {ptype!r}{hint}")
        at = _pair(r, t, where, "at") if "at" in t else None
        if at is not None:
            props.append(PropSpec(r.get(t, where, "id", "id", ""), ptype, (at[0], at[1]),
                                  r.get(t, where, "angle", "float", 0.0, -360, 360),
                                  r.get(t, where, "mass", "float", None, 0.1, 100_000)))

    squad: list[StudentSpec] = []
    for where, t in _items(r, doc, "squad"):
        r.check_keys(t, where, {"id"}, {"at"})
        at = _pair(r, t, where, "at") if "at" in t else None
        squad.append(StudentSpec(r.get(t, where, "id", "id", ""), (at[0], at[1]) if at else (-1.0, -1.0)))

    zombies: list[ZombieGroupSpec] = []
    for where, t in _items(r, doc, "zombies"):
        r.check_keys(t, where, {"breed", "count", "zone"}, {"state"})
        breed = r.get(t, where, "breed", "str", "walker")
        if breed not in BREEDS:
            r.problem("unknown-ref", f"{where}.breed", f"unknown breed {breed!r}; breeds: {', '.join(BREEDS)}")
        count = r.get(t, where, "count", "int", 0, 0, MAX_ZOMBIES_PER_GROUP)
        zone = _pair(r, t, where, "zone", 4) if "zone" in t else None
        if zone is not None:
            zombies.append(ZombieGroupSpec(breed, count, (zone[0], zone[1], zone[2], zone[3]),
                                           r.get(t, where, "state", "str", "idle")))

    if grid is not None and not problems:
        _check_world_sense(r, grid, doors, props, squad)
    if problems:
        raise LevelError(problems)
    assert grid is not None
    return LevelSpec(
        id=level_id, title=title, briefing=briefing, map=grid, par_seconds=float(par),
        time_limit_seconds=float(limit),
        doors=tuple(sorted(doors, key=lambda d: d.id)),
        props=tuple(sorted(props, key=lambda p: p.id)),
        squad=tuple(squad), zombies=tuple(zombies),
        source=str(path), content_hash=hashlib.sha256(data).hexdigest(),
    )


def _check_world_sense(r: _Reader, grid: MapSpec, doors: list[DoorSpec], props: list[PropSpec],
                       squad: list[StudentSpec]) -> None:
    """Ids unique, spawns on open floor, exactly one squad spawn, an exit reachable from it."""
    seen: set[str] = set()
    for kind, items in (("doors", doors), ("props", props), ("squad", squad)):
        for i, item in enumerate(items):
            if item.id in seen:
                r.problem("duplicate-id", f"{kind}[{i}].id", f"id '{item.id}' is used twice")
            seen.add(item.id)
    door_tiles = set(grid.tiles_of("door"))
    for i, d in enumerate(doors):
        if d.tile not in door_tiles:
            r.problem("bad-ref", f"doors[{i}].tile", f"door '{d.id}' is at {list(d.tile)}, which is not a door tile ('D') on the map")
    spawns = grid.tiles_of("spawn")
    if len(spawns) != 1:
        r.problem("spawn", "map.rows", f"the map needs exactly one squad spawn 'S', found {len(spawns)}")
        return
    if not squad:
        r.problem("spawn", "squad", "the level needs at least one [[squad]] student")
    blocked = {"wall", "void", "window", "edge"}
    for i, p in enumerate(props):
        c, rr = int(p.at[0]), int(p.at[1])
        if not (0 <= c < grid.width and 0 <= rr < grid.height) or grid.kind_at(c, rr) in blocked:
            r.problem("bad-position", f"props[{i}].at", f"prop '{p.id}' at {list(p.at)} is inside a wall or off the map")
    for i, s in enumerate(squad):
        if s.at == (-1.0, -1.0):
            continue
        c, rr = int(s.at[0]), int(s.at[1])
        if not (0 <= c < grid.width and 0 <= rr < grid.height) or grid.kind_at(c, rr) in blocked:
            r.problem("bad-position", f"squad[{i}].at", f"student '{s.id}' at {list(s.at)} is inside a wall or off the map")
    exits = set(grid.tiles_of("exit"))
    if not exits:
        r.problem("no-exit", "map.rows", "the map has no exit tile 'E'")
        return
    if not _reachable(grid, spawns[0], exits):
        r.problem("unreachable-exit", "map.rows", "no exit tile can be reached from the squad spawn 'S' (doors count as open)")


def _reachable(grid: MapSpec, start: tuple[int, int], goals: set[tuple[int, int]]) -> bool:
    """Breadth-first search over walkable tiles (4-connected)."""
    walkable = {"floor", "door", "exit", "spawn", "puddle"}
    seen = {start}
    frontier = [start]
    while frontier:
        nxt = []
        for c, r in frontier:
            if (c, r) in goals:
                return True
            for dc, dr in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                n = (c + dc, r + dr)
                if n not in seen and 0 <= n[0] < grid.width and 0 <= n[1] < grid.height \
                        and grid.kind_at(*n) in walkable:
                    seen.add(n)
                    nxt.append(n)
        frontier = nxt
    return False


def _read_bytes(path: Path, problems: list[Problem]) -> bytes | None:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(Problem("too-large", str(path), f"file is {size} bytes; the limit is {MAX_FILE_BYTES}"))
            return None
        return path.read_bytes()
    except OSError as exc:
        problems.append(Problem("unreadable", str(path), f"cannot read the file: {exc.strerror or exc}"))
        return None


def load_pack(root: Path) -> PackSpec:
    """Load a pack folder (``pack.toml`` + one ``.toml`` per level); raise ``LevelError``."""
    problems: list[Problem] = []
    manifest = root / "pack.toml"
    if not manifest.is_file():
        raise LevelError([Problem("not-a-pack", str(root), "this folder has no pack.toml, so it is not a pack")])
    data = _read_bytes(manifest, problems)
    parsed = _parse_toml(manifest, data, problems) if data is not None else None
    if parsed is None:
        raise LevelError(problems)
    doc, text = parsed
    r = _Reader(str(manifest), text, problems)
    r.check_keys(doc, "", {"id", "name", "format_version", "levels"},
                 {"author", "version", "description", "min_game_version"})
    fmt = r.get(doc, "", "format_version", "int", FORMAT_VERSION, 1, 10**6)
    if isinstance(fmt, int) and fmt > FORMAT_VERSION:
        r.problem("future-format", "format_version",
                  f"this pack needs level format {fmt}, but this game reads format {FORMAT_VERSION}; update the game")
    level_ids = doc.get("levels", [])
    if not isinstance(level_ids, list) or not all(isinstance(x, str) and ID_PATTERN.match(x) for x in level_ids):
        r.problem("wrong-type", "levels", "'levels' must be a list of level ids, e.g. [\"sandbox\"]")
        level_ids = []
    if problems:
        raise LevelError(problems)
    levels: list[LevelSpec] = []
    for i, level_id in enumerate(level_ids):
        file = root / f"{level_id}.toml"
        if not file.is_file():
            r.problem("missing-file", f"levels[{i}]", f"level '{level_id}' is listed but {file.name} is not in the pack")
            continue
        try:
            level = load_level(file)
        except LevelError as exc:
            problems.extend(exc.problems)
            continue
        if level.id != level_id:
            problems.append(Problem("bad-ref", str(file), f"the file's id is '{level.id}' but pack.toml lists it as '{level_id}'", None, None, "id"))
        levels.append(level)
    if problems:
        raise LevelError(problems)
    return PackSpec(
        id=r.get(doc, "", "id", "id", ""), name=r.get(doc, "", "name", "str", ""),
        author=r.get(doc, "", "author", "str", ""), version=r.get(doc, "", "version", "str", "0"),
        format_version=fmt, description=r.get(doc, "", "description", "str", ""),
        min_game_version=r.get(doc, "", "min_game_version", "str", "0"),
        levels=tuple(levels), root=str(root),
    )
