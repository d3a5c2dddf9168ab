"""Structure-of-arrays zombie store: live rows packed at the front, swap-removed on death."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

# Behaviour states (uint8).
IDLE: int = 0
WANDER: int = 1
INVESTIGATE: int = 2
CHASE: int = 3
ATTACK: int = 4
FEED: int = 5

# name -> (per-row shape suffix, dtype); every field is a (capacity, *suffix) array.
FIELDS: dict[str, tuple[tuple[int, ...], type]] = {
    "pos": ((2,), np.float64),  # px, world position (mirrors the pymunk body)
    "prev_pos": ((2,), np.float64),  # px, position at the previous tick (render interpolation)
    "vel": ((2,), np.float64),  # px/s
    "facing": ((2,), np.float64),  # unit (x, y)
    "state": ((), np.uint8),  # IDLE..FEED
    "hp": ((), np.float32),  # hit points
    "breed": ((), np.int16),  # index into BreedTable
    "timer": ((), np.int32),  # ticks left in the current state (search, feed, ...)
    "attack_cooldown": ((), np.int32),  # ticks until the next bite
    "memory_pos": ((2,), np.float64),  # px, last place prey was heard or seen
    "memory_ttl": ((), np.int32),  # ticks the memory stays valid
    "target": ((), np.int32),  # target index (student), -1 = none
    "uid": ((), np.int64),  # monotonic id, never reused
}


class ApplyResult(NamedTuple):
    """What apply_pending changed, for callers that keep parallel per-row arrays."""

    spawned: NDArray[np.int64]  # uids of new rows
    killed: NDArray[np.int64]  # uids of removed rows
    moved_from: NDArray[np.intp]  # old row index of each surviving row that moved ...
    moved_to: NDArray[np.intp]  # ... and its new row index (apply: a[to] = a[from])
    spawned_index: NDArray[np.intp]  # row index of each spawned uid


class ZombieStore:
    """Preallocated structure of arrays; the first `n` rows are the live zombies.

    Spawns and kills are queued during a tick and applied together by apply_pending at the
    end of it: kills first (deduplicated, descending index, swap-remove with the last live
    row), then spawns appended at the end. Row indices are only stable between applies;
    use `uid` to follow one zombie across ticks.
    """

    pos: NDArray[np.float64]
    prev_pos: NDArray[np.float64]
    vel: NDArray[np.float64]
    facing: NDArray[np.float64]
    state: NDArray[np.uint8]
    hp: NDArray[np.float32]
    breed: NDArray[np.int16]
    timer: NDArray[np.int32]
    attack_cooldown: NDArray[np.int32]
    memory_pos: NDArray[np.float64]
    memory_ttl: NDArray[np.int32]
    target: NDArray[np.int32]
    uid: NDArray[np.int64]

    def __init__(self, capacity: int, breed_health: NDArray[np.floating] | None = None) -> None:
        if capacity < 0:
            raise ValueError(f"capacity must be >= 0, got {capacity}")
        self.capacity: int = int(capacity)
        self.n: int = 0
        self.next_uid: int = 0
        # hp at spawn per breed index (e.g. BreedTable.health); None = hp must be given.
        self.breed_health = None if breed_health is None else np.asarray(breed_health, dtype=np.float32)
        for name, (suffix, dtype) in FIELDS.items():
            setattr(self, name, np.zeros((self.capacity, *suffix), dtype=dtype))
        self._spawn_pos: list[NDArray[np.float64]] = []
        self._spawn_breed: list[NDArray[np.int16]] = []
        self._spawn_state: list[NDArray[np.uint8]] = []
        self._spawn_hp: list[NDArray[np.float32]] = []
        self._spawn_uid: list[NDArray[np.int64]] = []
        self._n_spawn: int = 0
        self._kills: list[int] = []
        self._kill_set: set[int] = set()  # membership only; never iterated

    def view(self, name: str) -> NDArray:
        """The live rows [0, n) of a field (a view: writes go to the store)."""
        if name not in FIELDS:
            raise KeyError(f"unknown field {name!r}; fields: {sorted(FIELDS)}")
        return getattr(self, name)[: self.n]

    def request_spawn(
        self,
        pos: NDArray[np.floating] | tuple[float, float],
        breed: int | NDArray[np.integer],
        state: int | NDArray[np.integer] = WANDER,
        hp: float | NDArray[np.floating] | None = None,
    ) -> NDArray[np.int64]:
        """Queue zombies at pos (2,) or (k, 2) px; returns the uids they will get."""
        p = np.asarray(pos, dtype=np.float64).reshape(-1, 2)
        k = p.shape[0]
        b = np.broadcast_to(np.asarray(breed, dtype=np.int16), (k,)).copy()
        s = np.broadcast_to(np.asarray(state, dtype=np.uint8), (k,)).copy()
        if hp is None:
            if self.breed_health is None:
                raise ValueError("hp is required when the store has no breed_health table")
            h = self.breed_health[b]
        else:
            h = np.broadcast_to(np.asarray(hp, dtype=np.float32), (k,)).copy()
        after = self.n - len(self._kills) + self._n_spawn + k
        if after > self.capacity:
            raise ValueError(
                f"ZombieStore capacity {self.capacity} exceeded: {self.n} live, "
                f"{len(self._kills)} kills and {self._n_spawn} spawns pending, {k} more requested"
            )
        uids = np.arange(self.next_uid, self.next_uid + k, dtype=np.int64)
        self.next_uid += k
        self._spawn_pos.append(p)
        self._spawn_breed.append(b)
        self._spawn_state.append(s)
        self._spawn_hp.append(h.astype(np.float32))
        self._spawn_uid.append(uids)
        self._n_spawn += k
        return uids

    def request_kill(self, index: int) -> None:
        """Queue the live row `index` (as of this tick) for removal; repeats are ignored."""
        index = int(index)
        if not 0 <= index < self.n:
            raise IndexError(f"kill index {index} out of range for {self.n} live zombies")
        if index not in self._kill_set:
            self._kill_set.add(index)
            self._kills.append(index)

    def apply_pending(self) -> ApplyResult:
        """Apply queued kills (swap-remove, descending index) then spawns; report changes."""
        kills = np.array(sorted(self._kills, reverse=True), dtype=np.intp)
        killed = self.uid[kills].copy()
        # Simulate the swap-removes on indices only (O(kills) integer work), then move each
        # surviving row once: content[p] = original row now sitting at position p.
        content: dict[int, int] = {}
        n = self.n
        for k in kills.tolist():
            last = n - 1
            if k != last:
                content[k] = content.get(last, last)
            content.pop(last, None)
            n -= 1
        to = np.array(sorted(p for p in content if content[p] != p), dtype=np.intp)
        frm = np.array([content[p] for p in to.tolist()], dtype=np.intp)
        if to.size:
            for name in FIELDS:
                arr = getattr(self, name)
                arr[to] = arr[frm]
        self.n = n
        # Spawns.
        k = self._n_spawn
        spawned = np.zeros(0, dtype=np.int64)
        spawned_index = np.arange(n, n + k, dtype=np.intp)
        if k:
            p = np.concatenate(self._spawn_pos)
            sl = slice(n, n + k)
            self.pos[sl] = p
            self.prev_pos[sl] = p
            self.vel[sl] = 0.0
            self.facing[sl] = (1.0, 0.0)
            self.state[sl] = np.concatenate(self._spawn_state)
            self.hp[sl] = np.concatenate(self._spawn_hp)
            self.breed[sl] = np.concatenate(self._spawn_breed)
            self.timer[sl] = 0
            self.attack_cooldown[sl] = 0
            self.memory_pos[sl] = p
            self.memory_ttl[sl] = 0
            self.target[sl] = -1
            spawned = np.concatenate(self._spawn_uid)
            self.uid[sl] = spawned
            self.n = n + k
        self._spawn_pos.clear()
        self._spawn_breed.clear()
        self._spawn_state.clear()
        self._spawn_hp.clear()
        self._spawn_uid.clear()
        self._n_spawn = 0
        self._kills.clear()
        self._kill_set.clear()
        return ApplyResult(spawned, killed, frm, to, spawned_index)
