"""A game controller that SDL itself believes in, for tests and for watching the pad work.

SDL (2.0.14 and later) can attach a *virtual* joystick: a device its joystick layer treats like
one plugged into a USB port. Attached as a game-controller type with 15 buttons and 6 axes,
SDL's game-controller layer maps it (b0 = A ... b14 = d-pad right, a0..a5 = sticks and
triggers, as ``SDL_gamecontroller.c`` builds for virtual pads) and sends the same
CONTROLLERDEVICEADDED / BUTTONDOWN / AXISMOTION / DEVICEREMOVED events a real pad sends, which
``pygame._sdl2.controller`` then opens for real. So unlike the synthetic events of
``test_gamepad.py``, this goes through SDL's device enumeration, its mapping database, trigger
ranges, instance ids and hot-plug.

pygame-ce exposes none of this, so the functions are called with ctypes in the very libSDL2
that pygame loaded (found in ``/proc/self/maps``: a second copy of SDL would be a second,
separate joystick layer). Linux only; ``VirtualPad.available()`` says why not elsewhere.
"""

from __future__ import annotations

import ctypes
from pathlib import Path

import pygame

from hyosan.control.gamepad import BUTTONS

SDL_JOYSTICK_TYPE_GAMECONTROLLER = 1  # SDL_JoystickType
N_AXES, N_BUTTONS = 6, 15  # SDL_CONTROLLER_AXIS_MAX, SDL_CONTROLLER_BUTTON_DPAD_RIGHT + 1
AXIS_MIN, AXIS_MAX = -32768, 32767


def _loaded_sdl() -> Path | None:
    """The libSDL2 file mapped into this process (pygame's own copy), or None."""
    try:
        maps = Path("/proc/self/maps").read_text()
    except OSError:
        return None
    for line in maps.splitlines():
        path = line.split()[-1] if len(line.split()) >= 6 else ""
        if "/libSDL2-2" in path or path.endswith("/libSDL2.so"):  # a wheel's copy, or the system's
            return Path(path)
    return None


def _bind(lib: ctypes.CDLL) -> ctypes.CDLL:
    lib.SDL_JoystickAttachVirtual.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int]
    lib.SDL_JoystickAttachVirtual.restype = ctypes.c_int
    lib.SDL_JoystickDetachVirtual.argtypes = [ctypes.c_int]
    lib.SDL_JoystickDetachVirtual.restype = ctypes.c_int
    lib.SDL_JoystickOpen.argtypes = [ctypes.c_int]
    lib.SDL_JoystickOpen.restype = ctypes.c_void_p
    lib.SDL_JoystickClose.argtypes = [ctypes.c_void_p]
    lib.SDL_JoystickClose.restype = None
    lib.SDL_JoystickSetVirtualButton.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint8]
    lib.SDL_JoystickSetVirtualButton.restype = ctypes.c_int
    lib.SDL_JoystickSetVirtualAxis.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int16]
    lib.SDL_JoystickSetVirtualAxis.restype = ctypes.c_int
    lib.SDL_NumJoysticks.restype = ctypes.c_int
    lib.SDL_JoystickIsVirtual.argtypes = [ctypes.c_int]
    lib.SDL_JoystickIsVirtual.restype = ctypes.c_int
    lib.SDL_GetError.restype = ctypes.c_char_p
    return lib


class VirtualPad:
    """One virtual Xbox-layout pad: ``plug()``, ``press("a")``, ``stick("left", 1, 0)``,
    ``trigger("left", 1)``, ``unplug()``. Changes reach the game as events on its next
    ``pygame.event.get()`` (SDL updates joysticks while pumping events)."""

    def __init__(self) -> None:
        path = _loaded_sdl()
        if path is None:
            raise RuntimeError("no libSDL2 mapped into this process (initialise pygame first; Linux only)")
        self.sdl = _bind(ctypes.CDLL(str(path)))
        self.handle: int | None = None  # our own SDL_Joystick* on the device, to set its state
        self.index: int | None = None

    @staticmethod
    def available() -> str:
        """Empty when a virtual pad can be made here, else why not (for ``pytest.skip``)."""
        if _loaded_sdl() is None:
            return "pygame's libSDL2 cannot be found in /proc/self/maps (not Linux?)"
        if pygame.get_sdl_version() < (2, 0, 14):
            return "SDL older than 2.0.14 has no virtual joysticks"
        return ""

    def plug(self) -> None:
        """Attach the device (a hot-plug as SDL sees it) and open our handle on it."""
        index = self.sdl.SDL_JoystickAttachVirtual(SDL_JOYSTICK_TYPE_GAMECONTROLLER, N_AXES, N_BUTTONS, 0)
        if index < 0:
            raise RuntimeError(f"SDL_JoystickAttachVirtual failed: {self.sdl.SDL_GetError().decode()}")
        handle = self.sdl.SDL_JoystickOpen(index)
        if not handle:
            raise RuntimeError(f"SDL_JoystickOpen failed: {self.sdl.SDL_GetError().decode()}")
        self.index, self.handle = index, handle
        self.trigger("left", 0.0)  # triggers rest at the bottom of their travel, as a real pad's do
        self.trigger("right", 0.0)

    def unplug(self) -> None:
        """Detach the device: the game gets CONTROLLERDEVICEREMOVED, as when a cable is pulled."""
        if self.handle is None:
            return
        self.sdl.SDL_JoystickClose(self.handle)
        # After a detach SDL renumbers device indices, so find ours again by being the virtual one.
        for index in range(self.sdl.SDL_NumJoysticks()):
            if self.sdl.SDL_JoystickIsVirtual(index):
                self.sdl.SDL_JoystickDetachVirtual(index)
                break
        self.handle = self.index = None

    def button(self, name: str, down: bool) -> None:
        """Hold or release a button by its game-controller name ("a", "start", "dpup"...)."""
        self._check(self.sdl.SDL_JoystickSetVirtualButton(self.handle, BUTTONS[name], 1 if down else 0))

    def stick(self, side: str, x: float, y: float) -> None:
        """Deflect a stick: x, y in -1..1, y down (as SDL's axes)."""
        ax = 0 if side == "left" else 2
        self._check(self.sdl.SDL_JoystickSetVirtualAxis(self.handle, ax, _axis(x)))
        self._check(self.sdl.SDL_JoystickSetVirtualAxis(self.handle, ax + 1, _axis(y)))

    def trigger(self, side: str, travel: float) -> None:
        """Squeeze a trigger: travel 0 (released) .. 1 (fully in)."""
        # SDL maps a virtual pad's trigger axis from the joystick's full range onto 0..32767.
        self._check(self.sdl.SDL_JoystickSetVirtualAxis(self.handle, 4 if side == "left" else 5,
                                                        _axis(2.0 * travel - 1.0)))

    def _check(self, rc: int) -> None:
        if self.handle is None:
            raise RuntimeError("the virtual pad is not plugged in")
        if rc < 0:
            raise RuntimeError(self.sdl.SDL_GetError().decode())


def _axis(value: float) -> int:
    return int(max(AXIS_MIN, min(AXIS_MAX, round(value * AXIS_MAX))))
