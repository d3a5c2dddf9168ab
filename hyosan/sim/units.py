"""Units shared by the simulation: pixels, ticks and their conversions."""

from __future__ import annotations

TILE_PX = 16  # one map tile is 16 world pixels across
TICK_HZ = 60  # simulation ticks per simulated second
TICK_DT = 1.0 / TICK_HZ  # seconds per tick
