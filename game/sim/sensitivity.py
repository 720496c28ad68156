"""Which assumptions move the outcome most: one parameter at a time, at each end of its range.

For the same choices (a recorded trace, or the automatic player when there is
none), the same seed and the same number of travellers, each parameter is set
to the low end and then the high end of the range its scenario file declares,
the others staying as they are, and the outcome shares are counted. Sorted by
how far they move, these are the bars of a tornado chart: the debrief's model
page draws them, ``crossings simulate SCENARIO --sensitivity`` prints them,
and the parameter sweep test uses them to find parameters that move nothing.

The same random numbers are used at both ends (same seed), so a difference
is the parameter's doing, not luck's. Pure numpy; no pygame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from .model import ParameterError

Progress = Callable[[float], None]


@dataclass(frozen=True)
class Swing:
    """One parameter at both ends of its range."""

    name: str
    label: str
    source: str
    value: float  # the value in the base run
    low: float
    high: float
    low_shares: tuple[float, ...] | None  # None: the model refused this value (see ``problem``)
    high_shares: tuple[float, ...] | None
    low_hours: float | None = None  # mean hours to the outcome, over everyone
    high_hours: float | None = None
    problem: str = ""

    @property
    def runnable(self) -> bool:
        return self.low_shares is not None and self.high_shares is not None

    def change(self, index: int) -> float:
        """Share of ``outcomes[index]`` at the high end minus at the low end."""
        if not self.runnable:
            return 0.0
        return self.high_shares[index] - self.low_shares[index]

    @property
    def spread(self) -> float:
        """The largest change in any outcome's share, low to high (0..1)."""
        if not self.runnable:
            return 0.0
        return float(np.max(np.abs(np.subtract(self.high_shares, self.low_shares))))

    @property
    def moves(self) -> bool:
        """Does this parameter move any outcome (a share, or the time it takes)?"""
        if not self.runnable:
            return False
        if self.spread > 0.0:
            return True
        return self.low_hours is not None and self.high_hours is not None and abs(self.high_hours - self.low_hours) > 1e-9


@dataclass
class Sensitivity:
    scenario: str
    preset: str
    n: int
    seed: int
    outcomes: tuple[str, ...]
    base_shares: tuple[float, ...]
    focus: str  # the outcome the tornado shows: the most common in the base run
    choices: str  # "automatic" or "recorded"
    swings: list[Swing] = field(default_factory=list)

    def ranked(self, outcome: str | None = None) -> list[Swing]:
        """Largest change first: of ``outcome``'s share, or of any share."""
        if outcome is None:
            return sorted(self.swings, key=lambda s: -s.spread)
        i = self.outcomes.index(outcome)
        return sorted(self.swings, key=lambda s: -abs(s.change(i)))

    def to_dict(self) -> dict[str, Any]:
        def r(x):
            return None if x is None else round(float(x), 6)

        return {
            "scenario": self.scenario, "preset": self.preset, "runs": self.n, "seed": self.seed,
            "choices": self.choices, "outcomes": list(self.outcomes), "focus": self.focus,
            "base_shares": [r(x) for x in self.base_shares],
            "parameters": [
                {"name": s.name, "label": s.label, "source": s.source, "value": r(s.value),
                 "low": r(s.low), "high": r(s.high),
                 "low_shares": None if s.low_shares is None else [r(x) for x in s.low_shares],
                 "high_shares": None if s.high_shares is None else [r(x) for x in s.high_shares],
                 "low_hours": r(s.low_hours), "high_hours": r(s.high_hours),
                 "spread": r(s.spread), "problem": s.problem}
                for s in self.ranked()
            ],
        }


def is_cyclic(parameter) -> bool:
    """A month (1..12) or a compass bearing (0..360): the ends of the range are
    neighbours (December and January, 0 and 360 degrees), not opposites."""
    span = (parameter.minimum, parameter.maximum)
    return span == (0.0, 360.0) or (span == (1.0, 12.0) and "month" in parameter.name)


def parameter_range(parameter, value: float | None = None) -> tuple[float, float]:
    """The two values a parameter is tried at: its declared min and max (a
    parameter without them: half and twice its value). A cyclic one is tried
    at its value and the opposite point of the cycle (six months, 180 degrees)."""
    value = parameter.value if value is None else float(value)
    if is_cyclic(parameter):
        if parameter.maximum == 360.0:
            return value, (value + 180.0) % 360.0
        return value, float((int(round(value)) + 5) % 12 + 1)
    lo = parameter.minimum if parameter.minimum is not None else parameter.value * 0.5
    hi = parameter.maximum if parameter.maximum is not None else parameter.value * 2.0
    return float(min(lo, hi)), float(max(lo, hi))


def _mean_hours(result) -> float:
    return float(np.mean(result.hours)) if result.n else 0.0


def run(
    scenario,
    preset: str | None = None,
    overrides: Mapping[str, float] | None = None,
    n: int = 200,
    seed: int = 1,
    trace=None,
    progress: Progress | None = None,
    names: Sequence[str] | None = None,
    cancelled: Callable[[], bool] | None = None,
    until: int | None = None,
) -> Sensitivity:
    """Swing each parameter (or those in ``names``) over its range; see the module text.

    With a trace, ``until`` is the step where the player's journey ended: the
    automatic player goes on from there, as in the debrief's chart."""
    from game.journey import world_for
    from game.levels import model_for

    from .montecarlo import TraceError, run_many

    preset = preset or scenario.default_preset
    base_over = dict(overrides or {})
    world = world_for(scenario)

    done: dict = {}  # values -> result: an end that is the base value (a month's own, a range's min) is not run twice

    def scenario_run(over: Mapping[str, float]):
        vals = scenario.values(preset, dict(over))
        key = tuple(sorted((k, float(v)) for k, v in vals.items()))
        if key not in done:
            done[key] = run_many(model_for(scenario, vals, world), n, seed, trace=trace, until=until, cancelled=cancelled)
        return done[key], vals

    base, values = scenario_run(base_over)
    shares = tuple(float(x) for x in base.shares)
    focus = base.outcomes[int(np.argmax(base.counts))]
    out = Sensitivity(scenario.id, preset, n, seed, tuple(base.outcomes), shares, focus,
                      "recorded" if trace is not None else "automatic")
    todo = [name for name in (names or scenario.parameters) if name in scenario.parameters]
    for k, name in enumerate(todo):
        if cancelled is not None and cancelled():
            break
        param = scenario.parameters[name]
        lo, hi = parameter_range(param, values[name])
        ends: list[tuple[tuple[float, ...] | None, float | None]] = []
        problem = ""
        for value in (lo, hi):
            try:
                res, _ = scenario_run({**base_over, name: value})
                ends.append((tuple(float(x) for x in res.shares), _mean_hours(res)))
            except (ParameterError, TraceError, ValueError) as exc:  # the model refuses this value
                ends.append((None, None))
                problem = str(exc)
        out.swings.append(Swing(name, param.label, param.source, float(values[name]), lo, hi,
                                ends[0][0], ends[1][0], ends[0][1], ends[1][1], problem))
        if progress is not None:
            progress((k + 1) / max(1, len(todo)))
    return out


__all__ = ["Sensitivity", "Swing", "is_cyclic", "parameter_range", "run"]
