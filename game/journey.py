"""A journey as a record: what was played, apart from any screen.

A :class:`JourneySpec` says what to run (scenario, preset, every changed
value, seed, levels folder); a :class:`Journey` says what happened (the
choices with their steps, the events, the outcome, how long, the riskiest
moments). Both go to and from versioned JSON, so a journey can be saved,
sent over a network, counted and thrown away. Replaying a record with n=1
and its own seed gives the same run, step for step; with n=1,000 it gives
the debrief's chart (:func:`replay`). No pygame here.

JSON (version 1)::

    {"format": "crossings-journey", "version": 1,
     "spec": {"scenario": "fog", "preset": "historical", "overrides": {},
              "seed": 1, "levels": null},
     "choices": [{"step": 0, "action": {...}, "where": [x, y]}, ...],
     "events": [{"step": 3, "code": "..."}, ...],
     "outcome": "killed", "steps": 29, "hours": 0.48, "duration_s": 41.0,
     "moments": [{"step": 12, "hours": 0.2, "x": .., "y": .., "risk": .., "reason": 0}],
     "autoplayed": false,
     "ashore_steps": 20}      (only where a journey had a time before it began: a boat's days ashore)

The older files the game's Save wrote (``{"scenario": .., "entries": [..]}``)
are still read by :func:`read_choices`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

import numpy as np

from .sim.runner import ChoiceTrace, Simulation, Snapshot, replaying, run_to_end

FORMAT = "crossings-journey"
VERSION = 1
MAX_FILE_BYTES = 16 * 1024 * 1024  # a long journey's record is well under 1 MB
MAX_ENTRIES = 200_000  # choices or events in one record
MAX_STEP = 10_000_000  # far beyond any model's max_steps
MAX_TEXT = 200  # characters in an action's text value or an event code
MOMENTS = 3
MOMENT_FLOOR = 0.2  # a moment's risk is at least this share of the highest


class JourneyError(ValueError):
    """A record or choices file that cannot be used: names file, entry and reason."""


# ---------------------------------------------------------------- the spec


@dataclass(frozen=True)
class JourneySpec:
    """What to run: the same spec and choices give the same journey."""

    scenario: str
    preset: str
    overrides: dict[str, float] = field(default_factory=dict)
    seed: int = 1
    levels: str | None = None  # another levels folder; None: the game's own

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "preset": self.preset,
            "overrides": {k: _plain_number(v) for k, v in sorted(self.overrides.items())},
            "seed": self.seed,
            "levels": self.levels,
        }

    @classmethod
    def from_dict(cls, data: Any, source: str = "<journey>") -> "JourneySpec":
        where = f"{source}: spec"
        if not isinstance(data, dict):
            raise JourneyError(f"{where}: must be a table")
        scenario = _text(data.get("scenario"), f"{where}.scenario")
        if not scenario:
            raise JourneyError(f"{where}.scenario: is empty")
        preset = _text(data.get("preset", ""), f"{where}.preset")
        overrides = data.get("overrides", {})
        if not isinstance(overrides, dict):
            raise JourneyError(f"{where}.overrides: must be a table of numbers")
        checked = {}
        for key, value in overrides.items():
            checked[_text(key, f"{where}.overrides")] = _finite(value, f"{where}.overrides.{key}")
        seed = _whole(data.get("seed"), f"{where}.seed", 0, 2**63 - 1)
        levels = data.get("levels")
        if levels is not None:
            levels = _text(levels, f"{where}.levels", 4096)
        return cls(scenario, preset, checked, seed, levels)

    @property
    def root(self) -> Path | None:
        return Path(self.levels) if self.levels else None


def spec_for(scenario, preset: str, values: Mapping[str, float], seed: int) -> JourneySpec:
    """The spec of a journey played with ``values``: every value that differs
    from the preset's goes into the overrides (a month or a crew chosen in
    the sea's set-up, an overland profile), so the spec alone repeats it."""
    from .paths import installed_levels_dir

    base = scenario.values(preset or None)
    overrides = {k: float(v) for k, v in values.items() if k in base and float(v) != float(base[k])}
    root = scenario.folder.parent
    try:
        installed = installed_levels_dir()
    except FileNotFoundError:
        installed = None
    levels = None if installed is not None and _same(root, installed) else str(root.resolve())
    return JourneySpec(scenario.id, preset or scenario.default_preset, overrides, int(seed), levels)


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


