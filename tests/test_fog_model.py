"""Fog on the line: the map, the data, the risk model and its calibration."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.levels import load_by_id, model_for
from game.sim.model import ONGOING
from game.sim.runner import Simulation, automatic, replaying, run_to_end
from game.world.mapdata import load_map

ROOT = Path(__file__).resolve().parents[1]
LEVEL = ROOT / "levels" / "fog"


@lru_cache(maxsize=None)
def scenario():
    return load_by_id("fog")


@lru_cache(maxsize=None)
def world():
    return load_map(scenario().map_file)


def model(preset: str = "historical", **overrides):
    if not overrides:
        return _model(preset)
    sc = scenario()
    return model_for(sc, sc.values(preset, overrides), world())


@lru_cache(maxsize=None)
def _model(preset: str):
    sc = scenario()
    return model_for(sc, sc.values(preset), world())


@lru_cache(maxsize=None)
def autoplay_shares(preset: str, n: int = 600, seed: int = 11) -> dict[str, float]:
    m = model(preset)
    # No events (none are read) and only the travellers still going stepped:
    # the same outcomes (tests/test_quiet_runs.py, tests/test_compaction.py).
    sim = Simulation(m, n, seed, events=False)
    run_to_end(sim, automatic(m))
    counts = np.bincount(sim.outcomes, minlength=len(m.outcomes))
    return {o: counts[i] / n for i, o in enumerate(m.outcomes)}


# ------------------------------------------------------------------ data


def test_scenario_names_presets_and_outcomes():
    sc = scenario()
    m = model()
    assert set(sc.presets) >= {"historical", "clear-night", "clear-day"}
    assert sc.default_preset == "historical"
    assert set(sc.outcomes) == set(m.outcomes) == {"crossed", "caught", "killed", "turned_back"}
    for oid, out in sc.outcomes.items():
        assert out["label"] and out["text"], oid
    assert 2 <= len(sc.questions) <= 3
    # the what-if: the player's word to the comrade undone, or what he did in the days before, or else the fog
    assert sc.counterfactual["choice"] == {"leave": 0}
    alternatives = sc.counterfactual["alternatives"]
    assert [a.get("choice") for a in alternatives[:2]] == [{"learn": 0}, {"morning": 0}]
    assert alternatives[2]["set"] == {"visibility_m": 10000.0}
    assert not sc.depicts_gunfire and sc.content_note


def test_visibility_is_a_named_assumption():
    p = scenario().parameters["visibility_m"]
    assert p.is_assumption
    assert "no measurement" in p.note.lower()
    # and the briefing says so too
    assert any("assumption" in para for para in scenario().briefing)


def test_every_parameter_has_a_source_and_a_reasoned_note():
    for name, p in scenario().parameters.items():
        assert p.source, name
        if p.is_assumption:
            assert len(p.note) > 20, f"{name}: an assumption needs its reasoning"


def test_model_uses_exactly_the_scenario_parameters():
    import re

    code = (ROOT / "game" / "sim" / "fog.py").read_text()
    used = set(re.findall(r'p\["([a-z0-9_]+)"\]', code)) | set(re.findall(r'params\["([a-z0-9_]+)"\]', code))
    assert used == set(scenario().parameters), (used ^ set(scenario().parameters))


def _facts(*names):
    out = {}
    for name in names:
        for f in tomllib.loads((ROOT / "levels" / name / "facts.toml").read_text())["fact"]:
            out[f["id"]] = f
    return out


def test_facts_are_well_formed_used_and_cited():
    facts = _facts("fog", "jsa")
    mine = {fid for fid in facts if fid.startswith("dmz.")}
    assert len(mine) >= 15
    used = load_by_id("fog").fact_refs() | load_by_id("jsa").fact_refs()
    assert mine <= used, f"unused: {sorted(mine - used)}"
    for fid in used:
        if fid.startswith(("dmz.", "jsa.")):
            assert fid in facts, fid
    for fid, f in facts.items():
        assert f["sources"], fid
        if f["status"] == "conflicting":
            assert len(f["sources"]) >= 2 and all(s.get("says") for s in f["sources"]), fid
    refs = scenario().fact_refs()
    assert {"brief.dmz_2017", "brief.fog_2017", "brief.access"} <= refs


def test_registry_references_resolve_when_the_general_facts_exist():
    general = ROOT / "levels" / "facts.toml"
    if not general.is_file():
        pytest.skip("levels/facts.toml (the general registry) is not on this branch")
    ids = {f["id"] for f in tomllib.loads(general.read_text())["fact"]} | set(_facts("fog", "jsa"))
    assert scenario().fact_refs() <= ids


# ------------------------------------------------------------------ the map


def test_map_layout_follows_the_documented_dmz():
    w = world()
    mpt = w.properties["metres_per_tile"]
    assert 20 <= mpt <= 25
    assert w.height * mpt == pytest.approx(4000, rel=0.05)  # 2 km each side of the line
    mdl = w.properties["mdl_y"]
    assert mdl * mpt == pytest.approx(2000, rel=0.05)
    kinds = {o.kind for o in w.objects}
    assert {"start", "goal", "guard_post", "guard", "fence", "mdl_marker"} <= kinds
    north_posts = [o for o in w.objects_of("guard_post") if o.properties.get("side") == "north"]
    south_posts = [o for o in w.objects_of("guard_post") if o.properties.get("side") == "south"]
    assert len(north_posts) >= 2 and len(south_posts) == 1
    goal = w.object_named("goal")
    assert goal.y > mdl and w.object_named("start").y < mdl  # north at the top, the player goes south
    # markers every 200-300 m
    xs = sorted(o.x for o in w.objects_of("mdl_marker"))
    gaps = np.diff(xs) * mpt
    assert gaps.min() >= 200 and gaps.max() <= 300
    # dmz.fences_2012: a barbed-wire and an electrified fence on the North's side, the South's about 4 m high
    north_fences = sorted((o for o in w.objects_of("fence") if o.properties.get("side") == "north"), key=lambda o: o.y)
    assert [o.properties["fence_kind"] for o in north_fences] == ["barbed_wire", "electrified"]
    south = [o for o in w.objects_of("fence") if o.properties.get("side") == "south"]
    assert len(south) == 1 and south[0].properties["height_m"] == 4.0 and south[0].y > w.properties["mdl_y"]
    for g in w.objects_of("guard"):
        assert len(g.points) >= 2


def test_tiles_carry_what_the_model_reads():
    w = world()
    cover = w.prop("cover", 0.0)
    assert cover.min() >= 0 and cover.max() <= 1
    terrain, names = w.labels("terrain")
    assert {"open", "tall_grass", "forest", "stream", "hill", "path"} <= set(names)
    fence = w.prop("fence", 0.0) > 0
    assert fence.any()
    assert (w.prop("fence_height_m", 0.0)[fence] >= 3).all()
    assert (w.prop("water", 0.0) > 0).any()


def test_mines_lie_beside_the_paths_not_on_them():
    w = world()
    mines = w.prop("mine_density", 0.0)
    track = w.prop("track", 0.0) > 0
    assert mines.max() == 1.0 and (mines > 0).mean() > 0.03
    assert (mines[track] == 0).all()
    # but there are mines right beside the paths
    beside = np.zeros_like(track)
    for d in (-1, 1):
        beside |= np.roll(track, d, 0) | np.roll(track, d, 1)
    assert (mines[beside & ~track] > 0).any()


def test_map_generator_is_deterministic(tmp_path, monkeypatch):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_fog_map", ROOT / "tools" / "make_fog_map.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    monkeypatch.setattr(mod, "OUT", tmp_path)
    mod.main()
    assert (tmp_path / "map.tmx").read_text() == (LEVEL / "map.tmx").read_text()
    assert (tmp_path / "tiles.tsx").read_text() == (LEVEL / "tiles.tsx").read_text()


# ------------------------------------------------------------------ properties


PACE = st.sampled_from([0, 1, 2])


@settings(max_examples=50, deadline=None)
@given(
    d=st.floats(1, 5000), vis=st.floats(20, 20000), light=st.floats(0, 1), cover=st.floats(0, 1),
    pace=PACE, alarm=st.floats(0, 1), still=st.booleans(), climbing=st.booleans(), sentry=st.booleans(),
)
def test_detection_is_a_probability(d, vis, light, cover, pace, alarm, still, climbing, sentry):
    p = model().detection_probability(d, vis, light, cover, pace, alarm, still, climbing, sentry)
    assert np.all((p >= 0) & (p <= 1))


@settings(max_examples=50, deadline=None)
@given(d=st.floats(1, 3000), vis=st.floats(20, 20000), factor=st.floats(0.05, 1.0), light=st.floats(0, 1),
       cover=st.floats(0, 1), pace=PACE, alarm=st.floats(0, 1))
def test_lower_visibility_never_raises_detection(d, vis, factor, light, cover, pace, alarm):
    m = model()
    clear = m.detection_probability(d, vis, light, cover, pace, alarm)
    foggy = m.detection_probability(d, vis * factor, light, cover, pace, alarm)
    assert np.all(foggy <= clear + 1e-15)


@settings(max_examples=50, deadline=None)
@given(d=st.floats(1, 3000), vis=st.floats(20, 20000), light=st.floats(0, 1), cover=st.floats(0, 1),
       more=st.floats(0, 1), pace=PACE, still=st.booleans(), climbing=st.booleans())
def test_more_cover_never_raises_detection(d, vis, light, cover, more, pace, still, climbing):
    m = model()
    less_hidden = m.detection_probability(d, vis, light, cover, pace, 0.0, still, climbing)
    more_hidden = m.detection_probability(d, vis, light, min(1.0, cover + more * (1 - cover)), pace, 0.0, still, climbing)
    assert np.all(more_hidden <= less_hidden + 1e-15)


@settings(max_examples=20, deadline=None)
@given(d=st.floats(1, 3000), vis=st.floats(20, 20000), light=st.floats(0, 1), cover=st.floats(0, 0.99),
       alarm=st.floats(0, 0.5))
def test_distance_and_alarm_act_the_right_way(d, vis, light, cover, alarm):
    m = model()
    near = m.detection_probability(d, vis, light, cover, 1, alarm)
    far = m.detection_probability(d * 1.5, vis, light, cover, 1, alarm)
    alarmed = m.detection_probability(d, vis, light, cover, 1, alarm + 0.5)
    assert np.all(far <= near + 1e-15) and np.all(alarmed >= near - 1e-15)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**31), dx=st.floats(-1, 1), dy=st.floats(-1, 1), pace=st.sampled_from(["crawl", "walk", "run"]),
       wait=st.booleans(), climb=st.booleans(), vis=st.floats(30, 20000))
def test_step_keeps_risk_felt_danger_and_state_in_range(seed, dx, dy, pace, wait, climb, vis):
    m = model(visibility_m=vis)
    sim = Simulation(m, 8, seed)
    for _ in range(25):
        sim.step({"dx": dx, "dy": dy, "pace": pace, "wait": wait, "climb": climb})
        s = sim.state
        assert np.all((s.risk >= 0) & (s.risk <= 1))
        felt = m.felt_danger(s)
        assert np.all((felt >= 0) & (felt <= 1))
        assert np.all((s.x >= 0) & (s.x <= m.W) & (s.y >= 0) & (s.y <= m.H))
        assert np.all((s.extra["cold"] >= 0) & (s.extra["cold"] <= 1))
        assert np.all((s.extra["alarm"] >= 0) & (s.extra["alarm"] <= 1))
        assert np.all((s.reason >= -1) & (s.reason < len(m.risk_reasons)))


# ------------------------------------------------------------------ the fog


def test_fog_thickens_to_sunrise_then_burns_off():
    m = model()
    p = m.params
    rise = p["sunrise_hour"]
    assert m.base_visibility(rise - 1) > m.base_visibility(rise)  # thinner before dawn
    assert m.base_visibility(rise + p["burn_delay_h"]) == pytest.approx(p["visibility_m"])
    later = [m.base_visibility(rise + p["burn_delay_h"] + h) for h in (0.5, 1.0, 2.0)]
    assert later == sorted(later) and later[-1] > 1000  # clear by late morning


def test_fog_field_spans_the_fog_classes_and_drifts():
    m = model(visibility_m=60.0)
    sim = Simulation(m, 1, 3)
    grid0 = sim.state.extra["fog_grid"].copy()
    assert grid0.shape == (int(np.ceil(m.H / m.fog_cell)), int(np.ceil(m.W / m.fog_cell)))
    assert grid0.min() < 50  # dense patches
    for _ in range(100):
        sim.step({"wait": True})
    assert not np.allclose(sim.state.extra["fog_grid"], grid0)  # drifting
    m2 = model(visibility_m=700.0)
    assert Simulation(m2, 1, 3).state.extra["fog_grid"].max() > 1000  # thin patches


def test_extra_holds_what_the_scene_draws():
    m = model()
    sim = Simulation(m, 3, 1)
    sim.step({"dy": 1.0})
    ex = sim.state.extra
    for key in ("fog_grid", "fog_cell", "guards_x", "guards_y", "noise", "alarm", "cold", "felt", "vis_here",
                "fog_class", "light", "clock_h", "climbing", "turning"):
        assert key in ex, key
    assert ex["guards_x"].shape == (3, len(m.guard_kinds))
    assert set(np.unique(m.felt_danger(sim.state))) <= {0.0, 1 / 3, 2 / 3, 1.0}


# ------------------------------------------------------------------ moving


def test_a_fence_stops_you_until_you_climb_it():
    m = model(visibility_m=60.0)
    sim = Simulation(m, 1, 4)
    s = sim.state
    fence_row = int(m.home_y)
    for _ in range(60):
        sim.step({"dx": 0.0, "dy": 1.0, "pace": "walk", "climb": False})
    assert s.y[0] < fence_row  # blocked
    climbed_at = None
    for i in range(60):
        sim.step({"dx": 0.0, "dy": 1.0, "pace": "walk", "climb": True})
        if climbed_at is None and s.extra["climbing"][0]:
            climbed_at = i
        if s.y[0] > fence_row + 1:
            break
    assert climbed_at is not None and s.y[0] > fence_row + 1
    # the climb took its time: 3 m x climb_s_per_m
    assert i - climbed_at >= 3.0 * m.params["climb_s_per_m"] / m.dt - 1


def test_mines_are_a_hazard_only_where_the_map_has_them():
    m = model()
    on = m.mine_hazard_per_m[m.f_mine_rel > 0]
    assert (on > 0).all() and (m.mine_hazard_per_m[m.f_mine_rel == 0] == 0).all()
    # twice the mines (the Korea Herald's figure) doubles the hazard
    m2 = model(mines_total=2_000_000.0)
    assert np.allclose(m2.mine_hazard_per_m, 2 * m.mine_hazard_per_m)


def test_turning_back_ends_behind_the_fences():
    m = model()
    sim = Simulation(m, 1, 2)
    sim.step({"turn_back": True})
    assert sim.outcome_of(0) == "turned_back"


def test_cold_grows_faster_when_crawling_and_wet():
    m = model()
    a, b = Simulation(m, 1, 1), Simulation(m, 1, 1)
    for _ in range(50):
        a.step({"wait": True})
        b.step({"dx": 1.0, "pace": "run"})
    assert a.state.extra["cold"][0] > b.state.extra["cold"][0] > 0


# ------------------------------------------------------------------ same seed, same run


def test_same_seed_same_trace_same_run():
    m = model()
    game = Simulation(m, 1, 42)
    script = [({"dy": 1.0, "pace": "walk", "climb": True}, 80), ({"dx": 0.4, "dy": 1.0, "pace": "crawl"}, 30),
              ({"wait": True}, 10), ({"dy": 1.0, "pace": "run", "climb": True}, 80)]
    for action, steps in script:
        for _ in range(steps):
            game.step(action)
    replay = Simulation(m, 1, 42)
    run_to_end(replay, replaying(replay.model, game.trace))
    assert replay.state.step >= min(game.state.step, 200)
    assert replay.outcome_of(0) == game.outcome_of(0) or game.outcome_of(0) is None
    k = min(len(game.journey), len(replay.journey))
    assert [(j.x, j.y, j.risk) for j in game.journey[:k]] == [(j.x, j.y, j.risk) for j in replay.journey[:k]]


def test_replaying_a_trace_for_many_travellers_works():
    m = model()
    game = Simulation(m, 1, 5)
    for _ in range(30):
        game.step({"dy": 1.0, "pace": "walk", "climb": True})
    many = Simulation(m, 200, 5)
    policy = replaying(m, game.trace)
    for _ in range(30):
        many.step(policy(many.state), record=False)
    assert many.state.x.shape == (200,)
    # deterministic given the seed
    again = Simulation(m, 200, 5)
    policy = replaying(m, game.trace)
    for _ in range(30):
        again.step(policy(again.state), record=False)
    assert np.array_equal(again.state.y, many.state.y) and np.array_equal(again.state.outcome, many.state.outcome)


def test_auto_action_is_deterministic_given_the_state():
    m = model()
    sim = Simulation(m, 50, 8)
    for _ in range(40):
        sim.step(m.auto_action(sim.state))
    a, b = m.auto_action(sim.state), m.auto_action(sim.state)
    for key in a:
        assert np.array_equal(np.asarray(a[key]), np.asarray(b[key])), key


# ------------------------------------------------------------------ autoplay and calibration


@pytest.mark.parametrize(
    "preset,seed,outcome",
    [("historical", 1, "crossed"), ("historical", 39, "killed"), ("clear-night", 1, "caught"),
     ("clear-night", 9, "killed"), ("clear-day", 1, "turned_back")],
)
def test_autoplay_reaches_every_outcome(preset, seed, outcome):
    m = model(preset)
    sim = Simulation(m, 1, seed)
    sim.autoplay()
    assert sim.outcome_of(0) == outcome


def test_calibration_fog_makes_the_crossing_many_times_likelier():
    hist = autoplay_shares("historical")
    night = autoplay_shares("clear-night")
    assert hist["crossed"] >= 0.8
    assert 0.03 <= night["crossed"] <= 0.3
    assert hist["crossed"] >= 4 * night["crossed"]
    assert all(v >= 0 for v in hist.values()) and sum(hist.values()) == pytest.approx(1.0)


def test_calibration_a_clear_day_is_hopeless_and_the_careful_player_turns_back():
    day = autoplay_shares("clear-day", n=300)
    assert day["crossed"] == 0.0
    assert day["turned_back"] >= 0.9


def test_every_traveller_ends():
    m = model("historical")
    sim = Simulation(m, 300, 2)
    sim.autoplay()
    assert (sim.state.outcome != ONGOING).all()
    assert sim.state.step < m.max_steps


def test_the_guards_matter_in_fog_too():
    # In fog the guards cannot see far, but a patrol met on its round can see
    # close up, and a sound sends patrols to look: their eyes still count.
    def crossed(**overrides):
        sim = Simulation(model("historical", **overrides), 300, 7, events=False)
        run_to_end(sim, automatic(sim.model))  # the outcomes of sim.autoplay() (tests/test_compaction.py)
        return float((sim.outcomes == sim.model.code("crossed")).mean())

    blind, keen = crossed(sight_rate_per_min=0.0), crossed(sight_rate_per_min=60.0)
    assert blind > keen + 0.1, (blind, keen)


# ------------------------------------------------------------------ the ways across a fence, hearing a patrol

WAY = st.sampled_from([0, 1, 2])


@settings(max_examples=50, deadline=None)
@given(d=st.floats(1, 3000), vis=st.floats(20, 20000), light=st.floats(0, 1), cover=st.floats(0, 1),
       alarm=st.floats(0, 1), way=WAY, height=st.floats(0.5, 6.0))
def test_crossing_a_fence_any_way_is_a_probability_with_a_cost(d, vis, light, cover, alarm, way, height):
    m = model()
    p = m.detection_probability(d, vis, light, cover, 1, alarm, climbing=True, way=way)
    assert np.all((p >= 0) & (p <= 1))
    assert float(m.crossing_seconds(way, height)) > 0 and float(m.crossing_noise(way)) >= 0


@settings(max_examples=40, deadline=None)
@given(d=st.floats(1, 2000), vis=st.floats(20, 20000), light=st.floats(0, 1), cover=st.floats(0, 0.95),
       alarm=st.floats(0, 1))
def test_on_the_wire_you_show_most_cutting_less_in_a_drain_not_at_all(d, vis, light, cover, alarm):
    m = model()
    climb, cut, under = (m.detection_probability(d, vis, light, cover, 1, alarm, climbing=True, way=w) for w in (0, 1, 2))
    assert np.all(climb >= cut) and np.all(under == 0)
    # and the noise the guards may hear goes the same way
    assert m.crossing_noise(0) > m.crossing_noise(1) >= m.crossing_noise(2)


def _to_fence(m, sim):
    for _ in range(60):
        sim.step({"dx": 0.0, "dy": 1.0, "pace": "walk", "climb": False})


def test_cutting_takes_longer_than_climbing_and_leaves_a_gap():
    m = model(visibility_m=60.0, cut_found_m=0.0)
    sim = Simulation(m, 1, 4)
    _to_fence(m, sim)
    steps = 0
    while steps < 200:
        sim.step({"dx": 0.0, "dy": 1.0, "pace": "walk", "climb": True, "fence_way": 1})
        steps += 1
        if sim.state.y[0] > m.home_y + 1:
            break
    assert sim.state.y[0] > m.home_y + 1
    assert steps >= m.params["cut_s"] / m.dt - 1
    assert np.isfinite(sim.state.extra["cut_x"][0]).sum() == 1
    codes = [ev["code"] for ev in sim.events(0)]
    assert "fence_cutting" in codes and "fence_climbing" not in codes
    done = [ev for ev in sim.events(0) if ev["code"] == "fence_climbed"]
    assert done and done[0]["way"] == 1


def _cut_and_lie_still(m, n=40, steps=700):
    sim = Simulation(m, n, 4)
    _to_fence(m, sim)
    for _ in range(steps):
        through = sim.state.y > m.home_y + 1
        sim.step({"dx": 0.0, "dy": np.where(through, 0.0, 1.0), "pace": "walk", "wait": through, "climb": True,
                  "fence_way": 1})
    return sim


def test_a_patrol_that_passes_the_gap_raises_the_alarm_and_searches_there():
    m = model(visibility_m=60.0, cut_found_m=500.0)
    sim = _cut_and_lie_still(m)
    e = sim.state.extra
    found = e["cut_found"].any(axis=1)
    assert found.any()
    assert sum(1 for _s, code, idx, _i in sim.state.log if code == "cut_found" for _ in idx) == found.sum()
    row = np.nanmin(e["cut_y"], axis=1)
    gap = found & ~e["challenged"]  # (a soldier seen later is searched for where he was seen)
    assert gap.any() and np.allclose(e["heard_y"][gap], row[gap])  # the search starts at the gap
    # and never with nobody passing close enough
    quiet = _cut_and_lie_still(model(visibility_m=60.0, cut_found_m=0.0))
    assert not quiet.state.extra["cut_found"].any()


def test_under_works_only_at_a_drain_and_soaks_you():
    m = model(visibility_m=60.0)
    assert m.drain.any() and (m.drain <= m.fence).all()
    ys, xs = np.nonzero(m.drain)
    x = float(xs[0]) + 0.5
    # away from the drain, asking to go under is a climb
    sim = Simulation(m, 1, 4)
    _to_fence(m, sim)
    for _ in range(3):
        sim.step({"dx": 0.0, "dy": 1.0, "pace": "walk", "climb": True, "fence_way": 2})
    assert sim.state.extra["climbing"][0] and sim.state.extra["cross_way"][0] == 0
    # at the drain: under, hidden, soaked
    sim = Simulation(m, 1, 4)
    sim.state.x[0] = x
    _to_fence(m, sim)
    for _ in range(3):
        sim.step({"dx": 0.0, "dy": 1.0, "pace": "walk", "climb": True, "fence_way": 2})
    e = sim.state.extra
    assert e["climbing"][0] and e["cross_way"][0] == 2 and e["wet"][0] == 1.0
    assert "fence_under" in [ev["code"] for ev in sim.events(0)]


def test_a_patrol_is_heard_before_it_is_seen_in_fog():
    """Lying still by the patrols' road: a patrol that comes into sight within the
    hearing range was heard the step before (it walks 5-6 m a step)."""
    m = model(visibility_m=40.0)
    s = m.n_sentries
    heard_steps, checked = 0, 0
    for seed in range(6):
        sim = Simulation(m, 1, seed)
        was_heard = np.zeros(m.n_patrols, bool)
        was_seen = np.ones(m.n_patrols, bool)  # (nothing is new at the first step)
        for _ in range(400):
            sim.step({"dx": 0.0, "dy": 0.0, "pace": "walk", "wait": True})
            e = sim.state.extra
            heard, seen = e["patrol_heard"][0], m.guards_in_sight(sim.state)[0][s:]
            d = e["guard_dist_m"][0][s:]
            assert not (heard & seen).any()  # heard means not seen
            assert np.all(d[heard] <= m.params["patrol_heard_m"])
            new_close = seen & ~was_seen & (d <= m.params["patrol_heard_m"] - 10.0)
            checked += int(new_close.sum())
            assert np.all(was_heard[new_close])
            heard_steps += int(heard.any())
            was_heard, was_seen = heard.copy(), seen.copy()
            if sim.state.outcome[0] != ONGOING:
                break
    assert heard_steps > 0 and checked > 0


def test_without_hearing_range_nothing_is_heard():
    m = model(patrol_heard_m=0.0)
    sim = Simulation(m, 1, 3)
    for _ in range(200):
        sim.step({"dx": 0.0, "dy": 0.0, "wait": True})
    assert not sim.state.extra["patrol_heard"].any()


def test_the_automatic_player_crosses_each_way_and_listens():
    m = model()
    sim = Simulation(m, 300, 11)
    sim.autoplay()
    codes = {code for _step, code, _idx, _info in sim.state.log}
    assert {"fence_cutting", "patrol_heard"} <= codes
    # lying still when it hears a patrol changes what happens
    loud = model(auto_wait_heard=0.0)
    sim2 = Simulation(loud, 300, 11)
    sim2.autoplay()
    assert not np.array_equal(sim.state.outcome, sim2.state.outcome)


def test_replaying_the_new_choices_reproduces_the_run():
    """A player who cuts the first fence and climbs the second: the recorded choices
    (with how each fence was crossed) replay the same run."""
    m = model()
    game = Simulation(m, 1, 7)
    script = [({"dy": 1.0, "pace": "walk", "climb": True, "fence_way": 1}, 70),
              ({"dy": 1.0, "pace": "crawl", "climb": True, "fence_way": 0}, 60),
              ({"wait": True}, 20), ({"dx": 0.3, "dy": 1.0, "pace": "walk", "climb": True}, 60)]
    for action, steps in script:
        for _ in range(steps):
            game.step(action)
    assert {e["action"].get("fence_way") for e in game.trace.entries} >= {0, 1}
    replay = Simulation(m, 1, 7)
    run_to_end(replay, replaying(replay.model, game.trace))
    k = min(len(game.journey), len(replay.journey))
    assert [(j.x, j.y, j.risk) for j in game.journey[:k]] == [(j.x, j.y, j.risk) for j in replay.journey[:k]]
    codes = [ev["code"] for ev in game.events(0)]
    assert "fence_cutting" in codes


def test_probing_is_slow_but_sets_off_fewer_mines_per_metre():
    m = model(visibility_m=10000.0, sight_rate_per_min=0.0, hear_rate_per_min=0.0)
    yy, xx = np.nonzero(m.mine_hazard_per_m.reshape(m.H, m.W) > 0)
    k = int(np.argmax(m.mine_hazard_per_m.reshape(m.H, m.W)[yy, xx]))
    x0, y0 = float(xx[k]) + 0.5, float(yy[k]) + 0.5
    rates, speeds = {}, {}
    for probe in (False, True):
        sim = Simulation(m, 3000, 9)
        sim.state.x[:] = x0
        sim.state.y[:] = y0
        walked = np.zeros(3000)
        for _ in range(6):
            before = sim.state.x.copy()
            sim.step({"dx": 0.05, "dy": 0.0, "pace": "crawl", "probe": probe})
            walked += np.abs(sim.state.x - before) * m.mpt
        killed = (sim.state.outcome == m.KILLED).sum()
        rates[probe] = killed / walked.sum()
        speeds[probe] = walked.mean()
    assert speeds[True] < speeds[False]
    assert rates[True] < 0.5 * rates[False]
    assert "probing" in {code for _s, code, _i, _d in sim.state.log}


# ---------------------------------------------------------------- when to set out (issue 11 item 8)


def test_at_the_post_nobody_looks_twice_and_the_cold_waits():
    """Until he sets out the soldier stays at his post, on duty: never caught, never
    heard, not chilled, whatever the fog and the patrols; the clock runs."""
    m = model("clear-day")  # in daylight without fog a soldier out in the open is soon seen
    sim = Simulation(m, 200, 4)
    x0, y0 = sim.state.x.copy(), sim.state.y.copy()
    for _ in range(120):
        sim.step({"dx": 0.0, "dy": 1.0, "pace": "run", "set_out": False})
    assert (sim.state.outcome == ONGOING).all()
    assert np.array_equal(sim.state.x, x0) and np.array_equal(sim.state.y, y0)
    assert (sim.state.extra["cold"] == 0).all() and (sim.state.extra["alarm"] == 0).all()
    assert not sim.state.extra["out"].any()
    assert sim.state.extra["clock_h"] > m.params["start_hour"] + 0.19


def test_a_record_without_the_choice_sets_out_at_once():
    """Old records (no ``set_out``) play as before: the default is to go."""
    m = model()
    a, b = Simulation(m, 50, 6), Simulation(m, 50, 6)
    for _ in range(150):
        a.step({"dx": 0.2, "dy": 1.0, "pace": "walk", "climb": True})
        b.step({"dx": 0.2, "dy": 1.0, "pace": "walk", "climb": True, "set_out": True})
    assert np.array_equal(a.state.y, b.state.y) and np.array_equal(a.state.outcome, b.state.outcome)
    assert a.state.extra["out"].all()


def test_when_the_watch_ends_he_must_go_and_is_missed():
    m = model()
    sim = Simulation(m, 1, 2)
    watch = int(np.ceil(m.params["missed_after_min"] / (m.step_hours * 60.0)))
    for _ in range(watch + 2):
        sim.step({"dx": 0.0, "dy": 0.0, "wait": True, "set_out": False})
    e = sim.state.extra
    assert e["out"][0] and e["alarm"][0] >= m.params["missed_alarm"] * 0.99
    codes = [ev["code"] for ev in sim.events(0)]
    assert "watch_over" in codes and "set_out" not in codes


def test_setting_out_is_told_once_and_a_patrol_that_passes_fades():
    m = model()
    sim = Simulation(m, 1, 3)
    for _ in range(5):
        sim.step({"wait": True, "set_out": False})
    for _ in range(300):
        sim.step({"dx": 0.0, "dy": 0.0, "wait": True})
    codes = [ev["code"] for ev in sim.events(0)]
    assert codes.count("set_out") == 1
    if "patrol_heard" in codes:  # a patrol heard and gone is told as going
        assert "patrol_faded" in codes[codes.index("patrol_heard"):] or sim.state.extra["patrol_heard"][0].any()


def test_waiting_at_the_post_for_the_patrol_to_pass_helps_and_replays_reproduce_it():
    """The automatic player waits while a patrol is near its post: more reach the South
    than leaving at once (same seed); and the recorded wait replays exactly."""
    at_once = model(auto_leave_max_min=0.0)
    sims = {}
    for name, m in (("wait", model()), ("at_once", at_once)):
        sim = Simulation(m, 1500, 21, events=False)  # the same outcomes (tests/test_quiet_runs.py, test_compaction.py)
        run_to_end(sim, m.auto_action)
        sims[name] = float((sim.outcomes == m.CROSSED).mean())
    assert sims["wait"] > sims["at_once"] + 0.02
    # one soldier who waits 40 steps at the post, then walks south
    m = model()
    game = Simulation(m, 1, 8)
    for k in range(120):
        game.step({"dy": 1.0, "pace": "walk", "climb": True, "set_out": k >= 40})
    assert game.journey[39].y == game.journey[0].y and game.journey[60].y > game.journey[0].y
    replay = Simulation(m, 1, 8)
    run_to_end(replay, replaying(m, game.trace, until=120))
    assert [(j.x, j.y) for j in replay.journey[:120]] == [(j.x, j.y) for j in game.journey[:120]]


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.floats(30.0, 20000.0), st.floats(0.0, 23.0), st.integers(1, 60))
def test_at_the_post_every_risk_is_nought_and_stays_in_range(seed, vis, hour, steps):
    m = model(visibility_m=vis, start_hour=hour)
    sim = Simulation(m, 8, seed)
    for _ in range(steps):
        sim.step({"dx": 1.0, "dy": 1.0, "pace": "run", "set_out": False})
        assert np.all((sim.state.risk >= 0) & (sim.state.risk <= 1))
    assert (sim.state.outcome == ONGOING).all()
    assert np.all(sim.state.extra["felt"] == 0)


# ---------------------------------------------------------------- making yourself known to the South's post


def _before_the_south_post(m, n, metres=280.0):
    sim = Simulation(m, n, 5)
    gx, gy = (m.goal[0] + m.goal[2]) / 2, (m.goal[1] + m.goal[3]) / 2
    sim.state.x[:] = gx
    sim.state.y[:] = gy - metres / m.mpt
    sim.state.extra["out"][:] = True
    return sim


def test_calling_out_brings_the_souths_soldiers_after_guide_min():
    m = model()
    sim = _before_the_south_post(m, 1)
    steps = int(np.ceil(m.params["guide_min"] * 60 / (m.step_hours * 3600)))
    for k in range(steps + 2):
        sim.step({"wait": True, "hail": True})
        if sim.state.outcome[0] != ONGOING:
            break
    assert m.outcomes[sim.state.outcome[0]] == "crossed" and k >= steps - 1
    ev = [e for e in sim.events(0) if e["code"] in ("hailed", "reached_post")]
    assert [e["code"] for e in ev] == ["hailed", "reached_post"]


def test_a_call_is_heard_only_south_of_the_line_and_within_the_posts_watch():
    m = model()
    far = _before_the_south_post(m, 1, metres=m.params["south_watch_m"] + 60)
    for _ in range(5):
        far.step({"wait": True, "hail": True})
    assert not far.state.extra["hailed"][0]
    deaf = model(south_watch_m=0.0)
    sim = _before_the_south_post(deaf, 1)
    sim.step({"wait": True, "hail": True})
    assert not sim.state.extra["hailed"][0]


def test_in_daylight_calling_out_and_lying_still_beats_walking_up_in_the_open():
    """A clear day, 280 m before the South's post: walking the last stretch in view of
    the North's guards, or calling out and lying still until the post's soldiers come.
    In thick fog both are safe (the soldier of 2017 walked up out of the fog)."""
    killed = {}
    for preset in ("clear-day", "historical"):
        m = model(preset)
        for hail in (False, True):
            sim = _before_the_south_post(m, 1500)
            policy = (lambda s: {"wait": True, "hail": True}) if hail else (lambda s, m=m: {**m.auto_action(s), "hail": False})
            run_to_end(sim, policy, compact=False)
            killed[preset, hail] = float((sim.state.outcome == m.KILLED).mean())
    assert killed["clear-day", True] < killed["clear-day", False] - 0.04
    assert killed["historical", True] < 0.02 and killed["historical", False] < 0.02


def test_the_automatic_player_calls_out_only_out_of_the_fog():
    m = model()
    sim = _before_the_south_post(m, 4)
    sim.state.extra["light"] = 1.0
    sim.state.extra["vis_here"][:] = 80.0  # in fog, even by day, it walks on as the soldier of 2017 did
    assert not m.auto_action(sim.state)["hail"].any()
    sim.state.extra["vis_here"][:] = 2000.0
    assert m.auto_action(sim.state)["hail"].all()


# ---------------------------------------------------------------- the challenge and the rifle (issue 11 item 8)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2), st.floats(1.0, 2000.0), st.floats(10.0, 20000.0), st.floats(0.0, 1.0))
def test_challenge_odds_are_chances_and_fog_and_distance_help(evade, d, vis, lying):
    m = model()
    stop, fire = m.challenge_odds(evade, d, vis, lying)
    assert 0.0 <= float(stop) <= 1.0 and 0.0 <= float(fire) <= 1.0
    # further off, or in thicker fog, never worse
    assert float(m.challenge_odds(evade, d * 1.5, vis, lying)[0]) <= float(stop) + 1e-12
    assert float(m.challenge_odds(evade, d, vis * 0.5, lying)[0]) <= float(stop) + 1e-12
    # lying flat: better cover, never worse
    if evade == 0:
        assert float(m.challenge_odds(0, d, vis, lying * 0.5)[0]) <= float(stop) + 1e-12


def test_each_answer_has_a_place_where_it_is_best():
    """Dense cover in fog: lie flat; open ground in thick fog: crawl away; a clear day
    close by: running is the only way out of their sight, and it draws fire."""
    m = model()
    stop = lambda e, d, v, lying: float(m.challenge_odds(e, d, v, lying)[0])  # noqa: E731
    assert stop(0, 60, 100, 0.05) < min(stop(1, 60, 100, 0.05), stop(2, 60, 100, 0.05) * 2)
    assert stop(1, 60, 100, 1.0) < stop(0, 60, 100, 1.0)
    assert stop(2, 20, 10000, 1.0) < stop(1, 20, 10000, 1.0)
    assert float(m.challenge_odds(2, 20, 10000, 1.0)[1]) > float(m.challenge_odds(1, 20, 10000, 1.0)[1])


@pytest.fixture(scope="module")
def challenged_runs():
    """300 soldiers walking south in clear daylight (soon seen), answering a challenge each way."""
    m = model("clear-day")
    out = {}
    for evade in (0, 1, 2):
        sim = Simulation(m, 300, 5)
        for _ in range(400):
            sim.step({"dx": 0.0, "dy": 1.0, "pace": "walk", "climb": True, "evade": evade})
            if sim.finished:
                break
        out[evade] = sim
    return m, out


def test_the_first_sighting_north_is_a_challenge_and_the_answer_decides(challenged_runs):
    m, runs = challenged_runs
    for evade, sim in runs.items():
        log = [(code, idx) for _s, code, idx, _d in sim.state.log]
        challenged = sum(len(idx) for code, idx in log if code == "challenged")
        assert challenged > 50
        assert (sim.state.extra["evade_way"][sim.state.extra["challenged"]] == evade).all()
        # nobody is caught north of the line without a challenge first
        caught = sim.state.outcome == m.CAUGHT
        assert sim.state.extra["challenged"][caught].all()
    shot = {e: float((s.state.outcome == m.KILLED).mean()) for e, s in runs.items()}
    assert shot[2] > shot[1]  # runners draw fire


def test_some_get_away_and_the_search_starts_where_they_were():
    m = model(visibility_m=60.0)
    sim = Simulation(m, 400, 12)
    for _ in range(300):
        sim.step({"dx": 0.0, "dy": 1.0, "pace": "walk", "climb": True, "evade": 1})
    log = [(code, idx, d) for _s, code, idx, d in sim.state.log]
    got_away = [i for code, idx, _d in log if code == "evaded" for i in idx]
    assert got_away
    assert all(d.get("way") is not None for code, _i, d in log if code == "evaded")


def test_leaving_the_rifle_is_quieter_but_probes_worse_and_cannot_cut():
    m = model()
    sim = Simulation(m, 20, 3)
    for _ in range(3):
        sim.step({"dx": 0.0, "dy": 1.0, "pace": "walk", "armed": False})
    e = sim.state.extra
    assert not e["armed"].any()
    walking = e["noise"] > 0
    armed = Simulation(m, 20, 3)
    for _ in range(3):
        armed.step({"dx": 0.0, "dy": 1.0, "pace": "walk"})
    assert np.allclose(e["noise"][walking], armed.state.extra["noise"][walking] * m.params["noise_unarmed"])
    # once out, the choice holds: a later action cannot fetch the rifle back
    sim.step({"dx": 0.0, "dy": 1.0, "pace": "walk", "armed": True})
    assert not sim.state.extra["armed"].any()
    # a cut asked for without the bayonet is a climb
    n = 30
    cut = Simulation(m, n, 4)
    _to_fence(m, cut)
    cut.step({"dx": 0.0, "dy": 1.0, "pace": "walk", "climb": True, "fence_way": 1})
    assert cut.state.extra["climbing"].any()
    cut2 = Simulation(m, n, 4)
    cut2.step({"dx": 0.0, "dy": 0.0, "armed": False})
    _to_fence(m, cut2)
    cut2.step({"dx": 0.0, "dy": 1.0, "pace": "walk", "climb": True, "fence_way": 1})
    on = cut2.state.extra["climbing"]
    assert on.any() and (cut2.state.extra["cross_way"][on] == 0).all()


def test_probing_by_hand_finds_fewer_mines():
    m = model(visibility_m=10000.0, sight_rate_per_min=0.0, hear_rate_per_min=0.0)
    yy, xx = np.nonzero(m.mine_hazard_per_m.reshape(m.H, m.W) > 0)
    k = int(np.argmax(m.mine_hazard_per_m.reshape(m.H, m.W)[yy, xx]))
    killed = {}
    for armed in (True, False):
        sim = Simulation(m, 3000, 9)
        sim.step({"armed": armed})
        sim.state.x[:] = float(xx[k]) + 0.5
        sim.state.y[:] = float(yy[k]) + 0.5
        for _ in range(40):
            sim.step({"dx": 1.0, "dy": 0.0, "pace": "crawl", "probe": True})
        killed[armed] = int((sim.state.outcome == m.KILLED).sum())
    assert killed[False] > 2 * killed[True] > 0, killed


def test_the_rifle_and_the_answers_are_recorded_and_replayed():
    m = model("clear-day")
    game = Simulation(m, 1, 5)
    for k in range(400):
        game.step({"dx": 0.0, "dy": 1.0, "pace": "walk", "climb": True, "armed": False, "evade": 2 if k > 20 else 1})
        if game.finished:
            break
    keys = set().union(*(e["action"] for e in game.trace.entries))
    assert {"armed", "evade"} <= keys
    replay = Simulation(m, 1, 5)
    run_to_end(replay, replaying(m, game.trace, until=game.state.step))
    assert [(j.x, j.y, j.risk) for j in replay.journey] == [(j.x, j.y, j.risk) for j in game.journey]
    assert replay.outcome_of(0) == game.outcome_of(0)


# ---------------------------------------------------------------- the way across the fences (issue 11 item 8)


def test_each_way_crosses_the_north_fences_where_the_map_says():
    """Straight south crosses where the strip's mines lie thinnest by the post; the path
    plan where a patrol path crosses the strip (no mines on it); the drain plan at the drain."""
    m = model()
    hazard = m.mine_hazard_per_m.reshape(m.H, m.W)
    north = m.fence_rows[m.fence_rows < m.mdl_y]
    strip = slice(int(north.min()) + 1, int(north.max()))
    (sx, row0), (px, row1), (dx_, row2) = (m.crossings[k] for k in (0, 1, 2))
    assert row0 == row1 == row2 == int(north.max()) + 1
    assert hazard[strip, sx].sum() < hazard[strip].sum(axis=0).max()  # thinner than the thickest
    assert hazard[strip, px].sum() == 0  # the patrol path: no mines
    assert m.drain[int(north.min()), dx_] and m.drain[int(north.max()), dx_]
    # from the post, each plan leads down its own column through the strip; past the fences it ends
    for plan, x in ((0, sx), (1, px), (2, dx_)):
        ndx, ndy = m.plan_fields()[plan]
        cx, cy = int(m.start_xy[0]), int(m.start_xy[1])
        cols = set()
        for _ in range(200):
            here = cy * m.W + cx
            if cy >= row0 or not (ndx[here] or ndy[here]):
                break
            cx, cy = cx + int(ndx[here]), cy + int(ndy[here])
            if strip.start <= cy < strip.stop:
                cols.add(cx)
        assert cy == row0 and cols == {x}, (plan, cols)
        assert not m.plan_direction(plan, x + 0.5, row0 + 2.5)[2][0]


@pytest.fixture(scope="module")
def plan_runs():
    """The automatic player from its post, the same 300 mornings, taking each way (seed 4)."""
    m = model()
    out = {}
    for plan in (0, 1, 2):
        sim = Simulation(m, 300, 4, events=False)
        run_to_end(sim, lambda s, plan=plan: {**m.auto_action(s), "plan": plan}, compact=False)  # (every row's cause)
        out[plan] = sim
    return m, out


def test_the_way_chosen_at_the_post_changes_the_odds_for_its_reasons(plan_runs):
    """The patrol path sets off no mine between the fences, but its walk on the fence road
    and near a post gets more caught; the drain's thick mines kill more than straight south."""
    m, runs = plan_runs
    north = m.fence_rows[m.fence_rows < m.mdl_y]

    def share(plan, code):
        return float((runs[plan].outcomes == code).mean())

    def strip_deaths(plan):  # mines gone off between the fences
        from game.sim.fog import CAUSE_MINE

        sim = runs[plan]
        y = sim.end_y
        mine = sim.state.extra["cause"] == CAUSE_MINE
        return int(((sim.outcomes == m.KILLED) & mine & (y > north.min()) & (y < north.max())).sum())

    assert strip_deaths(1) == 0 and strip_deaths(0) > 0
    assert share(1, m.CAUGHT) > share(0, m.CAUGHT)
    assert share(2, m.KILLED) > share(0, m.KILLED)
    assert share(0, m.CROSSED) > max(share(1, m.CROSSED), share(2, m.CROSSED))
    assert float(np.median(runs[1].end_step)) > float(np.median(runs[0].end_step))  # the long way takes time


