"""The horde's compiled kernels give, bit for bit, what the numpy they replaced gave (replays
recorded before them must still verify)."""

from __future__ import annotations

import numpy as np

from hyosan.sim.horde.horde import SEPARATION_GAIN, SEPARATION_MAX, SEPARATION_PX
from hyosan.sim.horde.kernels import (
    any_in_box,
    close_pairs,
    follow_field,
    follow_fields,
    gather_awake,
    goal_groups,
    moved_farther_than,
    notice,
    push_within_box,
    push_within_into,
    put_back,
    rows_below,
    rows_on_tiles,
    squad_bites_into,
    steer_and_separate,
    tile_flat_into,
    touching,
)
from hyosan.sim.horde.states import ATTACK, CHASE, FEED, IDLE, INVESTIGATE, WANDER


def _numpy_velocities(vel, sep, desired, limit, pos, ci, cj):
    """The numpy ``think`` tail and ``_separation`` as they were before the kernel."""
    n = pos.shape[0]
    own = vel - sep
    dv = desired - own
    size = np.hypot(dv[:, 0], dv[:, 1])
    scale = np.where(size > limit, limit / np.maximum(size, 1e-9), 1.0)
    offset = pos[ci] - pos[cj]
    close = (offset[:, 0] ** 2 + offset[:, 1] ** 2 <= SEPARATION_PX * SEPARATION_PX).nonzero()[0]
    i, j, (dx, dy) = ci[close], cj[close], offset[close].T
    dist = np.hypot(dx, dy)
    mag = (SEPARATION_PX - dist) * SEPARATION_GAIN
    reach = np.maximum(dist, 1e-6)
    px, py = dx / reach * mag, dy / reach * mag
    px[dist <= 1e-6], py[dist <= 1e-6] = mag[dist <= 1e-6], 0.0
    ox = np.bincount(i, weights=px, minlength=n) - np.bincount(j, weights=px, minlength=n)
    oy = np.bincount(i, weights=py, minlength=n) - np.bincount(j, weights=py, minlength=n)
    shrink = SEPARATION_MAX / np.maximum(np.hypot(ox, oy), SEPARATION_MAX)
    new_sep = np.stack([ox * shrink, oy * shrink], axis=1)
    new_vel = dv * scale[:, None]
    new_vel += own
    new_vel += new_sep
    return new_vel, new_sep


def test_velocities_match_the_numpy_bit_for_bit() -> None:
    """A packed clump (pushes over the cap), a coincident pair (the +x nudge), zombies that
    accelerate under and over their limit, and one standing alone."""
    rng = np.random.default_rng(11)
    for n in (1, 2, 40, 300):
        pos = rng.uniform(100.0, 100.0 + 4.0 * n ** 0.5 * 3, size=(n, 2))
        if n >= 2:
            pos[1] = pos[0]  # coincident
        vel = rng.normal(0.0, 60.0, size=(n, 2))
        sep = rng.normal(0.0, 20.0, size=(n, 2))
        desired = rng.normal(0.0, 90.0, size=(n, 2))
        limit = rng.choice([0.0, 2.0, 8.7, 1e6], size=n)
        ci, cj = close_pairs(pos, SEPARATION_PX + 14.0)
        want_vel, want_sep = _numpy_velocities(vel, sep, desired, limit, pos, ci, cj)
        got_vel, got_sep = np.empty((n, 2)), sep.copy()
        steer_and_separate(vel, got_sep, desired, limit, pos, ci, cj, SEPARATION_PX, SEPARATION_GAIN,
                           SEPARATION_MAX, got_vel)
        assert np.array_equal(got_vel.view(np.int64), want_vel.view(np.int64)), n  # the bits, signed zeros too
        assert np.array_equal(got_sep.view(np.int64), want_sep.view(np.int64)), n
        if n == 300:
            assert (np.hypot(*want_sep.T) >= SEPARATION_MAX - 1e-9).any()  # the cap was reached


