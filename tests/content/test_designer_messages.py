"""Messages a level designer meets (issues #4-#6): each names the file, the entry and the key,
says what is wrong and what would be right, and no traceback reaches the terminal."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from hyosan.cli import main
from hyosan.content.errors import LevelError
from hyosan.content.fields import suggest
from hyosan.content.loader import load_level, load_pack
from tests.helpers import ROOT, SANDBOX

TEXT = SANDBOX.read_text()
SANDBOX_PACK = ROOT / "levels" / "sandbox"

# A hallway zone with a horde, a timed wave, a radio the intercom fires: what a designer adds first.
EXTRA = """
[[zones]]
id = "hall"
rect = [20, 9, 40, 12]

[[zombies]]
count = 5
in_zone = "hall"

[[waves]]
id = "late-wave"
count = 4
in_zone = "hall"
at_seconds = 20

[[sounds]]
id = "radio"
kind = "radio"
at = [30.5, 10.5]

[[stations]]
id = "intercom"
kind = "intercom"
at = [3.5, 3.5]
triggers = ["radio"]
"""


def messages(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "first-steps.toml"
    path.write_text(text)
    with pytest.raises(LevelError) as info:
        load_level(path)
    return [p.format() for p in info.value.problems]


def edited(old: str, new: str) -> str:
    text = TEXT + EXTRA
    assert old in text, old
    return text.replace(old, new, 1)


def test_the_base_level_is_clean(tmp_path: Path) -> None:
    path = tmp_path / "first-steps.toml"
    path.write_text(TEXT + EXTRA)
    assert load_level(path).id == "first-steps"


def test_a_wrong_type_names_the_entry_without_an_id_by_its_number(tmp_path: Path) -> None:
    (msg,) = messages(tmp_path, edited("count = 5", 'count = "5"'))
    assert msg.endswith("wrong-type: [[zombies]] entry 1: 'count' must be a whole number (no quotes, no decimal point), "
                        "got a string '5'")


def test_a_huge_number_names_the_entry_and_the_limits(tmp_path: Path) -> None:
    (msg,) = messages(tmp_path, edited("count = 4", "count = 250000000000000000000000"))
    # (the whole number as written: "got 2.5e+23" was not what the designer typed)
    assert msg.endswith("out-of-range: [[waves]] 'late-wave': 'count' must be between 1 and 5000 zombies, "
                        "got 250000000000000000000000")
    (msg,) = messages(tmp_path, edited("count = 4", "count = 4\nspread_seconds = 1e9"))  # (a decimal: its shortest form)
    assert msg.endswith("'spread_seconds' must be between 0 and 3600 s, got 1e+09")


def test_a_date_where_a_number_belongs_reads_as_the_date_written(tmp_path: Path) -> None:
    # TOML reads 1979-05-27 as a date: said as written, not as Python's datetime.date(1979, 5, 27)
    (msg,) = messages(tmp_path, edited("at_seconds = 20", "at_seconds = 1979-05-27"))
    assert msg.endswith("wrong-type: [[waves]] 'late-wave': 'at_seconds' must be a number, got a date 1979-05-27")
    (msg,) = messages(tmp_path, edited("at_seconds = 20", "at_seconds = 07:32:00"))
    assert msg.endswith("'at_seconds' must be a number, got a time of day 07:32:00")


def test_a_misspelt_key_names_the_entry_by_its_id(tmp_path: Path) -> None:
    typo, missing = messages(tmp_path, edited("at_seconds = 20", "at_second = 20"))
    assert typo.endswith("unknown-key: unknown key 'at_second' in [[waves]] 'late-wave'; did you mean 'at_seconds'?")
    assert missing.endswith("missing-key: [[waves]] 'late-wave' needs 'at_seconds' (when the wave starts)")


def test_a_bad_reference_names_the_entry_and_the_key(tmp_path: Path) -> None:
    (msg,) = messages(tmp_path, edited('triggers = ["radio"]', 'triggers = ["radoi"]'))
    assert msg.endswith("unknown-ref: [[stations]] 'intercom': 'triggers' names sound 'radoi', but the level has no "
                        "sound with that id; did you mean 'radio'?")
    (msg,) = messages(tmp_path, edited("time_limit_seconds = 180", 'time_limit_seconds = 180\nlose = ["student-lost:mi-jin"]'))
    assert msg.endswith("unknown-ref: 'lose' names student 'mi-jin', but the level has no student with that id; "
                        "students: on-jo")


def test_a_zone_outside_the_map_is_reported_once_with_the_limits(tmp_path: Path) -> None:
    msgs = messages(tmp_path, edited("rect = [20, 9, 40, 12]", "rect = [20, 9, 60, 12]"))
    assert len(msgs) == 1  # not again for each group and wave that stands in it
    assert msgs[0].endswith("off-map: zone 'hall' [20.0, 9.0, 60.0, 12.0] reaches outside the 42x13 map; "
                            "keep 0 <= x0 < x1 <= 42 and 0 <= y0 < y1 <= 13")
    (msg,) = messages(tmp_path, edited('count = 5\nin_zone = "hall"', "count = 5\nzone = [30, 9, 45, 12]"))
    assert msg.endswith("off-map: [[zombies]] entry 1: 'zone' [30.0, 9.0, 45.0, 12.0] reaches outside the 42x13 map; "
                        "keep 0 <= x0 < x1 <= 42 and 0 <= y0 < y1 <= 13")


def test_a_spawn_point_at_the_edge_says_to_move_it_in(tmp_path: Path) -> None:
    text = edited('count = 5\nin_zone = "hall"', 'count = 5\nat_spawn = "gap"').replace(
        "E\n#" + "." * 40 + "E\n", "D\n#" + "." * 40 + "#\n", 1)  # a door in the east wall, the zombies' way in
    text += '\n[[spawn_points]]\nid = "gap"\nat = [41.9, 9.5]\n[[doors]]\nid = "gap-door"\ntile = [41, 9]\n'
    (msg,) = messages(tmp_path, text)
    assert msg.endswith("off-map: [[zombies]] entry 1: spawn point 'gap' is too near the map's edge: the 1-tile square "
                        "they appear in, [41.4, 9.0, 42.4, 10.0], reaches outside the 42x13 map; move the point half a tile in")


def test_a_door_on_a_wall_points_at_the_nearest_free_door_tile(tmp_path: Path) -> None:
    (msg,) = messages(tmp_path, edited("tile = [15, 8]", "tile = [14, 8]"))
    assert msg.endswith("bad-ref: door 'classroom-door' is at [14, 8], where the map has '#' (wall), not a door tile; "
                        "[col, row] count from 0; the nearest door tile without a door is [15, 8]")


def test_an_unknown_prop_type_lists_every_type(tmp_path: Path) -> None:
    (msg,) = messages(tmp_path, edited('id = "desk-a1"\ntype = "desk"', 'id = "desk-a1"\ntype = "school-desk"'))
    assert "unknown-ref: [[props]] 'desk-a1': unknown prop type 'school-desk'" in msg
    assert msg.endswith("(prop types: ac-unit, car, chair, crane-load, crate, desk, locker, pipe, plank, scaffold, "
                        "teacher-desk, trolley; add your own under [prop_types.NAME] in pack.toml)")


def test_a_duplicate_id_names_the_line_of_the_first(tmp_path: Path) -> None:
    (msg,) = messages(tmp_path, edited('id = "desk-a2"', 'id = "desk-a1"'))
    first = (TEXT + EXTRA).split("\n").index('id = "desk-a1"')  # 0-based index of the id line: its [[props]] is above
    assert msg.endswith(f"duplicate-id: id 'desk-a1' is already used by the [[props]] entry on line {first}; "
                        "ids must be unique in a level: rename one")


def test_a_bad_legend_entry_is_one_problem_not_one_per_tile(tmp_path: Path) -> None:
    text = edited("[map]\n", '[map]\nlegend = { "," = { kind = "carpet" } }\n').replace("#.S....", "#,S,,,,")
    (msg,) = messages(tmp_path, text)
    assert msg.endswith("bad-value: legend entry ',': 'kind' = 'carpet' is not allowed; choose from: floor, wall, door, "
                        "window, exit, spawn, puddle, edge, void")


def test_yaml_style_keys_and_inline_tables_are_json_isms(tmp_path: Path) -> None:
    (msg,) = messages(tmp_path, edited('hinge = "west"', 'hinge: "west"'))
    assert "json-ism: TOML keys are written key = value, not key: value" in msg
    (msg,) = messages(tmp_path, edited("[map]\n", '[map]\nlegend = { "," = { kind: "floor" } }\n'))
    assert "json-ism: inline tables use { key = value }, not { key: value }" in msg
    # the advice alone: the parser's own words after it ("(Invalid value)") were noise to a designer
    (msg,) = messages(tmp_path, edited('hinge = "west"', 'hinge = "west"\nlocked = False'))
    assert msg.endswith("json-ism: booleans are lowercase in TOML: true or false")


def test_a_briefing_closed_short_of_a_quote_is_pointed_at_not_the_map_it_ran_into(tmp_path: Path) -> None:
    # The briefing's closing """ written "": the text runs on to the map's opening quotes, the
    # map's rows read as comments, and tomllib stops at the map's end, 20 lines below the slip.
    text = edited('push it aside.\n"""', 'push it aside.\n""')
    (msg,) = messages(tmp_path, text)
    assert re.search(r"first-steps\.toml:3:12: syntax: TOML syntax error on line \d+ \(.*\): the text in triple "
                     r"quotes that 'briefing' opens here runs on over line 8 \('par_seconds = 30'\), which reads as "
                     r'a key or a table: is its closing """ missing or short of a quote\?$', msg), msg
    # a briefing that only mentions "key = value" prose is not blamed for a slip elsewhere
    prose = edited("A desk has slid", "The rule here: quiet = alive.\nA desk has slid").replace(
        "par_seconds = 30", "par_seconds = = 30")
    (msg,) = messages(tmp_path, prose)
    assert "triple quotes" not in msg and msg.endswith("every line is key = value, [table], [[list]] or a # comment "
                                                       "(levels/README.md has a complete example)"), msg


