"""A camera that eases after a target, stays inside the map (going past its edge only to keep the
squad out from under the HUD), and maps world px to screen px."""

from __future__ import annotations

from dataclasses import dataclass

KEEP_CLEAR_PX = 36  # screen px between a bottom panel and the target (a student and the name over it)
SQUAD_SPREAD_PX = 40.0  # world px: followers keep within about 2.5 tiles of the lead, some behind it


@dataclass
class Camera:
    """World-to-screen transform: screen = (world - top_left) * scale."""

    view_w: int  # screen px
    view_h: int
    scale: float = 3.0  # screen px per world px
    x: float = 0.0  # world px of the view centre
    y: float = 0.0
    ease: float = 0.18  # fraction of the gap closed per frame at 60 fps
    shake_x: float = 0.0  # world px added to the view (screen shake); never clamped
    shake_y: float = 0.0
    top_margin: float = 0.0  # screen px the view may show above the map's top edge (under a HUD bar)
    # Screen rects of the HUD's bottom panels (the squad, the noise meter), as last drawn: the
    # target is kept out from under them, the view going past the map's bottom edge if it must.
    # At Yellow Markers' start (the squad in the map's bottom-left corner, far view) the squad
    # panel covered the squad.
    keep_clear: tuple = ()
    bottom_room: float = 0.0  # world px the view now shows below the map's bottom edge (eased)
    # The same over the top: the HUD's top bar. A playtester at Storm's hut, in the map's top
    # row, had On-jo drawn under the objective bar (the top margin alone clears the map's edge,
    # not a student and the name over it).
    keep_clear_top: tuple = ()
    top_room: float = 0.0  # world px the view now shows above the map's top edge, past top_margin (eased)

    def follow(self, tx: float, ty: float, map_w: float, map_h: float, snap: bool = False) -> None:
        """Move toward (tx, ty), then clamp so the view stays inside the map, but for the room
        (eased) that keeps the target out from under ``keep_clear`` and ``keep_clear_top``."""
        if snap:
            self.x, self.y = tx, ty
        else:
            self.x += (tx - self.x) * self.ease
            self.y += (ty - self.y) * self.ease
        half_w, half_h = self.view_w / self.scale / 2, self.view_h / self.scale / 2
        self.x = map_w / 2 if map_w < 2 * half_w else min(max(self.x, half_w), map_w - half_w)
        # With a HUD bar over the top of the view, the map's top edge may come down to just
        # under it: else the map's first rows (and the prompts at a door there) sit under the bar.
        top = half_h - self.top_margin / self.scale
        room = self._room_below(tx, ty, half_w, half_h, map_h)
        self.bottom_room = room if snap else self.bottom_room + (room - self.bottom_room) * self.ease
        above = self._room_above(ty, half_h, top)
        self.top_room = above if snap else self.top_room + (above - self.top_room) * self.ease
        self.y = map_h / 2 if map_h < 2 * half_h else \
            min(max(self.y, top - self.top_room), map_h - half_h + self.bottom_room)

    def _room_above(self, ty: float, half_h: float, top: float) -> float:
        """World px more than ``top_margin`` the view must show above the map's top edge for the
        target (y ``ty``) to stand KEEP_CLEAR_PX below every bar in ``keep_clear_top`` (0 when none)."""
        room = 0.0
        for rect in self.keep_clear_top:
            if rect[3] <= 0:
                continue
            need_y = ty + half_h - (rect[1] + rect[3] + KEEP_CLEAR_PX) / self.scale  # the lowest view centre that does it
            room = max(room, top - need_y)
        return room

    def _room_below(self, tx: float, ty: float, half_w: float, half_h: float, map_h: float) -> float:
        """World px the view must show below the map's bottom edge for the target (tx, ty) to
        stand clear above every bottom panel it would be under, with the squad round it (0 when
        none)."""
        sx = (tx - (self.x - half_w)) * self.scale  # the target's screen x (the view's x is settled)
        clear = KEEP_CLEAR_PX + SQUAD_SPREAD_PX * self.scale  # screen px: the squad round the target too
        room = 0.0
        for rect in self.keep_clear:
            if rect[2] <= 0 or not rect[0] - clear <= sx <= rect[0] + rect[2] + clear:
                continue
            need_y = ty + half_h - (rect[1] - clear) / self.scale  # the view centre that does it
            room = max(room, need_y - (map_h - half_h))
        return room

    @property
    def left(self) -> float:
        """World x at the screen's left edge."""
        return self.x + self.shake_x - self.view_w / self.scale / 2

    @property
    def top(self) -> float:
        """World y at the screen's top edge."""
        return self.y + self.shake_y - self.view_h / self.scale / 2

    def to_screen(self, x: float, y: float) -> tuple[float, float]:
        """World px -> screen px."""
        return (x - self.left) * self.scale, (y - self.top) * self.scale

    def to_world(self, sx: float, sy: float) -> tuple[float, float]:
        """Screen px -> world px."""
        return sx / self.scale + self.left, sy / self.scale + self.top
