"""Falls: edge tiles and fall zones are a drop; students and zombies that go over are gone."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from hyosan.content.loader import load_level
from hyosan.sim import commands as cmd
from hyosan.sim import events as ev
from hyosan.sim import falls
from hyosan.sim.horde.kernels import rows_on_tiles
from hyosan.sim.world import World

# A yard (rows 1-6) with an edge strip (columns 12-13) between it and a walled-off ledge.
LEDGE = """
id = "ledge"
title = "Ledge"
[map]
rows = \"\"\"
####################
#...........__.....#
#...........__.....#
#...S.......__.....#
#...........__.....#
#...........__.....E
##E#################
\"\"\"
[[squad]]
id = "on-jo"
at = [10.5, 3.5]
lead = true
[[squad]]
id = "woo-jin"
at = [4.5, 1.5]
"""


def ledge(extra: str = "") -> World:
    spec = load_level(Path("ledge.toml"), (LEDGE + extra).encode())
    return World.from_spec(spec, seed=0)


def run(world: World, ticks: int, move: cmd.Move | None = None, *extra: cmd.Command) -> list[ev.Event]:
    out: list[ev.Event] = []
    for _ in range(ticks):
        out += world.step(cmd.TickInput(((move,) if move else ()) + extra))
    return out


def test_the_lead_stops_at_the_rim_at_every_gait_and_slides_along_it() -> None:
    """The lead's own step never carries it over (played by hand: a diagonal step walked Nam-ra
    into the Site's lift shaft): it halts with its body on the rim, sprinting too."""
    for gait in ("sneak", "walk", "sprint"):
        world = ledge()
        events = run(world, 150, cmd.Move(1.0, 0.0, gait))
        assert not any(isinstance(e, ev.Fell) for e in events), gait
        x = float(world.student_pos(world.students[0])[0])
        assert 12 * 16 - 8 <= x < 12 * 16, (gait, x)  # within half a tile of the drop, not over it
    world = ledge()
    run(world, 120, cmd.Move(1.0, 1.0, "walk"))  # south-east into the strip: along it instead
    x, y = (float(v) for v in world.student_pos(world.students[0]))
    assert world.students[0].alive
    assert 12 * 16 - 8 <= x < 12 * 16 and y > 5 * 16  # from row 3.5 down to the south wall


ALONE = LEDGE[:LEDGE.index('[[squad]]\nid = "woo-jin"')]  # On-jo only


def knocked_off_the_rim(text: str) -> tuple[World, list[ev.Event]]:
    """On-jo standing on the rim of the strip is sent east at 150 px/s (what a crowd's or a
    prop's push does to her body), the player pressing nothing; 60 ticks."""
    world = World.from_spec(load_level(Path("ledge.toml"), text.encode()), seed=0)
    on_jo = world.students[0]
    on_jo.body.position = (11.5 * 16, 3.5 * 16)
    on_jo.body.velocity = (150.0, 0.0)
    world.bodies.read()
    return world, run(world, 60)


def test_a_student_pushed_over_the_rim_is_down_and_no_zombie_rises() -> None:
    """Only the student's own legs are held back: a push still sends her over."""
    world, events = knocked_off_the_rim(LEDGE)
    fell = [e for e in events if isinstance(e, ev.Fell)]
    assert [e.student for e in fell] == ["on-jo"]
    assert 12 * 16 <= fell[0].x <= 14 * 16
    on_jo = world.students[0]
    assert not on_jo.alive and on_jo.fell
    assert world.lead_student.id == "woo-jin"  # the player carries on with the next one
    assert world.horde.n == 0  # a fall is not a turn
    assert world.outcome is None


def test_the_last_student_falling_loses_the_level() -> None:
    world, events = knocked_off_the_rim(ALONE)
    assert any(isinstance(e, ev.Fell) and e.student == "on-jo" for e in events)
    assert world.outcome == "loss" and world.loss_cause == "everyone-down"


