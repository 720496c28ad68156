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
        for layer in tmx.visible_layers:
            if hasattr(layer, "tiles"):
                for x, y, image in layer.tiles():
                    self.base.blit(image, (x * tw, y * th))
        self._zoomed: dict[float, pygame.Surface] = {}
        self.zoom = 1.0
        self.center = (mapdata.width / 2, mapdata.height / 2)  # camera centre, in tiles

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
