"""The level format as data: every key of every table, with its type, unit, default and limits.

The loader checks a parsed TOML table against these rules (``Reader.table``), and
``levels/README.md``'s key tables are generated from them (``python3 -m hyosan.content.docgen``),
so the documentation and the checks cannot drift apart.
"""

from __future__ import annotations

import datetime
import difflib
import math
import re
from dataclasses import dataclass
from typing import Any

from .errors import Problem
from .schema import (
    AMBIENT_LIGHTS,
    FACINGS,
    FLOOR_STYLES,
    HINGE_SIDES,
    JOINT_KINDS,
    LIGHT_KINDS,
    OBJECTIVE_KINDS,
    ROLLING,
    ROOFS,
    SOUND_KINDS,
    SPAWN_POINT_ROLES,
    STATION_KINDS,
    TILE_KINDS,
    WEAPONS,
    ZOMBIE_STATES,
    ZONE_ROLES,
)
from .source import path_problem
from .tomlscan import Scan, Spots

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
VERSION_PATTERN = re.compile(r"^\d{1,4}(\.\d{1,4}){0,2}$")
# A path inside an array-of-tables entry ("props[3].at", "light.lights[0]") and inside a named
# table ("prop_types.shelf.mass", "map.legend.,.kind", "difficulty.hard.horde").
_ENTRY_PATH = re.compile(r"^((?:light\.)?[a-z_]+)\[(\d+)\]")
# A legend key is one character and may itself be "." (the floor): "map.legend...floor".
_NAMED_PATH = re.compile(r"^(prop_types|breeds|difficulty|map\.legend)\.((?<=legend\.)\.|[^.]+)(?:\.|$)")

MAX_TILES = 400  # map side, tiles
MAX_SECONDS = 36_000.0  # ten hours
MAX_SHORT = 200  # characters in a title or name
MAX_TEXT = 4_000  # characters in a briefing or description
MAX_MAP_CHARS = 40_000  # characters in a map's rows (newlines too): 200 x 200 tiles, say
REQUIRED: Any = object()


@dataclass(frozen=True, slots=True)
class Field:
    """One key: its kind, default, limits, unit and a line of documentation."""

    kind: str  # id ref str text int float bool choice point tile rect points floats refs path version table tables
    doc: str
    default: Any = None
    lo: float | None = None
    hi: float | None = None
    positive: bool = False  # must be > 0 (sizes, masses, radii, speeds, periods)
    choices: tuple[str, ...] = ()
    max_items: int = 0  # lists and arrays of tables
    unit: str = ""
    simulated: bool = True  # False: validated and kept, the simulation does not use it yet
    drawn_only: bool = False  # True: for the screen alone, the simulation never will use it ("no: drawn" in the docs)

    @property
    def required(self) -> bool:
        """Whether the key must be present."""
        return self.default is REQUIRED


def F(kind: str, doc: str, default: Any = None, **kw: Any) -> Field:  # noqa: N802 - a table-building shorthand
    """Shorthand for a Field."""
    return Field(kind, doc, default, **kw)


R = REQUIRED
POS = dict(kind="point", unit="tiles")

LEVEL: dict[str, Field] = {
    "id": F("id", "level id; must match the file name (`<id>.toml`) and the pack's `levels` list", R),
    "title": F("str", "name shown in menus", R, hi=MAX_SHORT),
    "briefing": F("text", "story and objective shown before play", "", hi=MAX_TEXT),
    "par_seconds": F("float", "par time, shown on the level select, briefing and results: winning in at most this with everyone alive earns 3 stars (unless [stars] `three_star_seconds` sets another time), and the score counts 10 points a second under twice par; must not be over `time_limit_seconds` (with a time limit under 120 s, set it)", 120.0, lo=1, hi=MAX_SECONDS, unit="s"),
    "time_limit_seconds": F("float", "the level is lost when this runs out (if `time` is in `lose`)", 600.0, lo=1, hi=MAX_SECONDS, unit="s"),
    "theme": F("choice", "floor style of floor tiles whose legend entry sets none (drawn; the simulation and footsteps do not use it yet)", "classroom", choices=FLOOR_STYLES, simulated=False),
    "music": F("path", "pack-relative .ogg/.wav played during the level", "", simulated=False),
    "lose": F("refs", "lose conditions: `everyone-down` (every student who started the level is down; "
              "an ally who joined later does not carry it alone), `time`, `student-lost:<squad id>` (that student is "
              "down: bitten to no health, over an edge, or turned; a bite alone is not a loss until the turn)",
              ["everyone-down", "time"], max_items=16),
    "map": F("table", "the tile grid (see [map])", R),
    "difficulty": F("table", "per-difficulty multipliers (see [difficulty.*])", None),
    "light": F("table", "ambient light and lamps (see [light])", None),
    "weather": F("table", "rain and lightning (see [weather])", None),
    "stars": F("table", "star rules (see [stars])", None),
    "endless": F("table", "makes this a score level with no end but the squad's (see [endless])", None),
    "doors": F("tables", "hinged doors", None, max_items=500),
    "props": F("tables", "movable bodies", None, max_items=2000),
    "joints": F("tables", "joints between props", None, max_items=1000),
    "zones": F("tables", "named rectangles", None, max_items=500),
    "spawn_points": F("tables", "named points where zombies or allies enter", None, max_items=500),
    "squad": F("tables", "the students, in roster order", None, max_items=12),
    "zombies": F("tables", "zombie groups placed at the start", None, max_items=500),
    "spawners": F("tables", "zombies that keep arriving", None, max_items=200),
    "waves": F("tables", "timed waves", None, max_items=500),
    "sounds": F("tables", "scripted noise-makers", None, max_items=200),
    "stations": F("tables", "things students use with E", None, max_items=200),
    "labels": F("tables", "names of places written on the level's plan (the briefing's map and the pause map)", None, max_items=100, drawn_only=True),
    "objectives": F("tables", "what winning takes, in order: each required one counts only once those before it are done (a station used early still counts, standing on the exit early does not, and a `hold-until-event` whose event already happened, a sound that ended or a wave whose last zombie arrived before its turn, is done the moment its turn comes); optional ones count any time (default: one reach-exit)", None, max_items=32),
}

