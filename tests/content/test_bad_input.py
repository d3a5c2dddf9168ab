"""Every category of bad input in RELIABILITY.md gets its own code, located, and fails fast."""

from __future__ import annotations

import io
import os
import shutil
import stat
import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from hyosan.content.errors import LevelError
from hyosan.content.loader import load_level, load_pack
from tests.helpers import ROOT, SANDBOX

TEXT = SANDBOX.read_text()
PACK = ROOT / "levels" / "sandbox"
# The sandbox manifest listing First Steps alone: the tests below make one-level packs of it
MANIFEST = (PACK / "pack.toml").read_text().replace('["first-steps", "quiet-corridor"]', '["first-steps"]')


class allocation_peak:  # noqa: N801 - used as a context manager, named for what it measures
    """The most memory Python and numpy held at once inside the block, in bytes (``.bytes``).
    Bad input must be refused before anything of its declared size is built; memory, unlike
    time, says so the same way on a busy machine and an idle one."""

    def __enter__(self) -> allocation_peak:
        tracemalloc.start()
        tracemalloc.reset_peak()
        self.bytes = 0
        return self

    def __exit__(self, *exc: object) -> None:
        self.bytes = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()


def codes_of(path: Path, pack: bool = False) -> list[str]:
    with pytest.raises(LevelError) as info:
        (load_pack if pack else load_level)(path)
    return [p.code for p in info.value.problems]


def level_bytes(tmp_path: Path, data: bytes | str) -> Path:
    path = tmp_path / "first-steps.toml"
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def sub(old: str, new: str, count: int = 1) -> str:
    assert old in TEXT, old
    return TEXT.replace(old, new, count)


PROPS_MANY = "".join(f'[[props]]\nid = "p{i}"\ntype = "chair"\nat = [3, 3]\n' for i in range(2001))

LEVEL_CASES = {
    # syntax
    "empty": b"  \n",
    "truncated": TEXT[: TEXT.index("[[doors]]") + 30].encode(),
    "encoding": TEXT.replace("Hyosan High", "Hyosan \udcff", 1).encode("utf-8", "surrogateescape"),
    "bom": b"\xef\xbb\xbf" + TEXT.encode(),
    "duplicate-key": sub("par_seconds = 30", "par_seconds = 30\npar_seconds = 40"),
    "json-ism": sub("par_seconds = 30", "par_seconds = null"),
    "too-deep": sub("par_seconds = 30", "par_seconds = " + "[" * 50 + "]" * 50),
    # schema
    "unknown-key": sub("par_seconds = 30", "par_secnds = 30"),
    "wrong-type": sub("par_seconds = 30", "par_seconds = true"),
    "missing-key": sub('title = "First Steps"\n', ""),
    "not-finite": sub("par_seconds = 30", "par_seconds = nan"),
    "out-of-range": sub("par_seconds = 30", "par_seconds = 1e300"),
    "not-positive": sub("angle = 8", "angle = 8\nmass = 0"),
    "bad-value": sub('hinge = "west"', 'hinge = "up"'),
    "bad-id": sub('id = "desk-a1"', 'id = "Desk A1"'),
    "bad-tile": sub("#.S....", "#.S?..."),
    "bad-legend": sub("[map]", '[map]\nlegend = { "ab" = "floor" }'),
    # limits
    "too-large": TEXT + "#" * 1_000_001,
    "map-too-large": sub("[map]", "[map]") .replace('rows = """\n', 'rows = """\n' + "." * 401 + "\n"),
    "too-many": TEXT + PROPS_MANY,
    "too-many-zombies": TEXT + "".join('[[zombies]]\ncount = 5000\nzone = [20, 9, 40, 11]\n' for _ in range(5)),
    "too-long": sub('title = "First Steps"', f'title = "{"x" * 300}"'),
    "too-dense": TEXT + '[[zombies]]\ncount = 400\nzone = [20, 9, 22, 11]\n',
    # world sense
    "no-spawn": sub("#.S....", "#......"),
    "many-spawns": sub("#.S....", "#.SS..."),
    "bad-position": sub("at = [5.0, 3.5]", "at = [0.5, 0.5]"),
    "off-map": sub("at = [5.0, 3.5]", "at = [99.0, 3.5]"),
    "duplicate-id": sub('id = "desk-a2"', 'id = "desk-a1"'),
    "unknown-ref": sub('type = "desk"', 'type = "dsk"'),
    "bad-ref": sub("tile = [15, 8]", "tile = [14, 8]"),
    "lone-door": sub('[[doors]]\nid = "classroom-door"\ntile = [15, 8]\nhinge = "west"\n', ""),
    "no-exit": TEXT.replace("........E\n", "........#\n"),
    "unreachable-exit": sub("###############D#####", "###############W#####").replace(
        '[[doors]]\nid = "classroom-door"\ntile = [15, 8]\nhinge = "west"\n', ""),
    # an objective's zone outside the walls; an objective's station in a sealed pocket
    "unreachable-place": TEXT + '[[zones]]\nid = "roof"\nrect = [24, 1, 30, 6]\n'
                                '[[objectives]]\nid = "up"\nkind = "reach-zone"\nzone = "roof"\n',
    "conflict": sub("par_seconds = 30", "par_seconds = 300"),
    "no-squad": sub('[[squad]]\nid = "on-jo"\n', ""),
    "bait-silent": TEXT + '[[stations]]\nid = "cab"\nkind = "bait"\nat = [5.0, 3.5]\n',
    # paths
    "path-escape": sub("par_seconds = 30", 'par_seconds = 30\nmusic = "../outside.ogg"'),
    "path-name": sub("par_seconds = 30", 'par_seconds = 30\nmusic = "audio/CON.ogg"'),
    "missing-file": sub("par_seconds = 30", 'par_seconds = 30\nmusic = "audio/theme.ogg"'),
}


