"""The arrow at the map's edge that points to the South's post must read in its own direction.

In play, a fat triangle pointing south-west read as pointing east (one of its sides stood
upright): the arrowhead is now longer than it is wide, with a notch at its back."""

from __future__ import annotations

import math

import pytest

from game.scenes.fog.view import arrowhead


@pytest.mark.parametrize("angle", [i * math.pi / 8 for i in range(16)])
def test_the_arrowhead_points_where_it_is_told_and_nowhere_else(angle):
    u = (math.cos(angle), math.sin(angle))
    at = (400.0, 300.0)
    tip, wing_a, notch, wing_b = arrowhead(at, u)
    along = [((x - at[0]) * u[0] + (y - at[1]) * u[1]) for x, y in (tip, wing_a, notch, wing_b)]
    # the tip leads, the notch sits between the wings and the tip, the wings trail
    assert along[0] > along[2] > along[1] and math.isclose(along[1], along[3])
    # longer than wide, so no side of it can be read as its base
    width = math.dist(wing_a, wing_b)
    length = along[0] - along[1]
    assert length > width
    # the shape's middle lies ahead of the point it hangs on, along u
    cx = sum(p[0] for p in (tip, wing_a, notch, wing_b)) / 4
    cy = sum(p[1] for p in (tip, wing_a, notch, wing_b)) / 4
    assert (cx - at[0]) * u[0] + (cy - at[1]) * u[1] > 0