MAP: dict[str, Field] = {
    "rows": F("text", "the grid, one line per row, one character per tile (short rows are padded with void)", R, hi=MAX_MAP_CHARS, unit="chars"),
    "legend": F("table", "extra or changed characters: `c = \"kind\"` or `c = { kind = \"floor\", floor = \"hallway\" }`", None),
}

LEGEND_ENTRY: dict[str, Field] = {
    "kind": F("choice", "tile kind", R, choices=TILE_KINDS),
    "floor": F("choice", "floor style drawn on this tile (the simulation and footsteps do not use it yet)", "", choices=FLOOR_STYLES, simulated=False),
    "roof": F("choice", "rain drawn here or not; default: roofed on classroom, hallway, auditorium and stairwell "
              "floors, on unstyled tiles enclosed by them and on walls touching them", "", choices=ROOFS,
              simulated=False),
}

DIFFICULTY: dict[str, Field] = {
    "horde": F("float", "multiplies zombie counts (groups, waves, and a spawner's `max_alive` and `total`; not a spawner's `per_minute`, so on a night of spawners it sets how many can be up at once, not how fast they come)", 1.0, lo=0, hi=10, positive=True, unit="x"),
    "speed": F("float", "multiplies zombie speeds", 1.0, lo=0, hi=3, positive=True, unit="x"),
    "sight": F("float", "multiplies zombie sight range", 1.0, lo=0, hi=3, positive=True, unit="x"),
}

DOOR: dict[str, Field] = {
    "id": F("id", "unique id", R),
    "tile": F("tile", "the door tile ('D' on the map), [col, row]", R, unit="tiles"),
    "hinge": F("choice", "end of the doorway the hinge is at (west/east in a horizontal wall, north/south in a vertical one); default west/north. Unlocked, a door swings both ways, up to 100 degrees, and a closer pulls it shut", "", choices=HINGE_SIDES),
    "locked": F("bool", "starts locked (every door starts shut; an unlocked one swings open when pushed). A student unlocks (or locks) it with E from either side, unless it has a `key` below; the crowd can force it (`lock_strength`)", False),
    "key": F("str", "a station id: E cannot unlock the door until that station has been used (a padlock); the keys may be any kind of station but `bait`: a `door-switch` is named by its id in the prompt (\"hold E: use the key box\"), so name it for what it is; \"\" for none", "", hi=64),
    "lock_strength": F("float", "how hard the crowd must press to force the lock, as a multiple of a standard lock (about 50 zombies pressing force one); props pushed up against the door add to it", 1.0, lo=0.1, hi=10, positive=True, unit="x"),
}

PROP: dict[str, Field] = {
    "id": F("id", "unique id", R),
    "type": F("ref", "a prop type: a built-in one (see Built-in prop types below: desk, locker, trolley, ...) or the pack's `[prop_types.*]`", R),
    "at": F("point", "centre", R, unit="tiles"),
    "angle": F("float", "rotation, clockwise", 0.0, lo=-360, hi=360, unit="deg"),
    "mass": F("float", "overrides the type's mass", None, lo=0, hi=100_000, positive=True, unit="kg"),
    "width": F("float", "overrides the type's width", None, lo=0, hi=1024, positive=True, unit="px"),
    "depth": F("float", "overrides the type's depth", None, lo=0, hi=1024, positive=True, unit="px"),
    "friction": F("float", "overrides the type's surface friction", None, lo=0, hi=10, unit=""),
    "anchored": F("bool", "fixed in place: nothing pushes, tows or turns it (a bolted AC unit, a parked crane base); it still blocks and hides", False),
    "falls_onto": F("rect", "a standing tower (a scaffold) held up by its joints: when the last of them breaks (a "
                    "student drags it until its tie snaps, or a crowd shoves it) it topples onto this [x0, y0, x1, "
                    "y1]: those tiles become wreckage (walls: the horde and the squad go round, sight stops), "
                    "whatever stands there is crushed (a big blow) and the crash is heard 600 px away", None,
                    unit="tiles"),
}

JOINT: dict[str, Field] = {
    "id": F("id", "unique id", R),
    "kind": F("choice", "pivot (anchors pinned together, free to turn), pin (anchors keep their starting distance), "
              "rope (anchors at most `length` apart; a rope with `b` left out hangs `a` off the floor and it swings back "
              "under the hook, ~3 s a swing), coupling (holds two trolleys rigidly side by side; a student toggles it with "
              "E from within 30 px (1.9 tiles) of the coupling point, and can couple only when the anchors are within 12 px and the trolleys lined up; "
              "E works the nearest open coupling in reach first, a latched one only when no open one is in reach, so keep a "
              "chock's point out of reach of the trolleys' open couplings)",
              R, choices=JOINT_KINDS),
    "a": F("ref", "prop id", R),
    "b": F("ref", "prop id; leave out to fix `a` to the world", ""),
    "anchor_a": F("point", "attach point in a's frame (0,0 = its centre; x along its width)", [0.0, 0.0], unit="tiles"),
    "anchor_b": F("point", "attach point in b's frame, or in world tiles when `b` is left out", [0.0, 0.0], unit="tiles"),
    "length": F("float", "rope: maximum length (default: the distance at start); never shorter than the distance at start, or the rope would yank its prop on the first tick", None, lo=0, hi=MAX_TILES, positive=True, unit="tiles"),
    "break_force": F("float", "snaps when the force it carries, smoothed over ~4 ticks, exceeds this (default: never); "
                     "a coupling's force is the push of the zombies pressing within 28 px of its point or of an end of "
                     "either of its trolleys (a walker "
                     "pushes ~30 kN alone, more in a crowd: a door lock holds 3e6); a pin, rod or rope carries the "
                     "force through it while a student drags (hold E, up to ~25 kN) what it holds, and otherwise the "
                     "push of the zombies touching what it holds: a student walking into it, or towing something "
                     "past it, never snaps it; a broken coupling can be coupled again with E", None, lo=0, hi=1e9,
                     positive=True, unit="N"),
    "coupled": F("bool", "coupling: starts coupled", True),
    "release_push": F("point", "a push given when the joint lets go (uncoupled with E, or broken): this velocity "
                      "[x, y] is added to `a` and to every prop still joined to it (a chock holding a banded pipe "
                      "stack: the stack rolls off that way; default: no push)", None, unit="tiles/s"),
}

