"""Decisions at sea (issue 11 item 8): the tarpaulin as a sail when the engine is stopped or as
a rain catcher in a storm, the morning's course without GPS (hold it, steer for Japan's nearest
coast or for the fleet's lights, from where the crew reckons it is), and the automatic player's
weather window. The odds move the way the sea says (seeded), the screen asks and waits, the
automatic player decides them too, and a replay repeats the run exactly."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apphelp import frames, key, make_app, number_key, sea_ashore_as_is
from game.journey import world_for
from game.levels import load_by_id, model_for
from game.narrator import Narrator
from game.scenes.sea.actions import DECISIONS, MORNING, Crew, decisions_for, sea_action
from game.sim.runner import Simulation, automatic, replaying, run_to_end
from game.sim.sea import AUTO_WAIT_SEA, TARP_RAIN, TARP_SAIL, TARP_STOWED


@pytest.fixture(scope="module")
def sea():
    return load_by_id("sea")


def _model(sea, preset, **values):
    return model_for(sea, sea.values(preset, values), world_for(sea))


def _run(model, over, n=200, seed=1, steps=None):
    auto = automatic(model)

    def policy(state):
        action = dict(auto(state))
        action.update(over(state))
        return action

    sim = Simulation(model, n, seed)
    if steps is None:
        run_to_end(sim, policy)
    else:
        for _ in range(steps):
            if sim.finished:
                break
            sim.step(policy(sim.state))
    return sim


def _share(sim, model, *names):
    return float(np.isin(sim.outcomes, [model.outcomes.index(n) for n in names]).mean())


@pytest.fixture(scope="module")
def dead_engine(sea):
    """A January crossing whose engine dies at once beyond repair: drifting, or under a
    tarpaulin sail steered south-east (downwind of the monsoon, toward Japan)."""
    model = _model(sea, "defector-winter", engine_fail_per_day=0.5, engine_fixable=0.0, report_per_day=0.0)
    out = {}
    for tarp in (TARP_STOWED, TARP_SAIL):
        sim = _run(model, lambda s, t=tarp: {"tarp": np.full(s.n, float(t)), "heading_deg": np.full(s.n, 135.0),
                                             "in_port": np.zeros(s.n)}, n=200, seed=3)
        out[tarp] = sim
    return model, out


def test_a_sail_carries_a_disabled_winter_boat_to_japan_sooner(dead_engine):
    model, out = dead_engine
    drift, sail = out[TARP_STOWED], out[TARP_SAIL]
    reached = ("landed_alive", "ashore_dead", "ashore_empty")
    landed = model.outcomes.index("landed_alive")
    assert _share(sail, model, "landed_alive") > _share(drift, model, "landed_alive") + 0.03
    # those that reach Japan's shore get there sooner under sail
    t_sail = np.median(sail.end_step[sail.outcomes == landed])
    t_drift = np.median(drift.end_step[drift.outcomes == landed])
    assert t_sail < t_drift
    assert _share(sail, model, *reached) >= _share(drift, model, *reached)


def test_a_sail_does_nothing_while_the_engine_runs(sea):
    model = _model(sea, "defector-summer", engine_fail_per_day=0.0)
    # (out past the harbour's post: from a cove the engine is silent while the boat is rowed out)
    runs = [_run(model, lambda s, t=t: {"tarp": np.full(s.n, float(t)), "in_port": np.zeros(s.n), "put_out": np.zeros(s.n)},
                 n=40, seed=5, steps=12) for t in (TARP_STOWED, TARP_SAIL)]
    assert np.array_equal(runs[0].state.extra["boat_x"], runs[1].state.extra["boat_x"])


def test_a_tarpaulin_spread_in_storms_catches_water(sea):
    model = _model(sea, "fishing-2017", storm_rate_winter=10.0)
    kept = [_run(model, lambda s, t=t: {"tarp": np.full(s.n, float(t)), "fish": np.ones(s.n),
                                        "turn_back": np.zeros(s.n)}, n=60, seed=2, steps=16)
            for t in (TARP_STOWED, TARP_RAIN)]
    dry, wet = (k.state.extra["water"] for k in kept)
    assert np.all(wet >= dry - 1e-9) and float(wet.mean()) > float(dry.mean()) + 1.0


@settings(max_examples=10, deadline=None)
@given(tarp=st.integers(0, 2), seed=st.integers(0, 2**16), month=st.integers(1, 12))
def test_risks_stay_probabilities_with_the_tarpaulin(sea, tarp, seed, month):
    model = _model(sea, "defector-winter", month=month, engine_fail_per_day=0.5)
    sim = Simulation(model, 20, seed)
    for _ in range(16):
        sim.step({**model.default_action, "tarp": tarp})
        assert np.all((sim.state.risk >= 0) & (sim.state.risk <= 1))
        assert np.all(sim.state.extra["water"] >= 0)


def test_the_automatic_player_sails_catches_rain_and_waits_out_heavy_seas(sea):
    model = _model(sea, "defector-winter", engine_fail_per_day=0.5, storm_rate_winter=10.0)
    sim = Simulation(model, 200, 4)
    seen_tarp, waited = set(), False
    for _ in range(60):
        a = model.auto_action(sim.state)
        e = sim.state.extra
        seen_tarp |= set(np.unique(a["tarp"]).tolist())
        assert np.all(a["tarp"][e["storm"]] == TARP_RAIN)
        heavy = ~e["storm"] & (e["wave_m"] >= AUTO_WAIT_SEA * model.heavy_sea_m())
        waited = waited or bool(np.any(a["storm_tactic"][heavy] == 1))
        sim.step(a)
        if sim.finished:
            break
    assert {TARP_SAIL, TARP_RAIN} <= seen_tarp and waited


def test_steering_by_the_reckoning(sea):
    model = _model(sea, "defector-summer")
    sim = Simulation(model, 1, 1)
    bearing, km = model.steer_for(sim.state, "japan")
    assert 60.0 <= bearing <= 200.0 and 300.0 < km < 1000.0  # from Chongjin, Japan lies east to south
    lb, lkm = model.steer_for(sim.state, "lights")
    assert 0.0 <= lb < 360.0 and lkm > 0.0
    # the course is steered from the reckoning: move the reckoned position and the bearing follows it
    x, y = sim.state.extra["est_x"][0], sim.state.extra["est_y"][0]
    sim.state.extra["est_y"][0] = y + 60.0  # the crew thinks it is 360 km further south
    b2, _ = model.steer_for(sim.state, "japan")
    assert b2 != bearing
    sim.state.extra["est_x"][0] = x


def test_the_new_moments_ask_their_choices():
    crew = Crew()
    assert decisions_for(["engine_failed"], crew)[0] == ("engine_failed", ("repair", "rig_sail", "drift"))
    assert decisions_for(["rain"], crew) == [("rain", ("catch_rain", "keep_tarp"))]
    crew.choose("catch_rain")
    assert crew.tarp == TARP_RAIN and decisions_for(["rain"], crew) == []  # spread already: not asked
    crew.choose("rig_sail")
    assert crew.tarp == TARP_SAIL and crew.repair and sea_action(crew, True)["tarp"] == TARP_SAIL
    assert set(MORNING["morning_course"]) == {"hold_course", "steer_japan", "steer_lights"}
    crew.steer(93.0)
    assert crew.heading == 95.0


def test_every_new_moment_has_words(sea):
    narrator = Narrator(sea)
    details = {"km": 300.0, "jdir": "east", "doubt": 20.0, "course": 120.0, "dir": "south-east", "fuel_km": 500.0,
               "water": 6.0, "lkm": 80.0, "ldir": "east", "days": 1.5}
    for code in ("rain", "rain_caught", "morning_course", "morning_home"):
        for lights in (0, 1):
            text = narrator.text({"step": 1, "code": code, "lights": lights, **details})
            assert text and "{" not in text, code
    assert "80 km" in narrator.text({"step": 1, "code": "morning_course", "lights": 1, **details})
    assert "rain" in DECISIONS and "tarp" in sea_action(Crew(), True)


def _crossing_at_sea(preset="defector-summer", seed=3, text_scale=None, **over):
    from game.scenes.sea.scene import PlayScene

    app = make_app(text_scale=text_scale)
    scene = PlayScene(app, load_by_id("sea"), preset, seed, over or None)
    app.push(scene)
    frames(app, 2)
    scene.set_out()
    sea_ashore_as_is(app, scene)
    key(app, number_key(2))  # alone in the dark
    return app, scene



def test_the_screen_asks_the_course_each_morning_and_steers_by_the_reckoning():
    app, scene = _crossing_at_sea()
    scene.steps_per_second = 30.0
    asked = 0
    for _ in range(3000):
        frames(app)
        if scene.sim.finished or asked >= 2:
            break
        if scene.notice is None:
            continue
        if scene.decision == "morning_course":
            assert "reckon" in scene.notice and scene.paused
            step = scene.sim.state.step
            frames(app, 4)
            assert scene.sim.state.step == step  # the voyage waits
            want = scene.model.steer_for(scene.sim.state, "japan")[0]
            key(app, number_key(2))  # steer for Japan's nearest coast
            assert abs(((scene.heading - want + 180) % 360) - 180) <= 2.5
            asked += 1
        elif scene.choices:
            key(app, number_key(1))
        else:
            scene.dismiss_notice()
    assert asked >= 1


def test_the_engine_button_becomes_the_tarpaulin_and_the_choices_are_replayed(sea):
    app, scene = _crossing_at_sea(seed=5)
    scene.sim.state.extra["engine_ok"][0] = False  # the engine has died
    scene.sim.state.extra["engine_fixable"][0] = False
    scene.crew.choose("rig_sail")
    button = next(b for b in scene.buttons if b.key == "engine")
    assert button.text().startswith("Tarpaulin") and button.active()
    button.action()
    assert scene.tarp == TARP_RAIN
    key(app, __import__("pygame").K_n)  # N: on round to stowed
    assert scene.tarp == TARP_STOWED
    scene.crew.choose("rig_sail")
    assert any(t.startswith("Tarpaulin: a sail") for _r, t in scene.observation().status)


def test_the_sail_and_the_mornings_course_are_replayed_exactly(sea):
    model = _model(sea, "defector-winter", engine_fail_per_day=0.5, engine_fixable=0.0)
    crew = Crew(heading=135.0)
    sim = Simulation(model, 1, 11)
    sim.step(sea_action(crew, True))
    for step in range(40):
        if sim.finished:
            break
        if step == 4:
            crew.steer(model.steer_for(sim.state, "japan")[0])
        if not sim.state.extra["engine_ok"][0] and crew.tarp != TARP_SAIL:
            crew.choose("rig_sail")
        sim.step(sea_action(crew, True))
    assert any(entry["action"].get("tarp") == TARP_SAIL for entry in sim.trace.entries)
    again = Simulation(model, 1, 11)
    policy = replaying(model, sim.trace)
    while again.state.step < sim.state.step and not again.finished:
        again.step(policy(again.state), record=False)
    assert [e["code"] for e in again.events(0)] == [e["code"] for e in sim.events(0)]
    assert again.state.extra["boat_x"][0] == sim.state.extra["boat_x"][0]
    assert again.state.extra["km_sailed"][0] == sim.state.extra["km_sailed"][0] > 0.0


@pytest.mark.parametrize("scale", [1.0, 1.75])
def test_the_morning_question_with_the_fleets_lights_fits_the_screen(scale):
    import pygame

    app, scene = _crossing_at_sea(text_scale=scale)
    scene.dismiss_notice()
    while scene.sim.state.step <= scene.sim.state.extra["port_steps"] or not scene.sim.state.extra["engine_running"][0]:
        scene.sim.step(scene.player_action())
    scene.model.steer_for = lambda state, what, i=0: (60.0, 50.0) if what == "lights" else (150.0, 420.0)
    scene.ask_course()
    assert scene.decision == "morning_course" and [b.key for b in scene.choices] == list(MORNING["morning_course"])
    assert "lights" in scene.notice
    notice = scene._notice_rect()
    assert pygame.Rect(0, 0, 1280, 720).contains(notice) and all(notice.contains(b.rect) for b in scene.choices)
    key(app, number_key(3))  # for the lights: north-east
    assert scene.heading == 60.0 and scene.notice is None
