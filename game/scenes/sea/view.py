"""Drawing the sea screen from a ``SeaObservation``: the map, the wind, the boat, the panel's text,
a message box. No model access: the map's static fields (the sea, the currents, the places) are
handed in once; everything that changes comes in the observation."""

from __future__ import annotations

import math

import numpy as np
import pygame

from ...i18n import _
from ...ui import fonts
from ...ui.hud import draw_button
from ...ui.text import draw_text, line_height, wrap
from ...ui.theme import OKABE_ITO
from .observation import SeaObservation


class SeaView:
    """The sea screen's drawing, with its caches (the map picture at a zoom, the names, the veil)."""

    def __init__(self, world, is_sea: np.ndarray, current_u: np.ndarray, current_v: np.ndarray):
        self.world = world
        self.is_sea = is_sea
        self.current_u, self.current_v = current_u, current_v
        self.name_boxes: list[pygame.Rect] = []
        self.h, self.w = is_sea.shape
        self.labels: list[tuple[pygame.Surface, float, float, str]] | None = None
        self._tint_cache: dict[tuple, pygame.Surface] = {}
        self._overlay_key = None
        self._overlay_img: pygame.Surface | None = None

    def forget(self) -> None:
        """The text size, the language or the window changed: draw the names again."""
        self.labels = None
        self._tint_cache.clear()
        self._overlay_key = None

    # ------------------------------------------------------------ the map
    def sea_surface(self, view, obs: SeaObservation, settings, shown: pygame.Rect | None = None) -> pygame.Surface:
        """The map at this zoom with the place names (one cached picture per zoom).
        ``shown``: the part of the picture in sight, in its own pixels, when every name
        must lie inside it (the map seen whole while the panel crops its side). The names
        are placed again when that part slides, which at the first zoom is at most the
        width the panel crops, a fraction of a millisecond each time."""
        bounds = None if shown is None else pygame.Rect(shown)
        key = (view.zoom, settings.high_contrast, fonts.get_scale(), settings.language,
               None if bounds is None else tuple(bounds))
        img = self._tint_cache.get(key)
        if img is None:
            self._tint_cache.clear()
            img = view.surface_at(view.zoom).copy()
            self.draw_places(img, view, obs, bounds)
            self._tint_cache[key] = img
        return img

    def overlay(self, view, map_rect: pygame.Rect, obs: SeaObservation, show_currents: bool,
                high_contrast: bool) -> pygame.Surface:
        """What lies over the map in the visible part only: a smooth grey veil over the sea
        that deepens with the waves, and the currents when shown. Cached until the view
        moves, the waves change by half a metre, or the currents are switched."""
        bucket = round(min(obs.wave_m, 12.0) * 2) / 2
        ox, oy = view.world_to_screen(map_rect, 0, 0)
        names = tuple(tuple(b) for b in self.name_boxes)
        key = (view.zoom, ox, oy, bucket, show_currents, high_contrast, map_rect.size, names)
        if self._overlay_key == key and self._overlay_img is not None:
            return self._overlay_img
        img = pygame.Surface(map_rect.size, pygame.SRCALPHA)
        tp = view.tile_px
        mx, my = map_rect.topleft
        x0 = max(0, int((mx - ox) / tp) - 1)
        y0 = max(0, int((my - oy) / tp) - 1)
        x1 = min(self.w, int((map_rect.right - ox) / tp) + 2)
        y1 = min(self.h, int((map_rect.bottom - oy) / tp) + 2)
        level = min(150.0, 12.0 * bucket)
        if level > 0 and x1 > x0 and y1 > y0:
            alpha = (self.is_sea[y0:y1, x0:x1].astype(np.float32) * level).astype(np.uint8)
            small = pygame.Surface(alpha.shape[::-1], pygame.SRCALPHA)
            small.fill((70, 80, 92, 0))
            pygame.surfarray.pixels_alpha(small)[:] = alpha.T
            size = (max(1, round((x1 - x0) * tp)), max(1, round((y1 - y0) * tp)))
            img.blit(pygame.transform.smoothscale(small, size), (round(ox + x0 * tp) - mx, round(oy + y0 * tp) - my))
        if show_currents:
            avoid = [pygame.Rect(b).move(round(ox) - mx, round(oy) - my).inflate(6, 6) for b in names]
            self.draw_currents(img, view, map_rect, high_contrast, (-mx, -my), avoid)
        self._overlay_key, self._overlay_img = key, img
        return img

    def draw_wind(self, surface: pygame.Surface, view, map_rect: pygame.Rect, obs: SeaObservation,
                  high_contrast: bool) -> None:
        # Wind arrows on a fixed screen grid (not animated: calm for reduced motion too).
        u, v = obs.wind
        speed = math.hypot(u, v)
        if speed < 0.5:
            return
        ux, uy = u / speed, -v / speed
        length = 10 + 1.6 * min(speed, 30)
        color = (255, 255, 255) if not high_contrast else OKABE_ITO["yellow"]
        ox, oy = view.world_to_screen(map_rect, 0, 0)  # the map picture's corner: the names' boxes move with it
        avoid = [pygame.Rect(b).move(round(ox), round(oy)).inflate(6, 6) for b in self.name_boxes]
        step = 110
        for gy in range(step // 2, map_rect.height, step):
            for gx in range(step // 2, map_rect.width, step):
                wx, wy = view.screen_to_world(map_rect, gx, gy)
                ix, iy = int(wx), int(wy)
                if not (0 <= ix < self.w and 0 <= iy < self.h) or not self.is_sea[iy, ix]:
                    continue
                a = (gx - ux * length / 2, gy - uy * length / 2)
                b = (gx + ux * length / 2, gy + uy * length / 2)
                box = pygame.Rect(round(min(a[0], b[0])) - 6, round(min(a[1], b[1])) - 6,
                                  round(abs(b[0] - a[0])) + 13, round(abs(b[1] - a[1])) + 13)
                if box.collidelist(avoid) >= 0:
                    continue  # a name is written there
                pygame.draw.line(surface, color, a, b, 2)
                left = (b[0] - ux * 8 - uy * 5, b[1] - uy * 8 + ux * 5)
                right = (b[0] - ux * 8 + uy * 5, b[1] - uy * 8 - ux * 5)
                pygame.draw.polygon(surface, color, (b, left, right))

    def draw_currents(self, surface: pygame.Surface, view, map_rect: pygame.Rect, high_contrast: bool,
                      shift: tuple[int, int] = (0, 0), avoid: list[pygame.Rect] | None = None) -> None:
        """Arrows of the currents on a grid, none across a place's name (``avoid``, in the surface's pixels)."""
        cu, cv = self.current_u, self.current_v
        color = OKABE_ITO["blue"] if not high_contrast else (255, 255, 255)
        spacing_px = 34
        stride = max(1, int(round(spacing_px / view.tile_px)))
        x0, y0 = view.screen_to_world(map_rect, map_rect.left, map_rect.top)
        x1, y1 = view.screen_to_world(map_rect, map_rect.right, map_rect.bottom)
        for ty in range(max(0, int(y0) // stride * stride), min(self.h, int(y1) + 1), stride):
            for tx in range(max(0, int(x0) // stride * stride), min(self.w, int(x1) + 1), stride):
                u, v = float(cu[ty, tx]), float(cv[ty, tx])
                s = math.hypot(u, v)
                if s < 0.03:
                    continue
                cx, cy = view.world_to_screen(map_rect, tx + 0.5, ty + 0.5)
                cx, cy = cx + shift[0], cy + shift[1]
                L = 6 + 40 * min(s, 0.5)
                dx, dy = u / s * L / 2, -v / s * L / 2
                box = pygame.Rect(round(min(cx - dx, cx + dx)) - 3, round(min(cy - dy, cy + dy)) - 3,
                                  round(abs(2 * dx)) + 7, round(abs(2 * dy)) + 7)
                if avoid and box.collidelist(avoid) >= 0:
                    continue  # a name is written there
                pygame.draw.line(surface, color, (cx - dx, cy - dy), (cx + dx, cy + dy), 2)
                pygame.draw.circle(surface, color, (round(cx + dx), round(cy + dy)), 3)

    def draw_places(self, surface: pygame.Surface, view, obs: SeaObservation, bounds: pygame.Rect | None = None) -> None:
        tp = view.tile_px
        for o in self.world.objects:
            if o.kind in ("city", "port", "cape"):
                sx, sy = round(o.x * tp), round(o.y * tp)
                if o.kind == "port":  # a port: a square (the map's key shows both)
                    pygame.draw.rect(surface, (20, 28, 36), (sx - 4, sy - 4, 9, 9))
                    pygame.draw.rect(surface, (250, 250, 250), (sx - 2, sy - 2, 5, 5))
                else:
                    pygame.draw.circle(surface, (20, 28, 36), (sx, sy), 4)
                    pygame.draw.circle(surface, (250, 250, 250), (sx, sy), 2)
        area = surface.get_rect() if bounds is None else surface.get_rect().clip(bounds)
        self.name_boxes = []  # where the names are written (the picture's pixels): no current arrow crosses them
        for img, box in self.place_names(view, area, obs):
            surface.blit(img, box)
            self.name_boxes.append(box)

    def place_names(self, view, bounds: pygame.Rect, obs: SeaObservation) -> list[tuple[pygame.Surface, pygame.Rect]]:
        """The names on the map picture at this zoom, placed by the label solver (none overlap)."""
        from ...ui import labels

        if self.labels is None:
            f = fonts.font("small")
            self.labels = []
            for o in self.world.objects:
                if o.kind in ("city", "port", "cape", "bank", "label"):
                    color = (20, 28, 36) if o.kind != "label" else (40, 60, 90)
                    self.labels.append((f.render(_(o.name), True, color), o.x, o.y, o.kind))
        tp = view.tile_px
        rank = {"port": 0, "city": 1, "cape": 2, "bank": 3, "label": 4}
        wanted, dots = [], []
        for i, (img, x, y, kind) in enumerate(self.labels):
            if kind in ("city", "port", "cape") and not bounds.collidepoint(x * tp, y * tp):
                continue  # its dot is out of sight: a name alone would point at nothing
            wanted.append(labels.Label(i, (x * tp, y * tp), img.get_size(), rank[kind], 6, kind in ("bank", "label")))
            if kind in ("city", "port", "cape"):
                dots.append(pygame.Rect(round(x * tp) - 5, round(y * tp) - 5, 10, 10))
        boxes = labels.place(wanted, bounds, dots + self.label_obstacles(tp, obs))
        return [(self.labels[i][0], box) for i, box in boxes.items()]

    @staticmethod
    def label_obstacles(tp: float, obs: SeaObservation) -> list[pygame.Rect]:
        """Where the boat sets out, and the first stretch of its course: no name is written there."""
        sx, sy = obs.track[0][0] * tp, obs.track[0][1] * tp
        h = math.radians(obs.heading)
        rects = [pygame.Rect(round(sx) - 14, round(sy) - 14, 28, 28)]
        for k in (1, 2):  # the course line drawn from the boat
            cx, cy = sx + math.sin(h) * 18 * k, sy - math.cos(h) * 18 * k
            rects.append(pygame.Rect(round(cx) - 8, round(cy) - 8, 16, 16))
        return rects

    def draw_boat(self, surface: pygame.Surface, view, map_rect: pygame.Rect, obs: SeaObservation,
                  high_contrast: bool) -> None:
        pts = [view.world_to_screen(map_rect, x, y) for x, y in obs.track]
        track = OKABE_ITO["vermillion"] if not high_contrast else OKABE_ITO["yellow"]
        if len(pts) > 1:
            pygame.draw.lines(surface, track, False, pts, 3)
        sx, sy = pts[-1]
        if obs.ring_tiles > 0:
            # How far the wind and the current could have carried the boat off its reckoning.
            r = round(obs.ring_tiles * view.tile_px)
            if r >= 12:
                pygame.draw.circle(surface, (20, 20, 20), (sx, sy), r, 4)
                pygame.draw.circle(surface, OKABE_ITO["yellow"] if high_contrast else (235, 235, 235), (sx, sy), r, 2)
        fill = OKABE_ITO["orange"] if obs.crewed else (150, 150, 150)
        h = math.radians(obs.heading)
        if obs.crewed and obs.departed:
            end = (sx + math.sin(h) * 26, sy - math.cos(h) * 26)
            pygame.draw.line(surface, (20, 20, 20), (sx, sy), end, 4)
            pygame.draw.line(surface, fill, (sx, sy), end, 2)
        pygame.draw.circle(surface, (0, 0, 0), (sx, sy), 10)
        pygame.draw.circle(surface, fill, (sx, sy), 7)

    # ------------------------------------------------------------ the panel
    @staticmethod
    def status_wrapped(obs: SeaObservation, width: int) -> list[tuple[str, str]]:
        fb = fonts.font("small")
        out = []
        for role, text in obs.status:
            out.extend((role, line) for line in wrap(fb, text, width))
        return out

    def draw_status(self, surface: pygame.Surface, theme, r: pygame.Rect, obs: SeaObservation, scroll: int,
                    focused: bool) -> tuple[int, int]:
        """The boat, the crew, the weather and the forecast: a text that scrolls when it does not fit.
        Returns the scroll (settled on a whole line) and the largest scroll."""
        t = theme
        fb = fonts.font("small")
        lh = line_height(fb)
        lines = self.status_wrapped(obs, r.width - 16)  # room for the scroll bar
        content = len(lines) * lh
        max_scroll = max(0, content - r.height)
        # Scroll by whole lines (a drag may stop anywhere; the text settles on the nearest line).
        scroll = max(0, min(max_scroll, round(scroll / lh) * lh))
        colors = {"text": t.text, "dim": t.text_dim, "warning": t.warning, "danger": t.danger}
        clip = surface.get_clip()
        surface.set_clip(r)
        y = r.y - scroll
        for role, line in lines:
            if y + lh > r.y and y < r.bottom and line:
                surface.blit(fb.render(line, True, colors[role]), (r.x, y))
            y += lh
        surface.set_clip(clip)
        if max_scroll > 0:
            track = pygame.Rect(r.right - 8, r.y, 6, r.height)
            pygame.draw.rect(surface, t.button, track, border_radius=3)
            h = max(30, track.height * r.height // max(1, content))
            ty = track.y + (track.height - h) * scroll // max(1, max_scroll)
            pygame.draw.rect(surface, t.text_dim, (track.x, ty, 6, h), border_radius=3)
            if scroll < max_scroll:
                # A small arrow says there is more below.
                ax, ay = r.right - 24, r.bottom - 10
                pygame.draw.polygon(surface, t.accent, ((ax - 7, ay - 7), (ax + 7, ay - 7), (ax, ay)))
        if focused:
            pygame.draw.rect(surface, t.accent, r.inflate(12, 6), width=3, border_radius=6)
        return scroll, max_scroll

    @staticmethod
    def draw_button(surface: pygame.Surface, theme, high_contrast: bool, b, focused: bool) -> None:
        draw_button(surface, theme, high_contrast, b, focused, inset=16)

    # ------------------------------------------------------------ a message
    @staticmethod
    def notice_height(text: str, prompt: str, width: int, choices: int = 0) -> int:
        fb, fs = fonts.font("body"), fonts.font("small")
        lines = wrap(fb, text, width - 32)
        more = wrap(fs, prompt, width - 32)
        return len(lines) * line_height(fb) + len(more) * line_height(fs) + 36 + choices

    def draw_notice(self, surface: pygame.Surface, theme, r: pygame.Rect, text: str, prompt: str,
                    choices=(), focus: int = -1, high_contrast: bool = False) -> None:
        """The message box; a decision's buttons (HudButtons laid out by the scene) below its words."""
        t = theme
        fb, fs = fonts.font("body"), fonts.font("small")
        pygame.draw.rect(surface, t.panel, r, border_radius=10)
        pygame.draw.rect(surface, t.warning, r, width=3, border_radius=10)
        y = r.y + 14 + draw_text(surface, fb, text, (r.x + 16, r.y + 14), t.text, r.width - 32)
        for i, b in enumerate(choices):
            self.draw_button(surface, t, high_contrast, b, i == focus)
        if choices:
            y = max(b.rect.bottom for b in choices) + 4
        draw_text(surface, fs, prompt, (r.x + 16, y + 4), t.text_dim, r.width - 32)
