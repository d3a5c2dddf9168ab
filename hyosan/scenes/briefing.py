"""The briefing: the story so far beside the level's plan and objectives, the player's own keys,
the difficulty (left / right, with what it changes), then Start."""

from __future__ import annotations

from pathlib import Path

import pygame

from ..content.schema import LevelSpec
from ..control.gamepad import label as pad_label
from ..control.gamepad import pad_from_names
from ..control.keymap import NAMED_KEYS, keys_from_names, name_keys
from ..settings import DEFAULT_PAD_BINDINGS
from ..settings import load as load_settings
from .chrome import MenuChrome, marked, objective_lines, star_times
from .roster import roster
from .stack import Pop, Replace, Scene, Transition
from .ui import ACCENT, DIM, INK, OBJECTIVE, Menu, MenuItem, clock, fit, font, text, wrap

DIFFICULTY_NAMES = ("story", "normal", "hard")

# The actions a first-time player needs, in the order they meet them, with the words shown.
CONTROL_HINTS = (("up", "move"), ("sprint", "sprint"), ("sneak", "sneak"), ("interact", "use / grab (hold)"),
                 ("melee", "hit"), ("shove", "shove"), ("throw", "throw a phone"), ("switch", "next student"),
                 ("follow", "all hold / follow"),
                 ("friend", "one hold / follow"), ("torch", "torch"), ("special", "own move"), ("zoom", "view"))
_KEY_WORDS = {"left shift": "Shift", "right shift": "Shift", "left ctrl": "Ctrl", "right ctrl": "Ctrl",
              "escape": "Esc", "space": "Space", "tab": "Tab", "return": "Enter"}


def key_label(code: int) -> str:
    """A key as players write it: "Shift", "E", "Space"."""
    name = pygame.key.name(code)
    return _KEY_WORDS.get(name, name.upper() if len(name) == 1 else name.title())


def control_hints(bindings: dict[str, list[str]] | None = None) -> list[str]:
    """"KEY action" for the main actions, from the player's own bindings (remapped keys show)."""
    keys = keys_from_names(bindings or {})
    out = []
    for action, words in CONTROL_HINTS:
        codes = keys.get(action, ())
        if not codes:
            continue
        label = "WASD" if action == "up" and codes[0] == pygame.K_w else key_label(codes[0])
        out.append(f"{label} {words}")
    return out


def pad_control_hints(pad_bindings: dict[str, list[str]] | None = None) -> list[str]:
    """"BUTTON action" for the main actions on the pad, from the player's own pad bindings: what
    the pause screen shows someone playing with a pad (the keyboard's keys would not help)."""
    pad = pad_from_names(pad_bindings or {}, DEFAULT_PAD_BINDINGS)
    out = []
    for action, words in CONTROL_HINTS:
        if action == "up":
            out.append("Left stick move")  # the stick is not remappable: it is how a pad moves
            continue
        names = pad.get(action, ())
        if names:
            out.append(f"{pad_label(names[0])} {words}")
        elif action == "friend" and pad.get("follow"):  # the pad's "follow" held (control.human)
            out.append(f"hold {pad_label(pad['follow'][0])} {words}")
    return out


def key_names(keys: dict[str, tuple[int, ...]], pad: dict[str, tuple[str, ...]], using_pad: bool) -> dict[str, str]:
    """The player's own control for each default key that level text names ({"E": "A"} on a
    pad, {"E": "F"} for someone who moved "use" to F): from key codes per action (``keys``) or,
    with ``using_pad``, pad control names per action (``pad``)."""
    if using_pad:  # (the pad orders one friend with its "follow" held: control.human)
        return {k: pad_label(pad[a][0]) if pad.get(a) else f"hold {pad_label(pad['follow'][0])}"
                if a == "friend" and pad.get("follow") else k for k, a in NAMED_KEYS.items()}
    return {k: key_label(keys[a][0]) if keys.get(a) else k for k, a in NAMED_KEYS.items()}


def saved_key_names(prefs, using_pad: bool) -> dict[str, str]:
    """``key_names`` from the saved settings' bindings."""
    return key_names(keys_from_names(prefs.bindings), pad_from_names(prefs.pad_bindings, DEFAULT_PAD_BINDINGS),
                     using_pad)


def difficulty_line(level: LevelSpec, name: str) -> str:
    """What a difficulty does to this level's horde, in words."""
    d = level.difficulty_of(name)
    if (d.horde, d.speed, d.sight) == (1.0, 1.0, 1.0):
        return "the horde as the level was made"
    parts = [f"{round(d.horde * 100)}% of the horde", f"{round(d.speed * 100)}% speed",
             f"{round(d.sight * 100)}% sight"]
    return ", ".join(p for p, v in zip(parts, (d.horde, d.speed, d.sight), strict=True) if v != 1.0)


