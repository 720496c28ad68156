"""Play: The long way round (the thin scene).

The whole route on a map of north-east and south-east Asia on the left; on
the right, where you are and what you have, your choices, and the journal.
One simulation step is one day. Time runs while you hide, work or travel;
it stops by itself when something happens that needs a decision (you
reach a place, police begin a campaign, police stop the bus, ...), and
you go on with Continue.

This module joins the parts: input -> ``actions`` -> model step ->
``observation`` -> ``view`` (all in this folder).

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

from ...i18n import N_, _, join_sentences
from ...levels import model_for
from ...narrator import Line, Narrator
from ...sim import overland as ov
from ...sim.runner import Simulation
from ...synth import tone
from ...ui import fonts
from ...ui.hud import HelpOverlay, draw_card, help_overlay, shade_screen
from ...ui.text import line_height
from ...ui.widgets import Button, Choice, Form, Label, Toggle
from ...world.render import MapView
from ..base import H, MenuScene, W
from ..play_base import PlayBase
from ..story import ending_words
from . import layout as lay
from . import observation as obs_mod
from .actions import (activities, activity_for_key, answers, chance_words, door_answers, overland_action,
                      river_answers)
from .observation import (BROKER_PAID, ROUTE_TAKEN, asking_price, money_text,  # noqa: F401  (spoken_price: tests)
                          spoken_price)
from .view import NAMED, Header, JournalBox, MapPainter, PanelForm, whole_widget_form
from . import view as vw

SPEEDS = (1.0, 2.0, 4.0)
# Which journal lines stop the clock (``pause``) and sound a cue (``tone``:
# good news high, bad news low) is said by levels/overland/scenario.toml [events].
ROUTE_MARGIN = 5.0  # tiles of land and sea kept around the route when framing the map


def journal_narrator(scenario, model: ov.Model, values, gentle: bool = False) -> Narrator:
    """The narrator of this journey: the profile's words, the route's places."""
    return Narrator(scenario, values, names={"place": [p.label for p in model.places]}, gentle=gentle)


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
        # The view's parts and their caches (view.py): nothing there reads the model.
        self.painter = MapPainter()
        self.header = Header()
        self.journal_box = JournalBox()  # its offset: lines scrolled away from the natural end
        self._marks: tuple | None = None  # the map's places and roads, per language
        self._form_cache: tuple | None = None
        self._journal_drag: tuple[int, int, bool] | None = None  # (start y, offset, moved)
        self._pointer = (0, 0)  # last pointer position: the wheel scrolls what it is over
        self.relayout()

    # ------------------------------------------------------------ set-up

    @classmethod
    def ambient(cls, seed: int):
        from ... import synth

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
        elif obs_mod.at_home(self.state):
            self.notice = [_("At home in North Korea. {place} and the Tumen river, with China on the other bank, "
                             "are a day away by train.").format(place=_(self.model.places[int(e["node"][0])].label))]
        else:
            self.notice = [_("Night at the Tumen river, at {place}. China is on the other bank.").format(
                place=_(self.model.places[int(e["node"][0])].label))]
        self._journal_cache = None
        self.journal_offset = 0
        self._frame_route()
        self.rebuild(force=True)
        if not self.autoplay and obs_mod.open_decision(self.model, self.state):
            self.focus_decision()  # a question on the first day has the focus, as one on the way does

    def relayout(self) -> None:
        """The map on the left with the journal box under it; status and choices on the right."""
        parts = lay.layout(W, H, fonts.get_scale(), line_height(fonts.font("body")))
        self.journal_rect = pygame.Rect(parts.journal)
        self.map_rect = pygame.Rect(parts.map)
        self.panel = pygame.Rect(parts.panel)
        self.inset_size = parts.inset_size
        self.inset.zoom = self.inset_size / (lay.INSET_TILES * self.world.tile_width)
        self._frame_route()
        self.painter.clear()
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

    # ------------------------------------------------------------ what the player may choose now

    def _where(self) -> tuple[str, int, int]:
        """("river"|"place"|"road"|"held"|"done", node, leg) for the traveller."""
        return obs_mod.where_of(self.model, self.state)

    def _next_place(self, node: int) -> int:
        return obs_mod.next_place(self.model, node, self.choice["route"])

    def _past_fork(self, node: int, leg: int) -> bool:
        return obs_mod.past_fork(self.model, node, leg)

    def activity_options(self, where: str, node: int) -> list[tuple[int, str]]:
        names = {ov.HIDE: _("Wait") if where == "river" else _("Hide"), ov.WORK: _("Work"), ov.WATCH: _("Watch"),
                 ov.TRAVEL: _("Cross") if where == "river" else _("Move on"), ov.SHELTER: _("Church")}
        return [(a, names[a]) for a in activities(where, bool(self.model.node_china[node]))]

    def activity_label(self, where: str, node: int) -> str:
        if where == "river" and obs_mod.at_home(self.state):
            return _("First the questions of leaving; then, at the river, each night you can wait, watch the guards "
                     "from the bank, or cross into China.")
        if where == "river":
            return _("Tonight you can wait, watch the guards from the bank, or cross the river into China.")
        nxt = _(self.model.places[self._next_place(node)].label)
        return _("Next stop: {place}.").format(place=nxt)

    def build(self) -> list:
        m, e = self.model, self.state.extra
        where, node, leg = self._where()
        widgets: list = []
        if where != "done":
            # First, so it stays under the finger whatever the lines below it say.
            widgets.append(Button(_("Pause") if not self.paused else _("Continue"), self.toggle_pause))
        decision = obs_mod.open_decision(m, self.state)
        # A decision the journey waits for comes first, right under Continue.
        if decision == "phone":
            widgets += self._phone_widgets()
        elif decision == "company":
            widgets += self._company_widgets()
        elif decision == "river":
            widgets += self._spotted_widgets()
        elif decision == "door":
            widgets += self._door_widgets()
        elif decision == "offer":
            widgets += self._offer_widgets()
        elif decision == "lodging":
            widgets += self._lodging_widgets()
        elif decision == "mobile":
            widgets += self._mobile_widgets()
        elif decision == "sell":
            widgets += self._sell_widgets()
        elif decision == "contacts":
            widgets += self._contacts_widgets()
        elif decision == "church":
            widgets += self._church_widgets()
        elif decision == "laos_way":
            widgets += self._laos_way_widgets()
        elif decision in self.QUESTIONS:
            widgets += self._question_widgets(decision)
        elif decision == "check":
            widgets += self._check_widgets(open_now=True)
        elif decision == "warning":
            widgets += self._warning_widgets()
        if where == "place" and int(e["stopover"][0]) > 0 and not decision:
            widgets += self._stopover_widgets()
        if where in ("river", "place"):
            options = self.activity_options(where, node)
            if self.choice["activity"] not in [v for v, _t in options]:
                self.choice["activity"] = ov.HIDE
            widgets.append(Label(self.activity_label(where, node), role="small", dim=True))
            widgets.append(Choice(_("What I do"), options, self.choice["activity"], self._set("activity")))
            ahead = {"gobi": _("Ahead is the Gobi, on foot: in winter the nights freeze, in summer there is little "
                               "water. Waiting here for the season to turn is a choice too."),
                     "laos": _("Ahead is the border with Laos: over the hills on foot, or hidden in a car through "
                              "the border post.")}.get(
                self._next_crossing(node) if where == "place" else "", "")
            if ahead:
                widgets.append(Label(ahead, role="small", dim=True))
            if self.choice["activity"] == ov.SHELTER:
                widgets.append(Label(_("A church feeds you, keeps you away from those who sell women, and may find "
                                       "you a way south. But the police watch the churches that help North Koreans.")
                                     if m.params["female"] else
                                     _("A church feeds you and may find you a way south. But the police watch the "
                                       "churches that help North Koreans."),
                                     role="small", dim=True))
        if where == "river":
            widgets += self._river_widgets()
        if where == "river" or (where == "place" and self._next_crossing(node) in ("mekong", "gobi")):
            widgets += self._ford_widgets("river" if where == "river" else self._next_crossing(node))
        elif where == "road" and not obs_mod.in_the_river(m, self.state):
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
                cheap=asking_price(c1), trusted=asking_price(c2), money=money_text(float(e["money"][0]))), dim=True))
            conflict = obs_mod.price_conflict(m)
            if conflict:
                widgets.append(Label(conflict, role="small", dim=True))
        widgets.append(Choice(_("Travel by"), [(ov.FOOT, _("On foot")), (ov.BUS, _("Bus")), (ov.TRAIN, _("Train"))],
                              min(self.choice["mode"], ov.TRAIN), self._set("mode")))
        if e["papers"][0]:
            widgets.append(Label(_("You have false papers.")))
        else:
            widgets.append(Toggle(_("Buy false papers ({cost})").format(cost=money_text(m.params["papers_cost"])),
                                  bool(self.choice["papers"]), self._set_flag("papers"), _("Yes"), _("No")))
        if where != "done" and decision != "check":
            widgets += self._check_widgets(open_now=False)
        widgets.append(Choice(_("Speed"), [(i, f"{s:g}×") for i, s in enumerate(SPEEDS)], self.speed_index,
                              self._set_speed))
        widgets.append(Button(_("The whole journal (J)"), self.open_journal, role="body"))
        widgets.append(Button(_("Keys and help (H)"), self.open_help, role="body"))
        return widgets

    def _next_crossing(self, node: int) -> str:
        leg = int(self.model.next_leg[node, self.choice["route"]])
        return self.model.legs[leg].crossing if leg >= 0 else ""

    def _ford_widgets(self, crossing: str) -> list:
        """At a river or the Gobi's fence: where (or when) to cross, and what each means."""
        m = self.model
        if crossing == "gobi":
            # The whole walk's chance of a patrol, and what a day of it costs, near the railway and far out.
            e = self.state.extra
            days = obs_mod.leg_days(m, int(m.next_leg[int(e["node"][0]), self.choice["route"]]), ov.FOOT)
            daily = float(m.check_chance(ov.KINDS.index("gobi"), ov.FOOT, int(e["broker"][0]), int(e["campaign"][0]) > 0))
            near, far = (1.0 - (1.0 - daily * f) ** days for f in (1.0, float(m.params["gobi_far_check_factor"])))
            winter = m._in_months(m.month_of(self.state.step), "winter_from_month", "winter_to_month")
            loss = float(m.params["gobi_winter_loss" if winter else "gobi_summer_loss"])
            loss *= float(m.params["child_exposure_factor"]) if m.params["with_child"] else 1.0
            far_loss = loss * float(m.params["gobi_far_loss_factor"])
            return [Choice(_("Crossing the fence"), [(0, _("Near the railway")), (1, _("Far out"))],
                           self.choice.get("ford", 0), self._set("ford")),
                    Label(_("Near the railway the Mongolian post is close, but the Chinese patrols watch the fence "
                            "most: stopped by a patrol on the walk, {near}, and each day costs about {loss}% of your "
                            "strength. Far out in the desert: {far}, but about {far_loss}% a day, far from water and "
                            "from the post. Mongolia's guards usually send those they find on to the South.").format(
                        near=_(chance_words(near)), far=_(chance_words(far)), loss=round(100 * loss),
                        far_loss=round(100 * far_loss)), role="small", dim=True)]
        if crossing == "mekong":
            return [Choice(_("Crossing the Mekong"), [(0, _("By day")), (1, _("At night"))],
                           self.choice.get("ford", 0), self._set("ford")),
                    Label(_("By day the boats leave from the landing, where the police of Laos may be watching. "
                            "At night, away from it, fewer eyes are on the bank, but a small boat without lights "
                            "on a wide, fast river is more dangerous."), role="small", dim=True)]
        ice = m._in_months(m.month_of(self.state.step), "ice_from_month", "ice_to_month")
        why = (_("The river is frozen: upstream there is no deeper water to fear, only fewer guards and a long, "
                 "cold walk.") if ice else
               _("Near the town the river is shallow, and the guards watch it most. Upstream fewer guards stand, "
                 "but the water is deeper and the walk there is long."))
        return [Choice(_("Where to cross"), [(0, _("Near town")), (1, _("Upstream"))], self.choice.get("ford", 0),
                       self._set("ford")),
                Label(why, role="small", dim=True)]

    def _river_widgets(self) -> list:
        """At the river, each night: the moon, the guards' rounds, what the guards would see; a guard to pay."""
        m, e = self.model, self.state.extra
        out: list = [Label(obs_mod.river_night(m, self.state, self.choice), role="small")]
        if e["guard_paid"][0]:
            out.append(Label(_("A border guard is paid to look away on the night you cross."), role="small", dim=True))
        else:
            cost = float(m.params["guard_pay_cost"])
            out.append(Toggle(_("Pay a guard to look away ({cost})").format(cost=spoken_price(cost)),
                              bool(self.choice.get("guard_pay", 0)), self._set_flag("guard_pay", rebuild=True),
                              _("Yes"), _("No")))
            out.append(Label(_("A paid guard keeps his own stretch dark, but some have sold the people who paid "
                               "them to their officers."), role="small", dim=True))
        out += self._guide_widgets()
        return out

    def _guide_widgets(self) -> list:
        """At the river: a broker's man to take her across, the way into China only."""
        m, e = self.model, self.state.extra
        if int(e["broker"][0]):
            return []
        if e["guided"][0]:
            return [Label(_("A broker's man is paid to take you across."), role="small", dim=True)]
        cost, money = m.crossing_cost(), float(e["money"][0])
        rounds, light = int(e["rounds"][0]), m.moonlight(int(self.state.step))
        paid = bool(e["guard_paid"][0]) or bool(self.choice.get("guard_pay", 0))
        alone, guided = (float(m.guard_chance(b, ford=int(self.choice.get("ford", 0)), rounds=rounds, moon=light,
                                              paid=paid)) for b in (0, 1))
        if money < cost:
            return [Label(_("A broker's man would take you across for about {cost}, the way into China only. "
                            "You have {money}.").format(cost=asking_price(cost), money=money_text(money)),
                          role="small", dim=True)]
        return [Toggle(_("A broker's man to take you across ({cost})").format(cost=asking_price(cost)),
                       bool(self.choice.get("guide", 0)), self._set_flag("guide", rebuild=True), _("Yes"), _("No")),
                Label(_("He knows which guards are on duty: crossing tonight, seen {guided} with him, {alone} without. "
                        "The way into China only: there you are on your own, with what is left.").format(
                    guided=_(chance_words(guided)), alone=_(chance_words(alone))), role="small", dim=True)]

    def _spotted_widgets(self) -> list:
        """Seen in the river: lie still, run for the Chinese bank, or offer the soldiers money."""
        m, e = self.model, self.state.extra
        money = float(e["money"][0])
        cost = float(m.params["river_bribe_cost"])
        allowed = river_answers(money, cost)
        if self.choice.get("spotted", 0) not in allowed:
            self.choice["spotted"] = ov.STILL
        # Short words: the value's box is narrow at the largest text (the sentence below says more).
        names = {ov.STILL: _("Lie still"), ov.RUN_FOR_IT: _("Run"),
                 ov.PAY_GUARDS: _("Pay {cost}").format(cost=spoken_price(cost))}
        still, run, pay = (_(chance_words(float(m.spotted_caught(a)))) for a in (ov.STILL, ov.RUN_FOR_IT, ov.PAY_GUARDS))
        if ov.PAY_GUARDS in allowed:
            words = _("Found if you lie still: {still}, and then you crawl back to try another night. Caught if you "
                      "run for the Chinese bank: {run}, in deeper water. Taken anyway if you pay the soldiers: "
                      "{pay}.").format(
                still=still, run=run, pay=pay)
        else:
            words = _("Found if you lie still: {still}, and then you crawl back to try another night. Caught if you "
                      "run for the Chinese bank: {run}, in deeper water.").format(still=still, run=run)
        if m.sealed:
            words = join_sentences(words, _("Since 2020 the guards have orders to shoot at anyone who runs."))
        return [Label(_("A guard's torch is on the water near you. What do you do?"), role="small"),
                Choice(_("In the river"), [(a, names[a]) for a in allowed], self.choice["spotted"],
                       self._set("spotted")),
                Label(words, role="small", dim=True)]

    def _door_widgets(self) -> list:
        """The police at the door: hide inside, out the back, or open and offer money."""
        m, e = self.model, self.state.extra
        money = float(e["money"][0])
        cost = float(m.params["bribe_cost"])
        allowed = door_answers(money, cost)
        if self.choice.get("door", 0) not in allowed:
            self.choice["door"] = ov.DOOR_HIDE
        names = {ov.DOOR_HIDE: _("Hide"), ov.DOOR_RUN: _("Run"),
                 ov.DOOR_PAY: _("Pay {cost}").format(cost=spoken_price(cost))}
        hide, run, pay = (_(chance_words(float(m.door_caught(a)))) for a in (ov.DOOR_HIDE, ov.DOOR_RUN, ov.DOOR_PAY))
        words = _("Found if you hide inside: {hide}. Caught if you run out the back: {run}, and a new room costs "
                  "about {move}.").format(hide=hide, run=run, move=spoken_price(float(m.params["move_cost"])))
        if ov.DOOR_PAY in allowed:
            words = join_sentences(words, _("Taken anyway if you open the door and pay: {pay}.").format(pay=pay))
        return [Label(_("The police are at the door. What do you do?"), role="small"),
                Choice(_("At the door"), [(a, names[a]) for a in allowed], self.choice["door"], self._set("door")),
                Label(words, role="small", dim=True)]

    def _company_widgets(self) -> list:
        """Before leaving home: go to the river alone, or with a neighbour who has crossed before."""
        m = self.model
        alone, along = (float(m.guard_chance(0, ford=int(self.choice.get("ford", 0)), rounds=r, moon=0.5))
                        for r in (0, int(m.params["watch_nights_max"])))
        words = _("A neighbour who has crossed before knows when the patrol passes and where the posts stand: on an "
                  "average night the guards would see you {along} with her, {alone} alone without watching them first. "
                  "But the more people know of a plan, the likelier someone tells: reported and arrested at home, "
                  "{informs}.").format(along=_(chance_words(along)), alone=_(chance_words(alone)),
                                       informs=_(chance_words(float(m.params["neighbour_informs"]))))
        return [Label(_("Whom do you go to the river with?"), role="small"),
                Choice(_("Going with"), [(0, _("Alone")), (1, _("A neighbour"))], int(self.choice.get("company", 0)),
                       self._set("company")),
                Label(words, role="small", dim=True)]

    def _stopover_widgets(self) -> list:
        """At a place on the way while the next stage is arranged: wait for it, or go on at once."""
        def choose(value: int) -> None:
            self.choice["haste"] = int(value)
            if value:  # going on at once means moving on
                self.choice["activity"] = ov.TRAVEL
            self.rebuild()
        return [Label(_("The next stage is being arranged: a safe house, then a car or tickets."), role="small"),
                Choice(_("The next stage"), [(0, _("Wait for it")), (1, _("Go on now"))],
                       int(self.choice.get("haste", 0)), choose),
                Label(obs_mod.stopover_words(self.model, self.state, self.choice), role="small", dim=True)]

    def _phone_widgets(self) -> list:
        """Before leaving home: call a relative in the South on a smuggled Chinese phone, or not."""
        m = self.model
        words = _("Your sister in the South could send about {money} through a broker: money for a guard, a broker "
                  "or a bribe. The security police hunt these calls with detectors; traced and arrested at home: "
                  "{traced}.").format(money=spoken_price(float(m.params["phone_money"])),
                                     traced=_(chance_words(float(m.params["phone_traced"]))))
        return [Label(_("Before you leave: a smuggled Chinese phone is hidden in the house. Do you call?"),
                      role="small"),
                Choice(_("The phone"), [(0, _("No call")), (1, _("Call"))], int(self.choice.get("phone", 0)),
                       self._set("phone")),
                Label(words, role="small", dim=True)]

    def _lodging_widgets(self) -> list:
        """Where to live while in hiding in China: a rented room in town, or with the family who employ her."""
        words = obs_mod.lodging_words(self.model, self.state)
        return [Label(_("Where do you live while you hide and work?"), role="small"),
                Choice(_("Where to live"), [(ov.ROOM, _("A room")), (ov.FAMILY, _("The family"))],
                       int(self.choice.get("lodging", 0)), self._set("lodging")),
                Label(words, role="small", dim=True)]

    def _sell_widgets(self) -> list:
        """Before leaving home: keep the house's things, sell a few quietly, or sell openly."""
        return [Label(_("Before you leave: do you sell anything for the journey?"), role="small"),
                Choice(_("Selling"), [(ov.KEEP, _("Nothing")), (ov.SELL_QUIET, _("A little")),
                                      (ov.SELL_OPEN, _("Openly"))],
                       int(self.choice.get("sell", 0)), self._set("sell")),
                Label(obs_mod.sell_words(self.model, self.state), role="small", dim=True)]

    def _contacts_widgets(self) -> list:
        """For a woman in hiding: keep away from other North Koreans, or keep in touch."""
        return [Label(_("Other women from the North live here. Do you keep in touch with them?"), role="small"),
                Choice(_("Other women"), [(0, _("Keep away")), (1, _("In touch"))],
                       int(self.choice.get("contacts", 0)), self._set("contacts")),
                Label(obs_mod.contacts_words(self.model, self.state), role="small", dim=True)]

    def _church_widgets(self) -> list:
        """In hiding: get in touch with a church group that helps North Koreans, or not."""
        return [Label(_("Do you call the church group?"), role="small"),
                Choice(_("The church"), [(0, _("Not now")), (1, _("Call them"))],
                       int(self.choice.get("church_call", 0)), self._set("church_call")),
                Label(obs_mod.church_words(self.model, self.state), role="small", dim=True)]

    # The questions asked by a sentence, a choice and what each answer means (the model's
    # action field; the words come from observation.py). Labels are msgids; the answers are
    # short words (the value's box is narrow at the largest text; the sentence below says more).
    QUESTIONS = {
        "permit": ("permit", N_("To reach Hoeryong, do you buy a travel permit?"), N_("A permit"),
                   ((0, N_("None")), (1, N_("Buy one")))),
        "stay": ("stay", N_("Where do you wait for the night you cross?"), N_("Waiting"),
                 ((0, N_("Aunt's")), (1, N_("Hills")))),
        "water": ("water", N_("How much water do you carry into the Gobi?"), N_("Water"),
                  ((0, N_("A little")), (1, N_("A lot")))),
        "night": ("by_night", N_("Do you walk by day or by night?"), N_("The walk"),
                  ((0, N_("By day")), (1, N_("By night")))),
        "soldiers": ("soldiers", N_("Soldiers far off. Do you walk to them?"), N_("The soldiers"),
                     ((0, N_("Walk up")), (1, N_("Hide")))),
        "indoors": ("indoors", N_("The cameras: do you keep going out to work?"), N_("Going out"),
                    ((0, N_("Go out")), (1, N_("Inside")))),
        "move": ("move_town", N_("Do you leave the border for a town inland?"), N_("This town"),
                 ((0, N_("Stay")), (1, N_("Inland")))),
    }

    def question_words(self, decision: str) -> str:
        """What each answer of a question means, in words (observation.py)."""
        m, s = self.model, self.state
        return {"permit": lambda: obs_mod.permit_words(m, s), "stay": lambda: obs_mod.stay_words(m, s),
                "water": lambda: obs_mod.water_words(m, s, self.choice),
                "night": lambda: obs_mod.night_words(m, s, self.choice),
                "soldiers": lambda: obs_mod.soldiers_words(m, s),
                "indoors": lambda: obs_mod.indoors_words(m, s),
                "move": lambda: obs_mod.move_words(m, s)}[decision]()

    def _question_widgets(self, decision: str) -> list:
        field, prompt, label, options = self.QUESTIONS[decision]
        return [Label(_(prompt), role="small"),
                Choice(_(label), [(v, _(t)) for v, t in options], int(self.choice.get(field, 0)), self._set(field)),
                Label(self.question_words(decision), role="small", dim=True)]

    def _laos_way_widgets(self) -> list:
        """At the last town in China: over the hills into Laos on foot, or hidden in a car."""
        return [Label(_("How do you go into Laos?"), role="small"),
                Choice(_("Into Laos"), [(ov.HILLS, _("On foot")), (ov.CAR, _("In a car"))],
                       int(self.choice.get("laos_way", 0)), self._set("laos_way")),
                Label(obs_mod.laos_way_words(self.model, self.state), role="small", dim=True)]

    def _mobile_widgets(self) -> list:
        """In hiding in China: keep a phone (warnings ahead, but it can be traced), or not."""
        return [Label(_("A phone: friends could warn you, and it could be traced. Do you keep one?"), role="small"),
                Choice(_("A phone"), [(0, _("No phone")), (1, _("Keep one"))], int(self.choice.get("mobile", 0)),
                       self._set("mobile")),
                Label(obs_mod.mobile_words(self.model, self.state), role="small", dim=True)]

    def _offer_widgets(self) -> list:
        """A stranger's offer of work and a room: decline, or trust her."""
        m = self.model
        words = _("Traffickers in the border towns promise women work and a room; the record says most women alone in "
                  "hiding were sold. If you go, a trap: {false}. If the work is real, it pays about {pay} at once.").format(
            false=_(chance_words(float(m.params["offer_false"]))), pay=spoken_price(float(m.params["offer_pay"])))
        return [Label(_("A stranger offers work and a room. Do you trust her?"), role="small"),
                Choice(_("The offer"), [(0, _("Decline")), (1, _("Go"))], int(self.choice.get("trust", 0)),
                       self._set("trust")),
                Label(words, role="small", dim=True)]

    def _check_widgets(self, open_now: bool) -> list:
        """What to do when police stop you: asked now, or chosen ahead."""
        m, e = self.model, self.state.extra
        money = float(e["money"][0])
        bribe = float(m.params["bribe_cost"])
        options = {ov.CALM: _("Stay calm"), ov.PAY: _("Offer {cost}").format(cost=money_text(bribe)),
                   ov.SLIP: _("Slip away")}
        allowed = answers(money, bribe)
        if self.choice.get("pay", 0) not in allowed:
            self.choice["pay"] = ov.CALM
        papers, speaks = bool(e["papers"][0]), bool(m.params["speaks_chinese"])
        calm = float(m.arrest_chance(papers, speaks, False))
        paid = float(m.arrest_chance(papers, speaks, True))
        if ov.PAY in allowed:
            words = _("Taken if you stay calm: {calm}. If you pay: {pay}. If you slip away: {slip}.").format(
                calm=_(chance_words(calm)), pay=_(chance_words(paid)), slip=_(chance_words(m.slip_chance())))
        else:  # no money to offer: say only what can be done
            words = _("Taken if you stay calm: {calm}. If you slip away: {slip}.").format(
                calm=_(chance_words(calm)), slip=_(chance_words(m.slip_chance())))
        out: list = []
        if open_now:
            out.append(Label(_("Police are checking papers. What do you do?"), role="small"))
        out.append(Choice(_("At a check") if open_now else _("If police stop me"),
                          [(a, options[a]) for a in allowed], self.choice["pay"], self._set("pay")))
        if open_now:
            out.append(Label(words, role="small", dim=True))
        return out

    def _warning_widgets(self) -> list:
        """Warned of a raid: stay hidden, or move tonight (if there is money for it)."""
        m = self.model
        cost = float(m.params["move_cost"])
        can_move = float(self.state.extra["money"][0]) >= cost
        options = [(0, _("Stay"))] + ([(1, _("Move"))] if can_move else [])
        if not can_move:
            self.choice["flee"] = 0
        words = _("Moving costs about {cost} and a night on the street; the warning may be only a rumour.").format(
            cost=spoken_price(cost))
        return [Label(_("The police may come tomorrow. What do you do tonight?"), role="small"),
                Choice(_("Tonight"), options, self.choice.get("flee", 0), self._set("flee")),
                Label(words if can_move else _("You have no money to move. You can only stay hidden and hope."),
                      role="small", dim=True)]

    def _set(self, field: str):
        def apply(value: int) -> None:
            self.choice[field] = int(value)
            self.rebuild()
        return apply

    def _set_flag(self, field: str, rebuild: bool = False):
        def apply(value: bool) -> None:
            self.choice[field] = int(bool(value))
            if rebuild:  # what the screen says depends on it (the guards' chance tonight)
                self.rebuild()
        return apply

    def _set_speed(self, index: int) -> None:
        self.speed_index = int(index)
        self.speed = SPEEDS[self.speed_index]

    def _form_rect(self) -> pygame.Rect:
        return pygame.Rect(lay.form_box(tuple(self.panel), self._header_height()))

    def rebuild(self, force: bool = False) -> None:
        """Rebuild the choices when what they say has changed; keep the focus."""
        if not hasattr(self, "panel"):
            return
        e = self.state.extra
        signature = (self._where(), tuple(sorted(self.choice.items())), self.paused, self.speed_index,
                     int(e["broker"][0]), bool(e["papers"][0]), bool(e["crossed"][0]),
                     int(e["money"][0]) // 50, fonts.get_scale(), obs_mod.open_decision(self.model, self.state),
                     self.model.month_of(self.state.step),
                     # at the river each night's moon and what was learnt change the words
                     (self.state.step, int(e["rounds"][0]), bool(e["guard_paid"][0]), bool(e["guided"][0]))
                     if not e["crossed"][0] else (),
                     int(e["stopover"][0]), int(e["campaign"][0]) > 0)
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
            if k in (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4):
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
        elif (stop or obs_mod.open_decision(self.model, self.state) in ("company", "sell", "permit", "stay", "night")) \
                and not self.sim.finished:
            # (whom she goes with is asked the day after the phone's answer, which may not stop the clock)
            self.paused = True
            self.notice = lines
        self.rebuild()
        if not self.autoplay and self.paused and obs_mod.open_decision(self.model, self.state):
            self.focus_decision()

    def focus_decision(self) -> None:
        """The decision the journey waits for has the focus (its choice is right under Continue)."""
        choices = [i for i, w in enumerate(self.form.widgets) if isinstance(w, Choice)]
        if choices:
            self.form.focus = choices[0]
            self.form.scroll = 0

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
        return obs_mod.ending_where(self.model, self.state)

    def _ending_words(self) -> tuple[str, str]:
        outcome = self.outcome or ""
        info = self.scenario.outcomes.get(outcome, {})
        return _(info.get("label", outcome)), ending_words(self)

    def ending_card(self) -> tuple[pygame.Rect, str, str, str]:
        """The ending card's rectangle, title, text and hint."""
        return vw.ending_card(*self._ending_words())

    def draw_ending(self, surface: pygame.Surface) -> None:
        title, text = self._ending_words()
        vw.draw_ending(surface, self.theme, title, text, bool(self.end_timer and self.end_timer > 0.6))

    # ------------------------------------------------------------ the observation and the view

    def observation(self) -> obs_mod.Observation:
        """What the screen shows now (the map's places kept per language)."""
        lang = self.app.settings.language
        if self._marks is None or self._marks[0] != lang:
            self._marks = (lang, obs_mod.map_marks(self.model))
        trail = tuple((s.x, s.y) for s in self.sim.journey)
        return obs_mod.observe(self.model, self.state, self.values, self.choice,
                               self.app.settings.felt_danger_hint, trail, self._marks[1])

    def _header_lines(self) -> tuple[tuple[str, str, str], ...]:
        """(role, text, tone) lines of the status header."""
        return obs_mod.header_lines(self.model, self.state, self.values, self.app.settings.felt_danger_hint)

    def _header_height(self) -> int:
        """At least the room of a two-line place, the money line and a two-line danger line,
        so the choices below never shift as the header's words change."""
        return max(self._header()[1], Header.reserved(self.app.settings.felt_danger_hint))

    def _header(self) -> tuple[pygame.Surface, int]:
        return self.header.render(self._header_lines(), self.panel.width, self.theme)

    def legend_focus(self) -> tuple[int, int]:  # the map's key opens away from you
        return self.view.world_to_screen(self.map_rect, *self._traveller_pos())

    def metres_per_px(self) -> float:
        return float(self.world.properties.get("km_per_tile", 40.0)) * 1000.0 / self.view.tile_px

    def draw_play(self, surface: pygame.Surface) -> None:
        t = self.theme
        hc = self.app.settings.high_contrast
        obs = self.observation()
        surface.fill(t.background)
        self.view.draw(surface, self.map_rect)
        pos = self._traveller_pos()
        traveller = self.view.world_to_screen(self.map_rect, *pos)
        inset = self._inset_rect(traveller)
        keep = [inset] + self.legend.rects(self.map_rect, traveller)  # the map's key and scale bar
        labels = self.painter.routes(surface, obs, self.view, self.map_rect, NAMED, traveller, keep, hc)
        self.painter.traveller(surface, obs, self.view, self.map_rect, pos, True, t, hc)
        for img, box in labels:
            surface.blit(img, box)
        self.painter.inset(surface, obs, self.inset, inset, pos, t, hc)
        pygame.draw.rect(surface, t.panel_edge, self.map_rect.inflate(4, 4), width=2, border_radius=4)
        # The panel: header and choices; the journal under the map.
        form_rect = self._form_rect()
        if self.form.rect != form_rect:
            self.rebuild(force=True)
        header, _h = self._header()
        surface.blit(header, self.panel.topleft)
        self._draw_form(surface)
        self._draw_journal(surface)

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

    # ------------------------------------------------------------ the map

    def _map_font(self) -> pygame.font.Font:
        return MapPainter.font()

    def place_labels(self, view: MapView, rect: pygame.Rect, named, traveller: tuple[int, int],
                     keep_clear: list[pygame.Rect], dots: list[pygame.Rect] = ()
                     ) -> list[tuple[pygame.Surface, pygame.Rect]]:
        """Where each place name goes (see MapPainter.place_labels)."""
        places = self.observation().places
        return self.painter.place_labels(places, view, rect, named, traveller, keep_clear, dots)

    def _near_names(self) -> list[str]:
        """Named in the inset: where you are, then where you go next."""
        return list(obs_mod.near_names(self.model, self.state, self.choice["route"]))

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
        return pygame.Rect(lay.inset_box(tuple(self.map_rect), self.inset_size, traveller))

    # ------------------------------------------------------------ the journal box

    def _journal_waiting(self) -> bool:
        return bool(self.notice) and self.paused and not self.sim.finished

    def _journal_top_first(self) -> bool:
        """News waiting for a decision reads from the top; the journal from its newest line up."""
        return self._journal_waiting()

    def _hint_text(self) -> str:
        return _("Choose, then press Continue.")

    def journal_lines(self) -> list[tuple[pygame.Surface, int]]:
        """The box's lines, rendered: the news and what to do, or the latest entries."""
        return self.journal_box.lines(self.journal_rect, self.theme, self.journal, self.notice,
                                      self._journal_waiting(), self._hint_text())

    def journal_visible(self) -> tuple[int, int]:
        """(first, end) indices of the whole lines that show, after the scroll offset."""
        return self.journal_box.visible(self.journal_lines(), self.journal_rect, self._journal_top_first())

    @property
    def journal_offset(self) -> int:
        return self.journal_box.offset

    @journal_offset.setter
    def journal_offset(self, value: int) -> None:
        self.journal_box.offset = value

    @property
    def _journal_cache(self):
        return self.journal_box._cache

    @_journal_cache.setter
    def _journal_cache(self, value) -> None:
        self.journal_box._cache = value

    def _draw_journal(self, surface: pygame.Surface) -> None:
        lines = self.journal_lines()
        self.journal_box.draw(surface, self.journal_rect, self.theme, lines, self.journal_visible(),
                              self._journal_top_first(), self._journal_waiting())


