"""Fog on the line: the play screen's sizes and the panel's buttons (pure Python).

The map and the panel come from ``game.scenes.dmz.layout``; here are what the
fog adds: its rows of buttons, the order Tab and the pad walk through them,
and the compass's corner of the map.
"""

from __future__ import annotations

BUTTON_ROWS = [["crawl", "walk", "run"], ["still", "climb"], ["back", "speed", "zoom"]]
ORDER = ["crawl", "walk", "run", "still", "climb", "back", "speed", "zoom", "help"]
COMPASS_PX = 60  # at text scale 1.0; it grows half as fast as the text
COMPASS_INSET = 10


def compass_rect(map_rect: tuple[int, int, int, int], scale: float) -> tuple[int, int, int, int]:
    """The compass at the map's top left, as (x, y, w, h)."""
    size = round(COMPASS_PX * (1.0 + (scale - 1.0) * 0.5))
    return map_rect[0] + COMPASS_INSET, map_rect[1] + COMPASS_INSET, size, size
