"""The JSA dash: the player's controls and answers -> the model's action.

Pure Python, no pygame. Walking (the direction, the pace, staying down) is
the DMZ screens' shared action (``game.scenes.dmz.actions.jsa_action``); the
dash adds its decisions: the hour to set off, the duty book, the guards' round seen from the lookout, how fast to drive the road in,
whether to stop at the turn and watch the checkpoint, how to pass it, what to do if the guards stop you there, turned back, whether to go home
or try again after dark, how fast to take the last stretch, rocking the stuck jeep, whether
to weave as you run, and, wounded in cover, whether to crawl on and, lying
there, whether to signal; across unhurt, whether to wait behind the wall or run on.
The screen asks each as a question (``QUESTIONS``); ``answer`` turns the
chosen answer into the decisions and the walker's state.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ...i18n import N_
from ...sim.jsa import (AFTERNOON, AT_SPEED, BLUFF, CRAWL_ON, DRIVE_ON, DRIVE_ON_BRIDGE, DUSK, ERRAND, FULL_SPEED, GO_HOME, GO_NOW,
                        KEEP_STILL, LIE_STILL, LOOK, LOOK_BACK, LOOK_ON, NO_LOOK, NO_WORD, ORDINARY, RUN_ON, SIGNAL, SLOW_DOWN,
                        SPEED_PAST, TALK, TRY_AGAIN, TURN_AT_BRIDGE, TURN_BACK, UNDECIDED, WAIT_COVER, WATCH_ROUND)
from ..dmz.actions import Walker, jsa_action


@dataclass
class Decisions:
    """The dash's decisions as the model reads them (game/sim/jsa.py)."""

    hour: int = AFTERNOON
    bridge: int = DRIVE_ON_BRIDGE
    road: int = AT_SPEED
    checkpoint: int = SPEED_PAST
    drive: int = FULL_SPEED
    free: bool = False  # rocking the jeep stuck in the ditch
    weave: bool = False  # running in a zigzag
    cover: int = UNDECIDED
    signal: int = UNDECIDED
    held: int = UNDECIDED  # stopped at the checkpoint
    onward: int = UNDECIDED  # across unhurt, in cover
    errand: int = NO_WORD  # the duty book at your post
    look: int = NO_LOOK  # at the turn by the monument: watch the checkpoint first
    watch: int = GO_NOW  # at the lookout: set off now, or when the guards near the line are furthest off
    again: int = UNDECIDED  # turned back the first time: go home and say nothing, or try again after dark
    # the way chosen on leaving the jeep, as points (tiles) the screen steers through until
    # you steer yourself; not a field of the model, which gets the steps' directions
    way: tuple[tuple[float, float], ...] | None = None


def dash_action(move: tuple[float, float], pace: str, waiting: bool, d: Decisions) -> dict:
    """The JSA model's whole action: walking, and the decisions."""
    return {**jsa_action(move, pace, waiting), "road": int(d.road), "checkpoint": int(d.checkpoint),
            "drive": int(d.drive), "free": bool(d.free), "weave": bool(d.weave), "cover": int(d.cover),
            "signal": int(d.signal), "hour": int(d.hour), "bridge": int(d.bridge), "held": int(d.held), "onward": int(d.onward),
            "errand": int(d.errand), "look": int(d.look), "watch": int(d.watch), "again": int(d.again)}


# Each question the screen asks: its answers as (key, label), the first the default.
QUESTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "hour": (("afternoon", N_("Go now, in the afternoon")), ("dusk", N_("Wait at your post until dusk"))),
    "errand": (("none", N_("Take the jeep without a word")),
               ("errand", N_("Write an errand to the Joint Security Area in the duty book"))),
    "watch": (("now", N_("Set off now")),
              ("watch", N_("Watch the guards' round, and go when they are furthest from the line"))),
    "road": (("fast", N_("Drive at speed, and be there sooner")),
             ("ordinary", N_("Drive at an ordinary pace, like any jeep on an errand"))),
    "checkpoint": (("speed", N_("Drive past at speed")), ("bluff", N_("Slow down and wave, as if on an errand"))),
    "bridge": (("on", N_("Drive on to the turn and the checkpoint")),
               ("back", N_("Turn back here, before anyone at the checkpoint sees you")),
               # one of these two, by the pace you have driven so far (observation.make_question)
               ("slower", N_("Drive on, but at an ordinary pace from here")),
               ("faster", N_("Drive on, but at speed from here"))),
    "look": (("on", N_("Drive straight on to the checkpoint")),
             ("look", N_("Stop at the turn and watch the checkpoint first"))),
    "looked": (("on", N_("Drive on to the checkpoint")), ("back", N_("Turn back here, by the monument"))),
    # trying again, the pace of the road in (the road's question is not asked twice)
    "again": (("home", N_("Drive back to your unit and say nothing")),
              ("again_ordinary", N_("After dark, try again at an ordinary pace")),
              ("again_fast", N_("After dark, try again at speed"))),
    "held": (("talk", N_("Stop and talk: give them your errand")),
             ("drive", N_("Put your foot down and drive on through")),
             ("turn", N_("Say you took a wrong turn, and turn back"))),
    "last_stretch": (("full", N_("Keep your foot down")), ("slow", N_("Slow down and steer round the ditch"))),
    "stuck": (("straight", N_("Run straight for the line: the shortest way, in the open")),
              ("huts", N_("Run past the hut on the line: longer, but it hides you from some of them")),
              ("rock", N_("Try to rock the jeep free")), ("stay", N_("Stay low in the jeep"))),
    "at_kerb": (("straight", N_("Run straight for the line: the shortest way, in the open")),
                ("huts", N_("Run past the hut on the line: longer, but it hides you from some of them")),
                ("stay", N_("Stay low in the jeep"))),
    "weave": (("straight", N_("Run straight: the quickest way out of their range")),
              ("weave", N_("Weave as you run: harder to hit, but slower"))),
    "hit": (("run", N_("Keep running")), ("crawl", N_("Get down and crawl")), ("down", N_("Drop and lie still"))),
    "cover": (("lie", N_("Lie still by the wall and wait")), ("crawl_on", N_("Crawl on towards the South's building"))),
    "onward": (("wait", N_("Stay down behind the wall and wait")), ("run", N_("Run on for the South's building"))),
    "signal": (("still", N_("Keep still and wait to be found")),
               ("signal", N_("Raise a hand and call out to the South's side"))),
}