# ---------------------------------------------------------------- moments


@dataclass(frozen=True)
class Moment:
    """One of the moments of highest risk on the player's journey."""

    step: int
    hours: float
    x: float
    y: float
    risk: float
    reason: int

    @property
    def index(self) -> int:  # into the track: one snapshot per step
        return self.step


def risk_moments(track: list[Snapshot], step_hours: float, count: int = MOMENTS) -> list[Moment]:
    """The ``count`` highest local peaks of risk, apart in time, in time order.

    Peaks closer than an eighth of the journey (at least two steps) to a
    higher one are left out, so three moments are three different moments;
    so are peaks below a fifth of the highest, which were not high at all.
    """
    if not track:
        return []
    risks = np.array([s.risk for s in track], dtype=float)
    if not np.isfinite(risks).all() or risks.max() <= 0:
        return []
    prev = np.r_[-np.inf, risks[:-1]]
    nxt = np.r_[risks[1:], -np.inf]
    floor = MOMENT_FLOOR * risks.max()
    peaks = np.flatnonzero((risks > 0) & (risks >= floor) & (risks >= prev) & (risks >= nxt))
    apart = max(2, len(track) // 8)
    chosen: list[int] = []
    for i in sorted(peaks.tolist(), key=lambda i: (-risks[i], i)):
        if all(abs(i - j) >= apart for j in chosen):
            chosen.append(i)
            if len(chosen) == count:
                break
    out = []
    for i in sorted(chosen):
        s = track[i]
        out.append(Moment(s.step, s.step * step_hours, s.x, s.y, float(s.risk), s.reason))
    return out


# ---------------------------------------------------------------- the record


@dataclass
class Journey:
    """What happened on one journey; ``track`` (traveller 0 at every step) is
    kept in memory when the journey was just played, and rebuilt by
    :func:`replay_track` when it was read from a file."""

    spec: JourneySpec
    choices: list[dict[str, Any]]
    events: list[dict[str, Any]] = field(default_factory=list)
    outcome: str | None = None
    steps: int = 0
    hours: float = 0.0
    duration_s: float = 0.0
    moments: list[Moment] = field(default_factory=list)
    autoplayed: bool = False
    track: list[Snapshot] | None = field(default=None, compare=False, repr=False)
    # steps spent before the journey proper began (a boat's days ashore); None: no such time
    ashore_steps: int | None = None

    @classmethod
    def from_simulation(cls, sim: Simulation, spec: JourneySpec, duration_s: float = 0.0,
                        autoplayed: bool = False) -> "Journey":
        """The record of the game's own run (traveller 0 of an n=1 Simulation)."""
        step_hours = float(sim.model.step_hours)
        events_of = getattr(sim, "events", None)
        events = [_json_ready(e) for e in events_of(0)] if callable(events_of) else []
        track = list(sim.journey)
        ashore = getattr(sim.model, "ashore_steps", None)
        ashore_steps = ashore(sim.state) if callable(ashore) else None
        return cls(
            spec=spec,
            choices=[_copy_entry(e) for e in sim.trace.entries],
            events=events,
            outcome=sim.outcome_of(0),
            steps=int(sim.step_index),
            hours=sim.step_index * step_hours,
            duration_s=float(duration_s),
            moments=risk_moments(track, step_hours),
            autoplayed=bool(autoplayed),
            track=track,
            ashore_steps=None if ashore_steps is None else min(int(ashore_steps), int(sim.step_index)),
        )

    # -- replaying ---------------------------------------------------------
    def trace(self) -> ChoiceTrace:
        return ChoiceTrace(self.spec.scenario, [_copy_entry(e) for e in self.choices])

    @property
    def until(self) -> int | None:
        """The step at which the player's journey ended (replays carry on
        from there with the automatic player); None if it never ended."""
        return self.steps if self.outcome is not None else None

    # -- JSON ----------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        out = {
            "format": FORMAT,
            "version": VERSION,
            "spec": self.spec.to_dict(),
            "choices": [_copy_entry(e) for e in self.choices],
            "events": [dict(e) for e in self.events],
            "outcome": self.outcome,
            "steps": self.steps,
            "hours": self.hours,
            "duration_s": round(self.duration_s, 3),
            "moments": [{"step": m.step, "hours": m.hours, "x": m.x, "y": m.y, "risk": m.risk, "reason": m.reason}
                        for m in self.moments],
            "autoplayed": self.autoplayed,
        }
        if self.ashore_steps is not None:  # (only the journeys that have such a time)
            out["ashore_steps"] = self.ashore_steps
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=1, sort_keys=True, ensure_ascii=False, allow_nan=False)

    @classmethod
    def from_dict(cls, data: Any, source: str = "<journey>") -> "Journey":
        if not isinstance(data, dict):
            raise JourneyError(f"{source}: not a journey record (the file holds no table)")
        if data.get("format") != FORMAT:
            if "entries" in data:
                raise JourneyError(f"{source}: an older choices file, not a journey record (it has no spec)")
            raise JourneyError(f"{source}: not a journey record (no \"format\": \"{FORMAT}\")")
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise JourneyError(f"{source}: version: must be a whole number, not {version!r}")
        if version > VERSION:
            raise JourneyError(f"{source}: written by a newer version of the game (record version {version}, "
                               f"this game reads up to {VERSION})")
        spec = JourneySpec.from_dict(data.get("spec"), source)
        outcome = data.get("outcome")
        if outcome is not None:
            outcome = _text(outcome, f"{source}: outcome")
        return cls(
            spec=spec,
            choices=read_entries(data.get("choices"), source, "choices"),
            events=_events(data.get("events", []), source),
            outcome=outcome,
            steps=_whole(data.get("steps", 0), f"{source}: steps", 0, MAX_STEP),
            hours=_finite(data.get("hours", 0.0), f"{source}: hours", 0.0),
            duration_s=_finite(data.get("duration_s", 0.0), f"{source}: duration_s", 0.0),
            moments=_moments(data.get("moments", []), source),
            autoplayed=_flag(data.get("autoplayed", False), f"{source}: autoplayed"),
            ashore_steps=(None if data.get("ashore_steps") is None
                          else _whole(data["ashore_steps"], f"{source}: ashore_steps", 0, MAX_STEP)),
        )

    @classmethod
    def from_json(cls, text: str, source: str = "<journey>") -> "Journey":
        return cls.from_dict(parse_json(text, source), source)

    @classmethod
    def load(cls, path: str | Path) -> "Journey":
        return cls.from_json(read_text(path), str(path))

    def save(self, path: str | Path) -> Path:
        """Write the record atomically (a reader never sees half a file)."""
        from .settings import write_atomic

        path = Path(path)
        write_atomic(path, self.to_json() + "\n")
        return path


