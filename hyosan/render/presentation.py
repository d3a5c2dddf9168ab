"""Everything the play scene shows, fed by the world's events: the world view, noise rings,
screen shake, the light map and the HUD. One object so the scene stays small."""

from __future__ import annotations

from collections import deque

import pygame

from ..control.keymap import name_keys
from ..sim import events as ev
from ..sim.objectives import ENDLESS_TEXT
from ..sim.units import TILE_PX
from ..sim.world import World
from .arrows import Arrows, draw_aim
from .atlas import Atlas
from .callouts import Callouts
from .camera import Camera
from .clouds import CloudPainter
from .door_alarms import DoorAlarms
from .flash import LightningFlash
from .hud import NOISE_FULL, TITLE_DASH, Hud
from .light import LightMap, world_lights
from .noise_report import NoiseTally
from .noise_rings import NoiseRings
from .objective_pointer import ObjectivePointer
from .prompts import Prompts
from .roof import roof_mask
from .shake import Shake
from .ticker import Ticker
from .weather_fx import RainFx
from .world_view import CHUNK_TILES, WorldView

IMPACT_FOR_FULL_SHAKE = 6000.0  # kg·px/s: an impulse this strong gives full trauma
NOISE_WINDOW_SECONDS = 1.0  # the noise meter shows the loudest squad sound this recent
# Sounds a prop makes because the squad moves it; their source is the prop, not a student.
# Played by hand, the meter sat empty while the trolley box rattled the corridor awake.
SQUAD_MADE_KINDS = frozenset({"rattle"})
TICKER_TOP_PX = 58  # screen px: the event ticker's first line, just under the HUD's top bar
HUD_BAR_PX = 48  # screen px the HUD's top bar covers: the camera lets the map's top edge come under it
TICKER_LINE_PX = 32  # screen px a ticker line takes, pill and gap
TICKER_CLEAR_PX = 64  # screen px kept between the lead (its name and prompt above it) and the ticker
SQUAD_BEHIND_PX = 120  # screen px below the lead its followers may stand (the ticker keeps off them)
# screen px round an edge arrow, as last drawn, that the rings' captions keep off: they are
# placed before the arrows are drawn, and an arrow moves a little from frame to frame
EDGE_ARROW_MARGIN_PX = 6


def ticker_top(top: int, lead_y: float, lines: int, bottom: int | None = None) -> int:
    """Screen y of the ticker's first line: ``top``, unless its ``lines`` would cover the lead
    at ``lead_y`` (screen px); then low on the screen, ending at ``bottom`` (screen px: over
    the bottom panels), or below the lead when there is no room there. At the map's top edge
    the lead stands where the lines go: played by hand in the auditorium's scene dock, they hid
    the lead, the loading bay's "E: lock" and the trolleys' "line the trolleys up to couple";
    moved just below the lead, they sat over the followers behind it ("Done" banners over the
    squad, a playtester)."""
    if lines and lead_y - TICKER_CLEAR_PX < top + lines * TICKER_LINE_PX:
        if bottom is not None:
            foot = bottom - lines * TICKER_LINE_PX
            if foot >= lead_y + TICKER_CLEAR_PX + SQUAD_BEHIND_PX:  # clear of the squad following it
                return foot
        return max(top, round(lead_y + TICKER_CLEAR_PX))
    return top


