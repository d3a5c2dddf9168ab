"""Turns the keyboard and mouse into the same ``TickInput`` a bot or a replay produces.

Held controls are sampled once per tick; presses that happen between ticks are queued and
delivered on the next tick, so a tap shorter than a frame is never lost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from ..sim import commands as cmd
from .keymap import DEFAULT_KEYS

ScreenToWorld = Callable[[tuple[int, int]], tuple[float, float]]


class HumanInput:
    """Keyboard + mouse -> commands, one ``TickInput`` per simulation tick."""

    def __init__(self, keys: dict[str, tuple[int, ...]] | None = None) -> None:
        self.keys = keys or DEFAULT_KEYS
        self.pending: list[cmd.Command] = []
        self.interact_pressed_at_tick = False
        self.interact_held_ticks = 0

    def _held(self, pressed: Sequence[bool], action: str) -> bool:
        return any(pressed[k] for k in self.keys[action])

    def on_event(self, event: pygame.event.Event, to_world: ScreenToWorld) -> None:
        """Queue one-shot actions from a key or mouse press."""
        if event.type == pygame.KEYDOWN:
            for action, one_shot in (("melee", cmd.Melee()), ("shove", cmd.Shove()),
                                     ("switch", cmd.SwitchLead()), ("follow", cmd.ToggleFollow()),
                                     ("torch", cmd.ToggleTorch())):
                if event.key in self.keys.get(action, ()):
                    self.pending.append(one_shot)
            if event.key in self.keys["throw"]:
                x, y = to_world(pygame.mouse.get_pos())
                self.pending.append(cmd.Throw(x, y))
            if event.key in self.keys["interact"]:
                self.pending.append(cmd.Use())  # a tap uses doors and stations; holding grabs
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 3:
            x, y = to_world(event.pos)
            self.pending.append(cmd.Throw(x, y))
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.pending.append(cmd.Melee())

    def tick_input(self) -> cmd.TickInput:
        """Sample held keys and drain queued presses into this tick's input."""
        pressed = pygame.key.get_pressed()
        x = float(self._held(pressed, "right")) - float(self._held(pressed, "left"))
        y = float(self._held(pressed, "down")) - float(self._held(pressed, "up"))
        out: list[cmd.Command] = []
        if x or y:
            gait = "sprint" if self._held(pressed, "sprint") else "sneak" if self._held(pressed, "sneak") else "walk"
            out.append(cmd.Move(x, y, gait))
        if self._held(pressed, "interact"):
            self.interact_held_ticks += 1
            if self.interact_held_ticks > 8:  # held past ~0.13 s: a grab, not a tap
                out.append(cmd.Grab())
        else:
            self.interact_held_ticks = 0
        out.extend(self.pending)
        self.pending.clear()
        return cmd.TickInput(tuple(out))