def test_the_way_is_recorded_and_the_replays_after_an_early_end_follow_it():
    """A player who chose the patrol path and was stopped early on the fence road: his record
    replays his own run exactly, and the others go on along the path, not straight south."""
    m = model()
    game = Simulation(m, 1, 12)
    for k in range(30):
        game.step({"dx": 1.0, "dy": 0.0, "pace": "walk", "plan": 1, "set_out": True})
    assert any(e["action"].get("plan") == 1 for e in game.trace.entries)
    until = game.state.step
    replay = Simulation(m, 1, 12)
    run_to_end(replay, replaying(m, game.trace, until=until))
    assert [(j.x, j.y) for j in replay.journey[:until]] == [(j.x, j.y) for j in game.journey[:until]]
    north = m.fence_rows[m.fence_rows < m.mdl_y]
    many = Simulation(m, 64, 12, events=False)
    run_to_end(many, replaying(m, game.trace, until=until),
               done=lambda s: bool((s.state.active & (s.state.y > north.max() + 1)).any()) or s.state.step > until + 900)
    past = many.state.active & (many.state.y > north.max() + 1)
    assert past.any() and np.all(np.abs(many.state.x[past] - (m.crossings[1][0] + 0.5)) < 12)


def test_stepping_onto_the_patrol_path_between_the_fences_is_told():
    m = model()
    game = Simulation(m, 1, 3)
    x = m.crossings[1][0] + 0.5
    game.state.x[0] = x
    for _ in range(200):
        game.step({"dy": 1.0, "pace": "walk", "climb": True, "plan": 1})
        if game.finished or game.state.y[0] > m.crossings[1][1]:
            break
    codes = [ev["code"] for ev in game.events(0)]
    assert "path_strip" in codes and "mines_signs" not in codes[: codes.index("path_strip")]


