"""`crossings calibrate`: the models against the record (the same code the report runs)."""

from __future__ import annotations

import json
import math

import pytest

from game import calibrate, cli


@pytest.fixture(scope="module")
def targets():
    return calibrate.run_targets(quick=True)


def test_every_target_passes(targets):
    failed = [(t.scenario, t.id, t.model, t.low, t.high) for t in targets if not t.passed]
    assert not failed, failed
    assert {t.scenario for t in targets} == {"jsa", "sea", "overland"}
    # every target names the record it is checked against
    from game.facts import load_registry

    reg = load_registry()
    for t in targets:
        assert t.facts and all(f in reg for f in t.facts), t.id
    # The debrief's sentence from the same targets (one test, not two: in a
    # parallel run two tests would each compute them, ~2.5 s, in their own process).
    assert "checks pass" in calibrate.summary_line(targets, "sea")
    assert "odds" in calibrate.summary_line(targets, "fog")
    assert not math.isnan(next(t.model for t in targets if t.id == "crackdown"))


def test_intervals_are_the_records():
    lo, hi = calibrate.wilson(5, 104)
    assert lo == pytest.approx(0.0207, abs=5e-4) and hi == pytest.approx(0.1076, abs=5e-4)
    lo, hi = calibrate.poisson_mean_interval(35, 10)  # exact: 24.38 - 48.68 bodies
    assert lo == pytest.approx(2.438, abs=0.02) and hi == pytest.approx(4.868, abs=0.02)


def test_a_failing_target_fails_the_command(monkeypatch, capsys):
    def broken(root, quick):
        return [calibrate.Target("jsa", "x", "A check", "1 of 1", ("jsa.hits",), 1.0, 0.5, 1.0, "range", "%", "",
                                 model=0.1)]

    monkeypatch.setattr(calibrate, "TARGETS", {"jsa": broken})
    assert cli.main(["calibrate", "--scenario", "jsa"]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "0 of 1" in out


def test_json_and_no_target_is_said(monkeypatch, capsys):
    monkeypatch.setattr(calibrate, "TARGETS", {"jsa": lambda root, quick: [
        calibrate.Target("jsa", "x", "A check", "1 of 1", ("jsa.hits",), 1.0, 0.5, 1.0, "range", "%", "", model=0.7)]})
    assert cli.main(["calibrate", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["passed"] is True and data["targets"][0]["passed"] is True
    assert "fog" in data["not_calibrated"]
    assert cli.main(["calibrate", "--scenario", "nowhere"]) == 2
