"""Across the sea: the play screen.

Before leaving, the player chooses the month, the boat and the supplies
(the preset's values to start from); setting out asks the first decision (how a
crossing leaves the watched coast; whether a fishing crew fishes on). At sea, a
map of the Sea of Japan with the boat and its track where the crew reckons them
(no GPS: a ring of doubt around the boat; the truth at the end), the wind and (on request) the currents; a panel with the
day, the crew's choices as buttons, and below them the boat, the crew, the
weather and an honest forecast (a text that scrolls when it does not fit); a
row of map buttons (time, zoom, currents, keys and help). One simulation step
is six hours.

Controls (every one by keys, mouse, touch and gamepad):
  Left / Right (A / D, pad left/right)  change course by 15 degrees;
                                        or tap / click the map to steer there
  Up / Down (pad), Tab (pad X / Y)      move between the buttons and the panel's text
                                        (Up / Down scroll the text when it has the focus);
                                        Enter / Space / pad A presses
  E engine (off, slow, cruise, full)    B bail       R repair      F rations
  V how to meet heavy seas (hold the course, heave to, run before them)
  L signal a ship (lights)              T turn back  C currents    Z or + / - zoom
  G pass for a fishing boat (a crossing: near North Korea's coast and among the fleet)
  K work the grounds (a fishing crew: drift under the lights with the fleet)
  X time speed (1x, 2x, 4x)             Page Up / Page Down scroll the panel's text
  H or F1 keys and help                 Escape / P the menu
"""

from __future__ import annotations

import math
from types import SimpleNamespace
from typing import Any, Callable

import numpy as np
import pygame

from ...i18n import _, format_number, join_sentences, ngettext
from ...narrator import Narrator
from ...ui import fonts
from ...ui.hud import HelpOverlay, HudButton, draw_card, help_overlay, shade_screen
from ...ui.text import draw_text, fit_text, line_height, wrap
from ...ui.widgets import Button, Form, Label, Stepper
from ..base import MENU_CORNER, H, W
from ..play_base import PlayBase
from ..story import draw_marks, ending_words
from . import layout
from .actions import (CHOICE_LABELS, COURSE_STEP, ENGINE, HEAVE_TO, HOLD, LEAVING, MORNING, NIGHT, PREP, PREP_TASK,
                      RATIONS, SEAS, STEER, TARP, WEATHER, Crew, decisions_for, sea_action)
from .layout import PAD, ZOOMS
from .observation import (FORECAST_DAYS, MONTHS, SeaObservation, compass, date_after, date_text, day_text,
                          forecast_lines, observe)
from .view import SeaView

SPEEDS = (1.0, 2.0, 4.0)
DRIFT_SPEED = 96.0  # once nobody aboard can act, the boat's last days pass quickly
PORT_DAY_STEPS = 4  # a day ashore, in the model's six-hour steps
STATUS = "status"  # the panel's text takes a place in the focus order, so a pad can scroll it

# The help overlay of old, by its old name (tests and other screens look for it).
HelpScene = HelpOverlay
__all__ = ["PlayScene", "HelpScene", "compass", "date_after"]


def _panel_width() -> int:
    return layout.panel_width(fonts.get_scale())


def _zoom_for(base: pygame.Surface, map_size: tuple[int, int], zoom_i: int) -> float:
    return layout.zoom_for(base.get_size(), map_size, zoom_i)


def _crew_field(name: str) -> property:
    return property(lambda self: getattr(self.crew, name), lambda self, v: setattr(self.crew, name, v))


