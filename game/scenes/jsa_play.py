"""The JSA dash: the play screen.

The last stretch of road at Panmunjom from above. The jeep drives itself
down to the ditch where its wheel sticks; then you choose when to get out,
which way to run and how fast, while your pursuers close in. Shots and wounds
are told in words only: no blood, no injuries, no death shown. One simulation
step is half a second; at 1x the screen runs in real time.

Controls (every one by keys, mouse, touch and gamepad):
  Arrows / WASD / pad stick or d-pad   move (hold); or tap / click the map to run there;
                                       on a touch screen, the direction pad
  1 / 2 / 3                            crawl / walk / run
  Q                                    stay down (toggle)
  X                                    time: 1x or slow (0.5x)
  Z, mouse wheel over the map          zoom
  H or F1, the Help button             every control, in an overlay
  Tab / pad X or Y, then Enter / pad A move between the buttons and press one
  Enter / pad A (no button chosen)     go on after a notice; otherwise change pace
  Page Up / Page Down, wheel, drag     scroll the status lines when they do not fit
  Escape / P / pad Start               the menu
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pygame

from ..i18n import N_, _
from ..sim.jsa import DRIVING, ON_FOOT, STUCK
from ..ui import fonts
from ..ui.text import draw_text, fit_text, line_height, wrap
from ..ui.theme import OKABE_ITO
from .base import MENU_CORNER
from .story import draw_marks
from ..ui.hud import GAP, HudButton
from .dmz.actions import jsa_action
from .dmz.layout import PAD, START_ZOOM_I, ZOOMS
from .dmz.scene import DmzPlayBase

SPEEDS = (1.0, 0.5)
FELT_WORDS = (N_("Nobody has a clear shot at you."), N_("You feel exposed."), N_("You are in their sights."),
              N_("You are in the open, close to them."))
DRIVE_SPEED = 2.0  # the drive itself is not a choice: it passes twice as fast


class PlayScene(DmzPlayBase):
    steps_per_second = 2.0  # half a second of game time a step: real time at 1x
    SPEEDS = SPEEDS
    FELT_WORDS = FELT_WORDS
    BUTTON_ROWS = [["crawl", "walk", "run"], ["down"], ["speed", "zoom"]]
    ARRIVE_TILES = 0.3
    KEYS = {**DmzPlayBase.KEYS, pygame.K_q: "down"}

    def __init__(self, app, scenario, preset: str, seed: int, overrides: dict[str, float] | None = None):
        super().__init__(app, scenario, preset, seed, overrides)
        self.pace = "run"
        self.notice: str | None = None
        self._held_captions: list = []
        self._prev = self._positions()
        self.buttons = self._make_buttons()
        self.order = ["crawl", "walk", "run", "down", "speed", "zoom", "help"]
        self.relayout()

    # ------------------------------------------------------------ choices
    def scenario_buttons(self) -> dict[str, HudButton]:
        return {"down": HudButton("down", lambda: _("Stay down"), self.toggle_wait, lambda: self.waiting)}

    def speed_text(self) -> str:
        return _("Time: 1x") if self.speed_i == 0 else _("Time: slow")

    def phase(self) -> int:
        return int(self.state.extra["phase"][0])

    def in_control(self) -> bool:
        return self.phase() != DRIVING

    def player_action(self) -> dict[str, Any]:
        return jsa_action(self._move(), self.pace, self.waiting)

    # ------------------------------------------------------------ input
    def handle_first(self, intent) -> bool | None:
        """A notice waits for you: it takes every input but the help, the status lines and the menu."""
        if self.notice is None:
            return None
        kind = intent.kind
        if kind == "confirm" or (kind == "pointer_up" and self._notice_rect().collidepoint(intent.pos)):
            self.dismiss_notice()
            return True
        if kind in ("pointer_up", "pointer_down"):
            return True
        return kind not in ("back", "menu")

    def dismiss_notice(self) -> None:
        self.notice = None
        self.paused = False
        self.app.captions = self._held_captions + self.app.captions
        self._held_captions = []

    @classmethod
    def prepare_assets(cls, world, app) -> None:
        """The whole map at the first zoom (the view blits it whole: a smoothscale of the picture)."""
        from ..world.render import map_picture, scale_ahead

        scale_ahead(map_picture(world), ZOOMS[START_ZOOM_I])

    @classmethod
    def ambient(cls, seed: int):
        from .. import synth

        return [("wind", synth.made("wind", seconds=8.0, seed=seed % 1000 + 7, gust_hz=0.2, peak=0.25), 0.2)]

    def on_enter(self) -> None:
        self.play_ambient()
        if not self.autoplay:
            self.app.caption(_("You drive towards the line. Soldiers of your own side are running after you."), 5.0)

    # ------------------------------------------------------------ time
    def update(self, dt: float) -> None:
        self.speed = DRIVE_SPEED if self.phase() == DRIVING else SPEEDS[self.speed_i]
        super().update(dt)

    def _positions(self):
        s, e = self.state, self.state.extra
        return float(s.x[0]), float(s.y[0]), e["pursuers_x"][0].copy(), e["pursuers_y"][0].copy()

    def on_step(self) -> None:
        # what happens, told by the narrator from the model's events; no wound is counted
        said = []
        for line in self.new_lines():
            if line.code == "stuck":
                metres = int(round((self.model.mdl_y - float(self.state.y[0])) * self.model.mpt / 5.0) * 5)
                if not self.autoplay:
                    # the notice says it in words; the game waits for you, and so do the captions
                    self.notice = _("The front wheel has stuck in a ditch. Your pursuers are coming. The line is about {m} m to the south: get out and run, or stay.").format(m=metres)
                    self.paused = True
                    self._held_captions = list(self.app.captions)
                    self.app.captions = []
                    continue
            if not line.entry.ends:
                said.append(line.text)
        if said:
            self.app.caption(" ".join(said), 4.0)  # one caption a step

    def on_finished(self) -> None:
        if self.notice is not None:
            self.dismiss_notice()
        self.app.captions.clear()  # the ending card says what happened and where
        self.app.audio.set_level("wind", 0.1)

    def ending_where(self) -> str:
        metres = int(round((float(self.state.y[0]) - self.model.mdl_y) * self.model.mpt))
        if metres >= 0:
            return _("It ended {m} m south of the line.").format(m=metres)
        return _("It ended {m} m north of the line.").format(m=-metres)

    # ------------------------------------------------------------ text
    def status_lines(self) -> list[tuple[str, str]]:
        e, m = self.state.extra, self.model
        lines: list[tuple[str, str]] = []
        ph = self.phase()
        if ph == DRIVING:
            lines.append(("text", _("You are driving towards the line.")))
        elif ph == STUCK:
            lines.append(("warning", _("You are in the stuck jeep.")))
        hits = int(e["hits"][0])
        if hits:
            lines.append(("danger", _("You are wounded.")))
            lines.append(("warning", _("You can move at {p}% of your speed.").format(p=int(round(100 * float(e["speed_factor"][0]))))))
        if self.app.settings.felt_danger_hint and ph != DRIVING:
            lines.append(self.felt_line())
        metres = (m.mdl_y - float(self.state.y[0])) * m.mpt
        if metres > 0:
            lines.append(("text", _("The line is {m} m to the south.").format(m=int(round(metres)))))
        else:
            lines.append(("text", _("You are {m} m past the line.").format(m=int(round(-metres)))))
        d = e["pursuers_x"][0] - float(self.state.x[0]), e["pursuers_y"][0] - float(self.state.y[0])
        nearest = float(np.min(np.hypot(*d))) * m.mpt if m.P else 0.0
        if ph != DRIVING and m.P:
            lines.append(("dim", _("The nearest pursuer is about {m} m away.").format(m=int(round(nearest / 5.0) * 5))))
        return lines

    # ------------------------------------------------------------ layout
    def layout_header(self, x: int, w: int, help_b: HudButton) -> int:
        """The clock, and below it what it counts (under Help when the clock's line is too short for it)."""
        ft, fs = fonts.font("large", True), fonts.font("small")
        y = max(PAD + line_height(ft), help_b.rect.bottom) + 2
        self.sub_y = y
        self.sub_w = w if y >= MENU_CORNER.bottom else self.head_w
        return y + len(wrap(fs, self.subtitle(), self.sub_w)) * line_height(fs) + GAP

    def subtitle(self) -> str:
        return _("Time since the checkpoint")

    def _notice_rect(self) -> pygame.Rect:
        fb, fs = fonts.font("body"), fonts.font("small")
        width = self.map_rect.width - 80
        lines = wrap(fb, self.notice or "", width - 32)
        more = wrap(fs, _("Tap here or press Enter to go on."), width - 32)
        h = len(lines) * line_height(fb) + len(more) * line_height(fs) + 36
        # at the map's top or bottom, whichever is away from you: the notice never covers you
        _px, py = self.view().world_to_screen(self.map_rect, *self._display_player())
        if py < self.map_rect.centery:
            return pygame.Rect(self.map_rect.x + 40, self.dpad.rect.top - 12 - h, width, h)
        return pygame.Rect(self.map_rect.x + 40, self.map_rect.y + 40, width, h)

    # ------------------------------------------------------------ drawing
    def draw_play(self, surface: pygame.Surface) -> None:
        super().draw_play(surface)
        if self.notice is not None and self.end_timer is None:
            self._draw_notice(surface)

    def draw_map(self, surface: pygame.Surface, view) -> None:
        view.draw(surface, self.map_rect)
        self._draw_mdl(surface, view)
        draw_marks(self, surface, view, self.map_rect)
        self._draw_trail(surface, view)
        self._draw_jeep(surface, view)
        self._draw_pursuers(surface, view)
        self._draw_target(surface, view)
        if self.phase() == ON_FOOT:
            self._draw_player(surface, view)

    def _draw_mdl(self, surface, view) -> None:
        """The line across the map: a broad yellow dash edged in black, named at the left."""
        r = self.map_rect
        _x, y = view.world_to_screen(r, 0, self.model.mdl_y)
        if not (r.top - 4 <= y <= r.bottom + 4):
            return
        colour = OKABE_ITO["yellow"]
        dash = 16
        for x in range(r.x, r.right, 2 * dash):
            pygame.draw.line(surface, (0, 0, 0), (x - 1, y), (x + dash + 1, y), 8)
            pygame.draw.line(surface, colour, (x, y), (x + dash, y), 4)
        f = fonts.font("small", True)
        label = f.render(_("The line"), True, colour)
        box = label.get_rect(bottomleft=(r.x + 12, y - 6))
        if box.top < r.top + 4:
            box.topleft = (r.x + 12, y + 8)
        pygame.draw.rect(surface, (0, 0, 0), box.inflate(10, 4), border_radius=4)
        surface.blit(label, box)

    def _draw_trail(self, surface, view) -> None:
        j = [s for s in self.sim.journey]
        if len(j) < 2 or self.phase() != ON_FOOT:
            return
        e = self.state.extra
        start = (float(e["jeep_x"][0]), float(e["jeep_y"][0]))
        pts = [view.world_to_screen(self.map_rect, *start)]
        pts += [view.world_to_screen(self.map_rect, s.x, s.y) for s in j if s.y > start[1] - 0.01 and abs(s.x - start[0]) + abs(s.y - start[1]) > 0.01]
        pts.append(view.world_to_screen(self.map_rect, *self._display_player()))
        if len(pts) > 1:
            pygame.draw.lines(surface, self._trail_color(), False, pts, 2)

    def _draw_jeep(self, surface, view) -> None:
        e = self.state.extra
        if self.phase() == DRIVING:
            jx, jy = self._display_player()
        else:
            jx, jy = float(e["jeep_x"][0]), float(e["jeep_y"][0])
        sx, sy = view.world_to_screen(self.map_rect, jx, jy)
        w, h = max(10, round(1.8 / self.model.mpt * view.tile_px)), max(18, round(4.0 / self.model.mpt * view.tile_px))
        body = pygame.Rect(0, 0, w, h)
        body.center = (sx, sy)
        pygame.draw.rect(surface, (0, 0, 0), body.inflate(4, 4), border_radius=4)
        pygame.draw.rect(surface, (86, 98, 70), body, border_radius=3)
        pygame.draw.rect(surface, (60, 70, 50), body.inflate(-w // 3, -h // 2), border_radius=2)
        if self.phase() != ON_FOOT:
            pygame.draw.circle(surface, (245, 245, 240), (sx, sy), max(4, w // 4))
        if self.app.settings.high_contrast:
            pygame.draw.rect(surface, OKABE_ITO["yellow"], body.inflate(8, 8), 3, border_radius=6)

    def _draw_pursuers(self, surface, view) -> None:
        if self.phase() == DRIVING:
            return
        t = self._frac()
        px0, py0 = self._prev[2], self._prev[3]
        e = self.state.extra
        px1, py1 = e["pursuers_x"][0], e["pursuers_y"][0]
        hc = self.app.settings.high_contrast
        ring = OKABE_ITO["yellow"] if hc else OKABE_ITO["vermillion"]
        r = max(6, round(0.6 / self.model.mpt * view.tile_px))
        for i in range(len(px1)):
            x = px0[i] + (px1[i] - px0[i]) * t
            y = py0[i] + (py1[i] - py0[i]) * t
            sx, sy = view.world_to_screen(self.map_rect, float(x), float(y))
            pygame.draw.circle(surface, (0, 0, 0), (sx, sy), r + 2)
            pygame.draw.circle(surface, (70, 76, 60), (sx, sy), r)
            pygame.draw.circle(surface, ring, (sx, sy), r + 2, 3 if hc else 2)

    def _draw_player(self, surface, view) -> None:
        sx, sy = view.world_to_screen(self.map_rect, *self._display_player())
        fill = (245, 245, 240)
        down = bool(self.state.extra["collapsed"][0]) or self.waiting or self.pace == "crawl"
        if down:
            pygame.draw.ellipse(surface, (0, 0, 0), (sx - 12, sy - 7, 24, 14))
            pygame.draw.ellipse(surface, fill, (sx - 10, sy - 5, 20, 10))
        else:
            pygame.draw.circle(surface, (0, 0, 0), (sx, sy), 11)
            pygame.draw.circle(surface, fill, (sx, sy), 8)
        if self.app.settings.high_contrast:
            pygame.draw.circle(surface, OKABE_ITO["yellow"], (sx, sy), 15, 3)

    def _draw_notice(self, surface) -> None:
        t = self.theme
        r = self._notice_rect()
        fb, fs = fonts.font("body"), fonts.font("small")
        pygame.draw.rect(surface, t.panel, r, border_radius=10)
        pygame.draw.rect(surface, t.warning, r, width=3, border_radius=10)
        y = r.y + 14 + draw_text(surface, fb, self.notice or "", (r.x + 16, r.y + 14), t.text, r.width - 32)
        draw_text(surface, fs, _("Tap here or press Enter to go on."), (r.x + 16, y + 4), t.text_dim, r.width - 32)

    def draw_header(self, img: pygame.Surface) -> None:
        t = self.theme
        ft, fs = fonts.font("large", True), fonts.font("small")
        seconds = float(self.state.hours[0]) * 3600.0
        head = "{m}:{s:02d}".format(m=int(seconds // 60), s=int(seconds) % 60)
        draw_text(img, ft, fit_text(ft, head, self.head_w), (PAD, PAD), t.text, self.head_w)
        draw_text(img, fs, self.subtitle(), (PAD, self.sub_y), t.text_dim, self.sub_w)
