"""Fog on the line: what the play screen shows, built from the model's state.

Pure Python (numpy, gettext; no pygame): ``observe`` reads the fog model and
its state for traveller 0 and returns a ``FogObservation``, the only thing
the view draws from. The words of the side panel are made here too, so they
are tested without a window.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ...i18n import N_, _

LIGHT_WORDS = (N_("night"), N_("dawn"), N_("day"))
FELT_WORDS = (N_("You feel unseen."), N_("You feel uneasy."), N_("You feel watched."), N_("You feel in plain sight."))
# where a sound comes from: eight points of the compass, clockwise from north
DIRECTIONS = (N_("north"), N_("north-east"), N_("east"), N_("south-east"), N_("south"), N_("south-west"), N_("west"),
              N_("north-west"))
# the fence being crossed (the model's cross_way: climb, cut, under)
CROSSING_WORDS = (N_("Climbing the fence: about {s} s left."), N_("Cutting the wire: about {s} s left."),
                  N_("Crawling through the drain: about {s} s left."))
# the ground under you (the map's ``terrain``): what it does for you, from its cover and noise
GROUND_WORDS = {
    "open": N_("Open ground: nothing hides you."),
    "tall_grass": N_("Tall grass: it hides you in part, and rustles."),
    "forest": N_("Forest: good cover, but slow and noisy underfoot."),
    "scrub": N_("Scrub: a little cover."),
    "stream": N_("A stream bed: low and slow, loud in the water, and you get wet."),
    "cleared": N_("Cleared ground by the wire: nothing hides you."),
    "path": N_("A patrol path: quick and quiet, no mines, no cover, and the patrols walk it."),
    "road": N_("The fence road: quick, no cover, and the patrol walks it."),
    "hill": N_("A hillside: some cover, slow going."),
    "yard": N_("A post's yard: in plain view of the post."),
}


@dataclass(frozen=True)
class Controls:
    """What the player has chosen that the screen shows (from the scene)."""

    pace: str = "walk"
    waiting: bool = False
    turn_back: bool = False
    felt_hint: bool = True  # the setting that shows the felt danger
    probing: bool = False  # probing the ground ahead for mines
    move: tuple[float, float] = (0.0, 0.0)  # the way you are going (for the mine signs ahead)
    armed: bool = True  # took the rifle at the post
    plan: str = "straight"  # the way across the North's fences he has in mind (PLAN_WAYS)
    following: bool = False  # walking that way (the Follow button)
    learn: str = "kept"  # the days before: how he learned where the mines are not (LEARN_WAYS)
    morning: str = "first"  # which morning (MORNINGS)
    coat: bool = False  # the padded winter coat


@dataclass(frozen=True)
class Question:
    """A question the journey stops for: its heading, what the soldier knows, and its
    answers as (key, words, what it means), the first the default."""

    kind: str
    heading: str
    detail: str
    answers: tuple[tuple[str, str, str], ...]


def rifle_question() -> Question:
    """At the post, before he goes: take the rifle, or leave it (the model's ``armed``)."""
    return Question("rifle", _("Before you go: your rifle"), _(
        "You are on duty with your rifle and its bayonet. The soldier who crossed here in December 2017 "
        "carried his. What you take now goes with you all the way."), (
        ("take", _("Take it"), _("Its bayonet probes the ground for mines and cuts the wire, but it knocks "
                                 "and rattles as you move.")),
        ("leave", _("Leave it at the post"), _("You move more quietly, but you feel for mines by hand and miss "
                                               "more of them, and you cannot cut the wire: only climb, or go under.")),
    ))


# the days before (the model's learn and morning codes: game.sim.fog LEARN_WAYS, MORNINGS)
LEARN_WAYS = ("kept", "watch", "ask")
MORNINGS = ("first", "thicker")


def in_10(share: float) -> int:
    """A share as a whole number of tenths, at least 1 (as a person says it: "about 5 in 10")."""
    return max(1, int(round(float(share) * 10)))


def in_100(share: float) -> int:
    """A share as a whole number of hundredths, at least 1."""
    return max(1, int(round(float(share) * 100)))


def learn_question(model) -> Question:
    """Three days before: how he learns where the strip's mines are not (the model's ``learn``).
    What he knows: the strip is mined, soldiers are watched and reported on, and what
    watching or asking would teach him and risk (the model's figures)."""
    p = model.params
    return Question("learn", _("Three days before: where the mines are not"), _(
        "South of your post, between your side's two fences, lies a strip of mined ground: everyone knows it is "
        "mined, few know where the mines are not. Security officers watch the soldiers. Anyone noticed is watched, "
        "and missed as soon as he leaves his post."), (
        ("kept", _("Keep it to yourself"), _("Nobody notices; you know what everyone knows.")),
        ("watch", _("Watch the patrols cross, three mornings"), _(
            "You learn where they step, and meet about {n} in 10 of the mines on your way between the fences. "
            "About {k} in 100 are noticed by an officer.").format(n=in_10(p["learn_watch_mines"]), k=in_100(p["learn_watch_noticed"]))),
        ("ask", _("Ask the older soldier who laid them"), _(
            "He knows where the fields end: you meet about {n} in 10 of the mines on your way between the "
            "fences. About {k} in 100 would be reported.").format(n=in_10(p["learn_ask_mines"]), k=in_100(p["learn_ask_noticed"]))),
    ))


def morning_question(model) -> Question:
    """The day before: go on the first foggy morning, or wait for a thicker fog (the model's
    ``morning``). What he knows: the forecast, how winter fog comes and goes, and what waiting
    gives and risks (the model's figures)."""
    p = model.params
    return Question("morning", _("The day before: which morning"), _(
        "The radio forecasts fog for tomorrow, 21 December. Winter fog here comes on calm nights and goes with "
        "the weather, a week or two apart; it forms before sunrise and lifts a few hours after."), (
        ("first", _("The first foggy morning"), _("Tomorrow, in whatever fog there is, as the soldier of 2017 did.")),
        ("thicker", _("Wait for a thicker fog"), _(
            "Some days more: you see, and are seen, about {n} in 10 as far. About {k} in 100 are noticed while "
            "they wait: then watched, and missed as soon as they leave.").format(
            n=in_10(p["morning_fog_factor"]), k=in_100(p["morning_noticed"]))),
    ))


def coat_question(model) -> Question:
    """The night before: the field uniform, or the padded winter coat over it (the model's
    ``coat``). What he knows: the cold, and what the coat gives and costs (the model's figures)."""
    p = model.params
    climb = int(round(float(model.crossing_seconds(0, 3.0))))
    return Question("coat", _("The night before: what you wear"), _(
        "Dawn will be about {t} °C; crawling on frozen ground or wet from a stream, the cold slows a man "
        "down.").format(t=int(round(float(p["air_temp_c"])))), (
        ("uniform", _("Your field uniform"), _("Quiet and quick on the wire, but the cold bites.")),
        ("coat", _("The padded winter coat over it"), _(
            "The cold slows you about {n} percent less, but it rustles at every move and catches on the wire: "
            "about {s} s to climb a 3 m fence instead of {c}.").format(
            n=int(round(100 * (1.0 - float(p["coat_chill"])))), s=int(round(climb * float(p["coat_climb"]))), c=climb)),
    ))


DAYS_WORDS = {"watch": N_("Three mornings you watched where the patrols step between the fences."),
              "ask": N_("The older soldier told you where the mines between the fences are not."),
              "thicker": N_("You waited some days for this thicker fog."),
              "coat": N_("The padded coat keeps the cold out, but it rustles.")}


def days_lines(controls: "Controls") -> list[str]:
    """What the days before left him with, for the panel at the post."""
    keys = [controls.learn, controls.morning] + (["coat"] if controls.coat else [])
    return [_(DAYS_WORDS[k]) for k in keys if k in DAYS_WORDS]


def leave_question(model) -> Question:
    """At the post, before he goes: slip away unseen, or say a word to the comrade beside
    him (the model's ``leave``). What he knows: when the count is, how long he would say he
    will be away, and that a comrade may doubt it (the model's figures)."""
    p = model.params
    start = float(p["start_hour"])
    count = hhmm(start + float(p["missed_after_min"]) / 60.0)
    cover = int(round(float(p["word_cover_min"])))
    later = hhmm(start + (float(p["missed_after_min"]) + float(p["word_cover_min"])) / 60.0)
    doubt = int(round(float(p["word_doubt_share"]) * 10))
    return Question("leave", _("Before you go: how you leave your post"), _(
        "Another soldier stands this watch beside you. Your watch ends at {count}: at the count then, "
        "anyone not there is missed, and a search begins.").format(count=count), (
        ("slip", _("Slip away unseen"), _("Nobody knows you have gone until the count at {count}.").format(count=count)),
        ("word", _("A word to your comrade"), _(
            "Tell him you are going to check the wire, back within {n} min. Believed, he covers for you at the count: "
            "missed at {later}, not {count}. But about {k} in 10 would doubt it, and report you at once.").format(
            n=cover, later=later, count=count, k=doubt)),
    ))


def may_wait_for_bank(model, state) -> bool:
    """Whether a thicker bank of fog is worth asking for here: in fog, not yet dense, and
    not waited for already this morning (the model's ``bank``)."""
    e = state.extra
    vis = float(e["vis_here"][0])
    return (not bool(e["bank_done"][0]) and vis < float(model.params["fog_threshold_m"])
            and vis > float(model.params["dense_fog_m"]))


# the ways across the North's fences (the model's plan codes: game.sim.fog STRAIGHT, PATH, DRAIN)
PLAN_WAYS = ("straight", "path", "drain")
PLAN_WORDS = {"straight": N_("Your way: straight south, across the thin part of the mined strip."),
              "path": N_("Your way: to the patrol path, where no mines are laid."),
              "drain": N_("Your way: to the drain under the wire.")}


def _crossing_words(model, plan: int) -> tuple[int, str] | None:
    """How far the crossing of a plan is from the post (m, rounded to 50) and which way."""
    at = model.crossings.get(plan)
    if at is None:
        return None
    sx, sy = model.start_xy
    metres = int(round(abs(at[0] + 0.5 - sx) * model.mpt / 50.0) * 50)
    return max(50, metres), direction_word(at[0] + 0.5 - sx, 0.0)


def strip_mines_m(model, x: int) -> float:
    """Metres of mined ground between the North's two fences down column ``x``."""
    north = model.fence_rows[model.fence_rows < model.mdl_y]
    if north.size < 2:
        return 0.0
    rows = range(int(north.min()) + 1, int(north.max()))
    return sum(model.mpt for r in rows if model.mine_hazard_per_m[r * model.W + x] > 0)


def way_question(model) -> Question:
    """At the post, before he goes: which way across the North's two fences and the mined
    strip between them (the model's ``plan``). What he knows: the strip is mined along its
    length, thinnest south of his post; no mines are laid on the patrol paths (they cross
    the strip to the posts); the drain under the wire; the fence road the patrol walks."""
    sx = int(model.start_xy[0])
    straight = max(5, int(round(strip_mines_m(model, sx) / 5.0) * 5))
    hazard = model.mine_hazard_per_m.reshape(model.H, model.W)
    north = model.fence_rows[model.fence_rows < model.mdl_y]
    inner = int(north.min()) + 1 if north.size else 0
    thin = hazard[inner, sx] < hazard[inner].max()
    detail = [_("Between the two fences south of your post lies a strip of mined ground, about {m} m across.").format(
        m=straight)]
    if thin:
        detail.append(_("Straight south of the post it was laid thinner."))
    answers = [("straight", _("Straight south"), _("The shortest way: about {m} m of mined ground between "
                                                   "the fences.").format(m=straight))]
    path = _crossing_words(model, 1)
    if path:
        detail.append(_("No mines are laid on the patrol paths: one crosses the strip about {m} m to the {direction}.").format(
            m=path[0], direction=path[1]))
        answers.append(("path", _("Along the fence road to the patrol path"),
                        _("About {m} m on the road the fence patrol walks; no mines on the path, but it leads "
                          "towards a guard post.").format(m=path[0])))
    drain = _crossing_words(model, 2)
    if drain:
        answers.append(("drain", _("To the drain under the wire"),
                        _("About {m} m to the {direction}: under both fences unseen, but soaked, and the mines "
                          "between the fences lie thick there.").format(m=drain[0], direction=drain[1])))
    return Question("way", _("Before you go: the way across the fences"), " ".join(detail), tuple(answers))


def way_points(model, plan: int, x: float, y: float, most: int = 80) -> tuple[tuple[float, float], ...]:
    """The planned way from x, y up to its crossing of the North's fences, as tile centres
    (at most ``most``), for the map; () once past them."""
    fields = model.plan_fields()
    if plan not in fields:
        return ()
    ndx, ndy = fields[plan]
    row = model.crossings[plan][1]
    pts: list[tuple[float, float]] = []
    tx, ty = int(x), int(y)
    for _i in range(most):
        if ty >= row:
            break
        here = ty * model.W + tx
        if ndx[here] == 0 and ndy[here] == 0:
            break
        tx, ty = tx + int(ndx[here]), ty + int(ndy[here])
        pts.append((tx + 0.5, ty + 0.5))
    return tuple(pts)


def climb_seconds(model, state, height: float) -> int:
    """How long a climb over a fence of ``height`` m takes him (the padded coat slows it)."""
    secs = float(model.crossing_seconds(0, height))
    coat = state.extra.get("coat")
    if coat is not None and bool(coat[0]):
        secs *= float(model.params["coat_climb"])
    return int(round(secs))


def fence_question(model, state, tile: tuple[int, int], armed: bool, at_drain: bool) -> Question:
    """At the wire: climb it, cut it, go under it (where a drain passes), or wait first. What he
    knows: each way's time from the model's figures, and where the patrols are heard."""
    height = float(model.f_fence_h[tile[1] * model.W + tile[0]])
    climb_s = climb_seconds(model, state, height)
    cut_s = int(round(float(model.crossing_seconds(1, height))))
    heard = heard_line(model, state)
    e = state.extra
    detail = " ".join(w for w in (_("A fence of wire, about {h} m high, is in your way.").format(h=int(round(height))),
                                  fog_text(float(e["vis_here"][0]), int(e["fog_class"][0])),
                                  heard or _("You hear no patrol."),) if w)
    answers = [("climb", _("Climb over"), _("About {s} s on the wire, in plain view and loud.").format(s=climb_s))]
    if armed:
        answers.append(("cut", _("Cut through"), _("About {s} s lying at its foot, quieter; a patrol may find the gap.").format(
            s=cut_s)))
    if at_drain:
        under_s = int(round(float(model.crossing_seconds(2, height))))
        answers.append(("under", _("Go under, through the drain"), _("About {s} s, hidden from everyone, but soaked "
                                                                    "in icy water.").format(s=under_s)))
    if may_wait_for_bank(model, state) and not at_drain:  # (the drain hides him anyway)
        answers.append(("bank", _("Wait for a thicker bank of fog"), _(
            "Lie still until it thickens, at most {n} min; the fence patrol may come by.").format(
            n=int(round(float(model.params["bank_max_min"]))))))
    answers.append(("wait", _("Not yet: lie still and listen"), _("Cross it later, when you choose.")))
    return Question("fence", _("At the wire"), detail, tuple(answers))


def lying_words(share: float) -> str:
    """How well the ground here hides a man lying flat (the share of him that shows)."""
    if share < 0.3:
        return _("The ground here hides a man lying flat well.")
    if share < 0.7:
        return _("The ground here hides a man lying flat in part.")
    return _("Nothing here hides a man lying flat.")


def challenge_question(model, state) -> Question:
    """Guards have seen him north of the line and shout: lie flat, crawl away, or run
    (the model's ``evade``). What he knows: how far off the guard is, how far one can
    see, and how well the ground hides him."""
    e = state.extra
    x, y = float(state.x[0]), float(state.y[0])
    d = int(round(float(e["challenge_d"][0]) / 10.0) * 10)
    vis = float(e["challenge_vis"][0])
    share = float(model.f_lying[min(int(y), model.H - 1) * model.W + min(int(x), model.W - 1)])
    detail = " ".join([
        _("The guard who saw you is about {m} m away.").format(m=max(10, d)),
        fog_text(vis, int(model.fog_class(np.array([vis]))[0])),
        lying_words(share),
    ])
    return Question("challenge", _("A shout: \"Who's there? Stop!\" A torch beam swings your way."), detail, (
        ("freeze", _("Lie flat and keep still"), _("They come to search the spot: you are safe only if the ground "
                                                   "hides you.")),
        ("crawl", _("Crawl back into the fog"), _("The further off they are and the thicker the fog, the sooner "
                                                  "you are out of their sight.")),
        ("run", _("Run for it"), _("Out of sight fastest, but loud, and guards fire at a man who runs.")),
    ))


def _ahead(model, x: float, y: float, move: tuple[float, float], most: float):
    """The map's tiles ahead in the way you are going, a quarter tile at a time up to
    ``most`` tiles (to the map's edge): (tile x, tile y, mined) for each point."""
    dx, dy = move
    n = math.hypot(dx, dy)
    if n <= 0:
        return
    r = 0.25
    while r <= most:
        tx, ty = x + dx / n * r, y + dy / n * r
        if not (0 <= tx < model.W and 0 <= ty < model.H):
            return
        yield tx, ty, model.mine_hazard_per_m[int(ty) * model.W + int(tx)] > 0
        r += 0.25


def strip_metres(model, x: float, y: float, move: tuple[float, float], most: float = 20.0) -> float:
    """How many metres of mined ground lie ahead in the way you are going (the map's
    minefield as the soldier knows it), up to ``most`` tiles: 0 when none."""
    mined, seen = 0.0, False
    for _tx, _ty, here in _ahead(model, x, y, move, most):
        if here:
            mined += 0.25
            seen = True
        elif seen:
            break
    return mined * model.mpt


def way_round(model, x: float, y: float, move: tuple[float, float], most: float = 20.0, side: int = 40) -> bool:
    """Whether the mined ground ahead has an end to either side within ``side`` tiles
    (a strip that runs the whole width between the fences has none): going round is
    only offered where it can be done."""
    first = next(((tx, ty) for tx, ty, here in _ahead(model, x, y, move, most) if here), None)
    if first is None:
        return True
    tx, ty = first
    n = math.hypot(*move)
    px, py = -move[1] / n, move[0] / n  # across the way you are going
    for sign in (1.0, -1.0):
        for k in range(1, side + 1):
            sx, sy = tx + sign * px * k, ty + sign * py * k
            if not (0 <= sx < model.W and 0 <= sy < model.H):
                break
            if model.mine_hazard_per_m[int(sy) * model.W + int(sx)] <= 0:
                return True
    return False


def strip_hazard(model, x: float, y: float, move: tuple[float, float], most: float = 20.0, know: float = 1.0) -> float:
    """The model's mine hazard summed over the mined ground ahead (the first stretch of it,
    as strip_metres): 1 - exp(-it) is the chance of setting a mine off walking across.
    ``know``: what he learned in the days before (the model's ``mine_know``), between the fences."""
    total, seen = 0.0, False
    for tx, ty, here in _ahead(model, x, y, move, most):
        if here:
            tile = int(ty) * model.W + int(tx)
            known = know if bool(getattr(model, "f_between", np.zeros(tile + 1, bool))[tile]) else 1.0
            total += float(model.mine_hazard_per_m[tile]) * known * 0.25 * model.mpt
            seen = True
        elif seen:
            break
    return total


def chance_in_100(p: float) -> str:
    """A chance in words a person would say: "about 12 in 100", "fewer than 1 in 100"."""
    n = int(round(100.0 * p))
    if n < 1:
        return _("Fewer than 1 in 100 who go this way set one off.")
    return _("About {n} in 100 who go this way set one off.").format(n=n)


def mine_question(model, state, move: tuple[float, float], armed: bool = True, plan: int = 0) -> Question:
    """Mine signs ahead: probe across, go round, or walk on. What he knows: how wide the
    strip is this way, how long probing it takes, and when the fog lifts."""
    e = state.extra
    x, y = float(state.x[0]), float(state.y[0])
    metres = max(5, int(round(strip_metres(model, x, y, move) / 5.0) * 5))
    speed = float(model.params["probe_speed_ms"]) * 60.0
    minutes = max(1, int(math.ceil(metres / max(speed, 1e-6))))
    lifts = float(model.params["sunrise_hour"]) + float(model.params["burn_delay_h"])
    detail = " ".join([
        _("Mine signs on the wire ahead, to the {direction}: about {m} m of mined ground this way.").format(
            direction=direction_word(*move), m=metres),
        _("Probing across it takes about {n} min.").format(n=minutes),
        _("The fog lifts at about {clock}; it is {now}.").format(clock=hhmm(lifts), now=clock_text(float(e["clock_h"]))),
    ])
    probe = (_("Its bayonet finds most mines before they go off.") if armed
             else _("By hand, without the bayonet, you miss more of them."))
    # the chance of setting one off this way, walking or probing (the model's own hazard)
    know = float(e["mine_know"][0]) if "mine_know" in e else 1.0
    hazard = strip_hazard(model, x, y, move, know=know)
    if know < 1.0 and hazard < strip_hazard(model, x, y, move):
        detail += " " + _("What you learned in the days before keeps you off many of them: the odds below count it.")
    find = float(model.params["probe_find_share" if armed else "probe_hand_share"])
    walk_in = chance_in_100(1.0 - math.exp(-hazard))
    probe_in = chance_in_100(1.0 - math.exp(-hazard * (1.0 - find)))
    answers = []
    path = _crossing_words(model, 1)
    inner = model.fence_rows[model.fence_rows < model.mdl_y]
    in_strip = inner.size >= 2 and y < float(inner.max()) + 1
    if path and in_strip and plan != 1:
        answers.append(("path", _("Go round by the patrol path"), _(
            "About {m} m to the {direction} along the wire, then across on the path, where no mines are laid: "
            "longer, and the patrols walk there.").format(m=path[0], direction=path[1])))
    elif way_round(model, x, y, move):
        answers.append(("round", _("Go round"), _("Stop here and find a way round the signs: longer, but no mines "
                                                  "where the ground is clear.")))
    else:
        detail += " " + _("The signs run along the wire both ways as far as you can see: there is no way round here.")
    return Question("mines", _("The ground ahead is mined"), detail, (
        *answers,
        ("probe", _("Probe your way across"), _("Crawl on, feeling the ground ahead, about {m} m a minute.").format(
            m=max(1, int(round(speed)))) + " " + probe + " " + probe_in),
        ("on", _("Walk on across"), _("Quick, but every step in mined ground may set one off.") + " " + walk_in),
    ))


@dataclass(frozen=True)
class Guard:
    """A guard the player can make out: where he was last step and is now (tiles)."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class FogObservation:
    step: int
    clock: str  # "06:42"
    light: float  # 0 night .. 1 day
    light_word: str
    player: tuple[float, float]
    climbing: bool  # crossing a fence (by crossing_way: 0 climb, 1 cut, 2 under)
    low: bool  # crawling or lying still: drawn lying down
    mdl_y: float
    vis_m: float
    fog_class: int
    felt_level: int
    fog_grid: np.ndarray | None
    fog_cell: int
    metres_per_tile: float
    clear_m: float
    dense_m: float
    guards: tuple[Guard, ...]
    crossing_way: int
    heard: tuple[tuple[float, float], ...]  # patrols you hear and cannot see (tiles, the model's positions)
    drains: tuple[tuple[float, float], ...]  # drains under the wire (tiles): the soldier knows them
    at_post: bool  # still at his post, on duty (not yet set out)
    way: tuple[tuple[float, float], ...]  # the planned way across the North's fences (tiles), () past them
    goal: tuple[float, float, float, float]  # the South's post (tiles), for the label and the distance
    goal_m: float
    status: list[tuple[str, str]] = field(default_factory=list)


def clock_text(clock_h: float) -> str:
    """hh:mm, rounded to the minute as a whole (07:59.7 is 08:00, not 07:00)."""
    return hhmm(clock_h)


def hhmm(h: float) -> str:
    minutes = int(round(h * 60)) % (24 * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def light_word(light: float) -> str:
    return _(LIGHT_WORDS[0 if light <= 0.0 else (1 if light < 1.0 else 2)])


def fog_text(vis: float, cls: int) -> str:
    seen = int(round(vis / 10.0) * 10) if vis < 1000 else int(round(vis / 100.0) * 100)
    if cls == 0:
        return _("Clear air.")
    names = {1: _("Fog"), 2: _("Thick fog"), 3: _("Dense fog")}
    return _("{fog}: you can see about {m} m.").format(fog=names[cls], m=seen)


def timing_text(params, clock_h: float) -> str:
    """What the morning will do: the soldier knows when the sun rises and that the fog
    thickens towards it and holds a while after it (the model's sunrise and burn-off)."""
    now = clock_h % 24.0
    sunrise = float(params["sunrise_hour"])
    lifts = sunrise + float(params["burn_delay_h"])
    if now < sunrise:
        return _("Sunrise {sunrise} (in {n} min); fog until about {lifts}.").format(
            sunrise=hhmm(sunrise), n=int(math.ceil((sunrise - now) * 60)), lifts=hhmm(lifts))
    if now < lifts:
        return _("The fog lifts at about {lifts}, in {n} min.").format(lifts=hhmm(lifts), n=int(math.ceil((lifts - now) * 60)))
    return ""


def watch_text(params, clock_h: float, missed_min: float | None = None, how: int = 0) -> str:
    """When the soldier's absence will be noticed: the end of his watch (the model's
    ``missed_after_min`` after the start), which he knows; or, when his comrade covers
    for him (``how`` 2), ``missed_min`` after the start; reported by him (``how`` 1), now."""
    start = float(params["start_hour"])
    ends = start + float(params["missed_after_min"]) / 60.0
    now = clock_h % 24.0
    if how == 1:
        return _("Your comrade has reported you: they know you are gone.")
    if how == 2 and missed_min is not None:
        covered = start + float(missed_min) / 60.0
        if now < covered:
            return _("Your comrade covers for you at the count; you are missed at {clock}.").format(clock=hhmm(covered))
        return _("Your comrade could not cover for you longer: they know you are gone.")
    if now >= ends:
        return _("Your watch is over: they know you are gone.")
    return _("Watch ends {clock}; then you are missed.").format(clock=hhmm(ends))


def round_minutes(model, j: int) -> int:
    """How long patrol ``j`` takes to walk its path there and back (minutes), from the
    model's path and pace: what a soldier who watched it pass learns."""
    return int(round(2.0 * float(model.patrol_len[j]) * model.mpt / float(model.params["patrol_speed_ms"]) / 60.0))


def ground_text(model, x: float, y: float) -> str:
    """The ground under you in words, or ''."""
    names = getattr(model, "terrain_names", None)
    if names is None:
        return ""
    code = int(model.terrain[min(int(y), model.H - 1), min(int(x), model.W - 1)])
    words = GROUND_WORDS.get(names[code]) if 0 <= code < len(names) else None
    return _(words) if words else ""


def mines_ahead(model, x: float, y: float, move: tuple[float, float], vis_m: float) -> str:
    """Mined ground ahead in the way you are going, as far as you can see and at most
    two tiles (you see the signs on their wire): its direction, or ''."""
    dx, dy = move
    n = math.hypot(dx, dy)
    if n <= 0 or model.mine_hazard_per_m[min(int(y), model.H - 1) * model.W + min(int(x), model.W - 1)] > 0:
        return ""  # standing, or already in it (the signs said so)
    reach = min(2.0, max(0.5, vis_m / model.mpt))
    for r in np.arange(0.5, reach + 1e-9, 0.5):
        tx, ty = x + dx / n * r, y + dy / n * r
        if 0 <= tx < model.W and 0 <= ty < model.H and model.mine_hazard_per_m[int(ty) * model.W + int(tx)] > 0:
            return _("Mine signs ahead, to the {direction}: go round, or probe (M).").format(
                direction=direction_word(dx, dy))
    return ""


def direction_word(dx: float, dy: float) -> str:
    """The compass point from a vector in tiles (x east, y south)."""
    bearing = math.degrees(math.atan2(dx, -dy)) % 360.0
    return _(DIRECTIONS[int((bearing + 22.5) // 45) % 8])


def heard_line(model, state, prev=None) -> str:
    """The nearest patrol you hear and cannot see, in words, or ''. With ``prev`` (the
    positions before the last step: x, y, guards_x, guards_y) also whether it is coming
    closer or going away, and how long its round takes."""
    e = state.extra
    heard = np.asarray(e.get("patrol_heard", np.zeros((1, 0), bool)))[0]
    if not heard.any():
        return ""
    s = model.n_sentries
    d = np.where(heard, e["guard_dist_m"][0][s:], np.inf)
    j = int(np.argmin(d))
    x, y = float(state.x[0]), float(state.y[0])
    gx, gy = float(e["guards_x"][0][s + j]), float(e["guards_y"][0][s + j])
    metres = int(round(float(d[j]) / 10.0) * 10)
    where = direction_word(gx - x, gy - y)
    if prev is None or len(prev[2]) != len(e["guards_x"][0]):
        return _("You hear a patrol to the {direction}, about {m} m away.").format(direction=where, m=metres)
    before = math.hypot(float(prev[2][s + j]) - x, float(prev[3][s + j]) - y) * model.mpt
    now = float(d[j])
    if now < before - 0.5:
        text = _("You hear a patrol to the {direction}, about {m} m away, coming closer.")
    elif now > before + 0.5:
        text = _("You hear a patrol to the {direction}, about {m} m away, going away.")
    else:
        text = _("You hear a patrol to the {direction}, about {m} m away, standing.")
    return text.format(direction=where, m=metres) + " " + _("Its round, there and back, takes about {n} min.").format(
        n=round_minutes(model, j))


def goal_distance_m(model, x: float, y: float) -> float:
    gx0, gy0, gx1, gy1 = model.goal
    return math.hypot((gx0 + gx1) / 2 - x, (gy0 + gy1) / 2 - y) * model.mpt


def may_hail(model, state) -> bool:
    """South of the line, within the South's post's watch, not yet called: a call would be heard."""
    e = state.extra
    x, y = float(state.x[0]), float(state.y[0])
    return (bool(state.active[0]) and not bool(e.get("hailed", np.zeros(1, bool))[0]) and y >= model.mdl_y
            and float(model.south_post_m(x, y)) <= float(model.params["south_watch_m"]))


def south_post_line(model, state) -> tuple[str, str] | None:
    """What the soldier can do at the South's post, or what he waits for."""
    e = state.extra
    if bool(e.get("hailed", np.zeros(1, bool))[0]) and bool(state.active[0]):
        left = max(1, int(math.ceil(float(model.params["guide_min"]) - float(e["guide_s"][0]) / 60.0)))
        return "warning", _("You have called out. Lie still: the South's soldiers are coming, in about {n} min.").format(n=left)
    if may_hail(model, state):
        metres = int(round(float(model.south_post_m(float(state.x[0]), float(state.y[0]))) / 10.0) * 10)
        return "warning", _("The South's post is about {m} m away. Call out to it (O), or walk on to it.").format(m=metres)
    return None


LOOK_BACK_MIN = 180  # how far back a soldier on duty remembers the patrol passing his post


def _passes(dist: np.ndarray, near: np.ndarray) -> list[int]:
    """The index of the closest point of each stretch within hearing."""
    out, i, n = [], 0, len(near)
    while i < n:
        if near[i]:
            j = i
            while j + 1 < n and near[j + 1]:
                j += 1
            out.append(i + int(np.argmin(dist[i:j + 1])))
            i = j + 1
        else:
            i += 1
    return out


def post_patrol_line(model, state) -> str:
    """At the post: when the patrol whose round passes nearest it last went by (within
    hearing), which way, and when it will be back: a soldier on duty there has watched
    it pass all night (the model's own rounds, left alone by any search)."""
    if not model.n_patrols:
        return ""
    now_h = state.step * model.step_hours
    minutes = np.arange(-LOOK_BACK_MIN, LOOK_BACK_MIN + 0.01, 0.5)
    hours = now_h + minutes / 60.0
    sx, sy = model.start_xy
    tracks = [model.patrol_track(state, j, hours) for j in range(model.n_patrols)]
    dist = [np.hypot(tx - sx, ty - sy) * model.mpt for tx, ty in tracks]
    j = int(np.argmin([d.min() for d in dist]))
    passes = _passes(dist[j], dist[j] <= float(model.params["patrol_heard_m"]))
    past = [i for i in passes if minutes[i] <= 0]
    coming = [i for i in passes if minutes[i] > 0]
    start = float(model.params["start_hour"])
    if not past:
        return _("The fence patrol has not passed your post for three hours.")
    i = past[-1]
    tx = tracks[j][0]
    going = direction_word(float(tx[min(i + 1, len(tx) - 1)] - tx[max(i - 1, 0)]), 0.0)
    if not coming:
        return _("The fence patrol passed at {clock}, going {direction}.").format(
            clock=hhmm(start + float(hours[i])), direction=going)
    return _("The fence patrol passed at {clock}, going {direction}; back about {back}.").format(
        clock=hhmm(start + float(hours[i])), direction=going, back=hhmm(start + float(hours[coming[0]])))


DUE_ASK_MIN = 10.0  # setting out with the fence patrol due past the post sooner than this, the journey asks first


def patrol_due(model, state) -> tuple[float, float, int] | None:
    """When the fence patrol (the round passing nearest the post) next comes within hearing
    of the post: (minutes from now, the hour of day it passes closest, its round in
    minutes); None when it does not within the time a soldier on duty can tell. What he
    knows from watching it pass all night (the model's rounds, as post_patrol_line)."""
    if not model.n_patrols:
        return None
    now_h = state.step * model.step_hours
    minutes = np.arange(0.0, LOOK_BACK_MIN + 0.01, 0.5)
    hours = now_h + minutes / 60.0
    sx, sy = model.start_xy
    tracks = [model.patrol_track(state, j, hours) for j in range(model.n_patrols)]
    dist = [np.hypot(tx - sx, ty - sy) * model.mpt for tx, ty in tracks]
    j = int(np.argmin([d.min() for d in dist]))
    near = dist[j] <= float(model.params["patrol_heard_m"])
    if not near.any():
        return None
    first = int(np.argmax(near))
    closest = _passes(dist[j], near)[0]
    return float(minutes[first]), float(model.params["start_hour"]) + float(hours[closest]), round_minutes(model, j)


def patrol_question(model, state, due: tuple[float, float, int]) -> Question:
    """Setting out with the fence patrol due past the post: go now, or wait on duty until it
    has passed (the model's ``set_out``). What he knows: when it comes and how long its round takes."""
    soon, passes, round_min = due
    n = max(1, int(math.ceil(soon)))
    if soon <= 0:
        detail = _("You can hear the fence patrol on the road by your post now: it passes about {clock}.").format(
            clock=hhmm(passes))
    else:
        detail = _("The fence patrol is due back along the road by your post in about {n} min; it passes about "
                   "{clock}.").format(n=n, clock=hhmm(passes))
    return Question("patrol", _("Before you go: the fence patrol"), detail, (
        ("wait", _("Wait at your post until it has passed"), _(
            "On duty, nobody looks twice at you. Once it has passed, its round there and back takes about {m} min.").format(
            m=round_min)),
        ("go", _("Go now"), _("Across the fence road and to the wire before it comes, or be caught in the open "
                              "when it does.")),
    ))


def at_post(state) -> bool:
    """Still at his post, on duty (the model's ``out`` not yet set)."""
    return "out" in state.extra and not bool(state.extra["out"][0]) and bool(state.active[0])


def status_lines(model, state, controls: Controls, prev=None) -> list[tuple[str, str]]:
    """The side panel's lines: (style, words); style is text, dim, warning or danger.

    What asks for a decision now comes first (a patrol heard, mines ahead, the South's
    post, a fence being crossed), then the fog, the time and the watch, then how you are."""
    e = state.extra
    lines: list[tuple[str, str]] = []
    posted = at_post(state)
    x, y = float(state.x[0]), float(state.y[0])
    if posted:
        lines.append(("warning", _("On duty: nobody looks twice at you.")))
        if not bool(np.asarray(e.get("patrol_heard", np.zeros((1, 0), bool)))[0].any()):
            passed = post_patrol_line(model, state)
            if passed:
                lines.append(("text", passed))
        lines.extend(("dim", words) for words in days_lines(controls))
    if controls.turn_back:
        lines.append(("warning", _("You are walking back to your post.")))
    if bool(e["climbing"][0]):
        way = int(e["cross_way"][0]) if "cross_way" in e else 0
        left = max(6, int(round(float(e["climb_left"][0]) / 6.0) * 6))
        lines.append(("warning", _(CROSSING_WORDS[min(way, 2)]).format(s=left)))
    if controls.probing:
        lines.append(("warning", _("Probing for mines: about {m} m a minute.").format(
            m=max(1, int(round(float(model.params["probe_speed_ms"]) * 60))))))
    south = south_post_line(model, state)
    if south:
        lines.append(south)
    heard = heard_line(model, state, prev)
    if heard:
        lines.append(("warning", heard))
    if not posted:
        ahead = mines_ahead(model, x, y, controls.move, float(e["vis_here"][0]))
        if ahead:
            lines.append(("danger", ahead))
    lines.append(("text", fog_text(float(e["vis_here"][0]), int(e["fog_class"][0]))))
    timing = timing_text(model.params, float(e["clock_h"]))
    if timing:
        lines.append(("dim", timing))
    lines.append(("warning" if posted else "dim", watch_text(model.params, float(e["clock_h"]), float(e["missed_min"][0]),
                                                            int(e["missed_how"][0]))))
    if not controls.armed:
        lines.append(("dim", _("No rifle: you probe by hand and cannot cut the wire.")))
    if controls.following:
        lines.append(("text", _(PLAN_WORDS[controls.plan]) + " " + _("Following it (F stops).")))
    if posted:  # on duty: no felt danger, alarm, noise or cold yet (the map shows where the South's post is)
        return lines
    if controls.felt_hint:
        level = felt_level(model, state)
        lines.append(("danger" if level >= 2 else ("warning" if level == 1 else "text"), _(FELT_WORDS[level])))
    alarm = float(e["alarm"][0])
    if alarm >= 0.6:
        lines.append(("danger", _("The guards are searching.")))
    elif alarm >= 0.25:
        lines.append(("warning", _("The guards are listening.")))
    else:
        lines.append(("dim", _("All is quiet.")))
    ground = ground_text(model, x, y)
    if ground:
        lines.append(("dim", ground))
    cold = float(e["cold"][0])
    cold_words = _("warm enough") if cold < 0.25 else (_("cold") if cold < 0.5 else (_("very cold") if cold < 0.75 else _("numb with cold")))
    wet = _(", wet") if float(e["wet"][0]) > 0.3 else ""
    lines.append(("warning" if cold >= 0.5 else "text", _("You are {how}{wet}.").format(how=cold_words, wet=wet)))
    noise = float(e["noise"][0])
    lines.append(("dim", _("Your noise: {n}.").format(n=_("none") if noise <= 0 else (_("quiet") if noise < 0.6 else (_("some") if noise < 1.5 else _("loud"))))))
    km = goal_distance_m(model, x, y) / 1000.0
    north = y < model.mdl_y
    lines.append(("dim", (_("North of the line · the post {km:.1f} km") if north
                          else _("South of the line · the post {km:.1f} km")).format(km=km)))
    return lines


def felt_level(model, state) -> int:
    """The felt-danger hint in four steps (0..3)."""
    return int(round(float(model.felt_danger(state)[0]) * 3))


def drain_spots(model) -> tuple[tuple[float, float], ...]:
    """The centres of the drains' tiles under the fences (tiles)."""
    ys, xs = np.nonzero(getattr(model, "drain", np.zeros((0, 0), bool)))
    return tuple((float(x) + 0.5, float(y) + 0.5) for y, x in zip(ys, xs))


def observe(model, state, prev, controls: Controls) -> FogObservation:
    """What the screen shows now. ``prev``: (x, y, guards_x, guards_y) before the
    last step, so the view can slide what moves between steps."""
    e = state.extra
    gx1, gy1 = e["guards_x"][0], e["guards_y"][0]
    gx0, gy0 = prev[2], prev[3]
    same = len(gx0) == len(gx1)
    seen = model.guards_in_sight(state)[0]
    guards = tuple(
        Guard(float(gx0[i] if same else gx1[i]), float(gy0[i] if same else gy1[i]), float(gx1[i]), float(gy1[i]))
        for i in np.nonzero(seen)[0]
    )
    s = model.n_sentries
    heard_now = np.asarray(e.get("patrol_heard", np.zeros((1, 0), bool)))[0]
    heard = tuple((float(gx1[s + j]), float(gy1[s + j])) for j in np.nonzero(heard_now)[0])
    x, y = float(state.x[0]), float(state.y[0])
    light = float(e["light"])
    p = model.params
    return FogObservation(
        step=state.step,
        clock=clock_text(float(e["clock_h"])),
        light=light,
        light_word=light_word(light),
        player=(x, y),
        climbing=bool(e["climbing"][0]),
        low=controls.pace == "crawl" or controls.waiting,
        mdl_y=model.mdl_y,
        vis_m=float(e["vis_here"][0]),
        fog_class=int(e["fog_class"][0]),
        felt_level=felt_level(model, state),
        fog_grid=e["fog_grid"] if e.get("fog_grid") is not None else model.fog_grid(state),
        fog_cell=model.fog_cell,
        metres_per_tile=model.mpt,
        clear_m=float(p["clear_visibility_m"]),
        dense_m=float(p["dense_fog_m"]),
        guards=guards,
        crossing_way=int(e["cross_way"][0]) if "cross_way" in e else 0,
        heard=heard,
        drains=drain_spots(model),
        at_post=at_post(state),
        way=way_points(model, PLAN_WAYS.index(controls.plan), x, y),
        goal=model.goal,
        goal_m=goal_distance_m(model, x, y),
        status=status_lines(model, state, controls, prev),
    )
