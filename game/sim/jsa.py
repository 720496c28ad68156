"""The JSA dash: the road to the line at Panmunjom, the last metres, and on across it, under fire.

13 November 2017: a soldier of the North drove a jeep at speed past a checkpoint
towards the Joint Security Area; a wheel stuck in a ditch about 10 m short of the line;
he ran on while four pursuers fired about 40 rounds. He was hit five times and was
found about 50 m south of the line. Every figure comes from ``levels/jsa/scenario.toml``;
the map (``levels/jsa/map.tmx``) gives the ground, the buildings that block
sight lines, the checkpoint, the ditch, the kerb of the line, the goal and where the
pursuers are at the moment the jeep reaches the ditch.

Time step: ``step_hours`` = 0.5 s of game time. The play scene steps the
model at 2 steps per real second, so the dash plays in real time.

Phases (``state.extra["phase"]``): 0 driving (the jeep follows the road by
itself), 1 in the stopped jeep (stuck in the ditch, or at the kerb of the line;
the pursuers close in; nobody fires yet), 2 on foot, 3 in cover south
of the line, waiting for the choice of what to do there, 4 stopped by the
guards at the checkpoint, 5 turned back the first time, on the road back to his unit.
Any movement in phase 1 gets the player out of the jeep.

The decisions (each changes the odds; the automatic player makes 2017's)
-------------------------------------------------------------------------
0b. On the 72-Hour Bridge (``bridge``): 0 drive on; 1 turn back there, before the
   checkpoint (warned, held with ``turn_back_held_share``); then decision 0d.
0d. Turned back the first time (on the bridge, at the turn or at the checkpoint), on the road
   back to his unit (``again``, phase 5): 1 go back and say nothing: ``turned_back``; 2 wait
   until after dark and drive the same road again (the model's dusk, ``dusk_*``), with what the
   first drive raised: warned stays warned; turned back at the checkpoint, its guards know the
   jeep (warned); else the drive back up the road is noticed as a racing jeep is
   (``alarm_seen_per_min`` over the road back at ``jeep_speed_ms``), and an errand in the duty book
   is checked again with ``errand_check_share``. The lookout's lead is gone. Turning back on
   the second drive ends the day: ``turned_back``. Undecided at the last step: home.
0a. The duty book (``errand``, read as you set off): 0 take the jeep without a word;
   1 write an errand to the Joint Security Area in it: nobody misses you on the road
   (``alarm_missed_per_min`` does not run), and stopped at the checkpoint, the guards
   believe your errand with ``errand_talk_release_share``; but the duty officer rings the
   checkpoint to check it with ``errand_check_share`` (warned from the start).
0b'. At the lookout (``watch``, read as you set off): 0 set off now; 1 watch the guards near
   the line walk their round and go when they are furthest off: the pursuers are
   ``watch_lead_m`` further back when the jeep reaches the ditch, but someone at the post
   wonders and rings the checkpoint with ``watch_noticed_share``.
0c. At the turn by the monument (``look``): 0 drive straight on; 1 stop and watch the
   checkpoint for ``look_s`` (a standing jeep is noticed at ``alarm_seen_per_min``, as a
   racing one), then 2 turn back there (held if warned, ``turn_back_held_share``) or
   3 drive on; undecided after watching, the jeep stands.
0. The hour (``hour``, read as you set off): 0 mid-afternoon, as in 2017;
   1 dusk: a racing jeep is noticed on the road ``dusk_seen_x`` as often and
   rounds hit ``dusk_hit_x`` as often, but the checkpoint stops a racing jeep
   with ``dusk_racing_stop_share`` and a waving one ``dusk_bluff_x`` as often.
1. The checkpoint (``checkpoint``): 0 drive past at speed, as in 2017 (the
   alarm is raised at once); 1 slow down and wave as if on an errand: the
   guards stop the jeep with ``checkpoint_stop_share`` (caught), otherwise the
   alarm comes ``bluff_alarm_delay_s`` later, and the pursuers are that much
   running time further back when the jeep reaches the ditch.
1b. Stopped at the checkpoint (``held``): 1 talk (the guards let you go with ``talk_release_share``, ``warned_talk_release_share`` if
   warned; else caught); 2 drive on through (through with
   ``drive_through_share``, the pursuers ``drive_through_lost_s`` closer; else
   caught); 3 turn back (``turned_back``, or held with ``turn_back_held_share``).
   0: not chosen yet (the jeep stands; at ``max_steps``, caught).
2. The last stretch (``drive``, read from the road's last bend to the ditch):
   0 full speed, as in 2017: the wheel drops into the ditch with
   ``ditch_fast_share``; 1 slow down for the ditch at ``slow_jeep_speed_ms``:
   it drops with ``ditch_slow_share``, but every second lost lets the pursuers
   run closer. A jeep that clears the ditch drives on to the kerb of the line.
3. In the jeep stuck in the ditch (``free``): try to rock it free. Each try
   takes ``free_try_s`` and frees it with ``free_share``; then it drives on to
   the kerb. Meanwhile the pursuers run closer. Or get out and run, or stay.
4. On foot: the way (``dx``, ``dy``), the pace and staying down (``wait``),
   also when hit: keep running, crawl or drop.
5. Wounded in cover south of the line (``cover``): 1 lie still and wait, as in
   2017: help comes after ``rescue_delay_min``; 2 crawl on towards the South's
   building: you are seen sooner (help within ``crawl_on_rescue_min``, or
   ``rescue_delay_min`` if that is shorter), but the effort makes you bleed
   ``crawl_on_bleed_x`` times as fast meanwhile.
   0: not chosen yet (the traveller waits there; undecided at the last step,
   lying still).
6. Across unhurt, in cover by the wall (``onward``): 1 wait there (the pursuers
   come over the line with ``wait_caught_share``, a round hits with
   ``wait_hit_share``); 2 run on for the South's building (hit with
   ``run_on_hit_share``, then seen sooner, as crawling on). Hit either way, he
   lies there wounded (decision 5's second part: keep still or signal).

Action fields (a scalar shared by all travellers, or an array of n)
-------------------------------------------------------------------
``dx``, ``dy``  direction, -1..1 each (east and south positive); 0, 0 = stay.
``pace``        a pace code: 0 crawl, 1 walk, 2 run (the names are accepted
                too; recorded choices use the codes).
``wait``        True: stay where you are, low (in the jeep: stay in it).
``hour``, ``errand``, ``watch``, ``bridge``, ``look``, ``checkpoint``, ``held``, ``drive``, ``free``, ``cover``,
``signal``, ``onward``, ``again``: the decisions above.

Outcomes: ``crossed_unhurt``, ``crossed_wounded`` (the documented one),
``caught``, ``killed`` (told in words only), ``turned_back`` (at the checkpoint). Anyone still north of the line
at ``max_steps`` is ``caught``.

The model, per step and traveller
---------------------------------
* Pursuers start to close in when the jeep passes the ditch (stuck or not),
  running towards the runner at ``pursuer_speed_ms``, and stop at the line (one
  may step ``overstep_m`` over it). Within ``catch_m`` of a runner north of the
  line, they catch him.
* Each pursuer with a clear sight line (no building or wall between) fires
  ``rounds_total / pursuers / firing_window_s`` rounds a second at a runner
  on foot; a round hits with chance
  ``min(hit_max, hit_ref_prob x (hit_ref_m / d)^2) x target(pace) x (1 - cover)``.
  Hits in a step are Poisson, drawn from one uniform number per traveller.
* Each hit: killed outright with ``instant_fatal_share``; and it slows him by
  ``hit_slowdown`` of his speed; at zero he collapses. Collapsed north of the
  line: caught. Reaching cover in the south unhurt ends the run; collapsing
  south of the line, a wounded man lies still; reaching cover wounded, he
  chooses (decision 5). A wounded man survives until help reaches him with
  chance exp(-hits x bleed_fatal_per_hit_h x bleeding minutes / 60).

``state.extra`` (for the scene): ``phase`` (n), ``hits`` (n), ``collapsed``
(n), ``pursuers_x``/``pursuers_y`` (n, P) in tiles, ``firing`` (n, P: fired
this step), ``speed_factor`` (n), ``jeep_x``/``jeep_y`` (n), ``seen_by`` (n:
pursuers with a clear line of sight to a runner on foot; 0 in the jeep),
``in_ditch`` (n: the jeep is stuck in the ditch), ``lead_m`` (n: metres the
pursuers are further back than in 2017 when the jeep reaches the ditch).
``felt_danger(state)`` gives a 0..1 hint.
"""

