"""The journey record: versioned JSON in and out, replayed exactly, and the
debrief's "To repeat these runs" command giving the chart's counts."""

from __future__ import annotations

import json
import shlex

import numpy as np
import pytest

from apphelp import frames, make_app
from game.journey import (
    FORMAT, VERSION, Journey, JourneyError, JourneySpec, read_choices, replay, replay_track, setup_for, spec_for,
)
from game.levels import load_all, load_by_id
from game.sim.runner import Simulation
from toy_scenario import install, legacy_choices, make_levels

SCENARIOS = [sc.id for sc in load_all()]


def played(sid: str, seed: int = 5, preset: str | None = None, overrides: dict | None = None) -> Journey:
    """A journey of a real scenario played by the automatic player (choices recorded)."""
    scenario = load_by_id(sid)
    spec = JourneySpec(sid, preset or scenario.default_preset, dict(overrides or {}), seed)
    setup = setup_for(spec, scenario)
    sim = Simulation(setup.model(), 1, seed)
    sim.autoplay()
    return Journey.from_simulation(sim, spec, duration_s=12.5, autoplayed=True)


@pytest.mark.parametrize("sid", SCENARIOS)
def test_a_saved_record_replays_the_same_run_step_for_step(sid, tmp_path):
    scenario = load_by_id(sid)
    other = [p for p in scenario.presets if p != scenario.default_preset]
    journey = played(sid, seed=7, preset=other[0] if other else None)
    assert journey.choices and journey.outcome is not None
    path = journey.save(tmp_path / "journey.json")
    again = Journey.load(path)
    assert again == journey and again.track is None  # everything but the in-memory track
    track, outcome = replay_track(again)
    assert outcome == journey.outcome
    assert [(s.step, s.x, s.y, s.risk, s.reason) for s in track] == \
        [(s.step, s.x, s.y, s.risk, s.reason) for s in journey.track]
    one = replay(again, 1)  # the chart's runner with n=1 is the game's run
    assert scenario.id == sid and one.outcomes[int(one.codes[0])] == journey.outcome
    assert one.hours[0] == pytest.approx(journey.hours)


def test_json_is_versioned_and_plain(tmp_path):
    journey = played("jsa", overrides={"rescue_delay_min": 5.0})
    data = json.loads(journey.to_json())
    assert data["format"] == FORMAT and data["version"] == VERSION == 1
    assert data["spec"] == {"scenario": "jsa", "preset": journey.spec.preset, "overrides": {"rescue_delay_min": 5},
                            "seed": 5, "levels": None}
    assert {"choices", "events", "outcome", "steps", "hours", "duration_s", "moments", "autoplayed"} <= set(data)
    assert all(set(c) >= {"step", "action"} for c in data["choices"])
    assert Journey.from_dict(data) == journey
    newer = dict(data, version=VERSION + 1)
    with pytest.raises(JourneyError, match="newer version"):
        Journey.from_dict(newer, "x.json")


def test_save_is_atomic_and_leaves_no_temporary_files(tmp_path):
    journey = played("jsa")
    target = tmp_path / "j.json"
    target.write_text("old")
    journey.save(target)
    assert Journey.load(target) == journey
    assert [p.name for p in tmp_path.iterdir()] == ["j.json"]


def test_an_older_choices_file_is_still_read(tmp_path):
    journey = played("jsa")
    old = tmp_path / "crossings-jsa-seed5-choices.json"
    old.write_text(legacy_choices("jsa", [dict(c) for c in journey.choices]))  # as the game's Save wrote before
    trace, until, record = read_choices(old)
    assert record is None and until is None and trace.scenario == "jsa" and trace.entries == journey.choices
    with pytest.raises(JourneyError, match="older choices file"):
        Journey.load(old)


def test_spec_carries_every_value_that_differs_from_the_preset(tmp_path, monkeypatch):
    install(monkeypatch)
    root = make_levels(tmp_path / "levels")
    scenario = load_by_id("toy", root)
    values = scenario.values("tense", {"goal": 25, "speed": 2.0})
    spec = spec_for(scenario, "tense", values, 9)
    assert spec.overrides == {"goal": 25.0, "speed": 2.0}
    assert spec.levels == str(root.resolve())  # not the game's own folder: said
    assert setup_for(spec).values == values
    installed = spec_for(load_by_id("fog"), "", load_by_id("fog").values(), 1)
    assert installed.levels is None and installed.preset == load_by_id("fog").default_preset


