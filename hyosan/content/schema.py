"""Frozen, validated level data: what the loader produces and the simulation consumes.

Coordinates in level files are in tiles (1 tile = 16 px in the simulation); ``(col, row)`` for
tiles, ``(x, y)`` floats for positions, where ``(0.5, 0.5)`` is the centre of the top-left tile.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FORMAT_VERSION = 1

# Tile kinds a legend character may name. The simulation maps each to physics and senses.
TILE_KINDS = ("floor", "wall", "door", "window", "exit", "spawn", "puddle", "edge", "void")

# The legend every level gets unless it overrides a character.
DEFAULT_LEGEND: dict[str, str] = {
    ".": "floor",
    "#": "wall",
    "D": "door",
    "W": "window",
    "E": "exit",
    "S": "spawn",
    "~": "puddle",
    "_": "edge",
    " ": "void",
}

HINGE_SIDES = ("west", "east", "north", "south")


@dataclass(frozen=True, slots=True)
class MapSpec:
    """The ASCII tile grid and what each character means."""

    rows: tuple[str, ...]
    legend: tuple[tuple[str, str], ...]  # (char, kind), sorted by char

    @property
    def width(self) -> int:
        """Width in tiles."""
        return len(self.rows[0])

    @property
    def height(self) -> int:
        """Height in tiles."""
        return len(self.rows)

    def kind_at(self, col: int, row: int) -> str:
        """The tile kind at (col, row)."""
        return dict(self.legend)[self.rows[row][col]]

    def tiles_of(self, kind: str) -> tuple[tuple[int, int], ...]:
        """Every (col, row) whose kind is ``kind``, in row-major order."""
        chars = {c for c, k in self.legend if k == kind}
        return tuple(
            (c, r) for r, line in enumerate(self.rows) for c, ch in enumerate(line) if ch in chars
        )


@dataclass(frozen=True, slots=True)
class DoorSpec:
    """A hinged door filling one door tile."""

    id: str
    tile: tuple[int, int]  # (col, row)
    hinge: str  # which end of the doorway the hinge sits at: west/east (in a horizontal wall) or north/south
    locked: bool = False


@dataclass(frozen=True, slots=True)
class PropSpec:
    """A movable rigid body placed in the level."""

    id: str
    type: str  # a prop type from the prop table, e.g. "desk"
    at: tuple[float, float]  # centre, tiles
    angle_deg: float = 0.0
    mass: float | None = None  # overrides the prop type's mass (kg)


@dataclass(frozen=True, slots=True)
class StudentSpec:
    """A member of the squad and where they start."""

    id: str  # e.g. "on-jo"
    at: tuple[float, float]  # tiles


@dataclass(frozen=True, slots=True)
class ZombieGroupSpec:
    """Zombies placed at the start, spread over a rectangle of tiles."""

    breed: str
    count: int
    zone: tuple[float, float, float, float]  # x0, y0, x1, y1 in tiles
    state: str = "idle"


@dataclass(frozen=True, slots=True)
class LevelSpec:
    """Everything the simulation needs to build one level."""

    id: str
    title: str
    briefing: str
    map: MapSpec
    par_seconds: float = 120.0
    time_limit_seconds: float = 600.0
    doors: tuple[DoorSpec, ...] = ()
    props: tuple[PropSpec, ...] = ()
    squad: tuple[StudentSpec, ...] = ()
    zombies: tuple[ZombieGroupSpec, ...] = ()
    source: str = ""  # the file it came from, for messages
    content_hash: str = ""  # sha256 of the level file bytes; seeds the sim and pins replays


@dataclass(frozen=True, slots=True)
class PackSpec:
    """A pack: its manifest and its levels, in the order the manifest lists them."""

    id: str
    name: str
    author: str
    version: str
    format_version: int
    description: str
    min_game_version: str
    levels: tuple[LevelSpec, ...] = field(default=())
    root: str = ""

    def level(self, level_id: str) -> LevelSpec | None:
        """The level with this id, or None."""
        return next((lv for lv in self.levels if lv.id == level_id), None)
