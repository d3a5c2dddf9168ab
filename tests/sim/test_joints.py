"""Level joints and rolling props: trolleys roll along and skid across, couplings hold a wall
together and toggle with E, ropes hang and swing, overloaded joints snap with a clang."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from hyosan.content.loader import load_level
from hyosan.sim import commands as cmd
from hyosan.sim import events as ev
from hyosan.sim.world import World

# A 38x17 floor with the squad spawn in the north-west corner and an exit in the east wall.
ROOM = "\n".join(["#" * 40, "#S" + "." * 37 + "#", "#" + "." * 38 + "E"] + ["#" + "." * 38 + "#"] * 16 + ["#" * 40])


def world_of(body: str, rows: str = ROOM) -> World:
    """A world from a level body (squad, props, joints, zombies) on ``rows``."""
    text = f'id = "t"\ntitle = "T"\n[map]\nrows = """\n{rows}\n"""\n{body}'
    return World(load_level(Path("t.toml"), text.encode()), 0)


def squad(*at: tuple[float, float]) -> str:
    return "".join(f'[[squad]]\nid = "s{i}"\nat = [{x}, {y}]\n' for i, (x, y) in enumerate(at))


def prop(pid: str, ptype: str, x: float, y: float, extra: str = "") -> str:
    return f'[[props]]\nid = "{pid}"\ntype = "{ptype}"\nat = [{x}, {y}]\n{extra}'


def push(world: World, dx: float, dy: float, ticks: int, coast: int = 0) -> None:
    """Every student walks (dx, dy) for ``ticks`` (the lead by command, the others held at a
    point far ahead), then everyone stops and the props coast for ``coast`` ticks."""
    world.follow = False
    for s in world.students:
        p = world.student_pos(s)
        s.hold, s.hold_at = True, (float(p[0]) + dx * 4000, float(p[1]) + dy * 4000)
    for _ in range(ticks):
        world.step(cmd.TickInput((cmd.Move(dx, dy, "walk"),)))
    for s in world.students:
        p = world.student_pos(s)
        s.hold_at = (float(p[0]), float(p[1]))
    for _ in range(coast):
        world.step(cmd.EMPTY_INPUT)


def moved(world: World, prop_id: str, start: np.ndarray) -> np.ndarray:
    return world.bodies.pos[world.prop_by_id(prop_id).index] - start


def start_of(world: World, prop_id: str) -> np.ndarray:
    return world.bodies.pos[world.prop_by_id(prop_id).index].copy()


# ---------------------------------------------------------------------- rolling
def test_a_trolley_rolls_far_along_its_length_and_barely_moves_sideways() -> None:
    along = world_of(squad((8.4, 10.0)) + prop("t", "trolley", 10.0, 10.0))
    a0 = start_of(along, "t")
    push(along, 1.0, 0.0, 120, coast=180)
    across = world_of(squad((10.0, 9.0)) + prop("t", "trolley", 10.0, 10.0))
    c0 = start_of(across, "t")
    push(across, 0.0, 1.0, 120)
    rolled, skidded = float(np.hypot(*moved(along, "t", a0))), float(np.hypot(*moved(across, "t", c0)))
    assert rolled > 250.0  # 2 s of walking pace, then it rolls on by itself after the push stops
    assert skidded < 2.0  # one student cannot skid it across its casters
    assert rolled > 100 * skidded


def test_a_rolling_trolley_keeps_going_after_the_push_but_a_desk_stops() -> None:
    trolley = world_of(squad((8.4, 10.0)) + prop("t", "trolley", 10.0, 10.0))
    desk = world_of(squad((8.6, 10.0)) + prop("t", "desk", 10.0, 10.0))
    t0, d0 = start_of(trolley, "t"), start_of(desk, "t")
    push(trolley, 1.0, 0.0, 60)
    push(desk, 1.0, 0.0, 60)
    t1, d1 = moved(trolley, "t", t0)[0], moved(desk, "t", d0)[0]
    push(trolley, 0.0, 0.0, 0, coast=120)
    push(desk, 0.0, 0.0, 0, coast=120)
    assert moved(trolley, "t", t0)[0] - t1 > 60.0  # rolls on ~4 tiles
    assert moved(desk, "t", d0)[0] - d1 < 15.0  # slides to a stop


def test_more_pushers_push_a_loaded_trolley_faster() -> None:
    def distance(pushers: int) -> float:
        at = [(8.4, 10.0 + (i - (pushers - 1) / 2) * 0.7) for i in range(pushers)]
        w = world_of(squad(*at) + prop("t", "trolley", 10.0, 10.0, "mass = 300\n"))
        p0 = start_of(w, "t")
        push(w, 1.0, 0.0, 120)
        return float(moved(w, "t", p0)[0])

    one, two = distance(1), distance(2)
    assert one > 40.0
    assert two > 1.4 * one


def test_a_pipe_rolls_across_its_length_and_resists_sliding_along_it() -> None:
    across = world_of(squad((10.0, 9.3)) + prop("p", "pipe", 10.0, 10.0))
    p0 = start_of(across, "p")
    push(across, 0.0, 1.0, 90)
    along = world_of(squad((7.4, 10.0)) + prop("p", "pipe", 10.0, 10.0))
    q0 = start_of(along, "p")
    push(along, 1.0, 0.0, 90)
    assert float(np.hypot(*moved(across, "p", p0))) > 100.0
    assert float(np.hypot(*moved(along, "p", q0))) < 5.0


# ---------------------------------------------------------------------- couplings
def pair(coupled: bool, student: tuple[float, float] = (8.4, 10.0), extra: str = "") -> World:
    """Two trolleys side by side (a above b), joined at their long sides by coupling 'c1'."""
    return world_of(squad(student) + prop("a", "trolley", 10.0, 10.0) + prop("b", "trolley", 10.0, 11.25)
                    + f'[[joints]]\nid = "c1"\nkind = "coupling"\na = "a"\nb = "b"\nanchor_a = [0.0, 0.625]\n'
                    f'anchor_b = [0.0, -0.625]\ncoupled = {str(coupled).lower()}\n{extra}')


def test_a_coupled_pair_moves_as_one_and_an_uncoupled_pair_separates() -> None:
    coupled = pair(True)
    a0, b0 = start_of(coupled, "a"), start_of(coupled, "b")
    push(coupled, 1.0, 0.0, 120)
    da, db = moved(coupled, "a", a0), moved(coupled, "b", b0)
    # 2 s of a walking push on a's end; a coupled train's casters drag past 48 px/s
    # (rolling.CASTER_FREE), so the pair, shoved off its middle, also turns a little
    assert da[0] > 70.0 and db[0] > 70.0
    gap0 = float(np.hypot(*(np.asarray(a0) - np.asarray(b0))))
    gap1 = float(np.hypot(*(np.asarray(a0) + da - np.asarray(b0) - db)))
    assert abs(gap1 - gap0) < 1.0  # rigid: the centres keep their distance within 1 px
    loose = pair(False)
    a0, b0 = start_of(loose, "a"), start_of(loose, "b")
    push(loose, 1.0, 0.0, 120)
    assert moved(loose, "a", a0)[0] > 120.0
    assert float(np.hypot(*moved(loose, "b", b0))) < 2.0  # the other trolley stays put


def test_e_at_the_coupling_point_toggles_it() -> None:
    w = pair(False, student=(10.0, 9.0))
    joint = w.joints.by_id("c1")
    assert joint is not None and not joint.coupled
    events = w.step(cmd.TickInput((cmd.Use(),)))
    changed = [e for e in events if isinstance(e, ev.JointChanged)]
    assert [(e.joint, e.state) for e in changed] == [("c1", "coupled")]
    assert joint.coupled and joint.active
    assert any(isinstance(e, ev.Sound) and e.kind == "coupling" for e in events)
    events = w.step(cmd.TickInput((cmd.Use(),)))
    assert [(e.joint, e.state) for e in events if isinstance(e, ev.JointChanged)] == [("c1", "uncoupled")]
    assert not joint.coupled and not joint.active


def test_e_cannot_couple_trolleys_that_are_apart() -> None:
    w = world_of(squad((10.0, 9.0)) + prop("a", "trolley", 10.0, 10.0) + prop("b", "trolley", 10.0, 13.0)
                 + '[[joints]]\nid = "c1"\nkind = "coupling"\na = "a"\nb = "b"\nanchor_a = [0.0, 0.625]\n'
                 'anchor_b = [0.0, -0.625]\ncoupled = false\n')
    events = w.step(cmd.TickInput((cmd.Use(),)))
    assert not [e for e in events if isinstance(e, ev.JointChanged)]
    assert not w.joints.by_id("c1").coupled


def test_the_hash_follows_the_coupling_state() -> None:
    one, two = pair(True), pair(True)
    assert one.state_hash() == two.state_hash()
    two.joints.toggle(two.joints.by_id("c1"), "s0", [])
    assert one.state_hash() != two.state_hash()


# ---------------------------------------------------------------------- ropes
def test_a_rope_keeps_a_hanging_load_within_its_length_and_it_swings() -> None:
    w = world_of(squad((2.5, 2.5)) + prop("load", "crane-load", 20.0, 10.0)
                 + '[[joints]]\nid = "rope"\nkind = "rope"\na = "load"\nanchor_b = [20.0, 10.0]\nlength = 4\n')
    load = w.prop_by_id("load")
    load.body.velocity = (300.0, 0.0)  # a hard shove east
    xs = []
    for _ in range(600):
        w.step(cmd.EMPTY_INPUT)
        xs.append(w.bodies.pos[load.index] - (320.0, 160.0))
    off = np.array(xs)
    assert np.hypot(off[:, 0], off[:, 1]).max() < 64.0 * 1.06  # 4 tiles of rope, a little stretch
    assert off[:, 0].max() > 50.0 and off[:, 0].min() < -40.0  # out east, back through, out west
    assert int((np.diff(np.sign(off[:, 0])) != 0).sum()) >= 4  # it swings to and fro


# ---------------------------------------------------------------------- breaking
CORRIDOR = "\n".join(["#" * 40, "#" + "." * 37 + "SE", "#" + "." * 38 + "#", "#" + "." * 38 + "#", "#" * 40])


def bolted_gate(zombies: int) -> tuple[World, list[ev.Event]]:
    """A trolley bolted across a corridor (a pivot to the floor, break_force 500 kN) with a
    chasing crowd on one side and the student on the other; 300 ticks."""
    w = world_of(squad((30.5, 2.5)) + prop("gate", "trolley", 25.0, 2.5, "angle = 90\nwidth = 46\n")
                 + '[[joints]]\nid = "bolt"\nkind = "pivot"\na = "gate"\nanchor_b = [25.0, 2.5]\nbreak_force = 5e5\n'
                 + f'[[zombies]]\nbreed = "walker"\ncount = {zombies}\nzone = [2, 1, 18, 4]\nstate = "chase"\n',
                 rows=CORRIDOR)
    events: list[ev.Event] = []
    for _ in range(300):
        events += w.step(cmd.EMPTY_INPUT)
        if w.outcome:
            break
    return w, events


def test_the_hordes_pressure_breaks_a_joint_and_a_few_zombies_do_not() -> None:
    w, events = bolted_gate(80)
    broke = [e for e in events if isinstance(e, ev.JointChanged)]
    assert [(e.joint, e.state) for e in broke] == [("bolt", "broken")]
    assert any(isinstance(e, ev.Sound) and e.kind == "joint-break" and e.loudness >= 300 for e in events)
    assert w.joints.by_id("bolt").broken and not w.joints.by_id("bolt").active
    w, events = bolted_gate(3)
    assert not [e for e in events if isinstance(e, ev.JointChanged)]
    assert w.joints.by_id("bolt").active


def test_followers_put_a_shoulder_in_when_the_lead_pushes_a_prop() -> None:
    def distance(followers: int) -> float:
        at = [(8.4, 10.0)] + [(7.6 - 0.8 * i, 10.0) for i in range(followers)]
        w = world_of(squad(*at) + prop("t", "trolley", 10.0, 10.0, "mass = 400\n"))
        p0 = start_of(w, "t")
        for _ in range(120):  # only the lead is commanded; the followers follow
            w.step(cmd.TickInput((cmd.Move(1.0, 0.0, "walk"),)))
        return float(moved(w, "t", p0)[0])

    alone, three = distance(0), distance(2)
    assert alone > 30.0
    assert three > 1.5 * alone


WIDE = "\n".join(["#" * 40, "#" + "." * 37 + "SE"] + ["#" + "." * 38 + "#"] * 4 + ["#" * 40])


def trolley_gate(zombies: int) -> tuple[World, list[ev.Event]]:
    """Two trolleys end to end across a 5-tile corridor, coupled (break_force 1 MN), a chasing
    crowd on the west side and the student east of them; 400 ticks."""
    w = world_of(squad((34.5, 3.5)) + prop("a", "trolley", 25.0, 2.25, "angle = 90\n")
                 + prop("b", "trolley", 25.0, 4.75, "angle = 90\n")
                 + '[[joints]]\nid = "latch"\nkind = "coupling"\na = "a"\nb = "b"\nanchor_a = [1.25, 0.0]\n'
                 'anchor_b = [-1.25, 0.0]\nbreak_force = 1e6\n'
                 + f'[[zombies]]\nbreed = "walker"\ncount = {zombies}\nzone = [2, 1, 18, 6]\nstate = "chase"\n',
                 rows=WIDE)
    events: list[ev.Event] = []
    for _ in range(400):
        events += w.step(cmd.EMPTY_INPUT)
        if w.outcome:
            break
    return w, events


def test_a_crowd_pressing_on_a_coupling_breaks_it_open_and_a_few_zombies_do_not() -> None:
    w, events = trolley_gate(120)
    assert [(e.joint, e.state) for e in events if isinstance(e, ev.JointChanged)] == [("latch", "broken")]
    assert any(isinstance(e, ev.Sound) and e.kind == "joint-break" for e in events)
    latch = w.joints.by_id("latch")
    assert latch.broken and not latch.coupled
    w, events = trolley_gate(4)
    assert not [e for e in events if isinstance(e, ev.JointChanged)]
    assert w.joints.by_id("latch").coupled


def test_the_couplings_load_points_are_pymunks_to_the_bit() -> None:
    """The crowd's load on a coupling is asked at points computed in numpy from each trolley's
    position and rotation vector: they must be exactly what ``Body.local_to_world`` gives (the
    run's hashes depend on it), here on a pair the crowd has jostled for 400 ticks."""
    w, _ = trolley_gate(4)
    plan = w.joints._load_plan()
    assert plan is not None
    pos = np.array([tuple(b.position) for b in plan.bodies])
    rot = np.array([tuple(b.rotation_vector) for b in plan.bodies])
    ours = plan.local_to_world(pos, rot)
    theirs = np.array([tuple(plan.bodies[k].local_to_world(tuple(v))) for k, v in zip(plan.body_of, plan.local)])
    assert np.array_equal(ours, theirs)