def test_close_pairs_and_the_skin_test() -> None:
    rng = np.random.default_rng(5)
    pos = rng.uniform(0.0, 200.0, size=(90, 2))
    i, j = close_pairs(pos, 23.5)
    d = np.hypot(*(pos[:, None, :] - pos[None, :, :]).transpose(2, 0, 1))
    want = np.argwhere(np.triu(d <= 23.5, 1))  # row-major (i, j), i < j
    assert np.array_equal(np.stack([i, j], axis=1), want) and len(want) > 0
    assert close_pairs(pos[:1], 23.5)[0].size == 0
    moved = pos.copy()
    moved[37] += (4.0, 5.0)  # 6.4 px
    assert moved_farther_than(moved, pos, 6.0) and not moved_farther_than(moved, pos, 7.0)


def test_gather_reads_the_awake_rows_and_counts_cooldowns_down() -> None:
    body_pos = np.arange(20.0).reshape(10, 2)
    body_vel = -body_pos
    idx = np.array([4, 1, 7])
    prev, pos, vel = np.zeros((5, 2)), np.full((5, 2), 3.0), np.zeros((5, 2))
    cooldown = np.array([0, 1, 5, 2], dtype=np.int32)
    then = np.array([[8.0, 9.0], [2.0, 3.0], [14.0, 15.0 - 6.5]])  # where the candidates were found
    assert not gather_awake(body_pos, body_vel, idx, prev, pos, vel, cooldown, then, 7.0)
    assert prev[:3].tolist() == [[3.0, 3.0]] * 3 and prev[3:].tolist() == [[0.0, 0.0]] * 2
    assert pos[:3].tolist() == [[8.0, 9.0], [2.0, 3.0], [14.0, 15.0]] and pos[3].tolist() == [3.0, 3.0]
    assert vel[:3].tolist() == [[-8.0, -9.0], [-2.0, -3.0], [-14.0, -15.0]]
    assert cooldown.tolist() == [0, 0, 4, 1]
    # the skin test on the rows just read (6.5 px moved), as moved_farther_than's; True for other rows
    assert gather_awake(body_pos, body_vel, idx, prev, pos, vel, cooldown, then, 6.0)
    assert gather_awake(body_pos, body_vel, idx, prev, pos, vel, cooldown, then[:2], 7.0)


def test_push_sums_add_as_numpy_sums() -> None:
    """The doors' and couplings' push totals: numpy's pairwise sums of the same terms in the
    same order, for 0 to 600 zombies near the points (runs under 8, up to 128, and split)."""
    rng = np.random.default_rng(2)
    points = np.array([[200.0, 200.0], [212.0, 204.0], [900.0, 900.0]])
    for n in (0, 5, 9, 130, 600):
        pos = rng.normal(205.0, 12.0, size=(n, 2))
        push = rng.uniform(100.0, 5000.0, size=n)
        d = np.hypot(pos[:, 0] - points[:, 0, None], pos[:, 1] - points[:, 1, None])  # (k, n)
        want_each = [float(push[d[k] <= 14.0].sum()) for k in range(3)]
        got_each = np.full(3, np.nan)  # (filled by the kernel, whatever it held)
        push_within_into(pos, push, points, 14.0, got_each)
        assert got_each.tolist() == want_each
        x0, x1, y0, y1 = 200.0 - 14.0, 212.0 + 14.0, 200.0 - 14.0, 204.0 + 14.0  # (the two points' box, grown)
        boxed = (pos[:, 0] >= x0) & (pos[:, 0] <= x1) & (pos[:, 1] >= y0) & (pos[:, 1] <= y1)
        near, pb = pos[boxed], push[boxed]  # (as push_near_points did: a C-ordered (k, m) sum, pairwise per row)
        db = np.hypot(near[None, :, 0] - points[:2, 0, None], near[None, :, 1] - points[:2, 1, None])
        want_box = np.where(db <= 14.0, pb[None, :], 0.0).sum(axis=1)
        got_box = push_within_box(pos, push, points[:2], 14.0)
        assert np.array_equal(got_box.view(np.int64), want_box.view(np.int64)), n
        if n == 600:
            assert (d[:2] <= 14.0).sum(axis=1).min() > 128  # a split sum was exercised


