"""What the overland screen shows, read from the model's state: plain Python.

``observe()`` turns the model, its state and the player's current choices into
an ``Observation`` (the status header's lines, where the traveller is, the
roads and places of the map, the decision open now); ``view.py`` draws it and
never reads the model. Tested without pygame (tests/test_overland_observation.py).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import Any, Mapping

from ...i18n import N_, _, format_number, join_sentences, ngettext
from ...sim import overland as ov

MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
          N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))
# Reasons of risk that belong to a crossing or a road: once arrived, they are behind you.
ROAD_REASONS = frozenset((ov.R_GUARDS, ov.R_WATER, ov.R_CHECKS, ov.R_LAOS, ov.R_GOBI, ov.R_HILLS))
BROKER_PAID = ("", N_("You have a cheap broker, paid."), N_("You have a trusted broker, paid."))
ROUTE_TAKEN = (N_("Route: south to Thailand."), N_("Route: north to Mongolia."))


def money_text(value: float) -> str:
    return _("${amount}").format(amount=format_number(round(value)))


def asking_price(value: float) -> str:
    """What someone asks, as a person would say it, never under the real price (rounded
    up as spoken_price steps): "about $4,100" for $4,040, so that whoever has $4,023 is
    not told she can pay "about $4,000"."""
    step = 50 if value < 1000 else 100 if value < 10000 else 1000
    return money_text(max(step, math.ceil(value / step - 1e-9) * step))


def spoken_price(value: float) -> str:
    """A price as a broker would say it: to the 50 dollars under 1,000, the 100 under
    10,000, the 1,000 above ("about $2,300", not "$2,287")."""
    step = 50 if value < 1000 else 100 if value < 10000 else 1000
    return money_text(max(step, round(value / step) * step))


@dataclass(frozen=True)
class PlaceMark:
    """A place's dot on the map (map tiles) and its name, translated."""

    id: str
    label: str
    x: float
    y: float


@dataclass(frozen=True)
class RoadMark:
    """A leg of the route: from and to (indices of the places), its branch, a railway or not."""

    start: int
    end: int
    route: str
    rail: bool


@dataclass(frozen=True)
class Observation:
    """Everything the overland screen draws, for one moment of the journey."""

    where: str  # "river", "place", "road", "held" or "done"
    node: int
    leg: int
    header: tuple[tuple[str, str, str], ...]  # (role "bold"|"small", text, tone "text"|"danger"|"warning"|"good")
    places: tuple[PlaceMark, ...]
    roads: tuple[RoadMark, ...]
    chosen_route: str  # "thailand" or "mongolia": its roads are drawn wider
    near: tuple[str, ...]  # the place ids named in the inset: where you are, where you go next
    position: tuple[float, float]  # the traveller, map tiles (as last stepped)
    trail: tuple[tuple[float, float], ...] = field(default=())
    decision: str = ""  # the decision the journey waits for ("check", "river", ...) or ""


def where_of(model: ov.Model, state: Any) -> tuple[str, int, int]:
    """("river"|"place"|"road"|"held"|"done", node, leg) for traveller 0."""
    e = state.extra
    node, leg = int(e["node"][0]), int(e["leg"][0])
    if not state.active[0]:
        return "done", node, leg
    if leg >= 0:
        return "road", node, leg
    if e["held"][0] > 0:
        return "held", node, leg
    if not e["crossed"][0]:
        return "river", node, leg
    return "place", node, leg


def next_place(model: ov.Model, node: int, route: int) -> int:
    leg = int(model.next_leg[node, route])
    return int(model.leg_end[leg]) if leg >= 0 else node


def past_fork(model: ov.Model, node: int, leg: int) -> bool:
    """Whether the way to Thailand or Mongolia is already taken."""
    if leg < 0 and model.next_leg[node, 0] != model.next_leg[node, 1]:
        return False  # at the fork itself (Beijing): the roads part here, still open
    here = leg if leg >= 0 else int(model.next_leg[node, 0])
    branch = model.legs[here].route if here >= 0 else "both"
    if leg < 0 and branch == "both":
        return False
    return branch != "both"


