"""Colours. Every sprite draws from these named entries so sheets keep a small palette."""

from __future__ import annotations

Color = tuple[int, int, int, int]


def hexc(code: str, alpha: int = 255) -> Color:
    code = code.lstrip("#")
    return (int(code[0:2], 16), int(code[2:4], 16), int(code[4:6], 16), alpha)


def mix(a: Color, b: Color, t: float) -> Color:
    """Blend two colours; t=0 gives a, t=1 gives b."""
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(4))  # type: ignore[return-value]


def darker(c: Color, t: float = 0.3) -> Color:
    return mix(c, (0, 0, 0, c[3]), t)


def lighter(c: Color, t: float = 0.3) -> Color:
    return mix(c, (255, 255, 255, c[3]), t)


CLEAR: Color = (0, 0, 0, 0)
OUTLINE = hexc("14101c")
SHADOW = hexc("000000", 70)

# people
SKIN = hexc("e8b48c")
SKIN_SHADE = hexc("c98e6a")
NAVY = hexc("2e4486")
NAVY_DARK = hexc("1e2b5a")
NAVY_LIGHT = hexc("4662aa")
SHIRT = hexc("eef0f2")
SKIRT = hexc("3a3450")
TROUSERS = hexc("23263a")
SHOE = hexc("2a1e1a")
HAIR_BLACK = hexc("2a2632")
HAIR_DARKBROWN = hexc("3e2a22")
HAIR_BROWN = hexc("6a4430")
HAIR_CHESTNUT = hexc("8c5434")
HAIR_AUBURN = hexc("9c4028")

# firefighter
FIRE_GEAR = hexc("9a5428")
FIRE_GEAR_DARK = hexc("66361a")
FIRE_STRIPE = hexc("f2e36a")
HELMET = hexc("f0c832")

# zombies
ZSKIN = hexc("a6b49a")
ZSKIN_SHADE = hexc("7c8c74")
ZSKIN_DARK = hexc("56644e")
BLOOD = hexc("8e1414")
BLOOD_DARK = hexc("5a0a0e")
BLOOD_BRIGHT = hexc("c42020")
TEACHER_SUIT = hexc("5a4a3a")
TEACHER_SUIT_DARK = hexc("3e3228")
PE_RED = hexc("a8262e")
PE_RED_DARK = hexc("70181e")
PE_STRIPE = hexc("e6e6e6")
HALFBIE_AURA = hexc("2a0a30")
HALFBIE_EYE = hexc("ff3a2a")

# wood, metal, stone
WOOD = hexc("a8743e")
WOOD_LIGHT = hexc("c48e52")
WOOD_DARK = hexc("7a5028")
WOOD_DEEP = hexc("58381c")
STEEL = hexc("9aa4ae")
STEEL_LIGHT = hexc("c4ccd4")
STEEL_DARK = hexc("646e7a")
STEEL_DEEP = hexc("40464e")
RUBBER = hexc("22222a")
GLASS = hexc("7eb4d0")
GLASS_DARK = hexc("4a7894")
CONCRETE = hexc("8e8a84")
CONCRETE_DARK = hexc("6c6862")
CONCRETE_LIGHT = hexc("aaa69e")

# UI
UI_GOLD = hexc("f2c23a")
UI_GOLD_DARK = hexc("b07a18")
UI_RED = hexc("d42a2a")
UI_RED_DARK = hexc("84141a")
UI_WHITE = hexc("f0ece4")
UI_GREY = hexc("6a6a78")
UI_PANEL = hexc("1e1c28", 235)
UI_PANEL_EDGE = hexc("4a4658")
UI_CYAN = hexc("5ad2e6")
UI_GREEN = hexc("6ad25a")
INFECT = hexc("9ad23a")
