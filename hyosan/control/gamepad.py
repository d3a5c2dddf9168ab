"""Game controllers (``pygame._sdl2.controller``): hot-plug, pad state, and menu navigation.

Everything here is driven by window events (CONTROLLER*), never by polling a device, so the
same code runs with a real pad and with synthetic events in the tests. All pads count as one
player's pad: the last event wins.

Buttons are named as SDL's game-controller database names them ("a", "b", "x", "y", "back",
"guide", "start", "leftstick", "rightstick", "leftshoulder", "rightshoulder", "dpup", "dpdown",
"dpleft", "dpright"); the triggers are analogue axes and are treated as buttons pressed past
half way ("lefttrigger", "righttrigger"). Bindings in settings.toml use these names.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable

import pygame

BUTTONS: dict[str, int] = {
    "a": pygame.CONTROLLER_BUTTON_A, "b": pygame.CONTROLLER_BUTTON_B,
    "x": pygame.CONTROLLER_BUTTON_X, "y": pygame.CONTROLLER_BUTTON_Y,
    "back": pygame.CONTROLLER_BUTTON_BACK, "guide": pygame.CONTROLLER_BUTTON_GUIDE,
    "start": pygame.CONTROLLER_BUTTON_START,
    "leftstick": pygame.CONTROLLER_BUTTON_LEFTSTICK, "rightstick": pygame.CONTROLLER_BUTTON_RIGHTSTICK,
    "leftshoulder": pygame.CONTROLLER_BUTTON_LEFTSHOULDER, "rightshoulder": pygame.CONTROLLER_BUTTON_RIGHTSHOULDER,
    "dpup": pygame.CONTROLLER_BUTTON_DPAD_UP, "dpdown": pygame.CONTROLLER_BUTTON_DPAD_DOWN,
    "dpleft": pygame.CONTROLLER_BUTTON_DPAD_LEFT, "dpright": pygame.CONTROLLER_BUTTON_DPAD_RIGHT,
}
BUTTON_NAMES: dict[int, str] = {v: k for k, v in BUTTONS.items()}
TRIGGERS: dict[str, int] = {"lefttrigger": pygame.CONTROLLER_AXIS_TRIGGERLEFT,
                            "righttrigger": pygame.CONTROLLER_AXIS_TRIGGERRIGHT}
TRIGGER_NAMES: dict[int, str] = {v: k for k, v in TRIGGERS.items()}
CONTROL_NAMES = frozenset(BUTTONS) | frozenset(TRIGGERS)

# Shown on the settings screen: what an Xbox-layout pad prints on the button.
LABELS: dict[str, str] = {
    "a": "A", "b": "B", "x": "X", "y": "Y", "back": "Back", "guide": "Guide", "start": "Start",
    "leftstick": "L3", "rightstick": "R3", "leftshoulder": "LB", "rightshoulder": "RB",
    "dpup": "D-pad up", "dpdown": "D-pad down", "dpleft": "D-pad left", "dpright": "D-pad right",
    "lefttrigger": "LT", "righttrigger": "RT",
}

AXIS_MAX = 32767.0  # SDL axis values are -32768..32767 (triggers 0..32767)
STICK_DEADZONE = 0.22  # stick deflection (0..1) below which the stick counts as centred
TRIGGER_PRESS = 0.5  # trigger travel (0..1) past which it counts as a pressed button
TRIGGER_RELEASE = 0.35  # ...and below which it is released again (hysteresis: no chatter)
MENU_PRESS = 0.6  # stick deflection that moves a menu selection one step
MENU_RELEASE = 0.35  # the stick must come back inside this before the next step

PAD_EVENT_TYPES = frozenset({
    pygame.CONTROLLERBUTTONDOWN, pygame.CONTROLLERBUTTONUP, pygame.CONTROLLERAXISMOTION,
    pygame.CONTROLLERDEVICEADDED, pygame.CONTROLLERDEVICEREMOVED,
})


def is_pad_event(event: pygame.event.Event) -> bool:
    """True for every controller event (buttons, axes, hot-plug)."""
    return event.type in PAD_EVENT_TYPES


def pad_from_names(bindings: dict[str, list[str]], defaults: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """Pad bindings from the settings file; unknown button names are dropped, and an action left
    with no button keeps its default."""
    out = {action: tuple(names) for action, names in defaults.items()}
    for action, names in bindings.items():
        good = tuple(n for n in names if n in CONTROL_NAMES)
        if action in out and good:
            out[action] = good
    return out


def label(name: str) -> str:
    """How a pad control is shown to the player ("RB", "LT", "A")."""
    return LABELS.get(name, name)


class PadState:
    """Held buttons, trigger and stick positions of the pad, kept from events."""

    def __init__(self) -> None:
        self.axes: dict[int, float] = {}  # SDL axis -> -1..1 (triggers 0..1)
        self.held: set[str] = set()  # button and trigger names held now

    def on_event(self, event: pygame.event.Event) -> str | None:
        """Update from one event; return the name of a control that was just pressed, if any."""
        if event.type == pygame.CONTROLLERBUTTONDOWN:
            name = BUTTON_NAMES.get(event.button)
            if name is not None:
                self.held.add(name)
            return name
        if event.type == pygame.CONTROLLERBUTTONUP:
            self.held.discard(BUTTON_NAMES.get(event.button, ""))
            return None
        if event.type == pygame.CONTROLLERAXISMOTION:
            value = max(-1.0, min(1.0, event.value / AXIS_MAX))
            self.axes[event.axis] = value
            trigger = TRIGGER_NAMES.get(event.axis)
            if trigger is not None:
                if value >= TRIGGER_PRESS and trigger not in self.held:
                    self.held.add(trigger)
                    return trigger
                if value < TRIGGER_RELEASE:
                    self.held.discard(trigger)
            return None
        if event.type == pygame.CONTROLLERDEVICEREMOVED:
            self.clear()  # an unplugged pad must not leave the lead running
        return None

    def clear(self) -> None:
        """Forget every held control (a pad was unplugged)."""
        self.axes.clear()
        self.held.clear()

    def stick(self, side: str) -> tuple[float, float]:
        """One stick ("left" or "right") as (x, y), y down, length 0..1: zero inside the dead
        zone, then rescaled so that just past the dead zone is a slow creep, not a jump."""
        ax, ay = ((pygame.CONTROLLER_AXIS_LEFTX, pygame.CONTROLLER_AXIS_LEFTY) if side == "left"
                  else (pygame.CONTROLLER_AXIS_RIGHTX, pygame.CONTROLLER_AXIS_RIGHTY))
        x, y = self.axes.get(ax, 0.0), self.axes.get(ay, 0.0)
        length = math.hypot(x, y)
        if length < STICK_DEADZONE:
            return 0.0, 0.0
        scaled = min(1.0, (length - STICK_DEADZONE) / (1.0 - STICK_DEADZONE))
        return x / length * scaled, y / length * scaled

    def dpad(self) -> tuple[float, float]:
        """The d-pad as a direction (each of x, y is -1, 0 or 1)."""
        return (float("dpright" in self.held) - float("dpleft" in self.held),
                float("dpdown" in self.held) - float("dpup" in self.held))


class Gamepads:
    """Open pads as they are plugged in and close them when they are pulled (hot-plug).

    SDL sends CONTROLLERDEVICEADDED for pads already connected when the subsystem starts, so
    one code path opens them all. ``opener`` makes a controller from a device index (tests pass
    a fake one).
    """

    def __init__(self, opener: Callable[[int], object] | None = None) -> None:
        self.opener = opener
        self.pads: dict[int, object] = {}  # SDL instance id -> open controller

    def start(self) -> bool:
        """Start the controller subsystem; False (and one message) when it cannot start."""
        try:
            from pygame._sdl2 import controller

            controller.init()
        except (ImportError, pygame.error) as exc:
            print(f"hyosan: no gamepad support ({exc}); keyboard and mouse only", file=sys.stderr)
            return False
        return True

    def _open(self, index: int) -> object:
        if self.opener is not None:
            return self.opener(index)
        from pygame._sdl2 import controller

        return controller.Controller(index)

    def on_event(self, event: pygame.event.Event) -> bool:
        """Handle hot-plug; True when the event was one (the caller need not pass it on)."""
        if event.type == pygame.CONTROLLERDEVICEADDED:
            try:
                pad = self._open(event.device_index)
                joystick = pad.as_joystick()  # type: ignore[attr-defined]
                self.pads[joystick.get_instance_id()] = pad
            except (pygame.error, AttributeError, ValueError) as exc:
                print(f"hyosan: a gamepad could not be opened ({exc})", file=sys.stderr)
            return True
        if event.type == pygame.CONTROLLERDEVICEREMOVED:
            pad = self.pads.pop(event.instance_id, None)
            if pad is not None:
                try:
                    pad.quit()  # type: ignore[attr-defined]
                except pygame.error:
                    pass
            return True
        return False

    @property
    def count(self) -> int:
        """How many pads are open."""
        return len(self.pads)


MENU_BUTTON_KEYS: dict[str, int] = {
    "dpup": pygame.K_UP, "dpdown": pygame.K_DOWN, "dpleft": pygame.K_LEFT, "dpright": pygame.K_RIGHT,
    "a": pygame.K_RETURN, "start": pygame.K_RETURN, "b": pygame.K_ESCAPE, "back": pygame.K_ESCAPE,
    "y": pygame.K_TAB,  # the briefing's squad page (Y is "next student" in play)
}


def menu_key_event(key: int) -> pygame.event.Event:
    """A synthetic key press from the pad; ``pad=True`` lets a screen tell it from the keyboard."""
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0, pad=True)


class MenuNav:
    """Turns pad events into the arrow / Enter / Esc key presses every menu already knows:
    d-pad and left stick move (one step per push), A and Start choose, B and Back go back."""

    def __init__(self) -> None:
        self.latched: dict[int, int] = {}  # stick axis -> direction (-1/+1) already sent

    def translate(self, event: pygame.event.Event) -> list[pygame.event.Event]:
        """The key presses one pad event stands for (often none)."""
        if event.type in (pygame.CONTROLLERDEVICEREMOVED, pygame.CONTROLLERDEVICEADDED):
            # a stick held when its pad was pulled never sends its way back to centre: without
            # this, the first push the same way on the plugged-in pad would be swallowed
            self.latched.clear()
            return []
        if event.type == pygame.CONTROLLERBUTTONDOWN:
            key = MENU_BUTTON_KEYS.get(BUTTON_NAMES.get(event.button, ""))
            return [menu_key_event(key)] if key is not None else []
        if event.type == pygame.CONTROLLERAXISMOTION and event.axis in (pygame.CONTROLLER_AXIS_LEFTX,
                                                                         pygame.CONTROLLER_AXIS_LEFTY):
            value = event.value / AXIS_MAX
            if abs(value) < MENU_RELEASE:
                self.latched.pop(event.axis, None)
                return []
            direction = 1 if value > 0 else -1
            if abs(value) < MENU_PRESS or self.latched.get(event.axis) == direction:
                return []
            self.latched[event.axis] = direction
            if event.axis == pygame.CONTROLLER_AXIS_LEFTX:
                return [menu_key_event(pygame.K_RIGHT if direction > 0 else pygame.K_LEFT)]
            return [menu_key_event(pygame.K_DOWN if direction > 0 else pygame.K_UP)]
        return []
