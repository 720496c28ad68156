"""The JSA dash: drawing an observation (no model access).

The map with the line, the jeep, the pursuers and you; a notice or a
question card with its answers as buttons (each at least 48 px high, the text
wrapped at any size). Positions come in tiles from the observation; the
scene gives the camera (a ``MapView``), the map's rectangle and how far the
clock is between two steps, for smooth movement.
"""

from __future__ import annotations

import pygame

from ...i18n import _
from ...ui import fonts
from ...ui.hud import MIN_TOUCH
from ...ui.text import draw_text, line_height, wrap
from ...ui.theme import OKABE_ITO
from ...sim.jsa import AT_COVER, DRIVING, ON_FOOT
from . import layout
from .observation import JsaObservation, Question


def draw_line(surface: pygame.Surface, view, r: pygame.Rect, mdl_y: float, avoid: pygame.Rect | None = None) -> None:
    """The line across the map: a broad yellow dash edged in black, named at the
    left (right of ``avoid``, the direction pad, when the name would sit under it)."""
    _x, y = view.world_to_screen(r, 0, mdl_y)
    if not (r.top - 4 <= y <= r.bottom + 4):
        return
    colour = OKABE_ITO["yellow"]
    dash = 16
    for x in range(r.x, r.right, 2 * dash):
        pygame.draw.line(surface, (0, 0, 0), (x - 1, y), (x + dash + 1, y), 8)
        pygame.draw.line(surface, colour, (x, y), (x + dash, y), 4)
    f = fonts.font("small", True)
    label = f.render(_("The line: a low concrete kerb"), True, colour)
    box = label.get_rect(bottomleft=(r.x + 12, y - 6))
    if box.top < r.top + 4:
        box.topleft = (r.x + 12, y + 8)
    if avoid is not None and box.inflate(10, 4).colliderect(avoid):
        box.x = avoid.right + 12
    pygame.draw.rect(surface, (0, 0, 0), box.inflate(10, 4), border_radius=4)
    surface.blit(label, box)


def draw_checkpoint_name(surface, view, r: pygame.Rect, at: tuple[float, float], hc: bool) -> None:
    """'The checkpoint' on a dark plate beside the road, level with it, until the jeep has passed."""
    sx, sy = view.world_to_screen(r, at[0] + 3.0, at[1])  # a little east of the road, by the guardhouse
    f = fonts.font("small", True)
    img = f.render(_("The checkpoint"), True, (255, 255, 255))
    box = img.get_rect(midleft=(sx, sy))
    if box.right > r.right - 8:  # at large text, over the guardhouse rather than cut off by the panel
        box.right = r.right - 8
    plate = pygame.Surface(box.inflate(12, 4).size, pygame.SRCALPHA)
    plate.fill((0, 0, 0, 220 if hc else 170))
    surface.blit(plate, box.inflate(12, 4).topleft)
    surface.blit(img, box)


