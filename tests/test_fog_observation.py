"""Fog on the line: the screen's pure parts (the observation, the layout), without pygame."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from game.levels import load_by_id, model_for
from game.scenes.fog import layout
from game.scenes.fog.observation import Controls, observe, timing_text
from game.sim.runner import Simulation
from game.world.mapdata import load_map


def _sim(seed: int = 5):
    sc = load_by_id("fog")
    m = model_for(sc, sc.values(sc.default_preset), load_map(sc.map_file))
    return m, Simulation(m, 1, seed)


def _prev(state):
    e = state.extra
    return float(state.x[0]), float(state.y[0]), e["guards_x"][0].copy(), e["guards_y"][0].copy()


def test_the_pure_parts_load_without_pygame():
    code = ("import sys, game.scenes.fog.observation, game.scenes.fog.layout, game.scenes.fog.actions, "
            "game.scenes.dmz.layout; print('pygame' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_observation_shows_the_state_and_only_the_guards_in_sight():
    m, sim = _sim()
    for _ in range(20):
        prev = _prev(sim.state)
        sim.step({"dx": 0.0, "dy": 1.0, "pace": 1})
    obs = observe(m, sim.state, prev, Controls(pace="crawl"))
    assert obs.player == (float(sim.state.x[0]), float(sim.state.y[0]))
    assert obs.low and not obs.climbing
    assert len(obs.guards) == int(m.guards_in_sight(sim.state)[0].sum())
    assert obs.fog_grid is not None and np.all(obs.fog_grid > 0)
    assert obs.clock.count(":") == 1 and len(obs.clock) == 5
    styles = {s for s, _t in obs.status}
    assert styles <= {"text", "dim", "warning", "danger"}
    assert any("post" in t for _s, t in obs.status)
    # the felt-danger line only with its setting
    hidden = observe(m, sim.state, prev, Controls(felt_hint=False))
    assert len(hidden.status) == len(obs.status) - 1
    assert Controls(turn_back=True) != Controls() and observe(m, sim.state, prev, Controls(turn_back=True)).status[0][0] == "warning"


def test_the_clock_rounds_to_the_whole_minute():
    from game.scenes.fog.observation import clock_text

    assert clock_text(7 + 59.7 / 60) == "08:00"
    assert clock_text(6.6) == "06:36" and clock_text(23.999) == "00:00"


def test_the_morning_timing_text_names_sunrise_then_the_lifting():
    p = {"sunrise_hour": 7.7, "burn_delay_h": 1.5}
    assert "07:42" in timing_text(p, 6.6)
    assert "09:12" in timing_text(p, 8.0) and "Sunrise" not in timing_text(p, 8.0)
    assert timing_text(p, 9.5) == ""


def test_the_compass_grows_with_the_text_and_stays_in_the_map():
    small = layout.compass_rect((0, 0, 880, 720), 1.0)
    big = layout.compass_rect((0, 0, 880, 720), 1.75)
    assert big[2] > small[2] and big[0] + big[2] < 880
    assert set(sum(layout.BUTTON_ROWS, [])) < set(layout.ORDER)


# ---------------------------------------------------------------- the new words (issue 11 item 8)


def test_at_the_post_the_panel_tells_the_watch_and_the_morning():
    from game.scenes.fog.observation import at_post, watch_text

    m, sim = _sim()
    obs = observe(m, sim.state, _prev(sim.state), Controls())
    assert obs.at_post and at_post(sim.state)
    texts = [t for _s, t in obs.status]
    assert any("08:16" in t for t in texts) and any("fence patrol passed at" in t for t in texts)  # 06:36 + 100 min: the watch ends, then he is missed
    assert any("in 68 min" in t for t in texts)  # sunrise 07:44
    assert not any(t.startswith("You feel") for t in texts)  # on duty: no felt danger
    sim.step({"dy": 1.0, "set_out": True})
    obs = observe(m, sim.state, _prev(sim.state), Controls())
    assert not obs.at_post and any(t.startswith("You feel") for _s, t in obs.status)
    assert "over" in watch_text(m.params, 8.5)


def test_a_heard_patrol_is_coming_or_going_and_its_round_is_told():
    from game.scenes.fog.observation import heard_line, round_minutes

    m, sim = _sim(3)
    told = set()
    for _ in range(600):
        prev = _prev(sim.state)
        sim.step({"wait": True, "set_out": True})
        line = heard_line(m, sim.state, prev)
        if line:
            told.add("closer" if "coming closer" in line else ("away" if "going away" in line else "other"))
            assert "round" in line
        if sim.state.outcome[0] != -1:
            break
    assert {"closer", "away"} <= told
    # the round: its path there and back at the patrols' pace
    j = 0
    assert round_minutes(m, j) == round(2 * m.patrol_len[j] * m.mpt / m.params["patrol_speed_ms"] / 60)


def test_the_ground_and_the_mine_signs_ahead_are_told():
    from game.scenes.fog.observation import ground_text, mines_ahead

    m, _sim0 = _sim()
    yy, xx = np.nonzero(m.mine_hazard_per_m.reshape(m.H, m.W) > 0)
    # a clear tile just north of a mined one: going south, the signs are ahead
    for x, y in zip(xx, yy):
        if y > 0 and m.mine_hazard_per_m[(y - 1) * m.W + x] == 0 and not m.blocked[y - 1, x]:
            break
    text = mines_ahead(m, x + 0.5, y - 0.5, (0.0, 1.0), 100.0)
    assert "south" in text and "probe" in text
    assert mines_ahead(m, x + 0.5, y - 0.5, (0.0, -1.0), 100.0) == "" or m.mine_hazard_per_m[(y - 2) * m.W + x] > 0
    assert mines_ahead(m, x + 0.5, y - 0.5, (0.0, 0.0), 100.0) == ""
    names = set()
    for ty in range(0, m.H, 7):
        for tx in range(0, m.W, 7):
            t = ground_text(m, tx + 0.5, ty + 0.5)
            if t:
                names.add(t)
    assert len(names) >= 5


def test_by_the_souths_post_the_panel_offers_the_call_and_then_counts_down():
    from game.scenes.fog.observation import may_hail, south_post_line

    m, sim = _sim()
    gx, gy = (m.goal[0] + m.goal[2]) / 2, (m.goal[1] + m.goal[3]) / 2
    sim.state.x[0], sim.state.y[0] = gx, gy - 8
    sim.state.extra["out"][:] = True
    assert may_hail(m, sim.state)
    style, text = south_post_line(m, sim.state)
    assert "200 m" in text and "(O)" in text
    sim.step({"wait": True, "hail": True})
    style, text = south_post_line(m, sim.state)
    assert "coming" in text and not may_hail(m, sim.state)
    sim.state.y[0] = m.mdl_y - 2  # north of the line: nobody of the South to call to
    sim.state.extra["hailed"][:] = False
    assert not may_hail(m, sim.state) and south_post_line(m, sim.state) is None


def test_at_the_post_the_fence_patrols_last_pass_and_its_return_are_told_truly():
    """The soldier on duty watched the fence patrol go by: the time it is said to be back
    is when it walks past the post (within a few minutes of first being heard)."""
    import re

    from game.scenes.fog.observation import post_patrol_line

    m, _ = _sim()
    checked = 0
    for seed in range(6):
        sim = Simulation(m, 1, seed)
        text = post_patrol_line(m, sim.state)
        found = re.search(r"back about (\d\d):(\d\d)", text)
        assert "passed at" in text
        if not found:
            continue
        back = int(found.group(1)) * 60 + int(found.group(2))
        for _k in range(1200):
            sim.step({"wait": True, "set_out": False})
            if sim.state.extra["patrol_heard"][0].any() or m.guards_in_sight(sim.state)[0][m.n_sentries:].any():
                break
        heard = m.params["start_hour"] * 60 + sim.state.step * m.step_hours * 60
        if heard - m.params["start_hour"] * 60 < 1.0:
            continue  # passing as the journey begins
        assert back - 12 <= heard <= back + 1, (seed, text)
        checked += 1
    assert checked >= 2


def test_the_challenge_question_says_what_the_soldier_knows():
    """How far off the guard is, the fog, and how well the ground hides a man lying flat."""
    from game.scenes.fog.observation import challenge_question, rifle_question

    m, sim = _sim()
    e = sim.state.extra
    e["challenge_d"][0], e["challenge_vis"][0] = 64.0, 90.0
    forest = np.flatnonzero(m.f_lying < 0.3)
    open_ = np.flatnonzero(m.f_lying >= 0.7)
    words = {}
    for name, tiles in (("forest", forest), ("open", open_)):
        t = int(tiles[0])
        sim.state.x[0], sim.state.y[0] = t % m.W + 0.5, t // m.W + 0.5
        q = challenge_question(m, sim.state)
        assert [k for k, _w, _d in q.answers] == ["freeze", "crawl", "run"]
        assert "about 60 m away" in q.detail and "90 m" in q.detail
        words[name] = q.detail
    assert "well" in words["forest"] and "Nothing here hides" in words["open"]
    assert [k for k, _w, _d in rifle_question().answers] == ["take", "leave"]


def test_going_round_is_offered_only_where_the_mined_strip_ends_to_a_side():
    from types import SimpleNamespace

    from game.scenes.fog.observation import way_round

    W, H = 30, 10
    strip = np.zeros(W * H)
    strip[5 * W:6 * W] = 1.0  # row 5 mined from edge to edge
    wall = SimpleNamespace(W=W, H=H, mine_hazard_per_m=strip)
    assert not way_round(wall, 15.5, 2.5, (0.0, 1.0))
    lane = strip.copy()
    lane[5 * W + 25] = 0.0  # a clear lane 10 tiles to the east
    assert way_round(SimpleNamespace(W=W, H=H, mine_hazard_per_m=lane), 15.5, 2.5, (0.0, 1.0))
    assert not way_round(SimpleNamespace(W=W, H=H, mine_hazard_per_m=lane), 15.5, 2.5, (0.0, 1.0), side=5)
    assert way_round(wall, 15.5, 2.5, (0.0, -1.0))  # nothing mined that way


def test_the_days_before_say_their_odds_from_the_model_and_stay_on_the_panel():
    """The three questions of the days before give the scenario's own figures; what was chosen
    is said at the post; the mine signs' odds count what he learned."""
    from game.scenes.fog.observation import (coat_question, learn_question, mine_question, morning_question,
                                             status_lines)

    m, sim = _sim()
    p = m.params
    q = learn_question(m)
    assert [k for k, _w, _d in q.answers] == ["kept", "watch", "ask"]
    watch, ask = q.answers[1][2], q.answers[2][2]
    assert f"about {round(p['learn_watch_mines'] * 10)} in 10" in watch
    assert f"About {round(p['learn_watch_noticed'] * 100)} in 100" in watch
    assert f"about {round(p['learn_ask_mines'] * 10)} in 10" in ask and f"{round(p['learn_ask_noticed'] * 100)} in 100" in ask
    q = morning_question(m)
    assert [k for k, _w, _d in q.answers] == ["first", "thicker"]
    assert f"About {round(p['morning_noticed'] * 100)} in 100" in q.answers[1][2]
    q = coat_question(m)
    assert [k for k, _w, _d in q.answers] == ["uniform", "coat"]
    assert f"about {round(60 * p['coat_climb'])} s to climb a 3 m fence instead of 60" in q.answers[1][2]
    lines = [w for _s, w in status_lines(m, sim.state, Controls(learn="ask", morning="thicker", coat=True))]
    assert any("older soldier" in w for w in lines) and any("thicker fog" in w for w in lines)
    assert any("padded coat" in w for w in lines)
    assert not any("older soldier" in w for _s, w in status_lines(m, sim.state, Controls()))
    # at the mine signs of the strip between the fences: the odds of walking on, with and without what he learned
    x, row = m.crossings[0]
    odds = {}
    for learn in (0, 2):
        m2, s2 = _sim()
        s2.step({"set_out": False, "learn": learn})
        s2.state.x[0], s2.state.y[0] = x + 0.5, float(m.fence_rows[0]) + 1.2
        while m.mine_hazard_per_m[int(s2.state.y[0]) * m.W + x] > 0:
            s2.state.y[0] -= 0.5  # just north of the mined ground
        q = mine_question(m2, s2.state, (0.0, 1.0))
        odds[learn] = q.answers[-1][2]
        if learn:
            assert "What you learned in the days before" in q.detail
    assert odds[0] != odds[2]
