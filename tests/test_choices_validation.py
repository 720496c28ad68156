"""Recorded choices from the wild (``simulate --choices``, a saved journey):
each bad one is refused with the file, the entry and the reason; never a
traceback, never silently clipped."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.journey import JourneyError, choices_from_text
from game.levels import load_by_id, model_for
from game.journey import world_for
from game.sim.montecarlo import TraceError, check_trace
from game.simulate_cmd import main

MODELS = {}


def model(sid: str):
    if sid not in MODELS:
        sc = load_by_id(sid)
        MODELS[sid] = model_for(sc, sc.values(), world_for(sc))
    return MODELS[sid]


def old(sid: str, entries) -> str:
    return json.dumps({"scenario": sid, "entries": entries})


CASES = [
    # (scenario, file text, words the message must hold)
    ("fog", "[" * 200000, ["nested too deeply"]),
    ("fog", '{"scenario": "fog", "entries": [{"step": 0, "action": {"dx": NaN}}]}', ["'NaN'", "not a number"]),
    ("fog", '{"scenario": "fog", "entries": [{"step": 0, "action": {"dy": Infinity}}]}', ["'Infinity'"]),
    ("sea", '{"scenario": "sea", "entries": [{"step": 0, "action": {"heading_deg": NaN}}]}', ["'NaN'"]),
    ("fog", old("fog", [{"step": 0, "action": {"pace": 1e30}}]), ["entries[0].action.pace", "not a usable number"]),
    ("fog", old("fog", [{"step": 0, "action": {"pace": 1e6}}]), ["entry 0 (step 0)", "'pace'", "outside 0..2"]),
    ("jsa", old("jsa", [{"step": 0, "action": {"pace": 99}}]), ["entry 0 (step 0)", "'pace'", "outside 0..2"]),
    ("overland", old("overland", [{"step": 0, "action": {"activity": 1e30}}]), ["entries[0].action.activity", "not a usable"]),
    ("overland", old("overland", [{"step": 0, "action": {"activity": 7}}]), ["'activity'", "outside 0..4"]),
    ("overland", old("overland", [{"step": 3, "action": {"broker": 10**30}}]), ["entries[0].action.broker", "too large"]),
    ("overland", old("overland", [{"step": 0, "action": {"mode": 1.5}}]), ["'mode'", "whole number"]),
    ("fog", old("fog", [{"step": 0, "action": {}}, {"step": -1, "action": {}}]), ["entries[1].step", "outside 0.."]),
    ("fog", old("fog", [{"step": True, "action": {}}]), ["entries[0].step", "whole number"]),
    ("sea", old("sea", [{"step": 0, "action": {"ration": 5.0}}]), ["'ration'", "outside 0.3..1"]),
    ("fog", old("fog", [{"step": 0, "action": {"dx": [1, 2]}}]), ["entries[0].action.dx", "must be"]),
    ("fog", '{"scenario": "fog", "entries": [{"step": 1' + "0" * 5000 + ', "action": {}}]}', ["not valid JSON"]),
]


@pytest.mark.parametrize("sid, text, words", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_bad_choices_are_refused_with_file_entry_and_reason(tmp_path, capsys, sid, text, words):
    path = tmp_path / "choices.json"
    path.write_text(text, encoding="utf-8")
    code = main([sid, "--runs", "3", "--choices", str(path)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.startswith(f"crossings simulate: error: {path}: ") and err.count("\n") == 1, err
    for word in words:
        assert word in err, err


def test_good_choices_are_not_clipped_or_refused(tmp_path, capsys):
    path = tmp_path / "choices.json"
    path.write_text(old("sea", [{"step": 0, "action": {"ration": 0.3, "heading_deg": 90.0, "bail": 0}}]))
    assert main(["sea", "--runs", "3", "--choices", str(path)]) == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_only_a_regular_file_of_sensible_size_is_read(tmp_path, capsys):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    big = tmp_path / "big.json"
    with open(big, "wb") as fh:
        fh.truncate(17 * 1024 * 1024)
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    for path, words in ((fifo, "not a file"), ("/dev/zero", "not a file"), (tmp_path, "not a file"),
                        (big, "too large"), (binary, "not UTF-8 text"), (tmp_path / "nope.json", "not found")):
        code = main(["fog", "--runs", "3", "--choices", str(path)])
        out, err = capsys.readouterr()
        assert code == 2 and str(path) in err and words in err and err.count("\n") == 1, err


# ---------------------------------------------------------------- fuzz

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                    st.text(max_size=8))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
                           max_leaves=20)
actions = st.dictionaries(st.sampled_from(["dx", "dy", "pace", "wait", "heading_deg", "throttle", "ration", "activity",
                                           "broker", "mode", "climb", "x"]), scalars, max_size=4)
entries = st.lists(st.fixed_dictionaries({"step": st.one_of(st.integers(-3, 50), scalars), "action": st.one_of(actions, scalars)}),
                   max_size=5)
documents = st.one_of(
    json_values,
    st.builds(lambda sid, e: {"scenario": sid, "entries": e}, st.sampled_from(["fog", "jsa", "sea", "overland", ""]), entries),
    st.builds(lambda e, extra: {"format": "crossings-journey", "version": 1, "choices": e, **extra,
                                "spec": {"scenario": "fog", "preset": "", "overrides": {}, "seed": 1}},
              entries, st.dictionaries(st.sampled_from(["events", "outcome", "steps", "moments", "autoplayed", "spec"]),
                                       json_values, max_size=3)),
)


def _dump(doc) -> str:
    return json.dumps(doc)  # NaN and Infinity come out as JSON's unofficial words: the reader must refuse them


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents, sid=st.sampled_from(["fog", "jsa", "sea", "overland"]))
def test_any_json_gives_choices_or_a_clear_error(doc, sid):
    try:
        trace, until, _journey = choices_from_text(_dump(doc), "fuzz.json")
        check_trace(model(sid), trace)
    except (JourneyError, TraceError) as exc:
        assert str(exc)
        return
    assert until is None or until >= 0


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=60))
def test_any_text_gives_choices_or_a_clear_error(text):
    try:
        choices_from_text(text, "fuzz.json")
    except JourneyError as exc:
        assert str(exc).startswith("fuzz.json")


def test_a_class_export_is_named_as_such(tmp_path):
    """A teacher passing the class's journeys.json was told "not a journey record"."""
    import json

    from game.journey import JourneyError, read_choices

    path = tmp_path / "journeys.json"
    path.write_text(json.dumps({"format": "crossings-class-journeys", "version": 1, "code": "ABCDEF", "journeys": [{}, {}]}))
    with pytest.raises(JourneyError) as exc:
        read_choices(path)
    assert str(exc.value).startswith(f"{path}: the journeys of a whole class (2), not one journey")
