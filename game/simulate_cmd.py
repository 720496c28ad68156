"""``crossings simulate``: a scenario's model, many times, on the command line.

For teachers and reviewers who want the numbers behind the debrief's chart:
the same model, the same seed and the same choices give the same table, and
``--json`` gives byte-identical output for the same arguments. Errors are one
line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import unicodedata
from pathlib import Path

from .i18n import _, format_number

PROG = "crossings simulate"


class CommandError(Exception):
    """A mistake in the arguments or the files they name; one line to show."""


def register(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "simulate",
        help=_("run a scenario's risk model many times and show the spread of outcomes"),
        description=_("Run a scenario's risk model for many travellers and count their outcomes."),
    )
    p.add_argument("scenario", metavar="SCENARIO", help=_("scenario id, e.g. fog or sea"))
    # Numbers are checked in run() so that a bad one gives our one-line error.
    p.add_argument("--runs", default=None, metavar="N", help=_("number of travellers (default 1000)"))
    p.add_argument("--seed", metavar="S", help=_("random seed (default 1, or the saved journey's)"))
    p.add_argument("--preset", metavar="NAME", help=_("preset to start from (default: the scenario's own, or the saved journey's)"))
    p.add_argument(
        "--set", dest="overrides", action="append", default=[], metavar="NAME=VALUE",
        help=_("change one parameter; may be repeated"),
    )
    p.add_argument("--choices", metavar="FILE", help=_("replay the choices of a saved journey (JSON); default: the automatic player"))
    p.add_argument("--json", action="store_true", help=_("print one JSON object"))
    p.add_argument("--sensitivity", action="store_true",
                   help=_("swing each parameter over its range and show which move the outcome most (default 200 runs)"))
    p.add_argument("--list", action="store_true", help=_("list the presets and parameters, then stop"))
    p.add_argument("--levels", metavar="DIR", help=_("use the scenarios in another levels folder (an edited copy)"))
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from .journey import JourneyError
    from .levels import LevelError
    from .sim.model import ParameterError
    from .sim.montecarlo import TraceError
    from .world.mapdata import MapError

    # pytmx imports pygame when it can, and pygame greets on stdout, which
    # would spoil --json; the game itself does not need the greeting either.
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        return _run(args)
    except (CommandError, JourneyError, LevelError, MapError, TraceError, ParameterError) as exc:
        from .argcheck import one_line

        print(f"{PROG}: {_('error')}: {one_line(exc)}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    from .argcheck import MAX_SEED
    from .journey import JourneySpec, setup_for
    from .sim.bounded import MAX_RUNS
    from .sim.montecarlo import TraceError, check_trace

    from .sensitivity_cmd import DEFAULT_RUNS

    sensitivity = getattr(args, "sensitivity", False)
    runs = _whole(args.runs or str(DEFAULT_RUNS if sensitivity else 1000), "--runs", 1, MAX_RUNS)
    seed = _whole(args.seed, "--seed", 0, MAX_SEED) if args.seed is not None else 1
    _name(args.scenario, _("the scenario"))
    _name(args.preset, "--preset")
    scenario = _scenario(args.scenario, args.levels)
    trace, until, journey = _trace(args.choices) if args.choices and not args.list else (None, None, None)
    if journey is not None and journey.spec.scenario == scenario.id:
        # A saved journey brings its own conditions unless the command names others.
        if args.seed is None:
            seed = journey.spec.seed
        if args.preset is None and not args.overrides and journey.spec.preset in scenario.presets:
            args.preset = journey.spec.preset
            args.overrides = [f"{k}={v!r}" for k, v in sorted(journey.spec.overrides.items())]
    preset = args.preset or scenario.default_preset
    if args.preset and args.preset not in scenario.presets:
        have = ", ".join(scenario.presets) or _("none")
        raise CommandError(_("no preset named '{name}' for scenario '{sid}' (has: {have})").format(
            name=args.preset, sid=scenario.id, have=have))
    overrides = {name: value for name, value in (_assignment(s, scenario) for s in args.overrides)}
    if args.list:
        values = scenario.values(preset, overrides)
        print(_list_json(scenario, preset, values) if args.json else _list_text(scenario, preset, values))
        return 0
    if sensitivity:
        return _sensitivity(args, scenario, preset, overrides, runs, seed, trace, until)
    spec = JourneySpec(scenario.id, preset, overrides, seed, args.levels)
    setup = setup_for(spec, scenario=scenario)
    values = setup.values
    model = setup.model()
    if trace is not None:
        try:
            check_trace(model, trace)
        except TraceError as exc:
            raise CommandError(f"{args.choices}: {exc}") from None
    # The recorded choices up to the end of the player's journey, then the automatic player.
    result = _bounded_run(model, runs, seed, trace, until)
    if args.json:
        print(_result_json(scenario, preset, runs, seed, result, values))
    else:
        print(_result_text(scenario, preset, runs, seed, args.choices, result, values))
    return 0


# ---- running, in bounded memory ----------------------------------------------


def _bounded_run(model, runs: int, seed: int, trace, until):
    """run_many, but refusing what memory cannot hold and running large counts
    in pieces (game/sim/bounded.py says how seeds map to pieces)."""
    from .sim.bounded import PROBE_N, RunsError, bytes_per_traveller, check_runs, run_bounded

    if runs > PROBE_N:
        try:
            check_runs(runs, bytes_per_traveller(model))
        except RunsError as exc:
            raise CommandError(str(exc)) from None
    with _Progress(sys.stderr) as progress:
        return run_bounded(model, runs, seed, trace=trace, progress=progress, until=until)


class _Progress:
    """'simulate: 42% (4,200,000 of 10,000,000 runs)' on a terminal, once a run
    has taken a couple of seconds; nothing when stderr is a file or a pipe."""

    AFTER_S = 2.0
    EVERY_S = 0.25

    def __init__(self, stream):
        import time

        self.stream, self.clock = stream, time.monotonic
        self.start = self.last = self.clock()
        self.shown = False
        try:
            self.tty = stream.isatty()
        except (AttributeError, ValueError):
            self.tty = False

    def __enter__(self):
        return self if self.tty else None

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self.start < self.AFTER_S or now - self.last < self.EVERY_S:
            return
        self.last, self.shown = now, True
        line = _("simulate: {percent}% ({done} of {total} runs)").format(
            percent=100 * done // max(1, total), done=f"{done:,}", total=f"{total:,}")
        self.stream.write("\r" + line)
        self.stream.flush()

    def __exit__(self, *exc) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")  # clear the line for the table
            self.stream.flush()
def _sensitivity(args, scenario, preset, overrides, runs, seed, trace, until) -> int:
    from .sensitivity_cmd import report_json, report_text
    from .sim import sensitivity

    def progress(share: float) -> None:
        if not args.json and sys.stderr.isatty():
            print(f"\r{100 * share:3.0f}%", end="", file=sys.stderr, flush=True)

    sens = sensitivity.run(scenario, preset, overrides, runs, seed, trace=trace, progress=progress, until=until)
    if not args.json and sys.stderr.isatty():
        print("\r    \r", end="", file=sys.stderr, flush=True)
    print(report_json(sens) if args.json else report_text(scenario, sens, args.choices))
    return 0


# ---- reading the arguments -------------------------------------------------


def _whole(text: str, option: str, least: int, most: int | None = None) -> int:
    from .argcheck import whole_number

    try:
        return whole_number(text, option, least, most)
    except ValueError as exc:
        raise CommandError(str(exc)) from None


def _name(text: str | None, option: str) -> str | None:
    """None stays None (not given); an empty or path-like name is refused."""
    if text is None:
        return None
    if not text.strip():
        raise CommandError(_("{option} needs a name, not an empty text").format(option=option))
    if text in (".", "..") or any(c in text for c in "/\\\0"):
        raise CommandError(_("'{text}' is a path; {option} takes a name such as fog").format(text=text, option=option))
    return text


def _scenario(sid: str, levels: str | None):
    from .levels import load_by_id
    from .paths import levels_dir

    try:
        root = Path(levels) if levels else levels_dir()
    except FileNotFoundError as exc:
        raise CommandError(str(exc)) from None
    if not root.is_dir():
        raise CommandError(_("no levels folder at '{path}'").format(path=root))
    return load_by_id(sid, root)


def _assignment(text: str, scenario) -> tuple[str, float]:
    name, sep, value = text.partition("=")
    name, value = name.strip(), value.strip()
    if not sep or not name or not value:
        raise CommandError(_("--set needs NAME=VALUE, not '{text}'").format(text=text))
    if name not in scenario.parameters:
        have = ", ".join(scenario.parameters) or _("none")
        raise CommandError(_("no parameter named '{name}' for scenario '{sid}' (has: {have})").format(
            name=name, sid=scenario.id, have=have))
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise CommandError(_("parameter '{name}': '{value}' is not a number").format(name=name, value=value))
    return name, scenario.check_value(name, number)


def _trace(path: str):
    """The choices of a journey record (and the record), or of an older choices file."""
    from .journey import read_choices

    return read_choices(path)


# ---- JSON ------------------------------------------------------------------


def _r(x: float | None) -> float | None:
    # Six decimals: stable text across platforms, finer than any chart shows.
    return None if x is None else round(float(x), 6)


def _value(scenario, name: str, value: float) -> float | int:
    return int(value) if scenario.parameters[name].integer else _r(value)


def _result_json(scenario, preset, runs, seed, result, values) -> str:
    outcomes = {}
    for oid, row in result.summary().items():
        dur = row["duration_h"] or {"p10": None, "median": None, "p90": None}
        outcomes[oid] = {
            "count": row["count"],
            "share": _r(row["share"]),
            "ci95": [_r(v) for v in row["ci95"]],
            "duration_h": {k: _r(v) for k, v in dur.items()},
        }
    data = {
        "scenario": scenario.id,
        "preset": preset,
        "runs": runs,
        "seed": seed,
        "outcomes": outcomes,
        "parameters": {
            name: {"value": _value(scenario, name, v), "source": scenario.parameters[name].source}
            for name, v in values.items()
        },
    }
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False)


def _list_json(scenario, preset, values) -> str:
    data = {
        "scenario": scenario.id,
        "default_preset": scenario.default_preset,
        "preset": preset,
        "presets": {
            name: {"label": p.label, "set": {k: _value(scenario, k, v) for k, v in p.values.items()}}
            for name, p in scenario.presets.items()
        },
        "parameters": {
            name: {
                "value": _value(scenario, name, values[name]),
                "unit": p.unit,
                "source": p.source,
                "label": p.label,
            }
            for name, p in scenario.parameters.items()
        },
    }
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False)


# ---- text ------------------------------------------------------------------


def _width(text: str) -> int:
    # Korean and Japanese characters take two columns in a terminal.
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(rows: list[list[str]], right: set[int]) -> list[str]:
    """Aligned columns; ``right`` holds the indexes of right-aligned ones."""
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - _width(cell))
            cells.append(pad + cell if i in right else cell + pad)
        lines.append("  ".join(cells).rstrip())
    return lines


def _number(value: float) -> str:
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return format(value, ".6g")


def _percent(share: float) -> str:
    return f"{100 * share:.1f}%"


def _duration(hours: float | None) -> str:
    if hours is None:
        return "-"
    if hours < 1 / 60:
        return _("{n} s").format(n=round(hours * 3600))
    if hours < 1:
        return _("{n} min").format(n=round(hours * 60))
    if hours < 48:
        return _("{n:.1f} h").format(n=hours)
    return _("{n:.1f} days").format(n=hours / 24)


def _outcome_label(scenario, oid: str) -> str:
    entry = scenario.outcomes.get(oid)
    label = entry.get("label") if isinstance(entry, dict) else None
    return _(label) if label else oid


def _parameter_lines(scenario, values) -> list[str]:
    rows = [[_("Parameter"), _("Value"), _("Unit"), _("Source"), _("Label")]]
    for name, p in scenario.parameters.items():
        rows.append([name, _number(values[name]), _(p.unit), p.source, _(p.label)])
    return ["  " + line for line in _table(rows, {1})]


def _result_text(scenario, preset, runs, seed, choices, result, values) -> str:
    lines = [
        _("{title}: {runs} runs, seed {seed}").format(title=_(scenario.title), runs=format_number(runs), seed=seed),
        _("Preset: {preset}").format(preset=_preset_name(scenario, preset)),
        _("Choices: recorded in {file}").format(file=choices) if choices else _("Choices: the automatic player"),
        "",
    ]
    rows = [[_("Outcome"), _("Count"), _("Share"), _("95% interval"), _("Median time")]]
    for oid, row in result.summary().items():
        lo, hi = row["ci95"]
        median = row["duration_h"]["median"] if row["duration_h"] else None
        rows.append([
            _outcome_label(scenario, oid), str(row["count"]), _percent(row["share"]),
            f"{_percent(lo)} - {_percent(hi)}", _duration(median),
        ])
    lines += ["  " + line for line in _table(rows, {1, 2, 3, 4})]
    lines += ["", _("Parameters")] + _parameter_lines(scenario, values)
    return "\n".join(lines)


def _preset_name(scenario, preset: str) -> str:
    if preset in scenario.presets:
        return f"{preset} ({_(scenario.presets[preset].label)})"
    return preset or _("none")


def _list_text(scenario, preset, values) -> str:
    lines = [f"{_(scenario.title)} ({scenario.id})", "", _("Presets")]
    rows = []
    for name, p in scenario.presets.items():
        mark = "*" if name == scenario.default_preset else " "
        settings = ", ".join(f"{k}={_number(v)}" for k, v in p.values.items())
        rows.append([mark, name, _(p.label), settings])
    lines += ["  " + line for line in _table(rows, set())] if rows else ["  " + _("none")]
    lines += ["  " + _("* the default preset")] if rows else []
    lines += ["", _("Parameters (preset {preset})").format(preset=preset or _("none"))]
    lines += _parameter_lines(scenario, values)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the command on its own (python -m game.simulate_cmd ...)."""
    parser = argparse.ArgumentParser(prog="crossings")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["simulate", *(sys.argv[1:] if argv is None else argv)])
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
