"""Level joints and rolling props: trolleys roll along and skid across, couplings hold a wall
together and toggle with E, ropes hang and swing, overloaded joints snap with a clang."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pymunk

from hyosan.content.loader import load_level
from hyosan.control.bots import make_bot
from hyosan.playtest.bench_soak import _shipped_levels
from hyosan.sim import commands as cmd
from hyosan.sim import events as ev
from hyosan.sim.joints import _crowd_of, _heaviest, _load_points, _table_poses
from hyosan.sim.physics import BodyTable, position_rotation
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


def trolley_gate(zombies: int, each=None) -> tuple[World, list[ev.Event]]:
    """Two trolleys end to end across a 5-tile corridor, coupled (break_force 1 MN), a chasing
    crowd on the west side and the student east of them; 400 ticks (``each(world)`` called
    after every one, when given)."""
    w = world_of(squad((34.5, 3.5)) + prop("a", "trolley", 25.0, 2.25, "angle = 90\n")
                 + prop("b", "trolley", 25.0, 4.75, "angle = 90\n")
                 + '[[joints]]\nid = "latch"\nkind = "coupling"\na = "a"\nb = "b"\nanchor_a = [1.25, 0.0]\n'
                 'anchor_b = [-1.25, 0.0]\nbreak_force = 1e6\n'
                 + f'[[zombies]]\nbreed = "walker"\ncount = {zombies}\nzone = [2, 1, 18, 6]\nstate = "chase"\n',
                 rows=WIDE)
    events: list[ev.Event] = []
    for _ in range(400):
        events += w.step(cmd.EMPTY_INPUT)
        if each is not None:
            each(w)
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


def _old_bounds(plan, radius: float) -> tuple[float, float, float, float]:
    """``_LoadPlan.bounds`` before the kernel: the bodies' positions grown by their reach."""
    x0 = y0 = x1 = y1 = None
    for b, r in zip(plan.bodies, plan.reach.tolist(), strict=True):
        x, y = b.position
        lo_x, lo_y, hi_x, hi_y = x - r, y - r, x + r, y + r
        if x0 is None:
            x0, y0, x1, y1 = lo_x, lo_y, hi_x, hi_y
            continue
        x0, y0, x1, y1 = min(x0, lo_x), min(y0, lo_y), max(x1, hi_x), max(y1, hi_y)
    return x0 - radius, y0 - radius, x1 + radius, y1 + radius


def _old_points(local: np.ndarray, body_of: np.ndarray, first: np.ndarray, second: np.ndarray,
                poses: np.ndarray) -> np.ndarray:
    """``_LoadPlan.points`` before the kernel (numpy, column by column)."""
    c, s = poses[:, 2].take(body_of), poses[:, 3].take(body_of)
    x = c * local[:, 0] + (-s) * local[:, 1] + poses[:, 0].take(body_of)
    y = s * local[:, 0] + c * local[:, 1] + poses[:, 1].take(body_of)
    out = np.empty((first.shape[0], 2))
    np.divide(x.take(first) + x.take(second), 2, out=out[:, 0])
    np.divide(y.take(first) + y.take(second), 2, out=out[:, 1])
    return out


def _same_bits(a, b) -> bool:
    return np.asarray(a, dtype=np.float64).tobytes() == np.asarray(b, dtype=np.float64).tobytes()


