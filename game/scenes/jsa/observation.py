"""The JSA dash: what the play screen shows, built from the model's state.

Pure Python (numpy, gettext; no pygame): ``observe`` reads the JSA model and
its state for traveller 0 and returns a ``JsaObservation``, the only thing
the view draws from. The panel's words, the questions' words and where the
journey ended are made here, so they are tested without a window. No
sentence counts wounds (issue 11 item 10).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ...i18n import N_, _
from ...sim.jsa import AT_COVER, BACK, DRIVING, HELD, ON_FOOT, STUCK, TURNED_CHECKPOINT, TURNED_MONUMENT
from .actions import QUESTIONS

FELT_WORDS = (N_("Nobody has a clear shot at you."), N_("You feel exposed."), N_("You are in their sights."),
              N_("You are in the open, close to them."))


@dataclass(frozen=True)
class Question:
    """A question the screen asks and waits for: its words and its answers (key, words)."""

    kind: str
    text: str
    answers: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Controls:
    """What the player has chosen that the screen shows (from the scene)."""

    pace: str = "run"
    waiting: bool = False
    rocking: bool = False
    felt_hint: bool = True
    weaving: bool = False


@dataclass
class JsaObservation:
    step: int
    clock: str  # "0:42", time since the start of the drive
    phase: int
    player: tuple[float, float]
    jeep: tuple[float, float]
    pursuers: tuple[tuple[float, float, float, float], ...]  # (x before the step, y before, x now, y now), tiles
    low: bool  # crawling, staying down or fallen: drawn lying
    wounded: bool
    mdl_y: float
    metres_per_tile: float
    felt_level: int
    line_m: int  # metres to the line (negative: past it)
    question: Question | None = None
    status: list[tuple[str, str]] = field(default_factory=list)
    checkpoint: tuple[float, float] | None = None  # named on the map until the jeep has passed it (tiles)
    road: float | None = None  # on the road in, before the map: how far along it (0..1); else None


def clock_text(seconds: float) -> str:
    return "{m}:{s:02d}".format(m=int(seconds // 60), s=int(seconds) % 60)


def round5(metres: float) -> int:
    return int(round(metres / 5.0) * 5)


def question_text(kind: str, model, state, errand: bool | None = None) -> str:
    """The words of a question, with what the player can know at that moment."""
    line_m = round5((model.mdl_y - float(state.y[0])) * model.mpt)
    if bool(state.extra["again"][0]) and kind in SECOND_DRIVE and not (kind == "checkpoint" and bool(state.extra["look_done"][0])):
        return second_drive_text(kind, model, state)  # (what he has just seen from the turn is short already)
    if kind == "hour":
        return _("Mid-afternoon, 13 November. A jeep of your unit stands ready, and the road runs down to the Joint "
                 "Security Area, about {m} m to the checkpoint. Go now, in daylight, as the soldier of 2017 did; or wait "
                 "at your post until dusk, about two hours: in the failing light fewer eyes on the road notice a "
                 "racing jeep and shots miss more often, but a jeep heading for the line at nightfall is out of place, "
                 "and the checkpoint is readier to stop it.").format(m=round5(checkpoint_m(model, state)))
    if kind == "errand":
        return _("Before you go: the duty book, where a driver writes where he takes a jeep. Write an errand to the "
                 "Joint Security Area: nobody will miss you on the road, and if the guards stop you, the book backs "
                 "your story; but the duty officer may wonder and telephone the checkpoint. Or take the jeep without "
                 "a word, and hope nobody misses you.")
    if kind == "watch":
        return _("From the lookout by your post you can see guards of your side walking their round near the line. "
                 "Set off now; or watch, and go when they are at the far end of it: they would be further from the "
                 "line when you reach it. But a soldier watching the line, not the road, may be asked why.")
    if kind == "look":
        return _("The checkpoint is in sight, about {m} m ahead. Drive straight on; or stop at the turn a few seconds "
                 "and watch it: you would see whether the guards sit in their guardhouse or stand in the road "
                 "waiting for you, and could still turn back. But a jeep standing in sight of the checkpoint draws "
                 "eyes.").format(m=round5(checkpoint_m(model, state)))
    if kind == "looked":
        if bool(state.extra["warned"][0]):
            return _("The guards stand in the road by the checkpoint, looking up it: they have been warned. Turn "
                     "back here, though they may still hold you; you would not cross now. Or drive on to the "
                     "checkpoint, where they are waiting.")
        return _("The guards sit in their guardhouse, and nobody looks your way: they have not been warned. Turn "
                 "back here, and you would not cross now. Or drive on to the checkpoint.")
    if kind == "bridge":
        if bool(state.extra["checked"][0]):
            return _("You are on the 72-Hour Bridge. Past it the road turns sharply by a monument into the Joint "
                     "Security Area, and the checkpoint is about {m} m on. As you left, someone at your post "
                     "reached for the telephone: the guards may be waiting for you. You can still turn back here, though "
                     "they may be waiting to ask where you went; you would not cross now. Or drive "
                     "on.").format(m=round5(checkpoint_m(model, state)))
        if bool(state.extra["warned"][0]):
            return _("You are on the 72-Hour Bridge. Past it the road turns sharply by a monument into the Joint "
                     "Security Area, and the checkpoint is about {m} m on. A soldier back on the road reached for a "
                     "telephone as you passed: the guards may be waiting for you. You can still turn back here, "
                     "though they may be waiting to ask where you went; you would not cross now. Or drive "
                     "on.").format(m=round5(checkpoint_m(model, state)))
        return _("You are on the 72-Hour Bridge. Past it the road turns sharply by a monument into the Joint "
                 "Security Area, and the guards at the checkpoint will see the jeep coming, about {m} m on. Here "
                 "you can still turn back before anyone there has seen you: you would not cross now. Or drive "
                 "on.").format(m=round5(checkpoint_m(model, state)))
    if kind == "again":
        return again_text(state)
    if kind == "held":
        if bool(state.extra["warned"][0]):
            return _("The guards have stopped the jeep at the checkpoint; they were warned about it. One stands in "
                     "the road, another at your door. Talk: give them your errand, though warned guards rarely "
                     "believe it. Drive on through: they may not get hold of the jeep, but the alarm will be up at "
                     "once. Or say you took a wrong turn and turn back: you would not cross now, and they may hold "
                     "you anyway.")
        if bool(state.extra["errand"][0]):
            return _("The guards have stopped the jeep at the checkpoint. One stands in the road, another at your "
                     "door. Talk: give them the errand you wrote in the duty book; they can ring the duty desk to "
                     "hear it again, and are likelier to believe it. Drive on through: they may not get hold of the "
                     "jeep, but the alarm will be up at once. Or say you took a wrong turn and turn back: you would "
                     "not cross now, and they may hold you anyway.")
        return _("The guards have stopped the jeep at the checkpoint. One stands in the road, another at your door. "
                 "Talk: give them your errand and hope they believe it. Drive on through: they may not get hold of "
                 "the jeep, but the alarm will be up at once. Or say you took a wrong turn and turn back: you would "
                 "not cross now, and they may hold you anyway.")
    if kind == "onward":
        return _("You are across the line, unhurt, behind a wall on the South's side. Your pursuers stand at the "
                 "line, still firing; in 2017 one of them stepped over it. Wait here for the South's soldiers, or "
                 "run on over the open ground to their building, in sight a few seconds more?")
    if kind == "road":
        # (asked before the jeep moves: the duty book's answer is the player's, not yet the model's)
        if bool(state.extra["errand"][0]) if errand is None else errand:
            return _("The road runs through rice fields to the 72-Hour Bridge, then turns sharply by a monument into "
                     "the Joint Security Area; a checkpoint of your own side stands by the road there, about {m} m "
                     "ahead. At speed you are there sooner, but a jeep racing towards the line is noticed, and "
                     "someone may telephone ahead. At an ordinary pace nobody gives you a second look, and with "
                     "your errand in the duty book nobody misses you on the road.").format(
                         m=round5(checkpoint_m(model, state)))
        return _("The road runs through rice fields to the 72-Hour Bridge, then turns sharply by a monument into "
                 "the Joint Security Area; a checkpoint of your own side stands by the road there, about {m} m "
                 "ahead. At speed you are there sooner, but a jeep racing towards the line is noticed, and someone "
                 "may telephone ahead. At an ordinary pace nobody gives you a second look, but the longer you are on the road, "
                 "the likelier you are missed.").format(m=round5(checkpoint_m(model, state)))
    if kind == "checkpoint":
        if bool(state.extra["look_done"][0]):
            if bool(state.extra["warned"][0]):
                return _("Ahead is the checkpoint, and the guards stand in the road, waiting for you. Racing past "
                         "may not get you through, and slowing down to wave hands you to them.")
            return _("Ahead is the checkpoint; the guards sit in their guardhouse. Race past, and they raise the "
                     "alarm at once. Slow down and wave, and they may let you through and wonder only later, or "
                     "they may stop you.")
        if _known(state):
            return _("Ahead, by the road, is the checkpoint whose guards let you turn round this afternoon. They "
                     "know your jeep: racing past may not get you through, and slowing down to wave hands you to "
                     "them.")
        if bool(state.extra["checked"][0]):
            return _("Ahead, by the road, is the checkpoint. As you left, someone at your post reached for "
                     "the telephone: the guards may be waiting for you. Warned, they step into the road: racing past "
                     "may not get you through, and slowing down to wave hands you to them.")
        if bool(state.extra["warned"][0]):
            return _("Ahead, by the road, is the checkpoint. A soldier back on the road reached for a telephone "
                     "as you passed: the guards may be waiting for you. Warned, they step into the road: racing "
                     "past may not get you through, and slowing down to wave hands you to them.")
        if bool(state.extra["dusk"][0]):
            return _("Ahead, by the road, is a checkpoint of your own side. The light is failing, and the guards "
                     "stand readier in the road than in the afternoon: racing past, they may stop you; slowing down "
                     "to wave, more likely still. Waved through, you are past them quietly, and they wonder only "
                     "later.")
        return _("Ahead, by the road, is a checkpoint of your own side. The guards know a jeep of their unit; "
                 "they do not know where it is going. Race past, and they raise the alarm at once. Slow down and "
                 "wave, and they may let you through and wonder only later, or they may stop you.")
    if kind == "last_stretch":
        return _("The road bends towards the line. A drainage ditch runs across its end, about {m} m short of the "
                 "line. At full speed a wheel may well drop into it; slowly you can steer round it and reach the "
                 "kerb of the line, but your pursuers gain on you with every second.").format(
                     m=round5(model.mpt * (model.mdl_y - model.ditch_y)))
    if kind == "stuck":
        return _("The front wheel has dropped into the ditch. The line is about {m} m to the south, and your "
                 "pursuers are coming.").format(m=line_m)
    if kind == "at_kerb":
        return _("The jeep stops at the kerb of the line, about {m} m short of it. Your pursuers are coming.").format(
            m=max(1, int(round((model.mdl_y - float(state.y[0])) * model.mpt))))
    if kind == "weave":
        return _("How do you run? Straight, as fast as you can, out of their range; or weaving from side to side: "
                 "harder to hit, but slower, and north of the line they gain on you.")
    if kind == "signal":
        return _("You lie wounded south of the line. Behind you the guards of the North stand at the line; the "
                 "South's soldiers are behind their wall and have not come. Keep still and wait to be found, or "
                 "raise a hand and call out: they would know sooner that you are alive, and where, but the guards "
                 "at the line may see it too.")
    if kind == "hit":
        return _("You are hit. You can still move, but slower. Keep running, get down and crawl, or drop where "
                 "you are?")
    if kind == "cover":
        return _("You are wounded, by a wall south of the line. Your pursuers have stopped at the line. Nobody "
                 "on the South's side has seen you yet. Lie still and wait for them to find you, or crawl on "
                 "towards their building, where they can see you, though moving makes you bleed more?")
    raise ValueError(f"no question {kind!r}")


# On the second drive, after dark, the road's questions are put shortly: the player has read what the
# road, the checkpoint and each answer are on the first drive (the road's, the bridge's and the road
# back's questions); what is said is what differs now (the dark, a warning, guards who know the jeep).
SECOND_DRIVE = ("look", "looked", "checkpoint", "held")


def second_drive_text(kind: str, model, state) -> str:
    e = state.extra
    warned = bool(e["warned"][0]) or bool(e["checked"][0])
    if kind == "look":
        return _("In the dark, the checkpoint is in sight, about {m} m on. Drive straight on, or stop and watch "
                 "whether its guards wait in the road (a jeep standing there draws eyes)?").format(
                     m=round5(checkpoint_m(model, state)))
    if kind == "looked":
        if bool(e["warned"][0]):
            return _("The guards stand in the road, waiting: they were warned. Turn back (they may still hold "
                     "you), or drive on to them?")
        return _("The guards sit in their guardhouse: nobody warned them. Turn back here, or drive on?")
    if kind == "checkpoint":
        if _known(state):
            return _("The checkpoint whose guards let you turn round this afternoon: they know the jeep. Racing "
                     "past may not get you through; slowing to wave hands you to them.")
        if warned:
            return _("The checkpoint may have been warned about your jeep: its guards step into the road. Racing "
                     "past may not get you through; slowing to wave hands you to them.")
        return _("The checkpoint, in the dark: its guards stand readier than by day. Racing past, they may stop "
                 "you; slowing to wave, likelier still, but waved through you pass quietly.")
    # held
    if _known(state):
        return _("Stopped again by the guards who saw you this afternoon. Talk (warned guards rarely believe "
                 "it), drive on through (the alarm goes up at once), or turn back (you would not cross, and they "
                 "may hold you)?")
    if bool(e["warned"][0]):
        return _("Stopped: the guards were warned. Talk (they rarely believe it), drive on through (the alarm "
                 "goes up at once), or turn back (you would not cross, and they may hold you)?")
    if bool(e["errand"][0]):
        return _("Stopped at the checkpoint. Talk (the duty book backs your errand), drive on through (the alarm "
                 "goes up at once), or turn back (you would not cross, and they may hold you)?")
    return _("Stopped at the checkpoint. Talk and hope they believe you, drive on through (the alarm goes up at "
             "once), or turn back (you would not cross, and they may hold you)?")


def _known(state) -> bool:
    """On the second drive, after turning back at the checkpoint: its guards know the jeep."""
    e = state.extra
    return bool(e["again"][0]) and int(e["turned_at"][0]) == TURNED_CHECKPOINT


def again_text(state) -> str:
    """Turned back the first time, on the road back: what he leaves behind him, and the choice."""
    e = state.extra
    where = int(e["turned_at"][0])
    if where == TURNED_CHECKPOINT:
        first = _("The guards let you turn the jeep round at the checkpoint, as one who took a wrong turn.")
    elif where == TURNED_MONUMENT:
        first = _("You turn the jeep round at the monument, in sight of the checkpoint.")
    else:
        first = _("You turn the jeep round on the 72-Hour Bridge; nobody at the checkpoint has seen you.")
    parts = [first, _("Go home and say nothing, and you will not cross; or drive the road again after dark: "
                      "harder to see and to hit, but the checkpoint is readier at nightfall.")]
    if where == TURNED_CHECKPOINT:
        parts.append(_("Its guards have seen you and your jeep today, and would know it again."))
    elif bool(e["warned"][0]):
        parts.append(_("The checkpoint may have been warned about your jeep today, and would still be."))
    else:
        parts.append(_("Whoever saw the jeep turn round may telephone ahead if it goes out again."))
    return " ".join(parts)


def checkpoint_m(model, state) -> float:
    """Metres of road from the jeep to the checkpoint (negative once past it)."""
    return (model.checkpoint_along - float(state.extra["along"][0])) * model.mpt


def make_question(kind: str, model, state, errand: bool | None = None) -> Question:
    answers = QUESTIONS[kind]
    text = question_text(kind, model, state, errand)
    if kind == "bridge":  # the pace for the rest of the road: the other one than so far (its answer says so)
        other = "faster" if bool(state.extra["road_ordinary"][0]) else "slower"
        answers = tuple(a for a in answers if a[0] not in ("slower", "faster") or a[0] == other)
    return Question(kind, text, tuple((k, _(label)) for k, label in answers))


def status_lines(model, state, controls: Controls) -> list[tuple[str, str]]:
    """The panel's lines: where you are, how you are, how far the line and the nearest pursuer are."""
    e = state.extra
    lines: list[tuple[str, str]] = []
    ph = int(e["phase"][0])
    if ph == DRIVING:
        ahead = checkpoint_m(model, state)
        watching = bool(e["looking"][0])
        if watching:
            lines.append(("text", _("You have stopped at the turn by the monument, watching the checkpoint.")))
        elif float(e["along"][0]) < 0.0:
            lines.append(("text", _("You are on the road to the Joint Security Area.")))
        else:
            lines.append(("text", _("You are driving towards the line.")))
        if round5(ahead) > 0 and not bool(e["passed_checkpoint"][0]):
            lines.append(("text", _("The checkpoint is about {m} m ahead.").format(m=round5(ahead))))
        if bool(e["look_done"][0]) and bool(e["warned"][0]) and not bool(e["passed_checkpoint"][0]):
            lines.append(("warning", _("The guards stand in the road: they have been warned.")))
        elif bool(e["warned"][0]) and not bool(e["passed_checkpoint"][0]) and not (watching or bool(e["look_done"][0])):
            lines.append(("warning", _("The checkpoint may have been warned.")))
    elif ph == HELD:
        lines.append(("warning", _("The guards have stopped the jeep at the checkpoint.")))
    elif ph == BACK:
        lines.append(("text", _("You have turned back, and are on the road back to your unit.")))
    elif ph == STUCK:
        if bool(e["in_ditch"][0]):
            lines.append(("warning", _("You are in the jeep, stuck in the ditch.")))
            if controls.rocking:
                lines.append(("warning", _("You are trying to rock it free.")))
        else:
            lines.append(("warning", _("You are in the jeep, stopped at the kerb.")))
    elif ph == ON_FOOT and controls.weaving and not bool(e["collapsed"][0]):
        lines.append(("text", _("You weave from side to side as you run.")))
    elif ph == AT_COVER:
        if int(e["cover_stage"][0]) == 3:
            lines.append(("text", _("You are behind a wall south of the line, unhurt.")))
        elif int(e["cover_stage"][0]) >= 1:
            lines.append(("text", _("You are lying south of the line, waiting to be found.")))
        else:
            lines.append(("text", _("You are in cover south of the line.")))
    if bool(e["again"][0]) and ph in (DRIVING, HELD):
        lines.append(("dim", _("It is dark: your second drive down this road today.")))
    elif bool(e["dusk"][0]) and ph in (DRIVING, HELD):
        lines.append(("dim", _("The light is failing.")))
    if int(e["hits"][0]):
        lines.append(("danger", _("You are wounded.")))
        if ph != AT_COVER:
            lines.append(("warning", _("You can move at {p}% of your speed.").format(
                p=int(round(100 * float(e["speed_factor"][0]))))))
    if controls.felt_hint and ph not in (DRIVING, AT_COVER, HELD, BACK):  # in cover, nobody fires at you any more
        level = felt_level(model, state)
        # nobody fires at the jeep: there the danger is being caught in it
        words = _("They are closing in on the jeep.") if ph == STUCK and level else _(FELT_WORDS[level])
        lines.append(("danger" if level >= 2 else ("warning" if level == 1 else "text"), words))
    metres = (model.mdl_y - float(state.y[0])) * model.mpt + max(0.0, -float(e["along"][0])) * model.mpt
    if metres > 0:
        lines.append(("text", _("The line is {m} m to the south.").format(m=int(round(metres)))))
    else:
        lines.append(("text", _("You are {m} m past the line.").format(m=int(round(-metres)))))
    if ph != DRIVING and model.P and bool(e["past_ditch"][0]):
        d = np.hypot(e["pursuers_x"][0] - float(state.x[0]), e["pursuers_y"][0] - float(state.y[0]))
        lines.append(("dim", _("The nearest pursuer is about {m} m away.").format(m=round5(float(d.min()) * model.mpt))))
    return lines


