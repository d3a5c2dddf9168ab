"""The windowed game: opens the display and audio, and pumps frames into the scene stack."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from .control.replay import Replay


def init_audio() -> bool:
    """Open the mixer; with no audio device, say so once and run silent."""
    try:
        pygame.mixer.init()
        return True
    except pygame.error as exc:
        print(f"hyosan: no audio device ({exc}); playing without sound", file=sys.stderr)
        return False


def run_app(level: str | None = None, extra_packs: list[Path] | None = None, seed: int = 0,
            max_frames: int | None = None, screenshot: Path | None = None,
            record: Path | None = None, replay: Replay | None = None, briefing: bool = False) -> int:
    """Open the window and run until the player quits; returns the exit code.

    ``record`` writes the player's commands to a replay file; ``replay`` plays one back instead
    of taking keyboard input. ``briefing`` shows the level's briefing before it starts (the
    command line's default; tests and tools that want play at once leave it off).
    """
    from .control.gamepad import Gamepads
    from .scenes import window
    from .scenes.screens import first_scene
    from .scenes.stack import Quit, SceneStack
    from .scenes.ui import font
    from .sim.jit import preload_in_background

    pygame.display.init()
    pygame.font.init()
    font.cache_clear()
    init_audio()
    pads = Gamepads()
    pads.start()  # pads already plugged in arrive as CONTROLLERDEVICEADDED like hot-plugged ones
    from .settings import load as load_settings

    prefs, notice = load_settings()
    if notice:
        print(f"hyosan: {notice}", file=sys.stderr)
    pygame.display.set_caption("Hyosan")
    pygame.display.set_mode(window.window_size(prefs.window_scale), pygame.RESIZABLE)
    window.apply(prefs)
    stack = SceneStack(first_scene(level, extra_packs or [], seed, notice, record=record, replay=replay,
                                   briefing=briefing))
    clock = pygame.time.Clock()
    last = time.perf_counter()
    frames = 0
    stop_preload = None  # the kernels load behind the first screens (see below)
    shot_dir = Path(os.environ.get("HYOSAN_SCREENSHOT_DIR", "."))
    try:
        while stack.running:
            for event in pygame.event.get():
                if event.type == pygame.QUIT:
                    stack.running = False
                elif event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
                    toggle = getattr(stack.top, "toggle_fullscreen", None)  # the settings screen shows it
                    if toggle is not None:
                        toggle()
                    else:
                        window.toggle_fullscreen()
                elif event.type == pygame.KEYDOWN and event.key == pygame.K_F12:
                    path = shot_dir / f"hyosan-{int(time.time())}-{frames}.png"
                    pygame.image.save(pygame.display.get_surface(), str(path))
                    print(f"hyosan: screenshot saved to {path}", file=sys.stderr)
                else:
                    pads.on_event(event)  # hot-plug: open / close the device, then the scene sees it too
                    stack.handle(event)
            now = time.perf_counter()
            stack.update(now - last)
            last = now
            if not stack.running:
                break
            screen = pygame.display.get_surface()  # a new surface after a scale or fullscreen change
            stack.draw(screen)
            pygame.display.flip()
            frames += 1
            if frames == 1 and max_frames != 1:  # (after the first frame: start-up stays as quick as it was)
                # Every compiled kernel numba has cached, loaded while the menus and briefing
                # show (~2 s), so none loads mid-level: they were 5-10 ms hitches each as the
                # horde first came (see ``jit.preload``).
                stop_preload = preload_in_background()
            if max_frames is not None and frames >= max_frames:
                if screenshot is not None:
                    pygame.image.save(screen, str(screenshot))
                break
            # The top scene sets the frame cap (menus idle at 60); the simulation stays at 60 Hz.
            clock.tick(stack.top.max_fps if stack.top is not None else 60)
    finally:
        stack.apply(Quit())  # every scene's exit runs: a recording in progress is saved
        if stop_preload is not None:
            stop_preload()
        pygame.quit()
    return 0
