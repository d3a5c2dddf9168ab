"""python -m hyosan.assetgen [--check] [--out DIR]

Without --check: (re)write every generated file under assets/.
With --check: compare the files on disk with what the generator makes; exit 1 and list
differing, missing or stale files if they do not match.
"""

from __future__ import annotations

import argparse
import sys
import zlib
from pathlib import Path

from .build import build_all
from .png import decode_png_raw

DEFAULT_OUT = Path(__file__).resolve().parents[2] / "assets"
MANAGED_DIRS = ("sprites", "audio")


def _same(path: str, made: bytes, disk: bytes) -> bool:
    if made == disk:
        return True
    if path.endswith(".png"):
        # a different zlib build may compress differently; the pixels are what matter
        try:
            return decode_png_raw(made) == decode_png_raw(disk)
        except (ValueError, OSError, zlib.error):
            return False
    return False


def check(out: Path, made: dict[str, bytes]) -> list[str]:
    bad = []
    for rel, data in made.items():
        p = out / rel
        if not p.is_file():
            bad.append(f"missing  {rel}")
        elif not _same(rel, data, p.read_bytes()):
            bad.append(f"differs  {rel}")
    for d in MANAGED_DIRS:
        base = out / d
        if base.is_dir():
            for p in sorted(base.rglob("*")):
                rel = p.relative_to(out).as_posix()
                if p.is_file() and rel not in made:
                    bad.append(f"stale    {rel}")
    return bad


def write(out: Path, made: dict[str, bytes]) -> int:
    changed = 0
    for rel, data in made.items():
        p = out / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if not p.is_file() or p.read_bytes() != data:
            p.write_bytes(data)
            changed += 1
    for d in MANAGED_DIRS:
        base = out / d
        if base.is_dir():
            for p in sorted(base.rglob("*")):
                if p.is_file() and p.relative_to(out).as_posix() not in made:
                    p.unlink()
                    changed += 1
    return changed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m hyosan.assetgen", description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="verify instead of writing")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="assets directory (default: repo assets/)")
    args = ap.parse_args(argv)
    made = build_all()
    if args.check:
        bad = check(args.out, made)
        for line in bad:
            print(line)
        if bad:
            print(f"{len(bad)} file(s) out of date; run: python -m hyosan.assetgen", file=sys.stderr)
            return 1
        print(f"ok: {len(made)} files match")
        return 0
    n = write(args.out, made)
    size = sum(len(b) for b in made.values())
    print(f"wrote {n} changed file(s); {len(made)} files, {size / 1e6:.2f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