def _line_step(line: str, size: int) -> int:
    """px down to the next line of the story: a line, or half of one between paragraphs."""
    return size - 1 if line else (size - 1) // 2


class BriefingScene(Scene):
    """The story so far, the objective, the difficulty (left / right), then play."""

    # Briefing type sizes tried from the largest down until the text fits its column.
    BRIEFING_SIZES = (26, 24, 22, 20, 18, 16)
    FOOTER_PX = 150  # the controls, the difficulty and Start / Back, from the panel's foot
    ROSTER_SIZE = 18  # type size of the squad's lines
    ROSTER_NAME_PX = 134  # px from a roster row's left to its words: sprite and name
    # The plan keeps at least this share of the side column's height, or of its own height at
    # the column's width if it is not that tall: below that the squad is listed by name only.
    PLAN_MIN_SHARE = 0.4
    PLAN_MIN_FIT = 0.75
    PLAN_MIN_PX = 50  # the smallest plan drawn, roster or not

    def __init__(self, ref: str, level: LevelSpec, seed: int = 0, difficulty: str = "",
                 record: Path | None = None) -> None:
        self.ref, self.level, self.seed = ref, level, seed
        self.record = record  # `hyosan play LEVEL --record FILE`: the run started here records
        prefs, _ = load_settings()
        if difficulty not in DIFFICULTY_NAMES:
            difficulty = prefs.difficulty if prefs.difficulty in DIFFICULTY_NAMES else "normal"
        self.difficulty = difficulty
        self.controls = control_hints(prefs.bindings)
        self.pad_controls = pad_control_hints(prefs.pad_bindings)  # shown when the player uses a pad
        # The story and objectives name default keys ("E at the door"): the player's own instead.
        self.key_names, self.pad_names = saved_key_names(prefs, False), saved_key_names(prefs, True)
        self.menu = Menu([MenuItem("Start", self._start), MenuItem("Back", lambda: Pop())], size=38)
        self.objectives = objective_lines(level)  # (marker, text): numbered, then optional ("+")
        self.roster = roster(level)  # who is in the squad and what each does differently
        self.roster_rect = pygame.Rect(0, 0, 0, 0)  # px: where the roster went on the last draw (h 0: left out)
        # Tab (Y on a pad) swaps the plan for the squad with what each does: a level with long
        # objectives has room only for their names, or none, beside the plan.
        self.squad_page = False
        self.squad_words_hidden = False  # the last draw left what the students do out: say Tab shows it
        self._roster_key: tuple | None = None
        self._roster_cache: list[tuple[str, str, bool, bool, list[str]]] = []
        self.text_bottom = 0  # px: where the story text ended on the last draw
        self.chrome = MenuChrome()
        self._layout_key: tuple | None = None

    def _start(self) -> Replace:
        from .screens import PlayScene  # play leads on to the results, which import this module

        return Replace(PlayScene(self.ref, self.level, self.seed, record=self.record, difficulty=self.difficulty))

    def _cycle(self, step: int) -> None:
        i = DIFFICULTY_NAMES.index(self.difficulty)
        self.difficulty = DIFFICULTY_NAMES[(i + step) % len(DIFFICULTY_NAMES)]

    def handle(self, event: pygame.event.Event) -> Transition | None:
        """Left / right: difficulty; Tab: the squad page and back; Enter: start; Esc: back (from
        the squad page, to the plan first)."""
        if (event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE)) or \
                (event.type == pygame.MOUSEBUTTONDOWN and event.button == 3):
            if self.squad_page:
                self.squad_page = False
                return None
            return Pop()
        if (event.type == pygame.KEYDOWN and event.key == pygame.K_TAB) or \
                (event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.roster_rect.h
                 and self.roster_rect.collidepoint(event.pos)):
            self.squad_page = not self.squad_page
            return None
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_LEFT, pygame.K_a):
            self._cycle(-1)
            return None
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RIGHT, pygame.K_d):
            self._cycle(1)
            return None
        return self.menu.handle(event)  # type: ignore[return-value]

    def update(self, frame_seconds: float) -> Transition | None:
        """Drift the backdrop."""
        self.chrome.update(frame_seconds)
        return None

    def _layout(self, width: int, height: int) -> tuple[int, list[str]]:
        """(font size, wrapped lines): the largest size at which the briefing fits a column of
        ``width`` x ``height`` px, else the smallest with the text cut (ending in "...")."""
        key = (width, height, self.using_pad)
        if self._layout_key == key:
            return self._layout_cache
        story = name_keys(self.level.briefing, self.pad_names if self.using_pad else self.key_names)
        for size in self.BRIEFING_SIZES:
            lines = wrap(story, size, width)
            if sum(_line_step(line, size) for line in lines) <= height:
                break
        else:
            keep, used = 0, 0
            while keep < len(lines) and used + _line_step(lines[keep], size) <= height:
                used += _line_step(lines[keep], size)
                keep += 1
            if keep < len(lines):
                lines = lines[:max(1, keep)]
                lines[-1] = lines[-1].rstrip(" .,;:") + " ..."
        self._layout_key, self._layout_cache = key, (size, lines)
        return self._layout_cache

    def draw(self, surface: pygame.Surface) -> None:
        """Story on the left; plan, objectives and par on the right; keys, difficulty and Start
        along the foot. Everything stays inside the window at any size from 960x540 up."""
        w, h = surface.get_size()
        self.chrome.draw(surface)
        box = pygame.Rect(24, 20, w - 48, h - 40)
        self.chrome.panel(surface, box)
        inner = box.inflate(-48, -36)
        title, size = fit(self.level.title, (56, 48, 40), inner.w)
        y = text(surface, title, size, (inner.centerx, inner.y), ACCENT, "midtop").bottom + 10
        body = pygame.Rect(inner.x, y, inner.w, inner.bottom - self.FOOTER_PX - y)
        story = pygame.Rect(body.x, body.y, int(body.w * 0.56), body.h)
        side = pygame.Rect(story.right + 28, body.y, body.right - story.right - 28, body.h)
        if self.squad_page:  # the squad across the whole body: a line each, even in a small window
            self._draw_squad_page(surface, body)
        else:
            size, lines = self._layout(story.w, story.h)
            ty = story.y
            for line in lines:
                if line:
                    text(surface, line, size, (story.x, ty), INK, "topleft")
                ty += _line_step(line, size)
            self.text_bottom = ty
            self._draw_side(surface, side)
        self._draw_footer(surface, pygame.Rect(inner.x, inner.bottom - self.FOOTER_PX + 12, inner.w, self.FOOTER_PX - 12))

    def _roster_rows(self, width: int) -> list[tuple[str, str, bool, bool, list[str]]]:
        """Per student: (id, name, lead, joins later, words wrapped to the column right of the
        name), the words naming the player's own keys."""
        key = (width, self.using_pad)
        if self._roster_key != key:  # wrapped once per width and input, not every frame
            names = self.pad_names if self.using_pad else self.key_names
            self._roster_key, self._roster_cache = key, [
                (r.student_id, r.name, r.lead, r.joins_later,
                 wrap(name_keys(r.words, names), self.ROSTER_SIZE, width - self.ROSTER_NAME_PX))
                for r in self.roster]
        return self._roster_cache

    def _draw_roster(self, surface: pygame.Surface, rows, box: pygame.Rect) -> None:
        """"Your squad", then a row per student: standing sprite, name (the lead's marked and
        lit as in the HUD's squad panel), what is special about them."""
        pygame.draw.line(surface, (70, 64, 74), (box.x, box.y), (box.right, box.y))
        text(surface, "Your squad", 20, (box.x, box.y + 6), DIM, "topleft")
        x, y = box.x, box.y + 30
        atlas = self.chrome.atlas
        compact = all(not words for *_, words in rows)
        if compact:  # names only: what each does is a key away
            text(surface, f"{self._squad_key()}: what each of them does", 18, (box.right, box.y + 8), DIM, "topright")
        for sid, name, lead, later, words in rows:
            label = f"{name} (you)" if lead else name
            if compact and later:
                label += " (joins later)"
            if compact and x > box.x and x + self._compact_w(label) > box.right:  # on to the next row
                x, y = box.x, y + self.ROSTER_SIZE + 6
            anim = f"student.{sid}.idle" if f"student.{sid}.idle" in atlas.anims else "student.on-jo.idle"
            sprite = atlas.scaled(atlas.anim_name(anim, "down", 0), 1.5)
            surface.blit(sprite, sprite.get_rect(midleft=(x, y + self.ROSTER_SIZE // 2)))
            colour = (255, 236, 140) if lead else INK
            right = text(surface, label, self.ROSTER_SIZE, (x + 30, y), colour, "topleft").right
            if compact:  # the next name along the same row
                x = right + 16
                continue
            if later:
                text(surface, "joins later", 15, (x + 30, y + self.ROSTER_SIZE), DIM, "topleft")
            for k, line in enumerate(words):
                text(surface, line, self.ROSTER_SIZE, (box.x + self.ROSTER_NAME_PX, y + k * (self.ROSTER_SIZE + 1)),
                     DIM, "topleft")
            y += self._roster_row_h(later, words)

    def _compact_w(self, label: str) -> int:
        """px a name takes in the compact roster: sprite, name, gap."""
        return 30 + font(self.ROSTER_SIZE).size(label)[0] + 16

    def _compact_lines(self, rows, width: int) -> int:
        """Rows of names the compact roster takes in ``width`` px (as ``_draw_roster`` flows them)."""
        lines, x = 1, 0
        for _, name, lead, later, _ in rows:
            w = self._compact_w(name + (" (you)" if lead else "") + (" (joins later)" if later else ""))
            if x and x + w > width:
                lines, x = lines + 1, 0
            x += w
        return lines

    def _roster_row_h(self, later: bool, words: list[str]) -> int:
        """px down to the next student: their lines of words (two for one who joins later,
        whose name has "joins later" under it) and a gap."""
        return max(len(words), 2 if later else 1) * (self.ROSTER_SIZE + 1) + 6

    def _squad_key(self) -> str:
        return "Y" if self.using_pad else "Tab"

    def _draw_squad_page(self, surface: pygame.Surface, body: pygame.Rect) -> None:
        """The story and the plan give way to the squad: a row each with what they do, and how
        to go back."""
        rows = self._roster_rows(body.w)
        self.roster_rect = pygame.Rect(body.x, body.y, body.w,
                                       30 + sum(self._roster_row_h(later, words) for *_, later, words in rows))
        self._draw_roster(surface, rows, self.roster_rect)
        text(surface, f"{self._squad_key()}: back to the story and the plan", 18,
             (body.x, self.roster_rect.bottom + 6), DIM, "topleft")
        self.squad_words_hidden = False

    def _draw_side(self, surface: pygame.Surface, side: pygame.Rect) -> None:
        names = self.pad_names if self.using_pad else self.key_names
        obj_lines = [(k, line) for k, o in self.objectives
                     for line in wrap(marked(k, name_keys(o, names)), 21, side.w)]
        rows = self._roster_rows(side.w)
        roster_h = 30 + sum(self._roster_row_h(later, words) for *_, later, words in rows)
        line_h = font(21).get_linesize()  # px: a rendered line's height, as plan_block stacks them
        below = 7 + 26 + line_h + 2 + line_h * len(obj_lines) + 8 + line_h + 10  # key, objectives, par
        rows_n, cols_n = len(self.level.map.rows), max((len(r) for r in self.level.map.rows), default=1)
        natural_h = side.w * rows_n / max(cols_n, 1)  # px: the plan as wide as the column
        if side.h - below - roster_h < min(self.PLAN_MIN_FIT * natural_h, self.PLAN_MIN_SHARE * side.h):
            # No room for a line each (the Site's eight lines of objectives): the names in a row,
            # and the plan keeps its size; the story says what is special about whom.
            rows = [(sid, name, lead, later, []) for sid, name, lead, later, _ in rows]
            roster_h = 30 + self._compact_lines(rows, side.w) * (self.ROSTER_SIZE + 6)
            if side.h - below - roster_h < self.PLAN_MIN_PX:  # a small window: no roster at all
                rows, roster_h = [], 0
        below += roster_h
        y = self.chrome.plan_block(surface, self.level, side.x, side.y, side.w, max(self.PLAN_MIN_PX, side.h - below),
                                   [line for _, line in obj_lines], 21, OBJECTIVE)
        if self.level.endless is not None:  # no par and no clock: how long earns the stars
            terms = f"Endless: {star_times(self.level)}"
        else:
            terms = f"Par {clock(self.level.par_seconds)}   -   time limit {clock(self.level.time_limit_seconds)}"
        terms_box = text(surface, terms, 21, (side.x, y + 8), DIM, "topleft")
        self.roster_rect = pygame.Rect(side.x, terms_box.bottom + 10, side.w, roster_h)
        self.squad_words_hidden = not rows or all(not words for *_, words in rows)
        if rows:
            self._draw_roster(surface, rows, self.roster_rect)
        elif self.roster:  # no room even for names: the par line says where the squad is
            hint = text(surface, f"{self._squad_key()}: your squad", 18, (side.right, terms_box.y + 2), DIM,
                        "topright")
            self.roster_rect = hint.inflate(8, 8)

    def _draw_footer(self, surface: pygame.Surface, foot: pygame.Rect) -> None:
        pygame.draw.line(surface, (70, 64, 74), (foot.x, foot.y - 6), (foot.right, foot.y - 6))
        hints = self.pad_controls if self.using_pad else self.controls
        controls, size = fit("  ·  ".join(hints), (20, 18, 16), foot.w)
        text(surface, controls, size, (foot.centerx, foot.y), DIM, "midtop")
        choice = "   ".join(f"[{d.title()}]" if d == self.difficulty else d.title() for d in DIFFICULTY_NAMES)
        y = text(surface, f"<  {choice}  >", 30, (foot.centerx, foot.y + 28), INK, "midtop").bottom
        text(surface, difficulty_line(self.level, self.difficulty), 20, (foot.centerx, y + 2), DIM, "midtop")
        self.menu.draw_row(surface, foot.centerx, foot.bottom - 44)
