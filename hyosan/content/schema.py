"""Frozen, validated level data: what the loader produces and the simulation consumes.

Coordinates in level files are in tiles (1 tile = 16 px in the simulation); ``(col, row)`` for
tiles, ``(x, y)`` floats for positions, where ``(0.5, 0.5)`` is the centre of the top-left tile.
"""

from __future__ import annotations

import math
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

FLOOR_MARKER_KINDS = ("spawn", "door")  # tiles that stand on a floor: drawn in their neighbours' style

HINGE_SIDES = ("west", "east", "north", "south")

# Floor styles (how a floor tile looks and sounds); a level's ``theme`` is the default style.
FLOOR_STYLES = ("classroom", "hallway", "yard", "auditorium", "site", "stairwell", "rooftop", "forest")
ROOFS = ("roofed", "open")  # a legend entry's override of where rain is drawn (hyosan/render/roof.py)
ZONE_ROLES = ("area", "exit", "fall", "marker", "zombie-spawn", "safe")
SPAWN_POINT_ROLES = ("zombies", "ally")
JOINT_KINDS = ("pivot", "pin", "rope", "coupling")
SOUND_KINDS = ("pa-speaker", "phone", "car-alarm", "drone", "alarm-clock", "radio", "shout", "helicopter")
MOVING_SOUND_KINDS = ("drone", "helicopter")  # fly a `path` at a `speed`
STATION_KINDS = ("intercom", "pa-console", "drone-controller", "phone", "door-switch", "bait")
# Students who work a station faster, by how many times (GAME.md: Joon-yeong uses consoles,
# drones and the PA twice as fast): the sim's station clock, and the checker's least time for
# a level's required station work.
FAST_OPERATORS = {"joon-yeong": 2.0}
LIGHT_KINDS = ("lamp", "torch")
AMBIENT_LIGHTS = ("day", "lit", "dawn", "dark")
OBJECTIVE_KINDS = ("reach-exit", "reach-zone", "survive-seconds", "use-station", "hold-until-event")
LOSE_RULES = ("everyone-down", "time")  # plus "student-lost:<squad id>"
ZOMBIE_STATES = ("idle", "wander", "investigate", "chase")
# A zombie group's facing at the start: a unit vector in screen axes (y grows south).
FACINGS = {"north": (0.0, -1.0), "east": (1.0, 0.0), "south": (0.0, 1.0), "west": (-1.0, 0.0)}
WEAPONS = ("none", "mop", "bat", "broom", "extinguisher", "bow")
ROLLING = ("none", "along", "across", "any")
DIFFICULTIES = ("story", "normal", "hard")


@dataclass(frozen=True, slots=True)
class MapSpec:
    """The ASCII tile grid and what each character means."""

    rows: tuple[str, ...]
    legend: tuple[tuple[str, str], ...]  # (char, kind), sorted by char
    floors: tuple[tuple[str, str], ...] = ()  # (char, floor style) for chars that set one, sorted
    theme: str = "classroom"  # floor style of every floor tile whose char sets none
    roofs: tuple[tuple[str, str], ...] = ()  # (char, "roofed" | "open") for chars that set one, sorted

    def floor_at(self, col: int, row: int) -> str:
        """The floor style at (col, row): the one the map names there, else the level theme."""
        return self.named_floor(col, row) or self.theme

    def named_floor(self, col: int, row: int) -> str | None:
        """The floor style the map names at (col, row): its character's legend ``floor``; on a
        spawn or door tile whose character names none, the style its eight neighbours name most
        (the first of a tie, reading row by row). Played by hand, the auditorium's 'S' on a
        stage of boards was drawn in the theme's red carpet, a square that read as a marker."""
        floors = dict(self.floors)
        char = self.rows[row][col]
        if char in floors:
            return floors[char]
        if dict(self.legend).get(char) not in FLOOR_MARKER_KINDS:
            return None
        counts: dict[str, int] = {}
        for r in range(max(0, row - 1), min(len(self.rows), row + 2)):
            for c in range(max(0, col - 1), min(len(self.rows[r]), col + 2)):
                style = floors.get(self.rows[r][c])
                if style is not None:
                    counts[style] = counts.get(style, 0) + 1
        return max(counts, key=counts.__getitem__) if counts else None

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
    key: str = ""  # a station id: E cannot unlock this door until that station has been used (a padlock)
    lock_strength: float = 1.0  # x a standard lock (LOCK_BREAK_FORCE in the sim): what the crowd must outpush


