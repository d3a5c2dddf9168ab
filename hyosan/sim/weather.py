"""Weather and light: what the sky does to hearing and to sight.

Rain multiplies every loudness (×0.55 in a downpour). Lightning is telegraphed by a sky
flicker ``thunder_delay_seconds`` before the flash; the flash makes the whole map daylight for
0.3 s, and the thunder that comes with it masks every sound (×0.15) for 1.5 s. Random
lightning is drawn once, when the world is built, from the sim RNG (deterministic per seed).

Sight range at a student is set by the light there: day 320 px, lit 240, dawn 150, dark 70; a lamp
whose light reaches the student (within its radius, not behind a wall: ``lamps``) or a torch
the student carries makes it "lit". The squad switches its phone torches off and on together
(``ToggleTorch``, key T): a torch that is on shows the way to the player and shows its carrier
to the horde.
"""

from __future__ import annotations

import math

import numpy as np

from ..content.schema import LevelSpec
from . import events as ev
from .jit import kernel
from .lamps import LampPool, lamp_pool
from .noise import RAIN_MULT as RAIN_FACTOR
from .noise import THUNDER_MULT as THUNDER_FACTOR
from .units import TICK_HZ, TILE_PX

SIGHT_BY_LIGHT = {"day": 320.0, "lit": 240.0, "dawn": 150.0, "dark": 70.0}
FLASH_TICKS = round(0.3 * TICK_HZ)
THUNDER_TICKS = round(1.5 * TICK_HZ)
KNOWN_POOLS_PER_LAMP = 16  # patterns of opaque tiles (doors shut or open) a lamp's pools are kept for


