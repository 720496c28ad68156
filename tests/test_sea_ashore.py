"""Before a crossing leaves (the engine, the fuel, the papers, the night) and a North Korean
patrol met on the way (lie dark, run, show the papers): each choice changes the odds."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apphelp import frames, key, make_app
from game.levels import load_by_id, model_for
from game.sim.runner import Simulation, replaying, run_to_end
from game.sim.sea import DARK_MOON, EVADE_CLAIM, EVADE_DARK, EVADE_RUN, PREP_ENGINE, PREP_FUEL, PREP_PERMIT
from game.world.mapdata import load_map

N = 400


@pytest.fixture(scope="module")
def sea():
    sc = load_by_id("sea")
    return sc, load_map(sc.map_file)


def _sim(sea, n, seed, preset="defector-winter", **overrides):
    sc, world = sea
    return Simulation(model_for(sc, sc.values(preset, overrides), world), n, seed)


def _ashore(sim, prep, days):
    for _ in range(int(days * 4)):
        sim.step({"in_port": 1, "prep": prep})


def test_going_over_the_engine_makes_it_fail_less_at_sea(sea):
    def failures(days):
        sim = _sim(sea, N, 5, report_per_day=0.0, engine_fail_per_day=0.05)
        _ashore(sim, PREP_ENGINE, days)
        for _ in range(40):
            sim.step({"in_port": 0, "throttle": 0.55, "heading_deg": 135.0})
        return int((sim.event_counts("engine_failed") > 0).sum())

    assert failures(2) < 0.8 * failures(0)


def test_fuel_bought_ashore_fills_the_tank_and_draws_eyes(sea):
    sim = _sim(sea, N, 6, report_per_day=0.05)
    fuel0 = float(sim.state.extra["fuel_kg"][0])
    _ashore(sim, PREP_FUEL, 2)
    m = sim.model
    going = sim.state.outcome == -1
    assert np.allclose(sim.state.extra["fuel_kg"][going], fuel0 + 2 * m.p["market_fuel_kg_per_day"])
    busy = float((sim.state.outcome == m.code("turned_back")).mean())
    quiet = _sim(sea, N, 6, report_per_day=0.05)
    _ashore(quiet, 0, 2)
    assert busy > float((quiet.state.outcome == m.code("turned_back")).mean())
    codes = {c for _s, c, _i, _d in sim.state.log}
    assert {"prep_day", "reported_ashore"} <= codes


def _met_by_patrols(sea, evade, papers=False, seed=8, bribe=0, **overrides):
    """Boats lying off the North's coast, engine off, met by a busy watch; what they do when one comes
    (running starts the engine)."""
    sim = _sim(sea, N, seed, report_per_day=0.0, nk_rescue_per_day=3.0, **overrides)
    if papers:
        _ashore(sim, PREP_PERMIT, sim.model.p["permit_days"])
        assert sim.state.extra["permit"].all()
    for _ in range(8):
        sim.step({"in_port": 0, "throttle": 0.0, "signal": 0, "evade": evade, "bribe": bribe})
    return float((sim.state.outcome == sim.model.code("turned_back")).mean()), sim


def test_the_papers_make_the_fishing_story_hold(sea):
    without, _ = _met_by_patrols(sea, EVADE_CLAIM)
    with_papers, sim = _met_by_patrols(sea, EVADE_CLAIM, papers=True)
    assert with_papers < without - 0.1
    assert any(ev["code"] == "ship_passed" and ev.get("how") == EVADE_CLAIM
               for i in range(N) for ev in sim.events(i))


def test_how_the_crew_meets_a_patrol_changes_the_odds(sea):
    dark, _ = _met_by_patrols(sea, EVADE_DARK)
    run, _ = _met_by_patrols(sea, EVADE_RUN)
    claim, _ = _met_by_patrols(sea, EVADE_CLAIM)
    assert len({round(dark, 2), round(run, 2), round(claim, 2)}) == 3
    # a patrol that catches runners more often takes more of them back
    slow, _ = _met_by_patrols(sea, EVADE_RUN, nk_run_stop=0.9)
    assert slow > run


def test_a_moonless_night_hides_a_boat_from_the_watch(sea):
    def sightings(moon_age):
        sim = _sim(sea, N, 9, report_per_day=0.0, moon_age_days=moon_age)
        for _ in range(4):
            sim.step({"in_port": 0, "throttle": 0.0, "signal": 0, "evade": EVADE_DARK})
        return sum(1 for i in range(N) for ev in sim.events(i) if ev["code"] == "ship_sighted" and ev["kind"] == 1)

    assert sightings(0.0) < 0.8 * sightings(14.8)


@settings(max_examples=30, deadline=None)
@given(age=st.floats(0.0, 29.5), hours=st.floats(0.0, 2000.0))
def test_the_moon_is_lit_between_none_and_full_and_dark_when_promised(sea, age, hours):
    sim = _sim(sea, 1, 1, moon_age_days=age)
    sim.state.hours[:] = hours
    lit = float(sim.model.moonlight(sim.state)[0])
    assert 0.0 <= lit <= 1.0
    wait = sim.model.days_to_dark(sim.state)
    assert 0 <= wait <= 30 and float(wait).is_integer()
    sim.state.hours[:] = hours + 24.0 * wait  # the wait is in whole days: a little past the dark's start
    assert float(sim.model.moonlight(sim.state)[0]) <= DARK_MOON + 0.05


def test_the_automatic_player_prepares_and_meets_patrols(sea):
    sim = _sim(sea, 50, 3)
    m = sim.model
    first = m.auto_action(sim.state)
    assert first["in_port"] == 1 and first["prep"] == PREP_ENGINE  # a 20-year-old engine is gone over first
    run_to_end(sim, lambda s: m.auto_action(s))
    codes = {c for _s, c, _i, _d in sim.state.log}
    assert {"prep_day", "engine_overhauled"} <= codes
    assert sim.state.extra["port_steps"] >= 4 * m.p["overhaul_days"]
    # a patrol in sight: it lies dark (it has no papers), unless it is disabled and signals for help
    sim.state.extra["in_sight"][:] = 1
    a = m.auto_action(sim.state)
    dark = np.asarray(a["evade"]) == EVADE_DARK
    assert dark.any() and (dark | (np.asarray(a["signal"]) == 1)).all()


def test_days_ashore_and_a_patrol_met_are_replayed_exactly(sea):
    sim = _sim(sea, 1, 12, nk_rescue_per_day=3.0)
    _ashore(sim, PREP_PERMIT, 3)
    _ashore(sim, PREP_FUEL, 1)
    for step in range(30):
        if sim.finished:
            break
        sim.step({"in_port": 0, "throttle": 0.55, "heading_deg": 120.0, "evade": EVADE_CLAIM if step < 10 else EVADE_RUN})
    again = _sim(sea, 1, 12, nk_rescue_per_day=3.0)
    run_to_end(again, replaying(again.model, sim.trace))
    assert again.events(0)[:len(sim.events(0))] == sim.events(0)
    if sim.finished:
        assert again.outcomes[0] == sim.outcomes[0]


def test_the_screen_asks_ashore_and_someone_may_talk():
    from game.scenes.sea.scene import PlayScene

    app = make_app()
    scene = PlayScene(app, load_by_id("sea"), "defector-summer", 2, overrides={"report_per_day": 0.2})
    app.push(scene)
    frames(app, 2)
    scene.set_out()
    assert scene.decision == "prep_engine" and "years old" in scene.notice
    key(app, 0x32)  # 2: leave the engine as it is
    assert scene.decision == "prep_fuel" and "kg of fuel" in scene.notice
    key(app, 0x31)  # 1: a day buying fuel
    entries = scene.sim.trace.entries
    assert any(e["action"].get("prep") == PREP_FUEL and e["action"].get("in_port") == 1 for e in entries)
    for _ in range(10):  # the rounds of the offices, again and again, until someone talks
        if scene.sim.finished:
            break
        if scene.decision == "prep_fuel":
            key(app, 0x32)
        elif scene.decision == "prep_permit":
            key(app, 0x31)
        else:
            break
    if scene.sim.finished:
        assert scene.end_timer is not None and scene.outcome == "turned_back"
        assert any(ev["code"] == "reported_ashore" for ev in scene.sim.events(0))
    else:
        assert scene.sim.state.extra["permit"][0] and scene.decision in ("prep_night", "leaving")


def test_each_rough_morning_is_a_weather_window():
    """The forecast says the waves may reach the height that rolls this boat over: push on or heave
    to and wait; hove to, a better outlook asks whether to go on again (the crew's ``seas``)."""
    from game.scenes.sea.scene import PlayScene

    app = make_app()
    scene = PlayScene(app, load_by_id("sea"), "defector-winter", 2)
    app.push(scene)
    frames(app, 2)
    scene.set_out(ask=False)
    heavy = scene.model.heavy_sea_m()

    def outlook(wave):  # today's forecast (kept for the day), its waves set by hand
        scene.forecast_lines()
        mean, low, high, storms = scene._forecast
        high = high.copy()
        high[:, 1] = wave
        scene._forecast = (mean, low, high, np.zeros_like(storms))

    outlook(heavy + 1.0)
    scene.ask_weather()
    assert scene.decision == "weather_window" and f"{round(heavy + 1.0)} m" in scene.notice
    key(app, 0x32)  # 2: heave to and wait
    assert scene.crew.seas == 1 and scene.player_action()["storm_tactic"] == 1 and scene.notice is None
    outlook(heavy - 1.5)
    scene.ask_weather()
    assert scene.decision == "weather_clear"
    key(app, 0x31)  # 1: back on course
    assert scene.crew.seas == 0
    outlook(heavy - 1.5)
    scene.ask_weather()  # a calm outlook asks nothing of a crew holding its course
    assert scene.decision is None


def test_held_alongside_a_patrol_the_crew_may_buy_its_way_out(sea):
    gave_up, sim = _met_by_patrols(sea, EVADE_CLAIM)
    held = [ev for i in range(N) for ev in sim.events(i) if ev["code"] == "ship_sighted" and ev["kind"] == 3]
    assert held and all(ev["how"] == EVADE_CLAIM for ev in held)
    assert any(ev["code"] == "nk_took_back" and ev["how"] == 5 for i in range(N) for ev in sim.events(i))
    offered, sim2 = _met_by_patrols(sea, EVADE_CLAIM, bribe=1)
    assert offered < gave_up - 0.05
    assert any(ev["code"] == "ship_passed" and ev["how"] == 4 for i in range(N) for ev in sim2.events(i))
    from game.scenes.sea.actions import Crew, decisions_for

    assert decisions_for(["ship_sighted"], Crew(), {"ship_sighted": {"kind": 3}}, True) == \
        [("ship_sighted", ("offer_bribe", "give_up"))]


def test_the_screen_draws_a_patrol_alongside_and_asks_what_to_offer():
    """Held alongside (``in_sight`` 3): the panel says so, and the decision offers what to do."""
    from game.scenes.sea.scene import PlayScene

    app = make_app()
    scene = PlayScene(app, load_by_id("sea"), "defector-winter", 15)
    app.push(scene)
    frames(app, 2)
    scene.set_out(ask=False)
    scene.sim.state.extra["in_sight"][0] = 3
    scene._obs_key = None
    assert any("patrol boat" in text for _role, text in scene.observation().status)
    frames(app, 2)  # drawn without error
    line = scene.narrator.text({"step": 1, "code": "ship_sighted", "kind": 3, "how": 3, "km": 40.0})
    assert "Offer them what you have" in line and "fishing" in line


def test_leaving_the_watched_waters_waits_until_a_patrol_lets_the_boat_go(sea):
    _o, sim = _met_by_patrols(sea, EVADE_RUN, bribe=1)
    for i in range(N):
        codes = [(ev["step"], ev["code"], ev.get("kind")) for ev in sim.events(i)]
        held_steps = {s for s, c, k in codes if c == "ship_sighted" and k == 3}
        assert not any(c == "left_nk_waters" and s in held_steps for s, c, _k in codes)


def test_an_ending_in_the_harbour_says_so_on_the_card():
    from game.scenes.sea.scene import PlayScene
    from game.scenes.story import ending_words

    app = make_app()
    scene = PlayScene(app, load_by_id("sea"), "defector-summer", 2, overrides={"report_per_day": 0.2})
    app.push(scene)
    frames(app, 2)
    scene.set_out()
    key(app, 0x32)  # the engine as it is
    for _ in range(12):  # the papers, again and again, until someone talks
        if scene.sim.finished or scene.decision not in ("prep_fuel", "prep_permit"):
            break
        key(app, 0x32 if scene.decision == "prep_fuel" else 0x31)
        if scene.decision == "prep_night" and not scene.sim.finished:  # got the papers: start again
            break
    assert scene.sim.finished  # (seed 2: someone talks during the rounds of the offices)
    words = ending_words(scene)
    assert "Someone talked" in words and "Ashore" in words
    assert scene.ending_summary().startswith("The boat never left the harbour")