@pytest.mark.parametrize("code", sorted(LEVEL_CASES))
def test_each_bad_level_has_its_own_code(tmp_path: Path, code: str) -> None:
    with allocation_peak() as peak:
        assert code in codes_of(level_bytes(tmp_path, LEVEL_CASES[code]))
    assert peak.bytes < 64_000_000  # refused before anything big is built (10^9 zombies, a huge grid)


@pytest.mark.parametrize("music,code", [
    ("/etc/passwd.ogg", "path-escape"), ("C:/x.ogg", "path-escape"), ("~/x.ogg", "path-escape"),
    ("a\\b.ogg", "path-name"), ("a/b?.ogg", "path-name"), ("a/nul.txt", "path-name"), ("dot./x.ogg", "path-name"),
])
def test_paths_that_escape_or_break_on_some_os_are_refused(tmp_path: Path, music: str, code: str) -> None:
    text = sub("par_seconds = 30", f"par_seconds = 30\nmusic = '{music}'")
    assert codes_of(level_bytes(tmp_path, text)) == [code]


def test_the_zombie_limits_hold_at_the_difficulty_with_the_largest_horde(tmp_path: Path) -> None:
    # A designer's group of 5000 with [difficulty.hard] horde = 10 passed the check, and the hard
    # run packed 50000 into a gym: minutes for 30 ticks and 8.5 GB before it was killed.
    group = '[[zombies]]\ncount = 500\nzone = [1, 9, 41, 12]\n'  # 120 open tiles
    load_level(level_bytes(tmp_path, TEXT + group))  # 500 x hard's 1.4: 5.8 a tile, in the limits
    with pytest.raises(LevelError) as info:
        load_level(level_bytes(tmp_path, TEXT + group.replace("500", "2500") + '[difficulty.hard]\nhorde = 10\n'))
    total = next(p for p in info.value.problems if p.code == "too-many-zombies")
    assert total.field == "difficulty.hard.horde"
    assert "at the hard difficulty (horde = 10) the level asks for 25000 zombies" in total.message
    with pytest.raises(LevelError) as info:
        load_level(level_bytes(tmp_path, TEXT + group + '[difficulty.hard]\nhorde = 2\n'))
    (dense,) = info.value.problems
    assert dense.code == "too-dense" and dense.field.endswith(".count")
    assert "1000 zombies at the hard difficulty (horde = 2) on the 120 open tiles of its area is 8.3 a tile" in dense.message


def test_a_billion_zombies_fail_before_anything_is_allocated(tmp_path: Path) -> None:
    text = TEXT + '[[zombies]]\ncount = 1000000000\nzone = [20, 9, 40, 11]\n'
    with allocation_peak() as peak:
        assert codes_of(level_bytes(tmp_path, text)) == ["out-of-range"]
    assert peak.bytes < 16_000_000  # a billion rows would be tens of GB: the limit is checked first


