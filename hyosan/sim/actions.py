"""What a student does besides walking: melee, shove, a shot from a bow, throwing a
noise-maker, and the follower's panic. Each is a noise the horde hears; each touches the horde
only through its knock/hurt API, and the world through its tick-ordered events.
"""

from __future__ import annotations

import math

import numpy as np
import pymunk

from . import events as ev
from .director import SOUND_DEFAULTS, Emitter
from .horde.horde import ATTACK, CHASE
from .hunger import SHOVE_MULT as HALFBIE_SHOVE_MULT
from .jit import kernel
from .physics import CAT_DOOR, CAT_PROP, CAT_WALL, point_distance
from .units import TICK_HZ, TILE_PX

MELEE_REACH = 22.0  # px from the student's centre
MELEE_COS = math.cos(math.radians(50))  # a 100° swing
MELEE_NOISE = 220.0
MELEE_KICK = 220.0  # px/s
MELEE_STUN = round(0.8 * TICK_HZ)
KNOCKDOWN_STUN = round(2.0 * TICK_HZ)  # Su-hyeok's hits floor them
SHOVE_REACH = 24.0
SHOVE_COS = math.cos(math.radians(60))  # a 120° arc
WIDE_SHOVE_COS = math.cos(math.radians(90))  # Su-hyeok: a 180° arc
SHOVE_NOISE = 120.0
SHOVE_KICK = 260.0
SHOVE_STUN = round(0.6 * TICK_HZ)
ACTION_COOLDOWN = round(0.45 * TICK_HZ)  # ticks between swings or shoves
THROW_RANGE = 280.0  # px
PHONES_PER_LEVEL = 3
CAR_HIT_RADIUS = 24.0  # px: a phone landing this close to a car sets its alarm off
PANIC_ZOMBIE_PX = 80.0  # a follower panics with a zombie this close...
PANIC_LEAD_PX = 64.0  # ...and the lead farther than this
# GAME.md: Nam-ra, the class president, is obeyed faster: led by her, the others keep their
# nerve twice as far from her (128 px) before they break, scream and run.
STEADYING = {"nam-ra": 2.0}  # lead id -> multiple of PANIC_LEAD_PX
SCREAM_NOISE = 380.0
SCREAM_EVERY = round(1.5 * TICK_HZ)
# A bow (GAME.md: Ha-ri, the archer, "quiet ranged shots"): Space looses an arrow along the
# facing instead of swinging. One hit fells a walker like a melee blow, from across a room and
# with a fifth of its noise, so arrows are counted: a dozen a level, then the bow is swung.
BOW_RANGE = 240.0  # px (15 tiles): across a classroom, or a yard as far as the dark lets her see
BOW_NOISE = 40.0  # px: the string's snap (GAME.md)
BOW_KICK = 120.0  # px/s: the arrow's knock (a swing's is 220)
BOW_COOLDOWN = round(0.9 * TICK_HZ)  # ticks to nock the next arrow
BOW_HIT_SLACK = 2.0  # px beyond a zombie's radius the arrow's line may pass and still strike it
ARROWS_PER_LEVEL = 12
BOW_ASSIST_DEGREES = 22.5  # the shot turns to a zombie this far off the facing (half of 8-way keys' 45)
BOW_ASSIST_COS = math.cos(math.radians(BOW_ASSIST_DEGREES))
BOW_ASSIST_TRIES = 6  # nearest zombies in the cone tried for a clear line
STRONG = {"su-hyeok"}  # melee knocks down; shove hits a wide arc
# So-ju, the firefighter: his axe fells up to three in the arc at once (knocked down, two hits
# each), he never panics, he stands and swings by himself at anything in reach, led or not,
# and his turnout coat turns most of a bite.
AXE = {"so-ju"}
AXE_TARGETS = 3
AXE_DAMAGE = 2.0  # walker healths per blow
FEARLESS = {"so-ju"}
TURNOUT_GEAR = {"so-ju"}  # a firefighter's coat: bites do a quarter of the harm and do not infect
GEAR_BITE_MULT = 0.25
FIGHTS_ALONE = {"so-ju"}


def _facing(student) -> tuple[float, float]:
    fx, fy = student.facing
    n = math.hypot(fx, fy) or 1.0
    return fx / n, fy / n


