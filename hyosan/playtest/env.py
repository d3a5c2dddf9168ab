"""A Gymnasium-style environment over the real ``World``: ``HyosanEnv``.

If ``gymnasium`` is installed (``pip install hyosan[gym]``) the class is a ``gymnasium.Env``
with ``gymnasium.spaces``; without it, it keeps the same API with small stand-in spaces.

Actions — ``Discrete(len(ACTIONS))``, a fixed table (``ACTIONS[i]`` is the tuple of commands):

- ``0``: nothing;
- ``1..24``: move in one of 8 directions (E, SE, S, SW, W, NW, N, NE) at a gait —
  index ``1 + 3*d + g`` with gaits ``(walk, sprint, sneak)``;
- ``25..32``: walk in direction ``d`` while holding Grab (drag a prop);
- ``33`` grab (hold, standing), ``34`` use, ``35`` melee, ``36`` shove, ``37`` switch lead,
  ``38`` toggle follow/hold.

Each ``step`` runs ``frame_skip`` ticks (default 4, 15 decisions per simulated second): held
commands (move, grab) repeat on every tick, one-shot commands go on the first tick only.

Observation — ``Box(0, 255, (6, 32, 32), uint8)``: layers on a 32×32-tile window centred on
the lead (row-major, rows first), 255 outside the map for walls:

0. walls (255 solid, 128 door tiles), 1. light (from ``world.light`` when the world has one;
   until then 255 on every map tile), 2. noise (loudness of recent sounds, decaying ×0.7 a
   step), 3. zombies (40 per zombie in a tile, capped), 4. students (255 the lead, 128 others),
   5. exits (255).

Reward: +1 on a win, −1 on a loss, plus 0.02 per tile the lead gets closer to the exit along
the flow field (and −0.02 per tile away), minus 0.001 a step. ``terminated`` when the level is
won or lost; ``truncated`` after ``max_steps`` (default: the level's time limit).
"""

from __future__ import annotations

import math
import os
from typing import Any

import numpy as np

from ..content.schema import LevelSpec
from ..control import perceive
from ..control.bots import UNREACHABLE, flow_field
from ..sim import commands as cmd
from ..sim import events as ev
from ..sim.tilemap import DOOR
from ..sim.world import World

try:  # optional: the `gym` extra
    import gymnasium as _gym
    from gymnasium import spaces as _spaces

    _Base: type = _gym.Env
except ImportError:  # pragma: no cover - exercised only without gymnasium
    _gym = None
    _spaces = None
    _Base = object

GRID = 32
LAYERS = ("walls", "light", "noise", "zombies", "students", "exits")
DIRECTIONS = ((1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1))
GAIT_ORDER = ("walk", "sprint", "sneak")


def _build_actions() -> tuple[tuple[cmd.Command, ...], ...]:
    table: list[tuple[cmd.Command, ...]] = [()]
    for dx, dy in DIRECTIONS:
        n = math.hypot(dx, dy)
        for gait in GAIT_ORDER:
            table.append((cmd.Move(dx / n, dy / n, gait),))
    for dx, dy in DIRECTIONS:
        n = math.hypot(dx, dy)
        table.append((cmd.Move(dx / n, dy / n, "walk"), cmd.Grab()))
    table += [(cmd.Grab(),), (cmd.Use(),), (cmd.Melee(),), (cmd.Shove(),), (cmd.SwitchLead(),), (cmd.ToggleFollow(),)]
    table.append((cmd.Special(),))  # (last: the earlier actions keep their numbers)
    return tuple(table)


ACTIONS = _build_actions()
HELD = (cmd.Move, cmd.Grab)


class _Discrete:
    """Stand-in for ``gymnasium.spaces.Discrete`` when gymnasium is absent."""

    def __init__(self, n: int) -> None:
        self.n, self.shape, self.dtype = n, (), np.int64
        self._rng = np.random.default_rng()

    def sample(self) -> int:
        return int(self._rng.integers(self.n))

    def contains(self, x: Any) -> bool:
        return isinstance(x, (int, np.integer)) and 0 <= int(x) < self.n


