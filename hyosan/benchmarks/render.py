"""Frame benchmarks: simulation + drawing at 1280x720 with zombies on screen, and start-up."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from typing import Any

import numpy as np

from ..content.schema import DEFAULT_LEGEND, LevelSpec, MapSpec, StudentSpec, ZombieGroupSpec
from ..sim.commands import EMPTY_INPUT
from ..sim.units import TILE_PX
from ..sim.world import World

VIEW = (1280, 720)


def on_screen_level(n: int, scale: float) -> LevelSpec:
    """A yard exactly the camera's view, so all ``n`` wandering zombies are on screen.

    The student stands sealed in a one-tile closet in the middle: out in the open, 1000
    zombies bit and turned her on tick 0, the level was lost, and every later ``step`` did
    nothing, so the "sim and draw" frame measured drawing alone.
    """
    cols = int(VIEW[0] / scale / TILE_PX) + 2
    rows_n = int(VIEW[1] / scale / TILE_PX) + 2
    rows = ["#" * cols] + ["#" + "." * (cols - 2) + "#" for _ in range(rows_n - 2)] + ["#" * cols]
    rows[1] = "#E" + rows[1][2:]
    mid, c = rows_n // 2, cols // 2
    closet = ("#####", "#...#", "#.S.#", "#...#", "#####")  # a tile of air all round: out of bite reach
    for k, middle in enumerate(closet):
        r = mid - 2 + k
        rows[r] = rows[r][: c - 2] + middle + rows[r][c + 3:]
    return LevelSpec(
        id="bench-frame", title="Frame", briefing="",
        map=MapSpec(tuple(rows), tuple(sorted(DEFAULT_LEGEND.items()))),
        squad=(StudentSpec("on-jo", (c + 0.5, mid + 0.5)),),
        # either side of the closet, so none is placed inside it
        zombies=(ZombieGroupSpec("walker", n // 2, (1.0, 1.0, c - 3.0, rows_n - 1.0), "wander"),
                 ZombieGroupSpec("walker", n - n // 2, (c + 4.0, 1.0, cols - 1.0, rows_n - 1.0), "wander")),
        time_limit_seconds=36000.0, content_hash=f"bench-frame-{n}",
    )


def frame_rows(ns: tuple[int, ...] = (1000, 3000), frames: int = 240) -> list[dict[str, Any]]:
    """Median and p99 of one frame (a tick plus a full draw) with ``n`` zombies on screen, and of
    its drawing alone (the same frames), so the two budgets can be told apart."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from ..render.camera import Camera
    from ..render.presentation import Presentation

    pygame.display.init()
    pygame.font.init()
    screen = pygame.display.set_mode(VIEW)
    rows: list[dict[str, Any]] = []
    try:
        for n in ns:
            camera = Camera(*VIEW)
            world = World.from_spec(on_screen_level(n, camera.scale), 0)
            present = Presentation(world, camera)
            present.update(0.0, snap=True)
            assert world.outcome is None, "the frame benchmark's level ended before it was measured"
            sim_ms, draw_ms = [], []
            for k in range(frames + 30):
                start = time.perf_counter()
                events = world.step(EMPTY_INPUT)
                stepped = time.perf_counter()
                present.consume(events)
                present.update(1 / 60)
                present.draw(screen, 0.5)
                if k >= 30:  # the first frames fill caches
                    sim_ms.append((stepped - start) * 1e3)
                    draw_ms.append((time.perf_counter() - stepped) * 1e3)
            if world.outcome is not None:  # a frame without a simulation would flatter the budget
                raise RuntimeError(f"frame benchmark: the level ended ({world.loss_cause}) at tick {world.tick}")
            total, draw = np.array(sim_ms) + np.array(draw_ms), np.array(draw_ms)
            rows.append({"name": "frame_sim_and_draw", "n": n, "median_ms": round(float(np.median(total)), 3),
                         "p99_ms": round(float(np.percentile(total, 99)), 3), "budget_ms": 8.0 if n <= 1000 else 16.7})
            rows.append({"name": "frame_draw_only", "n": n, "median_ms": round(float(np.median(draw)), 3),
                         "p99_ms": round(float(np.percentile(draw, 99)), 3),
                         "note": "the drawing share of the frame above (same frames)"})
    finally:
        pygame.quit()
    return rows


def startup_rows(repeats: int = 3) -> list[dict[str, Any]]:
    """Wall time from a fresh interpreter to the first title frame on screen (dummy video).

    Two rows. The first runs in this environment as it is: where PYTHONDONTWRITEBYTECODE is
    set (the project's machines set it) no ``.pyc`` is ever kept, so every start compiles the
    ~100 game modules it imports from source (~0.24 s of a ~1 s start, by cProfile). The second
    is the start of an installed game, whose bytecode pip compiled at install: the same
    command with bytecode written to a scratch ``PYTHONPYCACHEPREFIX`` by one untimed start.
    """
    import tempfile

    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    code = "from hyosan.app import run_app; run_app(max_frames=1)"

    def median_of_starts(env: dict[str, str]) -> tuple[float, float]:
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
            times.append((time.perf_counter() - start) * 1e3)
        return round(float(np.median(times)), 1), round(max(times), 1)

    rows: list[dict[str, Any]] = []
    median, worst = median_of_starts(env)
    rows.append({"name": "startup_to_title_frame", "n": 1, "median_ms": median, "p99_ms": worst,
                 "budget_ms": 1000.0, "bytecode": "as this environment has it"})
    with tempfile.TemporaryDirectory(prefix="hyosan-pyc-") as cache:
        cached = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached["PYTHONPYCACHEPREFIX"] = cache
        subprocess.run([sys.executable, "-c", code], env=cached, check=True, capture_output=True)  # writes the .pyc
        median, worst = median_of_starts(cached)
    rows.append({"name": "startup_to_title_frame_pyc", "n": 1, "median_ms": median, "p99_ms": worst,
                 "budget_ms": 1000.0, "bytecode": "cached, as installed"})
    return rows
