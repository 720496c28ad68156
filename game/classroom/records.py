"""Journey records as the classroom sends them, and their checks on arrival.

ADAPTER: the journey record is owned by game/journey.py (branch ``record``);
its agreed JSON shape is ``{"format": "crossings-journey", "version": 1,
"spec": {...}, "choices": [...], "events": [...], "outcome": ..., "steps",
"hours", "duration_s", "moments", "autoplayed"}``. Until that module is merged
this file builds and reads that shape itself from a ``Simulation``; once it
is, ``journey_from_simulation`` becomes ``Journey(...).to_dict()`` and the
check calls ``Journey.from_dict``. The host-side checks (the spec must be the
one the host gave this student, no levels folder, actions the model knows)
stay here either way. No pygame.
"""

from __future__ import annotations

import math
import time
from functools import lru_cache
from typing import Any

from ..levels import load_by_id, model_for
from ..sim.montecarlo import TraceError, check_trace, world_for
from ..sim.runner import ChoiceTrace, Simulation

FORMAT = "crossings-journey"
VERSION = 1
MAX_CHOICES = 5000
MAX_EVENTS = 5000


class RecordError(ValueError):
    pass


def make_spec(scenario: str, preset: str, overrides: dict[str, float] | None, seed: int) -> dict[str, Any]:
    return {"scenario": scenario, "preset": preset, "overrides": dict(overrides or {}), "seed": int(seed), "levels": None}


@lru_cache(maxsize=16)
def _scenario(sid: str):
    return load_by_id(sid)


def build_model(spec: dict[str, Any]):
    """The model a spec names, from the host's own levels (never a client's path)."""
    scenario = _scenario(spec["scenario"])
    values = scenario.values(spec["preset"], dict(spec.get("overrides") or {}))
    world = world_for(scenario)
    return scenario, model_for(scenario, values, world)


def journey_from_simulation(spec: dict[str, Any], sim: Simulation, duration_s: float, autoplayed: bool) -> dict[str, Any]:
    events = sim.events(0) if hasattr(sim, "events") else []
    return {
        "format": FORMAT,
        "version": VERSION,
        "spec": dict(spec),
        "choices": [dict(e) for e in sim.trace.entries],
        "events": [dict(e) for e in events],
        "outcome": sim.outcome_of(0),
        "steps": int(sim.step_index),
        "hours": float(sim.state.hours[0]),
        "duration_s": round(float(duration_s), 2),
        "moments": [],
        "autoplayed": bool(autoplayed),
    }


def autoplay_journey(spec: dict[str, Any], sim: Simulation | None = None, started: float | None = None) -> dict[str, Any]:
    """Run a journey (from its start, or on from where ``sim`` is) to its end
    with the automatic player; the record is marked as played by it."""
    t0 = time.monotonic()
    if sim is None:
        _, model = build_model(spec)
        sim = Simulation(model, 1, int(spec["seed"]))
    while not sim.finished:
        sim.step(sim.model.auto_action(sim.state))
    return journey_from_simulation(spec, sim, time.monotonic() - (started if started is not None else t0), True)


def _is_number(v: Any) -> bool:
    return type(v) in (int, float) and math.isfinite(v)


