"""Drawing the overland screen from an ``Observation``: the map with the route,
the inset around the traveller, the status header, the journal box and the
ending card. Nothing here reads the model; the caches keep what is slow to
render (place names, the header, the journal's lines).
"""

from __future__ import annotations

from typing import Any, Sequence

import pygame

from ...i18n import _
from ...narrator import Line
from ...ui import fonts
from ...ui.hud import draw_card, shade_screen
from ...ui.legend import rail_ties
from ...ui.text import draw_text, fit_text, line_height, wrap
from ...ui.theme import OKABE_ITO
from ...ui.widgets import Form
from ...world.render import MapView
from ..base import MENU_CORNER, H, W
from .observation import Observation, PlaceMark

# Places named on the whole map, most important first (a label that would
# cover another is left out); the inset names the places near you.
NAMED = ("yanji", "beijing", "kunming", "chiangkhong", "zamynuud")
LABEL_LEFT = {"shenyang", "beijing", "kunming", "jinghong", "chiangkhong", "zamynuud", "hoeryong", "luangnamtha"}
LABEL_GROWTH = 0.35  # map labels grow this much of the text-size setting's growth
ROUTE_COLOURS = {"both": (60, 60, 60), "thailand": OKABE_ITO["orange"], "mongolia": OKABE_ITO["reddish_purple"]}


