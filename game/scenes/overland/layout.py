"""Where the overland screen's parts go, for a canvas size and a text size.

Pure arithmetic on (x, y, width, height) tuples: the scene turns them into
pygame rectangles. The map on the left with the journal box under it; the
status header and the choices on the right.
"""

from __future__ import annotations

from dataclasses import dataclass

Box = tuple[int, int, int, int]

MARGIN = 12
INSET_TILES = 15  # the inset shows this many tiles across (40 km each)
INSET_MAX = 240  # pixels
JOURNAL_LINES = 4  # lines of body text the journal box under the map holds


def column_width(scale: float) -> int:
    """The map's column: narrower at large text, so the choices keep room."""
    return 600 if scale <= 1.25 else (520 if scale <= 1.5 else 460)


def journal_height(body_line: int) -> int:
    return JOURNAL_LINES * body_line + 16


@dataclass(frozen=True)
class Layout:
    journal: Box
    map: Box
    panel: Box
    inset_size: int


def layout(width: int, height: int, scale: float, body_line: int) -> Layout:
    """The screen's parts for a canvas of ``width`` x ``height`` at text ``scale``
    (``body_line``: the height of a line of body text)."""
    column = column_width(scale)
    jh = journal_height(body_line)
    journal = (MARGIN, height - MARGIN - jh, column - MARGIN, jh)
    map_box = (MARGIN, MARGIN, column - MARGIN, journal[1] - 8 - MARGIN)
    panel = (column + 16, MARGIN, width - column - 16 - MARGIN, height - 2 * MARGIN)
    inset = min(INSET_MAX, int(min(map_box[2], map_box[3]) * 0.42))
    return Layout(journal, map_box, panel, inset)


def inset_box(map_box: Box, size: int, traveller: tuple[int, int]) -> Box:
    """Near you, magnified: in the map's lower right corner (the sea east of China),
    or its upper right if the traveller were under it (a margin of 12 kept)."""
    x, y, w, h = map_box
    bx, by = x + w - size - 8, y + h - size - 8
    tx, ty = traveller
    if bx - 12 <= tx < bx + size + 12 and by - 12 <= ty < by + size + 12:
        by = y + 8
    return (bx, by, size, size)


def form_box(panel: Box, header_height: int) -> Box:
    """The choices: under the status header, to the panel's foot."""
    x, y, w, h = panel
    top = y + header_height + 8
    return (x, top, w, max(80, y + h - top))
