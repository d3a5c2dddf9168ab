"""Followers path to the lead round walls and through doors (not straight at their slot)."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from hyosan.content.discovery import resolve_level
from hyosan.sim import commands as cmd
from hyosan.sim import events as ev
from hyosan.sim.units import TICK_HZ, TILE_PX
from hyosan.sim.world import World


def _quiet_classroom(lead_at: tuple[float, float]):
    """Classroom Barricade without zombies, waves or sounds, the lead standing at ``lead_at``."""
    _, spec = resolve_level("hyosan/classroom-barricade", None)
    squad = tuple(dataclasses.replace(s, at=lead_at) if s.lead else s for s in spec.squad)
    return dataclasses.replace(spec, zombies=(), waves=(), sounds=(), squad=squad)


def _run_until_gathered(world: World, seconds: float, within_px: float) -> float | None:
    for _ in range(round(seconds * TICK_HZ)):
        world.step(cmd.EMPTY_INPUT)
        lead = world.student_pos(world.lead_student)
        if all(math.dist(world.student_pos(s), lead) <= within_px for s in world.students):
            return world.sim_seconds
    return None


def test_followers_leave_the_classroom_through_the_door_to_the_lead():
    # The lead waits in the hallway east of the back door; the others start inside the classroom,
    # with the wall between them (walking straight at the slot would pin them to it).
    world = World.from_spec(_quiet_classroom((51.5, 12.0)), seed=0)
    lead = world.student_pos(world.lead_student)
    assert all(math.dist(world.student_pos(s), lead) > 4 * TILE_PX for s in world.students if s is not world.lead_student)
    took = _run_until_gathered(world, 15.0, 3.5 * TILE_PX)
    assert took is not None and took < 15.0
    # They came through the doorway: every follower is now south of the classroom wall.
    assert all(world.student_pos(s)[1] > 10 * TILE_PX for s in world.students)


def test_a_locked_door_is_not_a_path_and_hold_keeps_them():
    world = World.from_spec(_quiet_classroom((51.5, 12.0)), seed=0)
    for door in world.doors:
        door.set_locked(True)
    world._grids_changed()
    world.step(cmd.TickInput((cmd.ToggleFollow(),)))  # hold here
    before = {s.id: world.student_pos(s).copy() for s in world.students}
    for _ in range(3 * TICK_HZ):
        world.step(cmd.EMPTY_INPUT)
    for s in world.students:
        assert math.dist(world.student_pos(s), before[s.id]) < 8.0


def test_a_student_walked_off_while_the_squad_holds_stays_where_the_lead_left_them():
    """F (everyone holds), Tab to Su-hyeok, walk her 2 s east, Tab on: she holds where she was
    left, as a player walking the squad out one by one expects. She used to walk back to where
    F was pressed, and greedy's one-by-one walk to Classroom Barricade's exit never ended."""
    world = World.from_spec(_quiet_classroom((40.5, 5.5)), seed=0)
    world.step(cmd.TickInput((cmd.ToggleFollow(),)))
    world.step(cmd.TickInput((cmd.SwitchLead(),)))
    walker = world.lead_student
    pressed_at = np.array(walker.hold_at)
    for _ in range(2 * TICK_HZ):
        world.step(cmd.TickInput((cmd.Move(1.0, 0.0, "walk"),)))
    world.step(cmd.TickInput((cmd.SwitchLead(),)))
    left_at = world.student_pos(walker).copy()
    assert world.lead_student is not walker and math.dist(left_at, pressed_at) > 5 * TILE_PX
    for _ in range(3 * TICK_HZ):
        world.step(cmd.EMPTY_INPUT)
    assert math.dist(world.student_pos(walker), left_at) < TILE_PX  # she coasts a few px to a stop


def _sampled_clear(blocked, a, b) -> bool:
    """The definition ``clear_line`` must keep: samples every <= 4 px on the centre line and on
    both shoulders (a student radius to each side); a blocked or off-map tile stops the line."""
    d = b - a
    length = math.hypot(d[0], d[1])
    if length < 1e-6:
        return True
    nx, ny = -d[1] / length * 5.0, d[0] / length * 5.0
    steps = max(2, int(length / 4.0) + 1)
    rows, cols = blocked.shape
    for i in range(steps + 1):
        x, y = a[0] + d[0] * (i / steps), a[1] + d[1] * (i / steps)
        for ox, oy in ((0.0, 0.0), (nx, ny), (-nx, -ny)):
            c, r = int((x + ox) // 16), int((y + oy) // 16)
            if not (0 <= c < cols and 0 <= r < rows) or blocked[r, c]:
                return False
    return True


def test_clear_line_gives_the_same_answer_on_every_path() -> None:
    """``FollowerPaths.clear_line`` answers a line inside open floor from its bounding box and
    samples the others in a compiled loop: 3000 random lines over a grid with scattered walls,
    short and long, in and partly out of the grid, get the definition's answers."""
    import numpy as np

    from hyosan.sim.squad import FollowerPaths

    rng = np.random.default_rng(3)
    paths = FollowerPaths()
    paths.blocked = rng.random((20, 30)) < 0.04
    lines = []
    for _ in range(3000):
        a = rng.uniform(-8, [30 * 16 + 8, 20 * 16 + 8])
        lines.append((a, a + rng.normal(0, 60, 2) * rng.choice([0.02, 1.0, 3.0])))
    expected = [_sampled_clear(paths.blocked, a, b) for a, b in lines]
    assert 300 < sum(expected) < 2700
    assert [paths.clear_line(a, b) for a, b in lines] == expected
    paths._tables_for(np.ones_like(paths.blocked))  # no box passes (every tile counts): every line is sampled
    paths._sums_of = paths.blocked
    paths._lines_of = None  # (asked afresh: not the answers remembered above)
    assert [paths.clear_line(a, b) for a, b in lines] == expected
    # and the compiled box test passes exactly the lines the Python one did (``_open_box``):
    # over a grid whose every sample fails, a line is clear only by the box
    from hyosan.sim.squad import _line_clear

    paths._tables_for(paths.blocked)
    walls = np.ones_like(paths.blocked)
    for a, b in lines:
        ax, ay, bx, by = float(a[0]), float(a[1]), float(b[0]), float(b[1])
        length = math.hypot(bx - ax, by - ay)
        if length < 1e-6:
            continue
        grow = 5.0 + 1e-6
        c0, c1 = int((min(ax, bx) - grow) // 16), int((max(ax, bx) + grow) // 16)
        r0, r1 = int((min(ay, by) - grow) // 16), int((max(ay, by) + grow) // 16)
        box = c0 >= 0 and r0 >= 0 and c1 < 30 and r1 < 20 and paths._open_box(paths.blocked, c0, r0, c1, r1)
        assert _line_clear(walls, paths._sums_array, ax, ay, bx, by, bx - ax, by - ay, length) == box


def test_clear_line_remembers_only_for_the_same_grid() -> None:
    """``clear_line``'s memo gives the answer worked out afresh: the same lines asked again
    (and again after the memo fills and empties), then over another grid (a new array, as
    ``update`` sets one when tiles change), get the definition's answers for the grid of the
    moment; a line from a signed zero gets its unsigned twin's answer, as worked out."""
    import numpy as np

    from hyosan.sim import squad
    from hyosan.sim.squad import FollowerPaths

    rng = np.random.default_rng(5)
    paths = FollowerPaths()
    lines = []
    for _ in range(700):
        a = rng.uniform(-8, [30 * 16 + 8, 20 * 16 + 8])
        lines.append((a, a + rng.normal(0, 60, 2)))
    lines += [(np.array([-0.0, 20.0]), np.array([40.0, -0.0])), (np.array([0.0, 20.0]), np.array([40.0, 0.0]))]
    for _ in range(3):
        paths.blocked = rng.random((20, 30)) < 0.04
        paths.blocked[1, 0] = rng.random() < 0.5  # (the signed zeros' line crosses it or not)
        expected = [_sampled_clear(paths.blocked, a, b) for a, b in lines]
        for _ in range(2 * squad._LINES_KEPT // len(lines) + 1):
            order = rng.permutation(len(lines))
            assert [paths.clear_line(*lines[k]) for k in order] == [expected[k] for k in order]
            assert [paths.clear_line(*lines[k], remember=False) for k in order] == [expected[k] for k in order]


def _hallway(lead_at: tuple[float, float], follower_at: tuple[float, float]) -> World:
    """A 3-tile-high hallway, no horde: the lead and one follower."""
    from hyosan.content.schema import DEFAULT_LEGEND, LevelSpec, MapSpec, StudentSpec

    cols = 40
    rows = ("#" * cols, "#S" + "." * (cols - 3) + "#", "#" + "." * (cols - 2) + "#",
            "#" + "." * (cols - 2) + "#", "#" * cols)
    spec = LevelSpec(id="hall", title="Hall", briefing="", content_hash="hall",
                     map=MapSpec(rows, tuple(sorted(DEFAULT_LEGEND.items()))),
                     squad=(StudentSpec("on-jo", lead_at, lead=True), StudentSpec("su-hyeok", follower_at)))
    return World.from_spec(spec, 0)


def _walk_right(world: World, seconds: float, hold: bool) -> float:
    start = float(world.student_pos(world.lead_student)[0])
    if hold:
        world.step(cmd.TickInput((cmd.ToggleFollow(),)))
    for _ in range(round(seconds * TICK_HZ)):
        world.step(cmd.TickInput((cmd.Move(1.0, 0.0, "walk"),)))
    return float(world.student_pos(world.lead_student)[0]) - start


def test_a_follower_in_the_leads_way_steps_aside(monkeypatch) -> None:
    """Turning round, dragging backwards or walking back down a lane, the lead walked into its
    own squad and was held there (formation slots lie behind its facing, where it walks). A
    following follower in the lead's way now steps aside."""
    from hyosan.sim import squad

    moved = _walk_right(_hallway((3.5, 2.5), (5.5, 2.5)), 2.0, hold=False)
    monkeypatch.setattr(squad, "YIELD_AHEAD_PX", 0.0)  # the old squad: nobody yields
    blocked = _walk_right(_hallway((3.5, 2.5), (5.5, 2.5)), 2.0, hold=False)
    monkeypatch.undo()
    assert moved > 0.9 * 2.0 * squad.GAIT_SPEED["walk"] > blocked + 30, (moved, blocked)


def test_a_held_follower_stands_until_the_lead_walks_into_it_then_steps_aside_and_comes_back(monkeypatch) -> None:
    """F, then the lead walks down the hallway at a holder five tiles ahead: the holder does not
    stir while the lead comes (it is where the player put it), steps aside when the lead walks
    into it, and is back on its spot a few seconds after the lead has passed. Holders that
    stood their ground boxed in a lead whose squad had gathered round it (the Classroom lost at
    20.8 s, pinned between two of them and a locker)."""
    from hyosan.sim import squad

    def walk_past(world: World) -> tuple[float, float]:
        """F, walk the lead 2.35 s east: (px it moved, px the holder was ever off its spot)."""
        holder = world.students[1]
        world.step(cmd.TickInput((cmd.ToggleFollow(),)))
        start, spot, off = float(world.student_pos(world.lead_student)[0]), np.array(holder.hold_at), 0.0
        for t in range(round(2.35 * TICK_HZ)):
            world.step(cmd.TickInput((cmd.Move(1.0, 0.0, "walk"),)))
            if t < round(0.35 * TICK_HZ):  # the lead comes to ~2 tiles off: the holder stands
                assert math.dist(world.student_pos(holder), spot) < 1.0
            off = max(off, math.dist(world.student_pos(holder), spot))
        return float(world.student_pos(world.lead_student)[0]) - start, off

    world = _hallway((3.5, 2.5), (8.5, 2.5))
    moved, off = walk_past(world)
    assert moved > 0.9 * 2.35 * squad.GAIT_SPEED["walk"], moved  # straight past it...
    assert 2 * squad.STUDENT_RADIUS < off < 1.5 * TILE_PX, off  # ...as it stepped aside
    holder = world.students[1]
    for _ in range(3 * TICK_HZ):
        world.step(cmd.EMPTY_INPUT)
    assert math.dist(world.student_pos(holder), np.array(holder.hold_at)) < squad.FOLLOW_GAP + 1.0

    monkeypatch.setattr(squad, "HELD_YIELD_PX", 0.0)  # the old holders: a shoving match
    walled, shoved = walk_past(_hallway((3.5, 2.5), (8.5, 2.5)))
    assert walled < moved - 40.0 and shoved > 3 * TILE_PX, (walled, shoved)


def _lane(width: int, squad: tuple[tuple[str, tuple[float, float]], ...]) -> World:
    """A room (tiles x 1-8, y 1-7) opening east onto a dead-end lane ``width`` tiles wide (x 9-22,
    centred on y 4.5), no horde; ``squad`` is (id, tile position), the lead first."""
    from hyosan.content.schema import DEFAULT_LEGEND, LevelSpec, MapSpec, StudentSpec

    grid = [["#"] * 26 for _ in range(9)]
    for r in range(1, 8):
        grid[r][1:9] = ["."] * 8
    for r in range(4 - width // 2, 4 - width // 2 + width):
        grid[r][9:23] = ["."] * 14
    grid[1][1] = "S"
    students = tuple(StudentSpec(sid, at, lead=(k == 0)) for k, (sid, at) in enumerate(squad))
    spec = LevelSpec(id="lane", title="Lane", briefing="", content_hash="lane",
                     map=MapSpec(tuple("".join(r) for r in grid), tuple(sorted(DEFAULT_LEGEND.items()))),
                     squad=students)
    return World.from_spec(spec, 0)


def _walk_out_west(world: World, hold: bool, seconds: float = 6.0) -> int | None:
    """Settle 1 s, then walk the lead west; the tick it came out of the lane into the room."""
    for _ in range(TICK_HZ):
        world.step(cmd.EMPTY_INPUT)
    if hold:
        world.step(cmd.TickInput((cmd.ToggleFollow(),)))
    for t in range(round(seconds * TICK_HZ)):
        world.step(cmd.TickInput((cmd.Move(-1.0, 0.0, "walk"),)))
        if world.student_pos(world.lead_student)[0] < 8.5 * TILE_PX:
            return t
    return None


IN_A_LINE = (("on-jo", (21.5, 4.5)), ("su-hyeok", (19.5, 4.5)), ("nam-ra", (17.5, 4.5)), ("ha-ri", (15.5, 4.5)))


def test_a_lead_walks_back_down_a_one_tile_lane_through_its_followers(monkeypatch) -> None:
    """At the dead end of a one-tile lane, three followers between the lead and the way out:
    with nowhere to step aside they walk on out of the lane ahead of the lead (the whole
    column, not just the nearest), and the lead is out in the room about as soon as in an empty
    lane (13 tiles at 95 px/s: 2.2 s). Nobody making way, it never got out at all."""
    from hyosan.sim import squad

    took = _walk_out_west(_lane(1, IN_A_LINE), hold=False)
    assert took is not None and took <= 3 * TICK_HZ, took
    monkeypatch.setattr(squad, "YIELD_AHEAD_PX", 0.0)  # the old squad: nobody makes way
    assert _walk_out_west(_lane(1, IN_A_LINE), hold=False) is None


def test_holders_in_a_lane_let_the_lead_out_and_go_back_to_their_spots(monkeypatch) -> None:
    """F at the dead end of a one-tile lane, three holders between the lead and the way out: the
    one the lead walks into walks on out of the lane, the column ahead of it with it, and the
    lead is out within 3 s (2.2 s in an empty lane); then every holder heads back into the lane
    (they cannot pass each other in it, so not each to its own spot). As walls (the old
    holders) they kept the lead in the lane."""
    from hyosan.sim import squad

    world = _lane(1, IN_A_LINE)
    took = _walk_out_west(world, hold=True)
    assert took is not None and took <= 3 * TICK_HZ, took
    for _ in range(5 * TICK_HZ):
        world.step(cmd.EMPTY_INPUT)
    for s in world.students[1:]:
        assert world.student_pos(s)[0] > 9.5 * TILE_PX, s.id  # in the lane again (x 9-22)
    monkeypatch.setattr(squad, "HELD_YIELD_PX", 0.0)
    assert _walk_out_west(_lane(1, IN_A_LINE), hold=True, seconds=3.0) is None


def test_a_lead_boxed_into_the_corner_of_a_dead_end_by_its_squad_walks_out(monkeypatch) -> None:
    """Storm Crossing's field gate (issue #5): the lead in the corner of a dead-end lane three
    tiles wide with four followers packed round it. Pressed against them it stands still, so
    while the rule read the lead's body speed nobody made way and the lead stood there until the
    time ran out; it reads where the lead is trying to walk, and the lead is out within 2.5 s."""
    from hyosan.sim import squad

    packed = (("on-jo", (22.6, 5.6)), ("su-hyeok", (22.6, 4.9)), ("nam-ra", (21.9, 5.6)),
              ("ha-ri", (21.9, 4.9)), ("cheong-san", (21.2, 5.3)))

    def out_of_the_corner(world: World) -> int | None:
        for t in range(4 * TICK_HZ):
            p = world.student_pos(world.lead_student)
            if p[0] < 19.0 * TILE_PX:
                return t
            world.step(cmd.TickInput((cmd.Move(-0.7, -0.7, "walk"),)))
        return None

    took = out_of_the_corner(_lane(3, packed))
    assert took is not None and took <= 2.5 * TICK_HZ, took
    monkeypatch.setattr(squad, "make_way", lambda pos, *a: [None] * len(pos))  # nobody makes way
    monkeypatch.setattr("hyosan.sim.world.make_way", lambda pos, *a: [None] * len(pos))
    assert out_of_the_corner(_lane(3, packed)) is None


def test_a_follower_ahead_of_a_lead_that_stops_does_not_shove_it(monkeypatch) -> None:
    """A follower that walked on ahead of the lead down a one-tile lane turns back for its slot
    behind the lead when the lead stops: against the standing lead it waits instead of shoving
    past (at Storm's padlock a follower pushed the lead a tile off the station it was about to
    work). The lead stays within its own coasting (< 6 px) of where it stopped; shoving, 11 px."""
    def shove() -> float:
        world = _lane(1, (("on-jo", (12.5, 4.5)), ("su-hyeok", (14.0, 4.5)), ("ha-ri", (10.5, 4.5))))
        while world.student_pos(world.lead_student)[0] < 21.0 * TILE_PX and world.tick < 10 * TICK_HZ:
            world.step(cmd.TickInput((cmd.Move(1.0, 0.0, "sneak"),)))
        stop = world.student_pos(world.lead_student).copy()
        for _ in range(3 * TICK_HZ):
            world.step(cmd.EMPTY_INPUT)
        return math.dist(world.student_pos(world.lead_student), stop)

    assert shove() < 6.0
    monkeypatch.setattr("hyosan.sim.world.shoves_lead", lambda *a: False)
    assert shove() > 8.0


def test_followers_tiptoe_through_puddles_behind_a_sneaking_lead() -> None:
    """A lead sneaks east down a flooded lane; three followers start ten tiles behind and walk to
    catch up. Their steps in the water are sneaked splashes (40 px), never the walked splash
    (200 px) that woke the yard for a player who had kept the lead quiet and could do nothing
    about it. Slower in the water, they catch up once the lead waits."""
    from pathlib import Path

    from hyosan.content.loader import load_level
    from hyosan.sim import events as ev

    lane = "#" + "~" * 30 + "." * 28 + "#"
    rows = ["#" * 60, lane, "#S" + lane[2:-1] + "E", lane, "#" * 60]
    at = [(14.5, 2.5), (3.5, 1.5), (3.5, 2.5), (3.5, 3.5)]
    squad = "".join(f'[[squad]]\nid = "s{k}"\nat = [{x}, {y}]\n' for k, (x, y) in enumerate(at))
    text = 'id = "p"\ntitle = "P"\n[map]\nrows = """\n' + "\n".join(rows) + f'\n"""\n{squad}'
    world = World.from_spec(load_level(Path("p.toml"), text.encode()), 0)
    lead_id = world.lead_student.id
    splashes: list[ev.Sound] = []
    for t in range(14 * TICK_HZ):  # 8 s sneaking east, then the lead waits on dry floor
        events = world.step(cmd.TickInput((cmd.Move(1.0, 0.0, "sneak"),)) if t < 8 * TICK_HZ else cmd.EMPTY_INPUT)
        splashes += [e for e in events if isinstance(e, ev.Sound) and e.kind == "splash"]
    followers = [e for e in splashes if e.source != lead_id]
    assert len(followers) >= 10  # they did go through the water
    assert max(e.loudness for e in followers) <= 40.0
    lead = world.student_pos(world.lead_student)
    assert all(math.dist(world.student_pos(s), lead) < 6 * TILE_PX for s in world.students)  # caught up


@pytest.mark.parametrize("exit_by", ["zone", "tiles"])
def test_followers_walk_all_the_way_into_the_exit_the_lead_stands_in(exit_by: str) -> None:
    """The lead steps just inside the exit zone and stops; the others, who kept formation two
    steps behind it (outside the zone), walk in and the level is won. Before, they stood in
    formation outside and the level waited: Construction-Site Stand's solver stood 4 minutes on
    the bridge until the horde came for the two friends who had stopped short of the forest."""
    from pathlib import Path

    from hyosan.content.loader import load_level

    floor = "." * 29 + ("." * 9 if exit_by == "zone" else "E" * 9)  # columns 30-38: the exit
    rows = ["#" * 40] + ["#" + floor + "#"] * 2 + ["#S" + floor[1:] + "#"] + ["#" + floor + "#"] * 2 + ["#" * 40]
    at = [(20.5, 3.5), (18.0, 2.5), (18.0, 3.5), (18.0, 4.5)]
    squad = "".join(f'[[squad]]\nid = "s{k}"\nat = [{x}, {y}]\n' for k, (x, y) in enumerate(at))
    text = 'id = "x"\ntitle = "X"\n[map]\nrows = """\n' + "\n".join(rows) + f'\n"""\n{squad}'
    if exit_by == "zone":
        text += '[[zones]]\nid = "out"\nrect = [30, 1, 39, 6]\nrole = "exit"\n'
    world = World.from_spec(load_level(Path("x.toml"), text.encode()), 0)
    for _ in range(4 * TICK_HZ):  # walk east until the lead is a quarter tile inside the zone
        if world.student_pos(world.lead_student)[0] >= 30.25 * TILE_PX:
            break
        world.step(cmd.TickInput((cmd.Move(1.0, 0.0, "walk"),)))
    assert world.outcome is None
    assert any(world.student_pos(s)[0] < 30 * TILE_PX for s in world.students)  # someone is still outside
    for _ in range(6 * TICK_HZ):
        world.step(cmd.EMPTY_INPUT)
        if world.outcome is not None:
            break
    assert world.outcome == "win" and world.sim_seconds < 8.0


def test_nearest_zombies_is_the_whole_horde_argmin_when_it_matters() -> None:
    """``actions.nearest_zombies`` skips the zombies farther than ``PANIC_ZOMBIE_PX``: for every
    follower it gives the row and distance the whole-horde ``hypot``/``argmin`` gives, or
    leaves it out when that nearest one is too far to panic about."""
    from types import SimpleNamespace

    from hyosan.sim import actions

    rng = np.random.default_rng(11)
    for trial in range(200):
        n, m = int(rng.integers(1, 60)), int(rng.integers(1, 5))
        zpos = rng.uniform(0.0, 400.0, (n, 2))
        if trial % 3 == 0:
            zpos[1 % n] = zpos[0]  # a tie: the first row wins
        spos = np.concatenate([rng.uniform(0.0, 400.0, (m, 2)), [[200.0, 200.0]]])
        students = [SimpleNamespace(id=f"s{i}", index=i) for i in range(m)]
        world = SimpleNamespace(horde=SimpleNamespace(n=n, pos=zpos), bodies=SimpleNamespace(pos=spos),
                                student_pos=lambda s, spos=spos: spos[s.index],
                                barriers=lambda: np.zeros((25, 25), dtype=bool),  # no walls: every zombie counts
                                lead_student=SimpleNamespace(id="lead"))  # nobody who steadies the others
        got = actions.nearest_zombies(world, students, spos[m])
        for s in students:
            if math.hypot(*(spos[s.index] - spos[m])) <= actions.PANIC_LEAD_PX:
                assert s.id not in got
                continue
            dist = np.hypot(zpos[:, 0] - spos[s.index, 0], zpos[:, 1] - spos[s.index, 1])
            k = int(np.argmin(dist))
            if dist[k] > actions.PANIC_ZOMBIE_PX:
                assert s.id not in got or got[s.id][1] > actions.PANIC_ZOMBIE_PX  # (a hair over: kept)
            else:
                assert got[s.id] == (k, float(dist[k]))


def _hall_with_a_chaser(follower: str = "woo-jin", follower_x: float = 5.9, weapon: str = "none",
                        lead: str = "on-jo", zombie_x: float = 7.05, door_between: bool = False) -> World:
    """A hall 24 tiles long: ``lead`` standing at x 3.5 tiles, ``follower`` (with ``weapon``) at
    ``follower_x`` on the same row, a chasing zombie at ``zombie_x``; a wall with a locked door
    at x 6 between them if asked."""
    from tests.helpers import world_of_toml

    def row(open_col: str) -> str:
        return "#" + "." * 5 + (open_col if door_between else ".") + "." * 18 + "#"

    rows = ["#" * 26, row("#"), row("#"), row("D"), row("#"), row("#")[:-1] + "E", "#" * 26]
    rows[1] = "#S" + rows[1][2:]
    door = '\n[[doors]]\nid = "d"\ntile = [6, 3]\nhinge = "north"\nlocked = true\n' if door_between else ""
    text = "\n".join(rows)
    return world_of_toml(f"""
id = "hall"
title = "Hall"
[map]
rows = \"\"\"
{text}
\"\"\"
[[squad]]
id = "{lead}"
at = [3.5, 3.5]
lead = true
[[squad]]
id = "{follower}"
at = [{follower_x}, 3.5]
weapon = "{weapon}"
[[zombies]]
count = 1
zone = [{zombie_x}, 3.45, {zombie_x + 0.05}, 3.55]
state = "chase"
{door}""")


def _alone_with_a_chaser(lead: str, follower_x: float) -> list:
    """Woo-jin at ``follower_x`` tiles with ``lead`` at 3.5 and a chaser 2.5 tiles (40 px) beyond
    her: her screams in half a second of nothing."""
    world = _hall_with_a_chaser("woo-jin", follower_x, lead=lead, zombie_x=follower_x + 2.45)
    events = []
    for _ in range(TICK_HZ // 2):
        events += world.step(cmd.EMPTY_INPUT)
    return [e for e in events if getattr(e, "kind", None) == "scream" and e.source == "woo-jin"]


def test_a_follower_does_not_panic_at_a_chaser_beyond_a_locked_door() -> None:
    """A playtester's held squad stood by the Classroom's barricaded back door: the radio's crowd
    pressed on it from outside, Nam-ra panicked and ran straight through the desk bracing it.
    Woo-jin 5 tiles from the lead, a chaser 53 px from her: in the open hall she screams; with
    the wall and its locked door between them she keeps her nerve."""

    def screams(door_between: bool) -> list:
        world = _hall_with_a_chaser("woo-jin", follower_x=8.5, zombie_x=5.2, door_between=door_between)
        events = []
        for _ in range(TICK_HZ // 2):
            events += world.step(cmd.EMPTY_INPUT)
        return [e for e in events if getattr(e, "kind", None) == "scream" and e.source == "woo-jin"]

    assert screams(door_between=False)
    assert not screams(door_between=True)


def test_led_by_nam_ra_the_others_keep_their_nerve_twice_as_far_from_her() -> None:
    """GAME.md: Nam-ra, the class president, is obeyed faster. A follower 7 tiles (112 px) from
    the lead with a chaser 40 px off screams and runs when On-jo leads (nerve holds to 64 px),
    not when Nam-ra does (128 px); 9 tiles (144 px) from Nam-ra she breaks too."""
    from hyosan.sim import actions

    assert actions.PANIC_LEAD_PX < 7 * TILE_PX < actions.PANIC_LEAD_PX * actions.STEADYING["nam-ra"] < 9 * TILE_PX
    assert _alone_with_a_chaser("on-jo", 10.5)
    assert not _alone_with_a_chaser("nam-ra", 10.5)
    assert _alone_with_a_chaser("nam-ra", 12.5)


def _swings(world: World, who: str, ticks: int = 20) -> int:
    from hyosan.sim import events as ev

    return sum(1 for _ in range(ticks) for e in world.step(cmd.EMPTY_INPUT)
               if isinstance(e, ev.Hit) and e.student == who and e.kind == "melee")


def test_an_armed_follower_swings_at_a_chaser_in_reach_and_keeps_following() -> None:
    """Su-hyeok, bat in hand, used to stand by while a zombie bit the student beside him: a
    follower with a melee weapon now swings at a chasing or biting zombie within reach (one hit
    fells a walker, as the lead's does), and he is still following the lead afterwards. An
    unarmed follower does not swing; nor does an armed one with a shut door between him and it
    (its leaf is thinner than his reach)."""
    world = _hall_with_a_chaser("su-hyeok", weapon="bat")
    assert world.horde.n == 1
    assert _swings(world, "su-hyeok") == 1
    assert world.horde.n == 0
    su = world.students[1]
    assert not su.hold and math.dist(world.student_pos(su), world.student_pos(world.lead_student)) < 3 * TILE_PX
    assert _swings(_hall_with_a_chaser("woo-jin"), "woo-jin") == 0
    assert _swings(_hall_with_a_chaser("su-hyeok", weapon="bat", door_between=True), "su-hyeok") == 0


def test_the_lead_s_own_swing_does_not_land_through_a_shut_door() -> None:
    """A door leaf is thinner than a swing's reach (22 px): a lead at a barricaded door felled
    the crowd pressing on it from the safe side, one swing at a time. The same swing with the
    wall and door gone fells the zombie."""
    from hyosan.sim import events as ev

    def swing(door_between: bool) -> list:
        world = _hall_with_a_chaser("su-hyeok", door_between=door_between)
        world.step(cmd.TickInput((cmd.SwitchLead(),)))  # Su-hyeok leads, facing east at the door
        world.step(cmd.TickInput((cmd.Move(1.0, 0.0, "sneak"),)))
        return [e for e in world.step(cmd.TickInput((cmd.Melee(),))) if isinstance(e, ev.Hit)]

    assert [(h.zombies, h.killed) for h in swing(False)] == [(1, 1)]
    assert [(h.zombies, h.killed) for h in swing(True)] == [(0, 0)]  # swung (and heard), hit nothing


def _squad_to_reach_a_zone(rows: list[str], at: list[tuple[float, float]], rect: tuple[int, int, int, int],
                           role: str = "area"):
    """A level of ``rows``, a squad standing at ``at`` (tiles, the first leads) and one objective:
    the whole squad into the zone ``rect`` (tiles), of ``role``."""
    from pathlib import Path

    from hyosan.content.loader import load_level

    squad = "".join(f'[[squad]]\nid = "s{k}"\nat = [{x}, {y}]\n' for k, (x, y) in enumerate(at))
    text = ('id = "z"\ntitle = "Z"\n[map]\nrows = """\n' + "\n".join(rows) + f'\n"""\n{squad}'
            f'[[zones]]\nid = "spot"\nrect = {list(rect)}\nrole = "{role}"\n'
            '[[objectives]]\nid = "in"\nkind = "reach-zone"\nzone = "spot"\n')
    return load_level(Path("z.toml"), text.encode())


def test_a_follower_just_inside_a_small_zone_makes_room_for_the_one_behind_it(monkeypatch) -> None:
    """The lead walks up a one-tile lane into a small room the whole squad must reach and
    stops just inside; the first follower stops just inside the doorway, near the lead, and the
    next stands pressed against it in the lane. It walks on to the lead and the level is won;
    before, it stood (inside and near the lead) and the objective waited for ever (a trail
    marker of Yellow Markers, 40 s and then for good)."""

    from hyosan.sim import world as world_module

    rows = ["#########", "#.......#", "#.......#", "#.......#"] + ["###.#####"] * 5 + ["###S#####", "#########"]
    spec = _squad_to_reach_a_zone(rows, [(3.5, 4.5), (3.5, 6.0), (3.5, 7.2), (3.5, 8.4)], (1, 1, 8, 4))

    room_px = world_module.GATHER_MAKE_ROOM_PX

    def play(make_room: bool) -> str | None:
        monkeypatch.setattr(world_module, "GATHER_MAKE_ROOM_PX", room_px if make_room else -1.0)
        world = World.from_spec(spec, 0)
        for _ in range(2 * TICK_HZ):  # up the lane until the lead is just inside the room
            if world.student_pos(world.lead_student)[1] <= 3.6 * TILE_PX:
                break
            world.step(cmd.TickInput((cmd.Move(0.0, -1.0, "walk"),)))
        for _ in range(8 * TICK_HZ):
            world.step(cmd.EMPTY_INPUT)
            if world.outcome is not None:
                break
        return world.outcome

    assert play(make_room=False) is None  # the jam this fixes: still waiting after 8 s
    assert play(make_room=True) == "win"


def _shots(world: World, who: str, ticks: int = 20) -> list:
    from hyosan.sim import events as ev

    return [e for _ in range(ticks) for e in world.step(cmd.EMPTY_INPUT) if isinstance(e, ev.Shot) and e.student == who]


def test_a_following_archer_shoots_a_chaser_coming_for_the_squad_but_not_a_wanderer() -> None:
    """Only a lead shot: in the Storm solver's losses Ha-ri, following, stood by while a straggler
    ran in on the squad at the padlock. A following archer shoots a zombie
    chasing or biting within COVER_PX with a clear line (one arrow fells a walker), and keeps
    following; not one merely wandering by, not one beyond COVER_PX, not through a shut door."""
    from hyosan.sim import actions

    world = _hall_with_a_chaser("ha-ri", follower_x=5.0, weapon="bow", zombie_x=11.0)  # 96 px off her
    assert world.horde.n == 1 and 6 * TILE_PX < actions.COVER_PX
    shots = _shots(world, "ha-ri")
    assert len(shots) == 1 and shots[0].hit and world.horde.n == 0
    hari = world.students[1]
    assert hari.arrows == actions.ARROWS_PER_LEVEL - 1 and not hari.hold
    far = _hall_with_a_chaser("ha-ri", follower_x=5.0, weapon="bow", zombie_x=20.0)  # 240 px: not yet
    assert _shots(far, "ha-ri", ticks=2) == []
    wanderer = _hall_with_a_chaser("ha-ri", follower_x=5.0, weapon="bow", zombie_x=11.0)
    from hyosan.sim.horde.horde import WANDER

    wanderer.horde.state[:] = WANDER
    # (looking away east: facing the squad, it may see them at its next decision within the
    # two ticks, as it did on 0.35.0's stream, and come on: then it is a chaser, and shot)
    wanderer.horde.facing_all[: wanderer.horde.n] = (1.0, 0.0)
    assert _shots(wanderer, "ha-ri", ticks=2) == []
    walled = _hall_with_a_chaser("ha-ri", follower_x=5.0, weapon="bow", zombie_x=9.0, door_between=True)
    assert _shots(walled, "ha-ri", ticks=2) == []


def test_a_marker_counts_from_the_side_of_its_ribbon_outside_the_zone(monkeypatch) -> None:
    """A trail marker's ribbon is tied to the tree nearest the zone's centre, which can stand on
    the zone's edge: the squad walks up to the ribbon from outside the zone and stops against
    the tree. That counts (the lead is at the ribbon), and the followers gather round it, not
    into the tree; before, the level waited with the squad at the ribbon (Yellow Markers'
    first ribbon, reached from the south)."""

    from hyosan.sim import objectives

    rows = ["#########", "#.......#", "#.......#", "#.......#", "#...#...#",
            "#.......#", "#.......#", "#...S...#", "#########"]
    spec = _squad_to_reach_a_zone(rows, [(4.5, 7.5), (3.5, 7.5), (5.5, 7.5), (4.5, 7.9)], (1, 1, 8, 5), "marker")
    reach = objectives.RIBBON_REACH_TILES

    def play(reach_tiles: float) -> tuple[str | None, float]:
        monkeypatch.setattr(objectives, "RIBBON_REACH_TILES", reach_tiles)
        world = World.from_spec(spec, 0)
        assert world.objectives.ribbons(world) == {"spot": (4.5, 4.5)}  # tied to the tree on the edge
        for _ in range(3 * TICK_HZ):  # north until the lead stands against the tree, south of it
            world.step(cmd.TickInput((cmd.Move(0.0, -1.0, "walk"),)))
        lead_y = float(world.student_pos(world.lead_student)[1]) / TILE_PX
        for _ in range(8 * TICK_HZ):
            world.step(cmd.EMPTY_INPUT)
            if world.outcome is not None:
                break
        return world.outcome, lead_y

    outcome, lead_y = play(reach_tiles=0.0)
    assert 5.0 < lead_y < 5.8  # outside the zone (it ends at y = 5), against the tree
    assert outcome is None  # at the ribbon and not counted: what this fixes
    outcome, lead_y = play(reach_tiles=reach)
    assert outcome == "win" and 5.0 < lead_y < 5.8


def test_a_follower_walks_round_a_prop_bracing_a_door_not_into_it() -> None:
    # Played by hand on the Site and the Roof, the following squad shoved the player's braced
    # frames, planks and desks off the doors as it gathered round the lead.
    from tests.helpers import world_of_toml
    from tests.playtest.test_bots import BRACED_LAB

    world = world_of_toml(BRACED_LAB.replace('[[squad]]\nid = "on-jo"\n', '[[squad]]\nid = "on-jo"\n[[squad]]\nid = "su-hyeok"\n'))
    door = world.doors[0]
    lockers = {p.spec.id: p for p in world.props}
    spared = [world.props.index(p) for p in world.bracing_props(door)]
    assert sorted(world.props[k].spec.id for k in spared) == ["locker-1", "locker-2"]
    x, y = (float(v) for v in world.bodies.pos[lockers["locker-1"].index])
    # a follower just west of the locker (its long side), walking east into it and a little north
    px = x - 7.0 - 5.0 - 1.0  # the locker's half depth, a student's radius, a px
    vx, vy = world._spare_braces(px, y, 60.0, -20.0, spared)
    assert abs(vx) < 1e-6 and vy == -20.0  # the step into it is gone, the slide along it kept
    assert world._spare_braces(px, y, -60.0, 10.0, spared) == (-60.0, 10.0)  # walking away: as it was
    assert world._spare_braces(px, y, 60.0, -20.0, []) == (60.0, -20.0)  # a prop that braces nothing: pushed


def test_g_parts_one_friend_from_the_squad_and_f_then_orders_everyone() -> None:
    """G (``ToggleFriend``) at a follower: that one holds where it stands while the others
    follow the lead away; G again calls it back. F then tells everyone the opposite of what
    anyone is doing. (Parting Nam-ra from the others took F, Tab, a walk, Tab back and F.)"""
    world = World.from_spec(_quiet_classroom((40.5, 5.5)), seed=0)
    for _ in range(TICK_HZ):
        world.step(cmd.EMPTY_INPUT)
    followers = [s for s in world.students if s is not world.lead_student]
    friend = followers[1]
    x, y = (float(v) for v in world.student_pos(friend))
    events = world.step(cmd.TickInput((cmd.ToggleFriend(x + 3.0, y - 2.0),)))  # a click beside her
    assert ev.FriendOrder(friend.id, True) in events
    assert friend.hold and not any(s.hold for s in followers if s is not friend) and world.follow
    left_at = world.student_pos(friend).copy()
    others_at = {s.id: world.student_pos(s).copy() for s in followers if s is not friend}
    for _ in range(3 * TICK_HZ):
        world.step(cmd.TickInput((cmd.Move(-1.0, 0.0, "walk"),)))
    assert math.dist(world.student_pos(friend), left_at) < 8.0
    lead = world.student_pos(world.lead_student)
    assert math.dist(lead, left_at) > 5 * TILE_PX
    for s in followers:
        if s is not friend:  # the rest came along
            assert math.dist(world.student_pos(s), others_at[s.id]) > 3 * TILE_PX
            assert math.dist(world.student_pos(s), lead) < 4 * TILE_PX
    # Someone still follows, so F has them all hold; with nobody following, F has all follow.
    assert ev.SquadOrder(False) in world.step(cmd.TickInput((cmd.ToggleFollow(),)))
    assert all(s.hold for s in followers)
    x, y = (float(v) for v in world.student_pos(friend))
    assert ev.FriendOrder(friend.id, False) in world.step(cmd.TickInput((cmd.ToggleFriend(x, y),)))
    assert not friend.hold and world.follow
    assert ev.SquadOrder(False) in world.step(cmd.TickInput((cmd.ToggleFollow(),)))
    assert ev.SquadOrder(True) in world.step(cmd.TickInput((cmd.ToggleFollow(),)))
    assert not any(s.hold for s in followers)


def test_g_with_no_one_following_orders_no_one() -> None:
    world = World.from_spec(_quiet_classroom((40.5, 5.5)), seed=0)
    for s in world.students:
        if s is not world.lead_student:
            s.alive = False
    events = world.step(cmd.TickInput((cmd.ToggleFriend(0.0, 0.0),)))
    assert not [e for e in events if isinstance(e, ev.FriendOrder)] and not world.lead_student.hold


def test_a_friend_order_round_trips_and_a_bad_point_is_refused() -> None:
    order = cmd.ToggleFriend(120.5, 64.0)
    assert cmd.decode(cmd.encode(order)) == order and cmd.encode(order) == ["friend", 120.5, 64.0]
    with pytest.raises(ValueError, match="friend"):
        cmd.decode(["friend", float("nan"), 1.0])
    with pytest.raises(ValueError, match="takes 2 values"):
        cmd.decode(["friend"])


def test_a_follower_walks_round_the_frames_bracing_a_door_not_into_them() -> None:
    """A playtester's Site (session 31): after F, Cheong-san stood 39 s in the pocket under the
    braced north door. His path ran through the frames (a tile under a prop only costs a
    little), and a follower never walks into a brace, so every step came to a dead stop. Tiles
    under a door's braces now cost as much as a long way round. The poses are that replay's."""
    _, spec = resolve_level("hyosan/construction-site-stand", None)
    spec = dataclasses.replace(spec, zombies=(), waves=(), sounds=())
    poses = {"frame-east-1": (42.049, 8.17, 96.6), "frame-north-1": (39.895, 9.484, 12.6),
             "frame-north-2": (40.912, 8.101, 101.3)}
    props = tuple(dataclasses.replace(p, at=poses[p.id][:2], angle_deg=poses[p.id][2]) if p.id in poses else p
                  for p in spec.props)
    at = {"on-jo": (43.426, 7.68), "su-hyeok": (49.508, 9.467), "nam-ra": (51.86, 16.038), "cheong-san": (40.199, 7.399)}
    squad = tuple(dataclasses.replace(s, at=at[s.id]) for s in spec.squad)
    world = World.from_spec(dataclasses.replace(spec, props=props, squad=squad), seed=0)
    north = next(d for d in world.doors if d.spec.id == "north-door")
    braced = world.brace(north)
    assert braced > 0.0 and {p.spec.id for p in world.bracing_props(north)} & set(poses)
    cheong = next(s for s in world.students if s.id == "cheong-san")
    for _ in range(6 * TICK_HZ):
        world.step(cmd.EMPTY_INPUT)
    assert math.dist(world.student_pos(cheong), world.student_pos(world.lead_student)) < 2 * TILE_PX  # (stuck: 52 px)
    assert world.brace(north) >= braced  # round them, not through them


def test_e_at_a_station_before_its_turn_is_said_and_counted() -> None:
    """A designer's route bot pressed E at the key box before its objective's turn: the station
    did nothing, and nothing said so; the run just stalled. The world says it
    (``StationNotYet``) and a playtest run counts it, changing nothing else."""
    from hyosan.playtest.stats import RunStats

    _, spec = resolve_level("hyosan/classroom-barricade", None)
    intercom = next(st for st in spec.stations if st.id == "intercom")
    world = World.from_spec(_quiet_classroom((intercom.at[0], intercom.at[1] + 1.0)), seed=0)
    stats = RunStats(world)
    for _ in range(2):
        events = world.step(cmd.TickInput((cmd.Use(),)))
        stats.observe(world, events)
    assert [e for e in events if isinstance(e, ev.StationNotYet)] == [ev.StationNotYet("intercom", world.objectives.current.id)]
    assert "intercom" not in world.director.station_done
    assert stats.summary(world)["stations_not_yet"] == {"intercom": [2, 0.02]}


def test_a_follower_behind_a_lead_in_a_one_tile_deep_exit_steps_in_beside_it() -> None:
    """The lead sneaks onto a stairwell one tile deep and stops on it; the follower sneaking
    behind it stood against the lead's back, its nearest point of the exit being under the lead,
    and the level waited for ever (The Quiet Corridor: 12 of 20 sneaked runs). A walking lead
    overshoots a little and left room. The follower now steps in at the nearest exit tile clear
    of the lead."""
    from pathlib import Path

    from hyosan.content.loader import load_level

    rows = ["#" * 16] + ["#" + "." * 13 + "E#"] * 5 + ["#" * 16]
    rows[3] = "#S" + rows[3][2:]
    squad = '[[squad]]\nid = "su-hyeok"\nat = [4.5, 2.5]\n[[squad]]\nid = "on-jo"\nat = [2.5, 2.5]\n'
    text = 'id = "x"\ntitle = "X"\n[map]\nrows = """\n' + "\n".join(rows) + f'\n"""\n{squad}'
    world = World.from_spec(load_level(Path("x.toml"), text.encode()), 0)
    for _ in range(8 * TICK_HZ):  # sneak east to the middle of the exit column and stop
        lead = world.student_pos(world.lead_student)
        if 14.5 * TILE_PX - lead[0] < 4.0:
            break
        world.step(cmd.TickInput((cmd.Move(1.0, 0.0, "sneak"),)))
    assert world.outcome is None and world.student_pos(world.lead_student)[0] > 14 * TILE_PX
    for _ in range(5 * TICK_HZ):
        world.step(cmd.EMPTY_INPUT)
        if world.outcome is not None:
            break
    assert world.outcome == "win", [world.student_pos(s) / TILE_PX for s in world.students]


def test_switching_to_the_friend_outside_the_exit_leaves_the_rest_waiting_in_it() -> None:
    """Two stand in the exit; the player switches (Tab) to the third, still outside. The two
    used to walk back out to follow the new lead and the level waited on them; they wait in
    the exit, and the level is won as the last one walks in."""
    from pathlib import Path

    from hyosan.content.loader import load_level

    floor = "." * 29 + "E" * 9  # columns 30-38: the exit
    rows = ["#" * 40] + ["#" + floor + "#"] * 2 + ["#S" + floor[1:] + "#"] + ["#" + floor + "#"] * 2 + ["#" * 40]
    at = [(33.5, 3.5), (12.5, 3.5), (33.5, 4.5)]  # the lead and a friend in the exit, one far outside
    squad = "".join(f'[[squad]]\nid = "s{k}"\nat = [{x}, {y}]\n' for k, (x, y) in enumerate(at))
    text = 'id = "x"\ntitle = "X"\n[map]\nrows = """\n' + "\n".join(rows) + f'\n"""\n{squad}'
    world = World.from_spec(load_level(Path("x.toml"), text.encode()), 0)
    world.step(cmd.TickInput((cmd.SwitchLead(),)))
    assert world.lead_student.id == "s1"
    for _ in range(3 * TICK_HZ):  # the new lead stands outside
        world.step(cmd.EMPTY_INPUT)
    waiting = [s for s in world.students if s.id != "s1"]
    assert all(world.student_pos(s)[0] > 30 * TILE_PX for s in waiting), [world.student_pos(s) / TILE_PX for s in waiting]
    for _ in range(6 * TICK_HZ):  # and walks in
        world.step(cmd.TickInput((cmd.Move(1.0, 0.0, "walk"),)))
        if world.outcome is not None:
            break
    assert world.outcome == "win"


def test_a_swing_with_nothing_in_front_turns_to_the_zombie_in_reach_behind() -> None:
    """Su-hyeok faces east, having walked east; a chaser stands 14 px behind him (west). Space
    used to swing at the air in front; it turns to the one in reach and fells it. With nothing
    in reach on any side it still swings the way he faces."""
    from hyosan.sim import events as ev

    def swing(zombie_x: float) -> tuple[list, tuple[float, float]]:
        world = _hall_with_a_chaser("woo-jin", follower_x=12.0, lead="su-hyeok", zombie_x=zombie_x)
        lead = world.lead_student
        lead.facing = (1.0, 0.0)
        hits = [e for e in world.step(cmd.TickInput((cmd.Melee(),))) if isinstance(e, ev.Hit)]
        return [(h.zombies, h.killed) for h in hits], lead.facing

    hits, facing = swing(3.5 - 14 / 16 - 0.025)  # just west of him, within the 22 px reach
    assert hits == [(1, 1)] and facing[0] < -0.9
    hits, facing = swing(1.3)  # 35 px away: out of reach, so no turn
    assert hits == [(0, 0)] and facing == (1.0, 0.0)


def test_a_follower_in_another_piece_of_the_exit_stays_in_it() -> None:
    """The Trolley's exit is the corridor's end and, through a doorway, the storeroom So-ju
    breaks in by. With the lead at the corridor's end and a friend still walking up, So-ju
    left the storeroom to walk to the lead, stood in its doorway behind the box, and the level
    waited on her for ever. A follower in another piece of the exit than the lead's stands."""
    from pathlib import Path

    from hyosan.content.loader import load_level

    rows = ["#" * 40] + ["#S" + "." * 37 + "#"] + ["#" + "." * 38 + "#"] * 3 + ["#" * 33 + "." + "#" * 6] + \
        ["#" * 28 + "." * 11 + "#"] * 4 + ["#" * 40]
    at = [(20.5, 2.5), (17.5, 2.5), (35.5, 8.5)]  # the lead, a friend behind it, one in the south room
    squad = "".join(f'[[squad]]\nid = "s{k}"\nat = [{x}, {y}]\n' for k, (x, y) in enumerate(at))
    text = ('id = "x"\ntitle = "X"\n[map]\nrows = """\n' + "\n".join(rows) + f'\n"""\n{squad}'
            '[[zones]]\nid = "corridor-end"\nrect = [30, 1, 39, 5]\nrole = "exit"\n'
            '[[zones]]\nid = "room"\nrect = [28, 6, 39, 10]\nrole = "exit"\n')
    world = World.from_spec(load_level(Path("x.toml"), text.encode()), 0)
    gather = world.objectives.gather_area()
    room = next(s for s in world.students if s.id == "s2")
    assert world.objectives.part_of(world, gather, world.student_pos(room)) != \
        world.objectives.part_of(world, gather, np.array([34.5 * TILE_PX, 2.5 * TILE_PX]))  # two pieces
    lead_in = None
    for t in range(12 * TICK_HZ):  # the lead walks east into the corridor's end and on to its wall
        world.step(cmd.TickInput((cmd.Move(1.0, 0.0, "walk"),)))
        if lead_in is None and world.objectives.in_area(world, gather, world.student_pos(world.lead_student)):
            lead_in = t
        if lead_in is not None:
            p = world.student_pos(room) / TILE_PX
            assert p[1] > 6.0, (t, p)  # still in the room, not off to its doorway
        if world.outcome is not None:
            break
    assert lead_in is not None and world.outcome == "win"


def _drag_west_through_the_squad(prop_type: str, seconds: float = 6.0) -> tuple[int, float, World]:
    """A hall; On-jo takes hold of a ``prop_type`` east of him (the others told to hold a few
    tiles west, on his line), then they follow while he drags it west through where they
    stood. Returns the grip's slips, the seconds a friend spent within 8 px of the prop
    (summed over friends), and the world."""
    from pathlib import Path

    from hyosan.content.loader import load_level

    rows = ["#" * 60] + ["#" + "." * 58 + "#"] * 9 + ["#" * 60]
    rows[2], rows[5] = "#.S" + "." * 56 + "#", "#" + "." * 58 + "E"
    squad = "".join(f'[[squad]]\nid = "{sid}"\nat = [{x}, {y}]\n' for sid, x, y in
                    (("su-hyeok", 37.5, 5.0), ("dae-su", 35.5, 6.0), ("mi-jin", 33.5, 5.5)))
    text = ('id = "room"\ntitle = "Hall"\n[map]\nrows = """\n' + "\n".join(rows) + '\n"""\n'
            f'[[squad]]\nid = "on-jo"\nat = [40.5, 5.5]\nlead = true\n{squad}'
            f'[[props]]\nid = "it"\ntype = "{prop_type}"\nat = [43.0, 5.5]\n')
    world = World.from_spec(load_level(Path("room.toml"), text.encode()), seed=0)
    lead, prop = world.lead_student, world.prop_by_id("it")
    world.step(cmd.TickInput((cmd.ToggleFollow(),)))
    while lead.grab_joint is None:
        assert world.tick < TICK_HZ * 2
        world.step(cmd.TickInput((cmd.Move(1.0, 0.0, "sneak"), cmd.Grab())))
    world.step(cmd.TickInput((cmd.ToggleFollow(), cmd.Grab())))
    slips, against = 0, 0
    for _ in range(round(seconds * TICK_HZ)):
        events = world.step(cmd.TickInput((cmd.Move(-1.0, 0.0, "walk"), cmd.Grab())))
        slips += sum(1 for e in events if isinstance(e, ev.Grabbed) and e.slipped)
        for s in world.students[1:]:
            p = world.student_pos(s)
            against += min(shape.point_query((float(p[0]), float(p[1]))).distance for shape in prop.body.shapes) < 8.0
    return slips, against / TICK_HZ, world


def test_a_prop_dragged_through_the_squad_passes_them_and_they_follow_behind_it() -> None:
    """Played by hand on Yellow Markers, a crate dragged to the pen's gate snagged on the squad
    again and again: they stepped a student's width aside for the lead and the wider crate
    came through after him, and their formation slots behind the lead were where it trails.
    Now they step back from the prop as it comes at them, and end up behind it. Before
    (fedb6c9): the desk's friends were against it 6.1 s of the 6 (friend-seconds), and the
    teacher's desk snagged on them and the grip slipped."""
    slips, against, world = _drag_west_through_the_squad("desk")
    assert slips == 0 and against < 1.5, against
    prop_x = float(world.bodies.pos[world.prop_by_id("it").index][0])
    assert all(float(world.student_pos(s)[0]) > prop_x for s in world.students[1:])  # behind it, east
    slips, _, world = _drag_west_through_the_squad("teacher-desk")
    assert slips == 0 and world.lead_student.grab_joint is not None


