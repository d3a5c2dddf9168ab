"""The Gymnasium-style environment: spaces hold, episodes end, a scripted walk out earns the win;
the reward follows the current objective, the light layer is the horde's light, the zombie layer
holds what a player could see, throws throw."""

from __future__ import annotations

import math

import numpy as np
import pytest

from hyosan.control import perceive
from hyosan.playtest import env as env_module
from hyosan.playtest.env import (
    ACTIONS,
    LAYERS,
    LIGHT_VALUE,
    OBJECTIVE_BONUS,
    STEP_COST,
    STUDENT_LOST_PENALTY,
    THROW_ACTIONS,
    THROW_DISTANCE_PX,
    ZOMBIE_WEIGHT,
    HyosanEnv,
)
from hyosan.sim import commands as cmd
from hyosan.sim.units import TILE_PX

STORM = "hyosan/storm-crossing"


def _greedy_action(bot, world) -> int:
    """The move of GreedyBot's input as one of the env's walk actions (0 when it does not move)."""
    move = bot.act(world).first(cmd.Move)
    if move is None:
        return 0
    return 1 + 3 * (int(round(math.atan2(move.y, move.x) / (math.pi / 4))) % 8)


def _window_tile(env: HyosanEnv, c: int, r: int) -> tuple[int, int]:
    """(row, col) in the observation window of map tile (c, r)."""
    lc, lr = env.world.tilemap.tile_of(*env.world.student_pos(env.world.lead_student))
    return r - (lr - 16), c - (lc - 16)


def test_default_env_resets_and_steps_inside_its_spaces() -> None:
    env = HyosanEnv()
    obs, info = env.reset(seed=3)
    assert env.level_ref == "hyosan/classroom-barricade"  # the first campaign level
    assert obs.shape == (len(LAYERS), 32, 32) and obs.dtype == np.uint8
    assert env.observation_space.contains(obs) and info["tick"] == 0
    for a in range(len(ACTIONS)):
        obs, reward, terminated, truncated, info = env.step(a)
        assert env.observation_space.contains(obs) and isinstance(reward, float)
    assert info["tick"] == len(ACTIONS) * env.frame_skip
    again, _ = env.reset(seed=3)
    first, _ = HyosanEnv().reset(seed=3)
    assert np.array_equal(again, first)


def test_the_greedy_route_wins_and_terminates() -> None:
    from hyosan.control.bots import GreedyBot

    env = HyosanEnv(level="sandbox/first-steps", frame_skip=1)
    _, info = env.reset(seed=0)
    assert "stars" not in info and info["objectives_done"] == 0
    bot = GreedyBot()
    bot.reset(env.world)
    total = 0.0
    for _ in range(3000):
        _, reward, terminated, truncated, info = env.step(_greedy_action(bot, env.world))
        total += reward
        if terminated or truncated:
            break
    assert terminated and info["outcome"] == "win" and total > 1.0
    # the end: the result's stars and score, every objective done, no one lost
    assert info["stars"] == env.world.result.stars >= 1 and info["score"] == env.world.result.score > 0
    assert info["objective"] is None and info["objectives_done"] == len(info["objectives_done_ids"]) >= 1
    assert info["survivors"] == info["squad"] and info["lost"] == 0


def test_rgb_array_render_and_truncation() -> None:
    env = HyosanEnv(render_mode="rgb_array", max_steps=3)
    env.reset(seed=1)
    frame = env.render()
    assert frame.shape == (240, 320, 3) and frame.dtype == np.uint8 and frame.any()
    truncated = False
    for _ in range(3):
        *_, truncated, _ = env.step(0)
    assert truncated
    env.close()


def test_gymnasium_check_env_passes() -> None:
    gymnasium = pytest.importorskip("gymnasium")
    from gymnasium.utils.env_checker import check_env

    assert isinstance(HyosanEnv(), gymnasium.Env)
    # Registered: gymnasium.make builds it (with its spec, so the checker also tries the render
    # modes), on the first campaign level by default.
    made = gymnasium.make("Hyosan-v0", render_mode="rgb_array")
    assert isinstance(made.unwrapped, HyosanEnv) and made.unwrapped.level_ref == "hyosan/classroom-barricade"
    check_env(made.unwrapped, skip_render_check=False)
    other = gymnasium.make("Hyosan-v0", level="sandbox/first-steps")
    assert other.unwrapped.level_ref == "sandbox/first-steps"


