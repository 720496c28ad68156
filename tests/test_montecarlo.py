"""The Monte Carlo runner: Wilson intervals, seeding, N=1 = the game's run."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game import journey as journey_mod
from game.bench import per_traveller_loop, speedup, time_runs
from game.journey import JourneySpec, replay, setup_for
from game.levels import LevelError, load_by_id
from game.sim.montecarlo import (
    TraceError,
    run_many,
    wilson_interval,
)
from game.sim.runner import ChoiceTrace, Simulation
from toy_scenario import ToyModel, install, make_levels

PARAMS = {"hazard": 0.05, "speed": 1.0, "goal": 20}


# ---- Wilson score interval --------------------------------------------------


@pytest.mark.parametrize(
    "k, n, lo, hi",
    [
        # Newcombe (1998), Statistics in Medicine 17:857-872, table II, method 3.
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
        # Symmetric case, by hand: centre 0.5, half-width 0.2634.
        (5, 10, 0.2366, 0.7634),
    ],
)
def test_wilson_known_values(k, n, lo, hi):
    got = wilson_interval(k, n)
    assert got == pytest.approx((lo, hi), abs=5e-5)


def test_wilson_edges():
    assert wilson_interval(0, 0) == (0.0, 1.0)
    assert wilson_interval(10, 10)[1] == 1.0
    assert wilson_interval(0, 10)[0] == 0.0
    with pytest.raises(ValueError):
        wilson_interval(3, 2)
    with pytest.raises(ValueError):
        wilson_interval(-1, 2)


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 100_000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_contains_the_share(kn):
    k, n = kn
    lo, hi = wilson_interval(k, n)
    assert 0.0 <= lo <= k / n <= hi <= 1.0
    # Mirror symmetry: k successes is n-k failures.
    lo2, hi2 = wilson_interval(n - k, n)
    assert lo == pytest.approx(1 - hi2, abs=1e-12) and hi == pytest.approx(1 - lo2, abs=1e-12)


# ---- running ----------------------------------------------------------------


def play_like_the_game(seed: int) -> Simulation:
    """Step an n=1 Simulation as the game does, changing action twice."""
    sim = Simulation(ToyModel(PARAMS), 1, seed)
    while not sim.finished:
        s = sim.step_index
        action = {"pace": 2.0, "hide": True} if s < 3 else {"pace": 1.0, "hide": s > 6}
        sim.step(action)
    return sim


def test_the_games_traces_change_action():
    assert max(len(play_like_the_game(seed).trace.entries) for seed in range(12)) >= 3


@pytest.mark.parametrize("seed", range(12))
def test_n1_replay_is_the_games_run(seed):
    game = play_like_the_game(seed)
    trace = ChoiceTrace("toy", [dict(e) for e in game.trace.entries])
    result = run_many(ToyModel(PARAMS), n=1, seed=seed, trace=trace)
    assert result.outcomes[result.codes[0]] == game.outcome_of(0)
    assert result.steps == game.step_index
    assert result.hours[0] == game.end_step[0] * ToyModel.step_hours
    assert (result.end_x[0], result.end_y[0]) == (game.end_x[0], game.end_y[0])


@pytest.mark.parametrize("seed", range(5))
def test_n1_autoplay_is_the_games_autoplay(seed):
    game = Simulation(ToyModel(PARAMS), 1, seed)
    game.autoplay()
    result = run_many(ToyModel(PARAMS), n=1, seed=seed)
    assert result.outcomes[result.codes[0]] == game.outcome_of(0)
    assert (result.end_x[0], result.end_y[0]) == (game.end_x[0], game.end_y[0])


def test_same_seed_same_result_and_counts_sum():
    a = run_many(ToyModel(PARAMS), 500, 7)
    b = run_many(lambda world: ToyModel(PARAMS, world), 500, 7)
    assert np.array_equal(a.codes, b.codes) and np.array_equal(a.end_x, b.end_x)
    assert a.counts.sum() == 500 and a.shares.sum() == pytest.approx(1.0)
    c = run_many(ToyModel(PARAMS), 500, 8)
    assert not np.array_equal(a.codes, c.codes)


def test_result_contents():
    r = run_many(ToyModel(PARAMS), 400, 3)
    assert r.outcomes == ToyModel.outcomes and r.n == 400 and r.seed == 3
    assert r.codes.shape == r.end_x.shape == r.end_y.shape == r.hours.shape == (400,)
    assert set(np.unique(r.codes)) <= {0, 1, 2}
    assert not np.isnan(r.end_x).any()
    assert 0 < r.count("arrived") < 400 and 0 < r.count("stopped") < 400
    assert r.ci95("arrived") == wilson_interval(r.count("arrived"), 400)
    d = r.duration("arrived")
    assert d["p10"] <= d["median"] <= d["p90"]
    assert d["p10"] > 0 and d["p90"] <= ToyModel.max_steps * ToyModel.step_hours
    # Arrivals end at the goal; the stopped end on the way.
    assert (r.end_x[r.codes == 0] >= PARAMS["goal"]).all()
    assert (r.end_x[r.codes == 1] < PARAMS["goal"]).all()
    summary = r.summary()
    assert list(summary) == list(ToyModel.outcomes)
    assert summary["timed_out"]["count"] == 0 and summary["timed_out"]["duration_h"] is None
    assert r.steps <= ToyModel.max_steps


def test_timeout_outcome_and_progress():
    slow = dict(PARAMS, speed=0.1, hazard=0.0)  # nobody can reach the goal in time
    seen = []
    r = run_many(ToyModel(slow), 50, 1, progress=seen.append)
    assert r.count("timed_out") == 50 and r.steps == ToyModel.max_steps
    assert r.duration("timed_out")["median"] == ToyModel.max_steps * ToyModel.step_hours
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)


def test_model_without_timeout_is_stopped_not_looped_forever():
    class Endless(ToyModel):
        timeout_outcome = ""

    with pytest.raises(RuntimeError, match="max_steps"):
        run_many(Endless(dict(PARAMS, speed=0.1, hazard=0.0)), 5, 1)


def test_trace_checks():
    model = ToyModel(PARAMS)
    with pytest.raises(TraceError, match="recorded for 'sea'"):
        run_many(model, 5, 1, trace=ChoiceTrace("sea", [{"step": 0, "action": {"pace": 1.0}}]))
    with pytest.raises(TraceError, match="'sail'"):
        run_many(model, 5, 1, trace=ChoiceTrace("toy", [{"step": 0, "action": {"sail": 1.0}}]))
    with pytest.raises(TraceError, match="expected number"):
        run_many(model, 5, 1, trace=ChoiceTrace("toy", [{"step": 0, "action": {"pace": "fast"}}]))
    with pytest.raises(TraceError, match="expected yes/no"):
        run_many(model, 5, 1, trace=ChoiceTrace("", [{"step": 0, "action": {"hide": 1}}]))
    run_many(model, 5, 1, trace=ChoiceTrace("", [{"step": 0, "action": {"pace": 2, "hide": True}}]))
    with pytest.raises(ValueError):
        run_many(model, 0, 1)


def test_trace_changes_the_spread():
    careful = ChoiceTrace("toy", [{"step": 0, "action": {"pace": 1.0, "hide": True}}])
    reckless = ChoiceTrace("toy", [{"step": 0, "action": {"pace": 1.0, "hide": False}}])
    a = run_many(ToyModel(PARAMS), 2000, 5, trace=careful)
    b = run_many(ToyModel(PARAMS), 2000, 5, trace=reckless)
    assert a.share("arrived") > b.share("arrived")


def test_per_traveller_loop_matches_single_runs():
    loop = per_traveller_loop(ToyModel(PARAMS), 6, 10)
    assert loop.n == 6 and loop.counts.sum() == 6
    for i in range(6):
        one = run_many(ToyModel(PARAMS), 1, 10 + i)
        assert loop.codes[i] == one.codes[0] and loop.end_x[i] == one.end_x[0]


# ---- scenarios ----------------------------------------------------------------


def test_a_spec_runs_with_its_preset_overrides_and_map(tmp_path, monkeypatch):
    install(monkeypatch)
    journey_mod._cached_map.cache_clear()
    root = make_levels(tmp_path, with_map=True)
    scenario = load_by_id("toy", root)
    worlds = []
    real_init = ToyModel.__init__

    def spy(self, params, world=None):
        worlds.append(world)
        real_init(self, params, world)

    monkeypatch.setattr(ToyModel, "__init__", spy)
    spec = JourneySpec("toy", "tense", {"goal": 25}, 2, str(root))
    setup = setup_for(spec)
    assert setup.values == {"hazard": 0.08, "speed": 1.0, "goal": 25.0}
    result = replay(spec, 300)
    assert result.n == 300 and result.counts.sum() == 300
    replay(JourneySpec("toy", "", {}, 2, str(root)), 10)
    assert worlds[0] is not None and worlds[0] is worlds[-1]  # loaded once, cached
    assert worlds[0].width == 6 and worlds[0].properties["metres_per_tile"] == 10
    with pytest.raises(LevelError, match="no preset named 'x'"):
        replay(JourneySpec("toy", "x", {}, 2, str(root)), 10)
    with pytest.raises(LevelError, match="outside"):
        replay(JourneySpec("toy", "", {"hazard": 2}, 2, str(root)), 10)


def test_benchmark_helpers(tmp_path, monkeypatch):
    install(monkeypatch)
    root = make_levels(tmp_path)
    assert time_runs("toy", 200, 1, root=root) > 0
    vec, loop = speedup("toy", 50, root=root)
    assert vec > 0 and loop > 0
