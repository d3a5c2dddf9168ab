"""The squad: eleven named students and So-ju the firefighter, 4 facings x 4 walk frames."""

from __future__ import annotations

from . import palette as P
from .figure import Look, Pose, person
from .palette import hexc
from .sheet import Atlas

STUDENTS: dict[str, Look] = {
    "on-jo": Look(hair=P.HAIR_BLACK, hair_style="long", legs="skirt", accent=hexc("e0402a")),
    "cheong-san": Look(hair=P.HAIR_BLACK, hair_style="messy", accent=hexc("3a9ee8")),
    "su-hyeok": Look(hair=P.HAIR_DARKBROWN, hair_style="short", accent=hexc("2aa888"), shoulder_w=4.4,
                     backpack=False),
    "nam-ra": Look(hair=hexc("262a40"), hair_style="hime", legs="skirt", accent=hexc("8a4ad8"),
                   hair_accent=None),
    "dae-su": Look(hair=P.HAIR_BROWN, hair_style="buzz", accent=hexc("f2c230"),
                   shoulder_w=4.6, head_r=3.2),
    "ha-ri": Look(hair=P.HAIR_DARKBROWN, hair_style="ponytail", legs="skirt", accent=hexc("7ac83a"),
                  hair_accent=None, bow=True, backpack=False),
    "joon-yeong": Look(hair=P.HAIR_BLACK, hair_style="short", accent=hexc("3ad2d2"), glasses=True),
    "mi-jin": Look(hair=P.HAIR_CHESTNUT, hair_style="bob", legs="skirt", accent=hexc("f07ab4")),
    "woo-jin": Look(hair=P.HAIR_BROWN, hair_style="short", accent=hexc("f08a2a")),
    "gyeong-su": Look(hair=P.HAIR_BLACK, hair_style="cap", accent=hexc("c8c8d0"), hair_accent=hexc("2a6a3a")),
    "na-yeon": Look(hair=P.HAIR_AUBURN, hair_style="long", legs="skirt", accent=hexc("d83aa8"),
                    hair_accent=hexc("f4f0f0")),
}

SOJU = Look(hair=P.HAIR_BLACK, hair_style="helmet", coat=P.FIRE_GEAR, coat_shade=P.FIRE_GEAR_DARK,
            coat_light=P.lighter(P.FIRE_GEAR, 0.2), legs="gear", accent=P.STEEL,
            stripes=P.FIRE_STRIPE, backpack=True, shoulder_w=4.5, hair_accent=P.HELMET, head_r=2.6)

WALK_STRIDE = (2.0, 0.0, -2.0, 0.0)


def walk_pose(i: int) -> Pose:
    s = WALK_STRIDE[i]
    return Pose(stride=s, arm_l=-s * 0.75, arm_r=s * 0.75)


def build(atlas: Atlas) -> None:
    people = dict(STUDENTS)
    people["so-ju"] = SOJU
    for name, look in people.items():
        key = f"student.{name}.walk"
        atlas.sheet("students", 272)
        atlas.faced_anim("students", key, lambda f, i, lk=look: person(lk, walk_pose(i), 16, f), 4, 8)
        atlas.anim(f"student.{name}.idle", {f: [f"{key}.{f}.1"] for f in ("down", "up", "left", "right")}, 1)
