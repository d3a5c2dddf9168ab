"""The simulation's own random stream, seeded from what the level simulates and the run's seed.

Cosmetic randomness (particles, shake) must use another stream, never this one, so that what
is drawn can never change what happens (DOOM's P_Random vs M_Random).
"""

from __future__ import annotations

import dataclasses
import hashlib

import numpy as np


def sim_key(spec) -> str:
    """What a level's random stream is keyed by: a digest of what it simulates, so its words
    and its scoring alone move no run. Keyed by the file's bytes, a comment, a briefing's typo
    or a place's name on the plan reshuffled every playtest of the level (and its solver's
    proofs). Left out: the title, briefing, ``[[labels]]``, music, each objective's text, a
    sound's caption and countdown (drawn or played, never simulated), and the par time and
    star rules (read only to rate a run once it has ended); comments never reach the spec. A
    replay still names the file's own content hash, and is refused for any other bytes.
    ``repr`` of the frozen spec (tuples, strings, floats and ints: no sets, no addresses) is
    the same in every process, whatever PYTHONHASHSEED."""
    endless = spec.endless if spec.endless is None else dataclasses.replace(spec.endless, star_seconds=())
    simulated = dataclasses.replace(
        spec, title="", briefing="", labels=(), music="", source="", content_hash="", par_seconds=0.0,
        stars=dataclasses.replace(spec.stars, two_star_survivors=0, three_star_seconds=None), endless=endless,
        objectives=tuple(dataclasses.replace(o, text="") for o in spec.objectives),
        sounds=tuple(dataclasses.replace(s, caption="", countdown=False) for s in spec.sounds))
    return hashlib.sha256(repr(simulated).encode()).hexdigest()


def make_sim_rng(key: str, seed: int) -> np.random.Generator:
    """A PCG64 generator keyed by (the level's ``sim_key``, seed): same inputs, same stream."""
    digest = hashlib.sha256(f"{key}:{int(seed)}".encode()).digest()
    return np.random.Generator(np.random.PCG64(int.from_bytes(digest[:16], "little")))
