"""The sea journey's added decisions: how a crossing leaves the coast, the Yamato Banks ahead
of a crossing, and a fishing crew that fishes on or heads home. The model's odds move the
way the record and the sea say (seeded), the automatic player makes them too, the screen
asks them and waits, and a replay repeats the run exactly."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apphelp import frames, key, make_app, sea_ashore_as_is, tap
from game.journey import world_for
from game.levels import load_by_id, model_for
from game.narrator import Narrator
from game.scenes.sea.actions import DECISIONS, LEAVING, Crew, decisions_for, sea_action
from game.sim.runner import Simulation, automatic, replaying, run_to_end

N = 300


@pytest.fixture(scope="module")
def sea():
    return load_by_id("sea")


def _model(sea, preset, **values):
    return model_for(sea, sea.values(preset, values), world_for(sea))


def _outcomes(sea, preset, over, n=N, seed=1, **values):
    model = _model(sea, preset, **values)
    auto = automatic(model)

    def policy(state):
        action = dict(auto(state))
        action.update(over(model, state))
        return action

    sim = Simulation(model, n, seed)
    run_to_end(sim, policy)
    o = sim.outcomes
    return {name: float((o == i).mean()) for i, name in enumerate(model.outcomes)}, sim


def fish_for(days):
    """A fishing crew that works the grounds for ``days`` and then heads home, whatever its water."""
    return lambda m, s: {"fish": (s.extra["days"] < days).astype(float),
                         "turn_back": (s.extra["days"] >= days).astype(float)}


def test_fishing_on_keeps_fewer_crews_coming_home(sea):
    home_now, _ = _outcomes(sea, "fishing-2017", fish_for(0))
    fish_on, _ = _outcomes(sea, "fishing-2017", fish_for(6))
    # a week more on the grounds with five days of water: fewer boats reach home
    assert fish_on["turned_back"] < home_now["turned_back"] - 0.05
    lost = lambda o: o["lost_at_sea"] + o["ashore_dead"] + o["ashore_empty"]  # noqa: E731
    assert lost(fish_on) > lost(home_now)


def test_a_crew_working_the_grounds_stays_on_them_and_is_asked_each_morning(sea):
    model = _model(sea, "fishing-2017")
    sim = Simulation(model, 1, 3)
    p = model.p
    for _ in range(12):  # three days
        sim.step({**model.default_action, "fish": 1, "heading_deg": 0.0, "throttle": 1.0})
    e = sim.state.extra
    _b, off = model._bearing_to(e["boat_x"], e["boat_y"], p["start_lon"], p["start_lat"])
    assert float(off[0]) < p["start_spread_km"] + 30  # not steaming north at full speed
    asked = [ev for ev in sim.events(0) if ev["code"] == "fishing_done"]
    if not sim.finished:
        assert [ev["days"] for ev in asked] == [2.0, 3.0]  # after its two days, each morning
    # turning for home ends the fishing: no more asking
    sim.step({**model.default_action, "fish": 1, "turn_back": 1})
    for _ in range(8):
        sim.step({**model.default_action, "fish": 0, "turn_back": 1})
    assert len([ev for ev in sim.events(0) if ev["code"] == "fishing_done"]) == len(asked)


def test_fishing_means_nothing_to_a_crossing(sea):
    runs = []
    for fish in (0, 1):
        model = _model(sea, "defector-summer")
        sim = Simulation(model, 1, 5)
        for _ in range(6):
            sim.step({**model.default_action, "fish": fish})
        runs.append(float(sim.state.extra["boat_x"][0]))
    assert runs[0] == runs[1]


def test_passing_for_a_fishing_boat_among_the_fleet_meets_fewer_of_its_boats(sea):
    # A crossing boat hiding from every ship: only how often the fleet's boats come close differs.
    def among(cover):
        return lambda m, s: {"cover": np.full(s.n, cover), "signal": np.zeros(s.n)}

    plain, sim0 = _outcomes(sea, "defector-winter", among(0.0))
    covered, sim1 = _outcomes(sea, "defector-winter", among(1.0))

    def fleet_sightings(sim):
        return sum(1 for i in range(N) for ev in sim.events(i) if ev["code"] == "ship_sighted" and ev["kind"] == 0)

    assert fleet_sightings(sim1) < 0.6 * fleet_sightings(sim0)
    assert covered["turned_back"] < plain["turned_back"]


def test_the_banks_ahead_are_told_once_to_a_crossing_only(sea):
    _o, sim = _outcomes(sea, "defector-summer", lambda m, s: {}, n=60)
    told = [[ev for ev in sim.events(i) if ev["code"] == "grounds_ahead"] for i in range(60)]
    assert sum(1 for t in told if t) > 30 and all(len(t) <= 1 for t in told)
    model = sim.model
    for t in told:
        if t:
            assert 0 <= t[0]["km"] <= model.p["fleet_radius_km"]
    _o, fishing = _outcomes(sea, "fishing-2017", lambda m, s: {}, n=60)
    assert not any(ev["code"] == "grounds_ahead" for i in range(60) for ev in fishing.events(i))


def test_leaving_in_the_dark_at_full_speed_against_among_the_fishing_boats(sea):
    """The first decision's two answers, each held until the boat is out of the watched waters."""
    def leave(choice):
        crew = Crew(throttle_i=2)
        crew.choose(choice)
        first = sea_action(crew, crossing=True)

        def policy(m, s):
            ix, iy, _ = m._cells(s.extra["boat_x"], s.extra["boat_y"])
            near = m.d_nk_km[iy, ix] < m.p["nk_waters_km"]
            return {"cover": np.where(near, first["cover"], 0), "throttle": np.where(near, first["throttle"], 0.55),
                    "in_port": 0, "bribe": 0}  # leaving at once, under the preset's moon; held, no bribe
        return policy

    dark, _ = _outcomes(sea, "defector-summer", leave("leave_dark"), n=600, nk_rescue_per_day=1.5)
    fleet, _ = _outcomes(sea, "defector-summer", leave("leave_with_fleet"), n=600, nk_rescue_per_day=1.5)
    # With a busy watch, both answers change the odds of being taken back: the choice matters.
    assert abs(dark["turned_back"] - fleet["turned_back"]) > 0.02


