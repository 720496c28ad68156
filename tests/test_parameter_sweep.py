"""Every parameter of every scenario moves some outcome somewhere in its range.

Each parameter is set to the low and then the high end of the range its
scenario file declares (100 travellers, the same seed as the base run). It
must move an outcome in the scenario's default preset, or in another preset,
or in the setting named for it below, where it applies (a child's walking
pace matters only with a child): such a name is tried in its own setting
first. A parameter that can move nothing at all has no place in the file;
the few that only shape what is shown are listed with the reason.

"Moves an outcome" is the debrief's tornado chart's test (game.sim.sensitivity:
a share, or the mean time to the outcomes, changes), taken against the base
run: the base value lies in the range, so a change from it to either end is a
change within the range. A parameter that moved at its low end needs no run at
its high end; that end is still built and started, so every end of every range
must be a value the model takes. Nor does a run go on once it cannot come
to what the base run came to (a count already past the base run's, or a mean
time out of reach: _must_differ): the verdict is the one a whole run would give.

Coarse on purpose, and still the slowest test. No first pass with fewer
travellers: it found most moves sooner, but a run that moves nothing goes to
its end, and then again with 100; now that a run that moves something stops
part way, the 100 alone cost less (fog 35 -> 28 s CPU, sea 17.5 -> 13).
``pytest -k sweep`` runs it alone (``-k "sweep and fog"`` one scenario).
"""

from __future__ import annotations

import numpy as np
import pytest

from game.journey import world_for
from game.levels import load_by_id, model_for
from game.sim.model import ParameterError
from game.sim.montecarlo import TraceError, check_trace
from game.sim.runner import Cancelled, ChoiceTrace, Simulation, automatic, replaying, run_to_end
from game.sim.sensitivity import parameter_range

N, SEED = 100, 3

# Where a parameter does its work, when not in the default preset: overrides to try.
RUN_SOUTH = [(0, {"dx": 0.0, "dy": 1.0, "pace": 2, "wait": False, "climb": True, "turn_back": False})]
PROBE_SOUTH = [(0, {"dx": 0.0, "dy": 1.0, "pace": 0, "wait": False, "climb": True, "turn_back": False, "probe": True})]
# the rifle left at the post (the fog's ``armed``), and a challenge answered by running (``evade`` 2):
# running south unarmed and running from a challenge, one setting (one base run for the running,
# the climbing, the rifle and the flight)
RUN_SOUTH_UNARMED = [(0, {**RUN_SOUTH[0][1], "armed": False, "evade": 2})]
PROBE_SOUTH_UNARMED = [(0, {**PROBE_SOUTH[0][1], "armed": False})]
# a word to the comrade on leaving the post (the fog's ``leave`` 1), after most of the watch at the post
WORD_LATE = [(0, {"set_out": False, "leave": 1}), (900, {**PROBE_SOUTH[0][1], "set_out": True, "leave": 1})]
# walking south, then waiting for a thicker bank of fog (the fog's ``bank``), then on
# (having watched the strip in the days before, the fog's ``learn`` 1: the same setting, one base run)
BANK_SOUTH = [(0, {"dx": 0.0, "dy": 1.0, "pace": 1, "wait": False, "climb": True, "turn_back": False, "learn": 1}),
              (20, {"dx": 0.0, "dy": 1.0, "pace": 1, "wait": False, "climb": True, "turn_back": False, "bank": True,
                    "learn": 1})]
# walking south across both fences and the strip after the days before (the fog's ``learn``, ``morning``, ``coat``)
WALK_SOUTH = {"dx": 0.0, "dy": 1.0, "pace": 1, "wait": False, "climb": True, "turn_back": False}
# (asked, on a thicker morning, in the coat, then waiting for a bank: the three choices in one
# setting, so one base run serves all but the watching's two, tried in BANK_SOUTH)
DAYS_SOUTH = [(0, {**WALK_SOUTH, "learn": 2, "morning": 1, "coat": True}),
              (20, {**WALK_SOUTH, "learn": 2, "morning": 1, "coat": True, "bank": True})]
UNDER_AT_DRAIN = [(0, {"dx": 1.0, "dy": 0.0, "pace": 1, "wait": False, "climb": False, "turn_back": False}),
                  (136, {"dx": 0.0, "dy": 1.0, "pace": 1, "wait": False, "climb": True, "turn_back": False, "fence_way": 2})]

# a woman in Yanji who hides inside when the police come to the door (overland), living with
# the family who employ her, with a phone, in touch with other North Koreans: one setting (one
# base run) for the raids' factors of each
RAIDED_AT_HOME = {"start_in_china": 1.0, "raid_daily": 0.01,
                  "trace": [(0, {"activity": 0, "lodging": 1, "mobile": 1, "contacts": 1, "door": 0, "flee": 0})]}

