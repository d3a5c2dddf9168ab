"""Sound synthesis primitives on float64 numpy arrays (mono, 22050 Hz) and WAV writing."""

from __future__ import annotations

import io
import wave

import numpy as np

SR = 22050
PEAK = 0.85  # about -1.4 dBFS
# Loudness ceiling: the RMS over the loudest LOUD_WINDOW_S of a sound, in dBFS. Peak
# normalisation alone made dense sounds (a square-wave car alarm, a phone trill, a screech)
# 10-13 dB louder than everything else; above this ceiling a sound is turned down to it.
LOUD_CEILING_DB = -12.0
LOUD_WINDOW_S = 0.4
EDGE_S = 0.005  # silence kept at both ends of one-shots


def n_of(seconds: float) -> int:
    return round(seconds * SR)


def t_of(n: int) -> np.ndarray:
    return np.arange(n) / SR


def noise(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.uniform(-1.0, 1.0, n)


def band(x: np.ndarray, lo: float = 0.0, hi: float = SR / 2, soft: float = 0.15) -> np.ndarray:
    """Band-pass by FFT mask (circular: a periodic input stays periodic) with soft edges."""
    spec = np.fft.rfft(x)
    f = np.fft.rfftfreq(len(x), 1.0 / SR)
    m = np.ones_like(f)
    if lo > 0:
        m *= 1.0 / (1.0 + (lo / np.maximum(f, 1e-3)) ** (2.0 / soft * 0.5))
    if hi < SR / 2:
        m *= 1.0 / (1.0 + (f / hi) ** (2.0 / soft * 0.5))
    return np.fft.irfft(spec * m, len(x))


def formant(x: np.ndarray, centres: list[tuple[float, float, float]]) -> np.ndarray:
    """Sum of resonant peaks (freq, bandwidth, gain) applied by FFT, for voices."""
    spec = np.fft.rfft(x)
    f = np.fft.rfftfreq(len(x), 1.0 / SR)
    m = np.zeros_like(f)
    for fc, bw, g in centres:
        m += g / (1.0 + ((f - fc) / (bw / 2)) ** 2)
    return np.fft.irfft(spec * m, len(x))


def osc(freq, n: int, shape: str = "sine", phase0: float = 0.0) -> np.ndarray:
    """Oscillator with a constant or per-sample frequency (Hz)."""
    f = np.broadcast_to(np.asarray(freq, dtype=np.float64), (n,))
    ph = phase0 + np.cumsum(f) / SR
    ph -= f[0] / SR  # start exactly at phase0
    p = ph % 1.0
    if shape == "sine":
        return np.sin(2 * np.pi * p)
    if shape == "saw":
        return 2.0 * p - 1.0
    if shape == "square":
        return np.where(p < 0.5, 1.0, -1.0)
    if shape == "tri":
        return 1.0 - 4.0 * np.abs(p - 0.5)
    raise ValueError(shape)


def env_ad(n: int, attack: float, decay: float) -> np.ndarray:
    """Linear attack (s) then exponential decay with time constant decay (s)."""
    t = t_of(n)
    a = np.clip(t / max(attack, 1e-6), 0.0, 1.0)
    d = np.exp(-np.maximum(t - attack, 0.0) / decay)
    return a * d


def env_adsr(n: int, a: float, d: float, s: float, r: float) -> np.ndarray:
    t = t_of(n)
    dur = n / SR
    e = np.where(t < a, t / max(a, 1e-6), s + (1 - s) * np.exp(-(t - a) / max(d, 1e-6)))
    rel = np.clip((dur - t) / max(r, 1e-6), 0.0, 1.0)
    return e * rel


def mix_at(buf: np.ndarray, sig: np.ndarray, start: int, wrap: bool = False) -> None:
    """Add sig into buf at start; with wrap, what runs past the end continues at the start."""
    n = len(buf)
    if wrap:
        idx = (start + np.arange(len(sig))) % n
        np.add.at(buf, idx, sig)
        return
    end = min(n, start + len(sig))
    if end > start >= 0:
        buf[start:end] += sig[:end - start]


def mtof(m: float) -> float:
    return 440.0 * 2.0 ** ((m - 69) / 12.0)


def loudness_db(x: np.ndarray, loop: bool = False) -> float:
    """RMS (dBFS) over the loudest ``LOUD_WINDOW_S`` window: how loud a sound is heard."""
    win = max(1, min(len(x), n_of(LOUD_WINDOW_S)))
    power = np.asarray(x, dtype=np.float64) ** 2
    if loop:  # a loop's window may run round its end
        power = np.concatenate([power, power[: win - 1]])
    sums = np.convolve(power, np.ones(win), "valid") / win
    return 10.0 * float(np.log10(max(float(sums.max()), 1e-20)))


def finish(x: np.ndarray, loop: bool = False, peak: float = PEAK, fade_in: float = 0.003,
           fade_out: float = 0.02) -> np.ndarray:
    """Remove DC, normalise to peak, then turn down to the loudness ceiling if above it;
    one-shots get short fades and 5 ms of silence each end."""
    x = np.asarray(x, dtype=np.float64)
    x = x - x.mean()
    if not loop:
        n = len(x)
        fi, fo = max(1, n_of(fade_in)), max(1, n_of(fade_out))
        shape = np.ones(n)
        shape[:fi] = np.linspace(0.0, 1.0, fi) ** 2
        shape[n - fo:] = np.linspace(1.0, 0.0, fo) ** 2
        x *= shape
        # the fades moved the mean off zero again (a short thump is mostly one-sided): take it
        # out in the fades' own shape, so the ends stay at exactly zero
        x -= shape * (x.sum() / shape.sum())
        pad = np.zeros(n_of(EDGE_S))
        x = np.concatenate([pad, x, pad])
    m = float(np.max(np.abs(x)))
    if m > 0:
        x = x * (peak / m)
        over = loudness_db(x, loop) - LOUD_CEILING_DB
        if over > 0:
            x = x * 10.0 ** (-over / 20.0)
    return x


def wav_bytes(x: np.ndarray) -> bytes:
    pcm = np.clip(np.round(x * 32767.0), -32767, 32767).astype("<i2")
    bio = io.BytesIO()
    with wave.open(bio, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SR)
        w.writeframes(pcm.tobytes())
    return bio.getvalue()


def loopable_osc(freq_curve: np.ndarray, shape: str = "sine", phase0: float = 0.0) -> np.ndarray:
    """Oscillator over a whole loop, frequency nudged so it completes whole cycles (seamless)."""
    cycles = float(np.sum(freq_curve)) / SR
    target = max(1.0, round(cycles))
    f = freq_curve * (target / cycles)
    ph = phase0 + (np.cumsum(f) - f[0]) / SR
    p = ph % 1.0
    if shape == "sine":
        return np.sin(2 * np.pi * p)
    if shape == "square":
        return np.where(p < 0.5, 1.0, -1.0)
    if shape == "saw":
        return 2.0 * p - 1.0
    return 1.0 - 4.0 * np.abs(p - 0.5)
