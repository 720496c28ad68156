"""Sizes of the DMZ play screens: the map on the left, the panel on the right.

Pure Python: rectangles as (x, y, width, height) tuples from the canvas size
and the text scale, so the layout is tested without a window.
"""

from __future__ import annotations

PAD = 12  # the panel's inner margin (px)
PANEL_W = 400  # the side panel at text scale 1.0; it widens with the text
PANEL_MAX = 640
ZOOMS = (1.0, 1.5, 2.0)
START_ZOOM_I = 1  # a journey opens at ZOOMS[1]


def panel_width(scale: float) -> int:
    """The side panel's width at a text scale: wider text, wider panel, up to PANEL_MAX."""
    return min(PANEL_MAX, round(PANEL_W + max(0.0, scale - 1.0) * 300))


def map_and_panel(w: int, h: int, scale: float) -> tuple[tuple[int, int, int, int], tuple[int, int, int, int]]:
    """The map's and the panel's rectangles on a ``w`` x ``h`` canvas."""
    pw = panel_width(scale)
    return (0, 0, w - pw, h), (w - pw, 0, pw, h)
