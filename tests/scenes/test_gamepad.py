"""The gamepad, driven by synthetic controller events: hot-plug, menus, play and remapping.

No real pad is needed: everything the game knows about a pad comes from CONTROLLER* events.
"""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from hyosan import settings as st
from hyosan.content.discovery import resolve_level
from hyosan.control.gamepad import AXIS_MAX, BUTTONS, Gamepads
from hyosan.control.human import POINTER_FRESH_TICKS, HumanInput
from hyosan.scenes.briefing import BriefingScene
from hyosan.scenes.screens import LevelSelectScene, PauseScene, PlayScene, TitleScene
from hyosan.scenes.settings_screen import SettingsScene
from hyosan.scenes.stack import SceneStack
from hyosan.sim import commands as cmd
from hyosan.sim.actions import THROW_RANGE
from tests.helpers import sandbox


def down(name: str) -> pygame.event.Event:
    return pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, instance_id=0, button=BUTTONS[name])


def up(name: str) -> pygame.event.Event:
    return pygame.event.Event(pygame.CONTROLLERBUTTONUP, instance_id=0, button=BUTTONS[name])


def axis(which: int, value: float) -> pygame.event.Event:
    return pygame.event.Event(pygame.CONTROLLERAXISMOTION, instance_id=0, axis=which, value=int(value * AXIS_MAX))


def key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="")


def press(stack: SceneStack, name: str) -> None:
    stack.handle(down(name))
    stack.handle(up(name))


def no_world(_p):
    return (0.0, 0.0)


LX, LY = pygame.CONTROLLER_AXIS_LEFTX, pygame.CONTROLLER_AXIS_LEFTY
RX, RY = pygame.CONTROLLER_AXIS_RIGHTX, pygame.CONTROLLER_AXIS_RIGHTY
LT, RT = pygame.CONTROLLER_AXIS_TRIGGERLEFT, pygame.CONTROLLER_AXIS_TRIGGERRIGHT


def test_left_stick_moves_with_analogue_sneak_and_walk_and_buttons_set_the_gait(screen) -> None:
    pad = HumanInput()
    assert pad.tick_input().commands == ()  # centred stick: no move
    pad.on_event(axis(LX, 0.1), no_world)  # inside the dead zone
    assert pad.tick_input().commands == ()
    pad.on_event(axis(LX, 1.0), no_world)
    assert pad.tick_input().commands == (cmd.Move(1.0, 0.0, "walk"),)
    pad.on_event(axis(LX, 0.4), no_world)  # pushed less than half way: sneak
    assert pad.tick_input().commands == (cmd.Move(1.0, 0.0, "sneak"),)
    pad.on_event(axis(LX, 0.0), no_world)
    pad.on_event(axis(LY, -1.0), no_world)
    pad.on_event(axis(LT, 0.9), no_world)  # sprint (left trigger past half way)
    assert pad.tick_input().commands == (cmd.Move(0.0, -1.0, "sprint"),)
    pad.on_event(axis(LT, 0.0), no_world)
    pad.on_event(down("leftshoulder"), no_world)  # sneak button overrides a full push
    assert pad.tick_input().commands == (cmd.Move(0.0, -1.0, "sneak"),)
    pad.on_event(up("leftshoulder"), no_world)
    pad.on_event(axis(LY, 0.0), no_world)
    pad.on_event(down("dpright"), no_world)  # the d-pad moves too
    assert pad.tick_input().commands == (cmd.Move(1.0, 0.0, "walk"),)
    pad.on_event(pygame.event.Event(pygame.CONTROLLERDEVICEREMOVED, instance_id=0), no_world)
    assert pad.tick_input().commands == ()  # unplugged: nothing stays held


def test_pad_buttons_make_the_same_commands_as_the_keys(screen) -> None:
    keys, pad = HumanInput(), HumanInput()
    pairs = [(pygame.K_SPACE, "x"), (pygame.K_r, "b"), (pygame.K_TAB, "y"), (pygame.K_f, "rightshoulder"),
             (pygame.K_t, "leftstick"), (pygame.K_e, "a")]
    for k, button in pairs:
        keys.on_event(key(k), no_world)
        pad.on_event(down(button), no_world)
        pad.on_event(up(button), no_world)
    from_keys, from_pad = keys.tick_input().commands, pad.tick_input().commands
    # (the same commands: the world reads each kind on its own, whatever their order in a tick)
    assert sorted(from_pad, key=repr) == sorted(from_keys, key=repr) == sorted(
        (cmd.Melee(), cmd.Shove(), cmd.SwitchLead(), cmd.ToggleFollow(), cmd.ToggleTorch(), cmd.Use()), key=repr)


