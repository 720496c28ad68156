"""Stepping a risk model: the game's single run and the debrief's many.

``Simulation`` is what both use. The game makes one with n=1, feeds it the
player's action every step and records the choices in a ``ChoiceTrace``; the
debrief makes one with n=1000 and replays that trace. Same seed, same trace,
n=1: the same run as the game's, step for step.

``run_to_end`` is the one loop that steps a Simulation to its end, for the
debrief's replays, ``simulate`` and the automatic player; a *policy* says the
action at each step (the recorded choices, then the automatic player).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import numpy as np

from .model import ONGOING, RiskModel, State


@dataclass
class ChoiceTrace:
    """The player's decisions: at which step each new action began.

    Actions persist until the next entry, so a 40-minute play is a short list.
    ``where`` keeps traveller 0's map position when the choice was made, for
    the debrief's map.
    """

    scenario: str = ""
    entries: list[dict[str, Any]] = field(default_factory=list)

    def record(self, step: int, action: Mapping[str, Any], where: tuple[float, float] | None = None) -> None:
        action = {k: _plain(v) for k, v in action.items()}
        if self.entries and self.entries[-1]["action"] == action:
            return
        entry: dict[str, Any] = {"step": int(step), "action": action}
        if where is not None:
            entry["where"] = [round(float(where[0]), 3), round(float(where[1]), 3)]
        if self.entries and self.entries[-1]["step"] == step:
            self.entries[-1] = entry
        else:
            self.entries.append(entry)


def _plain(value: Any) -> Any:
    # The automatic player may give per-traveller arrays; for one traveller
    # the trace keeps plain scalars so that it is readable JSON.
    if isinstance(value, np.ndarray) and value.size == 1:
        return value.reshape(-1)[0].item()
    if isinstance(value, np.generic):
        return value.item()
    return value


@dataclass
class Snapshot:
    """Traveller 0 at one step, for 'your journey'."""

    step: int
    hours: float
    x: float
    y: float
    risk: float
    reason: int


# Compaction: the finished travellers are dropped from the arrays that are
# stepped, checked every COMPACT_EVERY steps, once at most COMPACT_SHARE of the
# rows stepped are still going. At least COMPACT_FLOOR rows are kept (padded
# with finished travellers), so the travellers' axis of a random draw stays
# longer than any other axis the models draw along (a guard's 5, a crew's 8).
# A copy of the rows costs about one step, so dropping every tenth is worth it
# (fog, 10,000 runs: 6 % more rows stepped than going, against 16 % at 0.7).
COMPACT_EVERY = 8
COMPACT_SHARE = 0.9
COMPACT_FLOOR = 64


class SubsetGenerator:
    """A random generator for some of the travellers (``rows`` of ``n``).

    Every draw along the travellers' axis is made for all n, as when everyone
    is stepped, and the rows' part returned: each traveller gets the very
    numbers it would have had, and the stream goes on in the same place.
    Draws without a travellers' axis pass through unchanged. Only methods whose
    use of the stream does not depend on per-traveller parameters are offered;
    any other is refused with a message, never silently different."""

    def __init__(self, rng: np.random.Generator, n: int, rows: np.ndarray):
        self._rng, self._n, self._rows, self._m = rng, n, rows, len(rows)

    def _full(self, size: Any, *params: Any) -> tuple[Any, int | None]:
        if size is None:
            shape = np.broadcast(*params).shape if params and any(np.ndim(p) for p in params) else None
            if shape is None:
                return None, None
        else:
            shape = (int(size),) if np.ndim(size) == 0 else tuple(int(d) for d in size)
        axes = [i for i, d in enumerate(shape) if d == self._m]
        if not axes:
            if any(np.ndim(p) for p in params):
                raise RuntimeError(f"a draw with per-traveller parameters of shape {shape} but no travellers' axis")
            return shape, None
        if len(axes) > 1:
            raise RuntimeError(f"a draw of shape {shape} has more than one axis of {self._m} travellers")
        a = axes[0]
        return shape[:a] + (self._n,) + shape[a + 1:], a

    def _take(self, out: np.ndarray, axis: int | None) -> np.ndarray:
        return out if axis is None else np.take(out, self._rows, axis=axis)

    def random(self, size=None, dtype=np.float64):
        full, a = self._full(size)
        return self._take(self._rng.random(full, dtype), a)

    def standard_normal(self, size=None, dtype=np.float64):
        full, a = self._full(size)
        return self._take(self._rng.standard_normal(full, dtype), a)

    def standard_exponential(self, size=None, dtype=np.float64):
        full, a = self._full(size)
        return self._take(self._rng.standard_exponential(full, dtype), a)

    # numpy draws these as a parameter applied to one standard draw each, so the
    # parameters are applied here, to the rows' part (the same arithmetic).
    def uniform(self, low=0.0, high=1.0, size=None):
        full, a = self._full(size, low, high)
        return low + (np.subtract(high, low)) * self._take(self._rng.random(full), a)

    def normal(self, loc=0.0, scale=1.0, size=None):
        full, a = self._full(size, loc, scale)
        return loc + scale * self._take(self._rng.standard_normal(full), a)

    def exponential(self, scale=1.0, size=None):
        full, a = self._full(size, scale)
        return scale * self._take(self._rng.standard_exponential(full), a)

    def integers(self, low, high=None, size=None, dtype=np.int64, endpoint=False):
        if np.ndim(low) or np.ndim(high):
            raise RuntimeError("integers() with per-traveller bounds cannot be drawn for a subset")
        full, a = self._full(size)
        return self._take(self._rng.integers(low, high, full, dtype, endpoint), a)

    def __getattr__(self, name: str):
        raise RuntimeError(f"rng.{name}() is not offered while only the travellers still going are stepped; "
                           "add it to game.sim.runner.SubsetGenerator (drawing for all and keeping the rows' part)")


class Simulation:
    """n travellers of one model, one seeded generator, a fixed time step."""

    def __init__(self, model: RiskModel, n: int, seed: int, events: bool = True):
        self.model = model
        self.n = n
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        # Once compacted: which traveller each row of the state is, and every
        # traveller's outcome (the dropped ones' are final).
        self.rows: np.ndarray | None = None
        self._outcomes: np.ndarray | None = None
        self._per_traveller: dict[str, int | None] | None = None
        self._compactable = True
        # Events logged before the last compaction, with travellers' own indices.
        self._past_log: list[tuple[int, str, Any, dict[str, Any]]] = []
        self.state: State = model.start(n, self.rng)
        self.state.events = events  # False: nobody will read them (State.events)
        self.trace = ChoiceTrace(scenario=model.id)
        self.journey: list[Snapshot] = [self._snapshot()]
        # Step at which each traveller's outcome was decided, and where.
        self.end_step = np.full(n, -1, dtype=np.int32)
        self.end_x = np.full(n, np.nan)
        self.end_y = np.full(n, np.nan)

    @property
    def outcomes(self) -> np.ndarray:
        """Every traveller's outcome code (ONGOING while going), compacted or not."""
        if self.rows is None:
            return self.state.outcome
        self._outcomes[self.rows] = self.state.outcome
        return self._outcomes

    def compact(self) -> bool:
        """Drop finished travellers from the stepped arrays (see COMPACT_*).
        True if it did. Results and random draws stay exactly the same."""
        s = self.state
        active = s.active
        going = int(active.sum())
        if not self._compactable or going > COMPACT_SHARE * s.n or s.n <= COMPACT_FLOOR:
            return False
        keep = active.copy()
        pad = min(COMPACT_FLOOR, s.n) - going
        if pad > 0:
            keep[np.flatnonzero(~active)[:pad]] = True
        local = np.flatnonzero(keep)
        if self._per_traveller is None:
            self._per_traveller = self._traveller_extras()
        extra = {}
        for key, value in s.extra.items():
            axis = self._traveller_axis(key, value, s.n)
            if axis is False:
                self._compactable = False  # an array whose travellers' axis cannot be told: never compact
                return False
            extra[key] = value if axis is None else np.take(value, local, axis=axis)
        outcomes = self.outcomes.copy() if self.rows is not None else s.outcome.copy()
        self._past_log.extend(self._global_log(s.log))
        self.state = State(n=len(local), x=s.x[local], y=s.y[local], outcome=s.outcome[local], hours=s.hours[local],
                           risk=s.risk[local], reason=s.reason[local], step=s.step, extra=extra, events=s.events)
        self.rows = local if self.rows is None else self.rows[local]
        self._outcomes = outcomes
        return True

    def _traveller_extras(self) -> dict[str, int | None]:
        """For each extra the model starts with, its travellers' axis (None for
        none): the axis whose length follows n when the model is started for 2
        and for 3 travellers (on a throwaway generator)."""
        two = self.model.start(2, np.random.default_rng(0)).extra
        three = self.model.start(3, np.random.default_rng(0)).extra
        axes: dict[str, int | None] = {}
        for key, v in two.items():
            w = three.get(key)
            axes[key] = None
            if isinstance(v, np.ndarray) and isinstance(w, np.ndarray) and v.ndim == w.ndim:
                moved = [i for i, (a, b) in enumerate(zip(v.shape, w.shape)) if (a, b) == (2, 3)]
                axes[key] = moved[0] if len(moved) == 1 else None
        return axes

    def _traveller_axis(self, key: str, value: Any, n: int) -> int | None | bool:
        """The travellers' axis of an extra now; None if it has none; False if it cannot be told."""
        if not isinstance(value, np.ndarray) or value.ndim == 0:
            return None
        if key in self._per_traveller:
            axis = self._per_traveller[key]
            return axis if axis is not None and value.shape[axis] == n else (None if axis is None else False)
        # Made during a step: the one axis as long as the travellers.
        axes = [i for i, d in enumerate(value.shape) if d == n]
        return axes[0] if len(axes) == 1 else (None if not axes else False)

    @property
    def step_index(self) -> int:
        return self.state.step

    @property
    def finished(self) -> bool:
        return not np.count_nonzero(self.state.active)  # (.any(), at a fifth of its cost a call)

    def step(self, action: Mapping[str, Any] | None = None, record: bool = True, past_the_end: bool = False) -> None:
        """One fixed step. ``action`` defaults to the model's resting action.

        Once every traveller has an outcome a step does nothing, unless
        ``past_the_end`` (the sea's boats drift on after their crews' fates)."""
        if self.finished and not past_the_end:
            return
        full = dict(self.model.default_action)
        if action:
            full.update(action)
        if record and self.n == 1:
            self.trace.record(self.state.step, full, (self.state.x[0], self.state.y[0]))
        was_active = self.state.active.copy()
        rng = self.rng if self.rows is None else SubsetGenerator(self.rng, self.n, self.rows)
        self.model.step(self.state, full, rng)
        self.state.step += 1
        if self.state.step >= self.model.max_steps and self.model.timeout_outcome:
            self.state.finish(np.ones(self.state.n, bool), self.model.code(self.model.timeout_outcome))
        ended = was_active & ~self.state.active
        if np.count_nonzero(ended):
            who = ended if self.rows is None else self.rows[ended]
            self.end_step[who] = self.state.step
            self.end_x[who] = self.state.x[ended]
            self.end_y[who] = self.state.y[ended]
        self.journey.append(self._snapshot())

    def _snapshot(self) -> Snapshot:
        s = self.state
        if self.rows is not None and self.rows[0] != 0:  # traveller 0 has finished and was dropped
            last = self.journey[-1]
            return Snapshot(s.step, last.hours, last.x, last.y, last.risk, last.reason)
        return Snapshot(s.step, float(s.hours[0]), float(s.x[0]), float(s.y[0]), float(s.risk[0]), int(s.reason[0]))

    def events(self, i: int = 0) -> list[dict[str, Any]]:
        """What happened to traveller ``i``: ``[{"step", "code", ...}]`` in order."""
        if not self._past_log and self.rows is None:
            return self.state.events_of(i)
        whole = State.empty(self.n)
        whole.log = self._past_log + self._global_log(self.state.log)
        return whole.events_of(i)

    def event_counts(self, code: str) -> np.ndarray:
        """How many times ``code`` happened to each traveller (n counts): what
        counting it in ``events(i)`` for every i gives, in one pass over the log."""
        counts = np.zeros(self.n, np.int64)
        for _step, c, idx, _info in self._past_log + self._global_log(self.state.log):
            if c == code:
                if idx is None:
                    counts[0] += 1
                else:
                    np.add.at(counts, idx, 1)
        return counts

    def _global_log(self, log: list) -> list:
        """A state's log with row indices turned back into travellers' own."""
        if self.rows is None:
            return list(log)
        return [(step, code, idx if idx is None else self.rows[idx], info) for step, code, idx, info in log]

    def outcome_of(self, i: int = 0) -> str | None:
        code = int(self.outcomes[i])
        return None if code == ONGOING else self.model.outcomes[code]

    def autoplay(self, progress: Progress | None = None) -> None:
        """Run every traveller to the end with the model's automatic player."""
        run_to_end(self, automatic(self.model), progress, record=True)


