"""The player's settings: saved under the user's config folder, atomically.

A missing file gives the defaults; a corrupt or unreadable one gives the
defaults and a warning the title screen shows, never a crash; one bad field
resets only that field. No pygame.
"""

from __future__ import annotations

import json
import math
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .i18n import LANGUAGES, N_, _
from .safeio import UnreadableFile, decode_utf8, read_bytes, write_atomic  # noqa: F401 (write_atomic: others import it from here)

TEXT_SCALES = (1.0, 1.25, 1.5, 1.75)
MIN_REPLAYS, MAX_REPLAYS = 100, 10_000


@dataclass
class Settings:
    language: str = "en"
    text_scale: float = 1.0
    volume: int = 70  # percent
    reduced_motion: bool = False
    high_contrast: bool = False
    felt_danger_hint: bool = True
    # Teachers and museums can hide the scenario that depicts gunfire.
    show_gunfire_scenarios: bool = True
    fullscreen: bool = False
    # How many travellers the debrief replays (a slow school laptop may want fewer).
    replays: int = 1000

    def validated(self) -> "Settings":
        """Clamp every field to what the game can show."""
        s = Settings(**asdict(self))
        if s.language not in LANGUAGES:
            s.language = "en"
        s.text_scale = min(2.0, max(0.75, float(s.text_scale)))
        s.volume = int(min(100, max(0, int(s.volume))))
        s.replays = int(min(MAX_REPLAYS, max(MIN_REPLAYS, int(s.replays))))
        return s


def config_dir() -> Path:
    override = os.environ.get("CROSSINGS_CONFIG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("crossings", appauthor=False))


def data_dir() -> Path:
    """Where the player's own files go (saved charts, recorded choices).

    ``CROSSINGS_DATA_DIR`` overrides it (tests, kiosks, school machines)."""
    override = os.environ.get("CROSSINGS_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("crossings", appauthor=False))


def settings_path() -> Path:
    return config_dir() / "settings.json"


# Far above a real settings file (~300 bytes); anything larger is not ours.
SIZE_LIMIT = 64 * 1024
# A save killed between writing and renaming leaves a temporary file; one this
# old is no save in progress (another copy of the game running) but a leftover.
STALE_TMP_S = 60.0


class Notice(str):
    """A warning for the title screen that can be translated again later.

    Settings are read before the language they hold is chosen, so the text is
    made in the default language first and ``translated()`` redoes it. It is
    one or more sentences, each a (msgid, fields) pair."""

    def __new__(cls, *parts: tuple[str, dict[str, Any]]) -> "Notice":
        self = super().__new__(cls, cls._join(parts))
        self.parts = parts
        return self

    @staticmethod
    def _join(parts) -> str:
        return " ".join(_(msgid).format(**kw) for msgid, kw in parts)

    def translated(self) -> str:
        return self._join(self.parts)


def _field_value(key: str, value: Any, default: Any) -> Any:
    """The value if it fits the field's type (an int is a fine float), else ValueError."""
    expected = type(default)
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        try:
            value = float(value)
        except OverflowError:
            raise ValueError(key) from None
    if type(value) is not expected:
        raise ValueError(key)
    if expected is float and not math.isfinite(value):
        raise ValueError(key)
    return value


def parse(raw: bytes) -> tuple[Settings, list[str]]:
    """Settings from the file's bytes, and the names of the fields that were bad.

    Every good field is kept; a bad one gets its default. ValueError if the
    bytes are not a JSON object at all (the reason in the message)."""
    text = decode_utf8(raw)
    try:
        data = json.loads(text)
    except RecursionError:
        raise ValueError("it nests too deeply to be settings") from None
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    defaults = asdict(Settings())
    values, bad = {}, []
    for key, value in data.items():
        if key not in defaults:
            continue  # a setting from a newer version: ignore it
        try:
            values[key] = _field_value(key, value, defaults[key])
        except ValueError:
            bad.append(key)
    return Settings(**values).validated(), sorted(set(bad))


def load(path: Path | None = None) -> tuple[Settings, str | None]:
    """The saved settings and a warning (None when all is well).

    Never raises: a kiosk must start whatever the file holds. A file that is
    partly bad keeps its good fields; a file replaced by the defaults, or with
    bad fields, is first copied beside itself (settings.json.bad), since the
    next save overwrites it."""
    path = path or settings_path()
    clean_leftovers(path)
    try:
        raw = read_bytes(path, SIZE_LIMIT)
    except FileNotFoundError:
        return Settings(), None
    except UnreadableFile as exc:
        # Not a file we can read (a device, a pipe, huge): nothing to copy.
        return Settings(), Notice((N_("The settings file {path} cannot be used ({reason}); using the defaults."),
                                   {"path": path, "reason": exc}))
    try:
        loaded, bad = parse(raw)
    except json.JSONDecodeError as exc:
        # The parser's own words ("Expecting ',' delimiter ... (char 86)") are for programmers.
        return Settings(), Notice((N_("The settings file {path} is damaged: it is not complete JSON (the problem is at line {line}, column {column}); using the defaults."),
                                   {"path": path, "line": exc.lineno, "column": exc.colno}), *_keep_copy(path, raw))
    except (ValueError, UnreadableFile) as exc:
        return Settings(), Notice((N_("The settings file {path} is damaged ({reason}); using the defaults."),
                                   {"path": path, "reason": exc}), *_keep_copy(path, raw))
    if not bad:
        return loaded, None
    return loaded, Notice((N_("Some settings in {path} were not usable and are back to their defaults: {names}."),
                           {"path": path, "names": ", ".join(bad)}), *_keep_copy(path, raw))


def _keep_copy(path: Path, raw: bytes) -> list[tuple[str, dict[str, Any]]]:
    """Copy the file about to be replaced; a sentence saying where, or none if that failed."""
    copy = path.with_name(path.name + ".bad")
    try:
        write_atomic(copy, raw)
    except OSError:
        return []  # a read-only folder: the file will not be overwritten either
    return [(N_("The old file is kept as {copy}."), {"copy": copy})]


def clean_leftovers(path: Path) -> int:
    """Remove temporary files that killed saves left beside ``path``; how many."""
    removed = 0
    now = time.time()
    try:
        leftovers = list(path.parent.glob(f".{path.name}.*.tmp"))
    except OSError:
        return 0
    for tmp in leftovers:
        try:
            if now - tmp.lstat().st_mtime >= STALE_TMP_S:
                tmp.unlink()
                removed += 1
        except OSError:
            pass
    return removed


def save(settings: Settings, path: Path | None = None) -> None:
    """Write to a temporary file beside the target, then rename over it, so
    a crash mid-write never leaves a half-written file."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(asdict(settings.validated()), indent=2, sort_keys=True)
    write_atomic(path, text)


