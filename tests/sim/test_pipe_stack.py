"""A banded pipe stack held by a chock (a coupling to the world with ``release_push``): E at the
chock knocks it out, the stack rolls off the declared way, and its hard hits are big blows that
flatten the zombies in its path."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from hyosan.content.loader import load_level
from hyosan.sim import commands as cmd
from hyosan.sim import events as ev
from hyosan.sim.world import World

# A 38x18 floor; the squad spawn in the north-west corner, an exit in the east wall.
ROOM = "\n".join(["#" * 40, "#S" + "." * 37 + "E"] + ["#" + "." * 38 + "#"] * 17 + ["#" * 40])

STACK = """
[[squad]]
id = "on-jo"
at = [5.1, 10.0]
lead = true

[[props]]
id = "pipe-1"
type = "pipe"
at = [6.0, 10.0]
angle = 90
mass = 300

[[props]]
id = "pipe-2"
type = "pipe"
at = [6.55, 10.0]
angle = 90
mass = 300

[[joints]]
id = "chock"
kind = "coupling"
a = "pipe-1"
anchor_a = [0.0, 0.25]
anchor_b = [5.75, 10.0]
release_push = [13.0, 0.0]

[[joints]]
id = "band-n"
kind = "pivot"
a = "pipe-1"
b = "pipe-2"
anchor_a = [-1.8, -0.275]
anchor_b = [-1.8, 0.275]

[[joints]]
id = "band-s"
kind = "pivot"
a = "pipe-1"
b = "pipe-2"
anchor_a = [1.8, -0.275]
anchor_b = [1.8, 0.275]
"""

# Five walkers standing in a line across the stack's way, 12 tiles east of it.
LINE = """
[[zombies]]
count = 5
zone = [18.0, 9.0, 19.0, 11.0]
state = "idle"
"""


def world_of(body: str) -> World:
    text = f'id = "t"\ntitle = "T"\n[map]\nrows = """\n{ROOM}\n"""\n{body}'
    return World(load_level(Path("t.toml"), text.encode()), 0)


def x_of(world: World, prop_id: str) -> float:
    return float(world.bodies.pos[world.prop_by_id(prop_id).index][0])


def run(world: World, ticks: int, *commands: cmd.Command) -> list[ev.Event]:
    out: list[ev.Event] = []
    for k in range(ticks):
        out += world.step(cmd.TickInput(commands if k == 0 else ()))
    return out


def test_a_chocked_stack_stays_put_until_the_chock_is_knocked_out_then_rolls_off() -> None:
    w = world_of(STACK)
    x0 = x_of(w, "pipe-2")
    run(w, 120)
    assert abs(x_of(w, "pipe-2") - x0) < 0.5  # chocked: two seconds and it has not moved
    events = run(w, 180, cmd.Use())
    assert any(isinstance(e, ev.JointChanged) and e.joint == "chock" and e.state == "uncoupled" for e in events)
    rolled = x_of(w, "pipe-2") - x0
    assert rolled > 320.0  # 3 s after the push (13 tiles/s = 208 px/s) it has rolled over 20 tiles east
    # banded: the two pipes rolled together, still side by side
    assert abs((x_of(w, "pipe-2") - x_of(w, "pipe-1")) - 0.55 * 16) < 1.0
    vy = [float(w.bodies.vel[w.prop_by_id(p).index][1]) for p in ("pipe-1", "pipe-2")]
    assert max(abs(v) for v in vy) < 5.0  # straight along the declared push


def test_the_released_stack_flattens_the_zombies_in_its_path() -> None:
    w = world_of(STACK + LINE)
    run(w, 30)
    assert w.horde.n == 5
    events = run(w, 240, cmd.Use())
    struck = [e for e in events if isinstance(e, ev.Struck)]
    assert len(struck) >= 4  # a 600 kg stack at ~200 px/s: a big blow to (nearly) the whole line
    assert w.horde.n <= 1
    assert x_of(w, "pipe-1") / 16 > 17.0  # and it rolled through them (from x = 6 tiles)


def test_a_stack_without_release_push_just_comes_loose() -> None:
    w = world_of(STACK.replace("release_push = [13.0, 0.0]\n", ""))
    x0 = x_of(w, "pipe-2")
    run(w, 120, cmd.Use())
    assert not w.joints.by_id("chock").coupled
    assert abs(x_of(w, "pipe-2") - x0) < 2.0
    assert np.isfinite(w.bodies.pos).all()
