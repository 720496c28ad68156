"""Many runs in bounded memory: ``simulate --runs 10000000`` without 6 GB.

Travellers are run in pieces of ``CHUNK``; each piece is added to a ``Tally``
(outcome counts and, per outcome, how many ended at each step) and dropped, so
memory stays the same however many runs are asked for. The tally gives the
same summary as a ``MonteCarloResult``: counts, shares, Wilson intervals and
the p10/median/p90 of the time to each outcome, read exactly from the step
histogram (outcomes happen on whole steps).

Same seed, same runs, same result, every time. A count of at most ``CHUNK``
is one piece with the seed itself, the very run the debrief and the earlier
command made; a larger count runs piece k with the k-th child of the seed
(numpy's SeedSequence spawn key), so it is not the same draw as one
vectorised run of that size would be (that run would not fit in memory).
Pure numpy, no pygame.
"""

from __future__ import annotations

import os
import tracemalloc
from typing import Any, Callable

import numpy as np

from .montecarlo import MonteCarloResult, run_many, wilson_interval
from .runner import ChoiceTrace, Simulation

CHUNK = 20_000  # travellers a piece; fixed, so that a seed means the same run on every machine
MAX_RUNS = 100_000_000  # about a day of computing for the slowest model: beyond that, no
PROBE_N = 2048
MEMORY_SHARE = 0.5  # of the memory the system says is available
RESULT_BYTES = 40  # per traveller kept until a piece is tallied: codes, hours, end x/y, end step

Progress = Callable[[int, int], None]  # (runs done, runs asked)


class RunsError(ValueError):
    """A run count this machine cannot do; the message says the most it can."""


class Tally:
    """What n travellers came to, in memory that does not grow with n."""

    def __init__(self, outcomes: tuple[str, ...], step_hours: float, seed: int):
        self.outcomes = tuple(outcomes)
        self.step_hours = float(step_hours)
        self.seed = seed
        self.n = 0
        self.steps = 0
        # ends[outcome, step]: how many travellers reached the outcome at that step
        self.ends = np.zeros((len(self.outcomes), 1), dtype=np.int64)

    def add(self, result: MonteCarloResult) -> None:
        steps = np.rint(result.hours / self.step_hours).astype(np.int64)
        top = int(steps.max(initial=0)) + 1
        if top > self.ends.shape[1]:
            self.ends = np.pad(self.ends, ((0, 0), (0, top - self.ends.shape[1])))
        np.add.at(self.ends, (result.codes, steps), 1)
        self.n += result.n
        self.steps = max(self.steps, result.steps)

    @property
    def counts(self) -> np.ndarray:
        return self.ends.sum(axis=1)

    def count(self, outcome: str) -> int:
        return int(self.counts[self.outcomes.index(outcome)])

    def share(self, outcome: str) -> float:
        return self.count(outcome) / max(1, self.n)

    def ci95(self, outcome: str) -> tuple[float, float]:
        return wilson_interval(self.count(outcome), self.n)

    def duration(self, outcome: str) -> dict[str, float] | None:
        """p10, median, p90 hours, as np.percentile (linear) gives on the full list."""
        hist = self.ends[self.outcomes.index(outcome)]
        m = int(hist.sum())
        if m == 0:
            return None
        cum = np.cumsum(hist)

        def nth(k: int) -> int:  # the k-th smallest end step (from 0)
            return int(np.searchsorted(cum, k, side="right"))

        out = {}
        for name, q in (("p10", 10), ("median", 50), ("p90", 90)):
            pos = q / 100 * (m - 1)
            lo = int(np.floor(pos))
            hi = min(lo + 1, m - 1)
            a, b = nth(lo) * self.step_hours, nth(hi) * self.step_hours
            out[name] = float(a + (b - a) * (pos - lo))
        return out

    def summary(self) -> dict[str, dict[str, Any]]:
        return {
            oid: {"count": self.count(oid), "share": self.share(oid), "ci95": self.ci95(oid),
                  "duration_h": self.duration(oid)}
            for oid in self.outcomes
        }


def bytes_per_traveller(model, seed: int = 0) -> int:
    """What one traveller of this model costs while running, measured on a short probe."""
    tracing = tracemalloc.is_tracing()
    if not tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    sim = Simulation(model, PROBE_N, seed)
    for _ in range(3):
        if sim.finished:
            break
        sim.step(model.auto_action(sim.state), record=False)
    peak = tracemalloc.get_traced_memory()[1] - base
    del sim
    if not tracing:
        tracemalloc.stop()
    # Later steps hold a little more than the first few (measured: within 10%).
    return int(peak / PROBE_N * 1.25) + RESULT_BYTES


def available_memory() -> int:
    """Bytes the system can give without swapping (MemAvailable), or a cautious guess."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return 1 << 30


def check_runs(runs: int, per_traveller: int, available: int | None = None) -> None:
    """RunsError if ``runs`` cannot be done here, naming the most that can."""
    if runs > MAX_RUNS:
        raise RunsError(f"--runs {runs:,} is more than this command does: at most {MAX_RUNS:,}")
    budget = int((available_memory() if available is None else available) * MEMORY_SHARE)
    piece = min(runs, CHUNK)
    if piece * per_traveller > budget:
        fits = max(0, budget // max(1, per_traveller))
        raise RunsError(
            f"--runs {runs:,} needs about {piece * per_traveller // 2**20:,} MB at once and this machine has "
            f"{budget // 2**20:,} MB to spare; the most that fits is {fits:,} runs"
        )


def run_bounded(model, runs: int, seed: int, trace: ChoiceTrace | None = None,
                progress: Progress | None = None, until: int | None = None) -> MonteCarloResult | Tally:
    """``runs`` travellers in pieces of CHUNK; one piece is exactly run_many's result."""
    if runs <= CHUNK:
        done = (lambda f: progress(int(f * runs), runs)) if progress else None
        return run_many(model, runs, seed, trace=trace, progress=done, until=until)
    tally = Tally(tuple(model.outcomes), float(model.step_hours), seed)
    for k, start in enumerate(range(0, runs, CHUNK)):
        size = min(CHUNK, runs - start)
        child = np.random.SeedSequence(seed, spawn_key=(k,))
        done = (lambda f, start=start, size=size: progress(start + int(f * size), runs)) if progress else None
        tally.add(run_many(model, size, child, trace=trace, progress=done, until=until))
    return tally
