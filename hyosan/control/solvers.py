"""Solvers: scripted bots that play the campaign levels with the player's commands only.

Each solver is a Python generator that yields one ``TickInput`` per tick, reading the world as
a player reads the screen (positions, doors, the objective) and never writing it. ``SolverBot``
plays ``solver_for(world.spec)``: the campaign level's own script, and only on the campaign's
file (a designer's level that reuses an id is another map); it is the playtest proof that each
level can be won (``hyosan playtest LEVEL --bot solver``). The score mode's nights, which cannot
be won, have solvers of their own in ``night_solvers``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..content.schema import LevelSpec
from ..sim import actions
from ..sim import commands as cmd
from ..sim._relax import SQRT2, quantum_for
from ..sim.director import STATION_REACH_PX
from ..sim.horde.horde import ATTACK, CHASE, INVESTIGATE, WANDER
from ..sim.jit import kernel
from ..sim.nav import _DIR_XY, _NO_MOVE, FlowField, _normalise_goals
from ..sim.props import Prop
from ..sim.tile_search import DIRS_I64, flow_from_costs, search_begin, search_dir
from ..sim.tilemap import EXIT, PUDDLE
from ..sim.units import TICK_HZ, TILE_PX
from ..sim.weather import FLASH_TICKS
from ..sim.world import USE_REACH, World
from .driver import REPLAN_TICKS, Driver, Plan, ScriptBot, tile_point


# ---------------------------------------------------------------------- the levels
def classroom_barricade(world: World) -> Plan:
    """Lock both doors, stack two desks against each, hold, fire the PA, unbar the back door, go east."""
    drv = Driver(world)

    def home(desk: str, aside_x: float) -> Plan:
        """Shove a second desk from the north onto the first: towed, it trails a step behind the
        lead and stops a tile or two short, out of the door's reach (``World.brace``). The lead
        steps out of line to ``aside_x`` (tiles) and round it, not through it."""
        prop = world.prop_by_id(desk)
        assert prop is not None
        y = float(world.bodies.pos[prop.index][1]) / TILE_PX
        yield from drv.goto(tile_point(aside_x, y + 0.8), "walk", 4.0)
        yield from drv.goto(tile_point(aside_x, y - 1.2), "walk", 4.0)
        yield from drv.push(desk, (0, 1), 2.5 * TILE_PX)

    yield from drv.tap(cmd.ToggleFollow())  # the others hold in the middle of the room
    yield from drv.set_lock("front-door", True, tile_point(33.5, 8.3))
    yield from drv.tow("desk-front-1", (0, 1), tile_point(33.5, 8.55))
    yield from drv.goto(tile_point(31.8, 8.4))
    yield from drv.tow("desk-front-2", (0, 1), tile_point(33.5, 7.05))
    yield from home("desk-front-2", 35.2)
    yield from drv.set_lock("back-door", True, tile_point(46.5, 8.3))
    yield from drv.tow("desk-back-1", (0, 1), tile_point(46.5, 8.55))
    yield from drv.goto(tile_point(48.2, 8.4))
    yield from drv.tow("desk-back-2", (0, 1), tile_point(46.5, 7.05))
    yield from home("desk-back-2", 48.2)
    yield from drv.goto(tile_point(48.3, 3.0), "sneak")
    yield from drv.wait_until(lambda: "hold" in world.objectives.done, 120.0)
    while "intercom" not in world.director.station_done and world.tick < world.time_limit_ticks:
        yield from drv.goto(tile_point(48.3, 3.0), "sneak", 5.0)
        yield from drv.tap(cmd.Use())
        yield from drv.wait(2.3)
    # Unbar: the top desk of the stack back north where it came from, then the one under it
    # (wedged between the first and the wall) east into the corner. E takes the nearest prop in
    # reach, so a tow meant for one desk can take the other (a few px of difference in where
    # they came to rest): tow again until neither is in the doorway.
    def in_doorway(desk: str) -> bool:
        prop = world.prop_by_id(desk)
        assert prop is not None
        x, y = (float(v) / TILE_PX for v in world.bodies.pos[prop.index])
        return abs(x - 46.5) < 1.5 and y > 6.5  # tiles: over the back door's column, near it

    for _ in range(4):
        stack = sorted((d for d in ("desk-back-1", "desk-back-2") if in_doorway(d)),
                       key=lambda d: float(world.bodies.pos[world.prop_by_id(d).index][1]))
        if not stack:
            break
        c = world.bodies.pos[world.prop_by_id(stack[0]).index]
        if len(stack) == 2:
            yield from drv.tow(stack[0], (0.0, -1.0), tile_point(46.5, 3.2))
        else:
            yield from drv.tow(stack[0], (1.0, 0.0), (49.4 * TILE_PX, float(c[1])))
            yield from drv.goto(tile_point(48.3, 6.0), "walk", 4.0)
    yield from drv.set_lock("back-door", False, tile_point(46.5, 8.3))
    yield from drv.tap(cmd.ToggleFollow())  # everyone with me now
    yield from drv.goto(tile_point(46.5, 11.5), "walk", 10.0)
    yield from drv.escort(tile_point(78.5, 11.5))
    while True:
        yield cmd.EMPTY_INPUT


def trolley_shield_run(world: World) -> Plan:
    """Couple the front trolley to the box's two rows, then sneak-push the box east (held, as a
    player would: it creeps, quiet); in the last stretch So-ju breaks in (her crash turns the
    back-door crowd), wait 6 s and shove on, walking."""
    drv = Driver(world)
    joints = world.joints

    def couple(joint_id: str, stand: tuple[float, float]) -> Plan:
        joint = joints.by_id(joint_id)
        assert joint is not None
        for _ in range(6):
            if joint.coupled:
                return
            yield from drv.goto(stand, "sneak", 6.0, ignore=_TROLLEY_IDS, arrive=2.0)
            yield from drv.tap(cmd.Use())
            yield from drv.wait(0.1)

    def box_x() -> float:
        front = world.prop_by_id("front")
        assert front is not None
        return float(world.bodies.pos[front.index][0]) / TILE_PX

    def push_to(x_tiles: float, timeout: float = 60.0, quiet: bool = True) -> Plan:
        """Push east into the front trolley until its centre passes ``x_tiles``: sneaking, as a
        player holds it (a sneaking push lets the box coast past a creep, world.CAREFUL_ROLL, so
        its casters never rattle), or walking, flat out (``quiet`` False)."""
        deadline = world.tick + round(timeout * TICK_HZ)
        front = world.prop_by_id("front")
        assert front is not None
        # (y, gait) -> the tick's input: three ways to push a gait, each made once (a frozen
        # command made anew every tick of the push cost ~2 us, the push most of the run)
        pushes: dict[tuple[float, str], cmd.TickInput] = {}
        while world.tick < deadline:
            fx, fy = world.bodies.pos[front.index].tolist()  # (box_x's, and its y: one read a tick)
            if not fx / TILE_PX < x_tiles:
                break
            # Push a little off the front trolley's middle, on the side the wall has drifted
            # to, so that it turns back toward the middle of the corridor as it rolls.
            # (The others push the way the lead walks: mostly straight east, so they do too.)
            aim = fy - 0.8 * (LANE_Y * TILE_PX - fy)
            dy = aim - drv.lead_point()[1]
            key = (0.0 if abs(dy) < 3.0 else math.copysign(0.15, dy), "sneak" if quiet else "walk")
            push = pushes.get(key)
            if push is None:
                push = pushes[key] = cmd.TickInput((cmd.Move(1.0, *key),))
            yield push

    x0 = box_x()
    yield from couple("front-n", tile_point(x0 - 1.25 - 0.45, 15.2))
    yield from couple("front-s", tile_point(x0 - 1.25 - 0.45, 15.8))
    yield from push_to(88.0, 200.0)  # the lead is in the last stretch: So-ju breaks in
    yield from drv.wait(6.0)  # the back-door crowd turns to her crash
    # Past the last auditorium door the horde is up anyway (her crash breaks locks): no more
    # creeping, the back door before the crowd is done with him.
    yield from push_to(116.0, 120.0, quiet=False)


def construction_site_stand(world: World) -> Plan:
    """Brace the locked north door with two scaffold frames, meet Gwi-nam at the crane latch on
    the pit's west lip (he lunges at the lead and falls; if he runs down the rim instead, the
    load is let go on him), hold for the drones, unlock the east door and cross the bridge."""
    drv = Driver(world)
    yield from drv.tap(cmd.ToggleFollow())  # the others hold in the middle of the slab
    # North door (room to the south): tow one frame up to it and push it home against the
    # doorway, then the second up against the first.
    yield from drv.tow("frame-north-1", (0, -1), tile_point(41.5, 7.45))
    yield from drv.push("frame-north-1", (0, -1), 12.0)
    yield from drv.goto(tile_point(42.8, 8.0))
    # The second west along its row until it lies under the first (it trails the lead by its
    # half-length), then up against it: a frame braces the door only touching the first.
    yield from drv.tow("frame-north-2", (-1, 0), tile_point(39.1, 10.5))
    yield from drv.push("frame-north-2", (0, -1), 40.0)
    yield from drv.goto(tile_point(31.35, 8.3), "walk", 20.0)
    halfbie = world.breeds.index("halfbie")

    def gwi_nam_in_the_swing(rows: list[int]) -> bool:
        """One of the halfbie ``rows`` (horde rows) stands under the crane's load."""
        pos = world.horde.pos_all  # (rows below n: ``horde.pos``'s; a plain loop, asked every tick of the hold)
        for r in rows:
            x, y = pos[r].tolist()
            if 440.0 <= x <= 490.0 and 150.0 <= y <= 260.0:
                return True
        return False

    latch = world.joints.by_id("crane-latch")
    here = tile_point(31.35, 8.3)
    bait_due = round(SITE_BAIT_AT * TICK_HZ) if SITE_BAIT else None
    # The halfbie ignores lures: while no live zombie does (``horde.has_stalkers``, kept as its
    # rows come and go), none is his, and his rows are not looked for (~3 us a tick of the hold).
    stalks = bool(world.breeds.ignores_lures[halfbie])
    while "hold" not in world.objectives.done and world.tick < world.time_limit_ticks:
        # (his row, once a tick: [] once he fell)
        gwi_nam = (world.horde.breed == halfbie).nonzero()[0].tolist() if world.horde.has_stalkers or not stalks else []
        if bait_due is not None and world.tick >= bait_due and not gwi_nam:
            bait_due = None
            yield from _site_bait(world, drv)
        elif latch is not None and latch.coupled and gwi_nam_in_the_swing(gwi_nam):
            yield from drv.tap(cmd.Use())
        elif gwi_nam and world.tick % (3 * TICK_HZ) == 0:
            # He hunts the lead's last noise: a footstep here calls him along the rim.
            for _ in range(22):
                yield drv.move_toward(drv.lead_pos(), (here[0], here[1] + 8.0), "walk")
            yield from drv.goto(here, "walk", 2.0)
        yield cmd.EMPTY_INPUT
    if bait_due is not None:
        yield from _site_bait(world, drv)
    # The drones came: unlock the east door, everyone to the bridge head behind the pipe stack.
    yield from drv.set_lock("east-door", False, tile_point(56.3, 9.5))
    if not world.follow:
        yield from drv.tap(cmd.ToggleFollow())  # everyone with me now
    yield from _site_clear_bridge_head(world, drv)
    yield from drv.goto(tile_point(58.9, 10.4), "walk", 10.0, arrive=3.0)
    # Knock the chock out when the crowd coming up the ramp is on the bridge ahead of the stack
    # (or after a short wait): the stack rolls east and sweeps it; then cross behind it.
    yield from drv.wait_until(lambda: _site_bridge_crowd(world) >= SITE_SWEEP_CROWD, timeout=SITE_SWEEP_WAIT)
    chock = world.joints.by_id("stack-chock")
    for _ in range(6):  # (whoever leads now: the first lead may have fallen at the door)
        if chock is None or not chock.coupled:
            break
        yield from _site_clear_bridge_head(world, drv)
        yield from drv.goto(tile_point(58.9, 10.4), "walk", 5.0, arrive=4.0)
        yield from drv.tap(cmd.Use())
        yield from drv.wait(0.3)
    yield from drv.wait(1.2)
    while True:
        yield from drv.escort(tile_point(74.4, 10.5))  # the stack ends up just past it
        yield cmd.EMPTY_INPUT