def melee(world, student, events: list[ev.Event]) -> None:
    """Swing at the nearest zombie in front (or, with none there, turn to the nearest one in
    reach on any side): knockback, one hit of damage, noise 220."""
    if student.action_cooldown > 0:
        return
    student.action_cooldown = ACTION_COOLDOWN
    p = world.student_pos(student)
    fx, fy = _facing(student)
    horde = world.horde
    rows = within_reach(world, float(p[0]), float(p[1]),
                        horde.rows_in_arc(float(p[0]), float(p[1]), fx, fy, MELEE_REACH, MELEE_COS))
    if rows.size == 0 and horde.n:
        # Nothing in front, but one in reach at the side or behind (the one biting, as often as
        # not): the swing turns to it. A playtester's lead faced the way he had walked, swung
        # at the air while the lounge's three bit him from behind, and saw no swing land.
        around = within_reach(world, float(p[0]), float(p[1]),
                              horde.rows_in_arc(float(p[0]), float(p[1]), fx, fy, MELEE_REACH, -1.0))
        if around.size:
            d = horde.pos[around] - p
            k = int(np.argmin(np.hypot(d[:, 0], d[:, 1])))
            n = float(math.hypot(float(d[k, 0]), float(d[k, 1]))) or 1.0
            fx, fy = float(d[k, 0]) / n, float(d[k, 1]) / n
            student.facing = (fx, fy)
            rows = within_reach(world, float(p[0]), float(p[1]),
                                horde.rows_in_arc(float(p[0]), float(p[1]), fx, fy, MELEE_REACH, MELEE_COS))
    events.append(ev.Sound(float(p[0]), float(p[1]), MELEE_NOISE, "melee", student.id))
    if rows.size == 0:
        events.append(ev.Hit(student.id, "melee", 0, 0))
        return
    d = np.hypot(horde.pos[rows, 0] - p[0], horde.pos[rows, 1] - p[1])
    axe = student.id in AXE
    target = rows[np.argsort(d, kind="stable")[:AXE_TARGETS if axe else 1]]
    strong = student.id in STRONG or axe
    horde.knock(target, float(p[0]), float(p[1]), MELEE_KICK * (1.5 if strong else 1.0),
                KNOCKDOWN_STUN if strong else MELEE_STUN)
    dead = horde.hurt(target, AXE_DAMAGE if axe else 1.0)
    events.append(ev.Hit(student.id, "melee", int(target.size), int(dead.size)))


def armed(weapon: str) -> dict[str, object]:
    """A student's fields for the level's ``weapon`` (its arrows, for a bow)."""
    return {"weapon": weapon, "arrows": ARROWS_PER_LEVEL if weapon == "bow" else 0}


def _aim(world, x0: float, y0: float, fx: float, fy: float) -> tuple[float, float]:
    """The unit direction a shot from (x0, y0) px flies: at the nearest zombie within
    ``BOW_RANGE`` and ``BOW_ASSIST_DEGREES`` of the facing (fx, fy) with no wall or shut door
    in between, else straight along the facing. Keys face eight ways and a walker is 9 px
    wide: without the assist a shot 100 px off missed unless the zombie stood on one of them.
    Only the ``BOW_ASSIST_TRIES`` nearest in the cone are tried (each a short tile march)."""
    horde = world.horde
    if horde.n == 0:
        return fx, fy
    d = horde.pos - (x0, y0)
    dist = np.hypot(d[:, 0], d[:, 1])
    cone = np.flatnonzero((dist <= BOW_RANGE) & (dist > 1e-6) & (d[:, 0] * fx + d[:, 1] * fy >= dist * BOW_ASSIST_COS))
    for k in cone[np.argsort(dist[cone], kind="stable")][:BOW_ASSIST_TRIES].tolist():
        zx, zy = float(horde.pos[k, 0]), float(horde.pos[k, 1])
        if _clear_shot(world, x0, y0, zx, zy):
            return float(d[k, 0] / dist[k]), float(d[k, 1] / dist[k])
    return fx, fy


