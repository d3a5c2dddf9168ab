"""Barricading for the generic bot: lock the doors of the room the squad holds in, tow the
room's light props hard up against them, and unbar the door the way out runs through.

A player facing "hold until ..." in a room does this before anything else (Classroom
Barricade's briefing asks for it in so many words); a designer's barricade level can only be
shown winnable by a bot that does it too. It reads the world as a player reads the screen
(the map, the doors, where the props stand) and acts through the solvers' ``Driver``: the
player's commands only.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Generator
from dataclasses import dataclass, field

import numpy as np

from ..sim import commands as cmd
from ..sim.props import Door, Prop
from ..sim.tilemap import EDGE, grown
from ..sim.units import TILE_PX
from ..sim.world import LOCK_BREAK_FORCE, World, door_centre
from . import perceive
from .driver import Driver

Plan = Generator[cmd.TickInput, None, None]

MAX_ROOM_TILES = 1200  # tiles: an open area bigger than this (a yard) has no walls to hold
MAX_TOW_KG = 150.0  # kg: heavier props (a car, a crane's load) stay where they stand
LIGHT_KG = 20.0  # kg: a prop this light tows at a walk (a desk is 15)
TOW_PX_PER_KG = 3.0  # px of walking a heavier prop's every kg over LIGHT_KG is worth: a locker (70 kg) 150 px
PROPS_PER_DOOR = 2  # props towed to each door: two desks hold even the back door's flimsy lock
BRACED_ENOUGH = 1.0  # x its lock: a door whose props already add this much is left as it stands
STAND_TILES = 1.2  # tiles inside a door's centre: where the lead locks it and tows the first prop
CROWD_PX = 160.0  # px round a door within which zombies count as at it
QUIET_CROWD = 2  # zombies at a door few enough to unlock it and go
UNBAR_WAIT_S = 30.0  # s: the longest it waits for the crowd at a door to thin before going anyway
SETTLE_SECONDS = 1.5  # s: the longest it waits for a door the squad came through to swing shut before locking
CLEAR_TILES = 3.0  # tiles a prop is towed sideways off a doorway when unbarring it
RIM_TILES = 2  # tiles: the lead waits no nearer an edge or a drop (a shove there is a fall)

_FOUR = ((1, 0), (-1, 0), (0, 1), (0, -1))


def room_of(world: World, x: float, y: float) -> np.ndarray | None:
    """(rows, cols) bool: the tiles reachable from (x, y) px without crossing a wall, a door, an
    edge or a drop (4-connected), or None when the lead stands in a doorway or the area is
    bigger than MAX_ROOM_TILES (no room to hold)."""
    tm = world.tilemap
    floor = ~tm.solid & (tm.kind != EDGE) & ~world.fall_mask
    for door in world.doors:
        c, r = door.spec.tile
        floor[r, c] = False
    c, r = tm.tile_of(x, y)
    if not floor[r, c]:
        return None
    rows, cols = floor.shape
    room = np.zeros_like(floor)
    room[r, c] = True
    queue = deque([(c, r)])
    size = 1
    while queue:
        c, r = queue.popleft()
        for dc, dr in _FOUR:
            cc, rr = c + dc, r + dr
            if 0 <= rr < rows and 0 <= cc < cols and floor[rr, cc] and not room[rr, cc]:
                size += 1
                if size > MAX_ROOM_TILES:
                    return None
                room[rr, cc] = True
                queue.append((cc, rr))
    return room


def room_doors(world: World, room: np.ndarray) -> list[tuple[Door, tuple[float, float]]]:
    """The doors in the room's walls, each with its inward unit vector (from the door's tile to
    the room tile beside it). A door with room on both sides is not in a wall of it."""
    rows, cols = room.shape
    out = []
    for door in world.doors:
        c, r = door.spec.tile
        inside = [(dc, dr) for dc, dr in _FOUR if 0 <= r + dr < rows and 0 <= c + dc < cols and room[r + dr, c + dc]]
        if len(inside) == 1:
            out.append((door, (float(inside[0][0]), float(inside[0][1]))))
    return out


def _towable(world: World) -> list[Prop]:
    """Props one student can tow: light enough, sliding (not rolling), tied by no joint, not
    bolted down."""
    tied = {j.a for j in world.spec.joints} | {j.b for j in world.spec.joints}
    return [p for p in world.props if p.body.mass <= MAX_TOW_KG and p.type.rolling == "none"
            and p.spec.id not in tied and not p.spec.anchored]


def _in(room: np.ndarray, x: float, y: float) -> bool:
    rows, cols = room.shape
    c, r = int(x // TILE_PX), int(y // TILE_PX)
    return 0 <= r < rows and 0 <= c < cols and bool(room[r, c])


def _inside(door: Door, inward: tuple[float, float], tiles: float) -> tuple[float, float]:
    """The point (px) ``tiles`` inside a door's centre, into its room."""
    cx, cy = door_centre(door)
    return cx + inward[0] * tiles * TILE_PX, cy + inward[1] * tiles * TILE_PX


