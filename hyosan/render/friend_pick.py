"""The friend G would order, marked while the mouse aims: a ring round the follower nearest the
pointer, with the key and what it would do ("G: hold", "G: follow").

G orders the follower nearest the pointer for 3 s after the mouse moves (``control.human``'s
POINTER_FRESH_TICKS), as long as the play scene shows where Q would throw (MOUSE_AIM_SECONDS).
A playtester's bunched squad had each name tag between two students, over its own's head and
another's feet, and a G meant for Nam-ra held Su-hyeok: the ring says whom the pointer picks
before the key is pressed. It reads the world and never writes it.
"""

from __future__ import annotations

import pygame

from ..sim.squad import STUDENT_RADIUS
from .camera import Camera

PICK_RGB = (150, 225, 255)  # pale blue: not the lead's yellow ring, nor a hurt friend's red
PICK_EDGE_RGB = (12, 14, 18)
PICK_GAP_PX = 5  # screen px between the body's edge and the ring


def draw_friend_pick(surface: pygame.Surface, camera: Camera, world, aim: tuple[float, float],
                     font: pygame.font.Font, key: str = "G") -> str | None:
    """Mark the follower G would order with the pointer at ``aim`` (world px); returns its id,
    or None when the lead has no living follower."""
    friend = world.friend_near(*aim)
    if friend is None:
        return None
    p = world.student_pos(friend)
    x, y = (round(v) for v in camera.to_screen(float(p[0]), float(p[1])))
    r = round(STUDENT_RADIUS * camera.scale) + PICK_GAP_PX
    pygame.draw.circle(surface, PICK_EDGE_RGB, (x, y + 1), r, 4)
    pygame.draw.circle(surface, PICK_RGB, (x, y), r, 2)
    words = f"{key}: {'follow' if friend.hold else 'hold'}"
    label, edge = font.render(words, True, PICK_RGB), font.render(words, True, PICK_EDGE_RGB)
    at = label.get_rect(midtop=(x, y + r + 2))
    for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
        surface.blit(edge, at.move(dx, dy))
    surface.blit(label, at)
    return friend.id
