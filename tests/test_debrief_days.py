"""The debrief counts a crossing's days as its play does: days ashore, then days at sea from
the day the boat put out (the record carries it), so the same moment is day 1 in both; the
other journeys' debriefs count as before."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from game.journey import Journey, JourneySpec, setup_for
from game.scenes.debrief import EDGE, DebriefScene, clock_text
from game.scenes.base import W
from game.scenes.sea.observation import day_text
from game.sim.runner import Simulation


@pytest.fixture(scope="module")
def crossing():
    """A summer crossing by the automatic player, which waits ashore for a dark night first."""
    spec = JourneySpec("sea", "defector-summer", {}, 4)
    setup = setup_for(spec)
    sim = Simulation(setup.model(), 1, 4)
    sim.autoplay()
    return sim, Journey.from_simulation(sim, spec, autoplayed=True), setup


def test_the_record_carries_the_days_ashore_and_keeps_them(crossing):
    sim, journey, _setup = crossing
    assert journey.ashore_steps == int(sim.state.extra["port_steps"]) > 0
    assert journey.steps > journey.ashore_steps
    again = Journey.from_json(journey.to_json())
    assert again.ashore_steps == journey.ashore_steps
    older = journey.to_dict()
    del older["ashore_steps"]  # a record written before: read as before
    assert Journey.from_dict(older).ashore_steps is None


def test_each_moment_reads_the_same_day_in_the_debrief_as_in_play(crossing):
    sim, journey, setup = crossing
    model = sim.model
    step_h = float(model.step_hours)
    total = journey.steps * step_h
    ashore = journey.ashore_steps * step_h
    month = int(setup.values["month"])
    for s in range(journey.ashore_steps + 1, journey.steps + 1):
        hours = s * step_h
        play = day_text(month, hours, port_hours=ashore)  # "Day 1 · 9 June"
        debrief = clock_text(hours, total, ashore)  # "Day 1 at sea, hour 6"
        assert debrief.split(" at sea")[0] == play.split(" ·")[0], (s, play, debrief)
    # before it put out: ashore, in both
    assert clock_text(step_h, total, ashore).startswith("Ashore, day 1")
    assert day_text(month, step_h, ashore=True).startswith("Ashore")
    # the moments of highest risk are at sea here, and said so
    assert journey.moments and all("at sea" in clock_text(m.hours, total, ashore) for m in journey.moments)


@pytest.mark.parametrize("scale", [1.0, 1.75])
def test_the_strip_labels_fit_under_the_strip(crossing, scale):
    from game.ui import fonts

    _sim, journey, setup = crossing
    before = fonts.get_scale()
    fonts.set_scale(scale)
    try:
        fs = fonts.font("small")
        plot_w = round((W - 2 * EDGE) * 0.5) - 24  # the strip under the journey's map
        stub = SimpleNamespace(ashore_hours=journey.ashore_steps * float(setup.model().step_hours))
        total = journey.steps * float(setup.model().step_hours)
        left, right = DebriefScene.strip_labels(stub, total, plot_w, fs)
        assert left.startswith("Ashore") and "at sea" in right
        assert fs.size(left)[0] + fs.size(right)[0] < plot_w
    finally:
        fonts.set_scale(before)


def test_the_other_journeys_count_as_before():
    spec = JourneySpec("jsa", "historical", {}, 1)
    sim = Simulation(setup_for(spec).model(), 1, 1)
    sim.autoplay()
    journey = Journey.from_simulation(sim, spec, autoplayed=True)
    assert journey.ashore_steps is None and "ashore_steps" not in journey.to_dict()
    assert clock_text(50.0, 60.0) == "Day 3, hour 2"
    assert clock_text(1.25, 3.0) == "Hour 1:15"
    assert clock_text(14 / 3600, 60 / 3600) == "Second 14"
