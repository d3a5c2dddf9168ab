"""How the squad's ids read on screen."""

from __future__ import annotations


def display_name(student_id: str) -> str:
    """A squad id as a name: "su-hyeok" -> "Su-hyeok", "gwi-nam" -> "Gwi-nam"."""
    return student_id[:1].upper() + student_id[1:]
