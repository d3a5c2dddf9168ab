"""Per-run statistics gathered from the world and its events while a playtest runs.

Everything the horde adds (zombies, bites, deaths) is read through ``hyosan.control.perceive``
and duck-typed events, so a world without a horde gives zeros rather than errors.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from ..control import perceive
from ..sim import events as ev
from ..sim.horde.origins import UNKNOWN_ORIGIN
from ..sim.units import TICK_HZ
from ..sim.world import World

SAMPLE_EVERY = 30  # ticks between horde-size samples (0.5 s)
PATH_EVERY = 6  # ticks between samples of where the lead stands
DOOR_LOAD_EVERY = 10  # ticks between samples of the push on locked doors (it is smoothed over ~20 ticks)
# px: a sound at least this loud is kept among a run's first loud noises, what a designer asks
# about a horde that woke at once (a walked step is 70, a phone 350, a rolling trolley ~400)
LOUD_NOISE_PX = 200.0
FIRST_LOUD_NOISES = 3  # how many of them a run keeps


def _death_cause(student_id: str, events: Iterable[Any]) -> str:
    """The cause a death event gives for this student ('unknown' when no event says)."""
    for e in events:
        if getattr(e, "student", None) == student_id and isinstance(getattr(e, "cause", None), str):
            return str(e.cause)
    return "unknown"


def by_count(counts: Counter[str]) -> dict[str, int]:
    """Counts by label, most first, ties by label: the order a designer reads "who did the
    killing" in. (report.json is written with sorted keys, so its copy reads by label.)"""
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


