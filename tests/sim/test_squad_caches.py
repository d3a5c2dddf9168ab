"""The squad's per-tick caches answer as the work they stand for: ``World._prop_shapes`` is
each prop's ``body.shapes`` (a banded bundle's hull too), ``World._follower_rows`` the
followers' body rows, through a lead passed on and a friend lost, and
``FollowerPaths.waypoint``'s memo the waypoint worked out afresh, through new fields and grids."""

from __future__ import annotations

import numpy as np

from hyosan.content.discovery import resolve_level
from hyosan.sim import commands as cmd
from hyosan.sim.squad import FollowerPaths, leave_play
from hyosan.sim.world import World


def _world(level: str) -> World:
    return World.from_spec(resolve_level(level)[1], 0)


def test_the_kept_shapes_of_each_prop_are_its_bodys_shapes() -> None:
    # (the Site's pipe stack is a banded bundle: its first pipe takes two shapes more at build)
    for level in ("hyosan/construction-site-stand", "hyosan/trolley-shield-run"):
        world = _world(level)
        assert any(len(shapes) > 1 for shapes in world._prop_shapes) == (level == "hyosan/construction-site-stand")
        for _ in range(30):
            world.step(cmd.TickInput((cmd.Move(1.0, 0.3, "walk"),)))
        assert world._prop_shapes == [tuple(p.body.shapes) for p in world.props]


def test_the_followers_rows_follow_the_lead_and_the_lost() -> None:
    world = _world("hyosan/trolley-shield-run")

    def followers() -> list:
        return [s for i, s in enumerate(world.students) if i != world.lead and s.alive]

    def check() -> None:
        rows = world._follower_rows(followers())
        assert rows.tolist() == [s.index for s in followers()]
        assert world.bodies.pos.take(rows, axis=0).tolist() == [world.bodies.pos[s.index].tolist() for s in followers()]

    check()
    world.step(cmd.TickInput((cmd.SwitchLead(),)))
    check()
    leave_play(world, followers()[1], [])
    check()
    world.step(cmd.TickInput((cmd.SwitchLead(),)))
    check()
    leave_play(world, world.lead_student, [])  # (the lead passes to the friend nearest)
    check()


def test_no_halfbie_row_while_the_horde_has_no_stalkers() -> None:
    # (the Site's solver skips looking for Gwi-nam's rows while ``has_stalkers`` is False)
    from hyosan.control.bots import make_bot

    world = _world("hyosan/construction-site-stand")
    halfbie = world.breeds.index("halfbie")
    assert world.breeds.ignores_lures[halfbie]
    bot = make_bot("solver", 0)
    bot.reset(world)
    seen, gone = False, False
    while world.outcome is None and world.tick < 4000 and not (seen and gone):
        world.step(bot.act(world))
        rows = (world.horde.breed == halfbie).nonzero()[0].tolist()
        assert world.horde.has_stalkers == bool(rows)
        seen = seen or bool(rows)
        gone = seen and not rows
    assert seen and gone  # (he came, and fell)


def test_a_remembered_waypoint_is_the_one_worked_out_afresh() -> None:
    rng = np.random.default_rng(41)
    paths, fresh = FollowerPaths(), FollowerPaths()
    points: list[tuple[float, float]] = []  # asked again and again, as a still squad does
    for trial in range(300):
        if trial % 10 == 0:  # a new grid now and then (and with it a new field), or a new lead tile
            blocked = rng.random((14, 16)) < 0.25
            props = rng.random((14, 16)) < 0.1
        goal = (int(rng.integers(0, 16)), int(rng.integers(0, 14)))
        for p in (paths, fresh):
            p.update(trial * 20, goal, blocked, props, version=trial // 10)
        fresh._ways = {}  # (the reference never remembers: emptied before each ask below)
        points = points[-40:] + [tuple(rng.uniform(-8.0, 16 * 16 + 8.0, size=2).tolist()) for _ in range(5)]
        for xy in points + [(0.0, 40.0), (-0.0, 40.0)]:
            fresh._ways = {}
            assert paths.waypoint(xy) == fresh.waypoint(xy)
            assert paths.waypoint(np.array(xy)) == fresh.waypoint(xy)


def _waypoint_as_before(paths: FollowerPaths, xy: tuple[float, float]) -> tuple[float, float] | None:
    """``FollowerPaths.waypoint`` as it was: every tile of the chain after the first asked in
    turn (a sure one taken, else its line), up to the first that is not clear."""
    px, py = xy
    chain = paths._walk_chain(paths.field, int(px // 16), int(py // 16))
    if not chain:
        return None
    best = chain[0][0]
    for centre, sure in chain[1:]:
        if sure or paths._line_clear_xy(paths.blocked, px, py, centre[0], centre[1]):
            best = centre
        else:
            break
    return best


def test_a_waypoint_past_the_sure_tiles_is_the_one_asked_tile_by_tile() -> None:
    # (the chain keeps where its sure tiles end; the waypoint starts there, not at the first)
    rng = np.random.default_rng(42)
    paths = FollowerPaths()
    kinds = set()
    for trial in range(200):
        blocked = rng.random((14, 16)) < rng.uniform(0.0, 0.4)
        props = rng.random((14, 16)) < 0.1
        paths.update(trial * 20, (int(rng.integers(0, 16)), int(rng.integers(0, 14))), blocked, props, version=trial)
        for xy in [tuple(rng.uniform(-8.0, 16 * 16 + 8.0, size=2).tolist()) for _ in range(8)]:
            assert paths.waypoint(xy) == _waypoint_as_before(paths, xy)
            chain, unsure = paths._chain(paths.field, int(xy[0] // 16), int(xy[1] // 16))
            kinds.add((len(chain) > 1, unsure < len(chain)))
    assert kinds == {(False, False), (True, False), (True, True)}  # (none past the first, all sure, some not)