WHERE = {
    "fog": {
        # what a clear night shows: the guards' eyes and the South's watch at a distance
        "clear_visibility_m": {"preset": "clear-night"},
        "guide_min": {"preset": "clear-night"},
        "sentry_factor": {"preset": "clear-night"},
        "missed_alarm": {"preset": "clear-night"},
        "south_watch_m": {"preset": "clear-night"},
        "fire_kill_share_south": {"preset": "clear-night"},
        # the fog lifts after sunrise: set out later and it lifts on the way
        "burn_delay_h": {"start_hour": 7.5},
        "burn_tau_h": {"start_hour": 8.5},
        # the automatic player never runs; a player who runs south meets these
        "run_speed_ms": {"trace": RUN_SOUTH_UNARMED},
        "motion_run": {"trace": RUN_SOUTH_UNARMED},
        "noise_run": {"trace": RUN_SOUTH_UNARMED},
        "chill_run": {"trace": RUN_SOUTH_UNARMED},
        # the automatic player climbs only when it hears a patrol; a player who climbs both fences meets this
        "motion_climb": {"trace": RUN_SOUTH_UNARMED},
        # ... and, since the automatic player waits at its post for the patrols to go, it seldom
        # hears one at the wire: a player who climbs both fences meets these too
        "climb_s_per_m": {"trace": RUN_SOUTH_UNARMED},
        "noise_climb": {"trace": RUN_SOUTH_UNARMED},
        # the automatic player keeps out of the minefields it could probe; a player who probes south meets these
        "probe_speed_ms": {"trace": PROBE_SOUTH},
        "probe_find_share": {"trace": PROBE_SOUTH},
        # its routes do not pass the drain; a player who walks east to it and goes under meets this
        "under_s": {"trace": UNDER_AT_DRAIN},
        # the automatic player takes its rifle; a player who leaves it meets these
        "noise_unarmed": {"trace": RUN_SOUTH_UNARMED},
        "probe_hand_share": {"trace": PROBE_SOUTH_UNARMED},
        # ... and it never runs from a challenge; a player who does meets these
        "challenge_run_caught": {"trace": RUN_SOUTH_UNARMED},
        "challenge_run_fire": {"trace": RUN_SOUTH_UNARMED},
        # it slips away unseen and never waits for a bank of fog; a player who does meets these
        "word_cover_min": {"trace": WORD_LATE},
        "word_doubt_share": {"trace": WORD_LATE},
        "bank_max_min": {"trace": BANK_SOUTH},
        "thick_fog_m": {"trace": BANK_SOUTH},
        "dense_fog_m": {"trace": BANK_SOUTH},
        # of the days before it keeps to itself, goes on the first foggy morning and wears no coat;
        # a player who decides otherwise meets these
        "learn_watch_mines": {"trace": BANK_SOUTH},
        "learn_watch_noticed": {"trace": BANK_SOUTH},
        "learn_ask_mines": {"trace": DAYS_SOUTH},
        "learn_ask_noticed": {"trace": DAYS_SOUTH},
        "morning_fog_factor": {"trace": DAYS_SOUTH},
        "morning_noticed": {"trace": DAYS_SOUTH},
        "coat_chill": {"trace": DAYS_SOUTH},
        "coat_noise": {"trace": DAYS_SOUTH},
        "coat_climb": {"trace": DAYS_SOUTH},
    },
    "jsa": {
        # The automatic player always runs; a player who walks, crawls or stops meets these.
        # ("trace": the recorded choices to replay, as (step, action) pairs.)
        "target_walk": {"trace": [(0, {"dx": 0.0, "dy": 1.0, "pace": 1, "wait": False})]},
        "walk_speed_ms": {"trace": [(0, {"dx": 0.0, "dy": 1.0, "pace": 1, "wait": False})]},
        "target_crawl": {"trace": [(0, {"dx": 0.0, "dy": 1.0, "pace": 0, "wait": False})]},
        "crawl_speed_ms": {"trace": [(0, {"dx": 0.0, "dy": 1.0, "pace": 0, "wait": False})]},
        "target_still": {"trace": [(0, {"dx": 0.0, "dy": 1.0, "pace": 2, "wait": False}),
                                   (94, {"dx": 0.0, "dy": 0.0, "pace": 2, "wait": True})]},  # past the road in
        # The automatic player makes 2017's choices; a player who decides otherwise meets these.
        "checkpoint_stop_share": {"trace": [(0, {"checkpoint": 1})]},
        "bluff_alarm_delay_s": {"trace": [(0, {"checkpoint": 1})]},
        "slow_jeep_speed_ms": {"trace": [(0, {"drive": 1})]},
        "ditch_slow_share": {"trace": [(0, {"drive": 1})]},
        "free_try_s": {"trace": [(0, {"free": True})]},
        "free_share": {"trace": [(0, {"free": True})]},
        "crawl_on_rescue_min": {"trace": [(0, {"dx": 0.0, "dy": 1.0, "pace": 2, "cover": 2})]},
        "crawl_on_bleed_x": {"trace": [(0, {"dx": 0.0, "dy": 1.0, "pace": 2, "cover": 2})]},
        "warned_bluff_stop_share": {"trace": [(0, {"checkpoint": 1})]},
        "weave_target": {"trace": [(0, {"dx": 0.0, "dy": 1.0, "pace": 2, "weave": True})]},
        "weave_speed": {"trace": [(0, {"dx": 0.0, "dy": 1.0, "pace": 2, "weave": True})]},
        "signal_rescue_min": {"trace": [(0, {"dx": 0.0, "dy": 1.0, "pace": 2, "cover": 1, "signal": 2})]},
        "signal_hit_share": {"trace": [(0, {"dx": 0.0, "dy": 1.0, "pace": 2, "cover": 1, "signal": 2})]},
        # setting off at dusk (2017: mid-afternoon); stopped at the checkpoint, each answer; across unhurt, each
        "dusk_seen_x": {"trace": [(0, {"hour": 1, "dx": 0.0, "dy": 1.0, "pace": 2, "held": 1, "cover": 1})]},
        "dusk_racing_stop_share": {"trace": [(0, {"hour": 1, "dx": 0.0, "dy": 1.0, "pace": 2, "held": 1, "cover": 1})]},
        "dusk_hit_x": {"trace": [(0, {"hour": 1, "dx": 0.0, "dy": 1.0, "pace": 2, "held": 1, "cover": 1})]},
        "dusk_bluff_x": {"trace": [(0, {"hour": 1, "checkpoint": 1, "held": 1})]},
        "talk_release_share": {"trace": [(0, {"checkpoint": 1, "held": 1})]},
        "warned_talk_release_share": {"trace": [(0, {"checkpoint": 1, "held": 1})]},
        "drive_through_share": {"trace": [(0, {"checkpoint": 1, "held": 2})]},
        "drive_through_lost_s": {"trace": [(0, {"checkpoint": 1, "held": 2, "dx": 0.0, "dy": 1.0, "pace": 2,
                                                 "cover": 1})]},
        "turn_back_held_share": {"trace": [(0, {"checkpoint": 1, "held": 3})]},
        "run_on_hit_share": {"trace": [(0, {"dx": 0.0, "dy": 1.0, "pace": 2, "onward": 2, "cover": 1, "signal": 1})]},
        "wait_hit_share": {"trace": [(0, {"dx": 0.0, "dy": 1.0, "pace": 2, "onward": 1, "cover": 1, "signal": 1})]},
        "wait_caught_share": {"trace": [(0, {"dx": 0.0, "dy": 1.0, "pace": 2, "onward": 1, "cover": 1, "signal": 1})]},
        # an errand in the duty book (checked, or believed when stopped); watching at the turn by the monument
        "errand_check_share": {"trace": [(0, {"errand": 1, "dx": 0.0, "dy": 1.0, "pace": 2, "cover": 1})]},
        "errand_talk_release_share": {"trace": [(0, {"errand": 1, "checkpoint": 1, "held": 1})]},
        "look_s": {"trace": [(0, {"look": 3, "dx": 0.0, "dy": 1.0, "pace": 2, "cover": 1})]},
        "watch_lead_m": {"trace": [(0, {"watch": 1})]},
        "watch_noticed_share": {"trace": [(0, {"watch": 1})]},
    },
    "overland": {
        # the 2009 route and prices (the river's paid guard, the Mekong by night)
        "mekong_night_drown_factor": {"preset": "thailand-2009"},
        "guard_pay_cost": {"preset": "thailand-2009"},
        # the far Gobi, on the way to Mongolia (two whole runs on the Thai route spared)
        "gobi_far_check_factor": {"preset": "mongolia-2017"},
        "gobi_far_loss_factor": {"preset": "mongolia-2017"},
        # the season bites in the Gobi, hardest with a child
        "month": {"planned_route": 1.0, "with_child": 1.0},
        "fee_2007": {"year": 2008.0},
        "fee_2011": {"year": 2011.0},
        "fee_2024": {"year": 2023.0, "start_money": 40000.0},
        "guard_factor_budget": {"start_money": 20000.0},
        "guard_factor_reliable": {"start_money": 60000.0},
        "ice_from_month": {"month": 6.0},
        "ice_to_month": {"month": 1.0},
        "ice_health_loss": {"month": 1.0},
        "sealed_guard_factor": {"year": 2022.0},
        "broker_check_reliable": {"start_money": 60000.0},
        "reliable_stopover_factor": {"start_money": 60000.0},
        "crackdown_factor": {"year": 2022.0, "start_in_china": 1.0},
        "check_inner_mongolia": {"planned_route": 1.0},
        "check_gobi": {"planned_route": 1.0},
        "gobi_walk_km": {"planned_route": 1.0},
        "gobi_winter_loss": {"planned_route": 1.0, "month": 12.0},
        "gobi_summer_loss": {"planned_route": 1.0},
        "winter_from_month": {"planned_route": 1.0, "with_child": 1.0},
        "winter_to_month": {"planned_route": 1.0, "with_child": 1.0},
        "chinese_arrest_factor": {"speaks_chinese": 1.0},
        # (on foot all the way: the automatic player takes a child into Laos by car)
        "child_foot_factor": {"with_child": 1.0, "trace": [(0, {"activity": 1, "mode": 0})]},
        "child_exposure_factor": {"with_child": 1.0, "month": 12.0,
                                  "trace": [(0, {"activity": 1, "mode": 0, "ford": 1})]},
        "recovery": {"month": 12.0, "start_money": 0.0, "auto_patience_days": 0.0},
        "traffick_broker_reliable": {"start_money": 40000.0, "start_in_china": 1.0},
        # a traveller who keeps hiding on the North's side crosses when the wait runs out
        "nk_wait_max_days": {"trace": [(0, {"activity": 0, "route": 0, "mode": 1, "broker": 0, "papers": 0, "pay": 0})]},
        # the Mekong's danger, where many reach it
        "mekong_drown_factor": {"start_money": 60000.0, "drown_risk": 0.2},
        # a traveller alone without papers who offers money when stopped
        "bribe_cost": {"start_money": 3000.0, "trace": [(0, {"activity": 1, "route": 0, "mode": 1, "broker": 0,
                                                                "papers": 0, "pay": 1, "ford": 0, "flee": 0})]},
        # the night's walk upstream, for a mother and child who go on on foot in winter
        "remote_walk_loss": {"with_child": 1.0, "month": 12.0,
                             "trace": [(0, {"activity": 1, "route": 0, "mode": 0, "broker": 0, "papers": 0, "pay": 0,
                                            "ford": 1, "flee": 0})]},
        # a woman who stays in a church's shelter in Yanji
        "church_raid_factor": {"start_in_china": 1.0, "trace": [(0, {"activity": 3, "route": 0, "mode": 1, "broker": 0,
                                                                      "papers": 0, "pay": 0, "ford": 0, "flee": 0})]},
        "church_passage_daily": {"start_in_china": 1.0, "start_money": 0.0, "remittance": 0.0,
                                 "trace": [(0, {"activity": 3, "route": 0, "mode": 1, "broker": 0, "papers": 0,
                                                "pay": 0, "ford": 0, "flee": 0})]},
        "church_traffick_factor": {"start_in_china": 1.0,
                                   "trace": [(0, {"activity": 3, "route": 0, "mode": 1, "broker": 0, "papers": 0,
                                                  "pay": 0, "ford": 0, "flee": 0})]},
        # seen in the river: a player who lies still, or runs (from 2020 the order to shoot falls on those who run)
        "spot_still_caught": {"guard_catch": 0.5, "trace": [(0, {"activity": 1, "spotted": 0})]},
        "spot_run_caught": {"guard_catch": 0.5, "trace": [(0, {"activity": 1, "spotted": 1})]},
        "spot_run_drown_factor": {"guard_catch": 0.5, "trace": [(0, {"activity": 1, "spotted": 1})]},
        "shot_share": {"year": 2022.0, "trace": [(0, {"activity": 1, "spotted": 1})]},
        # a player who pays a guard and crosses at once (the automatic player pays only with money to spare)
        "paid_guard_factor": {"guard_catch": 0.5, "trace": [(0, {"activity": 1, "guard_pay": 1})]},
        "guard_betray": {"trace": [(0, {"activity": 1, "guard_pay": 1})]},
        # the police at the door of a woman in Yanji who hides inside, or goes out the back
        "door_hide_caught": RAIDED_AT_HOME,
        "door_run_caught": {"start_in_china": 1.0, "raid_daily": 0.01, "trace": [(0, {"activity": 0, "door": 1})]},
        # a woman in Yanji who lives with the family who employ her (the automatic player does
        # only during a police campaign): hiding, then working
        "family_raid_factor": RAIDED_AT_HOME,
        "family_wage_factor": {"start_in_china": 1.0, "start_money": 0.0, "remittance": 0.0,
                               "trace": [(0, {"activity": 2, "lodging": 1})]},
        # ... and who keeps a phone (warned more often, found more often), and moves when warned
        "mobile_raid_factor": RAIDED_AT_HOME,
        "mobile_warning_share": {"start_in_china": 1.0, "raid_daily": 0.01,
                                 "trace": [(0, {"activity": 0, "mobile": 1, "door": 0, "flee": 1})]},
        # a woman in Yanji who trusts a stranger's offer of work (the automatic player declines)
        "offer_daily": {"start_in_china": 1.0, "trace": [(0, {"activity": 0, "trust": 1})]},
        "offer_false": {"start_in_china": 1.0, "trace": [(0, {"activity": 0, "trust": 1})]},
        "offer_pay": {"start_in_china": 1.0, "start_money": 0.0, "remittance": 0.0,
                      "trace": [(0, {"activity": 0, "trust": 1})]},
        # a call on a smuggled phone before leaving home (the automatic player calls only when short of money)
        "phone_traced": {"trace": [(0, {"activity": 0, "phone": 1})]},
        # ... and a woman with nothing, whose relative's money pays a guard at the river
        "phone_money": {"start_money": 0.0, "trace": [(0, {"activity": 0, "phone": 1, "guard_pay": 1}),
                                                      (1, {"activity": 1, "guard_pay": 1})]},
        # a neighbour who has crossed before, asked of the mother (no phone): the plan may be told
        "neighbour_informs": {"remittance": 0.0, "trace": [(0, {"activity": 0, "company": 1})]},
        # going on at once from every stopover, alone
        "rushed_check_factor": {"trace": [(0, {"activity": 1, "haste": 1})]},
        # what she sells before leaving (asked of the mother, no phone, the day after the company):
        # quietly (the automatic player, when short of a broker's price), or openly
        "sell_quiet_money": {"start_money": 0.0, "remittance": 0.0, "trace": [(0, {"activity": 0, "sell": 1})]},
        "sell_quiet_informs": {"remittance": 0.0, "trace": [(0, {"activity": 0, "sell": 1})]},
        "sell_open_money": {"start_money": 0.0, "remittance": 0.0, "trace": [(0, {"activity": 0, "sell": 2})]},
        # a woman in Yanji who keeps in touch with other North Koreans (the automatic player does, outside a campaign)
        "contacts_raid_factor": RAIDED_AT_HOME,
        "contacts_traffick_factor": {"start_in_china": 1.0, "trace": [(0, {"activity": 0, "contacts": 1})]},
        # a woman in Yanji in 2023 who calls a church group: fewer ways south after the closures
        "church_closures_factor": {"preset": "crackdown-2023", "trace": [(0, {"activity": 2, "church_call": 1})]},
        "church_closures_from_year": {"preset": "crackdown-2023", "trace": [(0, {"activity": 2, "church_call": 1})]},
        # a player without a travel permit (taken off the train, or found at her aunt's), or
        # with one in the hills (the automatic player buys a permit and waits at the aunt's)
        "permit_caught": {"trace": [(0, {"activity": 0, "permit": 0, "stay": 0})]},
        "guest_check": {"trace": [(0, {"activity": 0, "permit": 0, "stay": 0})]},
        "open_night_loss": {"trace": [(0, {"activity": 0, "permit": 1, "stay": 1})]},
        # into the Gobi in winter with little water, hiding from the soldiers (the automatic
        # player carries plenty and walks to them)
        "gobi_thirst_factor": {"preset": "mongolia-2017", "month": 1,
                               "trace": [(0, {"activity": 1, "route": 1, "water": 0, "soldiers": 1})]},
        "gobi_lost_share": {"preset": "mongolia-2017", "month": 1,
                            "trace": [(0, {"activity": 1, "route": 1, "water": 0, "soldiers": 1})]},
        # into Laos hidden in a car (the automatic player's way with a child), for those who can pay a broker
        "laos_vehicle_check_factor": {"with_child": 1.0, "start_money": 60000.0},
        # health mended at rest tells for someone who goes hungry (since the automatic player calls
        # home, the default traveller rarely does)
        "recovery": {"start_money": 0.0, "remittance": 0.0},
        # a woman in Yanji with nothing (the automatic player now sells a few things before leaving,
        # and keeps in touch with other North Koreans, so the default traveller is rarely destitute)
        "destitute_factor": {"start_in_china": 1.0, "start_money": 0.0, "remittance": 0.0},
    },
    "sea": {
        # long drifts, where food, hunger and the dead aboard come into it
        "food_days": {"water_days": 60.0, "fishing_days": 30.0},
        "hunger_hazard": {"water_days": 60.0, "fishing_days": 30.0},
        # bailing in the cold wets the crew: it tells over a long winter drift
        "bail_wet_share": {"month": 1.0, "water_days": 60.0, "fishing_days": 30.0},
        "burial_per_day": {"fleet_rescue_per_day": 0.0},
        "hull_patch_per_day": {"boat_length_m": 6.0},
        # a crew that passes for a fishing boat near the North's coast meets these
        "cover_watch_factor": {"preset": "defector-summer", "trace": [(0, {"cover": 1, "throttle": 1.0})]},
        "cover_throttle": {"preset": "defector-summer", "trace": [(0, {"cover": 1, "throttle": 1.0})]},
        # what the boat carries weighs on the odds only when it is more than the boat can carry
        "overload_factor": {"boat_length_m": 7.0, "crew": 12.0},
        "person_kg": {"boat_length_m": 7.0, "crew": 12.0},
        "water_kg_per_day": {"boat_length_m": 7.0, "crew": 12.0},
        "food_kg_per_day": {"boat_length_m": 7.0, "crew": 12.0},
        # a crossing met by a busy watch that runs, or shows papers it has or has not got
        "nk_run_stop": {"preset": "defector-summer", "nk_rescue_per_day": 3.0, "trace": [(0, {"in_port": 0, "evade": 2})]},
        "nk_claim_stop": {"preset": "defector-summer", "nk_rescue_per_day": 3.0, "trace": [(0, {"in_port": 0, "evade": 3})]},
        "nk_permit_stop": {"preset": "defector-summer", "nk_rescue_per_day": 3.0,
                           "trace": [(0, {"in_port": 1, "prep": 3}), (12, {"in_port": 0, "evade": 3})]},
        "bribe_release": {"preset": "defector-summer", "nk_rescue_per_day": 3.0,
                          "trace": [(0, {"in_port": 0, "evade": 3, "bribe": 1})]},
        # where a crossing puts out from: past the harbour's post (a player's choice; the automatic
        # player without papers rows out of a cove)
        "harbour_post_stop": {"preset": "defector-summer", "trace": [(0, {"in_port": 0, "put_out": 0})]},
        "cove_row_hours": {"preset": "defector-summer"},
        "permit_days": {"preset": "defector-summer", "nk_rescue_per_day": 3.0,
                        "trace": [(0, {"in_port": 1, "prep": 3}), (12, {"in_port": 0, "evade": 3})]},
        # a crossing's own (the default preset is a fishing crew, who never aim for
        # Japan, spend no days ashore readying a crossing, nor wait for the moon)
        "target_lon": {"preset": "defector-summer"},
        "target_lat": {"preset": "defector-summer"},
        "monsoon_first_month": {"preset": "defector-summer"},
        "monsoon_last_month": {"preset": "defector-summer"},
        "wind_from_summer_deg": {"preset": "defector-summer"},
        "storm_rate_summer": {"preset": "defector-summer"},
        "overhaul_days": {"preset": "defector-summer"},
        "overhaul_effect": {"preset": "defector-summer"},
        "report_per_day": {"preset": "defector-summer"},
        "moon_age_days": {"preset": "defector-summer"},
        # a winter crossing: heavy seas to run before, fuel bought ashore, a watch that the moon helps
        "run_capsize_factor": {"preset": "defector-winter"},
        "market_fuel_kg_per_day": {"preset": "defector-winter"},
        "report_busy_factor": {"preset": "defector-winter"},
        "moon_watch_factor": {"preset": "defector-winter"},
        # at sea in winter: a tarpaulin as a sail once the engine stops, or spread for a storm's rain
        "sail_wind_share": {"preset": "defector-winter"},
        "rain_catch_per_day": {"preset": "defector-winter"},
        # landing on Japan's coast, a crossing's end (a fishing crew seldom lands): tried
        # here first, it is spared two whole runs in the default preset that move nothing
        "surf_capsize_wave_m": {"preset": "defector-summer"},
        "surf_drown_share": {"preset": "defector-summer"},
        "harbour_detour_km": {"preset": "defector-summer"},
        # a lamp lit at the mast through the nights asleep (the automatic player sleeps dark)
        "lamp_seen_factor": {"preset": "defector-summer", "trace": [(0, {"in_port": 0, "night": 3})]},
    },
}

