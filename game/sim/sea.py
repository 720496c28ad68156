"""Across the sea: a small wooden boat on the Sea of Japan.

Pure numpy, vectorised over n boats; every random number comes from the
Generator passed in, and every step draws the same numbers for all n boats
whether or not they are still going. Every figure is a parameter from
``levels/sea/scenario.toml`` (a fact id or a named assumption); the only
numbers in this file are unit conversions and physical constants.

One step is ``step_hours`` = 6 hours; a run stops after ``max_steps`` (120
days). Positions are map tiles of ``levels/sea/map.tmx`` (equirectangular,
6 km a tile; the map's properties give the projection).

What happens in a step
----------------------
* Weather (each boat has its own weather: 1,000 boats are 1,000 seasons of
  luck). The mean wind follows the season: the north-west winter monsoon from
  ``monsoon_first_month`` to ``monsoon_last_month`` (with a month's ramp at
  each end), calmer southerly winds in summer. A day-to-day anomaly follows
  an AR(1) process; storms arrive as Poisson events (more in winter) and add
  wind for a random time. Waves (significant height) grow toward the sea
  the wind builds, with a time constant of ``wave_hours``: the smaller of
  the fully developed sea (Pierson-Moskowitz, Hs = wave_coeff * U^2 / g) and
  the fetch-limited one (JONSWAP, over ``wave_fetch_km`` of a closed sea),
  saturating smoothly at the record's ``wave_max_m`` (see ``_developed_wave``).
* Currents: a fixed vector field built from the map: the warm Tsushima
  Current runs north-east along Japan's coast (and its East Korea branch north
  along the Korean coast south of 39 N); the cold Liman Current runs
  south-west along the Russian and North Korean coast north of 40 N.
* The boat moves with its engine (``heading_deg``, ``throttle``: speed is a
  fraction of the hull speed, slowed by waves), plus the current and leeway
  (a fraction of the wind speed). Fuel burns with the cube of the throttle, so
  the fuel a kilometre costs grows with the square of the speed.
* The engine fails with a hazard that grows with its age and the waves, only
  while it runs; some failures can be fixed at sea (``repair``), the rest
  cannot. Fuel runs out.
* The hull takes damage when waves are high for the boat's length; the leak
  grows with the waves and the damage; the crew bails (``bail``). A boat that
  fills, capsizes in breaking seas or breaks up loses everyone aboard; a
  swamped wooden hull usually stays afloat and drifts on.
* The crew: water, food (``ration`` stretches them), cold (air temperature of
  the season, wind chill, wet), people lost overboard in heavy seas. The dead
  stay aboard until the sea or the survivors take them.
* Rescue: other boats of the fishing fleet near the banks, boats near the
  North Korean coast, and Japan's coast guard near Japan's coast, more likely
  when the crew signals (``signal``). A crew trying to leave that is picked up
  by North Korean boats is taken back.

The crew's fate and the boat's are separate: after the crew is rescued, lost
overboard or dead, the boat drifts on (``boat_x``/``boat_y`` in ``extra``)
until it reaches a shore, sinks, leaves the sea or time runs out. That is how
the Japan Coast Guard came to find mostly empty boats.

Outcomes (index = code)
-----------------------
``landed_alive``   the boat reached Japan's shore with someone alive aboard
``rescued_at_sea`` the crew was taken off by another ship
``ashore_dead``    the boat reached Japan's shore with only the dead aboard
``ashore_empty``   the boat reached Japan's shore with nobody aboard
``lost_at_sea``    the crew died or was lost and the boat did not reach Japan
``turned_back``    back on North Korea's coast (turned back, came home, or
                   taken back by North Korean boats)
``ashore_elsewhere`` the boat reached South Korea's or Russia's shore with
                   someone alive aboard

Actions (fields of ``default_action``; each a scalar or an array of n)
------------------------------------------------------------------------
``heading_deg`` compass course, 0 = north, 90 = east
``throttle``    0 = engine off .. 1 = full speed
``bail``        0/1: the crew bails (costs water and warmth)
``repair``      0/1: work on the engine (or patch the hull if the engine runs)
``ration``      0.3..1: share of a full daily ration of water and food
``signal``      0/1: lights, flags, shouting: makes a passing ship more likely to stop
``turn_back``   0/1: steer for home (overrides ``heading_deg``)
``in_port``     0/1: wait ashore for a weather window before setting out: the weather
                and the season go on, nothing else happens (the boat has not left)
``cover``       0/1: pass for a fishing boat while in North Korea's coastal waters:
                the coastal watch is less likely to stop the boat (``cover_watch_factor``),
                but a fishing boat keeps to a working pace (``cover_throttle``)
``fish``        0/1: a fishing crew works the grounds: the engine off, drifting under its lights,
                motoring back at a slow pace when the wind and current push it more than
                ``start_spread_km`` off (overrides the course and the engine; ``turn_back`` ends it)
``prep`` ashore (with ``in_port``), the day's task: 0 wait, 1 go over the engine, 2 buy fuel, 3 the papers
``evade``      a North Korean patrol in sight of a crossing: 1 lie dark, 2 run, 3 say the boat is fishing
``bribe``      0/1: held alongside a patrol (``in_sight`` 3), offer what the crew has
``tarp``       the tarpaulin: 0 stowed, 1 rigged as a sail (with the engine stopped, the boat sails
                within ``SAIL_ARC_DEG`` of downwind at ``sail_wind_share`` of the wind; half the hands
                that would work on the engine mind it), 2 spread to catch the rain of a storm
                (``rain_catch_per_day`` person-days of water a day of rain)
``put_out``    a crossing, as it leaves: 0 out past the guard post at the harbour's mouth (it stops a
                boat at ``harbour_post_stop``, less on a dark night, much less one with its papers:
                ``nk_permit_stop`` against ``nk_claim_stop``), 1 from a cove along the coast, with no post,
                the boat rowed out and its engine started only out of earshot (no way of its own for
                ``cove_row_hours``: more hours in the watched waters); -1 (the default: a record made before
                the question was asked, or a run of the model that does not say) neither: as the model
                had it before, out under power with no post to pass
``night``      a crossing's nights at sea (the second half of each day at sea, ``days`` mod 1 from 0.5): 0 as
                before (the crew's settings hold day and night), 1 motor on with a watch kept in turns (the boat
                makes its way; the crew tires, the more the more nights in a row: its work, bailing, repairs
                and the sail, goes at ``watch_work_share`` to the power of those nights, and it feels the cold
                ``watch_cold_c`` more for each, up to ``watch_nights_max`` nights), 2 stop the engine, lie to the
                sea anchor (bow to the sea, as hove to) and all sleep, dark, 3 the same with a lamp lit at the
                mast: ships come close ``lamp_seen_factor`` times as often (and the crew, woken, answers
                each). A night's sleep rests the crew. (No sleep while a ship is in sight or once the
                landfall is chosen.)
``storm_tactic`` in heavy weather: 0 hold the course (the seas come where they come),
                1 heave to (bow to the sea, the engine at ``heave_to_throttle``: breaking
                seas are less likely to roll the boat or sweep the deck,
                ``heave_to_capsize_factor``, but it makes no way), 2 run before the sea
                (downwind at the chosen throttle: ``run_capsize_factor``). Heaving to and
                running need the engine; outside a storm the course is the crew's.

Ships in sight: boats of the fishing fleet near the banks, North Korean boats and patrols
in the coastal waters, and Japan's coast guard near Japan's coast come close at the rates
``fleet_rescue_per_day``, ``nk_rescue_per_day`` and ``japan_rescue_per_day``; a ship that
comes into sight (``in_sight`` in ``extra``: -1 none, 0 the fleet, 1 a North Korean boat,
2 Japan's coast guard; the event ``ship_sighted``) stops for the boat in the next step if
the crew signals, or by chance (``unsignalled_factor``) if it does not: the crew decides,
knowing whose ship it is. ``trade`` (0/1): with a boat of the fleet in sight, trade for
``trade_fuel_kg`` of fuel; a crossing crew is found out and taken back unless it passes
for a fishing boat (then with the chance ``cover_watch_factor``). A crossing crew passing for
a fishing boat also draws the fleet's notice less (its boats come close at ``cover_watch_factor``
of their rate): the fleet works the banks and the lanes to the north-east ports.

``state.extra`` (arrays of n unless said): ``wind_u``, ``wind_v``,
``wind_ms``, ``wave_m``, ``storm`` (bool), ``current_u``, ``current_v`` (m/s
at the boat), ``fuel_kg``, ``water_days``/``food_days`` (days left at a full
ration for the living), ``hull`` (1 sound .. 0 broken), ``flood`` (0..1),
``engine_ok``, ``engine_running``, ``crew_alive``, ``crew_dead_aboard``,
``crew_size`` (int), ``swept_overboard`` (people lost to the waves so far),
``cold_days`` (days below comfort, easing when warm), ``air_c`` and ``felt_c`` (the air
and the felt temperature, degrees C), ``death_cause`` (index into ``DEATH_CAUSES``: what
killed people this step), ``days``, ``month_now``, ``lon``, ``lat``,
``boat_x``, ``boat_y``, ``boat_afloat``, ``boat_fate`` (index into
``BOAT_FATES``), ``crew_on_boat`` (bool), ``km_powered``, plus the static
fields ``current_u_field``/``current_v_field`` ((h, w) arrays, m/s).
Methods for the scene: ``forecast(state, days)``, ``wind_field(state, i)``,
``tile_of(lon, lat)``, ``lonlat_of(x, y)``.
"""

from __future__ import annotations

import math
from typing import Any, Mapping

import numpy as np

from ..i18n import N_
from .model import ONGOING, ParameterError, RiskModel, State

G = 9.81           # m/s^2
MS_TO_KMH = 3.6
KM_PER_DEG_LAT = 111.2
KM_PER_DEG_LON_EQ = 111.32

DEATH_CAUSES = ("none", "thirst", "hunger", "cold", "wreck")
(DEATH_NONE, DEATH_THIRST, DEATH_HUNGER, DEATH_COLD, DEATH_WRECK) = range(len(DEATH_CAUSES))

BOAT_FATES = ("afloat", "ashore_japan", "ashore_north_korea", "ashore_other", "sunk", "left_sea", "adrift_at_end")
(AFLOAT, ASHORE_JAPAN, ASHORE_NK, ASHORE_OTHER, SUNK, LEFT_SEA, ADRIFT_END) = range(len(BOAT_FATES))

PARAMETERS = (
    "month", "boat_length_m", "engine_age_years", "fuel_kg", "water_days", "food_days", "crew", "intent",
    "start_lon", "start_lat", "start_spread_km", "home_lon", "home_lat", "target_lon", "target_lat",
    "fishing_days", "auto_cruise_throttle",
    "monsoon_first_month", "monsoon_last_month", "wind_winter_ms", "wind_summer_ms",
    "wind_from_winter_deg", "wind_from_summer_deg", "wind_sd_ms", "wind_corr_days", "outbreak_days", "lull_days",
    "storm_rate_winter", "storm_rate_summer", "storm_wind_ms", "storm_hours",
    "wave_coeff", "wave_fetch_coeff", "wave_fetch_km", "wave_max_m", "wave_cap_sharpness", "wave_hours",
    "air_temp_winter_c", "air_temp_summer_c",
    "tsushima_ms", "tsushima_band_km", "east_korea_ms", "liman_ms", "liman_band_km",
    "hull_speed_kmh", "fuel_burn_kg_h", "fuel_ref_length_m", "speed_wave_loss", "leeway", "leeway_swamped",
    "engine_fail_per_day", "engine_age_factor", "engine_wave_factor", "engine_fixable", "repair_per_day",
    "repair_wave_m",
    "hull_safe_wave_ratio", "hull_damage_per_day", "hull_patch_per_day",
    "leak_per_day", "leak_wave_factor", "leak_damage_factor", "bail_per_person_day",
    "largest_wave_factor", "capsize_wave_ratio", "capsize_per_day", "drift_capsize_factor", "sink_when_swamped",
    "overboard_wave_ratio", "overboard_per_day",
    "water_min_ration", "thirst_grace_days", "thirst_hazard", "hunger_grace_days", "hunger_hazard",
    "comfort_temp_c", "cold_hazard", "cold_ramp_days", "wind_chill_c_per_ms", "wet_chill_c", "bail_wet_share", "bail_extra_need",
    "body_loss_per_day", "burial_per_day",
    "fleet_rescue_per_day", "fleet_radius_km", "nk_rescue_per_day", "nk_waters_km",
    "japan_rescue_per_day", "japan_patrol_km", "unsignalled_factor",
    "cover_watch_factor", "cover_throttle",
    "heave_to_capsize_factor", "run_capsize_factor", "heave_to_throttle", "trade_fuel_kg",
    "land_sighted_km",
    "person_kg", "water_kg_per_day", "food_kg_per_day", "load_capacity_kg", "overload_factor",
    "overhaul_days", "overhaul_effect", "market_fuel_kg_per_day", "permit_days", "report_per_day",
    "report_busy_factor", "moon_age_days", "moon_watch_factor", "nk_run_stop", "nk_claim_stop", "nk_permit_stop",
    "bribe_release", "sail_wind_share", "rain_catch_per_day",
    "surf_capsize_wave_m", "surf_drown_share", "harbour_detour_km", "harbour_post_stop", "cove_row_hours",
    "watch_work_share", "watch_cold_c", "watch_nights_max", "merchant_per_day", "merchant_stop", "lamp_seen_factor",
)

