"""The settings screen: change a volume, remap a key, Back saves; the title says a bad file once."""

from __future__ import annotations

import pygame
import pytest

from hyosan import settings as st
from hyosan.scenes.screens import TitleScene
from hyosan.scenes.settings_screen import SettingsScene
from hyosan.scenes.stack import SceneStack


def key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="")


def test_change_volume_remap_a_key_and_back_saves(screen) -> None:
    stack = SceneStack(TitleScene())
    for _ in range([i.label for i in stack.top.menu.items].index("Settings")):
        stack.handle(key(pygame.K_DOWN))  # past Practice and Hyosan Nights
    stack.handle(key(pygame.K_RETURN))  # Settings
    assert isinstance(stack.top, SettingsScene)
    stack.handle(key(pygame.K_LEFT))  # master volume 80% -> 70%
    melee = next(i for i, r in enumerate(stack.top.rows) if r.action == "melee")
    for _ in range(melee):
        stack.handle(key(pygame.K_DOWN))
    stack.handle(key(pygame.K_RETURN))
    stack.handle(key(pygame.K_j))  # the new key for melee
    stack.draw(screen)
    stack.handle(key(pygame.K_ESCAPE))  # back: saves
    assert isinstance(stack.top, TitleScene)
    saved, msg = st.load()
    assert msg == "" and saved.master_volume == pytest.approx(0.7) and saved.bindings["melee"] == ["j"]


def test_title_shows_the_notice_then_it_fades(screen) -> None:
    stack = SceneStack(TitleScene(notice="Settings file was unreadable"))
    stack.draw(screen)
    stack.update(10.0)
    stack.draw(screen)
    assert stack.top.notice_seconds == 0.0


def _row(scene: SettingsScene, label: str) -> int:
    return next(i for i, r in enumerate(scene.rows) if r.label == label)


def test_window_scale_applies_at_once_and_f11_is_kept(screen) -> None:
    stack = SceneStack(SettingsScene())
    for _ in range(_row(stack.top, "Window scale")):
        stack.handle(key(pygame.K_DOWN))
    stack.handle(key(pygame.K_RIGHT))  # 1x -> 1.25x: the window grows now, not after a restart
    assert pygame.display.get_window_size() == (1600, 900)
    assert pygame.display.get_surface().get_size() == (1600, 900)
    stack.top.toggle_fullscreen()  # F11 with this screen open: the value shown follows
    assert stack.top.settings.fullscreen
    stack.top.toggle_fullscreen()
    stack.handle(key(pygame.K_ESCAPE))
    saved, _ = st.load()
    assert saved.window_scale == 1.25 and not saved.fullscreen


def test_focus_lost_right_after_a_window_change_does_not_pause(screen) -> None:
    from hyosan.scenes import window
    from hyosan.scenes.screens import PlayScene
    from tests.helpers import sandbox

    play = PlayScene("sandbox/first-steps", sandbox())
    stack = SceneStack(play)
    prefs = st.Settings()
    prefs.window_scale = 1.5
    window.apply(prefs)  # X11 re-creates the window: the old one loses focus
    stack.handle(pygame.event.Event(pygame.WINDOWFOCUSLOST))
    assert stack.top is play


def test_difficulty_choices_are_the_levels_and_reach_the_world(screen) -> None:
    from hyosan.scenes.screens import PlayScene, first_scene

    stack = SceneStack(SettingsScene())
    row = _row(stack.top, "Difficulty")
    for _ in range(row):
        stack.handle(key(pygame.K_DOWN))
    seen = set()
    for _ in range(3):
        stack.handle(key(pygame.K_RIGHT))
        seen.add(stack.top.settings.difficulty)
    assert seen == {"story", "normal", "hard"}
    while stack.top.settings.difficulty != "story":
        stack.handle(key(pygame.K_RIGHT))
    stack.handle(key(pygame.K_ESCAPE))
    started = SceneStack(first_scene("sandbox/first-steps", [], 0))
    started.update(1 / 60)
    assert isinstance(started.top, PlayScene) and started.top.world.difficulty == "story"


