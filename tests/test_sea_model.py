"""The sea model: data, map, properties, calibration and autoplay.

Calibration tolerances (see docs/model.md): the Japan Coast Guard's 2017
figures are one year's count of 104 boats, so the shares themselves are
uncertain. The model's share of boats reaching Japan's shore with survivors,
with only the dead, and empty must each fall inside the 95% Wilson interval of
the observed proportion: 5/104 -> 2.1%..10.8%, 10/104 -> 5.3%..16.8%,
89/104 -> 77.6%..91.1%.
"""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.levels import load_by_id, model_for
from game.sim.model import ONGOING
from game.sim.runner import Simulation, replaying, run_to_end
from game.sim.sea import BOAT_FATES, PARAMETERS, fleet_run
from game.world.mapdata import load_map

ROOT = Path(__file__).resolve().parent.parent
SEA = ROOT / "levels" / "sea"
PRESETS = ("fishing-2017", "defector-summer", "defector-winter")


@pytest.fixture(scope="module")
def scenario():
    return load_by_id("sea")


@pytest.fixture(scope="module")
def world():
    return load_map(SEA / "map.tmx")


def make(scenario, world, preset, **overrides):
    values = scenario.values(preset)
    values.update(overrides)
    return model_for(scenario, values, world)


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def goal_odds(model, n: int, seed: int) -> float:
    """Share of crews that reach their goal: home for a fishing crew; safety for a crossing."""
    sim = Simulation(model, n, seed)
    sim.autoplay()
    if model.p["intent"] < 0.5:
        goal = ("turned_back",)
    else:
        goal = ("landed_alive", "rescued_at_sea", "ashore_elsewhere")
    return float(np.isin(sim.state.outcome, [model.code(o) for o in goal]).mean())


# ---------------------------------------------------------------- data
def test_scenario_has_every_parameter_with_a_source(scenario):
    facts = tomllib.loads((SEA / "facts.toml").read_text(encoding="utf-8"))["fact"]
    sea_ids = {f["id"] for f in facts}
    for name in PARAMETERS:
        assert name in scenario.parameters, name
    for p in scenario.parameters.values():
        assert p.is_assumption or p.source in sea_ids or p.source.startswith("brief."), (p.name, p.source)
        if p.is_assumption:
            assert p.note, f"assumption {p.name} needs a note"
    assert set(PRESETS) <= set(scenario.presets)
    # Every sea fact is used, and every fact named exists.
    refs = scenario.fact_refs()
    assert sea_ids <= refs, sea_ids - refs
    assert {r for r in refs if r.startswith("sea.")} <= sea_ids
    assert {"brief.japan", "brief.akita", "brief.boats_2017"} <= set(scenario.record["facts"])
    for f in facts:
        assert f["status"] in ("documented", "conflicting", "estimate", "assumption")
        if f["status"] == "conflicting":
            assert len(f["sources"]) >= 2 and all("says" in s for s in f["sources"]), f["id"]
    assert 2 <= len(scenario.questions) <= 3


def test_outcomes_match_the_model(scenario, world):
    model = make(scenario, world, "fishing-2017")
    assert list(scenario.outcomes) == list(model.outcomes)
    for oid, o in scenario.outcomes.items():
        assert o["label"] and o["text"], oid
    summer = [o for o in scenario.counterfactual["alternatives"] if o.get("set") == {"month": 7}]
    assert len(summer) == 1 and scenario.counterfactual["choice"] == {"put_out": 1}


# ---------------------------------------------------------------- map
def test_map_places_at_their_coordinates(world):
    props = world.properties
    assert props["projection"] == "equirectangular"
    assert 5 <= props["km_per_tile"] <= 10
    assert props["lon_west"] <= 127.5 and props["lon_east"] >= 142.4
    assert props["lat_south"] <= 34.1 and props["lat_north"] >= 46
    kinds, kind_names = world.labels("kind")
    countries, names = world.labels("country")
    for o in world.objects:
        if "lon" not in o.properties:
            continue
        x = (o.properties["lon"] - props["lon_west"]) / props["deg_lon_per_tile"]
        y = (props["lat_north"] - o.properties["lat"]) / props["deg_lat_per_tile"]
        assert abs(x - o.x) < 0.01 and abs(y - o.y) < 0.01, o.name
        if o.kind in ("city", "port", "cape"):
            # Within two tiles (12 km) there is land of the right country.
            iy, ix = int(y), int(x)
            window = countries[max(iy - 2, 0):iy + 3, max(ix - 2, 0):ix + 3]
            assert names.index(o.properties["country"]) in window, o.name
    names_on_map = {o.name for o in world.objects}
    assert {"Chongjin", "Aomori", "Akita", "Noto Peninsula", "Fukui", "Yamato Bank"} <= names_on_map
    bank = world.object_named("Yamato Bank")
    assert kind_names[kinds[int(bank.y), int(bank.x)]] == "bank"
    # Japan's coast and the mainland's are told apart.
    coast = kinds == kind_names.index("coast")
    assert (coast & (countries == names.index("japan"))).sum() > 300
    assert (coast & (countries == names.index("north_korea"))).sum() > 50
    assert (coast & (countries == names.index("russia"))).sum() > 50


