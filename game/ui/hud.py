"""The play screens' HUD toolkit: buttons, rows of buttons, the touch d-pad,
a box of scrolling text, a dimmed card over the screen, and the one help overlay, fed by data.

Every play screen (fog, JSA, sea, overland) builds its controls from these, so
a button looks and answers the same everywhere. The help's words live in each
scenario's ``[help]`` table (``help_from_scenario``), translated like every
other text of a scenario.
"""

from __future__ import annotations

from typing import Callable

import pygame

from ..i18n import _
from . import fonts
from .text import draw_text, fit_text, line_height, wrap
from ..helptext import HelpError, HelpSections, help_from_scenario  # noqa: F401  (the help's words, as data)
from ..scenes.base import MENU_CORNER, H, Scene, W

MIN_TOUCH = 48  # every button is at least this tall: a finger's width
GAP = 8


# ----------------------------------------------------------------- buttons


class HudButton:
    """A HUD button: its key name, its text (a function: it changes), what it does."""

    def __init__(self, key: str, text: Callable[[], str], action: Callable[[], None],
                 active: Callable[[], bool] = lambda: False, enabled: Callable[[], bool] = lambda: True):
        self.key, self.text, self.action, self.active, self.enabled = key, text, action, active, enabled
        self.rect = pygame.Rect(0, 0, 0, 0)

    def moved(self, dx: int, dy: int) -> "HudButton":
        """The same button drawn ``dx, dy`` away (onto a cached picture of a bar)."""
        b = HudButton(self.key, self.text, self.action, self.active, self.enabled)
        b.rect = self.rect.move(dx, dy)
        return b


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