def _clear_shot(world, x0: float, y0: float, x1: float, y1: float) -> bool:
    """Whether an arrow from (x0, y0) reaches (x1, y1) px: the tile march toward it got there
    (its last clear step is within 4 px), with no wall or shut door first."""
    lx, ly = landing_point(world, x0, y0, x1, y1)
    return math.hypot(x1 - lx, y1 - ly) <= 4.0


def shoot(world, student, events: list[ev.Event]) -> None:
    """Loose an arrow (aimed by ``_aim``): the first zombie whose body its line crosses within
    ``BOW_RANGE`` px, short of the first wall or shut door, takes one hit and a knock. The
    only noise is the string's (``BOW_NOISE``, at the archer): a shot does not call the crowd
    to where it lands."""
    if student.action_cooldown > 0:
        return
    student.action_cooldown = BOW_COOLDOWN
    student.arrows -= 1
    x0, y0, fx, fy, reach, target = arrow_flight(world, student)
    horde = world.horde
    events.append(ev.Sound(x0, y0, BOW_NOISE, "bow", student.id))
    events.append(ev.Shot(student.id, x0, y0, x0 + fx * reach, y0 + fy * reach, target is not None, student.arrows))
    if target is None:
        events.append(ev.Hit(student.id, "shot", 0, 0))
        return
    rows = np.array([target], dtype=np.intp)
    horde.knock(rows, x0, y0, BOW_KICK, MELEE_STUN)
    dead = horde.hurt(rows, 1.0)
    events.append(ev.Hit(student.id, "shot", 1, int(dead.size)))


def arrow_flight(world, student) -> tuple[float, float, float, float, float, int | None]:
    """Where an arrow loosed by ``student`` now would fly, without loosing it: from (x0, y0) px
    along the unit direction (fx, fy) (``_aim``) for ``reach`` px, to the first zombie whose
    body its line crosses (its row, else None), a wall or shut door, or ``BOW_RANGE``. ``shoot``
    flies it; the window draws it as the archer's aim (a playtester could not tell where Ha-ri's
    arrows would go: the facing, turned up to 22.5 degrees to a zombie in a clear line)."""
    p = world.student_pos(student)
    x0, y0 = float(p[0]), float(p[1])
    fx, fy = _aim(world, x0, y0, *_facing(student))
    wx, wy = landing_point(world, x0, y0, x0 + fx * BOW_RANGE, y0 + fy * BOW_RANGE)  # where a wall stops it
    reach = math.hypot(wx - x0, wy - y0)
    horde = world.horde
    target = None
    if horde.n:
        d = horde.pos - (x0, y0)
        along = d[:, 0] * fx + d[:, 1] * fy  # px ahead on the arrow's line
        across = np.abs(d[:, 1] * fx - d[:, 0] * fy)  # px off it
        radius = horde.breeds.radius[horde.breed_all[:horde.n]]
        on_line = np.flatnonzero((along > 0.0) & (along <= reach) & (across <= radius + BOW_HIT_SLACK))
        if on_line.size:
            target = int(on_line[np.argmin(along[on_line])])  # the first it meets (lowest row on a tie)
            reach = float(along[target])
    return x0, y0, fx, fy, reach, target


def shove(world, student, events: list[ev.Event]) -> None:
    """Push every zombie in an arc in front away (no damage), noise 120."""
    if student.action_cooldown > 0:
        return
    student.action_cooldown = ACTION_COOLDOWN
    p = world.student_pos(student)
    fx, fy = _facing(student)
    cos = WIDE_SHOVE_COS if student.id in STRONG else SHOVE_COS
    rows = world.horde.rows_in_arc(float(p[0]), float(p[1]), fx, fy, SHOVE_REACH, cos)
    kick = SHOVE_KICK * (HALFBIE_SHOVE_MULT if student.halfbie else 1.0)  # Nam-ra shoves like two
    world.horde.knock(rows, float(p[0]), float(p[1]), kick, SHOVE_STUN)
    events.append(ev.Sound(float(p[0]), float(p[1]), SHOVE_NOISE, "shove", student.id))
    events.append(ev.Hit(student.id, "shove", int(rows.size), 0))


