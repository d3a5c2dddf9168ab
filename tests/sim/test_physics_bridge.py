"""The pymunk.batch bridge: rows map to canonical indices after adds and removes."""

from __future__ import annotations

import numpy as np
import pymunk

from hyosan.sim.physics import (
    BodyTable,
    add_floor_friction,
    add_wall_box,
    make_space,
    teleport,
)


def add_body(space: pymunk.Space, table: BodyTable, x: float) -> pymunk.Body:
    body = pymunk.Body(1.0, 1.0)
    body.position = (x, 0.0)
    space.add(body, pymunk.Circle(body, 1.0))
    table.register(body)
    return body


def test_canonical_order_survives_removal_and_readding() -> None:
    space = make_space()
    table = BodyTable(space)
    bodies = [add_body(space, table, float(i)) for i in range(6)]
    table.read()
    assert table.pos[:, 0].tolist() == [0, 1, 2, 3, 4, 5]
    space.remove(bodies[1], *bodies[1].shapes)  # pymunk swaps the last row into the hole
    bodies[4].position = (40.0, 0.0)
    table.read()
    assert table.pos[:, 0].tolist() == [0, 1, 2, 3, 40, 5]  # index 1 keeps its last value
    space.add(bodies[1], *bodies[1].shapes)
    bodies[1].position = (10.0, 0.0)
    table.read()
    assert table.pos[:, 0].tolist() == [0, 10, 2, 3, 40, 5]


def test_velocity_write_touches_only_the_named_bodies() -> None:
    space = make_space()
    table = BodyTable(space)
    bodies = [add_body(space, table, float(i)) for i in range(5)]
    bodies[0].velocity = (7.0, 7.0)
    space.remove(bodies[2], *bodies[2].shapes)
    space.add(bodies[2], *bodies[2].shapes)  # reorders rows
    table.read()
    table.write_velocities(np.array([2, 4]), np.array([[1.0, 2.0], [3.0, 4.0]]))
    assert tuple(bodies[2].velocity) == (1.0, 2.0)
    assert tuple(bodies[4].velocity) == (3.0, 4.0)
    assert tuple(bodies[0].velocity) == (7.0, 7.0)
    assert tuple(bodies[1].velocity) == (0.0, 0.0)


def test_a_steered_body_keeps_the_velocity_set_after_the_read() -> None:
    space = make_space()
    table = BodyTable(space)
    bodies = [add_body(space, table, float(i)) for i in range(3)]
    control = pymunk.Body(body_type=pymunk.Body.KINEMATIC)
    space.add(control)
    table.steer(control)
    table.read()
    control.velocity = (5.0, -5.0)  # set by the squad between the read and the horde's write
    table.write_velocities(np.array([1]), np.array([[9.0, 9.0]]))
    assert tuple(control.velocity) == (5.0, -5.0)
    assert tuple(bodies[1].velocity) == (9.0, 9.0)


def test_a_write_after_adds_and_removes_reaches_the_right_bodies() -> None:
    """Bodies leave and rejoin the space between a read and the next write (sleeping
    zombies): after ``rows_changed`` the write re-reads the row order first."""
    space = make_space()
    table = BodyTable(space)
    bodies = [add_body(space, table, float(i)) for i in range(6)]
    bodies[5].velocity = (5.0, 5.0)
    table.read()
    space.remove(bodies[0], *bodies[0].shapes)  # rows move: the last body fills the hole
    space.remove(bodies[3], *bodies[3].shapes)
    space.add(bodies[0], *bodies[0].shapes)
    table.rows_changed()
    table.write_velocities(np.array([0, 1, 3]), np.array([[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]]))
    assert tuple(bodies[0].velocity) == (1.0, 0.0)
    assert tuple(bodies[1].velocity) == (2.0, 0.0)
    assert tuple(bodies[3].velocity) == (0.0, 0.0)  # not in the space: untouched
    assert tuple(bodies[5].velocity) == (5.0, 5.0)  # not named: keeps its own
    assert tuple(bodies[2].velocity) == (0.0, 0.0)


