"""The class debrief, made for a projector: each group's outcomes beside the
model's replays of the same conditions, group against group, what really
happened (one case a page, with its sources), and the questions to talk about
with a visible timer. The numbers come from game/classroom/summary.py."""

from __future__ import annotations

import threading

import pygame

from ..i18n import _
from ..ui import fonts
from ..ui.text import draw_text, fit_text, line_height
from .base import Scene, W, H


class ClassDebriefScene(Scene):
    """For the projector: the class beside the model, group against group,
    what really happened, and the questions with a timer."""

    QUESTION_S = 180.0

    def __init__(self, app, thread):
        super().__init__(app)
        self.thread = thread
        self.summaries = None
        self.sources: dict[str, list[str]] = {}
        self.page = 0
        self.timer_left = self.QUESTION_S
        self.timer_running = False
        self.question = 0
        self._work = threading.Thread(target=self._summarise, name="class-debrief", daemon=True)
        self._work.start()
        self.buttons: list[tuple[pygame.Rect, str, callable]] = []

    def _summarise(self) -> None:
        from ..classroom.export import sources_by_fact
        from ..classroom.summary import summarise

        self.sources = sources_by_fact()
        host = self.thread.host
        groups, outcomes = self.thread.run(lambda: (list(host.groups), host.outcomes_by_group()))
        self.summaries = summarise(groups, outcomes)

    def pages(self) -> list[str]:
        if self.summaries is None:
            return ["wait"]
        out = [f"group:{i}" for i in range(len(self.summaries))]
        if len(self.summaries) > 1:
            out.append("compare")
        # One case of the record a page: read aloud, whole, at any text size.
        out += [f"record:{i}" for i in range(len(self._cases()))]
        return out + ["questions"]

    def _cases(self) -> list[dict]:
        seen, cases = set(), []
        for g in self.summaries or []:
            if g.group.scenario not in seen:
                seen.add(g.group.scenario)
                cases += list(g.record.get("cases", []))
        return cases

    def update(self, dt: float) -> None:
        if self.timer_running:
            self.timer_left = max(0.0, self.timer_left - dt)
            if self.timer_left == 0:
                self.timer_running = False

    def handle(self, intent) -> bool:
        kind = intent.kind
        if kind in ("right", "next", "left"):
            self.turn(-1 if kind == "left" else 1)
        elif kind == "confirm" and self.pages()[self.page] == "questions":
            self.toggle_timer()
        elif kind == "pointer_up":
            for rect, _label, action in self.buttons:
                if rect.collidepoint(intent.pos):
                    action()
                    return True
        else:
            return kind in ("pointer_down", "pointer_move", "up", "down")
        return True

    def turn(self, delta: int) -> None:
        self.page = max(0, min(len(self.pages()) - 1, self.page + delta))

    def toggle_timer(self) -> None:
        self.timer_running = not self.timer_running

    def next_question(self) -> None:
        qs = self._questions()
        if qs:
            self.question = (self.question + 1) % len(qs)
        self.timer_left, self.timer_running = self.QUESTION_S, False

    def _questions(self) -> list[str]:
        if not self.summaries:
            return []
        seen, out = set(), []
        for g in self.summaries:
            for q in g.questions:
                if q not in seen:
                    seen.add(q)
                    out.append(q)
        return out

    # -- drawing ---------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        surface.fill(t.background)
        pages = self.pages()
        self.page = min(self.page, len(pages) - 1)
        page = pages[self.page]
        area = pygame.Rect(40, 30, W - 80, H - 120)
        if page == "wait":
            draw_text(surface, fonts.font("title", True), _("Replaying the class's conditions 1,000 times..."), area.topleft, t.text, area.width)
        elif page.startswith("group:"):
            self._draw_group(surface, self.summaries[int(page.split(":")[1])], area)
        elif page == "compare":
            self._draw_compare(surface, area)
        elif page.startswith("record:"):
            self._draw_record(surface, area, int(page.split(":")[1]))
        else:
            self._draw_questions(surface, area)
        self._draw_nav(surface, len(pages))

    def _draw_nav(self, surface: pygame.Surface, n: int) -> None:
        t, f = self.theme, fonts.font("body", True)
        self.buttons = []
        specs = [(_("Previous"), lambda: self.turn(-1)), (_("Next"), lambda: self.turn(1)),
                 (_("Back to the class"), self.app.pop)]
        if self.pages()[self.page] == "questions":
            specs[2:2] = [(_("Stop the timer") if self.timer_running else _("Start the timer"), self.toggle_timer),
                          (_("Next question"), self.next_question)]
        x = 40
        for label, action in specs:
            w = f.size(label)[0] + 32
            r = pygame.Rect(x, H - 76, w, 56)
            pygame.draw.rect(surface, t.button, r, border_radius=8)
            pygame.draw.rect(surface, t.panel_edge, r, width=2, border_radius=8)
            img = f.render(label, True, t.button_text)
            surface.blit(img, img.get_rect(center=r.center))
            self.buttons.append((r, label, action))
            x += w + 12
        page_text = _("Page {i} of {n}").format(i=self.page + 1, n=n)
        img = fonts.font("small").render(page_text, True, t.text_dim)
        surface.blit(img, (W - 40 - img.get_width(), H - 56))

    def _draw_group(self, surface, g, area: pygame.Rect) -> None:
        t = self.theme
        y = area.y
        title = _("Group {name}: {title}, {conditions}").format(name=g.group.name, title=_(g.title), conditions=_(g.conditions))
        y += draw_text(surface, fonts.font("large", True), title, (area.x, y), t.text, area.width - 80) + 2
        note = _("The class: {n} journeys ({a} finished by the automatic player). The model: 1,000 journeys of the automatic player in the same conditions. Lines: 95% intervals.").format(n=g.n, a=g.autoplayed)
        y += draw_text(surface, fonts.font("small"), note, (area.x, y), t.text_dim, area.width) + 6
        f, fs = fonts.font("body"), fonts.font("small")
        label_w = min(460, area.width // 3)
        bar_w = area.width - label_w - 130
        # Every outcome on the page: the rows share the height there is.
        row_h = max(24, min(2 * line_height(fs) + 8, (area.bottom - y) // max(1, len(g.rows))))
        class_c, model_c = t.series[0], t.text_dim
        for r in g.rows:
            draw_text(surface, f, fit_text(f, _(r.label), label_w - 10), (area.x, y + (row_h - line_height(f)) // 2), t.text)
            for j, (share, ci, colour, who) in enumerate(((r.class_share, r.class_ci, class_c, _("class")), (r.model_share, r.model_ci, model_c, _("model")))):
                bh = row_h // 2 - 3
                by = y + j * (bh + 2)
                pygame.draw.rect(surface, colour, (area.x + label_w, by, max(2, int(share * bar_w)), bh))
                lo, hi = area.x + label_w + int(ci[0] * bar_w), area.x + label_w + int(ci[1] * bar_w)
                pygame.draw.line(surface, t.text, (lo, by + bh // 2), (hi, by + bh // 2), 2)
                txt = fs.render(f"{who} {share * 100:.0f}%", True, t.text)
                surface.blit(txt, (area.x + label_w + bar_w + 8, by + (bh - txt.get_height()) // 2))
            y += row_h

    def _draw_compare(self, surface, area: pygame.Rect) -> None:
        t, f = self.theme, fonts.font("body")
        y = area.y + draw_text(surface, fonts.font("title", True), _("Group against group"), area.topleft, t.text, area.width - 80) + 8
        cols = len(self.summaries)
        label_w = area.width // 3
        col_w = (area.width - label_w) // cols
        for i, g in enumerate(self.summaries):
            head = _("Group {name}: {conditions}").format(name=g.group.name, conditions=_(g.conditions))
            fb = fonts.font("body", True)
            draw_text(surface, fb, fit_text(fb, head, col_w - 16), (area.x + label_w + i * col_w, y), t.text)
        y += line_height(f) + 6
        for k, row in enumerate(self.summaries[0].rows):
            if y + line_height(f) > area.bottom:
                break
            draw_text(surface, f, fit_text(f, _(row.label), label_w - 10), (area.x, y), t.text)
            for i, g in enumerate(self.summaries):
                r = next((r for r in g.rows if r.outcome == row.outcome), None)
                if r is not None:
                    cell = f"{r.class_share * 100:.0f}% ({r.class_ci[0] * 100:.0f}-{r.class_ci[1] * 100:.0f}) · {_('model')} {r.model_share * 100:.0f}%"
                    draw_text(surface, f, fit_text(f, cell, col_w - 10), (area.x + label_w + i * col_w, y), t.text)
            y += line_height(f) + 4
        note = _("Shares of each group's journeys, with 95% intervals in brackets. With a few students a group, intervals are wide: a difference between groups counts when the intervals do not overlap.")
        draw_text(surface, fonts.font("small"), note, (area.x, y + 10), t.text_dim, area.width)

    def _draw_record(self, surface, area: pygame.Rect, index: int) -> None:
        t = self.theme
        case = self._cases()[index]
        clip = surface.get_clip()
        surface.set_clip(area)
        y = area.y + draw_text(surface, fonts.font("title", True), _("What really happened"), area.topleft, t.text, area.width - 80) + 8
        y += draw_text(surface, fonts.font("large", True), _(case.get("title", "")), (area.x, y), t.text, area.width)
        y += draw_text(surface, fonts.font("body"), _(case.get("text", "")), (area.x, y), t.text, area.width) + 8
        refs = list(dict.fromkeys(r for f in case.get("facts", []) for r in self.sources.get(f, [])))
        if refs:
            draw_text(surface, fonts.font("small"), _("Sources: {list}").format(list="; ".join(refs)), (area.x, y), t.text_dim, area.width)
        surface.set_clip(clip)

    def _draw_questions(self, surface, area: pygame.Rect) -> None:
        t = self.theme
        qs = self._questions()
        y = area.y + draw_text(surface, fonts.font("title", True), _("Questions to talk about"), area.topleft, t.text, area.width) + 10
        if qs:
            q = qs[self.question % len(qs)]
            y += draw_text(surface, fonts.font("large", True), f"{self.question % len(qs) + 1}/{len(qs)}  {_(q)}", (area.x, y), t.text, area.width) + 20
        left = int(round(self.timer_left))
        clock = fonts.font_px(120, True).render(f"{left // 60}:{left % 60:02d}", True, t.warning if left <= 30 else t.accent)
        surface.blit(clock, clock.get_rect(midtop=(W // 2, y)))
