"""Default key bindings: action name -> pygame key codes (remappable by the settings screen),
and how level text names them to a player who moved them or plays with a pad."""

from __future__ import annotations

import re

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
    "friend": (pygame.K_g,),  # the friend by the mouse pointer holds / follows (the pad: hold "follow")
    "torch": (pygame.K_t,),
    "special": (pygame.K_c,),
    "pause": (pygame.K_ESCAPE, pygame.K_p),
    "zoom": (pygame.K_z,),  # the view near / far (presentation only: no command)
}


def keys_from_names(bindings: dict[str, list[str]]) -> dict[str, tuple[int, ...]]:
    """Bindings from the settings file (key names) as key codes; unknown names are skipped and
    an action left with no known key keeps its default. An empty list is no key at all (an
    action added since the file was written whose default key the player uses for another)."""
    out = dict(DEFAULT_KEYS)
    for action, names in bindings.items():
        codes = []
        for name in names:
            try:
                codes.append(pygame.key.key_code(name))
            except ValueError:
                continue
        if action in out and (codes or not names):
            out[action] = tuple(codes)
    return out


# Level text and prompts name the controls by their default keys: "(E at the door)", "a
# ringing phone (Q)", "your phone torch (T)", "hold (F)", the HUD's "C" for the lead's own move.
# A player who plays with a pad, or moved "use" to F, is shown their own control in their place.
NAMED_KEYS = {"E": "interact", "Q": "throw", "T": "torch", "C": "special", "F": "follow", "G": "friend"}
_KEY_WORD = re.compile(r"(?<![\w'-])(E|Q|T|C|F|G)(?![\w'-])")  # a capital E / Q / T / C / F / G standing alone


def name_keys(text: str, names: dict[str, str]) -> str:
    """``text`` with each stand-alone default key letter ("E", "Q", "T", "C", "F", "G") replaced by
    ``names[letter]`` ("A", "RT", "L3"); letters not in ``names`` stay."""
    if not names or all(names.get(k, k) == k for k in NAMED_KEYS):
        return text
    return _KEY_WORD.sub(lambda m: names.get(m.group(1), m.group(1)), text)
