"""Default key bindings: action name -> pygame key codes (remappable by the settings screen)."""

from __future__ import annotations

import pygame

DEFAULT_KEYS: dict[str, tuple[int, ...]] = {
    "up": (pygame.K_w, pygame.K_UP),
    "down": (pygame.K_s, pygame.K_DOWN),
    "left": (pygame.K_a, pygame.K_LEFT),
    "right": (pygame.K_d, pygame.K_RIGHT),
    "sprint": (pygame.K_LSHIFT, pygame.K_RSHIFT),
    "sneak": (pygame.K_LCTRL, pygame.K_RCTRL),
    "melee": (pygame.K_SPACE,),
    "shove": (pygame.K_r,),
    "interact": (pygame.K_e,),
    "throw": (pygame.K_q,),
    "switch": (pygame.K_TAB,),
    "follow": (pygame.K_f,),
    "torch": (pygame.K_t,),
    "pause": (pygame.K_ESCAPE, pygame.K_p),
}


def keys_from_names(bindings: dict[str, list[str]]) -> dict[str, tuple[int, ...]]:
    """Bindings from the settings file (key names) as key codes; unknown names are skipped and
    an action left with no key keeps its default."""
    out = dict(DEFAULT_KEYS)
    for action, names in bindings.items():
        codes = []
        for name in names:
            try:
                codes.append(pygame.key.key_code(name))
            except ValueError:
                continue
        if action in out and codes:
            out[action] = tuple(codes)
    return out
