"""The kiosk's config file (TOML), checked field by field. No pygame.

A bad file never gives a black screen in a gallery: ``load`` returns safe
defaults and the problems (file, field, reason), which the kiosk prints at
start and shows on its admin screen. See contrib/kiosk.toml for every field.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..i18n import LANGUAGES

MIN_IDLE_S = 30.0  # never reset a visitor sooner than this
DEFAULT_JOURNEYS = ("fog", "sea", "overland")
PBKDF2_ROUNDS = 200_000
# Used only until a museum sets its own (the admin screen says so).
DEFAULT_PIN = "2468"


def hash_pin(pin: str, salt: bytes | None = None, rounds: int = PBKDF2_ROUNDS) -> str:
    """``pbkdf2_sha256$rounds$salt$hash``: what the config stores, never the PIN."""
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, rounds)
    return f"pbkdf2_sha256${rounds}${salt.hex()}${digest.hex()}"


def check_pin(pin: str, stored: str) -> bool:
    try:
        kind, rounds, salt, digest = stored.split("$")
        if kind != "pbkdf2_sha256":
            return False
        got = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), bytes.fromhex(salt), int(rounds))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got.hex(), digest)


def _valid_hash(text: str) -> bool:
    parts = text.split("$")
    if len(parts) != 4 or parts[0] != "pbkdf2_sha256":
        return False
    try:
        bytes.fromhex(parts[2]), bytes.fromhex(parts[3])
        return 1000 <= int(parts[1]) <= 10_000_000
    except ValueError:
        return False


@dataclass
class KioskConfig:
    journeys: tuple[str, ...] = DEFAULT_JOURNEYS
    languages: tuple[str, ...] = tuple(LANGUAGES)
    default_language: str = "en"
    idle_seconds: float = 60.0
    still_there_seconds: float = 20.0
    show_gunfire: bool = False
    admin_pin_hash: str = ""  # empty: the default PIN, with a notice on the admin screen
    restart_hour: int = 4  # local hour for the daily restart (on the attract loop); -1: never
    volume_cap: int = 60  # percent
    volume: int = 50
    time_scale: float = 3.0  # the kiosk cut: game time runs this much faster than at home
    problems: list[str] = field(default_factory=list)  # what was wrong with the file

    @property
    def pin_hash(self) -> str:
        return self.admin_pin_hash or _default_hash()


_DEFAULT_HASH: str | None = None


def _default_hash() -> str:
    global _DEFAULT_HASH
    if _DEFAULT_HASH is None:
        _DEFAULT_HASH = hash_pin(DEFAULT_PIN, salt=b"crossings-kiosk!", rounds=20_000)
    return _DEFAULT_HASH


def _known_journeys() -> set[str]:
    try:
        from ..levels import load_all

        return {sc.id for sc in load_all()}
    except Exception:  # a broken level is the picker's to report
        return set(DEFAULT_JOURNEYS) | {"jsa"}


def load(path: str | os.PathLike | None) -> KioskConfig:
    """The config from ``path`` (None: defaults). Never raises: every problem
    is a line in ``config.problems`` and that field keeps its safe default."""
    cfg = KioskConfig()
    if path is None:
        return cfg
    path = Path(path)
    name = str(path)
    try:
        if not path.exists():
            raise OSError("no such file")
        if not path.is_file():
            raise OSError("not a file (a folder?)")
        if path.stat().st_size > 1_000_000:
            raise OSError("larger than 1 MB")
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        # The codec's own words ("can't decode byte 0xff in position 0") tell a technician little.
        cfg.problems.append(f"{name}: not UTF-8 text (byte {exc.object[exc.start]:#04x} at position {exc.start}); save it as UTF-8; using the safe defaults")
        return cfg
    except (OSError, tomllib.TOMLDecodeError) as exc:
        cfg.problems.append(f"{name}: {exc}; using the safe defaults")
        return cfg
    table = data.get("kiosk", data)
    if not isinstance(table, dict):
        cfg.problems.append(f"{name}: [kiosk] must be a table; using the safe defaults")
        return cfg
    known = {f.name for f in fields(KioskConfig)} - {"problems"}
    for key in table:
        if key not in known:
            cfg.problems.append(f"{name}: field '{key}': unknown field (ignored)")

    def bad(key: str, reason: str) -> None:
        cfg.problems.append(f"{name}: field '{key}': {reason}; kept the default")

    def number(key: str, lo: float, hi: float, integer: bool = False):
        v = table[key]
        if isinstance(v, bool) or not isinstance(v, (int, float)) or (integer and not isinstance(v, int)):
            bad(key, f"needs {'a whole number' if integer else 'a number'}, got {v!r}")
            return None
        if not (lo <= v <= hi):
            bad(key, f"{v!r} is outside {lo:g}..{hi:g}")
            return None
        return v

    if "journeys" in table:
        v, known_ids = table["journeys"], _known_journeys()
        if not isinstance(v, list) or not v or not all(isinstance(x, str) for x in v):
            bad("journeys", "needs a non-empty list of journey ids")
        elif [x for x in v if x not in known_ids]:
            bad("journeys", f"unknown journey {', '.join(x for x in v if x not in known_ids)} (has: {', '.join(sorted(known_ids))})")
        else:
            cfg.journeys = tuple(dict.fromkeys(v))
    if "languages" in table:
        v = table["languages"]
        if not isinstance(v, list) or not v or not all(isinstance(x, str) for x in v):
            bad("languages", "needs a non-empty list of language codes")
        elif [x for x in v if x not in LANGUAGES]:
            bad("languages", f"unknown language {', '.join(x for x in v if x not in LANGUAGES)} (has: {', '.join(LANGUAGES)})")
        else:
            cfg.languages = tuple(dict.fromkeys(v))
    if "default_language" in table:
        v = table["default_language"]
        if v not in cfg.languages:
            bad("default_language", f"{v!r} is not one of the offered languages ({', '.join(cfg.languages)})")
        else:
            cfg.default_language = v
    elif cfg.default_language not in cfg.languages:
        cfg.default_language = cfg.languages[0]
    if "idle_seconds" in table:
        v = number("idle_seconds", MIN_IDLE_S, 3600)
        if v is not None:
            cfg.idle_seconds = float(v)
    if "still_there_seconds" in table:
        v = number("still_there_seconds", 5, 120)
        if v is not None:
            cfg.still_there_seconds = float(v)
    if "show_gunfire" in table:
        if isinstance(table["show_gunfire"], bool):
            cfg.show_gunfire = table["show_gunfire"]
        else:
            bad("show_gunfire", "needs true or false")
    if "admin_pin_hash" in table:
        v = table["admin_pin_hash"]
        if not isinstance(v, str) or not _valid_hash(v):
            bad("admin_pin_hash", "is not a hash made by `crossings kiosk --hash-pin` (the PIN itself is never stored)")
        else:
            cfg.admin_pin_hash = v
    if "restart_hour" in table:
        v = number("restart_hour", -1, 23, integer=True)
        if v is not None:
            cfg.restart_hour = int(v)
    if "volume_cap" in table:
        v = number("volume_cap", 0, 100, integer=True)
        if v is not None:
            cfg.volume_cap = int(v)
    if "volume" in table:
        v = number("volume", 0, 100, integer=True)
        if v is not None:
            cfg.volume = int(v)
    cfg.volume = min(cfg.volume, cfg.volume_cap)
    if "time_scale" in table:
        v = number("time_scale", 1, 10)
        if v is not None:
            cfg.time_scale = float(v)
    return cfg
