"""The lead's own move has a panel over the noise meter: its key (as bound), its name, the uses
left, and a bar while it gets ready again; a lead with no move has none. The extinguisher's
cloud is drawn where the world holds it, and fades away with it."""

from __future__ import annotations

import pygame

from hyosan.render.atlas import Atlas
from hyosan.render.camera import Camera
from hyosan.render.clouds import CloudPainter
from hyosan.render.hud import Hud
from hyosan.sim import commands as cmd
from hyosan.sim.specials import SPRAY_SECONDS, Cloud
from hyosan.sim.units import TICK_HZ
from tests.sim.test_bow import world_of
from tests.sim.test_specials import SQUAD


def _panel(hud: Hud, world) -> bytes:
    screen = pygame.Surface((1280, 720))
    hud.draw(screen, world, "Hold", 0.0)
    return pygame.image.tobytes(screen.subsurface(hud.special_rect), "RGB") if hud.special_rect.h else b""


def test_the_panel_follows_the_leads_move_and_its_uses(display) -> None:
    hud = Hud(Atlas())
    world = world_of(SQUAD)  # On-jo leads
    full = _panel(hud, world)
    assert hud.special_rect.h == 40 and hud.special_rect.bottom == hud.noise_rect.top - 6
    world.step(cmd.TickInput((cmd.Special(),)))
    used = _panel(hud, world)
    assert used and used != full  # "x 2", dimmed, and the bar
    hud.key_names = {"C": "R3"}  # a pad player sees the pad's button
    assert _panel(hud, world) != used
    world.step(cmd.TickInput((cmd.SwitchLead(),)))  # Cheong-san: the taunt
    assert _panel(hud, world) not in (b"", used, full)
    world.step(cmd.TickInput((cmd.SwitchLead(),)))  # Woo-jin: no move of his own
    assert _panel(hud, world) == b"" and hud.special_rect.h == 0


def test_a_cloud_is_drawn_where_it_hangs_and_thins_away(display) -> None:
    camera = Camera(640, 360, scale=2.0, x=160.0, y=90.0)
    painter = CloudPainter()
    cloud = Cloud(100.0, 60.0, 30.0, until_tick=round(SPRAY_SECONDS * TICK_HZ))

    def brightness(tick: int) -> int:
        surf = pygame.Surface((640, 360))
        painter.draw(surf, camera, [cloud], tick)
        return surf.get_at((200, 120))[0]  # the cloud's centre on screen

    fresh, thinning, gone = brightness(0), brightness(cloud.until_tick - TICK_HZ // 4), brightness(cloud.until_tick)
    assert fresh > 60 and 0 < thinning < fresh and gone == 0
    surf = pygame.Surface((640, 360))
    painter.draw(surf, camera, [cloud], 0)
    assert surf.get_at((200 + 70, 120))[0] == 0  # nothing past its radius (30 px = 60 screen px)
