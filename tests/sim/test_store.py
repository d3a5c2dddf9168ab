"""ZombieStore packing, swap-remove and uids; BreedTable defaults."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hyosan.sim.horde.breeds import DEFAULT_BREEDS, Breed, BreedTable
from hyosan.sim.horde.store import CHASE, FIELDS, WANDER, ZombieStore


def test_breed_table_defaults() -> None:
    bt = BreedTable()
    w, r, b, h = (bt.index(x) for x in ("walker", "runner", "brute", "halfbie"))
    assert (bt.speed_wander[w], bt.speed_investigate[w], bt.speed_chase[w]) == (40, 90, 150)
    assert bt.speed_chase[r] == 165 and bt.health[r] < bt.health[w]
    assert (bt.speed_wander[b], bt.speed_investigate[b], bt.speed_chase[b]) == (30, 70, 120)
    assert bt.health[b] == 3 * bt.health[w] and bt.push_force[b] == 2 * bt.push_force[w]
    assert bt.speed_chase[h] == 210 and bt.health[h] == 12 * bt.health[w]
    assert bt.ignores_lures[h] and not bt.ignores_lures[w]
    assert bt.knockback_resist[h] == 1.0
    assert len(bt) == 4
    with pytest.raises(KeyError):
        bt.index("ghost")


def test_breed_table_from_dicts_and_duplicates() -> None:
    rows = [dict(vars(DEFAULT_BREEDS[0])), dict(vars(DEFAULT_BREEDS[0]), id="walker2", health=5.0)]
    bt = BreedTable(rows)
    assert bt.health.tolist() == [100.0, 5.0]
    assert isinstance(bt.breeds[1], Breed)
    with pytest.raises(ValueError):
        BreedTable([DEFAULT_BREEDS[0], DEFAULT_BREEDS[0]])


def make_store(cap: int = 8) -> ZombieStore:
    return ZombieStore(cap, breed_health=BreedTable().health)


def test_spawn_fills_defaults_and_view() -> None:
    s = make_store()
    uids = s.request_spawn(np.array([[1.0, 2.0], [3.0, 4.0]]), breed=2, state=CHASE)
    assert s.n == 0
    res = s.apply_pending()
    assert res.spawned.tolist() == uids.tolist() == [0, 1]
    assert res.spawned_index.tolist() == [0, 1]
    assert s.n == 2
    assert s.view("pos").tolist() == [[1.0, 2.0], [3.0, 4.0]]
    assert s.view("hp").tolist() == [300.0, 300.0]
    assert (s.view("state") == CHASE).all() and (s.view("target") == -1).all()
    assert np.array_equal(s.view("prev_pos"), s.view("pos"))
    s.view("vel")[:] = 5.0  # views write through
    assert s.vel[:2].tolist() == [[5.0, 5.0], [5.0, 5.0]]
    with pytest.raises(KeyError):
        s.view("nope")


def test_swap_remove_keeps_packing_and_uids() -> None:
    s = make_store(10)
    s.request_spawn(np.arange(20, dtype=float).reshape(10, 2), breed=0)
    s.apply_pending()
    for i in (8, 2, 7, 2):  # duplicate kill ignored
        s.request_kill(i)
    res = s.apply_pending()
    assert sorted(res.killed.tolist()) == [2, 7, 8]
    assert s.n == 7
    live = s.view("uid").tolist()
    assert sorted(live) == [0, 1, 3, 4, 5, 6, 9]
    # Every row's data still belongs to its uid.
    assert np.array_equal(s.view("pos")[:, 0], 2.0 * s.view("uid"))
    # Descending swap-remove: kill 8 <- 9, kill 7 <- 9 (now at 8), kill 2 <- 9 (now at 7).
    assert live == [0, 1, 9, 3, 4, 5, 6]
    assert dict(zip(res.moved_from.tolist(), res.moved_to.tolist())) == {9: 2}


def test_kill_and_spawn_same_tick_and_uids_never_reused() -> None:
    s = make_store(3)
    s.request_spawn(np.zeros((3, 2)), breed=0)
    s.apply_pending()
    with pytest.raises(ValueError, match="capacity"):
        s.request_spawn((0.0, 0.0), breed=0)
    s.request_kill(0)
    new = s.request_spawn((5.0, 5.0), breed=1)  # fits: the kill is applied first
    res = s.apply_pending()
    assert res.killed.tolist() == [0] and res.spawned.tolist() == new.tolist() == [3]
    assert s.n == 3
    assert sorted(s.view("uid").tolist()) == [1, 2, 3]
    assert res.spawned_index.tolist() == [2]
    with pytest.raises(IndexError):
        s.request_kill(3)


def test_hp_required_without_breed_table() -> None:
    s = ZombieStore(4)
    with pytest.raises(ValueError):
        s.request_spawn((0.0, 0.0), breed=0)
    s.request_spawn((0.0, 0.0), breed=0, hp=42.0, state=WANDER)
    s.apply_pending()
    assert s.view("hp").tolist() == [42.0]


ops = st.lists(
    st.one_of(
        st.tuples(st.just("spawn"), st.integers(1, 4)),
        st.tuples(st.just("kill"), st.integers(0, 40)),
        st.tuples(st.just("apply"), st.just(0)),
    ),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(ops)
def test_random_sequence_matches_list_model(seq: list[tuple[str, int]]) -> None:
    cap = 16
    s = make_store(cap)
    model: list[int] = []  # live uids in row order
    pending_kill: list[int] = []
    pending_spawn: list[int] = []
    mirror = np.full(cap, -1, dtype=np.int64)  # a caller's parallel array (e.g. body rows)
    for op, arg in seq + [("apply", 0)]:
        if op == "spawn":
            room = cap - len(model) + len(set(pending_kill)) - len(pending_spawn)
            if arg > room:
                with pytest.raises(ValueError):
                    s.request_spawn(np.zeros((arg, 2)), breed=0)
                continue
            pending_spawn += s.request_spawn(np.zeros((arg, 2)), breed=0).tolist()
        elif op == "kill":
            if not model:
                continue
            idx = arg % len(model)
            s.request_kill(idx)
            pending_kill.append(idx)
        else:
            res = s.apply_pending()
            for idx in sorted(set(pending_kill), reverse=True):  # reference swap-remove
                model[idx] = model[-1]
                model.pop()
            mirror[res.moved_to] = mirror[res.moved_from]
            model += pending_spawn
            mirror[res.spawned_index] = res.spawned
            pending_kill.clear()
            pending_spawn.clear()
            assert s.view("uid").tolist() == model
            assert mirror[: s.n].tolist() == model
            assert len(set(model)) == len(model)
    assert s.n == len(model)
    assert set(FIELDS) >= {"pos", "uid", "memory_ttl"}