# Positions on the map are swept by the sea model's own tests (a corner of the
# map is land or off it, which the model refuses); the rest only shape what is
# shown on screen.
NOT_SWEPT = {
    "overland": {
        "speed_boat": "the Mekong at Huay Xai is a river's width: any boat crosses it within the day",
    },
    "sea": {
        "start_lon": "a position: the model refuses a start off the map or on land (tested in test_sea_model)",
        "start_lat": "a position: the model refuses a start off the map or on land (tested in test_sea_model)",
        "land_sighted_km": "only what the player is shown: where the crew reckons it is, without GPS",
    },
    "fog": {
        "see_guard_night_m": "only what the player is shown: how far off a guard is drawn at night",
        "see_guard_near_m": "only what the player is shown: within this a guard is always drawn",
    },
}


def _trace(sid: str, pairs) -> ChoiceTrace:
    trace = ChoiceTrace(scenario=sid)
    for step, action in pairs:
        trace.record(step, action)
    return trace


def _places(scenario, names):
    """Where to look for each name: its own setting (WHERE), where it does its
    work; the default preset; every other preset (but not again the preset
    that is a name's own setting). Names that share a place are tried
    together, so one base run serves them all (each name's two ends are its
    own runs). Each place is (preset, overrides, trace, names)."""
    places: dict = {}
    for name in names:
        if name in WHERE.get(scenario.id, {}):
            over = dict(WHERE[scenario.id][name])
            pairs = over.pop("trace", None)
            preset = over.pop("preset", None)
            key = (preset, tuple(sorted(over.items())), tuple((s, tuple(sorted(a.items()))) for s, a in pairs or ()))
            places.setdefault(key, (preset, over, _trace(scenario.id, pairs) if pairs else None, []))[3].append(name)
    home = (None, {}, None, list(names))
    others = [(p, {}, None, [name for name in names if (p, (), ()) not in places or name not in places[(p, (), ())][3]])
              for p in scenario.presets if p != scenario.default_preset]
    return list(places.values()), home, others


