"""The followers' faster helpers answer as what they replaced did: ``squad.LeadField``, the
field toward the lead worked out only as far as it is read, moves from every tile as
``nav.NavGrid.flow_field``'s whole solve does; ``make_way`` over Python floats is as it was."""

from __future__ import annotations

import math

import numpy as np

from hyosan.sim.nav import NavGrid
from hyosan.sim.squad import (
    HELD_YIELD_PX,
    YIELD_AHEAD_PX,
    YIELD_HALF_WIDTH_PX,
    YIELD_LEAD_SPEED,
    FollowerPaths,
    LeadField,
    make_way,
)


def _field_move(field, r: int, c: int) -> tuple[int, int] | None:
    """The whole field's move from (r, c) as (d_row, d_col) (the signs of its direction), as
    ``FollowerPaths._walk_chain`` stepped along it before."""
    dx, dy = field.dir[r, c].tolist()
    if dx == 0.0 and dy == 0.0:
        return None
    return (dy > 0.0) - (dy < 0.0), (dx > 0.0) - (dx < 0.0)


def test_lead_field_moves_are_the_whole_fields() -> None:
    rng = np.random.default_rng(12)
    for trial in range(300):
        h, w = (int(v) for v in rng.integers(1, 45, size=2))
        cost = np.where(rng.random((h, w)) < 0.25, np.inf,
                        rng.choice([1.0, 6.0, 60.0], size=(h, w), p=[0.8, 0.15, 0.05]))
        r, c = int(rng.integers(0, h)), int(rng.integers(0, w))
        if trial % 5:
            cost[r, c] = 1.0  # (as FollowerPaths.update sets it; else, now and then, a walled goal)
        cost = cost.astype(np.float32)  # (FollowerPaths' cost grid)
        whole = NavGrid(cost, 0).flow_field(np.array([[r, c]], dtype=np.int32))
        part = LeadField(cost, r, c)
        # asked in a random order, a few tiles then all (each answer from a part-settled solve)
        order = rng.permutation(h * w).tolist()
        for t in order[:5] + order:
            tr, tc = divmod(t, w)
            assert part.move_from(tr, tc) == _field_move(whole, tr, tc), (trial, tr, tc)


def test_lead_field_runs_of_moves_are_the_whole_fields() -> None:
    """``LeadField.moves_from``: the whole field's moves from a tile, then from each tile it
    enters, as many as asked or up to a tile with none, asked from tiles in a random order (a
    part-settled solve each time)."""
    rng = np.random.default_rng(14)
    for trial in range(200):
        h, w = (int(v) for v in rng.integers(1, 40, size=2))
        cost = np.where(rng.random((h, w)) < 0.25, np.inf,
                        rng.choice([1.0, 6.0, 60.0], size=(h, w), p=[0.8, 0.15, 0.05])).astype(np.float32)
        r, c = int(rng.integers(0, h)), int(rng.integers(0, w))
        cost[r, c] = 1.0
        whole = NavGrid(cost, 0).flow_field(np.array([[r, c]], dtype=np.int32))
        part = LeadField(cost, r, c)
        for t in rng.permutation(h * w)[:30].tolist():
            tr, tc = divmod(t, w)
            steps = int(rng.integers(1, 7))
            want = []
            while len(want) < steps and (move := _field_move(whole, tr, tc)) is not None:
                want.append(move)
                tr, tc = tr + move[0], tc + move[1]
            assert part.moves_from(*divmod(t, w), steps) == want, (trial, t)


def test_a_lead_field_off_the_grid_has_no_moves() -> None:
    part = LeadField(np.ones((4, 5), dtype=np.float32), 7, 2)
    assert all(part.move_from(r, c) is None for r in range(4) for c in range(5))


