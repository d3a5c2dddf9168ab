"""A halfbie ally (Nam-ra in level 4, ``halfbie = true`` on a squad entry): half turned, she
hears the horde through walls, shoves like two, a bite does not set her turning (the world's
bites leave her uninfected), and she hungers. Kept close to the others, her
hunger grows; apart from them it eases. Starving, she growls (a noise the horde hears) until
she calms down. The player's job: give her room.
"""

from __future__ import annotations

import math

import numpy as np

from . import events as ev
from .units import TICK_HZ

HEARING_PX = 400.0  # she hears zombies this far away, walls or not (the HUD marks them)
NEAR_PX = 32.0  # another living student this close (centre to centre) feeds her hunger
# px: following, she keeps this far from the others (and they from her when she leads), a step
# outside NEAR_PX, so walking in a squad does not feed her hunger; only bunching does (a
# marker, a doorway, the pen). Before, her slot in the formation fed it: a playtester who led
# with another student had her growling every 30 s of walking and lost Yellow Markers 4 of 4.
ROOM_PX = NEAR_PX + 8.0
RISE_PER_TICK = 1.0 / (30 * TICK_HZ)  # empty to starving after 30 s kept close
FALL_PER_TICK = 1.0 / (15 * TICK_HZ)  # starving to calm after ~6 s apart
CALM_BELOW = 0.6  # a starving halfbie stops growling below this
GROWL_NOISE = 300.0  # px
GROWL_EVERY = 2 * TICK_HZ  # ticks between growls while starving
SHOVE_MULT = 1.6  # her shove's kick, times a student's


def hears(world, student) -> np.ndarray:
    """Rows of the zombies a halfbie ally hears (within ``HEARING_PX``, through walls);
    empty for anyone else."""
    horde = world.horde
    if not (student.halfbie and student.alive) or horde.n == 0:
        return np.zeros(0, dtype=np.int64)
    p = world.student_pos(student)
    d = np.hypot(horde.pos[:, 0] - p[0], horde.pos[:, 1] - p[1])
    return np.nonzero(d <= HEARING_PX)[0]


def hunger_tick(world, events: list[ev.Event]) -> None:
    """One tick of every halfbie ally's hunger (before the horde thinks: a growl is heard now)."""
    pos = world.bodies.pos  # (world.student_pos's rows, read as Python floats: numpy's differences, less overhead)
    for s in world.students:
        if not (s.halfbie and s.alive):
            continue
        px, py = pos[s.index].tolist()
        near = False
        for o in world.students:
            if o is not s and o.alive:
                qx, qy = pos[o.index].tolist()
                if math.hypot(qx - px, qy - py) <= NEAR_PX:
                    near = True
                    break
        s.hunger = min(1.0, s.hunger + RISE_PER_TICK) if near else max(0.0, s.hunger - FALL_PER_TICK)
        if s.hunger >= 1.0 and not s.starving:
            s.starving = True
            s.panic_timer = 0
        elif s.starving and s.hunger < CALM_BELOW:
            s.starving = False
        if s.starving:
            if world.tick % GROWL_EVERY == 0:
                events.append(ev.Sound(px, py, GROWL_NOISE, "growl", s.id))
