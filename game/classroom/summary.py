"""The class debrief's numbers: each group's own outcomes beside the model's
replays of the same conditions, with 95% intervals. No pygame."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..sim.montecarlo import run_many, wilson_interval
from .records import build_model
from .store import Group

REPLAYS = 1000


@dataclass
class OutcomeRow:
    outcome: str
    label: str
    class_count: int
    class_share: float
    class_ci: tuple[float, float]
    model_share: float
    model_ci: tuple[float, float]


@dataclass
class GroupSummary:
    group: Group
    title: str
    conditions: str
    n: int
    autoplayed: int
    rows: list[OutcomeRow]
    record: dict[str, Any]
    questions: list[str]


@lru_cache(maxsize=32)
def _replays(scenario: str, preset: str, overrides: tuple, seed: int, n: int):
    spec = {"scenario": scenario, "preset": preset, "overrides": dict(overrides), "seed": seed}
    _, model = build_model(spec)
    return run_many(model, n, seed)


def model_replays(group: Group, n: int = REPLAYS, seed: int = 1):
    """The automatic player's journeys in the group's conditions, n times."""
    return _replays(group.scenario, group.preset, tuple(sorted(group.overrides.items())), seed, n)


def summarise(groups: list[Group], outcomes_by_group: dict[int, list[tuple[str | None, bool]]], n: int = REPLAYS) -> list[GroupSummary]:
    """``outcomes_by_group``: group id -> [(outcome, autoplayed), ...]."""
    out = []
    for g in groups:
        scenario, model = build_model({"scenario": g.scenario, "preset": g.preset, "overrides": g.overrides, "seed": 1})
        replay = model_replays(g, n)
        mine = outcomes_by_group.get(g.id, [])
        k = len(mine)
        rows = []
        for oid in model.outcomes:
            c = sum(1 for o, _a in mine if o == oid)
            rows.append(
                OutcomeRow(
                    outcome=oid,
                    label=scenario.outcomes.get(oid, {}).get("label", oid),
                    class_count=c,
                    class_share=c / k if k else 0.0,
                    class_ci=wilson_interval(c, k),
                    model_share=replay.share(oid),
                    model_ci=replay.ci95(oid),
                )
            )
        preset = scenario.presets.get(g.preset)
        conditions = preset.label if preset else g.preset
        if g.overrides:
            conditions += " (" + ", ".join(f"{k}={v:g}" for k, v in sorted(g.overrides.items())) + ")"
        out.append(
            GroupSummary(
                group=g,
                title=scenario.title,
                conditions=conditions,
                n=k,
                autoplayed=sum(1 for _o, a in mine if a),
                rows=rows,
                record=dict(scenario.record),
                questions=list(scenario.questions),
            )
        )
    return out
