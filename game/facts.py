"""The fact registry: every cited figure the game shows or a model uses.

Facts live in ``levels/facts.toml`` (general facts) and ``levels/<id>/facts.toml``
(a scenario's own). Loading checks each file's shape and fails with a message
naming the file, the fact and the field, so whoever edits the data sees what
went wrong. ``check`` then looks across files and scenarios: duplicate ids,
missing sources, references to unknown facts, facts nobody uses.
No pygame here: the command line and the debrief both use it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .i18n import N_, _, format_number, with_unit
from .paths import levels_dir
from .safeio import UnreadableFile, read_toml

# Status -> a label for people (msgid; translate with _() when shown).
STATUSES: dict[str, str] = {
    "documented": N_("documented"),
    "conflicting": N_("sources disagree"),
    "estimate": N_("estimate"),
    "assumption": N_("assumption"),
}
FILE_NAME = "facts.toml"
# "section.name": the section groups facts in listings and by_prefix().
_ID = re.compile(r"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$")
_FACT_KEYS = {"id", "statement", "value", "values", "unit", "year", "status", "note", "sources"}
_SOURCE_KEYS = {"outlet", "title", "url", "says"}


class FactsError(ValueError):
    """A facts file that cannot be used; the message names file, fact and field."""


@dataclass(frozen=True)
class Source:
    outlet: str
    title: str
    url: str = ""
    says: str = ""  # what this source says, when sources disagree


@dataclass(frozen=True)
class Fact:
    id: str
    statement: str
    value: float | None
    values: tuple[float, ...] | None  # (low, high) for a range
    unit: str
    year: int | None
    status: str
    note: str
    sources: tuple[Source, ...]
    file: Path

    @property
    def section(self) -> str:
        return self.id.split(".", 1)[0]


# ---------------------------------------------------------------- loading


def _is_number(value: Any) -> bool:
    # TOML booleans are ints to Python; a fact's figure is never a boolean.
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _kind(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "text",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


class _Fields:
    """Reads one table's fields, raising FactsError that says where."""

    def __init__(self, data: dict, where: str, prefix: str = ""):
        self.data, self.where, self.prefix = data, where, prefix

    def fail(self, key: str, problem: str) -> FactsError:
        return FactsError(f"{self.where}: field '{self.prefix}{key}' {problem}")

    def text(self, key: str, required: bool = False) -> str:
        if key not in self.data:
            if required:
                raise self.fail(key, "is missing")
            return ""
        value = self.data[key]
        if not isinstance(value, str):
            raise self.fail(key, f"must be text, not {_kind(value)}")
        if required and not value.strip():
            raise self.fail(key, "is empty")
        return value

    def number(self, key: str) -> float | None:
        if key not in self.data:
            return None
        value = self.data[key]
        if not _is_number(value):
            raise self.fail(key, f"must be a number, not {_kind(value)}")
        if not math.isfinite(value):
            raise self.fail(key, f"is {value}; it must be a finite number")
        return float(value)


def _source(data: Any, where: str, prefix: str) -> Source:
    if not isinstance(data, dict):
        raise FactsError(f"{where}: field '{prefix}' must be a table ([[fact.sources]]), not {_kind(data)}")
    f = _Fields(data, where, prefix + ".")
    unknown = sorted(set(data) - _SOURCE_KEYS)
    if unknown:
        raise f.fail(unknown[0], f"is not a known field (known: {', '.join(sorted(_SOURCE_KEYS))})")
    return Source(outlet=f.text("outlet", True), title=f.text("title", True), url=f.text("url"), says=f.text("says"))