def _outcome(sim) -> tuple:
    """What a run came to, as the tornado chart compares it (run_many's
    result, game.sim.sensitivity): the counts (the shares, at the same number
    of travellers) and the mean time to the outcomes; and the sum of the steps
    at which the travellers' outcomes came (for _must_differ)."""
    k = len(sim.model.outcomes)
    counts = tuple(int(c) for c in np.bincount(sim.outcomes, minlength=k)[:k])
    return counts, float(np.mean(sim.end_step * float(sim.model.step_hours))), int(sim.end_step.sum())


def _differs(a: tuple, b: tuple) -> bool:
    return a[0] != b[0] or abs(a[1] - b[1]) > 1e-9  # (sensitivity.Swing.moves)


def _must_differ(sim, base: tuple) -> bool:
    """Can this run, part way, still end as ``base`` did? False only if it
    can: the test is sure, never a guess. The counts only grow; everyone
    still going ends at a later step than this one and no later than the
    model's last (``max_steps``), so the sum of the steps at which they end
    (the mean time, times n over the step's hours) lies between two bounds.
    A sum one step apart moves the mean by far more than _differs' 1e-9."""
    counts, _hours, base_steps = base
    k = len(counts)
    codes = sim.outcomes
    ended = codes >= 0
    if (np.bincount(codes[ended], minlength=k)[:k] > counts).any():
        return True
    steps = int(sim.end_step[ended].sum())
    going = sim.n - int(np.count_nonzero(ended))
    return not steps + going * (sim.step_index + 1) <= base_steps <= steps + going * sim.model.max_steps


