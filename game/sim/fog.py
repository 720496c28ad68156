"""Fog on the line: crossing the DMZ on foot on a foggy winter morning.

The player is a young soldier of the North who leaves his post behind the
North's fences and tries to reach the South's guard post, 2-3 km away across
the Military Demarcation Line (the 21 December 2017 case). Every figure comes
from ``levels/fog/scenario.toml``; the map (``levels/fog/map.tmx``) says what
each tile is (cover, speed, noise, mines, fences).

Time step: ``step_hours`` = 6 s of game time. The play scene steps the model
at 2 steps per real second (12x real time), so a careful crossing of about
80-100 game minutes takes 7-8 real minutes of moving, plus crawling, waiting
and pauses: 10-15 minutes for a first play.

Action fields (each a scalar shared by all travellers, or an array of n)
-----------------------------------------------------------------------
``dx``, ``dy``   direction, -1..1 each (east and south positive); the
                 length of (dx, dy), up to 1, is the share of full pace. 0, 0 = stay.
``pace``         a pace code: 0 crawl, 1 walk, 2 run (the names "crawl", "walk",
                 "run" are accepted too; recorded choices use the codes).
``wait``         True: lie still this step (no movement, least seen).
``climb``        True: cross a fence when the next tile is one, the way
                 ``fence_way`` says.
``fence_way``    how to cross it: 0 climb (``climb_s_per_m`` seconds per
                 metre of fence, in plain view, loud), 1 cut a gap at its foot
                 (``cut_s``, lying low, quieter; the gap stays, and a patrol
                 passing within ``cut_found_m`` finds it and raises the alarm),
                 2 crawl under it through a drain (``under_s``, hidden, soaked;
                 only where the map has a drain, elsewhere it is a climb).
``probe``        True: crawl on probing the ground ahead for mines (at
                 ``probe_speed_ms``; a probe finds ``probe_find_share`` of the
                 mines before they go off).
``turn_back``    True: give up; from then on the traveller walks back to
                 the North's side of the first fence (outcome ``turned_back``
                 on arrival), still in danger on the way.
``set_out``      False: stay at your post a while (on duty there, nobody looks
                 twice at you, the cold does not bite); True: slip away from it.
                 The clock runs either way, and your watch ends at the same
                 hour (``missed_after_min`` after the start): still at the post
                 then, you go at once, and are missed. True by default, so a
                 record without it sets out at once.
``armed``        chosen at the post (the value while he is still there holds for
                 the whole journey): True (the default, as in 2017) he takes his
                 rifle, whose bayonet probes for mines (``probe_find_share``)
                 and cuts wire; False he leaves it, moves more quietly
                 (``noise_unarmed``), probes by hand (``probe_hand_share``)
                 and cannot cut a fence (a cut asked for is a climb).
``evade``        the answer to a challenge (see below): 0 lie flat and keep
                 still, 1 crawl back into the fog, 2 run for it.
``plan``         the way across the North's fences the soldier has in mind (0 straight
                 south from his post, 1 east or west to where a patrol path crosses
                 the mined strip between the fences: no mines are laid on it,
                 2 to the drain under the wire): chosen at the post, changed any
                 time (at mine signs, going round). The player walks his own way
                 (the screen draws the plan and can walk it); the automatic player,
                 and every replay after the player's journey ended, follows it
                 until past the fences (``plan_direction``). 0 by default.
``leave``        how he leaves his post (the value when he sets out holds): 0 slips
                 away unseen, missed at the count when his watch ends
                 (``missed_after_min``); 1 says a word to the comrade beside him
                 (he is going to check the wire, back within ``word_cover_min``):
                 believed (1 - ``word_doubt_share``), the comrade covers for him
                 at the count and he is missed ``word_cover_min`` later; doubted,
                 the comrade reports him at once. 0 by default.
``bank``         True: wait, lying still where he is, for a thicker bank of fog
                 (one fog class thicker than where the wait starts: under
                 ``thick_fog_m``, or under ``dense_fog_m`` where it is thick
                 already) before going on, at most ``bank_max_min``; once the bank comes (or the wait is
                 over) he goes on, and later asks are not heeded (one wait a morning).
``learn``        the days before (chosen at the post, before the clock runs; the value at the
                 first step holds): how he learned where the mines between the North's
                 fences are not. 0 kept it to himself (what every soldier on the post
                 knows); 1 watched the patrols cross the strip from the post over three
                 mornings: the strip's mines on his way x ``learn_watch_mines``, but an
                 officer may have noticed his interest (``learn_watch_noticed``); 2 asked
                 an older soldier who had laid them: x ``learn_ask_mines``, but he may
                 report it (``learn_ask_noticed``).
``morning``      which morning: 0 the first foggy one (21 December, as in 2017); 1 waits
                 for a thicker fog the forecast promises: his own fog x
                 ``morning_fog_factor``, but the days of waiting may get him noticed
                 (``morning_noticed``).
``coat``         what he wears: 0 his field uniform; 1 the padded winter coat over it:
                 the cold bites x ``coat_chill``, but it rustles (noise x ``coat_noise``)
                 and makes a climb over the wire slower (x ``coat_climb``).
                 Noticed (by the officer, the older soldier or in the days of waiting; one
                 draw at the first step, from the fire draw, free at the post), they have
                 their eye on him: he is missed as soon as he leaves his post.
``hail``         True: south of the line and within ``south_watch_m`` of the
                 South's post, raise your hands and call out that you are
                 coming over; its soldiers answer and come out to guide you in
                 (``guide_min``): taken in, wherever you wait.

A challenge: the first time guards see him north of the line they do not
have him yet: a shout, a torch (event ``challenged``), and the next step's
``evade`` decides. Lying flat, they search the spot: caught with
``challenge_freeze_caught`` x (L + (1 - L) a^2), L the share of a lying
figure the ground shows, a = exp(-d / V) below: the ground hides him from
guards who lost clear sight of the spot.
Crawling away, or running, he must get out of their sight first: caught
with ``challenge_crawl_caught`` (or ``challenge_run_caught``) x
exp(-d / V), d the distance to the guard who saw him, V the fog's visibility
(the guards have torches and flares: the dark alone does not hide a man they
have seen); a runner they stop is shot with
``challenge_run_fire``, the others with ``fire_share_north``. Got away
(``evaded``), the alarm is up and the search starts there; seen again, he is
caught or shot at once.

Outcomes: ``crossed`` (reached the South's post), ``caught`` (stopped by the
North's soldiers), ``killed`` (by a mine or by fire; told in words only),
``turned_back``. Anyone still out at ``max_steps`` (late in the morning) is
found and ``caught``.

The model, per step and traveller
---------------------------------
* Fog: log visibility = log(base) + patchiness x (a sum of drifting waves).
  The base thickens towards sunrise and burns off after it
  (``visibility_m`` is its typical value during the attempt, an assumption:
  no measurement of 21 Dec 2017 exists). Each traveller gets its own patches
  and a day-to-day factor, so the 1,000 runs see 1,000 mornings.
* Sight: each guard (a sentry at each of the North's posts, patrols walking
  their paths) notices the player at a rate
  ``rate x alertness x motion(pace) x (1 - cover) x light x contrast x size``
  where contrast = exp(-3.912 d / V) (Koschmieder's law: at the visibility
  distance V a dark figure keeps 2 % of its contrast) and size =
  1 / (1 + (d / sight_half_m)^2). Seen north of the line: caught, or shot
  (``fire_share_north``). Seen south of it: fired on across the line
  (``fire_kill_share_south``), else the alarm is up.
* Hearing: noise(pace, ground) x exp(-d / hear_range_m) raises the alarm,
  and alertness with it. The alarm also rises when the soldier is missed.
* Mines: density per tile = the DMZ's average (``mines_total`` over
  ``dmz_area_km2``) x the tile's relative density / the map's mean; the
  chance of setting one off grows with the distance walked through it.
  Probing the ground ahead (crawling, very slowly) finds most of them first.
* Fences stop the player until he crosses them: climbing is quick but in
  plain view and loud; cutting a gap is slower, low and quieter but leaves a
  gap a patrol can find; a drain (where there is one) hides you but soaks you.
* Hearing the patrols: the player hears a patrol within ``patrol_heard_m``
  before he can see it (``patrol_heard`` in ``state.extra``; fog does not
  dull sound), so he can lie still while it passes or wait for it to go.
* Cold: December air chills him, faster when wet or crawling, and the cold
  slows him down.
* When to set out: at his post he is on duty, safe, and can hear the fence
  patrol pass; the fog thickens towards sunrise, day comes, and his watch
  ends at a fixed hour. Waiting for the patrol to pass costs dark and time.

``state.extra`` (for the scene): ``fog_grid`` (metres, traveller 0, cells of
``fog_cell`` tiles), ``vis_here`` (n), ``fog_class`` (n: 0 clear, 1 fog,
2 thick, 3 dense), ``guards_x``/``guards_y`` (n, G) in tiles, ``guard_kinds``
(G: "sentry"/"patrol"), ``patrol_heard`` (n, P: the patrols the player hears
and cannot see), ``cross_way`` (n: how the fence in progress is crossed),
``cut_x``/``cut_y`` (n, F: the gaps cut in each fence, NaN: none), ``guard_dist_m`` (n, G), ``noise`` (n, 0..1),
``alarm`` (n, 0..1), ``cold`` (n, 0..1), ``climb_left`` (n, s), ``climbing``
(n bool), ``turning`` (n bool), ``light`` (0..1), ``clock_h`` (hour of day),
``felt`` (n, the hint), ``cause`` (n: what happened last, CAUSE_* below: a mine,
fire, being seen north of the line, being fired at south of it).
``felt_danger(state)`` gives the hint.
"""

from __future__ import annotations

from typing import Any, Mapping

import numpy as np

from ..i18n import N_
from .dmzgrid import CRAWL, RUN, WALK, pace_codes, route_field
from .rowwise import row_any, row_min, row_sum
from .model import ONGOING, RiskModel, State

KOSCHMIEDER = 3.912  # -ln(0.02): contrast threshold of 2 % at the visibility distance
N_WAVES = 4  # fog patches: waves summed per field

# The automatic player's habits (when it crawls, lies still and turns back)
# are the scenario's ``auto_*`` parameters; how it plans its two routes below
# (_build_routes: the weights of exposure, mines and fences) is its policy,
# not a figure of the world.

# what happened last to a traveller (state.extra["cause"]), for the scene's words
CAUSE_NONE, CAUSE_MINE, CAUSE_FIRE, CAUSE_SEEN, CAUSE_FIRED_AT = range(5)
# how a fence is crossed (the action's ``fence_way``)
CLIMB, CUT, UNDER = range(3)
FENCE_WAYS = ("climb", "cut", "under")
# the answer to a challenge (the action's ``evade``): lie flat, crawl back into the fog, run
FREEZE, CREEP, FLEE = range(3)
# the way across the North's fences (the action's ``plan``): straight south, a patrol path, the drain
STRAIGHT, PATH, DRAIN = range(3)
# how he leaves his post (the action's ``leave``): slip away unseen, a word to the comrade beside him
SLIP, WORD = range(2)
LEAVE_WAYS = ("slip", "word")
# the days before: how he learned where the mines are not (the action's ``learn``)
KEPT, WATCHED, ASKED = range(3)
LEARN_WAYS = ("kept", "watch", "ask")
# which morning (the action's ``morning``): the first foggy one, or wait for a thicker fog
FIRST_FOG, THICKER_FOG = range(2)
MORNINGS = ("first", "thicker")
# missed_how: 0 at the count, 1 the comrade reported him, 2 covered for him, 3 watched since the days before
WATCHED_HOW = 3
PLAN_WAYS = ("straight", "path", "drain")
EVADE_WAYS = ("freeze", "crawl", "run")

