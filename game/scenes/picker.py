"""Pick a scenario: lists what levels/ holds, nothing else."""

from __future__ import annotations

from ..i18n import _
from ..levels import load_each
from ..ui.widgets import Button, Label
from .base import MenuScene


class PickerScene(MenuScene):
    def heading(self) -> str:
        return _("Choose a journey")

    def build(self):
        from .intro import IntroScene

        widgets = []
        try:
            scenarios, errors = load_each()
        except OSError as exc:  # the levels folder itself is missing or unreadable
            scenarios, errors = [], [exc]
        hidden = 0
        for sc in scenarios:
            if sc.depicts_gunfire and not self.app.settings.show_gunfire_scenarios:
                hidden += 1
                continue
            facts = " · ".join(x for x in (_(sc.place), _(sc.date), _("about {minutes} minutes").format(minutes=sc.minutes) if sc.minutes else "") if x)
            detail = facts + "\n" + _(sc.summary)
            if sc.depicts_gunfire:
                detail += "\n" + _("Depicts gunfire (told in words, not shown).")
            widgets.append(Button(_(sc.title), lambda sc=sc: self.app.push(IntroScene(self.app, sc)), detail=detail))
        if hidden:
            widgets.append(Label(_("One scenario that depicts gunfire is hidden by the settings.") if hidden == 1 else _("Some scenarios that depict gunfire are hidden by the settings."), dim=True))
        # A broken file hides only its own journey: the others stay playable.
        for exc in errors:
            widgets.append(Label(_("A scenario file could not be read:"), bold=True))
            widgets.append(Label(str(exc), color=self.theme.warning))
        widgets.append(Button(_("Back"), self.app.pop))
        return widgets
