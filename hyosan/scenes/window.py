"""The game window: its size from the scale setting, fullscreen, applied the moment they change.

The settings screen calls ``apply`` on every change of the fullscreen or window-scale rows, and
``F11`` flips fullscreen and saves it, so neither waits for a restart. The scenes always draw
on ``pygame.display.get_surface()``, which follows the window's size.
"""

from __future__ import annotations

import time
import warnings

import pygame

from .. import settings as st

BASE_SIZE = (1280, 720)  # the window at scale 1
SETTLE_SECONDS = 0.75  # after a change the old window's focus-lost events are not the player leaving
_changed_at = -1e9  # perf_counter seconds of the last change made here


def recently_changed() -> bool:
    """True just after this module changed the window: toggling fullscreen re-creates the
    window on some drivers (X11), and the focus it loses then must not pause the game."""
    return time.perf_counter() - _changed_at < SETTLE_SECONDS


def window_size(scale: float) -> tuple[int, int]:
    """The windowed size (px) for a scale setting."""
    return int(BASE_SIZE[0] * scale), int(BASE_SIZE[1] * scale)


def apply(prefs: st.Settings) -> None:
    """Make the open window match the settings now (nothing happens with no window open)."""
    global _changed_at
    if pygame.display.get_surface() is None:
        return
    if pygame.display.is_fullscreen() != prefs.fullscreen:
        _changed_at = time.perf_counter()
        try:
            with warnings.catch_warnings():  # "re-creating window in toggle_fullscreen" is expected on X11
                warnings.simplefilter("ignore")
                pygame.display.toggle_fullscreen()
        except pygame.error:  # a driver that cannot toggle (dummy, some Wayland): make the window anew
            if prefs.fullscreen:
                pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            else:
                pygame.display.set_mode(window_size(prefs.window_scale), pygame.RESIZABLE)
    if not prefs.fullscreen:
        size = window_size(prefs.window_scale)
        if pygame.display.get_window_size() != size:
            _changed_at = time.perf_counter()
            pygame.display.set_mode(size, pygame.RESIZABLE)


def toggle_fullscreen(prefs: st.Settings | None = None) -> st.Settings:
    """``F11``: flip fullscreen in the window and in the settings file; returns the settings."""
    if prefs is None:
        prefs, _ = st.load()
    prefs.fullscreen = not prefs.fullscreen
    apply(prefs)
    try:
        st.save(prefs)
    except OSError:
        pass  # the window changed anyway; the file may be writable next time
    return prefs