def test_g_orders_the_friend_by_the_pointer_and_a_held_rb_the_friend_by_the_lead(screen, monkeypatch) -> None:
    lead_at = (100.0, 200.0)
    keys = HumanInput(aim_origin=lambda: lead_at)
    monkeypatch.setattr(pygame.mouse, "get_focused", lambda: True)
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: (30, 40))
    to_world = lambda p: (p[0] + 1000.0, p[1] + 2000.0)  # noqa: E731
    keys.on_event(key(pygame.K_g), to_world)  # the mouse not moved: a pointer left anywhere points at no one
    assert keys.tick_input().commands == (cmd.ToggleFriend(*lead_at),)
    keys.on_event(pygame.event.Event(pygame.MOUSEMOTION, pos=(30, 40), rel=(2, 0), buttons=(0, 0, 0)), to_world)
    keys.on_event(key(pygame.K_g), to_world)  # moved lately: the friend by the pointer
    assert keys.tick_input().commands == (cmd.ToggleFriend(1030.0, 2040.0),)
    for _ in range(POINTER_FRESH_TICKS):
        keys.tick_input()
    keys.on_event(key(pygame.K_g), to_world)  # 3 s later: by the lead again
    assert keys.tick_input().commands == (cmd.ToggleFriend(*lead_at),)
    keys.on_event(pygame.event.Event(pygame.MOUSEMOTION, pos=(30, 40), rel=(2, 0), buttons=(0, 0, 0)), to_world)
    monkeypatch.setattr(pygame.mouse, "get_focused", lambda: False)  # the pointer is off the window
    keys.on_event(key(pygame.K_g), to_world)
    assert keys.tick_input().commands == (cmd.ToggleFriend(*lead_at),)
    pad = HumanInput(aim_origin=lambda: lead_at)
    pad.on_event(down("rightshoulder"), no_world)  # a tap of RB: everyone, on the release
    assert pad.tick_input().commands == ()
    pad.on_event(up("rightshoulder"), no_world)
    assert pad.tick_input().commands == (cmd.ToggleFollow(),)
    pad.on_event(down("rightshoulder"), no_world)  # held 0.4 s: the friend by the lead, once
    sent = [pad.tick_input().commands for _ in range(40)]
    assert [c for c in sent if c] == [(cmd.ToggleFriend(*lead_at),)] and sent[23] == (cmd.ToggleFriend(*lead_at),)
    pad.on_event(up("rightshoulder"), no_world)
    assert pad.tick_input().commands == ()  # and its release orders no one else


def test_holding_a_grabs_and_the_right_stick_aims_the_throw(screen) -> None:
    pad = HumanInput(aim_origin=lambda: (100.0, 200.0))
    pad.on_event(down("a"), no_world)
    ticks = [pad.tick_input() for _ in range(12)]
    assert ticks[0].commands == (cmd.Use(),)  # the press works a station ("hold E")...
    assert ticks[-1].commands == (cmd.Grab(),)  # ...holding on grabs
    pad.on_event(up("a"), no_world)
    assert pad.tick_input().commands == ()  # released: let go
    pad.on_event(axis(RY, -1.0), no_world)  # aim straight up, full push: full range
    pad.on_event(axis(RT, 1.0), no_world)
    (throw,) = pad.tick_input().commands
    assert throw == cmd.Throw(100.0, pytest.approx(200.0 - THROW_RANGE, abs=1.0))
    pad.on_event(axis(RT, 0.0), no_world)
    pad.on_event(axis(RY, 0.0), no_world)
    pad.on_event(axis(LX, -1.0), no_world)
    pad.tick_input()  # walked west: a throw with the right stick centred goes west
    pad.on_event(axis(RT, 1.0), no_world)
    throw = pad.tick_input().first(cmd.Throw)
    assert throw.x < 100.0 and throw.y == pytest.approx(200.0)


def test_every_screen_is_navigable_by_pad(screen) -> None:
    stack = SceneStack(TitleScene())
    press(stack, "b")  # B on the title does not quit the game
    assert stack.running and isinstance(stack.top, TitleScene)
    stack.handle(axis(LY, 1.0))  # stick down: Settings
    stack.handle(axis(LY, 0.9))  # still held: one step, not a second
    assert stack.top.menu.index == 1
    stack.handle(axis(LY, 0.0))
    press(stack, "dpup")
    press(stack, "a")  # Play
    assert isinstance(stack.top, LevelSelectScene)
    press(stack, "a")  # the first level
    assert isinstance(stack.top, BriefingScene)
    was = stack.top.difficulty
    press(stack, "dpright")  # difficulty
    assert stack.top.difficulty != was
    press(stack, "start")  # Start
    assert isinstance(stack.top, PlayScene)
    play = stack.top
    stack.update(1 / 60)
    press(stack, "start")  # pause
    assert isinstance(stack.top, PauseScene)
    press(stack, "b")  # resume
    assert stack.top is play
    stack.handle(pygame.event.Event(pygame.CONTROLLERDEVICEREMOVED, instance_id=0))
    assert isinstance(stack.top, PauseScene)  # pulling the pad out pauses