def test_sea_setup_changes_reach_the_printed_command(tmp_path, monkeypatch):
    """The defect: a month and crew chosen in the sea's set-up were missing
    from "To repeat these runs" (it printed the preset alone)."""
    from game.scenes.debrief import DebriefScene
    from game.scenes.sea.scene import PlayScene
    from game.simulate_cmd import main

    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(tmp_path / "data"))
    app = make_app()
    app.settings.replays = 200  # the number of replays is a setting
    scene = PlayScene(app, load_by_id("sea"), "defector-summer", 3)
    app.push(scene)
    frames(app, 2)
    scene._set("month", 9)
    scene._set("crew", 3)
    scene.sim.autoplay()
    scene.to_debrief()
    debrief = app.top
    assert isinstance(debrief, DebriefScene)
    try:
        assert debrief.job.wait(120) and debrief.job.error is None
        frames(app)
        assert debrief.panel_name(1) == ("200 times", "The same choices, 200 times")
        command = debrief._repeat_text().split(": ", 1)[1].split(" (")[0]
        assert "--set month=9" in command and "--set crew=3" in command and "--runs 200" in command
        path = debrief.save_chart()
        assert path is not None
        command = debrief._repeat_text().split(": ", 1)[1].split(" (")[0]
        argv = shlex.split(command)
        assert argv[:2] == ["crossings", "simulate"]
        import io
        import contextlib

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main([*argv[2:], "--json"]) == 0
        data = json.loads(out.getvalue())
        chart = debrief.results["main"]
        assert {o: data["outcomes"][o]["count"] for o in debrief.order} == {o: chart.count(o) for o in debrief.order}
        # The saved journey alone brings its preset, its changes and its seed.
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(["sea", "--runs", "200", "--choices", str(debrief.saved_choices), "--json"]) == 0
        alone = json.loads(out.getvalue())
        assert alone["outcomes"] == data["outcomes"] and alone["seed"] == 3
        assert alone["parameters"]["month"]["value"] == 9 and alone["parameters"]["crew"]["value"] == 3
    finally:
        debrief.on_exit()


def test_replays_past_the_players_end_go_on_with_the_automatic_player():
    # A journey that ended early: the others do not stand where it ended.
    journey = played("jsa", seed=3)
    early = Journey(journey.spec, journey.choices[:1], outcome="killed", steps=1, hours=journey.hours)
    stuck = replay(Journey(journey.spec, journey.choices[:1], outcome=None, steps=1), 300)
    carried = replay(early, 300)
    assert carried.n == stuck.n == 300
    assert not np.array_equal(carried.codes, stuck.codes)


# ---------------------------------------------------------------- after an early end

EARLY = {  # a journey that ends badly and early: (preset, the player's one unchanged choice, seeds to try)
    "fog": ("historical", {"dx": 0.0, "dy": 1.0, "pace": 1, "climb": True}, (5, 11, 4)),  # straight south
    # the JSA: waving at the checkpoint, past the road in (a minute of its steps): stopped there
    # (the same 40 seeds, the one that ends early today first: the others cost ~2 s)
    "jsa": ("historical", {"dx": 0.0, "dy": 1.0, "pace": 2, "checkpoint": 1}, (36, *range(36), 37, 38, 39), 120),
    "sea": ("defector-summer", {"heading_deg": 135.0, "throttle": 1.0, "bail": 0}, (13, 0, 1, 2, 3)),
    "overland": ("thailand-2017", {"activity": 1, "broker": 0}, (0, 1, 2, 3)),  # across the river alone at once
}


def early_end(sid: str) -> Journey:
    """The first of a few seeds on which the player's choice ends badly and early."""
    preset, action, seeds, *steps = EARLY[sid]
    setup = setup_for(JourneySpec(sid, preset, {}, 0))
    model = setup.model()
    limit = steps[0] if steps else model.max_steps // 8
    for seed in seeds:
        sim = Simulation(model, 1, seed)
        while not sim.finished and sim.step_index < limit:
            sim.step(action)
        if sim.finished and sim.outcome_of(0) != model.outcomes[0]:
            return Journey.from_simulation(sim, JourneySpec(sid, preset, {}, seed))
    raise AssertionError(f"{sid}: no early end on seeds {seeds}")


