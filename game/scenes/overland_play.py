"""Play: The long way round.

The whole route on a map of north-east and south-east Asia on the left; on
the right, where you are and what you have, your choices, and the journal.
One simulation step is one day. Time runs while you hide, work or travel;
it stops by itself when something happens that needs a decision (you
reach a place, police begin a campaign, ...), and you go on with Continue.

Controls (all also on screen, for touch and mouse; listed in the Keys and
help overlay, H):
  Up/Down (or pad)   move between choices     Left/Right  change a choice
  Tab / pad X or Y   next choice (wraps)      Enter/pad A press the focused button
  G                  continue / pause         1 / 2 / 3   hide (wait) / work / move on
  F                  speed 1x, 2x, 4x         J           the whole journal
  PgUp / PgDn        scroll the journal box   H           keys and help
  Esc / menu button  the menu
"""

from __future__ import annotations

from typing import Any

import pygame

from ..i18n import N_, _, join_sentences
from ..levels import model_for
from ..narrator import Line, Narrator
from .story import ending_words
from ..sim import overland as ov
from ..sim.runner import Simulation
from ..i18n import format_number
from ..synth import tone
from ..ui import fonts
from ..ui.legend import rail_ties
from ..ui.text import draw_text, fit_text, line_height, wrap
from ..ui.theme import OKABE_ITO
from ..ui.widgets import Button, Choice, Form, Label, Toggle
from ..world.render import MapView
from .base import MENU_CORNER, H, MenuScene, W
from .play_base import PlayBase
from ..controls.overland import activities, activity_for_key, overland_action
from ..ui.hud import HelpOverlay, draw_card, help_overlay, shade_screen

SPEEDS = (1.0, 2.0, 4.0)
MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
          N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))
# Which journal lines stop the clock (``pause``) and sound a cue (``tone``:
# good news high, bad news low) is said by levels/overland/scenario.toml [events].
# Places named on the whole map, most important first (a label that would
# cover another is left out); the inset names the places near you.
NAMED = ("yanji", "beijing", "kunming", "chiangkhong", "zamynuud")
LABEL_LEFT = {"shenyang", "beijing", "kunming", "jinghong", "chiangkhong", "zamynuud", "hoeryong", "luangnamtha"}
INSET_TILES = 15  # the inset shows this many tiles across (40 km each)
ROUTE_MARGIN = 5.0  # tiles of land and sea kept around the route when framing the map
LABEL_GROWTH = 0.35  # map labels grow this much of the text-size setting's growth
JOURNAL_LINES = 4  # lines of body text the journal box under the map holds
# Reasons of risk that belong to a crossing or a road: once arrived, they are behind you.
ROAD_REASONS = frozenset((ov.R_GUARDS, ov.R_WATER, ov.R_CHECKS, ov.R_LAOS, ov.R_GOBI, ov.R_HILLS))
BROKER_PAID = ("", N_("You have a cheap broker, paid."), N_("You have a trusted broker, paid."))
ROUTE_TAKEN = (N_("Route: south to Thailand."), N_("Route: north to Mongolia."))
ROUTE_COLOURS = {"both": (60, 60, 60), "thailand": OKABE_ITO["orange"], "mongolia": OKABE_ITO["reddish_purple"]}