# ---------------------------------------------------------------- the loop

Progress = Callable[[float], None]
Policy = Callable[[State], Mapping[str, Any]]


class Cancelled(Exception):
    """A run stopped early because its job was cancelled."""


def automatic(model: RiskModel) -> Policy:
    """The model's automatic player, for every traveller."""
    return model.auto_action


def replaying(model: RiskModel, trace: ChoiceTrace, until: int | None = None) -> Policy:
    """The recorded choices; from step ``until`` on, the automatic player.

    The player's own journey ended at ``until``: the other travellers carry on
    from where they are with the automatic player's choices rather than
    repeating the last recorded one for ever (a soldier who died at a fence
    would otherwise have everyone else stand at it).
    """
    entries = sorted(trace.entries, key=lambda e: e["step"])
    current = dict(model.default_action)
    nxt = 0

    def policy(state: State) -> Mapping[str, Any]:
        nonlocal nxt
        if until is not None and state.step >= until:
            return model.auto_action(state)
        while nxt < len(entries) and entries[nxt]["step"] <= state.step:
            current.update(entries[nxt]["action"])
            nxt += 1
        return dict(current)

    return policy


def run_to_end(
    sim: Simulation,
    policy: Policy,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    record: bool = False,
    done: Callable[[Simulation], bool] | None = None,
    compact: bool | None = None,
) -> None:
    """Step ``sim`` until every traveller has an outcome.

    ``progress`` gets 0..1 every 16 steps and 1.0 at the end; ``cancelled``
    is asked before every step (a sliced job waits there for its turn) and
    stops the run with :class:`Cancelled`. ``done``
    replaces the end condition (the sea's fleet runs on until every boat's
    fate is settled); then the run also stops at the model's ``max_steps``.
    ``compact`` steps only the travellers still going (by default for many
    travellers and no fleet): the same results, the same random numbers.
    """
    model = sim.model
    if compact is None:
        compact = done is None and not record and sim.n > 2 * COMPACT_FLOOR
    while not (done(sim) if done is not None else sim.finished):
        if sim.step_index >= model.max_steps:
            if done is not None:
                break
            # Only reachable for a model without a timeout outcome.
            raise RuntimeError(f"model '{model.id}': travellers still going after max_steps={model.max_steps}")
        if cancelled is not None and cancelled():
            raise Cancelled
        sim.step(policy(sim.state), record=record, past_the_end=done is not None)
        if compact and sim.step_index % COMPACT_EVERY == 0:
            sim.compact()
        if progress and sim.step_index % 16 == 0:
            progress(min(1.0, sim.step_index / max(1, model.max_steps)))
    if progress:
        progress(1.0)
