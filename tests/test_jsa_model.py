"""The JSA dash: the map, the data, the risk model and its calibration."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from game.levels import load_by_id, model_for
from game.sim.jsa import DRIVING, HELD, ON_FOOT, STUCK
from game.sim.model import ONGOING
from game.sim.runner import Simulation, replaying, run_to_end
from game.world.mapdata import load_map

ROOT = Path(__file__).resolve().parents[1]
LEVEL = ROOT / "levels" / "jsa"


@lru_cache(maxsize=None)
def scenario():
    return load_by_id("jsa")


@lru_cache(maxsize=None)
def world():
    return load_map(scenario().map_file)


@lru_cache(maxsize=None)
def _model(preset):
    sc = scenario()
    return model_for(sc, sc.values(preset), world())


def model(preset="historical", **overrides):
    if not overrides:
        return _model(preset)
    sc = scenario()
    return model_for(sc, sc.values(preset, overrides), world())


@lru_cache(maxsize=None)
def autoplay(preset="historical", n=2000, seed=7):
    m = model(preset)
    sim = Simulation(m, n, seed)
    sim.autoplay()
    return sim


def shares(sim):
    counts = np.bincount(sim.state.outcome, minlength=len(sim.model.outcomes))
    return {o: counts[i] / sim.n for i, o in enumerate(sim.model.outcomes)}


def until_stuck(sim):
    while (sim.state.active & (sim.state.extra["phase"] == DRIVING)).any():
        sim.step({})


# ------------------------------------------------------------------ data


def test_scenario_is_marked_as_depicting_gunfire_with_a_note_first():
    sc = scenario()
    assert sc.depicts_gunfire is True
    assert "gunfire" in sc.content_note.lower() and "no blood" in sc.content_note.lower()
    assert "historical" in sc.presets and sc.default_preset == "historical"
    assert set(sc.outcomes) == set(model().outcomes) == {"crossed_unhurt", "crossed_wounded", "caught", "killed",
                                                          "turned_back"}
    # the player is a soldier at the JSA that day, never the named man of the record (issue 11 item 10)
    assert any("13 November 2017" in para for para in sc.briefing)
    assert not any("Oh " in para for para in sc.briefing)
    assert 2 <= len(sc.questions) <= 3 and sc.counterfactual["choice"]


def test_model_uses_exactly_the_scenario_parameters():
    code = (ROOT / "game" / "sim" / "jsa.py").read_text()
    used = set(re.findall(r'p\["([a-z0-9_]+)"\]', code))
    assert used == set(scenario().parameters), used ^ set(scenario().parameters)


def test_documented_figures_are_facts_and_the_conflicts_are_shown():
    facts = {f["id"]: f for f in tomllib.loads((LEVEL / "facts.toml").read_text())["fact"]}
    params = scenario().parameters
    assert params["pursuers"].source == "jsa.pursuers" and params["pursuers"].value == 4
    assert params["rounds_total"].source == "jsa.pursuers" and params["rounds_total"].value == 40
    assert params["rescue_delay_min"].source == "jsa.found" and params["rescue_delay_min"].value == 40
    for fid in ("jsa.age", "jsa.hits", "jsa.found", "jsa.timeline"):
        f = facts[fid]
        assert f["status"] == "conflicting"
        says = {s.get("says", "") for s in f["sources"]} - {""}
        assert len(says) >= 2
    assert "19" in {s["says"] for s in facts["jsa.age"]["sources"]}
    assert facts["jsa.age"]["value"] == 24 and facts["jsa.hits"]["value"] == 5
    used = scenario().fact_refs()
    assert set(facts) <= used, set(facts) - used
    assert "brief.jsa_2017" in used
    case = scenario().record["cases"][0]
    assert "19" in case["text"] and "24" in case["text"] and "five" in case["text"]


def test_map_has_what_the_model_needs():
    w = world()
    assert w.properties["metres_per_tile"] == 2.0
    kinds = {o.kind for o in w.objects}
    assert {"start", "jeep_route", "goal", "pursuer", "mdl"} <= kinds
    assert len(w.objects_of("pursuer")) == 4
    mdl = w.properties["mdl_y"]
    ditch = w.object_named("jeep_route").points[-1]
    mpt = w.properties["metres_per_tile"]
    assert (mdl - ditch[1]) * mpt == pytest.approx(10, abs=2)  # about 10 m short of the line (jsa.ditch)
    goal = w.object_named("goal")
    assert (goal.y + goal.height / 2 - mdl) * mpt == pytest.approx(45, abs=10)  # found about 50 m south
    assert (w.prop("opaque", 0.0) > 0).any()


# ------------------------------------------------------------------ properties


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**31), dx=st.floats(-1, 1), dy=st.floats(-1, 1),
       pace=st.sampled_from(["crawl", "walk", "run"]), wait=st.booleans())
def test_risk_and_hints_stay_in_range_and_pursuers_stop_at_the_line(seed, dx, dy, pace, wait):
    m = model()
    sim = Simulation(m, 16, seed)
    for _ in range(70):
        sim.step({"dx": dx, "dy": dy, "pace": pace, "wait": wait})
        s = sim.state
        assert np.all((s.risk >= 0) & (s.risk <= 1))
        f = m.felt_danger(s)
        assert np.all((f >= 0) & (f <= 1))
        assert np.all(s.extra["pursuers_y"] <= m.line_limit + 1e-9)
        assert np.all(s.extra["hits"] >= 0)


def _rate_at(m, x, y, pace, px, py, cover_tile=None):
    sim = Simulation(m, 1, 0)
    s = sim.state
    s.extra["phase"][:] = ON_FOOT
    s.x[:] = x
    s.y[:] = y
    s.extra["pursuers_x"][:] = px
    s.extra["pursuers_y"][:] = py
    rate, d, clear = m.hit_rate(s, np.array([pace]), np.array([False]))
    return rate[0]


@settings(max_examples=40, deadline=None)
@given(x=st.floats(30, 60), y=st.floats(60, 100), dist=st.floats(2, 60), more=st.floats(1.05, 3))
def test_hit_rate_never_rises_with_distance(x, y, dist, more):
    assume(y - dist * more >= 1)  # both shooters on the map, on the same line of sight
    m = model()
    near = _rate_at(m, x, y, 2, x, y - dist)
    far = _rate_at(m, x, y, 2, x, y - dist * more)
    p_near = 1 - np.exp(-near)
    assert np.all((p_near >= 0) & (p_near <= 1))
    assert np.all(far <= near + 1e-12)


def test_cover_and_buildings_lower_the_hit_rate():
    m = model()
    # a hut between shooter and runner blocks the line of sight entirely
    hut_x, hut_y = 16.0, m.mdl_y
    open_rate = _rate_at(m, 45.0, m.mdl_y + 6, 2, 45.0, m.mdl_y - 10)
    behind = _rate_at(m, hut_x, hut_y + 8, 2, hut_x, hut_y - 8)
    assert open_rate.sum() > 0 and behind.sum() == 0
    # more cover on the runner's tile never raises it
    tiles = np.nonzero((m.f_cover > 0) & (m.f_cover < 1))[0]
    t = tiles[0]
    cx, cy = t % m.W + 0.5, t // m.W + 0.5
    in_cover = _rate_at(m, cx, cy, 2, cx, cy - 10)
    saved = m.f_cover[t]
    try:
        m.f_cover[t] = 0.0
        no_cover = _rate_at(m, cx, cy, 2, cx, cy - 10)
    finally:
        m.f_cover[t] = saved
    assert in_cover.sum() <= no_cover.sum()


# ------------------------------------------------------------------ the story


def test_the_jeep_drives_then_sticks_short_of_the_line():
    m = model(ditch_fast_share=1.0, alarm_seen_per_min=0.0, alarm_missed_per_min=0.0)
    sim = Simulation(m, 1, 0)
    assert sim.state.extra["phase"][0] == DRIVING
    sim.step({"dx": 1.0})  # input is ignored while driving
    until_stuck(sim)
    s = sim.state
    assert s.extra["phase"][0] == STUCK
    assert (m.mdl_y - s.y[0]) * m.mpt == pytest.approx(9, abs=2)  # jsa.ditch: about 10 m


def test_staying_in_the_jeep_gets_you_caught():
    m = model()
    sim = Simulation(m, 20, 1)
    until_stuck(sim)
    while not sim.finished:
        sim.step({"wait": True})
    assert (sim.state.outcome == m.code("caught")).all()
    assert (sim.state.extra["hits"] == 0).all()  # nobody fires at the jeep


def test_running_straight_south_reaches_the_line():
    m = model()
    sim = Simulation(m, 400, 3)
    until_stuck(sim)
    while not sim.finished:
        sim.step({"dy": 1.0, "pace": "run"})
    got = shares(sim)
    assert got["crossed_wounded"] + got["crossed_unhurt"] > 0.3


def test_same_seed_same_trace_same_run():
    m = model()
    game = Simulation(m, 1, 9)
    until_stuck(game)
    for _ in range(4):
        game.step({"wait": True})
    for _ in range(8):
        game.step({"dx": -0.5, "dy": 1.0, "pace": "run"})
    while not game.finished:
        game.step({"dx": 0.0, "dy": 1.0, "pace": "run"})
    replay = Simulation(m, 1, 9)
    run_to_end(replay, replaying(replay.model, game.trace))
    assert replay.outcome_of(0) == game.outcome_of(0)
    assert [(j.x, j.y, j.risk) for j in replay.journey] == [(j.x, j.y, j.risk) for j in game.journey]


# ------------------------------------------------------------------ autoplay and calibration


@pytest.mark.parametrize("seed,outcome", [(12, "caught"), (0, "crossed_wounded"), (6, "crossed_unhurt"), (1, "killed")])
def test_autoplay_reaches_every_outcome(seed, outcome):
    sim = Simulation(model(), 1, seed)
    sim.autoplay()
    assert sim.outcome_of(0) == outcome


def test_calibration_the_documented_outcome_is_the_common_one():
    sim = autoplay()
    got = shares(sim)
    assert got["crossed_wounded"] >= 0.3
    assert got["crossed_wounded"] == max(got.values())
    for oid in ("crossed_unhurt", "caught", "killed"):
        assert 0.03 <= got[oid] <= 0.35, (oid, got)
    # the wounded who crossed were typically hit a few times, as in 2017
    hits = sim.state.extra["hits"][sim.state.outcome == sim.model.code("crossed_wounded")]
    assert 1.5 <= hits.mean() <= 5.5
    assert (sim.state.outcome != ONGOING).all()


def test_faster_help_saves_lives():
    fast = model(rescue_delay_min=5.0)
    a = Simulation(model(), 1500, 4)
    a.autoplay()
    b = Simulation(fast, 1500, 4)
    b.autoplay()
    assert shares(b)["killed"] < shares(a)["killed"]


def test_map_generator_is_deterministic(tmp_path, monkeypatch):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_jsa_map", ROOT / "tools" / "make_jsa_map.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    monkeypatch.setattr(mod, "OUT", tmp_path)
    mod.main()
    assert (tmp_path / "map.tmx").read_text() == (LEVEL / "map.tmx").read_text()
    assert (tmp_path / "tiles.tsx").read_text() == (LEVEL / "tiles.tsx").read_text()


# ------------------------------------------------------------------ the decisions (issue 11 item 8)


def _run(m, n=2000, seed=7, **decisions):
    """The automatic player's run with some of its decisions replaced (turned back, he goes home
    unless ``again`` says otherwise)."""
    decisions = {"again": 1, **decisions}
    sim = Simulation(m, n, seed)
    while not sim.finished:
        a = m.auto_action(sim.state)
        a.update(decisions)
        sim.step(a, record=False)
    return sim


def _events(sim, code):
    return int(sim.event_counts(code).sum())


def _pursuer_gap_at_ditch(m, seed=3, n=400, **decisions):
    """Mean distance (m) from the jeep to the nearest pursuer when it reaches the ditch (turned back, home)."""
    decisions = {"again": 1, **decisions}
    sim = Simulation(m, n, seed)
    while (sim.state.active & ~sim.state.extra["past_ditch"]).any():
        a = m.auto_action(sim.state)
        a.update(decisions)
        sim.step(a, record=False)
    e = sim.state.extra
    keep = sim.state.active & e["past_ditch"]
    d = np.hypot(e["pursuers_x"] - sim.state.x[:, None], e["pursuers_y"] - sim.state.y[:, None]).min(axis=1)
    return float(d[keep].mean()) * m.mpt


def quiet(**overrides):
    """The model with nobody warning the checkpoint on the road in (the older decisions' tests)."""
    return model(alarm_seen_per_min=0.0, alarm_missed_per_min=0.0, **overrides)


def test_the_checkpoint_bluff_is_a_gamble_both_ways():
    m = quiet()
    fast, bluff = _run(m), _run(m, checkpoint=1)
    stopped = _events(bluff, "stopped_at_checkpoint") / bluff.n
    assert stopped == pytest.approx(m.params["checkpoint_stop_share"], abs=0.04)
    assert _events(fast, "stopped_at_checkpoint") == 0 and _events(fast, "sped_past") == fast.n
    # waved through, the pursuers are further back at the ditch, and more get across unhurt
    assert _pursuer_gap_at_ditch(m, checkpoint=1) > _pursuer_gap_at_ditch(m) + 10
    assert shares(bluff)["crossed_unhurt"] > shares(fast)["crossed_unhurt"]
    assert shares(bluff)["caught"] > shares(fast)["caught"]


def test_slowing_for_the_ditch_clears_it_more_often_but_lets_them_close_in():
    m = quiet()
    fast, slow = _run(m), _run(m, drive=1)
    assert _events(fast, "last_stretch") == fast.n
    assert _events(slow, "stuck") / slow.n == pytest.approx(m.params["ditch_slow_share"], abs=0.04)
    assert _events(fast, "stuck") / fast.n == pytest.approx(m.params["ditch_fast_share"], abs=0.04)
    assert _events(slow, "at_kerb") > _events(fast, "at_kerb")
    assert _pursuer_gap_at_ditch(m, drive=1) < _pursuer_gap_at_ditch(m) - 5
    assert shares(slow) != shares(fast)


def test_rocking_the_stuck_jeep_can_free_it_while_they_come():
    m = model()
    sim = Simulation(m, 500, 4)
    until_stuck(sim)
    stuck = sim.state.extra["in_ditch"].copy()
    assert stuck.mean() == pytest.approx(m.params["ditch_fast_share"], abs=0.08)
    for _ in range(int(m.params["free_try_s"] / m.dt)):  # one try
        sim.step({"free": True})
    freed = _events(sim, "freed")
    assert freed / stuck.sum() == pytest.approx(m.params["free_share"], abs=0.08)
    assert 0 < _events(sim, "wheel_spins") + freed <= stuck.sum()  # one try each, unless caught first
    assert (stuck & ~sim.state.extra["in_ditch"]).sum() == freed
    # a freed jeep drives on to the kerb of the line (unless they catch it first)
    for _ in range(4):
        sim.step({"free": True})
    assert _events(sim, "at_kerb") > 0
    freed_rows = stuck & ~sim.state.extra["in_ditch"] & (sim.state.extra["phase"] == STUCK)
    assert freed_rows.any() and np.allclose(sim.state.y[freed_rows], m.route_y[-1])


def test_crawling_on_from_cover_changes_who_survives_the_wait():
    m = model()
    lie, crawl = _run(m, cover=1), _run(m, cover=2)
    assert _events(crawl, "crawled_on") > 0 and _events(crawl, "lay_still") >= 0
    assert _events(lie, "crawled_on") == 0
    p = m.params
    assert p["crawl_on_rescue_min"] * p["crawl_on_bleed_x"] < p["rescue_delay_min"]  # as the scenario sets them
    assert shares(crawl)["killed"] < shares(lie)["killed"]
    slower = model(crawl_on_bleed_x=4.0)
    assert shares(_run(slower, cover=2))["killed"] > shares(crawl)["killed"]


def _never_deciding(m, field: str) -> Simulation:
    """300 runs of the automatic player that never answers ``field`` (0: undecided)."""
    sim = Simulation(m, 300, 2)
    while not sim.finished:
        a = m.auto_action(sim.state)
        a[field] = 0
        sim.step(a, record=False)
    return sim


def test_undecided_in_cover_waits_and_lies_still_at_the_last_step():
    m = model()
    sim = _never_deciding(m, "cover")
    assert sim.state.step == m.max_steps  # the wounded in cover waited to the end
    assert _events(sim, "lay_still") > 0 and _events(sim, "crawled_on") == 0
    assert shares(sim)["crossed_wounded"] > 0.2


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**31), low=st.floats(0, 1), high=st.floats(0, 1))
def test_higher_shares_stop_and_stick_more_with_the_same_luck(seed, low, high):
    low, high = sorted((low, high))
    stopped, stuck = [], []
    for share in (low, high):
        m = quiet(checkpoint_stop_share=share, ditch_slow_share=share)
        bluffing = Simulation(m, 64, seed)
        slowing = Simulation(m, 64, seed)
        for _ in range(40 + int(m.params["approach_m"] / m.params["jeep_speed_ms"] / m.dt)):
            bluffing.step({"checkpoint": 1})
            slowing.step({"drive": 1})  # past the checkpoint at speed: everyone reaches the ditch
        stopped.append(_events(bluffing, "stopped_at_checkpoint"))
        stuck.append(_events(slowing, "stuck"))
        assert _events(slowing, "stuck") + _events(slowing, "cleared_ditch") == 64
    assert stopped[1] >= stopped[0] and stuck[1] >= stuck[0]


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**31), checkpoint=st.integers(0, 1), drive=st.integers(0, 1), free=st.booleans(),
       cover=st.integers(0, 2))
