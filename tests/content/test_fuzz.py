"""Fuzz: mutated valid levels and raw bytes only ever raise LevelError (or load)."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hyosan.content.errors import LevelError
from hyosan.content.loader import Tables, load_level, load_level_bytes, load_pack
from tests.helpers import ROOT, SANDBOX

TEXT = SANDBOX.read_bytes()
FAST = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


def only_level_errors(data: bytes) -> None:
    try:
        load_level_bytes("fuzz.toml", data, Tables())
    except LevelError as exc:
        assert exc.problems and all(p.code and p.message for p in exc.problems)


@FAST
@given(st.binary(max_size=2000))
def test_raw_bytes(data: bytes) -> None:
    only_level_errors(data)


LINES = TEXT.decode().splitlines(keepends=True)
VALUES = st.sampled_from(["0", "-1", "1e309", "nan", "inf", "true", '"x"', "[]", "{}", "[1, 2, 3]", "9999999999999",
                          '"../x"', "[[1]]", '""', "-0.0", "{ a = 1 }", '"\\u0000"'])


@FAST
@given(st.lists(st.tuples(st.integers(0, len(LINES) - 1), st.sampled_from(["drop", "dup", "value", "cut", "swap"]), VALUES),
                min_size=1, max_size=6))
def test_mutated_sandbox(edits: list[tuple[int, str, str]]) -> None:
    lines = list(LINES)
    for index, op, value in edits:
        index %= len(lines)
        if op == "drop":
            del lines[index]
        elif op == "dup":
            lines.insert(index, lines[index])
        elif op == "value" and "=" in lines[index]:
            lines[index] = lines[index].split("=")[0] + "= " + value + "\n"
        elif op == "cut":
            lines[index] = lines[index][: len(lines[index]) // 2]
        elif op == "swap" and index + 1 < len(lines):
            lines[index], lines[index + 1] = lines[index + 1], lines[index]
        if not lines:
            lines = ["\n"]
    only_level_errors("".join(lines).encode())


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(0, 10_000), st.binary(min_size=1, max_size=8))
def test_corrupted_zip_packs(offset: int, junk: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("pack.toml", (ROOT / "levels" / "sandbox" / "pack.toml").read_bytes())
            zf.writestr("first-steps.toml", TEXT)
        raw = bytearray(path.read_bytes())
        at = offset % len(raw)
        raw[at:at + len(junk)] = junk
        path.write_bytes(bytes(raw))
        try:
            load_pack(path)
        except LevelError:
            pass


def test_the_level_file_loader_also_only_raises_level_errors(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_bytes(b"\x00\x01")
    try:
        load_level(path)
    except LevelError:
        pass
