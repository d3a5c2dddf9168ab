"""World units shared by every simulation kernel."""

from __future__ import annotations

TILE_PX: int = 16  # px per tile edge
TICK_HZ: int = 60  # simulation ticks per second
TICK_DT: float = 1.0 / 60.0  # s per tick
