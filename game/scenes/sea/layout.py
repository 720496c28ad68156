"""Where things go on the sea screen: rects and sizes from the canvas size and the text scale.

Functions of sizes and texts only (no model, no drawing): the panel's width,
the map's zoom, the grid of the crew's buttons, the map's row of buttons, the
place of a message box clear of the boat.
"""

from __future__ import annotations

from typing import Callable, Sequence

import pygame

PANEL_W = 480  # the side panel at text scale 1.0; it widens with the text
PAD = 12
GAP = 8
MIN_TOUCH = 48
ZOOMS = (1.0, 2.2, 4.4)  # times the zoom at which the map fills its area


def panel_width(text_scale: float) -> int:
    return min(720, round(PANEL_W + max(0.0, text_scale - 1.0) * 280))


def zoom_for(base_size: tuple[int, int], map_size: tuple[int, int], zoom_i: int) -> float:
    fit = max(map_size[0] / base_size[0], map_size[1] / base_size[1])
    return round(fit * ZOOMS[zoom_i], 3)


def button_grid(panel: pygame.Rect, top: int, texts: Sequence[str], lines_of: Callable[[str, int], int],
                line_h: int) -> tuple[list[pygame.Rect], int]:
    """Two columns of buttons from ``top``; a button is one or two lines tall.
    ``lines_of(text, width)`` counts the wrapped lines. Returns the rects and the bottom."""
    col_w = (panel.width - 2 * PAD - GAP) // 2
    heights = [max(MIN_TOUCH, min(2, lines_of(t, col_w - 16)) * line_h + 14) for t in texts]
    rects: list[pygame.Rect] = []
    y = top
    for i in range(0, len(heights), 2):
        h = max(heights[i:i + 2])
        for c in range(min(2, len(heights) - i)):
            rects.append(pygame.Rect(panel.x + PAD + c * (col_w + GAP), y, col_w, h))
        y += h + GAP
    return rects, y


def tool_rows(map_rect: pygame.Rect, widths: Sequence[int], line_h: int) -> tuple[list[pygame.Rect], pygame.Rect]:
    """The map's buttons flow left to right along its bottom; a second row above if they do not fit.
    Returns each button's rect and the bar they sit in."""
    h = max(MIN_TOUCH, line_h + 14)
    left, right = map_rect.x + 8, map_rect.right - 8
    rows: list[list[tuple[int, int]]] = [[]]
    x = left
    for i, text_w in enumerate(widths):
        w = max(MIN_TOUCH, min(right - left, text_w + 20))
        if rows[-1] and x + w > right:
            rows.append([])
            x = left
        rows[-1].append((i, w))
        x += w + GAP
    y = map_rect.bottom - 8 - len(rows) * h - (len(rows) - 1) * GAP
    top = y
    rects = [pygame.Rect(0, 0, 0, 0)] * len(widths)
    for row in rows:
        x = left
        for i, w in row:
            rects[i] = pygame.Rect(x, y, w, h)
            x += w + GAP
        y += h + GAP
    return rects, pygame.Rect(map_rect.x, top - 8, map_rect.width, map_rect.bottom - top + 8)


def notice_rect(map_rect: pygame.Rect, panel: pygame.Rect, boat: tuple[int, int], floor: int,
                height: Callable[[int], int], top: int = 16, panel_top: int | None = None) -> pygame.Rect:
    """A message box at the top of the map (captions keep to its bottom), never over the
    boat: below or above it, or beside it, or else over the panel. ``height(width)`` is
    the box's height at a width; ``floor`` the top of the map's buttons; ``top`` the highest
    it may go (below what is drawn over the map's top); ``panel_top`` where it may start
    over the panel (below the panel's heading)."""
    width = map_rect.width - 48
    rect = pygame.Rect(map_rect.x + 24, top, width, height(width))
    bx, by = boat
    if not rect.inflate(0, 40).collidepoint(bx, by):
        return rect
    if by + 30 + rect.height <= floor:
        rect.top = by + 30
        return rect
    if by - 30 - rect.height >= max(map_rect.top + 8, top):  # (not over the map's key and scale bar)
        rect.bottom = by - 30
        return rect
    # Beside the boat, on its wider side, if the words fit there.
    if bx > map_rect.centerx:
        x0, x1 = map_rect.x + 24, bx - 30
    else:
        x0, x1 = bx + 30, map_rect.right - 24
    side = pygame.Rect(x0, top, x1 - x0, height(x1 - x0))
    if side.width >= 200 and side.bottom <= floor:
        return side
    # No room on the map at this text size: over the panel (the voyage waits for the message).
    width = panel.width - 24
    rect = pygame.Rect(panel.x + 12, panel.y + 64 if panel_top is None else panel_top, width, height(width))
    if rect.bottom <= panel.bottom - 8:
        return rect
    # Too tall even there (a long question at the largest text): across the map and the panel.
    width = panel.right - map_rect.x - 48
    return pygame.Rect(map_rect.x + 24, top, width, height(width))


def choice_rects(x: int, y: int, width: int, texts: Sequence[str], lines_of: Callable[[str, int], int],
                 line_h: int, min_w: int = 170) -> list[pygame.Rect]:
    """A decision's buttons: side by side when each gets ``min_w`` and its words fit in two
    lines, else one under another across the width. Every button is a touch target."""
    n = len(texts)
    if not n:
        return []
    col_w = (width - GAP * (n - 1)) // n
    if col_w >= min_w and all(lines_of(t, col_w - 16) <= 2 for t in texts):
        h = max(MIN_TOUCH, max(lines_of(t, col_w - 16) for t in texts) * line_h + 14)
        return [pygame.Rect(x + i * (col_w + GAP), y, col_w, h) for i in range(n)]
    rects = []
    for t in texts:
        h = max(MIN_TOUCH, lines_of(t, width - 16) * line_h + 14)
        rects.append(pygame.Rect(x, y, width, h))
        y += h + GAP
    return rects
