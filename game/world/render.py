"""Drawing a Tiled map with a scrolling, zooming camera.

The whole map is drawn once into a surface (maps here are at most a few
hundred tiles a side), then each frame blits the visible part, so scrolling
costs one blit. Zoomed copies are cached.
"""

from __future__ import annotations

import threading

import numpy as np
import pygame

from .mapdata import MapData

# The last map's picture, shared by the play screen and the debrief: the sea's
# is 3,520 x 3,552 pixels (about 50 MB), so one copy, not one per screen.
_picture: tuple[tuple, pygame.Surface] | None = None
_picture_lock = threading.Lock()


def _key(mapdata: MapData) -> tuple:
    return (str(mapdata.file), mapdata.width, mapdata.height, mapdata.tile_width, mapdata.tile_height, id(mapdata))


def map_picture(mapdata: MapData) -> pygame.Surface:
    """The whole map drawn once at one pixel per tile pixel, from the tiles the
    map data already holds (no second parse of the file). Built once per map
    and kept until another map's picture is asked for. Safe in a background
    thread (surfaces only, converted to the display's format when there is one)."""
    global _picture
    key = _key(mapdata)
    with _picture_lock:
        if _picture is not None and _picture[0] == key:
            return _picture[1]
        _picture = None  # let the previous map's picture go before drawing the next
        surface = _draw(mapdata)
        _picture = (key, surface)
        return surface


def forget_picture() -> None:
    global _picture
    with _picture_lock:
        _picture = None


def _draw(mapdata: MapData) -> pygame.Surface:
    tw, th = mapdata.tile_width, mapdata.tile_height
    display = pygame.display.get_init() and pygame.display.get_surface() is not None
    sheets: dict[str, pygame.Surface] = {}
    tiles: dict[int, pygame.Surface] = {}
    for gid, (file, rect, (fx, fy, fd)) in mapdata.tile_images.items():
        if file not in sheets:
            sheet = pygame.image.load(file)
            sheets[file] = sheet.convert_alpha() if display else sheet
        tile = sheets[file].subsurface(pygame.Rect(rect))
        if fd:  # Tiled's diagonal flip, as pytmx does it
            tile = pygame.transform.flip(pygame.transform.rotate(tile, 270), True, False)
        if fx or fy:
            tile = pygame.transform.flip(tile, fx, fy)
        tiles[gid] = tile
    base = pygame.Surface((mapdata.width * tw, mapdata.height * th))
    base = base.convert() if display else base
    base.fill((0, 0, 0))
    for name in mapdata.visible_layers or mapdata.layer_order:
        gids = mapdata.layers[name]
        ys, xs = np.nonzero(gids)
        base.blits([(tiles[g], (x * tw, y * th)) for g, x, y in zip(gids[ys, xs].tolist(), xs.tolist(), ys.tolist())
                    if g in tiles], doreturn=False)
    return base


class MapView:
    def __init__(self, mapdata: MapData):
        self.map = mapdata
        self.base = map_picture(mapdata)
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
