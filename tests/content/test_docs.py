"""levels/README.md stays true: its key tables match the loader's rules and its example loads."""

from __future__ import annotations

import re
from pathlib import Path

from hyosan.cli import main
from hyosan.content.docgen import tables_markdown
from tests.helpers import ROOT

README = (ROOT / "levels" / "README.md").read_text()


def test_the_key_tables_are_generated_from_the_rules() -> None:
    block = README.split("<!-- BEGIN GENERATED KEYS -->\n")[1].split("<!-- END GENERATED KEYS -->")[0]
    assert block == tables_markdown(), "run: python3 -m hyosan.content.docgen, and paste into levels/README.md"


def test_the_example_level_checks_clean_and_plays_headless(tmp_path: Path, capsys) -> None:
    example = re.search(r"## A complete small level\n\n```toml\n(.*?)```", README, re.S)
    assert example
    pack = tmp_path / "my-pack"
    pack.mkdir()
    (pack / "night-yard.toml").write_text(example.group(1))
    (pack / "pack.toml").write_text('format_version = 1\nid = "my-pack"\nname = "My Pack"\nlevels = ["night-yard"]\n')
    assert main(["check", str(pack)]) == 0, capsys.readouterr().out
    assert main(["playtest", str(pack / "night-yard.toml"), "--bot", "random", "--ticks", "120", "--json"]) == 0


def test_every_error_code_in_the_loader_is_documented() -> None:
    sources = "".join(p.read_text() for p in (ROOT / "hyosan" / "content").glob("*.py"))
    codes = set(re.findall(r'(?:Problem\(|problem\(|_fail\(|_problem\(problems, )"([a-z-]+)"', sources))
    codes |= {"path-escape", "path-name"}
    missing = sorted(c for c in codes if f"`{c}`" not in README)
    assert not missing, missing


def test_every_built_in_prop_type_and_breed_is_listed_with_its_numbers() -> None:
    from hyosan.content.loader import builtin_tables

    props, breeds = builtin_tables()
    for name, p in props:
        assert f"| `{name}` | {p.width:g} | {p.depth:g} | {p.mass:g} | {p.rolling} |" in README, name
    for name, b in breeds:
        assert f"| `{name}` | {b.wander_speed:g} | {b.investigate_speed:g} | {b.chase_speed:g} | {b.health:g} |" in README, name


def test_the_designer_guide_names_every_bot_and_what_greedy_cannot_do() -> None:
    from hyosan.control.bots import BOTS

    main_readme = (ROOT / "README.md").read_text()
    for name in BOTS:
        assert f"`{name}`" in main_readme, name
    # what greedy does and cannot do (the behaviour itself: tests/playtest/test_bots.py)
    assert "`greedy` follows the level's objectives in order" in README and "never shuts an open door" in README
    # its barricade, in the numbers it uses (hyosan/control/fortify.py)
    from hyosan.control import fortify

    prose = " ".join(README.split())
    assert f"at most {fortify.MAX_ROOM_TILES} tiles" in prose
    assert f"two nearest light props (sliding, tied by no joint, at most {fortify.MAX_TOW_KG:g} kg" in prose
    assert fortify.PROPS_PER_DOOR == 2
    assert f"waits (up to {fortify.UNBAR_WAIT_S:g} s) until at most two zombies stand within {fortify.CROWD_PX:g} px" in prose
    assert fortify.QUIET_CROWD == 2
    assert "`hyosan check --playtest my-pack`" in README


def test_the_sound_defaults_and_the_station_reach_in_the_docs_are_the_simulations() -> None:
    from hyosan.content import fields as fl
    from hyosan.sim.director import SOUND_DEFAULTS, STATION_REACH_PX

    loudness, duration = fl.SOUND["loudness"].doc, fl.SOUND["duration_seconds"].doc
    for kind, (loud, seconds, _) in SOUND_DEFAULTS.items():
        assert f"{kind} {loud:g}" in loudness, kind
        assert f"{kind} {seconds:g}" in duration, kind
    assert f"within {STATION_REACH_PX:g} px ({STATION_REACH_PX / 16:g} tiles)" in fl.STATION["at"].doc


