"""State hashing: one digest over the world's arrays in a fixed order."""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable

import numpy as np

# str(dtype) -> its encoded name: numpy works the name out in Python each time (~5 us), and a
# state hash names ~35 arrays of a handful of dtypes. (The playtest runner hashes the world twice
# a second to check that a bot left it alone: that was ~5% of a run.)
_DTYPE_NAMES: dict[np.dtype, bytes] = {}


def state_bytes(named: Iterable[tuple[str, np.ndarray | int | float]]) -> bytes:
    """The bytes ``hash_arrays`` digests: per ``(name, array)`` pair in the given order, the
    name, the dtype's name, the shape as native int64s and the array's bytes in C order (a
    scalar counts as shape (1,)). Two states are the same exactly when these bytes are."""
    parts: list[bytes | memoryview] = []
    names = _DTYPE_NAMES
    for name, value in named:
        arr = np.ascontiguousarray(np.asarray(value))  # (ndim >= 1: a scalar becomes shape (1,))
        dtype_name = names.get(arr.dtype)
        if dtype_name is None:
            dtype_name = names[arr.dtype] = str(arr.dtype).encode()
        shape = arr.shape
        parts += (name.encode(), dtype_name, struct.pack(f"={len(shape)}q", *shape), arr.data)  # (C-contiguous: its raw bytes)
    return b"".join(parts)


def hash_arrays(named: Iterable[tuple[str, np.ndarray | int | float]]) -> str:
    """blake2b over ``(name, array)`` pairs in the given order; dtype and shape included: the
    digest of ``state_bytes`` in one update, the same digest as one update per piece."""
    return hashlib.blake2b(state_bytes(named), digest_size=16).hexdigest()
