"""Bots: programs that play by sending the same commands a player sends.

The bot interface (``Bot`` below) is two methods:

- ``reset(world)`` — called once, after the world is built and before the first tick. A bot
  that draws random numbers seeds its own generator from the run's seed: the ``seed`` its
  constructor is given (``ClassName(seed)``), which is ``world.seed``, so either place works.
- ``act(world) -> TickInput`` — called once per tick, before ``world.step``; returns that tick's
  commands (``hyosan.sim.commands``: ``Move(x, y, gait)``, ``Grab``, ``Use``, ``Melee``,
  ``Shove``, ``Throw(x, y)``, ``Special``, ``SwitchLead``, ``ToggleFollow`` (everyone),
  ``ToggleFriend(x, y)`` (the follower nearest that point), ``ToggleTorch``). Held controls (``Move``,
  ``Grab``) must be sent on every tick they are held.

A bot may read the world as a player reads the screen — ``world.tick``, ``world.students``,
``world.student_pos(s)``, ``world.lead_student``, ``world.tilemap``, ``world.doors``,
``world.props``, zombies through ``hyosan.control.perceive`` — but must never change it, and
must not draw on any randomness but its own (``world.rng`` is the simulation's).

Built-in bots, by name: ``idle`` (does nothing; a level must be losable against it), ``random``
(presses every kind of control), ``greedy`` (walks the flow field to the current objective —
a station it works, a zone, the exit — barricades the room it holds in through a timed hold,
unsticks itself).
A designer's own bot is loaded with ``--bot path/to/file.py:ClassName``: the class is built with
``ClassName(seed)`` if it accepts a seed, else ``ClassName()``. That file is the designer's own
trusted code, run as Python; level packs can never name one.
"""

from __future__ import annotations

import importlib.util
import inspect
import math
import sys
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import numpy as np

from ..sim import commands as cmd
from ..sim.actions import THROW_RANGE, landing_point
from ..sim.director import STATION_REACH_PX
from ..sim.jit import kernel
from ..sim.specials import special_of
from ..sim.units import TILE_PX
from ..sim.world import USE_REACH, World
from . import perceive
from .fortify import Barricader
from .solvers import SolverBot


class Bot(Protocol):
    """The bot interface: called once at the start, then once per tick."""

    def reset(self, world: World) -> None:
        """Prepare for a new run of ``world``."""

    def act(self, world: World) -> cmd.TickInput:
        """The commands for the coming tick."""


class IdleBot:
    """Sends nothing: the squad stands still. A level must be losable against it."""

    name = "idle"

    def reset(self, world: World) -> None:
        """Nothing to prepare."""

    def act(self, world: World) -> cmd.TickInput:
        """No commands."""
        return cmd.EMPTY_INPUT


class RandomBot:
    """Presses random controls, holding each choice for a while, so every input path runs."""

    name = "random"

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        self.current: tuple[cmd.Command, ...] = ()
        self.hold = 0

    def reset(self, world: World) -> None:
        """Re-seed from the run's seed so a run is reproducible."""
        self.rng = np.random.default_rng([self.seed, world.seed])
        self.hold = 0

    def act(self, world: World) -> cmd.TickInput:
        """Keep moving in the current direction; now and then change, or press an action."""
        if self.hold <= 0:
            angle = float(self.rng.uniform(0, 2 * np.pi))
            gait = str(self.rng.choice(cmd.GAITS))
            held: list[cmd.Command] = [cmd.Move(float(np.cos(angle)), float(np.sin(angle)), gait)]
            if self.rng.random() < 0.3:
                held.append(cmd.Grab())
            self.current = tuple(held)
            self.hold = int(self.rng.integers(20, 90))
        self.hold -= 1
        extra: list[cmd.Command] = []
        roll = self.rng.random()
        if roll < 0.01:
            extra.append(cmd.Use())
        elif roll < 0.02:
            extra.append(cmd.Melee())
        elif roll < 0.03:
            extra.append(cmd.Shove())
        elif roll < 0.035:
            p = world.student_pos(world.lead_student)
            extra.append(cmd.Throw(float(p[0] + self.rng.uniform(-150, 150)), float(p[1] + self.rng.uniform(-150, 150))))
        elif roll < 0.038:
            extra.append(cmd.SwitchLead())
        elif roll < 0.040:
            extra.append(cmd.ToggleFollow())
        elif roll < 0.041:
            extra.append(cmd.ToggleTorch())
        elif roll < 0.042:
            extra.append(cmd.Special())
        elif roll < 0.043:  # one friend holds / follows: the one nearest a point round the lead
            p = world.student_pos(world.lead_student)
            extra.append(cmd.ToggleFriend(float(p[0] + self.rng.uniform(-60, 60)), float(p[1] + self.rng.uniform(-60, 60))))
        return cmd.TickInput(self.current + tuple(extra))