@pytest.mark.parametrize("sid", SCENARIOS)
def test_an_early_end_still_lets_the_replays_reach_every_outcome(sid):
    journey = early_end(sid)
    setup = setup_for(journey.spec)
    runs = replay(journey, 400, setup=setup)
    reached = {o for o, c in zip(runs.outcomes, runs.counts) if c}
    # What the model reaches with the automatic player from the start, but for the rarer ends
    # (a player's own choices may rule one out: running flat out at the JSA, nobody is caught).
    auto = replay(journey.spec, 400, setup=setup)
    common = {o for o, s in zip(auto.outcomes, auto.shares) if s >= 0.1}
    assert common <= reached, f"{sid}: the replays never reached {common - reached}"
    if sid == "fog":
        # Without carrying on, the replays stall where the player's choices ran out (the old defect).
        stalled = replay(Journey(journey.spec, journey.choices, outcome=None, steps=journey.steps), 100, setup=setup)
        assert stalled.count("crossed") == 0 < runs.count("crossed")
        # The stall ran the soldiers to the timeout; carried on, the night ends in a fraction of it.
        assert runs.steps < stalled.steps / 2


def test_the_chart_says_the_others_went_on_with_the_automatic_player(tmp_path, monkeypatch):
    from game.scenes.debrief import DebriefScene

    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(tmp_path))
    journey = early_end("fog")
    app = make_app()
    app.settings.replays = 300
    scene = DebriefScene(app, journey)
    app.push(scene)
    try:
        assert scene.track and scene.job.wait(120) and scene.job.error is None
        frames(app)
        note = scene.chart.note
        assert "After your journey ended at 06:39, the" in note  # set out at 06:36, dead 3 minutes in
        assert "went on with the automatic player's choices" in note
        assert scene._went_on() > 0
    finally:
        scene.on_exit()


def test_the_what_if_changes_something_the_player_did_and_says_what():
    from game.journey import what_if

    sea = load_by_id("sea")
    summer = what_if(sea, sea.values("defector-summer", {"month": 7}))
    assert summer["set"] == {"month": 1.0} and summer["changes"] == {"month": (7.0, 1.0)}
    june = what_if(sea, sea.values("defector-summer"))
    assert june["changes"] == {"month": (6.0, 7.0)}
    fog = load_by_id("fog")
    assert what_if(fog, fog.values("clear-night"))["changes"] == {"visibility_m": (10000.0, 100.0)}
    assert what_if(fog, fog.values("historical"))["changes"] == {"visibility_m": (100.0, 10000.0)}
    overland = load_by_id("overland")
    assert what_if(overland, overland.values("thailand-2009"))["changes"] == {"year": (2009.0, 2017.0)}
    for sc in load_all():
        for preset in sc.presets:
            cf = what_if(sc, sc.values(preset))
            assert cf is None or all(before != after for before, after in cf["changes"].values())


def test_the_models_events_go_into_the_record_as_plain_json():
    scenario = load_by_id("jsa")
    spec = JourneySpec("jsa", scenario.default_preset, {}, 2)
    sim = Simulation(setup_for(spec, scenario).model(), 1, 2)
    sim.autoplay()
    # The event log's API (Simulation.events): numpy scalars and a distance not known.
    sim.events = lambda i=0: [{"step": np.int64(3), "code": "shot", "metres": np.float64(12.5), "x": float("nan")}]
    journey = Journey.from_simulation(sim, spec)
    assert journey.events == [{"step": 3, "code": "shot", "metres": 12.5, "x": None}]
    assert Journey.from_json(journey.to_json()).events == journey.events


