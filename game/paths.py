"""Where the game's data lives, installed or in a checkout."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    # In a wheel, assets/ and levels/ are installed inside the package as
    # _assets/ and _levels/ (see pyproject.toml); in a checkout they sit beside it.
    for candidate in (_PACKAGE / f"_{name}", _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the game's {name}/ folder is missing (looked in {_PACKAGE} and {_PACKAGE.parent})")


def assets_dir() -> Path:
    return _find("assets")


def levels_dir() -> Path:
    # CROSSINGS_LEVELS_DIR: another levels folder for the whole program (tests
    # that break a copy of the levels, a teacher trying an edited scenario).
    override = os.environ.get("CROSSINGS_LEVELS_DIR")
    if override:
        return Path(override)
    return _find("levels")


def locale_dir() -> Path:
    return _PACKAGE / "locale"