UNREACHABLE = np.iinfo(np.int32).max
NEIGHBOURS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1))
# Headings tried, in turn, when one runs over a fall tile (radians from it: nearest first).
FOOTING_TURNS = (0.0, 0.4, -0.4, 0.8, -0.8, 1.2, -1.2, 1.6, -1.6)


def flow_field(passable: np.ndarray, goals: np.ndarray) -> np.ndarray:
    """Steps (4-connected BFS) from every tile to the nearest goal; UNREACHABLE where none.

    ``passable`` and ``goals`` are bool grids indexed [row, col].
    """
    rows, cols = passable.shape
    dist = np.full((rows, cols), UNREACHABLE, dtype=np.int32)
    queue: deque[tuple[int, int]] = deque()
    for r, c in zip(*np.nonzero(goals & passable), strict=True):
        dist[r, c] = 0
        queue.append((int(r), int(c)))
    while queue:
        r, c = queue.popleft()
        d = dist[r, c] + 1
        for dc, dr in NEIGHBOURS[:4]:
            rr, cc = r + dr, c + dc
            if 0 <= rr < rows and 0 <= cc < cols and passable[rr, cc] and dist[rr, cc] > d:
                dist[rr, cc] = d
                queue.append((rr, cc))
    return dist


@kernel
def _nearest_within(zombies, x, y, mask, masked, radius):  # type: ignore[no-untyped-def]
    """(the row, its gap px) of the zombie nearest (x, y) px among those (``mask``'s rows when
    ``masked``) within ``radius`` px by ``np.hypot`` (the first of equals: numpy's argmin over
    ``np.flatnonzero(mask & (dist < radius))``); (-1, nan) for none. A hypot only for the rows
    whose offset fits the radius's square: a hypot is never below its longer side, so a row
    outside it is not within (nor is a nan, as dist < radius is false for it)."""
    k = -1
    best = np.nan
    for i in range(zombies.shape[0]):
        if masked and not mask[i]:
            continue
        dx = zombies[i, 0] - x
        dy = zombies[i, 1] - y
        if not (abs(dx) < radius and abs(dy) < radius):
            continue
        d = np.hypot(dx, dy)
        if d < radius and (k < 0 or d < best):
            k = i
            best = d
    return k, best


@kernel
def _count_near(zombies, calm, way, near):  # type: ignore[no-untyped-def]
    """How many ``calm`` zombies stand within ``near`` px of the way: ``_lure``'s
    ``(calm & (gap < near)).sum()``, gap each row's least ``np.hypot`` to the points of ``way``
    (k, 2) px, a nan among them a nan gap (numpy's min). A hypot only for the offsets that
    fit near's square (a hypot is never below its longer side) and for those with a nan."""
    count = 0
    for i in range(zombies.shape[0]):
        if not calm[i]:
            continue
        within = False
        nan_gap = False
        for j in range(way.shape[0]):
            dx = zombies[i, 0] - way[j, 0]
            dy = zombies[i, 1] - way[j, 1]
            if dx != dx or dy != dy:
                d = np.hypot(dx, dy)  # (nan, but inf beside an inf)
                if d != d:
                    nan_gap = True
                    break
                within = within or d < near
            elif not within and abs(dx) < near and abs(dy) < near:
                within = np.hypot(dx, dy) < near
        if within and not nan_gap:
            count += 1
    return count