class Presentation:
    """Owns the drawing state of one play session; ``consume`` events, ``update``, ``draw``."""

    def __init__(self, world: World, camera: Camera, atlas: Atlas | None = None, *, shake: bool = True,
                 captions: bool = True, objective: str = "Reach the exit", flash_reduction: bool = False,
                 objective_arrow: bool = True) -> None:
        self.world = world
        self.camera = camera
        self._ticker_pills: list[pygame.Rect] = []  # screen px: the ticker's lines as last drawn
        self._edge_arrows: list[pygame.Rect] = []  # screen px: the edge arrows as last drawn, with a margin
        camera.top_margin = HUD_BAR_PX  # (the HUD's top bar is drawn over the view's top)
        self.atlas = atlas if atlas is not None else Atlas()
        self.view = WorldView(world, camera.scale, self.atlas)
        # Named zones are the places a caption names ("PA speaker — west wing").
        self.rings = NoiseRings.for_world(world, captions)
        self.arrows = Arrows()  # Ha-ri's shots in flight
        self.clouds = CloudPainter()  # On-jo's extinguisher powder
        self.shake = Shake(shake, seed=world.seed)
        self.light = LightMap(self.atlas, getattr(world.spec, "ambient", "day"))
        self.hud = Hud(self.atlas)
        self.flash = LightningFlash(reduced=flash_reduction)
        self.rain = self._rain_at(camera.scale)
        self.prompts = Prompts(self.hud.font(22))
        self.objective = objective
        self._squad_sounds: deque[tuple[float, float]] = deque()  # (sim seconds, loudness)
        self.noise_tally = NoiseTally()  # the run's noise by what made it, for the results screen
        self.ticker = Ticker(world)  # "Su-hyeok is bitten", "The front door gave way"...
        self.aim: tuple[float, float] | None = None  # world px a pad's right stick aims a throw at
        self.callouts = Callouts()  # Gwi-nam's fall, an ally breaking in: the camera leans to it
        self.pointer = ObjectivePointer(objective_arrow)  # which way the objective's place lies, when off-screen
        self.door_alarms = DoorAlarms()  # which way a door the crowd is forcing lies, when off-screen

    def set_zoom(self, scale: float) -> None:
        """Draw at ``scale`` screen px per world px from now on (the settings' view, near or far):
        the map's chunks and the sprites are cached at a scale, so the world view and the rain
        are made again; the blood already on the floor stays. The camera snaps to the lead."""
        if scale == self.camera.scale:
            return
        self.camera.scale = scale
        old = self.view
        self.view = WorldView(self.world, scale, self.atlas)
        self.view.keep_decals_of(old)
        self.rain = self._rain_at(scale)
        self.update(0.0, snap=True)

    def _rain_at(self, scale: float) -> RainFx:
        """The level's rain (none on a dry level) drawn at ``scale``."""
        world = self.world
        rain = getattr(getattr(world.spec, "weather", None), "rain", 0.0)
        return RainFx(self.atlas, rain, scale, seed=world.seed, roofed=roof_mask(world.spec.map) if rain > 0 else None)

    def consume(self, events: list[ev.Event], now: float | None = None) -> None:
        """React to events; ``now`` (s of play) is when they happened, the world's time if None.
        A frame that runs several ticks (a replay watched at x8) hands each tick's events over
        with its own time: stamped with the frame's last tick, the results' "what happened"
        read 1:00.5 in one viewing of a replay and 1:00.6 in the next."""
        self.rings.feed(events)
        self.arrows.feed(events)
        self.flash.feed(events)
        squad = {s.id for s in self.world.students}
        now = self.world.sim_seconds if now is None else now
        self.noise_tally.feed(events, squad)
        self.ticker.feed(events, now)
        self.callouts.feed(events, now)
        for e in events:
            # a rattling trolley is the squad's noise too: it rattles because they shove it
            if isinstance(e, ev.Sound) and (e.source in squad or e.kind in SQUAD_MADE_KINDS):
                self._squad_sounds.append((now, e.loudness))
            elif isinstance(e, ev.Impact):
                self.shake.add(min(0.6, e.strength / IMPACT_FOR_FULL_SHAKE))
            elif isinstance(e, ev.DoorChanged | ev.JointChanged) and e.state == "broken":
                self.shake.add(0.5)
            elif isinstance(e, ev.Bitten):
                self.view.add_decal(e.x, e.y)
            elif isinstance(e, ev.Shot) and e.hit:
                self.view.add_decal(e.x1, e.y1)  # where the arrow struck
            elif isinstance(e, ev.Hit) and e.killed > 0 and e.kind != "shot":
                # where the swing landed, in front of whoever swung: So-ju's axe in his storeroom
                # left blood in front of the lead, inside the closed trolley box (a playtester)
                swung = next((st for st in self.world.students if st.id == e.student), self.world.lead_student)
                p = self.world.student_pos(swung)
                for k in range(min(3, e.killed)):
                    self.view.add_decal(float(p[0]) + swung.facing[0] * (14 + 5 * k), float(p[1]) + swung.facing[1] * (14 + 5 * k))
        while self._squad_sounds and now - self._squad_sounds[0][0] > NOISE_WINDOW_SECONDS:
            self._squad_sounds.popleft()

    def objective_line(self) -> str:
        """The level's title and the objective the squad is on now (it changes as they are met)."""
        objectives = getattr(self.world, "objectives", None)
        current = objectives.current if objectives is not None else None
        if current is None:
            if getattr(self.world.spec, "endless", None) is not None:
                return f"{self.world.spec.title}{TITLE_DASH}{ENDLESS_TEXT}"
            return self.objective
        return f"{self.world.spec.title}{TITLE_DASH}{name_keys(objectives.text(current), self.prompts.key_names)}"

    @property
    def noise_level(self) -> float:
        """The loudest sound the squad made in the last second, 0..1 of ``NOISE_FULL``."""
        if not self._squad_sounds:
            return 0.0
        return min(1.0, max(v for _, v in self._squad_sounds) / NOISE_FULL)

    def update(self, frame_seconds: float, snap: bool = False) -> None:
        """Age rings and shake; ease the camera after the lead."""
        w = self.world
        self.rings.update(frame_seconds)
        self.arrows.update(frame_seconds)
        self.shake.update(frame_seconds)
        self.flash.update(frame_seconds)
        self.rain.update(frame_seconds, (self.camera.view_w, self.camera.view_h))
        lead = w.student_pos(w.lead_student)
        cam = self.camera
        fx, fy = float(lead[0]), float(lead[1])
        if self.aim is not None:
            # A pad's right stick aims up to a throw's full range (280 px), further than half a
            # 1280x720 view at scale 3 (213 x 120 px): lean halfway, so the lead and the spot
            # the phone lands both stay on screen, as twin-stick games do.
            fx, fy = (fx + self.aim[0]) / 2, (fy + self.aim[1]) / 2
        tx, ty = self.callouts.target((fx, fy), w.sim_seconds,
                                      cam.view_w / cam.scale / 2, cam.view_h / cam.scale / 2)
        hud = self.hud  # its bottom panels as last drawn
        if snap and not hud.squad_rect.w:  # before the first frame: lay the HUD out once, unseen,
            # so the camera starts where it settles (else it slid up over the first half second)
            hud.draw(pygame.Surface((cam.view_w, cam.view_h)), w, self.objective_line(), self.noise_level)
        cam.keep_clear = tuple(r for r in (getattr(hud, "squad_rect", None), getattr(hud, "noise_rect", None))
                               if r is not None)
        cam.keep_clear_top = tuple(r for r in (getattr(hud, "top_rect", None),) if r is not None)
        cam.follow(tx, ty, w.tilemap.width_px, w.tilemap.height_px, snap=snap)
        self.camera.shake_x, self.camera.shake_y = self.shake.dx, self.shake.dy

    def _map_covers_view(self) -> bool:
        """Whether the map's opaque chunks fill the whole view (then clearing the screen first
        is wasted: ~0.3 ms a frame at 1280x720). Chunk edges land on whole pixels only when a
        chunk is a whole number of screen px wide."""
        cam, tiles = self.camera, self.world.tilemap
        chunk_px = TILE_PX * CHUNK_TILES * cam.scale
        return (float(chunk_px).is_integer() and cam.left >= 0 and cam.top >= 0
                and cam.left + cam.view_w / cam.scale <= tiles.width_px
                and cam.top + cam.view_h / cam.scale <= tiles.height_px)

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        """World, light, rings, HUD."""
        w = self.world
        self.camera.view_w, self.camera.view_h = surface.get_size()
        if not self._map_covers_view():
            surface.fill((0, 0, 0))  # beyond the map's edge (else the opaque map chunks cover it all)
        self.view.label_top = self.hud.top_rect.bottom + 2  # (as the HUD's last frame drew its top bar)
        self.view.objective_text = self.objective_line()  # (its named doors wear their names: tags keep off)
        self.view.draw(surface, self.camera, alpha)
        if self.light.active:  # students, exits, lamps, the torches that are on; the sky lifts
            # the dark with the on-screen flash, which honours the flash-reduction setting
            lights, torches, _, lamps = world_lights(w)
            self.light.draw(surface, self.camera, lights, torches=torches, sky=self.flash.lift, lamps=lamps)
            self.view.draw_alerts(surface)  # a zombie's "!" is the moment to act: never under the dark
        self.view.draw_door_strain(surface, self.camera)  # over the crowd packed on it, and the dark
        self.view.draw_named_doors(surface, self.camera, self.objective_line())
        self.arrows.draw(surface, self.camera)  # over the dark: the player follows the shot
        draw_aim(surface, self.camera, w)  # an archer lead: where her next arrow would go
        if getattr(w, "clouds", None):
            self.clouds.draw(surface, self.camera, w.clouds, w.tick)
        self.rain.draw(surface, self.camera)
        self.flash.draw(surface)
        hud = self.hud
        self.rings.draw(surface, self.camera)  # the rings; their captions after the prompt's word
        # The HUD is drawn over the prompt: keep the label under its top panel (and the station
        # bar, as the last frame placed it).
        work = getattr(self.hud, "work_rect", None)
        self.prompts.draw(surface, self.camera, w, w.sim_seconds, top=work.bottom + 8 if work is not None else 0,
                          avoid=self.view.bodies_under)
        # The words drawn in the world, each keeping off those placed before it: the prompt (what
        # E does now) first, then the rings' captions, which give way to it, to each other and to
        # the squad, and are left out where no place near is clear. Played by hand in the
        # Trolley's box, "is bitten", "joint break", "rattle" and "hold E: drag the trolley" lay
        # in a heap on the squad.
        said = [self.prompts.label_rect] if self.prompts.label_rect is not None else []
        said += self.rings.draw_captions(
            surface, self.camera, hud.font(22), avoid=self.view.bodies_under, keep_off=self.view.squad_under,
            panels=[r for r in (hud.squad_rect, hud.noise_rect, hud.special_rect, hud.casters_rect) if r.w and r.h]
            + self._ticker_pills  # (the last frame's: the ticker is drawn after the rings)
            + self.view.door_tag_rects  # a PA caption sat on a door's "x2.2", played by hand
            # A sound off-screen has its caption held at the screen's edge, where the edge
            # arrows point out: a playtester could not see where the objective's arrow pointed,
            # its tip under a caption. (The last frame's arrows: they are drawn after the rings.)
            + self._edge_arrows
            + said)
        self.hud.key_names = self.prompts.key_names  # (the move's key, as the player has bound it)
        self.hud.draw(surface, w, self.objective_line(), self.noise_level)
        self.ticker.key_names = self.prompts.key_names  # (the hunger lines name G)
        self.ticker.update(w.sim_seconds)
        below = getattr(self.hud, "work_rect", None)  # the station bar, when one is being worked
        top = max(TICKER_TOP_PX, below.bottom + 6) if below is not None else TICKER_TOP_PX
        lead = w.student_pos(w.lead_student)
        foot = getattr(self.hud, "bottom_panels_top", None)  # above the bottom panels (a long line is wide)
        top = ticker_top(top, self.camera.to_screen(float(lead[0]), float(lead[1]))[1], len(self.ticker.lines),
                         bottom=foot - 6 if foot is not None else None)
        pills = self.ticker.draw(surface, self.hud.font(24), top, w.sim_seconds)
        # The edge arrows (the objective's, a forced door's, a call-out's): their tips between
        # the top bar (work_rect: the station bar, or an empty rect at the bar's bottom) and the
        # squad and noise panels, a place under a panel counting as out of view.
        covers = [hud.top_rect, hud.squad_rect, hud.noise_rect, hud.special_rect, hud.casters_rect]
        top, bottom = (below.bottom if below is not None else 0), getattr(hud, "bottom_panels_top", None)
        # ...and off the ticker's lines: a playtester saw the objective arrow's head poke into one.
        self._ticker_pills = list(pills)
        half = surface.get_height() / 2
        upper, lower = [p for p in pills if p.centery < half], [p for p in pills if p.centery >= half]
        if upper:
            top = max(top, max(p.bottom for p in upper) + 4)
        if lower:
            bottom = min(bottom if bottom is not None else surface.get_height(), min(p.top for p in lower) - 4)
        pills += said  # the edge arrows' words keep off the words in the world too
        panel = self.pointer.draw(surface, self.camera, w, hud.font(20), top=top, bottom=bottom, covers=covers,
                                  avoid=pills, hides=self.view.bodies_under)
        if panel is not None:
            pills.append(panel)  # the door alarms' and call-outs' words keep off the objective's too
        if self.pointer.ink is not None:
            pills.append(self.pointer.ink)  # ...and off its arrow
        self.door_alarms.draw(surface, self.camera, w, hud.font(20), w.sim_seconds, top=top, bottom=bottom, covers=covers,
                              avoid=pills)
        pills += self.door_alarms.inks + self.door_alarms.words  # a call-out's word keeps off them too
        self.callouts.draw(surface, self.camera, hud.font(22), w.sim_seconds, top=top, bottom=bottom, covers=covers,
                           avoid=pills)
        inks = [self.pointer.ink, *self.door_alarms.inks, self.callouts.ink]
        self._edge_arrows = [r.inflate(2 * EDGE_ARROW_MARGIN_PX, 2 * EDGE_ARROW_MARGIN_PX) for r in inks if r is not None]