def test_schema_errors_point_at_the_line_of_the_offending_key_and_at_its_value(tmp_path: Path) -> None:
    text = sub("at = [13.0, 5.5]", "at = [13.0]")
    with pytest.raises(LevelError) as info:
        load_level(level_bytes(tmp_path, text))
    [p] = info.value.problems
    assert p.field == "props[5].at" and p.line == text.splitlines().index("at = [13.0]") + 1
    assert p.col == len("at = ") + 1  # the wrong value, not its key


def make_pack(tmp_path: Path, manifest: str = MANIFEST, files: dict[str, bytes] | None = None) -> Path:
    dest = tmp_path / "pack"
    shutil.copytree(PACK, dest)
    (dest / "pack.toml").write_text(manifest)
    for name, data in (files or {}).items():
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        (dest / name).write_bytes(data)
    return dest


def test_pack_manifest_problems(tmp_path: Path) -> None:
    assert codes_of(make_pack(tmp_path / "a", MANIFEST.replace("format_version = 1", "format_version = 7")), True) == ["future-format"]
    assert codes_of(make_pack(tmp_path / "b", MANIFEST.replace('"0.1.0"\ndesc', '"99.0"\ndesc')), True) == ["game-too-old"]
    assert codes_of(make_pack(tmp_path / "c", MANIFEST.replace('["first-steps"]', '["first-steps", "second"]')), True) == ["missing-file"]
    assert codes_of(make_pack(tmp_path / "d", MANIFEST + "\n[prop_types.desk]\nwidth = 1\ndepth = 1\nmass = 1\n"), True) == ["conflict"]
    # a level list written as text is a wrong type, not also "'levels' is empty"
    assert codes_of(make_pack(tmp_path / "f", MANIFEST.replace('["first-steps"]', '"first-steps"')), True) == ["wrong-type"]
    folder = tmp_path / "e"
    folder.mkdir()
    assert codes_of(folder, True) == ["not-a-pack"]


def png(width: int, height: int) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0) + b"\0" * 4


def test_assets_are_sniffed_not_trusted(tmp_path: Path) -> None:
    icon = MANIFEST + '\nicon = "icon.png"\n'
    assert codes_of(make_pack(tmp_path / "a", icon, {"icon.png": png(100000, 100000)}), True) == ["asset-too-large"]
    assert codes_of(make_pack(tmp_path / "b", icon, {"icon.png": b"GIF89a" + b"\0" * 40}), True) == ["asset-mismatch"]
    assert codes_of(make_pack(tmp_path / "c", icon, {"icon.png": png(1, 1)[:20]}), True) == ["asset-corrupt"]
    assert codes_of(make_pack(tmp_path / "d", icon.replace("icon.png", "icon.gif"), {"icon.gif": b"GIF89a"}), True) == ["asset-type"]
    wav = b"RIFF\0\0\0\0WAVEfmt " + struct.pack("<IHHIIHH", 16, 1, 200, 3, 0, 0, 16)
    level = (PACK / "first-steps.toml").read_text().replace("par_seconds = 30", 'par_seconds = 30\nmusic = "a.wav"')
    assert codes_of(make_pack(tmp_path / "e", MANIFEST, {"a.wav": wav, "first-steps.toml": level.encode()}), True) == ["asset-corrupt"]
    assert load_pack(make_pack(tmp_path / "f", icon, {"icon.png": png(64, 64)})).icon == "icon.png"


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_a_symlink_out_of_the_pack_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.png"
    outside.write_bytes(png(4, 4))
    pack = make_pack(tmp_path, MANIFEST + '\nicon = "icon.png"\n')
    (pack / "icon.png").symlink_to(outside)
    assert codes_of(pack, True) == ["symlink-escape"]


def zip_of(tmp_path: Path, members: dict[str, bytes], top: str = "", extra: list[zipfile.ZipInfo] | None = None) -> Path:
    path = tmp_path / "pack.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(top + name, data)
        for info in extra or []:
            zf.writestr(info, b"x")
    return path


SANDBOX_FILES = {"pack.toml": MANIFEST.encode(), "first-steps.toml": TEXT.encode()}


def test_a_zip_pack_loads_at_its_top_or_in_one_folder(tmp_path: Path) -> None:
    for top in ("", "sandbox/"):
        pack = load_pack(zip_of(tmp_path, SANDBOX_FILES, top))
        assert pack.id == "sandbox" and pack.levels[0].content_hash == load_pack(PACK).levels[0].content_hash


