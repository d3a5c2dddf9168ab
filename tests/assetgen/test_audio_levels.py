"""The committed sounds, measured: none clips, none carries DC, one-shots start and end on
silence, loops join without a click or a jump in level, and nothing is far louder than the rest."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import numpy as np
import pytest

from hyosan.assetgen.audio_synth import LOUD_CEILING_DB, SR, loudness_db

AUDIO = Path(__file__).resolve().parents[2] / "assets" / "audio"
MANIFEST = json.loads((AUDIO / "sounds.json").read_text())["sounds"]


def samples(name: str) -> np.ndarray:
    with wave.open(str(AUDIO / MANIFEST[name]["file"])) as w:
        assert w.getframerate() == SR and w.getsampwidth() == 2 and w.getnchannels() == 1
        return np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float64) / 32768.0


def rms_db(x: np.ndarray) -> float:
    return 10.0 * float(np.log10(np.mean(x ** 2) + 1e-20))


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_no_clipping_no_dc_and_clean_ends(name: str) -> None:
    x = samples(name)
    assert np.max(np.abs(x)) < 0.9, "at or near full scale"
    assert abs(float(x.mean())) < 0.001, "DC offset"
    if MANIFEST[name]["loop"]:
        # the jump from the last sample back to the first is no bigger than an ordinary step
        step = np.abs(np.diff(x))
        assert abs(x[-1] - x[0]) <= np.percentile(step, 99) + 1e-4, "click at the loop point"
        edge = round(0.05 * SR)  # and the level does not jump across the join either
        assert abs(rms_db(x[-edge:]) - rms_db(x[:edge])) < 6.0, "level jump at the loop point"
    else:
        assert x[0] == 0.0 and x[-1] == 0.0, "a one-shot must start and end on silence"


def test_loudness_is_balanced() -> None:
    heard = {name: loudness_db(samples(name), m["loop"]) + 20 * np.log10(m["volume"]) for name, m in MANIFEST.items()}
    for name, m in MANIFEST.items():
        assert loudness_db(samples(name), m["loop"]) <= LOUD_CEILING_DB + 0.1, f"{name} above the ceiling"
    median = float(np.median(list(heard.values())))
    loudest = max(heard, key=heard.get)
    quietest = min(heard, key=heard.get)
    assert heard[loudest] - median < 8.0, f"{loudest} is far louder than the rest"
    assert median - heard[quietest] < 8.0, f"{quietest} is far quieter than the rest"


def test_the_music_loops_match_in_loudness_for_the_cross_fade() -> None:
    calm, hunted = samples("music.calm"), samples("music.hunted")
    assert abs(loudness_db(calm, True) - loudness_db(hunted, True)) < 1.5
    assert len(calm) == len(hunted)  # same length: the cross-fade keeps them in step
