"""The horde's fast paths give exactly (bit for bit) what the plain numpy they replace gives."""

from __future__ import annotations

import numpy as np

from hyosan.sim.horde.horde import _floor_div
from hyosan.sim.horde.spatial_hash import CellList


def _reference_pairs(pos: np.ndarray, cell: float, radius: float) -> tuple[np.ndarray, np.ndarray]:
    """pairs_within as it was written before the fast paths: fresh stable argsort, repeat
    expansion, (stencil row, sorted slot, slot in cell) order."""
    cl = CellList(cell, 400.0, 300.0)
    cx, cy = cl._cell_xy(pos)
    key = (cy + 1) * cl.pcols + (cx + 1)
    order = np.argsort(key, kind="stable")
    sk = key[order]
    starts = np.concatenate([[0], np.cumsum(np.bincount(key, minlength=cl.n_pcells))])
    n = pos.shape[0]
    st = np.empty((5, n), dtype=np.intp)
    ct = np.empty((5, n), dtype=np.intp)
    st[0] = np.arange(1, n + 1)
    ct[0] = starts[sk + 1] - st[0]
    for s, (dx, dy) in enumerate(((1, 0), (-1, 1), (0, 1), (1, 1)), start=1):
        nk = sk + dy * cl.pcols + dx
        st[s] = starts[nk]
        ct[s] = starts[nk + 1] - st[s]
    ctf = ct.ravel()
    si = np.repeat(np.arange(5 * n) % n, ctf)
    first = np.cumsum(ctf) - ctf
    other = np.arange(int(ctf.sum())) + np.repeat(st.ravel() - first, ctf)
    p = pos[order]
    d = p[si] - p[other]
    keep = (d[:, 0] * d[:, 0] + d[:, 1] * d[:, 1]) <= radius * radius
    a, b = order[si[keep]], order[other[keep]]
    return np.minimum(a, b), np.maximum(a, b)


def test_pairs_keep_the_reference_order_through_reused_sorts() -> None:
    rng = np.random.default_rng(7)
    for cell, n in ((9.5, 600), (24.0, 400), (9.5, 5)):  # few per cell (layered) and many (repeat)
        cl = CellList(cell, 400.0, 300.0)
        pos = rng.uniform((-10.0, -10.0), (410.0, 310.0), size=(n, 2))
        for _ in range(4):  # moved a little, then reshuffled rows: the last order is only a hint
            cl.rebuild(pos)
            i, j, dx, dy = cl.pair_offsets(cell)
            ri, rj = _reference_pairs(pos, cell, cell)
            assert np.array_equal(i, ri) and np.array_equal(j, rj)
            assert np.array_equal(cl.order, np.argsort(cl.cell_of, kind="stable"))
            d = pos[i] - pos[j]
            assert np.array_equal(dx, d[:, 0]) and np.array_equal(dy, d[:, 1])
            pos = pos + rng.normal(0.0, 1.5, size=pos.shape)
            if _ % 2:
                pos = pos[rng.permutation(n)]


