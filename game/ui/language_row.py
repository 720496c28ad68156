"""The languages side by side, each in its own name: one touch switches the game.

No flags: a language is not a country. Choosing one saves the setting and
re-lays out every open screen in the new language (App.apply_settings).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Sequence

import pygame

from . import fonts
from .text import fit_text, line_height
from .widgets import MIN_TOUCH, PAD, Widget

if TYPE_CHECKING:
    from ..app import App

GAP = 8


class LanguageRow(Widget):
    focusable = True

    def __init__(self, options: Sequence[tuple[str, str]], current: str, on_pick: Callable[[str], Any]):
        self.options = list(options)
        self.current = current
        self.on_pick = on_pick
        # What tests and screen readers find the row by: every name in it.
        self.label = " · ".join(name for _code, name in self.options)

    def measure(self, width: int) -> int:
        return max(MIN_TOUCH, line_height(fonts.font("body", True)) + 2 * PAD)

    def cells(self, rect: pygame.Rect) -> list[pygame.Rect]:
        n = len(self.options)
        w = (rect.width - 8 - GAP * (n - 1)) // n
        return [pygame.Rect(rect.x + 4 + i * (w + GAP), rect.y + 4, w, rect.height - 8) for i in range(n)]

    def draw(self, surface, rect, theme, focused):
        if focused:
            pygame.draw.rect(surface, theme.accent, rect, width=2, border_radius=10)
        f = fonts.font("body", True)
        for (code, name), cell in zip(self.options, self.cells(rect)):
            chosen = code == self.current
            pygame.draw.rect(surface, theme.accent if chosen else theme.button, cell, border_radius=8)
            pygame.draw.rect(surface, theme.accent if chosen else theme.panel_edge, cell, width=2, border_radius=8)
            img = f.render(fit_text(f, name, cell.width - 2 * PAD), True, theme.background if chosen else theme.button_text)
            surface.blit(img, img.get_rect(center=cell.center))

    def pick(self, code: str) -> None:
        if code != self.current:
            self.current = code
            self.on_pick(code)

    def adjust(self, delta: int) -> bool:
        codes = [code for code, _name in self.options]
        i = codes.index(self.current) if self.current in codes else 0
        self.pick(codes[(i + delta) % len(codes)])
        return True

    def activate(self) -> None:
        self.adjust(+1)

    def tap(self, pos, rect):
        for (code, _name), cell in zip(self.options, self.cells(rect)):
            if cell.collidepoint(pos):
                self.pick(code)
                return


def language_row(app: "App") -> LanguageRow:
    """The row wired to the app: the choice is applied everywhere and saved."""
    from ..i18n import available_languages

    def choose(code: str) -> None:
        app.settings.language = code
        app.apply_settings()
        app.save_settings()

    return LanguageRow(list(available_languages().items()), app.settings.language, choose)
