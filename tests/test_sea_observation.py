"""The sea screen's observation: what it shows, built from the model without pygame."""

from __future__ import annotations

import subprocess
import sys

import pytest

from game.journey import world_for
from game.levels import load_by_id, model_for
from game.scenes.sea.actions import Crew, sea_action
from game.scenes.sea.observation import compass, date_after, day_text, forecast_lines, observe, wind_from_deg
from game.sim.runner import Simulation


def test_the_observation_loads_without_pygame():
    code = "import sys, game.scenes.sea.observation, game.scenes.sea.actions; print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_dates_and_directions():
    assert date_after(1, 31) == (1, 2) and date_after(12, 31) == (1, 1)
    assert compass(0) == "north" and compass(100) == "east" and compass(350) == "north"
    assert wind_from_deg(0.0, -5.0) == pytest.approx(0.0)  # blowing south: a north wind
    assert day_text(11, 30.0).startswith("Day 2 · 2 ")


@pytest.fixture(scope="module")
def sim():
    sc = load_by_id("sea")
    values = sc.values("defector-summer")
    model = model_for(sc, values, world_for(sc))
    s = Simulation(model, 1, 5)
    crew = Crew(heading=120.0)
    for _ in range(6):
        s.step(sea_action(crew, crossing=True))
    return model, s


def test_the_observation_follows_the_boat_and_says_what_is_aboard(sim):
    model, s = sim
    fc = forecast_lines(model.forecast(s.state, 3, members=40, storms=True))
    obs = observe(model, s, 120.0, True, 6, "Across the sea", fc, danger_hint=False)
    e = s.state.extra
    # at sea, without GPS, the boat is where the crew reckons it, with a ring of doubt around it
    assert obs.reckoned and obs.boat == (float(e["est_x"][0]), float(e["est_y"][0])) and obs.track[-1] == obs.boat
    assert obs.boat != (float(e["boat_x"][0]), float(e["boat_y"][0]))
    assert obs.ring_tiles * model.km_tile == pytest.approx(float(e["drift_km"][0]))
    assert e["reckon_km"][0] <= e["drift_km"][0] + 1e-6  # the truth is inside the ring
    assert len(obs.track) >= 1 and obs.crewed
    assert any(t.startswith("No GPS") for _role, t in obs.status)
    assert obs.title.startswith("Day 2")
    texts = [t for _role, t in obs.status]
    assert texts[0].startswith("Aboard: ") and any("Course 120°" in t for t in texts)
    assert texts[-len(fc):] == fc and fc[0].startswith("Forecast")
    before = observe(model, s, 120.0, False, 6, "Across the sea", [], danger_hint=False)
    assert before.status == () and before.title == "Across the sea"


def test_a_decisions_buttons_sit_side_by_side_or_stack_when_narrow():
    from game.scenes.sea.layout import MIN_TOUCH, choice_rects

    def lines_of(text, width):  # a stand-in font: 10 px a character
        return -(-len(text) * 10 // max(1, width))

    wide = choice_rects(0, 0, 700, ["Signal", "Stay dark and hidden"], lines_of, 20)
    assert len({r.y for r in wide}) == 1 and all(r.height >= MIN_TOUCH for r in wide)
    assert not wide[0].colliderect(wide[1])
    narrow = choice_rects(0, 0, 300, ["Heave to, bow to the sea", "Run before the seas", "Hold the course"], lines_of, 20)
    assert len({r.x for r in narrow}) == 1 and narrow[1].top > narrow[0].bottom and narrow[2].top > narrow[1].bottom
    assert choice_rects(0, 0, 300, [], lines_of, 20) == []
