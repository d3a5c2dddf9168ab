"""The horde: zombie variants (shamble + sprint cycles) and the halfbie Gwi-nam."""

from __future__ import annotations

import numpy as np

from . import draw
from . import palette as P
from .figure import Look, Pose, person
from .sheet import Atlas

ZSKIN = {"head_r": 2.7, "skin": P.ZSKIN, "skin_shade": P.ZSKIN_SHADE, "zombie": True, "backpack": False}
DIRTY_NAVY = {"coat": P.mix(P.NAVY, P.ZSKIN_DARK, 0.35), "coat_shade": P.mix(P.NAVY_DARK, P.ZSKIN_DARK, 0.3),
              "coat_light": P.mix(P.NAVY_LIGHT, P.ZSKIN_DARK, 0.4)}

VARIANTS: dict[str, Look] = {
    "schoolboy": Look(hair=P.HAIR_BLACK, hair_style="messy", blood=0.16, tear_seed=1, accent=P.BLOOD,
                      **DIRTY_NAVY, **ZSKIN),
    "schoolgirl": Look(hair=P.HAIR_DARKBROWN, hair_style="long", legs="skirt", blood=0.14, tear_seed=2,
                       accent=P.BLOOD, **DIRTY_NAVY, **ZSKIN),
    "shirt": Look(hair=P.HAIR_BROWN, hair_style="short", coat=P.hexc("d4d6cc"), coat_shade=P.hexc("9ea294"),
                  coat_light=P.hexc("e6e8e0"), blood=0.3, tear_seed=3, accent=P.BLOOD, **ZSKIN),
    "teacher": Look(hair=P.hexc("4a4440"), hair_style="bald", coat=P.TEACHER_SUIT, coat_shade=P.TEACHER_SUIT_DARK,
                    coat_light=P.lighter(P.TEACHER_SUIT, 0.15), trouser=P.TEACHER_SUIT_DARK, blood=0.14,
                    tear_seed=4, accent=P.hexc("7a2a3a"), shoulder_w=4.4, **ZSKIN),
    "pe": Look(hair=P.HAIR_BLACK, hair_style="buzz", coat=P.PE_RED, coat_shade=P.PE_RED_DARK,
               coat_light=P.lighter(P.PE_RED, 0.15), trouser=P.PE_RED_DARK, stripes=P.PE_STRIPE, blood=0.1,
               tear_seed=5, accent=P.PE_STRIPE, **ZSKIN),
}

GWINAM = Look(hair=P.HAIR_BLACK, hair_style="messy", skin=P.mix(P.SKIN, P.ZSKIN, 0.6),
              skin_shade=P.mix(P.SKIN_SHADE, P.ZSKIN_SHADE, 0.6), coat=P.NAVY_DARK, coat_shade=P.hexc("141a38"),
              coat_light=P.NAVY, zombie=True, blood=0.12, tear_seed=9, backpack=False, accent=P.BLOOD,
              shoulder_w=5.6, head_r=3.6, eye_wound=True, eye=P.HALFBIE_EYE)

NAMRA_HALFBIE = Look(hair=P.hexc("262a40"), hair_style="hime", legs="skirt", accent=P.hexc("8a4ad8"),
                     skin=P.mix(P.SKIN, P.ZSKIN, 0.45), skin_shade=P.mix(P.SKIN_SHADE, P.ZSKIN_SHADE, 0.45),
                     eye=P.HALFBIE_EYE)

SHAMBLE_STRIDE = (1.2, 0.0, -1.2, 0.0)
SHAMBLE_SWAY = (-0.7, 0.0, 0.7, 0.0)
SPRINT_STRIDE = (3.0, 0.0, -3.0, 0.0)


def shamble_pose(i: int) -> Pose:
    s = SHAMBLE_STRIDE[i]
    return Pose(stride=s, reach_l=(3, 3, 2, 2)[i], reach_r=(2, 2, 3, 3)[i], sway=SHAMBLE_SWAY[i], lean=0.3)


def sprint_pose(i: int) -> Pose:
    s = SPRINT_STRIDE[i]
    return Pose(stride=s, reach_l=(4, 3, 3, 4)[i], reach_r=(3, 4, 4, 3)[i], lean=1.2,
                sway=(0.5, 0.0, -0.5, 0.0)[i])


def halfbie(look: Look, pose: Pose, facing: str) -> np.ndarray:
    """A 24 px frame: the figure on a dark, soft aura."""
    size = 24
    img = draw.new(size, size)
    c = size / 2
    for r, a in ((11.5, 40), (9.5, 60), (7.5, 80)):
        draw.disc(img, c, c, r, (*P.HALFBIE_AURA[:3], a))
    fig = person(look, pose, size, facing)
    draw.blit(img, fig, 0, 0)
    return img


def build(atlas: Atlas) -> None:
    atlas.sheet("zombies", 272)
    for name, look in VARIANTS.items():
        atlas.faced_anim("zombies", f"zombie.{name}.shamble",
                         lambda f, i, lk=look: person(lk, shamble_pose(i), 16, f), 4, 5)
        atlas.faced_anim("zombies", f"zombie.{name}.sprint",
                         lambda f, i, lk=look: person(lk, sprint_pose(i), 16, f), 4, 12)
        atlas.anim(f"zombie.{name}.idle", {f: [f"zombie.{name}.shamble.{f}.1"] for f in ("down", "up", "left", "right")}, 1)
    atlas.faced_anim("zombies", "halfbie.gwi-nam.walk", lambda f, i: halfbie(GWINAM, shamble_pose(i), f), 4, 6)
    atlas.faced_anim("zombies", "halfbie.gwi-nam.sprint", lambda f, i: halfbie(GWINAM, sprint_pose(i), f), 4, 12)
    atlas.faced_anim("zombies", "halfbie.nam-ra.walk",
                     lambda f, i: person(NAMRA_HALFBIE, Pose(stride=(2, 0, -2, 0)[i], arm_l=-(2, 0, -2, 0)[i] * 0.75,
                                                           arm_r=(2, 0, -2, 0)[i] * 0.75), 16, f), 4, 8)
