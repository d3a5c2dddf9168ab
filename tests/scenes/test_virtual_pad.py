"""The whole game driven by a pad that SDL enumerates, maps and hot-plugs (tests/virtual_pad.py).

Everything goes through ``run_app``'s own loop and SDL's real game-controller layer: title to
level select to briefing to play by pad alone, the stick walks the lead, a trigger sprints,
pulling the pad pauses, and a pad plugged in again (a new SDL instance id) resumes play.
"""

from __future__ import annotations

import pygame
import pytest

from hyosan import settings as st
from hyosan.scenes.briefing import BriefingScene
from hyosan.scenes.screens import LevelSelectScene, PauseScene, PlayScene, TitleScene
from hyosan.sim import commands as cmd
from tests.virtual_pad import VirtualPad


def test_a_virtual_sdl_pad_plays_the_game_from_the_title(screen, monkeypatch, tmp_path) -> None:
    why_not = VirtualPad.available()
    if why_not:
        pytest.skip(why_not)
    from hyosan import app
    from hyosan.control import gamepad
    from hyosan.scenes import stack as stack_mod

    monkeypatch.setenv("HYOSAN_DATA_DIR", str(tmp_path / "data"))
    st.save(st.Settings(record_replays=False))
    stacks: list = []
    pads: list = []
    for cls, seen_in in ((stack_mod.SceneStack, stacks), (gamepad.Gamepads, pads)):
        real_init = cls.__init__

        def spy_init(self, *args, _real=real_init, _seen=seen_in, **kwargs) -> None:
            _seen.append(self)
            _real(self, *args, **kwargs)

        monkeypatch.setattr(cls, "__init__", spy_init)

    pad: VirtualPad | None = None
    seen: dict[str, object] = {}

    def play() -> PlayScene:
        return next(s for s in reversed(stacks[0].scenes) if isinstance(s, PlayScene))

    def lead_x() -> float:
        world = play().world
        return float(world.student_pos(world.lead_student)[0])

    def tick() -> int:
        return play().world.tick

    def walked(since: dict, ticks: int):  # the play scene runs the sim in real time: wait on ticks
        return lambda: tick() >= since["tick"] + ticks

    # What the player does, step by step: each step waits for its condition (a frame count, or
    # simulated ticks once in play), then acts. A button is let go a frame before the next press,
    # because SDL sends an event only when a button's state changes between two pumps.
    mark: dict[str, int] = {}

    def plug() -> None:
        nonlocal pad
        pad = VirtualPad()
        pad.plug()

    def on_title() -> None:
        seen["opened"] = len(pads[0].pads)
        seen["title"] = isinstance(stacks[0].top, TitleScene)
        pad.stick("left", 0.0, 1.0)  # stick down: one menu step...

    def stick_back() -> None:
        seen["title_index"] = stacks[0].top.menu.index  # ...not one per frame while it is held
        pad.stick("left", 0.0, 0.0)
        pad.button("dpup", True)

    def release() -> None:
        for name in ("dpup", "a", "b", "start"):
            pad.button(name, False)

    def choose_level() -> None:
        seen["select"] = isinstance(stacks[0].top, LevelSelectScene)
        pad.button("a", True)

    def start_level() -> None:
        seen["briefing"] = isinstance(stacks[0].top, BriefingScene)
        pad.button("start", True)

    def walk() -> None:
        seen["playing"] = isinstance(stacks[0].top, PlayScene)
        seen["held_after_plug"] = set(play().input.pad_state.held)  # triggers at rest press nothing
        seen["x0"], mark["tick"] = lead_x(), tick()
        pad.stick("left", 1.0, 0.0)  # walk east

    def sprint() -> None:
        seen["walk"] = play().input.tick_input().commands
        seen["x1"] = lead_x()
        pad.trigger("left", 1.0)

    def pull() -> None:
        seen["sprint"] = play().input.tick_input().commands
        pad.unplug()  # the cable comes out mid-sprint

    def after_pull() -> None:
        seen["paused"] = isinstance(stacks[0].top, PauseScene)
        seen["reason_pulled"] = stacks[0].top.reason
        seen["held_after_pull"] = (set(play().input.pad_state.held), play().input.tick_input().commands)
        seen["opened_after_pull"] = len(pads[0].pads)
        seen["x2"], seen["tick2"] = lead_x(), tick()

    def replug() -> None:
        seen["x3"], seen["tick3"] = lead_x(), tick()  # paused: nothing moves
        pad.plug()  # plugged in again: SDL gives it a new instance id

    def resume() -> None:
        seen["opened_after_replug"] = len(pads[0].pads)
        seen["reason_back"] = stacks[0].top.reason
        pad.button("b", True)  # B: resume

    def walk_again() -> None:
        seen["resumed"] = isinstance(stacks[0].top, PlayScene)
        seen["x4"], mark["tick"] = lead_x(), tick()
        pad.stick("left", 1.0, 0.0)

    def finish() -> None:
        seen["x5"] = lead_x()
        pad.stick("left", 0.0, 0.0)
        pad.unplug()
        pygame.event.post(pygame.event.Event(pygame.QUIT))

    steps = [(1, plug), (3, on_title), (2, stick_back), (1, release), (1, lambda: pad.button("a", True)),
             (1, release), (1, choose_level), (1, release), (1, start_level), (1, release),
             (2, walk), (walked(mark, 30), sprint), (3, pull), (2, after_pull), (20, replug),
             (3, resume), (1, release), (2, walk_again), (walked(mark, 30), finish)]
    state = {"step": 0, "wait": 0}

    def script(frame: int) -> None:
        if state["step"] >= len(steps):
            return
        when, act = steps[state["step"]]
        state["wait"] += 1
        if (state["wait"] >= when) if isinstance(when, int) else when():
            act()
            state["step"] += 1
            state["wait"] = 0

    frames = {"n": 0}
    real_get = pygame.event.get

    def get_after_script(*args, **kwargs) -> list[pygame.event.Event]:
        script(frames["n"])
        frames["n"] += 1
        return real_get(*args, **kwargs)  # SDL pumps the joystick and sends the pad's events

    monkeypatch.setattr(pygame.event, "get", get_after_script)
    try:
        assert app.run_app(max_frames=3000) == 0
    finally:
        if pad is not None and pad.handle is not None:
            pad.unplug()
    assert seen["opened"] == 1 and seen["title"]
    assert seen["title_index"] == 1
    assert seen["select"] and seen["briefing"] and seen["playing"]
    assert seen["held_after_plug"] == set()
    assert seen["walk"] == (cmd.Move(1.0, 0.0, "walk"),)
    assert seen["x1"] > seen["x0"] + 25  # half a second of walking east, ~37 px
    assert seen["sprint"] == (cmd.Move(1.0, 0.0, "sprint"),)
    assert seen["paused"] and seen["held_after_pull"] == (set(), ())
    assert seen["reason_pulled"] == PauseScene.PAD_GONE and seen["reason_back"] == PauseScene.PAD_BACK
    assert seen["opened_after_pull"] == 0
    assert seen["x3"] == seen["x2"] and seen["tick3"] == seen["tick2"]
    assert seen["opened_after_replug"] == 1 and state["step"] == len(steps)
    assert seen["resumed"] and seen["x5"] > seen["x4"] + 25