from __future__ import annotations

from typing import Any, Mapping

import numpy as np

from ..i18n import N_
from .dmzgrid import CRAWL, RUN, pace_codes, route_field
from .model import RiskModel, State

DRIVING, STUCK, ON_FOOT, AT_COVER, HELD, BACK = 0, 1, 2, 3, 4, 5
AFTERNOON, DUSK = 0, 1  # the hour you set off
DRIVE_ON_BRIDGE, TURN_AT_BRIDGE = 0, 1  # on the 72-Hour Bridge: the last place to turn back before the checkpoint
AT_SPEED, ORDINARY = 0, 1  # the road in, before the checkpoint
SPEED_PAST, BLUFF = 0, 1  # the checkpoint
FULL_SPEED, SLOW_DOWN = 0, 1  # the last stretch
UNDECIDED, LIE_STILL, CRAWL_ON = 0, 1, 2  # wounded in cover
KEEP_STILL, SIGNAL = 1, 2  # lying there, waiting to be found (0: not chosen yet)
TALK, DRIVE_ON, TURN_BACK = 1, 2, 3  # stopped at the checkpoint (0: not chosen yet)
WAIT_COVER, RUN_ON = 1, 2  # across unhurt, in cover by the wall (0: not chosen yet)
NO_WORD, ERRAND = 0, 1  # the duty book at your post: take the jeep without a word, or write an errand in it
GO_NOW, WATCH_ROUND = 0, 1  # at the lookout by your post: set off now, or when the guards near the line are furthest off
# at the turn by the monument, the checkpoint in sight: drive straight on; or stop and watch it
# (undecided while watching), then turn back there, or drive on
NO_LOOK, LOOK, LOOK_BACK, LOOK_ON = 0, 1, 2, 3
# turned back the first time, on the road back to your unit: go home and say nothing, or try again after dark
# (0: not chosen yet)
GO_HOME, TRY_AGAIN = 1, 2
# where the jeep turned back (the first time): on the bridge, at the monument, at the checkpoint
TURNED_BRIDGE, TURNED_MONUMENT, TURNED_CHECKPOINT = 1, 2, 3
LOS_SAMPLES = np.linspace(0.04, 0.96, 24)  # points checked along each sight line (every 2 tiles or closer up to 50)

# The automatic player hesitates in the stuck jeep for a random time,
# exponential with the mean ``auto_hesitate_mean_s`` (a scenario parameter),
# before it runs; its two routes (_route_fields) are its policy.

_ROUTES_CACHE: dict[tuple, Any] = {}