def test_zip_problems(tmp_path: Path) -> None:
    def codes(members: dict[str, bytes], extra: list[zipfile.ZipInfo] | None = None) -> list[str]:
        return codes_of(zip_of(tmp_path, members, extra=extra), True)

    assert codes({**SANDBOX_FILES, "../evil.toml": b""}) == ["zip-escape"]
    assert codes({**SANDBOX_FILES, "/abs.toml": b""}) == ["zip-escape"]
    assert codes({**SANDBOX_FILES, "inner.zip": b"PK"}) == ["zip-nested"]
    assert codes({**SANDBOX_FILES, "A.png": b"", "a.png": b""}) == ["zip-duplicate"]
    link = zipfile.ZipInfo("link.png")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    assert codes(SANDBOX_FILES, [link]) == ["zip-symlink"]
    many = {f"f{i}.txt": b"" for i in range(600)}
    assert codes({**SANDBOX_FILES, **many}) == ["zip-too-many"]
    bomb = {"pack.toml": MANIFEST.encode(), "first-steps.toml": TEXT.encode() + b"#" * 5_000_000}
    with allocation_peak() as peak:
        assert codes(bomb) == ["zip-bomb"]
    assert peak.bytes < 4 * 5_000_000  # decompression stops at the limit, not at the bomb's end
    (tmp_path / "pack.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    assert codes_of(tmp_path / "pack.zip", True) == ["zip-corrupt"]
    assert codes({"readme.txt": b"hi"}) == ["not-a-pack"]


def test_a_zip_whose_entry_lies_about_its_size_is_still_bounded(tmp_path: Path) -> None:
    path = zip_of(tmp_path, {"pack.toml": MANIFEST.encode(), "first-steps.toml": TEXT.encode() + b"#" * 2_000_000})
    raw = bytearray(path.read_bytes())
    buf = io.BytesIO(bytes(raw))
    with zipfile.ZipFile(buf) as zf:
        info = zf.getinfo("first-steps.toml")
    # Rewrite the central directory's uncompressed size to a small lie.
    cd = raw.rfind(b"PK\x01\x02" + raw[raw.find(b"PK\x01\x02") + 4: raw.find(b"PK\x01\x02") + 4])
    at = raw.find(b"first-steps.toml", raw.find(b"PK\x01\x02")) - 46
    assert raw[at:at + 4] == b"PK\x01\x02" and cd >= 0
    struct.pack_into("<I", raw, at + 24, 100)
    path.write_bytes(bytes(raw))
    assert info.file_size > 100
    assert set(codes_of(path, True)) <= {"zip-bomb", "zip-corrupt"}


def test_an_objective_station_sealed_off_from_the_start_is_unreachable(tmp_path: Path) -> None:
    # a pocket in the classroom's north-east corner, walled on every side
    text = sub("#.....................#\n#.S...................#", "#...................#.#\n#.S.................###")
    text = text.replace("at = [19.0, 2.5]", "at = [16.0, 2.5]", 1)  # the teacher's desk, clear of the pocket's walls
    text += '[[stations]]\nid = "fuse-box"\nkind = "door-switch"\nat = [21.5, 1.5]\n' \
            '[[objectives]]\nid = "fuses"\nkind = "use-station"\nstation = "fuse-box"\n'
    with pytest.raises(LevelError) as info:
        load_level(level_bytes(tmp_path, text))
    [p] = info.value.problems
    assert p.code == "unreachable-place" and p.field == "objectives[0].station"
    assert "station 'fuse-box'" in p.message and p.line == text.splitlines().index('station = "fuse-box"') + 1
    # the same station with the pocket opened to the room is fine
    load_level(level_bytes(tmp_path, text.replace("#...................#.#", "#.....................#")))


@pytest.mark.parametrize(("given", "says"), [
    ("levels/hyosan/storm-crossing", "no such file; did you mean levels/hyosan/storm-crossing.toml?"),
    ("levels/hyosan/no-such-level.toml", "no such file (looked from "),
    ("levels/hyosan", "a pack folder, not a level: give one of its level files (classroom-barricade.toml, "),
    ("README.md", "not a level file: a level is a .toml file (this is .md)"),
])
def test_a_level_argument_that_names_no_level_says_what_to_do(monkeypatch, given: str, says: str) -> None:
    # A tester's relative path from another folder was told "not a level file (.toml) or a
    # 'pack-id/level-id' reference", as was a level named without its .toml.
    from hyosan.content.discovery import resolve_level

    monkeypatch.chdir(ROOT)
    with pytest.raises(LevelError) as caught:
        resolve_level(given)
    assert caught.value.first.code == "not-found"
    assert says in caught.value.first.message