# ------------------------------------------------------------------ leaving the post, and the fog's banks (issue 11 item 8)


def test_a_word_to_the_comrade_moves_the_hour_he_is_missed_and_may_be_doubted():
    """Slipping away: missed at the count. A word: believed, missed word_cover_min after the
    count; doubted (about word_doubt_share of mornings), reported at once."""
    m = model()
    p = m.params
    sims = {}
    for leave in (0, 1):
        sim = Simulation(m, 400, 12)
        for _ in range(3):
            sim.step({"dy": 1.0, "pace": "walk", "climb": True, "leave": leave})
        sims[leave] = sim
    assert np.all(sims[0].state.extra["missed_min"] == p["missed_after_min"])
    mm = sims[1].state.extra["missed_min"]
    doubted = mm < p["missed_after_min"]
    assert np.all(np.isin(mm[~doubted], [p["missed_after_min"] + p["word_cover_min"]]))
    assert abs(doubted.mean() - p["word_doubt_share"]) < 0.08
    # the draws of a journey without a word are those of before: the same run as without the field
    plain = Simulation(m, 400, 12)
    for _ in range(3):
        plain.step({"dy": 1.0, "pace": "walk", "climb": True})
    assert np.array_equal(plain.state.y, sims[0].state.y)


def test_a_doubted_word_raises_the_alarm_and_costs_crossings():
    """The same mornings: with a word, the doubted are missed at once, the alarm is up at the
    wire and the careful soldier turns back; slipping away, nobody does."""
    m = model()
    shares = {}
    for leave in (0, 1):
        sim = Simulation(m, 300, 4)
        run_to_end(sim, lambda st, leave=leave: {**m.auto_action(st), "leave": leave}, compact=False)
        counts = np.bincount(sim.state.outcome, minlength=len(m.outcomes)) / 300
        shares[leave] = {o: counts[i] for i, o in enumerate(m.outcomes)}
    assert shares[1]["turned_back"] > shares[0]["turned_back"] + 0.15
    assert shares[1]["crossed"] < shares[0]["crossed"] - 0.1