class GreedyBot:
    """Heads for the current objective along a flow field over the tile map, with player
    commands only: the exit; a station it walks to and works (Use, then holds still until it
    is done; never the bait); a zone; for a timed hold or a hold until an event, it barricades
    the room it stands in (``fortify.Barricader``: locks, props against the doors) and stays
    there (still evading), and unbars the door the way to a goal outside runs through.
    Objectives come in the level's order, so a level that asks to hold and then use the
    intercom gets exactly that.

    - Steers toward the neighbouring tile (8 ways, no corner cutting) nearest the goal.
    - Sneaks while any zombie is within ``SNEAK_RADIUS``; steers away from chasing zombies
      within ``FLEE_RADIUS`` (sprinting while stamina lasts).
    - Presses Use next to a locked door on its way (nearer the goal than the lead; Use on an
      unlocked shut door would lock it, so only locked doors are touched), except one it
      barricaded itself.
    - Tracks progress (flow distance of the lead); after ``STUCK_TICKS`` without getting
      closer it tries, in turn: grab what is in front and drag it back out of the way,
      sidestep left or right and push at an angle, shove and sprint, and finally a detour
      that treats the blocked tile as a wall for a while.
    - With several students: the lead walks onto the exit, everyone is told to hold, and
      control passes to each student not yet out, until all stand on exit tiles.
    - A lead with an extinguisher (On-jo) turns to a chaser within ``SPRAY_PX`` and sprays it
      (C): the jet staggers it, and the cloud hides the lead while it gets away.
    - Lures: when at least ``LURE_CROWD`` zombies that are not chasing stand near the next
      ``LURE_AHEAD_TILES`` tiles of its way (or near the squad during a hold), it throws a phone
      to the floor within reach that lies farthest from that way while still in earshot of the
      crowd, at most once every ``LURE_EVERY`` ticks.
    """

    name = "greedy"
    SNEAK_RADIUS = 120.0  # px
    FLEE_RADIUS = 90.0  # px
    SPRAY_PX = 30.0  # px: a chaser this close to a lead with an extinguisher is sprayed
    STUCK_TICKS = 75  # ticks without progress before an unsticking manoeuvre
    DETOUR_TICKS = 300
    LURE_AHEAD_TILES = 14  # tiles of the way ahead watched for a crowd
    LURE_CROWD = 3  # zombies not chasing near the way ahead that are worth a phone
    LURE_NEAR_PX = 80.0  # px from the way ahead that counts as standing on it
    LURE_CLEAR_PX = 160.0  # px: the phone lands at least this far from the way ahead
    LURE_EARSHOT_PX = 300.0  # px: and no farther than this from the crowd (a phone rings 350 px)
    LURE_EVERY = 600  # ticks between two throws (a phone rings for 10 s)
    LURE_RETRY = 30  # ticks before looking again when no throw spot would do (24 throw lines each look)
    FOOTING_PX = 20.0  # px: a heading that crosses a fall tile this close ahead is turned aside

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed

    def reset(self, world: World) -> None:
        """Compute the flow field and clear the progress memory."""
        tm = world.tilemap
        # Door tiles are not solid (their panels swing); edge and fall tiles are open air: a
        # way over them is a way down, so the fields, sidesteps and flights all keep off them.
        self.fall = world.fall_mask
        self.passable = ~tm.solid & ~self.fall
        self.exits = world.objectives.exit_tiles(world) & self.passable  # E tiles and exit zones
        self.fields: dict[str, np.ndarray] = {}  # goal key -> flow field, made once per goal
        self._goal_masks: dict[str, np.ndarray] = {}  # goal key -> its tiles (a station's, a zone's), see _goal
        self.goal_key = "exit"
        self.goal_mask = self.exits
        self.station: str | None = None  # the station the current goal works
        self.base_field = self._field_for("exit", self.exits)
        self.field = self.base_field
        self.best = math.inf
        self.last_progress = 0
        self.attempt = 0
        self.plan: list[tuple[int, tuple[cmd.Command, ...]]] = []  # (ticks left, commands) steps
        self.detour_until = -1
        self.lead_index = world.lead
        self.next_lure = 0  # tick from which another phone may be thrown
        self._seen: tuple[int, np.ndarray, np.ndarray] | None = None  # (tick, zombies, chasing), see _horde
        self._ahead: tuple[np.ndarray, tuple[int, int], list[tuple[float, float]]] | None = None  # see _way_ahead
        self.barricader = Barricader(world)
        self.script: Iterator[cmd.TickInput] | None = None  # a barricade being built or taken down

    # -- the goal
    def _field_for(self, key: str, mask: np.ndarray) -> np.ndarray:
        if key not in self.fields:
            self.fields[key] = flow_field(self.passable, mask)
        return self.fields[key]

    def _station_goal(self, world: World, station_id: str) -> tuple[str, np.ndarray | None, str | None] | None:
        st = next((s for s in world.director.stations if s.spec.id == station_id), None)
        if st is None or st.uses_left <= 0 or st.spec.kind == "bait":
            return None
        key = f"station:{station_id}"
        mask = self._goal_masks.get(key)
        if mask is None:  # (the station's spot and the passable tiles never change: once per station)
            tm = world.tilemap
            sx, sy = st.spec.at[0] * TILE_PX, st.spec.at[1] * TILE_PX
            cy = (np.arange(tm.rows)[:, None] + 0.5) * TILE_PX
            cx = (np.arange(tm.cols)[None, :] + 0.5) * TILE_PX
            near = (cx - sx) ** 2 + (cy - sy) ** 2 <= (STATION_REACH_PX * 0.9) ** 2  # tile centres it is worked from
            mask = self._goal_masks[key] = near & self.passable
        return key, mask, station_id

    def _goal(self, world: World) -> tuple[str, np.ndarray | None, str | None]:
        """(key, goal tiles or None to hold where it stands, station to work) for the current objective."""
        o = world.objectives.current
        if o is None and world.spec.endless is not None:  # no way out: hold the night where it stands
            return "hold", None, None
        if o is None or o.kind == "reach-exit":
            return "exit", self.exits, None
        if o.kind == "use-station" or (o.kind == "hold-until-event" and o.event.startswith("station:")):
            goal = self._station_goal(world, o.station or o.event.partition(":")[2])
            if goal is not None:
                return goal
            return "hold", None, None
        if o.kind == "reach-zone":
            zone = next((z for z in world.spec.zones if z.id == o.zone), None)
            if zone is not None:
                key = f"zone:{zone.id}"
                mask = self._goal_masks.get(key)
                if mask is None:  # (the zone and the passable tiles never change: once per zone)
                    x0, y0, x1, y1 = zone.rect
                    mask = np.zeros_like(self.exits)
                    mask[int(y0):int(math.ceil(y1)), int(x0):int(math.ceil(x1))] = True
                    mask = self._goal_masks[key] = mask & self.passable
                return key, mask, None
        if o.kind in ("survive-seconds", "hold-until-event"):
            return "hold", None, None
        return "exit", self.exits, None

    def _follow_objective(self, world: World) -> None:
        key, mask, station = self._goal(world)
        if key == self.goal_key:
            return
        self.goal_key, self.station = key, station
        if mask is not None:
            self.goal_mask = mask
            self.base_field = self._field_for(key, mask)
        self.field = self.base_field
        self.detour_until = -1
        self.best, self.last_progress, self.plan = math.inf, world.tick, []
        if key == "hold":
            self.script = self.barricader.fortify()
        elif mask is not None and self.barricader.room is not None and not (mask & self.barricader.room).any() \
                and self._in_room(world, self.barricader.room):
            # The goal lies outside the barricaded room and the lead is still in it. (Out already,
            # by another door: a designer's hold, then a landing, then the exit had the squad walk
            # back from the landing to unbar the room's other door, and the crowd came back.)
            door = self.barricader.door_on_the_way(self.base_field)
            if door is not None:
                self.script = self.barricader.unbar(door)

    @staticmethod
    def _in_room(world: World, room: np.ndarray) -> bool:
        """Whether the lead stands on a tile of ``room`` (rows, cols bool)."""
        c, r = world.tilemap.tile_of(*(float(v) for v in world.student_pos(world.lead_student)))
        return bool(room[r, c])

    def _work_station(self, world: World, x: float, y: float) -> cmd.TickInput | None:
        """At the goal's station: press Use once, then hold still while it is worked."""
        if self.station is None:
            return None
        st = next((s for s in world.director.stations if s.spec.id == self.station), None)
        if st is None or math.hypot(x - st.spec.at[0] * TILE_PX, y - st.spec.at[1] * TILE_PX) > STATION_REACH_PX:
            return None
        self.last_progress = world.tick  # standing still here is progress
        if st.user == world.lead_student.id:
            return cmd.EMPTY_INPUT
        return cmd.TickInput((cmd.Use(),))

    # -- reading the map
    def _horde(self, world: World) -> tuple[np.ndarray, np.ndarray]:
        """(positions (n, 2) px, chasing (n,)) of the living zombies, read once a tick: the lure
        and the evasion both look, and nothing moves before the world steps."""
        memo = self._seen
        if memo is None or memo[0] != world.tick:
            memo = self._seen = (world.tick, perceive.zombie_positions(world), perceive.chasing_mask(world))
        return memo[1], memo[2]

    def _dist_at(self, world: World, x: float, y: float) -> float:
        c, r = world.tilemap.tile_of(x, y)
        d = self.field[r, c]
        return math.inf if d == UNREACHABLE else float(d)

    def _direction(self, world: World, x: float, y: float) -> tuple[float, float]:
        """Unit vector toward the best neighbouring tile's centre (or the own tile's centre)."""
        tm = world.tilemap
        rows, cols, field, passable = tm.rows, tm.cols, self.field, self.passable
        c, r = tm.tile_of(x, y)
        here = field[r, c]
        best = (here, c, r)
        for dc, dr in NEIGHBOURS:
            cc, rr = c + dc, r + dr
            if not (0 <= rr < rows and 0 <= cc < cols) or not passable[rr, cc]:
                continue
            if dc and dr and not (passable[r, cc] and passable[rr, c]):
                continue  # no cutting corners past a wall
            d = field[rr, cc] - (0.5 if dc and dr else 0.0)  # prefer diagonals when equal
            if d < best[0]:
                best = (d, cc, rr)
        _, bc, br = best
        tx, ty = (bc + 0.5) * TILE_PX, (br + 0.5) * TILE_PX
        if self.goal_mask[r, c] and (bc, br) == (c, r):
            return 0.0, 0.0  # on a goal tile already
        dx, dy = tx - x, ty - y
        n = math.hypot(dx, dy)
        return (dx / n, dy / n) if n > 1e-6 else (0.0, 0.0)

    # -- the tick
    def act(self, world: World) -> cmd.TickInput:
        """One tick of heading for the exit."""
        if world.lead != self.lead_index:  # a new lead: progress starts over
            self.lead_index = world.lead
            self.best, self.last_progress, self.plan = math.inf, world.tick, []
        if self.detour_until == world.tick:
            self.field = self.base_field
        self._follow_objective(world)
        if self.script is not None:
            step = next(self.script, None)
            if step is not None:
                return step
            self.script = None
            self.best, self.last_progress, self.plan = math.inf, world.tick, []
        squad = self._squad_orders(world)
        if squad is not None:
            return squad
        lead = world.lead_student
        x, y = (float(v) for v in world.student_pos(lead))
        lure = self._lure(world, x, y)
        if lure is not None:
            return cmd.TickInput((lure,))
        spray = self._spray(world, lead, x, y)
        if spray is not None:
            return spray
        if self.goal_key == "hold":  # a timed hold: stay put, but not in a chaser's arms
            gait, dx, dy = self._evade(world, x, y, 0.0, 0.0)
            return cmd.TickInput((cmd.Move(dx, dy, gait),)) if (dx or dy) else cmd.EMPTY_INPUT
        working = self._work_station(world, x, y)
        if working is not None:
            return working
        extra: list[cmd.Command] = []
        if self._locked_door_in_reach(world, x, y):
            extra.append(cmd.Use())
        if self.plan:
            ticks, commands = self.plan[0]
            self.plan[0] = (ticks - 1, commands)
            if ticks - 1 <= 0:
                self.plan.pop(0)
                self.last_progress = world.tick
            return cmd.TickInput(self._footed(world, x, y, commands) + tuple(extra))
        dist = self._dist_at(world, x, y)
        if dist < self.best:
            self.best = dist
            self.last_progress = world.tick
        elif world.tick - self.last_progress > self.STUCK_TICKS:
            self._unstick(world, x, y)
            return self.act_plan_first(world, extra)
        dx, dy = self._direction(world, x, y)
        gait, dx, dy = self._evade(world, x, y, dx, dy)
        if dx == 0.0 and dy == 0.0:
            return cmd.TickInput(tuple(extra))
        return cmd.TickInput((cmd.Move(dx, dy, gait), *extra))

    def act_plan_first(self, world: World, extra: list[cmd.Command]) -> cmd.TickInput:
        """The first tick of a freshly made plan."""
        ticks, commands = self.plan[0]
        self.plan[0] = (ticks - 1, commands)
        if ticks - 1 <= 0:  # a one-tick step (a shove, an E) is given once, not again next tick
            self.plan.pop(0)
        x, y = (float(v) for v in world.student_pos(world.lead_student))
        return cmd.TickInput(self._footed(world, x, y, commands) + tuple(extra))

    def _footed(self, world: World, x: float, y: float, commands: tuple[cmd.Command, ...]) -> tuple[cmd.Command, ...]:
        """A planned manoeuvre's commands with each Move kept off the fall tiles (a sidestep
        is planned blind to the rim)."""
        return tuple(cmd.Move(*self._keep_footing(world, x, y, c.x, c.y), c.gait) if isinstance(c, cmd.Move) else c
                     for c in commands)

    def _way_ahead(self, world: World, x: float, y: float) -> np.ndarray:
        """Tile centres (k, 2) px of the next tiles down the flow field; the lead's own spot
        when holding or without a field."""
        if self.goal_key == "hold":
            return np.array([[x, y]])
        tm = world.tilemap
        c, r = tm.tile_of(x, y)
        # The tiles down the field depend only on the field and the start tile: kept while the
        # lead stays on one tile (fields are made whole and never written, so ``is`` tells them).
        memo = self._ahead
        if memo is None or memo[0] is not self.field or memo[1] != (c, r):
            memo = self._ahead = (self.field, (c, r), self._tiles_down(tm.rows, tm.cols, c, r))
        return np.array([(x, y), *memo[2]])

    def _tiles_down(self, rows: int, cols: int, c: int, r: int) -> list[tuple[float, float]]:
        """Centres (px) of up to LURE_AHEAD_TILES tiles down the field from tile (c, r), each the
        first of the 4 neighbours that is lower."""
        field = self.field
        out: list[tuple[float, float]] = []
        for _ in range(self.LURE_AHEAD_TILES):
            here = field[r, c]
            step = None
            for dc, dr in NEIGHBOURS[:4]:
                cc, rr = c + dc, r + dr
                if 0 <= rr < rows and 0 <= cc < cols and field[rr, cc] < here:
                    step = (cc, rr)
                    break
            if step is None:
                break
            c, r = step
            out.append(((c + 0.5) * TILE_PX, (r + 0.5) * TILE_PX))
        return out

    def _lure(self, world: World, x: float, y: float) -> cmd.Throw | None:
        """A phone thrown away from the way ahead when a crowd stands on it (see the class doc)."""
        if world.phones_left <= 0 or world.tick < self.next_lure:
            return None
        zombies, chasing = self._horde(world)
        if len(zombies) < self.LURE_CROWD:
            return None
        way = self._way_ahead(world, x, y)
        calm = ~chasing if len(chasing) == len(zombies) else np.ones(len(zombies), bool)
        if _count_near(zombies, calm, way, self.LURE_NEAR_PX) < self.LURE_CROWD:
            return None  # (the crowd below, counted without the whole gap matrix: most ticks)
        gap = np.hypot(zombies[:, None, 0] - way[None, :, 0], zombies[:, None, 1] - way[None, :, 1]).min(axis=1)
        crowd = zombies[calm & (gap < self.LURE_NEAR_PX)]
        if len(crowd) < self.LURE_CROWD:
            return None
        centre = crowd.mean(axis=0)
        # The squad's own places count as the way too: a phone that lands by the followers at
        # the back draws the crowd onto them (a designer saw greedy ring phones ten tiles
        # behind its squad while it worked a barricade).
        squad = np.array([world.student_pos(s) for s in world.students if s.alive], dtype=float).reshape(-1, 2)
        keep_clear = np.concatenate((way, squad))
        best: tuple[float, float, float] | None = None
        for k in range(24):  # throws all round, each cut short by walls as the sim will
            a = 2.0 * math.pi * k / 24
            lx, ly = landing_point(world, x, y, x + math.cos(a) * THROW_RANGE, y + math.sin(a) * THROW_RANGE)
            clear = float(np.hypot(keep_clear[:, 0] - lx, keep_clear[:, 1] - ly).min())
            earshot = math.hypot(lx - centre[0], ly - centre[1])
            if clear < self.LURE_CLEAR_PX or earshot > self.LURE_EARSHOT_PX:
                continue
            score = clear - 0.5 * earshot
            if best is None or score > best[0]:
                best = (score, lx, ly)
        if best is None:  # nowhere to throw from here: look again in half a second, not every tick
            self.next_lure = world.tick + self.LURE_RETRY
            return None
        self.next_lure = world.tick + self.LURE_EVERY
        return cmd.Throw(best[1], best[2])

    def _evade(self, world: World, x: float, y: float, dx: float, dy: float) -> tuple[str, float, float]:
        zombies, chasing = self._horde(world)
        if len(zombies) == 0:
            return "walk", dx, dy
        # Whether a chaser is within FLEE_RADIUS, and any zombie within SNEAK_RADIUS, without
        # the whole distance array (needed only to flee, from the chasers close by).
        chasers = len(chasing) == len(zombies)
        if chasers and _nearest_within(zombies, x, y, chasing, True, self.FLEE_RADIUS)[0] >= 0:
            offset = zombies - np.array([x, y])
            dist = np.hypot(offset[:, 0], offset[:, 1])
            near_chasers = chasing & (dist < self.FLEE_RADIUS)
            away = -(offset[near_chasers] / np.maximum(dist[near_chasers], 1.0)[:, None] ** 2).sum(axis=0)
            n = float(np.hypot(*away))
            if n > 0:
                ax, ay = away / n
                vx, vy = dx + 1.5 * ax, dy + 1.5 * ay
                m = math.hypot(vx, vy) or 1.0
                vx, vy = self._keep_footing(world, x, y, vx / m, vy / m)
                return "sprint", vx, vy
        gait = "sneak" if _nearest_within(zombies, x, y, chasing, False, self.SNEAK_RADIUS)[0] >= 0 else "walk"
        return gait, dx, dy

    def _spray(self, world: World, lead, x: float, y: float) -> cmd.TickInput | None:
        """Face the nearest chaser within ``SPRAY_PX`` and spray it, when the lead has an
        extinguisher ready (the Move turns the lead before the spray, in the same tick)."""
        if special_of(lead.id) != "spray" or lead.special_charges == 0 or lead.special_cooldown > 0:
            return None
        zombies, chasing = self._horde(world)
        if len(zombies) == 0 or len(chasing) != len(zombies):
            return None
        k, dist = _nearest_within(zombies, x, y, chasing, True, self.SPRAY_PX)
        if k < 0:
            return None
        d = max(dist, 1e-6)
        zx, zy = zombies[k].tolist()
        return cmd.TickInput((cmd.Move((zx - x) / d, (zy - y) / d, "sneak"), cmd.Special()))

    def _keep_footing(self, world: World, x: float, y: float, dx: float, dy: float) -> tuple[float, float]:
        """(dx, dy), or the nearest heading turned from it that does not run over a fall tile
        within FOOTING_PX; (0, 0) when every heading does. A flight from a chaser straight
        over the pit's rim is the one escape a player would never take."""
        if not (dx or dy) or not self.fall.any():
            return dx, dy
        tm = world.tilemap
        for turn in FOOTING_TURNS:
            c, s = math.cos(turn), math.sin(turn)
            hx, hy = dx * c - dy * s, dx * s + dy * c
            safe = True
            for reach in (0.5 * self.FOOTING_PX, self.FOOTING_PX):
                col, row = tm.tile_of(x + hx * reach, y + hy * reach)
                if not (0 <= row < tm.rows and 0 <= col < tm.cols) or self.fall[row, col]:
                    safe = False
                    break
            if safe:
                return hx, hy
        return 0.0, 0.0

    def _locked_door_in_reach(self, world: World, x: float, y: float) -> bool:
        """A locked door within reach that the way to the goal runs through (nearer the goal
        than the lead), and not one it barricaded itself (``unbar`` takes that down)."""
        here = self._dist_at(world, x, y)
        for door in world.doors:
            c, r = door.spec.tile
            if door.locked and door.spec.id not in self.barricader.barred and self.field[r, c] < here \
                    and math.hypot(x - (c + 0.5) * TILE_PX, y - (r + 0.5) * TILE_PX) <= USE_REACH:
                return True
        return False

    def _chock_in_reach(self, world: World, x: float, y: float) -> bool:
        """A chock in E's reach: a latched coupling that holds a prop to the world and gives
        it a push when it lets go (``release_push``: the level means it to be knocked out),
        whose prop lies ahead on the way (nearer the goal than the lead)."""
        near = world.joints.coupling_near(x, y, prefer_open=False)
        if near is None:
            return False
        joint = near[1]
        if not joint.coupled or joint.spec.b or joint.spec.release_push is None:
            return False
        px, py = joint.a.position
        return self._dist_at(world, float(px), float(py)) < self._dist_at(world, x, y)

    def _unstick(self, world: World, x: float, y: float) -> None:
        """Plan the next manoeuvre in the rotation (each a few dozen ticks of commands); first,
        a chock in reach that holds what stands in the way is knocked out."""
        if self._chock_in_reach(world, x, y):
            self.last_progress = world.tick
            self.plan = [(1, (cmd.Use(),)), (90, ())]  # E, then let the freed prop go on its way
            self.best = math.inf
            return
        fx, fy = self._direction(world, x, y)
        if fx == 0.0 and fy == 0.0:
            fx, fy = world.lead_student.facing
        side = 1.0 if self.attempt % 2 == 0 else -1.0
        px, py = -fy * side, fx * side  # perpendicular to the way forward
        kind = self.attempt % 4
        self.attempt += 1
        self.last_progress = world.tick
        if kind == 0:  # grab what blocks the way and drag it back, then step aside
            self.plan = [(6, (cmd.Move(fx, fy, "walk"),)),
                         (50, (cmd.Move(-fx + 0.6 * px, -fy + 0.6 * py, "walk"), cmd.Grab())),
                         (30, (cmd.Move(px, py, "walk"),))]
        elif kind == 1:  # sidestep, then push forward at an angle
            self.plan = [(30, (cmd.Move(px, py, "walk"),)),
                         (50, (cmd.Move(fx - 0.5 * px, fy - 0.5 * py, "walk"),))]
        elif kind == 2:  # shove and sprint through
            self.plan = [(1, (cmd.Move(fx, fy, "walk"), cmd.Shove())),
                         (40, (cmd.Move(fx, fy, "sprint"),))]
        else:  # detour: treat the tile ahead as a wall for a while
            tm = world.tilemap
            c, r = tm.tile_of(x + fx * TILE_PX, y + fy * TILE_PX)
            if not self.goal_mask[r, c]:
                blocked = self.passable.copy()
                blocked[r, c] = False
                field = flow_field(blocked, self.goal_mask)
                cc, rr = tm.tile_of(x, y)
                if field[rr, cc] != UNREACHABLE:
                    self.field = field
                    self.detour_until = world.tick + self.DETOUR_TICKS
            self.plan = [(20, (cmd.Move(-fx, -fy, "walk"),))]
        self.best = math.inf  # measure progress afresh after the manoeuvre

    def _squad_orders(self, world: World) -> cmd.TickInput | None:
        """Hold-and-switch so every living student reaches a goal tile of an exit or a zone
        (None: just walk)."""
        alive = [s for s in world.students if s.alive]
        if len(alive) <= 1 or not (self.goal_key == "exit" or self.goal_key.startswith("zone:")):
            return None
        tm = world.tilemap

        def out(s: object) -> bool:
            c, r = tm.tile_of(*world.student_pos(s))  # type: ignore[arg-type]
            return bool(self.goal_mask[r, c])

        if not out(world.lead_student) or all(out(s) for s in alive):
            return None
        if world.follow:
            return cmd.TickInput((cmd.ToggleFollow(),))  # everyone holds where they stand
        return cmd.TickInput((cmd.SwitchLead(),))


