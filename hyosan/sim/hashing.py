"""State hashing: one digest over the world's arrays in a fixed order."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import numpy as np


def hash_arrays(named: Iterable[tuple[str, np.ndarray | int | float]]) -> str:
    """blake2b over ``(name, array)`` pairs in the given order; dtype and shape included."""
    h = hashlib.blake2b(digest_size=16)
    for name, value in named:
        arr = np.ascontiguousarray(np.asarray(value))
        h.update(name.encode())
        h.update(str(arr.dtype).encode())
        h.update(np.asarray(arr.shape, dtype=np.int64).tobytes())
        h.update(arr.tobytes())
    return h.hexdigest()
