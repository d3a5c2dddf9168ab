"""A cheap pre-pass over TOML text: where each key is, how deep it nests, and duplicate keys.

``tomllib`` reports neither the line of a value nor the line of a duplicate key ("at end of
document"), and it recurses once per nesting level. This scanner runs first, in one linear pass
that allocates nothing per character, so a schema error can name ``file:line:col`` and a file
nested thousands deep is refused before ``tomllib`` sees it.

Paths use the loader's spelling: ``props[3].at``, ``map.legend.#``, ``difficulty.hard.horde``.
It understands the TOML designers write (one key per line, ``[table]``, ``[[array]]``,
multi-line strings and arrays); anything stranger only loses line numbers, never correctness,
because ``tomllib`` remains the parser of record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PART = r'(?:[A-Za-z0-9_-]+|"[^"\n]*"|\'[^\'\n]*\')'
_KEY = re.compile(rf"\s*({_PART}(?:\s*\.\s*{_PART})*)\s*=")
_HEADER = re.compile(rf"\s*(\[\[?)\s*({_PART}(?:\s*\.\s*{_PART})*)\s*\]\]?")
_SPLIT = re.compile(rf"{_PART}")


def _parts(dotted: str) -> list[str]:
    return [p.strip("\"'") for p in _SPLIT.findall(dotted)]


@dataclass(slots=True)
class Scan:
    """What the pre-pass learned about one file."""

    keys: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> (line, col)
    max_depth: int = 0  # deepest [ ] / { } nesting, or header dotting
    depth_line: int = 0  # where max_depth was reached
    duplicate: tuple[str, int, int, int] | None = None  # (path, line, col, first line)
    # (name, line, col, first line, first header): a name headed both [name] and [[name]]
    mixed: tuple[str, int, int, int, str] | None = None

    def locate(self, path: str) -> tuple[int | None, int | None]:
        """Line and column of ``path`` (of its first ``[[path]]`` header, for a list of tables),
        or of its nearest recorded parent, or else of its first recorded child: a table written
        only as ``[breeds.sludger]`` headers has no line of its own."""
        asked = path
        while path:
            if path in self.keys:
                return self.keys[path]
            if f"{path}[0]" in self.keys:
                return self.keys[f"{path}[0]"]
            cut = max(path.rfind("."), path.rfind("["))
            if cut <= 0:
                break
            path = path[:cut]
        children = [at for key, at in self.keys.items() if asked and key.startswith((f"{asked}.", f"{asked}["))]
        return min(children) if children else (None, None)


def scan(text: str, depth_limit: int) -> Scan:
    """Index the keys of ``text``; stop early once nesting passes ``depth_limit``."""
    out = Scan()
    table = ""
    counters: dict[str, int] = {}
    values: set[str] = set()  # paths given a value with "=" (a header may not name one)
    headers: dict[str, tuple[str, int]] = {}  # header name -> (its first "[" or "[[", line)
    ml: str | None = None  # open multi-line string delimiter
    depth = 0
    for number, line in enumerate(text.split("\n"), 1):
        i = 0
        if ml is None and depth == 0:
            m = _HEADER.match(line)
            if m and not _KEY.match(line):
                names = _parts(m.group(2))
                if len(names) > out.max_depth:
                    out.max_depth, out.depth_line = len(names), number
                name = ".".join(names)
                if name in values and out.duplicate is None:
                    # ``lights = 5`` under [light], then [[light.lights]]: tomllib says only
                    # "Cannot overwrite a value", with neither the key nor the first line.
                    out.duplicate = (name, number, m.start(2) + 1, out.keys[name][0])
                first = headers.setdefault(name, (m.group(1), number))
                if first[0] != m.group(1) and out.mixed is None:
                    # [objectives] then [[objectives]]: tomllib says only "Cannot overwrite a value"
                    out.mixed = (name, number, m.start(2) + 1, first[1], first[0] + name + first[0].replace("[", "]"))
                if m.group(1) == "[[":
                    index = counters.get(name, 0)
                    counters[name] = index + 1
                    table = f"{name}[{index}]"
                else:
                    table = name
                out.keys.setdefault(table, (number, m.start(2) + 1))
                i = m.end()
            else:
                k = _KEY.match(line)
                if k:
                    path = ".".join(([table] if table else []) + _parts(k.group(1)))
                    where = (number, k.start(1) + 1)
                    if path in out.keys and out.duplicate is None:
                        out.duplicate = (path, where[0], where[1], out.keys[path][0])
                    out.keys.setdefault(path, where)
                    values.add(path)
                    i = k.end()
        n = len(line)
        while i < n:
            if ml is not None:
                end = line.find(ml, i)
                if ml == '"""':
                    while end > 0 and _escaped(line, end):
                        end = line.find(ml, end + 1)
                if end < 0:
                    break
                ml, i = None, end + 3
                continue
            ch = line[i]
            if ch == "#":
                break
            if ch in "\"'":
                if line.startswith(ch * 3, i):
                    ml, i = ch * 3, i + 3
                    continue
                j = i + 1
                while j < n and line[j] != ch:
                    j += 2 if ch == '"' and line[j] == "\\" else 1
                i = j + 1
                continue
            if ch in "[{":
                depth += 1
                if depth > out.max_depth:
                    out.max_depth, out.depth_line = depth, number
                    if depth > depth_limit:
                        return out
            elif ch in "]}":
                depth = max(0, depth - 1)
            i += 1
    return out


def _escaped(line: str, at: int) -> bool:
    backslashes = 0
    j = at - 1
    while j >= 0 and line[j] == "\\":
        backslashes += 1
        j -= 1
    return backslashes % 2 == 1


_JSONISMS = (
    (re.compile(r"=\s*(null|None|nil)\b"), "TOML has no null: leave the key out to use its default"),
    (re.compile(r"=\s*(True|False)\b"), "booleans are lowercase in TOML: true or false"),
    (re.compile(r"\{\s*\"[^\"]*\"\s*:"), "inline tables use key = value, not JSON's \"key\": value"),
    (re.compile(r"^\s*//"), "comments start with # in TOML, not //"),
    (re.compile(r"^\s*\"[^\"]*\"\s*:"), "TOML keys are written key = value, not JSON's \"key\": value"),
    (re.compile(r",\s*\}"), "inline tables { } may not end with a comma in TOML"),
    (re.compile(r"^\s*[A-Za-z0-9_-]+\s*:\s*\S"), "TOML keys are written key = value, not key: value"),
    (re.compile(r"\{\s*[A-Za-z0-9_-]+\s*:"), "inline tables use { key = value }, not { key: value }"),
    (re.compile(r"^\s*[\{\}]\s*$"), "a TOML file is not a JSON object: drop the outer { }"),
    # a word processor's "smart" quotes: TOML strings take only straight quotes
    (re.compile("=\\s*[\u201c\u201d\u2018\u2019\u201e\u00ab]"),
     "write strings in straight quotes (\" or '), not curly ones like \u201c \u201d (a word processor's)"),
)


def jsonism(line: str) -> str | None:
    """If ``line`` looks like JSON (or Python) written as TOML, say how to write it in TOML."""
    for pattern, advice in _JSONISMS:
        if pattern.search(line):
            return advice
    return None
