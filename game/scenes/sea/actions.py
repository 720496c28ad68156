"""The wooden boat (the sea screen): the crew's choices as the model's action.

Pure Python, no pygame: what a control does is tested in milliseconds
(tests/test_controls.py)."""

from __future__ import annotations

from dataclasses import dataclass

from ...i18n import N_

COURSE_STEP = 15.0  # degrees a course button or key turns the boat
ENGINE = ((0.0, N_("off")), (0.3, N_("slow")), (0.55, N_("cruise")), (1.0, N_("full")))
RATIONS = ((1.0, N_("full")), (0.6, N_("reduced")), (0.3, N_("minimal")))


@dataclass
class Crew:
    """What the crew has chosen: a course, the engine, bailing, repairs,
    rations, signalling, turning for home, passing for a fishing boat."""

    heading: float = 0.0
    throttle_i: int = 2
    bail: bool = True
    repair: bool = False
    ration_i: int = 0
    signal: bool = False
    turn_back: bool = False
    cover: bool = False

    def turn(self, delta: float) -> None:
        """A new course is a new decision: it ends turning back."""
        self.heading = (self.heading + delta) % 360
        self.turn_back = False


def sea_action(crew: Crew, crossing: bool, in_port: bool = False) -> dict:
    """The sea model's action. Passing for a fishing boat only means something
    on a crossing (a fishing crew is one)."""
    action = {
        "heading_deg": float(crew.heading),
        "throttle": ENGINE[crew.throttle_i][0],
        "bail": int(crew.bail),
        "repair": int(crew.repair),
        "ration": RATIONS[crew.ration_i][0],
        "signal": int(crew.signal),
        "turn_back": int(crew.turn_back),
        "cover": int(crew.cover and crossing),
    }
    if in_port:
        action["in_port"] = 1
    return action
