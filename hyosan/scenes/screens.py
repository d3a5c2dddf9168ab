"""The screens of the game: title, level select, briefing, play, pause and results."""

from __future__ import annotations

from pathlib import Path

import pygame

from ..content.discovery import discover_packs, resolve_level
from ..content.errors import LevelError
from ..content.schema import LevelSpec
from ..control.human import HumanInput
from ..control.keymap import DEFAULT_KEYS
from ..control.replay import InputSource, Replay, ReplayInput, ReplayRecorder
from ..loop import FixedStepLoop
from ..render.camera import Camera
from ..render.world_view import WorldView
from ..sim.world import World
from .stack import Pop, Push, Quit, Replace, Reset, Scene, Transition
from .ui import ACCENT, BG, DIM, INK, Menu, MenuItem, text, wrap


def _back_pressed(event: pygame.event.Event) -> bool:
    return (event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE)) or \
        (event.type == pygame.MOUSEBUTTONDOWN and event.button == 3)


class TitleScene(Scene):
    """The first screen: the name, and where to go."""

    def __init__(self, extra_packs: list[Path] | None = None) -> None:
        self.extra_packs = extra_packs or []
        self.menu = Menu([
            MenuItem("Play", lambda: Push(LevelSelectScene(self.extra_packs))),
            MenuItem("Quit", lambda: Quit()),
        ], size=48, spacing=60)

    def handle(self, event: pygame.event.Event) -> Transition | None:
        """Menu keys and clicks; Esc quits."""
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return Quit()
        return self.menu.handle(event)  # type: ignore[return-value]

    def draw(self, surface: pygame.Surface) -> None:
        """Title, tagline and menu."""
        surface.fill(BG)
        w, h = surface.get_size()
        text(surface, "HYOSAN", 140, (w // 2, h // 5), ACCENT, "midtop")
        text(surface, "The horde hunts by sound. Lead them out.", 34, (w // 2, h // 5 + 120), DIM, "midtop")
        self.menu.draw(surface, w // 2, h // 2 + 20)
        text(surface, "arrows / mouse to choose  -  Enter to confirm  -  Esc to quit", 24, (w // 2, h - 40), DIM, "midtop")


class LevelSelectScene(Scene):
    """Every pack and its levels; a broken pack is listed with its first error."""

    def __init__(self, extra_packs: list[Path]) -> None:
        self.extra_packs = extra_packs
        items: list[MenuItem] = []
        for entry in discover_packs(extra_packs):
            if entry.pack is None:
                assert entry.error is not None
                items.append(MenuItem(f"[broken pack] {entry.path.name}", lambda: None, enabled=False,
                                      detail=entry.error.first.format()[-110:]))
                continue
            for level in entry.pack.levels:
                ref = f"{entry.pack.id}/{level.id}"
                items.append(MenuItem(f"{entry.pack.name}: {level.title}",
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
        self.input: InputSource = self.source or HumanInput()
        self.pause_keys = getattr(self.input, "keys", DEFAULT_KEYS)["pause"]
        if self.record is not None:
            self.recorder = ReplayRecorder(self.record, self.level, self.ref, self.seed)
        self.camera = Camera(1280, 720)
        self.view = WorldView(self.world, self.camera.scale)
        lead = self.world.student_pos(self.world.lead_student)
        self.camera.follow(lead[0], lead[1], self.world.tilemap.width_px, self.world.tilemap.height_px, snap=True)

    def exit(self) -> None:
        """Save the recording, if any; drop the world and its surfaces."""
        if self.recorder is not None and self.world is not None:
            self.recorder.close(self.world)
            self.recorder = None
        self.world = None
        self.view = None  # type: ignore[assignment]

    def handle(self, event: pygame.event.Event) -> Transition | None:
        """Esc pauses; losing focus pauses; everything else is game input."""
        if event.type == pygame.KEYDOWN and event.key in self.pause_keys:
            return Push(PauseScene(self))
        if event.type == pygame.WINDOWFOCUSLOST:
            return Push(PauseScene(self))
        self.input.on_event(event, lambda p: self.camera.to_world(*p))
        return None

    def update(self, frame_seconds: float) -> Transition | None:
        """Run the ticks due this frame; go to the results when the level ends."""
        world = self.world
        assert world is not None
        self.loop.run_frame(frame_seconds, lambda _tick: self._step(world))
        lead = world.student_pos(world.lead_student)
        self.camera.follow(lead[0], lead[1], world.tilemap.width_px, world.tilemap.height_px)
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
        world.step(tick_input)

    def draw(self, surface: pygame.Surface) -> None:
        """The world and a minimal HUD (objective, time, stamina)."""
        world = self.world
        if world is None:
            return
        surface.fill((0, 0, 0))
        self.camera.view_w, self.camera.view_h = surface.get_size()
        self.view.draw(surface, self.camera, self.loop.alpha)
        lead = world.lead_student
        title = "replay" if self.source is not None else "reach the exit"
        text(surface, f"{self.level.title}  -  {title}", 28, (16, 12))
        text(surface, f"{world.sim_seconds:6.1f} s", 28, (surface.get_width() - 16, 12), INK, "topright")
        bar = pygame.Rect(16, surface.get_height() - 28, 200, 12)
        pygame.draw.rect(surface, (40, 40, 40), bar)
        pygame.draw.rect(surface, (90, 200, 120) if not lead.exhausted else (200, 90, 60),
                         (bar.x, bar.y, int(bar.w * lead.stamina), bar.h))
        text(surface, f"{lead.id}  stamina", 22, (bar.right + 10, bar.y - 2), DIM)


class PauseScene(Scene):
    """Over the game: resume, restart, or quit to the title."""

    overlay = True

    def __init__(self, play: PlayScene) -> None:
        self.play = play
        self.menu = Menu([
            MenuItem("Resume", lambda: Pop()),
            MenuItem("Restart", lambda: Reset(Stacked(TitleScene(), PlayScene(play.ref, play.level, play.seed)))),
            MenuItem("Quit to title", lambda: Reset(TitleScene())),
        ])

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


def first_scene(level: str | None, extra_packs: list[Path], seed: int, record: Path | None = None,
                replay: Replay | None = None) -> Scene:
    """The title, or the title with a level already started over it (``hyosan play LEVEL``),
    recording to ``record`` or playing ``replay`` back."""
    title = TitleScene(extra_packs)
    if level is None:
        return title
    try:
        ref, spec = resolve_level(level, extra_packs)
    except LevelError:
        return title
    source = ReplayInput(replay) if replay is not None else None
    return Stacked(title, PlayScene(ref, spec, seed, source=source, record=record))
