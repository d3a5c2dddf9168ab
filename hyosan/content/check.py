"""``hyosan check``: validate level files, pack folders and .zip packs; report every problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import UNCHECKED_NOTE, LevelError, Problem
from .loader import MAX_FILE_BYTES, load_level, load_pack, open_source, r_line
from .source import ZipSource


@dataclass(slots=True)
class CheckResult:
    """What checking one path found."""

    path: str
    kind: str  # "pack", "level" or "unknown"
    levels: list[str] = field(default_factory=list)  # level ids that loaded
    problems: list[Problem] = field(default_factory=list)
    # .toml files in a pack folder that its pack.toml does not list: never loaded, never played
    unlisted: list[str] = field(default_factory=list)
    note: str = ""  # said after the problems: why they are another file's

    @property
    def ok(self) -> bool:
        """No problems."""
        return not self.problems

    def as_dict(self) -> dict[str, object]:
        """JSON-ready."""
        out = {"path": self.path, "kind": self.kind, "ok": self.ok, "levels": self.levels,
               "unlisted": self.unlisted, "problems": [p.as_dict() for p in self.problems]}
        if self.note:
            out["note"] = self.note
        return out


def check_path(path: Path) -> CheckResult:
    """Check a level file, a pack folder or a .zip pack; never raises for bad content."""
    shown = str(path)
    try:
        if path.is_dir() or path.suffix.lower() == ".zip" or path.name == "pack.toml":
            pack_path = path.parent if path.name == "pack.toml" else path
            pack = load_pack(pack_path, keep_going=True)  # a pack.toml problem does not hide the levels'
            listed = {Path(lv.source).name for lv in pack.levels}
            unlisted = sorted(f.name for f in pack_path.glob("*.toml") if f.name != "pack.toml" and f.name not in listed) \
                if pack_path.is_dir() else []
            clash = _builtin_id_clash(pack_path, pack.id)
            return CheckResult(shown, "pack", [lv.id for lv in pack.levels], unlisted=unlisted,
                               problems=[clash] if clash else [])
        if path.suffix.lower() == ".toml":
            if (path.parent / "pack.toml").is_file():
                return _level_in_pack(path)
            level = load_level(path)
            return CheckResult(shown, "level", [level.id])
        if not path.exists():
            return CheckResult(shown, "unknown", problems=[Problem("not-found", shown, "no such file or folder")])
        return CheckResult(shown, "unknown", problems=[Problem(
            "not-a-level", shown, "expected a level .toml file, a pack folder (with pack.toml) or a .zip pack")])
    except LevelError as exc:
        kind = "level" if path.suffix.lower() == ".toml" and path.name != "pack.toml" else "pack"
        return CheckResult(shown, kind, _levels_that_load(path) if kind == "pack" else [], problems=exc.problems,
                           note=_unchecked_note(exc))


def _builtin_id_clash(pack_path: Path, pack_id: str) -> Problem | None:
    """A pack whose id is a built-in pack's (a copy of a shipped pack with its id kept, or
    'nights' for a pack of nights) loads on its own, but the game lists packs by id and keeps the
    built-in one: `hyosan levels` shows it BROKEN (duplicate-pack) and it can never be played.
    None for the built-in pack itself, and for every other id."""
    from .discovery import builtin_pack_ids

    builtin = builtin_pack_ids().get(pack_id)
    if builtin is None or builtin.resolve() == pack_path.resolve():
        return None
    problems: list[Problem] = []
    source = open_source(pack_path, problems)
    line = col = None
    file = str(pack_path / "pack.toml")
    if source is not None:
        try:
            data = source.read("pack.toml", MAX_FILE_BYTES, problems)
            file = source.display("pack.toml")
            if data is not None:
                line, col = r_line(data)
        finally:
            if isinstance(source, ZipSource):
                source.close()
    return Problem("duplicate-pack", file, f"pack id '{pack_id}' is the id of a built-in pack ({builtin}): the game "
                   "keeps the built-in one, so `hyosan levels` would list this pack as BROKEN (duplicate-pack) and it "
                   f"could never be played; rename it: give 'id' in pack.toml an id of its own (e.g. '{pack_id}-2'; "
                   "ids are lowercase letters, digits, '-' and '_')", line, col, "id")


def _levels_that_load(path: Path) -> list[str]:
    """Of a pack folder that failed, the ids of its levels that load on their own (with its
    manifest and tables): ``--json`` listed none when one level of two had a mistake."""
    folder = path.parent if path.name == "pack.toml" else path
    if not folder.is_dir():
        return []
    good = []
    for file in sorted(folder.glob("*.toml")):
        if file.name == "pack.toml":
            continue
        try:
            pack = load_pack(folder, only=file.stem)
        except LevelError:
            continue
        good += [lv.id for lv in pack.levels]
    return good


def _unchecked_note(exc: LevelError) -> str:
    """How the problems were found and what they kept from being checked (said after them), or ""."""
    notes = list(exc.notes)
    if exc.unchecked:
        files = sorted({Path(f).name for f in exc.unchecked})
        notes.append(UNCHECKED_NOTE + (f" (in {', '.join(files)})" if len(files) > 1 else ""))
    return "; ".join(notes)


def _level_in_pack(path: Path) -> CheckResult:
    """A level inside a pack is checked with its pack's tables; only its own problems count."""
    try:
        pack = load_pack(path.parent, only=path.stem, keep_going=True)
    except LevelError as exc:
        own = [p for p in exc.problems if Path(p.file).name == path.name]
        manifest = [p for p in exc.problems if Path(p.file).name == "pack.toml"]
        if own and manifest:  # pack.toml's problems first: the level was checked with what it gives
            notes = [f"{len(manifest)} of them in pack.toml, which the level is checked with", _unchecked_note(exc)]
            return CheckResult(str(path), "level", problems=manifest + own, note="; ".join(n for n in notes if n))
        if own:
            return CheckResult(str(path), "level", problems=own, note=_unchecked_note(exc))
        if not manifest:
            return CheckResult(str(path), "level", [path.stem])
        # Only the pack's own manifest is broken: its problems, under its name (a designer checking
        # one level read "a.toml: 2 problems" and looked for them in the level)
        return CheckResult(str(path.parent / "pack.toml"), "pack", problems=manifest,
                           note=f"{path.name} was checked with it and has none of its own")
    level = next((lv for lv in pack.levels if Path(lv.source).name == path.name), None)
    if level is None:  # not listed in pack.toml: check it on its own
        return CheckResult(str(path), "level", [load_level(path).id])
    return CheckResult(str(path), "level", [level.id])