def test_the_decisions_keep_risk_in_range_and_replay_exactly(seed, checkpoint, drive, free, cover):
    m = model()
    sim = Simulation(m, 1, seed)
    steps = 0
    while not sim.finished:
        a = {"checkpoint": checkpoint, "drive": drive, "free": free and steps < 30, "cover": cover,
             "dx": 0.0 if steps < 36 else -0.3, "dy": 0.0 if steps < 36 else 1.0, "pace": 2}
        sim.step(a)
        steps += 1
        assert 0.0 <= float(sim.state.risk[0]) <= 1.0
    again = Simulation(m, 1, seed)
    run_to_end(again, replaying(m, sim.trace))
    assert again.outcome_of(0) == sim.outcome_of(0) and again.state.step == sim.state.step


def test_crawling_on_never_waits_longer_than_lying_still():
    # with help within five minutes (the counterfactual), crawling on only costs blood
    quick = model(rescue_delay_min=5.0)
    lie, crawl = _run(quick, cover=1), _run(quick, cover=2)
    assert shares(crawl)["killed"] >= shares(lie)["killed"]
    # and the counterfactual moves a journey that crawled on too
    assert shares(_run(model(), cover=2))["killed"] > shares(crawl)["killed"]


# ------------------------------------------------------------------ the road in, weaving, signalling


