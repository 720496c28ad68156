"""More to decide before the first risk (issue 11, item 8): before the river, the way to
the border town (a travel permit bought with a bribe, or the train without one) and where
to wait there (an aunt's house, or the hills); on the Mongolia road, the water carried
into the Gobi, by day or by night, and soldiers seen far off (walk to them, or keep
hidden); in the years of the cameras, going out to work or staying inside. Action
fields, the same for the player (n=1) and the replays; seeded, small runs.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from game.journey import Journey, JourneySpec, replay_track, setup_for
from game.levels import load_by_id, model_for
from game.scenes.overland import observation as obs
from game.sim import overland as ov
from game.sim.runner import Simulation
from game.world.mapdata import load_map

SCENARIO = load_by_id("overland")
WORLD = load_map(SCENARIO.map_file)
HOME = dict(SCENARIO.raw["profiles"]["hamgyong_woman"]["set"])
LONG = dict(SCENARIO.raw["profiles"]["long_in_china"]["set"])


def model(preset: str = "thailand-2017", **overrides) -> ov.Model:
    return model_for(SCENARIO, SCENARIO.values(preset, overrides), WORLD)


def met(sim: Simulation, code: str) -> float:
    return float(np.mean(sim.event_counts(code) > 0))


def at_home(m: ov.Model, n: int, seed: int = 5) -> Simulation:
    """Everyone at home with the phone, the company and the sale behind her: the permit is asked."""
    sim = Simulation(m, n, seed)
    e = sim.state.extra
    for key in ("pending_phone", "pending_company", "pending_sell"):
        e[key][:] = 0
    return sim


# ---------------------------------------------------------------- before the river

def test_the_permit_and_where_to_wait_are_asked_after_the_sale_one_a_day():
    m = model(**HOME)
    sim = Simulation(m, 1, 3)
    asked = []
    for _ in range(6):
        asked.append(obs.open_decision(m, sim.state))
        sim.step(dict(m.default_action, activity=ov.HIDE), record=False)
    assert asked[:5] == ["phone", "company", "sell", "permit", "stay"] or sim.finished
    # Someone who starts in China is asked neither.
    e = model("crackdown-2023", **LONG).start(2, np.random.default_rng(0)).extra
    assert not e["pending_permit"].any() and not e["pending_stay"].any()


def test_without_a_permit_some_are_taken_off_the_train_and_with_one_it_costs_the_bribe():
    m = model(**HOME)
    none, bought = at_home(m, 4000), at_home(m, 4000)
    none.step(dict(m.default_action, activity=ov.HIDE, permit=0), record=False)
    bought.step(dict(m.default_action, activity=ov.HIDE, permit=1), record=False)
    p = float(m.params["permit_caught"])
    assert abs(met(none, "caught_train") - p) < 0.02 and met(bought, "caught_train") == 0.0
    assert np.allclose(bought.state.extra["money"], float(m.params["start_money"]) - float(m.params["permit_cost"]))
    assert met(bought, "permit_bought") == 1.0 and bought.state.extra["permit"].all()


def _nights(m: ov.Model, permit: int, stay: int, nights: int = 10, n: int = 3000) -> Simulation:
    sim = at_home(m, n)
    sim.step(dict(m.default_action, activity=ov.HIDE, permit=permit), record=False)
    for _ in range(nights + 1):
        sim.step(dict(m.default_action, activity=ov.HIDE, permit=permit, stay=stay), record=False)
    return sim


def test_at_the_aunts_a_lodging_check_finds_only_a_guest_without_a_permit():
    m = model(**dict(HOME, permit_caught=0.0))
    without, with_permit, hills = _nights(m, 0, 0), _nights(m, 1, 0), _nights(m, 0, 1)
    assert met(without, "caught_guest") > 0.15 and met(with_permit, "caught_guest") == 0.0
    # In the hills: no lodging check, but the patrols, and the cold nights wear her down.
    assert met(hills, "caught_guest") == 0.0 and met(hills, "caught_hills") > 0.0
    assert float(np.mean(hills.state.extra["health"][hills.state.active])) < 1.0
    assert met(without, "stay_aunt") == 1.0 and met(hills, "stay_hills") == 1.0


def test_the_words_say_each_way_in_words():
    m = model(**HOME)
    sim = at_home(m, 1)
    assert "lodging check" in obs.permit_words(m, sim.state)
    assert "a night" in obs.stay_words(m, sim.state)
    sim.state.extra["permit"][:] = True
    assert "papers in order" in obs.stay_words(m, sim.state)


# ---------------------------------------------------------------- the Gobi

def _to_erenhot(m: ov.Model, n: int, seed: int = 7) -> Simulation:
    """Everyone arriving at Erenhot from Beijing with a broker, the Gobi ahead."""
    sim = Simulation(m, n, seed)
    places = [pl.id for pl in m.places]
    e = sim.state.extra
    for key in ("pending_phone", "pending_company", "pending_sell", "pending_permit", "pending_stay"):
        e[key][:] = 0
    e["crossed"][:] = True
    e["node"][:] = places.index("beijing")
    e["leg"][:] = int(m.next_leg[places.index("beijing"), 1])
    e["km_done"][:] = float(m.leg_km[int(e["leg"][0])]) - 1.0
    e["leg_mode"][:] = ov.TRAIN
    e["broker"][:] = 1
    e["money"][:] = 2000.0
    return sim


def _walk(m: ov.Model, water: int, night: int, soldiers: int = 0, n: int = 3000, days: int = 12) -> Simulation:
    sim = _to_erenhot(m, n)
    go = dict(m.default_action, activity=ov.TRAVEL, route=1, water=water, by_night=night, soldiers=soldiers,
              ford=0, haste=1, pay=ov.CALM)
    for _ in range(days):
        sim.step(go, record=False)
        if sim.finished:
            break
    return sim


def test_the_water_and_the_night_are_asked_at_erenhot_before_the_walk():
    m = model("mongolia-2017", **HOME)
    sim = _to_erenhot(m, 1)
    sim.step(dict(m.default_action, activity=ov.TRAVEL, route=1), record=False)
    assert obs.open_decision(m, sim.state) == "water" and met(sim, "water") == 1.0
    assert "patrol" in obs.water_words(m, sim.state, {"by_night": 0})
    sim.step(dict(m.default_action, activity=ov.TRAVEL, route=1, water=1), record=False)
    assert obs.open_decision(m, sim.state) == "night" and int(sim.state.extra["leg"][0]) < 0
    assert "compass" in obs.night_words(m, sim.state, {})


def test_little_water_costs_more_strength_and_a_lot_or_the_night_take_longer():
    m = model("mongolia-2017", **dict(HOME, soldiers_return=0.0, stopover_mean_days=0.0))
    # A day on the walk (the water, then the night, are answered first): thirst with little water.
    light, heavy = _walk(m, 0, 0, days=3), _walk(m, 1, 0, days=3)
    assert float(np.mean(light.state.extra["health"])) < float(np.mean(heavy.state.extra["health"]))
    # Walking on past the soldiers to the post: light, she is across sooner.
    light, heavy = _walk(m, 0, 0, soldiers=1, days=5), _walk(m, 1, 0, soldiers=1, days=5)
    goal = m.code("reached_mongolia")
    assert float(np.mean(light.state.outcome == goal)) > float(np.mean(heavy.state.outcome == goal))
    day, night = _walk(m, 1, 0, days=12), _walk(m, 1, 1, days=12)
    assert met(night, "gobi_by_night") > 0.95 and met(day, "gobi_by_day") > 0.95  # (a few stopped before Erenhot)
    assert met(night, "check_ahead") < met(day, "check_ahead")


def test_soldiers_halfway_walked_to_end_the_walk_and_hidden_lose_the_way():
    m = model("mongolia-2017", **dict(HOME, stopover_mean_days=0.0, check_gobi=0.0, check_inner_mongolia=0.0))
    to_them, hidden = _walk(m, 1, 0, soldiers=0, days=5), _walk(m, 1, 0, soldiers=1, days=5)
    assert met(to_them, "soldiers") > 0.98 and met(hidden, "soldiers") > 0.98  # (a cheap broker may vanish)
    back = met(to_them, "soldiers_returned")
    assert abs(back - float(m.params["soldiers_return"])) < 0.03 and met(to_them, "soldiers_met") > 0.8
    assert met(hidden, "soldiers_hidden") > 0.98
    # Walking to them ends it at once; hidden, she is still walking.
    assert to_them.state.active.mean() < 0.02
    assert hidden.state.active.mean() > 0.9
    assert "Mongolia usually" in obs.soldiers_words(m, hidden.state)


@settings(max_examples=20, deadline=None)
@given(water=st.integers(0, 1), night=st.integers(0, 1), ford=st.integers(0, 1),
       check=st.floats(0.0, 1.0), factor=st.floats(0.0, 1.0))
def test_the_gobi_walks_chances_are_chances_and_the_night_never_adds_patrols(water, night, ford, check, factor):
    m = model("mongolia-2017", **dict(HOME, check_gobi=check, gobi_night_check_factor=factor))
    sim = _to_erenhot(m, 1)
    e = sim.state.extra
    e["node"][:] = [pl.id for pl in m.places].index("erenhot")
    e["leg"][:] = -1
    days, patrol, loss = obs._gobi_walk(m, sim.state, water, night, ford)
    assert days >= 1 and 0.0 <= patrol <= 1.0 and loss >= 0.0
    per_day = [1.0 - (1.0 - c) ** (1.0 / d) for d, c, _l in (obs._gobi_walk(m, sim.state, water, k, ford)
                                                           for k in (0, 1))]
    # Per day the night never adds patrols (over the walk it may: more days).
    assert per_day[1] <= per_day[0] + 1e-9


# ---------------------------------------------------------------- the cameras (2020 on)

def _settled_in_yanji(m: ov.Model, n: int) -> Simulation:
    sim = Simulation(m, n, 9)
    e = sim.state.extra
    for key in ("pending_lodging", "pending_mobile", "pending_contacts", "pending_church"):
        e[key][:] = 0
    for key in ("lodging_asked", "mobile_asked", "contacts_asked", "church_asked"):
        e[key][:] = True
    return sim


def test_the_cameras_are_asked_only_from_the_crackdown_and_staying_inside_is_safer_and_pays_less():
    m = model("crackdown-2023", **dict(LONG, campaign_per_year=0.0, offer_daily=0.0))
    sim = _settled_in_yanji(m, 2)
    sim.step(dict(m.default_action, activity=ov.WORK), record=False)
    assert obs.open_decision(m, sim.state) == "indoors"
    assert "cameras" in obs.indoors_words(m, sim.state)
    old = model("thailand-2017", **LONG)
    later = _settled_in_yanji(old, 2)
    later.step(dict(old.default_action, activity=ov.WORK), record=False)
    assert obs.open_decision(old, later.state) != "indoors"
    out, inside = (_settled_in_yanji(m, 4000) for _ in range(2))
    for sim, keep in ((out, 0), (inside, 1)):
        for _ in range(40):
            sim.step(dict(m.default_action, activity=ov.WORK, indoors=keep, door=ov.DOOR_HIDE), record=False)
    assert met(inside, "indoors_in") > 0.98 and met(out, "indoors_out") > 0.98  # (a raid on the first day)
    assert met(inside, "door") < met(out, "door")
    alive = out.state.active & inside.state.active
    assert float(np.mean(inside.state.extra["money"][alive])) < float(np.mean(out.state.extra["money"][alive]))
    assert "disagree" in obs.price_conflict(m) and obs.price_conflict(old) == ""


# ---------------------------------------------------------------- the automatic player and replays

def test_the_automatic_player_answers_each_by_its_rule():
    m = model("mongolia-2017", **HOME)
    act = m.auto_action(m.start(1, np.random.default_rng(0)))
    assert (act["permit"], act["stay"], act["water"], act["by_night"], act["soldiers"], act["indoors"]) == (
        1, 0, 1, 1, 0, 0)
    poor = model("mongolia-2017", **dict(HOME, start_money=10.0))
    assert poor.auto_action(poor.start(1, np.random.default_rng(0)))["permit"] == 0


@pytest.mark.parametrize("seed", [1, 2])
def test_a_journey_with_these_choices_replays_exactly(seed):
    spec = JourneySpec("overland", "mongolia-2017", dict(HOME), seed)
    setup = setup_for(spec, SCENARIO)
    m = setup.model()
    sim = Simulation(m, 1, seed)
    for _ in range(200):
        act = dict(m.auto_action(sim.state), permit=seed % 2, stay=1 - seed % 2, water=0, by_night=seed % 2,
                   soldiers=1)
        sim.step(act)
        if sim.finished:
            break
    codes = [ev["code"] for ev in sim.events(0)]
    assert any(c in codes for c in ("permit_bought", "permit_none", "caught_train"))
    journey = Journey.from_json(Journey.from_simulation(sim, spec).to_json())
    track, outcome = replay_track(journey, setup)
    assert outcome == sim.outcome_of(0)
    assert [(s.x, s.y) for s in track] == [(s.x, s.y) for s in sim.journey]


def test_after_the_cameras_she_may_leave_the_border_for_a_town_inland():
    m = model("crackdown-2023", **dict(LONG, campaign_per_year=0.0, offer_daily=0.0, raid_daily=0.0))
    sim = _settled_in_yanji(m, 2)
    e = sim.state.extra
    e["indoors_asked"][:] = True
    sim.step(dict(m.default_action, activity=ov.WORK), record=False)
    assert obs.open_decision(m, sim.state) == "move" and met(sim, "move_town") == 1.0
    words = obs.move_words(m, sim.state)
    assert "Shenyang" in words and "stopped" in words
    stay, go = _settled_in_yanji(m, 2), _settled_in_yanji(m, 2)
    for s, answer in ((stay, 0), (go, 1)):
        s.state.extra["indoors_asked"][:] = True
        s.step(dict(m.default_action, activity=ov.WORK), record=False)
        s.step(dict(m.default_action, activity=ov.WORK, move_town=answer), record=False)
    assert (stay.state.extra["leg"] < 0).all() and met(stay, "move_stay") == 1.0
    assert (go.state.extra["leg"] >= 0).all() and met(go, "move_inland") == 1.0
    # Away from the border, the police come less often.
    real = model("crackdown-2023", **LONG)
    args = dict(work=False, broker=0, papers=False, campaign=False)
    assert float(real.raid_chance(border=False, **args)) < float(real.raid_chance(border=True, **args))
