"""Commands: what a player, a bot or a replay asks of the world for one tick.

A ``TickInput`` is the whole of one tick's input. Held controls (move, grab) are sent on every
tick they are held; one-shot actions (melee, throw…) on the tick they happen. Every command is a
frozen dataclass that round-trips through ``encode``/``decode`` exactly (replays store them).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Any, ClassVar

GAITS = ("sneak", "walk", "sprint")


@dataclass(frozen=True, slots=True)
class Move:
    """Move the lead this tick along (x, y) (normalised here; length ≤ 1) at a gait."""

    tag: ClassVar[str] = "move"
    x: float
    y: float
    gait: str = "walk"  # sneak | walk | sprint


@dataclass(frozen=True, slots=True)
class Grab:
    """Hold interact: grab the nearest prop in reach, or keep holding it. Absent = let go."""

    tag: ClassVar[str] = "grab"


@dataclass(frozen=True, slots=True)
class Use:
    """Press interact: open/close the nearest door, or use the nearest station."""

    tag: ClassVar[str] = "use"


@dataclass(frozen=True, slots=True)
class Melee:
    """Swing the lead's weapon in the facing direction."""

    tag: ClassVar[str] = "melee"


@dataclass(frozen=True, slots=True)
class Shove:
    """Shove whatever is in front of the lead."""

    tag: ClassVar[str] = "shove"


@dataclass(frozen=True, slots=True)
class Throw:
    """Throw a noise-maker at a world point (px)."""

    tag: ClassVar[str] = "throw"
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class Special:
    """The lead's own move (On-jo's extinguisher, Cheong-san's taunt; ``sim.specials``)."""

    tag: ClassVar[str] = "special"


@dataclass(frozen=True, slots=True)
class SwitchLead:
    """Hand control to the next living student."""

    tag: ClassVar[str] = "switch"


@dataclass(frozen=True, slots=True)
class ToggleFollow:
    """Followers switch between following the lead and holding where they are."""

    tag: ClassVar[str] = "follow"


@dataclass(frozen=True, slots=True)
class ToggleFriend:
    """One follower, the one nearest the point (x, y) px, switches between following the lead
    and holding where it stands (``ToggleFollow`` tells everyone at once). The keyboard points
    with the mouse, the pad at the lead."""

    x: float
    y: float
    tag: ClassVar[str] = "friend"


@dataclass(frozen=True, slots=True)
class ToggleTorch:
    """Switch the squad's phone torch off or on (it lights the way, and shows its carrier)."""

    tag: ClassVar[str] = "torch"


Command = Move | Grab | Use | Melee | Shove | Throw | Special | SwitchLead | ToggleFollow | ToggleFriend | ToggleTorch
COMMAND_TYPES: dict[str, type] = {
    cls.tag: cls for cls in (Move, Grab, Use, Melee, Shove, Throw, Special, SwitchLead, ToggleFollow, ToggleFriend,
                              ToggleTorch)
}


@dataclass(frozen=True, slots=True)
class TickInput:
    """All commands for one tick, in the order they were issued."""

    commands: tuple[Command, ...] = ()

    def first(self, kind: type) -> Any:
        """The first command of a type, or None."""
        for c in self.commands:  # (a plain loop: the world asks eight times a tick)
            if isinstance(c, kind):
                return c
        return None


EMPTY_INPUT = TickInput()
_COMMAND_CLASSES = tuple(COMMAND_TYPES.values())
_FIELD_NAMES: dict[type, tuple[str, ...]] = {cls: tuple(f.name for f in fields(cls)) for cls in _COMMAND_CLASSES}


def check(cmd: object) -> None:
    """Raise ValueError (one line) unless ``cmd`` is a well-formed command: one of this module's
    classes, a known gait, finite numbers. What a replay's ``decode`` refuses, asked of a
    command a bot built: a bot's ``Move(1, 0, "run")`` ended deep in the world in a KeyError.
    (Its fields are asked directly, as ``decode`` asks them: the round trip through ``encode``
    and ``decode`` it made before cost ~2% of a playtest, the runner asking every tick.)"""
    if type(cmd) is Move:  # (nearly every tick's command: a well-formed one passes in a few tests, ~3x cheaper)
        x, y = cmd.x, cmd.y
        if type(x) is float and type(y) is float and math.isfinite(x) and math.isfinite(y) and cmd.gait in GAITS:
            return
    names = _FIELD_NAMES.get(type(cmd))
    if names is None:
        names = ", ".join(c.__name__ for c in _COMMAND_CLASSES)
        raise ValueError(f"{cmd!r:.60} is not a command (one of hyosan.sim.commands: {names})")
    for name in names:
        _check_value(cmd.tag, name, getattr(cmd, name))  # type: ignore[attr-defined]


def encode(cmd: Command) -> list[Any]:
    """A command as a JSON-ready list: ``[tag, field...]``."""
    return [cmd.tag, *(getattr(cmd, f.name) for f in fields(cmd))]


def decode(data: Any) -> Command:
    """The inverse of ``encode``; raises ValueError on anything malformed."""
    if not isinstance(data, list) or not data or data[0] not in COMMAND_TYPES:
        raise ValueError(f"not a command: {data!r:.60}")
    cls = COMMAND_TYPES[data[0]]
    names = _FIELD_NAMES[cls]
    args = data[1:]
    if len(args) != len(names):
        raise ValueError(f"command {data[0]!r} takes {len(names)} values, got {len(args)}")
    for name, value in zip(names, args, strict=True):
        _check_value(data[0], name, value)
    return cls(*args)


def _check_value(tag: str, name: str, value: object) -> None:
    """Raise ValueError unless ``value`` may stand in field ``name`` of the command ``tag``:
    a known gait, or a finite number (not a bool)."""
    if name == "gait":
        if value not in GAITS:
            raise ValueError(f"unknown gait {value!r}")
    elif isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"command {tag!r} field {name} must be a finite number")
