"""The map's look: floor styles the level names are drawn, wall tops read dark against floors."""

from __future__ import annotations

import pygame
import pytest

from hyosan.content.loader import load_level
from hyosan.render.world_view import CHUNK_TILES, WorldView
from hyosan.sim.world import World
from tests.helpers import ROOT


def test_a_legend_floor_style_is_the_tile_drawn(display) -> None:
    spec = load_level(ROOT / "levels" / "hyosan" / "classroom-barricade.toml")
    view = WorldView(World.from_spec(spec, 0), 3.0)
    rows = spec.map.rows
    styles = dict(spec.map.floors)
    hall = next((r, c) for r, row in enumerate(rows) for c, ch in enumerate(row) if styles.get(ch) == "hallway")
    room = next((r, c) for r, row in enumerate(rows) for c, ch in enumerate(row) if ch == ".")
    # the hallway is wide enough that the room heuristic alone would have drawn it as wood
    assert view._tile_name(*hall).startswith("tile.hallway.floor.")
    assert view._tile_name(*room).startswith("tile.classroom.floor.")


def test_the_spawn_and_a_door_stand_on_the_floor_round_them_not_the_theme(display) -> None:
    """The auditorium's theme is carpet and its stage is boards ("s"): the squad's 'S' on the
    stage was drawn as a square of carpet; a door takes its neighbours' floor too, and a plain
    floor tile keeps the theme however its neighbours look."""
    spec = load_level(ROOT / "levels" / "nights" / "the-auditorium.toml")
    view = WorldView(World.from_spec(spec, 0), 3.0)
    rows = spec.map.rows
    spawn = next((r, row.index("S")) for r, row in enumerate(rows) if "S" in row)
    assert spec.map.theme == "auditorium" and spec.map.floor_at(spawn[1], spawn[0]) == "classroom"
    assert view._tile_name(*spawn).startswith("tile.classroom.floor.")
    assert spec.map.floor_at(4, 9) in ("hallway", "classroom")  # the west wing door: corridor or stage
    hall = next((r, row.index(".")) for r, row in enumerate(rows) if "." in row)
    assert spec.map.floor_at(hall[1], hall[0]) == "auditorium"  # a plain '.' keeps the theme
    # and the level list's plan colours it so too
    from hyosan.render.level_plan import PlanPainter

    colours = PlanPainter(view.atlas).tile_colours(spec)
    beside = (spawn[0], spawn[1] + 1)  # a stage tile ('s')
    assert tuple(colours[spawn]) == tuple(colours[beside]) != tuple(colours[hall])


def test_wall_tops_are_darker_than_the_floors(display) -> None:
    spec = load_level(ROOT / "levels" / "hyosan" / "classroom-barricade.toml")
    view = WorldView(World.from_spec(spec, 0), 1.0)
    wall = view.atlas.frame("tile.wall.school.top.0")
    floor = view.atlas.frame("tile.classroom.floor.0")

    def brightness(s: pygame.Surface) -> float:
        return sum(sum(s.get_at((x, y))[:3]) for x in range(16) for y in range(16)) / 256

    assert brightness(wall) < 0.6 * brightness(floor)


class Recorder(pygame.Surface):
    """A surface that remembers the sizes of everything fblits puts on it."""

    sizes: list[tuple[int, int]]

    def fblits(self, seq, *args):  # type: ignore[override]
        seq = list(seq)
        self.sizes = getattr(self, "sizes", []) + [s.get_size() for s, _ in seq]
        return super().fblits(seq, *args)


def test_the_halfbie_is_drawn_with_its_own_24_px_art(display) -> None:
    from hyosan.render.camera import Camera
    from hyosan.sim import commands as cmd
    from tests.helpers import sandbox

    world = World.from_spec(sandbox(), 0)
    lead = world.student_pos(world.lead_student)
    world.horde.request_spawn(float(lead[0]) + 40, float(lead[1]), world.horde.breeds.index("halfbie"))
    world.horde.request_spawn(float(lead[0]) - 40, float(lead[1]), world.horde.breeds.index("walker"))
    world.step(cmd.EMPTY_INPUT)
    view = WorldView(world, 3.0)
    camera = Camera(640, 360)
    camera.follow(float(lead[0]), float(lead[1]), world.tilemap.width_px, world.tilemap.height_px, snap=True)
    surface = Recorder((640, 360))
    assert view.draw_horde(surface, camera, 1.0, 0.0) >= 2
    assert (72, 72) in surface.sizes and (48, 48) in surface.sizes  # 24 px and 16 px art at 3x


def sandbox_door_view():  # type: ignore[no-untyped-def]
    """The sandbox's first door at 3x through a 240 px camera centred on its doorway:
    (world, door, view, camera, doorway centre px)."""
    from hyosan.render.camera import Camera
    from hyosan.sim.units import TILE_PX
    from tests.helpers import sandbox

    world = World.from_spec(sandbox(), 0)
    door = world.doors[0]
    c, r = door.spec.tile
    cx, cy = (c + 0.5) * TILE_PX, (r + 0.5) * TILE_PX
    view = WorldView(world, 3.0)
    camera = Camera(240, 240)
    camera.follow(cx, cy, world.tilemap.width_px, world.tilemap.height_px, snap=True)
    return world, door, view, camera, (cx, cy)


def test_a_swung_door_moves_its_leaf_and_keeps_its_frame(display) -> None:
    import math

    from hyosan.render.world_view import door_frame_sprite
    from hyosan.sim.units import TILE_PX

    world, door, view, camera, (cx, cy) = sandbox_door_view()

    def frame() -> pygame.Surface:
        surface = pygame.Surface((240, 240))
        view.draw(surface, camera, 1.0)
        return surface

    shut = frame()
    a = door.closed_angle + math.pi / 2  # swung a quarter turn about the hinge
    hx, hy = door.hinge
    centre = (hx + math.cos(a) * door.length / 2, hy + math.sin(a) * door.length / 2)
    for arr in (world.bodies.angle, world.prev_angle):
        arr[door.index] = a
    for arr in (world.bodies.pos, world.prev_pos):
        arr[door.index] = centre
    swung = frame()
    # the far post stays in the doorway; the middle of the doorway is no longer the leaf
    ex, ey = camera.to_screen(cx + math.cos(door.closed_angle) * (TILE_PX / 2 - 1),
                              cy + math.sin(door.closed_angle) * (TILE_PX / 2 - 1))
    mx, my = camera.to_screen(cx, cy)
    assert shut.get_at((int(ex), int(ey))) == swung.get_at((int(ex), int(ey)))
    assert shut.get_at((int(mx), int(my))) != swung.get_at((int(mx), int(my)))
    door.broken = True
    assert door_frame_sprite(door) == "door.frame.broken"


