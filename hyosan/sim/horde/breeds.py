"""Breeds: zombie kinds as data, loaded into numpy columns indexed by breed id.

After DOOM's ``mobjinfo[]``: one row per breed, one comment per field. Per-zombie code reads
``table.speed_chase[breed]`` and so on, never an object per zombie.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np


@dataclass(frozen=True, slots=True)
class Breed:
    """One kind of zombie."""

    id: str
    speed_wander: float = 40.0  # px/s, aimless
    speed_investigate: float = 90.0  # px/s, going to a noise
    speed_chase: float = 150.0  # px/s, after prey it sees (a sprinting student does 165)
    health: float = 1.0  # hits of the standard melee
    radius: float = 4.5  # px
    mass: float = 50.0  # kg
    push: float = 1.0  # multiplier on the force it pushes props and doors with
    sight_mult: float = 1.0  # multiplier on sight range
    hearing_mult: float = 1.0  # multiplier on effective loudness
    ignores_lures: bool = False  # hears only the lead's own noises (the halfbie)
    knockback_resist: float = 0.0  # 0 = full knockback, 1 = none


DEFAULT_BREEDS: tuple[Breed, ...] = (
    Breed("walker"),  # the standard fast horde of Hyosan High
    Breed("runner", speed_chase=165.0, health=0.7),  # as fast as a sprinting student
    Breed("brute", speed_wander=30.0, speed_investigate=70.0, speed_chase=120.0, health=3.0,
          radius=5.5, mass=90.0, push=2.0),
    Breed("halfbie", speed_wander=60.0, speed_investigate=140.0, speed_chase=210.0, health=12.0,
          radius=5.0, mass=80.0, push=2.5, sight_mult=1.3, hearing_mult=1.5, ignores_lures=True,
          knockback_resist=1.0),  # Gwi-nam
)


class BreedTable:
    """Breed columns: ``table.<field>[breed_index]`` for every numeric field."""

    def __init__(self, breeds: tuple[Breed, ...] = DEFAULT_BREEDS) -> None:
        if not breeds:
            raise ValueError("at least one breed is needed")
        self.ids = tuple(b.id for b in breeds)
        for f in fields(Breed):
            if f.name != "id":
                dtype = bool if f.name == "ignores_lures" else np.float64
                setattr(self, f.name, np.array([getattr(b, f.name) for b in breeds], dtype=dtype))

    def index(self, breed_id: str) -> int:
        """The column index of a breed id; KeyError names the known ones."""
        try:
            return self.ids.index(breed_id)
        except ValueError:
            raise KeyError(f"unknown breed {breed_id!r}; known: {', '.join(self.ids)}") from None