def draw_jeep(surface, view, r: pygame.Rect, obs: JsaObservation, at: tuple[float, float], hc: bool) -> None:
    sx, sy = view.world_to_screen(r, *at)
    mpt = obs.metres_per_tile
    w, h = max(10, round(1.8 / mpt * view.tile_px)), max(18, round(4.0 / mpt * view.tile_px))
    body = pygame.Rect(0, 0, w, h)
    body.center = (sx, sy)
    pygame.draw.rect(surface, (0, 0, 0), body.inflate(4, 4), border_radius=4)
    pygame.draw.rect(surface, (86, 98, 70), body, border_radius=3)
    pygame.draw.rect(surface, (60, 70, 50), body.inflate(-w // 3, -h // 2), border_radius=2)
    if obs.phase not in (ON_FOOT, AT_COVER):  # you are in the jeep
        pygame.draw.circle(surface, (245, 245, 240), (sx, sy), max(4, w // 4))
    if hc:
        pygame.draw.rect(surface, OKABE_ITO["yellow"], body.inflate(8, 8), 3, border_radius=6)


def draw_pursuers(surface, view, r: pygame.Rect, obs: JsaObservation, t: float, hc: bool) -> None:
    ring = OKABE_ITO["yellow"] if hc else OKABE_ITO["vermillion"]
    rad = max(6, round(0.6 / obs.metres_per_tile * view.tile_px))
    for x0, y0, x1, y1 in obs.pursuers:
        sx, sy = view.world_to_screen(r, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
        pygame.draw.circle(surface, (0, 0, 0), (sx, sy), rad + 2)
        pygame.draw.circle(surface, (70, 76, 60), (sx, sy), rad)
        pygame.draw.circle(surface, ring, (sx, sy), rad + 2, 3 if hc else 2)


def draw_player(surface, view, r: pygame.Rect, obs: JsaObservation, at: tuple[float, float], hc: bool) -> None:
    sx, sy = view.world_to_screen(r, *at)
    fill = (245, 245, 240)
    if obs.low:
        pygame.draw.ellipse(surface, (0, 0, 0), (sx - 12, sy - 7, 24, 14))
        pygame.draw.ellipse(surface, fill, (sx - 10, sy - 5, 20, 10))
    else:
        pygame.draw.circle(surface, (0, 0, 0), (sx, sy), 11)
        pygame.draw.circle(surface, fill, (sx, sy), 8)
    if hc:
        pygame.draw.circle(surface, OKABE_ITO["yellow"], (sx, sy), 15, 3)


def draw_trail(surface, view, r: pygame.Rect, points: list[tuple[float, float]], colour) -> None:
    pts = [view.world_to_screen(r, x, y) for x, y in points]
    if len(pts) > 1:
        pygame.draw.lines(surface, colour, False, pts, 2)


ROAD_MARKS = (0.0, 0.5, 1.0)  # where each place of the road in lies along it


def road_strip_height() -> int:
    return 2 * line_height(fonts.font("small", True)) + 30


def draw_road_strip(surface, r: pygame.Rect, share: float, hc: bool, bottom: int | None = None) -> None:
    """The road in, before the map: rice fields, the 72-Hour Bridge, the turn by the
    monument, as a strip across the map's foot with the jeep on it. The bridge is
    named above the line, the ends below, so that no two names meet at any size."""
    f = fonts.font("small", True)
    lh = line_height(f)
    names = (_("Rice fields"), _("72-Hour Bridge"), _("The monument"))
    h = road_strip_height()
    bottom = r.bottom - 44 if bottom is None else min(bottom, r.bottom) - 8  # clear of the help hint
    box = pygame.Rect(r.x + layout.CARD_INSET, bottom - h, r.width - 2 * layout.CARD_INSET, h)
    plate = pygame.Surface(box.size, pygame.SRCALPHA)
    plate.fill((0, 0, 0, 235 if hc else 190))
    surface.blit(plate, box.topleft)
    x0, x1 = box.x + 24, box.right - 24
    y = box.y + lh + 14
    pygame.draw.line(surface, (170, 170, 160), (x0, y), (x1, y), 4)
    for at, name in zip(ROAD_MARKS, names):
        x = round(x0 + (x1 - x0) * at)
        pygame.draw.line(surface, (230, 230, 220), (x, y - 7), (x, y + 7), 2)
        img = f.render(name, True, (255, 255, 255))
        if at == 0.0:
            place = img.get_rect(topleft=(x - 6, y + 9))
        elif at == 1.0:
            place = img.get_rect(topright=(x + 6, y + 9))
        else:
            place = img.get_rect(midbottom=(x, y - 8))
        place.clamp_ip(box.inflate(-8, -4))
        surface.blit(img, place)
    jx = round(x0 + (x1 - x0) * share)
    pygame.draw.circle(surface, (0, 0, 0), (jx, y), 9)
    pygame.draw.circle(surface, OKABE_ITO["yellow"] if hc else (245, 245, 240), (jx, y), 7)


def draw_map_things(surface, view, r: pygame.Rect, obs: JsaObservation, player_at: tuple[float, float], t: float,
                    hc: bool, strip_bottom: int | None = None) -> None:
    """The jeep (moving with you while you drive), the pursuers, and you once on foot;
    on the road in, before the map, the road's strip."""
    if obs.road is not None:
        draw_road_strip(surface, r, obs.road, hc, strip_bottom)
    if obs.checkpoint is not None:
        draw_checkpoint_name(surface, view, r, obs.checkpoint, hc)
    draw_jeep(surface, view, r, obs, player_at if obs.phase == DRIVING else obs.jeep, hc)
    draw_pursuers(surface, view, r, obs, t, hc)
    if obs.phase in (ON_FOOT, AT_COVER):
        draw_player(surface, view, r, obs, player_at, hc)


# ----------------------------------------------------------------- questions


def _answer_text(i: int, label: str) -> str:
    return "{n}. {label}".format(n=i + 1, label=label)


def _answer_height(f, text: str, width: int) -> int:
    return max(MIN_TOUCH, len(wrap(f, text, width - 24)) * line_height(f) + 12)


def card_height(question: Question, width: int) -> int:
    """The height a question and its answers need at ``width``."""
    fb = fonts.font("body")
    inner = width - 2 * layout.CARD_PAD
    h = len(wrap(fb, question.text, inner)) * line_height(fb) + 2 * layout.CARD_PAD
    fa = fonts.font("body", True)
    return h + sum(_answer_height(fa, _answer_text(i, label), inner) + layout.ANSWER_GAP
                   for i, (_k, label) in enumerate(question.answers))


def draw_card(surface, theme, rect: pygame.Rect, question: Question, focus: int, hc: bool) -> list[pygame.Rect]:
    """A question and its answers; returns the answers' rectangles (on screen)."""
    text = question.text
    fb, fa = fonts.font("body"), fonts.font("body", True)
    pygame.draw.rect(surface, theme.panel, rect, border_radius=10)
    pygame.draw.rect(surface, theme.warning, rect, width=3, border_radius=10)
    pad = layout.CARD_PAD
    inner = rect.width - 2 * pad
    y = rect.y + pad + draw_text(surface, fb, text, (rect.x + pad, rect.y + pad), theme.text, inner)
    rects = []
    for i, (_key, label) in enumerate(question.answers):
        y += layout.ANSWER_GAP
        text = _answer_text(i, label)
        h = _answer_height(fa, text, inner)
        b = pygame.Rect(rect.x + pad, y, inner, h)
        chosen = i == focus
        pygame.draw.rect(surface, theme.accent if chosen else theme.background, b, border_radius=8)
        edge = OKABE_ITO["yellow"] if (hc or chosen) else theme.panel_edge
        pygame.draw.rect(surface, edge, b, width=3 if chosen else 2, border_radius=8)
        colour = theme.background if chosen else theme.text
        draw_text(surface, fa, text, (b.x + 12, b.y + 6), colour, inner - 24)
        rects.append(b)
        y += h
    return rects
