"""Where packs live and how a ``LEVEL`` argument (a path or ``pack-id/level-id``) resolves."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import LevelError, Problem
from .loader import load_level, load_pack
from .schema import LevelSpec, PackSpec


def builtin_levels_dir() -> Path:
    """The ``levels/`` folder shipped next to the package (the built-in packs)."""
    return Path(__file__).resolve().parents[2] / "levels"


@dataclass(frozen=True, slots=True)
class PackEntry:
    """A pack found on disk: loaded, or broken with its problems."""

    path: Path
    pack: PackSpec | None
    error: LevelError | None


def discover_packs(extra: list[Path] | None = None) -> list[PackEntry]:
    """Every pack folder under the built-in ``levels/`` plus ``extra``, in name order."""
    folders: list[Path] = []
    root = builtin_levels_dir()
    if root.is_dir():
        folders += sorted(p for p in root.iterdir() if (p / "pack.toml").is_file())
    folders += list(extra or [])
    entries = []
    for folder in folders:
        try:
            entries.append(PackEntry(folder, load_pack(folder), None))
        except LevelError as exc:
            entries.append(PackEntry(folder, None, exc))
    return entries


def resolve_level(ref: str, extra_packs: list[Path] | None = None) -> tuple[str, LevelSpec]:
    """Turn a ``LEVEL`` argument into ``(ref, spec)``; raise ``LevelError`` when it is not found."""
    path = Path(ref)
    if path.suffix == ".toml" and path.is_file():
        return str(path), load_level(path)
    if ref.count("/") == 1 and not path.exists():
        pack_id, level_id = ref.split("/")
        for entry in discover_packs(extra_packs):
            if entry.pack is not None and entry.pack.id == pack_id:
                level = entry.pack.level(level_id)
                if level is not None:
                    return ref, level
                known = ", ".join(lv.id for lv in entry.pack.levels)
                raise LevelError([Problem("unknown-level", ref, f"pack '{pack_id}' has no level '{level_id}' (it has: {known})")])
        raise LevelError([Problem("unknown-pack", ref, f"no pack with id '{pack_id}' was found (try `hyosan levels`)")])
    raise LevelError([Problem("not-found", ref, "not a level file (.toml) or a 'pack-id/level-id' reference")])
