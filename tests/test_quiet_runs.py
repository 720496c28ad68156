"""Runs whose events nobody reads (the debrief's replays, simulate) skip them,
and come to exactly the same results as runs that keep them."""

from __future__ import annotations

import numpy as np
import pytest

from game.journey import JourneySpec, setup_for
from game.levels import load_all
from game.sim.montecarlo import _result, run_many
from game.sim.runner import Simulation, automatic, run_to_end


@pytest.mark.parametrize("sid,preset", [(sc.id, sc.default_preset) for sc in load_all()] + [("fog", "clear-night")])
def test_a_run_without_events_comes_to_the_same_results(sid, preset):
    model = setup_for(JourneySpec(sid, preset, {}, 11)).model()
    quiet = run_many(model, 150, 11)
    sim = Simulation(model, 150, 11)  # events kept, as the game keeps them
    run_to_end(sim, automatic(model), compact=True)
    told = _result(sim)
    assert sim.state.log or sim._past_log  # it did keep events
    for name in ("codes", "hours", "end_x", "end_y"):
        np.testing.assert_array_equal(getattr(quiet, name), getattr(told, name), err_msg=name)
    assert quiet.steps == told.steps


def test_a_state_without_events_keeps_none():
    model = setup_for(JourneySpec("jsa", "historical", {}, 3)).model()
    sim = Simulation(model, 40, 3, events=False)
    run_to_end(sim, automatic(model))
    assert not sim.state.log and not sim._past_log and sim.events(0) == []
