"""Pieces shared by the two DMZ play screens (fog and jsa).

Buttons in a side panel, an on-screen direction pad for touch, a smooth
overlay made from a small numpy array, and the player's trail. Every control
has a key; every button is at least 48 px; text wraps at any text size.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pygame

from ..ui import fonts
from ..ui.text import fit_text, line_height, wrap

MIN_TOUCH = 48
PAD = 12
GAP = 8


class HudButton:
    """A panel button: its key name, its text (a function: it changes), what it does."""

    def __init__(self, key: str, text: Callable[[], str], action: Callable[[], None],
                 active: Callable[[], bool] = lambda: False, enabled: Callable[[], bool] = lambda: True):
        self.key, self.text, self.action, self.active, self.enabled = key, text, action, active, enabled
        self.rect = pygame.Rect(0, 0, 0, 0)


def button_font() -> pygame.font.Font:
    return fonts.font("small", True)


def layout_rows(buttons: dict[str, HudButton], rows: list[list[str]], x: int, y: int, width: int) -> int:
    """Place buttons in rows (each row shares the width); returns the bottom."""
    f = button_font()
    for row in rows:
        n = len(row)
        col_w = (width - GAP * (n - 1)) // n
        h = MIN_TOUCH
        for k in row:
            lines = min(2, len(wrap(f, buttons[k].text(), col_w - 12)))
            h = max(h, lines * line_height(f) + 14)
        for i, k in enumerate(row):
            buttons[k].rect = pygame.Rect(x + i * (col_w + GAP), y, col_w, h)
        y += h + GAP
    return y


def draw_button(surface: pygame.Surface, theme, high_contrast: bool, b: HudButton, focused: bool) -> None:
    r = b.rect
    active, enabled = b.active(), b.enabled()
    fill = theme.accent if active and not high_contrast else theme.button
    pygame.draw.rect(surface, fill, r, border_radius=8)
    edge = theme.accent if focused else theme.panel_edge
    pygame.draw.rect(surface, edge, r, width=4 if focused else 2, border_radius=8)
    if active and high_contrast:
        pygame.draw.rect(surface, theme.good, (r.x + 8, r.bottom - 9, r.width - 16, 5), border_radius=2)
    if not enabled:
        color = theme.text_dim
    else:
        color = (0, 0, 0) if active and not high_contrast else theme.button_text
    f = button_font()
    lines = wrap(f, b.text(), r.width - 12)
    if len(lines) > 2:
        lines = lines[:2]
        lines[-1] = fit_text(f, lines[-1] + "…", r.width - 12)
    ty = r.centery - len(lines) * line_height(f) // 2
    for line in lines:
        img = f.render(line, True, color)
        surface.blit(img, (r.centerx - img.get_width() // 2, ty))
        ty += line_height(f)


class DPad:
    """An on-screen direction pad for touch: eight directions round a centre."""

    def __init__(self, size: int = 56):
        self.size = size
        self.rect = pygame.Rect(0, 0, 3 * size, 3 * size)
        self.pressed: tuple[int, int] = (0, 0)

    def place(self, left: int, bottom: int) -> None:
        self.rect = pygame.Rect(left, bottom - 3 * self.size, 3 * self.size, 3 * self.size)

    def direction_at(self, pos: tuple[int, int]) -> tuple[int, int] | None:
        if not self.rect.collidepoint(pos):
            return None
        cx = (pos[0] - self.rect.x) // self.size - 1
        cy = (pos[1] - self.rect.y) // self.size - 1
        return int(max(-1, min(1, cx))), int(max(-1, min(1, cy)))

    def draw(self, surface: pygame.Surface, theme, high_contrast: bool) -> None:
        s = self.size
        plate = pygame.Surface(self.rect.size, pygame.SRCALPHA)
        pygame.draw.circle(plate, (0, 0, 0, 200 if high_contrast else 110), (3 * s // 2, 3 * s // 2), 3 * s // 2)
        surface.blit(plate, self.rect.topleft)
        color = theme.button_text
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                if dx == 0 and dy == 0:
                    continue
                cx = self.rect.x + (dx + 1) * s + s // 2
                cy = self.rect.y + (dy + 1) * s + s // 2
                on = (dx, dy) == self.pressed
                norm = (dx * dx + dy * dy) ** 0.5
                ux, uy = dx / norm, dy / norm
                tip = (cx + ux * 14, cy + uy * 14)
                left = (cx - ux * 6 - uy * 11, cy - uy * 6 + ux * 11)
                right = (cx - ux * 6 + uy * 11, cy - uy * 6 - ux * 11)
                pygame.draw.polygon(surface, theme.accent if on else color, (tip, left, right))
                if high_contrast:
                    pygame.draw.polygon(surface, (0, 0, 0), (tip, left, right), 2)


def alpha_overlay(alpha: np.ndarray, colour: tuple[int, int, int], size: tuple[int, int]) -> pygame.Surface:
    """A smooth overlay: ``alpha`` (rows, cols) in 0..255, scaled up smoothly to ``size``."""
    rows, cols = alpha.shape
    small = pygame.Surface((cols, rows), pygame.SRCALPHA)
    small.fill((*colour, 0))
    pygame.surfarray.pixels_alpha(small)[:] = np.ascontiguousarray(alpha.T).astype(np.uint8)
    return pygame.transform.smoothscale(small, size)


def lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t