def test_waiting_for_a_bank_holds_him_still_until_it_comes_or_the_wait_is_over():
    m = model()
    sim = Simulation(m, 200, 9)
    for _ in range(3):  # out of the post
        sim.step({"dy": 1.0, "pace": "walk", "climb": True})
    y0 = sim.state.y.copy()
    limit = int(m.params["bank_max_min"] * 60 / (m.step_hours * 3600)) + 3
    for _ in range(limit):
        sim.step({"dy": 1.0, "pace": "walk", "climb": True, "bank": True})
    e = sim.state.extra
    assert e["bank_done"][sim.state.active].all()
    assert np.all(e["bank_s"] <= m.params["bank_max_min"] * 60.0 + 1e-9)
    # the thick-fog mornings get a dense bank as the target, the others a thick one
    act = sim.state.active
    assert set(np.unique(e["bank_to"][act])) <= {m.params["thick_fog_m"], m.params["dense_fog_m"]}
    waited = e["bank_s"] > 0
    assert waited.any() and (~waited).any()  # some waited, on some the fog came at once
    # while they waited they did not move: those who waited longest are the least far on
    longest = waited & act & (e["bank_s"] >= e["bank_s"][act].max())
    assert np.all(sim.state.y[longest] - y0[longest] < (sim.state.y - y0)[act & ~waited].max())
    # once done, asking again does nothing
    s = e["bank_s"].copy()
    sim.step({"dy": 1.0, "pace": "walk", "climb": True, "bank": True})
    assert np.array_equal(e["bank_s"], s)