def check_paths(paths: list[Path]) -> list[CheckResult]:
    """Check every path, in the order given."""
    return [check_path(p) for p in paths]


def check_report(paths: list[Path], as_json: bool) -> tuple[int, str]:
    """``hyosan check``: exit code (0 all valid, 1 otherwise) and the text to print."""
    import json

    results = check_paths(paths)
    ok = all(r.ok for r in results)
    if as_json:
        return (0 if ok else 1), json.dumps({"ok": ok, "results": [r.as_dict() for r in results]}, indent=2)
    lines = []
    for r in results:
        if r.ok:
            unlisted = ""
            if r.unlisted:  # a draft may be left out on purpose (exit 0), but say how to bring it in
                ids = ", ".join('"' + Path(f).stem + '"' for f in r.unlisted)
                unlisted = (f"; not listed in pack.toml's levels, so never loaded: {', '.join(r.unlisted)} "
                            f"(to play {'it' if len(r.unlisted) == 1 else 'them'}, add {ids} to levels)")
            lines.append(f"{r.path}: ok ({r.kind}, {len(r.levels)} level{'s' if len(r.levels) != 1 else ''}: "
                         f"{', '.join(r.levels)}){unlisted}")
        else:
            lines += [p.format() for p in r.problems]
            lines.append(f"{r.path}: {len(r.problems)} problem{'s' if len(r.problems) != 1 else ''}"
                         + (f" ({r.note})" if r.note else ""))
    return (0 if ok else 1), "\n".join(lines)


def levels_report(extra: list[Path], as_json: bool, user_dir: Path | None = None) -> tuple[int, str]:
    """``hyosan levels``: every pack found and its levels; broken packs with their first error."""
    import json

    from .discovery import discover_packs, user_packs_dir

    folder = user_dir if user_dir is not None else user_packs_dir()
    entries = discover_packs(extra, folder)
    packs = []
    for e in entries:
        item: dict[str, object] = {"path": str(e.path), "origin": e.origin, "ok": e.pack is not None}
        if e.pack is not None:
            item.update(id=e.pack.id, name=e.pack.name, version=e.pack.version, author=e.pack.author,
                        levels=[{"ref": f"{e.pack.id}/{lv.id}", "id": lv.id, "title": lv.title, "pack": e.pack.id}
                                for lv in e.pack.levels])
        else:
            assert e.error is not None
            item.update(id=None, name=None, levels=[], error=e.error.first.as_dict(),
                        error_text=e.error.first.format(), problems=len(e.error.problems))
        packs.append(item)
    if as_json:
        return 0, json.dumps({"user_packs_dir": str(folder), "packs": packs}, indent=2)
    lines = [f"your packs folder: {folder}{'' if folder.is_dir() else ' (does not exist yet; create it and put packs in it)'}"]
    for e in entries:
        if e.pack is not None:
            lines.append(f"{e.pack.id}  {e.pack.name} {e.pack.version}  [{e.origin}: {e.path}]")
            width = max((len(f"{e.pack.id}/{lv.id}") for lv in e.pack.levels), default=0)
            lines += [f"  {f'{e.pack.id}/{lv.id}':<{width}}  {lv.title}" for lv in e.pack.levels]
        else:
            assert e.error is not None
            more = len(e.error.problems) - 1
            lines.append(f"BROKEN  {e.path}  [{e.origin}]")
            # (the game stops at a broken pack.toml; check goes on to the level files, so it is
            # named even for one problem: a designer fixed "the" problem and met ten more)
            lines.append(f"  {e.error.first.format()}")
            lines.append(f"  ({f'+{more} more here; ' if more else ''}`hyosan check {e.path}` lists every problem, "
                         "the level files' too)")
    return 0, "\n".join(lines)
