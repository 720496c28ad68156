"""Fog on the line: the play screen.

The strip of the DMZ seen from above, centred on you, under a veil of fog that
thickens with distance (you see about as far as the fog lets you) and a dusk
tint at night; the guards appear only when you could see them. A side panel
shows the time, the fog, what you feel, the cold, and the controls. One
simulation step is 6 s; at 1x the screen runs 2 steps a second.

Controls (every one by keys, mouse, touch; moving and climbing by gamepad):
  Arrows / WASD / pad stick or d-pad   move (hold); or tap / click the map to walk there;
                                       on a touch screen, the direction pad
  1 / 2 / 3                            crawl / walk / run
  Q                                    lie still (toggle)
  C, or Enter at a fence, pad A        climb the fence in your way
  B                                    turn back (asks first)
  X                                    time: 1x, 2x, 4x
  Z                                    zoom
  Tab then Enter                       move between the buttons and press one
  Escape / P / pad Start               the menu
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pygame

from ..i18n import N_, _
from ..sim.fog import CAUSE_FIRE, CAUSE_FIRED_AT, CAUSE_MINE, CAUSE_SEEN
from ..ui import fonts
from ..ui.text import draw_text, fit_text, line_height, wrap
from ..ui.theme import OKABE_ITO
from .base import MENU_CORNER, H, W
from .dmz_common import GAP, PAD, DPad, HudButton, alpha_overlay, draw_button, layout_rows
from .play_base import PlayBase

PANEL_W = 400
SPEEDS = (1.0, 2.0, 4.0)
ZOOMS = (1.0, 1.5, 2.0)
PACES = ("crawl", "walk", "run")
PACE_NAMES = {"crawl": N_("Crawl"), "walk": N_("Walk"), "run": N_("Run")}
FELT_WORDS = (N_("You feel unseen."), N_("You feel uneasy."), N_("You feel watched."), N_("You feel in plain sight."))
VEIL_STEP_PX = 16  # one fog sample every 16 screen pixels, smoothed up
VEIL_DENSITY = 2.0  # veil = 1 - exp(-VEIL_DENSITY x distance / visibility)
FOG_DAY = (214, 218, 222)
FOG_NIGHT = (64, 70, 80)
NIGHT = (8, 14, 30)


class PlayScene(PlayBase):
    steps_per_second = 2.0  # 6 s of game time a step: 12x real time at 1x

    def __init__(self, app, scenario, preset: str, seed: int, overrides: dict[str, float] | None = None):
        super().__init__(app, scenario, preset, seed, overrides)
        self.pace = "walk"
        self.lie_still = False
        self.climb_request = False
        self.turn_back = False
        self.speed_i = 0
        self.zoom_i = 2
        self.target: tuple[float, float] | None = None
        self.focus = -1
        self.dpad = DPad()
        self.pad_finger = False
        self.at_fence = False
        self.journal: list[str] = []
        self._veil_key = None
        self._veil: pygame.Surface | None = None
        self._panel_key = None
        self._panel_img: pygame.Surface | None = None
        self._help_key = None
        self._help_img: pygame.Surface | None = None
        self._view = None
        self._prev = self._positions()
        self._last = self._snapshot()
        self.buttons = self._make_buttons()
        self.order = ["crawl", "walk", "run", "still", "climb", "back", "speed", "zoom"]
        self.relayout()

    # ------------------------------------------------------------ choices
    def _make_buttons(self) -> dict[str, HudButton]:
        b = {}
        for p in PACES:
            b[p] = HudButton(p, lambda p=p: _(PACE_NAMES[p]), lambda p=p: self.set_pace(p), lambda p=p: self.pace == p)
        b["still"] = HudButton("still", lambda: _("Lie still"), self.toggle_still, lambda: self.lie_still)
        b["climb"] = HudButton("climb", lambda: _("Climb the fence"), self.press_climb,
                               lambda: self.climb_request or self._climbing(), lambda: self.at_fence or self._climbing())
        b["back"] = HudButton("back", lambda: _("Turn back"), self.ask_turn_back, lambda: self.turn_back)
        b["speed"] = HudButton("speed", lambda: _("Time: {n}x").format(n=int(SPEEDS[self.speed_i])), self.cycle_speed)
        b["zoom"] = HudButton("zoom", lambda: _("Zoom: {n}").format(n=self.zoom_i + 1), self.cycle_zoom)
        return b

    def set_pace(self, pace: str) -> None:
        self.pace = pace
        self.lie_still = False

    def toggle_still(self) -> None:
        self.lie_still = not self.lie_still
        if self.lie_still:
            self.target = None

    def press_climb(self) -> None:
        if self.at_fence:
            self.climb_request = True

    def ask_turn_back(self) -> None:
        if self.turn_back:
            return
        from .base import ConfirmScene

        self.app.push(ConfirmScene(
            self.app, _("Turn back to your post?"), _("Yes, turn back"), self._do_turn_back,
            detail=_("You will walk back behind your side's fences. You can still be seen on the way."),
        ))

    def _do_turn_back(self) -> None:
        self.turn_back = True
        self.target = None
        self.app.caption(_("You turn back towards your post."), 4.0)

    def cycle_speed(self) -> None:
        self.speed_i = (self.speed_i + 1) % len(SPEEDS)

    def cycle_zoom(self) -> None:
        self.zoom_i = (self.zoom_i + 1) % len(ZOOMS)
        self._veil_key = None

    def _climbing(self) -> bool:
        return bool(self.state.extra["climbing"][0])

    def _direction(self) -> tuple[float, float]:
        """Where the player wants to go: held keys, pad or touch pad; else the tapped target."""
        dx, dy = self.app.input.direction()
        if not (dx or dy) and self.target is not None:
            tx, ty = self.target
            vx, vy = tx - float(self.state.x[0]), ty - float(self.state.y[0])
            dist = math.hypot(vx, vy)
            if dist >= 0.15:
                dx, dy = vx / dist, vy / dist
        return dx, dy

    def player_action(self) -> dict[str, Any]:
        held = self.app.input.direction()
        if held[0] or held[1]:
            self.target = None
            self.lie_still = False
        dx, dy = self._direction()
        if self.target is not None and not (dx or dy):
            self.target = None  # arrived
        return {
            "dx": float(dx), "dy": float(dy), "pace": PACES.index(self.pace), "wait": bool(self.lie_still),
            "climb": bool(self.climb_request), "turn_back": bool(self.turn_back),
        }

    # ------------------------------------------------------------ input
    KEYS = {
        pygame.K_1: "crawl", pygame.K_2: "walk", pygame.K_3: "run", pygame.K_q: "still", pygame.K_c: "climb",
        pygame.K_b: "back", pygame.K_x: "speed", pygame.K_z: "zoom",
    }

    def handle_play(self, intent) -> bool:
        kind = intent.kind
        if kind == "key" and intent.key in self.KEYS:
            self.buttons[self.KEYS[intent.key]].action()
            return True
        if kind == "next":
            self.focus = (self.focus + 1) % len(self.order)
            return True
        if kind == "confirm":
            if 0 <= self.focus < len(self.order):
                self.buttons[self.order[self.focus]].action()
            elif self.at_fence:
                self.press_climb()
            else:
                self.set_pace(PACES[(PACES.index(self.pace) + 1) % len(PACES)])
            return True
        if kind in ("up", "down", "left", "right"):
            self.focus = -1  # moving: the arrows move you, not the focus
            return True
        if kind == "pointer_down":
            d = self.dpad.direction_at(intent.pos)
            if d is not None:
                self.pad_finger = True
                self.dpad.pressed = d
                self.app.input.screen_pad = d
                self.target = None
                return True
            return False
        if kind == "pointer_move" and self.pad_finger:
            d = self.dpad.direction_at(intent.pos)
            self.dpad.pressed = d or (0, 0)
            self.app.input.screen_pad = d or (0, 0)
            return True
        if kind == "pointer_up":
            if self.pad_finger:
                self.pad_finger = False
                self.dpad.pressed = (0, 0)
                self.app.input.screen_pad = (0, 0)
                return True
            for i, k in enumerate(self.order):
                b = self.buttons[k]
                if b.rect.collidepoint(intent.pos):
                    self.focus = -1 if intent.touch else i
                    b.action()
                    return True
            if self.map_rect.collidepoint(intent.pos) and not MENU_CORNER.collidepoint(intent.pos):
                wx, wy = self.view().screen_to_world(self.map_rect, *intent.pos)
                self.target = (min(max(wx, 0.05), self.model.W - 0.05), min(max(wy, 0.05), self.model.H - 0.05))
                self.lie_still = False
                return True
        if kind == "scroll":
            self.zoom_i = max(0, min(len(ZOOMS) - 1, self.zoom_i + (1 if intent.amount > 0 else -1)))
            return True
        return False

    def on_exit(self) -> None:
        self.app.input.screen_pad = (0, 0)
        self.app.audio.stop("wind")

    def on_enter(self) -> None:
        from .. import synth

        self.app.audio.loop("wind", synth.wind(seconds=8.0, seed=self.seed % 1000, gust_hz=0.08, peak=0.3), 0.25)

    # ------------------------------------------------------------ time
    def update(self, dt: float) -> None:
        self.speed = 4.0 if self.turn_back else SPEEDS[self.speed_i]
        before = self.state.step
        super().update(dt)
        if self.state.step != before:
            self._veil_key = None

    def step_once(self) -> None:
        self._prev = self._positions()
        super().step_once()

    def _positions(self):
        s = self.state
        return float(s.x[0]), float(s.y[0]), s.extra["guards_x"][0].copy(), s.extra["guards_y"][0].copy()

    def _snapshot(self) -> dict[str, Any]:
        e, m = self.state.extra, self.model
        return {
            "alarm": float(e["alarm"][0]), "climbing": bool(e["climbing"][0]), "north": float(self.state.y[0]) < m.mdl_y,
            "light": float(e["light"]), "fog": int(e["fog_class"][0]), "missed": self.minutes_out() > m.params["missed_after_min"],
            "cold": float(e["cold"][0]), "wet": float(e["wet"][0]) > 0.9, "turning": bool(e["turning"][0]),
        }

    def minutes_out(self) -> float:
        return float(self.state.hours[0]) * 60.0

    def on_step(self) -> None:
        now, before = self._snapshot(), self._last
        self._last = now
        said = []
        if now["alarm"] > before["alarm"] + 0.2 and not (now["missed"] and not before["missed"]):
            said.append(_("A voice calls out somewhere in the fog. Someone heard something."))
        if now["missed"] and not before["missed"]:
            said.append(_("By now they will have noticed that you are gone."))
        if now["climbing"] and not before["climbing"]:
            said.append(_("You climb. The wire rattles under your weight."))
        if before["climbing"] and not now["climbing"]:
            said.append(_("You drop down on the other side of the fence."))
            self.climb_request = False
        if before["north"] and not now["north"]:
            said.append(_("You pass a yellow sign: the line. You are in the South's half of the zone."))
        if before["light"] < 0.5 <= now["light"]:
            said.append(_("Day is breaking."))
        if before["fog"] >= 1 and now["fog"] == 0:
            said.append(_("The fog has lifted around you."))
        elif now["fog"] < before["fog"] and now["fog"] <= 1 and before["light"] >= 0.5:
            said.append(_("The fog is thinning."))
        if now["wet"] and not before["wet"]:
            said.append(_("Icy water soaks your boots and trousers."))
        if before["cold"] < 0.5 <= now["cold"]:
            said.append(_("You are shaking with cold. It slows you down."))
        for text in said:
            self.app.caption(text, 5.0)
            self.journal.append(self.clock_text() + " " + text)
        # a fence in the way?
        self.at_fence = self._fence_ahead()
        if self.at_fence and not self.climb_request and not self._climbing() and not self.autoplay:
            self.app.caption(_("A fence blocks your way. Press C or tap \"Climb the fence\"."), 2.0)
        if not self.at_fence and not self._climbing():
            self.climb_request = False
        level = 0.15 + 0.25 * (1.0 - min(1.0, float(self.state.extra["vis_here"][0]) / 1000.0))
        self.app.audio.set_level("wind", level)

    def _fence_ahead(self) -> bool:
        dx, dy = self._direction() if not self.autoplay else (0.0, 1.0)
        if not (dx or dy):
            dx, dy = 0.0, 1.0
        n = math.hypot(dx, dy)
        m = self.model
        for reach in (0.35, 0.7):
            tx = float(self.state.x[0]) + dx / n * reach
            ty = float(self.state.y[0]) + dy / n * reach
            if 0 <= tx < m.W and 0 <= ty < m.H and m.fence[int(ty), int(tx)]:
                return True
        return False

    def on_finished(self) -> None:
        cause = int(self.state.extra["cause"][0])
        words = {
            CAUSE_MINE: _("A blast. A mine went off."),
            CAUSE_FIRE: _("Shots rang out in the fog."),
            CAUSE_SEEN: _("A shout: \"Stop!\" Soldiers of your own side are running towards you."),
            CAUSE_FIRED_AT: _("Shots from the north."),
        }
        if self.outcome in ("killed", "caught") and cause in words:
            self.app.caption(words[cause], 6.0)
        self.app.audio.set_level("wind", 0.1)

    # ------------------------------------------------------------ text
    def clock_text(self) -> str:
        h = float(self.state.extra["clock_h"]) % 24.0
        return f"{int(h):02d}:{int(round((h % 1) * 60)) % 60:02d}"

    def light_text(self) -> str:
        light = float(self.state.extra["light"])
        if light <= 0.0:
            return _("night")
        if light < 1.0:
            return _("dawn")
        return _("day")

    def fog_text(self) -> str:
        e = self.state.extra
        vis = float(e["vis_here"][0])
        cls = int(e["fog_class"][0])
        seen = int(round(vis / 10.0) * 10) if vis < 1000 else int(round(vis / 100.0) * 100)
        if cls == 0:
            return _("Clear air.")
        names = {1: _("Fog"), 2: _("Thick fog"), 3: _("Dense fog")}
        return _("{fog}: you can see about {m} m.").format(fog=names[cls], m=seen)

    def status_lines(self) -> list[tuple[str, str]]:
        e, m = self.state.extra, self.model
        lines: list[tuple[str, str]] = []
        lines.append(("text", self.fog_text()))
        if self.app.settings.felt_danger_hint:
            level = int(round(float(m.felt_danger(self.state)[0]) * 3))
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
        gx0, gy0, gx1, gy1 = m.goal
        dist = math.hypot((gx0 + gx1) / 2 - float(self.state.x[0]), (gy0 + gy1) / 2 - float(self.state.y[0])) * m.mpt
        side = _("north of the line") if float(self.state.y[0]) < m.mdl_y else _("south of the line")
        lines.append(("dim", _("You are {side}; the South's post is {km:.1f} km away.").format(side=side, km=dist / 1000.0)))
        if self.turn_back:
            lines.append(("warning", _("You are walking back to your post.")))
        return lines

    # ------------------------------------------------------------ layout
    def relayout(self) -> None:
        scale = fonts.get_scale()
        panel_w = min(640, round(PANEL_W + max(0.0, scale - 1.0) * 300))
        self.map_rect = pygame.Rect(0, 0, W - panel_w, H)
        self.panel = pygame.Rect(self.map_rect.right, 0, panel_w, H)
        self._panel_key = None
        self._help_key = None
        self._veil_key = None
        self._layout()

    def _header_bottom(self) -> int:
        ft = fonts.font("large", True)
        fs = fonts.font("small")
        return max(PAD + line_height(ft) + line_height(fs), MENU_CORNER.bottom) + 6

    def _layout(self) -> None:
        x, w = self.panel.x + PAD, self.panel.width - 2 * PAD
        rows = [["crawl", "walk", "run"], ["still", "climb"], ["back", "speed", "zoom"]]
        if fonts.get_scale() > 1.3:
            rows = [["crawl", "walk", "run"], ["still", "climb"], ["back", "speed"], ["zoom"]]
        self.buttons_bottom = layout_rows(self.buttons, rows, x, self._header_bottom(), w)
        help_h = self._help_height()
        self.dpad.place(self.map_rect.x + 16, self.map_rect.bottom - help_h - 12)

    def _help_height(self) -> int:
        f = fonts.font("small")
        return len(wrap(f, self._help_text(), self.map_rect.width - 24)) * line_height(f) + 8

    def _help_text(self) -> str:
        return _("Arrows/WASD move · tap the map to walk there · 1 crawl · 2 walk · 3 run · Q lie still · C climb · B turn back · X time · Z zoom")

    # ------------------------------------------------------------ drawing
    def view(self):
        if self._view is None:
            from ..world.render import MapView

            self._view = MapView(self.world)
        v = self._view
        v.zoom = ZOOMS[self.zoom_i]
        px, py = self._display_player()
        v.center = (px, py)
        v.clamp_center(self.map_rect)
        return v

    def _frac(self) -> float:
        if self.end_timer is not None or self.paused:
            return 1.0
        return max(0.0, min(1.0, self._acc))

    def _display_player(self) -> tuple[float, float]:
        t = self._frac()
        x0, y0 = self._prev[0], self._prev[1]
        x1, y1 = float(self.state.x[0]), float(self.state.y[0])
        if abs(x1 - x0) + abs(y1 - y0) > 3:  # a jump (a climb ends): no sliding
            return x1, y1
        return x0 + (x1 - x0) * t, y0 + (y1 - y0) * t

    def draw_play(self, surface: pygame.Surface) -> None:
        surface.fill(self.theme.background)
        view = self.view()
        clip = surface.get_clip()
        surface.set_clip(self.map_rect)
        self._draw_ground(surface, view)
        self._draw_guards(surface, view)
        self._draw_target(surface, view)
        self._draw_player(surface, view)
        self._draw_felt_edge(surface)
        self.dpad.draw(surface, self.theme, self.app.settings.high_contrast)
        self._draw_help(surface)
        surface.set_clip(clip)
        self._draw_panel(surface)

    def _trail_color(self):
        return OKABE_ITO["sky_blue"] if not self.app.settings.high_contrast else OKABE_ITO["yellow"]

    def _draw_ground(self, surface, view) -> None:
        """The map, the fog veil and your trail, composed once a step into one picture.

        The veil deepens with distance from you by the fog's local visibility,
        over a dusk tint at night. Between steps the picture moves with the
        camera; with reduced motion it is rebuilt only every fifth step.
        """
        every = 5 if self.app.settings.reduced_motion else 1
        key = (self.state.step // every, self.zoom_i, self.map_rect.size, id(self.sim), self.app.settings.high_contrast)
        if key != self._veil_key or self._veil is None:
            self._veil_key = key
            self._veil_center = view.center
            m = VEIL_STEP_PX
            img = pygame.Surface((self.map_rect.width + 2 * m, self.map_rect.height + 2 * m))
            img.fill(self.theme.background)
            inner = pygame.Rect(m, m, *self.map_rect.size)
            view.draw(img, inner)
            # the trail, on the ground under the fog's edge
            j = self.sim.journey
            if len(j) > 1:
                stride = max(1, len(j) // 400)
                pts = [view.world_to_screen(inner, s.x, s.y) for s in j[::stride]] + [view.world_to_screen(inner, j[-1].x, j[-1].y)]
                pygame.draw.lines(img, self._trail_color(), False, pts, 2)
            img.blit(self._make_veil(view), (0, 0))
            self._veil = img
        bx, by = self._veil_center
        ox = round((bx - view.center[0]) * view.tile_px) - VEIL_STEP_PX
        oy = round((by - view.center[1]) * view.tile_px) - VEIL_STEP_PX
        surface.blit(self._veil, (self.map_rect.x + ox, self.map_rect.y + oy))
        # the last stretch of the trail, to where you are now
        a = view.world_to_screen(self.map_rect, self.sim.journey[-1].x, self.sim.journey[-1].y)
        b = view.world_to_screen(self.map_rect, *self._display_player())
        if a != b:
            pygame.draw.line(surface, self._trail_color(), a, b, 2)

    def _visible_guards(self):
        """Guards the player could see now: closer than the fog and the dark allow."""
        e, m = self.state.extra, self.model
        vis = float(e["vis_here"][0])
        light = float(e["light"])
        reach = min(vis, m.params["night_sight_half_m"] * 3 + (vis - m.params["night_sight_half_m"] * 3) * light)
        d = e["guard_dist_m"][0]
        return d <= max(reach, 30.0)

    def _draw_guards(self, surface, view) -> None:
        seen = self._visible_guards()
        if not seen.any():
            return
        t = self._frac()
        gx0, gy0 = self._prev[2], self._prev[3]
        gx1, gy1 = self.state.extra["guards_x"][0], self.state.extra["guards_y"][0]
        hc = self.app.settings.high_contrast
        ring = OKABE_ITO["yellow"] if hc else OKABE_ITO["vermillion"]
        for i in np.nonzero(seen)[0]:
            x = gx0[i] + (gx1[i] - gx0[i]) * t if len(gx0) == len(gx1) else gx1[i]
            y = gy0[i] + (gy1[i] - gy0[i]) * t if len(gy0) == len(gy1) else gy1[i]
            sx, sy = view.world_to_screen(self.map_rect, float(x), float(y))
            pygame.draw.circle(surface, (0, 0, 0), (sx, sy), 9)
            pygame.draw.circle(surface, (70, 76, 60), (sx, sy), 7)
            pygame.draw.circle(surface, ring, (sx, sy), 9, 3 if hc else 2)

    def _make_veil(self, view) -> pygame.Surface:
        e, m = self.state.extra, self.model
        rw, rh = self.map_rect.size
        cols, rows = rw // VEIL_STEP_PX + 3, rh // VEIL_STEP_PX + 3  # a margin all round
        sx = (np.arange(cols) - 1) * VEIL_STEP_PX + self.map_rect.x
        sy = (np.arange(rows) - 1) * VEIL_STEP_PX + self.map_rect.y
        cx, cy = view.center
        wx = cx + (sx - self.map_rect.centerx) / view.tile_px
        wy = cy + (sy - self.map_rect.centery) / view.tile_px
        WX, WY = np.meshgrid(wx, wy)
        grid = e["fog_grid"] if e.get("fog_grid") is not None else m.fog_grid(self.state)
        # bilinear between the fog cells' centres (in log visibility): no seams
        fy = np.clip(WY / m.fog_cell - 0.5, 0, grid.shape[0] - 1.001)
        fx = np.clip(WX / m.fog_cell - 0.5, 0, grid.shape[1] - 1.001)
        i0, j0 = fy.astype(int), fx.astype(int)
        ty, tx = fy - i0, fx - j0
        lg = np.log(grid)
        i1, j1 = np.minimum(i0 + 1, grid.shape[0] - 1), np.minimum(j0 + 1, grid.shape[1] - 1)
        top = lg[i0, j0] * (1 - tx) + lg[i0, j1] * tx
        bottom = lg[i1, j0] * (1 - tx) + lg[i1, j1] * tx
        vis = np.exp(top * (1 - ty) + bottom * ty)
        px, py = self._display_player()
        d = np.hypot(WX - px, WY - py) * m.mpt
        # drawn a little kinder than the guards' eyes (Koschmieder's 3.912): the soldier knows the ground
        fog = 1.0 - np.exp(-VEIL_DENSITY * d / vis)
        light = float(e["light"])
        fog_a = np.clip(fog * 0.88, 0, 0.88)
        dark_a = (1.0 - light) * 0.5
        # one overlay: fog over dusk
        a = 1.0 - (1.0 - fog_a) * (1.0 - dark_a)
        colour_fog = np.array(FOG_NIGHT) + (np.array(FOG_DAY) - np.array(FOG_NIGHT)) * light
        # the colour is one for the whole veil: fog where there is fog, night where there is not
        weight = fog_a.mean() / max(1e-6, fog_a.mean() + dark_a)
        colour = tuple(int(c) for c in colour_fog * weight + np.array(NIGHT) * (1 - weight))
        alpha = np.clip(a * 255, 0, 255)
        return alpha_overlay(alpha, colour, (rw + 2 * VEIL_STEP_PX, rh + 2 * VEIL_STEP_PX))

    def _draw_target(self, surface, view) -> None:
        if self.target is None:
            return
        sx, sy = view.world_to_screen(self.map_rect, *self.target)
        color = OKABE_ITO["sky_blue"] if not self.app.settings.high_contrast else OKABE_ITO["yellow"]
        pygame.draw.circle(surface, color, (sx, sy), 10, 2)
        pygame.draw.line(surface, color, (sx - 5, sy), (sx + 5, sy), 2)
        pygame.draw.line(surface, color, (sx, sy - 5), (sx, sy + 5), 2)

    def _draw_player(self, surface, view) -> None:
        px, py = self._display_player()
        sx, sy = view.world_to_screen(self.map_rect, px, py)
        hc = self.app.settings.high_contrast
        fill = (245, 245, 240)
        if self._climbing():
            pygame.draw.rect(surface, (0, 0, 0), (sx - 8, sy - 14, 16, 24), border_radius=5)
            pygame.draw.rect(surface, fill, (sx - 6, sy - 12, 12, 20), border_radius=4)
        elif self.pace == "crawl" or self.lie_still:
            pygame.draw.ellipse(surface, (0, 0, 0), (sx - 12, sy - 7, 24, 14))
            pygame.draw.ellipse(surface, fill, (sx - 10, sy - 5, 20, 10))
        else:
            pygame.draw.circle(surface, (0, 0, 0), (sx, sy), 11)
            pygame.draw.circle(surface, fill, (sx, sy), 8)
        if hc:
            pygame.draw.circle(surface, OKABE_ITO["yellow"], (sx, sy), 15, 3)

    def _draw_felt_edge(self, surface) -> None:
        if not self.app.settings.felt_danger_hint:
            return
        level = int(round(float(self.model.felt_danger(self.state)[0]) * 3))
        if level < 2:
            return
        key = ("edge", level, self.map_rect.size)
        if getattr(self, "_edge_key", None) != key:
            self._edge_key = key
            rw, rh = self.map_rect.size
            yy, xx = np.mgrid[0:rh // 8, 0:rw // 8]
            edge = np.minimum.reduce([xx, yy, rw // 8 - 1 - xx, rh // 8 - 1 - yy]).astype(float)
            a = np.clip(1.0 - edge / 6.0, 0, 1) * (60 if level == 2 else 110)
            self._edge = alpha_overlay(a, OKABE_ITO["vermillion"], (rw, rh))
        surface.blit(self._edge, self.map_rect.topleft)

    def _draw_help(self, surface) -> None:
        key = (fonts.get_scale(), self.app.settings.language, self.map_rect.size)
        if key != self._help_key or self._help_img is None:
            self._help_key = key
            f = fonts.font("small")
            text = self._help_text()
            h = self._help_height()
            img = pygame.Surface((self.map_rect.width, h), pygame.SRCALPHA)
            img.fill((0, 0, 0, 170))
            draw_text(img, f, text, (12, 4), (255, 255, 255), self.map_rect.width - 24)
            self._help_img = img
        surface.blit(self._help_img, (self.map_rect.x, self.map_rect.bottom - self._help_img.get_height()))

    def _draw_panel(self, surface) -> None:
        st = self.app.settings
        key = (self.state.step, id(self.sim), self.pace, self.lie_still, self.climb_request, self.at_fence, self.turn_back,
               self.speed_i, self.zoom_i, self.focus, fonts.get_scale(), st.high_contrast, st.felt_danger_hint, st.language,
               self.panel.size)
        if key != self._panel_key or self._panel_img is None:
            self._panel_key = key
            self._layout()
            img = pygame.Surface(self.panel.size)
            self._draw_panel_now(img, -self.panel.x)
            self._panel_img = img
        surface.blit(self._panel_img, self.panel.topleft)

    def _draw_panel_now(self, img: pygame.Surface, ox: int) -> None:
        t = self.theme
        img.fill(t.panel)
        pygame.draw.line(img, t.panel_edge, (0, 0), (0, H), 2)
        x, w = PAD, self.panel.width - 2 * PAD
        head_w = MENU_CORNER.x - self.panel.x - 2 * PAD
        ft, fs = fonts.font("large", True), fonts.font("small")
        y = PAD
        y += draw_text(img, ft, fit_text(ft, self.clock_text() + " · " + self.light_text(), head_w), (x, y), t.text, head_w)
        draw_text(img, fs, fit_text(fs, _(self.scenario.title), head_w), (x, y), t.text_dim, head_w)
        hc = self.app.settings.high_contrast
        for i, k in enumerate(self.order):
            b = self.buttons[k]
            r = b.rect
            b.rect = r.move(ox, 0)
            draw_button(img, t, hc, b, i == self.focus)
            b.rect = r
        y = self.buttons_bottom + 4
        fb = fonts.font("small")
        lh = line_height(fb)
        colors = {"text": t.text, "dim": t.text_dim, "warning": t.warning, "danger": t.danger}
        for role, text in self.status_lines():
            lines = wrap(fb, text, w)
            if y + len(lines) * lh > H - PAD:
                break
            y += draw_text(img, fb, text, (x, y), colors[role], w) + 2
