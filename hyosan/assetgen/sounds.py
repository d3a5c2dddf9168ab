"""Sound effects and the sounds.json manifest. Every sound has its own fixed seed."""

from __future__ import annotations

import json

import numpy as np

from . import music
from .audio_synth import (
    SR,
    band,
    env_ad,
    env_adsr,
    finish,
    formant,
    loopable_osc,
    mix_at,
    n_of,
    noise,
    osc,
    t_of,
    wav_bytes,
)


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def step(seed: int, kind: str) -> np.ndarray:
    rng = _rng(seed)
    if kind == "splash":
        n = n_of(0.32)
        x = band(noise(rng, n), 900, 6000) * env_ad(n, 0.004, 0.07)
        for _ in range(6):  # droplets: short falling blips
            m = n_of(rng.uniform(0.02, 0.05))
            f = np.linspace(rng.uniform(1200, 2600), rng.uniform(500, 900), m)
            mix_at(x, 0.3 * osc(f, m) * env_ad(m, 0.002, 0.012), int(rng.integers(n_of(0.03), n - m)))
        thud = osc(80, n) * env_ad(n, 0.002, 0.03)
        return finish(x + 0.5 * thud)
    dur, lo, hi, dec = (0.11, 60, 1400, 0.025) if kind == "walk" else (0.1, 80, 3200, 0.02)
    n = n_of(dur)
    f0 = rng.uniform(70, 110)
    body = osc(np.linspace(f0 * 1.6, f0, n), n) * env_ad(n, 0.002, dec)
    grit = band(noise(rng, n), lo, hi) * env_ad(n, 0.001, dec * 0.7)
    scuff = band(noise(rng, n), 2000, 6000) * env_ad(n, 0.01, 0.02) * (0.25 if kind == "sprint" else 0.1)
    return finish(body + 0.8 * grit + scuff)


def melee_hit() -> np.ndarray:
    rng = _rng(11)
    n = n_of(0.35)
    thud = osc(np.geomspace(160, 55, n), n) * env_ad(n, 0.002, 0.07)
    crack = band(noise(rng, n), 800, 5000) * env_ad(n, 0.001, 0.015)
    flesh = band(noise(rng, n), 150, 900) * env_ad(n, 0.003, 0.05)
    return finish(thud + 0.7 * crack + 0.6 * flesh)


def shove() -> np.ndarray:
    rng = _rng(12)
    n = n_of(0.4)
    t = t_of(n)
    whoosh = band(noise(rng, n), 300, 2500) * np.sin(np.pi * np.clip(t / 0.25, 0, 1)) ** 2
    m = n_of(0.2)
    bump = np.zeros(n)
    mix_at(bump, osc(np.geomspace(120, 60, m), m) * env_ad(m, 0.002, 0.04), n_of(0.17))
    return finish(0.6 * whoosh + bump)


def bow_twang() -> np.ndarray:
    """A bowstring let go: a plucked string's low twang (Karplus-Strong: noise through a
    feedback delay, a little damped each pass), and the arrow's short hiss away."""
    rng = _rng(13)
    n = n_of(0.3)
    period = int(SR / 110)  # samples: a 110 Hz string
    x = np.zeros(n)
    x[:period] = rng.uniform(-1.0, 1.0, period)
    for i in range(period, n):  # (offline asset generation: a plain loop is fine here)
        x[i] = 0.497 * (x[i - period] + x[i - period + 1])
    x *= env_ad(n, 0.001, 0.09)
    hiss = band(noise(rng, n), 2500, 7000) * env_ad(n, 0.004, 0.03)
    return finish(x + 0.35 * hiss)


def spray_hiss() -> np.ndarray:
    """An extinguisher's burst: a pressurised hiss, bright at the valve's opening, that thins
    out as the powder cloud spreads."""
    rng = _rng(14)
    n = n_of(0.7)
    t = t_of(n)
    hiss = band(noise(rng, n), 1800, 9000) * env_adsr(n, 0.01, 0.08, 0.6, 0.3)
    body = band(noise(rng, n), 300, 1500) * env_ad(n, 0.005, 0.2) * 0.5
    flutter = 1.0 + 0.15 * np.sin(2 * np.pi * 23 * t)  # the valve chatters
    return finish((hiss + body) * flutter)


