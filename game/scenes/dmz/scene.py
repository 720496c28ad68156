"""``DmzPlayBase``: the play screen the two DMZ journeys (fog and JSA) are
built on: the panel and its buttons, moving by keys, pad, touch and tapping
the map, the help, the camera, the ending (the buttons, the d-pad and the
help come from ``game.ui.hud``). Every control has a key; every button is
at least 48 px; text wraps at any text size.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from ...i18n import N_, _
from ...ui import fonts
from ...ui.theme import OKABE_ITO
from ...narrator import Narrator
from ...ui.hud import GAP, DPad, HudButton, StatusBox, draw_button, help_overlay, layout_rows
from ..base import MENU_CORNER, H, W
from ..play_base import PlayBase
from .actions import PACES, Walker
from .layout import PAD, START_ZOOM_I, ZOOMS, map_and_panel
from .view import alpha_overlay, draw_ending_top, draw_map_hint, place_help_button

PACE_NAMES = {"crawl": N_("Crawl"), "walk": N_("Walk"), "run": N_("Run")}


# ----------------------------------------------------------------- the play screen


class DmzPlayBase(PlayBase):
    """The play screen both DMZ scenes are built on.

    The map on the left, centred on you; a panel on the right with a header,
    rows of buttons and scrolling status lines; a direction pad and a key
    hint on the map. You move by held keys or stick, the on-screen pad, or a
    tap on the map; pick a pace (crawl, walk, run), lie still (the model's
    ``wait``), change the time's speed and the zoom, open the help.

    A scene fills in: ``speed_text``, ``scenario_buttons`` (between the paces
    and the time), ``BUTTON_ROWS``, ``layout_header``/``draw_header``,
    ``draw_map``, ``status_lines``, ``_positions`` (the
    player first, for smooth drawing between steps), and the model's action.
    """

    SPEEDS: tuple[float, ...] = (1.0,)
    FELT_WORDS: tuple[str, ...] = ()
    BUTTON_ROWS: list[list[str]] = []
    ARRIVE_TILES = 0.15  # a tapped target counts as reached this close (tiles)
    JUMP_TILES = math.inf  # a move longer than this between steps is drawn as a jump, not a slide
    KEYS = {pygame.K_1: "crawl", pygame.K_2: "walk", pygame.K_3: "run", pygame.K_x: "speed", pygame.K_z: "zoom"}

    def __init__(self, app, scenario, preset: str, seed: int, overrides: dict[str, float] | None = None):
        self.walker = Walker()  # the pace, lying still (the model's "wait"), a tapped target
        super().__init__(app, scenario, preset, seed, overrides)
        self.speed_i = 0
        self.zoom_i = START_ZOOM_I
        self.focus = -1  # the panel button chosen by Tab or pad X/Y; -1: none
        self.dpad = DPad()
        self.pad_finger = False
        self.status = StatusBox()
        self.hint_rect = pygame.Rect(0, 0, 0, 0)  # the key hint on the map: a tap opens the help too
        self._ending_bottom: int | None = None
        # the settings that hide gunfire also soften its words here
        self.narrator = Narrator(scenario, self.values, gentle=not app.settings.show_gunfire_scenarios)
        self.told = 0  # events already told
        self._view = None
        self._panel_key = None
        self._panel_img: pygame.Surface | None = None

    # ------------------------------------------------------------ choices
    def _make_buttons(self) -> dict[str, HudButton]:
        b = {}
        for p in PACES:
            b[p] = HudButton(p, lambda p=p: _(PACE_NAMES[p]), lambda p=p: self.set_pace(p), lambda p=p: self.pace == p)
        b.update(self.scenario_buttons())
        b["speed"] = HudButton("speed", self.speed_text, self.cycle_speed)
        b["zoom"] = HudButton("zoom", lambda: _("Zoom: {n}").format(n=self.zoom_i + 1), self.cycle_zoom)
        b["help"] = HudButton("help", lambda: _("Help"), self.open_help)
        return b

    def scenario_buttons(self) -> dict[str, HudButton]:
        return {}

    def speed_text(self) -> str:
        return _("Time: {n}x").format(n=int(self.SPEEDS[self.speed_i]))

    def open_help(self) -> None:
        # a finger on the pad would stay "held" under the overlay: let go of it
        self.app.input.screen_pad = (0, 0)
        self.pad_finger = False
        self.dpad.pressed = (0, 0)
        self.app.push(help_overlay(self.app, self.scenario))

    def set_pace(self, pace: str) -> None:
        self.pace = pace
        self.waiting = False

    def toggle_wait(self) -> None:
        self.waiting = not self.waiting
        if self.waiting:
            self.target = None

    def cycle_speed(self) -> None:
        self.speed_i = (self.speed_i + 1) % len(self.SPEEDS)

    def cycle_zoom(self) -> None:
        self.zoom_i = (self.zoom_i + 1) % len(ZOOMS)

    def in_control(self) -> bool:
        """Whether the player acts now (the direction pad and the felt-danger edge show only then)."""
        return True

    # The control state lives in a Walker (game/scenes/dmz/actions.py, no pygame): the
    # scene's pace, lying still and tapped target are its fields.
    pace = property(lambda self: self.walker.pace, lambda self, v: setattr(self.walker, "pace", v))
    waiting = property(lambda self: self.walker.waiting, lambda self, v: setattr(self.walker, "waiting", v))
    target = property(lambda self: self.walker.target, lambda self, v: setattr(self.walker, "target", v))

    def _pos(self) -> tuple[float, float]:
        return float(self.state.x[0]), float(self.state.y[0])

    def _direction(self) -> tuple[float, float]:
        """Where the player wants to go: held keys, pad or touch pad; else the tapped target."""
        return self.walker.direction(self.app.input.direction(), self._pos(), self.ARRIVE_TILES)

    def _move(self) -> tuple[float, float]:
        """This step's direction (a held direction drops the target and gets you up)."""
        return self.walker.move(self.app.input.direction(), self._pos(), self.ARRIVE_TILES)

    # ------------------------------------------------------------ input
    def handle_first(self, intent) -> bool | None:
        """A scene's own say before the controls (True/False: handled or not; None: go on)."""
        return None

    def confirm_unfocused(self) -> None:
        """Enter or pad A with no button chosen: the next pace."""
        self.set_pace(self.walker.next_pace())

    def handle_play(self, intent) -> bool:
        kind = intent.kind
        if kind == "key" and intent.key in (pygame.K_h, pygame.K_F1):  # the help opens over anything
            self.open_help()
            return True
        if self.status.handle(intent, pygame.mouse.get_pos() if kind == "scroll" else None):
            self._panel_key = None
            return True
        first = self.handle_first(intent)
        if first is not None:
            return first
        if kind == "key" and intent.key in self.KEYS:
            self.buttons[self.KEYS[intent.key]].action()
            return True
        if kind == "next":
            self.focus = (self.focus + 1) % len(self.order)
            return True
        if kind == "confirm":
            if 0 <= self.focus < len(self.order):
                self.buttons[self.order[self.focus]].action()
            else:
                self.confirm_unfocused()
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
            if self.hint_rect.collidepoint(intent.pos):
                self.open_help()
                return True
            for i, k in enumerate(self.order):
                b = self.buttons[k]
                if b.rect.collidepoint(intent.pos):
                    self.focus = -1 if intent.touch else i
                    b.action()
                    return True
            on_key = self.legend.button_rect(self.map_rect).collidepoint(intent.pos)  # the map key's button, not the map
            if self.map_rect.collidepoint(intent.pos) and not MENU_CORNER.collidepoint(intent.pos) and not on_key:
                wx, wy = self.view().screen_to_world(self.map_rect, *intent.pos)
                self.target = (min(max(wx, 0.05), self.model.W - 0.05), min(max(wy, 0.05), self.model.H - 0.05))
                self.waiting = False
                return True
        if kind == "scroll":
            self.zoom_i = max(0, min(len(ZOOMS) - 1, self.zoom_i + (1 if intent.amount > 0 else -1)))
            return True
        return False

    def on_exit(self) -> None:
        self.app.input.screen_pad = (0, 0)
        self.app.audio.stop("wind")

    # ------------------------------------------------------------ time
    def step_once(self) -> None:
        self._prev = self._positions()
        super().step_once()

    def _positions(self):
        """(x, y, ...) of what moves, before a step: drawn sliding towards where it is now."""
        s = self.state
        return float(s.x[0]), float(s.y[0])

    # ------------------------------------------------------------ text
    def felt_level(self) -> int:
        """The felt-danger hint in four steps (0..3)."""
        return int(round(float(self.model.felt_danger(self.state)[0]) * 3))

    def status_lines(self) -> list[tuple[str, str]]:
        return []

    # ------------------------------------------------------------ layout
    def relayout(self) -> None:
        self.map_rect, self.panel = (pygame.Rect(r) for r in map_and_panel(W, H, fonts.get_scale()))
        self._panel_key = None
        self._layout()

    def _layout(self) -> None:
        """The header (the scene's, and Help), the rows of buttons, and the status lines below them."""
        x, w = self.panel.x + PAD, self.panel.width - 2 * PAD
        help_b = self.buttons["help"]
        place_help_button(help_b)
        self.head_w = help_b.rect.x - GAP - x
        top = self.layout_header(x, w, help_b)
        self.buttons_bottom = layout_rows(self.buttons, self.BUTTON_ROWS, x, top, w)
        self.status.rect = pygame.Rect(x, self.buttons_bottom + 2, w, H - PAD - self.buttons_bottom - 2)
        self.dpad.place(self.map_rect.x + 16, self.map_rect.bottom - 16)

    def layout_header(self, x: int, w: int, help_b: HudButton) -> int:
        """Lay out the header left of the Help button; returns where the buttons start."""
        return help_b.rect.bottom + GAP

    @property
    def caption_area(self) -> pygame.Rect:
        """Captions keep to the map above the direction pad, or below the ending's words."""
        if self.end_timer is not None and self._ending_bottom is not None:
            top = min(self._ending_bottom + 8, H - 160)
            return pygame.Rect(0, top, W, H - top)
        return pygame.Rect(self.map_rect.x, 0, self.map_rect.width, self.dpad.rect.top - 8)

    def draw_ending(self, surface: pygame.Surface) -> None:
        self._ending_bottom = draw_ending_top(self, surface)

    # ------------------------------------------------------------ drawing
    def view(self):
        if self._view is None:
            from ...world.render import MapView

            self._view = MapView(self.world)
        v = self._view
        v.zoom = ZOOMS[self.zoom_i]
        v.center = self._display_player()
        v.clamp_center(self.map_rect)
        return v

    def _frac(self) -> float:
        """How far the clock is between the last step and the next (0..1)."""
        if self.end_timer is not None or self.paused:
            return 1.0
        return max(0.0, min(1.0, self._acc))

    def _display_player(self) -> tuple[float, float]:
        t = self._frac()
        x0, y0 = self._prev[0], self._prev[1]
        x1, y1 = float(self.state.x[0]), float(self.state.y[0])
        if abs(x1 - x0) + abs(y1 - y0) > self.JUMP_TILES:  # no sliding
            return x1, y1
        return x0 + (x1 - x0) * t, y0 + (y1 - y0) * t

    def draw_play(self, surface: pygame.Surface) -> None:
        surface.fill(self.theme.background)
        view = self.view()
        clip = surface.get_clip()
        surface.set_clip(self.map_rect)
        self.draw_map(surface, view)
        self._draw_felt_edge(surface)
        hc = self.app.settings.high_contrast
        if self.in_control():
            self.dpad.draw(surface, self.theme, hc)
        self.hint_rect = draw_map_hint(surface, self.map_rect, self.dpad.rect.right, hc)
        surface.set_clip(clip)
        self._draw_panel(surface)

    def legend_focus(self) -> tuple[int, int]:  # the map's key opens away from you
        return self.view().world_to_screen(self.map_rect, *self._display_player())

    def metres_per_px(self) -> float:
        return self.model.mpt / self.view().tile_px

    def draw_map(self, surface: pygame.Surface, view) -> None:
        """The scene's map and what is on it (clipped to the map)."""
        view.draw(surface, self.map_rect)

    def new_lines(self) -> list:
        """The narrator's lines for the events since the last call."""
        events = self.sim.events(0)
        lines = self.narrator.lines(events[self.told:])
        self.told = len(events)
        return lines

    def _trail_color(self):
        return OKABE_ITO["sky_blue"] if not self.app.settings.high_contrast else OKABE_ITO["yellow"]

    def _draw_target(self, surface, view) -> None:
        if self.target is None:
            return
        sx, sy = view.world_to_screen(self.map_rect, *self.target)
        c = self._trail_color()
        pygame.draw.circle(surface, c, (sx, sy), 10, 2)
        pygame.draw.line(surface, c, (sx - 5, sy), (sx + 5, sy), 2)
        pygame.draw.line(surface, c, (sx, sy - 5), (sx, sy + 5), 2)

    def _draw_felt_edge(self, surface) -> None:
        """A red glow at the map's edges when the felt danger is high (a setting)."""
        if not self.app.settings.felt_danger_hint or not self.in_control():
            return
        level = self.felt_level()
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

    def panel_state(self) -> tuple:
        """The scene's choices the panel shows, beyond those here (the panel is redrawn when they change)."""
        return ()

    def _draw_panel(self, surface) -> None:
        st = self.app.settings
        key = (self.state.step, id(self.sim), self.pace, self.waiting, self.panel_state(), self.speed_i, self.zoom_i,
               self.focus, fonts.get_scale(), st.high_contrast, st.felt_danger_hint, st.language, self.panel.size,
               self.status.offset)
        # A new step alone may wait its turn (PlayBase.heavy_turn); anything else redraws now.
        if self._panel_img is None or self.remake_now(key, self._panel_key, "panel"):
            self._panel_key = key
            self._layout()
            img = pygame.Surface(self.panel.size)
            self._draw_panel_now(img, -self.panel.x)
            self._panel_img = img
        surface.blit(self._panel_img, self.panel.topleft)

    def draw_header(self, img: pygame.Surface) -> None:
        """The header in the panel's picture ``img`` (panel coordinates)."""

    def _draw_panel_now(self, img: pygame.Surface, ox: int) -> None:
        t = self.theme
        img.fill(t.panel)
        pygame.draw.line(img, t.panel_edge, (0, 0), (0, H), 2)
        self.draw_header(img)
        hc = self.app.settings.high_contrast
        for i, k in enumerate(self.order):
            b = self.buttons[k]
            r = b.rect
            b.rect = r.move(ox, 0)  # buttons know their place on screen; the picture starts at the panel
            draw_button(img, t, hc, b, i == self.focus)
            b.rect = r
        colors = {"text": t.text, "dim": t.text_dim, "warning": t.warning, "danger": t.danger}
        self.status_rects = self.status.draw(img, ox, self.status_lines(), colors, t)
