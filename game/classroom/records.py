"""Journey records as the classroom sends them, and their checks on arrival.

A student's machine sends ``Journey.to_dict()`` (game/journey.py). The host
reads it back with ``Journey.from_dict`` and then checks what only the host
can know: the spec is the one it gave this student (scenario, preset,
conditions, seed), it names no levels folder (nothing a client sends names a
file), the choices fit the model, the outcome is one of the model's. What is
stored is the record written again from the checked ``Journey``. No pygame.
"""

from __future__ import annotations

import time
from functools import lru_cache
from typing import Any

from ..journey import Journey, JourneyError, JourneySpec, setup_for
from ..sim.montecarlo import TraceError, check_trace
from ..sim.runner import Simulation, automatic, run_to_end


class RecordError(ValueError):
    pass


def make_spec(scenario: str, preset: str, overrides: dict[str, float] | None, seed: int) -> dict[str, Any]:
    return JourneySpec(scenario, preset, dict(overrides or {}), int(seed), None).to_dict()


@lru_cache(maxsize=32)
def _setup(scenario: str, preset: str, overrides: tuple):
    return setup_for(JourneySpec(scenario, preset, dict(overrides), 1, None))


def build_model(spec: dict[str, Any]):
    """(scenario, model) for a spec, from the host's own levels (never a client's path)."""
    setup = _setup(spec["scenario"], spec["preset"], tuple(sorted((spec.get("overrides") or {}).items())))
    return setup.scenario, setup.model()


def check_spec(data: Any) -> dict[str, Any]:
    """A spec as a student's machine receives it from the host: only a
    scenario this game has, its own presets and values, no folder."""
    from ..levels import LevelError, scenario_folders

    try:
        spec = JourneySpec.from_dict(data, "the teacher's journey")
    except JourneyError as exc:
        raise RecordError(str(exc)) from None
    if spec.levels is not None or spec.scenario not in {p.name for p in scenario_folders()}:
        raise RecordError(f"'{spec.scenario[:40]}' is not a journey of this game")
    try:
        setup_for(spec)
    except (LevelError, ValueError) as exc:
        raise RecordError(str(exc)) from None
    return spec.to_dict()


def journey_from_simulation(spec: dict[str, Any], sim: Simulation, duration_s: float, autoplayed: bool) -> dict[str, Any]:
    return Journey.from_simulation(sim, JourneySpec.from_dict(spec), duration_s, autoplayed).to_dict()


def autoplay_journey(spec: dict[str, Any], sim: Simulation | None = None, started: float | None = None) -> dict[str, Any]:
    """Run a journey (from its start, or on from where ``sim`` is) to its end
    with the automatic player; the record is marked as played by it."""
    t0 = time.monotonic()
    if sim is None:
        _, model = build_model(spec)
        sim = Simulation(model, 1, int(spec["seed"]))
    run_to_end(sim, automatic(sim.model), record=True)
    return journey_from_simulation(spec, sim, time.monotonic() - (started if started is not None else t0), True)


def check_journey(data: Any, expected_spec: dict[str, Any]) -> dict[str, Any]:
    """The record as stored, or RecordError saying what is wrong with it."""
    try:
        journey = Journey.from_dict(data, "the journey sent")
    except JourneyError as exc:
        raise RecordError(str(exc)) from None
    spec = journey.spec
    if spec.levels is not None:
        raise RecordError("the journey's spec must name no levels folder")
    expected = JourneySpec.from_dict(expected_spec)
    for key in ("scenario", "preset", "seed"):
        if getattr(spec, key) != getattr(expected, key):
            raise RecordError(f"the journey's {key} is not the one the teacher set")
    # The teacher's conditions hold; a choice the game itself offers on top
    # (who you are, on the overland route) may add values of its own.
    for key, value in expected.overrides.items():
        if spec.overrides.get(key) != value:
            raise RecordError("the journey's conditions are not the ones the teacher set")
    if set(spec.overrides) - set(expected.overrides):
        try:
            model = setup_for(spec).model()
        except ValueError as exc:  # LevelError: a value outside its range
            raise RecordError(str(exc)) from None
    else:
        _, model = build_model(expected_spec)
    try:
        check_trace(model, journey.trace())
    except TraceError as exc:
        raise RecordError(str(exc)) from None
    if journey.outcome is not None and journey.outcome not in model.outcomes:
        raise RecordError(f"'{journey.outcome[:30]}' is not an outcome of {model.id}")
    return journey.to_dict()


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
