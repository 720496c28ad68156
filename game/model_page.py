"""Which of a scenario's assumptions the debrief's model page shows, and in what groups.

A scenario's ``[model_page]`` table (levels/<id>/scenario.toml) lists groups of
parameters, the most influential first:

    [[model_page.groups]]
    label = "Rescue and the coastal watch"     # a msgid, translated when shown
    params = ["nk_rescue_per_day", "japan_*"]  # names or shell patterns
    when = { intent = 1 }                      # optional: only for journeys with these values

    [model_page]
    hidden = ["start_lon", "start_lat"]        # never shown: they do not bear on a replay

Assumptions no group names come last, under "Other assumptions". No pygame here.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any, Mapping

from .i18n import N_


class ModelPageError(ValueError):
    """A ``[model_page]`` table that cannot be used; the message names the file."""


@dataclass
class Group:
    label: str
    names: list[str]


OTHER = N_("Other assumptions")


def _matches(value: Any, want: Any) -> bool:
    if isinstance(want, list) and len(want) == 2:
        return float(want[0]) <= float(value) <= float(want[1])
    return float(value) == float(want)


def assumption_groups(scenario, values: Mapping[str, float],
                      influence: Mapping[str, float] | None = None) -> list[Group]:
    """The assumptions to show for a journey with ``values``, grouped, most influential first.

    ``influence`` (parameter -> how far it moves the outcome, e.g. the spread of each
    bar of the sensitivity runs for this journey), when known, orders the groups by
    their most influential member and the members within each group; otherwise the
    scenario's order stands. The automatic player's group stays last either way.
    """
    where = str(scenario.file) if hasattr(scenario, "file") else scenario.id
    table = scenario.raw.get("model_page", {}) or {}
    if not isinstance(table, dict):
        raise ModelPageError(f"{where}: field 'model_page' must be a table")
    names = [p.name for p in scenario.parameters.values() if p.is_assumption and p.name in values]
    hidden = set()
    for pattern in table.get("hidden", []) or []:
        hidden.update(n for n in names if fnmatchcase(n, str(pattern)))
    taken: set[str] = set(hidden)
    groups: list[Group] = []
    for i, g in enumerate(table.get("groups", []) or []):
        if not isinstance(g, dict) or not isinstance(g.get("label"), str) or not isinstance(g.get("params"), list):
            raise ModelPageError(f"{where}: field 'model_page.groups[{i}]' needs 'label' and 'params' (a list)")
        members = []
        for pattern in g["params"]:
            found = [n for n in names if fnmatchcase(n, str(pattern)) and n not in taken and n not in members]
            if not found and not any(fnmatchcase(n, str(pattern)) for n in names) and str(pattern) not in scenario.parameters:
                raise ModelPageError(f"{where}: field 'model_page.groups[{i}].params' names '{pattern}', which is no parameter")
            members += found
        when = g.get("when", {}) or {}
        if not all(k in values and _matches(values[k], v) for k, v in when.items()):
            taken.update(members)  # not for this journey: shown nowhere
            continue
        taken.update(members)
        if members:
            groups.append(Group(g["label"], members))
    rest = [n for n in names if n not in taken]
    if rest:
        groups.append(Group(OTHER, rest))
    if influence:
        def weight(name: str) -> float:
            return float(influence.get(name, 0.0))

        for g in groups:
            g.names.sort(key=weight, reverse=True)  # stable: ties keep the scenario's order
        last = [g for g in groups if all(n.startswith("auto_") for n in g.names)]
        groups = sorted((g for g in groups if g not in last), key=lambda g: max(map(weight, g.names)), reverse=True) + last
    return groups