def door_bang() -> np.ndarray:
    rng = _rng(13)
    n = n_of(0.8)
    x = osc(np.geomspace(110, 60, n), n) * env_ad(n, 0.002, 0.09)
    for f, d, g in ((182, 0.18, 0.5), (407, 0.12, 0.35), (731, 0.08, 0.25), (1190, 0.05, 0.15)):
        x += g * osc(f * rng.uniform(0.98, 1.02), n) * env_ad(n, 0.001, d)
    x += 0.5 * band(noise(rng, n), 200, 3000) * env_ad(n, 0.001, 0.02)
    rattle = band(noise(rng, n), 1500, 5000) * env_ad(n, 0.02, 0.1) * (0.5 + 0.5 * osc(31, n, "square"))
    return finish(x + 0.15 * rattle)


def door_break() -> np.ndarray:
    rng = _rng(14)
    n = n_of(1.4)
    x = np.zeros(n)
    mix_at(x, door_bang()[: n_of(0.6)] * 0.8, 0)
    for k in range(9):  # cracks and splinters
        m = n_of(rng.uniform(0.05, 0.2))
        s = band(noise(rng, m), rng.uniform(400, 1200), rng.uniform(3000, 8000)) * env_ad(m, 0.001, m / SR / 4)
        mix_at(x, s * rng.uniform(0.3, 0.9), n_of(0.05 + k * 0.09 + rng.uniform(0, 0.05)))
    m = n_of(0.5)
    mix_at(x, osc(np.geomspace(90, 45, m), m) * env_ad(m, 0.003, 0.12), n_of(0.6))  # leaf hits the floor
    return finish(x)


def glass_break() -> np.ndarray:
    rng = _rng(15)
    n = n_of(1.4)
    x = band(noise(rng, n), 2000, 9000) * env_ad(n, 0.001, 0.08)
    x += 0.7 * band(noise(rng, n), 300, 2000) * env_ad(n, 0.001, 0.02)
    for _ in range(40):  # shards
        m = n_of(rng.uniform(0.03, 0.25))
        f = rng.uniform(2500, 8500)
        start = int(rng.exponential(0.18) * SR)
        mix_at(x, rng.uniform(0.1, 0.4) * osc(f, m) * env_ad(m, 0.0005, m / SR / 5), min(start, n - 1))
    return finish(x)


def voice(f0_curve: np.ndarray, rng: np.random.Generator, formants: list[tuple[float, float, float]],
          breath: float, growl: float) -> np.ndarray:
    n = len(f0_curve)
    jitter = 1.0 + 0.03 * band(noise(rng, n), 0, 12) / 0.1
    src = osc(f0_curve * jitter, n, "saw") + breath * noise(rng, n)
    if growl:
        src *= 1.0 - growl * (0.5 + 0.5 * osc(rng.uniform(22, 38), n, "tri"))
    return formant(src, formants)


def groan(seed: int) -> np.ndarray:
    rng = _rng(seed)
    dur = rng.uniform(1.1, 1.9)
    n = n_of(dur)
    t = t_of(n)
    f0 = rng.uniform(75, 115) * (1.0 + 0.15 * np.sin(np.pi * t / dur)) * (1.0 + 0.04 * np.sin(2 * np.pi * 5.5 * t))
    vowel = [(rng.uniform(450, 650), 180, 1.0), (rng.uniform(850, 1100), 220, 0.6), (2400, 400, 0.25)]
    x = voice(f0, rng, vowel, 0.35, 0.6)
    return finish(x * env_adsr(n, 0.15, 0.4, 0.7, 0.4))


def screech(seed: int) -> np.ndarray:
    rng = _rng(seed)
    dur = rng.uniform(0.8, 1.1)
    n = n_of(dur)
    t = t_of(n)
    f0 = np.interp(t, [0, 0.15 * dur, dur], [260, rng.uniform(480, 620), 380]) * (1 + 0.06 * np.sin(2 * np.pi * 9 * t))
    x = voice(f0, rng, [(900, 300, 1.0), (1800, 400, 0.9), (3200, 700, 0.6)], 0.9, 0.4)
    x = np.tanh(3.0 * x / (np.max(np.abs(x)) + 1e-9))  # harsh
    return finish(x * env_adsr(n, 0.03, 0.3, 0.8, 0.25))


