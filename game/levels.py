"""Scenarios: each is a folder in levels/ with a scenario.toml (and a map).

The loader checks the file and fails with a message naming the file, the
field and the problem, so a teacher editing a preset sees what went wrong.
No pygame here: the command line and the simulator use it too.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .paths import levels_dir
from .safeio import UnreadableFile, read_toml

ASSUMPTION = "assumption"
# A model or screen name is a module name (game.sim.<model>, game.scenes.<screen>_play):
# nothing else, so a file can never point the import anywhere else.
_CODE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class LevelError(ValueError):
    """A scenario file that cannot be used; the message names file and field."""


@dataclass(frozen=True)
class Parameter:
    name: str
    value: float
    source: str  # a fact id, or "assumption"
    label: str
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    step: float | None = None
    note: str = ""
    integer: bool = False

    @property
    def is_assumption(self) -> bool:
        return self.source == ASSUMPTION


@dataclass(frozen=True)
class Preset:
    name: str
    label: str
    description: str
    values: dict[str, float]


@dataclass(frozen=True)
class Profile:
    """Who the player is (overland): a person the record describes, not a real one."""

    name: str
    label: str
    text: str
    values: dict[str, float]


@dataclass(frozen=True)
class RouteLeg:
    start: str  # place ids on the map
    end: str
    modes: tuple[str, ...]  # the first is used where the chosen one is not possible
    kind: str  # the kind of road; its check chance is the parameter check_<kind>
    route: str = "both"  # "both", "thailand" or "mongolia"
    crossing: str = ""  # a border crossed on the leg
    km_param: str = ""  # a parameter giving the length, instead of the great circle


@dataclass(frozen=True)
class Route:
    """The overland ``[route]`` table: places by their map object names."""

    start: str
    start_in_china: str
    border_region: tuple[str, ...]
    goals: dict[str, str]  # place id -> outcome id
    legs: tuple[RouteLeg, ...]


@dataclass
class Scenario:
    id: str
    folder: Path
    title: str
    summary: str
    order: int
    model: str
    content_note: str
    briefing: list[str]
    screen: str = ""  # the play screen: game/scenes/<screen>_play.py
    minutes: str = ""
    place: str = ""
    date: str = ""
    depicts_gunfire: bool = False
    map_file: Path | None = None
    parameters: dict[str, Parameter] = field(default_factory=dict)
    presets: dict[str, Preset] = field(default_factory=dict)
    default_preset: str = ""
    outcomes: dict[str, dict[str, str]] = field(default_factory=dict)
    counterfactual: dict[str, Any] = field(default_factory=dict)
    record: dict[str, Any] = field(default_factory=dict)
    questions: list[str] = field(default_factory=list)
    screen: str = ""  # the play screen (game.levels.SCREENS); the model's name by default
    route: Route | None = None  # overland: the places and legs of the way
    profiles: dict[str, Profile] = field(default_factory=dict)  # who the player is
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def file(self) -> Path:
        return self.folder / "scenario.toml"

    def fact_refs(self) -> set[str]:
        """Every fact id this scenario names: parameter sources and the record."""
        refs = {p.source for p in self.parameters.values() if not p.is_assumption}
        refs.update(self.record.get("facts", []))
        for case in self.record.get("cases", []):
            refs.update(case.get("facts", []))
        return refs

    def values(self, preset: str | None = None, overrides: dict[str, float] | None = None) -> dict[str, float]:
        """Parameter values: defaults, then the preset, then explicit overrides."""
        values = {name: p.value for name, p in self.parameters.items()}
        name = preset or self.default_preset
        if name:
            if name not in self.presets:
                raise LevelError(f"{self.file}: no preset named '{name}' (has: {', '.join(self.presets)})")
            values.update(self.presets[name].values)
        for key, value in (overrides or {}).items():
            if key not in self.parameters:
                raise LevelError(f"{self.file}: no parameter named '{key}'")
            values[key] = self.check_value(key, value)
        return values

    def check_value(self, key: str, value: Any) -> float:
        p = self.parameters[key]
        try:
            number = float(value)
        except (TypeError, ValueError, OverflowError):
            raise LevelError(f"parameter '{key}': '{value}' is not a number") from None
        if not math.isfinite(number):  # nan, inf: no model can use them
            raise LevelError(f"parameter '{key}': '{value}' is not a finite number")
        if p.minimum is not None and number < p.minimum or p.maximum is not None and number > p.maximum:
            raise LevelError(f"parameter '{key}': {value} is outside {p.minimum}..{p.maximum}")
        if p.integer and number != int(number):
            raise LevelError(f"parameter '{key}': {value} must be a whole number")
        return number


def _need(data: dict, key: str, kind: type | tuple, where: str, file: Path, default: Any = ...) -> Any:
    if key not in data:
        if default is not ...:
            return default
        raise LevelError(f"{file}: field '{where}{key}' is missing")
    value = data[key]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        try:
            value = float(value)
        except OverflowError:
            raise LevelError(f"{file}: field '{where}{key}' is too large a number") from None
    if not isinstance(value, kind):
        name = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        raise LevelError(f"{file}: field '{where}{key}' must be {name}, not {type(value).__name__}")
    if kind is float and not math.isfinite(value):
        raise LevelError(f"{file}: field '{where}{key}' is {value}; it must be a finite number")
    return value


def _code_name(data: dict, key: str, file: Path, default: Any = ...) -> str:
    name = _need(data, key, str, "", file, default)
    if not _CODE_NAME.match(name):
        raise LevelError(f"{file}: field '{key}' is '{name}'; it must be a name like 'fog' "
                         "(lower-case letters, digits and _)")
    return name


def _parameter(name: str, data: Any, file: Path) -> Parameter:
    where = f"parameters.{name}."
    if not isinstance(data, dict):
        raise LevelError(f"{file}: field 'parameters.{name}' must be a table")
    value = _need(data, "value", float, where, file)
    source = _need(data, "source", str, where, file)
    if not source:
        raise LevelError(f"{file}: field '{where}source' is empty: give a fact id or 'assumption'")
    p = Parameter(
        name=name,
        value=value,
        source=source,
        label=_need(data, "label", str, where, file),
        unit=_need(data, "unit", str, where, file, ""),
        minimum=_need(data, "min", float, where, file, None),
        maximum=_need(data, "max", float, where, file, None),
        step=_need(data, "step", float, where, file, None),
        note=_need(data, "note", str, where, file, ""),
        integer=_need(data, "integer", bool, where, file, False),
    )
    if p.minimum is not None and p.maximum is not None and p.minimum > p.maximum:
        raise LevelError(f"{file}: field '{where}min' is larger than '{where}max'")
    if (p.minimum is not None and value < p.minimum) or (p.maximum is not None and value > p.maximum):
        raise LevelError(f"{file}: field '{where}value' ({value}) is outside min..max")
    return p


def load_scenario(folder: str | Path) -> Scenario:
    folder = Path(folder)
    file = folder / "scenario.toml"
    try:
        data = read_toml(file)
    except FileNotFoundError:
        raise LevelError(f"{file}: file not found") from None
    except UnreadableFile as exc:
        raise LevelError(f"{file}: {exc}") from None
    return scenario_from_data(data, folder)


def scenario_from_data(data: dict[str, Any], folder: Path) -> Scenario:
    """A Scenario from a scenario.toml's parsed contents; LevelError naming the field if unusable."""
    folder = Path(folder)
    file = folder / "scenario.toml"
    sid = _need(data, "id", str, "", file)
    if sid != folder.name:
        raise LevelError(f"{file}: field 'id' is '{sid}' but the folder is '{folder.name}'")
    params_raw = _need(data, "parameters", dict, "", file, {})
    parameters = {name: _parameter(name, value, file) for name, value in params_raw.items()}

    scenario = Scenario(
        id=sid,
        folder=folder,
        title=_need(data, "title", str, "", file),
        summary=_need(data, "summary", str, "", file),
        order=_need(data, "order", int, "", file, 99),
        model=_code_name(data, "model", file),
        content_note=_need(data, "content_note", str, "", file),
        briefing=_need(data, "briefing", list, "", file),
        minutes=_need(data, "minutes", str, "", file, ""),
        place=_need(data, "place", str, "", file, ""),
        date=_need(data, "date", str, "", file, ""),
        depicts_gunfire=_need(data, "depicts_gunfire", bool, "", file, False),
        parameters=parameters,
        outcomes=_need(data, "outcomes", dict, "", file, {}),
        counterfactual=_need(data, "counterfactual", dict, "", file, {}),
        record=_need(data, "record", dict, "", file, {}),
        questions=_need(data, "questions", list, "", file, []),
        raw=data,
    )
    if "help" in data:  # the play screen's help overlay: checked now, not when H is pressed
        from .helptext import HelpError, read_help

        try:
            read_help(data, file)
        except HelpError as err:
            raise LevelError(str(err)) from None
    # The screen defaults to the model's: a copy of levels/fog under another id plays as fog.
    scenario.screen = _code_name(data, "screen", file, scenario.model)
    if "route" in data:
        scenario.route = _route(_need(data, "route", dict, "", file), file)
    for name, prof in _need(data, "profiles", dict, "", file, {}).items():
        scenario.profiles[name] = _profile(name, prof, scenario)
    map_name = _need(data, "map", str, "", file, "")
    if map_name:
        parts = Path(map_name).parts
        if "\0" in map_name or Path(map_name).is_absolute() or ".." in parts:
            raise LevelError(f"{file}: field 'map' is '{map_name}'; it must name a file in the scenario's folder")
        scenario.map_file = folder / map_name
        try:
            found = scenario.map_file.is_file()
        except (OSError, ValueError):  # a name too long for the file system, say
            found = False
        if not found:
            raise LevelError(f"{file}: field 'map' names '{map_name}', which does not exist")

    for name, preset in _need(data, "presets", dict, "", file, {}).items():
        where = f"presets.{name}."
        if not isinstance(preset, dict):
            raise LevelError(f"{file}: field 'presets.{name}' must be a table")
        values = _need(preset, "set", dict, where, file, {})
        checked = {}
        for key, value in values.items():
            if key not in parameters:
                raise LevelError(f"{file}: field '{where}set.{key}' names no parameter")
            try:
                checked[key] = scenario.check_value(key, value)
            except LevelError as exc:
                raise LevelError(f"{file}: field '{where}set.{key}': {exc}") from None
        scenario.presets[name] = Preset(
            name=name,
            label=_need(preset, "label", str, where, file),
            description=_need(preset, "description", str, where, file, ""),
            values=checked,
        )
    scenario.default_preset = _need(data, "default_preset", str, "", file, next(iter(scenario.presets), ""))
    if scenario.default_preset and scenario.default_preset not in scenario.presets:
        raise LevelError(f"{file}: field 'default_preset' names no preset")
    for i, text in enumerate(scenario.briefing):
        if not isinstance(text, str):
            raise LevelError(f"{file}: field 'briefing[{i}]' must be text")
    for i, text in enumerate(scenario.questions):
        if not isinstance(text, str):
            raise LevelError(f"{file}: field 'questions[{i}]' must be text")
    return scenario


