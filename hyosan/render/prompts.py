"""Interaction prompts: what `E` would do for the lead right now ("E: couple", "hold E: stay
behind as bait"), drawn at the thing it works, and small markers on the level's usable things
(open couplings, latches, chocks, stations) so a first-time player can see where to press it.

Played by hand, Trolley Shield Run and Construction-Site Stand gave no sign of any of this: the
front trolley's two couplings, the crane latch, the pipe stack's chock and the crane cab were
invisible, and a second E at the front trolley silently *un*coupled the first joint. The hint
mirrors ``World._use`` / ``World._grab`` read-only (it never writes the world): station first,
then the nearer of coupling and door, then a prop to drag."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pygame
import pymunk

from ..control.keymap import name_keys
from ..sim.director import STATION_REACH_PX
from ..sim.joints import COUPLE_REACH, COUPLE_SNAP
from ..sim.physics import FLOOR_FRICTION
from ..sim.squad import DRIVE_FORCE, GRAB_REACH, STUDENT_RADIUS
from ..sim.tilemap import DOOR, EDGE, EXIT, FLOOR, PUDDLE, SPAWN
from ..sim.units import TILE_PX
from ..sim.world import GRAB_FORCE, USE_REACH, coupling_first, door_centre
from .spots import least_hidden
from .world_view import BRACED_RGB

MARKER_RANGE_PX = 12 * TILE_PX  # px: markers are shown for usable things this close to the lead
# Played by hand, "E: uncouple" stood over the lead for the whole Trolley push: pushing the box
# keeps the lead within reach of the front couplings, where unlatching is the one thing a player
# never wants. So it is never offered while the lead or the coupling's trolleys move, and at rest
# only (a) to a lead who has stood there this long (s), past a shove-and-coast pause...
UNCOUPLE_STILL_SECONDS = 1.5
# ...or (b) this soon (s) after that coupling latched: a player still working the couplings who
# presses E again at the same joint would undo it, and must see that before pressing.
UNCOUPLE_FRESH_SECONDS = 4.0
STILL_PX_S = 5.0  # px/s: the lead and the trolleys slower than this count as standing still (a sneaking creep rolls 8-11)
UNCOUPLE = "E: uncouple - hold E: drag"  # (a hold beside a coupling grabs the wall, it does not uncouple)
# An open coupling says the same of a hold: played by hand, "E: couple" held like a station's
# "hold E" grabbed the front trolley, coupled nothing and said nothing (the tap is what latches).
COUPLE = "E: couple - hold E: drag"
# Where the prompt's label goes around its ring (screen px from the ring's centre to the named
# point of the label), in order of preference: above, then below, right, left.
# Where a prompt's label may go round its ring, in order of preference: (anchor, screen px off);
# the last two stand farther off, for a ring the lead (counted by ``avoid``) stands beside.
LABEL_SIDES = (("midbottom", (0, -14)), ("midtop", (0, 14)), ("midleft", (14, 0)), ("midright", (-14, 0)),
               ("midbottom", (0, -44)), ("midtop", (0, 44)), ("midleft", (70, 0)), ("midright", (-70, 0)))
# The label keeps off what the player is working: the prop it would grab and the padlocks near
# it (a door's padlock, its "x2.0" and strain bar: DOOR_KEEP_PX square round the door, world px,
# within DOOR_NEAR_PX of the ring). Each counts as this many zombies hidden, less than a student
# (HIDES_STUDENT): the lead's own head is worse to hide. Played by hand on the Site, "hold E:
# drag the scaffold" sat over the frame, the north door's padlock and "x2.0".
KEEP_CLEAR_WEIGHT = 3
DOOR_KEEP_PX = 24.0
DOOR_NEAR_PX = 96.0
SQUAD_PUSH_STUDENTS = 4  # students pushing together: a prop whose floor friction beats them is scenery

STATION_WORDS = {
    "bait": "hold E: stay behind as bait",
    "intercom": "hold E: use the intercom",
    # (from its kind it read "the pa console"; the Auditorium's briefing says its console plays
    # the speaker stack, and a playtester looked for a "PA console" the level never named)
    "pa-console": "hold E: play the PA speakers",
}
# A door switch is named after itself: Storm Crossing's key box and padlock both said "work the
# switch", which named neither (played by hand, the objective line was the only clue).
NAMED_BY_ID = {"door-switch": "hold E and keep still: the {name}"}


# What one use of a station is called, where a station works more than once: the Roof's drone
# remote has three flights and nothing said how many were spent (played by hand).
USE_NOUNS = {"drone-controller": "flight", "pa-console": "play"}


def uses_left_words(st) -> str:
    """How many more times a station works ("2 flights left"), for one that works more than
    once; "" for a one-use station (its prompt going is the answer)."""
    if st.spec.uses <= 1:
        return ""
    noun = USE_NOUNS.get(st.spec.kind, "use")
    left = max(0, st.uses_left)
    return f"{left} {noun}{'' if left == 1 else 's'} left"


def station_words(spec) -> str:
    """What holding E at a station does, for its prompt."""
    kind = spec.kind
    if kind in NAMED_BY_ID:
        return NAMED_BY_ID[kind].format(name=spec.id.replace("-", " "))
    return STATION_WORDS.get(kind, f"hold E: use the {kind.replace('-', ' ')}")


RELEASE_WORDS = {  # a joint that ties a prop to the world, by the prop's type
    "pipe": "E: knock the chock out",
    "crane-load": "E: let the load swing",
}

OPEN = (245, 170, 60)  # amber: can be latched / worked
SHUT = (120, 210, 130)  # green: latched
KEY = (255, 236, 140)


@dataclass(frozen=True)
class Hint:
    """One prompt or marker: where (world px), what it says, and what it is."""

    x: float
    y: float
    text: str
    kind: str  # "station" | "coupling" | "latch" | "door" | "grab"
    ready: bool = True  # False: E would do nothing yet (e.g. trolleys not lined up)
    stand: tuple[float, float] | None = None  # px: where to stand to reach it, when not obvious
    prop: str = ""  # "grab": the id of the prop holding E would take (outlined on screen)


# Played by hand, Construction-Site's crane latch hangs over the pit: its marker sits on the
# load, a player walks at it and off the slab's edge, and the only spot in reach is a strip a
# few px wide along the rim. A thing with a drop (an edge tile) in reach gets a second mark
# where a student can stand and work it: on the floor the lead is on, clear of the edge.
WALKABLE = frozenset({FLOOR, DOOR, EXIT, SPAWN, PUDDLE})
STAND_STEP_PX = 2.0  # px: the grid searched for a stand spot
STAND_SLACK_PX = 4.0  # px: the stand spot is this much inside E's reach


def stand_spots(tilemap, x: float, y: float) -> list[tuple[float, float]]:
    """For a thing at (x, y) px with an edge tile within E's reach: one stand spot for each
    stretch of floor within reach (``COUPLE_REACH`` less ``STAND_SLACK_PX``) that the edge
    parts from the others (the slab, the pit below), each the point farthest from any
    unwalkable tile, nearer the thing on a tie. Empty when no drop is in reach."""
    tile = TILE_PX
    rows, cols = tilemap.kind.shape
    reach = COUPLE_REACH - STAND_SLACK_PX
    n = int(reach // STAND_STEP_PX)
    near: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
    drop = False
    for i in range(-n, n + 1):
        for j in range(-n, n + 1):
            px, py = x + i * STAND_STEP_PX, y + j * STAND_STEP_PX
            d = math.hypot(px - x, py - y)
            pc, pr = int(px // tile), int(py // tile)
            if d > reach or not (0 <= pr < rows and 0 <= pc < cols):
                continue
            kind = int(tilemap.kind[pr, pc])
            drop = drop or kind == EDGE
            if kind in WALKABLE:
                near.setdefault((pc, pr), []).append((-_clearance(tilemap, px, py), d, px, py))
    if not drop:
        return []
    out, seen = [], set()
    for start in sorted(near):  # tiles 4-connected through walkable tiles in reach: one stretch
        if start in seen:
            continue
        group, todo = [], [start]
        seen.add(start)
        while todo:
            c, r = todo.pop()
            group.extend(near[(c, r)])
            for nb in ((c + 1, r), (c - 1, r), (c, r + 1), (c, r - 1)):
                if nb in near and nb not in seen:
                    seen.add(nb)
                    todo.append(nb)
        best = min(group)
        out.append((best[2], best[3]))
    return out


def _clearance(tilemap, px: float, py: float) -> float:
    """px from (px, py) to the nearest unwalkable tile among the 8 around it (capped at a tile)."""
    tile = TILE_PX
    rows, cols = tilemap.kind.shape
    c, r = int(px // tile), int(py // tile)
    out = float(tile)
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            rr, cc = r + dr, c + dc
            if (dr or dc) and (not (0 <= rr < rows and 0 <= cc < cols) or int(tilemap.kind[rr, cc]) not in WALKABLE):
                nx = min(max(px, cc * tile), (cc + 1) * tile)
                ny = min(max(py, rr * tile), (rr + 1) * tile)
                out = min(out, math.hypot(px - nx, py - ny))
    return out


_STANDS: dict[tuple[int, str], list[tuple[float, float]]] = {}  # (tilemap id, joint id): stand spots


def _stand_of(world, joint) -> tuple[float, float] | None:
    """A latch's stand spot on the lead's side of the drop (the spot nearest the lead); the
    latch is tied to the world, so its spots are worked out once."""
    key = (id(world.tilemap), joint.spec.id)
    if key not in _STANDS:
        if len(_STANDS) > 64:
            _STANDS.clear()
        _STANDS[key] = stand_spots(world.tilemap, *joint.world_point())
    spots = _STANDS[key]
    if not spots:
        return None
    p = world.student_pos(world.lead_student)
    spot = min(spots, key=lambda q: math.hypot(q[0] - float(p[0]), q[1] - float(p[1])))
    x, y = joint.world_point()
    return spot if math.hypot(spot[0] - x, spot[1] - y) > 2 * STAND_STEP_PX else None  # on it: no second mark


def _prop_types(world) -> dict[int, object]:
    return {id(p.body): p for p in world.props}


def _joint_hint(world, joint, props: dict[int, object]) -> Hint:
    x, y = joint.world_point()
    static = joint.b is world.space.static_body
    if static:
        prop = props.get(id(joint.a))
        ptype = getattr(getattr(prop, "spec", None), "type", "")
        text = RELEASE_WORDS.get(ptype, "E: release") if joint.coupled else "E: latch"
        return Hint(x, y, text, "latch", stand=_stand_of(world, joint))
    if joint.coupled:
        return Hint(x, y, UNCOUPLE, "coupling")
    if joint.gap() > COUPLE_SNAP:
        return Hint(x, y, "line the trolleys up to couple", "coupling", False)
    return Hint(x, y, COUPLE if grab_hint(world) is not None else "E: couple", "coupling")


def use_hint(world) -> Hint | None:
    """What tapping (or holding) E would do for the lead now, and where; None: nothing."""
    lead = world.lead_student
    if not lead.alive:
        return None
    p = world.student_pos(lead)
    x, y = float(p[0]), float(p[1])
    station = world.director.station_near(x, y)
    if station is not None:
        sx, sy = station.spec.at[0] * TILE_PX, station.spec.at[1] * TILE_PX
        waits = getattr(world, "station_waits", lambda _id: None)(station.spec.id)
        if waits is not None:  # for a later objective: E does nothing yet, and the prompt says so
            name = station.spec.id if station.spec.kind in NAMED_BY_ID else station.spec.kind
            return Hint(sx, sy, f"{name.replace('-', ' ')}: not yet", "station", ready=False)
        left = uses_left_words(station)
        return Hint(sx, sy, station_words(station.spec) + (f" ({left})" if left else ""), "station")
    coupling = world.joints.coupling_near(x, y)
    door_d, door = world.nearest_door(x, y) or (math.inf, None)
    if coupling is not None and not coupling[1].broken and (
            door is None or coupling_first(p, lead.facing, coupling[1].world_point(), coupling[0], door_centre(door), door_d)):
        return _joint_hint(world, coupling[1], _prop_types(world))
    # Dragging (E held) by a door: no door prompt. What a tap would do there was not what the
    # held E was doing, and "E: unlock" over a desk being dragged to brace a locked door read as
    # a warning (a playtester, session 30).
    if door is not None and door_d <= USE_REACH and not door.broken and lead.grab_joint is None:
        c, r = door.spec.tile
        cx, cy = (c + 0.5) * TILE_PX, (r + 0.5) * TILE_PX
        if door.locked and door.spec.key and door.spec.key not in world.director.station_done:
            return Hint(cx, cy, "padlocked: find the key", "door", ready=False)
        # a double door's leaves go together (World.door_leaves): say so, or a player locks one
        # leaf and walks off thinking the other is locked too, or not
        leaves = len(getattr(world, "door_leaves", {}).get(door.spec.id, ())) + 1
        both = "" if leaves == 1 else " both leaves" if leaves == 2 else f" all {leaves} leaves"
        # ...and what a hold would take there: played by hand, a hold of E by a braced door
        # grabbed the desk bracing it (the nearest prop), with only "E: unlock" on screen. The
        # prop is outlined as any grab's is (green while it braces the door).
        grab = grab_hint(world)
        hold, prop = (f" - {grab.text}", grab.prop) if grab is not None and grab.text.startswith("hold E") else ("", "")
        if door.locked:
            return Hint(cx, cy, f"E: unlock{both}{hold}", "door", prop=prop)
        if not door.is_open:
            return Hint(cx, cy, f"E: lock{both}{hold}", "door", prop=prop)
    return grab_hint(world)


def grab_hint(world) -> Hint | None:
    """The prop holding E would drag for the lead now, and where; None: none in reach."""
    lead = world.lead_student
    if not lead.alive or lead.grab_joint is not None:
        return None  # (already dragging: the yellow line shows it)
    p = world.student_pos(lead)
    x, y = float(p[0]), float(p[1])
    best = None
    fallen = world.towers.fallen
    for prop in world.props:
        if prop.spec.id in fallen or prop.spec.anchored:
            continue  # as World._grab: a fallen tower or a bolted-down prop is not dragged
        for shape in prop.body.shapes:
            q = shape.point_query((x, y))
            if q.distance - STUDENT_RADIUS <= GRAB_REACH and (best is None or q.distance < best[0]):
                best = (q.distance, prop, q.point)
    if best is None:
        return None
    _, prop, point = best
    if prop.body.body_type != prop.body.DYNAMIC:
        return None
    name = prop.spec.type.replace("-", " ")
    # A prop whose floor friction outpulls a grip cannot be dragged, only pushed (walked into,
    # with the others' shoulders): played by hand, a locker held on the roof crept 10 px in
    # 0.7 s under "hold E: drag the locker", and nothing said why.
    holds = prop.body.mass * FLOOR_FRICTION if prop.type.rolling == "none" else 0.0  # N
    if holds > SQUAD_PUSH_STUDENTS * DRIVE_FORCE:
        return None  # a car: the whole squad could not shift it, so nothing to offer
    stuck = holds > GRAB_FORCE
    words = ("hold E and walk away: pull the tower down" if prop.spec.falls_onto is not None
             else f"the {name} is too heavy to drag: push it" if stuck
             else f"hold E: drag the {name}")
    return Hint(float(point.x), float(point.y), words, "grab", prop=prop.spec.id)


def offered(hint: Hint, still_seconds: float | None, since_latched: float | None = None) -> bool:
    """Whether the prompt for ``hint`` is shown: every prompt at once, except unlatching a
    trolley coupling. That one needs the lead and the coupling at rest (``still_seconds``: s
    they have been; None: moving, e.g. pushing the box) and either a lead who has stood there
    ``UNCOUPLE_STILL_SECONDS`` or a coupling latched under ``UNCOUPLE_FRESH_SECONDS`` ago
    (``since_latched``, s; None: not seen latching)."""
    if hint.kind == "coupling" and hint.text == UNCOUPLE:
        if still_seconds is None:
            return False
        fresh = since_latched is not None and since_latched < UNCOUPLE_FRESH_SECONDS
        return fresh or still_seconds >= UNCOUPLE_STILL_SECONDS
    return True


def _hint_joint(world, hint: Hint):
    """The coupling a coupling hint is at (None for any other hint)."""
    if hint.kind != "coupling":
        return None
    near = world.joints.coupling_near(hint.x, hint.y, prefer_open=False)  # the one at that very point
    return near[1] if near is not None else None


def _at_rest(world, joint) -> bool:
    """The lead, and both bodies of ``joint`` (if any), slower than ``STILL_PX_S``."""
    vx, vy = world.bodies.vel[world.lead_student.index]
    if math.hypot(float(vx), float(vy)) >= STILL_PX_S:
        return False
    return joint is None or all(body.velocity.length < STILL_PX_S for body in (joint.a, joint.b))


def markers(world) -> list[Hint]:
    """The usable things near the lead, to mark whether or not E reaches them: couplings that
    are open (or a latch still holding), and stations that still work."""
    lead = world.student_pos(world.lead_student)
    lx, ly = float(lead[0]), float(lead[1])
    props = _prop_types(world)
    out: list[Hint] = []
    for joint in world.joints.joints:
        if joint.spec.kind != "coupling" or joint.broken:
            continue
        hint = _joint_hint(world, joint, props)
        if hint.kind == "coupling" and joint.coupled:
            continue  # a latched trolley coupling is the normal state: no marker
        if hint.kind == "latch" and not joint.coupled:
            continue  # let go already
        if math.hypot(hint.x - lx, hint.y - ly) <= MARKER_RANGE_PX:
            out.append(hint)
    for st in world.director.stations:
        if st.uses_left <= 0:
            continue
        sx, sy = st.spec.at[0] * TILE_PX, st.spec.at[1] * TILE_PX
        if math.hypot(sx - lx, sy - ly) <= MARKER_RANGE_PX + STATION_REACH_PX:
            out.append(Hint(sx, sy, station_words(st.spec), "station"))
    return out


def braces_a_door(world, prop_id: str) -> bool:
    """Whether the prop ``prop_id`` braces a locked door now (``World.bracing_props``, memoised)."""
    bracing = getattr(world, "bracing_props", None)
    if bracing is None:
        return False
    return any(p.spec.id == prop_id for door in world.doors if door.locked and not door.broken
               for p in bracing(door))


class Prompts:
    """Draws the markers and the lead's E prompt (screen space, over the light map)."""

    def __init__(self, font: pygame.font.Font) -> None:
        self.font = font
        # The player's own controls for the default keys the hints name ({"E": "A"} on a pad):
        # the play scene sets it; the hints themselves say E, as the sim's tests and docs do.
        self.key_names: dict[str, str] = {}
        self._labels: dict[str, tuple[pygame.Surface, pygame.Surface]] = {}
        self._still_since: float | None = None  # sim s since the lead and its coupling stood still
        self._latched: dict[str, tuple[bool, float]] = {}  # coupling id: (coupled, sim s it last changed)
        self.label_rect: pygame.Rect | None = None  # screen px: the last prompt's label panel

    def _label(self, text: str, colour) -> tuple[pygame.Surface, pygame.Surface]:
        text = name_keys(text, self.key_names)
        key = f"{text}|{colour}"
        pair = self._labels.get(key)
        if pair is None:
            if len(self._labels) > 64:
                self._labels.clear()
            pair = self._labels[key] = (self.font.render(text, True, colour), self.font.render(text, True, (0, 0, 0)))
        return pair

    def draw(self, surface: pygame.Surface, camera, world, t: float, top: int = 0,
             avoid: Callable[[pygame.Rect], int] | None = None) -> Hint | None:
        """Markers, then the prompt for E; returns the prompt drawn (None: nothing in reach,
        or nothing worth offering yet). ``t`` is sim seconds, so a paused game ages nothing.
        ``top`` (screen px): the prompt's label stays below it, clear of the HUD's top panel
        (the key box sits in the map's top row, and its prompt went under the objective).
        ``avoid(rect)``: how much of the world a label there would hide (``WorldView.bodies_under``);
        the label goes above its ring, else below, right or left, wherever it hides least."""
        hint = use_hint(world)
        joint = _hint_joint(world, hint) if hint is not None else None
        if hint is None or not _at_rest(world, joint):
            self._still_since = None
        elif self._still_since is None or self._still_since > t:
            self._still_since = t
        for j in world.joints.joints:  # a dozen at most: note when each coupling last changed
            was = self._latched.get(j.spec.id)
            if was is None or was[0] != j.coupled:  # first seen (as built: long ago), or changed
                self._latched[j.spec.id] = (j.coupled, t if was is not None else -math.inf)
        since_latched = t - self._latched[joint.spec.id][1] if joint is not None else None
        still = t - self._still_since if self._still_since is not None else None
        if hint is not None and not offered(hint, still, since_latched):
            hint = None
        pulse = 0.5 + 0.5 * math.sin(t * 5.0)
        for m in markers(world):
            if hint is not None and math.hypot(m.x - hint.x, m.y - hint.y) < 1.0:
                continue
            sx, sy = camera.to_screen(m.x, m.y)
            r = 5 + 2 * pulse
            if m.stand is not None:
                lead = world.student_pos(world.lead_student)
                far = math.hypot(m.stand[0] - float(lead[0]), m.stand[1] - float(lead[1])) > TILE_PX
                self._draw_stand(surface, camera, m, (sx, sy), label=far)  # no label over the lead
            pygame.draw.circle(surface, (0, 0, 0), (sx, sy), r + 2, 2)
            pygame.draw.circle(surface, OPEN, (sx, sy), r, 2)
            if m.kind == "station":
                progress = world.director.station_progress(_station_id(world, m))
                if progress > 0:
                    rect = pygame.Rect(0, 0, 28, 28)
                    rect.center = (round(sx), round(sy))
                    pygame.draw.arc(surface, KEY, rect, math.pi / 2, math.pi / 2 + 2 * math.pi * progress, 4)
        lead = world.lead_student
        held = lead.grabbed_prop if lead.alive and lead.grab_joint is not None else None
        if held:
            # What the held E drags, traced as the grab prompt traced it: the grip's line alone
            # is a few px with the prop at her side, and a playtester could not tell it was held.
            self._outline(surface, camera, world, held, BRACED_RGB if braces_a_door(world, held) else KEY)
        self.label_rect = None
        if hint is None:
            return None
        sx, sy = camera.to_screen(hint.x, hint.y)
        if hint.stand is not None:
            self._draw_stand(surface, camera, hint, (sx, sy), label=False)
        colour = KEY if hint.ready else (190, 180, 160)
        if hint.prop:  # green while it braces a door: the drawn grip hid the braces' outline
            self._outline(surface, camera, world, hint.prop, BRACED_RGB if braces_a_door(world, hint.prop) else colour)
        pygame.draw.circle(surface, (0, 0, 0), (sx, sy), 9, 3)
        pygame.draw.circle(surface, colour, (sx, sy), 7, 2)
        img, shadow = self._label(hint.text, colour)
        area = surface.get_rect().inflate(-16, -16)
        area.height -= max(0, top - area.top)
        area.top = max(area.top, top)
        keep = keep_clear(world, camera, hint)

        def hides(rect: pygame.Rect) -> int:  # bodies under it, and what the player is working
            return (avoid(rect) if avoid is not None else 0) + KEEP_CLEAR_WEIGHT * sum(rect.colliderect(k) for k in keep)

        rect = least_hidden((img.get_rect(**{side: (round(sx) + dx, round(sy) + dy)}).clamp(area)
                             for side, (dx, dy) in LABEL_SIDES), hides, grow=(12, 6))
        self.label_rect = rect.inflate(12, 6)
        back = self.label_rect
        panel = pygame.Surface(back.size, pygame.SRCALPHA)
        panel.fill((10, 8, 12, 190))
        surface.blit(panel, back)
        pygame.draw.rect(surface, colour, back, 1)
        surface.blit(shadow, rect.move(1, 1))
        surface.blit(img, rect)
        return hint

    @staticmethod
    def _outline(surface: pygame.Surface, camera, world, prop_id: str, colour) -> None:
        """The outline of the prop holding E would take: a playtester barricading the classroom
        grabbed the desk beside the one meant, again and again, with nothing to say which."""
        prop = world.prop_by_id(prop_id)
        if prop is None:
            return
        body = prop.body
        for shape in body.shapes:
            if isinstance(shape, pymunk.Poly):
                pts = [camera.to_screen(*body.local_to_world(v)) for v in shape.get_vertices()]
                pygame.draw.polygon(surface, (0, 0, 0), [(x + 1, y + 1) for x, y in pts], 3)
                pygame.draw.polygon(surface, colour, pts, 2)
            elif isinstance(shape, pymunk.Circle):
                c = camera.to_screen(*body.local_to_world(shape.offset))
                pygame.draw.circle(surface, colour, c, max(2, round(shape.radius * camera.scale)), 2)

    def _draw_stand(self, surface: pygame.Surface, camera, hint: Hint, at: tuple[float, float],
                    label: bool = True) -> None:
        """The spot to stand on to work ``hint`` (drawn at screen ``at``): a dotted line from
        it to the thing, a small ring on the floor and, until the lead is in reach, "stand here"."""
        assert hint.stand is not None
        fx, fy = camera.to_screen(*hint.stand)
        steps = max(1, int(math.hypot(at[0] - fx, at[1] - fy) // 6))
        for k in range(1, steps, 2):
            pygame.draw.circle(surface, OPEN, (fx + (at[0] - fx) * k / steps, fy + (at[1] - fy) * k / steps), 1.5)
        pygame.draw.circle(surface, (0, 0, 0), (fx, fy), 6, 3)
        pygame.draw.circle(surface, OPEN, (fx, fy), 5, 1)
        if label:
            img, shadow = self._label("stand here: E", OPEN)
            rect = img.get_rect(midtop=(round(fx), round(fy) + 10))
            surface.blit(shadow, rect.move(1, 1))
            surface.blit(img, rect)


def keep_clear(world, camera, hint: Hint) -> list[pygame.Rect]:
    """Screen rects a prompt's label should not cover: the prop it names (its bounding box) and
    the padlocks of the doors near it (KEEP_CLEAR_WEIGHT)."""
    out = []
    prop = world.prop_by_id(hint.prop) if hint.prop else None
    if prop is not None:
        for shape in prop.body.shapes:
            bb = shape.bb
            x0, y0 = camera.to_screen(bb.left, bb.bottom)
            x1, y1 = camera.to_screen(bb.right, bb.top)
            out.append(pygame.Rect(round(min(x0, x1)), round(min(y0, y1)), round(abs(x1 - x0)) + 1, round(abs(y1 - y0)) + 1))
    half = DOOR_KEEP_PX / 2 * camera.scale
    for door in world.doors:
        x, y = door_centre(door)
        if 0.5 * TILE_PX < math.hypot(x - hint.x, y - hint.y) <= DOOR_NEAR_PX:  # (not the door it works)
            cx, cy = camera.to_screen(x, y)
            out.append(pygame.Rect(round(cx - half), round(cy - half), round(2 * half), round(2 * half)))
    return out


def _station_id(world, hint: Hint) -> str:
    for st in world.director.stations:
        if abs(st.spec.at[0] * TILE_PX - hint.x) < 0.5 and abs(st.spec.at[1] * TILE_PX - hint.y) < 0.5:
            return st.spec.id
    return ""
