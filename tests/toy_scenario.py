"""A toy risk model and scenario folder for the Monte Carlo tests.

Not game code: the model is registered as "toy" (``game.levels.MODELS``) only
for the length of a test (monkeypatch), so ``game.levels.model_for`` finds it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from game.sim.model import RiskModel, State


class ToyModel(RiskModel):
    """Walk right towards x=goal; each step there is a chance of being stopped."""

    id = "toy"
    outcomes = ("arrived", "stopped", "timed_out")
    step_hours = 0.5
    max_steps = 60
    timeout_outcome = "timed_out"
    default_action = {"pace": 1.0, "hide": False}
    risk_reasons = ("Moving in the open.",)

    def start(self, n, rng):
        state = State.empty(n, x=0.0, y=5.0)
        state.y += rng.normal(0.0, 1.0, n)
        return state

    def step(self, state, action, rng):
        pace = np.broadcast_to(np.asarray(action["pace"], float), (state.n,))
        hazard = self.params["hazard"] * pace * (0.5 if action["hide"] else 1.0)
        draw = rng.random(state.n)  # every traveller, every step
        jitter = rng.normal(0.0, 0.1, state.n)
        state.risk[:] = np.where(state.active, hazard, 0.0)
        state.reason[:] = np.where(state.active, 0, -1)
        state.finish(draw < hazard, self.code("stopped"))  # stopped where they stand
        go = state.active
        state.x[go] += pace[go] * self.params["speed"]
        state.y[go] += jitter[go]
        state.hours[go] += self.step_hours
        state.finish(state.x >= self.params["goal"], self.code("arrived"))

    def auto_action(self, state):
        # Per-traveller arrays: slow down near the goal.
        return {"pace": np.where(state.x > self.params["goal"] / 2, 0.5, 1.0), "hide": False}


SCENARIO_TOML = '''
id = "toy"
title = "A toy walk"
summary = "For tests."
model = "toy"
content_note = "None."
briefing = ["Walk right."]
default_preset = "calm"
{map_line}

[parameters.hazard]
value = 0.02
source = "assumption"
label = "Chance of being stopped per step"
unit = ""
min = 0.0
max = 1.0

[parameters.speed]
value = 1.0
source = "toy.speed_fact"
label = "Tiles walked per step"
unit = "tiles"
min = 0.1
max = 10.0

[parameters.goal]
value = 20
source = "assumption"
label = "Distance to the goal"
unit = "tiles"
min = 1
max = 200
integer = true

[presets.calm]
label = "A calm day"
set = {{ hazard = 0.02 }}

[presets.tense]
label = "A tense day"
set = {{ hazard = 0.08, goal = 30 }}

[outcomes.arrived]
label = "Arrived"
text = "They got there."

[outcomes.stopped]
label = "Stopped on the way"
text = "They were stopped."

[outcomes.timed_out]
label = "Still walking when time ran out"
text = "Time ran out."
'''


def install(monkeypatch) -> None:
    """Register the toy model for this test only."""
    from game import levels

    monkeypatch.setitem(levels.MODELS, "toy", ToyModel)


def legacy_choices(scenario: str, entries: list) -> str:
    """A choices file as the game's Save wrote it before journey records."""
    import json

    return json.dumps({"scenario": scenario, "entries": entries}, indent=1, sort_keys=True)


def make_levels(root: Path, with_map: bool = False) -> Path:
    """A levels folder holding one scenario, ``toy``; returns the folder."""
    folder = root / "toy"
    folder.mkdir(parents=True)
    map_line = 'map = "map.tmx"' if with_map else ""
    if with_map:
        write_toy_map(folder)
    (folder / "scenario.toml").write_text(SCENARIO_TOML.format(map_line=map_line), encoding="utf-8")
    return root


def write_toy_map(folder: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    try:
        from tools.tmxwrite import write_map, write_tileset
    finally:
        sys.path.pop(0)
    write_tileset(folder / "tiles.tsx", "toy", "tiles.png", (32, 16), 16, [{"terrain": "grass"}, {"terrain": "road"}])
    write_map(folder / "map.tmx", 16, "tiles.tsx", {"ground": np.ones((4, 6), dtype=int)}, properties={"metres_per_tile": 10})