def test_a_saved_journey_opens_the_same_debrief(tmp_path, monkeypatch):
    from game.scenes.debrief import DebriefScene

    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(tmp_path))
    journey = played("fog", seed=4)
    app = make_app()
    app.settings.replays = 150
    live = DebriefScene(app, journey)
    saved = DebriefScene(app, Journey.load(journey.save(tmp_path / "j.json")))
    try:
        assert [(s.x, s.y, s.risk) for s in saved.track] == [(s.x, s.y, s.risk) for s in live.track]
        assert saved.moments == live.moments and saved.outcome == live.outcome and saved.trace is not None
        assert live.job.wait(120) and saved.job.wait(120)
        assert np.array_equal(live.job.results["main"].codes, saved.job.results["main"].codes)
    finally:
        live.on_exit()
        saved.on_exit()


def test_the_jsa_what_if_changes_the_players_own_decision_at_the_checkpoint_and_says_so():
    import dataclasses

    from game.journey import what_if

    sc = load_by_id("jsa")
    journey = played("jsa", seed=5)  # the automatic player: past the checkpoint at speed, as in 2017
    values = sc.values("historical")
    cf = what_if(sc, values, journey)
    assert cf["label"] == "Had you slowed down and waved at the checkpoint"
    assert cf["set"] == {} and cf["changes"] == {} and cf["choice_changes"] == {"checkpoint": (0, 1)}
    assert all(c["action"]["checkpoint"] == 1 for c in cf["journey"].choices)
    assert all(c["action"]["checkpoint"] == 0 for c in journey.choices)  # the record itself is left alone
    mine, other = replay(journey, 400), replay(cf["journey"], 400)
    assert other.share("caught") > mine.share("caught")  # the guards stop some who slow down
    # a journey that waved is shown the other way; without a record, the values' what-if
    waved = dataclasses.replace(journey, choices=[{**c, "action": {**c["action"], "checkpoint": 1}}
                                                   for c in journey.choices])
    assert what_if(sc, values, waved)["choice_changes"] == {"checkpoint": (1, 0)}
    assert what_if(sc, values)["changes"] == {"rescue_delay_min": (40.0, 5.0)}


def test_the_jsa_what_if_of_a_player_who_turned_back_on_the_bridge_is_driving_on():
    import dataclasses

    from game.journey import what_if

    sc = load_by_id("jsa")
    journey = played("jsa", seed=5)
    assert what_if(sc, sc.values("historical"), journey)["label"] == "Had you slowed down and waved at the checkpoint"
    turned = dataclasses.replace(journey, choices=[{**c, "action": {**c["action"], "bridge": 1}} for c in journey.choices])
    cf = what_if(sc, sc.values("historical"), turned)
    assert cf["label"] == "Had you driven on from the bridge" and cf["choice_changes"] == {"bridge": (1, 0)}


def test_an_old_jsa_record_without_the_bridges_question_gets_a_what_if_of_something_it_did():
    # A record saved before the bridge's question was added has no ``bridge`` in its choices: "had you
    # driven on from the bridge" would change nothing the player did; the checkpoint's what-if comes instead.
    import dataclasses

    from game.journey import what_if

    sc = load_by_id("jsa")
    journey = played("jsa", seed=5)
    old = dataclasses.replace(journey, choices=[
        {**c, "action": {k: v for k, v in c["action"].items() if k not in ("bridge", "hour", "held", "onward", "errand",
                                                                            "look")}}
        for c in journey.choices])
    old = Journey.from_json(old.to_json())  # as read from the saved file
    cf = what_if(sc, sc.values("historical"), old)
    assert cf["label"] == "Had you slowed down and waved at the checkpoint"
    assert cf["choice_changes"] == {"checkpoint": (0, 1)}
    assert replay(cf["journey"], 200).share("caught") != replay(old, 200).share("caught")


def test_the_debrief_tells_what_ended_this_journey_not_every_way_it_can_end(tmp_path, monkeypatch):
    from game.narrator import Narrator
    from game.scenes.debrief import DebriefScene

    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(tmp_path))
    journey = early_end("fog")  # straight south in the fog: killed
    assert journey.outcome == "killed"
    app = make_app()
    app.settings.replays = 50
    scene = DebriefScene(app, journey)
    try:
        told = " ".join(getattr(w, "text", "") for w in scene._journey_widgets())
    finally:
        scene.on_exit()
    ending = Narrator(scene.scenario, scene.journey_values).ending(journey.events)
    assert ending and all(line.text in told for line in ending)
    assert "a mine went off, or the guards fired" not in told
