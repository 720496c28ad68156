"""The JSA dash: the screen's pure parts (the decisions, the observation, the layout), without pygame."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from game.levels import load_by_id, model_for
from game.scenes.dmz.actions import Walker
from game.scenes.jsa import layout
from game.scenes.jsa.actions import QUESTIONS, Decisions, answer, cut_decisions, dash_action, way_direction
from game.scenes.jsa.observation import Controls, ending_where, make_question, observe, question_text, status_lines
from game.sim.jsa import (AT_COVER, BLUFF, CRAWL_ON, DRIVING, GO_HOME, KEEP_STILL, LIE_STILL, ON_FOOT, ORDINARY, SIGNAL,
                          SLOW_DOWN, STUCK)
from game.sim.runner import Simulation
from game.world.mapdata import load_map


WAYS = {"straight": ((1.0, 2.0),), "huts": ((34.0, 88.0), (30.0, 88.5))}


def _model(**overrides):
    sc = load_by_id("jsa")
    quiet = {"alarm_seen_per_min": 0.0, "alarm_missed_per_min": 0.0}  # nobody warns the checkpoint
    return model_for(sc, sc.values(sc.default_preset, {**quiet, **overrides}), load_map(sc.map_file))


def _prev(state):
    e = state.extra
    return float(state.x[0]), float(state.y[0]), e["pursuers_x"][0].copy(), e["pursuers_y"][0].copy()


def test_the_pure_parts_load_without_pygame():
    code = ("import sys, game.scenes.jsa.observation, game.scenes.jsa.layout, game.scenes.jsa.actions; "
            "print('pygame' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_every_answer_sets_what_the_model_reads():
    d, w = Decisions(), Walker(pace="walk")
    assert dash_action((0.0, 1.0), "run", False, d) == {
        "dx": 0.0, "dy": 1.0, "pace": 2, "wait": False, "road": 0, "checkpoint": 0, "drive": 0, "free": False,
        "weave": False, "cover": 0, "signal": 0, "hour": 0, "bridge": 0, "held": 0, "onward": 0, "errand": 0, "look": 0,
        "watch": 0, "again": 0}
    answer("road", "ordinary", d, w, WAYS)
    assert d.road == ORDINARY
    answer("weave", "weave", d, w, WAYS)
    assert d.weave and dash_action((0.0, 1.0), "run", False, d)["weave"] is True
    answer("signal", "signal", d, w, WAYS)
    assert d.signal == SIGNAL
    answer("signal", "still", d, w, WAYS)
    assert d.signal == KEEP_STILL
    assert cut_decisions() == Decisions(hour=0, road=0, weave=False, signal=KEEP_STILL, errand=0, look=0, watch=0,
                                        again=GO_HOME)
    answer("checkpoint", "bluff", d, w, WAYS)
    answer("last_stretch", "slow", d, w, WAYS)
    assert (d.checkpoint, d.drive) == (BLUFF, SLOW_DOWN)
    answer("stuck", "rock", d, w, WAYS)
    assert d.free and not w.waiting and w.target is None
    answer("stuck", "huts", d, w, WAYS)
    assert not d.free and w.pace == "run" and w.target is None and d.way == WAYS["huts"]
    assert way_direction(d.way, (40.0, 80.0), 0.3) == pytest.approx((-0.6, 0.8))
    assert way_direction(d.way, (30.0, 89.0), 0.3) == (0.0, 1.0)  # past the last point: due south
    answer("stuck", "stay", d, w, WAYS)
    assert d.way is None and w.waiting
    answer("at_kerb", "stay", d, w, WAYS)
    assert w.waiting and w.target is None
    answer("hit", "crawl", d, w, WAYS)
    assert w.pace == "crawl" and not w.waiting
    answer("hit", "down", d, w, WAYS)
    assert w.waiting
    answer("cover", "crawl_on", d, w, WAYS)
    assert d.cover == CRAWL_ON
    answer("cover", "lie", d, w, WAYS)
    assert d.cover == LIE_STILL
    assert dash_action((0.0, 0.0), "crawl", True, d)["cover"] == LIE_STILL
    with pytest.raises(ValueError):
        answer("cover", "fly", d, w, WAYS)
    for kind, answers in QUESTIONS.items():  # every answer offered is understood
        for key, _label in answers:
            answer(kind, key, Decisions(), Walker(), WAYS)


def test_questions_say_what_the_player_can_know_and_never_count_wounds():
    m = _model()
    sim = Simulation(m, 1, 0)
    for kind in QUESTIONS:
        q = make_question(kind, m, sim.state)
        assert q.kind == kind and q.text and 2 <= len(q.answers) <= 4
        assert not re.search(r"\b(twice|times|\d+ (hits|wounds|bullets))\b", q.text)
    assert "10 m" in question_text("last_stretch", m, sim.state)  # the ditch, about 10 m short of the line


def test_the_observation_follows_the_dash():
    m = _model()
    sim = Simulation(m, 1, 0)
    obs = observe(m, sim.state, _prev(sim.state), Controls(), None)
    assert obs.phase == DRIVING and obs.pursuers == () and obs.clock == "0:00"
    assert any("on the road" in t for _s, t in obs.status) and obs.road == 0.0
    assert any(re.search(r"checkpoint is about \d+ m ahead", t) for _s, t in obs.status)
    while int(sim.state.extra["phase"][0]) == DRIVING:
        prev = _prev(sim.state)
        sim.step({})
    obs = observe(m, sim.state, prev, Controls(rocking=True), None)
    assert obs.phase == STUCK and len(obs.pursuers) == m.P
    assert any("rock it free" in t for _s, t in obs.status) == bool(sim.state.extra["in_ditch"][0])
    assert any("nearest pursuer" in t for _s, t in obs.status)
    for _ in range(6):
        prev = _prev(sim.state)
        sim.step({"dx": 0.0, "dy": 1.0, "pace": 2})
    obs = observe(m, sim.state, prev, Controls(pace="crawl"), None)
    assert obs.phase == ON_FOOT and obs.low and obs.road is None
    weaving = observe(m, sim.state, prev, Controls(pace="crawl", weaving=True), None)
    assert any("weave" in t for _s, t in weaving.status) and not any("weave" in t for _s, t in obs.status)
    assert len(observe(m, sim.state, prev, Controls(felt_hint=False), None).status) == len(obs.status) - 1
    assert {s for s, _t in obs.status} <= {"text", "dim", "warning", "danger"}
    for _s, t in obs.status:  # wounds are never counted on screen
        assert not re.search(r"\d+\s*(hits?|wounds?)", t) and "times" not in t


def test_where_it_ended_at_the_checkpoint_and_across_the_line():
    m = model_for(load_by_id("jsa"), load_by_id("jsa").values("historical", {"checkpoint_stop_share": 1.0}),
                  load_map(load_by_id("jsa").map_file))
    sim = Simulation(m, 1, 0)
    while not sim.finished:
        sim.step({"checkpoint": 1})
    assert sim.outcome_of(0) == "caught" and "checkpoint" in ending_where(m, sim.state)
    m = _model()
    sim = Simulation(m, 1, 1)
    while not sim.finished:
        sim.step(m.auto_action(sim.state))
    if int(sim.state.extra["phase"][0]) in (ON_FOOT, AT_COVER) and sim.state.y[0] > m.mdl_y:
        assert "south of the line" in ending_where(m, sim.state)


def test_the_card_sits_away_from_the_player():
    map_rect = (0, 0, 800, 720)
    low = layout.card_rect(map_rect, 200, 600, 60, 520)
    high = layout.card_rect(map_rect, 200, 100, 60, 520)
    assert low[1] == 60  # you are low on the map: the card at the top, below the Key button
    assert high[1] + high[3] <= 520 - 12  # you are high: the card above the direction pad
    assert low[2] == 800 - 2 * layout.CARD_INSET
    assert layout.card_rect(map_rect, 600, 100, 60, 520)[1] == 60  # a tall card never rises over the Key button
    # just above the middle, the lower place would cover you: the card goes to the top
    mid = layout.card_rect(map_rect, 250, 340, 60, 520)
    assert mid[1] == 60 and mid[1] + mid[3] + layout.PLAYER_CLEAR < 340


def test_a_question_too_tall_for_the_map_takes_the_window():
    map_rect = (0, 0, 655, 720)
    on_map = layout.question_box(map_rect, (1280, 720), 600, 60, 520, lambda w: 300)
    assert on_map[0] == layout.CARD_INSET and on_map[2] == 655 - 2 * layout.CARD_INSET
    wide = layout.question_box(map_rect, (1280, 720), 300, 60, 520, lambda w: 900 * 575 // w)
    assert wide[2] == 1280 - 2 * layout.CARD_INSET and wide[1] >= 8 and wide[1] + wide[3] <= 712


def test_the_card_leaves_what_the_question_is_about_in_sight():
    map_rect = (0, 0, 800, 720)
    # you at the top: the card would go low, but the checkpoint is there
    assert layout.card_rect(map_rect, 250, 20, 100, 660)[1] == 660 - 12 - 250
    top = layout.card_rect(map_rect, 250, 20, 100, 660, keep=(420,))
    assert top[1] == 100 and not (top[1] - 24 <= 420 <= top[1] + top[3] + 24)
    # when nothing can keep both in sight, you come first
    both = layout.card_rect(map_rect, 600, 20, 100, 720, keep=(300,))
    assert not (both[1] - 24 <= 20 <= both[1] + both[3] + 24)


def test_the_road_in_shows_how_far_along_it_and_a_warning_when_one_was_given():
    m = _model(alarm_missed_per_min=5.0, approach_m=2000.0)
    sim = Simulation(m, 1, 2)
    shares = []
    while float(sim.state.extra["along"][0]) < 0.0:
        shares.append(observe(m, sim.state, _prev(sim.state), Controls(), None).road)
        sim.step({})
    assert shares == sorted(shares) and shares[0] == 0.0 and shares[-1] < 1.0
    obs = observe(m, sim.state, _prev(sim.state), Controls(), None)
    assert obs.road is None and bool(sim.state.extra["warned"][0])
    assert any("may have been warned" in t for _s, t in obs.status)
    assert "waiting for you" in question_text("checkpoint", m, sim.state)
    quiet = _model()
    assert "waiting for you" not in question_text("checkpoint", quiet, Simulation(quiet, 1, 2).state)


def test_lying_there_the_panel_says_so():
    m = _model(hit_ref_prob=1.0, hit_max=1.0, hit_slowdown=0.0, instant_fatal_share=0.0, ditch_fast_share=1.0)
    sim = Simulation(m, 1, 3)
    while not sim.finished and int(sim.state.extra["cover_stage"][0]) == 0:
        sim.step({"dx": 0.0, "dy": 1.0, "pace": 2, "cover": 1})
    assert int(sim.state.extra["phase"][0]) == AT_COVER and not sim.finished
    obs = observe(m, sim.state, _prev(sim.state), Controls(), None)
    assert any("waiting to be found" in t for _s, t in obs.status)
    assert make_question("signal", m, sim.state).answers[0][0] == "still"


def test_the_new_questions_say_what_the_player_can_know():
    m = _model()
    sim = Simulation(m, 1, 1)
    e = sim.state.extra
    calm = question_text("bridge", m, sim.state)
    e["warned"][:] = True
    warned = question_text("bridge", m, sim.state)
    assert "72-Hour Bridge" in calm and "telephone" not in calm and "telephone" in warned
    assert "they were warned" in question_text("held", m, sim.state)
    e["dusk"][:] = True
    e["warned"][:] = False
    assert "light is failing" in question_text("checkpoint", m, sim.state)
    assert "unhurt" in question_text("onward", m, sim.state) and "dusk" in question_text("hour", m, sim.state)
    assert [k for k, _ in QUESTIONS["held"]] == ["talk", "drive", "turn"]
    for kind, key, field, value in (("hour", "dusk", "hour", 1), ("bridge", "back", "bridge", 1), ("held", "turn", "held", 3),
                                    ("held", "drive", "held", 2), ("onward", "run", "onward", 2)):
        d = Decisions()
        answer(kind, key, d, Walker(), WAYS)
        assert dash_action((0.0, 0.0), "run", False, d)[field] == value


def test_the_duty_book_and_the_look_at_the_turn_say_what_the_player_can_know():
    m = _model()
    sim = Simulation(m, 1, 1)
    e = sim.state.extra
    assert "duty officer" in question_text("errand", m, sim.state)
    assert "guardhouse" in question_text("look", m, sim.state) and "draws eyes" in question_text("look", m, sim.state)
    assert "not been warned" in question_text("looked", m, sim.state)
    e["look_done"][:] = True
    assert "sit in their guardhouse" in question_text("checkpoint", m, sim.state)
    e["warned"][:] = True
    assert "have been warned" in question_text("looked", m, sim.state)
    assert "waiting for you" in question_text("checkpoint", m, sim.state)
    e["look_done"][:] = False
    e["checked"][:] = True
    assert "someone at your post" in question_text("checkpoint", m, sim.state)
    assert "someone at your post" in question_text("bridge", m, sim.state)
    assert "lookout" in question_text("watch", m, sim.state)
    e["warned"][:] = False
    assert "duty book" not in question_text("held", m, sim.state)
    e["errand"][:] = True
    assert "duty book" in question_text("held", m, sim.state)
    e["errand"][:] = False
    e["warned"][:] = True
    for kind, key, field, value in (("errand", "errand", "errand", 1), ("errand", "none", "errand", 0),
                                    ("look", "look", "look", 1), ("look", "on", "look", 0),
                                    ("looked", "back", "look", 2), ("looked", "on", "look", 3),
                                    ("watch", "watch", "watch", 1), ("watch", "now", "watch", 0)):
        d = Decisions()
        answer(kind, key, d, Walker(), WAYS)
        assert dash_action((0.0, 0.0), "run", False, d)[field] == value
    # watching at the turn: the panel says so, and what was seen once the look is over
    e["checked"][:] = False
    e["look_done"][:] = False
    e["looking"][:] = True
    e["along"][:] = 0.0
    lines = [t for _k, t in status_lines(m, sim.state, Controls())]
    assert any("watching the checkpoint" in t for t in lines)
    assert not any("warned" in t for t in lines)  # not seen yet
    e["look_done"][:] = True
    assert any("they have been warned" in t for _k, t in status_lines(m, sim.state, Controls()))
    assert "by the monument" in ending_where(m, sim.state)


def test_on_the_bridge_the_pace_for_the_rest_of_the_road_is_the_other_one():
    m = _model()
    sim = Simulation(m, 1, 1)
    fast = make_question("bridge", m, sim.state)
    assert [k for k, _ in fast.answers] == ["on", "back", "slower"]
    sim.state.extra["road_ordinary"][:] = True
    assert [k for k, _ in make_question("bridge", m, sim.state).answers] == ["on", "back", "faster"]
    d = Decisions()
    answer("bridge", "slower", d, Walker(), WAYS)
    assert (d.bridge, d.road) == (0, ORDINARY)
    answer("bridge", "faster", d, Walker(), WAYS)
    assert (d.bridge, d.road) == (0, 0)


def test_with_an_errand_in_the_duty_book_the_road_question_does_not_say_you_may_be_missed():
    # the model runs no 'missed' alarm for a written errand, so the pace question must not warn of it
    m = _model()
    sim = Simulation(m, 1, 1)
    assert "likelier you are missed" in question_text("road", m, sim.state)
    sim.state.extra["errand"][0] = True
    text = question_text("road", m, sim.state)
    assert "likelier you are missed" not in text and "duty book" in text
