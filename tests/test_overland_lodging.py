"""Where she lives while in hiding in China: a rented room in town, or with the
family who employ her (less pay, fewer visits from the police). Asked once,
on the first day for someone who starts in China; an action field, the same
for the player (n=1) and the replays; seeded, small runs.
"""

from __future__ import annotations

import numpy as np

from game.journey import Journey, JourneySpec, replay_track, setup_for
from game.levels import load_by_id, model_for
from game.sim import overland as ov
from game.sim.runner import Simulation
from game.world.mapdata import load_map

SCENARIO = load_by_id("overland")
WORLD = load_map(SCENARIO.map_file)
LONG = dict(SCENARIO.raw["profiles"]["long_in_china"]["set"])


def model(preset: str = "crackdown-2023", **overrides) -> ov.Model:
    return model_for(SCENARIO, SCENARIO.values(preset, overrides), WORLD)


def run(m: ov.Model, action: dict, days: int, n: int = 1000, seed: int = 4) -> Simulation:
    sim = Simulation(m, n, seed)
    for _ in range(days):
        sim.step(dict(m.default_action, **action), record=False)
        if sim.finished:
            break
    return sim


def met(sim: Simulation, code: str) -> float:
    return float(np.mean(sim.event_counts(code) > 0))


def test_someone_who_starts_in_china_is_asked_on_the_first_day_and_the_answer_holds():
    m = model(**LONG)
    fresh = m.start(3, np.random.default_rng(0))
    assert (fresh.extra["pending_lodging"] == 1).all()
    from game.scenes.overland import observation as obs

    assert obs.open_decision(m, fresh) == "lodging"
    room, family = (run(m, {"activity": ov.HIDE, "lodging": c}, 1, n=50) for c in (ov.ROOM, ov.FAMILY))
    assert met(room, "lodging_room") == 1.0 and met(family, "lodging_family") == 1.0
    assert (family.state.extra["lodging"] == ov.FAMILY).all() and not family.state.extra["pending_lodging"].any()
    # Someone who starts at home is not asked before China.
    home = model("thailand-2017", **dict(LONG, start_in_china=0))
    assert not home.start(3, np.random.default_rng(0)).extra["pending_lodging"].any()


def test_with_the_family_the_police_come_less_often_and_the_pay_is_less():
    base = dict(LONG, raid_daily=0.0005, raid_warning_share=0.0, offer_daily=0.0)
    m = model(**base)
    plan = {"activity": ov.WORK, "door": ov.DOOR_HIDE}
    room, family = (run(m, dict(plan, lodging=c), 30) for c in (ov.ROOM, ov.FAMILY))
    knocked_room, knocked_family = met(room, "door"), met(family, "door")
    assert knocked_room > 0.1
    assert knocked_family < knocked_room * 0.75, (knocked_room, knocked_family)
    # The pay: with the family, about family_wage_factor of the room's (among those still free).
    def earned(sim):
        free = sim.state.active
        return float(np.mean(sim.state.extra["money"][free]))
    assert earned(family) < earned(room)
    # The chance itself, as the panel tells it.
    args = dict(border=True, work=False, broker=0, papers=False, campaign=False)
    assert float(m.raid_chance(family=True, **args)) == float(m.raid_chance(**args)) * float(m.params["family_raid_factor"])


def test_the_automatic_player_lives_with_the_family_only_during_a_campaign():
    m = model(**LONG)
    s = m.start(4, np.random.default_rng(0))
    s.extra["campaign"][:] = [0, 5, 0, 3]
    assert list(np.asarray(m.auto_action(s)["lodging"])) == [ov.ROOM, ov.FAMILY, ov.ROOM, ov.FAMILY]


