"""The settings screen (from the title and the pause menu): keyboard, mouse or pad; left/right
change a value, Enter on a key binding then a key remaps it, Enter on a pad binding then a pad
button remaps that, Back saves."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from .. import settings as st
from ..control.gamepad import PadState
from ..control.gamepad import label as pad_label
from . import window
from .chrome import MenuChrome
from .stack import Pop, Scene, Transition
from .ui import ACCENT, DIM, INK, text


@dataclass
class Row:
    """One line: a label, how to show its value, and how to change it (step -1/+1)."""

    label: str
    show: Callable[[], str]
    change: Callable[[int], None] | None = None
    action: str = ""  # a key binding's action name; Enter waits for a new key
    pad: bool = False  # the binding is a pad button's (Enter waits for a pad button)


def view_words(zoom: object) -> str:
    """A view zoom as the settings screen shows it."""
    return f"near ({zoom:g}x)" if zoom == st.VIEW_ZOOMS[0] else f"far ({zoom:g}x)"


def _key_name(name: str) -> str:
    return name.upper() if len(name) == 1 else name


class SettingsScene(Scene):
    """Edit the player's settings; saved atomically on Back."""

    def __init__(self, on_saved: Callable[[st.Settings], None] | None = None) -> None:
        self.settings, _ = st.load()
        self.on_saved = on_saved
        self.index = 0
        self.scroll = 0
        self.waiting_for: str = ""  # action being remapped
        self.waiting_pad = False  # ...to a pad button rather than a key
        self.pad_state = PadState()  # tells a trigger pulled past half way from a twitch
        self.rects: list[pygame.Rect] = []
        s = self.settings

        def volume(attr: str) -> Row:
            def change(d: int) -> None:
                setattr(s, attr, round(min(1.0, max(0.0, getattr(s, attr) + 0.1 * d)), 2))
            return Row(attr.replace("_", " ").capitalize(), lambda: f"{int(round(getattr(s, attr) * 100))}%", change)

        def toggle(attr: str, label: str) -> Row:
            def change(_d: int) -> None:
                setattr(s, attr, not getattr(s, attr))
            return Row(label, lambda: "on" if getattr(s, attr) else "off", change)

        def cycle(attr: str, label: str, options: tuple, fmt: Callable[[object], str] = str) -> Row:
            def change(d: int) -> None:
                cur = getattr(s, attr)
                i = options.index(cur) if cur in options else 0
                setattr(s, attr, options[(i + d) % len(options)])
            return Row(label, lambda: fmt(getattr(s, attr)), change)

        self.rows: list[Row] = [
            volume("master_volume"), volume("music_volume"), volume("effects_volume"), volume("voice_volume"),
            self._now(toggle("fullscreen", "Fullscreen")),
            self._now(cycle("window_scale", "Window scale", st.WINDOW_SCALES, lambda v: f"{v:g}x")),
            toggle("screen_shake", "Screen shake"), toggle("flash_reduction", "Flash reduction"),
            toggle("captions", "Captions"), toggle("objective_arrow", "Objective arrow"),
            cycle("view_zoom", "View", st.VIEW_ZOOMS, view_words),
            cycle("difficulty", "Difficulty", st.DIFFICULTIES),
            toggle("record_replays", "Record replays"),
        ]
        for action in st.DEFAULT_BINDINGS:
            self.rows.append(Row(f"Key: {action}", lambda a=action: " / ".join(_key_name(k) for k in s.bindings[a]), None, action))
        for action in st.DEFAULT_PAD_BINDINGS:
            self.rows.append(Row(f"Pad: {action}", lambda a=action: " / ".join(pad_label(b) for b in s.pad_bindings[a]),
                                 None, action, pad=True))
        self.rows.append(Row("Back (save)", lambda: "", None))

    def _now(self, row: Row) -> Row:
        """A row whose change takes effect on the window at once (fullscreen, scale)."""
        change = row.change
        assert change is not None

        def change_and_apply(d: int) -> None:
            change(d)
            window.apply(self.settings)
        row.change = change_and_apply
        return row

    def toggle_fullscreen(self) -> None:
        """``F11`` while this screen is open: flip the value shown here too, so Back keeps it."""
        self.settings = window.toggle_fullscreen(self.settings)

    @property
    def raw_pad(self) -> bool:  # type: ignore[override]
        """While waiting for a pad button the pad's presses are the answer, not menu keys."""
        return bool(self.waiting_for) and self.waiting_pad

    def _bind_pad(self, action: str, button: str) -> None:
        """Put ``button`` first on ``action``; an action that had it takes this one's old button
        (a swap), so one press never does two things and no action is left without a button."""
        pads = self.settings.pad_bindings
        old = pads[action][0] if pads[action] else ""
        for other, buttons in pads.items():
            if other != action and button in buttons:
                pads[other] = [old if b == button else b for b in buttons if b] if old else \
                    [b for b in buttons if b != button]
        pads[action] = [button] + [b for b in pads[action][1:] if b != button]

    def _bind_key(self, action: str, name: str) -> None:
        """Put key ``name`` first on ``action``, swapping as ``_bind_pad`` does: G moved to "use"
        no longer also orders a friend, and the friend's order takes the old "use" key."""
        keys = self.settings.bindings
        old = keys[action][0] if keys[action] else ""
        for other, names in keys.items():
            if other != action and name in names:
                swapped = [old if k == name else k for k in names] if old and old not in names else \
                    [k for k in names if k != name]
                keys[other] = swapped or [old]
        keys[action] = [name] + [k for k in keys[action][1:] if k != name]

    def _save_and_leave(self) -> Transition:
        try:
            st.save(self.settings)
        except OSError:
            pass  # the game goes on with the settings in memory; the next save may work
        if self.on_saved is not None:
            self.on_saved(self.settings)
        return Pop()

    def _activate(self, step: int) -> Transition | None:
        row = self.rows[self.index]
        if row.label.startswith("Back"):
            return self._save_and_leave()
        if row.action:
            self.waiting_for = row.action
            self.waiting_pad = row.pad
            self.pad_state.clear()
        elif row.change is not None:
            row.change(step)
        return None

    def handle(self, event: pygame.event.Event) -> Transition | None:
        """Navigate, change, remap; Esc or Back saves and leaves."""
        if self.waiting_for and self.waiting_pad:
            if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
                self.waiting_for = ""
                return None
            pressed = self.pad_state.on_event(event)
            if pressed == "back":  # a player with only a pad must be able to change their mind
                self.waiting_for = ""
                return None
            if pressed is not None:
                self._bind_pad(self.waiting_for, pressed)
                self.waiting_for = ""
            return None
        if self.waiting_for:
            if event.type == pygame.KEYDOWN:
                if event.key != pygame.K_ESCAPE:
                    self._bind_key(self.waiting_for, pygame.key.name(event.key))
                self.waiting_for = ""
            return None
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
                return self._save_and_leave()
            if event.key in (pygame.K_UP, pygame.K_w):
                self.index = (self.index - 1) % len(self.rows)
            elif event.key in (pygame.K_DOWN, pygame.K_s):
                self.index = (self.index + 1) % len(self.rows)
            elif event.key in (pygame.K_LEFT, pygame.K_a):
                row = self.rows[self.index]
                if row.change is not None:
                    row.change(-1)
            elif event.key in (pygame.K_RIGHT, pygame.K_d):
                row = self.rows[self.index]
                if row.change is not None:
                    row.change(1)
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                return self._activate(1)
        elif event.type == pygame.MOUSEMOTION:
            for i, rect in self.rects:
                if rect.collidepoint(event.pos):
                    self.index = i
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button in (1, 3):
            for i, rect in self.rects:
                if rect.collidepoint(event.pos):
                    self.index = i
                    return self._activate(1 if event.button == 1 else -1)
        elif event.type == pygame.MOUSEWHEEL:
            self.index = (self.index - event.y) % len(self.rows)
        return None

    def draw(self, surface: pygame.Surface) -> None:
        """The rows, scrolled to keep the selection visible."""
        w, h = surface.get_size()
        if getattr(self, "chrome", None) is None:
            self.chrome = MenuChrome()
        self.chrome.draw(surface)
        box = pygame.Rect(max(20, w // 2 - 480), 84, min(w - 40, 960), h - 84 - 56)
        self.chrome.panel(surface, box)
        text(surface, "Settings", 64, (w // 2, 16), INK, "midtop")
        line = 34
        visible = max(3, (h - 170) // line)
        if self.index < self.scroll:
            self.scroll = self.index
        elif self.index >= self.scroll + visible:
            self.scroll = self.index - visible + 1
        self.rects = []
        y0 = 100
        for k, i in enumerate(range(self.scroll, min(len(self.rows), self.scroll + visible))):
            row = self.rows[i]
            y = y0 + k * line
            sel = i == self.index
            colour = ACCENT if sel else INK
            r1 = text(surface, row.label, 32, (w // 2 - 20, y), colour, "topright")
            waiting = sel and bool(row.action) and self.waiting_for == row.action
            prompt = "press a pad button... (Back or Esc cancels)" if row.pad else "press a key... (Esc cancels)"
            value = prompt if waiting else row.show()
            if value:
                shown = f"< {value} >" if sel and row.change is not None else value
                text(surface, shown, 32, (w // 2 + 20, y), colour if sel else DIM, "topleft")
            self.rects.append((i, pygame.Rect(w // 2 - 420, r1.y - 2, 840, line)))
        if len(self.rows) > visible:  # a scroll bar: the key and pad rows continue below
            track = pygame.Rect(box.right - 22, y0, 4, visible * line)
            bar_h = max(20, track.h * visible // len(self.rows))
            bar_y = track.y + (track.h - bar_h) * self.scroll // max(1, len(self.rows) - visible)
            surface.fill((70, 64, 74), track)
            surface.fill(INK, (track.x - 1, bar_y, 6, bar_h))
        text(surface, "up/down choose  -  left/right change  -  Enter / A remaps  -  Esc / B saves and goes back",
             22, (w // 2, h - 36), DIM, "midtop")