def test_the_couplings_load_points_are_pymunks_to_the_bit() -> None:
    """The crowd's load on a coupling is asked at points computed (compiled) from each
    trolley's position and rotation vector: they must be exactly the midpoints of what
    ``Body.local_to_world`` gives (the run's hashes depend on it), and the box round them the
    one worked out from ``Body.position``: here on a pair the crowd has jostled for 400 ticks,
    and on the shipped trolley box as the solver pushes it."""
    w, _ = trolley_gate(4)
    worlds = [w]
    spec = dict(_shipped_levels())["hyosan/trolley-shield-run"]
    shipped = World.from_spec(spec, 0)
    bot = make_bot("solver", 0)
    bot.reset(shipped)
    for _ in range(900):
        shipped.step(bot.act(shipped))
    worlds.append(shipped)
    for w in worlds:
        plan = w.joints._load_plan()
        assert plan is not None
        points, box = plan.points(28.0)
        terms = [tuple(plan.bodies[k].local_to_world(tuple(v))) for k, v in zip(plan.body_of, plan.local, strict=True)]
        theirs = [((terms[a][0] + terms[b][0]) / 2, (terms[a][1] + terms[b][1]) / 2)
                  for a, b in zip(plan.first.tolist(), plan.second.tolist(), strict=True)]
        assert _same_bits(points, theirs)
        assert _same_bits(box, _old_bounds(plan, 28.0))
        points, box = plan.points(28.0, w.bodies)  # (the poses from the body table, read after the step)
        assert _same_bits(points, theirs)
        assert _same_bits(box, _old_bounds(plan, 28.0))


def test_a_bodys_pose_from_the_body_table_is_chipmunks_own() -> None:
    """``_table_poses``: a body's position and angle as the body table reads them give its
    position and rotation vector as chipmunk keeps them, to the bit (the rotation vector is
    (cos, sin) of the angle, by the same libm), over random angles set and stepped, and a
    body with no row (the static body) is asked of pymunk."""
    space = pymunk.Space()
    table = BodyTable(space)
    rng = np.random.default_rng(23)
    bodies = []
    for _ in range(40):
        body = pymunk.Body(rng.uniform(1.0, 50.0), rng.uniform(10.0, 5e3))
        body.position = tuple(rng.uniform(-3e3, 3e3, size=2))
        body.angle = float(rng.choice([rng.normal(0.0, 1e-3), rng.uniform(-40.0, 40.0), 0.0, -0.0]))
        body.angular_velocity = float(rng.normal(0.0, 3.0))
        body.velocity = tuple(rng.normal(0.0, 80.0, size=2))
        space.add(body, pymunk.Circle(body, 3.0))
        bodies.append(body)
    rows = [table.register(b) for b in bodies]
    for _ in range(30):
        space.step(1 / 60)
        table.read()
        poses = np.full((len(bodies) + 1, 4), 7.0)
        _table_poses(table.pos, table.angle, np.array([*rows, -1], dtype=np.intp), poses)
        want = np.array([position_rotation(b) for b in bodies])
        assert _same_bits(poses[:-1], want)
        assert (poses[-1] == 7.0).all()  # (no row: left for pymunk to fill)


def test_the_load_kernels_are_the_numpy_they_replaced() -> None:
    """``_load_points`` and ``_heaviest`` against the numpy they replaced, bit for bit, on
    random plans and poses (NaN and signed zero pushes included)."""
    rng = np.random.default_rng(7)
    for _ in range(200):
        n = int(rng.integers(1, 14))
        m = int(rng.integers(1, 40))
        local = rng.normal(0.0, 30.0, size=(m, 2))
        body_of = rng.integers(0, n, size=m).astype(np.intp)
        k = int(rng.integers(1, 30))
        first = rng.integers(0, m, size=k).astype(np.intp)
        second = np.where(rng.random(k) < 0.5, first, rng.integers(0, m, size=k)).astype(np.intp)
        angle = rng.uniform(-7.0, 7.0, size=n)
        poses = np.stack([rng.uniform(-2e3, 2e3, n), rng.uniform(-2e3, 2e3, n), np.cos(angle), np.sin(angle)], axis=1)
        reach = rng.uniform(1.0, 60.0, size=n)
        out = np.empty((k, 2))
        box = _load_points(poses, reach, 28.0, body_of, np.ascontiguousarray(local[:, 0]),
                           np.ascontiguousarray(local[:, 1]), first, second, out)
        assert _same_bits(out, _old_points(local, body_of, first, second, poses))
        lo, hi = poses[:, :2] - reach[:, None], poses[:, :2] + reach[:, None]
        want = (min(lo[:, 0].tolist()) - 28.0, min(lo[:, 1].tolist()) - 28.0,
                max(hi[:, 0].tolist()) + 28.0, max(hi[:, 1].tolist()) + 28.0)
        assert _same_bits(box, want)
        push = rng.choice([0.0, -0.0, 1.5, 2e5, np.nan], size=k) * rng.choice([1.0, rng.random()], size=k)
        starts = np.unique(np.concatenate([[0], rng.integers(0, k, size=int(rng.integers(0, k)))])).astype(np.intp)
        heaviest = np.empty(starts.size)
        _heaviest(push, starts, heaviest)
        assert _same_bits(heaviest, np.maximum.reduceat(push, starts))


