"""Three more of the journey's decisions: before leaving home, what she sells (money
against the neighbours noticing); for a woman in hiding in China, whether to keep in
touch with other North Koreans (warned of the brokers who sell women, but named when
one of them is caught); at the last town in China, the way into Laos (over the hills
on foot, or hidden in a car through the post). Action fields, the same for the player
(n=1) and the replays; seeded, small runs.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from game.journey import Journey, JourneySpec, replay_track, setup_for
from game.levels import load_by_id, model_for
from game.sim import overland as ov
from game.sim.runner import Simulation
from game.world.mapdata import load_map

SCENARIO = load_by_id("overland")
WORLD = load_map(SCENARIO.map_file)
HOME = dict(SCENARIO.raw["profiles"]["hamgyong_woman"]["set"])
LONG = dict(SCENARIO.raw["profiles"]["long_in_china"]["set"])
MOTHER = dict(SCENARIO.raw["profiles"]["mother_child"]["set"])


def model(preset: str = "thailand-2017", **overrides) -> ov.Model:
    return model_for(SCENARIO, SCENARIO.values(preset, overrides), WORLD)


def run(m: ov.Model, plan, days: int, n: int = 1000, seed: int = 4) -> Simulation:
    """``plan``: an action, or a function of the state giving one."""
    sim = Simulation(m, n, seed)
    for _ in range(days):
        act = plan(sim.state) if callable(plan) else plan
        sim.step(dict(m.default_action, **act), record=False)
        if sim.finished:
            break
    return sim


def met(sim: Simulation, code: str) -> float:
    return float(np.mean(sim.event_counts(code) > 0))


# ---------------------------------------------------------------- what she sells

def test_what_she_sells_is_asked_the_day_after_whom_she_goes_with():
    from game.scenes.overland import observation as obs

    m = model(**HOME)
    s = m.start(1, np.random.default_rng(0))
    assert obs.open_decision(m, s) == "phone"
    sim = run(m, {"activity": ov.HIDE}, 1, n=1)
    assert obs.open_decision(m, sim.state) == "company"
    sim.step(dict(m.default_action, activity=ov.HIDE), record=False)
    assert obs.open_decision(m, sim.state) == "sell"
    # Someone who starts in China is never asked.
    assert not model("crackdown-2023", **LONG).start(2, np.random.default_rng(0)).extra["pending_sell"].any()


def test_selling_openly_brings_more_money_and_more_arrests_at_home():
    m = model(**dict(HOME, remittance=0.0))  # (no phone question: the company is asked on day 1, the sale on day 2)
    keep, quiet, open_ = (run(m, {"activity": ov.HIDE, "sell": c}, 2, n=4000) for c in (ov.KEEP, ov.SELL_QUIET,
                                                                                        ov.SELL_OPEN))
    assert met(keep, "sell_kept") > 0.99 and met(keep, "caught_selling") == 0.0
    start = float(m.params["start_money"])
    free = quiet.state.active
    assert np.allclose(quiet.state.extra["money"][free], start + float(m.params["sell_quiet_money"]))
    free = open_.state.active
    assert np.allclose(open_.state.extra["money"][free], start + float(m.params["sell_open_money"]))
    q, o = met(quiet, "caught_selling"), met(open_, "caught_selling")
    assert abs(o - float(m.params["neighbour_informs"])) < 0.015, o
    assert q < o and abs(q - float(m.params["sell_quiet_informs"])) < 0.01, q
    assert (~open_.state.active).sum() >= (open_.event_counts("caught_selling") > 0).sum() > 0


def test_the_automatic_player_sells_quietly_only_when_short_of_a_cheap_broker():
    m = model(**HOME)
    s = m.start(2, np.random.default_rng(0))
    onward = float(m.hire_cost(1, True))
    s.extra["money"][:] = [onward - 1, onward]
    assert list(np.asarray(m.auto_action(s)["sell"])) == [ov.SELL_QUIET, ov.KEEP]


# ---------------------------------------------------------------- other North Koreans

def test_a_woman_in_hiding_is_asked_about_other_north_koreans_the_day_after_the_phone():
    from game.scenes.overland import observation as obs

    m = model("crackdown-2023", **dict(LONG, offer_daily=0.0, raid_daily=0.0))
    sim = run(m, {"activity": ov.HIDE}, 2, n=5)
    assert (sim.state.extra["pending_contacts"] == 1).all() and met(sim, "contacts") == 1.0
    assert obs.open_decision(m, sim.state) == "contacts"
    sim.step(dict(m.default_action, activity=ov.HIDE, contacts=1), record=False)
    assert sim.state.extra["contacts"].all() and met(sim, "contacts_kept") == 1.0
    # A man is not asked (what they warn of is the selling of women).
    man = model("crackdown-2023", **dict(LONG, female=0, offer_daily=0.0, raid_daily=0.0))
    assert not run(man, {"activity": ov.HIDE}, 4, n=5).state.extra["contacts_asked"].any()


def test_in_touch_fewer_are_sold_and_more_find_the_police_at_the_door():
    base = dict(LONG, raid_daily=0.002, raid_warning_share=0.0, offer_daily=0.0, trafficked_share=0.9,
                traffick_interior_factor=1.0)
    m = model("crackdown-2023", **base)
    plan = {"activity": ov.HIDE, "door": ov.DOOR_HIDE}
    away, kept = (run(m, dict(plan, contacts=c), 60, n=3000) for c in (0, 1))
    assert met(kept, "trafficked") < met(away, "trafficked") * 0.8, (met(away, "trafficked"), met(kept, "trafficked"))
    assert met(kept, "door") > met(away, "door") * 1.2, (met(away, "door"), met(kept, "door"))


def test_the_automatic_player_keeps_in_touch_except_in_a_police_campaign():
    m = model("crackdown-2023", **LONG)
    s = m.start(2, np.random.default_rng(0))
    s.extra["campaign"][:] = [0, 4]
    assert list(np.asarray(m.auto_action(s)["contacts"])) == [1, 0]


@settings(max_examples=25, deadline=None)
@given(raid=st.floats(0.0, 0.05), factor=st.floats(1.0, 4.0), t=st.floats(0.0, 1.0))
def test_the_chances_with_contacts_are_chances_and_move_the_stated_way(raid, factor, t):
    m = model("crackdown-2023", **dict(LONG, raid_daily=raid, contacts_raid_factor=factor,
                                       contacts_traffick_factor=t))
    args = dict(border=True, work=False, broker=0, papers=False, campaign=False)
    away, kept = (float(m.raid_chance(contacts=c, **args)) for c in (False, True))
    assert 0.0 <= away <= kept <= 1.0
    sold_away, sold_kept = (float(m.traffick_chance(True, 0, False, contacts=c)) for c in (False, True))
    assert 0.0 <= sold_kept <= sold_away <= 1.0


# ---------------------------------------------------------------- the way into Laos

def _to_mohan(m: ov.Model, n: int) -> Simulation:
    """Everyone at the last town in China (Mohan), as if just arrived."""
    sim = Simulation(m, n, 7)
    mohan = [pl.id for pl in m.places].index("mohan")
    e = sim.state.extra
    e["node"][:] = mohan
    e["crossed"][:] = True
    e["pending_phone"][:] = 0
    e["pending_company"][:] = 0
    e["pending_sell"][:] = 0
    e["lodging_asked"][:] = True
    e["mobile_asked"][:] = True
    e["contacts_asked"][:] = True
    e["church_asked"][:] = True
    e["pending_way"][:] = 1
    e["money"][:] = 5000.0
    return sim


def test_the_way_into_laos_is_asked_on_arriving_at_the_last_town_in_china():
    m = model(**dict(HOME, offer_daily=0.0, raid_daily=0.0))
    sim = _to_mohan(m, 3)
    jinghong = [pl.id for pl in m.places].index("jinghong")
    e = sim.state.extra
    e["node"][:] = jinghong
    e["pending_way"][:] = 0
    for _ in range(4):
        sim.step(dict(m.default_action, activity=ov.TRAVEL, haste=1), record=False)
        if e["pending_way"].all():
            break
    assert e["pending_way"].all() and met(sim, "laos_way") == 1.0
    from game.scenes.overland import observation as obs

    assert obs.open_decision(m, sim.state) == "laos_way"
    assert "stopped" in obs.laos_way_words(m, sim.state)
    # Nobody sets out into Laos before answering.
    assert (e["leg"] < 0).all()


def test_hidden_in_a_car_the_way_is_quicker_and_easier_but_more_are_stopped():
    m = model(**dict(HOME, offer_daily=0.0, raid_daily=0.0, stopover_mean_days=0.0))
    go = {"activity": ov.TRAVEL, "haste": 1, "pay": ov.CALM}
    hills, car = (_to_mohan(m, 3000) for _ in range(2))
    for sim, way in ((hills, ov.HILLS), (car, ov.CAR)):
        for _ in range(3):
            sim.step(dict(m.default_action, laos_way=way, **go), record=False)
    assert met(hills, "laos_way_hills") == 1.0 and met(car, "laos_way_car") == 1.0
    # A day in the car: in Laos already; on foot still walking, and worn.
    assert met(car, "laos_car") > 0.5 and met(hills, "laos_car") == 0.0
    assert float(np.mean(hills.state.extra["health"])) < float(np.mean(car.state.extra["health"]))
    assert met(car, "check_ahead") > met(hills, "check_ahead"), (met(hills, "check_ahead"), met(car, "check_ahead"))


def test_the_automatic_player_takes_the_car_only_with_a_child():
    for profile, want in ((HOME, ov.HILLS), (MOTHER, ov.CAR)):
        m = model(**profile)
        assert int(m.auto_action(m.start(1, np.random.default_rng(0)))["laos_way"]) == want


# ---------------------------------------------------------------- replays

@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_journey_with_the_new_choices_replays_exactly(seed):
    spec = JourneySpec("overland", "thailand-2017", dict(HOME, raid_daily=0.003), seed)
    setup = setup_for(spec, SCENARIO)
    m = setup.model()
    sim = Simulation(m, 1, seed)
    for step in range(200):
        act = dict(m.auto_action(sim.state), sell=ov.SELL_OPEN if seed != 2 else ov.SELL_QUIET,
                   contacts=seed % 2, laos_way=ov.CAR if seed == 3 else ov.HILLS, company=0, phone=0)
        sim.step(act)
        if sim.finished:
            break
    codes = [ev["code"] for ev in sim.events(0)]
    assert any(c in codes for c in ("sell_open", "sell_quiet", "caught_selling"))
    journey = Journey.from_json(Journey.from_simulation(sim, spec).to_json())
    track, outcome = replay_track(journey, setup)
    assert outcome == sim.outcome_of(0)
    assert [(s.x, s.y) for s in track] == [(s.x, s.y) for s in sim.journey]


# ---------------------------------------------------------------- a church group

def test_a_church_group_is_asked_after_other_north_koreans_and_finds_ways_south_but_draws_the_police():
    from game.scenes.overland import observation as obs

    quiet = dict(LONG, offer_daily=0.0, raid_daily=0.0)
    m = model("crackdown-2023", **quiet)
    sim = run(m, {"activity": ov.HIDE}, 3, n=5)
    assert obs.open_decision(m, sim.state) == "church" and met(sim, "church_ask") == 1.0
    assert "month and a half" in obs.church_words(m, sim.state)
    # A man is asked the day after the phone.
    man = model("crackdown-2023", **dict(quiet, female=0))
    assert obs.open_decision(man, run(man, {"activity": ov.HIDE}, 2, n=3).state) == "church"
    # The odds: a way south found (a broker paid by the group), and more raids.
    m = model("crackdown-2023", **dict(LONG, offer_daily=0.0, raid_daily=0.0003, raid_warning_share=0.0))
    plan = {"activity": ov.WORK, "door": ov.DOOR_HIDE}
    none, linked = (run(m, dict(plan, church_call=c), 60, n=2000) for c in (0, 1))
    assert met(linked, "church_linked") > 0.95 and met(none, "church_none") > 0.95
    assert met(linked, "church_passage") > 0.05 and met(none, "church_passage") == 0.0
    assert met(linked, "door") > met(none, "door") * 1.3, (met(none, "door"), met(linked, "door"))
    # Before the churches closed (2017), more ways south were found.
    before = model("crackdown-2023", **dict(LONG, year=2017, offer_daily=0.0, raid_daily=0.0003, raid_warning_share=0.0))
    assert met(run(before, dict(plan, church_call=1), 60, n=2000), "church_passage") > met(linked, "church_passage") * 2


def test_the_automatic_player_leaves_the_church_group_to_the_player():
    m = model("crackdown-2023", **LONG)
    s = m.start(2, np.random.default_rng(0))
    s.extra["money"][:] = [0.0, 1e6]
    assert list(np.asarray(m.auto_action(s)["church_call"])) == [0, 0]


def test_a_journey_in_touch_with_a_church_replays_exactly():
    for seed in (1, 2):
        spec = JourneySpec("overland", "crackdown-2023", dict(LONG, raid_daily=0.002), seed)
        setup = setup_for(spec, SCENARIO)
        m = setup.model()
        sim = Simulation(m, 1, seed)
        for step in range(400):
            sim.step(dict(m.auto_action(sim.state), church_call=1, contacts=seed - 1))
            if sim.finished:
                break
        assert "church_linked" in [ev["code"] for ev in sim.events(0)]
        journey = Journey.from_json(Journey.from_simulation(sim, spec).to_json())
        track, outcome = replay_track(journey, setup)
        assert outcome == sim.outcome_of(0)
        assert [(s.x, s.y) for s in track] == [(s.x, s.y) for s in sim.journey]


def test_chances_side_by_side_are_said_apart():
    from game.scenes.overland.actions import chance_text

    assert chance_text(0.0) == "never"
    assert chance_text(0.01) == "about one time in 100" and chance_text(0.05) == "about one time in 20"
    assert chance_text(0.2) == "about one time in 5" and chance_text(0.28) == "about one time in 4"
    assert chance_text(0.5) == "about half the time" and chance_text(0.9) == "almost always"
