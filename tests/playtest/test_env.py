"""The Gymnasium-style environment: spaces hold, episodes end, a scripted walk out earns the win."""

from __future__ import annotations

import numpy as np
import pytest

from hyosan.playtest.env import ACTIONS, LAYERS, HyosanEnv


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
    env.reset(seed=0)
    bot = GreedyBot()
    bot.reset(env.world)
    total = 0.0
    for _ in range(3000):
        move = bot.act(env.world).first(type(ACTIONS[1][0]))
        if move is None:
            action = 0
        else:
            angle = np.arctan2(move.y, move.x)
            action = 1 + 3 * (int(round(angle / (np.pi / 4))) % 8)
        _, reward, terminated, truncated, info = env.step(action)
        total += reward
        if terminated or truncated:
            break
    assert terminated and info["outcome"] == "win" and total > 1.0


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

    env = HyosanEnv(render_mode="rgb_array")
    assert isinstance(env, gymnasium.Env)
    check_env(env, skip_render_check=False)
