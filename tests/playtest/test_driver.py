"""The Driver's moves as a designer's script uses them (hyosan.control.driver)."""

from __future__ import annotations

import numpy as np
import pytest

from hyosan.cli import main
from hyosan.content.discovery import resolve_level
from hyosan.control.driver import Driver, tile_point
from hyosan.sim import commands as cmd
from hyosan.sim.world import World


def test_brace_puts_a_desk_reached_from_the_side_on_the_doorway() -> None:
    """The Classroom's back desk stands in line with the back door; the lead, coming from the
    front door to the west, bumped it off that line on her way round to tow it, and the push
    home left it against the wall beside the doorway, bracing nothing. ``brace`` now tows a prop
    left off the line along the wall onto it: the back door is braced within 20 s."""
    _, spec = resolve_level("hyosan/classroom-barricade", [])
    world = World.from_spec(spec, 0)
    drv = Driver(world)
    back = next(d for d in world.doors if d.spec.id == "back-door")

    def plan():  # type: ignore[no-untyped-def]
        yield from drv.set_lock("back-door", True, tile_point(46.5, 8.3))
        yield from drv.set_lock("front-door", True, tile_point(33.5, 8.3))
        yield from drv.brace("desk-back-1", "back-door")
        while True:
            yield cmd.EMPTY_INPUT

    steps = plan()
    while world.tick < 20 * 60 and world.outcome is None:
        world.step(next(steps))
    assert back.locked and [p.spec.id for p in world.bracing_props(back)] == ["desk-back-1"]


SLIPS = '''
from hyosan.control.driver import Driver, ScriptBot, tile_point


class MisspeltDoor(ScriptBot):
    def plan(self, world):
        drv = Driver(world)
        yield from drv.goto(tile_point(12.5, 7.4))
        yield from drv.brace("desk-a1", "clasroom-door")


class MisspeltProp(ScriptBot):
    def plan(self, world):
        drv = Driver(world)
        yield from drv.push("desk-blocker-2", (-1, 0), 24.0)


class NoYield(ScriptBot):
    def plan(self, world):
        drv = Driver(world)
        drv.goto(tile_point(12.5, 7.4))


class NeverYields(ScriptBot):
    def plan(self, world):
        drv = Driver(world)
        drv.goto(tile_point(12.5, 7.4))
        if world.tick < 0:
            yield
'''


@pytest.mark.parametrize(("cls", "message", "line"), [
    # A designer's route with a misspelt door (session 30): "act(world) raised RuntimeError:
    # generator raised StopIteration"; a misspelt prop: a bare AssertionError in driver.py.
    ("MisspeltDoor", "act(world) raised ScriptError: Driver.brace: this level has no door 'clasroom-door'; did you "
                     "mean 'classroom-door'? (its doors: classroom-door)", '        yield from drv.brace("desk-a1", "clasroom-door")'),
    ("MisspeltProp", "act(world) raised ScriptError: Driver.push: this level has no prop 'desk-blocker-2'; did you "
                     "mean 'desk-blocker'? (its props: chair-1, desk-a1, desk-a2,", '        yield from drv.push("desk-blocker-2", (-1, 0), 24.0)'),
    # Moves called without yield from: the lead stood still until the clock ran out, silently.
    ("NoYield", "reset(world) raised ScriptError: NoYield.plan(world) returned NoneType, not a generator: string the "
                "moves together with yield from (yield from drv.goto(...))", None),
    ("NeverYields", "act(world) raised ScriptError: NeverYields.plan(world) ended before its first tick: a move runs "
                    "only under yield from", None),
])
def test_a_scripts_slip_is_one_line_naming_the_scripts_own_line(tmp_path, capsys, cls: str, message: str,
                                                                 line: str | None) -> None:
    (tmp_path / "route.py").write_text(SLIPS)
    spec = f"{tmp_path}/route.py:{cls}"
    assert main(["playtest", "sandbox/first-steps", "--bot", spec, "--ticks", "1200"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0], err
    lines = SLIPS.split("\n")
    if line is not None:
        at = lines.index(line) + 1
        assert f" at {tmp_path}/route.py:{at} (raised in hyosan/control/driver.py:" in err[0]
    else:  # a plan found out after it returned: named by where it begins, not by driver.py
        at = lines.index("    def plan(self, world):", lines.index(f"class {cls}(ScriptBot):")) + 1
        assert err[0].endswith(f" at {tmp_path}/route.py:{at}"), err[0]


def _reference_bfs(blocked: np.ndarray, start: tuple[int, int], end: tuple[int, int]) -> dict | None:
    """The driver's breadth-first search as it was in Python (deque, dict of (col, row))."""
    from collections import deque

    prev = {start: start}
    queue = deque([start])
    rows, cols = blocked.shape
    while queue:
        c, r = queue.popleft()
        if (c, r) == end:
            break
        for dc, dr in ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1)):
            n = (c + dc, r + dr)
            if not (0 <= n[0] < cols and 0 <= n[1] < rows) or n in prev or blocked[n[1], n[0]]:
                continue
            if dc and dr and (blocked[r, c + dc] or blocked[r + dr, c]):
                continue
            prev[n] = (c, r)
            queue.append(n)
    return prev if end in prev else None


def test_the_compiled_breadth_first_search_finds_the_python_ones_ways() -> None:
    """The same predecessor for every tile reached before the end (so the same ways, step for
    step) over random walled grids, reachable or not, start at the end included."""
    from hyosan.control.driver import _breadth_first

    rng = np.random.default_rng(3)
    reached = 0
    for k in range(60):
        rows, cols = int(rng.integers(3, 30)), int(rng.integers(3, 40))
        blocked = rng.random((rows, cols)) < rng.uniform(0.0, 0.45)
        start = (int(rng.integers(0, cols)), int(rng.integers(0, rows)))
        end = start if k == 0 else (int(rng.integers(0, cols)), int(rng.integers(0, rows)))
        blocked[start[1], start[0]] = blocked[end[1], end[0]] = False
        came_from = np.empty(rows * cols, dtype=np.int64)
        got = _breadth_first(blocked, start[0], start[1], end[0], end[1], came_from)
        want = _reference_bfs(blocked, start, end)
        assert got == (want is not None)
        if want is not None:
            reached += 1
            assert {(i % cols, i // cols): (int(p) % cols, int(p) // cols)
                    for i, p in enumerate(came_from) if p >= 0} == want
    assert 10 < reached < 60  # both outcomes were tried