ALWAYS_WARNED = {"approach_m": 2000.0, "alarm_missed_per_min": 5.0}  # warned on the road, all but always


def _road_steps(m, speed_ms):
    return int(np.ceil(m.params["approach_m"] / speed_ms / m.dt))


def test_the_road_in_at_speed_gets_the_checkpoint_warned_more_often_than_at_an_ordinary_pace():
    m = model()
    p = m.params
    fast, ordinary = _run(m, n=3000), _run(m, n=3000, road=1)
    assert _events(fast, "road_fast") == fast.n and _events(ordinary, "road_ordinary") == ordinary.n
    assert _events(fast, "bridge") == fast.n and _events(fast, "the_turn") == fast.n
    # the chance of a warning over the road: 1 - exp(-rate x minutes on it)
    t_fast = p["approach_m"] / p["jeep_speed_ms"] / 60.0
    t_slow = p["approach_m"] / p["slow_jeep_speed_ms"] / 60.0
    want_fast = 1 - np.exp(-(p["alarm_seen_per_min"] + p["alarm_missed_per_min"]) * t_fast)
    want_slow = 1 - np.exp(-p["alarm_missed_per_min"] * t_slow)
    assert _events(fast, "warned") / fast.n == pytest.approx(want_fast, abs=0.03)
    assert _events(ordinary, "warned") / ordinary.n == pytest.approx(want_slow, abs=0.03)
    assert want_fast > want_slow
    # a warned checkpoint stops jeeps that race past; the road taken slowly loses fewer there
    assert _events(fast, "stopped_at_checkpoint") > _events(ordinary, "stopped_at_checkpoint")
    assert shares(fast)["caught"] > shares(ordinary)["caught"]
    # and the ordinary pace takes longer on the road
    slow_sim = Simulation(m, 1, 3)
    for _ in range(_road_steps(m, p["jeep_speed_ms"]) + 1):
        slow_sim.step({"road": 1})
    assert float(slow_sim.state.extra["along"][0]) < 0.0  # still on the road where a fast jeep has left it


