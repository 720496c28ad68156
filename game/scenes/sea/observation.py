"""What the sea screen shows, built from the model's state: pure Python, no pygame.

``observe`` turns the model, its one-boat state and the crew's choices into a
``SeaObservation``; the view draws nothing else. The words (the panel's
lines, the forecast) are made here, so they are tested without a window.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ...i18n import N_, _, format_number, month_name, ngettext

FORECAST_DAYS = 3
RING_TOLD_KM = 5.0  # the panel speaks of the reckoning once the crew's doubt reaches 5 km
MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
          N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))
COMPASS = (N_("north"), N_("north-east"), N_("east"), N_("south-east"), N_("south"), N_("south-west"),
           N_("west"), N_("north-west"))
DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# Whose ship is in sight (the model's ``in_sight``: 0, 1, 2; 3 a patrol boat alongside; 4 a cargo ship).
IN_SIGHT = (N_("In sight: boats of the North's fishing fleet"), N_("In sight: a North Korean boat"),
            N_("In sight: a Japanese coast guard ship"), N_("Alongside: a North Korean patrol boat"),
            N_("In sight: a cargo ship"))
SEAS_NOW = (N_("Meeting the seas: holding the course"), N_("Meeting the seas: hove to, bow to the sea"),
            N_("Meeting the seas: running before them"))


def compass(deg: float) -> str:
    return _(COMPASS[int(((deg % 360) + 22.5) // 45) % 8])


def date_after(month: int, days: float) -> tuple[int, int]:
    """(day of month, month 1-12) ``days`` after the 1st of ``month``."""
    m, d = int(month) - 1, int(days)
    while d >= DAYS_IN_MONTH[m % 12]:
        d -= DAYS_IN_MONTH[m % 12]
        m += 1
    return d + 1, m % 12 + 1


def date_text(month: int, hours: float) -> str:
    d, m = date_after(month, hours / 24.0)
    return _("{d} {month}").format(d=d, month=_(MONTHS[m - 1]))


def day_text(month: int, hours: float, ashore: bool = False, port_hours: float = 0.0) -> str:
    """The date, and the day at sea (counted from leaving: ``port_hours`` were spent ashore)."""
    days = hours / 24.0
    d, m = date_after(month, days)
    if ashore:  # the days before leaving are not days at sea
        return _("Ashore · {d} {month}").format(d=d, month=month_name(m))
    return _("Day {n} · {d} {month}").format(n=int((hours - port_hours) / 24.0) + 1, d=d, month=month_name(m))


def wind_from_deg(u: float, v: float) -> float:
    """The compass direction a wind (u east, v north) blows FROM."""
    return math.degrees(math.atan2(-u, -v)) % 360


def forecast_lines(forecast) -> list[str]:
    """An honest forecast (``Model.forecast(..., storms=True)``): ranges, not numbers,
    and what it cannot promise."""
    _mean, low, high, storm_by = forecast
    out = [_("Forecast, day averages, 8 chances in 10 inside:")]
    days = (_("Tomorrow"), _("In 2 days"), _("In 3 days"))
    for d in range(min(FORECAST_DAYS, len(low))):
        out.append(_("{day}: wind {a:.0f}-{b:.0f} m/s, waves {c:.1f}-{e:.1f} m").format(
            day=days[d], a=low[d, 0], b=high[d, 0], c=low[d, 1], e=high[d, 1]))
    tenths = int(round(float(storm_by[-1]) * 10))
    if tenths <= 0:
        out.append(_("A storm within 3 days: less than 1 chance in 10."))
    elif tenths >= 10:
        out.append(_("A storm within 3 days: almost certain."))
    else:
        out.append(ngettext("A storm within 3 days: about {n} chance in 10.",
                            "A storm within 3 days: about {n} chances in 10.", tenths).format(n=tenths))
    return out


def status_lines(model, state, heading: float, km_from_start: float, forecast: list[str],
                 danger_hint: bool, seas: int = 0, fishing: bool = False, tarp: int = 0,
                 landfall: int = 0, night: int = 0) -> list[tuple[str, str]]:
    """(colour role, text), most important first; the panel's text scrolls when they do not all fit."""
    e = state.extra
    lines: list[tuple[str, str]] = []
    alive, dead, swept = int(e["crew_alive"][0]), int(e["crew_dead_aboard"][0]), int(e["swept_overboard"][0])
    if dead and swept:
        lines.append(("warning", _("Aboard: {a} alive, {d} dead · {o} lost to the sea").format(a=alive, d=dead, o=swept)))
    elif dead:
        lines.append(("warning", _("Aboard: {a} alive, {d} dead").format(a=alive, d=dead)))
    elif swept:
        lines.append(("warning", _("Aboard: {a} alive · {o} lost to the sea").format(a=alive, o=swept)))
    else:
        lines.append(("text", _("Aboard: {a} alive").format(a=alive)))
    if bool(e["engine_ok"][0]):
        if state.step == 0:
            engine = _("ready")
        else:
            engine = _("running") if bool(e["engine_running"][0]) else _("stopped")
    else:
        engine = _("broken, can be repaired") if bool(e["engine_fixable"][0]) else _("broken beyond repair at sea")
    lines.append(("text" if e["engine_ok"][0] else "warning", _("Engine: {s} · fuel {f} kg").format(s=engine, f=int(e["fuel_kg"][0]))))
    lines.append(("text", _("Water for {w:.1f} days · food for {f:.1f} days").format(w=float(e["water_days"][0]), f=float(e["food_days"][0]))))
    lines.append(("text" if e["hull"][0] > 0.5 else "warning",
                  _("Hull {h}% · water in the boat {f}%").format(h=int(100 * e["hull"][0]), f=int(100 * e["flood"][0]))))
    wave = float(e["wave_m"][0])
    heavy = wave > model.heavy_sea_m()
    lines.append(("warning" if heavy else "text", _("Wind {w:.0f} m/s from the {d} · waves {h:.1f} m").format(
        w=float(e["wind_ms"][0]), d=compass(wind_from_deg(float(e["wind_u"][0]), float(e["wind_v"][0]))),
        h=wave)))
    if heavy or seas:
        lines.append(("warning" if heavy and not seas else "text", _(SEAS_NOW[int(seas)])))
    if tarp == 1:
        if bool(e["engine_running"][0]):
            lines.append(("dim", _("Tarpaulin: a sail, idle while the engine runs")))
        elif heavy:
            lines.append(("warning", _("Tarpaulin: a sail, but no sail can be carried in these seas")))
        else:
            lines.append(("text", _("Tarpaulin: a sail, the boat sails within 60° of downwind")))
    elif tarp == 2:
        lines.append(("text", _("Tarpaulin: spread to catch rain (storms bring it)")))
    # The landfall chosen with Japan's coast in sight (the model's ``landfall``).
    if landfall == 1:
        lines.append(("text", _("Landfall: running in for a beach")))
    elif landfall == 2 and float(e["harbour_km"][0]) > 0:
        lines.append(("text", _("Landfall: along the coast to a harbour's lights, about {km} km to go").format(
            km=int(round(float(e["harbour_km"][0]), -1)) or 5)))
    elif landfall == 2:
        lines.append(("text", _("Landfall: turning in to the harbour")))
    elif landfall == 3:
        lines.append(("text", _("Landfall: stopped, signalling for Japan's coast guard")))
    # The nights (a crossing's ``night``): asleep now, or how tired the watches have left the crew.
    # (during the night: at dusk itself the question is still to be answered)
    at_night = night >= 2 and state.step > e.get("port_steps", 0) and float(e["days"][0]) % 1.0 > 0.5 + 1e-6
    if at_night:
        lines.append(("text", _("Night: stopped, lying to the sea anchor, everyone asleep") if night == 2 else
                      _("Night: stopped, everyone asleep, a lamp lit at the mast")))
    tired = int(round(float(e["tired"][0]))) if "tired" in e else 0
    if tired > 0:
        lines.append(("warning", ngettext(
            "The crew is tired: {n} night of watches in turns without a night's sleep (slower work; the cold bites harder)",
            "The crew is tired: {n} nights of watches in turns without a night's sleep (slower work; the cold bites harder)",
            tired).format(n=tired)))
    sighted = int(e["in_sight"][0]) if "in_sight" in e else -1
    if sighted >= 0:
        lines.append(("warning", _(IN_SIGHT[sighted])))
    load, cap = float(model.load_kg(state)[0]), model.capacity_kg()
    if load > cap:
        lines.append(("warning", _("Overloaded: {load} kg aboard, more than the {cap} kg the boat can carry").format(
            load=format_number(round(load, -1)), cap=format_number(round(cap, -1)))))
    felt = float(e["felt_c"][0])
    cold = felt < model.p["comfort_temp_c"]
    lines.append(("warning" if cold else "text", _("Air {a:.0f} °C · feels like {f:.0f} °C").format(a=float(e["air_c"][0]), f=round(felt) + 0.0)))
    if danger_hint and state.reason[0] >= 0 and state.risk[0] > 0.01:
        lines.append(("danger", _(model.risk_reasons[int(state.reason[0])])))
    if fishing:
        lines.append(("text", _("Fishing: drifting under the lights on the grounds, {k:.0f} km from where you began").format(
            k=km_from_start)))
    else:
        lines.append(("dim", _("Course {c:.0f}° ({d}) · {k:.0f} km from the start").format(
            c=heading, d=compass(heading), k=km_from_start)))
    lines.extend(("dim", text) for text in forecast)
    return lines