@dataclass
class Barricade:
    """A door the bot locked and braced: which way its room lies, the room, the props towed to it."""

    inward: tuple[float, float]
    room: np.ndarray
    props: list[str] = field(default_factory=list)


class Barricader:
    """Plans the bot's barricade for the room it holds in, and remembers what it barred where
    so that it can unbar the door on the way out."""

    def __init__(self, world: World) -> None:
        self.w = world
        self.drv = Driver(world)
        self.barred: dict[str, Barricade] = {}  # door id -> its barricade
        self.room: np.ndarray | None = None  # the room it last barricaded

    def fortify(self) -> Plan:
        """The others hold where they stand; the lead locks each shut door in the room's walls
        (nearest first), then tows up to PROPS_PER_DOOR of the room's nearest light props hard
        against each (the door with the most zombies at it first), waits farthest from the
        doors, and everyone follows again. Nothing when the lead is not in a room."""
        w, drv = self.w, self.drv
        p = drv.lead_pos()
        room = room_of(w, float(p[0]), float(p[1]))
        doors = room_doors(w, room) if room is not None else []
        if room is None or not doors:
            return
        self.room = room
        doors.sort(key=lambda dn: math.hypot(door_centre(dn[0])[0] - p[0], door_centre(dn[0])[1] - p[1]))
        # Props already bracing a door stay where they are: towing the nearest light ones past a
        # designer's lockers braced against a lab's door knocked them off it (its hold fell from
        # five locks to one and the crowd came through).
        bracing = {prop.spec.id for door, _ in doors if door.locked for prop in w.bracing_props(door)}
        free = [prop for prop in _towable(w) if _in(room, *(float(v) for v in w.bodies.pos[prop.index]))
                and prop.spec.id not in bracing]
        if w.follow:
            yield from drv.tap(cmd.ToggleFollow())  # the others hold where they stand, out of the way
        # A door the squad just came through is still swinging shut: give it a moment, or it is
        # skipped as open and never locked (a designer's hold began as the squad entered the
        # staff room, and greedy lost 10 runs of 10 with the door unlocked).
        if any(door.is_open and not door.broken for door, _ in doors):
            yield from drv.wait_until(lambda: not any(d.is_open and not d.broken for d, _ in doors), SETTLE_SECONDS)
        # Every lock first (a few steps each, and a locked door already turns the horde away),
        # then the props, door by door.
        for door, inward in doors:
            if not door.broken and not door.is_open:  # an open door cannot be locked from here
                yield from drv.set_lock(door.spec.id, True, _inside(door, inward, STAND_TILES))
        todo = list(doors)
        while todo:  # the door with the most of the horde at it next: it is the first to give
            crowd = [self._crowd_at(door_centre(door)) for door, _ in todo]
            door, inward = todo.pop(crowd.index(max(crowd)))
            if not door.locked or door.broken:
                continue
            barricade = self.barred[door.spec.id] = Barricade(inward, room)
            if w.brace(door) >= LOCK_BREAK_FORCE * door.spec.lock_strength * BRACED_ENOUGH:
                continue  # braced already (by the level, or a player's bot): more props would only knock it
            stand = _inside(door, inward, STAND_TILES)
            for _ in range(PROPS_PER_DOOR):
                if not free:
                    break
                free.sort(key=lambda q: math.hypot(*(w.bodies.pos[q.index] - stand))
                          + TOW_PX_PER_KG * max(0.0, q.body.mass - LIGHT_KG))
                prop = free.pop(0)
                behind = barricade.props[-1] if barricade.props else None  # the second against the first
                barricade.props.append(prop.spec.id)
                yield from drv.brace(prop.spec.id, door.spec.id, behind)
        wait = _farthest_from(room & ~grown(w.fall_mask | (w.tilemap.kind == EDGE), RIM_TILES), doors) \
            or _farthest_from(room, doors)  # if a door gives, not in its way; and not at a rim
        yield from drv.goto(wait, "walk", 10.0)
        if not w.follow:
            yield from drv.tap(cmd.ToggleFollow())

    def _crowd_at(self, at: tuple[float, float]) -> int:
        """How many zombies stand within CROWD_PX of ``at`` (px)."""
        zombies = perceive.zombie_positions(self.w)
        return int((np.hypot(zombies[:, 0] - at[0], zombies[:, 1] - at[1]) < CROWD_PX).sum()) if len(zombies) else 0

    def door_on_the_way(self, field: np.ndarray) -> Door | None:
        """Of the doors it barricaded that still stand locked, the one nearest the goal by
        ``field`` (the bot's flow distance per tile): the way out runs through it."""
        best: tuple[float, Door] | None = None
        for door in self.w.doors:
            if door.spec.id not in self.barred or not door.locked or door.broken:
                continue
            c, r = door.spec.tile
            d = float(field[r, c])
            if best is None or d < best[0]:
                best = (d, door)
        return best[1] if best is not None else None

    def unbar(self, door: Door) -> Plan:
        """Tow the door's props off the doorway, sideways along the wall (the last towed first),
        wait for the crowd outside to thin, unlock it, and have everyone follow."""
        w, drv = self.w, self.drv
        barricade = self.barred.pop(door.spec.id)
        nx, ny = barricade.inward
        if w.follow:
            yield from drv.tap(cmd.ToggleFollow())
        for prop_id in reversed(barricade.props):
            prop = w.prop_by_id(prop_id)
            if prop is None:
                continue
            at = w.bodies.pos[prop.index]
            for side in (1.0, -1.0):  # along the wall, to a side that is still the room
                sx, sy = -ny * side, nx * side
                to = (float(at[0]) + sx * CLEAR_TILES * TILE_PX, float(at[1]) + sy * CLEAR_TILES * TILE_PX)
                if _in(barricade.room, *to):
                    yield from drv.tow(prop_id, (sx, sy), to)
                    break
        centre = door_centre(door)
        # Not into the arms of the crowd still at it (a lure or the PA takes a while to draw it off).
        yield from drv.wait_until(lambda: self._crowd_at(centre) <= QUIET_CROWD, UNBAR_WAIT_S)
        yield from drv.set_lock(door.spec.id, False, _inside(door, barricade.inward, STAND_TILES))
        if not w.follow:
            yield from drv.tap(cmd.ToggleFollow())


def _farthest_from(room: np.ndarray, doors: list[tuple[Door, tuple[float, float]]]) -> tuple[float, float] | None:
    """The centre (px) of the room tile farthest from its nearest door (None: no tile)."""
    rows, cols = np.nonzero(room)
    if len(rows) == 0:
        return None
    centres = np.stack([(cols + 0.5) * TILE_PX, (rows + 0.5) * TILE_PX], axis=1)
    gap = np.full(len(centres), np.inf)
    for door, _ in doors:
        cx, cy = door_centre(door)
        np.minimum(gap, np.hypot(centres[:, 0] - cx, centres[:, 1] - cy), out=gap)
    best = int(np.argmax(gap))
    return float(centres[best, 0]), float(centres[best, 1])
