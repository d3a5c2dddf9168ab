"""The fixed-step loop: frame rate never changes what is simulated."""

from __future__ import annotations

import numpy as np
import pytest

from hyosan.loop import MAX_TICKS_PER_FRAME, FixedStepLoop
from hyosan.sim.world import World
from tests.helpers import sandbox, scripted_input

TOTAL_TICKS = 240


def _run(frame_times: list[float]) -> tuple[list[int], str]:
    """Feed frames until TOTAL_TICKS ticks ran; return the tick sequence and the final hash."""
    world = World.from_spec(sandbox(), seed=7)
    loop = FixedStepLoop()
    seen: list[int] = []

    def step(tick: int) -> None:
        if tick < TOTAL_TICKS:
            seen.append(tick)
            world.step(scripted_input(tick))

    i = 0
    while len(seen) < TOTAL_TICKS:
        loop.run_frame(frame_times[i % len(frame_times)], step)
        i += 1
    return seen, world.state_hash()


def test_any_frame_rate_gives_the_same_ticks_and_hash() -> None:
    rng = np.random.default_rng(1)
    jitter = list(rng.uniform(0.001, 0.050, size=500))
    runs = {
        "jitter": _run(jitter),
        "30fps": _run([1 / 30]),
        "60fps": _run([1 / 60]),
        "144fps": _run([1 / 144]),
        "unthrottled": _run([0.0002]),
    }
    reference_ticks, reference_hash = runs["60fps"]
    assert reference_ticks == list(range(TOTAL_TICKS))
    for name, (ticks, digest) in runs.items():
        assert ticks == reference_ticks, name
        assert digest == reference_hash, name


def test_a_five_second_stall_causes_no_burst() -> None:
    loop = FixedStepLoop()
    for _ in range(60):
        assert loop.advance(1 / 60) == 1
    burst = loop.advance(5.0)
    assert burst == MAX_TICKS_PER_FRAME
    after = [loop.advance(1 / 60) for _ in range(30)]
    assert after == [1] * 30  # nothing of the stall is paid back later


def test_alpha_is_the_fraction_of_a_tick_left_over() -> None:
    loop = FixedStepLoop()
    assert loop.advance(1.5 / 60) == 1
    assert loop.alpha == pytest.approx(0.5, abs=1e-6)
    assert loop.advance(0.6 / 60) == 1
    assert loop.alpha == pytest.approx(0.1, abs=1e-6)


def test_frame_time_is_clamped_to_a_quarter_second() -> None:
    loop = FixedStepLoop(max_ticks_per_frame=100)
    assert loop.advance(10.0) == 15  # 0.25 s at 60 Hz
    assert loop.advance(-1.0) == 0
