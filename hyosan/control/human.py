"""Turns the keyboard, mouse and gamepad into the same ``TickInput`` a bot or a replay produces.

Held controls are sampled once per tick; presses that happen between ticks are queued and
delivered on the next tick, so a tap shorter than a frame is never lost. The pad makes exactly
the commands the keys make: the left stick is a unit Move whose gait is sneak when the stick is
pushed less than ``PAD_SNEAK_BELOW`` and walk past it (the sprint / sneak buttons override), the
throw lands where the right stick points from the lead.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import pygame

from ..settings import DEFAULT_PAD_BINDINGS
from ..sim import commands as cmd
from ..sim.actions import THROW_RANGE
from .gamepad import PadState, pad_from_names
from .keymap import DEFAULT_KEYS

ScreenToWorld = Callable[[tuple[int, int]], tuple[float, float]]
PAD_SNEAK_BELOW = 0.55  # left-stick deflection (0..1, past the dead zone) under which the lead sneaks
PAD_THROW_DEFAULT = 0.6  # a throw with the right stick centred goes this share of the range, ahead
GRAB_AFTER_TICKS = 8  # interact held past ~0.13 s (60 Hz ticks): a grab, not a tap
# The pad's "follow" held this long (60 Hz ticks, 0.4 s) orders the friend nearest the lead
# alone (the keyboard's G); let go sooner, it is everyone's F, sent on the release.
PAD_FRIEND_AFTER_TICKS = 24
# G orders the friend by the mouse pointer for this long (60 Hz ticks, 3 s) after the mouse
# moves, as long as the play scene shows where Q would throw (screens.MOUSE_AIM_SECONDS); else
# the friend nearest the lead. A playtester who never touched the mouse pressed G beside the
# friend they meant, and the one nearest a pointer left in a corner was told to hold.
POINTER_FRESH_TICKS = 180
DOOR_ONLY = "door, nothing to grab"  # a use target: a door with no prop in reach, so any press works it
NOT_YET = "station, not yet"  # a use target: a station for a later objective (E does nothing there yet)
AT_A_DOOR = ("door", DOOR_ONLY)
PROP_IN_REACH = ("door", "grab")  # use targets with a prop a hold would grab
TAP_TARGETS = ("door", DOOR_ONLY, "coupling", "latch")  # worked on a tap's release; a hold beside them grabs
ONE_SHOTS: tuple[tuple[str, cmd.Command], ...] = (
    ("melee", cmd.Melee()), ("shove", cmd.Shove()), ("switch", cmd.SwitchLead()), ("follow", cmd.ToggleFollow()),
    ("torch", cmd.ToggleTorch()), ("special", cmd.Special()))
PAD_ONE_SHOTS = tuple((action, one_shot) for action, one_shot in ONE_SHOTS if action != "follow")  # (see above)


class HumanInput:
    """Keyboard + mouse + pad -> commands, one ``TickInput`` per simulation tick.

    ``aim_origin`` gives the lead's position (px) for right-stick throws; without it a pad
    throw lands relative to the world origin, which only tests rely on.
    """

    def __init__(self, keys: dict[str, tuple[int, ...]] | None = None,
                 pad: dict[str, tuple[str, ...]] | None = None,
                 aim_origin: Callable[[], tuple[float, float]] | None = None,
                 use_target: Callable[[], str | None] | None = None) -> None:
        self.keys = keys or DEFAULT_KEYS
        self.pad = pad or pad_from_names({}, DEFAULT_PAD_BINDINGS)
        self.aim_origin = aim_origin
        self.use_target = use_target  # what E would work now ("door", "station"...), from the prompts
        self.pad_state = PadState()
        self.pending: list[cmd.Command] = []
        self.interact_held_ticks = 0
        # Interact went down at a door, coupling or latch (TAP_TARGETS) since the last tick: it is
        # worked on the release, if that comes before a grab (even when down and up both fell
        # between two ticks).
        self._tap_pending = False
        self._nothing_to_grab = False  # the press was at a door with no prop in reach (DOOR_ONLY)
        self._door_press = False  # the press was at a door (and the hold has stayed there)
        # The press worked a station: its "hold E" is the station's, not a grab. Played on the
        # auditorium night, holding E at the PA console grabbed the desk beside it as the play
        # began, and walking off dragged the desk away from the console.
        self._at_station = False
        self.facing = (1.0, 0.0)  # last direction the player moved: where a blind pad throw goes
        # Set when the lead is lost under the player's hands: the held keys and stick no longer
        # move anyone until they are let go. A playtester holding a key as the lead went down
        # walked the next lead on into the same crowd, five leads in 35 s.
        self.moves_held_back = False
        self._pad_follow_ticks = -1  # ticks the pad's "follow" has been held (-1: up, or already sent)
        self._pointer_ticks = 0  # ticks left that G points with the mouse (POINTER_FRESH_TICKS)

    def _held(self, pressed: Sequence[bool], action: str) -> bool:
        return any(pressed[k] for k in self.keys[action])

    def _pad_held(self, action: str) -> bool:
        return any(name in self.pad_state.held for name in self.pad.get(action, ()))

    def pad_aim(self) -> tuple[float, float] | None:
        """Where a throw would land (world px) while the right stick aims, else None: the play
        scene draws a marker there."""
        sx, sy = self.pad_state.stick("right")
        if not (sx or sy):
            return None
        ox, oy = self._lead_at()
        return ox + sx * THROW_RANGE, oy + sy * THROW_RANGE  # full push is full range

    def _lead_at(self) -> tuple[float, float]:
        return self.aim_origin() if self.aim_origin is not None else (0.0, 0.0)

    def _pad_follow(self) -> cmd.Command | None:
        """The pad's "follow", each tick: let go within PAD_FRIEND_AFTER_TICKS it tells everyone
        (F); held that long it tells the friend nearest the lead alone (G), once."""
        if self._pad_follow_ticks < 0:
            return None
        if not self._pad_held("follow"):
            self._pad_follow_ticks = -1
            return cmd.ToggleFollow()
        self._pad_follow_ticks += 1
        if self._pad_follow_ticks < PAD_FRIEND_AFTER_TICKS:
            return None
        self._pad_follow_ticks = -1
        return cmd.ToggleFriend(*self._lead_at())

    def _pad_throw(self) -> cmd.Throw:
        aim = self.pad_aim()
        if aim is not None:
            return cmd.Throw(*aim)
        ox, oy = self._lead_at()
        fx, fy = self.facing
        return cmd.Throw(ox + fx * THROW_RANGE * PAD_THROW_DEFAULT, oy + fy * THROW_RANGE * PAD_THROW_DEFAULT)

    def on_event(self, event: pygame.event.Event, to_world: ScreenToWorld) -> None:
        """Queue one-shot actions from a key, mouse or pad press."""
        if event.type == pygame.KEYDOWN:
            for action, one_shot in ONE_SHOTS:
                if event.key in self.keys.get(action, ()):
                    self.pending.append(one_shot)
            if event.key in self.keys["throw"]:
                x, y = to_world(pygame.mouse.get_pos())
                self.pending.append(cmd.Throw(x, y))
            if event.key in self.keys.get("friend", ()):
                # The friend by the pointer, moved lately over the window; else the one by the lead.
                pointing = self._pointer_ticks > 0 and pygame.mouse.get_focused()
                x, y = to_world(pygame.mouse.get_pos()) if pointing else self._lead_at()
                self.pending.append(cmd.ToggleFriend(x, y))
            if event.key in self.keys["interact"]:
                self._press_interact()
        elif event.type == pygame.MOUSEMOTION:
            self._pointer_ticks = POINTER_FRESH_TICKS
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 3:
            x, y = to_world(event.pos)
            self.pending.append(cmd.Throw(x, y))
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.pending.append(cmd.Melee())
        else:
            pressed = self.pad_state.on_event(event)
            if pressed is None:
                return
            for action, one_shot in PAD_ONE_SHOTS:
                if pressed in self.pad.get(action, ()):
                    self.pending.append(one_shot)
            if pressed in self.pad.get("follow", ()):
                self._pad_follow_ticks = 0  # a tap is everyone's order, a hold one friend's (tick_input)
            if pressed in self.pad.get("throw", ()):
                self.pending.append(self._pad_throw())
            if pressed in self.pad.get("interact", ()):
                self._press_interact()

    def _press_interact(self) -> None:
        """Interact went down: a station is worked now (its "hold E" starts on the press); a
        door, a coupling or a latch only when it turns out to be a tap (``tick_input``), as a
        hold beside one grabs. Played by hand in the auditorium: holding E at the coupled
        trolley wall to drag it uncoupled it on the press, and the trolley dragged off alone."""
        target = self.use_target() if self.use_target is not None else None
        if target in TAP_TARGETS:
            self._tap_pending = True
            # With nothing to grab, a slow press is no grab: the door is worked when it is let go
            # (played by hand: a 0.15 s press on a wing door locked nothing and the crowd came in).
            self._nothing_to_grab = target == DOOR_ONLY
            self._door_press = target in AT_A_DOOR
        else:
            self._at_station = target == "station"
            self.pending.append(cmd.Use())

    def _still_at_the_door(self, target: str | None) -> None:
        """A hold that began at a door, each tick: a prop come into reach ends the wait for a
        tap (the hold grabs it), and leaving the door's reach drops the door's tap. Played by
        hand (session 30): E held at a locked door with no desk in reach, walked onto a desk,
        grabbed nothing under "hold E: drag the desk", and let go back at the door it unlocked."""
        if target in PROP_IN_REACH:
            self._nothing_to_grab = False
        if target not in AT_A_DOOR:
            self._tap_pending = False

    def _pad_move(self) -> cmd.Move | None:
        x, y = self.pad_state.stick("left")
        deflection = math.hypot(x, y)
        if deflection == 0.0:
            x, y = self.pad_state.dpad()
            if not (x or y):
                return None
            deflection = 1.0
        length = math.hypot(x, y)
        x, y = x / length, y / length  # unit, like a key press: the gait sets the speed
        if self._pad_held("sprint"):
            gait = "sprint"
        elif self._pad_held("sneak") or deflection < PAD_SNEAK_BELOW:
            gait = "sneak"
        else:
            gait = "walk"
        return cmd.Move(x, y, gait)

    def lead_lost(self) -> None:
        """The lead went down: what is held now moves no one until it is let go."""
        self.moves_held_back = True

    def _key_move(self, pressed: Sequence[bool]) -> cmd.Move | None:
        """The move the held keys make (None: no move key held, or they cancel out)."""
        x = float(self._held(pressed, "right")) - float(self._held(pressed, "left"))
        y = float(self._held(pressed, "down")) - float(self._held(pressed, "up"))
        if not (x or y):
            return None
        gait = "sprint" if self._held(pressed, "sprint") else "sneak" if self._held(pressed, "sneak") else "walk"
        return cmd.Move(x, y, gait)

    def held_back_by(self) -> str:
        """While the lead is lost under held moves (``moves_held_back``), what the player must
        let go of for the new lead to move, as the HUD says it: "the keys", "the stick", "the
        d-pad"; "" when nothing holds a move back now (a playtester stood still, keys held, and
        did not know why: the HUD's line goes the moment they are let go)."""
        if not self.moves_held_back:
            return ""
        if self._key_move(pygame.key.get_pressed()) is not None:
            return "the keys"
        if self._pad_move() is None:
            return ""
        return "the stick" if any(self.pad_state.stick("left")) else "the d-pad"

    def tick_input(self) -> cmd.TickInput:
        """Sample held keys and pad, and drain queued presses into this tick's input."""
        pressed = pygame.key.get_pressed()
        out: list[cmd.Command] = []
        move = self._key_move(pressed)
        if move is None:
            move = self._pad_move()
        if self.moves_held_back:
            if move is None:
                self.moves_held_back = False  # all let go: the next press moves the new lead
            move = None
        if move is not None:
            out.append(move)
            n = math.hypot(move.x, move.y)
            self.facing = (move.x / n, move.y / n)
        # At a door, interact works the door when a tap is let go; held past GRAB_AFTER_TICKS it
        # grabs and leaves the door be. The use went out on the press, so a grab next to a door
        # also worked the door: reaching for a prop to brace a locked door unlocked it (played by
        # hand on the Site: the crowd came through 14 s in).
        used = False
        if self._held(pressed, "interact") or self._pad_held("interact"):
            self.interact_held_ticks += 1
            if self._tap_pending and self._door_press and self.use_target is not None:
                self._still_at_the_door(self.use_target())
            if self.interact_held_ticks > GRAB_AFTER_TICKS and not (self._tap_pending and self._nothing_to_grab) \
                    and not self._at_station:
                out.append(cmd.Grab())
                self._tap_pending = False
        else:
            used = self._tap_pending and (self._nothing_to_grab or self.interact_held_ticks <= GRAB_AFTER_TICKS)
            self._tap_pending = False
            self._nothing_to_grab = False
            self._door_press = False
            self._at_station = False
            self.interact_held_ticks = 0
        out.extend(self.pending)
        self.pending.clear()
        self._pointer_ticks = max(0, self._pointer_ticks - 1)
        order = self._pad_follow()
        if order is not None:
            out.append(order)
        if used:
            out.append(cmd.Use())
        return cmd.TickInput(tuple(out))