def scream(seed: int) -> np.ndarray:
    rng = _rng(seed)
    dur = 1.3
    n = n_of(dur)
    t = t_of(n)
    f0 = np.interp(t, [0, 0.12, 0.9, dur], [500, rng.uniform(820, 940), rng.uniform(760, 860), 560])
    f0 = f0 * (1 + 0.025 * np.sin(2 * np.pi * 6.5 * t))
    x = voice(f0, rng, [(1000, 250, 1.0), (1700, 300, 0.8), (3000, 500, 0.4)], 0.25, 0.0)
    return finish(x * env_adsr(n, 0.04, 0.5, 0.85, 0.35))


def sing_phrase() -> np.ndarray:
    """Dae-su singing, loud and not quite in tune: four notes of a phrase on an open "ah"
    (a voice with vibrato through vowel formants), a second long, sung again every second."""
    rng = _rng(15)
    n = n_of(0.95)
    t = t_of(n)
    notes = [196.0, 220.0, 247.0, 220.0]  # G3 A3 B3 A3
    f0 = np.array(notes)[np.minimum((t / 0.95 * len(notes)).astype(int), len(notes) - 1)]
    f0 = f0 * (1.0 + 0.012 * np.sin(2 * np.pi * 5.5 * t)) * rng.uniform(0.99, 1.01)
    x = voice(f0, rng, [(750, 120, 1.0), (1200, 150, 0.7), (2600, 300, 0.25)], 0.08, 0.0)
    return finish(x * env_adsr(n, 0.03, 0.2, 0.85, 0.15))


def bite() -> np.ndarray:
    rng = _rng(16)
    n = n_of(0.5)
    x = np.zeros(n)
    for k in range(5):  # crunches
        m = n_of(0.06)
        mix_at(x, band(noise(rng, m), 600, 5000) * env_ad(m, 0.001, 0.012) * rng.uniform(0.5, 1.0),
               n_of(0.02 + k * 0.045))
    wet = band(noise(rng, n), 150, 800) * env_ad(n, 0.01, 0.12)
    tear = osc(np.geomspace(240, 90, n), n, "saw")
    tear = band(tear, 0, 1200) * env_ad(n, 0.05, 0.1)
    return finish(x + 0.7 * wet + 0.3 * tear)


def rain_loop() -> np.ndarray:
    rng = _rng(17)
    n = n_of(8.0)
    x = band(noise(rng, n), 400, 9000) * 0.5 + band(noise(rng, n), 80, 700) * 0.8  # hiss + roar (periodic)
    gust = 1.0 + 0.25 * np.sin(2 * np.pi * np.arange(n) / n * 2 + 0.7)  # two swells per loop, periodic
    x *= gust
    for _ in range(700):  # drops, wrapping round the loop end
        m = n_of(0.012)
        mix_at(x, rng.uniform(0.05, 0.3) * band(noise(rng, m), 2000, 9000) * env_ad(m, 0.0005, 0.002),
               int(rng.integers(0, n)), wrap=True)
    return finish(band(x, 40, 10000), loop=True)


def thunder(seed: int) -> np.ndarray:
    rng = _rng(seed)
    dur = 6.0
    n = n_of(dur)
    t = t_of(n)
    crack = band(noise(rng, n), 600, 7000) * env_ad(n, 0.003, 0.12)
    rumble = band(noise(rng, n), 20, 180)
    rumble /= np.max(np.abs(rumble))
    wobble = 0.55 + 0.45 * band(noise(rng, n), 0, 3)
    wobble /= np.max(np.abs(wobble))
    shape = np.clip(t / 0.15, 0, 1) * np.exp(-t / 1.9)
    roll = np.zeros(n)
    for _ in range(5):  # later rolls
        m = n_of(rng.uniform(0.6, 1.4))
        mix_at(roll, band(noise(rng, m), 30, 400) * env_adsr(m, 0.2, 0.4, 0.5, 0.5), int(rng.uniform(0.4, 3.5) * SR))
    roll /= max(np.max(np.abs(roll)), 1e-9)
    x = 0.35 * crack + rumble * np.abs(wobble) * shape + 0.5 * roll * np.exp(-t / 2.5)
    return finish(x, fade_out=1.0)