# The questions the kiosk's short cut leaves to the automatic player (2017's choices), and those choices.
CUT_SKIPS = ("hour", "errand", "watch", "road", "bridge", "look", "weave", "signal", "again")
# trying again after dark, the questions at the checkpoint are asked again (the hour, the duty book and the lookout
# hold; the road's pace is the road back's answer; the bridge is not asked twice: he has just chosen to go again)
ASKED_AGAIN = ("look", "looked", "checkpoint", "held")


def answer(kind: str, key: str, d: Decisions, walker: Walker, ways: dict[str, tuple[tuple[float, float], ...]]) -> None:
    """Apply the answer ``key`` to question ``kind``: the decisions, and the
    walker's pace, lying still and target (``ways``: the points each way to
    run goes through, in tiles, by answer)."""
    if key not in dict(QUESTIONS.get(kind, ())):
        raise ValueError(f"no answer {key!r} to the question {kind!r}")
    if kind == "hour":
        d.hour = DUSK if key == "dusk" else AFTERNOON
    elif kind == "errand":
        d.errand = ERRAND if key == "errand" else NO_WORD
    elif kind == "watch":
        d.watch = WATCH_ROUND if key == "watch" else GO_NOW
    elif kind == "look":
        d.look = LOOK if key == "look" else NO_LOOK
    elif kind == "looked":
        d.look = LOOK_BACK if key == "back" else LOOK_ON
    elif kind == "bridge":
        d.bridge = TURN_AT_BRIDGE if key == "back" else DRIVE_ON_BRIDGE
        if key in ("slower", "faster"):  # the rest of the road in, at the other pace
            d.road = ORDINARY if key == "slower" else AT_SPEED
    elif kind == "again":
        d.again = GO_HOME if key == "home" else TRY_AGAIN
        if key != "home":  # the same road again: every choice on it is to make again, at the pace chosen here
            d.bridge, d.look, d.held, d.checkpoint = DRIVE_ON_BRIDGE, NO_LOOK, UNDECIDED, SPEED_PAST
            d.road = ORDINARY if key == "again_ordinary" else AT_SPEED
    elif kind == "held":
        d.held = {"talk": TALK, "drive": DRIVE_ON, "turn": TURN_BACK}[key]
    elif kind == "onward":
        d.onward = RUN_ON if key == "run" else WAIT_COVER
    elif kind == "road":
        d.road = ORDINARY if key == "ordinary" else AT_SPEED
    elif kind == "weave":
        d.weave = key == "weave"
    elif kind == "signal":
        d.signal = SIGNAL if key == "signal" else KEEP_STILL
    elif kind == "checkpoint":
        d.checkpoint = BLUFF if key == "bluff" else SPEED_PAST
    elif kind == "last_stretch":
        d.drive = SLOW_DOWN if key == "slow" else FULL_SPEED
    elif kind in ("stuck", "at_kerb"):
        d.free = key == "rock"
        walker.waiting = key == "stay"
        walker.target = None
        d.way = ways[key] if key in ("straight", "huts") else None
        if d.way is not None:
            walker.pace = "run"
    elif kind == "hit":
        walker.waiting = key == "down"
        if key == "down":
            walker.target = None
        else:
            walker.pace = "run" if key == "run" else "crawl"
    elif kind == "cover":
        d.cover = CRAWL_ON if key == "crawl_on" else LIE_STILL


def cut_decisions() -> Decisions:
    """The kiosk's short cut: the questions it does not ask answered as in 2017."""
    return Decisions(hour=AFTERNOON, road=AT_SPEED, weave=False, signal=KEEP_STILL, errand=NO_WORD, look=NO_LOOK, watch=GO_NOW,
                     again=GO_HOME)


def way_direction(way: tuple[tuple[float, float], ...], pos: tuple[float, float], arrive: float) -> tuple[float, float]:
    """The unit direction towards the first point of ``way`` still ahead (further
    south than ``arrive`` tiles); due south once past the last."""
    for px, py in way:
        if pos[1] < py - arrive:
            vx, vy = px - pos[0], py - pos[1]
            norm = math.hypot(vx, vy)
            return vx / norm, vy / norm
    return 0.0, 1.0
