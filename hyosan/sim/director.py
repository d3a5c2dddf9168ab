"""The level's own clockwork: scripted sound sources (PA speakers, phones, car alarms, drones),
stations the squad uses, timed waves and spawners.

Everything here is driven by the tick counter and the sim RNG only, and emits ``Sound``
events *before* the horde thinks, so a sound fired this tick is heard this tick.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..content.schema import FAST_OPERATORS, SoundSourceSpec, SpawnerSpec, StationSpec, WaveSpec
from . import events as ev
from .bait import stay_behind
from .horde.horde import CHASE, IDLE, INVESTIGATE, WANDER
from .units import TICK_HZ, TILE_PX

# Defaults by kind (GAME.md "Typical loudness"): (loudness px, duration s, repeat period s).
SOUND_DEFAULTS: dict[str, tuple[float, float, float]] = {
    "pa-speaker": (2400.0, 20.0, 0.5),
    "phone": (350.0, 10.0, 1.0),
    "car-alarm": (900.0, 15.0, 0.5),
    "drone": (1100.0, 60.0, 0.5),
    "alarm-clock": (400.0, 15.0, 1.0),
    "radio": (300.0, 30.0, 1.0),
    "shout": (900.0, 45.0, 1.0),  # a student left behind as bait, banging a pipe and shouting
    "helicopter": (1400.0, 30.0, 0.5),  # rotors over the roof: louder than a drone, flies a path as one
}
STATION_REACH_PX = 24.0  # how close a student must stand to work a station
# s: how often a hunting spawner's arrivals that lost the trail (idle, wandering) are sent again
# to where the lead stands. Sent once, as they arrived, they searched and wandered off: a
# designer's squad locked in a side office held an endless night for 20 minutes with three stars
# while 267 zombies wandered the gym, none at the office door.
HUNT_RESEND_SECONDS = 20.0
STATE_CODES = {"idle": IDLE, "wander": WANDER, "investigate": INVESTIGATE, "chase": CHASE}


@dataclass
class Emitter:
    """A sound source that is sounding: where, how loud, until when, how often."""

    id: str
    kind: str
    x: float
    y: float
    loudness: float
    end_tick: int
    period_ticks: int
    next_tick: int
    path: tuple[tuple[float, float], ...] = ()  # px, drones
    speed: float = 0.0  # px/s along the path
    loop: bool = False
    leg: int = 0  # index of the waypoint being flown to
    attached: str = ""  # prop id it rides on
    carried_by: str = ""  # student id it moves with (Dae-su's song)


@dataclass
class StationState:
    """A station's progress: who is working it and how far along (ticks)."""

    spec: StationSpec
    uses_left: int
    user: str = ""
    progress: int = 0
    used: int = 0