# ---------------------------------------------------------------- reading


def read_text(path: str | Path, limit: int = MAX_FILE_BYTES) -> str:
    """A small regular UTF-8 file's text; anything else is refused with the reason."""
    from .safeio import UnreadableFile, read_text as safe_read

    try:
        return safe_read(path, limit)
    except FileNotFoundError:
        raise JourneyError(f"{path}: file not found") from None
    except UnreadableFile as exc:
        raise JourneyError(f"{path}: {exc}") from None


def _refuse_constant(name: str) -> Any:
    raise JourneyError(f"'{name}' is not a number a journey can hold")


def parse_json(text: str, source: str) -> Any:
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except JourneyError as exc:
        raise JourneyError(f"{source}: {exc}") from None
    except RecursionError:
        raise JourneyError(f"{source}: not a journey record (nested too deeply)") from None
    except ValueError as exc:  # JSONDecodeError, and integers with too many digits
        raise JourneyError(f"{source}: not valid JSON: {exc}") from None


def read_entries(entries: Any, source: str, name: str = "entries") -> list[dict[str, Any]]:
    """Recorded choices, checked entry by entry, in step order."""
    if not isinstance(entries, list):
        raise JourneyError(f"{source}: '{name}' must be a list")
    if len(entries) > MAX_ENTRIES:
        raise JourneyError(f"{source}: '{name}' holds {len(entries):,} entries; at most {MAX_ENTRIES:,}")
    out = []
    for i, entry in enumerate(entries):
        where = f"{source}: {name}[{i}]"
        if not isinstance(entry, dict):
            raise JourneyError(f"{where}: must be a table with 'step' and 'action'")
        step = _whole(entry.get("step"), f"{where}.step", 0, MAX_STEP)
        action = entry.get("action")
        if not isinstance(action, dict):
            raise JourneyError(f"{where}.action: must be a table")
        checked: dict[str, Any] = {}
        for key, value in action.items():
            checked[key] = _scalar(value, f"{where}.action.{key}")
        clean: dict[str, Any] = {"step": step, "action": checked}
        if entry.get("where") is not None:
            w = entry["where"]
            if not isinstance(w, list) or len(w) != 2:
                raise JourneyError(f"{where}.where: must be [x, y]")
            clean["where"] = [_finite(w[0], f"{where}.where"), _finite(w[1], f"{where}.where")]
        out.append(clean)
    return sorted(out, key=lambda e: e["step"])