def test_objectives_count_in_order_as_the_docs_say() -> None:
    """levels/README: 'each required one counts only once those before it are done (a station
    used early still counts, standing on the exit early does not)'."""
    from dataclasses import replace
    from types import SimpleNamespace

    import numpy as np

    from hyosan.content.schema import ObjectiveSpec
    from hyosan.sim.objectives import Objectives
    from hyosan.sim.tilemap import EXIT, FLOOR
    from tests.helpers import sandbox

    spec = sandbox()
    exit_col, exit_row = spec.map.tiles_of("exit")[0]
    mask = np.zeros((spec.map.height, spec.map.width), bool)
    mask[exit_row, exit_col] = True
    on_exit = np.array([(exit_col + 0.5) * 16, (exit_row + 0.5) * 16])
    world = SimpleNamespace(students=[SimpleNamespace(alive=True)], student_pos=lambda s: on_exit,
                            tilemap=SimpleNamespace(exit_mask=mask, kind=np.where(mask, EXIT, FLOOR),
                                                    tile_of=lambda x, y: (int(x // 16), int(y // 16))),
                            director=SimpleNamespace(station_done=set()))
    tracker = Objectives(replace(spec, objectives=(ObjectiveSpec("lure", "use-station", station="intercom"),
                                                   ObjectiveSpec("out", "reach-exit"))))
    assert tracker.update(world, 1) == []  # on the exit, but the station comes first
    world.director.station_done.add("intercom")
    assert tracker.update(world, 2) == ["lure", "out"] and tracker.complete

    tracker = Objectives(replace(spec, objectives=(ObjectiveSpec("wait", "survive-seconds", seconds=1.0),
                                                   ObjectiveSpec("lure", "use-station", station="intercom"))))
    assert tracker.update(world, 30) == []  # the station was used before it was current...
    assert tracker.update(world, 60) == ["wait", "lure"] and tracker.complete  # ...and still counts


def test_the_example_bot_loads_and_walks_to_the_objective(tmp_path: Path) -> None:
    """The designer docs' "Your own bot" example is a working bot: it loads by file and class,
    walks the sandbox's tile map round its walls to the exit and wins, and on Storm Crossing
    works the key box (a station: stand by it, E) and the gate's padlock after it. (A bot that
    walked straight at its goal stood against the first wall.)"""
    from hyosan.content.discovery import resolve_level
    from hyosan.control.bots import make_bot
    from hyosan.playtest.runner import run_level

    code = re.search(r"## Your own bot\n.*?```python\n(.*?)```", README, re.S)
    assert code
    (tmp_path / "toward.py").write_text(code.group(1))
    ref, spec = resolve_level("sandbox/first-steps", [])
    result = run_level(ref, spec, make_bot(f"{tmp_path}/toward.py:TowardObjective", 0), "toward", 0, max_ticks=60 * 20)
    assert result.outcome == "win" and result.sim_seconds < 12
    ref, spec = resolve_level("hyosan/storm-crossing", [])
    done: list[str] = []
    run_level(ref, spec, make_bot(f"{tmp_path}/toward.py:TowardObjective", 0), "toward", 0, max_ticks=60 * 70,
              observer=lambda w, _: done.__setitem__(slice(None), list(w.objectives.done)))
    assert done[:2] == ["keys", "gate"]


def test_the_scripted_bot_example_plays_the_sandbox_its_way_and_every_move_is_documented(tmp_path: Path) -> None:
    """The designer docs' "A scripted bot" example is a working ScriptBot: it shoves the desk
    that blocks the sandbox's classroom door off the doorway, goes through and wins; and the
    docs' table of moves names every public move of the Driver, with the Driver's own
    parameters."""
    import inspect

    from hyosan.content.discovery import resolve_level
    from hyosan.control.bots import make_bot
    from hyosan.control.driver import Driver
    from hyosan.playtest.runner import run_level

    code = re.search(r"### A scripted bot.*?```python\n(.*?)```", README, re.S)
    assert code
    (tmp_path / "route.py").write_text(code.group(1))
    ref, spec = resolve_level("sandbox/first-steps", [])
    moved: list[float] = []  # px the blocking desk went west

    def watch(world, _events) -> None:
        x = float(world.prop_by_id("desk-blocker").body.position.x)
        moved.append(15.5 * 16 - x)

    result = run_level(ref, spec, make_bot(f"{tmp_path}/route.py:FirstStepsRoute", 0), "route", 0,
                       max_ticks=60 * 30, observer=watch)
    assert result.outcome == "win" and result.sim_seconds < 15
    assert max(moved) > 16.0  # shoved off the doorway, not walked round
    table = re.search(r"### A scripted bot.*?\| move \| what the lead does \|\n(.*?)\n\n", README, re.S)
    assert table
    rows = dict(re.findall(r"^\| `(\w+)\((.*?)\)` \|", table.group(1), re.M))
    moves = {name for name, fn in inspect.getmembers(Driver, inspect.isfunction)
             if not name.startswith("_") and inspect.isgeneratorfunction(fn) and name != "escort"}
    assert set(rows) == moves
    for name, documented in rows.items():
        params = [p for p in inspect.signature(getattr(Driver, name)).parameters if p != "self"]
        named = [a.strip().split("=")[0].lstrip("*") for a in documented.split(",") if a.strip()]
        assert named == [p for p in params if p not in ("ignore",)], (name, named, params)
