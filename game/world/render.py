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
_picture: tuple[tuple, tuple[pygame.Surface, list]] | None = None
_picture_lock = threading.Lock()


def _key(mapdata: MapData) -> tuple:
    return (str(mapdata.file), mapdata.width, mapdata.height, mapdata.tile_width, mapdata.tile_height, id(mapdata))


def map_picture(mapdata: MapData) -> pygame.Surface:
    """The whole map drawn once at one pixel per tile pixel, from the tiles the
    map data already holds (no second parse of the file). Built once per map
    and kept until another map's picture is asked for. Safe in a background
    thread (surfaces only, converted to the display's format when there is one)."""
    return _layers(mapdata)[0]


def map_signals(mapdata: MapData) -> list[tuple[pygame.Surface, tuple[int, int]]]:
    """The tiles of the layers the map names in its "signal_layers" property
    (fences, mines, the line's marks...) with their places, so a scene can paint
    them in full colour over a night-graded ground: signals never fade with the light."""
    return _layers(mapdata)[1]


def _layers(mapdata: MapData) -> tuple[pygame.Surface, list]:
    global _picture
    key = _key(mapdata)
    with _picture_lock:
        if _picture is not None and _picture[0] == key:
            return _picture[1]
        _picture = None  # let the previous map's picture go before drawing the next
        drawn = _draw(mapdata)
        _picture = (key, drawn)
        return drawn


def forget_picture() -> None:
    global _picture
    with _picture_lock:
        _picture = None


# The loading card's thread draws these pictures while the window's thread keeps
# drawing frames. A pygame call keeps Python's interpreter lock for its whole
# length, so big pictures are made in pieces of about a millisecond (bands of
# rows, runs of tiles): between pieces the window's thread gets its turn.
BAND_ROWS = 128  # rows of pixels a piece
BLITS_RUN = 1500  # tiles a piece


def bands(height: int, rows: int = BAND_ROWS):
    """(top, rows) of the horizontal bands that cover ``height`` rows."""
    for top in range(0, height, rows):
        yield top, min(rows, height - top)


def _blits(dest: pygame.Surface, placed: list) -> None:
    for i in range(0, len(placed), BLITS_RUN):
        dest.blits(placed[i:i + BLITS_RUN], doreturn=False)


def _draw(mapdata: MapData) -> tuple[pygame.Surface, list]:
    tw, th = mapdata.tile_width, mapdata.tile_height
    screen = pygame.display.get_surface() if pygame.display.get_init() else None
    sheets: dict[str, pygame.Surface] = {}
    tiles: dict[int, pygame.Surface] = {}
    for gid, (file, rect, (fx, fy, fd)) in mapdata.tile_images.items():
        if file not in sheets:
            sheet = pygame.image.load(file)
            sheets[file] = sheet.convert_alpha() if screen is not None else sheet
        tile = sheets[file].subsurface(pygame.Rect(rect))
        if fd:  # Tiled's diagonal flip, as pytmx does it
            tile = pygame.transform.flip(pygame.transform.rotate(tile, 270), True, False)
        if fx or fy:
            tile = pygame.transform.flip(tile, fx, fy)
        tiles[gid] = tile
    size = (mapdata.width * tw, mapdata.height * th)
    # Made in the display's format at once (a convert() would copy it whole), and black.
    base = pygame.Surface(size, 0, screen) if screen is not None else pygame.Surface(size)
    wanted = {n.strip() for n in str(mapdata.properties.get("signal_layers", "")).split(",") if n.strip()}
    signals: list[tuple[pygame.Surface, tuple[int, int]]] = []
    for name in mapdata.visible_layers or mapdata.layer_order:
        gids = mapdata.layers[name]
        ys, xs = np.nonzero(gids)
        placed = [(tiles[g], (x * tw, y * th)) for g, x, y in zip(gids[ys, xs].tolist(), xs.tolist(), ys.tolist())
                  if g in tiles]
        _blits(base, placed)
        if name in wanted:
            signals.extend(placed)
    return base, signals


# Pictures scaled by the loading card's thread (scale_ahead), each taken once by
# the first MapView that asks for it: a smoothscale of a whole map is a frame's work.
_ahead: dict[tuple[int, float], tuple[pygame.Surface, pygame.Surface]] = {}


def _scaled(base: pygame.Surface, zoom: float) -> pygame.Surface:
    w, h = base.get_size()
    size = (max(1, round(w * zoom)), max(1, round(h * zoom)))
    # Whole-number zooms keep tiles crisp; others are smoothed (smoothscale lets
    # other threads run meanwhile; scale does not, so it goes band by band: the same pixels).
    if zoom != int(zoom):
        return pygame.transform.smoothscale(base, size)
    k = int(zoom)
    out = pygame.Surface(size, 0, base)
    for top, rows in bands(h, max(1, BAND_ROWS // (k * k))):
        out.blit(pygame.transform.scale(base.subsurface((0, top, w, rows)), (w * k, rows * k)), (0, top * k))
    return out


def scale_ahead(base: pygame.Surface, zoom: float) -> None:
    """Scale ``base`` to ``zoom`` now (off the window's thread) for a MapView to take."""
    zoom = round(zoom, 3)
    if zoom != 1.0:
        _ahead.clear()
        _ahead[(id(base), zoom)] = (base, _scaled(base, zoom))


class MapView:
    def __init__(self, mapdata: MapData):
        self.map = mapdata
        self.base = map_picture(mapdata)
        self.signal_tiles = map_signals(mapdata)
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
            ahead = _ahead.pop((id(self.base), zoom), None)
            self._zoomed[zoom] = ahead[1] if ahead is not None and ahead[0] is self.base else _scaled(self.base, zoom)
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