def test_bunched_name_tags_do_not_overlap_and_plain_ones_are_left_out_of_a_pile() -> None:
    """The lead's tag stays put; a tag in the way is lifted above it; a plain tag (a healthy
    follower) that still covers one after PLAIN_TAG_LIFTS lifts is left out, while a student in
    trouble keeps a name however high it must go (a squad of six stacked its names into a tower)."""
    from hyosan.render.world_view import TAG_LEAD, TAG_PLAIN, TAG_TROUBLE, place_labels

    tag = pygame.Surface((60, 14))
    tags = [(TAG_PLAIN, tag, pygame.Rect(100, 100, 60, 14)), (TAG_LEAD, tag, pygame.Rect(110, 104, 60, 14)),
            (TAG_PLAIN, tag, pygame.Rect(95, 98, 60, 14)), (TAG_PLAIN, tag, pygame.Rect(400, 100, 60, 14))]
    placed = [rect for _, rect in place_labels(tags)]
    assert placed[0] == pygame.Rect(110, 104, 60, 14)  # the lead's name stays where it was
    assert pygame.Rect(400, 100, 60, 14) in placed  # a tag clear of the others is not moved
    assert len(placed) == 3  # the third of the bunch would need a second lift: left out
    for i, a in enumerate(placed):
        for b in placed[i + 1:]:
            assert not a.colliderect(b)
    pile = [(TAG_LEAD, tag, pygame.Rect(100, 100, 60, 14))] + \
        [(TAG_PLAIN, tag, pygame.Rect(100 + k, 101 + k, 60, 14)) for k in range(4)] + \
        [(TAG_TROUBLE, tag, pygame.Rect(104, 103, 60, 14))]
    kept = place_labels(pile)
    assert [rect.top for _, rect in kept] == [100, 100 - 15]  # the lead, and the one in trouble over it
    kept = place_labels(pile[:-1])  # nobody in trouble: one plain tag gets the place over the lead
    assert [rect.top for _, rect in kept] == [100, 100 - 15]
    assert kept[1][1].left == 103  # the lowest on screen of the four (placed bottom up)


def test_name_tags_keep_off_a_braced_door_s_count_and_its_strain_bar() -> None:
    """A playtester found Yellow Markers' "x1.7" under "Su-hyeok": the marks by a door (given
    as ``keep_clear``) are covered by no tag; the lead's and a troubled student's are lifted
    above them, a plain tag that cannot clear them in PLAIN_TAG_LIFTS lifts is left out."""
    from hyosan.render.world_view import TAG_LEAD, TAG_PLAIN, TAG_TROUBLE, place_labels

    tag = pygame.Surface((60, 14))
    marks = [pygame.Rect(120, 102, 30, 16), pygame.Rect(100, 130, 40, 8)]
    tags = [(TAG_LEAD, tag, pygame.Rect(100, 100, 60, 14)), (TAG_TROUBLE, tag, pygame.Rect(300, 100, 60, 14)),
            (TAG_PLAIN, tag, pygame.Rect(90, 126, 60, 14))]
    placed = [rect for _, rect in place_labels(tags, marks)]
    assert placed[0] == pygame.Rect(100, 102 - 1 - 14, 60, 14)  # the lead's, lifted just over the count
    assert pygame.Rect(300, 100, 60, 14) in placed  # clear of everything: not moved
    for rect in placed:
        assert rect.collidelist(marks) < 0
    assert place_labels([(TAG_PLAIN, tag, pygame.Rect(100, 100, 60, 14))]) == [(tag, pygame.Rect(100, 100, 60, 14))]
    # A lead near the top of the view: its name is not lifted under the HUD's top bar.
    (_, high), = place_labels([(TAG_LEAD, tag, pygame.Rect(100, 30, 60, 14))], top=50)
    assert high.top == 50
    # Three bunched under the bar, all lifted past it: drawn down there, one under the other
    # (they were all drawn at the bar, over each other: "CNamSaehyeok").
    bunch = [(TAG_LEAD, tag, pygame.Rect(100, 48, 60, 14)), (TAG_TROUBLE, tag, pygame.Rect(104, 50, 60, 14)),
             (TAG_TROUBLE, tag, pygame.Rect(96, 52, 60, 14))]
    placed = [rect for _, rect in place_labels(bunch, top=50)]
    assert len(placed) == 3 and all(rect.top >= 50 for rect in placed)
    for i, a in enumerate(placed):
        for b in placed[i + 1:]:
            assert not a.colliderect(b)


def test_a_locked_door_wears_a_padlock_and_an_unlocked_one_does_not(display) -> None:
    world, door, view, camera, (cx, cy) = sandbox_door_view()
    gold = view.atlas.frame("ui.padlock").get_at((5, 10))  # the lock's body colour

    def gold_pixels() -> int:
        surface = pygame.Surface((240, 240))
        view.draw(surface, camera, 1.0)
        mx, my = (int(v) for v in camera.to_screen(cx, cy))
        return sum(surface.get_at((mx + dx, my + dy))[:3] == gold[:3]
                   for dx in range(-24, 25) for dy in range(-24, 25))

    door.set_locked(False)
    unlocked = gold_pixels()
    door.set_locked(True)
    assert gold_pixels() > unlocked + 100  # a 10x8 sprite-px body at 3x is ~700 screen px
    door.set_locked(False)
    assert gold_pixels() == unlocked


def test_props_are_culled_to_the_view_and_zombie_sprites_blit_run_length_encoded(display) -> None:
    from hyosan.render.camera import Camera

    spec = load_level(ROOT / "levels" / "hyosan" / "storm-crossing.toml")
    world = World.from_spec(spec, 0)
    view = WorldView(world, 3.0)
    assert all(f.get_flags() & pygame.RLEACCELOK for f in view._zombie_frames)  # encoded at the first blit
    camera = Camera(1280, 720)
    camera.follow(100.0, 300.0, world.tilemap.width_px, world.tilemap.height_px, snap=True)  # the lobby
    view.draw(pygame.display.get_surface(), camera, 1.0)
    looked_up = {pid for pid, _ in view._prop_sprites}
    pos = world.bodies.pos
    x1 = camera.left + 1280 / 3 + view._prop_reach[1]
    far = {p.spec.id for p in world.props if pos[p.index][0] > x1}
    assert far and not looked_up & far  # a car across the yard is never even looked at
    near = {p.spec.id for p in world.props if camera.left < pos[p.index][0] < camera.left + 1280 / 3
            and camera.top < pos[p.index][1] < camera.top + 720 / 3}
    assert near <= looked_up


def test_a_fallen_scaffold_towers_wreck_is_drawn_as_wall(display) -> None:
    """The map is pre-rendered in chunks; the wreck turns floor tiles into wall mid-level, and
    the chunks under it must be drawn again (they were kept from the start before)."""
    from hyosan.render.camera import Camera
    from hyosan.sim.units import TILE_PX
    from tests.sim.test_topple import TOWER, drag, world_of

    world = world_of(TOWER)
    view = WorldView(world, 2.0)
    cx, cy = 20.5 * TILE_PX, 9.5 * TILE_PX  # the middle of the gap the tower falls across
    camera = Camera(200, 200, scale=2.0)
    camera.follow(cx, cy, world.tilemap.width_px, world.tilemap.height_px, snap=True)

    floor = _drawn(view, camera, cx, cy)
    drag(world, 90)
    assert world.towers.fallen == ["tower"]
    wreck = _drawn(view, camera, cx, cy)
    wall = WorldView(world, 2.0)  # a view built after the fall draws the wall from the start
    assert wreck != floor and wreck == _drawn(wall, camera, cx, cy)


