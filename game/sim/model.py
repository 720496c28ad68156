"""The contract every scenario's risk model follows.

One model, two uses: the game steps it for the player (n=1) and the debrief
replays the player's recorded choices for thousands of travellers. The code is
the same, so the chart explains the game. Everything here is numpy; this
package never imports pygame.

A model is a class with:

* ``id``            the scenario id it serves ("fog", "sea", ...)
* ``outcomes``      tuple of outcome ids, in a fixed order; index = code
* ``step_hours``    simulated hours per step (fixed time step)
* ``max_steps``     a hard stop; travellers still going then get ``timeout_outcome``
* ``timeout_outcome`` outcome id given to anyone still going at ``max_steps``
* ``default_action`` dict of action fields and their resting values
* ``risk_reasons``  tuple of short sentences (English msgids, translated where
                    shown) that say why risk rose; ``State.reason`` indexes it
* ``map_properties``, ``map_objects``  what the map must hold (optional)
* ``action_limits`` {field: (lowest, highest)} for numeric action fields, so a
                    recorded choice outside them is refused with a reason
                    (a field whose resting value is a whole number takes whole
                    numbers only)
* ``event_codes``   tuple of the codes the model may ``State.emit`` (a fence
                    reached, a storm, a broker found...); the sentences for
                    them live in the scenario's ``[events]`` table and
                    game/narrator.py tells them

and the methods below. ``world`` is the scenario's map data
(:class:`game.world.mapdata.MapData`, numpy arrays, no pygame) or None.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np

ONGOING = -1


class ParameterError(ValueError):
    """Parameter values a model cannot use (e.g. a boat that starts on land);
    the message names the parameters and says why, for the player or the
    command line to show as it is."""


@dataclass
class State:
    """Arrays with a leading dimension of n travellers, plus model extras.

    ``outcome`` is ONGOING (-1) while a traveller is still on the way, then an
    index into the model's ``outcomes``. ``x``/``y`` are map positions in tiles
    (floats). ``risk`` is the hazard faced this step (0..1) and ``reason`` the
    index of the sentence in ``risk_reasons`` that explains it (-1 for none).
    ``extra`` holds the model's own arrays (fuel, fog field, alertness...).
    """

    n: int
    x: np.ndarray
    y: np.ndarray
    outcome: np.ndarray
    hours: np.ndarray
    risk: np.ndarray
    reason: np.ndarray
    step: int = 0
    extra: dict[str, Any] = field(default_factory=dict)
    # What happened, step by step: (step, code, traveller indices or None when
    # n == 1, details). Only the travellers concerned are kept, so a replay of
    # 1,000 costs little; see emit().
    log: list[tuple[int, str, Any, dict[str, Any]]] = field(default_factory=list)
    # False for a run whose events nobody reads (the debrief's replays, simulate:
    # only outcomes, times and places are kept): emit() then does nothing, and a
    # model may skip working out what to tell or show (its events, ``reason``,
    # extras only a screen draws), never anything an outcome or the automatic
    # player depends on.
    events: bool = True

    @classmethod
    def empty(cls, n: int, x: float = 0.0, y: float = 0.0) -> "State":
        return cls(
            n=n,
            x=np.full(n, float(x)),
            y=np.full(n, float(y)),
            outcome=np.full(n, ONGOING, dtype=np.int16),
            hours=np.zeros(n),
            risk=np.zeros(n),
            reason=np.full(n, -1, dtype=np.int16),
        )

    @property
    def active(self) -> np.ndarray:
        return self.outcome == ONGOING

    def emit(self, code: str, mask: Any, **details: Any) -> None:
        """Note that ``code`` happened this step to the travellers in ``mask``.

        ``mask`` is a bool array of n (or one bool for all). ``details`` are
        scalars, or arrays of n of which only the concerned travellers' values
        are kept (a place, a distance: what the sentence may name). With one
        traveller (the game) its position is kept too, for the map.
        """
        if not self.events:
            return
        m = np.asarray(mask, bool)
        if m.ndim == 0:
            if not m:
                return
            m = np.ones(self.n, bool)
        if self.n == 1:
            if not m.reshape(-1)[0]:
                return
            # the one traveller's position too, for the map's marks
            info = {k: _first(v) for k, v in details.items()}
            info["x"], info["y"] = round(float(self.x[0]), 3), round(float(self.y[0]), 3)
            self.log.append((self.step, code, None, info))
            return
        idx = np.flatnonzero(m)
        if idx.size:
            info = {k: (np.asarray(v)[idx] if np.ndim(v) else v) for k, v in details.items()}
            self.log.append((self.step, code, idx, info))

    def events_of(self, i: int = 0) -> list[dict[str, Any]]:
        """Traveller ``i``'s events in order: ``{"step", "code", ...details}``."""
        out = []
        for step, code, idx, info in self.log:
            if idx is None:
                if i != 0:
                    continue
                out.append({"step": step, "code": code, **info})
                continue
            k = int(np.searchsorted(idx, i))
            if k < idx.size and idx[k] == i:
                out.append({"step": step, "code": code,
                            **{key: (_first(v[k:k + 1]) if np.ndim(v) else v) for key, v in info.items()}})
        return out

    def finish(self, mask: np.ndarray, code: int) -> None:
        """Give outcome ``code`` to travellers in ``mask`` that are still going."""
        outcome = self.outcome
        outcome[mask & (outcome == ONGOING)] = code  # (self.active, without the property's call)


