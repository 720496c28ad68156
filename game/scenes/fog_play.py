"""Fog on the line: the play screen.

The strip of the DMZ seen from above, centred on you. The ground is drawn in
the colours of a dark night (drained and blue-grey, but with forest, open
ground, paths, fences and water kept apart) and lightens through dawn as the
model's light rises. Over it lies the fog, a soft veil made from the model's
visibility field: thicker where the fog is thicker, and clearer within about
the distance you can see. The guards appear only when you could see them; the
line, the direction and distance of the South's post, and a compass are drawn
over the fog (the soldier knows the ground). A side panel shows the time, the
fog, what you feel, the cold, and the controls. One simulation step is 6 s; at
1x the screen runs 2 steps a second.

Controls (every one by keys, mouse, touch and gamepad):
  Arrows / WASD / pad stick or d-pad   move (hold); or tap / click the map to walk there;
                                       on a touch screen, the direction pad
  1 / 2 / 3                            crawl / walk / run
  Q                                    lie still (toggle)
  C, or Enter at a fence, pad A        climb the fence in your way
  B                                    turn back (asks first)
  X                                    time: 1x, 2x, 4x
  Z, mouse wheel over the map          zoom
  H or F1, the Help button             every control, in an overlay
  Tab / pad X or Y, then Enter / pad A move between the buttons and press one
  Page Up / Page Down, wheel, drag     scroll the status lines when they do not fit
  Escape / P / pad Start               the menu
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pygame

from ..i18n import N_, _
from ..ui import fonts, labels
from ..ui.text import draw_text, line_height, wrap
from ..ui.theme import OKABE_ITO
from ..world.render import VEIL_DRIFT, veil_opacity, veil_wisps
from .story import draw_legend, draw_marks
from ..ui.hud import GAP, HudButton
from .fog.actions import fog_action
from .dmz.layout import PAD
from .dmz.scene import DmzPlayBase
from .dmz.view import alpha_overlay, blit_map_region, night_grade

SPEEDS = (1.0, 2.0, 4.0)
LIGHT_WORDS = (N_("night"), N_("dawn"), N_("day"))
FELT_WORDS = (N_("You feel unseen."), N_("You feel uneasy."), N_("You feel watched."), N_("You feel in plain sight."))
# How the fog is drawn (a picture, not a figure of the world; the fog itself is the model's field):
VEIL_STEP_PX = 16  # one fog sample every 16 screen pixels, smoothed up
VEIL_NEAR = 0.08  # the veil's opacity close to you, in the densest fog ...
VEIL_FAR = 0.62  # ... and far beyond what you can see: the ground still shows through
VEIL_EDGE = 4.0  # beyond = 1 - 2^-((d / visibility)^VEIL_EDGE): clear within about the visibility, soft at its edge
GROUND_MARGIN = 128  # the ground picture reaches this far past the map's edges, so it is seldom redrawn
LIGHT_LEVELS = 20  # the ground is redrawn at each twentieth of dawn's rise in light
FOG_DAY = (222, 226, 230)
FOG_NIGHT = (100, 108, 122)


class PlayScene(DmzPlayBase):
    steps_per_second = 2.0  # 6 s of game time a step: 12x real time at 1x
    SPEEDS = SPEEDS
    FELT_WORDS = FELT_WORDS
    BUTTON_ROWS = [["crawl", "walk", "run"], ["still", "climb"], ["back", "speed", "zoom"]]
    JUMP_TILES = 3  # a climb ends on the fence's far side: no sliding there
    KEYS = {**DmzPlayBase.KEYS, pygame.K_q: "still", pygame.K_c: "climb", pygame.K_b: "back"}

    def __init__(self, app, scenario, preset: str, seed: int, overrides: dict[str, float] | None = None):
        super().__init__(app, scenario, preset, seed, overrides)
        self.pace = "walk"
        self.climb_request = False
        self.turn_back = False
        self.at_fence = False
        self._night: pygame.Surface | None = None
        self._night_key = None
        self._overlay_cache: dict = {}
        self._veil_key = None
        self._veil: pygame.Surface | None = None
        self._veil_center = (0.0, 0.0)
        self._ground: pygame.Surface | None = None
        self._ground_key = None
        self._ground_center = (0.0, 0.0)
        self._trail_n = 0
        self._trail_xy = np.zeros((0, 2))
        self._prev = self._positions()
        self.buttons = self._make_buttons()
        self.order = ["crawl", "walk", "run", "still", "climb", "back", "speed", "zoom", "help"]
        self.relayout()

    # ------------------------------------------------------------ choices
    def scenario_buttons(self) -> dict[str, HudButton]:
        return {
            "still": HudButton("still", lambda: _("Lie still"), self.toggle_wait, lambda: self.waiting),
            "climb": HudButton("climb", lambda: _("Climb the fence"), self.press_climb,
                               lambda: self.climb_request or self._climbing(), lambda: self.at_fence or self._climbing()),
            "back": HudButton("back", lambda: _("Turn back"), self.ask_turn_back, lambda: self.turn_back),
        }

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

    def cycle_zoom(self) -> None:
        super().cycle_zoom()
        self._veil_key = None

    def _climbing(self) -> bool:
        return bool(self.state.extra["climbing"][0])

    def player_action(self) -> dict[str, Any]:
        return fog_action(self._move(), self.pace, self.waiting, self.climb_request, self.turn_back)

    # ------------------------------------------------------------ input
    def confirm_unfocused(self) -> None:
        if self.at_fence:
            self.press_climb()
        else:
            super().confirm_unfocused()

    @classmethod
    def ambient(cls, seed: int):
        from .. import synth

        return [("wind", synth.made("wind", seconds=8.0, seed=seed % 1000, gust_hz=0.08, peak=0.3), 0.25)]

    def on_enter(self) -> None:
        self.play_ambient()

    # ------------------------------------------------------------ time
    def update(self, dt: float) -> None:
        self.speed = 4.0 if self.turn_back else SPEEDS[self.speed_i]
        super().update(dt)

    def _positions(self):
        s = self.state
        return float(s.x[0]), float(s.y[0]), s.extra["guards_x"][0].copy(), s.extra["guards_y"][0].copy()

    def minutes_out(self) -> float:
        return float(self.state.hours[0]) * 60.0

    def on_step(self) -> None:
        # what the soldier notices, told by the narrator from the model's events
        said = []
        for line in self.new_lines():
            if line.code == "fence_climbed":
                self.climb_request = False
            if not line.entry.ends:  # the ending card tells those
                said.append(line.text)
        if said:
            # one caption at a time, the newest news: a stack of them would cover you
            self.app.captions.clear()
            self.app.caption(" ".join(said), 5.0)
        # a fence in the way?
        self.at_fence = self._fence_ahead()
        if self.at_fence and not self.climb_request and not self._climbing() and not self.autoplay and not self.app.captions:
            self.app.caption(_("A fence blocks your way: climb it with C, the \"Climb the fence\" button, or pad A."), 2.0)
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
        # the ending card says what happened and where; older captions would cover it
        self.app.captions.clear()
        self.app.audio.set_level("wind", 0.1)

    def ending_where(self) -> str:
        """Where it ended: how far from the line and from the South's post."""
        m = self.model
        metres = int(round(abs(float(self.state.y[0]) - m.mdl_y) * m.mpt / 10.0) * 10)
        post = self.goal_distance_m() / 1000.0
        if self.outcome == "crossed":
            return _("It was {clock}.").format(clock=self.clock_text())
        if float(self.state.y[0]) < m.mdl_y:
            return _("{clock}, {m} m north of the line, {km:.1f} km from the South's post.").format(
                clock=self.clock_text(), m=metres, km=post)
        return _("{clock}, {m} m south of the line, {km:.1f} km from the South's post.").format(
            clock=self.clock_text(), m=metres, km=post)

    # ------------------------------------------------------------ text
    def clock_text(self) -> str:
        h = float(self.state.extra["clock_h"]) % 24.0
        return f"{int(h):02d}:{int(round((h % 1) * 60)) % 60:02d}"

    def light_text(self) -> str:
        light = float(self.state.extra["light"])
        return _(LIGHT_WORDS[0 if light <= 0.0 else (1 if light < 1.0 else 2)])

    def fog_text(self) -> str:
        e = self.state.extra
        vis = float(e["vis_here"][0])
        cls = int(e["fog_class"][0])
        seen = int(round(vis / 10.0) * 10) if vis < 1000 else int(round(vis / 100.0) * 100)
        if cls == 0:
            return _("Clear air.")
        names = {1: _("Fog"), 2: _("Thick fog"), 3: _("Dense fog")}
        return _("{fog}: you can see about {m} m.").format(fog=names[cls], m=seen)

    def timing_text(self) -> str:
        """What the morning will do: the soldier knows when the sun rises and that the fog
        thickens towards it and holds a while after it (the model's sunrise and burn-off)."""
        p = self.model.params
        now = float(self.state.extra["clock_h"]) % 24.0
        sunrise = float(p["sunrise_hour"])
        lifts = sunrise + float(p["burn_delay_h"])

        def hhmm(h: float) -> str:
            minutes = int(round(h * 60)) % (24 * 60)
            return f"{minutes // 60:02d}:{minutes % 60:02d}"

        if now < sunrise:
            return _("Sunrise {sunrise}; fog until about {lifts}.").format(sunrise=hhmm(sunrise), lifts=hhmm(lifts))
        if now < lifts:
            return _("The fog lifts at about {lifts}.").format(lifts=hhmm(lifts))
        return ""

    def status_lines(self) -> list[tuple[str, str]]:
        e, m = self.state.extra, self.model
        lines: list[tuple[str, str]] = []
        if self.turn_back:
            lines.append(("warning", _("You are walking back to your post.")))
        lines.append(("text", self.fog_text()))
        timing = self.timing_text()
        if timing:
            lines.append(("dim", timing))
        if self.app.settings.felt_danger_hint:
            lines.append(self.felt_line())
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
        km = self.goal_distance_m() / 1000.0
        north = float(self.state.y[0]) < m.mdl_y
        lines.append(("dim", (_("North of the line · the post {km:.1f} km") if north
                              else _("South of the line · the post {km:.1f} km")).format(km=km)))
        return lines

    # ------------------------------------------------------------ layout
    def relayout(self) -> None:
        self._veil_key = None
        self._ground_key = None
        self._night_key = None
        super().relayout()

    def layout_header(self, x: int, w: int, help_b: HudButton) -> int:
        """The clock and the light, as high as the longest of the light's words needs."""
        ft = fonts.font("large", True)
        head_h = max(len(wrap(ft, self.clock_text() + " · " + _(word), self.head_w)) for word in LIGHT_WORDS) * line_height(ft)
        return max(PAD + head_h, help_b.rect.bottom) + GAP

    # ------------------------------------------------------------ drawing
    def draw_map(self, surface: pygame.Surface, view) -> None:
        self.label_board = self._label_board(view)  # this frame's labels never overlap (game.ui.labels)
        self._draw_ground(surface, view)
        self._draw_line(surface, view)
        self._draw_guards(surface, view)
        self._draw_target(surface, view)
        self._draw_goal(surface, view)
        draw_marks(self, surface, view, self.map_rect)
        self._draw_player(surface, view)
        self._draw_compass(surface)
        self._draw_legend(surface)

    LEGEND = (("fence", N_("a fence")), ("mines", N_("signs of mines")), ("post", N_("a guard post seen")),
              ("patrol", N_("a patrol seen")), ("heard", N_("the guards heard you")), ("shots", N_("shots")))

    def _draw_legend(self, surface) -> None:
        """The key to the map's marks, at the map's top right (under the compass' row)."""
        if self.end_timer is not None or self.legend.open:
            return
        kinds = {line.entry.mark for line in self.narrator.marks(self.sim.events(0))}
        items = [(k, w) for k, w in self.LEGEND if k in kinds or k in ("fence", "mines")]
        # Below the map key's button and scale bar, so neither covers the other.
        top = self.legend.button_rect(self.map_rect).bottom + 8
        draw_legend(surface, self.theme, items, (self.map_rect.right - 8, top), "topright")

    @classmethod
    def prepare_assets(cls, world, app) -> None:
        from ..world.render import map_picture
        from .dmz.view import grade_ahead

        grade_ahead(map_picture(world), app.settings.high_contrast)

    def _night_map(self, view) -> pygame.Surface:
        key = (id(view.base), self.app.settings.high_contrast)
        if key != self._night_key or self._night is None:
            self._night_key = key
            self._night = night_grade(view.base, self.app.settings.high_contrast)
            view.paint_signals(self._night)  # fences, mines, the line: full colour at night
        return self._night

    def _draw_ground(self, surface, view) -> None:
        """The map, your trail and the fog veil.

        The ground is the night's picture of the map, lightening to the day's
        as the model's light rises through dawn; it is kept with a margin and
        rebuilt only when the camera nears the margin's edge or the light has
        changed. The veil follows the fog's visibility field and is remade each
        step (with reduced motion, every fifth step); between remakes it moves
        with the camera.
        """
        st = self.app.settings
        r = self.map_rect
        tp = view.tile_px
        cx, cy = view.center
        light = float(self.state.extra["light"])
        key = (self.zoom_i, r.size, st.high_contrast, round(light * LIGHT_LEVELS))
        moved = self._ground is None or max(abs(self._ground_center[0] - cx), abs(self._ground_center[1] - cy)) * tp > GROUND_MARGIN - 8
        if key != self._ground_key or moved:
            m = GROUND_MARGIN
            img = pygame.Surface((r.width + 2 * m, r.height + 2 * m))
            img.fill(self.theme.background)
            inner = pygame.Rect(m, m, *r.size)
            level = key[-1] / LIGHT_LEVELS
            if level < 1.0:
                blit_map_region(self._night_map(view), img, view, inner)
            if level > 0.0:
                blit_map_region(view.base, img, view, inner, int(round(255 * level)))
            self._ground, self._ground_key, self._ground_center = img, key, (cx, cy)
        gx, gy = self._ground_center
        surface.blit(self._ground, (r.x + round((gx - cx) * tp) - GROUND_MARGIN, r.y + round((gy - cy) * tp) - GROUND_MARGIN))
        self._draw_trail(surface, view)
        every = 5 if st.reduced_motion else 1
        vkey = (self.state.step // every, self.zoom_i, r.size, id(self.sim), st.high_contrast)
        if vkey != self._veil_key or self._veil is None:
            m = VEIL_STEP_PX
            self._veil = self._make_veil(view, pygame.Rect(m, m, *r.size), (r.width + 2 * m, r.height + 2 * m))
            self._veil_key, self._veil_center = vkey, (cx, cy)
        bx, by = self._veil_center
        surface.blit(self._veil, (r.x + round((bx - cx) * tp) - VEIL_STEP_PX, r.y + round((by - cy) * tp) - VEIL_STEP_PX))

    def _draw_trail(self, surface, view) -> None:
        """Where you have walked, up to where you are now (under the fog's veil)."""
        j = self.sim.journey
        if self._trail_n != len(j):
            self._trail_n = len(j)
            stride = max(1, len(j) // 400)
            pts = [(s.x, s.y) for s in j[::stride]] + [(j[-1].x, j[-1].y)]
            self._trail_xy = np.array(pts, float)
        pts = np.vstack([self._trail_xy, np.array([self._display_player()])])
        cx, cy = view.center
        r = self.map_rect
        sx = np.rint(r.centerx + (pts[:, 0] - cx) * view.tile_px).astype(int)
        sy = np.rint(r.centery + (pts[:, 1] - cy) * view.tile_px).astype(int)
        if len(sx) > 1:
            pygame.draw.lines(surface, self._trail_color(), False, list(zip(sx.tolist(), sy.tolist())), 2)

    def _visible_guards(self):
        """Guards the player could see now: closer than the fog and the dark allow."""
        return self.model.guards_in_sight(self.state)[0]

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
            pygame.draw.circle(surface, (0, 0, 0), (sx, sy), 10)
            pygame.draw.circle(surface, (70, 76, 60), (sx, sy), 8)
            pygame.draw.circle(surface, ring, (sx, sy), 10, 3)

    def _make_veil(self, view, inner: pygame.Rect, size: tuple[int, int]) -> pygame.Surface:
        """The fog veil for a picture of ``size`` whose map area is ``inner``.

        Opacity follows the fog's thickness at each point (from the model's
        visibility field, bilinear in log visibility: no seams), and rises
        from VEIL_NEAR within about the visibility around you to VEIL_FAR
        beyond it, so the ground still reads where you cannot see.
        """
        e, m = self.state.extra, self.model
        p = m.params
        iw, ih = size
        cols, rows = iw // VEIL_STEP_PX + 1, ih // VEIL_STEP_PX + 1
        sx = (np.arange(cols) + 0.5) * (iw / cols)  # sample centres, in picture pixels
        sy = (np.arange(rows) + 0.5) * (ih / rows)
        cx, cy = view.center
        wx = cx + (sx - inner.centerx) / view.tile_px
        wy = cy + (sy - inner.centery) / view.tile_px
        WX, WY = np.meshgrid(wx, wy)
        grid = e["fog_grid"] if e.get("fog_grid") is not None else m.fog_grid(self.state)
        fy = np.clip(WY / m.fog_cell - 0.5, 0, grid.shape[0] - 1.001)
        fx = np.clip(WX / m.fog_cell - 0.5, 0, grid.shape[1] - 1.001)
        i0, j0 = fy.astype(int), fx.astype(int)
        ty, tx = fy - i0, fx - j0
        lg = np.log(grid)
        i1, j1 = np.minimum(i0 + 1, grid.shape[0] - 1), np.minimum(j0 + 1, grid.shape[1] - 1)
        top = lg[i0, j0] * (1 - tx) + lg[i0, j1] * tx
        bottom = lg[i1, j0] * (1 - tx) + lg[i1, j1] * tx
        log_vis = top * (1 - ty) + bottom * ty
        vis = np.exp(log_vis)
        # thickness: 0 in clear air, 1 in dense fog (log scale between the two)
        clear, dense = p["clear_visibility_m"], p["dense_fog_m"]
        thick = np.clip((np.log(clear) - log_vis) / np.log(clear / dense), 0.0, 1.0)
        px, py = self._display_player()
        d = np.hypot(WX - px, WY - py) * m.mpt
        far = VEIL_FAR * (0.8 if self.app.settings.high_contrast else 1.0)
        # slow wisps drift through the far veil (still with reduced motion): game.world.render
        phase = 0.0 if self.app.settings.reduced_motion else self.state.step * VEIL_DRIFT
        alpha = veil_opacity(d, vis, thick, VEIL_NEAR, far, VEIL_EDGE, veil_wisps(WX, WY, phase)) * 255
        light = float(e["light"])
        colour = tuple(int(a + (b - a) * light) for a, b in zip(FOG_NIGHT, FOG_DAY))
        return alpha_overlay(alpha, colour, size)

    def _draw_line(self, surface, view) -> None:
        """The line (the MDL), dashed in the markers' yellow over the fog: the soldier knows where it runs."""
        r = self.map_rect
        _x, y = view.world_to_screen(r, 0, self.model.mdl_y)
        if not (r.top - 4 <= y <= r.bottom + 4):
            return
        colour = OKABE_ITO["yellow"]
        x0, _y = view.world_to_screen(r, 0, 0)
        dash = 14
        start = r.x + ((x0 - r.x) % (2 * dash)) - 2 * dash
        for x in range(start, r.right, 2 * dash):
            pygame.draw.line(surface, (0, 0, 0), (x, y + 1), (x + dash, y + 1), 4)
            pygame.draw.line(surface, colour, (x, y), (x + dash, y), 2)
        key = ("line", fonts.get_scale(), self.app.settings.language)
        label = self._overlay_cache.get(key)
        if label is None:
            label = self._overlay_cache[key] = self._label(_("The line"), colour)
        w, h = label.get_size()
        xs = (r.x + 8, self.compass_rect.right + 8, self.dpad.rect.right + 8, r.centerx - w // 2, r.right - w - 8)
        spots = tuple((x, y - h - 4) for x in xs) + tuple((x, y + 6) for x in xs)
        box = self.label_board.put(labels.Label("line", (r.x, y), (w, h), spots=spots))
        if box is not None:
            surface.blit(label, box)

    def _label_board(self, view) -> labels.Board:
        """Where this frame's map labels may go: clear of the compass, the pad, the
        key hint, the map's key and scale bar, and you."""
        px, py = view.world_to_screen(self.map_rect, *self._display_player())
        keep = [self.compass_rect, self.dpad.rect, self.hint_rect, pygame.Rect(px - 20, py - 20, 40, 40)]
        return labels.Board(self.map_rect.inflate(-8, -8), keep + self.legend.rects(self.map_rect, (px, py)))

    def _label(self, text: str, colour) -> pygame.Surface:
        """Small text on a dark plate, readable over any ground."""
        f = fonts.font("small", True)
        img = f.render(text, True, colour)
        plate = pygame.Surface((img.get_width() + 12, img.get_height() + 4), pygame.SRCALPHA)
        plate.fill((0, 0, 0, 200 if self.app.settings.high_contrast else 150))
        plate.blit(img, (6, 2))
        return plate

    def _goal_box(self) -> tuple[float, float, float, float]:
        """The South's post and the ground in front of it that counts as reaching it (tiles)."""
        if getattr(self, "_goal_box_cache", None) is None:
            gx0, gy0, gx1, gy1 = self.model.goal
            for o in self.world.objects_of("guard_post"):
                if o.properties.get("side") == "south":
                    gx0, gy0 = min(gx0, o.x), min(gy0, o.y)
                    gx1, gy1 = max(gx1, o.x + o.width), max(gy1, o.y + o.height)
            self._goal_box_cache = (gx0, gy0, gx1, gy1)
        return self._goal_box_cache

    def goal_distance_m(self) -> float:
        gx0, gy0, gx1, gy1 = self.model.goal
        return math.hypot((gx0 + gx1) / 2 - float(self.state.x[0]), (gy0 + gy1) / 2 - float(self.state.y[0])) * self.model.mpt

    def _draw_goal(self, surface, view) -> None:
        """Where the South's post is and how far: a label on it when it is on the map, else an arrow at the map's edge."""
        gx0, gy0, gx1, gy1 = self._goal_box()
        gx, gy = (gx0 + gx1) / 2, (gy0 + gy1) / 2
        r = self.map_rect
        sx, sy = view.world_to_screen(r, gx, gy)
        px, py = view.world_to_screen(r, *self._display_player())
        hc = self.app.settings.high_contrast
        colour = OKABE_ITO["yellow"] if hc else OKABE_ITO["sky_blue"]
        km = self.goal_distance_m() / 1000.0
        text = _("The South's post, {km:.1f} km").format(km=km) if km >= 0.1 else _("The South's post")
        key = ("goal", text, fonts.get_scale(), hc, self.app.settings.language)
        label = self._overlay_cache.get(key)
        if label is None:
            if len(self._overlay_cache) > 40:
                self._overlay_cache.clear()
            label = self._overlay_cache[key] = self._label(text, colour)
        # keep clear of the compass, the direction pad and the key hint
        free = pygame.Rect(r.x, r.y, r.width, self.dpad.rect.top - 8 - r.y)
        inset = free.inflate(-2 * 36, -2 * 36)
        if inset.collidepoint(sx, sy):
            a = view.world_to_screen(r, gx0, gy0)
            b = view.world_to_screen(r, gx1, gy1)
            box = pygame.Rect(a, (b[0] - a[0], b[1] - a[1])).inflate(12, 12)
            pygame.draw.rect(surface, (0, 0, 0), box, 5, border_radius=8)
            pygame.draw.rect(surface, colour, box, 3, border_radius=8)
            lw, lh = label.get_size()
            lx = min(max(r.x + 4, box.centerx - lw // 2), r.right - lw - 4)
            spots = ((lx, box.bottom + 6), (lx, box.top - 6 - lh), (box.right + 6, box.centery - lh // 2), (box.x - 6 - lw, box.centery - lh // 2))
            placed = self.label_board.put(labels.Label("goal", box.center, (lw, lh), spots=spots))
            if placed is not None:
                surface.blit(label, placed)
            return
        # off the map: an arrow on the edge, on the way from you to the post
        vx, vy = sx - px, sy - py
        n = math.hypot(vx, vy) or 1.0
        ux, uy = vx / n, vy / n
        t = min((inset.right - px) / ux if ux > 0 else ((inset.left - px) / ux if ux < 0 else 1e9),
                (inset.bottom - py) / uy if uy > 0 else ((inset.top - py) / uy if uy < 0 else 1e9))
        ax, ay = px + ux * t, py + uy * t
        tip = (ax + ux * 22, ay + uy * 22)
        left = (ax - uy * 15, ay + ux * 15)
        right = (ax + uy * 15, ay - ux * 15)
        pygame.draw.polygon(surface, (0, 0, 0), (tip, left, right))
        pygame.draw.polygon(surface, colour, (tip, left, right), 0)
        pygame.draw.polygon(surface, (0, 0, 0), (tip, left, right), 2)
        lw, lh = label.get_size()
        lx = min(max(r.x + 4, ax - lw // 2 - ux * (lw // 2 + 8)), r.right - lw - 4)
        ly = min(max(r.y + 4, ay - lh // 2 - uy * (lh // 2 + 18)), free.bottom - lh - 4)
        spots = ((lx, ly), (lx, ly - lh - 8), (lx, ly + lh + 8), (lx - lw // 2 - 8, ly), (lx + lw // 2 + 8, ly))
        placed = self.label_board.put(labels.Label("goal", (ax, ay), (lw, lh), spots=spots))
        if placed is not None:
            surface.blit(label, placed)

    @property
    def compass_rect(self) -> pygame.Rect:
        size = round(60 * (1.0 + (fonts.get_scale() - 1.0) * 0.5))
        return pygame.Rect(self.map_rect.x + 10, self.map_rect.y + 10, size, size)

    def _draw_compass(self, surface) -> None:
        """A small compass: north is up, the South (your goal) down, in the South's blue."""
        hc = self.app.settings.high_contrast
        key = ("compass", fonts.get_scale(), hc, self.app.settings.language)
        img = self._overlay_cache.get(key)
        if img is None:
            c = self.compass_rect
            img = pygame.Surface(c.size, pygame.SRCALPHA)
            r = c.width // 2
            pygame.draw.circle(img, (0, 0, 0, 210 if hc else 150), (r, r), r)
            pygame.draw.circle(img, (255, 255, 255) if hc else (170, 180, 195), (r, r), r, 2)
            south = OKABE_ITO["yellow"] if hc else OKABE_ITO["sky_blue"]
            grow = 1.0 + (fonts.get_scale() - 1.0) * 0.5
            f = fonts.font_px(round(12 * grow), True)
            k = round(12 * grow)
            pygame.draw.polygon(img, (200, 205, 215), ((r, k), (r - 7, r), (r + 7, r)))
            pygame.draw.polygon(img, south, ((r, c.height - k), (r - 7, r), (r + 7, r)))
            n = f.render(_("N"), True, (230, 230, 235))
            s = f.render(_("S"), True, south)
            img.blit(n, (r - n.get_width() // 2, -1))
            img.blit(s, (r - s.get_width() // 2, c.height - s.get_height() + 1))
            self._overlay_cache[key] = img
        surface.blit(img, self.compass_rect.topleft)

    def _draw_player(self, surface, view) -> None:
        px, py = self._display_player()
        sx, sy = view.world_to_screen(self.map_rect, px, py)
        hc = self.app.settings.high_contrast
        fill = (245, 245, 240)
        if self._climbing():
            pygame.draw.rect(surface, (0, 0, 0), (sx - 8, sy - 14, 16, 24), border_radius=5)
            pygame.draw.rect(surface, fill, (sx - 6, sy - 12, 12, 20), border_radius=4)
        elif self.pace == "crawl" or self.waiting:
            pygame.draw.ellipse(surface, (0, 0, 0), (sx - 12, sy - 7, 24, 14))
            pygame.draw.ellipse(surface, fill, (sx - 10, sy - 5, 20, 10))
        else:
            pygame.draw.circle(surface, (0, 0, 0), (sx, sy), 11)
            pygame.draw.circle(surface, fill, (sx, sy), 8)
        # a ring round you, so you are found at a glance on any ground
        pygame.draw.circle(surface, (0, 0, 0), (sx, sy), 17, 5)
        pygame.draw.circle(surface, OKABE_ITO["yellow"] if hc else self._trail_color(), (sx, sy), 16, 3)

    def panel_state(self) -> tuple:
        return self.climb_request, self.at_fence, self.turn_back

    def draw_header(self, img: pygame.Surface) -> None:
        ft = fonts.font("large", True)
        draw_text(img, ft, self.clock_text() + " · " + self.light_text(), (PAD, PAD), self.theme.text, self.head_w)
