"""The bait choice: a student who finishes using a ``bait`` station stays behind there. The
station's sounds (a ``shout``) draw the horde to that spot while the others go; the student is
gone from the squad and does not count as a survivor (one fewer in the score and the stars).
"""

from __future__ import annotations

from . import events as ev
from .squad import leave_play


def stay_behind(world, student, events: list[ev.Event]) -> None:
    """``student`` stays as bait: out of the squad (no longer alive for objectives or the score),
    their body out of the physics, the lead passed on if it was theirs."""
    student.stayed = True
    x, y = leave_play(world, student, events)
    events.append(ev.StayedBehind(student.id, x, y))
