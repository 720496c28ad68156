"""The JSA dash: the last metres to the line at Panmunjom, and on across it, under fire.

13 November 2017: a soldier of the North drove a jeep towards the Joint
Security Area; a wheel stuck in a ditch about 10 m short of the line; he ran on while
four pursuers fired about 40 rounds. He was hit five times and was found about
50 m south of the line. Every figure comes from ``levels/jsa/scenario.toml``;
the map (``levels/jsa/map.tmx``) gives the ground, the buildings that block
sight lines, the ditch, the goal and where the pursuers are when the jeep
sticks.

Time step: ``step_hours`` = 0.5 s of game time. The play scene steps the
model at 2 steps per real second, so the dash plays in real time: the drive
takes about 10 s, the run 15-20 s; with the briefing and the debrief a first
play is 3-5 minutes.

Phases (``state.extra["phase"]``): 0 driving (automatic; the player's input
is ignored), 1 stuck in the jeep (the pursuers close in; nobody fires yet),
2 on foot. Any movement in phase 1 gets the player out of the jeep.

Action fields (a scalar shared by all travellers, or an array of n)
-------------------------------------------------------------------
``dx``, ``dy``  direction, -1..1 each (east and south positive); 0, 0 = stay.
``pace``        a pace code: 0 crawl, 1 walk, 2 run (the names are accepted
                too; recorded choices use the codes).
``wait``        True: stay where you are, low (in the jeep: stay in it).

Outcomes: ``crossed_unhurt``, ``crossed_wounded`` (the documented one),
``caught``, ``killed`` (told in words only). Anyone still north of the line
at ``max_steps`` is ``caught``.

The model, per step and traveller
---------------------------------
* Pursuers run towards the runner at ``pursuer_speed_ms`` and stop at the
  line (one may step ``overstep_m`` over it). Within ``catch_m`` of a runner
  north of the line, they catch him.
* Each pursuer with a clear sight line (no building or wall between) fires
  ``rounds_total / pursuers / firing_window_s`` rounds a second at a runner
  on foot; a round hits with chance
  ``min(hit_max, hit_ref_prob x (hit_ref_m / d)^2) x target(pace) x (1 - cover)``.
  Hits in a step are Poisson, drawn from one uniform number per traveller.
* Each hit: killed outright with ``instant_fatal_share``; and it slows him by
  ``hit_slowdown`` of his speed; at zero he collapses. Collapsed north of the
  line: caught. Reaching cover in the south, or collapsing south of the line,
  ends the run: a wounded man then survives the ``rescue_delay_min`` before
  help reaches him with chance exp(-hits x bleed_fatal_per_hit_h x delay).

``state.extra`` (for the scene): ``phase`` (n), ``hits`` (n), ``collapsed``
(n), ``pursuers_x``/``pursuers_y`` (n, P) in tiles, ``firing`` (n, P: fired
this step), ``speed_factor`` (n), ``jeep_x``/``jeep_y`` (n), ``seen_by`` (n:
pursuers with a clear line of sight to a runner on foot; 0 in the jeep).
``felt_danger(state)`` gives a 0..1 hint.
"""

from __future__ import annotations

from typing import Any, Mapping

import numpy as np

from ..i18n import N_
from .dmzgrid import CRAWL, RUN, pace_codes, route_field
from .model import RiskModel, State

DRIVING, STUCK, ON_FOOT = 0, 1, 2
LOS_SAMPLES = np.linspace(0.04, 0.96, 24)  # points checked along each sight line (every 2 tiles or closer up to 50)

# The automatic player hesitates in the stuck jeep for a random time,
# exponential with the mean ``auto_hesitate_mean_s`` (a scenario parameter),
# before it runs; its two routes (_route_fields) are its policy.

_ROUTES_CACHE: dict[tuple, Any] = {}


