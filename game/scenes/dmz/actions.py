"""On foot across the DMZ (the fog and the JSA screens): where to go this step.

Pure Python, no pygame: the control state (a pace, lying still, a tapped
target) and the JSA model's action; the fog's own action is in
``game.scenes.fog.actions``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ...sim.dmzgrid import PACES  # noqa: F401  (the model's paces, in its order)


@dataclass
class Walker:
    """What the player has chosen on foot: a pace, lying still, a tapped target (tiles)."""

    pace: str = "walk"
    waiting: bool = False
    target: tuple[float, float] | None = None

    def direction(self, held: tuple[float, float], pos: tuple[float, float], arrive: float) -> tuple[float, float]:
        """Held keys, pad or touch pad first; else toward the tapped target until
        within ``arrive`` tiles of it."""
        dx, dy = held
        if not (dx or dy) and self.target is not None:
            vx, vy = self.target[0] - pos[0], self.target[1] - pos[1]
            dist = math.hypot(vx, vy)
            if dist >= arrive:
                dx, dy = vx / dist, vy / dist
        return dx, dy

    def move(self, held: tuple[float, float], pos: tuple[float, float], arrive: float) -> tuple[float, float]:
        """This step's direction: a held direction drops the target and gets you
        up; reaching the target drops it."""
        if held[0] or held[1]:
            self.target = None
            self.waiting = False
        dx, dy = self.direction(held, pos, arrive)
        if self.target is not None and not (dx or dy):
            self.target = None  # arrived
        return dx, dy

    def next_pace(self) -> str:
        return PACES[(PACES.index(self.pace) + 1) % len(PACES)]


def jsa_action(move: tuple[float, float], pace: str, waiting: bool) -> dict:
    """The JSA model's action: a direction, a pace, staying down."""
    return {"dx": float(move[0]), "dy": float(move[1]), "pace": PACES.index(pace), "wait": bool(waiting)}
