"""The scene stack and the screens: title, level select, play, pause, results."""
