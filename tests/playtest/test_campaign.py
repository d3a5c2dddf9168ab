"""The campaign headless: bots play each level without error; the slow proofs (one per level)
that the solver wins it and standing still loses it."""

from __future__ import annotations

import math

import pytest

from hyosan.content.discovery import resolve_level
from hyosan.control.bots import make_bot
from hyosan.playtest.batch import run_batch
from hyosan.playtest.runner import run_level
from hyosan.sim.units import TICK_HZ
from hyosan.sim.world import BRACE_N_PER_KG

LEVEL = "hyosan/classroom-barricade"


@pytest.mark.parametrize("bot", ["random", "solver"])
def test_classroom_barricade_runs_twenty_seconds_headless(bot: str) -> None:
    ref, spec = resolve_level(LEVEL, None)
    braces: dict[str, float] = {}

    def watch(world, events) -> None:
        braces.update({door.spec.id: world.brace(door) for door in world.doors})
        braces["desk"] = world.prop_by_id("desk-front-1").body.mass * BRACE_N_PER_KG

    result = run_level(ref, spec, make_bot(bot, 0), bot, 0, max_ticks=20 * TICK_HZ, observer=watch)
    if bot == "solver":  # the barricade is up and everyone is alive; nobody wins that fast
        assert result.outcome == "timeout" and result.ticks == 20 * TICK_HZ and result.survivors == 4
        # Two desks within reach of each door (World.brace): towed, the second one used to stop
        # a tile or two short and only the first held, and the horde broke in on 12-15 of
        # seeds 0-99; shoved home, the solver wins all 100.
        assert braces["front-door"] == braces["back-door"] == 2 * braces["desk"] > 0.0
    else:  # button-mashing opens the doors to the radio's crowd: it may already be over
        assert result.outcome in ("timeout", "loss") and result.ticks <= 20 * TICK_HZ


def prove(level: str, peak: tuple[int, int] | None = None, spawned: tuple[int, int] | None = None,
          won_in: tuple[float, float] | None = None, keep: int | None = None) -> None:
    """The campaign's bar (issue #5): ``idle`` loses seeds 0-4, ``solver`` wins at least 3 of
    them within the time limit; ``peak`` bounds the most zombies alive at once in the solver's
    runs, ``spawned`` the zombies that entered over a whole run, ``won_in`` (s) every win's time
    and ``keep`` the students at least 3 of the wins bring through (the two-star bar)."""
    ref, spec = resolve_level(level, None)
    idle = run_batch(ref, spec, "idle", range(5), jobs=2, with_trace=False)
    assert [r["outcome"] for r in idle["runs"]] == ["loss"] * 5
    solver = run_batch(ref, spec, "solver", range(5), jobs=2, with_trace=False)
    wins = [r for r in solver["runs"] if r["outcome"] == "win"]
    assert len(wins) >= 3, [(r["seed"], r["outcome"], r["cause"]) for r in solver["runs"]]
    assert all(r["sim_seconds"] <= spec.time_limit_seconds for r in wins)
    if peak is not None:
        assert peak[0] <= max(r["peak_zombies"] for r in solver["runs"]) <= peak[1]
    if spawned is not None:
        assert all(spawned[0] <= r["zombies_spawned"] <= spawned[1] for r in solver["runs"])
    if won_in is not None:
        assert all(won_in[0] <= r["sim_seconds"] <= won_in[1] for r in wins), [r["sim_seconds"] for r in wins]
    if keep is not None:
        assert sum(r["survivors"] >= keep for r in wins) >= 3, [(r["seed"], r["survivors"]) for r in wins]


STORM = "hyosan/storm-crossing"
YELLOW = "hyosan/yellow-markers"


@pytest.mark.parametrize("bot", ["random", "solver"])
def test_storm_crossing_runs_twenty_seconds_headless(bot: str) -> None:
    ref, spec = resolve_level(STORM, None)
    result = run_level(ref, spec, make_bot(bot, 0), bot, 0, max_ticks=20 * TICK_HZ)
    if bot == "solver":  # out of the lobby on the first thunder, up the caretaker's fenced path, all five alive
        assert result.outcome == "timeout" and result.ticks == 20 * TICK_HZ and result.survivors == 5
    else:  # stumbling about the dark lobby with the torch flicking on and off
        assert result.outcome in ("timeout", "loss") and result.ticks <= 20 * TICK_HZ


