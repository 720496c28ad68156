"""Widgets and a scrolling form that holds them.

A ``Form`` lays widgets out in a column at the current text size, scrolls
when they do not fit, and takes the same intents from every input: up/down
move the focus, left/right change a value, confirm presses, and a pointer
(mouse or finger) taps, drags values and scrolls. Every widget is reachable
by keys, pad, mouse and touch alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

import pygame

from . import fonts
from .text import draw_text, fit_text, line_height, wrap
from .theme import Theme

MIN_TOUCH = 48  # smallest touch target, in logical pixels
PAD = 12


class Widget:
    focusable = False

    def measure(self, width: int) -> int:
        raise NotImplementedError

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, theme: Theme, focused: bool) -> None:
        raise NotImplementedError

    def activate(self) -> None:
        pass

    def adjust(self, delta: int) -> bool:
        return False

    def tap(self, pos: tuple[int, int], rect: pygame.Rect) -> None:
        self.activate()


class Label(Widget):
    def __init__(self, text: str, role: str = "body", dim: bool = False, bold: bool = False, align: str = "left", color: tuple[int, int, int] | None = None):
        self.text, self.role, self.dim, self.bold, self.align, self.color = text, role, dim, bold, align, color

    def measure(self, width: int) -> int:
        f = fonts.font(self.role, self.bold)
        return len(wrap(f, self.text, width)) * line_height(f)

    def draw(self, surface, rect, theme, focused):
        color = self.color or (theme.text_dim if self.dim else theme.text)
        draw_text(surface, fonts.font(self.role, self.bold), self.text, rect.topleft, color, rect.width, self.align)


class Spacer(Widget):
    def __init__(self, height: int = 12):
        self.height = height

    def measure(self, width: int) -> int:
        return self.height

    def draw(self, surface, rect, theme, focused):
        pass


class Button(Widget):
    focusable = True

    def __init__(self, text: str, on_press: Callable[[], Any], detail: str = "", enabled: bool = True, role: str = "large",
                 detail_role: str = "body"):
        self.text, self.on_press, self.detail, self.enabled, self.role = text, on_press, detail, enabled, role
        self.detail_role = detail_role

    def measure(self, width: int) -> int:
        f = fonts.font(self.role, True)
        h = len(wrap(f, self.text, width - 2 * PAD)) * line_height(f)
        if self.detail:
            fd = fonts.font(self.detail_role)
            h += len(wrap(fd, self.detail, width - 2 * PAD)) * line_height(fd)
        return max(MIN_TOUCH, h + 2 * PAD)

    def draw(self, surface, rect, theme, focused):
        pygame.draw.rect(surface, theme.button, rect, border_radius=8)
        edge = theme.accent if focused else theme.panel_edge
        pygame.draw.rect(surface, edge, rect, width=4 if focused else 2, border_radius=8)
        color = theme.button_text if self.enabled else theme.text_dim
        y = rect.y + PAD
        y += draw_text(surface, fonts.font(self.role, True), self.text, (rect.x + PAD, y), color, rect.width - 2 * PAD)
        if self.detail:
            draw_text(surface, fonts.font(self.detail_role), self.detail, (rect.x + PAD, y), theme.text_dim,
                      rect.width - 2 * PAD)

    def activate(self) -> None:
        if self.enabled:
            self.on_press()


class _Valued(Widget):
    """Shared look for a label with a value and - / + (or < / >) arrows."""

    focusable = True

    def __init__(self, label: str):
        self.label = label

    def value_text(self) -> str:
        raise NotImplementedError

    def measure(self, width: int) -> int:
        f = fonts.font("large", True)
        label_w = max(80, width - self._arrow_w() * 2 - self._value_w(width) - 4 * PAD)
        return max(MIN_TOUCH, len(wrap(f, self.label, label_w)) * line_height(f) + 2 * PAD)

    def _arrow_w(self) -> int:
        return max(MIN_TOUCH, line_height(fonts.font("large")) + PAD)

    def _value_w(self, width: int) -> int:
        return min(width // 3, max(120, round(200 * fonts.get_scale())))

    def _rects(self, rect: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
        aw, vw = self._arrow_w(), self._value_w(rect.width)
        right = pygame.Rect(rect.right - aw - 4, rect.y + 4, aw, rect.height - 8)
        value = pygame.Rect(right.x - vw, rect.y, vw, rect.height)
        left = pygame.Rect(value.x - aw, rect.y + 4, aw, rect.height - 8)
        return left, value, right

    def draw(self, surface, rect, theme, focused):
        pygame.draw.rect(surface, theme.panel, rect, border_radius=8)
        pygame.draw.rect(surface, theme.accent if focused else theme.panel_edge, rect, width=4 if focused else 2, border_radius=8)
        left, value, right = self._rects(rect)
        f = fonts.font("large", True)
        draw_text(surface, f, self.label, (rect.x + PAD, rect.y + PAD), theme.text, left.x - rect.x - 2 * PAD)
        for r, glyph in ((left, "−"), (right, "+")):
            pygame.draw.rect(surface, theme.button, r, border_radius=6)
            pygame.draw.rect(surface, theme.panel_edge, r, width=2, border_radius=6)
            img = f.render(glyph, True, theme.button_text)
            surface.blit(img, img.get_rect(center=r.center))
        fv = fonts.font("large")
        text = fit_text(fv, self.value_text(), value.width - 8)
        img = fv.render(text, True, theme.accent if focused else theme.text)
        surface.blit(img, img.get_rect(center=value.center))

    def tap(self, pos, rect):
        left, _value, right = self._rects(rect)
        if left.collidepoint(pos):
            self.adjust(-1)
        elif right.collidepoint(pos):
            self.adjust(+1)
        else:
            self.activate()


class Choice(_Valued):
    """One of several options; left/right or the arrows cycle through them."""

    def __init__(self, label: str, options: Sequence[tuple[Any, str]], value: Any, on_change: Callable[[Any], Any]):
        super().__init__(label)
        self.options = list(options)
        self.index = next((i for i, (v, _t) in enumerate(self.options) if v == value), 0)
        self.on_change = on_change

    @property
    def value(self) -> Any:
        return self.options[self.index][0]

    def value_text(self) -> str:
        return self.options[self.index][1]

    def adjust(self, delta: int) -> bool:
        self.index = (self.index + delta) % len(self.options)
        self.on_change(self.value)
        return True

    def activate(self) -> None:
        self.adjust(+1)


class Toggle(Choice):
    def __init__(self, label: str, value: bool, on_change: Callable[[bool], Any], on_text: str, off_text: str):
        super().__init__(label, [(False, off_text), (True, on_text)], bool(value), on_change)


class Stepper(_Valued):
    """A number in steps between bounds: sliders for people with any input."""

    def __init__(self, label: str, value: float, lo: float, hi: float, step: float, on_change: Callable[[float], Any], fmt: Callable[[float], str] = lambda v: f"{v:g}"):
        super().__init__(label)
        self.value, self.lo, self.hi, self.step, self.on_change, self.fmt = value, lo, hi, step, on_change, fmt

    def value_text(self) -> str:
        return self.fmt(self.value)

    def adjust(self, delta: int) -> bool:
        new = min(self.hi, max(self.lo, round((self.value + delta * self.step) / self.step) * self.step))
        new = round(new, 6)
        if new == self.value:
            return False
        self.value = new
        self.on_change(new)
        return True


@dataclass
class _Placed:
    widget: Widget
    rect: pygame.Rect  # in content coordinates (before scrolling)


class Form:
    """A column of widgets in a rectangle, with focus and scrolling."""

    def __init__(self, widgets: Sequence[Widget], rect: pygame.Rect, gap: int = 10):
        self.widgets = list(widgets)
        self.rect = pygame.Rect(rect)
        self.gap = gap
        self.scroll = 0
        self.focus = next((i for i, w in enumerate(self.widgets) if w.focusable), -1)
        self._placed: list[_Placed] = []
        self._drag_from: tuple[int, int] | None = None
        self._drag_scroll = 0
        self._dragged = False
        self.layout()

    # -- layout ----------------------------------------------------------
    def layout(self) -> None:
        y = 0
        width = self.rect.width - 16  # room for the scroll bar
        self._placed = []
        for w in self.widgets:
            h = w.measure(width)
            self._placed.append(_Placed(w, pygame.Rect(0, y, width, h)))
            y += h + self.gap
        self.content_height = max(0, y - self.gap)
        self.scroll = min(self.scroll, self.max_scroll)

    @property
    def max_scroll(self) -> int:
        return max(0, self.content_height - self.rect.height)

    def screen_rect(self, i: int) -> pygame.Rect:
        r = self._placed[i].rect
        return pygame.Rect(self.rect.x + r.x, self.rect.y + r.y - self.scroll, r.width, r.height)

    def _scroll_into_view(self, i: int) -> None:
        r = self._placed[i].rect
        if r.y < self.scroll:
            self.scroll = r.y
        elif r.bottom > self.scroll + self.rect.height:
            self.scroll = min(self.max_scroll, r.bottom - self.rect.height)

    # -- input -----------------------------------------------------------
    def move_focus(self, delta: int) -> bool:
        focusables = [i for i, w in enumerate(self.widgets) if w.focusable]
        if not focusables:
            # Nothing to focus: arrow keys scroll the text instead.
            old = self.scroll
            self.scroll = min(self.max_scroll, max(0, self.scroll + delta * 60))
            return self.scroll != old
        if self.focus not in focusables:
            self.focus = focusables[0]
        else:
            k = focusables.index(self.focus) + delta
            self.focus = focusables[max(0, min(len(focusables) - 1, k))]
            # Show the text between focusable widgets too.
            if delta < 0 and k < 0:
                self.scroll = 0
        self._scroll_into_view(self.focus)
        if delta > 0 and self.focus == focusables[-1]:
            self.scroll = self.max_scroll if self._placed[self.focus].rect.bottom >= self.content_height - 2 else self.scroll
        return True

    def handle(self, intent) -> bool:
        """Take an input intent (see game.input); True if used."""
        kind = intent.kind
        if kind in ("up", "down"):
            return self.move_focus(-1 if kind == "up" else 1)
        if kind in ("left", "right") and 0 <= self.focus < len(self.widgets):
            return self.widgets[self.focus].adjust(-1 if kind == "left" else 1)
        if kind == "confirm" and 0 <= self.focus < len(self.widgets):
            self.widgets[self.focus].activate()
            return True
        if kind == "scroll":
            self.scroll = min(self.max_scroll, max(0, self.scroll - intent.amount * 48))
            return True
        if kind == "pointer_down" and self.rect.collidepoint(intent.pos):
            self._drag_from, self._drag_scroll, self._dragged = intent.pos, self.scroll, False
            hit = self.hit(intent.pos)
            if hit >= 0 and self.widgets[hit].focusable:
                self.focus = hit
            return True
        if kind == "pointer_move" and self._drag_from is not None:
            dy = intent.pos[1] - self._drag_from[1]
            if abs(dy) > 12:
                self._dragged = True
            if self._dragged:
                self.scroll = min(self.max_scroll, max(0, self._drag_scroll - dy))
            return True
        if kind == "pointer_move":
            hit = self.hit(intent.pos)
            if hit >= 0 and self.widgets[hit].focusable and intent.hover:
                self.focus = hit
            return False
        if kind == "pointer_up" and self._drag_from is not None:
            dragged = self._dragged
            self._drag_from = None
            if not dragged:
                hit = self.hit(intent.pos)
                if hit >= 0 and self.widgets[hit].focusable:
                    self.focus = hit
                    self.widgets[hit].tap(intent.pos, self.screen_rect(hit))
            return True
        return False

    def hit(self, pos: tuple[int, int]) -> int:
        if not self.rect.collidepoint(pos):
            return -1
        for i in range(len(self._placed)):
            if self.screen_rect(i).collidepoint(pos):
                return i
        return -1

    # -- drawing ---------------------------------------------------------
    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        clip = surface.get_clip()
        surface.set_clip(self.rect)
        for i, placed in enumerate(self._placed):
            r = self.screen_rect(i)
            if r.bottom < self.rect.top or r.top > self.rect.bottom:
                continue
            placed.widget.draw(surface, r, theme, i == self.focus)
        surface.set_clip(clip)
        if self.max_scroll > 0:
            track = pygame.Rect(self.rect.right - 8, self.rect.y, 6, self.rect.height)
            pygame.draw.rect(surface, theme.panel, track, border_radius=3)
            h = max(30, track.height * self.rect.height // max(1, self.content_height))
            y = track.y + (track.height - h) * self.scroll // max(1, self.max_scroll)
            pygame.draw.rect(surface, theme.text_dim, (track.x, y, 6, h), border_radius=3)