def _site_clear_bridge_head(world: World, drv: Driver, seconds: float = 6.0) -> Plan:
    """Fell any zombie caught on the bridge head between the east door and the pipe stack."""
    deadline = world.tick + round(seconds * TICK_HZ)
    while world.tick < deadline:
        p = world.horde.pos / TILE_PX
        near = np.nonzero((p[:, 0] > 57.2) & (p[:, 0] < 59.8) & (p[:, 1] > 8.9) & (p[:, 1] < 12.0))[0]
        if near.size == 0:
            return
        z = world.horde.pos[int(near[0])]
        lead = drv.lead_pos()
        swing = (cmd.Melee(),) if math.hypot(z[0] - lead[0], z[1] - lead[1]) < 18.0 else ()
        yield drv.move_toward(lead, (float(z[0]), float(z[1])), "walk", *swing)


SITE_BAIT = True  # Construction-Site Stand: leave Cheong-san behind as bait before crossing
SITE_BAIT_AT = 90.0  # s: when he goes to the crane cab (once Gwi-nam is gone), before the drones
SITE_SWEEP_CROWD = 4  # zombies on the bridge east of the stack that call for the pipes
SITE_SWEEP_WAIT = 6.0  # s: the longest the solver waits for them before letting the stack go


def _site_bridge_crowd(world: World) -> int:
    """Zombies on the bridge ahead of the pipe stack (tiles x 61.5-74, y 9-12)."""
    p = world.horde.pos / TILE_PX
    return int(((p[:, 0] > 61.5) & (p[:, 0] < 74.0) & (p[:, 1] > 9.0) & (p[:, 1] < 12.0)).sum())


def _site_bait(world: World, drv: Driver) -> Plan:
    """Cheong-san takes the lead, walks to the crane cab and stays there as bait (hold E);
    the lead passes on to the next student."""
    for _ in range(len(world.students)):
        if world.lead_student.id == "cheong-san":
            break
        yield from drv.tap(cmd.SwitchLead())
    cab = tile_point(32.5, 18.5)
    yield from drv.goto(cab, "walk", 20.0, arrive=4.0)
    yield from drv.tap(cmd.Use())
    yield from drv.wait_until(lambda: world.lead_student.id != "cheong-san", timeout=6.0)


LANE_Y = 15.5  # tiles: the middle of the back corridor
_TROLLEY_IDS = {f"{lane}{k}" for lane in "ns" for k in range(1, 6)} | {"front", "rear"}


