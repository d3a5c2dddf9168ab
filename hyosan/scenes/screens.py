"""The screens of the game: title, level select, briefing, play, pause and results."""

from __future__ import annotations

import gc
from pathlib import Path

import pygame

from ..audio.mixer import Mixer
from ..content.discovery import discover_packs, resolve_level
from ..content.errors import LevelError
from ..content.schema import LevelSpec
from ..control.gamepad import BUTTON_NAMES
from ..control.gamepad import pad_from_names as pad_names
from ..control.human import HumanInput
from ..control.keymap import DEFAULT_KEYS, keys_from_names
from ..control.replay import InputSource, Replay, ReplayError, ReplayInput, ReplayRecorder
from ..loop import FixedStepLoop
from ..progress import LevelBest, data_dir
from ..progress import load as load_progress
from ..progress import record as record_progress
from ..render.camera import Camera
from ..render.debug_overlay import DebugOverlay
from ..render.panel import PanelPainter
from ..render.presentation import Presentation
from ..render.title_backdrop import TitleBackdrop
from ..settings import DEFAULT_PAD_BINDINGS
from ..settings import load as load_settings
from ..sim.objectives import LevelResult, Objectives
from ..sim.world import World
from . import window
from .settings_screen import SettingsScene
from .stack import Pop, Push, Quit, Replace, Reset, Scene, Transition
from .ui import ACCENT, BG, DIM, INK, Menu, MenuItem, text, wrap

DIFFICULTY_NAMES = ("story", "normal", "hard")
KEEP_REPLAYS = 20  # the "Record replays" setting keeps this many newest runs in <data>/replays


def auto_replay_path(ref: str) -> Path | None:
    """A fresh file for the "Record replays" setting: ``<data dir>/replays/<pack>-<level>-<time>.jsonl``.

    Older automatic replays beyond the newest ``KEEP_REPLAYS`` are deleted so the folder stays
    small; None when the folder cannot be made (the game plays on unrecorded).
    """
    import time

    folder = data_dir() / "replays"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        old = sorted(folder.glob("*.jsonl"), key=lambda p: p.stat().st_mtime)
        for stale in old[:max(0, len(old) - (KEEP_REPLAYS - 1))]:
            stale.unlink(missing_ok=True)
    except OSError:
        return None
    name = "".join(c if c.isalnum() or c in "-_" else "-" for c in ref.removesuffix(".toml"))[-60:]
    stamp = time.strftime("%Y%m%d-%H%M%S")  # presentation may read the clock; the sim never does
    path, n = folder / f"{name}-{stamp}.jsonl", 1
    while path.exists():
        n += 1
        path = folder / f"{name}-{stamp}-{n}.jsonl"
    return path


def _stars_text(stars: int) -> str:
    """Stars as text for the level list: "***", "*..", or "no stars" (not a row of dots)."""
    return "*" * stars + "." * (3 - stars) if stars > 0 else "no stars"


STAR_SCALE = 3.0  # the results screen's star icons: 16 px art at 48 px


def draw_stars(surface: pygame.Surface, atlas, stars: int, midtop: tuple[int, int]) -> pygame.Rect:
    """Three star icons, ``stars`` of them filled; returns the row's rect."""
    full, empty = atlas.scaled("ui.star.full", STAR_SCALE), atlas.scaled("ui.star.empty", STAR_SCALE)
    gap = 8
    w = 3 * full.get_width() + 2 * gap
    row = pygame.Rect(0, 0, w, full.get_height())
    row.midtop = midtop
    for k in range(3):
        surface.blit(full if k < stars else empty, (row.x + k * (full.get_width() + gap), row.y))
    return row


def _best_detail(ref: str, best: LevelBest | None) -> str:
    if best is None or (best.stars == 0 and best.score == 0):
        return f"{ref}   not yet escaped"
    time = f"best {best.seconds:.1f} s" if best.seconds > 0 else "no win yet"
    return f"{ref}   [{_stars_text(best.stars)}]  {time}  score {best.score}"


def _back_pressed(event: pygame.event.Event) -> bool:
    return (event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE)) or \
        (event.type == pygame.MOUSEBUTTONDOWN and event.button == 3)