class _Box:
    """Stand-in for ``gymnasium.spaces.Box`` when gymnasium is absent."""

    def __init__(self, low: int, high: int, shape: tuple[int, ...], dtype: Any) -> None:
        self.low, self.high, self.shape, self.dtype = low, high, shape, dtype

    def contains(self, x: Any) -> bool:
        return isinstance(x, np.ndarray) and x.shape == self.shape and x.dtype == self.dtype


def default_level() -> tuple[str, LevelSpec]:
    """The first level of the first built-in pack: the campaign, which discovery lists first."""
    from ..content.discovery import discover_packs

    packs = [e.pack for e in discover_packs() if e.pack is not None and e.pack.levels]
    if not packs:
        raise RuntimeError("no built-in level pack could be loaded")
    return f"{packs[0].id}/{packs[0].levels[0].id}", packs[0].levels[0]


class HyosanEnv(_Base):  # type: ignore[misc]
    """One level as an RL environment (see the module docstring for spaces and reward)."""

    metadata = {"render_modes": ["rgb_array"], "render_fps": 15}

    def __init__(self, level: str | LevelSpec | None = None, render_mode: str | None = None,
                 frame_skip: int = 4, max_steps: int | None = None) -> None:
        if render_mode not in (None, "rgb_array"):
            raise ValueError(f"render_mode must be None or 'rgb_array', not {render_mode!r}")
        if level is None:
            self.level_ref, self.level_spec = default_level()
        elif isinstance(level, LevelSpec):
            self.level_ref, self.level_spec = level.id, level
        else:
            from ..content.discovery import resolve_level

            self.level_ref, self.level_spec = resolve_level(level)
        self.render_mode = render_mode
        self.frame_skip = max(1, int(frame_skip))
        limit_ticks = int(round(self.level_spec.time_limit_seconds * 60))
        self.max_steps = max_steps if max_steps is not None else math.ceil(limit_ticks / self.frame_skip)
        shape = (len(LAYERS), GRID, GRID)
        if _spaces is not None:
            self.action_space = _spaces.Discrete(len(ACTIONS))
            self.observation_space = _spaces.Box(0, 255, shape, np.uint8)
        else:
            self.action_space = _Discrete(len(ACTIONS))
            self.observation_space = _Box(0, 255, shape, np.uint8)
        self.world: World | None = None
        self._own_rng = np.random.default_rng()
        self._frame: Any = None

    # ------------------------------------------------------------------ API
    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None) -> tuple[np.ndarray, dict[str, Any]]:
        """Start the level again; ``seed`` seeds the world (random when None)."""
        if _gym is not None:
            super().reset(seed=seed)
            rng = self.np_random
        else:
            if seed is not None:
                self._own_rng = np.random.default_rng(seed)
            rng = self._own_rng
        world_seed = int(seed) if seed is not None else int(rng.integers(0, 2**31 - 1))
        self.world = World.from_spec(self.level_spec, world_seed)
        tm = self.world.tilemap
        self._field = flow_field(~tm.solid, self.world.objectives.exit_tiles(self.world))
        self._static = self._static_layers()
        self._noise = np.zeros(tm.kind.shape, dtype=np.float32)
        self._steps = 0
        self._dist = self._lead_distance()
        return self._observe(), self._info()

    def step(self, action: int) -> tuple[np.ndarray, float, bool, bool, dict[str, Any]]:
        """Send one action for ``frame_skip`` ticks; the usual five-tuple."""
        if self.world is None:
            raise RuntimeError("call reset() before step()")
        a = int(action)
        if not 0 <= a < len(ACTIONS):
            raise ValueError(f"action {action!r} is outside 0..{len(ACTIONS) - 1}")
        world = self.world
        commands = ACTIONS[a]
        held = tuple(c for c in commands if isinstance(c, HELD))
        self._noise *= 0.7
        reward = -0.001
        for k in range(self.frame_skip):
            if world.outcome is not None:
                break
            events = world.step(cmd.TickInput(commands if k == 0 else held))
            for e in events:
                if isinstance(e, ev.Sound):
                    c, r = world.tilemap.tile_of(e.x, e.y)
                    self._noise[r, c] = min(255.0, self._noise[r, c] + e.loudness)
        self._steps += 1
        dist = self._lead_distance()
        if math.isfinite(dist) and math.isfinite(self._dist):
            reward += 0.02 * (self._dist - dist)
        self._dist = dist
        terminated = world.outcome is not None
        if world.outcome == "win":
            reward += 1.0
        elif world.outcome == "loss":
            reward -= 1.0
        truncated = not terminated and self._steps >= self.max_steps
        return self._observe(), float(reward), terminated, truncated, self._info()

    def render(self) -> np.ndarray | None:
        """An RGB frame (H, W, 3) uint8 of the world around the lead, in ``rgb_array`` mode."""
        if self.render_mode != "rgb_array" or self.world is None:
            return None
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        import pygame

        from ..render.camera import Camera
        from ..render.world_view import WorldView

        if self._frame is None or self._frame[0] is not self.world:
            camera = Camera(320, 240, scale=2.0)
            self._frame = (self.world, camera, WorldView(self.world, camera.scale), pygame.Surface((320, 240)))
        _, camera, view, surface = self._frame
        x, y = self.world.student_pos(self.world.lead_student)
        camera.follow(float(x), float(y), self.world.tilemap.width_px, self.world.tilemap.height_px, snap=True)
        surface.fill((0, 0, 0))
        view.draw(surface, camera, 1.0)
        return np.ascontiguousarray(pygame.surfarray.array3d(surface).transpose(1, 0, 2))

    def close(self) -> None:
        """Drop the world and the render surfaces."""
        self.world = None
        self._frame = None

    # ------------------------------------------------------------------ internals
    def _lead_distance(self) -> float:
        assert self.world is not None
        c, r = self.world.tilemap.tile_of(*self.world.student_pos(self.world.lead_student))
        d = self._field[r, c]
        return math.inf if d == UNREACHABLE else float(d)

    def _static_layers(self) -> np.ndarray:
        assert self.world is not None
        tm = self.world.tilemap
        walls = np.where(tm.solid, 255, np.where(tm.kind == DOOR, 128, 0)).astype(np.uint8)
        exits = np.where(self.world.objectives.exit_tiles(self.world), 255, 0).astype(np.uint8)
        return np.stack([walls, exits])

    def _window(self, layer: np.ndarray, fill: int, c0: int, r0: int) -> np.ndarray:
        out = np.full((GRID, GRID), fill, dtype=np.uint8)
        rows, cols = layer.shape
        rs, re = max(r0, 0), min(r0 + GRID, rows)
        cs, ce = max(c0, 0), min(c0 + GRID, cols)
        if rs < re and cs < ce:
            out[rs - r0:re - r0, cs - c0:ce - c0] = layer[rs:re, cs:ce]
        return out

    def _observe(self) -> np.ndarray:
        world = self.world
        assert world is not None
        tm = world.tilemap
        shape = tm.kind.shape
        light = getattr(world, "light", None)
        light_layer = np.full(shape, 255, dtype=np.uint8)
        if isinstance(light, np.ndarray) and light.shape == shape:
            scale = 255.0 if light.dtype.kind == "f" else 1.0
            light_layer = np.clip(light * scale, 0, 255).astype(np.uint8)
        zombies = np.zeros(shape, dtype=np.float32)
        for x, y in perceive.zombie_positions(world):
            c, r = tm.tile_of(float(x), float(y))
            zombies[r, c] += 40.0
        students = np.zeros(shape, dtype=np.uint8)
        for i, s in enumerate(world.students):
            if s.alive:
                c, r = tm.tile_of(*world.student_pos(s))
                students[r, c] = max(students[r, c], 255 if i == world.lead else 128)
        lc, lr = tm.tile_of(*world.student_pos(world.lead_student))
        c0, r0 = lc - GRID // 2, lr - GRID // 2
        layers = [
            self._window(self._static[0], 255, c0, r0),
            self._window(light_layer, 0, c0, r0),
            self._window(np.clip(self._noise, 0, 255).astype(np.uint8), 0, c0, r0),
            self._window(np.clip(zombies, 0, 255).astype(np.uint8), 0, c0, r0),
            self._window(students, 0, c0, r0),
            self._window(self._static[1], 0, c0, r0),
        ]
        return np.stack(layers)

    def _info(self) -> dict[str, Any]:
        world = self.world
        assert world is not None
        return {"tick": world.tick, "outcome": world.outcome, "cause": world.loss_cause,
                "distance_to_exit": self._dist, "level": self.level_ref, "seed": world.seed,
                "zombies": perceive.zombies_alive(world)}