SYNODIC_DAYS = 29.53  # the moon's cycle, new moon to new moon (an astronomical constant)
DARK_MOON = 0.15      # a night is moonless when under this share of the moon's disc is lit
# Work ashore before leaving (the ``prep`` action, one task a day): 0 wait, 1 the engine, 2 fuel, 3 the papers.
# 4 wait for the night's weather (a boat may wait on alone while others have left).
PREP_WAIT, PREP_ENGINE, PREP_FUEL, PREP_PERMIT, PREP_WEATHER = range(5)
# Where a crossing puts out from (the ``put_out`` action): past the harbour's post, or a cove along the coast.
PUT_OUT_HARBOUR, PUT_OUT_COVE = range(2)
HELD_IN_HARBOUR = -2  # a boat's outcome while the others' step at sea passes it by (never kept)
# extras that are not one value per boat (whatever n is)
_NOT_PER_BOAT = frozenset({"wrecks", "current_u_field", "current_v_field"})
# Met by a North Korean boat on a crossing (the ``evade`` action): 0 as the signal says, 1 lie dark
# and drift, engine off, 2 run at full speed, 3 show the papers and say the boat is fishing.
EVADE_NONE, EVADE_DARK, EVADE_RUN, EVADE_CLAIM = range(4)
# A patrol that stops a crossing comes alongside (``in_sight`` 3) and holds it for a step: the crew
# offers what it has (the ``bribe`` action: told as how 4) or gives itself up (how 5).
PATROL_ALONGSIDE = 3
# A cargo ship crossing the sea (``in_sight`` 4): it heeds a signal with the chance ``merchant_stop`` (many pass)
# and takes the crew aboard, to land them at its next port. (A ship that radios Japan's coast guard instead is not
# modelled: the 2017 count leaves no room for it, docs/model.md.)
MERCHANT = 4
HELD_OFFERED, HELD_GAVE_UP = 4, 5
# The tarpaulin (the ``tarp`` action): stowed, a sail with the engine stopped, or spread for rain.
TARP_STOWED, TARP_SAIL, TARP_RAIN = range(3)
# Landfall (the ``landfall`` action, a crossing with Japan's coast in sight): 0 as before (the course
# the crew holds), 1 run in for a beach in the dark (the surf: ``surf_capsize_wave_m``), 2 head for a
# harbour's lights along the coast (``harbour_detour_km`` more under power, then in without surf),
# 3 stop the engine, signal and wait for Japan's coast guard (drifting meanwhile).
LANDFALL_NONE, LANDFALL_BEACH, LANDFALL_HARBOUR, LANDFALL_WAIT = range(4)
# The night at sea (the ``night`` action, a crossing): 0 as before, 1 motor on with a watch in turns (tired by
# day), 2 stop and all sleep, dark, 3 stop and all sleep with a lamp lit at the mast (seen from afar: ships come).
NIGHT_NONE, NIGHT_WATCH, NIGHT_SLEEP, NIGHT_LAMP = range(4)
SAIL_ARC_DEG = 60.0  # a square sail on a fishing boat's mast drives it no nearer the wind than this off downwind

# The automatic player's habits (its policy, not facts about the sea; see docs/model.md):
AUTO_SPEED_SHARE = 0.6              # it reckons on making 60% of its calm-water cruising speed
AUTO_WATER_MARGIN_DAYS = 3          # it rations when water would not last the days left plus 3
AUTO_WATER_MARGIN_HOME_DAYS = 2     # a fishing crew heads home with 2 days of water to spare
AUTO_FUEL_MARGIN = 1.3              # ... or with 30% more fuel than the trip home needs in calm water
AUTO_RATION = 0.6                   # the ration it cuts to
AUTO_BACK_TO_BANK = 0.4             # the share of its cruise it motors back onto the grounds at
AUTO_BAIL_FLOOD = 0.05              # it bails once a twentieth of the boat is full
AUTO_RUN_WITHIN_DEG = 60.0          # in a storm it runs before the sea if downwind is this near its way
AUTO_OVERHAUL_AGE = 10.0            # ashore, it goes over an engine at least this old before leaving
AUTO_FUEL_DAYS = 3.0                # ... buys fuel for at most 3 days when the tank will not reach Japan
AUTO_MOON_WAIT_DAYS = 7.0           # ... and waits for a moonless night when one is at most 7 days off
AUTO_WEATHER_DAYS = 3               # ... then waits, a day at a time, at most 3 days, while tonight's sea could
                                    # roll the boat over or a storm blows (each boat reads its own sky)
AUTO_BEACH_SEA = 0.25              # with Japan's coast in sight it runs in for a beach in seas under a quarter of
                                    # the surf_capsize_wave_m, makes for a harbour otherwise, signals and waits disabled
AUTO_WATCH_NIGHTS = 2              # a crossing stops for a night's sleep in the open sea after 2 nights of watches
AUTO_WAIT_SEA = 1.5                 # out of the watched waters a crossing heaves to and waits while the sea is
                                    # half as high again as the height that can roll its boat over (waiting out
                                    # every sea of that height, a winter crossing lands less: 66% against 72%)
# At sea, with the engine stopped, it rigs the tarpaulin as a sail when downwind lies within AUTO_RUN_WITHIN_DEG of its way, and any crew
# spreads it to catch a storm's rain.
# A fishing crew working the grounds (the ``fish`` action, the player's; the automatic player
# does the same by its own rule) motors back onto them at this share of its cruise:
FISH_BACK_TO_BANK = AUTO_BACK_TO_BANK
# When the crew takes stock and the game stops for a decision (telling, not figures of the world):
TELL_WATER_DAYS = 3.0               # water for less than 3 days at a full ration
TELL_FUEL_SHARE = 0.25              # a quarter of the fuel left
TELL_FIX_KM = 20.0                  # land or a ship puts the crew right by at least 20 km
TELL_DRY_FLOOD = 0.01               # a boat under a hundredth full is dry: bailing can stop
TELL_RISING_FLOOD = 0.15            # water rising past 15% in a boat nobody bails

_FIELD_CACHE: dict[tuple, dict[str, np.ndarray]] = {}


_ACTS: dict = {}  # (type, value, n) -> the read-only array of n a plain action value becomes


def _clip(a, lo, hi):
    """np.clip without its per-call overhead (this runs hundreds of times a step)."""
    return np.minimum(np.maximum(a, lo), hi)


def _circ_month_dist(a: np.ndarray | float, b: float) -> np.ndarray:
    """Signed distance in months from b to a on the 12-month circle (-6..6)."""
    return (np.asarray(a, float) - b + 6.0) % 12.0 - 6.0


_DISTANCE_CACHE: dict[tuple, np.ndarray] = {}


def _distance_tiles(mask: np.ndarray, limit: int) -> np.ndarray:
    """Approximate distance (tiles) to the nearest True cell; capped at ``limit``.

    Cached: every model made for the same map (the game's, each debrief
    re-run's) needs the same fields, and they take a while to grow."""
    key = (mask.shape, limit, mask.tobytes())
    if key not in _DISTANCE_CACHE:
        from .fieldcache import cached  # on disk too: built once, not at every start

        _DISTANCE_CACHE[key] = cached("distance", (mask, int(limit)), lambda: (_grow_distance(mask, limit),))[0]
    return _DISTANCE_CACHE[key]


def _grow_distance(mask: np.ndarray, limit: int) -> np.ndarray:
    big = float(limit) + 1.0
    d = np.where(mask, 0.0, big)
    diag = math.sqrt(2.0)
    for _ in range(limit):
        p = np.pad(d, 1, constant_values=big)
        cand = np.minimum.reduce([
            p[:-2, 1:-1] + 1, p[2:, 1:-1] + 1, p[1:-1, :-2] + 1, p[1:-1, 2:] + 1,
            p[:-2, :-2] + diag, p[:-2, 2:] + diag, p[2:, :-2] + diag, p[2:, 2:] + diag,
        ])
        new = np.minimum(d, cand)
        if np.array_equal(new, d):
            break
        d = new
    return d