def test_a_warned_checkpoint_stops_a_racing_jeep_sometimes_and_a_waving_one_almost_always():
    m = model(**ALWAYS_WARNED)
    p = m.params
    fast, bluff = _run(m, n=2000), _run(m, n=2000, checkpoint=1)
    assert _events(fast, "warned") >= 0.99 * fast.n
    assert _events(fast, "stopped_at_checkpoint") / fast.n == pytest.approx(p["warned_stop_share"], abs=0.04)
    assert _events(bluff, "stopped_at_checkpoint") / bluff.n == pytest.approx(p["warned_bluff_stop_share"], abs=0.04)
    # a warned checkpoint gives no quiet start: the pursuers are not held back
    # (those the guards stop turn back: they never reach the ditch)
    assert _pursuer_gap_at_ditch(m, checkpoint=1, held=3) == pytest.approx(_pursuer_gap_at_ditch(m, held=3), abs=3)


def _dash(m, n, seed, weave):
    """Out of the stuck jeep at once and straight south, weaving or not: (hits, steps to the line)."""
    sim = Simulation(m, n, seed)
    until_stuck(sim)
    crossed = np.full(n, -1)
    while not sim.finished and sim.state.step < m.max_steps:
        sim.step({"dx": 0.0, "dy": 1.0, "pace": 2, "weave": weave, "cover": 1, "signal": 1}, record=False)
        now = (sim.state.y >= m.mdl_y) & (crossed < 0)
        crossed[now] = sim.state.step
    return sim.state.extra["hits"].astype(float), crossed