def felt_level(model, state) -> int:
    return int(round(float(model.felt_danger(state)[0]) * 3))


def ending_where(model, state) -> str:
    """Where the journey ended, in words."""
    e = state.extra
    if int(e["phase"][0]) == BACK:  # turned back the first time, and went home
        where = int(e["turned_at"][0])
        if where == TURNED_MONUMENT:
            return _("It ended at the turn by the monument, in sight of the checkpoint, about {m} m north of the "
                     "line.").format(m=round5((model.mdl_y - float(state.y[0])) * model.mpt))
        if where == TURNED_CHECKPOINT:
            return _("It ended at the checkpoint, about {m} m north of the line.").format(
                m=round5((model.mdl_y - float(state.y[0])) * model.mpt))
        return _("It ended on the 72-Hour Bridge, on the road in, before the checkpoint.")
    if int(e["phase"][0]) == DRIVING and float(e["along"][0]) < 0.0:  # turned back on the road in
        return _("It ended on the 72-Hour Bridge, on the road in, before the checkpoint.")
    if int(e["phase"][0]) == DRIVING and bool(e["looking"][0]):  # turned back at the turn, in sight of the checkpoint
        return _("It ended at the turn by the monument, in sight of the checkpoint, about {m} m north of the "
                 "line.").format(m=round5((model.mdl_y - float(state.y[0])) * model.mpt))
    if int(e["phase"][0]) in (DRIVING, HELD) and not bool(e["past_ditch"][0]):  # only the guards at the checkpoint stop a jeep there
        return _("It ended at the checkpoint, about {m} m north of the line.").format(
            m=round5((model.mdl_y - float(state.y[0])) * model.mpt))
    metres = int(round((float(state.y[0]) - model.mdl_y) * model.mpt))
    if metres >= 0:
        return _("It ended {m} m south of the line.").format(m=metres)
    return _("It ended {m} m north of the line.").format(m=-metres)