def _make_way_before(pos, hold, lead_pos, lead_vel, room):
    """``squad.make_way`` as it was (numpy positions, no early way out), for comparison."""
    out = [None] * len(pos)
    speed = float(math.hypot(lead_vel[0], lead_vel[1]))
    if speed < YIELD_LEAD_SPEED or len(pos) == 0:
        return out
    ux, uy = float(lead_vel[0]) / speed, float(lead_vel[1]) / speed
    lx, ly = float(lead_pos[0]), float(lead_pos[1])
    d = [(x - lx, y - ly) for x, y in np.asarray(pos, dtype=float).tolist()]
    ahead = [dx * ux + dy * uy for dx, dy in d]
    side = [dy * ux - dx * uy for dx, dy in d]
    front = 0.0
    for i in sorted(range(len(d)), key=ahead.__getitem__):
        if not (0.0 < ahead[i] <= front + YIELD_AHEAD_PX and abs(side[i]) < YIELD_HALF_WIDTH_PX):
            continue
        if hold[i] and front == 0.0 and ahead[i] > HELD_YIELD_PX:
            continue
        sign = 1.0 if side[i] >= 0.0 else -1.0
        aside = (-uy * sign, ux * sign)
        if room(pos[i], aside):
            out[i] = aside
        elif room(pos[i], (-aside[0], -aside[1])):
            out[i] = (-aside[0], -aside[1])
        else:
            out[i] = (ux, uy)
            front = max(front, float(ahead[i]))
    return out


def test_make_way_from_python_floats_is_as_before() -> None:
    """``make_way`` given the positions' ``tolist`` (and its early way out) answers as it did
    given the numpy rows, over random squads round a walking lead and random walls."""
    rng = np.random.default_rng(13)
    paths = FollowerPaths()
    for trial in range(400):
        paths.blocked = rng.random((12, 12)) < 0.3
        paths.props = rng.random((12, 12)) < 0.1 if trial % 2 else None
        lead = rng.uniform(48.0, 144.0, size=2)
        k = int(rng.integers(0, 6))
        pos = lead + rng.normal(0.0, 20.0, size=(k, 2))
        hold = (rng.random(k) < 0.3).tolist()
        vel = tuple(rng.normal(0.0, 60.0, size=2).tolist())
        want = _make_way_before(pos, hold, lead, vel, paths.room_to_step)
        assert make_way(pos.tolist(), hold, lead, vel, paths.room_to_step) == want
        assert make_way(pos, hold, lead, vel, paths.room_to_step) == want


def test_helpers_given_python_floats_answer_as_given_numpy_rows() -> None:
    """``shoves_lead``, ``World._walks_into_a_prop_against`` and ``World._in_puddle`` given a
    follower's position as Python floats (``at.tolist()``'s row, as ``_drive_followers`` passes
    it now) and the lead's as a tuple answer as given the numpy rows (``student_pos``), over
    random followers round the lead on the Trolley's map, among its props."""
    from hyosan.control.bots import make_bot
    from hyosan.playtest.bench_soak import _shipped_levels
    from hyosan.sim.squad import LEAD_TOUCH_PX, shoves_lead
    from hyosan.sim.world import World

    world = World.from_spec(dict(_shipped_levels())["hyosan/trolley-shield-run"], 0)
    bot = make_bot("solver", 0)
    bot.reset(world)
    for _ in range(300):  # (out to the trolley row)
        world.step(bot.act(world))
    rng = np.random.default_rng(21)
    lead = world.student_pos(world.lead_student)
    lead_xy = tuple(lead.tolist())
    answers = set()
    for trial in range(3000):
        pos = lead + rng.normal(0.0, LEAD_TOUCH_PX if trial % 2 else 40.0, size=2)
        xy = pos.tolist()
        vel = tuple(rng.normal(0.0, 60.0, size=2).tolist())
        lead_vel = tuple(rng.normal(0.0, 15.0 if trial % 3 else 60.0, size=2).tolist())
        got = (shoves_lead(xy, vel, lead_xy, lead_vel), world._walks_into_a_prop_against(xy, vel, lead_vel),
               world._in_puddle(xy))
        assert got == (shoves_lead(pos, vel, lead, np.array(lead_vel)), world._walks_into_a_prop_against(pos, vel, lead_vel),
                       world._in_puddle(pos))
        answers.add(got[:2])
    assert answers == {(False, False), (True, False), (False, True)}  # (each way out taken)


