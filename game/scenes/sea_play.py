"""Across the sea: the play screen.

Before leaving, the player chooses the month, the boat and the supplies
(the preset's values to start from). At sea, a map of the Sea of Japan with
the boat, its track, the wind and (on request) the currents; a panel with the
day, the weather and an honest forecast, the boat and the crew, and the
controls. One simulation step is six hours.

Controls (every one by keys, mouse, touch and gamepad):
  Left / Right (A / D, pad left/right)  change course by 15 degrees;
                                        or tap / click the map to steer there
  Up / Down (pad), Tab                  move between the buttons; Enter / Space / pad A presses
  E engine (off, slow, cruise, full)    B bail       R repair      F rations
  L signal a ship (lights)              H turn back  C currents    Z zoom
  X time speed (1x, 2x, 4x)             Escape / P the menu
"""

from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np
import pygame

from ..i18n import N_, _
from ..ui import fonts
from ..ui.text import draw_text, fit_text, line_height, wrap
from ..ui.theme import OKABE_ITO
from ..ui.widgets import Button, Form, Label, Stepper
from .base import MENU_CORNER, H, W
from .play_base import PlayBase

PANEL_W = 480  # the side panel at text scale 1.0; it widens with the text
PAD = 12
GAP = 8
COURSE_STEP = 15.0
ENGINE = ((0.0, N_("off")), (0.3, N_("slow")), (0.55, N_("cruise")), (1.0, N_("full")))
RATIONS = ((1.0, N_("full")), (0.6, N_("reduced")), (0.3, N_("minimal")))
SPEEDS = (1.0, 2.0, 4.0)
DRIFT_SPEED = 96.0  # once nobody aboard can act, the boat's last days pass quickly
MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
          N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))
COMPASS = (N_("north"), N_("north-east"), N_("east"), N_("south-east"), N_("south"), N_("south-west"),
           N_("west"), N_("north-west"))
DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def compass(deg: float) -> str:
    return _(COMPASS[int(((deg % 360) + 22.5) // 45) % 8])


def date_after(month: int, days: float) -> tuple[int, int]:
    """(day of month, month 1-12) ``days`` after the 1st of ``month``."""
    m, d = int(month) - 1, int(days)
    while d >= DAYS_IN_MONTH[m % 12]:
        d -= DAYS_IN_MONTH[m % 12]
        m += 1
    return d + 1, m % 12 + 1


class HudButton:
    def __init__(self, key: str, text: Callable[[], str], action: Callable[[], None], active: Callable[[], bool] = lambda: False):
        self.key, self.text, self.action, self.active = key, text, action, active
        self.rect = pygame.Rect(0, 0, 0, 0)


class PlayScene(PlayBase):
    steps_per_second = 0.5  # a day at sea every 8 seconds at 1x

    def __init__(self, app, scenario, preset: str, seed: int, overrides: dict[str, float] | None = None):
        super().__init__(app, scenario, preset, seed, overrides)
        self.overrides = dict(overrides or {})
        self.heading = float(self.model.default_action["heading_deg"])
        self.throttle_i = 2
        self.bail = True
        self.repair = False
        self.ration_i = 0
        self.signal = False
        self.turn_back = False
        self.speed_i = 0
        self.show_currents = False
        self.zoom_i = 0
        self.focus = -1
        self.notice: str | None = None
        self.journal: list[str] = []
        self._forecast_key: Any = None
        self._forecast = None
        self._tint_cache: dict[tuple, pygame.Surface] = {}
        self._labels: list[tuple[pygame.Surface, float, float]] | None = None
        self._view = None
        self._last = self._snapshot()
        self.departed = bool(self.autoplay)
        self.form: Form | None = None
        if not self.departed:
            self.paused = True
        self._aim_heading()
        self.buttons = self._make_buttons()
        self.relayout()

    # ------------------------------------------------------------ setup
    def _setup_widgets(self):
        sc, v = self.scenario, self.values
        p = sc.parameters

        def step(name: str, label: str, fmt: Callable[[float], str]):
            par = p[name]
            return Stepper(label, v[name], par.minimum, par.maximum, par.step or 1, lambda x, n=name: self._set(n, x), fmt)

        return [
            Button(_("Set out"), self.set_out, detail=_("Or first choose below: the month, the boat, the supplies.")),
            step("month", _("Month to leave"), lambda x: _(MONTHS[int(x) - 1])),
            step("boat_length_m", _("Boat length"), lambda x: _("{n} m").format(n=int(x))),
            step("engine_age_years", _("Engine age"), lambda x: _("{n} years").format(n=int(x))),
            step("crew", _("People aboard"), lambda x: str(int(x))),
            step("fuel_kg", _("Fuel"), lambda x: _("{n} kg").format(n=int(x))),
            step("water_days", _("Water"), lambda x: _("{n} days").format(n=int(x))),
            step("food_days", _("Food"), lambda x: _("{n} days").format(n=int(x))),
            Label(_("A careful throttle saves fuel: the fuel a kilometre costs grows with the square of the speed."), dim=True),
        ]

    def _set(self, name: str, value: float) -> None:
        self.overrides[name] = value
        self._rebuild()

    def _rebuild(self) -> None:
        from ..levels import model_for
        from ..sim.runner import Simulation

        self.values = self.scenario.values(self.preset, self.overrides)
        self.model = model_for(self.scenario, self.values, self.world)
        self.sim = Simulation(self.model, 1, self.seed)
        self._forecast_key = None
        self._last = self._snapshot()
        self._aim_heading()

    def _aim_heading(self) -> None:
        """Start on a sensible course: toward Japan for a crossing, home for a fishing crew."""
        m, e = self.model, self.sim.state.extra
        p = m.p
        lon, lat = (p["target_lon"], p["target_lat"]) if p["intent"] >= 0.5 else (p["home_lon"], p["home_lat"])
        bearing, _dist = m._bearing_to(e["boat_x"][:1], e["boat_y"][:1], lon, lat)
        self.heading = round(float(bearing[0]) / COURSE_STEP) * COURSE_STEP % 360

    def set_out(self) -> None:
        self.departed = True
        self.paused = False
        self.form = None
        self.focus = -1
        self.app.caption(_("You set out. The engine runs at a careful cruise."))
        self.relayout()

    # ------------------------------------------------------------ actions
    def player_action(self) -> dict[str, Any]:
        return {
            "heading_deg": float(self.heading),
            "throttle": ENGINE[self.throttle_i][0],
            "bail": int(self.bail),
            "repair": int(self.repair),
            "ration": RATIONS[self.ration_i][0],
            "signal": int(self.signal),
            "turn_back": int(self.turn_back),
        }

    def _make_buttons(self) -> list[HudButton]:
        return [
            HudButton("left", lambda: _("◀ Course"), lambda: self.turn(-COURSE_STEP)),
            HudButton("right", lambda: _("Course ▶"), lambda: self.turn(+COURSE_STEP)),
            HudButton("engine", lambda: _("Engine: {v}").format(v=_(ENGINE[self.throttle_i][1])), self.cycle_engine),
            HudButton("bail", lambda: _("Bail: on") if self.bail else _("Bail: off"), self.toggle("bail"), lambda: self.bail),
            HudButton("repair", lambda: _("Repair: on") if self.repair else _("Repair: off"), self.toggle("repair"), lambda: self.repair),
            HudButton("ration", lambda: _("Rations: {v}").format(v=_(RATIONS[self.ration_i][1])), self.cycle_ration, lambda: self.ration_i > 0),
            HudButton("signal", lambda: _("Signal: on") if self.signal else _("Signal: off"), self.toggle("signal"), lambda: self.signal),
            HudButton("home", lambda: _("Turn back: yes") if self.turn_back else _("Turn back: no"), self.toggle("turn_back"), lambda: self.turn_back),
            HudButton("speed", lambda: _("Time: {n}x").format(n=int(self.current_speed())), self.cycle_speed),
            HudButton("currents", lambda: _("Currents: shown") if self.show_currents else _("Currents: hidden"), self.toggle("show_currents"), lambda: self.show_currents),
            HudButton("zoom", lambda: _("Zoom: {n}").format(n=self.zoom_i + 1), self.cycle_zoom),
        ]

    def turn(self, delta: float) -> None:
        self.heading = (self.heading + delta) % 360
        self.turn_back = False

    def toggle(self, attr: str) -> Callable[[], None]:
        def flip() -> None:
            setattr(self, attr, not getattr(self, attr))
        return flip

    def cycle_engine(self) -> None:
        self.throttle_i = (self.throttle_i + 1) % len(ENGINE)

    def cycle_ration(self) -> None:
        self.ration_i = (self.ration_i + 1) % len(RATIONS)

    def cycle_speed(self) -> None:
        self.speed_i = (self.speed_i + 1) % len(SPEEDS)

    def cycle_zoom(self) -> None:
        self.zoom_i = (self.zoom_i + 1) % 3

    def current_speed(self) -> float:
        return SPEEDS[self.speed_i]

    def nobody_acts(self) -> bool:
        e = self.sim.state.extra
        return not (bool(e["crew_on_boat"][0]) and int(e["crew_alive"][0]) > 0)

    # ------------------------------------------------------------ input
    KEYS = {
        pygame.K_e: "engine", pygame.K_b: "bail", pygame.K_r: "repair", pygame.K_f: "ration",
        pygame.K_l: "signal", pygame.K_h: "home", pygame.K_c: "currents", pygame.K_z: "zoom", pygame.K_x: "speed",
    }

    def handle_play(self, intent) -> bool:
        if not self.departed:
            if self.form is None:
                return False
            if intent.kind == "next":
                return self.form.move_focus(1)
            if intent.kind == "pointer_down" and self.map_rect.collidepoint(intent.pos):
                return True
            return self.form.handle(intent)
        if self.notice is not None:
            if intent.kind in ("confirm",) or (intent.kind == "pointer_up" and self._notice_rect().collidepoint(intent.pos)):
                self.dismiss_notice()
                return True
            if intent.kind == "pointer_up":
                return True
            return intent.kind != "back" and intent.kind != "menu"
        kind = intent.kind
        if kind == "key" and intent.key in self.KEYS:
            self._press(self.KEYS[intent.key])
            return True
        if kind == "left":
            self.turn(-COURSE_STEP)
            return True
        if kind == "right":
            self.turn(+COURSE_STEP)
            return True
        if kind in ("up", "down", "next"):
            n = len(self.buttons)
            step = -1 if kind == "up" else 1
            self.focus = (self.focus + step) % n if self.focus >= 0 else (0 if step > 0 else n - 1)
            return True
        if kind == "confirm":
            if 0 <= self.focus < len(self.buttons):
                self.buttons[self.focus].action()
            return True
        if kind == "pointer_up":
            for i, b in enumerate(self.buttons):
                if b.rect.collidepoint(intent.pos):
                    self.focus = -1 if intent.touch else i
                    b.action()
                    return True
            if self.map_rect.collidepoint(intent.pos) and not MENU_CORNER.collidepoint(intent.pos):
                self.steer_to(intent.pos)
                return True
        if kind == "scroll":
            self.zoom_i = max(0, min(2, self.zoom_i + (1 if intent.amount > 0 else -1)))
            return True
        return False

    def _press(self, key: str) -> None:
        for b in self.buttons:
            if b.key == key:
                b.action()

    def steer_to(self, pos: tuple[int, int]) -> None:
        view = self.view()
        wx, wy = view.screen_to_world(self.map_rect, *pos)
        e = self.sim.state.extra
        lon, lat = self.model.lonlat_of(wx, wy)
        bearing, _d = self.model._bearing_to(e["boat_x"][:1], e["boat_y"][:1], float(lon), float(lat))
        self.heading = float(bearing[0]) % 360
        self.turn_back = False

    # ------------------------------------------------------------ time
    def update(self, dt: float) -> None:
        self.speed = DRIFT_SPEED if self.nobody_acts() and self.departed else self.current_speed()
        super().update(dt)

    def _snapshot(self) -> dict[str, Any]:
        e = self.sim.state.extra
        return {
            "engine_ok": bool(e["engine_ok"][0]), "fuel": float(e["fuel_kg"][0]), "water": float(e["water"][0]),
            "food": float(e["food"][0]), "alive": int(e["crew_alive"][0]), "storm": bool(e["storm"][0]),
            "on_boat": bool(e["crew_on_boat"][0]), "flood": float(e["flood"][0]),
        }

    def on_step(self) -> None:
        now, before = self._snapshot(), self._last
        self._last = now
        said = []
        if before["engine_ok"] and not now["engine_ok"]:
            said.append(_("The engine has stopped. It may be repaired, or it may not."))
        if before["fuel"] > 0 and now["fuel"] <= 0:
            said.append(_("The fuel has run out. The boat drifts with the wind and the current."))
        if not before["storm"] and now["storm"]:
            said.append(_("The wind rises to a storm; the sea is loud against the hull."))
        if before["water"] > 0 and now["water"] <= 0:
            said.append(_("The last of the drinking water is gone."))
        if before["food"] > 0 and now["food"] <= 0:
            said.append(_("The last of the food is gone."))
        if now["alive"] < before["alive"] and now["on_boat"]:
            lost = before["alive"] - now["alive"]
            if now["alive"] == 0:
                said.append(_("Nobody aboard is alive any more. The boat drifts on without them."))
            elif lost == 1:
                said.append(_("One of the people aboard has died."))
            else:
                said.append(_("{n} of the people aboard have died.").format(n=lost))
        if before["flood"] < 0.5 <= now["flood"] and now["on_boat"]:
            said.append(_("The boat is half full of water."))
        for text in said:
            self.app.caption(text, 5.0)
            self.journal.append(self.day_text() + ": " + text)
        if said and not self.autoplay and not self.nobody_acts() and not self.sim.finished:
            self.notice = " ".join(said)
            self.paused = True
        e = self.sim.state.extra
        self.app.audio.set_level("sea", min(1.0, 0.25 + float(e["wave_m"][0]) / 8.0))
        self.app.audio.set_level("wind", min(1.0, 0.15 + float(e["wind_ms"][0]) / 25.0))

    def dismiss_notice(self) -> None:
        self.notice = None
        self.paused = False

    def on_finished(self) -> None:
        self.notice = None
        self.paused = False

    def on_enter(self) -> None:
        from .. import synth

        self.app.audio.loop("sea", synth.waves(seconds=10.0, seed=self.seed % 1000, peak=0.45), 0.4)
        self.app.audio.loop("wind", synth.wind(seconds=8.0, seed=self.seed % 1000 + 1, peak=0.35), 0.3)

    def on_exit(self) -> None:
        self.app.audio.stop("sea")
        self.app.audio.stop("wind")

    # ------------------------------------------------------------ text
    def day_text(self) -> str:
        days = float(self.sim.state.hours[0]) / 24.0
        d, m = date_after(int(self.values["month"]), days)
        return _("Day {n} · {d} {month}").format(n=int(days) + 1, d=d, month=_(MONTHS[m - 1]))

    def status_lines(self) -> list[tuple[str, str]]:
        """(colour role, text), most important first; the panel shows as many as fit."""
        e = self.sim.state.extra
        s = self.sim.state
        lines: list[tuple[str, str]] = []
        alive, dead = int(e["crew_alive"][0]), int(e["crew_dead_aboard"][0])
        if dead:
            lines.append(("warning", _("Aboard: {a} alive, {d} dead").format(a=alive, d=dead)))
        else:
            lines.append(("text", _("Aboard: {a} alive").format(a=alive)))
        if bool(e["engine_ok"][0]):
            engine = _("running") if bool(e["engine_running"][0]) else _("stopped")
        else:
            engine = _("broken, can be repaired") if bool(e["engine_fixable"][0]) else _("broken beyond repair at sea")
        lines.append(("text" if e["engine_ok"][0] else "warning", _("Engine: {s} · fuel {f} kg").format(s=engine, f=int(e["fuel_kg"][0]))))
        lines.append(("text", _("Water for {w:.1f} days · food for {f:.1f} days").format(w=float(e["water_days"][0]), f=float(e["food_days"][0]))))
        lines.append(("text" if e["hull"][0] > 0.5 else "warning",
                      _("Hull {h}% · water in the boat {f}%").format(h=int(100 * e["hull"][0]), f=int(100 * e["flood"][0]))))
        wind_from = (math.degrees(math.atan2(-float(e["wind_u"][0]), -float(e["wind_v"][0])))) % 360
        lines.append(("text", _("Wind {w:.0f} m/s from the {d} · waves {h:.1f} m").format(
            w=float(e["wind_ms"][0]), d=compass(wind_from), h=float(e["wave_m"][0]))))
        if self.app.settings.felt_danger_hint and s.reason[0] >= 0 and s.risk[0] > 0.01:
            lines.append(("danger", _(self.model.risk_reasons[int(s.reason[0])])))
        lines.append(("dim", _("Course {c:.0f}° ({d}) · {k:.0f} km from the start").format(
            c=self.heading, d=compass(self.heading), k=self._km_from_start())))
        for text in self.forecast_lines():
            lines.append(("dim", text))
        return lines

    def _km_from_start(self) -> float:
        e, p = self.sim.state.extra, self.model.p
        return float(self.model._km_between(e["lon"][0], e["lat"][0], p["start_lon"], p["start_lat"]))

    def forecast_lines(self) -> list[str]:
        key = (self.sim.state.step // 4, id(self.sim))
        if key != self._forecast_key:
            self._forecast_key = key
            self._forecast = self.model.forecast(self.sim.state, 3, members=120)
        mean, low, high = self._forecast
        out = [_("Forecast (8 in 10 chances between):")]
        for d in range(3):
            out.append(_("Day +{n}: wind {a:.0f}-{b:.0f} m/s, waves {c:.1f}-{e:.1f} m").format(
                n=d + 1, a=low[d, 0], b=high[d, 0], c=low[d, 1], e=high[d, 1]))
        return out

    # ------------------------------------------------------------ layout
    def relayout(self) -> None:
        self._labels = None
        self._tint_cache.clear()
        scale = fonts.get_scale()
        panel_w = min(720, round(PANEL_W + max(0.0, scale - 1.0) * 280))
        self.map_rect = pygame.Rect(0, 0, W - panel_w, H)
        self.panel = pygame.Rect(self.map_rect.right, 0, panel_w, H)
        if not self.departed:
            rect = pygame.Rect(self.panel.x + PAD, MENU_CORNER.bottom + PAD, self.panel.width - 2 * PAD, H - MENU_CORNER.bottom - 2 * PAD)
            focus = self.form.focus if self.form else 0
            self.form = Form(self._setup_widgets(), rect)
            if 0 <= focus < len(self.form.widgets):
                self.form.focus = focus
        self._layout_buttons()

    def _button_font(self) -> pygame.font.Font:
        return fonts.font("small", True)

    def _layout_buttons(self) -> None:
        f = self._button_font()
        col_w = (self.panel.width - 2 * PAD - GAP) // 2
        heights = []
        for b in self.buttons:
            lines = min(2, len(wrap(f, b.text(), col_w - 16)))
            heights.append(max(48, lines * line_height(f) + 14))
        rows = [(heights[i], heights[i + 1] if i + 1 < len(heights) else 0) for i in range(0, len(heights), 2)]
        total = sum(max(r) for r in rows) + GAP * (len(rows) - 1)
        # The buttons sit at the top of the panel, under the day; the app's captions
        # appear at the bottom of the screen and must not cover a control.
        y = self._header_bottom()
        self.buttons_top = y
        for r, (h1, h2) in enumerate(rows):
            h = max(h1, h2)
            for c in range(2):
                i = 2 * r + c
                if i < len(self.buttons):
                    self.buttons[i].rect = pygame.Rect(self.panel.x + PAD + c * (col_w + GAP), y, col_w, h)
            y += h + GAP
        self.buttons_bottom = y

    def _header_bottom(self) -> int:
        ft = fonts.font("large", True)
        return max(PAD + line_height(ft), MENU_CORNER.bottom) + 6

    def _notice_rect(self) -> pygame.Rect:
        """Where the notice box is drawn (its height follows the text and the text size)."""
        fb, fs = fonts.font("body"), fonts.font("small")
        width = self.map_rect.width - 80
        lines = wrap(fb, self.notice or "", width - 32)
        more = wrap(fs, _("Tap here or press Enter to go on."), width - 32)
        h = len(lines) * line_height(fb) + len(more) * line_height(fs) + 36
        return pygame.Rect(self.map_rect.x + 40, max(8, self.map_rect.bottom - h - 170), width, h)

    # ------------------------------------------------------------ drawing
    def view(self):
        if self._view is None:
            from ..world.render import MapView

            self._view = MapView(self.world)
        v = self._view
        fit = max(self.map_rect.width / v.base.get_width(), self.map_rect.height / v.base.get_height())
        v.zoom = round(fit * (1.0, 2.2, 4.4)[self.zoom_i], 3)
        e = self.sim.state.extra
        v.center = (float(e["boat_x"][0]), float(e["boat_y"][0]))
        v.clamp_center(self.map_rect)
        return v

    def draw_play(self, surface: pygame.Surface) -> None:
        surface.fill(self.theme.background)
        view = self.view()
        clip = surface.get_clip()
        surface.set_clip(self.map_rect)
        surface.blit(self._sea_surface(view), view.world_to_screen(self.map_rect, 0, 0))
        self._draw_wind(surface, view)
        if self.show_currents:
            self._draw_currents(surface, view)
        self._draw_boat(surface, view)
        self._draw_help(surface)
        surface.set_clip(clip)
        self._draw_panel(surface)
        if self.notice is not None and self.end_timer is None:
            self._draw_notice(surface)

    def _sea_surface(self, view) -> pygame.Surface:
        """The map at this zoom with a smooth grey veil over the sea that deepens with
        the waves, and the place names: one cached picture per wave height (half metres)."""
        e = self.sim.state.extra
        bucket = round(min(float(e["wave_m"][0]), 12.0) * 2) / 2
        key = (view.zoom, bucket, self.app.settings.high_contrast, fonts.get_scale(), self.app.settings.language)
        img = self._tint_cache.get(key)
        if img is None:
            base = view.surface_at(view.zoom)
            big = base.get_width() * base.get_height() > 2_000_000
            if len(self._tint_cache) >= (1 if big else 6) or any(k[0] != view.zoom for k in self._tint_cache):
                self._tint_cache.clear()
            img = base.copy()
            alpha = (self.model.is_sea.astype(np.float32) * min(150.0, 12.0 * bucket)).astype(np.uint8)
            small = pygame.Surface(alpha.shape[::-1], pygame.SRCALPHA)
            small.fill((70, 80, 92, 0))
            pygame.surfarray.pixels_alpha(small)[:] = alpha.T
            img.blit(pygame.transform.smoothscale(small, img.get_size()), (0, 0))
            self._draw_places(img, view)
            self._tint_cache[key] = img
        return img

    def _draw_wind(self, surface: pygame.Surface, view) -> None:
        e = self.sim.state.extra
        # Wind arrows on a fixed screen grid (not animated: calm for reduced motion too).
        u, v = float(e["wind_u"][0]), float(e["wind_v"][0])
        speed = math.hypot(u, v)
        if speed < 0.5:
            return
        ux, uy = u / speed, -v / speed
        length = 10 + 1.6 * min(speed, 30)
        color = (255, 255, 255) if not self.app.settings.high_contrast else OKABE_ITO["yellow"]
        step = 110
        for gy in range(step // 2, self.map_rect.height, step):
            for gx in range(step // 2, self.map_rect.width, step):
                wx, wy = view.screen_to_world(self.map_rect, gx, gy)
                ix, iy = int(wx), int(wy)
                if not (0 <= ix < self.model.w and 0 <= iy < self.model.h) or not self.model.is_sea[iy, ix]:
                    continue
                a = (gx - ux * length / 2, gy - uy * length / 2)
                b = (gx + ux * length / 2, gy + uy * length / 2)
                pygame.draw.line(surface, color, a, b, 2)
                left = (b[0] - ux * 8 - uy * 5, b[1] - uy * 8 + ux * 5)
                right = (b[0] - ux * 8 + uy * 5, b[1] - uy * 8 - ux * 5)
                pygame.draw.polygon(surface, color, (b, left, right))

    def _draw_currents(self, surface: pygame.Surface, view) -> None:
        cu, cv = self.model.current_u, self.model.current_v
        color = OKABE_ITO["blue"] if not self.app.settings.high_contrast else (255, 255, 255)
        spacing_px = 34
        stride = max(1, int(round(spacing_px / view.tile_px)))
        x0, y0 = view.screen_to_world(self.map_rect, self.map_rect.left, self.map_rect.top)
        x1, y1 = view.screen_to_world(self.map_rect, self.map_rect.right, self.map_rect.bottom)
        for ty in range(max(0, int(y0) // stride * stride), min(self.model.h, int(y1) + 1), stride):
            for tx in range(max(0, int(x0) // stride * stride), min(self.model.w, int(x1) + 1), stride):
                u, v = float(cu[ty, tx]), float(cv[ty, tx])
                s = math.hypot(u, v)
                if s < 0.03:
                    continue
                cx, cy = view.world_to_screen(self.map_rect, tx + 0.5, ty + 0.5)
                L = 6 + 40 * min(s, 0.5)
                dx, dy = u / s * L / 2, -v / s * L / 2
                pygame.draw.line(surface, color, (cx - dx, cy - dy), (cx + dx, cy + dy), 2)
                pygame.draw.circle(surface, color, (round(cx + dx), round(cy + dy)), 3)

    def _draw_places(self, surface: pygame.Surface, view) -> None:
        if self._labels is None:
            f = fonts.font("small")
            self._labels = []
            for o in self.world.objects:
                if o.kind in ("city", "port", "cape", "bank", "label"):
                    color = (20, 28, 36) if o.kind != "label" else (40, 60, 90)
                    self._labels.append((f.render(_(o.name), True, color), o.x, o.y, o.kind))
        tp = view.tile_px
        for img, x, y, kind in self._labels:
            sx, sy = round(x * tp), round(y * tp)
            if kind in ("city", "port", "cape"):
                pygame.draw.circle(surface, (20, 28, 36), (sx, sy), 4)
                pygame.draw.circle(surface, (250, 250, 250), (sx, sy), 2)
                surface.blit(img, (sx + 6, sy - img.get_height() // 2))
            else:
                surface.blit(img, (sx - img.get_width() // 2, sy - img.get_height() // 2))

    def _draw_boat(self, surface: pygame.Surface, view) -> None:
        pts = [view.world_to_screen(self.map_rect, s.x, s.y) for s in self.sim.journey]
        e = self.sim.state.extra
        bx, by = float(e["boat_x"][0]), float(e["boat_y"][0])
        pts.append(view.world_to_screen(self.map_rect, bx, by))
        track = OKABE_ITO["vermillion"] if not self.app.settings.high_contrast else OKABE_ITO["yellow"]
        if len(pts) > 1:
            pygame.draw.lines(surface, track, False, pts, 3)
        sx, sy = pts[-1]
        crewed = not self.nobody_acts()
        fill = OKABE_ITO["orange"] if crewed else (150, 150, 150)
        h = math.radians(self.heading)
        if crewed and self.departed:
            end = (sx + math.sin(h) * 26, sy - math.cos(h) * 26)
            pygame.draw.line(surface, (20, 20, 20), (sx, sy), end, 4)
            pygame.draw.line(surface, fill, (sx, sy), end, 2)
        pygame.draw.circle(surface, (0, 0, 0), (sx, sy), 10)
        pygame.draw.circle(surface, fill, (sx, sy), 7)

    def _draw_help(self, surface: pygame.Surface) -> None:
        key = (self.departed, fonts.get_scale(), self.app.settings.language, self.map_rect.size)
        if getattr(self, "_help_key", None) != key:
            self._help_key = key
            self._help_img = self._render_help()
        surface.blit(self._help_img, (self.map_rect.x, self.map_rect.bottom - self._help_img.get_height()))

    def _render_help(self) -> pygame.Surface:
        f = fonts.font("small")
        if not self.departed:
            text = _("Choose the month, the boat and the supplies, then set out.")
        else:
            text = _("←/→ course · tap the map to steer · E engine · B bail · R repair · F rations · L signal · H turn back · C currents · Z zoom · X time")
        lines = wrap(f, text, self.map_rect.width - 24)
        h = len(lines) * line_height(f) + 8
        img = pygame.Surface((self.map_rect.width, h), pygame.SRCALPHA)
        img.fill((0, 0, 0, 150))
        draw_text(img, f, text, (12, 4), (255, 255, 255), self.map_rect.width - 24)
        return img

    def _panel_key(self) -> tuple:
        st = self.app.settings
        return (self.sim.state.step, id(self.sim), self.heading, self.throttle_i, self.bail, self.repair, self.ration_i,
                self.signal, self.turn_back, self.speed_i, self.show_currents, self.zoom_i, self.focus,
                fonts.get_scale(), st.high_contrast, st.felt_danger_hint, st.language, self.panel.size)

    def _draw_panel(self, surface: pygame.Surface) -> None:
        """The panel at sea changes only when a step passes or a choice changes: cache it."""
        if not self.departed:
            self._draw_panel_now(surface)
            return
        key = self._panel_key()
        if getattr(self, "_panel_cache_key", None) != key:
            self._layout_buttons()
            img = pygame.Surface(surface.get_size())
            self._draw_panel_now(img)
            self._panel_cache = img.subsurface(self.panel).copy()
            self._panel_cache_key = key
        surface.blit(self._panel_cache, self.panel.topleft)

    def _draw_panel_now(self, surface: pygame.Surface) -> None:
        t = self.theme
        pygame.draw.rect(surface, t.panel, self.panel)
        pygame.draw.line(surface, t.panel_edge, self.panel.topleft, self.panel.bottomleft, 2)
        x, w = self.panel.x + PAD, self.panel.width - 2 * PAD
        ft = fonts.font("large", True)
        title = _(self.scenario.title) if not self.departed else self.day_text()
        head_w = MENU_CORNER.x - x - PAD
        y = PAD
        y += draw_text(surface, ft, fit_text(ft, title, head_w), (x, y), t.text, head_w)
        if not self.departed:
            sub = fonts.font("small")
            preset = self.scenario.presets[self.preset]
            draw_text(surface, sub, fit_text(sub, _(preset.label), head_w), (x, y), t.text_dim, head_w)
            self.form.draw(surface, t)
            return
        self._layout_buttons()
        y = self.buttons_bottom + 4
        bottom = H - PAD
        fb = fonts.font("small")
        lh = line_height(fb)
        colors = {"text": t.text, "dim": t.text_dim, "warning": t.warning, "danger": t.danger}
        for role, text in self.status_lines():
            lines = wrap(fb, text, w)
            if y + len(lines) * lh > bottom:
                break
            y += draw_text(surface, fb, text, (x, y), colors[role], w)
        f = self._button_font()
        for i, b in enumerate(self.buttons):
            r = b.rect
            active = b.active()
            pygame.draw.rect(surface, t.accent if active and not self.app.settings.high_contrast else t.button, r, border_radius=8)
            edge = t.accent if i == self.focus else t.panel_edge
            pygame.draw.rect(surface, edge, r, width=4 if i == self.focus else 2, border_radius=8)
            if active and self.app.settings.high_contrast:
                # High contrast keeps the black buttons: a bright bar marks what is switched on.
                pygame.draw.rect(surface, t.good, (r.x + 8, r.bottom - 9, r.width - 16, 5), border_radius=2)
            color = (0, 0, 0) if active and not self.app.settings.high_contrast else t.button_text
            lines = wrap(f, b.text(), r.width - 16)[:2]
            if len(wrap(f, b.text(), r.width - 16)) > 2:
                lines[-1] = fit_text(f, lines[-1] + "…", r.width - 16)
            ty = r.centery - len(lines) * line_height(f) // 2
            for line in lines:
                img = f.render(line, True, color)
                surface.blit(img, (r.centerx - img.get_width() // 2, ty))
                ty += line_height(f)

    def _draw_notice(self, surface: pygame.Surface) -> None:
        t = self.theme
        r = self._notice_rect()
        fb, fs = fonts.font("body"), fonts.font("small")
        pygame.draw.rect(surface, t.panel, r, border_radius=10)
        pygame.draw.rect(surface, t.warning, r, width=3, border_radius=10)
        y = r.y + 14 + draw_text(surface, fb, self.notice or "", (r.x + 16, r.y + 14), t.text, r.width - 32)
        draw_text(surface, fs, _("Tap here or press Enter to go on."), (r.x + 16, y + 4), t.text_dim, r.width - 32)