def _run(model, n: int, trace, base: tuple | None = None) -> tuple | None:
    """A run of ``n`` travellers (the recorded choices, or the automatic
    player), as run_many makes it: what it came to (_outcome). Given the
    ``base`` run's, it stops as soon as it cannot end the same way, and gives
    None: a parameter that moves an outcome is mostly seen to part way
    through, and that is all the test asks of it."""
    if trace is not None:
        check_trace(model, trace)
    policy = automatic(model) if trace is None else replaying(model, trace)
    sim = Simulation(model, n, SEED, events=False)
    try:
        run_to_end(sim, policy, cancelled=None if base is None else lambda: _must_differ(sim, base))
    except Cancelled:
        return None
    return _outcome(sim)


class _Models:
    """The scenario's models, built once for each set of values: the check
    that every end is a value the model takes (_refused) builds and starts
    the default preset's ends, and the sweep's runs there use the same
    models (a model keeps no run's state: a Simulation does)."""

    def __init__(self, scenario):
        self.scenario = scenario
        self.world = world_for(scenario)
        self._built: dict = {}

    def __call__(self, vals: dict):
        """The model for ``vals``, built and started once (ParameterError,
        TraceError or ValueError: the model refuses them)."""
        key = tuple(sorted((k, float(v)) for k, v in vals.items()))
        if key not in self._built:
            model = model_for(self.scenario, vals, self.world)
            model.start(2, np.random.default_rng(SEED))
            self._built[key] = model
        return self._built[key]


