"""The scene stack: transitions as return values, overlays, and scenes freeing what they made."""

from __future__ import annotations

import pygame

from hyosan.scenes.stack import Pop, Push, Quit, Replace, Reset, Scene, SceneStack


class Probe(Scene):
    def __init__(self, name: str, log: list[str], overlay: bool = False, reply=None) -> None:
        self.name, self.log, self.overlay, self.reply = name, log, overlay, reply

    def enter(self) -> None:
        self.log.append(f"enter {self.name}")

    def exit(self) -> None:
        self.log.append(f"exit {self.name}")

    def handle(self, event):
        return self.reply

    def draw(self, surface) -> None:
        self.log.append(f"draw {self.name}")


def test_push_pop_replace_reset_and_quit_call_enter_and_exit_in_order() -> None:
    log: list[str] = []
    stack = SceneStack(Probe("title", log))
    stack.apply(Push(Probe("select", log)))
    stack.apply(Replace(Probe("play", log)))
    stack.apply(Push(Probe("pause", log, overlay=True)))
    stack.apply(Pop())
    assert [s.name for s in stack.scenes] == ["title", "play"]
    stack.apply(Reset(Probe("title2", log)))
    assert [s.name for s in stack.scenes] == ["title2"]
    stack.apply(Quit())
    assert not stack.running
    assert log == ["enter title", "enter select", "exit select", "enter play", "enter pause", "exit pause",
                   "exit play", "exit title", "enter title2", "exit title2"]


def test_an_overlay_draws_the_scene_below_first_and_an_opaque_scene_does_not() -> None:
    log: list[str] = []
    stack = SceneStack(Probe("title", log))
    stack.apply(Push(Probe("play", log)))
    stack.apply(Push(Probe("pause", log, overlay=True)))
    log.clear()
    stack.draw(pygame.Surface((4, 4)))
    assert log == ["draw play", "draw pause"]


def test_a_scene_changes_the_stack_by_returning_a_transition() -> None:
    log: list[str] = []
    stack = SceneStack(Probe("title", log, reply=Push(Probe("select", log, reply=Pop()))))
    event = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN)
    stack.handle(event)
    assert [s.name for s in stack.scenes] == ["title", "select"]
    stack.handle(event)
    assert [s.name for s in stack.scenes] == ["title"]


def test_popping_the_last_scene_stops_the_game() -> None:
    stack = SceneStack(Probe("title", []))
    stack.apply(Pop())
    assert not stack.running
