"""The Driver: a scripted bot's moves, each a generator of the player's commands, tick by tick.

A script (a campaign solver, the greedy bot's barricade, or a designer's own bot: see
``ScriptBot`` and the designer guide's "A scripted bot") strings them together with ``yield
from``: walk the lead to a point along a planned path, wait, tap a command, lock a door, tow or
push a prop, brace a door. Each reads the world as a player reads the screen and only ever sends
commands; positions are px (a tile is ``TILE_PX`` = 16 px), times s.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Generator, Iterator
from itertools import chain

import numpy as np

from ..sim import commands as cmd
from ..sim.jit import kernel
from ..sim.physics import shape_bb
from ..sim.props import Door, Prop
from ..sim.squad import STUDENT_RADIUS
from ..sim.tilemap import EDGE, grown
from ..sim.units import TICK_HZ, TILE_PX
from ..sim.world import World, door_centre

Plan = Generator[cmd.TickInput, None, None]
ARRIVE_PX = 4.0
REPLAN_TICKS = 30
RIM_MARGIN_TILES = 1  # a planned way keeps this many tiles off a drop when it can (see Driver.path)
BRACE_STAND_TILES = 1.2  # tiles inside a door's centre a braced prop is towed to, before the push home
BRACE_NEXT_TILES = 1.5  # tiles further in for a prop stacked behind another (it trails its tower by about that)
BRACE_ASIDE_TILES = 1.8  # tiles along the wall the lead steps out of the way after a tow
BRACE_LINE_PX = 4.0  # px off the doorway's (or the prop before's) line a braced prop may come to rest
TOW_GRIP_PX = 6.0  # px from a towed prop's side to where the lead's body starts (see tow's handle)


def tile_point(x: float, y: float) -> tuple[float, float]:
    """The point (px) at (x, y) in tiles, as a level file gives places: ``tile_point(3.5, 2.5)``
    is the middle of the tile in column 3, row 2."""
    return x * TILE_PX, y * TILE_PX


def door_inward(world: World, door: Door, point: tuple[float, float]) -> tuple[float, float]:
    """The unit step (x, y) from a door through its doorway toward ``point``'s side of its wall."""
    c, r = door.spec.tile
    solid = world.tilemap.solid
    cx, cy = door_centre(door)
    across_rows = 0 < c < solid.shape[1] - 1 and bool(solid[r, c - 1]) and bool(solid[r, c + 1])
    if across_rows:  # a wall along the row: its doorway runs north-south
        return (0.0, 1.0 if point[1] >= cy else -1.0)
    return (1.0 if point[0] >= cx else -1.0, 0.0)



# (d_col, d_row) per step, in the order the breadth-first search tries them
_STEPS = np.array([(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1)], dtype=np.int64)


@kernel
def _breadth_first(blocked, start_c, start_r, end_c, end_r, came_from):  # type: ignore[no-untyped-def]
    """Breadth-first search over the open tiles of ``blocked`` (rows x cols), 8-way without
    cutting a blocked corner, from (start_c, start_r) until (end_c, end_r) leaves the queue.
    ``came_from`` (rows * cols, flat row * cols + col) gets each reached tile's predecessor
    (the start its own), -1 for the others. Returns whether the end was reached. A compiled
    loop: the Python one (a deque and a dict of tuples) cost ~1 ms a search, ~8% of the
    Roof's solver run."""
    rows, cols = blocked.shape
    came_from[:] = -1
    queue = np.empty(rows * cols, dtype=np.int64)
    first = start_r * cols + start_c
    end = end_r * cols + end_c
    came_from[first] = first
    queue[0] = first
    head, tail = 0, 1
    while head < tail:
        at = queue[head]
        head += 1
        if at == end:
            break
        r = at // cols
        c = at % cols
        for k in range(8):
            dc = _STEPS[k, 0]
            dr = _STEPS[k, 1]
            nc = c + dc
            nr = r + dr
            if not (0 <= nc < cols and 0 <= nr < rows):
                continue
            nxt = nr * cols + nc
            if came_from[nxt] >= 0 or blocked[nr, nc]:
                continue
            if dc != 0 and dr != 0 and (blocked[r, c + dc] or blocked[r + dr, c]):
                continue  # no corner cutting
            came_from[nxt] = at
            queue[tail] = nxt
            tail += 1
    return came_from[end] >= 0