ZONE: dict[str, Field] = {
    "id": F("id", "unique id", R),
    "rect": F("rect", "[x0, y0, x1, y1], x1 > x0 and y1 > y0", R, unit="tiles"),
    "role": F("choice", "area (named only), exit (counts as an exit), fall (a drop like `edge` tiles: a student or zombie whose centre ends a tick over it goes down; props do not fall, they stay where they are pushed; the floor it covers is drawn as a drop, a lip along its top row), marker (an area drawn as a yellow trail ribbon tied to the tree or wall nearest its centre: a reach-zone objective's waypoint the player can see; a student within 1.6 tiles of the ribbon counts as in the zone, from whichever side of the tree); zombie-spawn and safe are kept but not acted on yet", "area", choices=ZONE_ROLES),
}

SPAWN_POINT: dict[str, Field] = {
    "id": F("id", "unique id", R),
    "at": F("point", "where", R, unit="tiles"),
    "role": F("choice", "who enters here: zombies (a target for `at_spawn`), or ally (a [[squad]] student who "
              "is not there at the start and joins the squad here later: needs `student` and `join_zone` and/or "
              "`join_seconds`)", "zombies", choices=SPAWN_POINT_ROLES),
    "student": F("ref", "ally: the [[squad]] id who enters here (not the lead; that entry's `at` is not used)", ""),
    "join_zone": F("ref", "ally: a zone id; the ally joins when the lead first stands in it", ""),
    "join_seconds": F("float", "ally: joins at this time if the lead has not reached `join_zone` by then", None,
                      lo=0, hi=MAX_SECONDS, unit="s"),
    "noise": F("float", "ally: loudness of the entrance (a door broken in); 0 is silent", 0.0, lo=0, hi=5000, unit="px"),
}

STUDENT: dict[str, Field] = {
    "id": F("id", "student id: any id is an ordinary student (an escort; one without a sprite of its own is drawn "
                "with on-jo's); these bring a trait (the briefing lists each level's squad with theirs): on-jo "
                "quiet steps (70% of the noise) and an extinguisher on C (3 sprays a level: a cloud that hides "
                "whoever stands in it for 3 s); cheong-san sprints fastest (185 px/s) and taunts on C (a 600 px "
                "shout, every 10 s); su-hyeok is strongest (a hit knocks a zombie down, a shove hits a wide arc);"
                " nam-ra steadies the others (led by her they keep their nerve to 128 px from her, not 64); "
                "joon-yeong works stations twice as fast; so-ju, a firefighter, swings an axe that fells 3 at "
                "once, never panics, fights alone, and his coat takes three quarters of a bite and keeps out the "
                "infection; dae-su sings on C (700 px every second for 10 s, wherever he goes; then 20 s before "
                "the next); ha-ri is the archer (give her `weapon = \"bow\"`); mi-jin, woo-jin, gyeong-su and "
                "na-yeon have sprites of their own and no trait", R),
    "at": F("point", "start position (default: around the 'S' tile)", None, unit="tiles"),
    "lead": F("bool", "the student the player starts with (default: the first)", False),
    "weapon": F("choice", "what Space does while this student leads: `bow` shoots (12 arrows a level, 240 px, "
                "noise 40: one hit fells a walker; at the nearest zombie in the clear within 22.5 degrees "
                "of the facing), then it is swung; the others swing the same melee blow "
                "(noise 220; reach 22 px, and never through a wall, shut door or prop). While "
                "following, a student with a mop, bat, broom or extinguisher swings by themself at a "
                "chasing or biting zombie within reach, and one with a bow and arrows left shoots one "
                "within 120 px (7.5 tiles) in a clear line", "none", choices=WEAPONS),
    "halfbie": F("bool", "a halfbie ally (Nam-ra, levels 4 and 5): hears zombies through walls, shoves hard, and hungers when kept close to the others (within 32 px of one: starving after 30 s, she growls, 300 px, every 2 s until 6 s apart calm her; the squad panel shows the meter); following, she keeps 40 px back from whoever walks ahead of her and her formation slot is at the back, and leading, the others' slots are 40 px from her, and standing she and a friend at her elbow step apart, so only a bunched squad (a doorway, a hold, a crowded marker) feeds her hunger; a bite hurts her but does not infect her (she is half turned already)", False),
}

_AREA = {
    "zone": F("rect", "[x0, y0, x1, y1] where they appear; or use `in_zone` / `at_spawn`", None, unit="tiles"),
    "in_zone": F("ref", "a zone id instead of `zone`", ""),
    "at_spawn": F("ref", "a spawn point id instead of `zone`", ""),
}

ZOMBIES: dict[str, Field] = {
    "id": F("id", "optional id; names the group in playtest reports (`deaths_by_group`); without one, its `in_zone` or "
               "`at_spawn` does, else \"zombies #N\"", ""),
    "breed": F("ref", "a breed: a built-in one (see Built-in breeds below: walker, runner, brute, ...) or the pack's `[breeds.*]`", "walker"),
    "count": F("int", "how many", R, lo=0, hi=5000, unit="zombies"),
    **_AREA,
    "state": F("choice", "what they do at the start", "idle", choices=ZOMBIE_STATES),
    "facing": F("choice", "which way they all face at the start (a zombie sees only in a 120-degree cone ahead "
                "of it until it gives chase; an idle one keeps facing so until something moves it): a doorman "
                "facing the window, a knot with their backs to the corridor; default: each its own random way",
                "", choices=tuple(FACINGS)),
}