def test_storm_crossing_gate_lane_is_out_of_the_yards_sight_in_a_flash() -> None:
    """The field gate stands back between two wing walls and the low wall in front of it has no
    gap: the squad bunched at the padlock is seen by no zombie in a flash (daylight, 320 px),
    where out on the walk by the east gap it is seen by many. The solver waits in such a spot."""
    from hyosan.control.solvers import StormDriver
    from hyosan.sim.world import World

    ref, spec = resolve_level(STORM, None)
    world = World.from_spec(spec, 0)
    drv = StormDriver(world)
    padlock = next(st for st in spec.stations if st.id == "padlock")
    at_padlock = (padlock.at[0] * 16, padlock.at[1] * 16)
    # A tile in from the padlock (the gate tile itself is seen from the field): nobody.
    spot, seen = drv.hide_spot(at_padlock)
    assert seen == 0 and math.hypot(spot[0] - at_padlock[0], spot[1] - at_padlock[1]) <= 16.0
    assert drv.exposed((44.5 * 16, 26.5 * 16)) <= 1
    assert drv.exposed((50.5 * 16, 23.5 * 16)) > 100  # out on the walk by the gap at columns 50-51
    spot, seen = drv.hide_spot((50.5 * 16, 23.5 * 16))  # and the nearest cover from there is close
    assert seen == 0 and math.hypot(spot[0] / 16 - 50.5, spot[1] / 16 - 23.5) <= 8


TROLLEY = "hyosan/trolley-shield-run"


def test_trolley_shield_run_solver_couples_the_box_and_rolls_it_east_quietly_in_twenty_seconds() -> None:
    ref, spec = resolve_level(TROLLEY, None)
    worlds = []
    rattles = []
    result = run_level(ref, spec, make_bot("solver", 0), "solver", 0, max_ticks=20 * TICK_HZ,
                       on_start=worlds.append,
                       observer=lambda w, events: rattles.extend(e for e in events if getattr(e, "kind", "") == "rattle"))
    world = worlds[0]
    assert result.outcome == "timeout" and result.survivors == 4
    assert world.joints.by_id("front-n").coupled and world.joints.by_id("front-s").coupled
    assert all(j.coupled for j in world.joints.joints)  # the whole box holds
    front = world.prop_by_id("front")
    # From x = 14.25 tiles, in shoves that keep it under the casters' rattle: 6-12 tiles rolled
    # (flat out it rolled 26+ tiles in 20 s, loud enough to break the auditorium's locks).
    assert 20.0 < world.bodies.pos[front.index][0] / 16 < 27.0
    assert rattles == []
    assert [s.id for s in world.students] == ["on-jo", "su-hyeok", "cheong-san", "nam-ra"]  # So-ju not yet


def test_trolley_shield_run_random_bot_plays_twenty_seconds_headless() -> None:
    ref, spec = resolve_level(TROLLEY, None)
    result = run_level(ref, spec, make_bot("random", 0), "random", 0, max_ticks=20 * TICK_HZ)
    assert result.outcome in ("timeout", "loss") and result.ticks <= 20 * TICK_HZ


SITE = "hyosan/construction-site-stand"


def test_construction_site_stand_solver_braces_the_north_door_in_thirty_seconds() -> None:
    ref, spec = resolve_level(SITE, None)
    result = run_level(ref, spec, make_bot("solver", 0), "solver", 0, max_ticks=30 * TICK_HZ)
    assert result.outcome == "timeout" and result.survivors == 4


def test_construction_site_stand_is_lost_by_idling_when_the_radio_brings_the_crowd() -> None:
    ref, spec = resolve_level(SITE, None)
    result = run_level(ref, spec, make_bot("idle", 0), "idle", 0, max_ticks=60 * TICK_HZ)
    assert result.outcome == "loss" and result.cause == "everyone-down"
    assert 25.0 < result.ticks / TICK_HZ < 60.0  # the unbraced north lock gives way after the radio