def header_lines(model: ov.Model, state: Any, values: Mapping[str, float], felt_danger: bool
                 ) -> tuple[tuple[str, str, str], ...]:
    """The status header: the date and where, money and health, and (if the
    setting is on) the danger of the day just lived, with its reason."""
    e = state.extra
    where, node, leg = where_of(model, state)
    step = state.step if state.active[0] else max(0, state.step - 1)
    month = _(MONTHS[model.month_of(step) - 1])
    # The calendar turns over: a journey that began in May 2017 is in March 2018 by day 313.
    year = int(values["year"]) + int((float(values["month"]) - 1 + step / ov.DAYS_PER_MONTH) // 12)
    date = _("Day {day} · {month} {year}").format(day=step + 1, month=month, year=year)
    place = _(model.places[node].label)
    if where == "done" and leg >= 0:
        where = "road"
    if where == "river" and at_home(state):
        here = _("At home, a day by train from {place}, North Korea").format(place=place)
    elif where == "river":
        here = _("At the river, {place}, North Korea").format(place=place)
    elif where == "road" and in_the_river(model, state):
        here = _("In the Tumen river, near {place}").format(place=place)
    elif where == "road":
        here = _("On the road from {a} to {b}").format(a=place, b=_(model.places[int(model.leg_end[leg])].label))
    elif where == "held":
        here = _("Held in a village, far from the road")
    else:
        here = _("In {place}").format(place=place)
    health = int(round(100 * float(e["health"][0])))
    broker = _(ov.BROKER_LABELS[int(e["broker"][0])])
    papers = _("false papers") if e["papers"][0] else _("no papers")
    stats = _("Money {money} · Health {health}% · {broker} · {papers}").format(
        money=money_text(float(e["money"][0])), health=health, broker=broker, papers=papers)
    lines = [("bold", f"{date} · {here}", "text"), ("small", stats, "text")]
    if felt_danger and state.active[0] and state.step > 0:
        risk = float(state.risk[0])
        reason = int(state.reason[0])
        # The risk is the day just lived. Once arrived, the river or the road it was on
        # is behind: say so, rather than warn of the river in Yanji.
        behind = where == "place" and reason in ROAD_REASONS
        if risk >= 0.05:
            level, tone = (_("On the way here, danger was high.") if behind else _("Danger today: high.")), "danger"
        elif risk >= 0.005:
            level, tone = (_("On the way here, danger was raised.") if behind else _("Danger today: raised.")), "warning"
        else:
            level, tone = (_("On the way here, danger was low.") if behind else _("Danger today: low.")), "good"
        why = _(model.risk_reasons[reason]) if reason >= 0 else ""
        lines.append(("small", join_sentences(level, why), tone))
    return tuple(lines)


def at_home(state: Any) -> bool:
    """Still at home, before the train to the border town (the permit not yet answered)."""
    e = state.extra
    return (int(e.get("pending_permit", [0])[0]) > 0 and not bool(e["crossed"][0])
            and int(e["leg"][0]) < 0)


def open_decision(model: ov.Model, state: Any) -> str:
    """The decision the journey waits for now, if any ("" when none)."""
    e = state.extra
    if not state.active[0]:
        return ""
    if int(e.get("pending_phone", [0])[0]) > 0:
        return "phone"
    if int(e.get("pending_company", [0])[0]) > 0:
        return "company"
    if int(e.get("pending_sell", [0])[0]) > 0 and not bool(e["crossed"][0]) and int(e["leg"][0]) < 0:
        return "sell"
    home = not bool(e["crossed"][0]) and int(e["leg"][0]) < 0
    if int(e.get("pending_permit", [0])[0]) > 0 and home:
        return "permit"
    if int(e.get("pending_stay", [0])[0]) > 0 and home:
        return "stay"
    if int(e.get("pending_river", [0])[0]) > 0:
        return "river"
    if int(e.get("pending_soldiers", [0])[0]) > 0:
        return "soldiers"
    if int(e.get("pending_door", [0])[0]) > 0:
        return "door"
    if int(e.get("pending_offer", [0])[0]) > 0:
        return "offer"
    if int(e.get("pending_check", [0])[0]) > 0:
        return "check"
    if int(e.get("warned", [0])[0]) > 0:
        return "warning"
    if int(e.get("pending_lodging", [0])[0]) > 0:
        return "lodging"
    if int(e.get("pending_mobile", [0])[0]) > 0:
        return "mobile"
    if int(e.get("pending_contacts", [0])[0]) > 0:
        return "contacts"
    if int(e.get("pending_church", [0])[0]) > 0:
        return "church"
    if int(e.get("pending_way", [0])[0]) > 0:
        return "laos_way"
    if int(e.get("pending_water", [0])[0]) > 0:
        return "water"
    if int(e.get("pending_night", [0])[0]) > 0:
        return "night"
    if int(e.get("pending_indoors", [0])[0]) > 0:
        return "indoors"
    if int(e.get("pending_move", [0])[0]) > 0:
        return "move"
    return ""


def near_names(model: ov.Model, state: Any, route: int) -> tuple[str, ...]:
    """Named in the inset: where you are, then where you go next."""
    where, node, leg = where_of(model, state)
    names = [model.places[node].id]
    if where in ("river", "place"):
        names.append(model.places[next_place(model, node, route)].id)
    elif leg >= 0:
        names.append(model.places[int(model.leg_end[leg])].id)
    return tuple(dict.fromkeys(names))


def map_marks(model: ov.Model) -> tuple[tuple[PlaceMark, ...], tuple[RoadMark, ...]]:
    """The route's places and roads, as the map draws them."""
    places = tuple(PlaceMark(p.id, _(p.label), p.x, p.y) for p in model.places)
    roads = tuple(RoadMark(leg.start, leg.end, leg.route, ov.TRAIN in leg.modes) for leg in model.legs)
    return places, roads


def observe(model: ov.Model, state: Any, values: Mapping[str, float], choice: Mapping[str, int],
            felt_danger: bool, trail: tuple[tuple[float, float], ...] = (),
            marks: tuple[tuple[PlaceMark, ...], tuple[RoadMark, ...]] | None = None) -> Observation:
    """What the screen shows now (``marks``: ``map_marks(model)`` kept from before)."""
    where, node, leg = where_of(model, state)
    places, roads = marks or map_marks(model)
    route = int(choice.get("route", 0))
    return Observation(
        where=where, node=node, leg=leg,
        header=header_lines(model, state, values, felt_danger),
        places=places, roads=roads,
        chosen_route=ov.ROUTES[route],
        near=near_names(model, state, route),
        position=(float(state.x[0]), float(state.y[0])),
        trail=trail,
        decision=open_decision(model, state),
    )


def in_the_river(model: ov.Model, state: Any) -> bool:
    """On the river's leg and not yet across: in the water, or seen in it."""
    e = state.extra
    leg = int(e["leg"][0])
    return leg >= 0 and model.legs[leg].crossing == "river" and not bool(e["crossed"][0])


def river_night(model: ov.Model, state: Any, choice: Mapping[str, int]) -> str:
    """At the river: tonight's moon, the nights watched, and how often the guards
    would see a crossing tonight with the choices made (chance words)."""
    from .actions import chance_words

    e = state.extra
    step = int(state.step)
    light = model.moonlight(step)
    if light < 0.15:
        moon = _("Tonight there is almost no moon.")
    elif light < 0.5:
        moon = _("Tonight a thin moon: the river is dark.")
    elif light < 0.85:
        moon = _("Tonight the moon is more than half full.")
    else:
        moon = _("Tonight the moon is full and the river shines.")
    dark = model.nights_to_dark(step)
    until = _("The dark of the moon is {n} nights away.").format(n=dark) if dark > 1 else ""
    rounds = int(e["rounds"][0])
    most = int(model.params["watch_nights_max"])
    if rounds >= most:
        known = _("You know the guards' rounds.")
    elif rounds:
        known = _("Nights spent watching the guards: {n} of the {most} it takes to know their rounds.").format(
            n=rounds, most=most)
    else:
        known = _("You have not watched the guards' rounds.")
    paid = bool(e["guard_paid"][0]) or bool(choice.get("guard_pay", 0))
    p = float(model.guard_chance(int(e["broker"][0]), ford=int(choice.get("ford", 0)), rounds=rounds,
                                 moon=light, paid=paid))
    seen = _("Crossing tonight, the guards would see you: {chance}.").format(chance=_(chance_words(p)))
    return join_sentences(moon, until, known, seen)


def ending_where(model: ov.Model, state: Any) -> str:
    """When and where it ended: the day, and the place or the road."""
    e = state.extra
    node, leg = int(e["node"][0]), int(e["leg"][0])
    day = int(state.step)
    if in_the_river(model, state):
        return _("Day {day}, in the Tumen river near {place}.").format(day=day, place=_(model.places[node].label))
    if int(e["event"][0]) in (ov.J_CAUGHT_PHONE, ov.J_INFORMED, ov.J_CAUGHT_SELLING):
        # arrested at home, before ever reaching the river
        return _("Day {day}, at home in North Korea, before reaching the river.").format(day=day)
    if int(e["event"][0]) == ov.J_CAUGHT_TRAIN:
        return _("Day {day}, on the train to {place}, North Korea, before reaching the river.").format(
            day=day, place=_(model.places[node].label))
    if int(e["event"][0]) in (ov.J_CAUGHT_GUEST, ov.J_CAUGHT_HILLS):
        return _("Day {day}, in {place}, North Korea, waiting to cross the river.").format(
            day=day, place=_(model.places[node].label))
    if leg < 0 and int(e["held"][0]) > 0:
        return _("Day {day}, held in a village far from the road.").format(day=day)
    if leg < 0 and not bool(e["crossed"][0]):
        return _("Day {day}, on the bank of the Tumen at {place}, North Korea.").format(
            day=day, place=_(model.places[node].label))
    if leg >= 0:
        return _("Day {day}, on the road from {a} to {b}.").format(
            day=day, a=_(model.places[int(model.leg_start[leg])].label),
            b=_(model.places[int(model.leg_end[leg])].label))
    return _("Day {day}, {place}.").format(day=day, place=_(model.places[node].label))


def leg_days(model: ov.Model, leg: int, mode: int) -> int:
    """Days a leg takes at the mode's speed (the mode the leg allows)."""
    if leg < 0:
        return 0
    if not model.leg_allowed[leg, mode]:
        mode = int(model.leg_first_mode[leg])
    return max(1, math.ceil(float(model.leg_km[leg]) / max(float(model.speed[mode]), 1e-9)))


def lodging_words(model: ov.Model, state: Any) -> str:
    """Where to live in hiding: a day's pay and the chance of the police at the door
    within a month (30 days, hiding, no campaign), in a rented room and with the family."""
    from .actions import chance_text

    e = state.extra
    args = dict(border=bool(model.node_border[int(e["node"][0])]), work=False, broker=0,
                papers=bool(e["papers"][0]), campaign=False)
    per_month = [1.0 - (1.0 - float(model.raid_chance(family=f, **args))) ** 30 for f in (False, True)]
    wage = float(model.params["wage_daily"])
    return _("In a rented room the pay is yours, about {room} a day, but neighbours and the landlady see you: the "
             "police at the door within a month: {room_raid}. With the family, about {family} a day, and the "
             "police come less often: {family_raid}.").format(
        room=money_text(wage), family=money_text(wage * float(model.params["family_wage_factor"])),
        room_raid=chance_text(per_month[0]), family_raid=chance_text(per_month[1]))


def mobile_words(model: ov.Model, state: Any) -> str:
    """Whether to keep a phone: the police at the door within a month (30 days, hiding,
    no campaign, where she is) and the share of raids heard of a day ahead, each way."""
    from .actions import chance_text

    e = state.extra
    args = dict(border=bool(model.node_border[int(e["node"][0])]), work=False, broker=0,
                papers=bool(e["papers"][0]), campaign=False,
                family=(int(e["lodging"][0]) == ov.FAMILY) and int(e["lodging_node"][0]) == int(e["node"][0]))
    per_month = [1.0 - (1.0 - float(model.raid_chance(phone=f, **args))) ** 30 for f in (False, True)]
    return _("Without a phone, the police at the door within a month: {none}, and word of a raid comes a day "
             "ahead {none_warned}. With one: {kept}, but word comes ahead {kept_warned}.").format(
        none=chance_text(per_month[0]), kept=chance_text(per_month[1]),
        none_warned=chance_text(float(model.params["raid_warning_share"])),
        kept_warned=chance_text(float(model.params["mobile_warning_share"])))


def sell_words(model: ov.Model, state: Any) -> str:
    """What to sell before leaving: the money each way, and the chance the neighbours
    report it (arrested at home), with what a cheap broker asks on from China."""
    from .actions import chance_text

    p = model.params
    onward = float(model.hire_cost(1, True))
    return _("Sold quietly, a few things bring about {quiet}: reported by a neighbour and arrested at home "
             "{quiet_informs}. Sold openly at the market, the house's things bring about {open}, but the neighbours "
             "watch them go: reported {open_informs}. A cheap broker asks about {onward} from China on. You have "
             "{money}.").format(
        quiet=money_text(float(p["sell_quiet_money"])), open=money_text(float(p["sell_open_money"])),
        quiet_informs=chance_text(float(p["sell_quiet_informs"])),
        open_informs=chance_text(float(p["neighbour_informs"])),
        onward=asking_price(onward), money=money_text(float(state.extra["money"][0])))


def contacts_words(model: ov.Model, state: Any) -> str:
    """Keeping in touch with other North Koreans: the police at the door within a month,
    and being sold within a month, each way (hiding, no campaign, where she is)."""
    from .actions import chance_text

    e = state.extra
    node = int(e["node"][0])
    border = bool(model.node_border[node])
    args = dict(border=border, work=False, broker=0, papers=bool(e["papers"][0]), campaign=False,
                family=(int(e["lodging"][0]) == ov.FAMILY) and int(e["lodging_node"][0]) == node,
                phone=bool(e["mobile"][0]))
    raids = [1.0 - (1.0 - float(model.raid_chance(contacts=c, **args))) ** 30 for c in (False, True)]
    sold = [1.0 - (1.0 - float(model.traffick_chance(border, 0, float(e["money"][0]) <= 0, contacts=c))) ** 30
            for c in (False, True)]
    return _("Within a month, kept away: the police at the door {away_raid}, sold {away_sold}. In touch, they "
             "warn you of the brokers who sell women and of false offers: sold {kept_sold}; but if one of them is "
             "caught, she may be made to name you: the police at the door {kept_raid}.").format(
        away_raid=chance_text(raids[0]), kept_raid=chance_text(raids[1]),
        away_sold=chance_text(sold[0]), kept_sold=chance_text(sold[1]))


def church_words(model: ov.Model, state: Any) -> str:
    """A church group: a way south found and paid for within a month and a half, and
    the police at the door within a month, each way (hiding, no campaign, where she is)."""
    from .actions import chance_text

    e = state.extra
    node = int(e["node"][0])
    args = dict(border=bool(model.node_border[node]), work=False, broker=0, papers=bool(e["papers"][0]),
                campaign=False, family=(int(e["lodging"][0]) == ov.FAMILY) and int(e["lodging_node"][0]) == node,
                phone=bool(e["mobile"][0]), contacts=bool(e["contacts"][0]))
    raids = [1.0 - (1.0 - float(model.raid_chance(church=c, **args))) ** 30 for c in (False, True)]
    way = 1.0 - (1.0 - float(model.church_passage)) ** 45
    return _("In touch with them, a way south found and paid for within a month and a half: {way}. But the police "
             "watch the people the churches help: the police at the door within a month {linked}, against "
             "{alone} without them.").format(way=chance_text(way), linked=chance_text(raids[1]),
                                             alone=chance_text(raids[0]))


def laos_way_words(model: ov.Model, state: Any) -> str:
    """The way into Laos: stopped by police on the way and the strength lost, over the
    hills on foot and hidden in a car (the leg from here; no campaign)."""
    from .actions import chance_text

    e = state.extra
    node = int(e["node"][0])
    leg = next((int(model.next_leg[node, r]) for r in range(len(ov.ROUTES))
                if int(model.next_leg[node, r]) >= 0
                and int(model.leg_crossing[int(model.next_leg[node, r])]) == ov.CROSSINGS.index("laos")), -1)
    if leg < 0:
        return ""
    kind, broker = int(model.leg_kind[leg]), int(e["broker"][0])
    foot_days, car_days = leg_days(model, leg, ov.FOOT), leg_days(model, leg, ov.BUS)
    foot = float(model.check_chance(kind, ov.FOOT, broker, False))
    car = min(1.0, float(model.check_chance(kind, ov.BUS, broker, False))
              * float(model.params["laos_vehicle_check_factor"]))
    stopped = [1.0 - (1.0 - foot) ** foot_days, 1.0 - (1.0 - car) ** car_days]
    loss = float(model.params["hills_loss"]) * foot_days
    return ngettext("Over the hills: {days} day on foot, stopped by police {foot}, and the walk costs about {loss}% "
                    "of your strength. In the car: one day, no walking, but the car must pass the post: stopped "
                    "{car}.",
                    "Over the hills: {days} days on foot, stopped by police {foot}, and the walk costs about {loss}% "
                    "of your strength. In the car: one day, no walking, but the car must pass the post: stopped "
                    "{car}.", foot_days).format(
        days=foot_days, foot=chance_text(stopped[0]), car=chance_text(stopped[1]), loss=round(100 * loss))


def stopover_words(model: ov.Model, state: Any, choice: Mapping[str, int]) -> str:
    """At a place on the way while the next stage is arranged: how long, and what
    the police on the next road mean if she waits for it or goes on at once."""
    from .actions import chance_words

    e = state.extra
    node = int(e["node"][0])
    leg = int(model.next_leg[node, int(choice.get("route", 0))])
    days = int(e["stopover"][0])
    if leg < 0 or days <= 0:
        return ""
    mode = int(choice.get("mode", ov.BUS))
    mode = mode if model.leg_allowed[leg, mode] else int(model.leg_first_mode[leg])
    broker = int(e["broker"][0])
    campaign = int(e["campaign"][0]) > 0
    p_day = float(model.check_chance(model.leg_kind[leg], mode, broker, campaign))
    span = leg_days(model, leg, mode)
    rushed = min(1.0, p_day * float(model.params["rushed_check_factor"]))
    wait = 1.0 - (1.0 - p_day) ** span
    now = 1.0 - (1.0 - rushed) ** span
    told = ngettext("They say about {n} day.", "They say about {n} days.", days).format(n=days)
    factor = float(model.params["rushed_check_factor"])
    return join_sentences(told, _(
        "Stopped by police on the way to {place}: {wait} if you wait for the arrangement. Going on now by "
        "yourself, without it, police checks come about {times} times as often: stopped {now}.").format(
        place=_(model.places[int(model.leg_end[leg])].label), wait=_(chance_words(wait)),
        times=format_number(round(factor, 1)), now=_(chance_words(now))))


def permit_words(model: ov.Model, state: Any) -> str:
    """The way to the border town: the permit's bribe, and what the train and the nights at
    a relative's mean without one."""
    from .actions import chance_text

    p = model.params
    return _("A permit for the border costs a bribe of about {cost} (the price reported in 2011), and then you "
             "are a registered guest in Hoeryong. Without one, the security officers on the train take you off and "
             "question you: {caught}; and at your aunt's house each night a lodging check may find a guest with no "
             "papers: {guest} a night.").format(
        cost=money_text(float(p["permit_cost"])), caught=chance_text(float(p["permit_caught"])),
        guest=chance_text(float(p["guest_check"])))


def stay_words(model: ov.Model, state: Any) -> str:
    """Where to wait for the night of the crossing: at the aunt's (a lodging check, without a
    permit) or in the hills above the bank (the patrols, and a cold night)."""
    from .actions import chance_text

    p = model.params
    e = state.extra
    aunt = 0.0 if bool(e["permit"][0]) else float(p["guest_check"])
    aunt_words = (_("At your aunt's, with your permit, a lodging check finds your papers in order.")
                  if bool(e["permit"][0]) else
                  _("At your aunt's, without a permit, a lodging check finds you: {chance} a night.").format(
                      chance=chance_text(aunt)))
    return join_sentences(aunt_words, _(
        "In the hills no one registers you, but the patrols search the slopes: found {found} a night, and each night "
        "in the open costs about {loss}% of your strength.").format(
        found=chance_text(float(p["watch_caught"])), loss=round(100 * float(p["open_night_loss"]))))


def gobi_leg(model: ov.Model, state: Any) -> int:
    """The Gobi's leg from here (or the one she is on), -1 if none."""
    e = state.extra
    node, leg = int(e["node"][0]), int(e["leg"][0])
    if leg >= 0:
        return leg if int(model.leg_crossing[leg]) == ov.CROSSINGS.index("gobi") else -1
    for r in range(len(ov.ROUTES)):
        nxt = int(model.next_leg[node, r])
        if nxt >= 0 and int(model.leg_crossing[nxt]) == ov.CROSSINGS.index("gobi"):
            return nxt
    return -1


def _gobi_walk(model: ov.Model, state: Any, water: int, night: int, ford: int) -> tuple[int, float, float]:
    """(days, chance of a patrol on the whole walk, health lost) for the Gobi's walk."""
    leg = gobi_leg(model, state)
    if leg < 0:
        return 0, 0.0, 0.0
    p = model.params
    e = state.extra
    speed = float(model.speed[ov.FOOT]) * (float(p["child_foot_factor"]) if p["with_child"] else 1.0)
    speed *= float(p["gobi_load_speed_factor"]) if water else 1.0
    speed *= float(p["gobi_night_speed_factor"]) if night else 1.0
    days = max(1, math.ceil(float(model.leg_km[leg]) / max(speed, 1e-9)))
    daily = float(model.check_chance(ov.KINDS.index("gobi"), ov.FOOT, int(e["broker"][0]), int(e["campaign"][0]) > 0))
    daily *= float(p["gobi_far_check_factor"]) if ford else 1.0
    daily *= float(p["gobi_night_check_factor"]) if night else 1.0
    winter = model._in_months(model.month_of(state.step), "winter_from_month", "winter_to_month")
    loss = float(p["gobi_winter_loss" if winter else "gobi_summer_loss"])
    loss *= float(p["child_exposure_factor"]) if p["with_child"] else 1.0
    loss *= float(p["gobi_far_loss_factor"]) if ford else 1.0
    loss *= 1.0 if water else float(p["gobi_thirst_factor"])
    return days, 1.0 - (1.0 - min(1.0, daily)) ** days, loss * days


def water_words(model: ov.Model, state: Any, choice: Mapping[str, int]) -> str:
    """The water she carries: the walk's days, the patrols and the strength it costs, each way."""
    from .actions import chance_text

    ford, night = int(choice.get("ford", 0)), int(choice.get("by_night", 0))
    (d0, c0, l0), (d1, c1, l1) = (_gobi_walk(model, state, w, night, ford) for w in (0, 1))
    return _("With a little water you walk light: {light_days} days, a patrol {light_patrol}, and thirst costs about "
             "{light_loss}% of your strength. With a lot, the load slows you: {heavy_days} days, a patrol "
             "{heavy_patrol}, about {heavy_loss}%.").format(
        light_days=d0, light_patrol=chance_text(c0), light_loss=round(100 * l0),
        heavy_days=d1, heavy_patrol=chance_text(c1), heavy_loss=round(100 * l1))


def night_words(model: ov.Model, state: Any, choice: Mapping[str, int]) -> str:
    """By day or by night across the Gobi: days and the patrols, each way (with the water chosen)."""
    from .actions import chance_text

    e = state.extra
    ford, water = int(choice.get("ford", 0)), int(e["water"][0])
    (d0, c0, l0), (d1, c1, l1) = (_gobi_walk(model, state, water, n, ford) for n in (0, 1))
    return _("By day you see the ground and the fences: {day_days} days, a patrol {day_patrol}, about {day_loss}% of "
             "your strength. By night the patrols see less, but the way is lost and found again by compass: "
             "{night_days} days, a patrol {night_patrol}, about {night_loss}%.").format(
        day_days=d0, day_patrol=chance_text(c0), day_loss=round(100 * l0), night_days=d1,
        night_patrol=chance_text(c1), night_loss=round(100 * l1))


def soldiers_words(model: ov.Model, state: Any) -> str:
    """Soldiers seen far off on the Gobi: walk to them, or keep hidden and walk on."""
    from .actions import chance_text

    p = model.params
    return _("Mongolia usually sends the North Koreans it finds on to the South, but not always, and near the fence "
             "soldiers far off may be Chinese: handed back {back}. Kept hidden, you walk on alone to find the post, "
             "and lose the way for a while: about {lost}% of the walk again, with its thirst and its "
             "patrols.").format(back=chance_text(float(p["soldiers_return"])),
                                lost=round(100 * float(p["gobi_lost_share"])))


def indoors_words(model: ov.Model, state: Any) -> str:
    """The cameras: out to work as before, or only inside: the pay and the police within a month."""
    from .actions import chance_text

    e = state.extra
    node = int(e["node"][0])
    args = dict(border=bool(model.node_border[node]), broker=0, papers=bool(e["papers"][0]), campaign=False,
                family=(int(e["lodging"][0]) == ov.FAMILY) and int(e["lodging_node"][0]) == node,
                phone=bool(e["mobile"][0]), contacts=bool(e["contacts"][0]), church=bool(e["church_contact"][0]))
    out, inside = (1.0 - (1.0 - float(model.raid_chance(work=w, **args))) ** 30 for w in (True, False))
    wage = float(model.params["wage_daily"])
    return _("Working out in the town, past the cameras: about {out_pay} a day, and the police at the door within a "
             "month {out_raid}. Only inside, out of the cameras' sight: about {in_pay} a day, the police "
             "{in_raid}.").format(out_pay=money_text(wage), out_raid=chance_text(out),
                                  in_pay=money_text(wage * float(model.params["family_wage_factor"])),
                                  in_raid=chance_text(inside))


def move_words(model: ov.Model, state: Any) -> str:
    """Stay in the border region, or leave for a town inland now: stopped on the road, and
    the police at the door within a month here and there."""
    from .actions import chance_text

    e = state.extra
    node = int(e["node"][0])
    leg = int(model.next_leg[node, 0])
    if leg < 0:
        return ""
    campaign = int(e["campaign"][0]) > 0
    days = leg_days(model, leg, ov.BUS)
    p_day = float(model.check_chance(model.leg_kind[leg], ov.BUS, int(e["broker"][0]), campaign))
    stopped = 1.0 - (1.0 - p_day) ** days
    args = dict(work=False, broker=int(e["broker"][0]), papers=bool(e["papers"][0]), campaign=campaign,
                phone=bool(e["mobile"][0]), contacts=bool(e["contacts"][0]), church=bool(e["church_contact"][0]))
    here, there = (1.0 - (1.0 - float(model.raid_chance(border=b, **args))) ** 30 for b in (True, False))
    return _("Here by the border the police know where North Koreans hide: the police at the door within a month "
             "{here}. In {place}, inland, {there}. But the bus there, alone, past the checks and the cameras: "
             "stopped {stopped}.").format(here=chance_text(here), there=chance_text(there),
                                          place=_(model.places[int(model.leg_end[leg])].label),
                                          stopped=chance_text(stopped))


@functools.lru_cache(maxsize=2)
def _fact_values(fid: str) -> tuple[float, ...]:
    """A fact's (low, high) from the registry (read once)."""
    from ...facts import load_registry

    fact = load_registry().get(fid)
    return tuple(fact.values or (fact.value,))


def price_conflict(model: ov.Model) -> str:
    """From the year the sources disagree most on the broker's price (2020 on), say so."""
    if float(model.params["year"]) < float(model.params["crackdown_from_year"]):
        return ""
    low, high = _fact_values("overland.fee_2023")[:2]
    return _("The sources disagree on this year's price: rescue groups in 2023 spoke of at least {low}, "
             "activists in 2024 of up to {high}; the price here lies between the records of 2019 and 2024.").format(
        low=money_text(low), high=money_text(high))