def _route(data: dict, file: Path) -> Route:
    legs = []
    for i, raw in enumerate(_need(data, "legs", list, "route.", file)):
        where = f"route.legs[{i}]."
        if not isinstance(raw, dict):
            raise LevelError(f"{file}: field 'route.legs[{i}]' must be a table")
        modes = _need(raw, "modes", list, where, file, ["bus"])
        if not modes or not all(isinstance(m, str) for m in modes):
            raise LevelError(f"{file}: field '{where}modes' must be a list of names")
        legs.append(RouteLeg(
            start=_need(raw, "from", str, where, file),
            end=_need(raw, "to", str, where, file),
            modes=tuple(modes),
            kind=_need(raw, "kind", str, where, file),
            route=_need(raw, "route", str, where, file, "both"),
            crossing=_need(raw, "crossing", str, where, file, ""),
            km_param=_need(raw, "km_param", str, where, file, ""),
        ))
    goals = _need(data, "goals", dict, "route.", file)
    if not all(isinstance(v, str) for v in goals.values()):
        raise LevelError(f"{file}: field 'route.goals' must map place ids to outcome ids")
    border = _need(data, "border_region", list, "route.", file, [])
    return Route(
        start=_need(data, "start", str, "route.", file),
        start_in_china=_need(data, "start_in_china", str, "route.", file),
        border_region=tuple(str(b) for b in border),
        goals=dict(goals),
        legs=tuple(legs),
    )


