"""Overland through China: the player's choices as the model's action (pure Python, no pygame)."""

from __future__ import annotations

from ...sim import overland as ov

# The number keys: what each asks to do where a choice of activity is open.
ACTIVITY_KEYS = {1: ov.HIDE, 2: ov.WORK, 3: ov.TRAVEL}


def activities(where: str, in_china: bool) -> list[int]:
    """What can be done here: at the river wait or cross; in China also work."""
    if where == "river":
        return [ov.HIDE, ov.TRAVEL]
    if in_china:
        return [ov.HIDE, ov.WORK, ov.TRAVEL]
    return [ov.HIDE, ov.TRAVEL]


def activity_for_key(number: int, where: str, in_china: bool) -> int | None:
    """The activity a number key asks for, or None where it does not apply."""
    if where not in ("river", "place"):
        return None
    wanted = ACTIVITY_KEYS.get(number)
    return wanted if wanted in activities(where, in_china) else None


def overland_action(choice: dict) -> dict:
    """The overland model's action: every field a whole number."""
    return {k: int(v) for k, v in choice.items()}