def _drawn(view: WorldView, camera, x: float, y: float):  # type: ignore[no-untyped-def]
    """The map's colour at world point (x, y) px, drawn through ``camera`` (200 px square)."""
    surface = pygame.Surface((200, 200))
    view.draw_map(surface, camera)
    sx, sy = camera.to_screen(x, y)
    return surface.get_at((int(sx), int(sy)))[:3]


def test_every_built_in_prop_type_has_art(display) -> None:
    """A prop type without a sprite is invisible: Construction-Site's scaffold frames (the
    level's bracing) and tower were, until the scaffold got its art."""
    from hyosan.content.loader import builtin_tables

    view = WorldView(World.from_spec(load_level(ROOT / "levels" / "sandbox" / "first-steps.toml"), 0), 1.0)
    prop_types = dict(builtin_tables()[0])
    assert "scaffold" in prop_types
    missing = [name for name, t in prop_types.items() if not view._prop_sprite(name, t.width, t.depth, "x")[0]]
    assert missing == []


class PlacementRecorder(pygame.Surface):
    """A surface that remembers every (size, top-left) fblits puts on it, in order."""

    placed: list[tuple[tuple[int, int], tuple[int, int]]]

    def fblits(self, seq, *args):  # type: ignore[override]
        seq = list(seq)
        self.placed = getattr(self, "placed", []) + [(s.get_size(), (int(p[0]), int(p[1]))) for s, p in seq]
        return super().fblits(seq, *args)


def test_the_horde_is_culled_to_exactly_the_zombies_in_view(display) -> None:
    """Zombies over a yard far bigger than the view: exactly those whose centre lies in the
    view grown by a tile are drawn, each once, where its sprite belongs, lowest last."""
    import numpy as np

    from hyosan.benchmarks.scenarios import uniform_level
    from hyosan.render.camera import Camera
    from hyosan.sim import commands as cmd
    from hyosan.sim.units import TILE_PX

    world = World.from_spec(uniform_level(2000), 0)
    world.step(cmd.EMPTY_INPUT)
    view = WorldView(world, 3.0)
    camera = Camera(1280, 720)
    camera.follow(1000.0, 700.0, world.tilemap.width_px, world.tilemap.height_px, snap=True)
    surface = PlacementRecorder((1280, 720))
    drawn = view.draw_horde(surface, camera, 1.0, 0.0)
    marks = len(view._alert_spots) if view._alert_spots else 0  # a noticing zombie's "!", blitted after the sprites
    if marks:
        surface.placed = surface.placed[:-marks]

    h = world.horde
    pos = h.pos[: h.n]
    x0, y0 = camera.left - TILE_PX, camera.top - TILE_PX
    x1, y1 = camera.left + 1280 / 3 + TILE_PX, camera.top + 720 / 3 + TILE_PX
    inside = (pos[:, 0] >= x0) & (pos[:, 0] <= x1) & (pos[:, 1] >= y0) & (pos[:, 1] <= y1)
    assert 0 < drawn == int(inside.sum()) < h.n // 4  # most of the horde is off screen
    half = TILE_PX * 3 / 2
    expected = sorted((round((x - camera.left) * 3 - half), round((y - camera.top) * 3 - half))
                      for x, y in pos[inside].tolist())
    assert sorted(p for _, p in surface.placed) == expected
    tops = [p[1] for _, p in surface.placed]
    assert tops == sorted(tops)  # lower on screen drawn later, in front
    sprite_on_screen = ((pos[:, 0] - camera.left) * 3 > -half) & ((pos[:, 0] - camera.left) * 3 < 1280 + half) \
        & ((pos[:, 1] - camera.top) * 3 > -half) & ((pos[:, 1] - camera.top) * 3 < 720 + half)
    assert np.all(inside[sprite_on_screen])  # no zombie whose sprite shows is left out


def test_blood_decals_are_drawn_where_they_fell_and_culled_off_screen(display) -> None:
    from hyosan.render.camera import Camera
    from hyosan.sim.units import TILE_PX
    from tests.helpers import sandbox

    world = World.from_spec(sandbox(), 0)
    view = WorldView(world, 3.0)
    camera = Camera(640, 360)
    camera.follow(200.0, 150.0, world.tilemap.width_px, world.tilemap.height_px, snap=True)
    spots = [(camera.left + 20.0, camera.top + 30.0), (camera.left + 100.5, camera.top + 60.25),
             (camera.left - 200.0, camera.top + 30.0), (camera.left + 50.0, camera.top + 500.0)]
    half = TILE_PX * 3 / 2
    surface = PlacementRecorder((640, 360))
    for k, (x, y) in enumerate(spots):
        view.add_decal(x, y)
        surface.placed = []
        view.draw_decals(surface, camera)  # drawn each time one is added: the cache must follow
        on = [(round((sx - camera.left) * 3 - half), round((sy - camera.top) * 3 - half))
              for sx, sy in spots[: k + 1] if -2 * half < (sx - camera.left) * 3 < 640 + 2 * half
              and -2 * half < (sy - camera.top) * 3 < 360 + 2 * half]
        assert [p for _, p in surface.placed] == on  # oldest first, the two far ones skipped
    red = surface.get_at((round((spots[0][0] - camera.left) * 3), round((spots[0][1] - camera.top) * 3)))
    assert red.r > red.g and red.r > red.b


def test_the_heard_mark_is_the_circle_it_replaced_even_at_the_edges(display) -> None:
    from hyosan.render.world_view import dot_sprite

    dot, (ox, oy) = dot_sprite((200, 40, 60), 2)
    spots = [(50, 40), (0, 10), (63, 0), (1, 47), (30, 48), (-2, 20)]  # some half off the 64x48 surface
    for x, y in spots:
        stamped, drawn = pygame.Surface((64, 48)), pygame.Surface((64, 48))
        stamped.fill((20, 90, 20))
        drawn.fill((20, 90, 20))
        stamped.blit(dot, (x + ox, y + oy))
        pygame.draw.circle(drawn, (200, 40, 60), (x, y), 2)
        assert pygame.image.tobytes(stamped, "RGB") == pygame.image.tobytes(drawn, "RGB"), (x, y)


