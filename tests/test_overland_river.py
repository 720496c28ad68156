"""The nights at the river and the police at the door: decisions, not instant ends.

At the Tumen: the moon, watching the guards' rounds, a guard paid to look
away (who may sell the crossing), and, when the guards see her in the water,
her answer (lie still and crawl back, run for China, offer money). In China:
the police at the door (hide, out the back, open and pay). Each is an action
field, the same for the player (n=1) and the replays. Seeded, small runs.
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


def run(m: ov.Model, plan: list[tuple[int, dict]], days: int, n: int = 1500, seed: int = 4) -> Simulation:
    """``plan``: (from step, action) pairs, the last one begun holds."""
    sim = Simulation(m, n, seed)
    for step in range(days):
        sim.step(dict(m.default_action, **[a for s, a in plan if s <= step][-1]), record=False)
    return sim


def met(sim: Simulation, code: str) -> float:
    return float(np.mean(sim.event_counts(code) > 0))


def caught(sim: Simulation) -> float:
    return float(np.mean(sim.state.outcome == sim.model.code("repatriated")))


@settings(max_examples=40, deadline=None)
@given(broker=st.integers(0, 2), ford=st.integers(0, 1), rounds=st.integers(0, 12), moon=st.floats(0, 1),
       paid=st.booleans(), year=st.integers(2005, 2024))
def test_the_river_chances_are_probabilities_and_point_the_right_way(broker, ford, rounds, moon, paid, year):
    m = model(year=year)
    p = float(m.guard_chance(broker, ford=ford, rounds=rounds, moon=moon, paid=paid))
    assert 0.0 <= p <= 1.0
    # Another night watched never makes her easier to see; more moon never harder; a paid guard helps.
    assert float(m.guard_chance(broker, ford=ford, rounds=rounds + 1, moon=moon, paid=paid)) <= p + 1e-12
    assert float(m.guard_chance(broker, ford=ford, rounds=rounds, moon=min(1.0, moon + 0.1), paid=paid)) >= p - 1e-12
    assert float(m.guard_chance(broker, ford=ford, rounds=rounds, moon=moon, paid=True)) <= p + 1e-12
    for a in range(len(ov.SPOTTED)):
        assert 0.0 <= float(m.spotted_caught(a)) <= 1.0 and 0.0 <= float(m.door_caught(a)) <= 1.0


def test_the_moon_is_the_real_moon():
    m = model()  # from 1 May 2017
    assert m.moonlight(9) > 0.95  # full moon, 10 May 2017
    assert m.moonlight(24) < 0.05  # new moon, 25 May 2017
    assert m.nights_to_dark(0) == min(k for k in range(30) if m.moonlight(k) < 0.15)


def test_seen_in_the_river_she_answers_and_the_answer_decides():
    m = model(**dict(WOMAN, guard_catch=1.0, moon_dark_factor=1.0, moon_full_factor=1.0, drown_risk=0.0))
    sim = run(m, [(0, {"activity": ov.TRAVEL})], 1, n=200)
    e = sim.state.extra
    # Seen: the crossing waits for her answer; not caught, not across, not a km on.
    assert sim.state.active.all() and (e["pending_river"] == 1).all() and not e["crossed"].any()
    assert np.all(e["km_done"] == 0.0)
    out = {}
    for answer in (ov.STILL, ov.RUN_FOR_IT, ov.PAY_GUARDS):
        s = run(m, [(0, {"activity": ov.TRAVEL, "spotted": answer}), (1, {"activity": ov.HIDE, "spotted": answer})], 2)
        out[answer] = (caught(s), float(np.mean(s.state.extra["crossed"])), s)
    still, run_, pay = out[ov.STILL], out[ov.RUN_FOR_IT], out[ov.PAY_GUARDS]
    # Lying still: found, or back on the North's bank to try another night (never across).
    assert still[1] == 0.0 and met(still[2], "back_bank") > 0.3
    back = still[2].state.active
    assert (still[2].state.extra["leg"][back] == -1).all()
    # Running gets some across, money gets more away; each answer changes the odds.
    assert run_[1] > 0.4 and run_[0] < still[0]
    money = pay[2].state.extra["money"]
    assert pay[0] < run_[0] and money.max() <= 3000 - 700 and money.min() > 3000 - 700 - 20  # (and a fare or food)


def test_watching_the_guards_and_the_dark_of_the_moon_mean_fewer_are_seen():
    m = model(**dict(WOMAN, watch_caught=0.0))
    at_once = run(m, [(0, {"activity": ov.TRAVEL})], 1)
    watched = run(m, [(0, {"activity": ov.WATCH}), (3, {"activity": ov.TRAVEL})], 4)
    dark = run(m, [(0, {"activity": ov.HIDE}), (24, {"activity": ov.TRAVEL})], 25)  # 25 May 2017: no moon
    seen = [met(s, "spotted") for s in (at_once, watched, dark)]
    assert seen[1] < seen[0] and seen[2] < seen[0]
    assert (watched.state.extra["rounds"] == 3).all() and met(watched, "watch_guards") == 1.0
    assert met(dark, "dark_night") == 1.0  # the journal says when the dark of the moon comes


def test_a_paid_guard_keeps_his_stretch_dark_but_may_sell_the_crossing():
    m = model(**dict(WOMAN, guard_betray=0.2))
    alone = run(m, [(0, {"activity": ov.TRAVEL})], 1, n=3000)
    paid = run(m, [(0, {"activity": ov.TRAVEL, "guard_pay": 1})], 1, n=3000)
    money = paid.state.extra["money"]
    assert met(paid, "guard_paid") == 1.0 and money.max() <= 3000 - 1000 and money.min() > 3000 - 1000 - 20
    assert met(paid, "betrayed") > 0.1 and met(alone, "betrayed") == 0.0
    assert met(paid, "spotted") < met(alone, "spotted")


def test_the_police_at_the_door_wait_for_her_answer():
    base = dict(WOMAN, start_in_china=1, start_money=20000, remittance=0, trafficked_share=0.0,
                raid_daily=0.05, raid_warning_share=0.0)
    m = model(**base)
    out = {}
    for answer in (ov.DOOR_HIDE, ov.DOOR_RUN, ov.DOOR_PAY):
        s = run(m, [(0, {"activity": ov.HIDE, "door": answer})], 40)
        out[answer] = s
    knocked = out[ov.DOOR_HIDE]
    assert met(knocked, "door") > 0.5 and met(knocked, "door_hid") > 0.1  # a choice, not an instant end
    rates = {a: caught(s) / max(met(s, "door"), 1e-9) for a, s in out.items()}
    assert rates[ov.DOOR_PAY] < rates[ov.DOOR_RUN] < rates[ov.DOOR_HIDE]
    assert met(out[ov.DOOR_RUN], "door_ran") > 0.1 and met(out[ov.DOOR_PAY], "door_paid") > 0.1


def test_the_automatic_player_watches_the_guards_then_crosses():
    m = model(phone_traced=0.0)  # (it calls home first: the first traveller is not to be taken at home here)
    sim = Simulation(m, 50, 3)
    acts = []
    for _ in range(25):
        a = m.auto_action(sim.state)
        acts.append(int(np.asarray(a["activity"]).reshape(-1)[0]))
        sim.step(a, record=False)
    assert acts[:3] == [ov.WATCH] * 3 and ov.TRAVEL in acts
    assert set(m.auto_action(sim.state)) == set(m.default_action)


def test_a_journey_with_the_river_and_the_door_replays_exactly():
    spec = JourneySpec("overland", "thailand-2017",
                       dict(WOMAN, guard_catch=0.9, raid_daily=0.05, raid_warning_share=0.0), 5)
    setup = setup_for(spec, SCENARIO)
    m = setup.model()
    sim = Simulation(m, 1, 5)
    plan = [(0, {"activity": ov.WATCH, "guard_pay": 1}),
            (2, {"activity": ov.TRAVEL, "spotted": ov.STILL}),
            (4, {"activity": ov.TRAVEL, "spotted": ov.RUN_FOR_IT, "door": ov.DOOR_RUN}),
            (6, {"activity": ov.HIDE, "door": ov.DOOR_RUN, "trust": 1})]
    for step in range(120):
        sim.step(dict(m.default_action, **[a for s, a in plan if s <= step][-1]))
        if sim.finished:
            break
    codes = [ev["code"] for ev in sim.events(0)]
    assert "watch_guards" in codes and "guard_paid" in codes
    journey = Journey.from_json(Journey.from_simulation(sim, spec).to_json())
    track, outcome = replay_track(journey, setup)
    assert outcome == sim.outcome_of(0)
    assert [(s.x, s.y) for s in track] == [(s.x, s.y) for s in sim.journey]


def test_a_strangers_offer_waits_for_her_answer_and_trusting_it_can_sell_her():
    base = dict(WOMAN, start_in_china=1, start_money=500, remittance=0, raid_daily=0.0, trafficked_share=0.0,
                offer_daily=0.1)
    m = model(**base)
    no, yes = (run(m, [(0, {"activity": ov.HIDE, "trust": t})], 30, n=800) for t in (0, 1))
    assert met(no, "offer") > 0.5 and met(no, "offer_declined") > 0.5
    assert met(no, "offer_sold") == 0.0 and met(no, "trafficked") == 0.0
    assert met(yes, "offer_sold") > 0.3 and met(yes, "offer_true") > 0.1
    held = [float(np.mean(s.state.extra["held"] > 0)) for s in (no, yes)]
    assert held[1] > held[0] == 0.0
    assert all(np.asarray(m.auto_action(no.state)["trust"]) == 0)  # the automatic player declines


def test_an_ending_at_the_river_says_where_and_the_panel_asks_what_tonight_brings():
    from game.scenes.overland import observation as obs

    m = model(**dict(WOMAN, guard_catch=1.0, spot_still_caught=1.0, moon_dark_factor=1.0, moon_full_factor=1.0))
    sim = run(m, [(0, {"activity": ov.TRAVEL})], 2, n=1)
    assert sim.outcome_of(0) == "repatriated"
    assert obs.ending_where(m, sim.state) == "Day 2, in the Tumen river near Hoeryong."
    assert [ev["code"] for ev in sim.events(0)][-2:] == ["spotted", "caught_river"]
    fresh = Simulation(m, 1, 1)
    words = obs.river_night(m, fresh.state, {"ford": 0})
    assert "moon" in words and "guards would see you" in words
    assert obs.where_of(m, fresh.state)[0] == "river" and obs.open_decision(m, fresh.state) == "phone"
    fresh.step(dict(m.default_action, activity=ov.TRAVEL))
    assert obs.open_decision(m, fresh.state) == "river"
    assert obs.header_lines(m, fresh.state, m.params, False)[0][1].endswith("In the Tumen river, near Hoeryong")


def test_a_call_before_leaving_brings_money_or_an_arrest_at_home_and_replays_exactly():
    m = model(**dict(WOMAN, phone_traced=0.2, phone_money=1000))
    no, yes = (run(m, [(0, {"activity": ov.HIDE, "phone": c})], 2, n=1000) for c in (0, 1))
    assert met(no, "phone_declined") == 1.0 and met(no, "caught_phone") == 0.0
    assert 0.12 < met(yes, "caught_phone") < 0.28 and met(yes, "phone_money") > 0.7
    assert float(np.mean(yes.state.extra["money"][yes.state.active])) == float(WOMAN["start_money"]) + 1000
    assert float(np.mean([yes.outcome_of(i) == "repatriated" for i in range(yes.state.n)])) == met(yes, "caught_phone")
    # Asked once, on the first day at home; never for someone who starts in China.
    assert not yes.state.extra["pending_phone"].any()
    assert not model(**dict(WOMAN, start_in_china=1)).start(3, np.random.default_rng(0)).extra["pending_phone"].any()
    # ... nor of someone with no one outside to call (the mother, the man who worked in China).
    for who in ("mother_child", "worker_man"):
        alone = model(**dict(SCENARIO.raw["profiles"][who]["set"]))
        assert not alone.start(3, np.random.default_rng(0)).extra["pending_phone"].any()
    # The automatic player calls when what it has would not buy a cheap broker on from China
    # ($3,000 against about $4,040 in 2017); in 2009 (about $1,200) it makes no call.
    assert all(np.asarray(m.auto_action(m.start(5, np.random.default_rng(0)))["phone"]) == 1)
    m09 = model("thailand-2009", **WOMAN)
    assert all(np.asarray(m09.auto_action(m09.start(5, np.random.default_rng(0)))["phone"]) == 0)
    # The ending says where: at home, before the river.
    from game.scenes.overland import observation as obs

    home = run(model(**dict(WOMAN, phone_traced=0.5)), [(0, {"activity": ov.HIDE, "phone": 1})], 2, n=1, seed=7)
    assert home.outcome_of(0) == "repatriated"  # (seed 7's call is traced)
    assert obs.ending_where(home.model, home.state).startswith("Day 1, at home in ")
    # The answer is in the Journey record: a replay reaches the same end by the same road.
    for seed in (1, 2, 3):
        spec = JourneySpec("overland", "thailand-2017", dict(WOMAN, phone_traced=0.5), seed)
        setup = setup_for(spec, SCENARIO)
        m1 = setup.model()
        sim = Simulation(m1, 1, seed)
        for step in range(60):
            sim.step(dict(m1.default_action, activity=ov.TRAVEL if step else ov.HIDE, phone=1))
            if sim.finished:
                break
        assert sim.events(0)[0]["code"] in ("phone_money", "caught_phone")
        journey = Journey.from_json(Journey.from_simulation(sim, spec).to_json())
        track, outcome = replay_track(journey, setup)
        assert outcome == sim.outcome_of(0)
        assert [(s.x, s.y) for s in track] == [(s.x, s.y) for s in sim.journey]