class Model(RiskModel):
    id = "sea"
    outcomes = ("landed_alive", "rescued_at_sea", "ashore_dead", "ashore_empty", "lost_at_sea", "turned_back",
                "ashore_elsewhere")
    step_hours = 6.0
    max_steps = 480  # 120 days
    timeout_outcome = "lost_at_sea"
    map_properties = ("lon_west", "lat_north", "deg_lon_per_tile", "deg_lat_per_tile", "km_per_tile")
    default_action = {"heading_deg": 135.0, "throttle": 0.6, "bail": 1, "repair": 0, "ration": 1.0,
                      "signal": 0, "turn_back": 0, "cover": 0, "in_port": 0, "storm_tactic": 0, "trade": 0, "fish": 0,
                      "prep": 0, "evade": 0, "bribe": 0, "tarp": 0, "landfall": 0, "put_out": -1, "night": 0}
    action_limits = {"heading_deg": (-360.0, 720.0), "throttle": (0.0, 1.0), "bail": (0, 1), "repair": (0, 1),
                     "ration": (0.3, 1.0), "signal": (0, 1), "turn_back": (0, 1), "cover": (0, 1), "in_port": (0, 1),
                     "storm_tactic": (0, 2), "trade": (0, 1), "fish": (0, 1), "prep": (0, 4), "evade": (0, 3), "bribe": (0, 1),
                     "tarp": (0, 2), "landfall": (0, 3), "put_out": (-1, 1), "night": (0, 3)}
    risk_reasons = (
        N_("A storm raised waves over 6 m and the hull took water."),             # 0
        N_("Heavy seas strain the old engine; it may fail."),                     # 1
        N_("The engine has failed; the boat drifts with the wind and the current."),  # 2
        N_("The fuel has run out; the boat drifts."),                             # 3
        N_("The drinking water has run out."),                                    # 4
        N_("The food has run out; the crew grows weak."),                         # 5
        N_("The cold and the wet wear the crew down."),                           # 6
        N_("The boat is filling with water faster than the crew can bail."),      # 7
        N_("Breaking waves are high for so small a boat; it could capsize."),     # 8
        N_("The hull is breaking up."),                                           # 9
        N_("Waves sweep the deck; people can be washed overboard."),              # 10
        N_("The boat is filling with water, and nobody is bailing."),             # 11
    )
    (R_STORM, R_ENGINE_STRAIN, R_ENGINE_FAILED, R_NO_FUEL, R_NO_WATER, R_NO_FOOD, R_COLD, R_FLOOD, R_CAPSIZE,
     R_HULL, R_OVERBOARD, R_UNBAILED) = range(12)
    # What can happen on the way (State.emit); levels/sea/scenario.toml [events] tells each.
    event_codes = (
        "storm", "storm_over", "engine_failed", "engine_fixed", "fuel_out", "water_out", "food_out", "half_flooded",
        "swamped", "capsized", "broke_up", "overboard", "died", "all_lost", "fleet_took_home", "nk_took_back",
        "rescued_fleet", "rescued_korea", "rescued_japan", "landed_japan", "ashore_japan_dead", "ashore_japan_empty",
        "home_coast", "ashore_other", "sank", "left_sea", "left_nk_waters",
        "water_low", "fuel_low", "japan_near", "waited_ashore", "ship_sighted", "ship_passed", "heavy_seas",
        "seas_easing", "traded", "fishing_done", "grounds_ahead", "position_fixed", "boat_dry", "water_rising",
        "prep_day", "engine_overhauled", "permit_got", "reported_ashore", "rain", "rain_caught",
        "surf_capsized", "surf_rolled", "harbour_lights", "rescued_ship",
    )

    def __init__(self, params: Mapping[str, float], world: Any = None):
        super().__init__(params, world)
        missing = [p for p in PARAMETERS if p not in self.params]
        if missing:
            raise ValueError(f"sea model: missing parameters: {', '.join(missing)}")
        if world is None:
            # The sea is its map: the scenario's own, handed in (game.levels.model_for).
            raise ValueError("sea model: needs the scenario's map data (the sea, the coasts, the ports)")
        self.p = {k: float(v) for k, v in self.params.items()}
        self._setup_world(world)
        self._check_start()

    # Farther than this from the sea, a start position is on land: refused.
    START_LAND_KM = 10.0

    def _check_start(self) -> None:
        """Refuse a start the model cannot sail from: off the map, inland, or on
        water that does not open onto the Sea of Japan (e.g. the Pacific side
        of Japan, which the map shows only as a sliver)."""
        p = self.p
        x, y = (float(v) for v in self.tile_of(p["start_lon"], p["start_lat"]))
        here = f"start_lat={p['start_lat']:g}, start_lon={p['start_lon']:g}"
        if not (0.0 <= x < self.w and 0.0 <= y < self.h):
            lon0, lat0 = self.lonlat_of(0.0, float(self.h))
            lon1, lat1 = self.lonlat_of(float(self.w), 0.0)
            raise ParameterError(f"{here} is off the map, which covers {lat0:.2f}-{lat1:.2f} N and "
                                 f"{lon0:.2f}-{lon1:.2f} E")
        ix, iy = int(x), int(y)
        sx, sy = self._nearest_sea(x, y)
        lon, lat = self.lonlat_of(sx, sy)
        if not self.is_sea[iy, ix]:
            km = math.hypot((x - sx) * float(self._km_per_tile_x(p["start_lat"])), (y - sy) * self.km_tile)
            if km > self.START_LAND_KM:
                where = (self.country_names[self.country[iy, ix]] or "land").replace("_", " ")
                raise ParameterError(
                    f"{here} is on land ({where}), {km:.0f} km from the sea; a boat must start at sea "
                    f"or on a coast (the nearest sea is near {lat:.2f} N, {lon:.2f} E)")
        if not self._open_sea()[int(sy), int(sx)]:
            raise ParameterError(f"{here} is on water that does not open onto the Sea of Japan on this map")

    def _open_sea(self) -> np.ndarray:
        """The sea connected to the middle of the Sea of Japan (cached per map)."""
        key = ("open_sea", str(self.world.file), self.w, self.h)
        if key not in _FIELD_CACHE:
            seed = np.zeros_like(self.is_sea)
            sx, sy = self._nearest_sea(*(float(v) for v in self.tile_of(135.0, 40.0)))
            seed[int(sy), int(sx)] = True
            while True:  # grow through the sea, four neighbours at a time
                grown = seed.copy()
                grown[1:, :] |= seed[:-1, :]
                grown[:-1, :] |= seed[1:, :]
                grown[:, 1:] |= seed[:, :-1]
                grown[:, :-1] |= seed[:, 1:]
                grown &= self.is_sea
                if (grown == seed).all():
                    break
                seed = grown
            _FIELD_CACHE[key] = seed
        return _FIELD_CACHE[key]

    # ----------------------------------------------------------- the map
    def _setup_world(self, world) -> None:
        props = world.properties
        self.lon_west = float(props["lon_west"])
        self.lat_north = float(props["lat_north"])
        self.dlon = float(props["deg_lon_per_tile"])
        self.dlat = float(props["deg_lat_per_tile"])
        self.km_tile = float(props["km_per_tile"])
        self.h, self.w = world.height, world.width
        self.is_sea = world.prop("sea", 0.0) > 0.5
        codes, names = world.labels("country")
        self.country = codes
        self.country_names = names
        self.c_japan = names.index("japan")
        self.c_nk = names.index("north_korea")
        key = (str(world.file), world.width, world.height)
        dists = _FIELD_CACHE.get(key)
        if dists is None:
            dists = self._distances(names)
            _FIELD_CACHE.clear()
            _FIELD_CACHE[key] = dists
        fields = dict(dists)
        fields.update(self._currents(dists))
        self.d_japan_km = fields["d_japan"]
        self.d_nk_km = fields["d_nk"]
        self.d_bank_km = fields["d_bank"]
        self.d_grounds_km = fields["d_grounds"]
        # Any coast at all (from which land can be seen and the crew knows where it is).
        self.d_land_km = np.minimum(fields["d_japan"], np.minimum(fields["d_mainland_n"], fields["d_korea"]))
        # Unit vectors (east, north) pointing to the nearest stretch of Japan's coast.
        gy, gx = np.gradient(self.d_japan_km)
        norm = np.hypot(gx, gy) + 1e-9
        self.to_japan_e, self.to_japan_n = -gx / norm, gy / norm
        self.current_u = fields["u"]
        self.current_v = fields["v"]
        # The banks' middles (tiles), where the fleet's lights are thickest (a morning's course).
        self.bank_xy = [(float(o.x), float(o.y)) for o in world.objects if o.kind == "bank"]
        self._japan_coast: tuple[np.ndarray, np.ndarray] | None = None
        ys = np.arange(self.h) + 0.5
        self.lat_of_row = self.lat_north - ys * self.dlat

    def _distances(self, names: list[str]) -> dict[str, np.ndarray]:
        """Distance fields (km) from the map; they depend on the map only, so they are cached."""
        land = ~self.is_sea
        c = self.country
        lim = int(600 / self.km_tile)

        def dist(mask):
            return _distance_tiles(mask, lim) * self.km_tile

        def of(*countries):
            return land & np.isin(c, [names.index(n) for n in countries if n in names])

        kinds, knames = self.world.labels("kind")
        bank = kinds == knames.index("bank") if "bank" in knames else np.zeros_like(land)
        # The fleet's lane: boats go to and fro between the banks and the north-east ports,
        # so the sea along the straight line from each bank to each port is busy too.
        lane = bank.copy()
        banks = [o for o in self.world.objects if o.kind == "bank"]
        ports = [o for o in self.world.objects if o.kind == "port"]
        for b in banks:
            for q in ports:
                steps = int(max(abs(q.x - b.x), abs(q.y - b.y)) * 2) + 1
                t = np.linspace(0.0, 1.0, steps)
                lx = np.clip((b.x + t * (q.x - b.x)).astype(int), 0, self.w - 1)
                ly = np.clip((b.y + t * (q.y - b.y)).astype(int), 0, self.h - 1)
                lane[ly, lx] = True
        lane &= self.is_sea
        return {
            "d_japan": dist(of("japan")),
            "d_nk": dist(of("north_korea")),
            "d_mainland_n": dist(of("north_korea", "russia", "china")),
            "d_korea": dist(of("north_korea", "south_korea")),
            # The fishing grounds and the lanes to them: distance to the nearest bank or lane tile.
            "d_bank": dist(bank | lane),
            # The banks alone, where the fleet works (a crossing boat is told when they lie near).
            "d_grounds": dist(bank),
        }

    def _currents(self, d: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """The current field (u east, v north; m/s) on the tile grid."""
        p = self.p
        ys, _ = np.mgrid[0:self.h, 0:self.w]
        lat = self.lat_north - (ys + 0.5) * self.dlat

        def along(dist: np.ndarray, clockwise: bool) -> tuple[np.ndarray, np.ndarray]:
            gy, gx = np.gradient(dist)
            g_e, g_n = gx, -gy  # rows run south
            norm = np.hypot(g_e, g_n) + 1e-9
            g_e, g_n = g_e / norm, g_n / norm
            return (g_n, -g_e) if clockwise else (-g_n, g_e)

        # Tsushima Current: north-east along Japan's coast (coast on the right).
        te, tn = along(d["d_japan"], clockwise=True)
        ts = p["tsushima_ms"] * np.exp(-d["d_japan"] / p["tsushima_band_km"])
        # East Korea Warm Current: north along Korea's coast (coast on the left), fading out near 39 N.
        ke, kn = along(d["d_korea"], clockwise=False)
        ks = p["east_korea_ms"] * np.exp(-d["d_korea"] / p["tsushima_band_km"]) * _clip(39.5 - lat, 0, 1)
        # Liman Current: south-west along the Russian and North Korean coast (coast on the right), north of 40 N.
        le, ln = along(d["d_mainland_n"], clockwise=True)
        ls = p["liman_ms"] * np.exp(-d["d_mainland_n"] / p["liman_band_km"]) * _clip((lat - 39.5) / 1.5, 0, 1)
        sea = self.is_sea
        u = np.where(sea, ts * te + ks * ke + ls * le, 0.0)
        v = np.where(sea, ts * tn + ks * kn + ls * ln, 0.0)
        return {"u": u, "v": v}

    def tile_of(self, lon, lat):
        return (np.asarray(lon, float) - self.lon_west) / self.dlon, (self.lat_north - np.asarray(lat, float)) / self.dlat

    def lonlat_of(self, x, y):
        return self.lon_west + np.asarray(x, float) * self.dlon, self.lat_north - np.asarray(y, float) * self.dlat

    def _km_per_tile_x(self, lat):
        # Tiles are km_tile wide at the reference latitude; east-west kilometres shrink with cos(lat).
        ref = float(self.world.properties.get("ref_lat", 40.0))
        return self.km_tile * np.cos(np.radians(lat)) / math.cos(math.radians(ref))

    def _cells(self, x, y):
        x = np.asarray(x, float)
        y = np.asarray(y, float)
        inside = (x >= 0) & (x < self.w) & (y >= 0) & (y < self.h)
        ix = np.minimum(np.maximum(x, 0), self.w - 1).astype(np.int64)
        iy = np.minimum(np.maximum(y, 0), self.h - 1).astype(np.int64)
        return ix, iy, inside

    def _nearest_sea(self, x: float, y: float) -> tuple[float, float]:
        ix, iy = int(_clip(x, 0, self.w - 1)), int(_clip(y, 0, self.h - 1))
        if self.is_sea[iy, ix]:
            return x, y
        sy, sx = np.nonzero(self.is_sea)
        k = int(np.argmin((sx - ix) ** 2 + (sy - iy) ** 2))
        return sx[k] + 0.5, sy[k] + 0.5

    def _bearing_to(self, x, y, lon_t: float, lat_t: float):
        lon, lat = self.lonlat_of(x, y)
        north = (lat_t - lat) * KM_PER_DEG_LAT
        east = (lon_t - lon) * KM_PER_DEG_LON_EQ * np.cos(np.radians(0.5 * (lat + lat_t)))
        return np.degrees(np.arctan2(east, north)) % 360.0, np.hypot(east, north)

    # ----------------------------------------------------------- weather
    def _season(self, month_now):
        """0 (summer) .. 1 (monsoon): a month's linear ramp around each end of the season."""
        p = self.p
        first, last = p["monsoon_first_month"], p["monsoon_last_month"]
        mid = (first + ((last - first) % 12.0 + 1.0) / 2.0)
        half = ((last - first) % 12.0 + 1.0) / 2.0  # months from the middle to the end of the season
        # month_now counts from 1.0 = 1 January; month m spans [m, m+1).
        dist = np.abs(_circ_month_dist(month_now, mid))
        return _clip(half + 0.5 - dist, 0.0, 1.0)

    def _mean_wind(self, month_now, outbreak):
        """The wind the weather swings around: the monsoon's in an outbreak, else a lighter breeze.

        In the monsoon season cold-air outbreaks (``wind_winter_ms`` from the
        north-west) alternate with lulls; in a lull, and all summer, the mean
        wind is ``wind_summer_ms`` from a direction between the two seasons'.
        """
        p = self.p
        s = self._season(month_now)
        fw, fs = math.radians(p["wind_from_winter_deg"]), math.radians(p["wind_from_summer_deg"])
        # The wind blows FROM the given compass direction; blend directions as vectors.
        ex = s * -math.sin(fw) + (1 - s) * -math.sin(fs)
        ny = s * -math.cos(fw) + (1 - s) * -math.cos(fs)
        norm = np.hypot(ex, ny) + 1e-9
        lull_u, lull_v = p["wind_summer_ms"] * ex / norm, p["wind_summer_ms"] * ny / norm
        mon_u, mon_v = p["wind_winter_ms"] * -math.sin(fw), p["wind_winter_ms"] * -math.cos(fw)
        return np.where(outbreak, mon_u, lull_u), np.where(outbreak, mon_v, lull_v), s

    def _air_temp(self, month_now):
        # Coldest around 1 February, warmest around 1 August (a cosine between the two).
        p = self.p
        mid = 0.5 * (p["air_temp_winter_c"] + p["air_temp_summer_c"])
        amp = 0.5 * (p["air_temp_summer_c"] - p["air_temp_winter_c"])
        return mid - amp * np.cos(2 * math.pi * (np.asarray(month_now) - 2.0) / 12.0)

    def _felt_temp(self, month_now, wind_ms, wet):
        """Felt temperature (C): the air of the season, less the wind chill and how wet the crew is (0..1)."""
        p = self.p
        return self._air_temp(month_now) - p["wind_chill_c_per_ms"] * wind_ms - p["wet_chill_c"] * wet

    def _developed_wave(self, wind_ms):
        """Significant wave height (m) the sea builds toward under a steady wind.

        The smaller of the fully developed sea (Pierson-Moskowitz,
        ``wave_coeff`` U^2/g) and the fetch-limited sea (JONSWAP,
        ``wave_fetch_coeff`` U^2/g sqrt(g F / U^2), F = ``wave_fetch_km``):
        the Sea of Japan is closed, and strong winds run out of sea before the
        waves are fully grown. The result saturates smoothly at the record's
        ``wave_max_m``: H = Hmax tanh((H / Hmax)^k)^(1/k), k =
        ``wave_cap_sharpness`` (k = 1 is a plain tanh; a larger k leaves
        ordinary seas as they are and bends only the highest toward the cap).
        """
        p = self.p
        u = np.asarray(wind_ms, float)
        developed = p["wave_coeff"] * u ** 2 / G
        fetch_limited = p["wave_fetch_coeff"] * u * math.sqrt(p["wave_fetch_km"] * 1000.0 / G)
        h = np.minimum(developed, fetch_limited)
        k = p["wave_cap_sharpness"]
        return p["wave_max_m"] * np.tanh((h / p["wave_max_m"]) ** k) ** (1.0 / k)

    def _weather_step(self, month_now, w: dict, z_u, z_v, u_storm, u_dur, u_regime, dt):
        """Advance the weather of any number of boats (or forecast members) by dt hours.

        ``w`` holds arrays anom_u, anom_v, storm_left, outbreak, wave_m and is
        updated in place; wind_u, wind_v, wind_ms and storm are set.
        """
        p = self.p
        s = self._season(month_now)
        # Monsoon outbreaks begin (in season) and end at random.
        p_start = s * (1 - math.exp(-dt / (24.0 * p["lull_days"])))
        p_end = 1 - math.exp(-dt / (24.0 * p["outbreak_days"]))
        ob = w["outbreak"]
        w["outbreak"] = np.where(ob, u_regime >= p_end, u_regime < p_start)
        mu, mv, _ = self._mean_wind(month_now, w["outbreak"])
        rho = math.exp(-dt / (24.0 * p["wind_corr_days"]))
        sd = p["wind_sd_ms"] * math.sqrt(1 - rho * rho)
        w["anom_u"] = rho * w["anom_u"] + sd * z_u
        w["anom_v"] = rho * w["anom_v"] + sd * z_v
        rate = (p["storm_rate_summer"] + s * (p["storm_rate_winter"] - p["storm_rate_summer"])) / (30.0 * 24.0)
        sl = w["storm_left"]
        starts = (sl <= 0) & (u_storm < 1 - np.exp(-rate * dt))
        # Storm length: exponential with mean storm_hours (from a uniform draw).
        dur = -p["storm_hours"] * np.log1p(-_clip(u_dur, 0, 1 - 1e-12))
        w["storm_left"] = np.where(starts, dur, np.maximum(sl - dt, 0.0))
        wu, wv = mu + w["anom_u"], mv + w["anom_v"]
        speed = np.hypot(wu, wv) + 1e-9
        storm = w["storm_left"] > 0
        boost = np.where(storm, p["storm_wind_ms"], 0.0)
        w["wind_u"] = wu * (speed + boost) / speed
        w["wind_v"] = wv * (speed + boost) / speed
        w["wind_ms"] = speed + boost
        w["storm"] = storm
        target = self._developed_wave(w["wind_ms"])
        w["wave_m"] = target + (w["wave_m"] - target) * math.exp(-dt / p["wave_hours"])
        return w

    # ----------------------------------------------------------- start
    def start(self, n: int, rng: np.random.Generator) -> State:
        p = self.p
        x0, y0 = self.tile_of(p["start_lon"], p["start_lat"])
        x0, y0 = self._nearest_sea(float(x0), float(y0))
        state = State.empty(n, x0, y0)
        # Spread the boats (a fishing fleet is spread over the bank).
        r = p["start_spread_km"] * np.sqrt(rng.random(n))
        a = 2 * math.pi * rng.random(n)
        lat0 = self.lonlat_of(x0, y0)[1]
        xs = x0 + r * np.sin(a) / self._km_per_tile_x(lat0)
        ys = y0 - r * np.cos(a) / self.km_tile
        ix, iy, inside = self._cells(xs, ys)
        ok = inside & self.is_sea[iy, ix]
        state.x = np.where(ok, xs, x0)
        state.y = np.where(ok, ys, y0)
        cmax = max(1, int(round(p["crew"])))
        # Start in a weather state drawn from the process's own spread.
        season = self._season(p["month"])
        share = season * p["outbreak_days"] / (season * p["outbreak_days"] + p["lull_days"])
        outbreak = rng.random(n) < share
        mu, mv, _ = self._mean_wind(p["month"], outbreak)
        au = p["wind_sd_ms"] * rng.standard_normal(n)
        av = p["wind_sd_ms"] * rng.standard_normal(n)
        wu, wv = mu + au, mv + av
        speed = np.hypot(wu, wv)
        e = state.extra
        e.update(
            crew_size=cmax,
            alive=np.ones((n, cmax), bool),
            aboard=np.ones((n, cmax), bool),
            anom_u=au, anom_v=av, storm_left=np.zeros(n), outbreak=outbreak,
            wave_m=self._developed_wave(speed),
            wind_u=wu, wind_v=wv, wind_ms=speed, storm=np.zeros(n, bool),
            fuel_kg=np.full(n, p["fuel_kg"]),
            water=np.full(n, p["water_days"] * cmax),  # person-days at a full ration
            food=np.full(n, p["food_days"] * cmax),
            dry_days=np.zeros(n), hungry_days=np.zeros(n), cold_days=np.zeros(n), swept_overboard=np.zeros(n, np.int64), death_cause=np.zeros(n, np.int8),
            air_c=np.full(n, float(self._air_temp(p["month"]))), felt_c=self._felt_temp(p["month"], speed, 0.0),
            hull=np.ones(n), flood=np.zeros(n),
            engine_ok=np.ones(n, bool), engine_fixable=np.ones(n, bool), engine_running=np.zeros(n, bool),
            boat_x=state.x.copy(), boat_y=state.y.copy(),
            boat_afloat=np.ones(n, bool), boat_fate=np.zeros(n, np.int8),
            crew_on_boat=np.ones(n, bool), arrived_with=np.full(n, -1, np.int8), rescued_by=np.full(n, -1, np.int8),
            bodies_on_arrival=np.zeros(n, np.int64),
            days=np.zeros(n), km_powered=np.zeros(n), km_sailed=np.zeros(n), rain_caught=np.zeros(n),
            current_u_field=self.current_u, current_v_field=self.current_v,
        )
        ix, iy, _ = self._cells(state.x, state.y)
        e["was_out"] = self.d_nk_km[iy, ix] >= p["nk_waters_km"]  # out of the coastal watch's waters
        e["port_steps"] = 0  # steps every boat waited ashore together before setting out (the in_port action)
        # Each boat's own steps ashore: after the common days, a boat may wait on for its own night's
        # weather (``prep`` PREP_WEATHER) while others have left; ``in_harbour`` until it sets out.
        e["harbour_steps"] = np.zeros(n, np.int64)
        e["weather_steps"] = np.zeros(n, np.int64)  # of which waited for the weather
        e["in_harbour"] = np.ones(n, bool)
        e["told"] = np.zeros(n, np.int8)  # moments already told (_take_stock's bits)
        e["in_sight"] = np.full(n, -1, np.int8)  # whose ship is in sight (-1 none, 0 fleet, 1 North Korean, 2 Japan)
        # Without GPS the crew knows its position only by reckoning: the compass course and the
        # engine's way, from the last time land was in sight. The wind's leeway and the current
        # carry the boat off it unseen; ``drift_km`` is how far they could have (the crew's doubt).
        e["est_x"], e["est_y"] = e["boat_x"].copy(), e["boat_y"].copy()
        e["drift_km"] = np.zeros(n)
        e["reckon_km"] = np.zeros(n)  # how far the reckoning is off (the model knows; the crew does not)
        # Ashore before leaving: days spent on the engine, fuel bought, days of rounds for the papers.
        e["overhaul"], e["bought_kg"], e["permit_days"] = np.zeros(n), np.zeros(n), np.zeros(n)
        e["permit"] = np.zeros(n, bool)
        # Making for a harbour's lights: the km still to go along the coast before turning in.
        e["harbour_km"] = np.full(n, p["harbour_detour_km"])
        e["rowing_out"] = np.zeros(n, np.int64)  # steps still to row out of a cove, the engine silent
        e["tired"] = np.zeros(n)  # nights in a row the crew kept a watch in turns (the ``night`` action)
        self._derived(state)
        return state

    def _ashore(self, state: State, prep: np.ndarray, u_report: np.ndarray, dd: float,
                ashore: np.ndarray | None = None) -> None:
        """A step ashore before leaving (for the boats in ``ashore``, all by default): the work of
        the day (``prep``), and the risk of being reported."""
        p, e = self.p, state.extra
        waiting = state.active if ashore is None else state.active & ashore
        day = (e["harbour_steps"] * self.step_hours) % 24.0 == 0.0  # told once for each day ashore
        state.emit("waited_ashore", waiting & (prep == PREP_WAIT) & day)
        state.emit("prep_day", waiting & (prep != PREP_WAIT) & day, task=prep.astype(np.int64),
                   kg=round(p["market_fuel_kg_per_day"]))
        e["harbour_steps"] = e["harbour_steps"] + waiting
        e["weather_steps"] = e["weather_steps"] + (waiting & (prep == PREP_WEATHER))
        if p["intent"] < 0.5:
            return  # a fishing crew is at sea already: nothing ashore to do or to fear
        engine = waiting & (prep == PREP_ENGINE)
        fuel = waiting & (prep == PREP_FUEL)
        papers = waiting & (prep == PREP_PERMIT)
        was_overhauled = e["overhaul"] >= p["overhaul_days"]
        e["overhaul"] = e["overhaul"] + engine * dd
        state.emit("engine_overhauled", engine & ~was_overhauled & (e["overhaul"] >= p["overhaul_days"] - 1e-9))
        e["fuel_kg"] = e["fuel_kg"] + fuel * p["market_fuel_kg_per_day"] * dd
        e["bought_kg"] = e["bought_kg"] + fuel * p["market_fuel_kg_per_day"] * dd
        had = e["permit"]
        e["permit_days"] = e["permit_days"] + papers * dd
        e["permit"] = had | (e["permit_days"] >= p["permit_days"] - 1e-9)
        state.emit("permit_got", papers & ~had & e["permit"])
        # Buying fuel in quantity and going from office to office draw more eyes than waiting.
        rate = p["report_per_day"] * np.where(fuel | papers, p["report_busy_factor"], 1.0)
        reported = waiting & (u_report < 1 - np.exp(-rate * dd))
        state.emit("reported_ashore", reported)
        state.finish(reported, self.code("turned_back"))
        e["crew_on_boat"] = e["crew_on_boat"] & ~reported
        e["boat_afloat"] = e["boat_afloat"] & ~reported  # the boat stays in the harbour
        e["boat_fate"] = np.where(reported, ASHORE_NK, e["boat_fate"]).astype(np.int8)

    def _put_out(self, state: State, leaving: np.ndarray, where: np.ndarray, u_post: np.ndarray) -> None:
        """A crossing leaves: out past the harbour's guard post (``put_out`` 0), which may stop it (the
        moon and the papers decide how likely), or from a cove along the coast (1), rowed out with the
        engine silent until out of earshot (``rowing_out``: the steps of ``cove_row_hours`` left, in which the
        boat makes no way of its own: more hours in the watched waters)."""
        p, e = self.p, state.extra
        moon = p["moon_watch_factor"] + (1 - p["moon_watch_factor"]) * self.moonlight(state)
        papers = np.where(e["permit"], p["nk_permit_stop"] / max(p["nk_claim_stop"], 1e-9), 1.0)
        harbour = leaving & (where == PUT_OUT_HARBOUR)
        stopped = harbour & (u_post < p["harbour_post_stop"] * moon * papers)
        state.emit("put_out", leaving & ~stopped, where=where.astype(np.int64))
        state.emit("harbour_post_stopped", stopped)
        state.finish(stopped, self.code("turned_back"))
        e["crew_on_boat"] = e["crew_on_boat"] & ~stopped
        e["boat_afloat"] = e["boat_afloat"] & ~stopped  # the boat stays in the harbour
        e["boat_fate"] = np.where(stopped, ASHORE_NK, e["boat_fate"]).astype(np.int8)
        e["rescued_by"] = np.where(stopped, 0, e["rescued_by"]).astype(np.int8)
        rows = int(round(p["cove_row_hours"] / self.step_hours))
        e["rowing_out"] = np.where(leaving & (where == PUT_OUT_COVE) & ~stopped, rows, e["rowing_out"])

    def moonlight(self, state: State) -> np.ndarray:
        """The share of the moon's disc lit tonight (0 new moon .. 1 full), for each boat."""
        age = (self.p["moon_age_days"] + state.hours / 24.0) % SYNODIC_DAYS
        return 0.5 * (1.0 - np.cos(2.0 * math.pi * age / SYNODIC_DAYS))

    def ashore_steps(self, state: State) -> int | None:
        """A crossing's steps ashore before the boat put out (the play counts its days at sea from
        there); a fishing crew is at sea from the start."""
        return int(state.extra["port_steps"]) if self.p["intent"] >= 0.5 else None

    def days_to_dark(self, state: State, i: int = 0) -> float:
        """Days from now to the next moonless night for boat ``i`` (0 if tonight is one)."""
        age = (self.p["moon_age_days"] + float(state.hours[i]) / 24.0) % SYNODIC_DAYS
        dark_age = math.acos(1.0 - 2.0 * DARK_MOON) * SYNODIC_DAYS / (2.0 * math.pi)  # age at which it is that lit
        if age <= dark_age or age >= SYNODIC_DAYS - dark_age:
            return 0.0
        return math.ceil(SYNODIC_DAYS - dark_age - age)

    def _derived(self, state: State) -> None:
        e = state.extra
        alive = e["alive"].sum(axis=1)
        e["crew_alive"] = alive
        e["crew_dead_aboard"] = (e["aboard"] & ~e["alive"]).sum(axis=1)
        safe = np.maximum(alive, 1)
        e["water_days"] = np.where(alive > 0, e["water"] / safe, 0.0)
        e["food_days"] = np.where(alive > 0, e["food"] / safe, 0.0)
        lon, lat = self.lonlat_of(e["boat_x"], e["boat_y"])
        e["lon"], e["lat"] = lon, lat
        e["month_now"] = self._month_now(state)
        ix, iy, _ = self._cells(e["boat_x"], e["boat_y"])
        e["current_u"] = self.current_u[iy, ix]
        e["current_v"] = self.current_v[iy, ix]

    def _month_now(self, state: State) -> float:
        return self.p["month"] + state.step * self.step_hours / 24.0 / 30.44

    # ----------------------------------------------------------- step
    def step(self, state: State, action: Mapping[str, Any], rng: np.random.Generator) -> None:
        p, e, n = self.p, state.extra, state.n
        dt = self.step_hours
        dd = dt / 24.0
        cmax = e["crew_size"]

        # All the random numbers of this step, for every boat.
        z = rng.standard_normal((n, 2))
        u = rng.random((n, 12))
        u_person = rng.random((n, cmax, 3))

        def act(name: str) -> np.ndarray:
            value = action.get(name, self.default_action[name])
            if type(value) is np.ndarray and value.dtype == np.float64 and value.shape == (n,):
                return value  # already what it would become
            if type(value) in (float, int, bool):  # a plain value: the same array each step
                key = (type(value), value, n)
                arr = _ACTS.get(key)
                if arr is None:
                    if len(_ACTS) > 4096:
                        _ACTS.clear()
                    arr = _ACTS[key] = np.broadcast_to(np.asarray(value, float), (n,))
                return arr
            return np.broadcast_to(np.asarray(value, float), (n,))

        month_now = self._month_now(state)
        before = {k: e[k].copy() for k in ("storm", "fuel_kg", "water", "food", "flood", "engine_ok", "wave_m")}
        # --- weather
        self._weather_step(month_now, e, z[:, 0], z[:, 1], u[:, 0], u[:, 1], u[:, 9], dt)
        wave, wind = e["wave_m"], e["wind_ms"]
        in_port = e["in_harbour"] & (act("in_port") > 0.5) & state.active
        if in_port.any() and bool(np.all(in_port | ~state.active)):
            # Still ashore: the weather and the season move on, and the crew can go over the engine,
            # buy fuel or get the boat's papers stamped (``prep``). Each day ashore is a day in which
            # someone may talk. (Only before the first step at sea; every random number is drawn above.)
            self._ashore(state, np.rint(act("prep")), u[:, 10], dd)
            e["port_steps"] += 1
            state.hours = state.hours + dt
            e["days"] = np.zeros(n)
            e["air_c"] = np.full(n, float(self._air_temp(self._month_now(state))))
            self._derived(state)
            return
        leaving = e["in_harbour"] & ~in_port & state.active
        e["in_harbour"] = in_port  # the others set out now
        if p["intent"] >= 0.5 and leaving.any():
            self._put_out(state, leaving, np.rint(act("put_out")), u[:, 11])
        if not in_port.any():
            self._at_sea(state, act, u, u_person, month_now, before)
            return
        # Some boats wait on in the harbour for their own weather while the others set out: the
        # step at sea leaves them as they were (only their weather moves on), then they spend it ashore.
        keep = {k: v.copy() for k, v in e.items()
                if isinstance(v, np.ndarray) and v.ndim >= 1 and v.shape[0] == n and k not in _NOT_PER_BOAT}
        kept = (state.x.copy(), state.y.copy(), state.risk.copy(), state.reason.copy(), state.outcome.copy())
        state.outcome[in_port] = HELD_IN_HARBOUR  # not going: no event, no outcome, no move
        self._at_sea(state, act, u, u_person, month_now, before)
        for k, v in keep.items():
            e[k] = np.where(in_port.reshape((n,) + (1,) * (v.ndim - 1)), v, e[k])
        state.x, state.y, state.risk, state.reason = (np.where(in_port, a, b) for a, b in zip(kept[:4], (
            state.x, state.y, state.risk, state.reason)))
        state.outcome = np.where(in_port, kept[4], state.outcome).astype(kept[4].dtype)
        state.hours = np.where(in_port, state.hours + dt, state.hours)
        self._ashore(state, np.rint(act("prep")), u[:, 10], dd, in_port)
        e["days"] = np.where(in_port, 0.0, e["days"])

    def _at_sea(self, state: State, act, u: np.ndarray, u_person: np.ndarray, month_now: float,
                before: dict[str, np.ndarray]) -> None:
        """A step at sea for every boat that has set out (the rest of ``step``)."""
        p, e, n = self.p, state.extra, state.n
        dt = self.step_hours
        dd = dt / 24.0
        cmax = e["crew_size"]
        wave, wind = e["wave_m"], e["wind_ms"]
        alive = e["alive"]
        n_alive = alive.sum(axis=1)
        crewed = (n_alive > 0) & e["crew_on_boat"]
        afloat = e["boat_afloat"]
        going = state.active

        # --- the crew's choices (only a crewed boat has any)
        throttle = _clip(act("throttle"), 0.0, 1.0)
        cover = act("cover") > 0.5
        throttle = np.where(cover, np.minimum(throttle, p["cover_throttle"]), throttle)
        heading = act("heading_deg")
        home_bearing, _ = self._bearing_to(e["boat_x"], e["boat_y"], p["home_lon"], p["home_lat"])
        heading = np.where(act("turn_back") > 0.5, home_bearing, heading)
        # A fishing crew working the grounds drifts under its lights and motors back onto them
        # when pushed off (turning for home ends it).
        fishing = (act("fish") > 0.5) & (act("turn_back") <= 0.5) & (p["intent"] < 0.5)
        if fishing.any():
            bank_b, bank_off = self._bearing_to(e["boat_x"], e["boat_y"], p["start_lon"], p["start_lat"])
            back = FISH_BACK_TO_BANK * p["auto_cruise_throttle"]
            heading = np.where(fishing, bank_b, heading)
            throttle = np.where(fishing, np.where(bank_off > p["start_spread_km"], back, 0.0), throttle)
        # A North Korean boat in sight of a crossing: lie dark with the engine off, or run at full speed.
        evade = np.rint(act("evade"))
        patrol = (e["in_sight"] == 1) & (p["intent"] >= 0.5)
        throttle = np.where(patrol & (evade == EVADE_DARK), 0.0, np.where(patrol & (evade == EVADE_RUN), 1.0, throttle))
        throttle = np.where(e["in_sight"] == PATROL_ALONGSIDE, 0.0, throttle)  # held alongside a patrol
        # Rowed out of a cove: the engine is started only out of earshot (cove_row_hours).
        throttle = np.where(e["rowing_out"] > 0, 0.0, throttle)
        # Landfall, with Japan's coast in sight (a crossing): run in for the nearest beach at full
        # speed; coast along the shore (with the current, north-east) to a harbour's lights, then in;
        # or stop the engine and signal for Japan's coast guard.
        landfall = np.where(crewed & (p["intent"] >= 0.5), np.rint(act("landfall")), LANDFALL_NONE)
        lix, liy, _ = self._cells(e["boat_x"], e["boat_y"])
        shore = np.degrees(np.arctan2(self.to_japan_e[liy, lix], self.to_japan_n[liy, lix])) % 360.0
        along = np.where(np.abs(((shore + 90.0) - 45.0 + 180.0) % 360.0 - 180.0)
                         <= np.abs(((shore - 90.0) - 45.0 + 180.0) % 360.0 - 180.0), shore + 90.0, shore - 90.0) % 360.0
        beach = landfall == LANDFALL_BEACH
        coasting = (landfall == LANDFALL_HARBOUR) & (e["harbour_km"] > 0)
        into_harbour = (landfall == LANDFALL_HARBOUR) & ~coasting
        waiting = landfall == LANDFALL_WAIT
        heading = np.where(beach | into_harbour, shore, np.where(coasting, along, heading))
        throttle = np.where(beach, 1.0, np.where(waiting, 0.0, throttle))
        # In heavy weather: heave to (bow to the sea, bare steerage way) or run before it (downwind).
        tactic = np.rint(act("storm_tactic"))
        heave = crewed & (tactic == 1)
        run = crewed & (tactic == 2)
        wind_from = np.degrees(np.arctan2(-e["wind_u"], -e["wind_v"])) % 360.0
        heading = np.where(heave, wind_from, np.where(run, (wind_from + 180.0) % 360.0, heading))
        throttle = np.where(heave, p["heave_to_throttle"], throttle)
        # The night (a crossing's, the second half of each day at sea): stopped, lying to the sea anchor
        # (bow to the sea, as hove to without the engine), everyone asleep; or a watch in turns, the boat
        # motoring on. A lamp lit at the mast shows the boat to any ship that comes close: it stops.
        night_mode = np.rint(act("night"))
        at_night = crewed & (p["intent"] >= 0.5) & ((e["days"] % 1.0) >= 0.5 - 1e-9)
        # (not while a ship is in sight, whose question wakes the crew, nor once it makes its landfall)
        asleep = at_night & (night_mode >= NIGHT_SLEEP) & (e["in_sight"] < 0) & (landfall == LANDFALL_NONE)
        heave = heave | asleep
        throttle = np.where(asleep, 0.0, throttle)
        bail = (act("bail") > 0.5) & crewed
        repair = (act("repair") > 0.5) & crewed
        ration = _clip(act("ration"), 0.3, 1.0)
        signal = ((act("signal") > 0.5) | waiting) & crewed
        # A lamp at the mast is seen from far off: ships come close more often (what the crew then does is its
        # answer to the ship in sight).
        lamp = asleep & (night_mode == NIGHT_LAMP)
        tarp = np.rint(act("tarp"))
        # A sail needs hands at the sheets, as bailing does: half of them work on the engine.
        effort = np.where(bail & repair, 0.5, 1.0) * np.where(crewed & (tarp == TARP_SAIL), 0.5, 1.0)
        # A crew that kept watches in turns night after night works slower (bailing, repairs, the sail),
        # the more so the more nights in a row.
        tired = np.where(crewed, np.minimum(e["tired"], p["watch_nights_max"]), 0.0)
        effort = effort * p["watch_work_share"] ** tired

        # --- engine
        wants = crewed & afloat & (throttle > 0) & (e["flood"] < 1.0)
        running = wants & e["engine_ok"] & (e["fuel_kg"] > 0)
        length = p["boat_length_m"]
        overhauled = _clip(e["overhaul"] / max(p["overhaul_days"], 1e-9), 0.0, 1.0)
        fail_rate = (p["engine_fail_per_day"] * (1 + p["engine_age_factor"] * p["engine_age_years"])
                     * (1 + p["engine_wave_factor"] * wave) * (1 - p["overhaul_effect"] * overhauled))
        p_fail = np.where(running, 1 - np.exp(-fail_rate * dd), 0.0)
        fails = running & (u[:, 2] < p_fail)
        e["engine_fixable"] = np.where(fails, u[:, 3] < p["engine_fixable"], e["engine_fixable"])
        e["engine_ok"] = e["engine_ok"] & ~fails
        fix_rate = p["repair_per_day"] * np.exp(-wave / p["repair_wave_m"]) * effort
        fixed = repair & ~e["engine_ok"] & e["engine_fixable"] & (u[:, 4] < 1 - np.exp(-fix_rate * dd))
        e["engine_ok"] = e["engine_ok"] | fixed
        running = running & ~fails
        burn_full = p["fuel_burn_kg_h"] * (length / p["fuel_ref_length_m"]) ** 3
        hours_of_fuel = np.where(running, e["fuel_kg"] / np.maximum(burn_full * throttle ** 3, 1e-9), 0.0)
        run_hours = np.where(running, np.minimum(dt, hours_of_fuel), 0.0)
        e["fuel_kg"] = np.maximum(e["fuel_kg"] - burn_full * throttle ** 3 * run_hours, 0.0)
        e["engine_running"] = running & (e["fuel_kg"] > 0)

        # --- motion of the boat (km over this step)
        vmax = p["hull_speed_kmh"] * math.sqrt(length)
        speed = vmax * throttle * _clip(1 - p["speed_wave_loss"] * wave, 0.2, 1.0)
        hr = np.radians(heading)
        eng_e = speed * np.sin(hr) * run_hours
        eng_n = speed * np.cos(hr) * run_hours
        swamped = e["flood"] >= 1.0
        lee = np.where(swamped, p["leeway_swamped"], p["leeway"])
        # Hove to under power, the engine just holds the bow to the sea against the wind: no way made.
        hold = heave & running
        eng_e = np.where(hold, -lee * e["wind_u"] * MS_TO_KMH * run_hours, eng_e)
        eng_n = np.where(hold, -lee * e["wind_v"] * MS_TO_KMH * run_hours, eng_n)
        e["current_u"], e["current_v"] = self._current_at(e["boat_x"], e["boat_y"])
        drift_e = (lee * e["wind_u"] + e["current_u"]) * MS_TO_KMH * dt
        drift_n = (lee * e["wind_v"] + e["current_v"]) * MS_TO_KMH * dt
        # The tarpaulin as a sail, with the engine stopped: the boat goes where the crew steers
        # within SAIL_ARC_DEG of downwind, at a share of the wind's speed (cos of the angle off
        # downwind); in seas that can roll the boat over no sail can be carried.
        sailing = crewed & afloat & ~swamped & (tarp == TARP_SAIL) & ~e["engine_running"] & ~heave & ~asleep \
            & (wave < self.heavy_sea_m())
        downwind = (wind_from + 180.0) % 360.0
        off_dw = _clip((heading - downwind + 180.0) % 360.0 - 180.0, -SAIL_ARC_DEG, SAIL_ARC_DEG)
        sail_kmh = np.where(sailing, p["sail_wind_share"] * wind * MS_TO_KMH * np.cos(np.radians(off_dw)), 0.0)
        sail_r = np.radians(downwind + off_dw)
        sail_e, sail_n = sail_kmh * np.sin(sail_r) * dt, sail_kmh * np.cos(sail_r) * dt
        eng_e, eng_n = eng_e + sail_e, eng_n + sail_n
        move_e = np.where(afloat, eng_e + drift_e, 0.0)
        move_n = np.where(afloat, eng_n + drift_n, 0.0)
        e["km_sailed"] = e["km_sailed"] + sail_kmh * dt * going
        e["km_powered"] = e["km_powered"] + np.hypot(eng_e, eng_n) * (running & going)
        # The reckoning moves with the engine's way along the compass course (none when hove to);
        # the drift is what it cannot see.
        lat_est = self.lat_north - e["est_y"] * self.dlat  # east-west km per tile where the crew thinks it is
        rec_e, rec_n = np.where(afloat & ~hold, eng_e, 0.0), np.where(afloat & ~hold, eng_n, 0.0)
        e["est_x"] = e["est_x"] + rec_e / self._km_per_tile_x(lat_est)
        e["est_y"] = e["est_y"] - rec_n / self.km_tile
        # what moved the boat unseen this step (so the reckoning is never farther off than the sum)
        e["drift_km"] = e["drift_km"] + np.hypot(move_e - rec_e, move_n - rec_n)
        self._move(state, move_e, move_n)
        e["harbour_km"] = np.where(coasting & running, e["harbour_km"] - np.hypot(eng_e, eng_n), e["harbour_km"])
        state.emit("harbour_lights", going & coasting & (e["harbour_km"] <= 0) & e["boat_afloat"])
        # The surf: a boat run onto a beach, or drifting ashore while its crew waits, meets breaking
        # waves that can roll it (more likely the higher the sea); those aboard may be lost in the
        # cold water. A boat that reaches a harbour's lights comes in without surf. (A boat whose crew
        # made no landfall choice lands as the calibrated model always had it.)
        surfed = crewed & (e["boat_fate"] == ASHORE_JAPAN) & ~e["boat_afloat"] & afloat \
            & (beach | waiting | coasting)
        p_surf = _clip(wave / max(p["surf_capsize_wave_m"], 1e-9), 0.0, 1.0)
        rolled = surfed & (u[:, 5] < p_surf)
        drowned = alive & rolled[:, None] & (u_person[:, :, 1] < p["surf_drown_share"])
        alive = alive & ~drowned
        e["alive"] = alive
        e["aboard"] = e["aboard"] & ~drowned
        lost_n = drowned.sum(axis=1)
        state.emit("surf_capsized", going & rolled & (lost_n > 0), people=lost_n)
        state.emit("surf_rolled", going & rolled & (lost_n == 0))
        # What a boat carried when it reached Japan's shore (for the calibration):
        # 2 = someone alive, 1 = only the dead, 0 = nobody.
        reached = afloat & (e["boat_fate"] == ASHORE_JAPAN)
        carried = np.where(alive.any(axis=1) & e["crew_on_boat"], 2,
                           np.where(e["aboard"].any(axis=1) & e["crew_on_boat"], 1, 0))
        e["arrived_with"] = np.where(reached, carried, e["arrived_with"]).astype(np.int8)
        dead_aboard = (e["aboard"] & ~alive).sum(axis=1) * e["crew_on_boat"]
        e["bodies_on_arrival"] = np.where(reached, dead_aboard, e["bodies_on_arrival"])
        afloat = e["boat_afloat"]  # from here on: boats still at sea after this step's move
        off_e, off_n = self._offset_km(e["est_x"], e["est_y"], e["boat_x"], e["boat_y"])
        e["reckon_km"] = np.hypot(off_e, off_n)
        ix, iy, _ = self._cells(e["boat_x"], e["boat_y"])
        # Land in sight, a ship close by, or the fleet's lights all around on a bank: the crew
        # knows where it is again.
        land = self.d_land_km[iy, ix] < p["land_sighted_km"]
        ship = e["in_sight"] >= 0
        fix = land | ship | (self.d_grounds_km[iy, ix] <= 0.0)
        # Told when land or a ship puts the crew right by a good way (among the fleet's lights
        # on a bank the crew keeps its place without a word).
        state.emit("position_fixed", going & crewed & afloat & (land | ship) & (e["reckon_km"] >= TELL_FIX_KM),
                   km=np.round(e["reckon_km"], -1), by=np.where(land, 0, 1))
        e["est_x"] = np.where(fix, e["boat_x"], e["est_x"])
        e["est_y"] = np.where(fix, e["boat_y"], e["est_y"])
        e["drift_km"] = np.where(fix, 0.0, e["drift_km"])
        e["reckon_km"] = np.where(fix, 0.0, e["reckon_km"])

        # --- hull, leak, capsize
        # How the boat meets the seas in a storm: bow to them (heaving to, under power or
        # lying to a sea anchor) or running before them (under power); both spare it some of
        # the breaking seas' blows. A boat that drifts otherwise lies beam-on.
        meets = np.where(heave, p["heave_to_capsize_factor"],
                         np.where(run & e["engine_running"], p["run_capsize_factor"], 1.0))
        # Holding a course under power, the seas come at the angle the course makes with the
        # wind: on the beam they strike in full; nearer the bow or the stern, less (as hove to,
        # or running). A drifting boat lies beam-on.
        off_wind = np.radians(heading - wind_from)
        beam = np.abs(np.sin(off_wind))
        ends = np.where(np.cos(off_wind) > 0, p["heave_to_capsize_factor"], p["run_capsize_factor"])
        meets = np.where(~heave & ~run & e["engine_running"], beam + (1 - beam) * ends, meets)
        q = wave / length
        over = np.maximum(q - p["hull_safe_wave_ratio"], 0.0)
        damage = p["hull_damage_per_day"] * over / p["hull_safe_wave_ratio"] * dd * meets
        patch = np.where(repair & e["engine_ok"], p["hull_patch_per_day"] * effort * dd, 0.0)
        e["hull"] = np.where(afloat, _clip(e["hull"] - damage + patch, 0.0, 1.0), e["hull"])
        # A boat loaded past what it can carry rides low: it ships more water and rolls over sooner.
        laden = 1.0 + p["overload_factor"] * np.maximum(self.load_kg(state) / self.capacity_kg() - 1.0, 0.0)
        leak = p["leak_per_day"] * (1 + p["leak_wave_factor"] * wave) * (1 + p["leak_damage_factor"] * (1 - e["hull"]))
        leak = leak * laden
        bailing = np.where(bail, p["bail_per_person_day"] * n_alive * effort, 0.0)
        flood = _clip(e["flood"] + (leak - bailing) * dd, 0.0, 1.0)
        e["flood"] = np.where(afloat & ~swamped, flood, e["flood"])
        newly_swamped = afloat & ~swamped & (e["flood"] >= 1.0)
        powered = e["engine_running"]
        # Capsize is decided by single breaking waves, not by the significant height
        # (the mean of the highest third): the largest wave a boat meets in a step is
        # about largest_wave_factor times Hs (Rayleigh-distributed wave heights).
        q_big = p["largest_wave_factor"] * wave / length
        cap_rate = p["capsize_per_day"] * np.maximum(q_big - p["capsize_wave_ratio"], 0.0) / p["capsize_wave_ratio"]
        cap_rate = cap_rate * np.where(powered | heave | sailing, 1.0, p["drift_capsize_factor"])
        cap_rate = cap_rate * meets * laden
        p_capsize = np.where(afloat & ~swamped, 1 - np.exp(-cap_rate * dd), 0.0)
        capsized = afloat & ~swamped & (u[:, 5] < p_capsize)
        broken = afloat & (e["hull"] <= 0.0)
        # Everyone aboard a boat that capsizes or breaks up is lost to the sea. On a boat
        # that fills and lies awash the living die of the cold water; the dead stay aboard
        # until the sea takes them.
        wrecked = capsized | broken
        e["flood"] = np.where(capsized, 1.0, e["flood"])
        sinks = broken | ((wrecked | newly_swamped) & (u[:, 6] < p["sink_when_swamped"]))
        e["wrecks"] = e.get("wrecks", 0) + np.stack([capsized & going, broken & going, newly_swamped & going])

        # --- the crew: water, food, cold, the sea
        # Storms bring rain (snow in winter, melted): a tarpaulin spread for it fills the casks.
        caught = np.where(crewed & afloat & ~swamped & (tarp == TARP_RAIN) & e["storm"], p["rain_catch_per_day"] * dd, 0.0)
        e["water"] = e["water"] + caught
        e["rain_caught"] = np.where(e["storm"] & ~before["storm"], caught, e["rain_caught"] + caught)
        need = ration * np.where(bail, 1 + p["bail_extra_need"], 1.0)
        drink = np.where(e["water"] > 0, np.minimum(need, e["water"] / np.maximum(n_alive, 1) / dd), 0.0)
        eat = np.where(e["food"] > 0, np.minimum(ration, e["food"] / np.maximum(n_alive, 1) / dd), 0.0)
        e["water"] = np.maximum(e["water"] - drink * n_alive * dd, 0.0)
        e["food"] = np.maximum(e["food"] - eat * n_alive * dd, 0.0)
        short = _clip(1 - drink / p["water_min_ration"], 0.0, 1.0)
        e["dry_days"] = np.where(short > 0, e["dry_days"] + short * dd, np.maximum(e["dry_days"] - dd, 0.0))
        e["hungry_days"] = np.where(eat < 1.0, e["hungry_days"] + (1 - eat) * dd, np.maximum(e["hungry_days"] - dd, 0.0))
        hz_thirst = p["thirst_hazard"] * np.maximum(e["dry_days"] - p["thirst_grace_days"], 0.0)
        hz_hunger = p["hunger_hazard"] * np.maximum(e["hungry_days"] - p["hunger_grace_days"], 0.0)
        t_eff = self._felt_temp(month_now, wind, np.maximum(e["flood"], bail * p["bail_wet_share"]))
        t_eff = t_eff - p["watch_cold_c"] * tired  # a sleepless crew feels the cold more
        weak = 1 + e["hungry_days"] / p["hunger_grace_days"]
        # The cold wears people down over days: the hazard starts near zero and
        # reaches its full value after cold_ramp_days below comfort (it eases off
        # as fast when the crew is warm again).
        deficit = np.maximum(p["comfort_temp_c"] - t_eff, 0.0)
        e["cold_days"] = np.where(deficit > 0, e["cold_days"] + dd, np.maximum(e["cold_days"] - dd, 0.0))
        worn = _clip(e["cold_days"] / max(p["cold_ramp_days"], 1e-9), 0.0, 1.0)
        hz_cold = p["cold_hazard"] * deficit * worn * weak
        e["air_c"], e["felt_c"] = np.full(n, float(self._air_temp(month_now))), t_eff
        p_die = 1 - np.exp(-(hz_thirst + hz_hunger + hz_cold) * dd)
        ob_rate = p["overboard_per_day"] * np.maximum(q - p["overboard_wave_ratio"], 0.0) / p["overboard_wave_ratio"] * meets
        p_overboard = 1 - np.exp(-ob_rate * dd)
        on = crewed & afloat
        dies = alive & on[:, None] & (u_person[:, :, 0] < p_die[:, None])
        washed = alive & on[:, None] & (u_person[:, :, 1] < p_overboard[:, None])
        aboard = e["aboard"]
        bodies = aboard & ~alive
        survivors_aboard = (n_alive > 0)
        body_rate = p["body_loss_per_day"] * (1 + wave) + np.where(survivors_aboard, p["burial_per_day"], 0.0)
        bodies_lost = bodies & afloat[:, None] & (u_person[:, :, 2] < (1 - np.exp(-body_rate * dd))[:, None])
        e["swept_overboard"] = e["swept_overboard"] + washed.sum(axis=1)
        # What killed people this step (for the words the scene shows): the
        # largest of the three hazards, or the boat itself.
        main = 1 + np.argmax(np.stack([hz_thirst, hz_hunger, hz_cold]), axis=0)
        lost_with_boat = (wrecked | newly_swamped) & (alive & on[:, None]).any(axis=1)
        e["death_cause"] = np.where(lost_with_boat, DEATH_WRECK,
                                    np.where(dies.any(axis=1), main, DEATH_NONE)).astype(np.int8)
        # Only the people still on the boat go down with it: a crew taken off
        # earlier is not harmed when its abandoned boat later capsizes or fills.
        lost = (wrecked | newly_swamped) & e["crew_on_boat"]
        alive = alive & ~dies & ~washed & ~lost[:, None]
        aboard = aboard & ~washed & ~bodies_lost & ~wrecked[:, None] & ~(sinks[:, None])

        # --- rescue (of the living, by other ships)
        ix, iy, inside = self._cells(e["boat_x"], e["boat_y"])
        bank_km = self.d_bank_km[iy, ix]
        d_nk = self.d_nk_km[iy, ix]
        d_jp = self.d_japan_km[iy, ix]
        r_fleet = p["fleet_rescue_per_day"] * np.exp(-(bank_km / p["fleet_radius_km"]) ** 2)
        r_nk = p["nk_rescue_per_day"] * (d_nk < p["nk_waters_km"])
        # A crossing crew passing for a fishing boat is less likely to be stopped there, and draws
        # less notice from the fleet's boats on the banks and the lanes.
        passing = np.where(cover & (p["intent"] >= 0.5), p["cover_watch_factor"], 1.0)
        r_nk = r_nk * passing
        r_fleet = r_fleet * passing
        # The watch looks for boats leaving in the dark: moonlight shows them (a crossing's, unsignalled).
        moon = p["moon_watch_factor"] + (1 - p["moon_watch_factor"]) * self.moonlight(state)
        r_nk = r_nk * np.where(p["intent"] >= 0.5, moon, 1.0)
        r_jp = p["japan_rescue_per_day"] * (d_jp < p["japan_patrol_km"])
        # Cargo ships cross the open sea: out of the North's coastal waters, where no foreign ship goes, and
        # beyond the fleet's reach (a ship keeps clear of hundreds of fishing boats working under their lights).
        r_ship = p["merchant_per_day"] * (d_nk >= p["nk_waters_km"]) * (bank_km > p["fleet_radius_km"])
        r_total = r_fleet + r_nk + r_jp + r_ship
        still = alive.any(axis=1) & crewed & afloat
        # A ship came into sight last step: it stops if the crew signals, or by chance if not.
        sighted = e["in_sight"]
        near = still & (sighted >= 0)
        crossing = p["intent"] >= 0.5
        # Trading with a boat of the fleet (fuel for the catch, as the June 2019 crew did): a
        # crossing crew seen that close is found out, unless it passes for a fishing boat, and
        # then as often as the coastal watch would see through it (cover_watch_factor).
        trading = near & (sighted == 0) & (act("trade") > 0.5)
        found = trading & crossing & (u[:, 11] < np.where(cover, p["cover_watch_factor"], 1.0))
        traded = trading & ~found
        e["fuel_kg"] = e["fuel_kg"] + np.where(traded, p["trade_fuel_kg"], 0.0)
        # Met by a North Korean boat, a crossing crew may lie dark (the moon decides how dark), run
        # (the engine must be running) or show its papers and say it is fishing (a permit helps).
        ran = (evade == EVADE_RUN) & e["engine_running"]
        p_patrol = np.where(evade == EVADE_CLAIM, np.where(e["permit"], p["nk_permit_stop"], p["nk_claim_stop"]),
                            np.where(ran, p["nk_run_stop"], p["unsignalled_factor"] * moon))
        met = near & (sighted == 1) & crossing & (evade != EVADE_NONE)
        caught = met & (u[:, 10] < p_patrol)  # the patrol comes alongside: held, decided next step
        stopped = ~met & (signal | (u[:, 10] < p["unsignalled_factor"]))
        # A cargo ship heeds a signal only sometimes (many pass), a dark boat as seldom as any ship would.
        cargo = near & (sighted == MERCHANT)
        stopped = np.where(cargo, u[:, 10] < p["merchant_stop"] * np.where(signal, 1.0, p["unsignalled_factor"]),
                           stopped)
        # Held alongside: what the crew has aboard (money, cigarettes) may buy its way out.
        held = near & (sighted == PATROL_ALONGSIDE)
        offered = held & (act("bribe") > 0.5)
        let_go = offered & (u[:, 10] < p["bribe_release"])
        stopped = np.where(held, ~let_go, stopped)
        rescued = (near & ~trading & stopped) | found
        # for the words: what the crew did
        how = np.where(met, evade, np.where(held, np.where(offered, HELD_OFFERED, HELD_GAVE_UP), EVADE_NONE))
        how = how.astype(np.int64)
        by_korea = (sighted <= 1) | (sighted == PATROL_ALONGSIDE)
        taken_back = rescued & by_korea & crossing
        passed = near & ~rescued & ~traded & ~caught
        # who took them off: 0 North Korean boats (the fleet or the coast), 1 Japan
        # (2: a cargo ship, which lands the crew at its next port: not one of the cases Japan counts)
        e["rescued_by"] = np.where(rescued, np.where(by_korea, 0, np.where(sighted == MERCHANT, 2, 1)),
                                   e["rescued_by"]).astype(np.int8)

        # A new ship comes into sight (none while one is near): whose, by the share of each rate.
        seen = r_total * np.where(lamp, p["lamp_seen_factor"], 1.0)
        comes = still & ~near & (u[:, 7] < 1 - np.exp(-seen * dd))
        pick = u[:, 8] * np.maximum(r_total, 1e-12)
        kind = np.where(pick < r_fleet, 0, np.where(pick < r_fleet + r_nk, 1,
                                                    np.where(pick < r_fleet + r_nk + r_jp, 2, MERCHANT)))
        e["in_sight"] = np.where(caught, PATROL_ALONGSIDE, np.where(comes, kind, -1)).astype(np.int8)

        e["alive"], e["aboard"] = alive, aboard
        e["crew_on_boat"] = e["crew_on_boat"] & ~rescued
        # Rescuers take the dead with them; the boat is left to drift.
        e["aboard"] = np.where(rescued[:, None], False, e["aboard"])
        e["boat_afloat"] = afloat & ~sinks
        e["boat_fate"] = np.where(afloat & sinks, SUNK, e["boat_fate"]).astype(np.int8)

        # --- outcomes of this step
        self._resolve(state, going, rescued, taken_back)
        self._tell(state, going, crewed, before, fails, fixed, newly_swamped, capsized, broken, sinks, washed, dies,
                   rescued, taken_back, sighted, d_nk, how)
        e["in_sight"] = np.where(state.active & e["crew_on_boat"], e["in_sight"], -1).astype(np.int8)
        # The round of bailing: bailing wets the crew and makes it thirstier, so a dry boat is
        # the moment to stop (told once a voyage); water rising in a boat nobody bails, the
        # moment to start.
        on_board = going & state.active & crewed & e["boat_afloat"]
        dry = on_board & bail & (e["flood"] <= TELL_DRY_FLOOD) & ((e["told"] & 16) == 0)
        state.emit("boat_dry", dry)
        state.emit("water_rising", on_board & ~bail & (before["flood"] < TELL_RISING_FLOOD) & (e["flood"] >= TELL_RISING_FLOOD),
                   pct=np.round(100 * e["flood"]))
        e["told"] = np.where(dry, e["told"] | 16, e["told"]).astype(np.int8)  # once a voyage: the crew has learnt it
        state.emit("ship_passed", going & state.active & passed, how=how, kind=sighted)  # (whose ship: its words)
        state.emit("traded", going & state.active & traded, kg=p["trade_fuel_kg"])
        state.emit("ship_sighted", going & state.active & (e["in_sight"] >= 0), kind=e["in_sight"],
                   km=np.round(np.where(e["in_sight"] == 2, d_jp, d_nk), -1), how=how)
        state.hours = np.where(going, state.hours + dt, state.hours)
        e["days"] = (state.hours - e["harbour_steps"] * dt) / 24.0  # days at sea, not ashore
        # A fishing crew still working the grounds once its days of fishing are done is asked
        # again each morning: fish on, or head home.
        if p["intent"] < 0.5:
            morning = (e["days"] >= p["fishing_days"]) & (np.abs(e["days"] - np.round(e["days"])) < 1e-9)
            state.emit("fishing_done", going & state.active & crewed & fishing & morning, days=np.round(e["days"]))
        # The crew travels with the boat until its own fate is sealed.
        still_going = state.active
        state.x = np.where(still_going, e["boat_x"], state.x)
        state.y = np.where(still_going, e["boat_y"], state.y)

        e["rowing_out"] = np.maximum(e["rowing_out"] - 1, 0)  # a step nearer out of earshot
        # Each night with a watch kept in turns tires the crew more (half a night a step); a night's sleep rests it.
        e["tired"] = np.where(at_night, np.where(night_mode == NIGHT_WATCH, e["tired"] + 0.5, 0.0), e["tired"])
        # --- risk this step, and why
        self._risk(state, going, p_capsize, p_die, p_overboard, fail_rate, dd, leak, bailing, crewed, wave)
        self._derived(state)
        self._take_stock(state, going & state.active & crewed)

    def _tell(self, state, going, crewed, before, fails, fixed, swamped, capsized, broken, sinks, washed, dies,
              rescued, taken_back, sighted, d_nk, how) -> None:
        """The step's events (State.emit): what the crew lives through, and how it ended."""
        e = state.extra
        if not state.events:  # emit would keep nothing: only what the step carries on
            out = d_nk >= self.p["nk_waters_km"]
            free = e["in_sight"] != PATROL_ALONGSIDE
            e["was_out"] = e["was_out"] | (out & free)
            return
        aboard = going & crewed
        state.emit("storm", aboard & e["storm"] & ~before["storm"])
        state.emit("rain", aboard & e["storm"] & ~before["storm"])  # the moment to spread the tarpaulin
        state.emit("storm_over", aboard & ~e["storm"] & before["storm"])
        n_alive = np.maximum(e["alive"].sum(axis=1), 1)
        state.emit("rain_caught", aboard & ~e["storm"] & before["storm"] & (e["rain_caught"] >= 0.5),
                   days=np.round(e["rain_caught"] / n_alive, 1))
        # Seas high enough to roll the boat over (the largest waves over capsize_wave_ratio of its length).
        rough = self.heavy_sea_m()
        state.emit("heavy_seas", aboard & (e["wave_m"] > rough) & (before["wave_m"] <= rough) & ~(e["storm"] & ~before["storm"]),
                   m=np.round(e["wave_m"], 0))
        state.emit("seas_easing", aboard & (e["wave_m"] <= 0.8 * rough) & (before["wave_m"] > 0.8 * rough))
        state.emit("engine_failed", aboard & fails)
        state.emit("engine_fixed", aboard & fixed)
        state.emit("fuel_out", aboard & (before["fuel_kg"] > 0) & (e["fuel_kg"] <= 0))
        state.emit("water_out", aboard & (before["water"] > 0) & (e["water"] <= 0))
        state.emit("food_out", aboard & (before["food"] > 0) & (e["food"] <= 0))
        state.emit("half_flooded", aboard & (before["flood"] < 0.5) & (e["flood"] >= 0.5) & ~swamped)
        state.emit("swamped", aboard & swamped & ~capsized)
        state.emit("capsized", aboard & capsized)
        state.emit("broke_up", aboard & broken & ~capsized)
        n_washed, n_died = washed.sum(axis=1), dies.sum(axis=1)
        state.emit("overboard", aboard & (n_washed > 0), people=n_washed)
        state.emit("died", aboard & (n_died > 0), people=n_died, cause=e["death_cause"])
        state.emit("all_lost", aboard & ~e["alive"].any(axis=1))
        # who picked the crew up: the fishing fleet on the banks, boats off the North's
        # coast, or Japan's coast guard (whose ship was in sight)
        by = sighted
        km = np.round(d_nk, -1)
        state.emit("fleet_took_home", going & taken_back & (by == 0), km=km)
        state.emit("nk_took_back", going & taken_back & (by != 0), km=km, how=how)
        saved = going & rescued & ~taken_back
        state.emit("rescued_fleet", saved & (by == 0), km=km)
        state.emit("rescued_korea", saved & (by == 1), km=km)
        state.emit("rescued_japan", saved & (by == 2), km=km)
        state.emit("rescued_ship", saved & (by == MERCHANT), km=km)
        ended = going & ~state.active & ~rescued
        fate = e["boat_fate"]
        outcome = state.outcome
        state.emit("landed_japan", ended & (outcome == self.code("landed_alive")))
        state.emit("ashore_japan_dead", ended & (outcome == self.code("ashore_dead")))
        state.emit("ashore_japan_empty", ended & (outcome == self.code("ashore_empty")))
        # adrift (no engine, or no fuel): the wind and the current, not the crew, brought it back
        adrift = (~e["engine_ok"] | (e["fuel_kg"] <= 0)).astype(int)
        state.emit("home_coast", ended & (fate == ASHORE_NK) & (outcome == self.code("turned_back")), adrift=adrift)
        state.emit("ashore_other", ended & (outcome == self.code("ashore_elsewhere")))
        state.emit("sank", going & sinks)
        state.emit("left_sea", ended & (fate == LEFT_SEA))
        # Out of the coastal watch's waters (told once): the moment to stop passing for a fishing boat.
        out = d_nk >= self.p["nk_waters_km"]
        crossing = self.p["intent"] >= 0.5
        # (not while a patrol holds the boat alongside: told when it has let the boat go)
        free = e["in_sight"] != PATROL_ALONGSIDE
        state.emit("left_nk_waters", going & state.active & crewed & out & ~e["was_out"] & crossing & free)
        e["was_out"] = e["was_out"] | (out & free)

    def capacity_kg(self) -> float:
        """What the boat can carry (people and supplies), growing with the cube of its length."""
        p = self.p
        return p["load_capacity_kg"] * (p["boat_length_m"] / p["fuel_ref_length_m"]) ** 3

    def load_kg(self, state: State) -> np.ndarray:
        """What the boat carries now: the people aboard (the living and the dead), the fuel, the
        water and the food left."""
        p, e = self.p, state.extra
        people = e["aboard"].sum(axis=1) * e["crew_on_boat"]
        return (people * p["person_kg"] + e["fuel_kg"] + e["water"] * p["water_kg_per_day"]
                + e["food"] * p["food_kg_per_day"])

    def heavy_sea_m(self) -> float:
        """The significant wave height (m) from which the largest waves can roll this boat over."""
        p = self.p
        return p["capsize_wave_ratio"] * p["boat_length_m"] / p["largest_wave_factor"]

    def _take_stock(self, state: State, aboard: np.ndarray) -> None:
        """Moments to decide, each told once: water or fuel running low, Japan's coast near,
        the fishing grounds ahead of a crossing boat (the fleet works them)."""
        p, e = self.p, state.extra
        told = e["told"]
        ix, iy, _ = self._cells(e["boat_x"], e["boat_y"])
        moments = (
            ("water_low", 1, e["water_days"] < TELL_WATER_DAYS),
            ("fuel_low", 2, e["fuel_kg"] < TELL_FUEL_SHARE * p["fuel_kg"]),
            # (near enough to see it: a crew without GPS knows Japan is near when it sees land)
            ("japan_near", 4, (self.d_japan_km[iy, ix] < min(p["japan_patrol_km"], p["land_sighted_km"]))
             & (p["intent"] >= 0.5)),
            ("grounds_ahead", 8, (self.d_grounds_km[iy, ix] < p["fleet_radius_km"]) & (p["intent"] >= 0.5)),
            # The North's coast in sight of a crossing with nothing to drive the boat (the engine
            # broken or out of fuel): sail off, work on the engine, or let it carry the boat in.
            ("nk_shore_drift", 32, (self.d_nk_km[iy, ix] < p["land_sighted_km"]) & (p["intent"] >= 0.5)
             & (~e["engine_ok"] | (e["fuel_kg"] <= 0)) & (e["in_sight"] < 0)),
        )
        for code, bit, now in moments:
            new = aboard & now & ((told & bit) == 0)
            if not state.events:  # emit would keep nothing (nor need its numbers)
                told = np.where(new, told | bit, told)
                continue
            km = {"grounds_ahead": self.d_grounds_km, "nk_shore_drift": self.d_nk_km}.get(code, self.d_japan_km)[iy, ix]
            state.emit(code, new, days=np.round(e["water_days"], 1), kg=np.round(e["fuel_kg"], -1),
                       km=np.round(km, -1))
            told = np.where(new, told | bit, told)
        e["told"] = told

    def _current_at(self, x, y):
        ix, iy, _ = self._cells(x, y)
        return self.current_u[iy, ix], self.current_v[iy, ix]

    def _offset_km(self, x, y, x2, y2):
        """(east, north) km from tile position (x2, y2) to (x, y)."""
        lat = self.lat_north - 0.5 * (y + y2) * self.dlat
        return (x - x2) * self._km_per_tile_x(lat), -(y - y2) * self.km_tile

    def reckoned(self, state: State, i: int = 0) -> tuple[float, float, float]:
        """Where the crew of boat ``i`` reckons it is (tiles) and how far off that could be (km)."""
        e = state.extra
        return float(e["est_x"][i]), float(e["est_y"][i]), float(e["drift_km"][i])

    def steer_for(self, state: State, what: str, i: int = 0) -> tuple[float, float]:
        """(bearing, km) from where the crew of boat ``i`` reckons it is to Japan's nearest coast
        (``what`` = "japan") or to the nearest bank, where the fleet's lights are ("lights"). The
        crew steers from its reckoning: where that is off, so is the course."""
        x, y, _doubt = self.reckoned(state, i)
        ix, iy, _ = self._cells(np.array([x]), np.array([y]))
        ix, iy = int(ix[0]), int(iy[0])
        if what == "japan":
            if self._japan_coast is None:  # sea tiles beside Japan's shore (the distance field stops at 600 km)
                cy, cx = np.nonzero(self.is_sea & (self.d_japan_km <= self.km_tile * 1.5))
                self._japan_coast = (cx + 0.5, cy + 0.5)
            cx, cy = self._japan_coast
            east, north = self._offset_km(cx, cy, x, y)
            k = int(np.argmin(np.hypot(east, north)))
            return math.degrees(math.atan2(east[k], north[k])) % 360.0, float(np.hypot(east[k], north[k]))
        if not self.bank_xy:
            return 0.0, float("inf")
        bx, by = min(self.bank_xy, key=lambda b: float(np.hypot(*self._offset_km(b[0], b[1], x, y))))
        east, north = self._offset_km(bx, by, x, y)
        return math.degrees(math.atan2(east, north)) % 360.0, float(self.d_grounds_km[iy, ix])

    def _km_between(self, lon, lat, lon2, lat2):
        north = (lat2 - lat) * KM_PER_DEG_LAT
        east = (lon2 - lon) * KM_PER_DEG_LON_EQ * np.cos(np.radians(0.5 * (lat + lat2)))
        return np.hypot(east, north)

    def _move(self, state: State, move_e, move_n) -> None:
        """Move afloat boats along their track, stopping at the first shore they touch.

        The track is checked at points under a tile apart (all at once, as a
        (points, n) array), so a boat cannot jump over a headland.
        """
        e = state.extra
        x, y = e["boat_x"], e["boat_y"]
        lat = self.lat_north - y * self.dlat
        dx = move_e / self._km_per_tile_x(lat)
        dy = -move_n / self.km_tile
        k = int(max(1, math.ceil(float(np.max(np.hypot(dx, dy), initial=0.0)) / 0.7)))
        frac = (np.arange(1, k + 1) / k)[:, None]
        px = x[None, :] + frac * dx[None, :]
        py = y[None, :] + frac * dy[None, :]
        ix, iy, inside = self._cells(px, py)
        sea = inside & self.is_sea[iy, ix]
        moving = e["boat_afloat"]
        blocked = ~sea
        hit = moving & blocked.any(axis=0)
        first = np.argmax(blocked, axis=0)  # index of the first point off the sea
        cols = np.arange(state.n)
        stop = np.where(hit, first, k - 1)
        nx, ny = px[stop, cols], py[stop, cols]
        was_inside = inside[stop, cols]
        c = self.country[iy[stop, cols], ix[stop, cols]]
        fate = e["boat_fate"]
        fate = np.where(hit & was_inside & (c == self.c_japan), ASHORE_JAPAN, fate)
        fate = np.where(hit & was_inside & (c == self.c_nk), ASHORE_NK, fate)
        fate = np.where(hit & was_inside & (c != self.c_japan) & (c != self.c_nk), ASHORE_OTHER, fate)
        fate = np.where(hit & ~was_inside, LEFT_SEA, fate)
        # A boat that reaches a shore stops on it (its position is the coast tile).
        e["boat_x"] = np.where(moving, nx, x)
        e["boat_y"] = np.where(moving, ny, y)
        e["boat_fate"] = fate.astype(np.int8)
        e["boat_afloat"] = moving & ~hit

    def _resolve(self, state: State, going, rescued, taken_back) -> None:
        e = state.extra
        code = self.code
        alive_aboard = e["alive"].any(axis=1) & e["crew_on_boat"]
        bodies_aboard = (e["aboard"] & ~e["alive"]).any(axis=1) & e["crew_on_boat"]
        fate = e["boat_fate"]
        state.finish(going & taken_back, code("turned_back"))
        state.finish(going & rescued, code("rescued_at_sea"))
        japan = going & (fate == ASHORE_JAPAN)
        state.finish(japan & alive_aboard, code("landed_alive"))
        state.finish(japan & bodies_aboard, code("ashore_dead"))
        state.finish(japan, code("ashore_empty"))
        state.finish(going & (fate == ASHORE_NK) & alive_aboard, code("turned_back"))
        state.finish(going & (fate == ASHORE_OTHER) & alive_aboard, code("ashore_elsewhere"))
        gone = (fate == SUNK) | (fate == LEFT_SEA) | (fate == ASHORE_NK) | (fate == ASHORE_OTHER)
        state.finish(going & gone, code("lost_at_sea"))
        if state.step + 1 >= self.max_steps:
            e["boat_fate"] = np.where(e["boat_afloat"], ADRIFT_END, e["boat_fate"]).astype(np.int8)

    def _risk(self, state, going, p_capsize, p_die, p_overboard, fail_rate, dd, leak, bailing, crewed, wave) -> None:
        e = state.extra
        n = state.n
        p_fail = 1 - np.exp(-fail_rate * dd)
        filling = leak > bailing
        # Components (probability of a bad turn this step) and the sentence that explains each.
        comp = np.zeros((n, len(self.risk_reasons)))
        comp[:, self.R_CAPSIZE] = p_capsize
        comp[:, self.R_OVERBOARD] = p_overboard
        comp[:, self.R_ENGINE_STRAIN] = np.where(e["engine_running"], p_fail * 0.5, 0.0)
        no_water = e["water"] <= 0
        no_food = e["food"] <= 0
        comp[:, self.R_NO_WATER] = np.where(no_water, np.maximum(p_die, 0.05), 0.0)
        comp[:, self.R_NO_FOOD] = np.where(no_food & ~no_water, np.maximum(p_die, 0.02), 0.0)
        comp[:, self.R_COLD] = np.where(~no_water & ~no_food, p_die, 0.0)
        # the same risk, said truly: faster than the crew bails, or nobody bails at all
        flooding = np.where(filling, _clip(e["flood"], 0, 1) * 0.5, 0.0)
        comp[:, self.R_FLOOD] = np.where(bailing > 0, flooding, 0.0)
        comp[:, self.R_UNBAILED] = np.where(bailing > 0, 0.0, flooding)
        comp[:, self.R_HULL] = np.where(e["hull"] < 0.3, 1 - e["hull"], 0.0) * 0.5
        comp[:, self.R_STORM] = np.where(wave > 6.0, np.maximum(p_capsize, 0.1), 0.0)
        comp[:, self.R_ENGINE_FAILED] = np.where(~e["engine_ok"], 0.04, 0.0)
        comp[:, self.R_NO_FUEL] = np.where(e["engine_ok"] & (e["fuel_kg"] <= 0), 0.04, 0.0)
        risk = 1 - np.prod(1 - _clip(comp, 0, 1), axis=1)
        reason = np.argmax(comp, axis=1).astype(np.int16)
        show = going & crewed
        state.risk = np.where(show, risk, 0.0)
        state.reason = np.where(show & (risk > 0.005), reason, -1).astype(np.int16)

    # ----------------------------------------------------------- the automatic player
    def auto_action(self, state: State) -> dict[str, Any]:
        """A cautious crew: see docs/model.md. Fishing crews fish, then steer home."""
        p, e = self.p, state.extra
        x, y = e["boat_x"], e["boat_y"]
        disabled = ~e["engine_ok"] | (e["fuel_kg"] <= 0)
        cruise = p["auto_cruise_throttle"]
        vmax = p["hull_speed_kmh"] * math.sqrt(p["boat_length_m"])
        home_b, home_km = self._bearing_to(x, y, p["home_lon"], p["home_lat"])
        if p["intent"] >= 0.5:
            heading, dist = self._bearing_to(x, y, p["target_lon"], p["target_lat"])
            # Close to Japan, make for the nearest shore rather than the exact spot.
            ix, iy, _ = self._cells(x, y)
            near = self.d_japan_km[iy, ix] < p["japan_patrol_km"]
            shore = np.degrees(np.arctan2(self.to_japan_e[iy, ix], self.to_japan_n[iy, ix])) % 360.0
            heading = np.where(near, shore, heading)
            go_home = np.zeros(state.n, bool)
            throttle = np.full(state.n, cruise)
        else:
            bank_b, bank_km = self._bearing_to(x, y, p["start_lon"], p["start_lat"])
            days_needed = home_km / max(vmax * cruise * AUTO_SPEED_SHARE, 1e-6) / 24.0
            go_home = (e["days"] >= p["fishing_days"]) | (e["water_days"] < days_needed + AUTO_WATER_MARGIN_HOME_DAYS) | \
                      (e["fuel_kg"] < AUTO_FUEL_MARGIN * home_km * self._kg_per_km(cruise))
            heading = np.where(go_home, home_b, bank_b)
            dist = np.where(go_home, home_km, bank_km)
            # On the grounds the boat drifts with its lights (squid jigging); it motors back if pushed off.
            throttle = np.where(go_home, cruise, np.where(bank_km > p["start_spread_km"], AUTO_BACK_TO_BANK * cruise, 0.0))
        days_left = dist / max(vmax * cruise * AUTO_SPEED_SHARE, 1e-6) / 24.0
        ration = np.where(disabled | (e["water_days"] < days_left + AUTO_WATER_MARGIN_DAYS), AUTO_RATION, 1.0)
        crossing = p["intent"] >= 0.5
        # A ship in sight: a fishing crew in trouble signals to anyone; a crossing crew
        # signals to Japan's coast guard, and to a North Korean boat only when it is
        # disabled and out of the coastal watch's waters (as before the ships were told apart).
        ix, iy, _ = self._cells(x, y)
        in_nk_waters = self.d_nk_km[iy, ix] < p["nk_waters_km"]
        signal = (disabled & (~in_nk_waters | ~crossing)) | (crossing & (e["in_sight"] == 2))
        # ... and to a cargo ship when its water would not last the way with the margin it keeps
        # (a crossing going well keeps away: a ship that stops ends the crossing in its next port).
        short_water = e["water_days"] < days_left + AUTO_WATER_MARGIN_DAYS
        signal = signal | (crossing & (e["in_sight"] == MERCHANT) & short_water)
        # A fishing crew short of fuel for the trip home, its engine sound and some fuel left,
        # trades with the fleet (a disabled one signals for help instead); a crossing crew
        # (the automatic player never passes for a fishing boat) does not risk it.
        short = e["fuel_kg"] < AUTO_FUEL_MARGIN * home_km * self._kg_per_km(cruise)
        trade = (e["in_sight"] == 0) & short & e["engine_ok"] & (e["fuel_kg"] > 0) & (not crossing)
        # In a storm it runs before the sea when downwind is near its way, and heaves to
        # otherwise; outside storms it holds its course, whatever the seas (as the crews of the
        # 2017 count are taken to have done: see docs/model.md).
        wind_from = np.degrees(np.arctan2(-e["wind_u"], -e["wind_v"])) % 360.0
        off = np.abs(((wind_from + 180.0) - heading + 180.0) % 360.0 - 180.0)
        tactic = np.where(e["storm"], np.where(off <= AUTO_RUN_WITHIN_DEG, 2, 1), 0)
        # Out of the watched waters, a crossing crew meets a sea that can roll its boat over as the
        # player's weather window offers: it heaves to and waits (the fishing crews of the 2017 count are taken to have
        # held their course home outside storms: docs/model.md).
        # Within the coastal watch's waters it pushes on: a boat that waits there is found.
        wait = crossing & ~in_nk_waters & ~e["storm"] & ~disabled & (e["wave_m"] >= AUTO_WAIT_SEA * self.heavy_sea_m())
        tactic = np.where(wait, 1, tactic)
        # The tarpaulin: spread for a storm's rain; with the engine stopped, a sail when downwind
        # lies near its way; stowed otherwise.
        tarp = np.where(e["storm"], TARP_RAIN,
                        np.where(disabled & (off <= AUTO_RUN_WITHIN_DEG), TARP_SAIL, TARP_STOWED))
        # A North Korean boat in sight of a crossing crew that does not signal: it shows its papers
        # if it has them, and lies dark otherwise.
        evade = np.where(crossing & (e["in_sight"] == 1) & ~signal,
                         np.where(e["permit"], EVADE_CLAIM, EVADE_DARK), EVADE_NONE)
        # Japan's coast in sight (as the player is asked): a crossing runs in for a beach in a low sea
        # or when the water is nearly gone, makes for a harbour's lights otherwise, and stops and
        # signals for the coast guard when the engine cannot take it in.
        sighted = self.d_japan_km[iy, ix] < min(p["japan_patrol_km"], p["land_sighted_km"])
        low_sea = e["wave_m"] < AUTO_BEACH_SEA * p["surf_capsize_wave_m"]
        landfall = np.where(disabled, LANDFALL_WAIT,
                            np.where(low_sea | (e["water_days"] < 1.0), LANDFALL_BEACH, LANDFALL_HARBOUR))
        landfall = np.where(crossing & sighted, landfall, LANDFALL_NONE)
        action = {
            "landfall": landfall.astype(float),
            "heading_deg": np.round(heading, 1),
            "throttle": np.where(disabled, 0.0, throttle),
            "bail": (e["flood"] > AUTO_BAIL_FLOOD).astype(float),
            "repair": (~e["engine_ok"] & e["engine_fixable"]).astype(float),
            "ration": ration,
            "signal": signal.astype(float),
            "turn_back": go_home.astype(float),
            "storm_tactic": tactic.astype(float),
            "trade": trade.astype(float),
            "evade": evade.astype(float),
            # held alongside a patrol, a crossing crew offers what it has
            "bribe": np.full(state.n, 1.0 if crossing else 0.0),
            # it puts out past the harbour's post with its papers, from a cove along the coast without
            "put_out": np.where(e["permit"], float(PUT_OUT_HARBOUR), float(PUT_OUT_COVE)) if crossing
            else np.zeros(state.n),
            "tarp": tarp.astype(float),
            "night": self._auto_night(state, in_nk_waters, disabled).astype(float),
            **self._auto_ashore(state),
        }
        if state.n == 1:  # one traveller: plain numbers, so the choice trace stays plain JSON
            return {k: float(np.asarray(v).reshape(-1)[0]) for k, v in action.items()}
        return action

    def _auto_night(self, state: State, in_nk_waters: np.ndarray, disabled: np.ndarray) -> np.ndarray:
        """A crossing's nights: it motors on with a watch kept in turns; out of the watched waters, beyond
        the fleet's reach and short of Japan's patrols, after AUTO_WATCH_NIGHTS nights of watches in a row
        it stops for a night's sleep, dark (a whole night: the second half follows the first). A fishing
        crew is never asked: its nights are as the 2017 count had them."""
        p, e = self.p, state.extra
        if p["intent"] < 0.5:
            return np.full(state.n, NIGHT_NONE)
        ix, iy, _ = self._cells(e["boat_x"], e["boat_y"])
        open_sea = ~in_nk_waters & (self.d_bank_km[iy, ix] > p["fleet_radius_km"]) \
            & (self.d_japan_km[iy, ix] >= p["japan_patrol_km"]) & ~disabled
        late = (e["days"] % 1.0) >= 0.75 - 1e-9  # the second half of a night
        sleep = open_sea & ((e["tired"] >= AUTO_WATCH_NIGHTS) | (late & (e["tired"] <= 0.0) & (e["days"] >= 1.0)))
        return np.where(sleep, NIGHT_SLEEP, NIGHT_WATCH)

    def _auto_ashore(self, state: State) -> dict[str, Any]:
        """Before a crossing leaves (the same for every boat while they are all in the harbour):
        go over an old engine, buy fuel when the tank will not reach Japan, wait for a moonless
        night when one is near; no papers (the rounds of the offices draw eyes). Then each boat
        reads its own night's sky: it waits a day at a time, at most AUTO_WEATHER_DAYS, while the
        sea tonight could roll it over or a storm blows. Then it leaves."""
        p, e = self.p, state.extra
        if p["intent"] < 0.5 or not bool(e["in_harbour"].any()):
            return {"in_port": 0.0, "prep": 0.0}
        if state.step == e["port_steps"] and not bool(e["weather_steps"].any()):
            _b, dist = self._bearing_to(e["boat_x"][:1], e["boat_y"][:1], p["target_lon"], p["target_lat"])
            need = AUTO_FUEL_MARGIN * float(dist[0]) * self._kg_per_km(p["auto_cruise_throttle"])
            if p["engine_age_years"] >= AUTO_OVERHAUL_AGE and float(np.max(e["overhaul"])) < p["overhaul_days"] - 1e-9:
                return {"in_port": 1.0, "prep": float(PREP_ENGINE)}
            if float(np.max(e["fuel_kg"])) < need and \
                    float(np.max(e["bought_kg"])) < AUTO_FUEL_DAYS * p["market_fuel_kg_per_day"] - 1e-9:
                return {"in_port": 1.0, "prep": float(PREP_FUEL)}
            wait = self.days_to_dark(state)
            if 0 < wait <= AUTO_MOON_WAIT_DAYS:
                return {"in_port": 1.0, "prep": float(PREP_WAIT)}
        per_day = int(round(24.0 / self.step_hours))
        rough = (e["wave_m"] >= self.heavy_sea_m()) | e["storm"]
        steps = e["weather_steps"]
        stay = e["in_harbour"] & (((steps % per_day) != 0) | (rough & (steps < AUTO_WEATHER_DAYS * per_day)))
        if state.n == 1:
            return {"in_port": float(stay[0]), "prep": float(PREP_WEATHER) if stay[0] else 0.0}
        return {"in_port": stay.astype(float), "prep": np.where(stay, float(PREP_WEATHER), 0.0)}

    def _kg_per_km(self, throttle: float) -> float:
        p = self.p
        burn = p["fuel_burn_kg_h"] * (p["boat_length_m"] / p["fuel_ref_length_m"]) ** 3 * throttle ** 3
        speed = p["hull_speed_kmh"] * math.sqrt(p["boat_length_m"]) * throttle
        return burn / max(speed, 1e-9)

    def range_km(self, throttle: float, fuel_kg: float | None = None) -> float:
        """Distance on a full tank in calm water at a steady throttle (no wind, waves or current)."""
        fuel = self.p["fuel_kg"] if fuel_kg is None else fuel_kg
        return fuel / self._kg_per_km(throttle)

    # ----------------------------------------------------------- for the scene
    def forecast(self, state: State, days: int, i: int = 0, members: int = 200, storms: bool = False):
        """Outlook for boat ``i``: (mean, low, high), each an array (days, 2) of
        [wind m/s, wave m], daily means; low/high are the 10th and 90th
        percentiles of an ensemble run from today's weather. With ``storms``,
        a fourth array (days,): the share of members with a storm blowing at
        some time by the end of each day. The ensemble has its own generator
        (seeded by the step), so asking never changes the run.
        """
        e = state.extra
        rng = np.random.default_rng((state.step, i, 7919))
        w = {k: np.full(members, e[k][i]) for k in ("anom_u", "anom_v", "storm_left", "outbreak", "wave_m")}
        per_day = int(round(24.0 / self.step_hours))
        wind = np.zeros((days, members))
        wave = np.zeros((days, members))
        stormy = np.zeros(members, bool)
        storm_by = np.zeros(days)
        month0 = self._month_now(state)
        for d in range(days):
            for k in range(per_day):
                month = month0 + (d * 24.0 + (k + 1) * self.step_hours) / 24.0 / 30.44
                z = rng.standard_normal((2, members))
                uu = rng.random((3, members))
                self._weather_step(month, w, z[0], z[1], uu[0], uu[1], uu[2], self.step_hours)
                wind[d] += w["wind_ms"] / per_day
                wave[d] += w["wave_m"] / per_day
                stormy |= w["storm"]
            storm_by[d] = stormy.mean()
        mean = np.stack([wind.mean(axis=1), wave.mean(axis=1)], axis=1)
        low = np.stack([np.percentile(wind, 10, axis=1), np.percentile(wave, 10, axis=1)], axis=1)
        high = np.stack([np.percentile(wind, 90, axis=1), np.percentile(wave, 90, axis=1)], axis=1)
        if storms:
            return mean, low, high, storm_by
        return mean, low, high

    def wind_field(self, state: State, i: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """Wind (u east, v north; m/s) over the map for boat ``i``'s weather.

        The model gives each boat one wind for the whole sea; the field shows
        it over the sea tiles (zero on land), for drawing arrows.
        """
        e = state.extra
        return (np.where(self.is_sea, float(e["wind_u"][i]), 0.0), np.where(self.is_sea, float(e["wind_v"][i]), 0.0))


def fleet_run(model: Model, n: int, seed: int, policy=None) -> State:
    """Run n boats until every boat's fate is settled (not only its crew's).

    The runner stops when every crew's outcome is known; a boat whose crew was
    rescued drifts on, and the calibration needs to know where it ends up.
    ``policy(state) -> action`` defaults to the automatic player.
    """
    from .runner import Simulation, automatic, run_to_end

    sim = Simulation(model, n, seed)
    settled = lambda s: not s.state.extra["boat_afloat"].any() and not s.state.active.any()  # noqa: E731
    run_to_end(sim, policy or automatic(model), done=settled)
    state = sim.state
    state.finish(np.ones(n, bool), model.code(model.timeout_outcome))
    e = state.extra
    e["boat_fate"] = np.where(e["boat_afloat"], ADRIFT_END, e["boat_fate"]).astype(np.int8)
    return state


def found_by_japan(state: State) -> dict[str, Any]:
    """The boats of a ``fleet_run`` as Japan's coast guard would have counted
    them (sea.boats_2017): a case is a boat that reached Japan's shore, or a
    crew Japan's coast guard took off at sea (as on 15 November 2017, 360 km
    out); its boat is then not counted again when it drifts ashore.

    Returns counts of cases with survivors, with only the dead, and empty,
    and the bodies and survivors per such case.
    """
    e = state.extra
    by_japan = e["rescued_by"] == 1
    ashore = (e["arrived_with"] >= 0) & ~by_japan
    alive_case = (ashore & (e["arrived_with"] == 2)) | by_japan
    dead_case = ashore & (e["arrived_with"] == 1)
    empty_case = ashore & (e["arrived_with"] == 0)
    return {
        "cases": int(alive_case.sum() + dead_case.sum() + empty_case.sum()),
        "survivors": int(alive_case.sum()), "dead": int(dead_case.sum()), "empty": int(empty_case.sum()),
        "rescued_by_japan": int(by_japan.sum()),
        "bodies_per_dead_boat": float(e["bodies_on_arrival"][dead_case].mean()) if dead_case.any() else 0.0,
    }


__all__ = ["Model", "BOAT_FATES", "DEATH_CAUSES", "fleet_run", "found_by_japan", "ONGOING"]