def test_leaving_with_a_word_and_waiting_for_a_bank_replay_exactly():
    m = model()
    game = Simulation(m, 1, 13)
    script = [({"set_out": False, "leave": 1}, 10), ({"dy": 1.0, "pace": "walk", "climb": True, "leave": 1}, 15),
              ({"dy": 1.0, "pace": "walk", "climb": True, "bank": True, "wait": True}, 60),
              ({"dy": 1.0, "pace": "walk", "climb": True}, 20)]
    for action, steps in script:
        for _ in range(steps):
            if not game.finished:
                game.step(action)
    assert any(e["action"].get("leave") == 1 for e in game.trace.entries)
    assert any(e["action"].get("bank") for e in game.trace.entries)
    replay = Simulation(m, 1, 13)
    run_to_end(replay, replaying(replay.model, game.trace, until=len(game.journey) - 1))
    k = len(game.journey)
    assert [(j.x, j.y, j.risk) for j in game.journey[:k]] == [(j.x, j.y, j.risk) for j in replay.journey[:k]]
    assert game.state.extra["missed_min"][0] == replay.state.extra["missed_min"][0]


def test_the_what_if_undoes_a_word_to_the_comrade():
    from game.journey import Journey, spec_for, what_if

    sc = scenario()
    m = model()
    game = Simulation(m, 1, 13)
    for k in range(30):
        game.step({"dy": 1.0, "pace": "walk", "climb": True, "leave": 1})
    values = sc.values("historical")
    j = Journey.from_simulation(game, spec_for(sc, "historical", values, 13))
    cf = what_if(sc, values, j)
    assert cf["choice_changes"] == {"leave": (1, 0)} and "without a word" in cf["label"]
    slipped = Simulation(m, 1, 13)
    for k in range(30):
        slipped.step({"dy": 1.0, "pace": "walk", "climb": True})
    j2 = Journey.from_simulation(slipped, spec_for(sc, "historical", values, 13))
    assert what_if(sc, values, j2)["changes"] == {"visibility_m": (100.0, 10000.0)}


