"""The level loader: the sandbox loads; mistakes come back as located, actionable problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from hyosan.content.errors import LevelError
from hyosan.content.loader import load_level, load_pack
from tests.helpers import ROOT, SANDBOX


def test_the_sandbox_pack_loads_in_manifest_order() -> None:
    pack = load_pack(ROOT / "levels" / "sandbox")
    assert pack.id == "sandbox" and [lv.id for lv in pack.levels] == ["first-steps", "quiet-corridor"]
    level = pack.levels[0]
    assert (level.map.width, level.map.height) == (42, 13)
    assert [p.id for p in level.props] == sorted(p.id for p in level.props)  # canonical order
    assert len(level.content_hash) == 64


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "level.toml"
    path.write_text(text)
    return path


def problems_of(path: Path) -> list:
    with pytest.raises(LevelError) as info:
        load_level(path)
    return info.value.problems


def test_a_misspelt_key_says_where_and_suggests_the_right_one(tmp_path: Path) -> None:
    text = SANDBOX.read_text().replace("par_seconds = 30", "par_secnds = 30")
    [problem] = problems_of(write(tmp_path, text))
    assert problem.code == "unknown-key"
    assert "did you mean 'par_seconds'" in problem.message
    assert problem.line == text.splitlines().index("par_secnds = 30") + 1


def test_a_bool_is_not_a_number(tmp_path: Path) -> None:
    text = SANDBOX.read_text().replace("par_seconds = 30", "par_seconds = true")
    [problem] = problems_of(write(tmp_path, text))
    assert problem.code == "wrong-type" and "must be a number" in problem.message


def test_syntax_errors_carry_line_and_column(tmp_path: Path) -> None:
    [problem] = problems_of(write(tmp_path, 'id = "x"\ntitle = \n'))
    assert problem.code == "syntax" and problem.line == 2


def test_empty_bom_and_bad_utf8_files(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    for data, code in ((b"", "empty"), (b"\xef\xbb\xbfid='a'", "bom"), (b"id = '\xff'", "encoding")):
        path.write_bytes(data)
        assert problems_of(path)[0].code == code


def test_a_missing_exit_and_two_spawns_are_world_sense_errors(tmp_path: Path) -> None:
    text = SANDBOX.read_text().replace("........E\n", "........#\n")
    assert "no-exit" in {p.code for p in problems_of(write(tmp_path, text))}
    text = SANDBOX.read_text().replace("#.S....", "#.SS...")
    assert "many-spawns" in {p.code for p in problems_of(write(tmp_path, text))}


def test_an_exit_walled_off_from_the_spawn_is_unreachable(tmp_path: Path) -> None:
    text = SANDBOX.read_text().replace("###############D#####", "###############W#####")
    text = text.replace('[[doors]]\nid = "classroom-door"\ntile = [15, 8]\nhinge = "west"\n', "")
    (problem,) = problems_of(write(tmp_path, text))
    assert problem.code == "unreachable-exit"
    # where the walk falls short and what is in the way, not only that it does (a designer
    # with a gap in a wall read the rows line and went hunting)
    assert problem.message.endswith("; the fewest tiles in the way: window at [15, 8] (tiles as [column, row], "
                                    "from 0)"), problem.message


def test_several_problems_are_collected_before_giving_up(tmp_path: Path) -> None:
    text = SANDBOX.read_text().replace("par_seconds = 30", "par_secnds = 30").replace('type = "desk"', 'type = "dsk"', 1)
    codes = [p.code for p in problems_of(write(tmp_path, text))]
    assert codes.count("unknown-key") == 1 and codes.count("unknown-ref") == 1


def test_a_prop_reaching_into_a_wall_is_refused_with_where_and_how_big(tmp_path: Path) -> None:
    """Its centre on the floor, a desk's end inside the wall: the physics would shove it out at
    the first tick, so the checker says so; the same desk a tile further in passes."""
    level = '''id = "t"
title = "T"
[map]
rows = """
########
#S.....#
#.....E#
########
"""
[[squad]]
id = "on-jo"
at = [2, 1.5]
[[props]]
id = "desk"
type = "desk"
at = [%s, 2.5]
angle = %s
'''
    [problem] = problems_of(write(tmp_path, level % ("1.6", "0")))  # 30 px wide: reaches 9 px into column 0
    assert problem.code == "bad-position"
    assert problem.message.startswith("prop 'desk' at [1.6, 2.5] reaches into a wall tile ('#' at column 0, row 2)")
    assert "move it clear (it is 1.88 x 0.875 tiles, turned 0 degrees)" in problem.message
    load_level(write(tmp_path, level % ("2.5", "0")))
    [turned] = problems_of(write(tmp_path, level % ("2.5", "90")))  # on end, 30 px tall in a 2-tile room
    assert "('#' at column 2, row 0)" in turned.message or "('#' at column 2, row 3)" in turned.message


def _square_map(side: int) -> str:
    rows = ["#" * side] + ["#S" + "." * (side - 3) + "E"] + ["#" + "." * (side - 2) + "#"] * (side - 3) + ["#" * side]
    return 'id = "big"\ntitle = "Big"\n[map]\nrows = """\n' + "\n".join(rows) + '\n"""\n[[squad]]\nid = "on-jo"\n'


def test_a_map_may_be_larger_than_a_briefing_but_not_without_bound(tmp_path: Path) -> None:
    """A map's rows once shared the briefing's 4000-character limit: Yellow Markers' 96 x 44
    forest (4268 characters) was refused though a side may be 400 tiles. Rows have their own
    limit, 40000 characters: a 150 x 150 map loads, a 201 x 201 one is refused in one line."""
    assert load_level(Path("big.toml"), _square_map(150).encode()).map.width == 150
    with pytest.raises(LevelError) as err:
        load_level(Path("big.toml"), _square_map(201).encode())
    assert "too-long" in str(err.value) and "the limit is 40000" in str(err.value)


def test_a_pack_given_with_pack_wins_over_an_older_copy_in_the_packs_folder(tmp_path: Path) -> None:
    # A designer playtested their folder with --pack while an older zip of the same pack sat in
    # the packs folder: the zip was played, silently, and their edits were not.
    import shutil

    from hyosan.content.discovery import discover_packs

    def pack(folder: Path, title: str) -> Path:
        folder.mkdir(parents=True)
        (folder / "pack.toml").write_text('format_version = 1\nid = "mine"\nname = "Mine"\nlevels = ["first-steps"]\n')
        text = SANDBOX.read_text().replace('title = "First Steps"', f'title = "{title}"')
        assert title in text
        (folder / "first-steps.toml").write_text(text)
        return folder

    user = tmp_path / "user-packs"
    old = pack(user / "mine-old", "Old copy")
    shutil.make_archive(str(user / "mine"), "zip", old)
    shutil.rmtree(old)
    new = pack(tmp_path / "work" / "mine", "Edited copy")
    entries = discover_packs([new], user_dir=user)
    loaded = [e for e in entries if e.pack is not None and e.pack.id == "mine"]
    assert [e.origin for e in loaded] == ["extra"] and loaded[0].pack.levels[0].title == "Edited copy"
    (shadowed,) = [e for e in entries if e.origin == "user"]
    assert shadowed.pack is None and shadowed.error is not None
    assert shadowed.error.first.code == "duplicate-pack"
    assert "(given with --pack)" in shadowed.error.first.message and "take the older copy out" in shadowed.error.first.message
    # Without --pack the packs folder's copy is the one.
    assert [e.pack.levels[0].title for e in discover_packs([], user_dir=user) if e.pack and e.pack.id == "mine"] == ["Old copy"]