class Sky:
    """Rain, lightning and thunder for one world, plus the sight range per student."""

    def __init__(self, spec: LevelSpec, rng: np.random.Generator, sight_mult: float = 1.0) -> None:
        w = spec.weather
        self.rain = float(w.rain)
        self.ambient = spec.lighting.ambient
        self.sight_mult = sight_mult
        self.delay_ticks = round(w.thunder_delay_seconds * TICK_HZ)
        times = list(w.lightning_at)
        if w.lightning_mean_interval_seconds:
            t = 0.0
            while True:
                t += float(rng.exponential(w.lightning_mean_interval_seconds))
                if t > spec.time_limit_seconds:
                    break
                times.append(t)
        self.flashes = sorted({max(self.delay_ticks, round(t * TICK_HZ)) for t in times})
        self.lamps = [(lt.at[0] * TILE_PX, lt.at[1] * TILE_PX, lt.radius * TILE_PX)
                      for lt in spec.lighting.lights if lt.kind == "lamp" and lt.on]
        self.pools: list[LampPool] = []  # per lamp, what it lights: set by relight() once the doors stand
        self._packed_of: list[LampPool] | None = None  # the pools list _packed was made from (see _packed_pools)
        self._packed: tuple[np.ndarray, ...] = (np.zeros(0),)
        self._opaque: np.ndarray | None = None
        self._pool_version = 0
        # per lamp: the opaque tiles its square reaches (bytes) -> the pool worked out for them
        self._known_pools: list[dict[bytes, LampPool]] = []
        # Torch id -> (carrier, on). ``torches`` is the set of carriers whose torch is on now.
        self.torch_state = {lt.id: (lt.carried_by, lt.on) for lt in spec.lighting.lights if lt.kind == "torch"}
        self.torches = self._lit_carriers()
        self.flash_until = -1
        self.thunder_until = -1
        self.flicker_until = -1
        self._next = 0  # index into flashes

    def _lit_carriers(self) -> set[str]:
        return {who for who, on in self.torch_state.values() if on}

    def toggle_torches(self) -> bool | None:
        """Switch every torch the squad carries: all off if any is on, else all on. Returns the
        new state, or None when the level has no torch."""
        if not self.torch_state:
            return None
        on = not self.torches
        self.torch_state = {tid: (who, on) for tid, (who, _) in self.torch_state.items()}
        self.torches = self._lit_carriers()
        return on

    def relight(self, opaque: np.ndarray) -> None:
        """Work out again what each lamp lights, for the tiles that block light now (walls, shut
        doors): every lamp the first time, then only those whose pool reaches a changed tile.

        A lamp's pool is a function of the opaque tiles its square reaches alone (``lamp_pool``
        marches rays inside it; the grid's size, which bounds them, is the level's), so a pool
        is kept per lamp for each pattern of those tiles seen: a door the crowd jostles across
        its open angle (the Auditorium's, ~1000 times a night) swings a lamp between two or
        three patterns, and marching its rays again each time was most of what a door's
        opening cost. The very pool comes back, version and all (what it lights is the same)."""
        opaque = np.asarray(opaque, dtype=bool)
        before, self._opaque = self._opaque, opaque.copy()
        changed = None if before is None or before.shape != opaque.shape else before != opaque
        pools = []
        for k, (x, y, r) in enumerate(self.lamps):
            known = self._known_pools[k] if k < len(self._known_pools) else None
            if known is not None:
                c0, r0, c1, r1 = self.pools[k].tiles()
                window = (slice(max(0, r0), r1 + 1), slice(max(0, c0), c1 + 1))
                if changed is not None and not changed[window].any():
                    pools.append(self.pools[k])
                    continue
                pool = known.get(opaque[window].tobytes())
                if pool is not None:
                    pools.append(pool)
                    continue
            self._pool_version += 1
            pool = lamp_pool(x, y, r, opaque, self._pool_version)
            c0, r0, c1, r1 = pool.tiles()
            if known is None:
                known = {}
                self._known_pools.append(known)
            if len(known) >= KNOWN_POOLS_PER_LAMP:  # (a bound on memory: patterns seen long ago go)
                known.clear()
            known[opaque[max(0, r0):r1 + 1, max(0, c0):c1 + 1].tobytes()] = pool
            pools.append(pool)
        self.pools = pools

    def tick(self, tick: int, events: list[ev.Event]) -> None:
        """Advance the storm: flicker, flash and thunder on schedule."""
        while self._next < len(self.flashes) and tick >= self.flashes[self._next] - self.delay_ticks:
            at = self.flashes[self._next]
            if tick == at - self.delay_ticks and self.delay_ticks > 0:
                self.flicker_until = at
                events.append(ev.Lightning("flicker"))
            if tick >= at:
                self.flash_until = tick + FLASH_TICKS
                self.thunder_until = tick + THUNDER_TICKS
                events.append(ev.Lightning("flash"))
                self._next += 1
                continue
            break

    def flash(self, tick: int) -> bool:
        """The map is lit as day by lightning right now."""
        return tick < self.flash_until

    def thunder(self, tick: int) -> bool:
        """Thunder masks every sound right now."""
        return tick < self.thunder_until

    def flickering(self, tick: int) -> bool:
        """The sky flickers: lightning is about to strike."""
        return tick < self.flicker_until

    def loudness_mult(self, tick: int) -> float:
        """Factor on every loudness: rain (scaled by how hard it rains) and thunder."""
        rain = 1.0 - (1.0 - RAIN_FACTOR) * self.rain
        return rain * (THUNDER_FACTOR if self.thunder(tick) else 1.0)

    def light_at(self, x: float, y: float, student_id: str) -> str:
        """day / lit / dark at a student."""
        if self.ambient == "day":
            return "day"
        if student_id in self.torches:
            return "lit"
        for pool in self.pools:
            # (``lights`` starts with this radius test: asked here first, a far pool costs no call)
            if math.hypot(x - pool.x, y - pool.y) <= pool.radius and pool.lights(x, y):
                return "lit"
        return self.ambient

    def sight_ranges(self, tick: int, pos: np.ndarray, ids: tuple[str, ...]) -> np.ndarray:
        """(m,) px: how far a zombie sees each living student right now."""
        if self.flash(tick) or self.ambient == "day":  # (in daylight everyone is in it)
            return np.full(len(ids), SIGHT_BY_LIGHT["day"] * self.sight_mult)
        pos = np.asarray(pos, dtype=np.float64)
        # One compiled pass over the students and the pools (the Auditorium's ten lamps and
        # five students: ~10 us a decision tick in Python), ``light_at``'s answer for each;
        # it leaves to ``light_at`` any student it cannot tell for sure (see _pool_lit).
        ambient = SIGHT_BY_LIGHT.get(self.ambient)
        if ambient is not None and pos.ndim == 2 and pos.shape[0] == len(ids):
            packed = self._packed_pools()
            torch = np.array([i in self.torches for i in ids], dtype=np.bool_) if self.torches else _NO_TORCH
            out = np.empty(len(ids))
            if _sight_by_pools(np.ascontiguousarray(pos), torch, *packed, SIGHT_BY_LIGHT["lit"] * self.sight_mult,
                               ambient * self.sight_mult, out):
                return out
        return np.array([SIGHT_BY_LIGHT[self.light_at(x, y, i)] * self.sight_mult
                         for (x, y), i in zip(pos.tolist(), ids, strict=True)], dtype=np.float64)

    def _packed_pools(self) -> tuple[np.ndarray, ...]:
        """``pools`` as ``_sight_by_pools`` reads them: per pool its x, y, radius and cell px,
        its grid's side (cells) and first cell in the grids laid end to end (C order), and
        those grids. Made again only when ``pools`` is another list (``relight``)."""
        if self._packed_of is not self.pools or self._packed[0].size != len(self.pools):
            pools = self.pools
            sides = [pool.lit.shape[0] for pool in pools]
            self._packed = (np.array([pool.x for pool in pools], dtype=np.float64),
                            np.array([pool.y for pool in pools], dtype=np.float64),
                            np.array([pool.radius for pool in pools], dtype=np.float64),
                            np.array([pool.cell for pool in pools], dtype=np.float64),
                            np.array(sides, dtype=np.int64),
                            np.cumsum([0] + [n * n for n in sides[:-1]], dtype=np.int64),
                            np.concatenate([np.ascontiguousarray(pool.lit, dtype=np.bool_).ravel() for pool in pools])
                            if pools else np.zeros(0, dtype=np.bool_))
            self._packed_of = pools
        return self._packed


