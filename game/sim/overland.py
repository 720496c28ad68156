"""The long way round: out of North Korea through China, to Thailand or Mongolia.

One day per step. Each traveller is at a place on the route (hiding, working,
waiting for a broker, or held against her will) or on a leg between two
places (on foot, by bus, train or boat). The route graph is data: the places
are the map's place objects (levels/overland/map.tmx), the legs are the
``[route]`` table of levels/overland/scenario.toml. Every figure is a
parameter of that file; how the model works is told in docs/model.md.

Action fields (all whole numbers; a scalar for everyone or an array of n)
-------------------------------------------------------------------------
``activity``  0 hide: stay indoors (lowest risk of a raid; costs food and room);
                at the river, wait at home for another night
              1 travel: cross the river / set out on the next leg (a leg, once
                begun, goes on to its end)
              2 work: earn ``wage_daily``; being seen doubles the raid risk
              3 shelter: ask a church for shelter (fed, safer from traffickers,
                but the police watch the churches; its network may find and
                pay a guide south: ``church_*``)
              4 watch: at the river in North Korea, lie on the bank at night
                and learn the guards' rounds (``watch_*``: each night watched
                cuts the chance of being seen crossing, up to
                ``watch_nights_max``; the watcher may be found there)
``ford``      where to cross a river: at the Tumen 0 the shallow stretch near
              the town (watched), 1 a remote stretch upstream (fewer guards,
              deeper water, a long night's walk: ``remote_*``); at the Mekong
              0 by day from the landing, 1 at night away from it (fewer police,
              more danger on the water: ``mekong_night_*``); at the Gobi 0
              through the fence near the railway and the Mongolian post, 1 far
              out in the desert (fewer Chinese patrols, a longer, harder walk:
              ``gobi_far_*``)
``route``     0 Thailand (Beijing, Kunming, Laos, the Mekong), 1 Mongolia
              (Beijing, Erenhot, the Gobi); read where the roads part (Beijing)
``mode``      0 foot, 1 bus, 2 train (3 boat is the Mekong's own); where the
              chosen mode is not possible the leg's first mode is used
``broker``    the broker wanted: 0 none, 1 a cheap one, 2 a well-connected one.
              Hired at a place in North Korea or China when the traveller has
              none and can pay: the whole journey's price in North Korea, the
              ``onward_share`` of it in China. Once hired a broker stays until
              he vanishes (a cheap one can) or the traveller is trafficked.
``papers``    1: buy false papers (``papers_cost``) at a place in China
``pay``       what to do when police stop the traveller on the road (the
              check is met one day and answered the next: the journey waits
              for the decision): 0 stay calm and show what she has, 1 offer
              ``bribe_cost``, 2 get off and slip away (``slip_caught``)
``guard_pay`` 1: at the river, pay a border guard to look away
              (``guard_pay_cost``): fewer eyes (``paid_guard_factor``), but
              a paid guard may sell the crossing to his officers
              (``guard_betray``)
``spotted``   when the guards see her in the river (the crossing waits for
              the answer, as a check on the road does): 0 lie still in the
              reeds (``spot_still_caught``; if not found she crawls back to
              the North's bank and may try another night), 1 run for the
              Chinese bank (``spot_run_caught``, deeper water:
              ``spot_run_drown_factor``; from ``sealed_from_year`` the order to
              shoot: ``shot_share``), 2 offer the soldiers money
              (``river_bribe_cost``, ``spot_bribe_caught``)
``door``      when the police are at the door (every raid on someone free;
              the journey waits for the answer): 0 hide inside and keep
              silent (``door_hide_caught``), 1 out the back (``door_run_caught``;
              a new place costs ``move_cost``), 2 open and offer ``bribe_cost``
              (``door_bribe_caught``)
``trust``     a woman alone in China is offered work and a room by a stranger
              (``offer_daily``; the journey waits for the answer): 0 decline,
              1 trust her (sold at ``offer_false``, as trafficking; else the
              work is real and pays ``offer_pay``)
``phone``     before she leaves home (the first day, in North Korea, for someone
              with family outside who sends money, ``remittance`` > 0; the journey
              waits for the answer): 0 leave as she is, 1 call a relative in
              the South on a smuggled Chinese phone, who sends money through a
              broker (``phone_money``); the border's signal-detection units may
              trace the call (``phone_traced``) and she is arrested at home
``company``   before she leaves home (North Korea, the day after the phone's
              question, or the first day; unless she has already gone): 0 alone, 1 with a neighbour who has
              crossed before and knows the guards' rounds (as if
              ``watch_nights_max`` nights were watched), but the more people
              know of a plan, the likelier someone tells (``neighbour_informs``:
              arrested at home)
``guide``     1: at the river, pay a broker's man to take her across, the way into
              China only (a cheap broker's price less the ``onward_share``):
              the crossing is seen as with a cheap broker
              (``guard_factor_budget``); in China she is on her own
``haste``     at a place on the way where the next stage is being arranged (the
              stopover's wait: a safe house, then tickets or a car): 0 wait for
              the arrangement, 1 go on at once by herself (with ``activity`` 1):
              the next leg's checks times ``rushed_check_factor``
``lodging``   where she lives while in hiding in China (asked once: on the first day
              for someone who starts there, else the first day she stays on at a
              place in China without a broker and not waiting for the next stage;
              the journey waits for the answer): 0 a rented room in town (full pay), 1 with the
              family who employ her (out of sight: raids times
              ``family_raid_factor``, but pay times ``family_wage_factor``);
              it holds at that place only
``mobile``    in China, the day after where she lives is answered: 0 no phone,
              1 keep a phone: friends and brokers can ring ahead, so more raids
              are heard of a day ahead (``mobile_warning_share`` in place of
              ``raid_warning_share``), but a phone can be traced (raids times
              ``mobile_raid_factor``)
``sell``      before she leaves home (North Korea, the day after whom she goes with is
              answered; the journey waits for the answer): 0 keep what the house has
              (for those staying behind), 1 sell a few things quietly
              (``sell_quiet_money``; a neighbour may still notice,
              ``sell_quiet_informs``), 2 sell the household's things openly at the
              market (``sell_open_money``; the neighbours notice, as with a plan
              told to a neighbour: ``neighbour_informs``): reported, arrested at home
``contacts``  for a woman in hiding in China, the day after whether to keep a phone:
              0 keep away from other North Koreans, 1 keep in touch with them: they
              warn her of the brokers' tricks (trafficking and a false stranger's
              offer times ``contacts_traffick_factor``), but when one of them is
              caught she is named (raids times ``contacts_raid_factor``)
``church_call`` in hiding in China, the day after other North Koreans (a man: after the
              phone): 0 not now, 1 get in touch with a church group that helps North
              Koreans: its network may find and pay a guide south as for someone it
              shelters (``church_passage_daily``), but the police watch those the
              churches help (raids times ``church_raid_factor``, as in a shelter)
``laos_way``  at the last place in China before Laos (the journey waits for the answer
              on the day she arrives): 0 over the hills on foot with a guide, 1 hidden
              in a car by the road (a day, no hills, but the car must pass the border
              post: that leg's checks times ``laos_vehicle_check_factor``)
``permit``    before she leaves home (North Korea, the day after what she sells): 0 take
              the train to the border town without a travel permit (taken off it and
              questioned at ``permit_caught``: arrested), 1 buy a permit with a bribe
              (``permit_cost``): a guest with papers in the border town
``stay``      where she waits for the night at the river (the day after the permit):
              0 at her aunt's in the town (without a permit an unregistered guest,
              found in a lodging check at ``guest_check`` a night), 1 in the hills
              above the bank (no one to register her, but found by the patrols at
              ``watch_caught`` a night, and a night in the open costs
              ``open_night_loss`` of health)
``water``     at the last town before the Gobi (asked on arrival): 0 a little (light,
              but thirst: the walk's loss of health times ``gobi_thirst_factor``),
              1 a lot (heavy: the walk's speed times ``gobi_load_speed_factor``)
``by_night``  the day after the water: walk the Gobi 0 by day, 1 by night (patrols see
              less: checks times ``gobi_night_check_factor``; the way is lost more
              easily in the dark: speed times ``gobi_night_speed_factor``)
``soldiers``  soldiers seen far off on the Gobi walk, halfway (the walk waits for the
              answer): 0 walk to them (found by Mongolia's guards, who usually send
              North Koreans on to the South; at ``soldiers_return`` they are a Chinese
              patrol or send her back), 1 keep hidden and walk on to the post (lost for
              a while: ``gobi_lost_share`` of the walk again)
``indoors``   in hiding in China from ``crackdown_from_year`` (the cameras), the day
              after the church: 0 go out to work as before, 1 keep off the streets and
              the cameras: work only inside (not seen: no ``work_raid_factor``), pay
              times ``family_wage_factor``
``move_town`` in hiding in the border region in the years of the cameras, the day after
              them: 0 stay, 1 leave now for the next town inland, by herself (the road's
              checks as they are; away from the border the raids lose
              ``border_raid_factor``)
``flee``      when warned that the police are coming (a share of raids are
              heard of a day ahead, ``raid_warning_share``): 0 stay hidden,
              1 move to another hiding place (``move_cost``, ``move_caught``)

Outcomes: ``reached_thailand``, ``reached_mongolia``, ``repatriated`` (caught
by the North's guards at the river, or in China or Laos and handed back),
``hiding_in_china`` (still in China when ``max_days`` have passed),
``died``.

What the scene reads (``state.extra``; arrays of n unless said)
----------------------------------------------------------------
``node`` place index (``model.places``) where the traveller is, or the start
of the leg she is on; ``leg`` leg index (``model.legs``) or -1; ``km_done``;
``leg_mode``; ``money`` (US dollars); ``health`` (0..1); ``broker``;
``papers``; ``held`` (days left held, 0 if free); ``prep`` (days until the
broker is ready); ``campaign`` (days left of a police campaign);
``crossed`` (in China or beyond); ``crossed_on`` (the day she crossed, -1
before); ``rounds`` (nights spent watching the guards); ``guard_paid``;
``pending_river`` (1 while the guards' torch is on her in the river);
``pending_door`` (1 while the police are at the door); ``pending_offer`` (1
while a stranger's offer waits for her answer); ``pending_phone`` (1 on the
first day at home, while the phone call waits for her answer);
``pending_company`` (1 at home until she has said whom she goes with);
``pending_lodging`` (1 while where she lives in China waits for her answer);
``pending_sell`` (1 at home until she has said what she sells);
``pending_contacts`` (1 while keeping in touch with other North Koreans waits
for her answer) and ``contacts`` (True while she keeps in touch);
``pending_church`` (1 while getting in touch with a church group waits for her
answer) and ``church_contact`` (True once she is in touch with one);
``pending_way`` (1 while the way into Laos waits for her answer) and ``way``
(0 over the hills, 1 hidden in a car);
``lodging`` (0 a rented room, 1 with the family who employ her) and
``lodging_node`` (the place it holds at, -1 before);
``pending_mobile`` (1 while whether to keep a phone waits for her answer);
``mobile`` (True while she keeps a phone in China);
``guided`` (a broker's man paid to take her across the river);
``stopover`` (days left of the stopover's wait at a place on the way);
``rushed`` (on a leg begun without waiting for the arrangement);
``days_in_china``; ``pending_check`` (1 while
police on the road wait for her answer); ``warned`` (1 the day after a warning); ``event`` (this step's
main event, index into ``EVENT_CODES``); ``month`` and ``day`` (scalars).
Every event is also emitted (``State.emit(code, mask, place=...)``) with the
place index; game/narrator.py tells it with the scenario's ``[events]``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np

from ..i18n import N_
from .model import RiskModel, State

ACTIVITIES = ("hide", "travel", "work", "shelter", "watch")
HIDE, TRAVEL, WORK, SHELTER, WATCH = 0, 1, 2, 3, 4
FORDS = ("town", "remote")
AT_CHECK = ("calm", "pay", "slip")
CALM, PAY, SLIP = 0, 1, 2
SPOTTED = ("still", "run", "pay")  # seen in the river: lie still, run for China, offer money
STILL, RUN_FOR_IT, PAY_GUARDS = 0, 1, 2
AT_DOOR = ("hide", "run", "pay")  # the police at the door: hide inside, out the back, open and offer money
DOOR_HIDE, DOOR_RUN, DOOR_PAY = 0, 1, 2
SELLING = ("keep", "quiet", "open")  # before leaving home: keep the house's things, sell a few quietly, sell openly
KEEP, SELL_QUIET, SELL_OPEN = 0, 1, 2
WAYS = ("hills", "car")  # into Laos: over the hills on foot with a guide, hidden in a car by the road
HILLS, CAR = 0, 1
LODGINGS = ("room", "family")  # where she lives in hiding: a rented room in town, with the family who employ her
ROOM, FAMILY = 0, 1
ROUTES = ("thailand", "mongolia")
MODES = ("foot", "bus", "train", "boat")
FOOT, BUS, TRAIN, BOAT = 0, 1, 2, 3
BROKERS = ("none", "budget", "reliable")
KINDS = ("border", "northeast", "city", "long", "south", "laos", "mekong", "inner_mongolia", "gobi")
CROSSINGS = ("", "river", "laos", "mekong", "gobi")
CHINA, NORTH_KOREA = "CN", "KP"
DAYS_PER_MONTH = 365.25 / 12  # calendar arithmetic
# The moon: its mean synodic month and one new moon (6 January 2000, 18:14 UTC),
# as day numbers of the proleptic Gregorian calendar (date.toordinal). Astronomy,
# not an assumption: the light on the river on any night of the journey.
SYNODIC_MONTH = 29.530588853
NEW_MOON_2000 = 730125 + 18.23 / 24

# Labels for people (msgids; the scene translates them).
ACTIVITY_LABELS = (N_("Hide"), N_("Travel"), N_("Work"), N_("Ask a church for shelter"), N_("Watch the guards"))
ROUTE_LABELS = (N_("South to Thailand"), N_("North to Mongolia"))
MODE_LABELS = (N_("On foot"), N_("By bus"), N_("By train"), N_("By boat"))
BROKER_LABELS = (N_("No broker"), N_("A cheap broker"), N_("A well-connected broker"))
ROAD_LABELS = (N_("On the road to {place}, on foot."), N_("On the road to {place}, by bus."),
               N_("On the road to {place}, by train."), N_("On the river to {place}, by boat."))

# Event codes: J_* index into EVENT_CODES (the names State.emit uses; the
# sentences are levels/overland/scenario.toml [events]).
(J_NONE, J_WAIT_NK, J_CROSS_WATER, J_CROSS_ICE, J_HIRE_BUDGET, J_HIRE_RELIABLE, J_PAPERS, J_HIDE,
 J_WORK, J_MONEY, J_LEAVE, J_ARRIVE, J_CHECK_PASSED, J_BRIBE, J_CAMPAIGN, J_TRAFFICKED, J_FREED,
 J_BROKER_GONE, J_COLD, J_HUNGER, J_ILL, J_CAUGHT_RIVER, J_CAUGHT_CHECK, J_CAUGHT_RAID, J_SHOT,
 J_CAUGHT_LAOS, J_THAILAND, J_MONGOLIA, J_DIED, J_STILL_HIDING, J_LAOS, J_GOBI, J_BROKER_WAIT,
 J_DROWNED, J_CHECK_AHEAD, J_SLIPPED, J_WARNED, J_MOVED, J_QUIET, J_SHELTER, J_REMOTE, J_PASSAGE,
 J_WATCH, J_DARK, J_GUARD_PAID, J_SPOTTED, J_BETRAYED, J_BACK, J_RIVER_BRIBE, J_CAUGHT_WATCH, J_CAUGHT_RUN,
 J_CAUGHT_PAID, J_DOOR, J_DOOR_HID, J_DOOR_RAN, J_DOOR_PAID, J_CAUGHT_DOOR_RUN, J_CAUGHT_DOOR_PAID,
 J_OFFER, J_OFFER_NO, J_OFFER_TRUE, J_OFFER_SOLD, J_PHONE_NO, J_PHONE_MONEY, J_CAUGHT_PHONE,
 J_ALONE, J_NEIGHBOUR, J_INFORMED, J_STOPOVER, J_RUSHED, J_GOBI_FAR, J_GUIDE, J_STILL_HELD,
 J_LODGING, J_LODGING_ROOM, J_LODGING_FAMILY, J_MOBILE, J_MOBILE_NONE, J_MOBILE_KEPT,
 J_SELL_KEPT, J_SELL_QUIET, J_SELL_OPEN, J_CAUGHT_SELLING, J_CONTACTS, J_CONTACTS_AWAY, J_CONTACTS_KEPT,
 J_WAY, J_WAY_HILLS, J_WAY_CAR, J_LAOS_CAR, J_CHURCH_ASK, J_CHURCH_NONE, J_CHURCH_LINKED,
 J_PERMIT, J_PERMIT_BOUGHT, J_PERMIT_NONE, J_CAUGHT_TRAIN, J_STAY, J_STAY_AUNT, J_STAY_HILLS, J_CAUGHT_GUEST,
 J_CAUGHT_HILLS, J_WATER, J_WATER_LIGHT, J_WATER_HEAVY, J_NIGHT_DAY, J_NIGHT_DARK, J_SOLDIERS, J_SOLDIERS_MET,
 J_SOLDIERS_RETURNED, J_SOLDIERS_HIDDEN, J_INDOORS, J_INDOORS_OUT, J_INDOORS_IN, J_MOVE, J_MOVE_STAY,
 J_MOVE_GO) = range(117)

EVENT_CODES = ("", "wait_nk", "cross_water", "cross_ice", "hire_budget", "hire_reliable", "papers", "hide", "work", "money", "leave", "arrive", "check_passed", "bribe", "campaign", "trafficked", "freed", "broker_gone", "cold", "hunger", "ill", "caught_river", "caught_check", "caught_raid", "shot", "caught_laos", "thailand", "mongolia", "died", "still_hiding", "laos", "gobi", "broker_wait", "drowned",
               "check_ahead", "slipped", "warned", "moved", "quiet_again", "shelter", "remote_ford",
               "church_passage", "watch_guards", "dark_night", "guard_paid", "spotted", "betrayed",
               "back_bank", "river_bribe", "caught_watching", "caught_running", "caught_bribe",
               "door", "door_hid", "door_ran", "door_paid", "caught_door_run", "caught_door_paid",
               "offer", "offer_declined", "offer_true", "offer_sold", "phone_declined", "phone_money",
               "caught_phone", "going_alone", "with_neighbour", "caught_informed", "stopover", "rushed",
               "gobi_far", "guide_paid", "still_held", "lodging", "lodging_room", "lodging_family",
               "mobile", "mobile_none", "mobile_kept",
               "sell_kept", "sell_quiet", "sell_open", "caught_selling", "contacts", "contacts_away",
               "contacts_kept", "laos_way", "laos_way_hills", "laos_way_car", "laos_car",
               "church_ask", "church_none", "church_linked",
               "permit", "permit_bought", "permit_none", "caught_train", "stay", "stay_aunt", "stay_hills",
               "caught_guest", "caught_hills", "water", "water_light", "water_heavy", "gobi_by_day", "gobi_by_night",
               "soldiers", "soldiers_met", "soldiers_returned", "soldiers_hidden", "indoors", "indoors_out",
               "indoors_in", "move_town", "move_stay", "move_inland")

# Risk reasons: index into Model.risk_reasons.
(R_GUARDS, R_WATER, R_CHECKS, R_RAIDS, R_CRACKDOWN, R_TRAFFICKING, R_COLD, R_HUNGER, R_HILLS,
 R_GOBI, R_LAOS) = range(11)


class RouteError(ValueError):
    """A route table or map that does not fit together; the message says where."""


@dataclass(frozen=True)
class Place:
    id: str
    label: str
    lon: float
    lat: float
    x: float  # map position, tiles
    y: float
    country: str
    role: str


@dataclass(frozen=True)
class Leg:
    index: int
    start: int  # place index
    end: int
    km: float
    modes: tuple[int, ...]
    kind: str
    route: str  # "both", "thailand" or "mongolia"
    crossing: str


def great_circle_km(lon1: float, lat1: float, lon2: float, lat2: float, radius_km: float = 6371.0) -> float:
    """Haversine distance on a sphere."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * radius_km * math.asin(min(1.0, math.sqrt(a)))


