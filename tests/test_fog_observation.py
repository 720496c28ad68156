"""Fog on the line: the screen's pure parts (the observation, the layout), without pygame."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from game.levels import load_by_id, model_for
from game.scenes.fog import layout
from game.scenes.fog.observation import Controls, observe, timing_text
from game.sim.runner import Simulation
from game.world.mapdata import load_map


def _sim(seed: int = 5):
    sc = load_by_id("fog")
    m = model_for(sc, sc.values(sc.default_preset), load_map(sc.map_file))
    return m, Simulation(m, 1, seed)


def _prev(state):
    e = state.extra
    return float(state.x[0]), float(state.y[0]), e["guards_x"][0].copy(), e["guards_y"][0].copy()


def test_the_pure_parts_load_without_pygame():
    code = ("import sys, game.scenes.fog.observation, game.scenes.fog.layout, game.scenes.fog.actions, "
            "game.scenes.dmz.layout; print('pygame' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_observation_shows_the_state_and_only_the_guards_in_sight():
    m, sim = _sim()
    for _ in range(20):
        prev = _prev(sim.state)
        sim.step({"dx": 0.0, "dy": 1.0, "pace": 1})
    obs = observe(m, sim.state, prev, Controls(pace="crawl"))
    assert obs.player == (float(sim.state.x[0]), float(sim.state.y[0]))
    assert obs.low and not obs.climbing
    assert len(obs.guards) == int(m.guards_in_sight(sim.state)[0].sum())
    assert obs.fog_grid is not None and np.all(obs.fog_grid > 0)
    assert obs.clock.count(":") == 1 and len(obs.clock) == 5
    styles = {s for s, _t in obs.status}
    assert styles <= {"text", "dim", "warning", "danger"}
    assert any("post" in t for _s, t in obs.status)
    # the felt-danger line only with its setting
    hidden = observe(m, sim.state, prev, Controls(felt_hint=False))
    assert len(hidden.status) == len(obs.status) - 1
    assert Controls(turn_back=True) != Controls() and observe(m, sim.state, prev, Controls(turn_back=True)).status[0][0] == "warning"


def test_the_morning_timing_text_names_sunrise_then_the_lifting():
    p = {"sunrise_hour": 7.7, "burn_delay_h": 1.5}
    assert "07:42" in timing_text(p, 6.6)
    assert "09:12" in timing_text(p, 8.0) and "Sunrise" not in timing_text(p, 8.0)
    assert timing_text(p, 9.5) == ""


def test_the_compass_grows_with_the_text_and_stays_in_the_map():
    small = layout.compass_rect((0, 0, 880, 720), 1.0)
    big = layout.compass_rect((0, 0, 880, 720), 1.75)
    assert big[2] > small[2] and big[0] + big[2] < 880
    assert set(sum(layout.BUTTON_ROWS, [])) < set(layout.ORDER)