def test_a_file_that_is_not_toml_says_what_toml_looks_like(tmp_path: Path) -> None:
    (msg,) = messages(tmp_path, "<level>\n  <id>first-steps</id>\n</level>\n")
    assert msg.endswith(":1:1: syntax: TOML syntax error: Invalid statement; every line is key = value, [table], "
                        "[[list]] or a # comment (levels/README.md has a complete example)")


def pack_type_problem(tmp_path: Path, prop_type: str) -> str:
    """The one problem the sandbox pack has with ``prop_type`` (TOML) added to its pack.toml."""
    pack = tmp_path / "mine"
    shutil.copytree(SANDBOX_PACK, pack)
    manifest = pack / "pack.toml"
    manifest.write_text(manifest.read_text() + prop_type)
    with pytest.raises(LevelError) as info:
        load_pack(pack)
    (problem,) = info.value.problems
    return problem.message


def test_a_pack_type_problem_names_the_type(tmp_path: Path) -> None:
    message = pack_type_problem(tmp_path, '\n[prop_types.shelf]\nwidth = 32\ndepth = 10\nmass = 90\nrolling = "wheels"\n')
    assert message == "[prop_types.shelf]: 'rolling' = 'wheels' is not allowed; choose from: none, along, across, any"


def test_a_pack_type_without_a_mass_says_what_mass_does(tmp_path: Path) -> None:
    message = pack_type_problem(tmp_path, "\n[prop_types.shelf]\nwidth = 32\ndepth = 10\n")
    assert message == ("prop type 'shelf' needs 'mass' (how heavy it is: a student pushes ~27 kN against 420 x mass "
                       "of floor friction)")


@pytest.mark.parametrize("zipped", [False, True])
def test_a_misspelt_level_in_the_manifest_suggests_the_file(tmp_path: Path, zipped: bool, capsys) -> None:
    pack = tmp_path / "mine"
    shutil.copytree(SANDBOX_PACK, pack)
    manifest = pack / "pack.toml"
    manifest.write_text(manifest.read_text().replace('levels = ["first-steps", ', 'levels = ["first-step", '))
    target = pack
    if zipped:
        target = tmp_path / "mine.zip"
        with zipfile.ZipFile(target, "w") as z:
            for f in sorted(pack.iterdir()):
                z.write(f, f.name)
    assert main(["check", str(target)]) == 1
    out = capsys.readouterr().out
    assert "missing-file: level 'first-step' is listed but first-step.toml is not in the pack; did you mean 'first-steps'?" in out
    assert "Traceback" not in out


def test_a_pack_reference_without_its_pack_says_how_to_load_it(capsys) -> None:
    assert main(["playtest", "night-school/library-hold", "--bot", "idle", "--ticks", "1"]) == 1
    err = capsys.readouterr().err
    assert ("unknown-pack: no pack with id 'night-school' was found among horde-lab, hyosan, nights, sandbox: point --pack at "
            "its folder or .zip, or put it in your packs folder (`hyosan levels` prints where that is)") in err
    assert "Traceback" not in err


def test_values_are_shown_as_toml_and_star_rules_say_the_most_allowed(tmp_path: Path) -> None:
    (msg,) = messages(tmp_path, edited("par_seconds = 30", "par_seconds = true"))
    assert msg.endswith("wrong-type: 'par_seconds' must be a number, got a boolean true")
    (msg,) = messages(tmp_path, edited("count = 5", "count = [true, 2]"))
    assert msg.endswith("wrong-type: [[zombies]] entry 1: 'count' must be a whole number, got a list [true, 2]")
    # A value wrong in a plain table names the table: the line alone did not say which (a designer's 2.0)
    (msg,) = messages(tmp_path, TEXT + EXTRA + "\n[stars]\ntwo_star_survivors = 2.0\n")
    assert msg.endswith("wrong-type: [stars]: 'two_star_survivors' must be a whole number (no quotes, no decimal "
                        "point), got a number 2.0")
    (msg,) = messages(tmp_path, TEXT + EXTRA + "\n[stars]\ntwo_star_survivors = 3\n")
    assert msg.endswith("out-of-range: 2 stars need 3 survivors but the squad has 1 student; "
                        "set 'two_star_survivors' to at most 1")


def test_an_empty_file_says_what_it_needs(tmp_path: Path) -> None:
    (msg,) = messages(tmp_path, "")
    assert msg.endswith(":1:1: empty: file is empty; it needs at least id, title, [map] rows and one [[squad]] "
                        "student (levels/README.md has a complete example)")
    pack = tmp_path / "mine"
    pack.mkdir()
    (pack / "pack.toml").write_text("")
    with pytest.raises(LevelError) as info:
        load_pack(pack)
    assert info.value.first.message == ("file is empty; it needs at least id, name, format_version and levels "
                                        "(levels/README.md has a complete example)")


@pytest.mark.parametrize("rows", ['""', '"""\n"""', '"""\n   \n   \n"""'])
def test_a_map_with_no_rows_says_to_draw_them(tmp_path: Path, rows: str) -> None:
    # A designer's empty rows crashed the checker ("LevelError needs at least one problem").
    (msg,) = messages(tmp_path, f'id = "x"\ntitle = "X"\n[map]\nrows = {rows}\n[[squad]]\nid = "on-jo"\n')
    assert ":4:1: empty-map: the map has no rows" in msg and 'rows = """' in msg


def test_props_laid_over_each_other_are_one_problem_naming_both(tmp_path: Path) -> None:
    # The roof's plank lay across a crate and jumped 11 px at the first tick; a designer's desks
    # laid over each other went unsaid. Side by side (touching within the slack) is fine.
    (msg,) = messages(tmp_path, edited("at = [9.0, 3.5]", "at = [5.6, 3.7]"))
    assert msg.endswith("bad-position: prop 'desk-a1' at [5.0, 3.5] overlaps prop 'desk-a2' at [5.6, 3.7]: "
                        "they would be shoved apart as the level starts; move one clear of the other")
    load_level_text = edited("at = [9.0, 3.5]", "at = [7.0, 3.5]")  # a desk is 2 tiles wide: end to end
    path = tmp_path / "first-steps.toml"
    path.write_text(load_level_text)
    assert next(p for p in load_level(path).props if p.id == "desk-a2").at == (7.0, 3.5)


