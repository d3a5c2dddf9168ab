"""The asset generator is deterministic, --check works, and the committed assets are sane."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from hyosan.assetgen import __main__ as cli
from hyosan.assetgen.build import build_all, build_sprites

REPO = Path(__file__).resolve().parents[2]
ASSETS = REPO / "assets"
SR = 22050


@pytest.fixture(scope="module")
def made() -> dict[str, bytes]:
    return build_all()


def test_generation_is_deterministic(tmp_path, made):
    a, b = tmp_path / "a", tmp_path / "b"
    cli.write(a, made)
    cli.write(b, build_all())
    files_a = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_assetgen_does_not_import_pygame():
    code = "import sys, hyosan.assetgen.build as b; b.build_sprites(); print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(REPO)})
    assert out.stdout.strip() == "False"


def test_check_passes_on_committed_tree(made):
    assert cli.check(ASSETS, made) == []


def test_check_cli_fails_after_modification(tmp_path):
    copy = tmp_path / "assets"
    shutil.copytree(ASSETS, copy)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    assert cli.main(["--check", "--out", str(copy)]) == 0
    wav = copy / "audio" / "ui.click.wav"
    data = bytearray(wav.read_bytes())
    data[-10] ^= 0xFF
    wav.write_bytes(bytes(data))
    (copy / "sprites" / "stray.png").write_bytes(b"x")
    bad = subprocess.run([sys.executable, "-m", "hyosan.assetgen", "--check", "--out", str(copy)],
                         check=False, cwd=REPO, capture_output=True, text=True, env=env)
    assert bad.returncode == 1
    assert "audio/ui.click.wav" in bad.stdout
    assert "sprites/stray.png" in bad.stdout


def _atlas() -> dict:
    return json.loads((ASSETS / "sprites" / "atlas.json").read_text())


def test_atlas_json_is_canonical():
    raw = (ASSETS / "sprites" / "atlas.json").read_text()
    assert raw.endswith("\n")
    assert raw == json.dumps(json.loads(raw), sort_keys=True, indent=2) + "\n"


def test_pngs_decode_with_declared_size():
    import pygame

    meta = _atlas()
    for name, info in meta["sheets"].items():
        surf = pygame.image.load(str(ASSETS / "sprites" / info["file"]))
        assert surf.get_size() == (info["w"], info["h"]), name


def test_atlas_entries_inside_sheets():
    meta = _atlas()
    sheets = meta["sheets"]
    for name, e in meta["frames"].items():
        s = sheets[e["sheet"]]
        assert e["w"] > 0 and e["h"] > 0, name
        assert 0 <= e["x"] and e["x"] + e["w"] <= s["w"], name
        assert 0 <= e["y"] and e["y"] + e["h"] <= s["h"], name
    for name, a in meta["anims"].items():
        for facing, frames in a["frames"].items():
            assert facing in ("down", "up", "left", "right", "any"), name
            assert frames and all(f in meta["frames"] for f in frames), name


def test_expected_names_exist():
    meta = _atlas()
    for who in ("on-jo", "cheong-san", "su-hyeok", "nam-ra", "dae-su", "ha-ri", "joon-yeong", "mi-jin",
                "woo-jin", "gyeong-su", "na-yeon", "so-ju"):
        frames = meta["anims"][f"student.{who}.walk"]["frames"]
        assert sorted(frames) == ["down", "left", "right", "up"] and all(len(v) == 4 for v in frames.values())
    zombies = {n.split(".")[1] for n in meta["anims"] if n.startswith("zombie.")}
    assert len(zombies) >= 4
    for z in zombies:
        assert f"zombie.{z}.shamble" in meta["anims"] and f"zombie.{z}.sprint" in meta["anims"]
    for n in ("prop.desk", "prop.teacher-desk", "prop.locker", "prop.chair", "prop.trolley", "prop.pipe",
              "prop.plank", "prop.crane-load", "prop.door.closed", "prop.door.open", "prop.door.broken",
              "tile.classroom.floor.0", "ui.logo", "ui.panel", "light.cone.64"):
        assert n in meta["frames"], n
    T = meta["tile_size"]
    sizes = {"prop.desk": (2, 1), "prop.teacher-desk": (3, 2), "prop.locker": (1, 2), "prop.chair": (1, 1),
             "prop.trolley": (3, 1), "prop.car.red": (2, 4), "prop.pipe": (1, 4), "prop.plank": (4, 1),
             "prop.crane-load": (2, 2)}
    for n, (w, h) in sizes.items():
        assert (meta["frames"][n]["w"], meta["frames"][n]["h"]) == (w * T, h * T), n


def _sounds() -> dict:
    return json.loads((ASSETS / "audio" / "sounds.json").read_text())


def _read(path: Path) -> np.ndarray:
    with wave.open(str(path)) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, SR)
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64) / 32768.0


def test_wavs_levels_fades_and_loops():
    meta = _sounds()["sounds"]
    edge = int(0.005 * SR)
    for name, e in meta.items():
        assert e["category"] in ("sfx", "music", "voice"), name
        assert 0.0 < e["volume"] <= 1.0, name
        x = _read(ASSETS / "audio" / e["file"])
        assert len(x) > 2 * edge, name
        peak = np.max(np.abs(x))
        assert 0.1 < peak <= 0.9, (name, peak)
        if e["loop"]:
            step = np.percentile(np.abs(np.diff(x)), 99)
            assert abs(x[-1] - x[0]) <= max(step, 0.02), (name, x[0], x[-1], step)
        else:
            assert np.max(np.abs(x[:edge])) < 0.01, name
            assert np.max(np.abs(x[-edge:])) < 0.01, name


def test_music_loops_equal_length():
    meta = _sounds()["sounds"]
    music = [n for n, e in meta.items() if e["category"] == "music"]
    assert len(music) >= 2
    lengths = {len(_read(ASSETS / "audio" / meta[n]["file"])) for n in music}
    assert len(lengths) == 1
    assert 16 * SR <= lengths.pop() <= 32 * SR


def test_total_size_budget():
    total = sum(p.stat().st_size for p in ASSETS.rglob("*") if p.is_file())
    assert total < 12_000_000


def test_render_atlas_loads_frames_and_anims():
    import pygame

    from hyosan.render.atlas import Atlas

    pygame.init()
    try:
        atlas = Atlas()
        assert atlas.frame("prop.desk").get_size() == (32, 16)
        s = atlas.anim("student.on-jo.walk", "left", 5)
        assert s.get_size() == (16, 16)
        assert atlas.anim("fx.splash", "down", 99).get_size() == (16, 16)  # "any" facing, clamped
        big = atlas.scaled("zombie.teacher.sprint.up.2", 3)
        assert big.get_size() == (48, 48)
        assert atlas.scaled("zombie.teacher.sprint.up.2", 3) is big
    finally:
        pygame.quit()


def test_sprite_sheets_build_without_audio():
    out = build_sprites()
    assert "sprites/atlas.json" in out and all(k.startswith("sprites/") for k in out)
