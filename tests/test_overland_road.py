"""More to decide before the river and on the long road, each changing the odds.

Whom she goes to the river with (alone, or a neighbour who has crossed
before), at each place on the way whether to wait in the safe house while the
next stage is arranged or go on at once, and where to cross the Gobi's fence;
and the automatic player's call home, by a rule. Each is an action field, the
same for the player (n=1) and the replays; seeded, small runs.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from game.journey import Journey, JourneySpec, replay, replay_track, setup_for
from game.levels import load_by_id, model_for
from game.sim import overland as ov
from game.sim.runner import Simulation, run_to_end, automatic
from game.world.mapdata import load_map

SCENARIO = load_by_id("overland")
WORLD = load_map(SCENARIO.map_file)
WOMAN = dict(SCENARIO.raw["profiles"]["hamgyong_woman"]["set"])
MOTHER = dict(SCENARIO.raw["profiles"]["mother_child"]["set"])


def model(preset: str = "thailand-2017", **overrides) -> ov.Model:
    return model_for(SCENARIO, SCENARIO.values(preset, overrides), WORLD)


def run(m: ov.Model, plan: list[tuple[int, dict]], days: int, n: int = 1000, seed: int = 4) -> Simulation:
    """``plan``: (from step, action) pairs, the last one begun holds."""
    sim = Simulation(m, n, seed)
    for step in range(days):
        sim.step(dict(m.default_action, **[a for s, a in plan if s <= step][-1]), record=False)
        if sim.finished:
            break
    return sim


def share(sim: Simulation, outcome: str) -> float:
    return float(np.mean([sim.outcome_of(i) == outcome for i in range(sim.state.n)]))


def met(sim: Simulation, code: str) -> float:
    return float(np.mean(sim.event_counts(code) > 0))


def test_with_a_neighbour_she_knows_the_rounds_but_the_plan_may_be_told():
    m = model(**dict(MOTHER, neighbour_informs=0.2))  # no phone to call: whom-with is asked on day 1
    alone, along = (run(m, [(0, {"activity": ov.HIDE, "company": c})], 1) for c in (0, 1))
    assert met(alone, "going_alone") == 1.0 and met(alone, "caught_informed") == 0.0
    assert (alone.state.extra["rounds"] == 0).all()
    assert 0.14 < met(along, "caught_informed") < 0.26 and met(along, "with_neighbour") > 0.7
    kept = along.state.active
    assert (along.state.extra["rounds"][kept] == int(m.params["watch_nights_max"])).all()
    assert share(along, "repatriated") == met(along, "caught_informed")  # taken at home, before the river
    # Asked once; never of someone who starts in China.
    assert not along.state.extra["pending_company"].any()
    assert not model(**dict(WOMAN, start_in_china=1)).start(3, np.random.default_rng(0)).extra["pending_company"].any()


def test_the_neighbour_cuts_the_chance_of_being_seen_crossing():
    # Cross the next night near the town: without watching, a neighbour's knowledge is what helps.
    m = model(**dict(MOTHER, neighbour_informs=0.0, drown_risk=0.0, guard_catch=0.5))
    seen = {c: met(run(m, [(0, {"activity": ov.HIDE, "company": c}), (1, {"activity": ov.TRAVEL, "company": c})],
                       2, n=3000), "spotted") for c in (0, 1)}
    assert seen[1] < seen[0] * 0.75


def test_a_woman_who_crosses_on_the_first_day_is_never_asked():
    m = model(**WOMAN)  # the phone's question on day 1; she crosses the same night
    sim = run(m, [(0, {"activity": ov.TRAVEL, "company": 1})], 3, n=200)
    assert met(sim, "with_neighbour") == 0.0 and met(sim, "going_alone") == 0.0
    assert not sim.state.extra["pending_company"].any()


@settings(max_examples=25, deadline=None)
@given(kind=st.integers(0, len(ov.KINDS) - 1), mode=st.integers(0, 2), broker=st.integers(0, 2),
       campaign=st.booleans(), year=st.integers(2005, 2024))
def test_the_new_factors_keep_chances_probabilities_and_point_the_right_way(kind, mode, broker, campaign, year):
    m = model(year=year)
    p = float(m.check_chance(kind, mode, broker, campaign))
    assert 0.0 <= p <= 1.0
    assert float(m.params["rushed_check_factor"]) >= 1.0  # going on at once never means fewer checks
    assert 0.0 <= float(m.params["gobi_far_check_factor"]) <= 1.0  # far out: fewer patrols
    assert float(m.params["gobi_far_loss_factor"]) >= 1.0  # and a harder walk


def _arrival_in_yanji(m: ov.Model, n: int, seed: int = 4) -> Simulation:
    """Across the river on the first night (no guards, no water), in Yanji."""
    sim = Simulation(m, n, seed)
    for _ in range(3):
        sim.step(dict(m.default_action, activity=ov.TRAVEL), record=False)
    return sim


def test_a_stopover_waits_unless_she_goes_on_at_once_and_then_the_checks_are_more():
    base = dict(WOMAN, guard_catch=0.0, drown_risk=0.0, phone_traced=0.0, stopover_mean_days=30.0,
                raid_daily=0.0, campaign_per_year=0.0, offer_daily=0.0, trafficked_share=0.0)
    m = model(**base)
    sim = _arrival_in_yanji(m, 400)
    e = sim.state.extra
    here = sim.state.active & (e["leg"] < 0) & e["crossed"]
    assert here.mean() > 0.9 and (e["stopover"][here] > 0).mean() > 0.9
    assert met(sim, "stopover") > 0.9
    # Waiting: still in Yanji the next day. Going on at once: on the road, the leg marked.
    wait, rush = (Simulation(m, 400, 4) for _ in range(2))
    for s in (wait, rush):
        for _ in range(3):
            s.step(dict(m.default_action, activity=ov.TRAVEL), record=False)
    waiting = rush.state.extra["stopover"] > 0
    wait.step(dict(m.default_action, activity=ov.TRAVEL, haste=0), record=False)
    rush.step(dict(m.default_action, activity=ov.TRAVEL, haste=1), record=False)
    held_up = wait.state.extra["stopover"] > 1
    assert held_up.mean() > 0.8 and (wait.state.extra["leg"][held_up] < 0).all()
    gone = rush.state.active & (rush.state.extra["leg"] >= 0)
    assert gone.mean() > 0.8 and rush.state.extra["rushed"][gone & waiting].all() and met(rush, "rushed") > 0.8
    assert not rush.state.extra["rushed"][gone & ~waiting].any()  # no wait to skip: an ordinary leg
    # Over the road to Thailand, alone: more checks for whoever never waits.
    checks = {}
    for h in (0, 1):
        s = run(model(**dict(base, stopover_mean_days=3.0, arrest_given_check=0.0)),
                [(0, {"activity": ov.TRAVEL, "haste": h})], 60, n=1500, seed=9)
        checks[h] = float(np.mean(s.event_counts("check_ahead")))
    assert checks[1] > checks[0] * 1.3


def test_the_stopover_wait_is_the_same_count_as_before_for_the_automatic_player():
    # The stopover's wait now has its own count; with no one rushing, the draws are those of one count.
    m = model("thailand-2009")
    sim = Simulation(m, 300, 2)
    sim.autoplay()
    days = (sim.end_step - sim.state.extra["crossed_on"])[sim.state.outcome == m.code("reached_thailand")]
    assert 10 <= days.min() <= 16  # the calibration's fastest journey holds


def test_the_gobi_far_out_means_fewer_patrols_and_a_harder_walk():
    base = dict(WOMAN, planned_route=1, start_in_china=1, start_money=60000, remittance=0)  # a trusted broker
    out = {}
    for ford in (0, 1):
        m = model("mongolia-2017", **dict(base, check_gobi=0.5, broker_check_reliable=1.0, broker_check_budget=1.0))
        sim = run(m, [(0, {"activity": ov.TRAVEL, "broker": 2, "route": 1, "ford": ford, "mode": ov.TRAIN})], 120,
                  n=1500, seed=3)
        out[ford] = (share(sim, "reached_mongolia"), met(sim, "gobi_far"), met(sim, "gobi"))
    assert out[1][1] > 0.3 and out[0][1] == 0.0 and out[0][2] > 0.3
    assert out[1][0] > out[0][0]  # with patrols this thick, far out is the better way
    # In the summer heat with a child, far out costs more health a day.
    hot = dict(MOTHER, month=7, planned_route=1)
    m = model("mongolia-2017", **hot)
    assert float(m.params["gobi_far_loss_factor"]) > 1.0
    loss = {}
    for ford in (0, 1):
        sim = Simulation(m, 1, 1)
        e = sim.state.extra
        e["node"][0] = m.places.index(next(p for p in m.places if p.id == "erenhot"))
        e["crossed"][0] = True
        sim.step(dict(m.default_action, activity=ov.TRAVEL, route=1, ford=ford), record=False)
        loss[ford] = 1.0 - float(e["health"][0])
    assert loss[1] > loss[0] > 0.0


def test_the_automatic_player_calls_home_by_a_rule_and_replays_do_the_same():
    m = model()  # the woman of 24 in 2017: $3,000 against a cheap broker's onward share of about $4,040
    a = m.auto_action(m.start(4, np.random.default_rng(0)))
    assert (np.asarray(a["phone"]) == 1).all() and (np.asarray(a["company"]) == 0).all()
    sim = Simulation(m, 2000, 1)
    run_to_end(sim, automatic(m))
    called = sim.event_counts("phone_money") > 0
    traced = sim.event_counts("caught_phone") > 0
    assert (called | traced).all() and 0.05 < traced.mean() < 0.15
    # A journey that ends early is replayed: the others go on with the same rule (the call made on day 1).
    spec = JourneySpec("overland", "thailand-2017", {}, 3)
    setup = setup_for(spec, SCENARIO)
    one = Simulation(setup.model(), 1, 3)
    one.step(dict(setup.model().default_action, activity=ov.HIDE, phone=0))
    result = replay(Journey.from_simulation(one, spec), 200, seed=5)
    assert result.counts.sum() == 200


def test_a_journey_with_the_new_decisions_replays_exactly():
    spec = JourneySpec("overland", "thailand-2017", dict(MOTHER, neighbour_informs=0.0, guard_catch=0.0,
                                                         stopover_mean_days=6.0), 11)
    setup = setup_for(spec, SCENARIO)
    m = setup.model()
    sim = Simulation(m, 1, 11)
    plan = [(0, {"activity": ov.HIDE, "company": 1}),
            (1, {"activity": ov.TRAVEL, "company": 1, "ford": 1}),
            (4, {"activity": ov.TRAVEL, "haste": 1, "pay": ov.SLIP}),
            (12, {"activity": ov.TRAVEL, "haste": 0, "pay": ov.SLIP})]
    for step in range(200):
        sim.step(dict(m.default_action, **[a for s, a in plan if s <= step][-1]))
        if sim.finished:
            break
    codes = [ev["code"] for ev in sim.events(0)]
    assert "with_neighbour" in codes and "stopover" in codes
    journey = Journey.from_json(Journey.from_simulation(sim, spec).to_json())
    assert any(c["action"].get("haste") == 1 for c in journey.choices)
    track, outcome = replay_track(journey, setup)
    assert outcome == sim.outcome_of(0)
    assert [(s.x, s.y) for s in track] == [(s.x, s.y) for s in sim.journey]


def test_a_brokers_man_for_the_river_alone_costs_the_way_into_china_and_fewer_see_her():
    m09 = model("thailand-2009", **dict(WOMAN, phone_traced=0.0, drown_risk=0.0, guard_catch=0.5))
    cost = m09.crossing_cost()
    assert abs(cost - m09.fee() * (1 - float(m09.params["onward_share"]))) < 1e-9 and cost < 3000  # $2,800
    assert 8000 < model().crossing_cost() < 10000  # 2017: about $9,400 (about $8,000 reported in 2015)
    seen = {}
    for g in (0, 1):
        sim = run(m09, [(0, {"activity": ov.TRAVEL, "guide": g})], 1, n=3000)
        seen[g] = met(sim, "spotted")
        if g:
            assert met(sim, "guide_paid") == 1.0 and sim.state.extra["guided"].all()
            assert (sim.state.extra["money"] <= float(WOMAN["start_money"]) - cost + 1e-9).all()
            assert (sim.state.extra["broker"] == 0).all()  # in China she is on her own
    assert seen[1] < seen[0] * 0.8
    # Who cannot pay is not guided (the woman of 24 in 2017 has $3,000).
    poor = run(model(**WOMAN), [(0, {"activity": ov.HIDE, "guide": 1})], 1, n=50)
    assert met(poor, "guide_paid") == 0.0 and not poor.state.extra["guided"].any()


def test_a_plan_told_ends_at_home_and_the_ending_says_so():
    from game.scenes.overland import observation as obs

    m = model(**dict(MOTHER, neighbour_informs=0.5))
    seed = next(s for s in range(50) if run(m, [(0, {"activity": ov.HIDE, "company": 1})], 1, n=1, seed=s).finished)
    sim = run(m, [(0, {"activity": ov.HIDE, "company": 1})], 1, n=1, seed=seed)
    assert sim.finished and sim.outcome_of(0) == "repatriated"
    assert "at home in North Korea, before reaching the river" in obs.ending_where(m, sim.state)


def test_a_woman_still_held_after_a_year_is_told_as_held_not_hiding():
    from game.scenes.overland import observation as obs

    m = model(**dict(WOMAN, start_in_china=1, max_days=60, trafficked_share=0.99, trafficking_horizon_days=30,
                     held_mean_days=3650, raid_daily=0.0))
    sim = run(m, [(0, {"activity": ov.HIDE})], 60, n=200, seed=3)
    held, hiding = met(sim, "still_held"), met(sim, "still_hiding")
    assert held > 0.5 and abs(held + hiding - share(sim, "hiding_in_china")) < 1e-9
    # One woman held to the end: her ending says where she is.
    one = next(o for o in (run(m, [(0, {"activity": ov.HIDE})], 60, n=1, seed=k) for k in range(40))
               if o.event_counts("still_held")[0] > 0)
    assert "held in a village far from the road" in obs.ending_where(m, one.state)