def test_pad_buttons_are_remapped_on_the_settings_screen_and_saved(screen) -> None:
    stack = SceneStack(SettingsScene())
    rows = stack.top.rows
    melee = next(i for i, r in enumerate(rows) if r.pad and r.action == "melee")
    throw = next(i for i, r in enumerate(rows) if r.pad and r.action == "throw")
    for _ in range(melee):
        press(stack, "dpdown")
    press(stack, "a")  # wait for a pad button
    assert stack.top.waiting_pad
    press(stack, "back")  # changed my mind: Back cancels, and binds nothing
    assert stack.top.waiting_for == "" and stack.top.settings.pad_bindings["melee"] == ["x"]
    press(stack, "a")
    stack.draw(screen)
    press(stack, "y")
    assert stack.top.settings.pad_bindings["melee"] == ["y"]
    assert stack.top.settings.pad_bindings["switch"] == ["x"]  # Y was switch's: the two swap
    for _ in range(throw - melee):
        press(stack, "dpdown")
    press(stack, "a")
    stack.handle(axis(LT, 0.2))  # a twitch of the trigger is not a press
    assert stack.top.waiting_for == "throw"
    stack.handle(axis(LT, 0.8))
    assert stack.top.settings.pad_bindings["throw"] == ["lefttrigger"]
    press(stack, "b")  # back: saves
    saved, msg = st.load()
    assert msg == "" and saved.pad_bindings["melee"] == ["y"] and saved.pad_bindings["throw"] == ["lefttrigger"]
    assert "[pad_bindings]" in (st.config_dir() / st.FILE_NAME).read_text()


def test_a_remapped_pad_button_drives_the_play_scene(screen) -> None:
    prefs = st.Settings()
    prefs.pad_bindings["melee"], prefs.pad_bindings["switch"] = ["y"], ["x"]
    st.save(prefs)
    play = PlayScene("sandbox/first-steps", sandbox())
    stack = SceneStack(play)
    stack.handle(down("y"))
    assert play.input.tick_input().commands == (cmd.Melee(),)


class FakePad:
    def __init__(self, instance: int) -> None:
        self.instance, self.closed = instance, False

    def as_joystick(self):
        pad = self

        class Joystick:
            def get_instance_id(self) -> int:
                return pad.instance

        return Joystick()

    def quit(self) -> None:
        self.closed = True


def test_pads_are_opened_and_closed_as_they_are_plugged_and_pulled() -> None:
    opened: list[FakePad] = []

    def opener(index: int) -> FakePad:
        opened.append(FakePad(10 + index))
        return opened[-1]

    pads = Gamepads(opener)
    assert pads.on_event(pygame.event.Event(pygame.CONTROLLERDEVICEADDED, device_index=0))
    assert pads.on_event(pygame.event.Event(pygame.CONTROLLERDEVICEADDED, device_index=1))
    assert pads.count == 2
    assert pads.on_event(pygame.event.Event(pygame.CONTROLLERDEVICEREMOVED, instance_id=10))
    assert pads.count == 1 and opened[0].closed and not opened[1].closed
    assert not pads.on_event(down("a"))  # not a hot-plug event


def test_settings_keep_pad_bindings_and_read_old_difficulty_names(tmp_path) -> None:
    s = st.Settings()
    s.pad_bindings["shove"] = ["rightstick"]
    st.save(s, tmp_path)
    text = (tmp_path / st.FILE_NAME).read_text().replace('difficulty = "normal"', 'difficulty = "easy"')
    (tmp_path / st.FILE_NAME).write_text(text)
    back, msg = st.load(tmp_path)
    assert msg == "" and back.pad_bindings["shove"] == ["rightstick"] and back.difficulty == "story"


def test_the_right_stick_shows_where_the_throw_lands(screen) -> None:
    play = PlayScene("sandbox/first-steps", sandbox())
    stack = SceneStack(play)
    assert play.input.pad_aim() is None
    stack.handle(axis(RX, 1.0))
    lead = play.world.student_pos(play.world.lead_student)
    x, y = play.input.pad_aim()
    assert x == pytest.approx(float(lead[0]) + THROW_RANGE) and y == pytest.approx(float(lead[1]))
    stack.draw(screen)
    sx, sy = play.camera.to_screen(x, y)
    assert 0 <= sx < 1280 and 0 <= sy < 720
    assert tuple(screen.get_at((round(sx), round(sy))))[:3] == (255, 236, 140)  # the marker's centre dot


