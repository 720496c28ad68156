"""Stepping only the travellers still going changes no result.

The runner drops finished travellers from the arrays it steps (every few
steps) and hands the model a generator that draws every number for all the
travellers, then gives the model its part: so each traveller meets exactly
the luck it would have met. Proved two ways, for every scenario and preset:
against results recorded from the code before the change (while the models
are unchanged since; ``python tests/test_compaction.py --record`` records
them again), and against the same run stepped without compaction.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from game.journey import JourneySpec, setup_for
from game.levels import load_all
from game.sim.montecarlo import run_many
from game.sim.runner import Simulation, automatic, run_to_end

RECORD = Path(__file__).parent / "data" / "replay_results.json"
MODELS = ("fog", "sea", "jsa", "overland", "model", "dmzgrid")
N, SEEDS = 300, (7, 2024)


def cases() -> list[tuple[str, str]]:
    return [(sc.id, preset) for sc in load_all() for preset in sc.presets]


def models_hash() -> str:
    root = Path(__file__).resolve().parent.parent / "game" / "sim"
    h = hashlib.sha256()
    for name in MODELS:
        h.update((root / f"{name}.py").read_bytes())
    return h.hexdigest()[:16]


def fingerprint(result) -> dict:
    h = hashlib.sha256()
    for a in (result.codes, result.hours, result.end_x, result.end_y):
        h.update(np.ascontiguousarray(a).tobytes())
    return {"counts": [int(c) for c in result.counts], "steps": int(result.steps), "sha": h.hexdigest()[:20]}


def run(sid: str, preset: str, seed: int, **kw):
    setup = setup_for(JourneySpec(sid, preset, {}, seed))
    return run_many(setup.model(), N, seed, **kw)


@functools.lru_cache(maxsize=None)
def stepped(sid: str, preset: str, seed: int, compact: bool = True) -> dict:
    """The fingerprint of a run, compacted (as run_many does for N travellers) or
    not; kept, so that the two tests below share the compacted run of a seed when
    they run in one process (read only)."""
    return fingerprint(run(sid, preset, seed, compact=compact))


def record() -> None:
    data = {"models": models_hash(), "n": N, "results": {}}
    for sid, preset in cases():
        for seed in SEEDS:
            data["results"][f"{sid}/{preset}/{seed}"] = fingerprint(run(sid, preset, seed))
            print(sid, preset, seed, data["results"][f"{sid}/{preset}/{seed}"]["counts"], flush=True)
    RECORD.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")


@pytest.mark.parametrize("sid,preset", cases())
def test_results_are_those_recorded_before_compaction(sid, preset):
    data = json.loads(RECORD.read_text())
    if data["models"] != models_hash():
        pytest.skip("the models changed since the recording: the comparison with "
                    "uncompacted stepping below still holds; record again with "
                    "`python tests/test_compaction.py --record` (on the uncompacted code's results)")
    for seed in SEEDS:
        assert stepped(sid, preset, seed) == data["results"][f"{sid}/{preset}/{seed}"], (sid, preset, seed)


@pytest.mark.parametrize("sid,preset", cases())
def test_compacted_stepping_equals_stepping_everyone(sid, preset):
    seed = SEEDS[0]
    assert stepped(sid, preset, seed, compact=True) == stepped(sid, preset, seed, compact=False)


if __name__ == "__main__" and "--record" in sys.argv:
    record()


def test_the_runner_does_compact_and_traveller_zero_keeps_its_outcome():
    from game.sim.runner import Simulation, automatic, run_to_end

    setup = setup_for(JourneySpec("sea", "fishing-2017", {}, 7))
    model = setup.model()
    sim = Simulation(model, N, 7)
    run_to_end(sim, automatic(model))
    assert sim.rows is not None and sim.state.n < N  # only some rows were stepped at the end
    assert sim.outcomes.shape == (N,) and (sim.outcomes >= 0).all()
    assert sim.outcome_of(0) == model.outcomes[run(*("sea", "fishing-2017", 7), compact=False).codes[0]]


def test_a_subset_generator_gives_each_row_its_own_numbers():
    from game.sim.runner import SubsetGenerator

    rows = np.array([1, 4, 5, 9, 12, 13, 15, 17])
    loc = np.linspace(-1, 1, len(rows))
    draws = [
        ("random", lambda g, m: g.random((3, m)), lambda g: g.random((3, 20))[:, rows]),
        ("standard_normal", lambda g, m: g.standard_normal((m, 2)), lambda g: g.standard_normal((20, 2))[rows]),
        ("normal", lambda g, m: g.normal(loc, 2.0), lambda g: (g.normal(0.0, 1.0, 20) * 2.0)[rows] + loc),
        ("uniform", lambda g, m: g.uniform(1.0, 3.0, m), lambda g: g.uniform(1.0, 3.0, 20)[rows]),
        ("exponential", lambda g, m: g.exponential(2.0, m), lambda g: g.exponential(2.0, 20)[rows]),
        ("integers", lambda g, m: g.integers(0, 6, (m, 3)), lambda g: g.integers(0, 6, (20, 3))[rows]),
        ("no travellers' axis", lambda g, m: g.random(3), lambda g: g.random(3)),
    ]
    for name, subset, full in draws:
        ours = subset(SubsetGenerator(np.random.default_rng(5), 20, rows), len(rows))
        np.testing.assert_allclose(ours, full(np.random.default_rng(5)), rtol=0, atol=1e-12, err_msg=name)
    with pytest.raises(RuntimeError, match="poisson"):
        SubsetGenerator(np.random.default_rng(5), 20, rows).poisson(3.0, len(rows))


def test_events_survive_compaction():
    """Dropping finished travellers keeps every traveller's events, under its own index."""

    model = setup_for(JourneySpec("sea", "defector-summer", {}, 1)).model()
    whole = Simulation(model, 400, 5)
    whole._compactable = False
    run_to_end(whole, automatic(model))
    packed = Simulation(model, 400, 5)
    run_to_end(packed, automatic(model))
    assert packed.rows is not None  # it did compact
    for i in (0, 7, 123, 399):
        assert packed.events(i) == whole.events(i) and whole.events(i), i
    # event_counts: per traveller, what counting in events(i) gives, compacted or not
    for code in ("storm", "fleet_took_home", "engine_failed"):
        counts = packed.event_counts(code)
        assert (counts == whole.event_counts(code)).all(), code
        for i in (0, 7, 123, 399):
            assert counts[i] == sum(1 for e in whole.events(i) if e["code"] == code), (code, i)
    assert packed.event_counts("storm").sum() > 0