def check_journey(data: Any, expected_spec: dict[str, Any]) -> dict[str, Any]:
    """The record as stored, or RecordError saying what is wrong with it."""
    if not isinstance(data, dict):
        raise RecordError("the journey is not an object")
    if data.get("format") != FORMAT or data.get("version") != VERSION:
        raise RecordError(f"not a {FORMAT} record of version {VERSION}")
    spec = data.get("spec")
    if not isinstance(spec, dict) or spec.get("levels") is not None:
        raise RecordError("the journey's spec must name no levels folder")
    for key in ("scenario", "preset", "seed"):
        if spec.get(key) != expected_spec[key]:
            raise RecordError(f"the journey's {key} is not the one the teacher set")
    if (spec.get("overrides") or {}) != (expected_spec.get("overrides") or {}):
        raise RecordError("the journey's conditions are not the ones the teacher set")
    _, model = build_model(expected_spec)
    choices = data.get("choices")
    if not isinstance(choices, list) or len(choices) > MAX_CHOICES:
        raise RecordError("choices must be a list")
    clean_choices = []
    for i, c in enumerate(choices):
        if not isinstance(c, dict) or type(c.get("step")) is not int or not isinstance(c.get("action"), dict):
            raise RecordError(f"choice {i} needs a whole-number step and an action")
        for key, value in c["action"].items():
            if not (value is None or type(value) in (bool, int, float, str)) or (isinstance(value, str) and len(value) > 40):
                raise RecordError(f"choice {i}: action '{str(key)[:30]}' is not a plain value")
        entry = {"step": c["step"], "action": dict(c["action"])}
        where = c.get("where")
        if where is not None:
            if not (isinstance(where, list) and len(where) == 2 and all(_is_number(v) for v in where)):
                raise RecordError(f"choice {i}: where must be two numbers")
            entry["where"] = list(where)
        clean_choices.append(entry)
    try:
        check_trace(model, ChoiceTrace(scenario=model.id, entries=clean_choices))
    except TraceError as exc:
        raise RecordError(str(exc)) from None
    events = data.get("events", [])
    if not isinstance(events, list) or len(events) > MAX_EVENTS:
        raise RecordError("events must be a list")
    clean_events = []
    for i, e in enumerate(events):
        if not isinstance(e, dict) or type(e.get("step")) is not int or not isinstance(e.get("code"), str) or len(e["code"]) > 40:
            raise RecordError(f"event {i} needs a step and a short code")
        clean_events.append({"step": e["step"], "code": e["code"]})
    outcome = data.get("outcome")
    if outcome is not None and outcome not in model.outcomes:
        raise RecordError(f"'{str(outcome)[:30]}' is not an outcome of {model.id}")
    for key in ("steps", "hours", "duration_s"):
        if not _is_number(data.get(key)) or data[key] < 0:
            raise RecordError(f"{key} must be a number, zero or more")
    if type(data.get("autoplayed")) is not bool:
        raise RecordError("autoplayed must be true or false")
    moments = data.get("moments", [])
    if not isinstance(moments, list) or len(moments) > 20:
        raise RecordError("moments must be a short list")
    clean_moments = []
    for m in moments:
        if not isinstance(m, dict) or not all(_is_number(v) or (isinstance(v, str) and len(v) < 200) for v in m.values()):
            raise RecordError("a moment must hold numbers and short texts")
        clean_moments.append({str(k)[:40]: v for k, v in m.items()})
    return {
        "format": FORMAT,
        "version": VERSION,
        "spec": dict(expected_spec),
        "choices": clean_choices,
        "events": clean_events,
        "outcome": outcome,
        "steps": int(data["steps"]),
        "hours": float(data["hours"]),
        "duration_s": float(data["duration_s"]),
        "moments": clean_moments,
        "autoplayed": data["autoplayed"],
    }


def choices_in_short(journey: dict[str, Any], limit: int = 12) -> str:
    """'0: pace=walk; 40: pace=crawl ...' for the CSV: what changed, when."""
    parts = []
    previous: dict[str, Any] = {}
    for c in journey.get("choices", []):
        changed = {k: v for k, v in c["action"].items() if previous.get(k) != v}
        previous.update(c["action"])
        if changed:
            parts.append(f"{c['step']}: " + ", ".join(f"{k}={_short(v)}" for k, v in sorted(changed.items())))
    more = len(parts) - limit
    return "; ".join(parts[:limit]) + (f"; (+{more} more)" if more > 0 else "")


def _short(v: Any) -> str:
    return f"{v:.3g}" if isinstance(v, float) else str(v)
