"""A mistake in pack.toml does not hide the levels' (session 35): `hyosan check PACK` reported
a designer's wrong `version` and stopped; they fixed it, ran it again, and only then met the
problems in their level files. Now one run reports pack.toml's problems and then every level
file's, exits 1, and the game still refuses the pack."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from hyosan.cli import main
from hyosan.content.errors import LevelError
from hyosan.content.loader import load_pack
from tests.helpers import ROOT

SANDBOX_PACK = ROOT / "levels" / "sandbox"


def broken_pack(tmp_path: Path, manifest: tuple[str, str] | None = None) -> Path:
    """The practice pack with two wrong values in each level and, given ``manifest``, one
    replacement in its pack.toml."""
    pack = tmp_path / "mine"
    shutil.copytree(SANDBOX_PACK, pack)
    (pack / "pack.toml").write_text((pack / "pack.toml").read_text().replace('id = "sandbox"', 'id = "mine"'))
    first, quiet = pack / "first-steps.toml", pack / "quiet-corridor.toml"
    first.write_text(first.read_text().replace("par_seconds = 30", 'par_seconds = "fast"')
                     .replace('hinge = "west"', 'hinge = "wset"'))
    quiet.write_text(quiet.read_text().replace("time_limit_seconds = 300", "time_limit_seconds = -300"))
    if manifest is not None:
        text = (pack / "pack.toml").read_text()
        assert manifest[0] in text, manifest[0]
        (pack / "pack.toml").write_text(text.replace(manifest[0], manifest[1], 1))
    return pack


def check(capsys, *args: str) -> tuple[int, list[str], str]:
    code = main(["check", *args])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return code, out.out.splitlines(), out.err


def level_lines(pack: Path) -> list[str]:
    """What `check` says about the two levels of ``broken_pack``, in the pack's order."""
    return [
        f"{pack / 'first-steps.toml'}:8:15: wrong-type: 'par_seconds' must be a number (no quotes), got a string 'fast'",
        f"{pack / 'first-steps.toml'}:32:9: bad-value: [[doors]] 'classroom-door': 'hinge' = 'wset' is not allowed; "
        "did you mean 'west'?",
        f"{pack / 'quiet-corridor.toml'}:39:22: out-of-range: 'time_limit_seconds' must be between 1 and 36000 s, "
        "got -300",
    ]


def test_a_wrong_value_and_an_unknown_key_in_pack_toml_do_not_hide_the_levels_problems(tmp_path: Path, capsys) -> None:
    pack = broken_pack(tmp_path, ('version = "0.2.0"\n', 'version = 2\nauthr = "me"\n'))
    code, out, _ = check(capsys, str(pack))
    assert code == 1
    assert out == [
        f"{pack / 'pack.toml'}:7:1: unknown-key: unknown key 'authr' in pack.toml; did you mean 'author'?",
        f"{pack / 'pack.toml'}:6:11: wrong-type: 'version' must be a version in quotes like \"1.2.0\", got a whole number 2",
        *level_lines(pack),
        f"{pack}: 5 problems (where things stand, what they name and whether the way out can be reached are checked "
        "once these are fixed (in first-steps.toml, quiet-corridor.toml))",
    ]


def test_a_level_list_that_does_not_read_checks_every_level_file_in_the_folder(tmp_path: Path, capsys) -> None:
    pack = broken_pack(tmp_path, ('levels = ["first-steps", "quiet-corridor"]', 'levels = "first-steps, quiet-corridor"'))
    code, out, _ = check(capsys, str(pack))
    assert code == 1
    assert out[0] == (f"{pack / 'pack.toml'}:9:10: wrong-type: 'levels' must be a list [ ... ], got a string "
                      "'first-steps, quiet-corridor'")
    assert out[1:4] == level_lines(pack)
    assert out[4] == (f"{pack}: 4 problems (pack.toml's 'levels' does not say which level files there are, so "
                      "every .toml file beside it was checked; where things stand, what they name and whether the way out can be reached are checked "
                      "once these are fixed (in first-steps.toml, quiet-corridor.toml))")


def test_a_pack_toml_that_does_not_parse_still_has_its_level_files_checked(tmp_path: Path, capsys) -> None:
    pack = broken_pack(tmp_path, ('name = "Practice"', 'name = "Practice'))
    code, out, _ = check(capsys, str(pack))
    assert code == 1
    assert out[0] == (f"{pack / 'pack.toml'}:4:17: syntax: a string is not closed: add the closing quote on this "
                      "line (use triple quotes for text over several lines)")
    assert out[1:4] == level_lines(pack)
    assert out[4] == (f"{pack}: 4 problems (pack.toml does not read, so every .toml file beside it was checked, "
                      "with the built-in prop types and breeds only; where things stand, what they name and whether "
                      "the way out can be reached are checked once these are fixed (in first-steps.toml, "
                      "quiet-corridor.toml))")


