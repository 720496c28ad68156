"""Fog on the line: the player's controls as the fog model's action (pure Python)."""

from __future__ import annotations

from ..dmz.actions import jsa_action

# how to cross a fence: the model's fence_way codes (game.sim.fog CLIMB, CUT, UNDER)
FENCE_WAYS = ("climb", "cut", "under")
# the answers to a challenge: the model's evade codes (game.sim.fog FREEZE, CREEP, FLEE)
EVADE_WAYS = ("freeze", "crawl", "run")
# the way across the North's fences: the model's plan codes (game.sim.fog STRAIGHT, PATH, DRAIN)
PLAN_WAYS = ("straight", "path", "drain")
# how he leaves his post: the model's leave codes (game.sim.fog SLIP, WORD)
LEAVE_WAYS = ("slip", "word")
# the days before: how he learned where the mines are not, which morning (game.sim.fog LEARN_WAYS, MORNINGS)
LEARN_WAYS = ("kept", "watch", "ask")
MORNINGS = ("first", "thicker")
# how each answer leaves the soldier moving: (pace, lying still)
EVADE_POSTURE = {"freeze": ("crawl", True), "crawl": ("crawl", False), "run": ("run", False)}


def fog_action(move: tuple[float, float], pace: str, waiting: bool, climb: bool, turn_back: bool,
               way: str = "climb", probe: bool = False, set_out: bool = True, hail: bool = False,
               armed: bool = True, evade: str = "freeze", plan: str = "straight", leave: str = "slip",
               bank: bool = False, learn: str = "kept", morning: str = "first", coat: bool = False) -> dict:
    """The fog model's action: the JSA's, and crossing a fence (``climb``: cross it now,
    ``way``: climb, cut or under), probing for mines, turning back, leaving the
    post (``set_out``: False stays on duty there), calling out to the South's post,
    the rifle taken or left at the post (``armed``), the answer to a challenge (``evade``),
    the way across the North's fences he has in mind (``plan``), how he leaves his post
    (``leave``: slip away unseen, or a word to his comrade), waiting for a thicker bank of fog (``bank``),
    and the days before, settled at the model's first step: how he learned where the mines are not
    (``learn``), which morning (``morning``) and the padded winter coat (``coat``)."""
    return {**jsa_action(move, pace, waiting), "climb": bool(climb), "turn_back": bool(turn_back),
            "fence_way": FENCE_WAYS.index(way), "probe": bool(probe), "set_out": bool(set_out), "hail": bool(hail),
            "armed": bool(armed), "evade": EVADE_WAYS.index(evade), "plan": PLAN_WAYS.index(plan),
            "leave": LEAVE_WAYS.index(leave), "bank": bool(bank), "learn": LEARN_WAYS.index(learn),
            "morning": MORNINGS.index(morning), "coat": bool(coat)}


def sets_out(already: bool, move: tuple[float, float], asked: bool) -> bool:
    """Whether the soldier leaves his post this step: once gone, gone; a move or the
    Set out button takes him away."""
    return bool(already or asked or move[0] or move[1])


def way_for_key(key: str) -> str | None:
    """The fence way a key letter asks for (C climb, V cut, U under), or None."""
    return {"c": "climb", "v": "cut", "u": "under"}.get(key.lower())


def may_cross(way: str, at_fence: bool, at_drain: bool, armed: bool) -> bool:
    """Whether the fence ahead can be crossed this way: under only where a drain passes,
    a cut only with the rifle's bayonet."""
    return at_fence and (way != "under" or at_drain) and (way != "cut" or armed)


def follow_step(held: tuple[float, float], target, following: bool, way: tuple[float, float, bool]) -> tuple[
        tuple[float, float] | None, bool, bool]:
    """Following the planned way: (this step's direction, or None to leave it to the held keys
    or the tapped spot; still following; the way has ended). Held keys or a tapped spot take
    over (and end the following); the way's end (past the North's fences) ends it."""
    if not following:
        return None, False, False
    if held[0] or held[1] or target is not None:
        return None, False, False
    dx, dy, on = way
    if not on:
        return None, False, True
    return (dx, dy), True, False