def _fact(data: Any, index: int, file: Path) -> Fact:
    # People count facts in a file from 1; the id, once known, is the better handle.
    where = f"{file}: fact #{index}"
    if not isinstance(data, dict):
        raise FactsError(f"{where}: must be a table ([[fact]]), not {_kind(data)}")
    f = _Fields(data, where)
    fid = f.text("id", required=True)
    if not _ID.match(fid):
        raise f.fail("id", f"'{fid}' must look like 'section.name' (letters, digits, _ or -)")
    f.where = where = f"{where} ('{fid}')"

    unknown = sorted(set(data) - _FACT_KEYS)
    if unknown:
        raise f.fail(unknown[0], f"is not a known field (known: {', '.join(sorted(_FACT_KEYS))})")

    status = f.text("status", required=True)
    if status not in STATUSES:
        raise f.fail("status", f"is '{status}'; it must be one of: {', '.join(STATUSES)}")

    value = f.number("value")
    values = None
    if "values" in data:
        raw = data["values"]
        if value is not None:
            raise f.fail("values", "cannot be given together with 'value'")
        if not isinstance(raw, list) or len(raw) != 2 or not all(_is_number(v) and math.isfinite(v) for v in raw):
            raise f.fail("values", "must be a range of two finite numbers: [low, high]")
        if raw[0] > raw[1]:
            raise f.fail("values", f"is [{raw[0]}, {raw[1]}]; the low end must come first")
        values = (float(raw[0]), float(raw[1]))

    year = data.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise f.fail("year", f"must be a whole number, not {_kind(year)}")

    raw_sources = data.get("sources", [])
    if not isinstance(raw_sources, list):
        raise f.fail("sources", f"must be a list of tables ([[fact.sources]]), not {_kind(raw_sources)}")
    sources = tuple(_source(s, where, f"sources[{i}]") for i, s in enumerate(raw_sources, start=1))

    return Fact(
        id=fid,
        statement=f.text("statement", required=True),
        value=value,
        values=values,
        unit=f.text("unit"),
        year=year,
        status=status,
        note=f.text("note"),
        sources=sources,
        file=file,
    )


def load_file(file: Path) -> list[Fact]:
    """The facts of one file, in the order written."""
    try:
        data = read_toml(file)
    except FileNotFoundError:
        raise FactsError(f"{file}: file not found") from None
    except UnreadableFile as exc:
        raise FactsError(f"{file}: {exc}") from None
    unknown = sorted(set(data) - {"fact"})
    if unknown:
        # Catches typos like [[facts]], which would otherwise load as nothing.
        raise FactsError(f"{file}: '{unknown[0]}' is not known here; each fact is a [[fact]] table")
    entries = data.get("fact", [])
    if not isinstance(entries, list):
        raise FactsError(f"{file}: 'fact' must be a list of tables ([[fact]]), not {_kind(entries)}")
    return [_fact(entry, i, file) for i, entry in enumerate(entries, start=1)]


def fact_files(root: Path | None = None) -> list[Path]:
    """levels/facts.toml first, then each scenario folder's, by folder name."""
    root = Path(root) if root is not None else levels_dir()
    files = [root / FILE_NAME] if (root / FILE_NAME).is_file() else []
    return files + sorted(p for p in root.glob(f"*/{FILE_NAME}") if p.is_file())


# ---------------------------------------------------------------- the registry


def _number(x: float) -> str:
    # Whole numbers without ".0"; thousands separated so large counts read easily.
    return format_number(x, significant=10)