@settings(max_examples=12, deadline=None)
@given(fish=st.booleans(), cover=st.booleans(), seed=st.integers(0, 2**16), preset=st.sampled_from(
    ["fishing-2017", "defector-winter"]))
def test_risks_stay_probabilities_with_the_new_choices(sea, fish, cover, seed, preset):
    model = _model(sea, preset)
    sim = Simulation(model, 20, seed)
    for _ in range(16):
        sim.step({**model.auto_action(sim.state), "fish": np.full(20, float(fish)), "cover": np.full(20, float(cover))})
        assert np.all((sim.state.risk >= 0) & (sim.state.risk <= 1))
        e = sim.state.extra
        assert np.all((e["in_sight"] >= -1) & (e["in_sight"] <= 4)) and np.all(e["fuel_kg"] >= 0)  # 4: a cargo ship
        # without GPS: the reckoning is never farther off than the crew's doubt (within the map's
        # projection: east-west kilometres are counted at slightly different latitudes)
        assert np.all(e["reckon_km"] <= e["drift_km"] * 1.02 + 1.0)


def test_the_new_moments_ask_their_choices():
    crew = Crew()
    assert decisions_for(["grounds_ahead"], crew) == [("grounds_ahead", ("grounds_cover", "grounds_dark"))]
    assert decisions_for(["fishing_done"], crew) == [("fishing_done", ("head_home", "fish_on"))]
    for keys in LEAVING.values():
        for k in keys:
            Crew().choose(k)
    crew = Crew(throttle_i=2)
    crew.choose("fish_on")
    assert sea_action(crew, crossing=False)["fish"] == 1 and sea_action(crew, crossing=True)["fish"] == 0
    crew.turn(15)  # a new course ends the fishing
    assert not crew.fishing and sea_action(crew, crossing=False)["fish"] == 0
    crew.choose("fish_on")
    crew.choose("head_home")
    assert sea_action(crew, crossing=False)["turn_back"] == 1 and sea_action(crew, crossing=False)["fish"] == 0
    crew = Crew(throttle_i=2, cover=True)
    crew.choose("grounds_dark")
    assert not crew.cover and not crew.signal and crew.throttle_i == 2
    crew.choose("grounds_cover")
    assert crew.cover
    crew.choose("leave_dark")
    assert not crew.cover and crew.throttle_i == 3
    crew.choose("run_for_it")  # out of the watched waters: "Cruise for Japan" is the cruise
    assert crew.throttle_i == 2
    crew.throttle_i = 3
    crew.choose("grounds_dark")
    assert crew.throttle_i == 2
    assert "grounds_ahead" in DECISIONS and "fishing_done" in DECISIONS