SPAWNER: dict[str, Field] = {
    "id": F("id", "unique id", R),
    "breed": F("ref", "a breed (see Built-in breeds below) or the pack's `[breeds.*]`", "walker"),
    **{k: Field(f.kind, f.doc, f.default, unit=f.unit) for k, f in _AREA.items()},
    "per_minute": F("float", "arrival rate", R, lo=0, hi=6000, positive=True, unit="1/min"),
    "max_alive": F("int", "pauses while this many of its zombies are up", 50, lo=1, hi=5000, unit="zombies"),
    "start_seconds": F("float", "starts at", 0.0, lo=0, hi=MAX_SECONDS, unit="s"),
    "stop_seconds": F("float", "stops at (default: never)", None, lo=0, hi=MAX_SECONDS, unit="s"),
    "total": F("int", "stops after this many (default: no limit)", None, lo=1, hi=20000, unit="zombies"),
    "hunts": F("bool", "arrivals come looking for the squad: each heads for where the lead stands as it arrives (through a locked door if there is no other way; it searches there, then wanders), and every 20 s those that lost the trail are sent again to where the lead stands. Otherwise they arrive investigating their own zone and stay round it until they hear or see something", False),
}

WAVE: dict[str, Field] = {
    "id": F("id", "unique id", R),
    "breed": F("ref", "a breed (see Built-in breeds below) or the pack's `[breeds.*]`", "walker"),
    "count": F("int", "how many", R, lo=1, hi=5000, unit="zombies"),
    **{k: Field(f.kind, f.doc, f.default, unit=f.unit) for k, f in _AREA.items()},
    "at_seconds": F("float", "when the wave starts", R, lo=0, hi=MAX_SECONDS, unit="s"),
    "spread_seconds": F("float", "arrivals spread over this long", 0.0, lo=0, hi=3600, unit="s"),
    "state": F("choice", "what they do on arrival", "investigate", choices=ZOMBIE_STATES),
}

SOUND: dict[str, Field] = {
    "id": F("id", "unique id", R),
    "kind": F("choice", "what it is (sets its default `loudness` and `duration_seconds`, listed in those rows)", R, choices=SOUND_KINDS),
    "at": F("point", "where; required unless it is `attached_to` a prop or is a drone or helicopter (they start at their first waypoint)", None, unit="tiles"),
    "loudness": F("float", "hearing radius (default by kind: pa-speaker 2400, phone 350, car-alarm 900, drone 1100, alarm-clock 400, radio 300, shout 900, helicopter 1400)", None, lo=0, hi=10_000, positive=True, unit="px"),
    "duration_seconds": F("float", "how long it sounds (default by kind: pa-speaker 20, phone 10, car-alarm 15, drone 60, alarm-clock 15, radio 30, shout 45, helicopter 30); a drone or helicopter at the end of its path hovers there until then", None, lo=0, hi=3600, positive=True, unit="s"),
    "attached_to": F("ref", "prop id it sits on (a car alarm on its car)", ""),
    "start_seconds": F("float", "fires by itself at this time (default: only when a station triggers it); the ticker says so as it starts, by its caption (\"A radio comes on\", \"An alarm goes off\"), and the results keep it as what happened; one that starts in the first 30 s counts down in the top bar from the start (\"radio in 0:12\"), as the deadline the briefing sets", None, lo=0, hi=MAX_SECONDS, unit="s"),
    "countdown": F("bool", "count down to `start_seconds` in the top bar from the level's start, however late it comes (\"alarm in 1:30\"): for a later sound the briefing sets as a deadline (\"it rings a minute and a half from now\"); those in the first 30 s always count down", False, drawn_only=True),
    "path": F("points", "drone and helicopter waypoints, at least 2", [], max_items=256, unit="tiles"),
    "speed": F("float", "drone or helicopter speed along its path (must be over 0 for those two kinds)", 0.0, lo=0, hi=2000, unit="px/s"),
    "loop": F("bool", "drone or helicopter: loop the path", False),
    "caption": F("str", "what the screen's caption calls it while it sounds, as in \"siren \u2014 gate side\" (default by kind: pa-speaker \"PA speaker\", phone \"phone ringing\", car-alarm \"car alarm\", alarm-clock \"alarm\", the others their kind)", "", hi=24),
}

STATION: dict[str, Field] = {
    "id": F("id", "unique id", R),
    "kind": F("choice", "what it is (drawn and named in the HUD); every kind but `bait` works alike: E (a tap will do) within 1.5 tiles of `at` starts it, the student works it for `use_seconds` while staying within 2.25 tiles (E held or not; walking further off starts it over), and then its `triggers` sound. `bait`: the student who finishes using it stays behind there (lost to the squad, not a survivor) and its `triggers` sound as the lure", R, choices=STATION_KINDS),
    "at": F("point", "where; a student works it standing within 24 px (1.5 tiles) of this point", R, unit="tiles"),
    "use_seconds": F("float", "hold-E time for an ordinary student", 2.0, lo=0, hi=600, positive=True, unit="s"),
    "triggers": F("refs", "sound ids it fires; while one sounds the top bar shows its time left (\"PA speaker stops in 0:18\")", [], max_items=32),
    "uses": F("int", "how many times it works", 1, lo=1, hi=1000),
    "needs": F("str", "a station id that must have been used first (the keys before the padlock); \"\" for none", "", hi=64),
}

# A place's name on the plan: a playtester read the Quiet Corridor's briefing ("the teachers'
# lounge", "the music room") and could not find either room on its map.
LABEL: dict[str, Field] = {
    "text": F("str", "the place's name as the briefing calls it (\"Music room\"); keep it short: it is drawn small, centred on `at`", R, hi=32, drawn_only=True),
    "at": F("point", "where its middle goes (a room's centre, say); any tile of the map, walls too", R, unit="tiles", drawn_only=True),
}

LIGHT: dict[str, Field] = {
    "ambient": F("choice", "day (sight 320 px), lit (240), dawn (150: first light, mist), dark (70)", "day", choices=AMBIENT_LIGHTS),
    "lights": F("tables", "lamps and torches (see [[light.lights]])", None, max_items=500),
}