def test_a_journey_that_chose_where_to_live_replays_exactly():
    for seed, lodging in ((1, ov.FAMILY), (2, ov.ROOM), (3, ov.FAMILY)):
        spec = JourneySpec("overland", "crackdown-2023", dict(LONG, raid_daily=0.02), seed)
        setup = setup_for(spec, SCENARIO)
        m = setup.model()
        sim = Simulation(m, 1, seed)
        for step in range(90):
            sim.step(dict(m.default_action, activity=ov.WORK if step < 40 else ov.TRAVEL, lodging=lodging,
                          door=ov.DOOR_HIDE))
            if sim.finished:
                break
        assert sim.events(0)[0]["code"] == ("lodging_family" if lodging == ov.FAMILY else "lodging_room")
        journey = Journey.from_json(Journey.from_simulation(sim, spec).to_json())
        track, outcome = replay_track(journey, setup)
        assert outcome == sim.outcome_of(0)
        assert [(s.x, s.y) for s in track] == [(s.x, s.y) for s in sim.journey]


def test_the_panel_says_the_pay_and_the_police_each_way_in_words():
    from game.scenes.overland import observation as obs

    m = model(**LONG)
    words = obs.lodging_words(m, m.start(1, np.random.default_rng(0)))
    assert "$10 a day" in words and "$5 a day" in words and "within a month" in words
    safer = model(**dict(LONG, family_raid_factor=0.0))
    assert obs.lodging_words(safer, safer.start(1, np.random.default_rng(0))).endswith("never.")


def test_a_phone_is_asked_the_day_after_where_to_live_and_brings_warnings_and_raids():
    m = model(**dict(LONG, offer_daily=0.0))
    one = run(m, {"activity": ov.HIDE}, 1, n=20)
    assert (one.state.extra["pending_mobile"] == 1).all() and met(one, "mobile") == 1.0
    from game.scenes.overland import observation as obs

    assert obs.open_decision(m, one.state) == "mobile"
    base = dict(LONG, raid_daily=0.0005, offer_daily=0.0, move_caught=0.0, move_cost=0.0)
    m = model(**base)
    plan = {"activity": ov.HIDE, "door": ov.DOOR_HIDE, "flee": 1}
    none, kept = (run(m, dict(plan, mobile=c), 40, n=2000) for c in (0, 1))
    assert met(none, "mobile_none") > 0.95 and met(kept, "mobile_kept") > 0.95  # (a few: the door first)
    assert kept.state.extra["mobile"].mean() > 0.95 and not none.state.extra["mobile"].any()
    # More warnings with a phone, and (moving costs nothing and is never caught here) fewer at the door.
    assert met(kept, "warned") > met(none, "warned") * 1.3, (met(none, "warned"), met(kept, "warned"))
    assert met(kept, "door") < met(none, "door"), (met(none, "door"), met(kept, "door"))
    # Without the warning's worth (no one can move), a phone only draws the police.
    still = dict(plan, flee=0)
    none, kept = (run(m, dict(still, mobile=c), 40, n=2000) for c in (0, 1))
    assert float(np.mean(kept.event_counts("warned") + kept.event_counts("door"))) > \
        float(np.mean(none.event_counts("warned") + none.event_counts("door")))


def test_the_automatic_player_keeps_a_phone_when_it_could_pay_to_move():
    m = model(**LONG)
    s = m.start(2, np.random.default_rng(0))
    s.extra["money"][:] = [float(m.params["move_cost"]) - 1, float(m.params["move_cost"])]
    assert list(np.asarray(m.auto_action(s)["mobile"])) == [0, 1]


def test_a_journey_that_kept_a_phone_replays_exactly():
    for seed in (1, 2, 3):
        spec = JourneySpec("overland", "crackdown-2023", dict(LONG, raid_daily=0.003), seed)
        setup = setup_for(spec, SCENARIO)
        m = setup.model()
        sim = Simulation(m, 1, seed)
        for step in range(90):
            sim.step(dict(m.default_action, activity=ov.HIDE if step < 40 else ov.TRAVEL, mobile=1, flee=1,
                          door=ov.DOOR_RUN))
            if sim.finished:
                break
        codes = [ev["code"] for ev in sim.events(0)]
        assert codes[0] == "lodging_room" and "mobile_kept" in codes
        journey = Journey.from_json(Journey.from_simulation(sim, spec).to_json())
        track, outcome = replay_track(journey, setup)
        assert outcome == sim.outcome_of(0)
        assert [(s.x, s.y) for s in track] == [(s.x, s.y) for s in sim.journey]
