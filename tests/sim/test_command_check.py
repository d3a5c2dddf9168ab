"""``commands.check`` asks a command's fields directly: the same answer (and the same message)
as the round trip through ``encode`` and ``decode`` it replaced, on commands good and bad."""

from __future__ import annotations

import math

import pytest

from hyosan.sim import commands as cmd


def _round_trip_error(c: object) -> str | None:
    try:
        cmd.decode(cmd.encode(c))  # type: ignore[arg-type]
    except ValueError as exc:
        return str(exc)
    return None


def _check_error(c: object) -> str | None:
    try:
        cmd.check(c)
    except ValueError as exc:
        return str(exc)
    return None


NUMBERS = [0, 1, -3, 0.5, -0.0, 1e308, math.inf, -math.inf, math.nan, True, False, "1", None, 2 + 0j]
GAITS = ["sneak", "walk", "sprint", "run", "", None, 1]


def _commands() -> list[object]:
    made: list[object] = [cls() for cls in cmd.COMMAND_TYPES.values() if not cmd._FIELD_NAMES[cls]]
    for x in NUMBERS:
        for y in (0.25, x):
            made += [cmd.Throw(x, y), cmd.ToggleFriend(x, y)]
            made += [cmd.Move(x, y, gait) for gait in GAITS]
    return made


@pytest.mark.parametrize("c", _commands(), ids=repr)
def test_check_says_what_the_round_trip_says(c: object) -> None:
    assert _check_error(c) == _round_trip_error(c)


@pytest.mark.parametrize("c", ["move", ["move", 1.0, 0.0, "walk"], None, cmd.TickInput(), 3])
def test_check_refuses_what_is_no_command(c: object) -> None:
    message = _check_error(c)
    assert message is not None and "is not a command" in message
