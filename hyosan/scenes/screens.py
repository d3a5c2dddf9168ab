"""The screens of the game: title, level select, briefing, play, pause and results."""

from __future__ import annotations

import gc
from pathlib import Path

import pygame

from ..audio.mixer import Mixer
from ..content.discovery import discover_packs, resolve_level
from ..content.errors import LevelError
from ..content.schema import LevelSpec
from ..control.human import HumanInput
from ..control.keymap import DEFAULT_KEYS, keys_from_names
from ..control.replay import InputSource, Replay, ReplayInput, ReplayRecorder
from ..loop import FixedStepLoop
from ..render.camera import Camera
from ..render.debug_overlay import DebugOverlay
from ..render.panel import PanelPainter
from ..render.presentation import Presentation
from ..render.title_backdrop import TitleBackdrop
from ..settings import load as load_settings
from ..sim.world import World
from .settings_screen import SettingsScene
from .stack import Pop, Push, Quit, Replace, Reset, Scene, Transition
from .ui import ACCENT, BG, DIM, INK, Menu, MenuItem, text, wrap


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
        """Menu keys and clicks; Esc quits."""
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return Quit()
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
        text(surface, "arrows / mouse to choose  -  Enter to confirm  -  Esc to quit", 24, (w // 2, h - 40), DIM, "midtop")


class LevelSelectScene(Scene):
    """Every pack and its levels; a broken pack is listed with its first error."""

    def __init__(self, extra_packs: list[Path]) -> None:
        self.extra_packs = extra_packs
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
                items.append(MenuItem(f"  {level.title}",
                                      (lambda r=ref, lv=level: Push(BriefingScene(r, lv))), detail=ref))
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
        self.menu.draw(surface, w // 2, 140)


class BriefingScene(Scene):
    """The story so far, the objective, then play."""

    def __init__(self, ref: str, level: LevelSpec, seed: int = 0) -> None:
        self.ref, self.level, self.seed = ref, level, seed
        self.menu = Menu([MenuItem("Start", lambda: Replace(PlayScene(ref, level, seed))),
                          MenuItem("Back", lambda: Pop())], size=40)

    def handle(self, event: pygame.event.Event) -> Transition | None:
        """Start or go back."""
        if _back_pressed(event):
            return Pop()
        return self.menu.handle(event)  # type: ignore[return-value]

    def draw(self, surface: pygame.Surface) -> None:
        """Title, briefing text and the menu."""
        surface.fill(BG)
        w, h = surface.get_size()
        text(surface, self.level.title, 64, (w // 2, 50), ACCENT, "midtop")
        y = 140
        for line in wrap(self.level.briefing, 32, min(900, w - 80)):
            text(surface, line, 32, (w // 2, y), INK, "midtop")
            y += 30
        text(surface, f"Par time {self.level.par_seconds:.0f} s", 28, (w // 2, y + 20), DIM, "midtop")
        self.menu.draw(surface, w // 2, h - 170)


class PlayScene(Scene):
    """The game itself: fixed-step simulation driven by the keyboard, drawn interpolated."""

    def __init__(self, ref: str, level: LevelSpec, seed: int = 0, source: InputSource | None = None,
                 record: Path | None = None) -> None:
        self.ref, self.level, self.seed = ref, level, seed
        self.world: World | None = None
        self.paused_for_focus = False
        self.source = source  # None: the keyboard; a ReplayInput plays a replay back
        self.record = record  # write the commands to this replay file
        self.recorder: ReplayRecorder | None = None

    def enter(self) -> None:
        """Build the world and everything that draws it."""
        self.world = World.from_spec(self.level, self.seed)
        self.loop = FixedStepLoop()
        prefs, _ = load_settings()
        self.input: InputSource = self.source or HumanInput(keys_from_names(prefs.bindings))
        self.pause_keys = getattr(self.input, "keys", DEFAULT_KEYS)["pause"]
        if self.record is not None:
            self.recorder = ReplayRecorder(self.record, self.level, self.ref, self.seed)
        self.camera = Camera(1280, 720)
        self.events: list = []  # events of the ticks run this frame, consumed by presentation and audio
        self.present = Presentation(self.world, self.camera, objective=f"{self.level.title}  -  reach the exit",
                                    shake=prefs.screen_shake, captions=prefs.captions)
        self.mixer = Mixer(prefs.master_volume, prefs.music_volume, prefs.effects_volume, prefs.voice_volume)
        self.present.update(0.0, snap=True)
        self.debug = DebugOverlay()
        # Collect once now, then freeze what the level made: full collections walking a few
        # hundred thousand long-lived objects caused 70-80 ms ticks (PERFORMANCE.md).
        gc.collect()
        gc.freeze()

    def exit(self) -> None:
        """Save the recording, if any; drop the world and its surfaces."""
        self.mixer.stop()
        if self.recorder is not None and self.world is not None:
            self.recorder.close(self.world)
            self.recorder = None
        self.world = None
        self.present = None  # type: ignore[assignment]
        gc.unfreeze()  # a level transition: let the old level's objects go
        gc.collect()

    def handle(self, event: pygame.event.Event) -> Transition | None:
        """Esc pauses; losing focus pauses; everything else is game input."""
        if event.type == pygame.KEYDOWN and event.key in self.pause_keys:
            return Push(PauseScene(self))
        if event.type == pygame.WINDOWFOCUSLOST:
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
            return Replace(ResultsScene(self.ref, self.level, world.outcome, world.loss_cause, world.sim_seconds, self.seed))
        if getattr(self.input, "finished", False):  # a replay that stopped before the level ended
            return Replace(ResultsScene(self.ref, self.level, "loss", "the replay ends here", world.sim_seconds, self.seed))
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
        self.debug.draw(surface, self.world, self.camera)


class PauseScene(Scene):
    """Over the game: resume, restart, or quit to the title."""

    overlay = True

    def __init__(self, play: PlayScene) -> None:
        self.play = play
        self.menu = Menu([
            MenuItem("Resume", lambda: Pop()),
            MenuItem("Restart", lambda: Reset(Stacked(TitleScene(), PlayScene(play.ref, play.level, play.seed)))),
            MenuItem("Quit to title", lambda: Reset(TitleScene())),
            MenuItem("Settings", lambda: Push(SettingsScene(self._apply_settings))),
        ])

    def _apply_settings(self, prefs) -> None:
        play = self.play
        play.present.shake.enabled = prefs.screen_shake
        play.present.rings.captions = prefs.captions
        play.mixer.set_volumes(prefs.master_volume, prefs.music_volume, prefs.effects_volume, prefs.voice_volume)
        play.input.keys = keys_from_names(prefs.bindings)

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
    """How it went: outcome, time; retry, choose another level, or go to the title."""

    def __init__(self, ref: str, level: LevelSpec, outcome: str, cause: str, seconds: float, seed: int) -> None:
        self.ref, self.level, self.outcome, self.cause, self.seconds = ref, level, outcome, cause, seconds
        self.menu = Menu([
            MenuItem("Retry", lambda: Replace(PlayScene(ref, level, seed))),
            MenuItem("Level select", lambda: Reset(Stacked(TitleScene(), LevelSelectScene([])))),
            MenuItem("Title", lambda: Reset(TitleScene())),
        ])

    def handle(self, event: pygame.event.Event) -> Transition | None:
        """Menu keys; Esc goes to the title."""
        if _back_pressed(event):
            return Reset(TitleScene())
        return self.menu.handle(event)  # type: ignore[return-value]

    def draw(self, surface: pygame.Surface) -> None:
        """Outcome and time."""
        surface.fill(BG)
        w, h = surface.get_size()
        won = self.outcome == "win"
        text(surface, "ESCAPED" if won else "LOST", 110, (w // 2, h // 6), (110, 220, 130) if won else ACCENT, "midtop")
        text(surface, self.level.title, 40, (w // 2, h // 6 + 110), INK, "midtop")
        reason = {"time": "time ran out", "everyone-down": "nobody made it"}.get(self.cause, self.cause)
        detail = f"time {self.seconds:.1f} s  (par {self.level.par_seconds:.0f} s)" + (f"  -  {reason}" if reason else "")
        text(surface, detail, 32, (w // 2, h // 6 + 160), DIM, "midtop")
        self.menu.draw(surface, w // 2, h // 2 + 20)


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
    return Stacked(title, PlayScene(ref, spec, seed, source=source, record=record))