def test_blocked_rows_and_bite_contacts() -> None:
    blocked = np.zeros((4, 5), dtype=bool)
    blocked[1, 2] = blocked[3, 4] = True
    body_pos = np.array([[40.0, 20.0], [5.0, 5.0], [200.0, 900.0], [47.9, 31.9], [-3.0, 17.0]])
    idx = np.array([0, 1, 2, 3, 4])
    assert rows_on_tiles(body_pos, idx, blocked).tolist() == [0, 2, 3]  # (2: off the grid, clamped)
    vel = np.arange(10.0).reshape(5, 2) + 1.0
    back = body_pos[::-1] - 100.0  # each row's position before the step
    slots, xy = np.full(5, -1), np.full((5, 2), np.nan)
    moved, kept = body_pos.copy(), body_pos[[1, 4]].copy()
    assert put_back(moved, vel, idx[::-1].copy(), blocked, back, np.array([7, 8, 9, 10, 11]), slots, xy) == 3
    # idx reversed: rows 1, 2, 4 have bodies 3, 2, 0 (on blocked tiles), rows 0 and 3 bodies 4 and 1
    assert slots[:3].tolist() == [8, 9, 11] and xy[:3].tolist() == back[[1, 2, 4]].tolist()
    assert moved[[3, 2, 0]].tolist() == back[[1, 2, 4]].tolist() and np.array_equal(moved[[4, 1]], kept[::-1])
    assert vel[[3, 2, 0]].tolist() == [[0.0, 0.0]] * 3 and vel[[1, 4]].tolist() == [[3.0, 4.0], [9.0, 10.0]]
    students = np.array([[10.0, 10.0], [44.0, 24.0]])
    si, zi = touching(students, body_pos, idx, 13.5)
    want = [(s, z) for s in range(2) for z in range(5)
            if (students[s, 0] - body_pos[z, 0]) ** 2 + (students[s, 1] - body_pos[z, 1]) ** 2 <= 13.5 ** 2]
    assert list(zip(si.tolist(), zi.tolist(), strict=True)) == want == [(0, 1), (1, 0), (1, 3)]


def test_squad_bites_count_clear_ready_contacts_once_and_set_attack_and_chase() -> None:
    """Rows 0-2 touch student 0, row 3 touches student 1 from a wall tile, row 4 touches nobody.
    Row 0 is ready and bites; row 1 feeds (calm: in contact, no bite, no attack); row 2 is on
    cooldown (attacks, no bite); row 3's contact does not count; row 4 was attacking: chases."""
    opaque = np.zeros((8, 12), dtype=bool)  # 16 px tiles
    opaque[2, 9] = True  # the wall tile row 3 stands on, beside student 1
    students = np.array([[40.0, 20.0], [140.0, 40.0]])
    body_pos = np.array([[9.0, 9.0], [45.0, 25.0], [36.0, 16.0], [47.0, 27.0], [150.0, 38.0], [400.0, 400.0]])
    idx = np.array([1, 2, 3, 4, 5])  # rows' bodies: row r at body_pos[idx[r]] (body 0 is not a zombie)
    state = np.array([WANDER, FEED, CHASE, WANDER, ATTACK], dtype=np.int8)
    timer = np.zeros(5, dtype=np.int64)
    cooldown = np.array([0, 0, 7, 0, 0], dtype=np.int64)
    per_student, first_row = np.full(2, 9, dtype=np.int64), np.full(2, 9, dtype=np.int64)  # (filled, whatever held)
    squad_bites_into(students, body_pos, idx, 13.5, opaque, state, timer, cooldown, 45, per_student, first_row)
    assert per_student.tolist() == [1, 0] and first_row.tolist() == [0, -1]
    assert state.tolist() == [ATTACK, FEED, ATTACK, WANDER, CHASE]
    assert cooldown.tolist() == [45, 0, 7, 0, 0]