class PanelForm(Form):
    """The side panel's choices: a Form that shows only whole widgets, so no
    text is ever cut at its edges; arrows at the edge say there is more."""

    def visible(self, i: int) -> bool:
        r = self.screen_rect(i)
        if r.height > self.rect.height:  # taller than the panel: show what fits
            return r.colliderect(self.rect)
        return self.rect.contains(r)

    def hit(self, pos: tuple[int, int]) -> int:
        i = super().hit(pos)
        return i if i >= 0 and self.visible(i) else -1

    def draw(self, surface: pygame.Surface, theme) -> None:
        clip = surface.get_clip()
        surface.set_clip(self.rect)
        shown = [i for i in range(len(self._placed)) if self.visible(i)]
        for i in shown:
            self._placed[i].widget.draw(surface, self.screen_rect(i), theme, i == self.focus)
        surface.set_clip(clip)
        if self.max_scroll > 0:
            # In the 16-pixel gutter the layout keeps free: arrows where the
            # list goes on, and the scroll bar between them.
            x, top, bottom = self.rect.right - 8, self.rect.y, self.rect.bottom - 1
            track = pygame.Rect(x - 3, top + 18, 6, self.rect.height - 36)
            pygame.draw.rect(surface, theme.panel, track, border_radius=3)
            h = max(30, track.height * self.rect.height // max(1, self.content_height))
            y = track.y + (track.height - h) * self.scroll // max(1, self.max_scroll)
            pygame.draw.rect(surface, theme.text_dim, (track.x, y, 6, h), border_radius=3)
            if shown and shown[0] > 0 or self.scroll > 0:
                pygame.draw.polygon(surface, theme.text, [(x - 7, top + 12), (x + 7, top + 12), (x, top)])
            if shown and shown[-1] < len(self._placed) - 1 or self.scroll < self.max_scroll:
                pygame.draw.polygon(surface, theme.text, [(x - 7, bottom - 12), (x + 7, bottom - 12), (x, bottom)])


def journal_narrator(scenario, model: ov.Model, values, gentle: bool = False) -> Narrator:
    """The narrator of this journey: the profile's words, the route's places."""
    return Narrator(scenario, values, names={"place": [p.label for p in model.places]}, gentle=gentle)


def money_text(value: float) -> str:
    return _("${amount}").format(amount=format_number(round(value)))


def spoken_price(value: float) -> str:
    """A price as a broker would say it: to the 50 dollars under 1,000, the 100 under
    10,000, the 1,000 above ("about $2,300", not "$2,287")."""
    step = 50 if value < 1000 else 100 if value < 10000 else 1000
    return money_text(max(step, round(value / step) * step))


class PlayScene(PlayBase):
    steps_per_second = 2.0

    def __init__(self, app, scenario, preset: str, seed: int, overrides: dict[str, float] | None = None):
        super().__init__(app, scenario, preset, seed, overrides)
        self.base_overrides = dict(overrides or {})
        self.profiles: dict[str, dict[str, Any]] = dict(scenario.raw.get("profiles", {}))
        suggested = scenario.raw.get("presets", {}).get(preset, {}).get("profile")
        # A preset may name who fits it best; otherwise the first profile is the default.
        self.preset_profile = suggested if suggested in self.profiles else ""
        self.suggested = self.preset_profile or next(iter(self.profiles), "")
        self.profile = ""
        self.choice: dict[str, int] = dict(self.model.default_action)
        self.paused = True  # until the player has chosen who they are, and then pressed Continue
        self.notice: list[str] = []
        self.seen = 0  # journal entries already shown
        self.narrator = journal_narrator(scenario, self.model, self.values)
        self.journal: list[Line] = []  # the narrator's lines so far
        self.speed_index = 0
        self.view = MapView(self.world)
        self.inset = MapView(self.world)
        self.form: Form | None = None
        self._signature: tuple = ()
        self._journal_cache: tuple[Any, list[tuple[pygame.Surface, int]]] | None = None
        self._continued: set[int] = set()
        self._label_cache: dict[tuple[str, int], pygame.Surface] = {}
        self._header_cache: tuple | None = None
        self._form_cache: tuple | None = None
        self.journal_offset = 0  # lines of the journal box scrolled away from its natural end
        self._journal_view: tuple[int, int] = (0, 0)  # (first, last) line shown, for scrolling
        self._journal_drag: tuple[int, int, bool] | None = None  # (start y, offset, moved)
        self._pointer = (0, 0)  # last pointer position: the wheel scrolls what it is over
        self.relayout()

    # ------------------------------------------------------------ set-up

    @classmethod
    def ambient(cls, seed: int):
        from .. import synth

        return [("overland-wind", synth.made("wind", seconds=9.0, seed=5, gust_hz=0.08, peak=0.35), 0.25)]

    def on_enter(self) -> None:
        self.play_ambient()
        if not self.profile:
            self.app.push(ProfileScene(self.app, self))

    def on_exit(self) -> None:
        self.app.audio.stop("overland-wind")

    def set_profile(self, name: str) -> None:
        """Who the player is: the profile's parameters over the preset's; a fresh run."""
        self.profile = name
        overrides = dict(self.profiles.get(name, {}).get("set", {}))
        overrides.update(self.base_overrides)
        self.values = self.scenario.values(self.preset, overrides)
        self.model = model_for(self.scenario, self.values, self.world)
        self.sim = Simulation(self.model, 1, self.seed)
        self.choice = dict(self.model.default_action)
        self.seen = 0
        self.narrator = journal_narrator(self.scenario, self.model, self.values)
        self.journal = []
        self.paused = not self.autoplay
        e = self.state.extra
        if e["crossed"][0]:
            self.notice = [_("You are in {place}, in hiding.").format(
                place=_(self.model.places[int(e["node"][0])].label))]
        else:
            self.notice = [_("Night at the Tumen river, at {place}. China is on the other bank.").format(
                place=_(self.model.places[int(e["node"][0])].label))]
        self._journal_cache = None
        self.journal_offset = 0
        self._frame_route()
        self.rebuild(force=True)

    def relayout(self) -> None:
        """The map on the left with the journal box under it; status and choices on the right."""
        scale = fonts.get_scale()
        column = 600 if scale <= 1.25 else (520 if scale <= 1.5 else 460)
        margin = 12
        journal_h = self._journal_height()
        self.journal_rect = pygame.Rect(margin, H - margin - journal_h, column - margin, journal_h)
        self.map_rect = pygame.Rect(margin, margin, column - margin, self.journal_rect.y - 8 - margin)
        self.panel = pygame.Rect(column + 16, margin, W - column - 16 - margin, H - 2 * margin)
        self.inset_size = min(240, int(min(self.map_rect.size) * 0.42))
        self.inset.zoom = self.inset_size / (INSET_TILES * self.world.tile_width)
        self._frame_route()
        self._label_cache.clear()
        self._journal_cache = None
        self.rebuild(force=True)

    @property
    def caption_area(self) -> pygame.Rect:
        """Captions sit at the bottom of the map, above the journal box (see App._draw_chrome)."""
        return self.map_rect

    def _frame_route(self) -> None:
        """Zoom and centre the map on the whole route, with a margin of land and sea around it."""
        xs = [pl.x for pl in self.model.places]
        ys = [pl.y for pl in self.model.places]
        x0, x1 = min(xs) - ROUTE_MARGIN, max(xs) + ROUTE_MARGIN
        y0, y1 = min(ys) - ROUTE_MARGIN, max(ys) + ROUTE_MARGIN
        tw, th = self.world.tile_width, self.world.tile_height
        zoom = min(self.map_rect.width / ((x1 - x0) * tw), self.map_rect.height / ((y1 - y0) * th))
        self.view.zoom = max(self.view.fit_zoom(self.map_rect), round(zoom, 3))
        self.view.center = ((x0 + x1) / 2, (y0 + y1) / 2)
        self.view.clamp_center(self.map_rect)

    # ------------------------------------------------------------ what the player may choose now

    def _where(self) -> tuple[str, int, int]:
        """("river"|"place"|"road"|"held"|"done", node, leg) for the traveller."""
        e = self.state.extra
        node, leg = int(e["node"][0]), int(e["leg"][0])
        if not self.state.active[0]:
            return "done", node, leg
        if leg >= 0:
            return "road", node, leg
        if e["held"][0] > 0:
            return "held", node, leg
        if not e["crossed"][0]:
            return "river", node, leg
        return "place", node, leg

    def _next_place(self, node: int) -> int:
        leg = int(self.model.next_leg[node, self.choice["route"]])
        return int(self.model.leg_end[leg]) if leg >= 0 else node

    def _past_fork(self, node: int, leg: int) -> bool:
        here = leg if leg >= 0 else int(self.model.next_leg[node, 0])
        branch = self.model.legs[here].route if here >= 0 else "both"
        if leg < 0 and branch == "both":
            # At the fork itself the next legs differ by route: still open.
            return False
        return branch != "both"

    def activity_options(self, where: str, node: int) -> list[tuple[int, str]]:
        names = {ov.HIDE: _("Wait") if where == "river" else _("Hide"), ov.WORK: _("Work"),
                 ov.TRAVEL: _("Cross") if where == "river" else _("Move on")}
        return [(a, names[a]) for a in activities(where, bool(self.model.node_china[node]))]

    def activity_label(self, where: str, node: int) -> str:
        if where == "river":
            return _("Tonight you can wait, or cross the river into China.")
        nxt = _(self.model.places[self._next_place(node)].label)
        return _("Next stop: {place}.").format(place=nxt)

    def build(self) -> list:
        m, e = self.model, self.state.extra
        where, node, leg = self._where()
        widgets: list = []
        if where != "done":
            # First, so it stays under the finger whatever the lines below it say.
            widgets.append(Button(_("Pause") if not self.paused else _("Continue"), self.toggle_pause))
        if where in ("river", "place"):
            options = self.activity_options(where, node)
            if self.choice["activity"] not in [v for v, _t in options]:
                self.choice["activity"] = ov.HIDE
            widgets.append(Label(self.activity_label(where, node), role="small", dim=True))
            widgets.append(Choice(_("What I do"), options, self.choice["activity"], self._set("activity")))
        elif where == "road":
            dest = _(m.places[int(m.leg_end[leg])].label)
            widgets.append(Label(_(ov.ROAD_LABELS[int(e["leg_mode"][0])]).format(place=dest)))
        elif where == "held":
            widgets.append(Label(_("You are held in a village and cannot leave. The days pass.")))
        if self._past_fork(node, leg):
            branch = m.legs[leg if leg >= 0 else int(m.next_leg[node, self.choice["route"]])].route
            widgets.append(Label(_(ROUTE_TAKEN[ov.ROUTES.index(branch)])))
        else:
            widgets.append(Choice(_("Route after Beijing"), [(0, _("Thailand")), (1, _("Mongolia"))],
                                  self.choice["route"], self._set("route")))
        broker = int(e["broker"][0])
        if broker:
            widgets.append(Label(_(BROKER_PAID[broker])))
        elif where != "done":
            widgets.append(Choice(_("Broker"), [(0, _("None")), (1, _("Cheap")), (2, _("Trusted"))],
                                  self.choice["broker"], self._set("broker")))
            crossed = bool(e["crossed"][0])
            c1, c2 = (float(m.hire_cost(t, crossed)) for t in (1, 2))
            widgets.append(Label(_("A cheap broker asks about {cheap}, a trusted one about {trusted}. You have {money}. "
                                   "Hired as soon as you can pay.").format(
                cheap=spoken_price(c1), trusted=spoken_price(c2), money=money_text(float(e["money"][0]))), dim=True))
        widgets.append(Choice(_("Travel by"), [(ov.FOOT, _("On foot")), (ov.BUS, _("Bus")), (ov.TRAIN, _("Train"))],
                              min(self.choice["mode"], ov.TRAIN), self._set("mode")))
        if e["papers"][0]:
            widgets.append(Label(_("You have false papers.")))
        else:
            widgets.append(Toggle(_("Buy false papers ({cost})").format(cost=money_text(m.params["papers_cost"])),
                                  bool(self.choice["papers"]), self._set_flag("papers"), _("Yes"), _("No")))
        widgets.append(Toggle(_("Offer money at checks ({cost})").format(cost=money_text(m.params["bribe_cost"])),
                              bool(self.choice["pay"]), self._set_flag("pay"), _("Yes"), _("No")))
        widgets.append(Choice(_("Speed"), [(i, f"{s:g}×") for i, s in enumerate(SPEEDS)], self.speed_index,
                              self._set_speed))
        widgets.append(Button(_("The whole journal (J)"), self.open_journal, role="body"))
        widgets.append(Button(_("Keys and help (H)"), self.open_help, role="body"))
        return widgets

    def _set(self, field: str):
        def apply(value: int) -> None:
            self.choice[field] = int(value)
            self.rebuild()
        return apply

    def _set_flag(self, field: str):
        def apply(value: bool) -> None:
            self.choice[field] = int(bool(value))
        return apply

    def _set_speed(self, index: int) -> None:
        self.speed_index = int(index)
        self.speed = SPEEDS[self.speed_index]

    def _form_rect(self) -> pygame.Rect:
        top = self.panel.y + self._header_height() + 8
        return pygame.Rect(self.panel.x, top, self.panel.width, max(80, self.panel.bottom - top))

    def rebuild(self, force: bool = False) -> None:
        """Rebuild the choices when what they say has changed; keep the focus."""
        if not hasattr(self, "panel"):
            return
        e = self.state.extra
        signature = (self._where(), tuple(sorted(self.choice.items())), self.paused, self.speed_index,
                     int(e["broker"][0]), bool(e["papers"][0]), bool(e["crossed"][0]),
                     int(e["money"][0]) // 50, fonts.get_scale())
        if not force and signature == self._signature and self.form is not None:
            return
        self._signature = signature
        focus = self.form.focus if self.form else None
        scroll = self.form.scroll if self.form else 0
        self.form = PanelForm(self.build(), self._form_rect(), gap=8)
        if focus is not None and 0 <= focus < len(self.form.widgets) and self.form.widgets[focus].focusable:
            self.form.focus = focus
        self.form.scroll = min(scroll, self.form.max_scroll)

    # ------------------------------------------------------------ play

    def player_action(self) -> dict[str, Any]:
        return overland_action(self.choice)

    def toggle_pause(self) -> None:
        if self.sim.finished:
            return
        self.paused = not self.paused
        if not self.paused:
            self.notice = []
        self.rebuild(force=True)

    def open_journal(self) -> None:
        self.app.push(JournalScene(self.app, self))

    def open_help(self) -> None:
        self.app.push(help_overlay(self.app, self.scenario))

    def next_control(self) -> bool:
        """Tab, or the pad's X/Y: the next choice, and from the last back to the first."""
        focusables = [i for i, w in enumerate(self.form.widgets) if w.focusable]
        if focusables and self.form.focus == focusables[-1]:
            self.form.focus = focusables[0]
            self.form.scroll = 0
            return True
        return self.form.move_focus(1)

    def handle_play(self, intent) -> bool:
        if intent.kind in ("pointer_down", "pointer_move", "pointer_up"):
            self._pointer = intent.pos
            if self._handle_journal_pointer(intent):
                return True
        if intent.kind == "scroll" and self.journal_rect.collidepoint(self._pointer):
            self.scroll_journal(intent.amount)
            return True
        if intent.kind == "key":
            k = intent.key
            if k == pygame.K_g:
                self.toggle_pause()
                return True
            if k == pygame.K_j:
                self.open_journal()
                return True
            if k == pygame.K_h:
                self.open_help()
                return True
            if k in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
                self.scroll_journal(2 if k == pygame.K_PAGEUP else -2)
                return True
            if k == pygame.K_f:
                self._set_speed((self.speed_index + 1) % len(SPEEDS))
                self.rebuild(force=True)
                return True
            if k in (pygame.K_1, pygame.K_2, pygame.K_3):
                where, node, _leg = self._where()
                in_china = where == "place" and bool(self.model.node_china[node])
                wanted = activity_for_key(k - pygame.K_0, where, in_china)
                if wanted is not None:
                    self.choice["activity"] = wanted
                    self.rebuild(force=True)
                return True
            return False
        if intent.kind == "next":
            return self.next_control()
        return self.form.handle(intent)

    # ------------------------------------------------------------ the journal box

    def scroll_journal(self, amount: int) -> None:
        """Positive: towards earlier lines (up); negative: towards later ones."""
        top_first = self._journal_top_first()
        self.journal_offset = max(0, self.journal_offset + (-amount if top_first else amount))
        # Clamped against what fits when the box is next drawn.

    def _handle_journal_pointer(self, intent) -> bool:
        """Drag the journal box to scroll it; tap it for the whole journal."""
        kind = intent.kind
        if kind == "pointer_down" and self.journal_rect.collidepoint(intent.pos):
            self._journal_drag = (intent.pos[1], self.journal_offset, False)
            return True
        if self._journal_drag is None:
            return False
        y0, offset0, moved = self._journal_drag
        if kind == "pointer_move":
            dy = intent.pos[1] - y0
            if abs(dy) > 12:
                moved = True
            if moved:
                lines = round(dy / line_height(fonts.font("body")))
                self.journal_offset = offset0
                self.scroll_journal(lines)
            self._journal_drag = (y0, offset0, moved)
            return True
        if kind == "pointer_up":
            self._journal_drag = None
            if not moved and self.journal_rect.collidepoint(intent.pos):
                self.open_journal()
            return True
        return False

    def on_step(self) -> None:
        events = self.sim.events(0)
        new = self.narrator.lines(events[self.seen:])
        self.seen = len(events)
        self.journal += new
        if new:
            self._journal_cache = None
            self.journal_offset = 0  # show the news
        lines = []
        stop = False
        cues = []
        for line in new:
            lines.append(line.text)
            if line.entry.tone:
                cues.append((line.entry.tone == "good", line.text))
            if line.entry.pause:
                stop = True
        if cues:
            # One tone a day, and its caption: the bad news if there is any.
            good, text = min(cues, key=lambda c: c[0])
            self.app.caption(text, 4.0)
            self._cue(660.0 if good else 294.0)
        if self.autoplay:
            self.choice.update({k: int(v) for k, v in self.model.auto_action(self.state).items()})
        elif stop and not self.sim.finished:
            self.paused = True
            self.notice = lines
        self.rebuild()

    _tones: dict[float, Any] = {}

    def _cue(self, freq: float) -> None:
        if freq not in self._tones:
            self._tones[freq] = tone(freq, 0.35, 0.25)
        self.app.audio.once(self._tones[freq], 0.6)

    def on_finished(self) -> None:
        self.app.audio.stop("overland-wind")
        # The ending says in words how the journey ended; the last day's
        # captions would only cover it.
        self.app.captions.clear()
        self.notice = []
        self.rebuild(force=True)

    def ending_where(self) -> str:
        """When and where it ended: the day, and the place or the road."""
        e = self.state.extra
        node, leg = int(e["node"][0]), int(e["leg"][0])
        day = int(self.state.step)
        if leg >= 0:
            return _("Day {day}, on the road from {a} to {b}.").format(
                day=day, a=_(self.model.places[int(self.model.leg_start[leg])].label),
                b=_(self.model.places[int(self.model.leg_end[leg])].label))
        return _("Day {day}, {place}.").format(day=day, place=_(self.model.places[node].label))

    def ending_card(self) -> tuple[pygame.Rect, str, str, str]:
        """The ending card's rectangle, title, text and hint."""
        outcome = self.outcome or ""
        info = self.scenario.outcomes.get(outcome, {})
        title, text = _(info.get("label", outcome)), ending_words(self)
        hint = _("Tap, click or press Enter for the debrief.")
        width = min(W - 160, round(760 * max(1.0, fonts.get_scale() * 0.9)))
        ft, fb, fs = fonts.font("title", True), fonts.font("body"), fonts.font("small")
        h = (len(wrap(ft, title, width)) * line_height(ft) + 12 + len(wrap(fb, text, width)) * line_height(fb)
             + 18 + len(wrap(fs, hint, width)) * line_height(fs))
        card = pygame.Rect((W - width) // 2 - 32, max(8, (H - h) // 2 - 24), width + 64, h + 48)
        return card, title, text, hint

    def draw_ending(self, surface: pygame.Surface) -> None:
        """How the journey ended, on a card of its own so the panel's text does not show through."""
        shade_screen(surface, self.theme)
        card, title, text, hint = self.ending_card()
        width = card.width - 64
        ft, fb, fs = fonts.font("title", True), fonts.font("body"), fonts.font("small")
        draw_card(surface, self.theme, card)
        x, y = card.x + 32, card.y + 24
        y += draw_text(surface, ft, title, (x, y), self.theme.text, width, "center") + 12
        y += draw_text(surface, fb, text, (x, y), self.theme.text, width, "center") + 18
        if self.end_timer and self.end_timer > 0.6:
            draw_text(surface, fs, hint, (x, y), self.theme.text_dim, width, "center")

    # ------------------------------------------------------------ drawing

    def _header_lines(self) -> list[tuple[str, str, tuple[int, int, int]]]:
        """(role, text, colour) lines of the status header."""
        m, e, t = self.model, self.state.extra, self.theme
        where, node, leg = self._where()
        step = self.state.step if self.state.active[0] else max(0, self.state.step - 1)
        month = _(MONTHS[m.month_of(step) - 1])
        date = _("Day {day} · {month} {year}").format(day=step + 1, month=month, year=int(self.values["year"]))
        place = _(m.places[node].label)
        if where == "done" and leg >= 0:
            where = "road"
        if where == "river":
            here = _("At the river, {place}, North Korea").format(place=place)
        elif where == "road":
            here = _("On the road from {a} to {b}").format(a=place, b=_(m.places[int(m.leg_end[leg])].label))
        elif where == "held":
            here = _("Held in a village, far from the road")
        else:
            here = _("In {place}").format(place=place)
        health = int(round(100 * float(e["health"][0])))
        broker = _(ov.BROKER_LABELS[int(e["broker"][0])])
        papers = _("false papers") if e["papers"][0] else _("no papers")
        stats = _("Money {money} · Health {health}% · {broker} · {papers}").format(
            money=money_text(float(e["money"][0])), health=health, broker=broker, papers=papers)
        lines = [("bold", f"{date} · {here}", t.text), ("small", stats, t.text)]
        if self.app.settings.felt_danger_hint and self.state.active[0] and self.state.step > 0:
            risk = float(self.state.risk[0])
            reason = int(self.state.reason[0])
            # The risk is the day just lived. Once arrived, the river or the road it was on
            # is behind: say so, rather than warn of the river in Yanji.
            behind = where == "place" and reason in ROAD_REASONS
            if risk >= 0.05:
                level, colour = (_("On the way here, danger was high.") if behind else _("Danger today: high.")), t.danger
            elif risk >= 0.005:
                level, colour = (_("On the way here, danger was raised.") if behind else _("Danger today: raised.")), t.warning
            else:
                level, colour = (_("On the way here, danger was low.") if behind else _("Danger today: low.")), t.good
            why = _(m.risk_reasons[reason]) if reason >= 0 else ""
            lines.append(("small", join_sentences(level, why), colour))
        return lines

    def _header_height(self) -> int:
        """At least the room of a two-line place, the money line and a two-line danger line,
        so the choices below never shift as the header's words change."""
        bold, small = line_height(self._header_font("bold")), line_height(self._header_font("small"))
        reserved = 2 * bold + small + (2 * small if self.app.settings.felt_danger_hint else 0)
        return max(self._header()[1], reserved)

    @staticmethod
    def _header_font(role: str) -> pygame.font.Font:
        return fonts.font("body", True) if role == "bold" else fonts.font(role)

    def _journal_height(self) -> int:
        return JOURNAL_LINES * line_height(fonts.font("body")) + 16

    def legend_focus(self) -> tuple[int, int]:  # the map's key opens away from you
        return self.view.world_to_screen(self.map_rect, *self._traveller_pos())

    def metres_per_px(self) -> float:
        return float(self.world.properties.get("km_per_tile", 40.0)) * 1000.0 / self.view.tile_px

    def draw_play(self, surface: pygame.Surface) -> None:
        t = self.theme
        surface.fill(t.background)
        self.view.draw(surface, self.map_rect)
        pos = self._traveller_pos()
        traveller = self.view.world_to_screen(self.map_rect, *pos)
        inset = self._inset_rect(traveller)
        keep = [inset] + self.legend.rects(self.map_rect, traveller)  # the map's key and scale bar
        labels = self._draw_routes(surface, self.view, self.map_rect, NAMED, traveller, keep)
        self._draw_traveller(surface, self.view, self.map_rect, pos, trail=True)
        for img, box in labels:
            surface.blit(img, box)
        self._draw_inset(surface, inset, pos)
        pygame.draw.rect(surface, t.panel_edge, self.map_rect.inflate(4, 4), width=2, border_radius=4)
        # The panel: header and choices; the journal under the map.
        form_rect = self._form_rect()
        if self.form.rect != form_rect:
            self.rebuild(force=True)
        header, _h = self._header()
        surface.blit(header, self.panel.topleft)
        self._draw_form(surface)
        self._draw_journal(surface)

    def _header(self) -> tuple[pygame.Surface, int]:
        """The status lines, rendered once per change."""
        lines = self._header_lines()
        key = (tuple(lines), self.panel.size, fonts.get_scale())
        if self._header_cache is None or self._header_cache[0] != key:
            heights = []
            for i, (role, text, _c) in enumerate(lines):
                f = self._header_font(role)
                w = self.panel.width - (MENU_CORNER.width + 8 if i == 0 else 0)
                heights.append(len(wrap(f, text, w)) * line_height(f))
            img = pygame.Surface((self.panel.width, max(1, sum(heights))), pygame.SRCALPHA)
            y = 0
            for i, (role, text, colour) in enumerate(lines):
                w = self.panel.width - (MENU_CORNER.width + 8 if i == 0 else 0)
                y += draw_text(img, self._header_font(role), text, (0, y), colour, w)
            self._header_cache = (key, img, sum(heights))
        return self._header_cache[1], self._header_cache[2]

    def _draw_form(self, surface: pygame.Surface) -> None:
        """The choices, redrawn only when they, the focus or the scroll change."""
        form = self.form
        key = (id(form), form.focus, form.scroll, self.theme)
        if self._form_cache is None or self._form_cache[0] != key:
            img = pygame.Surface(form.rect.size, pygame.SRCALPHA)
            where = form.rect.topleft
            form.rect.topleft = (0, 0)  # draw into the cache at its origin
            try:
                form.draw(img, self.theme)
            finally:
                form.rect.topleft = where
            self._form_cache = (key, img)
        surface.blit(self._form_cache[1], form.rect.topleft)

    # ------------------------------------------------------------ the map

    def _map_font(self) -> pygame.font.Font:
        """Place names grow more gently than body text: they must not bury the map."""
        growth = 1.0 + LABEL_GROWTH * (fonts.get_scale() - 1.0)
        return fonts.font_px(max(12, round(fonts.SIZES["small"] * growth)), True)

    def _draw_routes(self, surface: pygame.Surface, view: MapView, rect: pygame.Rect, named,
                     traveller: tuple[int, int], keep_clear: list[pygame.Rect]) -> list:
        """The roads and the places' dots; returns the names to draw over the traveller's trail."""
        m = self.model
        hc = self.app.settings.high_contrast
        chosen = ov.ROUTES[self.choice["route"]]
        for leg in m.legs:
            a = view.world_to_screen(rect, m.places[leg.start].x, m.places[leg.start].y)
            b = view.world_to_screen(rect, m.places[leg.end].x, m.places[leg.end].y)
            width = 4 if leg.route in ("both", chosen) else 2
            pygame.draw.line(surface, (0, 0, 0) if hc else (30, 30, 30), a, b, width + 2)
            pygame.draw.line(surface, ROUTE_COLOURS[leg.route], a, b, width)
            if 2 in leg.modes:  # a railway runs here: cross ties (the map's key shows the same)
                rail_ties(surface, a, b)
        dots = []
        for place in m.places:
            p = view.world_to_screen(rect, place.x, place.y)
            if not rect.collidepoint(p):
                continue
            pygame.draw.circle(surface, (255, 255, 255), p, 4)
            pygame.draw.circle(surface, (0, 0, 0), p, 4, 1)
            dots.append(pygame.Rect(p[0] - 5, p[1] - 5, 10, 10))
        return self.place_labels(view, rect, named, traveller, keep_clear, dots)

    def place_labels(self, view: MapView, rect: pygame.Rect, named, traveller: tuple[int, int],
                     keep_clear: list[pygame.Rect], dots: list[pygame.Rect] = ()
                     ) -> list[tuple[pygame.Surface, pygame.Rect]]:
        """Where each place name goes: beside its dot, on a side that covers no other
        name, the traveller or the inset, nor (if it can) another place's dot; a name
        with no free side is left out."""
        from ..ui import labels

        f = self._map_font()
        by_id = {pl.id: pl for pl in self.model.places}
        taken = [pygame.Rect(traveller[0] - 11, traveller[1] - 11, 22, 22)] + list(keep_clear)
        wanted, images = [], {}
        for rank, pid in enumerate(named):
            place = by_id.get(pid)
            if place is None:
                continue
            p = view.world_to_screen(rect, place.x, place.y)
            if not rect.collidepoint(p):
                continue
            images[pid] = self._label(_(place.label), f)
            near = abs(p[0] - traveller[0]) <= 12 and abs(p[1] - traveller[1]) <= 12
            gap = 13 if near else 7  # clear of the traveller's marker when she is here
            wanted.append(labels.Label(pid, p, images[pid].get_size(), rank, gap, left_first=pid in LABEL_LEFT))
        boxes = labels.place(wanted, rect, taken + list(dots))
        return [(images[pid], boxes[pid]) for pid in named if pid in boxes]

    def _near_names(self) -> list[str]:
        """Named in the inset: where you are, then where you go next."""
        m = self.model
        where, node, leg = self._where()
        names = [m.places[node].id]
        if where in ("river", "place"):
            names.append(m.places[self._next_place(node)].id)
        elif leg >= 0:
            names.append(m.places[int(m.leg_end[leg])].id)
        return list(dict.fromkeys(names))

    def _traveller_pos(self) -> tuple[float, float]:
        journey = self.sim.journey
        x, y = float(self.state.x[0]), float(self.state.y[0])
        if (len(journey) >= 2 and not self.paused and not self.sim.finished
                and not self.app.settings.reduced_motion):
            prev = journey[-2]
            k = min(1.0, max(0.0, self._acc))
            x, y = prev.x + (x - prev.x) * k, prev.y + (y - prev.y) * k
        return x, y

    def _inset_rect(self, traveller: tuple[int, int]) -> pygame.Rect:
        """Near you, magnified: in the map's lower right corner (the sea east of China),
        or its upper right if the traveller were under it."""
        size, r = self.inset_size, self.map_rect
        rect = pygame.Rect(r.right - size - 8, r.bottom - size - 8, size, size)
        if rect.inflate(24, 24).collidepoint(traveller):
            rect.y = r.y + 8
        return rect

    def _draw_inset(self, surface: pygame.Surface, rect: pygame.Rect, pos: tuple[float, float]) -> None:
        self.inset.center = pos
        clip = surface.get_clip()
        self.inset.draw(surface, rect)
        surface.set_clip(rect)
        traveller = self.inset.world_to_screen(rect, *pos)
        title = self._label(_("Around you"), self._map_font())
        title_rect = pygame.Rect(rect.x + 3, rect.y + 3, *title.get_size())
        labels = self._draw_routes(surface, self.inset, rect, self._near_names(), traveller, [title_rect])
        self._draw_traveller(surface, self.inset, rect, pos, trail=False)
        for img, box in labels:
            surface.blit(img, box)
        surface.blit(title, title_rect)
        surface.set_clip(clip)
        pygame.draw.rect(surface, self.theme.panel_edge, rect, width=3)

    def _label(self, text: str, f: pygame.font.Font) -> pygame.Surface:
        key = (text, f.get_height())
        if key not in self._label_cache:
            img = f.render(text, True, (255, 255, 255))
            box = pygame.Surface((img.get_width() + 8, img.get_height() + 2), pygame.SRCALPHA)
            box.fill((0, 0, 0, 190))
            box.blit(img, (4, 1))
            self._label_cache[key] = box
        return self._label_cache[key]

    def _draw_traveller(self, surface, view: MapView, rect: pygame.Rect, pos, trail: bool) -> None:
        if trail:
            points = [view.world_to_screen(rect, s.x, s.y) for s in self.sim.journey]
            if len(points) >= 2:
                pygame.draw.lines(surface, (0, 0, 0), False, points, 3)
        p = view.world_to_screen(rect, *pos)
        fill = self.theme.accent if self.app.settings.high_contrast else OKABE_ITO["vermillion"]
        pygame.draw.circle(surface, (255, 255, 255), p, 10)
        pygame.draw.circle(surface, (0, 0, 0), p, 10, 2)
        pygame.draw.circle(surface, fill, p, 6)

    # ------------------------------------------------------------ the journal box

    def _journal_waiting(self) -> bool:
        return bool(self.notice) and self.paused and not self.sim.finished

    def _journal_top_first(self) -> bool:
        """News waiting for a decision reads from the top; the journal from its newest line up."""
        return self._journal_waiting()

    def journal_lines(self) -> list[tuple[pygame.Surface, int]]:
        """The box's lines, rendered: the news and what to do, or the latest entries."""
        t, rect = self.theme, self.journal_rect
        waiting = self._journal_waiting()
        width = rect.width - 40  # 10 on the left, 30 on the right for the arrows
        f = fonts.font("body")
        key = (len(self.journal), fonts.get_scale(), rect.size, t, waiting, tuple(self.notice))
        if self._journal_cache is None or self._journal_cache[0] != key:
            rendered: list[tuple[pygame.Surface, int]] = []
            self._continued: set[int] = set()  # lines that go on from the line before
            if waiting:
                fs = fonts.font("small")
                hint = wrap(fs, _("Choose, then press Continue."), width)
                if len(hint) > 1:
                    hint = wrap(fs, _("Then press Continue."), width)
                room = rect.height - 16 - len(hint) * line_height(fs)
                # The news in body text if it fits the box, else a size smaller.
                for fn in (f, fs):
                    lines = [ln for text in self.notice for ln in wrap(fn, text, width)]
                    if len(lines) * line_height(fn) <= room:
                        break
                rendered += [(fn.render(ln, True, t.text), line_height(fn)) for ln in lines]
                rendered += [(fs.render(ln, True, t.accent), line_height(fs)) for ln in hint]
            else:
                for line in self.journal[-30:]:
                    text = _("Day {day}: {line}").format(day=line.step + 1, line=line.text)
                    for i, ln in enumerate(wrap(f, text, width)):
                        rendered.append((f.render(ln, True, t.text), line_height(f)))
                        if i:
                            self._continued.add(len(rendered) - 1)
            if not rendered:
                rendered.append((f.render(fit_text(f, _("Your journal begins here."), width), True, t.text_dim),
                                 line_height(f)))
            self._journal_cache = (key, rendered)
        return self._journal_cache[1]

    def journal_visible(self) -> tuple[int, int]:
        """(first, end) indices of the whole lines that show, after the scroll offset."""
        lines = self.journal_lines()
        room = self.journal_rect.height - 16
        n = len(lines)

        def fits(a: int, b: int) -> bool:
            return sum(lh for _img, lh in lines[a:b]) <= room

        if self._journal_top_first():
            # Hidden lines are above: the offset counts from the top.
            last_start = next(a for a in range(n + 1) if fits(a, n))
            self.journal_offset = min(self.journal_offset, last_start)
            a = self.journal_offset
            b = a
            while b < n and fits(a, b + 1):
                b += 1
            return a, b
        first_end = next((b for b in range(n, -1, -1) if fits(0, b)), 0)
        self.journal_offset = min(self.journal_offset, n - first_end)
        b = n - self.journal_offset
        a = b
        while a > 0 and fits(a - 1, b):
            a -= 1
        while a < b - 1 and a in self._continued:
            a += 1  # begin with a whole entry
        return a, b

    def _draw_journal(self, surface: pygame.Surface) -> None:
        t, rect = self.theme, self.journal_rect
        pygame.draw.rect(surface, t.panel, rect, border_radius=8)
        if self._journal_waiting():
            # Time has stopped for a decision: say what happened and what to do.
            pygame.draw.rect(surface, t.accent, rect, width=3, border_radius=8)
        else:
            pygame.draw.rect(surface, t.panel_edge, rect, width=1, border_radius=8)
        lines = self.journal_lines()
        a, b = self.journal_visible()
        y = rect.y + 8
        if not self._journal_top_first():
            y = rect.bottom - 8 - sum(lh for _img, lh in lines[a:b])
        for img, lh in lines[a:b]:
            surface.blit(img, (rect.x + 10, y))
            y += lh
        # More above or below: a small arrow at the right edge, clear of the text.
        x = rect.right - 16
        if a > 0:
            pygame.draw.polygon(surface, t.text, [(x - 7, rect.y + 20), (x + 7, rect.y + 20), (x, rect.y + 8)])
        if b < len(lines):
            pygame.draw.polygon(surface, t.text,
                                [(x - 7, rect.bottom - 20), (x + 7, rect.bottom - 20), (x, rect.bottom - 8)])

def _whole_widget_form(scene: MenuScene) -> None:
    """MenuScene.relayout with a PanelForm: only whole widgets show."""
    focus = scene.form.focus if scene.form else None
    panel = scene.panel_rect()
    f = fonts.font(scene.heading_role, True)
    head_h = len(wrap(f, scene.heading(), panel.width - 80)) * line_height(f) + 16
    scene.form = PanelForm(scene.build(), pygame.Rect(panel.x, panel.y + head_h, panel.width, panel.height - head_h))
    if focus is not None and 0 <= focus < len(scene.form.widgets) and scene.form.widgets[focus].focusable:
        scene.form.focus = focus
        scene.form._scroll_into_view(focus)


class ProfileScene(MenuScene):
    """Before the journey: who are you? Each profile is drawn from the record."""

    width = 980
    AUTO_S = 1.5

    def __init__(self, app, play: PlayScene):
        self.play = play
        self.clock = 0.0
        super().__init__(app)

    def heading(self) -> str:
        return _("Who are you?")

    def build(self):
        widgets: list = [Label(_("Choose one. Each is drawn from the kinds of people the record describes; "
                                 "none is a real person."), dim=True)]
        for name, prof in self.play.profiles.items():
            label = _(prof.get("label", name))
            if name == self.play.preset_profile:
                label = _("{label} (suggested for these conditions)").format(label=label)
            widgets.append(Button(label, lambda name=name: self.choose(name), detail=_(prof.get("text", ""))))
        return widgets

    def relayout(self) -> None:
        _whole_widget_form(self)

    def choose(self, name: str) -> None:
        self.app.pop()
        self.play.set_profile(name)

    def back(self) -> None:
        self.app.open_menu()

    def update(self, dt: float) -> None:
        if self.app.launch.autoplay:
            self.clock += dt
            if self.clock >= self.AUTO_S:
                self.choose(self.play.suggested)


class _TextOverlay(MenuScene):
    """A page of text over the journey, with one button: the arrow keys and the
    pad scroll the text (there is nothing else to move between); only whole
    lines show."""

    opaque = False
    width = 900

    def relayout(self) -> None:
        _whole_widget_form(self)

    def handle(self, intent) -> bool:
        if intent.kind in ("up", "down"):
            step = line_height(fonts.font("body")) * (1 if intent.kind == "down" else -1)
            self.form.scroll = max(0, min(self.form.max_scroll, self.form.scroll + step))
            return True
        return super().handle(intent)

    def draw(self, surface) -> None:
        shade_screen(surface, self.theme)
        draw_card(surface, self.theme, self.panel_rect().inflate(24, 24))
        self.draw_content(surface)


class JournalScene(_TextOverlay):
    """The whole journal so far, in the traveller's words; opens at the newest
    entries, just above the button back."""

    def __init__(self, app, play: PlayScene):
        self.play = play
        super().__init__(app)

    def heading(self) -> str:
        return _("Journal")

    def build(self):
        play = self.play
        widgets: list = []
        if not play.journal:
            widgets.append(Label(_("Nothing written yet."), dim=True))
        for line in play.journal:
            widgets.append(Label(_("Day {day}: {line}").format(day=line.step + 1, line=line.text)))
        widgets.append(Button(_("Back to the journey"), self.app.pop))
        return widgets

    def relayout(self) -> None:
        super().relayout()
        self.form.scroll = self.form.max_scroll


# The help overlay of old, by its old name (tests look for it).
HelpScene = HelpOverlay


__all__ = ["PlayScene", "ProfileScene", "JournalScene", "HelpScene", "journal_narrator"]
