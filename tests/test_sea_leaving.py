"""Leaving the coast: passing for a fishing boat (the ``cover`` action) against the coastal watch."""

from __future__ import annotations

import numpy as np

from game.levels import load_by_id, model_for
from game.narrator import Narrator
from game.sim.runner import Simulation, replaying
from game.world.mapdata import load_map


def _sim(n: int, seed: int, **overrides):
    sc = load_by_id("sea")
    values = sc.values("defector-summer", overrides)
    return sc, values, Simulation(model_for(sc, values, load_map(sc.map_file)), n, seed)


def _taken_back_share(cover: int, days: int = 1) -> float:
    # A boat that stays off the coast signalling: only the watch's chance differs.
    _sc, _v, sim = _sim(2000, 11, nk_rescue_per_day=1.0)
    m = sim.model
    for _ in range(days * 4):
        sim.step({**m.default_action, "throttle": 0.0, "signal": 1, "cover": cover})
    return float(np.mean(sim.state.outcome == m.code("turned_back")))


def test_passing_for_a_fishing_boat_draws_less_notice_from_the_watch():
    plain, covered = _taken_back_share(0), _taken_back_share(1)
    assert plain > 0.5
    assert covered < 0.7 * plain


def test_a_boat_passing_for_a_fishing_boat_keeps_to_a_fishing_pace():
    runs = {}
    for cover in (0, 1):
        _sc, _v, sim = _sim(1, 5)
        for _ in range(4):
            sim.step({**sim.model.default_action, "throttle": 1.0, "heading_deg": 90.0, "cover": cover})
        runs[cover] = float(sim.state.extra["km_powered"][0])
    assert 0 < runs[1] < 0.5 * runs[0]


def test_leaving_the_watched_waters_is_told_once():
    sc, values, sim = _sim(1, 3)
    for _ in range(16):
        if sim.finished:
            break
        sim.step({**sim.model.default_action, "throttle": 1.0, "heading_deg": 120.0})
    codes = [e["code"] for e in sim.events(0)]
    assert codes.count("left_nk_waters") == 1, codes
    line = Narrator(sc, values).lines([e for e in sim.events(0) if e["code"] == "left_nk_waters"])[0]
    assert "patrol" in line.text and line.entry.pause


def test_cover_is_replayed_exactly():
    _sc, _v, sim = _sim(1, 9)
    for step in range(40):
        sim.step({"cover": int(step < 12), "throttle": 1.0, "heading_deg": 120.0})
    _sc, _v, again = _sim(1, 9)
    policy = replaying(again.model, sim.trace)
    for _step in range(40):
        again.step(policy(again.state), record=False)
    assert [e["code"] for e in again.events(0)] == [e["code"] for e in sim.events(0)]
    assert again.state.extra["boat_x"][0] == sim.state.extra["boat_x"][0]
    assert any(entry["action"]["cover"] == 0 for entry in sim.trace.entries)


def test_waiting_ashore_moves_only_the_weather_and_the_season():
    _sc, _v, sim = _sim(200, 4, report_per_day=0.0)  # (nobody talks: see test_sea_ashore for the risk)
    e = sim.state.extra
    x0, water0, fuel0 = sim.state.x.copy(), e["water"].copy(), e["fuel_kg"].copy()
    wind0 = e["wind_ms"].copy()
    for _ in range(8):  # two days ashore
        sim.step({"in_port": 1})
    assert np.array_equal(sim.state.x, x0) and np.array_equal(e["water"], water0) and np.array_equal(e["fuel_kg"], fuel0)
    assert not np.array_equal(e["wind_ms"], wind0)
    assert (sim.state.outcome == -1).all() and {c for _s, c, _i, _d in sim.state.log} == {"waited_ashore"}
    assert float(sim.state.hours[0]) == 48.0 and float(e["days"][0]) == 0.0
    sim.step({"in_port": 0, "throttle": 1.0})
    assert not np.array_equal(sim.state.x, x0)
    # once at sea, "in port" means nothing: the boat goes on
    x1 = sim.state.x.copy()
    sim.step({"in_port": 1, "throttle": 1.0})
    assert not np.array_equal(sim.state.x, x1)
    assert float(e["days"][0]) == 0.5


def test_a_day_ashore_from_the_screen_is_replayed_exactly():
    from apphelp import find_button, frames, make_app, tap
    from game.scenes.sea.scene import PlayScene

    app = make_app()
    scene = PlayScene(app, load_by_id("sea"), "defector-summer", 3)
    app.push(scene)
    frames(app, 2)
    hours = float(scene.sim.state.hours[0])
    tap(app, find_button(scene, "Wait a day ashore"))
    assert float(scene.sim.state.hours[0]) == hours + 24 and scene.port_steps == 4
    assert any("Tomorrow" in getattr(w, "text", "") for w in scene.form.widgets)
    # changing the boat afterwards keeps the day waited
    scene._set("crew", 5)
    assert scene.sim.state.step == 4
    scene.set_out()
    for _ in range(8):
        scene.sim.step(scene.player_action())
    _sc, _v, again = _sim(1, 3, crew=5)
    policy = replaying(again.model, scene.sim.trace)
    for _ in range(12):
        again.step(policy(again.state), record=False)
    assert again.state.extra["boat_x"][0] == scene.sim.state.extra["boat_x"][0]


def test_moments_to_decide_are_told_once_each():
    sc, values, sim = _sim(1, 6)
    for _ in range(60):
        if sim.finished:
            break
        sim.step({"throttle": 1.0, "heading_deg": 120.0, "cover": 0})
    codes = [e["code"] for e in sim.events(0)]
    assert codes.count("fuel_low") == 1 and codes.count("water_low") <= 1, codes
    fuel = next(e for e in sim.events(0) if e["code"] == "fuel_low")
    line = Narrator(sc, values).lines([fuel])[0]
    assert line.entry.pause and f"about {int(fuel['kg'])} kg" in line.text


def test_each_day_ashore_is_told_once():
    sc, values, sim = _sim(1, 4)
    for _ in range(8):
        sim.step({"in_port": 1})
    codes = [e["code"] for e in sim.events(0)]
    assert codes == ["waited_ashore", "waited_ashore"]
    assert Narrator(sc, values).text(sim.events(0)[0]) == "You wait a day ashore."
