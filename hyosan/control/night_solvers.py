"""Solvers for the Hyosan Nights score mode: the best way each night is known to be held.

An endless night cannot be won, so a night's solver is not a proof that it can be: it plays the
strongest strategy found for it (levels/nights/PLAYTESTS.md), with the player's commands only,
so that `hyosan playtest nights/LEVEL --bot solver` and `hyosan check --playtest nights` say how
long a good player lasts and which stars that earns. Each is the campaign solvers' kind of
generator (``solvers.Driver``), for the night's own file only.
"""

from __future__ import annotations

import numpy as np

from ..sim import commands as cmd
from ..sim.squad import GAIT_SPEED
from ..sim.units import TICK_HZ, TILE_PX
from ..sim.world import World
from .driver import Driver, Plan, tile_point

NIGHTS_FOLDER = "nights"  # the built-in pack whose files these scripts are written for
AUDITORIUM_TROLLEYS = {"trolley-1", "trolley-2", "trolley-3"}
AUDITORIUM_WALL_AT_BAY = 51.2  # tiles: trolley-2's centre x once the wall stands against the bay leaves
AUDITORIUM_ROUND_WAIT_S = 8  # s the lead waits west of the wall for the others to come round behind it
ROOF_BUNKER_SECONDS = 275.0  # s: in the plant room by then (its door locked before the first pass, at 5:00)


def _lock(drv: Driver, door_id: str, stand: tuple[float, float]) -> Plan:
    """Lock a door with the others holding where they stand (F), so that nobody waits in the
    doorway while the lead works it; then everyone follows again."""
    yield from drv.tap(cmd.ToggleFollow())
    yield from drv.set_lock(door_id, True, tile_point(*stand))
    yield from drv.tap(cmd.ToggleFollow())


def the_auditorium(world: World) -> Plan:
    """Seal the backstage: through the west wing door and lock it behind the squad, lock the
    east wing door from the corridor, lock both loading-bay leaves, couple the three trolleys
    into a wall and push it against the bay, then wait halfway down the corridor, where the
    crowd splits between the five doors. Two stars on every seed tried; the bay (or the chained
    fire door) gives at about five minutes."""
    drv = Driver(world)
    for spot in ((4.5, 12.0), (4.5, 7.6), (10.0, 7.6)):
        yield from drv.goto(tile_point(*spot), timeout=20.0)
    yield from drv.wait(1.5)  # the others come through the doorway
    yield from _lock(drv, "west-wing-door", (4.5, 8.45))
    yield from drv.goto(tile_point(48.0, 7.6), timeout=20.0)
    yield from drv.wait(0.5)
    yield from _lock(drv, "east-wing-door", (49.5, 8.45))
    yield from drv.goto(tile_point(39.0, 5.3), timeout=10.0)
    yield from drv.goto(tile_point(51.5, 2.5), timeout=10.0, ignore=AUDITORIUM_TROLLEYS)
    for _ in range(3):  # (E at either leaf locks both: the walk to the north leaf's spot, with
        # the others holding, puts the squad where the wall's push starts from)
        yield from _lock(drv, "loading-bay-south", (52.3, 3.8))
        yield from drv.tap(cmd.ToggleFollow())
        yield from drv.goto(tile_point(52.3, 2.2), "walk", 6.0, arrive=3.0)
        yield from drv.tap(cmd.ToggleFollow())
    # The couplings, from the wall's east end, where both joins are in reach (a tap each).
    yield from drv.goto(tile_point(37.5, 2.95), timeout=10.0, ignore=AUDITORIUM_TROLLEYS)
    yield from drv.goto(tile_point(36.5, 2.95), "sneak", 10.0, ignore=AUDITORIUM_TROLLEYS, arrive=2.0)
    for joint_id in ("trolley-join-1", "trolley-join-2"):
        joint = world.joints.by_id(joint_id)
        for _ in range(4):
            if joint is None or joint.coupled:
                break
            yield from drv.tap(cmd.Use())
            yield from drv.wait(0.1)
    # Round to the west side, the others after the lead (they push too, and keep it straight),
    # and walk the wall east, steering on the middle trolley, until it stands against the bay
    # (or stops moving).
    for spot in ((36.5, 5.5), (33.0, 5.5), (33.0, 3.0)):
        yield from drv.goto(tile_point(*spot), timeout=10.0, ignore=AUDITORIUM_TROLLEYS)
    middle = world.prop_by_id("trolley-2")
    # Wait for the others to come round behind it too: still on its east side they stood in its
    # way, and it turned across the room and jammed (seeds 8, 13 and 16 once E locked both leaves).
    wall_x = float(world.bodies.pos[middle.index][0]) if middle is not None else 0.0
    deadline = world.tick + AUDITORIUM_ROUND_WAIT_S * TICK_HZ
    while world.tick < deadline and any(float(world.student_pos(s)[0]) > wall_x - TILE_PX
                                        for s in world.students if s.alive and s is not world.lead_student):
        yield cmd.EMPTY_INPUT
    deadline = world.tick + 20 * TICK_HZ
    best, still = 0.0, 0
    while middle is not None and world.tick < deadline and still < 90:
        x, y = (float(v) for v in world.bodies.pos[middle.index])
        if x / TILE_PX >= AUDITORIUM_WALL_AT_BAY:
            break
        still = 0 if x > best + 0.5 else still + 1  # ticks without a half pixel of headway
        best = max(best, x)
        dy = (y - float(drv.lead_pos()[1])) / TILE_PX
        yield cmd.TickInput((cmd.Move(1.0, max(-0.5, min(0.5, dy)), "walk"),))
    # Away from the wall before turning back west: the others, walking back along its side
    # after the lead, shouldered it off the bay again. South first, then west.
    yield from drv.wait(1.0)
    drv.through_friends = True  # (they make way for the lead)
    yield from drv.goto(tile_point(50.0, 5.45), timeout=4.0, ignore=AUDITORIUM_TROLLEYS)
    yield from drv.wait(1.5)
    for spot in ((38.5, 5.45), (27.0, 7.6)):
        yield from drv.goto(tile_point(*spot), timeout=20.0, ignore=AUDITORIUM_TROLLEYS)
    while True:
        yield cmd.EMPTY_INPUT