def test_an_exit_zone_glows_green_on_the_map(display) -> None:
    """A level whose exit is a zone (``role = "exit"``), not E tiles: the floor inside it is
    drawn greener than the same floor outside, and its edge is outlined."""
    floor = "." * 38
    rows = ["#" * 40] + ["#" + floor + "#"] * 2 + ["#S" + floor[1:] + "#"] + ["#" + floor + "#"] * 2 + ["#" * 40]
    text = ('id = "x"\ntitle = "X"\n[map]\nrows = """\n' + "\n".join(rows) + '\n"""\n[[squad]]\nid = "a"\n'
            '[[zones]]\nid = "out"\nrect = [30, 1, 39, 6]\nrole = "exit"\n')
    spec = load_level(ROOT / "x.toml", text.encode())
    view = WorldView(World.from_spec(spec, 0), 1.0)
    assert CHUNK_TILES == 16  # chunk (1, 0) holds columns 16-31, chunk (2, 0) columns 32-39
    inside = pygame.Color(view._render_chunk(2, 0).get_at((3 * 16 + 8, 3 * 16 + 8)))  # column 35
    middle = view._render_chunk(1, 0)
    outside = pygame.Color(middle.get_at((4 * 16 + 8, 3 * 16 + 8)))  # column 20, the same floor
    assert inside.g - inside.r > outside.g - outside.r + 20
    assert tuple(middle.get_at((14 * 16, 3 * 16 + 8)))[:3] == (80, 230, 120)  # the zone's west edge, column 30


def test_a_hole_shows_its_lip_on_its_top_row_only(display) -> None:
    """Played by hand, the Site's 2x3 lift shaft drew a hazard lip on every tile, read as three
    stacked benches, and the lead walked into it. A hole wider than a tile is dark below its
    top row; a one-tile-wide rim (the pit's west lip) keeps its paint on every tile."""
    spec = load_level(ROOT / "levels" / "hyosan" / "construction-site-stand.toml")
    view = WorldView(World.from_spec(spec, 0), 3.0)
    shaft = [(r, c) for r, row in enumerate(spec.map.rows) for c, ch in enumerate(row)
             if ch == "_" and 44 <= c <= 50 and 10 <= r <= 14]
    assert sorted({r for r, _ in shaft}) == [11, 12, 13] and len(shaft) == 6
    for r, c in shaft:
        part = "edge" if r == 11 else "drop"
        assert view._tile_name(r, c).startswith(f"tile.site.{part}."), (r, c)
    for r in range(8, 20):  # the west rim, x 30, between the slab and the pit
        assert spec.map.rows[r][30] == "_"
        assert view._tile_name(r, 30).startswith("tile.site.edge."), r


FOREST = '''id = "w"
title = "W"
theme = "forest"
[map]
rows = """
######################
#.S..................#
#....................#
#....................#
#.........#..........E
#.....B..............#
#....................#
#....................#
######################
"""
[map.legend]
"B" = { kind = "wall", floor = "yard" }
[[zones]]
id = "by-a-tree"
rect = [8, 3, 12, 6]
role = "marker"
[[zones]]
id = "in-the-open"
rect = [14, 3, 18, 6]
role = "marker"
[[squad]]
id = "on-jo"
'''