def test_currents_flow_the_right_way(scenario, world):
    model = make(scenario, world, "defector-summer")
    # Off Akita (Tsushima Current): north-eastward or northward.
    x, y = model.tile_of(139.3, 39.5)
    u, v = model._current_at(np.array([x]), np.array([y]))
    assert v[0] > 0.05
    # Off Primorye (Liman Current): south-westward.
    x, y = model.tile_of(134.0, 42.7)
    u, v = model._current_at(np.array([x]), np.array([y]))
    assert u[0] < 0 and v[0] < 0


def test_the_monsoon_blows_in_winter(scenario, world):
    model = make(scenario, world, "defector-summer")
    winter = model._mean_wind(np.array([1.5]), np.array([True]))
    summer = model._mean_wind(np.array([7.5]), np.array([True]))
    assert winter[2][0] == 1.0 and summer[2][0] == 0.0
    speed = math.hypot(winter[0][0], winter[1][0])
    assert 12 <= speed <= 15
    assert winter[0][0] > 0 and winter[1][0] < 0  # blowing toward the south-east
    mean, low, high = model.forecast(model.start(1, np.random.default_rng(0)), 3)
    assert mean.shape == (3, 2)


def test_winter_waves_stay_within_the_record(scenario, world):
    # sea.winter_waves: winter storms raise waves of 8-10 m. The Sea of Japan is
    # closed (limited fetch), so even the strongest winds do not build the
    # open ocean's 15-25 m seas; storms still reach 8 m.
    model = make(scenario, world, "defector-winter")
    rng = np.random.default_rng(31)
    n = 500
    e = model.start(n, rng).extra
    w = {k: e[k].copy() for k in ("anom_u", "anom_v", "storm_left", "outbreak", "wave_m")}
    waves, winds = [], []
    for k in range(4 * 30):
        z = rng.standard_normal((2, n))
        uu = rng.random((3, n))
        model._weather_step(1.0 + k / 4 / 30.44, w, z[0], z[1], uu[0], uu[1], uu[2], model.step_hours)
        waves.append(w["wave_m"].copy())
        winds.append(w["wind_ms"].copy())
    waves, winds = np.array(waves), np.array(winds)
    assert waves.max() <= model.p["wave_max_m"] == 10
    assert (waves > 8).mean() < 0.06
    assert (waves > 8).any(axis=0).mean() > 0.1  # many boats' Januaries have a storm of 8 m or more
    # A steady monsoon outbreak's 13.5 m/s is a fully developed sea of about 4 m.
    assert 3.5 <= float(model._developed_wave(13.5)) <= 4.5
    assert float(model._developed_wave(40.0)) <= 10


# ---------------------------------------------------------------- properties
def test_probabilities_and_states_stay_in_range(scenario, world):
    for preset in PRESETS:
        model = make(scenario, world, preset)
        sim = Simulation(model, 200, 5)
        for _ in range(120):
            sim.step(model.auto_action(sim.state))
            s, e = sim.state, sim.state.extra
            assert np.all((s.risk >= 0) & (s.risk <= 1))
            assert np.all((s.reason >= -1) & (s.reason < len(model.risk_reasons)))
            assert np.all((e["hull"] >= 0) & (e["hull"] <= 1))
            assert np.all((e["flood"] >= 0) & (e["flood"] <= 1))
            assert np.all(e["fuel_kg"] >= 0) and np.all(e["water"] >= 0)
            assert np.all(e["crew_alive"] <= e["crew_size"])
        mean, low, high = model.forecast(sim.state, 4)
        assert np.all(low <= high) and np.all(low >= 0)
        assert np.all((mean >= low - 1e-9) & (mean <= high + 1e-9) | (high - low < 1e-6))


TOL = 0.05  # two runs of 80 boats with the same random numbers; noise of the difference is ~0.02-0.03


