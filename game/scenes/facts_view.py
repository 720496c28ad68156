"""Sources and figures: the whole fact registry, readable by anyone.

This is where a player, teacher or visitor sees where every odd comes from:
each figure with its status (documented, conflicting, estimate, assumption)
and its sources, and where sources disagree, what each one says.
"""

from __future__ import annotations

from ..facts import STATUSES, FactsError, Registry, load_registry
from ..i18n import _
from ..ui.widgets import Button, Label, Spacer
from .base import MenuScene

SECTION_NAMES = {
    "brief": "The project's starting brief, checked against other sources",
    "dmz": "The DMZ",
    "jsa": "The Joint Security Area",
    "sea": "The sea route to Japan",
    "overland": "Overland through China",
    "general": "General",
}


def fact_widgets(registry: Registry, facts, theme) -> list:
    widgets = []
    for fact in facts:
        value = registry.display_value(fact)
        head = f"{value} — " if value else ""
        widgets.append(Label(head + _(fact.statement), bold=True))
        status = _(STATUSES.get(fact.status, fact.status))
        color = theme.warning if fact.status in ("conflicting", "estimate", "assumption") else theme.text_dim
        widgets.append(Label(_("Status: {status}").format(status=status) + (f" ({fact.year})" if fact.year else ""), role="small", color=color))
        if fact.note:
            widgets.append(Label(_(fact.note), role="small", dim=True))
        for src in fact.sources:
            line = f"— {src.outlet}: {src.title}"
            if src.says:
                line += " — " + _("says: {what}").format(what=_(src.says))
            if src.url:
                line += f" ({src.url})"
            widgets.append(Label(line, role="small", dim=True))
        widgets.append(Spacer(10))
    return widgets


class FactsScene(MenuScene):
    width = 1100

    def heading(self) -> str:
        return _("Sources and figures")

    def build(self):
        widgets: list = [
            Label(_("Every figure the game shows or its models use is listed here with its source. Where sources disagree, each one is named with what it says. Figures that no source gives are marked as assumptions, and the debrief of each journey shows how much they matter."), dim=True),
            Button(_("Back"), self.app.pop),
        ]
        try:
            registry = load_registry()
        except FactsError as exc:
            return widgets + [Label(str(exc), color=self.theme.warning)]
        for section, facts in registry.sections().items():
            widgets.append(Label(_(SECTION_NAMES.get(section, section)), role="large", bold=True))
            widgets += fact_widgets(registry, facts, self.theme)
        widgets.append(Button(_("Back"), self.app.pop))
        return widgets