class TitleScene(Scene):
    """The first screen: the name, and where to go."""

    def __init__(self, extra_packs: list[Path] | None = None, notice: str = "") -> None:
        self.extra_packs = extra_packs or []
        self.notice = notice  # said once: e.g. the settings file was unreadable
        self.notice_seconds = 8.0 if notice else 0.0
        self.backdrop: TitleBackdrop | None = None
        self.menu = Menu([
            MenuItem("Play", lambda: Push(LevelSelectScene(self.extra_packs))),
            MenuItem("Settings", lambda: Push(SettingsScene())),
            MenuItem("Quit", lambda: Quit()),
        ], size=48, spacing=60)

    def update(self, frame_seconds: float) -> Transition | None:
        """Drift the backdrop; count the notice down."""
        if self.backdrop is not None:
            self.backdrop.update(frame_seconds)
        self.notice_seconds = max(0.0, self.notice_seconds - frame_seconds)
        return None

    def handle(self, event: pygame.event.Event) -> Transition | None:
        """Menu keys and clicks; Esc quits (the pad's B does not: one stray press would end the game)."""
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return None if getattr(event, "pad", False) else Quit()
        return self.menu.handle(event)  # type: ignore[return-value]

    def draw(self, surface: pygame.Surface) -> None:
        """Title, tagline and menu."""
        w, h = surface.get_size()
        if self.backdrop is None:
            self.backdrop = TitleBackdrop()
            self.panels = PanelPainter(self.backdrop.atlas, scale=3)
        logo = self.backdrop.draw(surface)
        text(surface, "The horde hunts by sound. Lead them out.", 34, (w // 2, logo.bottom + 18), INK, "midtop")
        box = pygame.Rect(0, 0, 360, 60 * len(self.menu.items) + 40)
        box.midtop = (w // 2, h // 2 - 10)
        self.panels.draw(surface, box)
        self.menu.draw(surface, w // 2, box.y + 26)
        if self.notice_seconds > 0:
            toast = pygame.Rect(0, 0, min(w - 40, 1100), 44)
            toast.midbottom = (w // 2, h - 70)
            self.panels.draw(surface, toast)
            text(surface, self.notice, 24, toast.center, (240, 200, 90), "center")
        text(surface, "arrows / mouse / pad to choose  -  Enter or A to confirm  -  Esc to quit", 24, (w // 2, h - 40), DIM, "midtop")


class LevelSelectScene(Scene):
    """Every pack and its levels; a broken pack is listed with its first error."""

    def __init__(self, extra_packs: list[Path]) -> None:
        self.extra_packs = extra_packs
        self.progress, self.notice = load_progress()
        items: list[MenuItem] = []
        for entry in discover_packs(extra_packs):  # one header per pack, then its levels
            if entry.pack is None:
                assert entry.error is not None
                items.append(MenuItem(f"[broken pack] {entry.path.name}", lambda: None, enabled=False,
                                      detail=entry.error.first.format()[-110:]))
                continue
            items.append(MenuItem(f"- {entry.pack.name} -", lambda: None, enabled=False,
                                  detail=f"{entry.pack.id} {entry.pack.version}" + (f" by {entry.pack.author}" if entry.pack.author else "")))
            for level in entry.pack.levels:
                ref = f"{entry.pack.id}/{level.id}"
                best = self.progress.get(ref)
                stars = f"  {_stars_text(best.stars)}" if best is not None and best.stars else ""
                items.append(MenuItem(f"  {level.title}{stars}",
                                      (lambda r=ref, lv=level: Push(BriefingScene(r, lv))),
                                      detail=_best_detail(ref, best)))
        items.append(MenuItem("Back", lambda: Pop()))
        self.menu = Menu(items, size=36, spacing=62)

    def handle(self, event: pygame.event.Event) -> Transition | None:
        """Choose a level, or go back."""
        if _back_pressed(event):
            return Pop()
        return self.menu.handle(event)  # type: ignore[return-value]

    def draw(self, surface: pygame.Surface) -> None:
        """The list of levels by pack."""
        surface.fill(BG)
        w, _ = surface.get_size()
        text(surface, "Choose a level", 64, (w // 2, 40), INK, "midtop")
        if self.notice:
            text(surface, self.notice, 22, (w // 2, 104), ACCENT, "midtop")
        self.menu.draw(surface, w // 2, 140)


class BriefingScene(Scene):
    """The story so far, the objective, the difficulty (left / right), then play."""

    def __init__(self, ref: str, level: LevelSpec, seed: int = 0, difficulty: str = "") -> None:
        self.ref, self.level, self.seed = ref, level, seed
        if difficulty not in DIFFICULTY_NAMES:
            prefs, _ = load_settings()
            difficulty = prefs.difficulty if prefs.difficulty in DIFFICULTY_NAMES else "normal"
        self.difficulty = difficulty
        self.menu = Menu([MenuItem("Start", lambda: Replace(PlayScene(ref, level, seed, difficulty=self.difficulty))),
                          MenuItem("Back", lambda: Pop())], size=40)
        objectives = Objectives(level)
        # (mark, text): the required ones numbered in order, then the optional ones (their text
        # says "Optional: ..."). Construction-Site's bait choice is only an optional objective,
        # and its paragraph was the one cut off the end of the briefing.
        required = [objectives.text(o) for o in objectives.items if not o.optional]
        self.objectives = [(f"{i}.", t) for i, t in enumerate(required, 1)]
        self.objectives += [("+", objectives.text(o)) for o in objectives.items if o.optional]

    def _cycle(self, step: int) -> None:
        i = DIFFICULTY_NAMES.index(self.difficulty)
        self.difficulty = DIFFICULTY_NAMES[(i + step) % len(DIFFICULTY_NAMES)]

    def handle(self, event: pygame.event.Event) -> Transition | None:
        """Left / right: difficulty; Enter: start; Esc: back."""
        if _back_pressed(event):
            return Pop()
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_LEFT, pygame.K_a):
            self._cycle(-1)
            return None
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RIGHT, pygame.K_d):
            self._cycle(1)
            return None
        return self.menu.handle(event)  # type: ignore[return-value]

    # Briefing type sizes tried from the largest down until the text fits above the footer.
    BRIEFING_SIZES = (28, 26, 24, 22, 20, 18)
    FOOTER_PX = 260  # par time, the difficulty choice and the two menu items, from the bottom

    def _layout(self, w: int, h: int) -> tuple[int, list[str], int]:
        """(font size, wrapped lines, objective size) for a window: the largest size at which
        the briefing and objectives fit between the title and the footer, else the smallest
        with the briefing cut (ending in "...") so the difficulty and Start stay on screen."""
        key = (w, h)
        if getattr(self, "_layout_key", None) == key:
            return self._layout_cache
        room = h - 120 - self.FOOTER_PX
        fits = False
        for size in self.BRIEFING_SIZES:
            obj = min(24, size)
            # a readable measure first, wider before going smaller (at 1280 px Construction-
            # Site's six paragraphs fit only at 18 px and 1200 wide, with half-line gaps)
            for width in (900, 1100, 1200):
                lines = wrap(self.level.briefing, size, min(width, w - 80))
                fits = self._lines_px(lines, size) + 10 + len(self.objectives) * obj <= room
                if fits:
                    break
            if fits:
                break
        if not fits:
            while len(lines) > 1 and self._lines_px(lines, size) + 10 + len(self.objectives) * obj > room:
                lines = lines[:-1]
            while len(lines) > 1 and lines[-1] == "":
                lines = lines[:-1]
            lines[-1] = lines[-1].rstrip(" .,;:") + " ..."
        self._layout_key, self._layout_cache = key, (size, lines, obj)
        return self._layout_cache

    @staticmethod
    def _lines_px(lines: list[str], size: int) -> int:
        """Height of wrapped briefing lines: a paragraph gap (an empty line) is half a line."""
        return sum((size - 2) // 2 if line == "" else size - 2 for line in lines)

    def draw(self, surface: pygame.Surface) -> None:
        """Title, briefing text, objectives, difficulty and the menu, all inside the window."""
        surface.fill(BG)
        w, h = surface.get_size()
        text(surface, self.level.title, 64, (w // 2, 40), ACCENT, "midtop")
        size, lines, obj = self._layout(w, h)
        y = 120
        for line in lines:
            if line:
                text(surface, line, size, (w // 2, y), INK, "midtop")
            y += self._lines_px([line], size)
        self.text_bottom = y
        y += 10
        for mark, line in self.objectives:
            text(surface, f"{mark} {line}", obj, (w // 2, y), ACCENT if mark != "+" else INK, "midtop")
            y += obj
        text(surface, f"Par time {self.level.par_seconds:.0f} s", 24, (w // 2, y + 8), DIM, "midtop")
        choice = "   ".join(f"[{d.title()}]" if d == self.difficulty else d.title() for d in DIFFICULTY_NAMES)
        y = max(y + 44, h - 215)  # below the objectives, however long the briefing runs
        text(surface, f"<  {choice}  >", 30, (w // 2, y), INK, "midtop")
        self.menu.draw(surface, w // 2, y + 45)


class PlayScene(Scene):
    """The game itself: fixed-step simulation driven by the keyboard, drawn interpolated."""

    max_fps = 144  # drawing is interpolated, so frames beyond the 60 Hz ticks are smoother motion
    raw_pad = True  # the pad plays: sticks and buttons go to the input, not the menu keys

    def __init__(self, ref: str, level: LevelSpec, seed: int = 0, source: InputSource | None = None,
                 record: Path | None = None, difficulty: str = "normal") -> None:
        self.ref, self.level, self.seed = ref, level, seed
        self.difficulty = difficulty if difficulty in DIFFICULTY_NAMES else "normal"
        self.world: World | None = None
        self.paused_for_focus = False
        self.source = source  # None: the keyboard; a ReplayInput plays a replay back
        self.record = record  # write the commands to this replay file
        self.recorder: ReplayRecorder | None = None

    def enter(self) -> None:
        """Build the world and everything that draws it."""
        self.world = World.from_spec(self.level, self.seed, difficulty=self.difficulty)
        self.loop = FixedStepLoop()
        prefs, _ = load_settings()
        self.input: InputSource = self.source or HumanInput(
            keys_from_names(prefs.bindings), pad_names(prefs.pad_bindings, DEFAULT_PAD_BINDINGS), self._lead_pos)
        self.pause_keys = getattr(self.input, "keys", DEFAULT_KEYS)["pause"]
        if self.record is None and self.source is None and prefs.record_replays:
            self.record = auto_replay_path(self.ref)
        if self.record is not None:
            try:  # the replay stores the difficulty, so it re-simulates at the one played
                self.recorder = ReplayRecorder(self.record, self.level, self.ref, self.seed, self.difficulty)
            except ReplayError as exc:  # an unwritable folder must not stop the game
                print(f"hyosan: not recording: {exc}")
                self.recorder = None
        self.camera = Camera(1280, 720)
        self.events: list = []  # events of the ticks run this frame, consumed by presentation and audio
        self.present = Presentation(self.world, self.camera, objective=f"{self.level.title}  -  reach the exit",
                                    shake=prefs.screen_shake, captions=prefs.captions,
                                    flash_reduction=prefs.flash_reduction)
        self.mixer = Mixer(prefs.master_volume, prefs.music_volume, prefs.effects_volume, prefs.voice_volume)
        self.present.update(0.0, snap=True)
        self.debug = DebugOverlay()
        # Collect once now, then freeze what the level made: full collections walking a few
        # hundred thousand long-lived objects caused 70-80 ms ticks (PERFORMANCE.md).
        gc.collect()
        gc.freeze()

    def _lead_pos(self) -> tuple[float, float]:
        """Where the lead stands (px): the origin of a right-stick throw."""
        if self.world is None:
            return 0.0, 0.0
        p = self.world.student_pos(self.world.lead_student)
        return float(p[0]), float(p[1])

    def _pad_pauses(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.CONTROLLERDEVICEREMOVED:
            return True  # the pad was pulled out mid-play: stop before the horde arrives
        if event.type != pygame.CONTROLLERBUTTONDOWN:
            return False
        pad = getattr(self.input, "pad", None) or pad_names({}, DEFAULT_PAD_BINDINGS)
        return BUTTON_NAMES.get(event.button, "") in pad["pause"]

    def exit(self) -> None:
        """Save the recording, if any; drop the world and its surfaces."""
        self.mixer.stop()
        if self.recorder is not None and self.world is not None:
            try:
                self.recorder.close(self.world)
            except ReplayError as exc:  # a full disk loses the replay, not the game
                print(f"hyosan: {exc}")
            self.recorder = None
        self.world = None
        self.present = None  # type: ignore[assignment]
        gc.unfreeze()  # a level transition: let the old level's objects go
        gc.collect()

    def handle(self, event: pygame.event.Event) -> Transition | None:
        """Esc or the pad's Start pauses; losing focus pauses; everything else is game input."""
        if event.type == pygame.KEYDOWN and event.key in self.pause_keys:
            return Push(PauseScene(self))
        if self._pad_pauses(event):
            self.input.on_event(event, lambda p: self.camera.to_world(*p))  # an unplug clears held sticks
            return Push(PauseScene(self))
        if event.type in (pygame.WINDOWFOCUSLOST, pygame.WINDOWMINIMIZED) and not window.recently_changed():
            return Push(PauseScene(self))
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F3:
            self.debug.toggle()
            return None
        self.input.on_event(event, lambda p: self.camera.to_world(*p))
        return None

    def update(self, frame_seconds: float) -> Transition | None:
        """Run the ticks due this frame; go to the results when the level ends."""
        world = self.world
        assert world is not None
        self.loop.run_frame(frame_seconds, lambda _tick: self._step(world))
        self.present.consume(self.events)
        self.mixer.consume(self.events, (self.camera.x, self.camera.y))
        self.events.clear()
        self.present.update(frame_seconds)
        lead = world.student_pos(world.lead_student)
        self.mixer.update(frame_seconds, world, (float(lead[0]), float(lead[1])))
        if world.outcome is not None:
            return Replace(ResultsScene(self.ref, self.level, world.outcome, world.loss_cause, world.sim_seconds,
                                        self.seed, result=world.result, difficulty=self.difficulty,
                                        save=self.source is None))
        if getattr(self.input, "finished", False):  # a replay that stopped before the level ended
            return Replace(ResultsScene(self.ref, self.level, "loss", "the replay ends here", world.sim_seconds, self.seed,
                                        difficulty=self.difficulty, save=False))  # watching is not playing
        return None

    def _step(self, world: World) -> None:
        if world.outcome is not None or getattr(self.input, "finished", False):
            return
        tick_input = self.input.tick_input()
        if self.recorder is not None:
            self.recorder.record(world, tick_input)
        self.events.extend(world.step(tick_input))

    def draw(self, surface: pygame.Surface) -> None:
        """The world, its light and noise, and the HUD."""
        if self.world is None:
            return
        self.present.draw(surface, self.loop.alpha)
        aim = self.input.pad_aim() if isinstance(self.input, HumanInput) else None
        if aim is not None:  # the right stick is aiming a throw: show where it lands
            x, y = self.camera.to_screen(*aim)
            pygame.draw.circle(surface, (20, 16, 10), (round(x), round(y) + 2), 11, 3)
            pygame.draw.circle(surface, (255, 236, 140), (round(x), round(y)), 11, 2)
            pygame.draw.circle(surface, (255, 236, 140), (round(x), round(y)), 2)
        self.debug.draw(surface, self.world, self.camera)


class PauseScene(Scene):
    """Over the game: resume, restart, or quit to the title."""

    overlay = True

    def __init__(self, play: PlayScene) -> None:
        self.play = play
        self.menu = Menu([
            MenuItem("Resume", lambda: Pop()),
            MenuItem("Restart", lambda: Reset(Stacked(TitleScene(), PlayScene(play.ref, play.level, play.seed,
                                                                                difficulty=play.difficulty)))),
            MenuItem("Quit to title", lambda: Reset(TitleScene())),
            MenuItem("Settings", lambda: Push(SettingsScene(self._apply_settings))),
        ])

    def _apply_settings(self, prefs) -> None:
        play = self.play
        play.present.shake.enabled = prefs.screen_shake
        play.present.rings.captions = prefs.captions
        play.present.flash.reduced = prefs.flash_reduction
        play.mixer.set_volumes(prefs.master_volume, prefs.music_volume, prefs.effects_volume, prefs.voice_volume)
        if isinstance(play.input, HumanInput):
            play.input.keys = keys_from_names(prefs.bindings)
            play.input.pad = pad_names(prefs.pad_bindings, DEFAULT_PAD_BINDINGS)
            play.pause_keys = play.input.keys["pause"]

    def handle(self, event: pygame.event.Event) -> Transition | None:
        """Esc resumes."""
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_p):
            return Pop()
        return self.menu.handle(event)  # type: ignore[return-value]

    def draw(self, surface: pygame.Surface) -> None:
        """Dim what is below and show the menu."""
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 170))
        surface.blit(shade, (0, 0))
        w, h = surface.get_size()
        text(surface, "Paused", 80, (w // 2, h // 4), INK, "midtop")
        self.menu.draw(surface, w // 2, h // 2 - 40)


class Stacked(Scene):
    """A scene that, once entered, pushes another over itself (title with a level on top)."""

    def __init__(self, base: Scene, then: Scene) -> None:
        self.base = base
        self.then: Scene | None = then

    def enter(self) -> None:
        """Enter the base scene."""
        self.base.enter()

    def exit(self) -> None:
        """Exit the base scene."""
        self.base.exit()

    def handle(self, event: pygame.event.Event) -> Transition | None:
        """The base scene's input."""
        return self.base.handle(event)

    def update(self, frame_seconds: float) -> Transition | None:
        """On the first frame, push the scene that goes on top."""
        if self.then is not None:
            then, self.then = self.then, None
            return Push(then)
        return self.base.update(frame_seconds)

    def draw(self, surface: pygame.Surface) -> None:
        """The base scene."""
        self.base.draw(surface)


class ResultsScene(Scene):
    """How it went: outcome, survivors, time, noise, score and stars; saves the best to the
    progress file; retry, choose another level, or go to the title."""

    def __init__(self, ref: str, level: LevelSpec, outcome: str, cause: str, seconds: float, seed: int,
                 result: LevelResult | None = None, difficulty: str = "normal", save: bool = True) -> None:
        self.ref, self.level, self.outcome, self.cause, self.seconds = ref, level, outcome, cause, seconds
        self.result = result
        self.difficulty = difficulty  # what Retry plays at
        self.atlas = None  # the star icons' atlas, loaded on the first draw
        self.best: LevelBest | None = None
        self.notice = ""
        if result is not None and save:  # played, not a replay watched back
            self.best, self.notice = record_progress(ref, result.stars, result.score, result.seconds,
                                                     result.outcome == "win")
        self.menu = Menu([
            MenuItem("Retry", lambda: Replace(PlayScene(ref, level, seed, difficulty=difficulty))),
            MenuItem("Level select", lambda: Reset(Stacked(TitleScene(), LevelSelectScene([])))),
            MenuItem("Title", lambda: Reset(TitleScene())),
        ])

    def handle(self, event: pygame.event.Event) -> Transition | None:
        """Menu keys; Esc goes to the title."""
        if _back_pressed(event):
            return Reset(TitleScene())
        return self.menu.handle(event)  # type: ignore[return-value]

    def draw(self, surface: pygame.Surface) -> None:
        """Outcome, survivors, time, noise, score and stars."""
        surface.fill(BG)
        w, h = surface.get_size()
        won = self.outcome == "win"
        top = h // 8
        text(surface, "ESCAPED" if won else "LOST", 100, (w // 2, top), (110, 220, 130) if won else ACCENT, "midtop")
        text(surface, self.level.title, 40, (w // 2, top + 100), INK, "midtop")
        reason = {"time": "time ran out", "everyone-down": "nobody made it"}.get(self.cause, self.cause)
        detail = f"time {self.seconds:.1f} s  (par {self.level.par_seconds:.0f} s)" + (f"  -  {reason}" if reason else "")
        text(surface, detail, 30, (w // 2, top + 148), DIM, "midtop")
        r = self.result
        if r is not None:
            text(surface, f"survivors {r.survivors}/{r.squad}    noise made {r.noise:.0f}    score {r.score}",
                 30, (w // 2, top + 184), INK, "midtop")
            if self.atlas is None:
                from ..render.atlas import Atlas

                self.atlas = Atlas()
            draw_stars(surface, self.atlas, r.stars, (w // 2, top + 218))  # none earned: three empty stars
            if self.best is not None:
                b = self.best
                won = f"{b.seconds:.1f} s" if b.seconds > 0 else "no win yet"
                text(surface, f"personal best:  {_stars_text(b.stars)}  -  {won}  -  score {b.score}", 24,
                     (w // 2, top + 274), DIM, "midtop")
        if self.notice:
            text(surface, self.notice, 22, (w // 2, top + 300), ACCENT, "midtop")
        self.menu.draw(surface, w // 2, h // 2 + 60)


def first_scene(level: str | None, extra_packs: list[Path], seed: int, notice: str = "",
                record: Path | None = None, replay: Replay | None = None) -> Scene:
    """The title, or the title with a level already started over it (``hyosan play LEVEL``),
    recording to ``record`` or playing ``replay`` back."""
    title = TitleScene(extra_packs, notice)
    if level is None:
        return title
    try:
        ref, spec = resolve_level(level, extra_packs)
    except LevelError:
        return title
    source = ReplayInput(replay) if replay is not None else None
    # The settings' difficulty; a replay plays back at the one its header names (a recording
    # stores the difficulty it was made at, so it verifies).
    difficulty = replay.difficulty if replay is not None else load_settings()[0].difficulty
    return Stacked(title, PlayScene(ref, spec, seed, source=source, record=record, difficulty=difficulty))