def fight_alone(world, student, events: list[ev.Event]) -> bool:
    """A follower who fights by himself (``FIGHTS_ALONE``) turns to the nearest zombie in reach
    and swings (his usual melee: noise, cooldown and all). Returns whether one is in reach."""
    if world.horde.n == 0:
        return False
    p = world.student_pos(student)
    x, y = float(p[0]), float(p[1])
    rows = within_reach(world, x, y, _rows_around(world, x, y, False))
    if rows.size == 0:
        return False
    if student.action_cooldown == 0:
        _swing_at_nearest(world, student, p, rows, events)
    return True


def _rows_around(world, x: float, y: float, coming_only: bool) -> np.ndarray:
    """Live horde rows within ``MELEE_REACH`` of (x, y) px, all round, in row order (only those
    chasing or biting, if ``coming_only``): squared distances first (a superset, a px to
    spare), ``hypot`` only over those. The same rows as ``rows_in_arc`` all round, at about
    half its cost (an armed follower asks every tick). Most ticks there are none: the compiled
    pass writes into an array made here and returns a count (numba boxing an empty array it
    made cost as much as the pass)."""
    horde = world.horde
    out = np.empty(horde.n, dtype=np.int64)
    found = _rows_within(horde.pos, horde.state, x, y, _MELEE_REACH2, MELEE_REACH, coming_only, out)
    return out[:found]


_MELEE_REACH2 = (MELEE_REACH + 1.0) ** 2  # px squared: the superset's bound (a px to spare)


@kernel
def _rows_within(pos: np.ndarray, state: np.ndarray, x: float, y: float, reach2: float, reach: float,
                 coming_only: bool, out: np.ndarray) -> int:
    """Writes into ``out`` the rows of ``pos`` ((n, 2) px), in order, with ``dx * dx + dy * dy
    <= reach2`` and then ``hypot(dx, dy) <= reach`` from (x, y) px (numpy's ``np.hypot``: the C
    library's) and, if ``coming_only``, ``state`` CHASE or ATTACK; returns how many."""
    m = 0
    for i in range(pos.shape[0]):
        if coming_only and state[i] != CHASE and state[i] != ATTACK:
            continue
        dx = pos[i, 0] - x
        dy = pos[i, 1] - y
        if dx * dx + dy * dy <= reach2 and np.hypot(dx, dy) <= reach:
            out[m] = i
            m += 1
    return m


def _swing_at_nearest(world, student, p: np.ndarray, rows: np.ndarray, events: list[ev.Event]) -> None:
    """Turn ``student`` (at ``p``, px) to the nearest of horde ``rows`` (the first of equals;
    not empty) and swing."""
    d = world.horde.pos[rows] - p
    k = int(np.argmin(np.hypot(d[:, 0], d[:, 1])))
    n = max(float(np.hypot(*d[k])), 1e-6)
    student.facing = (float(d[k, 0] / n), float(d[k, 1] / n))
    melee(world, student, events)


# An armed follower defends itself and the others: a zombie chasing or biting within its reach,
# with no wall, shut door or prop between, gets the swing a lead would give it (noise, cooldown
# and all) while the follower keeps following. Su-hyeok, bat in hand, used to stand by while the
# zombie beside him bit Woo-jin.
MELEE_WEAPONS = frozenset({"mop", "bat", "broom", "extinguisher"})
_IN_THE_WAY = pymunk.ShapeFilter(mask=CAT_WALL | CAT_PROP | CAT_DOOR)


def within_reach(world, x: float, y: float, rows: np.ndarray) -> np.ndarray:
    """Those of horde ``rows`` that a swing from (x, y) px can land on: no wall, shut door or
    prop on the line to them. A door leaf is thinner than a swing's reach, and a lead at a
    barricaded door felled the crowd pressing on it from the safe side."""
    if rows.size == 0:
        return rows
    pos = world.horde.pos
    space = world.space
    keep = [space.segment_query_first((x, y), (float(pos[r, 0]), float(pos[r, 1])), 0.0, _IN_THE_WAY) is None
            for r in rows.tolist()]
    return rows[np.array(keep, dtype=bool)]