def observe(model, state, prev: tuple, controls: Controls, question: Question | None) -> JsaObservation:
    """What the screen shows now; ``prev`` is (x, y, pursuers' xs, pursuers' ys) before the last step."""
    e = state.extra
    px1, py1 = e["pursuers_x"][0], e["pursuers_y"][0]
    px0, py0 = prev[2], prev[3]
    pursuers = tuple((float(px0[i]), float(py0[i]), float(px1[i]), float(py1[i])) for i in range(len(px1)))
    ph = int(e["phase"][0])
    return JsaObservation(
        step=int(state.step),
        clock=clock_text(float(state.hours[0]) * 3600.0),
        phase=ph,
        player=(float(state.x[0]), float(state.y[0])),
        jeep=(float(e["jeep_x"][0]), float(e["jeep_y"][0])),
        pursuers=pursuers if bool(e["past_ditch"][0]) else (),
        low=bool(e["collapsed"][0]) or controls.waiting or controls.pace == "crawl" or ph == AT_COVER,
        wounded=int(e["hits"][0]) > 0,
        mdl_y=float(model.mdl_y),
        metres_per_tile=float(model.mpt),
        felt_level=felt_level(model, state),
        line_m=int(round((model.mdl_y - float(state.y[0])) * model.mpt)),
        question=question,
        status=status_lines(model, state, controls),
        checkpoint=None if bool(e["passed_checkpoint"][0]) else model.checkpoint_xy,
        road=road_share(model, state),
    )


def road_share(model, state) -> float | None:
    """How far along the road in (off the map) the jeep is, 0..1; None once on the map."""
    along = float(state.extra["along"][0])
    if along >= 0.0 or model.approach_along >= 0.0:
        return None
    return float(min(1.0, max(0.0, 1.0 - along / model.approach_along)))