def draw_button(surface: pygame.Surface, theme, high_contrast: bool, b: HudButton, focused: bool,
                inset: int = 12) -> None:
    """A button: filled when switched on (high contrast keeps it dark and marks
    it with a bright bar), a thick edge when it has the focus, dim text when it
    cannot be pressed, at most two lines of text (``inset`` px narrower)."""
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
    lines = wrap(f, b.text(), r.width - inset)
    if len(lines) > 2:
        lines = lines[:2]
        lines[-1] = fit_text(f, lines[-1] + "…", r.width - inset)
    ty = r.centery - len(lines) * line_height(f) // 2
    for line in lines:
        img = f.render(line, True, color)
        surface.blit(img, (r.centerx - img.get_width() // 2, ty))
        ty += line_height(f)


# ----------------------------------------------------------------- the d-pad


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


# ----------------------------------------------------------------- scrolling text


class StatusBox:
    """Lines of status text in a fixed rectangle of the panel.

    When they do not fit (large text, a long language) the box scrolls: by
    the mouse wheel over it, a finger drag on it, or Page Up / Page Down; a
    bar and a "more" arrow show that there is more.
    """

    def __init__(self) -> None:
        self.rect = pygame.Rect(0, 0, 0, 0)  # on screen
        self.offset = 0
        self.content_h = 0
        self._drag: tuple[int, int] | None = None
        self._dragged = False

    @property
    def max_offset(self) -> int:
        return max(0, self.content_h - self.rect.height)

    def scroll_by(self, dy: int) -> bool:
        old = self.offset
        self.offset = max(0, min(self.max_offset, self.offset + dy))
        return self.offset != old

    def handle(self, intent, mouse_pos: tuple[int, int] | None = None) -> bool:
        kind = intent.kind
        step = line_height(fonts.font("small"))
        if kind == "scroll" and mouse_pos is not None and self.rect.collidepoint(mouse_pos) and self.max_offset:
            self.scroll_by(-intent.amount * step)
            return True
        if kind == "key" and intent.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self.scroll_by((-1 if intent.key == pygame.K_PAGEUP else 1) * max(step, self.rect.height - step))
            return True
        if kind == "pointer_down" and self.rect.collidepoint(intent.pos):
            self._drag, self._dragged = (intent.pos[1], self.offset), False
            return True
        if kind == "pointer_move" and self._drag is not None:
            dy = intent.pos[1] - self._drag[0]
            if abs(dy) > 8:
                self._dragged = True
            if self._dragged:
                self.offset = max(0, min(self.max_offset, self._drag[1] - dy))
            return True
        if kind == "pointer_up" and self._drag is not None:
            self._drag, self._dragged = None, False
            return True
        return False

    def layout(self, lines: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
        """Wrap the lines for the box; sets the content height (and clamps the scroll)."""
        f = fonts.font("small")
        lh = line_height(f)
        width = self.rect.width
        wrapped = [(role, wrap(f, text, width)) for role, text in lines]
        h = sum(len(ls) * lh + 2 for _r, ls in wrapped)
        if h > self.rect.height:  # leave room for the scroll bar
            width -= 14
            wrapped = [(role, wrap(f, text, width)) for role, text in lines]
            h = sum(len(ls) * lh + 2 for _r, ls in wrapped)
        self.content_h = h
        self.offset = max(0, min(self.offset, self.max_offset))
        return wrapped

    def draw(self, img: pygame.Surface, ox: int, lines: list[tuple[str, str]], colors: dict, theme) -> list[pygame.Rect]:
        """Draw into ``img`` (whose left edge is at screen x = -ox); returns the drawn lines' screen rects."""
        f = fonts.font("small")
        lh = line_height(f)
        wrapped = self.layout(lines)
        box = self.rect.move(ox, 0)
        clip = img.get_clip()
        img.set_clip(box)
        y = box.y - self.offset
        drawn = []
        for role, ls in wrapped:
            for line in ls:
                if y + lh > box.y and y < box.bottom and line:
                    img.blit(f.render(line, True, colors[role]), (box.x, y))
                    # what shows of the line, on screen (the clip keeps the rest hidden)
                    drawn.append(pygame.Rect(box.x - ox, y, f.size(line)[0], lh).clip(self.rect))
                y += lh
            y += 2
        img.set_clip(clip)
        if self.max_offset:
            track = pygame.Rect(box.right - 8, box.y, 6, box.height)
            pygame.draw.rect(img, theme.button, track, border_radius=3)
            h = max(24, track.height * box.height // max(1, self.content_h))
            ty = track.y + (track.height - h) * self.offset // self.max_offset
            pygame.draw.rect(img, theme.text_dim, (track.x, ty, 6, h), border_radius=3)
            if self.offset < self.max_offset:  # more below
                cx, by = box.right - 24, box.bottom - 4
                pygame.draw.polygon(img, theme.accent, [(cx - 8, by - 10), (cx + 8, by - 10), (cx, by)])
        return drawn


# ----------------------------------------------------------------- a card over the screen


def shade_screen(surface: pygame.Surface, theme) -> None:
    """Dim the whole screen under an overlay."""
    shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    shade.fill(theme.overlay)
    surface.blit(shade, (0, 0))


def draw_card(surface: pygame.Surface, theme, rect: pygame.Rect, edge=None) -> None:
    """A panel over the dimmed screen: the overlays' and ending cards' frame."""
    pygame.draw.rect(surface, theme.panel, rect, border_radius=12)
    pygame.draw.rect(surface, edge or theme.panel_edge, rect, width=2, border_radius=12)


# ----------------------------------------------------------------- the help overlay


def help_overlay(app, scenario) -> "HelpOverlay":
    """The help overlay for a scenario's play screen, from its ``[help]`` table."""
    title, close, sections = help_from_scenario(scenario)
    return HelpOverlay(app, title, sections, close)


class HelpOverlay(Scene):
    """An overlay listing every key, mouse, touch and gamepad control.

    Opened by the panel's Help button, by H (or F1) and, with a pad, by moving
    to the Help button (X/Y) and pressing A. Closes by Enter, Escape, H, pad A
    or B, the Close button, or a tap outside the panel. The text scrolls by
    the arrows, the pad's X / Y, the wheel and a finger drag when it does not fit.
    """

    opaque = False

    def __init__(self, app, title: str, sections: HelpSections, close: str | None = None):
        super().__init__(app)
        self.title = title
        self.sections = sections
        self._close = close
        self.scroll = 0
        self._drag: tuple[int, int] | None = None
        self._dragged = False
        self.relayout()

    def on_enter(self) -> None:
        # the game is paused under the help: so are its captions, shown again on closing
        self._held = list(self.app.captions)
        self.app.captions = []

    def on_exit(self) -> None:
        self.app.captions = self._held + self.app.captions

    def back(self) -> None:
        self.close()

    def close(self) -> None:
        if self.app.top is self:
            self.app.pop()

    def relayout(self) -> None:
        scale = fonts.get_scale()
        width = min(W - 80, round(880 * max(1.0, scale * 0.85)))
        top = MENU_CORNER.bottom + 8
        self.panel = pygame.Rect((W - width) // 2, top, width, H - top - 16)
        inner = self.panel.inflate(-2 * 24, -2 * 16)
        ft, fb = fonts.font("large", True), fonts.font("body", True)
        self.head_h = len(wrap(ft, self.title, inner.width)) * line_height(ft) + 8
        label = self.close_text()
        bw = min(inner.width, fb.size(label)[0] + 48)
        bh = max(MIN_TOUCH, line_height(fb) + 16)
        self.close_rect = pygame.Rect(inner.centerx - bw // 2, inner.bottom - bh, bw, bh)
        self.text_rect = pygame.Rect(inner.x, inner.y + self.head_h, inner.width, self.close_rect.y - 10 - inner.y - self.head_h)
        self.content = self._render_content(self.text_rect.width - 16)
        self.scroll = max(0, min(self.scroll, self.max_scroll))

    def close_text(self) -> str:
        return self._close or _("Close")

    def _render_content(self, width: int) -> pygame.Surface:
        theme = self.theme
        fh, fk, fw = fonts.font("body", True), fonts.font("body", True), fonts.font("body")
        key_w = max(120, int(width * 0.38))
        what_w = width - key_w - 16
        y = 0
        rows: list[tuple[str, int, int, str, tuple]] = []
        for si, (heading, items) in enumerate(self.sections):
            if si:
                y += 10
            rows.append(("head", 0, y, heading, theme.accent))
            y += len(wrap(fh, heading, width)) * line_height(fh) + 2
            for keys, what in items:
                if not keys:  # a line of its own, the whole width
                    rows.append(("line", 0, y, what, theme.text))
                    y += len(wrap(fw, what, width)) * line_height(fw) + 4
                    continue
                hk = len(wrap(fk, keys, key_w)) * line_height(fk)
                hw = len(wrap(fw, what, what_w)) * line_height(fw)
                rows.append(("key", 0, y, keys, theme.text))
                rows.append(("what", key_w + 16, y, what, theme.text))
                y += max(hk, hw) + 4
        surf = pygame.Surface((width, max(1, y)), pygame.SRCALPHA)
        for kind, x, ry, text, colour in rows:
            if kind == "head":
                draw_text(surf, fh, text, (x, ry), colour, width)
            elif kind == "line":
                draw_text(surf, fw, text, (x, ry), colour, width)
            elif kind == "key":
                draw_text(surf, fk, text, (x, ry), colour, key_w)
            else:
                draw_text(surf, fw, text, (x, ry), colour, what_w)
        return surf

    @property
    def max_scroll(self) -> int:
        return max(0, self.content.get_height() - self.text_rect.height)

    def scroll_by(self, dy: int) -> None:
        self.scroll = max(0, min(self.max_scroll, self.scroll + dy))

    def handle(self, intent) -> bool:
        kind = intent.kind
        step = line_height(fonts.font("body")) * 2
        if kind in ("confirm", "back"):
            self.close()
            return True
        if kind == "key" and intent.key in (pygame.K_h, pygame.K_F1):
            self.close()
            return True
        if kind in ("up", "down"):
            self.scroll_by(-step if kind == "up" else step)
            return True
        if kind == "next":  # the pad's X / Y: on down the text, and from its end back to the top
            self.scroll = 0 if self.scroll >= self.max_scroll else min(self.max_scroll, self.scroll + 3 * step // 2)
            return True
        if kind == "key" and intent.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self.scroll_by((-1 if intent.key == pygame.K_PAGEUP else 1) * max(step, self.text_rect.height - step))
            return True
        if kind == "scroll":
            self.scroll_by(-intent.amount * step // 2)
            return True
        if kind == "pointer_down":
            self._drag, self._dragged = (intent.pos[1], self.scroll), False
            return True
        if kind == "pointer_move" and self._drag is not None:
            dy = intent.pos[1] - self._drag[0]
            if abs(dy) > 10:
                self._dragged = True
            if self._dragged:
                self.scroll = max(0, min(self.max_scroll, self._drag[1] - dy))
            return True
        if kind == "pointer_up":
            dragged = self._dragged
            self._drag, self._dragged = None, False
            if not dragged and (self.close_rect.collidepoint(intent.pos) or not self.panel.collidepoint(intent.pos)):
                self.close()
            return True
        return kind != "menu"

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        shade_screen(surface, t)
        draw_card(surface, t, self.panel)
        inner = self.panel.inflate(-2 * 24, -2 * 16)
        draw_text(surface, fonts.font("large", True), self.title, inner.topleft, t.text, inner.width)
        r = self.text_rect
        surface.blit(self.content, r.topleft, pygame.Rect(0, self.scroll, r.width, r.height))
        if self.max_scroll > 0:
            track = pygame.Rect(r.right - 8, r.y, 6, r.height)
            pygame.draw.rect(surface, t.button, track, border_radius=3)
            h = max(30, track.height * r.height // self.content.get_height())
            y = track.y + (track.height - h) * self.scroll // self.max_scroll
            pygame.draw.rect(surface, t.text_dim, (track.x, y, 6, h), border_radius=3)
        c = self.close_rect
        pygame.draw.rect(surface, t.button, c, border_radius=8)
        pygame.draw.rect(surface, t.accent, c, width=4, border_radius=8)
        f = fonts.font("body", True)
        img = f.render(self.close_text(), True, t.button_text)
        surface.blit(img, (c.centerx - img.get_width() // 2, c.centery - img.get_height() // 2))