def defend(world, student, events: list[ev.Event]) -> bool:
    """A follower with a melee weapon swings at the nearest chasing or biting zombie in reach
    (``MELEE_REACH`` all round) that it can get at; returns whether it swung."""
    horde = world.horde
    if student.weapon not in MELEE_WEAPONS or student.action_cooldown > 0 or horde.n == 0:
        return False
    p = world.student_pos(student)
    x, y = float(p[0]), float(p[1])
    # (the rows in reach, then those chasing or biting: the same rows, in the same order, as
    # one compiled pass that tests the state first; most ticks none)
    rows = _rows_around(world, x, y, True)
    if rows.size == 0 or (rows := within_reach(world, x, y, rows)).size == 0:
        return False
    _swing_at_nearest(world, student, p, rows, events)
    return True


# A following archer covers the squad the way an armed follower defends it: a zombie coming for
# it (chasing or biting) within COVER_PX of her, in a clear line, gets an arrow while she keeps
# following. Only a lead shot: in the Storm solver's losses Ha-ri, following, stood by while a
# straggler ran in on the squad packed round the padlock.
COVER_PX = 120.0  # px (7.5 tiles): a chaser this close reaches the squad in under a second


def cover(world, student, events: list[ev.Event]) -> bool:
    """A follower with a bow and arrows left shoots the nearest zombie chasing or biting within
    ``COVER_PX`` that an arrow can reach (no wall or shut door first); returns whether she
    shot. Arrows are the lead's to spend too: she shoots only at what is already coming."""
    horde = world.horde
    if student.weapon != "bow" or student.arrows <= 0 or student.action_cooldown > 0 or horde.n == 0:
        return False
    p = world.student_pos(student)
    x, y = float(p[0]), float(p[1])
    tried = _TRIED
    for k in tried[:_nearest_coming(horde.pos, horde.state, x, y, COVER_PX * COVER_PX, tried)].tolist():
        # (a horde row now: the same doubles, differences and squared distance as the pass's)
        zx, zy = horde.pos[k].tolist()
        dx, dy = zx - x, zy - y
        if _clear_shot(world, x, y, zx, zy):
            n = max(math.sqrt(dx * dx + dy * dy), 1e-6)
            student.facing = (dx / n, dy / n)
            shoot(world, student, events)
            return True
    return False


_TRIED = np.empty(BOW_ASSIST_TRIES, dtype=np.int64)  # ``cover``'s rows to try, as ``_nearest_coming`` writes them


@kernel
def _nearest_coming(pos: np.ndarray, state: np.ndarray, x: float, y: float, reach2: float, out: np.ndarray) -> int:
    """Writes into ``out`` the rows of ``pos`` ((n, 2) px) chasing or biting (``state``) with
    ``dx * dx + dy * dy <= reach2`` from (x, y) px, nearest first (equals in row order: numpy's
    stable argsort of those squared distances), as many as ``out`` holds; returns how many.
    A zombie coming for the squad is rare, most ticks none: one pass, no arrays made."""
    cap = out.shape[0]
    best = np.empty(cap, np.float64)  # (the squared distances of the rows in ``out``)
    m = 0
    for i in range(pos.shape[0]):
        if state[i] != CHASE and state[i] != ATTACK:
            continue
        dx = pos[i, 0] - x
        dy = pos[i, 1] - y
        d2 = dx * dx + dy * dy
        if not d2 <= reach2 or (m == cap and not d2 < best[cap - 1]):
            continue
        j = m if m < cap else cap - 1  # (a full list drops its farthest)
        while j > 0 and best[j - 1] > d2:  # (past the farther only: an equal one keeps its place first)
            best[j] = best[j - 1]
            out[j] = out[j - 1]
            j -= 1
        best[j] = d2
        out[j] = i
        m = min(m + 1, cap)
    return m


