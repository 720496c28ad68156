"""The one stepping loop and the background job: progress, cancel, wait."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from game.settings import MAX_REPLAYS, MIN_REPLAYS, Settings
from game.sim.jobs import ReplayJob
from game.sim.montecarlo import run_many
from game.sim.runner import Cancelled, ChoiceTrace, Simulation, automatic, replaying, run_to_end
from toy_scenario import ToyModel

PARAMS = {"hazard": 0.02, "speed": 1.0, "goal": 20}


def test_progress_rises_to_one_and_results_arrive():
    seen = []
    job = ReplayJob([
        ("a", lambda progress, cancelled: run_many(ToyModel(PARAMS), 200, 1, progress=lambda p: (seen.append(p), progress(p)))),
        ("b", lambda progress, cancelled: run_many(ToyModel(PARAMS), 200, 2, progress=progress)),
    ]).start()
    assert job.wait(30) and job.done and job.error is None
    assert set(job.results) == {"a", "b"} and job.results["a"].n == 200
    assert seen == sorted(seen) and seen[-1] == 1.0 and job.progress == 1.0
    assert job.seconds is not None


def test_cancel_stops_the_runs_at_a_step_boundary():
    started, release = threading.Event(), threading.Event()

    def slow(progress, cancelled):
        def tick(p):
            started.set()
            release.wait(5)
        return run_many(ToyModel({**PARAMS, "hazard": 0.0, "goal": 200}), 50, 1, progress=tick, cancelled=cancelled)

    job = ReplayJob([("main", slow), ("cf", slow)]).start()
    assert started.wait(10)
    job.cancel()
    release.set()
    assert job.wait(10)
    assert job.results == {} and job.error is None and job.cancelled


def test_an_error_is_kept_in_words():
    def broken(progress, cancelled):
        raise FloatingPointError("the model broke")

    job = ReplayJob([("main", broken)]).start()
    assert job.wait(10) and job.error == "the model broke"


def test_the_loop_raises_cancelled_and_replays_hand_over_to_the_automatic_player():
    model = ToyModel(PARAMS)
    sim = Simulation(model, 10, 1)
    with pytest.raises(Cancelled):
        run_to_end(sim, automatic(model), cancelled=lambda: True)
    # The recorded pace until step 4, the automatic player's from there.
    trace = ChoiceTrace("toy", [{"step": 0, "action": {"pace": 2.0, "hide": True}}])
    policy = replaying(model, trace, until=4)
    state = Simulation(model, 3, 1).state
    assert policy(state)["pace"] == 2.0
    state.step = 4
    assert np.array_equal(policy(state)["pace"], model.auto_action(state)["pace"])


def test_the_number_of_replays_is_a_setting():
    assert Settings().replays == 1000
    assert Settings(replays=5).validated().replays == MIN_REPLAYS
    assert Settings(replays=10**9).validated().replays == MAX_REPLAYS