def test_weaving_is_hit_less_each_second_but_takes_longer_over_the_ground():
    m = quiet(ditch_fast_share=1.0)
    hits_straight, t_straight = _dash(m, 1500, 5, False)
    hits_weave, t_weave = _dash(m, 1500, 5, True)
    both = (t_straight > 0) & (t_weave > 0)
    assert t_weave[both].mean() > t_straight[both].mean()
    assert hits_weave.mean() < hits_straight.mean()
    # with no gain in being hit less, weaving only costs time: hit more, not less
    useless = quiet(ditch_fast_share=1.0, weave_target=1.0)
    assert _dash(useless, 1500, 5, True)[0].mean() >= hits_straight.mean()


def test_signalling_from_the_ground_brings_help_sooner_but_may_draw_fire():
    m = model()
    p = m.params
    still, signal = _run(m, n=3000, cover=1, signal=1), _run(m, n=3000, cover=1, signal=2)
    lying = _events(signal, "signalled")
    assert lying > 0 and _events(signal, "kept_still") == 0 and _events(still, "signalled") == 0
    assert _events(signal, "fired_across") / lying == pytest.approx(p["signal_hit_share"], abs=0.04)
    assert _events(still, "fired_across") == 0
    assert p["signal_rescue_min"] < p["rescue_delay_min"]
    assert shares(signal)["killed"] < shares(still)["killed"]  # as the scenario sets them
    # no sooner help, only the risk: signalling costs lives
    pointless = model(signal_rescue_min=p["rescue_delay_min"], signal_hit_share=0.6)
    assert shares(_run(pointless, n=3000, cover=1, signal=2))["killed"] > shares(still)["killed"]


def test_undecided_lying_there_waits_and_keeps_still_at_the_last_step():
    m = model()
    sim = _never_deciding(m, "signal")
    assert sim.state.step == m.max_steps
    assert _events(sim, "kept_still") > 0 and _events(sim, "signalled") == 0
    assert shares(sim)["crossed_wounded"] > 0.2


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**31), a=st.floats(0, 5), b=st.floats(0, 5), road=st.integers(0, 1))
def test_more_eyes_on_the_road_never_warn_fewer_checkpoints(seed, a, b, road):
    low, high = sorted((a, b))
    warned = []
    for rate in (low, high):
        m = model(alarm_seen_per_min=rate, alarm_missed_per_min=rate / 2)
        sim = Simulation(m, 64, seed)
        for _ in range(_road_steps(m, m.params["slow_jeep_speed_ms"]) + 2):
            sim.step({"road": road})
            assert ((0.0 <= sim.state.risk) & (sim.state.risk <= 1.0)).all()
        warned.append(int(sim.state.extra["warned"].sum()))
    assert warned[1] >= warned[0]


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**31), road=st.integers(0, 1), weave=st.booleans(), cover=st.integers(0, 2),
       signal=st.integers(0, 2))
def test_the_new_decisions_keep_risk_in_range_and_replay_exactly(seed, road, weave, cover, signal):
    m = model()
    sim = Simulation(m, 1, seed)
    steps = 0
    while not sim.finished:
        going = (sim.state.extra["phase"][0] != DRIVING)
        a = {"road": road, "weave": weave, "cover": cover, "signal": signal,
             "dx": -0.3 if going else 0.0, "dy": 1.0 if going else 0.0, "pace": 2}
        sim.step(a)
        steps += 1
        assert 0.0 <= float(sim.state.risk[0]) <= 1.0
    again = Simulation(m, 1, seed)
    run_to_end(again, replaying(m, sim.trace))
    assert again.outcome_of(0) == sim.outcome_of(0) and again.state.step == sim.state.step
    assert again.state.hours[0] == sim.state.hours[0]


# ------------------------------------------------------------------ the hour, the stop, across unhurt (session 13)

ALWAYS_STOPPED = {"alarm_seen_per_min": 0.0, "alarm_missed_per_min": 0.0, "checkpoint_stop_share": 1.0}  # waving: held


def test_dusk_warns_fewer_checkpoints_and_hits_less_but_the_checkpoint_stops_more():
    m = model()
    p = m.params
    day, dusk = _run(m, n=1000), _run(m, n=1000, hour=1)
    assert _events(day, "set_off") == day.n and _events(dusk, "set_off_dusk") == dusk.n
    assert _events(dusk, "warned") < 0.7 * _events(day, "warned")
    stopped = _events(dusk, "stopped_at_checkpoint") / dusk.n
    assert stopped > 0.8 * p["dusk_racing_stop_share"] and _events(day, "stopped_at_checkpoint") < stopped * dusk.n / 2
    # the same runner in the same place: each round hits dusk_hit_x as often
    sim = Simulation(m, 1, 0)
    until_stuck(sim)
    sim.state.extra["phase"][:] = ON_FOOT
    rate_day = m.hit_rate(sim.state, np.array([2]), np.array([False]))[0].sum()
    sim.state.extra["dusk"][:] = True
    rate_dusk = m.hit_rate(sim.state, np.array([2]), np.array([False]))[0].sum()
    assert rate_dusk == pytest.approx(rate_day * p["dusk_hit_x"])