BOTS: dict[str, type] = {"idle": IdleBot, "random": RandomBot, "greedy": GreedyBot, "solver": SolverBot}


def raised_at(exc: BaseException) -> str:
    """" at file:line" of the line in a designer's bot file that broke: the innermost frame of
    ``exc`` outside the game's own package, and where in the game it was raised when that is
    deeper (a Driver move given a misspelt id named only driver.py, not the script's line that
    called it). The innermost frame when every frame is the game's; "" when there is none."""
    import sysconfig
    import traceback

    if getattr(exc, "at", ""):  # the script's own line, named by the error (driver.ScriptError)
        return f" at {exc.at}"  # type: ignore[attr-defined]
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    game = Path(__file__).resolve().parents[1]
    # Not the designer's: the game's package, Python's own library and what is installed
    # beside it (numpy raising in a bot's act), and frames with no file ("<frozen importlib...>").
    libraries = {Path(sysconfig.get_paths()[k]).resolve() for k in ("stdlib", "purelib", "platlib")}

    def theirs(frame: traceback.FrameSummary) -> bool:
        if frame.filename.startswith("<"):
            return False
        parents = Path(frame.filename).resolve().parents
        return game not in parents and not any(lib in parents for lib in libraries)

    own = [f for f in frames if theirs(f)]
    inner = frames[-1]
    if not own or own[-1] is inner:
        return f" at {inner.filename}:{inner.lineno}"
    path = Path(inner.filename).resolve()
    where = path.relative_to(game.parent) if game in path.parents else path
    return f" at {own[-1].filename}:{own[-1].lineno} (raised in {where}:{inner.lineno})"


