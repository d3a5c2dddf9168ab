"""Where `hyosan check` points (session 35): a value that is wrong (its type, its range, a choice
or a name it does not know) is pointed at where the value starts, in a plain key, a key of a
[table], an inline table { ... }, a [[list]] entry or an item of a list; a key that is unknown
or missing is pointed at the key. A designer's `par_seconds = "fast"` was pointed at
`par_seconds`, column 1, and they looked for the mistake in the key's spelling."""

from __future__ import annotations

import shutil
from pathlib import Path

from hyosan.cli import main
from tests.helpers import ROOT, SANDBOX

TEXT = SANDBOX.read_text()
SANDBOX_PACK = ROOT / "levels" / "sandbox"


def edited(old: str, new: str) -> str:
    assert old in TEXT, old
    return TEXT.replace(old, new, 1)


def run(tmp_path: Path, capsys, text: str) -> tuple[Path, list[str]]:
    path = tmp_path / "first-steps.toml"
    path.write_text(text)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "Traceback" not in "\n".join(out)
    return path, out[:-1]  # (the last line is the count)


def test_a_wrong_type_at_the_top_points_at_the_value(tmp_path: Path, capsys) -> None:
    path, out = run(tmp_path, capsys, edited("par_seconds = 30", 'par_seconds = "fast"'))
    assert out == [f"{path}:8:15: wrong-type: 'par_seconds' must be a number (no quotes), got a string 'fast'"]


def test_a_value_out_of_range_in_a_table_points_at_the_value(tmp_path: Path, capsys) -> None:
    path, out = run(tmp_path, capsys, TEXT + "\n[weather]\nrain   =   2.5\n")
    line = len(TEXT.splitlines()) + 3
    assert out == [f"{path}:{line}:12: out-of-range: [weather]: 'rain' must be between 0 and 1, got 2.5"]


def test_an_unknown_choice_in_a_list_entry_points_at_the_value(tmp_path: Path, capsys) -> None:
    path, out = run(tmp_path, capsys, edited('hinge = "west"', 'hinge = "wset"'))
    assert out == [f"{path}:32:9: bad-value: [[doors]] 'classroom-door': 'hinge' = 'wset' is not allowed; "
                   "did you mean 'west'?"]


def test_a_wrong_value_inside_an_inline_table_points_at_that_value(tmp_path: Path, capsys) -> None:
    text = edited("[map]\n", '[map]\nlegend = { x = { kind = "flor" }, y = "flor", z = { kind = "floor", roof = 5 } }\n')
    path, out = run(tmp_path, capsys, text)
    assert out == [
        f"{path}:12:25: bad-value: legend entry 'x': 'kind' = 'flor' is not allowed; did you mean 'floor'?",
        f"{path}:12:39: bad-value: legend entry 'y': 'kind' = 'flor' is not allowed; did you mean 'floor'?",
        f"{path}:12:76: wrong-type: legend entry 'z': 'roof' must be text in quotes, got a whole number 5",
    ]


def test_a_wrong_item_of_a_list_points_at_the_item(tmp_path: Path, capsys) -> None:
    path, out = run(tmp_path, capsys, edited("time_limit_seconds = 180\n",
                                             'time_limit_seconds = 180\nlose = ["everyone-down",\n  5]\n'))
    assert out == [f"{path}:11:3: wrong-type: 'lose[1]' must be text in quotes, got a whole number 5"]


def test_a_wrong_list_in_a_list_of_tables_entry_points_at_the_list(tmp_path: Path, capsys) -> None:
    path, out = run(tmp_path, capsys, TEXT + '\n[[zones]]\nid = "hall"\nrect = [20, 9, "forty", 12]\n')
    line = len(TEXT.splitlines()) + 4
    assert out == [f"{path}:{line}:8: wrong-type: [[zones]] 'hall': 'rect' must be a list of 4 numbers like "
                   "[2, 3, 10, 8], got a list [20, 9, 'forty', 12]"]


def test_entries_written_as_a_list_of_inline_tables_point_at_the_value(tmp_path: Path, capsys) -> None:
    path, out = run(tmp_path, capsys, edited("\n[map]", '\nzones = [\n  { id = "hall", rect = [20, 9, 40, 12] },\n'
                                             '  { id = "yard", role = "exitt", rect = [1, 1, 3, 3] },\n]\n\n[map]'))
    assert out == [f"{path}:13:25: bad-value: [[zones]] 'yard': 'role' = 'exitt' is not allowed; did you mean 'exit'?"]