_NO_TORCH = np.zeros(0, dtype=np.bool_)  # (no torch is on: _sight_by_pools asks none)
# Relative margin round a pool's radius inside which _pool_lit does not decide: chipmunk aside,
# ``math.hypot`` (Python's own, correctly rounded or within an ulp) and the square root of the
# compiled squares differ by a few ulps at most, so beyond it both say the same.
_RADIUS_DOUBT = 1e-9


@kernel
def _pool_lit(x: float, y: float, px: float, py: float, radius: float, cell: float, n: int, first: int,
              lit: np.ndarray) -> int:
    """``LampPool.lights(x, y)`` for one pool (its x, y, radius, cell, side ``n`` and grid at
    ``lit[first:first + n * n]``): 1 lit, 0 not, -1 when it cannot tell for sure (the distance
    within ``_RADIUS_DOUBT`` of the radius, a NaN, or a cell index Python would reject)."""
    if not radius >= 0.0:  # (a NaN or negative radius: Python's answer)
        return -1
    dx = x - px
    dy = y - py
    d2 = dx * dx + dy * dy
    inner = radius * (1.0 - _RADIUS_DOUBT)
    outer = radius * (1.0 + _RADIUS_DOUBT)
    if not d2 <= inner * inner:  # (not surely within the radius: surely beyond it, or not sure)
        return 0 if d2 >= outer * outer else -1
    half = n * cell / 2  # (``LampPool.corner``'s arithmetic)
    c = min(n - 1, int((x - (px - half)) // cell))
    r = min(n - 1, int((y - (py - half)) // cell))
    if c < 0:  # (Python's index from the end)
        c += n
    if r < 0:
        r += n
    if c < 0 or r < 0:
        return -1
    return 1 if lit[first + r * n + c] else 0


@kernel
def _sight_by_pools(pos: np.ndarray, torch: np.ndarray, px: np.ndarray, py: np.ndarray, radius: np.ndarray,
                    cell: np.ndarray, side: np.ndarray, first: np.ndarray, lit: np.ndarray, lit_px: float,
                    ambient_px: float, out: np.ndarray) -> bool:
    """``Sky.sight_ranges`` away from daylight into ``out`` (m,): ``lit_px`` for a student
    carrying a torch that is on (``torch``, (m,) or empty for none) or in a pool's light (the
    first pool, in order, that lights it), else ``ambient_px``. False when some answer is
    not sure (``_pool_lit``): the caller works them all out in Python then."""
    for i in range(pos.shape[0]):
        if torch.size and torch[i]:
            out[i] = lit_px
            continue
        out[i] = ambient_px
        for k in range(px.size):
            got = _pool_lit(pos[i, 0], pos[i, 1], px[k], py[k], radius[k], cell[k], side[k], first[k], lit)
            if got < 0:
                return False
            if got:
                out[i] = lit_px
                break
    return True