def test_walking_to_the_key_box_is_rewarded_while_the_keys_are_the_objective() -> None:
    """Storm Crossing starts with the key box, north of the lobby, away from the exit (east):
    the walk there scored negative when the shaping pointed at the exit."""
    from hyosan.control.bots import GreedyBot

    env = HyosanEnv(level=STORM)
    _, info = env.reset(seed=0)
    assert info["objective"] == "keys" and "key box" in info["objective_text"]
    start, exit_start = info["distance_to_objective"], info["distance_to_exit"]
    bot = GreedyBot()
    bot.reset(env.world)
    total = 0.0
    for _ in range(80):
        _, reward, terminated, _, info = env.step(_greedy_action(bot, env.world))
        total += reward
        assert not terminated and info["objective"] == "keys"
    assert info["distance_to_objective"] < start - 20
    assert info["distance_to_exit"] > exit_start  # walked away from the exit...
    assert total > 0.3  # ...and was paid for it: 0.02 a tile nearer the key box, less the step cost


def test_the_objective_layer_shows_the_place_the_reward_points_at() -> None:
    # The shaping paid for walking to a place no layer showed. Layer 6 is that place.
    env = HyosanEnv(level=STORM)
    obs, info = env.reset(seed=0)
    assert LAYERS[6] == "objective" and info["objective"] == "keys"
    whole = env._goal_layer()
    assert np.array_equal(whole > 0, perceive.objective_tiles(env.world))
    # In the window round the lead: lit only where the key box's tiles fall inside it.
    c, r = env.world.tilemap.tile_of(*env.world.student_pos(env.world.lead_student))
    rows, cols = np.nonzero(whole)
    inside = [(rr - r + 16, cc - c + 16) for rr, cc in zip(rows, cols, strict=True)
              if 0 <= rr - r + 16 < 32 and 0 <= cc - c + 16 < 32]
    assert {tuple(x) for x in np.argwhere(obs[6] == 255)} == set(inside)
    hold = HyosanEnv()  # the Classroom's hold names no place
    obs, _ = hold.reset(seed=0)
    assert not obs[6].any()


def test_no_distance_shaping_while_the_classroom_holds_out() -> None:
    env = HyosanEnv()  # Classroom Barricade: a 100 s hold first
    _, info = env.reset(seed=1)
    assert info["objective"] == "hold" and info["distance_to_objective"] is None
    assert perceive.objective_tiles(env.world) is None
    for action in [0] * 10 + [1] * 10 + [13] * 10:  # stand, walk east, walk west
        _, reward, _, _, info = env.step(action)
        assert reward == pytest.approx(-STEP_COST) and info["objective"] == "hold"


def test_a_done_objective_pays_its_bonus_and_the_field_moves_to_the_next_place() -> None:
    env = HyosanEnv(level=STORM)
    _, info = env.reset(seed=0)
    to_keys = info["distance_to_objective"]
    env.world.director.station_done.add("key-box")  # as if the keys were taken
    _, reward, _, _, info = env.step(0)
    assert reward == pytest.approx(OBJECTIVE_BONUS - STEP_COST)  # no shaping for the jump in distance
    assert info["objective"] == "gate" and info["objectives_done"] == 1 and info["objectives_done_ids"] == ["keys"]
    goal = perceive.objective_tiles(env.world)  # the tiles the padlock is worked from
    padlock = next(s for s in env.world.director.stations if s.spec.id == "padlock")
    assert goal[int(padlock.spec.at[1]), int(padlock.spec.at[0])]
    assert info["distance_to_objective"] != to_keys and math.isfinite(info["distance_to_objective"])


def test_a_lost_student_costs_the_penalty() -> None:
    env = HyosanEnv()
    env.reset(seed=2)
    follower = next(s for i, s in enumerate(env.world.students) if i != env.world.lead)
    follower.health = 0.0  # torn down: the sim turns them on the next tick
    _, reward, _, _, info = env.step(0)
    assert reward == pytest.approx(-STEP_COST - STUDENT_LOST_PENALTY)
    assert info["lost"] == 1 and info["survivors"] == info["squad"] - 1


