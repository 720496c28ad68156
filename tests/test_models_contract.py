"""Every scenario's model keeps the contract of game/sim/model.py.

Generic checks over whatever levels/ holds, so a new scenario is checked
the day it is added.
"""

import numpy as np
import pytest

from game.levels import load_all, model_for
from game.sim.model import ONGOING
from game.sim.runner import ChoiceTrace, Simulation, replaying, run_to_end
from game.world.mapdata import load_map

SCENARIOS = load_all()
_worlds = {}


def model_of(sc, preset=None):
    if sc.map_file and sc.map_file not in _worlds:
        _worlds[sc.map_file] = load_map(sc.map_file)
    return model_for(sc, sc.values(preset), _worlds.get(sc.map_file))


@pytest.fixture(params=SCENARIOS, ids=[s.id for s in SCENARIOS])
def scenario(request):
    return request.param


def test_sim_package_never_imports_pygame():
    import subprocess
    import sys

    code = "import sys, game.sim.runner, game.sim.montecarlo, game.facts, game.levels\n"
    code += "".join(f"import game.sim.{sc.model}\n" for sc in SCENARIOS)
    code += "assert 'pygame' not in sys.modules, 'pygame was imported'\n"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_outcomes_match_the_scenario_file(scenario):
    model = model_of(scenario)
    assert set(model.outcomes) == set(scenario.outcomes), "every outcome needs a label and text in scenario.toml"
    for info in scenario.outcomes.values():
        assert info.get("label") and info.get("text")


def test_risk_stays_a_probability_and_autoplay_ends(scenario):
    model = model_of(scenario)
    sim = Simulation(model, 200, 7)
    while not sim.finished:
        sim.step(model.auto_action(sim.state))
        assert np.all((sim.state.risk >= 0) & (sim.state.risk <= 1))
        assert sim.state.step <= model.max_steps
    assert np.all(sim.state.outcome != ONGOING)
    assert np.all(sim.state.outcome < len(model.outcomes))


def test_same_seed_same_run_and_trace_replays(scenario):
    model = model_of(scenario)
    game = Simulation(model, 1, 11)
    while not game.finished:
        game.step(model.auto_action(game.state))
    trace = ChoiceTrace(game.trace.scenario, [dict(e) for e in game.trace.entries])
    again = Simulation(model_of(scenario), 1, 11)
    run_to_end(again, replaying(again.model, trace))
    assert again.outcome_of(0) == game.outcome_of(0)
    assert again.state.step == game.state.step
    assert again.state.x[0] == pytest.approx(game.state.x[0])


@pytest.mark.parametrize("which", ["default", "all"])
def test_presets_all_run(scenario, which):
    presets = [scenario.default_preset] if which == "default" else list(scenario.presets)
    for name in presets:
        model = model_of(scenario, name)
        sim = Simulation(model, 50, 2)
        while not sim.finished:
            sim.step(model.auto_action(sim.state))