def test_shoved_zombies_go_over_the_edge_and_die_of_the_fall() -> None:
    # Six zombies face the student on the lip of the edge; a shove east sends them over.
    world = ledge('[[zombies]]\ncount = 6\nzone = [11.2, 2.6, 11.9, 4.4]\nstate = "idle"\n')
    lead = world.lead_student
    lead.body.position = (10.2 * 16, 3.5 * 16)
    world.bodies.read()
    assert world.horde.n == 6
    events = run(world, 1, cmd.Move(1.0, 0.0, "sneak"), cmd.Shove())
    events += run(world, 30)
    fell = [e for e in events if isinstance(e, ev.Fell) and not e.student]
    assert len(fell) >= 2  # (of the six, where the seed stands them: 1-4 over seeds 0-5 on 0.35.0, 2 on this one)
    assert all(e.breed == "walker" for e in fell)
    assert world.horde.deaths_by_cause.get("fall", 0) == len(fell)
    assert world.horde.n == 6 - len(fell)


def test_a_fall_zone_is_a_drop_too_and_the_horde_does_not_walk_into_it() -> None:
    world = ledge('[[zones]]\nid = "shaft"\nrect = [6, 1, 8, 3]\nrole = "fall"\n')
    assert world.fall_mask[1:3, 6:8].all() and not world.fall_mask[3, 6]
    assert np.isinf(world.horde.walk_cost[1:3, 6:8]).all()
    assert np.isinf(world.horde.walk_cost[1:6, 12:14]).all()
    world.lead_student.body.position = (3.5 * 16, 1.5 * 16)  # 40 px west of the shaft
    events = run(world, 80, cmd.Move(1.0, 0.0, "walk"))  # walks up to it and stops at its rim
    assert not any(isinstance(e, ev.Fell) for e in events)
    assert 6 * 16 - 8 <= float(world.student_pos(world.lead_student)[0]) < 6 * 16


def _follower_by_the_strip(zombie_x: float) -> list[ev.Event]:
    """Woo-jin, a follower left alone one tile west of the edge strip (the lead far off in the
    west), with a chasing zombie at ``zombie_x`` tiles on her row; 40 ticks of nothing."""
    text = LEDGE.replace('at = [10.5, 3.5]', 'at = [2.5, 5.5]').replace('at = [4.5, 1.5]', 'at = [11.0, 3.5]')
    text += f"""
[[zombies]]
count = 1
zone = [{zombie_x - 0.05}, 3.45, {zombie_x + 0.05}, 3.55]
state = "chase"
"""
    world = World.from_spec(load_level(Path("ledge.toml"), text.encode()), seed=0)
    return run(world, 40)


def test_a_follower_does_not_panic_at_a_zombie_across_a_drop_but_does_at_one_on_her_side() -> None:
    """Across the edge strip (cols 12-13) the zombie on the walled-off ledge cannot get at her:
    no scream (played by hand, On-jo screamed at the crowd in the Site's pit, and the whole yard
    heard). The same zombie the same distance away on her side of the strip: she screams."""
    across = _follower_by_the_strip(15.5)  # 4.5 tiles east, over the strip
    same_side = _follower_by_the_strip(6.5)  # 4.5 tiles west
    assert not [e for e in across if isinstance(e, ev.Sound) and e.kind == "scream"]
    assert [e for e in same_side if isinstance(e, ev.Sound) and e.kind == "scream" and e.source == "woo-jin"]