class Model(RiskModel):
    id = "jsa"
    outcomes = ("crossed_unhurt", "crossed_wounded", "caught", "killed", "turned_back")
    step_hours = 0.5 / 3600.0
    max_steps = 480  # four minutes
    timeout_outcome = "caught"
    map_objects = ("jeep_route", "goal")
    default_action = {"dx": 0.0, "dy": 0.0, "pace": RUN, "wait": False, "road": AT_SPEED,
                      "checkpoint": SPEED_PAST, "drive": FULL_SPEED, "free": False, "weave": False,
                      "cover": UNDECIDED, "signal": UNDECIDED, "hour": AFTERNOON, "held": UNDECIDED, "bridge": DRIVE_ON_BRIDGE,
                      "onward": UNDECIDED, "errand": NO_WORD, "look": NO_LOOK,
                      "watch": GO_NOW, "again": UNDECIDED}
    action_limits = {"dx": (-1.0, 1.0), "dy": (-1.0, 1.0), "pace": (CRAWL, RUN), "road": (AT_SPEED, ORDINARY),
                     "checkpoint": (SPEED_PAST, BLUFF), "drive": (FULL_SPEED, SLOW_DOWN), "cover": (UNDECIDED, CRAWL_ON),
                     "signal": (UNDECIDED, SIGNAL), "hour": (AFTERNOON, DUSK), "held": (UNDECIDED, TURN_BACK),
                     "bridge": (DRIVE_ON_BRIDGE, TURN_AT_BRIDGE),
                     "onward": (UNDECIDED, RUN_ON), "errand": (NO_WORD, ERRAND), "look": (NO_LOOK, LOOK_ON),
                     "watch": (GO_NOW, WATCH_ROUND), "again": (UNDECIDED, TRY_AGAIN)}
    risk_reasons = (
        N_("You were in the open, within their range."),
        N_("They were closing in, north of the line."),
        N_("A wound slowed you down."),
        N_("You stayed in the jeep, and they came closer."),
        N_("Even across the line, they kept firing."),
        N_("You slowed down in front of the guards at the checkpoint."),
        N_("The checkpoint had been warned that you were coming."),
        N_("You moved where the guards at the line could see you."),
        N_("The guards at the checkpoint had stopped you."),
    )
    R_OPEN, R_CLOSING, R_WOUND, R_JEEP, R_ACROSS, R_CHECKPOINT, R_WARNED, R_SIGNAL, R_HELD = range(9)

    # What can happen (State.emit); levels/jsa/scenario.toml [events] tells each.
    event_codes = ("set_off", "set_off_dusk", "errand_written", "errand_checked", "watched_round",
                   "watched_noticed", "road_fast", "road_ordinary", "warned", "bridge", "turned_at_bridge", "the_turn",
                   "watching", "looked_quiet", "looked_warned", "turned_at_monument", "drove_on_from_turn", "sped_past",
                   "waved_through", "stopped_at_checkpoint", "talking", "talked_through", "held_after_talk",
                   "drove_through", "blocked", "turned_back", "held_turning", "last_stretch", "cleared_ditch",
                   "stuck", "at_kerb", "wheel_spins", "freed", "out_of_jeep", "fired_on", "hit", "line_crossed",
                   "collapsed", "killed", "caught", "reached_cover", "unhurt_in_cover", "waited_in_cover", "came_over",
                   "ran_on", "reached_building", "hit_across", "lay_still", "crawled_on",
                   "kept_still", "signalled", "fired_across", "died_of_wounds", "pulled_out",
                   "went_home", "set_off_again", "known_at_checkpoint", "seen_turning", "turned_again")

    def __init__(self, params: Mapping[str, float], world: Any = None):
        super().__init__(params, world)
        if world is None:
            raise ValueError("the jsa model needs its map (levels/jsa/map.tmx)")
        p = self.params
        self.dt = self.step_hours * 3600.0
        self.mpt = float(world.properties.get("metres_per_tile", 2.0))
        self.mdl_y = float(world.properties.get("mdl_y", world.height / 2))
        self.W, self.H = world.width, world.height
        speed = world.prop("speed", 1.0)
        self.f_blocked = ((world.prop("blocked", 0.0) > 0) | (speed <= 0)).ravel()
        self.f_speed = np.where(self.f_blocked, 0.0, speed.ravel())
        self.f_cover = np.clip(world.prop("cover", 0.0), 0, 1).ravel()
        self.f_opaque = (world.prop("opaque", 0.0) > 0).ravel()
        # the road, then on from the ditch to the kerb of the line for a jeep that clears it
        route = world.object_named("jeep_route")
        stop = world.object_named("jeep_stop")
        pts = np.array(list(route.points) + [(stop.x, stop.y)], float)
        self.route_x, self.route_y = pts[:, 0], pts[:, 1]
        self.route_cum = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(pts, axis=0).T))])
        self.ditch_x, self.ditch_y = pts[-2]
        self.stretch_along, self.ditch_along, self.stop_along = self.route_cum[-3:]  # last bend, ditch, kerb
        cp = world.object_named("checkpoint")
        self.checkpoint_xy = (float(cp.x), float(cp.y))
        self.checkpoint_along = float(np.interp(cp.y, self.route_y, self.route_cum))
        # the road in, before the map's first metre: off the map (the jeep starts ``approach_m`` up the road,
        # the 72-Hour Bridge halfway along it, the turn by the monument where the map begins)
        self.approach_along = -p["approach_m"] / self.mpt
        self.bridge_along = self.approach_along / 2.0
        goal = world.object_named("goal")
        self.goal = (goal.x, goal.y, goal.x + max(goal.width, 1.0), goal.y + max(goal.height, 1.0))
        # where one who reaches cover lies: in the lee of the wall behind the band (the map's ``lee_y``)
        lee = goal.properties.get("lee_y")
        self.lee_y = None if lee is None else float(lee)
        objs = world.objects_of("pursuer")
        count = int(round(p["pursuers"]))
        objs = objs[: max(0, min(count, len(objs)))]
        self.P = len(objs)
        self.pursuer_start = np.array([(o.x, o.y) for o in objs], float).reshape(-1, 2)
        fire_rate = p["rounds_total"] / max(1.0, p["pursuers"]) / p["firing_window_s"]  # rounds a second each
        self.rounds_per_step = fire_rate * self.dt
        self.pace_speed = np.array([p["crawl_speed_ms"], p["walk_speed_ms"], p["run_speed_ms"]]) * self.dt / self.mpt
        self.pace_target = np.array([p["target_crawl"], p["target_walk"], 1.0])
        self.pursuer_step = p["pursuer_speed_ms"] * self.dt / self.mpt
        self.line_limit = self.mdl_y + p["overstep_m"] / self.mpt  # how far south a pursuer goes
        self.CROSSED_UNHURT, self.CROSSED_WOUNDED, self.CAUGHT, self.KILLED, self.TURNED_BACK = (
            self.code(o) for o in self.outcomes)
        self._routes = self._route_fields()

    # ----------------------------------------------------------- helpers

    def _tile(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        xi = np.minimum(np.maximum(x.astype(np.intp), 0), self.W - 1)  # (np.clip, without its overhead)
        yi = np.minimum(np.maximum(y.astype(np.intp), 0), self.H - 1)
        return yi * self.W + xi

    def _move(self, x, y, dx, dy, mask):
        """Move by (dx, dy) tiles where ``mask``; slide along a wall if blocked."""
        for mx, my in ((dx, dy), (dx, 0.0 * dy), (0.0 * dx, dy)):
            nx = np.minimum(np.maximum(x + mx, 0.01), self.W - 0.01)  # (np.clip, without its overhead)
            ny = np.minimum(np.maximum(y + my, 0.01), self.H - 0.01)
            ok = mask & ~self.f_blocked[self._tile(nx, ny)]
            np.copyto(x, nx, where=ok)
            np.copyto(y, ny, where=ok)
            mask = mask & ~ok

    def _place_pursuers(self, ex: dict, mask: np.ndarray) -> None:
        """Where the pursuers are as the jeep reaches the ditch: the map's places
        (2017's), moved away from the ditch by ``lead_m`` (closer when it is
        negative, never nearer than twice ``catch_m``)."""
        if not mask.any() or not self.P:
            return
        px, py = ex["pursuers_x"], ex["pursuers_y"]
        vx, vy = px - self.ditch_x, py - self.ditch_y
        dist = np.maximum(np.hypot(vx, vy), 1e-9)
        want = np.maximum(dist + ex["lead_m"][:, None] / self.mpt, 2.0 * self.params["catch_m"] / self.mpt)
        nx = np.clip(self.ditch_x + vx * want / dist, 0.01, self.W - 0.01)
        ny = np.clip(self.ditch_y + vy * want / dist, 0.01, self.H - 0.01)
        ok = mask[:, None] & ~self.f_blocked[self._tile(nx, ny)]
        ex["pursuers_x"] = np.where(ok, nx, px)
        ex["pursuers_y"] = np.where(ok, ny, py)

    def jeep_position(self, along: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return np.interp(along, self.route_cum, self.route_x), np.interp(along, self.route_cum, self.route_y)

    def hit_rate(self, state: State, pace: np.ndarray, still: np.ndarray,
                 weave: np.ndarray | bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Expected hits per step from each pursuer (n, P), their distances (m) and sight lines;
        ``weave``: running in a zigzag, a harder target."""
        p = self.params
        ex = state.extra
        px, py = ex["pursuers_x"], ex["pursuers_y"]
        x, y = state.x, state.y
        ddx = px - x[:, None]
        ddy = py - y[:, None]
        d = np.maximum(np.sqrt(ddx * ddx + ddy * ddy) * self.mpt, 1.0)
        # clear sight line: no opaque tile at the points sampled between them; sampled only
        # for runners on foot (nobody fires at the jeep: its rate is nought whatever the line)
        on_foot = (ex["phase"] == ON_FOOT) & state.active
        clear = np.zeros(d.shape, bool)
        rows = np.flatnonzero(on_foot)
        if rows.size:
            sx = x[rows, None, None] + ddx[rows, :, None] * LOS_SAMPLES
            sy = y[rows, None, None] + ddy[rows, :, None] * LOS_SAMPLES
            clear[rows] = ~self.f_opaque[self._tile(sx, sy)].any(axis=2)
        per_round = np.minimum(p["hit_max"], p["hit_ref_prob"] * np.square(p["hit_ref_m"] / d))
        per_round = per_round * np.where(ex["dusk"], p["dusk_hit_x"], 1.0)[:, None]  # harder to aim in failing light
        target = np.where(ex["collapsed"] | still, p["target_still"], self.pace_target[pace])
        target = np.where(weave, target * p["weave_target"], target)
        exposed = target * (1.0 - self.f_cover[self._tile(x, y)])
        rate = self.rounds_per_step * per_round * clear * (exposed * on_foot)[:, None]
        return rate, d, clear

    # ----------------------------------------------------------- contract

    def start(self, n: int, rng: np.random.Generator) -> State:
        p = self.params
        jx, jy = self.jeep_position(np.zeros(n))
        state = State.empty(n)
        state.x[:] = jx
        state.y[:] = jy
        ex = state.extra
        ex["phase"] = np.zeros(n, np.int8)
        ex["along"] = np.full(n, self.approach_along)
        ex["warned"] = np.zeros(n, bool)  # someone telephoned ahead to the checkpoint
        ex["road_told"] = np.zeros(n, bool)
        ex["road_ordinary"] = np.zeros(n, bool)
        ex["checked"] = np.zeros(n, bool)  # someone at your post rang the checkpoint (the errand, the lookout)
        ex["errand"] = np.zeros(n, bool)  # an errand written in the duty book (read as you set off)
        ex["looking"] = np.zeros(n, bool)  # stopped at the turn by the monument, watching the checkpoint
        ex["turned_at"] = np.zeros(n, np.int8)  # where the jeep turned back the first time (TURNED_*), 0: never
        ex["again"] = np.zeros(n, bool)  # on the second drive, after dark
        ex["look_t"] = np.zeros(n)  # seconds spent watching
        ex["look_done"] = np.zeros(n, bool)
        ex["dusk"] = np.zeros(n, bool)  # set off at dusk (read at the first step)
        ex["near_building"] = np.zeros(n, bool)  # ran on, across unhurt, and fell near the South's building
        ex["signalled"] = np.zeros(n, bool)
        ex["jeep_x"], ex["jeep_y"] = jx.copy(), jy.copy()
        ex["hits"] = np.zeros(n, np.int16)
        ex["collapsed"] = np.zeros(n, bool)
        ex["south"] = np.zeros(n, bool)  # past the line on foot (for the events)
        ex["speed_factor"] = np.ones(n)
        ex["stuck_s"] = np.zeros(n)
        ex["passed_checkpoint"] = np.zeros(n, bool)
        ex["past_ditch"] = np.zeros(n, bool)  # the pursuers close in from here on
        ex["in_ditch"] = np.zeros(n, bool)
        ex["lead_m"] = np.zeros(n)  # how much further back the pursuers are than in 2017 at the ditch
        ex["rock_s"] = np.zeros(n)
        ex["cover_stage"] = np.zeros(n, np.int8)  # in cover: 0 lie still or crawl on; 1 lying, keep still or signal
        jitter = p["pursuer_jitter_m"] / self.mpt
        ex["pursuers_x"] = self.pursuer_start[:, 0] + rng.normal(0.0, jitter, (n, self.P))
        ex["pursuers_y"] = self.pursuer_start[:, 1] + rng.normal(0.0, jitter, (n, self.P))
        ex["firing"] = np.zeros((n, self.P), bool)
        ex["seen_by"] = np.zeros(n, np.int8)
        ex["felt"] = np.zeros(n)
        ex["hesitate_s"] = rng.exponential(p["auto_hesitate_mean_s"], n)  # the automatic player's
        ex["route"] = (rng.random(n) < 0.5).astype(np.int8)
        ex["last_stretch"] = np.zeros(n, bool)
        ex["metres_per_tile"] = self.mpt
        return state

    def step(self, state: State, action: Mapping[str, Any], rng: np.random.Generator) -> None:
        p = self.params
        n = state.n
        dt = self.dt
        ex = state.extra
        u = rng.random((3, n))  # every traveller draws every step
        started = state.active  # going at the start of the step
        active = started
        phase = ex["phase"]
        x, y = state.x, state.y

        dx = np.asarray(action.get("dx", 0.0), float)
        dy = np.asarray(action.get("dy", 0.0), float)
        pace = pace_codes(action.get("pace", RUN), n)
        wait = np.asarray(action.get("wait", False), bool)
        length = np.hypot(dx, dy)
        ux = dx / np.maximum(length, 1e-9)  # unit direction
        uy = dy / np.maximum(length, 1e-9)

        road = _codes(action, "road", n)
        checkpoint = _codes(action, "checkpoint", n)
        drive = _codes(action, "drive", n)
        free = np.broadcast_to(np.asarray(action.get("free", False), bool), (n,))
        cover_choice = _codes(action, "cover", n)
        signal_choice = _codes(action, "signal", n)
        weave = np.broadcast_to(np.asarray(action.get("weave", False), bool), (n,))
        hour = _codes(action, "hour", n)
        held_choice = _codes(action, "held", n)
        onward = _codes(action, "onward", n)
        look = _codes(action, "look", n)
        fast, slow = p["jeep_speed_ms"], p["slow_jeep_speed_ms"]
        risk_checkpoint = np.zeros(n)

        # ---- turned back the first time, on the road back: go home and say nothing, or try again after dark
        back_home = active & (phase == BACK)
        if back_home.any():
            again = _codes(action, "again", n)
            final = state.step >= self.max_steps - 1  # no time left to choose: he goes home
            home = back_home & ((again == GO_HOME) | ((again == UNDECIDED) & final))
            state.emit("went_home", home)
            state.finish(home, self.TURNED_BACK)
            self._try_again(state, back_home & (again == TRY_AGAIN), u)
            active = state.active

        # ---- the drive: past the checkpoint, down the road to the ditch, and on to the kerb if it clears
        driving = active & (phase == DRIVING)
        was_driving = driving.copy()
        if driving.any():
            along0 = ex["along"]
            # the road in: at speed or at an ordinary pace; someone may telephone ahead to the checkpoint,
            # more likely the faster you go (a racing jeep is noticed), and the longer you take (you are missed)
            on_road = driving & (along0 < 0.0)
            ordinary = road == ORDINARY
            # the hour, fixed as you set off: 2017's mid-afternoon, or dusk
            setting_off = on_road & ~ex["road_told"] & ~ex["again"]  # the second drive keeps the first's choices
            ex["dusk"] = np.where(setting_off, hour == DUSK, ex["dusk"])
            state.emit("set_off", setting_off & (hour != DUSK))
            state.emit("set_off_dusk", setting_off & (hour == DUSK))
            # the duty book: an errand written there means nobody misses you on the road, but the duty
            # officer may telephone the checkpoint to check it
            ex["errand"] = np.where(setting_off, _codes(action, "errand", n) == ERRAND, ex["errand"])
            checked = setting_off & ex["errand"] & (u[0] < p["errand_check_share"])
            state.emit("errand_written", setting_off & ex["errand"] & ~checked)
            state.emit("errand_checked", checked)
            ex["warned"] = ex["warned"] | checked
            # the lookout: set off when the guards near the line are at the far end of their round (they are that
            # much further from the ditch when the jeep reaches it), unless someone at the post wonders and calls
            watched = setting_off & (_codes(action, "watch", n) == WATCH_ROUND)
            noticed = watched & (u[1] < p["watch_noticed_share"])
            state.emit("watched_round", watched & ~noticed)
            state.emit("watched_noticed", noticed)
            ex["lead_m"] = ex["lead_m"] + watched * p["watch_lead_m"]
            ex["warned"] = ex["warned"] | noticed
            ex["checked"] = ex["checked"] | checked | noticed
            state.emit("road_fast", on_road & ~ex["road_told"] & ~ordinary)
            state.emit("road_ordinary", on_road & ~ex["road_told"] & ordinary)
            ex["road_told"] = ex["road_told"] | on_road
            ex["road_ordinary"] = np.where(on_road, ordinary, ex["road_ordinary"])  # the pace so far (for the screen)
            seen = p["alarm_seen_per_min"] * np.where(ex["dusk"], p["dusk_seen_x"], 1.0)  # fewer eyes see far at dusk
            missed = np.where(ex["errand"], 0.0, p["alarm_missed_per_min"])  # the book says where you are
            looking = driving & ex["looking"]
            # a jeep standing at the turn in sight of the checkpoint draws eyes as a racing one does
            per_min = missed + np.where(ordinary & ~looking, 0.0, seen)
            p_warn = np.where((on_road | looking) & ~ex["warned"], -np.expm1(-per_min * dt / 60.0), 0.0)
            warn = u[2] < p_warn
            state.emit("warned", warn & ~looking)  # watching at the turn, you see it at the end of the look
            ex["warned"] = ex["warned"] | warn
            on_stretch = along0 >= self.stretch_along
            slowing = on_stretch & ((drive == SLOW_DOWN) | ex["past_ditch"])
            v = np.where(slowing | (on_road & ordinary), slow, fast)
            end = np.where(ex["past_ditch"], self.stop_along, self.ditch_along)
            along = np.where(driving, np.minimum(along0 + v * dt / self.mpt, end), along0)
            on_bridge = driving & (along0 < self.bridge_along) & (along >= self.bridge_along)
            state.emit("bridge", on_bridge)
            # the last place to turn back before the checkpoint's guards see the jeep: read from the step
            # after the bridge, while still on the road in; warned, someone is waiting for the jeep either way
            turning = driving & (_codes(action, "bridge", n) == TURN_AT_BRIDGE) & (along0 >= self.bridge_along) \
                & (along0 < 0.0) & ~ex["passed_checkpoint"]
            kept = turning & ex["warned"] & (u[1] < p["turn_back_held_share"])
            state.emit("turned_at_bridge", turning & ~kept)
            state.emit("held_turning", kept)
            state.finish(kept, self.CAUGHT)
            self._turned(state, turning & ~kept, TURNED_BRIDGE)
            driving = driving & ~turning
            along = np.where(turning, along0, along)
            state.emit("the_turn", driving & (along0 < 0.0) & (along >= 0.0))
            # at the turn by the monument: stop and watch the checkpoint for ``look_s``, then turn back
            # there (held if they were warned, as on the bridge) or drive on; undecided, the jeep stands
            begin = driving & (look >= LOOK) & ~ex["look_done"] & ~ex["looking"] & (along >= 0.0) \
                & ~ex["passed_checkpoint"]
            state.emit("watching", begin)
            ex["looking"] = ex["looking"] | begin
            watch = driving & ex["looking"]
            along = np.where(watch, np.maximum(along0, 0.0), along)
            ex["look_t"] = ex["look_t"] + watch * dt * ~begin
            seen_all = watch & (ex["look_t"] >= p["look_s"]) & ~ex["look_done"]
            state.emit("looked_warned", seen_all & ex["warned"])
            state.emit("looked_quiet", seen_all & ~ex["warned"])
            ex["look_done"] = ex["look_done"] | seen_all
            looked = watch & ex["look_done"]
            back = looked & (look == LOOK_BACK)
            kept = back & ex["warned"] & (u[1] < p["turn_back_held_share"])
            state.emit("turned_at_monument", back & ~kept)
            state.emit("held_turning", kept)
            state.finish(kept, self.CAUGHT)
            self._turned(state, back & ~kept, TURNED_MONUMENT)
            go_on = looked & ((look == LOOK_ON) | (look == NO_LOOK))  # NO_LOOK: the automatic player took over
            state.emit("drove_on_from_turn", go_on & (look == LOOK_ON))
            ex["looking"] = ex["looking"] & ~go_on
            along = np.where(go_on, np.minimum(along0 + v * dt / self.mpt, end), along)
            driving = driving & ~back & ~(watch & ~go_on)
            # every second lost on the last stretch, against full speed, the pursuers run closer
            lost = driving & on_stretch & ~ex["past_ditch"] & slowing
            ex["lead_m"] = ex["lead_m"] - lost * p["pursuer_speed_ms"] * dt * max(0.0, 1.0 - slow / fast)
            # the checkpoint: past it at speed, or slowly, waving, as if on an errand
            at_cp = driving & ~ex["passed_checkpoint"] & (along >= self.checkpoint_along)
            bluff = at_cp & (checkpoint == BLUFF)
            # warned, the guards stand in the road: a jeep racing past may be stopped, one that slows is
            # at dusk a jeep heading for the line after the day's business is odder: stopped more, racing or waving
            bluff_share = np.minimum(1.0, p["checkpoint_stop_share"] * np.where(ex["dusk"], p["dusk_bluff_x"], 1.0))
            stop_share = np.where(ex["warned"], np.where(bluff, p["warned_bluff_stop_share"], p["warned_stop_share"]),
                                  np.where(bluff, bluff_share, np.where(ex["dusk"], p["dusk_racing_stop_share"], 0.0)))
            stopped = at_cp & (u[1] < stop_share)
            risk_checkpoint = np.where(at_cp, stop_share, 0.0)
            state.emit("sped_past", at_cp & ~bluff & ~stopped)
            state.emit("waved_through", bluff & ~stopped)
            state.emit("stopped_at_checkpoint", stopped)
            # let through quietly, the alarm comes later (a warned checkpoint has already raised it)
            quiet = bluff & ~stopped & ~ex["warned"]
            ex["lead_m"] = ex["lead_m"] + quiet * p["pursuer_speed_ms"] * p["bluff_alarm_delay_s"]
            ex["passed_checkpoint"] = ex["passed_checkpoint"] | at_cp
            phase[stopped] = HELD  # they hold the jeep: talk, drive on through, or turn back (below, from the next step)
            driving = driving & ~stopped
            along = np.where(stopped, along0, along)
            state.emit("last_stretch", driving & ~ex["last_stretch"] & (along >= self.stretch_along))
            ex["last_stretch"] = ex["last_stretch"] | (driving & (along >= self.stretch_along))
            # the ditch: the wheel drops in, or clears it
            at_ditch = driving & ~ex["past_ditch"] & (along >= self.ditch_along)
            share = np.where(drive == SLOW_DOWN, p["ditch_slow_share"], p["ditch_fast_share"])
            sticks = at_ditch & (u[1] < share)
            state.emit("stuck", sticks)
            state.emit("cleared_ditch", at_ditch & ~sticks)
            ex["past_ditch"] = ex["past_ditch"] | at_ditch
            self._place_pursuers(ex, at_ditch)
            ex["in_ditch"] = ex["in_ditch"] | sticks
            kerb = driving & ~sticks & ex["past_ditch"] & (along >= self.stop_along)
            state.emit("at_kerb", kerb)
            ex["along"] = along
            jx, jy = self.jeep_position(along)
            np.copyto(x, jx, where=driving)
            np.copyto(y, jy, where=driving)
            ex["jeep_x"], ex["jeep_y"] = np.where(driving, jx, ex["jeep_x"]), np.where(driving, jy, ex["jeep_y"])
            phase[sticks | kerb] = STUCK
        risk_held = self._held(state, held_choice, u, started & ~was_driving)
        active = state.active
        stuck = active & (phase == STUCK)
        ex["stuck_s"] = ex["stuck_s"] + dt * stuck

        # ---- out of the jeep and on foot, or trying to rock it out of the ditch
        wants_move = (length > 1e-6) & ~wait
        rocking = stuck & ex["in_ditch"] & free & ~wants_move
        ex["rock_s"] = np.where(rocking, ex["rock_s"] + dt, 0.0)
        tried = rocking & (ex["rock_s"] >= p["free_try_s"])
        freed = tried & (u[1] < p["free_share"])
        state.emit("wheel_spins", tried & ~freed)
        state.emit("freed", freed)
        ex["rock_s"] = np.where(tried, 0.0, ex["rock_s"])
        ex["in_ditch"] = ex["in_ditch"] & ~freed
        phase[freed] = DRIVING  # on to the kerb (next step)
        stuck = stuck & ~freed
        state.emit("out_of_jeep", stuck & wants_move)
        phase[stuck & wants_move] = ON_FOOT
        on_foot = active & (phase == ON_FOOT)
        moving = on_foot & wants_move & ~ex["collapsed"]
        step = self.pace_speed[pace] * self.f_speed[self._tile(x, y)] * ex["speed_factor"] * np.minimum(length, 1.0)
        step = np.where(weave, step * p["weave_speed"], step)  # weaving: slower over the ground
        self._move(x, y, ux * step, uy * step, moving)
        still = on_foot & ~moving

        # ---- the pursuers close in once the jeep has reached the ditch
        active = state.active  # less those stopped at the checkpoint
        chasing = active & ex["past_ditch"]
        px, py = ex["pursuers_x"], ex["pursuers_y"]
        gx = x[:, None] - px
        gy = y[:, None] - py
        gap = np.sqrt(gx * gx + gy * gy)
        k = np.minimum(1.0, self.pursuer_step / np.maximum(gap, 1e-9)) * chasing[:, None]
        nx = px + gx * k
        ny = np.minimum(py + gy * k, self.line_limit)
        ok = ~self.f_blocked[self._tile(nx, ny)]
        ex["pursuers_x"] = np.where(ok, nx, px)
        ex["pursuers_y"] = np.where(ok, ny, np.minimum(py, self.line_limit))

        # ---- fire at a runner on foot
        rate, d, clear = self.hit_rate(state, pace, still, weave & moving)
        mu = rate.sum(axis=1)
        # Poisson hits from one uniform: count how many cumulative probabilities u passes
        e0 = np.exp(-mu)
        c1 = e0 * (1.0 + mu)
        c2 = c1 + e0 * mu * mu / 2.0
        new_hits = ((u[0] > e0).astype(np.int16) + (u[0] > c1) + (u[0] > c2)) * active
        fired = (rate > 0).any(axis=1)
        state.emit("fired_on", active & fired & ~ex["firing"].any(axis=1))
        state.emit("hit", active & (new_hits > 0), hits=ex["hits"] + new_hits)
        ex["firing"] = (rate > 0)
        ex["seen_by"] = clear.sum(axis=1).astype(np.int8)
        ex["hits"] = ex["hits"] + new_hits
        ex["speed_factor"] = np.maximum(0.0, 1.0 - p["hit_slowdown"] * ex["hits"])
        state.emit("collapsed", on_foot & (ex["speed_factor"] <= 0.0) & ~ex["collapsed"])
        ex["collapsed"] = ex["collapsed"] | (on_foot & (ex["speed_factor"] <= 0.0))

        # ---- outcomes
        instant = u[1] < 1.0 - (1.0 - p["instant_fatal_share"]) ** new_hits
        state.emit("killed", active & instant & (new_hits > 0))
        state.finish(instant & (new_hits > 0), self.KILLED)
        north = y < self.mdl_y
        state.emit("line_crossed", on_foot & state.active & ~north & ~ex["south"])
        ex["south"] = ex["south"] | (on_foot & ~north)
        near = (d <= max(p["catch_m"], 1.0)).any(axis=1)
        state.emit("caught", state.active & chasing & north & (near | ex["collapsed"]))
        state.finish(chasing & north & (near | ex["collapsed"]), self.CAUGHT)
        gx0, gy0, gx1, gy1 = self.goal
        live = state.active
        in_goal = (x >= gx0) & (x <= gx1) & (y >= gy0) & (y <= gy1)
        reach = on_foot & live & in_goal & ~ex["collapsed"]
        unhurt = reach & (ex["hits"] == 0)
        state.emit("reached_cover", reach & ~unhurt)
        state.emit("unhurt_in_cover", unhurt)  # then: wait by the wall, or run on for the South's building
        # wounded: in cover, each choice waits for the next step; fallen south of the line, he lies there
        final = state.step >= self.max_steps - 1  # no time left to choose: he lies still
        stage = ex["cover_stage"]
        choosing = live & (phase == AT_COVER) & (stage == 0)  # in cover: lie still or crawl on
        lying = live & (phase == AT_COVER) & (stage == 1)  # lying there: keep still or signal
        phase[reach] = AT_COVER
        if self.lee_y is not None:
            state.y[reach] = self.lee_y  # down behind the wall, which is now between him and the North
        stage[unhurt] = 3
        newly_hit, risk_onward = self._onward(state, onward, u, live & (phase == AT_COVER) & (stage == 3) & ~unhurt, final)
        lying = lying | (newly_hit & final)
        fell = on_foot & live & ex["collapsed"] & ~north
        choice = np.where((cover_choice == UNDECIDED) & final, LIE_STILL, cover_choice)
        crawl = choosing & (choice == CRAWL_ON)
        lie = fell | (choosing & (choice == LIE_STILL))
        state.emit("lay_still", lie)
        state.emit("crawled_on", crawl)
        phase[fell] = AT_COVER
        stage[lie] = 1
        lying = lying | (lie & final)
        sig = np.where((signal_choice == UNDECIDED) & final, KEEP_STILL, signal_choice)
        keep = lying & (sig == KEEP_STILL)
        signal = lying & (sig == SIGNAL)
        state.emit("kept_still", keep)
        state.emit("signalled", signal)
        # a raised hand is seen on both sides: the guards at the line may fire at it
        across = signal & (u[0] < p["signal_hit_share"])
        state.emit("fired_across", across)
        ex["hits"] = ex["hits"] + across
        ex["signalled"] = ex["signalled"] | signal
        instant = across & (u[1] < p["instant_fatal_share"])
        state.emit("killed", instant)
        state.finish(instant, self.KILLED)
        # crawling on, help comes sooner (never later than lying still), but he bleeds faster meanwhile;
        # signalling, they know sooner that he is alive and where
        crawl_min = min(p["crawl_on_rescue_min"], p["rescue_delay_min"]) * p["crawl_on_bleed_x"]
        signal_min = min(p["signal_rescue_min"], p["rescue_delay_min"])
        still_min = np.where(ex["near_building"], min(p["crawl_on_rescue_min"], p["rescue_delay_min"]),
                             p["rescue_delay_min"])  # fallen near the South's building, he is seen sooner
        signal_min = np.minimum(signal_min, still_min)
        minutes = np.where(crawl, crawl_min, np.where(signal, signal_min, still_min))
        survive = np.exp(-ex["hits"] * p["bleed_fatal_per_hit_h"] * minutes / 60.0)
        done = (crawl | keep | signal) & state.active
        state.emit("died_of_wounds", done & (u[2] >= survive))
        state.emit("pulled_out", done & (u[2] < survive))
        state.finish(done & (u[2] >= survive), self.KILLED)
        state.finish(done, self.CROSSED_WOUNDED)
        state.hours += self.step_hours * started

        # ---- risk and its reason
        p_hit = 1.0 - e0
        closing = (p["pursuer_speed_ms"] * dt) / np.maximum(d.min(axis=1, initial=np.inf) - p["catch_m"], p["pursuer_speed_ms"] * dt)
        p_caught = np.where(north & chasing, closing, 0.0)
        risk_signal = np.where(signal, p["signal_hit_share"], 0.0)
        risk = 1.0 - (1.0 - p_hit) * (1.0 - p_caught) * (1.0 - risk_checkpoint) * (1.0 - risk_signal) * (1.0 - risk_onward)
        risk = 1.0 - (1.0 - risk) * (1.0 - risk_held)
        state.risk = risk * started
        reason = np.where(p_caught > p_hit, np.where(phase == STUCK, self.R_JEEP, self.R_CLOSING), self.R_OPEN)
        reason = np.where((p_hit >= p_caught) & ~north, self.R_ACROSS, reason)
        reason = np.where((p_hit >= p_caught) & (ex["hits"] > 0) & north, self.R_WOUND, reason)
        reason = np.where(risk_checkpoint > 0, np.where(ex["warned"], self.R_WARNED, self.R_CHECKPOINT), reason)
        reason = np.where(risk_signal > 0, self.R_SIGNAL, reason)
        reason = np.where(risk_onward > 0, self.R_ACROSS, reason)
        reason = np.where(risk_held > 0, self.R_HELD, reason)
        state.reason = np.where(started & (risk > 1e-4), reason, -1).astype(np.int16)
        ex["felt"] = np.searchsorted(self.FELT_EDGES, risk, side="right") / 3.0

    def _turned(self, state: State, mask: np.ndarray, where: int) -> None:
        """The jeep turns back (and the guards, if any, let it go). The first time he is on the road
        back to his unit, to choose (phase BACK); the second time, after dark, the day is over."""
        ex = state.extra
        second = mask & ex["again"]
        state.emit("turned_again", second)
        state.finish(second, self.TURNED_BACK)
        first = mask & ~ex["again"]
        ex["phase"][first] = BACK
        ex["turned_at"][first] = where

    def _try_again(self, state: State, mask: np.ndarray, u: np.ndarray) -> None:
        """Back at his unit, he waits until after dark and sets off again down the same road, with
        whatever his first drive raised: a checkpoint already warned stays warned; guards who let him
        turn know the jeep; the drive back up the road was seen as a racing jeep is; a second errand in
        the duty book is checked as the first was. The watched round is long over (no lead); the
        dark counts as dusk (``dusk_*``)."""
        if not mask.any():
            return
        p, ex = self.params, state.extra
        known = mask & (ex["turned_at"] == TURNED_CHECKPOINT)
        back_m = np.maximum(ex["along"] - self.approach_along, 0.0) * self.mpt
        seen_per_min = p["alarm_seen_per_min"] * np.where(ex["dusk"], p["dusk_seen_x"], 1.0)
        p_seen = -np.expm1(-seen_per_min * back_m / max(p["jeep_speed_ms"], 0.1) / 60.0)
        unwarned = mask & ~ex["warned"] & ~known
        seen = unwarned & (u[0] < p_seen)
        checked = unwarned & ~seen & ex["errand"] & (u[1] < p["errand_check_share"])
        state.emit("set_off_again", mask)
        state.emit("known_at_checkpoint", known)
        state.emit("seen_turning", seen)
        state.emit("errand_checked", checked)
        ex["warned"] = ex["warned"] | known | seen | checked
        ex["checked"] = ex["checked"] | checked
        ex["again"] = ex["again"] | mask
        ex["dusk"] = ex["dusk"] | mask
        ex["phase"][mask] = DRIVING
        ex["along"] = np.where(mask, self.approach_along, ex["along"])
        for flag in ("road_told", "looking", "look_done", "passed_checkpoint"):
            ex[flag] = ex[flag] & ~mask
        ex["look_t"] = np.where(mask, 0.0, ex["look_t"])
        ex["lead_m"] = np.where(mask, 0.0, ex["lead_m"])
        jx, jy = self.jeep_position(np.zeros(state.n))
        for a, b in ((state.x, jx), (state.y, jy), (ex["jeep_x"], jx), (ex["jeep_y"], jy)):
            np.copyto(a, b, where=mask)

    def _held(self, state: State, choice: np.ndarray, u: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Stopped at the checkpoint (phase HELD, from the step after the stop): talk your way
        through, drive on through the guards, or turn back. Returns the risk of the step."""
        p, ex, phase = self.params, state.extra, state.extra["phase"]
        held = mask & state.active & (phase == HELD)
        risk = np.zeros(state.n)
        if not held.any():
            return risk
        # the talk is over within the step: a replayed traveller who was not stopped must not
        # find himself seconds ahead of the recorded choices (the replays are step by step)
        told = held & (choice == TALK)
        state.emit("talking", told)
        # an errand in the duty book backs your story: the guards can ring the duty desk
        believed = np.where(ex["warned"], p["warned_talk_release_share"],
                            np.where(ex["errand"], p["errand_talk_release_share"], p["talk_release_share"]))
        let_go = told & (u[1] < believed)
        state.emit("talked_through", let_go)
        state.emit("held_after_talk", told & ~let_go)
        state.finish(told & ~let_go, self.CAUGHT)
        # let go unwarned, they wonder only later, as when waved through
        ex["lead_m"] = ex["lead_m"] + (let_go & ~ex["warned"]) * p["pursuer_speed_ms"] * p["bluff_alarm_delay_s"]
        drive = held & (choice == DRIVE_ON)
        through = drive & (u[1] < p["drive_through_share"])
        state.emit("drove_through", through)
        state.emit("blocked", drive & ~through)
        state.finish(drive & ~through, self.CAUGHT)
        # the alarm is up at once, and the stop has cost them no time: they are that much closer at the ditch
        ex["lead_m"] = ex["lead_m"] - through * p["pursuer_speed_ms"] * p["drive_through_lost_s"]
        turn = held & (choice == TURN_BACK)
        kept = turn & (u[1] < p["turn_back_held_share"])
        state.emit("held_turning", kept)
        state.emit("turned_back", turn & ~kept)
        state.finish(kept, self.CAUGHT)
        self._turned(state, turn & ~kept, TURNED_CHECKPOINT)
        phase[let_go | through] = DRIVING
        risk = np.where(told, 1.0 - believed, risk)
        risk = np.where(drive, 1.0 - p["drive_through_share"], risk)
        return np.where(turn, p["turn_back_held_share"], risk)

    def _onward(self, state: State, choice: np.ndarray, u: np.ndarray, mask: np.ndarray,
                final: bool) -> tuple[np.ndarray, np.ndarray]:
        """Across unhurt, in cover by a wall south of the line (stage 3): wait there for the
        South's soldiers, or run on for the South's building. Returns who was hit (now lying
        there, stage 1) and the risk of the step."""
        p, ex = self.params, state.extra
        choice = np.where((choice == UNDECIDED) & final, WAIT_COVER, choice)  # no time left: he waits
        wait = mask & (choice == WAIT_COVER)
        run = mask & (choice == RUN_ON)
        # waiting, the guards at the line know where you went: rounds over the wall, or they come over the line
        came = wait & (u[0] < p["wait_caught_share"])
        hit = (wait & ~came & (u[0] < p["wait_caught_share"] + p["wait_hit_share"])) | (run & (u[0] < p["run_on_hit_share"]))
        state.emit("waited_in_cover", wait & ~came & ~hit)
        state.emit("came_over", came)
        state.emit("ran_on", run)
        state.emit("reached_building", run & ~hit)
        state.emit("hit_across", hit)
        state.finish((wait | run) & ~came & ~hit, self.CROSSED_UNHURT)
        state.finish(came, self.CAUGHT)
        ex["hits"] = ex["hits"] + hit
        ex["near_building"] = ex["near_building"] | (run & hit)
        instant = hit & (u[1] < p["instant_fatal_share"])
        state.emit("killed", instant)
        state.finish(instant, self.KILLED)
        lying = hit & state.active
        ex["cover_stage"][lying] = 1  # lying there: keep still or signal, from the next step
        risk = np.where(wait, p["wait_caught_share"] + p["wait_hit_share"], np.where(run, p["run_on_hit_share"], 0.0))
        return lying, np.minimum(risk, 1.0)

    FELT_EDGES = np.array([0.01, 0.05, 0.15])  # risk per step -> hint levels 0, 1/3, 2/3, 1

    def felt_danger(self, state: State) -> np.ndarray:
        """0..1 in four levels: how dangerous this moment feels."""
        return state.extra["felt"]

    # ----------------------------------------------------------- automatic player

    def _route_fields(self):
        key = (str(self.world.file), self.W, self.H)
        if key not in _ROUTES_CACHE:
            H, W = self.H, self.W
            speed = self.f_speed.reshape(H, W)
            cover = self.f_cover.reshape(H, W)
            opaque = self.f_opaque.reshape(H, W)
            yy, xx = np.mgrid[0:H, 0:W]
            # tiles in the lee of a building or wall (seen from the north) are safer
            lee = np.zeros((H, W), bool)
            for k in range(1, 6):
                lee[k:, :] |= opaque[:-k, :]
            base = np.where(speed > 0, 1.0 / np.maximum(speed, 0.05), np.inf)
            gx0, gy0, gx1, gy1 = self.goal
            goal = (xx + 0.5 >= gx0) & (xx + 0.5 <= gx1) & (yy + 0.5 >= gy0) & (yy + 0.5 <= gy1) & (speed > 0)
            fields = []
            for w in (0.0, 1.5):
                cost = base * (1.0 + w * (1.0 - cover) * ~lee)
                _, ndx, ndy = route_field(cost, goal)
                fields.append((ndx.ravel(), ndy.ravel()))
            _ROUTES_CACHE[key] = fields
        return _ROUTES_CACHE[key]

    def route_direction(self, x: np.ndarray, y: np.ndarray, lee: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The way to cover in the South from (x, y), a unit vector: straight
        across the open, or (``lee`` True) keeping in the lee of the buildings;
        due south once there."""
        (a_dx, a_dy), (b_dx, b_dy) = self._routes
        here = self._tile(x, y)
        ndx = np.where(lee, b_dx[here], a_dx[here])
        ndy = np.where(lee, b_dy[here], a_dy[here])
        vx = (here % self.W) + ndx + 0.5 - x
        vy = (here // self.W) + ndy + 0.5 - y
        norm = np.maximum(np.hypot(vx, vy), 1e-9)
        arrived = (ndx == 0) & (ndy == 0)
        return np.where(arrived, 0.0, vx / norm), np.where(arrived, 1.0, vy / norm)

    def auto_action(self, state: State) -> dict[str, Any]:
        """What the soldier of 2017 did: past the checkpoint at speed, full speed
        to the ditch; hesitates a moment in the stopped jeep, then runs for cover in
        the South along a route (one straight, one using the buildings' lee),
        running on when hit, and lies still in cover. It never turns back; taking over a replayed
        soldier who has (his journey ended on the road back), it tries again after dark, as one
        set on crossing would."""
        ex = state.extra
        ux, uy = self.route_direction(state.x, state.y, ex["route"].astype(bool))
        go = (ex["phase"] == ON_FOOT) | ((ex["phase"] == STUCK) & (ex["stuck_s"] >= ex["hesitate_s"]))
        dx = np.where(go, ux, 0.0)
        dy = np.where(go, uy, 0.0)
        n = state.n
        return {"dx": dx, "dy": dy, "pace": np.full(n, RUN, np.int8), "wait": ~go, "hour": np.full(n, AFTERNOON, np.int8),
                "bridge": np.full(n, DRIVE_ON_BRIDGE, np.int8), "errand": np.full(n, NO_WORD, np.int8), "watch": np.full(n, GO_NOW, np.int8),
                "look": np.full(n, NO_LOOK, np.int8), "again": np.full(n, TRY_AGAIN, np.int8),
                "held": np.full(n, DRIVE_ON, np.int8), "onward": np.full(n, WAIT_COVER, np.int8),
                "road": np.full(n, AT_SPEED, np.int8), "checkpoint": np.full(n, SPEED_PAST, np.int8),
                "drive": np.full(n, FULL_SPEED, np.int8), "free": np.zeros(n, bool), "weave": np.zeros(n, bool),
                "cover": np.full(n, LIE_STILL, np.int8), "signal": np.full(n, KEEP_STILL, np.int8)}


_PLAIN_CODES: dict = {}  # (type, value, n) -> the read-only array of n a plain code becomes


def _codes(action: Mapping[str, Any], key: str, n: int) -> np.ndarray:
    """A decision's code for every traveller (a scalar or an array of n)."""
    value = action.get(key, 0)
    if type(value) is np.ndarray and value.dtype == np.int8 and value.shape == (n,):
        return value  # already what it would become
    if type(value) in (int, bool):  # a plain code: the same array each step
        k = (type(value), value, n)
        arr = _PLAIN_CODES.get(k)
        if arr is None:
            if len(_PLAIN_CODES) > 4096:
                _PLAIN_CODES.clear()
            arr = _PLAIN_CODES[k] = np.broadcast_to(np.rint(np.asarray(value, float)).astype(np.int8), (n,))
        return arr
    return np.broadcast_to(np.rint(np.asarray(action.get(key, 0), float)).astype(np.int8), (n,))
