"""Read packs and level files: strict, bounded, and every failure a ``LevelError``.

Order of work for each file, cheapest first, so hostile input fails before it costs anything:
size (from ``stat`` or the zip byte counter) → encoding → the line scanner (nesting depth,
duplicate keys) → ``tomllib`` → the schema rules in ``fields.py`` (array lengths before
elements, counts before anything is built) → world sense (ids, references, positions, reachable
exit). The loader only parses; it never evaluates, imports or unpickles anything from a pack.
"""

from __future__ import annotations

import hashlib
import math
import re
import tomllib
import unicodedata
from collections import deque
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..sim.units import TILE_PX  # (a leaf module: the loader checks footprints in px)
from . import fields as fl
from .assets import MAX_ASSET_BYTES, asset_problem
from .errors import LevelError, Problem
from .fields import ID_PATTERN, Field, Reader, join, suggest
from .schema import (
    DEFAULT_DIFFICULTY,
    DEFAULT_LEGEND,
    DIFFICULTIES,
    FAST_OPERATORS,
    FORMAT_VERSION,
    MOVING_SOUND_KINDS,
    BreedSpec,
    DifficultySpec,
    DoorSpec,
    EndlessSpec,
    JointSpec,
    LabelSpec,
    LevelSpec,
    LightingSpec,
    LightSpec,
    MapSpec,
    ObjectiveSpec,
    PackSpec,
    PropSpec,
    PropTypeSpec,
    SoundSourceSpec,
    SpawnerSpec,
    SpawnPointSpec,
    StarRules,
    StationSpec,
    StudentSpec,
    WaveSpec,
    WeatherSpec,
    ZombieGroupSpec,
    ZoneSpec,
    tile_span,
)
from .source import FolderSource, PackSource, ZipSource
from .tomlscan import jsonism, scan

MAX_FILE_BYTES = 1_000_000  # one .toml file
MAX_DEPTH = 8  # [ ] / { } nesting and dotted table headers
MAX_TOTAL_ZOMBIES = 20_000  # groups + waves + spawner totals in one level
MAX_ZOMBIES_PER_TILE = 8  # a group's or wave's zombies per open tile of its area (the shipped most: 3.3)
# s: headless, an endless level's run stops here (``playtest.runner.ENDLESS_PLAYTEST_SECONDS``,
# which this package may not import: a test keeps the two equal)
ENDLESS_HEADLESS_SECONDS = 1200.0
MAX_PROBLEMS = 100  # per file; more are summarised
MAX_BAD_TILES_LISTED = 10  # characters missing from the legend listed one by one; the rest are counted
MAX_TILES = fl.MAX_TILES
BLOCKED = frozenset({"wall", "void", "window", "edge"})  # no spawn, prop or station may sit here
PROP_WALL_SLACK_PX = 2.0  # px a prop's footprint may touch a wall by (its shape is rounded 0.5 px)
SOLID = frozenset({"wall", "void", "window"})  # no zombie appears on these (an edge takes one, and drops it)
ROPE_START_SLACK_PX = 2.0  # px a rope may start stretched past its length (rounding in hand-written anchors)
SILENT = frozenset({"wall", "void"})  # carry no sound (a window carries half, a door 40-90 %)
WALKABLE = frozenset({"floor", "door", "exit", "spawn", "puddle"})
BREEDS = ("walker", "runner", "brute", "halfbie")  # kept for callers of the old module constant


def _version_tuple(v: str) -> tuple[int, ...]:
    return tuple(int(x) for x in v.split(".")) if v and v[0].isdigit() else (0,)


def parse_toml(file: str, data: bytes, problems: list[Problem]) -> tuple[dict[str, Any], Reader] | None:
    """Decode, pre-scan and parse one file; every failure becomes a problem, never an exception."""
    if len(data) > MAX_FILE_BYTES:
        problems.append(Problem("too-large", file, f"file is {len(data)} bytes; the limit is {MAX_FILE_BYTES}"))
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append(Problem("bom", file, "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM", 1, 1))
        return None
    if not data.strip():
        needs = ("id, name, format_version and levels" if file.endswith("pack.toml")
                 else "id, title, [map] rows and one [[squad]] student")
        problems.append(Problem("empty", file, f"file is empty; it needs at least {needs} "
                                "(levels/README.md has a complete example)", 1, 1))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.append(Problem("encoding", file, "file is not valid UTF-8 (byte "
                                f"0x{data[exc.start]:02x}); save it as UTF-8", line, col))
        return None
    if "\x00" in text:
        problems.append(Problem("encoding", file, "file contains NUL bytes; it is not a text file",
                                text[: text.index("\x00")].count("\n") + 1, 1))
        return None
    found = scan(text, MAX_DEPTH)
    if found.max_depth > MAX_DEPTH:
        problems.append(Problem("too-deep", file, f"values nest more than {MAX_DEPTH} levels deep", found.depth_line, 1))
        return None
    if found.duplicate is not None:
        path, line, col, first = found.duplicate
        m = re.fullmatch(r"(.+)\[(\d+)\]\.([^.\[\]]+)", path)  # "doors[1].locked": say it as a designer counts
        what = f"'{m.group(3)}' in [[{m.group(1)}]] entry {int(m.group(2)) + 1}" if m else f"'{path}'"
        head = path.partition(".")[0]
        fix = "keep one"
        if not m and fl.LEVEL.get(head) is not None and fl.LEVEL[head].kind == "tables":
            # "[squad]" written for "[[squad]]": the second entry's keys land on the first's
            fix = f"keep one, or if these are two entries, head each with [[{head}]] (two brackets), not [{head}]"
        problems.append(Problem("duplicate-key", file, f"{what} is set twice (first on line {first}); {fix}",
                                line, col, path))
        return None
    if found.mixed is not None:
        name, line, col, first, header = found.mixed
        problems.append(Problem("duplicate-key", file, f"'{name}' is headed {header} on line {first} and with "
                                f"{'one bracket' if header.startswith('[[') else 'two brackets'} here: a list of "
                                f"entries heads every entry [[{name}]] (two brackets), a single table [{name}]",
                                line, col, name))
        return None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.append(_syntax_problem(file, text, str(exc)))
        return None
    except (RecursionError, MemoryError, ValueError):
        problems.append(Problem("too-deep", file, "the file nests too deeply to read"))
        return None
    return doc, Reader(file, found, problems, doc, text)


def _char_name(ch: str) -> str:
    """A map character as a designer can find it: quoted, and past ASCII with its code point and
    name, since a Cyrillic 'Е' or a full-width '．' looks just like the letter it stands for."""
    if ch.isascii():
        return repr(ch)
    return f"{ch!r} (U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed character')}, not the ASCII one it may look like)"


_KEY_OPENS = re.compile(r"\s*([A-Za-z0-9_.\"'-]+)\s*=\s*")


def _opening_line(lines: list[str], line: int, bracket: str) -> tuple[int, int, str] | None:
    """The last `key = [` (or `key = {`) at or above 1-based `line`: (line, column, key)."""
    for number in range(min(line, len(lines)), 0, -1):
        m = _KEY_OPENS.match(lines[number - 1])
        if m is not None:
            if lines[number - 1][m.end():].lstrip().startswith(bracket):
                return number, m.end() + 1, m.group(1).strip("\"'")
            if number < line:
                return None  # a plain key above the stop: the bracket is not an opened value's
    return None


_TRIPLE_QUOTES = re.compile(r'"""|\'\'\'')
_LOOKS_LIKE_TOML = re.compile(r"\s*(\[\[?[A-Za-z0-9_.\"'-]+\]\]?\s*(#.*)?|[A-Za-z0-9_-]+\s*=.*)$")


def _runaway_string(lines: list[str], text: str, line: int) -> tuple[int, int, str, int] | None:
    """A triple-quoted string that ends at or above 1-based ``line`` and swallowed lines that
    read as TOML (a ``key = value`` or a ``[table]``): its closing quotes were most likely lost
    (a designer's briefing closed with two quotes ran on to the map's opening ones, and tomllib
    stopped 30 lines further down, at the map's end). (start line, column, key, the first
    swallowed line), the latest such string; None if there is none."""
    found = None
    opened: tuple[int, str] | None = None  # (offset, quotes)
    for m in _TRIPLE_QUOTES.finditer(text):
        if opened is None:
            opened = (m.start(), m.group())
            continue
        if m.group() != opened[1]:
            continue  # the other kind of triple quotes, inside the string
        start = text.count("\n", 0, opened[0]) + 1
        end = text.count("\n", 0, m.start()) + 1
        opened = None
        if end > line:
            break
        swallowed = next((n for n in range(start + 1, end) if _LOOKS_LIKE_TOML.match(lines[n - 1])), None)
        key = _KEY_OPENS.match(lines[start - 1])
        if swallowed is not None and key is not None:
            found = (start, key.end() + 1, key.group(1).strip("\"'"), swallowed)
    return found


def _syntax_problem(file: str, text: str, message: str) -> Problem:
    lines = text.split("\n")
    m = re.search(r"\(at line (\d+), column (\d+)\)", message)
    what = re.sub(r"\s*\(at (line .*|end of document)\)$", "", message)
    if m is None:  # "at end of document": the file stops in the middle of something
        if "overwrite" in what or "twice" in what:
            return Problem("duplicate-key", file, f"a key or table is defined twice ({what})")
        last = len(lines) - (1 if lines and lines[-1] == "" else 0)
        return Problem("truncated", file, f"the file ends in the middle of a value ({what}); "
                       "close the string, list or table, or restore the rest of the file", max(1, last), 1)
    line, col = int(m.group(1)), int(m.group(2))
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    advice = jsonism(source)
    if advice:
        return Problem("json-ism", file, advice, line, col)  # (the parser's "Invalid value" after it told nothing more)
    if what.startswith("Illegal character '\\n'") and source.count('"') % 2 == 1:
        return Problem("syntax", file, "a string is not closed: add the closing quote on this line "
                       "(use triple quotes for text over several lines)", line, col)
    if "twice" in what or "overwrite" in what:
        return Problem("duplicate-key", file, f"{what}; keep one", line, col)
    if what in ("Unclosed array", "Unclosed inline table"):
        opened = _opening_line(lines, line, "[" if what == "Unclosed array" else "{")
        if opened is not None:
            # tomllib stops where the next key starts, often lines below the missing bracket: point
            # at the line that opened the value, where the designer has to look
            close = "]" if what == "Unclosed array" else "}"
            key_line, key_col, key = opened
            return Problem("syntax", file, f"'{key}' opens a {'list' if close == ']' else 'table'} that is not "
                           f"closed: end it with {close} (and put a comma between its items)", key_line, key_col)
    runaway = _runaway_string(lines, text, line)
    if runaway is not None:
        start, key_col, key, swallowed = runaway
        return Problem("syntax", file, f"TOML syntax error on line {line} ({what}): the text in triple quotes that "
                       f"'{key}' opens here runs on over line {swallowed} ({lines[swallowed - 1].strip()[:40]!r}), "
                       "which reads as a key or a table: is its closing \"\"\" missing or short of a quote?",
                       start, key_col)
    return Problem("syntax", file, f"TOML syntax error: {what}; every line is key = value, [table], [[list]] "
                   "or a # comment (levels/README.md has a complete example)", line, col)


# ---------------------------------------------------------------- tables (prop types, breeds)