def the_roof(world: World) -> Plan:
    """Lock the west stair door (the first arrivals come up it) and brace it with the desks the
    squad dropped by it, then keep sneaking round the
    roof, away from where the hunters were sent, flying the drone lure from the camp when it is
    passed; leave for the plant room in time to be in it by 4:35, lock its door behind the squad
    and wait there. The first helicopter pass (5:00) pulls the roof's crowd past the room and
    many of it over the rim."""
    drv = Driver(world)
    for spot in ((21.0, 12.0), (11.0, 10.2)):
        yield from drv.goto(tile_point(*spot), timeout=20.0)
    yield from drv.wait(0.5)
    yield from _lock(drv, "west-door", (7.5, 9.4))
    # Its two dropped desks pushed up against it, the second against the first: the kicked-in
    # lock alone holds half a standard one.
    yield from drv.brace("desk-west-1", "west-door")
    yield from drv.brace("desk-west-2", "west-door", behind="desk-west-1")
    route = ((30.5, 28.0), (40.0, 27.0), (48.0, 20.0), (40.0, 12.0), (26.0, 8.0), (20.0, 20.0))

    def plant_room_eta() -> float:
        """s to sneak to the plant room from here (straight-line tiles, a third again for the way)."""
        p = drv.lead_pos() / TILE_PX
        return float(np.hypot(p[0] - 10.5, p[1] - 19.5)) * 1.33 * TILE_PX / GAIT_SPEED["sneak"]

    drone_next = 60.0
    k = 0
    while world.sim_seconds + plant_room_eta() < ROOF_BUNKER_SECONDS:
        yield from drv.goto(tile_point(*route[k % len(route)]), "sneak", timeout=4.0)
        k += 1
        at_camp = abs(float(drv.lead_pos()[0]) / TILE_PX - 30.5) < 2.0
        if world.sim_seconds > drone_next and at_camp:
            yield from drv.tap(cmd.Use())  # the drone controller at the camp
            drone_next = world.sim_seconds + 90.0
    for spot in ((14.0, 19.5), (10.5, 19.5), (6.0, 18.0)):
        yield from drv.goto(tile_point(*spot), "sneak", timeout=15.0)
    yield from drv.wait(2.5)  # the others come in
    yield from _lock(drv, "plant-door", (11.35, 19.5))
    yield from drv.goto(tile_point(6.0, 18.0), "sneak", timeout=10.0)
    while True:
        yield cmd.EMPTY_INPUT


NIGHT_SOLVERS = {
    "the-auditorium": the_auditorium,
    "the-roof": the_roof,
}