class StormDriver(Driver):
    """Driver for the night yard: paths keep off puddles (a splash carries) and a tile clear of
    the cars (a bumped car screams), and it reads the horde a player sees in the dark."""

    CAR_MARGIN_PX = 12.0
    ALARM_BERTH_PX = 6 * TILE_PX  # keep this far from a screaming car: the crowd is there

    def __init__(self, world: World) -> None:
        super().__init__(world)
        self._stealth: StealthField | None = None  # the last stealth field handed out
        self._near: tuple[int, int, int, float, float] | None = None  # see _nearest
        self._reach: np.ndarray | None = None  # see reachable, for grid version _reach_key
        self._reach_key: int | None = None

    def _puddles_and_lamps(self) -> np.ndarray:
        w = self.w
        rows, cols = w.tilemap.kind.shape
        out = w.tilemap.kind == PUDDLE
        cy, cx = np.mgrid[0:rows, 0:cols]
        for lx, ly, r in w.sky.lamps:  # a lamp's pool shows you at 240 px: go round it
            out |= np.hypot((cx + 0.5) * TILE_PX - lx, (cy + 0.5) * TILE_PX - ly) <= r + 8.0
        return out

    def _prop_mark(self, prop: Prop, ignore: set[str]) -> int:
        """``Driver._prop_mark`` and, for a car, 2: a margin of CAR_MARGIN_PX round it."""
        return super()._prop_mark(prop, ignore) | (2 if prop.type.alarm else 0)

    def _mark_more(self, blocked: np.ndarray) -> None:
        """Puddles, lamp pools and a sounding car's crowd, on top of ``Driver._blocked``."""
        w = self.w
        # Puddles are tile kinds and the lamps never move (sky.lamps is fixed): a static mask.
        blocked |= self._static("puddles-lamps", self._puddles_and_lamps)
        rows, cols = blocked.shape
        for em in w.director.active.values():  # the crowd gathering at a sounding alarm
            if em.kind == "car-alarm":
                cy, cx = np.mgrid[0:rows, 0:cols]
                blocked |= np.hypot((cx + 0.5) * TILE_PX - em.x, (cy + 0.5) * TILE_PX - em.y) <= self.ALARM_BERTH_PX

    def lure_target(self, route: list[tuple[float, float]], min_away: float,
                    goal: tuple[float, float]) -> tuple[float, float] | None:
        """A car a thrown phone can reach from here, ahead of us (nearer the goal, so the yard
        between walks away from us to it) and as far from the rest of the route as can be (at
        least ``min_away`` px): its alarm pulls the yard off the way."""
        w = self.w
        lead = self.lead_pos()
        ours = math.hypot(goal[0] - lead[0], goal[1] - lead[1])
        pts = np.asarray(route, dtype=float) if route else lead[None, :]
        best: tuple[float, tuple[float, float]] | None = None
        for prop in w.props:
            if not prop.type.alarm:
                continue
            sid = w.director.alarm_for(prop.spec.id)
            if sid is None or sid in w.director.active:
                continue
            c = w.bodies.pos[prop.index]
            target = (float(c[0]), float(c[1]))
            if math.hypot(c[0] - lead[0], c[1] - lead[1]) < 8 * TILE_PX or \
                    math.hypot(goal[0] - c[0], goal[1] - c[1]) > ours - 4 * TILE_PX:
                continue  # too near us, or behind us: its crowd would come through us
            lx, ly = actions.landing_point(w, float(lead[0]), float(lead[1]), *target)
            if min(sh.point_query((lx, ly)).distance for sh in prop.body.shapes) > actions.CAR_HIT_RADIUS * 0.7:
                continue
            away = float(np.hypot(pts[:, 0] - c[0], pts[:, 1] - c[1]).min())
            if away >= min_away and (best is None or away > best[0]):
                best = (away, target)
        return best[1] if best else None

    DANGER_RADIUS_TILES = 5  # a zombie this close (tiles) makes a tile costly to cross
    DANGER_WEIGHT = 60.0  # extra walk cost per zombie at distance 0, falling to 0 at the radius
    DANGER_LEAD_PX = 24.0  # a zombie's danger is centred this far ahead of it, where it looks
    SWING_PX = 20.0  # a zombie this close gets the lead's swing (one hit fells a walker)
    DEFEND_PX = 90.0  # a hunting zombie this close to the lead: go and fell it
    HOLD_PX = 0.0  # a walking zombie this close to any of the squad: stand still until it passes
    LURE_CORRIDOR_PX = 6 * TILE_PX  # zombies this close to the way ahead are "on the way"
    LURE_CROWD = 6  # this many on the way calls for a phone on a car
    LURE_OFF_WAY_PX = 8 * TILE_PX  # the car must be at least this far off the way ahead
    LURE_EVERY_S = 12.0  # at most one phone this often (the alarm sounds 15 s)
    HIDE_NEAR_PX = 10 * TILE_PX  # this close to an exposed station, wait in cover for a flash
    GO_AFTER_FLASH_S = 3.0  # leave cover for the station up to this long after a flash
    COMMIT_S = 5.0  # not at work on it this long after the flash: back to cover
    QUIET_S = 14.0  # s: the least time between two flashes a player comes to expect here

    def danger_counts(self) -> np.ndarray:
        """(rows, cols): the zombies on our side, by the tile each walks into (chasers 3, others 1)."""
        w = self.w
        rows, cols = w.tilemap.kind.shape
        horde = w.horde
        if not horde.n:
            return np.zeros((rows, cols))
        # One behind a wall or a chained gate is no danger (reachable: not on our side).
        return _danger_counts(horde.pos, horde.facing, horde.state, CHASE, self.reachable(),
                              self.DANGER_LEAD_PX, float(TILE_PX), rows, cols)

    def _exit_mask(self) -> np.ndarray:
        """The exit tiles (a ``_static`` mask: they are tile kinds)."""
        return self.w.tilemap.exit_mask

    def exit_tiles(self) -> np.ndarray:
        """(k, 2) [row, col] of the exit tiles, ``np.argwhere(exit_mask)`` (a ``_static``: read-only)."""
        return self._static("exit-tiles", lambda: np.argwhere(self._static("exits", self._exit_mask)))

    def reachable(self) -> np.ndarray:
        """(rows, cols): tiles a walker can reach from the lead (walls, windows and locked doors
        block), redone when a door changes."""
        w = self.w
        key = w.horde.grid_version
        if self._reach is None or self._reach_key != key:
            open_ = ~w.tilemap.solid
            for door in w.doors:
                c, r = door.spec.tile
                open_[r, c] = not door.locked or door.broken
            p = self.lead_pos()
            c, r = w.tilemap.tile_of(float(p[0]), float(p[1]))
            seen = np.zeros_like(open_)
            seen[r, c] = True
            while True:  # flood fill by dilation, 4 ways
                grown = seen.copy()
                grown[1:, :] |= seen[:-1, :]
                grown[:-1, :] |= seen[1:, :]
                grown[:, 1:] |= seen[:, :-1]
                grown[:, :-1] |= seen[:, 1:]
                grown &= open_
                if (grown == seen).all():
                    break
                seen = grown
            self._reach, self._reach_key = seen, key
        return self._reach

    def stealth_field(self, exits: np.ndarray) -> StealthField:
        """A flow field to the exit over walk costs that shun zombies, puddles, lamps and cars
        (built when first read; the last one again while its inputs stay the same)."""
        w = self.w
        blocked = self._blocked(set())
        p = self.lead_pos()
        c, r = w.tilemap.tile_of(float(p[0]), float(p[1]))
        blocked[r, c] = False
        blocked[self._static("exits", self._exit_mask)] = False
        counts = self.danger_counts()
        last = self._stealth
        if last is None or not last.same(blocked, counts, exits):
            last = self._stealth = StealthField(blocked, counts, exits, self._build_stealth, self._begin_stealth)
        return last

    def _build_stealth(self, blocked: np.ndarray, counts: np.ndarray, goals: np.ndarray) -> FlowField:
        """The flow field toward ``goals`` over walk costs (inf = blocked) that add the danger
        spread round ``danger_counts`` ``counts``."""
        dr, dc, k = _danger_kernel(self.DANGER_RADIUS_TILES)
        return _stealth_flow(blocked, counts, goals, dr, dc, k, self.DANGER_WEIGHT)

    def _begin_stealth(self, blocked: np.ndarray, counts: np.ndarray, goals: np.ndarray) -> tuple:
        """``_build_stealth``'s field begun, to be read a tile at a time (``StealthField.step_at``)."""
        dr, dc, k = _danger_kernel(self.DANGER_RADIUS_TILES)
        return _stealth_search(blocked, counts, goals, dr, dc, k, self.DANGER_WEIGHT)

    def next_step(self, field) -> tuple[float, float] | None:
        """The centre of the next tile downhill from the lead's tile, or None at a dead end."""
        px, py = self.lead_pos().tolist()
        c, r = self.w.tilemap.tile_of(px, py)
        step = field.step_at(r, c) if isinstance(field, StealthField) else _tile_step(field.dir[r, c])
        if step is None:
            return None
        return (c + step[0] + 0.5) * TILE_PX, (r + step[1] + 0.5) * TILE_PX

    def way_ahead(self, field, tiles: int) -> list[tuple[float, float]]:
        """Tile centres (px) of the next ``tiles`` tiles down the field from the lead."""
        p = self.lead_pos()
        c, r = self.w.tilemap.tile_of(float(p[0]), float(p[1]))
        out: list[tuple[float, float]] = []
        rows, cols = field.dist.shape
        for _ in range(tiles):
            d = field.dir[r, c]
            if float(np.hypot(d[0], d[1])) < 0.5:
                break
            c = min(max(c + int(round(float(d[0]))), 0), cols - 1)
            r = min(max(r + int(round(float(d[1]))), 0), rows - 1)
            out.append(((c + 0.5) * TILE_PX, (r + 0.5) * TILE_PX))
        return out

    def zombies_near(self, points: list[tuple[float, float]], radius: float) -> int:
        """How many zombies are within ``radius`` px of any of these points."""
        horde = self.w.horde
        if horde.n == 0 or not points:
            return 0
        pts = np.asarray(points, dtype=float)
        pos = horde.pos
        d = np.hypot(pos[:, None, 0] - pts[None, :, 0], pos[:, None, 1] - pts[None, :, 1])
        return int((d.min(axis=1) < radius).sum())

    def _squad_pos(self) -> np.ndarray:
        return np.array([self.w.student_pos(s) for s in self.w.students if s.alive]).reshape(-1, 2)

    def attacker(self, radius: float) -> tuple[float, float] | None:
        """A chasing or biting zombie within ``radius`` px of the lead that is closing on one of
        the squad (the nearest such), if any."""
        horde = self.w.horde
        if horde.n == 0:
            return None
        # The nearest hunter (once a tick, with the nearest): the nearest of those within
        # ``radius`` exactly when it is within it itself, and then the first of equals too.
        _, _, k, _, gap = self._nearest()
        if k < 0 or not gap < radius:
            return None
        pos = horde.pos
        return float(pos[k, 0]), float(pos[k, 1])

    def swing_if_close(self, p: np.ndarray) -> cmd.TickInput | None:
        """Face the nearest zombie and swing when one is within ``SWING_PX`` of the lead at
        ``p`` (louder than sneaking, melee 220 px, but one hit fells a walker); else None."""
        close = self.closest_zombie_pos()
        if close is not None and math.hypot(close[0] - p[0], close[1] - p[1]) <= self.SWING_PX:
            return self.move_toward(p, close, "sneak", cmd.Melee())
        return None

    def passing(self, radius: float) -> bool:
        """A walking zombie within ``radius`` px of one of the squad (not yet hunting it):
        standing ones are walked round by the cost map instead."""
        horde = self.w.horde
        if horde.n == 0 or radius <= 0.0:  # nothing is nearer than 0 px (HOLD_PX is 0: never)
            return False
        walking = (horde.state == WANDER) | (horde.state == INVESTIGATE)
        if not walking.any():
            return False
        pos = horde.pos[walking]
        sq = self._squad_pos()
        d = np.hypot(pos[:, None, 0] - sq[None, :, 0], pos[:, None, 1] - sq[None, :, 1])
        return bool((d.min(axis=1) < radius).any())

    def cover_spot(self, reach_tiles: int = 3) -> tuple[float, float] | None:
        """The tile within ``reach_tiles`` of the lead that the fewest zombies would see in a
        lightning flash (daylight 320 px, their cone, walls in the way); nearest on a tie."""
        from ..sim.sight import CONE_DEG, line_of_sight
        from ..sim.weather import SIGHT_BY_LIGHT

        w = self.w
        horde = w.horde
        p = self.lead_pos()
        c0, r0 = w.tilemap.tile_of(float(p[0]), float(p[1]))
        blocked = self._blocked(set())
        rows, cols = blocked.shape
        cands = [(c, r) for r in range(r0 - reach_tiles, r0 + reach_tiles + 1)
                 for c in range(c0 - reach_tiles, c0 + reach_tiles + 1)
                 if 0 <= r < rows and 0 <= c < cols and (not blocked[r, c] or (c, r) == (c0, r0))]
        if horde.n == 0 or not cands:
            return None
        flash = SIGHT_BY_LIGHT["day"] * w.sky.sight_mult
        near = np.nonzero(np.hypot(horde.pos[:, 0] - p[0], horde.pos[:, 1] - p[1]) < flash + reach_tiles * TILE_PX)[0]
        if near.size == 0:
            return None
        zp, zf = horde.pos[near], horde.facing[near]
        cos = math.cos(math.radians(CONE_DEG / 2))
        best: tuple[int, float, tuple[float, float]] | None = None
        for c, r in cands:
            t = np.array([(c + 0.5) * TILE_PX, (r + 0.5) * TILE_PX])
            d = t - zp
            dist = np.hypot(d[:, 0], d[:, 1])
            look = (d[:, 0] * zf[:, 0] + d[:, 1] * zf[:, 1]) >= cos * dist
            chasing = horde.state[near] == CHASE
            cand = np.nonzero((dist <= flash) & (look | chasing))[0]
            seen = int(line_of_sight(horde.opaque, zp[cand], np.repeat(t[None, :], cand.size, axis=0), flash).sum()) \
                if cand.size else 0
            far = float(math.hypot(t[0] - p[0], t[1] - p[1]))
            if best is None or (seen, far) < best[:2]:
                best = (seen, far, (float(t[0]), float(t[1])))
        return best[2] if best else None

    def flash_watch_grid(self, centre: tuple[float, float], reach_tiles: int) -> tuple[np.ndarray, int, int]:
        """How many zombies would see each tile within ``reach_tiles`` of ``centre`` (px) in a
        lightning flash, whichever way they face (they turn as they shuffle): daylight range,
        walls and the hut in the way. Returns the (2k+1, 2k+1) counts and the window's corner
        (col, row); tiles off the map count as unseen."""
        from ..sim.weather import SIGHT_BY_LIGHT

        w = self.w
        horde = w.horde
        k = reach_tiles
        c0, r0 = w.tilemap.tile_of(*centre)
        c0, r0 = c0 - k, r0 - k
        rows, cols = w.tilemap.kind.shape
        grid = np.zeros((2 * k + 1, 2 * k + 1), dtype=np.int64)
        if horde.n == 0:
            return grid, c0, r0
        flash = SIGHT_BY_LIGHT["day"] * w.sky.sight_mult
        near = np.nonzero(np.hypot(horde.pos[:, 0] - centre[0], horde.pos[:, 1] - centre[1])
                          < flash + (k + 1) * TILE_PX)[0]
        if near.size == 0:
            return grid, c0, r0
        zp = horde.pos[near]
        cc, rr = np.meshgrid(np.arange(2 * k + 1) + c0, np.arange(2 * k + 1) + r0)
        inside = (cc >= 0) & (cc < cols) & (rr >= 0) & (rr < rows)
        tiles = np.stack([(cc[inside] + 0.5) * TILE_PX, (rr[inside] + 0.5) * TILE_PX], axis=1)
        # line_of_sight(opaque, every zombie x every tile, flash), summed per tile, compiled:
        # at ~10^4 rays a call the batched numpy march cost ~1 ms.
        grid[inside] = _flash_watchers(horde.opaque, zp, tiles, flash)
        return grid, c0, r0

    def hide_spot(self, near: tuple[float, float], reach_tiles: int = 7) -> tuple[tuple[float, float], int]:
        """A tile within ``reach_tiles`` of ``near`` (px) where the squad, bunched round it (the
        tile and its neighbours), is seen by the fewest zombies in a flash; nearest ``near`` on a
        tie. Returns its centre (px) and that count."""
        w = self.w
        grid, c0, r0 = self.flash_watch_grid(near, reach_tiles + 1)
        blocked = self._blocked(set())
        reach = self.reachable()
        rows, cols = blocked.shape
        n = grid.shape[0]
        padded = np.pad(grid, 1)
        footprint = sum(padded[1 + dr:1 + dr + n, 1 + dc:1 + dc + n] for dr in (-1, 0, 1) for dc in (-1, 0, 1))
        nc, nr = w.tilemap.tile_of(*near)
        best: tuple[int, float, tuple[float, float]] | None = None
        for i in range(1, n - 1):
            for j in range(1, n - 1):
                c, r = c0 + j, r0 + i
                if not (0 <= c < cols and 0 <= r < rows) or blocked[r, c] or not reach[r, c]:
                    continue
                key = (int(footprint[i, j]), math.hypot(c - nc, r - nr), ((c + 0.5) * TILE_PX, (r + 0.5) * TILE_PX))
                if best is None or key[:2] < best[:2]:
                    best = key
        if best is None:
            return near, 0
        return best[2], best[0]

    def exposed(self, spot: tuple[float, float]) -> int:
        """How many zombies would see the squad bunched at ``spot`` (px) in a flash."""
        grid, _, _ = self.flash_watch_grid(spot, 1)
        return int(grid.sum())

    def lead_gaps(self) -> np.ndarray:
        """(n,) px from the lead to each zombie (horde rows)."""
        p = self.lead_pos()
        pos = self.w.horde.pos
        return np.hypot(pos[:, 0] - p[0], pos[:, 1] - p[1])

    def _nearest(self) -> tuple[int, int, int, float, float]:
        """(tick, the row of the zombie nearest the lead: ``np.argmin(lead_gaps())``'s, -1 with
        no zombie; the row of the nearest chasing or attacking, -1 for none; their two gaps,
        px), once a tick: the solver asks several times before the world steps, and nothing
        moves in between."""
        w = self.w
        memo = self._near
        if memo is None or memo[0] != w.tick:
            px, py = self.lead_pos().tolist()
            horde = w.horde  # (its whole row arrays and the count: ``pos`` and ``state`` are views of them)
            memo = self._near = (w.tick, *_nearest_rows(horde.pos_all, horde.n, px, py, horde.state_all, CHASE, ATTACK))
        return memo

    def closest_zombie_pos(self) -> tuple[float, float] | None:
        """Where the zombie nearest the lead is (px), if any."""
        horde = self.w.horde
        if horde.n == 0:
            return None
        pos = horde.pos
        k = self._nearest()[1]
        return float(pos[k, 0]), float(pos[k, 1])

    def nearest_zombie(self) -> float:
        """px from the lead to the nearest zombie."""
        if self.w.horde.n == 0:
            return math.inf
        return self._nearest()[3]  # (lead_gaps().min(): the least, or nan as argmin's first nan)