@dataclass(frozen=True)
class SeaObservation:
    """Everything the sea screen draws at one moment (the map's static picture aside)."""

    step: int
    departed: bool
    crewed: bool                      # someone aboard can still act
    title: str                        # the panel's heading: the day at sea, or the scenario before leaving
    boat: tuple[float, float]         # map tiles
    track: tuple[tuple[float, float], ...]
    heading: float
    wind: tuple[float, float]         # m/s, east and north
    wave_m: float
    status: tuple[tuple[str, str], ...] = ()
    forecast: tuple[str, ...] = ()
    notice: str | None = None
    choices: tuple[tuple[str, str], ...] = field(default=())  # a decision's (key, label), when one waits
    # Without GPS: at sea the boat and its track are where the crew reckons them (``reckoned``),
    # and the ring around the boat is how far the wind and the current could have carried it
    # off that (tiles). Once the voyage is over, the true position and track.
    reckoned: bool = False
    ring_tiles: float = 0.0


def km_from_start(model, state, at: tuple[float, float] | None = None) -> float:
    """From the start to the boat (or to ``at``, tiles: where the crew reckons it is)."""
    e, p = state.extra, model.p
    lon, lat = (e["lon"][0], e["lat"][0]) if at is None else model.lonlat_of(*at)
    return float(model._km_between(lon, lat, p["start_lon"], p["start_lat"]))


