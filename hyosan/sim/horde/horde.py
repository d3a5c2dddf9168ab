"""The horde: zombies as numpy columns (structure of arrays) driven by senses, flow fields
and crowd pressure, each with a pooled pymunk body so they really push doors, props and
students. Everything per zombie is numpy or a compiled loop (``kernels``: numba, the same
arithmetic to the bit as the numpy each replaced); Python loops run over sound events,
students, distinct goals, and the few zombies that spawn or die in a tick.

Order inside a tick (called by ``World.step``):
  ``think`` (before the physics step): bodies -> columns; on a decision tick (20 Hz, see
  DECIDE_HZ) hearing (every sound since the last decision), sight, state masks, steering and
  the crowd count; every tick the acceleration toward the chosen velocity (capped by crowd
  pressure) + separation, one batch write;
  ``after_step`` (after the physics step): contacts become bites; then the deferred spawns
  and deaths of this tick are applied at its very end (``apply_pending``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pymunk

from ..jit import kernel, warm_up
from ..nav import FlowFieldCache, sample_directions
from ..noise import SoundReachCache
from ..physics import ALL, CAT_ZOMBIE, ZOMBIE_GROUP, BodyTable, teleport
from ..sight import can_see_by_tiles, neighbourhood_labels, transparent_components
from ..tilemap import grown
from ..units import TICK_DT, TICK_HZ, TILE_PX
from .breeds import BreedTable
from .kernels import (
    any_in_box,
    any_within,
    bite_outcomes,
    close_pairs,
    copy_row,
    count_stillness,
    crowd_around,
    follow_fields,
    gather_and_steer,
    gather_awake,
    goal_groups,
    hear_sound,
    lay_down_and_rouse,
    notice,
    open_points,
    partition_awake_first,
    push_within_box,
    push_within_into,
    put_back,
    rows_below,
    rows_chasing_of,
    rows_on_tiles_into,
    sleeper_cells,
    squad_bites_into,
    steer_and_separate,
    steer_begin,
    steer_chase,
    steer_search_wander_feed,
    tile_flat_into,
    tiles_of,
    wake_and_sleep,
    walk_to_points,
)
from .origins import OriginLabels
from .spatial_hash import CellList
from .states import ATTACK, CHASE, FEED, IDLE, INVESTIGATE, WANDER

CELL_PX = 24.0  # cell list cell = the largest neighbour query (bite reach 13.5, crowd stencil)
SEPARATION_PX = 9.5  # zombie centres closer than this push apart (two 4.5 px bodies)
SEPARATION_GAIN = 30.0  # px/s of push per px of overlap
SEPARATION_MAX = 120.0  # px/s: the most separation adds to a zombie's velocity
# Up to this many awake zombies, separation tests every pair at once (n² distances, one
# compiled loop) instead of binning them in a cell list first: Storm's solver run has ~25
# awake, Trolley's quiet stretches ~6. (Chosen when both were numpy: 60 awake 16 vs 42 us,
# 128 even. It also fixes the candidates' order, so the separation sums' last bits: moving
# it moves every run.)
SEPARATION_ALL_PAIRS_MAX = 96
# Separation's pair candidates (a Verlet list) are the pairs within SEPARATION_PX plus this
# skin when they were found, at a decision (for up to SEPARATION_ALL_PAIRS_MAX awake, kept
# across decisions: see ``think``); on the ticks between only those are re-measured.
# That misses no pair while no zombie has moved more than half the skin since (then two
# zombies closed by at most the skin); past that, or when rows move, they are found afresh.
SEPARATION_SKIN_PX = 14.0
BASE_ACCEL = 520.0  # px/s²: how fast a lone zombie gets up to speed, and how hard it pushes (m·a)
CROWD_GAIN = 0.5  # each other zombie in the 3x3 cells around one adds 50 % to its push
CROWD_CAP = 8.0  # the physical push stops growing here (more makes pymunk contacts tunnel)
PRESSURE_CAP = 64.0  # the pressure on doors keeps growing up to a fully packed crowd
CROWD_EASY = 24.0  # zombies in the 72x72 px around one below which it walks freely
CROWD_FULL = 48.0  # ... and at which it only shuffles (hex packing fits ~66)
CROWD_PACKED = 66.0  # zombies in the 72x72 px around one at hex packing: past this it stops
CROWD_STOP = 80.0  # ... pressing forward altogether here (over-packed: it only gets separated)
JAM_MIN = 0.25  # the slowest a jammed zombie still presses on  # pressure stops growing past this many neighbours
SEARCH_TICKS = 5 * TICK_HZ  # search around the last heard/seen point this long, then wander
MEMORY_REACHED_PX = 14.0
BITE_REACH_PX = 13.5  # centre distance to a student at which a bite lands (5 + 4.5 + 4)
BITE_COOLDOWN_TICKS = round(0.8 * TICK_HZ)
FEED_TICKS = 4 * TICK_HZ
# A lone zombie that was not already chasing (idle, wandering, or going to a noise) and sees a
# student stops, turns to face it and only then charges: the "!" of a stealth game. It is how a
# player, who reacts in ~0.25 s, gets a chance against a straggler that comes round a tree 40 px
# away (at 150 px/s it was on the lead in 0.27 s: played by hand at dawn, every bite came that
# way). Meanwhile it is in CHASE with its timer counting the beat down (CHASE uses no timer
# otherwise), does not bite, and if it loses sight of its prey it goes to look where it was. One
# with two or more others in the 3 x 3 crowd cells round it (72 x 72 px, ``_crowd_counts``: more
# than NOTICE_ALONE_CROWD, itself counted) is in a knot of the horde and charges at once, as do
# the halfbie and one that spawned chasing: a packed corridor does not wait while a student
# strolls past it (Trolley Shield Run's greedy dash won 5 of 5 when every zombie waited). A pair
# is not a knot: two stragglers side by side on Storm's walk charged the lead with no "!", and
# the playtester, bitten, never saw what came. One that was going to a noise gets the beat too:
# the squad's own steps send a wanderer their way, and it was one of those that came round the
# trees onto the lead.
NOTICE_TICKS = round(0.4 * TICK_HZ)
NOTICE_ALONE_CROWD = 2
# The horde decides (hears, looks, picks where to go, counts its crowd) 20 times a second,
# every DECIDE_TICKS ticks; in between, each zombie keeps accelerating toward the velocity it
# last chose, and the separation and pymunk contacts still run every tick. A person's reaction
# time is ~0.2 s, a zombie's no better: 50 ms between decisions is not seen, and the decisions
# are most of a tick's numpy calls (the campaign solvers' runs took 1.3-2x less time a tick,
# same run on a loaded machine; the pushing force on doors and props is unchanged).
DECIDE_HZ = 20
DECIDE_TICKS = TICK_HZ // DECIDE_HZ
WANDER_TURN_CHANCE = 1.0 / (3 * DECIDE_HZ)  # per decision: a wanderer picks a new heading every ~3 s
DIRECT_CHASE_PX = 40.0  # closer than this, a chaser goes straight for its prey
LUNGE_PX = 96.0  # the halfbie lunges straight at a lead he sees this close, drop or no drop
MAX_INVESTIGATE_GOALS = 6  # distinct noise locations followed by flow field; the rest go straight
PARK_X, PARK_Y = -4000.0, -4000.0  # where pooled bodies wait, spaced so they never touch
# Dormancy: an idle zombie that has stood still a while, far from every student, sleeps. It
# keeps its row (and still hears), but skips sight, steering and separation, and its body
# leaves the pymunk space, so a hallway of a thousand sleepers costs almost nothing per tick.
# It wakes at the end of a tick when it heard a sound or was hit (its state is no longer idle),
# when a student comes within reach of its sight (the farthest any zombie could see that
# student, plus a margin) with no wall between them (the see-through tile component around
# the student's tile meets the one around the zombie's; see ``sight.transparent_components``),
# or when a moving zombie comes within the 3x3 cells around it. That makes sleeping exact for
# sight: no sleeper could have seen anyone.
DORMANT_STILL_PX_S = 4.0  # px/s: slower than this counts as standing still
DORMANT_SETTLE_TICKS = 30  # ticks standing still (and idle, and far) before falling asleep (checked each decision)
DORMANT_WAKE_MARGIN_PX = 48.0  # px beyond the sight reach at which a student wakes sleepers
DORMANT_SLEEP_MARGIN_PX = 96.0  # px beyond the sight reach a zombie must be to fall asleep (hysteresis)
DORMANT_CLOSE_PX = 64.0  # px: this close to a student, walls or not, a zombie stays awake (short rays)
# An awake zombie far from every wall, door, prop and student has nothing in pymunk to touch
# (zombie-zombie contacts are numpy's): its circle leaves the space, and the broadphase no
# longer sorts out the pile's zombie pairs only to reject them (packed 1000: 651 of 1000 circles
# are that far; the step costs half). Hysteresis, so a zombie on the line does not churn:
SHAPE_NEAR_TILES = 2  # tiles (Chebyshev) from a wall tile or the map edge: the circle comes back
SHAPE_FAR_TILES = 3  # tiles: farther than this from every wall, it may go
SHAPE_NEAR_PX = 24.0  # px beyond a body's reach (a prop's extent, a student's radius): it comes back
SHAPE_FAR_PX = 40.0  # px beyond every body's reach: it may go (a zombie moves <= ~4 px a tick)
# Below this many awake zombies (and as many in dense crowds, see SHAPE_TRIM_CROWD) the step is
# cheap and the test would cost more than it saves (same-run A/B: the campaign levels, 8-50
# awake, ran 5-10 % slower with it): all keep circles. The campaign never gets there, so its
# runs are the same to the bit with or without the trimming.
SHAPE_TRIM_MIN_AWAKE = 400
# Only a zombie in a crowd this dense (zombies in the 3x3 24 px cells around it) gives its circle
# up: a pile's circles are what the broadphase pairs and rejects; a loose horde's few pairs cost
# less than taking circles out and back as it walks (the horde lab ran ~8 % slower without this).
SHAPE_TRIM_CROWD = 20.0
# pymunk broadphase: a spatial hash with tile-sized cells instead of the default bounding-box
# tree. The tree pads each leaf by 0.1 s of velocity, so a pressing crowd's leaves overlap by
# dozens and every zombie-zombie pair is generated (then dropped by the group filter) each
# step. Same run, packed 1000: pymunk step 2.16 -> 0.86 ms; dims 10..20 px all alike.
SPACE_HASH_DIM = 16.0  # px
SPACE_HASH_CELLS_PER_BODY = 8  # hash table size per pooled body (chipmunk suggests ~10x objects)


_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc mallopt parameters (malloc.h)
_heap_kept = False


def _keep_freed_heap() -> None:
    """Ask glibc to keep freed memory for reuse instead of handing it back to the OS.

    A tick of a packed 3000-5000 zombie horde allocates and frees dozens of numpy
    temporaries of 100-500 KB. By default glibc serves blocks over 128 KB with ``mmap`` and
    trims the heap whenever 128 KB lie free at its top, so every tick page-faults those
    arrays in again: ~10 % of a packed 3000 tick (same run, ``MALLOC_*`` env A/B). With a
    64 MB mmap threshold and a 128 MB trim threshold they are reused. Process-wide, once;
    changes no result; a no-op off glibc."""
    global _heap_kept
    if _heap_kept:
        return
    _heap_kept = True
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):  # not glibc, or no C library handle (Windows): nothing to tune
        return
    mallopt(_M_MMAP_THRESHOLD, 64 << 20)
    mallopt(_M_TRIM_THRESHOLD, 128 << 20)


_POW2 = frozenset(float(2 ** k) for k in range(-8, 16))  # divisors d with an exact 1/d


def _floor_div(x: np.ndarray, d: float) -> np.ndarray:
    """``x // d`` for float arrays (finite, not subnormal): the same whole numbers, several
    times cheaper than numpy's fmod-based ``floor_divide`` (~40 us per call at 3000).
    ``floor(x * (1/d))`` is exact when d is a power of two (the 16 px tile); otherwise the
    rounded product can be one off right at a multiple of d, which the exact products
    ``q * d`` and ``(q + 1) * d`` (small whole numbers times d) put right."""
    q = np.floor(x * (1.0 / d))
    if d not in _POW2:
        q -= q * d > x
        q += (q + 1.0) * d <= x
    return q


def _tile_flat(pts: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Flat index (row * cols + col) of the tile under each point (n, 2) px, clamped into a
    (rows, cols) grid: looked up by one 1-D ``take`` (numpy's 2-D ``grid[rows, cols]`` costs
    ~1.5x as much). Both columns are floored in one pass (TILE_PX is a power of two:
    ``_floor_div``'s exact product) and clamped in place: the same values as a pass per
    column, at half the calls."""
    t = np.floor(pts * (1.0 / TILE_PX)).astype(np.int64)  # (col, row) per point
    np.maximum(t, 0, out=t)
    rows, cols = t[:, 1], t[:, 0]
    np.minimum(rows, shape[0] - 1, out=rows)
    np.minimum(cols, shape[1] - 1, out=cols)
    flat = rows * shape[1]
    flat += cols
    return flat


