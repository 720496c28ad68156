"""Overland through China: the player's choices as the model's action (pure Python, no pygame)."""

from __future__ import annotations

from ...sim import overland as ov

# The number keys: what each asks to do where a choice of activity is open.
ACTIVITY_KEYS = {1: ov.HIDE, 2: ov.WORK, 3: ov.TRAVEL, 4: ov.SHELTER}


def activities(where: str, in_china: bool) -> list[int]:
    """What can be done here: at the river wait, watch the guards or cross; in
    China also work, or ask a church for shelter."""
    if where == "river":
        return [ov.HIDE, ov.WATCH, ov.TRAVEL]
    if in_china:
        return [ov.HIDE, ov.WORK, ov.SHELTER, ov.TRAVEL]
    return [ov.HIDE, ov.TRAVEL]


def activity_for_key(number: int, where: str, in_china: bool) -> int | None:
    """The activity a number key asks for, or None where it does not apply."""
    if where not in ("river", "place"):
        return None
    if where == "river" and number == 2:  # at the river, 2 watches the guards (there is no work)
        return ov.WATCH
    wanted = ACTIVITY_KEYS.get(number)
    return wanted if wanted in activities(where, in_china) else None


def overland_action(choice: dict) -> dict:
    """The overland model's action: every field a whole number."""
    return {k: int(v) for k, v in choice.items()}


def answers(money: float, bribe_cost: float) -> list[int]:
    """What she can do when police stop her on the road: money only if she has it."""
    return [ov.CALM, ov.PAY, ov.SLIP] if money >= bribe_cost else [ov.CALM, ov.SLIP]


def chance_words(p: float) -> str:
    """A chance as a person would say it (a msgid; the scene translates it)."""
    from ...i18n import N_

    for limit, words in ((0.85, N_("almost always")), (0.6, N_("more often than not")),
                         (0.4, N_("about half the time")), (0.27, N_("about one time in three")),
                         (0.17, N_("about one time in five")), (0.07, N_("about one time in ten")),
                         (0.0, N_("rarely"))):
        if p >= limit:
            return words
    return N_("rarely")


def chance_text(p: float) -> str:
    """A chance in words, translated: as chance_words says it from "about half the time"
    up, but a smaller chance as "about one time in 4" or "in 40", so that two chances side
    by side can be told apart."""
    from ...i18n import _

    if p >= 0.4:
        return _(chance_words(p))
    if p <= 0.0:
        return _("never")
    n = 1.0 / p
    step = 1 if n < 10 else 5 if n < 50 else 10 if n < 200 else 100
    return _("about one time in {n}").format(n=int(max(step, 2, round(n / step) * step)))


def river_answers(money: float, bribe_cost: float) -> list[int]:
    """Seen in the river: lie still, run for China, and offer money only if she has it."""
    out = [ov.STILL, ov.RUN_FOR_IT]
    return out + [ov.PAY_GUARDS] if money >= bribe_cost else out


def door_answers(money: float, bribe_cost: float) -> list[int]:
    """The police at the door: hide, out the back, and open with money only if she has it."""
    out = [ov.DOOR_HIDE, ov.DOOR_RUN]
    return out + [ov.DOOR_PAY] if money >= bribe_cost else out
