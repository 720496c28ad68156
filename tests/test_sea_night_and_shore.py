"""Two decisions of a crossing (issue 11 item 8): ashore, the night's weather (leave tonight or
wait another day: each boat may wait on alone for its own sky while others have left), and, with
nothing to drive the boat in sight of the North's coast, sail off along it, work on the engine or
let it carry the boat in. Each changes the odds the way the sea says (seeded), the automatic player
decides by its rule, the screen asks and the choices become the model's action, a replay repeats
the run exactly."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apphelp import frames, key, make_app
from game.levels import load_by_id, model_for
from game.scenes.sea.actions import CHOICE_LABELS, DECISIONS, PREP, PREP_TASK, SAIL, STOWED, Crew, sea_action
from game.sim.runner import Simulation, automatic, replaying, run_to_end
from game.sim.sea import AUTO_WEATHER_DAYS, PREP_WEATHER
from game.world.mapdata import load_map

N = 300


@pytest.fixture(scope="module")
def sea():
    sc = load_by_id("sea")
    return sc, load_map(sc.map_file)


def _model(sea, preset="defector-winter", **overrides):
    sc, world = sea
    return model_for(sc, sc.values(preset, {"report_per_day": 0.0, **overrides}), world)


def _leave_in(model, weather: str, seed=4):
    """The automatic player, except ashore: it never waits for the weather ("never"), or as its rule says."""
    auto = automatic(model)

    def policy(state):
        action = dict(auto(state))
        action["night"] = 0  # the nights as before the night's question: only the weather ashore differs
        if weather == "never":
            waits = np.asarray(action["prep"]) == PREP_WEATHER
            action["in_port"] = np.where(waits, 0.0, action["in_port"])
            action["prep"] = np.where(waits, 0.0, action["prep"])
        return action

    sim = Simulation(model, N, seed)
    run_to_end(sim, policy)
    return sim


@pytest.fixture(scope="module")
def winter_weather(sea):
    model = _model(sea)
    return model, _leave_in(model, "rule"), _leave_in(model, "never")


def test_waiting_out_a_rough_night_ashore_loses_fewer_boats_in_the_watched_waters(winter_weather):
    model, rule, never = winter_weather
    capsized_rule, capsized_never = rule.event_counts("capsized").sum(), never.event_counts("capsized").sum()
    assert capsized_rule < capsized_never
    landed = model.code("landed_alive")
    assert (rule.outcomes == landed).mean() > (never.outcomes == landed).mean()
    assert never.event_counts("prep_day").sum() < rule.event_counts("prep_day").sum()
    waited = [any(ev["code"] == "prep_day" and ev["task"] == PREP_WEATHER for ev in rule.events(i)) for i in range(N)]
    assert 0.1 < np.mean(waited) < 0.9  # each boat read its own sky: some waited, some did not


def test_a_day_waited_for_the_weather_is_a_day_someone_may_talk(sea):
    def reported(days):
        sim = Simulation(_model(sea, report_per_day=0.05), N, 8)
        for _ in range(days * 4):
            sim.step({"in_port": 1, "prep": PREP_WEATHER})
        return int((sim.event_counts("reported_ashore") > 0).sum())

    assert reported(0) == 0 < reported(2) < reported(5)


def test_a_boat_waiting_alone_stays_in_the_harbour_while_the_others_sail(sea):
    model = _model(sea)
    sim = Simulation(model, 4, 3)
    x0, hours0 = sim.state.extra["boat_x"].copy(), sim.state.hours.copy()
    wait = np.array([1.0, 0.0, 1.0, 0.0])
    for _ in range(4):
        sim.step({"in_port": wait, "prep": wait * PREP_WEATHER, "throttle": 0.55, "heading_deg": 135.0})
    e = sim.state.extra
    assert np.array_equal(e["harbour_steps"], [4, 0, 4, 0]) and np.array_equal(e["weather_steps"], [4, 0, 4, 0])
    assert np.allclose(e["boat_x"][[0, 2]], x0[[0, 2]]) and np.all(e["boat_x"][[1, 3]] != x0[[1, 3]])
    assert np.allclose(sim.state.hours, hours0 + 24.0) and np.allclose(e["days"], [0.0, 1.0, 0.0, 1.0])
    assert e["in_harbour"].tolist() == [True, False, True, False]
    # once at sea a boat cannot go back into the harbour: the in_port action no longer holds it
    at_sea = e["boat_x"][[1, 3]].copy()
    sim.step({"in_port": 1.0, "prep": PREP_WEATHER, "throttle": 0.55, "heading_deg": 135.0})
    e = sim.state.extra
    assert np.all(e["boat_x"][[1, 3]] != at_sea) and np.array_equal(e["harbour_steps"], [5, 0, 5, 0])


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 2**31 - 1))
def test_the_automatic_player_waits_a_day_at_a_time_and_at_most_its_days(sea, seed):
    model = _model(sea)
    sim = Simulation(model, 40, seed)
    auto = automatic(model)
    for _ in range(200):  # until every boat has left the harbour (the moon's wait, then the weather's)
        if not sim.state.extra["in_harbour"].any() or sim.finished:
            break
        sim.step(auto(sim.state))
    steps = sim.state.extra["weather_steps"]
    assert np.all(steps % 4 == 0) and np.all(steps <= AUTO_WEATHER_DAYS * 4)
    assert np.all(sim.state.extra["harbour_steps"] >= steps)


def test_the_weather_wait_is_replayed_exactly(sea):
    model = _model(sea, "defector-summer", nk_rescue_per_day=2.0)
    sim = Simulation(model, 1, 21)
    for _ in range(8):
        sim.step({"in_port": 1, "prep": PREP_WEATHER})
    for _ in range(30):
        if sim.finished:
            break
        sim.step({"in_port": 0, "throttle": 0.55, "heading_deg": 135.0})
    again = Simulation(model, 1, 21)
    run_to_end(again, replaying(model, sim.trace))
    assert again.events(0)[:len(sim.events(0))] == sim.events(0)
    assert sum(ev["code"] == "prep_day" and ev["task"] == PREP_WEATHER for ev in again.events(0)) == 2


# ---------------------------------------------------------------- the North's coast, adrift
def _adrift_near_home(model, answer, seed=11):
    """Leaving at once, the engine dead as the boat leaves (some engines can be mended, as the model
    draws them), within sight of the North's coast; the crew answers as ``answer`` from the moment the
    model tells it (the same condition, read from the state), the automatic player otherwise."""
    auto = automatic(model)

    def policy(state):
        action = {**auto(state), "in_port": 0.0, "prep": 0.0}
        e = state.extra
        ix, iy, _ = model._cells(e["boat_x"], e["boat_y"])
        now = (~e["engine_ok"] | (e["fuel_kg"] <= 0)) & (model.d_nk_km[iy, ix] < model.p["land_sighted_km"])
        sail, work = {"sail_off": (SAIL, 1.0), "repair": (STOWED, 1.0), "drift_in": (STOWED, 0.0)}[answer]
        action["tarp"] = np.where(now, float(sail), action["tarp"])
        action["repair"] = np.where(now, work, action["repair"])
        if answer == "sail_off":
            action["heading_deg"] = np.where(now, 135.0, np.asarray(action["heading_deg"], float))
        return action

    sim = Simulation(model, N, seed)
    e = sim.state.extra
    e["engine_ok"][:] = False
    e["engine_fixable"] = np.random.default_rng(seed).random(N) < model.p["engine_fixable"]
    run_to_end(sim, policy)
    return sim


@pytest.fixture(scope="module")
def adrift(sea):
    model = _model(sea, "defector-summer", nk_rescue_per_day=0.0)
    return model, {a: _adrift_near_home(model, a) for a in ("sail_off", "repair", "drift_in")}


def test_in_sight_of_the_norths_coast_adrift_the_crew_is_told_and_asked(adrift):
    model, runs = adrift
    told = runs["drift_in"].event_counts("nk_shore_drift")
    assert told.sum() >= 30 and told.max() == 1  # told once a voyage
    assert DECISIONS["nk_shore_drift"] == ("sail_off", "repair", "drift_in")
    assert all(k in CHOICE_LABELS for k in DECISIONS["nk_shore_drift"])


def test_working_on_the_engine_or_sailing_is_blown_back_less_than_letting_it_carry_you_in(adrift):
    model, runs = adrift
    back = model.code("turned_back")
    told = runs["drift_in"].event_counts("nk_shore_drift") > 0
    share = {a: float((sim.outcomes[told] == back).mean()) for a, sim in runs.items()}
    assert share["repair"] < share["drift_in"] - 0.1
    assert share["sail_off"] < share["drift_in"] - 0.05


def test_the_choices_become_the_models_action():
    crew = Crew()
    crew.choose("sail_off")
    assert crew.tarp == SAIL and crew.repair
    crew.choose("drift_in")
    a = sea_action(crew, True)
    assert a["tarp"] == STOWED and a["throttle"] == 0.0 and a["repair"] == 0
    crew.choose("go_tonight")  # ashore: nothing at sea changes
    assert PREP["prep_weather"] == ("wait_weather", "go_tonight") and PREP_TASK["wait_weather"] == PREP_WEATHER
    assert sea_action(crew, True, in_port=True, prep=PREP_TASK["wait_weather"])["prep"] == PREP_WEATHER


# ---------------------------------------------------------------- the screen
def test_the_screen_asks_the_nights_weather_and_waits_a_day_at_a_time():
    from game.scenes.sea.scene import PlayScene

    app = make_app()
    scene = PlayScene(app, load_by_id("sea"), "defector-winter", 2, overrides={"report_per_day": 0.0})
    app.push(scene)
    frames(app, 2)
    scene.set_out()
    for _ in range(5):
        if scene.decision == "prep_weather":
            break
        key(app, 0x32)  # 2: as it is, leave tonight
    assert scene.decision == "prep_weather" and "m/s" in scene.notice and scene.notice.endswith("another day?")
    assert "talks" not in scene.notice  # nobody can talk here (report_per_day 0): no word of it
    scene.model.p["report_per_day"] = 0.005
    assert "1 chance in 200 that someone talks" in scene.prep_text("prep_weather")
    scene.model.p["report_per_day"] = 0.0
    hours = float(scene.sim.state.hours[0])
    key(app, 0x31)  # 1: wait another day
    assert scene.decision == "prep_weather" and float(scene.sim.state.hours[0]) == hours + 24
    assert any(e["action"].get("prep") == PREP_WEATHER and e["action"].get("in_port") == 1
               for e in scene.sim.trace.entries)
    key(app, 0x32)  # 2: go tonight
    assert scene.decision == "leaving"


# ---------------------------------------------------------------- where the boat puts out from
def _put_out(sea, where, papers=False, n=N, seed=6, **overrides):
    model = _model(sea, "defector-summer", **overrides)
    sim = Simulation(model, n, seed)
    if papers:
        for _ in range(int(model.p["permit_days"] * 4)):
            sim.step({"in_port": 1, "prep": 3})
    sim.step({"in_port": 0, "put_out": where, "throttle": 0.55, "heading_deg": 135.0})
    return model, sim


def test_the_harbours_post_stops_boats_without_papers_and_seldom_with_them(sea):
    model, bare = _put_out(sea, 0)
    _m, papered = _put_out(sea, 0, papers=True)
    _m, cove = _put_out(sea, 1)
    stopped = {k: int(s.event_counts("harbour_post_stopped").sum()) for k, s in
               (("bare", bare), ("papered", papered), ("cove", cove))}
    assert stopped["cove"] == 0 < stopped["papered"] < stopped["bare"] / 2
    assert np.all(bare.outcomes[bare.event_counts("harbour_post_stopped") > 0] == model.code("turned_back"))
    _m, none = _put_out(sea, 0, harbour_post_stop=0.0)
    assert int(none.event_counts("harbour_post_stopped").sum()) == 0


def test_from_a_cove_the_engine_is_silent_while_the_boat_is_rowed_out(sea):
    model, cove = _put_out(sea, 1, n=20)
    _m, harbour = _put_out(sea, 0, n=20, harbour_post_stop=0.0)
    rows = int(round(model.p["cove_row_hours"] / model.step_hours))
    assert rows >= 1 and not cove.state.extra["engine_running"].any() and harbour.state.extra["engine_running"].all()
    assert np.all(cove.state.extra["km_powered"] == 0) and np.all(harbour.state.extra["km_powered"] > 0)
    for _ in range(rows):
        cove.step({"in_port": 0, "put_out": 1, "throttle": 0.55, "heading_deg": 135.0})
    assert cove.state.extra["engine_running"][cove.state.active].all()


def test_without_papers_a_cove_turns_fewer_back_than_the_harbour(sea):
    model = _model(sea, "defector-summer")
    auto = automatic(model)
    back = {}
    for where in (0, 1):
        sim = Simulation(model, N, 9)
        run_to_end(sim, lambda s, w=where: {**auto(s), "put_out": np.full(s.n, float(w))})
        back[where] = float((sim.outcomes == model.code("turned_back")).mean())
    assert back[1] < back[0] - 0.05


def test_the_screen_asks_where_to_put_out_from_and_the_choice_is_recorded():
    from game.scenes.sea.scene import PlayScene

    app = make_app()
    scene = PlayScene(app, load_by_id("sea"), "defector-summer", 3, overrides={"report_per_day": 0.0})
    app.push(scene)
    frames(app, 2)
    scene.set_out()
    for _ in range(6):
        if scene.decision == "prep_where":
            break
        key(app, 0x32)
    assert scene.decision == "prep_where" and "guard post" in scene.notice and "in 10" in scene.notice
    key(app, 0x31)  # 1: from a cove
    assert scene.crew.put_out == 1 and scene.decision == "prep_weather"
    key(app, 0x32)  # 2: go tonight
    assert scene.decision == "leaving"
    key(app, 0x32)  # alone in the dark
    scene.steps_per_second = 60.0
    for _ in range(200):
        frames(app)
        if scene.sim.state.step > scene.sim.state.extra["port_steps"]:
            break
    first = [e["action"] for e in scene.sim.trace.entries if e["action"].get("in_port", 0) == 0][0]
    assert first["put_out"] == 1


def test_the_what_if_puts_out_from_the_other_place_for_a_crossing_only():
    from game.journey import Journey, JourneySpec, what_if

    sea = load_by_id("sea")
    values = sea.values("defector-summer")
    record = Journey(JourneySpec("sea", "defector-summer", {}, 1),
                     choices=[{"step": 0, "action": {"in_port": 1, "prep": 0, "put_out": 1}},
                              {"step": 4, "action": {"in_port": 0, "put_out": 1}}])
    cf = what_if(sea, values, record)
    assert cf["choice"] == {"put_out": 0} and cf["choice_changes"] == {"put_out": (1, 0)}
    assert "harbour" in cf["label"]
    fishing = sea.values("fishing-2017")
    cf = what_if(sea, fishing, record)
    assert "put_out" not in cf.get("choice", {}) and cf["changes"]  # the month, not where from


def test_the_ending_recalls_the_engine_in_a_short_sentence_not_its_question():
    from game.scenes.sea.scene import PlayScene

    app = make_app()
    scene = PlayScene(app, load_by_id("sea"), "defector-summer", 3)
    app.push(scene)
    frames(app, 2)
    scene.set_out(ask=False)
    log = scene.sim.state.log
    log.append((3, "engine_failed", None, {"x": 1.0, "y": 1.0}))
    log.append((5, "home_coast", None, {"adrift": 1, "x": 1.0, "y": 1.0}))
    assert scene.narrator.entry("home_coast").ends
    text = scene.ending_text()
    assert "The engine had stopped." in text and "tarpaulin" not in text
    assert scene.narrator.text({"step": 5, "code": "home_coast", "adrift": 1}) in text


def test_bad_news_that_is_no_cause_is_not_recalled_in_the_ending():
    from game.scenes.sea.scene import PlayScene

    app = make_app()
    scene = PlayScene(app, load_by_id("sea"), "defector-summer", 3)
    app.push(scene)
    frames(app, 2)
    scene.set_out(ask=False)
    log = scene.sim.state.log
    log.append((3, "water_rising", None, {"pct": 17.0, "x": 1.0, "y": 1.0}))
    log.append((5, "fleet_took_home", None, {"km": 290.0, "x": 1.0, "y": 1.0}))
    text = scene.ending_text()
    assert "Water is coming in" not in text and "290 km" in text


def test_no_current_arrow_is_drawn_across_a_place_name():
    import pygame

    from game.scenes.sea.scene import PlayScene
    from game.ui.theme import OKABE_ITO

    app = make_app()
    scene = PlayScene(app, load_by_id("sea"), "defector-winter", 3)
    app.push(scene)
    frames(app, 2)
    scene.set_out(ask=False)
    scene.show_currents = True
    frames(app, 2)
    painter, view = scene.painter, scene.view()
    assert painter.name_boxes
    img = painter.overlay(view, scene.map_rect, scene.observation(), True, False)
    ox, oy = view.world_to_screen(scene.map_rect, 0, 0)
    blue = pygame.Color(*OKABE_ITO["blue"])
    for box in painter.name_boxes:
        r = pygame.Rect(box).move(round(ox) - scene.map_rect.x, round(oy) - scene.map_rect.y).clip(img.get_rect())
        hits = sum(img.get_at((x, y))[:3] == blue[:3] for x in range(r.left, r.right) for y in range(r.top, r.bottom))
        assert hits == 0, box


def test_a_record_with_the_new_choices_passes_the_trace_check(sea):
    """The classroom host and `simulate --choices` refuse a record whose actions are out of the model's limits."""
    from game.sim.montecarlo import check_trace

    model = _model(sea, "defector-summer")
    sim = Simulation(model, 1, 9)
    for _ in range(4):
        sim.step({"in_port": 1, "prep": PREP_WEATHER})
    sim.step({"in_port": 0, "put_out": 1})
    sim.step({"in_port": 0, "put_out": 0})
    check_trace(model, sim.trace)
