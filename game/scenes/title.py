"""The title screen: start in one click."""

from __future__ import annotations

import math

import pygame

from ..i18n import _
from ..ui import fonts
from ..ui.text import draw_text, text_block_height
from ..ui.widgets import Button, Label, Spacer
from .base import MenuScene, W, H


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
        self.form = Form(widgets, self.form.rect)
        if focus is None:
            focus = first + 1  # Enter still starts a journey
        if 0 <= focus < len(widgets) and widgets[focus].focusable:
            self.form.focus = focus
            self.form._scroll_into_view(focus)

    def build(self):
        from .facts_view import FactsScene
        from .picker import PickerScene
        from .settings_view import SettingsScene

        widgets = [
            Label(_("Crossings"), role="huge", bold=True),
            Label(_("Four documented journeys out of North Korea, and where their odds come from."), dim=True),
        ]
        classroom = self.app.mode.name == "play"  # not on a museum's kiosk
        if not classroom:
            widgets.append(Spacer(8))  # the class's two buttons need this room
        for warning in self.app.warnings:
            widgets.append(Label(warning, color=self.theme.warning))
        widgets += [
            Button(_("Play"), lambda: self.app.push(PickerScene(self.app))),
        ]
        if classroom:
            widgets += [Button(_("Teach a class"), self._teach, role="body"), Button(_("Join a class"), self._join, role="body")]
        widgets += [
            Button(_("Sources and figures"), lambda: self.app.push(FactsScene(self.app))),
        ]
        # Which of these a person is offered is the mode's to say.
        if self.app.mode.offers("settings"):
            widgets.append(Button(_("Settings"), lambda: self.app.push(SettingsScene(self.app))))
        if self.app.mode.offers("quit"):
            widgets.append(Button(_("Quit"), self.app.request_quit))
        return widgets

    def _teach(self) -> None:
        from .classroom_host import HostScene, HostSetupScene

        running = getattr(self.app, "classroom_host", None)
        self.app.push(HostScene(self.app, running) if running is not None else HostSetupScene(self.app))

    def _join(self) -> None:
        from .classroom_student import JoinScene

        self.app.push(JoinScene(self.app))

    def panel_rect(self) -> pygame.Rect:
        width = min(W - 80, round(self.width * max(1.0, fonts.get_scale() * 0.85)))
        # The footnote keeps the bottom of the screen, however many lines it takes.
        return pygame.Rect(80, 60, width, H - 76 - self._note_height())

    def _note(self) -> str:
        return _("An educational simulation. Every figure has a source.")

    def _note_height(self) -> int:
        return text_block_height(fonts.font("small"), self._note(), W - 160)

    def back(self) -> None:
        self.app.request_quit()

    def draw_background(self, surface: pygame.Surface) -> None:
        # Calm contour lines, like a map's: land, a border, a coast.
        color = self.theme.panel_edge if not self.app.settings.high_contrast else (90, 90, 90)
        x0 = W * 0.62
        for k in range(12):
            pts = []
            for i in range(0, H + 20, 20):
                x = x0 + k * 38 + 26 * math.sin(i / 97 + k * 0.7) + 14 * math.sin(i / 41 + k)
                pts.append((x, i))
            pygame.draw.lines(surface, color, False, pts, 2 if k % 4 else 3)
        draw_text(surface, fonts.font("small"), self._note(), (80, H - 8 - self._note_height()), self.theme.text_dim, W - 160)
