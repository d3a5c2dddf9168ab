"""A designer asked "which of my zombie groups or waves is doing the killing?": each run counts
the bites that landed and the students lost by where the biting zombie came from, the batch
adds them up, and the page and the terminal say it."""

from __future__ import annotations

import json
from pathlib import Path

from hyosan.cli import main
from hyosan.playtest.stats import RunStats, group_words, summarize
from hyosan.sim import events as ev
from tests.helpers import SANDBOX, world_of_toml
from tests.sim.test_origins import TWO_FRONTS, play_two_fronts

# TWO_FRONTS and a third student in the classroom, for the "teachers" to take as well.
THREE_STUDENTS = TWO_FRONTS + '''
[[squad]]
id = "woo-jin"
at = [4.5, 6.5]
'''


def test_a_run_counts_bites_and_losses_by_the_group_whose_zombie_bit() -> None:
    world = world_of_toml(SANDBOX.read_text() + TWO_FRONTS)
    stats = RunStats(world)
    play_two_fronts(world, observe=stats.observe)
    record = stats.summary(world)
    assert record["deaths"] == {"bitten": 2}  # (unchanged beside the new counts)
    assert record["bites_by_group"] == {"late-wave": 4, "teachers": 4}  # four bites of 0.25 take a student
    assert record["deaths_by_group"] == {"late-wave": 1, "teachers": 1}


def test_a_loss_no_zombie_caused_is_charged_to_no_group_though_bitten_before() -> None:
    """A student who fell (or stayed behind as bait) was not killed by the group that bit them."""
    world = world_of_toml(SANDBOX.read_text() + TWO_FRONTS)
    stats = RunStats(world)
    on_jo = world.students[0]
    stats.observe(world, [ev.Bitten(on_jo.id, 0.0, 0.0, 0.75, "teachers")])
    on_jo.alive = False
    stats.observe(world, [ev.Fell(0.0, 0.0, student=on_jo.id)])
    record = stats.summary(world)
    assert record["deaths"] == {"fall": 1} and record["deaths_by_group"] == {}
    assert record["bites_by_group"] == {"teachers": 1}


def test_the_batch_adds_the_runs_up_most_first_then_by_label() -> None:
    def run(bites: dict[str, int] | None, deaths: dict[str, int] | None) -> dict:
        r = {"outcome": "loss", "sim_seconds": 30.0, "survivors": 0, "peak_zombies": 9, "noise_made": 1.0}
        if bites is not None:  # (a run kept from before these counts has neither)
            r.update(bites_by_group=bites, deaths_by_group=deaths)
        return r

    s = summarize([run({"teachers": 5, "late-wave": 3}, {"late-wave": 3, "teachers": 1}),
                   run({"hall": 4, "late-wave": 1}, {"teachers": 1, "hall": 2}), run(None, None),
                   {"outcome": "error"}])
    assert list(s["deaths_by_group"].items()) == [("late-wave", 3), ("hall", 2), ("teachers", 2)]
    assert list(s["bites_by_group"].items()) == [("teachers", 5), ("hall", 4), ("late-wave", 4)]
    assert s["deaths_by_cause"] == {}  # (the old field as it was)
    # the words sort whatever order they are handed (report.json keeps its keys sorted by label)
    assert group_words({"hall": 2, "late-wave": 3, "teachers": 2}) == "late-wave: 3, hall: 2, teachers: 2"
    assert group_words({}) == "none"


def test_the_page_and_the_terminal_say_which_group_did_the_killing(tmp_path: Path, capsys) -> None:
    """Three idle runs: the "teachers" group takes on-jo and woo-jin in the classroom (or on-jo,
    and on-jo risen takes woo-jin), the "late-wave" takes mi-jin down the corridor."""
    level = tmp_path / "three-students.toml"
    level.write_text(SANDBOX.read_text() + THREE_STUDENTS)
    out = tmp_path / "report"
    assert main(["playtest", str(level), "--bot", "idle", "--seeds", "0:3", "--jobs", "1", "--ticks", "1200",
                 "--report", str(out)]) == 0
    said = capsys.readouterr().out.splitlines()
    # (the counts follow the runs, which the level's bytes seed: read from the report, then
    # checked against what the runs must show and how the page and the terminal order them)
    summary = json.loads((out / "report.json").read_text())["summary"]
    deaths, bites = summary["deaths_by_group"], summary["bites_by_group"]
    assert sum(deaths.values()) == 9 and {"teachers", "late-wave"} <= set(deaths)  # all three lost, each run
    assert set(deaths) <= {"teachers", "late-wave", "risen on-jo", "risen woo-jin", "risen mi-jin"}
    assert all(bites[g] >= deaths[g] for g in deaths)  # a bite for every death it caused, at least

    def most_first(counts: dict[str, int]) -> str:
        return ", ".join(f"{g}: {n}" for g, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    assert f"  deaths by group: {most_first(deaths)}" in said
    assert f"  bites by group: {most_first(bites)}" in said
    page = (out / "index.html").read_text()
    assert "<tr><th>deaths by cause</th><td>bitten: 9</td></tr>" in page
    assert f"<tr><th>deaths by group</th><td>{most_first(deaths)}</td></tr>" in page
    assert f"<tr><th>bites by group</th><td>{most_first(bites)}</td></tr>" in page
