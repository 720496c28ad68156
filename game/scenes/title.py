"""The title screen: start in one click.

Two columns, so that every entry fits on a 1280x720 canvas without scrolling:
the name and what this is on the left, the languages and the menu on the right.
"""

from __future__ import annotations

import math

import pygame

from ..i18n import _
from ..ui import fonts
from ..ui.text import draw_text, text_block_height
from ..ui.widgets import Button, Label
from .base import MenuScene, W, H

LEFT, TOP, GUTTER = 80, 60, 56


class TitleScene(MenuScene):
    width = 620

    def heading(self) -> str:
        return ""

    def relayout(self) -> None:
        # The languages, each in its own name, go above the first button: one
        # touch from here, and on screen at every text size.
        from ..ui.language_row import language_row
        from ..ui.widgets import Form

        focus = self.form.focus if self.form else None
        super().relayout()
        widgets = list(self.form.widgets)
        first = next(i for i, w in enumerate(widgets) if isinstance(w, Button))
        widgets.insert(first, language_row(self.app))
        rect = self.form.rect
        self.form = Form(widgets, rect)
        # When the whole menu fits with room to spare, line its top up with the
        # name on the left rather than hang it from the top edge.
        spare = rect.height - self.form.content_height
        if spare > 0:
            drop = min(spare, TOP + 20 - rect.y)
            self.form = Form(widgets, pygame.Rect(rect.x, rect.y + drop, rect.width, rect.height - drop))
        if focus is None:
            focus = first + 1  # Enter still starts a journey
        if 0 <= focus < len(widgets) and widgets[focus].focusable:
            self.form.focus = focus
            self.form._scroll_into_view(focus)

    def build(self):
        from .facts_view import FactsScene
        from .picker import PickerScene
        from .settings_view import SettingsScene

        widgets: list = []
        classroom = self.app.mode.name == "play"  # not on a museum's kiosk
        for warning in self.app.warnings:
            widgets.append(Label(warning, color=self.theme.warning))
        widgets += [
            Button(_("Play"), lambda: self.app.push(PickerScene(self.app))),
        ]
        if classroom:
            widgets += [Button(_("Teach a class"), self._teach, role="body"), Button(_("Join a class"), self._join, role="body")]
        widgets += [
            Button(_("Sources and figures"), lambda: self.app.push(FactsScene(self.app)), role="body"),
        ]
        # Which of these a person is offered is the mode's to say.
        if self.app.mode.offers("settings"):
            widgets.append(Button(_("Settings"), lambda: self.app.push(SettingsScene(self.app)), role="body"))
        if self.app.mode.offers("quit"):
            widgets.append(Button(_("Quit"), self.app.request_quit, role="body"))
        return widgets

    def _teach(self) -> None:
        from .classroom_host import HostScene, HostSetupScene

        running = getattr(self.app, "classroom_host", None)
        self.app.push(HostScene(self.app, running) if running is not None else HostSetupScene(self.app))

    def _join(self) -> None:
        from .classroom_student import JoinScene

        self.app.push(JoinScene(self.app))

    def left_rect(self) -> pygame.Rect:
        """The name of the game and what it is."""
        width = round(W * 0.36)
        return pygame.Rect(LEFT, TOP, width, H - TOP - 24 - self._note_height())

    def panel_rect(self) -> pygame.Rect:
        # The menu: right of the name, clear of the app's menu corner, above
        # the footnote, which keeps the bottom of the screen however many
        # lines it takes.
        x = self.left_rect().right + GUTTER
        return pygame.Rect(x, TOP - 32, W - LEFT - x, H - TOP - 8 - self._note_height())

    def _note(self) -> str:
        return _("An educational simulation. Every figure has a source.")

    def _note_height(self) -> int:
        return text_block_height(fonts.font("small"), self._note(), W - 160)

    def back(self) -> None:
        self.app.request_quit()

    def draw_background(self, surface: pygame.Surface) -> None:
        left = self.left_rect()
        y = left.y
        huge = fonts.font("huge", True)
        y += draw_text(surface, huge, _("Crossings"), (left.x, y), self.theme.text, left.width)
        y += 12 + draw_text(surface, fonts.font("body"), _("Four documented journeys out of North Korea, and where their odds come from."),
                      (left.x, y + 12), self.theme.text_dim, left.width)
        # Calm contour lines under the words, like a map's: land, a border, a coast.
        color = self.theme.panel_edge if not self.app.settings.high_contrast else (90, 90, 90)
        top, bottom = y + 40, left.bottom
        if bottom - top > 60:
            clip = surface.get_clip()
            surface.set_clip(pygame.Rect(0, top, left.right + GUTTER // 2, bottom - top))
            for k in range(10):
                pts = []
                for i in range(0, left.right + GUTTER, 20):
                    yy = top + k * 34 + 18 * math.sin(i / 97 + k * 0.7) + 9 * math.sin(i / 41 + k)
                    pts.append((i, yy))
                pygame.draw.lines(surface, color, False, pts, 2 if k % 4 else 3)
            surface.set_clip(clip)
        draw_text(surface, fonts.font("small"), self._note(), (80, H - 8 - self._note_height()), self.theme.text_dim, W - 160)
