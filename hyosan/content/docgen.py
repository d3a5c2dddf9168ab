"""Generate levels/README.md's key tables from the rules in fields.py (so docs cannot drift).

Run ``python3 -m hyosan.content.docgen`` to print them; a test compares them with the README.
"""

from __future__ import annotations

from . import fields as fl
from .fields import Field

SECTIONS: tuple[tuple[str, str, dict[str, Field]], ...] = (
    ("pack.toml", "the pack manifest", fl.PACK),
    ("level: top level", "keys at the top of a level file", fl.LEVEL),
    ("[map]", "the tile grid", fl.MAP),
    ("[map.legend] entry", "a character written as a table", fl.LEGEND_ENTRY),
    ("[difficulty.story] / [difficulty.normal] / [difficulty.hard]", "defaults: story 0.6/0.85/0.8, normal 1/1/1, hard 1.4/1.1/1.2", fl.DIFFICULTY),
    ("[[doors]]", "hinged doors, one per 'D' tile", fl.DOOR),
    ("[[props]]", "movable bodies", fl.PROP),
    ("[[joints]]", "joints and couplings between props", fl.JOINT),
    ("[[zones]]", "named rectangles", fl.ZONE),
    ("[[spawn_points]]", "named entry points", fl.SPAWN_POINT),
    ("[[squad]]", "the roster", fl.STUDENT),
    ("[[zombies]]", "groups placed at the start", fl.ZOMBIES),
    ("[[spawners]]", "zombies that keep arriving", fl.SPAWNER),
    ("[[waves]]", "timed waves", fl.WAVE),
    ("[[sounds]]", "scripted noise-makers and drones", fl.SOUND),
    ("[[stations]]", "things students use", fl.STATION),
    ("[[labels]]", "names of places on the plan: the briefing's, the level select's and the pause map's. The "
     "playtest report's map pictures (`--report DIR`) write them too, so you can check where they sit "
     "without a window", fl.LABEL),
    ("[light]", "light", fl.LIGHT),
    ("[[light.lights]]", "lamps and torches", fl.LAMP),
    ("[weather]", "rain and lightning", fl.WEATHER),
    ("[[objectives]]", "what winning takes", fl.OBJECTIVE),
    ("[stars]", "star rules", fl.STARS),
    ("[endless]", "a score level: no objectives, no time limit; the squad holds out as long as it can", fl.ENDLESS),
    ("[prop_types.NAME] (built-in table or pack.toml)", "a prop type", fl.PROP_TYPE),
    ("[breeds.NAME] (built-in table or pack.toml)",
     "a zombie breed. Every zombie decides 20 times a second (what it heard since its last decision, "
     "whom it sees, where it goes) and accelerates toward that choice in between, so a noise is heard "
     "up to 1/20 s after it is made", fl.BREED),
)
_TYPES = {"id": "id", "ref": "id (reference)", "str": "text (one line)", "text": "text", "int": "whole number",
          "float": "number", "bool": "true/false", "choice": "one of", "point": "[x, y]", "tile": "[col, row]",
          "rect": "[x0, y0, x1, y1]", "points": "list of [x, y]", "floats": "list of numbers", "refs": "list of text",
          "path": "path in the pack", "version": "\"1.2.3\"", "table": "table", "tables": "array of tables"}


def _default(f: Field) -> str:
    if f.required:
        return "**required**"
    if f.default is None:
        return "none"
    if f.default == "" or f.default == []:
        return "empty"
    if isinstance(f.default, bool):
        return str(f.default).lower()
    if isinstance(f.default, str):
        return f"`\"{f.default}\"`"
    return f"`{f.default}`"


def _limits(f: Field) -> str:
    parts = []
    if f.choices:
        parts.append(", ".join(f"`{c}`" if c else "`\"\"`" for c in f.choices))
    if f.lo is not None or f.hi is not None:
        if f.kind in ("str", "text"):
            parts.append(f"at most {f.hi:g} chars")
        else:
            # (positive means > 0; a floor above 0 is itself allowed: lock_strength 0.1 loads)
            lo = f"> {f.lo:g}" if f.positive and not f.lo else f">= {f.lo:g}" if f.lo is not None else ""
            parts.append(" and ".join(x for x in (lo, f"<= {f.hi:g}" if f.hi is not None else "") if x))
    elif f.kind == "str":
        parts.append(f"at most {fl.MAX_SHORT} chars")
    elif f.kind == "text":
        parts.append(f"at most {fl.MAX_TEXT} chars")
    if f.max_items:
        parts.append(f"at most {f.max_items} entries")
    if f.kind in ("point", "rect", "tile") and f.unit == "tiles":  # a velocity (tiles/s) is not a place
        parts.append("on the map")
    return "; ".join(parts)


def _builtin_markdown() -> list[str]:
    """The built-in prop types and breeds (builtin_tables.toml): the names a level can use as is."""
    from .loader import builtin_tables

    props, breeds = builtin_tables()
    out = ["### Built-in prop types\n", "Use these as a `[[props]]` `type` without defining them (sizes in px, 16 px = 1 tile).\n",
           "| type | width | depth | mass (kg) | rolling | alarm | what it is |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, p in props:
        out.append(f"| `{name}` | {p.width:g} | {p.depth:g} | {p.mass:g} | {p.rolling} | {p.alarm or '-'} | {p.description} |")
    out += ["", "### Built-in breeds\n", "Use these as a `breed` without defining them (speeds in px/s; other keys at their defaults unless shown).\n",
            "| breed | wander | investigate | chase | health | push | other | what it is |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    flags = ("ignores_lures", "shrugs_off_shoves", "only_big_blows")
    for name, b in breeds:
        other = ", ".join([f"`{f}`" for f in flags if getattr(b, f)]
                          + [f"{k} {getattr(b, k):g}" for k in ("hearing", "sight", "radius", "mass") if getattr(b, k) != fl.BREED[k].default])
        out.append(f"| `{name}` | {b.wander_speed:g} | {b.investigate_speed:g} | {b.chase_speed:g} | {b.health:g} | {b.push:g} | "
                   f"{other or '-'} | {b.description} |")
    out.append("")
    return out


def tables_markdown() -> str:
    """Every section as a Markdown table, then the built-in prop types and breeds."""
    out = []
    for title, what, rules in SECTIONS:
        out.append(f"### {title}\n\n{what[0].upper() + what[1:]}.\n")
        out.append("| key | type | unit | default | limits | simulated | meaning |")
        out.append("| --- | --- | --- | --- | --- | --- | --- |")
        for key, f in rules.items():
            out.append(f"| `{key}` | {_TYPES[f.kind]} | {f.unit or '-'} | {_default(f)} | {_limits(f) or '-'} | "
                       f"{'no: drawn' if f.drawn_only else 'yes' if f.simulated else 'not yet'} | {f.doc.replace('|', '/')} |")
        out.append("")
    out += _builtin_markdown()
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    print(tables_markdown(), end="")