def test_the_camera_leans_toward_a_full_range_pad_aim_so_the_marker_is_on_screen(screen) -> None:
    """Full range (280 px) east is 840 screen px at scale 3: off a 1280 px screen from its middle."""
    _, spec = resolve_level("hyosan/classroom-barricade", None)
    play = PlayScene("hyosan/classroom-barricade", spec)
    stack = SceneStack(play)
    stack.handle(axis(RX, 1.0))
    for _ in range(45):  # three quarters of a second: the camera eases over
        stack.update(1 / 60)
    stack.draw(screen)
    sx, sy = play.camera.to_screen(*play.input.pad_aim())
    assert 40 < sx < 1240 and 40 < sy < 680  # well inside, not pinned to the edge
    # The classroom's east wall stops the phone short of the aim: the marker is where it lands,
    # orange, with a line on to the aim (a playtester threw into a wall and it rang beside them).
    from hyosan.render.arrows import THROW_CUT
    from hyosan.sim.actions import landing_point

    lead = play.world.student_pos(play.world.lead_student)
    land = landing_point(play.world, float(lead[0]), float(lead[1]), *play.input.pad_aim())
    assert land[0] < play.input.pad_aim()[0] - 100
    mx, my = play.camera.to_screen(*land)
    assert tuple(screen.get_at((round(mx), round(my))))[:3] == THROW_CUT
    lx, ly = play.camera.to_screen(*play.world.student_pos(play.world.lead_student))
    assert 0 < lx < 640  # the lead is still on screen, left of the middle
    stack.handle(axis(RX, 0.0))
    for _ in range(90):
        stack.update(1 / 60)
    lx, ly = play.camera.to_screen(*play.world.student_pos(play.world.lead_student))
    assert abs(lx - 640) < 40  # stick let go: the camera comes back to the lead


def test_hot_plug_through_the_real_app_loop(screen, tmp_path, monkeypatch) -> None:
    """Plug, play, pull (the game pauses, nothing stays held), plug another pad, resume with it:
    every event goes through run_app's own loop, as it does with a real pad."""
    from hyosan import app
    from hyosan.control import gamepad
    from hyosan.scenes import stack as stack_mod

    monkeypatch.setenv("HYOSAN_DATA_DIR", str(tmp_path / "data"))
    st.save(st.Settings(record_replays=False))
    opened: list[FakePad] = []

    def fake_open(self, index: int) -> FakePad:
        opened.append(FakePad(10 + len(opened)))
        return opened[-1]

    monkeypatch.setattr(gamepad.Gamepads, "_open", fake_open)
    monkeypatch.setattr(gamepad.Gamepads, "start", lambda self: True)
    stacks: list = []
    real_init = stack_mod.SceneStack.__init__

    def spy_init(self, first) -> None:
        stacks.append(self)
        real_init(self, first)

    monkeypatch.setattr(stack_mod.SceneStack, "__init__", spy_init)

    def pad_ev(kind: int, **kw) -> pygame.event.Event:
        return pygame.event.Event(kind, **kw)

    seen: dict[str, object] = {}

    def lead_x() -> float:
        play = stacks[0].scenes[-1] if isinstance(stacks[0].top, PlayScene) else stacks[0].scenes[-2]
        return float(play.world.student_pos(play.world.lead_student)[0])

    def at(frame: int) -> list[pygame.event.Event]:
        top = stacks[0].top
        if frame == 0:
            return [pad_ev(pygame.CONTROLLERDEVICEADDED, device_index=0)]  # already plugged in at start
        if frame == 2:
            seen["x0"] = lead_x()
            return [axis(LX, 1.0)]  # walk east
        if frame == 40:
            seen["x1"] = lead_x()
            return [pad_ev(pygame.CONTROLLERDEVICEREMOVED, instance_id=10)]  # pulled out mid-walk
        if frame == 41:
            seen["paused"] = isinstance(top, PauseScene)
            seen["held"] = stacks[0].scenes[-2].input.tick_input().commands
            seen["x2"] = lead_x()
            return [axis(LY, 1.0)]  # the stick held down on the pause menu: one step, then latched
        if frame == 50:
            seen["x3"] = lead_x()  # paused: the lead stands where the pad left it
            seen["menu_before"] = top.menu.index
            return [pad_ev(pygame.CONTROLLERDEVICEREMOVED, instance_id=10),  # a second, late removal
                    pad_ev(pygame.CONTROLLERDEVICEADDED, device_index=0)]  # another pad goes in
        if frame == 51:
            seen["pads_after_replug"] = (len(opened), opened[0].closed, opened[1].closed)
            seen["still_one_pause"] = sum(isinstance(s, PauseScene) for s in stacks[0].scenes)
            return [axis(LY, 1.0)]  # the new pad's stick, pushed the same way: one menu step
        if frame == 52:
            seen["menu_after"] = top.menu.index
            return [axis(LY, 0.0), down("b"), up("b")]  # B: resume
        if frame == 53:
            seen["resumed"] = isinstance(top, PlayScene)
            seen["x4"] = lead_x()
            return [axis(LX, 1.0)]
        if frame == 80:
            seen["x5"] = lead_x()
        return []

    frame = {"n": 0}

    def fake_get(*args, **kwargs) -> list[pygame.event.Event]:
        n = frame["n"]
        frame["n"] += 1
        return at(n)

    monkeypatch.setattr(pygame.event, "get", fake_get)
    assert app.run_app(level="sandbox/first-steps", max_frames=82) == 0
    assert seen["x1"] > seen["x0"] + 5  # the pad walked the lead
    assert seen["paused"] and seen["held"] == ()  # pulled: paused, and no stick stays pushed
    assert seen["x3"] == seen["x2"]
    assert seen["pads_after_replug"] == (2, True, False) and seen["still_one_pause"] == 1
    assert seen["menu_after"] == seen["menu_before"] + 1  # the new pad's first push counts
    assert seen["resumed"] and seen["x5"] > seen["x4"] + 5  # and it plays on


