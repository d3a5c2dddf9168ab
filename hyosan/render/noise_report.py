"""The squad's noise over a run, in words for the results screen: how loud it was ("careful")
and what made most of it ("mostly walking").

The results screen showed "noise made 18342": the sum of the loudness radii (px) of every sound
the squad made (``World.noise_made``, the score's noise), which a playtester could neither read
nor act on. The rating here is that same sum over the time played, set against the one
footstep every player knows: a student walking without a stop makes ``WALKING_PX_PER_S``. The
bands were checked against runs of the built-in levels (px of noise per second of play): the
solver bot's wins and hand-played three-star runs, sneaking and walking now and then, 16-49;
the greedy bot, walking everywhere, 120-340; the random bot, running and swinging, 530-570.

What made it comes from the sim's own ``Sound`` events, tallied here by kind as the play scene
hands them over (the sim keeps only the sum): the same sounds the score counts, so the shares
are shares of what the score charged for.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from ..sim import events as ev
from ..sim.squad import GAIT_NOISE, STEP_TICKS
from ..sim.units import TICK_HZ
from .noise_rings import ring_colour

# px of loudness per second: one student walking without a stop (70 px a step, 3 steps a second)
WALKING_PX_PER_S = GAIT_NOISE["walk"] * TICK_HZ / STEP_TICKS["walk"]
# (below this many px per second of play, word, colour): the noise rings' own colours, so a
# quiet run reads green as a quiet step's ring does
RATINGS = (
    (WALKING_PX_PER_S / 10, "quiet", ring_colour(0.0)),  # as if one student took a walk step every 3 s
    (WALKING_PX_PER_S / 2, "careful", ring_colour(100.0)),  # as if one walked half the time
    (WALKING_PX_PER_S * 2, "noisy", ring_colour(300.0)),  # as if two walked all the time
    (math.inf, "very loud", ring_colour(700.0)),
)
SILENT = ("silent", ring_colour(0.0))  # not a sound the horde could hear
MOSTLY_SHARE = 0.5  # of the noise: one kind this big is "mostly" it; else the two biggest are named
# What made the noise, as a player would say it (by Sound kind; an unknown kind reads as its id)
SOURCE_WORDS = {
    "walk-step": "walking", "sprint-step": "running", "splash": "puddles", "melee": "fighting",
    "shove": "shoving", "bow": "bow shots", "scream": "screams", "spray": "extinguisher",
    "taunt": "taunts", "sing": "singing", "coupling": "couplings", "growl": "growls", "crash": "crashes",
}


def noise_rating(noise_px: float, seconds: float) -> tuple[str, tuple[int, int, int]]:
    """The word for ``noise_px`` (px of loudness the squad made, summed) over ``seconds`` of play,
    and its colour."""
    if noise_px <= 0.0:
        return SILENT
    per_second = noise_px / max(seconds, 1.0)
    return next((word, colour) for limit, word, colour in RATINGS if per_second < limit)


def source_words(kind: str) -> str:
    """A Sound kind as a player would name it ("sprint-step" -> "running")."""
    return SOURCE_WORDS.get(kind, kind.replace("-", " "))


class NoiseTally:
    """The squad's sounds over a run, summed by kind (px of loudness): ``feed`` each tick's events."""

    def __init__(self) -> None:
        self.by_kind: Counter[str] = Counter()

    def feed(self, events: Iterable[object], squad: set[str]) -> None:
        """Add the sounds the squad (student ids) made among one tick's ``events``, as the score
        counts them: not the cry a student gives as they are bitten or go over an edge (that is
        the horde's doing or the fall's; the sim hears it after the squad's own sounds)."""
        before: object = None
        for e in events:
            if isinstance(e, ev.Sound) and e.source in squad and not (
                    e.kind == "scream" and isinstance(before, ev.Bitten | ev.Fell)
                    and getattr(before, "student", "") == e.source):
                self.by_kind[e.kind] += e.loudness
            before = e

    @property
    def total(self) -> float:
        """px of loudness tallied, every kind together."""
        return float(sum(self.by_kind.values()))

    def mostly(self) -> str:
        """What made the noise: "mostly walking" when one kind made half or more of it, else the
        two that made most ("walking, fighting"); "" before any."""
        total = self.total
        if total <= 0.0:
            return ""
        ranked = self.by_kind.most_common()
        kind, px = ranked[0]
        if px >= MOSTLY_SHARE * total or len(ranked) == 1:
            return f"mostly {source_words(kind)}"
        return f"{source_words(kind)}, {source_words(ranked[1][0])}"