_FLOOR_DIVIDE_MAX = 600  # coordinates up to which np.floor_divide beats _floor_div (see Horde._own_keys)
_WAKE_SLACK_PX = TILE_PX * math.sqrt(2.0)  # two half-diagonals of a tile, px (see Horde._wake_reach)
_CLOSE_PX2 = (DORMANT_CLOSE_PX + _WAKE_SLACK_PX) ** 2  # px²: tile centres this close are near, walls or not


@kernel
def _respond_to_crowd(desired, crowd_count, breed, push_of, mass_of, desired_out, facing, limit, push_out):  # type: ignore[no-untyped-def]
    """A decision's last step, per awake row, from the zombies in the 3x3 cells around it
    (``crowd_count``, itself counted): its ``desired`` velocity slowed by the jam, and facing
    where it goes (when it goes faster than 1 px/s); its acceleration ``limit`` (px/s a tick)
    and the ``push_out`` (N) it presses on whatever blocks it. The arithmetic, in order, of the
    numpy it replaced (``x * y * z`` is ``(x * y) * z``)."""
    for r in range(desired.shape[0]):
        cc = crowd_count[r]
        # In a packed crowd a zombie can only shuffle: the denser the 3x3 cells around it,
        # the slower it tries to go (continuum-crowd style), so piles do not collapse.
        jam = min(max((CROWD_FULL - cc) / (CROWD_FULL - CROWD_EASY), JAM_MIN), 1.0)
        # Past hex packing a zombie stops walking into the crowd ahead: the pile can no longer
        # grow until the (capped) separation loses (~50 per 24 px cell at 1000 otherwise).
        jam = jam * min(max((CROWD_STOP - cc) / (CROWD_STOP - CROWD_PACKED), 0.0), 1.0)
        dx = desired[r, 0] * jam
        dy = desired[r, 1] * jam
        desired_out[r, 0] = dx
        desired_out[r, 1] = dy
        moving = np.hypot(dx, dy)
        if moving > 1.0:
            facing[r, 0] = dx / moving
            facing[r, 1] = dy / moving
        # Crowd pressure: a zombie pushes harder the more of the horde is packed around it.
        others = cc - 1.0  # the zombies around, not counting itself
        push = push_of[breed[r]]
        crowd = min(others, CROWD_CAP)
        limit[r] = BASE_ACCEL * push * (1.0 + CROWD_GAIN * max(crowd, 0.0)) * TICK_DT
        # How hard each zombie presses on what blocks it (N): the whole crowd behind counts
        # here, while the physical acceleration above stays capped so pymunk stays stable.
        pressing = 1.0 + CROWD_GAIN * min(max(others, 0.0), PRESSURE_CAP)
        push_out[r] = mass_of[breed[r]] * BASE_ACCEL * push * pressing


def _reach_bounds(rng: float) -> tuple[float, float]:
    """For a student seen from ``rng`` px: the squared tile-centre distances (px²) within
    which a sleeper wakes and an idle zombie stays awake (DORMANT_WAKE_MARGIN_PX and
    DORMANT_SLEEP_MARGIN_PX past it, plus the slack)."""
    return (rng + DORMANT_WAKE_MARGIN_PX + _WAKE_SLACK_PX) ** 2, (rng + DORMANT_SLEEP_MARGIN_PX + _WAKE_SLACK_PX) ** 2


@dataclass(frozen=True, slots=True)
class SenseContext:
    """What the horde may perceive this tick (built by the world)."""

    student_pos: np.ndarray  # (m, 2) px, living students
    student_ids: tuple[str, ...]  # matching ids
    lead_id: str
    light_range: np.ndarray  # (m,) px: sight range at each student, set by the light there
    loudness_mult: float  # weather factor on every sound


class Bites(NamedTuple):
    """One tick's bites (``Horde.bites``)."""

    per_student: np.ndarray  # (m,) how many zombies bit each student
    first_row: np.ndarray  # (m,) the lowest row that bit each student, -1 for none: whose bite it was


