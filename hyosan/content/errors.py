"""The one error type every level-pack failure becomes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a pack: a code, where it is, and what to do about it."""

    code: str  # short and stable, e.g. "unknown-key", "syntax", "too-large"
    file: str  # path as the designer would type it
    message: str
    line: int | None = None  # 1-based
    col: int | None = None  # 1-based
    field: str | None = None  # e.g. "props[3].at"

    def format(self) -> str:
        """Render as ``file:line:col: code: message`` (the field path stands in for line:col)."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.col or 1}"
        elif self.field:
            where += f":{self.field}"
        return f"{where}: {self.code}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        """The problem as JSON-ready data."""
        return {
            "code": self.code,
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "field": self.field,
            "message": self.message,
        }


class LevelError(Exception):
    """A pack or level could not be loaded; carries every problem found before giving up."""

    def __init__(self, problems: list[Problem], unchecked: tuple[str, ...] = (), notes: tuple[str, ...] = ()) -> None:
        if not problems:
            raise ValueError("LevelError needs at least one problem")
        self.problems = list(problems)
        # Level files whose later checks (where things stand, what they name, the way out) did
        # not run for these problems: fixed, they may show more (a designer fixed 3 and met 3 new).
        self.unchecked = unchecked
        # What `hyosan check` says after the problems about how they were found (which level
        # files it took when pack.toml did not say which)
        self.notes = notes
        super().__init__(problems[0].format())

    @property
    def first(self) -> Problem:
        """The first problem (what a menu shows for a broken pack)."""
        return self.problems[0]


UNCHECKED_NOTE = ("where things stand, what they name and whether the way out can be reached are checked "
                  "once these are fixed")
