"""Settings: language, text size, volume, motion, contrast, and what is shown.

Changes take effect at once on every open screen and are saved when the
screen is left.
"""

from __future__ import annotations

import pygame

from ..i18n import LANGUAGES, _
from ..settings import TEXT_SCALES
from ..ui.widgets import Button, Choice, Label, Stepper, Toggle
from .base import MARGIN, MenuScene, W, H


def text_size_names() -> dict[float, str]:
    return {1.0: _("Normal"), 1.25: _("Large"), 1.5: _("Larger"), 1.75: _("Largest")}


class SettingsScene(MenuScene):
    def heading(self) -> str:
        return _("Settings")

    def build(self):
        s = self.app.settings
        on, off = _("On"), _("Off")
        names = text_size_names()
        scales = list(TEXT_SCALES)
        if s.text_scale not in scales:
            scales.append(s.text_scale)
            names[s.text_scale] = f"×{s.text_scale:g}"
        return [
            Choice(_("Language"), list(LANGUAGES.items()), s.language, lambda v: self._set("language", v)),
            Choice(_("Text size"), [(v, names[v]) for v in scales], s.text_scale, lambda v: self._set("text_scale", v)),
            Stepper(_("Volume"), s.volume, 0, 100, 10, lambda v: self._set("volume", int(v)), fmt=lambda v: f"{v:.0f}%"),
            Toggle(_("Reduced motion"), s.reduced_motion, lambda v: self._set("reduced_motion", v), on, off),
            Toggle(_("High contrast"), s.high_contrast, lambda v: self._set("high_contrast", v), on, off),
            Toggle(_("Felt-danger hint while playing"), s.felt_danger_hint, lambda v: self._set("felt_danger_hint", v), on, off),
            Toggle(_("Gunfire: show the JSA dash, and tell the fog journey's shots in full"), s.show_gunfire_scenarios, lambda v: self._set("show_gunfire_scenarios", v), on, off),
            Toggle(_("Full screen"), s.fullscreen, self._set_fullscreen, on, off),
            Button(_("Done"), self.back),
        ]

    def panel_rect(self) -> pygame.Rect:
        # As wide at every text size: the rows' +/- buttons keep their place on
        # the right when the text grows (they moved away from the finger that
        # pressed "Text size +").
        return pygame.Rect(MARGIN, MARGIN, W - 2 * MARGIN, H - 2 * MARGIN)

    def _set(self, name: str, value) -> None:
        i = self.form.focus if self.form else -1
        before = self.form.screen_rect(i).y if name == "text_scale" and 0 <= i < len(self.form.widgets) else None
        setattr(self.app.settings, name, value)
        self.app.apply_settings()
        if before is not None:
            # The row just changed stays where it was on the screen, as far as the scroll allows.
            form = self.form
            form.scroll = max(0, min(form.max_scroll, form.scroll + form.screen_rect(i).y - before))

    def _set_fullscreen(self, value: bool) -> None:
        if value != self.app.settings.fullscreen:
            self.app.toggle_fullscreen()

    def back(self) -> None:
        self.app.save_settings()
        self.app.pop()