def test_the_one_dispatch_coupling_loads_are_the_hordes_answers() -> None:
    """``_coupling_loads`` given the horde's own ``push_near_points`` and ``anyone_in_box``
    (as the world passes them: ``_crowd_loads``, one dispatch on the horde's arrays) answers
    what it answers asking those methods one by one, bit for bit, every tick: on a gate's pair
    a crowd leans on until the latch breaks, and on the shipped trolley box as the solver
    pushes it through the crowd."""
    pressed = []

    def same(w: World) -> None:
        horde = w.horde
        if w.joints._load_plan() is None or not horde.n:
            return
        assert _crowd_of(horde.push_near_points, horde.anyone_in_box) is horde
        fused = w.joints._coupling_loads(horde.push_near_points, horde.anyone_in_box, w.bodies)
        apart = w.joints._coupling_loads(lambda p, r: horde.push_near_points(p, r),
                                         lambda *box: horde.anyone_in_box(*box), w.bodies)
        assert _same_bits(fused, apart), w.tick
        pressed.append(any(f > 0.0 for f in fused))

    trolley_gate(120, each=same)
    assert sum(pressed) > 20
    spec = dict(_shipped_levels())["hyosan/trolley-shield-run"]
    shipped = World.from_spec(spec, 0)
    bot = make_bot("solver", 0)
    bot.reset(shipped)
    for _ in range(2400):
        shipped.step(bot.act(shipped))
        same(shipped)
        if shipped.outcome is not None:
            break
    assert len(pressed) > 1000


def test_the_grooves_and_caster_limits_are_the_python_they_replaced() -> None:
    """``RollingProps.before_step`` (the body table's poses and velocities, one compiled pass)
    sets every groove and caster limit the Python it replaced set, to the bit: that code, kept
    here, runs alongside on pymunk's own getters (the shipped trolley box, whose train runs
    past CASTER_FREE at times, and the Site's pipe stack)."""
    from hyosan.sim import rolling

    real = rolling.RollingProps.before_step
    checked = {"grooves": 0, "fast": 0}

    def old_alongside(self, coupled=frozenset()):
        laid = getattr(self, "_old_laid", None) or list(self._laid)
        limits = getattr(self, "_old_limits", None) or list(self._limits)
        want_grooves = []
        for k, (body, groove, axis) in enumerate(self._grooves):
            at = (body.position.x, body.position.y, body.angle)
            if at != laid[k]:
                x, y, angle = at
                dx, dy = math.cos(angle + axis) * rolling.GROOVE_HALF, math.sin(angle + axis) * rolling.GROOVE_HALF
                want_grooves.append((groove, (x - dx, y - dy), (x + dx, y + dy)))
                laid[k] = at
        want_limits = []
        for k, (body, floor, mass) in enumerate(self._casters):
            if id(body) in coupled:
                speed = math.hypot(*body.velocity)
                checked["fast"] += speed > rolling.CASTER_FREE
                limit = mass * rolling.caster_resist(speed)
            else:
                limit = mass * rolling.ROLL_RESIST
            if limit != limits[k]:
                want_limits.append((floor, limit))
                limits[k] = limit
        self._old_laid, self._old_limits = laid, limits
        real(self, coupled)
        for groove, a, b in want_grooves:
            assert tuple(groove.groove_a) == a and tuple(groove.groove_b) == b
        for floor, limit in want_limits:
            assert floor.max_force == limit
        for k, (_, floor, _) in enumerate(self._casters):
            assert floor.max_force == limits[k]
        checked["grooves"] += len(want_grooves)

    levels = dict(_shipped_levels())
    try:
        rolling.RollingProps.before_step = old_alongside
        # (the whole trolley run: its train runs fast in its last 300 ticks, out of the box)
        for ref, ticks in (("hyosan/trolley-shield-run", 9000), ("hyosan/construction-site-stand", 2500)):
            w = World.from_spec(levels[ref], 0)
            bot = make_bot("solver", 0)
            bot.reset(w)
            while w.outcome is None and w.tick < ticks:
                w.step(bot.act(w))
    finally:
        rolling.RollingProps.before_step = real
    assert checked["grooves"] > 1000 and checked["fast"] > 0