def test_the_quick_read_fills_what_the_full_read_does() -> None:
    """``read``'s one-pass tick (rows as last read) against the full read (``_read_ready``
    cleared before every read), over moves, removes, re-adds, new bodies, steered bodies and
    writes after ``rows_changed`` in between: the same arrays, bit for bit."""
    rng = np.random.default_rng(7)
    space = make_space()
    quick, full = BodyTable(space), BodyTable(space)
    bodies: list[pymunk.Body] = []

    def add(x: float) -> None:
        body = add_body(space, quick, x)
        full.register(body)
        bodies.append(body)

    for i in range(8):
        add(float(i))
    control = pymunk.Body(body_type=pymunk.Body.KINEMATIC)
    space.add(control)
    quick.steer(control)
    full.steer(control)
    for tick in range(300):
        roll = rng.random()
        if roll < 0.1 and len(bodies) < 20:
            add(float(rng.uniform(-50, 50)))
        elif roll < 0.25:
            body = bodies[int(rng.integers(len(bodies)))]
            if body.space is space:
                space.remove(body, *body.shapes)
            else:
                space.add(body, *body.shapes)
        if roll < 0.35:  # (as the world says it after adding or removing bodies, and now and then besides)
            for table in (quick, full):
                table.rows_changed()
        for body in bodies:
            if body.space is space and rng.random() < 0.5:
                body.velocity = tuple(rng.normal(0.0, 30.0, 2))
                body.angular_velocity = float(rng.normal())
        control.velocity = tuple(rng.normal(0.0, 10.0, 2))
        if tick and rng.random() < 0.3:  # a write between the steps, as the horde's (after rows_changed too)
            picked = np.flatnonzero(rng.random(len(bodies)) < 0.5)
            velocities = rng.normal(0.0, 20.0, (picked.size, 2))
            quick.write_velocities(picked, velocities)
        space.step(1 / 60)
        quick.read()
        full._read_ready = False  # (always the full read)
        full.read()
        for name in ("pos", "angle", "vel", "angvel", "_row_vel", "row_to_index"):
            assert getattr(quick, name).tobytes() == getattr(full, name).tobytes(), (tick, name)


def test_the_c_accessors_read_and_write_what_the_properties_do() -> None:
    """``pose``, ``position_rotation``, ``velocity``, ``point_distance`` and ``distance_and_nearest`` (the C calls behind
    pymunk's properties, for the trolleys and the doors' braces) give the properties' very bits."""
    from hyosan.sim.physics import (
        distance_and_nearest,
        point_distance,
        pose,
        position_rotation,
        set_velocity,
        velocity,
    )

    space = make_space()
    body = pymunk.Body(10.0, 100.0)
    shapes = [pymunk.Poly.create_box(body, (20.0, 7.0)), pymunk.Circle(body, 5.0, (3.0, 1.0)),
              pymunk.Segment(body, (0.0, 0.0), (10.0, 4.0), 2.0)]
    space.add(body, *shapes)
    rng = np.random.default_rng(5)
    for _ in range(50):
        body.position = tuple(rng.uniform(-100.0, 100.0, 2))
        body.angle = float(rng.uniform(-10.0, 10.0))
        set_velocity(body, *rng.uniform(-50.0, 50.0, 2).tolist())
        space.step(1 / 60)
        assert pose(body) == (*body.position, body.angle)
        assert position_rotation(body) == (*body.position, *body.rotation_vector)
        assert velocity(body) == tuple(body.velocity)
        for x, y in rng.uniform(-130.0, 130.0, (20, 2)).tolist():
            assert [point_distance(sh, x, y) for sh in shapes] == [sh.point_query((x, y)).distance for sh in shapes]
            assert [distance_and_nearest(sh, x, y) for sh in shapes] == \
                [(q.distance, q.point.x, q.point.y) for q in (sh.point_query((x, y)) for sh in shapes)]


def _colliding_scene() -> tuple[pymunk.Space, list[pymunk.Body]]:
    """Circles thrown at each other and at a wall, with a joint: contacts, arbiters and a solver."""
    space = make_space()
    add_wall_box(space, 60.0, -40.0, 80.0, 40.0)
    bodies = []
    for i in range(8):
        body = pymunk.Body(2.0, pymunk.moment_for_circle(2.0, 0.0, 5.0))
        body.position = (7.0 * i, 0.5 * i)
        body.velocity = (40.0 + 9.0 * i, -3.0 * i)
        space.add(body, pymunk.Circle(body, 5.0))
        bodies.append(body)
    add_floor_friction(space, bodies[0])
    return space, bodies


def test_teleport_sets_what_the_properties_do() -> None:
    # The C setters with a reused zero cpVect: the same position, transform and velocity as the
    # properties, body after body, and the zero stays zero.
    rng = np.random.default_rng(3)
    positions = rng.normal(0.0, 300.0, (12, 2))
    positions[0] = (-0.0, 0.0)
    results = []
    for by_property in (True, False):
        space, bodies = _colliding_scene()
        space.step(1.0 / 60.0)
        if by_property:
            for body, (x, y) in zip(bodies, positions[:8].tolist(), strict=True):
                body.position = (x, y)
                body.velocity = (0.0, 0.0)
        else:
            teleport(bodies, positions[:8])
            teleport(bodies[:4], positions[8:])
            teleport(bodies[:4], positions[:4])
        space.step(1.0 / 60.0)
        results.append([(*b.position, *b.velocity, b.angle, *b.local_to_world((1.0, 2.0))) for b in bodies])
    assert str(results[0]) == str(results[1])  # (str: -0.0 and 0.0 told apart)