class PanelForm(Form):
    """The side panel's choices: a Form that shows only whole widgets, so no
    text is ever cut at its edges; arrows at the edge say there is more."""

    def visible(self, i: int) -> bool:
        r = self.screen_rect(i)
        if r.height > self.rect.height:  # taller than the panel: show what fits
            return r.colliderect(self.rect)
        return self.rect.contains(r)

    def hit(self, pos: tuple[int, int]) -> int:
        i = super().hit(pos)
        return i if i >= 0 and self.visible(i) else -1

    def draw(self, surface: pygame.Surface, theme) -> None:
        clip = surface.get_clip()
        surface.set_clip(self.rect)
        shown = [i for i in range(len(self._placed)) if self.visible(i)]
        for i in shown:
            self._placed[i].widget.draw(surface, self.screen_rect(i), theme, i == self.focus)
        surface.set_clip(clip)
        if self.max_scroll > 0:
            # In the 16-pixel gutter the layout keeps free: arrows where the
            # list goes on, and the scroll bar between them.
            x, top, bottom = self.rect.right - 8, self.rect.y, self.rect.bottom - 1
            track = pygame.Rect(x - 3, top + 18, 6, self.rect.height - 36)
            pygame.draw.rect(surface, theme.panel, track, border_radius=3)
            h = max(30, track.height * self.rect.height // max(1, self.content_height))
            y = track.y + (track.height - h) * self.scroll // max(1, self.max_scroll)
            pygame.draw.rect(surface, theme.text_dim, (track.x, y, 6, h), border_radius=3)
            if shown and shown[0] > 0 or self.scroll > 0:
                pygame.draw.polygon(surface, theme.text, [(x - 7, top + 12), (x + 7, top + 12), (x, top)])
            if shown and shown[-1] < len(self._placed) - 1 or self.scroll < self.max_scroll:
                pygame.draw.polygon(surface, theme.text, [(x - 7, bottom - 12), (x + 7, bottom - 12), (x, bottom)])


def whole_widget_form(scene) -> None:
    """MenuScene.relayout with a PanelForm: only whole widgets show."""
    focus = scene.form.focus if scene.form else None
    panel = scene.panel_rect()
    f = fonts.font(scene.heading_role, True)
    head_h = len(wrap(f, scene.heading(), panel.width - 80)) * line_height(f) + 16
    scene.form = PanelForm(scene.build(), pygame.Rect(panel.x, panel.y + head_h, panel.width, panel.height - head_h))
    if focus is not None and 0 <= focus < len(scene.form.widgets) and scene.form.widgets[focus].focusable:
        scene.form.focus = focus
        scene.form._scroll_into_view(focus)


def tone_colour(theme, tone: str) -> tuple[int, int, int]:
    return {"danger": theme.danger, "warning": theme.warning, "good": theme.good}.get(tone, theme.text)


# ---------------------------------------------------------------- the map

class MapPainter:
    """The route on the whole map and in the inset, the traveller, the place names."""

    def __init__(self) -> None:
        self._labels: dict[tuple[str, int], pygame.Surface] = {}

    def clear(self) -> None:
        self._labels.clear()

    @staticmethod
    def font() -> pygame.font.Font:
        """Place names grow more gently than body text: they must not bury the map."""
        growth = 1.0 + LABEL_GROWTH * (fonts.get_scale() - 1.0)
        return fonts.font_px(max(12, round(fonts.SIZES["small"] * growth)), True)

    def label(self, text: str, f: pygame.font.Font) -> pygame.Surface:
        key = (text, f.get_height())
        if key not in self._labels:
            img = f.render(text, True, (255, 255, 255))
            box = pygame.Surface((img.get_width() + 8, img.get_height() + 2), pygame.SRCALPHA)
            box.fill((0, 0, 0, 190))
            box.blit(img, (4, 1))
            self._labels[key] = box
        return self._labels[key]

    def routes(self, surface: pygame.Surface, obs: Observation, view: MapView, rect: pygame.Rect, named,
               traveller: tuple[int, int], keep_clear: list[pygame.Rect], high_contrast: bool) -> list:
        """The roads and the places' dots; returns the names to draw over the traveller's trail."""
        places = obs.places
        for road in obs.roads:
            a = view.world_to_screen(rect, places[road.start].x, places[road.start].y)
            b = view.world_to_screen(rect, places[road.end].x, places[road.end].y)
            width = 4 if road.route in ("both", obs.chosen_route) else 2
            pygame.draw.line(surface, (0, 0, 0) if high_contrast else (30, 30, 30), a, b, width + 2)
            pygame.draw.line(surface, ROUTE_COLOURS[road.route], a, b, width)
            if road.rail:  # a railway runs here: cross ties (the map's key shows the same)
                rail_ties(surface, a, b)
        dots = []
        for place in places:
            p = view.world_to_screen(rect, place.x, place.y)
            if not rect.collidepoint(p):
                continue
            pygame.draw.circle(surface, (255, 255, 255), p, 4)
            pygame.draw.circle(surface, (0, 0, 0), p, 4, 1)
            dots.append(pygame.Rect(p[0] - 5, p[1] - 5, 10, 10))
        return self.place_labels(places, view, rect, named, traveller, keep_clear, dots)

    def place_labels(self, places: Sequence[PlaceMark], view: MapView, rect: pygame.Rect, named,
                     traveller: tuple[int, int], keep_clear: list[pygame.Rect], dots: list[pygame.Rect] = ()
                     ) -> list[tuple[pygame.Surface, pygame.Rect]]:
        """Where each place name goes: beside its dot, on a side that covers no other
        name, the traveller or the inset, nor (if it can) another place's dot; a name
        with no free side is left out."""
        from ...ui import labels

        f = self.font()
        by_id = {pl.id: pl for pl in places}
        taken = [pygame.Rect(traveller[0] - 11, traveller[1] - 11, 22, 22)] + list(keep_clear)
        wanted, images = [], {}
        for rank, pid in enumerate(named):
            place = by_id.get(pid)
            if place is None:
                continue
            p = view.world_to_screen(rect, place.x, place.y)
            if not rect.collidepoint(p):
                continue
            images[pid] = self.label(place.label, f)
            near = abs(p[0] - traveller[0]) <= 12 and abs(p[1] - traveller[1]) <= 12
            gap = 13 if near else 7  # clear of the traveller's marker when she is here
            wanted.append(labels.Label(pid, p, images[pid].get_size(), rank, gap, left_first=pid in LABEL_LEFT))
        boxes = labels.place(wanted, rect, taken + list(dots))
        return [(images[pid], boxes[pid]) for pid in named if pid in boxes]

    def inset(self, surface: pygame.Surface, obs: Observation, inset: MapView, rect: pygame.Rect,
              pos: tuple[float, float], theme, high_contrast: bool) -> None:
        inset.center = pos
        clip = surface.get_clip()
        inset.draw(surface, rect)
        surface.set_clip(rect)
        traveller = inset.world_to_screen(rect, *pos)
        title = self.label(_("Around you"), self.font())
        title_rect = pygame.Rect(rect.x + 3, rect.y + 3, *title.get_size())
        names = self.routes(surface, obs, inset, rect, obs.near, traveller, [title_rect], high_contrast)
        self.traveller(surface, obs, inset, rect, pos, False, theme, high_contrast)
        for img, box in names:
            surface.blit(img, box)
        surface.blit(title, title_rect)
        surface.set_clip(clip)
        pygame.draw.rect(surface, theme.panel_edge, rect, width=3)

    @staticmethod
    def traveller(surface, obs: Observation, view: MapView, rect: pygame.Rect, pos, trail: bool, theme,
                  high_contrast: bool) -> None:
        if trail:
            points = [view.world_to_screen(rect, x, y) for x, y in obs.trail]
            if len(points) >= 2:
                pygame.draw.lines(surface, (0, 0, 0), False, points, 3)
        p = view.world_to_screen(rect, *pos)
        fill = theme.accent if high_contrast else OKABE_ITO["vermillion"]
        pygame.draw.circle(surface, (255, 255, 255), p, 10)
        pygame.draw.circle(surface, (0, 0, 0), p, 10, 2)
        pygame.draw.circle(surface, fill, p, 6)


# ---------------------------------------------------------------- the status header

def header_font(role: str) -> pygame.font.Font:
    return fonts.font("body", True) if role == "bold" else fonts.font(role)


class Header:
    """The status lines, rendered once per change."""

    def __init__(self) -> None:
        self._cache: tuple | None = None

    def render(self, lines, width: int, theme) -> tuple[pygame.Surface, int]:
        key = (tuple(lines), width, fonts.get_scale(), theme)
        if self._cache is None or self._cache[0] != key:
            heights = []
            for i, (role, text, _tone) in enumerate(lines):
                f = header_font(role)
                w = width - (MENU_CORNER.width + 8 if i == 0 else 0)
                heights.append(len(wrap(f, text, w)) * line_height(f))
            img = pygame.Surface((width, max(1, sum(heights))), pygame.SRCALPHA)
            y = 0
            for i, (role, text, tone) in enumerate(lines):
                w = width - (MENU_CORNER.width + 8 if i == 0 else 0)
                y += draw_text(img, header_font(role), text, (0, y), tone_colour(theme, tone), w)
            self._cache = (key, img, sum(heights))
        return self._cache[1], self._cache[2]

    @staticmethod
    def reserved(felt_danger: bool) -> int:
        """At least the room of a two-line place, the money line and a two-line danger line,
        so the choices below never shift as the header's words change."""
        bold, small = line_height(header_font("bold")), line_height(header_font("small"))
        return 2 * bold + small + (2 * small if felt_danger else 0)


# ---------------------------------------------------------------- the journal box

class JournalBox:
    """The box under the map: the news and what to do while the journey waits
    for a decision (read from the top), else the journal's newest lines."""

    def __init__(self) -> None:
        self.offset = 0  # lines scrolled away from the natural end
        self._cache: tuple[Any, list[tuple[pygame.Surface, int]]] | None = None
        self._continued: set[int] = set()  # lines that go on from the line before

    def clear(self) -> None:
        self._cache = None

    def lines(self, rect: pygame.Rect, theme, journal: list[Line], notice: list[str], waiting: bool,
              hint_text: str) -> list[tuple[pygame.Surface, int]]:
        """The box's lines, rendered."""
        width = rect.width - 40  # 10 on the left, 30 on the right for the arrows
        f = fonts.font("body")
        key = (len(journal), fonts.get_scale(), rect.size, theme, waiting, tuple(notice), hint_text)
        if self._cache is None or self._cache[0] != key:
            rendered: list[tuple[pygame.Surface, int]] = []
            self._continued = set()
            if waiting:
                fs = fonts.font("small")
                hint = wrap(fs, hint_text, width)
                if len(hint) > 1:
                    hint = wrap(fs, _("Then press Continue."), width)
                room = rect.height - 16 - len(hint) * line_height(fs)
                # The news in body text if it fits the box, else a size smaller.
                for fn in (f, fs):
                    lns = [ln for text in notice for ln in wrap(fn, text, width)]
                    if len(lns) * line_height(fn) <= room:
                        break
                rendered += [(fn.render(ln, True, theme.text), line_height(fn)) for ln in lns]
                rendered += [(fs.render(ln, True, theme.accent), line_height(fs)) for ln in hint]
            else:
                for line in journal[-30:]:
                    text = _("Day {day}: {line}").format(day=line.step + 1, line=line.text)
                    for i, ln in enumerate(wrap(f, text, width)):
                        rendered.append((f.render(ln, True, theme.text), line_height(f)))
                        if i:
                            self._continued.add(len(rendered) - 1)
            if not rendered:
                rendered.append((f.render(fit_text(f, _("Your journal begins here."), width), True, theme.text_dim),
                                 line_height(f)))
            self._cache = (key, rendered)
        return self._cache[1]

    def visible(self, lines: list[tuple[pygame.Surface, int]], rect: pygame.Rect, top_first: bool) -> tuple[int, int]:
        """(first, end) indices of the whole lines that show, after the scroll offset."""
        room = rect.height - 16
        n = len(lines)

        def fits(a: int, b: int) -> bool:
            return sum(lh for _img, lh in lines[a:b]) <= room

        if top_first:
            # Hidden lines are above: the offset counts from the top.
            last_start = next(a for a in range(n + 1) if fits(a, n))
            self.offset = min(self.offset, last_start)
            a = self.offset
            b = a
            while b < n and fits(a, b + 1):
                b += 1
            return a, b
        first_end = next((b for b in range(n, -1, -1) if fits(0, b)), 0)
        self.offset = min(self.offset, n - first_end)
        b = n - self.offset
        a = b
        while a > 0 and fits(a - 1, b):
            a -= 1
        while a < b - 1 and a in self._continued:
            a += 1  # begin with a whole entry
        return a, b

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, theme, lines, span: tuple[int, int],
             top_first: bool, waiting: bool) -> None:
        pygame.draw.rect(surface, theme.panel, rect, border_radius=8)
        if waiting:
            # Time has stopped for a decision: say what happened and what to do.
            pygame.draw.rect(surface, theme.accent, rect, width=3, border_radius=8)
        else:
            pygame.draw.rect(surface, theme.panel_edge, rect, width=1, border_radius=8)
        a, b = span
        y = rect.y + 8
        if not top_first:
            y = rect.bottom - 8 - sum(lh for _img, lh in lines[a:b])
        for img, lh in lines[a:b]:
            surface.blit(img, (rect.x + 10, y))
            y += lh
        # More above or below: a small arrow at the right edge, clear of the text.
        x = rect.right - 16
        if a > 0:
            pygame.draw.polygon(surface, theme.text, [(x - 7, rect.y + 20), (x + 7, rect.y + 20), (x, rect.y + 8)])
        if b < len(lines):
            pygame.draw.polygon(surface, theme.text,
                                [(x - 7, rect.bottom - 20), (x + 7, rect.bottom - 20), (x, rect.bottom - 8)])