def _profile(name: str, data: Any, scenario: Scenario) -> Profile:
    file, where = scenario.file, f"profiles.{name}."
    if not isinstance(data, dict):
        raise LevelError(f"{file}: field 'profiles.{name}' must be a table")
    values = {}
    for key, value in _need(data, "set", dict, where, file, {}).items():
        if key not in scenario.parameters:
            raise LevelError(f"{file}: field '{where}set.{key}' names no parameter")
        try:
            values[key] = scenario.check_value(key, value)
        except LevelError as exc:
            raise LevelError(f"{file}: field '{where}set.{key}': {exc}") from None
    return Profile(name, _need(data, "label", str, where, file), _need(data, "text", str, where, file, ""), values)


def scenario_folders(root: Path | None = None) -> list[Path]:
    root = root or levels_dir()
    # exists(), not is_file(): a scenario.toml that is a folder or a pipe is
    # listed, so that the loader can say what is wrong with it.
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / "scenario.toml").exists())


def load_all(root: Path | None = None) -> list[Scenario]:
    scenarios = [load_scenario(folder) for folder in scenario_folders(root)]
    return sorted(scenarios, key=lambda s: (s.order, s.id))


def load_each(root: Path | None = None) -> tuple[list[Scenario], list[LevelError]]:
    """Every scenario that loads, and an error for each that does not.

    One broken file must not hide the journeys that are fine (the picker
    lists them and names the broken one)."""
    scenarios, errors = [], []
    for folder in scenario_folders(root):
        try:
            scenarios.append(load_scenario(folder))
        except LevelError as exc:
            errors.append(exc)
    return sorted(scenarios, key=lambda s: (s.order, s.id)), errors


