"""The first level played with a build compiles the simulation's kernels before play, once."""

from __future__ import annotations

import pygame

from hyosan.playtest import rehearsal
from hyosan.scenes import screens
from hyosan.scenes.screens import PlayScene
from hyosan.scenes.stack import SceneStack
from hyosan.sim.horde import kernels, spatial_hash
from tests.helpers import sandbox


def test_rehearsal_runs_the_kernels_and_is_needed_once(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HYOSAN_CACHE_DIR", str(tmp_path))
    assert rehearsal.needed()
    rehearsal.rehearse(sandbox())
    assert not rehearsal.needed() and rehearsal.marker_path().parent == tmp_path
    # the level's and the crowd's ticks ran the horde's kernels (compiled, or loaded from numba's cache)
    # (a kernel called once is numba's dispatcher in its module; one never called, the stand-in)
    for k in (kernels.steer_and_separate, kernels.crowd_around, kernels.squad_bites_into, kernels.steer_begin,
              spatial_hash._in_rect):
        assert getattr(k, "dispatcher", lambda k=k: k)().signatures, k.__name__


def test_the_marker_names_the_build(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HYOSAN_CACHE_DIR", str(tmp_path))
    first = rehearsal.marker_path()
    monkeypatch.setattr(rehearsal, "__version__", "0.0.0-other")
    assert rehearsal.marker_path() != first and rehearsal.marker_path().parent == first.parent


def test_play_says_it_is_preparing_then_plays(screen, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HYOSAN_CACHE_DIR", str(tmp_path))
    shown: list[str] = []
    real_text = screens.text

    def spy(surface, s, *args, **kwargs):
        shown.append(s)
        return real_text(surface, s, *args, **kwargs)

    monkeypatch.setattr(screens, "text", spy)
    stack = SceneStack(PlayScene("sandbox/first-steps", sandbox()))
    assert "Preparing the horde for this machine" in shown and not rehearsal.needed()
    shown.clear()
    stack.update(1 / 60)
    assert stack.top.world.tick == 1
    SceneStack(PlayScene("sandbox/first-steps", sandbox()))  # the second level: no preparing
    assert "Preparing the horde for this machine" not in shown


def test_a_failed_rehearsal_still_plays(screen, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("HYOSAN_CACHE_DIR", str(tmp_path))

    def broken(*_args, **_kwargs):
        raise RuntimeError("no compiler here")

    monkeypatch.setattr(rehearsal, "rehearse", broken)
    stack = SceneStack(PlayScene("sandbox/first-steps", sandbox()))
    stack.update(1 / 60)
    assert stack.top.world.tick == 1
    assert "preparing the simulation failed (RuntimeError: no compiler here); playing on" in capsys.readouterr().err
    assert pygame.display.get_surface() is not None