# ---------------------------------------------------------------- the days before (issue 11 item 8)


def _days_runs():
    """1,000 automatic soldiers (historical, seed 1) for each choice of the days before, on the
    same mornings (one shared run each; compaction changes no result)."""
    m = model()
    out = {}
    for name, extra in (("none", {}), ("watch", {"learn": 1}), ("ask", {"learn": 2}), ("thicker", {"morning": 1}),
                        ("coat", {"coat": True})):
        sim = Simulation(m, 1000, 1, events=False)
        run_to_end(sim, lambda st, extra=extra: {**m.auto_action(st), **(extra if st.step == 0 else {})})
        counts = np.bincount(sim.outcomes, minlength=len(m.outcomes)) / 1000
        out[name] = {o: counts[i] for i, o in enumerate(m.outcomes)}
    return out


def test_the_days_before_change_the_odds_for_their_reasons():
    """(One test for the three choices, so that a parallel run makes the five runs once, not
    once in each worker that a module fixture's tests are dealt out to.)"""
    days_runs = _days_runs()
    none, watch, ask = days_runs["none"], days_runs["watch"], days_runs["ask"]
    # learning where the mines are not: fewer mines on his way between the fences, fewer
    # killed, the more so by asking
    assert ask["killed"] < watch["killed"] < none["killed"]
    # ... but he may be noticed: then he is missed as soon as he leaves, and the careful soldier
    # turns back at the wire
    assert none["turned_back"] < 0.01 < watch["turned_back"] < ask["turned_back"]
    # waiting for a thicker fog hides him, but the days may get him noticed
    thicker = days_runs["thicker"]
    assert thicker["caught"] < none["caught"] and thicker["killed"] < none["killed"]
    assert thicker["turned_back"] > none["turned_back"] + 0.05
    # the coat changes the odds
    assert days_runs["coat"] != days_runs["none"]