def test_the_compiled_look_for_students_over_a_drop_is_tile_of_and_the_mask() -> None:
    rng = np.random.default_rng(2)
    tiles = ledge().tilemap
    for _ in range(200):
        mask = rng.random(tiles.kind.shape) < 0.2
        pos = rng.uniform(-40.0, 360.0, size=(9, 2))  # (off the map too: clamped to its edge tiles)
        pos[0] = (16.0, 32.0)  # on a tile's very edge
        rows = rng.permutation(9)[:6].astype(np.intp)
        want = [k for k, row in enumerate(rows.tolist()) if mask.item(*tiles.tile_of(*pos[row].tolist())[::-1])]
        got, k = [], falls._first_over(pos, rows, mask, 0)
        while k >= 0:
            got.append(k)
            k = falls._first_over(pos, rows, mask, k + 1)
        assert got == want
        # (what lets apply_falls skip the horde's rows_on: it finds a row exactly when this does)
        assert rows_on_tiles(pos, rows, mask).tolist() == want
        # (and its one-dispatch look at the zombies and the students together: each bit says
        # what _first_over from 0 says of its rows, whichever rows are empty)
        others = rng.permutation(9)[:int(rng.integers(0, 4))].astype(np.intp)
        for zombie_rows, student_rows in ((rows, others), (others, rows), (rows, rows), (others, others)):
            over = falls._who_is_over(pos, zombie_rows, student_rows, mask)
            assert bool(over & falls._ZOMBIE_OVER) == (falls._first_over(pos, zombie_rows, mask, 0) >= 0)
            assert bool(over & falls._STUDENT_OVER) == (falls._first_over(pos, student_rows, mask, 0) >= 0)


def test_students_pushed_over_together_fall_in_roster_order() -> None:
    world = ledge()
    for s, x in zip(world.students, (12.5, 13.5), strict=True):  # both on the edge strip
        s.body.position = (x * 16, 3.5 * 16)
    world.bodies.read()
    events: list[ev.Event] = []
    assert falls.apply_falls(world, events) == 2
    assert [e.student for e in events if isinstance(e, ev.Fell)] == ["on-jo", "woo-jin"]
    assert falls.apply_falls(world, []) == 0  # down already: lying there, nobody falls again


def _rim_guard_reference(mask: np.ndarray, pos: np.ndarray, vel: np.ndarray, vx: float, vy: float) -> tuple[float, float]:
    """falls.rim_guard as it was in Python (closures over TileMap.tile_of)."""
    import math

    from hyosan.sim.falls import RIM_MARGIN_PX
    from hyosan.sim.squad import DRIVE_ACCEL
    from hyosan.sim.units import TICK_DT, TILE_PX

    if vx == 0.0 and vy == 0.0:
        return vx, vy

    def ahead(want: float, now: float) -> float:
        moving = abs(now) if now * want > 0.0 else 0.0
        return math.copysign(RIM_MARGIN_PX + moving * moving / (2.0 * DRIVE_ACCEL) + abs(want) * TICK_DT, want)

    def drop(x: float, y: float) -> bool:
        rows, cols = mask.shape
        c = min(max(int(x // TILE_PX), 0), cols - 1)
        r = min(max(int(y // TILE_PX), 0), rows - 1)
        return bool(mask[r, c])

    x, y = float(pos[0]), float(pos[1])
    ax = ahead(vx, float(vel[0])) if vx else 0.0
    ay = ahead(vy, float(vel[1])) if vy else 0.0
    if vx and drop(x + ax, y):
        vx, ax = 0.0, 0.0
    if vy and drop(x, y + ay):
        vy, ay = 0.0, 0.0
    if vx and vy and drop(x + ax, y + ay):
        vx, vy = 0.0, 0.0
    return vx, vy


def test_the_compiled_rim_guard_is_the_python_one_to_the_bit() -> None:
    """Random masks, points (on tile edges and off the map too), speeds now and wanted (one
    axis, both, either sign, zero): the same velocity, bit for bit."""
    rng = np.random.default_rng(5)
    for _ in range(3000):
        mask = rng.random((12, 20)) < 0.3
        pos = rng.uniform(-40.0, 360.0, size=2)
        if rng.random() < 0.2:
            pos = np.floor(pos / 16.0) * 16.0  # a tile's very corner
        vel = rng.uniform(-150.0, 150.0, size=2) * (rng.random(2) < 0.8)
        want = rng.uniform(-160.0, 160.0, size=2) * (rng.random(2) < 0.75)
        got = falls.rim_guard(mask, pos, vel, float(want[0]), float(want[1]))
        ref = _rim_guard_reference(mask, pos, vel, float(want[0]), float(want[1]))
        assert np.array(got).tobytes() == np.array(ref).tobytes()
