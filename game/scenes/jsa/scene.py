"""The JSA dash: the play screen (thin: input -> action -> model step -> observation -> view).

The road down to the line at Panmunjom from above. The jeep drives itself;
the screen stops and asks at each decision (the hour, the duty book, the lookout, the road in,
the bridge, the turn by the monument, the checkpoint and a stop there, turned back: home or again after dark, the last stretch, the stuck jeep, the first
hit, across unhurt, wounded in cover), and on foot you choose your
way and your pace while your pursuers close in. Shots and wounds are told in
words only: no blood, no injuries, no death shown. One simulation step is
half a second; at 1x the screen runs in real time.

Controls (every one by keys, mouse, touch and gamepad):
  Arrows / WASD / pad stick or d-pad   move (hold); or tap / click the map to run there;
                                       on a touch screen, the direction pad
  1 / 2 / 3                            crawl / walk / run; in a question, its answers
  Q                                    stay down (toggle)
  F                                    in the jeep stuck in the ditch: try to rock it free (toggle;
                                       its button shows only there, in a place kept for it)
  X                                    time: 1x or slow (0.5x)
  Z, mouse wheel over the map          zoom
  H or F1, the Help button             every control, in an overlay
  Tab / pad X or Y, then Enter / pad A move between the buttons (or a question's answers) and press one
  Enter / pad A (no button chosen)     go on after a notice; otherwise change pace
  Page Up / Page Down, wheel, drag     scroll the status lines when they do not fit
  Escape / P / pad Start               the menu
"""

from __future__ import annotations

from typing import Any

import pygame

from ...i18n import _
from ...sim.jsa import AT_COVER, DRIVING, HELD, ON_FOOT, STUCK
from ...ui import fonts
from ...ui.hud import GAP, HudButton
from ...ui.text import draw_text, fit_text, line_height, wrap
from ..base import MENU_CORNER, H, W
from ..dmz.layout import PAD, START_ZOOM_I, ZOOMS
from ..dmz.scene import DmzPlayBase
from ..story import draw_marks
from . import layout, view as draw
from .actions import ASKED_AGAIN, CUT_SKIPS, Decisions, answer, cut_decisions, dash_action, way_direction
from .observation import FELT_WORDS, Controls, JsaObservation, Question, ending_where, make_question, observe

SPEEDS = (1.0, 0.5)
DRIVE_SPEED = 2.0  # the drive between the questions passes twice as fast
ROAD_SPEED = 4.0  # the road in, before the map, four times as fast (told in words as it passes)
# the model's events that stop the drive with a question: the question each asks
QUESTION_EVENTS = {"the_turn": "look", "looked_quiet": "looked", "looked_warned": "looked",
                   "last_stretch": "last_stretch", "stuck": "stuck", "at_kerb": "at_kerb",
                   "stopped_at_checkpoint": "held", "unhurt_in_cover": "onward", "bridge": "bridge",
                   "turned_at_bridge": "again", "turned_at_monument": "again", "turned_back": "again"}
# a question leads to the next before the clock starts (the hour, the duty book, the road in); at the turn,
# driving straight on or on after watching, the checkpoint's question follows at once
FOLLOW_UP = {"hour": "errand", "errand": "watch", "watch": "road", ("look", "on"): "checkpoint", ("looked", "on"): "checkpoint"}
# where the kiosk's cut skips a question, the one that comes in its place
IN_ITS_PLACE = {"errand": "watch", "watch": "road", "look": "checkpoint"}
NUMBER_KEYS = {pygame.K_1: 0, pygame.K_2: 1, pygame.K_3: 2, pygame.K_4: 3,
               pygame.K_KP1: 0, pygame.K_KP2: 1, pygame.K_KP3: 2, pygame.K_KP4: 3}