def test_the_pause_screen_shows_the_pad_s_buttons_to_a_pad_player_and_says_when_it_is_pulled(screen) -> None:
    stack = SceneStack(TitleScene())
    press(stack, "a")
    assert any("(hold A, top-right corner)" in line for line in stack.top.detail_lines())  # level select
    press(stack, "a")
    assert isinstance(stack.top, BriefingScene) and stack.top.using_pad  # reached by pad: its buttons
    stack.draw(screen)
    assert stack.top._layout_key[2] is True  # the story was laid out with the pad's names
    story = " ".join(stack.top._layout_cache[1])
    assert "(A at the door)" in story and "(RT)" in story and "(E at the door)" not in story
    press(stack, "start")
    play = stack.top
    assert isinstance(play, PlayScene)
    stack.update(1 / 60)
    stack.handle(key(pygame.K_ESCAPE))  # paused from the keyboard: the keys, no notice
    stack.draw(screen)
    assert stack.top.reason == "" and "WASD move" in stack.top.controls
    stack.handle(key(pygame.K_ESCAPE))
    stack.handle(axis(LX, 1.0))  # now playing with the pad
    press(stack, "start")
    stack.draw(screen)
    assert stack.top.reason == "" and "LT sprint" in stack.top.controls and "WASD" not in stack.top.controls
    press(stack, "b")
    assert stack.top is play
    stack.handle(pygame.event.Event(pygame.CONTROLLERDEVICEREMOVED, instance_id=0))
    stack.draw(screen)
    assert stack.top.reason == PauseScene.PAD_GONE and "WASD move" in stack.top.controls
    stack.handle(pygame.event.Event(pygame.CONTROLLERDEVICEADDED, device_index=0))  # through the menu path
    stack.draw(screen)
    assert stack.top.reason == PauseScene.PAD_BACK and "A use / grab (hold)" in stack.top.controls
    press(stack, "b")
    assert stack.top is play


def test_the_play_scene_names_the_pad_s_button_or_the_remapped_key_in_prompts(screen) -> None:
    prefs = st.Settings()
    prefs.bindings["interact"] = ["f"]
    st.save(prefs)
    stack = SceneStack(TitleScene())
    press(stack, "a")
    press(stack, "a")
    press(stack, "start")
    play = stack.top
    assert isinstance(play, PlayScene)
    stack.update(1 / 60)
    stack.draw(screen)
    assert play.present.prompts.key_names == {"E": "A", "Q": "RT", "T": "L3", "C": "R3", "F": "RB",
                                                "G": "hold RB"}  # got here by pad
    stack.handle(key(pygame.K_w))  # a key: the keyboard's (remapped) key from now on
    stack.draw(screen)
    assert play.present.prompts.key_names == {"E": "F", "Q": "Q", "T": "T", "C": "C", "F": "F", "G": "G"}


