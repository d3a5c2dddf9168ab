"""Where a label goes: the first of a few places that hides nothing of the world worth seeing
(``WorldView.bodies_under`` counts the zombies under a rect), or the one that hides least."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pygame


def least_hidden(spots: Iterable[pygame.Rect], avoid: Callable[[pygame.Rect], int] | None,
                 grow: tuple[int, int] = (0, 0)) -> pygame.Rect:
    """The first of ``spots`` (screen rects, in order of preference) under which ``avoid``
    counts nothing, else the one under which it counts least (the earlier on a tie); each is
    tested grown by ``grow`` px (a label's backing). With no ``avoid``, the first."""
    best: tuple[int, pygame.Rect] | None = None
    for spot in spots:
        hides = avoid(spot.inflate(*grow)) if avoid is not None else 0
        if best is None or hides < best[0]:
            best = (hides, spot)
        if hides == 0:
            break
    if best is None:
        raise ValueError("no spot to choose from")
    return best[1]
