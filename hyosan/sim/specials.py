"""Each student's own move (GAME.md's squad table), on its own key (``Special``, C by default):

* **On-jo's extinguisher**: a cloud of powder sprayed ahead. For ``SPRAY_SECONDS`` no zombie
  sees a student standing in it (those chasing lose sight and go to where they last saw
  prey), and the zombies the jet hits stagger back. ``SPRAY_CHARGES`` a level.
* **Cheong-san's taunt**: a shout (``TAUNT_NOISE``, 600 px) that pulls the horde onto him,
  away from the others; it takes ``TAUNT_COOLDOWN`` to catch his breath.
* **Dae-su's song** (GAME.md: "loud: singing is a 10 s lure, 700 — useful, dangerous"): for
  ``SING_SECONDS`` he sings wherever he goes, ``SING_NOISE`` every second, and the horde comes
  to him; then ``SING_COOLDOWN`` before he will sing again.

Other students have none (Su-hyeok's strength, Ha-ri's bow, Nam-ra's ears and So-ju's axe work
through the usual controls). Loops here run over the few students and clouds, never over
zombies: the spray's cone is one numpy query (``Horde.rows_in_arc``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from . import events as ev
from .director import Emitter
from .units import TICK_HZ

SPECIALS = {"on-jo": "spray", "cheong-san": "taunt", "dae-su": "sing"}  # student id -> its move
SPRAY_CHARGES = 3  # per level: an extinguisher empties fast
SPRAY_SECONDS = 3.0  # s the cloud hides whoever stands in it (GAME.md)
SPRAY_AHEAD = 20.0  # px from the student to the cloud's centre, along the facing
SPRAY_RADIUS = 34.0  # px: the cloud covers the sprayer and a student or two beside her
SPRAY_REACH = 44.0  # px the jet reaches, in a cone 70 degrees wide
SPRAY_COS = math.cos(math.radians(35))
SPRAY_KICK = 160.0  # px/s: the jet pushes them back
SPRAY_STUN = round(1.0 * TICK_HZ)  # ticks they stagger (no steering, no bites)
SPRAY_NOISE = 150.0  # px: the hiss (a shove's is 120, a swing's 220)
SPRAY_COOLDOWN = round(0.8 * TICK_HZ)  # ticks before the next squeeze
TAUNT_NOISE = 600.0  # px (GAME.md)
TAUNT_COOLDOWN = round(10.0 * TICK_HZ)  # ticks
SING_NOISE = 700.0  # px, every second while he sings (GAME.md)
SING_SECONDS = 10.0
SING_COOLDOWN = round((SING_SECONDS + 20.0) * TICK_HZ)  # ticks from the first note to the next song
COOLDOWN_TICKS = {"spray": SPRAY_COOLDOWN, "taunt": TAUNT_COOLDOWN, "sing": SING_COOLDOWN}  # per move


@dataclass
class Cloud:
    """Extinguisher powder hanging in the air: students inside it cannot be seen."""

    x: float  # px
    y: float
    radius: float  # px
    until_tick: int  # the first tick it no longer hides anyone


def special_of(student_id: str) -> str:
    """The move a student has ("" for none)."""
    return SPECIALS.get(student_id, "")


def charges_for(student_id: str) -> int:
    """How many uses a student's move has at the start of a level (-1: unlimited, a cooldown only)."""
    return SPRAY_CHARGES if special_of(student_id) == "spray" else -1


def use_special(world, student, events: list[ev.Event]) -> bool:
    """The student's move, if it has one and it is ready; returns whether it was used."""
    kind = special_of(student.id)
    if not kind or student.special_cooldown > 0 or student.special_charges == 0:
        return False
    p = world.student_pos(student)
    x, y = float(p[0]), float(p[1])
    if kind == "taunt":
        student.special_cooldown = COOLDOWN_TICKS[kind]
        events.append(ev.Sound(x, y, TAUNT_NOISE, "taunt", student.id))
        events.append(ev.Special(student.id, kind, x, y, -1))
        return True
    if kind == "sing":  # a song that goes where he goes (the director sounds it every second)
        student.special_cooldown = COOLDOWN_TICKS[kind]
        world.director.start_emitter(Emitter(student.id, "sing", x, y, SING_NOISE,
                                             world.tick + round(SING_SECONDS * TICK_HZ), TICK_HZ, world.tick,
                                             carried_by=student.id))
        events.append(ev.Special(student.id, kind, x, y, -1))
        return True
    # spray
    n = math.hypot(*student.facing) or 1.0
    fx, fy = student.facing[0] / n, student.facing[1] / n
    student.special_cooldown = COOLDOWN_TICKS[kind]
    student.special_charges -= 1
    cx, cy = x + fx * SPRAY_AHEAD, y + fy * SPRAY_AHEAD
    world.clouds.append(Cloud(cx, cy, SPRAY_RADIUS, world.tick + round(SPRAY_SECONDS * TICK_HZ)))
    rows = world.horde.rows_in_arc(x, y, fx, fy, SPRAY_REACH, SPRAY_COS)
    world.horde.knock(rows, x, y, SPRAY_KICK, SPRAY_STUN)
    events.append(ev.Sound(x, y, SPRAY_NOISE, "spray", student.id))
    events.append(ev.Special(student.id, kind, cx, cy, student.special_charges))
    events.append(ev.Hit(student.id, "spray", int(rows.size), 0))
    return True


def tick_specials(world) -> None:
    """Once a tick: cooldowns run down and settled clouds are gone."""
    for s in world.students:
        if s.special_cooldown > 0:
            s.special_cooldown -= 1
    if world.clouds:
        world.clouds = [c for c in world.clouds if c.until_tick > world.tick]


def hidden_by_clouds(clouds: list[Cloud], pos: np.ndarray) -> np.ndarray:
    """(m,) bool: which of the students at ``pos`` ((m, 2) px) stand in a cloud."""
    out = np.zeros(pos.shape[0], dtype=bool)
    for c in clouds:
        out |= np.hypot(pos[:, 0] - c.x, pos[:, 1] - c.y) <= c.radius
    return out
