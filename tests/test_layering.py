"""The simulation and the loader never import pygame or read the wall clock (read from source)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "hyosan"
PURE_LAYERS = ("content", "sim")
CLOCK_CALLS = {"time", "perf_counter", "monotonic", "process_time", "time_ns", "perf_counter_ns", "monotonic_ns"}


def python_files(layer: str) -> list[Path]:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files, f"no sources found under {layer}"
    return files


def imported_modules(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", PURE_LAYERS)
def test_pure_layers_do_not_import_pygame_or_upper_layers(layer: str) -> None:
    forbidden = ("pygame", "hyosan.render", "hyosan.scenes", "hyosan.audio", "hyosan.app")
    for path in python_files(layer):
        tree = ast.parse(path.read_text(), filename=str(path))
        for module in imported_modules(tree):
            assert not module.startswith(forbidden), f"{path.relative_to(PACKAGE)} imports {module}"
        for node in ast.walk(tree):  # relative imports into upper layers, e.g. `from ..render import x`
            if isinstance(node, ast.ImportFrom) and node.level >= 2 and node.module:
                assert node.module.split(".")[0] not in ("render", "scenes", "audio", "control", "playtest", "app"), \
                    f"{path.relative_to(PACKAGE)} imports ..{node.module}"


@pytest.mark.parametrize("layer", PURE_LAYERS)
def test_pure_layers_never_read_the_clock(layer: str) -> None:
    for path in python_files(layer):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    isinstance(node.func.value, ast.Name) and node.func.value.id in ("time", "datetime"):
                assert node.func.attr not in CLOCK_CALLS | {"now", "utcnow", "today"}, \
                    f"{path.relative_to(PACKAGE)}:{node.lineno} reads the clock"


def test_the_checker_catches_a_pygame_import(tmp_path: Path) -> None:
    tree = ast.parse("import numpy\nfrom pygame import Rect\n")
    assert "pygame" in imported_modules(tree)