def _value(text: str) -> Any:
    try:
        return float(text)
    except ValueError:
        return text


def _place(pid: str, x: float, y: float, props: Mapping[str, Any]) -> Place:
    return Place(
        id=pid,
        label=str(props.get("label", pid)),
        lon=float(props.get("lon", 0.0)),
        lat=float(props.get("lat", 0.0)),
        x=x,
        y=y,
        country=str(props.get("country", "")),
        role=str(props.get("role", "")),
    )


def load_places(world: Any) -> tuple[Place, ...]:
    """The map's place objects."""
    if world is None:
        raise RouteError("overland model: needs the scenario's map data (its places)")
    return tuple(_place(o.name, o.x, o.y, o.properties) for o in world.objects_of("place"))


_SCALARS: dict = {}  # (type, value, n, dtype) -> the read-only broadcast array _as_array makes of it


def _as_array(value: Any, n: int, dtype=np.int64) -> np.ndarray:
    if type(value) is np.ndarray and value.dtype == dtype and value.shape == (n,):
        return value  # already what it would become (astype(copy=False) gives it back as is)
    if type(value) in (int, bool):  # the resting action's plain codes: the same array each step
        key = (type(value), value, n, dtype)
        arr = _SCALARS.get(key)
        if arr is None:
            if len(_SCALARS) > 4096:
                _SCALARS.clear()
            arr = _SCALARS[key] = np.broadcast_to(np.asarray(value).astype(dtype, copy=False), (n,))
        return arr
    arr = np.asarray(value)
    if arr.dtype.kind in "US":  # names given instead of codes
        raise TypeError("overland actions are whole-number codes, not names")
    arr = arr.astype(dtype, copy=False)
    return arr if arr.shape == (n,) else np.broadcast_to(arr, (n,))  # (broadcast_to costs 4 us a call)


def _code(value: Any, n: int, high: int) -> np.ndarray:
    """_clip(_as_array(value, n), 0, high): an action's code as n codes within 0..high; for
    a plain code (a replay's, step after step) the same read-only array each time."""
    if type(value) in (int, bool):
        key = ("code", type(value), value, n, high)
        arr = _SCALARS.get(key)
        if arr is None:
            if len(_SCALARS) > 4096:
                _SCALARS.clear()
            arr = _clip(_as_array(value, n), 0, high)
            arr.flags.writeable = False
            _SCALARS[key] = arr
        return arr
    return _clip(_as_array(value, n), 0, high)


def _clip(a: Any, low: float, high: float) -> Any:
    """np.clip(a, low, high) without its few microseconds of overhead a call (the step makes ~15)."""
    return np.minimum(np.maximum(a, low), high)


