"""A class session on disk: one SQLite file in WAL mode per session.

Sessions live in ``<data folder>/classroom/<YYYYMMDD-HHMMSS>-<CODE>/`` (the
data folder is platformdirs' user data folder, or ``CROSSINGS_DATA_DIR``);
the exports are written beside ``session.sqlite``. Every result is committed
when it arrives, under the id the student's machine gave it, so a result sent
twice is stored once. Progress (where each student is) is kept in memory and
written in batches: after a crash it may be a few seconds old, the results
never. No pygame.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..settings import data_dir

KEEP_DAYS = 30

SCHEMA = """
CREATE TABLE IF NOT EXISTS session (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS groups (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, scenario TEXT NOT NULL,
    preset TEXT NOT NULL, overrides TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS students (
    id TEXT PRIMARY KEY, nickname TEXT NOT NULL UNIQUE, group_id INTEGER NOT NULL,
    seed INTEGER NOT NULL, joined REAL NOT NULL, removed INTEGER NOT NULL DEFAULT 0,
    phase TEXT NOT NULL DEFAULT 'lobby', step INTEGER NOT NULL DEFAULT 0,
    hours REAL NOT NULL DEFAULT 0, elapsed REAL NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS results (
    result_id TEXT PRIMARY KEY, student_id TEXT NOT NULL UNIQUE, received REAL NOT NULL,
    outcome TEXT, autoplayed INTEGER NOT NULL, record TEXT NOT NULL);
"""


def sessions_root() -> Path:
    return data_dir() / "classroom"


@dataclass
class Group:
    id: int
    name: str
    scenario: str
    preset: str
    overrides: dict[str, float] = field(default_factory=dict)


@dataclass
class Student:
    id: str
    nickname: str
    group_id: int
    seed: int
    joined: float
    removed: bool = False
    phase: str = "lobby"
    step: int = 0
    hours: float = 0.0
    elapsed: float = 0.0


class StoreError(OSError):
    """A session file that cannot be opened or read: names the file and why."""


class Store:
    def __init__(self, folder: Path):
        self.folder = folder
        self.path = folder / "session.sqlite"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            # FULL: a result acknowledged to a student is on disk, even if the
            # machine loses power the next moment (WAL alone survives a killed process).
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.executescript(SCHEMA)
            self.db.execute("SELECT COUNT(*) FROM students").fetchone()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"{self.path}: cannot be used as a class session ({exc})") from None

    @classmethod
    def create(cls, code: str, groups: list[Group], settings: dict[str, Any], root: Path | None = None) -> "Store":
        root = root or sessions_root()
        folder = root / f"{time.strftime('%Y%m%d-%H%M%S')}-{code}"
        store = cls(folder)
        with store.db:
            store.db.execute("BEGIN")
            store._put("code", code)
            store._put("created", time.time())
            store._put("state", "lobby")
            store._put("settings", settings)
            for g in groups:
                store.db.execute("INSERT INTO groups VALUES (?,?,?,?,?)", (g.id, g.name, g.scenario, g.preset, json.dumps(g.overrides)))
        return store

    @classmethod
    def latest(cls, root: Path | None = None) -> "Store | None":
        """The most recent session that has not been closed, for --resume."""
        root = root or sessions_root()
        if not root.is_dir():
            return None
        for folder in sorted((p for p in root.iterdir() if (p / "session.sqlite").is_file()), reverse=True):
            store = cls(folder)
            if not store.get("closed", False):
                return store
            store.close()
        return None

    def close(self) -> None:
        self.db.close()

    # -- key/value ----------------------------------------------------------
    def _put(self, key: str, value: Any) -> None:
        self.db.execute("INSERT OR REPLACE INTO session VALUES (?,?)", (key, json.dumps(value)))

    def put(self, key: str, value: Any) -> None:
        self._put(key, value)

    def get(self, key: str, default: Any = None) -> Any:
        row = self.db.execute("SELECT value FROM session WHERE key=?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    # -- groups and students --------------------------------------------------
    def groups(self) -> list[Group]:
        rows = self.db.execute("SELECT id, name, scenario, preset, overrides FROM groups ORDER BY id").fetchall()
        return [Group(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in rows]

    def add_student(self, s: Student) -> None:
        self.db.execute(
            "INSERT INTO students (id, nickname, group_id, seed, joined) VALUES (?,?,?,?,?)",
            (s.id, s.nickname, s.group_id, s.seed, s.joined),
        )

    def set_nickname(self, student_id: str, nickname: str) -> None:
        self.db.execute("UPDATE students SET nickname=? WHERE id=?", (nickname, student_id))

    def remove_student(self, student_id: str) -> None:
        self.db.execute("UPDATE students SET removed=1 WHERE id=?", (student_id,))

    def save_progress(self, students: list[Student]) -> None:
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany(
                "UPDATE students SET phase=?, step=?, hours=?, elapsed=? WHERE id=?",
                [(s.phase, s.step, s.hours, s.elapsed, s.id) for s in students],
            )

    def students(self) -> list[Student]:
        rows = self.db.execute(
            "SELECT id, nickname, group_id, seed, joined, removed, phase, step, hours, elapsed FROM students ORDER BY joined"
        ).fetchall()
        return [Student(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7], r[8], r[9]) for r in rows]

    # -- results --------------------------------------------------------------
    def add_result(self, result_id: str, student_id: str, record: dict[str, Any]) -> bool:
        """Store a result; False if this id, or a result of this student, is already here."""
        cur = self.db.execute(
            "INSERT OR IGNORE INTO results VALUES (?,?,?,?,?,?)",
            (result_id, student_id, time.time(), record.get("outcome"), int(bool(record.get("autoplayed"))), json.dumps(record)),
        )
        return cur.rowcount == 1

    def results(self) -> dict[str, dict[str, Any]]:
        """student id -> {result_id, received, record}."""
        rows = self.db.execute("SELECT result_id, student_id, received, record FROM results ORDER BY received").fetchall()
        return {r[1]: {"result_id": r[0], "received": r[2], "record": json.loads(r[3])} for r in rows}


def delete_old_sessions(days: int = KEEP_DAYS, root: Path | None = None, now: float | None = None) -> list[Path]:
    """Remove session folders older than ``days``; returns what was removed."""
    root = root or sessions_root()
    if not root.is_dir():
        return []
    cutoff = (now or time.time()) - days * 86400
    gone = []
    for folder in root.iterdir():
        db = folder / "session.sqlite"
        if not db.is_file():
            continue
        try:
            con = sqlite3.connect(db)
            row = con.execute("SELECT value FROM session WHERE key='created'").fetchone()
            con.close()
            created = json.loads(row[0]) if row else db.stat().st_mtime
        except (sqlite3.Error, ValueError):
            created = db.stat().st_mtime
        if created < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
            gone.append(folder)
    return gone