class RunStats:
    """Watches one run tick by tick: call ``observe(world, events)`` after every step."""

    def __init__(self, world: World) -> None:
        self.alive = {s.id: s.alive for s in world.students}
        self.noise = 0.0  # px: the squad's noise so far (World.noise_made, the score's)
        self.first_loud: list[tuple[float, str, str, float]] = []  # (sim s, kind, source, loudness px)
        self.not_yet: dict[str, list[float]] = {}  # station id -> [E presses before its turn, the first's sim s]
        self.deaths: Counter[str] = Counter()
        # by where the biting zombie came from (sim/horde/origins.py: "yard-horde", "late-wave",
        # "risen mi-jin"): bites that landed, and students lost to the horde, each charged to the
        # zombie whose bite last landed on them (a fall or staying behind is charged to nobody)
        self.bites_by_group: Counter[str] = Counter()
        self.deaths_by_group: Counter[str] = Counter()
        self.death_positions: list[tuple[float, float, str]] = []
        self.lost: dict[str, float] = {}  # student id -> sim seconds when they went down
        self.lead_visits: Counter[tuple[int, int]] = Counter()
        start = perceive.zombies_alive(world)
        self.peak_zombies = start
        self.spawn_events = 0
        self.initial_zombies = start
        # (tick, alive, chasing, investigating) every SAMPLE_EVERY ticks
        self.horde: list[tuple[int, int, int, int]] = [(0, start, perceive.zombies_alerted(world),
                                                        perceive.zombies_investigating(world))]
        # (tick, door, state): every change, after the doors that start locked (a locked door
        # that is never touched still shows on the timeline)
        self.doors: list[tuple[int, str, str]] = [(0, d.spec.id, "locked") for d in getattr(world, "doors", ())
                                                  if getattr(d, "locked", False)]
        # door id -> the highest push on it while locked, as a share of what held it (lock and
        # braces). Past 1 the lock holds a second before it gives (world.GIVE_TICKS): a door can
        # peak over 1 and hold, when the push falls back in time; the ones that gave are kept apart.
        self.door_peak: dict[str, float] = {}
        # door id -> the most its braces added while locked, in locks (1.0: as much as its lock
        # again): whether the props ever reached the door, apart from how hard the crowd pushed
        self.door_braced: dict[str, float] = {}
        self._braced_now: dict[str, float] = {}  # door id -> its braces at the last sample, in locks
        self.braced_at_break: dict[str, float] = {}  # door id -> its braces when it gave way, in locks
        self.doors_gave_way: set[str] = set()
        # sim s of every zombie fall (an edge tile or a fall zone), in order: when a drop level's
        # horde went over, which a count at the end does not say
        self.zombie_falls: list[float] = []
        self.students_fell: list[str] = []  # student ids, in the order they went over
        # each prop's pose as the run began (px, px, rad): where the level put it (a banded
        # stack is carried into place as the world is made, off its file's ``at``)
        self.prop_start = [(*prop.body.position, prop.body.angle) for prop in getattr(world, "props", ())]
        self._sample(world)

    def _sample(self, world: World) -> None:
        x, y = world.student_pos(world.lead_student)
        self.lead_visits[world.tilemap.tile_of(float(x), float(y))] += 1

    def observe(self, world: World, events: list[Any]) -> None:
        """Fold one tick's events and the world after it into the statistics."""
        # The squad's noise as the score counts it (its own sounds: not an alarm or a drone's).
        self.noise = world.noise_made
        for e in events:
            if isinstance(e, ev.Sound):
                if e.loudness >= LOUD_NOISE_PX and len(self.first_loud) < FIRST_LOUD_NOISES and \
                        not any(kind == e.kind and source == e.source for _, kind, source, _ in self.first_loud):
                    # (one line per noise-maker: a ringing phone repeats every second)
                    self.first_loud.append((round(world.tick / TICK_HZ, 2), e.kind, e.source, round(e.loudness)))
            elif isinstance(e, ev.StationNotYet):
                seen = self.not_yet.setdefault(e.station, [0, round(world.tick / TICK_HZ, 2)])
                seen[0] += 1
            elif isinstance(e, ev.DoorChanged):
                self.doors.append((world.tick, e.door, e.state))
                if e.state == "broken":  # it gave way: whatever the last sample said, the push beat the hold
                    self.door_peak[e.door] = max(self.door_peak.get(e.door, 0.0), 1.0)
                    self.doors_gave_way.add(e.door)
                    self.braced_at_break[e.door] = self._braced_now.get(e.door, 0.0)
            elif isinstance(e, ev.Bitten):
                self.bites_by_group[e.origin or UNKNOWN_ORIGIN] += 1
            elif isinstance(e, ev.Turned):
                if e.origin:  # (a student made to turn with no bite, as a test may, is nobody's kill)
                    self.deaths_by_group[e.origin] += 1
            elif isinstance(e, ev.Fell):
                if e.student:
                    self.students_fell.append(e.student)
                else:
                    self.zombie_falls.append(round(world.tick / TICK_HZ, 2))
            elif "Spawn" in type(e).__name__:
                count = getattr(e, "count", 1)
                self.spawn_events += int(count) if isinstance(count, int) else 1
        for s in world.students:
            if self.alive.get(s.id, True) and not s.alive:
                cause = _death_cause(s.id, events)
                self.deaths[cause] += 1
                x, y = world.student_pos(s)
                self.death_positions.append((float(x), float(y), cause))
                self.lost[s.id] = round(world.tick / TICK_HZ, 2)
            self.alive[s.id] = s.alive
        if world.tick % PATH_EVERY == 0:
            self._sample(world)
        if world.tick % DOOR_LOAD_EVERY == 0:
            for door in getattr(world, "doors", ()):
                if door.locked and not door.broken:
                    hold = world.door_hold(door)
                    load = door.pressure / hold
                    self.door_peak[door.spec.id] = max(self.door_peak.get(door.spec.id, 0.0), load)
                    braces = world.brace(door)  # N (memoised: door_hold just asked it)
                    locks = braces / (hold - braces)  # the braces' share, in locks
                    self.door_braced[door.spec.id] = max(self.door_braced.get(door.spec.id, 0.0), locks)
                    self._braced_now[door.spec.id] = locks
        if world.tick % SAMPLE_EVERY == 0 or world.outcome is not None:
            alive = perceive.zombies_alive(world)
            self.peak_zombies = max(self.peak_zombies, alive)
            self.horde.append((world.tick, alive, perceive.zombies_alerted(world), perceive.zombies_investigating(world)))

    def summary(self, world: World) -> dict[str, Any]:
        """The per-run numbers (JSON-ready)."""
        spawned = perceive.zombies_spawned(world)
        if spawned is None:
            spawned = self.initial_zombies + self.spawn_events
        return {
            "survivors": sum(1 for s in world.students if s.alive),
            "peak_zombies": int(self.peak_zombies),
            # the most zombies at once coming for the squad (chasing) and going to a noise: what
            # tells a designer why a squad that waited was never found
            "peak_chasing": max(row[2] for row in self.horde),
            "peak_investigating": max(row[3] for row in self.horde),
            "zombies_spawned": int(spawned),
            "noise_made": round(self.noise, 1),
            "deaths": dict(sorted(self.deaths.items())),
            "bites_by_group": by_count(self.bites_by_group),
            "deaths_by_group": by_count(self.deaths_by_group),
            "zombie_deaths": dict(sorted(getattr(getattr(world, "horde", None), "deaths_by_cause", {}).items())),
            "students_lost": dict(sorted(self.lost.items())),
            "zombies_placed": int(self.initial_zombies),  # the level's own groups, before any spawned
            # when zombies went over a drop (sim s): the first, the last, and p10 / half / p90
            "zombie_falls_at": _fall_times(self.zombie_falls),
            "students_fell": list(self.students_fell),
            "door_peak_load": {d: round(v, 3) for d, v in sorted(self.door_peak.items())},
            "door_braced": {d: round(v, 2) for d, v in sorted(self.door_braced.items())},
            "door_braced_at_break": {d: round(v, 2) for d, v in sorted(self.braced_at_break.items())},
            "doors_gave_way": sorted(self.doors_gave_way),
            # the run's first noises of LOUD_NOISE_PX or more: [sim s, kind, who or what made it, px]
            "first_loud_noises": [list(n) for n in self.first_loud],
            # E pressed at a station before its objective's turn: {station: [presses, first at s]}
            "stations_not_yet": {k: list(v) for k, v in sorted(self.not_yet.items())},
            **_progress(world),
        }

    def trace(self, world: World | None = None) -> dict[str, Any]:
        """The raw material of the report's pictures (JSON-ready); with the run's last ``world``,
        also where its props ended up (``props_end``)."""
        out = {
            "death_positions": [[round(x, 1), round(y, 1), c] for x, y, c in self.death_positions],
            "lead_visits": [[c, r, n] for (c, r), n in sorted(self.lead_visits.items())],
            "horde": [list(row) for row in self.horde],
            "doors": [list(row) for row in self.doors],
        }
        if world is not None:
            out["props_end"] = props_moved(world, self.prop_start)
        return out