@settings(max_examples=3, deadline=None)
@given(preset=st.sampled_from(PRESETS), leak=st.floats(0.05, 0.6), extra=st.floats(0.05, 1.0))
def test_a_leakier_hull_never_improves_the_odds(scenario, world, preset, leak, extra):
    tight = goal_odds(make(scenario, world, preset, leak_per_day=leak), 80, 21)
    leaky = goal_odds(make(scenario, world, preset, leak_per_day=leak + extra), 80, 21)
    assert leaky <= tight + TOL


@settings(max_examples=3, deadline=None)
@given(preset=st.sampled_from(PRESETS), age=st.integers(0, 30), extra=st.integers(5, 20))
def test_an_older_engine_never_improves_the_odds(scenario, world, preset, age, extra):
    new = goal_odds(make(scenario, world, preset, engine_age_years=age), 80, 22)
    old = goal_odds(make(scenario, world, preset, engine_age_years=age + extra), 80, 22)
    assert old <= new + TOL


@settings(max_examples=3, deadline=None)
@given(preset=st.sampled_from(PRESETS), fuel=st.integers(0, 500), extra=st.integers(50, 400))
def test_more_fuel_never_worsens_the_odds(scenario, world, preset, fuel, extra):
    less = goal_odds(make(scenario, world, preset, fuel_kg=fuel), 80, 23)
    more = goal_odds(make(scenario, world, preset, fuel_kg=fuel + extra), 80, 23)
    assert more >= less - TOL


# ---------------------------------------------------------------- calibration
def test_fishing_2017_reproduces_what_japan_found(scenario, world):
    from game.sim.sea import found_by_japan

    model = make(scenario, world, "fishing-2017")
    state = fleet_run(model, 2000, 2017)
    found = found_by_japan(state)
    n = found["cases"]
    assert n >= 200  # enough cases for the shares to mean something
    # A survivor case is a boat ashore with the living aboard or a crew Japan took off at sea.
    assert found["rescued_by_japan"] > 0
    for key, k in (("survivors", 5), ("dead", 10), ("empty", 89)):
        lo, hi = wilson(k, 104)
        assert lo <= found[key] / n <= hi, (key, found[key] / n)
    # 35 bodies in 10 boats; a Poisson 95% interval for 35 is 24.4-48.7.
    assert 2.44 <= found["bodies_per_dead_boat"] <= 4.87, found["bodies_per_dead_boat"]
    # Most of the fishing crews come home; the boats Japan finds are the minority.
    assert n / 2000 < 0.35
    assert (state.outcome == model.code("turned_back")).mean() > 0.25


def test_the_currents_move_the_boats(scenario, world):
    from game.sim.sea import found_by_japan

    cases = [found_by_japan(fleet_run(make(scenario, world, "fishing-2017", tsushima_ms=v), 400, 11))["cases"]
             for v in (0.0, 1.0)]
    assert abs(cases[0] - cases[1]) >= 20, cases


def test_summer_is_kinder_to_a_fishing_crew(scenario, world):
    winter = make(scenario, world, "fishing-2017")
    summer = make(scenario, world, "fishing-2017", month=7)
    assert goal_odds(summer, 150, 4) > goal_odds(winter, 150, 4) + 0.2


def test_the_2019_crossing_is_feasible_with_a_working_engine(scenario, world):
    # About 700 km on about 310 kg of fuel, 60 of it traded for squid at sea (sea.crossing_2019).
    model = make(scenario, world, "defector-summer", boat_length_m=10, fuel_kg=310, engine_fail_per_day=0.0)
    assert model.range_km(model.p["auto_cruise_throttle"], 310) >= 700
    assert model.range_km(1.0, 310) < 700  # flat out it is not: speed costs fuel
    state = fleet_run(model, 200, 2019)
    landed = state.outcome == model.code("landed_alive")
    assert landed.mean() > 0.6
    assert np.median(state.extra["km_powered"][landed]) >= 700


# ---------------------------------------------------------------- autoplay
def test_headless_autoplay_reaches_every_outcome(scenario, world):
    seen = set()
    # (a crew steering for South Korea's coast, as the 2019 crew did, reaches a shore other than Japan's)
    for preset, n, extra in (("fishing-2017", 500, {}), ("defector-summer", 200, {}),
                             ("fishing-2017", 200, {"month": 7}),
                             ("defector-summer", 50, {"target_lat": 37.4, "target_lon": 129.4})):
        model = make(scenario, world, preset, **extra)
        sim = Simulation(model, n, 3)
        sim.autoplay()
        assert not (sim.state.outcome == ONGOING).any()
        seen |= {model.outcomes[c] for c in np.unique(sim.state.outcome)}
    assert seen == set(model.outcomes)


