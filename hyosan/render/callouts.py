"""Call-outs for the moments a player must see but may be looking away from: Gwi-nam going over
the edge (or under the crane's load), an ally breaking in. Played by hand, Construction-Site
Stand's climax -- Gwi-nam's fall into the pit -- happened off-screen and only the ticker said
so; So-ju's break-in in Trolley Shield Run is 20 tiles ahead of the lead. For a few seconds
after such an event the camera leans part of the way toward it (the lead always stays well
inside the view, and the player keeps every key), and while the spot is off-screen an arrow at
the screen's edge points at it with a word of what happened. Fed by the simulation's events;
it never writes the world."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pygame

from ..sim import events as ev
from .names import display_name
from .world_view import HALFBIE_BREED  # the breed drawn as Gwi-nam

LEAN_SECONDS = 2.5  # s of play the camera leans toward a call-out (eased in and out)
LEAN_SHARE = 0.6  # of the way from the lead to the spot, at the lean's peak
LEAD_MARGIN = 0.35  # of the half view: the lead is never leaned nearer the edge than this
POINT_SECONDS = 4.0  # s the off-screen arrow stays
ARROW_INSET_PX = 34  # screen px from the window's edge to the arrow's tip
COLOUR = (130, 220, 140)  # the ticker's "good news" green


@dataclass
class Callout:
    """A spot (world px) to point at, the word for it, and when it happened (s of play)."""

    x: float
    y: float
    text: str
    said: float


def callout_for(e: object) -> str | None:
    """The word for an event worth turning the camera for, or None."""
    if isinstance(e, ev.Fell) and not e.student and e.breed == HALFBIE_BREED:
        return "Gwi-nam fell"
    if isinstance(e, ev.Struck) and e.breed == HALFBIE_BREED:
        return "Gwi-nam is down"
    if isinstance(e, ev.AllyJoined):
        return "ally"
    return None


def lean_weight(age: float) -> float:
    """0..1: how far into its lean the camera is ``age`` s after the event (a smooth bump:
    up in the first third, held, back down in the last third; 0 outside the lean)."""
    if age < 0.0 or age >= LEAN_SECONDS:
        return 0.0
    third = LEAN_SECONDS / 3
    if age < third:
        u = age / third
    elif age > 2 * third:
        u = (LEAN_SECONDS - age) / third
    else:
        return 1.0
    return u * u * (3 - 2 * u)  # smoothstep


def lean_target(lead: tuple[float, float], spot: tuple[float, float], weight: float,
                half_w: float, half_h: float) -> tuple[float, float]:
    """Where the camera aims (world px): from the lead toward ``spot`` by ``LEAN_SHARE`` x
    ``weight``, but never so far that the lead comes nearer the view's edge than ``LEAD_MARGIN``
    of the half view (``half_w``, ``half_h``: world px)."""
    dx = (spot[0] - lead[0]) * LEAN_SHARE * weight
    dy = (spot[1] - lead[1]) * LEAN_SHARE * weight
    room_x, room_y = half_w * (1 - LEAD_MARGIN), half_h * (1 - LEAD_MARGIN)
    return lead[0] + max(-room_x, min(room_x, dx)), lead[1] + max(-room_y, min(room_y, dy))


def edge_arrow(sx: float, sy: float, w: int, h: int, inset: float = ARROW_INSET_PX,
               top: int = 0, bottom: int | None = None, hidden: bool = False) -> tuple[float, float, float] | None:
    """For a spot at screen px (sx, sy): None when it is on the ``w`` x ``h`` px screen (and not
    ``hidden``: under a HUD panel), else the arrow's tip ``inset`` px in from the edge and its
    angle (radians, screen axes) toward the spot. The tip stays between ``top`` and ``bottom``
    px (clear of HUD panels)."""
    if 0 <= sx < w and 0 <= sy < h and not hidden:
        return None
    bottom = h if bottom is None else bottom
    cx, cy = w / 2, (top + bottom) / 2
    dx, dy = sx - cx, sy - cy
    scale = min((cx - inset) / abs(dx) if dx else math.inf, ((bottom - top) / 2 - inset) / abs(dy) if dy else math.inf)
    return cx + dx * scale, cy + dy * scale, math.atan2(dy, dx)


class Callouts:
    """``feed`` events, ``target`` for the camera, ``draw`` the off-screen arrow."""

    def __init__(self) -> None:
        self.current: Callout | None = None
        self._labels = LabelCache(COLOUR)
        self.ink: pygame.Rect | None = None  # screen px the arrow took as last drawn (None: none drawn)

    def feed(self, events: list[object], now: float) -> None:
        """Keep the latest call-out of this frame's events."""
        for e in events:
            word = callout_for(e)
            if word is None:
                continue
            if word == "ally":
                word = f"{display_name(getattr(e, 'student', ''))} breaks in"
            self.current = Callout(float(e.x), float(e.y), word, now)

    def target(self, lead: tuple[float, float], now: float, half_w: float, half_h: float) -> tuple[float, float]:
        """The camera's aim: the lead, leaned toward a fresh call-out."""
        c = self.current
        if c is None:
            return lead
        return lean_target(lead, (c.x, c.y), lean_weight(now - c.said), half_w, half_h)

    def draw(self, surface: pygame.Surface, camera, font: pygame.font.Font, now: float, top: int = 0,
             bottom: int | None = None, covers: list[pygame.Rect] | tuple[pygame.Rect, ...] = (),
             avoid: Sequence[pygame.Rect] = ()) -> tuple[float, float] | None:
        """The arrow at the screen's edge toward a fresh call-out that is off-screen, or under
        one of the HUD's panels (``covers``); its tip between ``top`` and ``bottom`` screen px,
        clear of the HUD (as the objective's arrow): "So-ju breaks in" was drawn over the
        extinguisher panel. Its word keeps off ``avoid`` (the ticker's lines). Returns the tip
        (screen px) or None when nothing is drawn."""
        self.ink = None
        c = self.current
        if c is None or now - c.said >= POINT_SECONDS or now < c.said:
            return None
        w, h = surface.get_size()
        sx, sy = camera.to_screen(c.x, c.y)
        hidden = any(rect.w and rect.h and rect.collidepoint(sx, sy) for rect in covers)
        arrow = edge_arrow(sx, sy, w, h, top=top, bottom=bottom, hidden=hidden)
        if arrow is None:
            return None
        tx, ty, a = arrow
        pulse = 0.5 + 0.5 * math.sin((now - c.said) * 8.0)
        self.ink = arrow_ink((tx, ty, a), 16 + 4 * pulse)
        draw_edge_arrow(surface, (tx, ty, a), 16 + 4 * pulse, COLOUR, self._labels.get(font, c.text), avoid=avoid)
        return tx, ty