def test_every_new_moment_has_words(sea):
    narrator = Narrator(sea, sea.values("fishing-2017"))
    for code in ("grounds_ahead", "fishing_done", "leaving", "leaving_fishing"):
        text = narrator.text({"step": 0, "code": code, "km": 80.0, "days": 2.0, "water": 5.0})
        assert text and "{" not in text, code


def _fishing_scene(autoplay=False):
    from game.scenes.sea.scene import PlayScene

    app = make_app(autoplay=autoplay)
    scene = PlayScene(app, load_by_id("sea"), "fishing-2017", 3)
    app.push(scene)
    frames(app, 2)
    return app, scene


def test_the_fishing_screen_asks_fishes_and_asks_again_each_morning():
    app, scene = _fishing_scene()
    scene.set_out()
    assert scene.decision == "leaving_fishing" and scene.paused
    assert "km away" in scene.notice and [b.key for b in scene.choices] == ["fish_on", "head_home"]
    scene._notice_rect()
    tap(app, scene.choices[0].rect.center)  # fish on, by touch
    assert scene.fishing and scene.player_action()["fish"] == 1
    assert any(text.startswith("Fishing:") for _role, text in scene.observation().status)
    assert next(b for b in scene.buttons if b.key == "fish").active()
    # Inject the model's morning question: the screen asks it and waits.
    scene.steps_per_second = 30.0
    asked = False
    for _ in range(4000):
        frames(app)
        if scene.sim.finished:
            break
        if scene.notice is None:
            continue
        if scene.decision == "fishing_done":
            step = scene.sim.state.step
            frames(app, 5)
            assert scene.sim.state.step == step
            key(app, pygame_key(1))  # head home
            assert scene.turn_back and not scene.fishing
            asked = True
            break
        if scene.choices:
            key(app, pygame_key(1))
        else:
            scene.dismiss_notice()
    assert asked or scene.sim.finished
    # The fishing button, by key K: fishing again ends turning back
    key(app, pygame_key("k"))
    assert scene.fishing and not scene.turn_back


def pygame_key(which):
    import pygame

    return {1: pygame.K_1, 2: pygame.K_2, "k": pygame.K_k}[which]


def test_the_screen_asks_about_the_banks_and_keeps_the_answer():
    from game.scenes.sea.scene import PlayScene

    app = make_app()
    scene = PlayScene(app, load_by_id("sea"), "defector-summer", 3)
    app.push(scene)
    frames(app, 2)
    scene.set_out()
    sea_ashore_as_is(app, scene)
    key(app, pygame_key(2))  # alone in the dark: no cover
    assert not scene.cover
    # the model's event, injected as the narrator would hand it over
    scene.sim.state.emit("grounds_ahead", np.array([True]), km=np.array([80.0]))
    scene.on_step()
    assert scene.decision == "grounds_ahead" and "Yamato" in scene.notice
    key(app, pygame_key(1))
    assert scene.cover and scene.player_action()["cover"] == 1 and scene.notice is None


