"""Noise rings draw only the part of their overlay they touched: the same pixels as blitting
the whole overlay, and nothing left behind from the frame before."""

from __future__ import annotations

import pygame

from hyosan.render.camera import Camera
from hyosan.render.noise_rings import NoiseRings, Ring


def _background() -> pygame.Surface:
    surf = pygame.Surface((640, 360))
    surf.fill((150, 140, 120))
    for k in range(0, 640, 40):  # stripes, so a wrong blend shows
        surf.fill((30 + k % 200, 60, 90), (k, 0, 20, 360))
    return surf


def _whole_overlay(rings: list[Ring], camera: Camera) -> pygame.Surface:
    """The reference: every ring on a full-size overlay, blitted whole."""
    from hyosan.render.noise_rings import ring_colour

    out = _background()
    overlay = pygame.Surface(out.get_size(), pygame.SRCALPHA)
    overlay.fill((0, 0, 0, 0))
    for r in rings:
        sx, sy = camera.to_screen(r.x, r.y)
        rad = r.radius * camera.scale
        if r.opacity <= 0 or rad < 2:
            continue
        pygame.draw.circle(overlay, (*ring_colour(r.loudness), int(200 * r.opacity)), (sx, sy), rad, 3)
        if rad > 8:
            pygame.draw.circle(overlay, (*ring_colour(r.loudness), int(60 * r.opacity)), (sx, sy), rad - 5, 2)
    out.blit(overlay, (0, 0))
    return out


def test_rings_draw_the_pixels_of_a_whole_overlay_and_leave_no_trail(display) -> None:
    camera = Camera(640, 360, scale=2.0)
    camera.follow(160.0, 90.0, 1000.0, 1000.0, snap=True)
    rings = NoiseRings(captions=False)
    rings.rings = [Ring(100.0, 60.0, 90.0, age=0.3), Ring(250.0, 140.0, 400.0, age=0.7),
                   Ring(-50.0, 60.0, 60.0, age=0.2)]  # the last is off screen to the left
    for _ in range(3):  # the rings grow, fade and one goes: last frame's circles must not linger
        surf = _background()
        rings.draw(surf, camera)
        assert pygame.image.tobytes(surf, "RGB") == pygame.image.tobytes(_whole_overlay(rings.rings, camera), "RGB")
        rings.update(0.25)
    rings.rings = rings.rings[:1]
    surf = _background()
    rings.draw(surf, camera)
    assert pygame.image.tobytes(surf, "RGB") == pygame.image.tobytes(_whole_overlay(rings.rings, camera), "RGB")


def test_a_caption_is_rendered_once_while_it_shows(display) -> None:
    from hyosan.sim.events import Sound

    camera = Camera(640, 360, scale=2.0)
    camera.follow(160.0, 90.0, 1000.0, 1000.0, snap=True)
    rings = NoiseRings(captions=True)
    rings.feed([Sound(x=150.0, y=90.0, loudness=500.0, kind="door", source="door-1")])
    font = pygame.font.Font(None, 22)
    surf = _background()
    for _ in range(5):
        rings.draw(surf, camera, font)
        rings.update(1 / 60)
    assert len(rings._captions) == 1  # "door slam", rendered on the first frame and kept
    dark = pygame.Rect(0, 0, 1, 1)
    img, back = rings._captions[next(iter(rings._captions))]
    dark.size = back.get_size()
    sx, sy = camera.to_screen(150.0, 90.0)
    dark.topleft = (round(sx - back.get_width() / 2), round(max(sy - 40, 40)))
    plain = _background()
    inside = [(x, dark.centery) for x in range(dark.left + 1, dark.right - 1)]
    assert sum(surf.get_at(p)[:3] != plain.get_at(p)[:3] for p in inside) == len(inside)  # the backing darkens its box


