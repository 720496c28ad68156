"""Fog on the line: drawing the map from an observation (no model access).

The ground is drawn in the colours of a dark night (drained and blue-grey,
but with forest, open ground, paths, fences and water kept apart) and
lightens through dawn as the model's light rises. Over it lies the fog, a
soft veil made from the model's visibility field (carried in the
observation): thicker where the fog is thicker, and clearer within about the
distance you can see. The guards appear only when you could see them; the
line, the South's post and a compass are drawn over the fog (the soldier
knows the ground).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pygame

from ...i18n import _
from ...ui import fonts, labels
from ...ui.legend import draw_drain, draw_sound
from ...ui.theme import OKABE_ITO
from ...world.render import VEIL_DRIFT, veil_opacity, veil_wisps
from ..dmz.view import alpha_overlay, blit_map_region, night_grade
from .observation import FogObservation

# How the fog is drawn (a picture, not a figure of the world; the fog itself is the model's field):
VEIL_STEP_PX = 16  # one fog sample every 16 screen pixels, smoothed up
VEIL_NEAR = 0.08  # the veil's opacity close to you, in the densest fog ...
VEIL_FAR = 0.62  # ... and far beyond what you can see: the ground still shows through
VEIL_EDGE = 4.0  # beyond = 1 - 2^-((d / visibility)^VEIL_EDGE): clear within about the visibility, soft at its edge
GROUND_MARGIN = 128  # the ground picture reaches this far past the map's edges, so it is seldom redrawn
LIGHT_LEVELS = 20  # the ground is redrawn at each twentieth of dawn's rise in light
FOG_DAY = (222, 226, 230)
FOG_NIGHT = (100, 108, 122)


def arrowhead(at: tuple[float, float], u: tuple[float, float], length: float = 32.0,
              half_width: float = 12.0) -> tuple[tuple[float, float], ...]:
    """An arrowhead on the point ``at`` pointing along the unit vector ``u``: tip, wing, notch, wing."""
    ax, ay = at
    ux, uy = u
    px, py = -uy, ux  # across the arrow
    tip = (ax + ux * length * 0.7, ay + uy * length * 0.7)
    back = (ax - ux * length * 0.3, ay - uy * length * 0.3)
    notch = (ax - ux * length * 0.05, ay - uy * length * 0.05)
    return (tip, (back[0] + px * half_width, back[1] + py * half_width), notch,
            (back[0] - px * half_width, back[1] - py * half_width))


@dataclass
class Frame:
    """This frame's drawing context: where the map is, the camera, the settings."""

    rect: pygame.Rect  # the map on screen
    view: object  # game.world.render.MapView, centred and zoomed
    player: tuple[float, float]  # where you are drawn (tiles), between two steps
    frac: float  # how far the clock is between the last step and the next (0..1)
    zoom_i: int
    high_contrast: bool
    reduced_motion: bool
    language: str
    theme: object
    board: labels.Board | None = None  # this frame's map labels, never overlapping
    free_bottom: int = 0  # labels and arrows keep above this (the direction pad)


def label_plate(text: str, colour, high_contrast: bool) -> pygame.Surface:
    """Small text on a dark plate, readable over any ground."""
    f = fonts.font("small", True)
    img = f.render(text, True, colour)
    plate = pygame.Surface((img.get_width() + 12, img.get_height() + 4), pygame.SRCALPHA)
    plate.fill((0, 0, 0, 200 if high_contrast else 150))
    plate.blit(img, (6, 2))
    return plate