@dataclass
class WaveState:
    """How many of a wave have arrived so far."""

    spec: WaveSpec
    count: int
    origin: int  # index of the wave's id in the horde's origin labels
    arrived: int = 0
    start: int = 0  # tick of its first arrival
    spread: int = 1  # ticks it arrives over

    def next_due(self) -> float:
        """The first tick (from ``start``) at which more of it are due than have arrived, as
        ``Director._arrivals`` counts them due (``count * (tick - start + 1) // spread``); inf
        once all have come."""
        if self.arrived >= self.count:
            return math.inf
        return self.start + -(-(self.arrived + 1) * self.spread // self.count) - 1


@dataclass
class SpawnerState:
    """A spawner's arrivals and the uids of the zombies it made (for ``max_alive``)."""

    spec: SpawnerSpec
    max_alive: int
    total: int | None
    origin: int  # index of the spawner's id in the horde's origin labels
    made: int = 0
    credit: float = 0.0
    uids: list[int] = field(default_factory=list)


def _zone_px(zone: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    return (zone[0] * TILE_PX, zone[1] * TILE_PX, zone[2] * TILE_PX, zone[3] * TILE_PX)


class Director:
    """Runs sound sources, stations, waves and spawners for one world."""

    def __init__(self, world, horde_mult: float) -> None:
        spec = world.spec
        self.world = world
        self.sources: dict[str, SoundSourceSpec] = {s.id: s for s in spec.sounds}
        # tick -> the ids of the sources scheduled to fire by themselves then, in ``sources``
        # order: worked out once rather than per source every tick
        self._scheduled: dict[int, list[str]] = {}
        for s in self.sources.values():
            if s.start_seconds is not None:
                self._scheduled.setdefault(round(s.start_seconds * TICK_HZ), []).append(s.id)
        self.active: dict[str, Emitter] = {}
        self.fired: set[str] = set()  # sources that have sounded at least once
        self.ended: set[str] = set()  # sources that have stopped (hold-until-event sound-end:<id>)
        self.stations = [StationState(s, s.uses) for s in sorted(spec.stations, key=lambda s: s.id)]
        self.station_done: set[str] = set()
        origins = world.horde.origins
        self.waves = [WaveState(w, max(1, round(w.count * horde_mult)), origins.index(w.id), start=round(w.at_seconds * TICK_HZ),
                                spread=max(1, round(w.spread_seconds * TICK_HZ))) for w in spec.waves]
        # The first tick any wave is due more arrivals (WaveState.next_due): before it, the
        # waves' loop would find nothing to do (its count grows only on an arrival).
        self._wave_due = min((wave.next_due() for wave in self.waves), default=math.inf)
        self.wave_done: set[str] = set()
        self.spawners = [SpawnerState(s, max(1, round(s.max_alive * horde_mult)),
                                      None if s.total is None else max(1, round(s.total * horde_mult)),
                                      origins.index(s.id))
                         for s in sorted(spec.spawners, key=lambda s: s.id)]
        self.endless = spec.endless
        self.ramp = 1.0  # an endless level's multiplier on the spawners' rates and caps, now

    @staticmethod
    def capacity_needed(spec, horde_mult: float) -> int:
        """Horde rows the waves and spawners may need on top of the placed groups."""
        waves = sum(max(1, round(w.count * horde_mult)) for w in spec.waves)
        ramp = spec.endless.ramp_max if spec.endless is not None else 1.0  # the most an endless night asks for
        spawners = sum(round(max(1, round(s.max_alive * horde_mult)) * ramp) for s in spec.spawners)
        return waves + spawners

    # ------------------------------------------------------------------ sound sources
    def duration_seconds(self, source_id: str) -> float:
        """How long a sound source sounds once fired (s): its own duration, else its kind's."""
        src = self.sources[source_id]
        dur = SOUND_DEFAULTS.get(src.kind, (300.0, 10.0, 1.0))[1]
        return src.duration_seconds if src.duration_seconds is not None else dur

    def fire(self, source_id: str, tick: int, at: tuple[float, float] | None = None) -> None:
        """Start (or restart) a sound source now."""
        src = self.sources[source_id]
        loud, _, period = SOUND_DEFAULTS.get(src.kind, (300.0, 10.0, 1.0))
        loud = src.loudness if src.loudness is not None else loud
        dur = self.duration_seconds(source_id)
        path = tuple((p[0] * TILE_PX, p[1] * TILE_PX) for p in src.path)
        x, y = at if at is not None else (path[0] if path else (src.at[0] * TILE_PX, src.at[1] * TILE_PX))
        if src.attached_to:
            prop = self.world.prop_by_id(src.attached_to)
            if prop is not None:
                p = self.world.bodies.pos[prop.index]
                x, y = float(p[0]), float(p[1])
        self.active[source_id] = Emitter(source_id, src.kind, x, y, loud, tick + round(dur * TICK_HZ),
                                         max(1, round(period * TICK_HZ)), tick, path, src.speed, src.loop,
                                         1 if len(path) > 1 else 0, src.attached_to)
        self.fired.add(source_id)
        self.ended.discard(source_id)

    def start_emitter(self, emitter: Emitter) -> None:
        """Start an ad-hoc emitter (a thrown phone)."""
        self.active[emitter.id] = emitter

    def alarm_for(self, prop_id: str) -> str | None:
        """The sound source id attached to a prop, if any."""
        return next((s.id for s in self.sources.values() if s.attached_to == prop_id), None)

    def _fly(self, em: Emitter) -> None:
        if len(em.path) < 2 or em.speed <= 0 or em.leg >= len(em.path):
            return
        step = em.speed / TICK_HZ
        while step > 0 and em.leg < len(em.path):
            tx, ty = em.path[em.leg]
            d = math.hypot(tx - em.x, ty - em.y)
            if d > step:
                em.x += (tx - em.x) / d * step
                em.y += (ty - em.y) / d * step
                return
            em.x, em.y = tx, ty
            step -= d
            em.leg += 1
            if em.leg >= len(em.path) and em.loop:
                em.leg = 0

    def _sound_tick(self, tick: int, events: list[ev.Event]) -> None:
        for sid in self._scheduled.get(tick, ()):  # scheduled sources (sorted by id for determinism)
            self.fire(sid, tick)
        for key in sorted(self.active):
            em = self.active[key]
            if tick >= em.end_tick:
                del self.active[key]
                self.ended.add(key)
                continue
            if len(em.path) > 1:  # (only a flier flies: the call spared for the rest)
                self._fly(em)
            if em.attached:
                prop = self.world.prop_by_id(em.attached)
                if prop is not None:
                    p = self.world.bodies.pos[prop.index]
                    em.x, em.y = float(p[0]), float(p[1])
            if em.carried_by:
                singer = next((s for s in self.world.students if s.id == em.carried_by), None)
                if singer is None or not singer.alive:  # a song stops with its singer
                    del self.active[key]
                    self.ended.add(key)
                    continue
                p = self.world.bodies.pos[singer.index]
                em.x, em.y = float(p[0]), float(p[1])
            if tick >= em.next_tick:
                em.next_tick = tick + em.period_ticks
                events.append(ev.Sound(em.x, em.y, em.loudness, em.kind, em.id))

    # ------------------------------------------------------------------ stations
    def station_near(self, x: float, y: float) -> StationState | None:
        """The usable station within reach of a point, nearest first."""
        best: tuple[float, StationState] | None = None
        for st in self.stations:
            sx, sy = st.spec.at[0] * TILE_PX, st.spec.at[1] * TILE_PX
            d = math.hypot(x - sx, y - sy)
            if st.spec.needs and st.spec.needs not in self.station_done:
                continue  # e.g. a padlock without the keys: nothing to work
            if d <= STATION_REACH_PX and st.uses_left > 0 and (best is None or d < best[0]):
                best = (d, st)
        return best[1] if best else None

    def start_use(self, st: StationState, student: str) -> None:
        """A student starts working a station (hold still near it for ``use_seconds``). E again
        from the one already at it changes nothing: played by hand, a second press at Storm's key
        box (the prompt says "hold E") threw away 14 s of its 20."""
        if st.user == student:
            return
        st.user = student
        st.progress = 0

    def _station_tick(self, tick: int, events: list[ev.Event]) -> None:
        w = self.world
        for st in self.stations:
            if not st.user:
                continue
            student = next((s for s in w.students if s.id == st.user), None)
            sx, sy = st.spec.at[0] * TILE_PX, st.spec.at[1] * TILE_PX
            if student is None or not student.alive:
                st.user = ""
                continue
            p = w.student_pos(student)
            if math.hypot(p[0] - sx, p[1] - sy) > STATION_REACH_PX * 1.5:
                st.user, st.progress = "", 0  # walked away: start over
                continue
            st.progress += 1
            need = self._ticks_needed(st)
            if st.progress >= need:
                st.user, st.progress = "", 0
                st.uses_left -= 1
                st.used += 1
                self.station_done.add(st.spec.id)
                events.append(ev.StationUsed(st.spec.id, student.id))
                for sid in st.spec.triggers:
                    self.fire(sid, tick)
                if st.spec.kind == "bait":
                    stay_behind(w, student, events)

    @staticmethod
    def _ticks_needed(st: StationState) -> int:
        """Ticks of work a station takes from the student at it (Joon-yeong's are fewer)."""
        return round(st.spec.use_seconds * TICK_HZ / FAST_OPERATORS.get(st.user, 1.0))

    def station_progress(self, station_id: str) -> float:
        """0..1 progress of the station being worked (for the HUD), by the ticks the student at it
        needs: by the plain ticks, Joon-yeong's bar stood at half when the console was done."""
        for st in self.stations:
            if st.spec.id == station_id and st.user:
                return st.progress / max(1, self._ticks_needed(st))
        return 0.0

    def station_seconds_left(self, station_id: str) -> float:
        """Seconds of keeping still left at the station being worked (0.0 when nobody works it)."""
        for st in self.stations:
            if st.spec.id == station_id and st.user:
                return max(0, self._ticks_needed(st) - st.progress) / TICK_HZ
        return 0.0

    # ------------------------------------------------------------------ waves and spawners
    def _ramp_up(self, tick: int, events: list[ev.Event]) -> None:
        """An endless level: every ``ramp_every_seconds`` the spawners come faster, and more of
        them may be up at once (``EndlessSpec.multiplier``)."""
        ramp = self.endless.multiplier(tick / TICK_HZ)  # type: ignore[union-attr]
        if ramp != self.ramp:
            self.ramp = ramp
            events.append(ev.HordeGrows(ramp))

    def _wave_arrivals(self, tick: int) -> np.ndarray | None:
        """The waves' arrivals due this tick; returns the spawn floor if it was built for them."""
        w = self.world
        solid = None  # built only on a tick that spawns (np.isin over the map every tick adds up)
        for wave in self.waves:
            if tick < wave.start or wave.arrived >= wave.count:
                continue
            due = min(wave.count, wave.count * (tick - wave.start + 1) // wave.spread)
            if due > wave.arrived:
                solid = w.spawn_floor() if solid is None else solid
                state = STATE_CODES.get(wave.spec.state, INVESTIGATE)
                got = w.horde.spawn_in_zone(_zone_px(wave.spec.zone), due - wave.arrived,
                                            w.breeds.index(wave.spec.breed), state, solid, origin=wave.origin)
                wave.arrived += max(got, 1)  # an all-wall zone must not stall the wave forever
            if wave.arrived >= wave.count:
                self.wave_done.add(wave.spec.id)
        if solid is not None:  # (some wave had arrivals: when is the next?)
            self._wave_due = min(wave.next_due() for wave in self.waves)
        return solid

    def _arrivals(self, tick: int) -> None:
        w = self.world
        solid = self._wave_arrivals(tick) if tick >= self._wave_due else None
        if tick % TICK_HZ:
            return  # spawners tick once a second
        live = set(w.horde.uid.tolist()) if self.spawners else set()
        resend = tick % round(HUNT_RESEND_SECONDS * TICK_HZ) == 0
        for sp in self.spawners:
            s = sp.spec
            sp.uids = [u for u in sp.uids if u in live]
            if s.hunts and resend and sp.uids and w.lead_student.alive:
                p = w.student_pos(w.lead_student)
                w.horde.send_back(sp.uids, (float(p[0]), float(p[1])))
            if tick < round(s.start_seconds * TICK_HZ):
                continue
            if s.stop_seconds is not None and tick >= round(s.stop_seconds * TICK_HZ):
                continue
            sp.credit += s.per_minute * self.ramp / 60.0
            want = int(sp.credit)
            room = round(sp.max_alive * self.ramp) - len(sp.uids)
            if sp.total is not None:
                room = min(room, sp.total - sp.made)
            count = max(0, min(want, room))
            sp.credit -= want
            if count:
                solid = w.spawn_floor() if solid is None else solid
                first_uid = w.horde.next_uid + len(w.horde._spawn_queue)
                lead = w.lead_student
                goal = None
                if s.hunts and lead.alive:  # they know the squad is up there: they come to the lead
                    p = w.student_pos(lead)
                    goal = (float(p[0]), float(p[1]))
                got = w.horde.spawn_in_zone(_zone_px(s.zone), count, w.breeds.index(s.breed), INVESTIGATE, solid, goal,
                                            origin=sp.origin)
                sp.uids.extend(range(first_uid, first_uid + got))
                sp.made += got

    def tick(self, tick: int, events: list[ev.Event]) -> None:
        """One tick of the level's clockwork (before the horde thinks)."""
        self._station_tick(tick, events)
        self._sound_tick(tick, events)
        if self.endless is not None and tick % TICK_HZ == 0:
            self._ramp_up(tick, events)
        self._arrivals(tick)