def test_at_a_door_a_hold_grabs_and_only_a_tap_works_the_door(screen) -> None:
    """Played by hand on the Site: E pressed again to drag a scaffold frame on beside the locked
    north door unlocked it (the press worked the door before the hold became a grab) and the
    crowd came through. Where E would work a door, the door is worked when a tap is let go; a
    hold only grabs. Elsewhere the press works at once (a station's "hold E")."""
    target = ["door"]
    pad = HumanInput(use_target=lambda: target[0])
    pad.on_event(down("a"), no_world)
    ticks = [pad.tick_input().commands for _ in range(12)]
    pad.on_event(up("a"), no_world)
    assert ticks[0] == () and ticks[-1] == (cmd.Grab(),) and pad.tick_input().commands == ()
    assert cmd.Use() not in [c for t in ticks for c in t]  # the door was never worked
    pad.on_event(down("a"), no_world)
    assert [pad.tick_input().commands for _ in range(3)] == [(), (), ()]
    pad.on_event(up("a"), no_world)
    assert pad.tick_input().commands == (cmd.Use(),)  # a tap, as it is let go
    pad.on_event(down("a"), no_world)
    pad.on_event(up("a"), no_world)
    assert pad.tick_input().commands == (cmd.Use(),)  # down and up between two ticks: still a tap
    target[0] = "coupling"  # the same at a coupling: a hold by the coupled wall drags it whole
    pad.on_event(down("a"), no_world)
    ticks = [pad.tick_input().commands for _ in range(12)]
    pad.on_event(up("a"), no_world)
    assert cmd.Use() not in [c for t in ticks for c in t] and ticks[-1] == (cmd.Grab(),)
    assert pad.tick_input().commands == ()  # let go: the grab ends, the coupling untouched
    pad.on_event(down("a"), no_world)
    pad.on_event(up("a"), no_world)
    assert pad.tick_input().commands == (cmd.Use(),)
    target[0] = "station"
    pad.on_event(down("a"), no_world)
    assert pad.tick_input().commands == (cmd.Use(),)  # a station starts on the press
    # and its "hold E" is the station's: played on the auditorium night, holding E at the PA
    # console grabbed the desk beside it, and walking off dragged the desk from the console
    assert [pad.tick_input().commands for _ in range(12)] == [()] * 12
    pad.on_event(up("a"), no_world)
    target[0] = None  # away from it, a hold grabs again
    pad.on_event(down("a"), no_world)
    assert [pad.tick_input().commands for _ in range(12)][-1] == (cmd.Grab(),)
    pad.on_event(up("a"), no_world)


def test_at_a_door_with_nothing_to_grab_a_slow_press_still_works_the_door(screen) -> None:
    """Played by hand in the auditorium: a 0.15 s press on a wing door (no prop in reach) was
    taken for a grab, locked nothing, and the crowd came through. With nothing to grab, the door
    is worked when the press is let go, however long it was held, and nothing is grabbed."""
    from hyosan.control.human import DOOR_ONLY

    pad = HumanInput(use_target=lambda: DOOR_ONLY)
    pad.on_event(down("a"), no_world)
    ticks = [pad.tick_input().commands for _ in range(12)]
    pad.on_event(up("a"), no_world)
    assert ticks == [()] * 12  # held past a grab's 8 ticks: no grab
    assert pad.tick_input().commands == (cmd.Use(),)
    assert pad.tick_input().commands == ()  # once


def test_the_mouse_shows_where_q_would_throw_for_a_while_after_it_moves(screen) -> None:
    """Q throws at the mouse: for MOUSE_AIM_SECONDS after the mouse moves, a marker shows where
    the phone would land (yellow, the aim in reach and clear); a keyboard player sees none."""
    from hyosan.scenes.screens import MOUSE_AIM_SECONDS

    play = PlayScene("sandbox/first-steps", sandbox())
    stack = SceneStack(play)
    lead = play.world.student_pos(play.world.lead_student)
    aim = (float(lead[0]) + 40.0, float(lead[1]))
    pos = tuple(round(v) for v in play.camera.to_screen(*aim))
    pygame.mouse.set_pos(pos)

    def dot() -> tuple[int, int, int]:
        screen.fill((0, 0, 0))
        stack.draw(screen)
        x, y = (round(v) for v in play.camera.to_screen(*aim))
        return tuple(screen.get_at((x, y)))[:3]

    assert dot() != (255, 236, 140)  # the mouse has not moved: no marker
    stack.handle(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(3, 0), buttons=(0, 0, 0)))
    assert dot() == (255, 236, 140)
    for _ in range(round(MOUSE_AIM_SECONDS * 60) + 2):
        stack.update(1 / 60)
    assert play._mouse_aim_seconds == 0.0


