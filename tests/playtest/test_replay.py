"""Replays: record a run, verify it from tick 0, and refuse every file that cannot be trusted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from hyosan.cli import main
from hyosan.content.loader import load_level
from hyosan.control.bots import make_bot
from hyosan.control.replay import HASH_EVERY, ReplayError, parse_replay, read_replay
from hyosan.playtest.runner import run_level
from hyosan.playtest.verify import verify_replay
from hyosan.sim import commands as cmd
from tests.helpers import ROOT, SANDBOX, sandbox

SHIPPED_LEVELS = sorted(p for p in (ROOT / "levels").glob("*/*.toml") if p.name != "pack.toml")


def record(tmp_path: Path, level: Path = SANDBOX, ticks: int = 700, seed: int = 3, bot: str = "random") -> Path:
    out = tmp_path / "run.jsonl"
    run_level(str(level), load_level(level), make_bot(bot, seed), bot, seed, ticks, record=out)
    return out


def rewrite_line(line: bytes, change) -> bytes:
    """Edit a record and give it a valid checksum again (a deliberate, not an accidental, change)."""
    obj = json.loads(line)
    obj.pop("k")
    change(obj)
    body = json.dumps(obj, separators=(",", ":"))
    return f'{body[:-1]},"k":"{zlib.crc32(body[:-1].encode()):08x}"}}'.encode()


@pytest.mark.parametrize("level", SHIPPED_LEVELS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_record_then_verify_every_shipped_level(tmp_path: Path, level: Path) -> None:
    path = record(tmp_path, level)
    replay = read_replay(path)
    # 700 ticks, or fewer when the random squad loses first (The Crowd is deadly)
    assert 0 < replay.ticks <= 700 and len(replay.hashes) >= replay.ticks // HASH_EVERY
    result = verify_replay(replay, load_level(level))
    assert result.ok, result.describe()
    assert result.checked == len(replay.hashes) + 1


def test_a_recorded_run_verifies_in_fresh_processes_under_any_hash_seed(tmp_path: Path) -> None:
    path = record(tmp_path, ticks=400)
    for hash_seed in ("0", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        out = subprocess.run([sys.executable, "-m", "hyosan", "replay", str(path), "--headless", "--verify"],
                             capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
        assert out.returncode == 0, out.stderr
        assert "replay verified" in out.stdout


def test_a_changed_command_is_named_at_the_first_diverging_tick(tmp_path: Path) -> None:
    lines = record(tmp_path, ticks=400).read_bytes().split(b"\n")
    i = next(k for k, ln in enumerate(lines) if b'"t":130,"c"' in ln)
    lines[i] = rewrite_line(lines[i], lambda o: o.update(c=[["move", -1.0, 0.0, "sprint"]]))
    with pytest.raises(ReplayError, match="digest"):  # even a re-checksummed edit is caught…
        parse_replay(b"\n".join(lines))
    end = len(lines) - 2  # …so fix the digest too: now only re-simulation can notice
    import hashlib
    digest = hashlib.sha256(b"".join(ln + b"\n" for ln in lines[:end])).hexdigest()
    lines[end] = rewrite_line(lines[end], lambda o: o.update(digest=digest))
    result = verify_replay(parse_replay(b"\n".join(lines)), sandbox())
    assert not result.ok and result.diverged_at == 180  # the first checkpoint after tick 130
    assert "diverges at tick 180" in result.describe()


def test_one_flipped_byte_anywhere_is_caught(tmp_path: Path) -> None:
    data = record(tmp_path, ticks=300).read_bytes()
    for offset in range(7, len(data) - 1, max(1, len(data) // 97)):
        for bit in (0x01, 0x20):
            bad = bytearray(data)
            bad[offset] ^= bit
            with pytest.raises(ReplayError):
                parse_replay(bytes(bad))


def test_truncated_and_empty_replays_are_refused(tmp_path: Path) -> None:
    data = record(tmp_path, ticks=300).read_bytes()
    lines = data.split(b"\n")
    for cut in (data[: len(data) // 2], b"\n".join(lines[:40]) + b"\n", b"", data[:-1]):
        with pytest.raises(ReplayError, match="truncated|empty"):
            parse_replay(cut)


def test_other_versions_and_formats_are_refused_by_name(tmp_path: Path) -> None:
    lines = record(tmp_path, ticks=120).read_bytes().split(b"\n")
    for change, message in ((lambda o: o.update(game_version="9.9.9"), "game version '9.9.9'"),
                            (lambda o: o.update(format=2), "format 2")):
        bad = [rewrite_line(lines[0], change), *lines[1:]]
        with pytest.raises(ReplayError, match=message):
            parse_replay(b"\n".join(bad))


def test_cli_refuses_a_replay_made_with_other_level_bytes_in_one_line(tmp_path: Path) -> None:
    level = tmp_path / "lvl.toml"
    level.write_bytes(SANDBOX.read_bytes())
    replay = record(tmp_path, level, ticks=200)
    level.write_bytes(SANDBOX.read_bytes() + b"\n# a designer's edit\n")
    out = subprocess.run([sys.executable, "-m", "hyosan", "replay", str(replay), "--headless", "--verify"],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "other level bytes" in lines[0] and "Traceback" not in out.stderr


def test_cli_verify_and_refusals(tmp_path: Path, capsys) -> None:
    path = tmp_path / "r.jsonl"
    assert main(["playtest", "sandbox/first-steps", "--bot", "random", "--ticks", "200", "--record", str(path)]) == 0
    capsys.readouterr()
    assert main(["replay", str(path), "--headless", "--verify"]) == 0
    assert "replay verified: 200 ticks" in capsys.readouterr().out
    path.write_bytes(path.read_bytes()[:-30])
    assert main(["replay", str(path), "--headless", "--verify"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("hyosan replay: refused:") and "truncated" in err[0]


def test_a_failed_recording_leaves_no_file_and_no_temp(tmp_path: Path) -> None:
    class Boom:
        def reset(self, world) -> None:
            pass

        def act(self, world) -> cmd.TickInput:
            if world.tick == 50:
                raise RuntimeError("bot crashed")
            return cmd.TickInput((cmd.Move(1.0, 0.0),))

    out = tmp_path / "x.jsonl"
    with pytest.raises(RuntimeError):
        run_level("sandbox/first-steps", sandbox(), Boom(), "boom", 0, 200, record=out)
    assert list(tmp_path.iterdir()) == []


def test_a_command_that_cannot_round_trip_is_refused_while_recording(tmp_path: Path) -> None:
    class NaNBot:
        def reset(self, world) -> None:
            pass

        def act(self, world) -> cmd.TickInput:
            return cmd.TickInput((cmd.Throw(float("nan"), 0.0),))

    from hyosan.control.replay import ReplayRecorder
    from hyosan.playtest.runner import BotError
    from hyosan.sim.world import World

    # A bot's command is checked before it is sent (and recorded)...
    with pytest.raises(BotError, match="invalid command at tick 0: command 'throw' field x must be a finite number"):
        run_level("sandbox/first-steps", sandbox(), NaNBot(), "nan", 0, 10, record=tmp_path / "n.jsonl")
    assert list(tmp_path.iterdir()) == []
    # ...and the recorder refuses one itself (the window's recordings have no bot in between).
    recorder = ReplayRecorder(tmp_path / "m.jsonl", sandbox(), "sandbox/first-steps", 0, "normal")
    with pytest.raises(ReplayError, match="cannot record"):
        recorder.record(World.from_spec(sandbox(), 0), NaNBot().act(None))
    recorder.abort()
    assert list(tmp_path.iterdir()) == []


def _reheader(data: bytes, change) -> bytes:
    """Edit the header and re-checksum every line and the digest: only re-simulation can tell."""
    import hashlib

    lines = data.split(b"\n")[:-1]
    lines[0] = rewrite_line(lines[0], change)
    digest = hashlib.sha256(b"".join(ln + b"\n" for ln in lines[:-1])).hexdigest()
    lines[-1] = rewrite_line(lines[-1], lambda o: o.update(digest=digest))
    return b"\n".join(lines) + b"\n"


def test_a_hard_run_records_its_difficulty_and_verifies_at_it(tmp_path: Path, capsys) -> None:
    path = tmp_path / "hard.jsonl"
    # a campaign level: the sandbox's few idle zombies look the same at every difficulty
    assert main(["playtest", "hyosan/classroom-barricade", "--bot", "random", "--seed", "3", "--ticks", "200",
                 "--difficulty", "hard", "--record", str(path)]) == 0
    capsys.readouterr()
    replay = read_replay(path)
    assert replay.header["difficulty"] == "hard" and replay.difficulty == "hard"
    assert main(["replay", str(path), "--headless", "--verify"]) == 0
    assert "replay verified: 200 ticks" in capsys.readouterr().out
    # The same commands at normal are another run: the hard hashes must not match it.
    normal = tmp_path / "normal.jsonl"
    normal.write_bytes(_reheader(path.read_bytes(), lambda o: o.update(difficulty="normal")))
    assert main(["replay", str(normal), "--headless", "--verify"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("replay diverges at tick "), err
    # Only re-checksumming the header line is caught before any simulation (the digest).
    lines = path.read_bytes().split(b"\n")
    lines[0] = rewrite_line(lines[0], lambda o: o.update(difficulty="story"))
    with pytest.raises(ReplayError, match="digest"):
        parse_replay(b"\n".join(lines))


def test_an_unknown_difficulty_is_refused_and_an_old_header_reads_as_normal(tmp_path: Path, capsys) -> None:
    data = record(tmp_path, ticks=200).read_bytes()
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(_reheader(data, lambda o: o.update(difficulty="nightmare")))
    assert main(["replay", str(bad), "--headless", "--verify"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unknown difficulty 'nightmare'" in err[0]
    old = _reheader(data, lambda o: o.pop("difficulty"))  # a replay written before the field
    replay = parse_replay(old)
    assert "difficulty" not in replay.header and replay.difficulty == "normal"
    assert verify_replay(replay, sandbox()).ok


def test_a_replay_by_a_relative_path_says_where_it_looked_and_plays_with_level(tmp_path: Path, capsys,
                                                                               monkeypatch) -> None:
    # Recorded by a relative path from one folder and verified from another: it was refused as
    # "not a level file (.toml)". Now it says there is no such file from here and how to go on,
    # and --level names the file; its bytes are still checked.
    recorded_in = tmp_path / "work"
    (recorded_in / "levels").mkdir(parents=True)
    (recorded_in / "levels" / "lvl.toml").write_bytes(SANDBOX.read_bytes())
    replay = tmp_path / "r.jsonl"
    monkeypatch.chdir(recorded_in)
    assert main(["playtest", "levels/lvl.toml", "--bot", "random", "--ticks", "120", "--record", str(replay)]) == 0
    assert read_replay(replay).outcome == "timeout"  # stopped at its tick limit, as the playtest says
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["replay", str(replay), "--headless", "--verify"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "'levels/lvl.toml' cannot be loaded: no such file (looked from" in err[0]
    assert "give the level file with --level PATH" in err[0]
    assert main(["replay", str(replay), "--headless", "--verify", "--level", "work/levels/lvl.toml"]) == 0
    assert "replay verified: 120 ticks" in capsys.readouterr().out
    other = tmp_path / "other.toml"
    other.write_bytes(SANDBOX.read_bytes() + b"\n# edited\n")
    assert main(["replay", str(replay), "--headless", "--verify", "--level", str(other)]) == 1
    assert "other level bytes" in capsys.readouterr().err


def test_a_replay_whose_line_ends_were_changed_to_crlf_says_so(tmp_path: Path) -> None:
    path = record(tmp_path, ticks=120)
    with pytest.raises(ReplayError, match="line 1 ends in CR LF: the file's line ends were changed"):
        parse_replay(path.read_bytes().replace(b"\n", b"\r\n"))
