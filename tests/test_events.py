"""The event log (State.emit, Simulation.events) and the narrator's [events] texts."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from game.levels import load_all, load_by_id, model_for
from game.narrator import Narrator, read_events
from game.sim.model import State
from game.sim.runner import Simulation
from game.world.mapdata import load_map

ROOT = Path(__file__).resolve().parent.parent


def _model(sid: str, preset: str | None = None, **overrides):
    sc = load_by_id(sid)
    world = load_map(sc.map_file) if sc.map_file else None
    return sc, model_for(sc, sc.values(preset, overrides), world)


def test_emit_keeps_only_the_travellers_concerned():
    s = State.empty(4)
    s.emit("a", np.array([True, False, True, False]), place=np.array([5, 6, 7, 8]))
    s.step = 3
    s.emit("b", True, km=2.0)
    s.emit("c", np.zeros(4, bool))
    assert s.events_of(0) == [{"step": 0, "code": "a", "place": 5}, {"step": 3, "code": "b", "km": 2.0}]
    assert s.events_of(1) == [{"step": 3, "code": "b", "km": 2.0}]
    assert s.events_of(2)[0]["place"] == 7
    assert len(s.log) == 2


def test_one_traveller_keeps_its_position():
    s = State.empty(1, 3.0, 4.0)
    s.emit("a", np.array([True]))
    assert s.events_of(0) == [{"step": 0, "code": "a", "x": 3.0, "y": 4.0}]


@pytest.mark.parametrize("sid", ["fog", "jsa", "sea", "overland"])
def test_every_emitted_code_is_declared_and_told(sid):
    sc, model = _model(sid)
    table = read_events(sc.raw, sid)
    assert set(model.event_codes) <= set(table), set(model.event_codes) - set(table)
    sim = Simulation(model, 300, seed=3)
    sim.autoplay()
    seen = {code for _s, code, _i, _d in sim.state.log}
    assert seen, "the automatic player's journeys produced no events"
    assert seen <= set(model.event_codes)
    narrator = Narrator(sc, sim.model.params)
    # every ended traveller's ending is told in words
    for i in range(0, 300, 37):
        events = sim.events(i)
        assert all(narrator.text(e) for e in events)
        if sim.outcome_of(i) != model.timeout_outcome:
            assert narrator.ending(events), (sid, i, sim.outcome_of(i), events[-3:])


@pytest.mark.parametrize("sid", ["fog", "jsa", "sea", "overland"])
def test_the_game_and_the_replay_tell_traveller_0_alike(sid):
    """n=1 and the first of many, same seed, same choices: the same events."""
    _sc, model = _model(sid)
    one = Simulation(model, 1, seed=11)
    one.autoplay()
    many = Simulation(model, 1, seed=11)
    from game.sim.runner import replaying, run_to_end

    run_to_end(many, replaying(model, one.trace))
    strip = lambda evs: [(e["step"], e["code"]) for e in evs]  # noqa: E731
    assert strip(one.events(0)) == strip(many.events(0)) and one.events(0)


def test_variants_follow_the_profile_and_the_details():
    sc = load_by_id("overland")
    places = ["Musan", "Yanji"]
    plain = Narrator(sc, {"with_child": 0, "female": 1, "start_in_china": 0}, names={"place": places})
    mother = Narrator(sc, {"with_child": 1, "female": 1, "start_in_china": 0}, names={"place": places})
    ev = {"step": 0, "code": "arrive", "place": 1}
    assert plain.text(ev) == "I reached Yanji."
    assert mother.text(ev) == "We reached Yanji."
    assert "daughter" in mother.text({"step": 0, "code": "cross_water", "place": 0})
    sea = Narrator(load_by_id("sea"), {})
    assert sea.text({"step": 0, "code": "died", "people": 1, "cause": 3}) == "One of the people aboard has died of the cold."
    assert sea.text({"step": 0, "code": "died", "people": 2, "cause": 1}) == "2 of the people aboard have died of thirst."


def test_gentle_words_soften_the_fog_journeys_shots():
    sc = load_by_id("fog")
    ev = {"step": 0, "code": "shot_north"}
    assert "Shots" in Narrator(sc).text(ev)
    assert "Shots" not in Narrator(sc, gentle=True).text(ev)


def test_jsa_never_counts_wounds():
    sc = load_by_id("jsa")
    n = Narrator(sc)
    texts = {n.text({"step": 0, "code": "hit", "hits": k}) for k in range(1, 6)}
    assert not any(ch.isdigit() for t in texts for ch in t)


def test_the_translation_extractor_picks_up_the_event_texts():
    sys.path.insert(0, str(ROOT / "tools"))
    import update_translations

    found = {text for text, _where in update_translations.data_strings()}
    for sc in load_all():
        for entry in read_events(sc.raw).values():
            assert entry.text in found
            for _when, text in entry.variants:
                assert text in found


def test_sea_fleet_pick_up_is_told_where():
    """The summer crossing that ended on day 2: the fishing fleet took the crew home, and the words say so."""
    sc, model = _model("sea", "defector-summer")
    narrator = Narrator(sc, model.params)
    sim = Simulation(model, 400, seed=5)
    sim.autoplay()
    fleet = list(np.flatnonzero(sim.event_counts("fleet_took_home")))
    assert fleet, "no crossing in 400 was picked up by the fleet"
    words = " ".join(line.text for line in narrator.ending(sim.events(fleet[0])))
    assert "fishing fleet" in words and "km" in words and "back to North Korea" in words


def test_a_boat_drifting_home_without_an_engine_is_told_why_it_is_back():
    # In a play the ending read only "The boat is back on North Korea's coast." after the
    # engine died in a storm near the coast: the wind and the current, not the crew, took it there.
    sc, model = _model("sea", "defector-summer", engine_fail_per_day=0.5, engine_fixable=0.0)
    sim = Simulation(model, 200, seed=4)
    sim.autoplay()
    narrator = Narrator(sc, sim.model.params)
    told = [e for i in range(200) for e in sim.events(i) if e["code"] == "home_coast"]
    assert told, "no boat came back to the North's coast"
    adrift = [e for e in told if e.get("adrift") == 1]
    assert adrift and all("wind and the current" in narrator.text(e) for e in adrift)
