"""A short headless run before the first level played on a machine, so the simulation's kernels
are compiled before play rather than during it.

numba compiles each kernel the first time it runs and caches the machine code on disk
(``hyosan/sim/jit.py``). Left to itself, the first level played after an install would stall for
the seconds that takes, spread over its first ticks, with the horde already moving. Instead the
play scene, once per build of the game, shows a "preparing" line and runs this: a few simulated
seconds of the level about to be played with the random bot (every kind of command), then a
packed crowd at a barricade (bites, pushes on props, the cell list's big-crowd paths). A marker
file then says this build is done; any kernel the rehearsal missed still compiles on first use.
"""

from __future__ import annotations

import hashlib
import os
import sys
from importlib import metadata
from pathlib import Path

import platformdirs

from .. import __version__
from ..content.schema import LevelSpec

LEVEL_TICKS = 300  # 5 s of the level: decisions, sight, hearing, doors and props
CROWD_TICKS = 120  # 2 s of 300 zombies pressing a barricade
CROWD_SIZE = 300  # over the all-pairs separation limit, so the cell list's path runs too


def marker_path() -> Path:
    """Where the marker for this build lives: ``HYOSAN_CACHE_DIR`` or the user cache folder,
    named by the game's version, numba's and Python's, and the simulation's sources (numba
    compiles again when any of them changes)."""
    base = Path(os.environ.get("HYOSAN_CACHE_DIR") or platformdirs.user_cache_dir("hyosan"))
    key = hashlib.sha256(f"{__version__} {metadata.version('numba')} {sys.version}".encode())
    sim = Path(__file__).resolve().parents[1] / "sim"
    for source in sorted(sim.rglob("*.py")):
        stat = source.stat()
        key.update(f"{source.relative_to(sim)} {stat.st_mtime_ns} {stat.st_size}".encode())
    return base / f"kernels-{key.hexdigest()[:16]}.ready"


def needed() -> bool:
    """Whether this build has not been rehearsed on this machine yet."""
    try:
        return not marker_path().exists()
    except (OSError, metadata.PackageNotFoundError):  # an unreadable cache folder (or numba unlisted): rehearse
        return True


def rehearse(level: LevelSpec, seed: int = 0) -> None:
    """Run ``level`` and a packed crowd headless for a few simulated seconds, then leave the
    marker. Nothing it does reaches the game: its worlds are thrown away."""
    from ..benchmarks.scenarios import packed_level, press_against_barricade
    from ..control.bots import make_bot
    from ..sim.commands import EMPTY_INPUT
    from ..sim.world import World

    world = World.from_spec(level, seed)
    bot = make_bot("random", seed)
    bot.reset(world)
    for _ in range(LEVEL_TICKS):
        if world.outcome is not None:
            break
        world.step(bot.act(world))
    crowd = World.from_spec(packed_level(CROWD_SIZE), seed)
    for tick in range(CROWD_TICKS):
        if tick % 60 == 0:
            press_against_barricade(crowd)
        crowd.step(EMPTY_INPUT)
    for exact in (True, False):  # what drawing (exact) and the groans' mixer ask of the cell list each frame
        crowd.horde.cells.in_rect(0.0, 0.0, 640.0, 360.0, exact=exact)
    marker = marker_path()
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(f"hyosan {__version__}: kernels compiled\n")
    except OSError as exc:  # a read-only cache folder: the next start rehearses again (~1 s when compiled)
        print(f"hyosan: could not note the compiled kernels ({exc})", file=sys.stderr)
