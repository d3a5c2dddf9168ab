"""The replays screen: the runs the "Record replays" setting kept, newest first, to watch again.

The list reads each file's first and last lines only (twenty long runs open at once): one
that is plainly unplayable (cut short, another version, no end, other level bytes) is listed
with the one line that says why and cannot be chosen. The chosen one is read whole and checked
record by record as ``hyosan replay`` does; a tampered file is refused then, in one line."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pygame

from ..content.discovery import resolve_level
from ..content.errors import LevelError
from ..content.schema import LevelSpec
from ..control.replay import ReplayError, ReplayInput, ReplaySummary, peek_replay, read_replay
from ..playtest.verify import check_level
from ..progress import data_dir
from ..sim.units import TICK_HZ
from .chrome import MenuChrome
from .level_select import session_packs
from .stack import Pop, Push, Scene, Transition
from .ui import ACCENT, DIM, INK, Menu, MenuItem, clock, fit, text

ROW_PX = 46
OUTCOME_WORDS = {"win": "escaped", "loss": "lost", "timeout": "time ran out", "quit": "left early"}


def replay_files(folder: Path | None = None) -> list[Path]:
    """The kept replays, newest first (none when the folder is missing or unreadable)."""
    folder = folder or data_dir() / "replays"
    try:
        files = [p for p in folder.glob("*.jsonl") if p.is_file()]
        return sorted(files, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
    except OSError:
        return []


@dataclass(frozen=True)
class Kept:
    """One replay file: what it holds, or why it cannot be played."""

    path: Path
    summary: ReplaySummary | None = None
    ref: str = ""
    spec: LevelSpec | None = None
    problem: str = ""

    def describe(self) -> str:
        """One line: level, how it ended, how long, difficulty and when; or what is wrong."""
        if self.problem:
            return f"{self.path.name}: {self.problem}"
        assert self.summary is not None and self.spec is not None
        r = self.summary
        try:
            when = time.strftime("%d %b %H:%M", time.localtime(self.path.stat().st_mtime))
        except OSError:
            when = "?"
        ended = OUTCOME_WORDS.get(r.outcome, r.outcome or "unfinished")
        return f"{self.spec.title}  -  {ended} at {clock(r.ticks / TICK_HZ)}  -  {r.difficulty}  -  {when}"


def load_kept(path: Path, packs: list[Path], levels: dict[str, tuple[str, LevelSpec] | str] | None = None) -> Kept:
    """What a replay file's first and last lines say, checked against its level as it is now
    (``levels`` caches each level by ref across files); never raises. The record-by-record
    check waits until it is chosen (``ReplaysScene`` reads it whole then)."""
    levels = {} if levels is None else levels
    try:
        summary = peek_replay(path)
    except ReplayError as exc:
        return Kept(path, problem=str(exc).removeprefix(f"{path}: "))
    found = levels.get(summary.level_ref)
    if found is None:
        try:
            found = resolve_level(summary.level_ref, packs)
        except LevelError as exc:
            found = f"its level {summary.level_ref} cannot be loaded ({exc.first.message})"
        levels[summary.level_ref] = found
    if isinstance(found, str):
        return Kept(path, problem=found)
    ref, spec = found
    if summary.header.get("level_hash") != spec.content_hash:
        return Kept(path, problem=f"recorded on other level bytes: {ref} has changed since")
    return Kept(path, summary, ref, spec)


class ReplaysScene(Scene):
    """Up / down choose, Enter watches, Esc goes back."""

    def __init__(self, folder: Path | None = None) -> None:
        packs = session_packs()
        levels: dict[str, tuple[str, LevelSpec] | str] = {}
        self.kept = [load_kept(p, packs, levels) for p in replay_files(folder)]
        self.error = ""  # said when a chosen replay fails the full check
        items = [MenuItem(k.describe(), (lambda k=k: self._watch(k)), enabled=k.summary is not None)
                 for k in self.kept]
        items.append(MenuItem("Back", lambda: Pop()))
        self.menu = Menu(items, size=26, spacing=ROW_PX)
        self.menu.index = next((i for i, it in enumerate(items) if it.enabled), len(items) - 1)
        self.scroll = 0
        self.chrome = MenuChrome()

    def _watch(self, kept: Kept) -> Push | None:
        """Read the whole file, record by record, and play it; or say in one line why not."""
        # screens imports this module for the title's menu, so PlayScene is fetched when needed
        from .screens import PlayScene

        assert kept.spec is not None
        try:
            replay = read_replay(kept.path)
            check_level(replay, kept.spec)
        except ReplayError as exc:
            self.error = str(exc).removeprefix(f"{kept.path}: ")
            return None
        self.error = ""
        return Push(PlayScene(kept.ref, kept.spec, replay.seed, source=ReplayInput(replay),
                              difficulty=replay.difficulty))

    def handle(self, event: pygame.event.Event) -> Transition | None:
        """Menu keys; Esc or the right button goes back."""
        if (event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE)) or \
                (event.type == pygame.MOUSEBUTTONDOWN and event.button == 3):
            return Pop()
        return self.menu.handle(event)  # type: ignore[return-value]

    def update(self, frame_seconds: float) -> Transition | None:
        """Drift the backdrop."""
        self.chrome.update(frame_seconds)
        return None

    def draw(self, surface: pygame.Surface) -> None:
        """The list in a panel, scrolled to keep the choice in view."""
        w, h = surface.get_size()
        self.chrome.draw(surface)
        text(surface, "Replays", 52, (w // 2, 18), INK, "midtop")
        box = pygame.Rect(max(20, w // 2 - 520), 84, min(w - 40, 1040), h - 84 - 50)
        self.chrome.panel(surface, box)
        view = box.inflate(-40, -28)
        if not self.kept:
            text(surface, "No replays yet: turn on 'Record replays' in Settings, then play a level.", 24,
                 (view.centerx, view.y + 20), DIM, "midtop")
        visible = max(1, view.h // ROW_PX)
        i = self.menu.index
        self.scroll = min(max(self.scroll, i - visible + 1), i)
        self.menu.rects = []
        for k, item in enumerate(self.menu.items):
            row = pygame.Rect(view.x, view.y + (k - self.scroll) * ROW_PX + (60 if not self.kept else 0), view.w, ROW_PX)
            if not (self.scroll <= k < self.scroll + visible):
                self.menu.rects.append(pygame.Rect(0, 0, 0, 0))
                continue
            chosen = k == i
            if chosen:
                shade = pygame.Surface(row.size, pygame.SRCALPHA)
                shade.fill((*ACCENT, 60))
                surface.blit(shade, row.topleft)
            colour = ACCENT if chosen else INK if item.enabled else (230, 150, 90)
            label, size = fit(item.label, (26, 22, 18), row.w - 24)
            text(surface, label, size, (row.x + 12, row.centery), colour, "midleft")
            self.menu.rects.append(row)
        if self.error:
            line, size = fit(f"Cannot play it: {self.error}", (22, 18), box.w - 40)
            text(surface, line, size, (w // 2, box.bottom - 34), ACCENT, "midtop")
        text(surface, "up / down: choose   -   Enter: watch   -   Esc: back", 22, (w // 2, h - 36), DIM, "midtop")