def landing_point(world, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float]:
    """Where a thrown thing lands: at the target, cut to range, stopped short of a wall."""
    dx, dy = x1 - x0, y1 - y0
    dist = math.hypot(dx, dy)
    if dist > THROW_RANGE:
        dx, dy = dx / dist * THROW_RANGE, dy / dist * THROW_RANGE
        dist = THROW_RANGE
    steps = max(1, int(dist // 4))
    solid = world.tilemap.solid
    opaque = world.horde.opaque  # shut doors stop it too
    lx, ly = x0, y0
    for k in range(1, steps + 1):
        x, y = x0 + dx * k / steps, y0 + dy * k / steps
        c, r = world.tilemap.tile_of(x, y)
        if solid[r, c] or opaque[r, c]:
            break
        lx, ly = x, y
    return lx, ly


def throw(world, student, x: float, y: float, events: list[ev.Event]) -> None:
    """Throw a phone: it lands and rings (350 px, every second for 10 s); a car it hits screams."""
    if world.phones_left <= 0:
        return
    world.phones_left -= 1
    p = world.student_pos(student)
    lx, ly = landing_point(world, float(p[0]), float(p[1]), x, y)
    loud, dur, period = SOUND_DEFAULTS["phone"]
    tick = world.tick
    world.director.start_emitter(Emitter(f"thrown-phone-{world.phones_left}", "phone", lx, ly, loud,
                                         tick + round(dur * TICK_HZ), round(period * TICK_HZ), tick))
    events.append(ev.Thrown(student.id, lx, ly, world.phones_left))
    for prop in world.props:
        if not prop.type.alarm:
            continue
        q = min(point_distance(shape, lx, ly) for shape in prop.body.shapes)
        if q <= CAR_HIT_RADIUS:
            world.trigger_alarm(prop)


def _looks_round(student, x: float, y: float, lead_x: float, lead_y: float, calm: float) -> bool:
    """Whether a follower at (x, y) px is alone enough to panic: not fearless, and farther than
    ``calm`` px (``PANIC_LEAD_PX`` times the lead's ``STEADYING``) from the lead at (lead_x,
    lead_y). (Python floats: numpy's differences, without scalar operations per follower.)"""
    return student.id not in FEARLESS and math.hypot(x - lead_x, y - lead_y) > calm


# Samples along the line from a zombie to a follower when looking for a barrier between them: 12
# over at most PANIC_ZOMBIE_PX (80 px) is one every 7 px, so a one-tile (16 px) rim or wall is
# never missed.
BARRIER_SAMPLES = 12
_BARRIER_T = np.linspace(0.0, 1.0, BARRIER_SAMPLES)  # fractions along the line


@kernel
def _walled_off(barriers: np.ndarray, zx: float, zy: float, px: float, py: float, t: np.ndarray) -> bool:
    """Whether the straight line from a zombie at (zx, zy) to (px, py) px crosses a barrier tile
    (``barriers``: drops, walls, windows and locked doorways) at one of its samples (fractions
    ``t`` along it; each sample's tile clamped into the grid). A follower at the slab's rim
    does not panic at the crowd in the pit below, which cannot climb to her: played by hand,
    On-jo screamed at it (a scream the whole yard hears) while nothing on the slab was near.
    Nor at the crowd pressing on a locked door: a playtester's held squad, standing by the
    Classroom's barricaded back door, panicked at the radio's crowd outside and ran straight
    through the desk bracing it, off the doorway, with nothing to say the door had lost it.
    The numpy it replaced, sample for sample: ``z + (p - z) * t``, floor division by the tile
    (a power of two: the quotient's floor), clipped."""
    rows, cols = barriers.shape
    for k in range(t.shape[0]):
        c = min(max(int(np.floor((zx + (px - zx) * t[k]) / TILE_PX)), 0), cols - 1)
        r = min(max(int(np.floor((zy + (py - zy) * t[k]) / TILE_PX)), 0), rows - 1)
        if barriers[r, c]:
            return True
    return False


@kernel
def _nearest_in_sight(zpos: np.ndarray, spos: np.ndarray, reach2: float, barriers: np.ndarray, t: np.ndarray,
                      found: np.ndarray, dist: np.ndarray) -> int:
    """Per row of ``spos`` ((m, 2) px): into ``found`` the row of the nearest of ``zpos`` ((n, 2)
    px) with ``dx * dx + dy * dy <= reach2`` and not ``_walled_off`` (the first of equals, as
    numpy's ``argmin``), into ``dist`` its distance (numpy's ``np.hypot``: the C library's); or
    -1 and inf when there is none. Returns how many have one. Most ticks nobody is near: then
    this is one pass of squared distances, as numpy's over the whole horde was."""
    count = 0
    for s in range(spos.shape[0]):
        px, py = spos[s, 0], spos[s, 1]
        best, best_d = -1, np.inf
        for z in range(zpos.shape[0]):
            dx = zpos[z, 0] - px
            dy = zpos[z, 1] - py
            if not dx * dx + dy * dy <= reach2:
                continue
            zx, zy = zpos[z, 0], zpos[z, 1]
            d = np.hypot(zx - px, zy - py)
            # (the wall test only for one that would be the nearest yet: a farther one, or an
            # equal one after it, is not taken either way)
            if (best < 0 or d < best_d) and not _walled_off(barriers, zx, zy, px, py, t):
                best, best_d = z, d
        found[s] = best
        dist[s] = best_d
        count += best >= 0
    return count


_PANIC_REACH2 = (PANIC_ZOMBIE_PX * (1.0 + 1e-6)) ** 2  # px squared: a hair over for rounding


def nearest_zombies(world, students, lead_pos: np.ndarray, at: list[list[float]] | None = None,
                    near: list[int] | None = None) -> dict[str, tuple[int, float]]:
    """For each of ``students`` ``panic`` would look round for (``_looks_round``) with a zombie
    within ``PANIC_ZOMBIE_PX`` (a hair over), by id: the row of the nearest zombie (the first of
    equals) and its distance (px); the others are left out (they do not panic: which zombie is
    nearest does not matter). One compiled pass of squared distances over the horde rules out
    the far ones; ``hypot`` runs only over the zombies left (in row order, so the same row and
    the same bits as over the whole horde: every zombie at the nearest's distance is among
    them). Zombies across a drop, a wall or a locked door from the student (``_walled_off``) do
    not count. ``at``: the students' positions (px, as ``tolist`` gives them), if the caller
    has them already; ``near``: their ``threats`` (a student without ``ANY_NEAR`` has no zombie
    within reach: left out unasked), if the caller has them (None: ask for every student)."""
    horde = world.horde
    if horde.n == 0:
        return {}
    calm = PANIC_LEAD_PX * STEADYING.get(world.lead_student.id, 1.0)  # px (looked up once for them all)
    lx, ly = float(lead_pos[0]), float(lead_pos[1])
    if at is None:
        pos = world.bodies.pos
        at = [pos[s.index].tolist() for s in students]
    alone, alone_at = [], []
    for k, (s, xy) in enumerate(zip(students, at, strict=True)):
        if (near is None or near[k] & ANY_NEAR) and _looks_round(s, xy[0], xy[1], lx, ly, calm):
            alone.append(s)
            alone_at.append(xy)
    if not alone:
        return {}
    found, dist = np.empty(len(alone), dtype=np.int64), np.empty(len(alone), dtype=np.float64)
    if not _nearest_in_sight(horde.pos, np.array(alone_at, dtype=np.float64), _PANIC_REACH2, world.barriers(),
                             _BARRIER_T, found, dist):
        return {}  # (most ticks)
    return {s.id: (k, d) for s, k, d in zip(alone, found.tolist(), dist.tolist(), strict=True) if k >= 0}


# What ``threats`` finds round a student: which of the passes over the horde the followers ask
# every tick could find anything (each a bit; a follower with none of them set would be told
# "nothing" by every one, so it is not asked).
COMING_IN_REACH = 1  # a zombie chasing or biting within MELEE_REACH (a px to spare): ``defend`` may swing
COMING_IN_RANGE = 2  # ... within COVER_PX: ``cover`` may shoot
ANY_IN_REACH = 4  # any zombie within MELEE_REACH (a px to spare): ``fight_alone`` may swing
ANY_NEAR = 8  # any zombie within PANIC_ZOMBIE_PX (a hair over): ``nearest_zombies`` may name one
ALL_THREATS = COMING_IN_REACH | COMING_IN_RANGE | ANY_IN_REACH | ANY_NEAR  # (not looked: ask them all)


def threats(world, at: np.ndarray) -> list[int] | None:
    """Per student at ``at`` ((m, 2) px, float64), the bits above: which zombies are near it,
    in one compiled pass over the horde (the followers' ``defend``, ``cover``, ``fight_alone``
    and ``nearest_zombies`` each made a pass per student, every tick, and most ticks found
    nothing). None when no zombie is near any of them (most ticks). Each bit is the squared
    distance test that pass makes first (the same doubles: zombie minus student, squared and
    summed), so a student without it is one that pass would find nothing for."""
    horde = world.horde
    if horde.n == 0 or at.shape[0] == 0:
        return None
    global _THREAT_BITS
    if _THREAT_BITS.shape[0] < at.shape[0]:
        _THREAT_BITS = np.zeros(at.shape[0], dtype=np.int64)
    if not _threats_near(horde.pos_all, horde.state_all, horde.n, at, _THREAT_BITS):
        return None
    return _THREAT_BITS[:at.shape[0]].tolist()


_THREAT_BITS = np.zeros(8, dtype=np.int64)  # ``threats``' answers, as ``_threats_near`` writes them (grown as needed)
_COVER_PX2 = COVER_PX * COVER_PX  # px squared: ``cover``'s bound


@kernel
def _threats_near(zpos: np.ndarray, state: np.ndarray, n: int, spos: np.ndarray, out: np.ndarray) -> int:
    """Writes into ``out`` per row of ``spos`` ((m, 2) px) the ``threats`` bits of the first
    ``n`` zombies of ``zpos`` (px) and ``state``; returns them all or-ed together. Zombies
    outside the students' bounding box grown by COVER_PX and a px (the farthest bound, and a
    px for rounding) are passed over with four comparisons."""
    m = spos.shape[0]
    x0, y0, x1, y1 = np.inf, np.inf, -np.inf, -np.inf
    for s in range(m):
        out[s] = 0
        x0 = min(x0, spos[s, 0])
        y0 = min(y0, spos[s, 1])
        x1 = max(x1, spos[s, 0])
        y1 = max(y1, spos[s, 1])
    grow = COVER_PX + 1.0
    x0, y0, x1, y1 = x0 - grow, y0 - grow, x1 + grow, y1 + grow
    found = 0
    for i in range(n):
        zx, zy = zpos[i, 0], zpos[i, 1]
        if zx < x0 or zx > x1 or zy < y0 or zy > y1:
            continue
        coming = state[i] == CHASE or state[i] == ATTACK
        for s in range(m):
            dx = zx - spos[s, 0]
            dy = zy - spos[s, 1]
            d2 = dx * dx + dy * dy
            bits = 0
            if d2 <= _MELEE_REACH2:
                bits |= ANY_IN_REACH | (COMING_IN_REACH if coming else 0)
            if d2 <= _PANIC_REACH2:
                bits |= ANY_NEAR
            if coming and d2 <= _COVER_PX2:
                bits |= COMING_IN_RANGE
            out[s] |= bits
            found |= bits
    return found


def panic(world, student, lead_pos: np.ndarray, events: list[ev.Event],
          nearest: dict[str, tuple[int, float]] | None = None) -> tuple[float, float] | None:
    """A follower alone with a zombie close screams and runs; returns the flight velocity.
    ``nearest``: ``nearest_zombies`` of a group ``student`` is in, if already asked this tick
    (it names exactly those who look round with a zombie near, so that is not asked again)."""
    horde = world.horde
    if horde.n == 0 or student.id in FEARLESS:
        return None
    if nearest is None:
        nearest = nearest_zombies(world, [student], lead_pos)
    if student.id not in nearest:  # not alone enough to panic (``_looks_round``), or nothing near
        student.panic_timer = 0
        return None
    p = world.student_pos(student)
    k, dist_k = nearest[student.id]
    if dist_k > PANIC_ZOMBIE_PX or horde.state[k] not in (CHASE, ATTACK) and dist_k > PANIC_ZOMBIE_PX / 2:
        student.panic_timer = 0
        return None
    if student.panic_timer % SCREAM_EVERY == 0:
        events.append(ev.Sound(float(p[0]), float(p[1]), SCREAM_NOISE, "scream", student.id))
    student.panic_timer += 1
    away = -(horde.pos[k] - p) / max(dist_k, 1e-6)
    toward = np.asarray(lead_pos) - p
    tn = max(float(np.hypot(*toward)), 1e-6)
    run = away + 0.8 * toward / tn  # away from the zombie, back toward the lead
    rn = max(float(np.hypot(*run)), 1e-6)
    return float(run[0] / rn * 165.0), float(run[1] / rn * 165.0)
