"""Where the game's data lives, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_levels_override: Path | None = None  # `play --levels DIR`: an edited copy of the levels


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
    return _levels_override if _levels_override is not None else _find("levels")


def installed_levels_dir() -> Path:
    """The game's own levels folder, whatever ``--levels`` says."""
    return _find("levels")


def use_levels(folder: str | Path | None) -> None:
    """Read scenarios, maps and facts from ``folder`` from now on (None: the game's own)."""
    global _levels_override
    _levels_override = Path(folder).resolve() if folder is not None else None


def locale_dir() -> Path:
    return _PACKAGE / "locale"
