"""The one stepping loop and the background job: progress, cancel, wait."""

from __future__ import annotations

import threading
import time

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
    assert job.task_progress == {"a": 1.0, "b": 1.0}  # each task's own bar (the model page's tornado reads one)


def test_a_task_that_ignores_progress_still_counts_as_done_when_it_returns():
    job = ReplayJob([("quiet", lambda progress, cancelled: 42), ("runs", lambda progress, cancelled: run_many(ToyModel(PARAMS), 20, 1, progress=progress))]).start()
    assert job.wait(30) and job.results["quiet"] == 42
    assert job.task_progress["quiet"] == 1.0 and job.progress == 1.0


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


class LongWalk(ToyModel):
    max_steps = 100_000


def _counting_job(sliced: bool, goal: int = 20_000):
    steps = []

    def run(progress, cancelled):
        model = LongWalk({**PARAMS, "hazard": 0.0, "goal": goal})
        return run_many(model, 20, 1, progress=lambda p: steps.append(p), cancelled=cancelled)

    return ReplayJob([("a", run)], sliced=sliced), steps


def _until_parked(job) -> bool:
    """Wait on the job (bounded), not on the clock: until its runs stand at a step's end."""
    with job._turn:
        return job._turn.wait_for(lambda: job._parked or job.done, 60)


def test_a_sliced_job_runs_only_in_its_turns():
    job, steps = _counting_job(sliced=True)
    job.start()
    assert _until_parked(job)
    assert steps == [] and not job.done  # it waits for its first turn
    for _turn in range(1000):  # a turn of 20 ms; on a loaded machine a turn may end before a step does
        job.slice(0.02)  # a turn; then held, and stopped at a step's end
        if steps:
            break
    assert _until_parked(job)
    after = len(steps)
    assert after > 0 and (job.done or job._parked)
    time.sleep(0.05)
    assert len(steps) == after  # nothing ran while held
    assert job.wait(60) and job.error is None and "a" in job.results  # waiting runs it freely


def test_a_held_job_can_be_cancelled():
    job, _ = _counting_job(sliced=True)
    job.start()
    job.cancel()
    assert job.wait(10) and job.results == {} and job.cancelled


def test_the_same_results_sliced_or_not():
    a, _ = _counting_job(sliced=True, goal=500)
    b, _ = _counting_job(sliced=False, goal=500)
    a.start()
    b.start()
    for _ in range(5):
        a.slice(0.002)
    assert a.wait(60) and b.wait(60)
    np.testing.assert_array_equal(a.results["a"].codes, b.results["a"].codes)
    np.testing.assert_array_equal(a.results["a"].hours, b.results["a"].hours)