def test_stopped_at_the_checkpoint_each_answer_has_its_odds():
    m = model(**ALWAYS_STOPPED)
    p = m.params
    runs = {held: _run(m, n=1000, checkpoint=1, held=held) for held in (1, 2, 3)}
    for sim in runs.values():
        assert _events(sim, "stopped_at_checkpoint") == sim.n
    talk, drive, turn = runs[1], runs[2], runs[3]
    assert _events(talk, "talked_through") / talk.n == pytest.approx(p["talk_release_share"], abs=0.04)
    assert _events(talk, "held_after_talk") + _events(talk, "talked_through") == talk.n
    assert _events(drive, "drove_through") / drive.n == pytest.approx(p["drive_through_share"], abs=0.04)
    assert shares(turn)["turned_back"] == pytest.approx(1 - p["turn_back_held_share"], abs=0.04)
    assert shares(turn)["caught"] == pytest.approx(p["turn_back_held_share"], abs=0.04)
    assert shares(talk)["turned_back"] == shares(drive)["turned_back"] == 0
    # driving through puts the pursuers closer than talking your way through
    assert _pursuer_gap_at_ditch(m, checkpoint=1, held=2) < _pursuer_gap_at_ditch(m, checkpoint=1, held=1) - 5


def test_undecided_at_the_checkpoint_the_jeep_stands_until_caught():
    m = model(**ALWAYS_STOPPED)
    a = {"checkpoint": 1}
    sim = Simulation(m, 50, 1)
    while not sim.finished:
        sim.step({**m.auto_action(sim.state), **a, "held": 0}, record=False)
    assert sim.state.step == m.max_steps and shares(sim)["caught"] == 1.0


def test_across_unhurt_waiting_risks_capture_running_on_risks_a_wound():
    m = model()
    p = m.params
    wait, run = _run(m, n=2000, onward=1), _run(m, n=2000, onward=2)
    assert _events(wait, "unhurt_in_cover") == _events(run, "unhurt_in_cover") > 300  # the same luck up to there
    arrived = _events(wait, "unhurt_in_cover")
    assert _events(wait, "came_over") / arrived == pytest.approx(p["wait_caught_share"], abs=0.03)
    assert _events(run, "came_over") == 0 and _events(run, "reached_building") > 0
    assert _events(run, "hit_across") / arrived == pytest.approx(p["run_on_hit_share"], abs=0.04)
    assert _events(wait, "hit_across") / arrived == pytest.approx(p["wait_hit_share"], abs=0.03)
    assert shares(run)["caught"] < shares(wait)["caught"]
    # hit either way, he lies there and the next choice (keep still or signal) is his
    assert _events(run, "kept_still") > _events(wait, "kept_still")


def test_undecided_unhurt_in_cover_waits_at_the_last_step():
    m = model()
    sim = _never_deciding(m, "onward")
    assert _events(sim, "unhurt_in_cover") > 0 and _events(sim, "ran_on") == 0
    assert _events(sim, "waited_in_cover") > 0


@settings(max_examples=4, deadline=None)
@given(seed=st.integers(0, 2**31), hour=st.integers(0, 1), checkpoint=st.integers(0, 1), held=st.integers(0, 3),
       onward=st.integers(0, 2))
def test_the_hour_the_stop_and_onward_keep_risk_in_range_and_replay_exactly(seed, hour, checkpoint, held, onward):
    m = model(checkpoint_stop_share=0.8)
    sim = Simulation(m, 1, seed)
    while not sim.finished:
        going = (sim.state.extra["phase"][0] not in (DRIVING, HELD))
        a = {"hour": hour, "checkpoint": checkpoint, "held": held, "onward": onward,
             "dx": -0.3 if going else 0.0, "dy": 1.0 if going else 0.0, "pace": 2}
        sim.step(a)
        assert 0.0 <= float(sim.state.risk[0]) <= 1.0
    again = Simulation(m, 1, seed)
    run_to_end(again, replaying(m, sim.trace))
    assert again.outcome_of(0) == sim.outcome_of(0) and again.state.step == sim.state.step
    assert sim.outcome_of(0) != "turned_back" or held == 3


def test_turning_back_on_the_bridge_ends_there_held_only_if_warned():
    quiet_m, warned_m = model(alarm_seen_per_min=0.0, alarm_missed_per_min=0.0), model(**ALWAYS_WARNED)
    p = warned_m.params
    calm, warned = _run(quiet_m, n=400, bridge=1), _run(warned_m, n=1000, bridge=1)
    assert shares(calm)["turned_back"] == 1.0 and _events(calm, "turned_at_bridge") == calm.n
    assert _events(calm, "sped_past") == 0 and (calm.state.extra["along"] < 0).all()  # never reached the checkpoint
    assert shares(warned)["caught"] == pytest.approx(p["turn_back_held_share"], abs=0.04)
    assert shares(_run(quiet_m, n=600))["turned_back"] == 0.0  # driving on, nobody turns back there


# ------------------------------------------------------------------ the duty book and the turn by the monument (session 14)


