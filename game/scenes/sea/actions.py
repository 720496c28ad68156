"""The wooden boat (the sea screen): the crew's choices as the model's action.

Pure Python, no pygame: what a control does is tested in milliseconds
(tests/test_controls.py)."""

from __future__ import annotations

from dataclasses import dataclass

from ...i18n import N_

COURSE_STEP = 15.0  # degrees a course button or key turns the boat
ENGINE = ((0.0, N_("off")), (0.3, N_("slow")), (0.55, N_("cruise")), (1.0, N_("full")))
RATIONS = ((1.0, N_("full")), (0.6, N_("reduced")), (0.3, N_("minimal")))
# How the boat meets heavy seas (the model's ``storm_tactic``: 0, 1, 2).
SEAS = (N_("hold the course"), N_("heave to"), N_("run before them"))
HOLD, HEAVE_TO, RUN = range(3)
# The tarpaulin (the model's ``tarp``: 0, 1, 2): stowed, rigged as a sail, spread for rain.
TARP = (N_("stowed"), N_("a sail"), N_("for rain"))
STOWED, SAIL, RAIN = range(3)
# Landfall with Japan's coast in sight (the model's ``landfall``: 0 none yet, 1 a beach, 2 a harbour's
# lights, 3 stop, signal and wait for the coast guard).
LANDFALL = {"run_beach": 1, "make_harbour": 2, "wait_coastguard": 3}