def test_a_forest_s_walls_are_trees_and_a_marker_is_a_ribbon_tied_to_the_nearest(display) -> None:
    """In a forest level '#' is a tree and its floor leaf litter, while a wall character of
    its own style stays a building's wall. A marker zone's ribbon is tied round the tree
    nearest its centre (the lone tree at column 10) and drawn there in the squad's yellow; with
    no tree within reach it stands on a stake at the zone's centre."""
    from pathlib import Path

    from hyosan.render.trail_markers import RIBBON, marker_spots

    spec = load_level(Path("w.toml"), FOREST.encode())
    world = World.from_spec(spec, 0)
    view = WorldView(world, 3.0)
    assert view._tile_name(4, 10).startswith("tile.forest.tree.")
    assert view._tile_name(0, 0).startswith("tile.forest.tree.")
    assert view._tile_name(5, 6).startswith("tile.wall.school.")  # the 'B' building wall
    assert view._tile_name(1, 5).startswith("tile.forest.floor.")
    spots = marker_spots(spec.zones, world.tilemap.kind)
    assert spots == [("by-a-tree", 10.5, 4.5, True), ("in-the-open", 16.0, 4.5, False)]
    chunk = view.chunk(0, 0)
    size = 16 * 3
    near_tree = pygame.Rect(10 * size - size // 2, 4 * size, 2 * size, size + size // 2)
    pixels = pygame.surfarray.pixels3d(chunk)
    box = pixels[near_tree.left:near_tree.right, near_tree.top:near_tree.bottom]
    assert ((box[:, :, 0] == RIBBON[0]) & (box[:, :, 1] == RIBBON[1]) & (box[:, :, 2] == RIBBON[2])).sum() > 20


def test_a_zombie_taking_in_what_it_saw_wears_a_bang_over_its_head(display) -> None:
    # The sim's notice beat (horde.noticing) drawn as a "!" just over the zombie's sprite: the
    # player's cue to shoot, back off or get out of sight. Gone once it charges.
    from hyosan.render.camera import Camera
    from hyosan.render.world_view import ALERT_INK
    from hyosan.sim import commands as cmd
    from hyosan.sim.units import TILE_PX
    from tests.sim.test_notice import glade

    world = glade(1)
    while not world.horde.noticing.any():
        world.step(cmd.EMPTY_INPUT)
    view = WorldView(world, 3.0)
    camera = Camera(640, 360)
    camera.follow(150.0, 56.0, world.tilemap.width_px, world.tilemap.height_px, snap=True)

    def ink_over_head() -> int:
        surface = pygame.Surface((640, 360))
        view.draw_horde(surface, camera, 1.0, 0.0)
        x, y = world.horde.pos[0]
        sx, top = round((x - camera.left) * 3), round((y - camera.top) * 3 - TILE_PX * 3 / 2)
        band = pygame.surfarray.pixels3d(surface)[sx - 8:sx + 8, max(0, top - 30):top + 3]
        return int(((band[..., 0] == ALERT_INK[0]) & (band[..., 1] == ALERT_INK[1]) & (band[..., 2] == ALERT_INK[2])).sum())

    assert ink_over_head() > 20
    # At night it is drawn again over the dark (Presentation: after the light): a playtester's
    # "!" in the storm sat under the darkness and showed only dimly.
    dark = pygame.Surface((640, 360))
    view.draw_horde(dark, camera, 1.0, 0.0)
    dark.fill((40, 40, 60), special_flags=pygame.BLEND_MULT)  # the night, as the light map darkens it
    pixels = pygame.surfarray.pixels3d(dark)
    lit = ((pixels[..., 0] == ALERT_INK[0]) & (pixels[..., 1] == ALERT_INK[1]) & (pixels[..., 2] == ALERT_INK[2])).sum()
    del pixels
    assert lit == 0 and view.draw_alerts(dark) == 1
    pixels = pygame.surfarray.pixels3d(dark)
    assert ((pixels[..., 0] == ALERT_INK[0]) & (pixels[..., 1] == ALERT_INK[1]) & (pixels[..., 2] == ALERT_INK[2])).sum() > 20
    del pixels
    while world.horde.noticing.any():
        world.step(cmd.EMPTY_INPUT)
    assert ink_over_head() == 0 and view.draw_alerts(dark) == 0



def test_a_bang_does_not_hang_on_the_screen_once_no_zombie_is_in_view(display, monkeypatch) -> None:
    """A playtester in the storm saw a "!" hang in the dark where no zombie stood, at one spot
    on the screen while the camera moved: the frame's marks were kept from the last frame with
    a zombie in view. With none in view the frame draws no "!"."""
    from hyosan.render.camera import Camera
    from hyosan.sim import commands as cmd
    from tests.sim.test_notice import glade

    world = glade(1)
    while not world.horde.noticing.any():
        world.step(cmd.EMPTY_INPUT)
    view = WorldView(world, 3.0)
    camera = Camera(640, 360)
    w, h = world.tilemap.width_px, world.tilemap.height_px
    camera.follow(150.0, 56.0, w, h, snap=True)
    surface = pygame.Surface((640, 360))
    view.draw_horde(surface, camera, 1.0, 0.0)
    assert view.draw_alerts(surface) == 1
    monkeypatch.setattr(world.horde.cells, "in_rect", lambda *args, **kwargs: [])  # the camera moved off it
    assert view.draw_horde(surface, camera, 1.0, 0.0) == 0
    assert view.draw_alerts(surface) == 0


FALL_ZONE_ROOM = '''id = "fz"
title = "Fall zone"

[map]
rows = """
##########
#........#
#........#
#.S......E
#........#
##########
"""

[[squad]]
id = "on-jo"

[[zones]]
id = "shaft"
rect = [5, 0, 8, 3]
role = "fall"
'''


def test_floor_under_a_fall_zone_is_drawn_as_a_drop_in_play_and_on_the_plan(display) -> None:
    """A designer's lift shaft drawn as a ``fall`` zone over plain floor was drawn as floor: the
    player had nothing to keep off. It is drawn as edge tiles are (a lip on its top row, dark
    below), on the plan too; the wall the zone also covers stays a wall."""
    from pathlib import Path

    from hyosan.render.level_plan import PlanPainter

    spec = load_level(Path("fz.toml"), FALL_ZONE_ROOM.encode())
    view = WorldView(World.from_spec(spec, 0), 3.0)
    for c in (5, 6, 7):
        assert view._tile_name(0, c).startswith("tile.wall.school.top."), c  # the wall it covers, over a drop
        assert view._tile_name(1, c).startswith("tile.site.edge."), c
        assert view._tile_name(2, c).startswith("tile.site.drop."), c
    assert ".floor." in view._tile_name(1, 4) and ".floor." in view._tile_name(3, 5)  # beside and below: floor
    colours = PlanPainter(view.atlas).tile_colours(spec)
    assert tuple(colours[2, 6]) == PlanPainter(view.atlas)._kind_rgb["edge"] != tuple(colours[2, 3])
    assert tuple(colours[0, 6]) == tuple(colours[0, 3])  # the wall under the zone: a wall on the plan


def test_puddles_side_by_side_are_drawn_as_one_stretch_of_water(display) -> None:
    """Each puddle tile a round pool of its own, Yellow Markers' stream read as stepping stones
    (a playtester took the pools for the stones to cross on). Where two puddle tiles meet the
    water runs on across the seam, four round a corner leave no dry hole, and a puddle beside
    dry ground keeps its shore."""
    from hyosan.render.world_view import PUDDLE_WATER
    from tests.helpers import world_of_toml

    world = world_of_toml('''
id = "pools"
title = "Pools"
time_limit_seconds = 60
par_seconds = 30
[map]
rows = """
##########
#S.~~....#
#..~~..~.#
#........E
##########
"""
[[squad]]
id = "mi-jin"
at = [1.5, 1.5]
''')
    view = WorldView(world, 2.0)
    chunk = view._render_chunk(0, 0)
    size = 32  # px per tile at scale 2

    def at(col: float, row: float) -> tuple[int, int, int]:
        return tuple(chunk.get_at((int(col * size), int(row * size))))[:3]

    assert at(4.0, 1.5) == PUDDLE_WATER  # the seam between (3, 1) and (4, 1)
    assert at(3.5, 2.0) == PUDDLE_WATER  # the seam between (3, 1) and (3, 2)
    assert at(4.0, 2.0) == PUDDLE_WATER  # the corner the four share
    assert at(7.0, 2.5) != PUDDLE_WATER and at(7.5, 2.0) != PUDDLE_WATER  # a lone puddle keeps its shore


def test_a_straining_locked_door_shakes_and_shows_how_close_it_is_to_giving(display) -> None:
    """The booth door gave with nothing to say it would: a locked door the crowd strains now
    shakes (more as it nears giving) and has a bar under its padlock, full when it gives, turning
    from yellow to red; an unstrained or unlocked door is drawn still and bare. The ticker words
    the world's DoorStraining."""
    from hyosan.render.camera import Camera
    from hyosan.render.ticker import BAD, Ticker
    from hyosan.render.world_view import STRAIN_HIGH_RGB, door_jitter
    from hyosan.sim import events as ev

    spec = load_level(ROOT / "levels" / "nights" / "the-auditorium.toml")
    world = World.from_spec(spec, 0)
    view = WorldView(world, 3.0)
    door = next(d for d in world.doors if d.spec.id == "west-wing-door")
    c, r = door.spec.tile
    camera = Camera(1280, 720, 3.0)
    camera.x, camera.y = (c + 0.5) * 16, (r + 0.5) * 16
    surface = pygame.Surface((1280, 720))

    def bars(strain: float, locked: bool = True) -> int:
        door.set_locked(locked)
        door.strain = strain
        surface.fill((0, 0, 0))
        return view.draw_door_strain(surface, camera)

    assert bars(0.2) == 0 and door_jitter(door, 1.3) == (0.0, 0.0)
    assert bars(0.99, locked=False) == 0 and door_jitter(door, 1.3) == (0.0, 0.0)
    assert bars(0.99) == 1
    x, y = camera.to_screen((c + 0.5) * 16, (r + 0.5) * 16 + 6.0)
    red = surface.get_at((round(x - 10), round(y) + 2))[:3]
    assert max(abs(a - b) for a, b in zip(red, STRAIN_HIGH_RGB, strict=True)) <= 4  # nearly full: red
    assert surface.get_at((round(x + 3 * 7) - 1, round(y) + 2))[:3] == red  # filled to the bar's end
    # Past 1 the lock holds a second (giving_ticks counting), the full bar flashing white.
    from hyosan.render.world_view import GIVING_FLASH_TICKS, GIVING_RGB

    door.giving_ticks = 1
    assert bars(1.2) == 1 and surface.get_at((round(x - 10), round(y) + 2))[:3] == GIVING_RGB
    door.giving_ticks = 1 + GIVING_FLASH_TICKS
    assert bars(1.2) == 1 and surface.get_at((round(x - 10), round(y) + 2))[:3] == STRAIN_HIGH_RGB
    door.giving_ticks = 0
    shakes = [max(map(abs, door_jitter(door, t / 60))) for t in range(60)]
    door.strain = 0.6
    assert max(shakes) > max(max(map(abs, door_jitter(door, t / 60))) for t in range(60)) > 0.0

    # Braced: "x<locks>" beside the padlock. The trolley wall pushed onto the bay, by hand, gave
    # no sign of whether it counted.
    from hyosan.render.world_view import BRACED_RGB

    door.strain = 0.0
    assert view.braced_locks(door) == 1.0  # nothing near the west wing door
    desk = world.props[0]
    desk.body.position = ((c + 0.5) * 16, (r + 1) * 16 + 8.5)  # against it, on the stage side (7.5 px half-depth, a px off)
    world.space.reindex_shapes_for_body(desk.body)  # (its shapes follow at once, not at the next step)
    world.bodies.read()
    locks = view.braced_locks(door)
    assert locks == (3.0e6 * door.spec.lock_strength + world.brace(door)) / (3.0e6 * door.spec.lock_strength) > 1.05
    surface.fill((0, 0, 0))
    view.draw_door_strain(surface, camera)
    x0 = round(camera.to_screen((c + 1.0) * 16, 0)[0])
    # the tag is kept where sound captions keep off ("PA speaker - west wing" sat on an "x2.2")
    assert [r.left for r in view.door_tag_rects] == [x0]
    label = [surface.get_at((x, y))[:3] for x in range(x0, x0 + 30)
             for y in range(round(camera.to_screen(0, (r + 0.5) * 16)[1]) - 24, round(camera.to_screen(0, r * 16)[1]) + 4)]
    assert BRACED_RGB in label  # "x..." in green, right of the padlock
    # and the desk it comes from is outlined in the same green ("x1.6" by a door no desk touched:
    # a playtester could not tell which props counted)
    dx, dy = camera.to_screen(*desk.body.position)
    around = [surface.get_at((x, y))[:3] for x in range(round(dx) - 40, round(dx) + 40)
              for y in range(round(dy) - 30, round(dy) + 30)]
    assert around.count(BRACED_RGB) > 40
    assert view._outline_braces(surface, camera, door) == 1
    # at the screen's right edge the tag goes left of the padlock, whole ("x2" was cut in half)
    from hyosan.render.world_view import braced_rect

    tag = view._braced_tag(door)
    edge = braced_rect(tag, 1280 - 10, 300, 3.0, 1280)
    # on a dark pill: over a crowd's sprites the bare green "x3.5" did not read (played by hand)
    assert tag.get_at((1, tag.get_height() // 2)).a >= 180 and max(tag.get_at((1, tag.get_height() // 2))[:3]) < 40
    assert edge.right <= 1280 - 10 - 24 + 1 and braced_rect(tag, 600, 300, 3.0, 1280).left == 600 + 24
    # the tag goes on the doorway's side away from the props: here they stand south (on the
    # stage), so it is at the top; braced from the north it goes to the bottom, off the desk
    # (a playtester's "x1.6" sat on the very desk that braced the door)
    assert view._away_from_braces(door)[1] < 0
    top = braced_rect(tag, 600, 300, 3.0, 1280, (0.0, -30.0))
    bottom = braced_rect(tag, 600, 300, 3.0, 1280, (0.0, 30.0))
    assert top.centery == round(300 - 24) and bottom.centery == round(300 + 24) and bottom.left == 600 + 24
    assert braced_rect(tag, 600, 300, 3.0, 1280, (-30.0, 0.0)).right == 600 - 24  # props to its east: left
    desk.body.position = ((c + 0.5) * 16, r * 16 - 8.5)  # against it from the other side
    world.space.reindex_shapes_for_body(desk.body)
    world.bodies.read()
    assert view.braced_locks(door) > 1.05 and view._away_from_braces(door)[1] > 0
    view.draw_door_strain(surface, camera)
    (where,) = view.door_tag_rects
    assert where.centery > camera.to_screen(0, (r + 0.5) * 16)[1]  # below the doorway's middle
    desk.body.position = ((c + 0.5) * 16, (r + 1) * 16 + 8.5)  # back on the stage side
    world.space.reindex_shapes_for_body(desk.body)
    world.bodies.read()
    (mark,) = view.door_marks(camera)  # where the name tags keep off: that "x..."
    from hyosan.render.world_view import HIDES_STUDENT

    view.draw(surface, camera, 1.0)  # (the marks as the frame drew them: what captions keep off)
    assert view.bodies_under(mark) >= HIDES_STUDENT
    assert mark.left == x0 and any(mark.collidepoint(x, y) for x in range(x0, x0 + 30)
                                   for y in range(round(camera.to_screen(0, r * 16)[1]) - 24, round(camera.to_screen(0, r * 16)[1]) + 4))

    ticker = Ticker(world)
    ticker.feed([ev.DoorStraining("west-wing-door", 0.0, 0.0, 0.8)], 1.0)
    assert [(line.text, line.colour) for line in ticker.lines] == [("The west wing door is giving way", BAD)]


def test_a_door_the_objective_names_is_named_on_screen(display) -> None:
    """"Unbar the back door...": a playtester could not tell which of Classroom's two doors onto
    the hallway was the back door. A door whose id the objective names wears its name."""
    from hyosan.render.camera import Camera
    from hyosan.render.presentation import Presentation
    from hyosan.render.world_view import DOOR_NAME_RGB

    spec = load_level(ROOT / "levels" / "hyosan" / "classroom-barricade.toml")
    world = World.from_spec(spec, 0)
    pres = Presentation(world, Camera(1280, 720, 2.0))
    pres.update(0.0, snap=True)
    surface = pygame.Surface((1280, 720))
    assert "both doors" in pres.objective_line()
    assert pres.view.draw_named_doors(surface, pres.camera, pres.objective_line()) == 0
    for o in world.objectives.items[:2]:
        world.objectives.done[o.id] = 0
    assert "back door" in pres.objective_line()
    door = next(d for d in world.doors if d.spec.id == "back-door")
    c, r = door.spec.tile
    pres.camera.x, pres.camera.y = (c + 0.5) * 16, (r + 0.5) * 16
    surface.fill((0, 0, 0))
    assert pres.view.draw_named_doors(surface, pres.camera, pres.objective_line()) == 1
    sx, sy = pres.camera.to_screen((c + 0.5) * 16, r * 16)
    above = [tuple(surface.get_at((x, y)))[:3] for x in range(round(sx) - 30, round(sx) + 30) for y in range(round(sy) - 30, round(sy) - 12)]
    assert DOOR_NAME_RGB in above
    # "The front door is giving way": a locked door the crowd nearly forces wears its name too,
    # whatever the objective says, until the push eases.
    from hyosan.sim.world import STRAIN_WARN

    front = next(d for d in world.doors if d.spec.id == "front-door")
    front.set_locked(True)
    front.strain = STRAIN_WARN
    assert pres.view.draw_named_doors(surface, pres.camera, pres.objective_line()) == 2
    front.strain = STRAIN_WARN - 0.1
    assert pres.view.draw_named_doors(surface, pres.camera, pres.objective_line()) == 1
    # The students' name tags keep off a door's name: "east door" and "Nam-ra" ran together
    # into "eastdoor-a" on the Site (playtester, session 26).
    pres.view.objective_text = pres.objective_line()
    ((_, name_rect),) = pres.view._door_names(pres.camera, pres.objective_line())
    assert name_rect in pres.view.door_marks(pres.camera)


CUSTOM_PACK = '''format_version = 1
id = "custom-props"
name = "Custom props"
levels = ["lab"]

[prop_types.fume-cupboard]
width = 40
depth = 22
mass = 110
'''

CUSTOM_LAB = '''id = "lab"
title = "Lab"
[map]
rows = """
####################
#S.................#
#..................#
#..................#
#..................#
#..................#
#.................E#
####################
"""
[[squad]]
id = "on-jo"
at = [1.5, 1.5]
lead = true

[[props]]
id = "cupboard"
type = "fume-cupboard"
at = [5, 3]

[[props]]
id = "long-bench"
type = "desk"
at = [13, 3]
width = 44
'''


def test_a_packs_own_prop_type_and_a_resized_prop_are_drawn_at_their_size(display, tmp_path) -> None:
    # A designer's fume cupboard (a pack's own type, with no art) was never drawn: the squad
    # walked into invisible furniture. A desk made 44 px wide was drawn at the desk art's 30.
    from hyosan.content.loader import load_pack
    from hyosan.render.camera import Camera
    from hyosan.render.world_view import BOX_EDGE, BOX_FILL

    (tmp_path / "pack.toml").write_text(CUSTOM_PACK)
    (tmp_path / "lab.toml").write_text(CUSTOM_LAB)
    world = World.from_spec(load_pack(tmp_path).level("lab"), 0)
    scale = 2.0
    camera = Camera(640, 256, scale)
    camera.follow(160.0, 64.0, world.tilemap.width_px, world.tilemap.height_px, snap=True)
    surface = pygame.Surface((640, 256))
    WorldView(world, scale).draw(surface, camera, 1.0)

    def row_span(cx: float, cy: float, colours) -> int:
        """Screen px across the row through (cx, cy) world px whose colour is one of ``colours``."""
        sx, sy = (round(v) for v in camera.to_screen(cx, cy))
        return sum(1 for x in range(640) if tuple(surface.get_at((x, sy)))[:3] in colours)

    cupboard = next(p for p in world.props if p.spec.id == "cupboard")
    cx, cy = (float(v) for v in world.bodies.pos[cupboard.index])
    sx, sy = (round(v) for v in camera.to_screen(cx, cy + 4))
    assert tuple(surface.get_at((sx - 20, sy)))[:3] == BOX_FILL  # drawn, as a box of its own
    assert abs(row_span(cx, cy + 4, {BOX_FILL, BOX_EDGE}) - 40 * scale) <= 4
    bench = next(p for p in world.props if p.spec.id == "long-bench")
    view = WorldView(world, scale)
    name, turn = view._prop_art(bench)
    art = view.rotated(name, turn)  # as drawn, unturned
    # the desk art (32 x 16 for a 30 x 14 desk) stretched by 44/30 along the desk
    assert abs(art.get_width() - 32 * 44 / 30 * scale) <= 1 and art.get_height() == 16 * scale
    plain = next(p for p in world.props if p.spec.id == "cupboard")
    assert view.rotated(*view._prop_art(plain)).get_size() == (round(40 * scale), round(22 * scale))


def test_a_door_s_name_keeps_above_the_marker_of_a_station_beside_it(display) -> None:
    """Storm's padlock station stands at the field gate, and the gate's name sat on its marker:
    a playtester read "fiel(o)gate". The name goes above the station still to be worked."""
    from hyosan.content.discovery import resolve_level
    from hyosan.render.camera import Camera
    from hyosan.render.presentation import Presentation
    from hyosan.render.world_view import MARKER_CLEAR_PX

    _, spec = resolve_level("hyosan/storm-crossing", [])
    world = World.from_spec(spec, 0)
    pres = Presentation(world, Camera(1280, 720, 2.0))
    pres.update(0.0, snap=True)
    world.objectives.done["keys"] = 0  # the padlock's turn
    assert "field gate" in pres.objective_line()
    padlock = next(st for st in world.director.stations if st.spec.id == "padlock")
    gate = next(d for d in world.doors if d.spec.id == "field-gate")
    c, r = gate.spec.tile
    pres.camera.x, pres.camera.y = (c + 0.5) * 16, (r + 0.5) * 16
    ((_, name),) = pres.view._door_names(pres.camera, pres.objective_line())
    mx, my = pres.camera.to_screen(padlock.spec.at[0] * 16, padlock.spec.at[1] * 16)
    assert not name.inflate(2 * MARKER_CLEAR_PX - 2, 2 * MARKER_CLEAR_PX - 2).collidepoint(mx, my)
    assert name.bottom <= my - MARKER_CLEAR_PX and abs(name.centerx - mx) < 40  # just above it


def test_a_torch_beam_stops_at_the_wall_it_points_at(display) -> None:
    """Su-hyeok at the Quiet Corridor's east end, torch on, facing the wall: the beam lights
    the floor when he turns round, and not the solid rock past the wall (a playtester's did)."""
    from hyosan.content.discovery import resolve_level
    from hyosan.render.atlas import Atlas
    from hyosan.render.camera import Camera
    from hyosan.render.light import LightMap, world_lights
    from hyosan.sim.units import TILE_PX

    _, spec = resolve_level("sandbox/quiet-corridor", [])
    world = World.from_spec(spec, 0)
    world.sky.torches.add("su-hyeok")
    lead = world.lead_student
    lead.body.position = (26.5 * TILE_PX, 7.5 * TILE_PX)
    world.bodies.read()

    def shade(facing: tuple[float, float], tx: float, ty: float, walls: bool = True) -> int:
        lead.facing = facing
        surface = pygame.Surface((30 * TILE_PX, 16 * TILE_PX))
        surface.fill((255, 255, 255))
        camera = Camera(surface.get_width(), surface.get_height(), scale=1.0)
        camera.follow(26.5 * TILE_PX, 7.5 * TILE_PX, world.tilemap.width_px, world.tilemap.height_px, snap=True)
        _, torches, _, _ = world_lights(world)
        assert len(torches) == 1
        if not walls:
            torches = tuple(t[:4] for t in torches)
        LightMap(Atlas(), "dark").draw(surface, camera, [], torches=torches)
        sx, sy = camera.to_screen(tx * TILE_PX, ty * TILE_PX)
        return surface.get_at((int(sx), int(sy)))[0]

    dark = shade((1.0, 0.0), 26.5, 14.5)  # far from any light
    assert shade((1.0, 0.0), 31.5, 7.5, walls=False) > dark + 30  # drawn as before: into the rock
    assert shade((1.0, 0.0), 31.5, 7.5) <= dark + 1  # stopped by the corridor's end wall
    assert shade((-1.0, 0.0), 21.5, 7.5) > dark + 30  # back down the corridor it still lights the way


def test_a_name_tag_right_beside_another_slides_a_little_aside_rather_than_be_lifted_or_left_out() -> None:
    """Two names on one line a pixel apart read as one word; lifted, the second met the tag above
    and was left out. Slid just TAG_GAP_PX clear, it stays on its line, over its student."""
    from hyosan.render.world_view import TAG_GAP_PX, TAG_LEAD, TAG_PLAIN, place_labels

    tag = pygame.Surface((60, 14))
    lead, beside = pygame.Rect(100, 100, 60, 14), pygame.Rect(161, 100, 47, 14)
    placed = [rect for _, rect in place_labels([(TAG_LEAD, tag, lead), (TAG_PLAIN, tag, beside)])]
    assert placed == [lead, pygame.Rect(lead.right + TAG_GAP_PX, 100, 47, 14)]
    # one mostly over the other is too far to slide: lifted above it, as before
    placed = [rect for _, rect in place_labels([(TAG_LEAD, tag, lead), (TAG_PLAIN, tag, pygame.Rect(130, 102, 60, 14))])]
    assert placed == [lead, pygame.Rect(130, 100 - 1 - 14, 60, 14)]


def _squad_tags(ref: str, spots: list[tuple[float, float]], scale: float):  # type: ignore[no-untyped-def]
    """The squad of ``ref`` stood at ``spots`` (world px, in squad order), drawn at ``scale``
    through a 1280x720 camera on the first: (each student's screen position, the screen rect of
    each drawn tag by the student's place in the squad, the world)."""
    from hyosan.content.discovery import resolve_level
    from hyosan.render.camera import Camera
    from hyosan.render.names import display_name
    from hyosan.render.world_view import NAME_RGB

    _, spec = resolve_level(ref, None)
    world = World.from_spec(spec, 0)
    for s, (x, y) in zip(world.students, spots):
        world.bodies.pos[s.index] = (x, y)
    view = WorldView(world, scale)
    camera = Camera(1280, 720, scale)
    camera.follow(*spots[0], world.tilemap.width_px, world.tilemap.height_px, snap=True)
    view.draw_students(pygame.Surface((1280, 720)), camera, world.bodies.pos, 0.0)
    tags = {view._tag(display_name(s.id), NAME_RGB, 18).get_size(): i for i, s in enumerate(world.students)}
    assert len(tags) == len(world.students)  # (each name's tag has its own size here: found by it)
    named = {tags[rect.size]: rect for rect in view._name_rects}
    return [camera.to_screen(*world.bodies.pos[s.index]) for s in world.students], named, world


@pytest.mark.parametrize("ref", ["hyosan/classroom-barricade", "sandbox/quiet-corridor"])
@pytest.mark.parametrize("scale", [1.5, 3.0])
def test_a_squad_s_names_keep_apart_bunched_and_sit_over_each_student_spread(display, ref: str, scale: float) -> None:
    """At the start of Classroom Barricade in the far view, "Su-hyeok" and "Woo-jin" stood on
    one line with no room between them and read "Su-hyeokWoo-jin" (a playtester): however
    close the squad stands in a row, no two tags meet, side by side they keep TAG_GAP_PX apart,
    each stays over its student (its x in the tag's middle half) and the lead's over the lead.
    Spread out, every name sits where it always did, centred just over its student's head."""
    from hyosan.render.world_view import TAG_GAP_PX, TAG_NUDGE_SHARE

    for step in range(6, 40):  # world px between neighbours in the row
        where, named, world = _squad_tags(ref, [(40 * 16 + k * step, 12 * 16) for k in range(4)], scale)
        rects = list(named.values())
        for i, a in enumerate(rects):
            for b in rects[i + 1:]:
                assert not a.inflate(2 * TAG_GAP_PX - 2, 0).colliderect(b), (step, a, b)
        for i, rect in named.items():
            assert abs(rect.centerx - where[i][0]) <= TAG_NUDGE_SHARE * rect.w + 1 and rect.bottom < where[i][1]
        lead = named[world.lead]
        assert lead.bottom == round(where[world.lead][1] - 8 * scale - 12)  # not moved: the others make room
    where, named, world = _squad_tags(ref, [(40 * 16 + k * 48, 12 * 16 + (k % 2) * 20) for k in range(4)], scale)
    assert sorted(named) == list(range(len(world.students)))  # nobody's name left out
    for i, rect in named.items():
        sx, sy = where[i]
        head = sy - 8 * scale  # the sprite is 16 world px tall, centred on the body
        assert abs(rect.centerx - sx) <= 1
        assert rect.bottom == round(head - (12 if i == world.lead else 2))


@pytest.mark.parametrize(("level", "done", "door_id", "lead_at", "zoom"), [
    # Storm: the lead at the padlock, on the gate's north side ("field gate" over its head and name)
    ("hyosan/storm-crossing", "keys", "field-gate", (44.5, 28.1), 2.0),
    # the Site: On-jo standing at the east door, to its west ("east door" over her)
    ("hyosan/construction-site-stand", "hold", "east-door", (56.7, 8.7), 3.0),
])
def test_a_door_s_name_keeps_off_the_student_at_the_door_and_the_name_tags(display, level, done, door_id,
                                                                           lead_at, zoom) -> None:
    """Played by hand, "east door" was drawn over On-jo standing at the Site's door, and Storm's
    "field gate" over the lead's head at the padlock: a door's name goes beside the door where
    above it would cover a student or a name tag, and still by the door."""
    from hyosan.content.discovery import resolve_level
    from hyosan.render.camera import Camera
    from hyosan.render.presentation import Presentation

    _, spec = resolve_level(level, [])
    world = World.from_spec(spec, 0)
    world.objectives.done[done] = 0
    lead = world.lead_student
    lead.body.position = (lead_at[0] * 16, lead_at[1] * 16)
    world.bodies.pos[lead.index] = lead.body.position
    door = next(d for d in world.doors if d.spec.id == door_id)
    pres = Presentation(world, Camera(1280, 720, zoom))
    pres.update(0.0, snap=True)
    surface = pygame.Surface((1280, 720))
    for _ in range(2):  # (the name tags as the last frame placed them)
        pres.draw(surface, 1.0)
    ((_, name),) = pres.view._door_names(pres.camera, pres.objective_line())
    (lead_rect,) = [r for r in pres.view._students_drawn if r.collidepoint(pres.camera.to_screen(*lead.body.position))]
    assert not name.colliderect(lead_rect)
    assert name.collidelist(pres.view._students_drawn) < 0 and name.collidelist(pres.view._name_rects) < 0
    c, r = door.spec.tile
    dx, dy = pres.camera.to_screen((c + 0.5) * 16, (r + 0.5) * 16)
    tile = round(16 * zoom)  # screen px
    assert name.inflate(2 * tile, 2 * tile).collidepoint(dx, dy)  # still by the door: within a tile of its middle
