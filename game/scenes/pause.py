"""The menu reachable from every screen: resume, settings, leave.

Which entries it has is the mode's to say (a kiosk has no Quit). It is told
the screen it was opened over, so that "Back to the title screen" is offered
wherever there is something to leave, whatever opened the journey (the
title's picker or ``play --scenario``)."""

from __future__ import annotations

import pygame

from ..i18n import _
from ..ui import fonts
from ..ui.widgets import Button
from .base import H, MARGIN, W, ConfirmScene, MenuScene


class PauseScene(MenuScene):
    opaque = False
    width = 640

    def __init__(self, app, below=None):
        self.below = below  # the screen the menu was opened over
        super().__init__(app)

    def heading(self) -> str:
        return _("Paused")

    def build(self):
        mode = self.app.mode
        widgets = [Button(_("Resume"), self.app.pop)]
        if mode.offers("settings"):
            widgets.append(Button(_("Settings"), self._settings))
        if mode.offers("title") and self.below is not None and not self._below_is_root():
            widgets.append(Button(_("Back to the title screen"), self._to_title))
        if mode.offers("quit"):
            widgets.append(Button(_("Quit Crossings"), self.app.request_quit))
        return widgets

    def _below_is_root(self) -> bool:
        # The bottom of the stack is the mode's root (the title screen itself).
        scenes = self.app.scenes
        return bool(scenes) and self.below is scenes[0]

    def _settings(self) -> None:
        from .settings_view import SettingsScene

        self.app.push(SettingsScene(self.app))

    def panel_rect(self):
        width = min(W - 2 * MARGIN, round(self.width * max(1.0, fonts.get_scale() * 0.9)))
        return pygame.Rect((W - width) // 2, 90, width, H - 180)

    def _to_title(self) -> None:
        self.app.push(ConfirmScene(self.app, _("Leave this journey and go back to the title screen?"), _("Yes, leave"), self.app.reset_to_root))

    def draw(self, surface) -> None:
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill(self.theme.overlay)
        surface.blit(shade, (0, 0))
        panel = self.panel_rect().inflate(40, 40)
        pygame.draw.rect(surface, self.theme.panel, panel, border_radius=12)
        pygame.draw.rect(surface, self.theme.panel_edge, panel, width=2, border_radius=12)
        super().draw_content(surface)