def test_the_light_layer_is_dark_away_from_the_lamps_and_lit_under_one() -> None:
    env = HyosanEnv(level=STORM)
    obs, _ = env.reset(seed=0)
    light = env.light_layer()
    assert light[7, 20] == LIGHT_VALUE["lit"] > 0  # under the car park's west lamp (20, 7)
    assert light[10, 12] == light[30, 50] == LIGHT_VALUE["dark"] == 0
    assert (light == 0).mean() > 0.8  # a dark night: most of the map
    assert obs[1][_window_tile(env, 20, 7)] == LIGHT_VALUE["lit"]
    assert obs[1][_window_tile(env, 12, 10)] == 0
    day, _ = HyosanEnv().reset(seed=0)  # the classroom is in daylight
    assert LIGHT_VALUE["day"] == 255 and (day[1][day[0] < 255] == 255).all()  # every open tile of the map


def test_zombies_in_the_dark_show_only_in_light_or_near_the_squad(monkeypatch) -> None:
    env = HyosanEnv(level=STORM)
    env.reset(seed=0)
    world = env.world
    lx, ly = (float(v) for v in world.student_pos(world.lead_student))
    lamp = (20.5 * TILE_PX, 7.5 * TILE_PX)
    dark = (12.5 * TILE_PX, 10.5 * TILE_PX)  # far from the squad and any lamp
    torch = world.students[[s.id for s in world.students].index("on-jo")]
    tx, ty = (float(v) for v in world.student_pos(torch))
    ahead = (tx + 100.0 * torch.facing[0], ty + 100.0 * torch.facing[1])  # in its cone, once lit
    zombies = np.array([(lx + 20.0, ly), lamp, dark, ahead])
    monkeypatch.setattr(perceive, "zombie_positions", lambda _w: zombies)
    layer = env.observe()[3]

    def at(x: float, y: float, obs: np.ndarray) -> int:
        return int(obs[_window_tile(env, *world.tilemap.tile_of(x, y))])

    assert at(lx + 20.0, ly, layer) == ZOMBIE_WEIGHT  # next to the lead: in its glow
    assert at(*lamp, layer) == ZOMBIE_WEIGHT  # under a lamp
    assert at(*dark, layer) == 0  # in the dark: not there for the agent
    assert at(*ahead, layer) == 0  # the torch is off
    world.sky.toggle_torches()
    assert at(*ahead, env.observe()[3]) == ZOMBIE_WEIGHT
    day = HyosanEnv()  # in daylight every zombie shows
    day.reset(seed=0)
    assert len(day.visible_zombies()) == len(zombies)


def test_the_zombie_sight_rules_match_the_renderer() -> None:
    from hyosan.render import light

    assert env_module.SEEN_NEAR_STUDENT_PX == light.BLOB_RADIUS
    assert env_module.TORCH_REACH_PX == light.TORCH_LENGTH
    # only the dark ambient hides zombies: dawn draws the frame at half light, day and lit not at all
    hidden = [name for name in ("day", "lit", "dawn", "dark")
              if light.AMBIENT.get(name) is not None and max(light.AMBIENT[name]) < 100]
    assert hidden == list(env_module.DARK_AMBIENTS)


def test_the_throw_actions_throw_a_phone_each_way() -> None:
    assert len(ACTIONS) == 50 and ACTIONS[39] == (cmd.Special(),) and ACTIONS[48] == (cmd.ToggleTorch(),)
    assert ACTIONS[34] == (cmd.Use(),) and ACTIONS[38] == (cmd.ToggleFollow(),)  # earlier numbers kept
    env = HyosanEnv(level="sandbox/first-steps")
    env.reset(seed=0)
    x, y = (float(v) for v in env.world.student_pos(env.world.lead_student))
    assert env.commands_for(49) == (cmd.ToggleFriend(x, y),)  # the friend by the lead
    targets = []
    for a in THROW_ACTIONS:
        (throw,) = env.commands_for(a)
        assert isinstance(throw, cmd.Throw)
        assert math.hypot(throw.x - x, throw.y - y) == pytest.approx(THROW_DISTANCE_PX)
        targets.append((round(throw.x - x), round(throw.y - y)))
    assert targets[0] == (round(THROW_DISTANCE_PX), 0) and targets[2] == (0, round(THROW_DISTANCE_PX))
    phones = env.world.phones_left
    env.step(THROW_ACTIONS[0])
    assert env.world.phones_left == phones - 1
