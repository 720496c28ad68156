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


class Simulation:
    """n travellers of one model, one seeded generator, a fixed time step."""

    def __init__(self, model: RiskModel, n: int, seed: int):
        self.model = model
        self.n = n
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        self.state: State = model.start(n, self.rng)
        self.trace = ChoiceTrace(scenario=model.id)
        self.journey: list[Snapshot] = [self._snapshot()]
        # Step at which each traveller's outcome was decided, and where.
        self.end_step = np.full(n, -1, dtype=np.int32)
        self.end_x = np.full(n, np.nan)
        self.end_y = np.full(n, np.nan)

    @property
    def step_index(self) -> int:
        return self.state.step

    @property
    def finished(self) -> bool:
        return not bool(self.state.active.any())

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
        self.model.step(self.state, full, self.rng)
        self.state.step += 1
        if self.state.step >= self.model.max_steps and self.model.timeout_outcome:
            self.state.finish(np.ones(self.n, bool), self.model.code(self.model.timeout_outcome))
        ended = was_active & ~self.state.active
        if ended.any():
            self.end_step[ended] = self.state.step
            self.end_x[ended] = self.state.x[ended]
            self.end_y[ended] = self.state.y[ended]
        self.journey.append(self._snapshot())

    def _snapshot(self) -> Snapshot:
        s = self.state
        return Snapshot(s.step, float(s.hours[0]), float(s.x[0]), float(s.y[0]), float(s.risk[0]), int(s.reason[0]))

    def outcome_of(self, i: int = 0) -> str | None:
        code = int(self.state.outcome[i])
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
) -> None:
    """Step ``sim`` until every traveller has an outcome.

    ``progress`` gets 0..1 every 16 steps and 1.0 at the end; ``cancelled``
    is asked as often and stops the run with :class:`Cancelled`. ``done``
    replaces the end condition (the sea's fleet runs on until every boat's
    fate is settled); then the run also stops at the model's ``max_steps``.
    """
    model = sim.model
    while not (done(sim) if done is not None else sim.finished):
        if sim.step_index >= model.max_steps:
            if done is not None:
                break
            # Only reachable for a model without a timeout outcome.
            raise RuntimeError(f"model '{model.id}': travellers still going after max_steps={model.max_steps}")
        sim.step(policy(sim.state), record=record, past_the_end=done is not None)
        if sim.step_index % 16 == 0:
            if cancelled is not None and cancelled():
                raise Cancelled
            if progress:
                progress(min(1.0, sim.step_index / max(1, model.max_steps)))
    if progress:
        progress(1.0)
