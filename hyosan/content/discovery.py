"""Where packs live and how a ``LEVEL`` argument (a path or ``pack-id/level-id``) resolves.

Packs come from three places, in this order: the built-in ``levels/`` folder, the player's
packs folder (``packs/`` in the user data folder), and any ``--pack PATH``. Within a folder,
packs are taken in name order (never file-system order). A pack is a folder with
``pack.toml`` or a ``.zip`` of one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import LevelError, Problem
from .loader import load_level, load_pack
from .schema import LevelSpec, PackSpec


def builtin_levels_dir() -> Path:
    """The ``levels/`` folder shipped next to the package (the built-in packs)."""
    return Path(__file__).resolve().parents[2] / "levels"


def user_packs_dir() -> Path:
    """The player's packs folder: ``packs/`` inside the user data folder (``HYOSAN_DATA_DIR``
    when set, as for the progress file: a designer testing with a data folder of their own
    found their packs still read from the real one)."""
    from ..progress import data_dir

    return data_dir() / "packs"


@dataclass(frozen=True, slots=True)
class PackEntry:
    """A pack found on disk: loaded, or broken with its problems."""

    path: Path
    pack: PackSpec | None
    error: LevelError | None
    origin: str = "extra"  # "builtin", "user" or "extra"


CAMPAIGN_FOLDER = "hyosan"  # the built-in campaign is listed before the other built-in packs
PRACTICE_FOLDER = "sandbox"  # the built-in practice pack (First Steps, The Quiet Corridor)


def _candidates(folder: Path, strict: bool) -> list[Path]:
    """Pack folders and .zip files directly inside ``folder``, by name."""
    if not folder.is_dir():
        return []
    try:
        children = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError:
        return []
    found = []
    for child in children:
        if child.name.startswith("."):
            continue
        if child.suffix.lower() == ".zip" and child.is_file():
            found.append(child)
        elif child.is_dir() and (strict or (child / "pack.toml").is_file()):
            found.append(child)
    return found


def builtin_pack_ids() -> dict[str, Path]:
    """The built-in packs' ids, each with its folder (or .zip), read from their pack.toml alone
    (nothing else of them is loaded); a pack.toml that does not read is left out."""
    import tomllib

    from .loader import MAX_FILE_BYTES, open_source

    ids: dict[str, Path] = {}
    for path in _candidates(builtin_levels_dir(), strict=False):
        problems: list[Problem] = []
        source = open_source(path, problems)
        if source is None:
            continue
        try:
            data = source.read("pack.toml", MAX_FILE_BYTES, problems)
            pack_id = tomllib.loads(data.decode("utf-8")).get("id") if data is not None else None
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            pack_id = None
        finally:
            close = getattr(source, "close", None)
            if close is not None:
                close()
        if isinstance(pack_id, str):
            ids.setdefault(pack_id, path)
    return ids


def discover_packs(extra: list[Path] | None = None, user_dir: Path | None = None) -> list[PackEntry]:
    """Every pack: built-in, the player's folder (every entry, so a broken one shows), then ``extra``."""
    builtin = sorted(_candidates(builtin_levels_dir(), strict=False), key=lambda p: p.name != CAMPAIGN_FOLDER)
    places: list[tuple[Path, str]] = [(p, "builtin") for p in builtin]  # the campaign first, then by name
    places += [(p, "user") for p in _candidates(user_dir if user_dir is not None else user_packs_dir(), strict=True)]
    places += [(Path(p), "extra") for p in extra or []]
    # Which of two packs with one id wins: a built-in one, then one given with --pack, then the
    # player's folder. A designer playtesting their folder with --pack, an older zip of it in
    # the packs folder, was silently played the zip. Listed in the order of ``places``.
    precedence = {"builtin": 0, "extra": 1, "user": 2}
    ranked = sorted(range(len(places)), key=lambda i: (precedence[places[i][1]], i))
    found: dict[int, PackEntry] = {}
    seen_paths: set[Path] = set()
    seen_ids: dict[str, tuple[Path, str]] = {}
    for i in ranked:
        path, origin = places[i]
        real = path.resolve()
        if real in seen_paths:
            continue
        seen_paths.add(real)
        try:
            pack = load_pack(path)
        except LevelError as exc:
            found[i] = PackEntry(path, None, exc, origin)
            continue
        if pack.id in seen_ids:
            first, first_origin = seen_ids[pack.id]
            given = " (given with --pack)" if first_origin == "extra" else ""
            found[i] = PackEntry(path, None, LevelError([Problem(
                "duplicate-pack", str(path), f"pack id '{pack.id}' is already used by {first}{given}; "
                "change the id in pack.toml" + (", or take the older copy out of your packs folder"
                                                 if origin == "user" and first_origin == "extra" else ""))]), origin)
            continue
        seen_ids[pack.id] = (path, origin)
        found[i] = PackEntry(path, pack, None, origin)
    return [found[i] for i in sorted(found)]


