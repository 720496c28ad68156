"""``crossings calibrate``: the models against the record, target by target.

Where the record gives a figure the model also produces (a share of boats, a
share of rounds that hit, the fastest journey), the model is run the way that
figure was made and its result is set against the record's 95% interval: the
Wilson interval of a count out of a total (104 boats are one year's sample),
a Poisson interval for a count of bodies, or the range the sources give.
Where the record gives no such figure (no source gives the odds of crossing
the DMZ) there is no target, and the report says so.

The tests call ``run_targets`` too: the numbers in the report are the numbers
the tests hold the models to. ``--json`` for scripts; the exit status is 0
only if every target passes. No pygame.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from .i18n import N_, _

PROG = "crossings calibrate"
UNITS = (N_("days"), N_("miles"), N_("people"))  # the units format_value translates


@dataclass
class Target:
    scenario: str
    id: str
    label: str  # msgid
    record: str  # msgid: what the record says, in words
    facts: tuple[str, ...]
    record_value: float
    low: float
    high: float
    interval: str  # "wilson95", "poisson95", "range" or "direction"
    unit: str  # "%" (shares 0..1), "days", "miles", "x"
    how: str  # how the model was run for it (in --json; English)
    model: float | None = None
    error: str = ""

    @property
    def passed(self) -> bool:
        return self.model is not None and self.low <= self.model <= self.high


# No target: said in the report, so a missing one is a decision, not an oversight.
NO_TARGETS = {
    "fog": N_("No source gives the odds of crossing the DMZ, in fog or without: the known crossings are successes "
              "(21 December 2017; October 2012), and the failures are not reported. The fog model is not calibrated; "
              "its shares are for comparing choices and conditions."),
}


def wilson(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    from .sim.montecarlo import wilson_interval

    return wilson_interval(k, n, z)


def poisson_mean_interval(k: int, groups: int) -> tuple[float, float]:
    """95% interval of a mean count per group, from k events in ``groups`` (exact, via chi-square)."""
    lo = 0.5 * _chi2_ppf(0.025, 2 * k) if k > 0 else 0.0
    hi = 0.5 * _chi2_ppf(0.975, 2 * k + 2)
    return lo / groups, hi / groups


def _chi2_ppf(q: float, dof: int) -> float:
    # Wilson-Hilferty: good to a few tenths of a percent for the counts used here (dof >= 20).
    z = math.sqrt(2.0) * _erfinv(2.0 * q - 1.0)
    return dof * (1.0 - 2.0 / (9.0 * dof) + z * math.sqrt(2.0 / (9.0 * dof))) ** 3


def _erfinv(y: float) -> float:
    # Newton on math.erf: a few steps from a rough start.
    x = 0.0
    for _ in range(60):
        x -= (math.erf(x) - y) / (2.0 / math.sqrt(math.pi) * math.exp(-x * x))
    return x


# ---------------------------------------------------------------- the targets


def _model(sid: str, preset: str | None, root: Path | None, **overrides):
    from .levels import load_by_id, model_for
    from .journey import world_for

    scenario = load_by_id(sid, root)
    values = scenario.values(preset, {k: float(v) for k, v in overrides.items()})
    return model_for(scenario, values, world_for(scenario))


def _jsa(root: Path | None, quick: bool) -> list[Target]:
    from .sim.runner import Simulation

    n = 1000 if quick else 4000
    model = _model("jsa", "historical", root)
    sim = Simulation(model, n, 11)
    rounds = np.zeros(n)
    while not sim.finished:
        sim.step(model.auto_action(sim.state), record=False)
        rounds += sim.state.extra["firing"].sum(axis=1) * model.rounds_per_step
    hits = sim.state.extra["hits"]
    wounded = float((sim.state.outcome == model.code("crossed_wounded")).mean())
    lo, hi = wilson(5, 40)
    k_lo, k_hi = wilson(1, 1)
    how = f"{n:,} automatic runs of 'historical', seed 11"  # for --json only: not translated
    return [
        Target("jsa", "hits_per_round", N_("Share of the rounds fired that hit"),
               N_("5 hits of about 40 rounds"), ("jsa.hits", "jsa.pursuers"), 5 / 40, lo, hi, "wilson95", "%", how,
               float(hits.sum() / max(rounds.sum(), 1e-9))),
        Target("jsa", "documented_outcome", N_("Crossed the line wounded, the outcome of 2017"),
               N_("the one known case ended so"), ("jsa.found", "jsa.survival"), 1.0, k_lo, k_hi, "wilson95", "%", how,
               wounded),
    ]


def _sea(root: Path | None, quick: bool) -> list[Target]:
    from .sim.sea import fleet_run, found_by_japan

    n = 1000 if quick else 2000
    found = found_by_japan(fleet_run(_model("sea", "fishing-2017", root), n, 2017))
    cases = max(1, found["cases"])
    how = f"'fishing-2017': {n:,} boats run until every boat's fate is known, seed 2017; the cases Japan would have counted"
    out = []
    for key, k, label, record, fid in (
        ("survivors", 5, N_("Cases with people alive (ashore, or taken off by Japan's coast guard)"), N_("5 of 104 boats"), "sea.survivors_2017"),
        ("dead", 10, N_("Boats with only the dead aboard"), N_("10 of 104 boats"), "sea.bodies_2017"),
        ("empty", 89, N_("Boats with nobody aboard"), N_("89 of 104 boats"), "sea.empty_2017"),
    ):
        lo, hi = wilson(k, 104)
        out.append(Target("sea", key, label, record, (fid, "sea.boats_2017"), k / 104, lo, hi, "wilson95", "%", how,
                          found[key] / cases))
    lo, hi = poisson_mean_interval(35, 10)
    out.append(Target("sea", "bodies_per_boat", N_("Bodies on a boat that arrived with only the dead"),
                      N_("35 bodies in 10 boats"), ("sea.bodies_2017",), 3.5, lo, hi, "poisson95", "people", how,
                      found["bodies_per_dead_boat"]))
    return out


def _overland(root: Path | None, quick: bool) -> list[Target]:
    from .sim import overland as ov
    from .sim.runner import Simulation

    out = []
    # The fastest journey: in 2009 a well-connected broker is affordable; the best of many.
    m = _model("overland", "thailand-2009", root)
    sim = Simulation(m, 400, 2)
    sim.autoplay()
    # From the border: the day she crossed, not the nights she waited at the river before.
    days = (sim.end_step - sim.state.extra["crossed_on"])[sim.state.outcome == m.code("reached_thailand")]
    out.append(Target("overland", "fastest_days", N_("Fastest journey from the border to Thailand"),
                      N_("12 days, the fastest known, with help"), ("overland.fastest_days",), 12, 10, 16, "range", "days",
                      "'thailand-2009' (a well-connected broker is cheap that year): the fastest of 400 automatic runs, "
                      "seed 2; the range allows a few days either side of the one record",
                      float(days.min()) if days.size else None))
    # Trafficking: a woman alone in hiding in the border region, for the horizon.
    n = 1000 if quick else 2000
    m = _model("overland", "thailand-2017", root, start_in_china=1, raid_daily=0, campaign_per_year=0,
               start_money=50000, remittance=0)
    sim = Simulation(m, n, 7)
    ever = np.zeros(n, dtype=bool)
    for _step in range(int(m.params["trafficking_horizon_days"])):
        sim.step({"activity": ov.HIDE}, record=False)
        ever |= sim.state.extra["event"] == ov.J_TRAFFICKED
    out.append(Target("overland", "trafficked", N_("Women in hiding who are trafficked within a year"),
                      N_("70 to 80 in 100 (estimates)"), ("overland.women_trafficked",), 0.75, 0.70, 0.80, "range", "%",
                      f"a woman alone, without a broker, hiding in the border region; {n:,} runs, seed 7",
                      float(ever.mean())))
    # The crackdown: the same traveller sent back more often in 2023 than in 2017.
    runs = 500 if quick else 1000

    def sent_back(year: int) -> float:
        mm = _model("overland", "crackdown-2023", root, year=year)
        s = Simulation(mm, runs, 5)
        s.autoplay()
        return float((s.state.outcome == mm.code("repatriated")).mean())

    r17, r23 = sent_back(2017), sent_back(2023)
    out.append(Target("overland", "crackdown", N_("Sent back in 2023, against the same traveller in 2017 (times)"),
                      N_("more since 2020: China's tighter controls, at least 1,076 sent back"),
                      ("overland.repatriations_since_2020", "overland.fee_2024"), math.nan, 1.0, math.inf, "direction", "x",
                      f"'crackdown-2023' and the same with year 2017; {runs:,} automatic runs each, seed 5",
                      r23 / max(r17, 1e-9)))
    miles = m.route_km("thailand") / 1.609344
    out.append(Target("overland", "route_miles", N_("Length of the road to Thailand"),
                      N_("almost 2,700 miles at best; nearly 3,000 in another account"), ("overland.route_length",),
                      2700, 2700, 3000, "range", "miles", "the route as drawn, from the map's places", miles))
    return out


TARGETS: dict[str, Callable[[Path | None, bool], list[Target]]] = {"jsa": _jsa, "sea": _sea, "overland": _overland}


def run_targets(scenario: str | None = None, root: Path | None = None, quick: bool = False) -> list[Target]:
    """Every target (of one scenario, or all), with the model's figure filled in."""
    out: list[Target] = []
    for sid, make in TARGETS.items():
        if scenario is None or scenario == sid:
            out.extend(make(root, quick))
    return out