def test_an_errand_in_the_duty_book_stops_the_missed_alarm_but_may_be_checked():
    # nobody racing is noticed: only being missed warns the checkpoint on the road
    m = model(alarm_seen_per_min=0.0, alarm_missed_per_min=1.0)
    p = m.params
    plain, written = _run(m, n=1000), _run(m, n=1000, errand=1)
    assert _events(plain, "errand_written") == _events(plain, "errand_checked") == 0 and _events(plain, "warned") > 100
    assert _events(written, "warned") == 0  # the book says where you are
    checked = _events(written, "errand_checked") / written.n
    assert checked == pytest.approx(p["errand_check_share"], abs=0.03)
    assert _events(written, "errand_written") + _events(written, "errand_checked") == written.n
    # checked, the checkpoint is warned from the start: more stopped there
    assert _events(written, "stopped_at_checkpoint") > 0


def test_stopped_with_an_errand_in_the_book_the_guards_believe_you_more_often():
    m = model(**ALWAYS_STOPPED, errand_check_share=0.0)
    p = m.params
    plain, written = _run(m, n=1000, checkpoint=1, held=1), _run(m, n=1000, checkpoint=1, held=1, errand=1)
    assert _events(plain, "talked_through") / plain.n == pytest.approx(p["talk_release_share"], abs=0.04)
    assert _events(written, "talked_through") / written.n == pytest.approx(p["errand_talk_release_share"], abs=0.04)
    assert shares(written)["caught"] < shares(plain)["caught"] - 0.1


def test_watching_at_the_turn_takes_its_time_and_may_warn_them_and_turning_back_there_ends_it():
    m = model()
    p = m.params
    on, looked = _run(m, n=1000), _run(m, n=1000, look=3)
    assert _events(looked, "watching") == looked.n
    assert _events(looked, "looked_quiet") + _events(looked, "looked_warned") == looked.n
    assert _events(looked, "drove_on_from_turn") == looked.n
    # a jeep standing in sight of the checkpoint: more are warned, more stopped there
    warned_on = float(np.mean(on.state.extra["warned"]))
    assert _events(looked, "looked_warned") / looked.n > warned_on
    assert _events(looked, "stopped_at_checkpoint") > _events(on, "stopped_at_checkpoint")
    # turning back after the look: unwarned, gone; warned, held with turn_back_held_share
    back = _run(m, n=1000, look=2)
    assert shares(back)["turned_back"] + shares(back)["caught"] == 1.0
    assert _events(back, "turned_at_monument") == np.count_nonzero(back.state.outcome == m.code("turned_back"))
    warned = _run(model(**ALWAYS_WARNED), n=1000, look=2)
    assert shares(warned)["caught"] == pytest.approx(p["turn_back_held_share"], abs=0.04)
    # undecided after the look, the jeep stands until the time runs out
    sim = Simulation(model(alarm_seen_per_min=0.0, alarm_missed_per_min=0.0), 20, 1)
    while not sim.finished:
        sim.step({**m.auto_action(sim.state), "look": 1}, record=False)
    assert sim.state.step == m.max_steps and shares(sim)["caught"] == 1.0


@settings(max_examples=4, deadline=None)
@given(seed=st.integers(0, 2**31), errand=st.integers(0, 1), look=st.integers(0, 3), checkpoint=st.integers(0, 1),
       watch=st.integers(0, 1), held=st.integers(1, 3))
def test_the_duty_book_and_the_look_keep_risk_in_range_and_replay_exactly(seed, errand, look, checkpoint, watch, held):
    m = model(checkpoint_stop_share=0.8)
    sim = Simulation(m, 1, seed)
    while not sim.finished:
        going = (sim.state.extra["phase"][0] not in (DRIVING, HELD))
        # the look's second answer comes once the jeep stands at the turn, as on the screen
        a = {"errand": errand, "watch": watch, "look": look if look < 2 or sim.state.extra["looking"][0] else 1,
             "checkpoint": checkpoint, "held": held, "dx": -0.3 if going else 0.0, "dy": 1.0 if going else 0.0,
             "pace": 2}
        sim.step(a)
        assert 0.0 <= float(sim.state.risk[0]) <= 1.0
    again = Simulation(m, 1, seed)
    run_to_end(again, replaying(m, sim.trace))
    assert again.outcome_of(0) == sim.outcome_of(0) and again.state.step == sim.state.step
    assert [e["code"] for e in again.events(0)] == [e["code"] for e in sim.events(0)]
    assert sim.outcome_of(0) != "turned_back" or look == 2 or held == 3


def test_watching_the_guards_round_puts_them_further_back_but_may_be_noticed():
    quiet_m = model(alarm_seen_per_min=0.0, alarm_missed_per_min=0.0)
    p = quiet_m.params
    assert _pursuer_gap_at_ditch(quiet_m, watch=1) > _pursuer_gap_at_ditch(quiet_m) + 0.5 * p["watch_lead_m"]
    now, watched = _run(quiet_m, n=1000), _run(quiet_m, n=1000, watch=1)
    assert _events(now, "watched_round") == _events(now, "watched_noticed") == 0
    noticed = _events(watched, "watched_noticed") / watched.n
    assert noticed == pytest.approx(p["watch_noticed_share"], abs=0.03)
    assert _events(watched, "watched_round") + _events(watched, "watched_noticed") == watched.n
    assert float(np.mean(watched.state.extra["warned"])) == pytest.approx(noticed)  # nobody else warns here
    assert shares(watched)["crossed_unhurt"] > shares(now)["crossed_unhurt"]  # further back, fewer hits


# ------------------------------------------------------------------ turned back: home, or again after dark (session 15)