@dataclass(frozen=True, slots=True)
class PropSpec:
    """A movable rigid body placed in the level."""

    id: str
    type: str  # a prop type from the prop table, e.g. "desk"
    at: tuple[float, float]  # centre, tiles
    angle_deg: float = 0.0
    mass: float | None = None  # overrides the prop type's mass (kg)
    width: float | None = None  # overrides the prop type's width (px)
    depth: float | None = None  # overrides the prop type's depth (px)
    friction: float | None = None  # overrides the prop type's surface friction
    anchored: bool = False  # fixed in place (a parked crane base, a bolted locker)
    falls_onto: tuple[float, float, float, float] | None = None  # tiles: a standing tower topples onto this


@dataclass(frozen=True, slots=True)
class PropTypeSpec:
    """What a kind of prop is made of (one row of the prop-type table)."""

    width: float  # px, along its length (x before rotation)
    depth: float  # px, across (y before rotation)
    mass: float  # kg; a student drives with ~27 kN, floor friction is 420·mass
    elasticity: float = 0.05
    friction: float = 0.6  # surface friction against other shapes
    rolling: str = "none"  # "along": rolls along its length, resists sideways; "across": rolls across it (a pipe); "any": rolls freely
    alarm: str = ""  # sound kind it sets off when hit hard (e.g. "car-alarm"), "" for none
    description: str = ""
    rattle: float = 0.0  # px of loudness per px/s it rolls faster than rolling.RATTLE_QUIET (0: silent casters)
    cover: bool = False  # blocks sight: a student walled in on every side by cover props is hidden (sight.cover_ranges)


@dataclass(frozen=True, slots=True)
class BreedSpec:
    """What a kind of zombie is (one row of the breed table)."""

    wander_speed: float = 40.0  # px/s
    investigate_speed: float = 90.0  # px/s
    chase_speed: float = 150.0  # px/s
    health: float = 1.0  # multiples of a walker's health (hits of the standard melee)
    radius: float = 4.5  # px
    mass: float = 50.0  # kg
    push: float = 1.0  # multiplier on the force it presses doors and props with
    hearing: float = 1.0  # multiplier on every loudness it hears
    sight: float = 1.0  # multiplier on sight range
    bite_cooldown_seconds: float = 0.8
    ignores_lures: bool = False
    shrugs_off_shoves: bool = False
    only_big_blows: bool = False  # melee does not hurt it; a heavy prop's hard hit or a fall does
    description: str = ""


@dataclass(frozen=True, slots=True)
class JointSpec:
    """A joint tying two props, or a prop to the floor (``b`` empty)."""

    id: str
    kind: str  # pivot / pin / rope / coupling
    a: str  # prop id
    b: str = ""  # prop id, or "" for the world (the floor / a fixed point)
    anchor_a: tuple[float, float] = (0.0, 0.0)  # tiles, in a's own frame
    anchor_b: tuple[float, float] = (0.0, 0.0)  # tiles, in b's frame (world tiles if b is "")
    length: float | None = None  # tiles; rope maximum length (None: the distance at start)
    break_force: float | None = None  # N; None never breaks
    coupled: bool = True  # coupling: starts coupled (students can toggle it with E)
    release_push: tuple[float, float] | None = None  # tiles/s added to a's group when the joint lets go


def tile_span(rect: tuple[float, ...]) -> tuple[int, int, int, int]:
    """``(c0, c1, r0, r1)``: the columns ``c0 <= c < c1`` and rows ``r0 <= r < r1`` a rectangle
    ``[x0, y0, x1, y1]`` (tiles, either corner first) touches; a part-covered tile counts. The one
    rule for a zone's tiles: the simulation's drops and the checker's both read it."""
    x0, y0, x1, y1 = rect[:4]
    return (math.floor(min(x0, x1)), math.ceil(max(x0, x1)), math.floor(min(y0, y1)), math.ceil(max(y0, y1)))


@dataclass(frozen=True, slots=True)
class ZoneSpec:
    """A named rectangle of tiles (an exit zone, a fall zone, a horde area, a trigger)."""

    id: str
    rect: tuple[float, float, float, float]  # x0, y0, x1, y1 in tiles
    role: str = "area"


@dataclass(frozen=True, slots=True)
class SpawnPointSpec:
    """A named point where zombies or an ally enter.

    An ``ally`` point brings in ``student`` (a [[squad]] id that is not in the world at the
    start) when the lead first stands in ``join_zone`` or at ``join_seconds``, whichever comes
    first, with an entrance noise of ``noise`` px."""

    id: str
    at: tuple[float, float]  # tiles
    role: str = "zombies"
    student: str = ""  # ally: the squad id who enters here
    join_zone: str = ""  # ally: zone id; joins when the lead enters it
    join_seconds: float | None = None  # ally: joins at this time (s) at the latest
    noise: float = 0.0  # ally: loudness (px) of the entrance (a door broken in)