LAMP: dict[str, Field] = {
    "id": F("id", "unique id", R),
    "kind": F("choice", "lamp (fixed, needs `at`) or torch (carried, needs `carried_by`)", R, choices=LIGHT_KINDS),
    "radius": F("float", "lit radius (walls and shut doors cast shadows in it)", 5.0, lo=0, hi=100, positive=True, unit="tiles"),
    "at": F("point", "lamp position", None, unit="tiles"),
    "carried_by": F("ref", "squad id carrying the torch", ""),
    "on": F("bool", "starts on; a lamp stays as it starts (nothing in a level switches one: off, it is a dark fitting), a torch's carrier switches it with T", True),
    "flicker": F("bool", "flickers: drawn stuttering dim now and then (zombies see by it as by a steady lamp)", False, simulated=False),
}

WEATHER: dict[str, Field] = {
    "rain": F("float", "0 dry .. 1 downpour (all loudness x0.55 at 1)", 0.0, lo=0, hi=1, unit=""),
    "lightning_at": F("floats", "a fixed lightning schedule, ascending", [], lo=0, hi=MAX_SECONDS, max_items=1000, unit="s"),
    "lightning_mean_interval_seconds": F("float", "random lightning instead (seeded by the sim): mean gap; the gaps are random, so a strike can come in the first seconds and show the squad to what stands near it (for a quiet opening, list the times in `lightning_at`)", None, lo=0, hi=3600, positive=True, unit="s"),
    "thunder_delay_seconds": F("float", "sky flicker this long before each flash", 1.0, lo=0, hi=30, unit="s"),
}

OBJECTIVE: dict[str, Field] = {
    "id": F("id", "unique id", R),
    "kind": F("choice", "reach-exit (every student still up stands on an exit tile or in an exit zone; once the lead stands in it, following students walk all the way in, those told to hold stay), reach-zone (every student still up inside `zone`; the same), survive-seconds (`seconds`, counted from when the objective before it was done), use-station (`station`; the station works only once this objective is current, its prompt saying \"not yet\" before: unless the objective is optional), hold-until-event (`event`)", R, choices=OBJECTIVE_KINDS),
    "text": F("str", "HUD line (default from the kind)", "", hi=MAX_SHORT),
    "seconds": F("float", "survive-seconds: how long", None, lo=0, hi=MAX_SECONDS, positive=True, unit="s"),
    "station": F("ref", "use-station: station id", ""),
    "zone": F("ref", "reach-zone: zone id", ""),
    "event": F("str", "hold-until-event: `station:<id>`, `sound-end:<id>` or `wave-end:<id>`", "", hi=MAX_SHORT),
    "optional": F("bool", "not needed to win", False),
}

STARS: dict[str, Field] = {
    "two_star_survivors": F("int", "survivors needed for 2 stars: students still up when the level is won, a bitten one not yet turned included (a reach-exit is won the moment the last one missing from the exit goes down, and a report counts that one lost)", 1, lo=0, hi=12),
    "three_star_seconds": F("float", "time for 3 stars (won with everyone alive in at most this), instead of `par_seconds`; 1 star is any win, 2 a win with `two_star_survivors` alive", None, lo=1, hi=MAX_SECONDS, unit="s"),
}

ENDLESS: dict[str, Field] = {
    "ramp_every_seconds": F("float", "every this long the spawners come faster", 60.0, lo=1, hi=MAX_SECONDS, unit="s"),
    "ramp": F("float", "added at every step to the multiplier on every spawner's `per_minute` and `max_alive` (it starts at 1)", 0.25, lo=0, hi=10, unit="x"),
    "ramp_max": F("float", "the multiplier stops growing here", 4.0, lo=1, hi=20, unit="x"),
    "star_seconds": F("floats", "how long the squad must hold out for 1, 2 and 3 stars: three rising times", [120.0, 300.0, 600.0], lo=1, hi=MAX_SECONDS, max_items=3, unit="s"),
}

PACK: dict[str, Field] = {
    "id": F("id", "pack id; the first half of a level reference `pack-id/level-id`", R),
    "name": F("str", "name shown in menus", R, hi=MAX_SHORT),
    "format_version": F("int", "level format this pack is written in (this game reads 1)", R, lo=1, hi=1_000_000),
    "levels": F("refs", "level ids in play order; each is the file `<id>.toml` next to pack.toml", R, max_items=200),
    "author": F("str", "who made it", "", hi=MAX_SHORT),
    "version": F("version", "the pack's own version, e.g. 1.0.2", "0"),
    "description": F("text", "shown in the pack list", "", hi=MAX_TEXT),
    "min_game_version": F("version", "oldest game version that can play it", "0"),
    "icon": F("path", "pack-relative .png shown in menus (at most 4096 px a side)", ""),
    "prop_types": F("table", "extra prop types: `[prop_types.NAME]` (see the prop type table)", None, max_items=200),
    "breeds": F("table", "extra breeds: `[breeds.NAME]` (see the breed table)", None, max_items=200),
}

PROP_TYPE: dict[str, Field] = {
    "width": F("float", "length (x before rotation)", R, lo=0, hi=1024, positive=True, unit="px"),
    "depth": F("float", "depth (y before rotation)", R, lo=0, hi=1024, positive=True, unit="px"),
    "mass": F("float", "how heavy it is: a student pushes ~27 kN against 420 x mass of floor friction", R, lo=0, hi=100_000, positive=True, unit="kg"),
    "elasticity": F("float", "bounciness", 0.05, lo=0, hi=1),
    "friction": F("float", "surface friction against other shapes", 0.6, lo=0, hi=10),
    "rolling": F("choice", "floor friction by direction: none (slides, 420 px/s² of friction), along (rolls along its width "
                 "with 35 px/s² of resistance (coupled into a train, its casters drag hard past 48 px/s) and skids across "
                 "it at 1700 px/s²: trolleys), across (rolls across its width, "
                 "skids along it: a pipe on its side), any (rolls every way)", "none", choices=ROLLING),
    "alarm": F("choice", "sound it sets off when hit hard", "", choices=("", *SOUND_KINDS)),
    "description": F("str", "what it is", "", hi=MAX_SHORT),
    "rattle": F("float", "casters' noise: loudness per px/s rolled faster than 12 px/s (a steel trolley rattles; "
                "0 rolls silently)", 0.0, lo=0, hi=100, unit="px per px/s"),
    "cover": F("bool", "blocks sight: a student walled in on every side by cover props (a box of trolleys) cannot be "
               "seen from outside them; one gap, or one side open, and the horde sees as usual", False),
}