def _first_time(key, value, later):
    """An action field that is ``value`` on the first drive and ``later`` on the second (after dark)."""
    return lambda state: np.where(state.extra["again"], later, value)


def _run_again(m, n=1000, seed=7, **decisions):
    """Like _run, where a decision may be a function of the state (see _first_time)."""
    sim = Simulation(m, n, seed)
    while not sim.finished:
        a = m.auto_action(sim.state)
        a.update({k: (v(sim.state) if callable(v) else v) for k, v in decisions.items()})
        sim.step(a, record=False)
    return sim


def test_turned_back_on_the_bridge_going_home_ends_it_and_trying_again_drives_the_road_at_dark():
    m = model(alarm_seen_per_min=0.0, alarm_missed_per_min=0.0)
    home = _run_again(m, n=300, bridge=1, again=1)
    assert shares(home)["turned_back"] == 1.0 and _events(home, "went_home") == home.n
    assert _events(home, "set_off_again") == 0 and (home.state.extra["phase"] == 5).all()
    again = _run_again(m, n=600, bridge=_first_time("bridge", 1, 0), again=2)
    assert _events(again, "turned_at_bridge") == again.n and _events(again, "set_off_again") == again.n
    assert _events(again, "bridge") == 2 * again.n and _events(again, "went_home") == 0
    assert again.state.extra["again"].all() and again.state.extra["dusk"].all()
    assert shares(again)["turned_back"] == 0.0
    # after dark a racing jeep meets a readier checkpoint: stopped with the dusk share, never in the afternoon
    stopped = _events(again, "stopped_at_checkpoint") / again.n
    assert stopped == pytest.approx(m.params["dusk_racing_stop_share"], abs=0.05)
    assert _events(_run(m, n=600), "stopped_at_checkpoint") == 0
    # turning back on the second drive ends the day
    twice = _run_again(m, n=300, bridge=1, again=2)
    assert shares(twice)["turned_back"] == 1.0 and _events(twice, "turned_again") == twice.n


def test_the_second_drive_carries_what_the_first_set_off():
    p = model().params
    # the drive back up the road is noticed as a racing jeep is: the longer the road back, the likelier
    m = model(alarm_missed_per_min=0.0, approach_m=1000.0)
    sim = _run_again(m, n=3000, seed=3, bridge=_first_time("bridge", 1, 0), again=2, road=1)
    first_warned = _events(sim, "warned")  # at an ordinary pace nobody is warned on the road: only the turn is seen
    assert first_warned == 0
    back_min = 0.5 * m.params["approach_m"] / p["jeep_speed_ms"] / 60.0  # the bridge is halfway along the road
    want = 1.0 - np.exp(-p["alarm_seen_per_min"] * back_min)
    assert _events(sim, "seen_turning") / sim.n == pytest.approx(want, abs=0.03)
    # the guards who let him turn round at the checkpoint know the jeep: the second drive meets a warned checkpoint
    stopped = model(**ALWAYS_STOPPED)
    sim = _run_again(stopped, n=400, checkpoint=_first_time("checkpoint", 1, 0), held=_first_time("held", 3, 2),
                     again=2, turn_back_held_share=0.0)
    assert _events(sim, "known_at_checkpoint") == sim.n - _events(sim, "held_turning")
    assert (sim.state.extra["warned"] | (sim.state.extra["turned_at"] == 0)).all()
    # an errand in the duty book is checked again, as often as the first time
    quiet = model(alarm_seen_per_min=0.0, alarm_missed_per_min=0.0)
    sim = _run_again(quiet, n=4000, seed=5, errand=1, bridge=_first_time("bridge", 1, 0), again=2)
    assert _events(sim, "errand_checked") / sim.n == pytest.approx(
        p["errand_check_share"] + (1 - p["errand_check_share"]) * p["errand_check_share"], abs=0.03)


def test_trying_again_changes_the_odds_the_replays_show():
    m = model()
    home = _run_again(m, n=1000, bridge=1, again=1)
    again = _run_again(m, n=1000, bridge=_first_time("bridge", 1, 0), again=2)
    assert shares(home)["turned_back"] > 0.9 and shares(again)["turned_back"] == 0.0
    assert shares(again)["crossed_unhurt"] + shares(again)["crossed_wounded"] > 0.4
    # against the afternoon's drive, the dark drive is stopped more at the checkpoint and hit less
    day = _run(m, n=1000)
    assert shares(again)["caught"] > shares(day)["caught"]
    assert shares(again)["killed"] < shares(day)["killed"]


@settings(max_examples=15, deadline=None)
@given(seen=st.floats(0.0, 5.0), check=st.floats(0.0, 1.0), approach=st.floats(50.0, 1000.0))
def test_the_second_drives_warnings_stay_chances_and_never_undo_a_warning(seen, check, approach):
    m = model(alarm_seen_per_min=seen, errand_check_share=check, approach_m=approach)
    sim = Simulation(m, 40, 1)
    warned_before = None
    while not sim.finished:
        a = m.auto_action(sim.state)
        first = ~sim.state.extra["again"]
        a.update({"bridge": np.where(first, 1, 0), "again": 2, "errand": 1})
        back = sim.state.extra["phase"] == 5
        if back.any() and warned_before is None:
            warned_before = sim.state.extra["warned"].copy()
        sim.step(a, record=False)
        assert ((sim.state.risk >= 0) & (sim.state.risk <= 1)).all()
    if warned_before is not None:
        assert (sim.state.extra["warned"] | ~warned_before).all()