def test_the_surely_free_shortcut_never_hides_a_fast_caster() -> None:
    """A coupled caster whose squared speed, as rounded, is at most SURELY_FREE2 rolls no
    faster than CASTER_FREE by ``math.hypot``: its resistance is ROLL_RESIST exactly."""
    from hyosan.sim import rolling

    rng = np.random.default_rng(5)
    free = rolling.CASTER_FREE
    angle = rng.uniform(0.0, 2 * math.pi, 200_000)
    speed = free * (1.0 + rng.uniform(-1e-8, 1e-8, angle.size))
    for vx, vy in zip((speed * np.cos(angle)).tolist(), (speed * np.sin(angle)).tolist(), strict=True):
        if vx * vx + vy * vy <= rolling.SURELY_FREE2:
            assert 35.0 * rolling.caster_resist(math.hypot(vx, vy)) == 35.0 * rolling.ROLL_RESIST


def test_a_strap_with_nobody_in_its_box_bears_what_the_hordes_push_gives() -> None:
    """``_strap_loads`` skips asking the horde's push for a strap with no zombie in the box
    round its reach (nor its shapes' boxes with nobody in the box round the farthest it could
    reach): the load is what the push would have been, to the bit (a bolted gate the crowd runs
    at and never breaks, and the Site's tied tower as the solver plays it, the crowd never near)."""
    gate = world_of(squad((30.5, 2.5)) + prop("gate", "trolley", 25.0, 2.5, "angle = 90\nwidth = 46\n")
                    + '[[joints]]\nid = "bolt"\nkind = "pivot"\na = "gate"\nanchor_b = [25.0, 2.5]\n'
                    'break_force = 1e9\n[[zombies]]\nbreed = "walker"\ncount = 30\nzone = [2, 1, 18, 4]\n'
                    'state = "chase"\n', rows=CORRIDOR)
    site = World.from_spec(dict(_shipped_levels())["hyosan/construction-site-stand"], 0)
    bot = make_bot("solver", 0)
    bot.reset(site)
    skipped = asked = 0
    for w, act, ticks in ((gate, lambda w: cmd.EMPTY_INPUT, 300), (site, bot.act, 2000)):
        while w.outcome is None and w.tick < ticks:
            w.step(act(w))
            dragged = w._dragged_bodies()
            fast = w.joints._strap_loads(w.horde.push_near_points, dragged, w.horde.anyone_in_box)
            full = w.joints._strap_loads(w.horde.push_near_points, dragged)
            assert fast.keys() == full.keys()
            assert all(np.float64(fast[k]).tobytes() == np.float64(full[k]).tobytes() for k in full)
            for j in w.joints._straps:
                if id(j) in full:
                    (x, y, _), reach = w.joints._strap_reach[id(j)]
                    assert reach <= w.joints._strap_body[id(j)][1]  # (the farthest box: no zombie in it, none in this)
                    boxed = w.horde.anyone_in_box(x - reach, y - reach, x + reach, y + reach)
                    skipped, asked = skipped + (not boxed), asked + boxed
    assert skipped > 1000 and asked > 50