def test_flash_reduction_reaches_a_running_level(screen, monkeypatch) -> None:
    from hyosan.scenes import window
    from hyosan.scenes.screens import PauseScene, PlayScene
    from tests.helpers import sandbox

    monkeypatch.setattr(window, "_changed_at", -1e9)  # no window change just happened

    play = PlayScene("sandbox/first-steps", sandbox())
    stack = SceneStack(play)
    assert not play.present.flash.reduced
    stack.handle(pygame.event.Event(pygame.WINDOWFOCUSLOST))  # losing focus pauses
    assert isinstance(stack.top, PauseScene)
    for _ in range(3):
        stack.handle(key(pygame.K_DOWN))
    stack.handle(key(pygame.K_RETURN))  # Settings
    settings = stack.top
    for _ in range(_row(settings, "Flash reduction")):
        stack.handle(key(pygame.K_DOWN))
    stack.handle(key(pygame.K_RIGHT))
    stack.handle(key(pygame.K_ESCAPE))
    assert play.present.flash.reduced


def test_the_objective_arrow_can_be_turned_off_in_a_running_level_and_stays_off(screen, monkeypatch) -> None:
    from hyosan.content.discovery import resolve_level
    from hyosan.scenes import window
    from hyosan.scenes.screens import PauseScene, PlayScene

    monkeypatch.setattr(window, "_changed_at", -1e9)  # no window change just happened
    ref, spec = resolve_level("hyosan/storm-crossing", None)
    play = PlayScene(ref, spec)
    stack = SceneStack(play)
    pointer = play.present.pointer
    assert pointer.enabled  # on by default: the key box is off-screen at the start, so it is drawn
    assert pointer.draw(screen, play.present.camera, play.world, play.present.hud.font(20)) is not None
    stack.handle(pygame.event.Event(pygame.WINDOWFOCUSLOST))  # losing focus pauses
    assert isinstance(stack.top, PauseScene)
    for _ in range(3):
        stack.handle(key(pygame.K_DOWN))
    stack.handle(key(pygame.K_RETURN))  # Settings
    for _ in range(_row(stack.top, "Objective arrow")):
        stack.handle(key(pygame.K_DOWN))
    stack.handle(key(pygame.K_RIGHT))
    stack.handle(key(pygame.K_ESCAPE))  # back: saves
    assert not pointer.enabled
    assert pointer.draw(screen, play.present.camera, play.world, play.present.hud.font(20)) is None
    assert st.load()[0].objective_arrow is False  # saved: the next level starts with it off
    again = PlayScene(ref, spec)
    SceneStack(again)  # (the scene builds its presentation as it starts)
    assert again.present.pointer.enabled is False


def test_a_key_moved_to_another_action_swaps_so_one_press_does_one_thing(screen) -> None:
    stack = SceneStack(TitleScene())
    for _ in range([i.label for i in stack.top.menu.items].index("Settings")):
        stack.handle(key(pygame.K_DOWN))
    stack.handle(key(pygame.K_RETURN))  # Settings
    settings = stack.top
    interact = next(i for i, r in enumerate(settings.rows) if r.action == "interact" and not r.pad)
    for _ in range(interact):
        stack.handle(key(pygame.K_DOWN))
    stack.handle(key(pygame.K_RETURN))
    stack.handle(key(pygame.K_g))  # G (one friend's order) for "use"
    assert settings.settings.bindings["interact"] == ["g"] and settings.settings.bindings["friend"] == ["e"]
    stack.handle(key(pygame.K_RETURN))
    stack.handle(key(pygame.K_UP))  # the up arrow for "use": "up" keeps W, "use" keeps no G
    assert settings.settings.bindings["interact"] == ["up"] and settings.settings.bindings["up"] == ["w", "g"]
