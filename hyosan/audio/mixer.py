"""The mixer: loads assets/audio via sounds.json and turns events into sound.

Silent — every method a no-op — when ``pygame.mixer`` is not initialised (no audio device):
the game must never crash for want of speakers. Volumes: master × category (music, effects,
voice). One looping groan channel whose volume follows the crowd near the lead; music
cross-fades from calm to hunted while any zombie chases; the rain loop plays as loud as the
level's rain; thunder comes with each lightning flash.

The two music loops are stems of one piece (both 20 s): they start together on their own
channels and play for as long as the mixer lives; the cross-fade only moves their volumes
(equal power: calm = cos, hunted = sin of the fade angle), so a loop is never restarted and
the music goes on where it was. Loops that fall silent (groans, rain) keep running at volume 0
for the same reason: no restart, no click.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pygame

from ..sim import events as ev
from ..sim.units import TILE_PX

ASSETS = Path(__file__).resolve().parents[2] / "assets" / "audio"
HEAR_RADIUS = 500.0  # px: effects fade to nothing this far from the camera centre
GROAN_RADIUS = 200.0  # px around the lead that counts as "nearby" for the groan loop
GROAN_FULL = 12  # this many zombies nearby plays the groan at full volume
FADE_PER_SECOND = 0.6  # music cross-fade speed
CHASE = 3  # horde state code for chasing
RAIN_VOLUME = 0.6  # the rain loop's volume in a downpour (rain = 1), before effects and master
SCREECH_VOLUME = 0.8  # a zombie that has just seen a student (the "!"), at the lead; fades to HEAR_RADIUS
# A locked door the crowd strains (sim ``Door.strain``: push / hold, it gives past 1) is pounded
# on: a thump every POUND_SLOW_S at POUND_FROM, quickening to POUND_FAST_S as it nears giving.
# Heard from anywhere (at least POUND_FAR_VOLUME): the booth door gave unheralded, played by hand.
POUND_FROM = 0.5
POUND_SLOW_S = 1.1
POUND_FAST_S = 0.35
POUND_VOLUME = 0.7
POUND_FAR_VOLUME = 0.2
STRAINING_VOLUME = 0.9  # the thump with the ticker's "is giving way" (the DoorStraining event)

# Sound kind -> (names to pick from, volume, category)
KIND_SOUNDS: dict[str, tuple[tuple[str, ...], float, str] | None] = {
    "walk-step": (("step.walk.0", "step.walk.1", "step.walk.2", "step.walk.3"), 0.25, "effects"),
    "sprint-step": (("step.sprint.0", "step.sprint.1", "step.sprint.2"), 0.35, "effects"),
    "sneak-step": (("step.walk.0", "step.walk.1"), 0.08, "effects"),
    "door": (("door.bang",), 0.8, "effects"),
    "crash": (("glass.break", "door.break"), 0.9, "effects"),
    "melee": (("hit.melee",), 0.8, "effects"),
    "shove": (("shove",), 0.7, "effects"),
    "bow": (("bow.twang",), 0.6, "effects"),  # Ha-ri's shot: the string, quiet (40 px)
    "spray": (("spray.hiss",), 0.8, "effects"),  # On-jo's extinguisher
    "taunt": (("scream.0", "scream.1"), 0.9, "voice"),  # Cheong-san shouting them over
    "sing": (("sing.phrase",), 0.8, "voice"),  # Dae-su, a line of a song every second
    "scream": (("scream.0", "scream.1"), 0.9, "voice"),
    "phone": (("phone.ring",), 0.8, "effects"),
    "alarm": (("car.alarm",), 0.8, "effects"),
    "pa": (("pa.chime",), 0.9, "voice"),
    "drone": (("drone.hum",), 0.7, "effects"),
    "helicopter": (("drone.hum",), 1.0, "effects"),  # the rotors: the drone's hum, louder
    "joint-break": (("door.break",), 0.9, "effects"),  # a trolley coupling or a rope snaps
    "coupling": (("door.bang",), 0.4, "effects"),  # a coupling latched or unlatched with E
    "car-alarm": (("car.alarm",), 0.8, "effects"),
    "alarm-clock": (("alarm.clock",), 0.8, "effects"),
    "radio": (("pa.tone",), 0.6, "voice"),  # the emergency broadcast's tone
    "shout": (("scream.0", "scream.1"), 0.8, "voice"),  # the bait banging a pipe and shouting
    "growl": (("zombie.groan.0", "zombie.groan.3"), 0.6, "voice"),  # Nam-ra's hunger
    "rattle": (("trolley.rattle",), 0.5, "effects"),  # steel trolleys rolled too fast
    "door-break": None,  # the DoorChanged event that comes with it plays the break
}


def mixer_ready() -> bool:
    """Whether pygame's mixer is open (an audio device, or SDL's dummy driver)."""
    try:
        return bool(pygame.mixer.get_init())
    except pygame.error:
        return False


class Mixer:
    """Event-driven sound. Construct after ``pygame.mixer.init``; without it, stays silent."""

    def __init__(self, master: float = 0.8, music: float = 0.6, effects: float = 0.8, voice: float = 0.8,
                 assets: Path = ASSETS) -> None:
        self.volumes = {"master": master, "music": music, "effects": effects, "voice": voice}
        self.enabled = mixer_ready()
        self.sounds: dict[str, pygame.mixer.Sound] = {}
        self.meta: dict[str, dict] = {}
        self._pick = 0
        self._hunted = 0.0  # 0 calm .. 1 hunted, eased
        self._channels: dict[str, pygame.mixer.Channel] = {}
        self.starts: dict[str, int] = {}  # loop channel -> times it was (re)started (tests, debugging)
        self.music_seconds = 0.0  # s since the music loops started: where both stems are, mod their length
        self._noticing: set[int] = set()  # uids of the zombies in their notice beat at the last update
        self._pounding: dict[str, float] = {}  # door id -> s until its next thump
        self.pounds = 0  # thumps played on straining doors (tests, debugging)
        if not self.enabled:
            return
        try:
            with open(assets / "sounds.json", encoding="utf-8") as f:
                self.meta = json.load(f)["sounds"]
            for name, info in self.meta.items():
                self.sounds[name] = pygame.mixer.Sound(str(assets / info["file"]))
            pygame.mixer.set_num_channels(max(24, pygame.mixer.get_num_channels()))
            pygame.mixer.set_reserved(4)
            self._channels = {"calm": pygame.mixer.Channel(0), "hunted": pygame.mixer.Channel(1),
                              "groan": pygame.mixer.Channel(2), "rain": pygame.mixer.Channel(3)}
        except (pygame.error, OSError, KeyError, ValueError):
            self.enabled = False  # a broken audio install costs the sound, never the game
            self.sounds.clear()

    def set_volumes(self, master: float, music: float, effects: float, voice: float) -> None:
        """New category volumes (0..1), applied from the next sound."""
        self.volumes.update(master=master, music=music, effects=effects, voice=voice)

    def _gain(self, category: str) -> float:
        return self.volumes["master"] * self.volumes.get(category, 1.0)

    def play(self, name: str, volume: float = 1.0, category: str = "effects") -> None:
        """Play one sound once at a volume (0..1), scaled by the category and master volumes."""
        if not self.enabled or name not in self.sounds:
            return
        gain = volume * self._gain(category) * float(self.meta[name].get("volume", 1.0))
        if gain <= 0.01:
            return
        channel = self.sounds[name].play()
        if channel is not None:
            channel.set_volume(min(1.0, gain))

    def _pick_name(self, names: tuple[str, ...]) -> str:
        self._pick += 1
        return names[self._pick % len(names)]

    def consume(self, events: list, listener: tuple[float, float]) -> None:
        """Play the sounds of a frame's events; effects fade with distance from the listener."""
        if not self.enabled:
            return
        lx, ly = listener
        for e in events:
            if isinstance(e, ev.Sound):
                spec = KIND_SOUNDS[e.kind] if e.kind in KIND_SOUNDS else KIND_SOUNDS.get(e.kind.split("-")[0])
                if spec is None:
                    continue
                names, vol, cat = spec
                d = math.hypot(e.x - lx, e.y - ly)
                att = max(0.0, 1.0 - d / HEAR_RADIUS) if cat == "effects" else 1.0
                self.play(self._pick_name(names), vol * att, cat)
            elif isinstance(e, ev.DoorStraining):
                self.play("door.bang", STRAINING_VOLUME)
            elif isinstance(e, ev.DoorChanged):
                self.play("door.break" if e.state == "broken" else "door.bang", 0.5 if e.state != "broken" else 1.0)
            elif isinstance(e, ev.Impact):
                self.play("hit.melee", min(1.0, e.strength / 6000.0))
            elif isinstance(e, ev.Lightning) and e.phase == "flash":
                self.play(self._pick_name(("thunder.0", "thunder.1")), 1.0)

    def update(self, frame_seconds: float, world, lead: tuple[float, float]) -> None:
        """Groans follow the crowd near the lead; music leans hunted while anything chases."""
        if not self.enabled:
            return
        horde = getattr(world, "horde", None)
        near = chasing = 0
        if horde is not None and getattr(horde, "n", 0) > 0:
            x, y = lead
            idx = np.asarray(horde.cells.in_rect(x - GROAN_RADIUS, y - GROAN_RADIUS, x + GROAN_RADIUS, y + GROAN_RADIUS))
            if idx.size:
                d2 = ((horde.pos[idx] - np.array([x, y])) ** 2).sum(axis=1)
                near = int((d2 < GROAN_RADIUS * GROAN_RADIUS).sum())
            chasing = int((horde.state[: horde.n] == CHASE).any())
            self._screech_new_noticers(horde, lead)
        target = 1.0 if chasing else 0.0
        step = FADE_PER_SECOND * frame_seconds
        self._hunted += max(-step, min(step, target - self._hunted))
        self._music(frame_seconds)
        self._loop("groan", "zombie.groan.0", self._gain("effects") * min(1.0, near / GROAN_FULL))
        self._pound(frame_seconds, getattr(world, "doors", ()), lead)
        rain = float(getattr(getattr(getattr(world, "spec", None), "weather", None), "rain", 0.0) or 0.0)
        self._loop("rain", "rain.loop", self._gain("effects") * RAIN_VOLUME * rain)

    def _pound(self, frame_seconds: float, doors, lead: tuple[float, float]) -> None:
        """Thumps on each locked door the crowd strains, quicker the nearer it is to giving."""
        for door in doors:
            strain = float(getattr(door, "strain", 0.0))
            if not door.locked or strain < POUND_FROM:
                self._pounding.pop(door.spec.id, None)
                continue
            left = self._pounding.get(door.spec.id, 0.0) - frame_seconds
            if left <= 0.0:
                k = min(1.0, (strain - POUND_FROM) / (1.0 - POUND_FROM))
                c, r = door.spec.tile
                d = math.hypot((c + 0.5) * TILE_PX - lead[0], (r + 0.5) * TILE_PX - lead[1])  # px
                self.play("door.bang", POUND_VOLUME * max(POUND_FAR_VOLUME, 1.0 - d / HEAR_RADIUS))
                self.pounds += 1
                left = POUND_SLOW_S + (POUND_FAST_S - POUND_SLOW_S) * k
            self._pounding[door.spec.id] = left

    def _screech_new_noticers(self, horde, lead: tuple[float, float]) -> None:
        """A screech for each zombie that has just seen a student (its "!", ``horde.noticing``),
        fading with distance from the lead: in the woods the alert is often heard before the
        zombie behind the trees is seen."""
        noticing = getattr(horde, "noticing", None)
        if noticing is None:
            return
        rows = np.flatnonzero(noticing)
        uids = horde.uid[rows].tolist()
        for row, uid in zip(rows.tolist(), uids, strict=True):
            if uid not in self._noticing:
                d = math.hypot(float(horde.pos[row, 0]) - lead[0], float(horde.pos[row, 1]) - lead[1])
                self.play(self._pick_name(("zombie.screech.0", "zombie.screech.1")),
                          SCREECH_VOLUME * max(0.0, 1.0 - d / HEAR_RADIUS))
        self._noticing = set(uids)

    def music_volumes(self) -> tuple[float, float]:
        """(calm, hunted) channel volumes, 0..1, for the current fade (equal power)."""
        music = self._gain("music")
        angle = self._hunted * math.pi / 2
        return min(1.0, music * math.cos(angle)), min(1.0, music * math.sin(angle))

    def _music(self, frame_seconds: float) -> None:
        """Both stems run from the first update on; only their volumes follow the fade."""
        calm, hunted = self._channels.get("calm"), self._channels.get("hunted")
        if calm is None or hunted is None or "music.calm" not in self.sounds or "music.hunted" not in self.sounds:
            return
        if calm.get_busy() and hunted.get_busy():
            self.music_seconds += frame_seconds
        else:  # first update, or something stopped the mixer: start both together, in step
            for key in ("calm", "hunted"):
                self._channels[key].play(self.sounds[f"music.{key}"], loops=-1)
                self.starts[key] = self.starts.get(key, 0) + 1
            self.music_seconds = 0.0
        v_calm, v_hunted = self.music_volumes()
        calm.set_volume(v_calm)
        hunted.set_volume(v_hunted)

    def _loop(self, channel: str, name: str, volume: float) -> None:
        """A background loop at ``volume``: started the first time it is heard, then only faded."""
        ch = self._channels.get(channel)
        if ch is None or name not in self.sounds:
            return
        if not ch.get_busy():
            if volume <= 0.005:
                return  # never heard yet (a dry level's rain): do not start it
            ch.play(self.sounds[name], loops=-1)
            self.starts[channel] = self.starts.get(channel, 0) + 1
        ch.set_volume(min(1.0, max(0.0, volume)))

    def stop(self) -> None:
        """Silence everything (leaving a level)."""
        if self.enabled:
            pygame.mixer.stop()
