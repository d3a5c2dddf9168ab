"""The level select: every pack's levels in a scrolling list, and beside it the chosen level's
plan, horde, objectives and the player's best; a broken pack shows all of its problems."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pygame

from ..content.discovery import PackEntry, discover_packs
from ..content.schema import LevelSpec, PackSpec
from ..control.keymap import name_keys
from ..progress import LevelBest
from ..progress import load as load_progress
from ..settings import load as load_settings
from .briefing import BriefingScene, saved_key_names
from .chrome import MenuChrome, marked, objective_lines, star_times
from .stack import Pop, Push, Scene, Transition
from .ui import ACCENT, DIM, INK, Menu, MenuItem, clock, fit, text, wrap

_session_packs: list[Path] = []  # the --pack folders the game was started with


def remember_packs(paths: list[Path]) -> None:
    """Keep the packs given on the command line for every later level select of this run
    (the results screen and the pause menu build fresh screens and must not drop them)."""
    _session_packs[:] = list(paths)


def session_packs() -> list[Path]:
    """The packs given on the command line at start-up."""
    return list(_session_packs)


def next_level(ref: str, extra_packs: list[Path] | None = None) -> tuple[str, LevelSpec] | None:
    """The level after ``ref`` in its pack (the campaign's order), or None after the last."""
    pack_id, _, level_id = ref.partition("/")
    for found in discover_packs(session_packs() if extra_packs is None else extra_packs):
        if found.pack is None or found.pack.id != pack_id:
            continue
        ids = [level.id for level in found.pack.levels]
        if level_id in ids and ids.index(level_id) + 1 < len(ids):
            following = found.pack.levels[ids.index(level_id) + 1]
            return f"{pack_id}/{following.id}", following
        return None
    return None


SCORE_MODE_FOLDER = "nights"  # the built-in pack of endless levels (Hyosan Nights)


def _builtin_pack(folder: str | None = None) -> tuple[str, list[str]] | None:
    """The built-in campaign's (or the built-in pack ``folder``'s) pack id and level ids, from
    its manifest alone (quick to read)."""
    import tomllib

    from ..content.discovery import CAMPAIGN_FOLDER, builtin_levels_dir

    try:
        manifest = tomllib.loads((builtin_levels_dir() / (folder or CAMPAIGN_FOLDER) / "pack.toml").read_text("utf-8"))
        return str(manifest["id"]), [str(lv) for lv in manifest["levels"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def first_level_of(folder: str) -> str | None:
    """The first level (``pack-id/level-id``) of the built-in pack in ``folder``, for the
    title's own entries (Hyosan Nights, Practice); None when the pack is missing."""
    pack = _builtin_pack(folder)
    return f"{pack[0]}/{pack[1][0]}" if pack is not None and pack[1] else None


def score_mode_first() -> str | None:
    """The first level of Hyosan Nights, for the title's own entry."""
    return first_level_of(SCORE_MODE_FOLDER)


def campaign_next() -> tuple[str | None, str]:
    """The campaign level to carry on with: the first not yet won, once one has been won
    (None before the first win and after the last), and the progress file's message (a
    broken file is set aside on this first read: the title must say so). Reads only the
    pack's manifest and the progress file, so the title screen stays quick to open."""
    best, message = load_progress()
    campaign = _builtin_pack()
    if campaign is None:
        return None, message
    pack_id, levels = campaign
    won = [best.get(f"{pack_id}/{lv}", LevelBest()).seconds > 0 for lv in levels]
    if not any(won):
        return None, message
    return next((f"{pack_id}/{lv}" for lv, w in zip(levels, won, strict=True) if not w), None), message


def campaign_finished(ref: str) -> str:
    """After a win on ``ref``: a line for the end of the campaign when every campaign level is
    now won ("" otherwise, and for levels outside the campaign)."""
    campaign = _builtin_pack()
    if campaign is None or not ref.startswith(f"{campaign[0]}/"):
        return ""
    pack_id, levels = campaign
    best, _ = load_progress()
    results = [best.get(f"{pack_id}/{lv}", LevelBest()) for lv in levels]
    if not all(b.seconds > 0 for b in results):
        return ""
    stars = sum(b.stars for b in results)
    return f"Campaign complete: the squad is out of Hyosan. {stars} of {3 * len(levels)} stars."


@dataclass(frozen=True)
class Entry:
    """What a list row stands for: a pack header, a level, a broken pack, or Back."""

    kind: str  # "pack" | "level" | "broken" | "back"
    pack: PackSpec | None = None
    level: LevelSpec | None = None
    ref: str = ""
    broken: PackEntry | None = None


ROW_PX = {"pack": 38, "level": 44, "broken": 44, "back": 48}
MARGIN = 28  # px round the panels
LIST_SHARE = 0.38  # of the window's width


def level_facts(level: LevelSpec) -> str:
    """One line a player can weigh a level by: light, rain, horde, squad, par time."""
    light = {"day": "Day", "lit": "Lit rooms", "dawn": "Dawn", "dark": "Night"}.get(level.ambient, level.ambient)
    parts = [light + (", rain" if level.weather.rain > 0 else "")]
    start = sum(g.count for g in level.zombies)
    later = sum(w.count for w in level.waves)
    horde = f"{start} zombies"
    if later:
        horde += f" + {later} in waves"
    if level.endless is not None:  # the night's horde is all arrivals, faster as it goes on
        horde = (f"{horde} + more" if start or later else "a horde") + " arriving ever faster"
    elif level.spawners:
        horde += " + more arriving"
    parts.append(horde)
    parts.append(f"{len(level.squad)} student{'s' if len(level.squad) != 1 else ''}")
    parts.append(f"endless, {star_times(level)}" if level.endless is not None else f"par {clock(level.par_seconds)}")
    return "  -  ".join(parts)


class LevelSelectScene(Scene):
    """Up / down (or the wheel) choose, Enter opens the briefing, Esc goes back."""

    def __init__(self, extra_packs: list[Path] | None = None, select: str = "",
                 packs: list[PackEntry] | None = None) -> None:
        """``packs`` replaces discovery (the README screenshot lists the built-in packs only)."""
        self.extra_packs = session_packs() if extra_packs is None else extra_packs
        self.progress, self.notice = load_progress()
        self.entries: list[Entry] = []
        items: list[MenuItem] = []
        for found in discover_packs(self.extra_packs) if packs is None else packs:  # a header, then the levels
            if found.pack is None:
                assert found.error is not None
                # Selectable, so the whole error can be read in the detail panel.
                items.append(MenuItem(f"[broken pack] {found.path.name}", lambda: None,
                                      detail=found.error.first.format()[-110:]))
                self.entries.append(Entry("broken", broken=found))
                continue
            pack = found.pack
            # The rows draw themselves from their Entry (title, star icons); a MenuItem only
            # carries what the menu needs: a label, an action, whether it can be chosen.
            items.append(MenuItem(f"- {pack.name} -", lambda: None, enabled=False))
            self.entries.append(Entry("pack", pack=pack))
            for level in pack.levels:
                ref = f"{pack.id}/{level.id}"
                items.append(MenuItem(level.title, (lambda r=ref, lv=level: self._brief(r, lv))))
                self.entries.append(Entry("level", pack=pack, level=level, ref=ref))
        items.append(MenuItem("Back", lambda: Pop()))
        self.entries.append(Entry("back"))
        self.menu = Menu(items, size=30, spacing=ROW_PX["level"])
        for i, entry in enumerate(self.entries):
            if select and entry.ref == select:
                self.menu.index = i
        self.scroll = 0  # px the list is scrolled down
        self.chrome = MenuChrome()
        self.list_rect = pygame.Rect(0, 0, 0, 0)
        self.detail_rect = pygame.Rect(0, 0, 0, 0)
        self._objectives: dict[str, list[tuple[str, str]]] = {}  # ref -> objective lines, made once
        # The control names the objectives are written with (saved keys, or the pad's buttons),
        # read from the settings when the input device last changed (None: not yet).
        self._names: dict[str, str] = {}
        self._names_for_pad: bool | None = None

    @staticmethod
    def _brief(ref: str, level: LevelSpec) -> Push:
        return Push(BriefingScene(ref, level))

    # ------------------------------------------------------------------ scene protocol
    @property
    def selected(self) -> Entry:
        """The entry under the cursor."""
        return self.entries[self.menu.index]

    def handle(self, event: pygame.event.Event) -> Transition | None:
        """Choose a level, or go back; the wheel moves the choice like the arrows."""
        if (event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE)) or \
                (event.type == pygame.MOUSEBUTTONDOWN and event.button == 3):
            return Pop()
        if event.type == pygame.MOUSEWHEEL:
            for _ in range(min(abs(int(event.y)), 5)):
                self.menu.move(-1 if event.y > 0 else 1)
            return None
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            for _ in range(6):
                self.menu.move(-1 if event.key == pygame.K_PAGEUP else 1)
            return None
        return self.menu.handle(event)  # type: ignore[return-value]

    def update(self, frame_seconds: float) -> Transition | None:
        """Drift the backdrop."""
        self.chrome.update(frame_seconds)
        return None

    # ------------------------------------------------------------------ drawing
    def _row_tops(self) -> list[int]:
        tops, y = [], 0
        for entry in self.entries:
            tops.append(y)
            y += ROW_PX[entry.kind]
        tops.append(y)
        return tops

    def _keep_selection_visible(self, view_h: int) -> None:
        tops = self._row_tops()
        i = self.menu.index
        top, bottom = tops[i], tops[i + 1]
        if i <= 1:  # the first level also shows its pack's header
            top = 0
        if i + 1 < len(self.entries) and self.entries[i + 1].kind == "level":
            # and the level after it, when there is one: opened at First Steps, the Practice
            # pack's second level sat just below the fold and a playtester never saw it
            bottom = tops[i + 2]
        if top < self.scroll:
            self.scroll = top
        elif bottom > self.scroll + view_h:
            self.scroll = bottom - view_h
        self.scroll = max(0, min(self.scroll, max(0, tops[-1] - view_h)))

    def draw(self, surface: pygame.Surface) -> None:
        """Backdrop, the list on the left, the chosen entry's details on the right."""
        w, h = surface.get_size()
        self.chrome.draw(surface)
        text(surface, "Choose a level", 52, (w // 2, 18), INK, "midtop")
        if self.notice:
            text(surface, self.notice, 22, (w // 2, 62), ACCENT, "midtop")
        top, bottom = 84, h - 44
        list_w = max(300, int(w * LIST_SHARE))
        self.list_rect = pygame.Rect(MARGIN, top, list_w, bottom - top)
        self.detail_rect = pygame.Rect(self.list_rect.right + 16, top, w - MARGIN - self.list_rect.right - 16, bottom - top)
        self._draw_list(surface, self.list_rect)
        self._draw_detail(surface, self.detail_rect)
        text(surface, "up / down or wheel: choose   -   Enter or A: briefing   -   Esc: back", 22,
             (w // 2, h - 32), DIM, "midtop")

    def _draw_list(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        self.chrome.panel(surface, box)
        view = box.inflate(-24, -24)
        self._keep_selection_visible(view.h)
        tops = self._row_tops()
        clip = surface.get_clip()
        surface.set_clip(view)
        self.menu.rects = []
        star_w = self.chrome.atlas.scaled("ui.star.full", 1.5).get_width()
        for i, (entry, item) in enumerate(zip(self.entries, self.menu.items, strict=True)):
            row = pygame.Rect(view.x, view.y + tops[i] - self.scroll, view.w, ROW_PX[entry.kind])
            # Whole rows only: a row cut by the panel's edge showed half its letters ("Back" as
            # a row of stubs at the bottom); the scroll bar says there is more.
            visible = view.contains(row)
            self.menu.rects.append(row if visible else pygame.Rect(0, 0, 0, 0))
            if not visible:
                continue
            chosen = i == self.menu.index
            if chosen:
                shade = pygame.Surface(row.size, pygame.SRCALPHA)
                shade.fill((*ACCENT, 60))
                surface.blit(shade, row.topleft)
                surface.fill(ACCENT, (row.x, row.y + 4, 4, row.h - 8))
            if entry.kind == "pack":
                assert entry.pack is not None
                label = text(surface, entry.pack.name.upper(), 22, (row.x + 10, row.bottom - 8), DIM, "bottomleft")
                pygame.draw.line(surface, DIM, (label.right + 10, label.centery), (row.right - 10, label.centery))
            elif entry.kind == "level":
                assert entry.level is not None
                stars_w = 3 * (star_w + 2)  # three icons and their gaps, right-aligned 12 px in
                title, size = fit(entry.level.title, (30, 26, 22), row.w - 18 - stars_w - 20)
                text(surface, title, size, (row.x + 18, row.centery), ACCENT if chosen else INK, "midleft")
                best = self.progress.get(entry.ref)
                self.chrome.star_row(surface, best.stars if best is not None else 0,
                                     (row.right - 12 - stars_w, row.centery - star_w // 2), 1.5, 2)
            elif entry.kind == "broken":
                label, size = fit(item.label, (26, 22), row.w - 24)
                text(surface, label, size, (row.x + 18, row.centery), ACCENT if chosen else (230, 150, 90), "midleft")
            else:
                text(surface, item.label, 30, (row.x + 18, row.centery), ACCENT if chosen else INK, "midleft")
        surface.set_clip(clip)
        total = tops[-1]
        if total > view.h:  # a scroll bar, so a long list shows there is more
            bar_h = max(24, view.h * view.h // total)
            bar_y = view.y + (view.h - bar_h) * self.scroll // max(1, total - view.h)
            surface.fill((70, 64, 74), (box.right - 9, view.y, 3, view.h))
            surface.fill(INK, (box.right - 10, bar_y, 5, bar_h))

    def _draw_detail(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        self.chrome.panel(surface, box)
        inner = box.inflate(-44, -36)
        entry = self.selected
        if entry.kind == "level":
            self._draw_level(surface, inner, entry)
        elif entry.kind == "broken":
            self._draw_broken(surface, inner, entry)
        else:
            text(surface, "Back to the title screen", 32, inner.center, DIM, "center")

    def detail_lines(self) -> list[str]:
        """The detail panel's text for the chosen entry (what ``draw`` shows beside the list)."""
        entry = self.selected
        if entry.kind == "level":
            assert entry.level is not None and entry.pack is not None
            level = entry.level
            if entry.ref not in self._objectives:  # drawn every frame: worked out once per level
                self._objectives[entry.ref] = objective_lines(level)
            lines = [level.title, f"{entry.pack.name}  -  {entry.ref}", level_facts(level)]
            if self._names_for_pad != self.using_pad:  # the keys or the pad's buttons
                self._names, self._names_for_pad = saved_key_names(load_settings()[0], self.using_pad), self.using_pad
            lines += [marked(k, name_keys(o, self._names)) for k, o in self._objectives[entry.ref]]
            best = self.progress.get(entry.ref)
            if level.endless is not None:  # its best time is the longest night, not the fastest win
                lines.append(f"longest night {clock(best.seconds)}  -  best score {best.score}"
                             if best is not None and best.seconds > 0 else "Not yet played")
            elif best is None or (best.stars == 0 and best.score == 0):
                lines.append("Not yet escaped")
            else:
                won = f"best time {clock(best.seconds)}" if best.seconds > 0 else "no win yet"
                lines.append(f"{won}  -  best score {best.score}")
            return lines
        if entry.kind == "broken":
            assert entry.broken is not None and entry.broken.error is not None
            problems = entry.broken.error.problems
            lines = [f"Broken pack: {entry.broken.path.name}", str(entry.broken.path)]
            lines += [p.format() for p in problems]
            lines.append(f"Fix the file and open this screen again. 'hyosan check {entry.broken.path}' "
                         "lists every problem.")
            return lines
        return ["Back to the title screen"]

    def _draw_level(self, surface: pygame.Surface, box: pygame.Rect, entry: Entry) -> None:
        assert entry.level is not None
        lines = self.detail_lines()
        title, where, facts, *rest = lines
        objectives, best_line = rest[:-1], rest[-1]
        title, size = fit(title, (42, 36, 30), box.w)
        y = text(surface, title, size, (box.x, box.y), ACCENT, "topleft").bottom + 2
        where, size = fit(where, (20, 18), box.w)
        y = text(surface, where, size, (box.x, y), DIM, "topleft").bottom + 8
        facts, size = fit(facts, (24, 21, 18), box.w)
        y = text(surface, facts, size, (box.x, y), INK, "topleft").bottom + 10
        obj_lines = [line for o in objectives for line in wrap(o, 22, box.w)]
        below = 24 + 22 * len(obj_lines) + 12 + 40  # objectives, then the best row
        if box.bottom - y - below - 22 < 140:  # a small window: one cut line per objective, a bigger plan
            obj_lines = [fit(o, (22, 20), box.w)[0] for o in objectives]
            below = 24 + 22 * len(obj_lines) + 12 + 40
        plan_h = max(60, box.bottom - y - below - 22)
        self.chrome.plan_block(surface, entry.level, box.x, y, box.w, plan_h, obj_lines, 22, INK,
                               horde_words="horde at the start")
        best = self.progress.get(entry.ref)
        stars = best.stars if best is not None else 0
        icon_h = self.chrome.atlas.scaled("ui.star.full", 2.0).get_height()
        row = self.chrome.star_row(surface, stars, (box.x, box.bottom - icon_h), 2.0, 6)
        text(surface, best_line, 24, (row.right + 16, row.centery), INK if stars else DIM, "midleft")

    def _draw_broken(self, surface: pygame.Surface, box: pygame.Rect, entry: Entry) -> None:
        title, path, *problems = self.detail_lines()
        y = text(surface, title, 36, (box.x, box.y), (230, 150, 90), "topleft").bottom + 4
        for line in wrap(path, 20, box.w):
            y = text(surface, line, 20, (box.x, y), DIM, "topleft").bottom
        y += 10
        for k, problem in enumerate(problems):
            colour = DIM if k == len(problems) - 1 else INK
            for line in wrap(problem, 22, box.w):
                if y + 22 > box.bottom:
                    return
                y = text(surface, line, 22, (box.x, y), colour, "topleft").bottom
            y += 8
