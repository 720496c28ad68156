"""The bundled font at every size the screens ask for, scaled by the text-size setting."""

from __future__ import annotations

import pygame

from ..paths import assets_dir

FONT_FILE = "fonts/NotoSansCJK-Subset.otf"

# Base sizes in logical pixels (the window is 1280x720 logical).
SIZES = {"small": 18, "body": 22, "large": 28, "title": 44, "huge": 60}

_cache: dict[tuple[int, bool], pygame.font.Font] = {}
_scale = 1.0


def set_scale(scale: float) -> None:
    global _scale
    _scale = scale


def get_scale() -> float:
    return _scale


# Headings are already large: they grow at half the rate of the text size,
# so that larger text leaves room for the text itself.
GENTLE = {"title", "huge"}


def font(role: str = "body", bold: bool = False) -> pygame.font.Font:
    scale = 1 + (_scale - 1) * 0.5 if role in GENTLE else _scale
    size = max(10, round(SIZES.get(role, SIZES["body"]) * scale))
    return font_px(size, bold)


def font_px(size: int, bold: bool = False) -> pygame.font.Font:
    key = (size, bold)
    if key not in _cache:
        if not pygame.font.get_init():
            pygame.font.init()
        f = pygame.font.Font(str(assets_dir() / FONT_FILE), size)
        f.bold = bold
        _cache[key] = f
    return _cache[key]


def clear_cache() -> None:
    """Forget loaded fonts (they die with pygame.quit())."""
    _cache.clear()


def clear_stale() -> None:
    """Forget the loaded fonts if pygame's font module was quit since they
    were loaded (a font then refuses every call); keep them otherwise, as a
    second App in the same process may (loading one takes milliseconds)."""
    for f in _cache.values():
        try:
            f.get_height()
        except pygame.error:
            _cache.clear()
            return