def read_choices(path: str | Path) -> tuple[ChoiceTrace, int | None, Journey | None]:
    """The choices in a journey record or an older choices file.

    Returns the trace, the step at which the player's journey ended (None
    for an older file, which does not say) and the record (None for an older
    file). Raises :class:`JourneyError` naming the file, the entry and why;
    whether the choices fit the scenario's model is ``check_trace``'s part.
    """
    return choices_from_text(read_text(path), str(path))


def choices_from_text(text: str, source: str) -> tuple[ChoiceTrace, int | None, Journey | None]:
    data = parse_json(text, source)
    if isinstance(data, dict) and data.get("format") == FORMAT:
        journey = Journey.from_dict(data, source)
        return journey.trace(), journey.until, journey
    if isinstance(data, dict) and data.get("format") == "crossings-class-journeys":
        # A teacher's export (journeys.json) holds the whole class: say so, not "not a record".
        n = len(data.get("journeys") or [])
        raise JourneyError(f"{source}: the journeys of a whole class ({n}), not one journey; use a journey a student saved "
                           "(the debrief's Save chart), or the class's report.html for the class")
    if not isinstance(data, dict) or "entries" not in data:
        raise JourneyError(f"{source}: not a journey record or a choices file")
    scenario = data.get("scenario", "")
    scenario = _text(scenario, f"{source}: scenario") if scenario else ""
    return ChoiceTrace(scenario, read_entries(data["entries"], source)), None, None


def _events(events: Any, source: str) -> list[dict[str, Any]]:
    if not isinstance(events, list):
        raise JourneyError(f"{source}: 'events' must be a list")
    if len(events) > MAX_ENTRIES:
        raise JourneyError(f"{source}: 'events' holds {len(events):,} entries; at most {MAX_ENTRIES:,}")
    out = []
    for i, event in enumerate(events):
        where = f"{source}: events[{i}]"
        if not isinstance(event, dict):
            raise JourneyError(f"{where}: must be a table with 'step' and 'code'")
        clean = {k: _scalar(v, f"{where}.{k}") for k, v in event.items()}
        clean["step"] = _whole(event.get("step"), f"{where}.step", 0, MAX_STEP)
        clean["code"] = _text(event.get("code"), f"{where}.code")
        out.append(clean)
    return out


def _moments(moments: Any, source: str) -> list[Moment]:
    if not isinstance(moments, list) or len(moments) > 100:
        raise JourneyError(f"{source}: 'moments' must be a short list")
    out = []
    for i, m in enumerate(moments):
        where = f"{source}: moments[{i}]"
        if not isinstance(m, dict):
            raise JourneyError(f"{where}: must be a table")
        out.append(Moment(
            step=_whole(m.get("step"), f"{where}.step", 0, MAX_STEP),
            hours=_finite(m.get("hours"), f"{where}.hours", 0.0),
            x=_finite(m.get("x"), f"{where}.x"),
            y=_finite(m.get("y"), f"{where}.y"),
            risk=_finite(m.get("risk"), f"{where}.risk", 0.0),
            reason=_whole(m.get("reason", -1), f"{where}.reason", -1, 10_000),
        ))
    return out


def _text(value: Any, where: str, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str):
        raise JourneyError(f"{where}: must be text, not {_shown(value)}")
    if len(value) > limit:
        raise JourneyError(f"{where}: text longer than {limit} characters")
    return value