def test_a_top_level_key_written_after_a_header_says_to_move_it_up(tmp_path: Path) -> None:
    (msg,) = messages(tmp_path, TEXT + EXTRA + 'theme = "yard"\n')
    assert msg.endswith("unknown-key: 'theme' is not a key of [[stations]] 'intercom': it belongs at the top of the "
                        "file, and in TOML every key after a [table] or [[list]] header belongs to that header; move "
                        "it above the first header")


def test_a_pack_given_with_pack_that_does_not_load_says_why(tmp_path: Path, capsys) -> None:
    pack = tmp_path / "work-in-progress"
    shutil.copytree(SANDBOX_PACK, pack)
    manifest = pack / "pack.toml"
    manifest.write_text(manifest.read_text().replace('id = "sandbox"', 'id = "night-school"'))
    level = pack / "first-steps.toml"
    level.write_text(level.read_text().replace("par_seconds = 30", "par_secnds = 30"))
    assert main(["playtest", "night-school/first-steps", "--pack", str(pack), "--ticks", "1"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (f"night-school/first-steps: unknown-pack: no pack with id 'night-school' was loaded: {pack} did "
                      "not load, for these reasons")
    assert err[1].startswith(f"{level}:8:1: unknown-key: unknown key 'par_secnds' in a level file; did you mean")


def test_a_zombie_group_reusing_a_wave_id_names_the_wave_by_its_line(tmp_path: Path) -> None:
    text = edited("count = 5\n", 'id = "late-wave"\ncount = 5\n')
    (msg,) = messages(tmp_path, text)
    line = text.split("\n").index("[[waves]]") + 1
    assert msg.endswith(f"duplicate-id: id 'late-wave' is already used by the [[waves]] entry on line {line}; "
                        "ids must be unique in a level: rename one")


def test_a_key_set_twice_in_an_entry_is_counted_from_one(tmp_path: Path) -> None:
    (msg,) = messages(tmp_path, edited('hinge = "west"', 'hinge = "west"\nhinge = "east"'))
    line = (TEXT + EXTRA).split("\n").index('hinge = "west"') + 1
    assert msg.endswith(f":{line + 1}:1: duplicate-key: 'hinge' in [[doors]] entry 1 is set twice (first on line {line}); "
                        "keep one")


def test_an_event_without_its_kind_suggests_the_kind(tmp_path: Path) -> None:
    text = TEXT + EXTRA + '\n[[objectives]]\nid = "wait"\nkind = "hold-until-event"\nevent = "radio"\n'
    (msg,) = messages(tmp_path, text)
    assert msg.endswith("bad-value: [[objectives]] 'wait': event 'radio' must be station:<id>, sound-end:<id> or "
                        "wave-end:<id>; did you mean 'sound-end:radio'?")


def test_a_bad_id_names_its_entry_by_number(tmp_path: Path) -> None:
    (msg,) = messages(tmp_path, edited('id = "late-wave"', 'id = "Late Wave"'))
    assert msg.endswith("bad-id: [[waves]] entry 1: 'id' = 'Late Wave': ids are lowercase with '-' for spaces; "
                        "write 'late-wave'")


def test_a_future_format_says_how_to_write_this_ones(tmp_path: Path) -> None:
    pack = tmp_path / "mine"
    shutil.copytree(SANDBOX_PACK, pack)
    manifest = pack / "pack.toml"
    manifest.write_text(manifest.read_text().replace("format_version = 1", "format_version = 2"))
    with pytest.raises(LevelError) as info:
        load_pack(pack)
    assert info.value.first.message == ("this pack is written in level format 2, but this game reads format 1; update "
                                        "the game (or write format_version = 1 if the pack was made for this one)")


def test_a_multiplier_out_of_range_says_it_is_a_multiplier(tmp_path: Path) -> None:
    (msg,) = messages(tmp_path, TEXT + EXTRA + "\n[difficulty.hard]\nspeed = 5\n")
    assert msg.endswith("out-of-range: [difficulty.hard]: 'speed' must be between 0 and 3 (a multiplier: 1 is normal), "
                        "got 5")


def test_a_lamp_problem_names_the_lamp(tmp_path: Path) -> None:
    text = TEXT + EXTRA + '\n[light]\nambient = "dark"\n\n[[light.lights]]\nid = "hall-lamp"\nkind = "lamp"\nat = [30.5, 10.5]\nradius = -1\n'
    (msg,) = messages(tmp_path, text)
    assert msg.endswith("not-positive: [[light.lights]] 'hall-lamp': 'radius' must be greater than 0 tiles, got -1")


def test_a_horde_zone_with_no_open_tile_is_refused(tmp_path: Path) -> None:
    # The wave's zombies would be drawn on open tiles of the rectangle: on all-wall tiles none
    # ever appears, and the level used to load as if it had a wave.
    (msg,) = messages(tmp_path, edited('count = 4\nin_zone = "hall"', "count = 4\nzone = [0, 0, 1, 8]"))
    assert msg.endswith("bad-position: [[waves]] 'late-wave': 'zone' [0.0, 0.0, 1.0, 8.0] covers only wall, window "
                        "or void tiles, so these zombies would never appear; move it onto floor")
    group, wave = messages(tmp_path, edited("rect = [20, 9, 40, 12]", "rect = [20, 12, 40, 13]"))  # both stand in it
    assert "bad-position: [[zombies]] entry 1: zone 'hall' [20.0, 12.0, 40.0, 13.0] covers only wall" in group
    assert "bad-position: [[waves]] 'late-wave': zone 'hall' [20.0, 12.0, 40.0, 13.0] covers only wall" in wave
    # One open tile is enough (here the corridor's west end, beside three wall tiles); a zone
    # partly in walls loads. (A doorway is no such tile: tests/content/test_night_shift.py.)
    path = tmp_path / "first-steps.toml"
    path.write_text(edited("rect = [20, 9, 40, 12]", "rect = [0, 8, 2, 10]"))
    assert load_level(path).zombies[0].zone == (0.0, 8.0, 2.0, 10.0)


# A wrong value for a key that takes one of a fixed set named its entry only by luck: the label
# was left off whenever the entry's id appeared quoted in the message, and an enum message quotes
# the value and the suggestion, so a station 'gong' of kind 'gong' or a sound 'radio' of kind
# 'radoi' ("did you mean 'radio'?") lost it; and the legend entry '.' (the floor) was never named.
def test_a_wrong_station_kind_names_the_station_even_when_it_is_its_id(tmp_path: Path) -> None:
    text = TEXT + EXTRA + '\n[[stations]]\nid = "gong"\nkind = "gong"\nat = [4.5, 4.5]\n'
    (msg,) = messages(tmp_path, text)
    line = text.split("\n").index('kind = "gong"') + 1
    assert msg == (f"{tmp_path / 'first-steps.toml'}:{line}:8: bad-value: [[stations]] 'gong': 'kind' = 'gong' is "
                   "not allowed; choose from: intercom, pa-console, drone-controller, phone, door-switch, bait")


def test_a_wrong_sound_kind_names_the_sound_when_the_suggestion_is_its_id(tmp_path: Path) -> None:
    (msg,) = messages(tmp_path, edited('kind = "radio"', 'kind = "radoi"'))
    assert msg.endswith("bad-value: [[sounds]] 'radio': 'kind' = 'radoi' is not allowed; did you mean 'radio'?")


@pytest.mark.parametrize(("before", "legend"), [
    ("[map]\n", '[map]\nlegend = { "." = { kind = "floor", floor = "gym" } }\n'),
    ("[[doors]]", '[map.legend]\n"." = { kind = "floor", floor = "gym" }\n\n[[doors]]'),
], ids=["inline", "table"])
def test_a_wrong_legend_floor_names_the_legend_entry_even_the_dot(tmp_path: Path, before: str, legend: str) -> None:
    text = edited(before, legend)
    (msg,) = messages(tmp_path, text)
    line, row = next((i, row) for i, row in enumerate(text.split("\n"), 1) if "gym" in row)
    col = row.index('"gym"') + 1  # the value, in the inline table as under [map.legend]
    assert msg == (f"{tmp_path / 'first-steps.toml'}:{line}:{col}: bad-value: legend entry '.': 'floor' = 'gym' is not "
                   "allowed; choose from: classroom, hallway, yard, auditorium, site, stairwell, rooftop, forest")


@pytest.mark.parametrize(("entry", "label", "key", "value"), [
    ('[[doors]]\nid = "left"\ntile = [15, 8]\nhinge = "left"', "[[doors]] 'left'", "hinge", "left"),
    ('[[stations]]\nid = "breaker"\nkind = "breaker"\nat = [4.5, 4.5]', "[[stations]] 'breaker'", "kind", "breaker"),
    ('[[sounds]]\nid = "gong"\nkind = "gong"\nat = [4.5, 4.5]', "[[sounds]] 'gong'", "kind", "gong"),
    ('[[objectives]]\nid = "escape"\nkind = "escape"', "[[objectives]] 'escape'", "kind", "escape"),
    ('[[joints]]\nid = "hinge"\nkind = "hinge"\na = "desk-a1"', "[[joints]] 'hinge'", "kind", "hinge"),
    ('[[zones]]\nid = "goal"\nrect = [1, 1, 3, 3]\nrole = "goal"', "[[zones]] 'goal'", "role", "goal"),
    ('[[spawn_points]]\nid = "door"\nat = [4.5, 4.5]\nrole = "door"', "[[spawn_points]] 'door'", "role", "door"),
    ('[[squad]]\nid = "club"\nweapon = "club"', "[[squad]] 'club'", "weapon", "club"),
    ('[[zombies]]\nid = "asleep"\ncount = 1\nzone = [1, 1, 3, 3]\nstate = "asleep"', "[[zombies]] 'asleep'", "state", "asleep"),
    ('[[waves]]\nid = "rush"\ncount = 1\nzone = [1, 1, 3, 3]\nat_seconds = 5\nstate = "rush"', "[[waves]] 'rush'", "state", "rush"),
    ('[[light.lights]]\nid = "candle"\nkind = "candle"\nat = [4.5, 4.5]', "[[light.lights]] 'candle'", "kind", "candle"),
], ids=["door-hinge", "station-kind", "sound-kind", "objective-kind", "joint-kind", "zone-role", "spawn-point-role",
        "squad-weapon", "zombies-state", "wave-state", "lamp-kind"])
def test_every_enum_key_of_an_entry_names_the_entry(tmp_path: Path, entry: str, label: str, key: str, value: str) -> None:
    text = TEXT + EXTRA + "\n" + entry + "\n"
    msgs = [m for m in messages(tmp_path, text) if "bad-value" in m]
    assert len(msgs) == 1, msgs
    assert f"bad-value: {label}: '{key}' = '{value}' is not allowed" in msgs[0]


def test_a_pack_type_enum_named_like_the_type_names_the_type(tmp_path: Path) -> None:
    pack = tmp_path / "mine"
    shutil.copytree(SANDBOX_PACK, pack)
    manifest = pack / "pack.toml"
    manifest.write_text(manifest.read_text() + '\n[prop_types.ball]\nwidth = 10\ndepth = 10\nmass = 1\nrolling = "ball"\n'
                        'alarm = "ball"\n')
    with pytest.raises(LevelError) as info:
        load_pack(pack)
    assert [p.message for p in info.value.problems] == [
        "[prop_types.ball]: 'rolling' = 'ball' is not allowed; choose from: none, along, across, any",
        "[prop_types.ball]: 'alarm' = 'ball' is not allowed; choose from: '', pa-speaker, phone, car-alarm, drone, "
        "alarm-clock, radio, shout, helicopter"]


def test_a_wrong_type_equal_to_the_id_names_the_entry(tmp_path: Path) -> None:
    (msg,) = messages(tmp_path, edited('kind = "radio"\nat = [30.5, 10.5]', 'kind = "radio"\nat = [30.5, 10.5]\nloudness = "radio"'))
    assert msg.endswith("wrong-type: [[sounds]] 'radio': 'loudness' must be a number (no quotes), got a string 'radio'")


def test_an_unknown_key_does_not_hide_where_things_stand(tmp_path: Path) -> None:
    """The auditorium's designer ran `hyosan check` twice: an unknown key stopped the checks
    before the one that said a prop stood in a wall. An unknown key reads nothing, so both are
    told at once; a top-level key written under a header is not (its level value fell back to
    the default, which the placement checks would judge)."""
    text = edited('kind = "radio"\nat = [30.5, 10.5]', 'kind = "radio"\ncolour = "red"\nat = [300.5, 10.5]')
    msgs = messages(tmp_path, text)
    assert len(msgs) == 2
    assert "unknown-key: unknown key 'colour' in [[sounds]] 'radio'" in msgs[0]
    assert "off-map" in msgs[1] and "[300.5, 10.5]" in msgs[1]
    moved = messages(tmp_path, text.replace('colour = "red"', 'theme = "yard"'))
    assert len(moved) == 1 and "belongs at the top of the file" in moved[0]


def test_a_list_of_tables_over_a_key_set_above_names_both_lines(tmp_path: Path) -> None:
    """Written by a designer from the docs: ``lights = 5`` under [light], then [[light.lights]].
    tomllib said only "Cannot overwrite a value", naming neither the key nor where it was set."""
    text = TEXT + EXTRA + '\n[light]\nambient = "dark"\nlights = 5\n\n[[light.lights]]\nid = "lamp"\nkind = "lamp"\nat = [3.5, 3.5]\n'
    (msg,) = messages(tmp_path, text)
    first = text.split("\n").index("lights = 5") + 1
    assert msg.endswith(f":{first + 2}:3: duplicate-key: 'light.lights' is set twice (first on line {first}); keep one")


@pytest.mark.parametrize(("extra", "key", "advice"), [
    ('[[lights]]\nid = "lamp"\nkind = "lamp"\nat = [3.5, 3.5]\n', "lights", "write [[light.lights]]"),
    ("", "rain", "write 'rain' under [weather]"),
])
def test_a_key_of_a_level_table_written_at_the_top_names_its_table_and_line(tmp_path: Path, extra: str, key: str,
                                                                             advice: str) -> None:
    """``[[lights]]`` was refused with "did you mean 'light'?" and no line: the fix is
    ``[[light.lights]]``, and the message says so, at the header's line."""
    text = edited("par_seconds = 30\n", "par_seconds = 30\nrain = 0.5\n") if key == "rain" else TEXT + EXTRA + "\n" + extra
    (msg,) = messages(tmp_path, text)
    line = next(i for i, ln in enumerate(text.split("\n"), 1) if ln.startswith(("[[lights]]", "rain =")))
    assert f":{line}:" in msg
    assert msg.endswith(f"unknown-key: unknown key '{key}' at the top of a level file: it is a key of "
                        f"[{'light' if key == 'lights' else 'weather'}]; {advice}")


def test_a_character_not_in_the_legend_is_said_once_with_its_tiles_counted(tmp_path: Path) -> None:
    """A two-letter legend key left every tile of it unknown: ten lines were listed and the
    rest dropped without a word; then a renamed key ("j" to a door emoji) read as ten lines
    about one character and "18 more". One line a character now, at its first tile."""
    rows = (TEXT + EXTRA).split('rows = """')[1].split('"""')[0]
    text = edited(rows, rows.replace(".", "?"))  # every floor tile
    (msg,) = messages(tmp_path, text)
    total = rows.count(".")
    assert re.search(rf"first-steps\.toml:(\d+):2: bad-tile: map character '\?' \({total} tiles, the first at column 1, "
                     rf"row 1\) is not in the legend; add it under \[map\.legend\] or use one of ' #\.DESW_~'$", msg), msg
    # a legend key the map never uses is offered for them
    one = edited(rows, rows.replace(".", "j", 1)) + '\n[map.legend]\n"k" = "floor"\n'
    (msg,) = messages(tmp_path, one)
    assert msg.endswith("map character 'j' at column 1, row 1 is not in the legend; add it under [map.legend] or use "
                        "one of ' #.DESW_k~'; the legend's 'k' is on no tile: was it meant for these?"), msg
    # eleven unknown characters: ten said, the rest counted
    eleven = rows
    for letter in "abcdefghijk":
        eleven = eleven.replace(".", letter, 1)
    msgs = messages(tmp_path, edited(rows, eleven))
    assert sum("is not in the legend; add it" in m for m in msgs) == 10
    assert msgs[-1].endswith("1 more map characters are not in the legend (only the first 10 are listed)")


def test_a_default_par_over_a_short_time_limit_says_par_is_not_set(tmp_path: Path) -> None:
    (msg,) = messages(tmp_path, edited("par_seconds = 30\ntime_limit_seconds = 180\n", "time_limit_seconds = 60\n"))
    assert msg.endswith("conflict: par time 120 s (par_seconds is not set: 120 s by default) is longer than the time "
                        "limit 60 s, so 3 stars are impossible; set par_seconds under the time limit")


def test_a_tower_with_no_joint_to_hold_it_up_is_refused(tmp_path: Path) -> None:
    """``falls_onto`` on a prop nothing ties: accepted, and it never fell."""
    text = edited('type = "desk"\nat = [9.0, 5.5]\n', 'type = "desk"\nat = [9.0, 5.5]\nfalls_onto = [8, 7, 10, 8]\n')
    (msg,) = messages(tmp_path, text)
    assert "has 'falls_onto' but no [[joints]] entry holds it up" in msg and "so it never falls" in msg


def test_a_level_file_the_pack_does_not_list_is_named(tmp_path: Path, capsys) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(SANDBOX_PACK, pack)
    manifest = pack / "pack.toml"  # (a copy keeps the built-in id, which check refuses: a copy gets its own)
    manifest.write_text(manifest.read_text().replace('id = "sandbox"', 'id = "my-sandbox"'))
    (pack / "second-floor.toml").write_text(TEXT.replace('id = "first-steps"', 'id = "second-floor"'))
    assert main(["check", str(pack)]) == 0
    assert capsys.readouterr().out.strip().endswith(
        "ok (pack, 2 levels: first-steps, quiet-corridor); not listed in pack.toml's levels, so never loaded: "
        'second-floor.toml (to play it, add "second-floor" to levels)')


def test_a_coupling_that_starts_coupled_with_its_anchors_apart_is_refused(tmp_path: Path) -> None:
    """A designer's coupling 40 px apart, left coupled: accepted, and the trolley box flew apart on
    the first tick. Anchors must start within the 12 px a coupling latches from."""
    from hyosan.content.loader import COUPLE_START_GAP_PX
    from hyosan.sim.joints import COUPLE_SNAP

    assert COUPLE_START_GAP_PX == COUPLE_SNAP
    joint = ('\n[[joints]]\nid = "latch"\nkind = "coupling"\na = "desk-a1"\nb = "desk-a2"\n'
             'anchor_a = [0.0, 0.0]\nanchor_b = [0.0, 0.0]\n')
    (msg,) = messages(tmp_path, TEXT + EXTRA + joint)
    assert "coupling 'latch' starts coupled, but its anchors are" in msg and "set coupled = false" in msg
    load_level_text = TEXT + EXTRA + joint.replace('anchor_b = [0.0, 0.0]\n', 'anchor_b = [0.0, 0.0]\ncoupled = false\n')
    path = tmp_path / "first-steps.toml"
    path.write_text(load_level_text)
    assert load_level(path).joints[0].coupled is False  # uncoupled at the start: fine


def test_a_tower_whose_joints_can_never_let_go_is_refused(tmp_path: Path) -> None:
    text = edited('type = "desk"\nat = [9.0, 5.5]\n', 'type = "desk"\nat = [9.0, 5.5]\nfalls_onto = [8, 7, 10, 8]\n')
    text += "\n[[joints]]\nid = \"tie\"\nkind = \"pin\"\na = \"desk-b2\"\n"
    (msg,) = messages(tmp_path, text)
    assert "none of the joints holding it up ('tie') can let go, so it never falls" in msg
    path = tmp_path / "first-steps.toml"
    path.write_text(text.replace('kind = "pin"\n', 'kind = "pin"\nbreak_force = 50000\n'))
    assert load_level(path).props  # a tie that snaps: fine


def test_a_student_starting_in_a_fall_zone_is_refused(tmp_path: Path) -> None:
    """A student placed in a pit (a fall zone) was accepted and fell in the first seconds."""
    spawn = next((x, y) for y, row in enumerate(TEXT.split('rows = """')[1].split('"""')[0].strip("\n").split("\n"))
                 for x, ch in enumerate(row) if ch == "S")
    pit = f'\n[[zones]]\nid = "pit"\nrect = [{spawn[0]}, {spawn[1]}, {spawn[0] + 1}, {spawn[1] + 1}]\nrole = "fall"\n'
    (msg,) = messages(tmp_path, TEXT + EXTRA + pit)
    assert f"student 'on-jo' starts at [{spawn[0] + 0.5}, {spawn[1] + 0.5}], inside fall zone 'pit'" in msg


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('triggers = ["radio"]\n', "triggers = []\n",
     "objective 'wait' waits for sound 'radio' to end, but nothing starts it"),
    ("at_seconds = 20\n", "at_seconds = 200\n",
     "wave 'late-wave' comes at 200 s, at or after the time limit 180 s, so it never comes"),
    ("[[stations]]\n", '[stars]\nthree_star_seconds = 240\n\n[[stations]]\n',
     "three_star_seconds 240 s is longer than the time limit 180 s"),
    ("[[stations]]\n", '[[spawners]]\nid = "drip"\nper_minute = 6\nin_zone = "hall"\nstart_seconds = 20\nstop_seconds = 10\n\n[[stations]]\n',
     "spawner 'drip' stops at 10 s, not after it starts (20 s), so it never sends anyone"),
    ('triggers = ["radio"]\n', 'triggers = ["radio"]\nneeds = "intercom"\n',
     "station 'intercom' needs itself through intercom -> intercom"),
    # (session 31's designer: a radio at 400 s under a 300 s limit, waited on, passed)
    ('kind = "radio"\nat = [30.5, 10.5]\n', 'kind = "radio"\nat = [30.5, 10.5]\nstart_seconds = 400\n',
     "sound 'radio' starts at 400 s, at or after the time limit 180 s, so it never sounds"),
    ('kind = "radio"\nat = [30.5, 10.5]\n', 'kind = "radio"\nat = [30.5, 10.5]\nstart_seconds = 100\nduration_seconds = 90\n',
     "objective 'wait' waits for sound 'radio' to end at 190 s (100 s + 90 s), at or after the time limit 180 s"),
])
def test_what_the_clock_or_the_stations_make_impossible_is_refused(tmp_path: Path, old: str, new: str,
                                                                   expected: str) -> None:
    """A third designer's pack: a hold on a sound nothing starts, a wave after the time limit,
    three stars slower than the limit, a spawner that stops before it starts and stations that
    need each other were all accepted, and the level could not be finished as written."""
    text = edited(old, new) + '\n[[objectives]]\nid = "wait"\nkind = "hold-until-event"\nevent = "sound-end:radio"\n'
    msgs = messages(tmp_path, text)
    assert any(expected in m for m in msgs), msgs


