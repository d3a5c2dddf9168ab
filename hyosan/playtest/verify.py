"""Replay verification: re-simulate from tick 0 and compare every recorded state hash.

Mid-level pymunk snapshots do not continue identically (the contact cache is not restored), so
verification always starts from a fresh ``World`` and the recorded seed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content.schema import LevelSpec
from ..control.replay import Replay, ReplayError, platform_info, read_replay
from ..sim.world import World


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """What re-simulating a replay found."""

    ok: bool
    ticks: int  # ticks re-simulated
    checked: int  # hashes compared (checkpoints + the final hash)
    diverged_at: int | None = None  # first tick whose hash differs
    expected: str = ""
    got: str = ""
    outcome: str = ""

    def describe(self) -> str:
        """One line for the terminal."""
        if self.ok:
            return f"replay verified: {self.ticks} ticks, {self.checked} hashes match, outcome {self.outcome}"
        return (f"replay diverges at tick {self.diverged_at}: expected hash {self.expected}, "
                f"re-simulation gives {self.got}")


def check_level(replay: Replay, spec: LevelSpec) -> None:
    """Refuse a replay recorded on other level bytes than ``spec``."""
    want = replay.header["level_hash"]
    if spec.content_hash != want:
        raise ReplayError(f"recorded for other level bytes: {replay.level_ref} has hash "
                          f"{spec.content_hash[:12]}…, the replay wants {str(want)[:12]}…; "
                          "the level file changed since it was recorded")


def platform_note(replay: Replay) -> str:
    """A warning when the replay comes from another interpreter or library build ('' if not)."""
    theirs = replay.header.get("platform")
    ours = platform_info()
    if not isinstance(theirs, dict) or theirs == ours:
        return ""
    diff = ", ".join(f"{k} {theirs.get(k)} here {v}" for k, v in ours.items() if theirs.get(k) != v)
    return f"note: recorded on another platform ({diff}); hashes may legitimately differ"


UNFINISHED = ("quit", "timeout")  # a replay's outcome when the level had not ended


def verify_replay(replay: Replay, spec: LevelSpec) -> VerifyResult:
    """Re-simulate ``replay`` on ``spec`` from tick 0; stop at the first hash that differs."""
    check_level(replay, spec)
    world = World.from_spec(spec, replay.seed, difficulty=replay.difficulty)
    checked = 0
    for t in range(replay.ticks):
        want = replay.hashes.get(t)
        if want is not None:
            got = world.state_hash()
            if got != want:
                return VerifyResult(False, t, checked, t, want, got)
            checked += 1
        if world.outcome is not None:  # the recorded run went on after the level ended: a desync
            return VerifyResult(False, t, checked, t, f"a running level at tick {t}",
                                f"level already ended ({world.outcome})")
        world.step(replay.input_at(t))
    got = world.state_hash()
    if got != replay.final_hash:
        return VerifyResult(False, world.tick, checked, world.tick, replay.final_hash, got)
    checked += 1
    # A level that had not ended was "quit" (the window) or stopped at a tick limit ("timeout").
    outcome = world.outcome or (replay.outcome if replay.outcome in UNFINISHED else "quit")
    if outcome != replay.outcome:
        return VerifyResult(False, world.tick, checked, world.tick, f"outcome {replay.outcome}", f"outcome {outcome}")
    return VerifyResult(True, world.tick, checked, outcome=outcome)


def verify_file(path: Path | str, spec: LevelSpec) -> VerifyResult:
    """Read and verify a replay file (ReplayError when it cannot be trusted at all)."""
    return verify_replay(read_replay(path), spec)