@pytest.mark.slow
@pytest.mark.parametrize("level, peak, spawned, won_in, keep", [
    (LEVEL, (150, 260), None, None, None),
    # The yard's horde, normal difficulty; a good crossing brings three or more of the five through
    # (it was one: the squad worked the padlock through a flash in view of the yard).
    (STORM, (300, 420), None, None, 3),
    (TROLLEY, (400, 620), None, (150.0, 250.0), None),  # the quiet creep: 2.5-4 minutes (167-239 s on seeds 0-4)
    # Waves of 800-1500 over the level, a few hundred up at once; everyone but Cheong-san (the
    # bait) comes through (the lead's way to the east door turned by the lift shaft's edge, and
    # on 36 of 40 seeds On-jo fell into it).
    (SITE, (200, 600), (800, 1500), None, 3),
    # The forest's knots and the town's sleepers, 141 with the stragglers; the quiet trail and
    # the braced gate bring four or more of the six through.
    (YELLOW, (130, 160), None, (60.0, 150.0), 4),
])
def test_campaign_level_is_won_by_the_solver_and_lost_by_idling(
        level: str, peak: tuple[int, int], spawned: tuple[int, int] | None,
        won_in: tuple[float, float] | None, keep: int | None) -> None:
    prove(level, peak, spawned, won_in, keep)


