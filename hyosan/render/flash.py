"""The lightning flash on screen, fed by the sim's ``Lightning`` events.

A "flicker" (the telegraph, ``thunder_delay_seconds`` before the strike) is two short dim
pulses; a "flash" is a bright white-blue wash that decays over ``FLASH_SECONDS``. With flash
reduction on (an accessibility setting for photosensitive players) the flicker is not drawn at
all and the flash is a soft, dim glow: it rises over ``SOFT_RISE_SECONDS`` instead of jumping,
peaks at ``SOFT_PEAK`` of the full brightness and fades over a longer tail, so no frame changes
the screen's brightness abruptly.
"""

from __future__ import annotations

import pygame

from ..sim import events as ev

FLASH_PEAK = 200  # brightness of the strike (0..255): see ``lift`` and ``draw``
WASH = 0.5  # share of the brightness added over the whole frame; the rest lifts the darkness
FLASH_SECONDS = 0.45  # full flash: time to fade to nothing
FLICKER_PEAK = 70  # the telegraph's pulses
FLICKER_PULSES = ((0.0, 0.06), (0.12, 0.05))  # (start s, length s) of each pulse
SOFT_PEAK = 0.25  # flash reduction: share of FLASH_PEAK at the top of the glow
SOFT_RISE_SECONDS = 0.25
SOFT_SECONDS = 1.2  # flash reduction: rise + fade
TINT = (0.92, 0.95, 1.0)  # lightning is slightly blue


class LightningFlash:
    """How bright the screen is washed now; ``feed`` events, ``update`` real seconds, ``draw``."""

    def __init__(self, reduced: bool = False) -> None:
        self.reduced = reduced
        self.since_flash: float | None = None  # seconds since the last strike
        self.since_flicker: float | None = None

    def feed(self, events: list) -> None:
        """Start a flash or a flicker from this frame's events."""
        for e in events:
            if isinstance(e, ev.Lightning):
                if e.phase == "flash":
                    self.since_flash = 0.0
                elif e.phase == "flicker":
                    self.since_flicker = 0.0

    def update(self, seconds: float) -> None:
        """Age the flash and the flicker."""
        if self.since_flash is not None:
            self.since_flash += seconds
            if self.since_flash > max(FLASH_SECONDS, SOFT_SECONDS):
                self.since_flash = None
        if self.since_flicker is not None:
            self.since_flicker += seconds
            if self.since_flicker > 0.5:
                self.since_flicker = None

    @property
    def level(self) -> int:
        """The brightness added to each channel now (0..255)."""
        out = 0.0
        t = self.since_flash
        if t is not None:
            if self.reduced:
                peak = FLASH_PEAK * SOFT_PEAK
                if t < SOFT_RISE_SECONDS:
                    out = peak * t / SOFT_RISE_SECONDS
                else:
                    out = peak * max(0.0, 1.0 - (t - SOFT_RISE_SECONDS) / (SOFT_SECONDS - SOFT_RISE_SECONDS))
            else:
                out = FLASH_PEAK * max(0.0, 1.0 - t / FLASH_SECONDS) ** 2
        f = self.since_flicker
        if f is not None and not self.reduced:
            if any(start <= f < start + length for start, length in FLICKER_PULSES):
                out = max(out, FLICKER_PEAK)
        return int(out)

    @property
    def lift(self) -> float:
        """How far (0..1) the night's darkness is raised toward daylight now: the flash lights
        the scene rather than only fogging it."""
        return self.level / FLASH_PEAK

    def draw(self, surface: pygame.Surface) -> None:
        """Wash the frame white-blue (after the light map, before the HUD)."""
        v = self.level * WASH
        if v < 1:
            return
        surface.fill(tuple(int(v * k) for k in TINT), special_flags=pygame.BLEND_RGB_ADD)
