"""Sunrise at a place and date, from NOAA's general solar position formulae.

    python tools/sunrise.py [LAT LON UTC_OFFSET YYYY-MM-DD]

The fog scenario's ``sunrise_hour`` is computed with this, not taken from a
record: Yeoncheon (38.1 N, 127.1 E), 21 December 2017, Korean time (UTC+9).
Sunrise is when the sun's centre is 0.833 degrees below the horizon (half the
disc plus the usual refraction). NOAA's formulae are good to about a minute.
"""

from __future__ import annotations

import datetime as dt
import math
import sys


def sunrise_hour(lat: float, lon: float, utc_offset_h: float, date: dt.date) -> float:
    """Local clock hour of sunrise (e.g. 7.73 for 07:44)."""
    day = date.timetuple().tm_yday
    g = 2.0 * math.pi / 365.0 * (day - 1)  # fractional year at local noon-ish
    eqtime = 229.18 * (0.000075 + 0.001868 * math.cos(g) - 0.032077 * math.sin(g)
                       - 0.014615 * math.cos(2 * g) - 0.040849 * math.sin(2 * g))  # minutes
    decl = (0.006918 - 0.399912 * math.cos(g) + 0.070257 * math.sin(g) - 0.006758 * math.cos(2 * g)
            + 0.000907 * math.sin(2 * g) - 0.002697 * math.cos(3 * g) + 0.00148 * math.sin(3 * g))
    phi = math.radians(lat)
    cos_ha = math.cos(math.radians(90.833)) / (math.cos(phi) * math.cos(decl)) - math.tan(phi) * math.tan(decl)
    ha = math.degrees(math.acos(max(-1.0, min(1.0, cos_ha))))
    minutes_utc = 720.0 - 4.0 * (lon + ha) - eqtime
    return (minutes_utc / 60.0 + utc_offset_h) % 24.0


def main(argv: list[str]) -> None:
    if argv:
        lat, lon, off, day = float(argv[0]), float(argv[1]), float(argv[2]), dt.date.fromisoformat(argv[3])
    else:
        lat, lon, off, day = 38.1, 127.1, 9.0, dt.date(2017, 12, 21)
    h = sunrise_hour(lat, lon, off, day)
    s = round(h * 3600)
    print(f"sunrise {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d} ({h:.3f} h) at {lat} N, {lon} E on {day}")


if __name__ == "__main__":
    main(sys.argv[1:])
