"""Breeds: zombie kinds as data, loaded into numpy columns indexed by breed id.

After DOOM's ``mobjinfo[]``: one row per breed, one comment per field. Per-zombie code reads
``table.speed_chase[breed]`` and so on, never an object per zombie.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np


@dataclass(frozen=True, slots=True)
class Breed:
    """One kind of zombie, as the horde's columns hold it."""

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
    only_big_blows: bool = False  # melee does no damage; a heavy prop's hit or a fall does


# Column order: these first (a pooled body is built with row 0's size), then the rest by name.
CANONICAL_ORDER = ("walker", "runner", "brute", "halfbie")
BOOL_FIELDS = ("ignores_lures", "only_big_blows")


def breed_from_spec(name: str, spec) -> Breed:
    """A level's breed row (``content.schema.BreedSpec``, the TOML's names) as a horde row."""
    return Breed(name, speed_wander=spec.wander_speed, speed_investigate=spec.investigate_speed,
                 speed_chase=spec.chase_speed, health=spec.health, radius=spec.radius, mass=spec.mass,
                 push=spec.push, sight_mult=spec.sight, hearing_mult=spec.hearing,
                 ignores_lures=spec.ignores_lures, knockback_resist=1.0 if spec.shrugs_off_shoves else 0.0,
                 only_big_blows=spec.only_big_blows)


def breeds_from_specs(rows) -> tuple[Breed, ...]:
    """Horde rows from ``(name, BreedSpec)`` pairs (a level's table), in the canonical order."""
    table = dict(rows)
    names = [n for n in CANONICAL_ORDER if n in table] + sorted(n for n in table if n not in CANONICAL_ORDER)
    return tuple(breed_from_spec(n, table[n]) for n in names)


def builtin_breeds() -> tuple[Breed, ...]:
    """The built-in breeds from ``hyosan/content/builtin_tables.toml`` (the one source of truth)."""
    from ...content.loader import builtin_tables  # content is data only: no pygame, no clock
    return breeds_from_specs(builtin_tables()[1])


class BreedTable:
    """Breed columns: ``table.<field>[breed_index]`` for every numeric field."""

    def __init__(self, breeds: tuple[Breed, ...] | None = None) -> None:
        breeds = builtin_breeds() if breeds is None else breeds
        if not breeds:
            raise ValueError("at least one breed is needed")
        self.ids = tuple(b.id for b in breeds)
        for f in fields(Breed):
            if f.name != "id":
                dtype = bool if f.name in BOOL_FIELDS else np.float64
                setattr(self, f.name, np.array([getattr(b, f.name) for b in breeds], dtype=dtype))
        # The keenest ear (a numpy float), for how far any zombie could hear a sound: asked at
        # every decision with sounds, and the columns never change.
        self.keenest_hearing = self.hearing_mult.max()
        # The keenest eye (a Python float), for how far any zombie could see a student: asked
        # at every decision with sleepers (``Horde._wake_reach``; ``max`` cost ~3 us a call).
        self.keenest_sight = float(self.sight_mult.max())

    @classmethod
    def from_level(cls, spec) -> BreedTable:
        """The table of a level's own breeds (``LevelSpec.breeds``); the built-ins when it has none."""
        return cls(breeds_from_specs(spec.breeds) if spec.breeds else None)

    def index(self, breed_id: str) -> int:
        """The column index of a breed id; KeyError names the known ones."""
        try:
            return self.ids.index(breed_id)
        except ValueError:
            raise KeyError(f"unknown breed {breed_id!r}; known: {', '.join(self.ids)}") from None
