"""The lightning flash: bright and quick by default; with flash reduction dim, soft and without
the flicker, so no frame's brightness jumps."""

from __future__ import annotations

import pygame

from hyosan.render.flash import FLASH_PEAK, SOFT_RISE_SECONDS, LightningFlash
from hyosan.sim import events as ev


def trace(flash: LightningFlash, events: list, seconds: float = 1.5) -> list[int]:
    flash.feed(events)
    out = [flash.level]
    for _ in range(int(seconds * 60)):
        flash.update(1 / 60)
        out.append(flash.level)
    return out


def test_flash_reduction_dims_and_softens_the_flash() -> None:
    full = trace(LightningFlash(), [ev.Lightning("flash")])
    soft = trace(LightningFlash(reduced=True), [ev.Lightning("flash")])
    assert full[0] == FLASH_PEAK and full[-1] == 0 and soft[-1] == 0
    assert max(soft) <= FLASH_PEAK // 3
    biggest_jump = max(abs(b - a) for a, b in zip([0, *soft], soft, strict=False))
    assert biggest_jump <= 5  # per 60 Hz frame: a glow, not a strobe
    assert max(abs(b - a) for a, b in zip([0, *full], full, strict=False)) == FLASH_PEAK


def test_the_flicker_is_drawn_only_without_reduction() -> None:
    assert max(trace(LightningFlash(), [ev.Lightning("flicker")], 0.5)) > 0
    assert max(trace(LightningFlash(reduced=True), [ev.Lightning("flicker")], 0.5)) == 0


def test_a_flash_lights_a_dark_level_and_the_reduced_one_much_less() -> None:
    import dataclasses

    from hyosan.render.camera import Camera
    from hyosan.render.presentation import Presentation
    from hyosan.sim.world import World
    from tests.helpers import sandbox

    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((640, 360))
    try:
        spec = sandbox()
        dark = dataclasses.replace(spec, lighting=dataclasses.replace(spec.lighting, ambient="dark"))

        def mean_brightness(reduced: bool, flash: bool, age: float = 0.0) -> float:
            present = Presentation(World.from_spec(dark, 0), Camera(640, 360), flash_reduction=reduced)
            present.update(0.0, snap=True)
            if flash:
                present.consume([ev.Lightning("flash")])
                present.update(age)
            surface = pygame.Surface((640, 360))
            present.draw(surface, 1.0)
            return float(pygame.surfarray.pixels3d(surface)[:, 60:300].mean())

        night = mean_brightness(False, False)
        full = mean_brightness(False, True)  # the strike
        soft = mean_brightness(True, True, SOFT_RISE_SECONDS)  # the top of the reduced glow
        assert full > night + 60  # the strike lights the whole scene
        assert night < soft < night + (full - night) / 3
    finally:
        pygame.quit()


def test_a_flickering_lamp_stutters_and_a_steady_one_does_not() -> None:
    """The roof's south floodlight flickers (drawn only): over ten seconds its light drops to
    LAMP_FLICKER_DIM of its radius on some beats and is whole on the rest; the north one never
    dims."""
    from hyosan.content.discovery import resolve_level
    from hyosan.render.light import LAMP_FLICKER_DIM, world_lights
    from hyosan.sim.world import World

    _, roof = resolve_level("nights/the-roof", [])
    world = World.from_spec(roof, 0)
    lamps = [lt for lt in roof.lighting.lights if lt.kind == "lamp" and lt.on]
    k_flicker = next(k for k, lt in enumerate(lamps) if lt.id == "pad-flood-south")
    k_steady = next(k for k, lt in enumerate(lamps) if lt.id == "pad-flood-north")
    seen: dict[int, set[float]] = {k_flicker: set(), k_steady: set()}
    for tick in range(600):
        world.tick = tick
        _, _, _, pools = world_lights(world)
        assert [pool.radius for pool, _ in pools] == [lt.radius * 16 for lt in lamps]
        for k in seen:
            seen[k].add(round(pools[k][1], 3))
    assert seen[k_steady] == {1.0}
    assert seen[k_flicker] == {1.0, LAMP_FLICKER_DIM}
