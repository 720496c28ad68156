"""The kiosk's short debrief: one screen for a visitor passing by.

The chart of the 1,000 replays of the visitor's own journey (the debrief's
own runs and chart), what really happened in a few sentences with their
sources (the scenario's first documented case), one question to take away
(the scenario's first), and "Start again", which drops everything of the
visitor and returns to the attract loop. Text and targets are large: the
button is far above 15 mm on a 32-inch screen.
"""

from __future__ import annotations

import re
import time

import pygame

from ..i18n import _
from ..scenes.base import H, W
from ..scenes.debrief import TALK, DebriefScene, story_sources
from ..ui import fonts
from ..ui.chart import ChartWidget
from ..ui.widgets import Button, Form, Label, Spacer

EDGE = 24
SENTENCES = 3  # what really happened, told short
SOURCES = 2  # sources named here; the rest are named in the full debrief and the game's sources screen
AUTO_AGAIN_S = 12.0  # the automatic player starts again this long after the runs are in
# A sentence ends with a full stop (Latin or CJK) followed by a space or the end.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“‘(\u3131-\uffdc])|(?<=[。！？])")


def first_sentences(text: str, n: int = SENTENCES) -> str:
    """The first ``n`` sentences of ``text`` (all of it if it has fewer)."""
    text = text.strip()
    ends = [m.start() for m in _SENTENCE_END.finditer(text) if m.start() < len(text)]
    return text[:ends[n - 1]].rstrip() if len(ends) >= n else text


class KioskDebriefScene(DebriefScene):
    """One screen: the chart, the record in short, a question, Start again."""

    kiosk_stage = "debrief"
    shows_menu_button = False

    def _counterfactual(self):
        return None, ""  # one series: the visitor's own choices, 1,000 times

    def _load_map(self) -> None:
        self._map_state = "failed"  # no map on this screen: nothing to draw in the background

    def relayout(self) -> None:
        self.panel = TALK  # never the model page: no sensitivity runs are started
        self._auto_clock = 0.0
        self.again = Button(_("Start again"), self.start_again, role="title")
        fb = fonts.font("title", True)
        bw = max(360, fb.size(self.again.text)[0] + 80)
        bh = max(80, self.again.measure(bw))
        left_w = round((W - 3 * EDGE) * 0.52)
        # Start again under the chart; the record and the question take the right column's whole height.
        self.again_rect = pygame.Rect(EDGE + (left_w - bw) // 2, H - EDGE - bh, bw, bh)
        chart_rect = pygame.Rect(EDGE, EDGE, left_w, self.again_rect.top - EDGE // 2 - EDGE)
        text_x = chart_rect.right + EDGE
        text_rect = pygame.Rect(text_x, EDGE, W - EDGE - text_x, H - 2 * EDGE)
        self.chart_widget = ChartWidget(self._chart_source)
        self.chart_form = Form([self.chart_widget], chart_rect)
        self._laid_out_chart = self.chart
        self.text_form = Form(self._text_widgets(), text_rect, gap=8)
        self.forms = [None] * len(self.forms)

    def _text_widgets(self) -> list:
        """What really happened, short, with its sources; then the question to take away.
        (How the journey ended is marked on the chart.)"""
        w: list = []
        cases = (self.scenario.record or {}).get("cases", []) or []
        if cases:
            case = cases[0]
            w.append(Label(_("What really happened: {case}").format(case=_(case.get("title", ""))), role="large", bold=True))
            if case.get("text"):
                w.append(Label(first_sentences(_(case["text"])), role="large"))
            reg = self.registry
            facts = [reg.get(i) for i in case.get("facts", []) if reg is not None and i in reg]
            sources = story_sources(facts)
            if len(sources) > SOURCES:
                sources = sources[:SOURCES] + [_("and {n} more").format(n=len(sources) - SOURCES)]
            if sources:
                w.append(Label(_("Sources: {list}").format(list="; ".join(sources)), role="small", dim=True))
        else:
            w.append(Label(_("What really happened"), role="large", bold=True))
            w.append(Label(_("No documented case is recorded for this scenario yet."), role="large", dim=True))
        if self.scenario.questions:
            w.append(Spacer(10))
            w.append(Label(_("A question to take away"), role="large", bold=True))
            w.append(Label(_(self.scenario.questions[0]), role="large"))
        return w

    # -- actions -----------------------------------------------------------
    def start_again(self) -> None:
        """Back to the attract loop: the visitor's counts are written and their
        language, launch and screens dropped (as on an idle reset)."""
        self.app.reset_to_root()

    def back(self) -> None:
        pass  # a visitor leaves through Start again (or by walking away)

    def handle(self, intent) -> bool:
        if intent.kind == "pointer_down" and self.again_rect.collidepoint(intent.pos):
            self.start_again()
            return True
        if intent.kind == "confirm":
            self.start_again()
            return True
        if intent.kind == "back":
            return True
        # Each column scrolls by itself (a finger drags the one it is on).
        in_chart = self.chart_form.handle(intent)
        return self.text_form.handle(intent) or in_chart

    def update(self, dt: float) -> None:
        super().update(dt)
        if self.chart is not self._laid_out_chart:  # the note grows when the runs are in
            self._laid_out_chart = self.chart
            self.chart_form.layout()
        if self.app.launch.autoplay and self.complete:
            self._auto_clock += dt
            if self._auto_clock >= AUTO_AGAIN_S:
                self.start_again()

    # -- drawing -----------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme = self.theme
        surface.fill(theme.background)
        self.chart_form.draw(surface, theme)
        self.text_form.draw(surface, theme)
        self.again.draw(surface, self.again_rect, theme, True)
        if self.job is not None:
            self.job.release()  # drawn: the runs go on while the window waits
            self._released_at = time.perf_counter()