def test_the_days_before_are_settled_at_the_first_step_with_their_figures():
    m = model()
    p = m.params
    n = 2000
    plain = Simulation(m, n, 5)
    plain.step({"set_out": False})
    sims = {}
    for learn in (0, 1, 2):
        for morning in (0, 1):
            sim = Simulation(m, n, 5)
            sim.step({"set_out": False, "learn": learn, "morning": morning, "coat": learn == 2})
            sims[learn, morning] = sim.state.extra
    e = sims[0, 0]
    assert not e["watched"].any() and np.all(e["mine_know"] == 1.0) and not e["coat"].any()
    # nothing chosen: the very same draws as a record without the fields
    assert np.array_equal(e["fog_luck"], plain.state.extra["fog_luck"])
    assert np.all(sims[1, 0]["mine_know"] == p["learn_watch_mines"])
    assert np.all(sims[2, 0]["mine_know"] == p["learn_ask_mines"]) and sims[2, 0]["coat"].all()
    # the noticed share is the chance the scenario gives, each risk on its own and together
    assert abs(sims[1, 0]["watched"].mean() - p["learn_watch_noticed"]) < 0.03
    assert abs(sims[2, 0]["watched"].mean() - p["learn_ask_noticed"]) < 0.03
    assert abs(sims[0, 1]["watched"].mean() - p["morning_noticed"]) < 0.03
    both = 1 - (1 - p["learn_ask_noticed"]) * (1 - p["morning_noticed"])
    assert abs(sims[2, 1]["watched"].mean() - both) < 0.03
    # the thicker fog: each morning's own fog, times morning_fog_factor
    np.testing.assert_allclose(np.exp(sims[0, 1]["fog_luck"] - e["fog_luck"]), p["morning_fog_factor"])
    # a later action cannot change them
    sim = Simulation(m, 50, 5)
    sim.step({"set_out": False, "learn": 2})
    sim.step({"set_out": False, "learn": 0})
    assert np.all(sim.state.extra["mine_know"] == p["learn_ask_mines"])


