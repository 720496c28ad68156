"""Fog on the line: the play screen (thin: input -> action -> model step -> observation -> view).

The strip of the DMZ seen from above, centred on you (drawn by
``game.scenes.fog.view`` from a ``FogObservation``); a side panel shows the
time, the fog, what you feel, the cold, and the controls. One simulation
step is 6 s; at 1x the screen runs 2 steps a second.

Controls (every one by keys, mouse, touch and gamepad):
  Arrows / WASD / pad stick or d-pad   move (hold); or tap / click the map to walk there;
                                       on a touch screen, the direction pad
  1 / 2 / 3                            crawl / walk / run
  Q                                    lie still (toggle)
  M                                    probe for mines (toggle: crawl on very slowly, finding most mines)
  C, or Enter at a fence, pad A        climb over the fence in your way
  V                                    cut through it (slower, lying low; the gap stays)
  U                                    go under it, where a drain passes (hidden, soaked)
  B                                    turn back (asks first); at your post: set out
  Enter at your post                   set out (moving sets out too)
  O, or Enter near the South's post    call out to it, then lie still until its soldiers come
  F, or a tap on the dotted line        follow the way across the fences chosen at the post (F again stops)
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

from ...i18n import N_, _
from ...ui import fonts, labels
from ...ui.hud import GAP, HudButton
from ...ui.text import draw_text, line_height, wrap
from ..dmz.layout import PAD
from ..dmz.scene import DmzPlayBase
from ..story import draw_legend, draw_marks
from . import layout
from .actions import EVADE_POSTURE, FENCE_WAYS, PLAN_WAYS, fog_action, follow_step, may_cross, sets_out
from .observation import (DUE_ASK_MIN, climb_seconds, coat_question, learn_question, morning_question, FELT_WORDS, LIGHT_WORDS, Controls, FogObservation, at_post, challenge_question,
                          leave_question, may_hail, mine_question, mines_ahead, observe, patrol_due, patrol_question,
                          rifle_question, strip_metres, timing_text, way_question, fence_question)
from .view import FogView, Frame

SPEEDS = (1.0, 2.0, 4.0)


class PlayScene(DmzPlayBase):
    steps_per_second = 2.0  # 6 s of game time a step: 12x real time at 1x
    SPEEDS = SPEEDS
    FELT_WORDS = FELT_WORDS
    BUTTON_ROWS = layout.BUTTON_ROWS
    JUMP_TILES = 3  # a climb ends on the fence's far side: no sliding there
    KEYS = {**DmzPlayBase.KEYS, pygame.K_q: "still", pygame.K_c: "climb", pygame.K_v: "cut", pygame.K_u: "under",
            pygame.K_m: "probe", pygame.K_b: "back", pygame.K_o: "back"}

    def __init__(self, app, scenario, preset: str, seed: int, overrides: dict[str, float] | None = None):
        super().__init__(app, scenario, preset, seed, overrides)
        self.pace = "walk"
        self.climb_request = False
        self.way = "climb"  # how to cross the fence ahead: climb, cut or under (FENCE_WAYS)
        self.turn_back = False
        self.probing = False  # probing the ground ahead for mines
        # at the post until the player sets out (or moves); the automatic player decides for itself
        self.set_out = False
        self.hail = False  # called out to the South's post
        self.armed = True  # the rifle taken (asked at the post before the clock runs)
        self.evade = "freeze"  # the answer to the last challenge
        # the kiosk's short cut (time runs faster) leaves the rifle as in 2017; the automatic player decides itself
        self.cut = app.launch.time_scale > 1.0
        self.rifle_asked = bool(self.autoplay or self.cut or self.state.step > 0)
        # the days before (asked first, before the rifle): the mines, the morning, the coat
        self.learn = "kept"
        self.morning = "first"
        self.coat = False
        self.days_asked = self.rifle_asked
        # the way across the North's fences (asked at the post after the rifle), and walking it
        self.plan = "straight"
        self.following = False
        self.way_asked = self.rifle_asked
        self.leave = "slip"  # how he leaves his post (asked at the post after the way)
        self.leave_asked = self.rifle_asked
        self.bank = False  # waiting for a thicker bank of fog (the model ends the wait)
        self._due_asked: float | None = None  # the patrol's pass asked about when setting out (asked once a pass)
        self._mine_stop: tuple[float, float] | None = None  # where the last mine signs stopped a walk to a tapped spot
        self._mine_stop_r = 1.5  # ... and how far from there they are not asked about again (tiles)
        self.at_fence = False
        self._fences_asked: set[int] = set()  # the fence rows already asked about (once each)
        self.at_drain = False  # a drain passes under the fence ahead
        self._steps_sound = None
        self.fog_view = FogView(self.remake_now)
        self._obs: FogObservation | None = None
        self._obs_key = None
        self._trail_n = 0
        self._trail_xy = np.zeros((0, 2))
        self._prev = self._positions()
        self.buttons = self._make_buttons()
        self.order = list(layout.ORDER)
        self.relayout()

    # ------------------------------------------------------------ choices
    def scenario_buttons(self) -> dict[str, HudButton]:
        return {
            "still": HudButton("still", lambda: _("Lie still"), self.toggle_wait, lambda: self.waiting),
            "probe": HudButton("probe", lambda: _("Probe"), self.toggle_probe, lambda: self.probing),
            "climb": self._way_button("climb", lambda: _("Climb")),
            "cut": self._way_button("cut", lambda: _("Cut")),
            "under": self._way_button("under", lambda: _("Under")),
            "back": HudButton("back", self.back_text, self.press_back, lambda: self.turn_back or self.hail),
        }

    def _way_on(self) -> bool:
        """Whether the planned way still leads somewhere from here (north of the fences' far side)."""
        return bool(self.model.plan_direction(PLAN_WAYS.index(self.plan), *self._pos())[2][0])

    def toggle_follow(self) -> None:
        """Walk the planned way (at the pace chosen), or stop following it."""
        if self.following:
            self.following = False
            return
        if not self._way_on():
            return
        self.following = True
        self.target = None
        self.waiting = False
        if self.at_post():
            self.set_out = True

    def at_post(self) -> bool:
        """Still at the post, on duty (until the next step after Set out)."""
        return not self.set_out and at_post(self.state)

    def back_text(self) -> str:
        """The third row's first button: what it does where you are."""
        if self.at_post():
            return _("Set out")
        if self.hail or may_hail(self.model, self.state):
            return _("Call out")
        return _("Turn back")

    def press_back(self) -> None:
        """At the post: set out. By the South's post: call out to it and lie still.
        Elsewhere: turn back (asks first)."""
        if self.at_post():
            self.set_out = True
            self.waiting = False
        elif self.hail:
            return
        elif may_hail(self.model, self.state):
            self.hail = True
            self.waiting = True
            self.target = None
        else:
            self.ask_turn_back()

    def _way_button(self, way: str, text) -> HudButton:
        """A button for one way across the fence: lit while that way is asked for or under way."""
        def active() -> bool:
            return (self.climb_request or self._climbing()) and self._way_now() == way

        def enabled() -> bool:
            if self._climbing():
                return self._way_now() == way
            return may_cross(way, self.at_fence, self.at_drain, self.armed)

        return HudButton(way, text, lambda: self.press_way(way), active, enabled)

    def toggle_wait(self) -> None:
        """Lie still, or get up. Lying down ends the following of your way (F takes it up again)."""
        super().toggle_wait()
        if self.waiting:
            self.following = False

    def toggle_probe(self) -> None:
        """Probe for mines (crawling, very slowly), or stop probing."""
        self.probing = not self.probing
        if self.probing:
            self.pace = "crawl"
            self.waiting = False

    def set_pace(self, pace: str) -> None:
        super().set_pace(pace)
        if pace != "crawl":
            self.probing = False  # getting up to walk or run ends the probing

    def _way_now(self) -> str:
        """The way across: the model's while a crossing is under way, else the one asked for."""
        if self._climbing():
            return FENCE_WAYS[int(self.state.extra["cross_way"][0])]
        return self.way

    def press_way(self, way: str) -> None:
        """Cross the fence ahead this way (under only where a drain passes)."""
        if self._climbing() or not may_cross(way, self.at_fence, self.at_drain, self.armed):
            return
        self.way = way
        self.climb_request = True
        self.waiting = False  # lying still would keep you from the wire
        if self.target is None and not self.following and not any(self.app.input.direction()):
            # standing at the fence: cross it, to the far side of the fence ahead
            tile = self._fence_tile_ahead()
            if tile is not None:
                x, y = self._pos()
                far = tile[1] + (1.5 if tile[1] + 0.5 > y else -0.5)
                self.target = (x, far)

    def press_climb(self) -> None:
        self.press_way("climb")

    def ask_turn_back(self) -> None:
        if self.turn_back:
            return
        from ..base import ConfirmScene

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
        self.fog_view.forget()

    def _climbing(self) -> bool:
        return bool(self.state.extra["climbing"][0])

    def _move(self) -> tuple[float, float]:
        """Held keys or a tapped spot; else, following, the planned way."""
        held = self.app.input.direction()
        if self.following:
            way = self.model.plan_direction(PLAN_WAYS.index(self.plan), *self._pos())
            step, self.following, ended = follow_step(held, self.target, self.following,
                                                      (float(way[0][0]), float(way[1][0]), bool(way[2][0])))
            if step is not None:
                return step
            if ended and not self.sim.finished:
                self.app.caption(_("You are past the North's fences: from here the way is yours."), 5.0)
        return super()._move()

    def _direction(self) -> tuple[float, float]:
        if self.following and not any(self.app.input.direction()) and self.target is None:
            way = self.model.plan_direction(PLAN_WAYS.index(self.plan), *self._pos())
            if way[2][0]:
                return float(way[0][0]), float(way[1][0])
        return super()._direction()

    def player_action(self) -> dict[str, Any]:
        move = self._move()
        if at_post(self.state) and (move[0] or move[1] or self.set_out) and self._patrol_first():
            move, self.set_out = (0.0, 0.0), False  # the journey waits for the answer
        self.set_out = sets_out(self.set_out or not self.at_post(), move, False)
        if self.bank and (not self.waiting or move[0] or move[1]):
            self.bank = False  # up again, or moving: the wait for a bank is given up
        return fog_action(move, self.pace, self.waiting, self.climb_request, self.turn_back, self.way,
                          self.probing, self.set_out, self.hail, self.armed, self.evade, self.plan, self.leave,
                          self.bank, self.learn, self.morning, self.coat)

    # ------------------------------------------------------------ questions
    def ask(self, question, on_answer) -> None:
        """Stop the journey for a question (an overlay; the journey waits under it)."""
        from .choice import ChoiceScene

        self.app.captions.clear()
        self.app.push(ChoiceScene(self.app, question, on_answer))

    def ask_days(self) -> None:
        """The days before, first: how he learns where the mines are not, then which morning,
        then what he wears (the model's learn, morning and coat, settled at its first step)."""
        self.days_asked = True
        self.ask(learn_question(self.model), self.answer_learn)

    def answer_learn(self, key: str) -> None:
        self.learn = key
        self.ask(morning_question(self.model), self.answer_morning)

    def answer_morning(self, key: str) -> None:
        self.morning = key
        self.ask(coat_question(self.model), self.answer_coat)

    def answer_coat(self, key: str) -> None:
        self.coat = key == "coat"
        self.ask_rifle()

    def ask_rifle(self) -> None:
        self.rifle_asked = True
        self.ask(rifle_question(), self.answer_rifle)

    def answer_rifle(self, key: str) -> None:
        self.armed = key == "take"
        if not self.armed and self.way == "cut":
            self.way = "climb"
        said = _("You take your rifle.") if self.armed else _("You leave your rifle in the post.")
        self.app.caption(said, 4.0)
        self.ask_way()

    def ask_way(self) -> None:
        self.way_asked = True
        self.ask(way_question(self.model), self.answer_way)

    def answer_way(self, key: str) -> None:
        """The way across the fences he has in mind: drawn on the map, walked with Follow."""
        self.plan = key
        self.ask_leave()

    def ask_leave(self) -> None:
        self.leave_asked = True
        self.ask(leave_question(self.model), self.answer_leave)

    def answer_leave(self, key: str) -> None:
        """Slip away unseen, or a word to the comrade (said when he sets out)."""
        self.leave = key
        self.app.captions.clear()
        self.app.caption(_("The way you chose is drawn on the map as a dotted line: tap it, or press F, to follow it.") + " "
                         + self.post_text(), 9.0)

    def _patrol_first(self) -> bool:
        """Setting out with the fence patrol due past the post soon: ask first (once a pass);
        True when asked (the journey waits for the answer)."""
        if self.autoplay or self.cut or self.end_timer is not None or self.app.top is not self:
            return False
        due = patrol_due(self.model, self.state)
        if due is None or due[0] > DUE_ASK_MIN or (self._due_asked is not None and abs(self._due_asked - due[1]) < 0.1):
            return False
        self._due_asked = due[1]
        self._going = (self.following, self.target)
        self.following, self.target = False, None
        self.ask(patrol_question(self.model, self.state, due), self.answer_patrol)
        return True

    def answer_patrol(self, key: str) -> None:
        """Go now (as he was going), or stay on duty at the post until the patrol has passed."""
        following, target = getattr(self, "_going", (False, None))
        if key == "go":
            self.set_out = True
            self.following, self.target = following, target
            return
        self.set_out = False
        self.app.caption(_("You stay at your post, on duty, and listen for the patrol to pass."), 5.0)

    def answer_challenge(self, key: str) -> None:
        """Lie flat, crawl away or run: the next step's answer, and how he moves after it."""
        self.evade = key
        self.pace, self.waiting = EVADE_POSTURE[key]
        self.probing = False
        self.target = None
        self.following = False

    def step_once(self) -> None:
        if self.app.top is not self:  # a question was asked in this frame: the journey waits for it
            return
        super().step_once()

    # ------------------------------------------------------------ input
    def handle_first(self, intent) -> bool | None:
        """F, or a tap on the dotted line of your way: follow it (F again stops)."""
        if intent.kind == "key" and intent.key == pygame.K_f:
            self.toggle_follow()
            return True
        if intent.kind == "pointer_up" and not self.pad_finger and self._taps_way(intent.pos):
            self.toggle_follow()
            return True
        return None

    def _taps_way(self, pos) -> bool:
        """A tap on the map, on the dotted line of the planned way (within about a tile and a half)."""
        if not self.map_rect.collidepoint(pos) or self.hint_rect.collidepoint(pos) or self.following:
            return False
        if self.dpad.rect.collidepoint(pos) or self.legend.button_rect(self.map_rect).collidepoint(pos):
            return False
        way = self.observation().way
        if not way:
            return False
        wx, wy = self.view().screen_to_world(self.map_rect, *pos)
        return min(math.hypot(wx - x, wy - y) for x, y in way) <= 1.5

    def confirm_unfocused(self) -> None:
        if self.at_post() or (not self.hail and may_hail(self.model, self.state)):
            self.press_back()
        elif self.at_fence:
            self.press_climb()
        else:
            super().confirm_unfocused()

    @classmethod
    def ambient(cls, seed: int):
        from ... import synth

        return [("wind", synth.made("wind", seconds=8.0, seed=seed % 1000, gust_hz=0.08, peak=0.3), 0.25)]

    def on_enter(self) -> None:
        self.play_ambient()
        if self.state.step == 0 and not self.autoplay and self.at_post() and self.rifle_asked:
            self.app.caption(self.post_text(), 8.0)

    def post_text(self) -> str:
        return _("You are at your post, on duty. The fence patrol walks the road past it. "
                 "Listen, and set out when you choose: the fog is thickest at sunrise, "
                 "and your watch ends at a fixed hour.")

    # ------------------------------------------------------------ time
    def update(self, dt: float) -> None:
        self.speed = 4.0 if self.turn_back else SPEEDS[self.speed_i]
        if not self.days_asked and self.end_timer is None and self.app.top is self:
            self.ask_days()
            return
        if not self.rifle_asked and self.end_timer is None and self.app.top is self:
            self.ask_rifle()
            return
        if not self.way_asked and self.end_timer is None and self.app.top is self:
            self.ask_way()
            return
        if not self.leave_asked and self.end_timer is None and self.app.top is self:
            self.ask_leave()
            return
        super().update(dt)

    def _positions(self):
        s = self.state
        return float(s.x[0]), float(s.y[0]), s.extra["guards_x"][0].copy(), s.extra["guards_y"][0].copy()

    def on_step(self) -> None:
        # what the soldier notices, told by the narrator from the model's events
        said = []
        for line in self.new_lines():
            if line.code == "fence_climbed":
                self.climb_request = False
            if line.code in ("bank_came", "bank_none"):  # the wait is over: the fence's question again
                self.bank = False
                self.waiting = False
                ahead = self._fence_tile_ahead()
                if ahead is not None:
                    self._fences_asked.discard(ahead[1])
            if line.code == "patrol_heard":
                self._play_steps()
                if self.following and not self.climb_request:  # a patrol heard: the walk stops, and the player
                    # decides (not while crossing the fence he asked to cross: he would stand at the wire)
                    self.following = False
                    said.append(_("You stop following your way."))
            # the kiosk's short cut tells the challenge and lies flat, as it tells the mine signs
            if line.code == "challenged" and not self.autoplay and not self.cut and not self.sim.finished:
                self.ask(challenge_question(self.model, self.state), self.answer_challenge)
            if not line.entry.ends:  # the ending card tells those
                said.append(line.text)
        if said:
            # one caption at a time, the newest news: a stack of them would cover you
            self.app.captions.clear()
            self.app.caption(" ".join(said), 5.0)
        self._mine_signs()
        # a fence in the way?
        ahead = self._fence_tile_ahead()
        self.at_fence = ahead is not None
        self.at_drain = ahead is not None and bool(self.model.drain[ahead[1], ahead[0]])
        if (self.at_fence and not self.cut and not self.autoplay and not self.climb_request and not self._climbing()
                and ahead[1] not in self._fences_asked and self.app.top is self and self.end_timer is None):
            # a fence reached: the journey stops for how to cross it (once a fence)
            self._fences_asked.add(ahead[1])
            self.ask(fence_question(self.model, self.state, ahead, self.armed, self.at_drain), self.answer_fence)
        elif self.at_fence and not self.climb_request and not self._climbing() and not self.autoplay and not self.app.captions:
            self.app.caption(self.fence_choice_text(ahead), 3.0)
        if not self.at_fence and not self._climbing():
            self.climb_request = False
        level = 0.15 + 0.25 * (1.0 - min(1.0, float(self.state.extra["vis_here"][0]) / 1000.0))
        self.app.audio.set_level("wind", level)

    def _mine_signs(self) -> None:
        """Mine signs ahead: the walk stops at them (once per place) for the choice: go
        round, probe across, or walk on (a question; the journey waits for it)."""
        if self.autoplay or self.probing or self.end_timer is not None or self.app.top is not self:
            return
        x, y = self._pos()
        text = mines_ahead(self.model, x, y, self._heading(), float(self.state.extra["vis_here"][0]))
        if not text:
            return
        near = (self._mine_stop is not None
                and math.hypot(x - self._mine_stop[0], y - self._mine_stop[1]) < self._mine_stop_r)
        if near:
            return  # stopped here already: going on is the player's choice
        self._mine_stop = (x, y)
        self._mine_stop_r = 1.5
        if self.cut:  # the kiosk's short cut: told, not asked (a walk to a tapped spot stops)
            if self.target is not None and not any(self.app.input.direction()):
                self.target = None
            self.app.captions.clear()
            self.app.caption(text, 5.0)
            return
        self.ask(mine_question(self.model, self.state, self._heading(), self.armed, PLAN_WAYS.index(self.plan)),
                 self.answer_mines)

    def answer_mines(self, key: str) -> None:
        """Go round (stop here), probe across (crawling on), or walk on across."""
        if key == "path":  # round by the patrol path: the new way, walked at once
            self.plan = "path"
            self.target = None
            self.following = self._way_on()
            self.app.caption(_("You follow the wire to the patrol path, where no mines are laid."), 4.0)
        elif key == "round":
            self.target = None
            self.following = False
            self._mine_stop_r = 0.1  # a step on towards the signs after all asks again
            self.app.caption(_("You stop at the signs and look for a way round."), 4.0)
        elif key == "probe" and not self.probing:
            self.toggle_probe()
        elif key == "on":  # the same strip is not asked about again on the way across
            self._mine_stop_r = 2.0 + strip_metres(self.model, *self._pos(), self._heading()) / self.model.mpt
            self.app.caption(_("You walk on into the mined ground."), 3.0)

    def answer_fence(self, key: str) -> None:
        """Climb, cut or go under the fence ahead now; or lie still at the wire and decide later."""
        if key in ("wait", "bank"):
            self.waiting = True
            self.target = None
            self.following = False
            self.bank = key == "bank"
            if self.bank:
                self.app.caption(_("You lie still at the wire and wait for the fog to thicken."), 4.0)
            return
        self.press_way(key)

    def _fence_tile_ahead(self) -> tuple[int, int] | None:
        """The fence tile (x, y) just ahead in the way you are going (south when standing), or None."""
        dx, dy = self._direction() if not self.autoplay else (0.0, 1.0)
        if not (dx or dy):
            dx, dy = 0.0, 1.0
        n = math.hypot(dx, dy)
        m = self.model
        for reach in (0.35, 0.7):
            tx = float(self.state.x[0]) + dx / n * reach
            ty = float(self.state.y[0]) + dy / n * reach
            if 0 <= tx < m.W and 0 <= ty < m.H and m.fence[int(ty), int(tx)]:
                return int(tx), int(ty)
        return None

    def fence_choice_text(self, tile: tuple[int, int]) -> str:
        """The three ways across the fence ahead and what each costs (the model's own figures)."""
        m = self.model
        height = float(m.f_fence_h[tile[1] * m.W + tile[0]])
        climb_s = climb_seconds(m, self.state, height)
        cut_s = int(round(float(m.crossing_seconds(1, height))))
        if self.armed:
            text = _("A fence blocks your way. Climb over (C): about {climb} s, in plain view and loud. "
                     "Cut through (V): about {cut} s lying low, quieter, but a patrol may find the gap.").format(
                climb=climb_s, cut=cut_s)
        else:
            text = _("A fence blocks your way. Climb over (C): about {climb} s, in plain view and loud. "
                     "Without your bayonet you cannot cut it.").format(climb=climb_s)
        if self.at_drain:
            under_s = int(round(float(m.crossing_seconds(2, height))))
            text += " " + _("A drain runs under the wire here: go under (U), about {s} s, hidden but soaked.").format(s=under_s)
        return text

    def _play_steps(self) -> None:
        """A patrol is heard: a few quiet footsteps, unless the sound is off."""
        if self.autoplay:
            return
        if self._steps_sound is None:
            from ... import synth

            self._steps_sound = synth.made("steps", seed=self.seed % 1000)
        self.app.audio.once(self._steps_sound, 0.5)

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

    # ------------------------------------------------------------ what the screen shows
    def observation(self) -> FogObservation:
        """The observation of the state now (remade when the step, the choices or the language change)."""
        controls = Controls(self.pace, self.waiting, self.turn_back, self.app.settings.felt_danger_hint, self.probing,
                            self._heading(), self.armed, self.plan, self.following, self.learn, self.morning, self.coat)
        key = (self.state.step, id(self.sim), controls, self.app.settings.language, self.end_timer is None)
        if key != self._obs_key or self._obs is None:
            self._obs_key = key
            self._obs = observe(self.model, self.state, self._prev, controls)
        return self._obs

    def _heading(self) -> tuple[float, float]:
        """The way the player is going, rounded (for the mine signs ahead), or (0, 0)."""
        if self.end_timer is not None:
            return 0.0, 0.0
        dx, dy = self._direction()
        n = math.hypot(dx, dy)
        if n <= 0:
            return 0.0, 0.0
        # eight ways are enough for the words, and keep the observation from being remade every frame
        a = round(math.atan2(dy, dx) / (math.pi / 4)) * (math.pi / 4)
        return round(math.cos(a), 3), round(math.sin(a), 3)

    def clock_text(self) -> str:
        return self.observation().clock

    def light_text(self) -> str:
        return self.observation().light_word

    def timing_text(self) -> str:
        return timing_text(self.model.params, float(self.state.extra["clock_h"]))

    def goal_distance_m(self) -> float:
        return self.observation().goal_m

    def status_lines(self) -> list[tuple[str, str]]:
        return self.observation().status

    # ------------------------------------------------------------ layout
    def relayout(self) -> None:
        if hasattr(self, "fog_view"):
            self.fog_view.forget()
        super().relayout()

    def layout_header(self, x: int, w: int, help_b: HudButton) -> int:
        """The clock and the light, as high as the longest of the light's words needs."""
        ft = fonts.font("large", True)
        head_h = max(len(wrap(ft, self.clock_text() + " · " + _(word), self.head_w)) for word in LIGHT_WORDS) * line_height(ft)
        return max(PAD + head_h, help_b.rect.bottom) + GAP

    @property
    def compass_rect(self) -> pygame.Rect:
        return pygame.Rect(layout.compass_rect(tuple(self.map_rect), fonts.get_scale()))

    # ------------------------------------------------------------ drawing
    def _frame(self, view) -> Frame:
        st = self.app.settings
        return Frame(self.map_rect, view, self._display_player(), self._frac(), self.zoom_i, st.high_contrast,
                     st.reduced_motion, st.language, self.theme, self._label_board(view), self.dpad.rect.top - 8)

    def _trail(self) -> np.ndarray:
        """Where you have walked (tiles), thinned to at most about 400 points."""
        j = self.sim.journey
        if self._trail_n != len(j):
            self._trail_n = len(j)
            stride = max(1, len(j) // 400)
            pts = [(s.x, s.y) for s in j[::stride]] + [(j[-1].x, j[-1].y)]
            self._trail_xy = np.array(pts, float)
        return self._trail_xy

    def draw_map(self, surface: pygame.Surface, view) -> None:
        obs = self.observation()
        fr = self._frame(view)
        self.label_board = fr.board  # this frame's labels never overlap (game.ui.labels)
        fv = self.fog_view
        fv.draw_ground(surface, fr, obs, id(self.sim), self._trail(), self._trail_color())
        fv.draw_line(surface, fr, obs, (self.compass_rect.right + 8, self.dpad.rect.right + 8))
        fv.draw_drains(surface, fr, obs)
        fv.draw_way(surface, fr, obs)
        fv.draw_heard(surface, fr, obs)
        fv.draw_guards(surface, fr, obs)
        self._draw_target(surface, view)
        fv.draw_goal(surface, fr, obs, self._goal_box())
        draw_marks(self, surface, view, self.map_rect)
        fv.draw_player(surface, fr, obs, self._trail_color())
        fv.draw_compass(surface, fr, self.compass_rect)
        self._draw_legend(surface)

    def _make_veil(self, view, inner: pygame.Rect, size: tuple[int, int]) -> pygame.Surface:
        """The fog's veil now (for tests: the view makes it)."""
        return self.fog_view.make_veil(self._frame(view), self.observation(), inner, size)

    LEGEND = (("fence", N_("a fence")), ("mines", N_("signs of mines")), ("post", N_("a guard post seen")),
              ("patrol_heard", N_("a patrol heard")), ("patrol", N_("a patrol seen")),
              ("heard", N_("the guards heard you")), ("shots", N_("shots")))

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
        from ...world.render import map_picture
        from ..dmz.view import grade_ahead

        grade_ahead(map_picture(world), app.settings.high_contrast)

    def _label_board(self, view) -> labels.Board:
        """Where this frame's map labels may go: clear of the compass, the pad, the
        key hint, the map's key and scale bar, and you."""
        px, py = view.world_to_screen(self.map_rect, *self._display_player())
        keep = [self.compass_rect, self.dpad.rect, self.hint_rect, pygame.Rect(px - 20, py - 20, 40, 40)]
        return labels.Board(self.map_rect.inflate(-8, -8), keep + self.legend.rects(self.map_rect, (px, py)))

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

    def panel_state(self) -> tuple:
        return (self.climb_request, self.way, self.at_fence, self.at_drain, self.turn_back, self._climbing(), self.probing,
                self.at_post(), self.back_text(), self.armed, self.plan, self.following)

    def draw_header(self, img: pygame.Surface) -> None:
        ft = fonts.font("large", True)
        draw_text(img, ft, self.clock_text() + " · " + self.light_text(), (PAD, PAD), self.theme.text, self.head_w)
