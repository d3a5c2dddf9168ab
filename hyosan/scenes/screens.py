"""The screens of the game: title, level select, briefing, play, pause and results."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from pathlib import Path

import pygame

from ..audio.mixer import Mixer
from ..content.discovery import PRACTICE_FOLDER, resolve_level
from ..content.errors import LevelError
from ..content.schema import LevelSpec
from ..control.gamepad import BUTTON_NAMES
from ..control.gamepad import pad_from_names as pad_names
from ..control.human import DOOR_ONLY, NOT_YET, HumanInput
from ..control.keymap import DEFAULT_KEYS, keys_from_names
from ..control.perceive import zombies_alerted
from ..control.replay import InputSource, Replay, ReplayError, ReplayInput, ReplayRecorder
from ..loop import MAX_FRAME_SECONDS, MAX_TICKS_PER_FRAME, FixedStepLoop
from ..playtest import rehearsal
from ..progress import LevelBest, data_dir
from ..progress import load as load_progress
from ..progress import record as record_progress
from ..render.arrows import draw_throw_aim
from ..render.camera import Camera
from ..render.debug_overlay import DebugOverlay
from ..render.door_alarms import door_state_lines
from ..render.friend_pick import draw_friend_pick
from ..render.hud import whole_clock
from ..render.noise_report import NoiseTally, noise_rating
from ..render.presentation import Presentation
from ..render.prompts import grab_hint, use_hint, uses_left_words
from ..settings import DEFAULT_PAD_BINDINGS, VIEW_ZOOMS
from ..settings import load as load_settings
from ..settings import save as save_settings
from ..sim.objectives import LevelResult, noise_cost
from ..sim.units import TICK_HZ
from ..sim.world import World
from . import window
from .briefing import DIFFICULTY_NAMES, BriefingScene, control_hints, key_names, pad_control_hints
from .chrome import MenuChrome
from .level_select import (
    LevelSelectScene,
    campaign_finished,
    campaign_next,
    first_level_of,
    next_level,
    remember_packs,
    score_mode_first,
    session_packs,
)
from .replays import ReplaysScene, replay_files
from .settings_screen import SettingsScene
from .stack import Pop, Push, Quit, Replace, Reset, Scene, Transition
from .ui import (
    ACCENT,
    BG,
    DIM,
    INK,
    OBJECTIVE,
    WARN,
    Menu,
    MenuItem,
    clock,
    fit,
    font,
    text,
    wrap,
    wrap_items,
)

KEEP_REPLAYS = 20  # the "Record replays" setting keeps this many newest runs in <data>/replays
STALE_RECORDING_SECONDS = 24 * 3600  # s: a recording's temp file this old was left by a crash, not a game running now
# s the results screen ignores presses after play ends (keys still in flight). 0.8 s was too
# short: a playtester mashing Space (hit) as the last of the squad went down had Retry chosen
# by it before the results were read.
RESULTS_INPUT_GRACE = 1.5
# s the throw's landing marker follows the mouse after it last moved: a player aiming with the
# mouse sees where Q would land; one playing on the keyboard alone sees no marker at all
MOUSE_AIM_SECONDS = 3.0
RESULTS_MOMENTS = 8  # turns for the worse the results list (room for every friend and what gave way)
# Rates a watched replay plays at (sim s per real s), stepped with Left/Right or the d-pad: a
# designer looking for the moment at 4:30 of a bot's run must not sit through the first four
# minutes, and a lunge over in a quarter second wants a slow look.
REPLAY_SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
REPLAY_FASTER_KEYS = (pygame.K_RIGHT, pygame.K_PERIOD, pygame.K_RIGHTBRACKET, pygame.K_EQUALS, pygame.K_KP_PLUS)
REPLAY_SLOWER_KEYS = (pygame.K_LEFT, pygame.K_COMMA, pygame.K_LEFTBRACKET, pygame.K_MINUS, pygame.K_KP_MINUS)


def auto_replay_path(ref: str) -> Path | None:
    """A fresh file for the "Record replays" setting: ``<data dir>/replays/<pack>-<level>-<time>.jsonl``.

    Older automatic replays beyond the newest ``KEEP_REPLAYS`` are deleted so the folder stays
    small, and so are a recording's hidden temp files a crash left more than a day ago (a kill
    mid-level leaves the recording unfinished in ``.<name>.<random>.tmp``: it never becomes a
    replay); None when the folder cannot be made (the game plays on unrecorded).
    """
    import time

    folder = data_dir() / "replays"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        old = sorted(folder.glob("*.jsonl"), key=lambda p: p.stat().st_mtime)
        for stale in old[:max(0, len(old) - (KEEP_REPLAYS - 1))]:
            stale.unlink(missing_ok=True)
        for left in folder.glob(".*.jsonl.*.tmp"):
            if time.time() - left.stat().st_mtime > STALE_RECORDING_SECONDS:
                left.unlink(missing_ok=True)
    except OSError:
        return None
    name = "".join(c if c.isalnum() or c in "-_" else "-" for c in ref.removesuffix(".toml"))[-60:]
    stamp = time.strftime("%Y%m%d-%H%M%S")  # presentation may read the clock; the sim never does
    path, n = folder / f"{name}-{stamp}.jsonl", 1
    while path.exists():
        n += 1
        path = folder / f"{name}-{stamp}-{n}.jsonl"
    return path


def _back_pressed(event: pygame.event.Event) -> bool:
    return (event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE)) or \
        (event.type == pygame.MOUSEBUTTONDOWN and event.button == 3)


class TitleScene(Scene):
    """The first screen: the name, and where to go."""

    def __init__(self, extra_packs: list[Path] | None = None, notice: str = "") -> None:
        self.extra_packs = session_packs() if extra_packs is None else extra_packs
        self.notice = notice  # said once: e.g. the settings file was unreadable
        self.notice_seconds = 8.0 if notice else 0.0
        self.chrome = MenuChrome()
        items = [
            MenuItem("Play", lambda: Push(LevelSelectScene(self.extra_packs))),
            MenuItem("Settings", lambda: Push(SettingsScene())),
            MenuItem("Quit", lambda: Quit()),
        ]
        nights = score_mode_first()
        if nights is not None:  # the score mode, one press away (else it hid below the lab pack)
            items.insert(1, MenuItem("Hyosan Nights", lambda: Push(LevelSelectScene(self.extra_packs, select=nights))))
        practice = first_level_of(PRACTICE_FOLDER)
        if practice is not None:  # the two levels that teach, one press away (they list last)
            items.insert(1, MenuItem("Practice", lambda: Push(LevelSelectScene(self.extra_packs, select=practice))))
        self.continue_ref, progress_notice = campaign_next()
        if progress_notice:  # a broken progress file was set aside just now: say so here, once
            self.notice = f"{self.notice}  {progress_notice}".strip()
            self.notice_seconds = 8.0
        if self.continue_ref is not None:  # the campaign is under way: straight to its next briefing
            items.insert(0, MenuItem("Continue", self._continue))
        if replay_files():  # runs the "Record replays" setting kept, to watch again
            items.insert(-2, MenuItem("Replays", lambda: Push(ReplaysScene())))
        self.menu = Menu(items, size=48, spacing=60)

    def _continue(self) -> Transition | None:
        try:
            ref, spec = resolve_level(self.continue_ref or "", self.extra_packs)
        except LevelError:
            return Push(LevelSelectScene(self.extra_packs))
        return Push(Stacked(LevelSelectScene(self.extra_packs, select=ref), BriefingScene(ref, spec)))

    def update(self, frame_seconds: float) -> Transition | None:
        """Drift the backdrop; count the notice down."""
        self.chrome.update(frame_seconds)
        self.notice_seconds = max(0.0, self.notice_seconds - frame_seconds)
        return None

    def handle(self, event: pygame.event.Event) -> Transition | None:
        """Menu keys and clicks. Esc goes to Quit, and a second Esc quits: a playtester pressing Esc
        to pause as a level ended went through the results to the title and out of the game.
        (The pad's B does neither: one stray press would end the game.)"""
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            if getattr(event, "pad", False):
                return None
            last = len(self.menu.items) - 1  # Quit
            if self.menu.index != last:
                self.menu.index = last
                return None
            return Quit()
        return self.menu.handle(event)  # type: ignore[return-value]

    def draw(self, surface: pygame.Surface) -> None:
        """Title, tagline and menu."""
        w, h = surface.get_size()
        logo = self.chrome.draw(surface, logo=True)
        tagline = text(surface, "The horde hunts by sound. Lead them out.", 34, (w // 2, logo.bottom + 18), INK, "midtop")
        # The menu fits between the tagline and the footer: up to five items in a 960x540 window.
        n = len(self.menu.items)
        room = (h - 50) - (tagline.bottom + 16) - 30
        self.menu.spacing = max(34, min(60, room // n))
        self.menu.size = min(48, self.menu.spacing * 4 // 5)
        box = pygame.Rect(0, 0, 360, self.menu.spacing * n + 30)
        box.midtop = (w // 2, max(tagline.bottom + 16, min(h // 2 - 10, h - 50 - box.h)))
        self.chrome.panel(surface, box)
        self.menu.draw(surface, w // 2, box.y + 18)
        if self.notice_seconds > 0:
            toast = pygame.Rect(0, 0, min(w - 40, 1100), 44)
            toast.midbottom = (w // 2, h - 70)
            self.chrome.panel(surface, toast)
            text(surface, self.notice, 24, toast.center, (240, 200, 90), "center")
        text(surface, "arrows / mouse / pad to choose  -  Enter or A to confirm  -  Esc twice to quit", 24, (w // 2, h - 40), DIM, "midtop")


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
        self._asked_to_record = record is not None  # (``--record FILE``; not the settings' switch)
        self.watching = isinstance(source, ReplayInput)  # a replay watched back, not a run played
        self.speed_index = REPLAY_SPEEDS.index(1.0)

    @property
    def playback(self) -> float:
        """Sim seconds per real second: 1 in play; the chosen rate while watching a replay."""
        return REPLAY_SPEEDS[self.speed_index] if self.watching else 1.0

    def _change_speed(self, event: pygame.event.Event) -> bool:
        """While watching: Right/Left (or the d-pad) step the playback rate. True if it did."""
        step = 0
        if event.type == pygame.KEYDOWN:
            step = 1 if event.key in REPLAY_FASTER_KEYS else -1 if event.key in REPLAY_SLOWER_KEYS else 0
        elif event.type == pygame.CONTROLLERBUTTONDOWN:
            name = BUTTON_NAMES.get(event.button, "")
            step = 1 if name == "dpright" else -1 if name == "dpleft" else 0
        if step == 0:
            return False
        self.speed_index = min(max(self.speed_index + step, 0), len(REPLAY_SPEEDS) - 1)
        self._fit_loop()
        return True

    def _fit_loop(self) -> None:
        """Fast playback runs more ticks a frame than play's catch-up cap allows (a frame's real
        time is clamped before it is scaled up, in ``update``)."""
        self.loop.max_ticks = max(MAX_TICKS_PER_FRAME, round(MAX_TICKS_PER_FRAME * self.playback))
        self.loop.max_frame = MAX_FRAME_SECONDS * max(1.0, self.playback)

    def enter(self) -> None:
        """Build the world and everything that draws it."""
        if rehearsal.needed():
            self._rehearse()
        self.world = World.from_spec(self.level, self.seed, difficulty=self.difficulty)
        self.loop = FixedStepLoop()
        self._fit_loop()  # a replay watched again starts at the rate it was last watched at
        prefs, _ = load_settings()
        self.input: InputSource = self.source or HumanInput(
            keys_from_names(prefs.bindings), pad_names(prefs.pad_bindings, DEFAULT_PAD_BINDINGS), self._lead_pos,
            self._use_target)
        self.pause_keys = getattr(self.input, "keys", DEFAULT_KEYS)["pause"]
        if self.record is None and self.source is None and prefs.record_replays:
            self.record = auto_replay_path(self.ref)
        if self.record is not None:
            try:  # the replay stores the difficulty, so it re-simulates at the one played
                self.recorder = ReplayRecorder(self.record, self.level, self.ref, self.seed, self.difficulty)
            except ReplayError as exc:  # an unwritable folder must not stop the game
                print(f"hyosan: not recording: {exc}")
                self.recorder = None
        self.camera = Camera(1280, 720, scale=prefs.view_zoom)
        self.events: list = []  # events of the ticks run this frame, consumed by presentation and audio
        # per tick run this frame: its time (s of play), its events' span in ``events``, and the
        # chase as it left it (Ticker.chase_state)
        self._tick_spans: list[tuple[float, int, int, tuple[bool, bool, bool, bool]]] = []
        self.present = Presentation(self.world, self.camera, objective=f"{self.level.title}  -  reach the exit",
                                    shake=prefs.screen_shake, captions=prefs.captions,
                                    flash_reduction=prefs.flash_reduction, objective_arrow=prefs.objective_arrow)
        self.mixer = Mixer(prefs.master_volume, prefs.music_volume, prefs.effects_volume, prefs.voice_volume)
        self.present.ticker.watched_per_tick = True  # update() hands it the chase tick by tick
        self.present.update(0.0, snap=True)
        self.debug = DebugOverlay()
        self._mouse_aim_seconds = 0.0  # s left showing where Q would throw (the mouse moved lately)
        # Collect once now, then freeze what the level made: full collections walking a few
        # hundred thousand long-lived objects caused 70-80 ms ticks (PERFORMANCE.md).
        gc.collect()
        gc.freeze()

    def _rehearse(self) -> None:
        """The first level played with this build on this machine: compile the simulation's
        kernels now, saying so, rather than stalling the first seconds of play (see
        ``playtest.rehearsal``). A failure here costs only those stalls, never the level."""
        screen = pygame.display.get_surface()
        if screen is not None:
            screen.fill(BG)
            w, h = screen.get_size()
            text(screen, "Preparing the horde for this machine", 30, (w / 2, h / 2 - 20), anchor="center")
            text(screen, "first run of this version only - a few seconds", 20, (w / 2, h / 2 + 20), DIM,
                 anchor="center")
            pygame.display.flip()
        pygame.event.pump()  # (the window manager hears from us before the wait)
        try:
            rehearsal.rehearse(self.level, self.seed)
        except Exception as exc:  # noqa: BLE001 - a compile problem must not cost the player the level
            print(f"hyosan: preparing the simulation failed ({type(exc).__name__}: {exc}); playing on",
                  file=sys.stderr)

    def _use_target(self) -> str | None:
        """What E would work for the lead now ("door", "station", "coupling"...; the prompt's
        kind), or None: at a door the input waits to see a tap before it sends the use, unless
        no prop is in reach to grab ("door, nothing to grab"): then any press works the door."""
        if self.world is None:
            return None
        hint = use_hint(self.world)
        if hint is not None and hint.kind == "door" and grab_hint(self.world) is None:
            return DOOR_ONLY
        if hint is not None and hint.kind == "station" and not hint.ready:
            # E does nothing there yet, so its hold is no station's: beside the Classroom's
            # intercom before the drone, a hold then walked onto two desks and grabbed neither
            return NOT_YET
        return hint.kind if hint is not None else None

    def _lead_pos(self) -> tuple[float, float]:
        """Where the lead stands (px): the origin of a right-stick throw."""
        if self.world is None:
            return 0.0, 0.0
        p = self.world.student_pos(self.world.lead_student)
        return float(p[0]), float(p[1])

    def _zoom_pressed(self, event: pygame.event.Event) -> bool:
        """Whether ``event`` is the view's key (Z) or pad button (Back), as the player bound them."""
        if event.type == pygame.KEYDOWN:
            return event.key in getattr(self.input, "keys", DEFAULT_KEYS)["zoom"]
        if event.type == pygame.CONTROLLERBUTTONDOWN:
            pad = getattr(self.input, "pad", None) or pad_names({}, DEFAULT_PAD_BINDINGS)
            return BUTTON_NAMES.get(event.button, "") in pad["zoom"]
        return False

    def toggle_zoom(self) -> None:
        """The view near / far, kept in the settings for the next level (a player who wants to see
        the woods from far away wants it in the yard too). A settings file that cannot be written
        leaves the view changed for this session."""
        zooms = VIEW_ZOOMS
        scale = zooms[(zooms.index(self.camera.scale) + 1) % len(zooms)] if self.camera.scale in zooms else zooms[0]
        self.present.set_zoom(scale)
        prefs, _ = load_settings()
        prefs.view_zoom = scale
        try:
            save_settings(prefs)
        except OSError:
            pass

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
            unplugged = event.type == pygame.CONTROLLERDEVICEREMOVED
            return Push(PauseScene(self, PauseScene.PAD_GONE if unplugged else ""))
        if event.type in (pygame.WINDOWFOCUSLOST, pygame.WINDOWMINIMIZED) and not window.recently_changed():
            return Push(PauseScene(self))
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F3:
            self.debug.toggle()
            return None
        if self._zoom_pressed(event):
            self.toggle_zoom()
            return None
        if self.watching and self._change_speed(event):
            return None
        if event.type == pygame.MOUSEMOTION:
            self._mouse_aim_seconds = MOUSE_AIM_SECONDS
        self.input.on_event(event, lambda p: self.camera.to_world(*p))
        return None

    def update(self, frame_seconds: float) -> Transition | None:
        """Run the ticks due this frame; go to the results when the level ends."""
        world = self.world
        assert world is not None
        self._mouse_aim_seconds = max(0.0, self._mouse_aim_seconds - frame_seconds)
        self.loop.run_frame(min(frame_seconds, MAX_FRAME_SECONDS) * self.playback, lambda _tick: self._step(world))
        ticker = self.present.ticker
        for now, first, last, chase in self._tick_spans:
            self.present.consume(self.events[first:last], now)
            ticker.watch_chase(now, *chase)  # in tick order, after that tick's own events
        self.mixer.consume(self.events, (self.camera.x, self.camera.y))
        self.events.clear()
        self._tick_spans.clear()
        self.present.aim = self.input.pad_aim() if isinstance(self.input, HumanInput) else None
        self.present.update(frame_seconds)
        lead = world.student_pos(world.lead_student)
        self.mixer.update(frame_seconds, world, (float(lead[0]), float(lead[1])))
        if world.outcome is not None:
            return Replace(ResultsScene(self.ref, self.level, world.outcome, world.loss_cause, world.sim_seconds,
                                        self.seed, result=world.result, difficulty=self.difficulty,
                                        save=self.source is None, moments=self.present.ticker.how_it_was_won(RESULTS_MOMENTS)
                                        if world.outcome == "win" and world.spec.endless is None
                                        else self.present.ticker.what_happened(RESULTS_MOMENTS),
                                        input_grace=RESULTS_INPUT_GRACE, rewatch=self._rewatch(),
                                        retry_record=next_recording(self.record) if self._asked_to_record else None,
                                        noise=self.present.noise_tally))
        if getattr(self.input, "finished", False):  # a replay that stopped before the level ended
            return Replace(ResultsScene(self.ref, self.level, "loss", "the replay ends here", world.sim_seconds, self.seed,
                                        difficulty=self.difficulty, save=False,  # watching is not playing
                                        rewatch=self._rewatch()))
        return None

    def _rewatch(self) -> Callable[[], Scene] | None:
        """For a watched replay: a maker of the same replay watched again from the start, at the
        rate it was last watched at (None in play)."""
        if not isinstance(self.source, ReplayInput):
            return None
        replay, rate = self.source.replay, self.speed_index

        def again() -> Scene:
            scene = PlayScene(self.ref, self.level, self.seed, source=ReplayInput(replay), difficulty=self.difficulty)
            scene.speed_index = rate
            return scene
        return again

    def _step(self, world: World) -> None:
        if world.outcome is not None or getattr(self.input, "finished", False):
            return
        tick_input = self.input.tick_input()
        if self.recorder is not None:
            self.recorder.record(world, tick_input)
        first = len(self.events)
        lead = world.lead_student
        self.events.extend(world.step(tick_input))
        if world.lead_student is not lead and not lead.alive and isinstance(self.input, HumanInput):
            self.input.lead_lost()
        # the chase as this tick left it: the ticker's "Seen" is the same however many ticks a
        # frame runs (a replay at x8 and the same at x1)
        self._tick_spans.append((world.sim_seconds, first, len(self.events), self.present.ticker.chase_state()))

    def draw(self, surface: pygame.Surface) -> None:
        """The world, its light and noise, and the HUD."""
        if self.world is None:
            return
        # The player's own controls for E / Q / T in prompts and objectives, from the live
        # bindings (the pause screen's settings may have changed them): a few dict lookups.
        self.present.prompts.key_names = key_names(getattr(self.input, "keys", DEFAULT_KEYS),
                                                   getattr(self.input, "pad", None) or pad_names({}, DEFAULT_PAD_BINDINGS),
                                                   self.using_pad)
        # the new lead stands while the fallen lead's move is still held: the HUD says why
        self.present.hud.held_back_by = self.input.held_back_by() if isinstance(self.input, HumanInput) else ""
        self.present.draw(surface, self.loop.alpha)
        aim = self.input.pad_aim() if isinstance(self.input, HumanInput) else None
        pointer = None
        if aim is None and self._mouse_aim_seconds > 0.0 and pygame.mouse.get_focused() and not self.watching:
            aim = pointer = self.camera.to_world(*pygame.mouse.get_pos())  # the mouse moved lately: Q throws there
        if aim is not None:  # where a throw now would land, cut short by walls or its range
            draw_throw_aim(surface, self.camera, self.world, aim)
        if pointer is not None and isinstance(self.input, HumanInput):  # and G orders the friend by the pointer
            draw_friend_pick(surface, self.camera, self.world, pointer, self.present.hud.font(18),
                             self.present.prompts.key_names.get("G", "G"))
        if self.watching:
            self._draw_replay_tag(surface)
        self.debug.draw(surface, self.world, self.camera)

    def replay_tag(self, keys: bool = True) -> str:
        """The words on the replay tag: that this is a replay, its rate, and (``keys``) the keys for it."""
        rate = self.playback
        shown = f"{rate:g}" if rate >= 1 else {0.5: "1/2", 0.25: "1/4"}.get(rate, f"{rate:g}")
        if not keys:
            return f"REPLAY  x{shown}"
        return f"REPLAY  x{shown}   -   {'d-pad' if self.using_pad else 'Left / Right'}: speed"

    def _draw_replay_tag(self, surface: pygame.Surface) -> None:
        """A tag at the foot of the screen between the squad and noise panels (without the keys,
        or above the panels, when the window is too narrow for it): nothing else on screen says
        this is not play."""
        hud = self.present.hud
        font = hud.font(22)
        panels = [r.inflate(8, 0) for r in (hud.squad_rect, hud.noise_rect, hud.casters_rect) if r.w]
        for words in (self.replay_tag(), self.replay_tag(keys=False)):
            label = font.render(words, True, INK)
            box = pygame.Rect(0, 0, label.get_width() + 28, 34)
            box.midbottom = (surface.get_width() // 2, surface.get_height() - 8)
            if box.collidelist(panels) == -1:
                break
        else:
            box.bottom = getattr(hud, "bottom_panels_top", surface.get_height()) - 6
        hud.panels.draw(surface, box)
        surface.blit(label, label.get_rect(center=box.center))


class PauseScene(Scene):
    """Over the game: resume, restart, or quit to the title."""

    overlay = True
    # Why the game paused itself, when it did: a player whose pad died mid-run must not wonder
    # whether the game froze, and must know the keyboard still works.
    PAD_GONE = "Controller disconnected: plug it back in, or play on with the keyboard"
    PAD_BACK = "Controller connected: press B to resume"

    def __init__(self, play: PlayScene, reason: str = "") -> None:
        self.play = play
        self.reason = reason
        self.map_rect: pygame.Rect | None = None  # screen px of the squad's map, as last drawn (None: none)
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
        play.present.pointer.enabled = prefs.objective_arrow
        play.present.set_zoom(prefs.view_zoom)
        play.mixer.set_volumes(prefs.master_volume, prefs.music_volume, prefs.effects_volume, prefs.voice_volume)
        if isinstance(play.input, HumanInput):
            play.input.keys = keys_from_names(prefs.bindings)
            play.input.pad = pad_names(prefs.pad_bindings, DEFAULT_PAD_BINDINGS)
            play.pause_keys = play.input.keys["pause"]

    def handle(self, event: pygame.event.Event) -> Transition | None:
        """Esc resumes; a pad plugged in or pulled out here says so."""
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_p):
            return Pop()
        if event.type == pygame.CONTROLLERDEVICEADDED and self.reason:
            self.reason = self.PAD_BACK
        elif event.type == pygame.CONTROLLERDEVICEREMOVED:
            self.reason = self.PAD_GONE
        return self.menu.handle(event)  # type: ignore[return-value]

    def status_lines(self) -> list[tuple[str, tuple[int, int, int]]]:
        """Under the objective: the time, a night's horde, a hold's countdown, what is left of
        a tool with a few uses, and how the locked doors are holding (words, colour)."""
        world = self.play.world
        if world is None:
            return []
        if world.spec.endless is not None:
            lines = [(f"held out {clock(world.tick / TICK_HZ)}", DIM)]
            # how many are up now: a quiet night's first minutes showed nothing at all, and a
            # playtester wondered whether anything was happening
            after = zombies_alerted(world)
            # ("0 of them here now" read as cryptic to a playtester: say none have come yet)
            here = f"{world.horde.n} of them here now" if world.horde.n else "none of them here yet"
            lines.append((here + (f", {after} after you" if after else ""), DIM))
        else:
            lines = [(f"time left {clock(max(0.0, world.spec.time_limit_seconds - world.tick / TICK_HZ))}", DIM)]
            hold = world.objectives.hold_left(world, world.tick)
            if hold is not None:  # the hold's own countdown, as the HUD's top bar says it
                lines.append((f"hold {clock(hold)} more", DIM))
        for st in world.director.stations:  # what is left of a tool with a few uses (the drone's flights)
            left = uses_left_words(st)
            if left:
                lines.append((f"{st.spec.id.replace('-', ' ')}: {left}", DIM))
        lines += [(line, WARN) for line in door_state_lines(world)]  # how the locked doors are holding
        return lines

    def draw(self, surface: pygame.Surface) -> None:
        """Dim the game, then a panel: where the squad is in the level, the menu, and the keys."""
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 170))
        surface.blit(shade, (0, 0))
        w, h = surface.get_size()
        if getattr(self, "chrome", None) is None:
            self.chrome = MenuChrome()  # only its panels: the game stays visible behind
        if getattr(self, "controls_for_pad", None) != self.using_pad:  # the pad's buttons or the keys
            prefs, _ = load_settings()
            hints = pad_control_hints(prefs.pad_bindings) if self.using_pad else control_hints(prefs.bindings)
            self.controls, self.controls_for_pad = "  ·  ".join(hints), self.using_pad
            self._control_items = hints
        world = self.play.world
        # Left: the objective, the time and the menu; right (when the window is wide enough):
        # the level's plan with the squad where it is now and the objective's place.
        wide = world is not None and w >= 1000
        box = pygame.Rect(0, 0, min(w - 40, 1180 if wide else 760), min(h - 40, 520 if wide else 470))
        box.center = (w // 2, h // 2)
        self.chrome.panel(surface, box)
        column = pygame.Rect(box.x + 30, box.y, 400 if wide else box.w - 60, box.h)
        cx = column.centerx
        y = text(surface, "Paused", 64, (cx, box.y + 18), INK, "midtop").bottom + 6
        present = getattr(self.play, "present", None)
        if present is not None:
            for line in wrap(present.objective_line(), 22, column.w)[:4 if wide else 3]:
                y = text(surface, line, 22, (cx, y), OBJECTIVE, "midtop").bottom
        y += 4
        for line, colour in self.status_lines():
            y = text(surface, line, 22, (cx, y), colour, "midtop").bottom
        if self.reason:
            colour = WARN if self.reason == self.PAD_GONE else INK
            for line in wrap(self.reason, 22, column.w):
                y = text(surface, line, 22, (cx, y + 8), colour, "midtop").bottom
        self.menu.draw(surface, cx, y + 22)
        lines = wrap_items(self._control_items, 18, box.w - 60)[-3:]
        if wide:
            area = pygame.Rect(column.right + 30, box.y + 28, box.right - 30 - column.right - 30,
                               box.h - 28 - 22 - 18 * len(lines) - 16)
            self.map_rect = area
            self.chrome.squad_map(surface, world, area, 22)
        for k, line in enumerate(lines):
            text(surface, line, 18, (w // 2, box.bottom - 22 - 18 * (len(lines) - k)), DIM, "midtop")


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
                 result: LevelResult | None = None, difficulty: str = "normal", save: bool = True,
                 moments: list[tuple[float, str] | None] | None = None, input_grace: float = 0.0,
                 rewatch: Callable[[], Scene] | None = None, retry_record: Path | None = None,
                 noise: NoiseTally | None = None) -> None:
        self.ref, self.level, self.outcome, self.cause, self.seconds = ref, level, outcome, cause, seconds
        self.noise = noise  # the run's noise by what made it (the play scene's tally; None: not known)
        # s during which keys, buttons and clicks are ignored: straight from play, a player
        # mashing Esc to pause as the squad went down skipped the results to the title unread.
        self.input_grace = input_grace
        # The run's turns for the worse (s of play, words; None: some left out), from the ticker:
        # played by hand, Classroom was lost at 20.5 s and the screen said only "nobody made it".
        self.moments = moments or []
        self.moments_bottom = 0
        self.moments_shown: list[tuple[float, str] | None] = []  # those drawn, as last drawn (None: "...")
        self.result = result
        self.difficulty = difficulty  # what Retry plays at
        self.best: LevelBest | None = None
        self.notice = ""
        self.new_best: list[str] = []  # what this run improved: "stars", "score", "time"
        self.chrome = MenuChrome()
        if result is not None and save:  # played, not a replay watched back
            saved, read_notice = load_progress()  # a broken file is set aside by this read: keep its words
            before = saved.get(ref)
            endless = level.endless is not None  # its time to beat is the longest night
            self.best, self.notice = record_progress(ref, result.stars, result.score, result.seconds,
                                                     result.outcome == "win", longest=endless)
            self.notice = self.notice or read_notice
            self.new_best = improvements(before, self.best)
        items = [
            # A run recorded because the player asked (``--record FILE``) records its retry too,
            # beside it (FILE-2, -3, ...): a playtester's second night went unrecorded.
            MenuItem("Retry", lambda: Replace(PlayScene(ref, level, seed, difficulty=difficulty, record=retry_record))),
            MenuItem("Level select", lambda: Reset(Stacked(TitleScene(), LevelSelectScene(select=ref)))),
            MenuItem("Title", lambda: Reset(TitleScene())),
        ]
        # After a win the campaign goes on (the next briefing first), but not after a replay
        # watched: whoever won it, it was not this player just now.
        following = next_level(ref) if outcome == "win" and rewatch is None else None
        if rewatch is not None:
            items[0] = MenuItem("Play it", items[0].action)
            items.insert(0, MenuItem("Watch again", lambda: Replace(rewatch())))
        if following is not None:
            next_ref, next_spec = following
            items.insert(0, MenuItem("Next level", lambda: Reset(Stacked(TitleScene(), Stacked(
                LevelSelectScene(select=next_ref), BriefingScene(next_ref, next_spec, seed, difficulty=difficulty))))))
        self.next_title = following[1].title if following is not None else ""
        self.finale = campaign_finished(ref) if outcome == "win" and following is None and save else ""
        self.menu = Menu(items)
        self.menu.horizontal = True  # drawn as a row along the panel's foot

    def update(self, frame_seconds: float) -> Transition | None:
        """Count down the input grace."""
        self.input_grace = max(0.0, self.input_grace - frame_seconds)
        return None

    def handle(self, event: pygame.event.Event) -> Transition | None:
        """Menu keys (none of them in the first moments after play). Esc goes to Title, and a
        second Esc leaves for it: playtesters pressing Esc to pause as the squad went down still
        lost the results screen unread after the grace."""
        if self.input_grace > 0.0 and event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN,
                                                     pygame.CONTROLLERBUTTONDOWN, pygame.JOYBUTTONDOWN):
            return None
        if event.type == pygame.KEYDOWN and event.key == pygame.K_SPACE:
            # Space is the swing in play, and this screen comes straight from play: a playtester
            # still swinging at the zombie by the stairs as the level was won had Retry chosen by
            # it, twice, past the grace, and never read the results. Enter (or a click, or A) chooses.
            return None
        if _back_pressed(event):
            title = len(self.menu.items) - 1  # "Title" is always last
            if self.menu.index != title:
                self.menu.index = title
                return None
            return Reset(TitleScene())
        return self.menu.handle(event)  # type: ignore[return-value]

    def best_line(self, endless: bool = False) -> str | None:
        """The player's bests on this level, each named as its own (None before any)."""
        if self.best is None:
            return None
        b = self.best
        # Each is its own best, perhaps from different runs: a 3-star win and a faster 2-star
        # one read as "3 stars - 1:49.7", one run that never was (playtester, session 26).
        best_time = f"best time {clock(b.seconds)}" if b.seconds > 0 else "no win yet"
        if endless:
            best_time = f"longest night {clock(b.seconds)}"
        line = f"Your bests:  {_stars_text(b.stars)}  -  {best_time}  -  best score {b.score}"
        if self.new_best:
            line += "   (new best " + ", ".join(self.new_best) + ")"
        return line

    def star_lines(self) -> list[str]:
        """What each star asks for, in order (stars build on each other)."""
        if self.level.endless is not None:
            return [f"Hold out {whole_clock(t)}" for t in self.level.endless.star_seconds]
        rules, squad = self.level.stars, len(self.level.squad)
        limit = rules.three_star_seconds or self.level.par_seconds
        need = min(rules.two_star_survivors, squad) if squad else rules.two_star_survivors
        # The third star needs the whole squad (allies who join included) as well as the time:
        # a player under par with a friend lost must not wonder why it stayed dark.
        # (what it takes, not what happened: "with 3 of 5 alive" beside "survivors 4 / 5" read as a count)
        if not squad:
            return ["Escape", f"... with at least {need} alive", f"... in under {clock(limit)}"]
        # (a small squad said "at least 2 of 2 alive" and "all 2 alive" to a playtester)
        everyone = {1: "alive", 2: "both alive"}.get(squad, f"all {squad} alive")
        two = f"... with {everyone}" if need >= squad else f"... with at least {need} of {squad} alive"
        return ["Escape", "... and alive" if need >= squad == 1 else two, f"... {everyone}, in under {clock(limit)}"]

    def number_cells(self) -> list[tuple[str, str, str, tuple[int, int, int]]]:
        """The row under the headline: (label, value, note under it, the value's colour) each."""
        r, won = self.result, self.outcome == "win"
        best_score = "new best" if "score" in self.new_best else ""
        if self.level.endless is not None:
            cells = [("held out", clock(self.seconds), "new best" if "time" in self.new_best else "", INK)]
            if r is not None:
                cells += [("zombies down", f"{r.kills}", "", INK), ("score", f"{r.score}", best_score, INK)]
            return cells
        cells = [("time", clock(self.seconds), f"par {clock(self.level.par_seconds)}", INK)]
        if r is None:
            return cells
        # out of the whole squad, as the star lines count it: lost before So-ju joined, the
        # screen said "0 / 4" beside "... with 4 of 5 alive"
        squad = max(r.squad, len(self.level.squad))
        # The noise in words: a playtester read "noise made 18342" (px of loudness, summed) and
        # could make nothing of it. How loud for the time played, and what made most of it;
        # under the score, what the noise cost it (a win's score only: a loss scores nothing).
        word, colour = noise_rating(r.noise, r.seconds)
        cost = noise_cost(r.noise) if won else 0
        return cells + [("survivors" if won else "left standing", f"{r.survivors} / {squad}", "", INK),
                        ("noise", word, self.noise.mostly() if self.noise is not None else "", colour),
                        ("score", f"{r.score}", best_score or (f"-{cost} for noise" if cost else ""), INK)]

    def draw(self, surface: pygame.Surface) -> None:
        """Outcome, the run's numbers, each star with what it asks for, the personal best, the menu."""
        w, h = surface.get_size()
        self.chrome.draw(surface)
        won = self.outcome == "win"
        box = pygame.Rect(0, 0, min(w - 60, 820), h - 60)
        box.center = (w // 2, h // 2)
        self.chrome.panel(surface, box)
        y = box.y + 18
        endless = self.level.endless is not None  # nothing to escape: it ends when the squad does
        headline = "OVERRUN" if endless else "ESCAPED" if won else "LOST"
        y = text(surface, headline, 84, (w // 2, y), (110, 220, 130) if won else ACCENT, "midtop").bottom
        reason = {"time": "time ran out", "everyone-down": "nobody made it"}.get(self.cause, self.cause)
        if self.cause == "everyone-down" and self.result is not None and self.result.survivors:
            # an ally who joined late still stands, but a level is lost with everyone who set
            # out (the Trolley's So-ju): "nobody made it" beside "survivors 1 / 5" read as a bug
            reason = "everyone who set out was lost"
        if endless and self.cause == "everyone-down":
            reason = f"held out {clock(self.seconds)}"
        if reason.startswith("student-lost:"):
            reason = f"{reason.split(':', 1)[1].title()} was lost"
        subtitle = self.level.title + (f"  -  {reason}" if reason else "")
        y = text(surface, subtitle, 32, (w // 2, y + 4), INK, "midtop").bottom + 14
        r = self.result
        cells = self.number_cells()
        col_w = (box.w - 60) // len(cells)
        for k, (label, value, note, colour) in enumerate(cells):
            cx = box.x + 30 + col_w * k + col_w // 2
            text(surface, label, 22, (cx, y), DIM, "midtop")
            value, size = fit(value, (40, 32), col_w - 8)
            text(surface, value, size, (cx, y + 22 + (40 - size) // 2), colour, "midtop")
            if note:
                note, size = fit(note, (20, 18), col_w - 8)
                text(surface, note, size, (cx, y + 60), (240, 200, 90) if note == "new best" else DIM, "midtop")
        y += 92
        self.star_rect = pygame.Rect(0, 0, 0, 0)
        if r is not None:
            full, empty = self.chrome.atlas.scaled("ui.star.full", 2.0), self.chrome.atlas.scaled("ui.star.empty", 2.0)
            rows_x = box.x + 120
            for k, line in enumerate(self.star_lines()):  # one star per row, beside what it asks for
                got = k < r.stars
                icon = full if got else empty
                rect = surface.blit(icon, (rows_x, y))
                self.star_rect = rect if k == 0 else self.star_rect.union(rect)
                text(surface, line, 28, (rect.right + 16, rect.centery), INK if got else DIM, "midleft")
                y += icon.get_height() + 6
            line = self.best_line(endless)
            if line is not None:
                text(surface, line, 24, (w // 2, y + 8), (240, 200, 90) if self.new_best else DIM, "midtop")
            y += 36 if line is not None else 8
        # The row of choices keeps its place in the panel, and the lines above give way to it:
        # in the smallest window (960x540) "What happened" pushed it off the panel's foot and
        # half off the window, Next level and Retry with it.
        row_y = box.bottom - 62
        foot = row_y - 12 - (30 if self.finale else 0) - (26 if self.notice else 0)
        self.moments_shown = []
        if self.moments:
            top = text(surface, "What happened", 22, (w // 2, y + 6), DIM, "midtop").bottom + 2
            column = w // 2 - 170  # px: times end here, words start just right of it
            room = box.right - 24 - (column + 16)
            # One size for the list: the largest every line fits at, else the smaller with the long
            # lines cut (a long last line drawn smaller than the rest read as a footnote); the
            # smaller too when the list is too long for the room above the choices.
            said = [m[1] for m in self.moments if m is not None]
            size = next((z for z in (24, 20) if all(font(z).size(s)[0] <= room for s in said)
                         and len(self.moments) * font(z).get_linesize() <= foot - top), 20)
            fits = (foot - top) // font(size).get_linesize()
            # Too many still: the last ones (how it ended), after a "..." for those left out.
            shown = self.moments if len(self.moments) <= fits else \
                [None, *self.moments[len(self.moments) - fits + 1:]] if fits >= 2 else self.moments[-1:]
            self.moments_shown = [m for k, m in enumerate(shown) if m is not None or k == 0 or shown[k - 1] is not None]
            y = top
            for moment in self.moments_shown:
                if moment is None:
                    y = text(surface, "...", size, (column, y), DIM, "topright").bottom
                    continue
                words, _ = fit(moment[1], (size,), room)  # (its time the same size)
                text(surface, clock(moment[0]), size, (column, y), DIM, "topright")
                y = text(surface, words, size, (column + 16, y), INK, "topleft").bottom
            self.moments_bottom = y  # screen px: where the block ended this frame
            y += 4
        if self.finale:
            y = text(surface, self.finale, 26, (w // 2, y + 4), (110, 220, 130), "midtop").bottom + 4
        if self.notice:
            text(surface, self.notice, 22, (w // 2, y + 4), ACCENT, "midtop")
        self.menu.draw_row(surface, w // 2, row_y)


def next_recording(path: Path | None) -> Path | None:
    """The file a retry of a run recorded to ``path`` records to: ``run.jsonl`` -> ``run-2.jsonl``,
    ``run-2.jsonl`` -> ``run-3.jsonl``, past any that already exist (none is overwritten)."""
    if path is None:
        return None
    stem, number = path.stem, 1
    base, _, tail = stem.rpartition("-")
    if base and tail.isdigit():
        stem, number = base, int(tail)
    while True:
        number += 1
        candidate = path.with_name(f"{stem}-{number}{path.suffix}")
        if not candidate.exists():
            return candidate


def _stars_text(stars: int) -> str:
    """Stars as words: "3 stars", "1 star", "no stars" (a row of asterisks and dots read as noise)."""
    return f"{stars} star{'s' if stars != 1 else ''}" if stars > 0 else "no stars"


def improvements(before: LevelBest | None, after: LevelBest | None) -> list[str]:
    """Which parts of the saved best a run raised: stars, score, time. ``after`` is what
    ``progress.merge`` made of ``before``, which only ever moves a field for the better (the
    fastest win; on an endless level the longest night), so a field that changed improved."""
    if after is None:
        return []
    before = before or LevelBest()
    out = []
    if after.stars > before.stars:
        out.append("stars")
    if after.score > before.score:
        out.append("score")
    if after.seconds != before.seconds:
        out.append("time")
    return out


def first_scene(level: str | None, extra_packs: list[Path], seed: int, notice: str = "",
                record: Path | None = None, replay: Replay | None = None, briefing: bool = False) -> Scene:
    """The title, or the title with a level already started over it (``hyosan play LEVEL``),
    recording to ``record`` or playing ``replay`` back. With ``briefing`` the level's briefing
    (story, objectives, keys, difficulty) comes first, as from the level list: played by hand,
    ``hyosan play LEVEL`` dropped a first-time player into the dark with no story and no keys.
    A replay never briefs (it is watched, and plays at its recorded difficulty)."""
    remember_packs(extra_packs)
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
    if briefing and replay is None:
        return Stacked(title, BriefingScene(ref, spec, seed, difficulty=difficulty, record=record))
    return Stacked(title, PlayScene(ref, spec, seed, source=source, record=record, difficulty=difficulty))