def summary_line(targets: list[Target], scenario: str) -> str:
    """One sentence for the debrief: how well this scenario's model matches the record."""
    mine = [t for t in targets if t.scenario == scenario]
    if not mine:
        note = NO_TARGETS.get(scenario)
        return _(note) if note else _("The record gives no figure to check this model against.")
    ok = sum(t.passed for t in mine)
    text = _("Against the record: {ok} of {n} checks pass.").format(ok=ok, n=len(mine))
    parts = [f"{_(t.label)}: {format_value(t.model, t.unit)} ({_('record')}: {_(t.record)})" for t in mine]
    return text + " " + "; ".join(parts) + "."


# ---------------------------------------------------------------- the command


def format_value(x: float | None, unit: str) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    if unit == "%":
        return f"{100 * x:.1f}%"
    if unit == "x":
        return f"{x:.2f}x"
    if math.isinf(x):
        return "∞"
    if unit in ("miles", "days"):
        return f"{round(x):,} {_(unit)}"
    return f"{x:,.1f} {_(unit)}" if not float(x).is_integer() else f"{int(x):,} {_(unit)}"


def _interval(t: Target) -> str:
    if t.interval == "direction":
        return _("more than {low}").format(low=format_value(t.low, t.unit))
    kind = {"wilson95": _("95%"), "poisson95": _("95%"), "range": _("range")}[t.interval]
    return f"{format_value(t.low, t.unit)} - {format_value(t.high, t.unit)} ({kind})"