def test_a_name_that_is_not_known_points_at_the_name(tmp_path: Path, capsys) -> None:
    path, out = run(tmp_path, capsys, edited('type = "desk"', 'type = "dsk"'))
    assert out == [f"{path}:41:8: unknown-ref: [[props]] 'desk-a1': unknown prop type 'dsk'; did you mean 'desk'? "
                   "(prop types: ac-unit, car, chair, crane-load, crate, desk, locker, pipe, plank, scaffold, "
                   "teacher-desk, trolley; add your own under [prop_types.NAME] in pack.toml)"]


def test_a_key_that_is_unknown_or_missing_is_still_pointed_at_the_key(tmp_path: Path, capsys) -> None:
    text = edited("par_seconds = 30", "  par_secnds = 30").replace("[map]\n", '[map]\nlegend = { x = { knd = "floor" } }\n', 1)
    path, out = run(tmp_path, capsys, text + '\n[[zones]]\nrect = [1, 1, 3, 3]\n')
    line = len(text.splitlines()) + 2
    assert out == [
        f"{path}:8:3: unknown-key: unknown key 'par_secnds' in a level file; did you mean 'par_seconds'?",
        f"{path}:12:18: unknown-key: unknown key 'knd' in legend entry 'x'; did you mean 'kind'?",
        f"{path}:12:12: missing-key: legend entry 'x' needs 'kind' (tile kind)",
        f"{path}:{line}:3: missing-key: [[zones]] entry 1 needs 'id' (unique id)",
    ]


def test_a_wrong_value_in_pack_toml_points_at_the_value(tmp_path: Path, capsys) -> None:
    pack = tmp_path / "mine"
    shutil.copytree(SANDBOX_PACK, pack)
    manifest = pack / "pack.toml"
    manifest.write_text(manifest.read_text().replace('version = "0.2.0"', "version = 2"))
    assert main(["check", str(pack)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (f"{manifest}:6:11: wrong-type: 'version' must be a version in quotes like \"1.2.0\", "
                      "got a whole number 2")


def test_a_position_off_the_map_points_at_the_number_that_is_off(tmp_path: Path, capsys) -> None:
    """Session 36: a desk at [90.0, 3.5] was pointed at `at`, column 1; the 90 is what is wrong."""
    text = edited("at = [9.0, 3.5]", "at = [90.0, 3.5]").replace("tile = [15, 8]", "tile = [15,  80]")
    path, out = run(tmp_path, capsys, text)
    assert out == [
        f"{path}:31:14: off-map: door 'classroom-door' at [15, 80] is outside the 42x13 map",
        f"{path}:47:7: off-map: prop 'desk-a2' at [90.0, 3.5] is outside the 42x13 map (x 0..42, y 0..13 tiles)",
    ]


def test_a_zone_reaching_off_the_map_points_at_the_first_edge_that_is_off(tmp_path: Path, capsys) -> None:
    path, out = run(tmp_path, capsys, TEXT + '\n[[zones]]\nid = "hall"\nrect = [20, 9, 40, 14]\n')
    line = len(TEXT.splitlines()) + 4
    assert len(out) == 1 and out[0].startswith(f"{path}:{line}:20: off-map: zone 'hall' [20.0, 9.0, 40.0, 14.0]")


def test_a_position_inside_a_wall_is_told_once_at_the_position(tmp_path: Path, capsys) -> None:
    """A desk whose centre is in a wall was told twice (in the wall, then reaching into the
    window beside it), both at the key; now once, at the position. A desk whose centre is on
    floor but whose footprint reaches the wall is pointed at the position too."""
    path, out = run(tmp_path, capsys, edited("at = [9.0, 3.5]", "at =  [9.0, 0.5]"))
    assert len(out) == 1 and out[0].startswith(f"{path}:47:7: bad-position: prop 'desk-a2' at [9.0, 0.5] is inside")
    path, out = run(tmp_path, capsys, edited("at = [9.0, 3.5]", "at = [9.0, 1.2]"))
    assert len(out) == 1 and out[0].startswith(f"{path}:47:6: bad-position: prop 'desk-a2' at [9.0, 1.2] reaches into")
