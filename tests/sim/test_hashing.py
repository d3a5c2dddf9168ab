"""The state hash's bytes: ``hash_arrays`` must give the digest every recorded replay holds."""

from __future__ import annotations

import hashlib

import numpy as np

from hyosan.sim.hashing import hash_arrays


def _piece_by_piece(named) -> str:
    """The digest as replays up to 0.37.0 were recorded with: one update per piece."""
    h = hashlib.blake2b(digest_size=16)
    for name, value in named:
        arr = np.ascontiguousarray(np.asarray(value))
        h.update(name.encode())
        h.update(str(arr.dtype).encode())
        h.update(np.asarray(arr.shape, dtype=np.int64).tobytes())
        h.update(arr.tobytes())
    return h.hexdigest()


def _cases() -> list[tuple[str, object]]:
    rng = np.random.default_rng(7)
    return [
        ("tick", np.int64(4321)), ("lead", 2), ("float", 2.5), ("nan", np.float64(np.nan)),
        ("pos", rng.random((250, 2)) * 1000.0), ("columns", rng.random((3, 8))[:, ::2]),
        ("transposed", rng.random((4, 3)).T), ("empty", np.zeros((0, 4))), ("flat-empty", np.zeros((2, 0, 3), np.int16)),
        ("alive", rng.random(9) < 0.5), ("rng", np.array([2**64 - 1, 3], dtype=np.uint64)),
        ("f32", rng.random(5).astype(np.float32)), ("i8", np.array([-1, 2], dtype=np.int8)),
    ]


def test_one_update_gives_the_recorded_digest_for_every_kind_of_array():
    cases = _cases()
    assert hash_arrays(cases) == _piece_by_piece(cases)
    for case in cases:  # each alone too: a shape or dtype written differently shows up here
        assert hash_arrays([case]) == _piece_by_piece([case]), case[0]


def test_a_pinned_digest():
    # (the digest the piece-by-piece hash gave at 0.37.0: a change to the bytes hashed moves it)
    named = [("tick", np.int64(60)), ("pos", np.array([[1.5, -2.0]]))]
    assert hash_arrays(named) == _piece_by_piece(named) == "8b5ad30f23d0b8fa594db62bb1e97a6b"
    assert hash_arrays([("a", np.int64(1))]) != hash_arrays([("a", np.int32(1))])  # the dtype is hashed
    assert hash_arrays([("a", np.zeros((2, 3)))]) != hash_arrays([("a", np.zeros((3, 2)))])  # and the shape


def test_the_world_s_state_bytes_are_what_its_hash_digests() -> None:
    from hyosan.sim.world import World
    from tests.helpers import sandbox

    world = World.from_spec(sandbox(), 3)
    before = world.state_bytes()
    assert hashlib.blake2b(before, digest_size=16).hexdigest() == world.state_hash()
    world.students[0].health -= 1.0  # what a bot that heals or hurts would do
    assert world.state_bytes() != before
