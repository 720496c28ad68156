"""Sources and figures: the whole fact registry, readable by anyone.

This is where a player, teacher or visitor sees where every odd comes from:
each figure with its status (documented, conflicting, estimate, assumption)
and its sources, and where sources disagree, what each one says.
"""

from __future__ import annotations

import pygame

from ..facts import STATUSES, FactsError, Registry, load_registry
from ..i18n import N_, _
from ..ui import fonts
from ..ui.text import draw_text, line_height, wrap
from ..ui.widgets import PAD, Button, Label, Spacer, Widget
from .base import MenuScene

SECTION_NAMES = {
    "brief": N_("The figures this game started from, checked against other sources"),
    "dmz": N_("The DMZ"),
    "jsa": N_("The Joint Security Area"),
    "sea": N_("The sea route to Japan"),
    "overland": N_("Overland through China"),
    "general": N_("General"),
}


class Badge(Widget):
    """A framed notice, e.g. "Sources disagree": told in words and a frame, not by colour alone."""

    def __init__(self, title: str, text: str = "", color: tuple[int, int, int] | None = None):
        self.title, self.text, self.color = title, text, color

    def _lines(self, width: int):
        ft, fb = fonts.font("body", True), fonts.font("small")
        inner = width - 2 * PAD - 8
        return wrap(ft, self.title, inner), wrap(fb, self.text, inner) if self.text else []

    def measure(self, width: int) -> int:
        title, text = self._lines(width)
        return len(title) * line_height(fonts.font("body", True)) + len(text) * line_height(fonts.font("small")) + PAD

    def draw(self, surface, rect, theme, focused):
        color = self.color or theme.warning
        pygame.draw.rect(surface, theme.panel, rect, border_radius=6)
        pygame.draw.rect(surface, color, rect, width=3, border_radius=6)
        pygame.draw.rect(surface, color, (rect.x, rect.y, 8, rect.height), border_top_left_radius=6, border_bottom_left_radius=6)
        x, y = rect.x + 8 + PAD, rect.y + PAD // 2
        y += draw_text(surface, fonts.font("body", True), self.title, (x, y), color, rect.width - 2 * PAD - 8)
        if self.text:
            draw_text(surface, fonts.font("small"), self.text, (x, y), theme.text, rect.width - 2 * PAD - 8)


def fact_widgets(registry: Registry, facts, theme) -> list:
    widgets = []
    for fact in facts:
        value = registry.display_value(fact)
        head = f"{value} — " if value else ""
        widgets.append(Label(head + _(fact.statement), bold=True))
        if fact.status == "conflicting":
            widgets.append(Badge(_("Sources disagree"), _("Each source is named below with what it says.")))
        status = _(STATUSES.get(fact.status, fact.status))
        color = theme.warning if fact.status in ("conflicting", "estimate", "assumption") else theme.text_dim
        widgets.append(Label(_("Status: {status}").format(status=status) + (f" ({fact.year})" if fact.year else ""), role="small", color=color))
        if fact.note:
            widgets.append(Label(_(fact.note), role="small", dim=True))
        for src in fact.sources:
            if fact.status == "conflicting" and src.says:
                # Where sources disagree, what each says comes first and in full size.
                widgets.append(Label(_("{outlet} says: {what}").format(outlet=src.outlet, what=_(src.says))))
                line = f"— {_(src.title)}" + (f" ({src.url})" if src.url else "")
                widgets.append(Label(line, role="small", dim=True))
                continue
            line = f"— {src.outlet}: {_(src.title)}"
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
