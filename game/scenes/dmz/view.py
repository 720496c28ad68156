"""Drawing helpers the two DMZ play screens share: a smooth overlay from a
numpy array, the map graded to night, the ending's card, the key hint."""

from __future__ import annotations

import numpy as np
import pygame

from ...i18n import _
from ...ui import fonts
from ...ui.hud import GAP, MIN_TOUCH, HudButton, button_font, draw_card, shade_screen
from ...ui.text import draw_text, line_height, wrap
from ..base import MENU_CORNER, W
from ..story import ending_words


def alpha_overlay(alpha: np.ndarray, colour: tuple[int, int, int], size: tuple[int, int]) -> pygame.Surface:
    """A smooth overlay: ``alpha`` (rows, cols) in 0..255, scaled up smoothly to ``size``."""
    rows, cols = alpha.shape
    small = pygame.Surface((cols, rows), pygame.SRCALPHA)
    small.fill((*colour, 0))
    pygame.surfarray.pixels_alpha(small)[:] = np.ascontiguousarray(alpha.T).astype(np.uint8)
    return pygame.transform.smoothscale(small, size)


# ----------------------------------------------------------------- the ending


def draw_ending_top(scene, surface: pygame.Surface) -> int:
    """The outcome in words near the top of the screen (the captions keep the
    lower part); returns the bottom of the text."""
    outcome = scene.outcome or ""
    info = scene.scenario.outcomes.get(outcome, {})
    title = _(info.get("label", outcome))
    text = ending_words(scene)
    theme = scene.theme
    shade_screen(surface, theme)
    width = min(W - 2 * (W - MENU_CORNER.x) - 48, round(760 * max(1.0, fonts.get_scale() * 0.9)))
    x = (W - width) // 2
    ft, fb, fs = fonts.font("title", True), fonts.font("body"), fonts.font("small")
    hint = _("Tap, click or press Enter for the debrief.")
    h = (len(wrap(ft, title, width)) * line_height(ft) + 12 + len(wrap(fb, text, width)) * line_height(fb) + 18
         + len(wrap(fs, hint, width)) * line_height(fs))
    top = MENU_CORNER.bottom + 16
    box = pygame.Rect(x - 24, top - 12, width + 48, h + 24)
    draw_card(surface, theme, box)
    y = top
    y += draw_text(surface, ft, title, (x, y), theme.text, width, "center") + 12
    y += draw_text(surface, fb, text, (x, y), theme.text, width, "center") + 18
    if scene.end_timer and scene.end_timer > 0.6:
        draw_text(surface, fs, hint, (x, y), theme.text_dim, width, "center")
    return box.bottom


# ----------------------------------------------------------------- the map, graded


def blit_map_region(src: pygame.Surface, dest: pygame.Surface, view, rect: pygame.Rect, alpha: int = 255) -> None:
    """Draw the part of an unzoomed map picture ``src`` (the size of
    ``view.base``) that falls on ``dest``, placed as ``view`` shows it in
    ``rect``; scales only that part, so it is cheap at any zoom."""
    z = view.zoom
    ox, oy = view.world_to_screen(rect, 0, 0)
    dw, dh = dest.get_size()
    sw, sh = src.get_size()
    x0 = max(0, int((0 - ox) / z) - 1)
    y0 = max(0, int((0 - oy) / z) - 1)
    x1 = min(sw, int((dw - ox) / z) + 2)
    y1 = min(sh, int((dh - oy) / z) + 2)
    if x1 <= x0 or y1 <= y0:
        return
    part = src.subsurface((x0, y0, x1 - x0, y1 - y0))
    size = (max(1, round((x1 - x0) * z)), max(1, round((y1 - y0) * z)))
    if z == 1.0:
        img = part.copy() if alpha < 255 else part
    elif z == int(z):
        img = pygame.transform.scale(part, size)
    else:
        img = pygame.transform.smoothscale(part, size)
    if alpha < 255:
        img.set_alpha(alpha)
    dest.blit(img, (ox + round(x0 * z), oy + round(y0 * z)))


# Graded by the loading card's thread before the journey starts; taken once.
_graded: dict[tuple, pygame.Surface] = {}


def grade_ahead(day: pygame.Surface, high_contrast: bool = False) -> None:
    _graded.clear()
    _graded[(id(day), high_contrast)] = _night_grade(day, high_contrast)


def night_grade(day: pygame.Surface, high_contrast: bool = False) -> pygame.Surface:
    """The map as it looks on a dark night, kept legible: colours partly
    drained, darker and blue-grey, with the difference between light and
    dark ground stretched so forest, open ground, paths and water still read."""
    ready = _graded.pop((id(day), high_contrast), None)
    return ready if ready is not None else _night_grade(day, high_contrast)


def _night_grade(day: pygame.Surface, high_contrast: bool) -> pygame.Surface:
    grey = pygame.transform.grayscale(day)
    night = grey.copy()
    colour = day.copy()
    colour.set_alpha(190 if high_contrast else 180)
    night.blit(colour, (0, 0))
    night.fill((160, 170, 200) if high_contrast else (140, 150, 182), special_flags=pygame.BLEND_RGB_MULT)
    # stretch the contrast about a middle grey (a lookup table on every channel)
    mid, gain = 70.0, (1.6 if high_contrast else 1.45)
    lut = np.clip(mid + (np.arange(256) - mid) * gain, 0, 255).astype(np.uint8)
    px = pygame.surfarray.pixels3d(night)
    px[...] = lut[px]
    del px
    night.fill((8, 10, 18), special_flags=pygame.BLEND_RGB_ADD)
    return night


# ----------------------------------------------------------------- the panel's header


def place_help_button(b: HudButton) -> None:
    """The Help button sits in the header, just left of the app's menu corner."""
    f = button_font()
    bw = max(MIN_TOUCH + 16, f.size(b.text())[0] + 28)
    bh = max(MENU_CORNER.height, line_height(f) + 8)
    b.rect = pygame.Rect(MENU_CORNER.x - GAP - bw, MENU_CORNER.y, bw, bh)


def draw_map_hint(surface: pygame.Surface, map_rect: pygame.Rect, left: int, high_contrast: bool) -> pygame.Rect:
    """The short key hint at the bottom right of the map, right of ``left``."""
    f = fonts.font("small")
    text = _("H: keys and help")
    width = max(40, map_rect.right - left - 24)
    lines = wrap(f, text, width)
    lh = line_height(f)
    tw = max(f.size(line)[0] for line in lines)
    box = pygame.Rect(map_rect.right - tw - 20, map_rect.bottom - len(lines) * lh - 16, tw + 16, len(lines) * lh + 8)
    plate = pygame.Surface(box.size, pygame.SRCALPHA)
    plate.fill((0, 0, 0, 220 if high_contrast else 150))
    surface.blit(plate, box.topleft)
    y = box.y + 4
    for line in lines:
        img = f.render(line, True, (255, 255, 255))
        surface.blit(img, (box.right - 8 - img.get_width(), y))
        y += lh
    return box