def test_the_levels_are_checked_with_the_prop_types_a_broken_pack_toml_still_gives(tmp_path: Path, capsys) -> None:
    pack = tmp_path / "mine"
    shutil.copytree(SANDBOX_PACK, pack)
    (pack / "pack.toml").write_text((pack / "pack.toml").read_text().replace('author = ', 'authr = ')
                                    + '\n[prop_types.bench]\nwidth = 32\ndepth = 12\nmass = 30\n')
    first = pack / "first-steps.toml"
    first.write_text(first.read_text().replace('type = "teacher-desk"', 'type = "bench"'))
    code, out, _ = check(capsys, str(pack))
    assert code == 1
    assert out == [f"{pack / 'pack.toml'}:5:1: unknown-key: unknown key 'authr' in pack.toml; did you mean 'author'?",
                   f"{pack}: 1 problem"]


def test_a_listed_level_that_is_missing_is_said_with_the_others(tmp_path: Path, capsys) -> None:
    pack = broken_pack(tmp_path, ('levels = ["first-steps", "quiet-corridor"]',
                                  'levels = ["first-steps", "quiet-corridor", "roof"]\nicon = 5'))
    code, out, _ = check(capsys, str(pack))
    assert code == 1
    assert out == [
        f"{pack / 'pack.toml'}:10:8: wrong-type: 'icon' must be a path in quotes, got a whole number 5",
        *level_lines(pack),
        f"{pack / 'pack.toml'}:9:44: missing-file: level 'roof' is listed but roof.toml is not in the pack",
        f"{pack}: 5 problems (where things stand, what they name and whether the way out can be reached are checked "
        "once these are fixed (in first-steps.toml, quiet-corridor.toml))",
    ]


def test_a_zip_pack_with_a_broken_pack_toml_has_its_levels_checked_too(tmp_path: Path, capsys) -> None:
    pack = broken_pack(tmp_path, ('version = "0.2.0"', "version = 2"))
    zipped = tmp_path / "mine.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        for f in sorted(pack.iterdir()):
            zf.write(f, f"mine/{f.name}")
    code, out, _ = check(capsys, str(zipped))
    assert code == 1
    assert out[0] == (f"{zipped}!/mine/pack.toml:6:11: wrong-type: 'version' must be a version in quotes like "
                      "\"1.2.0\", got a whole number 2")
    assert [line.split(": ", 1)[1] for line in out[1:4]] == [line.split(": ", 1)[1] for line in level_lines(pack)]
    assert out[1].startswith(f"{zipped}!/mine/first-steps.toml:8:15: ")


def test_one_level_checked_alone_shows_its_own_problems_after_pack_toml(tmp_path: Path, capsys) -> None:
    pack = broken_pack(tmp_path, ('version = "0.2.0"', "version = 2"))
    code, out, _ = check(capsys, str(pack / "first-steps.toml"))
    assert code == 1
    assert out == [
        f"{pack / 'pack.toml'}:6:11: wrong-type: 'version' must be a version in quotes like \"1.2.0\", got a whole number 2",
        *level_lines(pack)[:2],
        f"{pack / 'first-steps.toml'}: 3 problems (1 of them in pack.toml, which the level is checked with; where "
        "things stand, what they name and whether the way out can be reached are checked once these are fixed)",
    ]


def test_json_lists_every_problem_of_the_pack(tmp_path: Path, capsys) -> None:
    pack = broken_pack(tmp_path, ('version = "0.2.0"', "version = 2"))
    code, out, _ = check(capsys, "--json", str(pack))
    assert code == 1
    (result,) = json.loads("\n".join(out))["results"]
    assert result["ok"] is False and result["levels"] == []
    assert [(Path(p["file"]).name, p["line"], p["col"], p["code"]) for p in result["problems"]] == [
        ("pack.toml", 6, 11, "wrong-type"), ("first-steps.toml", 8, 15, "wrong-type"),
        ("first-steps.toml", 32, 9, "bad-value"), ("quiet-corridor.toml", 39, 22, "out-of-range")]


def test_the_game_still_refuses_a_pack_whose_pack_toml_is_broken(tmp_path: Path, capsys) -> None:
    """Only `check` goes on to the levels: the game lists the pack as broken with pack.toml's
    first problem, and will not play a level of it."""
    pack = tmp_path / "mine"
    shutil.copytree(SANDBOX_PACK, pack)
    manifest = pack / "pack.toml"
    manifest.write_text(manifest.read_text().replace('id = "sandbox"', 'id = "mine"').replace('version = "0.2.0"', "version = 2"))
    wrong = f"{manifest}:6:11: wrong-type: 'version' must be a version in quotes like \"1.2.0\", got a whole number 2"
    with pytest.raises(LevelError) as info:
        load_pack(pack)
    assert [p.format() for p in info.value.problems] == [wrong]
    assert main(["levels", "--pack", str(pack)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-3:] == [f"BROKEN  {pack}  [extra]", f"  {wrong}",
                        f"  (`hyosan check {pack}` lists every problem, the level files' too)"]
    assert main(["playtest", "--pack", str(pack), "mine/first-steps", "--ticks", "1"]) == 1
    assert capsys.readouterr().err.splitlines() == [wrong]  # one line: pack.toml's, not the levels' too
