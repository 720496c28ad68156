"""The overland screen's observation and layout: plain Python, no window."""

import subprocess
import sys

import numpy as np

from game.journey import world_for
from game.levels import load_by_id, model_for
from game.scenes.overland import layout as lay
from game.scenes.overland.observation import observe, where_of
from game.sim.runner import Simulation


def test_actions_observation_and_layout_load_without_pygame():
    code = ("import sys, game.scenes.overland.actions, game.scenes.overland.observation, "
            "game.scenes.overland.layout; print('pygame' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _sim(**overrides):
    sc = load_by_id("overland")
    values = sc.values("thailand-2017", overrides)
    model = model_for(sc, values, world_for(sc))
    return model, values, Simulation(model, 1, 3)


def test_the_observation_follows_the_traveller_from_the_river_into_china():
    model, values, sim = _sim(start_in_china=0)
    choice = dict(model.default_action)
    obs = observe(model, sim.state, values, choice, felt_danger=True)
    assert obs.where == "river" and "North Korea" in obs.header[0][1]
    assert len(obs.places) == len(model.places) and len(obs.roads) == len(model.legs)
    assert obs.near[0] == model.places[model.start_node].id
    for _ in range(40):
        sim.step(dict(choice, activity=1))
        if not sim.state.active[0] or where_of(model, sim.state)[0] == "place":
            break
    obs = observe(model, sim.state, values, choice, felt_danger=True)
    if sim.state.active[0]:
        assert obs.where == "place" and obs.header[0][1].endswith(model.places[obs.node].label)
        assert obs.header[2][2] in ("danger", "warning", "good")  # the felt-danger line, with its tone


def test_the_layout_keeps_the_parts_apart_at_every_size():
    for scale in (1.0, 1.25, 1.5, 1.75):
        parts = lay.layout(1280, 720, scale, round(24 * scale))
        jx, jy, jw, jh = parts.journal
        mx, my, mw, mh = parts.map
        px, py, pw, ph = parts.panel
        assert my + mh < jy and jy + jh <= 720 and mx + mw < px and px + pw <= 1280
        assert 0 < parts.inset_size <= min(mw, mh) * 0.42 + 1
    box = lay.inset_box((12, 12, 588, 500), 200, (580, 500))  # the traveller under the corner
    assert box[1] == 20
    assert np.isclose(lay.inset_box((12, 12, 588, 500), 200, (100, 100))[1], 12 + 500 - 208)


def test_the_date_turns_into_the_next_year():
    from game.scenes.overland.observation import header_lines

    # No raids, no traffickers, money enough: she is still in hiding on day 313.
    model, values, sim = _sim(start_in_china=1, month=5, raid_daily=0.0, trafficked_share=0.0, start_money=50000)
    for _ in range(312):
        sim.step(dict(model.default_action, activity=0), record=False)
    assert sim.state.active[0]
    date = header_lines(model, sim.state, values, False)[0][1]
    assert "March 2018" in date, date


def test_an_asking_price_is_never_under_the_real_one():
    from game.scenes.overland.observation import asking_price

    assert asking_price(4040) == "$4,100" and asking_price(4000) == "$4,000"  # ($4,023 cannot pay "about $4,000")
    assert asking_price(8081) == "$8,100" and asking_price(718) == "$750" and asking_price(13_467) == "$14,000"
