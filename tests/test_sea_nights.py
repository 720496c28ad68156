"""The nights at sea of a crossing (issue 11 item 8): motor on with a watch kept in turns (the crew
tires, night after night), or stop, lie to the sea anchor and all sleep, dark or with a lamp lit.
The model's odds move as the sea says, the automatic player decides by its rule, the screen asks
each evening and the replay repeats the answer. And a cargo ship on the open sea: signal to it or keep
away (many pass a small boat by)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apphelp import frames, key, make_app, number_key, sea_ashore_as_is
from game.journey import world_for
from game.levels import load_by_id, model_for
from game.scenes.sea.actions import NIGHT, Crew, sea_action
from game.sim.runner import Simulation, automatic, run_to_end
from game.sim.sea import MERCHANT, NIGHT_LAMP, NIGHT_NONE, NIGHT_SLEEP, NIGHT_WATCH

N = 400


@pytest.fixture(scope="module")
def sea():
    return load_by_id("sea")


def _run(sea, preset, night, n=N, seed=1, **values):
    """n boats of the automatic player, with every night as ``night`` (None: the player's own rule)."""
    model = model_for(sea, sea.values(preset, values), world_for(sea))
    auto = automatic(model)

    def policy(state):
        action = dict(auto(state))
        if night is not None:
            action["night"] = float(night)
        return action

    sim = Simulation(model, n, seed, events=False)
    run_to_end(sim, policy)
    o = sim.outcomes
    return {name: float((o == i).mean()) for i, name in enumerate(model.outcomes)}, sim


@pytest.fixture(scope="module")
def summer(sea):
    return {night: _run(sea, "defector-summer", night)[0] for night in (NIGHT_WATCH, NIGHT_SLEEP, NIGHT_LAMP)}


def test_stopping_for_the_night_in_the_watched_waters_gets_more_boats_taken_back(summer):
    # Stopped, the boat drifts where the patrols search; a lamp brings them straight to it.
    assert summer[NIGHT_SLEEP]["turned_back"] > summer[NIGHT_WATCH]["turned_back"] + 0.1
    assert summer[NIGHT_LAMP]["turned_back"] > summer[NIGHT_SLEEP]["turned_back"] + 0.1
    assert summer[NIGHT_WATCH]["landed_alive"] > summer[NIGHT_SLEEP]["landed_alive"]


def test_night_after_night_of_watches_wears_a_winter_crew_down(sea):
    """The same boats and the same luck, the watches costing nothing or as the model has them: the
    tired crew feels the cold more and bails slower, and more people die."""
    def deaths(**values):
        _o, sim = _run(sea, "defector-winter", NIGHT_WATCH, n=300, **values)
        return float((sim.model.p["crew"] - sim.state.extra["crew_alive"]).mean())

    assert deaths() > deaths(watch_cold_c=0.0, watch_work_share=1.0)


def test_the_night_rule_is_only_a_crossings_and_no_night_changes_a_fishing_crew(sea):
    model = model_for(sea, sea.values("fishing-2017", {}), world_for(sea))
    sim = Simulation(model, 50, 1)
    a = model.auto_action(sim.state)
    assert np.all(a["night"] == NIGHT_NONE)
    plain, _s = _run(sea, "fishing-2017", None, n=200)
    slept, _s = _run(sea, "fishing-2017", NIGHT_LAMP, n=200)
    assert plain == slept  # the 2017 count's crews are never asked: the calibration stands


def test_the_automatic_player_sleeps_only_in_the_open_sea_after_two_nights_of_watches(sea):
    model = model_for(sea, sea.values("defector-summer", {}), world_for(sea))
    sim = Simulation(model, 200, 2)
    policy = automatic(model)
    slept_where = []
    for _ in range(120):
        if sim.finished:
            break
        a = policy(sim.state)
        e = sim.state.extra
        night = (e["days"] % 1.0) >= 0.5 - 1e-9
        sleeping = night & (np.asarray(a["night"]) == NIGHT_SLEEP) & sim.state.active
        if sleeping.any():
            ix, iy, _ = model._cells(e["boat_x"], e["boat_y"])
            slept_where.extend(model.d_nk_km[iy, ix][sleeping])
        sim.step(a)
    assert slept_where and min(slept_where) >= model.p["nk_waters_km"]


@settings(max_examples=20, deadline=None)
@given(night=st.integers(0, 3), tired=st.floats(0.0, 12.0))
def test_risks_stay_probabilities_whatever_the_night(sea, night, tired):
    model = model_for(sea, sea.values("defector-winter", {}), world_for(sea))
    sim = Simulation(model, 8, 3)
    sim.state.extra["tired"][:] = tired
    for _ in range(6):
        sim.step({**model.auto_action(sim.state), "in_port": 0, "night": night})
        assert np.all((sim.state.risk >= 0) & (sim.state.risk <= 1))
        assert np.all(sim.state.extra["flood"] <= 1.0)


def test_a_lamp_is_a_signal_at_night_only():
    crew = Crew()
    crew.choose("night_lamp")
    assert sea_action(crew, crossing=True)["night"] == NIGHT_LAMP
    assert sea_action(crew, crossing=True)["signal"] == 0  # by day the crew's own signal holds
    assert sea_action(crew, crossing=False)["night"] == 0
    crew.choose("night_watch")
    assert sea_action(crew, crossing=True)["night"] == NIGHT_WATCH



def test_the_screen_asks_each_evening_and_the_replay_repeats_the_night():
    from game.scenes.sea.scene import PlayScene
    from game.sim.runner import replaying

    app = make_app()
    scene = PlayScene(app, load_by_id("sea"), "defector-summer", 3)
    app.push(scene)
    frames(app, 2)
    scene.set_out()
    sea_ashore_as_is(app, scene)
    key(app, number_key(2))  # alone in the dark
    scene.steps_per_second = 30.0
    asked = []
    for _ in range(4000):
        frames(app)
        if scene.sim.finished or len(asked) >= 3:
            break
        if scene.notice is None:
            continue
        if scene.decision == "night_at_sea":
            assert scene.paused and "lamp" in scene.notice
            assert float(scene.sim.state.extra["days"][0]) % 1.0 == pytest.approx(0.5)
            assert [b.key for b in scene.choices] == list(NIGHT["night_at_sea"])
            step = scene.sim.state.step
            frames(app, 3)
            assert scene.sim.state.step == step  # the voyage waits for the answer
            answer = 2 if not asked else 1  # the first night asleep, then watches
            key(app, number_key(answer))
            asked.append(step)
            assert scene.crew.night == (NIGHT_SLEEP if answer == 2 else NIGHT_WATCH)
            if answer == 2:
                frames(app, 2)
                assert any("asleep" in text for _r, text in scene.observation().status)
        elif scene.choices:
            key(app, number_key(1))
        else:
            scene.dismiss_notice()
    assert len(asked) >= 2
    assert any("tired" in text for _r, text in scene.observation().status) or scene.sim.finished
    # The night's answer is in the record: replayed, one traveller is the player's own run.
    sim = scene.sim
    assert any(entry["action"].get("night") == NIGHT_SLEEP for entry in sim.trace.entries)
    again = Simulation(scene.model, 1, scene.seed)
    policy = replaying(scene.model, sim.trace)
    while again.state.step < sim.state.step and not again.finished:
        again.step(policy(again.state), record=False)
    assert again.state.extra["boat_x"][0] == sim.state.extra["boat_x"][0]
    assert again.state.extra["tired"][0] == sim.state.extra["tired"][0]


def test_the_kiosk_cut_asks_no_night():
    from game.scenes.sea.scene import PlayScene

    app = make_app()
    scene = PlayScene(app, load_by_id("sea"), "defector-summer", 3)
    app.push(scene)
    frames(app, 2)
    scene.set_out(ask=False)
    for _ in range(12):
        scene.sim.step(scene.player_action())
        assert scene.night_question() is None


@pytest.mark.parametrize("scale", [1.0, 1.75])
def test_the_night_question_fits_at_800x600(scale):
    from game.scenes.sea.scene import PlayScene

    app = make_app(text_scale=scale, window=(800, 600))
    scene = PlayScene(app, load_by_id("sea"), "defector-summer", 3)
    app.push(scene)
    frames(app, 2)
    scene.set_out(ask=False)
    scene.short = False
    while float(scene.sim.state.extra["days"][0]) % 1.0 != 0.5 or scene.sim.state.step <= scene.sim.state.extra["port_steps"]:
        scene.sim.step(scene.player_action())
    scene.ask_night()
    assert scene.decision == "night_at_sea"
    frames(app, 2)
    rect = scene._notice_rect()
    from game.scenes.base import H, W

    assert rect.right <= W and rect.bottom <= H
    for b in scene.choices:
        assert rect.contains(b.rect)


# ---------------------------------------------------------------- a cargo ship on the open sea

def _ships(sea, answer, n=300, seed=1):
    """Crossings with cargo ships about (their rate raised so that most boats meet one), the crew
    signalling to every cargo ship in sight or keeping away from it; otherwise the automatic player."""
    model = model_for(sea, sea.values("defector-summer", {"merchant_per_day": 0.4}), world_for(sea))
    auto = automatic(model)
    seen_nk_km = []

    def policy(state):
        action = dict(auto(state))
        ship = state.extra["in_sight"] == MERCHANT
        if ship.any():
            ix, iy, _ = model._cells(state.extra["boat_x"], state.extra["boat_y"])
            seen_nk_km.extend(model.d_nk_km[iy, ix][ship])
        action["signal"] = np.where(ship, float(answer), action["signal"])
        return action

    sim = Simulation(model, n, seed)
    run_to_end(sim, policy, compact=False)  # every row kept: the state is read per traveller below
    o = sim.outcomes
    return {name: float((o == i).mean()) for i, name in enumerate(model.outcomes)}, sim, seen_nk_km


def test_a_cargo_ship_signalled_takes_more_crews_aboard_and_never_comes_into_the_norths_waters(sea):
    signal, sim, seen = _ships(sea, 1)
    hide, _sim, _seen = _ships(sea, 0)
    assert signal["rescued_at_sea"] > hide["rescued_at_sea"] + 0.1
    assert signal["landed_alive"] < hide["landed_alive"]  # a ship that stops ends the crossing at its next port
    assert seen and min(seen) >= sim.model.p["nk_waters_km"]
    by_ship = np.array([any(ev["code"] == "rescued_ship" for ev in sim.events(i)) for i in range(sim.n)])
    assert by_ship.any()
    # A crew taken off by a cargo ship is not one of the cases Japan's coast guard counts (rescued_by 1).
    rows = np.flatnonzero(by_ship)
    assert np.all(sim.state.extra["rescued_by"][rows] == 2)


def test_the_screen_asks_signal_or_keep_away_for_a_cargo_ship():
    from game.scenes.sea.actions import decisions_for
    from game.scenes.sea.scene import PlayScene

    crew = Crew()
    assert decisions_for(["ship_sighted"], crew, {"ship_sighted": {"kind": MERCHANT}}, crossing=True)[0][1] == (
        "signal", "hide")
    app = make_app()
    scene = PlayScene(app, load_by_id("sea"), "defector-summer", 3)
    app.push(scene)
    frames(app, 2)
    scene.set_out(ask=False)
    sim = scene.sim
    while sim.state.step <= sim.state.extra["port_steps"] + 1:
        sim.step(scene.player_action())
    scene.on_step()
    scene.dismiss_notice()
    sim.state.extra["in_sight"][0] = MERCHANT
    sim.state.emit("ship_sighted", np.ones(1, bool), kind=np.array([MERCHANT]), km=np.array([300.0]),
                   how=np.array([0]))
    scene.on_step()
    assert scene.decision == "ship_sighted" and "cargo ship" in scene.notice
    assert [b.key for b in scene.choices] == ["signal", "hide"]
    scene._obs_key = None
    assert any(text == "In sight: a cargo ship" for _r, text in scene.observation().status)
    key(app, number_key(1))
    assert scene.crew.signal