class Model(RiskModel):
    id = "jsa"
    outcomes = ("crossed_unhurt", "crossed_wounded", "caught", "killed")
    step_hours = 0.5 / 3600.0
    max_steps = 360  # three minutes
    timeout_outcome = "caught"
    map_objects = ("jeep_route", "goal")
    default_action = {"dx": 0.0, "dy": 0.0, "pace": RUN, "wait": False}
    action_limits = {"dx": (-1.0, 1.0), "dy": (-1.0, 1.0), "pace": (CRAWL, RUN)}
    risk_reasons = (
        N_("You were in the open, within their range."),
        N_("They were closing in, north of the line."),
        N_("A wound slowed you down."),
        N_("You stayed in the jeep, and they came closer."),
        N_("Even across the line, they kept firing."),
    )
    R_OPEN, R_CLOSING, R_WOUND, R_JEEP, R_ACROSS = range(5)

    # What can happen (State.emit); levels/jsa/scenario.toml [events] tells each.
    event_codes = ("stuck", "out_of_jeep", "fired_on", "hit", "line_crossed", "collapsed",
                   "killed", "caught", "reached_cover", "died_of_wounds", "pulled_out")

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
        route = world.object_named("jeep_route")
        pts = np.array(route.points, float)
        self.route_x, self.route_y = pts[:, 0], pts[:, 1]
        self.route_cum = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(pts, axis=0).T))])
        goal = world.object_named("goal")
        self.goal = (goal.x, goal.y, goal.x + max(goal.width, 1.0), goal.y + max(goal.height, 1.0))
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
        self.CROSSED_UNHURT, self.CROSSED_WOUNDED, self.CAUGHT, self.KILLED = (self.code(o) for o in self.outcomes)
        self._routes = self._route_fields()

    # ----------------------------------------------------------- helpers

    def _tile(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        xi = np.clip(x.astype(np.intp), 0, self.W - 1)
        yi = np.clip(y.astype(np.intp), 0, self.H - 1)
        return yi * self.W + xi

    def _move(self, x, y, dx, dy, mask):
        """Move by (dx, dy) tiles where ``mask``; slide along a wall if blocked."""
        for mx, my in ((dx, dy), (dx, 0.0 * dy), (0.0 * dx, dy)):
            nx = np.clip(x + mx, 0.01, self.W - 0.01)
            ny = np.clip(y + my, 0.01, self.H - 0.01)
            ok = mask & ~self.f_blocked[self._tile(nx, ny)]
            np.copyto(x, nx, where=ok)
            np.copyto(y, ny, where=ok)
            mask = mask & ~ok

    def jeep_position(self, along: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return np.interp(along, self.route_cum, self.route_x), np.interp(along, self.route_cum, self.route_y)

    def hit_rate(self, state: State, pace: np.ndarray, still: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Expected hits per step from each pursuer (n, P), their distances (m) and sight lines."""
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
        target = np.where(ex["collapsed"] | still, p["target_still"], self.pace_target[pace])
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
        ex["along"] = np.zeros(n)
        ex["jeep_x"], ex["jeep_y"] = jx.copy(), jy.copy()
        ex["hits"] = np.zeros(n, np.int16)
        ex["collapsed"] = np.zeros(n, bool)
        ex["south"] = np.zeros(n, bool)  # past the line on foot (for the events)
        ex["speed_factor"] = np.ones(n)
        ex["stuck_s"] = np.zeros(n)
        jitter = p["pursuer_jitter_m"] / self.mpt
        ex["pursuers_x"] = self.pursuer_start[:, 0] + rng.normal(0.0, jitter, (n, self.P))
        ex["pursuers_y"] = self.pursuer_start[:, 1] + rng.normal(0.0, jitter, (n, self.P))
        ex["firing"] = np.zeros((n, self.P), bool)
        ex["seen_by"] = np.zeros(n, np.int8)
        ex["felt"] = np.zeros(n)
        ex["hesitate_s"] = rng.exponential(p["auto_hesitate_mean_s"], n)  # the automatic player's
        ex["route"] = (rng.random(n) < 0.5).astype(np.int8)
        ex["metres_per_tile"] = self.mpt
        return state

    def step(self, state: State, action: Mapping[str, Any], rng: np.random.Generator) -> None:
        p = self.params
        n = state.n
        dt = self.dt
        ex = state.extra
        u = rng.random((3, n))  # every traveller draws every step
        active = state.active
        phase = ex["phase"]
        x, y = state.x, state.y

        dx = np.asarray(action.get("dx", 0.0), float)
        dy = np.asarray(action.get("dy", 0.0), float)
        pace = pace_codes(action.get("pace", RUN), n)
        wait = np.asarray(action.get("wait", False), bool)
        length = np.hypot(dx, dy)
        ux = dx / np.maximum(length, 1e-9)  # unit direction
        uy = dy / np.maximum(length, 1e-9)

        # ---- the drive: along the road until the wheel sticks in the ditch
        driving = active & (phase == DRIVING)
        if driving.any():
            along = np.minimum(ex["along"] + p["jeep_speed_ms"] * dt / self.mpt, self.route_cum[-1])
            ex["along"] = np.where(driving, along, ex["along"])
            jx, jy = self.jeep_position(ex["along"])
            np.copyto(x, jx, where=driving)
            np.copyto(y, jy, where=driving)
            ex["jeep_x"], ex["jeep_y"] = np.where(driving, jx, ex["jeep_x"]), np.where(driving, jy, ex["jeep_y"])
            phase[driving & (ex["along"] >= self.route_cum[-1])] = STUCK
        stuck = active & (phase == STUCK)
        ex["stuck_s"] = ex["stuck_s"] + dt * stuck

        # ---- out of the jeep and on foot
        wants_move = (length > 1e-6) & ~wait
        state.emit("stuck", driving & (phase == STUCK))
        state.emit("out_of_jeep", stuck & wants_move)
        phase[stuck & wants_move] = ON_FOOT
        on_foot = active & (phase == ON_FOOT)
        moving = on_foot & wants_move & ~ex["collapsed"]
        step = self.pace_speed[pace] * self.f_speed[self._tile(x, y)] * ex["speed_factor"] * np.minimum(length, 1.0)
        self._move(x, y, ux * step, uy * step, moving)
        still = on_foot & ~moving

        # ---- the pursuers close in once the jeep has stuck
        chasing = active & (phase >= STUCK)
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
        rate, d, clear = self.hit_rate(state, pace, still)
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
        safe = on_foot & (((x >= gx0) & (x <= gx1) & (y >= gy0) & (y <= gy1)) | (ex["collapsed"] & ~north))
        survive = np.exp(-ex["hits"] * p["bleed_fatal_per_hit_h"] * p["rescue_delay_min"] / 60.0)
        safe &= state.active
        state.emit("reached_cover", safe)
        state.emit("died_of_wounds", safe & (u[2] >= survive))
        state.emit("pulled_out", safe & (u[2] < survive) & (ex["hits"] > 0))
        state.finish(safe & (u[2] >= survive), self.KILLED)
        state.finish(safe & (ex["hits"] > 0), self.CROSSED_WOUNDED)
        state.finish(safe, self.CROSSED_UNHURT)
        state.hours += self.step_hours * active

        # ---- risk and its reason
        p_hit = 1.0 - e0
        closing = (p["pursuer_speed_ms"] * dt) / np.maximum(d.min(axis=1, initial=np.inf) - p["catch_m"], p["pursuer_speed_ms"] * dt)
        p_caught = np.where(north & chasing, closing, 0.0)
        risk = 1.0 - (1.0 - p_hit) * (1.0 - p_caught)
        state.risk = risk * active
        reason = np.where(p_caught > p_hit, np.where(phase == STUCK, self.R_JEEP, self.R_CLOSING), self.R_OPEN)
        reason = np.where((p_hit >= p_caught) & ~north, self.R_ACROSS, reason)
        reason = np.where((p_hit >= p_caught) & (ex["hits"] > 0) & north, self.R_WOUND, reason)
        state.reason = np.where(active & (risk > 1e-4), reason, -1).astype(np.int16)
        ex["felt"] = np.searchsorted(self.FELT_EDGES, risk, side="right") / 3.0

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

    def auto_action(self, state: State) -> dict[str, Any]:
        """Hesitates a moment in the stuck jeep, then runs for cover in the
        South along a route (one straight, one using the buildings' lee)."""
        ex = state.extra
        (a_dx, a_dy), (b_dx, b_dy) = self._routes
        x, y = state.x, state.y
        here = self._tile(x, y)
        route = ex["route"].astype(bool)
        ndx = np.where(route, b_dx[here], a_dx[here])
        ndy = np.where(route, b_dy[here], a_dy[here])
        tx = (here % self.W) + ndx + 0.5
        ty = (here // self.W) + ndy + 0.5
        vx, vy = tx - x, ty - y
        norm = np.maximum(np.hypot(vx, vy), 1e-9)
        go = (ex["phase"] == ON_FOOT) | ((ex["phase"] == STUCK) & (ex["stuck_s"] >= ex["hesitate_s"]))
        arrived = (ndx == 0) & (ndy == 0)
        dx = np.where(go & ~arrived, vx / norm, np.where(go, 0.0, 0.0))
        dy = np.where(go & ~arrived, vy / norm, np.where(go, 1.0, 0.0))
        return {"dx": dx, "dy": dy, "pace": np.full(state.n, RUN, np.int8), "wait": ~go}