class BotLoadError(KeyError):
    """A bot name or ``file.py:ClassName`` that does not give a bot (one-line message)."""


def _construct(cls: type, seed: int) -> Bot:
    try:
        params = inspect.signature(cls).parameters
    except (TypeError, ValueError):
        params = {}  # type: ignore[assignment]
    return cls(seed) if params else cls()  # type: ignore[no-any-return]


def load_bot_class(spec: str) -> type:
    """Load ``path/to/file.py:ClassName`` (the designer's own trusted code) and return the class."""
    path_text, _, class_name = spec.rpartition(":")
    path = Path(path_text)
    if not class_name or path.suffix != ".py":
        raise BotLoadError(f"a bot file is given as path/to/file.py:ClassName, not {spec!r}")
    if not path.is_file():
        raise BotLoadError(f"bot file {path} does not exist")
    module_spec = importlib.util.spec_from_file_location(f"hyosan_user_bot_{path.stem}", path)
    if module_spec is None or module_spec.loader is None:
        raise BotLoadError(f"bot file {path} cannot be loaded as Python")
    module = importlib.util.module_from_spec(module_spec)
    # The file's own folder is importable, as when Python runs a script: a designer's bot that
    # imports a helper module beside it ("from mybot import SneakyBot") failed to load.
    folder = str(path.resolve().parent)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    try:
        module_spec.loader.exec_module(module)
    except Exception as exc:  # the designer's file: report its error in one line, no traceback
        raise BotLoadError(f"bot file {path} failed to load: {type(exc).__name__}: {exc}") from None
    cls = getattr(module, class_name, None)
    if not isinstance(cls, type):
        known = sorted(n for n, v in vars(module).items() if isinstance(v, type) and hasattr(v, "act"))
        raise BotLoadError(f"bot file {path} has no class {class_name!r}"
                           + (f" (it has: {', '.join(known)})" if known else ""))
    missing = [m for m in ("reset", "act") if not callable(getattr(cls, m, None))]
    if missing:
        raise BotLoadError(f"{class_name} in {path} is not a bot: it has no {' and no '.join(f'{m}(world)' for m in missing)} "
                           "(a bot needs reset(world) and act(world), which returns a TickInput)")
    return cls