def sweep(models: _Models, preset, over, n, trace, names) -> tuple[set[str], list[tuple[str, str]]]:
    """Which of ``names`` move an outcome away from the base run at an end of
    their range; and the ends the model refuses, with its reason.

    The low end is run first; only a parameter it did not move is run at its
    high end. An end not run is still built and started: it must be a value
    the model takes."""
    scenario = models.scenario
    preset = preset or scenario.default_preset
    done: dict = {}  # values -> outcome: an end that is the base value is not run again

    def outcome(vals, base=None):
        key = tuple(sorted((k, float(v)) for k, v in vals.items()))
        if key not in done:
            done[key] = _run(models(vals), n, trace, base)
        return done[key]

    base_vals = scenario.values(preset, dict(over))
    base = outcome(base_vals)
    moved: set[str] = set()
    refused: list[tuple[str, str]] = []
    for name in names:
        for value in parameter_range(scenario.parameters[name], base_vals[name]):
            vals = scenario.values(preset, {**over, name: value})
            try:
                if name in moved:  # shown to move already: this end need only be taken
                    models(vals)
                else:
                    ran = outcome(vals, base)  # None: stopped once it could not end as the base run did
                    if ran is None or _differs(ran, base):
                        moved.add(name)
            except (ParameterError, TraceError, ValueError) as exc:  # the model refuses this value
                refused.append((name, str(exc)))
    return moved, refused


