"""A Gymnasium-style environment over the real ``World``: ``HyosanEnv``.

If ``gymnasium`` is installed (``pip install hyosan[gym]``) the class is a ``gymnasium.Env``
with ``gymnasium.spaces``; without it, it keeps the same API with small stand-in spaces.
``HyosanEnv()`` loads the first campaign level (``hyosan/classroom-barricade``); ``level=`` takes
a pack reference (``"hyosan/storm-crossing"``), a path to a level file, or a ``LevelSpec``.

Actions — ``Discrete(len(ACTIONS))`` (50), a fixed table (``ACTIONS[i]`` is the tuple of
commands; ``env.commands_for(i)`` is what ``step`` sends, throws aimed from the lead):

- ``0``: nothing;
- ``1..24``: move in one of 8 directions ``d`` (E, SE, S, SW, W, NW, N, NE) at a gait —
  index ``1 + 3*d + g`` with gaits ``(walk, sprint, sneak)``;
- ``25..32``: walk in direction ``d`` while holding Grab (drag a prop) — ``25 + d``;
- ``33`` grab (hold, standing), ``34`` use, ``35`` melee, ``36`` shove, ``37`` switch lead,
  ``38`` toggle follow/hold, ``39`` special (the lead's own move: On-jo's extinguisher, Ha-ri's
  bow...);
- ``40..47``: throw a phone (the noise-maker, ``cmd.Throw``) ``THROW_DISTANCE_PX`` (168 px,
  0.6 of the 280 px range: a blind pad throw) from the lead in direction ``d`` — ``40 + d``.
  ``ACTIONS`` holds the throw as ``Throw(dx, dy)``, an offset from the lead; ``step`` adds the
  lead's position. The sim cuts it short at a wall; with no phone left it does nothing;
- ``48``: switch the squad's phone torch on or off (``cmd.ToggleTorch``; on a dark level it
  lights the way and shows its carrier to the horde);
- ``49``: the follower nearest the lead holds where it stands, or follows again if it held
  (``cmd.ToggleFriend``, pointed at the lead, as the pad's held "follow" does).

Each ``step`` runs ``frame_skip`` ticks (default 4, 15 decisions per simulated second): held
commands (move, grab) repeat on every tick, one-shot commands go on the first tick only.

Observation — ``Box(0, 255, (7, 32, 32), uint8)``: layers on a 32×32-tile window centred on
the lead (row-major, rows first):

0. walls: 255 solid (and outside the map), 128 door tiles, 0 open.
1. light: what the horde sees by at each tile's centre, as the simulation has it
   (``sim.weather.Sky.light_at`` / ``SIGHT_BY_LIGHT``): the level's ambient, "lit" inside a
   lamp's pool (``sim.lamps``: walls and shut doors stop it) and on the tile of a student whose
   phone torch is on, daylight everywhere during a lightning flash. Scaled by sight range,
   ``255 * (range - 70) / (320 - 70)``: day 255, lit 173, dawn 82, dark 0 (0 outside the map).
   Render-only glows (round each student, the exits, the torch's cone) are not in it: the
   horde does not see by them.
2. noise: loudness of recent sounds (px of reach, summed per tile, capped at 255), decaying
   ×0.7 a step.
3. zombies: 40 per zombie in a tile (capped), counting only the zombies a player could make out
   on screen. On a day, lit or dawn level every zombie (the game draws them all; dawn at half
   brightness). On a dark level the game multiplies the frame by a near-black, so a zombie
   counts only while it stands in light: a tile of layer 1 above 0 (a lamp's pool, a torch
   carrier's tile, a lightning flash), within ``SEEN_NEAR_STUDENT_PX`` (40 px, the glow round
   every student, ``render.light.BLOB_RADIUS``) of a living student, or inside a lit phone
   torch's cone (``TORCH_REACH_PX`` 120 px, ±``TORCH_HALF_DEG`` 28° of its carrier's facing).
   The sky's flicker before a flash and the small glows of exits, cars and ribbons are left out.
4. students: 255 the lead, 128 the others.
5. exits: 255 on tiles where a student counts as out (``Objectives.exit_tiles``).
6. objective: 255 on the tiles of the current objective's place (``perceive.objective_tiles``:
   a station's tiles within reach, a zone's or trail marker's area, the exit), all 0 while it
   names none (hold out). The reward's shaping points there; without this layer an agent was
   paid for going somewhere it could not see.

Reward, per step (every number is a module constant):

- ``+1`` (``WIN_REWARD``) when the level is won, ``-1`` (``LOSS_REWARD``) when it is lost;
- ``+0.5`` (``OBJECTIVE_BONUS``) for each objective done this step (optional ones too);
- ``-0.5`` (``STUDENT_LOST_PENALTY``) for each student lost this step: down, turned or fallen
  (one who stays behind as bait at a bait station is the level's choice, not a loss);
- ``+0.02`` (``SHAPING_PER_TILE``) per tile the lead gets closer to the current objective's
  place along a flow field (4-connected steps over open, non-fall tiles), ``-0.02`` per tile
  away. The place is ``control.perceive.objective_tiles``: a station's tiles within reach (the
  objective arrow's spot), a zone's or trail marker's area, the exit. The field is worked out
  again when the current objective changes; a step on which the objective or the lead changes,
  or the lead is where no way leads, has no shaping (the distance jump is not progress). While
  the objective names no place (hold out, survive N seconds, wait for a sound or wave) there is
  no distance shaping at all;
- ``-0.001`` (``STEP_COST``) every step.

``terminated`` when the level is won or lost; ``truncated`` after ``max_steps`` (default: the
level's time limit).

``info``: ``tick``, ``outcome`` (None / "win" / "loss"), ``cause``, ``level``, ``seed``,
``zombies`` (alive), ``distance_to_exit`` (flow-field tiles from the lead to the exit, inf
where none), ``distance_to_objective`` (tiles to the current objective's place; None when it
names none), ``objective`` (current objective's id, None when none) and ``objective_text`` (its HUD line;
an endless level's aim),
``objectives_done`` (count) and ``objectives_done_ids`` (in the order done), ``survivors``
(students standing), ``squad`` (students in the level), ``lost`` (down, turned or fallen);
once the level is over, ``stars`` and ``score`` (``world.result``).
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
from ..sim.actions import THROW_RANGE
from ..sim.objectives import ENDLESS_TEXT
from ..sim.tilemap import DOOR
from ..sim.units import TILE_PX
from ..sim.weather import SIGHT_BY_LIGHT
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
LAYERS = ("walls", "light", "noise", "zombies", "students", "exits", "objective")
DIRECTIONS = ((1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1))
GAIT_ORDER = ("walk", "sprint", "sneak")
THROW_DISTANCE_PX = 0.6 * THROW_RANGE  # px from the lead: a blind pad throw's share of the range

# Reward (see the module docstring).
WIN_REWARD = 1.0
LOSS_REWARD = -1.0
OBJECTIVE_BONUS = 0.5  # per objective done
STUDENT_LOST_PENALTY = 0.5  # per student down, turned or fallen
SHAPING_PER_TILE = 0.02  # per flow-field tile closer to the current objective's place
STEP_COST = 0.001

# Light (layer 1): a sight range scaled so that dark is 0 and daylight 255.
_DARK_PX, _DAY_PX = SIGHT_BY_LIGHT["dark"], SIGHT_BY_LIGHT["day"]
LIGHT_VALUE = {name: int(round(255 * (px - _DARK_PX) / (_DAY_PX - _DARK_PX))) for name, px in SIGHT_BY_LIGHT.items()}
# Zombies (layer 3): on these ambients the game hides what stands out of the light.
DARK_AMBIENTS = ("dark",)
SEEN_NEAR_STUDENT_PX = 40.0  # the light round every student (render.light.BLOB_RADIUS)
TORCH_REACH_PX = 120.0  # a phone torch's cone (render.light.TORCH_LENGTH)...
TORCH_HALF_DEG = 28.0  # ...and its half width (assetgen.fx.torch_cone)
ZOMBIE_WEIGHT = 40.0  # per zombie in a tile


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
    # New actions go last: the earlier ones keep their numbers.
    table.append((cmd.Special(),))
    for dx, dy in DIRECTIONS:  # a throw's target is an offset from the lead here (commands_for)
        n = math.hypot(dx, dy)
        table.append((cmd.Throw(dx / n * THROW_DISTANCE_PX, dy / n * THROW_DISTANCE_PX),))
    table.append((cmd.ToggleTorch(),))
    table.append((cmd.ToggleFriend(0.0, 0.0),))  # (an offset from the lead, as a throw's)
    return tuple(table)


ACTIONS = _build_actions()
AIMED = (cmd.Throw, cmd.ToggleFriend)  # held in ACTIONS as an offset (px) from the lead
THROW_ACTIONS = range(40, 48)  # ACTIONS[40 + d]: throw in direction d
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
        self._passable = ~tm.solid & ~self.world.fall_mask  # a way over an edge is a way down
        self._exit_field = flow_field(self._passable, self.world.objectives.exit_tiles(self.world))
        self._fields: dict[str, np.ndarray | None] = {}  # objective id -> flow field to its place
        self._goals: dict[str, np.ndarray] = {}  # objective id -> layer 6 over the map (uint8)
        self._static = self._static_layers()
        self._noise = np.zeros(tm.kind.shape, dtype=np.float32)
        self._lamp_key: tuple[int, ...] | None = None
        self._lamp_tiles = np.zeros(tm.kind.shape, dtype=bool)
        self._steps = 0
        self._goal_key, self._field = self._objective_field()
        self._lead = self.world.lead
        self._dist = self._lead_distance(self._field)
        self._done = len(self.world.objectives.done)
        self._lost = self._lost_count()
        return self.observe(), self._info()

    def commands_for(self, action: int) -> tuple[cmd.Command, ...]:
        """The commands ``step(action)`` sends on its first tick: ``ACTIONS[action]``, a throw's
        (or a friend's order's) offset turned into a world point from the lead's position now."""
        commands = ACTIONS[int(action)]
        if not any(isinstance(c, AIMED) for c in commands):
            return commands
        if self.world is None:
            raise RuntimeError("call reset() before step()")
        x, y = (float(v) for v in self.world.student_pos(self.world.lead_student))
        return tuple(type(c)(x + c.x, y + c.y) if isinstance(c, AIMED) else c for c in commands)

    def step(self, action: int) -> tuple[np.ndarray, float, bool, bool, dict[str, Any]]:
        """Send one action for ``frame_skip`` ticks; the usual five-tuple."""
        if self.world is None:
            raise RuntimeError("call reset() before step()")
        a = int(action)
        if not 0 <= a < len(ACTIONS):
            raise ValueError(f"action {action!r} is outside 0..{len(ACTIONS) - 1}")
        world = self.world
        commands = self.commands_for(a)
        held = tuple(c for c in commands if isinstance(c, HELD))
        self._noise *= 0.7
        reward = -STEP_COST
        for k in range(self.frame_skip):
            if world.outcome is not None:
                break
            events = world.step(cmd.TickInput(commands if k == 0 else held))
            for e in events:
                if isinstance(e, ev.Sound):
                    c, r = world.tilemap.tile_of(e.x, e.y)
                    self._noise[r, c] = min(255.0, self._noise[r, c] + e.loudness)
        self._steps += 1
        done, lost = len(world.objectives.done), self._lost_count()
        reward += OBJECTIVE_BONUS * (done - self._done) - STUDENT_LOST_PENALTY * (lost - self._lost)
        self._done, self._lost = done, lost
        reward += self._shaping()
        terminated = world.outcome is not None
        if world.outcome == "win":
            reward += WIN_REWARD
        elif world.outcome == "loss":
            reward += LOSS_REWARD
        truncated = not terminated and self._steps >= self.max_steps
        return self.observe(), float(reward), terminated, truncated, self._info()

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
    def _objective_field(self) -> tuple[str | None, np.ndarray | None]:
        """(current objective's id, flow field to its place or None when it names none)."""
        assert self.world is not None
        o = self.world.objectives.current
        if o is None:
            return None, None
        if o.id not in self._fields:
            goal = perceive.objective_tiles(self.world)
            self._fields[o.id] = None if goal is None else flow_field(self._passable, goal)
        return o.id, self._fields[o.id]

    def _shaping(self) -> float:
        """The distance shaping of this step (see the module docstring); moves the baseline on."""
        assert self.world is not None
        key = self.world.objectives.current
        key = key.id if key is not None else None
        same = key == self._goal_key and self.world.lead == self._lead
        if key != self._goal_key:
            self._goal_key, self._field = self._objective_field()
        self._lead = self.world.lead
        dist = self._lead_distance(self._field)
        reward = 0.0
        if same and math.isfinite(dist) and math.isfinite(self._dist):
            reward = SHAPING_PER_TILE * (self._dist - dist)
        self._dist = dist
        return reward

    def _lead_distance(self, field: np.ndarray | None) -> float:
        """Flow-field tiles from the lead to ``field``'s goal; inf with no field or no way."""
        assert self.world is not None
        if field is None:
            return math.inf
        c, r = self.world.tilemap.tile_of(*self.world.student_pos(self.world.lead_student))
        d = field[r, c]
        return math.inf if d == UNREACHABLE else float(d)

    def _goal_layer(self) -> np.ndarray:
        """Layer 6 over the whole map: the current objective's place (cached per objective)."""
        world = self.world
        assert world is not None
        o = world.objectives.current
        if o is None:
            return np.zeros(world.tilemap.kind.shape, dtype=np.uint8)
        if o.id not in self._goals:
            tiles = perceive.objective_tiles(world)
            self._goals[o.id] = (np.zeros(world.tilemap.kind.shape, dtype=np.uint8) if tiles is None
                                 else np.where(tiles, 255, 0).astype(np.uint8))
        return self._goals[o.id]

    def _lost_count(self) -> int:
        """Students down, turned or fallen (not one who stayed behind as bait)."""
        assert self.world is not None
        return sum(1 for s in self.world.students if not s.alive and not s.stayed)

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

    def _lamps_lit(self) -> np.ndarray:
        """Tiles (rows, cols bool) whose centre a lamp lights (``LampPool.lights``), worked out
        again only when the sky's pools change (a door opened near a lamp)."""
        world = self.world
        assert world is not None
        pools = world.sky.pools
        key = tuple(p.version for p in pools)
        if key == self._lamp_key:
            return self._lamp_tiles
        rows, cols = world.tilemap.kind.shape
        lit = np.zeros((rows, cols), dtype=bool)
        for pool in pools:
            c0, r0, c1, r1 = pool.tiles()
            c0, r0, c1, r1 = max(c0, 0), max(r0, 0), min(c1, cols - 1), min(r1, rows - 1)
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if not lit[r, c] and pool.lights((c + 0.5) * TILE_PX, (r + 0.5) * TILE_PX):
                        lit[r, c] = True
        self._lamp_key, self._lamp_tiles = key, lit
        return lit

    def light_layer(self) -> np.ndarray:
        """Layer 1 over the whole map (rows, cols uint8): see the module docstring."""
        world = self.world
        assert world is not None
        shape = world.tilemap.kind.shape
        sky = getattr(world, "sky", None)
        if sky is None or sky.ambient == "day" or sky.flash(world.tick):
            return np.full(shape, LIGHT_VALUE["day"], dtype=np.uint8)
        base = LIGHT_VALUE.get(sky.ambient, LIGHT_VALUE["day"])
        lit = max(base, LIGHT_VALUE["lit"])
        layer = np.where(self._lamps_lit(), lit, base).astype(np.uint8)
        tm = world.tilemap
        for s in world.students:
            if s.alive and s.id in sky.torches:
                c, r = tm.tile_of(*world.student_pos(s))
                layer[r, c] = lit
        return layer

    def visible_zombies(self, light: np.ndarray | None = None) -> np.ndarray:
        """Positions (px, (n, 2)) of the living zombies a player could make out on screen (see
        layer 3 in the module docstring); ``light`` is ``light_layer()`` when already made."""
        world = self.world
        assert world is not None
        pos = perceive.zombie_positions(world)
        sky = getattr(world, "sky", None)
        if len(pos) == 0 or sky is None or sky.ambient not in DARK_AMBIENTS or sky.flash(world.tick):
            return pos
        light = self.light_layer() if light is None else light
        tm = world.tilemap
        cols = np.clip((pos[:, 0] // TILE_PX).astype(np.intp), 0, tm.cols - 1)
        rows = np.clip((pos[:, 1] // TILE_PX).astype(np.intp), 0, tm.rows - 1)
        seen = light[rows, cols] > LIGHT_VALUE["dark"]
        cos_half = math.cos(math.radians(TORCH_HALF_DEG))
        for s in world.students:
            if not s.alive:
                continue
            x, y = (float(v) for v in world.student_pos(s))
            dx, dy = pos[:, 0] - x, pos[:, 1] - y
            dist = np.hypot(dx, dy)
            seen |= dist <= SEEN_NEAR_STUDENT_PX
            if s.id in sky.torches:
                fx, fy = s.facing
                f = math.hypot(fx, fy) or 1.0
                seen |= (dist <= TORCH_REACH_PX) & (dx * fx / f + dy * fy / f >= cos_half * dist)
        return pos[seen]

    def observe(self) -> np.ndarray:
        """The observation of the world as it stands now (what ``reset`` and ``step`` return)."""
        world = self.world
        assert world is not None
        tm = world.tilemap
        shape = tm.kind.shape
        light = self.light_layer()
        zombies = np.zeros(shape, dtype=np.float32)
        for x, y in self.visible_zombies(light):
            c, r = tm.tile_of(float(x), float(y))
            zombies[r, c] += ZOMBIE_WEIGHT
        students = np.zeros(shape, dtype=np.uint8)
        for i, s in enumerate(world.students):
            if s.alive:
                c, r = tm.tile_of(*world.student_pos(s))
                students[r, c] = max(students[r, c], 255 if i == world.lead else 128)
        lc, lr = tm.tile_of(*world.student_pos(world.lead_student))
        c0, r0 = lc - GRID // 2, lr - GRID // 2
        layers = [
            self._window(self._static[0], 255, c0, r0),
            self._window(light, 0, c0, r0),
            self._window(np.clip(self._noise, 0, 255).astype(np.uint8), 0, c0, r0),
            self._window(np.clip(zombies, 0, 255).astype(np.uint8), 0, c0, r0),
            self._window(students, 0, c0, r0),
            self._window(self._static[1], 0, c0, r0),
            self._window(self._goal_layer(), 0, c0, r0),
        ]
        return np.stack(layers)

    def _info(self) -> dict[str, Any]:
        world = self.world
        assert world is not None
        objectives = world.objectives
        o = objectives.current
        info: dict[str, Any] = {
            "tick": world.tick, "outcome": world.outcome, "cause": world.loss_cause,
            "distance_to_exit": self._lead_distance(self._exit_field), "level": self.level_ref,
            "seed": world.seed, "zombies": perceive.zombies_alive(world),
            "distance_to_objective": self._dist if self._field is not None else None,
            "objective": o.id if o is not None else None,
            "objective_text": objectives.text(o) if o is not None else ENDLESS_TEXT if world.spec.endless else "",
            "objectives_done": len(objectives.done), "objectives_done_ids": list(objectives.done),
            "survivors": sum(1 for s in world.students if s.alive), "squad": len(world.students),
            "lost": self._lost,
        }
        if world.result is not None:
            info["stars"], info["score"] = world.result.stars, world.result.score
        return info


ENV_ID = "Hyosan-v0"
if _gym is not None and ENV_ID not in _gym.registry:  # gymnasium.make("Hyosan-v0", level=...) works too
    _gym.register(id=ENV_ID, entry_point="hyosan.playtest.env:HyosanEnv")
