"""Screen shake from trauma (Squirrel Eiserloh's "juice" talk): impacts add trauma, the
offset is trauma² × a maximum, and trauma decays. Its own RNG: shake is cosmetic and must never
touch the simulation's random stream."""

from __future__ import annotations

import random

MAX_OFFSET = 6.0  # world px at full trauma
DECAY = 1.6  # trauma lost per second


class Shake:
    """Trauma in 0..1 and the current offset (world px) to add to the camera."""

    def __init__(self, enabled: bool = True, seed: int = 0) -> None:
        self.enabled = enabled
        self.trauma = 0.0
        self.dx = 0.0
        self.dy = 0.0
        self._rng = random.Random(seed)

    def add(self, amount: float) -> None:
        """Add trauma (clamped to 1)."""
        if self.enabled:
            self.trauma = min(1.0, self.trauma + amount)

    def update(self, seconds: float) -> None:
        """Decay trauma and pick this frame's offset."""
        self.trauma = max(0.0, self.trauma - DECAY * seconds)
        k = self.trauma * self.trauma * MAX_OFFSET
        self.dx = self._rng.uniform(-1, 1) * k
        self.dy = self._rng.uniform(-1, 1) * k
