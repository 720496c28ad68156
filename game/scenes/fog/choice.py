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
from ...ui.widgets import Button, Label
from ..base import MARGIN, ConfirmScene, H, W
from .observation import Question


class ChoiceScene(ConfirmScene):
    """Asks ``question`` and calls ``on_answer(key)`` with the chosen answer's key.
    Going back (Escape) answers with the first, the default."""

    def __init__(self, app, question: Question, on_answer: Callable[[str], None]):
        self.q = question
        self.on_answer = on_answer
        super().__init__(app, question.heading, "", lambda: None, detail=question.detail)

    width = 860

    def panel_rect(self) -> pygame.Rect:
        """Taller and wider than a yes/no question: three answers with what each means fit
        without scrolling at most text sizes (the form scrolls when they do not)."""
        width = min(W - 2 * MARGIN - 120, round(self.width * max(1.0, fonts.get_scale() * 0.75)))
        return pygame.Rect((W - width) // 2, 40, width, H - 80)

    def build(self):
        widgets = [Label(self.q.detail, dim=True)] if self.q.detail else []
        # at large text the answers' words are body-sized (bold), so that all three show at once
        role = "large" if fonts.get_scale() <= 1.25 else "body"
        for key, label, detail in self.q.answers:
            widgets.append(Button(label, lambda k=key: self._answer(k), detail=detail, role=role))
        return widgets

    def _answer(self, key: str) -> None:
        self.app.pop()
        self.on_answer(key)

    def back(self) -> None:
        self._answer(self.q.answers[0][0])