@dataclass(frozen=True, slots=True)
class StudentSpec:
    """A member of the squad and where they start."""

    id: str  # e.g. "on-jo"
    at: tuple[float, float]  # tiles; (-1, -1) means "around the squad spawn"
    lead: bool = False  # the student the player starts with
    weapon: str = "none"
    halfbie: bool = False  # a halfbie ally: hearing, strength and hunger (hyosan/sim/hunger.py)


@dataclass(frozen=True, slots=True)
class ZombieGroupSpec:
    """Zombies placed at the start, spread over a rectangle of tiles."""

    breed: str
    count: int
    zone: tuple[float, float, float, float]  # x0, y0, x1, y1 in tiles
    state: str = "idle"
    id: str = ""
    facing: str = ""  # a FACINGS key, or "" for each its own random way
    # the zone or spawn point id it was placed with (``in_zone`` / ``at_spawn``; "" for a
    # ``zone`` rectangle): what names a group without an id in playtest reports
    placed_in: str = ""


@dataclass(frozen=True, slots=True)
class SpawnerSpec:
    """Zombies that keep entering at a point or zone while the level runs."""

    id: str
    breed: str
    zone: tuple[float, float, float, float]  # where they appear, tiles
    per_minute: float  # arrival rate
    max_alive: int  # the spawner pauses while this many of its zombies are up
    start_seconds: float = 0.0
    stop_seconds: float | None = None  # None: until the level ends
    total: int | None = None  # None: no limit
    hunts: bool = False  # arrivals head for where the lead stands as they arrive (else they look round their zone)


@dataclass(frozen=True, slots=True)
class WaveSpec:
    """A timed wave: ``count`` zombies arriving at ``at_seconds`` over ``spread_seconds``."""

    id: str
    breed: str
    count: int
    zone: tuple[float, float, float, float]  # tiles
    at_seconds: float
    spread_seconds: float = 0.0
    state: str = "investigate"


@dataclass(frozen=True, slots=True)
class SoundSourceSpec:
    """A scripted noise-maker: PA speaker, phone, car alarm, drone..."""

    id: str
    kind: str
    at: tuple[float, float] = (0.0, 0.0)  # tiles (a drone starts at its first waypoint)
    loudness: float | None = None  # px radius; None: the kind's default from GAME.md
    duration_seconds: float | None = None  # None: the kind's default
    attached_to: str = ""  # prop id (a car alarm sits on its car)
    start_seconds: float | None = None  # fires by itself at this time; None: a station fires it
    path: tuple[tuple[float, float], ...] = ()  # drone waypoints, tiles
    speed: float = 0.0  # px/s along the path
    loop: bool = False
    caption: str = ""  # what the screen calls it ("siren"); "" for its kind's caption
    countdown: bool = False  # the top bar counts down to start_seconds from the start (drawn only)


@dataclass(frozen=True, slots=True)
class StationSpec:
    """Something a student uses by holding E (intercom, PA console, drone controller...)."""

    id: str
    kind: str
    at: tuple[float, float]  # tiles
    use_seconds: float = 2.0  # hold time for an ordinary student
    triggers: tuple[str, ...] = ()  # sound source ids it fires
    uses: int = 1  # how many times it works
    needs: str = ""  # a station that must have been used before this one works (the keys for a padlock)


@dataclass(frozen=True, slots=True)
class LabelSpec:
    """A place's name written on the level's plan (briefing and pause map); the simulation
    never reads it."""

    text: str
    at: tuple[float, float]  # tiles: where the words are centred


@dataclass(frozen=True, slots=True)
class LightSpec:
    """A lamp on the map or a torch a student carries."""

    id: str
    kind: str  # lamp / torch
    radius: float = 5.0  # tiles
    at: tuple[float, float] = (0.0, 0.0)  # tiles (lamps)
    carried_by: str = ""  # squad id (torches)
    on: bool = True
    flicker: bool = False


@dataclass(frozen=True, slots=True)
class LightingSpec:
    """Ambient light plus lamps and torches."""

    ambient: str = "day"  # day / lit / dawn / dark
    lights: tuple[LightSpec, ...] = ()


@dataclass(frozen=True, slots=True)
class WeatherSpec:
    """Rain and lightning; lightning is a fixed schedule or seeded random, never both."""

    rain: float = 0.0  # 0 dry .. 1 downpour (loudness x0.55 at 1)
    lightning_at: tuple[float, ...] = ()  # seconds, ascending
    lightning_mean_interval_seconds: float | None = None  # random lightning (Poisson), sim RNG
    thunder_delay_seconds: float = 1.0  # telegraph flicker before the flash


@dataclass(frozen=True, slots=True)
class DifficultySpec:
    """Multipliers one difficulty applies to the horde."""

    horde: float = 1.0  # zombie counts (groups, waves, spawner totals)
    speed: float = 1.0  # zombie speeds
    sight: float = 1.0  # zombie sight range


