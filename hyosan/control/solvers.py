"""Solvers: scripted bots that play the campaign levels with the player's commands only.

Each solver is a Python generator that yields one ``TickInput`` per tick, reading the world as
a player reads the screen (positions, doors, the objective) and never writing it. ``SolverBot``
picks the solver for ``world.spec.id`` from ``SOLVERS``; it is the playtest proof that each
level can be won (``hyosan playtest LEVEL --bot solver``).
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Generator, Iterator

import numpy as np

from ..sim import commands as cmd
from ..sim.tilemap import EDGE
from ..sim.units import TICK_HZ, TILE_PX
from ..sim.world import World

Plan = Generator[cmd.TickInput, None, None]
ARRIVE_PX = 4.0
REPLAN_TICKS = 30


def _tiles(x: float, y: float) -> tuple[float, float]:
    return x * TILE_PX, y * TILE_PX


class Driver:
    """Shared moves for solver scripts: walk a planned path, push, drag, use, wait."""

    def __init__(self, world: World) -> None:
        self.w = world

    # ------------------------------------------------------------------ reading the world
    def lead_pos(self) -> np.ndarray:
        """The lead's position, px."""
        return self.w.student_pos(self.w.lead_student)

    def _blocked(self, ignore: set[str]) -> np.ndarray:
        w = self.w
        blocked = w.tilemap.solid | (w.tilemap.kind == EDGE) | w.fall_mask
        for door in w.doors:
            c, r = door.spec.tile
            blocked[r, c] = door.locked
        for prop in w.props:
            if prop.spec.id in ignore:
                continue
            for shape in prop.body.shapes:
                bb = shape.bb
                c0, r0 = int((bb.left - 1) // TILE_PX), int((bb.bottom - 1) // TILE_PX)
                c1, r1 = int((bb.right + 1) // TILE_PX), int((bb.top + 1) // TILE_PX)
                blocked[max(r0, 0):r1 + 1, max(c0, 0):c1 + 1] = True
        for s in w.students:  # walk around the others rather than shoving into them
            if s.alive and s is not w.lead_student:
                p = w.student_pos(s)
                c, r = w.tilemap.tile_of(float(p[0]), float(p[1]))
                blocked[r, c] = True
        return blocked

    def path(self, goal: tuple[float, float], ignore: set[str] | None = None) -> list[tuple[float, float]]:
        """Tile-centre waypoints (px) from the lead to ``goal`` (px), breadth-first, 8-way."""
        blocked = self._blocked(ignore or set())
        p = self.lead_pos()
        start = self.w.tilemap.tile_of(float(p[0]), float(p[1]))
        end = self.w.tilemap.tile_of(*goal)
        blocked[start[1], start[0]] = False
        blocked[end[1], end[0]] = False
        prev: dict[tuple[int, int], tuple[int, int]] = {start: start}
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
                    continue  # no corner cutting
                prev[n] = (c, r)
                queue.append(n)
        if end not in prev:
            return [goal]
        out = [goal]
        node = prev[end]
        while node != start:
            out.append(((node[0] + 0.5) * TILE_PX, (node[1] + 0.5) * TILE_PX))
            node = prev[node]
        return out[::-1]

    # ------------------------------------------------------------------ moves
    @staticmethod
    def move_toward(p: np.ndarray, q: tuple[float, float], gait: str = "walk", *extra: cmd.Command) -> cmd.TickInput:
        """One tick of moving from ``p`` toward ``q``."""
        dx, dy = q[0] - p[0], q[1] - p[1]
        d = math.hypot(dx, dy)
        if d < 1e-6:
            return cmd.TickInput(extra)
        return cmd.TickInput((cmd.Move(dx / d, dy / d, gait), *extra))

    def goto(self, goal: tuple[float, float], gait: str = "walk", timeout: float = 30.0,
             ignore: set[str] | None = None, arrive: float = ARRIVE_PX) -> Plan:
        """Walk the lead to ``goal`` (px) along a planned path, re-planned now and then."""
        deadline = self.w.tick + round(timeout * TICK_HZ)
        waypoints: list[tuple[float, float]] = []
        planned_at = -REPLAN_TICKS
        while self.w.tick < deadline:
            p = self.lead_pos()
            if math.hypot(goal[0] - p[0], goal[1] - p[1]) <= arrive:
                return
            if self.w.tick - planned_at >= REPLAN_TICKS or not waypoints:
                waypoints = self.path(goal, ignore)
                planned_at = self.w.tick
            while len(waypoints) > 1 and math.hypot(waypoints[0][0] - p[0], waypoints[0][1] - p[1]) < 6.0:
                waypoints.pop(0)
            yield self.move_toward(p, waypoints[0], gait)

    def escort(self, goal: tuple[float, float], timeout: float = 90.0, gap: float = 56.0) -> Plan:
        """Walk to ``goal`` but stop whenever a follower falls more than ``gap`` px behind."""
        deadline = self.w.tick + round(timeout * TICK_HZ)
        while self.w.tick < deadline:
            p = self.lead_pos()
            if math.hypot(goal[0] - p[0], goal[1] - p[1]) <= ARRIVE_PX:
                return
            lagging = [s for s in self.w.students if s.alive and s is not self.w.lead_student
                       and float(np.hypot(*(self.w.student_pos(s) - p))) > gap]
            if lagging:
                yield cmd.EMPTY_INPUT
                continue
            if self.w.tick % REPLAN_TICKS == 0 or not getattr(self, "_escort_path", None):
                self._escort_path = self.path(goal)
            way = self._escort_path
            while len(way) > 1 and math.hypot(way[0][0] - p[0], way[0][1] - p[1]) < 6.0:
                way.pop(0)
            yield self.move_toward(p, way[0], "walk")

    def wait(self, seconds: float) -> Plan:
        """Stand still."""
        for _ in range(round(seconds * TICK_HZ)):
            yield cmd.EMPTY_INPUT

    def wait_until(self, done, timeout: float = 120.0) -> Plan:
        """Stand still until ``done()``."""
        deadline = self.w.tick + round(timeout * TICK_HZ)
        while not done() and self.w.tick < deadline:
            yield cmd.EMPTY_INPUT

    def tap(self, *commands: cmd.Command) -> Plan:
        """One tick with these one-shot commands."""
        yield cmd.TickInput(commands)

    def push(self, prop_id: str, direction: tuple[float, float], distance: float, timeout: float = 8.0) -> Plan:
        """Stand behind a prop and walk it ``distance`` px along ``direction`` (until it stalls)."""
        prop = self.w.prop_by_id(prop_id)
        assert prop is not None
        d = np.array(direction, dtype=float) / math.hypot(*direction)
        start = self.w.bodies.pos[prop.index].copy()
        half = 0.5 * max(prop.type.width, prop.type.depth)
        behind = start - d * (abs(d[0]) * (prop.type.width / 2) + abs(d[1]) * (prop.type.depth / 2) + 8.0)
        yield from self.goto((float(behind[0]), float(behind[1])), "walk", 15.0, arrive=3.0)
        perp = np.array([-d[1], d[0]])
        deadline = self.w.tick + round(timeout * TICK_HZ)
        last, stall = float(np.dot(start, d)), 0
        while self.w.tick < deadline:
            c = self.w.bodies.pos[prop.index]
            along = float(np.dot(c - start, d))
            if along >= distance or stall > 40:
                break
            p = self.lead_pos()
            lateral = float(np.dot(p - c, perp))
            aim = d - perp * max(-1.0, min(1.0, lateral / max(half, 1.0)))
            stall = stall + 1 if float(np.dot(c, d)) - last < 0.05 else 0
            last = float(np.dot(c, d))
            yield cmd.TickInput((cmd.Move(float(aim[0]), float(aim[1]), "walk"),))
        yield from self.wait(0.1)

    def drag(self, prop_id: str, handle: tuple[float, float], direction: tuple[float, float],
             seconds: float) -> Plan:
        """Walk to ``handle`` (px, next to the prop), hold E and walk ``direction`` for a while."""
        yield from self.goto(handle, "walk", 15.0, arrive=3.0)
        for _ in range(round(seconds * TICK_HZ)):
            yield cmd.TickInput((cmd.Grab(), cmd.Move(direction[0], direction[1], "walk")))
        yield from self.wait(0.1)  # let go


    def set_lock(self, door_id: str, locked: bool, stand: tuple[float, float], tries: int = 12) -> Plan:
        """Stand by a door and press E until it is locked (or unlocked)."""
        door = next(d for d in self.w.doors if d.spec.id == door_id)
        for _ in range(tries):
            if door.locked == locked or door.broken:
                return
            yield from self.goto(stand, "walk", 6.0, arrive=3.0)
            if not locked or not door.is_open:
                yield from self.tap(cmd.Use())
            yield from self.wait(0.15)


    def tow(self, prop_id: str, direction: tuple[float, float], to: tuple[float, float], timeout: float = 6.0) -> Plan:
        """Grab a prop on its ``direction`` side and walk backwards to ``to`` (px) towing it: a
        towed prop trails in line, where a pushed one spins off."""
        prop = self.w.prop_by_id(prop_id)
        assert prop is not None
        d = np.array(direction, dtype=float) / math.hypot(*direction)
        c = self.w.bodies.pos[prop.index]
        handle = c + d * (abs(d[0]) * prop.type.width / 2 + abs(d[1]) * prop.type.depth / 2 + 6.0)
        yield from self.goto((float(handle[0]), float(handle[1])), "walk", 10.0, ignore={prop_id}, arrive=2.5)
        deadline = self.w.tick + round(timeout * TICK_HZ)
        while self.w.tick < deadline:
            p = self.lead_pos()
            if math.hypot(to[0] - p[0], to[1] - p[1]) < 3.0:
                break
            yield self.move_toward(p, to, "walk", cmd.Grab())
        yield from self.wait(0.1)


# ---------------------------------------------------------------------- the levels
def classroom_barricade(world: World) -> Plan:
    """Lock both doors, stack two desks against each, hold, fire the PA, unbar the back door, go east."""
    drv = Driver(world)
    yield from drv.tap(cmd.ToggleFollow())  # the others hold in the middle of the room
    yield from drv.set_lock("front-door", True, _tiles(33.5, 8.3))
    yield from drv.tow("desk-front-1", (0, 1), _tiles(33.5, 8.55))
    yield from drv.goto(_tiles(31.8, 8.4))
    yield from drv.tow("desk-front-2", (0, 1), _tiles(33.5, 7.05))
    yield from drv.set_lock("back-door", True, _tiles(46.5, 8.3))
    yield from drv.tow("desk-back-1", (0, 1), _tiles(46.5, 8.55))
    yield from drv.goto(_tiles(48.2, 8.4))
    yield from drv.tow("desk-back-2", (0, 1), _tiles(46.5, 7.05))
    yield from drv.goto(_tiles(48.3, 3.0), "sneak")
    yield from drv.wait_until(lambda: "hold" in world.objectives.done, 120.0)
    while "intercom" not in world.director.station_done and world.tick < world.time_limit_ticks:
        yield from drv.goto(_tiles(48.3, 3.0), "sneak", 5.0)
        yield from drv.tap(cmd.Use())
        yield from drv.wait(2.3)
    # Unbar: tow each desk off the doorway to the east, into the corner, then unlock and go.
    for desk in ("desk-back-1", "desk-back-2"):
        prop = world.prop_by_id(desk)
        assert prop is not None
        c = world.bodies.pos[prop.index]
        yield from drv.tow(desk, (1.0, 0.0), (49.4 * TILE_PX, float(c[1])))
        yield from drv.goto(_tiles(46.5, 5.5), "walk", 4.0)
    yield from drv.set_lock("back-door", False, _tiles(46.5, 8.3))
    yield from drv.tap(cmd.ToggleFollow())  # everyone with me now
    yield from drv.goto(_tiles(46.5, 11.5), "walk", 10.0)
    yield from drv.escort(_tiles(78.5, 11.5))
    while True:
        yield cmd.EMPTY_INPUT


def construction_site_stand(world: World) -> Plan:
    """Brace the locked north door with two scaffold frames, meet Gwi-nam at the crane latch on
    the pit's west lip (he lunges at the lead and falls; if he runs down the rim instead, the
    load is let go on him), hold for the drones, unlock the east door and cross the bridge."""
    drv = Driver(world)
    yield from drv.tap(cmd.ToggleFollow())  # the others hold in the middle of the slab
    # North door (room to the south): tow one frame up to it, then push the second into it.
    yield from drv.tow("frame-north-1", (0, -1), _tiles(40.5, 7.45))
    yield from drv.goto(_tiles(42.8, 8.0))
    yield from drv.tow("frame-north-2", (0, -1), _tiles(40.5, 9.1))
    yield from drv.goto(_tiles(42.8, 11.5))
    yield from drv.push("frame-north-2", (0, -1), 24.0)
    yield from drv.goto(_tiles(31.35, 8.3), "walk", 20.0)
    halfbie = world.breeds.index("halfbie")

    def gwi_nam_in_the_swing() -> bool:
        rows = np.nonzero(world.horde.breed == halfbie)[0]
        return any(440.0 <= world.horde.pos[r, 0] <= 490.0 and 150.0 <= world.horde.pos[r, 1] <= 260.0
                   for r in rows.tolist())

    def gwi_nam_alive() -> bool:
        return bool((world.horde.breed == halfbie).any())

    latch = world.joints.by_id("crane-latch")
    here = _tiles(31.35, 8.3)
    while "hold" not in world.objectives.done and world.tick < world.time_limit_ticks:
        if latch is not None and latch.coupled and gwi_nam_in_the_swing():
            yield from drv.tap(cmd.Use())
        elif gwi_nam_alive() and world.tick % (3 * TICK_HZ) == 0:
            # He hunts the lead's last noise: a footstep here calls him along the rim.
            for _ in range(22):
                yield drv.move_toward(drv.lead_pos(), (here[0], here[1] + 8.0), "walk")
            yield from drv.goto(here, "walk", 2.0)
        yield cmd.EMPTY_INPUT
    # The drones came: unlock the east door, everyone out over the bridge.
    yield from drv.set_lock("east-door", False, _tiles(56.3, 9.5))
    yield from drv.tap(cmd.ToggleFollow())  # everyone with me now
    yield from drv.goto(_tiles(59.5, 10.5), "walk", 10.0)  # the middle of the bridge
    yield from drv.escort(_tiles(78.5, 10.5))
    while True:
        yield cmd.EMPTY_INPUT


SOLVERS = {
    "classroom-barricade": classroom_barricade,
    "construction-site-stand": construction_site_stand,
}


class SolverBot:
    """Plays a campaign level by its scripted solver; stands still on levels it has none for."""

    name = "solver"

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed
        self.plan: Iterator[cmd.TickInput] | None = None

    def reset(self, world: World) -> None:
        """Start the solver for this level."""
        solver = SOLVERS.get(world.spec.id)
        self.plan = solver(world) if solver is not None else None

    def act(self, world: World) -> cmd.TickInput:
        """The solver's commands for this tick."""
        if self.plan is None:
            return cmd.EMPTY_INPUT
        try:
            return next(self.plan)
        except StopIteration:
            self.plan = None
            return cmd.EMPTY_INPUT
