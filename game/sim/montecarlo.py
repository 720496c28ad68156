"""The same choices, many times: run a risk model for n travellers at once.

The debrief and the ``simulate`` command both come here. One ``Simulation``
holds all n travellers, so every step is a handful of numpy operations over
arrays of n; with n=1 and the game's seed it is the game's own run. Pure
numpy, no pygame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from .model import RiskModel
from .runner import Cancelled, ChoiceTrace, Progress, Simulation, automatic, replaying, run_to_end

Z95 = 1.959963984540054  # the normal quantile for a two-sided 95% interval


def wilson_interval(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for k successes in n trials.

    Unlike the plain p +/- z*se interval it stays inside 0..1 and does not
    collapse to a point when k is 0 or n, which matters for rare outcomes.
    """
    if n < 0 or k < 0 or k > n:
        raise ValueError(f"need 0 <= k <= n, got k={k}, n={n}")
    if n == 0:
        return (0.0, 1.0)  # no runs, no knowledge
    p = k / n
    z2 = z * z
    denom = 1.0 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    lo = 0.0 if k == 0 else max(0.0, centre - half)
    hi = 1.0 if k == n else min(1.0, centre + half)
    return (lo, hi)


@dataclass
class MonteCarloResult:
    """What n travellers came to, and when and where.

    Per-traveller arrays (index = traveller): ``codes`` (index into
    ``outcomes``), ``hours`` (time to the outcome), ``end_x``/``end_y``
    (tiles, for the debrief's map).
    """

    outcomes: tuple[str, ...]
    n: int
    seed: int
    steps: int
    step_hours: float
    codes: np.ndarray
    hours: np.ndarray
    end_x: np.ndarray
    end_y: np.ndarray

    @property
    def counts(self) -> np.ndarray:
        return np.bincount(self.codes, minlength=len(self.outcomes))[: len(self.outcomes)]

    @property
    def shares(self) -> np.ndarray:
        return self.counts / max(1, self.n)

    def count(self, outcome: str) -> int:
        return int(self.counts[self.outcomes.index(outcome)])

    def share(self, outcome: str) -> float:
        return float(self.shares[self.outcomes.index(outcome)])

    def ci95(self, outcome: str) -> tuple[float, float]:
        return wilson_interval(self.count(outcome), self.n)

    def duration(self, outcome: str) -> dict[str, float] | None:
        """p10, median and p90 of the hours to this outcome; None if nobody."""
        hours = self.hours[self.codes == self.outcomes.index(outcome)]
        if hours.size == 0:
            return None
        p10, median, p90 = np.percentile(hours, [10, 50, 90])
        return {"p10": float(p10), "median": float(median), "p90": float(p90)}

    def summary(self) -> dict[str, dict[str, Any]]:
        """Per outcome id: count, share, ci95 and duration_h, in model order."""
        return {
            oid: {
                "count": self.count(oid),
                "share": self.share(oid),
                "ci95": self.ci95(oid),
                "duration_h": self.duration(oid),
            }
            for oid in self.outcomes
        }


class TraceError(ValueError):
    """A choice trace that does not fit the model it would drive."""


def _kind(value: Any) -> str:
    if isinstance(value, (bool, np.bool_)):
        return "yes/no"
    if isinstance(value, (int, float, np.integer, np.floating)):
        return "number"
    if isinstance(value, str):
        return "text"
    return type(value).__name__


def check_trace(model: RiskModel, trace: ChoiceTrace) -> None:
    """Refuse a trace recorded elsewhere, or with a field, kind or value the
    model cannot take (its ``action_limits``).

    A hand-edited or foreign file should fail here with a sentence, not deep
    inside a model's numpy code (or, worse, be silently clipped).
    """
    if trace.scenario and trace.scenario != model.id:
        raise TraceError(f"the choices were recorded for '{trace.scenario}', not '{model.id}'")
    fields = model.default_action
    limits = model.action_limits
    for i, entry in enumerate(trace.entries):
        where = f"entry {i} (step {entry['step']})"
        for key, value in entry["action"].items():
            if key not in fields:
                known = ", ".join(fields) or "none"
                raise TraceError(f"{where}: action '{key}' is not one of the model's (has: {known})")
            resting = fields[key]
            # A resting value of None means "no choice yet": any kind may follow.
            if resting is None:
                continue
            if _kind(value) != _kind(resting):
                raise TraceError(f"{where}: action '{key}' is {_kind(value)} {value!r}, expected {_kind(resting)}")
            if _kind(value) != "number":
                continue
            number = float(value)
            if not math.isfinite(number):
                raise TraceError(f"{where}: action '{key}' is {value!r}, not a usable number")
            whole = isinstance(resting, (int, np.integer)) and not isinstance(resting, (bool, np.bool_))
            if whole and not number.is_integer():
                raise TraceError(f"{where}: action '{key}' is {value!r}, expected a whole number")
            if key in limits:
                lo, hi = limits[key]
                if not lo <= number <= hi:
                    raise TraceError(f"{where}: action '{key}' is {value!r}, outside {lo:g}..{hi:g}")


def _as_model(model_or_factory: RiskModel | Callable[[Any], RiskModel], world: Any) -> RiskModel:
    # A factory is called with the world, so each run gets a fresh model.
    if isinstance(model_or_factory, RiskModel):
        return model_or_factory
    return model_or_factory(world)


def _result(sim: Simulation) -> MonteCarloResult:
    model = sim.model
    return MonteCarloResult(
        outcomes=tuple(model.outcomes),
        n=sim.n,
        seed=sim.seed,
        steps=sim.step_index,
        step_hours=float(model.step_hours),
        codes=sim.outcomes.astype(np.int64),
        # Fixed step: the step an outcome was decided gives its time.
        hours=sim.end_step * float(model.step_hours),
        end_x=sim.end_x.copy(),
        end_y=sim.end_y.copy(),
    )


def run_many(
    model_factory_or_model: RiskModel | Callable[[Any], RiskModel],
    n: int,
    seed: int,
    trace: ChoiceTrace | None = None,
    progress: Progress | None = None,
    world: Any = None,
    until: int | None = None,
    cancelled: Callable[[], bool] | None = None,
    compact: bool | None = None,
) -> MonteCarloResult:
    """Run n travellers together: replay ``trace``, or the automatic player.

    With a trace, ``until`` is the step at which the player's own journey
    ended: from there on the others follow the automatic player. With n=1
    and the game's seed and trace this is the game's run. ``cancelled`` stops
    the run (raising :class:`Cancelled`) when it returns True.
    """
    if n < 1:
        raise ValueError(f"need at least one traveller, got n={n}")
    model = _as_model(model_factory_or_model, world)
    if trace is not None:
        check_trace(model, trace)
        policy = replaying(model, trace, until)
    else:
        policy = automatic(model)
    sim = Simulation(model, n, seed, events=False)  # only outcomes, times and places are kept
    run_to_end(sim, policy, progress, cancelled, compact=compact)
    return _result(sim)


__all__ = [
    "MonteCarloResult",
    "TraceError",
    "check_trace",
    "Z95",
    "Cancelled",
    "run_many",
    "wilson_interval",
]