def _refused(models: _Models, names) -> list[tuple[str, str]]:
    """The ends of ``names`` the model refuses in the default preset, with its
    reason: each end is built and started (every end of every declared range
    must be a value the model takes; the runs then show that it runs)."""
    scenario = models.scenario
    base_vals = scenario.values(scenario.default_preset, {})
    refused = []
    for name in names:
        for value in parameter_range(scenario.parameters[name], base_vals[name]):
            try:
                models(scenario.values(scenario.default_preset, {name: value}))
            except (ParameterError, TraceError, ValueError) as exc:
                refused.append((name, str(exc)))
    return refused


def _idle_everywhere(models: _Models, names) -> tuple[list[str], list[tuple[str, str]]]:
    """Those of ``names`` that move no outcome in any place they are tried;
    and the ends the model refuses in a run of the default preset.

    A name is tried in its own setting first, then in the default preset,
    then in the other presets, and no further once it moved."""
    idle = list(names)
    refused: list[tuple[str, str]] = []
    own, home, others = _places(models.scenario, names)
    for preset, over, trace, wanted in own + [home] + others:
        todo = [name for name in wanted if name in idle]
        if not todo:
            continue
        moved, refusals = sweep(models, preset, over, N, trace, todo)
        if (preset, over, trace) == (None, {}, None):
            refused += refusals  # elsewhere a value may be refused for that place's own reasons
        idle = [name for name in idle if name not in moved]
    return idle, refused