def bell(freq: float, n: int, decay: float) -> np.ndarray:
    x = np.zeros(n)
    for mult, g, d in ((1.0, 1.0, 1.0), (2.0, 0.4, 0.6), (2.76, 0.25, 0.4), (5.4, 0.12, 0.2)):
        x += g * osc(freq * mult, n) * env_ad(n, 0.003, decay * d)
    return x


def pa_chime() -> np.ndarray:
    n = n_of(2.4)
    x = np.zeros(n)
    mix_at(x, bell(659.25, n_of(1.6), 0.7), 0)  # E5 "ding"
    mix_at(x, bell(523.25, n_of(1.8), 0.8), n_of(0.6))  # C5 "dong"
    return finish(x, fade_out=0.3)


def pa_tone() -> np.ndarray:
    """Announcement tone: the rising four-note school chime (G4 C5 E5 G5)."""
    n = n_of(2.8)
    x = np.zeros(n)
    for k, f in enumerate((392.0, 523.25, 659.25, 783.99)):
        mix_at(x, bell(f, n_of(1.4), 0.6) * (0.8 + 0.05 * k), n_of(k * 0.35))
    hum = 0.03 * osc(60, n) * np.linspace(1, 0, n)  # PA line hum
    return finish(x + hum, fade_out=0.3)


def phone_ring() -> np.ndarray:
    n = n_of(3.0)
    x = np.zeros(n)
    for start in (0.1, 1.1):
        m = n_of(0.8)
        trill = osc(np.where(osc(20, m, "square") > 0, 1400.0, 1800.0), m, "tri")
        mix_at(x, trill * env_adsr(m, 0.01, 0.1, 1.0, 0.02), n_of(start))
    return finish(band(x, 300, 5000), loop=True)


def car_alarm() -> np.ndarray:
    n = n_of(4.0)
    t = t_of(n)
    sweep = 1150 + 450 * np.sin(2 * np.pi * 2.0 * t)  # 8 whole sweeps per loop
    x = loopable_osc(sweep, "square", phase0=0.25)
    gate = 0.85 + 0.15 * np.sign(np.sin(2 * np.pi * 8.0 * t + 0.5))
    return finish(band(x * gate, 300, 4000), loop=True)