class ProfileScene(MenuScene):
    """Before the journey: who are you? Each profile is drawn from the record.

    At a large text size the four stories do not fit on one screen: each
    profile is then a button with its name only, and the story of one of them
    (the suggested one first) opens under its name. Moving the focus opens
    another (keys, pad); a tap on a closed one opens it, a tap on the open one
    chooses it, as Enter does.
    """

    width = 980
    AUTO_S = 1.5
    COMPACT_SCALE = 1.3  # from this text size, one story at a time

    def __init__(self, app, play: PlayScene):
        self.play = play
        self.clock = 0.0
        self.open_name = play.suggested
        super().__init__(app)
        self._focus_open()

    def heading(self) -> str:
        return _("Who are you?")

    def compact(self) -> bool:
        return fonts.get_scale() >= self.COMPACT_SCALE

    def build(self):
        intro = Label(_("Choose one. Each is drawn from the kinds of people the record describes; "
                        "none is a real person."), dim=True)
        compact = self.compact()
        widgets: list = [] if compact else [intro]
        for name, prof in self.play.profiles.items():
            label = _(prof.get("label", name))
            if name == self.play.preset_profile:
                label = (_("{label} (suggested)") if compact else
                         _("{label} (suggested for these conditions)")).format(label=label)
            if compact:  # the names; the open one's story under its name, in smaller type
                story = _(prof.get("text", "")) if name == self.open_name else ""
                widgets.append(Button(label, lambda name=name: self.press(name), detail=story, role="body",
                                      detail_role="small"))
            else:
                widgets.append(Button(label, lambda name=name: self.press(name), detail=_(prof.get("text", ""))))
        if compact:
            widgets.append(Label(join_sentences(_("Tap a name to read its story; tap it again, or press Enter, "
                                                  "to begin."), intro.text), dim=True))
        return widgets

    def names(self) -> list[str]:
        return list(self.play.profiles)

    def _focus_open(self) -> None:
        """The open profile's button has the focus (the suggested one at first, in
        the full list too, so Enter chooses who fits these conditions)."""
        if self.open_name in self.play.profiles:
            first = 0 if self.compact() else 1  # (the full list opens with its introduction)
            self.form.focus = first + self.names().index(self.open_name)
            self.form._scroll_into_view(self.form.focus)

    def relayout(self) -> None:
        whole_widget_form(self)

    def press(self, name: str) -> None:
        if self.compact() and name != self.open_name:
            self.open(name)
        else:
            self.choose(name)

    def open(self, name: str) -> None:
        """Show this profile's story (the compact list)."""
        self.open_name = name
        self.relayout()
        self._focus_open()

    def handle(self, intent) -> bool:
        before = self.form.focus
        done = super().handle(intent)
        focus = self.form.focus
        if self.compact() and focus != before and 0 <= focus < len(self.names()):
            self.open(self.names()[focus])
        return done

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
        whole_widget_form(self)

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