class PlayScene(DmzPlayBase):
    steps_per_second = 2.0  # half a second of game time a step: real time at 1x
    SPEEDS = SPEEDS
    FELT_WORDS = FELT_WORDS
    BUTTON_ROWS = layout.BUTTON_ROWS
    ARRIVE_TILES = 0.3
    KEYS = {**DmzPlayBase.KEYS, pygame.K_q: "down", pygame.K_f: "free"}

    def __init__(self, app, scenario, preset: str, seed: int, overrides: dict[str, float] | None = None):
        # the kiosk's short cut (time runs faster there) asks fewer questions: the rest as in 2017
        self.cut = app.launch.time_scale > 1.0
        self.decisions = cut_decisions() if self.cut else Decisions()
        super().__init__(app, scenario, preset, seed, overrides)
        self.pace = "run"
        self.question: Question | None = None  # a question that waits for an answer
        self.answer_focus = 0
        self.answer_rects: list[pygame.Rect] = []
        self.asked: set[str] = set()
        self._held_captions: list = []
        self._prev = self._positions()
        self.buttons = self._make_buttons()
        self.order = layout.shown(self._rock_shown())
        self.relayout()
        if not self.autoplay and not self.cut:
            self.ask("hour")

    # ------------------------------------------------------------ choices
    def scenario_buttons(self) -> dict[str, HudButton]:
        return {"down": HudButton("down", lambda: _("Stay down"), self.toggle_wait, lambda: self.waiting),
                "free": HudButton("free", lambda: _("Rock the jeep"), self.toggle_free, lambda: self.decisions.free)}

    def _rock_shown(self) -> bool:
        """The Rock the jeep button shows only in the jeep stuck in the ditch."""
        e = self.state.extra
        return self.phase() == STUCK and bool(e["in_ditch"][0])

    def _sync_buttons(self) -> None:
        """Show or hide Rock the jeep; its place stays kept (no button moves), the focus stays on its button."""
        order = layout.shown(self._rock_shown())
        if order != self.order:
            focused = self.order[self.focus] if 0 <= self.focus < len(self.order) else None
            self.order = order
            self.focus = order.index(focused) if focused in order else -1
            self._panel_key = None

    def toggle_free(self) -> None:
        """Rock the jeep stuck in the ditch, or stop; only there and then."""
        e = self.state.extra
        if self.phase() == STUCK and bool(e["in_ditch"][0]):
            self.decisions.free = not self.decisions.free
            if self.decisions.free:
                self.waiting = False
                self.target = None

    def ways(self) -> dict[str, tuple[tuple[float, float], ...]]:
        """The two ways to run from here: straight south to cover, or past the hut (the map's ``hut_way``)."""
        cover_y = float(self.model.goal[1] + self.model.goal[3]) / 2.0
        return {"straight": ((float(self.state.x[0]), cover_y),),
                "huts": tuple((float(x), float(y)) for x, y in self.world.object_named("hut_way").points)}

    def _move(self) -> tuple[float, float]:
        """Held keys or a tapped target first (they end a chosen way); else along the chosen way."""
        held = self.app.input.direction()
        if held[0] or held[1] or self.target is not None:
            self.decisions.way = None
        elif self.decisions.way is not None and not self.waiting and self.phase() in (STUCK, ON_FOOT):
            return way_direction(self.decisions.way, self._pos(), self.ARRIVE_TILES)
        return super()._move()

    def speed_text(self) -> str:
        return _("Time: 1x") if self.speed_i == 0 else _("Time: slow")

    def phase(self) -> int:
        return int(self.state.extra["phase"][0])

    def in_control(self) -> bool:
        return self.phase() in (STUCK, ON_FOOT)

    def player_action(self) -> dict[str, Any]:
        return dash_action(self._move(), self.pace, self.waiting, self.decisions)

    def panel_state(self) -> tuple:
        return (self.decisions.free, self.decisions.cover, tuple(self.order))

    # ------------------------------------------------------------ questions and notices
    def ask_once(self, kind: str | None) -> None:
        """Ask ``kind`` unless it was asked already or the kiosk's cut leaves it to 2017's choice."""
        if kind is not None and kind not in self.asked and not (self.cut and kind in CUT_SKIPS) and not self.autoplay:
            self.ask(kind)

    def ask(self, kind: str) -> None:
        """Stop the clock and ask; the captions wait too."""
        self.asked.add(kind)
        self.question = make_question(kind, self.model, self.state, errand=bool(self.decisions.errand))
        self.answer_focus = 0
        self._hold()

    def _hold(self) -> None:
        self.paused = True
        self._held_captions += list(self.app.captions)
        self.app.captions = []

    def choose(self, i: int) -> None:
        q = self.question
        if q is None or not 0 <= i < len(q.answers):
            return
        key = q.answers[i][0]
        answer(q.kind, key, self.decisions, self.walker, self.ways())
        self.question = None
        self._release()
        if q.kind == "again" and key != "home":
            self.asked.difference_update(ASKED_AGAIN)  # the same road again: its questions too
        if q.kind in ("stuck", "at_kerb") and key in ("straight", "huts"):
            self.ask_once("weave")  # and how to run it
        else:
            follow = FOLLOW_UP.get(q.kind, FOLLOW_UP.get((q.kind, key)))
            if follow is not None:
                self.ask_once(self.in_its_place(follow))

    def in_its_place(self, kind: str | None) -> str | None:
        """The question to ask for ``kind``: in the kiosk's cut, what comes in place of one it skips."""
        while kind is not None and self.cut and kind in CUT_SKIPS:
            kind = IN_ITS_PLACE.get(kind)
        return kind

    def _release(self) -> None:
        self.paused = False
        self.app.captions = self._held_captions + self.app.captions
        self._held_captions = []
        self._panel_key = None

    def handle_first(self, intent) -> bool | None:
        """A question waits for you: it takes every input but the help, the status lines and the menu."""
        kind = intent.kind
        if self.question is None:
            return None
        n = len(self.question.answers)
        if kind == "key" and intent.key in NUMBER_KEYS:
            self.choose(NUMBER_KEYS[intent.key])
            return True
        if kind in ("next", "down", "right"):
            self.answer_focus = (self.answer_focus + 1) % n
            return True
        if kind in ("up", "left"):
            self.answer_focus = (self.answer_focus - 1) % n
            return True
        if kind == "confirm":
            self.choose(self.answer_focus)
            return True
        if kind == "pointer_up":
            for i, r in enumerate(self.answer_rects):
                if r.collidepoint(intent.pos):
                    self.choose(i)
                    return True
            if self.buttons["help"].rect.collidepoint(intent.pos) or self.hint_rect.collidepoint(intent.pos):
                self.open_help()
                return True
        if kind in ("pointer_up", "pointer_down", "pointer_move"):
            return True
        return kind not in ("back", "menu")

    @classmethod
    def prepare_assets(cls, world, app) -> None:
        """The whole map at the first zoom (the view blits it whole: a smoothscale of the picture)."""
        from ...world.render import map_picture, scale_ahead

        scale_ahead(map_picture(world), ZOOMS[START_ZOOM_I])

    @classmethod
    def ambient(cls, seed: int):
        from ... import synth

        return [("wind", synth.made("wind", seconds=8.0, seed=seed % 1000 + 7, gust_hz=0.2, peak=0.25), 0.2)]

    def on_enter(self) -> None:
        self.play_ambient()

    # ------------------------------------------------------------ time
    def update(self, dt: float) -> None:
        if self.phase() in (DRIVING, HELD):
            self.speed = ROAD_SPEED if float(self.state.extra["along"][0]) < 0.0 else DRIVE_SPEED
        else:
            self.speed = SPEEDS[self.speed_i]
        super().update(dt)

    def step_once(self) -> None:
        if self.paused:  # a question asked within this frame's steps: nothing moves until it is answered
            return
        super().step_once()

    def _positions(self):
        s, e = self.state, self.state.extra
        return float(s.x[0]), float(s.y[0]), e["pursuers_x"][0].copy(), e["pursuers_y"][0].copy()

    def on_step(self) -> None:
        # what happens, told by the narrator from the model's events; no wound is counted
        said = []
        ask = None
        for line in self.new_lines():
            kind = self.in_its_place(QUESTION_EVENTS.get(line.code))
            if kind is not None and kind not in self.asked:
                ask = kind
                continue  # the question says it
            if line.code == "hit" and "hit" not in self.asked and not self.sim.finished:
                ask = "hit"
                continue
            if line.code == "reached_cover" and int(self.state.extra["phase"][0]) == AT_COVER:
                ask = "cover"
                continue
            if line.code == "out_of_jeep" and "weave" not in self.asked and not (self.cut and "weave" in CUT_SKIPS):
                ask = "weave"  # out by a push of the keys: how to run
            if line.code in ("lay_still", "hit_across") and int(self.state.extra["cover_stage"][0]) == 1 \
                    and "signal" not in self.asked and not self.cut:
                ask = "signal"
            if not line.entry.ends:
                said.append(line.text)
        if said:
            self.app.caption(" ".join(said), 4.0)  # one caption a step
        self._sync_buttons()
        if ask is not None and not self.autoplay and not self.sim.finished:
            self.ask(ask)

    def on_finished(self) -> None:
        self.question = None
        self.paused = False
        self._held_captions = []
        self.app.captions.clear()  # the ending card says what happened and where
        self.app.audio.set_level("wind", 0.1)

    def ending_where(self) -> str:
        return ending_where(self.model, self.state)

    # ------------------------------------------------------------ what the screen shows
    def observation(self) -> JsaObservation:
        controls = Controls(self.pace, self.waiting, self.decisions.free, self.app.settings.felt_danger_hint,
                            self.decisions.weave)
        return observe(self.model, self.state, self._prev, controls, self.question)

    def status_lines(self) -> list[tuple[str, str]]:
        return self.observation().status

    # ------------------------------------------------------------ layout
    def layout_header(self, x: int, w: int, help_b: HudButton) -> int:
        """The clock, and below it what it counts (under Help when the clock's line is too short for it)."""
        ft, fs = fonts.font("large", True), fonts.font("small")
        y = max(PAD + line_height(ft), help_b.rect.bottom) + 2
        self.sub_y = y
        self.sub_w = w if y >= MENU_CORNER.bottom else self.head_w
        return y + len(wrap(fs, self.subtitle(), self.sub_w)) * line_height(fs) + GAP

    def subtitle(self) -> str:
        return _("Time since you set off")

    def view(self):
        """The camera on you; while a question is open and its card would cover you,
        moved so that you show in the part of the map the card leaves free."""
        v = super().view()
        if self.question is None or self.end_timer is not None:
            return v
        r = self.map_rect
        _px, py = v.world_to_screen(r, *self._display_player())
        card = self._card_rect(py)
        if card.top - layout.PLAYER_CLEAR <= py <= card.bottom + layout.PLAYER_CLEAR:
            below, above = (card.bottom, min(r.bottom, self.dpad.rect.top)), (r.top, card.top)
            # the larger part first; the other if the map's edge stops the camera short of the first
            # (stopped by the guards near the map's top, the camera cannot move the jeep below the card)
            for free in ((below, above) if card.centery < r.centery else (above, below)):
                if free[1] - free[0] < 2 * layout.PLAYER_CLEAR:
                    continue
                v = super().view()
                cx, cy = v.center
                v.center = (cx, cy - ((free[0] + free[1]) / 2 - py) / v.tile_px)
                v.clamp_center(r)
                if free[0] <= v.world_to_screen(r, *self._display_player())[1] <= free[1]:
                    break
        return v

    def _card_rect(self, py: int | None = None) -> pygame.Rect:
        """The question's card; ``py``: your height on screen, with the camera not moved for the card."""
        q = self.question
        if py is None:
            py = DmzPlayBase.view(self).world_to_screen(self.map_rect, *self._display_player())[1]
        top = max(self.legend.button_rect(self.map_rect).bottom, MENU_CORNER.bottom) + 8  # clear of Key and menu
        keep = ()
        if q is not None and q.kind in ("look", "looked", "checkpoint", "held"):  # leave the checkpoint in sight
            keep = (DmzPlayBase.view(self).world_to_screen(self.map_rect, *self.model.checkpoint_xy)[1],)
        return pygame.Rect(layout.question_box(tuple(self.map_rect), (W, H), py, top, self.dpad.rect.top,
                                               lambda width: draw.card_height(q, width) if q else 0, keep))

    # ------------------------------------------------------------ drawing
    def draw_play(self, surface: pygame.Surface) -> None:
        super().draw_play(surface)
        if self.question is not None and self.end_timer is None:
            self.answer_rects = draw.draw_card(surface, self.theme, self._card_rect(), self.question,
                                               self.answer_focus, self.app.settings.high_contrast)

    def draw_map(self, surface: pygame.Surface, view) -> None:
        obs = self.observation()
        hc = self.app.settings.high_contrast
        view.draw(surface, self.map_rect)
        draw.draw_line(surface, view, self.map_rect, obs.mdl_y, self.dpad.rect if self.in_control() else None)
        draw_marks(self, surface, view, self.map_rect)
        if obs.phase in (ON_FOOT, AT_COVER):
            draw.draw_trail(surface, view, self.map_rect, self._trail(obs), self._trail_color())
        draw.draw_map_things(surface, view, self.map_rect, obs, self._display_player(), self._frac(), hc,
                             self.hint_rect.top if self.hint_rect.height else None)
        self._draw_target(surface, view)

    def _trail(self, obs: JsaObservation) -> list[tuple[float, float]]:
        """Your way on foot, from the jeep."""
        start = obs.jeep
        pts = [start]
        pts += [(s.x, s.y) for s in self.sim.journey
                if s.y > start[1] - 0.01 and abs(s.x - start[0]) + abs(s.y - start[1]) > 0.01]
        pts.append(self._display_player())
        return pts

    def draw_header(self, img: pygame.Surface) -> None:
        t = self.theme
        ft, fs = fonts.font("large", True), fonts.font("small")
        head = self.observation().clock
        draw_text(img, ft, fit_text(ft, head, self.head_w), (PAD, PAD), t.text, self.head_w)
        draw_text(img, fs, self.subtitle(), (PAD, self.sub_y), t.text_dim, self.sub_w)
