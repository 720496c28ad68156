"""Outcome charts, drawn with pygame alone (no plotting library at run time).

One horizontal bar per outcome and series: the share of the runs that ended
that way, a whisker for its 95% interval and the share written beside it.
Colours come from the theme's Okabe-Ito series, but nothing is told by colour
alone: every row has its outcome's name, a second series is striped and named
in a legend, and the player's own outcome is outlined and labelled in words.

The layout is computed from the text at the current text size (the label
column is as wide as the labels need, up to a share of the width), so the
chart reads at every size. ``render`` gives a Surface of a given width, for
the screen and for saving as PNG; ``ChartWidget`` puts a chart in a Form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import pygame

from ..citations import name_parameters
from ..i18n import _, format_number, format_percent
from . import fonts
from .text import draw_text, line_height, wrap
from .theme import OKABE_ITO, Theme
from .widgets import Widget

PAD = 16
ROW_GAP = 8
BAR_GAP = 4
LABEL_SHARE = 0.42  # the label column takes at most this share of the width
TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)


def percent(p: float) -> str:
    """A share as people read it: one decimal below 10%, none above."""
    v = 100.0 * float(p)
    if v <= 0:
        return format_percent(0)
    if v < 0.1:
        return "<" + format_percent(0.001, 1)
    if v < 10 and round(v, 1) != round(v):
        return format_percent(p, 1)
    return format_percent(p)


@dataclass
class Series:
    """One set of runs: shares (and 95% intervals) per outcome, in row order.

    ``shares`` is None while the runs are still going.
    """

    label: str
    shares: tuple[float, ...] | None = None
    ci: tuple[tuple[float, float], ...] | None = None
    n: int = 0
    striped: bool = False


@dataclass
class ChartData:
    title: str
    outcome_labels: list[str]
    series: list[Series]
    mine: int | None = None  # row of the player's own outcome
    mine_text: str = ""  # e.g. "Your journey ended here"
    note: str = ""  # footnote: what the bars and whiskers are
    legend_title: str = ""
    # Per row, what the outcome means ("good", "bad", "lost" or ""): a colour
    # keeps one meaning on every chart (the colour of good news never marks a death).
    tones: list[str] | None = None

    @property
    def ready(self) -> bool:
        """The first series (the player's) is in; others may follow."""
        return bool(self.series) and self.series[0].shares is not None

    @property
    def complete(self) -> bool:
        return all(s.shares is not None for s in self.series)


def series_from_result(label: str, result, order: Sequence[str], striped: bool = False) -> Series:
    """A Series from a MonteCarloResult, rows in ``order`` (outcome ids)."""
    return Series(
        label=label,
        shares=tuple(result.share(o) for o in order),
        ci=tuple(result.ci95(o) for o in order),
        n=result.n,
        striped=striped,
    )


# ---------------------------------------------------------------- layout


@dataclass
class _Layout:
    width: int
    height: int
    title_lines: list[str]
    legend: list[tuple[int, int, int, list[str]]]  # (series index, x, y, lines)
    label_w: int
    bar_x0: int
    bar_len: int
    rows: list[tuple[int, int, list[str], list[str]]]  # (y, h, label lines, marker lines)
    bar_h: int
    axis_y: int
    note_y: int
    note_lines: list[str] = field(default_factory=list)


def _fonts():
    return {
        "title": fonts.font("large", True),
        "label": fonts.font("body", True),
        "marker": fonts.font("small", True),
        "value": fonts.font("small", True),
        "small": fonts.font("small"),
    }


def _layout(data: ChartData, width: int) -> _Layout:
    f = _fonts()
    inner = max(200, width - 2 * PAD)
    y = PAD
    title_lines = wrap(f["title"], data.title, inner) if data.title else []
    y += len(title_lines) * line_height(f["title"])
    if title_lines:
        y += 8

    lh_small = line_height(f["small"])
    legend = []
    if len(data.series) > 1:
        swatch = 40
        x = PAD
        line_h = lh_small
        for i, s in enumerate(data.series):
            text_w = f["small"].size(s.label)[0]
            item_w = swatch + 8 + text_w
            if x > PAD and x + item_w > PAD + inner:
                x, y = PAD, y + line_h + 6
                line_h = lh_small
            lines = wrap(f["small"], s.label, inner - swatch - 8)
            legend.append((i, x, y, lines))
            line_h = max(line_h, len(lines) * lh_small)
            x += min(inner, item_w) + 28
        y += line_h + 10

    value_w = max(f["value"].size(t)[0] for t in ("100%", "9.9%", "<0.1%")) + 10
    widest = max([f["label"].size(t)[0] for t in data.outcome_labels] + [60])
    label_w = max(110, min(round(inner * LABEL_SHARE), widest + 4))
    bar_x0 = PAD + label_w + 16
    bar_len = max(60, PAD + inner - value_w - bar_x0)

    n_series = max(1, len(data.series))
    bar_h = max(18, line_height(f["value"]))
    bars_h = n_series * bar_h + (n_series - 1) * BAR_GAP
    rows = []
    y += 4
    for i, label in enumerate(data.outcome_labels):
        lines = wrap(f["label"], label, label_w)
        marker = wrap(f["marker"], "▶ " + data.mine_text, label_w) if i == data.mine and data.mine_text else []
        text_h = len(lines) * line_height(f["label"]) + len(marker) * line_height(f["marker"]) + (4 if marker else 0)
        h = max(text_h, bars_h) + 12
        rows.append((y, h, lines, marker))
        y += h + ROW_GAP
    axis_y = y
    y += lh_small + 10
    note_lines = wrap(f["small"], data.note, inner) if data.note else []
    note_y = y
    y += len(note_lines) * lh_small + PAD
    return _Layout(width, y, title_lines, legend, label_w, bar_x0, bar_len, rows, bar_h, axis_y, note_y, note_lines)


def measure(data: ChartData, width: int) -> int:
    """The height the chart needs at ``width`` and the current text size."""
    return _layout(data, width).height


# ---------------------------------------------------------------- drawing


TONE_COLOURS = {
    "good": ("bluish_green", "sky_blue", "blue"),
    "bad": ("orange", "yellow"),
    "lost": ("vermillion", "reddish_purple", "yellow"),
    "": ("grey", "yellow"),
}


def outcome_colours(theme: Theme, tones: list[str]) -> list[tuple[int, int, int]]:
    """A colour per outcome from its meaning, each colour used once."""
    named = {**OKABE_ITO, "grey": (200, 200, 200)}
    used: set[tuple[int, int, int]] = set()
    out = []
    for row, tone in enumerate(tones):
        pool = [named[n] for n in TONE_COLOURS.get(tone, TONE_COLOURS[""])]
        pool += [c for c in theme.series if c not in pool]
        colour = next((c for c in pool if c not in used), theme.series[row % len(theme.series)])
        used.add(colour)
        out.append(colour)
    return out


def _series_color(theme: Theme, row: int, tones: list[str] | None = None) -> tuple[int, int, int]:
    if tones and row < len(tones):
        return outcome_colours(theme, tones)[row]
    return theme.series[row % len(theme.series)]


def _stripes(surface: pygame.Surface, rect: pygame.Rect, color, spacing: int = 9) -> None:
    if rect.width <= 0 or rect.height <= 0:
        return
    clip = surface.get_clip()
    surface.set_clip(rect.clip(clip) if clip else rect)
    for x in range(rect.x - rect.height, rect.right + spacing, spacing):
        pygame.draw.line(surface, color, (x, rect.bottom), (x + rect.height, rect.top), 3)
    surface.set_clip(clip)


def _bar(surface, rect: pygame.Rect, color, striped: bool, theme: Theme) -> None:
    if rect.width <= 0:
        return
    if striped:
        pygame.draw.rect(surface, theme.background, rect)
        _stripes(surface, rect, color)
        pygame.draw.rect(surface, color, rect, width=2)
    else:
        pygame.draw.rect(surface, color, rect)
        if theme.panel == theme.background:  # high contrast: outline every bar
            pygame.draw.rect(surface, theme.text, rect, width=1)


def _swatch(surface, rect: pygame.Rect, striped: bool, theme: Theme) -> None:
    color = theme.text_dim
    _bar(surface, rect, color, striped, theme)
    if not striped:
        pygame.draw.rect(surface, theme.text, rect, width=1)


def draw_chart(surface: pygame.Surface, origin: tuple[int, int], data: ChartData, width: int, theme: Theme,
               progress: float | None = None, status: str = "") -> int:
    """Draw the chart with its top-left at ``origin``; returns the height used.

    While the runs are going (``data.ready`` is False) the rows keep their
    places and a progress bar with ``status`` stands where the bars will be;
    a later series still running is marked "still running" in its place.
    """
    lay = _layout(data, width)
    f = _fonts()
    ox, oy = origin
    lh_small = line_height(f["small"])

    y = oy + PAD
    for line in lay.title_lines:
        surface.blit(f["title"].render(line, True, theme.text), (ox + PAD, y))
        y += line_height(f["title"])

    for i, x, ly, lines in lay.legend:
        s = data.series[i]
        sw = pygame.Rect(ox + x, oy + ly + 3, 40, max(10, lh_small - 8))
        _swatch(surface, sw, s.striped, theme)
        for k, line in enumerate(lines):
            surface.blit(f["small"].render(line, True, theme.text), (ox + x + 48, oy + ly + k * lh_small))

    area = pygame.Rect(ox + lay.bar_x0, oy + (lay.rows[0][0] if lay.rows else lay.axis_y), lay.bar_len,
                       lay.axis_y - (lay.rows[0][0] if lay.rows else lay.axis_y) - ROW_GAP)
    # Grid lines first, so bars and whiskers sit on top.
    for t in TICKS:
        gx = area.x + round(t * lay.bar_len)
        pygame.draw.line(surface, theme.panel_edge, (gx, area.y), (gx, area.bottom), 1)

    for row, (ry, rh, lines, marker) in enumerate(lay.rows):
        rect = pygame.Rect(ox + PAD // 2, oy + ry, width - PAD, rh)
        mine = row == data.mine
        if mine:
            pygame.draw.rect(surface, theme.button, rect, border_radius=6)
            pygame.draw.rect(surface, theme.accent, rect, width=3, border_radius=6)
        ty = oy + ry + 6
        for line in lines:
            surface.blit(f["label"].render(line, True, theme.text), (ox + PAD, ty))
            ty += line_height(f["label"])
        if marker:
            ty += 4
            for line in marker:
                surface.blit(f["marker"].render(line, True, theme.accent), (ox + PAD, ty))
                ty += line_height(f["marker"])
        if not data.ready:
            continue
        by = oy + ry + 6
        for s in data.series:
            if s.shares is None:  # still running: say so once, in its place
                if row == 0:
                    img = f["small"].render(_("still running…"), True, theme.text_dim)
                    surface.blit(img, (area.x + 6, by + (lay.bar_h - img.get_height()) // 2))
                by += lay.bar_h + BAR_GAP
                continue
            share = s.shares[row]
            bar = pygame.Rect(area.x, by, round(share * lay.bar_len), lay.bar_h)
            _bar(surface, bar, _series_color(theme, row, data.tones), s.striped, theme)
            end = bar.right
            if s.ci is not None:
                lo, hi = s.ci[row]
                x0, x1 = area.x + round(lo * lay.bar_len), area.x + round(hi * lay.bar_len)
                cy = bar.centery
                cap = max(4, lay.bar_h // 3)
                # A dark line under a light one: readable on any bar colour.
                for color, w in ((theme.background, 5), (theme.text, 2)):
                    pygame.draw.line(surface, color, (x0, cy), (x1, cy), w)
                    pygame.draw.line(surface, color, (x0, cy - cap), (x0, cy + cap), w)
                    pygame.draw.line(surface, color, (x1, cy - cap), (x1, cy + cap), w)
                end = max(end, x1)
            img = f["value"].render(percent(share), True, theme.text)
            surface.blit(img, (end + 10, bar.centery - img.get_height() // 2))
            by += lay.bar_h + BAR_GAP

    if not data.ready:
        _progress(surface, area, progress or 0.0, status, theme)

    # Axis: 0% .. 100% under the bars.
    for t in TICKS:
        img = f["small"].render(f"{round(t * 100)}%", True, theme.text_dim)
        gx = area.x + round(t * lay.bar_len)
        x = min(max(gx - img.get_width() // 2, area.x - 10), ox + width - PAD - img.get_width())
        surface.blit(img, (x, oy + lay.axis_y))

    ny = oy + lay.note_y
    for line in lay.note_lines:
        surface.blit(f["small"].render(line, True, theme.text_dim), (ox + PAD, ny))
        ny += lh_small
    return lay.height


def _progress(surface, area: pygame.Rect, progress: float, status: str, theme: Theme) -> None:
    f = fonts.font("body")
    text_h = len(wrap(f, status, area.width)) * line_height(f) if status else 0
    bar_h = 24
    top = area.y + max(0, (area.height - text_h - bar_h - 10) // 2)
    if status:
        draw_text(surface, f, status, (area.x, top), theme.text, area.width)
    bar = pygame.Rect(area.x, top + text_h + 10, area.width, bar_h)
    pygame.draw.rect(surface, theme.panel, bar, border_radius=6)
    fill = bar.copy()
    fill.width = round(bar.width * max(0.0, min(1.0, progress)))
    if fill.width > 0:
        pygame.draw.rect(surface, theme.accent, fill, border_radius=6)
    pygame.draw.rect(surface, theme.text, bar, width=2, border_radius=6)


def render(data: ChartData, width: int, theme: Theme, progress: float | None = None, status: str = "") -> pygame.Surface:
    """The chart on its own Surface (``width`` wide, as tall as it needs)."""
    surf = pygame.Surface((width, measure(data, width)))
    surf.fill(theme.background)
    draw_chart(surf, (0, 0), data, width, theme, progress, status)
    return surf


# ---------------------------------------------------------------- in a Form


class ChartWidget(Widget):
    """A chart inside a Form. ``source()`` gives (data, progress, status);
    the drawn chart is cached until any of them, the width, the text size or
    the theme changes, so a frame costs one blit."""

    def __init__(self, source: Callable[[], tuple[ChartData, float | None, str]]):
        self.source = source
        self._key = None
        self._surface: pygame.Surface | None = None

    def measure(self, width: int) -> int:
        data, _progress_value, _status = self.source()
        return measure(data, width)

    def draw(self, surface, rect, theme, focused):
        data, progress, status = self.source()
        key = (data.title, tuple(data.outcome_labels), tuple((se.label, se.shares, se.ci) for se in data.series), data.mine, data.note, data.ready, rect.width, fonts.get_scale(), theme, None if data.ready else round(progress or 0, 2), status)
        if key != self._key or self._surface is None:
            self._surface = render(data, rect.width, theme, progress, status)
            self._key = key
        surface.blit(self._surface, rect.topleft)
        pygame.draw.rect(surface, theme.panel_edge, rect, width=1, border_radius=4)


def default_note(n: int, seed: int) -> str:
    return _("Bars: the share of {n} runs that ended each way (seed {seed}). Lines: the 95% interval of that share.").format(
        n=f"{n:,}", seed=seed)


# ---------------------------------------------------------------- the tornado: which assumptions matter most


@dataclass
class TornadoBar:
    """One parameter: the outcome's share with it at the low and at the high end."""

    label: str
    low_text: str  # the value at the low end, as people read it ("0 m")
    high_text: str
    low: float  # share of the outcome at the low end (0..1)
    high: float


@dataclass
class TornadoData:
    title: str
    outcome: str  # the outcome whose share the bars show
    base: float  # its share with the values as they are
    bars: list[TornadoBar] = field(default_factory=list)
    note: str = ""

    @property
    def ready(self) -> bool:
        return bool(self.bars)


def tornado_from(sens, scenario, limit: int = 8) -> TornadoData:
    """The ``limit`` parameters that move the focus outcome most (game.sim.sensitivity)."""
    i = sens.outcomes.index(sens.focus)
    entry = scenario.outcomes.get(sens.focus)
    outcome = _(entry["label"]) if isinstance(entry, dict) and entry.get("label") else sens.focus

    def value(v: float, unit: str) -> str:
        text = str(int(v)) if float(v).is_integer() else f"{v:.3g}"
        return f"{text} {_(unit)}".strip() if unit else text

    bars = []
    for s in sens.ranked(sens.focus)[:limit]:
        if not s.runnable or abs(s.change(i)) <= 0:
            continue
        unit = scenario.parameters[s.name].unit
        bars.append(TornadoBar(name_parameters(_(s.label), scenario.parameters), value(s.low, unit), value(s.high, unit), s.low_shares[i], s.high_shares[i]))
    return TornadoData(
        title=_("Which assumptions move '{outcome}' most").format(outcome=outcome),
        outcome=outcome, base=sens.base_shares[i], bars=bars,
        note=_("Each bar: one figure set to the low end (striped) and the high end (solid) of its range, the others as they are, for your own choices; {n} runs each. The line is the share with the figures as they are.").format(n=f"{sens.n:,}"),
    )


def _tornado_layout(data: TornadoData, width: int):
    f = _fonts()
    inner = max(200, width - 2 * PAD)
    title = wrap(f["title"], data.title, inner) if data.title else []
    y = PAD + len(title) * line_height(f["title"]) + (8 if title else 0)
    label_w = max(120, int(inner * LABEL_SHARE))
    bar_h = max(14, line_height(f["small"]) + 2)
    rows = []
    for bar in data.bars:
        lines = wrap(f["label"], bar.label, label_w - 12)
        h = max(len(lines) * line_height(f["label"]), 2 * bar_h + BAR_GAP) + 12
        rows.append((y, h, lines))
        y += h + ROW_GAP
    if not data.bars:
        y += 3 * line_height(f["label"]) + 40  # room for the progress bar
    axis_y = y
    y += line_height(f["small"]) + 8
    note = wrap(f["small"], data.note, inner) if data.note else []
    note_y = y
    y += len(note) * line_height(f["small"]) + PAD
    return title, label_w, bar_h, rows, axis_y, note_y, note, y


def measure_tornado(data: TornadoData, width: int) -> int:
    return _tornado_layout(data, width)[-1]


def draw_tornado(surface: pygame.Surface, origin: tuple[int, int], data: TornadoData, width: int, theme: Theme,
                 progress: float | None = None, status: str = "") -> int:
    """Draw the tornado with its top-left at ``origin``; returns the height used.
    Until the bars are in, a progress bar with ``status`` stands in their place."""
    title, label_w, bar_h, rows, axis_y, note_y, note, height = _tornado_layout(data, width)
    f = _fonts()
    ox, oy = origin
    y = oy + PAD
    for line in title:
        surface.blit(f["title"].render(line, True, theme.text), (ox + PAD, y))
        y += line_height(f["title"])
    x0 = ox + PAD + label_w
    length = max(60, width - 2 * PAD - label_w - 150)  # room on the right for the value texts
    top = oy + (rows[0][0] if rows else axis_y - 60)
    area = pygame.Rect(x0, top, length, oy + axis_y - top - ROW_GAP)
    if not data.ready:
        _progress(surface, area.inflate(0, 0), progress or 0.0, status, theme)
        return height
    for t in TICKS:
        gx = x0 + round(t * length)
        pygame.draw.line(surface, theme.panel_edge, (gx, area.y), (gx, area.bottom), 1)
    color = _series_color(theme, 0)
    for (ry, rh, lines), bar in zip(rows, data.bars):
        ty = oy + ry + 6
        for line in lines:
            surface.blit(f["label"].render(line, True, theme.text), (ox + PAD, ty))
            ty += line_height(f["label"])
        by = oy + ry + 6
        base_x = x0 + round(data.base * length)
        for share, text, striped in ((bar.low, bar.low_text, True), (bar.high, bar.high_text, False)):
            end_x = x0 + round(share * length)
            rect = pygame.Rect(min(base_x, end_x), by, max(2, abs(end_x - base_x)), bar_h)
            _bar(surface, rect, color, striped, theme)
            img = f["value"].render(f"{text}: {percent(share)}", True, theme.text)
            surface.blit(img, (max(base_x, end_x, rect.right) + 8, by + (bar_h - img.get_height()) // 2))
            by += bar_h + BAR_GAP
    base_x = x0 + round(data.base * length)
    pygame.draw.line(surface, theme.text, (base_x, area.y - 4), (base_x, area.bottom), 2)
    for t in TICKS:
        img = f["small"].render(f"{round(t * 100)}%", True, theme.text_dim)
        gx = x0 + round(t * length)
        surface.blit(img, (gx - img.get_width() // 2, oy + axis_y))
    ny = oy + note_y
    for line in note:
        surface.blit(f["small"].render(line, True, theme.text_dim), (ox + PAD, ny))
        ny += line_height(f["small"])
    return height


def render_tornado(data: TornadoData, width: int, theme: Theme, progress: float | None = None, status: str = "") -> pygame.Surface:
    surf = pygame.Surface((width, measure_tornado(data, width)))
    surf.fill(theme.background)
    draw_tornado(surf, (0, 0), data, width, theme, progress, status)
    return surf


class TornadoWidget(Widget):
    """A tornado chart in a Form; ``source()`` gives (data, progress, status).
    Cached like ChartWidget: a frame costs one blit."""

    def __init__(self, source: Callable[[], tuple[TornadoData, float | None, str]]):
        self.source = source
        self._key = None
        self._surface: pygame.Surface | None = None

    def measure(self, width: int) -> int:
        return measure_tornado(self.source()[0], width)

    def draw(self, surface, rect, theme, focused):
        data, progress, status = self.source()
        key = (data.title, tuple((b.label, b.low, b.high) for b in data.bars), data.base, data.note, rect.width,
               fonts.get_scale(), theme, None if data.ready else round(progress or 0, 2), status)
        if key != self._key or self._surface is None:
            self._surface = render_tornado(data, rect.width, theme, progress, status)
            self._key = key
        surface.blit(self._surface, rect.topleft)
        pygame.draw.rect(surface, theme.panel_edge, rect, width=1, border_radius=4)