@kernel
def _flash_watchers(opaque, zp, tiles, flash):  # type: ignore[no-untyped-def]
    """Per tile centre of ``tiles`` (m, 2 px), how many of the zombies at ``zp`` (n, 2 px) see
    it: ``hyosan.sim.sight.line_of_sight(opaque, zp repeated, tiles tiled, flash)`` summed over
    the zombies, ray by ray with its arithmetic (hypot range; samples every RAY_STEP_PX short of
    the end at t = min(s / dist, 1), tile = floor(delta / TILE_PX * t + a / TILE_PX); a sample
    off the map or on an opaque tile blocks unless it is either end's own tile)."""
    h, w = opaque.shape
    per = 1.0 / 16.0  # sight's _PER_TILE (TILE_PX 16: exact)
    out = np.zeros(tiles.shape[0], dtype=np.int64)
    for z in range(zp.shape[0]):
        ax = zp[z, 0]
        ay = zp[z, 1]
        a16x = ax * per
        a16y = ay * per
        eac = np.floor(a16x)
        ear = np.floor(a16y)
        for j in range(tiles.shape[0]):
            bx = tiles[j, 0]
            by = tiles[j, 1]
            dx = bx - ax
            dy = by - ay
            dist = np.hypot(dx, dy)
            if not dist <= flash:
                continue
            clear = True
            if dist > 8.0:
                d16x = dx * per
                d16y = dy * per
                ebc = np.floor(bx * per)
                ebr = np.floor(by * per)
                k = 1
                while k * 8.0 < dist:
                    t = (k * 8.0) / dist
                    if t > 1.0:
                        t = 1.0
                    col = np.floor(d16x * t + a16x)
                    row = np.floor(d16y * t + a16y)
                    if 0.0 <= col < w and 0.0 <= row < h:
                        hit = opaque[np.int64(row), np.int64(col)]
                    else:
                        hit = True
                    if hit and not ((col == eac and row == ear) or (col == ebc and row == ebr)):
                        clear = False
                        break
                    k += 1
            if clear:
                out[j] += 1
    return out


@kernel
def _nearest_rows(pos, n, px, py, state, chase, attack):  # type: ignore[no-untyped-def]
    """Of the gaps ``np.hypot(pos[:n, 0] - px, pos[:n, 1] - py)``: their ``np.argmin`` (the
    first least, or the first nan; -1 for no rows) and the first least (not nan) of the rows
    whose ``state`` is ``chase`` or ``attack`` (-1 for none), with those two gaps (nan for
    -1). The same rows and bits as the whole array's, but a hypot (~9 ns, most of the cost)
    only for a row that may be least: one whose squared gap ``dx * dx + dy * dy`` exceeds
    ``(the least square so far + 1e-250) * (1 + 1e-9)`` is farther than that earlier row by
    far more than the rounding of the squares (a few ulps) and of hypot (under one ulp) can
    bridge, so its hypot is the larger and it is not the first least (the absolute 1e-250
    covers squares that underflow). Rows come in no order, so only ~ln(n) new leasts a pass.
    A nan among the squares: the pass again with every row's hypot, as before."""
    k = -1
    hunter = -1
    gap_k = np.nan
    gap_hunter = np.nan
    for exact in range(2):
        least = np.inf
        least_hunting = np.inf
        k = -1
        hunter = -1
        gap_k = np.nan
        gap_hunter = np.nan
        nan_seen = False
        for i in range(n):
            dx = pos[i, 0] - px
            dy = pos[i, 1] - py
            sq = dx * dx + dy * dy
            hunting = state[i] == chase or state[i] == attack
            if sq != sq and not exact:
                nan_seen = True
                break
            if sq < least:
                least = sq
            if hunting and sq < least_hunting:
                least_hunting = sq
            if not (exact or sq <= (least + 1e-250) * (1.0 + 1e-9)
                    or (hunting and sq <= (least_hunting + 1e-250) * (1.0 + 1e-9))):
                continue
            d = np.hypot(dx, dy)
            if k < 0 or d < gap_k or (d != d and gap_k == gap_k):
                k = i
                gap_k = d
            if hunting and d == d and (hunter < 0 or d < gap_hunter):
                hunter = i
                gap_hunter = d
        if not nan_seen:
            break
    return k, hunter, gap_k, gap_hunter