MOVED_PX = 4.0  # px a prop's centre must have gone from where the run began to count as moved
TURNED_DEG = 5.0  # degrees a prop must have turned to count as moved


def props_moved(world: World, start: list[tuple[float, float, float]]) -> list[list[Any]]:
    """[id, x, y (px), angle (degrees)] of each prop that ended the run moved or turned from its
    pose at ``start`` (per prop, px, px, rad, as the run began): where a barricade really stood
    (pushed flush, or askew a tile off), for the report's props picture. Props left where they
    were are not listed."""
    out = []
    for prop, (x0, y0, a0) in zip(getattr(world, "props", ()), start, strict=True):
        x, y = prop.body.position
        turned = abs((math.degrees(prop.body.angle - a0) + 180.0) % 360.0 - 180.0)
        if math.hypot(x - x0, y - y0) >= MOVED_PX or turned >= TURNED_DEG:
            out.append([prop.spec.id, round(x, 1), round(y, 1), round(math.degrees(prop.body.angle), 1)])
    return out


def _fall_times(times: Sequence[float]) -> dict[str, float]:
    """When a run's zombies went over (sim s, in order): the first, the last, and the 10th, 50th
    and 90th percentiles ("p10" to "p90": when the middle 80% of them went, what says how fast
    a drop emptied the horde, where a stray that wandered over at the start would mislead); {}
    for none."""
    if not times:
        return {}
    p10, half, p90 = (round(float(v), 2) for v in np.percentile(np.asarray(times, dtype=np.float64), [10, 50, 90]))
    return {"first": times[0], "p10": p10, "half": half, "p90": p90, "last": times[-1]}