BREED: dict[str, Field] = {
    "wander_speed": F("float", "speed while wandering", 40.0, lo=0, hi=1000, positive=True, unit="px/s"),
    "investigate_speed": F("float", "speed going to a noise", 90.0, lo=0, hi=1000, positive=True, unit="px/s"),
    "chase_speed": F("float", "speed chasing prey", 150.0, lo=0, hi=1000, positive=True, unit="px/s"),
    "health": F("float", "in walker healths (one melee hit takes one)", 1.0, lo=0, hi=1000, positive=True, unit="x"),
    "radius": F("float", "body radius", 4.5, lo=0, hi=64, positive=True, unit="px"),
    "mass": F("float", "body mass", 50.0, lo=0, hi=10_000, positive=True, unit="kg"),
    "push": F("float", "multiplies the force it presses doors and props with", 1.0, lo=0, hi=100, unit="x"),
    "hearing": F("float", "multiplies every loudness it hears", 1.0, lo=0, hi=10, unit="x"),
    "sight": F("float", "multiplies sight range", 1.0, lo=0, hi=10, unit="x"),
    "bite_cooldown_seconds": F("float", "time between bites", 0.8, lo=0, hi=60, positive=True, unit="s", simulated=False),
    "ignores_lures": F("bool", "hears only the lead's own noises and always knows where the lead's last one was (the halfbie)", False),
    "shrugs_off_shoves": F("bool", "shoves and melee knock it neither back nor down", False),
    "only_big_blows": F("bool", "melee does not hurt it: only a heavy prop's hard hit or a fall stops it", False),
    "description": F("str", "what it is", "", hi=MAX_SHORT),
}


def _describe(value: Any) -> str:
    kind = {bool: "a boolean", int: "a whole number", float: "a number", str: "a string",
            list: "a list", dict: "a table", datetime.date: "a date", datetime.time: "a time of day",
            datetime.datetime: "a date and time"}.get(type(value), type(value).__name__)
    shown = _as_toml(value)
    return f"{kind} {shown[:60]}{'...' if len(shown) > 60 else ''}"


