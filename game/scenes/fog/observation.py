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


@dataclass(frozen=True)
class Controls:
    """What the player has chosen that the screen shows (from the scene)."""

    pace: str = "walk"
    waiting: bool = False
    turn_back: bool = False
    felt_hint: bool = True  # the setting that shows the felt danger


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
    climbing: bool
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
    goal: tuple[float, float, float, float]  # the South's post (tiles), for the label and the distance
    goal_m: float
    status: list[tuple[str, str]] = field(default_factory=list)


def clock_text(clock_h: float) -> str:
    h = clock_h % 24.0
    return f"{int(h):02d}:{int(round((h % 1) * 60)) % 60:02d}"


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
        return _("Sunrise {sunrise}; fog until about {lifts}.").format(sunrise=hhmm(sunrise), lifts=hhmm(lifts))
    if now < lifts:
        return _("The fog lifts at about {lifts}.").format(lifts=hhmm(lifts))
    return ""


def goal_distance_m(model, x: float, y: float) -> float:
    gx0, gy0, gx1, gy1 = model.goal
    return math.hypot((gx0 + gx1) / 2 - x, (gy0 + gy1) / 2 - y) * model.mpt


def status_lines(model, state, controls: Controls) -> list[tuple[str, str]]:
    """The side panel's lines: (style, words); style is text, dim, warning or danger."""
    e = state.extra
    lines: list[tuple[str, str]] = []
    if controls.turn_back:
        lines.append(("warning", _("You are walking back to your post.")))
    lines.append(("text", fog_text(float(e["vis_here"][0]), int(e["fog_class"][0]))))
    timing = timing_text(model.params, float(e["clock_h"]))
    if timing:
        lines.append(("dim", timing))
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
    cold = float(e["cold"][0])
    cold_words = _("warm enough") if cold < 0.25 else (_("cold") if cold < 0.5 else (_("very cold") if cold < 0.75 else _("numb with cold")))
    wet = _(", wet") if float(e["wet"][0]) > 0.3 else ""
    lines.append(("warning" if cold >= 0.5 else "text", _("You are {how}{wet}.").format(how=cold_words, wet=wet)))
    noise = float(e["noise"][0])
    lines.append(("dim", _("Your noise: {n}.").format(n=_("none") if noise <= 0 else (_("quiet") if noise < 0.6 else (_("some") if noise < 1.5 else _("loud"))))))
    x, y = float(state.x[0]), float(state.y[0])
    km = goal_distance_m(model, x, y) / 1000.0
    north = y < model.mdl_y
    lines.append(("dim", (_("North of the line · the post {km:.1f} km") if north
                          else _("South of the line · the post {km:.1f} km")).format(km=km)))
    return lines


def felt_level(model, state) -> int:
    """The felt-danger hint in four steps (0..3)."""
    return int(round(float(model.felt_danger(state)[0]) * 3))


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
        goal=model.goal,
        goal_m=goal_distance_m(model, x, y),
        status=status_lines(model, state, controls),
    )