@kernel
def _slice_bounds(start, stop, n):  # type: ignore[no-untyped-def]
    """Python's bounds of ``[start:stop]`` (``start`` >= 0) over a length ``n``."""
    if stop < 0:
        stop = max(stop + n, 0)
    return min(start, n), min(stop, n)


@kernel
def _mark_boxes(blocked, boxes, marks, margin, tile):  # type: ignore[no-untyped-def]
    """``Driver._blocked``'s props onto ``blocked`` in place: each box (left, bottom, right,
    top px) with ``marks`` & 1 as the numpy slice write it replaced,
    ``blocked[max(r0, 0):r1 + 1, max(c0, 0):c1 + 1]`` (1 px margin; ``tile`` a power of two,
    so floor(x / tile) is Python's ``//``), with & 2 as the Storm's margin round a car
    (``margin`` px, the far edges clipped to the map)."""
    rows, cols = blocked.shape
    for i in range(boxes.shape[0]):
        for which in range(2):
            if which == 0 and marks[i] & 1 == 0 or which == 1 and marks[i] & 2 == 0:
                continue
            m = 1.0 if which == 0 else margin
            c0 = np.int64(np.floor((boxes[i, 0] - m) / tile))  # (tile a power of two: Python's //)
            r0 = np.int64(np.floor((boxes[i, 1] - m) / tile))
            c1 = np.int64(np.floor((boxes[i, 2] + m) / tile))
            r1 = np.int64(np.floor((boxes[i, 3] + m) / tile))
            if which == 1:
                c1 = min(c1, cols - 1)
                r1 = min(r1, rows - 1)
            ra, rb = _slice_bounds(max(r0, 0), r1 + 1, rows)
            ca, cb = _slice_bounds(max(c0, 0), c1 + 1, cols)
            for r in range(ra, rb):
                for c in range(ca, cb):
                    blocked[r, c] = True


def _farther_than(dx: float, dy: float, gap: float) -> bool:
    """``float(np.hypot(dx, dy)) > gap``, exactly, but without numpy's hypot (~1 us on two
    Python floats) unless the two are within a hair: a square ``dx * dx + dy * dy`` more than
    1e-9 (relative) off ``gap * gap`` is off by far more than its own rounding (a few ulps)
    and hypot's (under one ulp) can bridge, so it tells which side hypot falls. Squares too
    small to trust (``gap * gap`` under 1e-250: subnormal rounding), too large (inf) or nan
    fall through to hypot itself."""
    sq = dx * dx + dy * dy
    bar = gap * gap
    if 1e-250 < bar < math.inf:
        if sq < bar * (1.0 - 1e-9):
            return False
        if bar * (1.0 + 1e-9) < sq < math.inf:
            return True
    return float(np.hypot(dx, dy)) > gap


@kernel
def _mark_tiles_of(blocked, pos, index, tile):  # type: ignore[no-untyped-def]
    """``blocked[r, c] = True`` on the tile (c, r) of each point ``pos[index[i]]`` (px), as
    ``TileMap.tile_of`` finds it: floor(x / tile) (``tile`` a power of two: Python's ``//``),
    clamped into the map."""
    rows, cols = blocked.shape
    for i in range(index.shape[0]):
        c = min(max(np.int64(np.floor(pos[index[i], 0] / tile)), 0), cols - 1)
        r = min(max(np.int64(np.floor(pos[index[i], 1] / tile)), 0), rows - 1)
        blocked[r, c] = True


class ScriptError(ValueError):
    """A script asked for something the level does not have (a misspelt prop or door id).
    ``at``: "file:line" of the script's own code at fault, when no frame of it is on the stack
    (a ``plan`` that returned instead of yielding is called and gone by the time it is found)."""

    def __init__(self, message: str, at: str = "") -> None:
        super().__init__(message)
        self.at = at