def _whole(value: Any, where: str, least: int, most: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise JourneyError(f"{where}: must be a whole number, not {_shown(value)}")
    if not least <= value <= most:
        raise JourneyError(f"{where}: {value} is outside {least}..{most:,}")
    return value


def _finite(value: Any, where: str, least: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise JourneyError(f"{where}: must be a number, not {_shown(value)}")
    try:
        number = float(value)
    except OverflowError:
        raise JourneyError(f"{where}: {_shown(value)} is too large") from None
    if not math.isfinite(number) or abs(number) > 1e15:
        raise JourneyError(f"{where}: {_shown(value)} is not a usable number")
    if least is not None and number < least:
        raise JourneyError(f"{where}: {_shown(value)} is below {least:g}")
    return number


def _flag(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise JourneyError(f"{where}: must be true or false, not {_shown(value)}")
    return value


def _scalar(value: Any, where: str) -> Any:
    """An action's value: yes/no, a finite number, a short text or null."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if abs(value) > 2**53:
            raise JourneyError(f"{where}: {_shown(value)} is too large")
        return value
    if isinstance(value, float):
        return _finite(value, where)
    if isinstance(value, str):
        return _text(value, where)
    raise JourneyError(f"{where}: must be yes/no, a number or a short text, not {_shown(value)}")


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, (list, dict)) else type(value).__name__
    return text if len(text) <= 40 else text[:37] + "..."


def _json_ready(event: Mapping[str, Any]) -> dict[str, Any]:
    """An event's details as plain JSON values (a number that is not finite: null)."""
    out: dict[str, Any] = {}
    for key, value in event.items():
        if isinstance(value, np.generic):
            value = value.item()
        if isinstance(value, float) and not math.isfinite(value):
            value = None
        elif not (value is None or isinstance(value, (bool, int, float, str))):
            value = str(value)
        out[str(key)] = value
    return out


def _plain_number(value: float) -> float | int:
    v = float(value)
    return int(v) if v.is_integer() and abs(v) < 2**53 else v


def _copy_entry(entry: Mapping[str, Any]) -> dict[str, Any]:
    out = {"step": int(entry["step"]), "action": dict(entry["action"])}
    where = entry.get("where")
    if where is not None and all(math.isfinite(float(v)) for v in where):  # only for the map: dropped if unknown
        out["where"] = [float(v) for v in where]
    return out


# ---------------------------------------------------------------- replaying


@dataclass
class Setup:
    """A spec made concrete: the scenario, its values and its map data."""

    scenario: Any
    values: dict[str, float]
    world: Any

    def model(self, values: Mapping[str, float] | None = None):
        from .levels import model_for

        return model_for(self.scenario, dict(self.values if values is None else values), self.world)


def setup_for(spec: JourneySpec, scenario: Any = None, world: Any = None) -> Setup:
    """Load what a spec names (raises LevelError, MapError)."""
    from .levels import load_by_id

    if scenario is None:
        scenario = load_by_id(spec.scenario, spec.root)
    values = scenario.values(spec.preset or None, dict(spec.overrides))
    if world is None:
        world = world_for(scenario)
    return Setup(scenario, values, world)


def world_for(scenario: Any) -> Any:
    """The scenario's map data, read once per process (and again if the file changes)."""
    if scenario.map_file is None:
        return None
    from .world.cache import map_for

    return map_for(scenario.map_file)


def replay(
    journey_or_spec: Journey | JourneySpec,
    n: int,
    seed: int | None = None,
    *,
    values: Mapping[str, float] | None = None,
    setup: Setup | None = None,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
):
    """n travellers with the record's choices (a spec alone: the automatic
    player), with the spec's values unless ``values`` are given. Past the
    step where the player's journey ended, the automatic player goes on.
    This is the debrief's chart and ``simulate --choices``: a MonteCarloResult.
    """
    from .sim.montecarlo import run_many

    journey = journey_or_spec if isinstance(journey_or_spec, Journey) else None
    spec = journey.spec if journey is not None else journey_or_spec
    setup = setup or setup_for(spec)
    model = setup.model(values)
    trace = journey.trace() if journey is not None else None
    until = journey.until if journey is not None else None
    return run_many(model, n, spec.seed if seed is None else seed, trace=trace, until=until,
                    progress=progress, cancelled=cancelled)


def replay_track(journey: Journey, setup: Setup | None = None) -> tuple[list[Snapshot], str | None]:
    """Traveller 0's journey again, step by step, from the record alone:
    (the track, the outcome). The same spec and choices give the same run."""
    from .sim.montecarlo import check_trace

    setup = setup or setup_for(journey.spec)
    model = setup.model()
    trace = journey.trace()
    check_trace(model, trace)
    sim = Simulation(model, 1, journey.spec.seed)
    run_to_end(sim, replaying(model, trace, journey.until))
    return list(sim.journey), sim.outcome_of(0)


# ---------------------------------------------------------------- what if


def what_if(scenario: Any, values: Mapping[str, float], journey: "Journey | None" = None) -> dict[str, Any] | None:
    """The scenario's counterfactual that changes something of this journey.

    ``[counterfactual]`` in scenario.toml gives a label and the values it
    sets, and may list ``alternatives`` for a journey that already had those
    values (a boat that left in summer gets "had you left in winter", not a
    "had you left in summer" identical to what it did). Returns the label, the
    values set and the changes as {name: (before, after)}; None when no option
    changes anything. Raises LevelError for a value the scenario refuses.

    ``when = {parameter = value}`` keeps an option for journeys with those values. An option may
    instead of ``set`` change one of the player's own decisions:
    ``choice = {field = value}`` replaces that action field in every recorded
    choice of ``journey`` (only when the player chose otherwise). It then
    returns, besides the label, ``choice`` (the fields set), ``choice_changes``
    ({field: (what the player chose, the value set)}) and ``journey`` (the
    record with that decision changed, to replay); ``set`` and ``changes`` are
    empty.
    """
    cf = scenario.counterfactual or {}
    options = [cf, *(cf.get("alternatives") or [])] if isinstance(cf, dict) else []
    for option in options:
        if not isinstance(option, dict) or not option.get("label"):
            continue
        when = option.get("when")  # an option only for journeys with these values (a crossing, not a fishing trip)
        if isinstance(when, dict) and any(float(values.get(k, math.nan)) != float(v) for k, v in when.items()):
            continue
        if isinstance(option.get("choice"), dict):
            edited = _with_choice(journey, option["choice"]) if journey is not None else None
            if edited is not None:
                return {"label": str(option["label"]), "set": {}, "changes": {}, **edited}
            continue
        if not isinstance(option.get("set"), dict):
            continue
        new = {}
        for key, value in option["set"].items():
            if key not in scenario.parameters:
                from .levels import LevelError

                raise LevelError(f"{scenario.file}: counterfactual: no parameter named '{key}'")
            new[key] = scenario.check_value(key, value)
        changes = {k: (float(values[k]), v) for k, v in new.items() if float(values[k]) != v}
        if changes:
            return {"label": str(option["label"]), "set": new, "changes": changes}
    return None


def _with_choice(journey: "Journey", choice: Mapping[str, Any]) -> dict[str, Any] | None:
    """The record with the action fields of ``choice`` replaced in every recorded
    choice, when the player chose otherwise somewhere; else None."""
    import dataclasses

    if not journey.choices:
        return None
    last = journey.choices[-1]["action"]  # a decision, once made, holds to the end: the last choice has it
    if any(k not in last for k in choice):
        return None  # a record saved before that decision was asked: the player never made it
    differs = {k: (last.get(k), v) for k, v in choice.items() if last.get(k) != v}
    if not differs:
        return None
    choices = [{**entry, "action": {**entry["action"], **choice}} for entry in journey.choices]
    return {"choice": dict(choice), "choice_changes": differs, "journey": dataclasses.replace(journey, choices=choices)}


# ---------------------------------------------------------------- the command


def _arg(value: float) -> str:
    v = float(value)
    return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)


def repeat_command(spec: JourneySpec, runs: int, values: Mapping[str, float] | None = None,
                   scenario: Any = None, choices: str | None = None) -> str:
    """The ``crossings simulate`` command that gives these runs again: every
    value that differs from the preset's is a ``--set``."""
    overrides = dict(spec.overrides)
    if values is not None and scenario is not None:
        base = scenario.values(spec.preset or None)
        overrides = {k: v for k, v in values.items() if k in base and float(v) != float(base[k])}
    parts = ["crossings", "simulate", spec.scenario]
    if spec.levels:
        parts += ["--levels", _quoted(spec.levels)]
    parts += ["--preset", spec.preset, "--seed", str(spec.seed), "--runs", str(runs)]
    for key in sorted(overrides):
        parts += ["--set", f"{key}={_arg(overrides[key])}"]
    if choices:
        parts += ["--choices", _quoted(choices)]
    return " ".join(parts)


def _quoted(text: str) -> str:
    import shlex

    return shlex.quote(text)


__all__ = [
    "FORMAT",
    "VERSION",
    "Journey",
    "JourneyError",
    "JourneySpec",
    "Moment",
    "Setup",
    "choices_from_text",
    "read_choices",
    "read_text",
    "repeat_command",
    "replay",
    "replay_track",
    "risk_moments",
    "setup_for",
    "spec_for",
    "what_if",
    "world_for",
]