@kernel
def _danger_counts(pos, facing, state, chase, reach, lead_px, tile, rows, cols):  # type: ignore[no-untyped-def]
    """``StormDriver.danger_counts``' numpy, row by row in order: the tile each zombie walks
    into (``pos + facing * lead_px``, floor-divided by ``tile``, clipped to the map; ``tile`` a
    power of two, the quotient is exact and its floor is numpy's ``//``, without its fmod) gets
    ``(3.0 if chasing else 1.0) * reach[its own tile]`` added (``np.add.at``'s order, from 0.0)."""
    counts = np.zeros((rows, cols))
    for i in range(pos.shape[0]):
        zc = min(max(np.int64(np.floor(pos[i, 0] / tile)), 0), cols - 1)
        zr = min(max(np.int64(np.floor(pos[i, 1] / tile)), 0), rows - 1)
        c = min(max(np.int64(np.floor((pos[i, 0] + facing[i, 0] * lead_px) / tile)), 0), cols - 1)
        r = min(max(np.int64(np.floor((pos[i, 1] + facing[i, 1] * lead_px) / tile)), 0), rows - 1)
        weight = (3.0 if state[i] == chase else 1.0) * (1.0 if reach[zr, zc] else 0.0)
        counts[r, c] += weight
    return counts


@lru_cache(maxsize=4)
def _danger_kernel(rad: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The offsets (d_row, d_col) within ``rad`` tiles, lexicographic, and their weights
    ``1 - |offset| / (rad + 1)`` (the zero ones left out). Cached: never written."""
    offs = [(dr, dc, 1.0 - math.hypot(dr, dc) / (rad + 1))
            for dr in range(-rad, rad + 1) for dc in range(-rad, rad + 1)]
    offs = [o for o in offs if o[2] > 0]
    return (np.array([o[0] for o in offs]), np.array([o[1] for o in offs]), np.array([o[2] for o in offs]))


@kernel
def _spread_kernel(counts, dr, dc, k):  # type: ignore[no-untyped-def]
    """The danger spread: out[t] = sum over tiles s within the radius of t of k(s - t) *
    counts[s] (``_danger_kernel``'s offsets and weights), as out[t] += k[j] * counts[s] for
    each nonzero source tile s (row-major), each offset j in turn (t = s - offset, on the
    map), from 0.0: the order and the products of the ``np.bincount`` it replaced (and of the
    sweep of the whole map per offset before that: the zero terms it added change nothing),
    bit for bit."""
    rows, cols = counts.shape
    out = np.zeros((rows, cols))
    n = dr.shape[0]
    for sr in range(rows):
        for sc in range(cols):
            v = counts[sr, sc]
            if v == 0.0:
                continue
            for j in range(n):
                tr = sr - dr[j]
                tc = sc - dc[j]
                if 0 <= tr < rows and 0 <= tc < cols:
                    out[tr, tc] += k[j] * v
    return out


@kernel
def _stealth_cost(blocked, counts, dr, dc, k, weight):  # type: ignore[no-untyped-def]
    """The stealth field's walk costs, ``np.where(blocked, inf, 1.0 + weight * spread)`` (the
    danger spread by ``_spread_kernel``), and the finite ones in row-major order (as
    ``cost[np.isfinite(cost)]``: ``NavGrid`` sizes its weights by their numpy sum)."""
    spread = _spread_kernel(counts, dr, dc, k)
    rows, cols = blocked.shape
    cost = np.empty((rows, cols))
    fin = np.empty(rows * cols)
    m = 0
    for r in range(rows):
        for c in range(cols):
            v = np.inf if blocked[r, c] else 1.0 + weight * spread[r, c]
            cost[r, c] = v
            if np.isfinite(v):
                fin[m] = v
                m += 1
    return cost, fin[:m]


assert math.frexp(TILE_PX)[0] == 0.5, "the kernels' floor(x / TILE_PX) is x // TILE_PX for a power of two"


def _stealth_flow(blocked: np.ndarray, counts: np.ndarray, goals: np.ndarray, dr: np.ndarray, dc: np.ndarray,
                  k: np.ndarray, weight: float) -> FlowField:
    """``flow_field(np.where(blocked, inf, 1.0 + weight * spread(counts)), goals)``, bit for bit,
    compiled: NavGrid's build (its (8, h, w) move costs in numpy) and solve cost ~0.9 ms a field,
    ~0.15 ms here; the Storm solver builds ~250 a run."""
    cost, quantum, g, g64 = _stealth_costs(blocked, counts, goals, dr, dc, k, weight)
    dist, direction = flow_from_costs(cost, g64, quantum, SQRT2, DIRS_I64, _DIR_XY, _NO_MOVE)
    return FlowField(dist=dist, dir=direction, goal_tiles=g, grid_version=0, sweeps=0)


def _stealth_costs(blocked: np.ndarray, counts: np.ndarray, goals: np.ndarray, dr: np.ndarray, dc: np.ndarray,
                   k: np.ndarray, weight: float) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """The walk costs, NavGrid's quantum for them and the goals normalised as nav's (int32,
    and as int64 for the search kernels)."""
    cost, finite = _stealth_cost(blocked, counts, dr, dc, k, weight)
    fin_sum = float(finite.sum())  # (numpy's pairwise sum, as NavGrid's)
    h, w = cost.shape
    # NavGrid's weight grid, in Python as there (log2 and ceil on the same float).
    big = 2.0 ** math.ceil(math.log2(4.0 * (fin_sum * SQRT2 * 8.0 + 1.0)))
    goals = np.ascontiguousarray(goals, dtype=np.int64)
    return cost, quantum_for(big * (max(h, w) + 2)), *_goal_tiles(goals.tobytes(), goals.shape, h, w)


@lru_cache(maxsize=16)
def _goal_tiles(data: bytes, shape: tuple[int, ...], h: int, w: int) -> tuple[np.ndarray, np.ndarray]:
    """``_normalise_goals`` of the int64 goal tiles ``data`` (of ``shape``) on an (h, w) map, and
    the same as int64, read-only: a pure function of them, worked out once per leg (the
    solver begins a field every ~20 ticks, toward the same few goals; the exit's are ~30
    tiles to sort and deduplicate)."""
    g = _normalise_goals(np.frombuffer(data, dtype=np.int64).reshape(shape), h, w)
    g64 = g.astype(np.int64)
    g.setflags(write=False)
    g64.setflags(write=False)
    return g, g64


def _stealth_search(blocked: np.ndarray, counts: np.ndarray, goals: np.ndarray, dr: np.ndarray, dc: np.ndarray,
                    k: np.ndarray, weight: float) -> tuple:
    """``_stealth_flow``'s Dijkstra begun, to be settled tile by tile (``search_dir``)."""
    cost, quantum, _, g64 = _stealth_costs(blocked, counts, goals, dr, dc, k, weight)
    return search_begin(cost, g64, quantum, SQRT2)


def _tile_step(d: np.ndarray) -> tuple[int, int] | None:
    """The tile step (d_col, d_row) a flow field's direction row ``d`` (float32 unit x, y)
    makes, None for no move (shorter than half a tile)."""
    if float(np.hypot(d[0], d[1])) < 0.5:
        return None
    return int(round(float(d[0]))), int(round(float(d[1])))


# ``_tile_step`` of each of nav's directions, by its index (the lazy search's answer): the same
# steps, without a float32 hypot and two roundings a tick.
_TILE_STEP = tuple(_tile_step(d) for d in _DIR_XY)
_NOT_ASKED = object()  # (StealthField's memo of steps: None is an answer, no move)


class StealthField:
    """The Storm solver's flow field toward ``goals`` (tiles (k, 2) [row, col]), built by
    ``build(blocked, counts, goals)`` (``StormDriver._build_stealth``: walk costs from the blocked
    tiles and the zombies' danger spread round ``counts``) the first time its ``dir`` or ``dist``
    is read.

    The solver re-reads the yard every 10 ticks, but it walks only about one field in three (in
    between it waits for a flash, hides, swings, lets one pass), and about half the time nothing
    has changed (the zombies stand on the same tiles). The field is a pure function of
    (blocked, counts, goals), so an unread one need not be built, and ``same`` lets the driver
    hand back the last one while its inputs are bit for bit the same."""

    def __init__(self, blocked: np.ndarray, counts: np.ndarray, goals: np.ndarray,
                 build: Callable[[np.ndarray, np.ndarray, np.ndarray], FlowField],
                 begin: Callable[[np.ndarray, np.ndarray, np.ndarray], tuple] | None = None) -> None:
        # Copies: the caller's arrays may change; these are never written.
        self.blocked, self.counts, self.goals = blocked.copy(), counts.copy(), np.array(goals)
        self._build = build
        self._field: FlowField | None = None
        self._begin = begin  # (blocked, counts, goals) -> search_begin's state, see step_at
        self._search: tuple | None = None
        # (r, c) -> step_at(r, c): a settled tile's direction is final (the whole field's), so
        # the lead standing on one tile for ~20 ticks asks the search once.
        self._steps: dict[tuple[int, int], tuple[int, int] | None] = {}

    def step_at(self, r: int, c: int) -> tuple[int, int] | None:
        """``_tile_step(dir[r, c])``, the same step, but without the whole field: the Dijkstra
        runs only until the tiles round (r, c) are settled, and on from there for the next
        ask, and its direction (an index into nav's ``_DIR_XY``) is read off ``_TILE_STEP``.
        The solver reads one tile a tick (the lead's) of a field it walks for ~10 ticks, near
        the goal more often than far (the walk ends there), where the whole field cost a
        Dijkstra over the map and a direction for every tile."""
        steps = self._steps
        step = steps.get((r, c), _NOT_ASKED)
        if step is not _NOT_ASKED:
            return step
        if self._field is not None or self._begin is None:
            step = _tile_step(self.field.dir[r, c])
        else:
            if self._search is None:
                self._search = self._begin(self.blocked, self.counts, self.goals)
            step = _TILE_STEP[search_dir(r, c, *self._search, DIRS_I64, _NO_MOVE)]
        steps[r, c] = step
        return step

    def same(self, blocked: np.ndarray, counts: np.ndarray, goals: np.ndarray) -> bool:
        """These are this field's inputs, bit for bit (goals of another dtype are not: a new
        field for them, no other answer)."""
        return self.goals.shape == np.shape(goals) and self.goals.tobytes() == np.asarray(goals).tobytes() and \
            self.counts.tobytes() == counts.tobytes() and self.blocked.tobytes() == blocked.tobytes()

    @property
    def field(self) -> FlowField:
        if self._field is None:
            self._field = self._build(self.blocked, self.counts, self.goals)
        return self._field

    @property
    def dir(self) -> np.ndarray:
        """(rows, cols, 2) unit (x, y) downhill per tile, as ``FlowField.dir``."""
        return self.field.dir

    @property
    def dist(self) -> np.ndarray:
        """(rows, cols) cost to the goals per tile, as ``FlowField.dist``."""
        return self.field.dist


LURES = False  # the new route (hut, south walk, field touchline) has no car whose crowd stays off it


def _storm_goal(world: World, drv: StormDriver) -> tuple[str, np.ndarray, object]:
    """The leg the squad is on: ("station", its tile, the station) while a use-station
    objective is current, ("door", the tile beside a locked door on our side, the door) while a
    locked door stands between the squad and the exit, else ("exit", the exit tiles, None).
    Tiles are (k, 2) [row, col]."""
    cur = world.objectives.current
    if cur is not None and cur.kind == "use-station":
        st = next(s for s in world.spec.stations if s.id == cur.station)
        return "station", np.array([[int(st.at[1]), int(st.at[0])]]), st
    reach = drv.reachable()
    exits = drv.exit_tiles()
    if not reach[exits[:, 0], exits[:, 1]].any():
        for door in world.doors:
            if not door.locked or door.broken:
                continue
            c, r = door.spec.tile
            for dc, dr in ((0, -1), (0, 1), (-1, 0), (1, 0)):
                if reach[r + dr, c + dc]:
                    return "door", np.array([[r + dr, c + dc]]), door
    return "exit", exits, None


@lru_cache(maxsize=16)
def _leg_goal_of(shape: tuple[int, ...], data: bytes) -> tuple[float, float]:
    tiles = np.frombuffer(data, dtype=np.int64).reshape(shape)
    return tile_point(float(tiles[:, 1].mean()) + 0.5, float(tiles[:, 0].mean()) + 0.5)


def _leg_goal(tiles: np.ndarray) -> tuple[float, float]:
    """The middle (px) of a leg's goal tiles ((k, 2) [row, col]): their mean tile's centre,
    worked out once per set of tiles (the solver asks every 10 ticks, for the same few legs)."""
    if tiles.dtype != np.int64:
        return tile_point(float(tiles[:, 1].mean()) + 0.5, float(tiles[:, 0].mean()) + 0.5)
    return _leg_goal_of(tiles.shape, np.ascontiguousarray(tiles).tobytes())


def storm_crossing(world: World) -> Plan:
    """Torch off, then sneak by a cost map that steers round puddles, lamp pools, cars and
    every zombie the squad can make out, leg by leg: to the caretaker's key box (E, hold still),
    to the chained field gate (E unlocks it), along the field to the side door. Whenever the horde
    sits on the way ahead, throw a phone onto a car beyond it and let the yard drain to its alarm;
    stop for followers who fall behind; everyone onto the foyer."""
    drv = StormDriver(world)
    if world.sky.torches:
        yield from drv.tap(cmd.ToggleTorch())
    # Wait in the dark lobby for the storm's first flash (up to 20 s): then go, on its thunder.
    set_off = 20 * TICK_HZ
    field = None
    leg: tuple[str, np.ndarray, object] | None = None
    cover: tuple[float, float] | None = None
    lure_cooldown = 0
    use_cooldown = 0
    stuck = 0
    gate_done: bool | None = None  # False: a gate just opened, waiting on the thunder to go
    last_flash = -10**9  # tick of the last lightning flash seen
    committed: str | None = None  # the station we are going for now, in the quiet after a flash
    exposed_at = (-10**9, 0)  # (tick, count) of the last look at how exposed the station is
    gate_at: tuple[float, float] | None = None  # beside the chained gate (px), once reached
    hide: tuple[float, float] | None = None  # where the squad waits out the storm's next flash
    hide_way: list[tuple[float, float]] = []
    while True:
        px, py = drv.lead_pos().tolist()  # (Python floats: the same differences, less overhead)
        p = (px, py)
        if world.sky.flash(world.tick):
            last_flash = world.tick
        since_flash = world.tick - last_flash
        if field is None or world.tick % 10 == 0:
            leg = _storm_goal(world, drv)
            # Boxed in by our own followers (a doorway, a corner) for a second: plan through them.
            drv.through_friends = stuck > TICK_HZ
            field = drv.stealth_field(leg[1])
            goal = _leg_goal(leg[1])  # the leg's, px
            # The director's states of the leg's station (its list and states are made once).
            working = [st for st in world.director.stations if leg[0] == "station" and st.spec.id == leg[2].id]
        kind, tiles, thing = leg
        leg_key = thing.id if kind == "station" else thing.spec.id if kind == "door" else None
        if committed is not None and committed != leg_key:
            committed = None  # that station is done (or that gate open): the next leg
        if kind == "door":
            # Once it opens, wait for the thunder before going through, unless we came to it on one.
            gate_done = None if committed == thing.spec.id else False
        elif kind == "exit" and gate_done is False:
            gate_done = None if world.sky.thunder(world.tick) and not world.sky.flash(world.tick) else False
        here_c, here_r = world.tilemap.tile_of(px, py)
        if kind == "exit" and world.tilemap.kind[here_r, here_c] == EXIT:  # (exit_mask's test, one tile)
            # On the foyer: step further in so the others have room, then wait for them.
            yield drv.move_toward(p, goal, "sneak") if math.hypot(goal[0] - p[0], goal[1] - p[1]) > 10 \
                else cmd.EMPTY_INPUT
            continue
        use_cooldown -= 1
        # A station out in the open is worked in the quiet after a flash: the next comes at least
        # QUIET_S later, time enough to finish. Until then the squad waits where no zombie would
        # see it in a flash (the yard sees the south walk through the low wall's gaps).
        wait_for_flash = False
        if kind in ("station", "door"):
            if kind == "station":
                sx, sy = thing.at[0] * TILE_PX, thing.at[1] * TILE_PX
                key, busy_s = thing.id, thing.use_seconds
                started = any(st.user for st in working)
            else:  # the gate: E, through, and away from it before the next flash
                sx, sy = goal
                key, busy_s, started = thing.spec.id, 0.0, False
            if committed != key and not started and math.hypot(sx - p[0], sy - p[1]) < drv.HIDE_NEAR_PX:
                if FLASH_TICKS < since_flash <= round(drv.GO_AFTER_FLASH_S * TICK_HZ) and \
                        busy_s + drv.GO_AFTER_FLASH_S < drv.QUIET_S:
                    committed = key
                else:
                    if world.tick - exposed_at[0] >= REPLAN_TICKS:
                        exposed_at = (world.tick, drv.exposed((sx, sy)))
                    wait_for_flash = exposed_at[1] > 0
            elif committed == key and not started and since_flash > round(drv.COMMIT_S * TICK_HZ):
                committed = None  # held up on the way: back to cover and wait for the next one
        if kind == "station":
            if math.hypot(sx - p[0], sy - p[1]) <= STATION_REACH_PX - 4.0 and not wait_for_flash:
                # In reach of the key box (or the padlock, the squad packed round it in the gate's
                # lane): press E once, then hold still until it is done.
                if use_cooldown <= 0 and not started:
                    use_cooldown = 30
                    yield from drv.tap(cmd.Use())
                    continue
                swing = drv.swing_if_close(p)
                yield cmd.EMPTY_INPUT if swing is None else swing
                continue
        if kind == "door" and math.hypot(goal[0] - p[0], goal[1] - p[1]) <= 1.5 * TILE_PX and not wait_for_flash:
            gate_at = goal
            c, r = thing.spec.tile
            centre = ((c + 0.5) * TILE_PX, (r + 0.5) * TILE_PX)
            if math.hypot(centre[0] - p[0], centre[1] - p[1]) > USE_REACH - 3.0:
                # E reaches a door only from close by (the tile beside it is not enough): step up to it.
                yield drv.move_toward(p, centre, "sneak")
            elif use_cooldown <= 0:
                use_cooldown = 30
                yield from drv.tap(cmd.Use())  # unchain the gate, its padlock open
            else:
                yield cmd.EMPTY_INPUT
            continue
        lure_cooldown -= 1
        if LURES and world.tick >= set_off and world.phones_left > 0 and lure_cooldown <= 0:
            ahead = drv.way_ahead(field, 24)
            if drv.zombies_near(ahead, drv.LURE_CORRIDOR_PX) >= drv.LURE_CROWD:
                target = drv.lure_target(ahead, drv.LURE_OFF_WAY_PX, goal)
                if target is not None:
                    yield from drv.tap(cmd.Throw(*target))
                    lure_cooldown = round(drv.LURE_EVERY_S * TICK_HZ)
                    continue
        if (swing := drv.swing_if_close(p)) is not None:
            yield swing
            continue
        attacker = drv.attacker(drv.DEFEND_PX)
        if attacker is not None:  # one is on a friend: go and fell it before the bites start
            yield drv.move_toward(p, attacker, "walk")
            continue
        if world.tick >= set_off and drv.passing(drv.HOLD_PX):
            yield cmd.EMPTY_INPUT  # one walks by in the dark: keep still, let it pass
            continue
        if kind == "exit" and gate_done is False:
            wait_for_flash = True  # the gate is open: through it on the next thunder, not before
        if wait_for_flash:
            if hide is None:
                anchor = (sx, sy) if kind != "exit" else (gate_at or p)
                hide, _ = drv.hide_spot(anchor)
                hide_way = []
            if math.hypot(hide[0] - p[0], hide[1] - p[1]) > 4.0:
                if not hide_way or world.tick % REPLAN_TICKS == 0:
                    hide_way = drv.path(hide)
                while len(hide_way) > 1 and math.hypot(hide_way[0][0] - p[0], hide_way[0][1] - p[1]) < 6.0:
                    hide_way.pop(0)
                # Back into cover before the next flash: walk (rain muffles a step to ~40 px), or
                # sprint on the thunder.
                gait = "sprint" if world.sky.thunder(world.tick) and not world.sky.flash(world.tick) else "walk"
                yield drv.move_toward(p, hide_way[0], gait)
            else:
                yield cmd.EMPTY_INPUT
            continue
        hide = None
        if world.tick < set_off:
            if world.sky.thunder(world.tick):  # seen and heard: the flash has come
                set_off = world.tick + 5
            yield cmd.EMPTY_INPUT
            continue
        if world.sky.flickering(world.tick):
            # The sky flickers: a flash in a second. Get where the fewest would see us.
            if cover is None:
                cover = drv.cover_spot()
            if cover is not None and math.hypot(cover[0] - p[0], cover[1] - p[1]) > 3.0:
                yield drv.move_toward(p, cover, "walk")
            else:
                yield cmd.EMPTY_INPUT
            continue
        cover = None
        step = drv.next_step(field)
        if step is None and kind != "exit" and math.hypot(goal[0] - p[0], goal[1] - p[1]) < 1.5 * TILE_PX:
            step = goal  # the last tile of a leg: walk onto the spot itself
        if step is None:
            stuck += 1
            yield cmd.EMPTY_INPUT
            continue
        if drv.followers_lagging(64.0) and drv.nearest_zombie() > 56.0 and committed is None:
            yield cmd.EMPTY_INPUT
            continue
        stuck = 0
        # Thunder masks every step for 1.5 s: cover ground then (after the flash itself).
        gait = "sprint" if world.sky.thunder(world.tick) and not world.sky.flash(world.tick) else "sneak"
        yield drv.move_toward(p, step, gait)


class TrailDriver(StormDriver):
    """Driver for the dawn forest and the town: the night yard's stealth, with a wider berth
    (at dawn a zombie sees 150 px, twice the night's 70) and no lightning to wait for."""

    DANGER_RADIUS_TILES = 8
    SHOOT_PX = 200.0  # a hunting zombie this close to a bow-carrying lead gets an arrow
    SHOVED_ASIDE_KG = 40.0  # a prop this light is walked through: the lead pushes it out of the way

    def __init__(self, world: World) -> None:
        super().__init__(world)
        self.shove_light_props = True  # on the way (a crate in the gateway); off while placing them

    def _blocked(self, ignore: set[str]) -> np.ndarray:
        if self.shove_light_props:
            ignore = ignore | {p.spec.id for p in self.w.props if p.body.mass <= self.SHOVED_ASIDE_KG}
        return super()._blocked(ignore)


def _zone_tiles(world: World, zone_id: str) -> np.ndarray:
    """(k, 2) [row, col]: the open tiles of a zone (what a reach-zone leg walks to)."""
    x0, y0, x1, y1 = next(z.rect for z in world.spec.zones if z.id == zone_id)
    solid = world.tilemap.solid
    tiles = [(r, c) for r in range(int(y0), int(math.ceil(y1))) for c in range(int(x0), int(math.ceil(x1)))
             if not solid[r, c]]
    return np.array(tiles, dtype=np.int64).reshape(-1, 2)


STAND_FOR_ATTACKER_TICKS = 3 * TICK_HZ  # then walk on: it is not coming


def _take_lead(world: World, drv: Driver, who: Callable[[object], bool]) -> Plan:
    """Tab through the squad (at most once round) until the lead is a student ``who`` picks,
    when a living one is left."""
    for _ in world.students:
        if who(world.lead_student) or not any(s.alive and who(s) for s in world.students):
            return
        yield from drv.tap(cmd.SwitchLead())


def _archer(s) -> bool:
    """A student with a bow and arrows left (Ha-ri)."""
    return s.weapon == "bow" and s.arrows > 0


def _sneak_to(world: World, drv: TrailDriver, goal_tiles: np.ndarray, done: Callable[[], bool],
              timeout: float = 240.0) -> Plan:
    """Sneak the squad by the stealth field to ``goal_tiles`` until ``done()``, a halfbie in the
    lead (ahead of the others her hunger eases); when one hunts the squad, hand the lead to the
    archer and shoot it (a bow is quiet), swing at whatever comes within reach, and wait for
    followers who fall behind."""
    deadline = world.tick + round(timeout * TICK_HZ)
    field = None
    gx = (float(goal_tiles[:, 1].mean()) + 0.5) * TILE_PX
    gy = (float(goal_tiles[:, 0].mean()) + 0.5) * TILE_PX
    waited = 0  # ticks stood waiting for an attacker to come into the swing
    stuck = 0  # ticks with no step to take
    # (col, row) of each goal tile: a set lookup per tick, not five numpy calls on the array
    goal_set = {(c, r) for r, c in goal_tiles.tolist()}
    while not done() and world.tick < deadline:
        hunter = drv.attacker(drv.SHOOT_PX)
        if hunter is not None and any(s.alive and _archer(s) for s in world.students):
            yield from _take_lead(world, drv, _archer)
        elif hunter is None:
            yield from _take_lead(world, drv, lambda s: s.halfbie)
        p = drv.lead_pos()
        if field is None or world.tick % 10 == 0:
            field = drv.stealth_field(goal_tiles)
        lead = world.lead_student
        if hunter is not None and _archer(lead):
            yield drv.move_toward(p, hunter, "sneak", cmd.Melee()) if lead.action_cooldown == 0 else cmd.EMPTY_INPUT
            continue
        if (swing := drv.swing_if_close(p)) is not None:
            yield swing
            continue
        attacker = drv.attacker(drv.DEFEND_PX)
        waited = waited + 1 if attacker is not None else 0
        if attacker is not None and waited <= STAND_FOR_ATTACKER_TICKS:
            # One is coming: face it among the others (the bat, the broom and the mop swing
            # by themselves) and let it walk into the swing, rather than meet it alone (but
            # not for ever: one caught in a thicket never comes).
            yield drv.move_toward(p, attacker, "walk") if drv.nearest_zombie() <= drv.SWING_PX + 12.0 \
                else cmd.EMPTY_INPUT
            continue
        here = world.tilemap.tile_of(float(p[0]), float(p[1]))
        if here in goal_set:
            # In: step toward the middle so the followers find room, then wait for them.
            yield drv.move_toward(p, (gx, gy), "sneak") if math.hypot(gx - p[0], gy - p[1]) > 8 else cmd.EMPTY_INPUT
            continue
        if drv.followers_lagging(64.0) and drv.nearest_zombie() > 56.0:
            yield cmd.EMPTY_INPUT
            continue
        step = drv.next_step(field)
        stuck = stuck + 1 if step is None else 0
        # Boxed in by our own followers (in a doorway, the gate) for a second: plan through them.
        drv.through_friends = stuck > TICK_HZ
        yield cmd.EMPTY_INPUT if step is None else drv.move_toward(p, step, "sneak")


PEN = (84.5, 16.5, 95.0, 28.0)  # tiles: inside the checkpoint's sandbags
CRATE_TRIES = 3  # pushes at a crate before the solver settles for where it stands (braced or not)
CRATE_NUDGE_PX = 6.0  # px: the least push at a crate near its spot by the gate that does not brace it yet


PEN_PX = tuple(v * TILE_PX for v in PEN)  # px: the pen's left, top, right, bottom


def _in_pen(pos: np.ndarray) -> np.ndarray:
    x0, y0, x1, y1 = PEN_PX
    return (pos[:, 0] > x0) & (pos[:, 0] < x1) & (pos[:, 1] > y0) & (pos[:, 1] < y1)


def _in_pen_xy(x: float, y: float) -> bool:
    """``_in_pen`` of one point (x, y) px, as Python floats."""
    x0, y0, x1, y1 = PEN_PX
    return x0 < x < x1 and y0 < y < y1


def _pen_intruder(world: World, drv: TrailDriver) -> tuple[float, float] | None:
    """The zombie inside the pen nearest the lead (one of the squad turned, or the gate gave)."""
    horde = world.horde
    # (none in the pen with its edges is none inside it: one compiled pass, not eight numpy
    # calls over the whole horde, every tick the squad holds the pen)
    if horde.n == 0 or not horde.anyone_in_box(*PEN_PX):
        return None
    rows = np.flatnonzero(_in_pen(horde.pos))
    if rows.size == 0:
        return None
    d = drv.lead_gaps()[rows]
    k = int(rows[int(np.argmin(d))])
    return float(horde.pos[k, 0]), float(horde.pos[k, 1])


def _hold_pen(world: World, drv: TrailDriver, stand: tuple[float, float], done: Callable[[], bool]) -> Plan:
    """Stand at ``stand`` (px) until ``done()``; whatever gets inside the pen is shot (the archer
    takes the lead) or met with a swing."""
    while not done():
        intruder = _pen_intruder(world, drv)
        if intruder is None:
            p = drv.lead_pos()
            yield drv.move_toward(p, stand, "walk") if math.hypot(stand[0] - p[0], stand[1] - p[1]) > 6 \
                else cmd.EMPTY_INPUT
            continue
        if any(s.alive and _archer(s) for s in world.students):
            yield from _take_lead(world, drv, _archer)
        p = drv.lead_pos()
        lead = world.lead_student
        if _archer(lead):
            yield drv.move_toward(p, intruder, "walk", cmd.Melee()) if lead.action_cooldown == 0 else cmd.EMPTY_INPUT
        elif math.hypot(intruder[0] - p[0], intruder[1] - p[1]) <= drv.SWING_PX:
            yield drv.move_toward(p, intruder, "walk", cmd.Melee())
        else:
            yield drv.move_toward(p, intruder, "walk")


def _clear_pen(world: World, drv: TrailDriver) -> Plan:
    """Fell whatever is inside the pen before going on (nothing, when nothing is). The others
    follow meanwhile (told to hold, they stood while it went from one to the next; following,
    the armed ones swing and the rest keep their distance) and hold again after."""
    if _pen_intruder(world, drv) is None:
        return
    held = not world.follow
    if held:
        yield from drv.tap(cmd.ToggleFollow())
    p = drv.lead_pos()
    yield from _hold_pen(world, drv, (float(p[0]), float(p[1])), lambda: _pen_intruder(world, drv) is None)
    if held and world.follow:
        yield from drv.tap(cmd.ToggleFollow())


def _unless(plan: Plan, stop: Callable[[], bool]) -> Plan:
    """``plan``'s ticks until ``stop()`` (then it is dropped)."""
    for tick_input in plan:
        if stop():
            return
        yield tick_input


def yellow_markers(world: World) -> Plan:
    """Marker to marker by the stealth field (round the glades' knots, over the stream's stones),
    across the road into the sandbag pen; shut and lock the gate, push two crates up against
    it, call on the field phone, stand back by the exit while the siren brings the
    street (felling whatever gets in: a bitten friend turns), and step out when the soldiers
    open up."""
    drv = TrailDriver(world)
    objectives = world.objectives
    while objectives.current is not None and objectives.current.kind == "reach-zone":
        o = objectives.current
        yield from _sneak_to(world, drv, _zone_tiles(world, o.zone), lambda o=o: objectives.current is not o)
    # Everyone in and over to the far side, then the others hold there (F): six round the
    # crates shoved them every way but the gate's.
    yield from drv.goto(tile_point(92.5, 22.5), "walk", 10.0)

    def squad_in() -> bool:
        return all(_in_pen_xy(*world.student_pos(s).tolist()) for s in world.students if s.alive)

    yield from drv.wait_until(squad_in, timeout=8.0)
    drv.shove_light_props = False  # from here the crates are placed, not walked through
    if world.follow:
        yield from drv.tap(cmd.ToggleFollow())
    gate = next(d for d in world.doors if d.spec.id == "gate")
    yield from _clear_pen(world, drv)
    yield from drv.set_lock("gate", True, tile_point(85.6, 22.5))
    # The two crates either side of the way in go up against the gate's posts, each pushed
    # straight at its spot (a hair into the wall) and pushed again until it braces the gate
    # (a crate shoved by whoever walked in first may stand anywhere, and one left a few px
    # short of the post braces nothing).
    for crate, spot in (("crate-1", tile_point(85.9, 21.5)), ("crate-2", tile_point(85.9, 23.5))):
        prop = world.prop_by_id(crate)
        for _ in range(CRATE_TRIES):
            # One that followed us in, or a bitten friend turned: the held squad cannot run.
            yield from _clear_pen(world, drv)
            if prop in world.bracing_props(gate):
                break
            c = world.bodies.pos[prop.index]
            gap = math.hypot(spot[0] - c[0], spot[1] - c[1])
            if gap < 1e-6:  # on its spot and still not bracing: nowhere to push it
                break
            yield from _unless(drv.push(crate, ((spot[0] - c[0]) / gap, (spot[1] - c[1]) / gap), max(gap, CRATE_NUDGE_PX),
                                        timeout=6.0),
                               lambda: _pen_intruder(world, drv) is not None)
    if not gate.locked:
        yield from drv.set_lock("gate", True, tile_point(85.6, 22.5))
    phone = next(s for s in world.director.stations if s.spec.id == "field-phone")
    at_phone = tile_point(93.0, 19.0)
    while objectives.current is not None and objectives.current.kind == "use-station":
        if _pen_intruder(world, drv) is not None:
            yield from _hold_pen(world, drv, at_phone, lambda: _pen_intruder(world, drv) is None)
            continue
        p = drv.lead_pos()
        if math.hypot(at_phone[0] - p[0], at_phone[1] - p[1]) > STATION_REACH_PX - 8.0:
            yield from drv.goto(at_phone, "walk", 8.0)
            continue
        if not phone.user:
            yield from drv.tap(cmd.Use())
        yield from drv.wait(0.2)
    yield from _hold_pen(world, drv, tile_point(94.0, 22.5),  # by the exit, clear of the gate
                         lambda: objectives.current is None or objectives.current.kind != "hold-until-event")
    if not world.follow:
        yield from drv.tap(cmd.ToggleFollow())  # all of us onto the soldiers' side
    yield from drv.goto(tile_point(95.0, 22.5), "walk", 10.0)
    while True:
        yield cmd.EMPTY_INPUT


# ---------------------------------------------------------------------- the practice pack
def quiet_corridor(world: World) -> Plan:
    """The briefing's way: out of the prep room, sneak past the lounge with the torch off (it
    starts off), step into the hall and throw the phone into the music room, then go at once,
    while it rings, along the hall's north wall to the stairwell."""
    drv = Driver(world)
    yield from drv.goto(tile_point(7.0, 7.5), "walk", 6.0)  # (the prep room is the lounge's far side)
    yield from drv.goto(tile_point(25.5, 7.5), "sneak", 30.0)
    yield from drv.goto(tile_point(25.5, 15.5), "sneak", 15.0)
    yield from drv.tap(cmd.Throw(*tile_point(37.0, 21.5)))
    yield from drv.goto(tile_point(30.0, 12.6), "walk", 8.0)
    yield from drv.goto(tile_point(45.5, 12.8), "walk", 20.0)
    while True:
        yield cmd.EMPTY_INPUT


PRACTICE_SOLVERS = {"quiet-corridor": quiet_corridor}


SOLVERS = {
    "classroom-barricade": classroom_barricade,
    "trolley-shield-run": trolley_shield_run,
    "storm-crossing": storm_crossing,
    "construction-site-stand": construction_site_stand,
    "yellow-markers": yellow_markers,
}


def solver_for(spec: LevelSpec) -> Callable[[World], Plan] | None:
    """The built-in solver for this level, or None: the id must name one and the level must
    come from that solver's own pack folder (its coordinates are scripted for that map): the
    campaign's, the score mode's (``night_solvers``) or the practice pack's."""
    from ..content.discovery import CAMPAIGN_FOLDER, PRACTICE_FOLDER, builtin_levels_dir
    from .night_solvers import NIGHT_SOLVERS, NIGHTS_FOLDER

    if not spec.source:
        return None
    folder = Path(spec.source).resolve().parent
    for pack, solvers in ((CAMPAIGN_FOLDER, SOLVERS), (NIGHTS_FOLDER, NIGHT_SOLVERS), (PRACTICE_FOLDER, PRACTICE_SOLVERS)):
        solver = solvers.get(spec.id)
        if solver is not None and folder == builtin_levels_dir() / pack:
            return solver
    return None


class SolverBot(ScriptBot):
    """Plays a built-in level by its scripted solver; stands still on levels it has none for."""

    name = "solver"

    def plan(self, world: World) -> Plan:
        """This level's solver, or nothing."""
        solver = solver_for(world.spec)
        if solver is not None:
            yield from solver(world)
            return
        while True:  # no solver: it stands still (a plan that ends before its first tick is a script's slip)
            yield cmd.EMPTY_INPUT