# The moments the crew must decide (the model's event codes), the choices each offers, in
# order of urgency: when several come in one step, the first with choices is asked.
DECISIONS: dict[str, tuple[str, ...]] = {
    "ship_sighted": ("signal", "hide"),
    "storm": ("heave_to", "run", "hold"),
    "rain": ("catch_rain", "keep_tarp"),
    "heavy_seas": ("heave_to", "run", "hold"),
    "engine_failed": ("repair", "rig_sail", "drift"),
    "water_low": ("ration_reduced", "ration_minimal", "turn_home"),
    "half_flooded": ("bail_all", "patch_and_bail"),
    "water_rising": ("bail_all", "patch_and_bail"),
    "fuel_out": ("rig_sail", "signal", "hide"),
    "nk_shore_drift": ("sail_off", "repair", "drift_in"),
    "water_out": ("signal", "turn_home"),
    "fuel_low": ("engine_slow", "engine_keep"),
    "left_nk_waters": ("run_for_it", "keep_cover"),
    "japan_near": ("run_beach", "make_harbour", "wait_coastguard"),
    "grounds_ahead": ("grounds_cover", "grounds_dark"),
    "fishing_done": ("head_home", "fish_on"),
    "boat_dry": ("rest", "keep_bailing"),
    "seas_easing": ("resume", "stay_hove_to"),
}
# The first decision, when the boat sets out (asked by the screen, not by a model event; its
# words are the scenario's [events] entry of the same name): how a crossing leaves the coast,
# and whether a fishing crew fishes on or heads home.
LEAVING: dict[str, tuple[str, ...]] = {
    "leaving": ("leave_with_fleet", "leave_dark"),
    "leaving_fishing": ("fish_on", "head_home"),
}
# Ashore, after "Set out" and before the boat leaves (a crossing), the screen asks these in turn:
# each choice but the last of each spends days ashore on a task (the model's ``prep``), and every
# day ashore someone may talk. Their words are the scenario's [events] entries of the same names.
PREP: dict[str, tuple[str, ...]] = {
    "prep_engine": ("overhaul", "engine_as_is"),
    "prep_fuel": ("buy_fuel", "fuel_as_is"),
    "prep_permit": ("get_papers", "no_papers"),
    "prep_night": ("wait_dark", "leave_tonight"),
    "prep_where": ("from_cove", "from_harbour"),
    "prep_weather": ("wait_weather", "go_tonight"),
}
# Each morning at sea (asked by the screen from the forecast, not a model event): push on
# into rough weather or heave to and wait for it to pass; hove to, whether to go on again.
WEATHER: dict[str, tuple[str, ...]] = {
    "weather_window": ("push_on", "wait_out"),
    "weather_clear": ("resume", "stay_hove_to"),
}
# Each morning at sea with the boat under way (asked by the screen, not a model event), when no
# weather question is: the day's course, without GPS, from where the crew reckons it is. A crossing:
# hold the compass course, steer for Japan's nearest coast, or for the fleet's lights on a bank
# near enough to see; a fishing crew on its way home: hold on for home, or the fleet's lights.
# (The screen offers the fleet's lights only when a bank is near; its words are [events] entries.)
MORNING: dict[str, tuple[str, ...]] = {
    "morning_course": ("hold_course", "steer_japan", "steer_lights"),
    "morning_home": ("hold_course", "steer_lights"),
}
# Each evening at sea on a crossing under power (asked by the screen, not a model event): the night. Motor
# on with a watch kept in turns (the crew tires), or stop, lie to the sea anchor and all sleep, dark or with a
# lamp lit at the mast (ships that come close see it and stop). The model's ``night``: 1, 2, 3.
NIGHT: dict[str, tuple[str, ...]] = {
    "night_at_sea": ("night_watch", "night_sleep", "night_lamp"),
}
NIGHT_MODE = {"night_watch": 1, "night_sleep": 2, "night_lamp": 3}
STEER = ("steer_japan", "steer_lights")  # the screen turns the boat to the bearing (Crew.steer)
# The model's ``prep`` task for each choice that spends days ashore (see game/sim/sea.py).
PREP_TASK = {"overhaul": 1, "buy_fuel": 2, "get_papers": 3, "wait_dark": 0, "wait_weather": 4}
# What each choice says on its button.
CHOICE_LABELS: dict[str, str] = {
    "signal": N_("Signal: lights and flags"),
    "hide": N_("Stay dark and hidden"),
    "heave_to": N_("Heave to, bow to the sea"),
    "run": N_("Run before the seas"),
    "hold": N_("Hold the course"),
    "repair": N_("Work on the engine"),
    "drift": N_("Leave it; drift and save strength"),
    "ration_reduced": N_("Cut the rations"),
    "ration_minimal": N_("Only the barest rations"),
    "ration_full": N_("Keep full rations"),
    "engine_slow": N_("Slow the engine"),
    "engine_keep": N_("Keep the pace"),
    "run_for_it": N_("Cruise for Japan"),
    "keep_cover": N_("Keep a fishing boat's slow pace"),
    "resume": N_("Back on course"),
    "stay_hove_to": N_("Stay hove to"),
    "stay_running": N_("Keep running before them"),
    "trade": N_("Trade for fuel"),
    "turn_home": N_("Make for home"),
    "bail_all": N_("Everyone bails"),
    "patch_and_bail": N_("Patch the hull and bail"),
    "leave_with_fleet": N_("Among the fishing boats, slowly, as one of them"),
    "leave_dark": N_("Alone in the dark, at full speed"),
    "grounds_cover": N_("Pass for a fishing boat, slowly"),
    "grounds_dark": N_("Go on dark, at a cruise"),
    "fish_on": N_("Fish on with the fleet"),
    "head_home": N_("Head for home"),
    "overhaul": N_("Go over the engine first"),
    "engine_as_is": N_("Leave it as it is"),
    "buy_fuel": N_("Buy a day's fuel"),
    "fuel_as_is": N_("Go with this fuel"),
    "get_papers": N_("Get the papers stamped"),
    "no_papers": N_("Leave without papers"),
    "wait_dark": N_("Wait for a moonless night"),
    "leave_tonight": N_("Leave tonight"),
    "go_tonight": N_("Go tonight"),
    "from_cove": N_("From a cove, rowing out"),
    "from_harbour": N_("Out past the harbour's post"),
    "wait_weather": N_("Wait another day"),
    "sail_off": N_("Sail off along the coast"),
    "drift_in": N_("Let it carry you in"),
    "push_on": N_("Push on"),
    "wait_out": N_("Heave to and wait"),
    "offer_bribe": N_("Offer what you have"),
    "give_up": N_("Give yourselves up"),
    "drift_dark": N_("Lie dark, engine off"),
    "run_patrol": N_("Run for it, full speed"),
    "claim_fishing": N_("Say you are fishing"),
    "rest": N_("Stop bailing and rest"),
    "keep_bailing": N_("Keep bailing"),
    "rig_sail": N_("Rig the tarpaulin as a sail"),
    "catch_rain": N_("Spread the tarpaulin for rain"),
    "keep_tarp": N_("Leave the tarpaulin as it is"),
    "hold_course": N_("Hold the course"),
    "steer_japan": N_("Steer for Japan's nearest coast"),
    "steer_lights": N_("Steer for the fleet's lights"),
    "run_beach": N_("Run in for a beach"),
    "make_harbour": N_("Make for a harbour's lights"),
    "wait_coastguard": N_("Stop, signal and wait"),
    "night_watch": N_("Motor on, a watch in turns"),
    "night_sleep": N_("Stop and all sleep, dark"),
    "night_lamp": N_("Stop and sleep, a lamp lit"),
}