def test_a_caption_moves_off_the_zombies_it_would_hide(display) -> None:
    """Played by hand in the storm: Ha-ri's scream's caption sat over the zombie biting her.
    Where a zombie is under the caption's usual place it goes higher; with both taken, below;
    with every place taken, where it hides the fewest."""
    from hyosan.render.noise_rings import CAPTION_OFFSETS
    from hyosan.sim.events import Sound

    camera = Camera(640, 360, scale=2.0)
    camera.follow(160.0, 90.0, 1000.0, 1000.0, snap=True)
    font = pygame.font.Font(None, 22)
    sx, sy = camera.to_screen(150.0, 90.0)

    def caption_top(taken: dict[int, int]) -> int:
        """The caption's top row (screen px) when ``taken[dy]`` zombies lie under offset dy."""
        rings = NoiseRings(captions=True)
        rings.feed([Sound(x=150.0, y=90.0, loudness=500.0, kind="scream", source="ha-ri")])
        surf = _background()
        rings.draw(surf, camera, font, avoid=lambda rect: taken.get(rect.top - round(sy), 0))
        assert len(rings.caption_rects) == 1
        return rings.caption_rects[0].top - round(sy)

    assert CAPTION_OFFSETS[0] == -40
    assert caption_top({}) == -40
    assert caption_top({-40: 1}) == -96
    assert caption_top({-40: 1, -96: 2}) == 44
    assert caption_top({-40: 3, -96: 1, 44: 2}) == -96

    # A HUD panel over its usual place counts as a caption there: "drone" sat half under the
    # noise panel on the Site (playtester, session 26).
    rings = NoiseRings(captions=True)
    rings.feed([Sound(x=150.0, y=90.0, loudness=500.0, kind="scream", source="ha-ri")])
    panel = pygame.Rect(0, round(sy) - 40, 640, 30)
    rings.draw(_background(), camera, font, panels=[panel])
    assert not rings.caption_rects[0].colliderect(panel) and rings.caption_rects[0].top - round(sy) == -96


def test_a_caption_near_the_top_stays_below_the_hud_bar(display) -> None:
    """On the auditorium night a PA speaker at the top of the view had its caption cut in half
    under the objective bar (y 8-48): a caption's top stays at or below CAPTION_TOP_PX."""
    from hyosan.render.noise_rings import CAPTION_TOP_PX
    from hyosan.sim.events import Sound

    camera = Camera(640, 360, scale=2.0)
    camera.follow(160.0, 160.0, 1000.0, 1000.0, snap=True)
    x, y = camera.to_world(320, 10)  # a sound 10 px from the top of the view
    rings = NoiseRings(captions=True)
    rings.feed([Sound(x=x, y=y, loudness=2400.0, kind="pa-speaker", source="stage-speakers")])
    rings.draw(_background(), camera, pygame.font.Font(None, 22))
    assert len(rings.caption_rects) == 1 and rings.caption_rects[0].top == CAPTION_TOP_PX >= 48


def test_two_captions_at_one_place_do_not_print_over_each_other(display) -> None:
    """A scream and a splash at one spot read "screamash" to a playtester: the second caption
    takes the next free place; the same words at the same spot again are said once."""
    from hyosan.sim.events import Sound

    camera = Camera(640, 360, scale=2.0)
    camera.follow(160.0, 90.0, 1000.0, 1000.0, snap=True)
    font = pygame.font.Font(None, 22)
    rings = NoiseRings(captions=True)
    rings.feed([Sound(x=150.0, y=90.0, loudness=380.0, kind="scream", source="ha-ri"),
                Sound(x=152.0, y=90.0, loudness=300.0, kind="splash-step", source="on-jo")])
    rings.draw(_background(), camera, font)
    assert [r.caption for r in rings.rings if r.caption] == ["scream", "splash step"]
    a, b = rings.caption_rects
    assert not a.colliderect(b)
    rings = NoiseRings(captions=True)
    rings.feed([Sound(x=150.0, y=90.0, loudness=380.0, kind="scream", source="ha-ri"),
                Sound(x=151.0, y=91.0, loudness=380.0, kind="scream", source="ha-ri")])
    rings.draw(_background(), camera, font)
    assert len(rings.caption_rects) == 1