def bot_levels(bot: Bot) -> tuple[str, ...] | None:
    """The level ids a bot is written for (its ``levels``: a route scripted for one level
    crashes on another, so ``check --playtest`` plays it on those alone), or None: every level.
    Raises BotLoadError when ``levels`` is not a list of level ids."""
    levels = getattr(bot, "levels", None)
    if levels is None:
        return None
    if isinstance(levels, str):
        levels = (levels,)  # levels = "quiet-reading": one level, written as one
    if not isinstance(levels, (list, tuple)) or not all(isinstance(i, str) for i in levels):
        raise BotLoadError(f"bot {type(bot).__name__}: levels must be a list of level ids "
                           f"(levels = [\"quiet-reading\"]), got {levels!r}")
    return tuple(levels)


def make_bot(name: str, seed: int = 0) -> Bot:
    """A bot by name or ``file.py:ClassName``; raises KeyError (BotLoadError) with one line."""
    if ".py:" in name or name.endswith(".py"):  # a file without its class is told how to name it
        cls = load_bot_class(name)
        try:
            return _construct(cls, seed)
        except Exception as exc:  # the designer's own code failed to build: one line, not a traceback
            raise BotLoadError(f"bot {name} could not be made: {type(exc).__name__}: {exc}{raised_at(exc)}") from None
    if name not in BOTS:
        raise BotLoadError(f"unknown bot {name!r}; known bots: {', '.join(sorted(BOTS))}, or path/to/file.py:ClassName")
    return _construct(BOTS[name], seed)