def load_by_id(sid: str, root: Path | None = None) -> Scenario:
    root = root or levels_dir()
    if not sid or sid in (".", "..") or any(c in sid for c in "/\\\0"):
        # An id is a folder name inside the levels folder, never a path out of it.
        raise LevelError(f"'{sid}' is not a scenario id (ids are folder names such as fog)")
    folder = root / sid
    if not (folder / "scenario.toml").exists():
        known = ", ".join(s.name for s in scenario_folders(root)) or "none"
        raise LevelError(f"no scenario named '{sid}' (known: {known})")
    return load_scenario(folder)


# ---------------------------------------------------------------- the registry
# Which code runs a scenario: its scenario.toml names a model (and a play
# screen, by default the model's name) by these keys. An entry is
# "module:attribute", imported when first used, or the class itself.

MODELS: dict[str, Any] = {
    "fog": "game.sim.fog:Model",
    "jsa": "game.sim.jsa:Model",
    "sea": "game.sim.sea:Model",
    "overland": "game.sim.overland:Model",
}
SCREENS: dict[str, Any] = {
    "fog": "game.scenes.fog.scene:PlayScene",
    "jsa": "game.scenes.jsa.scene:PlayScene",
    "sea": "game.scenes.sea.scene:PlayScene",
    "overland": "game.scenes.overland.scene:PlayScene",
}


def _registered(table: dict[str, Any], name: str, field_name: str, scenario: Scenario) -> Any:
    entry = table.get(name)
    if entry is None:
        raise LevelError(
            f"{scenario.file}: field '{field_name}' names '{name}', which the game does not have (has: {', '.join(table)})")
    if isinstance(entry, str):
        import importlib

        module, _sep, attribute = entry.partition(":")
        entry = getattr(importlib.import_module(module), attribute)
    return entry


def model_class(scenario: Scenario):
    return _registered(MODELS, scenario.model, "model", scenario)


def screen_class(scenario: Scenario):
    return _registered(SCREENS, scenario.screen or scenario.model, "screen", scenario)


def model_for(scenario: Scenario, values: dict[str, float], world: Any = None):
    """The one way to build a scenario's risk model: from the loaded scenario,
    its values and its map data (no model reads a file by itself)."""
    cls = model_class(scenario)
    if world is not None and hasattr(world, "require"):
        world.require(getattr(cls, "map_properties", ()), getattr(cls, "map_objects", ()),
                      who=f"the '{scenario.model}' model")
    try:
        return cls.from_scenario(scenario, values, world)
    except ValueError as exc:  # LevelError, MapError, a route that does not fit the map...
        from .sim.model import ParameterError

        if isinstance(exc, (LevelError, ParameterError)) or str(getattr(world, "file", "")) in str(exc):
            raise  # already names the file, or the value the model cannot take
        raise LevelError(f"{_model_where(scenario, world)}: the '{scenario.model}' model cannot start: {exc}") from None
    except (KeyError, IndexError, TypeError, ZeroDivisionError, OverflowError) as exc:
        # A map or table the model's set-up cannot read: say where, not a traceback.
        reason = f"'{exc.args[0]}' is missing" if isinstance(exc, KeyError) and exc.args else f"{type(exc).__name__}: {exc}"
        raise LevelError(f"{_model_where(scenario, world)}: the '{scenario.model}' model cannot use it ({reason})") from None


def _model_where(scenario: Scenario, world: Any) -> str:
    file = getattr(world, "file", None)
    return f"{scenario.file} (map {file})" if file else str(scenario.file)
