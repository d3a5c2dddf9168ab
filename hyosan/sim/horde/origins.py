"""Where each zombie came from, named as the level designer wrote it: the playtest's answer to
"which of my groups or waves is doing the killing?".

A zombie's origin is a label: its ``[[zombies]]`` group (the group's ``id``; a group without
one by the zone or spawn point it was placed with, ``in_zone`` / ``at_spawn``, else
"zombies #N", its place among the file's ``[[zombies]]`` entries counted from 1), its
``[[waves]]`` or ``[[spawners]]`` entry's id, or "risen <student>" for the zombie a lost
student rose as. Level ids are lowercase words without spaces and unique in a level, so a
label with a space in it never stands for another entry.

The horde keeps one small int per zombie (``Horde.origin_all``) indexing ``OriginLabels``; the
labels are for reports only: no behaviour reads them, and they are not in the state hash.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ...content.schema import ZombieGroupSpec

UNKNOWN_ORIGIN = "unknown origin"  # a zombie spawned by code that did not say where from (a test, a benchmark)


def risen_label(student_id: str) -> str:
    """The origin of the zombie a lost student rose as: "risen mi-jin"."""
    return f"risen {student_id}"


def group_labels(groups: Sequence[ZombieGroupSpec]) -> list[str]:
    """A label per ``[[zombies]]`` group, in file order: its id; else the zone or spawn point
    it was placed in (when no other group without an id was placed there too: then
    "zombies #2 in hall"); else "zombies #N" (N counts the file's entries from 1)."""
    places = Counter(g.placed_in for g in groups if not g.id and g.placed_in)
    labels = []
    for number, group in enumerate(groups, 1):
        if group.id:
            labels.append(group.id)
        elif group.placed_in and places[group.placed_in] == 1:
            labels.append(group.placed_in)
        elif group.placed_in:
            labels.append(f"zombies #{number} in {group.placed_in}")
        else:
            labels.append(f"zombies #{number}")
    return labels


class OriginLabels:
    """The labels the horde's ``origin_all`` column indexes, each stored once: a zombie carries
    a small int, not a string. Index 0 is UNKNOWN_ORIGIN."""

    def __init__(self) -> None:
        self.labels: list[str] = [UNKNOWN_ORIGIN]
        self._index: dict[str, int] = {UNKNOWN_ORIGIN: 0}

    def index(self, label: str) -> int:
        """The index of ``label``, added at the end if it is new."""
        got = self._index.get(label)
        if got is None:
            got = self._index[label] = len(self.labels)
            self.labels.append(label)
        return got

    def __getitem__(self, index: int) -> str:
        return self.labels[index]

    def __len__(self) -> int:
        return len(self.labels)
