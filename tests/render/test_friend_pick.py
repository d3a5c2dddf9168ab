"""The ring round the friend G would order with the pointer where it is."""

from __future__ import annotations

import pygame

from hyosan.content.discovery import resolve_level
from hyosan.render.camera import Camera
from hyosan.render.friend_pick import PICK_GAP_PX, PICK_RGB, draw_friend_pick
from hyosan.sim import commands as cmd
from hyosan.sim.squad import STUDENT_RADIUS
from hyosan.sim.world import World


def _bunched() -> tuple[World, Camera]:
    """Classroom Barricade's squad stood in a tight column, as a playtester's bunched squad."""
    _, spec = resolve_level("hyosan/classroom-barricade", None)
    world = World.from_spec(spec, 0)
    for k, s in enumerate(world.students):
        s.body.position = (40 * 16 + (k % 2) * 4, 12 * 16 + k * 12)
        world.bodies.pos[s.index] = s.body.position
    camera = Camera(1280, 720, 3.0)
    camera.follow(40 * 16, 12 * 16 + 18, world.tilemap.width_px, world.tilemap.height_px, snap=True)
    return world, camera


def test_the_ring_marks_the_friend_g_orders_and_says_what_g_will_do(display) -> None:
    """A playtester aimed G at a name tag that sat over another student, and G held Su-hyeok,
    not Nam-ra. With the pointer on a student, the ring is round that student, the word says
    "hold" (then "follow" once held), and G orders that same student."""
    world, camera = _bunched()
    font = pygame.font.Font(None, 18)
    for target in world.students[1:]:  # every follower in turn, the pointer on its body
        p = world.student_pos(target)
        aim = (float(p[0]) + 2.0, float(p[1]) - 1.0)
        surface = pygame.Surface((1280, 720))
        assert draw_friend_pick(surface, camera, world, aim, font) == target.id
        sx, sy = (round(v) for v in camera.to_screen(float(p[0]), float(p[1])))
        ring = [(sx + dx, sy + dy) for dx in range(-30, 31) for dy in range(-30, 31)
                if tuple(surface.get_at((sx + dx, sy + dy)))[:3] == PICK_RGB]
        assert ring and abs(sum(x for x, _ in ring) / len(ring) - sx) < 3  # round this student, not another
        held = target.hold
        world.step(cmd.TickInput((cmd.ToggleFriend(*aim),)))
        assert target.hold is not held  # G with the pointer there orders the student ringed
    # Told to hold, the word under the ring says what G would do now: follow again.
    last = world.students[-1]
    p = world.student_pos(last)
    at = (float(p[0]), float(p[1]))
    held, following = pygame.Surface((1280, 720)), pygame.Surface((1280, 720))
    assert last.hold and draw_friend_pick(held, camera, world, at, font, key="H") == last.id
    last.hold = False
    draw_friend_pick(following, camera, world, at, font, key="H")
    sx, sy = (round(v) for v in camera.to_screen(*at))
    r = round(STUDENT_RADIUS * camera.scale) + PICK_GAP_PX  # the ring's radius (screen px)
    words = pygame.Rect(sx - 60, sy + r + 2, 120, 20)  # under the ring
    def ink(surface: pygame.Surface) -> int:  # pixels of the ring's colour in the words' box
        return int((pygame.surfarray.array3d(surface.subsurface(words)) == PICK_RGB).all(axis=2).sum())

    # held, G would have it follow: "H: follow", longer than the following friend's "H: hold"
    assert ink(held) > ink(following) > 0
    # Nobody to order: no ring.
    for s in world.students[1:]:
        s.alive = False
    assert draw_friend_pick(pygame.Surface((1280, 720)), camera, world, (0.0, 0.0), font) is None
