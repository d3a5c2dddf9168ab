"""Test setup: no display and no audio device, ever (CI has neither)."""

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

# Settings go to a throwaway folder: tests must never touch the player's real config.
if "HYOSAN_CONFIG_DIR" not in os.environ:
    import tempfile

    os.environ["HYOSAN_CONFIG_DIR"] = tempfile.mkdtemp(prefix="hyosan-test-config-")
# Progress too: tests must never write the player's real progress.toml.
if "HYOSAN_DATA_DIR" not in os.environ:
    import tempfile

    os.environ["HYOSAN_DATA_DIR"] = tempfile.mkdtemp(prefix="hyosan-test-data-")

# And the marker that the kernels were compiled (playtest.rehearsal): once per test session.
if "HYOSAN_CACHE_DIR" not in os.environ:
    import tempfile

    os.environ["HYOSAN_CACHE_DIR"] = tempfile.mkdtemp(prefix="hyosan-test-cache-")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _no_real_user_packs(tmp_path_factory, monkeypatch):
    """Tests never see the player's own packs folder, and each starts with no saved progress
    (one test's best times must not change what another's level select or results show)."""
    from hyosan.content import discovery

    monkeypatch.setenv("HYOSAN_DATA_DIR", str(tmp_path_factory.mktemp("progress")))
    folder = tmp_path_factory.mktemp("user-data") / "packs"
    monkeypatch.setattr(discovery, "user_packs_dir", lambda: folder)
    return folder