class Horde:
    """Zombie columns, their pooled bodies, and the per-tick behaviour."""

    def __init__(self, space: pymunk.Space, bodies: BodyTable, walk_cost: np.ndarray,
                 transmission: np.ndarray, opaque: np.ndarray, capacity: int,
                 rng: np.random.Generator, breeds: BreedTable) -> None:
        _keep_freed_heap()
        warm_up()  # the compiler starts as the level loads, not on its first tick
        self.bodies = bodies
        self.rng = rng
        self.breeds = breeds
        self.capacity = capacity
        self.walk_cost = walk_cost  # (rows, cols) float32, inf = impassable for zombies
        self.transmission = transmission  # (rows, cols) sound factor per tile
        self.opaque = opaque  # (rows, cols) bool: blocks sight
        self.grid_version = 0  # bumped when a door or barricade changes
        self._tick = 0
        rows, cols = walk_cost.shape
        # The 24 px cell list serves queries from outside the tick (render culling, the mixer):
        # it is rebuilt lazily, on the first ``cells`` access after the bodies moved. The tick
        # itself needs only per-cell counts (``_crowd_around``) and a brute-force bite check.
        self._cells = CellList(CELL_PX, cols * TILE_PX, rows * TILE_PX)
        self._cells_stale = True
        self._cell_inv = 1.0 / (CELL_PX * (1.0 + 1e-9))  # the CellList's own binning
        cl = self._cells
        self._cell_top = np.array([cl.cols - 1.0, cl.rows - 1.0])  # the last cell's (col, row)
        # The sleepers' share of the crowd count: (n, awake, their count per padded 24 px cell,
        # the padded key of the cell each stands in, rows [awake, n) in order). Sleepers do not
        # move, so it holds until one wakes, falls asleep, comes or goes (``_settle`` drops it).
        self._sleep_cells: tuple[int, int, np.ndarray, np.ndarray] | None = None
        # A finer list just for separation: in a packed crowd a 24 px cell holds dozens of
        # zombies, and pair candidates grow with the square of that.
        self.fine_cells = CellList(SEPARATION_PX + SEPARATION_SKIN_PX, cols * TILE_PX, rows * TILE_PX)
        # Rows (i < j) of the separation candidates, as found at the last decision; stale once
        # rows are swapped, partitioned, added or removed (see _find_candidates).
        self._cand_i = self._cand_j = np.zeros(0, dtype=np.intp)
        self._cand_at = np.zeros((0, 2))  # px: the awake rows' positions when they were found
        self._cand_stale = True
        self.flow = FlowFieldCache(max_entries=12, min_interval_ticks=10)
        self.reach_cache = SoundReachCache()  # a phone or a PA repeats: its spread is solved once
        # Columns; rows [0, n) are alive, packed at the front.
        self.n = 0
        self.pos_all = np.zeros((capacity, 2))  # px
        self.prev_all = np.zeros((capacity, 2))  # px, one tick ago (interpolated drawing)
        self.vel_all = np.zeros((capacity, 2))  # px/s
        self.facing_all = np.tile([0.0, 1.0], (capacity, 1))  # unit vector
        self.wander_all = np.zeros((capacity, 2))  # unit heading while wandering
        self.memory_all = np.zeros((capacity, 2))  # px: last place prey was heard or seen
        self.state_all = np.zeros(capacity, dtype=np.uint8)
        self.breed_all = np.zeros(capacity, dtype=np.int16)
        self.hp_all = np.zeros(capacity)  # hits left
        self.timer_all = np.zeros(capacity, dtype=np.int32)  # ticks: searching / feeding
        self.cooldown_all = np.zeros(capacity, dtype=np.int32)  # ticks until the next bite
        self.target_all = np.full(capacity, -1, dtype=np.int64)  # index into student_ids
        self.uid_all = np.zeros(capacity, dtype=np.int64)  # never reused
        self.slot_all = np.zeros(capacity, dtype=np.int64)  # body pool slot
        self.push_all = np.zeros(capacity)  # N: how hard each zombie presses (mass x accel cap)
        self.sep_all = np.zeros((capacity, 2))  # px/s of separation added last tick
        self._new_vel = np.zeros((capacity, 2))  # px/s: the velocities written this tick (reused)
        self._back_slot = np.zeros(capacity, dtype=np.int64)  # keep_out's pool slots, and where
        self._back_xy = np.zeros((capacity, 2))  # their bodies go back to (px) (reused)
        self._to_mem = np.zeros((capacity, 2))  # px: a decision's offsets to the remembered points
        self._dist = np.zeros(capacity)  # px: ... and their lengths
        self._heading = np.zeros((capacity, 2))  # unit: investigators' headings down their fields
        # Row lists a decision's kernels write and read back at once (reused): investigators
        # walking to their points, the halfbie's chasing rows, the goals investigators follow
        # (tiles, offsets into their members), and who moved and who may sleep.
        self._going = np.zeros(capacity, dtype=np.intp)
        self._stalkers = np.zeros(capacity, dtype=np.intp)
        self._goal_tiles = np.zeros((MAX_INVESTIGATE_GOALS, 2), dtype=np.int64)
        self._goal_bounds = np.zeros(MAX_INVESTIGATE_GOALS + 1, dtype=np.int64)
        self._goal_members = np.zeros(capacity, dtype=np.intp)
        self._moving = np.zeros(capacity, dtype=np.intp)
        self._candidates = np.zeros(capacity, dtype=np.intp)
        self._wake_rows = np.zeros(capacity, dtype=np.intp)  # a decision's rows that wake, and fall asleep
        self._sleep_rows = np.zeros(capacity, dtype=np.intp)
        self._draws = np.zeros(capacity)  # a decision's wander-turn draws, [0, 1) (reused)
        self._rolled = np.zeros(capacity, dtype=np.intp)  # ... and the rows that turn
        self._student_tiles = np.zeros(0, dtype=np.int64)  # flat tiles under the students (see _view_table)
        self._no_field = np.zeros((1, 1, 2), dtype=np.float32)  # steer_chase's field when none leads
        self._no_turn = np.zeros((0, 2))  # no wander heading rolled this decision
        self._no_counts = np.zeros(0, dtype=np.int64)  # no sleepers' cell counts
        self.desired_all = np.zeros((capacity, 2))  # px/s: the velocity chosen at the last decision
        self.limit_all = np.zeros(capacity)  # px/s: the most a tick's acceleration changes velocity
        self.crowd_all = np.zeros(capacity)  # zombies in the 3x3 24 px cells around, at the last decision
        self.dormant_all = np.zeros(capacity, dtype=bool)  # asleep (see DORMANT_*)
        self.still_all = np.zeros(capacity, dtype=np.int32)  # ticks standing still while awake
        self.tile_all = np.zeros(capacity, dtype=np.int64)  # flat tile index where a sleeper lies
        # Where each zombie came from: an index into ``origins`` (its group, wave, spawner, or
        # the student it rose as; see origins.py), for the playtest's bites and losses by group.
        self.origins = OriginLabels()
        self.origin_all = np.zeros(capacity, dtype=np.int32)
        # The simulated state: every column here is in the state hash (``hash_items``).
        self._columns = ("pos_all", "prev_all", "vel_all", "facing_all", "wander_all", "memory_all",
                         "state_all", "breed_all", "hp_all", "timer_all", "cooldown_all",
                         "target_all", "uid_all", "slot_all", "push_all", "sep_all",
                         "desired_all", "limit_all", "crowd_all", "dormant_all", "still_all", "tile_all")
        # Records no behaviour reads: they move with their zombie's row like the rest, but stay
        # out of the state hash, so keeping them changes no run's fingerprint.
        self._record_columns = ("origin_all",)
        self._row_columns = self._columns + self._record_columns  # everything swapped or reordered per row
        self._column_groups = self._group_columns()  # the same columns, by type, for ``partition_awake_first``
        # Rows [0, awake) are awake, [awake, n) asleep: ``apply_pending`` keeps that order.
        self.awake = 0
        self._awake_idx: np.ndarray | None = None  # see _awake_index
        self._ctx: SenseContext | None = None  # the last tick's senses, for waking sleepers
        self._sight_labels: tuple[int, np.ndarray, int] | None = None  # (grid version, (h, w, 9) labels, sight id)
        self._labels_of: dict[bytes, tuple[np.ndarray, int]] = {}  # see _sight
        self._sight_ids = 0
        self._tile_view_keys: tuple[int, dict[int, tuple[int, tuple[int, ...]]]] = (-1, {})  # see _view_keys
        self._views: dict[tuple[int, tuple[int, ...]], np.ndarray] = {}  # see _view_of
        self._reach_memo: dict[tuple[float, ...], np.ndarray] = {}  # see _wake_reach
        self._view_table_cache: tuple[tuple, np.ndarray, tuple, tuple] | None = None  # see _view_table
        self.next_uid = 1
        self.spawned_total = 0
        self.killed_total = 0
        self.peak = 0
        # Whether some live zombie is of a breed that ignores lures (the halfbie, a breed of the
        # built-in table): most levels never spawn one, and their stalking steps would find no
        # rows. Rows come and go only in ``apply_pending``, which sets it again then.
        self._has_stalkers = False
        self._spawn_queue: list[tuple[float, float, int, int, float, float, int]] = []  # x, y, breed, state, goal x, y, origin
        self._kill_queue: list[int] = []
        self._kill_cause: dict[int, str] = {}  # row -> cause, for rows queued with one
        self.deaths_by_cause: dict[str, int] = {}  # "hit", "fall", "blow": zombies removed so far
        # Body pool, created in slot order (canonical) so creation never depends on play. A pool
        # body is in the pymunk space only while its zombie lives and is awake (``in_space``):
        # parked and sleeping bodies cost the step nothing.
        self.pool: list[tuple[pymunk.Body, pymunk.Circle]] = []
        self.space = space
        self.in_space = np.zeros(capacity, dtype=bool)  # per pool slot
        self.shaped = np.zeros(capacity, dtype=bool)  # per pool slot: its circle is in the space too
        self._wall_near: np.ndarray | None = None  # flat (h*w,) bool, see set_walls
        self._wall_far: np.ndarray | None = None
        self._trimmed = False  # some awake zombie may be without its circle (see fit_shapes)
        self._sounds: list = []  # sounds since the last decision: heard at the next one
        self.body_index = np.empty(capacity, dtype=np.int64)  # BodyTable index per slot
        self._live_filter = pymunk.ShapeFilter(group=ZOMBIE_GROUP, categories=CAT_ZOMBIE, mask=ALL)
        self._parked_filter = pymunk.ShapeFilter(group=ZOMBIE_GROUP, categories=0, mask=0)
        for slot in range(capacity):
            mass = float(breeds.mass[0])
            body = pymunk.Body(mass, pymunk.moment_for_circle(mass, 0, float(breeds.radius[0])))
            body.position = self._park(slot)
            shape = pymunk.Circle(body, float(breeds.radius[0]))
            shape.friction = 0.2
            shape.filter = self._live_filter
            self.pool.append((body, shape))
            self.body_index[slot] = bodies.register(body)
        self.free_slots = list(range(capacity - 1, -1, -1))  # a stack: lowest slot first
        space.use_spatial_hash(SPACE_HASH_DIM, max(4096, SPACE_HASH_CELLS_PER_BODY * (capacity + 64)))

    # (dtype, ndim) of each argument after ``dormant`` and ``n`` of ``kernels.partition_awake_first``
    _COLUMN_KINDS = ((np.float64, 2), (np.float64, 1), (np.int64, 1), (np.int32, 1), (np.int16, 1), (np.uint8, 1),
                     (np.bool_, 1))

    def _group_columns(self) -> tuple[tuple[np.ndarray, ...], ...]:
        """Every row column (``_row_columns``) once, in tuples by kind (``_COLUMN_KINDS``), for
        the one-call partition: the arrays themselves (no column is ever replaced, only
        written into). A column of another kind is an error here rather than a column the
        partition would miss."""
        groups: list[list[np.ndarray]] = [[] for _ in self._COLUMN_KINDS]
        for name in self._row_columns:
            col = getattr(self, name)
            groups[self._COLUMN_KINDS.index((col.dtype.type, col.ndim))].append(col)
        return tuple(tuple(group) for group in groups)

    @staticmethod
    def _park(slot: int) -> tuple[float, float]:
        return PARK_X - (slot % 128) * 12.0, PARK_Y - (slot // 128) * 12.0

    # ------------------------------------------------------------------ views (live rows)
    @property
    def cells(self) -> CellList:
        """The 24 px cell list over the live zombies' latest body positions (built on demand)."""
        if self._cells_stale:
            idx = self.body_index[self.slot_all[: self.n]]
            self._cells.rebuild(self.bodies.pos[idx])
            self._cells_stale = False
        return self._cells

    def _awake_index(self) -> np.ndarray:
        """BodyTable indices of the awake rows' bodies, ``body_index[slot_all[:awake]]``:
        asked several times a tick (think, keep_out, bites), it changes only when rows are
        added, removed or reordered or ``awake`` changes, all in ``apply_pending``, which
        drops it then (read-only)."""
        idx = self._awake_idx
        if idx is None:
            idx = self._awake_idx = self.body_index[self.slot_all[: self.awake]]
            idx.setflags(write=False)
        return idx

    @property
    def pos(self) -> np.ndarray:
        """(n, 2) positions, px."""
        return self.pos_all[: self.n]

    @property
    def has_stalkers(self) -> bool:
        """Whether some live zombie is of a breed that ignores lures (the halfbie)."""
        return self._has_stalkers

    @property
    def prev_pos(self) -> np.ndarray:
        """(n, 2) positions one tick ago, px."""
        return self.prev_all[: self.n]

    @property
    def vel(self) -> np.ndarray:
        """(n, 2) velocities, px/s."""
        return self.vel_all[: self.n]

    @property
    def state(self) -> np.ndarray:
        """(n,) behaviour states."""
        return self.state_all[: self.n]

    @property
    def noticing(self) -> np.ndarray:
        """(n,) whether each zombie is in the beat between seeing prey and charging (NOTICE_TICKS)."""
        return (self.state_all[: self.n] == CHASE) & (self.timer_all[: self.n] > 0)

    @property
    def breed(self) -> np.ndarray:
        """(n,) breed indices."""
        return self.breed_all[: self.n]

    @property
    def uid(self) -> np.ndarray:
        """(n,) zombie ids."""
        return self.uid_all[: self.n]

    @property
    def facing(self) -> np.ndarray:
        """(n, 2) unit facing."""
        return self.facing_all[: self.n]

    @property
    def origin(self) -> np.ndarray:
        """(n,) origin indices into ``origins``."""
        return self.origin_all[: self.n]

    def origin_of(self, row: int) -> str:
        """The origin label of the zombie in live row ``row`` ("yard-horde", "late-wave", ...)."""
        return self.origins[int(self.origin_all[row])]

    # ------------------------------------------------------------------ spawning and death
    def request_spawn(self, x: float, y: float, breed: int, state: int = IDLE, origin: int = 0) -> None:
        """Queue a zombie (``origin``: an index into ``origins``); it appears at the end of this tick."""
        self._spawn_queue.append((float(x), float(y), int(breed), int(state), float(x), float(y), int(origin)))

    def request_kill(self, row: int, cause: str = "hit") -> None:
        """Queue a zombie's death (``cause``: hit, fall, blow); it is removed at the end of this tick."""
        self._kill_queue.append(int(row))
        self._kill_cause.setdefault(int(row), cause)

    def send_back(self, uids: list[int], goal: tuple[float, float]) -> int:
        """The zombies among ``uids`` (living, by uid) that lost the trail -- standing idle or
        wandering -- walk to ``goal`` (px) again, investigating; returns how many. A sleeper
        sent wakes on the horde's next look (it is no longer idle)."""
        n = self.n
        if n == 0 or not uids:
            return 0
        state = self.state_all[:n]
        rows = np.flatnonzero(np.isin(self.uid_all[:n], np.asarray(uids, dtype=self.uid_all.dtype))
                              & ((state == IDLE) | (state == WANDER)))
        self.state_all[rows] = INVESTIGATE
        self.memory_all[rows] = goal
        self.timer_all[rows] = 0
        return int(rows.size)

    def spawn_in_zone(self, zone_px: tuple[float, float, float, float], count: int, breed: int,
                      state: int, solid: np.ndarray, goal: tuple[float, float] | None = None,
                      origin: int = 0) -> int:
        """Queue ``count`` zombies on open tiles inside a rectangle (px), drawn from the sim RNG;
        an investigator goes to ``goal`` (px), or looks round where it stands when None.
        ``origin``: where they come from, an index into ``origins``."""
        x0, y0, x1, y1 = zone_px
        xs = self.rng.uniform(min(x0, x1), max(x0, x1), size=count * 4 + 8)
        ys = self.rng.uniform(min(y0, y1), max(y0, y1), size=count * 4 + 8)
        kept = open_points(xs, ys, solid, count)  # the first ``count`` on open tiles
        self._spawn_queue.extend((x, y, breed, state, *((x, y) if goal is None else goal), origin)
                                 for x, y in zip(xs[kept].tolist(), ys[kept].tolist(), strict=True))  # (floats)
        return len(kept)

    def apply_pending(self) -> tuple[int, int]:
        """Apply this tick's deaths (swap-remove) then spawns; returns (spawned, killed)."""
        if not self._kill_queue and not self._spawn_queue:  # most ticks: only the settling
            self._settle(False)
            return 0, 0
        killed = 0
        for row in sorted(set(self._kill_queue), reverse=True):  # descending: swaps stay valid
            if row >= self.n:
                continue
            slot = int(self.slot_all[row])
            cause = self._kill_cause.get(row, "hit")
            self.deaths_by_cause[cause] = self.deaths_by_cause.get(cause, 0) + 1
            body, shape = self.pool[slot]
            if self.in_space[slot]:
                self._leave_space(slot)
                self.bodies.rows_changed()
            body.position = self._park(slot)
            body.velocity = (0.0, 0.0)
            self.free_slots.append(slot)
            last = self.n - 1
            if row != last:  # (every row column, ``_row_columns``, in one call)
                copy_row(row, last, *self._column_groups)
            self.n -= 1
            killed += 1
        self._kill_queue.clear()
        self._kill_cause.clear()
        spawns = self._spawn_queue[: self.capacity - self.n]
        self._spawn_queue.clear()
        for x, y, breed, state, gx, gy, origin in spawns:
            row = self.n
            slot = self.free_slots.pop()
            body, shape = self.pool[slot]
            body.position = (x, y)
            body.velocity = (0.0, 0.0)
            radius = float(self.breeds.radius[breed])
            mass = float(self.breeds.mass[breed])
            if shape.radius != radius:
                shape.unsafe_set_radius(radius)
            if body.mass != mass:
                body.mass = mass
                body.moment = pymunk.moment_for_circle(mass, 0, radius)
            self.space.add(body, shape)
            self.in_space[slot] = self.shaped[slot] = True
            self.bodies.rows_changed()
            # The body table is read before spawns: give it the spawn point, not the park.
            bi = int(self.body_index[slot])
            if bi < self.bodies.pos.shape[0]:
                self.bodies.pos[bi] = (x, y)
                self.bodies.vel[bi] = 0.0
            angle = float(self.rng.uniform(0.0, 2.0 * math.pi))
            self.pos_all[row] = self.prev_all[row] = (x, y)
            self.vel_all[row] = 0.0
            self.sep_all[row] = 0.0
            self.desired_all[row] = 0.0  # stands until its first decision (<= DECIDE_TICKS - 1 ticks)
            self.limit_all[row] = 0.0
            self.crowd_all[row] = 0.0
            self.dormant_all[row] = False
            self.still_all[row] = 0
            self.wander_all[row] = self.facing_all[row] = (math.cos(angle), math.sin(angle))
            self.memory_all[row] = (gx, gy)
            self.state_all[row] = state
            self.breed_all[row] = breed
            self.origin_all[row] = origin
            self.hp_all[row] = self.breeds.health[breed]
            self.timer_all[row] = 0
            self.cooldown_all[row] = 0
            self.target_all[row] = -1
            self.uid_all[row] = self.next_uid
            self.slot_all[row] = slot
            self.next_uid += 1
            self.n += 1
        if spawns or killed:
            self._cells_stale = self._cand_stale = True
            self._awake_idx = None
            self._has_stalkers = bool(np.count_nonzero(self.breeds.ignores_lures[self.breed_all[:self.n]]))
        self._settle(bool(spawns or killed))
        self.spawned_total += len(spawns)
        self.killed_total += killed
        self.peak = max(self.peak, self.n)
        return len(spawns), killed

    def _settle(self, rows_changed: bool) -> None:
        """End of a tick: wake sleepers that were stirred, put still idle zombies far from
        every student to sleep, and keep the awake rows packed in front (a stable partition,
        so row order stays a pure function of the run). ``rows_changed``: rows were added or
        removed this tick."""
        n = self.n
        if rows_changed:
            self._sleep_cells = None
        if n == 0 or self._ctx is None:  # before the first tick: everyone starts awake
            if self.awake != n:
                self._awake_idx = None
                self._sleep_cells = None
            self.awake = n
            return
        decide = self._tick % DECIDE_TICKS == 0
        if not decide and not rows_changed:  # nobody fell asleep, woke, came or went: still partitioned
            return
        dormant = self.dormant_all[:n]
        changed = rows_changed
        if decide and not rows_changed:  # who sleeps and who wakes is a decision too
            # Still partitioned since the last settle: rows [0, awake) awake, [awake, n) asleep,
            # so the awake rows are a view and their bodies the cached index.
            na0 = self.awake
            m, c = count_stillness(self.bodies.vel, self._awake_index(), self.still_all[:na0], self.state_all[:na0],
                                   DORMANT_STILL_PX_S, DECIDE_TICKS, DORMANT_SETTLE_TICKS, self._moving, self._candidates)
            moving, candidates = self._moving[:m], self._candidates[:c]
            if candidates.size or na0 < n:
                changed = self._wake_and_sleep(np.arange(na0, n), candidates, moving, na0)
        elif decide:
            awake_rows = np.flatnonzero(~dormant)
            vel = self.bodies.vel[self.body_index[self.slot_all[awake_rows]]]
            moving = np.hypot(vel[:, 0], vel[:, 1]) >= DORMANT_STILL_PX_S
            still = self.still_all[:n]
            still[awake_rows] = np.where(moving, 0, still[awake_rows] + DECIDE_TICKS)
            state = self.state_all[:n]
            candidates = awake_rows[(still[awake_rows] >= DORMANT_SETTLE_TICKS) & (state[awake_rows] == IDLE)]
            sleepers = np.flatnonzero(dormant)
            if candidates.size or sleepers.size:
                self._wake_and_sleep(sleepers, candidates, awake_rows[moving])
        if not changed:  # nobody woke, fell asleep, came or went: the partition and ``awake`` hold
            return
        self._sleep_cells = None
        # Spawns land behind the sleepers and a swap-remove can pull a sleeper forward:
        # restore the partition (stable, so it is a pure function of the run).
        na = int(n - np.count_nonzero(dormant))
        if np.count_nonzero(dormant[:na]):  # (rows before the first sleeper keep their places; .any() is ~2x dearer)
            partition_awake_first(self.dormant_all, n, *self._column_groups)
            self._cells_stale = self._cand_stale = True
            self._awake_idx = None
        if na != self.awake:
            self._cand_stale = True
            self._awake_idx = None
        self.awake = na

    def _wake_and_sleep(self, sleepers: np.ndarray, candidates: np.ndarray, moving: np.ndarray,
                        first_sleeper: int | None = None) -> bool:
        """Decide, among the sleepers and the still idle ``candidates`` (rows), who wakes and
        who falls asleep; move their bodies out of or back into the space. ``moving``: rows of
        awake zombies that moved this tick (they stir sleepers around them). ``first_sleeper``:
        when the rows are partitioned, the first sleeper's row (the sleepers are rows
        [first_sleeper, n)). Returns whether anyone woke or fell asleep."""
        ctx = self._ctx
        assert ctx is not None
        asleep = sleepers if first_sleeper is None else slice(first_sleeper, self.n)  # (a view, no gathers)
        if not moving.size:  # nobody moved: nobody is stirred (no cells around a mover to look in)
            lying = np.zeros(sleepers.size, dtype=np.intp)
        elif first_sleeper is None:  # (rows not partitioned: rare) their cells, from where they lie
            lying = self._own_keys(self.pos_all[sleepers])
        else:  # the sleepers' cells, kept while they sleep
            lying = self._sleeper_cells()[3]
        h, w = self.opaque.shape
        woke, slept = wake_and_sleep(self.state_all[asleep], self.tile_all[asleep], ctx.student_pos,
                                     self._wake_reach(ctx), _CLOSE_PX2, self._view_table(ctx.student_pos), h, w,
                                     self.pos_all, candidates, lying, moving, self._cell_inv, self._cells.cols,
                                     self._cells.rows, CELL_PX, sleepers, self._wake_rows, self._sleep_rows)
        if not woke and not slept:
            return False
        wake, sleep = self._wake_rows[:woke], self._sleep_rows[:slept]  # (rows, ascending)
        self.bodies.rows_changed()
        pool = self.pool
        # One ``remove`` and one ``add`` for them all: pymunk removes in the order given, so
        # chipmunk sees the very calls of a ``_leave_space`` per row (row order, body before
        # circle); an ``add`` puts all the bodies in before all the circles, which leaves
        # chipmunk's body list and its circles' ids and hash order as one add per row did (the
        # bodies' order among themselves and the circles' among themselves are the same).
        if sleep.size:
            slots = self.slot_all[sleep]
            shaped = self.shaped[slots].tolist()
            leaving = []
            for slot, has_circle in zip(slots.tolist(), shaped, strict=True):  # row order
                body, circle = pool[slot]
                body.velocity = (0.0, 0.0)
                leaving.append(body)
                if has_circle:
                    leaving.append(circle)
            self.space.remove(*leaving)
            self.in_space[slots] = self.shaped[slots] = False
        if wake.size:
            slots = self.slot_all[wake]
            self.space.add(*[part for slot in slots.tolist() for part in pool[slot]])
            self.in_space[slots] = self.shaped[slots] = True
        lay_down_and_rouse(sleep, wake, self.slot_all, self.body_index, self.bodies.pos, self.bodies.vel,
                           self.pos_all, self.prev_all, self.tile_all, h, w, self.vel_all, self.sep_all,
                           self.push_all, self.desired_all, self.still_all, self.dormant_all)
        return True

    def _wake_reach(self, ctx: SenseContext) -> np.ndarray:
        """(m, 3) per student: the window (tiles either way of its own) outside which no tile
        is near it, and the squared tile-centre distances (px²) within which a sleeper in its
        view wakes and an idle zombie in its view stays awake (``_reach_bounds``), from the
        farthest any breed sees it (its ``light_range`` times the keenest sight). Tiles within
        DORMANT_CLOSE_PX (plus the slack of two half-diagonals: the zombie's and the student's
        offset inside their tiles) are near whatever the walls. ``kernels.wake_and_sleep``
        tests each sleeper's and candidate's tile against these (it used to build the whole
        grids of them in numpy, ~40 us a decision on the Storm: the same tiles, the same
        exact squared distances). Kept per tuple of light ranges (they change as a student
        walks into another light, seldom, on most levels; on the Trolley's, lit by what moves,
        never twice alike): a pure function of them, the grid's size and the breeds' sight
        (neither changes while a horde lives)."""
        lights = tuple(ctx.light_range.tolist())
        memo = self._reach_memo
        got = memo.get(lights)
        if got is None:
            if len(memo) > 64:
                memo.clear()
            most = self.breeds.keenest_sight
            share = self._share_reach
            got = memo[lights] = np.array([v for light in lights for v in share(light * most)],
                                          dtype=np.float64).reshape(-1, 3)
            got.setflags(write=False)
        return got

    def _share_reach(self, rng: float) -> tuple[float, float, float]:
        """``_wake_reach``'s row for a student seen from ``rng`` px: (window, wake px², keep
        px²). px between tile centres past which a tile is in neither share; a whole tile more
        than that either way bounds the window (the centres lie 16 px apart)."""
        far = max(DORMANT_CLOSE_PX, rng + DORMANT_WAKE_MARGIN_PX, rng + DORMANT_SLEEP_MARGIN_PX) + _WAKE_SLACK_PX
        window = math.ceil(far / TILE_PX) + 1 if math.isfinite(far) else max(self.opaque.shape)
        return (float(window), *_reach_bounds(rng))

    def _view_keys(self, tiles: np.ndarray) -> tuple[tuple[int, tuple[int, ...]], ...]:
        """Per student standing on ``tiles`` (flat): the key of its view, (the walls' sight id,
        see ``_sight``; the see-through components around its tile, sorted). Kept per tile for
        the walls (a pure function of both): students walk back and forth over the same tiles."""
        labels9, sight = self._sight()
        known, memo = self._tile_view_keys
        if known != sight or len(memo) > 4096:
            memo = {}
            self._tile_view_keys = (sight, memo)
        keys = []
        for tile in tiles.tolist():
            key = memo.get(tile)
            if key is None:
                around = labels9.reshape(-1, labels9.shape[2])[tile]
                key = memo[tile] = (sight, tuple(sorted(set(around[around >= 0].tolist()))))
            keys.append(key)
        return tuple(keys)

    def _view_of(self, key: tuple[int, tuple[int, ...]]) -> np.ndarray:
        """The view of a ``_view_keys`` key (of the walls as they are): (h, w) bool, the tiles
        whose 3x3 neighbourhood shares a see-through component with the 3x3 around the
        student's tile. Cached per walls and label set (a student crossing a room keeps it)."""
        view = self._views.get(key)
        if view is None:
            if len(self._views) > 64:
                self._views.clear()
            view = np.isin(self._sight()[0], np.array(key[1], dtype=np.int64)).any(axis=2)
            self._views[key] = view
        return view

    def _view_table(self, student_pos: np.ndarray) -> np.ndarray:
        """(h*w, m) bool: from which tiles each student can be seen at all (``_view_of``
        side by side, flat), cached until a student changes tile or the walls change, and then
        rebuilt only if some student's view did change (a student walking inside a room keeps
        its view while its tile changes every few decisions)."""
        # Asked twice a decision for the same students (``_see``, then ``_wake_and_sleep``):
        # the same positions (bytes) among the same walls stand on the same tiles.
        sight = self._sight()[1]
        at = (sight, student_pos.tobytes())
        cached = self._view_table_cache
        if cached is not None and cached[3] == at:
            return cached[1]
        tiles = self._student_tiles  # (reused: only read here, then by _view_keys)
        if tiles.shape[0] != student_pos.shape[0]:
            tiles = self._student_tiles = np.empty(student_pos.shape[0], dtype=np.int64)
        tile_flat_into(student_pos, *self.opaque.shape, tiles)  # (one compiled pass: _tile_flat's ~9 numpy calls)
        key = (sight, tiles.tobytes())
        if cached is None or cached[0] != key:
            views = self._view_keys(tiles)
            if cached is not None and cached[2] == views:
                table = cached[1]
            elif views:
                table = np.stack([self._view_of(v).ravel() for v in views], axis=1)
            else:
                table = np.zeros((self.opaque.size, 0), dtype=bool)
            cached = (key, table, views)
        self._view_table_cache = (*cached[:3], at)
        return cached[1]

    def _sight(self) -> tuple[np.ndarray, int]:
        """The (h, w, 9) see-through component labels around each tile for the walls as they
        are (``opaque``), and an id for those walls: the same id for the same walls. Looked at
        again when the grid version changes; kept per wall layout, as the labels are a pure
        function of it (a door swinging back and forth, the Auditorium's ~200 times a run,
        toggles between a few layouts, and the labels took ~2 ms each time)."""
        got = self._sight_labels
        if got is None or got[0] != self.grid_version:
            walls = self.opaque.tobytes()
            known = self._labels_of.get(walls)
            if known is None:
                if len(self._labels_of) >= 32:
                    self._labels_of.clear()
                self._sight_ids += 1  # (a new id for each layout worked out: never one for two)
                known = self._labels_of[walls] = (neighbourhood_labels(transparent_components(self.opaque)),
                                                  self._sight_ids)
            got = self._sight_labels = (self.grid_version, *known)
        return got[1], got[2]

    def _own_keys(self, at: np.ndarray) -> np.ndarray:
        """Padded key of the 24 px cell each point (n, 2) px stands in (exact division)."""
        cl = self._cells
        # (col, row) of each point's cell: x // 24 exactly. numpy's floor_divide is one call,
        # cheaper than _floor_div's eight up to a few hundred points (same-run timing).
        g = (np.floor_divide(at, CELL_PX) if at.size <= _FLOOR_DIVIDE_MAX else _floor_div(at, CELL_PX)).astype(np.intp)
        np.maximum(g, 0, out=g)
        cols, rows = g[:, 0], g[:, 1]
        np.minimum(cols, cl.cols - 1, out=cols)
        np.minimum(rows, cl.rows - 1, out=rows)
        key = rows * cl.pcols
        key += cols
        key += cl.pcols + 1
        return key

    def _sleeper_cells(self) -> tuple[int, int, np.ndarray, np.ndarray]:
        """``_sleep_cells`` for the partitioned rows now (worked out again once it was dropped)."""
        n, na = self.n, self.awake
        got = self._sleep_cells
        if got is None or got[0] != n or got[1] != na:
            cl = self._cells
            got = self._sleep_cells = (n, na, *sleeper_cells(self.pos_all[na:n], self._cell_inv, cl.cols, cl.rows,
                                                             CELL_PX))
        return got

    def _crowd_counts(self) -> np.ndarray:
        """Per awake row: how many zombies, sleepers too, stand in the 3x3 24 px cells around
        its cell (itself counted), written into ``crowd_all`` (returned: its awake rows). The
        awake rows are binned by the CellList's own binning (``kernels._cell_of``), the sleepers'
        per-cell counts are kept while they sleep (rows must be partitioned), and each row sums
        the nine cells around the cell it stands in (``_own_keys``: x // 24 exactly). Whole
        numbers: exact in any order."""
        na = self.awake
        cl = self._cells
        sleepers = self._sleeper_cells()[2] if na < self.n else self._no_counts
        crowd = self.crowd_all[:na]
        crowd_around(self.pos_all[:na], self._cell_inv, cl.cols, cl.rows, sleepers, CELL_PX, crowd)
        return crowd

    def _leave_space(self, slot: int) -> None:
        """Take a pool slot's body (and its circle, if in) out of the space."""
        body, shape = self.pool[slot]
        if self.shaped[slot]:
            self.space.remove(body, shape)
        else:
            self.space.remove(body)
        self.in_space[slot] = self.shaped[slot] = False

    def set_walls(self, solid: np.ndarray) -> None:
        """Where zombies keep their circles for the walls' sake: tiles within SHAPE_NEAR_TILES /
        SHAPE_FAR_TILES (Chebyshev) of a solid tile or of the map's edge (its border boxes).
        Called when the level loads and whenever walls change (a toppled tower's wreck)."""
        # A tile outside the grown mask is >= n whole tiles from every wall along x or y, so
        # >= n * TILE_PX px from it.
        self._wall_near = grown(solid, SHAPE_NEAR_TILES, border=True).ravel()
        self._wall_far = grown(solid, SHAPE_FAR_TILES, border=True).ravel()

    def fit_shapes(self, body_reach: Callable[[], np.ndarray]) -> None:
        """Before the step: awake zombies near a wall or any body of ``body_reach()`` ((k, 3):
        x, y px and reach px of every prop, door and student) get their circle in the space;
        those far from all of them, in a dense crowd, give it up (see SHAPE_*). Nothing else
        changes: a zombie that far could touch nothing in this step. Unless SHAPE_TRIM_MIN_AWAKE
        zombies are awake and in dense crowds, every awake zombie has its circle."""
        na = self.awake
        dense = self.crowd_all[:na] >= SHAPE_TRIM_CROWD if na >= SHAPE_TRIM_MIN_AWAKE else None
        if dense is None or self._wall_near is None or np.count_nonzero(dense) < SHAPE_TRIM_MIN_AWAKE:
            if self._trimmed:  # the crowd thinned out: every circle back
                slots = self.slot_all[:na]
                self._add_circles(slots[~self.shaped[slots]])
                self._trimmed = False
            return
        self._trimmed = True
        pos = self.pos_all[:na]
        flat = _tile_flat(pos, self.opaque.shape)
        near = self._wall_near.take(flat)
        far = ~self._wall_far.take(flat) & dense
        bodies = body_reach()
        if bodies.shape[0]:
            gap = (np.hypot(pos[:, 0, None] - bodies[None, :, 0], pos[:, 1, None] - bodies[None, :, 1])
                   - bodies[None, :, 2]).min(axis=1)  # px from each zombie to the nearest body's reach
            near |= gap < SHAPE_NEAR_PX
            far &= gap > SHAPE_FAR_PX
        slots = self.slot_all[:na]
        shaped = self.shaped[slots]
        drop = slots[far & shaped]
        if drop.size:
            self.space.remove(*(self.pool[slot][1] for slot in drop.tolist()))
            self.shaped[drop] = False
        self._add_circles(slots[near & ~shaped])

    def _add_circles(self, slots: np.ndarray) -> None:
        """Put the circles of these pool slots (bodies in the space) back, in slot-list order."""
        if slots.size:
            self.space.add(*(self.pool[slot][1] for slot in slots.tolist()))
            self.shaped[slots] = True

    # ------------------------------------------------------------------ the tick
    def think(self, tick: int, sounds: list, ctx: SenseContext) -> int:
        """Read the bodies; on a decision tick (every DECIDE_TICKS) perceive, decide and steer;
        every tick, accelerate toward the chosen velocity, separate, and write velocities.
        Returns how many zombies heard a sound (on decision ticks; 0 between them)."""
        n = self.n
        self._tick = tick
        self._ctx = ctx
        if n == 0:
            self._sounds.clear()  # nobody to hear them
            return 0
        self._sounds.extend(sounds)
        # Sleepers (rows [na, n)) only hear; they keep their positions and wake at the tick's end.
        na = self.awake
        idx = self._awake_index()
        if na and tick % DECIDE_TICKS:  # between decisions: read, accelerate and separate in one call
            self._cells_stale = True
            if not gather_and_steer(self.bodies.pos, self.bodies.vel, idx, self.prev_all, self.pos_all, self.vel_all,
                                    self.cooldown_all[:n], self._cand_at, 0.5 * SEPARATION_SKIN_PX,
                                    not self._cand_stale, self.sep_all, self.desired_all, self.limit_all,
                                    self._cand_i, self._cand_j, SEPARATION_PX, SEPARATION_GAIN, SEPARATION_MAX,
                                    self._new_vel):
                pos = self.pos_all[:na]  # (the candidates may miss a pair now: found afresh, as below)
                self._find_candidates(pos)
                self._accelerate_and_separate(pos)
            self.bodies.write_velocities(idx, self._new_vel[:na])
            return 0
        moved = gather_awake(self.bodies.pos, self.bodies.vel, idx, self.prev_all, self.pos_all, self.vel_all,
                             self.cooldown_all[:n], self._cand_at, 0.5 * SEPARATION_SKIN_PX)
        self._cells_stale = True
        heard_total = 0
        if tick % DECIDE_TICKS == 0:
            heard_total = self._decide(tick, ctx, self._sounds)
            self._sounds.clear()
        if na == 0:
            return heard_total
        pos = self.pos_all[:na]
        # The cell list's candidates come in the order of the cells the rows stood in when they
        # were found, and that order is in the separation sums' last bits: they are found
        # afresh at each decision. Every pair's (up to SEPARATION_ALL_PAIRS_MAX) come row-major,
        # whenever found: the pairs close enough to push are summed in the same order from
        # any list that holds them all, so that list is kept until it may miss one (some
        # zombie moved more than half the skin since: a pair may now be closer than
        # SEPARATION_PX without being one of them; ``moved``, from the gather).
        if self._cand_stale or (tick % DECIDE_TICKS == 0 and na > SEPARATION_ALL_PAIRS_MAX) or moved:
            self._find_candidates(pos)
        self.bodies.write_velocities(idx, self._accelerate_and_separate(pos))
        return heard_total

    def hear_later(self, sounds: list) -> None:
        """``sounds`` made after this tick's ``think`` (a scream, a crash): heard at the next
        decision with those made before it."""
        if self.n:
            self._sounds.extend(sounds)

    def _decide(self, tick: int, ctx: SenseContext, sounds: list) -> int:
        """A decision: hear ``sounds`` (all since the last one), look, steer; sets each awake
        row's desired velocity, acceleration limit, facing, crowd count and push. Returns how
        many zombies heard a sound."""
        n = self.n
        heard_total = self._hear(sounds, ctx, self.pos_all[:n], self.breed_all[:n], self.state_all[:n],
                                 self.memory_all[:n], self.timer_all[:n])
        self._stalk(sounds, ctx, self.breed_all[:n], self.state_all[:n], self.memory_all[:n], self.timer_all[:n])
        na = self.awake
        if na == 0:
            return heard_total
        crowd_count = self._crowd_counts()  # sleepers count as crowd too; kept for fit_shapes, till the next decision
        n = na
        pos = self.pos_all[:n]
        breed = self.breed_all[:n]
        state = self.state_all[:n]
        memory = self.memory_all[:n]
        timer = self.timer_all[:n]
        self._see(ctx, pos, breed, state, memory, timer)
        desired = self._steer(tick, ctx, pos, breed, state, memory, timer)
        _respond_to_crowd(desired, crowd_count, breed, self.breeds.push, self.breeds.mass,
                          self.desired_all, self.facing_all, self.limit_all, self.push_all)
        return heard_total

    def _hear(self, sounds: list, ctx: SenseContext, pos: np.ndarray, breed: np.ndarray,
              state: np.ndarray, memory: np.ndarray, timer: np.ndarray) -> int:
        """Each sound in turn (``hear_sound``): who hears it, and who sets off to investigate.
        A sound's reach is worked out only when some zombie is near enough to hear it at all."""
        total = 0
        hearing = self.breeds.hearing_mult
        keenest = self.breeds.keenest_hearing
        for sound in sounds:
            loudness = sound.loudness * ctx.loudness_mult
            if loudness <= 0:
                continue
            radius = loudness * keenest
            if not any_within(pos, sound.x, sound.y, radius):
                continue
            tile = (int(sound.y // TILE_PX), int(sound.x // TILE_PX))
            reach = self.reach_cache.get(self.transmission, tile, loudness, self.grid_version, self._tick)
            total += hear_sound(pos, sound.x, sound.y, radius, reach, hearing, breed, self.breeds.ignores_lures,
                                sound.source != ctx.lead_id, state, memory, timer)  # (lures do not move the halfbie)
        return total

    def _stalk(self, sounds: list, ctx: SenseContext, breed: np.ndarray, state: np.ndarray,
               memory: np.ndarray, timer: np.ndarray) -> None:
        """The halfbie (``ignores_lures``) hunts the lead by the *last* noise the lead made, from
        anywhere on the map and whatever was louder: a sneaking lead leaves him nothing new."""
        if not self._has_stalkers:
            return
        mine = [snd for snd in sounds if snd.source == ctx.lead_id and snd.loudness > 0]
        if not mine:
            return
        stalkers = np.nonzero(self.breeds.ignores_lures[breed])[0]
        stalkers = stalkers[(state[stalkers] != CHASE) & (state[stalkers] != ATTACK)]
        last = mine[-1]
        state[stalkers] = INVESTIGATE
        memory[stalkers] = (last.x, last.y)
        timer[stalkers] = 0

    def _see(self, ctx: SenseContext, pos: np.ndarray, breed: np.ndarray,
             state: np.ndarray, memory: np.ndarray, timer: np.ndarray) -> None:
        """Every awake zombie looks (once a decision: DECIDE_HZ times a second)."""
        if ctx.student_pos.shape[0] == 0:
            lost = state == CHASE
            state[lost] = INVESTIGATE
            return
        # (every awake row looks: the columns' views, and row numbers from flatnonzero)
        # Per student, the tiles from which it can be seen at all (cached per grid version and
        # room): rays from anywhere else are walled off and need no march.
        # (the columns and the context's arrays are what ``can_see`` would make of them)
        got, seen = can_see_by_tiles(pos, self.facing_all[:pos.shape[0]], state == CHASE, ctx.student_pos,
                                     ctx.light_range, self.opaque, self.breeds.sight_mult[breed],
                                     self._view_table(ctx.student_pos))
        # (the halfbie, a lure-deaf stalker, has eyes for the lead only: ``notice`` drops his other sightings)
        lead = ctx.student_ids.index(ctx.lead_id) if self._has_stalkers and ctx.lead_id in ctx.student_ids else -1
        notice(got, seen, state, timer, breed, self.breeds.ignores_lures, self.crowd_all, self.target_all, memory,
               ctx.student_pos, NOTICE_TICKS, NOTICE_ALONE_CROWD, lead)

    def _steer(self, tick: int, ctx: SenseContext, pos: np.ndarray, breed: np.ndarray,
               state: np.ndarray, memory: np.ndarray, timer: np.ndarray) -> np.ndarray:
        """Each awake row's desired velocity (px/s) for this decision, by state. The flow
        fields are asked for in a fixed order (the students', the lead's, then each noise's),
        and the random draws come in a fixed order too: both are part of the run."""
        n = self.awake
        desired = np.zeros((n, 2))
        to_mem = self._to_mem[:n]
        dist = self._dist[:n]
        chasing, walking = steer_begin(pos, memory, state, timer, to_mem, dist, MEMORY_REACHED_PX, DECIDE_TICKS,
                                       self._going)
        going = self._going[:walking]
        # Chase: flow field toward every living student, straight in when close.
        if chasing:
            field = self.flow.request(tiles_of(ctx.student_pos), self.grid_version, tick,
                                      walk_cost=self.walk_cost, goal_id="students")
            use_field = field is not None and field.leads
            steer_chase(pos, state, timer, breed, to_mem, dist, self.breeds.speed_chase,
                        field.dir if use_field else self._no_field, use_field, DIRECT_CHASE_PX, DECIDE_TICKS,
                        desired, self.facing_all)
            if self._has_stalkers and ctx.lead_id in ctx.student_ids:  # the halfbie runs down the lead only
                stalkers = rows_chasing_of(state, breed, self.breeds.ignores_lures, self._stalkers)
                if stalkers:
                    self._stalk_lead(tick, ctx, pos, breed, self._stalkers[:stalkers], desired)
        # Investigate: walk to the remembered point (flow field per distinct place), then search.
        if going.size:
            flowed = self._follow_noises(tick, pos, memory, going)
            walk_to_points(going, flowed, self._heading, to_mem, dist, breed, self.breeds.speed_investigate, desired)
        # Wander (and search): a heading that changes now and then. Feeding zombies stay put
        # until they are done.
        # (the draws into a kept buffer, the same stream; the rows under the chance in one dispatch)
        rolled = self._rolled[:rows_below(self.rng.random(out=self._draws[:n]), WANDER_TURN_CHANCE, self._rolled)]
        turned = self._no_turn
        if rolled.size:
            angles = self.rng.uniform(0.0, 2.0 * math.pi, size=rolled.size)
            turned = np.empty((rolled.size, 2))  # (cos, sin) rows, without np.stack's overhead
            np.cos(angles, out=turned[:, 0])
            np.sin(angles, out=turned[:, 1])
        steer_search_wander_feed(state, timer, breed, self.wander_all, self.breeds.speed_wander, rolled, turned,
                                 SEARCH_TICKS, DECIDE_TICKS, desired)
        return desired

    def _stalk_lead(self, tick: int, ctx: SenseContext, pos: np.ndarray, breed: np.ndarray,
                    stalk: np.ndarray, desired: np.ndarray) -> None:
        """The halfbie's rows ``stalk`` chase the lead alone: down the lead's own flow field,
        lunging straight in within LUNGE_PX."""
        lead = ctx.student_pos[ctx.student_ids.index(ctx.lead_id)]
        to_lead = lead - pos[stalk]
        d_lead = np.hypot(to_lead[:, 0], to_lead[:, 1])
        heading = to_lead / np.maximum(d_lead, 1e-9)[:, None]
        field = self.flow.request(np.array([[int(lead[1] // TILE_PX), int(lead[0] // TILE_PX)]]),
                                  self.grid_version, tick, walk_cost=self.walk_cost, goal_id="lead")
        if field is not None:
            flow = sample_directions(field, pos[stalk]).astype(np.float64)
            use_flow = (d_lead > LUNGE_PX) & ((flow[:, 0] != 0.0) | (flow[:, 1] != 0.0))
            heading[use_flow] = flow[use_flow]
        desired[stalk] = heading * self.breeds.speed_chase[breed[stalk]][:, None]

    def _follow_noises(self, tick: int, pos: np.ndarray, memory: np.ndarray, going: np.ndarray) -> np.ndarray:
        """Rows ``going`` (investigators walking to ``memory``, px, from ``pos``) standing where
        the flow field of their goal tile has a move take it as their heading (``_heading``)
        and are marked in the returned (n,) bool; the others will head straight. One field per
        distinct goal tile, the MAX_INVESTIGATE_GOALS most followed, asked for in that order."""
        flowed = np.zeros(pos.shape[0], dtype=bool)
        goals, members = self._goal_tiles, self._goal_members
        count = goal_groups(memory, going, MAX_INVESTIGATE_GOALS, goals, self._goal_bounds, members)
        dirs = []  # per goal, the field its rows follow (``_no_field``, no move anywhere: they head straight)
        for g, (r, c) in enumerate(goals[:count].tolist()):  # (Python ints format ~3x quicker than numpy scalars)
            field = self.flow.request(goals[g:g + 1], self.grid_version, tick, walk_cost=self.walk_cost,
                                      goal_id=f"noise:{r},{c}")
            dirs.append(field.dir if field is not None and field.leads else self._no_field)
        follow_fields(tuple(dirs), pos, members, self._goal_bounds, self._heading, flowed)
        return flowed

    def _find_candidates(self, pos: np.ndarray) -> None:
        """The separation's pair candidates: rows (i < j) within SEPARATION_PX plus
        SEPARATION_SKIN_PX of each other at ``pos`` (the awake rows, px)."""
        radius = SEPARATION_PX + SEPARATION_SKIN_PX
        if pos.shape[0] <= SEPARATION_ALL_PAIRS_MAX:
            self._cand_i, self._cand_j = close_pairs(pos, radius)  # every pair, row-major (i, j)
        else:
            self._cand_i, self._cand_j = self.fine_cells.pairs_among(pos, radius)
        self._cand_at = pos.copy()
        self._cand_stale = False

    def _accelerate_and_separate(self, pos: np.ndarray) -> np.ndarray:
        """This tick's velocities (px/s) of the awake rows at ``pos``: each accelerates toward
        its desired velocity by at most its limit, and overlapping zombies push apart (their
        contacts are not in pymunk). Separation acts outside the acceleration cap (zombies are
        solid to each other at once, not after slowing down) and does not carry over: last
        tick's share (``sep_all``) is taken back out first, so it never builds into momentum.
        See ``kernels.steer_and_separate`` for the arithmetic and its order."""
        na = pos.shape[0]
        new_vel = self._new_vel[:na]
        steer_and_separate(self.vel_all[:na], self.sep_all[:na], self.desired_all[:na], self.limit_all[:na],
                           pos, self._cand_i, self._cand_j, SEPARATION_PX, SEPARATION_GAIN, SEPARATION_MAX,
                           new_vel)
        return new_vel

    def bites(self, student_pos: np.ndarray) -> Bites:
        """After the physics step: zombies touching a student bite if their cooldown allows."""
        m = student_pos.shape[0]
        n = self.awake  # sleepers lie farther than DORMANT_CLOSE_PX from every student
        if n == 0 or m == 0:
            return Bites(np.zeros(m, dtype=np.int64), np.full(m, -1, dtype=np.int64))
        idx = self._awake_index()
        self._cells_stale = True
        if m <= 32:  # a squad: brute force over (student, zombie), same pairs and order as the cell list
            # (into arrays made here: a kernel's returned arrays cost ~1 us each to hand back)
            bites = Bites(np.empty(m, dtype=np.int64), np.empty(m, dtype=np.int64))
            squad_bites_into(student_pos, self.bodies.pos, idx, BITE_REACH_PX, self.opaque, self.state_all[:n],
                             self.timer_all[:n], self.cooldown_all, BITE_COOLDOWN_TICKS, *bites)
            return bites
        self._cells.rebuild(self.bodies.pos.take(idx, axis=0))
        si, zi = self._cells.neighbours_of(student_pos, BITE_REACH_PX)
        return Bites(*bite_outcomes(si, zi, student_pos, self.bodies.pos, idx, self.opaque, self.state_all[:n],
                                    self.timer_all[:n], self.cooldown_all, BITE_COOLDOWN_TICKS))

    def push_near_each(self, points: np.ndarray, radius: float) -> list[float]:
        """Per point of ``points`` (k, 2) px, the total push (N) of the zombies pressing within
        ``radius`` px of it, in one pass over the horde (the locked doors ask every tick). Each
        total adds its zombies' pushes in row order (the doors' break ticks depend on the bits)."""
        if self.n == 0:  # nobody to push (a level without a horde, or not yet)
            return [0.0] * len(points)
        out = np.empty(len(points))  # (filled by the kernel: cheaper than a returned array)
        push_within_into(self.pos_all[: self.n], self.push_all[: self.n], points, radius, out)
        return out.tolist()

    def push_near_points(self, points: np.ndarray, radius: float) -> np.ndarray:
        """``push_near_each`` as one (k, n) sum, for many points close together: per point of
        ``points`` (k, 2 px), the total push (N) of the zombies pressing within ``radius`` px of
        it (the trolley couplings ask about five points each, every tick)."""
        return push_within_box(self.pos_all[: self.n], self.push_all[: self.n], points, radius)

    def anyone_in_box(self, x0: float, y0: float, x1: float, y1: float) -> bool:
        """Whether any live zombie (as ``push_near_points`` sees them) stands in the box (px)."""
        return bool(any_in_box(self.pos_all[: self.n], x0, y0, x1, y1))

    def keep_out(self, blocked: np.ndarray) -> int:
        """After the physics step: a zombie whose centre ended inside a blocked tile (a wall, a
        locked doorway) goes back to where it was before the step. A packed crowd's numpy
        separation can press its front row deep enough into a one-tile wall for pymunk to pop
        it out on the far side; this is the guard. Returns how many were put back. Sleepers do
        not move, so only the awake rows are checked."""
        n = self.awake
        if n == 0:
            return 0
        idx = self._awake_index()
        m = put_back(self.bodies.pos, self.bodies.vel, idx, blocked, self.pos_all, self.slot_all,
                     self._back_slot, self._back_xy)
        if m:
            pool = self.pool
            teleport([pool[slot][0] for slot in self._back_slot[:m].tolist()], self._back_xy[:m])
        return m

    def rows_on(self, mask: np.ndarray, awake_only: bool = False) -> np.ndarray:
        """After the physics step: live rows whose body centre is on a True tile of ``mask``
        (rows, cols), e.g. the tiles a zombie falls from; with ``awake_only``, of the awake
        rows only (a sleeper has not moved since it fell asleep)."""
        n = self.awake if awake_only else self.n
        if n == 0:
            return np.zeros(0, dtype=np.int64)
        idx = self._awake_index() if awake_only else self.body_index[self.slot_all[:n]]
        out = np.empty(n, dtype=np.intp)  # (filled by the kernel: cheaper than a returned array)
        return out[:rows_on_tiles_into(self.bodies.pos, idx, mask, out)]

    def rows_in_arc(self, x: float, y: float, fx: float, fy: float, radius: float,
                    cos_half: float) -> np.ndarray:
        """Live rows within ``radius`` px of (x, y) inside the arc around unit facing (fx, fy)."""
        d = self.pos_all[: self.n] - (x, y)
        dist = np.hypot(d[:, 0], d[:, 1])
        cos = (d[:, 0] * fx + d[:, 1] * fy) / np.maximum(dist, 1e-9)
        return np.nonzero((dist <= radius) & ((cos >= cos_half) | (dist < 1e-6)))[0]

    def knock(self, rows: np.ndarray, x: float, y: float, speed: float, stun_ticks: int) -> None:
        """Knock zombies away from (x, y): a velocity kick (px/s, less for heavy breeds) and a
        stun (ticks, spent in the ``FEED`` state: they neither steer nor bite until it ends).
        Call before ``think``: the kick goes into the velocities it reads."""
        if rows.size == 0:
            return
        resist = self.breeds.knockback_resist[self.breed_all[rows]]
        d = self.pos_all[rows] - (x, y)
        dist = np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-6)
        kick = d / dist[:, None] * (speed * (1.0 - resist))[:, None]
        idx = self.body_index[self.slot_all[rows]]
        self.bodies.vel[idx] += kick
        stunned = rows[resist < 1.0]
        self.state_all[stunned] = FEED
        self.timer_all[stunned] = np.maximum(self.timer_all[stunned], stun_ticks)

    def hurt(self, rows: np.ndarray, damage: float, big_blow: bool = False) -> np.ndarray:
        """Take ``damage`` hits of health from zombies; those at zero are queued to die.
        Breeds with ``only_big_blows`` (the halfbie) take no harm unless ``big_blow`` (a heavy
        prop's hard hit). Returns the rows that die."""
        if not big_blow and rows.size:
            rows = rows[~self.breeds.only_big_blows[self.breed_all[rows]]]
        if rows.size == 0:
            return rows
        self.hp_all[rows] -= damage
        dead = rows[self.hp_all[rows] <= 1e-9]
        for row in dead.tolist():
            self.request_kill(row, "blow" if big_blow else "hit")
        return dead

    def feed_near(self, x: float, y: float, radius: float = 24.0) -> None:
        """Zombies near a fallen student stop to feed for a few seconds."""
        d = np.hypot(self.pos_all[: self.n, 0] - x, self.pos_all[: self.n, 1] - y)
        near = d <= radius
        self.state_all[: self.n][near] = FEED
        self.timer_all[: self.n][near] = FEED_TICKS

    def hash_items(self) -> list[tuple[str, np.ndarray]]:
        """The live columns, in a fixed order, for the world's state hash."""
        n = self.n
        return [(f"horde.{name}", getattr(self, name)[:n]) for name in self._columns] + \
            [("horde.counters", np.array([self.n, self.next_uid, self.spawned_total, self.killed_total,
                                          self.awake]))]