def test_follower_grids_and_costs_are_as_before() -> None:
    """``World._follower_grids``' prop grids are ``prop_tiles`` (all props, and the braces') as
    before, and ``FollowerPaths.update``'s cost grid (float64 now) has the float32 grid's
    values, on the Site's solver run (its braced doors) at every repath."""
    from hyosan.control.bots import make_bot
    from hyosan.playtest.bench_soak import _shipped_levels
    from hyosan.sim.world import World

    world = World.from_spec(dict(_shipped_levels())["hyosan/construction-site-stand"], 0)
    bot = make_bot("solver", 0)
    bot.reset(world)
    paths = world.follower_paths
    braced = asked = 0
    for _ in range(3000):
        world.step(bot.act(world))
        if world.tick % 50:
            continue
        blocked, props, braces = world._follower_grids()
        brace_props = [k for door in world.doors if door.locked and not door.broken for k in world._brace_of(door)[2]]
        assert props.dtype == world.prop_tiles().dtype and np.array_equal(props, world.prop_tiles())
        if brace_props:
            braced += 1
            assert braces.dtype == props.dtype and np.array_equal(braces, world.prop_tiles(brace_props))
        else:
            assert braces is None
        paths.computed_tick, paths.goal = -(10**9), None  # (asked afresh)
        paths.update(world.tick, (3, 4), blocked, props, world.horde.grid_version, braces)
        cost32 = np.where(blocked, np.inf, np.where(props, 6.0, 1.0)).astype(np.float32)
        if braces is not None:
            cost32[braces & ~blocked] = 60.0
        cost32[4, 3] = 1.0
        assert paths._pending[0].dtype == np.float64 and np.array_equal(paths._pending[0], cost32.astype(np.float64))
        asked += 1
    assert asked == 60 and braced


def test_panic_without_a_zombie_near_and_calm_changes_nothing() -> None:
    """``_drive_followers`` asks ``actions.panic`` only of a follower with a zombie near
    (in ``nearest``) or a panic to calm (``panic_timer``): for any other, panic answers None
    and leaves the student and the events as they were, with a horde or without, fearless or
    not."""
    import copy

    from hyosan.control.bots import make_bot
    from hyosan.playtest.bench_soak import _shipped_levels
    from hyosan.sim import actions
    from hyosan.sim.world import World

    world = World.from_spec(dict(_shipped_levels())["hyosan/trolley-shield-run"], 0)
    bot = make_bot("solver", 0)
    bot.reset(world)
    asked = 0
    for _ in range(600):
        world.step(bot.act(world))
        lead_pos = world.student_pos(world.lead_student)
        for s in world.students:
            if s.panic_timer:
                continue
            before, events = copy.copy(s), []
            assert actions.panic(world, s, lead_pos, events, {}) is None
            assert events == [] and vars(s) == vars(before)
            asked += 1
    assert asked > 1000


def test_repaths_come_when_they_did() -> None:
    """``_drive_followers`` asks for a repath (``FollowerPaths.update``) on exactly the ticks,
    and toward the tiles, the condition it had (the lead's tile worked out every tick) gives,
    over the Roof solver's first 3000 ticks."""
    from hyosan.control.bots import make_bot
    from hyosan.playtest.bench_soak import _shipped_levels
    from hyosan.sim.squad import REPATH_TICKS
    from hyosan.sim.world import World

    world = World.from_spec(dict(_shipped_levels())["nights/the-roof"], 0)
    bot = make_bot("solver", 0)
    bot.reset(world)
    paths = world.follower_paths
    asked: list[tuple[int, tuple[int, int]]] = []
    update = paths.update
    paths.update = lambda tick, lead_tile, *rest: (asked.append((tick, lead_tile)), update(tick, lead_tile, *rest))[1]
    want = []
    drive = world._drive_followers

    def drive_followers(events):  # (the old condition, as the followers' turn in the tick begins)
        followers = [s for i, s in enumerate(world.students) if i != world.lead and s.alive]
        p = world.student_pos(world.lead_student)
        lead_tile = world.tilemap.tile_of(float(p[0]), float(p[1]))
        if not all(s.hold for s in followers) and (
                not paths.has_field or paths.version != world.horde.grid_version
                or lead_tile != paths.goal and world.tick - paths.computed_tick >= REPATH_TICKS):
            want.append((world.tick, lead_tile))
        drive(events)

    world._drive_followers = drive_followers
    for _ in range(3000):
        world.step(bot.act(world))
    assert asked == want and len(want) > 50