def _first(value: Any) -> Any:
    """A plain Python scalar (JSON-ready) from a scalar or a one-element array."""
    arr = np.asarray(value)
    if arr.ndim:
        arr = arr.reshape(-1)[0]
    return arr.item() if isinstance(arr, np.generic | np.ndarray) else arr


class RiskModel:
    """Base class; subclasses fill in the class attributes and methods."""

    id: str = ""
    outcomes: tuple[str, ...] = ()
    step_hours: float = 1.0
    max_steps: int = 1000
    timeout_outcome: str = ""
    default_action: Mapping[str, Any] = {}
    risk_reasons: tuple[str, ...] = ()
    # What the map must hold (checked when the model is built from a scenario).
    map_properties: tuple[str, ...] = ()  # numeric map properties
    map_objects: tuple[str, ...] = ()  # named objects
    action_limits: Mapping[str, tuple[float, float]] = {}
    event_codes: tuple[str, ...] = ()

    def __init__(self, params: Mapping[str, float], world: Any = None):
        self.params = dict(params)
        self.world = world

    @classmethod
    def from_scenario(cls, scenario: Any, values: Mapping[str, float], world: Any = None) -> "RiskModel":
        """Build the model from a loaded scenario (``game.levels.Scenario``),
        its resolved values and its map data. A model needing more of the
        scenario (overland's route) takes it here; none reads a file itself."""
        return cls(values, world)

    def code(self, outcome_id: str) -> int:
        return self.outcomes.index(outcome_id)

    def start(self, n: int, rng: np.random.Generator) -> State:
        """The travellers at the start, before any step."""
        raise NotImplementedError

    def step(self, state: State, action: Mapping[str, Any], rng: np.random.Generator) -> None:
        """Advance every active traveller by one step, in place.

        ``action`` holds the same fields as ``default_action``; each value is a
        scalar shared by all travellers (a replayed choice) or an array of n
        (the automatic player's per-traveller choices). Draw random numbers for
        all n travellers every step (not only the active ones) so that traveller
        streams do not depend on who has finished.
        """
        raise NotImplementedError

    def auto_action(self, state: State) -> dict[str, Any]:
        """The automatic player's choice: a sensible, deterministic policy."""
        return dict(self.default_action)

    def ashore_steps(self, state: State) -> int | None:
        """Of traveller 0's steps, how many were spent before the journey proper began (a boat's
        days ashore before it put out), for the debrief to count days as the play does; None
        for a journey without such a time."""
        return None
