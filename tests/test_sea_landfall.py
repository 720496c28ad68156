"""Landfall (issue 11 item 8): with Japan's coast in sight a crossing crew runs in for a beach in
the dark (the surf can roll the boat), makes for a harbour's lights along the coast, or stops,
signals and waits for Japan's coast guard. The odds move the way the sea says (seeded), the
automatic player decides by its rule, the screen's choices become the model's action, and a
replay repeats the run exactly."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.journey import world_for
from game.levels import load_by_id, model_for
from game.scenes.sea.actions import CHOICE_LABELS, DECISIONS, Crew, decisions_for, sea_action
from game.sim.runner import Simulation, automatic, replaying, run_to_end
from game.sim.sea import LANDFALL_BEACH, LANDFALL_HARBOUR, LANDFALL_NONE, LANDFALL_WAIT


@pytest.fixture(scope="module")
def sea():
    return load_by_id("sea")


def _model(sea, preset, **values):
    return model_for(sea, sea.values(preset, {"report_per_day": 0.0, **values}), world_for(sea))


def _run(model, landfall, n=300, seed=3):
    """The automatic player, with the given landfall wherever it makes one (Japan's coast in sight)."""
    auto = automatic(model)
    events: dict[str, int] = {}

    def policy(state):
        action = dict(auto(state))
        if landfall is not None:
            action["landfall"] = np.where(np.asarray(action["landfall"]) > 0, float(landfall), 0.0)
        return action

    sim = Simulation(model, n, seed)
    run_to_end(sim, policy)
    for i in range(n):
        for ev in sim.events(i):
            events[ev["code"]] = events.get(ev["code"], 0) + 1
    return sim, events


@pytest.fixture(scope="module")
def winter(sea):
    model = _model(sea, "defector-winter")
    return model, {lf: _run(model, lf) for lf in (LANDFALL_BEACH, LANDFALL_HARBOUR, LANDFALL_WAIT)}


def _share(sim, model, name):
    return float((sim.outcomes == model.outcomes.index(name)).mean())


def _dead(sim):
    return float((~sim.state.extra["alive"]).sum(axis=1).mean())


def test_a_beach_in_winter_seas_costs_lives_in_the_surf_a_harbour_does_not(winter):
    model, runs = winter
    (beach, beach_ev), (harbour, harbour_ev) = runs[LANDFALL_BEACH], runs[LANDFALL_HARBOUR]
    assert beach_ev.get("surf_capsized", 0) + beach_ev.get("surf_rolled", 0) >= 10
    assert harbour_ev.get("harbour_lights", 0) >= 10
    # a harbour reached is entered without surf (a boat driven ashore while coasting may still meet it:
    # about a third as often in these 300 winters, 39 against 100 since the crews wait out a rough night ashore)
    assert harbour_ev.get("surf_capsized", 0) < beach_ev["surf_capsized"] / 2
    assert _dead(beach) > _dead(harbour) + 0.2
    # the beach is quicker: fewer crews are still out to be picked up by the coast guard
    assert _share(beach, model, "rescued_at_sea") < _share(harbour, model, "rescued_at_sea")


def test_waiting_for_the_coast_guard_brings_more_rescues_and_fewer_landings(winter):
    model, runs = winter
    wait, _ev = runs[LANDFALL_WAIT]
    beach, _ = runs[LANDFALL_BEACH]
    assert _share(wait, model, "rescued_at_sea") > _share(beach, model, "rescued_at_sea") + 0.05
    assert _share(wait, model, "landed_alive") < _share(beach, model, "landed_alive") - 0.05


def test_the_surf_is_worse_in_higher_seas(sea):
    calm = _model(sea, "defector-winter", surf_capsize_wave_m=8.0)
    rough = _model(sea, "defector-winter", surf_capsize_wave_m=1.0)
    _s1, ev_calm = _run(calm, LANDFALL_BEACH, n=200)
    _s2, ev_rough = _run(rough, LANDFALL_BEACH, n=200)
    rolled = lambda ev: ev.get("surf_capsized", 0) + ev.get("surf_rolled", 0)  # noqa: E731
    assert rolled(ev_rough) > rolled(ev_calm)


@settings(max_examples=15, deadline=None)
@given(landfall=st.integers(0, 3), seed=st.integers(0, 2**16))
def test_risks_stay_probabilities_and_crews_whole_with_any_landfall(sea, landfall, seed):
    model = _model(sea, "defector-summer")
    sim = Simulation(model, 8, seed)
    for _ in range(60):
        if sim.finished:
            break
        sim.step({**model.default_action, "heading_deg": 120.0, "landfall": landfall})
        assert np.all((sim.state.risk >= 0) & (sim.state.risk <= 1))
        e = sim.state.extra
        assert np.all(e["alive"] <= e["aboard"] | ~e["crew_on_boat"][:, None])


def test_the_automatic_player_makes_a_landfall_by_its_rule(sea):
    model = _model(sea, "defector-winter")
    auto = automatic(model)
    sim = Simulation(model, 200, 7)
    seen = set()
    while not sim.finished and sim.state.step < 200:
        a = auto(sim.state)
        lf = np.asarray(a["landfall"])
        e = sim.state.extra
        disabled = ~e["engine_ok"] | (e["fuel_kg"] <= 0)
        assert np.all(lf[disabled & (lf > 0)] == LANDFALL_WAIT)
        seen |= set(np.unique(lf).tolist())
        sim.step(a)
    assert {LANDFALL_NONE, LANDFALL_HARBOUR} <= seen and (LANDFALL_BEACH in seen or LANDFALL_WAIT in seen)


def test_the_question_and_its_choices():
    assert DECISIONS["japan_near"] == ("run_beach", "make_harbour", "wait_coastguard")
    for k in DECISIONS["japan_near"]:
        assert k in CHOICE_LABELS
    assert decisions_for(["japan_near"], Crew()) == [("japan_near", DECISIONS["japan_near"])]
    crew = Crew(heading=120.0, throttle_i=2)
    crew.choose("wait_coastguard")
    a = sea_action(crew, True)
    assert a["landfall"] == LANDFALL_WAIT and a["signal"] == 1 and a["throttle"] == 0.0
    crew.end_wait()  # the engine started again
    assert sea_action(crew, True)["landfall"] == LANDFALL_NONE
    crew.choose("make_harbour")
    assert sea_action(crew, True)["landfall"] == LANDFALL_HARBOUR and sea_action(crew, False)["landfall"] == 0
    crew.turn(15)  # a new course: the crew steers itself again
    assert sea_action(crew, True)["landfall"] == LANDFALL_NONE
    crew.choose("run_beach")
    assert sea_action(crew, True)["landfall"] == LANDFALL_BEACH and sea_action(crew, True)["signal"] == 0


def test_a_landfall_is_replayed_exactly(sea):
    model = _model(sea, "defector-summer")
    auto = automatic(model)
    for seed in range(1, 30):
        sim = Simulation(model, 1, seed)
        crew = Crew(heading=120.0)
        chose = False
        while not sim.finished and sim.state.step < 200:
            a = dict(auto(sim.state))
            if a["landfall"] > 0 and not chose:
                crew.choose("run_beach")
                chose = True
            if chose:
                a["landfall"] = float(sea_action(crew, True)["landfall"])
            sim.step(a)
        if chose:
            break
    assert chose and any(entry["action"].get("landfall") == LANDFALL_BEACH for entry in sim.trace.entries)
    again = Simulation(model, 1, seed)
    policy = replaying(model, sim.trace)
    while again.state.step < sim.state.step and not again.finished:
        again.step(policy(again.state), record=False)
    assert [e["code"] for e in again.events(0)] == [e["code"] for e in sim.events(0)]
    assert again.state.extra["boat_x"][0] == sim.state.extra["boat_x"][0]
    assert int(again.outcomes[0]) == int(sim.outcomes[0])


@pytest.mark.parametrize("scale,window", [(1.0, (1280, 720)), (1.75, (800, 600))])
def test_the_screen_asks_the_landfall_and_shows_it(scale, window):
    import os

    import pygame

    from apphelp import frames, key, make_app, sea_ashore_as_is
    from game.scenes.sea.scene import PlayScene

    app = make_app(text_scale=scale, window=window)
    scene = PlayScene(app, load_by_id("sea"), "defector-summer", 3)
    app.push(scene)
    frames(app, 2)
    scene.set_out()
    sea_ashore_as_is(app, scene)
    key(app, pygame.K_2)  # alone in the dark
    scene.dismiss_notice()
    sim = scene.sim
    while sim.state.step <= sim.state.extra["port_steps"]:
        sim.step(scene.player_action())
    scene.on_step()  # the news so far told
    scene._asks = []
    scene.dismiss_notice()
    # Japan's coast comes into sight: the model's event, told and asked by the screen
    sim.state.emit("japan_near", np.ones(1, bool), km=np.array([30.0]), days=np.array([5.0]), kg=np.array([100.0]))
    scene.on_step()
    assert scene.paused and scene.decision == "japan_near"
    assert [b.key for b in scene.choices] == ["run_beach", "make_harbour", "wait_coastguard"]
    assert "beach" in scene.notice and "harbour" in scene.notice
    frames(app, 2)
    notice = scene._notice_rect()
    assert pygame.Rect(0, 0, 1280, 720).contains(notice) and all(notice.contains(b.rect) for b in scene.choices)
    if os.environ.get("SEA_SHOTS"):
        pygame.image.save(app.screen, os.path.join(os.environ["SEA_SHOTS"], f"landfall_{scale}.png"))
    assert scene.course_question() is None or scene.crew.landfall == 0
    scene._asks = [("morning_course", "Morning.", ("hold", "steer_japan"))]  # the same morning's course, asked next
    key(app, pygame.K_2)  # a harbour's lights
    assert scene.decision != "morning_course" and not scene.paused  # the landfall settles the course
    assert scene.crew.landfall == LANDFALL_HARBOUR and scene.player_action()["landfall"] == LANDFALL_HARBOUR
    assert any("harbour's lights" in t for _r, t in scene.observation().status)
    assert scene.course_question() is None  # no morning course while making for the harbour
