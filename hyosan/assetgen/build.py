"""Make every asset in memory: {relative path under assets/: bytes}."""

from __future__ import annotations

import json

from . import fx, props, students, tiles, ui, zombies
from .png import encode_png
from .sheet import Atlas

SPRITE_MODULES = (students, zombies, props, tiles, fx, ui)


def dumps(obj) -> bytes:
    """Deterministic JSON: sorted keys, 2-space indent, trailing newline."""
    return (json.dumps(obj, sort_keys=True, indent=2, ensure_ascii=True) + "\n").encode("ascii")


def build_sprites() -> dict[str, bytes]:
    atlas = Atlas()
    for mod in SPRITE_MODULES:
        mod.build(atlas)
    files = {name: f"{name}.png" for name in atlas.sheets}
    out = {f"sprites/{files[name]}": encode_png(sheet.render()) for name, sheet in atlas.sheets.items()}
    out["sprites/atlas.json"] = dumps(atlas.manifest(files))
    return out


def build_audio() -> dict[str, bytes]:
    from . import sounds

    return sounds.build()


def build_all() -> dict[str, bytes]:
    out = build_sprites()
    out.update(build_audio())
    return dict(sorted(out.items()))
