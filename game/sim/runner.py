"""Stepping a risk model: the game's single run and the debrief's many.

``Simulation`` is what both use. The game makes one with n=1, feeds it the
player's action every step and records the choices in a ``ChoiceTrace``; the
debrief makes one with n=1000 and replays that trace. Same seed, same trace,
n=1: the same run as the game's, step for step.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
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

    def action_at(self, step: int, default: Mapping[str, Any]) -> dict[str, Any]:
        current = dict(default)
        for entry in self.entries:
            if entry["step"] > step:
                break
            current.update(entry["action"])
        return current

    def to_json(self) -> str:
        return json.dumps({"scenario": self.scenario, "entries": self.entries}, indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str, source: str = "<trace>") -> "ChoiceTrace":
        try:
            data = json.loads(text)
            entries = data["entries"]
            if not isinstance(entries, list):
                raise TypeError("'entries' must be a list")
            for i, e in enumerate(entries):
                if not isinstance(e.get("step"), int) or not isinstance(e.get("action"), dict):
                    raise TypeError(f"entry {i} needs an integer 'step' and an 'action' table")
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"{source}: not a choice trace: {exc}") from None
        entries = sorted(entries, key=lambda e: e["step"])
        return cls(scenario=str(data.get("scenario", "")), entries=entries)

    @classmethod
    def load(cls, path: str | Path) -> "ChoiceTrace":
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ValueError(f"{path}: cannot read: {exc.strerror}") from None
        return cls.from_json(text, str(path))


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

    def step(self, action: Mapping[str, Any] | None = None, record: bool = True) -> None:
        """One fixed step. ``action`` defaults to the model's resting action."""
        if self.finished:
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

    def events(self, i: int = 0) -> list[dict[str, Any]]:
        """What happened to traveller ``i``: ``[{"step", "code", ...}]`` in order."""
        return self.state.events_of(i)

    def outcome_of(self, i: int = 0) -> str | None:
        code = int(self.state.outcome[i])
        return None if code == ONGOING else self.model.outcomes[code]

    def replay(self, trace: ChoiceTrace, progress: Callable[[float], None] | None = None) -> None:
        """Run every traveller to the end following a recorded trace."""
        while not self.finished:
            self.step(trace.action_at(self.state.step, self.model.default_action), record=False)
            if progress and self.state.step % 16 == 0:
                progress(min(1.0, self.state.step / max(1, self.model.max_steps)))

    def autoplay(self, progress: Callable[[float], None] | None = None) -> None:
        """Run every traveller to the end with the model's automatic player."""
        while not self.finished:
            self.step(self.model.auto_action(self.state))
            if progress and self.state.step % 16 == 0:
                progress(min(1.0, self.state.step / max(1, self.model.max_steps)))