def report_text(targets: list[Target], scenarios: list[str]) -> str:
    from .simulate_cmd import _table

    lines = [_("The models against the record"), ""]
    for sid in scenarios:
        mine = [t for t in targets if t.scenario == sid]
        lines.append(sid)
        if not mine:
            lines.append("  " + _("no target: {why}").format(why=_(NO_TARGETS.get(sid, N_("the record gives no figure to check against.")))))
            lines.append("")
            continue
        rows = [[_("Check"), _("Model"), _("Record"), _("Interval"), _("Result")]]
        for t in mine:
            rows.append([_(t.label), format_value(t.model, t.unit), _(t.record), _interval(t),
                         _("pass") if t.passed else _("FAIL")])
        lines += ["  " + line for line in _table(rows, {1})]
        lines.append("")
    ok = sum(t.passed for t in targets)
    lines.append(_("{ok} of {n} checks pass.").format(ok=ok, n=len(targets)))
    return "\n".join(lines)


def report_json(targets: list[Target], scenarios: list[str]) -> str:
    def clean(x):
        return None if x is None or (isinstance(x, float) and (math.isnan(x) or math.isinf(x))) else round(float(x), 6)

    data = {
        "passed": all(t.passed for t in targets),
        "targets": [
            {**{k: v for k, v in asdict(t).items() if k not in ("record_value", "low", "high", "model", "facts")},
             "facts": list(t.facts), "record_value": clean(t.record_value), "low": clean(t.low), "high": clean(t.high),
             "model": clean(t.model), "passed": t.passed}
            for t in targets
        ],
        "not_calibrated": {sid: NO_TARGETS[sid] for sid in scenarios if sid in NO_TARGETS},
    }
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False)


def register(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "calibrate",
        help=_("check every model against the record and show where it passes or fails"),
        description=_("Run each model the way the record's figures were made and compare with the record's 95% interval."),
    )
    p.add_argument("--scenario", metavar="ID", help=_("only this scenario"))
    p.add_argument("--quick", action="store_true", help=_("fewer runs (faster, coarser)"))
    p.add_argument("--json", action="store_true", help=_("print one JSON object"))
    p.add_argument("--levels", metavar="DIR", help=argparse.SUPPRESS)
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from .levels import LevelError, scenario_folders

    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    root = Path(args.levels) if args.levels else None
    try:
        known = [f.name for f in scenario_folders(root)]
        if args.scenario and args.scenario not in known:
            raise LevelError(f"no scenario named '{args.scenario}' (known: {', '.join(known)})")
        scenarios = [args.scenario] if args.scenario else known
        targets = run_targets(args.scenario, root, args.quick)
    except (LevelError, ValueError, OSError) as exc:
        print(f"{PROG}: {_('error')}: {exc}", file=sys.stderr)
        return 2
    print(report_json(targets, scenarios) if args.json else report_text(targets, scenarios))
    return 0 if all(t.passed for t in targets) else 1


__all__ = ["NO_TARGETS", "Target", "poisson_mean_interval", "run_targets", "summary_line", "wilson"]