def test_the_new_decisions_are_replayed_exactly(sea):
    app, scene = _fishing_scene()
    scene.set_out()
    key(app, pygame_key(1))  # fish on
    for step in range(30):
        if scene.sim.finished:
            break
        if step == 14:
            scene.crew.choose("head_home")
        scene.sim.step(scene.player_action())
    model = _model(sea, "fishing-2017")
    again = Simulation(model, 1, 3)
    policy = replaying(model, scene.sim.trace)
    while again.state.step < scene.sim.state.step and not again.finished:
        again.step(policy(again.state), record=False)
    assert [e["code"] for e in again.events(0)] == [e["code"] for e in scene.sim.events(0)]
    assert again.state.extra["boat_x"][0] == scene.sim.state.extra["boat_x"][0]
    assert any(entry["action"].get("fish") == 1 for entry in scene.sim.trace.entries)


def test_the_automatic_player_is_not_asked():
    app, scene = _fishing_scene(autoplay=True)
    assert scene.departed and scene.notice is None and not scene.paused


def test_without_gps_the_reckoning_drifts_off_and_land_puts_it_right(sea):
    model = _model(sea, "defector-winter")
    sim = Simulation(model, 40, 2)
    worst = 0.0
    run_to_end(sim, lambda s: model.auto_action(s))
    fixes = [ev for i in range(40) for ev in sim.events(i) if ev["code"] == "position_fixed"]
    assert fixes and all(ev["km"] >= 20 for ev in fixes)
    assert {ev["by"] for ev in fixes} <= {0, 1}
    # one boat, step by step: the doubt grows at sea and is gone once land is in sight
    one = Simulation(model, 1, 2)
    while not one.finished:
        one.step(model.auto_action(one.state))
        e = one.state.extra
        worst = max(worst, float(e["reckon_km"][0]))
        ix, iy, _ = model._cells(e["boat_x"], e["boat_y"])
        if model.d_land_km[iy[0], ix[0]] < model.p["land_sighted_km"]:
            assert e["reckon_km"][0] == 0 and e["drift_km"][0] == 0
    assert worst > 5.0


def test_the_map_steers_from_where_the_crew_reckons_it_is():
    from game.scenes.sea.scene import PlayScene

    app = make_app()
    scene = PlayScene(app, load_by_id("sea"), "defector-summer", 3)
    app.push(scene)
    frames(app, 2)
    scene.set_out()
    sea_ashore_as_is(app, scene)
    key(app, pygame_key(1))
    e = scene.sim.state.extra
    e["est_x"][0], e["est_y"][0] = float(e["boat_x"][0]) + 30, float(e["boat_y"][0]) + 20
    e["drift_km"][0] = 60.0
    scene._obs_key = None
    obs = scene.observation()
    assert obs.boat == (float(e["est_x"][0]), float(e["est_y"][0])) and obs.ring_tiles > 0
    frames(app, 2)
    view = scene.view()
    sx, sy = view.world_to_screen(scene.map_rect, obs.boat[0] + 25, obs.boat[1])
    tap(app, (sx, sy))
    assert 80 <= scene.heading <= 100  # due east of the drawn boat, not of the hidden one


def test_bailing_a_dry_boat_costs_water_and_warmth(sea):
    """Resting when the boat is dry (bailing only when water comes in) against bailing all the
    time: the same weather and leaks, more water left and a warmer crew."""
    def run(always):
        model = _model(sea, "defector-winter")
        sim = Simulation(model, 200, 4)
        felt = []
        for _ in range(12):
            a = dict(model.auto_action(sim.state), in_port=0)  # at sea from the start
            a["bail"] = np.ones(200) if always else (sim.state.extra["flood"] > 0.05).astype(float)
            sim.step(a)
            felt.append(sim.state.extra["felt_c"].copy())
        return sim.state.extra["water"].copy(), np.mean(felt)

    water_always, felt_always = run(True)
    water_rest, felt_rest = run(False)
    assert water_rest.mean() > water_always.mean()
    assert felt_rest > felt_always


