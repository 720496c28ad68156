"""The menu reachable from every screen: resume, settings, leave."""

from __future__ import annotations

from ..i18n import _
from ..ui.widgets import Button
from .base import ConfirmScene, MenuScene


class PauseScene(MenuScene):
    opaque = False
    width = 640

    def heading(self) -> str:
        return _("Paused")

    def build(self):
        from .settings_view import SettingsScene
        from .title import TitleScene

        widgets = [Button(_("Resume"), self.app.pop), Button(_("Settings"), lambda: self.app.push(SettingsScene(self.app)))]
        below = self.app.scenes[-2] if len(self.app.scenes) >= 2 else None
        if below is not None and not isinstance(below, TitleScene):
            widgets.append(Button(_("Back to the title screen"), self._to_title))
        widgets.append(Button(_("Quit Crossings"), self.app.request_quit))
        return widgets

    def panel_rect(self):
        import pygame

        from ..ui import fonts
        from .base import H, MARGIN, W

        width = min(W - 2 * MARGIN, round(self.width * max(1.0, fonts.get_scale() * 0.9)))
        return pygame.Rect((W - width) // 2, 90, width, H - 180)

    def _to_title(self) -> None:
        self.app.push(ConfirmScene(self.app, _("Leave this journey and go back to the title screen?"), _("Yes, leave"), self.app.reset_to_title))

    def draw(self, surface) -> None:
        import pygame

        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill(self.theme.overlay)
        surface.blit(shade, (0, 0))
        panel = self.panel_rect().inflate(40, 40)
        pygame.draw.rect(surface, self.theme.panel, panel, border_radius=12)
        pygame.draw.rect(surface, self.theme.panel_edge, panel, width=2, border_radius=12)
        super().draw_content(surface)