class Registry:
    """All facts by id. Keeps duplicates aside so check() can report them."""

    def __init__(self, facts: list[Fact] | None = None, files: list[Path] | None = None):
        self.all: list[Fact] = list(facts or [])  # every definition, duplicates included
        self.files: list[Path] = list(files or [])
        self._by_id: dict[str, Fact] = {}
        for fact in self.all:
            self._by_id.setdefault(fact.id, fact)  # the first definition wins

    def get(self, fid: str) -> Fact:
        try:
            return self._by_id[fid]
        except KeyError:
            raise KeyError(f"no fact with id '{fid}'") from None

    def __contains__(self, fid: object) -> bool:
        return fid in self._by_id

    def __iter__(self) -> Iterator[Fact]:
        # File order (general facts first), then as written in each file.
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def by_prefix(self, prefix: str) -> list[Fact]:
        """Facts of a section ("sea" or "sea.") or whose id starts with a longer prefix."""
        if "." not in prefix.rstrip("."):
            section = prefix.rstrip(".")
            return [f for f in self if f.section == section]
        return [f for f in self if f.id.startswith(prefix)]

    def sections(self) -> dict[str, list[Fact]]:
        groups: dict[str, list[Fact]] = {}
        for fact in self:
            groups.setdefault(fact.section, []).append(fact)
        return groups

    @staticmethod
    def display_value(fact: Fact) -> str:
        """The figure as people read it: "104 boats", "100,000-300,000 people", or ""."""
        if fact.values is not None:
            number = f"{_number(fact.values[0])}-{_number(fact.values[-1])}"
        elif fact.value is not None:
            number = _number(fact.value)
        else:
            return ""
        if not fact.unit:
            return number
        return with_unit(number, _(fact.unit))


def load_registry(root: Path | None = None) -> Registry:
    """Read levels/facts.toml and every levels/*/facts.toml; FactsError if one is broken."""
    root = Path(root) if root is not None else levels_dir()
    if not root.is_dir():
        raise FactsError(f"{root}: the levels folder does not exist")
    files = fact_files(root)
    facts: list[Fact] = []
    for file in files:
        facts.extend(load_file(file))
    return Registry(facts, files)


# ---------------------------------------------------------------- checking


def check(registry: Registry, scenarios: list, *, report_unused: bool = True) -> list[str]:
    """Problems across the registry and the scenarios, one readable line each."""
    problems: list[str] = []

    first: dict[str, Fact] = {}
    for fact in registry.all:
        if fact.id in first:
            other = first[fact.id]
            where = f"{other.file} and {fact.file}" if other.file != fact.file else f"{fact.file} (twice)"
            problems.append(f"fact '{fact.id}' is defined more than once: in {where}")
        else:
            first[fact.id] = fact

    for fact in registry:
        if not fact.sources and fact.status != "assumption":
            problems.append(f"{fact.file}: fact '{fact.id}' has no source (only an assumption may have none)")
        if fact.status == "conflicting":
            if len(fact.sources) < 2:
                problems.append(f"{fact.file}: fact '{fact.id}' is 'conflicting' but cites "
                                f"{len(fact.sources)} source(s); it needs at least 2")
            for i, source in enumerate(fact.sources, start=1):
                if not source.says:
                    problems.append(f"{fact.file}: fact '{fact.id}' is 'conflicting': "
                                    f"sources[{i}] ({source.outlet}) needs 'says' to show what it says")

    used: set[str] = set()
    for scenario in scenarios:
        refs = scenario.fact_refs()
        used |= refs
        for ref in sorted(refs):
            if ref not in registry:
                problems.append(f"{scenario.file}: names fact '{ref}', which is not in the registry")

    if report_unused:
        for fact in registry:
            if fact.id not in used:
                problems.append(f"{fact.file}: fact '{fact.id}' is used by no scenario")
    return problems


def load_and_check(root: Path | None = None) -> tuple[Registry, list, list[str]]:
    """Load facts and scenarios and check them; broken files become problems, not exceptions.

    Returns (registry, scenarios that loaded, problems).
    """
    from .levels import LevelError, load_scenario, scenario_folders

    problems: list[str] = []
    try:
        root = Path(root) if root is not None else levels_dir()
    except FileNotFoundError as exc:
        return Registry(), [], [str(exc)]
    try:
        registry = load_registry(root)
    except FactsError as exc:
        registry = None
        problems.append(str(exc))

    scenarios = []
    for folder in scenario_folders(root) if root.is_dir() else []:
        try:
            scenarios.append(load_scenario(folder))
        except LevelError as exc:
            problems.append(str(exc))
    if registry is None:
        return Registry(), scenarios, problems
    # A scenario that failed to load would make its facts look unused: skip that check then.
    problems += check(registry, scenarios, report_unused=not problems)
    return registry, scenarios, problems
