"""The trolley wall of Trolley Shield Run, with numbers: the coupled box stays one rigid wall
while the squad shoves it, a fast shove rattles (the horde hears) and a slow one does not, and a
few chasing zombies at its front push it back."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

from hyosan.content.discovery import resolve_level
from hyosan.content.loader import load_level
from hyosan.content.schema import ZombieGroupSpec
from hyosan.control.bots import make_bot
from hyosan.playtest.runner import run_level
from hyosan.sim import commands as cmd
from hyosan.sim import events as ev
from hyosan.sim.rolling import (
    CASTER_FREE,
    RATTLE_QUIET,
    RATTLE_TICKS,
    caster_rattle,
    rattle_schedule,
)
from hyosan.sim.units import TICK_HZ, TILE_PX
from hyosan.sim.world import World

TROLLEY = "hyosan/trolley-shield-run"
BOX = ["rear", "front"] + [f"{row}{k}" for row in "ns" for k in range(1, 6)]


def quiet_corridor(*zombies: ZombieGroupSpec, cover: bool = True):
    """The level with its horde, its alarm clock and its storerooms' dawn lamps taken out (and
    ``zombies`` put in): the dark corridor these tests were written for. With ``cover`` False
    its trolleys hide nobody, so that chasers placed by a test keep their prey in sight and
    press on the box (what those tests measure is the push, not the sight)."""
    ref, spec = resolve_level(TROLLEY, None)
    types = tuple((name, dataclasses.replace(t, cover=False) if name == "trolley" and not cover else t)
                  for name, t in spec.prop_types)
    return ref, dataclasses.replace(spec, zombies=zombies, sounds=(), prop_types=types,
                                    lighting=dataclasses.replace(spec.lighting, lights=()))


def test_the_box_is_shoved_as_one_rigid_wall_down_the_corridor() -> None:
    """Every trolley of the box keeps within 1 degree of every other for 40 s of the solver's
    shoving, once its first shove has settled (before the fix, the end trolleys sat flush
    against the rows' second trolleys, whose corner contacts fought the couplings: 40 degrees of
    twist in the same run). The first contact of the held sneak (0.23.0) flexes it up to 4
    degrees for a moment, 3 s in; from 5 s on it is within 1."""
    ref, spec = quiet_corridor()
    spread: list[float] = []
    worlds: list[World] = []

    def observe(world: World, events: list) -> None:
        angles = np.degrees([world.bodies.angle[world.prop_by_id(p).index] for p in BOX])
        spread.append(float(angles.max() - angles.min()))

    run_level(ref, spec, make_bot("solver", 0), "solver", 0, max_ticks=40 * TICK_HZ,
              observer=observe, on_start=worlds.append)
    world = worlds[0]
    assert all(j.coupled for j in world.joints.joints)
    assert max(spread) < 4.5 and max(spread[5 * TICK_HZ:]) < 1.0
    front = world.bodies.pos[world.prop_by_id("front").index] / TILE_PX
    assert front[0] > 14.25 + 15.0  # rolled more than 15 tiles, quietly
    assert abs(front[1] - 15.5) < 0.5  # down the middle of the corridor, not into a wall


def _lone_trolley_rolling(speed: float) -> list[ev.Sound]:
    rows = "\n".join(["#" * 40, "#S" + "." * 37 + "E"] + ["#" + "." * 38 + "#"] * 8 + ["#" * 40])
    text = (f'id = "t"\ntitle = "T"\n[map]\nrows = """\n{rows}\n"""\n[[squad]]\nid = "s0"\nat = [35.0, 2.0]\n'
            '[[props]]\nid = "t"\ntype = "trolley"\nat = [5.0, 6.0]\n')
    world = World(load_level(Path("t.toml"), text.encode()), 0)
    body = world.prop_by_id("t").body
    sounds: list[ev.Sound] = []
    for _ in range(120):  # held at this speed for two seconds
        body.velocity = (speed, 0.0)
        sounds += [e for e in world.step(cmd.EMPTY_INPUT) if isinstance(e, ev.Sound) and e.kind == "rattle"]
    return sounds


def test_a_trolley_rolled_fast_rattles_and_rolled_slowly_is_silent() -> None:
    assert RATTLE_QUIET == 12.0
    assert _lone_trolley_rolling(10.0) == []
    fast = _lone_trolley_rolling(50.0)  # the squad sneak-shoving the box flat out
    assert len(fast) >= 3  # twice a second (none on the first tick: no speed read yet)
    assert all(440.0 <= s.loudness <= 456.0 and s.source == "t" for s in fast)  # 12 px per px/s over 12
    loud = _lone_trolley_rolling(95.0)  # walking it
    assert all(s.loudness >= 300.0 for s in loud)


def _let_go(speed: float, seconds: float, coupled: bool) -> float:
    """Speed (px/s) of two trolleys side by side, ``coupled`` or not, let go at ``speed`` along
    their length, ``seconds`` later (of the first)."""
    rows = "\n".join(["#" * 60, "#S" + "." * 57 + "E"] + ["#" + "." * 58 + "#"] * 8 + ["#" * 60])
    text = (f'id = "t"\ntitle = "T"\n[map]\nrows = """\n{rows}\n"""\n[[squad]]\nid = "s0"\nat = [55.0, 2.0]\n'
            '[[props]]\nid = "a"\ntype = "trolley"\nat = [5.0, 5.0]\n[[props]]\nid = "b"\ntype = "trolley"\nat = [5.0, 6.25]\n'
            '[[joints]]\nid = "c"\nkind = "coupling"\na = "a"\nb = "b"\nanchor_a = [0.0, 0.625]\nanchor_b = [0.0, -0.625]\n'
            f'coupled = {str(coupled).lower()}\n')
    world = World(load_level(Path("t.toml"), text.encode()), 0)
    for name in ("a", "b"):
        world.prop_by_id(name).body.velocity = (speed, 0.0)
    for _ in range(round(seconds * TICK_HZ)):
        world.step(cmd.EMPTY_INPUT)
    return float(world.prop_by_id("a").body.velocity.x)


def test_the_rattles_due_each_tick_are_those_of_every_trolley_asked() -> None:
    """``rattle_schedule``: asked only about the trolleys whose rattle is due at a tick,
    ``caster_rattle`` makes the very sounds, in order, that it made asked about them all."""
    world = World.from_spec(resolve_level(TROLLEY, None)[1], 0)
    rattlers = [p for p in world.props if p.type.rattle > 0.0]
    assert len(rattlers) > 1
    schedule = rattle_schedule(rattlers)
    rng = np.random.default_rng(2)
    heard = 0
    for tick in range(3 * RATTLE_TICKS):
        vel = rng.normal(0.0, 40.0, size=world.bodies.vel.shape)
        pos = rng.uniform(0.0, 500.0, size=world.bodies.pos.shape)
        want = caster_rattle(tick, rattlers, vel, pos)
        assert caster_rattle(tick, schedule[tick % RATTLE_TICKS], vel, pos) == want
        heard += len(want)
    assert heard


def test_a_coupled_train_of_casters_drags_past_its_top_speed_and_a_lone_trolley_does_not() -> None:
    """Under ``CASTER_FREE`` (48 px/s, under a sneak) a coupled pair only feels its rolling
    resistance (35 px/s²); run faster, its casters shimmy and drag it back to about that speed
    within a fifth of a second (a crowd cannot run the box at its walking pace, 90 px/s).
    Uncoupled trolleys roll on at any pace."""
    assert CASTER_FREE == 48.0
    assert abs(_let_go(40.0, 0.25, coupled=True) - (40.0 - 0.25 * 35.0)) < 1.0
    assert _let_go(90.0, 0.2, coupled=True) < CASTER_FREE + 2.0
    assert _let_go(150.0, 0.2, coupled=True) < CASTER_FREE + 2.0
    assert abs(_let_go(90.0, 0.2, coupled=False) - (90.0 - 0.2 * 35.0)) < 1.0


def test_the_solver_rolls_the_box_quietly() -> None:
    ref, spec = quiet_corridor()
    rattles: list[ev.Sound] = []
    run_level(ref, spec, make_bot("solver", 0), "solver", 0, max_ticks=30 * TICK_HZ,
              observer=lambda w, events: rattles.extend(e for e in events if isinstance(e, ev.Sound) and e.kind == "rattle"))
    assert rattles == []


def test_eight_chasing_zombies_usually_stop_the_wall_that_rolls_quietly_alone() -> None:
    """Alone in the corridor the squad shoves the box east at over 5 px/s; 8 zombies chasing it
    from the east stop it (under 1 px/s east over the last 8 s, or shove it back west) in most
    of 12 seeds: the horde shoves harder than four students push (the trolleys' cover is off
    here: placed chasing, the zombies keep the squad in sight). (Not all: when the chasers
    end up along the box's sides instead of at its front, it carries them; seeds 0-11 stopped
    10 times with the horde deciding every tick, 7 at 20 Hz, 14 and 17 of 24; 4 of 12 since the
    solver holds sneak and the box creeps, 0.23.0, meeting the chasers farther west: what holds
    every time is the median, well short of where it rolls alone.)"""
    def front_x(zombies: tuple[ZombieGroupSpec, ...], seconds: float, seed: int) -> list[float]:
        ref, spec = quiet_corridor(*zombies, cover=False)
        xs: list[float] = []
        run_level(ref, spec, make_bot("solver", seed), "solver", seed, max_ticks=round(seconds * TICK_HZ),
                  observer=lambda w, e: xs.append(float(w.bodies.pos[w.prop_by_id("front").index][0])))
        return xs

    free = front_x((), 40.0, 0)
    assert (free[-1] - free[-8 * TICK_HZ]) / 8.0 > 5.0  # px/s
    crowd = ZombieGroupSpec(breed="walker", count=8, zone=(22.0, 14.5, 24.0, 16.5), state="chase")
    stopped, ends = 0, []
    for seed in range(12):
        met = front_x((crowd,), 40.0, seed)
        stopped += (met[-1] - met[-8 * TICK_HZ]) / 8.0 < 1.0  # px/s east: stopped, or shoved back west
        ends.append(met[-1])
    assert stopped >= 4
    assert float(np.median(ends)) < free[-1] - 3 * TILE_PX  # typically more than 3 tiles short of where it rolled alone


def _pinched_walk(gap_px: float) -> float:
    """How far (px) a lead walks in 1 s along a slot ``gap_px`` wide between two rows of trolleys
    (depth 20 px, free to roll as in play: a bolted-down row would not give at all), entering it
    from the west."""
    from hyosan.content.schema import DEFAULT_LEGEND, LevelSpec, MapSpec, PropSpec, StudentSpec

    cols = 30
    rows = ("#" * cols, "#S" + "." * (cols - 3) + "#", *("#" + "." * (cols - 2) + "#" for _ in range(7)), "#" * cols)
    half = (gap_px / 2 + 10.0) / TILE_PX  # tiles from the slot's centre line to a row's centre
    props = tuple(PropSpec(f"{row}{i}", "trolley", (6.5 + 2.5 * i, 5.0 + side * half))
                  for row, side in (("n", -1), ("s", 1)) for i in range(4))
    spec = LevelSpec(id="pinch", title="Pinch", briefing="", content_hash="pinch", props=props,
                     map=MapSpec(rows, tuple(sorted(DEFAULT_LEGEND.items()))),
                     squad=(StudentSpec("on-jo", (5.0, 5.0), lead=True),))
    world = World.from_spec(spec, 0)
    start = float(world.student_pos(world.lead_student)[0])
    for _ in range(TICK_HZ):
        world.step(cmd.TickInput((cmd.Move(1.0, 0.0, "walk"),)))
    return float(world.student_pos(world.lead_student)[0]) - start


def test_a_pinched_student_slides_through_instead_of_sticking() -> None:
    """Students have no surface friction: squeezed into a slot narrower than they are (8 px for a
    10 px student, as a lead between a friend and a trolley row is), a student still slides along
    it at nearly the pace of an open floor. With friction (0.3) the pinch held it to 45 px in the
    second; in the trolley box a lead pinched by a friend could not move at all."""
    open_floor = _pinched_walk(20.0)
    pinched = _pinched_walk(8.0)
    assert open_floor > 75.0
    assert pinched > 60.0


def _push_the_box(seed: int, how: str) -> tuple[str, float, int]:
    """Trolley Shield Run as a player: E at both couplings, then east into the front trolley:
    walking, flat out (``how`` "walk"); holding sneak ("sneak"); or sneaking only while the box
    rolled silently a quarter of a second ago ("watch": what the rattle's rings tell a player,
    with a player's reaction time). Returns the outcome, when, and the rattles heard."""
    _, spec = resolve_level("hyosan/trolley-shield-run", [])
    world = World.from_spec(spec, seed)
    front = world.prop_by_id("front")
    seen: list[float] = []
    rattles = 0
    for _ in range(2):
        world.step(cmd.TickInput((cmd.Use(),)))
        world.step(cmd.EMPTY_INPUT)
    while world.outcome is None and world.tick < 360 * TICK_HZ:
        seen.append(float(world.bodies.vel[front.index][0]))
        quiet = len(seen) < 15 or seen[-15] < RATTLE_QUIET
        push = quiet or how != "watch"
        move = cmd.TickInput((cmd.Move(1.0, 0.0, "walk" if how == "walk" else "sneak"),))
        events = world.step(move if push else cmd.EMPTY_INPUT)
        rattles += sum(1 for e in events if isinstance(e, ev.Sound) and e.kind == "rattle")
    return world.outcome or "", world.tick / TICK_HZ, rattles


def test_the_box_shoved_flat_out_is_lost_and_crept_is_won() -> None:
    """The level's rule, 'roll it slowly', holds for a player: shoving the box flat out (walking
    into it) wakes the auditorium, the locks give and the squad is lost inside a minute (with
    the old, quieter casters this won in 28 s, everyone alive, by holding two keys). Held
    sneaking into it, the box creeps (a sneaking push adds no speed past world.CAREFUL_ROLL) and
    never rattles: played by hand, a 0.2 s tap with four shoulders behind the lead rattled, so
    "sneak it in short shoves" could not be played quietly. It wins about par (150 s; steered
    down the corridor's middle, as the solver does, well inside it), as does a player sneaking
    only while the rings say it is quiet.
    Flat out is lost inside a minute in two runs of three, not every run: over 12 seeds, 8 were
    lost on the level file of session 26 and 9 on session 27's (whose first four seeds hold two of
    the three wins, at 29-31 s; one of the three kept all five). Four seeds were too few to say it."""
    flat_out = [_push_the_box(seed, "walk") for seed in range(12)]
    assert sum(outcome == "loss" and seconds < 60.0 for outcome, seconds, _ in flat_out) >= 8, flat_out
    for seed in (0, 1):
        outcome, seconds, rattles = _push_the_box(seed, "sneak")
        assert outcome == "win" and 100.0 < seconds < 160.0 and rattles == 0, (seed, outcome, seconds, rattles)
    outcome, seconds, _ = _push_the_box(0, "watch")
    assert outcome == "win" and 100.0 < seconds < 160.0, (outcome, seconds)


def test_two_e_presses_in_place_latch_both_front_couplings() -> None:
    """Standing between the front trolley's two couplings (about 14 px from each), E twice
    latches both: an open coupling in reach is preferred to undoing a latched one. By hand the
    second E undid the first, the loose front trolley shot off rattling and all were lost."""
    _, spec = resolve_level("hyosan/trolley-shield-run", [])
    for seed in (0, 1):
        world = World.from_spec(spec, seed)
        for _ in range(2):
            world.step(cmd.TickInput((cmd.Use(),)))
            world.step(cmd.EMPTY_INPUT)
        assert world.joints.by_id("front-n").coupled and world.joints.by_id("front-s").coupled
        world.step(cmd.TickInput((cmd.Use(),)))  # a third E, with nothing left open, undoes one
        assert not (world.joints.by_id("front-n").coupled and world.joints.by_id("front-s").coupled)


def _crowd_behind_the_box(count: int, zone_x0: float, seconds: float, seed: int = 0) -> dict:
    """Trolley Shield Run's box, 20 tiles further east, its front latched (E, E), the squad
    standing inside; ``count`` walkers chasing from behind (west of the box, from ``zone_x0`` up
    to half a tile off its rear), no other horde and no alarm clock."""
    shift = 20.0
    ref, spec = quiet_corridor(ZombieGroupSpec(breed="walker", count=count, state="chase",
                                               zone=(zone_x0, 14.0, 2.0 + shift - 0.5, 17.0)), cover=False)
    spec = dataclasses.replace(
        spec, props=tuple(dataclasses.replace(p, at=(p.at[0] + shift, p.at[1])) for p in spec.props),
        squad=tuple(dataclasses.replace(s, at=(s.at[0] + shift, s.at[1])) if s.at[0] >= 0 else s for s in spec.squad))
    world = World.from_spec(spec, seed)
    for _ in range(2):
        world.step(cmd.TickInput((cmd.Use(),)))
        world.step(cmd.EMPTY_INPUT)
    front = world.prop_by_id("front")
    x0, top, broke_at = float(world.bodies.pos[front.index][0]), 0.0, None
    while world.tick < seconds * TICK_HZ and world.outcome is None:
        world.step(cmd.EMPTY_INPUT)
        top = max(top, float(world.bodies.vel[front.index][0]))
        if broke_at is None and any(j.broken for j in world.joints.joints):
            broke_at = world.sim_seconds
    return dict(moved=(float(world.bodies.pos[front.index][0]) - x0) / TILE_PX, top=top, broke_at=broke_at,
                broken={j.spec.id for j in world.joints.joints if j.broken}, outcome=world.outcome,
                alive=sum(s.alive for s in world.students))


def test_a_big_crowd_behind_the_box_bursts_its_rear_open_and_a_small_one_does_not() -> None:
    """Issue #5: a horde shoving the box from behind used to run it, the squad inside, to the
    back door at its walking pace (before the casters' top speed and the end-on load: 120
    chasers ran it 76 tiles in 15.5 s at up to 113 px/s, no coupling strained, and the squad
    won). Now, on every seed tried, the pressure on its rear end snaps the rear trolley's
    couplings within 12 s (3-5 s on most seeds), the box stops well short of the door and the crowd gets in (the squad
    lost on half the seeds within 15 s). Six chasers pressing on the rear break nothing and bite nobody; how
    far they push the box depends on where they press (a tile, or 40 when all six line up
    behind it: seed 1 of the level file as committed with this test)."""
    bigs, smalls = [], []
    for seed in range(4):
        bigs.append(_crowd_behind_the_box(120, 5.0, 15.0, seed))
        smalls.append(_crowd_behind_the_box(6, 19.5, 15.0, seed))
    for big in bigs:
        assert big["broke_at"] is not None and big["broke_at"] < 12.0, big
        assert {"rear-n", "rear-s"} <= big["broken"], big
        assert big["outcome"] != "win" and big["moved"] < 60.0, big  # tiles; 76 before
    # the crowd gets in and the squad is lost within the 15 s on half the seeds (0 and 2; on 1
    # one still stood, on 3 all four; 3 of 4 before 0.36.0, whose horde also hears the
    # couplings snap and the bitten scream)
    assert sum(big["outcome"] == "loss" for big in bigs) >= 2, bigs
    for small in smalls:
        assert small["broken"] == set() and small["alive"] == 4 and small["outcome"] is None, small
