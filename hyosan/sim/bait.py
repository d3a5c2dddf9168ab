"""The bait choice: a student who finishes using a ``bait`` station stays behind there. The
station's sounds (a ``shout``) draw the horde to that spot while the others go; the student is
gone from the squad and does not count as a survivor (one fewer in the score and the stars).
"""

from __future__ import annotations

import pymunk

from . import events as ev
from .squad import drive


def stay_behind(world, student, events: list[ev.Event]) -> None:
    """``student`` stays as bait: out of the squad (no longer alive for objectives or the score),
    their body out of the physics, the lead passed on if it was theirs."""
    p = world.student_pos(student)
    student.alive = False
    student.stayed = True
    if student.grab_joint is not None:
        world._release(student, events)
    for shape in student.body.shapes:
        shape.filter = pymunk.ShapeFilter(categories=0, mask=0)
    drive(student, 0.0, 0.0)
    events.append(ev.StayedBehind(student.id, float(p[0]), float(p[1])))
    if world.lead_student is student:
        world._switch_lead(events)