# Mistakes a designer made writing a pack from the docs (session 26) that the check let pass:
# each left a level that plays otherwise than written, or cannot be won at all.
@pytest.mark.parametrize("text,expected", [
    (edited('hinge = "west"', 'hinge = "north"'),
     ":32:1: bad-value: door 'classroom-door' at [15, 8] is in a horizontal wall "
     "(the doorway runs east-west): its hinge is 'west' or 'east', not 'north'"),
    (edited('[[squad]]\nid = "on-jo"\n', '[[squad]]\nid = "on-jo"\nat = [5.0, 3.5]\n'),
     "student 'on-jo' starts at [5.0, 3.5], inside prop 'desk-a1' at [5.0, 3.5]: it would be shoved out"),
    (edited('hinge = "west"', 'hinge = "west"\nlocked = true\nkey = "keys"') +
     '[[stations]]\nid = "keys"\nkind = "door-switch"\nat = [30.5, 10.5]\n',
     "door 'classroom-door' is padlocked with station 'keys', but the squad can only reach that station through "
     "the door itself: put the station on the squad's side of the door"),
    (TEXT + EXTRA + '[[objectives]]\nid = "hold"\nkind = "survive-seconds"\nseconds = 30\nevent = "wave-end:late-wave"\n'
     '[[objectives]]\nid = "out"\nkind = "reach-exit"\n',
     "'event' does nothing on a survive-seconds objective (only hold-until-event reads it): remove it, or make the "
     "objective's kind hold-until-event"),
    (TEXT + EXTRA + '[[sounds]]\nid = "siren"\nkind = "pa-speaker"\nat = [30.5, 10.5]\n',
     "sound 'siren' never sounds: no station triggers it, it has no 'start_seconds' and sits on no prop"),
], ids=["hinge-across-the-doorway", "student-in-a-desk", "keys-behind-their-lock", "event-on-a-timed-hold",
        "sound-nothing-starts"])