class FogView:
    """Draws the fog's map; keeps the pictures that are slow to make between frames."""

    def __init__(self, remake=None) -> None:
        # remake(key, drawn, what): should a picture drawn for ``drawn`` be made
        # again for ``key``? The scene's PlayBase.remake_now lets a new step's
        # veil wait a frame or two when the frame already has heavy work.
        self.remake = remake or (lambda key, drawn, what: key != drawn)
        self._night: pygame.Surface | None = None
        self._night_key = None
        self._overlay_cache: dict = {}
        self._veil_key = None
        self._veil: pygame.Surface | None = None
        self._veil_center = (0.0, 0.0)
        self._ground: pygame.Surface | None = None
        self._ground_key = None
        self._ground_center = (0.0, 0.0)

    def forget(self) -> None:
        """The layout or the zoom changed: remake the pictures."""
        self._veil_key = None
        self._ground_key = None
        self._night_key = None

    # ------------------------------------------------------------ the ground and the fog
    def night_map(self, view, high_contrast: bool) -> pygame.Surface:
        key = (id(view.base), high_contrast)
        if key != self._night_key or self._night is None:
            self._night_key = key
            self._night = night_grade(view.base, high_contrast)
            view.paint_signals(self._night)  # fences, mines, the line: full colour at night
        return self._night

    def draw_ground(self, surface, fr: Frame, obs: FogObservation, sim_id: int, trail: np.ndarray, trail_colour) -> None:
        """The map, your trail and the fog veil.

        The ground is the night's picture of the map, lightening to the day's
        as the light rises through dawn; it is kept with a margin and rebuilt
        only when the camera nears the margin's edge or the light has changed.
        The veil follows the fog's visibility field and is remade each step
        (with reduced motion, every fifth step); between remakes it moves with
        the camera.
        """
        view, r = fr.view, fr.rect
        tp = view.tile_px
        cx, cy = view.center
        key = (fr.zoom_i, r.size, fr.high_contrast, round(obs.light * LIGHT_LEVELS))
        moved = self._ground is None or max(abs(self._ground_center[0] - cx), abs(self._ground_center[1] - cy)) * tp > GROUND_MARGIN - 8
        if key != self._ground_key or moved:
            m = GROUND_MARGIN
            img = pygame.Surface((r.width + 2 * m, r.height + 2 * m))
            img.fill(fr.theme.background)
            inner = pygame.Rect(m, m, *r.size)
            level = key[-1] / LIGHT_LEVELS
            if level < 1.0:
                blit_map_region(self.night_map(view, fr.high_contrast), img, view, inner)
            if level > 0.0:
                blit_map_region(view.base, img, view, inner, int(round(255 * level)))
            self._ground, self._ground_key, self._ground_center = img, key, (cx, cy)
        gx, gy = self._ground_center
        surface.blit(self._ground, (r.x + round((gx - cx) * tp) - GROUND_MARGIN, r.y + round((gy - cy) * tp) - GROUND_MARGIN))
        self.draw_trail(surface, fr, trail, trail_colour)
        every = 5 if fr.reduced_motion else 1
        vkey = (obs.step // every, fr.zoom_i, r.size, sim_id, fr.high_contrast)
        # A new step alone may wait its turn (PlayBase.heavy_turn); a new zoom or size remakes it now.
        if self._veil is None or self.remake(vkey, self._veil_key, "veil"):
            m = VEIL_STEP_PX
            self._veil = self.make_veil(fr, obs, pygame.Rect(m, m, *r.size), (r.width + 2 * m, r.height + 2 * m))
            self._veil_key, self._veil_center = vkey, (cx, cy)
        bx, by = self._veil_center
        surface.blit(self._veil, (r.x + round((bx - cx) * tp) - VEIL_STEP_PX, r.y + round((by - cy) * tp) - VEIL_STEP_PX))

    def draw_trail(self, surface, fr: Frame, trail: np.ndarray, colour) -> None:
        """Where you have walked, up to where you are now (under the fog's veil)."""
        pts = np.vstack([trail, np.array([fr.player])]) if len(trail) else np.array([fr.player])
        cx, cy = fr.view.center
        r = fr.rect
        sx = np.rint(r.centerx + (pts[:, 0] - cx) * fr.view.tile_px).astype(int)
        sy = np.rint(r.centery + (pts[:, 1] - cy) * fr.view.tile_px).astype(int)
        if len(sx) > 1:
            pygame.draw.lines(surface, colour, False, list(zip(sx.tolist(), sy.tolist())), 2)

    def make_veil(self, fr: Frame, obs: FogObservation, inner: pygame.Rect, size: tuple[int, int]) -> pygame.Surface:
        """The fog veil for a picture of ``size`` whose map area is ``inner``.

        Opacity follows the fog's thickness at each point (from the model's
        visibility field, bilinear in log visibility: no seams), and rises
        from VEIL_NEAR within about the visibility around you to VEIL_FAR
        beyond it, so the ground still reads where you cannot see.
        """
        view = fr.view
        iw, ih = size
        cols, rows = iw // VEIL_STEP_PX + 1, ih // VEIL_STEP_PX + 1
        sx = (np.arange(cols) + 0.5) * (iw / cols)  # sample centres, in picture pixels
        sy = (np.arange(rows) + 0.5) * (ih / rows)
        cx, cy = view.center
        wx = cx + (sx - inner.centerx) / view.tile_px
        wy = cy + (sy - inner.centery) / view.tile_px
        WX, WY = np.meshgrid(wx, wy)
        grid, cell = obs.fog_grid, obs.fog_cell
        fy = np.clip(WY / cell - 0.5, 0, grid.shape[0] - 1.001)
        fx = np.clip(WX / cell - 0.5, 0, grid.shape[1] - 1.001)
        i0, j0 = fy.astype(int), fx.astype(int)
        ty, tx = fy - i0, fx - j0
        lg = np.log(grid)
        i1, j1 = np.minimum(i0 + 1, grid.shape[0] - 1), np.minimum(j0 + 1, grid.shape[1] - 1)
        top = lg[i0, j0] * (1 - tx) + lg[i0, j1] * tx
        bottom = lg[i1, j0] * (1 - tx) + lg[i1, j1] * tx
        log_vis = top * (1 - ty) + bottom * ty
        vis = np.exp(log_vis)
        # thickness: 0 in clear air, 1 in dense fog (log scale between the two)
        clear, dense = obs.clear_m, obs.dense_m
        thick = np.clip((np.log(clear) - log_vis) / np.log(clear / dense), 0.0, 1.0)
        px, py = fr.player
        d = np.hypot(WX - px, WY - py) * obs.metres_per_tile
        far = VEIL_FAR * (0.8 if fr.high_contrast else 1.0)
        # slow wisps drift through the far veil (still with reduced motion): game.world.render
        phase = 0.0 if fr.reduced_motion else obs.step * VEIL_DRIFT
        alpha = veil_opacity(d, vis, thick, VEIL_NEAR, far, VEIL_EDGE, veil_wisps(WX, WY, phase)) * 255
        colour = tuple(int(a + (b - a) * obs.light) for a, b in zip(FOG_NIGHT, FOG_DAY))
        return alpha_overlay(alpha, colour, size)

    # ------------------------------------------------------------ what is on the ground
    def draw_guards(self, surface, fr: Frame, obs: FogObservation) -> None:
        ring = OKABE_ITO["yellow"] if fr.high_contrast else OKABE_ITO["vermillion"]
        t = fr.frac
        for g in obs.guards:
            x, y = g.x0 + (g.x1 - g.x0) * t, g.y0 + (g.y1 - g.y0) * t
            sx, sy = fr.view.world_to_screen(fr.rect, x, y)
            pygame.draw.circle(surface, (0, 0, 0), (sx, sy), 10)
            pygame.draw.circle(surface, (70, 76, 60), (sx, sy), 8)
            pygame.draw.circle(surface, ring, (sx, sy), 10, 3)

    def draw_drains(self, surface, fr: Frame, obs: FogObservation) -> None:
        """The drains under the fences: the soldier knows where the water runs under the wire."""
        colour = OKABE_ITO["yellow"] if fr.high_contrast else OKABE_ITO["sky_blue"]
        r = max(6, round(fr.view.tile_px * 0.45))
        for x, y in obs.drains:
            p = fr.view.world_to_screen(fr.rect, x, y)
            if fr.rect.inflate(2 * r, 2 * r).collidepoint(p):
                draw_drain(surface, p, r, colour)

    def draw_way(self, surface, fr: Frame, obs: FogObservation) -> None:
        """The way across the North's fences chosen at the post: a line of dots from you to
        where it crosses (the soldier knows his ground; the fog does not hide it from him)."""
        if not obs.way:
            return
        colour = OKABE_ITO["yellow"] if fr.high_contrast else (235, 235, 225)
        r = max(2, round(fr.view.tile_px * 0.12))
        clip = surface.get_clip()
        surface.set_clip(fr.rect)
        for x, y in obs.way:
            p = fr.view.world_to_screen(fr.rect, x, y)
            if fr.rect.collidepoint(p):
                pygame.draw.circle(surface, (20, 20, 20), p, r + 1)
                pygame.draw.circle(surface, colour, p, r)
        surface.set_clip(clip)

    def draw_heard(self, surface, fr: Frame, obs: FogObservation) -> None:
        """Patrols you hear and cannot see: a sound mark where the sound comes from, in a
        wide faint ring (you hear where, roughly, not who)."""
        if not obs.heard:
            return
        colour = OKABE_ITO["yellow"] if fr.high_contrast else OKABE_ITO["orange"]
        spread = max(14, round(fr.view.tile_px * 1.6))  # about 40 m round the sound
        for x, y in obs.heard:
            p = fr.view.world_to_screen(fr.rect, x, y)
            if not fr.rect.inflate(2 * spread, 2 * spread).collidepoint(p):
                continue
            ring = pygame.Surface((2 * spread + 4, 2 * spread + 4), pygame.SRCALPHA)
            pygame.draw.circle(ring, (*colour, 60), (spread + 2, spread + 2), spread)
            pygame.draw.circle(ring, (*colour, 170), (spread + 2, spread + 2), spread, 2)
            surface.blit(ring, (p[0] - spread - 2, p[1] - spread - 2))
            draw_sound(surface, p, 12, colour)

    def cached_label(self, key: tuple, text: str, colour, high_contrast: bool) -> pygame.Surface:
        label = self._overlay_cache.get(key)
        if label is None:
            if len(self._overlay_cache) > 40:
                self._overlay_cache.clear()
            label = self._overlay_cache[key] = label_plate(text, colour, high_contrast)
        return label

    def draw_line(self, surface, fr: Frame, obs: FogObservation, avoid_x: tuple[int, ...]) -> None:
        """The line (the MDL), dashed in the markers' yellow over the fog: the soldier knows where it runs."""
        r, view = fr.rect, fr.view
        _x, y = view.world_to_screen(r, 0, obs.mdl_y)
        if not (r.top - 4 <= y <= r.bottom + 4):
            return
        colour = OKABE_ITO["yellow"]
        x0, _y = view.world_to_screen(r, 0, 0)
        dash = 14
        start = r.x + ((x0 - r.x) % (2 * dash)) - 2 * dash
        for x in range(start, r.right, 2 * dash):
            pygame.draw.line(surface, (0, 0, 0), (x, y + 1), (x + dash, y + 1), 4)
            pygame.draw.line(surface, colour, (x, y), (x + dash, y), 2)
        label = self.cached_label(("line", fonts.get_scale(), fr.language), _("The line"), colour, fr.high_contrast)
        w, h = label.get_size()
        xs = (r.x + 8, *avoid_x, r.centerx - w // 2, r.right - w - 8)
        spots = tuple((x, y - h - 4) for x in xs) + tuple((x, y + 6) for x in xs)
        box = fr.board.put(labels.Label("line", (r.x, y), (w, h), spots=spots))
        if box is not None:
            surface.blit(label, box)

    def draw_goal(self, surface, fr: Frame, obs: FogObservation, goal_box: tuple[float, float, float, float]) -> None:
        """Where the South's post is and how far: a label on it when it is on the map, else an arrow at the map's edge."""
        gx0, gy0, gx1, gy1 = goal_box
        gx, gy = (gx0 + gx1) / 2, (gy0 + gy1) / 2
        r, view = fr.rect, fr.view
        sx, sy = view.world_to_screen(r, gx, gy)
        px, py = view.world_to_screen(r, *fr.player)
        hc = fr.high_contrast
        colour = OKABE_ITO["yellow"] if hc else OKABE_ITO["sky_blue"]
        km = obs.goal_m / 1000.0
        text = _("The South's post, {km:.1f} km").format(km=km) if km >= 0.1 else _("The South's post")
        label = self.cached_label(("goal", text, fonts.get_scale(), hc, fr.language), text, colour, hc)
        # keep clear of the compass, the direction pad and the key hint
        free = pygame.Rect(r.x, r.y, r.width, fr.free_bottom - r.y)
        inset = free.inflate(-2 * 36, -2 * 36)
        if inset.collidepoint(sx, sy):
            a = view.world_to_screen(r, gx0, gy0)
            b = view.world_to_screen(r, gx1, gy1)
            box = pygame.Rect(a, (b[0] - a[0], b[1] - a[1])).inflate(12, 12)
            pygame.draw.rect(surface, (0, 0, 0), box, 5, border_radius=8)
            pygame.draw.rect(surface, colour, box, 3, border_radius=8)
            lw, lh = label.get_size()
            lx = min(max(r.x + 4, box.centerx - lw // 2), r.right - lw - 4)
            spots = ((lx, box.bottom + 6), (lx, box.top - 6 - lh), (box.right + 6, box.centery - lh // 2), (box.x - 6 - lw, box.centery - lh // 2))
            placed = fr.board.put(labels.Label("goal", box.center, (lw, lh), spots=spots))
            if placed is not None:
                surface.blit(label, placed)
            return
        # off the map: an arrow on the edge, on the way from you to the post
        vx, vy = sx - px, sy - py
        n = math.hypot(vx, vy) or 1.0
        ux, uy = vx / n, vy / n
        t = min((inset.right - px) / ux if ux > 0 else ((inset.left - px) / ux if ux < 0 else 1e9),
                (inset.bottom - py) / uy if uy > 0 else ((inset.top - py) / uy if uy < 0 else 1e9))
        ax, ay = px + ux * t, py + uy * t
        # a notched arrowhead, longer than wide: a near-equilateral triangle reads as pointing
        # along any of its three sides (seen in play: south-west looked like east)
        shape = arrowhead((ax, ay), (ux, uy))
        pygame.draw.polygon(surface, colour, shape, 0)
        pygame.draw.polygon(surface, (0, 0, 0), shape, 2)
        lw, lh = label.get_size()
        lx = min(max(r.x + 4, ax - lw // 2 - ux * (lw // 2 + 8)), r.right - lw - 4)
        ly = min(max(r.y + 4, ay - lh // 2 - uy * (lh // 2 + 18)), free.bottom - lh - 4)
        spots = ((lx, ly), (lx, ly - lh - 8), (lx, ly + lh + 8), (lx - lw // 2 - 8, ly), (lx + lw // 2 + 8, ly))
        placed = fr.board.put(labels.Label("goal", (ax, ay), (lw, lh), spots=spots))
        if placed is not None:
            surface.blit(label, placed)

    def draw_compass(self, surface, fr: Frame, rect: pygame.Rect) -> None:
        """A small compass: north is up, the South (your goal) down, in the South's blue."""
        hc = fr.high_contrast
        key = ("compass", fonts.get_scale(), hc, fr.language)
        img = self._overlay_cache.get(key)
        if img is None:
            c = rect
            img = pygame.Surface(c.size, pygame.SRCALPHA)
            r = c.width // 2
            pygame.draw.circle(img, (0, 0, 0, 210 if hc else 150), (r, r), r)
            pygame.draw.circle(img, (255, 255, 255) if hc else (170, 180, 195), (r, r), r, 2)
            south = OKABE_ITO["yellow"] if hc else OKABE_ITO["sky_blue"]
            grow = 1.0 + (fonts.get_scale() - 1.0) * 0.5
            f = fonts.font_px(round(12 * grow), True)
            k = round(12 * grow)
            pygame.draw.polygon(img, (200, 205, 215), ((r, k), (r - 7, r), (r + 7, r)))
            pygame.draw.polygon(img, south, ((r, c.height - k), (r - 7, r), (r + 7, r)))
            n = f.render(_("N"), True, (230, 230, 235))
            s = f.render(_("S"), True, south)
            img.blit(n, (r - n.get_width() // 2, -1))
            img.blit(s, (r - s.get_width() // 2, c.height - s.get_height() + 1))
            self._overlay_cache[key] = img
        surface.blit(img, rect.topleft)

    def draw_player(self, surface, fr: Frame, obs: FogObservation, ring_colour) -> None:
        sx, sy = fr.view.world_to_screen(fr.rect, *fr.player)
        fill = (245, 245, 240)
        if obs.climbing and obs.crossing_way == 0:  # on the wire, upright
            pygame.draw.rect(surface, (0, 0, 0), (sx - 8, sy - 14, 16, 24), border_radius=5)
            pygame.draw.rect(surface, fill, (sx - 6, sy - 12, 12, 20), border_radius=4)
        elif obs.low or obs.climbing:  # cutting at the foot of the wire, or in the drain: lying
            pygame.draw.ellipse(surface, (0, 0, 0), (sx - 12, sy - 7, 24, 14))
            pygame.draw.ellipse(surface, fill, (sx - 10, sy - 5, 20, 10))
        else:
            pygame.draw.circle(surface, (0, 0, 0), (sx, sy), 11)
            pygame.draw.circle(surface, fill, (sx, sy), 8)
        # a ring round you, so you are found at a glance on any ground
        pygame.draw.circle(surface, (0, 0, 0), (sx, sy), 17, 5)
        pygame.draw.circle(surface, OKABE_ITO["yellow"] if fr.high_contrast else ring_colour, (sx, sy), 16, 3)
