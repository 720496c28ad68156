"""Drawing a Tiled map with a scrolling, zooming camera.

The whole map is drawn once into a surface (maps here are at most a few
hundred tiles a side), then each frame blits the visible part, so scrolling
costs one blit. Zoomed copies are cached.
"""

from __future__ import annotations

import pygame

from .mapdata import MapData


class MapView:
    def __init__(self, mapdata: MapData):
        import pytmx.util_pygame

        self.map = mapdata
        tmx = pytmx.util_pygame.load_pygame(str(mapdata.file))
        tw, th = mapdata.tile_width, mapdata.tile_height
        self.base = pygame.Surface((mapdata.width * tw, mapdata.height * th)).convert()
        self.base.fill((0, 0, 0))
        # Tiles of the layers the map names in its "signal_layers" property
        # (fences, mines, the line's marks...) are remembered, so a scene can
        # paint them in full colour over a night-graded ground (paint_signals):
        # signals never fade with the light. pytmx shares one picture per tile.
        wanted = {n.strip() for n in str(mapdata.properties.get("signal_layers", "")).split(",") if n.strip()}
        self.signal_tiles: list[tuple[pygame.Surface, tuple[int, int]]] = []
        for layer in tmx.visible_layers:
            if hasattr(layer, "tiles"):
                signal = layer.name in wanted
                for x, y, image in layer.tiles():
                    self.base.blit(image, (x * tw, y * th))
                    if signal:
                        self.signal_tiles.append((image, (x * tw, y * th)))
        self._zoomed: dict[float, pygame.Surface] = {}
        self.zoom = 1.0
        self.center = (mapdata.width / 2, mapdata.height / 2)  # camera centre, in tiles

    def paint_signals(self, dest: pygame.Surface) -> None:
        """Draw the signal layers' tiles onto ``dest``, a picture the size of ``base``."""
        if self.signal_tiles:
            dest.blits(self.signal_tiles, doreturn=False)

    @property
    def tile_px(self) -> float:
        return self.map.tile_width * self.zoom

    def surface_at(self, zoom: float) -> pygame.Surface:
        zoom = round(zoom, 3)
        if zoom == 1.0:
            return self.base
        if zoom not in self._zoomed:
            if len(self._zoomed) > 3:
                self._zoomed.clear()
            w, h = self.base.get_size()
            size = (max(1, round(w * zoom)), max(1, round(h * zoom)))
            # Whole-number zooms keep tiles crisp; others are smoothed.
            scale = pygame.transform.scale if zoom == int(zoom) else pygame.transform.smoothscale
            self._zoomed[zoom] = scale(self.base, size)
        return self._zoomed[zoom]

    def fit_zoom(self, rect: pygame.Rect) -> float:
        """The zoom at which the whole map fits in ``rect``."""
        return min(rect.width / self.base.get_width(), rect.height / self.base.get_height())

    def clamp_center(self, rect: pygame.Rect) -> None:
        half_w = rect.width / self.tile_px / 2
        half_h = rect.height / self.tile_px / 2
        cx, cy = self.center
        w, h = self.map.width, self.map.height
        cx = w / 2 if half_w * 2 >= w else min(max(cx, half_w), w - half_w)
        cy = h / 2 if half_h * 2 >= h else min(max(cy, half_h), h - half_h)
        self.center = (cx, cy)

    def world_to_screen(self, rect: pygame.Rect, x: float, y: float) -> tuple[int, int]:
        cx, cy = self.center
        return (round(rect.centerx + (x - cx) * self.tile_px), round(rect.centery + (y - cy) * self.tile_px))

    def screen_to_world(self, rect: pygame.Rect, sx: float, sy: float) -> tuple[float, float]:
        cx, cy = self.center
        return (cx + (sx - rect.centerx) / self.tile_px, cy + (sy - rect.centery) / self.tile_px)

    def draw(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        self.clamp_center(rect)
        img = self.surface_at(self.zoom)
        ox, oy = self.world_to_screen(rect, 0, 0)
        clip = surface.get_clip()
        surface.set_clip(rect)
        surface.blit(img, (ox, oy))
        surface.set_clip(clip)


# ---------------------------------------------------------------- the fog's veil
#
# The veil over a foggy map is a picture of the model's visibility: clear round
# the player within about the distance they can see (v), half way at v, nearly
# full at 2 v, and never fully opaque (the ground still reads). Slow wisps
# drift through the far part only, so what the player can see stays clear.

VEIL_DRIFT = 0.05  # the wisps' phase moves this much each simulation step
WISP_AMOUNT = 0.18  # the wisps lighten and darken the far veil by up to this share


def veil_opacity(d_m, vis_m, thick, near: float, far: float, edge: float = 4.0, wisps=1.0):
    """Opacity 0..1 of the veil at ``d_m`` metres from the player where the
    model's visibility is ``vis_m`` and the fog's thickness ``thick`` (0..1)."""
    import numpy as np

    beyond = 1.0 - np.exp2(-np.power(np.asarray(d_m, float) / vis_m, edge))
    return np.clip(thick * (near + (far - near) * beyond * wisps), 0.0, 1.0)


def veil_wisps(wx, wy, phase: float):
    """A smooth field about 1 (1 +- WISP_AMOUNT) over the map (in tiles) that drifts with ``phase``."""
    import numpy as np

    f = np.sin(wx / 7.0 + phase * 3.0) * np.sin(wy / 5.0 - phase * 2.0) + 0.5 * np.sin((wx + wy) / 11.0 + phase * 1.3)
    return 1.0 + WISP_AMOUNT * f / 1.5
