"""What the sea screen says is true and reads as one voice: the risk's reason when nobody
bails, the card when land comes into sight, and a ship that passes, told only after its
question and in the words of the ship that was asked about."""

from __future__ import annotations

import numpy as np
import pytest

from apphelp import make_app
from game.journey import world_for
from game.levels import load_by_id, model_for
from game.scenes.sea.actions import Crew
from game.scenes.sea.observation import status_lines
from game.sim.runner import Simulation


@pytest.fixture(scope="module")
def sea():
    return load_by_id("sea")


# ---------------------------------------------------------------- the risk's reason


def _filling(sea, bail: int, bail_per_person_day: float):
    """A leaky boat in its first steps: the water in it is the risk, bailed or not."""
    values = sea.values("fishing-2017", {"leak_per_day": 0.5, "bail_per_person_day": bail_per_person_day})
    model = model_for(sea, values, world_for(sea))
    sim = Simulation(model, 1, 5)
    action = dict(model.default_action, bail=bail)
    for _ in range(3):
        sim.step(action)
    return model, sim.state


def test_nobody_bailing_is_said_so_not_that_the_crew_bails_too_slowly(sea):
    model, state = _filling(sea, bail=0, bail_per_person_day=0.5)
    assert int(state.reason[0]) == model.R_UNBAILED and float(state.risk[0]) > 0.01
    said = model.risk_reasons[int(state.reason[0])]
    assert "nobody is bailing" in said and "faster than the crew can bail" not in said
    # the play's panel (the felt-danger hint) says the same
    lines = status_lines(model, state, 0.0, 0.0, [], True)
    assert ("danger", said) in lines


def test_bailing_too_slowly_is_still_said_as_it_is(sea):
    model, state = _filling(sea, bail=1, bail_per_person_day=0.02)
    assert int(state.reason[0]) == model.R_FLOOD
    assert "faster than the crew can bail" in model.risk_reasons[model.R_FLOOD]


def test_the_reason_changes_no_risk(sea):
    """Only the sentence differs: the risk of a boat nobody bails is the water in it, as before."""
    model, state = _filling(sea, bail=0, bail_per_person_day=0.5)
    flood = float(state.extra["flood"][0])
    assert float(state.risk[0]) >= min(flood, 1.0) * 0.5 - 1e-9


# ---------------------------------------------------------------- land in sight


def _sea_scene(preset: str, seed: int, ask: bool = True):
    from game.scenes.sea.scene import PlayScene

    app = make_app()
    scene = PlayScene(app, load_by_id("sea"), preset, seed)
    app.push(scene)
    scene.set_out(ask=ask)
    return app, scene


def test_land_in_sight_and_the_landfall_read_as_one_card(sea):
    app, scene = _sea_scene("defector-summer", 3, ask=False)
    for _ in range(3):
        scene.step_once()
    scene.dismiss_notice()
    sim = scene.sim
    one = np.ones(1, bool)
    # the coast seen puts the reckoning right, and the landfall is asked, in the same step
    sim.state.emit("position_fixed", one, km=np.array([20.0]), by=np.array([0]))
    sim.state.emit("japan_near", one, km=np.array([30.0]))
    scene.on_step()
    assert scene.decision == "japan_near"
    text = scene.notice
    assert text.startswith("Land in sight.") and "Japan's coast" in text
    assert text.count("Land") == 1, text  # not "Land in sight... Land: Japan's coast"


# ---------------------------------------------------------------- a ship that passes


def _play_hiding(preset: str, seed: int, ask: bool, speed_i: int = 0, time_scale: float = 1.0, limit: int = 3000):
    """The real screen's loop at its longest frame (0.25 s): every question answered, a ship's by
    staying dark. Returns the steps at which a ship's question was asked and the passing captions."""
    app, scene = _sea_scene(preset, seed, ask)
    app.launch.time_scale = time_scale
    scene.speed_i = speed_i
    entry = scene.narrator.entry("ship_passed")
    passing = {entry.text, *(text for _when, text in entry.variants)}
    asked: dict[int, int] = {}  # step -> kind of ship asked about
    passed: list[tuple[int, str]] = []
    for _ in range(limit):
        if scene.sim.finished or scene.sim.state.step >= 60 or scene.nobody_acts():
            break  # (once nobody aboard can act, nothing is asked and the days pass quickly)
        if scene.notice is not None and scene.choices:
            keys = [b.key for b in scene.choices]
            if scene.decision == "ship_sighted":
                asked[scene.sim.state.step] = int(scene.sim.state.extra["in_sight"][0])
            scene.take_choice(keys.index("hide") if "hide" in keys else len(keys) - 1)
            continue
        if scene.notice is not None:
            scene.dismiss_notice()
            continue
        app.captions = []
        before = scene.sim.state.step
        scene.update(0.25)
        assert scene.sim.state.step - before <= 1  # a frame never steps past a question
        passed += [(scene.sim.state.step, t) for t, _s in app.captions if t in passing]
    return asked, passed


@pytest.mark.parametrize("preset,seed,ask,speed_i,scale", [
    ("fishing-2017", 3, True, 0, 1.0),   # the fleet in sight three times
    ("defector-summer", 3, False, 2, 3.0),  # the kiosk's cut, 4x and its 3x time
])
def test_a_ship_passes_only_after_its_question_and_in_its_own_words(preset, seed, ask, speed_i, scale):
    asked, passed = _play_hiding(preset, seed, ask, speed_i, scale)
    assert passed, "no ship passed: the case no longer shows what it tests"
    for step, text in passed:
        assert step - 1 in asked, (step, text, asked)  # asked at the step before it passed
        if asked[step - 1] == 0:  # the fleet's boats, not "the ship"
            assert "fishing fleet" in text and "The ship passes" not in text


def test_a_signal_for_a_ship_is_not_undone_by_the_landfall_of_the_same_moment():
    crew = Crew()
    crew.choose("signal")  # a Japanese ship in sight: signal to it
    crew.choose("run_beach")  # then, Japan's coast in sight: run in for a beach
    assert crew.signal and crew.landfall == 1
    crew = Crew()
    crew.choose("make_harbour")
    assert not crew.signal
    crew.choose("wait_coastguard")
    assert crew.signal