_ROUTES_CACHE: dict[tuple, Any] = {}


class MapMissing(ValueError):
    pass


def _plus(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a + b, into a when it has the result's shape."""
    return np.add(a, b, out=a) if np.broadcast_shapes(a.shape, b.shape) == a.shape else a + b


_FILLED: dict = {}  # (value, n, dtype) -> the read-only array of n that broadcasting a plain choice gives


def _filled(value: Any, n: int, dtype) -> np.ndarray:
    """np.broadcast_to(np.asarray(value).astype(dtype), (n,)), made once for each plain
    value (it costs ~2 us a call, and a replay gives the same choice step after step)."""
    key = (type(value), value, n, dtype)
    arr = _FILLED.get(key)
    if arr is None:
        if len(_FILLED) > 1024:
            _FILLED.clear()
        arr = _FILLED[key] = np.broadcast_to(np.asarray(value).astype(dtype), (n,))
    return arr


class Model(RiskModel):
    id = "fog"
    outcomes = ("crossed", "caught", "killed", "turned_back")
    step_hours = 6.0 / 3600.0
    max_steps = 3000  # five hours of game time
    timeout_outcome = "caught"
    map_objects = ("start", "goal")
    default_action = {"dx": 0.0, "dy": 0.0, "pace": WALK, "wait": False, "climb": False, "turn_back": False,
                      "fence_way": CLIMB, "probe": False, "set_out": True, "hail": False, "armed": True, "evade": FREEZE,
                      "plan": STRAIGHT, "leave": SLIP, "bank": False, "learn": KEPT, "morning": FIRST_FOG,
                      "coat": False}
    action_limits = {"dx": (-1.0, 1.0), "dy": (-1.0, 1.0), "pace": (CRAWL, RUN), "fence_way": (CLIMB, UNDER),
                     "evade": (FREEZE, FLEE), "plan": (STRAIGHT, DRAIN),
                     "leave": (SLIP, WORD), "learn": (KEPT, ASKED), "morning": (FIRST_FOG, THICKER_FOG)}
    risk_reasons = (
        N_("A guard post was close and the fog thin."),
        N_("A patrol passed close by."),
        N_("You were moving through a minefield."),
        N_("You were on a fence, in plain view."),
        N_("The alarm was up and the guards were watching."),
        N_("Daylight had come and the fog had lifted."),
        N_("You were running, and movement catches the eye."),
    )
    R_POST, R_PATROL, R_MINE, R_FENCE, R_ALARM, R_DAY, R_RUN = range(7)
    # What can happen on the way (State.emit); levels/fog/scenario.toml [events] tells each.
    event_codes = (
        "fence_reached", "fence_climbing", "fence_cutting", "fence_under", "fence_climbed", "mines_signs", "mines_left",
        "post_seen", "patrol_seen", "patrol_heard", "cut_found", "probing", "heard", "missed", "daybreak", "fog_thinned", "fog_lifted", "wet", "cold", "line_crossed",
        "turned", "mine", "seen_caught", "shot_north", "fired_at", "shot_south", "reached_post", "home",
        "set_out", "watch_over", "patrol_faded", "hailed", "challenged", "evaded", "path_strip", "way_changed",
        "bank_came", "bank_none", "learned", "fog_waited", "coat_on",
    )

    def __init__(self, params: Mapping[str, float], world: Any = None):
        super().__init__(params, world)
        if world is None:
            raise MapMissing("the fog model needs its map (levels/fog/map.tmx)")
        p = self.params
        self.dt = self.step_hours * 3600.0
        self.mpt = float(world.properties.get("metres_per_tile", 25.0))
        self.mdl_y = float(world.properties.get("mdl_y", world.height / 2))
        self.W, self.H = world.width, world.height
        speed = world.prop("speed", 1.0)
        self.blocked = (world.prop("blocked", 0.0) > 0) | (speed <= 0)
        self.fence = world.prop("fence", 0.0) > 0
        self.f_speed = np.where(self.blocked, 0.0, np.where(self.fence, 1.0, speed)).ravel()
        self.f_cover = np.clip(world.prop("cover", 0.0), 0, 1).ravel()
        self.f_noise = world.prop("noise", 1.0).ravel()
        self.f_water = (world.prop("water", 0.0) > 0).ravel()
        self.f_fence = self.fence.ravel()
        self.f_blocked = self.blocked.ravel()
        self.f_fence_h = world.prop("fence_height_m", 0.0).ravel()
        # what the ground is, by name (for the screen's words: the model uses cover, speed, noise)
        self.terrain, self.terrain_names = world.labels("terrain")
        # the fences' rows, north to south (a gap cut in one is kept per fence)
        self.fence_rows = np.nonzero(self.fence.any(axis=1))[0]
        # drains under the wire (map objects "drain"): the fence tiles they pass under
        drain = np.zeros((self.H, self.W), bool)
        for o in world.objects_of("drain"):
            x0, y0 = int(o.x), int(o.y)
            x1, y1 = int(np.ceil(o.x + max(o.width, 1.0))), int(np.ceil(o.y + max(o.height, 1.0)))
            drain[max(0, y0):min(self.H, y1), max(0, x0):min(self.W, x1)] = True
        self.drain = drain & self.fence
        self.f_drain = self.drain.ravel()
        # where the automatic player asks for the drain: a tile from it, either side
        near = np.zeros_like(drain)
        for dy in (-1, 0, 1):
            near |= np.roll(self.drain, dy, axis=0)
        self.f_drain_near = near.ravel()
        rel = world.prop("mine_density", 0.0)
        self.mine_rel_mean = float(rel.mean()) if rel.mean() > 0 else 1.0
        self.f_mine_rel = rel.ravel()
        fence_rows = np.nonzero(self.fence.any(axis=1))[0]
        north_rows = fence_rows[fence_rows < self.mdl_y]
        self.home_y = float(north_rows.min()) if north_rows.size else 1.0
        self.last_fence_y = float(north_rows.max()) if north_rows.size else 1.0
        start = world.object_named("start")
        self.start_xy = (start.x, start.y)
        goal = world.object_named("goal")
        self.goal = (goal.x, goal.y, goal.x + max(goal.width, 1.0), goal.y + max(goal.height, 1.0))
        # guards: a sentry at each of the North's posts, then the patrols
        sentries = [o for o in world.objects_of("guard_post") if o.properties.get("sentry")]
        patrols = [o for o in world.objects_of("guard") if len(o.points) >= 2]
        self.guard_kinds = tuple(["sentry"] * len(sentries) + ["patrol"] * len(patrols))
        self.n_sentries = len(sentries)
        self.sentry_xy = np.array([o.center for o in sentries], float).reshape(-1, 2)
        self.n_patrols = len(patrols)
        self.patrol_paths = []
        # where on its round (0..1, there and back) each patrol is when you set out
        self.patrol_start = np.array([float(o.properties.get("round_start", 0.0)) for o in patrols])
        for o in patrols:
            pts = np.array(o.points, float)
            seg = np.hypot(*np.diff(pts, axis=0).T)
            cum = np.concatenate([[0.0], np.cumsum(seg)])
            self.patrol_paths.append((pts[:, 0], pts[:, 1], cum))
        self.G = len(self.guard_kinds)
        # all patrol paths in one lookup table, each shifted along by the ones before
        cums, xs_all, ys_all, offsets, lengths = [], [], [], [], []
        offset = 0.0
        for xs, ys, cum in self.patrol_paths:
            offsets.append(offset)
            lengths.append(cum[-1])
            cums.append(cum + offset)
            xs_all.append(xs)
            ys_all.append(ys)
            offset += cum[-1] + 1.0
        self.patrol_offset = np.array(offsets)
        self.patrol_len = np.array(lengths)
        self.patrol_cum = np.concatenate(cums) if cums else np.zeros(1)
        self.patrol_xs = np.concatenate(xs_all) if xs_all else np.zeros(1)
        self.patrol_ys = np.concatenate(ys_all) if ys_all else np.zeros(1)
        self.patrol_v = p["patrol_speed_ms"] * 3600.0 / self.mpt  # tiles per hour
        tab_x, tab_y, round_n, round_at = [], [], [], []
        for j, length in enumerate(self.patrol_len):
            along = np.arange(0.0, 2 * length, 1.0 / self.PATROL_RES)
            along = np.minimum(along, 2 * length - along) + self.patrol_offset[j]  # there and back
            round_at.append(sum(round_n))
            round_n.append(along.size)
            tab_x.append(np.interp(along, self.patrol_cum, self.patrol_xs))
            tab_y.append(np.interp(along, self.patrol_cum, self.patrol_ys))
        self.patrol_round_n = np.array(round_n, np.intp)
        self.patrol_round_at = np.array(round_at, np.intp)
        self.patrol_tab_x = np.concatenate(tab_x) if tab_x else np.zeros(1)
        self.patrol_tab_y = np.concatenate(tab_y) if tab_y else np.zeros(1)
        gfac = np.ones(self.G)
        gfac[: self.n_sentries] = p["sentry_factor"]
        self.guard_factor = gfac
        # mines per square metre, on average over the whole DMZ
        self.mines_per_m2 = p["mines_total"] / (p["dmz_area_km2"] * 1e6)
        self.pace_speed = np.array([p["crawl_speed_ms"], p["walk_speed_ms"], p["run_speed_ms"]])
        self.pace_motion = np.array([p["motion_crawl"], p["motion_walk"], p["motion_run"]])
        self.pace_noise = np.array([p["noise_crawl"], p["noise_walk"], p["noise_run"]])
        self.pace_chill = np.array([p["chill_crawl"], 1.0, p["chill_run"]])
        # each tile's share of a lying figure that shows, (1 - cover) ** low_cover_power: looked
        # up by exposure() in the step instead of a power for every traveller (the same numbers)
        self.f_lying = (1.0 - self.f_cover) ** p["low_cover_power"]
        # fog waves: fixed directions and lengths, random phases per traveller
        k = 2 * np.pi / (p["fog_patch_m"] / self.mpt)  # per tile
        angles = np.array([0.3, 1.25, 2.2, 2.9])[:N_WAVES]
        scales = np.array([1.0, 0.71, 1.37, 0.53])[:N_WAVES]
        self.wave_kx = k * scales * np.cos(angles)
        self.wave_ky = k * scales * np.sin(angles)
        wind_to = np.deg2rad(p["wind_from_deg"] + 180.0)
        # drift in tiles per hour; compass bearing: 0 = north (up, -y), 90 = east (+x)
        v = p["wind_speed_ms"] * 3600.0 / self.mpt
        self.wind = (v * np.sin(wind_to), -v * np.cos(wind_to))
        self.fog_cell = 4
        gy = (np.arange(0, self.H, self.fog_cell) + self.fog_cell / 2.0)
        gx = (np.arange(0, self.W, self.fog_cell) + self.fog_cell / 2.0)
        self.grid_x, self.grid_y = np.meshgrid(gx, gy)
        # per-step constants
        self.sight_rate = p["sight_rate_per_min"] / 60.0
        self.hear_rate = p["hear_rate_per_min"] / 60.0
        self.search_v = p["patrol_speed_ms"] / self.mpt  # tiles a second
        self.inv_hear = 1.0 / p["hear_range_m"]
        self.alarm_decay = 0.5 ** (self.dt / (p["alarm_half_life_min"] * 60.0))
        self.wet_decay = np.exp(-self.dt / (p["wet_dry_h"] * 3600.0))
        self.chill_per_step = p["cold_rate_per_h"] * (-p["air_temp_c"] / 10.0) * self.step_hours
        # chance per metre walked of setting off a mine, per tile
        self.mine_hazard_per_m = (self.mines_per_m2 * self.f_mine_rel / self.mine_rel_mean) * p["mine_sweep_m"] * p["mine_trigger_share"]
        self.CROSSED, self.CAUGHT, self.KILLED, self.TURNED_BACK = (self.code(o) for o in self.outcomes)
        self._routes = None
        self._route_fields()
        self._plans = None  # the ways across the fences (plan_fields), made when first asked for
        self.crossings = self._crossings(world)
        # the patrol paths' tiles between the North's two fences: no mines there (told when reached)
        north = self.fence_rows[self.fence_rows < self.mdl_y]
        strip = np.zeros((self.H, self.W), bool)
        if north.size >= 2 and "path" in list(self.terrain_names):
            rows = slice(int(north.min()) + 1, int(north.max()))
            strip[rows] = self.terrain[rows] == list(self.terrain_names).index("path")
        self.f_strip_path = strip.ravel()
        # the mined strip between the North's two fences (what the days before teach him about)
        between = np.zeros((self.H, self.W), bool)
        if north.size >= 2:
            between[int(north.min()) + 1:int(north.max())] = True
        self.f_between = between.ravel()

    # ----------------------------------------------------------- the world

    def clock(self, step: int) -> float:
        return self.params["start_hour"] + step * self.step_hours

    def light(self, clock: float) -> float:
        """0 (night) .. 1 (day), rising through dawn twilight."""
        p = self.params
        tw = max(1e-6, p["twilight_h"])
        return float(min(1.0, max(0.0, (clock - (p["sunrise_hour"] - tw)) / (2 * tw))))  # (np.clip: 5 us a scalar)

    def inv_half(self, light: float) -> float:
        """1 / the distance at which a figure is half as noticeable, by light.

        In daylight ``sight_half_m``; on a dark night ``night_sight_half_m``:
        darkness shortens how far the eye can pick out a person.
        """
        p = self.params
        return 1.0 / (p["night_sight_half_m"] + (p["sight_half_m"] - p["night_sight_half_m"]) * light)

    def seeing(self, d: np.ndarray, vis: np.ndarray, light: float) -> np.ndarray:
        """How well each guard could make out a figure (n, G), before pace, cover and alertness.

        contrast x size x the guard's factor: contrast = exp(-3.912 d / V)
        (Koschmieder: at the visibility distance V a figure keeps 2 % of its
        contrast, the eye's threshold), size = 1 / (1 + (d / half)^2).
        """
        # in place, in the same order: guard_factor * exp(...) / (1 + (d * inv_half)^2)
        out = np.multiply(d, (-KOSCHMIEDER / vis)[:, None])
        np.exp(out, out=out)
        np.multiply(self.guard_factor, out, out=out)
        size = np.multiply(d, self.inv_half(light))
        np.square(size, out=size)
        np.add(1.0, size, out=size)
        return np.divide(out, size, out=out)

    def alertness(self, alarm: np.ndarray) -> np.ndarray:
        """The guards' share of full attention: routine, rising to 1 with the alarm."""
        base = self.params["alertness_base"]
        return base + (1.0 - base) * alarm

    def exposure(self, cover, pace, still, climbing, way=CLIMB, lying=None) -> np.ndarray:
        """How much of the player shows and catches the eye (motion x visible share).

        The ground hides (1 - cover) of a walking figure; lying low (crawling,
        lying still) hides more: (1 - cover) ** low_cover_power. Crossing a
        fence (``climbing``) by ``way``: on the wire nothing hides you; cutting
        a gap you lie at its foot, working like a crawl; in a drain nothing of
        you shows. ``lying``: (1 - cover) ** low_cover_power when already known
        (the step looks it up per tile: ``f_lying``).
        """
        p = self.params
        pace = np.asarray(pace)
        way = np.asarray(way)
        open_share = 1.0 - np.asarray(cover, float)
        low = (pace == CRAWL) | still
        lying = open_share ** p["low_cover_power"] if lying is None else lying
        shown = np.where(low, lying, open_share)
        motion = np.where(still, p["motion_still"], self.pace_motion[pace])
        if np.any(climbing):  # (nobody on a fence: the same values without these)
            crossing_shown = np.where(way == CUT, lying, np.where(way == UNDER, 0.0, 1.0))
            crossing_motion = np.where(way == CUT, p["motion_crawl"], p["motion_climb"])
            shown = np.where(climbing, crossing_shown, shown)
            motion = np.where(climbing, crossing_motion, motion)
        return shown * motion

    def crossing_noise(self, way) -> np.ndarray:
        """The noise of crossing a fence by ``way`` (0 climb, 1 cut, 2 under)."""
        p = self.params
        way = np.asarray(way)
        return np.where(way == CUT, p["noise_cut"], np.where(way == UNDER, p["noise_crawl"], p["noise_climb"]))

    def crossing_seconds(self, way, height_m) -> np.ndarray:
        """How long crossing a fence of ``height_m`` takes by ``way``."""
        p = self.params
        way = np.asarray(way)
        return np.where(way == CUT, p["cut_s"], np.where(way == UNDER, p["under_s"], p["climb_s_per_m"] * np.asarray(height_m, float)))

    def detection_probability(self, d_m, vis_m, light, cover, pace, alarm=0.0, still=False, climbing=False, sentry=False,
                              way=CLIMB):
        """Chance that one guard at ``d_m`` metres sees the player within one step.

        The same formula the step uses, for one guard: for tests, the lab and
        the documentation. Arrays broadcast.
        """
        d = np.atleast_1d(np.asarray(d_m, float))
        vis = np.broadcast_to(np.asarray(vis_m, float), d.shape)
        factor = self.params["sentry_factor"] if sentry else 1.0
        seeing = factor * np.exp(-KOSCHMIEDER * d / vis) / (1.0 + np.square(d * self.inv_half(light)))
        rate = self.sight_rate * self.alertness(np.asarray(alarm, float)) * self.exposure(cover, pace, still, climbing, way) * seeing
        return 1.0 - np.exp(-rate * self.dt)

    def base_visibility(self, clock: float) -> float:
        """The fog's visibility (m) at an hour, before patches and luck."""
        p = self.params
        rise = p["sunrise_hour"]
        burn = rise + p["burn_delay_h"]
        f = np.exp(p["fog_thickening_per_h"] * max(0.0, rise - clock))
        if clock > burn:
            f *= np.exp((clock - burn) / max(1e-6, p["burn_tau_h"]))
        return float(min(p["clear_visibility_m"], p["visibility_m"] * f))

    def _log_vis(self, phase: np.ndarray, luck: np.ndarray, x: np.ndarray, y: np.ndarray, clock: float, hours: float) -> np.ndarray:
        """ln visibility (m) at points x, y (tiles) shaped (n,) or (n, m) for n travellers."""
        p = self.params
        base = self.base_visibility(clock)
        clear = p["clear_visibility_m"]
        lv = luck if x.ndim == 1 else luck[:, None]
        lv = lv + np.log(base)
        # patches only where there is fog: full below the fog threshold
        span = np.log(clear / p["fog_threshold_m"])
        if span > 0:
            fogginess = float(min(1.0, max(0.0, np.log(clear / base) / span)))
        else:  # the threshold at or above clear air: any haze is fog (the limit as span -> 0)
            fogginess = 1.0 if base < clear else 0.0
        if fogginess > 0 and p["fog_patchiness"] > 0 and x.ndim == 1:
            # one point per traveller (the step): laid out (wave, traveller), so that each
            # operation runs along the travellers (10x quicker than along rows of 4 waves);
            # the same products, sums and order as below
            arg = self.wave_kx[:, None] * (x - self.wind[0] * hours)
            arg += self.wave_ky[:, None] * (y - self.wind[1] * hours)
            arg += phase.T
            np.cos(arg, out=arg)
            wave = arg[0] + 0.0  # (as row_sum: from 0.0)
            for w in arg[1:]:
                wave += w
            lv = lv + (p["fog_patchiness"] * fogginess / np.sqrt(N_WAVES / 2.0)) * wave
        elif fogginess > 0 and p["fog_patchiness"] > 0:
            px = (x - self.wind[0] * hours)[..., None]
            py = (y - self.wind[1] * hours)[..., None]
            ph = phase if x.ndim == 1 else phase[:, None, :]
            arg = _plus(_plus(px * self.wave_kx, py * self.wave_ky), ph)  # fewer temporaries, same sums
            wave = row_sum(np.cos(arg, out=arg))
            lv = lv + (p["fog_patchiness"] * fogginess / np.sqrt(N_WAVES / 2.0)) * wave
        lv = np.minimum(lv, np.log(clear))
        return lv if lv.shape == x.shape else np.broadcast_to(lv, x.shape)  # (broadcast_to costs ~2 us a call)

    def visibility_at(self, state: State, x: np.ndarray, y: np.ndarray, step: int | None = None) -> np.ndarray:
        """Fog visibility (m) for each traveller at its own point(s) x, y (tiles)."""
        step = state.step if step is None else step
        ex = state.extra
        return self._exp_vis(self._log_vis(ex["fog_phase"], ex["fog_luck"], np.asarray(x, float), np.asarray(y, float),
                                           self.clock(step), step * self.step_hours))

    def _exp_vis(self, lv: np.ndarray) -> np.ndarray:
        """Visibility from its log, exactly clear air where capped: exp(log(1000)) is
        999.9999999999998, which counted as fog when the fog threshold was also 1,000 m."""
        clear = self.params["clear_visibility_m"]
        return np.where(lv >= np.log(clear), clear, np.exp(lv))

    def fog_class(self, vis: np.ndarray) -> np.ndarray:
        """0 clear, 1 fog, 2 thick fog, 3 dense fog (the fog classes)."""
        p = self.params
        edges = np.array([p["dense_fog_m"], p["thick_fog_m"], p["fog_threshold_m"]])
        return (3 - np.searchsorted(edges, vis, side="right")).astype(np.int8)

    def guards(self, state: State, hours: float) -> tuple[np.ndarray, np.ndarray]:
        """Guard positions (n, G) in tiles at ``hours`` since the start.

        Sentries stay at their posts; patrols walk their paths to the end and
        back at ``patrol_speed_ms``, each traveller's morning a little early or late.
        """
        n = state.n
        s = self.n_sentries
        # Column by column (order "F"; gx.T is (G, n), row by row): each guard's column is
        # contiguous, so what the step works out per traveller and guard (distances, sight,
        # hearing) and its sums over the guards run along the travellers: several times
        # quicker than along rows of a few guards, and the same values.
        gx = np.empty((n, self.G), order="F")
        gy = np.empty((n, self.G), order="F")
        gx[:, :s] = self.sentry_xy[:, 0]
        gy[:, :s] = self.sentry_xy[:, 1]
        if self.G > s:
            # a lookup table holds each patrol's whole round (there and back), one after the other
            phase = state.extra["patrol_phase"]
            for j in range(self.n_patrols):  # (a remainder by one number is quicker than by a row of them)
                k = ((phase[:, j] + self.patrol_v * hours) * self.PATROL_RES).astype(np.intp)
                k %= self.patrol_round_n[j]
                k += self.patrol_round_at[j]
                gx[:, s + j] = self.patrol_tab_x[k]
                gy[:, s + j] = self.patrol_tab_y[k]
            self._searching(state, gx, gy)
        return gx, gy

    def _searching(self, state: State, gx: np.ndarray, gy: np.ndarray) -> None:
        """Patrols within ``search_radius_m`` of where a sound was heard leave
        their round and walk there while the alarm lasts (in place, on gx, gy)."""
        ex = state.extra
        if "search_s" not in ex:
            return
        rows = np.flatnonzero(ex["search_s"] > 0)  # only the travellers being searched for
        if not rows.size:
            return
        s = self.n_sentries
        radius = self.params["search_radius_m"]
        # (patrol, row), along the rows: gx.T is (G, n)
        px, py = np.take(gx.T[s:], rows, axis=1), np.take(gy.T[s:], rows, axis=1)  # (np.take: 10x quicker)
        ddx, ddy = ex["heard_x"][rows] - px, ex["heard_y"][rows] - py
        # a patrol whose squared distance is clearly beyond the radius (its rounding error
        # ~1e-16, the margin 1e-9) stays on its round: hypot (slow) only for the others
        pj, k = np.nonzero(np.add(np.square(ddx), np.square(ddy)) <= (radius / self.mpt) ** 2 * (1.0 + 1e-9))
        if not k.size:
            return
        px, py, ddx, ddy = px[pj, k], py[pj, k], ddx[pj, k], ddy[pj, k]
        dist = np.hypot(ddx, ddy)
        near = dist * self.mpt <= radius
        reach = ex["search_s"][rows[k]] * self.search_v
        f = np.where(near, np.minimum(np.maximum(reach / np.maximum(dist, 1e-9), 0.0), 1.0), 0.0)  # (a clip)
        gx.T[s + pj, rows[k]] = np.where(near, px + f * ddx, px)
        gy.T[s + pj, rows[k]] = np.where(near, py + f * ddy, py)

    PATROL_RES = 8  # lookup-table entries per tile of patrol path

    def patrol_track(self, state: State, j: int, hours, row: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """Where patrol ``j`` walks on its round at ``hours`` since the start (an array, which
        may reach back before it), for traveller ``row``: what a soldier on duty at his post
        saw of it. Searches are left out (they start only after he has gone)."""
        along = (state.extra["patrol_phase"][row, j] + self.patrol_v * np.asarray(hours, float)) * self.PATROL_RES
        k = np.floor(along).astype(np.intp) % self.patrol_round_n[j] + self.patrol_round_at[j]
        return self.patrol_tab_x[k], self.patrol_tab_y[k]

    # ----------------------------------------------------------- contract

    def start(self, n: int, rng: np.random.Generator) -> State:
        p = self.params
        state = State.empty(n, *self.start_xy)
        ex = state.extra
        ex["fog_phase"] = rng.uniform(0, 2 * np.pi, (n, N_WAVES))
        ex["fog_luck"] = rng.normal(0.0, p["visibility_spread"], n)
        # the patrols' rounds are the same each morning, give or take a few minutes
        base = self.patrol_start * 2 * self.patrol_len
        ex["patrol_phase"] = base + rng.normal(0.0, p["patrol_jitter_min"] / 60.0 * self.patrol_v, (n, len(self.patrol_len)))
        ex["route"] = (rng.random(n) < 0.5).astype(np.int8)  # the automatic player's route
        ex["alarm"] = np.zeros(n)
        ex["heard_x"] = np.full(n, np.nan)  # where the guards last heard something
        ex["heard_y"] = np.full(n, np.nan)
        ex["search_s"] = np.zeros(n)  # seconds the patrols have been searching there (0: not)
        ex["cold"] = np.zeros(n)
        ex["wet"] = np.zeros(n)
        ex["noise"] = np.zeros(n)
        ex["climb_left"] = np.zeros(n)
        ex["climb_to_y"] = np.zeros(n)
        ex["climbing"] = np.zeros(n, bool)
        ex["cross_way"] = np.zeros(n, np.int8)
        ex["cut_x"] = np.full((n, len(self.fence_rows)), np.nan)  # the gaps cut in each fence
        ex["cut_y"] = np.full((n, len(self.fence_rows)), np.nan)
        ex["cut_found"] = np.zeros((n, len(self.fence_rows)), bool)
        ex["patrol_heard"] = np.zeros((n, self.n_patrols), bool)
        ex["turning"] = np.zeros(n, bool)
        ex["out"] = np.zeros(n, bool)  # slipped away from the post (the action's set_out)
        ex["armed"] = np.ones(n, bool)  # took his rifle (the action's armed, chosen at the post)
        ex["plan"] = np.zeros(n, np.int8)  # the way across the fences he has in mind (the action's plan)
        ex["leave"] = np.zeros(n, np.int8)  # how he left his post (the action's leave, held from when he sets out)
        ex["missed_min"] = np.full(n, float(p["missed_after_min"]))  # minutes from the start until he is missed
        ex["missed_how"] = np.zeros(n, np.int8)  # 0 at the count, 1 the comrade reported him, 2 covered for him
        ex["learn"] = np.zeros(n, np.int8)  # the days before: how he learned where the mines are not
        ex["mine_know"] = np.ones(n)  # the strip's mines on his way, x (1: what everyone knows)
        ex["coat"] = np.zeros(n, bool)  # the padded winter coat
        ex["morning"] = np.zeros(n, np.int8)  # the first foggy morning, or a thicker one waited for
        ex["watched"] = np.zeros(n, bool)  # noticed in the days before: missed as soon as he leaves
        ex["bank_s"] = np.zeros(n)  # seconds waited for a thicker bank of fog
        ex["bank_done"] = np.zeros(n, bool)  # the one wait for a bank is over (it came, or he gave up)
        ex["bank_to"] = np.full(n, np.nan)  # the visibility (m) of the bank waited for (NaN: not waited)
        ex["challenge"] = np.zeros(n, bool)  # challenged last step: the answer decides this step
        ex["challenged"] = np.zeros(n, bool)  # challenged once already (the next sighting is the end)
        ex["challenge_d"] = np.zeros(n)  # metres from the guard who saw him
        ex["challenge_vis"] = np.ones(n)  # the fog's visibility there then (m)
        ex["evade_way"] = np.zeros(n, np.int8)  # the answer given
        ex["hailed"] = np.zeros(n, bool)  # called out to the South's post: its soldiers are coming
        ex["guide_s"] = np.zeros(n)  # seconds since calling out (the guides come after guide_min)
        ex["probing"] = np.zeros(n, bool)
        ex["felt"] = np.zeros(n)
        ex["still_s"] = np.zeros(n)
        ex["was_still"] = np.zeros(n, bool)
        ex["cause"] = np.zeros(n, np.int8)
        # for the events, what has been told: at a fence, in mined ground, a post seen, a patrol
        # seen, turning back, in water, cold, north of the line, a patrol heard, on a patrol path
        # between the fences; and the least fog so far
        ex["told"] = np.zeros((n, 10), bool)
        ex["told"][:, 7] = True
        ex["fog_cell"] = self.fog_cell
        ex["guard_kinds"] = self.guard_kinds
        ex["metres_per_tile"] = self.mpt
        gx, gy = self.guards(state, 0.0)
        ex["guards_x"], ex["guards_y"] = gx, gy
        clock = self.clock(0)
        light = self.light(clock)
        d = np.maximum(np.hypot(gx - state.x[:, None], gy - state.y[:, None]) * self.mpt, 1.0)
        vis = self.visibility_at(state, state.x, state.y, 0)
        ex["fog_told"] = self.fog_class(vis)
        seeing = self.seeing(d, vis, light)
        here = self._tile(state.x, state.y)
        rate = self.sight_rate * self.alertness(ex["alarm"]) * self.exposure(self.f_cover[here], WALK, False, False) * seeing.sum(axis=1)
        ex["guard_dist_m"] = d
        ex["vis_here"] = vis
        ex["light"] = light
        ex["felt"] = self._felt_levels(rate)
        self._observe(state, 0)
        return state

    def step(self, state: State, action: Mapping[str, Any], rng: np.random.Generator) -> None:
        p = self.params
        n = state.n
        dt = self.dt
        ex = state.extra
        u = rng.random((4, n))  # every traveller draws every step
        # (np.count_nonzero(m) below: m.any(), at a fifth of its cost a call)
        active = state.active
        clock = self.clock(state.step)
        hours = state.step * self.step_hours

        dx = np.asarray(action.get("dx", 0.0), float)
        dy = np.asarray(action.get("dy", 0.0), float)
        pace = pace_codes(action.get("pace", WALK), n)
        wait = np.asarray(action.get("wait", False), bool)
        climb = np.asarray(action.get("climb", False), bool)
        probe = action.get("probe", False)
        if type(probe) in (bool, int):  # a replay's plain choice: the same array each step
            probe = _filled(probe, n, bool)
        elif not (type(probe) is np.ndarray and probe.dtype == bool and probe.shape == (n,)):  # else as it is
            probe = np.broadcast_to(np.asarray(probe, bool), (n,))
        way_asked = action.get("fence_way", CLIMB)
        if type(way_asked) is np.ndarray and way_asked.shape == (n,):
            way_asked = way_asked.astype(np.int8)  # (what broadcasting it first gives)
        elif type(way_asked) in (bool, int):
            way_asked = _filled(way_asked, n, np.int8)
        else:
            way_asked = np.broadcast_to(np.asarray(way_asked), (n,)).astype(np.int8)
        turning = ex["turning"] | (np.asarray(action.get("turn_back", False), bool) & active)
        ex["turning"] = turning
        # at the post until he sets out, or until his watch ends (then he must go, and is missed)
        watch_over = state.step * self.step_hours * 60.0 >= p["missed_after_min"]
        set_out = np.asarray(action.get("set_out", True), bool)
        was_out = ex["out"]
        out = was_out | set_out | watch_over | turning
        ex["out"] = out
        at_post = active & ~out
        # what he takes is settled at the post: the choice made there goes with him
        if "armed" in action and not was_out.all():
            ex["armed"] = np.where(was_out, ex["armed"], np.asarray(action["armed"], bool))
        armed = ex["armed"]
        some_unarmed = not armed.all()
        if state.step == 0 and ("learn" in action or "morning" in action or "coat" in action):
            self._days_before(ex, action, u[3], n)
            if state.events:  # told at the first step: what the days before left him with
                state.emit("learned", ex["learn"] != KEPT, learn=ex["learn"])
                state.emit("fog_waited", ex["morning"] == THICKER_FOG)
                state.emit("coat_on", ex["coat"])
        coat = ex["coat"]
        some_coat = bool(np.count_nonzero(coat))
        # how he leaves: held until he sets out; a word to the comrade moves the hour he is missed
        if "leave" in action and not was_out.all():
            ex["leave"] = np.where(was_out, ex["leave"], np.asarray(action["leave"])).astype(np.int8)
        left = active & out & ~was_out
        if np.count_nonzero(left) and not watch_over and np.count_nonzero(ex["leave"] == WORD):
            # whether the comrade believes him: this step's mine draw, free at the post (no mines
            # are laid there), so that the draws of a journey without a word stay as they were
            word = left & (ex["leave"] == WORD)
            doubt = u[0] < p["word_doubt_share"]
            now_min = hours * 60.0
            late = p["missed_after_min"] + p["word_cover_min"]
            ex["missed_min"] = np.where(word, np.where(doubt, now_min, late), ex["missed_min"])
            ex["missed_how"] = np.where(word, np.where(doubt, 1, 2), ex["missed_how"]).astype(np.int8)
        if np.count_nonzero(left) and not watch_over and np.count_nonzero(ex["watched"]):
            # noticed in the days before: they have their eye on him, and miss him as soon as he goes
            seen_go = left & ex["watched"]
            ex["missed_min"] = np.where(seen_go, hours * 60.0, ex["missed_min"])
            ex["missed_how"] = np.where(seen_go, WATCHED_HOW, ex["missed_how"]).astype(np.int8)
        # waiting for a thicker bank of fog: lie still while the fog here is thinner than thick
        bank_came = bank_none = None
        if "bank" in action:
            banking = np.asarray(action["bank"], bool) & ~ex["bank_done"] & active & out & ~ex["climbing"]
            if np.count_nonzero(banking):
                # the bank waited for: one fog class thicker than here when the wait starts
                fresh = banking & np.isnan(ex["bank_to"])
                if np.count_nonzero(fresh):
                    to = np.where(ex["vis_here"] > p["thick_fog_m"], p["thick_fog_m"], p["dense_fog_m"])
                    ex["bank_to"] = np.where(fresh, to, ex["bank_to"])
                bank_came = banking & (ex["vis_here"] <= ex["bank_to"])
                bank_none = banking & ~bank_came & (ex["bank_s"] >= p["bank_max_min"] * 60.0)
                ex["bank_done"] = ex["bank_done"] | bank_came | bank_none
                hold = banking & ~bank_came & ~bank_none
                ex["bank_s"] = ex["bank_s"] + dt * hold
                wait = wait | hold
        replanned = None
        if "plan" in action:  # the way he has in mind: the automatic player follows it after him
            plan = np.broadcast_to(np.asarray(action["plan"]), (n,)).astype(np.int8)
            if state.events:
                replanned = (plan != ex["plan"]) & was_out & active
            ex["plan"] = plan

        x, y = state.x, state.y
        here = self._tile(x, y)
        if np.count_nonzero(turning):
            back = np.flatnonzero(turning)  # the way home, only for those turning back (the same numbers)
            hx, hy = self._home_direction(x[back], y[back], here[back])
            dx = np.array(np.broadcast_to(dx, (n,)), float)
            dy = np.array(np.broadcast_to(dy, (n,)), float)
            dx[back], dy[back] = hx, hy
            pace = np.where(turning, WALK, pace)
            climb = climb | turning
            way_asked = np.where(turning, CLIMB, way_asked)
            probe = probe & ~turning
        # probing for mines is done crawling, at the probe's pace
        pace = np.where(probe, CRAWL, pace)
        length = np.hypot(dx, dy)
        ux = dx / np.maximum(length, 1e-9)  # unit direction
        uy = dy / np.maximum(length, 1e-9)
        length = np.minimum(length, 1.0)  # a push of less than 1 moves slower

        # ---- a climb in progress
        climbing = ex["climbing"] & active
        climbed = np.zeros(n, bool)
        if np.count_nonzero(climbing):
            ex["climb_left"] = np.where(climbing, ex["climb_left"] - dt, ex["climb_left"])
            done = climbing & (ex["climb_left"] <= 0)
            y[done] = ex["climb_to_y"][done]
            climbing &= ~done
            climbed = done

        # ---- movement
        moving = active & out & ~climbing & ~wait & (length > 1e-6)
        speed = np.where(probe, np.minimum(p["probe_speed_ms"], self.pace_speed[CRAWL]), self.pace_speed[pace])
        metres = (speed * dt) * self.f_speed[here] * (1.0 - p["cold_slowdown"] * ex["cold"]) * length * moving
        step_tiles = metres / self.mpt
        nx = np.minimum(np.maximum(x + ux * step_tiles, 0.01), self.W - 0.01)  # (a clip without np.clip's overhead)
        ny = np.minimum(np.maximum(y + uy * step_tiles, 0.01), self.H - 0.01)
        target = self._tile(nx, ny)
        into_fence = self.f_fence[target] & (target != here)
        go = moving & ~self.f_blocked[target] & ~into_fence
        start_climb = moving & into_fence & climb
        # blocked going one way: slide along the obstacle (east-west only, as the fences run)
        slide = moving & ~go & ~start_climb & (ux != 0)
        if np.count_nonzero(slide):
            t2 = self._tile(nx, y)
            ok = slide & ~self.f_blocked[t2] & ~(self.f_fence[t2] & (t2 != here))
            ny = np.where(ok, y, ny)
            metres = np.where(ok, metres * np.abs(ux), metres)
            go |= ok
        metres *= go
        np.copyto(x, nx, where=go)
        np.copyto(y, ny, where=go)
        if np.count_nonzero(start_climb):
            row = np.floor(ny)
            # under only where a drain passes: elsewhere the asked-for drain is a climb
            way = np.where((way_asked == UNDER) & ~self.f_drain[target], CLIMB, way_asked).astype(np.int8)
            if some_unarmed:  # the bayonet's cutter stayed at the post with the rifle
                way = np.where((way == CUT) & ~armed, CLIMB, way).astype(np.int8)
            ex["cross_way"] = np.where(start_climb, way, ex["cross_way"]).astype(np.int8)
            secs = self.crossing_seconds(way, self.f_fence_h[target])
            if some_coat:  # the padded coat catches on the wire: a climb takes longer
                secs = secs * np.where(coat & (way == CLIMB), p["coat_climb"], 1.0)
            ex["climb_left"] = np.where(start_climb, secs, ex["climb_left"])
            cutting = start_climb & (way == CUT)
            if np.count_nonzero(cutting):
                fi = np.clip(np.searchsorted(self.fence_rows, row), 0, len(self.fence_rows) - 1)
                rows = np.flatnonzero(cutting)
                ex["cut_x"][rows, fi[rows]] = nx[rows]
                ex["cut_y"][rows, fi[rows]] = row[rows] + 0.5
            ex["climb_to_y"] = np.where(start_climb, row + 0.5 + np.where(ny > y, 1.0, -1.0), ex["climb_to_y"])
            np.copyto(x, nx, where=start_climb)
            np.copyto(y, row + 0.5, where=start_climb)
            climbing |= start_climb
        ex["climbing"] = climbing
        here = self._tile(x, y)
        still = active & (metres <= 0) & ~climbing
        # time lain still lately (not on duty at the post): grows while still, fades four times slower while moving
        ex["still_s"] = np.where(still & out, ex["still_s"] + dt, np.maximum(0.0, ex["still_s"] - 0.25 * dt))
        ex["was_still"] = still

        # ---- cold
        cross_way = ex["cross_way"]
        wet = np.where(self.f_water[here] | (climbing & (cross_way == UNDER)), 1.0, ex["wet"] * self.wet_decay)
        chill = (1.0 + p["wet_chill"] * wet) * np.where(still, 1.0, self.pace_chill[pace])
        if some_coat:
            chill = chill * np.where(coat, p["coat_chill"], 1.0)
        ex["wet"] = wet
        ex["cold"] = np.minimum(1.0, ex["cold"] + (self.chill_per_step * chill) * (active & out))

        # ---- the guards
        alarm = ex["alarm"] * self.alarm_decay
        missed_now = hours * 60.0 > ex["missed_min"]
        if np.count_nonzero(missed_now):
            alarm = np.where(missed_now, np.maximum(alarm, p["missed_alarm"]), alarm)
        light = self.light(clock)
        gx, gy = self.guards(state, hours)
        ddx = gx - x[:, None]
        ddy = gy - y[:, None]
        ddx *= ddx
        ddy *= ddy
        ddx += ddy
        d = np.sqrt(ddx, out=ddx)
        d *= self.mpt
        np.maximum(d, 1.0, out=d)  # 1 m: no division by zero
        vis_here = self._exp_vis(self._log_vis(ex["fog_phase"], ex["fog_luck"], x, y, clock, hours))
        # how well each guard could make out a figure: contrast through fog and dark, and its size
        seeing = self.seeing(d, vis_here, light)
        seeing_sum = row_sum(seeing)
        alert = self.alertness(alarm)
        lying_here = self.f_lying[here]
        lam_total = self.sight_rate * alert * self.exposure(self.f_cover[here], pace, still, climbing, cross_way,
                                                            lying_here) * seeing_sum
        p_spot = (1.0 - np.exp(-lam_total * dt)) * (active & out)  # at his post he is where he should be
        noise = np.where(climbing, self.crossing_noise(cross_way), np.where(still, 0.0, self.pace_noise[pace] * self.f_noise[here]))
        if some_unarmed:  # no rifle to clink against its sling or rattle on the wire
            noise = noise * np.where(armed, 1.0, p["noise_unarmed"])
        if some_coat:  # the padded coat rustles and swishes at every move
            noise = noise * np.where(coat, p["coat_noise"], 1.0)
        # calling out to the South's post: heard there (it is within its watch); the North's
        # posts and patrols are too far off on this map to hear one shout
        hail = np.asarray(action.get("hail", False), bool)
        hailed_now = np.zeros(n, bool)
        if np.count_nonzero(hail):
            hailed_now = hail & active & out & ~ex["hailed"] & (y >= self.mdl_y) & (self.south_post_m(x, y) <= p["south_watch_m"])
            ex["hailed"] = ex["hailed"] | hailed_now
        # Hearing, which fog does not dull: each post's men listen too
        # (sentry_factor).
        near = np.multiply(d, -self.inv_hear)  # = -d * inv_hear, bit for bit
        np.exp(near, out=near)
        np.multiply(self.guard_factor, near, out=near)
        lam_hear = self.hear_rate * noise * row_sum(near)
        heard = u[1] < (1.0 - np.exp(-lam_hear * dt)) * (active & out)
        alarm = np.where(heard, np.minimum(1.0, alarm + p["hear_alarm_rise"]), alarm)
        ex["heard_x"] = np.where(heard, x, ex["heard_x"])
        ex["heard_y"] = np.where(heard, y, ex["heard_y"])
        # a gap cut in a fence: a patrol passing near finds it, and the search starts there
        found = self._cuts_found(ex, gx, gy, active)
        cut_found = row_any(found)
        if np.count_nonzero(cut_found):
            ex["cut_found"] |= found
            alarm = np.where(cut_found, np.maximum(alarm, p["cut_found_alarm"]), alarm)
            rows = np.flatnonzero(cut_found)  # the search starts at the first gap found (only their rows)
            k = np.argmax(found[rows], axis=1)
            ex["heard_x"][rows] = ex["cut_x"][rows, k]
            ex["heard_y"][rows] = ex["cut_y"][rows, k]

        # ---- mines: the tile's density, scaled to the DMZ's average
        # the mines a probe does not find first: with the bayonet, or by hand without the rifle
        find = np.where(armed, p["probe_find_share"], p["probe_hand_share"]) if some_unarmed else p["probe_find_share"]
        missed = np.where(probe, 1.0 - find, 1.0)
        hazard = self.mine_hazard_per_m[here]
        know = ex["mine_know"]
        if np.count_nonzero(know != 1.0):  # he learned where the strip's mines are not: fewer on his way there
            hazard = hazard * np.where(self.f_between[here], know, 1.0)
        p_mine = (1.0 - np.exp(-hazard * missed * metres)) * active

        # ---- outcomes
        mine = active & (u[0] < p_mine)
        state.finish(mine, self.KILLED)
        # challenged last step: this step's answer decides (instead of being seen anew); by row,
        # as they are few (a copy: _challenge below sets ex["challenge"])
        pend = np.flatnonzero(ex["challenge"] & state.active) if np.count_nonzero(ex["challenge"]) else None
        spotted = state.active & (u[2] < p_spot)
        if pend is not None:
            spotted[pend] = False
        north = y < self.mdl_y
        # the first time guards see him north of the line they shout: the next step's answer decides
        challenged = (spotted & north & ~ex["challenged"]) if np.count_nonzero(spotted) else spotted
        after = None  # how a capture came about, for the ending's words (0 at once, 1-3 the answer, 4 seen again)
        if np.count_nonzero(challenged):
            spotted &= ~challenged
            self._challenge(ex, challenged, seeing, d, vis_here, light)
        shot_n = spotted & north & (u[3] < p["fire_share_north"])
        caught_n = spotted & north
        escaped = None
        if np.count_nonzero(caught_n):  # seen again after getting away once: at once
            after = np.where(ex["challenged"] & caught_n, 4, 0).astype(np.int8)
        if pend is not None:
            evade = np.broadcast_to(np.asarray(action.get("evade", FREEZE)), (n,))[pend].astype(np.int8)
            stop_r, shot_r = self._answer(ex, pend, evade, lying_here, u)
            if after is None:
                after = np.zeros(n, np.int8)
            after[pend[stop_r]] = evade[stop_r] + 1
            shot_n[pend[shot_r]] = True
            caught_n[pend[stop_r]] = True
            esc = pend[~stop_r]
            # got away: they know someone is out there, and search from where he was
            alarm[esc] = 1.0
            ex["heard_x"][esc] = x[esc]
            ex["heard_y"][esc] = y[esc]
            if state.events:
                escaped = np.zeros(n, bool)
                escaped[esc] = True
        shot_s = spotted & ~north & (u[3] < p["fire_kill_share_south"])
        state.finish(shot_n, self.KILLED)
        state.finish(caught_n, self.CAUGHT)
        state.finish(shot_s, self.KILLED)
        if np.count_nonzero(mine) or np.count_nonzero(spotted) or np.count_nonzero(caught_n):
            cause = np.where(mine, CAUSE_MINE, np.where(shot_n | shot_s, CAUSE_FIRE, np.where(caught_n, CAUSE_SEEN, CAUSE_FIRED_AT)))
            ex["cause"] = np.where(mine | spotted | caught_n, cause, ex["cause"]).astype(np.int8)
        if np.count_nonzero(spotted) or np.count_nonzero(challenged):
            alarm = np.where(spotted | challenged, 1.0, alarm)
        if np.count_nonzero(challenged):  # the search starts where he was seen (or at a gap found this step)
            seen_here = challenged & ~cut_found
            ex["heard_x"] = np.where(seen_here, x, ex["heard_x"])
            ex["heard_y"] = np.where(seen_here, y, ex["heard_y"])
        gx0, gy0, gx1, gy1 = self.goal
        state.finish((x >= gx0) & (x <= gx1) & (y >= gy0) & (y <= gy1), self.CROSSED)
        # the South's soldiers, called, come out and take you in where you wait
        guiding = ex["hailed"] & state.active
        ex["guide_s"] = np.where(guiding, ex["guide_s"] + dt, ex["guide_s"])
        guided = guiding & (ex["guide_s"] >= p["guide_min"] * 60.0)
        state.finish(guided, self.CROSSED)
        state.finish(turning & (y < self.home_y), self.TURNED_BACK)
        ex["alarm"] = alarm
        # the search goes on while the alarm lasts (dmz.warning_shots_2017: they searched near the line)
        searching = (alarm >= p["search_min_alarm"]) & np.isfinite(ex["heard_x"]) & active
        ex["search_s"] = np.where(searching, ex["search_s"] + dt, 0.0)
        ex["noise"] = noise
        probing_now = probe & moving & active
        if state.events:
            state.emit("probing", probing_now & ~ex["probing"], hand=(~armed).astype(np.int8))
        ex["probing"] = probing_now | (ex["probing"] & ~moving & active)
        state.hours += self.step_hours * active

        fog_cls = self.fog_class(vis_here) if state.events else None  # told and shown only
        # a patrol heard (boots, kit, voices carry through fog) before it is seen: the
        # automatic player acts on it, so it is worked out whether or not events are kept
        ns = self.n_sentries
        state.extra["patrol_heard"] = ((d[:, ns:] <= self.params["patrol_heard_m"])
                                       & ~self._in_sight(vis_here, light, d)[:, ns:] & active[:, None])
        if state.events:  # else nobody reads them (replays, simulate: State.events)
            left = active & out & ~was_out & ~turning & (state.step > 0)
            state.emit("set_out", left & set_out, plan=ex["plan"], leave=ex["leave"])
            if replanned is not None:
                state.emit("way_changed", replanned, plan=ex["plan"])
            if bank_came is not None:
                state.emit("bank_came", bank_came, waited=np.round(ex["bank_s"] / 60.0))
                state.emit("bank_none", bank_none, waited=np.round(ex["bank_s"] / 60.0))
            state.emit("watch_over", left & ~set_out)
            state.emit("hailed", hailed_now)
            state.emit("challenged", challenged, metres=np.maximum(10.0, np.round(ex["challenge_d"] / 10.0) * 10.0))  # (as the question says it: never "0 m")
            if escaped is not None:
                state.emit("evaded", escaped, way=ex["evade_way"])
            self._tell(state, active, moving & into_fence & ~climb, start_climb, climbed, heard, mine,
                       caught_n & ~shot_n, shot_n, spotted & ~north & ~shot_s, shot_s, vis_here, light, d, fog_cls,
                       cut_found, np.zeros(n, np.int8) if after is None else after)

        # ---- risk and its reason, for the debrief (the reason only where it is told: State.events)
        risk = 1.0 - (1.0 - p_spot) * (1.0 - p_mine)
        state.risk = risk
        if state.events:
            sentry_part = row_sum(seeing[:, : self.n_sentries])
            reason = np.where(sentry_part * 2 >= seeing_sum, self.R_POST, self.R_PATROL)
            reason = np.where((light > 0.5) & (vis_here >= p["fog_threshold_m"]), self.R_DAY, reason)
            reason = np.where(pace == RUN, self.R_RUN, reason)
            reason = np.where(alarm > 0.5, self.R_ALARM, reason)
            reason = np.where(climbing, self.R_FENCE, reason)
            reason = np.where(p_mine > p_spot, self.R_MINE, reason)
            state.reason = np.where(active & (risk > 1e-4), reason, -1).astype(np.int16)

        # ---- what the scene draws
        ex["guards_x"], ex["guards_y"] = gx, gy
        ex["guard_dist_m"] = d
        ex["vis_here"] = vis_here
        ex["light"] = light
        # the hint: how likely a walking figure here would be seen within a minute, in four levels
        walk_rate = self.sight_rate * alert * self.exposure(self.f_cover[here], WALK, False, False, lying=lying_here) * seeing_sum
        ex["felt"] = np.where(at_post, 0.0, self._felt_levels(walk_rate))
        self._observe(state, state.step + 1, fog_cls)

    def _days_before(self, ex, action, u3, n) -> None:
        """The days before (the first step's action): what he learned of the strip's mines,
        which morning, what he wears; and whether anyone noticed (one draw, made from the
        fire draw, which is free at the post, so that journeys without these keep their draws)."""
        p = self.params
        learn = np.broadcast_to(np.asarray(action.get("learn", KEPT)), (n,)).astype(np.int8)
        morning = np.broadcast_to(np.asarray(action.get("morning", FIRST_FOG)), (n,)).astype(np.int8)
        ex["learn"] = learn
        ex["morning"] = morning
        ex["coat"] = np.broadcast_to(np.asarray(action.get("coat", False), bool), (n,)).copy()
        ex["mine_know"] = np.where(learn == WATCHED, p["learn_watch_mines"],
                                   np.where(learn == ASKED, p["learn_ask_mines"], 1.0))
        if (morning == THICKER_FOG).any():  # the thicker fog waited for: his own morning is foggier
            ex["fog_luck"] = ex["fog_luck"] + np.where(morning == THICKER_FOG, np.log(p["morning_fog_factor"]), 0.0)
        stay = np.where(learn == WATCHED, 1.0 - p["learn_watch_noticed"], np.where(learn == ASKED, 1.0 - p["learn_ask_noticed"], 1.0))
        stay = stay * np.where(morning == THICKER_FOG, 1.0 - p["morning_noticed"], 1.0)
        if (stay < 1.0).any():
            # a uniform draw of its own from the fire draw's lower digits: the fire draw decides
            # only whether a soldier seen is shot, and its lower digits are independent of that
            v = np.multiply(u3, 4096.0) % 1.0
            ex["watched"] = v >= stay

    def _challenge(self, ex, challenged, seeing, d, vis, light) -> None:
        """Guards saw these soldiers (``challenged``, north of the line) for the first time:
        keep how far off the one who saw him best was, and the fog's visibility there (the
        guards have torches and flares: the dark alone does not hide a man they have seen)."""
        rows = np.flatnonzero(challenged)
        k = np.argmax(seeing[rows], axis=1)
        ex["challenge_d"][rows] = d[rows, k]
        ex["challenge_vis"][rows] = vis[rows]
        ex["challenge"] |= challenged
        ex["challenged"] |= challenged

    def challenge_odds(self, evade, d_m, vis_m, lying) -> tuple[np.ndarray, np.ndarray]:
        """The chance of being stopped after a challenge by ``evade`` (0 lie flat, 1 crawl
        away, 2 run), and of being shot once stopped. ``d_m``: the guard's distance,
        ``vis_m``: the fog's visibility, ``lying``: the share of a lying figure the ground shows."""
        p = self.params
        evade = np.asarray(evade)
        away = np.exp(-np.asarray(d_m, float) / np.asarray(vis_m, float))
        # lying flat, the ground hides you where they lost clear sight of the spot (away^2: still clearly in sight)
        lying = np.asarray(lying, float)
        shown = lying + (1.0 - lying) * np.square(away)
        stop = np.where(evade == FREEZE, p["challenge_freeze_caught"] * shown,
                        np.where(evade == CREEP, p["challenge_crawl_caught"], p["challenge_run_caught"]) * away)
        fire = np.where(evade == FLEE, p["challenge_run_fire"], p["fire_share_north"])
        return stop, fire

    def _answer(self, ex, r, evade, lying, u) -> tuple[np.ndarray, np.ndarray]:
        """The answers ``evade`` to the challenges of rows ``r``: who of them is stopped, and who shot."""
        stop, fire = self.challenge_odds(evade, ex["challenge_d"][r], ex["challenge_vis"][r], lying[r])
        stopped = u[2][r] < stop
        shot = stopped & (u[3][r] < fire)
        ex["challenge"][r] = False
        ex["evade_way"][r] = evade
        return stopped, shot

    def _cuts_found(self, ex, gx: np.ndarray, gy: np.ndarray, active: np.ndarray) -> np.ndarray:
        """(n, F): the gaps cut in the fences that a patrol (guards' positions gx, gy: n, G) finds
        now, for the soldiers still going (``active``)."""
        cx, cy = ex["cut_x"], ex["cut_y"]
        found = np.zeros(cx.shape, bool)
        if self.n_patrols == 0:
            return found
        # each gap still unfound of a soldier still going, against every patrol: the same
        # distances as over all (n, F, P), only where they can count (flat indices: cheaper)
        at = np.flatnonzero(np.isfinite(cx) & ~ex["cut_found"])
        r = at // cx.shape[1]
        going = active[r]
        at, r = at[going], r[going]
        if not r.size:
            return found
        # found where hypot(ax, ay) * mpt <= cut_found_m for some patrol. The squared
        # distance (several times cheaper than hypot) decides it wherever it is clearly
        # inside or outside (its rounding error is ~1e-16, the band 1e-9); hypot itself
        # decides the rare pairs in the band: the same answer as hypot everywhere.
        s = self.n_sentries  # (patrol, gap), along the gaps: gx.T is (G, n)
        ax = np.take(cx, at) - np.take(gx.T[s:], r, axis=1)
        ay = np.take(cy, at) - np.take(gy.T[s:], r, axis=1)
        sq = np.add(np.square(ax), np.square(ay)).min(axis=0)
        c = self.params["cut_found_m"]
        lim = (c / self.mpt) ** 2
        hit = sq <= lim * (1.0 - 1e-9)
        close = np.flatnonzero(~hit & (sq <= lim * (1.0 + 1e-9)))
        if close.size:
            hit[close] = (np.hypot(ax[:, close], ay[:, close]) * self.mpt <= c).any(axis=0)
        found.ravel()[at[hit]] = True  # (found is contiguous: a view)
        return found

    def _tell(self, state: State, active, blocked, start_climb, climbed, heard, mine, caught, shot_n, fired_at,
              shot_s, vis, light, d, cls, cut_found, after) -> None:
        """The step's events (State.emit): what the soldier notices, and how it ended.

        Each is told when it begins (a fence reached, a patrol come into sight),
        not every step it lasts.
        """
        p, ex, step = self.params, state.extra, state.step
        x, y = state.x, state.y
        told = ex["told"]
        here = self._tile(x, y)
        in_sight = self._in_sight(vis, light, d)
        s = self.n_sentries
        heard_patrol = ex["patrol_heard"]  # worked out in step: the automatic player listens too
        now = np.stack([
            blocked | (told[:, 0] & self.f_fence[here]),  # at a fence until past it
            self.mine_hazard_per_m[here] > 0,
            row_any(in_sight[:, : self.n_sentries]),
            row_any(in_sight[:, self.n_sentries:]),
            ex["turning"],
            self.f_water[here],
            ex["cold"] >= 0.5,
            y < self.mdl_y,
            row_any(heard_patrol),
            self.f_strip_path[here],
        ], axis=1) & active[:, None]
        new = now & ~told
        state.emit("fence_reached", new[:, 0] & ~start_climb)
        way = ex["cross_way"]
        state.emit("fence_climbing", start_climb & (way == CLIMB))
        state.emit("fence_cutting", start_climb & (way == CUT))
        state.emit("fence_under", start_climb & (way == UNDER))
        state.emit("fence_climbed", climbed, way=way)
        state.emit("mines_signs", new[:, 1])
        state.emit("path_strip", new[:, 9])
        state.emit("mines_left", told[:, 1] & ~now[:, 1] & state.active)
        state.emit("post_seen", new[:, 2])
        state.emit("patrol_seen", new[:, 3])
        if new[:, 8].any():
            near = np.where(heard_patrol, d[:, s:], np.inf).min(axis=1) if heard_patrol.shape[1] else np.zeros(state.n)
            state.emit("patrol_heard", new[:, 8] & ~new[:, 3], metres=np.round(np.minimum(near, 1e6) / 10.0) * 10.0)
        state.emit("cut_found", cut_found & state.active)
        state.emit("heard", heard & ~caught & ~fired_at)
        state.emit("turned", new[:, 4])
        state.emit("wet", new[:, 5])
        state.emit("cold", new[:, 6])
        state.emit("line_crossed", told[:, 7] & ~now[:, 7] & active)
        state.emit("patrol_faded", told[:, 8] & ~now[:, 8] & ~now[:, 3] & active)
        ex["told"] = now | (told & ~active[:, None])
        minutes = step * self.step_hours * 60.0
        mm = ex["missed_min"]
        state.emit("missed", active & (minutes <= mm) & (mm < minutes + self.step_hours * 60.0), how=ex["missed_how"])
        if self.light(self.clock(step) - self.step_hours) < 0.5 <= light:
            state.emit("daybreak", active)
        # the fog: told when it is the least so far, once day has come (patches come and go before)
        least = ex["fog_told"]
        lifted = active & (cls == 0) & (least >= 1)
        thinned = active & (cls < least) & (cls >= 1) & (light >= 0.5)
        state.emit("fog_lifted", lifted)
        state.emit("fog_thinned", thinned)
        ex["fog_told"] = np.where(lifted | thinned, cls, least).astype(np.int8)
        state.emit("mine", mine)
        state.emit("seen_caught", caught, after=after)
        state.emit("shot_north", shot_n, after=after)
        state.emit("fired_at", fired_at & state.active)
        state.emit("shot_south", shot_s)
        state.emit("reached_post", active & (state.outcome == self.CROSSED), guided=ex["hailed"].astype(np.int8))
        state.emit("home", active & (state.outcome == self.TURNED_BACK))

    def _in_sight(self, vis, light, d) -> np.ndarray:
        """(n, G): which guards the soldier could see now (fog, light, distance)."""
        p = self.params
        reach = np.maximum(np.minimum(vis, p["see_guard_night_m"] + (vis - p["see_guard_night_m"]) * light), p["see_guard_near_m"])
        return d <= reach[:, None]

    def south_post_m(self, x, y) -> np.ndarray:
        """Metres from the South's post (the middle of the ground in front of it)."""
        gx0, gy0, gx1, gy1 = self.goal
        return np.hypot(np.asarray(x) - (gx0 + gx1) / 2, np.asarray(y) - (gy0 + gy1) / 2) * self.mpt

    def _tile(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        xi = np.minimum(x.astype(np.intp), self.W - 1)
        yi = np.minimum(y.astype(np.intp), self.H - 1)
        return yi * self.W + xi

    def _felt_levels(self, rate: np.ndarray) -> np.ndarray:
        p_min = 1.0 - np.exp(-rate * 60.0)
        return np.searchsorted(self.FELT_EDGES, p_min, side="right") / 3.0

    DENSE_MINES = 1.0  # the automatic player probes where the map's minefield is dense (tile density 1), not the sparse edges
    FELT_EDGES = np.array([0.01, 0.05, 0.2])  # chance per minute -> hint levels 0, 1/3, 2/3, 1

    def _observe(self, state: State, step: int, fog_cls: np.ndarray | None = None) -> None:
        """The slower extras, for traveller 0 and the scene (``fog_cls``: vis_here's class, when known)."""
        ex = state.extra
        clock = self.clock(step)
        ex["clock_h"] = clock
        if state.events:  # (else nobody reads it: State.events)
            ex["fog_class"] = self.fog_class(ex["vis_here"]) if fog_cls is None else fog_cls
        else:
            ex["fog_class"] = None
        # traveller 0's fog on the coarse grid: only for the game's small runs (see fog_grid())
        ex["fog_grid"] = self.fog_grid(state, step) if state.n <= self.GRID_MAX_N and state.events else None

    GRID_MAX_N = 16

    def fog_grid(self, state: State, step: int | None = None) -> np.ndarray:
        """Traveller 0's fog visibility (m) on a grid of ``fog_cell`` x ``fog_cell`` tiles."""
        step = state.step if step is None else step
        ex = state.extra
        lv = self._log_vis(ex["fog_phase"][:1], ex["fog_luck"][:1], self.grid_x.reshape(1, -1), self.grid_y.reshape(1, -1),
                           self.clock(step), step * self.step_hours)
        return self._exp_vis(lv).reshape(self.grid_x.shape)

    def guards_in_sight(self, state: State) -> np.ndarray:
        """Which guards each traveller could make out now (n, G): closer than
        the fog's visibility and, in the dark, than ``see_guard_night_m``
        (rising to the visibility through dawn); anyone within
        ``see_guard_near_m`` is noticed. For the screen: it draws only these."""
        p = self.params
        ex = state.extra
        vis = np.asarray(ex["vis_here"], float)
        night = p["see_guard_night_m"]
        reach = np.minimum(vis, night + (vis - night) * float(ex["light"]))
        return ex["guard_dist_m"] <= np.maximum(reach, p["see_guard_near_m"])[:, None]

    def felt_danger(self, state: State) -> np.ndarray:
        """0..1 in four levels: a coarse sense of danger, not the guards' sight."""
        return state.extra["felt"]

    # ----------------------------------------------------------- automatic player

    def _route_fields(self):
        if self._routes is None:
            key = (str(self.world.file), self.W, self.H)
            if key not in _ROUTES_CACHE:
                _ROUTES_CACHE[key] = self._build_routes()
            self._routes = _ROUTES_CACHE[key]
        return self._routes

    def _build_routes(self):
        """Two routes to the goal (one keeps to cover, one more direct) and one home."""
        H, W = self.H, self.W
        speed = self.f_speed.reshape(H, W)
        cover = self.f_cover.reshape(H, W)
        mines = self.f_mine_rel.reshape(H, W)
        yy, xx = np.mgrid[0:H, 0:W]
        near_guard = np.zeros((H, W))
        for sx, sy in self.sentry_xy:
            near_guard += np.exp(-np.hypot(xx + 0.5 - sx, yy + 0.5 - sy) / 12.0)
        for xs, ys, _ in self.patrol_paths:
            for px, py in zip(xs, ys):
                near_guard += 0.3 * np.exp(-np.hypot(xx + 0.5 - px, yy + 0.5 - py) / 6.0)
        exposure = (1.0 - cover) * np.minimum(near_guard, 2.0)
        base = np.where(speed > 0, 1.0 / np.maximum(speed, 0.05), np.inf)
        fence = self.fence
        fence_cost = 6.0
        gx0, gy0, gx1, gy1 = self.goal
        goal = (xx + 0.5 >= gx0) & (xx + 0.5 <= gx1) & (yy + 0.5 >= gy0) & (yy + 0.5 <= gy1)
        fields = []
        for w_exp in (3.0, 0.8):
            cost = base * (1.0 + w_exp * exposure + 0.6 * (1.0 - cover)) + 60.0 * mines + np.where(fence, fence_cost, 0.0)
            _, ndx, ndy = route_field(cost, goal)
            fields.append((ndx.ravel(), ndy.ravel()))
        home = yy + 0.5 < self.home_y
        cost = base * (1.0 + 1.0 * exposure) + 60.0 * mines + np.where(fence, fence_cost, 0.0)
        _, hdx, hdy = route_field(cost, home)
        return fields, (hdx.ravel(), hdy.ravel())

    def _crossings(self, world) -> dict[int, tuple[int, int] | None]:
        """Where each plan crosses the mined strip between the North's two fences (tile x,
        and the row just past the inner fence), from the map: near the post where the
        strip is laid thinnest, the patrol path nearest the
        post that crosses the strip (no mines are laid on it: dmz.mine_layout), the drain
        under the wire nearest it. None where the map has none (a plan then is straight)."""
        out: dict[int, tuple[int, int] | None] = {STRAIGHT: None, PATH: None, DRAIN: None}
        north = self.fence_rows[self.fence_rows < self.mdl_y]
        if north.size < 2:
            return out
        top, bottom = int(north.min()), int(north.max())
        sx = self.start_xy[0]
        # straight south: the column near the post where the strip's mines lie thinnest
        near = [x for x in range(max(0, int(sx) - 6), min(self.W, int(sx) + 7))]
        strip_h = self.mine_hazard_per_m.reshape(self.H, self.W)[top + 1:bottom]
        out[STRAIGHT] = (min(near, key=lambda x: (round(float(strip_h[:, x].sum()), 12), abs(x + 0.5 - sx))), bottom + 1)
        names = list(self.terrain_names)
        path = names.index("path") if "path" in names else -1
        strip = np.arange(top + 1, bottom)
        cols = [x for x in range(self.W) if path >= 0 and np.all(self.terrain[strip, x] == path)]
        if cols:
            out[PATH] = (min(cols, key=lambda x: abs(x + 0.5 - sx)), bottom + 1)
        drains = sorted({int(x) for x in np.nonzero(self.drain[bottom])[0]} & {int(x) for x in np.nonzero(self.drain[top])[0]})
        if drains:
            out[DRAIN] = (min(drains, key=lambda x: abs(x + 0.5 - sx)), bottom + 1)
        return out

    def plan_fields(self) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        """For each plan, the next tile (dx, dy) on the way to its
        crossing of the North's fences: the wire is passed only there (along the path, or
        through the drain). Past the fences the usual routes lead on."""
        if self._plans is None:
            key = (str(self.world.file), self.W, self.H, "plans")
            if key not in _ROUTES_CACHE:
                H, W = self.H, self.W
                speed = self.f_speed.reshape(H, W)
                cover = self.f_cover.reshape(H, W)
                mines = self.f_mine_rel.reshape(H, W)
                base = np.where(speed > 0, 1.0 / np.maximum(speed, 0.05), np.inf)
                fields = {}
                for plan, at in self.crossings.items():
                    if at is None:
                        continue
                    x, row = at
                    cost = base * (1.0 + 0.6 * (1.0 - cover)) + 60.0 * mines
                    cost = np.where(self.fence, np.inf, cost)
                    cost[self.fence[:, x], x] = 6.0  # the wire only where the path or the drain crosses
                    target = np.zeros((H, W), bool)
                    target[row, x] = True
                    _, ndx, ndy = route_field(cost, target)
                    fields[plan] = (ndx.ravel(), ndy.ravel())
                _ROUTES_CACHE[key] = fields
            self._plans = _ROUTES_CACHE[key]
        return self._plans

    def plan_direction(self, plan, x, y) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The way a plan leads from x, y (tiles): (dx, dy, on it) for each point; ``on it``
        is False past the North's fences (the usual routes lead on)."""
        x = np.atleast_1d(np.asarray(x, float))
        y = np.atleast_1d(np.asarray(y, float))
        plan = np.broadcast_to(np.asarray(plan), x.shape)
        dx, dy = np.zeros(x.shape), np.zeros(x.shape)
        on = np.zeros(x.shape, bool)
        here = self._tile(np.maximum(x, 0.0), np.maximum(y, 0.0))
        for k, (ndx, ndy) in self.plan_fields().items():
            rows = (plan == k) & (y < self.crossings[k][1])
            if rows.any():
                ux, uy = self._toward(x[rows], y[rows], here[rows], ndx, ndy)
                dx[rows], dy[rows] = ux, uy
                on[rows] = (ndx[here[rows]] != 0) | (ndy[here[rows]] != 0)
        return dx, dy, on

    def _toward(self, x, y, here, ndx, ndy):
        tx = (here % self.W) + ndx[here] + 0.5
        ty = (here // self.W) + ndy[here] + 0.5
        vx, vy = tx - x, ty - y
        norm = np.maximum(np.hypot(vx, vy), 1e-9)
        moving = (ndx[here] != 0) | (ndy[here] != 0)
        return np.where(moving, vx / norm, 0.0), np.where(moving, vy / norm, 0.0)

    def _home_direction(self, x, y, here):
        _, (hdx, hdy) = self._route_fields()
        return self._toward(x, y, here, hdx, hdy)

    def auto_action(self, state: State) -> dict[str, Any]:
        """A careful soldier: follows a route through cover round the mines,
        crawls when danger is felt, lies still while a patrol is close (or, with
        ``auto_wait_heard``, heard), probes for mines where its route crosses a
        dense minefield, crosses the fences (through a drain where
        there is one, cutting a gap when no patrol is heard, else climbing),
        and turns back while still north of the last fence if the alarm is up
        or daylight comes without fog. It sets out from its post once no patrol
        is within ``auto_leave_patrol_m``, or after ``auto_leave_max_min``,
        slipping away unseen (no word to its comrade, who might doubt it and
        report it at once). Of the days before it does what the record shows of 2017 and
        nothing more: it goes on the first foggy morning, asks nobody and watches nobody
        about the mines, and wears its field uniform (``learn``, ``morning``, ``coat`` at
        rest: nothing is known of what he learned or wore). It never stops to wait for a thicker bank of fog
        (``bank``): lying at the wire, the patrols on the fence road come by."""
        (f0, f1), _ = self._route_fields()
        ex = state.extra
        x, y = state.x, state.y
        xi = np.minimum(np.maximum(x.astype(np.intp), 0), self.W - 1)  # (a clip, without np.clip's overhead)
        yi = np.minimum(np.maximum(y.astype(np.intp), 0), self.H - 1)
        here = yi * self.W + xi
        route = ex["route"].astype(bool)
        ndx = np.where(route, f1[0][here], f0[0][here]).astype(np.int8)
        ndy = np.where(route, f1[1][here], f0[1][here]).astype(np.int8)
        tx = xi + ndx + 0.5
        ty = yi + ndy + 0.5
        vx, vy = tx - x, ty - y
        norm = np.maximum(np.hypot(vx, vy), 1e-9)
        gx0, gy0, gx1, gy1 = self.goal
        gcx, gcy = (gx0 + gx1) / 2, (gy0 + gy1) / 2
        at_goal_tile = (ndx == 0) & (ndy == 0)
        dx = np.where(at_goal_tile, gcx - x, vx / norm)
        dy = np.where(at_goal_tile, gcy - y, vy / norm)
        plan = ex["plan"]
        if plan.any():  # the way across the fences chosen at the post, until past them
            pdx, pdy, on = self.plan_direction(plan, x, y)
            on &= plan != STRAIGHT  # straight south: its usual routes cross there
            dx = np.where(on, pdx, dx)
            dy = np.where(on, pdy, dy)
        felt = ex["felt"]
        d = ex["guard_dist_m"]
        patrol_near = row_min(d[:, self.n_sentries:]) < np.minimum(row_min(d[:, : self.n_sentries]), 1e9)
        # lie still while a patrol is the danger: keep on lying still up to a limit, then move on
        # until the wait is forgotten (still_s fades while moving) before waiting again
        p = self.params
        may_wait = np.where(ex["was_still"], ex["still_s"] < p["auto_wait_max_s"], ex["still_s"] <= 0.0)
        heard = row_any(ex["patrol_heard"]) if ex["patrol_heard"].shape[1] else np.zeros(state.n, bool)
        wary = (felt >= p["auto_wait_at"]) | (heard & (p["auto_wait_heard"] > 0.5))
        wait = wary & patrol_near & may_wait & ~ex["climbing"]
        way = np.where(self.f_drain_near[here], UNDER, np.where(heard, CLIMB, CUT)).astype(np.int8)
        pace = np.where(felt >= p["auto_crawl_at"], CRAWL, WALK).astype(np.int8)
        # give up while still north of the last fence if the alarm is up, or if day has come without fog
        daylight_clear = (ex["light"] > 0.5) & (ex["vis_here"] >= self.params["fog_threshold_m"])
        turn = ((ex["alarm"] >= p["auto_turn_back_alarm"]) | daylight_clear) & (y < self.last_fence_y)
        # probe where the ground is mined (its routes keep out of the minefields where they can)
        probe = self.f_mine_rel[here] >= self.DENSE_MINES
        # set out from the post when the patrols are away from it, or when it has waited long enough
        waited_min = state.step * self.step_hours * 60.0
        patrol_d = row_min(d[:, self.n_sentries:]) if self.n_patrols else np.full(state.n, np.inf)
        set_out = ex["out"] | (patrol_d >= p["auto_leave_patrol_m"]) | (waited_min >= p["auto_leave_max_min"])
        # near the South's post: in fog it walks on, as the soldier of 2017 did; out of the fog it
        # calls out and waits for the post's soldiers rather than walk up in the open
        seen_easily = ex["vis_here"] >= p["fog_threshold_m"]
        hail = seen_easily & (y >= self.mdl_y) & (self.south_post_m(x, y) <= p["south_watch_m"])
        wait = wait | ex["hailed"]
        # challenged: lie flat where the ground hides it, else crawl back into the fog; it never runs
        evade = FREEZE
        if ex["challenge"].any():  # (by row: few are challenged at a time)
            r = np.flatnonzero(ex["challenge"])
            lying = self.f_lying[here[r]]
            freeze, _ = self.challenge_odds(FREEZE, ex["challenge_d"][r], ex["challenge_vis"][r], lying)
            creep, _ = self.challenge_odds(CREEP, ex["challenge_d"][r], ex["challenge_vis"][r], lying)
            crawl = creep < freeze
            evade = np.zeros(state.n, np.int8)
            evade[r[crawl]] = CREEP
            wait = np.array(wait, bool)
            wait[r[~crawl]] = True
            pace[r[crawl]] = CRAWL
        # it slips away unseen (a word can be doubted, and a doubting comrade reports it at once), and
        # it never lies at the wire waiting for a thicker bank of fog (the patrols walk the fence road)
        return {"dx": dx, "dy": dy, "pace": pace, "wait": wait, "climb": np.ones(state.n, bool), "turn_back": turn,
                "fence_way": way, "probe": probe, "set_out": set_out, "hail": hail, "armed": True, "evade": evade, "plan": plan,
                "leave": SLIP, "bank": False, "learn": KEPT, "morning": FIRST_FOG, "coat": False}