def _progress(world: World) -> dict[str, Any]:
    """How far the run got: each objective done (sim seconds) and the one it ended on."""
    objectives = getattr(world, "objectives", None)
    if objectives is None:
        return {}
    current = objectives.current
    return {"objectives_done": {oid: round(tick / TICK_HZ, 2) for oid, tick in objectives.done.items()},
            "stage": current.id if current is not None else None}


def noise_words(noises: Sequence[Sequence[Any]], places: int | None = None) -> str:
    """A run's first loud noises in words: "0.2 s phone (throw-1); 0.5 s rattle (book-trolley)";
    ``places``: the times to that many decimals (else as kept, to 0.01 s)."""
    return "; ".join((f"{t:g}" if places is None else f"{t:.{places}f}") + f" s {kind}"
                     + (f" ({source})" if source else "") for t, kind, source, _px in noises)


def group_words(counts: dict[str, int]) -> str:
    """Counts by zombie group in words, most first: "yard-horde: 3, upstairs: 1"; "none".
    Sorted here too: report.json is written with sorted keys, so one read back is by label."""
    return ", ".join(f"{label}: {n}" for label, n in by_count(Counter(counts)).items()) or "none"


def wilson_interval(wins: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """The Wilson score 95% interval for a win rate (0..1); (0, 1) with no runs."""
    if n <= 0:
        return 0.0, 1.0
    p = wins / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    lo = 0.0 if wins == 0 else max(0.0, centre - half)
    hi = 1.0 if wins == n else min(1.0, centre + half)  # exact at the ends, not 0.9999…
    return lo, hi


def spread(values: list[float]) -> dict[str, float | None]:
    """Median, p10 and p90 (None for an empty list)."""
    if not values:
        return {"median": None, "p10": None, "p90": None}
    arr = np.asarray(values, dtype=np.float64)
    return {"median": round(float(np.median(arr)), 3), "p10": round(float(np.percentile(arr, 10)), 3),
            "p90": round(float(np.percentile(arr, 90)), 3)}


def objective_funnel(runs: list[dict[str, Any]], objectives: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
    """Per objective (id, text), in the level's order: in how many runs it was done and when,
    and how many runs ended while on it without winning (where a level stops players)."""
    out = []
    for oid, text in objectives:
        times = [r["objectives_done"][oid] for r in runs if oid in r.get("objectives_done", {})]
        ended = sum(1 for r in runs if r.get("stage") == oid and r["outcome"] != "win")
        out.append({"id": oid, "text": text, "done": len(times), "seconds": spread(times), "ended_here": ended})
    return out


def squad_losses(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per student who went down in any run: in how many runs and when, most often first."""
    times: dict[str, list[float]] = {}
    for r in runs:
        for student, seconds in r.get("students_lost", {}).items():
            times.setdefault(student, []).append(seconds)
    rows = [{"student": s, "runs": len(t), "seconds": spread(t)} for s, t in times.items()]
    return sorted(rows, key=lambda row: (-row["runs"], row["student"]))


def drop_losses(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Who went over a drop (an edge tile or a fall zone), {} when nobody did in any run:
    zombies (in how many runs any fell; in those, the spread of how many, and of when they went:
    ``stats._fall_times``; of how many the level placed and spawned in every run), and per
    student who fell, in how many runs.
    On a drop level that is the number that matters: how much of the horde the drop took."""
    played = [r for r in runs if r["outcome"] != "error"]  # (a crashed run counted nothing)
    zombies = [r.get("zombie_deaths", {}).get("fall", 0) for r in played]
    students = Counter(s for r in played for s in set(r.get("students_fell", [])))
    if not any(zombies) and not students:
        return {}
    placed = [r.get("zombies_placed", 0) for r in played]
    spawned = [max(0, r.get("zombies_spawned", p) - p) for r, p in zip(played, placed, strict=True)]
    when = [r["zombie_falls_at"] for r in played if r.get("zombie_falls_at")]
    return {"runs": len(played), "zombie_runs": sum(1 for z in zombies if z), "zombies": spread([z for z in zombies if z]),
            "placed": spread(placed), "spawned": spread(spawned),
            **{f"{k}_seconds": spread([w[k] for w in when]) for k in ("first", "p10", "half", "p90", "last")},
            "students": [{"student": s, "runs": n} for s, n in sorted(students.items(), key=lambda x: (-x[1], x[0]))]}


def door_loads(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per door locked in any run: in how many runs, the spread of its peak push as a share of
    what held it (lock and braces), and in how many runs it gave way."""
    peaks: dict[str, list[float]] = {}
    gave: dict[str, int] = {}
    braced: dict[str, list[float]] = {}
    for r in runs:
        for door, load in r.get("door_peak_load", {}).items():
            peaks.setdefault(door, []).append(load)
            gave[door] = gave.get(door, 0) + int(gave_way(r, door))
            braced.setdefault(door, []).append(r.get("door_braced", {}).get(door, 0.0))
    return [{"door": d, "runs": len(v), "peak_load": spread(v), "max": round(max(v), 3),
             "gave_way": gave[d], "braced": spread(braced[d])} for d, v in sorted(peaks.items())]


def gave_way(run: dict[str, Any], door: str) -> bool:
    """Whether ``door`` gave way in ``run`` (a report from before 0.24.0 has no list of the
    doors that did: then a peak of 1 or more, as a lock gave at once then)."""
    if "doors_gave_way" in run:
        return door in run["doors_gave_way"]
    return run.get("door_peak_load", {}).get(door, 0.0) >= 1.0


def summarize(runs: list[dict[str, Any]], objectives: Sequence[tuple[str, str]] = ()) -> dict[str, Any]:
    """The batch summary: win rate with a Wilson 95% interval, spreads, deaths by cause and by
    zombie group (``deaths_by_group``, ``bites_by_group``: summed over the runs), and
    (given the level's objectives as (id, text)) how far runs got and who was lost.
    A run that crashed (outcome ``error``) is counted in ``outcomes`` and ``errors`` and left out
    of every other number: it was counted a 0 s loss, and two crashes read "won 0 (0%, 95% CI
    0-66%), time median 0.0 s"."""
    outcomes = Counter(r["outcome"] for r in runs)
    runs = [r for r in runs if r["outcome"] != "error"]
    n = len(runs)
    wins = sum(1 for r in runs if r["outcome"] == "win")
    lo, hi = wilson_interval(wins, n)
    deaths: Counter[str] = Counter()
    bites_by_group: Counter[str] = Counter()
    deaths_by_group: Counter[str] = Counter()
    for r in runs:
        deaths.update(r.get("deaths", {}))
        bites_by_group.update(r.get("bites_by_group", {}))  # (a run kept from before these counts has none)
        deaths_by_group.update(r.get("deaths_by_group", {}))
    peak = spread([r["peak_zombies"] for r in runs])
    peak["max"] = max((r["peak_zombies"] for r in runs), default=None)
    return {
        "runs": n,
        "errors": outcomes.get("error", 0),
        "wins": wins,
        "win_rate": round(wins / n, 4) if n else None,
        "win_rate_ci95": [round(lo, 4), round(hi, 4)],
        "outcomes": dict(sorted(outcomes.items())),
        "time_seconds": spread([r["sim_seconds"] for r in runs]),
        "win_time_seconds": spread([r["sim_seconds"] for r in runs if r["outcome"] == "win"]),
        "survivors": spread([r["survivors"] for r in runs]),
        "deaths_by_cause": dict(sorted(deaths.items())),
        # students lost, and bites landed, by the group, wave or spawner the zombie came from
        "deaths_by_group": by_count(deaths_by_group),
        "bites_by_group": by_count(bites_by_group),
        "noise_made": spread([r["noise_made"] for r in runs]),
        "score": spread([r.get("score", 0) for r in runs]),
        "stars": dict(sorted(Counter(str(r.get("stars", 0)) for r in runs).items())),  # "2": runs that earned 2
        "peak_horde": peak,
        "objective_funnel": objective_funnel(runs, objectives),
        "squad_losses": squad_losses(runs),
        "door_load": door_loads(runs),
        "drops": drop_losses(runs),
    }
