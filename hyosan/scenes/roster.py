"""The squad as the briefing introduces it: who is in this level, who the player starts as, and
what each of them does differently, in a line each.

The lines are built from the simulation's own tables (a trait shows only where the sim gives
it), so what the briefing promises is what the level does. Keys are written as the defaults
(E, C, Space...) and swapped for the player's own by ``keymap.name_keys`` like the story.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.schema import LevelSpec, StudentSpec
from ..render.names import display_name
from ..sim import actions, specials, squad
from ..sim.director import FAST_OPERATORS

# What each of the lead's own moves (C) does, in a player's words.
SPECIAL_WORDS = {"spray": "C: an extinguisher cloud hides you", "taunt": "C: taunt, pulls the horde",
                 "sing": "C: sings, a lure that walks"}
ESCORT_WORDS = "no tricks: bring them out alive"


@dataclass(frozen=True, slots=True)
class RosterLine:
    """One student as the briefing lists them."""

    student_id: str
    name: str  # as shown ("Su-hyeok")
    words: str  # what is special about them, default keys
    lead: bool  # the student the player starts as
    joins_later: bool  # an ally who enters during the level


def _traits(student: StudentSpec) -> list[str]:
    """Short phrases, most telling first (the briefing joins them with " · ")."""
    sid = student.id
    out: list[str] = []
    if student.halfbie:
        out.append("halfbie: hears through walls, starves if crowded")
    if sid in actions.STEADYING:
        out.append("class president: the others keep their nerve")
    if sid in squad.WALK_NOISE_MULT:
        out.append(f"quiet steps ({round(squad.WALK_NOISE_MULT[sid] * 100)}%)")
    if sid in squad.SPRINT_MULT:
        out.append("fastest sprinter")
    if sid in actions.STRONG:
        out.append("strongest: floors what he hits")
    if sid in actions.AXE:
        out.append(f"firefighter: axe fells {actions.AXE_TARGETS}, never panics")
    if sid in FAST_OPERATORS:
        out.append(f"works consoles {FAST_OPERATORS[sid]:g}x as fast")
    move = specials.SPECIALS.get(sid)
    if move is not None:
        out.append(SPECIAL_WORDS[move])
    if student.weapon == "bow":
        out.append(f"bow: {actions.ARROWS_PER_LEVEL} quiet arrows (Space; following, at chasers)")
    elif student.weapon in actions.MELEE_WEAPONS and sid not in actions.AXE:
        out.append(f"{student.weapon}: swings at chasers")
    return out


def roster(level: LevelSpec) -> list[RosterLine]:
    """Every student of ``level``'s squad, the lead first, then in the level file's order;
    allies who join later (So-ju) last."""
    later = {p.student for p in level.spawn_points if p.role == "ally"}
    # The lead: the one marked so, else the first (the loader's default), never an ally to come.
    lead = next((s.id for s in level.squad if s.lead), None) or \
        next((s.id for s in level.squad if s.id not in later), "")
    lines = []
    for student in level.squad:
        traits = _traits(student)
        words = " · ".join(traits) if traits else ESCORT_WORDS
        lines.append(RosterLine(student.id, display_name(student.id), words, student.id == lead, student.id in later))
    return sorted(lines, key=lambda r: (not r.lead, r.joins_later))
