"""What every screen is, and a menu screen built on a Form."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Sequence

import pygame

from ..i18n import _
from ..input import LOGICAL_SIZE, Intent
from ..ui import fonts
from ..ui.text import draw_text, wrap, line_height
from ..ui.widgets import Button, Form, Widget

if TYPE_CHECKING:
    from ..app import App

W, H = LOGICAL_SIZE
MARGIN = 40
# The app draws its menu button in this corner on every screen; keep it free.
MENU_CORNER = pygame.Rect(W - 64, 8, 56, 56)


class Scene:
    opaque = True  # False for overlays that show the scene below

    def __init__(self, app: "App"):
        self.app = app

    @property
    def theme(self):
        return self.app.theme

    def on_enter(self) -> None:
        pass

    def on_exit(self) -> None:
        pass

    def relayout(self) -> None:
        """Text size, language or contrast changed: rebuild what depends on them."""

    def handle(self, intent: Intent) -> bool:
        return False

    def back(self) -> None:
        """Back (Escape, pad B): by default, leave this screen."""
        self.app.pop()

    def update(self, dt: float) -> None:
        pass

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.theme.background)


class MenuScene(Scene):
    """A heading, a scrolling column of widgets, and optional footer buttons.

    Subclasses build their widgets in ``build()``; it runs again whenever the
    text size or language changes, so layouts reflow instead of overflowing.
    """

    heading_role = "title"
    width = 900

    def __init__(self, app: "App"):
        super().__init__(app)
        self.form: Form | None = None
        self.relayout()

    def heading(self) -> str:
        return ""

    def build(self) -> Sequence[Widget]:
        return []

    def panel_rect(self) -> pygame.Rect:
        width = min(W - 2 * MARGIN, round(self.width * max(1.0, fonts.get_scale() * 0.9)))
        return pygame.Rect((W - width) // 2, MARGIN, width, H - 2 * MARGIN)

    def relayout(self) -> None:
        focus = self.form.focus if self.form else None
        panel = self.panel_rect()
        head_h = 0
        if self.heading():
            f = fonts.font(self.heading_role, True)
            head_h = len(wrap(f, self.heading(), panel.width - 80)) * line_height(f) + 16
        rect = pygame.Rect(panel.x, panel.y + head_h, panel.width, panel.height - head_h)
        self.form = Form(self.build(), rect)
        if focus is not None and 0 <= focus < len(self.form.widgets) and self.form.widgets[focus].focusable:
            self.form.focus = focus
            self.form._scroll_into_view(focus)

    def handle(self, intent: Intent) -> bool:
        if intent.kind == "next":
            return self.form.move_focus(1)
        return self.form.handle(intent)

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.theme.background)
        self.draw_background(surface)
        self.draw_content(surface)

    def draw_content(self, surface: pygame.Surface) -> None:
        panel = self.panel_rect()
        if self.heading():
            draw_text(surface, fonts.font(self.heading_role, True), self.heading(), panel.topleft, self.theme.text, panel.width - 80)
        self.form.draw(surface, self.theme)

    def draw_background(self, surface: pygame.Surface) -> None:
        pass


class ConfirmScene(MenuScene):
    """Are you sure? An overlay with a question and two answers."""

    opaque = False
    width = 700

    def __init__(self, app: "App", question: str, yes: str, on_yes: Callable[[], None], no: str | None = None, detail: str = ""):
        self.question, self.yes, self.on_yes, self.no, self.detail = question, yes, on_yes, no, detail
        super().__init__(app)

    def heading(self) -> str:
        return self.question

    def panel_rect(self) -> pygame.Rect:
        width = min(W - 2 * MARGIN, round(self.width * max(1.0, fonts.get_scale() * 0.9)))
        return pygame.Rect((W - width) // 2, 120, width, H - 240)

    def build(self):
        from ..ui.widgets import Label

        widgets: list[Widget] = []
        if self.detail:
            widgets.append(Label(self.detail, dim=True))
        widgets.append(Button(self.no or _("No, go back"), self.app.pop))
        widgets.append(Button(self.yes, self._yes))
        return widgets

    def _yes(self) -> None:
        self.app.pop()
        self.on_yes()

    def draw(self, surface: pygame.Surface) -> None:
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill(self.theme.overlay)
        surface.blit(shade, (0, 0))
        panel = self.panel_rect().inflate(40, 40)
        pygame.draw.rect(surface, self.theme.panel, panel, border_radius=12)
        pygame.draw.rect(surface, self.theme.panel_edge, panel, width=2, border_radius=12)
        draw_text(surface, fonts.font(self.heading_role, True), self.question, self.panel_rect().topleft, self.theme.text,
                  self.panel_rect().width - 80)
        self.form.draw(surface, self.theme)

    def relayout(self) -> None:
        self.heading_role = "large"
        super().relayout()
