"""Fog on the line: a question that stops the journey until it is answered.

An overlay over the play screen (the journey waits under it, as under the
menu): a heading, a line of what the soldier knows, and one button per
answer, each with what it means. Keys, mouse, touch and gamepad all work
through the overlay's buttons (``game.ui.widgets``). The words come from
``game.scenes.fog.observation`` (a ``Question``), tested without a window.
"""

from __future__ import annotations

from typing import Callable

import pygame

from ...ui import fonts
from ...ui.text import line_height, wrap
from ...ui.widgets import Button, Label
from ..base import MARGIN, ConfirmScene, H, MenuScene, W
from .observation import Question

LARGE_TEXT = 1.25  # above this text size the card is set smaller, so that every answer shows at once


class ChoiceScene(ConfirmScene):
    """Asks ``question`` and calls ``on_answer(key)`` with the chosen answer's key.
    Going back (Escape) answers with the first, the default."""

    def __init__(self, app, question: Question, on_answer: Callable[[str], None]):
        self.q = question
        self.on_answer = on_answer
        self._fit_h: int | None = None  # the card's height when its words need less than the screen
        super().__init__(app, question.heading, "", lambda: None, detail=question.detail)

    width = 860

    def panel_rect(self) -> pygame.Rect:
        """The card: as tall as its words need (centred), at most ``full_rect``."""
        rect = self.full_rect()
        if self._fit_h is not None and self._fit_h < rect.height:  # no empty half card: as tall as its words, centred
            rect.y += (rect.height - self._fit_h) // 2
            rect.height = self._fit_h
        return rect

    def full_rect(self) -> pygame.Rect:
        """Taller and wider than a yes/no question: three answers with what each means fit
        without scrolling at most text sizes (the form scrolls when they do not)."""
        if fonts.get_scale() > LARGE_TEXT:  # as wide and tall as the screen allows: fewer lines
            rect = pygame.Rect(MARGIN + 8, 32, W - 2 * MARGIN - 16, H - 64)
        else:
            width = min(W - 2 * MARGIN - 120, round(self.width * max(1.0, fonts.get_scale() * 0.75)))
            rect = pygame.Rect((W - width) // 2, 40, width, H - 80)
        return rect

    def relayout(self) -> None:
        self.heading_role = "large" if fonts.get_scale() <= LARGE_TEXT else "body"
        self._fit_h = None
        MenuScene.relayout(self)  # (ConfirmScene's sets the heading large)
        need = (self.form.rect.y - self.panel_rect().y) + self.form.content_height + 8
        if need < self.panel_rect().height:
            self._fit_h = need
            MenuScene.relayout(self)

    def build(self):
        # at large text the answers' words are body-sized (bold) and what they mean small, so
        # that every answer shows at once; if the card still does not hold them all with what the
        # soldier knows above them, that goes below the answers (the form scrolls to it)
        large = fonts.get_scale() > LARGE_TEXT
        role, detail_role = ("body", "small") if large else ("large", "body")
        answers = [Button(label, lambda k=key: self._answer(k), detail=detail, role=role, detail_role=detail_role)
                   for key, label, detail in self.q.answers]
        if not self.q.detail:
            return answers
        known = Label(self.q.detail, dim=True, role="small" if large else "body")
        panel = self.full_rect()  # (the same order whether or not the card is then made shorter)
        head = fonts.font(self.heading_role, True)
        room = panel.height - len(wrap(head, self.q.heading, panel.width - 80)) * line_height(head) - 16
        width = panel.width - 24  # (the form's scroll bar)
        need = sum(w.measure(width) + 10 for w in [known, *answers])
        return [known, *answers] if need <= room else [*answers, known]

    def _answer(self, key: str) -> None:
        self.app.pop()
        self.on_answer(key)

    def back(self) -> None:
        self._answer(self.q.answers[0][0])