def alarm_clock() -> np.ndarray:
    """A wind-up alarm clock: a hammer rattling between two bells, 16 strikes a second."""
    n = n_of(2.0)
    x = np.zeros(n)
    strike = n_of(1.0 / 16)
    for k in range(n // strike):
        f = 1850.0 if k % 2 == 0 else 2120.0
        mix_at(x, bell(f, n_of(0.25), 0.08), k * strike, wrap=True)
    return finish(band(x, 600, 7000), loop=True)


def trolley_rattle() -> np.ndarray:
    """Steel trolley casters and a loose shelf clattering: uneven metal ticks over a rumble."""
    rng = _rng(19)
    n = n_of(0.45)
    x = 0.4 * band(noise(rng, n), 80, 400) * env_adsr(n, 0.02, 0.1, 0.7, 0.15)
    t = 0.0
    while t < 0.38:
        m = n_of(0.06)
        tick = band(noise(rng, m), 2500, 7000) * env_ad(m, 0.0005, 0.012)
        ring = osc(rng.uniform(900, 1600), m) * env_ad(m, 0.001, 0.02)
        mix_at(x, rng.uniform(0.5, 1.0) * (tick + 0.5 * ring), n_of(t))
        t += rng.uniform(0.025, 0.06)
    return finish(x)


def drone_hum() -> np.ndarray:
    rng = _rng(18)
    n = n_of(4.0)
    t = t_of(n)
    x = np.zeros(n)
    for f, g in ((140.0, 1.0), (141.5, 0.8), (280.0, 0.5), (420.25, 0.3), (560.0, 0.2), (1120.0, 0.08)):
        # every partial completes whole cycles in 4 s; random start phases keep the saw
        # resets from lining up at the loop point
        x += g * osc(f, n, "saw", phase0=float(rng.random()))
    x *= 1.0 + 0.1 * np.sin(2 * np.pi * 3.0 * t)
    x = band(x, 60, 2500) + 0.25 * band(noise(rng, n), 1500, 6000)
    return finish(x, loop=True)


def ui_click() -> np.ndarray:
    n = n_of(0.04)
    return finish(osc(2200, n, "tri") * env_ad(n, 0.0005, 0.008), fade_out=0.005)


def ui_confirm() -> np.ndarray:
    n = n_of(0.22)
    x = np.zeros(n)
    for k, f in enumerate((880.0, 1318.5)):
        m = n_of(0.12)
        mix_at(x, osc(f, m, "tri") * env_ad(m, 0.002, 0.05), n_of(k * 0.07))
    return finish(x, fade_out=0.01)


# name -> (maker, loop, default volume, category)
def catalogue() -> dict[str, tuple]:
    c: dict[str, tuple] = {}
    for i in range(4):
        c[f"step.walk.{i}"] = (lambda i=i: step(100 + i, "walk"), False, 0.45, "sfx")
    for i in range(3):
        c[f"step.sprint.{i}"] = (lambda i=i: step(200 + i, "sprint"), False, 0.6, "sfx")
        c[f"step.splash.{i}"] = (lambda i=i: step(300 + i, "splash"), False, 0.6, "sfx")
    c["hit.melee"] = (melee_hit, False, 0.8, "sfx")
    c["shove"] = (shove, False, 0.7, "sfx")
    c["bow.twang"] = (bow_twang, False, 0.6, "sfx")
    c["spray.hiss"] = (spray_hiss, False, 0.7, "sfx")
    c["sing.phrase"] = (sing_phrase, False, 0.8, "voice")
    c["door.bang"] = (door_bang, False, 0.9, "sfx")
    c["door.break"] = (door_break, False, 1.0, "sfx")
    c["glass.break"] = (glass_break, False, 0.9, "sfx")
    for i in range(5):
        c[f"zombie.groan.{i}"] = (lambda i=i: groan(400 + i), False, 0.5, "sfx")
    for i in range(2):
        c[f"zombie.screech.{i}"] = (lambda i=i: screech(500 + i), False, 0.7, "sfx")
        c[f"scream.{i}"] = (lambda i=i: scream(600 + i), False, 0.8, "voice")
        c[f"thunder.{i}"] = (lambda i=i: thunder(700 + i), False, 1.0, "sfx")
    c["bite"] = (bite, False, 0.8, "sfx")
    c["rain.loop"] = (rain_loop, True, 0.5, "sfx")
    c["pa.chime"] = (pa_chime, False, 0.9, "voice")
    c["pa.tone"] = (pa_tone, False, 0.9, "voice")
    c["phone.ring"] = (phone_ring, True, 0.7, "sfx")
    c["car.alarm"] = (car_alarm, True, 0.8, "sfx")
    c["drone.hum"] = (drone_hum, True, 0.6, "sfx")
    c["alarm.clock"] = (alarm_clock, True, 0.7, "sfx")
    c["trolley.rattle"] = (trolley_rattle, False, 0.6, "sfx")
    c["ui.click"] = (ui_click, False, 0.5, "sfx")
    c["ui.confirm"] = (ui_confirm, False, 0.6, "sfx")
    c["music.calm"] = (music.calm, True, 0.6, "music")
    c["music.hunted"] = (music.hunted, True, 0.6, "music")
    return c


def build() -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    manifest = {"sample_rate": SR, "sounds": {}}
    for name, (make, loop, vol, cat) in catalogue().items():
        fname = f"{name}.wav"
        out[f"audio/{fname}"] = wav_bytes(make())
        manifest["sounds"][name] = {"file": fname, "loop": loop, "volume": vol, "category": cat}
    if "music.calm" in manifest["sounds"]:
        manifest["music"] = {"bpm": music.BPM, "key": music.KEY, "bars": music.BARS}
    out["audio/sounds.json"] = (json.dumps(manifest, sort_keys=True, indent=2) + "\n").encode("ascii")
    return out
