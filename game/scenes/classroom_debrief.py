"""The class debrief, made for a projector: each group's outcomes beside the
model's replays of the same conditions, group against group, what really
happened (one case a page, with its sources), and the questions to talk about
with a visible timer. The numbers come from game/classroom/summary.py."""

from __future__ import annotations

import threading
from typing import Any

import pygame

from ..i18n import _
from ..ui import fonts
from ..ui.text import draw_text, fit_text, line_height, text_block_height, wrap
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
        nav_top = self._draw_nav(surface, len(pages))
        # The page ends above the buttons, however many rows they take at a large text size.
        area = pygame.Rect(40, 30, W - 80, nav_top - 10 - 30)
        clip = surface.get_clip()
        surface.set_clip(area.inflate(0, 4))
        if page == "wait":
            draw_text(surface, fonts.font("title", True), _("Replaying the class's conditions 1,000 times..."), area.topleft, t.text, area.width - 60)
        elif page.startswith("group:"):
            self._draw_group(surface, self.summaries[int(page.split(":")[1])], area)
        elif page == "compare":
            self._draw_compare(surface, area)
        elif page.startswith("record:"):
            self._draw_record(surface, area, int(page.split(":")[1]))
        else:
            self._draw_questions(surface, area)
        surface.set_clip(clip)

    def _nav_specs(self) -> list[tuple[str, Any]]:
        # Previous, Next and Back keep their places on every page; the timer's come after them.
        specs = [(_("Previous"), lambda: self.turn(-1)), (_("Next"), lambda: self.turn(1)),
                 (_("Back to the class"), self.app.pop)]
        if self.pages()[self.page] == "questions":
            specs += [(_("Stop the timer") if self.timer_running else _("Start the timer"), self.toggle_timer),
                      (_("Next question"), self.next_question)]
        return specs

    def _draw_nav(self, surface: pygame.Surface, n: int) -> int:
        """The buttons along the bottom, in as many rows as the text size needs;
        returns the top of the highest row."""
        t = self.theme
        page_text = _("Page {i} of {n}").format(i=self.page + 1, n=n)
        page_img = fonts.font("small").render(page_text, True, t.text_dim)
        specs = self._nav_specs()
        f = fonts.font("body", True)
        h = max(56, line_height(f) + 16)
        # Rows of buttons, filled left to right, the first row at the bottom (with the
        # page number at its end) and any more above it, so Previous, Next and Back
        # stay in their places on every page.
        rows: list[list[tuple[str, Any, int]]] = [[]]
        x, limit = 40, W - 40 - page_img.get_width() - 12
        for label, action in specs:
            w = f.size(label)[0] + 32
            if rows[-1] and x + w > limit:
                rows.append([])
                x, limit = 40, W - 40
            rows[-1].append((label, action, w))
            x += w + 12
        self.buttons = []
        bottom = H - 20 - h
        for k, row in enumerate(rows):
            x, y = 40, bottom - k * (h + 8)
            for label, action, w in row:
                r = pygame.Rect(x, y, w, h)
                pygame.draw.rect(surface, t.button, r, border_radius=8)
                pygame.draw.rect(surface, t.panel_edge, r, width=2, border_radius=8)
                img = f.render(label, True, t.button_text)
                surface.blit(img, img.get_rect(center=r.center))
                self.buttons.append((r, label, action))
                x += w + 12
        surface.blit(page_img, (W - 40 - page_img.get_width(), bottom + (h - page_img.get_height()) // 2))
        top = bottom - (len(rows) - 1) * (h + 8)
        return top

    def _draw_group(self, surface, g, area: pygame.Rect) -> None:
        t = self.theme
        y = area.y
        title = _("Group {name}: {title}, {conditions}").format(name=g.group.name, title=_(g.title), conditions=_(g.conditions))
        y += draw_text(surface, fonts.font("large", True), title, (area.x, y), t.text, area.width - 80) + 2
        note = _("The class: {n} journeys ({a} finished by the automatic player). The model: 1,000 journeys of the automatic player in the same conditions. Lines: 95% intervals.").format(n=g.n, a=g.autoplayed)
        y += draw_text(surface, fonts.font("small"), note, (area.x, y), t.text_dim, area.width) + 6
        fs = fonts.font("small")
        # Every outcome on the page: the rows share the height there is.
        row_h = max(24, min(2 * line_height(fs) + 8, (area.bottom - y) // max(1, len(g.rows))))
        two_lines = row_h >= 2 * line_height(fs)
        values = [[_("class: no journeys") if g.n == 0 else f"{_('class')} {r.class_share * 100:.0f}%", f"{_('model')} {r.model_share * 100:.0f}%"]
                  for r in g.rows]
        if not two_lines:  # too little height for two lines: both figures on one, in a type that fits the row
            values = [[" · ".join(pair)] for pair in values]
            size = fs.point_size
            while size > 10 and line_height(fonts.font_px(size)) > row_h:
                size -= 1
            fs = fonts.font_px(size)
        # The figures' column is as wide as its longest figure, so none runs off the screen.
        value_w = max((fs.size(v)[0] for pair in values for v in pair), default=0) + 12
        label_w = min(460, area.width // 3)
        bar_w = max(60, area.width - label_w - value_w)
        class_c, model_c = t.series[0], t.text_dim
        for r, pair in zip(g.rows, values):
            self._draw_label(surface, _(r.label), area.x, y, label_w - 10, row_h)
            bh = row_h // 2 - 3
            for j, (share, ci, colour) in enumerate(((r.class_share, r.class_ci, class_c), (r.model_share, r.model_ci, model_c))):
                by = y + j * (bh + 2)
                if j == 0 and g.n == 0:
                    continue  # no journey in this group: no share and no interval to draw (0 of 0 read as "0%", 0-100)
                pygame.draw.rect(surface, colour, (area.x + label_w, by, max(2, int(share * bar_w)), bh))
                lo, hi = area.x + label_w + int(ci[0] * bar_w), area.x + label_w + int(ci[1] * bar_w)
                pygame.draw.line(surface, t.text, (lo, by + bh // 2), (hi, by + bh // 2), 2)
            vx = area.x + label_w + bar_w + 8
            if two_lines:
                for j, text in enumerate(pair):
                    by = y + j * (bh + 2)
                    draw_text(surface, fs, text, (vx, by + (bh - line_height(fs)) // 2), t.text if j or g.n else t.text_dim)
            else:
                draw_text(surface, fs, pair[0], (vx, y + (row_h - line_height(fs)) // 2), t.text)
            y += row_h

    def _draw_label(self, surface, text: str, x: int, y: int, width: int, row_h: int) -> None:
        """An outcome's name: on one line, or on two in the small type rather than cut."""
        t = fonts.font("body")
        if len(wrap(t, text, width)) > 1:
            t = fonts.font("small")
            lines = wrap(t, text, width)
            if len(lines) > 2 or len(lines) * line_height(t) > row_h:
                lines = [fit_text(t, text, width)]
        else:
            lines = [text]
        h = len(lines) * line_height(t)
        for k, line in enumerate(lines):
            draw_text(surface, t, line, (x, y + (row_h - h) // 2 + k * line_height(t)), self.theme.text)

    def _draw_compare(self, surface, area: pygame.Rect) -> None:
        t = self.theme
        y = area.y + draw_text(surface, fonts.font("title", True), _("Group against group"), area.topleft, t.text, area.width - 80) + 8
        cells = []
        for row in self.summaries[0].rows:
            line = []
            for g in self.summaries:
                r = next((r for r in g.rows if r.outcome == row.outcome), None)
                if r is None:
                    line.append("")
                    continue
                ours = _("no journeys") if g.n == 0 else f"{r.class_share * 100:.0f}% ({r.class_ci[0] * 100:.0f}-{r.class_ci[1] * 100:.0f})"
                line.append(f"{ours} · {_('model')} {r.model_share * 100:.0f}%")
            cells.append(line)
        cols = len(self.summaries)
        # The figures whole in the body type if they fit, else in the small one; the outcomes' names take the rest.
        for role in ("body", "small"):
            f = fonts.font(role)
            col_w = max((f.size(c)[0] for line in cells for c in line), default=0) + 24
            if area.width - cols * col_w >= area.width // 4:
                break
        col_w = min(col_w, (area.width - area.width // 4) // cols)
        label_w = area.width - cols * col_w
        fb = fonts.font(role, True)
        for i, g in enumerate(self.summaries):
            head = _("Group {name}: {conditions}").format(name=g.group.name, conditions=_(g.conditions))
            draw_text(surface, fb, fit_text(fb, head, col_w - 16), (area.x + label_w + i * col_w, y), t.text)
        y += line_height(fb) + 6
        for row, line in zip(self.summaries[0].rows, cells):
            if y + line_height(f) > area.bottom:
                break
            draw_text(surface, f, fit_text(f, _(row.label), label_w - 10), (area.x, y), t.text)
            for i, cell in enumerate(line):
                draw_text(surface, f, fit_text(f, cell, col_w - 10), (area.x + label_w + i * col_w, y), t.text)
            y += line_height(f) + 4
        note = _("Shares of each group's journeys, with 95% intervals in brackets. With a few students a group, intervals are wide: a difference between groups counts when the intervals do not overlap.")
        draw_text(surface, fonts.font("small"), note, (area.x, y + 10), t.text_dim, area.width)

    def _draw_record(self, surface, area: pygame.Rect, index: int) -> None:
        t = self.theme
        case = self._cases()[index]
        y = area.y + draw_text(surface, fonts.font("title", True), _("What really happened"), area.topleft, t.text, area.width - 80) + 8
        y += draw_text(surface, fonts.font("large", True), _(case.get("title", "")), (area.x, y), t.text, area.width)
        refs = list(dict.fromkeys(r for f in case.get("facts", []) for r in self.sources.get(f, [])))
        sources = _("Sources: {list}").format(list="; ".join(refs)) if refs else ""
        text = _(case.get("text", ""))
        # The whole case on its page: in the body type if it fits, else smaller.
        # The story first: its type shrinks to the small one at most; the list of
        # sources then shrinks further if it must.
        fb, fsm = fonts.font("body"), fonts.font("small")

        def need() -> int:
            return text_block_height(fb, text, area.width) + 8 + (text_block_height(fsm, sources, area.width) if sources else 0)

        while y + need() > area.bottom and fb.point_size > fonts.font("small").point_size:
            fb = fonts.font_px(fb.point_size - 1)
        while y + need() > area.bottom and fsm.point_size > 10:
            fsm = fonts.font_px(fsm.point_size - 1)
        y += draw_text(surface, fb, text, (area.x, y), t.text, area.width) + 8
        if sources:
            draw_text(surface, fsm, sources, (area.x, y), t.text_dim, area.width)

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