class LabelCache:
    """Rendered words by text, for labels drawn every frame (at most ``size`` kept)."""

    def __init__(self, colour: tuple[int, int, int], size: int = 16) -> None:
        self.colour, self.size = colour, size
        self._images: dict[str, pygame.Surface] = {}

    def get(self, font: pygame.font.Font, words: str) -> pygame.Surface:
        """``words`` rendered in ``font`` (cached; a changed font is the caller's to avoid)."""
        img = self._images.get(words)
        if img is None:
            if len(self._images) >= self.size:
                self._images.clear()
            img = self._images[words] = font.render(words, True, self.colour)
        return img


ARROW_HALF_ANGLE = 0.36  # rad: half the head's opening (a head longer than it is wide)
ARROW_SHAFT = 0.7  # the shaft behind the head, as a share of the head's length
LABEL_STEP_GAP_PX = 4  # px between a label's place and the next one tried beside it
# The places an edge arrow's word may take when its own hides something, best first, as steps
# (in the label's own extent plus the gap) further in from the edge along the arrow and across it.
LABEL_STEPS = ((1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (2, 0))


def label_spots(panel: pygame.Rect, angle: float, bounds: pygame.Rect) -> list[pygame.Rect]:
    """Where the word of an edge arrow pointing at ``angle`` (radians, screen axes) may sit,
    best first: ``panel`` (its own place, just inside the arrow), then a step further in from the
    edge, a step to either side, both, two steps in (LABEL_STEPS); each kept inside ``bounds``
    (screen px). All on the screen's side of the arrow and near it, so they still read as its word."""
    ix, iy = -math.cos(angle), -math.sin(angle)  # from the tip in toward the screen's middle
    ax, ay = -iy, ix  # across the arrow
    along = abs(panel.w * ix) + abs(panel.h * iy) + LABEL_STEP_GAP_PX
    across = abs(panel.w * ax) + abs(panel.h * ay) + LABEL_STEP_GAP_PX
    spots = [panel]
    for k_in, k_across in LABEL_STEPS:
        spot = panel.move(round(k_in * along * ix + k_across * across * ax), round(k_in * along * iy + k_across * across * ay))
        spots.append(spot.clamp(bounds))
    return spots


def clear_of(panel: pygame.Rect, avoid: Sequence[pygame.Rect], bounds: pygame.Rect, gap: int = 4) -> pygame.Rect:
    """``panel`` moved the least distance that keeps it off every rect in ``avoid`` and inside
    ``bounds`` (screen px): beside the rect it lands on, or below or above it. Unmoved when it
    is clear already, or when nowhere near is (a crowded screen keeps the label where it was)."""
    hits = [r for r in avoid if r.w and r.h and panel.colliderect(r)]
    if not hits:
        return panel
    cands = []
    for r in hits:
        for dx, dy in ((r.left - gap - panel.right, 0), (r.right + gap - panel.left, 0),
                       (0, r.bottom + gap - panel.top), (0, r.top - gap - panel.bottom)):
            moved = panel.move(dx, dy)
            if bounds.contains(moved) and moved.collidelist([a for a in avoid if a.w and a.h]) < 0:
                cands.append((abs(dx) + abs(dy), moved.x, moved.y, moved))
    return min(cands)[3] if cands else panel


def arrow_ink(arrow: tuple[float, float, float], size: float, width: int = 3) -> pygame.Rect:
    """The screen rect an edge arrow (``edge_arrow``'s tip and angle, ``size`` px long, drawn
    ``width`` px) inks: its head and shaft with their black edge."""
    tx, ty, a = arrow
    back = a + math.pi
    ux, uy = math.cos(back), math.sin(back)  # from the tip toward the tail
    length = size * math.cos(ARROW_HALF_ANGLE) + ARROW_SHAFT * size
    xs = [tx, tx + length * ux] + [tx + size * math.cos(back + s) for s in (-ARROW_HALF_ANGLE, ARROW_HALF_ANGLE)]
    ys = [ty, ty + length * uy] + [ty + size * math.sin(back + s) for s in (-ARROW_HALF_ANGLE, ARROW_HALF_ANGLE)]
    edge = (width + 4) // 2 + 1  # px: the shaft's black edge is drawn width + 4 wide
    left, top = math.floor(min(xs)) - edge, math.floor(min(ys)) - edge
    return pygame.Rect(left, top, math.ceil(max(xs)) + edge + 1 - left, math.ceil(max(ys)) + edge + 1 - top)


def label_reach(ink: pygame.Rect, arrow: tuple[float, float, float], panel: tuple[int, int]) -> float:
    """px from an edge arrow's tip, in along the arrow, to the centre of a ``panel`` (w, h px)
    that clears the arrow's ``ink`` by ``LABEL_STEP_GAP_PX``: past the ink's far end along the
    arrow by half the panel's own extent that way. The word's centre used to sit a fixed 22 px
    past the arrow's length: beside an arrow pointing left or right, any word wider than some
    50 px ("intercom", "key box") lay on the arrow's head and shaft, and a long one ("past the
    lounge") on its tip, so a playtester could not see where it pointed."""
    tx, ty, a = arrow
    ix, iy = -math.cos(a), -math.sin(a)  # from the tip in toward the screen's middle
    corners = ((ink.left, ink.top), (ink.right, ink.top), (ink.left, ink.bottom), (ink.right, ink.bottom))
    ink_in = max((x - tx) * ix + (y - ty) * iy for x, y in corners)
    half = abs(panel[0] / 2 * ix) + abs(panel[1] / 2 * iy)
    return ink_in + LABEL_STEP_GAP_PX + half


def draw_edge_arrow(surface: pygame.Surface, arrow: tuple[float, float, float], size: float,
                    colour: tuple[int, int, int], label: pygame.Surface, width: int = 3,
                    avoid: Sequence[pygame.Rect] = (),
                    hides: Callable[[pygame.Rect], int] | None = None) -> pygame.Rect:
    """An arrow (``edge_arrow``'s tip and angle; ``size`` px long) outlined in ``colour`` on
    black, with ``label`` on a dark panel just inside it; returns the label's panel (screen px).
    The panel never lies on the arrow (``label_reach``; the arrow is drawn over it besides), and
    keeps off ``avoid`` (screen px: the ticker's lines), as near its place as it can:
    a playtester read the objective arrow's word over a ticker line as part of it.
    With ``hides`` (how much a rect there would hide: ``WorldView.bodies_under``), the panel
    takes the first of ``label_spots`` that hides nothing; where each would, the word is left
    out and the arrow alone points (returned: the arrow's own rect), as it is the thing under
    it that can kill: a playtester lost a zombie under the objective arrow's "exit". A word
    with no place near that is off the arrow and ``avoid`` is left out too."""
    tx, ty, a = arrow
    ink = arrow_ink(arrow, size, width)
    bounds = surface.get_rect()
    size_px = (label.get_width() + 12, label.get_height() + 6)  # the panel: the words and a margin
    reach = label_reach(ink, arrow, size_px)
    rect = label.get_rect(center=(round(tx - reach * math.cos(a)), round(ty - reach * math.sin(a))))
    rect.clamp_ip(bounds.inflate(-8, -8))
    keep_off = [*avoid, ink]

    def fits(panel: pygame.Rect) -> bool:
        """Off the arrow, and hiding nothing (the avoid list is ``clear_of``'s to keep)."""
        return not panel.colliderect(ink) and not (hides is not None and hides(panel))

    panel_rect: pygame.Rect | None = clear_of(rect.inflate(12, 6), keep_off, bounds)
    if not fits(panel_rect):
        spots = label_spots(rect.inflate(12, 6), a, bounds.inflate(-4, -4))[1:]
        panel_rect = next((spot for spot in (clear_of(s, keep_off, bounds) for s in spots) if fits(spot)), None)
    if panel_rect is not None:
        rect.center = panel_rect.center
        panel = pygame.Surface(panel_rect.size, pygame.SRCALPHA)
        panel.fill((10, 8, 12, 190))
        surface.blit(panel, panel_rect)
        surface.blit(label, rect)
    # A slim head on a shaft: with a head as wide as it was long (half-angle 0.5 rad) the three
    # corners read alike, and a playtester took the objective's arrow, pointing up-left at the
    # key box, for one pointing right (Storm Crossing, the far view). Drawn after its word, so
    # nothing of the word can lie over it.
    back, side = a + math.pi, ARROW_HALF_ANGLE
    ux, uy = math.cos(back), math.sin(back)  # from the tip toward the tail
    pts = [(tx, ty), (tx + size * math.cos(back - side), ty + size * math.sin(back - side)),
           (tx + size * math.cos(back + side), ty + size * math.sin(back + side))]
    base = (tx + size * math.cos(side) * ux, ty + size * math.cos(side) * uy)
    tail = (base[0] + ARROW_SHAFT * size * ux, base[1] + ARROW_SHAFT * size * uy)
    drawn = pygame.draw.line(surface, (0, 0, 0), base, tail, width + 4)
    pygame.draw.line(surface, colour, base, tail, width + 1)
    drawn.union_ip(pygame.draw.polygon(surface, (0, 0, 0), pts, 0))
    pygame.draw.polygon(surface, colour, pts, width)
    return panel_rect if panel_rect is not None else drawn