def test_a_mistake_that_used_to_pass_is_named(tmp_path: Path, text: str, expected: str) -> None:
    found = messages(tmp_path, text)
    assert len(found) == 1 and expected in found[0], found


@pytest.mark.parametrize("text,expected", [
    (TEXT.replace('[[squad]]\nid = "on-jo"\n', '[squad]\nid = "on-jo"\n[squad]\nid = "mi-jin"\n'),
     "'squad.id' is set twice (first on line 35); keep one, or if these are two entries, head each with [[squad]] "
     "(two brackets), not [squad]"),
    (TEXT.replace("[map]\n", '[map]\nlegend = { "S" = "floor" }\n'),
     "('S' is on the map, but [map.legend] makes it 'floor': give the spawn tile another character, or drop that "
     "legend entry)"),
    (TEXT.replace("#........................................E\n", "#........................................\u0415\n", 1),
     "map character '\u0415' (U+0415 CYRILLIC CAPITAL LETTER IE, not the ASCII one it may look like) at column 41, row 9"),
    (TEXT.replace('title = "First Steps"', 'title = \u201cFirst Steps\u201d'),
     "json-ism: write strings in straight quotes (\" or '), not curly ones"),
    (re.sub(r"(?m)^([#.DSEW]+)$", r"  \1", TEXT),
     "bad-tile: every map row starts with 2 blanks: the rows are indented; keep every row flush left"),
    # one row indented (session 30): check said ok and the map silently grew two tiles wider
    (TEXT.replace("\n#........................................E\n", "\n  #........................................E\n", 1),
     "bad-tile: map row 9 starts with 2 blanks and so runs 2 past the rows that start flush left: it is indented; "
     "keep every row flush left"),
    # two rows indented (session 31): the same, and one message for both
    (TEXT.replace("\n#........................................E\n#........................................E\n",
                  "\n    #........................................E\n    #........................................E\n", 1),
     "bad-tile: map row 9 starts with 4 blanks and so runs 4 past the rows that start flush left (and 1 more row "
     "after it): it is indented"),
    # a tab is a tab, not "1 blank"
    (TEXT.replace("\n#........................................E\n", "\n\t#........................................E\n", 1),
     "bad-tile: map row 9 starts with 1 tab and so runs 1 past the rows that start flush left"),
], ids=["one-bracket-squads", "legend-hides-the-spawn", "cyrillic-exit", "curly-quotes", "indented-map", "indented-row",
        "indented-rows", "tabbed-row"])
