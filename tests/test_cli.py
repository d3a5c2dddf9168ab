"""The command line: headless playtests, no-display and bad-input answers, reserved names."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from hyosan.cli import main
from tests.helpers import ROOT, SANDBOX


def run_cli(*args: str, env_drop: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in env_drop}
    return subprocess.run([sys.executable, "-m", "hyosan", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)


def test_playtest_json_has_the_promised_fields(capsys) -> None:
    assert main(["playtest", "sandbox/first-steps", "--bot", "idle", "--seed", "2", "--ticks", "600", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in ("level", "seed", "bot", "outcome", "ticks", "sim_seconds", "wall_seconds", "final_hash"):
        assert key in data
    assert data["outcome"] == "timeout" and data["ticks"] == 600 and data["sim_seconds"] == 10.0
    assert data["level"] == "sandbox/first-steps" and data["seed"] == 2 and data["bot"] == "idle"


def test_idle_loses_the_sandbox_on_time_and_a_path_works_as_level(capsys) -> None:
    assert main(["playtest", str(SANDBOX), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["outcome"] == "loss" and data["cause"] == "time"


def test_playtest_is_deterministic_across_processes() -> None:
    a = run_cli("playtest", "sandbox/first-steps", "--bot", "random", "--seed", "5", "--ticks", "900", "--json")
    b = run_cli("playtest", "sandbox/first-steps", "--bot", "random", "--seed", "5", "--ticks", "900", "--json")
    assert a.returncode == 0, a.stderr
    assert json.loads(a.stdout)["final_hash"] == json.loads(b.stdout)["final_hash"]


def test_without_a_display_the_window_commands_say_so_in_one_line() -> None:
    for args in ((), ("play",), ("play", "sandbox/first-steps")):
        out = run_cli(*args, env_drop=("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"))
        assert out.returncode == 2
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and "no display" in lines[0] and "hyosan playtest" in lines[0]
        assert "Traceback" not in out.stderr


def test_an_unknown_benchmark_is_a_usage_error(capsys) -> None:
    assert main(["bench", "no-such-bench"]) == 2
    assert "unknown benchmark no-such-bench" in capsys.readouterr().err


def test_bench_neighbours_prints_the_three_variants_as_json(capsys) -> None:
    assert main(["bench", "neighbours", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["benchmarks"]
    names = {r["name"] for r in rows}
    assert {"neighbours_cell_list", "neighbours_python_dict", "neighbours_naive_numpy"} <= names
    assert all(r["median_ms"] > 0 for r in rows)



def test_an_unknown_level_is_one_clear_line(capsys) -> None:
    assert main(["playtest", "sandbox/no-such-level"]) == 1
    err = capsys.readouterr().err
    assert "no level 'no-such-level'" in err and "first-steps" in err
    assert main(["playtest", "nopack/x"]) == 1
    assert "no pack with id 'nopack'" in capsys.readouterr().err


def test_an_unknown_bot_is_a_usage_error(capsys) -> None:
    assert main(["playtest", "sandbox/first-steps", "--bot", "wizard"]) == 2
    assert "known bots" in capsys.readouterr().err


def test_the_solver_on_a_level_without_one_is_a_usage_error(capsys) -> None:
    """It would stand still all run: an idle playtest reported as the solver's."""
    assert main(["playtest", "sandbox/first-steps", "--bot", "solver", "--seeds", "0:2"]) == 2
    err = capsys.readouterr().err
    assert "sandbox/first-steps has no solver" in err and "classroom-barricade" in err and "--bot greedy" in err