def _unknown(move: str, kind: str, wanted: str, have: list[str]) -> ScriptError:
    """One line for a move given an id the level lacks: a designer's typo ended in a bare
    AssertionError, or in "generator raised StopIteration", inside the game's own code."""
    close = difflib.get_close_matches(wanted, have, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    listed = ", ".join(have[:12]) + (", ..." if len(have) > 12 else "") if have else "none"
    return ScriptError(f"Driver.{move}: this level has no {kind} '{wanted}'{hint} (its {kind}s: {listed})")


class Driver:
    """A script's moves for the lead student (``Driver(world)``; every move is a generator to
    ``yield from``): walk a planned path, wait, tap commands, lock a door, tow, push or drag a
    prop, brace a door. Each ends on its own when done or out of time (it never raises for a
    move that failed: look at the world afterwards)."""

    def __init__(self, world: World) -> None:
        self.w = world
        self.through_friends = False  # plan through the followers (they make way) when boxed in
        self._static_cache: dict[str, tuple[tuple[bytes, bytes], np.ndarray]] = {}  # see _static
        self._escort_path: list[tuple[float, float]] = []  # escort's planned way (tile centres, px)
        self._marked: dict[frozenset[str], tuple[list, np.ndarray]] = {}  # see _marked_shapes

    # ------------------------------------------------------------------ reading the world
    def lead_pos(self) -> np.ndarray:
        """The lead's position, px."""
        return self.w.student_pos(self.w.lead_student)

    def lead_point(self) -> tuple[float, float]:
        """``lead_pos()`` as Python floats: the same numbers, cheaper to subtract and compare
        than numpy's scalars (a move's loop does a dozen a tick)."""
        x, y = self.w.student_pos(self.w.lead_student).tolist()
        return x, y

    def _prop(self, move: str, prop_id: str) -> Prop:
        prop = self.w.prop_by_id(prop_id)
        if prop is None:
            raise _unknown(move, "prop", prop_id, [p.spec.id for p in self.w.props])
        return prop

    def _door(self, move: str, door_id: str) -> Door:
        door = next((d for d in self.w.doors if d.spec.id == door_id), None)
        if door is None:
            raise _unknown(move, "door", door_id, [d.spec.id for d in self.w.doors])
        return door

    def followers_lagging(self, gap: float) -> bool:
        """A living follower is more than ``gap`` px from the lead (``np.hypot``)."""
        px, py = self.lead_point()
        lead = self.w.lead_student
        for s in self.w.students:
            if s.alive and s is not lead:
                qx, qy = self.w.student_pos(s).tolist()
                if _farther_than(qx - px, qy - py, gap):
                    return True
        return False

    def _static(self, name: str, make: Callable[[], np.ndarray]) -> np.ndarray:
        """``make()``, a (rows, cols) mask of tiles that never move (walls, edges, puddles),
        cached under ``name``. It changes only with the tile kinds (a toppled tower's wreck
        turns to wall) or the fall mask, so the cache is keyed on their bytes. Do not write to it."""
        w = self.w
        key = (w.tilemap.kind.tobytes(), w.fall_mask.tobytes())
        hit = self._static_cache.get(name)
        if hit is None or hit[0] != key:
            hit = self._static_cache[name] = (key, make())
        return hit[1]

    def _walls(self) -> np.ndarray:
        """Tiles no one walks: walls, map edges and drops (a ``_static`` mask)."""
        w = self.w
        return w.tilemap.solid | (w.tilemap.kind == EDGE) | w.fall_mask

    def _blocked(self, ignore: set[str]) -> np.ndarray:
        """(rows, cols) tiles a planned way keeps off: walls, edges and drops, locked doors,
        the props (their boxes and a 1 px margin, but those named in ``ignore``), what
        ``_mark_more`` adds and the other students (``_mark_friends``). Past the doors every
        layer only marks tiles blocked."""
        w = self.w
        blocked = self._static("walls", self._walls).copy()
        for door in w.doors:
            c, r = door.spec.tile
            blocked[r, c] = door.locked
        shapes, marks = self._marked_shapes(ignore)
        # The boxes (shape.bb's floats, without its wrapper objects) in one compiled pass: a
        # numpy slice write per shape cost ~100 us a call on the Roof's 30 props.
        boxes = np.fromiter(chain.from_iterable(map(shape_bb, shapes)), np.float64, 4 * len(shapes))
        _mark_boxes(blocked, boxes.reshape(-1, 4), marks, self.CAR_MARGIN_PX, float(TILE_PX))
        self._mark_more(blocked)
        self._mark_friends(blocked)
        return blocked

    CAR_MARGIN_PX = 0.0  # px round the shapes ``_prop_mark`` marks 2 (none here; the Storm's cars)

    def _prop_mark(self, prop: Prop, ignore: set[str]) -> int:
        """How ``_mark_boxes`` marks a prop's shapes: 1, its tiles (1 px margin), unless
        ``ignore`` names it; 0, not at all."""
        return 0 if prop.spec.id in ignore else 1

    def _marked_shapes(self, ignore: set[str]) -> tuple[list, np.ndarray]:
        """The shapes of the props ``_prop_mark`` marks, and (k,) their marks: a world's props
        and their shapes never change (added as it is built), so once per ``ignore``."""
        key = frozenset(ignore)
        hit = self._marked.get(key)
        if hit is None:
            pairs = [(shape, mark) for prop in self.w.props if (mark := self._prop_mark(prop, ignore))
                     for shape in prop.body.shapes]
            hit = self._marked[key] = ([shape for shape, _ in pairs],
                                       np.array([mark for _, mark in pairs], dtype=np.int64))
        return hit

    def _mark_more(self, blocked: np.ndarray) -> None:
        """More tiles a way keeps off (none here; the Storm's puddles and alarms)."""

    def _mark_friends(self, blocked: np.ndarray) -> None:
        """Walk around the others rather than shoving into them (unless ``through_friends``)."""
        w = self.w
        if self.through_friends:
            return
        lead = w.lead_student
        index = [s.index for s in w.students if s.alive and s is not lead]  # (their rows of bodies.pos)
        if index:
            _mark_tiles_of(blocked, w.bodies.pos, np.array(index, dtype=np.int64), float(TILE_PX))

    def path(self, goal: tuple[float, float], ignore: set[str] | None = None) -> list[tuple[float, float]]:
        """Tile-centre waypoints (px) from the lead to ``goal`` (px), breadth-first, 8-way.
        Unless the goal itself lies at a rim (a script that means to stand on the lip), the
        way keeps RIM_MARGIN_TILES off every drop when such a way exists: a way along the
        tiles beside one turns its corner with the lead's walking speed still carrying her
        on, and on the Site that corner was the lift shaft's."""
        blocked = self._blocked(ignore or set())
        w = self.w
        drops = w.fall_mask | (w.tilemap.kind == EDGE)
        if drops.any():
            rim = self._static("rim", lambda: grown(drops, RIM_MARGIN_TILES) & ~drops)
            gc, gr = w.tilemap.tile_of(*goal)
            way = None if rim[gr, gc] else self._bfs(blocked | rim, goal)
            if way is not None:
                return way
        return self._bfs(blocked, goal) or [goal]

    def _bfs(self, blocked: np.ndarray, goal: tuple[float, float]) -> list[tuple[float, float]] | None:
        """The breadth-first way of ``path`` over ``blocked`` (None: the goal is not reached).
        The lead's and the goal's own tiles always count as open."""
        blocked = blocked.copy()
        p = self.lead_pos()
        start = self.w.tilemap.tile_of(float(p[0]), float(p[1]))
        end = self.w.tilemap.tile_of(*goal)
        blocked[start[1], start[0]] = False
        blocked[end[1], end[0]] = False
        cols = blocked.shape[1]
        came_from = np.empty(blocked.size, dtype=np.int64)
        if not _breadth_first(blocked, start[0], start[1], end[0], end[1], came_from):
            return None
        out = [goal]
        first = start[1] * cols + start[0]
        node = int(came_from[end[1] * cols + end[0]])
        while node != first:
            r, c = divmod(node, cols)
            out.append(((c + 0.5) * TILE_PX, (r + 0.5) * TILE_PX))
            node = int(came_from[node])
        return out[::-1]

    # ------------------------------------------------------------------ moves
    @staticmethod
    def move_toward(p: np.ndarray | tuple[float, float], q: tuple[float, float], gait: str = "walk",
                    *extra: cmd.Command) -> cmd.TickInput:
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
            p = self.lead_point()
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
            p = self.lead_point()
            if math.hypot(goal[0] - p[0], goal[1] - p[1]) <= ARRIVE_PX:
                return
            if self.followers_lagging(gap):
                yield cmd.EMPTY_INPUT
                continue
            if self.w.tick % REPLAN_TICKS == 0 or not self._escort_path:
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
        prop = self._prop("push", prop_id)
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

    def brace(self, prop_id: str, door_id: str, behind: str | None = None) -> Plan:
        """Tow a prop up to a door, on the prop's side of the wall, and push it home against the
        doorway; or, ``behind`` another prop's id, in line behind that one and home against it
        (a stack). A prop braces a door only touching the doorway or a prop that does, so it
        goes in line with the doorway: a tow leaves a prop trailing the lead by its half-length
        and her body, so she walks that much further along the wall (ending where she stood,
        the Classroom's desks were pushed up against the wall beside the doorway), then steps
        aside on her own side of it (the other way she would walk through it and shove it off
        its line) and pushes it in."""
        w = self.w
        door = self._door("brace", door_id)
        prop = self._prop("brace", prop_id)
        at = w.bodies.pos[prop.index]
        inward = door_inward(w, door, (float(at[0]), float(at[1])))
        along = (-inward[1], inward[0])
        if behind is None:
            lean, gap = door_centre(door), BRACE_STAND_TILES
        else:
            first = self._prop("brace", behind)
            lean, gap = tuple(float(v) for v in w.bodies.pos[first.index]), BRACE_NEXT_TILES
        to = (lean[0] + inward[0] * gap * TILE_PX, lean[1] + inward[1] * gap * TILE_PX)
        d = math.hypot(to[0] - at[0], to[1] - at[1])
        if d > 1.0:
            ux, uy = (to[0] - at[0]) / d, (to[1] - at[1]) / d
            trail = (abs(ux) * prop.type.width + abs(uy) * prop.type.depth) / 2 + TOW_GRIP_PX + STUDENT_RADIUS
            slide = (ux * along[0] + uy * along[1]) * trail
            yield from self.tow(prop_id, (ux, uy), (to[0] + along[0] * slide, to[1] + along[1] * slide))
        yield from self.goto(self._aside(to, along), "walk", 4.0)
        yield from self.push(prop_id, (-inward[0], -inward[1]), 3.0 * TILE_PX)
        # Home but off the line (bumped on the way, or trailing wide of it): tow it along the
        # wall onto the line, it trailing her by its half-length and her body, and push again
        # if it still does not brace.
        # (A desk the lead reached round from the side was shoved against the wall beside the
        # Classroom's back doorway.)
        if prop not in w.bracing_props(door):
            at = w.bodies.pos[prop.index]
            off = (float(at[0]) - lean[0]) * along[0] + (float(at[1]) - lean[1]) * along[1]  # px along the wall
            if abs(off) > BRACE_LINE_PX:
                ux, uy = (-along[0], -along[1]) if off > 0 else along
                trail = (abs(ux) * prop.type.width + abs(uy) * prop.type.depth) / 2 + TOW_GRIP_PX + STUDENT_RADIUS
                reach = abs(off) + trail
                yield from self.tow(prop_id, (ux, uy), (float(at[0]) + ux * reach, float(at[1]) + uy * reach))
                yield from self.wait(0.3)  # (let go, it slides on a little: asked at once, it still braced)
                if prop not in w.bracing_props(door):  # (pushed again once home, it slid off the line)
                    yield from self.push(prop_id, (-inward[0], -inward[1]), 3.0 * TILE_PX)

    def _aside(self, at: tuple[float, float], along: tuple[float, float]) -> tuple[float, float]:
        """A spot BRACE_ASIDE_TILES along the wall from ``at`` (px) on open floor, on the lead's
        side of it first; neither open: ``at``."""
        p = self.lead_pos()
        first = 1.0 if (p[0] - at[0]) * along[0] + (p[1] - at[1]) * along[1] >= 0 else -1.0
        tm = self.w.tilemap
        for side in (first, -first):
            x = at[0] + along[0] * side * BRACE_ASIDE_TILES * TILE_PX
            y = at[1] + along[1] * side * BRACE_ASIDE_TILES * TILE_PX
            c, r = tm.tile_of(x, y)
            if 0 <= r < tm.solid.shape[0] and 0 <= c < tm.solid.shape[1] and not tm.solid[r, c] \
                    and not self.w.fall_mask[r, c]:
                return x, y
        return at

    def drag(self, prop_id: str, handle: tuple[float, float], direction: tuple[float, float],
             seconds: float) -> Plan:
        """Walk to ``handle`` (px, next to the prop), hold E and walk ``direction`` for a while."""
        self._prop("drag", prop_id)  # (a misspelt id would grab whatever lies nearest: say so instead)
        yield from self.goto(handle, "walk", 15.0, arrive=3.0)
        for _ in range(round(seconds * TICK_HZ)):
            yield cmd.TickInput((cmd.Grab(), cmd.Move(direction[0], direction[1], "walk")))
        yield from self.wait(0.1)  # let go


    def set_lock(self, door_id: str, locked: bool, stand: tuple[float, float], tries: int = 12) -> Plan:
        """Stand by a door and press E until it is locked (or unlocked)."""
        door = self._door("set_lock", door_id)
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
        prop = self._prop("tow", prop_id)
        d = np.array(direction, dtype=float) / math.hypot(*direction)
        c = self.w.bodies.pos[prop.index]
        handle = c + d * (abs(d[0]) * prop.type.width / 2 + abs(d[1]) * prop.type.depth / 2 + TOW_GRIP_PX)
        yield from self.goto((float(handle[0]), float(handle[1])), "walk", 10.0, ignore={prop_id}, arrive=2.5)
        deadline = self.w.tick + round(timeout * TICK_HZ)
        retried = False
        while self.w.tick < deadline:
            p = self.lead_pos()
            if math.hypot(to[0] - p[0], to[1] - p[1]) < 3.0:
                break
            yield self.move_toward(p, to, "walk", cmd.Grab())
            if self.w.lead_student.grabbed_prop != prop_id and not retried:
                # E took nothing (a prop turned on its way in shows a shorter side) or the one
                # beside it (the nearest in reach): let go and come in against the side it shows.
                retried = True
                yield from self.wait(0.1)
                c = self.w.bodies.pos[prop.index]
                shown = max(float(np.dot(corner, d)) for shape in prop.body.shapes
                            for corner in ((shape.bb.left, shape.bb.bottom), (shape.bb.left, shape.bb.top),
                                           (shape.bb.right, shape.bb.bottom), (shape.bb.right, shape.bb.top)))
                handle = c + d * (shown - float(np.dot(c, d)) + 6.0)  # px: 6 px off its far side
                yield from self.goto((float(handle[0]), float(handle[1])), "walk", 10.0, ignore={prop_id}, arrive=2.5)
        yield from self.wait(0.1)




class ScriptBot:
    """A bot that plays a script: subclass it and write ``plan(world)``, a generator that yields
    one ``TickInput`` a tick, most often through a ``Driver``'s moves. When the plan runs out the
    bot stands still. Built as ``YourBot(seed)``; ``self.seed`` is the run's seed."""

    name = "script"
    # The level ids the script is written for: `check --playtest` plays it on those alone (a
    # route for one level crashes on the next). None: every level it is given.
    levels: tuple[str, ...] | None = None

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed
        self.steps: Iterator[cmd.TickInput] | None = None
        self.started = False  # whether the plan has yielded a tick yet

    def plan(self, world: World) -> Plan:
        """The script: yields the commands of every tick (override it)."""
        return
        yield  # a generator that yields nothing

    def reset(self, world: World) -> None:
        """Start the plan on this world."""
        steps = self.plan(world)
        if not isinstance(steps, Iterator):
            # A plan with no yield in it is a plain function: its moves were made and thrown
            # away, and the lead stood still until the clock ran out (a designer, session 30).
            raise ScriptError(f"{type(self).__name__}.plan(world) returned {type(steps).__name__}, not a "
                              "generator: string the moves together with yield from (yield from drv.goto(...))",
                              at=self._plan_at())
        self.steps = steps
        self.started = False

    def _plan_at(self) -> str:
        """"file:line" where this bot's ``plan`` begins (its slips are found after it returned)."""
        code = getattr(type(self).plan, "__code__", None)
        return f"{code.co_filename}:{code.co_firstlineno}" if code is not None else ""

    def act(self, world: World) -> cmd.TickInput:
        """The plan's commands for this tick, or nothing once it is done."""
        if self.steps is None:
            return cmd.EMPTY_INPUT
        try:
            step = next(self.steps)
        except StopIteration:
            self.steps = None
            if not self.started:  # its moves were called but never run: the same slip as above
                raise ScriptError(f"{type(self).__name__}.plan(world) ended before its first tick: a move runs "
                                  "only under yield from (yield from drv.goto(...), not drv.goto(...))",
                                  at=self._plan_at()) from None
            return cmd.EMPTY_INPUT
        self.started = True
        return step