def test_a_lead_lost_under_a_held_stick_hands_the_next_lead_no_move_until_it_is_let_go(screen) -> None:
    """A playtester holding a key as the lead went down walked each next lead on into the same
    crowd (five leads in 35 s on Yellow Markers). On the ledge, On-jo goes over the drop with
    the stick held east: Woo-jin, the new lead, stands until the stick is let go and pushed again."""
    from pathlib import Path

    from hyosan.content.loader import load_level
    from tests.sim.test_falls import LEDGE

    spec = load_level(Path("ledge.toml"), LEDGE.encode())
    play = PlayScene("t/ledge", spec, 0)
    stack = SceneStack(play)
    stack.update(1 / 60)
    world = play.world
    stack.handle(axis(LX, 1.0))
    stack.update(1 / 60)
    on_jo = world.lead_student
    on_jo.body.position = (12.5 * 16, 3.5 * 16)  # over the drop
    world.bodies.read()
    stack.update(1 / 60)
    assert not on_jo.alive and world.lead_student.id == "woo-jin"
    start = tuple(world.student_pos(world.lead_student))
    for _ in range(30):  # the stick still held east
        stack.update(1 / 60)
    assert np.allclose(world.student_pos(world.lead_student), start, atol=1.0)
    stack.handle(axis(LX, 0.0))
    stack.update(1 / 60)
    stack.handle(axis(LX, 1.0))  # pushed again: Woo-jin walks
    for _ in range(30):
        stack.update(1 / 60)
    assert world.student_pos(world.lead_student)[0] > start[0] + 20


def _classroom_lead_at(x: float, y: float) -> tuple[SceneStack, PlayScene]:
    """The Classroom in the play scene, the others told to hold, the lead put at (x, y) px."""
    _, spec = resolve_level("hyosan/classroom-barricade", [])
    play = PlayScene("hyosan/classroom-barricade", spec, 0)
    stack = SceneStack(play)
    stack.handle(down("rightshoulder"))  # F: the others hold where they stand
    stack.handle(up("rightshoulder"))
    stack.update(1 / 60)
    assert not play.world.follow
    play.world.lead_student.body.position = (x, y)
    play.world.bodies.read()
    stack.update(1 / 60)
    return stack, play


def _ticks(stack: SceneStack, n: int) -> None:
    for _ in range(n):
        stack.update(1 / 60)


def test_a_hold_begun_at_a_locked_door_grabs_the_desk_it_walks_onto_and_leaves_the_door_locked(screen) -> None:
    """Played by hand (session 30): E held at the locked back door with no desk in reach, the
    lead walked onto a desk and grabbed nothing under "hold E: drag the desk"; walked back and
    let go by the door, the release unlocked it. A hold now grabs what comes into reach, and a
    hold that grabbed works no door."""
    stack, play = _classroom_lead_at(744.0, 138.0)  # inside the back door, the nearest desk 36 px off
    world = play.world
    door = next(d for d in world.doors if d.spec.id == "back-door")
    assert play._use_target() == "door, nothing to grab"
    stack.handle(down("a"))
    _ticks(stack, 1)
    stack.handle(up("a"))
    _ticks(stack, 2)
    assert door.locked
    stack.handle(down("a"))
    stack.handle(axis(LY, -1.0))  # up the room, onto desk-back-1, E still held
    held = set()
    for _ in range(60):
        _ticks(stack, 1)
        held.add(world.lead_student.grabbed_prop)
    assert "desk-back-1" in held
    stack.handle(axis(LY, 1.0))  # back to the door, and let go there
    _ticks(stack, 40)
    stack.handle(axis(LY, 0.0))
    stack.handle(up("a"))
    _ticks(stack, 3)
    assert door.locked and world.lead_student.grabbed_prop is None


def test_a_hold_begun_by_a_station_not_ready_yet_grabs_a_desk(screen) -> None:
    """Played by hand (session 30): E pressed by the Classroom's intercom before the drone (its
    prompt "intercom: not yet") and held, walking down into two desks: neither was grabbed, as
    if the hold were the intercom's. E does nothing at that station yet, so its hold grabs."""
    stack, play = _classroom_lead_at(756.0, 37.0)
    world = play.world
    assert play._use_target() == "station, not yet"
    stack.handle(down("a"))
    stack.handle(axis(LY, 1.0))
    held = set()
    for _ in range(60):
        _ticks(stack, 1)
        held.add(world.lead_student.grabbed_prop)
    stack.handle(axis(LY, 0.0))
    stack.handle(up("a"))
    _ticks(stack, 2)
    assert "desk-back-2" in held
    assert "intercom" not in world.director.station_done


