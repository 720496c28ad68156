"""Across the line, "behind a wall on the South's side" is what the map shows: one who reaches
cover lies in the lee of a wall, the wall between him and the North, wherever along the cover
he reached it; and nothing of the run before it changes."""

from __future__ import annotations

import numpy as np
import pytest

from game.levels import load_by_id, model_for
from game.sim.jsa import AT_COVER
from game.sim.runner import Simulation
from game.world.mapdata import load_map


@pytest.fixture(scope="module")
def model():
    sc = load_by_id("jsa")
    over = {"rounds_total": 0.0, "wait_hit_share": 0.0, "wait_caught_share": 0.0}  # across unhurt
    return model_for(sc, sc.values("historical", over), load_map(sc.map_file))


def _terrain(model, x: float, y: float) -> str:
    codes, names = model.world.labels("terrain")
    return names[int(codes[int(y), int(x)])]


def test_the_wall_stands_between_the_cover_and_the_line_all_along_it(model):
    gx0, gy0, gx1, _gy1 = model.goal
    assert model.lee_y is not None and model.lee_y > gy0 > model.mdl_y
    for x in np.arange(gx0, gx1, 1.0) + 0.5:  # every column of the cover
        column = [_terrain(model, x, y) for y in range(int(model.mdl_y) + 1, int(model.lee_y))]
        assert "wall" in column, x  # a wall north of where he lies, south of the line
        assert model.f_opaque[model._tile(np.array([x]), np.array([model.lee_y]))[0]] == 0  # he lies in the open lee


def test_one_who_reaches_cover_lies_behind_the_wall(model):
    sim = Simulation(model, 1, 1)
    sim.autoplay()
    e = sim.state.extra
    assert int(e["phase"][0]) == AT_COVER and sim.outcome_of(0) == "crossed_unhurt"
    x, y = float(sim.state.x[0]), float(sim.state.y[0])
    assert y == model.lee_y
    wall_rows = [r for r in range(int(model.mdl_y) + 1, int(y)) if _terrain(model, x, r + 0.5) == "wall"]
    assert wall_rows and max(wall_rows) < y  # between him and the North
    # the ending's distance agrees with the record: about 50 m south of the line (jsa.found)
    metres = (y - model.mdl_y) * model.mpt
    assert 40 <= metres <= 55
