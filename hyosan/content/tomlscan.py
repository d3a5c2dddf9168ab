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


_ITEM = re.compile(r"\[(\d+)\]")
_BARE_END = frozenset(",]}#\n\r \t")


class Spots:
    """Where a key and its value start, for the problem being reported (a clean file pays nothing).

    The scan keeps where each ``key =`` line starts; a problem about a value (its type, its
    range, a choice) is pointed at the value, and one inside an inline table ``{ kind = "flor" }``
    or a list ``["time", 5]`` at that key or item, which the scan does not index. From the
    nearest key the scan saw, this walks the text through the path's remaining keys and items.
    Anything it does not follow (a date, a stranger spelling) gives None: the caller falls back
    to the scan's line, never to a wrong place."""

    def __init__(self, text: str, found: Scan) -> None:
        self.text = text
        self.found = found
        self._starts: list[int] | None = None

    def where(self, path: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """``((line, col) of the key or item, (line, col) of its value)`` for ``path``, or None."""
        keys = self.found.keys
        base = path if path in keys else next(
            (path[:j] for j in range(len(path) - 1, 0, -1) if path[j] in ".[" and path[:j] in keys), None)
        if base is None:
            return None
        line, col = keys[base]
        starts = self._line_starts()
        if line > len(starts):
            return None
        key_at = starts[line - 1] + col - 1
        k = _KEY.match(self.text, key_at)
        if k is None or "\n" in self.text[key_at:k.end()]:
            return None  # a [table] header: its keys have lines of their own
        at = self._blank(k.end(), False)
        rest = path[len(base):]  # ".kind", "[1]", "...floor" (the legend's "." key, then 'floor')
        while rest:
            item = _ITEM.match(rest)
            if item is not None:
                if not self.text.startswith("[", at):
                    return None
                at = self._blank(at + 1, True)
                for _ in range(int(item.group(1))):
                    end = self._skip(at, 0)
                    if end is None:
                        return None
                    at = self._blank(end, True)
                    if not self.text.startswith(",", at):
                        return None
                    at = self._blank(at + 1, True)
                if at >= len(self.text) or self.text[at] == "]":
                    return None
                key_at, rest = at, rest[item.end():]
                continue
            if not rest.startswith(".") or not self.text.startswith("{", at):
                return None
            at += 1
            while True:
                k = _KEY.match(self.text, at)
                if k is None or "\n" in self.text[at:k.end()]:
                    return None
                name = "." + ".".join(_parts(k.group(1)))
                if rest.startswith(name) and rest[len(name):len(name) + 1] in ("", ".", "["):
                    key_at, at, rest = k.start(1), self._blank(k.end(), False), rest[len(name):]
                    break
                end = self._skip(self._blank(k.end(), False), 0)
                if end is None:
                    return None
                at = self._blank(end, False)
                if not self.text.startswith(",", at):
                    return None
                at += 1
        if at >= len(self.text) or self.text[at] in "\r\n#":
            return None
        return self._line_col(key_at), self._line_col(at)

    def _line_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return self._starts

    def _line_col(self, offset: int) -> tuple[int, int]:
        from bisect import bisect_right

        starts = self._line_starts()
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def _blank(self, at: int, lines: bool) -> int:
        """Past spaces and tabs (and, inside a list, newlines and comments)."""
        text, n = self.text, len(self.text)
        while at < n:
            ch = text[at]
            if ch in " \t":
                at += 1
            elif lines and ch in "\r\n":
                at += 1
            elif lines and ch == "#":
                end = text.find("\n", at)
                at = n if end < 0 else end + 1
            else:
                break
        return at

    def _skip(self, at: int, depth: int) -> int | None:
        """The end of the value that starts at ``at``, or None when it is not one this follows."""
        text, n = self.text, len(self.text)
        if at >= n or depth > 64:
            return None
        ch = text[at]
        if text.startswith(('"""', "'''"), at):
            end = text.find(ch * 3, at + 3)
            while ch == '"' and end > 0 and _escaped(text, end):
                end = text.find(ch * 3, end + 1)
            return None if end < 0 else end + 3
        if ch in "\"'":
            j = at + 1
            while j < n and text[j] != ch and text[j] != "\n":
                j += 2 if ch == '"' and text[j] == "\\" else 1
            return j + 1 if j < n and text[j] == ch else None
        if ch in "[{":
            close, lines = ("]", True) if ch == "[" else ("}", False)
            at = self._blank(at + 1, lines)
            while at < n and text[at] != close:
                if ch == "{":
                    k = _KEY.match(text, at)
                    if k is None or "\n" in text[at:k.end()]:
                        return None
                    at = self._blank(k.end(), False)
                end = self._skip(at, depth + 1)
                if end is None:
                    return None
                at = self._blank(end, lines)
                if text.startswith(",", at):
                    at = self._blank(at + 1, lines)
                elif at < n and text[at] != close:
                    return None
            return at + 1 if at < n else None
        j = at
        while j < n and text[j] not in _BARE_END:
            j += 1
        return j if j > at else None
