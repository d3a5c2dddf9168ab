"""The player's settings survive: round trips, atomic writes, and a corrupt file set aside."""

from __future__ import annotations

from pathlib import Path

from hyosan import settings as st


def test_first_start_writes_defaults_and_round_trips(tmp_path: Path) -> None:
    s, msg = st.load(tmp_path)
    assert msg == "" and (tmp_path / "settings.toml").exists()
    assert "version = 1" in (tmp_path / "settings.toml").read_text()
    s.music_volume = 0.25
    s.screen_shake = False
    s.difficulty = "hard"
    s.bindings["melee"] = ["j", "space"]
    st.save(s, tmp_path)
    again, msg = st.load(tmp_path)
    assert msg == "" and again == s


def test_atomic_write_leaves_no_temp_file(tmp_path: Path) -> None:
    st.save(st.Settings(), tmp_path)
    st.save(st.Settings(master_volume=0.1), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.toml"]


def test_corrupt_file_is_set_aside_defaults_used_and_said_once(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text("version = 1\nmaster_volume = [oops\n")
    s, msg = st.load(tmp_path)
    assert s == st.Settings()
    assert "settings.toml.corrupt" in msg
    assert (tmp_path / "settings.toml.corrupt").read_text().startswith("version = 1\nmaster_volume = [oops")
    _, msg2 = st.load(tmp_path)  # the fresh defaults now load cleanly: no second message
    assert msg2 == ""


def test_wrong_types_and_versions_count_as_corrupt(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text('version = 1\nfullscreen = "yes"\n')
    assert st.load(tmp_path)[1]
    (tmp_path / "settings.toml").write_text("version = 99\n")
    assert st.load(tmp_path)[1]


def test_an_action_added_since_the_file_leaves_the_keys_the_player_moved_alone(tmp_path: Path) -> None:
    """G (one friend's order) came after settings files in which a player may have put G on
    "throw": that G stays a throw alone, and the new action waits unbound for the settings
    screen. A file that never moved G gets it for the new action."""
    import pygame

    from hyosan.control.keymap import DEFAULT_KEYS, keys_from_names

    old = {a: list(k) for a, k in st.DEFAULT_BINDINGS.items() if a != "friend"}
    old["throw"] = ["g"]
    (tmp_path / st.FILE_NAME).write_text("version = 1\n[bindings]\n" + "".join(
        f'"{a}" = {k!r}\n'.replace("'", '"') for a, k in old.items()))
    prefs, msg = st.load(tmp_path)
    assert msg == "" and prefs.bindings["throw"] == ["g"] and prefs.bindings["friend"] == []
    pygame.init()
    keys = keys_from_names(prefs.bindings)
    assert keys["throw"] == (pygame.K_g,) and keys["friend"] == ()
    assert keys_from_names({"friend": ["no such key"]})["friend"] == DEFAULT_KEYS["friend"]  # a typo keeps the default
    old["throw"] = ["q"]
    (tmp_path / st.FILE_NAME).write_text("version = 1\n[bindings]\n" + "".join(
        f'"{a}" = {k!r}\n'.replace("'", '"') for a, k in old.items()))
    assert st.load(tmp_path)[0].bindings["friend"] == ["g"]