def test_a_caption_names_the_student_who_screamed() -> None:
    """A playtester read Storm's followers' "scream — south walk" as a zombie's: the squad had
    brought the crowd on itself and the screen never said so."""
    from hyosan.render.noise_rings import caption_for
    from hyosan.sim.events import Sound

    places = [("south walk", (0.0, 0.0, 400.0, 400.0))]
    from hyosan.sim.events import Bitten

    rings = NoiseRings(True, places, {}, {"nam-ra": "Nam-ra", "mi-jin": "Mi-jin"})
    rings.feed([Sound(100.0, 100.0, 380.0, "scream", "nam-ra"), Sound(300.0, 300.0, 380.0, "scream", "")])
    assert [r.caption for r in rings.rings] == ["Nam-ra panics \u2014 south walk", "scream \u2014 south walk"]
    # a bite's scream says it was a bite (another playtester read a fright's as one)
    rings.feed([Bitten("mi-jin", 200.0, 100.0, 0.75), Sound(200.0, 100.0, 380.0, "scream", "mi-jin")])
    assert rings.rings[-1].caption == "Mi-jin is bitten \u2014 south walk"
    assert caption_for(Sound(0, 0, 600.0, "taunt", "cheong-san"), None, "", "Cheong-san") == "Cheong-san shouts"
    assert caption_for(Sound(0, 0, 300.0, "growl", "nam-ra"), "marker 4", "", "Nam-ra") == "Nam-ra growls \u2014 marker 4"
    assert caption_for(Sound(0, 0, 600.0, "crash", "cheong-san"), None, "", "Cheong-san") == "crash"


def test_a_place_named_by_a_letter_reads_as_a_name_not_a_cut_word() -> None:
    # A playtester read "scream - storeroom d" at the screen's edge as a caption cut short.
    from hyosan.content.discovery import resolve_level
    from hyosan.render.noise_rings import caption_for, level_places, place_of
    from hyosan.sim.events import Sound

    _, spec = resolve_level("hyosan/trolley-shield-run", [])
    places = level_places(spec)
    names = [name for name, _ in places]
    assert "storeroom D" in names and "storeroom d" not in names
    rect = dict(places)["storeroom D"]
    x, y = (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2
    assert caption_for(Sound(x, y, 400.0, "crash", ""), place_of(places, x, y)) == "crash \u2014 storeroom D"


def test_captions_never_print_over_one_another_and_the_newest_are_kept(display) -> None:
    # A squad torn down in the storm printed a dozen captions in a heap, one over another
    # ("N Su-hyeok is bitten - south walk"). Where every place is taken the ring alone says it.
    camera = Camera(640, 360, scale=2.0)
    rings = NoiseRings()
    words = [f"{name} {verb}" for name in ("Ha-ri", "Nam-ra", "Su-hyeok", "On-jo", "Cheong-san")
             for verb in ("panics", "is bitten")]
    for k, caption in enumerate(words):  # all within a few px, oldest first
        rings.rings.append(Ring(160.0 + k % 3, 90.0 + k % 2, 400.0, caption))
    surface = _background()
    rings.draw(surface, camera, pygame.font.Font(None, 22))
    drawn = rings.caption_rects
    assert 2 <= len(drawn) < len(words)
    assert not any(a.colliderect(b) for i, a in enumerate(drawn) for b in drawn[i + 1:])
    from hyosan.render.noise_rings import ring_colour

    newest = rings._caption(pygame.font.Font(None, 22), words[-1], ring_colour(400.0))[1].get_size()
    assert drawn[0].size == newest  # the newest is drawn first, so it is always kept


def test_a_caption_goes_beside_the_squad_and_is_left_out_where_no_place_is_clear(display) -> None:
    """A caption keeps off the squad whatever the zombies (``keep_off``: WorldView.squad_under):
    with the squad over every row above and below the sound it goes a step to the side; with
    the squad everywhere near, it is left out and the ring alone says it (in the Trolley's box,
    "is bitten" captions buried the students and their names, played by hand)."""
    from hyosan.sim.events import Sound

    camera = Camera(640, 360, scale=2.0)
    camera.follow(160.0, 90.0, 1000.0, 1000.0, snap=True)
    font = pygame.font.Font(None, 22)
    sx, sy = camera.to_screen(150.0, 90.0)
    squad = pygame.Rect(round(sx) - 40, 0, 80, 360)  # a column over the sound, top to bottom

    def draw(keep_off) -> list[pygame.Rect]:
        rings = NoiseRings(captions=True)
        rings.feed([Sound(x=150.0, y=90.0, loudness=500.0, kind="scream", source="ha-ri")])
        rings.draw(_background(), camera, font, keep_off=keep_off)
        return rings.caption_rects

    (beside,) = draw(lambda rect: 5 * rect.colliderect(squad))
    assert not beside.colliderect(squad) and abs(beside.centerx - sx) < 2 * beside.w  # beside it, near
    assert draw(lambda rect: 5) == []