def test_noticed_in_the_days_before_he_is_missed_as_he_leaves_and_told_so():
    m = model()
    sim = Simulation(m, 300, 5)
    sim.step({"set_out": False, "learn": 2})
    watched = sim.state.extra["watched"].copy()
    assert watched.any() and not watched.all()
    for _ in range(3):
        sim.step({"dy": 1.0, "pace": "walk", "climb": True, "set_out": True, "learn": 2})
    e = sim.state.extra
    hours_out = 1 * m.step_hours * 60.0
    assert np.all(e["missed_min"][watched] == hours_out) and np.all(e["missed_how"][watched] == 3)
    assert np.all(e["missed_min"][~watched] == m.params["missed_after_min"])
    # told as it happens, to the watched and to nobody else
    told = {i for i in range(sim.n) if any(ev["code"] == "missed" and ev.get("how") == 3 for ev in sim.events(i))}
    assert told == {int(i) for i in np.flatnonzero(watched)}


@settings(max_examples=25, deadline=None)
@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0), st.floats(1.0, 3.0), st.floats(0.1, 1.0))
def test_the_strip_mines_scale_with_what_he_learned_and_the_coat_slows_a_climb(know, ask, climb_x, chill_x):
    """Mine chances stay chances and fall with what he learned; the coat makes a climb longer
    and the cold slower, whatever the figures."""
    m = model(learn_watch_mines=know, coat_climb=climb_x, coat_chill=chill_x)
    x, row = m.crossings[0]
    tile = (row - 3) * m.W + x
    assert m.f_between[tile]
    sim = Simulation(m, 2, 3)
    sim.step({"set_out": False, "learn": np.array([0, 1]), "coat": np.array([False, True])})
    e = sim.state.extra
    assert e["mine_know"][1] == pytest.approx(know) and e["mine_know"][0] == 1.0
    h = m.mine_hazard_per_m[tile] * e["mine_know"] * 25.0
    p = 1.0 - np.exp(-h)
    assert np.all((p >= 0) & (p <= 1)) and p[1] <= p[0]


def test_the_days_before_are_recorded_replayed_and_undone_by_the_what_if():
    from game.journey import Journey, spec_for, what_if

    sc = scenario()
    m = model()
    values = sc.values("historical")
    game = Simulation(m, 1, 21)
    days = {"learn": 2, "morning": 1, "coat": True}
    game.step({"set_out": False, **days})
    for _ in range(40):
        if not game.finished:
            game.step({"dy": 1.0, "pace": "walk", "climb": True, **days})
    assert game.trace.entries[0]["action"]["learn"] == 2 and game.trace.entries[0]["action"]["coat"] is True
    replay = Simulation(m, 1, 21)
    run_to_end(replay, replaying(replay.model, game.trace, until=len(game.journey) - 1))
    k = len(game.journey)
    assert [(j.x, j.y, j.risk) for j in game.journey[:k]] == [(j.x, j.y, j.risk) for j in replay.journey[:k]]
    for key in ("mine_know", "watched", "coat", "fog_luck"):
        assert np.array_equal(game.state.extra[key], replay.state.extra[key]), key
    cf = what_if(sc, values, Journey.from_simulation(game, spec_for(sc, "historical", values, 21)))
    assert cf["choice_changes"] == {"learn": (2, 0)} and "kept to yourself" in cf["label"]
