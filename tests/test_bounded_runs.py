"""simulate --runs: bounded memory, refused when too large, progress on a terminal."""

from __future__ import annotations

import io
import json
import tracemalloc

import numpy as np
import pytest

from game.levels import load_by_id, model_for
from game.sim import bounded
from game.sim.bounded import RunsError, Tally, check_runs, run_bounded
from game.sim.montecarlo import run_many
from game.simulate_cmd import main
from toy_scenario import install, make_levels


@pytest.fixture
def toy(tmp_path, monkeypatch):
    install(monkeypatch)
    root = make_levels(tmp_path / "levels")
    sc = load_by_id("toy", root)
    return root, model_for(sc, sc.values())


def test_tally_summary_equals_the_full_result(toy):
    _, model = toy
    result = run_many(model, 700, 3)
    tally = Tally(tuple(model.outcomes), model.step_hours, 3)
    tally.add(result)
    want, got = result.summary(), tally.summary()
    for oid in model.outcomes:
        assert got[oid]["count"] == want[oid]["count"]
        assert got[oid]["ci95"] == pytest.approx(want[oid]["ci95"])
        if want[oid]["duration_h"] is None:
            assert got[oid]["duration_h"] is None
        else:
            assert got[oid]["duration_h"] == pytest.approx(want[oid]["duration_h"])


def test_a_count_within_one_piece_is_the_plain_run(toy):
    _, model = toy
    a = run_bounded(model, 300, 5)
    b = run_many(model, 300, 5)
    assert np.array_equal(a.codes, b.codes)


def test_chunked_runs_repeat_exactly_and_depend_on_the_seed(toy, monkeypatch):
    _, model = toy
    monkeypatch.setattr(bounded, "CHUNK", 128)
    one, two = run_bounded(model, 1000, 7), run_bounded(model, 1000, 7)
    other = run_bounded(model, 1000, 8)
    assert isinstance(one, Tally) and one.n == 1000
    assert one.summary() == two.summary()
    assert np.array_equal(one.ends, two.ends) and not np.array_equal(one.ends, other.ends)


def test_memory_does_not_grow_with_the_runs(toy, monkeypatch):
    _, model = toy
    monkeypatch.setattr(bounded, "CHUNK", 500)

    def peak(runs):
        tracemalloc.start()
        run_bounded(model, runs, 1)
        top = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return top

    small, large = peak(1000), peak(20_000)
    assert large < small * 1.5  # 20 times the runs, about the same memory


def test_too_many_runs_are_refused_with_the_most_that_fits():
    with pytest.raises(RunsError, match="at most 100,000,000"):
        check_runs(10**9, 1000)
    with pytest.raises(RunsError) as err:
        check_runs(10_000_000, 4000, available=40 * 2**20)  # 40 MB free: 20 MB to spend
    assert "the most that fits is 5,242 runs" in str(err.value)
    check_runs(10_000_000, 4000, available=8 * 2**30)  # pieces fit: fine


def test_simulate_refuses_a_count_it_cannot_hold(toy, capsys):
    root, _ = toy
    assert main(["toy", "--runs", "1000000000", "--levels", str(root)]) == 2
    err = capsys.readouterr().err
    assert "--runs is too large: at most 100,000,000" in err and len(err.strip().splitlines()) == 1


def test_simulate_large_count_in_pieces(toy, capsys, monkeypatch):
    root, _ = toy
    monkeypatch.setattr(bounded, "CHUNK", 1000)
    assert main(["toy", "--runs", "5000", "--seed", "2", "--json", "--levels", str(root)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["runs"] == 5000 and sum(o["count"] for o in data["outcomes"].values()) == 5000


class FakeTty(io.StringIO):
    def isatty(self):
        return True


def test_progress_only_on_a_terminal_and_only_when_slow(monkeypatch):
    from game.simulate_cmd import _Progress

    tty = FakeTty()
    with _Progress(tty) as progress:
        progress(10, 100)  # too soon: nothing
    assert tty.getvalue() == ""
    monkeypatch.setattr(_Progress, "AFTER_S", 0.0)
    monkeypatch.setattr(_Progress, "EVERY_S", 0.0)
    with _Progress(tty) as progress:
        progress(4_200_000, 10_000_000)
    assert "42% (4,200,000 of 10,000,000 runs)" in tty.getvalue()
    with _Progress(io.StringIO()) as progress:
        assert progress is None  # a file or pipe: no progress at all