# Each scenario's parameters are swept in PARTS tests, so that a parallel run
# (pytest -n) shares the heaviest ones out between its workers; a part costs
# its own base runs in the presets, nothing else. Each is heavy (started
# first); none over about 16 s of CPU.
PARTS = {"fog": 2, "sea": 1, "overland": 2, "jsa": 1}  # the largest first


def _part(scenario, names, part: int) -> list[str]:
    """The names of one of the scenario's PARTS parts: names tried in the
    same setting of WHERE stay together (one base run there serves them all),
    the others are dealt out in turn to even the parts up."""
    where = WHERE.get(scenario.id, {})
    groups: dict = {}
    for name in names:
        groups.setdefault(repr(where[name]) if name in where else name, []).append(name)
    parts: list[list[str]] = [[] for _ in range(PARTS[scenario.id])]
    for group in sorted(groups.values(), key=len, reverse=True):  # stable: the file's order among equals
        min(parts, key=len).extend(group)
    return [name for name in names if name in parts[part]]


def _cases():
    for sid, parts in PARTS.items():
        for part in range(parts):
            yield pytest.param(sid, part, marks=[pytest.mark.heavy], id=f"{sid}-{part + 1}of{parts}")


@pytest.mark.parametrize("sid,part", list(_cases()))
def test_sweep_every_parameter_moves_an_outcome(sid, part):
    scenario = load_by_id(sid)
    skip = NOT_SWEPT.get(sid, {})
    names = _part(scenario, [n for n in scenario.parameters if n not in skip], part)
    assert names
    models = _Models(scenario)
    refused = _refused(models, names)
    assert not refused, refused  # every end of every declared range must be a value the model takes
    still_idle, refused = _idle_everywhere(models, names)
    assert not refused, refused
    assert not still_idle, f"{sid}: these parameters move no outcome anywhere in their range: {still_idle}"
    # The listed exceptions are real parameters (no stale names).
    assert set(skip) <= set(scenario.parameters)
    assert set(WHERE.get(sid, {})) <= set(scenario.parameters)