def test_a_dry_boat_is_told_once_and_rising_water_when_nobody_bails(sea):
    model = _model(sea, "defector-summer")
    sim = Simulation(model, 1, 3)
    for _ in range(8):
        sim.step({**model.default_action, "bail": 1, "throttle": 0.55})
    codes = [ev["code"] for ev in sim.events(0)]
    assert codes.count("boat_dry") == 1
    for _ in range(40):  # nobody bails: the leak fills the boat
        if sim.finished:
            break
        sim.step({**model.default_action, "bail": 0, "throttle": 0.55})
    rising = [ev for ev in sim.events(0) if ev["code"] == "water_rising"]
    assert len(rising) == 1 and rising[0]["pct"] >= 15
    crew = Crew(bail=True)
    crew.choose("rest")
    assert not crew.bail and sea_action(crew, True)["bail"] == 0
    assert decisions_for(["boat_dry"], crew) == [("boat_dry", ("rest", "keep_bailing"))]
    assert decisions_for(["water_rising"], crew) == [("water_rising", ("bail_all", "patch_and_bail"))]


def test_an_overloaded_boat_ships_more_water_and_rolls_over_sooner(sea):
    """What to carry, within the boat's load: the same 9 m boat in January with a modest load
    and with fuel, water and people piled past what it can carry."""
    light = _model(sea, "defector-winter", boat_length_m=9)
    heavy = _model(sea, "defector-winter", boat_length_m=9, crew=20, fuel_kg=1200, water_days=30)
    assert float(light.load_kg(light.start(1, np.random.default_rng(0)))[0]) < light.capacity_kg()
    assert float(heavy.load_kg(heavy.start(1, np.random.default_rng(0)))[0]) > 1.5 * heavy.capacity_kg()

    def lost(model):
        sim = Simulation(model, 400, 6)
        run_to_end(sim, automatic(model))
        o = sim.outcomes
        return float(np.isin(o, [model.code(k) for k in ("lost_at_sea", "ashore_dead", "ashore_empty")]).mean())

    # the same crew and supplies, had the overload cost nothing: the difference is the overload
    unladen = _model(sea, "defector-winter", boat_length_m=9, crew=20, fuel_kg=1200, water_days=30, overload_factor=0)
    assert lost(heavy) > lost(unladen) + 0.05
    # the load falls as the fuel, water and food are used: the same boat is lighter later
    sim = Simulation(heavy, 1, 2)
    before = float(heavy.load_kg(sim.state)[0])
    for _ in range(8):
        sim.step({**heavy.auto_action(sim.state), "in_port": 0})  # at sea from the start
    assert float(heavy.load_kg(sim.state)[0]) < before


@settings(max_examples=15, deadline=None)
@given(crew=st.integers(1, 20), fuel=st.integers(0, 150).map(lambda k: 10.0 * k),
       water=st.integers(0, 60), length=st.integers(6, 25))
def test_the_load_is_positive_and_only_an_overload_changes_the_odds(sea, crew, fuel, water, length):
    model = _model(sea, "defector-summer", crew=crew, fuel_kg=fuel, water_days=water, boat_length_m=length)
    state = model.start(3, np.random.default_rng(1))
    load = model.load_kg(state)
    assert np.all(load > 0) and model.capacity_kg() > 0
    expected = crew * model.p["person_kg"] + fuel + water * crew * model.p["water_kg_per_day"] + \
        model.p["food_days"] * crew * model.p["food_kg_per_day"]
    assert load[0] == pytest.approx(expected)


def test_the_set_up_shows_the_load_and_warns_of_an_overload():
    from game.scenes.sea.scene import PlayScene

    app = make_app()
    scene = PlayScene(app, load_by_id("sea"), "defector-summer", 3)
    app.push(scene)
    frames(app, 2)
    texts = [getattr(w, "text", "") for w in scene.form.widgets]
    assert any(t.startswith("Load: ") for t in texts) and not scene.overloaded()
    scene._set("fuel_kg", 1500)
    scene._set("crew", 20)
    texts = [getattr(w, "text", "") for w in scene.form.widgets]
    assert scene.overloaded() and any(t.startswith("Overloaded: ") for t in texts)
    scene.set_out()
    sea_ashore_as_is(app, scene)
    key(app, pygame_key(1))
    frames(app, 2)
    assert any(t.startswith("Overloaded: ") for _role, t in scene.observation().status)
