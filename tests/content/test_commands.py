"""`hyosan check` and `hyosan levels`, and broken packs in the level select."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pygame

from hyosan.cli import main
from hyosan.content.discovery import (
    user_packs_dir as real_user_packs_dir,  # (the fixture patches the module's)
)
from tests.helpers import ROOT

SANDBOX_PACK = ROOT / "levels" / "sandbox"


def copy_pack(tmp_path: Path, name: str = "mine") -> Path:
    dest = tmp_path / name
    shutil.copytree(SANDBOX_PACK, dest)
    return dest


def test_check_accepts_the_sandbox_in_every_form(capsys) -> None:
    assert main(["check", str(SANDBOX_PACK), str(SANDBOX_PACK / "first-steps.toml")]) == 0
    assert "ok" in capsys.readouterr().out


def test_check_prints_file_line_col_code_message_for_each_problem_and_exits_1(tmp_path: Path, capsys) -> None:
    pack = copy_pack(tmp_path)
    level = pack / "first-steps.toml"
    level.write_text(level.read_text().replace("par_seconds = 30", "par_secnds = 30").replace('type = "desk"', 'type = "dsk"', 1))
    assert main(["check", str(pack)]) == 1
    out = capsys.readouterr().out
    assert f"{level}:8:1: unknown-key: unknown key 'par_secnds'" in out
    assert "unknown-ref: [[props]] 'desk-a1': unknown prop type 'dsk'; did you mean 'desk'?" in out
    assert "Traceback" not in out


def test_checking_one_level_of_a_broken_pack_names_the_pack_toml_and_the_fix(tmp_path: Path, capsys) -> None:
    # A designer checked one level and read "broadcast-room.toml: 1 problem" for a problem in
    # pack.toml; and "first-steps.toml" in the levels list is an id written as a file name.
    pack = copy_pack(tmp_path)
    manifest = pack / "pack.toml"
    manifest.write_text(manifest.read_text().replace('"first-steps"', '"first-steps.toml"'))
    assert main(["check", str(pack / "first-steps.toml")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("bad-id: level id 'first-steps.toml' is not a valid id; write 'first-steps': "
                           "the id names the file first-steps.toml")
    assert out[0].startswith(f"{manifest}:")
    assert out[-1] == f"{manifest}: 1 problem (first-steps.toml was checked with it and has none of its own)"


def test_one_level_of_a_pack_plays_and_checks_whatever_its_siblings_say(tmp_path: Path, capsys) -> None:
    # A designer's playtest of one level file stopped at a duplicate key in another file of
    # its pack, printed as if it were its own, while check of the same file said ok.
    pack = copy_pack(tmp_path)
    sibling = pack / "second.toml"
    sibling.write_text((pack / "first-steps.toml").read_text().replace('id = "first-steps"', 'id = "second"')
                       .replace("par_seconds = 30", "par_seconds = 30\npar_seconds = 40"))
    manifest = pack / "pack.toml"
    manifest.write_text(manifest.read_text().replace('"first-steps"', '"first-steps", "second"'))
    level = pack / "first-steps.toml"
    assert main(["playtest", str(level), "--bot", "idle", "--ticks", "30"]) == 0
    assert main(["check", str(level)]) == 0
    capsys.readouterr()
    assert main(["check", str(sibling)]) == 1  # the sibling's own check still says what is wrong with it
    assert "duplicate-key: 'par_seconds' is set twice" in capsys.readouterr().out
    # the pack's --json names the level that loads (it listed none)
    assert main(["check", "--json", str(pack)]) == 1
    (result,) = json.loads(capsys.readouterr().out)["results"]
    assert result["levels"] == ["first-steps", "quiet-corridor"] and result["problems"][0]["code"] == "duplicate-key"


def test_check_json_has_the_same_problems_as_data(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "not-a-pack"
    folder.mkdir()
    assert main(["check", "--json", str(folder)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False and data["results"][0]["problems"][0]["code"] == "not-a-pack"


def test_levels_lists_builtin_user_and_extra_packs_with_refs_and_broken_ones(tmp_path: Path, capsys, _no_real_user_packs) -> None:
    user = _no_real_user_packs
    user.mkdir(parents=True)
    mine = copy_pack(user, "mine")
    (mine / "pack.toml").write_text((mine / "pack.toml").read_text().replace('id = "sandbox"', 'id = "mine"'))
    broken = copy_pack(user, "zbroken")
    (broken / "pack.toml").write_text("id = \n")
    assert main(["levels", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["user_packs_dir"] == str(user)
    by_path = {Path(p["path"]).name: p for p in data["packs"]}
    assert by_path["sandbox"]["levels"][0] == {"ref": "sandbox/first-steps", "id": "first-steps", "title": "First Steps", "pack": "sandbox"}
    assert by_path["mine"]["origin"] == "user" and by_path["mine"]["levels"][0]["ref"] == "mine/first-steps"
    assert by_path["zbroken"]["ok"] is False and by_path["zbroken"]["error"]["code"] == "syntax"
    assert main(["levels"]) == 0
    text = capsys.readouterr().out
    assert str(user) in text and "BROKEN" in text and "mine/first-steps" in text
    assert main(["playtest", "mine/first-steps", "--ticks", "10", "--json"]) == 0


def test_a_broken_pack_shows_in_the_level_select_and_the_rest_still_works(tmp_path: Path) -> None:
    from hyosan.scenes.screens import LevelSelectScene

    pygame.font.init()
    broken = copy_pack(tmp_path, "broken")
    (broken / "first-steps.toml").write_text("id = 'x'\n")
    scene = LevelSelectScene([broken])
    labels = [i.label for i in scene.menu.items]
    assert any("[broken pack] broken" == lab for lab in labels)
    assert any("First Steps" in lab for lab in labels) and any(lab.startswith("- Practice") for lab in labels)
    assert scene.menu.items[scene.menu.index].enabled


def test_the_packs_folder_follows_the_data_folder(tmp_path: Path, monkeypatch) -> None:
    # A designer with HYOSAN_DATA_DIR set for a clean run still had packs read from the real
    # folder: the packs live in the data folder, wherever that is.
    monkeypatch.setenv("HYOSAN_DATA_DIR", str(tmp_path / "data"))
    assert real_user_packs_dir() == tmp_path / "data" / "packs"