class Model(RiskModel):
    id = "overland"
    outcomes = ("reached_thailand", "reached_mongolia", "repatriated", "hiding_in_china", "died")
    step_hours = 24.0
    max_steps = 365
    timeout_outcome = "hiding_in_china"
    default_action = {"activity": HIDE, "route": 0, "mode": BUS, "broker": 0, "papers": 0, "pay": 0, "ford": 0, "flee": 0,
                      "guard_pay": 0, "spotted": 0, "door": 0, "trust": 0, "phone": 0,
                      "company": 0, "haste": 0, "guide": 0, "lodging": 0, "mobile": 0,
                      "sell": 0, "contacts": 0, "laos_way": 0, "church_call": 0,
                      "permit": 1, "stay": 0, "water": 0, "by_night": 0, "soldiers": 0, "indoors": 0,
                      "move_town": 0}
    action_limits = {"activity": (0, len(ACTIVITIES) - 1), "route": (0, len(ROUTES) - 1), "mode": (0, len(MODES) - 1),
                     "broker": (0, len(BROKERS) - 1), "papers": (0, 1), "pay": (0, len(AT_CHECK) - 1),
                     "ford": (0, len(FORDS) - 1), "flee": (0, 1), "guard_pay": (0, 1),
                     "spotted": (0, len(SPOTTED) - 1), "door": (0, len(AT_DOOR) - 1),
                     "trust": (0, 1), "phone": (0, 1), "company": (0, 1), "haste": (0, 1),
                     "guide": (0, 1), "lodging": (0, len(LODGINGS) - 1), "mobile": (0, 1),
                     "sell": (0, len(SELLING) - 1), "contacts": (0, 1), "laos_way": (0, len(WAYS) - 1),
                     "church_call": (0, 1), "permit": (0, 1), "stay": (0, 1), "water": (0, 1),
                     "by_night": (0, 1), "soldiers": (0, 1), "indoors": (0, 1), "move_town": (0, 1)}
    risk_reasons = (
        N_("The North's border guards watch the river."),
        N_("The water is cold and fast."),
        N_("Police check papers on this road."),
        N_("Police raids, and neighbours who inform."),
        N_("A police campaign is under way: checks everywhere."),
        N_("Women alone in hiding are at risk of being trafficked."),
        N_("The cold."),
        N_("Hunger: no money for food."),
        N_("The hills into Laos: rain, jungle, little food."),
        N_("The Gobi: no water, no shelter, no one to ask."),
        N_("Police in Laos watch the roads to the Mekong."),
    )
    event_codes = EVENT_CODES[1:]

    # ------------------------------------------------------------ set-up

    @classmethod
    def from_scenario(cls, scenario: Any, values: Mapping[str, float], world: Any = None) -> "Model":
        if scenario.route is None:
            raise RouteError(f"{scenario.file}: the [route] table is missing")
        return cls(values, world, scenario.route)

    def __init__(self, params: Mapping[str, float], world: Any, route: Any):
        """``route`` is the scenario's typed route (``game.levels.Route``)."""
        super().__init__(params, world)
        p = self.params
        self.max_steps = int(p["max_days"])
        self.default_action = dict(type(self).default_action, route=int(p["planned_route"]))
        self._build_graph(route, load_places(world))
        self._build_tables()

    def _build_graph(self, route: Any, places: tuple[Place, ...]) -> None:
        by_id = {pl.id: pl for pl in places}
        used: list[str] = []

        def node(pid: str) -> int:
            if pid not in by_id:
                raise RouteError(f"route: place '{pid}' is not on the map (has: {', '.join(sorted(by_id))})")
            if pid not in used:
                used.append(pid)
            return used.index(pid)

        start = node(route.start)
        start_china = node(route.start_in_china)
        legs: list[Leg] = []
        for i, raw in enumerate(route.legs):
            a, b = node(raw.start), node(raw.end)
            pa, pb = by_id[used[a]], by_id[used[b]]
            bad = [m for m in raw.modes if m not in MODES]
            if bad:
                raise RouteError(f"route.legs[{i}]: mode '{bad[0]}' is not one of {', '.join(MODES)}")
            modes = tuple(MODES.index(m) for m in raw.modes)
            kind = raw.kind
            if kind not in KINDS:
                raise RouteError(f"route.legs[{i}]: kind '{kind}' is not one of {', '.join(KINDS)}")
            crossing = raw.crossing
            if crossing not in CROSSINGS:
                raise RouteError(f"route.legs[{i}]: crossing '{crossing}' is not one of {', '.join(CROSSINGS[1:])}")
            if raw.km_param:
                if raw.km_param not in self.params:
                    raise RouteError(f"route.legs[{i}]: km_param '{raw.km_param}' names no parameter")
                km = float(self.params[raw.km_param])
            else:
                km = great_circle_km(pa.lon, pa.lat, pb.lon, pb.lat) * float(self.params["road_factor"])
            legs.append(Leg(i, a, b, km, modes, kind, raw.route, crossing))
        self.places: tuple[Place, ...] = tuple(by_id[pid] for pid in used)
        self.legs: tuple[Leg, ...] = tuple(legs)
        self.start_node = start
        self.start_china_node = start_china
        bad = [oid for oid in route.goals.values() if oid not in self.outcomes]
        if bad:
            raise RouteError(f"route.goals: '{bad[0]}' is not an outcome (has: {', '.join(self.outcomes)})")
        self.goal_outcome = {node(pid): self.code(oid) for pid, oid in route.goals.items()}
        self.border_nodes = {node(pid) for pid in route.border_region}

    def _build_tables(self) -> None:
        p = self.params
        n_nodes, n_legs = len(self.places), len(self.legs)
        # next_leg[node, route]: the leg out of a place for each route choice;
        # past the fork every road leads on along the branch already taken.
        self.next_leg = np.full((n_nodes, len(ROUTES)), -1, dtype=np.int64)
        for node in range(n_nodes):
            out = [leg for leg in self.legs if leg.start == node]
            for r, name in enumerate(ROUTES):
                fit = [leg for leg in out if leg.route in ("both", name)] or out
                if fit:
                    self.next_leg[node, r] = fit[0].index
        self.leg_start = np.array([leg.start for leg in self.legs], dtype=np.int64)
        self.leg_end = np.array([leg.end for leg in self.legs], dtype=np.int64)
        self.leg_km = np.array([leg.km for leg in self.legs])
        self.leg_allowed = np.zeros((n_legs, len(MODES)), dtype=bool)
        self.leg_first_mode = np.array([leg.modes[0] for leg in self.legs], dtype=np.int64)
        for leg in self.legs:
            self.leg_allowed[leg.index, list(leg.modes)] = True
        self.leg_kind = np.array([KINDS.index(leg.kind) for leg in self.legs], dtype=np.int64)
        self.leg_crossing = np.array([CROSSINGS.index(leg.crossing) for leg in self.legs], dtype=np.int64)
        self.kind_check = np.array([float(p[f"check_{k}"]) for k in KINDS])
        # Kinds of road that cross a border (not the river: the guards are its own).
        self.kind_crossing = np.array([k in ("laos", "mekong", "gobi") for k in KINDS])
        # Roads across China, where tickets, stations and checkpoints ask for papers
        # (the border region has its own, higher check chance; Laos, the Mekong and
        # the Gobi are border crossings).
        self.kind_ticketed = np.array([k in ("northeast", "city", "long", "south", "inner_mongolia") for k in KINDS])
        self.node_x = np.array([pl.x for pl in self.places])
        self.node_y = np.array([pl.y for pl in self.places])
        self.node_china = np.array([pl.country == CHINA for pl in self.places])
        self.node_nk = np.array([pl.country == NORTH_KOREA for pl in self.places])
        self.node_border = np.array([i in self.border_nodes for i in range(n_nodes)])
        self.node_goal = np.full(n_nodes, -1, dtype=np.int64)
        for node, code in self.goal_outcome.items():
            self.node_goal[node] = code
        # A leg inside China (both ends in China) counts as China for trafficking and fares.
        self.leg_in_china = self.node_china[self.leg_start] & self.node_china[self.leg_end]
        self.speed = np.array([p["speed_foot"], p["speed_bus"], p["speed_train"], p["speed_boat"]], dtype=float)
        self.mode_factor = np.array([p["mode_foot_factor"], 1.0, p["mode_train_factor"], 1.0])
        self.broker_check = np.array([1.0, p["broker_check_budget"], min(p["broker_check_budget"], p["broker_check_reliable"])])
        self.broker_guard = np.array(
            [1.0, p["guard_factor_budget"], min(p["guard_factor_budget"], p["guard_factor_reliable"])])
        self.broker_traffick = np.array([1.0, p["traffick_broker_budget"], p["traffick_broker_reliable"]])
        share = min(float(p["trafficked_share"]), 0.999)
        self.traffick_daily = 1.0 - (1.0 - share) ** (1.0 / float(p["trafficking_horizon_days"]))
        year = float(p["year"])
        self.sealed = year >= float(p["sealed_from_year"])
        self.crackdown = float(p["crackdown_factor"]) if year >= float(p["crackdown_from_year"]) else 1.0
        self.cameras = year >= float(p["crackdown_from_year"])  # faces checked at stations and on the streets
        # After the missionaries were deported and the churches closed, far fewer ways south.
        self.church_passage = float(p["church_passage_daily"]) * (
            float(p["church_closures_factor"]) if year >= float(p["church_closures_from_year"]) else 1.0)

    # ------------------------------------------------------------ prices and chances

    FEE_YEARS = (2007, 2011, 2016, 2019, 2024)

    def fee(self, year: float | None = None) -> float:
        """A cheap broker's price for the whole journey in ``year``, as recorded.

        Straight lines between the recorded years; before the first and after
        the last the nearest record holds.
        """
        if year is None:  # the model's own year: its parameters do not change, nor the fee
            cached = self.__dict__.get("_fee_now")
            if cached is None:
                cached = self._fee_now = self.fee(self.params["year"])
            return cached
        y = float(year)
        values = [float(self.params[f"fee_{yr}"]) for yr in self.FEE_YEARS]
        return float(np.interp(y, self.FEE_YEARS, values))

    def hire_cost(self, tier: Any, in_china: Any) -> np.ndarray:
        """What hiring a broker of ``tier`` costs now: whole journey, or the onward share."""
        tier = np.asarray(tier)
        consts = self.__dict__.get("_hire_consts")
        if consts is None:  # the parameters do not change during a run
            consts = self._hire_consts = (self.fee(), float(self.params["reliable_premium"]),
                                          float(self.params["onward_share"]))
        fee, premium, share = consts
        base = fee * np.where(tier >= 2, premium, 1.0)
        return np.where(np.asarray(in_china), base * share, base) * (tier > 0)

    def crossing_cost(self) -> float:
        """A broker's man to take her across, the way into China only: a cheap
        broker's price less the share paid from China (overland.fee_china_2015:
        about $8,000 in 2015 for the way into China only)."""
        return self.fee() * (1.0 - float(self.params["onward_share"]))

    def guard_chance(self, broker: Any, sealed: bool | None = None, ford: Any = 0, rounds: Any = 0,
                     moon: float | None = None, paid: Any = False) -> np.ndarray:
        """Chance that the North's guards see a crossing of the river (``ford`` 1:
        upstream; ``rounds``: nights spent watching them; ``moon``: the moon's
        lit share tonight, None for an average night; ``paid``: a guard paid to
        look away). Seen is not yet caught: see ``spotted_caught``."""
        sealed = self.sealed if sealed is None else sealed
        pr = self.params
        known = np.minimum(np.asarray(rounds), int(pr["watch_nights_max"]))
        p = (float(pr["guard_catch"]) * self.broker_guard[np.asarray(broker)]
             * np.where(np.asarray(ford) == 1, float(pr["remote_guard_factor"]), 1.0)
             * float(pr["watch_guard_factor"]) ** known
             * np.where(np.asarray(paid), float(pr["paid_guard_factor"]), 1.0))
        if moon is not None:
            lo, hi = float(pr["moon_dark_factor"]), float(pr["moon_full_factor"])
            p = p * (lo + (hi - lo) * float(moon))
        if sealed:
            p = p * float(pr["sealed_guard_factor"])
        return _clip(p, 0.0, 1.0)

    def spotted_caught(self, answer: Any) -> np.ndarray:
        """Chance that someone the guards have seen in the river is taken: lying
        still, running for the Chinese bank, or offering money."""
        pr = self.params
        table = np.array([float(pr["spot_still_caught"]), float(pr["spot_run_caught"]), float(pr["spot_bribe_caught"])])
        return table[_clip(np.asarray(answer), 0, len(SPOTTED) - 1)]

    def door_caught(self, answer: Any) -> np.ndarray:
        """Chance that the police at the door take her: hiding inside, going out
        the back, or opening and offering money."""
        pr = self.params
        table = np.array([float(pr["door_hide_caught"]), float(pr["door_run_caught"]), float(pr["door_bribe_caught"])])
        return table[_clip(np.asarray(answer), 0, len(AT_DOOR) - 1)]

    def moonlight(self, step: int) -> float:
        """The moon's lit share (0 new, 1 full) on the night of day ``step`` of
        the journey, from the start's year and month: astronomy, the same for all."""
        import datetime

        start = datetime.date(int(self.params["year"]), int(self.params["month"]), 1).toordinal()
        age = (start + step + 0.5 - NEW_MOON_2000) % SYNODIC_MONTH
        return 0.5 * (1.0 - math.cos(2.0 * math.pi * age / SYNODIC_MONTH))

    def nights_to_dark(self, step: int, below: float = 0.15) -> int:
        """Nights from day ``step`` until the moon's lit share is under ``below``."""
        for k in range(int(SYNODIC_MONTH) + 2):
            if self.moonlight(step + k) < below:
                return k
        return 0

    def check_chance(self, kind: Any, mode: Any, broker: Any, campaign: Any) -> np.ndarray:
        """Chance of being checked on the road in a day (papers matter once checked).

        Without a broker, a bus or train passenger on the roads across China
        meets every identity check on the way (``id_check_alone``): a broker
        buys the tickets, drives round the checkpoints and knows which buses
        are searched (overland.checkpoints).
        """
        broker, mode = np.asarray(broker), np.asarray(mode)
        alone_at_border = self.kind_crossing[np.asarray(kind)] & (broker == 0)
        alone_aboard = (broker == 0) & ((mode == BUS) | (mode == TRAIN)) & self.kind_ticketed[np.asarray(kind)]
        p = (self.kind_check[np.asarray(kind)] * self.mode_factor[mode]
             * self.broker_check[broker] * self.crackdown
             * np.where(alone_at_border, float(self.params["alone_crossing_factor"]), 1.0)
             * np.where(alone_aboard, float(self.params["id_check_alone"]), 1.0)
             * np.where(np.asarray(campaign), float(self.params["campaign_factor"]), 1.0))
        return _clip(p, 0.0, 1.0)

    def arrest_chance(self, papers: Any, speaks: Any, bribe: Any) -> np.ndarray:
        """Chance that a check ends in arrest."""
        p = (float(self.params["arrest_given_check"])
             * np.where(np.asarray(papers), float(self.params["papers_factor"]), 1.0)
             * np.where(np.asarray(speaks), float(self.params["chinese_arrest_factor"]), 1.0)
             * np.where(np.asarray(bribe), float(self.params["bribe_factor"]), 1.0))
        return _clip(p, 0.0, 1.0)

    def road_capture_chance(self, kind, mode, broker, papers, campaign, speaks, bribe) -> np.ndarray:
        """Chance of being caught on a day on the road: checked, then arrested."""
        return self.check_chance(kind, mode, broker, campaign) * self.arrest_chance(papers, speaks, bribe)

    def drown_chance(self, ice: bool, ford: Any = 0) -> np.ndarray:
        """Chance of drowning in a crossing of the river: none on the ice; more upstream."""
        if ice:
            return np.zeros(np.shape(ford))
        return _clip(float(self.params["drown_risk"])
                       * np.where(np.asarray(ford) == 1, float(self.params["remote_drown_factor"]), 1.0), 0.0, 1.0)

    def slip_chance(self) -> float:
        """Chance of being caught when getting off and slipping away from a check."""
        return float(self.params["slip_caught"])

    def raid_chance(self, border: Any, work: Any, broker: Any, papers: Any, campaign: Any,
                    church: Any = False, family: Any = False, phone: Any = False, contacts: Any = False) -> np.ndarray:
        """Chance that the police come for someone at a place in China in a day
        (for some of them, ``raid_warning_share``, word comes a day ahead); living
        with the family who employ her, out of sight, the police come less often;
        with a phone, which can be traced, more often; in touch with other North
        Koreans, one of whom may name her when caught, more often."""
        p = (float(self.params["raid_daily"])
             * np.where(np.asarray(contacts), float(self.params["contacts_raid_factor"]), 1.0)
             * np.where(np.asarray(family), float(self.params["family_raid_factor"]), 1.0)
             * np.where(np.asarray(phone), float(self.params["mobile_raid_factor"]), 1.0)
             * np.where(np.asarray(church), float(self.params["church_raid_factor"]), 1.0)
             * np.where(np.asarray(border), float(self.params["border_raid_factor"]), 1.0)
             * np.where(np.asarray(work), float(self.params["work_raid_factor"]), 1.0)
             * self.broker_check[np.asarray(broker)]
             * np.where(np.asarray(papers), float(self.params["papers_factor"]), 1.0)
             * np.where(np.asarray(campaign), float(self.params["campaign_factor"]), 1.0)
             * self.crackdown)
        return _clip(p, 0.0, 1.0)

    def traffick_chance(self, border: Any, broker: Any, destitute: Any, church: Any = False,
                        contacts: Any = False) -> np.ndarray:
        """Daily chance that a woman at a place in China is trafficked (in touch with
        other North Koreans, who know the brokers' tricks, less often)."""
        p = (self.traffick_daily
             * np.where(np.asarray(contacts), float(self.params["contacts_traffick_factor"]), 1.0)
             * np.where(np.asarray(church), float(self.params["church_traffick_factor"]), 1.0)
             * np.where(np.asarray(border), 1.0, float(self.params["traffick_interior_factor"]))
             * self.broker_traffick[np.asarray(broker)]
             * np.where(np.asarray(destitute), float(self.params["destitute_factor"]), 1.0))
        return _clip(p, 0.0, 1.0)

    def month_of(self, step: int) -> int:
        return int((float(self.params["month"]) - 1 + step / DAYS_PER_MONTH) % 12) + 1

    def _in_months(self, month: int, first: str, last: str) -> bool:
        a, b = int(self.params[first]), int(self.params[last])
        return a <= month <= b if a <= b else (month >= a or month <= b)

    def route_km(self, route: str = "thailand") -> float:
        """Length of a whole route from the start, in km (road_factor applied)."""
        r = ROUTES.index(route)
        node, total, seen = self.start_node, 0.0, set()
        while node not in self.goal_outcome and node not in seen:
            seen.add(node)
            leg = int(self.next_leg[node, r])
            if leg < 0:
                break
            total += self.leg_km[leg]
            node = int(self.leg_end[leg])
        return total

    # ------------------------------------------------------------ the run

    def start(self, n: int, rng: np.random.Generator) -> State:
        p = self.params
        in_china = bool(p["start_in_china"])
        node = self.start_china_node if in_china else self.start_node
        state = State.empty(n, self.node_x[node], self.node_y[node])
        e = state.extra
        e["node"] = np.full(n, node, dtype=np.int64)
        e["leg"] = np.full(n, -1, dtype=np.int64)
        e["km_done"] = np.zeros(n)
        e["leg_mode"] = np.full(n, BUS, dtype=np.int64)
        e["money"] = np.full(n, float(p["start_money"]))
        e["health"] = np.ones(n)
        e["broker"] = np.zeros(n, dtype=np.int64)
        e["papers"] = np.full(n, bool(p["has_papers"]))
        e["held"] = np.zeros(n, dtype=np.int64)
        e["prep"] = np.zeros(n, dtype=np.int64)
        e["campaign"] = np.zeros(n, dtype=np.int64)
        e["crossed"] = np.full(n, in_china)
        e["crossed_on"] = np.full(n, -1 if not in_china else 0, dtype=np.int64)
        e["rounds"] = np.zeros(n, dtype=np.int64)
        e["guard_paid"] = np.zeros(n, dtype=bool)
        e["guided"] = np.zeros(n, dtype=bool)
        e["pending_river"] = np.zeros(n, dtype=np.int64)
        e["pending_door"] = np.zeros(n, dtype=np.int64)
        e["pending_offer"] = np.zeros(n, dtype=np.int64)
        # Asked on the first day at home, of someone with family outside who sends money.
        e["pending_phone"] = np.full(n, int(not in_china and float(p["remittance"]) > 0), dtype=np.int64)
        # Asked at home, before the river: whom she goes with.
        e["pending_company"] = np.full(n, int(not in_china), dtype=np.int64)
        # Asked at home, the day after whom she goes with: what she sells.
        e["pending_sell"] = np.full(n, int(not in_china), dtype=np.int64)
        # For a woman in hiding in China, the day after the phone: other North Koreans.
        e["pending_contacts"] = np.zeros(n, dtype=np.int64)
        e["contacts_asked"] = np.zeros(n, dtype=bool)
        e["contacts"] = np.zeros(n, dtype=bool)
        # In hiding, after other North Koreans (or the phone): a church group.
        e["pending_church"] = np.zeros(n, dtype=np.int64)
        e["church_asked"] = np.zeros(n, dtype=bool)
        e["church_contact"] = np.zeros(n, dtype=bool)
        # At the last place in China before Laos: the way in (asked on arrival).
        e["pending_way"] = np.zeros(n, dtype=np.int64)
        e["way"] = np.zeros(n, dtype=np.int64)
        # Where she lives in hiding: asked on the first day for someone who starts in China,
        # else on her first free day at a place in China without a broker (once a journey).
        e["pending_lodging"] = np.full(n, int(in_china), dtype=np.int64)
        e["lodging_asked"] = np.full(n, in_china)
        e["lodging"] = np.full(n, ROOM, dtype=np.int64)
        e["lodging_node"] = np.full(n, node if in_china else -1, dtype=np.int64)
        # Whether to keep a phone in China: asked the day after where she lives.
        e["pending_mobile"] = np.zeros(n, dtype=np.int64)
        e["mobile_asked"] = np.zeros(n, dtype=bool)
        e["mobile"] = np.zeros(n, dtype=bool)
        # Before the river, after what she sells: the travel permit, then where she waits.
        e["pending_permit"] = np.full(n, int(not in_china), dtype=np.int64)
        e["permit"] = np.zeros(n, dtype=bool)
        e["pending_stay"] = np.full(n, int(not in_china), dtype=np.int64)
        e["stay"] = np.full(n, -1, dtype=np.int64)  # -1 not yet said; 0 the aunt's, 1 the hills
        # At the last town before the Gobi: the water she carries, then by day or by night.
        e["pending_water"] = np.zeros(n, dtype=np.int64)
        e["water"] = np.zeros(n, dtype=np.int64)
        e["pending_night"] = np.zeros(n, dtype=np.int64)
        e["night"] = np.zeros(n, dtype=np.int64)
        # Soldiers seen far off, halfway across the Gobi (once).
        e["pending_soldiers"] = np.zeros(n, dtype=np.int64)
        e["soldiers_seen"] = np.zeros(n, dtype=bool)
        # In the years of the cameras, in hiding, after the church: off the streets or not.
        e["pending_indoors"] = np.zeros(n, dtype=np.int64)
        e["indoors_asked"] = np.zeros(n, dtype=bool)
        e["indoors"] = np.zeros(n, dtype=bool)
        # Then, in the border region: stay, or leave for a town inland.
        e["pending_move"] = np.zeros(n, dtype=np.int64)
        e["move_asked"] = np.zeros(n, dtype=bool)
        e["stopover"] = np.zeros(n, dtype=np.int64)
        e["rushed"] = np.zeros(n, dtype=bool)
        e["days_in_china"] = np.zeros(n, dtype=np.int64)
        e["pending_check"] = np.zeros(n, dtype=np.int64)
        e["warned"] = np.zeros(n, dtype=np.int64)
        e["event"] = np.zeros(n, dtype=np.int16)
        e["last_activity"] = -1  # traveller 0's, so the journal notes changes only
        e["month"] = self.month_of(0)
        e["day"] = 0
        return state

    def step(self, state: State, action: Mapping[str, Any], rng: np.random.Generator) -> None:
        p = self.params
        n, e, step = state.n, state.extra, state.step
        u = rng.random((14, n))  # every traveller draws every step
        active = state.active.copy()
        ev = np.zeros(n, dtype=np.int16)

        if state.events:
            def note(mask: np.ndarray, code: int, place: Any = None) -> None:
                ev[mask] = code
                state.emit(EVENT_CODES[code], mask, place=e["node"] if place is None else place)
        else:  # emit would keep nothing: only the step's event codes
            def note(mask: np.ndarray, code: int, place: Any = None) -> None:
                ev[mask] = code

        activity = _as_array(action.get("activity", HIDE), n)
        route = _code(action.get("route", 0), n, len(ROUTES) - 1)
        mode = _code(action.get("mode", BUS), n, len(MODES) - 1)
        want = _code(action.get("broker", 0), n, 2)
        buy_papers = _as_array(action.get("papers", 0), n) > 0
        respond = _code(action.get("pay", 0), n, len(AT_CHECK) - 1)
        ford = _code(action.get("ford", 0), n, len(FORDS) - 1)
        flee = _as_array(action.get("flee", 0), n) > 0
        pay_guard = _as_array(action.get("guard_pay", 0), n) > 0
        seen_answer = _code(action.get("spotted", 0), n, len(SPOTTED) - 1)
        door_answer = _code(action.get("door", 0), n, len(AT_DOOR) - 1)
        trust = _as_array(action.get("trust", 0), n)
        call = _as_array(action.get("phone", 0), n) > 0
        with_neighbour = _as_array(action.get("company", 0), n) > 0
        take_guide = _as_array(action.get("guide", 0), n) > 0
        rush = _as_array(action.get("haste", 0), n) > 0
        lodge = _code(action.get("lodging", ROOM), n, len(LODGINGS) - 1)
        keep_phone = _as_array(action.get("mobile", 0), n) > 0
        sell = _code(action.get("sell", KEEP), n, len(SELLING) - 1)
        in_touch = _as_array(action.get("contacts", 0), n) > 0
        way = _code(action.get("laos_way", HILLS), n, len(WAYS) - 1)
        call_church = _as_array(action.get("church_call", 0), n) > 0
        buy_permit = _as_array(action.get("permit", 0), n) > 0
        in_hills = _as_array(action.get("stay", 0), n) > 0
        heavy = _as_array(action.get("water", 0), n) > 0
        by_night = _as_array(action.get("by_night", 0), n) > 0
        hide_on = _as_array(action.get("soldiers", 0), n) > 0
        keep_in = _as_array(action.get("indoors", 0), n) > 0
        go_inland = _as_array(action.get("move_town", 0), n) > 0

        month = self.month_of(step)
        e["month"], e["day"] = month, step + 1
        winter = self._in_months(month, "winter_from_month", "winter_to_month")
        ice = self._in_months(month, "ice_from_month", "ice_to_month")
        node, leg, money, health = e["node"], e["leg"], e["money"], e["health"]
        broker, papers, held, prep, crossed = e["broker"], e["papers"], e["held"], e["prep"], e["crossed"]
        speaks = bool(p["speaks_chinese"])
        female = bool(p["female"])
        child = bool(p["with_child"])
        exposure = float(p["child_exposure_factor"]) if child else 1.0

        # Money from family, police campaigns, the cheap broker who vanishes.
        # (Not while held: no one can reach her.)
        monthly = (active & crossed & (held == 0) & ((step + 1) % max(1, int(p["remittance_every_days"])) == 0)
                   & (float(p["remittance"]) > 0))
        money[monthly] += float(p["remittance"])
        note(monthly, J_MONEY)
        campaign = e["campaign"]
        running = campaign > 0
        campaign[running] -= 1
        begins = ~running & (u[0] < float(p["campaign_per_year"]) / 365.0)
        campaign[begins] = int(p["campaign_days"])
        note(begins & active & crossed, J_CAMPAIGN)
        in_campaign = campaign > 0
        had_broker = broker > 0  # (u[1] is the cheap broker's; without one it is a stranger's offer)
        vanish = active & crossed & (broker == 1) & (u[1] < float(p["budget_vanish_daily"]))
        broker[vanish] = 0
        prep[vanish] = 0
        e["stopover"][vanish] = 0  # (the stopover's wait and the broker's were one count)
        note(vanish, J_BROKER_GONE)

        # Before she leaves home: a call on a smuggled Chinese phone to a relative in
        # the South, who sends money through a broker, or none. The signal-detection
        # units may trace the call; then she is arrested at home.
        asked = active & (e["pending_phone"] > 0)
        # Whom she goes with is asked once the phone's question is behind her (the next day).
        # (Whoever crossed on the first day never waited for the question.)
        asked_company = active & (e["pending_company"] > 0) & ~asked & (e["leg"] < 0) & ~e["crossed"]
        # What she sells is asked once whom she goes with is answered (the day after).
        asked_sell = (active & (e["pending_sell"] > 0) & ~asked & ~asked_company & (e["pending_company"] == 0)
                      & (e["leg"] < 0) & ~e["crossed"])
        calls = asked & call
        traced = calls & (u[13] < float(p["phone_traced"]))
        sent = calls & ~traced
        money[sent] += float(p["phone_money"])
        note(asked & ~calls, J_PHONE_NO)
        note(sent, J_PHONE_MONEY)
        note(traced, J_CAUGHT_PHONE)
        state.finish(traced, self.code("repatriated"))
        active &= ~traced
        e["pending_phone"][asked] = 0
        # With a neighbour who has crossed before: she knows the guards' rounds, but
        # the more people know of a plan, the likelier someone tells (u[12]: unused at home).
        told = asked_company & with_neighbour & (u[12] < float(p["neighbour_informs"]))
        along = asked_company & with_neighbour & ~told
        e["rounds"][along] = np.maximum(e["rounds"][along], int(p["watch_nights_max"]))
        note(asked_company & ~with_neighbour, J_ALONE)
        note(along, J_NEIGHBOUR)
        note(told, J_INFORMED)
        state.finish(told, self.code("repatriated"))
        active &= ~told
        e["pending_company"][asked_company] = 0
        # What she sells before leaving (u[12] again: the company's draw is another day's).
        # Quietly, a few things; openly at the market, more, and the neighbours notice
        # as they would a plan told to a neighbour (neighbour_informs).
        p_notice = np.where(sell == SELL_OPEN, float(p["neighbour_informs"]),
                            np.where(sell == SELL_QUIET, float(p["sell_quiet_informs"]), 0.0))
        noticed = asked_sell & (u[12] < p_notice)
        sold_ok = asked_sell & ~noticed
        money[sold_ok] += np.where(sell[sold_ok] == SELL_OPEN, float(p["sell_open_money"]),
                                   np.where(sell[sold_ok] == SELL_QUIET, float(p["sell_quiet_money"]), 0.0))
        note(sold_ok & (sell == KEEP), J_SELL_KEPT)
        note(sold_ok & (sell == SELL_QUIET), J_SELL_QUIET)
        note(sold_ok & (sell == SELL_OPEN), J_SELL_OPEN)
        note(noticed, J_CAUGHT_SELLING)
        state.finish(noticed, self.code("repatriated"))
        active &= ~noticed
        e["pending_sell"][asked_sell] = 0
        note(sold_ok & (e["pending_permit"] > 0), J_PERMIT)  # the next question: the way to the border town
        # The way to the border town (the day after what she sells; u[12]: this day's own):
        # a travel permit bought with a bribe, or the train without one, where the security
        # officers check papers car by car.
        asked_permit = (active & (e["pending_permit"] > 0) & ~asked & ~asked_company & ~asked_sell
                        & (e["pending_company"] == 0) & (e["pending_sell"] == 0) & (e["leg"] < 0) & ~e["crossed"])
        bought = asked_permit & buy_permit & (money >= float(p["permit_cost"]))
        money[bought] -= float(p["permit_cost"])
        e["permit"][bought] = True
        off_train = asked_permit & ~bought & (u[12] < float(p["permit_caught"]))
        note(bought, J_PERMIT_BOUGHT)
        note(asked_permit & ~bought & ~off_train, J_PERMIT_NONE)
        note(off_train, J_CAUGHT_TRAIN)
        state.finish(off_train, self.code("repatriated"))
        active &= ~off_train
        e["pending_permit"][asked_permit] = 0
        note(asked_permit & ~off_train & (e["pending_stay"] > 0), J_STAY)  # the next: where she waits
        # Where she waits for the night (the day after the permit; no draw of its own: the
        # nights that follow carry the risk).
        asked_stay = (active & (e["pending_stay"] > 0) & ~asked & ~asked_company & ~asked_sell & ~asked_permit
                      & (e["pending_permit"] == 0) & (e["pending_company"] == 0) & (e["pending_sell"] == 0)
                      & (e["leg"] < 0) & ~e["crossed"])
        e["stay"][asked_stay] = in_hills[asked_stay].astype(np.int64)
        note(asked_stay & ~in_hills, J_STAY_AUNT)
        note(asked_stay & in_hills, J_STAY_HILLS)
        e["pending_stay"][asked_stay] = 0
        def settle(pending: str, field: str, answer: np.ndarray, told: tuple) -> np.ndarray:
            """Yesterday's question, with no draw of its own: its answer holds from today, told as
            ``told`` says ((value, code) pairs, in order); gives who answered it."""
            asked = active & (e[pending] > 0)
            e[field][asked] = answer[asked]
            for value, code in told:
                note(asked & (answer == value), code)
            e[pending][asked] = 0
            return asked

        settle("pending_contacts", "contacts", in_touch, ((False, J_CONTACTS_AWAY), (True, J_CONTACTS_KEPT)))
        settle("pending_church", "church_contact", call_church, ((False, J_CHURCH_NONE), (True, J_CHURCH_LINKED)))
        # The way into Laos (asked on arriving at the last place in China).
        settle("pending_way", "way", way, ((HILLS, J_WAY_HILLS), (CAR, J_WAY_CAR)))
        # Where she lives in hiding: a rented room, or with the family who employ her; it holds
        # at this place only. (The odds change later.)
        lodged = settle("pending_lodging", "lodging", lodge, ((ROOM, J_LODGING_ROOM), (FAMILY, J_LODGING_FAMILY)))
        e["lodging_node"][lodged] = e["node"][lodged]
        settle("pending_mobile", "mobile", keep_phone, ((False, J_MOBILE_NONE), (True, J_MOBILE_KEPT)))
        settle("pending_indoors", "indoors", keep_in, ((False, J_INDOORS_OUT), (True, J_INDOORS_IN)))
        # Stay in the border region, or leave now for a town inland (she sets out below).
        asked_move = active & (e["pending_move"] > 0)
        moving_now = asked_move & go_inland
        note(asked_move & ~go_inland, J_MOVE_STAY)
        note(moving_now, J_MOVE_GO)
        e["pending_move"][asked_move] = 0
        # The Gobi: the water (then, the next day, by day or by night).
        watered = settle("pending_water", "water", heavy.astype(np.int64), ((0, J_WATER_LIGHT), (1, J_WATER_HEAVY)))
        settle("pending_night", "night", by_night.astype(np.int64), ((0, J_NIGHT_DAY), (1, J_NIGHT_DARK)))
        e["pending_night"][watered] = 1

        at_node = active & (leg < 0)
        free = at_node & (held == 0)
        node_china = self.node_china[node]
        can_deal = free & (node_china | self.node_nk[node])

        # Hiring a broker, buying papers.
        cost = self.hire_cost(want, crossed)
        hire = can_deal & (broker == 0) & (want > 0) & (money >= cost)
        money[hire] -= cost[hire]
        broker[hire] = want[hire]
        prep[hire] = int(p["broker_prep_days"])
        e["stopover"][hire] = 0
        note(hire & (want == 1), J_HIRE_BUDGET)
        note(hire & (want == 2), J_HIRE_RELIABLE)
        note(hire & (prep > 0), J_BROKER_WAIT)
        buy = free & node_china & buy_papers & ~papers & (money >= float(p["papers_cost"]))
        money[buy] -= float(p["papers_cost"])
        papers[buy] = True
        note(buy, J_PAPERS)
        # At the river: a border guard paid to look away on the night she crosses.
        pr_cost = float(p["guard_pay_cost"])
        bribe_guard = free & ~crossed & self.node_nk[node] & pay_guard & ~e["guard_paid"] & (money >= pr_cost)
        money[bribe_guard] -= pr_cost
        e["guard_paid"][bribe_guard] = True
        note(bribe_guard, J_GUARD_PAID)
        # At the river: a broker's man to take her across, the way into China only.
        g_cost = self.crossing_cost()
        hire_guide = (free & ~crossed & self.node_nk[node] & take_guide & ~e["guided"] & (broker == 0)
                      & (money >= g_cost))
        money[hire_guide] -= g_cost
        e["guided"][hire_guide] = True
        note(hire_guide, J_GUIDE)

        # Setting out. Whoever waits too long at the river crosses then.
        in_nk = free & ~crossed
        forced = in_nk & (step >= int(p["nk_wait_max_days"]))
        # The stopover's wait (a safe house while the next stage is arranged): she may
        # go on at once by herself, and then meets more checks on the next leg.
        stopover = e["stopover"]
        rushing = free & (activity == TRAVEL) & rush & (stopover > 0) & (prep == 0)
        ready = (prep == 0) & ((stopover == 0) | rushing)
        prep[free & (prep > 0)] -= 1
        stopover[free & (stopover > 0)] -= 1
        go = (free & ((activity == TRAVEL) | forced | moving_now) & ready & (e["pending_door"] == 0) & (e["pending_way"] == 0)
              & (e["pending_water"] == 0) & (e["pending_night"] == 0))
        nxt = self.next_leg[node, route]
        go &= nxt >= 0
        leg[go] = nxt[go]
        stopover[go] = 0
        e["pending_company"][go] = 0
        e["pending_sell"][go] = 0
        e["pending_permit"][go] = 0
        e["pending_stay"][go] = 0
        e["rushed"][go] = rushing[go]
        note(go & rushing, J_RUSHED)
        e["warned"][go] = 0  # gone before the police come
        e["km_done"][go] = 0.0
        chosen = np.where(self.leg_allowed[np.maximum(leg, 0), mode], mode, self.leg_first_mode[np.maximum(leg, 0)])
        # Into Laos: the way she chose there (over the hills on foot, or hidden in a car).
        chosen = np.where(self.leg_crossing[np.maximum(leg, 0)] == CROSSINGS.index("laos"),
                          np.where(e["way"] == CAR, BUS, FOOT), chosen)
        e["leg_mode"][go] = chosen[go]
        note(go & (self.leg_crossing[np.maximum(leg, 0)] != 1), J_LEAVE, self.leg_end[np.maximum(leg, 0)])
        waiting_nk = in_nk & ~go
        # Watching the guards from the bank: a night learnt, or found there.
        moon = self.moonlight(step)
        watching = waiting_nk & (activity == WATCH)
        e["rounds"][watching] += 1
        found = watching & (u[7] < float(p["watch_caught"]))
        note(watching & ~found, J_WATCH)
        note(found, J_CAUGHT_WATCH)
        state.finish(found, self.code("repatriated"))
        # Where she waits: at her aunt's, an unregistered guest without a permit, found in a
        # lodging check; in the hills above the bank, found by the patrols, and a cold night.
        # (u[12]: the home questions' draw, on their own days; from then on the nights'.)
        settled = waiting_nk & (e["pending_stay"] == 0) & ~asked_stay & ~found & state.active
        checked = settled & (e["stay"] == 0) & ~e["permit"] & (u[12] < float(p["guest_check"]))
        in_the_hills = settled & (e["stay"] == 1)
        patrolled = in_the_hills & ~watching & (u[12] < float(p["watch_caught"]))
        health[in_the_hills] -= float(p["open_night_loss"])
        note(checked, J_CAUGHT_GUEST)
        note(patrolled, J_CAUGHT_HILLS)
        state.finish(checked | patrolled, self.code("repatriated"))
        waiting_nk &= ~(checked | patrolled)
        resting = waiting_nk & ~watching
        if n and resting[0] and e["last_activity"] != -2 and e["pending_stay"][0] == 0:  # (at the river, not at home)
            note(resting, J_WAIT_NK)
            e["last_activity"] = -2
        elif n and watching[0]:
            e["last_activity"] = -3
        # The first night of the dark of the moon, for whoever waits at the river.
        if step > 0 and moon < 0.15 <= self.moonlight(step - 1):
            note(resting, J_DARK)

        moving = active & (leg >= 0)
        li = np.maximum(leg, 0)
        lmode = e["leg_mode"]
        kind = self.leg_kind[li]
        crossing = self.leg_crossing[li]
        # (Stopped at a check on the first day, she is not at the start of the leg again.)
        pending_river = e["pending_river"]
        first_day = moving & (e["km_done"] == 0.0) & (e["pending_check"] == 0) & (pending_river == 0)

        risk_parts = np.zeros((11, n))

        # The river: the North's guards, the water or the ice. Seen in the water,
        # she answers the next step (lie still, run, offer money); a paid guard may
        # have sold the crossing (seen for certain).
        river = first_day & (crossing == 1)
        p_guard = self.guard_chance(np.where(e["guided"] & (broker == 0), 1, broker), ford=ford, rounds=e["rounds"],
                                    moon=moon, paid=e["guard_paid"])
        betrayed = river & e["guard_paid"] & (u[3] < float(p["guard_betray"]))
        seen = river & ((u[2] < p_guard) | betrayed)
        pending_river[seen] = 1
        note(river & (ford == 1), J_REMOTE)
        note(seen & betrayed, J_BETRAYED)
        note(seen & ~betrayed, J_SPOTTED)
        p_drown = self.drown_chance(ice, ford)
        drowned = river & ~seen & (u[4] < p_drown)
        # The answer, the next step.
        answering = moving & (pending_river > 0) & ~seen
        can_pay = (seen_answer == PAY_GUARDS) & (money >= float(p["river_bribe_cost"]))
        answer = np.where((seen_answer == PAY_GUARDS) & ~can_pay, STILL, seen_answer)
        p_taken = self.spotted_caught(answer)
        caught = answering & (u[2] < p_taken)
        running = answering & (answer == RUN_FOR_IT)
        shot = caught & running & self.sealed & (u[3] < float(p["shot_share"]))
        paid_now = answering & (answer == PAY_GUARDS)
        money[paid_now] -= float(p["river_bribe_cost"])
        back = answering & ~caught & (answer == STILL)
        p_run_drown = _clip(p_drown * float(p["spot_run_drown_factor"]), 0.0, 1.0)
        drowned |= running & ~caught & (u[4] < p_run_drown)
        pending_river[answering] = 0
        leg[back] = -1
        note(back, J_BACK)
        note(paid_now & ~caught, J_RIVER_BRIBE)
        risk_parts[R_GUARDS] = np.where(river, p_guard, np.where(answering, p_taken, 0.0))
        risk_parts[R_WATER] = np.where(river, p_drown * (1 - p_guard), np.where(running, p_run_drown, 0.0))
        risk_parts[R_GUARDS] += np.where(watching | (in_the_hills & ~watching), float(p["watch_caught"]), 0.0)
        risk_parts[R_RAIDS] = np.where(settled & (e["stay"] == 0) & ~e["permit"], float(p["guest_check"]), 0.0)
        crossed_now = (river & ~seen & ~drowned) | (answering & ~caught & ~back & ~drowned)
        e["crossed_on"][crossed_now] = step
        note(crossed_now & ice, J_CROSS_ICE)
        note(crossed_now & (not ice), J_CROSS_WATER)
        if ice:
            health[crossed_now] -= float(p["ice_health_loss"]) * exposure
        health[crossed_now & (ford == 1)] -= float(p["remote_walk_loss"]) * exposure
        crossed[crossed_now] = True
        note(caught & ~shot & (answer == STILL), J_CAUGHT_RIVER)
        note(caught & ~shot & running, J_CAUGHT_RUN)
        note(caught & paid_now, J_CAUGHT_PAID)
        note(shot, J_SHOT)
        note(drowned, J_DROWNED)
        state.finish(shot | drowned, self.code("died"))
        state.finish(caught & ~shot, self.code("repatriated"))
        note(first_day & (crossing == 2) & (lmode != BUS), J_LAOS)
        note(first_day & (crossing == 2) & (lmode == BUS), J_LAOS_CAR)
        note(first_day & (crossing == 4) & (ford == 0), J_GOBI)
        note(first_day & (crossing == 4) & (ford == 1), J_GOBI_FAR)

        # The Mekong by boat.
        mekong = first_day & (crossing == 3)
        p_mekong = _clip(float(p["drown_risk"]) * float(p["mekong_drown_factor"])
                           * np.where(ford == 1, float(p["mekong_night_drown_factor"]), 1.0), 0.0, 1.0)
        drowned_m = mekong & (u[4] < p_mekong)
        note(drowned_m, J_DROWNED)
        state.finish(drowned_m, self.code("died"))
        risk_parts[R_WATER] += np.where(mekong, p_mekong, 0.0)

        # Soldiers seen far off on the Gobi (yesterday): she walked to them, or kept hidden
        # and walked on, lost for a while. (u[12]: unused on the road.)
        meeting = moving & (e["pending_soldiers"] > 0) & state.active
        to_them = meeting & ~hide_on
        returned = to_them & (u[12] < float(p["soldiers_return"]))
        met_ok = to_them & ~returned
        lost = meeting & hide_on
        e["km_done"][lost] = np.maximum(0.0, e["km_done"][lost] - float(p["gobi_lost_share"]) * self.leg_km[li][lost])
        e["pending_soldiers"][meeting] = 0
        note(met_ok, J_SOLDIERS_MET)
        note(returned, J_SOLDIERS_RETURNED)
        note(lost, J_SOLDIERS_HIDDEN)
        state.finish(returned, self.code("repatriated"))
        state.finish(met_ok, self.code("reached_mongolia"))
        risk_parts[R_GOBI] = np.where(to_them, float(p["soldiers_return"]), 0.0)

        # Checks on the road. Police stop her one day (the journey waits for her
        # answer); the next day she answers: calm with what she has, money, or
        # getting off and slipping away. Then she goes on, or is taken.
        # (Seen in the river, or back on the North's bank: not on the road today.)
        moving &= state.active & (leg >= 0) & (pending_river == 0)
        pending = e["pending_check"]
        answer = moving & (pending > 0)
        can_bribe = (respond == PAY) & (money >= float(p["bribe_cost"]))
        slip = respond == SLIP
        p_arrest = np.where(slip, self.slip_chance(), self.arrest_chance(papers, speaks, can_bribe))
        arrested = answer & (u[6] < p_arrest)
        bribed = answer & ~arrested & can_bribe & ~slip
        money[bribed] -= float(p["bribe_cost"])
        note(answer & ~arrested & ~bribed & ~slip, J_CHECK_PASSED)
        note(bribed, J_BRIBE)
        note(answer & slip & ~arrested, J_SLIPPED)
        pending[answer] = 0
        in_laos = (kind == KINDS.index("laos")) | (kind == KINDS.index("mekong"))  # (np.isin: 100 us a call)
        note(arrested & in_laos, J_CAUGHT_LAOS)
        note(arrested & ~in_laos, J_CAUGHT_CHECK)
        state.finish(arrested, self.code("repatriated"))
        p_check = np.where(moving & ~answer, self.check_chance(kind, lmode, broker, in_campaign), 0.0)
        # Across the Mekong at night, away from the landing: fewer eyes on the bank;
        # through the Gobi far from the railway: fewer patrols on the fence.
        # A leg begun without waiting for the arrangement: more checks.
        p_check = p_check * np.where((kind == KINDS.index("mekong")) & (ford == 1),
                                     float(p["mekong_night_check_factor"]), 1.0)
        on_gobi = kind == KINDS.index("gobi")
        p_check = p_check * np.where(on_gobi & (ford == 1), float(p["gobi_far_check_factor"]), 1.0)
        p_check = p_check * np.where(on_gobi & (e["night"] == 1), float(p["gobi_night_check_factor"]), 1.0)
        # Hidden in a car into Laos: the car must pass the border post.
        p_check = p_check * np.where((crossing == CROSSINGS.index("laos")) & (lmode == BUS),
                                     float(p["laos_vehicle_check_factor"]), 1.0)
        p_check = _clip(p_check * np.where(e["rushed"], float(p["rushed_check_factor"]), 1.0), 0.0, 1.0)
        stopped = moving & ~answer & (u[5] < p_check)
        pending[stopped] = 1
        note(stopped, J_CHECK_AHEAD)
        p_road = np.where(answer, p_arrest, p_check * p_arrest)
        laos_part = np.where(in_laos, p_road, 0.0)
        risk_parts[R_LAOS] = laos_part
        risk_parts[R_CHECKS] = p_road - laos_part
        moving &= state.active & ~stopped

        # Progress along the leg; fares without a broker.
        speed = self.speed[lmode] * np.where((lmode == FOOT) & child, float(p["child_foot_factor"]), 1.0)
        # The Gobi: slower with a heavy load of water, and in the dark.
        speed = speed * np.where(on_gobi & (e["water"] == 1), float(p["gobi_load_speed_factor"]), 1.0)
        speed = speed * np.where(on_gobi & (e["night"] == 1), float(p["gobi_night_speed_factor"]), 1.0)
        km_left = self.leg_km[li] - e["km_done"]
        today = np.where(moving, np.minimum(speed, km_left), 0.0)
        e["km_done"] += today
        fare = np.where(moving & (broker == 0) & (lmode != FOOT), today * float(p["fare_per_km"]), 0.0)
        money -= fare

        # Health: cold, heat, hills.
        on_foot = moving & (lmode == FOOT)
        gobi = on_foot & (kind == KINDS.index("gobi"))
        hills = on_foot & (kind == KINDS.index("laos"))
        loss = np.zeros(n)
        far = np.where(ford == 1, float(p["gobi_far_loss_factor"]), 1.0)  # far from the railway: a harder walk
        far = far * np.where(e["water"] == 0, float(p["gobi_thirst_factor"]), 1.0)  # little water: thirst
        if winter:
            loss += np.where(on_foot & ~gobi, float(p["cold_loss"]) * exposure, 0.0)
            loss += np.where(gobi, float(p["gobi_winter_loss"]) * exposure * far, 0.0)
        else:
            loss += np.where(gobi, float(p["gobi_summer_loss"]) * exposure * far, 0.0)
        loss += np.where(hills, float(p["hills_loss"]), 0.0)
        health -= loss
        hard = loss > 0
        cold_part = np.where(hard, np.minimum(1.0, loss / np.maximum(health + loss, 1e-9)), 0.0)
        risk_parts[R_GOBI] = np.maximum(risk_parts[R_GOBI], np.where(gobi, cold_part, 0.0))
        risk_parts[R_HILLS] = np.where(hills, cold_part, 0.0)
        risk_parts[R_COLD] = np.where(hard & ~gobi & ~hills, cold_part, 0.0)
        # A line in the journal the first day it bites on this leg.
        first_hard = hard & (e["km_done"] == today)
        note(first_hard & ~hills, J_COLD)
        note(first_hard & hills, J_ILL)

        # Whoever the road has worn out does not arrive.
        spent = moving & (health <= 1e-9)
        health[spent] = 0.0
        note(spent, J_DIED)
        state.finish(spent, self.code("died"))
        moving &= state.active

        # Halfway across the Gobi, soldiers far off (once): the walk waits for her answer.
        half = 0.5 * self.leg_km[li]
        sight = (moving & on_gobi & ~e["soldiers_seen"] & (e["km_done"] >= half) & (e["km_done"] - today < half)
                 & (e["km_done"] < self.leg_km[li] - 1e-9))
        e["pending_soldiers"][sight] = 1
        e["soldiers_seen"][sight] = True
        note(sight, J_SOLDIERS)

        # Arrival.
        arrive = moving & (e["km_done"] >= self.leg_km[li] - 1e-9)
        node[arrive] = self.leg_end[li][arrive]
        leg[arrive] = -1
        e["km_done"][arrive] = 0.0
        e["rushed"][arrive] = False
        goal = self.node_goal[node]
        reached = arrive & (goal >= 0)
        to_thai = reached & (goal == self.code("reached_thailand"))
        to_mongolia = reached & (goal == self.code("reached_mongolia"))
        note(arrive & ~reached, J_ARRIVE)
        # At each place on the way the next stage has to be arranged (a safe
        # house, a guide, tickets): a random wait, longer for someone alone.
        stop = arrive & ~reached
        # Arrived at the last place in China before Laos: the way in waits for her answer.
        nxt_leg = self.next_leg[node, route]
        to_laos = stop & (nxt_leg >= 0) & (self.leg_crossing[np.maximum(nxt_leg, 0)] == CROSSINGS.index("laos"))
        e["pending_way"][to_laos] = 1
        note(to_laos, J_WAY)
        # Arrived at the last town before the Gobi: the water she carries waits for her answer.
        to_gobi = stop & (nxt_leg >= 0) & (self.leg_crossing[np.maximum(nxt_leg, 0)] == CROSSINGS.index("gobi"))
        e["pending_water"][to_gobi] = 1
        note(to_gobi, J_WATER)
        mean = float(p["stopover_mean_days"]) * np.choose(
            _clip(broker, 0, 2), [float(p["alone_stopover_factor"]), 1.0, float(p["reliable_stopover_factor"])])
        wait = np.floor(-np.log(np.maximum(u[11], 1e-12)) * mean).astype(np.int64)
        stopover[stop] = wait[stop]
        note(stop & (wait > 0), J_STOPOVER)
        note(to_thai, J_THAILAND)
        note(to_mongolia, J_MONGOLIA)
        state.finish(to_thai, self.code("reached_thailand"))
        state.finish(to_mongolia, self.code("reached_mongolia"))

        # At a place in China: raids, work, food, trafficking.
        staying = state.active & (leg < 0) & crossed & self.node_china[node]
        border = self.node_border[node]
        working = staying & (held == 0) & (activity == WORK)
        church = staying & (held == 0) & (activity == SHELTER)
        hiding = staying & (held == 0) & (activity != WORK)
        with_family = staying & (held == 0) & (e["lodging"] == FAMILY) & (e["lodging_node"] == node)
        # The police at the door yesterday: she hid, went out the back, or opened and offered money.
        door = e["pending_door"]
        at_door = staying & (door > 0)
        can_pay_door = (door_answer == DOOR_PAY) & (money >= float(p["bribe_cost"]))
        door_choice = np.where((door_answer == DOOR_PAY) & ~can_pay_door, DOOR_HIDE, door_answer)
        p_door = self.door_caught(door_choice)
        taken_door = at_door & (u[12] < p_door)
        money[at_door & (door_choice == DOOR_PAY)] -= float(p["bribe_cost"])
        out_back = at_door & ~taken_door & (door_choice == DOOR_RUN)
        money[out_back] -= np.minimum(money[out_back], float(p["move_cost"]))  # a new place, found at once
        note(at_door & ~taken_door & (door_choice == DOOR_HIDE), J_DOOR_HID)
        note(out_back, J_DOOR_RAN)
        note(at_door & ~taken_door & (door_choice == DOOR_PAY), J_DOOR_PAID)
        door[at_door] = 0
        # Warned yesterday that the police are coming: she stayed hidden, or moved.
        warned = e["warned"]
        heard = staying & (warned > 0)
        moved = heard & flee & (money >= float(p["move_cost"]))
        money[moved] -= float(p["move_cost"])
        came = heard & np.where(moved, u[12] < float(p["move_caught"]), u[12] < float(p["warned_raid_chance"]))
        note(moved & ~came, J_MOVED)
        note(heard & ~moved & ~came, J_QUIET)
        warned[heard] = 0
        # Today's raids: some come without warning; for the rest word comes first
        # (warnings that turn out true at warned_raid_chance, so raids keep their rate).
        p_raid = np.where(staying & ~heard & ~at_door,
                          self.raid_chance(border, working & ~e["indoors"], broker, papers, in_campaign,
                                           church | e["church_contact"], with_family & ~church,
                                           e["mobile"], e["contacts"]),
                          0.0)
        share = np.where(held == 0, np.where(e["mobile"], float(p["mobile_warning_share"]),
                                             float(p["raid_warning_share"])), 0.0)
        p_direct = p_raid * (1.0 - share)
        p_warn = np.minimum(1.0 - p_direct, p_raid * share / max(float(p["warned_raid_chance"]), 1e-9))
        raided = (staying & ~heard & ~at_door & (u[7] < p_direct)) | came
        warn_now = staying & ~heard & ~at_door & ~raided & (u[7] < p_direct + p_warn)
        warned[warn_now] = 1
        note(warn_now, J_WARNED)
        risk_parts[R_RAIDS] = np.where(heard, np.where(moved, float(p["move_caught"]), float(p["warned_raid_chance"])),
                                       np.where(at_door, p_door, p_raid))
        # The police at the door: a woman held cannot choose (she is taken with the house);
        # anyone else answers tomorrow (the journey waits for the answer).
        knock = raided & (held == 0)
        door[knock] = 1
        note(knock, J_DOOR)
        raided = (raided & (held > 0)) | taken_door
        busy = raided | knock | at_door
        working &= ~busy
        hiding &= ~raided
        church &= ~raided
        # A church's network may find her a way south and pay for it (its own guide).
        # So may a church group she is in touch with, wherever in China she hides.
        linked = staying & (held == 0) & e["church_contact"] & ~raided
        passage = (church | linked) & (broker == 0) & (u[13] < self.church_passage)
        broker[passage] = 2
        prep[passage] = int(p["broker_prep_days"])
        e["stopover"][passage] = 0
        note(passage, J_PASSAGE)
        paid_today = working & (u[10] < float(p["work_chance"]))
        # With the family, or working only inside (off the streets), the pay is the lower one.
        money[paid_today] += float(p["wage_daily"]) * np.where((with_family | e["indoors"])[paid_today],
                                                               float(p["family_wage_factor"]), 1.0)
        e["days_in_china"][staying] += 1
        # Traveller 0's journal notes a change of what she does, not every day.
        if n and (working[0] or (hiding[0] and activity[0] in (HIDE, SHELTER))) and state.active[0]:
            act = WORK if working[0] else int(activity[0])
            if act != e["last_activity"]:
                mask, code = {WORK: (working, J_WORK), HIDE: (hiding, J_HIDE), SHELTER: (church, J_SHELTER)}[act]
                note(mask & (activity == act), code)
            e["last_activity"] = act
        elif n and leg[0] >= 0:
            e["last_activity"] = -1
        note(raided & ~(taken_door & (door_choice != DOOR_HIDE)), J_CAUGHT_RAID)
        note(taken_door & (door_choice == DOOR_RUN), J_CAUGHT_DOOR_RUN)
        note(taken_door & (door_choice == DOOR_PAY), J_CAUGHT_DOOR_PAID)
        state.finish(raided, self.code("repatriated"))

        alive = state.active & crossed & (held == 0)
        # A church that takes her in feeds her.
        money[alive & ~church] -= float(p["living_cost"])
        hungry = alive & (money < 0)
        money[money < 0] = 0.0
        was_fed = alive & ~hungry
        health[hungry] -= float(p["hunger_loss"])
        risk_parts[R_HUNGER] = np.where(hungry, np.minimum(1.0, float(p["hunger_loss"]) / np.maximum(health + float(p["hunger_loss"]), 1e-9)), 0.0)
        if n and hungry[0] and e.get("hungry0") is not True:
            note(hungry, J_HUNGER)
        e["hungry0"] = bool(n and hungry[0])
        rest = was_fed & (leg < 0)
        health[rest] = np.minimum(1.0, health[rest] + float(p["recovery"]))

        taken = np.zeros(n, dtype=bool)
        offer = e["pending_offer"]
        if female:
            women = state.active & (leg < 0) & crossed & self.node_china[node] & (held == 0)
            # A stranger's offer of work and a room (yesterday's): declined, or trusted. Those
            # who trust a false one are sold (held, as below); a true one pays.
            answering = women & (offer > 0) & ~had_broker
            trusted = answering & (trust > 0)
            p_false = float(p["offer_false"]) * np.where(e["contacts"], float(p["contacts_traffick_factor"]), 1.0)
            sold = trusted & (u[1] < p_false)
            paid = trusted & ~sold
            money[paid] += float(p["offer_pay"])
            note(answering & ~trusted, J_OFFER_NO)
            note(paid, J_OFFER_TRUE)
            note(sold, J_OFFER_SOLD)
            offer[(offer > 0) & state.active] = 0
            # Today's offers, for a woman alone (no broker, nothing else waiting for her answer).
            quiet = (e["pending_door"] == 0) & (e["warned"] == 0)
            comes = women & ~answering & ~had_broker & (broker == 0) & quiet & (u[1] < float(p["offer_daily"]))
            offer[comes] = 1
            note(comes, J_OFFER)
            destitute = money <= 0
            p_traffick = np.where(women, self.traffick_chance(border, broker, destitute, church & women,
                                                              e["contacts"]), 0.0)
            risk_parts[R_TRAFFICKING] = np.where(trusted, p_false, 0.0)
            taken = (women & (u[8] < p_traffick)) | sold
            days = np.ceil(-np.log(np.maximum(u[9], 1e-12)) * float(p["held_mean_days"])).astype(np.int64)
            held[taken] = np.maximum(days[taken], 1)
            broker[taken] = 0
            prep[taken] = 0
            e["stopover"][taken] = 0
            note(taken & ~sold, J_TRAFFICKED)
            risk_parts[R_TRAFFICKING] = np.maximum(risk_parts[R_TRAFFICKING], p_traffick)
        held_now = state.active & (held > 0) & ~taken
        # Where she will live in hiding is asked on her first free day at a place in China
        # without a broker, staying on there by her own choice (not the stopover's wait, not
        # setting out), when nothing else waits for her answer (once a journey).
        pose = (state.active & (e["leg"] < 0) & crossed & self.node_china[e["node"]] & (held == 0) & (broker == 0)
                & (e["stopover"] == 0) & (activity != TRAVEL)
                & ~e["lodging_asked"] & (e["pending_door"] == 0) & (e["warned"] == 0)
                & (e["pending_offer"] == 0) & (e["pending_check"] == 0))
        e["pending_lodging"][pose] = 1
        e["lodging_asked"][pose] = True
        note(pose, J_LODGING)
        # Whether to keep a phone: the day after where she lives was answered, when nothing
        # else waits for her answer.
        pose_mobile = (state.active & (e["leg"] < 0) & crossed & self.node_china[e["node"]] & (held == 0)
                       & e["lodging_asked"] & (e["pending_lodging"] == 0) & ~e["mobile_asked"] & ~pose
                       & (e["pending_door"] == 0) & (e["warned"] == 0) & (e["pending_offer"] == 0)
                       & (e["pending_check"] == 0))
        e["pending_mobile"][pose_mobile] = 1
        e["mobile_asked"][pose_mobile] = True
        note(pose_mobile, J_MOBILE)
        # For a woman, the day after the phone: whether to keep in touch with other North Koreans.
        if female:
            pose_contacts = (state.active & (e["leg"] < 0) & crossed & self.node_china[e["node"]] & (held == 0)
                             & e["mobile_asked"] & (e["pending_mobile"] == 0) & ~e["contacts_asked"] & ~pose_mobile
                             & (e["pending_door"] == 0) & (e["warned"] == 0) & (e["pending_offer"] == 0)
                             & (e["pending_check"] == 0))
            e["pending_contacts"][pose_contacts] = 1
            e["contacts_asked"][pose_contacts] = True
            note(pose_contacts, J_CONTACTS)
        else:
            pose_contacts = np.zeros(n, dtype=bool)
        # The day after (a man: the day after the phone), a church group that helps North Koreans.
        pose_church = (state.active & (e["leg"] < 0) & crossed & self.node_china[e["node"]] & (held == 0)
                       & e["mobile_asked"] & (e["pending_mobile"] == 0) & ~pose_mobile
                       & (e["contacts_asked"] | (not female)) & (e["pending_contacts"] == 0) & ~pose_contacts
                       & ~e["church_asked"] & (e["pending_door"] == 0) & (e["warned"] == 0)
                       & (e["pending_offer"] == 0) & (e["pending_check"] == 0))
        e["pending_church"][pose_church] = 1
        e["church_asked"][pose_church] = True
        note(pose_church, J_CHURCH_ASK)
        # In the years of the cameras (from crackdown_from_year), the day after the church: off the
        # streets, or out to work as before.
        if self.cameras:
            pose_indoors = (state.active & (e["leg"] < 0) & crossed & self.node_china[e["node"]] & (held == 0)
                            & e["church_asked"] & (e["pending_church"] == 0) & ~pose_church & ~e["indoors_asked"]
                            & (e["pending_door"] == 0) & (e["warned"] == 0) & (e["pending_offer"] == 0)
                            & (e["pending_check"] == 0))
            e["pending_indoors"][pose_indoors] = 1
            e["indoors_asked"][pose_indoors] = True
            note(pose_indoors, J_INDOORS)
            # The day after, in the border region: stay, or leave for a town inland.
            pose_move = (state.active & (e["leg"] < 0) & crossed & self.node_border[e["node"]] & (held == 0)
                         & e["indoors_asked"] & (e["pending_indoors"] == 0) & ~pose_indoors & ~e["move_asked"]
                         & (e["pending_door"] == 0) & (e["warned"] == 0) & (e["pending_offer"] == 0)
                         & (e["pending_check"] == 0) & (e["stopover"] == 0))
            e["pending_move"][pose_move] = 1
            e["move_asked"][pose_move] = True
            note(pose_move, J_MOVE)
        held[held_now] -= 1
        freed = held_now & (held == 0)
        note(freed, J_FREED)

        # Death.
        dead = state.active & (health <= 1e-9)
        np.minimum(np.maximum(health, 0.0, out=health), 1.0, out=health)  # (a clip in place)
        note(dead, J_DIED)
        state.finish(dead, self.code("died"))
        if step + 1 >= self.max_steps:
            note(state.active & crossed & (held == 0), J_STILL_HIDING)
            note(state.active & crossed & (held > 0), J_STILL_HELD)  # held against her will, not hiding

        # Where everyone is, and what they faced.
        frac = np.where(leg >= 0, e["km_done"] / np.maximum(self.leg_km[np.maximum(leg, 0)], 1e-9), 0.0)
        a = np.where(leg >= 0, self.leg_start[np.maximum(leg, 0)], node)
        b = np.where(leg >= 0, self.leg_end[np.maximum(leg, 0)], node)
        x = self.node_x[a] + (self.node_x[b] - self.node_x[a]) * frac
        y = self.node_y[a] + (self.node_y[b] - self.node_y[a]) * frac
        state.x[active] = x[active]
        state.y[active] = y[active]
        state.hours[active] += self.step_hours
        risk_parts = _clip(risk_parts, 0.0, 1.0)
        total = 1.0 - np.prod(1.0 - risk_parts, axis=0)
        reason = np.argmax(risk_parts, axis=0).astype(np.int16)
        campaign_reason = in_campaign & ((reason == R_CHECKS) | (reason == R_RAIDS))
        reason[campaign_reason] = R_CRACKDOWN
        reason[total <= 0] = -1
        state.risk[:] = np.where(active, total, 0.0)
        state.reason[:] = np.where(active, reason, -1)
        e["event"] = ev

    # ------------------------------------------------------------ the automatic player

    def auto_action(self, state: State) -> dict[str, Any]:
        """A sensible, deterministic policy, per traveller.

        At the river: watch the guards' rounds for ``watch_nights_max``
        nights, then cross on a night the moon is under half lit (or when
        the wait is over); pay a guard only if what is left still buys a
        well-connected broker on from China; seen in the water, offer the soldiers
        money if she has it, else lie still. Cross upstream, away from the
        town's guards, unless a child must be carried through open water. In China: hire the best
        broker that can be paid; without one, work and save for up to
        ``auto_patience_days`` days (with no money for food, ask a church
        for shelter), then buy papers if possible and go alone. Hide during
        a police campaign. Train with papers or a good broker, else bus.
        Stopped on the road: show the papers if she has them, else offer
        money if she can, else slip away. Warned of a raid: move if she can
        pay for it. The police at the door: offer money if she has it, else
        hide inside. A stranger's offer of work and a room: it declines. Where
        to live in hiding: with the family who employ her, out of sight, while
        a police campaign is under way; else a rented room, for the full pay
        she must save for a broker. It keeps a phone when it could pay to
        move on a warning.
        Before leaving home: it calls the relative in the South on the
        smuggled phone when what it has would not buy even a cheap broker on
        from China (the money then matters more than the risk of the call);
        it goes to the river alone (a neighbour's help is the player's to try);
        it sells a few things quietly when what it has would not buy even a cheap
        broker on from China, else it keeps the house's things. In hiding, a woman
        keeps in touch with other North Koreans unless a police campaign is under
        way (when one of them is caught, she is named). It does not call a church
        group (as with the neighbour and the guide, the player's to try: after 2017
        few such groups were left, and a call would change the crackdown's replays
        most). Into Laos: hidden in a car
        when a child is with her (the hills are hard on a child), else over the hills.
        At a stopover it waits for the arrangement. The Gobi: far out in the
        desert, unless a child must walk it in the heat or the cold.
        """
        p, e, n = self.params, state.extra, state.n
        crossed, broker, money = e["crossed"], e["broker"], e["money"]
        cost1 = self.hire_cost(np.ones(n, dtype=np.int64), crossed)
        cost2 = self.hire_cost(np.full(n, 2, dtype=np.int64), crossed)
        want = np.where(money >= cost2, 2, np.where(money >= cost1, 1, 0))
        want = np.where(broker > 0, 0, want)
        alone = (broker == 0) & (want == 0)
        patient = e["days_in_china"] < int(p["auto_patience_days"])
        at_china_node = (e["leg"] < 0) & self.node_china[e["node"]] & crossed
        activity = np.full(n, TRAVEL, dtype=np.int64)
        in_nk = (e["leg"] < 0) & ~crossed
        learning = e["rounds"] < int(p["watch_nights_max"])
        bright = self.moonlight(state.step) >= 0.5
        activity[in_nk & learning] = WATCH
        activity[in_nk & ~learning & bright] = HIDE
        onward = self.hire_cost(np.full(n, 2, dtype=np.int64), np.ones(n, dtype=bool))
        cheap_onward = self.hire_cost(np.ones(n, dtype=np.int64), np.ones(n, dtype=bool))
        guard_pay = in_nk & ~e["guard_paid"] & (money - float(p["guard_pay_cost"]) >= onward)
        activity[at_china_node & alone & patient] = WORK
        destitute = money < float(p["living_cost"]) * 3
        activity[at_china_node & alone & patient & destitute] = SHELTER
        activity[at_china_node & (e["campaign"] > 0)] = HIDE
        papers = (alone & ~patient).astype(np.int64)
        mode = np.where(e["papers"] | (broker == 2), TRAIN, BUS).astype(np.int64)
        ice = self._in_months(self.month_of(state.step), "ice_from_month", "ice_to_month")
        ford = 1 if (ice or not bool(p["with_child"])) else 0
        # The Gobi: far out in the desert, unless a child must walk it.
        gobi_leg = np.where(e["leg"] >= 0, e["leg"], self.next_leg[e["node"], int(p["planned_route"])])
        at_gobi = (gobi_leg >= 0) & (self.leg_crossing[np.maximum(gobi_leg, 0)] == CROSSINGS.index("gobi"))
        fords = np.where(at_gobi, 0 if bool(p["with_child"]) else 1, ford)
        respond = np.where(e["papers"], CALM, np.where(money >= float(p["bribe_cost"]), PAY, SLIP))
        out = {
            "activity": activity,
            "route": np.full(n, int(p["planned_route"]), dtype=np.int64),
            "mode": mode,
            "broker": want.astype(np.int64),
            "papers": papers,
            "pay": respond.astype(np.int64),
            "ford": fords.astype(np.int64),
            "flee": (money >= float(p["move_cost"])).astype(np.int64),
            "guard_pay": guard_pay.astype(np.int64),
            "spotted": np.where(money >= float(p["river_bribe_cost"]), PAY_GUARDS, STILL).astype(np.int64),
            "door": np.where(money >= float(p["bribe_cost"]), DOOR_PAY, DOOR_HIDE).astype(np.int64),
            "trust": np.zeros(n, dtype=np.int64),
            "phone": (money < cheap_onward).astype(np.int64),
            "company": np.zeros(n, dtype=np.int64),
            "haste": np.zeros(n, dtype=np.int64),
            "guide": np.zeros(n, dtype=np.int64),
            # Where to live in hiding: with the family, out of sight, while a police campaign
            # is under way; else a rented room, for the full pay she must save for a broker.
            "lodging": np.where(e["campaign"] > 0, FAMILY, ROOM).astype(np.int64),
            # A phone, when it could pay to move on a warning (else a warning is worth little).
            "mobile": (money >= float(p["move_cost"])).astype(np.int64),
        }
        out["sell"] = np.where(money < cheap_onward, SELL_QUIET, KEEP).astype(np.int64)
        out["contacts"] = (e["campaign"] == 0).astype(np.int64)
        out["church_call"] = np.zeros(n, dtype=np.int64)
        out["laos_way"] = np.full(n, CAR if bool(p["with_child"]) else HILLS, dtype=np.int64)
        # Before the river: a permit when it can pay for one, and the aunt's house.
        out["permit"] = (money >= float(p["permit_cost"])).astype(np.int64)
        out["stay"] = np.zeros(n, dtype=np.int64)
        # The Gobi: plenty of water, by night, and to the soldiers when they are seen.
        out["water"] = np.ones(n, dtype=np.int64)
        out["by_night"] = np.ones(n, dtype=np.int64)
        out["soldiers"] = np.zeros(n, dtype=np.int64)
        # The cameras: off the streets while a police campaign is under way.
        out["indoors"] = (e["campaign"] > 0).astype(np.int64)
        out["move_town"] = np.zeros(n, dtype=np.int64)  # it stays where it is
        if n == 1:  # the game's single traveller: plain choices, as a player's are recorded
            out = {k: int(v[0]) for k, v in out.items()}
        return out