def test_a_mistake_that_was_misleading_says_what_to_fix(tmp_path: Path, text: str, expected: str) -> None:
    found = messages(tmp_path, text)
    assert len(found) == 1 and expected in found[0], found


# Two rooms either side of the squad, each holding the keys to the other's padlocked door.
PADLOCK_CYCLE = '''id = "chain"
title = "Chain"

[map]
rows = """
#############
#...#...#...#
#..ED.S.D...#
#...#...#...#
#############
"""

[[doors]]
id = "west-door"
tile = [4, 2]
hinge = "north"
locked = true
key = "east-keys"

[[doors]]
id = "east-door"
tile = [8, 2]
hinge = "north"
locked = true
key = "west-keys"

[[squad]]
id = "on-jo"

[[stations]]
id = "east-keys"
kind = "door-switch"
at = [10.5, 2.5]

[[stations]]
id = "west-keys"
kind = "door-switch"
at = [1.5, 1.5]
'''


def test_padlocks_that_lock_each_other_are_named(tmp_path: Path) -> None:
    """Each door's keys lie behind the other door: opening either one alone would reach the
    other's keys, so the one-door check passed it, and the level could not be won."""
    found = messages(tmp_path, PADLOCK_CYCLE)
    assert found == [
        f"{tmp_path / 'first-steps.toml'}:18:1: unreachable-place: door 'west-door' is padlocked with station "
        "'east-keys', but that station is behind 'east-door' (padlocked with 'west-keys'), whose keys the squad "
        "cannot reach first either: the padlocks lock each other; put one of their stations where the squad can reach it",
        f"{tmp_path / 'first-steps.toml'}:25:1: unreachable-place: door 'east-door' is padlocked with station "
        "'west-keys', but that station is behind 'west-door' (padlocked with 'east-keys'), whose keys the squad "
        "cannot reach first either: the padlocks lock each other; put one of their stations where the squad can reach it",
    ]
    path = tmp_path / "first-steps.toml"
    path.write_text(PADLOCK_CYCLE.replace("at = [1.5, 1.5]", "at = [6.5, 1.5]"))  # the west keys in the squad's room
    assert sorted(d.id for d in load_level(path).doors) == ["east-door", "west-door"]


def test_a_double_door_with_its_keys_behind_it_is_one_door_said_once(tmp_path: Path) -> None:
    """Both leaves of a double door padlocked with the keys that lie behind it: each leaf was
    said to be behind the other ("the padlocks lock each other"), twice, for one door."""
    text = PADLOCK_CYCLE.replace("#..ED.S.D...#\n#...#...#...#", "#..ED.S.D...#\n#...#...D...#").replace(
        'id = "east-door"\ntile = [8, 2]\nhinge = "north"\nlocked = true\nkey = "west-keys"',
        'id = "east-door"\ntile = [8, 2]\nhinge = "north"\nlocked = true\nkey = "east-keys"\n\n[[doors]]\n'
        'id = "east-door-2"\ntile = [8, 3]\nhinge = "south"\nlocked = true\nkey = "east-keys"').replace(
        'key = "east-keys"\n\n[[doors]]\nid = "east-door"', 'key = "west-keys"\n\n[[doors]]\nid = "east-door"', 1)
    text = text.replace("at = [1.5, 1.5]", "at = [6.5, 1.5]")  # the west door's keys in the squad's room
    found = messages(tmp_path, text)
    assert found == [
        f"{tmp_path / 'first-steps.toml'}:25:1: unreachable-place: the double door 'east-door' / 'east-door-2' is "
        "padlocked with station 'east-keys', but the squad can only reach that station through the door itself: put "
        "the station on the squad's side of the door"], found


def test_a_padlock_key_that_needs_a_station_behind_it_is_named(tmp_path: Path) -> None:
    """The east keys stand in the squad's room but only work once the west keys are used, and
    those are behind the door the east keys open... through the west door."""
    text = PADLOCK_CYCLE.replace("at = [10.5, 2.5]", 'at = [6.5, 3.5]\nneeds = "west-keys"')
    found = messages(tmp_path, text)
    assert any("door 'west-door' is padlocked with station 'east-keys', which needs station 'west-keys' first, "
               "and the squad can never use that" in m for m in found), found


# A drained pool across the corridor (a fall zone): columns 24-27 of the corridor's rows 9-11.
POOL = '\n[[zones]]\nid = "pool"\nrect = [24, 9, 28, 12]\nrole = "fall"\n'