def test_floor_div_matches_numpy() -> None:
    rng = np.random.default_rng(3)
    for d in (16, 16.0, 24.0, 9.5):
        k = np.arange(-60, 400) * float(d)
        x = np.concatenate([rng.uniform(-500.0, 5000.0, 20000), k, np.nextafter(k, -np.inf),
                            np.nextafter(k, np.inf), [0.0, -0.0]])
        x = x[(x == 0.0) | (np.abs(x) >= np.finfo(np.float64).tiny)]  # subnormals are out of scope
        assert np.array_equal(_floor_div(x, d).astype(np.int64), (x // d).astype(np.int64))


def test_all_pairs_separation_finds_the_cell_lists_pairs() -> None:
    """For a few awake zombies separation's candidates come from every pair at once: the same
    pairs as the cell list's, in row-major order, up to SEPARATION_ALL_PAIRS_MAX zombies (a
    clump, a loose group and a pair exactly the candidate radius apart)."""
    from hyosan.sim.horde.horde import SEPARATION_ALL_PAIRS_MAX, SEPARATION_PX, SEPARATION_SKIN_PX
    from hyosan.sim.horde.kernels import close_pairs

    rng = np.random.default_rng(7)
    radius = SEPARATION_PX + SEPARATION_SKIN_PX
    cells = CellList(radius, 2560, 1440)
    edge = np.array([[100.0, 100.0], [100.0 + radius, 100.0]])
    for pos in (rng.uniform(300, 360, (40, 2)), rng.uniform(0, 900, (SEPARATION_ALL_PAIRS_MAX, 2)), edge):
        cells.rebuild(pos)
        want = sorted(zip(*(v.tolist() for v in cells.pairs_within(radius)), strict=True))
        got = list(zip(*(v.tolist() for v in close_pairs(pos, radius)), strict=True))
        assert got == sorted(got) and got == want and len(want) > 0  # row-major order, same pairs


def test_the_verlet_list_finds_every_close_pair_on_every_tick(monkeypatch) -> None:
    """Separation re-measures the pair candidates found at the last decision instead of
    searching afresh each tick: on every tick of a horde rushing a barricade and packing
    against it, the pairs it pushes apart are exactly those a fresh search finds, while the
    list is re-measured on ticks between decisions and found afresh when a zombie outran the
    skin (blows that throw the pile's front at 1200 px/s) or rows moved."""
    import hyosan.sim.horde.horde as horde_module
    from hyosan.benchmarks.horde import _press
    from hyosan.benchmarks.scenarios import packed_level
    from hyosan.sim.commands import EMPTY_INPUT
    from hyosan.sim.horde import kernels
    from hyosan.sim.horde.horde import DECIDE_TICKS, SEPARATION_PX, Horde
    from hyosan.sim.world import World

    ticks = {"checked": 0, "reused": 0, "early": 0}
    separation, find = horde_module.steer_and_separate, Horde._find_candidates
    host: list[Horde] = []

    def found(self, pos):
        if self._tick % DECIDE_TICKS:
            ticks["early"] += 1
        find(self, pos)

    def checked(vel, sep, desired, limit, pos, cand_i, cand_j, *rest):
        self = host[0]
        assert cand_i is self._cand_i and cand_j is self._cand_j
        fresh = CellList(SEPARATION_PX, 1280, 720)
        fresh.rebuild(pos)
        want = set(zip(*(v.tolist() for v in fresh.pairs_within(SEPARATION_PX)), strict=True))
        z = pos[:, 0] + 1j * pos[:, 1]
        d = np.abs(z[self._cand_i] - z[self._cand_j])
        got = {(i, j) for i, j, di in zip(self._cand_i.tolist(), self._cand_j.tolist(), d.tolist(), strict=True)
               if di <= SEPARATION_PX}
        assert got == want and len(want) > 0, self._tick
        ticks["checked"] += 1
        ticks["reused"] += self._tick % DECIDE_TICKS != 0
        separation(vel, sep, desired, limit, pos, cand_i, cand_j, *rest)

    def gather_then_checked(body_pos, body_vel, idx, prev, pos, vel, cooldown, then, skin, fresh, sep, desired,
                            limit, cand_i, cand_j, *rest):
        """``kernels.gather_and_steer`` (a tick between decisions in one call), its steering checked."""
        if kernels.gather_awake(body_pos, body_vel, idx, prev, pos, vel, cooldown, then, skin) or not fresh:
            return False
        na = idx.shape[0]
        checked(vel[:na], sep[:na], desired[:na], limit[:na], pos[:na], cand_i, cand_j, *rest[:-1], rest[-1][:na])
        return True

    monkeypatch.setattr(Horde, "_find_candidates", found)
    monkeypatch.setattr(horde_module, "steer_and_separate", checked)
    monkeypatch.setattr(horde_module, "gather_and_steer", gather_then_checked)
    world = World.from_spec(packed_level(300), 0)
    host.append(world.horde)
    for t in range(360):
        _press(world, t)
        if t % 40 == 20:  # the pile's front thrown back at 1200 px/s (a car's blow): pairs meet faster than the skin
            front = np.argsort(world.horde.pos[:, 0])[-40:]
            x, y = world.horde.pos[front].mean(axis=0)
            world.horde.knock(front, float(x) + 20.0, float(y), 1200.0, 12)
        world.step(EMPTY_INPUT)
    assert ticks["checked"] == 360
    assert ticks["early"] >= 10  # outran the skin (or rows moved) between decisions
    assert ticks["reused"] - ticks["early"] >= 50  # (75 of the 240 here)
