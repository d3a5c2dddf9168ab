"""Two music loops in D minor at 96 BPM, 8 bars each (exactly 20 s), made to cross-fade:
"calm" (dark pad, soft pulse, sparse bells) and "hunted" (drums, bass ostinato, tremolo saw strings).

Notes are rendered into a circular buffer: tails that run past the end wrap to the start,
so the loop point is seamless.
"""

from __future__ import annotations

import numpy as np

from .audio_synth import (
    SR,
    band,
    env_ad,
    env_adsr,
    finish,
    mix_at,
    mtof,
    n_of,
    noise,
    osc,
)

BPM = 96
KEY = "D minor"
BARS = 8
BEAT = 60.0 / BPM
LENGTH = round(BARS * 4 * BEAT * SR)  # 441000 samples = 20 s
# two bars per chord: Dm, Bb, Gm, A (harmonic minor dominant)
CHORDS = [(50, 53, 57), (46, 50, 53), (43, 46, 50), (45, 49, 52)]


def _at(beats: float) -> int:
    return round(beats * BEAT * SR)


def _pad(buf: np.ndarray, rng: np.random.Generator, octave: int, attack: float, release: float, gain: float,
         detune: float = 0.006) -> None:
    for ci, chord in enumerate(CHORDS):
        start = _at(ci * 8)
        dur = 8 * BEAT + release
        n = n_of(dur)
        env = env_adsr(n, attack, 1.0, 0.8, release)
        for note in chord:
            f = mtof(note + 12 * octave)
            for d in (-detune, 0.0, detune):
                mix_at(buf, gain * osc(f * (1 + d), n, "saw", phase0=float(rng.random())) * env, start, wrap=True)


def calm() -> np.ndarray:
    rng = np.random.default_rng(9001)
    pad = np.zeros(LENGTH)
    _pad(pad, rng, 1, 1.6, 1.8, 0.18)
    pad = band(pad, 60, 700)
    pulse = np.zeros(LENGTH)
    for beat in range(BARS * 4):
        root = CHORDS[beat // 8][0] - 12
        m = n_of(0.5)
        g = 0.9 if beat % 4 == 0 else 0.55
        mix_at(pulse, g * osc(mtof(root), m, "tri") * env_ad(m, 0.004, 0.16), _at(beat), wrap=True)
        if beat % 4 == 0:  # heartbeat double thump
            m2 = n_of(0.25)
            thump = osc(np.geomspace(90, 45, m2), m2) * env_ad(m2, 0.002, 0.06)
            mix_at(pulse, 0.7 * thump, _at(beat), wrap=True)
            mix_at(pulse, 0.45 * thump, _at(beat + 0.4), wrap=True)
    bells = np.zeros(LENGTH)
    scale = [62, 65, 67, 69, 72, 74]  # D minor pentatonic
    for _k in range(7):
        beat = float(rng.integers(0, BARS * 4 * 2)) / 2
        note = scale[int(rng.integers(0, len(scale)))] + 12
        m = n_of(2.0)
        f = mtof(note)
        tone = osc(f, m) * env_ad(m, 0.003, 0.7) + 0.3 * osc(f * 2.0, m) * env_ad(m, 0.003, 0.3)
        mix_at(bells, 0.22 * tone, _at(beat), wrap=True)
    wind = band(noise(rng, LENGTH), 200, 900) * 0.05
    return finish(pad + 0.5 * pulse + bells + wind, loop=True)


def hunted() -> np.ndarray:
    rng = np.random.default_rng(9002)
    strings = np.zeros(LENGTH)
    _pad(strings, rng, 1, 0.3, 0.4, 0.16, detune=0.008)
    _pad(strings, rng, 2, 0.3, 0.4, 0.07, detune=0.01)
    t = np.arange(LENGTH) / SR
    tremolo = 0.6 + 0.4 * (0.5 + 0.5 * np.cos(2 * np.pi * t / (BEAT / 4)))  # 16th notes, phase-locked
    strings = band(strings * tremolo, 80, 2600)
    drums = np.zeros(LENGTH)
    kick_n = n_of(0.3)
    kick = osc(np.geomspace(160, 42, kick_n), kick_n) * env_ad(kick_n, 0.001, 0.11)
    snare_n = n_of(0.25)
    snare = band(noise(rng, snare_n), 900, 7000) * env_ad(snare_n, 0.001, 0.06) + 0.5 * osc(190, snare_n) * env_ad(snare_n, 0.001, 0.04)
    hat_n = n_of(0.05)
    hat = band(noise(rng, hat_n), 6000, 10500) * env_ad(hat_n, 0.0005, 0.012)
    for beat in range(BARS * 4):
        mix_at(drums, kick, _at(beat), wrap=True)
        if beat % 4 in (1, 3):
            mix_at(drums, 0.8 * snare, _at(beat), wrap=True)
        if beat % 8 == 7:
            mix_at(drums, 0.6 * kick, _at(beat + 0.5), wrap=True)
        for s in range(4):
            mix_at(drums, (0.35 if s % 2 == 0 else 0.18) * hat, _at(beat + s / 4), wrap=True)
    for k, b in enumerate((30.0, 30.5, 31.0, 31.5)):  # tom fill into the loop point
        m = n_of(0.3)
        mix_at(drums, 0.7 * osc(np.geomspace(220 - k * 30, 90 - k * 10, m), m) * env_ad(m, 0.001, 0.12), _at(b), wrap=True)
    bass = np.zeros(LENGTH)
    pattern = (0, 0, 12, 0, 0, 12, 0, 7)
    for eighth in range(BARS * 8):
        root = CHORDS[eighth // 16][0] - 12
        m = n_of(BEAT / 2 * 0.95)
        note = root + pattern[eighth % 8]
        mix_at(bass, osc(mtof(note), m, "saw") * env_adsr(m, 0.003, 0.08, 0.6, 0.02), _at(eighth / 2), wrap=True)
    bass = band(bass, 40, 600)
    mix = 0.9 * strings + drums * 0.9 + 0.55 * bass
    mix = np.tanh(2.0 * mix / np.max(np.abs(mix)))  # glue + loudness close to "calm" for cross-fades
    return finish(mix, loop=True)
