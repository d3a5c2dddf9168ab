"""Small UI pieces shared by the screens: fonts, colours and a keyboard/mouse menu."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass

import pygame

INK = (236, 230, 218)
DIM = (150, 144, 134)
ACCENT = (214, 64, 52)
# What to do next, in the squad's yellow (the objective arrow's and the trail ribbons'): in the
# horde's red, a playtester read the briefing's and the pause screen's objectives as danger.
OBJECTIVE = (250, 214, 70)
WARN = (240, 196, 80)  # a notice the player must not miss (a pad pulled out mid-run)
BG = (18, 16, 20)
PANEL = (32, 28, 34)

@functools.lru_cache(maxsize=64)
def font(size: int) -> pygame.font.Font:
    """pygame's bundled font at a pixel size (cached; call ``font.cache_clear()`` after
    ``pygame.font.init()``, since fonts die with the font module)."""
    return pygame.font.Font(None, size)


def text(surface: pygame.Surface, s: str, size: int, pos: tuple[float, float], colour=INK,
         anchor: str = "topleft") -> pygame.Rect:
    """Draw one line of text anchored at ``pos``; returns its rect."""
    img = font(size).render(s, True, colour)
    rect = img.get_rect(**{anchor: (int(pos[0]), int(pos[1]))})
    surface.blit(img, rect)
    return rect


def clock(seconds: float) -> str:
    """A time for players: m:ss.s, or 42.5 s under a minute, cut (not rounded) to the tenth
    like a stopwatch. Rounding showed a run of 3747 ticks (62.4499... s) as 1:02.4 on the
    results screen and its saved best (62.45 s, stored to the hundredth) as 1:02.5."""
    tenths = math.floor(max(0.0, seconds) * 10.0 + 1e-6)  # the 1e-6 absorbs float error (62.3 * 10 = 622.999...)
    m, t = divmod(tenths, 600)
    return f"{m}:{t // 10:02d}.{t % 10}" if m else f"{t // 10}.{t % 10} s"


def fit(s: str, sizes: tuple[int, ...], width: int) -> tuple[str, int]:
    """The largest of ``sizes`` at which ``s`` fits ``width`` px; at the smallest, ``s`` cut
    with "..." until it fits."""
    for size in sizes:
        if font(size).size(s)[0] <= width:
            return s, size
    size = sizes[-1]
    while len(s) > 1 and font(size).size(s + "...")[0] > width:
        s = s[:-1]
    return s.rstrip() + "...", size


def wrap_items(items: list[str], size: int, width: int, sep: str = "  ·  ") -> list[str]:
    """``items`` joined by ``sep``, wrapped to a pixel width between items only: a control's
    key and its words stay on one line ("C own" on one line and "move" under it read as two)."""
    lines: list[str] = []
    line = ""
    for item in items:
        trial = f"{line}{sep}{item}" if line else item
        if font(size).size(trial)[0] > width and line:
            lines.append(line)
            line = item
        else:
            line = trial
    return [*lines, line] if line else lines


def wrap(s: str, size: int, width: int) -> list[str]:
    """Greedy word wrap to a pixel width."""
    lines: list[str] = []
    for para in s.strip().split("\n\n"):
        words = para.split()
        line = ""
        for word in words:
            trial = f"{line} {word}".strip()
            if font(size).size(trial)[0] > width and line:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
        lines.append("")
    return lines[:-1]


@dataclass
class MenuItem:
    """A selectable line: a label, an action, and whether it can be chosen."""

    label: str
    action: Callable[[], object]
    enabled: bool = True
    detail: str = ""


class Menu:
    """A vertical list: arrows/W-S move, Enter/Space choose, the mouse hovers and clicks."""

    def __init__(self, items: list[MenuItem], size: int = 40, spacing: int = 52) -> None:
        self.items = items
        self.size = size
        self.spacing = spacing
        self.index = next((i for i, it in enumerate(items) if it.enabled), 0)
        self.rects: list[pygame.Rect] = []
        self.horizontal = False  # True for a menu drawn as a row: left / right move as well

    def move(self, step: int) -> None:
        """Move the choice ``step`` items, skipping ones that cannot be chosen. A row stops at
        its ends: on the results, a walking key still held (A, Left) on "Next level" wrapped
        round to "Title", and the Enter that followed went to the title (a playtester, twice)."""
        index = self.index
        for _ in range(len(self.items)):
            if self.horizontal and not 0 <= index + step < len(self.items):
                return  # (the choice stays where it was)
            index = (index + step) % len(self.items)
            if self.items[index].enabled:
                self.index = index
                return

    def handle(self, event: pygame.event.Event) -> object | None:
        """Return the chosen item's action result, or None."""
        if event.type == pygame.KEYDOWN:
            back = (pygame.K_UP, pygame.K_w) + ((pygame.K_LEFT, pygame.K_a) if self.horizontal else ())
            ahead = (pygame.K_DOWN, pygame.K_s) + ((pygame.K_RIGHT, pygame.K_d) if self.horizontal else ())
            if event.key in back:
                self.move(-1)
            elif event.key in ahead:
                self.move(1)
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                item = self.items[self.index]
                return item.action() if item.enabled else None
        elif event.type == pygame.MOUSEMOTION:
            for i, rect in enumerate(self.rects):
                if rect.collidepoint(event.pos) and self.items[i].enabled:
                    self.index = i
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, rect in enumerate(self.rects):
                if rect.collidepoint(event.pos) and self.items[i].enabled:
                    self.index = i
                    return self.items[i].action()
        return None

    def draw(self, surface: pygame.Surface, x: int, y: int) -> None:
        """Draw the items from (x, y) down, centred on x."""
        self.rects = []
        for i, item in enumerate(self.items):
            selected = i == self.index
            colour = ACCENT if selected else INK if item.enabled else DIM
            label = f"> {item.label} <" if selected else item.label
            rect = text(surface, label, self.size, (x, y + i * self.spacing), colour, "midtop")
            if item.detail:
                text(surface, item.detail, self.size * 3 // 5, (x, rect.bottom + 2), DIM, "midtop")
            self.rects.append(rect.inflate(40, 10))

    def draw_row(self, surface: pygame.Surface, x: int, y: int, gap: int = 40) -> None:
        """Draw the items side by side, the row centred on x (set ``horizontal`` for left /
        right to move too). Each item keeps a slot as wide as its chosen form, so the row
        does not jump."""
        widths = [font(self.size).size(f"> {it.label} <")[0] for it in self.items]
        left = x - (sum(widths) + gap * (len(widths) - 1)) // 2
        self.rects = []
        for i, (item, width) in enumerate(zip(self.items, widths, strict=True)):
            chosen = i == self.index
            colour = ACCENT if chosen else INK if item.enabled else DIM
            label = f"> {item.label} <" if chosen else item.label
            rect = text(surface, label, self.size, (left + width // 2, y), colour, "midtop")
            self.rects.append(rect.inflate(20, 10))
            left += width + gap
