"""The simulation's own random stream, seeded from the level's bytes and the run's seed.

Cosmetic randomness (particles, shake) must use another stream, never this one, so that what
is drawn can never change what happens (DOOM's P_Random vs M_Random).
"""

from __future__ import annotations

import hashlib

import numpy as np


def make_sim_rng(content_hash: str, seed: int) -> np.random.Generator:
    """A PCG64 generator keyed by (level content hash, seed): same inputs, same stream."""
    digest = hashlib.sha256(f"{content_hash}:{int(seed)}".encode()).digest()
    return np.random.Generator(np.random.PCG64(int.from_bytes(digest[:16], "little")))