def _site_bridge_crowd_before_the_crossing(bait: bool, seed: int = 0) -> tuple[int, int]:
    """Play Construction-Site Stand with the solver, with or without the bait, up to the moment
    it knocks the pipe stack's chock out; return the most zombies on the bridge ahead of the
    stack (tiles x 61.5-79, y 9-12) at any half second from 100 s (the hold done, the drones
    come) on, and the survivors."""
    import hyosan.control.solvers as solvers
    from hyosan.sim.world import World

    _, spec = resolve_level(SITE, None)
    world = World.from_spec(spec, seed)
    bot = make_bot("solver", seed)
    old = solvers.SITE_BAIT
    solvers.SITE_BAIT = bait
    try:
        bot.reset(world)
        most = 0
        chock = world.joints.by_id("stack-chock")
        while chock.coupled and world.outcome is None and world.tick < 130 * TICK_HZ:
            world.step(bot.act(world))
            if world.tick >= 100 * TICK_HZ and world.tick % (TICK_HZ // 2) == 0:
                p = world.horde.pos / 16
                most = max(most, int(((p[:, 0] > 61.5) & (p[:, 1] > 9.0) & (p[:, 1] < 12.0)).sum()))
    finally:
        solvers.SITE_BAIT = old
    return most, sum(s.alive for s in world.students)


@pytest.mark.slow
def test_construction_site_stand_bait_keeps_the_bridge_clear_and_without_it_a_crowd_comes() -> None:
    with_bait, alive = _site_bridge_crowd_before_the_crossing(True)
    assert with_bait <= 1 and alive == 3  # Cheong-san stayed; the siren took the yard away from the ramp (0 seen)
    without, alive = _site_bridge_crowd_before_the_crossing(False)
    # Nobody stays behind as bait, and a crowd is on the bridge (9 seen). Seed 0 loses one friend
    # on the way since students slide along what they touch (frictionless, 2026-12-03): 3 alive.
    assert without >= 4 and alive >= 3


def _classroom_doors_after_locking(braced: tuple[str, ...], seed: int = 0) -> tuple[str | None, dict[str, float]]:
    """Lock both classroom doors (and tow one desk hard up against each door in ``braced``, and
    push it home),
    then wait in the room: the outcome after the 100 s hold and when each door broke (s)."""
    from hyosan.control.driver import Driver, tile_point
    from hyosan.sim import commands as cmd
    from hyosan.sim import events as ev
    from hyosan.sim.world import World

    _, spec = resolve_level(LEVEL, None)
    world = World.from_spec(spec, seed)
    drv = Driver(world)

    def plan():  # type: ignore[no-untyped-def]
        yield from drv.tap(cmd.ToggleFollow())
        for door, x in (("front-door", 33.5), ("back-door", 46.5)):
            yield from drv.set_lock(door, True, tile_point(x, 8.3))
            if door in braced:  # towed to the door, then pushed home: it braces only touching the doorway
                desk = f"desk-{door.split('-')[0]}-1"
                yield from drv.tow(desk, (0, 1), tile_point(x, 8.55))
                yield from drv.goto(tile_point(x + 1.7, 8.4))
                yield from drv.push(desk, (0, 1), 24.0)
                yield from drv.goto(tile_point(x + 1.7, 8.0))
        yield from drv.goto(tile_point(40.5, 4.0), "sneak")
        while True:
            yield cmd.EMPTY_INPUT

    steps, broke = plan(), {}
    while world.outcome is None and world.tick < 100 * TICK_HZ:
        for e in world.step(next(steps)):
            if isinstance(e, ev.DoorChanged) and e.state == "broken":
                broke[e.door] = world.tick / TICK_HZ
    return world.outcome, broke


def test_classroom_locks_alone_give_way_and_a_desk_against_each_door_holds() -> None:
    """The level's twist: the classroom's flimsy locks (``lock_strength`` 0.8) give to the
    radio's crowd unless a prop is pushed up against the door (locking alone held the whole
    100 s before, with standard locks and a desk starting within reach of each door). Both
    doors: with only the front one braced, the back door gives way to the storeroom's crowd
    (bracing the front alone held on every seed while the whole second wave came from the west)."""
    outcome, broke = _classroom_doors_after_locking(braced=())
    assert outcome == "loss" and broke
    # (the front alone: over three seeds, as one seed's crowd may leave the back door be; on
    # 0.35.0's streams seed 0 does, seeds 1 and 2 break it within the minute)
    front_only = [_classroom_doors_after_locking(braced=("front-door",), seed=seed) for seed in range(3)]
    assert all("front-door" not in broke for _, broke in front_only)
    assert sum(outcome == "loss" and "back-door" in broke for outcome, broke in front_only) >= 2, front_only
    outcome, broke = _classroom_doors_after_locking(braced=("front-door", "back-door"))
    assert outcome is None and broke == {}


def _yellow_markers_gate(seed: int = 0) -> tuple[str | None, float | None, float | None, int]:
    """Play Yellow Markers with the solver: (outcome, when the siren started, when the pen's
    gate broke (None: it held), survivors)."""
    from hyosan.sim import events as ev
    from hyosan.sim.world import World

    _, spec = resolve_level(YELLOW, None)
    world = World.from_spec(spec, seed)
    bot = make_bot("solver", seed)
    bot.reset(world)
    siren = broke = None
    while world.outcome is None and world.tick < 150 * TICK_HZ:
        for e in world.step(bot.act(world)):
            if isinstance(e, ev.Sound) and e.source == "siren" and siren is None:
                siren = world.sim_seconds
            if isinstance(e, ev.Sound) and e.kind == "door-break" and e.source == "gate":
                broke = world.sim_seconds
    return world.outcome, siren, broke, sum(s.alive for s in world.students)


def test_yellow_markers_gate_holds_the_siren_braced_and_gives_way_unbraced(monkeypatch) -> None:
    """The last stand: the solver follows the five markers, locks the pen's gate, pushes two
    crates against it and calls the soldiers; the siren brings the street and the gate holds
    the 30 s. Locked but not braced (the pushes skipped), the same crowd breaks it within
    15 s of the siren and the squad is lost."""
    import hyosan.control.solvers as solvers

    outcome, siren, broke, alive = _yellow_markers_gate()
    assert outcome == "win" and siren is not None and broke is None and alive >= 4

    def no_push(self, *args, **kwargs):
        yield from ()

    monkeypatch.setattr(solvers.Driver, "push", no_push)
    outcome, siren, broke, alive = _yellow_markers_gate()
    assert siren is not None and broke is not None and broke - siren < 15.0
    assert outcome == "loss" and alive == 0