@dataclass
class Crew:
    """What the crew has chosen: a course, the engine, bailing, repairs,
    rations, signalling, turning for home, passing for a fishing boat, and
    how to meet heavy seas; for a fishing crew, whether it is working the grounds."""

    heading: float = 0.0
    throttle_i: int = 2
    bail: bool = True
    repair: bool = False
    ration_i: int = 0
    signal: bool = False
    turn_back: bool = False
    cover: bool = False
    seas: int = HOLD  # how the boat meets heavy seas (SEAS)
    trade: bool = False  # trade for fuel with a boat of the fleet in sight
    fishing: bool = False  # a fishing crew working the grounds (the model's ``fish``)
    evade: int = 0  # met by a North Korean patrol on a crossing: 1 lie dark, 2 run, 3 show papers (the model's)
    bribe: bool = False  # held alongside a patrol: offer what the crew has (the model's ``bribe``)
    tarp: int = STOWED  # the tarpaulin: stowed, a sail (engine stopped), spread for rain (the model's ``tarp``)
    landfall: int = 0  # Japan's coast in sight: 1 a beach, 2 a harbour's lights, 3 wait for the coast guard
    put_out: int = 1  # a crossing leaves from a cove along the coast (1, unless asked) or past the harbour's post (0)
    night: int = 0  # a crossing's nights at sea: 0 not asked, 1 a watch in turns, 2 all sleep, 3 sleep with a lamp lit

    def turn(self, delta: float) -> None:
        """A new course is a new decision: it ends turning back, fishing, and a landfall choice
        (the crew steers itself again)."""
        self.heading = (self.heading + delta) % 360
        self.turn_back = False
        self.fishing = False
        self.landfall = 0

    def end_wait(self) -> None:
        """The engine started again: no longer lying stopped for the coast guard."""
        if self.landfall == LANDFALL["wait_coastguard"]:
            self.landfall = 0
            self.signal = False  # the wait's signal

    def steer(self, bearing: float) -> None:
        """Steer for a bearing (a morning's course): to the nearest 5 degrees, as a compass is read."""
        self.turn((round(float(bearing) / 5.0) * 5.0 - self.heading) % 360)

    def cycle_tarp(self) -> None:
        self.tarp = (self.tarp + 1) % len(TARP)

    def choose(self, key: str) -> None:
        """A choice offered at a moment of decision (CHOICE_LABELS), as the crew's settings."""
        if key in ("signal", "hide", "trade"):
            self.signal = key == "signal"
            self.trade = key == "trade"
            self.evade = 0
        elif key in LANDFALL:  # the course and the engine are the model's from here (it knows the shore)
            # (a signal chosen for a ship in sight stays on: the landfall does not undo it; a wait's own
            # signal ends with the wait)
            self.signal = key == "wait_coastguard" or (self.signal and self.landfall != LANDFALL["wait_coastguard"])
            self.landfall = LANDFALL[key]
            self.turn_back = self.fishing = False
            if key == "wait_coastguard":
                self.throttle_i = 0
        elif key in ("offer_bribe", "give_up"):
            self.bribe = key == "offer_bribe"
        elif key in ("drift_dark", "run_patrol", "claim_fishing"):
            self.signal = self.trade = False
            self.evade = {"drift_dark": 1, "run_patrol": 2, "claim_fishing": 3}[key]
        elif key in NIGHT_MODE:  # the model applies it at night only; the day's settings are unchanged
            self.night = NIGHT_MODE[key]
        elif key in ("from_cove", "from_harbour"):
            self.put_out = int(key == "from_cove")
        elif key in PREP_TASK or key in ("engine_as_is", "fuel_as_is", "no_papers", "leave_tonight", "go_tonight"):
            pass  # ashore: the screen spends the days (PREP_TASK); the crew's settings at sea are unchanged
        elif key in ("heave_to", "run", "hold", "resume", "stay_hove_to", "stay_running", "push_on", "wait_out"):
            self.seas = {"heave_to": HEAVE_TO, "run": RUN, "stay_hove_to": HEAVE_TO, "stay_running": RUN,
                         "wait_out": HEAVE_TO}.get(key, HOLD)
            if key == "run":
                self.turn_back = False
        elif key in ("repair", "drift", "drift_in"):
            self.repair = key == "repair"
            if key != "repair":
                self.throttle_i = 0
                self.tarp = STOWED  # let the wind and the current take the boat where they will
        elif key.startswith("ration_"):
            self.ration_i = {"ration_full": 0, "ration_reduced": 1, "ration_minimal": 2}[key]
        elif key == "engine_slow":
            self.throttle_i = 1
        elif key == "run_for_it":  # "Cruise for Japan": the cruise, not full speed (fuel)
            self.cover = False
            self.throttle_i = 2
        elif key == "keep_cover":
            self.cover = True
        elif key == "turn_home":
            self.turn_back = True
            self.fishing = False
        elif key == "fish_on":
            self.fishing = True
            self.turn_back = False
        elif key == "head_home":
            self.fishing = False
            self.turn_back = True
            self.throttle_i = max(self.throttle_i, 2)
        elif key in ("rest", "keep_bailing"):
            self.bail = key == "keep_bailing"
        elif key == "leave_with_fleet" or key == "grounds_cover":
            self.cover = True
        elif key == "leave_dark":
            self.cover = False
            self.throttle_i = 3
        elif key == "grounds_dark":
            self.cover = False
            self.signal = False
            self.throttle_i = 2
        elif key in ("rig_sail", "sail_off"):  # a sail, and the rest of the hands at the engine
            # (for "sail_off" the screen turns the boat off the North's coast: it knows the bearing)
            self.tarp = SAIL
            self.repair = True
        elif key == "catch_rain":
            self.tarp = RAIN
        elif key in ("keep_tarp", "hold_course") or key in STEER:
            pass  # the screen turns the boat for a STEER choice (it knows the bearing); nothing else changes
        elif key in ("bail_all", "patch_and_bail"):
            self.bail = True
            self.repair = key == "patch_and_bail"
        elif key != "engine_keep":
            raise ValueError(f"no such choice: {key}")