def resolve_level(ref: str, extra_packs: list[Path] | None = None) -> tuple[str, LevelSpec]:
    """Turn a ``LEVEL`` argument into ``(ref, spec)``; raise ``LevelError`` when it is not found.

    A ``.toml`` inside a pack folder is loaded with its pack (so the pack's prop types and breeds
    apply); any other ``.toml`` on its own.
    """
    path = Path(ref)
    if path.suffix == ".toml" and path.is_file():
        if (path.parent / "pack.toml").is_file() and path.name != "pack.toml":
            pack = load_pack(path.parent, only=path.stem)  # its pack's tables, not its siblings' mistakes
            level = next((lv for lv in pack.levels if Path(lv.source).name == path.name), None)
            if level is not None:
                return str(path), level
        return str(path), load_level(path)
    if ref.count("/") == 1 and not path.exists() and path.suffix != ".toml":  # (a missing file is no pack ref)
        pack_id, level_id = ref.split("/")
        entries = discover_packs(extra_packs)
        for entry in entries:
            if entry.pack is not None and entry.pack.id == pack_id:
                level = entry.pack.level(level_id)
                if level is not None:
                    return ref, level
                known = ", ".join(lv.id for lv in entry.pack.levels)
                raise LevelError([Problem("unknown-level", ref, f"pack '{pack_id}' has no level '{level_id}' (it has: {known})")])
        broken = [e for e in entries if e.pack is None and e.error is not None and e.path.stem == pack_id]
        if broken and broken[0].error is not None:
            raise broken[0].error
        known_packs = sorted(e.pack.id for e in entries if e.pack is not None)
        # a pack given with --pack that does not load is most likely the one meant: say why it did not
        extra = [e for e in entries if e.pack is None and e.error is not None and e.origin == "extra"]
        if extra and extra[0].error is not None:
            raise LevelError([Problem("unknown-pack", ref, f"no pack with id '{pack_id}' was loaded: {extra[0].path} "
                                      "did not load, for these reasons")] + extra[0].error.problems)
        raise LevelError([Problem("unknown-pack", ref, f"no pack with id '{pack_id}' was found among {', '.join(known_packs)}: "
                                  "point --pack at its folder or .zip, or put it in your packs folder "
                                  "(`hyosan levels` prints where that is)")])
    raise LevelError([Problem("not-found", ref, _not_found_why(path))])


def _not_found_why(path: Path) -> str:
    """Why a LEVEL argument names no level, in words that say what to do: a tester's relative
    path, given from another folder, was told it was "not a level file" (it was one, elsewhere)."""
    if path.is_dir():
        levels = sorted(p.name for p in path.glob("*.toml") if p.name != "pack.toml")
        if (path / "pack.toml").is_file():
            return ("a pack folder, not a level: give one of its level files"
                    + (f" ({', '.join(levels[:6])})" if levels else "") + " or 'pack-id/level-id' with --pack")
        return "a folder, not a level file: give a .toml file" + (f" ({', '.join(levels[:6])})" if levels else "")
    if path.suffix != ".toml" and path.with_name(path.name + ".toml").is_file():
        return f"no such file; did you mean {path}.toml?"
    if path.suffix == ".toml":
        return f"no such file (looked from {Path.cwd()})"
    if path.suffix:
        return f"not a level file: a level is a .toml file (this is {path.suffix})"
    return "not a level file (.toml) or a 'pack-id/level-id' reference"