DEFAULT_DIFFICULTY: tuple[tuple[str, DifficultySpec], ...] = (
    ("hard", DifficultySpec(1.4, 1.1, 1.2)),
    ("normal", DifficultySpec()),
    ("story", DifficultySpec(0.6, 0.85, 0.8)),
)


@dataclass(frozen=True, slots=True)
class ObjectiveSpec:
    """One thing to do; the level is won when every non-optional objective is done, in order."""

    id: str
    kind: str  # reach-exit / reach-zone / survive-seconds / use-station / hold-until-event
    text: str = ""  # HUD line; generated from the kind when empty
    seconds: float | None = None  # survive-seconds
    station: str = ""  # use-station: station id
    zone: str = ""  # reach-zone: zone id
    event: str = ""  # hold-until-event: "station:<id>", "sound-end:<id>" or "wave-end:<id>"
    optional: bool = False

    @property
    def worked_station(self) -> str:
        """The station this objective has the squad work ("" if none): a use-station's, or
        the one a hold-until-event waits for ("station:<id>")."""
        if self.kind == "use-station":
            return self.station
        if self.kind == "hold-until-event" and self.event.startswith("station:"):
            return self.event.partition(":")[2]
        return ""


@dataclass(frozen=True, slots=True)
class StarRules:
    """Stars: 1 for winning, 2 with enough survivors, 3 with everyone under par time."""

    two_star_survivors: int = 1
    three_star_seconds: float | None = None  # None: the level's par_seconds


@dataclass(frozen=True, slots=True)
class EndlessSpec:
    """A score level (``[endless]``): no objectives and no time limit; it lasts until the squad
    is down, the spawners come faster as it goes on, and the score is how long and how well the
    squad held out."""

    ramp_every_seconds: float = 60.0  # s between steps of the spawners' multiplier
    ramp: float = 0.25  # added to the multiplier (x the spawners' own rate and cap) at every step
    ramp_max: float = 4.0  # the multiplier stops growing here
    star_seconds: tuple[float, float, float] = (120.0, 300.0, 600.0)  # s held out for 1, 2, 3 stars

    def multiplier(self, seconds: float) -> float:
        """The spawners' rate and cap multiplier after ``seconds`` s of play."""
        steps = int(seconds // self.ramp_every_seconds)
        return min(self.ramp_max, 1.0 + self.ramp * steps)


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
    content_hash: str = ""  # sha256 of the level bytes (+ the pack's own tables): names it in replays
    difficulty: tuple[tuple[str, DifficultySpec], ...] = DEFAULT_DIFFICULTY  # sorted by name
    zones: tuple[ZoneSpec, ...] = ()
    spawn_points: tuple[SpawnPointSpec, ...] = ()
    joints: tuple[JointSpec, ...] = ()
    spawners: tuple[SpawnerSpec, ...] = ()
    waves: tuple[WaveSpec, ...] = ()  # sorted by (at_seconds, id)
    sounds: tuple[SoundSourceSpec, ...] = ()
    stations: tuple[StationSpec, ...] = ()
    labels: tuple[LabelSpec, ...] = ()  # in file order
    lighting: LightingSpec = LightingSpec()
    weather: WeatherSpec = WeatherSpec()
    objectives: tuple[ObjectiveSpec, ...] = ()  # empty means one reach-exit
    lose: tuple[str, ...] = ("everyone-down", "time")
    stars: StarRules = StarRules()
    endless: EndlessSpec | None = None  # a score level: see EndlessSpec
    music: str = ""  # pack-relative asset path, validated
    prop_types: tuple[tuple[str, PropTypeSpec], ...] = ()  # built-in + pack table, sorted by name
    breeds: tuple[tuple[str, BreedSpec], ...] = ()  # built-in + pack table, sorted by name

    @property
    def ambient(self) -> str:
        """The level's ambient light (day / lit / dark), as the presentation reads it."""
        return self.lighting.ambient

    def prop_type(self, name: str) -> PropTypeSpec:
        """The prop type ``name`` from this level's table (the loader guarantees it exists)."""
        return dict(self.prop_types)[name]

    def breed(self, name: str) -> BreedSpec:
        """The breed ``name`` from this level's table."""
        return dict(self.breeds)[name]

    def difficulty_of(self, name: str) -> DifficultySpec:
        """Multipliers for ``story``, ``normal`` or ``hard``."""
        return dict(self.difficulty)[name]


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
    root: str = ""  # folder or .zip it came from
    icon: str = ""  # pack-relative asset path, validated
    prop_types: tuple[tuple[str, PropTypeSpec], ...] = ()  # the pack's own additions only
    breeds: tuple[tuple[str, BreedSpec], ...] = ()  # the pack's own additions only

    def level(self, level_id: str) -> LevelSpec | None:
        """The level with this id, or None."""
        return next((lv for lv in self.levels if lv.id == level_id), None)
