"""Events: what happened during a tick. The simulation returns them; presentation reacts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sound:
    """A noise the horde can hear: ``loudness`` is its radius in px before walls and weather."""

    x: float
    y: float
    loudness: float
    kind: str  # step, sprint-step, crash, door, melee, shove, scream, phone, alarm, pa, drone…
    source: str = ""  # who or what made it (a student id, a prop id, a station id)


@dataclass(frozen=True, slots=True)
class Impact:
    """Two bodies hit hard (for shake, decals and the crash sound)."""

    x: float
    y: float
    strength: float  # impulse magnitude, kg·px/s


@dataclass(frozen=True, slots=True)
class Grabbed:
    """A student took hold of a prop (released=True when they let go; slipped=True when the
    prop snagged and the grip gave, world.GRIP_SLIP_PX)."""

    student: str
    prop: str
    released: bool = False
    slipped: bool = False


@dataclass(frozen=True, slots=True)
class DoorChanged:
    """A door was opened, closed, locked or broken."""

    door: str
    state: str  # open | closed | locked | broken


@dataclass(frozen=True, slots=True)
class DoorStraining:
    """A locked door is close to giving way (its strain rose past ``STRAIN_WARN``): the crowd's
    push on it nears what its lock and braces hold. Said once until the strain falls back."""

    door: str
    x: float  # px, the doorway's centre
    y: float
    strain: float  # push / hold (it gives past 1)


@dataclass(frozen=True, slots=True)
class JointChanged:
    """A level joint changed: a coupling was ``coupled`` or ``uncoupled`` with E, or a joint
    ``broken`` by the force on it; (x, y) px is where (a coupling point, for the clang)."""

    joint: str
    state: str  # coupled | uncoupled | broken
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class AllyJoined:
    """An ally (a squad student who was not there at the start) entered at (x, y) px."""

    student: str
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class LeadChanged:
    """The player now controls another student."""

    student: str


@dataclass(frozen=True, slots=True)
class Heard:
    """How many zombies heard this tick's sounds (for captions and the noise meter)."""

    zombies: int


@dataclass(frozen=True, slots=True)
class Bitten:
    """A zombie bit a student: health left, and an infection countdown started."""

    student: str
    x: float
    y: float
    health: float
    # where the biting zombie came from (horde/origins.py): its [[zombies]] group, [[waves]] or
    # [[spawners]] id, or "risen <student>"; "" when not said
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Turned:
    """A student was lost and rose as one of the horde."""

    student: str
    x: float
    y: float
    cause: str = "bitten"  # "bitten" (torn down by bites) or "infection" (the countdown ran out)
    origin: str = ""  # where the zombie whose bite last landed came from (as ``Bitten.origin``); "" for none


@dataclass(frozen=True, slots=True)
class Won:
    """The level was won."""

    tick: int


@dataclass(frozen=True, slots=True)
class Lost:
    """The level was lost, and why (everyone-down, time, student-lost:<id>)."""

    tick: int
    cause: str


@dataclass(frozen=True, slots=True)
class StationUsed:
    """A student finished working a station (an intercom, a PA console...)."""

    station: str
    student: str


@dataclass(frozen=True, slots=True)
class Lightning:
    """The storm: ``flicker`` (a flash is coming) or ``flash`` (daylight and thunder now)."""

    phase: str


@dataclass(frozen=True, slots=True)
class Thrown:
    """A noise-maker landed at (x, y); ``left`` is how many the squad has left."""

    student: str
    x: float
    y: float
    left: int


@dataclass(frozen=True, slots=True)
class Shot:
    """An arrow flew from (x0, y0) to (x1, y1) px: into a zombie (``hit``), a wall or a shut
    door, or to the end of its range; ``left`` arrows remain."""

    student: str
    x0: float
    y0: float
    x1: float
    y1: float
    hit: bool
    left: int


@dataclass(frozen=True, slots=True)
class Special:
    """A student's own move (``sim.specials``): ``kind`` spray (a cloud centred at (x, y) px)
    or taunt (a shout from there); ``left`` uses remain (-1: no limit)."""

    student: str
    kind: str
    x: float
    y: float
    left: int


@dataclass(frozen=True, slots=True)
class Hit:
    """A melee swing, shove or arrow landed on ``zombies`` zombies (``killed`` of them went down
    for good)."""

    student: str
    kind: str  # melee | shove | shot | spray
    zombies: int
    killed: int


@dataclass(frozen=True, slots=True)
class Fell:
    """Someone went over an edge (an ``edge`` tile or a ``fall`` zone): a student is down (lost,
    no zombie rises), a zombie is gone (a death with cause "fall")."""

    x: float
    y: float
    student: str = ""  # the student's id, or "" for a zombie
    breed: str = ""  # the zombie's breed, or "" for a student
    cause: str = "fall"  # what the playtest statistics file the death under


@dataclass(frozen=True, slots=True)
class Struck:
    """A heavy, fast prop flattened a zombie (a death with cause "blow"; the halfbie's end)."""

    x: float
    y: float
    breed: str
    prop: str


@dataclass(frozen=True, slots=True)
class StayedBehind:
    """A student chose to stay behind as bait at a ``bait`` station: gone from the squad."""

    student: str
    x: float
    y: float
    cause: str = "bait"  # what the playtest statistics file the loss under


@dataclass(frozen=True, slots=True)
class ObjectiveDone:
    """An objective was completed."""

    objective: str


@dataclass(frozen=True, slots=True)
class SquadOrder:
    """The lead told the others to follow (F again) or to hold where they stand (F)."""

    follow: bool


@dataclass(frozen=True, slots=True)
class FriendOrder:
    """The lead told one friend to hold where they stand (``hold``) or to follow again (G)."""

    student: str
    hold: bool


@dataclass(frozen=True, slots=True)
class StationNotYet:
    """E at a station a later objective needs: it does nothing until ``waits_for`` (the objective
    now current) is done (``World.station_waits``). Said so a route bot's early press shows in
    its playtest (a designer's run stalled at the key box with nothing said)."""

    station: str
    waits_for: str


@dataclass(frozen=True, slots=True)
class HordeGrows:
    """An endless level's spawners stepped up: they now come ``multiplier`` x as fast (and as
    many may be up at once) as the level file says."""

    multiplier: float


@dataclass(frozen=True, slots=True)
class TorchToggled:
    """The squad switched its phone torch on or off."""

    on: bool


Event = Sound | Impact | Grabbed | DoorChanged | JointChanged | AllyJoined | LeadChanged | Heard | Bitten | Turned | Won | Lost | StationUsed | Lightning | Thrown | Hit \
    | ObjectiveDone | TorchToggled | Fell | Struck | StayedBehind | SquadOrder | FriendOrder | StationNotYet | HordeGrows