# ---------------------------------------------------------------- the ending

def ending_card(title: str, text: str) -> tuple[pygame.Rect, str, str, str]:
    """The ending card's rectangle, title, text and hint."""
    hint = _("Tap, click or press Enter for the debrief.")
    width = min(W - 160, round(760 * max(1.0, fonts.get_scale() * 0.9)))
    ft, fb, fs = fonts.font("title", True), fonts.font("body"), fonts.font("small")
    h = (len(wrap(ft, title, width)) * line_height(ft) + 12 + len(wrap(fb, text, width)) * line_height(fb)
         + 18 + len(wrap(fs, hint, width)) * line_height(fs))
    card = pygame.Rect((W - width) // 2 - 32, max(8, (H - h) // 2 - 24), width + 64, h + 48)
    return card, title, text, hint


def draw_ending(surface: pygame.Surface, theme, title: str, text: str, show_hint: bool) -> None:
    """How the journey ended, on a card of its own so the panel's text does not show through."""
    shade_screen(surface, theme)
    card, title, text, hint = ending_card(title, text)
    width = card.width - 64
    ft, fb, fs = fonts.font("title", True), fonts.font("body"), fonts.font("small")
    draw_card(surface, theme, card)
    x, y = card.x + 32, card.y + 24
    y += draw_text(surface, ft, title, (x, y), theme.text, width, "center") + 12
    y += draw_text(surface, fb, text, (x, y), theme.text, width, "center") + 18
    if show_hint:
        draw_text(surface, fs, hint, (x, y), theme.text_dim, width, "center")