# Mistakes from a designer's pack written from the docs (session 27) that the check let pass:
# each broke the level in play (greedy never won, a sound nobody heard, a prop flung at the start).
@pytest.mark.parametrize("text,expected", [
    (TEXT + EXTRA.replace("rect = [20, 9, 40, 12]", "rect = [20, 9, 23, 12]") + POOL,
     "no exit can be reached from the squad spawn 'S' at [2, 2] by walking (doors count as open; walls, windows, "
     "edges, fall zones and void block); the fewest tiles in the way: drop at [24, 9], drop at [25, 9], "
     "drop at [26, 9], drop at [27, 9]"),
    (TEXT + EXTRA + '\n[[zones]]\nid = "stairs"\nrect = [41, 9, 42, 12]\nrole = "fall"\n',
     "every exit tile is inside fall zone 'stairs', so the squad would fall before it got out"),
    (edited("at = [3.5, 3.5]", "at = [25.5, 10.5]") + POOL,
     "station 'intercom' at [25.5, 10.5] is inside fall zone 'pool': a student who went to work it would fall"),
    (edited('in_zone = "hall"\nat_seconds', 'in_zone = "pool"\nat_seconds') + POOL,
     "[[waves]] 'late-wave': zone 'pool' [24.0, 9.0, 28.0, 12.0] is all drop (edge tiles or a fall zone), so these "
     "zombies would fall as they appear"),
    (edited("at = [30.5, 10.5]", "at = [30.5, 4.5]"),
     "sound 'radio' at [30.5, 4.5] is inside a void with no tile beside it that carries sound, so nothing would hear it"),
    (TEXT + EXTRA + '[[joints]]\nid = "leash"\nkind = "rope"\na = "chair-1"\nanchor_b = [36.0, 10.0]\nlength = 1.5\n',
     "rope 'leash' is 1.5 tiles long, but its ends start 6 tiles apart: it would yank 'chair-1' to its point on the "
     "floor [36.0, 10.0] on the first tick; make it at least 6 tiles"),
    (TEXT + EXTRA + '[[joints]]\nid = "chock"\nkind = "coupling"\na = "chair-1"\nanchor_b = [33.0, 10.0]\n',
     "coupling 'chock' starts coupled, but its anchors are 48 px apart as the level starts (at most 12): the latch "
     "would yank 'chair-1' to its point on the floor [33.0, 10.0] on the first tick"),
    (TEXT.replace("#.....................#\n###", "#..........D..........#\n###", 1) + EXTRA +
     '[[doors]]\nid = "lone"\ntile = [11, 7]\n',
     "door 'lone' at [11, 7] is not in a wall: a door closes a gap in a wall, so it needs wall, window or void tiles "
     "on both sides of it (east and west, or north and south)"),
], ids=["fall-zone-across-the-way", "exit-in-a-fall-zone", "station-over-a-drop", "wave-over-a-drop",
        "sound-buried-in-a-wall", "rope-shorter-than-its-start", "floor-coupling-far-apart", "door-on-open-floor"])
def test_a_mistake_that_broke_play_is_named(tmp_path: Path, text: str, expected: str) -> None:
    found = messages(tmp_path, text)
    assert len(found) == 1 and expected in found[0], found


def test_an_ally_is_not_blamed_for_where_the_squad_starts(tmp_path: Path) -> None:
    """An ally starts at her spawn point, so a fall zone over the squad's 'S' is not hers to fix."""
    ally = ('[[squad]]\nid = "mi-jin"\n\n[[spawn_points]]\nid = "office"\nat = [20.5, 3.5]\nrole = "ally"\n'
            'student = "mi-jin"\njoin_seconds = 10\n\n[[zones]]\nid = "hole"\nrect = [2, 2, 3, 3]\nrole = "fall"\n')
    found = messages(tmp_path, TEXT + EXTRA + ally)
    assert [m.split(": ", 2)[2] for m in found] == [
        "student 'on-jo' starts at [2.5, 2.5], inside fall zone 'hole': it would go over on the first tick; move it "
        "(or the zone) onto floor"]


ALLY = ('[[squad]]\nid = "mi-jin"\n\n[[spawn_points]]\nid = "office"\nat = [20.5, 3.5]\nrole = "ally"\n'
        'student = "mi-jin"\njoin_seconds = 10\n')


# Session 27's designer: keys that do nothing, written where another key rules, were accepted
# without a word; and messages that sent the designer the wrong way.
@pytest.mark.parametrize("text,expected", [
    (TEXT + EXTRA + '[objectives]\nid = "out"\nkind = "reach-exit"\n\n[[objectives]]\nid = "out2"\nkind = "reach-exit"\n',
     f"'objectives' is headed [objectives] on line {(TEXT + EXTRA).count(chr(10)) + 1} and with two brackets here: "
     "a list of entries heads every "
     "entry [[objectives]] (two brackets), a single table [objectives]"),
    (edited("tile = [15, 8]", "tile = [8, 15]"),
     "door 'classroom-door' at [8, 15] is outside the 42x13 map; [15, 8] is a door tile: is it [column, row] the "
     "other way round?"),
    (TEXT + EXTRA + ALLY.replace("join_seconds = 10", "join_seconds = 200"),
     "ally spawn point 'office' has join_seconds 200 s, at or after the time limit 180 s: the ally never joins "
     "(there is no 'join_zone'); bring it forward"),
    (TEXT + EXTRA + ALLY.replace('id = "mi-jin"\n\n', 'id = "mi-jin"\nat = [4.5, 4.5]\n\n', 1),
     "student 'mi-jin' is an ally who enters at spawn point 'office', so 'at' is never used"),
    (TEXT + EXTRA + '[[light.lights]]\nid = "desk-lamp"\nkind = "lamp"\nat = [4.5, 4.5]\ncarried_by = "on-jo"\n',
     "lamp 'desk-lamp' stands where 'at' puts it, so 'carried_by' is never used"),
    (edited('kind = "radio"\n', 'kind = "radio"\nattached_to = "chair-1"\n'),
     "sound 'radio' has both 'at' and 'attached_to': it sounds where prop 'chair-1' is, so 'at' is never used"),
    (edited('hinge = "west"', 'hinge = "west"\nkey = "intercom"'),
     "door 'classroom-door' has a 'key' but is not locked, so it opens freely"),
    (TEXT + EXTRA + '[[sounds]]\nid = "buzz"\nkind = "drone"\npath = [[30.5, 10.5], [35.5, 10.5]]\nstart_seconds = 5\n',
     "drone 'buzz' needs a 'speed' > 0"),
    (TEXT + EXTRA + '[[objectives]]\nid = "wait"\nkind = "hold-until-event"\nevent = "sound_end:radio"\n',
     "event 'sound_end:radio' must be station:<id>, sound-end:<id> or wave-end:<id>; did you mean 'sound-end:radio'?"),
    (edited('count = 5\nin_zone = "hall"', 'count = 5\nat_spawn = "office"') + ALLY,
     "spawn point 'office' is where ally 'mi-jin' enters (role = \"ally\"); zombies appear at spawn points with "
     "role = \"zombies\": add one"),
], ids=["one-then-two-brackets", "door-tile-swapped", "ally-after-the-limit", "ally-with-at", "lamp-carried",
        "sound-at-and-attached", "key-on-an-unlocked-door", "drone-without-speed", "event-underscore",
        "zombies-at-an-allys-door"])
def test_a_key_that_does_nothing_or_a_slip_is_named(tmp_path: Path, text: str, expected: str) -> None:
    found = messages(tmp_path, text)
    assert len(found) == 1 and expected in found[0], found


def test_an_id_cut_short_suggests_the_longer_one() -> None:
    """difflib alone offered 'south-deck' for 'north-deck', when 'north-deck-east' was meant."""
    assert suggest("north-deck", ["north-deck-east", "south-deck"], "zones") == "; did you mean 'north-deck-east'?"
    assert suggest("hall", ["hall-east", "hall-west", "yard"], "zones") == "; did you mean 'hall-east' or 'hall-west'?"
    assert suggest("yrad", ["hall-east", "yard"], "zones") == "; did you mean 'yard'?"