def test_one_boat_replays_exactly(scenario, world):
    model = make(scenario, world, "defector-winter")
    game = Simulation(model, 1, 99)
    game.autoplay()
    replay = Simulation(make(scenario, world, "defector-winter"), 1, 99)
    run_to_end(replay, replaying(replay.model, game.trace))
    assert replay.outcome_of(0) == game.outcome_of(0)
    assert replay.state.step == game.state.step
    assert replay.state.x[0] == game.state.x[0] and replay.state.y[0] == game.state.y[0]
    __import__("json").dumps(game.trace.entries, allow_nan=False)  # plain numbers only


def test_boat_fates_outlive_the_crew(scenario, world):
    model = make(scenario, world, "fishing-2017")
    state = fleet_run(model, 400, 8)
    fates = state.extra["boat_fate"]
    rescued = state.outcome == model.code("rescued_at_sea")
    # Some boats whose crews were taken off still reached Japan's shore, empty.
    assert (rescued & (fates == BOAT_FATES.index("ashore_japan"))).any()
    assert (state.extra["arrived_with"][rescued & (fates == BOAT_FATES.index("ashore_japan"))] == 0).all()


def test_sim_never_imports_pygame():
    text = (ROOT / "game" / "sim" / "sea.py").read_text(encoding="utf-8")
    assert "import pygame" not in text


def test_the_cold_wears_people_down_over_days_not_hours(scenario, world):
    # Eleven people leaving in January: the cold rarely kills on the first day
    # (hypothermia with some clothing and shelter takes days), but weeks adrift
    # in winter still cost lives.
    model = make(scenario, world, "defector-winter", overboard_per_day=0.0)
    sim = Simulation(model, 400, 12)
    for _ in range(4):  # the first day
        sim.step(model.auto_action(sim.state))
    first_day = (sim.state.extra["crew_alive"] < 11).mean()
    assert first_day < 0.06, first_day
    adrift = make(scenario, world, "defector-winter", overboard_per_day=0.0, fuel_kg=0, water_days=60, food_days=90,
                  nk_rescue_per_day=0.0, fleet_rescue_per_day=0.0, japan_rescue_per_day=0.0)
    sim = Simulation(adrift, 200, 13)
    for _ in range(4 * 20):
        sim.step(adrift.auto_action(sim.state))
    e = sim.state.extra
    still = e["crew_on_boat"] & e["boat_afloat"]
    assert still.sum() > 20
    assert (e["crew_alive"][still] < 11).mean() > 0.5


def test_borders_follow_the_real_outlines(world):
    # The borders come from the same outlines as the overland map (countryinfo),
    # not from a parallel: the North's north-east stays the North's, the South's
    # east coast the South's, Tsushima Japan's, Ulleungdo the South's.
    props = world.properties
    countries, names = world.labels("country")

    def at(lon, lat):
        x = int((lon - props["lon_west"]) / props["deg_lon_per_tile"])
        y = int((props["lat_north"] - lat) / props["deg_lat_per_tile"])
        return names[countries[y, x]]

    for place, lon, lat, country in (
        ("Hoeryong", 129.75, 42.44, "north_korea"), ("Onsong", 129.99, 42.96, "north_korea"),
        ("Rason", 130.30, 42.25, "north_korea"), ("Kosong", 128.18, 38.74, "north_korea"),
        ("Sokcho", 128.59, 38.20, "south_korea"), ("Hunchun", 130.36, 42.87, "china"),
        ("Yanji", 129.51, 42.90, "china"), ("Vladivostok", 131.89, 43.12, "russia"),
        ("Tsushima", 129.33, 34.42, "japan"), ("Ulleungdo", 130.86, 37.50, "south_korea"),
    ):
        assert at(lon, lat) == country, place


@pytest.mark.parametrize("lat,lon,words", [
    (34.0, 135.0, "off the map"),          # below the map's southern edge
    (36.0, 139.0, "on land"),              # inland Honshu
    (34.5, 133.5, "does not open onto"),   # the Seto Inland Sea
])
def test_a_start_the_model_cannot_sail_from_is_refused(scenario, world, lat, lon, words):
    from game.sim.model import ParameterError

    with pytest.raises(ParameterError, match=words):
        make(scenario, world, "fishing-2017", start_lat=lat, start_lon=lon)