def _read_rows(r: Reader, raw: Any, path: str, rules: dict[str, Field], max_rows: int, what: str) -> dict[str, dict[str, Any]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        r.problem("wrong-type", path, f"'{path}' must hold tables like [{path}.name]", at_value=True)
        return {}
    if len(raw) > max_rows:
        r.problem("too-many", path, f"{len(raw)} {what}s; the limit is {max_rows}")
        return {}
    rows = {}
    for name in sorted(raw):
        if not ID_PATTERN.match(name):
            r.problem("bad-id", join(path, name), f"{what} name {name!r} is not a valid id (lowercase letters, digits, '-', '_')")
            continue
        rows[name] = r.table(raw[name], join(path, name), rules, f"{what} '{name}'")
    return rows


def _prop_type(v: dict[str, Any]) -> PropTypeSpec:
    return PropTypeSpec(width=v["width"] or 1.0, depth=v["depth"] or 1.0, mass=v["mass"] or 1.0,
                        elasticity=v["elasticity"], friction=v["friction"], rolling=v["rolling"],
                        alarm=v["alarm"], description=v["description"], rattle=v["rattle"],
                        cover=v["cover"])


def _breed(v: dict[str, Any]) -> BreedSpec:
    return BreedSpec(**v)


@lru_cache(maxsize=1)
def builtin_tables() -> tuple[tuple[tuple[str, PropTypeSpec], ...], tuple[tuple[str, BreedSpec], ...]]:
    """The built-in prop types and breeds (``builtin_tables.toml``), sorted by name."""
    path = Path(__file__).with_name("builtin_tables.toml")
    problems: list[Problem] = []
    parsed = parse_toml(str(path), path.read_bytes(), problems)
    if parsed is None:
        raise LevelError(problems)
    doc, r = parsed
    r.table(doc, "", {"prop_types": fl.PACK["prop_types"], "breeds": fl.PACK["breeds"]}, "the built-in tables")
    props = _read_rows(r, doc.get("prop_types"), "prop_types", fl.PROP_TYPE, 500, "prop type")
    breeds = _read_rows(r, doc.get("breeds"), "breeds", fl.BREED, 500, "breed")
    if problems:
        raise LevelError(problems)
    return (tuple((k, _prop_type(v)) for k, v in sorted(props.items())),
            tuple((k, _breed(v)) for k, v in sorted(breeds.items())))


class Tables:
    """The prop types and breeds a level may use: built-in plus its pack's own."""

    def __init__(self, props: dict[str, PropTypeSpec] | None = None, breeds: dict[str, BreedSpec] | None = None) -> None:
        base_props, base_breeds = builtin_tables()
        self.extra_props = dict(sorted((props or {}).items()))
        self.extra_breeds = dict(sorted((breeds or {}).items()))
        self.props = dict(sorted({**dict(base_props), **self.extra_props}.items()))
        self.breeds = dict(sorted({**dict(base_breeds), **self.extra_breeds}.items()))

    def fingerprint(self) -> bytes:
        """What the pack adds, canonically; empty when it adds nothing (so hashes stay put)."""
        if not self.extra_props and not self.extra_breeds:
            return b""
        return repr((sorted(self.extra_props.items()), sorted(self.extra_breeds.items()))).encode()


# ---------------------------------------------------------------- levels

def load_level(path: Path, data: bytes | None = None) -> LevelSpec:
    """Load and validate one level file on its own (built-in tables); raise ``LevelError``."""
    source = FolderSource(path.parent)
    problems: list[Problem] = []
    if data is None:
        data = source.read(path.name, MAX_FILE_BYTES, problems)
    if data is None:
        raise LevelError(problems)
    return load_level_bytes(str(path), data, Tables(), source)


def load_level_bytes(file: str, data: bytes, tables: Tables, source: PackSource | None = None) -> LevelSpec:
    """Validate the bytes of one level file; ``source`` resolves its asset references."""
    problems: list[Problem] = []
    parsed = parse_toml(file, data, problems)
    if parsed is None:
        raise LevelError(problems)
    doc, r = parsed
    try:
        level = _build_level(r, doc, tables, source)
    except RecursionError:  # pragma: no cover - the depth check makes this unreachable
        problems.append(Problem("too-deep", file, "the file nests too deeply to read"))
        level = None
    if problems or level is None:
        raise LevelError(_capped(problems), (file,) if r.unchecked else ())
    digest = hashlib.sha256(data)
    extra = tables.fingerprint()
    if extra:
        digest.update(b"\0" + extra)
    return _replace(level, source=file, content_hash=digest.hexdigest())


def _replace(level: LevelSpec, **changes: Any) -> LevelSpec:
    from dataclasses import replace

    return replace(level, **changes)


def _capped(problems: list[Problem]) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = len(problems) - MAX_PROBLEMS
    last = problems[MAX_PROBLEMS - 1]
    return problems[:MAX_PROBLEMS] + [Problem("too-many-problems", last.file, f"... and {rest} more problems; fix these first")]


def _read_map(r: Reader, raw: Any, theme: str) -> MapSpec | None:
    m = r.table(raw, "map", fl.MAP, "[map]")
    legend = dict(DEFAULT_LEGEND)
    floors: dict[str, str] = {}
    roofs: dict[str, str] = {}
    broken: set[str] = set()  # legend entries already reported: their tiles are not "not in the legend"
    raw_legend = m["legend"]
    if raw_legend is not None:
        if not isinstance(raw_legend, dict):
            r.problem("wrong-type", "map.legend", "'legend' must be a table of  \"c\" = \"kind\"  lines", at_value=True)
        elif len(raw_legend) > 96:
            r.problem("too-many", "map.legend", f"{len(raw_legend)} legend entries; the limit is 96")
        else:
            for char in sorted(raw_legend):
                where = f"map.legend.{char}"
                entry = raw_legend[char]
                if len(char) != 1 or char in "\t\r\n":
                    r.problem("bad-legend", where, f"legend keys are single characters, got {char!r}"
                              + (f": write '{char[0]}' = ... and draw each tile with one '{char[0]}'"
                                 if len(set(char)) == 1 and char[0] not in "\t\r\n" else ""))
                    broken |= set(char) - set(DEFAULT_LEGEND)  # ('bb': its 'b' tiles are said here, not 11 times)
                    continue
                if isinstance(entry, str):
                    entry = {"kind": entry}
                got = r.table(entry, where, fl.LEGEND_ENTRY, f"legend entry {char!r}")
                if got["kind"] is None:
                    broken.add(char)
                else:
                    legend[char] = got["kind"]
                    if got["floor"]:
                        floors[char] = got["floor"]
                    if got["roof"]:
                        roofs[char] = got["roof"]
    rows_text = m["rows"]
    if rows_text is None:  # missing or not text: the table reader said so
        return None
    if not rows_text.strip():
        r.problem("empty-map", "map.rows", 'the map has no rows: draw the level in  rows = """  ...  """ , one line '
                  "of tiles per row, walls '#' round the edge (levels/README.md, \"The map\")")
        return None
    rows = [row.rstrip("\r") for row in rows_text.strip("\n").split("\n")]
    width = max(len(row) for row in rows)
    if len(rows) > MAX_TILES or width > MAX_TILES:
        r.problem("map-too-large", "map.rows", f"map is {width}x{len(rows)} tiles; the limit is {MAX_TILES} per side")
        return None
    first_row_line = _first_row_line(r, rows_text)
    indent = min(len(row) - len(row.lstrip(" \t")) for row in rows)
    if indent and any(row.strip(" \t") for row in rows):
        # Every row starts with blanks: the map was indented with the file (a space is void, a
        # tab no tile at all), which left only follow-on errors (a door "not on a door tile").
        r.problems.append(Problem("bad-tile", r.file, f"every map row starts with {indent} blank"
                                  f"{'s' if indent != 1 else ''}: the rows are indented; keep every row flush left "
                                  "(the first character of a line is column 0)", first_row_line, 1, "map.rows"))
        return None
    # Rows indented in a map otherwise flush left: their blanks are void, so each ran that many
    # tiles past the flush rows and the map grew, with nothing said (a designer's one row, session
    # 30; another's first two, session 31).
    flush = max((len(row) for row in rows if row[:1] not in (" ", "\t")), default=0)
    indented = [(y, len(row) - flush) for y, row in enumerate(rows)
                if row[:1] in (" ", "\t") and len(row) > flush and len(row.lstrip(" \t")) == flush]
    if flush and indented:
        y, blanks = indented[0]
        lead = rows[y][:blanks]
        what = f"{blanks} tab{'s' if blanks != 1 else ''}" if set(lead) == {"\t"} else \
            f"{blanks} blank{'s' if blanks != 1 else ''}" + (" (tabs among them)" if "\t" in lead else "")
        more = f" (and {len(indented) - 1} more row{'s' if len(indented) > 2 else ''} after it)" if len(indented) > 1 else ""
        r.problems.append(Problem("bad-tile", r.file, f"map row {y} starts with {what} and so runs {blanks} past "
                                  f"the rows that start flush left{more}: it is indented; keep every row flush left "
                                  "(the first character of a line is column 0)",
                                  (first_row_line + y) if first_row_line else None, 1, "map.rows"))
        return None
    # One line per character missing from the legend, at its first tile, with how many tiles
    # it is on: a legend key renamed ("j" to a door emoji) left 28 of its tiles unknown, and the
    # designer read ten lines about one character, then "18 more".
    missing: dict[str, list[int]] = {}  # char -> [tiles, first x, first y]
    for y, line in enumerate(rows):
        for x, ch in enumerate(line):
            if ch not in legend and ch not in broken:
                seen = missing.setdefault(ch, [0, x, y])
                seen[0] += 1
    if missing:
        used = set("".join(rows))
        unused = "".join(sorted(c for c in raw_legend or () if isinstance(c, str) and len(c) == 1
                                and c in legend and c not in used and c not in DEFAULT_LEGEND))
        spare = f"; the legend's {unused!r} is on no tile: was it meant for these?" if unused else ""
        for ch, (tiles, x, y) in list(missing.items())[:MAX_BAD_TILES_LISTED]:
            where = f"at column {x}, row {y}" if tiles == 1 else f"({tiles} tiles, the first at column {x}, row {y})"
            r.problems.append(Problem(
                "bad-tile", r.file,
                f"map character {_char_name(ch)} {where} is not in the legend; add it under "
                f"[map.legend] or use one of {''.join(sorted(legend))!r}{spare}",
                (first_row_line + y) if first_row_line else None, x + 1, "map.rows"))
        if len(missing) > MAX_BAD_TILES_LISTED:
            r.problems.append(Problem("bad-tile", r.file, f"{len(missing) - MAX_BAD_TILES_LISTED} more map characters "
                                      f"are not in the legend (only the first {MAX_BAD_TILES_LISTED} are listed)",
                                      first_row_line, 1, "map.rows"))
    bad = len(missing)
    if bad or broken:
        return None
    rows = [row.ljust(width, " ") for row in rows]  # short rows are padded with void
    return MapSpec(tuple(rows), tuple(sorted(legend.items())), tuple(sorted(floors.items())), theme,
                   tuple(sorted(roofs.items())))


def _first_row_line(r: Reader, rows_text: str) -> int | None:
    """The file's line of the map's first row: the line after ``rows = \"\"\"`` when the rows start
    on a line of their own (TOML drops that first newline from the value, so the value alone
    cannot tell: a bad tile in row 14 was said to be on the line above it), past any blank
    lines before the first row."""
    base, _ = r.scan.locate("map.rows")
    if not base:
        return None
    line = r.text.split("\n", base)[base - 1] if r.text else ""
    quote = next((q for q in ('"""', "'''") if q in line), None)
    own_line = quote is not None and not line.split(quote, 1)[1].strip()
    return base + int(own_line) + len(rows_text) - len(rows_text.lstrip("\n"))


COUPLE_START_GAP_PX = 12.0  # px: as the sim's joints.COUPLE_SNAP (farther apart, a coupling cannot latch)


def _anchor_px(prop: PropSpec, anchor: tuple[float, float]) -> tuple[float, float]:
    """Where an anchor (tiles, in the prop's frame) is in the world as the level starts (px)."""
    a = math.radians(prop.angle_deg)
    lx, ly = anchor[0] * TILE_PX, anchor[1] * TILE_PX
    return (prop.at[0] * TILE_PX + lx * math.cos(a) - ly * math.sin(a),
            prop.at[1] * TILE_PX + lx * math.sin(a) + ly * math.cos(a))


def _rect_tiles(rect: tuple[float, ...]) -> list[tuple[int, int]]:
    """The tiles (col, row) a rectangle [x0, y0, x1, y1] (tiles) touches, as the simulation
    counts a zone's tiles (``tile_span``)."""
    c0, c1, r0, r1 = tile_span(rect)
    return [(c, row) for row in range(r0, r1) for c in range(c0, c1)]


def _in_fall_zone(rect: tuple[float, float, float, float], at: tuple[float, float]) -> bool:
    """Whether a point (tiles) is on a tile a fall zone makes a drop (the tiles it touches, as
    the simulation counts them)."""
    c0, c1, r0, r1 = tile_span(rect)
    return c0 <= at[0] < c1 and r0 <= at[1] < r1


def _did_you_mean(name: str, known: dict[str, Any]) -> str:
    """"; did you mean 'x'?", or "" when nothing is near: the message lists every known name
    after it (``suggest`` alone would list them too, and a designer read the list twice)."""
    hint = suggest(name, sorted(known), "names")
    return hint if hint.startswith("; did you mean") else ""


def _area(r: Reader, v: dict[str, Any], where: str, zones: dict[str, ZoneSpec],
          points: dict[str, SpawnPointSpec]) -> tuple[float, float, float, float] | None:
    given = [k for k in ("zone", "in_zone", "at_spawn") if v.get(k)]
    if len(given) != 1:
        code = "missing-key" if not given else "conflict"
        r.problem(code, where, "say where they appear with exactly one of 'zone', 'in_zone' or 'at_spawn'"
                  + (f" (found {', '.join(given)})" if given else ""))
        return None
    if given[0] == "zone":
        return v["zone"]  # type: ignore[no-any-return]
    if given[0] == "in_zone":
        zone = zones.get(v["in_zone"])
        if zone is None:
            r.problem("unknown-ref", f"{where}.in_zone", f"no zone '{v['in_zone']}'{suggest(v['in_zone'], sorted(zones), 'zones')}", at_value=True)
            return None
        return zone.rect
    point = points.get(v["at_spawn"])
    if point is None:
        r.problem("unknown-ref", f"{where}.at_spawn", f"no spawn point '{v['at_spawn']}'{suggest(v['at_spawn'], sorted(points), 'spawn points')}", at_value=True)
        return None
    if point.role == "ally":  # zombies pouring out where a friend is to come in
        zombie_points = sorted(p.id for p in points.values() if p.role != "ally")
        r.problem("bad-ref", f"{where}.at_spawn", f"spawn point '{point.id}' is where ally '{point.student}' enters "
                  "(role = \"ally\"); zombies appear at spawn points with role = \"zombies\""
                  + (f": {', '.join(zombie_points)}" if zombie_points else ": add one"))
        return None
    x, y = point.at
    return (x - 0.5, y - 0.5, x + 0.5, y + 0.5)


def _build_level(r: Reader, doc: dict[str, Any], tables: Tables, source: PackSource | None) -> LevelSpec | None:
    top = r.table(doc, "", fl.LEVEL, "a level file")
    grid = _read_map(r, doc.get("map"), top["theme"]) if "map" in doc else None

    difficulty = dict(DEFAULT_DIFFICULTY)
    raw_diff = top["difficulty"]
    if raw_diff is not None:
        got = r.table(raw_diff, "difficulty", {d: Field("table", "") for d in DIFFICULTIES}, "[difficulty]")
        for name in DIFFICULTIES:
            if isinstance(got[name], dict):
                base = difficulty[name]
                v = r.table(got[name], f"difficulty.{name}", fl.DIFFICULTY, f"[difficulty.{name}]")
                difficulty[name] = DifficultySpec(
                    *(v[k] if k in got[name] and v[k] is not None else getattr(base, k) for k in ("horde", "speed", "sight")))

    def rows(key: str, rules: dict[str, Field], what: str) -> list[tuple[str, dict[str, Any]]]:
        # name each entry by its id in its own problems ("[[waves]] 'late-wave' needs ...")
        return [(w, r.table(t, w, rules, r.entry_label(w)[0] or what)) for w, t in r.array(doc.get(key), key, fl.LEVEL[key])]

    zones = [(w, ZoneSpec(v["id"] or "", v["rect"] or (0, 0, 1, 1), v["role"])) for w, v in rows("zones", fl.ZONE, "a [[zones]] entry")]
    points = [(w, SpawnPointSpec(v["id"] or "", v["at"] or (0, 0), v["role"], v["student"], v["join_zone"],
                                 v["join_seconds"], v["noise"]))
              for w, v in rows("spawn_points", fl.SPAWN_POINT, "a [[spawn_points]] entry")]
    zone_by_id = {z.id: z for _, z in zones}
    point_by_id = {p.id: p for _, p in points}

    doors = [(w, DoorSpec(v["id"] or "", v["tile"] or (0, 0), v["hinge"], v["locked"], v["key"], v["lock_strength"]))
             for w, v in rows("doors", fl.DOOR, "a [[doors]] entry")]
    props = []
    for w, v in rows("props", fl.PROP, "a [[props]] entry"):
        if v["type"] and v["type"] not in tables.props:
            r.problem("unknown-ref", f"{w}.type", f"unknown prop type {v['type']!r}{_did_you_mean(v['type'], tables.props)}"
                      f" (prop types: {', '.join(sorted(tables.props))}; add your own under [prop_types.NAME] in pack.toml)", at_value=True)
        props.append((w, PropSpec(v["id"] or "", v["type"] or "", v["at"] or (0.0, 0.0), v["angle"], v["mass"],
                                  v["width"], v["depth"], v["friction"], v["anchored"], v["falls_onto"])))
    joints = [(w, JointSpec(v["id"] or "", v["kind"] or "pivot", v["a"] or "", v["b"], tuple(v["anchor_a"]), tuple(v["anchor_b"]),
                            v["length"], v["break_force"], v["coupled"], v["release_push"]))
              for w, v in rows("joints", fl.JOINT, "a [[joints]] entry")]
    squad = [(w, StudentSpec(v["id"] or "", v["at"] or (-1.0, -1.0), v["lead"], v["weapon"], v["halfbie"]))
             for w, v in rows("squad", fl.STUDENT, "a [[squad]] entry")]

    def breed_ok(w: str, breed: str) -> None:
        if breed not in tables.breeds:
            r.problem("unknown-ref", f"{w}.breed", f"unknown breed {breed!r}{_did_you_mean(breed, tables.breeds)}"
                      f" (breeds: {', '.join(sorted(tables.breeds))}; add your own under [breeds.NAME] in pack.toml)", at_value=True)

    zombies, waves, spawners = [], [], []
    total = 0
    for w, v in rows("zombies", fl.ZOMBIES, "a [[zombies]] entry"):
        breed_ok(w, v["breed"])
        total += v["count"] or 0
        area = _area(r, v, w, zone_by_id, point_by_id)
        if area is not None:
            zombies.append((w, ZombieGroupSpec(v["breed"], v["count"] or 0, area, v["state"], v["id"], v["facing"],
                                               v["in_zone"] or v["at_spawn"] or "")))
    for w, v in rows("waves", fl.WAVE, "a [[waves]] entry"):
        breed_ok(w, v["breed"])
        total += v["count"] or 0
        area = _area(r, v, w, zone_by_id, point_by_id)
        if area is not None:
            waves.append((w, WaveSpec(v["id"] or "", v["breed"], v["count"] or 0, area, v["at_seconds"] or 0.0,
                                      v["spread_seconds"], v["state"])))
    for w, v in rows("spawners", fl.SPAWNER, "a [[spawners]] entry"):
        breed_ok(w, v["breed"])
        total += v["total"] or v["max_alive"] or 0
        area = _area(r, v, w, zone_by_id, point_by_id)
        if area is not None:
            spawners.append((w, SpawnerSpec(v["id"] or "", v["breed"], area, v["per_minute"] or 1.0, v["max_alive"],
                                            v["start_seconds"], v["stop_seconds"], v["total"], v["hunts"])))
    # The difficulty that asks for the most zombies (hard's horde, unless the level sets another):
    # the limits hold at every difficulty. A group of 5000 at horde = 10 passed at 1x, and the
    # hard run packed 50000 into a gym and ate 8 GB.
    most_horde = max(difficulty.items(), key=lambda item: item[1].horde)
    if total > MAX_TOTAL_ZOMBIES:
        r.problem("too-many-zombies", "zombies", f"the level asks for {total} zombies in all (groups, waves, spawner totals); "
                  f"the limit is {MAX_TOTAL_ZOMBIES}")
    elif total * most_horde[1].horde > MAX_TOTAL_ZOMBIES:
        name, diff = most_horde
        r.problem("too-many-zombies", f"difficulty.{name}.horde",
                  f"at the {name} difficulty (horde = {diff.horde:g}) the level asks for {round(total * diff.horde)} "
                  f"zombies in all (groups, waves, spawner totals); the limit is {MAX_TOTAL_ZOMBIES}: lower the counts "
                  "or that multiplier")

    sounds = [(w, SoundSourceSpec(v["id"] or "", v["kind"] or "phone", v["at"] or (0.0, 0.0), v["loudness"], v["duration_seconds"],
                                  v["attached_to"], v["start_seconds"], tuple(v["path"] or ()), v["speed"], v["loop"],
                                  v["caption"], v["countdown"]))
              for w, v in rows("sounds", fl.SOUND, "a [[sounds]] entry")]
    raw_sounds = {s.id: doc["sounds"][i] for i, (_, s) in enumerate(sounds)} if sounds else {}
    stations = [(w, StationSpec(v["id"] or "", v["kind"] or "intercom", v["at"] or (0.0, 0.0), v["use_seconds"],
                                tuple(v["triggers"] or ()), v["uses"], v["needs"]))
                for w, v in rows("stations", fl.STATION, "a [[stations]] entry")]
    labels = [(w, LabelSpec(v["text"], v["at"] or (0.0, 0.0))) for w, v in rows("labels", fl.LABEL, "a [[labels]] entry")]
    objectives = [(w, ObjectiveSpec(v["id"] or "", v["kind"] or "reach-exit", v["text"], v["seconds"], v["station"],
                                    v["zone"], v["event"], v["optional"]))
                  for w, v in rows("objectives", fl.OBJECTIVE, "an [[objectives]] entry")]

    light = r.table(top["light"] or {}, "light", fl.LIGHT, "[light]")
    lights = []
    for w, t in r.array(light["lights"], "light.lights", fl.LIGHT["lights"]):
        v = r.table(t, w, fl.LAMP, r.entry_label(w)[0] or "a [[light.lights]] entry")
        lights.append((w, LightSpec(v["id"] or "", v["kind"] or "lamp", v["radius"], v["at"] or (0.0, 0.0), v["carried_by"],
                                    v["on"], v["flicker"]), t))
    wv = r.table(top["weather"] or {}, "weather", fl.WEATHER, "[weather]")
    weather = WeatherSpec(wv["rain"], tuple(wv["lightning_at"] or ()), wv["lightning_mean_interval_seconds"],
                          wv["thunder_delay_seconds"])
    sv = r.table(top["stars"] or {}, "stars", fl.STARS, "[stars]")
    stars = StarRules(sv["two_star_survivors"], sv["three_star_seconds"])
    lose = tuple(top["lose"] or ())
    endless = None
    if top["endless"] is not None:
        ev_ = r.table(top["endless"], "endless", fl.ENDLESS, "[endless]")
        endless = EndlessSpec(ev_["ramp_every_seconds"], ev_["ramp"], ev_["ramp_max"],
                              tuple(ev_["star_seconds"] or ()))  # type: ignore[arg-type]
        if "lose" not in doc:  # the default's "time" is no rule for a level without a clock
            lose = ("everyone-down",)

    if top["music"] and source is not None:
        _check_asset(r, source, top["music"], "music")

    if grid is None or not all(_only_unknown(p, r.top_keys) for p in r.problems):
        r.unchecked = True  # (said after the problems: the checks below run once they are fixed)
        return None
    # An unknown key is ignored and read nothing: the placement checks below can still run, so
    # a designer gets the typo and a prop in a wall in one pass, not two (the auditorium's
    # designer ran `hyosan check` twice for that). A misplaced top-level key is different: its
    # level value fell back to the default, which the checks below would then judge.
    ctx = _World(r, grid)
    ctx.check(prop_types=tables.props, doors=doors, props=props, joints=joints, squad=squad, zones=zones, points=points, zombies=zombies,
              waves=waves, spawners=spawners, sounds=sounds, raw_sounds=raw_sounds, stations=stations,
              labels=labels, lights=lights, objectives=objectives, lose=lose, weather=weather, stars=stars, top=top,
              endless=endless, doc=doc, most_horde=most_horde)
    if r.problems:
        return None
    used_props = {p.type for _, p in props}
    used_breeds = {z.breed for _, z in zombies} | {z.breed for _, z in waves} | {z.breed for _, z in spawners}
    return LevelSpec(
        id=top["id"], title=top["title"], briefing=top["briefing"], map=grid,
        par_seconds=top["par_seconds"], time_limit_seconds=top["time_limit_seconds"],
        doors=tuple(sorted((d for _, d in doors), key=lambda d: d.id)),
        props=tuple(sorted((p for _, p in props), key=lambda p: p.id)),
        squad=tuple(s for _, s in squad),
        zombies=tuple(z for _, z in zombies),
        difficulty=tuple(sorted(difficulty.items())),
        zones=tuple(sorted((z for _, z in zones), key=lambda z: z.id)),
        spawn_points=tuple(sorted((p for _, p in points), key=lambda p: p.id)),
        joints=tuple(sorted((j for _, j in joints), key=lambda j: j.id)),
        spawners=tuple(sorted((s for _, s in spawners), key=lambda s: s.id)),
        waves=tuple(sorted((wa for _, wa in waves), key=lambda wa: (wa.at_seconds, wa.id))),
        sounds=tuple(sorted((s for _, s in sounds), key=lambda s: s.id)),
        stations=tuple(sorted((s for _, s in stations), key=lambda s: s.id)),
        labels=tuple(lb for _, lb in labels),
        lighting=LightingSpec(light["ambient"], tuple(sorted((lt for _, lt, _ in lights), key=lambda lt: lt.id))),
        weather=weather, objectives=tuple(o for _, o in objectives), lose=lose, stars=stars, endless=endless, music=top["music"],
        prop_types=tuple((k, v) for k, v in tables.props.items() if k in used_props or k in dict(builtin_tables()[0])),
        breeds=tuple((k, v) for k, v in tables.breeds.items() if k in used_breeds or k in dict(builtin_tables()[1])),
    )


def _only_unknown(problem: Problem, top_keys: set[str]) -> bool:
    """Whether ``problem`` is an unknown key that the level's reading simply skipped."""
    return problem.code == "unknown-key" and (problem.field or "").rpartition(".")[2] not in top_keys


def _check_asset(r: Reader, source: PackSource, name: str, key: str) -> None:
    if not source.exists(name):
        r.problem("missing-file", key, f"'{key}' names {name}, which is not in the pack")
        return
    data = source.read(name, MAX_ASSET_BYTES, r.problems)
    if data is None:
        return
    bad = asset_problem(name, data)
    if bad:
        r.problem(bad[0], key, bad[1])


class _World:
    """World sense: unique ids, resolvable references, positions on open floor, a reachable exit."""

    def __init__(self, r: Reader, grid: MapSpec) -> None:
        self.r, self.grid = r, grid
        self.drops: set[tuple[int, int]] = set()  # tiles (col, row) fall zones make drops; set once zones are read
        self._solid: list[str] | None = None  # (see _solid_rows)

    def _timing(self, k: dict[str, Any], stations: dict[str, StationSpec]) -> None:
        """What a clock makes impossible: a wave after the time limit, a spawner that stops
        before it starts, three stars slower than the time limit, stations that need each other."""
        r, top = self.r, k["top"]
        limit = top["time_limit_seconds"]
        if k["endless"] is None:
            for where, w in k["waves"]:
                if w.at_seconds >= limit:
                    r.problem("conflict", f"{where}.at_seconds", f"wave '{w.id}' comes at {w.at_seconds:g} s, at or after "
                              f"the time limit {limit:g} s, so it never comes; bring it forward or raise the limit")
            for where, snd in k["sounds"]:  # (a designer's radio at 400 s under a 300 s limit passed)
                if snd.start_seconds is not None and snd.start_seconds >= limit:
                    r.problem("conflict", f"{where}.start_seconds", f"sound '{snd.id}' starts at {snd.start_seconds:g} s, "
                              f"at or after the time limit {limit:g} s, so it never sounds; bring it forward or raise the limit")
            if "time" in k["lose"]:
                self._waits_fit(k, limit)
            three = k["stars"].three_star_seconds
            if three is not None and three > limit:
                r.problem("conflict", "stars.three_star_seconds", f"three_star_seconds {three:g} s is longer than the "
                          f"time limit {limit:g} s: set it at or under the limit")
            if "time" in k["lose"]:
                self._holds_fit(k["objectives"], k["stations"], k["squad"], limit)
            self._waits_not_over(k)
        for where, p in k["points"]:
            if k["endless"] is None and p.role == "ally" and p.join_seconds is not None and p.join_seconds >= limit:
                never = "the ally never joins (there is no 'join_zone')" if not p.join_zone else \
                    "only its 'join_zone' can bring the ally in"
                r.problem("conflict", f"{where}.join_seconds", f"ally spawn point '{p.id}' has join_seconds "
                          f"{p.join_seconds:g} s, at or after the time limit {limit:g} s: {never}; bring it forward")
        for where, sp in k["spawners"]:
            if sp.stop_seconds is not None and sp.stop_seconds <= sp.start_seconds:
                r.problem("conflict", f"{where}.stop_seconds", f"spawner '{sp.id}' stops at {sp.stop_seconds:g} s, not "
                          f"after it starts ({sp.start_seconds:g} s), so it never sends anyone")
        for where, st in k["stations"]:
            seen, at = [st.id], st.needs
            while at and at in stations and at not in seen:
                seen.append(at)
                at = stations[at].needs
            if at == st.id:
                r.problem("conflict", f"{where}.needs", f"station '{st.id}' needs itself through "
                          f"{' -> '.join(seen + [st.id])}: none of them can ever be used; break the loop")

    def _waits_fit(self, k: dict[str, Any], limit: float) -> None:
        """A required wait for a timed sound to end (hold-until-event sound-end:<id>) that ends
        only at or after the time limit: the clock runs out first (a sound that never starts in
        time says so itself, above)."""
        sounds = {snd.id: snd for _, snd in k["sounds"]}
        for where, o in k["objectives"]:
            snd = sounds.get(o.event[10:]) if o.event.startswith("sound-end:") and not o.optional else None
            if snd is None or snd.start_seconds is None or snd.duration_seconds is None or snd.start_seconds >= limit:
                continue
            ends = snd.start_seconds + snd.duration_seconds
            if ends >= limit:
                self.r.problem("conflict", f"{where}.event", f"objective '{o.id}' waits for sound '{snd.id}' to end at "
                               f"{ends:g} s ({snd.start_seconds:g} s + {snd.duration_seconds:g} s), at or after the time "
                               f"limit {limit:g} s, so the clock runs out first; start it sooner, shorten it or raise "
                               "time_limit_seconds")

    def _waits_not_over(self, k: dict[str, Any]) -> None:
        """A required wait for a timed sound to end, or a wave's last zombie to arrive, that is
        over before the required survive-seconds holds ahead of it can be done: it is done the
        moment its turn comes and waits for nothing. A designer's "hold until the fire alarm
        stops" came after a 90 s hold, the alarm over at 55 s: the hold ended with the phone
        call before it, and nothing said why."""
        sounds = {snd.id: snd for _, snd in k["sounds"]}
        waves = {w.id: w for _, w in k["waves"]}
        held, holds = 0.0, []
        for where, o in k["objectives"]:
            if o.optional:
                continue
            if o.kind == "survive-seconds" and o.seconds:
                held += o.seconds
                holds.append(o)
                continue
            if o.kind != "hold-until-event" or not holds:
                continue
            kind, _, ref = o.event.partition(":")
            snd, wave = sounds.get(ref) if kind == "sound-end" else None, waves.get(ref) if kind == "wave-end" else None
            if snd is not None and snd.start_seconds is not None and snd.duration_seconds is not None:
                ends, what = snd.start_seconds + snd.duration_seconds, f"sound '{ref}' ends at"
            elif wave is not None:
                ends, what = wave.at_seconds + wave.spread_seconds, f"wave '{ref}' has all come by"
            else:
                continue
            if ends <= held:
                before = ", ".join(f"'{h.id}' ({h.seconds:g} s)" for h in holds)
                self.r.problem("conflict", f"{where}.event", f"objective '{o.id}' waits until {what} {ends:g} s, but "
                               f"the holds before it ({before}) take {held:g} s, so it is over by then and '{o.id}' is "
                               "done the moment its turn comes; wait for something later, or move it before those holds")

    def _holds_fit(self, objectives: list[tuple[str, ObjectiveSpec]], stations: list[tuple[str, StationSpec]],
                   squad: list[tuple[str, StudentSpec]], limit: float) -> None:
        """Required survive-seconds holds and required station work (a use-station objective, or
        a hold until a station is used) run one after the other (each counts from when the
        objective before it is done), so together they take at least the sum of their seconds
        (a station's ``use_seconds``, by the quickest student the squad has): past the time
        limit, the clock runs out first and the level cannot be won. A designer's 500 s hold
        under a 420 s limit: greedy held to the end and lost on time; another's 600 s key box
        under a 300 s limit: ``check --playtest`` said only that no run got past the key box."""
        quickest, by = max(((FAST_OPERATORS.get(s.id, 1.0), s.id) for _, s in squad), default=(1.0, ""))
        use_seconds = {st.id: st.use_seconds / quickest for _, st in stations}
        at_it = f" with {by} at it" if quickest > 1.0 else ""  # (the least time: the quickest student works it)
        held, steps, worked = 0.0, [], False
        for where, o in objectives:
            if o.optional:
                continue
            if o.kind == "survive-seconds" and o.seconds:
                took, key, said = o.seconds, "seconds", f"'{o.id}' ({o.seconds:g} s)"
                doing = f"holds {o.seconds:g} s"
            elif o.worked_station in use_seconds:  # (each station once: a hold until it is used, after using it, waits for nothing)
                took, key = use_seconds.pop(o.worked_station), "station" if o.kind == "use-station" else "event"
                said = f"'{o.id}' (station '{o.worked_station}', {took:g} s{at_it})"
                doing = f"works station '{o.worked_station}' for {took:g} s{at_it}"
                worked = True
            else:
                continue
            held += took
            steps.append(said)
            if held <= limit:
                continue
            if len(steps) == 1:
                what = f"objective '{o.id}' {doing}, longer than the time limit {limit:g} s"
            else:
                these = "survive-seconds holds and station work" if worked else "survive-seconds holds"
                what = (f"objective '{o.id}' {doing} after {', '.join(steps[:-1])}: the {these}, done one after "
                        f"the other, take {held:g} s, longer than the time limit {limit:g} s")
            fix = "shorten the hold" if not worked else "shorten the holds or the stations' use_seconds"
            self.r.problem("conflict", f"{where}.{key}", f"{what}, so the clock runs out before the level can be won; "
                           f"{fix} or raise time_limit_seconds (or take 'time' out of 'lose')")
            return

    def px_hint(self, values: tuple[float, ...]) -> str:
        """"; in px? ..." when ``values`` (x, y pairs), read as px, would all fall on the map in
        tiles: a designer's prop at [192, 72] on a 48x15 map meant tiles [12, 4.5]."""
        g = self.grid
        tiles = [v / TILE_PX for v in values]
        xs, ys = tiles[0::2], tiles[1::2]
        # (px, each a tile or more but at an edge: a rect [20, 9, 60, 12] is tiles that run over)
        if all(v == 0 or v >= TILE_PX for v in values) and all(0 <= x <= g.width for x in xs) and \
                all(0 <= y <= g.height for y in ys) and any(v > max(g.width, g.height) for v in values):
            return f" (positions are in tiles: if these are px, they are {[round(t, 2) for t in tiles]} in tiles)"
        return ""

    def first_off_map(self, rect: tuple[float, float, float, float]) -> int:
        """Which of a rect's [x0, y0, x1, y1] (tiles) lies first outside the map, for the column."""
        x0, y0, x1, y1 = rect
        g = self.grid
        return next(i for i, off in enumerate((x0 < 0, y0 < 0, x1 > g.width, y1 > g.height)) if off)

    def on_map(self, where: str, what: str, at: tuple[float, ...], open_floor: bool = True) -> bool:
        """Whether ``at`` (tiles) is on the map (and, with ``open_floor``, not inside a wall, a
        window or the void), saying why not when it is not."""
        x, y = at[0], at[1]
        g = self.grid
        if not (0 <= x < g.width and 0 <= y < g.height):
            self.r.problem("off-map", where, f"{what} at {list(at)} is outside the {g.width}x{g.height} map "
                           f"(x 0..{g.width}, y 0..{g.height} tiles){self.px_hint(tuple(at[:2]))}",
                           item=0 if not 0 <= x < g.width else 1)
            return False
        if open_floor and g.kind_at(int(x), int(y)) in BLOCKED:
            kind = g.kind_at(int(x), int(y))
            article = "an" if kind[:1] in "aeiou" else "a"
            self.r.problem("bad-position", where, f"{what} at {list(at)} is inside {article} {kind} tile "
                           f"({g.rows[int(y)][int(x)]!r} at column {int(x)}, row {int(y)}); move it onto floor",
                           at_value=True)
            return False
        return True

    def heard_from(self, where: str, what: str, at: tuple[float, ...]) -> None:
        """A sound on a wall spreads from the tiles beside it: one buried in a wall with no tile
        beside it that carries sound is heard by no one (a designer's PA fired, and the report
        still listed it among the loud noises that began the run)."""
        g = self.grid
        c, row = int(at[0]), int(at[1])
        if not (0 <= at[0] < g.width and 0 <= at[1] < g.height):
            return  # (off-map is said by on_map)
        near = [(c, row)] + [(c + dc, row + dr) for dc, dr in ((1, 0), (-1, 0), (0, 1), (0, -1))]
        if not any(0 <= x < g.width and 0 <= y < g.height and g.kind_at(x, y) not in SILENT for x, y in near):
            self.r.problem("bad-position", where, f"{what} at {list(at)} is inside a {g.kind_at(c, row)} with no "
                           "tile beside it that carries sound, so nothing would hear it: move it onto floor or a "
                           "wall tile next to floor")

    def off_drops(self, where: str, what: str, at: tuple[float, ...], falls: list[ZoneSpec], why: str) -> None:
        """Something a body must stand at is not over a fall zone (a designer's station sat on a
        drained pool's floor; greedy walked to it and went over)."""
        drop = next((z for z in falls if _in_fall_zone(z.rect, (at[0], at[1]))), None)
        if drop is not None:
            self.r.problem("bad-position", where, f"{what} at {list(at)} is inside fall zone '{drop.id}': {why}; "
                           "move it onto floor")

    def clear_of_walls(self, where: str, p: PropSpec, ptype: PropTypeSpec) -> None:
        """A prop's whole footprint, not just its centre, must stand clear of walls, windows and
        void: one reaching into a wall is shoved out by the physics as the level starts (a car
        in Storm Crossing sat 12 px into a tree and jumped 4 px east at the first tick). Every
        tile the footprint (its width and depth, turned by its angle, less the slack) overlaps
        is looked at, not only the tiles under its corners: a bench 25 tiles long across a
        one-tile wall had all its corners and edge midpoints on floor and passed."""
        g = self.grid
        w = max(0.0, (p.width if p.width is not None else ptype.width) - 2 * PROP_WALL_SLACK_PX)
        d = max(0.0, (p.depth if p.depth is not None else ptype.depth) - 2 * PROP_WALL_SLACK_PX)
        a = math.radians(p.angle_deg)
        cos, sin = math.cos(a), math.sin(a)
        corners = [(p.at[0] + (fx * w * cos - fy * d * sin) / TILE_PX, p.at[1] + (fx * w * sin + fy * d * cos) / TILE_PX)
                   for fx, fy in ((-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5))]  # tiles, in order round it
        solid = self._solid_rows()
        hits: list[tuple[int, int]] = []
        ys = [y for _, y in corners]
        for row in range(max(0, math.floor(min(ys))), min(g.height, math.ceil(max(ys)))):
            span = _strip_span(corners, row, row + 1)
            if span is None:
                continue
            c, end = max(0, math.floor(span[0])), min(g.width, math.ceil(span[1]))
            while (c := solid[row].find("#", c, end)) >= 0:
                hits.append((c, row))
                c += 1
        if not hits:
            return
        # the solid tile nearest the prop's centre: where it crosses the wall it stands by
        c, row = min(hits, key=lambda t: ((t[0] + 0.5 - p.at[0]) ** 2 + (t[1] + 0.5 - p.at[1]) ** 2, t[1], t[0]))
        kind = g.kind_at(c, row)
        size = f"{(w + 2 * PROP_WALL_SLACK_PX) / TILE_PX:.3g} x {(d + 2 * PROP_WALL_SLACK_PX) / TILE_PX:.3g} tiles"
        given = [f"'{key}' {value:g} px" for key, value in (("width", p.width), ("depth", p.depth)) if value is not None]
        self.r.problem("bad-position", f"{where}.at", f"prop '{p.id}' at {list(p.at)} reaches into a {kind} tile "
                       f"({g.rows[row][c]!r} at column {c}, row {row}): it would be shoved out as the level starts; "
                       f"move it clear (it is {size}, turned {p.angle_deg:g} degrees"
                       + (f"; its {' and '.join(given)} override{'s' if len(given) == 1 else ''} its type's" if given else "")
                       + ")", at_value=True)

    def _solid_rows(self) -> list[str]:
        """The map with every wall, window and void tile as '#' and the rest as '.', one string
        a row (worked out once): a footprint's tiles are searched a row at a time."""
        if self._solid is None:
            kinds = dict(self.grid.legend)
            self._solid = ["".join("#" if kinds[ch] in SOLID else "." for ch in row) for row in self.grid.rows]
        return self._solid

    def clear_of_each_other(self, props: list[tuple[str, PropSpec]], types: dict[str, PropTypeSpec]) -> None:
        """No two props' footprints overlap (by more than the slack a wall gets): overlapping
        bodies are shoved apart as the level starts (the roof's plank lay across a crate and
        jumped 11 px at the first tick). One problem per prop, naming the first it overlaps."""
        boxes = []
        for where, p in props:
            ptype = types.get(p.type)
            if ptype is None:
                continue
            w = (p.width if p.width is not None else ptype.width) - 2 * PROP_WALL_SLACK_PX
            d = (p.depth if p.depth is not None else ptype.depth) - 2 * PROP_WALL_SLACK_PX
            a = math.radians(p.angle_deg)
            cos, sin = math.cos(a), math.sin(a)
            cx, cy = p.at[0] * TILE_PX, p.at[1] * TILE_PX
            corners = [(cx + fx * w * cos - fy * d * sin, cy + fx * w * sin + fy * d * cos)
                       for fx, fy in ((-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5))]
            boxes.append((where, p, corners, (cx, cy), math.hypot(w, d) / 2))
        reported: set[str] = set()
        for i, (where, p, box, centre, reach) in enumerate(boxes):
            for _, q, other, other_centre, other_reach in boxes[i + 1:]:
                if p.id in reported or math.dist(centre, other_centre) >= reach + other_reach:
                    continue  # (the bounding circles do not meet: no need for the exact test)
                if _boxes_overlap(box, other):
                    reported.add(p.id)
                    self.r.problem("bad-position", f"{where}.at", f"prop '{p.id}' at {list(p.at)} overlaps prop "
                                   f"'{q.id}' at {list(q.at)}: they would be shoved apart as the level starts; "
                                   "move one clear of the other")

    def _hinge_fits(self, where: str, d: DoorSpec, door_tiles: set[tuple[int, int]]) -> None:
        """A door stands in a wall, and its hinge (if given) is at an end of its doorway:
        west/east in a horizontal wall (a wall meets the doorway left or right, past the door
        tiles beside it, as the simulation decides), north/south in a vertical one. A "north"
        hinge in a horizontal wall hung the door at its east end without a word; a door drawn on
        open floor stood alone and was walked round."""
        g, (c, row) = self.grid, d.tile
        across, along = self._doorway_ends(c, row, door_tiles, vertical=False), \
            self._doorway_ends(c, row, door_tiles, vertical=True)
        horizontal = "wall" in across
        # a gap in a wall: solid (or the map's edge, which stops walkers as a wall does) at both
        # ends of the doorway one way or the other
        if not any(all(kind is None or kind in SOLID for kind in ends) for ends in (across, along)):
            legend = dict(g.legend)
            remapped = [f"'{ch}' {legend[ch]!r}" for ch, kind in DEFAULT_LEGEND.items()
                        if kind in SOLID and legend.get(ch, kind) not in SOLID]
            self.r.problem("bad-position", f"{where}.tile", f"door '{d.id}' at {list(d.tile)} is not in a wall: a door "
                           "closes a gap in a wall, so it needs wall, window or void tiles on both sides of it (east "
                           "and west, or north and south); standing out on the floor, it is walked round"
                           + (f" ([map.legend] makes {', '.join(remapped)}: is that meant?)" if remapped else ""))
            return
        ends = ("west", "east") if horizontal else ("north", "south")
        if d.hinge and d.hinge not in ends:
            wall = "a horizontal wall (the doorway runs east-west)" if horizontal else \
                "a vertical wall, or no wall beside it east or west (the doorway runs north-south)"
            self.r.problem("bad-value", f"{where}.hinge", f"door '{d.id}' at {list(d.tile)} is in {wall}: its hinge is "
                           f"'{ends[0]}' or '{ends[1]}', not '{d.hinge}'")

    def _doorway_ends(self, c: int, row: int, door_tiles: set[tuple[int, int]], vertical: bool) -> list[str | None]:
        """The kinds of the two tiles that end the doorway through (c, row) along one axis, past
        the door tiles beside it (a double door's other leaves); None past the map's edge."""
        g = self.grid
        ends: list[str | None] = []
        for step in (-1, 1):
            x, y = c, row
            while (x, y) in door_tiles:
                x, y = (x, y + step) if vertical else (x + step, y)
            ends.append(g.kind_at(x, y) if 0 <= x < g.width and 0 <= y < g.height else None)
        return ends

    def students_clear_of_props(self, starts: list[tuple[str, str, tuple[float, float]]], props: list[tuple[str, PropSpec]],
                                types: dict[str, PropTypeSpec]) -> None:
        """No student starts inside a prop's footprint (``starts``: (where, id, (x, y) tiles)):
        the physics shoves it out as the level starts, somewhere the designer did not put it."""
        for where, sid, (sx, sy) in starts:
            for _, p in props:
                ptype = types.get(p.type)
                if ptype is None:
                    continue
                half_w = ((p.width if p.width is not None else ptype.width) / 2 - PROP_WALL_SLACK_PX) / TILE_PX
                half_d = ((p.depth if p.depth is not None else ptype.depth) / 2 - PROP_WALL_SLACK_PX) / TILE_PX
                a = math.radians(p.angle_deg)
                dx, dy = sx - p.at[0], sy - p.at[1]
                along, across = dx * math.cos(a) + dy * math.sin(a), -dx * math.sin(a) + dy * math.cos(a)  # tiles, the prop's frame
                if abs(along) < half_w and abs(across) < half_d:
                    self.r.problem("bad-position", f"{where}.at",
                                   f"student '{sid}' starts at {[round(sx, 2), round(sy, 2)]}, inside prop '{p.id}' at "
                                   f"{list(p.at)}: it would be shoved out as the level starts; move one clear of the other")
                    break

    def has_open_tile(self, rect: tuple[float, ...]) -> bool:
        """Whether a rectangle [x0, y0, x1, y1] (tiles) covers a tile zombies can appear on."""
        return self.open_tiles(rect) > 0

    def has_footing(self, rect: tuple[float, ...]) -> bool:
        """Whether a rectangle [x0, y0, x1, y1] (tiles) covers a tile zombies can appear on
        and stand: not a wall, window or void, and not a drop (an edge tile or a fall zone's)."""
        g = self.grid
        return any(0 <= c < g.width and 0 <= row < g.height and g.kind_at(c, row) not in BLOCKED
                   and (c, row) not in self.drops for c, row in _rect_tiles(rect))

    def open_tiles(self, rect: tuple[float, ...]) -> int:
        """How many tiles zombies can appear on a rectangle [x0, y0, x1, y1] (tiles) covers."""
        g = self.grid
        cols = range(max(0, math.floor(rect[0])), min(g.width, math.ceil(rect[2])))
        return sum(g.kind_at(c, row) not in SOLID
                   for row in range(max(0, math.floor(rect[1])), min(g.height, math.ceil(rect[3]))) for c in cols)

    def check_allies(self, points: list[tuple[str, SpawnPointSpec]], squad: list[tuple[str, StudentSpec]],
                     zones: set[str]) -> None:
        """Ally spawn points name a student who is not the lead, and when that student joins."""
        r = self.r
        ids = {s.id: s for _, s in squad}
        lead = next((s.id for _, s in squad if s.lead), squad[0][1].id if squad else "")
        taken: dict[str, str] = {}
        for where, p in points:
            ally_keys = [k for k, v in (("student", p.student), ("join_zone", p.join_zone),
                                        ("join_seconds", p.join_seconds), ("noise", p.noise)) if v]
            if p.role != "ally":
                if ally_keys:
                    r.problem("conflict", f"{where}.{ally_keys[0]}", f"spawn point '{p.id}' has role '{p.role}': "
                              f"{', '.join(ally_keys)} only mean something with role = \"ally\"")
                continue
            if not p.student:
                r.problem("missing-key", where, f"ally spawn point '{p.id}' needs 'student': the [[squad]] id who "
                          "enters here" + (f" (one of {', '.join(sorted(ids))})" if ids else ""))
            elif self.ref(f"{where}.student", p.student, ids, "student"):
                if p.student == lead:
                    r.problem("conflict", f"{where}.student", f"'{p.student}' is the lead, who is there from the start; "
                              "an ally must be another [[squad]] student")
                elif p.student in taken:
                    r.problem("conflict", f"{where}.student", f"'{p.student}' already enters at {taken[p.student]}; "
                              "a student can join at one point only")
                taken.setdefault(p.student, where)
            if not p.join_zone and p.join_seconds is None:
                r.problem("missing-key", where, f"ally spawn point '{p.id}' needs 'join_zone' (a zone id: the ally "
                          "joins when the lead reaches it) and/or 'join_seconds' (the latest time it joins)")
            self.ref(f"{where}.join_zone", p.join_zone, dict.fromkeys(zones), "zone")
        for where, s in squad:
            if s.id in taken and s.at != (-1.0, -1.0):
                point = next(p.id for _, p in points if p.role == "ally" and p.student == s.id)
                r.problem("conflict", f"{where}.at", f"student '{s.id}' is an ally who enters at spawn point "
                          f"'{point}', so 'at' is never used: remove it (move the spawn point to move the ally)")

    def named(self, where: str) -> str:
        """An entry as a designer finds it: ``the [[props]] entry on line 57``."""
        table = re.sub(r"\[\d+\]$", "", where)
        line, _ = self.r.scan.locate(where)
        return f"the [[{table}]] entry on line {line}" if line else f"the [[{table}]] entry {where}"

    def ref(self, where: str, value: str, known: dict[str, Any], what: str) -> bool:
        if value and value not in known:
            key = re.sub(r"\[\d+\]$", "", where.rsplit(".", 1)[-1])
            self.r.problem("unknown-ref", where, f"'{key}' names {what} '{value}', but the level has no {what} with that id"
                           f"{suggest(value, sorted(known), what + 's')}", at_value=True)
            return False
        return True

    def _check_endless(self, endless: EndlessSpec, k: dict[str, Any]) -> None:
        """An endless level ends only when the squad does: no objectives, no clock, no par;
        its stars are held-out times, and spawners are what keeps coming."""
        r, doc = self.r, k["doc"]
        if k["objectives"]:
            r.problem("conflict", "objectives", "an endless level has no objectives: it lasts until the squad is down. "
                      "Remove the [[objectives]] entries, or remove [endless] to make a level that can be won")
        if "time" in k["lose"]:
            r.problem("conflict", "lose", "an endless level has no time limit: take 'time' out of 'lose' "
                      "(e.g. lose = [\"everyone-down\"], the default with [endless])")
        for key, what in (("time_limit_seconds", "time limit"), ("par_seconds", "par time"), ("stars", "[stars] table")):
            if key in doc:
                r.problem("conflict", key, f"an endless level has no {what}: it runs until the squad is down and its "
                          f"stars come from [endless] star_seconds; remove '{key}'")
        times = endless.star_seconds
        if len(times) != 3:
            r.problem("bad-value", "endless.star_seconds", f"give three times, for 1, 2 and 3 stars (e.g. [120, 300, 600]); "
                      f"got {len(times)}", at_value=True)
        elif not times[0] < times[1] < times[2]:
            r.problem("bad-value", "endless.star_seconds", f"the three times must rise (1 star first); got {list(times)}", at_value=True)
        if not k["spawners"]:
            r.problem("missing-key", "spawners", "an endless level needs at least one [[spawners]] entry: spawners are what "
                      "keeps coming all night, and what [endless] speeds up")
        else:
            self._spawners_keep_coming(k["spawners"])
        exits = self.grid.tiles_of("exit")
        if exits:
            c, row = exits[0]
            shown = ", ".join(str(list(t)) for t in exits[:4]) + (f" and {len(exits) - 4} more" if len(exits) > 4 else "")
            r.problems.append(Problem(
                "conflict", r.file, f"the map has exit tile{'s' if len(exits) > 1 else ''} ({self.grid.rows[row][c]!r} at "
                f"{shown}), but an endless level has no way out: the night ends only when the squad is down, so an "
                "exit does nothing (it is drawn as one all the same); draw floor '.' there, or remove [endless] to make "
                "a level won at its exit", self._row_line(row), c + 1, "map.rows"))
        for where, z in k["zones"]:
            if z.role == "exit":
                r.problem("conflict", f"{where}.role", f"zone '{z.id}' has role = \"exit\", but an endless level has no "
                          "way out: the night ends only when the squad is down, so it does nothing; make it "
                          "role = \"area\" (or remove [endless] to make a level won at its exit)")

    def _spawners_keep_coming(self, spawners: list[tuple[str, SpawnerSpec]]) -> None:
        """An endless night lasts while something keeps coming: at least one spawner never stops
        (no 'stop_seconds', no 'total'), or the night goes quiet and a squad that outlasts what
        came is never overrun; and one starts within the ENDLESS_HEADLESS_SECONDS a headless run
        plays (spawners that start after ten hours passed the check, and every bot "held out")."""
        r = self.r
        if all(sp.stop_seconds is not None or sp.total is not None for _, sp in spawners):
            ends = [f"'{sp.id}' " + (f"at {sp.stop_seconds:g} s" if sp.stop_seconds is not None else
                                     f"after {sp.total} zombie{'s' if sp.total != 1 else ''}")
                    for _, sp in spawners[:4]]
            where, first = spawners[0]
            r.problem("conflict", f"{where}.{'stop_seconds' if first.stop_seconds is not None else 'total'}",
                      f"every spawner stops ({', '.join(ends)}{' and more' if len(spawners) > 4 else ''}): after that "
                      "nothing more comes all night, and a squad that outlasts what came is never overrun; let at least "
                      "one keep coming (remove its 'stop_seconds' and 'total')")
        where, first = min(spawners, key=lambda item: item[1].start_seconds)
        if first.start_seconds >= ENDLESS_HEADLESS_SECONDS:
            cap = f"{ENDLESS_HEADLESS_SECONDS / 60:g} min"
            r.problem("conflict", f"{where}.start_seconds", f"no spawner starts before {cap} (the first, '{first.id}', "
                      f"at {first.start_seconds:g} s): nothing keeps coming until then, and `hyosan check --playtest` plays "
                      f"an endless night for {cap}, so every bot would hold out against nothing; start one sooner")

    def _row_line(self, row: int) -> int | None:
        """The file's line of map row ``row`` (counted from 0), or None when not known."""
        rows_text = (self.r.doc or {}).get("map", {}).get("rows")
        first = _first_row_line(self.r, rows_text) if isinstance(rows_text, str) else None
        return first + row if first else None

    def _crowding(self, groups: list[tuple[str, Any]], difficulty: str, most: DifficultySpec) -> None:
        """No group or wave packs more than MAX_ZOMBIES_PER_TILE onto each open tile of its area
        (at the difficulty with the largest horde): every zombie pushes on every other within a
        tile and a half, and 84 a tile took seconds a tick and gigabytes."""
        for where, z in groups:
            open_tiles = self.open_tiles(z.zone)
            count = round(z.count * most.horde)
            if open_tiles and count > MAX_ZOMBIES_PER_TILE * open_tiles:
                at = f" at the {difficulty} difficulty (horde = {most.horde:g})" if most.horde != 1.0 else ""
                self.r.problem("too-dense", f"{where}.count",
                               f"{count} zombies{at} on the {open_tiles} open tile{'s' if open_tiles != 1 else ''} of its "
                               f"area is {count / open_tiles:.1f} a tile; at most {MAX_ZOMBIES_PER_TILE} a tile: give it a "
                               f"larger zone or fewer zombies")

    def _spawner_crowding(self, spawners: list[tuple[str, SpawnerSpec]], endless: EndlessSpec | None,
                          difficulty: str, most: DifficultySpec) -> None:
        """A spawner sends its arrivals once a second, all onto its area at once: no more than
        MAX_ZOMBIES_PER_TILE a tile of it, as for a group or a wave. At most per_minute / 60 of
        them a second (x ramp_max on an endless night; the horde multiplier does not touch
        per_minute) and never more than max_alive (x horde, x ramp_max) in all. A spawner of
        6000 a minute into a 12-tile corridor passed, and put 2000 a second there. Its max_alive
        alone is not held to the limit: its arrivals move off as they come (The Roof's spawner on
        a 4-tile stairhead may have 126 up by the end of the night, sent 0.3 a second)."""
        ramp = endless.ramp_max if endless is not None else 1.0
        for where, sp in spawners:
            open_tiles = self.open_tiles(sp.zone)
            per_second = math.ceil(sp.per_minute * ramp / 60 - 1e-9)
            at_once = min(per_second, round(sp.max_alive * most.horde * ramp))
            if not open_tiles or at_once <= MAX_ZOMBIES_PER_TILE * open_tiles:
                continue
            how = f"per_minute {sp.per_minute:g}" + (f" x ramp_max {ramp:g}" if ramp != 1.0 else "")
            cap = ""
            if at_once < per_second:  # max_alive is what stops it
                cap = f"; max_alive {sp.max_alive}" + \
                    (f" x horde {most.horde:g} at the {difficulty} difficulty" if most.horde != 1.0 else "") + \
                    (f" x ramp_max {ramp:g}" if ramp != 1.0 else "")
            self.r.problem("too-dense", f"{where}.per_minute",
                           f"up to {at_once} zombies arrive at once ({how}, sent once a second{cap}) on the "
                           f"{open_tiles} open tile{'s' if open_tiles != 1 else ''} of its area, {at_once / open_tiles:.1f} "
                           f"a tile; at most {MAX_ZOMBIES_PER_TILE} a tile: give it a larger zone or a lower per_minute")

    def _off_doorways(self, where: str, area: tuple[float, ...], raw: dict[str, Any], named: str,
                      door_ids: dict[tuple[int, int], str]) -> None:
        """Zombies appear on any open tile of their area, a doorway too: there the door cannot
        shut or be locked (a designer's spawn point on a door tile poured its spawner out in the
        doorway, and the door stood open all night)."""
        g = self.grid
        doors = [t for t in _rect_tiles(area) if 0 <= t[0] < g.width and 0 <= t[1] < g.height
                 and g.kind_at(*t) == "door"]
        if not doors:
            return
        c, row = doors[0]
        door = f" (door '{door_ids[(c, row)]}')" if (c, row) in door_ids else ""
        tile = f"door tile{'s' if len(doors) > 1 else ''} {', '.join(str(list(t)) for t in doors[:4])}" + \
            (" and more" if len(doors) > 4 else "")
        why = f"zombies would appear in the doorway{door}, where the door cannot be shut or locked on them"
        if "at_spawn" in raw:
            self.r.problem("bad-position", f"{where}.at_spawn", f"spawn point '{raw['at_spawn']}': the 1-tile square its "
                           f"zombies appear in, {list(area)}, takes in {tile}: {why}; move the point off the doorway "
                           "(they appear within half a tile of it: keep it a whole tile from the door tile's centre)")
        else:
            self.r.problem("bad-position", f"{where}.{'in_zone' if 'in_zone' in raw else 'zone'}",
                           f"{named} takes in {tile}: {why}; keep the area off door tiles")

    def _spawners_reach_the_squad(self, spawners: list[tuple[str, SpawnerSpec]], start: tuple[int, int]) -> None:
        """On an endless night, some spawner's zombies can walk to the squad: a crowd can force
        any door, so doors count as open, but walls, windows, edges, fall zones and void stop
        it. Every spawner sealed off (a designer's in an office walled in on every side) and
        the night is never lost: the squad has only the placed groups and waves to outlast."""
        g = self.grid
        region = _walk_region(g, start, blocked=self.drops)
        areas = []
        for where, sp in spawners:
            tiles = {t for t in _rect_tiles(sp.zone) if 0 <= t[0] < g.width and 0 <= t[1] < g.height
                     and g.kind_at(*t) not in SOLID and t not in self.drops}
            if tiles & region:
                return
            areas.append((where, sp, tiles))
        where, sp, tiles = areas[0]
        raw = self.r.entry(where)
        key = next((k for k in ("in_zone", "at_spawn", "zone") if k in raw), "zone")
        way = _fewest_in_the_way(g, start, tiles, self.drops)
        shown = ", ".join(f"{kind} at [{c}, {row}]" for (c, row), kind in way[:4]) + \
            (f" and {len(way) - 4} more" if len(way) > 4 else "")
        which = f"the area of spawner '{sp.id}' is" if len(areas) == 1 else \
            f"the area of every spawner (the first: '{sp.id}') is"
        self.r.problem("unreachable-place", f"{where}.{key}", f"{which} sealed off from the squad spawn 'S' at "
                       f"[{start[0]}, {start[1]}]: no zombie {'it sends' if len(areas) == 1 else 'they send'} can walk to the "
                       "squad (doors count as open, as a "
                       "crowd can force them; walls, windows, edges, fall zones and void block), so the night is never "
                       "lost; open a way" + (f" (the fewest tiles in the way: {shown}; tiles as [column, row])" if way else "")
                       + " or move a spawner where the horde can reach the squad")

    def check(self, **k: Any) -> None:
        r, g = self.r, self.grid
        seen: dict[str, str] = {}
        for key in ("doors", "props", "joints", "squad", "zones", "points", "sounds", "stations", "objectives", "waves", "spawners", "lights"):
            for item in k[key]:
                where, spec = item[0], item[1]
                if not spec.id:
                    continue
                if spec.id in seen:
                    r.problem("duplicate-id", f"{where}.id", f"id '{spec.id}' is already used by {self.named(seen[spec.id])}; "
                              "ids must be unique in a level: rename one")
                else:
                    seen[spec.id] = where
        zombie_ids: dict[str, str] = {}
        for where, z in k["zombies"]:
            if z.id and (z.id in seen or z.id in zombie_ids):
                r.problem("duplicate-id", f"{where}.id", f"id '{z.id}' is already used by "
                          f"{self.named(seen.get(z.id) or zombie_ids[z.id])}; ids must be unique in a level: rename one")
            zombie_ids[z.id] = where
        self._crowding(k["zombies"] + k["waves"], *k["most_horde"])
        self._spawner_crowding(k["spawners"], k["endless"], *k["most_horde"])

        door_tiles = set(g.tiles_of("door"))
        for where, d in k["doors"]:
            c, row = d.tile
            swapped = (f"; [{row}, {c}] is a door tile: is it [column, row] the other way round?"
                       if (row, c) in door_tiles and (row, c) not in {e.tile for _, e in k["doors"]} else "")
            if not (0 <= c < g.width and 0 <= row < g.height):
                r.problem("off-map", f"{where}.tile", f"door '{d.id}' at {list(d.tile)} is outside the "
                          f"{g.width}x{g.height} map{swapped}", item=0 if not 0 <= c < g.width else 1)
            elif swapped and d.tile not in door_tiles:
                r.problem("bad-ref", f"{where}.tile", f"door '{d.id}' is at {list(d.tile)}, where the map has "
                          f"{g.rows[row][c]!r} ({g.kind_at(c, row)}), not a door tile{swapped}")
            elif d.tile not in door_tiles:
                free = sorted(door_tiles - {e.tile for _, e in k["doors"]}, key=lambda t: (abs(t[0] - c) + abs(t[1] - row), t))
                hint = (f"; the nearest door tile without a door is {list(free[0])}" if free
                        else "; put a door tile ('D' in the default legend) in the map there first")
                r.problem("bad-ref", f"{where}.tile", f"door '{d.id}' is at {list(d.tile)}, where the map has "
                          f"{g.rows[row][c]!r} ({g.kind_at(c, row)}), not a door tile; [col, row] count from 0{hint}")
            else:
                self._hinge_fits(where, d, door_tiles)
        lone = sorted(door_tiles - {d.tile for _, d in k["doors"]}, key=lambda t: (t[1], t[0]))
        if lone and all(d.tile in door_tiles for _, d in k["doors"]):
            # drawn as a doorway with no door in it: half a double door stood open (a door off its
            # tile is said above, with the free door tile nearest it)
            r.problem("lone-door", "map.rows", f"door tile{'s' if len(lone) > 1 else ''} "
                      f"{', '.join(str(list(t)) for t in lone[:6])}{' and more' if len(lone) > 6 else ''} "
                      f"{'have' if len(lone) > 1 else 'has'} no [[doors]] entry: add one with tile = "
                      f"{list(lone[0])} for each, or draw an open doorway as floor '.'")
        door_ids = {d.tile: d.id for _, d in k["doors"]}
        spawns = g.tiles_of("spawn")
        if not spawns:
            remapped = dict(g.legend).get("S") if any("S" in row for row in g.rows) else None
            hint = (f" ('S' is on the map, but [map.legend] makes it {remapped!r}: give the spawn tile another "
                    "character, or drop that legend entry)" if remapped not in (None, "spawn") else "")
            r.problem("no-spawn", "map.rows", f"the map has no squad spawn: put one 'S' where the squad starts{hint}")
        elif len(spawns) > 1:
            r.problem("many-spawns", "map.rows", f"the map needs exactly one squad spawn 'S', found {len(spawns)} at "
                      + ", ".join(str(list(s)) for s in spawns[:5]))
        if not k["squad"]:
            r.problem("no-squad", "squad", "the level needs at least one [[squad]] student")
        props = {p.id: p for _, p in k["props"]}
        for where, p in k["props"]:
            # (a prop whose centre is off the map or in a wall is told once, not again for its footprint)
            if self.on_map(f"{where}.at", f"prop '{p.id}'", p.at) and p.type in k["prop_types"]:
                self.clear_of_walls(where, p, k["prop_types"][p.type])
            if p.falls_onto is not None:
                x0, y0, x1, y1 = p.falls_onto
                if x0 < 0 or y0 < 0 or x1 > g.width or y1 > g.height:
                    r.problem("off-map", f"{where}.falls_onto", f"prop '{p.id}' would fall onto {list(p.falls_onto)}, "
                              f"outside the {g.width}x{g.height} map")
                holding = [j for _, j in k["joints"] if p.id in (j.a, j.b)]
                if not holding:
                    r.problem("bad-ref", f"{where}.falls_onto", f"prop '{p.id}' has 'falls_onto' but no [[joints]] entry "
                              f"holds it up (a = '{p.id}' or b = '{p.id}'), so it never falls: tie it with a joint "
                              "that can break (a 'break_force') or be uncoupled (a 'coupling')")
                elif all(j.break_force is None and j.kind != "coupling" for j in holding):
                    r.problem("conflict", f"{where}.falls_onto", f"prop '{p.id}' has 'falls_onto' but none of the joints "
                              f"holding it up ({', '.join(repr(j.id) for j in holding)}) can let go, so it never falls: "
                              "give one a 'break_force' (its tie snaps) or make it a 'coupling' (E knocks it loose)")
        self.clear_of_each_other(k["props"], k["prop_types"])
        squad = {s.id: s for _, s in k["squad"]}
        leads = [(w, s.id) for w, s in k["squad"] if s.lead]
        if len(leads) > 1:
            r.problem("conflict", f"{leads[1][0]}.lead", f"only one student can be the lead; found "
                      f"{', '.join(i for _, i in leads)}: remove 'lead = true' from all but one")
        falls = [z for _, z in k["zones"] if z.role == "fall"]
        self.drops = {(c, row) for z in falls for c, row in _rect_tiles(z.rect) if 0 <= c < g.width and 0 <= row < g.height}
        allies = {p.student for _, p in k["points"] if p.role == "ally"}  # (they start at their spawn point)
        for where, s in k["squad"]:
            if s.id in allies:
                continue
            start = s.at if s.at != (-1.0, -1.0) else (spawns[0][0] + 0.5, spawns[0][1] + 0.5) if len(spawns) == 1 else None
            if s.at != (-1.0, -1.0):
                self.on_map(f"{where}.at", f"student '{s.id}'", s.at)
            drop = next((z for z in falls if start is not None and _in_fall_zone(z.rect, start)), None)
            if drop is not None:
                r.problem("bad-position", f"{where}.at" if s.at != (-1.0, -1.0) else where,
                          f"student '{s.id}' starts at {[round(v, 2) for v in start]}, inside fall zone '{drop.id}': "
                          "it would go over on the first tick; move it (or the zone) onto floor")
        self.students_clear_of_props([(w, s.id, s.at) for w, s in k["squad"] if s.at != (-1.0, -1.0)], k["props"],
                                     k["prop_types"])
        for where, z in k["zones"]:
            x0, y0, x1, y1 = z.rect
            if x0 < 0 or y0 < 0 or x1 > g.width or y1 > g.height:
                r.problem("off-map", f"{where}.rect", f"zone '{z.id}' {list(z.rect)} reaches outside the {g.width}x{g.height} map; "
                          f"keep 0 <= x0 < x1 <= {g.width} and 0 <= y0 < y1 <= {g.height}{self.px_hint(tuple(z.rect))}",
                          item=self.first_off_map(z.rect))
        for where, p in k["points"]:
            self.on_map(f"{where}.at", f"spawn point '{p.id}'", p.at)
            self.off_drops(f"{where}.at", f"spawn point '{p.id}'", p.at, falls, "whoever appears there would fall")
        self.check_allies(k["points"], k["squad"], {z.id for _, z in k["zones"]})
        for key in ("zombies", "waves", "spawners"):
            for where, z in k[key]:
                x0, y0, x1, y1 = z.zone
                raw = r.entry(where)
                if not (x0 < 0 or y0 < 0 or x1 > g.width or y1 > g.height):
                    named = f"zone '{raw['in_zone']}' {list(z.zone)}" if "in_zone" in raw else f"'zone' {list(z.zone)}"
                    if "at_spawn" not in raw and not self.has_open_tile(z.zone):  # a spawn point is checked itself
                        r.problem("bad-position", f"{where}.{'in_zone' if 'in_zone' in raw else 'zone'}",
                                  f"{named} covers only wall, window or void tiles, so these zombies would never "
                                  "appear; move it onto floor")
                    elif "at_spawn" not in raw and not self.has_footing(z.zone):
                        r.problem("bad-position", f"{where}.{'in_zone' if 'in_zone' in raw else 'zone'}",
                                  f"{named} is all drop (edge tiles or a fall zone), so these zombies would fall as "
                                  "they appear; move it onto floor beside the drop")
                    else:
                        self._off_doorways(where, z.zone, raw, named, door_ids)
                    continue
                if "in_zone" in raw:
                    continue  # a zone named with in_zone is reported once, as that zone
                if "at_spawn" in raw:
                    r.problem("off-map", f"{where}.at_spawn", f"spawn point '{raw['at_spawn']}' is too near the map's edge: "
                              f"the 1-tile square they appear in, {list(z.zone)}, reaches outside the {g.width}x{g.height} map; "
                              "move the point half a tile in")
                else:
                    r.problem("off-map", f"{where}.zone", f"'zone' {list(z.zone)} reaches outside the {g.width}x{g.height} map; "
                              f"keep 0 <= x0 < x1 <= {g.width} and 0 <= y0 < y1 <= {g.height}{self.px_hint(tuple(z.zone))}",
                              item=self.first_off_map(z.zone))
        for where, j in k["joints"]:
            self.ref(f"{where}.a", j.a, props, "prop")
            self.ref(f"{where}.b", j.b, props, "prop")
            if j.a and j.a == j.b:
                r.problem("bad-ref", f"{where}.b", f"joint '{j.id}' ties prop '{j.a}' to itself")
            elif j.a in props and (j.b in props or not j.b):
                # px: the two ends as the level starts (b's anchor is in world tiles when b is the floor)
                gap = math.dist(_anchor_px(props[j.a], j.anchor_a), _anchor_px(props[j.b], j.anchor_b) if j.b
                                else (j.anchor_b[0] * TILE_PX, j.anchor_b[1] * TILE_PX))
                pulled = f"'{j.a}' and '{j.b}' together" if j.b else f"'{j.a}' to its point on the floor {list(j.anchor_b)}"
                if j.kind == "coupling" and j.coupled and gap > COUPLE_START_GAP_PX:
                    r.problem("conflict", f"{where}.anchor_a", f"coupling '{j.id}' starts coupled, but its anchors are "
                              f"{gap:.0f} px apart as the level starts (at most {COUPLE_START_GAP_PX:g}): the latch "
                              f"would yank {pulled} on the first tick; move the props or their "
                              "anchors together, or set coupled = false")
                elif j.kind == "rope" and j.length is not None and j.length * TILE_PX < gap - ROPE_START_SLACK_PX:
                    apart = math.ceil(gap / TILE_PX * 100) / 100  # tiles, rounded up: a rope that long starts slack
                    r.problem("conflict", f"{where}.length", f"rope '{j.id}' is {j.length:g} tiles long, but its ends "
                              f"start {apart:g} tiles apart: it would yank {pulled} on the first tick; "
                              f"make it at least {apart:g} tiles (or leave 'length' out: the distance at start)")
        sounds = {s.id: s for _, s in k["sounds"]}
        for where, s in k["sounds"]:
            self.ref(f"{where}.attached_to", s.attached_to, props, "prop")
            raw = k["raw_sounds"].get(s.id, {})
            if "at" in raw and s.attached_to:
                r.problem("conflict", f"{where}.at", f"sound '{s.id}' has both 'at' and 'attached_to': it sounds where "
                          f"prop '{s.attached_to}' is, so 'at' is never used; keep one")
            if s.kind in MOVING_SOUND_KINDS:
                lacks = [w for w, bad in ((f"a 'path' of at least 2 waypoints (it has {len(s.path)})", len(s.path) < 2),
                                          ("a 'speed' > 0", s.speed <= 0)) if bad]
                if lacks:
                    r.problem("missing-key", where, f"{s.kind} '{s.id}' needs {' and '.join(lacks)}")
                for i, pt in enumerate(s.path):
                    self.on_map(f"{where}.path[{i}]", f"waypoint {i} of {s.kind} '{s.id}'", pt, open_floor=False)
                if s.path:
                    self.heard_from(f"{where}.path[{len(s.path) - 1}]", f"the last waypoint of {s.kind} '{s.id}' "
                                    "(where it hovers)", s.path[-1])
            elif "at" not in raw and not s.attached_to:
                r.problem("missing-key", where, f"sound '{s.id}' needs 'at' (or 'attached_to' a prop)")
            elif "at" in raw:
                self.on_map(f"{where}.at", f"sound '{s.id}'", s.at, open_floor=False)
                self.heard_from(f"{where}.at", f"sound '{s.id}'", s.at)
        stations = {s.id: s for _, s in k["stations"]}
        for where, st in k["stations"]:
            self.on_map(f"{where}.at", f"station '{st.id}'", st.at)
            self.off_drops(f"{where}.at", f"station '{st.id}'", st.at, falls, "a student who went to work it would fall")
            for i, t in enumerate(st.triggers):
                self.ref(f"{where}.triggers[{i}]", t, sounds, "sound")
            if st.kind == "bait" and not st.triggers:
                r.problem("bait-silent", f"{where}.triggers",
                          f"bait station '{st.id}' must trigger a sound (the noise the student left behind makes)")
        for where, label in k["labels"]:
            self.on_map(f"{where}.at", f"label '{label.text}'", label.at, open_floor=False)
        waited_on = {o.event[10:] for _, o in k["objectives"] if o.event.startswith("sound-end:")}  # said there, in full
        misspelt = any(t not in sounds for st in stations.values() for t in st.triggers)  # its unknown-ref says it
        for where, snd in k["sounds"]:
            if not misspelt and snd.start_seconds is None and not snd.attached_to and snd.id not in waited_on and \
                    not any(snd.id in st.triggers for st in stations.values()):
                r.problem("conflict", f"{where}.id", f"sound '{snd.id}' never sounds: no station triggers it, it has no "
                          "'start_seconds' and sits on no prop; add it to a station's 'triggers', give it "
                          "'start_seconds', or remove it")
        for where, lt, raw in k["lights"]:
            if lt.kind == "torch":
                if not lt.carried_by:
                    r.problem("missing-key", where, f"torch '{lt.id}' needs 'carried_by' (a squad id)")
                self.ref(f"{where}.carried_by", lt.carried_by, squad, "student")
            elif "at" not in raw:
                r.problem("missing-key", where, f"lamp '{lt.id}' needs 'at'")
            elif lt.carried_by:
                r.problem("conflict", f"{where}.carried_by", f"lamp '{lt.id}' stands where 'at' puts it, so "
                          "'carried_by' is never used: remove it, or make it kind = \"torch\" for a light a student carries")
            else:
                self.on_map(f"{where}.at", f"lamp '{lt.id}'", lt.at, open_floor=False)
            if lt.radius > max(self.grid.width, self.grid.height):  # (a designer's 80 on a 48x15 map, meant as px)
                r.problem("out-of-range", f"{where}.radius", f"{lt.kind} '{lt.id}' has radius {lt.radius:g} tiles, wider "
                          f"than the whole {self.grid.width}x{self.grid.height} map: 'radius' is in tiles "
                          f"({lt.radius:g} px would be {lt.radius / TILE_PX:g}); for a level lit all over, set "
                          "[light] ambient instead", at_value=True)
        for where, d in k["doors"]:
            self.ref(f"{where}.key", d.key, stations, "station")
            if d.key and not d.locked:
                r.problem("conflict", f"{where}.key", f"door '{d.id}' has a 'key' but is not locked, so it opens "
                          "freely (and once the squad locks it, only the key station unlocks it again): add "
                          "locked = true for a padlocked door, or remove 'key'")
        for where, st in k["stations"]:
            self.ref(f"{where}.needs", st.needs, stations, "station")
        zones = {z.id: z for _, z in k["zones"]}
        waves = {w.id: w for _, w in k["waves"]}
        needs_exit = not k["objectives"] and k["endless"] is None
        readers = {"seconds": "survive-seconds", "station": "use-station", "zone": "reach-zone", "event": "hold-until-event"}
        if k["objectives"] and all(o.optional for _, o in k["objectives"]):
            where, first = k["objectives"][0]
            r.problem("conflict", f"{where}.optional", f"every objective is optional, so the level is won on its "
                      f"first tick: make at least one required (remove 'optional' from '{first.id}', say)")
        for where, o in k["objectives"]:
            need = {"survive-seconds": ("seconds", o.seconds), "use-station": ("station", o.station),
                    "reach-zone": ("zone", o.zone), "hold-until-event": ("event", o.event)}.get(o.kind)
            if need and not need[1]:
                r.problem("missing-key", where, f"a {o.kind} objective needs '{need[0]}'")
            for key, reader in readers.items():  # a key this kind never reads would silently do nothing
                if key in r.entry(where) and reader != o.kind:
                    r.problem("conflict", f"{where}.{key}", f"'{key}' does nothing on a {o.kind} objective (only "
                              f"{reader} reads it): remove it, or make the objective's kind {reader}")
            self.ref(f"{where}.station", o.station, stations, "station")
            self.ref(f"{where}.zone", o.zone, zones, "zone")
            if o.event:
                kind, _, ident = o.event.partition(":")
                table = {"station": (stations, "station"), "sound-end": (sounds, "sound"), "wave-end": (waves, "wave")}.get(kind)
                if table is None:
                    fixed = kind.strip().lower().replace("_", "-").replace(" ", "-")  # 'sound_end' for 'sound-end'
                    guess = next((f"{k}:{o.event}" for k, ids in (("station", stations), ("sound-end", sounds),
                                                                    ("wave-end", waves)) if o.event in ids), "") or \
                        (f"{fixed}:{ident}" if fixed in ("station", "sound-end", "wave-end") and ident else "")
                    r.problem("bad-value", f"{where}.event", f"event {o.event!r} must be station:<id>, sound-end:<id> or wave-end:<id>"
                              + (f"; did you mean '{guess}'?" if guess else ""), at_value=True)
                else:
                    self.ref(f"{where}.event", ident, table[0], table[1])
            needs_exit |= o.kind == "reach-exit"
            if o.kind == "reach-exit" and o.optional:
                r.problem("conflict", f"{where}.optional", f"objective '{o.id}' is an optional reach-exit, so reaching "
                          "the exit never ends the level: it is won the moment its required objectives are done, "
                          "wherever the squad stands; remove 'optional'")
            if o.event.startswith("sound-end:") and o.event[10:] in sounds:
                snd = sounds[o.event[10:]]
                if snd.start_seconds is None and not snd.attached_to and \
                        not any(snd.id in st.triggers for st in stations.values()):
                    r.problem("conflict", f"{where}.event", f"objective '{o.id}' waits for sound '{snd.id}' to end, but "
                              "nothing starts it (no station triggers it, it has no 'start_seconds' and sits on no "
                              "prop), so the objective is never done: add it to a station's 'triggers' or give it "
                              "'start_seconds'")
        self._timing(k, stations)
        for i, rule in enumerate(k["lose"]):
            kind, _, ident = rule.partition(":")
            if kind == "student-lost" and ident:
                self.ref(f"lose[{i}]", ident, squad, "student")
            elif rule not in ("everyone-down", "time"):
                r.problem("bad-value", f"lose[{i}]", f"lose condition {rule!r} is not one of everyone-down, time, student-lost:<id>"
                          f"{suggest(kind, ['everyone-down', 'time', 'student-lost'], 'conditions')}", at_value=True)
        weather, top = k["weather"], k["top"]
        if weather.lightning_at and weather.lightning_mean_interval_seconds is not None:
            r.problem("conflict", "weather.lightning_mean_interval_seconds",
                      "use either a fixed 'lightning_at' schedule or random 'lightning_mean_interval_seconds', not both")
        if list(weather.lightning_at) != sorted(weather.lightning_at):
            r.problem("bad-value", "weather.lightning_at", "'lightning_at' times must be in ascending order", at_value=True)
        if top["par_seconds"] > top["time_limit_seconds"]:
            unset = " (par_seconds is not set: 120 s by default)" if "par_seconds" not in r.scan.keys else ""
            r.problem("conflict", "par_seconds", f"par time {top['par_seconds']:g} s{unset} is longer than the time limit "
                      f"{top['time_limit_seconds']:g} s, so 3 stars are impossible; set par_seconds under the time limit")
        if k["endless"] is not None:
            self._check_endless(k["endless"], k)
        if k["stars"].two_star_survivors > len(k["squad"]):
            r.problem("out-of-range", "stars.two_star_survivors", f"2 stars need {k['stars'].two_star_survivors} survivors "
                      f"but the squad has {len(k['squad'])} student{'s' if len(k['squad']) != 1 else ''}; set 'two_star_survivors' to at most {len(k['squad'])}", at_value=True)
        if r.problems:
            return
        exits = set(g.tiles_of("exit"))
        for _, z in k["zones"]:
            if z.role == "exit":
                x0, y0, x1, y1 = z.rect
                exits |= {(c, row) for row in range(int(y0), int(-(-y1 // 1))) for c in range(int(x0), int(-(-x1 // 1)))}
        if k["endless"] is not None and k["spawners"]:
            self._spawners_reach_the_squad(k["spawners"], spawns[0])
        if needs_exit and not exits:
            why = ("the level has a reach-exit objective" if k["objectives"] else
                   "a level with no [[objectives]] is won at its exit")
            r.problem("no-exit", "map.rows", f"{why}, but the map has no exit: add 'E' tiles or a zone with "
                      "role = \"exit\" (or an [endless] table, for a level that is only held)")
        elif needs_exit and exits <= self.drops:
            zone = next(z.id for z in falls if set(_rect_tiles(z.rect)) & exits)
            r.problem("unreachable-exit", "map.rows", f"every exit tile is inside fall zone '{zone}', so the squad "
                      "would fall before it got out: move the exit (or the zone) so some of it is on floor")
        elif needs_exit and not _reachable(g, spawns[0], exits, blocked=self.drops):
            way = _fewest_in_the_way(g, spawns[0], exits, self.drops)
            shown = ", ".join(f"{kind} at [{c}, {row}]" for (c, row), kind in way[:4]) + \
                (f" and {len(way) - 4} more" if len(way) > 4 else "")
            r.problem("unreachable-exit", "map.rows", f"no exit can be reached from the squad spawn 'S' at "
                      f"[{spawns[0][0]}, {spawns[0][1]}] by walking (doors count as open; walls, windows, edges, "
                      f"fall zones and void block); the fewest tiles in the way: {shown} (tiles as [column, row], from 0)")
        # A zone or station an objective sends the squad to must be walkable from 'S' too:
        # walled in, the level cannot be won and greedy's "NEVER WON" would be the first word of it.
        walked: set[tuple[int, int]] | None = None
        for where, o in k["objectives"]:
            station = o.worked_station
            if o.kind == "reach-zone" and o.zone in zones:
                x0, y0, x1, y1 = zones[o.zone].rect
                tiles = {(c, row) for row in range(int(y0), int(-(-y1 // 1))) for c in range(int(x0), int(-(-x1 // 1)))}
                what, field = f"zone '{o.zone}'", f"{where}.zone"
            elif station in stations:
                tiles = {(int(stations[station].at[0]), int(stations[station].at[1]))}
                what, field = f"station '{station}'", f"{where}.{'station' if o.kind == 'use-station' else 'event'}"
            else:
                continue
            walked = _walk_region(g, spawns[0], blocked=self.drops) if walked is None else walked
            if not tiles & walked:
                r.problem("unreachable-place", field, f"objective '{o.id}' sends the squad to {what}, which cannot be "
                          "reached from the squad spawn 'S' by walking (doors count as open; walls, windows, edges, "
                          "fall zones and void block)")
        # Padlocks open in the order the squad can reach their keys: walk from 'S' with every
        # padlocked door shut, use each station reached (once what it needs is used), open the
        # doors those keys unlock, and walk again. A door still shut at the end has its keys
        # behind itself (a designer's lobby keys sat in the lobby) or behind another padlock
        # whose keys lie behind the first (two rooms, each holding the other's keys): the check
        # passed both and no bot or player could win.
        door_kind_tiles = set(g.tiles_of("door"))
        padlocks = [(where, d, _run_of(d.tile, door_kind_tiles))  # a double door opens together: shut all its leaves
                    for where, d in k["doors"] if d.locked and d.key in stations]
        if not padlocks:
            return
        walked = _walk_region(g, spawns[0], blocked=self.drops) if walked is None else walked
        used, region, shut = _open_padlocks(g, spawns[0], padlocks, stations, set(stations), self.drops)
        said_through: set[frozenset[tuple[int, int]]] = set()  # double doors already said to hide their own keys
        for where, d, leaves in padlocks:
            key_tile = _tile_at(stations[d.key].at)
            if d.key in used:
                continue
            if key_tile not in walked:  # (a station in a wall or over a drop was said where it stands)
                r.problem("unreachable-place", f"{where}.key", f"door '{d.id}' is padlocked with station '{d.key}', "
                          "which cannot be reached from the squad spawn 'S' at all, even with every door open: "
                          "open a way to it")
                continue
            if key_tile in region:  # reached, but what it needs never is
                r.problem("unreachable-place", f"{where}.key", f"door '{d.id}' is padlocked with station '{d.key}', "
                          f"which needs station '{stations[d.key].needs}' first, and the squad can never use that: "
                          "put it where the squad can reach it before this door")
                continue
            # The shut padlocks next to the key's side of the map: the doors in its way.
            beyond = _walk_region(g, key_tile, blocked=shut | self.drops)
            in_way = [(w2, d2) for w2, d2, leaves2 in padlocks if d2.key not in used and any(
                n in beyond for c, row in leaves2 for n in ((c + 1, row), (c - 1, row), (c, row + 1), (c, row - 1)))]
            # (a double door's leaves are one door: a key behind it is behind the door itself, not
            # behind "another" padlock that locks this one; said once for the pair)
            pair = [d2.id for _, d2, leaves2 in padlocks if leaves2 == leaves]
            if all(d2.id in pair for _, d2 in in_way):
                if len(pair) > 1:
                    if frozenset(leaves) in said_through:
                        continue
                    said_through.add(frozenset(leaves))
                    door = f"the double door {' / '.join(repr(i) for i in pair)}"
                else:
                    door = f"door '{d.id}'"
                r.problem("unreachable-place", f"{where}.key", f"{door} is padlocked with station '{d.key}', but "
                          "the squad can only reach that station through the door itself: put the station on the "
                          "squad's side of the door")
            else:
                others = ", ".join(f"'{d2.id}' (padlocked with '{d2.key}')" for _, d2 in in_way if d2.id not in pair)
                r.problem("unreachable-place", f"{where}.key", f"door '{d.id}' is padlocked with station '{d.key}', but "
                          f"that station is behind {others}, whose keys the squad cannot reach first either: "
                          "the padlocks lock each other; put one of their stations where the squad can reach it")
        if not r.problems:
            self._keys_kept_for_later(k, padlocks, stations, zones, exits, spawns[0], used)

    def _keys_kept_for_later(self, k: dict[str, Any], padlocks: list[tuple[str, DoorSpec, set[tuple[int, int]]]],
                             stations: dict[str, StationSpec], zones: dict[str, ZoneSpec],
                             exits: set[tuple[int, int]], start: tuple[int, int], openable: set[str]) -> None:
        """Objectives are done in order, and a station a later required use-station objective
        names works only once that objective is current: its padlock stays shut until then. A
        designer listed reach-exit first and the keys to the exit's padlock second; the squad
        stood locked in for the whole clock. Each required objective's place must be reachable
        with only the keys usable by its turn (``openable``: the stations usable at all)."""
        required = [(w, o) for w, o in k["objectives"] if not o.optional]
        turn: dict[str, int] = {}  # station id -> the index (in ``required``) of the objective that frees it
        for i, (_, o) in enumerate(required):
            if o.kind == "use-station" and o.station in stations:
                turn.setdefault(o.station, i)
        if not any(d.key in turn for _, d, _ in padlocks):
            return
        for i, (where, o) in enumerate(required):
            if o.kind == "reach-exit":
                place = exits
            elif o.kind == "reach-zone" and o.zone in zones:
                place = set(_rect_tiles(zones[o.zone].rect))
            elif o.kind == "use-station" and o.station in stations:
                place = {_tile_at(stations[o.station].at)}
            else:
                continue
            usable = {sid for sid in stations if turn.get(sid, -1) <= i}
            _, region, shut = _open_padlocks(self.grid, start, padlocks, stations, usable, self.drops, also=exits)
            if place & region:
                continue
            held = [(d, required[turn[d.key]][1]) for _, d, leaves in padlocks
                    if leaves <= shut and d.key in openable and turn.get(d.key, -1) > i]
            if held:
                d, later = held[0]
                self.r.problem("conflict", f"{where}.kind", f"objective '{o.id}' needs the squad past door '{d.id}', "
                               f"padlocked with station '{d.key}', but that station works only once objective "
                               f"'{later.id}' is current, and it comes later: put '{later.id}' before '{o.id}' "
                               "(or make it optional, so the station works at any time)")
                return


def _open_padlocks(grid: MapSpec, start: tuple[int, int], padlocks: list[tuple[str, DoorSpec, set[tuple[int, int]]]],
                   stations: dict[str, StationSpec], usable: set[str], drops: set[tuple[int, int]],
                   also: set[tuple[int, int]] = frozenset()) -> tuple[set[str], set[tuple[int, int]], set[tuple[int, int]]]:
    """Walk from ``start`` with every padlocked door shut, use each ``usable`` station reached
    (once what it ``needs`` is used), open the doors those keys unlock, and walk again until
    nothing more opens. Returns the stations used, the tiles reached and the door tiles still shut."""
    used: set[str] = set()
    while True:
        shut = set().union(*(leaves for _, d, leaves in padlocks if d.key not in used))
        region = _walk_region(grid, start, also, shut | drops)
        newly = {s.id for s in stations.values() if s.id in usable and s.id not in used
                 and _tile_at(s.at) in region and (not s.needs or s.needs in used)}
        if not newly:
            return used, region, shut
        used |= newly


def _tile_at(at: tuple[float, float]) -> tuple[int, int]:
    """The tile (col, row) a point given in tiles stands on."""
    return int(at[0]), int(at[1])


def _walk_region(grid: MapSpec, start: tuple[int, int],
                 also: set[tuple[int, int]] | frozenset[tuple[int, int]] = frozenset(),
                 blocked: set[tuple[int, int]] | frozenset[tuple[int, int]] = frozenset()) -> set[tuple[int, int]]:
    """Every tile (col, row) reachable from ``start`` (4-connected; doors open) over walkable
    tiles and the ``also`` tiles (an exit zone's, which count even over walls), never onto a
    ``blocked`` tile (a door held shut)."""
    kinds = dict(grid.legend)
    seen = {start}
    frontier = deque([start])
    while frontier:
        c, r = frontier.popleft()
        for n in ((c + 1, r), (c - 1, r), (c, r + 1), (c, r - 1)):
            if n not in seen and n not in blocked and 0 <= n[0] < grid.width and 0 <= n[1] < grid.height and \
                    (kinds[grid.rows[n[1]][n[0]]] in WALKABLE or n in also):
                seen.add(n)
                frontier.append(n)
    return seen


def _run_of(tile: tuple[int, int], tiles: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """``tile`` and every tile of ``tiles`` joined to it side by side (4-connected): the leaves
    of one double door."""
    run, frontier = {tile}, [tile]
    while frontier:
        c, r = frontier.pop()
        for n in ((c + 1, r), (c - 1, r), (c, r + 1), (c, r - 1)):
            if n in tiles and n not in run:
                run.add(n)
                frontier.append(n)
    return run


# What opening a tile in the way costs, for ``_fewest_in_the_way``: a window (a gap meant to be
# there, often a doorway drawn as 'W') before a wall before void or an edge.
OPENING_COST = {"window": 1, "wall": 2}
OPENING_COST_OTHER = 3


def _fewest_in_the_way(grid: MapSpec, start: tuple[int, int], goals: set[tuple[int, int]],
                       drops: set[tuple[int, int]] = frozenset()) -> list[tuple[tuple[int, int], str]]:
    """The fewest tiles that stop a walker between ``start`` and any goal, on one way through
    (walkable tiles cost nothing, windows least of the rest: ``OPENING_COST``), in order from
    the start, each with its kind: what a designer must open to join them. Tiles are (col, row)."""
    import heapq

    kinds = dict(grid.legend)

    def kind_of(t: tuple[int, int]) -> str:
        return "drop" if t in drops else kinds.get(grid.rows[t[1]][t[0]], "void")

    def cost_of(t: tuple[int, int]) -> int:
        kind = kind_of(t)
        return 0 if t not in drops and (kind in WALKABLE or t in goals) else OPENING_COST.get(kind, OPENING_COST_OTHER)

    best = {start: 0}
    came: dict[tuple[int, int], tuple[int, int]] = {}
    heap = [(0, start)]
    end = None
    while heap:
        d, t = heapq.heappop(heap)
        if d > best[t]:
            continue
        if t in goals:
            end = t
            break
        c, r = t
        for n in ((c + 1, r), (c - 1, r), (c, r + 1), (c, r - 1)):
            if 0 <= n[0] < grid.width and 0 <= n[1] < grid.height and d + cost_of(n) < best.get(n, 1 << 30):
                best[n] = d + cost_of(n)
                came[n] = t
                heapq.heappush(heap, (best[n], n))
    way = []
    while end is not None and end != start:
        if cost_of(end):
            way.append((end, kind_of(end)))
        end = came.get(end)
    return way[::-1]


def _strip_span(poly: list[tuple[float, float]], y0: float, y1: float) -> tuple[float, float] | None:
    """The x extent of a convex polygon (corners in order) cut to the strip y0 <= y <= y1, or
    None where it misses the strip: a row of tiles overlaps it on the columns of that extent."""
    xs = [x for x, y in poly if y0 <= y <= y1]
    for i, (xa, ya) in enumerate(poly):
        xb, yb = poly[(i + 1) % len(poly)]
        for edge in (y0, y1):
            if (ya - edge) * (yb - edge) < 0:  # the side crosses the strip's edge
                xs.append(xa + (xb - xa) * (edge - ya) / (yb - ya))
    return (min(xs), max(xs)) if xs else None


def _boxes_overlap(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> bool:
    """Whether two convex quadrilaterals (corners in order) overlap: no edge of either
    separates them (the separating axis test)."""
    for poly in (a, b):
        for i in range(4):
            (x1, y1), (x2, y2) = poly[i], poly[(i + 1) % 4]
            nx, ny = y2 - y1, x1 - x2
            pa = [nx * x + ny * y for x, y in a]
            pb = [nx * x + ny * y for x, y in b]
            if max(pa) <= min(pb) or max(pb) <= min(pa):
                return False
    return True


def _reachable(grid: MapSpec, start: tuple[int, int], goals: set[tuple[int, int]],
               blocked: set[tuple[int, int]] = frozenset()) -> bool:
    """Whether a goal tile can be walked to (4-connected) never onto a ``blocked`` tile (a
    fall zone's); exit zones count even over walls."""
    return bool(_walk_region(grid, start, goals, blocked) & goals)


# ---------------------------------------------------------------- packs

def open_source(path: Path, problems: list[Problem]) -> PackSource | None:
    """A folder or .zip as a pack source, or None with the reason recorded."""
    if path.is_dir():
        if not (path / "pack.toml").exists():
            inside = sorted(p.relative_to(path).as_posix() for p in path.glob("*/pack.toml"))
            problems.append(Problem("not-a-pack", str(path), "this folder has no pack.toml, so it is not a pack "
                                    "(a pack is a folder with pack.toml and one <level-id>.toml per level)"
                                    + (f"; it holds {'packs' if len(inside) > 1 else 'the pack'} "
                                       f"{', '.join(str(path / Path(i).parent) for i in inside[:4])}"
                                       f"{' and more' if len(inside) > 4 else ''}: check "
                                       f"{'one of them' if len(inside) > 1 else 'that'}" if inside else "")))
            return None
        return FolderSource(path)
    if path.suffix.lower() == ".zip" and path.is_file():
        source = ZipSource(path, problems)
        return source if source.ok else None
    if not path.exists():
        problems.append(Problem("not-found", str(path), "no such file or folder"))
    else:
        problems.append(Problem("not-a-pack", str(path), "a pack is a folder with pack.toml, or a .zip of one"))
    return None


def load_pack(path: Path, only: str | None = None, keep_going: bool = False) -> PackSpec:
    """Load a pack folder or ``.zip`` (``pack.toml`` + one ``.toml`` per level); raise ``LevelError``.
    ``only``: of the listed levels, load just the one with this id (the manifest and its tables
    are still read and checked): one level played or checked from its file is not refused for a
    mistake in another file of its pack. ``keep_going`` (``hyosan check``): a pack.toml with
    problems does not stop there; its level files are still checked and every problem is raised
    together (the pack is refused all the same: the game never loads it, and stops at pack.toml)."""
    problems: list[Problem] = []
    source = open_source(path, problems)
    if source is None:
        raise LevelError(problems)
    try:
        return _load_pack(source, problems, only, keep_going)
    finally:
        if isinstance(source, ZipSource):
            source.close()


MAX_UNLISTED_CHECKED = 200  # .toml files checked beside a pack.toml whose level list does not read (as many as it may list)


def _files_beside(source: PackSource, only: str | None) -> list[tuple[int | None, str]]:
    """The level files of a pack whose pack.toml does not say which they are: every ``.toml``
    beside it (or ``only``'s), as ``(None, id)``: no line of pack.toml names them."""
    if only is not None:
        return [(None, only)] if source.exists(f"{only}.toml") else []
    stems = [n[:-5] for n in source.toml_names() if n != "pack.toml"]
    return [(None, stem) for stem in stems[:MAX_UNLISTED_CHECKED]]


def _load_pack(source: PackSource, problems: list[Problem], only: str | None = None,
               keep_going: bool = False) -> PackSpec:
    data = source.read("pack.toml", MAX_FILE_BYTES, problems)
    parsed = parse_toml(source.display("pack.toml"), data, problems) if data is not None else None
    if parsed is None:
        if not keep_going:
            raise LevelError(problems)
        # A designer fixed the syntax, ran the check again and only then met their levels' problems
        _, unchecked = _load_levels(source, problems, Tables(), _files_beside(source, only), None, [])
        raise LevelError(_capped(problems), tuple(unchecked), (
            "pack.toml does not read, so every .toml file beside it was checked, with the built-in prop types "
            "and breeds only",))
    doc, r = parsed
    v = r.table(doc, "", fl.PACK, "pack.toml")
    fmt = v["format_version"]
    if isinstance(fmt, int) and fmt > FORMAT_VERSION:
        r.problem("future-format", "format_version",
                  f"this pack is written in level format {fmt}, but this game reads format {FORMAT_VERSION}; update the game "
                  f"(or write format_version = {FORMAT_VERSION} if the pack was made for this one)", at_value=True)
    if v["min_game_version"] and _version_tuple(v["min_game_version"]) > _version_tuple(__version__):
        r.problem("game-too-old", "min_game_version", f"this pack needs game version {v['min_game_version']} or newer; "
                  f"this is {__version__}", at_value=True)
    level_ids: list[str] = list(v["levels"] or [])
    for i, lid in enumerate(level_ids):
        if not ID_PATTERN.match(lid):
            stem = lid[:-5] if lid.lower().endswith(".toml") else ""
            hint = f"; write {stem!r}: the id names the file {stem}.toml" if stem and ID_PATTERN.match(stem) \
                else " (it names the file <id>.toml)"
            r.problem("bad-id", f"levels[{i}]", f"level id {lid!r} is not a valid id{hint}", at_value=True)
        elif lid in level_ids[:i]:
            r.problem("duplicate-id", f"levels[{i}]", f"level '{lid}' is listed twice")
    if not level_ids and isinstance(doc.get("levels"), list):  # (not after "must be a list": it is not "empty")
        r.problem("missing-key", "levels", "'levels' is empty: list at least one level id")
    if v["icon"]:
        _check_asset(r, source, v["icon"], "icon")
    base_props, base_breeds = (dict(t) for t in builtin_tables())
    prop_rows = _read_rows(r, v["prop_types"], "prop_types", fl.PROP_TYPE, 200, "prop type")
    breed_rows = _read_rows(r, v["breeds"], "breeds", fl.BREED, 200, "breed")
    for name in sorted(set(prop_rows) & set(base_props)):
        r.problem("conflict", f"prop_types.{name}", f"'{name}' is a built-in prop type; give yours a new name")
    for name in sorted(set(breed_rows) & set(base_breeds)):
        r.problem("conflict", f"breeds.{name}", f"'{name}' is a built-in breed; give yours a new name")
    # (a row with a wrong value keeps that key's default: the levels are checked with every name it gives)
    tables = Tables({k: _prop_type(x) for k, x in prop_rows.items()}, {k: _breed(x) for k, x in breed_rows.items()})
    listed = [(i, lid) for i, lid in enumerate(level_ids)  # manifest order, never file-system or zip order
              if only in (None, lid) and ID_PATTERN.match(lid) and lid not in level_ids[:i]]
    if problems:
        if not keep_going:
            raise LevelError(_capped(problems))
        # `hyosan check`: pack.toml's problems, then its levels' (a designer fixed a wrong 'version',
        # ran the check again, and only then met ten problems in the levels)
        notes: tuple[str, ...] = ()
        if not listed and (only is not None or not any(ID_PATTERN.match(lid) for lid in level_ids)):
            listed = _files_beside(source, only)
            if only is None:
                notes = ("pack.toml's 'levels' does not say which level files there are, so every .toml file "
                         "beside it was checked",)
        _, unchecked = _load_levels(source, problems, tables, listed, r, level_ids)
        raise LevelError(_capped(problems), tuple(unchecked), notes)
    levels, unchecked = _load_levels(source, problems, tables, listed, r, level_ids)
    if problems:
        raise LevelError(_capped(problems), tuple(unchecked))
    return PackSpec(
        id=v["id"], name=v["name"], author=v["author"], version=v["version"], format_version=fmt,
        description=v["description"], min_game_version=v["min_game_version"], levels=tuple(levels),
        root=source.label, icon=v["icon"], prop_types=tuple(tables.extra_props.items()),
        breeds=tuple(tables.extra_breeds.items()),
    )


def _load_levels(source: PackSource, problems: list[Problem], tables: Tables, ids: list[tuple[int | None, str]],
                 r: Reader | None, level_ids: list[str]) -> tuple[list[LevelSpec], list[str]]:
    """Load the level files ``ids`` names, as ``(index in pack.toml's levels, or None, id)``,
    recording their problems; the levels that loaded, and the files whose later checks wait."""
    levels: list[LevelSpec] = []
    unchecked: list[str] = []  # level files whose later checks wait on their problems (LevelError)
    for i, level_id in ids:
        name = f"{level_id}.toml"
        if not source.exists(name):
            if r is not None and i is not None:
                others = [n[:-5] for n in source.toml_names() if n != "pack.toml" and n[:-5] not in level_ids]
                r.problem("missing-file", f"levels[{i}]", f"level '{level_id}' is listed but {name} is not in the pack"
                          + (suggest(level_id, others, "level files not listed") if others else ""))
            continue
        level_data = source.read(name, MAX_FILE_BYTES, problems)
        if level_data is None:
            continue
        try:
            level = load_level_bytes(source.display(name), level_data, tables, source)
        except LevelError as exc:
            problems.extend(exc.problems)
            unchecked += exc.unchecked
            continue
        if level.id != level_id:
            said = f"pack.toml lists it as '{level_id}'" if i is not None else f"its file is {name}"
            problems.append(Problem("bad-ref", source.display(name), f"the file's id is '{level.id}' but {said}; "
                                    "make them match", *r_line(level_data), "id"))
        levels.append(level)
    return levels, unchecked


def r_line(data: bytes) -> tuple[int | None, int | None]:
    """Line and column of the top-level ``id`` key in a level file's bytes."""
    found = scan(data.decode("utf-8", "replace"), MAX_DEPTH)
    return found.locate("id")
