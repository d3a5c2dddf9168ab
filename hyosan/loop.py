"""The fixed-timestep pump: real time in, whole 60 Hz ticks out, plus an interpolation alpha.

After Fiedler's "Fix Your Timestep!" and arcade's ``FixedClock``: a frame's real time is
clamped (0.25 s) and at most ``max_ticks_per_frame`` ticks run per frame; whatever a stall
leaves over is dropped rather than paid back, so a hiccup never becomes a burst of catch-up
ticks. The simulation only ever sees whole ticks.
"""

from __future__ import annotations

from collections.abc import Callable

from .sim.units import TICK_HZ  # one tick rate for the loop and the simulation

MAX_FRAME_SECONDS = 0.25
MAX_TICKS_PER_FRAME = 5


class FixedStepLoop:
    """Accumulates real frame time and says how many simulation ticks to run."""

    def __init__(self, tick_hz: int = TICK_HZ, max_ticks_per_frame: int = MAX_TICKS_PER_FRAME,
                 max_frame_seconds: float = MAX_FRAME_SECONDS) -> None:
        self.dt = 1.0 / tick_hz
        self.max_ticks = max_ticks_per_frame
        self.max_frame = max_frame_seconds
        self.accumulator = 0.0  # seconds of real time not yet simulated, always < dt after a frame
        self.ticks = 0  # ticks run since the loop started

    def advance(self, frame_seconds: float) -> int:
        """Add one frame's real time; return how many whole ticks to run now."""
        frame = min(max(frame_seconds, 0.0), self.max_frame)
        self.accumulator += frame
        n = int(self.accumulator / self.dt + 1e-9)
        if n > self.max_ticks:
            n = self.max_ticks
            self.accumulator = 0.0  # drop the rest: never pay a stall back
        else:
            self.accumulator = max(0.0, self.accumulator - n * self.dt)
        self.ticks += n
        return n

    @property
    def alpha(self) -> float:
        """How far (0..1) real time is between the last tick and the next: the draw blend."""
        return min(1.0, self.accumulator / self.dt)

    def run_frame(self, frame_seconds: float, step: Callable[[int], None]) -> int:
        """Advance and call ``step(tick_index)`` once per tick due; return the ticks run."""
        n = self.advance(frame_seconds)
        first = self.ticks - n
        for k in range(n):
            step(first + k)
        return n
