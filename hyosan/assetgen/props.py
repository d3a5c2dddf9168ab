"""Physics props seen from above, sized in 16 px tiles (desk 2x1, car 2x4, ...)."""

from __future__ import annotations

import numpy as np

from . import draw
from . import palette as P
from .palette import Color, hexc
from .sheet import Atlas

T = 16


def _wood_board(w: int, h: int, rng: np.random.Generator, base: Color = P.WOOD, horizontal: bool = True) -> np.ndarray:
    img = draw.new(w, h)
    draw.rect(img, 0, 0, w, h, base)
    # grain: short streaks along the board
    for _ in range((w * h) // 24):
        x, y = int(rng.integers(0, w)), int(rng.integers(0, h))
        n = int(rng.integers(2, 6))
        c = P.WOOD_DARK if rng.random() < 0.6 else P.WOOD_LIGHT
        c = P.mix(base, c, 0.55)
        if horizontal:
            draw.rect(img, x, y, n, 1, c)
        else:
            draw.rect(img, x, y, 1, n, c)
    return img


def desk(rng: np.random.Generator) -> np.ndarray:
    img = draw.new(2 * T, T)
    for x, y in ((1, 1), (28, 1), (1, 12), (28, 12)):  # metal legs peeking out
        draw.rect(img, x, y, 3, 3, P.STEEL_DARK)
    top = _wood_board(28, 11, rng, P.WOOD_LIGHT)
    draw.rect(top, 0, 0, 28, 1, P.lighter(P.WOOD_LIGHT, 0.25))
    draw.rect(top, 0, 10, 28, 1, P.WOOD_DARK)
    draw.inner_outline(top, P.WOOD_DEEP)
    draw.blit(img, top, 2, 2)
    draw.rect(img, 6, 5, 5, 4, hexc("e8e4d8"))  # a notebook
    draw.rect(img, 6, 5, 1, 4, hexc("3a6ad0"))
    draw.line(img, 18, 6, 23, 8, hexc("e0b020"))  # pencil
    draw.outline(img, P.OUTLINE)
    return img


def teacher_desk(rng: np.random.Generator) -> np.ndarray:
    img = draw.new(3 * T, 2 * T)
    top = _wood_board(46, 30, rng, P.WOOD)
    draw.rect(top, 0, 0, 46, 2, P.WOOD_LIGHT)
    draw.rect(top, 0, 26, 46, 4, P.WOOD_DARK)  # front panel with drawers
    for x in (4, 18, 32):
        draw.rect(top, x, 27, 10, 2, P.WOOD_DEEP)
        draw.rect(top, x + 4, 27, 2, 1, P.STEEL_LIGHT)
    draw.inner_outline(top, P.WOOD_DEEP)
    draw.blit(img, top, 1, 1)
    draw.rect(img, 6, 6, 12, 9, hexc("ece8dc"))  # papers
    draw.rect(img, 8, 8, 12, 9, hexc("f6f2e8"))
    for y in (10, 12, 14):
        draw.rect(img, 10, y, 8, 1, hexc("a0a0b0"))
    draw.disc(img, 36, 10, 2.6, hexc("d8d8e0"))  # mug
    draw.disc(img, 36, 10, 1.6, hexc("4a2a1a"))
    draw.rect(img, 24, 14, 9, 6, hexc("30343c"))  # attendance book
    draw.outline(img, P.OUTLINE)
    return img


def locker(rng: np.random.Generator) -> np.ndarray:
    img = draw.new(T, 2 * T)
    draw.rect(img, 1, 1, 14, 30, P.STEEL)
    draw.rect(img, 1, 1, 14, 8, P.STEEL_LIGHT)  # top face
    draw.rect(img, 1, 8, 14, 1, P.STEEL_DARK)
    for y in range(11, 17, 2):  # vents
        draw.rect(img, 4, y, 8, 1, P.STEEL_DEEP)
    draw.rect(img, 11, 20, 2, 4, P.STEEL_DEEP)  # handle
    draw.rect(img, 3, 27, 3, 1, hexc("e8e4d8"))  # name tag
    draw.speckle(img, rng, [P.STEEL_DARK], 0.04, img[:, :, 3] > 0)
    draw.inner_outline(img, P.STEEL_DEEP)
    draw.outline(img, P.OUTLINE)
    return img


def chair(rng: np.random.Generator) -> np.ndarray:
    img = draw.new(T, T)
    for x, y in ((3, 3), (11, 3), (3, 11), (11, 11)):
        draw.rect(img, x, y, 2, 2, P.STEEL_DARK)
    seat = _wood_board(10, 8, rng, P.WOOD_LIGHT)
    draw.inner_outline(seat, P.WOOD_DARK)
    draw.blit(img, seat, 3, 5)
    draw.rect(img, 3, 2, 10, 2, P.WOOD)  # backrest
    draw.rect(img, 3, 2, 10, 1, P.WOOD_LIGHT)
    draw.outline(img, P.OUTLINE)
    return img


def trolley(rng: np.random.Generator) -> np.ndarray:
    img = draw.new(3 * T, T)
    for x in (4, 38):
        for y in (0, 13):
            draw.rect(img, x, y, 5, 3, P.RUBBER)
    draw.rect(img, 2, 2, 42, 12, P.STEEL)
    draw.rect(img, 4, 4, 38, 8, P.STEEL_DARK)
    for x in range(6, 42, 4):
        draw.rect(img, x, 4, 1, 8, P.STEEL)
    draw.rect(img, 2, 2, 42, 1, P.STEEL_LIGHT)
    draw.rect(img, 44, 4, 3, 8, P.STEEL_DEEP)  # handle
    draw.rect(img, 46, 3, 2, 10, P.STEEL_LIGHT)
    draw.rect(img, 0, 6, 2, 4, hexc("c0a040"))  # coupling hook
    draw.outline(img, P.OUTLINE)
    return img


CAR_COLOURS = {"red": hexc("b0282c"), "white": hexc("d8dade"), "blue": hexc("2c5aa8"), "black": hexc("2e3038"),
               "silver": hexc("9aa0a8"), "yellow": hexc("d8b02a")}


def car(body: Color) -> np.ndarray:
    img = draw.new(2 * T, 4 * T)
    for x in (1, 27):  # tyres
        for y in (10, 46):
            draw.rect(img, x, y, 4, 9, P.RUBBER)
    draw.rect(img, 3, 3, 26, 58, body)
    draw.rect(img, 4, 2, 24, 60, body)
    draw.rect(img, 5, 1, 22, 62, body)
    draw.rect(img, 4, 3, 2, 57, P.lighter(body, 0.25))  # side light
    draw.rect(img, 26, 3, 2, 57, P.darker(body, 0.25))
    draw.polygon(img, [(7, 16), (25, 16), (23, 23), (9, 23)], P.GLASS)  # windshield (front = top)
    draw.polygon(img, [(8, 17), (14, 17), (11, 22), (9, 22)], P.lighter(P.GLASS, 0.35))
    draw.rect(img, 8, 23, 16, 20, P.darker(body, 0.12))  # roof
    draw.rect(img, 9, 24, 14, 1, P.lighter(body, 0.2))
    draw.polygon(img, [(9, 43), (23, 43), (25, 49), (7, 49)], P.GLASS_DARK)  # rear window
    draw.rect(img, 6, 2, 5, 2, hexc("fff4c0"))  # headlights
    draw.rect(img, 21, 2, 5, 2, hexc("fff4c0"))
    draw.rect(img, 6, 60, 5, 2, hexc("e02020"))  # tail lights
    draw.rect(img, 21, 60, 5, 2, hexc("e02020"))
    draw.rect(img, 2, 18, 2, 2, P.darker(body, 0.4))  # mirrors
    draw.rect(img, 28, 18, 2, 2, P.darker(body, 0.4))
    draw.outline(img, P.OUTLINE)
    return img


def pipe(rng: np.random.Generator) -> np.ndarray:
    img = draw.new(T, 4 * T)
    shades = [P.STEEL_DEEP, P.STEEL_DARK, P.STEEL, P.STEEL, P.STEEL_LIGHT, P.lighter(P.STEEL_LIGHT, 0.3),
              P.STEEL_LIGHT, P.STEEL, P.STEEL, P.STEEL_DARK, P.STEEL_DARK, P.STEEL_DEEP]
    for i, c in enumerate(shades):
        draw.rect(img, 2 + i, 1, 1, 62, c)
    for y in (1, 61):  # flanged ends
        draw.rect(img, 1, y, 14, 2, P.STEEL_DARK)
    draw.speckle(img, rng, [hexc("8a5a3a")], 0.03, img[:, :, 3] > 0)  # rust
    draw.outline(img, P.OUTLINE)
    return img


def plank(rng: np.random.Generator) -> np.ndarray:
    img = draw.new(4 * T, T)
    b = _wood_board(62, 8, rng, hexc("b89058"))
    draw.rect(b, 0, 0, 62, 1, hexc("d0a870"))
    draw.inner_outline(b, P.WOOD_DARK)
    draw.blit(img, b, 1, 4)
    for x in (6, 56):
        draw.px(img, x, 7, P.STEEL_DEEP)
    draw.outline(img, P.OUTLINE)
    return img


def scaffold(rng: np.random.Generator) -> np.ndarray:
    """A scaffold section seen from above: two steel end frames, a cross brace, boards between
    and yellow-tagged couplers (the frames a squad drags against a door, the tower that falls)."""
    img = draw.new(2 * T, T)
    boards = _wood_board(24, 10, rng, hexc("a88450"))
    draw.inner_outline(boards, P.WOOD_DARK)
    draw.blit(img, boards, 4, 3)
    for x in (1, 28):  # end frames: tube uprights with a ledger between them
        draw.rect(img, x, 1, 3, 14, P.STEEL)
        draw.rect(img, x, 1, 1, 14, P.STEEL_LIGHT)
    draw.rect(img, 1, 1, 30, 2, P.STEEL_DARK)  # ledgers along both long sides
    draw.rect(img, 1, 13, 30, 2, P.STEEL_DARK)
    draw.line(img, 4, 3, 27, 12, P.STEEL_DEEP)  # the cross brace over the boards
    for x, y in ((1, 1), (28, 1), (1, 13), (28, 13)):
        draw.rect(img, x + 1, y, 2, 2, hexc("e0b828"))  # couplers with safety tags
    draw.outline(img, P.OUTLINE)
    return img


HAZARD_RED = hexc("d8322a")  # the tower's guard rails: red and white, unlike any frame


def scaffold_tower(rng: np.random.Generator) -> np.ndarray:
    """A scaffold tower seen from above, one tile: its top lift's deck with a ladder hatch,
    heavy corner standards and red-and-white guard rails all round. Played by hand it was drawn
    as a scaffold frame, and a player dragging what he took for a frame snapped its tie."""
    img = draw.new(T, T)
    deck = _wood_board(12, 12, rng, hexc("8c6a40"))
    draw.blit(img, deck, 2, 2)
    draw.rect(img, 9, 8, 4, 5, P.OUTLINE)  # the ladder hatch, rungs going down
    for y in (9, 11):
        draw.rect(img, 10, y, 2, 1, P.STEEL)
    for k in range(14):  # guard rails, striped in 2 px steps
        col = HAZARD_RED if (k // 2) % 2 == 0 else P.UI_WHITE
        draw.rect(img, 1 + k, 1, 1, 2, col)
        draw.rect(img, 1 + k, 13, 1, 2, col)
        draw.rect(img, 1, 1 + k, 2, 1, col)
        draw.rect(img, 13, 1 + k, 2, 1, col)
    for x, y in ((0, 0), (12, 0), (0, 12), (12, 12)):  # standards, capped
        draw.rect(img, x, y, 4, 4, P.STEEL_DARK)
        draw.rect(img, x + 1, y + 1, 2, 2, P.STEEL_LIGHT)
    draw.outline(img, P.OUTLINE)
    return img


def scaffold_tower_fallen(rng: np.random.Generator) -> np.ndarray:
    """The tower on its side across the stair head: three tiles of standards and braces, the
    striped rails at the ends, boards spilt between."""
    img = draw.new(3 * T, T)
    for x in (3, 15, 27, 39):  # loose boards between the lifts
        board = _wood_board(8, 4, rng, hexc("8c6a40"))
        draw.blit(img, board, x, 6)
    draw.rect(img, 0, 1, 48, 3, P.STEEL_DARK)  # the standards, lying along it
    draw.rect(img, 0, 12, 48, 3, P.STEEL_DARK)
    draw.rect(img, 0, 2, 48, 1, P.STEEL_LIGHT)
    draw.rect(img, 0, 13, 48, 1, P.STEEL_LIGHT)
    for x in range(0, 48, 12):  # a ledger and a brace per lift
        draw.rect(img, x, 1, 2, 14, P.STEEL)
        draw.line(img, x + 2, 3, x + 11, 12, P.STEEL_DEEP)
    for k in range(12):  # the guard rails' stripes at both ends
        col = HAZARD_RED if (k // 2) % 2 == 0 else P.UI_WHITE
        draw.rect(img, 0, 2 + k, 2, 1, col)
        draw.rect(img, 46, 2 + k, 2, 1, col)
    draw.outline(img, P.OUTLINE)
    return img


def crane_load(rng: np.random.Generator) -> np.ndarray:
    img = draw.new(2 * T, 2 * T)
    crate = _wood_board(28, 28, rng, P.WOOD)
    for y in (0, 9, 18, 27):
        draw.rect(crate, 0, y, 28, 1, P.WOOD_DEEP)
    draw.inner_outline(crate, P.WOOD_DEEP)
    draw.blit(img, crate, 2, 2)
    strap = hexc("e0b020")
    draw.rect(img, 14, 2, 4, 28, strap)
    draw.rect(img, 2, 14, 28, 4, strap)
    draw.rect(img, 15, 2, 1, 28, P.lighter(strap, 0.3))
    draw.ring(img, 16, 16, 2.0, 3.4, P.STEEL_DARK)  # hook ring
    draw.disc(img, 16, 16, 1.6, P.STEEL_LIGHT)
    draw.outline(img, P.OUTLINE)
    return img


def crate(rng: np.random.Generator) -> np.ndarray:
    """A wooden supply crate from above (24 x 24 px, one student drags it): slats, a cross
    brace, a stencilled mark."""
    img = draw.new(24, 24)
    lid = _wood_board(22, 22, rng, P.WOOD_LIGHT)
    for y in (0, 7, 14, 21):  # the lid's slat gaps
        draw.rect(lid, 0, y, 22, 1, P.WOOD_DARK)
    draw.inner_outline(lid, P.WOOD_DARK)
    draw.blit(img, lid, 1, 1)
    draw.line(img, 3, 3, 20, 20, P.WOOD_DEEP)  # the cross brace
    draw.line(img, 3, 4, 19, 20, P.WOOD)
    for x, y in ((2, 2), (20, 2), (2, 20), (20, 20)):  # corner irons
        draw.rect(img, x, y, 2, 2, P.STEEL_DARK)
    draw.rect(img, 13, 5, 6, 2, hexc("3a3a34"))  # stencil, half worn off
    draw.rect(img, 14, 8, 3, 1, hexc("3a3a34"))
    draw.outline(img, P.OUTLINE)
    return img


def ac_unit(rng: np.random.Generator) -> np.ndarray:
    """A rooftop air-conditioning condenser from above (28 x 24 px): a steel cabinet, its big
    round fan grille, a slatted coil side and the pipes out of it."""
    img = draw.new(28, 24)
    draw.rect(img, 1, 1, 26, 22, P.STEEL_LIGHT)
    draw.rect(img, 1, 19, 26, 4, P.STEEL)  # the cabinet's near side, in shade
    for x in range(3, 26, 2):  # coil fins along the near side
        draw.rect(img, x, 20, 1, 2, P.STEEL_DARK)
    draw.disc(img, 10.5, 10.0, 7.5, P.STEEL_DEEP)  # the fan well
    draw.ring(img, 10.5, 10.0, 6.0, 7.5, P.STEEL_DARK)
    for k in range(3):  # the blades
        a = 2.1 * k + float(rng.uniform(0.0, 0.4))
        draw.polygon(img, [(10.5, 10.0), (10.5 + 6 * np.cos(a), 10.0 + 6 * np.sin(a)),
                           (10.5 + 6 * np.cos(a + 0.7), 10.0 + 6 * np.sin(a + 0.7))], P.STEEL)
    draw.disc(img, 10.5, 10.0, 1.6, P.STEEL_LIGHT)  # hub
    for y in (4, 7, 10, 13):  # the grille's bars over it all
        draw.rect(img, 3, y, 15, 1, P.mix(P.STEEL_DEEP, P.STEEL_DARK, 0.5))
    for y in range(3, 17, 3):  # the control box's louvres
        draw.rect(img, 20, y, 5, 1, P.STEEL_DARK)
    draw.rect(img, 24, 14, 3, 2, hexc("3a6ad0"))  # the maker's badge
    draw.speckle(img, rng, [P.STEEL], 0.05, img[:, :, 3] > 0)
    draw.inner_outline(img, P.STEEL_DARK)
    draw.outline(img, P.OUTLINE)
    return img


DRONE_PX = 20  # the drone's frame, px: a little wider than a student (16), rotors and all
DRONE_FRAMES = 4  # rotor frames: a two-blade prop turned 45 degrees a frame (half a turn repeats)
DRONE_OLIVE = hexc("5c6a3e")  # military drab: no student, zombie or prop wears it
DRONE_OLIVE_DARK = hexc("3a4426")
DRONE_OLIVE_LIGHT = hexc("86965a")
ROTOR_BLUR = (210, 218, 226, 70)  # a spinning rotor's disc: pale and see-through
NAV_RED = hexc("ff3a30")  # port (left) arm light, as aircraft carry them
NAV_GREEN = hexc("3aff6a")  # starboard (right)


def drone(frame: int) -> np.ndarray:
    """A military quad-rotor seen from above, nose up (north), 20 x 20 px: an X of olive arms
    round a body with a camera under its nose, a see-through disc per rotor with its blades at
    ``frame`` x 45 degrees (neighbouring rotors turn opposite ways), red and green arm lights.
    Nothing else on the map is an X with four circles: it reads as a drone, not a body."""
    n = DRONE_PX
    c = n / 2
    hubs = ((4.5, 4.5, 1), (n - 4.5, 4.5, -1), (4.5, n - 4.5, -1), (n - 4.5, n - 4.5, 1))
    img = draw.new(n, n)  # the rotors' discs, under the frame and outside its outline
    for hx, hy, _turn in hubs:
        draw.disc(img, hx, hy, 4.5, ROTOR_BLUR)
        draw.ring(img, hx, hy, 3.8, 4.5, (226, 232, 238, 120))  # the blade tips' blur
    frame_ = draw.new(n, n)  # the airframe, outlined on its own
    for hx, hy, _turn in hubs:
        dx, dy = (hx - c) / abs(hx - c), (hy - c) / abs(hy - c)
        px_, py_ = -dy * 0.8, dx * 0.8  # half an arm's width, across it
        draw.polygon(frame_, [(c + px_, c + py_), (hx + px_, hy + py_), (hx - px_, hy - py_), (c - px_, c - py_)],
                     DRONE_OLIVE_DARK)
        draw.disc(frame_, hx, hy, 1.3, P.STEEL_DEEP)  # the motor
    draw.ellipse(frame_, c, c + 0.5, 3.2, 4.6, DRONE_OLIVE)  # the body, longer nose to tail
    draw.ellipse(frame_, c - 0.6, c - 0.2, 1.6, 2.6, DRONE_OLIVE_LIGHT)  # its lit top
    draw.disc(frame_, c, c - 3.6, 1.3, P.GLASS_DARK)  # the camera ball under the nose
    draw.outline(frame_, P.OUTLINE)
    draw.blit(img, frame_, 0, 0)
    for hx, hy, turn in hubs:  # the blades over the discs, caught mid-turn
        a = turn * frame * np.pi / 4 + (np.pi / 8 if turn < 0 else 0.0)
        ux, uy = float(np.cos(a)) * 3.9, float(np.sin(a)) * 3.9
        wx, wy = -uy / 3.9 * 0.6, ux / 3.9 * 0.6  # half a blade's width
        draw.polygon(img, [(hx - ux + wx, hy - uy + wy), (hx + ux + wx, hy + uy + wy),
                           (hx + ux - wx, hy + uy - wy), (hx - ux - wx, hy - uy - wy)], (*P.STEEL_LIGHT[:3], 200))
        draw.disc(img, hx, hy, 0.9, P.STEEL_DARK)  # the hub, over them
    draw.px(img, 1, 8, NAV_RED)  # wingtip lights at the arms' outer edges
    draw.px(img, n - 2, 8, NAV_GREEN)
    return img


HELI_W, HELI_H = 48, 64  # the helicopter's frame, px: its main rotor's hub at the centre
HELI_FRAMES = 6  # main rotor frames: four blades turned 15 degrees a frame (a quarter turn repeats)
HELI_ROTOR_R = 23.0  # px: the main rotor's disc, wider than a desk is long
HELI_BODY = hexc("a85440")  # muted rescue red: no student, zombie or prop wears it
HELI_BODY_DARK = hexc("703426")
HELI_BODY_LIGHT = hexc("c8765c")
HELI_BAND = hexc("d8d4c8")  # the off-white band round the cabin and down the boom
HELI_BLADE = (*hexc("2e3238")[:3], 235)  # the blades: dark, so they cross the pale disc and the lit pad
HELI_TIP = hexc("e8c440")  # the blades' painted tips


def helicopter(frame: int) -> np.ndarray:
    """A rescue helicopter seen from above, nose up (north), 48 x 64 px with the main rotor's hub
    at the centre: a red fuselage with a glass cabin and a pale band, skids either side, a tail
    boom with its stabiliser and, at its end, the tail rotor's small disc off the fin; over it
    all, the main rotor's see-through disc with four dark blades at ``frame`` x 15 degrees, their
    tips painted yellow, and the tail rotor's blade a step further round. Red and green lights
    on the stabiliser's tips (port, starboard). Nothing else on the map has a disc this big: it
    reads as a helicopter passing over, not as a car or a crowd."""
    w, h = HELI_W, HELI_H
    cx, cy = w / 2, h / 2  # the rotor's hub
    body = draw.new(w, h)  # the airframe, outlined on its own
    for sx in (cx - 9.5, cx + 8.5):  # the skids, and the cross tubes that hold them
        draw.rect(body, round(sx), round(cy - 11), 1, 19, P.STEEL_DARK)
    for ty in (cy - 7, cy + 4):
        draw.rect(body, round(cx - 9), round(ty), 18, 1, P.STEEL_DEEP)
    tail = cy + 28.0  # where the boom ends, at the fin
    draw.polygon(body, [(cx - 2.4, cy + 8), (cx + 2.4, cy + 8), (cx + 1.3, tail), (cx - 1.3, tail)], HELI_BODY)
    draw.rect(body, round(cx - 1), round(cy + 10), 2, round(tail - cy - 12), HELI_BAND)  # the band down the boom
    draw.rect(body, round(cx - 7), round(tail - 6), 14, 2, HELI_BODY_DARK)  # the stabiliser
    draw.rect(body, round(cx - 1), round(tail - 3), 2, 5, HELI_BODY_DARK)  # the fin
    draw.ellipse(body, cx, cy - 1.5, 7.4, 13.0, HELI_BODY)  # the fuselage, longer nose to tail
    draw.ellipse(body, cx - 1.8, cy + 0.5, 3.4, 8.5, HELI_BODY_LIGHT)  # its lit roof
    draw.rect(body, round(cx - 7), round(cy - 5), 14, 2, HELI_BAND)  # the band behind the cabin
    draw.ellipse(body, cx, cy - 9.5, 5.6, 4.8, P.GLASS_DARK)  # the cabin's glass, to the nose
    draw.ellipse(body, cx - 2.0, cy - 10.5, 1.8, 2.0, P.GLASS)  # its shine
    draw.rect(body, round(cx - 3), round(cy + 2), 6, 7, HELI_BODY_DARK)  # the engine deck behind the mast
    draw.rect(body, round(cx - 2), round(cy + 7), 4, 2, P.STEEL_DEEP)  # its exhaust
    draw.outline(body, P.OUTLINE)
    img = body
    trx, try_ = cx + 3.6, tail - 1.0  # the tail rotor, off the fin's right side
    draw.disc(img, trx, try_, 3.4, (210, 218, 226, 70))
    draw.ring(img, trx, try_, 2.6, 3.4, (226, 232, 238, 110))
    a = frame * np.pi / 3  # (two blades: half a turn repeats; six frames, a turn and a bit)
    ux, uy = float(np.cos(a)) * 3.2, float(np.sin(a)) * 3.2
    draw.polygon(img, [(trx - ux - 0.5, try_ - uy), (trx + ux - 0.5, try_ + uy),
                       (trx + ux + 0.5, try_ + uy), (trx - ux + 0.5, try_ - uy)], HELI_BLADE)
    draw.disc(img, cx, cy, HELI_ROTOR_R, (210, 218, 226, 46))  # the main rotor's disc, see-through
    draw.ring(img, cx, cy, HELI_ROTOR_R - 1.4, HELI_ROTOR_R, (226, 232, 238, 110))  # its tips' blur
    for k in range(4):
        b = np.pi / 2 * k + frame * np.pi / 12 + np.pi / 8
        ux, uy = float(np.cos(b)), float(np.sin(b))
        wx, wy = -uy * 1.0, ux * 1.0  # half a blade's width
        r0, r1 = 1.5, HELI_ROTOR_R - 0.6
        draw.polygon(img, [(cx + ux * r0 + wx, cy + uy * r0 + wy), (cx + ux * r1 + wx, cy + uy * r1 + wy),
                           (cx + ux * r1 - wx, cy + uy * r1 - wy), (cx + ux * r0 - wx, cy + uy * r0 - wy)],
                     HELI_BLADE)
        r2 = r1 - 3.0
        draw.polygon(img, [(cx + ux * r2 + wx, cy + uy * r2 + wy), (cx + ux * r1 + wx, cy + uy * r1 + wy),
                           (cx + ux * r1 - wx, cy + uy * r1 - wy), (cx + ux * r2 - wx, cy + uy * r2 - wy)],
                     HELI_TIP)
    draw.disc(img, cx, cy, 2.2, P.STEEL_DEEP)  # the hub, over them
    draw.disc(img, cx, cy, 1.0, P.STEEL)
    draw.px(img, round(cx - 8), round(tail - 5), NAV_RED)  # the stabiliser's tips: port, starboard
    draw.px(img, round(cx + 7), round(tail - 5), NAV_GREEN)
    return img


def door(state: str, rng: np.random.Generator) -> np.ndarray:
    """A doorway tile seen from above; the leaf runs across the middle when closed."""
    img = draw.new(T, T)
    draw.rect(img, 0, 5, 2, 6, P.STEEL_DARK)  # frame posts
    draw.rect(img, 14, 5, 2, 6, P.STEEL_DARK)
    if state == "closed":
        leaf = _wood_board(12, 4, rng, P.WOOD)
        draw.rect(leaf, 0, 0, 12, 1, P.WOOD_LIGHT)
        draw.blit(img, leaf, 2, 6)
        draw.rect(img, 11, 8, 2, 1, P.STEEL_LIGHT)
        draw.rect(img, 5, 6, 4, 1, P.GLASS)  # small window strip
    elif state == "open":
        leaf = _wood_board(3, 12, rng, P.WOOD, horizontal=False)
        draw.rect(leaf, 0, 0, 1, 12, P.WOOD_LIGHT)
        draw.blit(img, leaf, 2, 8)
        draw.ring(img, 2, 8, 11.2, 11.8, (255, 255, 255, 40))  # swing arc hint
    else:  # broken: splinters on the floor
        for x, y, w, h in ((2, 6, 4, 3), (7, 8, 3, 2), (10, 5, 4, 3), (5, 11, 5, 2), (11, 11, 2, 3)):
            draw.rect(img, x, y, w, h, P.WOOD)
            draw.px(img, x, y, P.WOOD_LIGHT)
        draw.line(img, 3, 4, 6, 2, P.WOOD_DARK)
        draw.line(img, 12, 13, 14, 14, P.WOOD_DARK)
    draw.outline(img, P.OUTLINE)
    return img


def debris(i: int, rng: np.random.Generator) -> np.ndarray:
    img = draw.new(T, T)
    if i == 0:  # broken desk boards
        draw.polygon(img, [(1, 4), (11, 2), (12, 6), (2, 8)], P.WOOD)
        draw.polygon(img, [(4, 10), (14, 8), (15, 12), (5, 14)], P.WOOD_LIGHT)
        draw.line(img, 6, 7, 9, 12, P.STEEL_DARK)
    elif i == 1:  # tipped chair + books
        draw.rect(img, 2, 3, 8, 6, P.WOOD_LIGHT)
        draw.rect(img, 2, 9, 8, 2, P.WOOD)
        draw.line(img, 3, 11, 1, 14, P.STEEL_DARK)
        draw.line(img, 9, 11, 11, 14, P.STEEL_DARK)
        draw.rect(img, 10, 2, 4, 5, hexc("3a6ad0"))
        draw.rect(img, 11, 8, 4, 3, hexc("d04a3a"))
    else:  # boxes and paper
        draw.rect(img, 1, 1, 7, 7, hexc("b08a5a"))
        draw.rect(img, 1, 4, 7, 1, hexc("d0c08a"))
        draw.rect(img, 8, 7, 7, 6, hexc("9a7448"))
        for _ in range(4):
            x, y = int(rng.integers(1, 13)), int(rng.integers(9, 14))
            draw.rect(img, x, y, 3, 2, hexc("ecead8"))
    draw.outline(img, P.OUTLINE)
    return img


def build(atlas: Atlas) -> None:
    rng = np.random.default_rng(4242)
    s = "props"
    atlas.sheet(s, 256)
    atlas.frame(s, "prop.desk", desk(rng))
    atlas.frame(s, "prop.teacher-desk", teacher_desk(rng))
    atlas.frame(s, "prop.trolley", trolley(rng))
    atlas.frame(s, "prop.chair", chair(rng))
    atlas.frame(s, "prop.locker", locker(rng))
    atlas.frame(s, "prop.crane-load", crane_load(rng))
    atlas.frame(s, "prop.plank", plank(rng))
    atlas.frame(s, "prop.pipe", pipe(rng))
    for name in ("closed", "open", "broken"):
        atlas.frame(s, f"prop.door.{name}", door(name, rng))
    for i in range(3):
        atlas.frame(s, f"prop.debris.{i}", debris(i, rng))
    atlas.sheet(s).newline()
    for name, col in CAR_COLOURS.items():
        atlas.frame(s, f"prop.car.{name}", car(col))
    # last, with its own generator: a sprite added later leaves every earlier one as it was
    atlas.frame(s, "prop.scaffold", scaffold(np.random.default_rng(4243)))
    atlas.frame(s, "prop.scaffold-tower", scaffold_tower(np.random.default_rng(4244)))
    atlas.frame(s, "prop.scaffold-tower.fallen", scaffold_tower_fallen(np.random.default_rng(4245)))
    atlas.frame(s, "prop.crate", crate(np.random.default_rng(4246)))
    atlas.frame(s, "prop.ac-unit", ac_unit(np.random.default_rng(4247)))
    atlas.anim("drone.quad", {"any": [atlas.frame(s, f"drone.quad.{i}", drone(i)) for i in range(DRONE_FRAMES)]}, 24)
    atlas.sheet(s).newline()
    atlas.anim("helicopter.rotor", {"any": [atlas.frame(s, f"helicopter.rotor.{i}", helicopter(i))
                                            for i in range(HELI_FRAMES)]}, 20)
