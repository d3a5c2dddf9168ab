"""Zombie breed table: per-breed constants as numpy columns indexed by breed index."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class Breed:
    """One breed's constants (DOOM mobjinfo style: one row per kind of monster)."""

    id: str  # stable name used by level files, e.g. "walker"
    speed_wander: float  # px/s while idle/wandering
    speed_investigate: float  # px/s walking to a heard/remembered noise
    speed_chase: float  # px/s while it sees prey
    health: float  # hit points at spawn (walker = 100)
    radius: float  # px, collision circle (also the separation size)
    mass: float  # pymunk mass units; sets how hard the crowd shoves props
    push_force: float  # force (mass*px/s^2) it applies to a blocking prop, before crowd bonus
    sight_mult: float  # multiplies the light-based sight range of targets
    hearing_mult: float  # multiplies the loudness of sounds it hears
    ignores_lures: bool  # True: never investigates lure sounds (phones, alarms, PA)
    knockback_resist: float  # 0 = full knockback from melee/shoves, 1 = immune


# Defaults from GAME.md "The horde". Tune by playtest; write down why when changing one.
DEFAULT_BREEDS: tuple[Breed, ...] = (
    # The standard fast horde: 40 / 90 / 150 px/s; a sprinting student (165) only just escapes.
    Breed("walker", 40.0, 90.0, 150.0, 100.0, 7.0, 1.0, 600.0, 1.0, 1.0, False, 0.0),
    # Slightly faster chase (165 = a student's sprint), less health.
    Breed("runner", 45.0, 100.0, 165.0, 70.0, 7.0, 0.9, 550.0, 1.0, 1.0, False, 0.0),
    # Slow 30 / 70 / 120, 3x health, 2x push; bigger and heavier, shrugs off some knockback.
    Breed("brute", 30.0, 70.0, 120.0, 300.0, 9.0, 2.0, 1200.0, 0.9, 1.0, False, 0.5),
    # Gwi-nam the halfbie: 210 chase, 12x health, ignores every lure, immune to shoves.
    Breed("halfbie", 60.0, 120.0, 210.0, 1200.0, 7.0, 1.5, 1500.0, 1.25, 1.5, True, 1.0),
)


class BreedTable:
    """Breeds as numpy columns (one entry per breed index) for per-agent gathers."""

    def __init__(self, breeds: Sequence[Breed | Mapping[str, object]] = DEFAULT_BREEDS) -> None:
        rows = [b if isinstance(b, Breed) else Breed(**b) for b in breeds]  # type: ignore[arg-type]
        if not rows:
            raise ValueError("BreedTable needs at least one breed")
        ids = [b.id for b in rows]
        if len(set(ids)) != len(ids):
            raise ValueError(f"duplicate breed ids: {ids}")
        self.breeds: tuple[Breed, ...] = tuple(rows)
        self.ids: tuple[str, ...] = tuple(ids)
        self._index = {bid: i for i, bid in enumerate(ids)}
        cols = {f.name: [asdict(b)[f.name] for b in rows] for f in fields(Breed) if f.name != "id"}
        self.speed_wander: NDArray[np.float64] = np.array(cols["speed_wander"], dtype=np.float64)
        self.speed_investigate: NDArray[np.float64] = np.array(cols["speed_investigate"], dtype=np.float64)
        self.speed_chase: NDArray[np.float64] = np.array(cols["speed_chase"], dtype=np.float64)
        self.health: NDArray[np.float32] = np.array(cols["health"], dtype=np.float32)
        self.radius: NDArray[np.float64] = np.array(cols["radius"], dtype=np.float64)
        self.mass: NDArray[np.float64] = np.array(cols["mass"], dtype=np.float64)
        self.push_force: NDArray[np.float64] = np.array(cols["push_force"], dtype=np.float64)
        self.sight_mult: NDArray[np.float32] = np.array(cols["sight_mult"], dtype=np.float32)
        self.hearing_mult: NDArray[np.float32] = np.array(cols["hearing_mult"], dtype=np.float32)
        self.ignores_lures: NDArray[np.bool_] = np.array(cols["ignores_lures"], dtype=bool)
        self.knockback_resist: NDArray[np.float32] = np.array(cols["knockback_resist"], dtype=np.float32)
        for arr in vars(self).values():
            if isinstance(arr, np.ndarray):
                arr.setflags(write=False)

    def __len__(self) -> int:
        return len(self.breeds)

    def index(self, breed_id: str) -> int:
        """Breed index for an id such as "walker"; KeyError if unknown."""
        return self._index[breed_id]
