"""The player's settings: saved under the user's config folder, atomically.

A missing file gives the defaults; a corrupt or unreadable one gives the
defaults and a warning the title screen shows, never a crash. No pygame.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .i18n import LANGUAGES

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


def load(path: Path | None = None) -> tuple[Settings, str | None]:
    """The saved settings and a warning (None when all is well)."""
    path = path or settings_path()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(), None
    except OSError as exc:
        return Settings(), f"Could not read the settings file {path} ({exc.strerror}); using the defaults."
    try:
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        known = {f.name: f.type for f in fields(Settings)}
        defaults = asdict(Settings())
        values = {}
        for key, value in data.items():
            if key not in known:
                continue  # a setting from a newer version: ignore it
            expected = type(defaults[key])
            if expected is float and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            if type(value) is not expected:
                raise ValueError(f"'{key}' should be {expected.__name__}")
            values[key] = value
        return Settings(**values).validated(), None
    except (ValueError, TypeError) as exc:
        return Settings(), f"The settings file {path} is damaged ({exc}); using the defaults."


def save(settings: Settings, path: Path | None = None) -> None:
    """Write to a temporary file beside the target, then rename over it, so
    a crash mid-write never leaves a half-written file."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(asdict(settings.validated()), indent=2, sort_keys=True)
    write_atomic(path, text)


def write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