def test_a_slow_press_that_left_the_door_works_no_door_on_its_release(screen) -> None:
    """With nothing to grab, a slow press still works the door on its release, but only if the
    hold stayed at the door: held while walking off and back, the release unlocked a door."""
    from hyosan.control.human import DOOR_ONLY

    target = [DOOR_ONLY]
    pad = HumanInput(use_target=lambda: target[0])
    pad.on_event(down("a"), no_world)
    [pad.tick_input() for _ in range(10)]
    target[0] = None  # walked off, nothing in reach
    [pad.tick_input() for _ in range(10)]
    target[0] = DOOR_ONLY  # back at the door
    ticks = [pad.tick_input().commands for _ in range(10)]
    pad.on_event(up("a"), no_world)
    assert ticks == [(cmd.Grab(),)] * 10  # a hold, as anywhere away from a door: it grabs what comes in reach
    assert pad.tick_input().commands == ()  # and its release works no door
    pad.on_event(down("a"), no_world)  # the same slow press, standing at the door
    [pad.tick_input() for _ in range(30)]
    pad.on_event(up("a"), no_world)
    assert pad.tick_input().commands == (cmd.Use(),)


def test_no_door_prompt_while_dragging(screen) -> None:
    """Dragging a desk by a locked door showed "E: unlock" over it, which read as a warning (a
    playtester, session 30): while E is held on a prop, the door's prompt is not shown."""
    from hyosan.render.prompts import use_hint

    stack, play = _classroom_lead_at(744.0, 138.0)
    world = play.world
    desk = world.prop_by_id("desk-back-1")
    desk.body.position = (744.0, 120.0)  # between the lead and the room, in reach
    world.bodies.read()
    _ticks(stack, 1)  # (the desk's shape moves with it on the step)
    # the prompt says what a tap does and what a hold would take, and outlines it
    assert use_hint(world).text == "E: lock - hold E: drag the desk" and use_hint(world).prop == "desk-back-1"
    stack.handle(down("a"))  # a hold by the door: it grabs the desk
    _ticks(stack, 12)
    assert world.lead_student.grabbed_prop == "desk-back-1"
    assert use_hint(world) is None
    stack.handle(up("a"))
    _ticks(stack, 2)
    assert use_hint(world).text.startswith("E: lock")  # let go: a tap would lock it


class _HeldKeys:
    """Stands in for ``pygame.key.get_pressed()``: the key codes in ``held`` are down."""

    def __init__(self, held: set[int]) -> None:
        self.held = held

    def __getitem__(self, code: int) -> bool:
        return code in self.held


@pytest.mark.parametrize("by", ["the keys", "the stick"])
def test_while_a_fallen_lead_s_move_is_held_the_hud_says_who_leads_and_to_let_go(screen, monkeypatch, by: str) -> None:
    """The next lead standing still under a held key is deliberate (HumanInput.moves_held_back),
    but a playtester took it for a bug: while the move is held the HUD says who leads now and
    what to let go of; the line goes the moment it is let go."""
    from pathlib import Path

    from hyosan.content.loader import load_level
    from tests.sim.test_falls import LEDGE

    keys = _HeldKeys(set())
    monkeypatch.setattr(pygame.key, "get_pressed", lambda: keys)
    spec = load_level(Path("ledge.toml"), LEDGE.encode())
    play = PlayScene("t/ledge", spec, 0)
    stack = SceneStack(play)
    stack.update(1 / 60)
    world = play.world

    def hold(on: bool) -> None:
        if by == "the keys":
            keys.held = {pygame.K_d} if on else set()
        else:
            stack.handle(axis(LX, 1.0 if on else 0.0))

    def hud_line() -> str:
        stack.draw(screen)
        return play.present.hud.held_back_label

    hold(True)
    stack.update(1 / 60)
    assert hud_line() == ""  # walking: nothing held back
    on_jo = world.lead_student
    on_jo.body.position = (12.5 * 16, 3.5 * 16)  # over the drop
    world.bodies.read()
    stack.update(1 / 60)
    assert not on_jo.alive and world.lead_student.id == "woo-jin" and play.input.moves_held_back
    verb = "press" if by == "the keys" else "push"
    assert hud_line() == f"Woo-jin leads now - let go of {by}, then {verb} again to move"
    box = play.present.hud.work_rect  # drawn under the top bar (the ticker goes below it), in the key yellow
    assert box.h > 0 and box.top >= play.present.hud.top_rect.bottom
    ink = pygame.surfarray.pixels3d(screen)[box.left:box.right, box.top:box.bottom]
    assert int(((ink[..., 0] == 255) & (ink[..., 1] == 236) & (ink[..., 2] == 140)).sum()) > 100
    del ink
    for _ in range(10):  # still held: still said
        stack.update(1 / 60)
    assert "let go of" in hud_line()
    hold(False)
    assert hud_line() == "" and play.present.hud.work_rect.h == 0  # let go: gone on the next frame drawn
    stack.update(1 / 60)
    hold(True)  # pressed again: Woo-jin walks, and nothing is said
    stack.update(1 / 60)
    assert not play.input.moves_held_back and hud_line() == ""