def observe(model, sim, heading: float, departed: bool, month: int, title: str, forecast: list[str],
            danger_hint: bool, notice: str | None = None, choices: tuple = (), seas: int = 0,
            fishing: bool = False, reckoned_track: tuple = (), tarp: int = 0, landfall: int = 0,
            night: int = 0) -> SeaObservation:
    """The observation of a one-boat ``Simulation`` (the player's). ``reckoned_track``: the
    positions the crew reckoned after each step of the voyage (kept by the screen)."""
    state = sim.state
    e: dict[str, Any] = state.extra
    crewed = bool(e["crew_on_boat"][0]) and int(e["crew_alive"][0]) > 0
    reckoned = departed and crewed and not sim.finished and "est_x" in e
    if reckoned:
        x, y, doubt_km = model.reckoned(state)
        ix, iy = int(min(max(x, 0), model.w - 1)), int(min(max(y, 0), model.h - 1))
        if not model.is_sea[iy, ix]:  # the crew knows it is afloat: not where its reckoning says, on land
            x, y = model._nearest_sea(x, y)
        boat = (x, y)
        track = tuple(reckoned_track) + (boat,)
        ring = doubt_km / model.km_tile
    else:
        boat = (float(e["boat_x"][0]), float(e["boat_y"][0]))
        track = tuple((s.x, s.y) for s in sim.journey) + (boat,)
        ring = 0.0
    status = (status_lines(model, state, heading, km_from_start(model, state, boat if reckoned else None), forecast,
                           danger_hint, seas, fishing, tarp, landfall, night) if departed else [])
    if reckoned and doubt_km >= RING_TOLD_KM:
        status.insert(min(len(status), 5), ("text", _(
            "No GPS: your position is reckoned from the compass and the engine. The wind and the current "
            "may have carried you up to {r:.0f} km off it (the ring on the map).").format(r=doubt_km)))
    return SeaObservation(
        step=int(state.step), departed=departed, crewed=crewed,
        title=(day_text(month, float(state.hours[0]), ashore=(state.step == e.get("port_steps", -1) and not sim.finished
                                and model.p["intent"] >= 0.5),  # (a fishing crew is at sea already)
                        port_hours=e.get("port_steps", 0) * model.step_hours) if departed else title),
        boat=boat, track=track, heading=float(heading),
        wind=(float(e["wind_u"][0]), float(e["wind_v"][0])), wave_m=float(e["wave_m"][0]),
        status=tuple(status), forecast=tuple(forecast), notice=notice, choices=tuple(choices),
        reckoned=reckoned, ring_tiles=ring)