def decisions_for(codes, crew: Crew, details: dict | None = None,
                  crossing: bool = False) -> list[tuple[str, tuple[str, ...]]]:
    """The decisions to ask among the events of a step (their codes; ``details`` the
    events' details by code), most urgent first. ``seas_easing`` asks only a crew that is
    hove to or running; boats of the fishing fleet in sight (kind 0) can also be traded with.
    A decision that offers nothing an earlier one of the step does not is not asked again
    (Japan's coast near, with a Japanese ship already in sight)."""
    details = details or {}
    asks: list[tuple[str, tuple[str, ...]]] = []
    for code in DECISIONS:
        if code not in codes or (code == "seas_easing" and crew.seas == HOLD) or (code == "rain" and crew.tarp == RAIN):
            continue
        keys = DECISIONS[code]
        if code == "ship_sighted" and details.get(code, {}).get("kind") == 0:
            keys = keys + ("trade",)
        if code == "ship_sighted" and details.get(code, {}).get("kind") == 1 and crossing:
            keys = ("drift_dark", "run_patrol", "claim_fishing")  # a patrol, and the crew is leaving
        if code == "ship_sighted" and details.get(code, {}).get("kind") == 3:
            keys = ("offer_bribe", "give_up")  # the patrol has come alongside
        if code == "seas_easing" and crew.seas == RUN:
            keys = ("resume", "stay_running")
        if any(set(keys) <= set(earlier) for _code, earlier in asks):
            continue
        asks.append((code, keys))
    return asks


def decision_for(codes, crew: Crew, details: dict | None = None,
                 crossing: bool = False) -> tuple[str, tuple[str, ...]] | None:
    """The most urgent decision among the events of a step, or None."""
    asks = decisions_for(codes, crew, details, crossing)
    return asks[0] if asks else None


def sea_action(crew: Crew, crossing: bool, in_port: bool = False, prep: int = 0) -> dict:
    """The sea model's action. Passing for a fishing boat, and how to meet a patrol, only
    mean something on a crossing (a fishing crew is one). Ashore (``in_port``), ``prep``
    is the day's task (PREP_TASK)."""
    action = {
        "heading_deg": float(crew.heading),
        "throttle": ENGINE[crew.throttle_i][0],
        "bail": int(crew.bail),
        "repair": int(crew.repair),
        "ration": RATIONS[crew.ration_i][0],
        "signal": int(crew.signal),
        "turn_back": int(crew.turn_back),
        "cover": int(crew.cover and crossing),
        "storm_tactic": int(crew.seas),
        "trade": int(crew.trade),
        "fish": int(crew.fishing and not crew.turn_back and not crossing),
        "evade": int(crew.evade) if crossing else 0,
        "bribe": int(crew.bribe and crossing),
        "tarp": int(crew.tarp),
        "landfall": int(crew.landfall) if crossing else 0,
        "put_out": int(crew.put_out) if crossing else 0,
        "night": int(crew.night) if crossing else 0,
    }
    if in_port:
        action["in_port"] = 1
        if prep:
            action["prep"] = int(prep)
    return action