def _as_toml(value: Any) -> str:
    """A value as the designer wrote it (``true``, not Python's ``True``); strings keep repr's quotes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_as_toml(v) for v in value[:20]) + (", ..." if len(value) > 20 else "") + "]"
    if isinstance(value, dict):
        items = list(value.items())[:20]
        return "{ " + ", ".join(f"{k} = {_as_toml(v)}" for k, v in items) + (", ..." if len(value) > 20 else "") + " }"
    if isinstance(value, datetime.date | datetime.time):  # TOML's dates and times, as written (not Python's repr)
        return value.isoformat()
    return repr(value)


def _as_written(v: float) -> str:
    """A number as the designer wrote it: a whole number in full (not ``1e+20`` for
    99999999999999999999), a decimal in its shortest form."""
    return str(v) if isinstance(v, int) else f"{v:g}"


def _number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


# The level file's own tables, by the top-level key that holds each: a key of one of them
# written at the top of the file is named with the table it belongs to.
PACK_TABLES = {"prop_types": "prop types", "breeds": "breeds"}  # pack.toml tables a level file may not hold
SUB_TABLES: dict[str, dict[str, Field]] = {"map": MAP, "light": LIGHT, "weather": WEATHER, "stars": STARS, "endless": ENDLESS}


def suggest(word: str, options: list[str] | tuple[str, ...], label: str) -> str:
    """`; did you mean 'x'?` or the list of options."""
    if not options:
        return f"; no {label} are defined"
    # An id cut short ('north-deck' for 'north-deck-east') is a likelier slip than the nearest
    # spelling: difflib alone offered 'south-deck'.
    longer = [o for o in options if word and o.startswith(word)]
    if len(longer) == 1:
        return f"; did you mean '{longer[0]}'?"
    if 1 < len(longer) <= 4:
        return f"; did you mean {', '.join(repr(o) for o in longer[:-1])} or '{longer[-1]}'?"
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    shown = ", ".join(repr(o) if o == "" else o for o in options[:24])
    return f"; {label}: {shown}{', ...' if len(options) > 24 else ''}"


class Reader:
    """Checks parsed tables against the rules, recording located problems."""

    def __init__(self, file: str, scan: Scan, problems: list[Problem], doc: dict[str, Any] | None = None,
                 text: str = "") -> None:
        self.file = file
        self.text = text  # the file's text, for what the scan does not keep (where a map's first row is)
        self.scan = scan
        self.spots = Spots(text, scan)  # where a value (or a key inside an inline table) starts
        self.problems = problems
        self.doc = doc  # the parsed file, so a problem inside an entry can name the entry by its id
        self.top_keys: set[str] = set()  # keys of the file's top level, once it has been read
        self.unchecked = False  # the placement and reference checks were skipped for these problems

    def problem(self, code: str, path: str, message: str, *, name_entry: bool = False, at_value: bool = False,
                item: int | None = None) -> None:
        """Record a problem at the line of ``path`` (or its nearest parent), with the path;
        ``at_value``: the problem is the value's (its type, its range, a choice or a name it
        does not know), so its column is where the value starts, not where its key does.
        ``item``: which number of a list value is wrong (the y of an off-map ``at = [9, 80]``),
        so the column is that number's; the problem's field stays ``path``.

        A problem inside an entry is prefixed with the entry (``[[waves]] 'late-wave': ...``)
        unless the message already names it: the line number alone does not tell a designer
        which of forty props is meant when the file was edited since. ``name_entry`` prefixes it
        whenever the label itself is not in the message: a message about one key's value
        (``'kind' = 'gong' is not allowed``) never names its entry, even when the value or a
        suggestion happens to be the entry's id (a station 'gong' of kind 'gong')."""
        spot = path if item is None else f"{path}[{item}]"
        line, col = self.locate(spot, at_value or item is not None) if path else (None, None)
        label, ident = self.entry_label(path)
        head, dot, _ = (path or "").partition(".")
        if not label and name_entry and dot and isinstance(self.doc.get(head), dict):
            label = f"[{head}]"  # a key's value in a plain table ([stars], [light]...): the line alone did not say which
        if label and label not in message and (name_entry or not (ident and f"'{ident}'" in message)):
            message = f"{label}: {message}"
        self.problems.append(Problem(code, self.file, message, line, col, path or None))

    def locate(self, path: str, at_value: bool = False) -> tuple[int | None, int | None]:
        """Line and column of ``path``'s key, or with ``at_value`` of its value: a designer's
        ``par_seconds = "fast"`` was pointed at ``par_seconds``, and they looked for a misspelt
        key. A path the text walk does not reach is placed at its nearest parent that it does
        (``legend = { x = "flor" }``: the legend entry's value, for its 'kind'), else where the
        scan saw its line."""
        at = path
        while at:
            spot = self.spots.where(at)
            if spot is not None:
                return spot[1] if at_value else spot[0]
            cut = max(at.rfind("."), at.rfind("["))
            at = at[:cut] if cut > 0 else ""
        return self.scan.locate(path)

    def entry(self, path: str) -> dict[str, Any]:
        """The raw table of the array entry ``path`` is in (``{}`` when there is none)."""
        m = _ENTRY_PATH.match(path or "")
        if m is None:
            return {}
        node: Any = self.doc
        for part in m.group(1).split("."):
            node = node.get(part) if isinstance(node, dict) else None
        i = int(m.group(2))
        entry = node[i] if isinstance(node, list) and i < len(node) else None
        return entry if isinstance(entry, dict) else {}

    def entry_label(self, path: str) -> tuple[str, str]:
        """How a designer names the entry ``path`` is in, and its id: ``("[[props]] 'desk-1'",
        "desk-1")``, ``("[[zombies]] entry 2", "")``, ``("[prop_types.shelf]", "shelf")``;
        ``("", "")`` for a top-level key."""
        m = _ENTRY_PATH.match(path or "")
        if m is not None:
            entry = self.entry(path)
            if not entry:
                return "", ""
            i = int(m.group(2))
            ident = entry.get("id")
            if isinstance(ident, str) and ID_PATTERN.match(ident):
                return f"[[{m.group(1)}]] '{ident}'", ident
            return f"[[{m.group(1)}]] entry {i + 1}", ""
        m = _NAMED_PATH.match(path or "")
        if m is not None:
            if m.group(1) == "map.legend":
                return f"legend entry {m.group(2)!r}", ""
            return f"[{m.group(1)}.{m.group(2)}]", m.group(2)
        return "", ""

    def table(self, raw: Any, path: str, rules: dict[str, Field], what: str) -> dict[str, Any]:
        """Check ``raw`` as the table ``path``; return every key with its value or default."""
        out = {k: (None if f.required else f.default) for k, f in rules.items()}
        if not isinstance(raw, dict):
            self.problem("wrong-type", path, f"{what} must be a table, got {_describe(raw)}", at_value=True)
            return out
        allowed = sorted(rules)
        if not path:
            self.top_keys = set(rules)
        for key in sorted(raw):
            if key in rules:
                continue
            if path and key in self.top_keys and not isinstance(raw[key], dict):
                # TOML puts every key after a [table] or [[list]] header into that table
                self.problem("unknown-key", join(path, key),
                             f"'{key}' is not a key of {what}: it belongs at the top of the file, and in TOML "
                             "every key after a [table] or [[list]] header belongs to that header; move it "
                             "above the first header")
                continue
            if rules is LEVEL and key in PACK_TABLES:  # [prop_types.bench] in a level: "did you mean 'props'?" misled
                names = list(raw[key]) if isinstance(raw[key], dict) else []  # (file order: the line said is the first's)
                head = f"[{key}.{names[0]}]" if names else f"'{key}'"
                more = f" (and {len(names) - 1} more)" if len(names) > 1 else ""
                self.problem("unknown-key", key, f"{head}{more} goes in the pack's pack.toml, not in a level file: "
                             f"{PACK_TABLES[key]} belong to the pack, and every level of it can use them; move "
                             f"{'them' if len(names) > 1 else 'it'} there (a level file with no pack.toml beside it can use only the "
                             "built-in ones)")
                continue
            owner = next((name for name, sub in SUB_TABLES.items() if key in sub), None) if rules is LEVEL else None
            if owner is not None:  # ``[[lights]]`` for ``[[light.lights]]``, ``rain = 1`` above [weather]
                form = f"[[{owner}.{key}]]" if SUB_TABLES[owner][key].kind == "tables" else f"'{key}' under [{owner}]"
                self.problem("unknown-key", key, f"unknown key '{key}' at the top of {what}: it is a key of "
                             f"[{owner}]; write {form}")
                continue
            self.problem("unknown-key", join(path, key),
                         f"unknown key '{key}' in {what}{suggest(key, allowed, 'allowed keys')}")
        for key, rule in rules.items():
            if key not in raw:
                if rule.required:
                    self.problem("missing-key", join(path, key) if path else key,
                                 f"{what} needs '{key}' ({rule.doc})")
                continue
            ok, value = self.value(raw[key], join(path, key), key, rule)
            if ok:
                out[key] = value
        return out

    def value(self, v: Any, where: str, key: str, f: Field) -> tuple[bool, Any]:
        """Check one value against its rule; ``(False, None)`` with a problem when it fails."""
        k = f.kind
        if k in ("str", "text"):
            if not isinstance(v, str):
                return self._type(where, key, "must be text in quotes", v)
            limit = int(f.hi or (MAX_TEXT if k == "text" else MAX_SHORT))
            if len(v) > limit:
                return self._fail("too-long", where, f"'{key}' is {len(v)} characters; the limit is {limit}")
            if k == "str" and "\n" in v:
                return self._fail("bad-value", where, f"'{key}' must be one line")
            return True, v
        if k in ("id", "ref"):
            if not isinstance(v, str):
                return self._type(where, key, "must be an id in quotes, e.g. \"hall-door\"", v)
            if k == "ref" and v == "":
                return True, v
            if not ID_PATTERN.match(v):
                if ID_PATTERN.match(v.lower().replace(" ", "-")):
                    return self._fail("bad-id", where, f"'{key}' = {v!r}: ids are lowercase with '-' for spaces; "
                                      f"write {v.lower().replace(' ', '-')!r}")
                return self._fail("bad-id", where, f"'{key}' = {v!r} is not a valid id: use 1-64 lowercase "
                                  "letters, digits, '-' or '_', starting with a letter or digit")
            return True, v
        if k == "version":
            if not isinstance(v, str) or not VERSION_PATTERN.match(v):
                return self._type(where, key, "must be a version in quotes like \"1.2.0\"", v)
            return True, v
        if k == "bool":
            if not isinstance(v, bool):
                return self._type(where, key, "must be true or false (no quotes)", v)
            return True, v
        if k in ("int", "float"):
            return self._num(v, where, key, f)
        if k == "choice":
            if not isinstance(v, str):
                return self._type(where, key, "must be text in quotes", v)
            if v not in f.choices:
                return self._fail("bad-value", where, f"'{key}' = {v!r} is not allowed{suggest(v, f.choices, 'choose from')}")
            return True, v
        if k == "path":
            if not isinstance(v, str):
                return self._type(where, key, "must be a path in quotes", v)
            if v == "":
                return True, v
            bad = path_problem(v)
            if bad:
                return self._fail(bad[0], where, f"'{key}': {bad[1]}")
            return True, v
        if k in ("point", "tile", "rect"):
            return self._vector(v, where, key, k)
        if k in ("points", "floats", "refs"):
            if not isinstance(v, list):
                return self._type(where, key, "must be a list [ ... ]", v)
            if len(v) > f.max_items:
                return self._fail("too-many", where, f"'{key}' has {len(v)} items; the limit is {f.max_items}")
            items = []
            ok = True
            for i, item in enumerate(v):
                if k == "points":
                    good, val = self._vector(item, f"{where}[{i}]", f"{key}[{i}]", "point")
                elif k == "floats":
                    good, val = self._num(item, f"{where}[{i}]", f"{key}[{i}]", Field("float", "", lo=f.lo, hi=f.hi))
                else:
                    good, val = self.value(item, f"{where}[{i}]", f"{key}[{i}]", Field("str", "", hi=MAX_SHORT))
                ok &= good
                items.append(val)
            return (True, items) if ok else (False, None)
        if k in ("table", "tables"):
            return True, v  # checked by the caller, which knows the inner rules
        raise AssertionError(f"unknown field kind {k}")

    def _num(self, v: Any, where: str, key: str, f: Field) -> tuple[bool, Any]:
        if f.kind == "int" and not (isinstance(v, int) and not isinstance(v, bool)):
            hint = " (no quotes, no decimal point)" if isinstance(v, (str, float)) else ""
            return self._type(where, key, f"must be a whole number{hint}", v)
        if not _number(v):
            hint = " (no quotes)" if isinstance(v, str) else ""
            return self._type(where, key, f"must be a number{hint}", v)
        if not math.isfinite(v):
            return self._fail("not-finite", where, f"'{key}' must be a finite number, got {v}")
        unit = " (a multiplier: 1 is normal)" if f.unit == "x" else f" {f.unit}" if f.unit else ""
        if f.positive and v <= 0:
            return self._fail("not-positive", where, f"'{key}' must be greater than 0{unit}, got {_as_written(v)}")
        if (f.lo is not None and v < f.lo) or (f.hi is not None and v > f.hi):
            lo = f"{f.lo:g}" if f.lo is not None else "-inf"
            hi = f"{f.hi:g}" if f.hi is not None else "inf"
            return self._fail("out-of-range", where, f"'{key}' must be between {lo} and {hi}{unit}, got {_as_written(v)}")
        return True, (float(v) if f.kind == "float" else v)

    def _vector(self, v: Any, where: str, key: str, kind: str) -> tuple[bool, Any]:
        size = 4 if kind == "rect" else 2
        example = {"point": "[3.5, 2.0]", "tile": "[12, 4]", "rect": "[2, 3, 10, 8]"}[kind]
        if not isinstance(v, list) or len(v) != size or not all(_number(x) for x in v):
            return self._type(where, key, f"must be a list of {size} numbers like {example}", v)
        if kind == "tile" and not all(isinstance(x, int) for x in v):
            return self._type(where, key, f"must be whole tile numbers like {example}", v)
        if not all(math.isfinite(x) for x in v):
            return self._fail("not-finite", where, f"'{key}' must hold finite numbers, got {v}")
        if not all(-MAX_TILES <= x <= MAX_TILES for x in v):
            return self._fail("out-of-range", where, f"'{key}' = {v} is far outside any map (limit {MAX_TILES} tiles; positions are in tiles, 16 px each)")
        if kind == "rect" and not (v[2] > v[0] and v[3] > v[1]):
            return self._fail("not-positive", where, f"'{key}' = {v} is empty: write [x0, y0, x1, y1] with x1 > x0 and y1 > y0")
        return True, tuple(float(x) if kind != "tile" else int(x) for x in v)

    def _type(self, where: str, key: str, need: str, v: Any) -> tuple[bool, Any]:
        return self._fail("wrong-type", where, f"'{key}' {need}, got {_describe(v)}")

    def _fail(self, code: str, where: str, message: str) -> tuple[bool, Any]:
        self.problem(code, where, message, name_entry=True, at_value=True)
        return False, None

    def array(self, raw: Any, path: str, f: Field) -> list[tuple[str, Any]]:
        """An array of tables, its length checked before any element is looked at."""
        if raw is None:
            return []
        if not isinstance(raw, list):
            got = f"a single [{path}] table" if isinstance(raw, dict) else _describe(raw)
            self.problem("wrong-type", path, f"'{path}' is a list: write each entry under [[{path}]] "
                         f"(double brackets), got {got}", at_value=True)
            return []
        if len(raw) > f.max_items:
            self.problem("too-many", path, f"{len(raw)} [[{path}]] entries; the limit is {f.max_items}")
            return []
        return [(f"{path}[{i}]", item) for i, item in enumerate(raw)]


def join(path: str, key: str) -> str:
    """``path.key`` (or ``key`` at the top)."""
    return f"{path}.{key}" if path else key
