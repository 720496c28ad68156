"""The debrief after every scenario: where the learning happens.

Five pages, reachable by touch, mouse, keys and pad:

1. *Your journey*: the route on the map, the moments of highest risk marked
   and told in a sentence each.
2. *The same choices, 1,000 times*: the player's recorded choices replayed
   for 1,000 travellers with different luck, as a chart of outcome shares
   (the player's own outcome marked in words), beside one counterfactual the
   scenario chooses.
3. *What really happened*: the documented case(s) and figures with their
   sources; where sources disagree, each one and what it says.
4. *How the model works*: every parameter with its value and source; the
   assumptions can be changed and the 1,000 runs made again.
5. *Talk about it*: the scenario's discussion questions.

The screen opens at once: the runs go on in a background thread (numpy lets
go of the interpreter for much of its work) while the window keeps drawing a
progress bar. There is no score and no ranking: outcomes are named with the
scenario's own plain words.
"""

from __future__ import annotations

import io
import logging
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import pygame

from ..citations import name_parameters, readable
from ..facts import FactsError, Registry, load_registry
from ..i18n import N_, _, format_number, ngettext, with_unit
from ..input import Intent
from ..journey import Journey, repeat_command, replay, replay_track, setup_for, what_if
from ..levels import LevelError, Scenario
from ..model_page import OTHER, Group, ModelPageError, assumption_groups
from ..narrator import Narrator
from ..safeio import write_atomic
from ..settings import data_dir
from ..sim.jobs import ReplayJob
from ..sim.montecarlo import MonteCarloResult, TraceError, check_trace
from ..sim.runner import ChoiceTrace
from ..ui import chart as charts
from ..ui import fonts
from ..ui.chart import ChartData, ChartWidget, Series, percent
from ..ui.text import draw_text, line_height, wrap
from ..ui.theme import readable_on
from ..ui.widgets import Button, Form, Label, Spacer, Stepper, _Valued
from .base import MENU_CORNER, Scene, H, W

log = logging.getLogger(__name__)

RUNS = 1000  # the default; the number of replays is a setting (settings.replays)
OPEN_GROUPS = 2  # the model page opens its first (most influential) groups; the others on a press
AUTO_PAGE_S = 4.0  # with --autoplay, each page shows this long
MIN_SLICE_S = 0.006  # the runs' least time per frame, where frames come back to back
EDGE = 16  # margin round the screen
GAP = 8

# (short name on the tab, full title on the page)
PANELS = (
    (N_("Your journey"), N_("Your journey")),
    (N_("1,000 times"), N_("The same choices, 1,000 times")),
    (N_("What happened"), N_("What really happened")),
    (N_("The model"), N_("How the model works")),
    (N_("Talk about it"), N_("Talk about it")),
)
# the tabs' names when the others do not fit on one line (large text)
TINY_TABS = (N_("Journey"), N_("1,000 times"), N_("Record"), N_("Model"), N_("Talk"))
JOURNEY, REPLAYS, RECORD, MODEL, TALK = range(len(PANELS))
NUMBER_KEYS = {
    pygame.K_1: 0, pygame.K_2: 1, pygame.K_3: 2, pygame.K_4: 3, pygame.K_5: 4,
    pygame.K_KP1: 0, pygame.K_KP2: 1, pygame.K_KP3: 2, pygame.K_KP4: 3, pygame.K_KP5: 4,
}


class SteadyLabel(Label):
    """A label as tall as the tallest of its other texts: when it changes, what is below stays put."""

    def __init__(self, text: str, others: tuple[str, ...], **kw):
        super().__init__(text, **kw)
        self.others = others

    def measure(self, width: int) -> int:
        f = fonts.font(self.role, self.bold)
        return max(len(wrap(f, t, width)) for t in (self.text, *self.others)) * line_height(f)


def story_sources(facts) -> list[str]:
    """Each source behind ``facts`` once: "Outlet, title" (a story's list of sources)."""
    seen: dict[tuple[str, str], str] = {}
    for fact in facts:
        for src in fact.sources:
            key = (src.outlet, src.title)
            if key not in seen:
                seen[key] = f"{src.outlet}, {_(src.title)}" if src.title else src.outlet
    return list(seen.values())


# ---------------------------------------------------------------- the journey


def replay_count(app) -> int:
    """How many travellers the debrief replays: the player's setting."""
    settings = getattr(app, "settings", None)
    return int(getattr(settings, "replays", RUNS) or RUNS)


