"""Scenes as a stack; a scene asks for a change by returning a transition.

After python-tcod's tutorial ``state.py`` (Push/Pop/Reset): ``handle``/``update`` return a
transition or None; an overlay scene (pause) is drawn over the scene below it; a scene frees
what it made in ``exit`` (bevy's ``OnExit``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ..control.gamepad import MenuNav, is_pad_event


class Scene:
    """A screen. Override what you need; every hook has a do-nothing default."""

    overlay = False  # True: the scene below is drawn first (a pause menu over the game)
    max_fps = 60  # menus need no more; the play scene asks for more to draw motion smoothly
    raw_pad = False  # False: pad events arrive as the arrow / Enter / Esc keys (menus); True: as they are
    using_pad = False  # set by the stack: the player last touched the pad, so show its buttons, not keys

    def enter(self) -> None:
        """Called when the scene becomes part of the stack."""

    def exit(self) -> None:
        """Called when the scene leaves the stack: free what it created."""

    def handle(self, event: pygame.event.Event) -> Transition | None:
        """React to one input event."""
        return None

    def update(self, frame_seconds: float) -> Transition | None:
        """Advance by one frame of real time."""
        return None

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the scene."""


@dataclass(frozen=True)
class Push:
    """Put a scene on top (the one below stays, paused)."""

    scene: Scene


@dataclass(frozen=True)
class Pop:
    """Remove the top scene; ``count`` scenes at once."""

    count: int = 1


@dataclass(frozen=True)
class Replace:
    """Swap the top scene for another."""

    scene: Scene


@dataclass(frozen=True)
class Reset:
    """Empty the stack and start again from one scene (quit to title)."""

    scene: Scene


@dataclass(frozen=True)
class Quit:
    """Leave the game."""


Transition = Push | Pop | Replace | Reset | Quit


class SceneStack:
    """Owns the scenes; applies transitions; draws from the lowest visible scene up."""

    def __init__(self, first: Scene) -> None:
        self.scenes: list[Scene] = []
        self.running = True
        self.nav = MenuNav()
        self.using_pad = False  # the device the player touched last: every scene is told on entry
        self.apply(Push(first))

    @property
    def top(self) -> Scene | None:
        """The scene receiving input, if any."""
        return self.scenes[-1] if self.scenes else None

    def apply(self, transition: Transition | None) -> None:
        """Carry out one transition (None does nothing)."""
        if transition is None:
            return
        if isinstance(transition, (Push, Replace, Reset)):
            transition.scene.using_pad = self.using_pad
        if isinstance(transition, Push):
            self.scenes.append(transition.scene)
            transition.scene.enter()
        elif isinstance(transition, Pop):
            for _ in range(min(transition.count, len(self.scenes))):
                self.scenes.pop().exit()
        elif isinstance(transition, Replace):
            if self.scenes:
                self.scenes.pop().exit()
            self.scenes.append(transition.scene)
            transition.scene.enter()
        elif isinstance(transition, Reset):
            while self.scenes:
                self.scenes.pop().exit()
            self.scenes.append(transition.scene)
            transition.scene.enter()
        elif isinstance(transition, Quit):
            while self.scenes:
                self.scenes.pop().exit()
        if not self.scenes:
            self.running = False

    def handle(self, event: pygame.event.Event) -> None:
        """Give an input event to the top scene; a menu scene gets pad events as key presses."""
        if self.top is None:
            return
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            self.using_pad = False
        elif is_pad_event(event):
            self.using_pad = event.type != pygame.CONTROLLERDEVICEREMOVED  # pulled: the keys are left
        self.top.using_pad = self.using_pad
        if is_pad_event(event) and not self.top.raw_pad:
            for key in self.nav.translate(event):
                if self.top is None:
                    return
                self.apply(self.top.handle(key))
            if event.type not in (pygame.CONTROLLERDEVICEADDED, pygame.CONTROLLERDEVICEREMOVED):
                return  # hot-plug goes on to the scene as it is: a menu may say a pad came or went
        self.apply(self.top.handle(event))

    def update(self, frame_seconds: float) -> None:
        """Update the top scene only (scenes below an overlay are paused)."""
        if self.top is not None:
            self.apply(self.top.update(frame_seconds))

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the top scene, and below it every scene an overlay lets through."""
        first = len(self.scenes) - 1
        while first > 0 and self.scenes[first].overlay:
            first -= 1
        for scene in self.scenes[max(first, 0):]:
            scene.draw(surface)
