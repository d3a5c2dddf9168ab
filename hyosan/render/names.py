"""How the squad's ids read on screen."""

from __future__ import annotations


def display_name(student_id: str) -> str:
    """A squad id as a name: "su-hyeok" -> "Su-hyeok", "gwi-nam" -> "Gwi-nam"."""
    return student_id[:1].upper() + student_id[1:]


def id_words(thing_id: str) -> str:
    """A level id as words: "block-c-door" reads "block C door" (a letter on its own names
    something: the ticker said "The block c door was pushed open"), "pa" reads "PA"."""
    words = thing_id.replace("_", "-").split("-")
    return " ".join(w.upper() if len(w) == 1 or w == "pa" else w for w in words if w)
