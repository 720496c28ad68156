"""Fog on the line: the player's controls as the fog model's action (pure Python)."""

from __future__ import annotations

from ..dmz.actions import jsa_action


def fog_action(move: tuple[float, float], pace: str, waiting: bool, climb: bool, turn_back: bool) -> dict:
    """The fog model's action: the JSA's, and climbing a fence, turning back."""
    return {**jsa_action(move, pace, waiting), "climb": bool(climb), "turn_back": bool(turn_back)}