def clock_text(hours: float, total_hours: float, ashore_hours: float | None = None, short: bool = False) -> str:
    """Time since the start: "Second 14" on a dash, "Hour 2:15" on a short
    journey, "Day 3, hour 14" on a long one. A journey with a time ashore
    before it began (``ashore_hours``: a boat's days before it put out)
    counts as its play does: "Ashore, day 4, hour 6", then "Day 1 at sea,
    hour 6" from the moment it put out. ``short``: the day alone."""
    if ashore_hours is not None:
        at_sea = hours > ashore_hours or (hours == ashore_hours and total_hours > ashore_hours)
        since = hours - ashore_hours if at_sea else hours
        day, h = int(since // 24) + 1, int(since % 24)
        if at_sea:
            return _("Day {day} at sea").format(day=day) if short else \
                _("Day {day} at sea, hour {h}").format(day=day, h=h)
        return _("Ashore, day {day}").format(day=day) if short else _("Ashore, day {day}, hour {h}").format(day=day, h=h)
    if total_hours < 5 / 60:
        return _("Second {s}").format(s=int(round(hours * 3600)))
    if total_hours < 48:
        minutes = int(round(hours * 60))
        return _("Hour {h}:{m:02d}").format(h=minutes // 60, m=minutes % 60)
    whole = int(hours)
    return _("Day {day}, hour {h}").format(day=whole // 24 + 1, h=whole % 24)


def duration_text(hours: float) -> str:
    if hours * 60 < 1:
        return _("{s} seconds").format(s=f"{hours * 3600:.3g}")
    minutes = int(round(hours * 60))
    if minutes < 60:
        return ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)
    if hours < 48:
        h, m = divmod(minutes, 60)
        return _("{h} h {m:02d} min").format(h=h, m=m) if m else ngettext("{n} hour", "{n} hours", h).format(n=h)
    days, h = divmod(int(round(hours)), 24)
    return _("{d} days {h} h").format(d=days, h=h) if h else _("{d} days").format(d=days)


def number_text(value: float, unit: str = "") -> str:
    """A parameter's value as people read it, with its unit."""
    v = float(value)
    text = format_number(v)
    return with_unit(text, _(unit)) if unit else text


def share_row(naturals: list[int], total: int, gap: int) -> list[int]:
    """Widths for a row of boxes: each as wide as it needs plus an equal share
    of what is left; if they do not fit, in proportion to what they need."""
    room = total - gap * (len(naturals) - 1)
    need = sum(naturals)
    if need <= room:
        extra = (room - need) // len(naturals)
        return [n + extra for n in naturals]
    return [max(48, n * room // need) for n in naturals]


def place_row(widths: list[int], x: int, y: int, h: int, gap: int) -> list[pygame.Rect]:
    rects = []
    for w in widths:
        rects.append(pygame.Rect(x, y, w, h))
        x += w + gap
    return rects


# ---------------------------------------------------------------- the scene


class DebriefScene(Scene):
    """Built from a journey record (:class:`game.journey.Journey`), not from a
    live Simulation: a saved or received journey opens the same debrief."""

    def __init__(self, app, journey: Journey, scenario: Scenario | None = None, world: Any = None):
        super().__init__(app)
        self.journey = journey
        # The play screen hands over what it loaded; a record read from a file loads its own.
        self.setup = setup_for(journey.spec, scenario, world)
        self.scenario, self.world = self.setup.scenario, self.setup.world
        self.preset, self.seed = journey.spec.preset, journey.spec.seed
        self.model = self.setup.model()
        self.runs = replay_count(app)
        self.order = list(self.model.outcomes)
        self.outcome = journey.outcome
        self.journey_values = dict(self.setup.values)  # what the player played with
        self.values = dict(self.setup.values)  # what the steppers show now
        self.run_values = dict(self.setup.values)  # what the chart shows (or is being made of)
        self.trace, self.trace_problem = self._usable_trace()
        self.track = journey.track
        if self.track is None:  # a record read from a file: its run again, step by step
            self.track = replay_track(journey, self.setup)[0] if self.trace is not None else []
        self.moments = list(journey.moments)
        # days ashore before the journey proper (a boat's before it put out): counted apart, as in play
        self.ashore_hours = (None if journey.ashore_steps is None
                             else journey.ashore_steps * float(self.model.step_hours))
        self.counterfactual, self.cf_problem = self._counterfactual()
        self.registry, self.registry_problem = self._registry()
        self.results: dict[str, MonteCarloResult] = {}
        self.job: ReplayJob | None = None
        self.sens_job = None  # which assumptions matter, and the calibration: after the replays (model page)
        self._released_at: float | None = None
        self.chart = self._chart_data()
        self.run_seconds: float | None = None
        self.saved: list[Path] = []
        self.saved_choices: Path | None = None
        self.save_problem = ""

        self.panel = JOURNEY
        self.zone = "content"  # where the keys are: "tabs", "content" or "bar"
        self.bar_focus = 0
        self._press: tuple[str, int] | None = None
        self._auto_clock = 0.0
        self._auto_pages = True  # until a person takes over the pages (with --autoplay)
        self.forms: list[Form | None] = [None] * len(PANELS)
        self.open_groups: set[str] = set()  # the model page's groups opened by the player
        self._stale: set[int] = set(range(len(PANELS)))
        self._version = 0  # counts page builds: part of the drawn frame's key
        self._frame: tuple[Any, pygame.Surface] | None = None
        self._mapview = None
        self._map_state = "none" if self.world is None else "waiting"  # waiting -> ready | failed
        if self.world is not None:
            # Drawing a big map takes a few tenths of a second: not in the window's thread.
            threading.Thread(target=self._load_map, name="crossings-debrief-map", daemon=True).start()
        self._journey_cache: tuple[Any, pygame.Surface] | None = None
        self.start_runs()
        self.relayout()

    # -- set-up ------------------------------------------------------------
    def panel_name(self, panel: int) -> tuple[str, str]:
        """(tab, title) of a page; the replays' page says how many there are."""
        short, title = PANELS[panel]
        if panel == REPLAYS and self.runs != RUNS:
            return (_("{n} times").format(n=f"{self.runs:,}"),
                    _("The same choices, {n} times").format(n=f"{self.runs:,}"))
        return _(short), _(title)

    def _usable_trace(self) -> tuple[ChoiceTrace | None, str]:
        trace = self.journey.trace()
        try:
            check_trace(self.model, trace)
        except TraceError as exc:
            return None, str(exc)
        return trace, ""

    def _counterfactual(self) -> tuple[dict[str, Any] | None, str]:
        """The what-if: one that changes something of this journey, and says what."""
        try:
            return what_if(self.scenario, self.journey_values, self.journey), ""
        except (LevelError, KeyError) as exc:
            return None, str(exc)

    def _registry(self) -> tuple[Registry | None, str]:
        try:
            return load_registry(self.scenario.folder.parent), ""
        except (FactsError, OSError) as exc:
            return None, str(exc)

    # -- the runs ----------------------------------------------------------
    def start_runs(self) -> None:
        """(Re)start the runs (and the counterfactual's) in the background."""
        if self.job is not None:
            self.job.cancel()
        if getattr(self, "sens_job", None) is not None:  # other values: the tornado is worked out again
            self.sens_job.cancel()
            self.sens_job = None
        self.run_values = dict(self.values)
        # With usable choices, the record's (then the automatic player's); else the automatic player's.
        target = self.journey if self.trace is not None else self.journey.spec
        setup, runs = self.setup, self.runs

        def task(values: dict[str, float], record=target):
            return lambda progress, cancelled: replay(record, runs, values=values, setup=setup,
                                                      progress=progress, cancelled=cancelled)

        tasks = [("main", task(dict(self.run_values)))]
        if self.counterfactual:
            # a what-if that changes one of your decisions replays your record with that decision changed
            record = self.counterfactual.get("journey") if self.trace is not None else None
            tasks.append(("cf", task({**self.run_values, **self.counterfactual["set"]}, record or target)))
        self.results = {}
        self.run_seconds = None
        self.job = ReplayJob(tasks, sliced=True).start()  # runs between this screen's frames
        self.chart = self._chart_data()
        self._rebuild((REPLAYS, MODEL))

    @property
    def ready(self) -> bool:
        """The player's 1,000 runs are in (the counterfactual's may follow)."""
        return "main" in self.results

    @property
    def complete(self) -> bool:
        """Every run is in: the chart can be saved."""
        return self.job is not None and self.job.done and self.job.error is None and self.run_seconds is not None \
            and len(self.results) == len(self.job.tasks)

    @property
    def progress(self) -> float:
        return 1.0 if self.complete else (self.job.progress if self.job else 0.0)

    def changed_values(self) -> dict[str, float]:
        return {k: v for k, v in self.run_values.items() if v != self.journey_values.get(k)}

    def _chart_data(self) -> ChartData:
        labels = [_(self.scenario.outcomes.get(o, {}).get("label", o)) for o in self.order]
        changed = self.changed_values()
        if self.trace is None:
            main_label = _("The automatic player's choices")
        elif changed:
            main_label = _("Your choices, with the values you changed")
        else:
            main_label = _("Your choices")
        series = [Series(main_label)]
        failed = self.job is not None and self.job.done and self.job.error is not None
        if self.counterfactual and not (failed and "cf" not in self.results):
            series.append(Series(_(self.counterfactual["label"]), striped=True))
        for s in series:
            key = "main" if not s.striped else "cf"
            if key in self.results:
                res = self.results[key]
                filled = charts.series_from_result(s.label, res, self.order, s.striped)
                s.shares, s.ci, s.n = filled.shares, filled.ci, filled.n
        note = charts.default_note(self.runs, self.seed)
        if changed:
            note += " " + _("Changed from your journey: {changes}.").format(changes=self._changes_text(changed))
        if self.counterfactual and self.counterfactual.get("choice_changes"):
            note += " " + _("Striped: {what_if}: your own journey with that one decision changed, the rest as you chose.").format(
                what_if=_(self.counterfactual["label"]))
        elif self.counterfactual:
            note += " " + _("Striped: {what_if}, the one change being {changes}.").format(
                what_if=_(self.counterfactual["label"]),
                changes=self._changes_text({k: after for k, (_before, after) in self.counterfactual["changes"].items()}))
        went_on = self._went_on()
        clock = getattr(self.model, "clock", None)  # a model with a time of day (the fog's dawn)
        if went_on and callable(clock):
            hour = float(clock(self.journey.steps)) % 24
            note += " " + _("After your journey ended at {clock}, the {k} travellers still on their way went on with the automatic player's choices.").format(
                clock=f"{int(hour):02d}:{int(round(hour % 1 * 60)) % 60:02d}", k=f"{went_on:,}")
        elif went_on:
            note += " " + _("After your journey ended, {time} in, the {k} travellers still on their way went on with the automatic player's choices.").format(
                time=duration_text(self.journey.hours), k=f"{went_on:,}")
        return ChartData(
            title=_("{title}: the same choices, {n} times").format(title=_(self.scenario.title), n=f"{self.runs:,}"),
            outcome_labels=labels,
            series=series,
            mine=self.order.index(self.outcome) if self.outcome in self.order else None,
            mine_text=_("Your journey ended here"),
            note=note,
            tones=[str(self.scenario.outcomes.get(o, {}).get("tone", "")) for o in self.order],
        )

    def _went_on(self) -> int:
        """How many replayed travellers were still going when the player's journey
        ended, and so went on with the automatic player's choices."""
        res = self.results.get("main")
        if res is None or self.trace is None or self.journey.until is None:
            return 0
        return int((res.hours > self.journey.until * res.step_hours + 1e-9).sum())

    def _changes_text(self, changed: dict[str, float]) -> str:
        parts = []
        for k, v in changed.items():
            p = self.scenario.parameters.get(k)
            label = self._plain(_(p.label)) if p else k
            unit = p.unit if p else ""
            parts.append(f"{label} {number_text(self.journey_values[k], unit)} → {number_text(v, unit)}")
        return "; ".join(parts)

    def _chart_source(self):
        if self.job is not None and self.job.error:
            status = _("The runs could not be finished: {error}").format(error=self.job.error)
        else:
            status = _("Replaying your choices {n} times, each time with different luck… {done}").format(
                n=f"{self.runs:,}", done=percent(self.progress))
        return self.chart, self.progress, status

    # -- layout ------------------------------------------------------------
    def relayout(self) -> None:
        """Text size, language or contrast changed (or first build): lay out again."""
        # Tabs: as wide as their names need, in the body font if they all fit
        # on one line, else the small one (wrapping if even that is too wide).
        right = MENU_CORNER.left - 12
        full = [f"{i + 1}  {self.panel_name(i)[0]}" for i in range(len(PANELS))]
        tiny = [f"{i + 1} {_(name) if i != REPLAYS or self.runs == RUNS else self.panel_name(i)[0]}"
                for i, name in enumerate(TINY_TABS)]
        # At large text sizes the tabs take their one-word names rather than wrap.
        for names, role in ((full, "body"), (full, "small"), (tiny, "body"), (tiny, "small")):
            self.tab_font = fonts.font(role, True)
            widths = share_row([self.tab_font.size(t)[0] + 24 for t in names], right - EDGE, GAP)
            self.tab_lines = [wrap(self.tab_font, t, w - 20) for t, w in zip(names, widths)]
            if max(len(lines) for lines in self.tab_lines) == 1:
                break
        tab_h = max(56, max(len(lines) for lines in self.tab_lines) * line_height(self.tab_font) + 16)
        self.tab_rects = place_row(widths, EDGE, 8, tab_h, GAP)

        fs = fonts.font("small")
        self.help_text = _("Keys: 1-5 or ←/→ pages · ↑/↓ move, scroll · Enter choose · Esc menu")
        self.help_lines = wrap(fs, self.help_text, W - 2 * EDGE)
        help_h = len(self.help_lines) * line_height(fs)
        self.bar_buttons = [
            Button(_("Play again"), self.play_again, role="body"),
            Button(_("Choose another journey"), self.choose_another, role="body"),
            Button(_("Save chart"), self.save_chart, role="body"),
        ]
        if not self.app.mode.saves_files:  # a kiosk keeps nothing of a visitor
            self.bar_buttons.pop()
        fb = fonts.font("body", True)
        widths = share_row([fb.size(b.text)[0] + 2 * 12 + 8 for b in self.bar_buttons], W - 2 * EDGE, GAP)
        bar_h = max(b.measure(w) for b, w in zip(self.bar_buttons, widths))
        bar_y = H - 6 - help_h - 6 - bar_h
        self.bar_rects = place_row(widths, EDGE, bar_y, bar_h, GAP)
        self.help_y = bar_y + bar_h + 6
        top = self.tab_rects[0].bottom + 10
        self.content = pygame.Rect(EDGE, top, W - 2 * EDGE, bar_y - 10 - top)
        map_w = round(self.content.width * 0.5)
        self.map_rect = pygame.Rect(self.content.x, self.content.y, map_w, self.content.height)
        self._journey_cache = None
        self._rebuild(range(len(PANELS)))

    def panel_rect(self, panel: int) -> pygame.Rect:
        if panel == JOURNEY:
            x = self.map_rect.right + 20
            return pygame.Rect(x, self.content.y, self.content.right - x, self.content.height)
        return self.content

    def _rebuild(self, panels) -> None:
        """Mark pages to be built again; each is built when it is next shown."""
        self._stale.update(panels)

    def page_form(self, p: int) -> Form:
        """Page ``p``'s Form, built (or rebuilt, keeping focus, scroll and a
        press in progress) on first use after a change."""
        old = self.forms[p]
        if old is not None and p not in self._stale:
            return old
        builders = {JOURNEY: self._journey_widgets, REPLAYS: self._replay_widgets, RECORD: self._record_widgets,
                    MODEL: self._model_widgets, TALK: self._talk_widgets}
        form = Form(builders[p](), self.panel_rect(p))
        if old is not None:
            if 0 <= old.focus < len(form.widgets) and form.widgets[old.focus].focusable:
                form.focus = old.focus
            form.scroll = min(old.scroll, form.max_scroll)
            # A finger or button held down while the page is rebuilt keeps its press.
            form._drag_from, form._drag_scroll, form._dragged = old._drag_from, old._drag_scroll, old._dragged
        self.forms[p] = form
        self._stale.discard(p)
        self._version += 1
        return form

    @property
    def form(self) -> Form:
        return self.page_form(self.panel)

    def _heading(self, panel: int) -> Label:
        return Label(self.panel_name(panel)[1], role="large", bold=True)

    # -- the pages ---------------------------------------------------------
    def _ending_told(self) -> str:
        """What ended this journey, as the ending card told it (a mine, not
        "a mine or the guards"); empty when the record tells no ending."""
        places = getattr(self.model, "places", None)
        names = {"place": [p.label for p in places]} if places else None
        narrator = Narrator(self.scenario, self.journey_values, names=names,
                            gentle=not self.app.settings.show_gunfire_scenarios)
        try:
            return " ".join(line.text for line in narrator.ending(self.journey.events))
        except (KeyError, ValueError, TypeError):  # a record from another version of the levels
            return ""

    def _journey_widgets(self) -> list:
        info = self.scenario.outcomes.get(self.outcome or "", {})
        total = self.track[-1].step * float(self.model.step_hours) if self.track else 0.0
        w: list = [self._heading(JOURNEY)]
        if self.outcome:
            w.append(Label(_("How it ended: {outcome}").format(outcome=_(info.get("label", self.outcome))), bold=True))
            told = self._ending_told()
            if told or info.get("text"):
                w.append(Label(told or _(info["text"])))
        ashore = self.ashore_hours
        if ashore is None:
            w.append(Label(_("Your journey lasted {time}.").format(time=duration_text(total)), dim=True))
        elif total <= ashore:
            w.append(Label(_("Your journey lasted {time}, all of it ashore.").format(time=duration_text(total)), dim=True))
        else:
            w.append(Label(_("Your journey lasted {time}: {ashore} ashore, then {sea} at sea.").format(
                time=duration_text(total), ashore=duration_text(ashore), sea=duration_text(total - ashore)), dim=True))
        w.append(Spacer(6))
        if self.world is not None:
            w.append(Label(_("On the map, the line is your route from the open circle to the square. The numbers mark the moments of highest risk; the strip below the map shows the risk at every step."), dim=True))
        else:
            w.append(Label(_("The strip shows the risk at every step of your journey; the numbers mark the moments of highest risk."), dim=True))
        if self.moments:
            w.append(Label(_("The moments of highest risk"), role="large", bold=True))
            reasons = self.model.risk_reasons
            for k, m in enumerate(self.moments, start=1):
                why = _(reasons[m.reason]) if 0 <= m.reason < len(reasons) else _("The risk rose.")
                text = _("{time} — {why} (risk this step: {risk})").format(
                    time=clock_text(m.hours, total, self.ashore_hours), why=why, risk=percent(m.risk))
                w.append(Label(f"{k}.  {text}"))
            w.append(Label(_("Risk this step is the model's chance that the journey would end badly during that one step."), role="small", dim=True))
        else:
            w.append(Label(_("No step of your journey carried a risk the model could measure."), dim=True))
        return w

    def _replay_widgets(self) -> list:
        w: list = [self._heading(REPLAYS)]
        if self.trace_problem:
            w.append(Label(_("Your recorded choices could not be replayed ({problem}), so these runs follow the automatic player's choices instead.").format(problem=self.trace_problem), color=self.theme.warning))
        if self.cf_problem:
            w.append(Label(_("The scenario's other case could not be run: {problem}").format(problem=self.cf_problem), color=self.theme.warning))
        # What it comes to in words, then the chart (or its progress): both in
        # view at once at every text size.
        w += self._comparison_widgets()
        w.append(ChartWidget(self._chart_source))
        w.append(Label(_("The model replayed your choices for {n} travellers. Each one met different luck: the same decisions, other chances. Your own journey was one of many that could have happened.").format(n=f"{self.runs:,}")))
        w.append(Spacer(6))
        if self.run_seconds is not None and not (self.job and self.job.error):
            w.append(Label(_("These runs took {s} seconds.").format(s=f"{max(self.run_seconds, 0.01):.2g}"), role="small", dim=True))
        w.append(Label(_("Seed {seed}: the same seed and the same choices give the same {n} journeys.").format(seed=self.seed, n=f"{self.runs:,}"), role="small", dim=True))
        w.append(Label(self._repeat_text(), role="small", dim=True))
        if self.saved:
            w.append(Label(_("Saved: {files}").format(files=", ".join(str(p) for p in self.saved)), role="small", color=self.theme.good))
        if self.save_problem:
            w.append(Label(self.save_problem, role="small", color=self.theme.warning))
        return w

    def _comparison_widgets(self) -> list:
        if self.job is not None and self.job.error and self.ready:
            return [Label(_("Some runs could not be finished: {error}").format(error=self.job.error), color=self.theme.warning)]
        if not self.ready:
            return [Label(_("Your choices are being replayed; the chart fills in when the runs are done."), dim=True)]
        main = self.results["main"]
        w: list = []
        if self.outcome in self.order:
            label = _(self.scenario.outcomes.get(self.outcome, {}).get("label", self.outcome))
            w.append(Label(_("With these choices, {share} of the {n} journeys ended as yours did: {outcome}.").format(
                share=percent(main.share(self.outcome)), n=f"{self.runs:,}", outcome=label)))
            if "cf" in self.results:
                w.append(Label(_("{counterfactual}, {share} would have ended that way.").format(
                    counterfactual=_(self.counterfactual["label"]), share=percent(self.results["cf"].share(self.outcome)))))
        top = self.order[int(np.argmax(main.shares))]
        w.append(Label(_("The most common ending was: {outcome} ({share}).").format(
            outcome=_(self.scenario.outcomes.get(top, {}).get("label", top)), share=percent(main.share(top))), dim=True))
        if self.run_seconds is None and self.counterfactual:
            w.append(Label(_("{counterfactual}: still running…").format(counterfactual=_(self.counterfactual["label"])), dim=True))
        return w

    def _repeat_text(self) -> str:
        choices = str(self.saved_choices) if self.saved_choices else _("JOURNEY.json")
        command = repeat_command(self.journey.spec, self.runs, self.run_values, self.scenario,
                                 choices if self.trace is not None else None)
        text = _("To repeat these runs: {command}").format(command=command)
        if self.trace is not None and not self.saved_choices:
            text += " " + _("(“Save chart” also saves your journey to that file.)")
        return text

    def _record_widgets(self) -> list:
        """The documented cases told as a story, each followed by its sources; then the
        figures no case tells. Each fact is told once: a case's figures are in its words,
        so only their sources follow it (and, where sources disagree, what each says)."""
        from .facts_view import Badge

        w: list = [self._heading(RECORD)]
        record = self.scenario.record or {}
        reg = self.registry
        if reg is None:
            w.append(Label(_("The figures could not be read: {problem}").format(problem=self.registry_problem), color=self.theme.warning))
        shown: set[str] = set()

        def known(ids) -> list:
            out = [reg.get(i) for i in ids if reg is not None and i in reg and i not in shown]
            shown.update(f.id for f in out)
            return out

        cases = record.get("cases", []) or []
        for case in cases:
            w.append(Label(_(case.get("title", "")), role="large", bold=True))
            if case.get("text"):
                w.append(Label(_(case["text"])))
            facts = known(case.get("facts", []))
            for fact in facts:
                if fact.status == "conflicting":
                    says = [_("{outlet} says: {what}").format(outlet=src.outlet, what=_(src.says)) for src in fact.sources if src.says]
                    w.append(Badge(_("Sources disagree"), " · ".join(says) or readable(_(fact.note), reg)))
            sources = story_sources(facts)
            if sources:
                w.append(Label(_("Sources: {list}").format(list="; ".join(sources)), role="small", dim=True))
            w.append(Spacer(8))
        figures = known([f for f in record.get("facts", []) or []])
        if figures:
            w.append(Label(_("Other figures") if cases else _("Figures"), role="large", bold=True))
            for fact in figures:
                w.append(Label(readable(_(fact.statement), reg)))
                if fact.status == "conflicting":
                    says = [_("{outlet} says: {what}").format(outlet=src.outlet, what=_(src.says)) for src in fact.sources if src.says]
                    w.append(Badge(_("Sources disagree"), " · ".join(says)))
                sources = story_sources([fact])
                if sources:
                    w.append(Label(_("Sources: {list}").format(list="; ".join(sources)), role="small", dim=True))
                w.append(Spacer(4))
        if not cases and not figures:
            w.append(Label(_("No documented case is recorded for this scenario yet."), dim=True))
        w.append(Label(_("Every figure the game uses is listed, with its sources, under “Sources and figures” on the title screen."), role="small", dim=True))
        return w

    def _model_widgets(self) -> list:
        sc = self.scenario
        w: list = [self._heading(MODEL)]
        step = duration_text(float(self.model.step_hours))
        intro = (Label(_("The model moves the journey on in fixed steps of {step}. At each step it works out the risk from the figures below. Some come from the record: they are fixed. Others are assumptions, where no source gives a figure: you can change them and run the {n} journeys again.").format(step=step, n=f"{self.runs:,}")))
        facts = [p for p in sc.parameters.values() if not p.is_assumption and p.name in self.values]
        try:
            groups = assumption_groups(sc, self.journey_values)
        except ModelPageError as exc:
            log.warning("%s", exc)
            groups = [Group(OTHER, [p.name for p in sc.parameters.values() if p.is_assumption and p.name in self.values])]
        if groups:
            # Re-run first, so it is reached at once; then a line that says whether a value
            # changed, as tall whatever it says, so nothing below it moves under a finger.
            w.append(Button(_("Re-run {n} times with these values").format(n=f"{self.runs:,}"), self.rerun, role="body"))
            w.append(Button(_("Reset to your journey's values"), self.reset_values, role="body"))
            changed = _("You changed a value: press “Re-run” to see what it does.")
            unchanged = _("Change a value below, then press “Re-run”.")
            if self.values != self.run_values:
                w.append(SteadyLabel(changed, (unchanged,), color=self.theme.warning))
            else:
                w.append(SteadyLabel(unchanged, (changed,), dim=True))
        w.append(intro)
        if groups:
            w.append(Label(_("Assumptions you can change"), role="large", bold=True))
            w.append(Label(_("Those that bear on your journey, in groups, the ones that change the outcome most first."), dim=True))
            for k, group in enumerate(groups):
                shown = k < OPEN_GROUPS or group.label in self.open_groups or any(
                    self.values[n] != self.journey_values[n] for n in group.names)
                if not shown:
                    w.append(Button(_("{group}: {n} more").format(group=_(group.label), n=len(group.names)),
                                    lambda label=group.label: self._open_group(label), role="body"))
                    continue
                w.append(Label(_(group.label), role="body", bold=True))
                for name in group.names:
                    w += self._assumption_widgets(sc.parameters[name])
        w.append(ChartWidget(self._chart_source))
        w.extend(self._sensitivity_widgets())
        if facts:
            w.append(Label(_("Figures from the record"), role="large", bold=True))
            w.append(Label(_("These come from documented sources, so they are not changed here."), dim=True))
            for p in facts:
                w.append(Label(f"{self._plain(_(p.label))}: {number_text(self.values[p.name], p.unit)}", bold=True))
                w.append(Label(self._source_text(p.source), role="small", dim=True))
                if p.note:
                    w.append(Label(self._plain(readable(_(p.note), self.registry)), role="small", dim=True))
        return w

    def _plain(self, text: str) -> str:
        """A label or note as a reader sees it: other parameters named by their labels, not their code names."""
        return name_parameters(text, self.scenario.parameters)

    def _assumption_widgets(self, p) -> list:
        """One assumption: its stepper, and its note, which speaks of the value the note
        was written for when the journey used another."""
        fv = fonts.font("large")
        box = min(self.content.width // 3, max(120, round(200 * fonts.get_scale()))) - 16
        lo, hi, stepsize = self._range(p)
        label, unit = self._plain(_(p.label)), p.unit
        if unit and max(fv.size(number_text(v, unit))[0] for v in (lo, hi, self.values[p.name])) > box:
            # A long unit goes with the label, so the value is never cut short.
            label, unit = f"{label} ({_(unit)})", ""
        out: list = [Stepper(label, self.values[p.name], lo, hi, stepsize,
                             lambda v, name=p.name: self._set_value(name, v),
                             fmt=lambda v, unit=unit: number_text(v, unit))]
        if p.note:
            note = self._plain(readable(_(p.note), self.registry))
            if float(p.value) != float(self.journey_values[p.name]):
                note = _("Assumption, written for the usual {value}: {note}").format(
                    value=number_text(float(p.value), p.unit), note=note)
            else:
                note = _("Assumption: {note}").format(note=note)
        else:
            note = _("Assumption: no source gives this figure.")
        if self.values[p.name] != self.journey_values[p.name]:
            note += " " + _("In your journey: {value}.").format(value=number_text(self.journey_values[p.name], p.unit))
        out.append(Label(note, role="small", dim=True))
        return out

    def _open_group(self, label: str) -> None:
        self.open_groups.add(label)
        self._rebuild((MODEL,))

    def _source_text(self, fid: str) -> str:
        if self.registry is None or fid not in self.registry:
            return _("Source: {id}").format(id=fid)
        fact = self.registry.get(fid)
        outlets = "; ".join(dict.fromkeys(s.outlet for s in fact.sources))
        text = _("Source: {statement}").format(statement=_(fact.statement))
        if outlets:
            text += f" ({outlets})"
        if fact.status == "conflicting":
            text += " " + _("Sources disagree on this figure: see “What really happened”.")
        return text

    @staticmethod
    def _range(p) -> tuple[float, float, float]:
        v = float(p.value)
        lo = p.minimum if p.minimum is not None else (0.0 if v >= 0 else 2 * v)
        hi = p.maximum if p.maximum is not None else (2 * v if v > 0 else 1.0)
        if p.step:
            step = p.step
        elif p.integer:
            step = 1.0
        else:
            # A quarter of the value (or a twentieth of the range), rounded to 1, 2 or 5.
            raw = abs(v) / 4 or (hi - lo) / 20 or 1.0
            mag = 10 ** np.floor(np.log10(raw))
            step = float(min((1, 2, 5, 10), key=lambda k: abs(k * mag - raw)) * mag)
        return float(lo), float(hi), float(step)

    def _talk_widgets(self) -> list:
        w: list = [self._heading(TALK)]
        questions = self.scenario.questions
        if questions:
            w.append(Label(_("Questions to talk about, in class or with someone else:"), dim=True))
            for k, q in enumerate(questions, start=1):
                w.append(Label(f"{k}.  {_(q)}", role="large"))
        else:
            w.append(Label(_("This scenario has no questions yet."), dim=True))
        w.append(Spacer(8))
        w.append(Label(_("There is no score here. The outcomes are what happened in the model, and the record is what happened to real people."), role="small", dim=True))
        return w

    # -- actions -----------------------------------------------------------
    def _set_value(self, name: str, value: float) -> None:
        self.values[name] = value
        self._rebuild((MODEL,))

    def rerun(self) -> None:
        self.start_runs()

    def reset_values(self) -> None:
        self.values = dict(self.journey_values)
        if self.run_values != self.journey_values:
            self.start_runs()
        else:
            self._rebuild((MODEL,))

    def play_again(self) -> None:
        from .intro import IntroScene

        self.app.replace(IntroScene(self.app, self.scenario, self.preset))

    def choose_another(self) -> None:
        self.app.mode.choose_another(self.app)  # the mode knows where journeys are chosen

    def save_chart(self) -> Path | None:
        """Write the chart as PNG (and the journey's record as JSON) to the user's data folder."""
        if not self.complete:
            self.app.caption(_("The chart is still being made; try again in a moment."))
            return None
        folder = data_dir()
        stamp = time.strftime("%Y%m%d-%H%M%S")
        base = f"crossings-{self.scenario.id}-seed{self.seed}-{stamp}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            png = folder / f"{base}.png"
            surface = charts.render(self.chart, 1200, self.theme)
            picture = io.BytesIO()
            pygame.image.save(surface, picture, "png")
            write_atomic(png, picture.getvalue())
            self.saved = [png]
            # The journey's record: `simulate --choices` and the debrief read it back.
            record = self.journey.save(folder / f"{base}-journey.json")
            self.saved_choices = record
            self.saved.append(record)
        except (OSError, ValueError, pygame.error) as exc:
            self.save_problem = _("Could not save the chart: {error}").format(error=getattr(exc, "strerror", None) or exc)
            self.app.caption(self.save_problem, 6.0)
            self._rebuild((REPLAYS,))
            return None
        self.save_problem = ""
        self.app.caption(_("Chart saved to {path}").format(path=png), 6.0)
        self._rebuild((REPLAYS,))
        return png

    # -- input -------------------------------------------------------------
    def show(self, panel: int) -> None:
        panel = panel % len(PANELS)
        if panel != self.panel:
            # A page opens at its top, however far it was scrolled before.
            self.page_form(panel).scroll = 0
        self.panel = panel

    def back(self) -> None:
        self.app.open_menu()

    def handle(self, intent: Intent) -> bool:
        kind = intent.kind
        # Someone is reading: the automatic player stops turning the pages under them.
        self._auto_pages = False
        if kind == "key":
            return self._key(intent.key)
        if kind == "next":
            shift = {pygame.K_LSHIFT, pygame.K_RSHIFT} & self.app.input.held_keys
            self.show(self.panel + (-1 if shift else 1))
            return True
        if kind.startswith("pointer"):
            return self._pointer(intent)
        if kind == "scroll":
            return self.form.handle(intent)
        if kind in ("up", "down"):
            self._move(-1 if kind == "up" else 1)
            return True
        if kind in ("left", "right"):
            d = -1 if kind == "left" else 1
            if self.zone == "bar":
                self.bar_focus = max(0, min(len(self.bar_buttons) - 1, self.bar_focus + d))
            elif self.zone == "content" and isinstance(self._focused_widget(), _Valued):
                self.form.handle(intent)
            else:
                self.show(self.panel + d)
            return True
        if kind == "confirm":
            if self.zone == "bar":
                self.bar_buttons[self.bar_focus].activate()
            elif self.zone == "tabs":
                self.zone = "content"
            else:
                self.form.handle(intent)
            return True
        return False

    def _key(self, key: int) -> bool:
        if key in NUMBER_KEYS:
            self.show(NUMBER_KEYS[key])
            return True
        form = self.form
        page = max(48, form.rect.height - 60)
        moves = {pygame.K_PAGEDOWN: page, pygame.K_PAGEUP: -page, pygame.K_HOME: -10**6, pygame.K_END: 10**6}
        if key in moves:
            form.scroll = min(form.max_scroll, max(0, form.scroll + moves[key]))
            return True
        return False  # arrows, Enter and the rest come again as intents

    def _focused_widget(self):
        form = self.form
        return form.widgets[form.focus] if 0 <= form.focus < len(form.widgets) else None

    def _move(self, d: int) -> None:
        """Up/down through the tabs, the page and the buttons below it."""
        if self.zone == "tabs":
            if d > 0:
                self.zone = "content"
            return
        if self.zone == "bar":
            if d < 0:
                self.zone = "content"
            return
        form = self.form
        focusables = [i for i, w in enumerate(form.widgets) if w.focusable]
        if not focusables:
            if not form.move_focus(d):
                self.zone = "bar" if d > 0 else "tabs"
            return
        at = focusables.index(form.focus) if form.focus in focusables else -1
        if d > 0 and at == len(focusables) - 1:
            if form.scroll < form.max_scroll:
                form.scroll = min(form.max_scroll, form.scroll + 60)  # the text after the last control
            else:
                self.zone = "bar"
            return
        if d < 0 and at == 0 and form.scroll == 0:
            self.zone = "tabs"
            return
        form.move_focus(d)

    def _hit(self, pos) -> tuple[str, int] | None:
        for i, r in enumerate(self.tab_rects):
            if r.collidepoint(pos):
                return ("tab", i)
        for i, r in enumerate(self.bar_rects):
            if r.collidepoint(pos):
                return ("bar", i)
        return None

    def _pointer(self, intent: Intent) -> bool:
        form = self.form
        if form._drag_from is not None:  # a drag that began on the page ends there
            return form.handle(intent)
        hit = self._hit(intent.pos)
        if intent.kind == "pointer_down":
            self._press = hit
            if hit is None:
                if form.rect.collidepoint(intent.pos):
                    self.zone = "content"
                return form.handle(intent)
            return True
        if intent.kind == "pointer_up":
            press, self._press = self._press, None
            if hit is not None and hit == press:
                where, i = hit
                if where == "tab":
                    self.show(i)
                    self.zone = "tabs"
                else:
                    self.zone, self.bar_focus = "bar", i
                    self.bar_buttons[i].activate()
            return True
        return form.handle(intent)

    # -- time --------------------------------------------------------------
    def update(self, dt: float) -> None:
        job = self.job
        if job is not None:
            self._take_turn(job)
        if job is not None and not job.cancelled:
            done = job.done  # read before the results: a finished job has them all
            if len(job.results) != len(self.results) or (done and self.run_seconds is None):
                # Results come in one run at a time: the player's first.
                self.results = dict(job.results)
                if done:
                    self.run_seconds = job.seconds
                self.chart = self._chart_data()
                self._rebuild((REPLAYS, MODEL))
        self._follow_sensitivity()
        if self.app.launch.autoplay and self._auto_pages and self.complete and self.panel < len(PANELS) - 1:
            # The automatic player shows every page in turn, then stays.
            self._auto_clock += dt
            if self._auto_clock >= AUTO_PAGE_S:
                self._auto_clock = 0.0
                self.show(self.panel + 1)

    def _take_turn(self, job: ReplayJob) -> None:
        """The frame's work begins: the runs pause at their next step. A loop
        that does not wait between frames (headless) gives them a slice first."""
        given = time.perf_counter() - self._released_at if self._released_at is not None else 0.0
        if given < MIN_SLICE_S:
            job.slice(MIN_SLICE_S - given)
        else:
            job.hold()

    def on_exit(self) -> None:
        if self.job is not None:
            self.job.cancel()
        if self.sens_job is not None:
            self.sens_job.cancel()

    # -- which assumptions matter (the tornado) and the calibration, in the background
    SENS_RUNS = 100  # two runs a parameter: coarse, enough to rank them

    def _follow_sensitivity(self) -> None:
        job = self.sens_job
        if job is None:
            if self.panel == MODEL and "main" in self.results and self.job is not None and self.job.done:
                from ..calibrate import run_targets
                from ..sim import sensitivity

                sid, root = self.scenario.id, self.scenario.folder.parent
                scenario, preset, values, seed, trace = self.scenario, self.preset, dict(self.run_values), self.seed, self.trace
                until = self.journey.until if trace is not None else None

                def calibration(_progress, _cancelled):
                    return run_targets(sid, root, quick=True)

                def swings(progress, cancelled):
                    return sensitivity.run(scenario, preset, values, self.SENS_RUNS, seed, trace,
                                           progress=progress, cancelled=cancelled, until=until)

                # The same sliced job as the replays': it takes turns with this screen's frames.
                self.sens_job = ReplayJob([("calibration", calibration), ("sensitivity", swings)],
                                          name="crossings-sensitivity", sliced=True).start()
                self._sens_seen = -1.0
                self._rebuild((MODEL,))
            return
        # redraw the page when the bar has moved a step, or the result is in
        seen = 1.0 if job.done else round(job.progress, 1)
        if not job.done:
            self._take_turn(job)
        if seen != getattr(self, "_sens_seen", None):
            self._sens_seen = seen
            self._rebuild((MODEL,))

    def _tornado_source(self):
        job = self.sens_job
        result = job.results.get("sensitivity") if job is not None else None
        if result is not None:
            return charts.tornado_from(result, self.scenario), 1.0, ""
        empty = charts.TornadoData(_("Which assumptions move the outcome most"), "", 0.0)
        if job is not None and job.error:
            return empty, 0.0, _("This could not be worked out: {problem}").format(problem=job.error)
        progress = job.task_progress.get("sensitivity", 0.0) if job is not None else 0.0
        return empty, progress, _("Trying each assumption at both ends of its range with your choices… {p}%").format(
            p=round(100 * progress))

    def _sensitivity_widgets(self) -> list:
        """The model page's additions: how well the model matches the record, and the tornado."""
        from ..calibrate import summary_line
        from ..ui.chart import TornadoWidget

        w: list = [Label(_("How well the model matches the record"), role="large", bold=True)]
        job = self.sens_job
        checked = job.results.get("calibration") if job is not None else None
        if checked is not None:
            w.append(Label(summary_line(checked, self.scenario.id)))
        elif job is not None and job.error:
            w.append(Label(_("The check against the record could not run: {problem}").format(problem=job.error), dim=True))
        else:
            w.append(Label(_("Being checked against the record after your runs are in…"), dim=True))
        sealed = self.values.get("sealed_from_year")
        if sealed is not None and self.values.get("year", 0) >= sealed:
            w.append(Label(_("From {year} on, what this model says about crossing the river rests on conjecture: how much harder the sealed border made it, and how often the order to shoot was carried out, are not known.").format(
                year=int(sealed)), color=self.theme.warning))
        w.append(TornadoWidget(self._tornado_source))
        return w

    def _load_map(self) -> None:
        """In a background thread: the map's picture (surfaces only, no display calls
        beyond converting to its format), so the debrief opens at once."""
        from ..world.render import MapView

        try:
            self._mapview = MapView(self.world)
            self._map_state = "ready"
        except Exception as exc:  # a map that cannot be drawn: the strip alone
            log.warning("debrief map unavailable: %s", exc)
            self._map_state = "failed"

    # -- drawing -----------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        # The screen changes only when something in this key does: between
        # such changes a frame is one blit, which leaves the interpreter to
        # the runs in the background.
        form = self.form
        key = (self._version, self.panel, self.zone, self.bar_focus, form.scroll, form.focus, self.theme,
               fonts.get_scale(), self._map_state, self.ready, self.complete,
               1.0 if self.complete else round(self.progress, 2))
        if self._frame is None or self._frame[0] != key or self._frame[1].get_size() != surface.get_size():
            frame = self._frame[1] if self._frame and self._frame[1].get_size() == surface.get_size() else surface.copy()
            self._draw_scene(frame)
            self._frame = (key, frame)
        surface.blit(self._frame[1], (0, 0))
        released = False
        for job in (self.job, self.sens_job):
            if job is not None and not job.done:
                job.release()  # drawn: the runs go on while the window waits
                released = True
        if released:
            self._released_at = time.perf_counter()

    def _draw_scene(self, surface: pygame.Surface) -> None:
        theme = self.theme
        surface.fill(theme.background)
        self._draw_tabs(surface)
        if self.panel == JOURNEY:
            self._draw_journey(surface)
        form = self.form
        focus = form.focus
        if self.zone != "content":
            form.focus = -1  # the keys are elsewhere: show no focus ring on the page
        form.draw(surface, theme)
        form.focus = focus
        for i, (button, rect) in enumerate(zip(self.bar_buttons, self.bar_rects)):
            button.enabled = i != 2 or self.complete
            button.draw(surface, rect, theme, self.zone == "bar" and self.bar_focus == i)
        fs = fonts.font("small")
        y = self.help_y
        for line in self.help_lines:
            surface.blit(fs.render(line, True, theme.text_dim), (EDGE, y))
            y += line_height(fs)

    def _draw_tabs(self, surface) -> None:
        theme = self.theme
        ft = self.tab_font
        for i, (rect, lines) in enumerate(zip(self.tab_rects, self.tab_lines)):
            current = i == self.panel
            pygame.draw.rect(surface, theme.button if current else theme.panel, rect, border_radius=8)
            edge = theme.accent if (current and self.zone == "tabs") else theme.panel_edge
            pygame.draw.rect(surface, edge, rect, width=4 if current and self.zone == "tabs" else 2, border_radius=8)
            if current:  # the open page is marked by a bar, not by colour alone
                pygame.draw.rect(surface, theme.accent, (rect.x + 6, rect.bottom - 8, rect.width - 12, 5), border_radius=2)
            if i in (REPLAYS, MODEL) and self.job is not None and not self.job.done:
                # The runs' progress, seen from every page.
                track = pygame.Rect(rect.x + 8, rect.y + 5, rect.width - 16, 6)
                pygame.draw.rect(surface, theme.background, track, border_radius=3)
                fill = track.copy()
                fill.width = round(track.width * max(0.0, min(1.0, self.progress)))
                pygame.draw.rect(surface, theme.good, fill, border_radius=3)
            y = rect.y + (rect.height - len(lines) * line_height(ft)) // 2 - (2 if current else 0)
            color = theme.text if current else theme.text_dim
            for line in lines:
                img = ft.render(line, True, color)
                surface.blit(img, (rect.x + (rect.width - img.get_width()) // 2, y))
                y += line_height(ft)

    def _draw_journey(self, surface) -> None:
        rect = self.map_rect
        key = (rect.size, self.theme, fonts.get_scale(), self._map_state)
        if self._journey_cache is None or self._journey_cache[0] != key:
            self._journey_cache = (key, self._render_journey(rect.size))
        surface.blit(self._journey_cache[1], rect.topleft)

    def _render_journey(self, size: tuple[int, int]) -> pygame.Surface:
        theme = self.theme
        surf = pygame.Surface(size)
        surf.fill(theme.panel)
        w, h = size
        fs = fonts.font("small")
        lh = line_height(fs)
        has_map = self._map_state in ("waiting", "ready")
        strip_h = max(110, 3 * lh + 40 + self._marker_radius()) if has_map else h
        strip = pygame.Rect(0, h - strip_h, w, strip_h)
        if has_map:
            area = pygame.Rect(0, 0, w, h - strip_h - 8)
            if self._map_state == "ready":
                self._draw_route_on_map(surf, area)
            else:
                draw_text(surf, fonts.font("body"), _("Drawing the map…"), (16, area.centery - lh), theme.text_dim, w - 32, "center")
        self._draw_strip(surf, strip)
        pygame.draw.rect(surf, theme.panel_edge, surf.get_rect(), width=2, border_radius=4)
        return surf

    def _marker_radius(self) -> int:
        return max(12, line_height(fonts.font("small", True)) // 2 + 2)

    def _marker(self, surf, center, k: int) -> None:
        theme = self.theme
        fb = fonts.font("small", True)
        r = self._marker_radius()
        color = theme.warning
        pygame.draw.circle(surf, theme.background, center, r + 3)
        pygame.draw.circle(surf, color, center, r)
        img = fb.render(str(k), True, readable_on(color))
        surf.blit(img, img.get_rect(center=center))

    def _pins(self, surf, points: list[tuple[int, int]], area: pygame.Rect) -> None:
        """Numbered markers on stalks above their points, moved aside where
        they would cover each other, so the route under them stays visible."""
        theme = self.theme
        r = self._marker_radius()
        placed: list[tuple[int, int]] = []
        for k, (x, y) in enumerate(points, start=1):
            cx, cy = x, y - r - 10
            if cy - r < area.y:
                cy = y + r + 10  # no room above: hang below
            for _try in range(8):
                if all((cx - px) ** 2 + (cy - py) ** 2 >= (2 * r + 4) ** 2 for px, py in placed):
                    break
                cx += 2 * r + 6
            cx = min(max(cx, area.x + r + 3), area.right - r - 4)
            placed.append((cx, cy))
            pygame.draw.line(surf, theme.background, (x, y), (cx, cy), 5)
            pygame.draw.line(surf, theme.warning, (x, y), (cx, cy), 2)
            pygame.draw.circle(surf, theme.background, (x, y), 5)
            pygame.draw.circle(surf, theme.warning, (x, y), 3)
        for k, c in enumerate(placed, start=1):
            self._marker(surf, c, k)

    def _draw_route_on_map(self, surf, area: pygame.Rect) -> None:
        mv, theme, world = self._mapview, self.theme, self.world
        base = mv.base
        # Fit the map and the route both: a route may leave the map's edge.
        xs = np.array([s.x for s in self.track], dtype=float)
        ys = np.array([s.y for s in self.track], dtype=float)
        ok = np.isfinite(xs) & np.isfinite(ys)
        x0, y0, x1, y1 = 0.0, 0.0, float(world.width), float(world.height)
        if ok.any():
            x0, x1 = min(x0, xs[ok].min() - 1), max(x1, xs[ok].max() + 1)
            y0, y1 = min(y0, ys[ok].min() - 1), max(y1, ys[ok].max() + 1)
        tw0, th0 = world.tile_width, world.tile_height
        zoom = min(area.width / ((x1 - x0) * tw0), area.height / ((y1 - y0) * th0))
        tw, th = tw0 * zoom, th0 * zoom
        ox = area.x + (area.width - (x1 - x0) * tw) / 2 - x0 * tw
        oy = area.y + (area.height - (y1 - y0) * th) / 2 - y0 * th
        size = (max(1, round(base.get_width() * zoom)), max(1, round(base.get_height() * zoom)))
        img = pygame.transform.smoothscale(base, size)
        clip = surf.get_clip()
        surf.set_clip(area)
        surf.blit(img, (round(ox), round(oy)))

        def at(x: float, y: float) -> tuple[int, int]:
            return round(ox + x * tw), round(oy + y * th)

        pts = [at(s.x, s.y) for s in self.track]
        if len(pts) > 1:
            pygame.draw.lines(surf, theme.background, False, pts, 7)
            pygame.draw.lines(surf, theme.accent, False, pts, 3)
        if pts:
            pygame.draw.circle(surf, theme.background, pts[0], 9)
            pygame.draw.circle(surf, theme.text, pts[0], 7, 3)
            end = pygame.Rect(0, 0, 14, 14)
            end.center = pts[-1]
            pygame.draw.rect(surf, theme.background, end.inflate(6, 6))
            pygame.draw.rect(surf, theme.text, end)
        self._pins(surf, [at(m.x, m.y) for m in self.moments], area)
        surf.set_clip(clip)

    def _draw_strip(self, surf, rect: pygame.Rect) -> None:
        """The risk at every step as a filled line, with the moments numbered."""
        theme = self.theme
        fs = fonts.font("small")
        lh = line_height(fs)
        risks = np.array([s.risk for s in self.track], dtype=float)
        risks = np.nan_to_num(risks, nan=0.0, posinf=0.0, neginf=0.0)
        total = self.track[-1].step * float(self.model.step_hours) if self.track else 0.0
        peak = float(risks.max()) if risks.size else 0.0
        title = _("Risk at each step (highest: {peak})").format(peak=percent(peak))
        draw_text(surf, fs, title, (rect.x + 12, rect.y + 6), theme.text, rect.width - 24)
        title_h = len(wrap(fs, title, rect.width - 24)) * lh
        r = self._marker_radius()
        gap = max(18, r + 6)  # room above the plot for a marker on the highest risk, at any text size
        plot = pygame.Rect(rect.x + 12, rect.y + 6 + title_h + gap, rect.width - 24, rect.height - title_h - lh - 18 - gap)
        if plot.height < 8 or risks.size == 0:
            return
        pygame.draw.rect(surf, theme.background, plot)
        n = risks.size
        if peak > 0:
            cols = max(1, min(plot.width, n))
            edges = np.linspace(0, n, cols + 1).astype(int)
            vals = np.array([risks[a:max(b, a + 1)].max() for a, b in zip(edges[:-1], edges[1:])])
            xs = plot.x + np.linspace(0, plot.width - 1, cols)
            ys = plot.bottom - 1 - vals / peak * (plot.height - 2)
            poly = [(plot.x, plot.bottom - 1)] + [(round(x), round(y)) for x, y in zip(xs, ys)] + [(plot.right - 1, plot.bottom - 1)]
            if len(poly) >= 3:
                pygame.draw.polygon(surf, theme.danger, poly)
                pygame.draw.lines(surf, theme.text, False, poly[1:-1] if len(poly) > 3 else poly, 1)
        pygame.draw.rect(surf, theme.panel_edge, plot, width=1)
        for k, m in enumerate(self.moments, start=1):
            x = plot.x + round(m.index / max(1, n - 1) * (plot.width - 1))
            y = plot.bottom - 1 - round(m.risk / peak * (plot.height - 2)) if peak else plot.bottom
            # kept whole inside the strip: not cut by its edges nor over its title
            x = max(rect.x + r + 3, min(rect.right - r - 3, x))
            self._marker(surf, (x, max(plot.y - 2, y - 4)), k)
        left, right = self.strip_labels(total, plot.width, fs)
        if left:
            surf.blit(fs.render(left, True, theme.text_dim), (plot.x, plot.bottom + 4))
        img = fs.render(right, True, theme.text_dim)
        surf.blit(img, (plot.right - img.get_width(), plot.bottom + 4))

    def strip_labels(self, total: float, width: int, font) -> tuple[str, str]:
        """The times under the strip's two ends, as long as they fit side by side in ``width``:
        with the hour, then the day alone, then the end alone."""
        ashore = self.ashore_hours
        gap = font.size("    ")[0]
        for short in (False, True):
            left, right = clock_text(0, total, ashore, short), clock_text(total, total, ashore, short)
            if font.size(left)[0] + gap + font.size(right)[0] <= width:
                return left, right
        return "", right
