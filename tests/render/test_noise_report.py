"""The results screen's noise in words: how loud the squad was over the run, and what made most
of it, from the same sounds the score charges for."""

from __future__ import annotations

import pytest

from hyosan.content.discovery import resolve_level
from hyosan.control.bots import make_bot
from hyosan.render.noise_report import NoiseTally, noise_rating
from hyosan.sim import events as ev
from hyosan.sim.squad import GAIT_NOISE, STEP_TICKS
from hyosan.sim.units import TICK_HZ
from hyosan.sim.world import World

WALK, SPRINT = GAIT_NOISE["walk"], GAIT_NOISE["sprint"]  # px: a walk step, a sprint step
DOOR_SLAM = 320.0  # px (GAME.md)


def steps_per_second(gait: str) -> float:
    return TICK_HZ / STEP_TICKS[gait]


@pytest.mark.parametrize(("noise", "seconds", "word"), [
    (0.0, 120.0, "silent"),  # sneaking all the way: a sneak step makes no sound
    (480.0, 114.0, "quiet"),  # a hand-played Storm Crossing, sneaking through the rain
    (2340.0, 148.0, "quiet"),  # a three-star Classroom: sneaking, a few walked steps
    (10 * WALK, 60.0, "quiet"),  # ten walk steps in a minute
    (4088.0, 124.3, "careful"),  # the solver's three-star Classroom: sneaking, walking the hall
    (5169.0, 118.1, "careful"),  # a hand-played three stars
    (WALK * steps_per_second("walk") * 120.0 * 0.4, 120.0, "careful"),  # one student walking 40 % of the time
    (19390.0, 159.3, "noisy"),  # the greedy bot walking everywhere (two stars)
    (4 * WALK * steps_per_second("walk") * 100.0 * 0.3, 100.0, "noisy"),  # four walking, a third of the time
    (SPRINT * steps_per_second("sprint") * 60.0, 60.0, "very loud"),  # one student sprinting the whole minute
    (22249.0, 39.0, "very loud"),  # the random bot: running, swinging and shoving
    (10 * DOOR_SLAM, 5.0, "very loud"),  # ten crashes in five seconds
])
def test_the_rating_in_words(noise: float, seconds: float, word: str) -> None:
    got, colour = noise_rating(noise, seconds)
    assert got == word
    assert len(colour) == 3


def test_louder_never_rates_quieter() -> None:
    order = ["silent", "quiet", "careful", "noisy", "very loud"]
    ranks = [order.index(noise_rating(px, 100.0)[0]) for px in range(0, 100_000, 250)]
    assert ranks == sorted(ranks) and ranks[0] == 0 and ranks[-1] == len(order) - 1
    # a short run is not called quiet for the little time it lasted: the rate counts
    assert noise_rating(3000.0, 10.0)[0] == "noisy" and noise_rating(3000.0, 300.0)[0] == "quiet"


def _sound(kind: str, loud: float, who: str = "on-jo") -> ev.Sound:
    return ev.Sound(10.0, 20.0, loud, kind, who)


def test_what_made_most_of_the_noise() -> None:
    tally = NoiseTally()
    assert tally.mostly() == ""
    squad = {"on-jo", "su-hyeok"}
    tally.feed([_sound("walk-step", WALK)] * 10 + [_sound("melee", 220.0, "su-hyeok")], squad)
    assert tally.mostly() == "mostly walking" and tally.total == 10 * WALK + 220.0
    # not the squad's: a phone thrown rings as itself, a car alarm, a rattling trolley
    tally.feed([_sound("phone", 350.0, "phone-1"), _sound("alarm", 900.0, "car-2"), _sound("rattle", 80.0, "trolley-3")],
               squad)
    assert tally.total == 10 * WALK + 220.0
    tally.feed([_sound("sprint-step", SPRINT)] * 4 + [_sound("melee", 220.0)] * 2, squad)
    # running 720 px, walking 700, fighting 660: none made half of it, so the two that made most
    assert tally.mostly() == "running, walking"


def test_a_bitten_or_falling_students_cry_is_not_the_squads_noise() -> None:
    """The score does not charge the cry of a student bitten or going over an edge (the horde's
    doing); a friend left alone who panics and screams is charged, and tallied."""
    tally = NoiseTally()
    squad = {"mi-jin"}
    tally.feed([ev.Bitten("mi-jin", 10.0, 20.0, 60.0, "walker"), _sound("scream", 380.0, "mi-jin"),
                ev.Fell(10.0, 20.0, student="mi-jin"), _sound("scream", 380.0, "mi-jin")], squad)
    assert tally.total == 0.0
    tally.feed([_sound("scream", 380.0, "mi-jin")], squad)  # panicking, alone with a zombie near
    assert tally.total == 380.0 and tally.mostly() == "mostly screams"


def test_the_tally_adds_up_to_the_noise_the_score_counts() -> None:
    """Over a wild run (the random bot on Storm Crossing: puddles, swings, shoves, bites and
    panicked screams), the tally by kind sums to the world's own ``noise_made``."""
    _, spec = resolve_level("hyosan/storm-crossing", None)
    world = World.from_spec(spec, 0)
    bot = make_bot("random", 0)
    bot.reset(world)
    tally = NoiseTally()
    kinds_bitten = 0
    for _ in range(TICK_HZ * 40):
        if world.outcome is not None:
            break
        events = world.step(bot.act(world))
        kinds_bitten += sum(isinstance(e, ev.Bitten) for e in events)
        tally.feed(events, {s.id for s in world.students})
    assert kinds_bitten > 0 and {"walk-step", "melee", "scream"} <= set(tally.by_kind)
    assert tally.total == pytest.approx(world.noise_made, abs=1e-6)