class PlayScene(PlayBase):
    steps_per_second = 0.25  # a day at sea every 16 seconds at 1x: time to read the weather and act (2x, 4x go faster)

    heading, throttle_i, bail, repair = (_crew_field(n) for n in ("heading", "throttle_i", "bail", "repair"))
    ration_i, signal, turn_back, cover = (_crew_field(n) for n in ("ration_i", "signal", "turn_back", "cover"))
    seas, fishing, tarp = _crew_field("seas"), _crew_field("fishing"), _crew_field("tarp")

    def __init__(self, app, scenario, preset: str, seed: int, overrides: dict[str, float] | None = None):
        self.crew = Crew()  # the crew's choices (actions.py, no pygame)
        super().__init__(app, scenario, preset, seed, overrides)
        self.overrides = dict(overrides or {})
        self.heading = float(self.model.default_action["heading_deg"])
        self.port_steps = 0  # steps waited ashore before setting out
        self._prep_next = ""  # the next question ashore (actions.PREP)
        self.short = False  # the kiosk's cut: fewer questions (no morning course)
        # A crossing starts off passing for a fishing boat: the coastal watch is near.
        self.cover = self.model.p["intent"] >= 0.5
        self.speed_i = 0
        self.show_currents = False
        self.zoom_i = 0
        self.focus = -1
        self.status_scroll = 0
        self.status_max_scroll = 0
        self._drag: tuple[int, int] | None = None
        self._dragged = False
        self._pointer = (0, 0)
        self.notice: str | None = None
        self.decision: str | None = None  # the event code whose choices wait under the notice
        self.choices: list[HudButton] = []
        self.choice_focus = 0
        self._asks: list[tuple[str, str, tuple[str, ...]]] = []  # decisions of the same step still to ask
        self.narrator = Narrator(scenario, self.values)
        self.told = 0  # events already told
        self._forecast_key: Any = None
        self._forecast = None
        self.painter = SeaView(self.world, self.model.is_sea, self.model.current_u, self.model.current_v)
        self._obs_key: Any = None
        self._obs: SeaObservation | None = None
        self._view = None
        self.departed = bool(self.autoplay)
        self.reckoned_track: list[tuple[float, float]] = []  # where the crew reckoned it was, step by step
        self._reckoned_at: dict[int, tuple[float, float]] = {}  # the same, by the step's index (for the marks)
        self._marks_key: Any = None
        self.form: Form | None = None
        if not self.departed:
            self.paused = True
        self._aim_heading()
        if self.departed:  # the automatic player sets out at once
            self.reckoned_track = [tuple(self.model.reckoned(self.sim.state)[:2])]
        self.buttons = self._make_buttons()
        self.tools = self._make_tools()
        self.relayout()

    # ------------------------------------------------------------ setup
    def _setup_widgets(self):
        sc, v = self.scenario, self.values
        p = sc.parameters

        def step(name: str, label: str, fmt: Callable[[float], str]):
            par = p[name]
            return Stepper(label, v[name], par.minimum, par.maximum, par.step or 1, lambda x, n=name: self._set(n, x), fmt)

        return [
            Button(_("Set out"), lambda: self.set_out(), detail=_("Or first choose below: the month, the boat, the supplies.")),
            # A crossing waits ashore for its weather; a fishing crew is already out on the grounds.
            *([Button(_("Wait a day ashore"), self.wait_ashore, role="body",
                      detail=_("It is {date}. The weather and the season move on; you have not left yet.").format(
                          date=self.date_text()))] if self.crossing() else []),
            *[Label(line, role="small", dim=True) for line in self.forecast_lines()],
            step("month", _("Month to leave"), lambda x: _(MONTHS[int(x) - 1])),
            step("boat_length_m", _("Boat length"), lambda x: _("{n} m").format(n=int(x))),
            step("engine_age_years", _("Engine age"), lambda x: _("{n} years").format(n=int(x))),
            step("crew", _("People aboard"), lambda x: str(int(x))),
            step("fuel_kg", _("Fuel"), lambda x: _("{n} kg").format(n=int(x))),
            step("water_days", _("Water"), lambda x: _("{n} days").format(n=int(x))),
            step("food_days", _("Food"), lambda x: _("{n} days").format(n=int(x))),
            Label(self.load_text(), dim=not self.overloaded()),
            Label(_("A careful throttle saves fuel: the fuel a kilometre costs grows with the square of the speed."), dim=True),
            *([Label(_("No boat may go to sea without a permit, and the North's patrol boats watch the coastal waters. "
                       "You set out passing for a fishing boat, slowly; once out of the watched waters you can make "
                       "your run (G)."), dim=True)] if self.crossing() else []),
            Button(_("Keys and help"), self.open_help),
        ]

    def overloaded(self) -> bool:
        return float(self.model.load_kg(self.sim.state)[0]) > self.model.capacity_kg()

    def load_text(self) -> str:
        """What the boat carries against what it can carry (people, fuel, water, food)."""
        load, cap = float(self.model.load_kg(self.sim.state)[0]), self.model.capacity_kg()
        if load > cap:
            return _("Overloaded: {load} kg aboard, {cap} kg is what this boat can carry. It rides low, ships more "
                     "water and rolls over more readily.").format(load=format_number(round(load, -1)),
                                                                    cap=format_number(round(cap, -1)))
        return _("Load: {load} kg of the {cap} kg this boat can carry (people, fuel, water, food).").format(
            load=format_number(round(load, -1)), cap=format_number(round(cap, -1)))

    def _set(self, name: str, value: float) -> None:
        self.overrides[name] = value
        self._rebuild()
        if self.form is not None:
            self.relayout()  # the date and the forecast follow the month and the boat

    def wait_ashore(self) -> None:
        """A day ashore for a weather window: the model's ``in_port`` steps, recorded like any choice."""
        self.port_steps += PORT_DAY_STEPS
        for _step in range(PORT_DAY_STEPS):
            self.sim.step(sea_action(self.crew, self.crossing(), in_port=True))
        events = self.sim.events(0)
        for line in self.narrator.lines(events[self.told:]):
            self.app.caption(line.text, 3.0)
        self.told = len(events)
        self.relayout()

    def date_text(self) -> str:
        return date_text(int(self.values["month"]), float(self.sim.state.hours[0]))

    def _rebuild(self) -> None:
        from ...levels import model_for
        from ...sim.runner import Simulation

        self.values = self.scenario.values(self.preset, self.overrides)
        self.model = model_for(self.scenario, self.values, self.world)
        self.sim = Simulation(self.model, 1, self.seed)
        for _step in range(self.port_steps):  # the days already waited ashore, again
            self.sim.step(sea_action(self.crew, self.crossing(), in_port=True))
        self._forecast_key = None
        self._obs_key = None
        self.painter.current_u, self.painter.current_v = self.model.current_u, self.model.current_v
        self.narrator = Narrator(self.scenario, self.values)
        self.told = len(self.sim.events(0))  # the days ashore were told when they were waited
        self._aim_heading()

    def _aim_heading(self) -> None:
        """Start on a sensible course: toward Japan for a crossing, home for a fishing crew."""
        m, e = self.model, self.sim.state.extra
        p = m.p
        lon, lat = (p["target_lon"], p["target_lat"]) if p["intent"] >= 0.5 else (p["home_lon"], p["home_lat"])
        bearing, _dist = m._bearing_to(e["boat_x"][:1], e["boat_y"][:1], lon, lat)
        self.heading = round(float(bearing[0]) / COURSE_STEP) * COURSE_STEP % 360

    def set_out(self, ask: bool = True) -> None:
        """The voyage begins with its first decision (LEAVING): how a crossing leaves the
        watched coast; whether a fishing crew fishes on or heads home. The voyage waits for it.
        The kiosk's cut (``ask=False``) leaves with the preset's way: a crossing passing for a
        fishing boat, a fishing crew heading home."""
        self.departed = True
        self.short = not ask
        self.paused = False
        self.form = None
        self.focus = -1
        self.reckoned_track = [tuple(self.model.reckoned(self.sim.state)[:2])]
        self.relayout()
        if self.autoplay or not ask:
            return
        if self.crossing():  # ashore first: the engine, the fuel, the papers, the night
            self._ask_prep("prep_engine")
            return
        self._ask_leaving()

    def _ask_leaving(self, told: str = "") -> None:
        code = "leaving" if self.crossing() else "leaving_fishing"
        self.notice = join_sentences(told, self.leaving_text(code)) if told else self.leaving_text(code)
        self._asks = []
        self._ask(code, LEAVING[code])
        self.paused = True

    # ------------------------------------------------------------ ashore, before a crossing leaves
    def _ask_prep(self, code: str, told: str = "") -> None:
        """The next thing to settle ashore (actions.PREP), after what the last days brought."""
        order = list(PREP)
        if code == "prep_night" and self.model.days_to_dark(self.sim.state) <= 0:
            code = "prep_where"  # tonight is dark already: nothing to wait for
        if not code:
            self._ask_leaving(told)
            return
        text = self.prep_text(code)
        self.notice = join_sentences(told, text) if told else text
        self._asks = []
        self._ask(code, PREP[code])
        self.paused = True
        self._prep_next = order[order.index(code) + 1] if order.index(code) + 1 < len(order) else ""

    def prep_text(self, code: str) -> str:
        m, e, p = self.model, self.sim.state.extra, self.model.p
        details: dict[str, Any] = {"step": self.sim.state.step, "code": code}
        if code == "prep_engine":
            details.update(age=int(p["engine_age_years"]), days=format_number(p["overhaul_days"]))
        elif code == "prep_fuel":
            fuel = float(e["fuel_kg"][0])
            _b, dist = m._bearing_to(e["boat_x"][:1], e["boat_y"][:1], p["target_lon"], p["target_lat"])
            details.update(kg=int(round(fuel, -1)), range=int(round(m.range_km(p["auto_cruise_throttle"], fuel), -1)),
                           dist=int(round(float(dist[0]), -1)), more=int(round(p["market_fuel_kg_per_day"])))
        elif code == "prep_permit":
            details.update(days=format_number(p["permit_days"]))
        elif code == "prep_night":
            n = int(m.days_to_dark(self.sim.state))
            details.update(moon=self.moon_words(), days=ngettext("in {n} day", "in {n} days", n).format(n=n))
        elif code == "prep_weather":
            details.update(self.night_sky())
            rate = m.p["report_per_day"]  # the cost of another day: someone may talk
            odds = format_number(round(1.0 / (1.0 - math.exp(-rate)), -1)) if rate > 0 else ""
            talk = self.narrator.text({"step": details["step"], "code": "prep_talk", "odds": odds}) if odds else ""
            ask = self.narrator.text({"step": details["step"], "code": "prep_weather_ask", "rough": details["rough"]})
            return join_sentences(self.narrator.text(details), talk, ask)
        elif code == "prep_where":
            details.update(post=format_number(round(10 * p["harbour_post_stop"])),
                           hours=format_number(round(p["cove_row_hours"])))
        return self.narrator.text(details)

    def night_sky(self) -> dict[str, Any]:
        """Tonight's weather as a crew reads it ashore (the sky, the wind, the radio's outlook for
        tomorrow: the model's ensemble), the height of sea that can roll this boat over, and the
        chance in a day ashore that someone talks (the model's)."""
        m, e = self.model, self.sim.state.extra
        self.forecast_lines()
        _mean, low, high, storm_by = self._forecast
        heavy = m.heavy_sea_m()
        wave = float(e["wave_m"][0])
        rough = wave >= heavy or bool(e["storm"][0]) or float(high[0, 1]) >= heavy or float(storm_by[0]) >= 0.3
        wind_from = math.degrees(math.atan2(-float(e["wind_u"][0]), -float(e["wind_v"][0]))) % 360.0
        return {"wind": float(round(float(e["wind_ms"][0]))), "dir": compass(wind_from),
                "wave": float(round(wave, 1)), "low": float(round(float(low[0, 1]), 1)),
                "high": float(round(float(high[0, 1]), 1)), "heavy": float(round(heavy, 1)),
                "rough": 1 if rough else 0}

    def moon_words(self) -> str:
        lit = float(self.model.moonlight(self.sim.state)[0])
        if lit > 0.85:
            return _("nearly full")
        if lit > 0.55:
            return _("more than half full")
        if lit > 0.3:
            return _("a half moon")
        return _("a thin crescent")

    def ashore(self, task: int, steps: int) -> str:
        """Days ashore on a task (the model's ``in_port`` steps with ``prep``), recorded like any
        choice; returns what they brought, told once each."""
        for _step in range(steps):
            if self.sim.finished:
                break
            self.sim.step(sea_action(self.crew, self.crossing(), in_port=True, prep=task))
            self.port_steps += 1
        events = self.sim.events(0)
        texts: list[str] = []
        for line in self.narrator.lines(events[self.told:]):
            if line.text and line.text not in texts:
                texts.append(line.text)
        self.told = len(events)
        self.reckoned_track = [tuple(self.model.reckoned(self.sim.state)[:2])]
        return join_sentences(*texts)

    def prep_choice(self, code: str, key: str) -> None:
        """A choice ashore: the days it costs pass at once; then the next question, or the ending."""
        p = self.model.p
        told = ""
        if key in PREP_TASK:
            days = {"overhaul": p["overhaul_days"], "buy_fuel": 1.0, "get_papers": p["permit_days"],
                    "wait_dark": float(self.model.days_to_dark(self.sim.state)), "wait_weather": 1.0}[key]
            told = self.ashore(PREP_TASK[key], max(1, int(round(days * PORT_DAY_STEPS))))
        if self.sim.finished:  # someone talked: the journey ends in the harbour
            self.notice, self.decision, self.choices, self._asks = None, None, [], []
            self.paused = False
            self.end_timer = 0.0
            self.on_finished()
            return
        # What the days brought is told over the map (the question keeps its box short enough
        # for large text); fuel is bought a day at a time: asked again until the crew goes.
        if key == "wait_weather":  # the day waited opens the evening's card (a caption would cover its buttons)
            self._ask_prep(code, told)
            return
        if told:
            self.app.caption(told, 6.0)
        self._ask_prep(code if key == "buy_fuel" else self._prep_next)

    def leaving_text(self, code: str) -> str:
        m, e = self.model, self.sim.state.extra
        _b, km = m._bearing_to(e["boat_x"][:1], e["boat_y"][:1], m.p["home_lon"], m.p["home_lat"])
        return self.narrator.text({"step": 0, "code": code, "days": float(round(m.p["fishing_days"])),
                                   "km": float(round(float(km[0]), -1)), "water": float(round(m.p["water_days"]))})

    def open_help(self) -> None:
        self.app.push(help_overlay(self.app, self.scenario))

    # ------------------------------------------------------------ actions
    def player_action(self) -> dict[str, Any]:
        return sea_action(self.crew, self.crossing())

    def crossing(self) -> bool:
        return self.model.p["intent"] >= 0.5

    def engine_text(self) -> str:
        if self.cover and self.crossing() and ENGINE[self.throttle_i][0] > self.model.p["cover_throttle"]:
            # the model keeps a boat passing for a fishing boat to its pace: say so on the button
            return _("Engine: held to slow")
        return _("Engine: {v}").format(v=_(ENGINE[self.throttle_i][1]))

    def _make_buttons(self) -> list[HudButton]:
        """The crew's choices, in the panel."""
        return [
            HudButton("left", lambda: _("◀ Course"), lambda: self.turn(-COURSE_STEP)),
            HudButton("right", lambda: _("Course ▶"), lambda: self.turn(+COURSE_STEP)),
            # With the engine unable to run (broken, or no fuel) its button is the tarpaulin's (N).
            HudButton("engine", self.engine_button_text, self.engine_button, lambda: self.engine_idle() and self.tarp != 0),
            HudButton("bail", lambda: _("Bail: on") if self.bail else _("Bail: off"), self.toggle("bail"), lambda: self.bail),
            HudButton("repair", lambda: _("Repair: on") if self.repair else _("Repair: off"), self.toggle("repair"), lambda: self.repair),
            HudButton("ration", lambda: _("Rations: {v}").format(v=_(RATIONS[self.ration_i][1])), self.cycle_ration, lambda: self.ration_i > 0),
            HudButton("signal", lambda: _("Signal: on") if self.signal else _("Signal: off"), self.toggle("signal"), lambda: self.signal),
            HudButton("home", lambda: _("Turn back: yes") if self.turn_back else _("Turn back: no"), self.toggle("turn_back"), lambda: self.turn_back),
            HudButton("seas", lambda: _("Heavy seas: {v}").format(v=_(SEAS[self.seas])), self.cycle_seas,
                      lambda: self.seas != HOLD),
            *([HudButton("cover", lambda: _("As a fishing boat: yes") if self.cover else _("As a fishing boat: no"),
                         self.toggle("cover"), lambda: self.cover)] if self.crossing() else []),
            *([HudButton("fish", lambda: _("Fishing: yes") if self.fishing else _("Fishing: no"),
                         self.toggle_fishing, lambda: self.fishing)] if not self.crossing() else []),
        ]

    def engine_idle(self) -> bool:
        """The engine cannot run: broken, or out of fuel (then the tarpaulin is what moves the boat)."""
        e = self.sim.state.extra
        return self.departed and not (bool(e["engine_ok"][0]) and float(e["fuel_kg"][0]) > 0)

    def engine_button_text(self) -> str:
        return _("Tarpaulin: {v}").format(v=_(TARP[self.tarp])) if self.engine_idle() else self.engine_text()

    def engine_button(self) -> None:
        if self.engine_idle():
            self.crew.cycle_tarp()
        else:
            self.cycle_engine()

    def toggle_fishing(self) -> None:
        """Work the grounds (the model keeps the boat on them), or stop: fishing again ends turning back."""
        self.fishing = not self.fishing
        if self.fishing:
            self.turn_back = False

    def cycle_seas(self) -> None:
        self.seas = (self.seas + 1) % len(SEAS)

    def _make_tools(self) -> list[HudButton]:
        """Time and the view, in a row at the bottom of the map."""
        return [
            HudButton("speed", lambda: _("Time: {n}x").format(n=int(self.current_speed())), self.cycle_speed),
            HudButton("currents", lambda: _("Currents"), self.toggle("show_currents"), lambda: self.show_currents),
            HudButton("help", lambda: _("Help"), self.open_help),
            # The zoom's "- +" in the map's corner, as on most maps: beside "Time: 1x" they read as the time's.
            HudButton("zoom_out", lambda: "−", lambda: self.zoom_by(-1)),
            HudButton("zoom_in", lambda: "+", lambda: self.zoom_by(+1)),
        ]

    def focus_order(self) -> list:
        """What up/down/next move through at sea: the crew's buttons, the panel's text, the map's buttons."""
        return [*self.buttons, STATUS, *self.tools]

    def turn(self, delta: float) -> None:
        self.crew.turn(delta)

    def toggle(self, attr: str) -> Callable[[], None]:
        def flip() -> None:
            setattr(self, attr, not getattr(self, attr))
        return flip

    def cycle_engine(self) -> None:
        self.throttle_i = (self.throttle_i + 1) % len(ENGINE)
        self.crew.end_wait()

    def cycle_ration(self) -> None:
        self.ration_i = (self.ration_i + 1) % len(RATIONS)

    def cycle_speed(self) -> None:
        self.speed_i = (self.speed_i + 1) % len(SPEEDS)

    def cycle_zoom(self) -> None:
        self.zoom_i = (self.zoom_i + 1) % len(ZOOMS)

    def zoom_by(self, delta: int) -> None:
        self.zoom_i = max(0, min(len(ZOOMS) - 1, self.zoom_i + delta))

    def current_speed(self) -> float:
        return SPEEDS[self.speed_i]

    def nobody_acts(self) -> bool:
        e = self.sim.state.extra
        return not (bool(e["crew_on_boat"][0]) and int(e["crew_alive"][0]) > 0)

    # ------------------------------------------------------------ input
    KEYS = {
        pygame.K_e: "engine", pygame.K_b: "bail", pygame.K_r: "repair", pygame.K_f: "ration",
        pygame.K_l: "signal", pygame.K_t: "home", pygame.K_g: "cover", pygame.K_c: "currents", pygame.K_x: "speed",
        pygame.K_h: "help", pygame.K_F1: "help", pygame.K_v: "seas", pygame.K_k: "fish", pygame.K_n: "tarp",
        pygame.K_PLUS: "zoom_in", pygame.K_EQUALS: "zoom_in", pygame.K_KP_PLUS: "zoom_in",
        pygame.K_MINUS: "zoom_out", pygame.K_KP_MINUS: "zoom_out",
    }

    def handle_play(self, intent) -> bool:
        kind = intent.kind
        if kind in ("pointer_move", "pointer_down", "pointer_up"):
            self._pointer = intent.pos
        if not self.departed:
            if self.form is None:
                return False
            if kind == "key" and intent.key in (pygame.K_h, pygame.K_F1):
                self.open_help()
                return True
            if kind == "next":
                return self.form.move_focus(1)
            if kind == "pointer_down" and self.map_rect.collidepoint(intent.pos):
                return True
            return self.form.handle(intent)
        if self.notice is not None and self.choices:
            return self._handle_decision(intent)
        if self.notice is not None:
            if kind == "confirm" or (kind == "pointer_up" and self._notice_rect().collidepoint(intent.pos)):
                self.dismiss_notice()
                return True
            if kind == "key" and intent.key in (pygame.K_h, pygame.K_F1):
                self.open_help()
                return True
            if kind == "pointer_up":
                return True
            return kind != "back" and kind != "menu"
        if kind == "key":
            if intent.key in self.KEYS:
                self._press(self.KEYS[intent.key])
                return True
            if intent.key == pygame.K_z:
                self.cycle_zoom()
                return True
            if intent.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
                lh = line_height(fonts.font("small"))
                page = max(lh, self.status_rect.height * 3 // 4 // lh * lh)
                self.scroll_status(page if intent.key == pygame.K_PAGEDOWN else -page)
                return True
            return False
        if kind == "left":
            self.turn(-COURSE_STEP)
            return True
        if kind == "right":
            self.turn(+COURSE_STEP)
            return True
        if kind in ("up", "down", "next"):
            self.move_focus(-1 if kind == "up" else 1, scroll_text=kind != "next")
            return True
        if kind == "confirm":
            order = self.focus_order()
            if 0 <= self.focus < len(order) and order[self.focus] is not STATUS:
                order[self.focus].action()
            return True
        if kind == "pointer_down" and self.status_rect.collidepoint(intent.pos):
            self._drag = (intent.pos[1], self.status_scroll)
            self._dragged = False
            return True
        if kind == "pointer_move" and self._drag is not None:
            y0, s0 = self._drag
            self._dragged = self._dragged or abs(intent.pos[1] - y0) > 12
            self.status_scroll = max(0, min(self.status_max_scroll, s0 - (intent.pos[1] - y0)))
            return True
        if kind == "pointer_up":
            dragged = self._drag is not None
            self._drag = None
            if dragged and self._dragged:
                return True  # the end of a drag presses nothing
            for b in self.focus_order():
                if b is not STATUS and b.rect.collidepoint(intent.pos):
                    self.focus = -1 if intent.touch else self.focus_order().index(b)
                    b.action()
                    return True
            if dragged or self.panel.collidepoint(intent.pos) or self._toolbar_rect.collidepoint(intent.pos):
                return True
            if self.map_rect.collidepoint(intent.pos) and not MENU_CORNER.collidepoint(intent.pos):
                self.steer_to(intent.pos)
                return True
        if kind == "scroll":
            if self.panel.collidepoint(self._pointer):
                self.scroll_status(-intent.amount * line_height(fonts.font("small")) * 2)
            else:
                self.zoom_by(1 if intent.amount > 0 else -1)
            return True
        return False

    def _handle_decision(self, intent) -> bool:
        """A moment of decision: the voyage waits until one of the choices is taken
        (a tap, 1-3, or left/right and Enter; the pad's d-pad and A)."""
        kind = intent.kind
        if kind == "key" and intent.key in (pygame.K_h, pygame.K_F1):
            self.open_help()
            return True
        if kind == "key" and pygame.K_1 <= intent.key < pygame.K_1 + len(self.choices):
            self.take_choice(intent.key - pygame.K_1)
            return True
        if kind in ("left", "right", "up", "down", "next"):
            step = -1 if kind in ("left", "up") else 1
            self.choice_focus = (self.choice_focus + step) % len(self.choices)
            return True
        if kind == "confirm":
            self.take_choice(self.choice_focus)
            return True
        if kind == "pointer_up":
            self._notice_rect()  # lays the choices out where they are drawn
            for i, b in enumerate(self.choices):
                if b.rect.collidepoint(intent.pos):
                    self.take_choice(i)
                    return True
            for b in self.tools:  # the map's own buttons (time, zoom, help) still work while the crew decides
                if b.rect.collidepoint(intent.pos):
                    b.action()
                    return True
            return True
        return kind not in ("back", "menu")

    def _ask(self, code: str, keys: tuple[str, ...]) -> None:
        self.decision = code
        self.choices = [HudButton(k, lambda k=k: _(CHOICE_LABELS[k]), lambda: None) for k in keys]
        self.choice_focus = 0

    def take_choice(self, i: int) -> None:
        """The crew's answer: its settings change (actions.Crew.choose), and the voyage goes on
        (or the next decision of the same moment is asked)."""
        key = self.choices[i].key
        if key in STEER:  # the day's course, from where the crew reckons it is
            self.crew.steer(self.model.steer_for(self.sim.state, "japan" if key == "steer_japan" else "lights")[0])
        self.crew.choose(key)
        if key == "sail_off":  # off the North's coast: for Japan's nearest coast (the sail keeps what the wind allows)
            self.crew.steer(self.model.steer_for(self.sim.state, "japan")[0])
            self.crew.tarp = 1
        if self.decision in PREP:  # ashore, the caption tells what the days brought (prep_choice)
            self.app.captions.clear()
            self.prep_choice(self.decision, self.choices[i].key)
            return
        self.app.caption(self.choices[i].text(), 3.0)
        if self._asks and self._asks[0][0] in MORNING and (self.crew.seas != HOLD or self.course_question() is None):
            self._asks.pop(0)  # hove to to wait, or a landfall just chosen: no course to choose today
        if self._asks and self._asks[0][0] in NIGHT and self.night_question() is None:
            self._asks.pop(0)  # hove to, or the engine stopped: no night under way to choose
        if self._asks:
            code, text, keys = self._asks.pop(0)
            self.notice = text
            self._ask(code, keys)
            return
        self.dismiss_notice()

    def move_focus(self, step: int, scroll_text: bool = True) -> None:
        """Up/down/next: the next control; on the panel's text, up/down first scroll it to its end."""
        order = self.focus_order()
        if scroll_text and 0 <= self.focus < len(order) and order[self.focus] is STATUS:
            if (step > 0 and self.status_scroll < self.status_max_scroll) or (step < 0 and self.status_scroll > 0):
                lh = line_height(fonts.font("small"))
                self.scroll_status(step * max(lh, self.status_rect.height // 2 // lh * lh))
                return
        n = len(order)
        self.focus = (self.focus + step) % n if self.focus >= 0 else (0 if step > 0 else n - 1)
        if order[self.focus] is STATUS and self.status_max_scroll <= 0 and scroll_text:
            # Nothing to scroll: the text needs no stop of its own.
            self.focus = (self.focus + step) % n

    def scroll_status(self, dy: int) -> None:
        self.status_scroll = max(0, min(self.status_max_scroll, self.status_scroll + int(dy)))

    def _press(self, key: str) -> None:
        if key in ("engine", "tarp"):  # E the engine, N the tarpaulin, whatever the button shows
            (self.cycle_engine if key == "engine" else self.crew.cycle_tarp)()
            return
        for b in [*self.buttons, *self.tools]:
            if b.key == key:
                b.action()

    def steer_to(self, pos: tuple[int, int]) -> None:
        view = self.view()
        wx, wy = view.screen_to_world(self.map_rect, *pos)
        bx, by = self.observation().boat  # from where the crew reckons it is: it knows no better
        lon, lat = self.model.lonlat_of(wx, wy)
        bearing, _d = self.model._bearing_to(np.array([bx]), np.array([by]), float(lon), float(lat))
        self.heading = float(bearing[0]) % 360
        self.turn_back = False
        self.fishing = False

    # ------------------------------------------------------------ time
    def update(self, dt: float) -> None:
        # Nobody aboard can act, or the automatic player is still ashore: those days pass quickly.
        ashore = self.autoplay and self.model._auto_ashore(self.sim.state)["in_port"] > 0
        self.speed = DRIFT_SPEED if (self.nobody_acts() and self.departed) or ashore else self.current_speed()
        super().update(dt)

    def on_step(self) -> None:
        e = self.sim.state.extra
        here = tuple(self.model.reckoned(self.sim.state)[:2])
        self.reckoned_track.append(here)
        self._reckoned_at[self.sim.state.step - 1] = here
        # what the crew lives through, told by the narrator from the model's events;
        # the ending's own words wait for the ending card
        events = self.sim.events(0)
        lines = [line for line in self.narrator.lines(events[self.told:]) if not line.entry.ends]
        self.told = len(events)
        # Bad news, and a moment to decide (``pause`` in [events]): the game waits,
        # and the message says it in words; no caption repeats it.
        asks = decisions_for([line.code for line in lines], self.crew, {line.code: line.details for line in lines},
                             self.crossing())
        asked = {code for code, _keys in asks}
        waits = [line for line in lines if line.entry.tone == "bad" or line.entry.pause or line.code in asked]
        if waits and not self.autoplay and not self.nobody_acts() and not self.sim.finished:
            # One decision at a time: the first with the news of the step, the others after it.
            later = {code for code, _keys in asks[1:]}
            self.notice = join_sentences(*(line.text for line in waits if line.code not in later))
            self._asks = [(code, join_sentences(*(line.text for line in waits if line.code == code)), keys)
                          for code, keys in asks[1:]]
            self.paused = True
            lines = [line for line in lines if line not in waits]
            if asks:
                self._ask(*asks[0])
                # a morning: the day's course is still to choose, after the news
                course = self.course_question() if self.sim.state.step % PORT_DAY_STEPS == 0 else None
                if course:
                    self._asks.append(course)
        for line in lines:
            self.app.caption(line.text, 5.0)
        if self.notice is None and not self.autoplay and not self.nobody_acts() and not self.sim.finished \
                and self.sim.state.step % PORT_DAY_STEPS == 0:
            self.ask_weather()
        if not self.autoplay and not self.nobody_acts() and not self.sim.finished:
            self.ask_night()
        self.app.audio.set_level("sea", min(1.0, 0.25 + float(e["wave_m"][0]) / 8.0))
        self.app.audio.set_level("wind", min(1.0, 0.15 + float(e["wind_ms"][0]) / 25.0))

    def ask_weather(self) -> None:
        """Each morning at sea, the forecast is a weather window: when tomorrow's waves may reach
        the height that can roll this boat over, push on or heave to and wait; hove to, when the
        outlook is better, go on again. (Asked by the screen: it changes only the crew's ``seas``.)"""
        self.forecast_lines()  # today's outlook, from the model's ensemble (it draws on its own generator)
        _mean, _low, high, storm_by = self._forecast
        heavy = self.model.heavy_sea_m()
        rough = float(high[0, 1]) >= heavy or float(storm_by[0]) >= 0.3
        if rough and self.crew.seas == HOLD:
            code = "weather_window"
        elif not rough and self.crew.seas == HEAVE_TO:
            code = "weather_clear"
        else:
            self.ask_course()
            return
        self.notice = self.narrator.text({"step": self.sim.state.step, "code": code,
                                          "wave": float(round(float(high[0, 1]))), "heavy": float(round(heavy))})
        # then the day's course, if the crew goes on (take_choice skips it for a crew hove to)
        course = self.course_question(hove_to_ok=True)
        self._asks = [course] if course else []
        self._ask(code, WEATHER[code])
        self.paused = True

    def ask_night(self) -> None:
        """Each evening at sea: the night (actions.NIGHT), after whatever else the step asks; with only
        news on the screen, the question follows it in the same box."""
        asked = self.night_question()
        if not asked:
            return
        code, text, keys = asked
        if self.notice is not None and self.choices:
            self._asks.append(asked)
            return
        self.notice = join_sentences(self.notice, text) if self.notice else text
        self._asks = []
        self._ask(code, keys)
        self.paused = True

    def night_question(self) -> tuple[str, str, tuple[str, ...]] | None:
        """Each evening at sea of a crossing under power (not hove to, no landfall chosen, not the kiosk's
        cut): motor on through the night with a watch in turns, or stop and all sleep, dark or with a lamp
        lit. The words say where the boat is (the watch's waters, the fleet's banks, Japan's patrols, the
        open sea), the moon, and how many nights of watches the crew has kept in a row."""
        m, e, c = self.model, self.sim.state.extra, self.crew
        days = float(e["days"][0])
        if self.short or not self.crossing() or abs(days % 1.0 - 0.5) > 1e-6 or self.sim.state.step <= e["port_steps"]:
            return None
        if not (bool(e["engine_ok"][0]) and float(e["fuel_kg"][0]) > 0) or c.seas != HOLD or c.landfall \
                or c.throttle_i == 0 or int(e["in_sight"][0]) >= 0:
            return None
        ix, iy, _inside = m._cells(e["boat_x"][:1], e["boat_y"][:1])
        at = (int(iy[0]), int(ix[0]))
        p = m.p
        if float(m.d_nk_km[at]) < p["nk_waters_km"]:
            where = 0  # the North's patrols
        elif float(m.d_japan_km[at]) < p["japan_patrol_km"]:
            where = 2  # Japan's coast guard
        elif float(m.d_bank_km[at]) <= p["fleet_radius_km"]:
            where = 1  # the fleet's banks and lanes
        else:
            where = 3  # the open sea
        nights = int(round(float(e["tired"][0])))
        step = self.sim.state.step
        text = join_sentences(self.narrator.text({"step": step, "code": "night_at_sea", "where": where,
                                                  "moon": self.moon_words(), "nights": nights}),
                              self.narrator.text({"step": step, "code": "night_ask"}))
        return "night_at_sea", text, NIGHT["night_at_sea"]

    def ask_course(self) -> None:
        asked = self.course_question()
        if asked:
            code, self.notice, keys = asked
            self._asks = []
            self._ask(code, keys)
            self.paused = True

    def course_question(self, hove_to_ok: bool = False) -> tuple[str, str, tuple[str, ...]] | None:
        """Each morning with the boat under way (the engine, or a sail), when no weather question
        is asked: the day's course, from where the crew reckons it is (no GPS). A crossing holds
        its compass course, steers for Japan's nearest coast, or for the lights of the fleet on a
        bank near enough to see; a fishing crew heading home holds on, or makes for the lights."""
        m, e, c = self.model, self.sim.state.extra, self.crew
        can_run = bool(e["engine_ok"][0]) and float(e["fuel_kg"][0]) > 0
        under_way = bool(e["engine_running"][0]) or (c.tarp == 1 and not can_run) \
            or (c.night >= 2 and can_run and c.throttle_i > 0)  # stopped only for the night's sleep
        if self.short or not (under_way or (hove_to_ok and c.seas == HEAVE_TO)) or (c.seas != HOLD and not hove_to_ok) \
                or c.fishing or self.sim.state.step <= e["port_steps"] or (c.landfall and self.crossing()):
            return None  # (a landfall chosen: the model steers for the beach or the harbour)
        if not self.crossing() and not c.turn_back:
            return None
        japan_b, japan_km = m.steer_for(self.sim.state, "japan")
        lights_b, lights_km = m.steer_for(self.sim.state, "lights")
        _x, _y, doubt = m.reckoned(self.sim.state)
        code = "morning_course" if self.crossing() else "morning_home"
        keys = MORNING[code]
        lights = 0 < lights_km <= m.p["fleet_radius_km"]  # within the fleet's reach (the model's)
        if not lights:
            keys = tuple(k for k in keys if k != "steer_lights")
        if len(keys) < 2:
            return None
        fuel_km = m.range_km(ENGINE[self.throttle_i][0], float(e["fuel_kg"][0])) if e["engine_ok"][0] else 0.0
        text = self.narrator.text({
            "step": self.sim.state.step, "code": code, "lights": 1 if lights else 0,
            "sailing": 0 if e["engine_ok"][0] and e["fuel_kg"][0] > 0 else 1,
            "course": float(round(self.heading)), "dir": compass(self.heading),
            "km": float(round(japan_km, -1)), "jdir": compass(japan_b), "doubt": float(max(5.0, 5.0 * round(doubt / 5.0))),  # never "give or take 0 km"
            "lkm": float(round(lights_km, -1)), "ldir": compass(lights_b),
            "fuel_km": float(round(fuel_km, -1)), "water": float(round(float(e["water_days"][0]), 1))})
        return code, text, keys

    def dismiss_notice(self) -> None:
        self.notice = None
        self.decision = None
        self.choices = []
        self._asks = []
        self.paused = False

    def on_finished(self) -> None:
        self.notice = None
        self.decision = None
        self.choices = []
        self.paused = False
        self.app.captions.clear()  # the ending says what happened; older words would cover it

    @classmethod
    def prepare_assets(cls, world, app) -> None:
        """The map at the journey's first zoom: a smoothscale of the whole picture."""
        from ...world.render import map_picture, scale_ahead

        base = map_picture(world)
        scale_ahead(base, _zoom_for(base, (W - _panel_width(), H), 0))

    @classmethod
    def ambient(cls, seed: int):
        from ... import synth

        return [("sea", synth.made("waves", seconds=10.0, seed=seed % 1000, peak=0.45), 0.4),
                ("wind", synth.made("wind", seconds=8.0, seed=seed % 1000 + 1, peak=0.35), 0.3)]

    def on_enter(self) -> None:
        self.play_ambient()

    def on_exit(self) -> None:
        self.app.audio.stop("sea")
        self.app.audio.stop("wind")

    # ------------------------------------------------------------ what the screen shows
    def day_text(self) -> str:
        return day_text(int(self.values["month"]), float(self.sim.state.hours[0]),
                        port_hours=self.sim.state.extra.get("port_steps", 0) * self.model.step_hours)

    def forecast_lines(self) -> list[str]:
        """An honest forecast: ranges, not numbers, and what it cannot promise (model's ensemble, cached a day)."""
        key = (self.sim.state.step // 4, id(self.sim))
        if key != self._forecast_key:
            self._forecast_key = key
            self._forecast = self.model.forecast(self.sim.state, FORECAST_DAYS, members=120, storms=True)
        return forecast_lines(self._forecast)

    def observation(self) -> SeaObservation:
        """What the screen shows now (observation.py): built once a step or a choice."""
        key = (self.sim.state.step, id(self.sim), self.heading, self.departed, self.notice, self.seas, self.fishing, self.tarp,
               self.crew.landfall, self.crew.night,
               tuple(b.key for b in self.choices), self.app.settings.felt_danger_hint, self.app.settings.language)
        if key != self._obs_key:
            self._obs_key = key
            self._obs = observe(self.model, self.sim, self.heading, self.departed, int(self.values["month"]),
                                _(self.scenario.title), self.forecast_lines() if self.departed else [],
                                self.app.settings.felt_danger_hint, self.notice,
                                tuple((b.key, b.text()) for b in self.choices), self.seas, self.fishing,
                                tuple(self.reckoned_track[:-1]) if self.reckoned_track else (), self.tarp,
                                self.crew.landfall if self.crossing() else 0, self.crew.night if self.crossing() else 0)
        return self._obs

    def status_lines(self) -> list[tuple[str, str]]:
        return list(self.observation().status)

    # ------------------------------------------------------------ layout
    def relayout(self) -> None:
        self.painter.forget()
        self._toolbar_key = None
        panel_w = _panel_width()
        self.map_rect = pygame.Rect(0, 0, W - panel_w, H)
        self.panel = pygame.Rect(self.map_rect.right, 0, panel_w, H)
        if not self.departed:
            top = self._setup_header_bottom()
            rect = pygame.Rect(self.panel.x + PAD, top, self.panel.width - 2 * PAD, H - top - PAD)
            focus = self.form.focus if self.form else 0
            scroll = self.form.scroll if self.form else 0
            self.form = Form(self._setup_widgets(), rect)
            if 0 <= focus < len(self.form.widgets):
                self.form.focus = focus
                self.form.scroll = min(scroll, self.form.max_scroll)
                self.form._scroll_into_view(focus)
        self._layout_buttons()
        self._layout_tools()
        # A whole number of lines tall, so that scrolling by lines never shows half a line.
        lh = line_height(fonts.font("small"))
        top = self.buttons_bottom + 4
        self.status_rect = pygame.Rect(self.panel.x + PAD, top, self.panel.width - 2 * PAD, max(lh, (H - PAD - top) // lh * lh))
        # Captions go over the map, above its buttons; never over the panel's text.
        bottom = self._toolbar_rect.top - 4 if self.departed else self.map_rect.bottom
        self.caption_area = pygame.Rect(self.map_rect.x, self.map_rect.y, self.map_rect.width, bottom - self.map_rect.y)

    def _head_width(self) -> int:
        return MENU_CORNER.x - self.panel.x - 2 * PAD

    def _setup_header_bottom(self) -> int:
        """Below the title and the preset's name (which wraps), and below the menu corner."""
        ft, fs = fonts.font("large", True), fonts.font("small")
        head_w = self._head_width()
        y = PAD + line_height(ft) + len(wrap(fs, _(self.scenario.presets[self.preset].label), head_w)) * line_height(fs)
        return max(y, MENU_CORNER.bottom) + 10

    def _button_font(self) -> pygame.font.Font:
        return fonts.font("small", True)

    def _layout_buttons(self) -> None:
        f = self._button_font()
        self.buttons_top = self._header_bottom()
        rects, self.buttons_bottom = layout.button_grid(
            self.panel, self.buttons_top, [b.text() for b in self.buttons],
            lambda text, width: len(wrap(f, text, width)), line_height(f))
        for b, r in zip(self.buttons, rects):
            b.rect = r

    def _layout_tools(self) -> None:
        f = self._button_font()
        rects, self._toolbar_rect = layout.tool_rows(self.map_rect, [f.size(b.text())[0] for b in self.tools],
                                                     line_height(f))
        for b, r in zip(self.tools, rects):
            b.rect = r

    def _header_bottom(self) -> int:
        ft = fonts.font("large", True)
        return max(PAD + line_height(ft), MENU_CORNER.bottom) + 6

    def _notice_rect(self) -> pygame.Rect:
        """Where the notice box is drawn (layout.notice_rect): never over the boat; a decision's
        choices are laid out inside it."""
        boat = self.view().world_to_screen(self.map_rect, *self.observation().boat)
        floor = min((b.rect.top for b in self.tools), default=self.map_rect.bottom) - 8
        rect = layout.notice_rect(self.map_rect, self.panel, boat, floor, self._notice_height, self._notice_top(),
                                  self._header_bottom())
        if self.choices:
            top = rect.y + 14 + self._notice_text_height(rect.width) + 8
            for b, r in zip(self.choices, self._choice_rects(rect.x + 16, top, rect.width - 32)):
                b.rect = r
        return rect

    def _notice_top(self) -> int:
        """Below the map's key button and scale bar, which are drawn over the map."""
        rects = self.legend.rects(self.map_rect) if hasattr(self, "map_rect") else []
        return max([16] + [r.bottom + 8 for r in rects])

    def _notice_text_height(self, width: int) -> int:
        f = fonts.font("body")
        return len(wrap(f, self.notice or "", width - 32)) * line_height(f)

    def _choice_rects(self, x: int, y: int, width: int) -> list[pygame.Rect]:
        f = self._button_font()
        return layout.choice_rects(x, y, width, [b.text() for b in self.choices],
                                   lambda text, w: len(wrap(f, text, w)), line_height(f))

    def _notice_height(self, width: int) -> int:
        extra = 0
        if self.choices:
            rects = self._choice_rects(0, 0, width - 32)
            extra = max(r.bottom for r in rects) + 8
        return SeaView.notice_height(self.notice or "", self._notice_prompt(), width) + extra

    def _notice_prompt(self) -> str:
        if self.choices:
            if len(self.choices) == 2:
                return _("Choose: tap a button, or press 1 or 2 (pad: left, right and A). The voyage waits.")
            return _("Choose: tap a button, or press 1 to {n} (pad: left, right and A). The voyage waits.").format(
                n=len(self.choices))
        return _("Tap here or press Enter (pad: A) to go on.")

    # ------------------------------------------------------------ drawing (view.py draws the observation)
    @property
    def _labels(self):
        return self.painter.labels

    def place_names(self, view, bounds: pygame.Rect):
        return self.painter.place_names(view, bounds, self.observation())

    def _label_obstacles(self, tp: float) -> list[pygame.Rect]:
        return self.painter.label_obstacles(tp, self.observation())

    def _status_wrapped(self, width: int) -> list[tuple[str, str]]:
        return self.painter.status_wrapped(self.observation(), width)

    def view(self):
        if self._view is None:
            from ...world.render import MapView

            self._view = MapView(self.world)
        v = self._view
        v.zoom = _zoom_for(v.base, self.map_rect.size, self.zoom_i)
        bx, by = self.observation().boat  # where the crew reckons it is, at sea
        v.center = (bx, by)
        if self.notice:
            # A message at the top of the map: the view moves so the boat shows below it.
            want = self._notice_top() + self._notice_height(self.map_rect.width - 48) + 50
            floor = min((b.rect.top for b in self.tools), default=self.map_rect.bottom) - 30
            if want <= floor:
                v.center = (bx, by - (want - self.map_rect.centery) / max(v.tile_px, 1e-6))
        v.clamp_center(self.map_rect)
        return v

    def legend_focus(self) -> tuple[int, int]:  # the map's key opens away from the boat
        return self.view().world_to_screen(self.map_rect, *self.observation().boat)

    def metres_per_px(self) -> float:
        return self.model.km_tile * 1000.0 / self.view().tile_px

    def draw_play(self, surface: pygame.Surface) -> None:
        surface.fill(self.theme.background)
        obs = self.observation()
        hc = self.app.settings.high_contrast
        view = self.view()
        clip = surface.get_clip()
        surface.set_clip(self.map_rect)
        at = view.world_to_screen(self.map_rect, 0, 0)
        # At the first zoom the map is meant to be seen whole: its names stay inside what shows.
        # (and above the row of the map's buttons, which would cover them: Busan's at large text)
        shown = None
        if self.zoom_i == 0:
            vis = self.map_rect.copy()
            if self.departed and self.end_timer is None:
                vis.height = max(0, self._toolbar_rect.top - vis.top)
            shown = vis.move(-at[0], -at[1])
        surface.blit(self.painter.sea_surface(view, obs, self.app.settings, shown), at)
        surface.blit(self.painter.overlay(view, self.map_rect, obs, self.show_currents, hc), self.map_rect.topleft)
        self.painter.draw_wind(surface, view, self.map_rect, obs, hc)
        self.painter.draw_boat(surface, view, self.map_rect, obs, hc)
        draw_marks(self._marks_source(obs), surface, view, self.map_rect)
        if self.departed and self.end_timer is None:
            self._draw_tools(surface)
        surface.set_clip(clip)
        self._draw_panel(surface)
        if self.notice is not None and self.end_timer is None:
            self.painter.draw_notice(surface, self.theme, self._notice_rect(), self.notice, self._notice_prompt(),
                                     self.choices, self.choice_focus, self.app.settings.high_contrast)

    def _marks_source(self, obs: SeaObservation):
        """During the voyage the narrator's marks stand where the crew reckoned it was when each
        thing happened (it knows no better); at the end, where it really was."""
        if not obs.reckoned:
            return self
        events = self.sim.events(0)
        key = (len(events), len(self._reckoned_at))
        if key != self._marks_key:
            at = self._reckoned_at
            self._marks_key = key
            self._marks_events = [{**ev, "x": at[ev["step"]][0], "y": at[ev["step"]][1]}
                                  if "x" in ev and ev["step"] in at else ev for ev in events]
        return SimpleNamespace(narrator=self.narrator, sim=SimpleNamespace(events=lambda _i: self._marks_events))

    def _draw_button(self, surface: pygame.Surface, b: HudButton, focused: bool) -> None:
        self.painter.draw_button(surface, self.theme, self.app.settings.high_contrast, b, focused)

    def _draw_tools(self, surface: pygame.Surface) -> None:
        """The map's buttons (cached: they change only when a choice or the focus does)."""
        order = self.focus_order()
        focus = order[self.focus] if 0 <= self.focus < len(order) else None
        key = (tuple(b.text() for b in self.tools), tuple(b.active() for b in self.tools), focus in self.tools and focus.key,
               fonts.get_scale(), self.app.settings.high_contrast, self.app.settings.language, self._toolbar_rect.size)
        if getattr(self, "_toolbar_key", None) != key:
            self._toolbar_key = key
            r = self._toolbar_rect
            img = pygame.Surface(r.size, pygame.SRCALPHA)
            for b in self.tools:
                self._draw_button(img, b.moved(-r.x, -r.y), b is focus)
            self._toolbar_img = img
        surface.blit(self._toolbar_img, self._toolbar_rect.topleft)

    def _panel_key(self) -> tuple:
        st = self.app.settings
        return (self.sim.state.step, id(self.sim), self.heading, self.throttle_i, self.bail, self.repair, self.ration_i,
                self.signal, self.turn_back, self.cover, self.seas, self.fishing, self.tarp, self.focus, self.status_scroll,
                fonts.get_scale(), st.high_contrast, st.felt_danger_hint, st.language, self.panel.size)

    def _draw_panel(self, surface: pygame.Surface) -> None:
        """The panel at sea changes only when a step passes, a choice changes or its text scrolls: cache it."""
        if not self.departed:
            self._draw_panel_now(surface)
            return
        key = self._panel_key()
        if getattr(self, "_panel_cache_key", None) != key:
            self._layout_buttons()
            img = pygame.Surface(surface.get_size())
            self._draw_panel_now(img)
            self._panel_cache = img.subsurface(self.panel).copy()
            self._panel_cache_key = self._panel_key()  # drawing may clamp the scroll
        surface.blit(self._panel_cache, self.panel.topleft)

    def _draw_panel_now(self, surface: pygame.Surface) -> None:
        t = self.theme
        obs = self.observation()
        pygame.draw.rect(surface, t.panel, self.panel)
        pygame.draw.line(surface, t.panel_edge, self.panel.topleft, self.panel.bottomleft, 2)
        x = self.panel.x + PAD
        ft = fonts.font("large", True)
        head_w = self._head_width()
        y = PAD
        y += draw_text(surface, ft, fit_text(ft, obs.title, head_w), (x, y), t.text, head_w)
        if not self.departed:
            sub = fonts.font("small")
            preset = self.scenario.presets[self.preset]
            draw_text(surface, sub, _(preset.label), (x, y), t.text_dim, head_w)
            self.form.draw(surface, t)
            return
        self._layout_buttons()
        order = self.focus_order()
        focused = 0 <= self.focus < len(order) and order[self.focus] is STATUS
        self.status_scroll, self.status_max_scroll = self.painter.draw_status(
            surface, t, self.status_rect, obs, self.status_scroll, focused)
        for b in self.buttons:
            self._draw_button(surface, b, 0 <= self.focus < len(order) and order[self.focus] is b)

    # ------------------------------------------------------------ the ending
    def ending_summary(self) -> str:
        e = self.sim.state.extra
        crew = int(e["crew_size"])
        if e.get("port_steps", 0) >= self.sim.state.step:  # the journey ended in the harbour
            return _("The boat never left the harbour · {n} people aboard").format(n=crew)
        days = float(e["days"][0])  # at sea, from leaving
        crew = int(e["crew_size"])
        alive = int(e["crew_alive"][0])
        d = max(1, math.ceil(days))
        return ngettext("{d} day at sea · {a} of {n} people alive", "{d} days at sea · {a} of {n} people alive",
                        d).format(d=d, a=alive, n=crew)

    def ending_where(self) -> str:
        """Where the crew's journey ended: how far from each coast."""
        s = self.sim.state
        ix, iy, _inside = self.model._cells(s.x[:1], s.y[:1])
        nk = int(round(float(self.model.d_nk_km[iy[0], ix[0]]) / 10.0) * 10)
        jp = int(round(float(self.model.d_japan_km[iy[0], ix[0]]) / 10.0) * 10)
        last = self.sim.events(0)[-1] if self.sim.events(0) else {}
        if last.get("code") == "reported_ashore":  # never left: in the harbour, on that date
            return day_text(int(self.values["month"]), float(s.hours[0]), ashore=True) + "."
        if "km" in last or last.get("code") in ("landed_japan", "ashore_japan_dead", "ashore_japan_empty",
                                                 "home_coast", "ashore_other"):
            return self.day_text() + "."  # ashore, or picked up: the words say where
        return _("{day}: {nk} km from North Korea's coast, {jp} km from Japan's.").format(day=self.day_text(), nk=nk, jp=jp)

    def ending_text(self) -> str:
        """What happened, where and why (story.ending_words), the news that led there recalled in
        its short form (``<code>_recap``) rather than as the question the crew was asked, and only
        news that has one (a cause of such an ending)."""
        lines = self.narrator.ending(self.sim.events(0))
        if not lines:
            return ending_words(self)
        words = []
        for line in lines:
            if line.entry.ends:
                words.append(line.text)
            elif f"{line.code}_recap" in self.narrator.table:  # the news that led there, in short
                words.append(self.narrator.text({"step": line.step, "code": f"{line.code}_recap", **line.details}))
        return (" ".join(words) + " " + self.ending_where()).strip()

    def ending_layout(self) -> tuple[pygame.Rect, list[tuple[pygame.font.Font, str, tuple, int]]]:
        """The card and its texts (font, text, colour, gap after): the largest type that fits
        between the menu corner's height above and below."""
        t = self.theme
        outcome = self.outcome or ""
        info = self.scenario.outcomes.get(outcome, {})
        title, text = _(info.get("label", outcome)), self.ending_text()
        prompt = _("Tap, click or press Enter for the debrief.")
        fs = fonts.font("small")

        def fit(width: int, room: int):
            for title_role, body_role in (("title", "body"), ("large", "body"), ("large", "small"), ("body", "small")):
                ft, fb = fonts.font(title_role, True), fonts.font(body_role)
                parts = [(ft, title, t.text, 12), (fb, text, t.text, 14), (fs, self.ending_summary(), t.text_dim, 14),
                         (fs, prompt, t.text_dim, 0)]
                h = sum(len(wrap(f, s, width)) * line_height(f) + gap for f, s, _c, gap in parts)
                if h + 48 <= room:
                    break
            return parts, h

        width = min(W - 120, round(760 * max(1.0, fonts.get_scale() * 0.9)))
        parts, h = fit(width, H - 2 * MENU_CORNER.bottom)
        card = pygame.Rect((W - width) // 2 - 24, (H - h) // 2 - 24, width + 48, h + 48)
        # keep clear of where it ended, so the map shows it beside the words
        sx, sy = self.view().world_to_screen(self.map_rect, float(self.sim.state.x[0]), float(self.sim.state.y[0]))
        if card.inflate(40, 40).collidepoint(sx, sy):
            if sy >= H // 2:
                card.top = max(MENU_CORNER.bottom + 8, min(card.top, sy - 40 - card.height))
            else:
                card.bottom = min(H - 8, max(card.bottom, sy + 40 + card.height))
        if card.inflate(40, 40).collidepoint(sx, sy):
            # Too tall to clear it (large text): the card goes over the side panel, beside the map.
            width = self.panel.width - 16 - 48
            parts, h = fit(width, H - MENU_CORNER.bottom - 16)
            card = pygame.Rect(self.panel.x + 8, MENU_CORNER.bottom + 8, width + 48, h + 48)
        return card, parts

    def draw_ending(self, surface: pygame.Surface) -> None:
        """The outcome on a card of its own, over a dimmed screen, sized to the text."""
        t = self.theme
        shade_screen(surface, t)
        # where it ended stays bright on the dimmed map
        clip = surface.get_clip()
        surface.set_clip(self.map_rect)
        draw_marks(self, surface, self.view(), self.map_rect)
        surface.set_clip(clip)
        card, parts = self.ending_layout()
        draw_card(surface, t, card, t.accent if self.app.settings.high_contrast else None)
        y = card.y + 24
        for i, (f, s, color, gap) in enumerate(parts):
            if i == len(parts) - 1 and not (self.end_timer and self.end_timer > 0.6):
                break  # the prompt appears once a tap would be taken
            y += draw_text(surface, f, s, (card.x + 24, y), color, card.width - 48, "center") + gap
