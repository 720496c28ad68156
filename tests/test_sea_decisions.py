"""The sea's moments of decision: the model's odds move the way the sea says, the
automatic player decides too, and the screen waits for an answer."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apphelp import frames, key, make_app, tap
from game.journey import world_for
from game.levels import load_by_id, model_for
from game.sim.sea import AUTO_WAIT_SEA
from game.scenes.sea.actions import DECISIONS, HEAVE_TO, HOLD, RUN, Crew, decision_for, decisions_for, sea_action
from game.sim.runner import Simulation, automatic, run_to_end

N = 300


@pytest.fixture(scope="module")
def sea():
    return load_by_id("sea")


def outcomes(sea, preset, policy_over, n=N, seed=1, **values):
    model = model_for(sea, sea.values(preset, values), world_for(sea))
    auto = automatic(model)

    def policy(state):
        action = dict(auto(state))
        action.update(policy_over(model, state))
        return action

    sim = Simulation(model, n, seed)
    run_to_end(sim, policy)
    o = sim.outcomes
    return {name: float((o == i).mean()) for i, name in enumerate(model.outcomes)}


def in_heavy_seas(tactic):
    # (leaving at once: the days ashore would only shift the weather the two crews meet)
    return lambda m, s: {"storm_tactic": np.where(s.extra["wave_m"] > m.heavy_sea_m(), tactic, HOLD), "in_port": 0}


def test_heaving_to_in_heavy_seas_loses_fewer_boats_in_winter(sea):
    hold = outcomes(sea, "defector-winter", in_heavy_seas(HOLD), n=600, boat_length_m=8)
    heave = outcomes(sea, "defector-winter", in_heavy_seas(HEAVE_TO), n=600, boat_length_m=8)

    def lost(o):
        return o["lost_at_sea"] + o["ashore_dead"] + o["ashore_empty"]

    assert lost(heave) < lost(hold)
    # ... but a boat hove to makes no way: longer in the North's waters, more are taken back
    assert heave["turned_back"] > hold["turned_back"]


def test_running_before_the_monsoon_carries_a_fishing_boat_toward_japan(sea):
    hold = outcomes(sea, "fishing-2017", in_heavy_seas(HOLD))
    run = outcomes(sea, "fishing-2017", in_heavy_seas(RUN))
    assert run["landed_alive"] > hold["landed_alive"] + 0.1


def test_signalling_to_every_ship_gets_a_crossing_crew_taken_back(sea):
    always = outcomes(sea, "defector-winter", lambda m, s: {"signal": np.ones(s.n)})
    never = outcomes(sea, "defector-winter", lambda m, s: {"signal": np.zeros(s.n)})
    assert always["turned_back"] > never["turned_back"] + 0.1
    # and to Japan's ships alone (the automatic player's way) is better than to none
    japan = outcomes(sea, "defector-winter", lambda m, s: {"signal": (s.extra["in_sight"] == 2).astype(float)})
    assert japan["rescued_at_sea"] > never["rescued_at_sea"]


@settings(max_examples=20, deadline=None)
@given(tactic=st.integers(0, 2), signal=st.integers(0, 1), seed=st.integers(0, 2**16), month=st.integers(1, 12))
def test_risk_stays_a_probability_and_ships_are_known(sea, tactic, signal, seed, month):
    model = model_for(sea, sea.values("defector-winter", {"month": month, "boat_length_m": 7}), world_for(sea))
    sim = Simulation(model, 40, seed)
    for _ in range(24):
        sim.step({**model.default_action, "storm_tactic": tactic, "signal": signal})
        assert np.all((sim.state.risk >= 0) & (sim.state.risk <= 1))
        assert set(np.unique(sim.state.extra["in_sight"])) <= {-1, 0, 1, 2, 4}  # 4: a cargo ship on the open sea


def test_the_automatic_player_meets_storms_and_ships(sea):
    model = model_for(sea, sea.values("defector-winter"), world_for(sea))
    sim = Simulation(model, 200, 4)
    seen = set()
    for _ in range(40):
        a = model.auto_action(sim.state)
        e = sim.state.extra
        storm = e["storm"]
        # outside storms it holds its course, except that a crossing out of the watched waters heaves to
        # and waits in seas half as high again as the height that can roll it over (the weather window)
        ix, iy, _ = model._cells(e["boat_x"], e["boat_y"])
        waits = ~storm & (e["wave_m"] >= AUTO_WAIT_SEA * model.heavy_sea_m()) & (model.d_nk_km[iy, ix] >= model.p["nk_waters_km"]) \
            & e["engine_ok"] & (e["fuel_kg"] > 0)
        assert np.all(a["storm_tactic"][~storm & ~waits] == HOLD) and np.all(a["storm_tactic"][storm] != HOLD)
        assert np.all(a["storm_tactic"][waits] == HEAVE_TO)
        japan = sim.state.extra["in_sight"] == 2
        assert np.all(a["signal"][japan] == 1)
        seen |= set(np.unique(a["storm_tactic"]).tolist())
        sim.step(a)
    assert {HEAVE_TO, RUN} <= seen or HEAVE_TO in seen


def test_each_choice_sets_the_crew_and_reaches_the_action():
    crew = Crew(throttle_i=2)
    for keys in DECISIONS.values():
        for k in keys:
            Crew().choose(k)  # every offered choice is known
    crew.choose("heave_to")
    assert sea_action(crew, True)["storm_tactic"] == HEAVE_TO
    crew.choose("resume")
    assert sea_action(crew, True)["storm_tactic"] == HOLD
    crew.choose("signal")
    assert sea_action(crew, True)["signal"] == 1
    crew.choose("ration_minimal")
    assert sea_action(crew, True)["ration"] == 0.3
    assert decision_for(["storm_over", "ship_sighted", "storm"], crew)[0] == "ship_sighted"
    assert decision_for(["seas_easing"], Crew()) is None  # nothing to resume
    assert decision_for(["seas_easing"], Crew(seas=RUN)) == ("seas_easing", ("resume", "stay_running"))
    # Japan's coast near asks its own question (landfall) after a ship in sight
    asks = decisions_for(["japan_near", "ship_sighted"], Crew(), {"ship_sighted": {"kind": 2}})
    assert [code for code, _keys in asks] == ["ship_sighted", "japan_near"]
    fleet = decisions_for(["ship_sighted"], Crew(), {"ship_sighted": {"kind": 0}})
    assert fleet[0][1] == ("signal", "hide", "trade")


def test_the_screen_waits_for_a_choice_and_takes_it_by_key_and_by_touch():
    import pygame

    from game.scenes.sea.scene import PlayScene

    app = make_app()
    scene = PlayScene(app, load_by_id("sea"), "defector-summer", 3)
    app.push(scene)
    frames(app, 2)
    scene.set_out()
    scene.steps_per_second = 30.0
    answered = 0
    for _ in range(3000):
        frames(app)
        if scene.sim.finished or answered >= 2:
            break
        if scene.notice is None:
            continue
        if not scene.choices:
            scene.dismiss_notice()
            continue
        assert scene.paused and scene.observation().choices
        step = scene.sim.state.step
        frames(app, 5)
        assert scene.sim.state.step == step  # the voyage waits
        tap(app, (scene.map_rect.centerx, scene.map_rect.bottom - 70))  # a tap beside the choices: still waiting
        assert scene.notice is not None
        if answered == 0:
            keys = [b.key for b in scene.choices]
            key(app, pygame.K_1 + len(keys) - 1)
            last = keys[-1]
        else:
            scene._notice_rect()
            last = scene.choices[0].key
            tap(app, scene.choices[0].rect.center)
        # the voyage goes on, or the next decision of the same moment is asked
        assert (scene.notice is None and not scene.paused) or (scene.choices and scene.paused)
        if last in ("signal", "hide"):
            assert scene.signal == (last == "signal")
        answered += 1
    assert answered >= 1


def test_trading_with_the_fleet_buys_fuel_and_risks_the_crossing(sea):
    def trader(cover):
        return lambda m, s: {"trade": np.ones(s.n), "cover": np.full(s.n, cover), "signal": np.zeros(s.n)}

    model = model_for(sea, sea.values("defector-winter"), world_for(sea))
    sim = Simulation(model, N, 1)
    run_to_end(sim, lambda s: {**model.auto_action(s), "trade": np.ones(s.n), "cover": np.ones(s.n)})
    traded = [ev for i in np.flatnonzero(sim.event_counts("traded")) for ev in sim.events(i) if ev["code"] == "traded"]
    assert traded and all(ev["kg"] == model.p["trade_fuel_kg"] for ev in traded)
    open_ = outcomes(sea, "defector-winter", trader(0.0))
    hidden = outcomes(sea, "defector-winter", trader(1.0))
    # (the same crossing, passing for a fishing boat, that never trades: the fleet's boats come
    # close to a boat passing for one of theirs less often, so it is the fair comparison)
    never = outcomes(sea, "defector-winter", lambda m, s: {"trade": np.zeros(s.n), "signal": np.zeros(s.n),
                                                            "cover": np.ones(s.n)})
    # without the cover of a fishing boat, trading gives the crossing away
    assert open_["turned_back"] > hidden["turned_back"] > never["turned_back"] - 0.02
