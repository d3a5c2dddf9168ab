"""What a second designer's endless pack and campaign level (Night Shift) got past `hyosan check`
and then saw misbehave: each is refused now, with the code and a message that says what to fix
and where, or (stars past the headless cap) said in the designer guide."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from hyosan.cli import main
from hyosan.content.errors import LevelError
from hyosan.content.loader import ENDLESS_HEADLESS_SECONDS, load_level
from tests.helpers import ENDLESS_YARD, ROOT, SANDBOX

TEXT = SANDBOX.read_text()  # time_limit_seconds = 180, lose by default ["everyone-down", "time"]
SANDBOX_PACK = ROOT / "levels" / "sandbox"
README = " ".join((ROOT / "levels" / "README.md").read_text().split())

# An endless yard: the squad in the open, a room with a door to the west (its spawner's zombies
# can force the door) and a room walled in on every side to the east.
NIGHT = '''id = "night"
title = "Night test"

[endless]
star_seconds = [60, 120, 240]

''' + ENDLESS_YARD + '''
[[squad]]
id = "on-jo"

[[spawners]]
id = "west-room"
zone = [8, 4, 10, 6]
per_minute = 30
max_alive = 6
hunts = true
'''


def problems(tmp_path: Path, text: str, name: str = "level.toml") -> list:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(LevelError) as info:
        load_level(path)
    return info.value.problems


def loads(tmp_path: Path, text: str, name: str = "level.toml"):
    path = tmp_path / name
    path.write_text(text)
    return load_level(path)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# 1. c02-hold-longer-than-limit

HOLD = '\n[[objectives]]\nid = "hold"\nkind = "survive-seconds"\nseconds = 200\n'


def test_a_hold_longer_than_the_time_limit_is_refused(tmp_path: Path) -> None:
    (p,) = problems(tmp_path, TEXT + HOLD)
    assert p.code == "conflict" and p.field == "objectives[0].seconds" and p.line == line_of(TEXT + HOLD, "seconds = 200")
    assert p.message == ("objective 'hold' holds 200 s, longer than the time limit 180 s, so the clock runs out "
                         "before the level can be won; shorten the hold or raise time_limit_seconds (or take "
                         "'time' out of 'lose')")
    assert loads(tmp_path, TEXT + HOLD.replace("seconds = 200", "seconds = 180")).objectives[0].seconds == 180
    # without 'time' in 'lose' the clock loses nothing, and a long hold is the designer's to make
    no_clock = TEXT.replace("time_limit_seconds = 180", 'time_limit_seconds = 180\nlose = ["everyone-down"]') + HOLD
    assert loads(tmp_path, no_clock).objectives[0].seconds == 200


def test_holds_done_one_after_the_other_add_up_against_the_limit(tmp_path: Path) -> None:
    text = TEXT + HOLD.replace("200", "100") + HOLD.replace('"hold"', '"optional-hold"').replace("200", "150") + \
        "optional = true\n" + HOLD.replace('"hold"', '"hold-2"').replace("200", "90")
    (p,) = problems(tmp_path, text)
    assert p.code == "conflict" and p.field == "objectives[2].seconds"
    assert p.message.startswith("objective 'hold-2' holds 90 s after 'hold' (100 s): the survive-seconds holds, done "
                                "one after the other, take 190 s, longer than the time limit 180 s, so the clock runs out")


KEY_BOX = ('\n[[stations]]\nid = "key-box"\nkind = "door-switch"\nat = [3.5, 3.5]\nuse_seconds = 200\n'
           '\n[[objectives]]\nid = "get-keys"\nkind = "use-station"\nstation = "key-box"\n')


def test_station_work_longer_than_the_time_limit_is_refused(tmp_path: Path) -> None:
    """A designer's 600 s key box under a 300 s limit passed check; ``check --playtest`` then said
    only that no run got past the key box."""
    (p,) = problems(tmp_path, TEXT + KEY_BOX)
    assert p.code == "conflict" and p.field == "objectives[0].station"
    assert p.message == ("objective 'get-keys' works station 'key-box' for 200 s, longer than the time limit 180 s, "
                         "so the clock runs out before the level can be won; shorten the holds or the stations' "
                         "use_seconds or raise time_limit_seconds (or take 'time' out of 'lose')")
    # with a hold after it, the two add up; a hold until the station is used counts its work too
    text = TEXT + KEY_BOX.replace("use_seconds = 200", "use_seconds = 100") + HOLD.replace("200", "90")
    (p,) = problems(tmp_path, text)
    assert p.field == "objectives[1].seconds"
    assert p.message.startswith("objective 'hold' holds 90 s after 'get-keys' (station 'key-box', 100 s): the "
                                "survive-seconds holds and station work, done one after the other, take 190 s, longer")
    waited = text.replace('kind = "use-station"\nstation = "key-box"', 'kind = "hold-until-event"\nevent = "station:key-box"')
    (p,) = problems(tmp_path, waited)
    assert p.field == "objectives[1].seconds" and "take 190 s" in p.message
    assert loads(tmp_path, text.replace("seconds = 90", "seconds = 80")).objectives[1].seconds == 80  # 180 s: in time
    # a station used, then waited on, is worked once: 100 s, not 200
    twice = TEXT + KEY_BOX.replace("use_seconds = 200", "use_seconds = 100") + \
        '\n[[objectives]]\nid = "keys-used"\nkind = "hold-until-event"\nevent = "station:key-box"\n'
    assert [o.id for o in loads(tmp_path, twice).objectives] == ["get-keys", "keys-used"]


def test_station_work_is_timed_by_the_quickest_student_the_squad_has(tmp_path: Path) -> None:
    # Joon-yeong works a station twice as fast: 200 s of work is 100 s with him in the squad
    text = TEXT.replace('id = "on-jo"', 'id = "on-jo"\n\n[[squad]]\nid = "joon-yeong"', 1) + KEY_BOX
    assert loads(tmp_path, text).objectives[0].station == "key-box"
    (p,) = problems(tmp_path, text.replace("use_seconds = 200", "use_seconds = 400"))
    assert p.message.startswith("objective 'get-keys' works station 'key-box' for 200 s with joon-yeong at it, longer "
                                "than the time limit 180 s")


def test_a_wait_for_an_event_already_over_when_its_turn_comes_is_refused(tmp_path: Path) -> None:
    """A designer's "hold until the fire alarm stops" came after a 90 s hold, the alarm over at
    55 s: the objective was done the moment its turn came, and nothing said why."""
    alarm = ('\n[[sounds]]\nid = "fire-alarm"\nkind = "alarm-clock"\nat = [30.5, 10.5]\nloudness = 900\n'
             'start_seconds = 15\nduration_seconds = 40\n')
    wait = '\n[[objectives]]\nid = "until-quiet"\nkind = "hold-until-event"\nevent = "sound-end:fire-alarm"\n'
    text = TEXT + alarm + HOLD.replace("200", "90") + wait
    (p,) = problems(tmp_path, text)
    assert p.code == "conflict" and p.field == "objectives[1].event"
    assert p.message == ("objective 'until-quiet' waits until sound 'fire-alarm' ends at 55 s, but the holds before "
                         "it ('hold' (90 s)) take 90 s, so it is over by then and 'until-quiet' is done the moment its "
                         "turn comes; wait for something later, or move it before those holds")
    # The alarm ringing past the hold: a real wait, accepted; so is the wait before the hold.
    assert loads(tmp_path, text.replace("duration_seconds = 40", "duration_seconds = 100")).objectives[1].kind == \
        "hold-until-event"
    assert loads(tmp_path, TEXT + alarm + wait + HOLD.replace("200", "90")).objectives[0].kind == "hold-until-event"
    # A wave's last zombie arriving before the holds are done: the same.
    wave = '\n[[waves]]\nid = "stragglers"\ncount = 3\nzone = [20, 9, 30, 12]\nat_seconds = 30\nspread_seconds = 10\n'
    (p,) = problems(tmp_path, TEXT + wave + HOLD.replace("200", "60") + wait.replace("sound-end:fire-alarm",
                                                                                     "wave-end:stragglers"))
    assert "waits until wave 'stragglers' has all come by 40 s, but the holds before it ('hold' (60 s))" in p.message


# 2. s19-sealed-room

def test_an_endless_night_whose_every_spawner_is_sealed_off_is_refused(tmp_path: Path) -> None:
    assert loads(tmp_path, NIGHT).endless is not None  # behind a door (the horde forces doors): it plays
    sealed = NIGHT.replace("zone = [8, 4, 10, 6]", "zone = [20, 4, 22, 6]")
    (p,) = problems(tmp_path, sealed)
    assert p.code == "unreachable-place" and p.field == "spawners[0].zone" and p.line == line_of(sealed, "zone = [20")
    assert p.message.startswith("the area of spawner 'west-room' is sealed off from the squad spawn 'S' at [14, 7]: no "
                                "zombie it sends can walk to the squad (doors count as open, as a crowd can force "
                                "them; walls, windows, edges, fall zones and void block), so the night is never lost; "
                                "open a way (the fewest tiles in the way: wall at ")
    # one spawner that can reach the squad is enough
    two = sealed + '\n[[spawners]]\nid = "yard"\nzone = [1, 1, 4, 3]\nper_minute = 10\n'
    assert len(loads(tmp_path, two).spawners) == 2
    (p,) = problems(tmp_path, sealed + two[len(sealed):].replace("[1, 1, 4, 3]", "[20, 4, 22, 6]"))
    assert p.message.startswith("the area of every spawner (the first: 'west-room') is sealed off from the squad spawn "
                                "'S' at [14, 7]: no zombie they send can walk to the squad")


# 3. c07-endless-stop, c06-endless-total, s15-late-start

@pytest.mark.parametrize("key,value,said", [
    ("stop_seconds", "250", "'west-room' at 250 s"),
    ("total", "10", "'west-room' after 10 zombies"),
])
def test_an_endless_night_whose_every_spawner_stops_is_refused(tmp_path: Path, key: str, value: str, said: str) -> None:
    text = NIGHT.replace("hunts = true", f"hunts = true\n{key} = {value}")
    (p,) = problems(tmp_path, text)
    assert p.code == "conflict" and p.field == f"spawners[0].{key}"
    assert p.message == (f"every spawner stops ({said}): after that nothing more comes all night, and a squad that "
                         "outlasts what came is never overrun; let at least one keep coming (remove its "
                         "'stop_seconds' and 'total')")
    keeps = text + '\n[[spawners]]\nid = "yard"\nzone = [1, 1, 4, 3]\nper_minute = 10\n'
    assert len(loads(tmp_path, keeps).spawners) == 2


def test_an_endless_night_no_spawner_starts_in_before_the_headless_cap_is_refused(tmp_path: Path) -> None:
    from hyosan.playtest.runner import ENDLESS_PLAYTEST_SECONDS

    assert ENDLESS_HEADLESS_SECONDS == ENDLESS_PLAYTEST_SECONDS  # the content package may not import playtest
    text = NIGHT.replace("hunts = true", "hunts = true\nstart_seconds = 36000")
    (p,) = problems(tmp_path, text)
    assert p.code == "conflict" and p.field == "spawners[0].start_seconds"
    assert p.message == ("no spawner starts before 20 min (the first, 'west-room', at 36000 s): nothing keeps coming "
                         "until then, and `hyosan check --playtest` plays an endless night for 20 min, so every bot "
                         "would hold out against nothing; start one sooner")
    assert loads(tmp_path, text.replace("36000", "1199")).spawners[0].start_seconds == 1199


# 4. c11-stars-past-cap: stars past the headless cap are a fair design, said in the guide

def test_the_guide_says_stars_past_the_headless_cap_are_never_seen_by_the_bots(tmp_path: Path) -> None:
    cap = f"{ENDLESS_HEADLESS_SECONDS / 60:g} minutes"
    assert f"a `star_seconds` time past {cap} is never reached by `check --playtest`" in README
    assert loads(tmp_path, NIGHT.replace("[60, 120, 240]", "[600, 1200, 1800]")).endless.star_seconds[2] == 1800


# 5. p04b/c/d: the whole footprint, not its corners

def test_a_prop_whose_middle_crosses_a_wall_is_refused(tmp_path: Path) -> None:
    # a plank 10 tiles long standing north-south from the classroom into the corridor: both ends
    # and both sides' midpoints on floor, its middle across the classroom's south wall
    plank = '\n[[props]]\nid = "long-plank"\ntype = "plank"\nat = [3.5, 6.0]\nangle = 90\nwidth = 160\n'
    (p,) = problems(tmp_path, TEXT + plank)
    assert p.code == "bad-position" and p.field == "props[10].at"
    assert p.message == ("prop 'long-plank' at [3.5, 6.0] reaches into a wall tile ('#' at column 3, row 8): it would "
                         "be shoved out as the level starts; move it clear (it is 10 x 0.375 tiles, turned 90 degrees; "
                         "its 'width' 160 px overrides its type's)")


def test_a_width_override_wider_than_the_corridor_is_refused(tmp_path: Path) -> None:
    bench = '\n[[props]]\nid = "bench"\ntype = "desk"\nat = [11.0, 10.5]\nwidth = 400\n'  # 25 tiles: past col 0
    (p,) = problems(tmp_path, TEXT + bench)
    assert p.code == "bad-position" and p.field == "props[10].at"
    assert "prop 'bench' at [11.0, 10.5] reaches into a wall tile ('#' at column 0, row 10)" in p.message
    assert "(it is 25 x 0.875 tiles, turned 0 degrees; its 'width' 400 px overrides its type's)" in p.message
    assert loads(tmp_path, TEXT + bench.replace("width = 400", "width = 300")).props  # 18.75 tiles: clear


# 6. s26-spawn-on-door

def test_zombies_that_would_appear_in_a_doorway_are_refused(tmp_path: Path) -> None:
    hall = '\n[[zones]]\nid = "hall"\nrect = [14, 8, 17, 10]\n\n[[zombies]]\ncount = 3\nin_zone = "hall"\n'
    (p,) = problems(tmp_path, TEXT + hall)
    assert p.code == "bad-position" and p.field == "zombies[0].in_zone"
    assert p.message == ("[[zombies]] entry 1: zone 'hall' [14.0, 8.0, 17.0, 10.0] takes in door tile [15, 8]: zombies "
                         "would appear in the doorway (door 'classroom-door'), where the door cannot be shut or locked "
                         "on them; keep the area off door tiles")
    point = ('\n[[spawn_points]]\nid = "doorway"\nat = [15.5, 8.5]\n\n[[waves]]\nid = "w"\ncount = 3\n'
             'at_spawn = "doorway"\nat_seconds = 10\n')
    (p,) = problems(tmp_path, TEXT + point)
    assert p.code == "bad-position" and p.field == "waves[0].at_spawn"
    assert "spawn point 'doorway': the 1-tile square its zombies appear in, [15.0, 8.0, 16.0, 9.0], takes in door " \
        "tile [15, 8]" in p.message and "move the point off the doorway" in p.message
    assert loads(tmp_path, TEXT + point.replace("[15.5, 8.5]", "[15.5, 9.5]")).waves  # a tile below it: fine


# 7. k10-same-pack-id-as-builtin

def test_a_pack_with_a_built_in_packs_id_is_refused_and_told_to_rename(tmp_path: Path, capsys) -> None:
    pack = tmp_path / "night-shift"
    shutil.copytree(SANDBOX_PACK, pack)
    assert main(["check", str(pack)]) == 1
    out = capsys.readouterr().out
    assert f"{pack / 'pack.toml'}:3:1: duplicate-pack: pack id 'sandbox' is the id of a built-in pack (" in out
    assert "`hyosan levels` would list this pack as BROKEN (duplicate-pack)" in out and "rename it" in out
    zipped = tmp_path / "night-shift.zip"
    with zipfile.ZipFile(zipped, "w") as z:
        for f in sorted(pack.iterdir()):
            z.write(f, f.name)
    assert main(["check", str(zipped)]) == 1
    assert f"{zipped}!/pack.toml:3:1: duplicate-pack: pack id 'sandbox'" in capsys.readouterr().out
    manifest = pack / "pack.toml"
    manifest.write_text(manifest.read_text().replace('id = "sandbox"', 'id = "night-shift"'))
    assert main(["check", str(pack), str(SANDBOX_PACK), str(SANDBOX_PACK / "pack.toml")]) == 0  # and the built-in itself


# 8. s20-flood

def test_a_spawner_that_floods_a_small_zone_is_refused(tmp_path: Path) -> None:
    text = NIGHT.replace("per_minute = 30\nmax_alive = 6", "per_minute = 6000\nmax_alive = 5000")
    (p,) = problems(tmp_path, text)
    assert p.code == "too-dense" and p.field == "spawners[0].per_minute"
    # 6000 a minute x ramp_max 4 (the default), sent once a second, on the room's 4 tiles
    assert p.message == ("[[spawners]] 'west-room': up to 400 zombies arrive at once (per_minute 6000 x ramp_max 4, "
                         "sent once a second) on the 4 open tiles of its area, 100.0 a tile; at most 8 a tile: give it "
                         "a larger zone or a lower per_minute")
    # the same spawner with max_alive small: max_alive caps what arrives at once
    (p,) = problems(tmp_path, text.replace("max_alive = 5000", "max_alive = 20"))
    assert "up to 112 zombies arrive at once (per_minute 6000 x ramp_max 4, sent once a second; max_alive 20 x horde " \
        "1.4 at the hard difficulty x ramp_max 4)" in p.message
    assert loads(tmp_path, text.replace("per_minute = 6000", "per_minute = 480")).spawners  # 32 a second: 8 a tile


# 9. c14-endless-exit-tile

def test_exits_on_an_endless_level_are_refused(tmp_path: Path) -> None:
    text = NIGHT.replace("#.............S..............#", "#.............S.............E#")
    (p,) = problems(tmp_path, text)
    assert p.code == "conflict" and p.field == "map.rows"
    assert (p.line, p.col) == (line_of(text, "S.............E#"), 29)  # the row's own line
    assert p.message.startswith("the map has exit tile ('E' at [28, 7]), but an endless level has no way out: the "
                                "night ends only when the squad is down, so an exit does nothing")
    zone = NIGHT + '\n[[zones]]\nid = "gate"\nrect = [1, 7, 3, 9]\nrole = "exit"\n'
    (p,) = problems(tmp_path, zone)
    assert p.code == "conflict" and p.field == "zones[0].role"
    assert p.message.startswith("zone 'gate' has role = \"exit\", but an endless level has no way out")


def test_a_bad_map_character_is_said_on_its_rows_own_line(tmp_path: Path) -> None:
    text = TEXT.replace("#.S....", "#.S?...")
    (p,) = problems(tmp_path, text)
    assert p.code == "bad-tile" and (p.line, p.col) == (line_of(text, "#.S?..."), 4)


# 10. messages

def test_an_unknown_prop_type_or_breed_lists_the_known_ones_once(tmp_path: Path) -> None:
    text = TEXT.replace('id = "desk-a1"\ntype = "desk"', 'id = "desk-a1"\ntype = "fume-cupboard"') + \
        '\n[[zombies]]\nbreed = "sludger"\ncount = 1\nzone = [20, 9, 22, 11]\n'
    prop, breed = problems(tmp_path, text)
    assert prop.code == "unknown-ref" and prop.message == (
        "[[props]] 'desk-a1': unknown prop type 'fume-cupboard' (prop types: ac-unit, car, chair, crane-load, crate, "
        "desk, locker, pipe, plank, scaffold, teacher-desk, trolley; add your own under [prop_types.NAME] in pack.toml)")
    assert breed.code == "unknown-ref" and breed.message == (
        "[[zombies]] entry 1: unknown breed 'sludger' (breeds: brute, halfbie, runner, walker, watcher; add your own "
        "under [breeds.NAME] in pack.toml)")
    near = problems(tmp_path, TEXT.replace('type = "desk"', 'type = "dsk"', 1))[0].message
    assert "unknown prop type 'dsk'; did you mean 'desk'? (prop types: ac-unit," in near and near.count("crate") == 1


@pytest.mark.parametrize("table,said", [
    ("[prop_types.bench]\nwidth = 40\ndepth = 14\nmass = 30\n", "[prop_types.bench] goes in the pack's pack.toml, "
     "not in a level file: prop types belong to the pack"),
    ("[breeds.sludger]\nchase_speed = 85\n\n[breeds.oozer]\nhealth = 2\n", "[breeds.sludger] (and 1 more) goes in "
     "the pack's pack.toml, not in a level file: breeds belong to the pack"),
])
def test_a_pack_table_in_a_level_file_is_sent_to_pack_toml_with_its_line(tmp_path: Path, table: str, said: str) -> None:
    text = TEXT + "\n" + table
    (p,) = problems(tmp_path, text)
    assert p.code == "unknown-key" and p.message.startswith(said) and "did you mean" not in p.message
    assert p.line == line_of(text, table.splitlines()[0])


def test_a_zip_with_the_pack_a_folder_too_deep_names_the_pack_toml_inside(tmp_path: Path, capsys) -> None:
    zipped = tmp_path / "night-shift.zip"
    with zipfile.ZipFile(zipped, "w") as z:
        for f in sorted(SANDBOX_PACK.iterdir()):
            z.write(f, f"outer/night-shift/{f.name}")
    assert main(["check", str(zipped)]) == 1
    assert (f"{zipped}: not-a-pack: the archive has no pack.toml at its top or inside one top folder; it has "
            "outer/night-shift/pack.toml, a folder too deep: zip the folder 'night-shift' itself") in capsys.readouterr().out
    outer = tmp_path / "outer"
    shutil.copytree(SANDBOX_PACK, outer / "night-shift")
    assert main(["check", str(outer)]) == 1
    assert f"it holds the pack {outer / 'night-shift'}: check that" in capsys.readouterr().out