def test_keys_kept_for_a_later_objective_cannot_open_an_earlier_ones_way(tmp_path: Path) -> None:
    """A use-station objective's station works only once it is current: with reach-exit listed
    first and the keys to the classroom's padlock second, the squad stood locked in all along."""
    padlocked = edited('hinge = "west"', 'hinge = "west"\nlocked = true\nkey = "intercom"')
    out = '[[objectives]]\nid = "out"\nkind = "reach-exit"\n'
    keys = '[[objectives]]\nid = "keys"\nkind = "use-station"\nstation = "intercom"\n'
    (msg,) = messages(tmp_path, padlocked + out + keys)
    assert msg.endswith("conflict: objective 'out' needs the squad past door 'classroom-door', "
                        "padlocked with station 'intercom', but that station works only once objective 'keys' is "
                        "current, and it comes later: put 'keys' before 'out' (or make it optional, so the station "
                        "works at any time)"), msg
    path = tmp_path / "first-steps.toml"
    path.write_text(padlocked + keys + out)  # the keys first: fine
    assert [o.id for o in load_level(path).objectives] == ["keys", "out"]
    path.write_text(padlocked + out + keys.replace('station = "intercom"\n', 'station = "intercom"\noptional = true\n'))
    assert [o.id for o in load_level(path).objectives] == ["out", "keys"]  # optional: it works any time


@pytest.mark.parametrize("objectives,expected", [
    ('[[objectives]]\nid = "call"\nkind = "use-station"\nstation = "intercom"\n'
     '[[objectives]]\nid = "out"\nkind = "reach-exit"\noptional = true\n',
     "objective 'out' is an optional reach-exit, so reaching the exit never ends the level"),
    ('[[objectives]]\nid = "call"\nkind = "use-station"\nstation = "intercom"\noptional = true\n',
     "every objective is optional, so the level is won on its first tick: make at least one required"),
], ids=["optional-exit", "all-optional"])
def test_objectives_that_end_the_level_early_are_named(tmp_path: Path, objectives: str, expected: str) -> None:
    """A designer's optional exit: the level was won when the drone stopped, the squad still in the office."""
    found = messages(tmp_path, TEXT + EXTRA + objectives)
    assert len(found) == 1 and expected in found[0], found


def test_a_legend_slip_is_said_once_where_it_was_made(tmp_path: Path) -> None:
    """'bb' as a legend key left every 'b' tile 'not in the legend' (11 lines); '#' = 'floor'
    left only 'door not in a wall' lines that never named the legend."""
    text = TEXT.replace("[map]\n", '[map]\nlegend = { "bb" = "floor" }\n').replace("#.S....", "#.Sbb..", 1) + EXTRA
    (msg,) = messages(tmp_path, text)
    assert msg.endswith("bad-legend: legend entry 'bb': legend keys are single characters, got 'bb': write 'b' = ... "
                        "and draw each tile with one 'b'"), msg
    (msg,) = messages(tmp_path, TEXT.replace("[map]\n", '[map]\nlegend = { "#" = "floor" }\n') + EXTRA)
    assert msg.endswith("standing out on the floor, it is walked round ([map.legend] makes '#' 'floor': is that "
                        "meant?)"), msg


def test_check_says_when_its_later_checks_wait_on_the_problems_it_lists(tmp_path: Path, capsys) -> None:
    """A designer (session 31) fixed the 3 problems check listed and met 3 new ones (a prop off
    the map, a misspelt id): those checks run only once the file reads cleanly, and nothing said so."""
    from hyosan.content.errors import UNCHECKED_NOTE

    path = tmp_path / "first-steps.toml"
    path.write_text(edited("par_seconds = 30", 'par_seconds = "30"').replace("at = [9.0, 5.5]", "at = [90.0, 5.5]"))
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "wrong-type" in out and "off-map" not in out and f"1 problem ({UNCHECKED_NOTE})" in out
    path.write_text(edited("par_seconds = 30", "par_seconds = 30").replace("at = [9.0, 5.5]", "at = [90.0, 5.5]"))
    assert main(["check", str(path)]) == 1  # read cleanly: the rest ran, and there is nothing to wait on
    out = capsys.readouterr().out
    assert "off-map" in out and UNCHECKED_NOTE not in out
    pack = tmp_path / "pack"  # in a pack too
    shutil.copytree(ROOT / "levels" / "sandbox", pack)
    (pack / "first-steps.toml").write_text(edited("par_seconds = 30", 'par_seconds = "30"'))
    assert main(["check", str(pack)]) == 1 and UNCHECKED_NOTE in capsys.readouterr().out


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('at = [30.5, 10.5]', 'at = [200, 168]',
     "sound 'radio' at [200.0, 168.0] is outside the 42x13 map (x 0..42, y 0..13 tiles) (positions are in tiles: "
     "if these are px, they are [12.5, 10.5] in tiles)"),
    ("rect = [20, 9, 40, 12]", "rect = [320, 144, 384, 192]",
     "if these are px, they are [20.0, 9.0, 24.0, 12.0] in tiles"),
    ('at = [30.5, 10.5]', 'at = [4880, 1680]', "far outside any map (limit 400 tiles; positions are in tiles, 16 px each)"),
    ("[[stations]]\n", '[light]\nambient = "dark"\n[[light.lights]]\nid = "hall-lamp"\nkind = "lamp"\nat = [30.5, 10.5]\nradius = 80\n\n[[stations]]\n',
     "lamp 'hall-lamp' has radius 80 tiles, wider than the whole 42x13 map: 'radius' is in tiles (80 px would be 5)"),
], ids=["sound-in-px", "zone-in-px", "far-in-px", "lamp-radius-in-px"])
def test_a_place_or_size_given_in_px_says_so(tmp_path: Path, old: str, new: str, expected: str) -> None:
    """A designer (session 31) gave a prop's place, a zone and a lamp's radius in px: the first
    two were 'off-map' with no word of units, the lamp's 80 on a 48-wide map passed."""
    msgs = messages(tmp_path, edited(old, new))
    assert any(expected in m for m in msgs), msgs


@pytest.mark.parametrize("old, new", [
    ('at = [9.0, 3.5]', 'at = [9.0, 3.5\n'),          # the bracket left off; tomllib stops 3 lines on
    ('at = [9.0, 3.5]', 'at = [9.0,\n  3.5\n'),       # a list over two lines, never closed
    ('at = [9.0, 3.5]', 'at = [9.0 3.5]'),           # a missing comma reads as the list ending early
])
def test_an_unclosed_list_is_placed_on_the_line_that_opens_it(tmp_path: Path, old: str, new: str) -> None:
    text = edited(old, new)
    line = text[: text.index(new)].count("\n") + 1
    (msg,) = messages(tmp_path, text)
    assert msg.endswith(f":{line}:6: syntax: 'at' opens a list that is not closed: end it with ] "
                        "(and put a comma between its items)"), msg


def test_a_label_names_a_place_on_the_plan_and_one_off_the_map_is_refused(tmp_path: Path) -> None:
    """[[labels]] are read in file order, as written; one placed outside the map is refused with
    the map's limits, like any other point."""
    own = TEXT.count("[[labels]]")  # the practice level's own, before those added here
    labelled = TEXT + '\n[[labels]]\ntext = "Hall"\nat = [30, 10]\n\n[[labels]]\ntext = "Way out"\nat = [41, 2]\n'
    (tmp_path / "labelled.toml").write_text(labelled)
    spec = load_level(tmp_path / "labelled.toml")
    assert [(lb.text, lb.at) for lb in spec.labels][own:] == [("Hall", (30.0, 10.0)), ("Way out", (41.0, 2.0))]
    (msg,) = messages(tmp_path, TEXT + '\n[[labels]]\ntext = "Hall"\nat = [50, 10]\n')
    assert msg.endswith(f"off-map: [[labels]] entry {own + 1}: label 'Hall' at [50.0, 10.0] is outside the 42x13 map "
                        "(x 0..42, y 0..13 tiles)")
    (msg,) = messages(tmp_path, TEXT + '\n[[labels]]\ntext = "The teachers\' lounge, by the stairs"\nat = [5, 5]\n')
    assert f"[[labels]] entry {own + 1}" in msg and "'text'" in msg and "32" in msg  # too long to read on a plan