def test_goal_groups_follow_the_most_followed_noises_first() -> None:
    """Investigators' goals: grouped by tile, the biggest groups first (ties in (row, col)
    order), at most ``most``, each group's rows ascending."""
    rng = np.random.default_rng(4)
    tiles = np.array([[3, 9], [3, 2], [7, 1], [0, 5], [3, 2], [7, 1], [3, 2], [5, 5], [9, 9]])
    pick = rng.integers(0, len(tiles), size=60)
    memory = tiles[pick][:, ::-1] * 16.0 + rng.uniform(0.0, 15.99, size=(60, 2))  # (x, y) px inside each tile
    def groups(memory: np.ndarray, going: np.ndarray, most: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        goals, bounds, members = np.full((most, 2), -1), np.full(most + 1, -1), np.full(going.size + 2, -1)
        g = goal_groups(memory, going, most, goals, bounds, members)
        assert (goals[g:] == -1).all() and (bounds[g + 1:] == -1).all() and (members[bounds[g]:] == -1).all()
        return goals[:g], bounds[:g + 1], members[:bounds[g]]

    goals, bounds, members = groups(memory, np.arange(60), 4)
    keys, counts = np.unique(tiles[pick], axis=0, return_counts=True)  # (row, col) order
    ranked = np.argsort(-counts, kind="stable")[:4]
    assert goals.tolist() == keys[ranked].tolist()
    for g, k in enumerate(ranked):
        want = np.flatnonzero((tiles[pick] == keys[k]).all(axis=1))
        assert members[bounds[g]:bounds[g + 1]].tolist() == want.tolist()
    one, b1, m1 = groups(np.full((9, 2), 40.0), np.array([1, 2, 5, 7, 8]), 6)  # these five after one point
    assert one.tolist() == [[2, 2]] and b1.tolist() == [0, 5] and m1.tolist() == [1, 2, 5, 7, 8]


def test_any_in_box_counts_the_edges() -> None:
    pos = np.array([[10.0, 10.0], [30.0, 5.0]])
    assert any_in_box(pos, 30.0, 0.0, 40.0, 5.0)  # on the box's corner
    assert not any_in_box(pos, 30.0, 5.5, 40.0, 9.0) and not any_in_box(pos[:0], 0.0, 0.0, 99.0, 99.0)


def test_hearing_a_sound_is_the_numpy_it_replaced() -> None:
    """``hear_sound`` against ``Horde._hear``'s numpy, sound after sound over one crowd: the
    same hearers, the same investigators, the same memory and timers, bit for bit."""
    from hyosan.sim.horde.kernels import any_within, hear_sound
    from hyosan.sim.horde.states import ATTACK, CHASE, FEED, IDLE, INVESTIGATE, WANDER
    from hyosan.sim.nav import tile_of

    rng = np.random.default_rng(5)
    n, rows, cols = 300, 20, 30
    pos = rng.uniform(-20.0, 500.0, size=(n, 2))  # some off the grid: clamped to its edge tiles
    pos[:3] = [np.nan, 5.0], [np.inf, 5.0], [5.0, -np.inf]
    breed = rng.integers(0, 3, size=n)
    hearing_mult, deaf_to_lures = np.array([1.0, 1.25, 0.75]), np.array([False, True, False])
    states = np.array([IDLE, WANDER, INVESTIGATE, CHASE, ATTACK, FEED], dtype=np.int8)
    state = states[rng.integers(0, 6, size=n)]
    memory, timer = rng.uniform(0, 400, size=(n, 2)), rng.integers(0, 90, size=n)
    want_state, want_memory, want_timer = state.copy(), memory.copy(), timer.copy()
    for k in range(12):
        reach = np.where(rng.random((rows, cols)) < 0.4, 0.0, rng.uniform(0.0, 9.0, (rows, cols))).astype(np.float32)
        x, y, radius, lure = float(rng.uniform(0, 480)), float(rng.uniform(0, 320)), float(rng.uniform(30, 300)), k % 2 == 0
        near = np.hypot(pos[:, 0] - x, pos[:, 1] - y) <= radius
        assert bool(any_within(pos, x, y, radius)) == bool(near.any())
        row, col = tile_of(pos, rows, cols)
        heard = near & (reach.ravel()[row * cols + col] * hearing_mult[breed] > 0.0)
        if lure:
            heard &= ~deaf_to_lures[breed]
        responsive = heard & (want_state != CHASE) & (want_state != ATTACK) & (want_state != FEED)
        want_state[responsive], want_memory[responsive], want_timer[responsive] = INVESTIGATE, (x, y), 0
        got = hear_sound(pos, x, y, radius, reach, hearing_mult, breed, deaf_to_lures, lure, state, memory, timer)
        assert got == int(heard.sum()) and got > 0
        assert np.array_equal(state, want_state) and np.array_equal(timer, want_timer)
        assert memory.tobytes() == want_memory.tobytes()


def test_rows_chasing_of_a_flagged_breed() -> None:
    from hyosan.sim.horde.kernels import rows_chasing_of
    from hyosan.sim.horde.states import CHASE, INVESTIGATE

    state = np.array([CHASE, CHASE, INVESTIGATE, CHASE, CHASE], dtype=np.int8)
    breed = np.array([1, 0, 1, 1, 2])
    out = np.full(5, -1)
    assert rows_chasing_of(state, breed, np.array([False, True, False]), out) == 2 and out[:3].tolist() == [0, 3, -1]
    assert rows_chasing_of(state, breed, np.zeros(3, dtype=bool), out) == 0


def test_tile_flat_into_is_the_numpy_floor_and_clamp() -> None:
    """``tile_flat_into`` (the students' tiles for ``Horde._view_table``) gives ``_tile_flat``'s
    flat tiles: on, off and far off the grid, on tile edges, NaN and the infinities too."""
    from hyosan.sim.horde.horde import _tile_flat

    rng = np.random.default_rng(12)
    for h, w in ((20, 30), (1, 1), (7, 90)):
        pts = rng.uniform(-50.0, [w * 16 + 50.0, h * 16 + 50.0], size=(400, 2))
        pts[:40] = np.round(pts[:40] / 16.0) * 16.0  # on tile edges
        pts[40:48] = [[np.nan, 5.0], [5.0, np.nan], [np.inf, 5.0], [5.0, -np.inf], [1e300, 5.0], [-1e300, 5.0],
                      [2.0 ** 67, 2.0 ** 67], [-0.0, -1e-300]]
        with np.errstate(invalid="ignore"):  # (numpy's cast of NaN and inf: the int64 floor the kernel mirrors)
            want = _tile_flat(pts, (h, w))
        got = np.full(pts.shape[0] + 1, -7, dtype=np.int64)
        tile_flat_into(pts, h, w, got)
        assert got[:-1].tolist() == want.tolist() and got[-1] == -7


def test_follow_fields_is_follow_field_goal_by_goal() -> None:
    """``follow_fields`` over a tuple of fields does what ``follow_field`` did called once per
    goal, a goal whose field has no move (the horde's (1, 1, 2) stand-in) leaving its rows be."""
    rng = np.random.default_rng(13)
    h, w, n = 12, 17, 120
    for trial in range(40):
        count = int(rng.integers(1, 7))
        fields = []
        for _ in range(count):
            f = rng.choice(np.array([-1.0, 0.0, 0.70710677, 1.0], dtype=np.float32), size=(h, w, 2))
            fields.append(f if rng.random() < 0.8 else np.zeros((1, 1, 2), dtype=np.float32))
        pos = rng.uniform(-20.0, [w * 16 + 20.0, h * 16 + 20.0], size=(n, 2))
        going = np.sort(rng.choice(n, size=int(rng.integers(count, n)), replace=False))
        cuts = np.sort(rng.choice(np.arange(1, going.size), size=count - 1, replace=False)) if count > 1 else []
        bounds = np.array([0, *cuts, going.size] + [-5] * 3, dtype=np.int64)  # (longer: the horde's buffer)
        members = np.concatenate([rng.permutation(going), [-1, -1]])
        heading0 = rng.uniform(-1.0, 1.0, size=(n, 2))
        want_heading, want_flowed = heading0.copy(), np.zeros(n, dtype=bool)
        for g, f in enumerate(fields):
            follow_field(f, pos, members, bounds[g], bounds[g + 1], want_heading, want_flowed)
        heading, flowed = heading0.copy(), np.zeros(n, dtype=bool)
        follow_fields(tuple(fields), pos, members, bounds, heading, flowed)
        assert np.array_equal(heading, want_heading) and np.array_equal(flowed, want_flowed), trial
        assert want_flowed.any() or trial % 5, trial  # (fields with moves do move rows)


def test_notice_gives_the_halfbie_eyes_for_the_lead_only() -> None:
    """``notice`` with the lead's index does what ``Horde._see`` did before it: ``got & (~stalker |
    (seen == lead))`` in numpy, then the look row by row (a Python copy of it here); with no
    lure-deaf breed among the rows the lead changes nothing."""
    rng = np.random.default_rng(14)
    for trial in range(200):
        n, m = int(rng.integers(1, 60)), int(rng.integers(1, 5))
        ignores = np.array([False, True, False])
        breed = rng.integers(0, 3 if trial % 2 else 1, size=n).astype(np.int16)  # (odd trials: stalkers among them)
        got = rng.random(n) < 0.6
        seen = np.where(got, rng.integers(0, m, size=n), -1)
        state = rng.choice(np.array([IDLE, WANDER, INVESTIGATE, CHASE, ATTACK, FEED], dtype=np.uint8), size=n)
        timer = rng.integers(0, 3, size=n).astype(np.int32)
        crowd = rng.integers(0, 5, size=n).astype(np.float64)
        target = np.full(n, -1, dtype=np.int64)
        memory = rng.uniform(0, 100, size=(n, 2))
        students = rng.uniform(0, 300, size=(m, 2))
        lead = int(rng.integers(-1, m))
        sees = got & (~ignores[breed] | (seen == lead))
        want = [state.copy(), timer.copy(), target.copy(), memory.copy()]
        w_state, w_timer, w_target, w_memory = want
        for r in range(n):
            was = w_state[r]
            if sees[r]:
                if was in (ATTACK, FEED):
                    continue
                if was != CHASE and not ignores[breed[r]] and crowd[r] <= 2:
                    w_timer[r] = 7
                w_state[r], w_target[r], w_memory[r] = CHASE, seen[r], students[seen[r]]
            elif was == CHASE:
                w_state[r], w_timer[r] = INVESTIGATE, 0
        notice(got, seen, state, timer, breed, ignores, crowd, target, memory, students, 7, 2, lead)
        for got_col, want_col in zip((state, timer, target, memory), want, strict=True):
            assert np.array_equal(got_col, want_col), trial


def test_wander_turn_rows_are_the_numpy_draws_and_nonzero() -> None:
    """``Horde._steer``'s wander turns: the draws into a kept buffer (``random(out=...)``) are
    the stream ``random(n)`` gave, and ``rows_below`` picks the rows ``(draws < chance).nonzero()``
    did, the generator left in the same state."""
    old, new = np.random.default_rng(15), np.random.default_rng(15)
    draws, rows = np.full(400, np.nan), np.full(400, -1, dtype=np.intp)
    for n in (0, 1, 5, 60, 250, 400, 33):
        want = (old.random(n) < 1.0 / 60.0).nonzero()[0]
        got = rows[:rows_below(new.random(out=draws[:n]), 1.0 / 60.0, rows)]
        assert got.tolist() == want.tolist()
    assert old.bit_generator.state == new.bit_generator.state
    assert rows_below(np.array([0.5, 0.1, 0.2, 0.1]), 0.2, rows) == 2 and rows[:2].tolist() == [1, 3]  # (strictly below)
