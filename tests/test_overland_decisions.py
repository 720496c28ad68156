"""The decisions of the long way round change the odds the way the record says.

Where to cross the river, a church's shelter, what to do when police stop the
bus, what to do when warned of a raid: each is an action field of the model,
the same for the player (n=1) and the 1,000 replays. Seeded runs.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from game.journey import Journey, JourneySpec, replay_track, setup_for
from game.levels import load_by_id, model_for
from game.sim import overland as ov
from game.sim.runner import Simulation
from game.world.mapdata import load_map

SCENARIO = load_by_id("overland")
WORLD = load_map(SCENARIO.map_file)
WOMAN = dict(SCENARIO.raw["profiles"]["hamgyong_woman"]["set"])


def model(preset: str = "thailand-2017", **overrides) -> ov.Model:
    return model_for(SCENARIO, SCENARIO.values(preset, overrides), WORLD)


def run(m: ov.Model, action: dict, days: int, n: int = 3000, seed: int = 4) -> Simulation:
    sim = Simulation(m, n, seed)
    for _ in range(days):
        sim.step(dict(m.default_action, **action), record=False)
    return sim


def share(sim: Simulation, code: str) -> float:
    return float(np.mean(sim.event_counts(code) > 0))  # travellers who met it at least once


@settings(max_examples=40, deadline=None)
@given(broker=st.integers(0, 2), ford=st.integers(0, 1), ice=st.booleans(), border=st.booleans(),
       work=st.booleans(), church=st.booleans(), destitute=st.booleans(), year=st.integers(2005, 2024))
def test_the_new_chances_are_probabilities_and_point_the_right_way(broker, ford, ice, border, work, church,
                                                                   destitute, year):
    m = model(year=year)
    guard, drown = m.guard_chance(broker, ford=ford), m.drown_chance(ice, ford)
    raid = m.raid_chance(border, work, broker, False, False, church)
    traffick = m.traffick_chance(border, broker, destitute, church)
    for p in (guard, drown, raid, traffick, m.slip_chance()):
        assert 0.0 <= float(p) <= 1.0
    # Upstream: fewer guards, deeper water (none to drown in when frozen).
    assert float(m.guard_chance(broker, ford=1)) <= float(m.guard_chance(broker, ford=0))
    assert float(m.drown_chance(ice, 1)) >= float(m.drown_chance(ice, 0))
    assert float(m.drown_chance(True, ford)) == 0.0
    # A church: watched by the police, but safer from traffickers.
    assert float(m.raid_chance(border, work, broker, False, False, True)) >= float(
        m.raid_chance(border, work, broker, False, False, False))
    assert float(m.traffick_chance(border, broker, destitute, True)) <= float(
        m.traffick_chance(border, broker, destitute, False))


def test_crossing_upstream_meets_fewer_guards_and_deeper_water():
    m = model(month=7, **WOMAN)  # summer: open water
    town, remote = (run(m, {"activity": ov.TRAVEL, "ford": f}, 2) for f in (0, 1))
    assert share(remote, "caught_river") < share(town, "caught_river")
    assert share(remote, "drowned") > share(town, "drowned")
    assert share(remote, "remote_ford") > 0.9 and share(town, "remote_ford") == 0.0


def test_a_church_feeds_her_and_keeps_traffickers_away_but_the_police_watch_it():
    m = model(**dict(WOMAN, start_in_china=1, start_money=0, remittance=0))
    hide, church = (run(m, {"activity": a}, 120) for a in (ov.HIDE, ov.SHELTER))
    assert share(church, "trafficked") < share(hide, "trafficked")
    assert share(church, "hunger") < share(hide, "hunger")
    assert share(church, "shelter") > 0.0
    m = model(**dict(WOMAN, start_in_china=1, start_money=50000, remittance=0, trafficked_share=0.0))
    hide, church = (run(m, {"activity": a}, 200) for a in (ov.HIDE, ov.SHELTER))
    caught = [float(np.mean(s.state.outcome == m.code("repatriated"))) for s in (hide, church)]
    assert caught[1] > caught[0]


def test_the_route_can_still_be_chosen_at_the_fork():
    from game.scenes.overland.observation import past_fork

    m = model()
    beijing = next(i for i, pl in enumerate(m.places) if pl.id == "beijing")
    kunming = next(i for i, pl in enumerate(m.places) if pl.id == "kunming")
    assert not past_fork(m, beijing, -1) and past_fork(m, kunming, -1)


def test_the_journey_waits_at_a_check_and_the_answer_decides():
    # A man without papers or broker, on the road from Yanji; every road checked.
    base = dict(start_in_china=1, speaks_chinese=0, female=0, start_money=5000, remittance=0,
                check_northeast=1.0, stopover_mean_days=0.0)
    m = model(**base)
    sim = run(m, {"activity": ov.TRAVEL}, 1, n=50)
    e = sim.state.extra
    assert sim.state.active.all() and (e["pending_check"] == 1).all()  # stopped, waiting for an answer
    assert (e["leg"] >= 0).all() and np.all(e["km_done"] == 0.0)  # no road covered while stopped
    caught = {}
    for answer in (ov.CALM, ov.PAY, ov.SLIP):
        s = run(m, {"activity": ov.TRAVEL, "pay": answer}, 3)
        caught[answer] = float(np.mean(s.state.outcome == m.code("repatriated")))
    assert caught[ov.SLIP] < caught[ov.CALM] and caught[ov.PAY] < caught[ov.CALM]


def test_moving_on_a_warning_saves_some_from_the_raid():
    m = model(**dict(WOMAN, start_in_china=1, start_money=20000, remittance=0, trafficked_share=0.0,
                     raid_daily=0.01, raid_warning_share=1.0))
    stay, move = (run(m, {"activity": ov.HIDE, "flee": f}, 150) for f in (0, 1))
    caught = [float(np.mean(s.state.outcome == m.code("repatriated"))) for s in (stay, move)]
    assert caught[1] < caught[0]
    assert share(move, "moved") > 0.0 and share(stay, "warned") > 0.0


def test_a_journey_with_the_new_decisions_replays_exactly():
    spec = JourneySpec("overland", "thailand-2017", dict(WOMAN, month=7), 11)
    setup = setup_for(spec, SCENARIO)
    m = setup.model()
    sim = Simulation(m, 1, 11)
    plan = [(0, {"activity": ov.TRAVEL, "ford": 1, "pay": ov.SLIP, "flee": 1}),
            (3, {"activity": ov.SHELTER, "ford": 1, "pay": ov.SLIP, "flee": 1}),
            (40, {"activity": ov.TRAVEL, "ford": 1, "pay": ov.PAY, "flee": 0})]
    for step in range(200):
        action = dict(m.default_action, **[a for s, a in plan if s <= step][-1])
        sim.step(action)
        if sim.finished:
            break
    journey = Journey.from_json(Journey.from_simulation(sim, spec).to_json())
    track, outcome = replay_track(journey, setup)
    assert outcome == sim.outcome_of(0)
    assert [(s.x, s.y) for s in track] == [(s.x, s.y) for s in sim.journey]


def test_crossing_the_mekong_at_night_meets_fewer_police_and_more_danger_on_the_water():
    m = model(drown_risk=0.05, check_mekong=0.5)
    mekong = next(leg for leg in m.legs if leg.crossing == "mekong")
    by_day, at_night = {}, {}
    for ford, out in ((0, by_day), (1, at_night)):
        sim = Simulation(m, 4000, 9)
        e = sim.state.extra
        e["node"][:] = mekong.start
        e["crossed"][:] = True
        e["money"][:] = 10000.0
        for _ in range(3):
            sim.step(dict(m.default_action, activity=ov.TRAVEL, ford=ford), record=False)
        out["laos"] = share(sim, "caught_laos") + share(sim, "check_ahead")
        out["drowned"] = share(sim, "drowned")
    assert at_night["laos"] < by_day["laos"]
    assert at_night["drowned"] > by_day["drowned"]


def test_a_church_may_find_and_pay_a_way_south():
    m = model(**dict(WOMAN, start_in_china=1, start_money=0, remittance=0))
    hide, church = (run(m, {"activity": a}, 60, n=2000) for a in (ov.HIDE, ov.SHELTER))
    assert share(church, "church_passage") > 0.2 and share(hide, "church_passage") == 0.0
    assert (church.state.extra["broker"][church.state.active] >= 0).all()
