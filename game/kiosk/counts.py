"""Anonymous counts of the kiosk's visits, in SQLite (WAL) in the data folder.

What is kept: when a visit began (to the minute), its language, the journey
chosen, how far it got, the outcome, how it ended (finished, idle reset), and
seconds per screen. Nothing about a person; nothing is sent anywhere. No pygame.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS visits (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,      -- local time, to the minute
    day TEXT NOT NULL,          -- local date, YYYY-MM-DD
    language TEXT,
    journey TEXT,
    furthest TEXT,              -- language, journeys, note, play, debrief
    outcome TEXT,
    ended_by TEXT,              -- finished, idle, admin
    seconds REAL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS screen_time (
    visit INTEGER NOT NULL REFERENCES visits(id),
    screen TEXT NOT NULL,
    seconds REAL NOT NULL
);
"""
STAGES = ("language", "journeys", "note", "play", "debrief")


def db_path() -> Path:
    from ..settings import data_dir

    return data_dir() / "kiosk.sqlite3"


def connect(path: Path | None = None) -> sqlite3.Connection:
    path = path or db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(str(path), timeout=5, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.executescript(SCHEMA)
    return con


@dataclass
class Visit:
    """One visitor's counts while they are at the screen (in memory until it ends)."""

    started: float = field(default_factory=time.time)
    language: str | None = None
    journey: str | None = None
    furthest: str = "language"
    outcome: str | None = None
    screens: dict[str, float] = field(default_factory=dict)

    def reached(self, stage: str) -> None:
        if STAGES.index(stage) > STAGES.index(self.furthest):
            self.furthest = stage


class Counts:
    """Writes each visit when it ends. A disk that fails is logged, never fatal."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self.con: sqlite3.Connection | None = None
        self.problem = ""

    def _con(self) -> sqlite3.Connection | None:
        if self.con is None and not self.problem:
            try:
                self.con = connect(self.path)
            except (OSError, sqlite3.Error) as exc:
                self.problem = f"counts not kept: {exc}"
        return self.con

    def write(self, visit: Visit, ended_by: str) -> None:
        con = self._con()
        if con is None:
            return
        t = time.localtime(visit.started)
        try:
            with con:
                con.execute("BEGIN")
                cur = con.execute(
                    "INSERT INTO visits (started, day, language, journey, furthest, outcome, ended_by, seconds) VALUES (?,?,?,?,?,?,?,?)",
                    (time.strftime("%Y-%m-%d %H:%M", t), time.strftime("%Y-%m-%d", t), visit.language, visit.journey,
                     visit.furthest, visit.outcome, ended_by, round(sum(visit.screens.values()), 1)),
                )
                con.executemany("INSERT INTO screen_time (visit, screen, seconds) VALUES (?,?,?)",
                                [(cur.lastrowid, k, round(v, 1)) for k, v in visit.screens.items()])
        except sqlite3.Error as exc:
            self.problem = f"counts not kept: {exc}"

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None


def summary(con: sqlite3.Connection, days: int = 1) -> dict:
    """Counts over the last ``days`` days (1: today)."""
    since = time.strftime("%Y-%m-%d", time.localtime(time.time() - (days - 1) * 86400))

    def grouped(col: str) -> dict[str, int]:
        rows = con.execute(f"SELECT COALESCE({col}, '-'), COUNT(*) FROM visits WHERE day >= ? GROUP BY 1 ORDER BY 2 DESC", (since,))
        return dict(rows.fetchall())

    total, seconds = con.execute("SELECT COUNT(*), COALESCE(SUM(seconds), 0) FROM visits WHERE day >= ?", (since,)).fetchone()
    per_day = dict(con.execute("SELECT day, COUNT(*) FROM visits WHERE day >= ? GROUP BY day ORDER BY day", (since,)).fetchall())
    screens = dict(con.execute(
        "SELECT s.screen, ROUND(AVG(s.seconds), 1) FROM screen_time s JOIN visits v ON v.id = s.visit WHERE v.day >= ? GROUP BY s.screen ORDER BY 2 DESC",
        (since,)).fetchall())
    return {
        "since": since, "visits": total, "seconds": seconds, "per_day": per_day,
        "language": grouped("language"), "journey": grouped("journey"), "furthest": grouped("furthest"),
        "outcome": grouped("outcome"), "ended_by": grouped("ended_by"), "screen_seconds": screens,
    }
