"""Tiled maps as numpy arrays and typed objects, with no pygame.

The risk models read terrain, cover and mines from here; the renderer in
``game.world.render`` draws the same file. Tile meanings live in the tileset's
tile properties (e.g. ``terrain = "forest"``, ``cover = 0.6``), so the map file,
not the code, says what a tile is.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np


class MapError(ValueError):
    """A map that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class MapObject:
    kind: str  # Tiled's class/type: "guard_post", "goal", "city", ...
    name: str
    x: float  # in tiles
    y: float
    width: float = 0.0
    height: float = 0.0
    properties: dict[str, Any] = field(default_factory=dict)
    points: tuple[tuple[float, float], ...] = ()  # polylines/polygons, in tiles

    @property
    def center(self) -> tuple[float, float]:
        return (self.x + self.width / 2, self.y + self.height / 2)


@dataclass
class MapData:
    file: Path
    width: int
    height: int
    tile_width: int
    tile_height: int
    layers: dict[str, np.ndarray]
    tile_properties: dict[int, dict[str, Any]]
    objects: list[MapObject]
    properties: dict[str, Any]
    layer_order: list[str] = field(default_factory=list)
    # For the renderer, so that drawing needs no second parse of the file:
    # gid -> (picture file, (x, y, w, h) in it, (flip x, flip y, flip diagonal)).
    tile_images: dict[int, tuple[str, tuple[int, int, int, int], tuple[bool, bool, bool]]] = field(default_factory=dict)
    visible_layers: list[str] = field(default_factory=list)

    def prop(self, name: str, default: float = 0.0, layers: list[str] | None = None) -> np.ndarray:
        """A float array (height, width) of a tile property.

        Where several layers have a tile with the property, the upper one wins.
        """
        out = np.full((self.height, self.width), float(default))
        lut, has_lut = self._lookup(name, default), self._has_lookup(name)  # once, not per layer
        for layer in layers or self.layer_order:
            gids = np.clip(self.layers[layer], 0, len(lut) - 1)
            out = np.where(has_lut[gids], lut[gids], out)
        return out

    def labels(self, name: str, layers: list[str] | None = None) -> tuple[np.ndarray, list[str]]:
        """A text tile property as an int array and its list of names (0 = none)."""
        names = [""] + sorted({str(p[name]) for p in self.tile_properties.values() if name in p})
        index = {n: i for i, n in enumerate(names)}
        lut = np.zeros(self._max_gid() + 1, dtype=np.int16)
        for gid, props in self.tile_properties.items():
            if name in props:
                lut[gid] = index[str(props[name])]
        out = np.zeros((self.height, self.width), dtype=np.int16)
        for layer in layers or self.layer_order:
            codes = lut[np.clip(self.layers[layer], 0, len(lut) - 1)]
            out = np.where(codes > 0, codes, out)
        return out, names

    def require(self, properties: tuple[str, ...] = (), objects: tuple[str, ...] = (), who: str = "the model") -> None:
        """MapError naming every map property (a finite number) or named object that is missing."""
        problems = []
        for name in properties:
            if name not in self.properties:
                problems.append(f"the map property '{name}' is missing")
                continue
            try:
                ok = math.isfinite(float(self.properties[name]))
            except (TypeError, ValueError, OverflowError):
                ok = False
            if not ok:
                problems.append(f"the map property '{name}' is {self.properties[name]!r}, not a number")
        names = {o.name for o in self.objects}
        problems += [f"no object named '{name}'" for name in objects if name not in names]
        if problems:
            raise MapError(f"{self.file}: not usable by {who}: " + "; ".join(problems))

    def objects_of(self, kind: str) -> list[MapObject]:
        return [o for o in self.objects if o.kind == kind]

    def object_named(self, name: str) -> MapObject:
        for o in self.objects:
            if o.name == name:
                return o
        raise MapError(f"{self.file}: no object named '{name}'")

    def _max_gid(self) -> int:
        top = max(self.tile_properties, default=0)
        for gids in self.layers.values():
            if gids.size:
                top = max(top, int(gids.max()))
        return top

    def _lookup(self, name: str, default: float) -> np.ndarray:
        lut = np.full(self._max_gid() + 1, float(default))
        for gid, props in self.tile_properties.items():
            if name in props:
                try:
                    lut[gid] = float(props[name])
                except (TypeError, ValueError):
                    raise MapError(f"{self.file}: tile {gid} property '{name}' is not a number: {props[name]!r}") from None
        return lut

    def _has_lookup(self, name: str) -> np.ndarray:
        has = np.zeros(self._max_gid() + 1, dtype=bool)
        for gid, props in self.tile_properties.items():
            if name in props:
                has[gid] = True
        return has


# PNG colour types -> samples per pixel (greyscale, RGB, palette, grey+alpha, RGBA).
_PNG_SAMPLES = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
IMAGE_LIMIT = 64 * 1024 * 1024  # far above any tileset picture


def check_png(path: Path) -> tuple[int, int]:
    """(width, height) of a PNG that is whole: every chunk's checksum right and
    the pixels complete. MapError naming the file otherwise. No pygame, so the
    simulator finds a broken tileset too, not only the screen that draws it."""
    import struct
    import zlib

    from ..safeio import UnreadableFile, read_bytes

    try:
        data = read_bytes(path, IMAGE_LIMIT)
    except FileNotFoundError:
        raise MapError(f"{path}: the tileset picture is missing") from None
    except UnreadableFile as exc:
        raise MapError(f"{path}: the tileset picture cannot be used: {exc}") from None
    if not data.startswith(_PNG_SIGNATURE):
        raise MapError(f"{path}: the tileset picture is not a PNG image")
    pos, header, idat, ended = len(_PNG_SIGNATURE), None, [], False
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc = data[pos + 8 + length:pos + 12 + length]
        if len(body) < length or len(crc) < 4:
            break
        if zlib.crc32(kind + body) != struct.unpack(">I", crc)[0]:
            raise MapError(f"{path}: the tileset picture is damaged (chunk {kind.decode('latin-1')!r} fails its checksum)")
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            ended = True
            break
        pos += 12 + length
    if header is None or len(header) != 13 or not idat or not ended:
        raise MapError(f"{path}: the tileset picture is damaged or cut short")
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    if width == 0 or height == 0 or colour not in _PNG_SAMPLES:
        raise MapError(f"{path}: the tileset picture has no usable size or colour type")
    try:
        pixels = zlib.decompressobj().decompress(b"".join(idat), IMAGE_LIMIT)
    except zlib.error as exc:
        raise MapError(f"{path}: the tileset picture is damaged ({exc})") from None
    if not interlace:  # an interlaced image's size needs its seven passes: skip that check
        row = 1 + (width * _PNG_SAMPLES[colour] * depth + 7) // 8
        if len(pixels) < row * height:
            raise MapError(f"{path}: the tileset picture is damaged (its pixels are cut short)")
    return width, height


def _check_file(path: Path, what: str, where: str = "") -> None:
    from ..safeio import UnreadableFile, check_regular

    try:
        check_regular(path)
    except FileNotFoundError:
        raise MapError(f"{where}{path}: {what} not found") from None
    except UnreadableFile as exc:
        raise MapError(f"{where}{path}: the {what} cannot be used: {exc}") from None


def _check_header(path: Path) -> None:
    """What pytmx reads without complaint but cannot be used: an infinite map, tiles of no size."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise MapError(f"{path}: not a readable Tiled map (XML error: {exc})") from None
    except OSError as exc:
        raise MapError(f"{path}: cannot read the map: {exc.strerror or exc}") from None
    if root.tag != "map":
        raise MapError(f"{path}: not a Tiled map (its root element is <{root.tag}>, not <map>)")
    if root.get("infinite", "0") not in ("0", "") or root.find("./layer/data/chunk") is not None:
        raise MapError(f"{path}: an infinite (chunked) Tiled map cannot be used; in Tiled, turn off "
                       "Map > Map Properties > Infinite and save it again")
    if root.get("orientation", "orthogonal") != "orthogonal":
        raise MapError(f"{path}: the map is {root.get('orientation')}; only orthogonal maps can be used")
    for key in ("width", "height", "tilewidth", "tileheight"):
        value = root.get(key, "")
        if not value.isdigit() or int(value) <= 0:
            raise MapError(f"{path}: the map's {key} is '{value}'; it must be a whole number above 0")
    for tileset in root.iter("tileset"):
        source = tileset.get("source")
        if source:  # an outside .tsx, which pytmx opens itself
            _check_file(path.parent / source, "tileset", where=f"{path}: its tileset ")


def _check_tiles(path: Path, tmx, layers: dict[str, np.ndarray]) -> None:
    """Every tile a layer uses is in a tileset whose picture is whole and holds it."""
    images = tmx.images
    sizes: dict[str, tuple[int, int]] = {}
    for name, gids in layers.items():
        used = np.unique(gids)
        for gid in used[used != 0]:
            image = images[gid] if 0 < gid < len(images) else None
            if image is None:
                y, x = np.argwhere(gids == gid)[0]
                raw = tmx.tiledgidmap.get(int(gid), gid)
                raise MapError(f"{path}: layer '{name}' uses tile {raw} at column {x}, row {y}, "
                               "which is in no tileset")
            file, rect = image[0], image[1]
            if file not in sizes:
                sizes[file] = check_png(Path(file))
            w, h = sizes[file]
            if rect[0] + rect[2] > w or rect[1] + rect[3] > h:
                raise MapError(f"{path}: tile {tmx.tiledgidmap.get(int(gid), gid)} lies outside its picture "
                               f"{file} ({w}x{h} pixels)")


def _pytmx():
    """pytmx without pygame: its package imports its pygame helpers when it
    can, which would load pygame into `simulate` and the models. Unless the
    game has pygame loaded already, pygame is hidden for that one import (the
    map is read with pytmx's plain TiledMap, which needs no images)."""
    import logging
    import sys

    if "pytmx" in sys.modules or "pygame" in sys.modules:
        import pytmx

        return pytmx
    helpers = logging.getLogger("pytmx.util_pygame")  # it logs an error when pygame is missing
    was_disabled, helpers.disabled = helpers.disabled, True
    sys.modules["pygame"] = None  # type: ignore[assignment]  # `import pygame` fails: pytmx skips its helpers
    try:
        import pytmx
    finally:
        del sys.modules["pygame"]
        helpers.disabled = was_disabled
    return pytmx


def load_map(path: str | Path) -> MapData:
    """Read a .tmx file with pytmx (no images loaded, no pygame), checked whole.

    Everything the game would meet later (a missing or damaged tileset
    picture, a tile in no tileset, tiles of no size, an infinite map) is found
    here, so the game and the simulator give the same clear message at once."""
    pytmx = _pytmx()

    path = Path(path)
    _check_file(path, "map file")
    _check_header(path)
    try:
        tmx = pytmx.TiledMap(str(path))
    except ET.ParseError as exc:
        raise MapError(f"{path}: not a readable Tiled map (XML error: {exc})") from None
    except Exception as exc:  # pytmx raises many kinds on a broken map
        reason = f"{type(exc).__name__}: {exc}" if str(exc) else f"{type(exc).__name__} (pytmx gave no reason)"
        raise MapError(f"{path}: not a usable Tiled map: {reason}") from None

    if tmx.width <= 0 or tmx.height <= 0:
        raise MapError(f"{path}: the map has no size (width={tmx.width}, height={tmx.height})")
    tw, th = int(tmx.tilewidth), int(tmx.tileheight)
    layers: dict[str, np.ndarray] = {}
    order: list[str] = []
    visible: list[str] = []
    objects: list[MapObject] = []
    for layer in tmx.layers:
        if isinstance(layer, pytmx.TiledTileLayer):
            data = np.asarray(layer.data, dtype=np.int32)
            if data.shape != (tmx.height, tmx.width):
                raise MapError(f"{path}: layer '{layer.name}' is {data.shape[1]}x{data.shape[0]}, map is {tmx.width}x{tmx.height}")
            layers[layer.name] = data
            order.append(layer.name)
            if getattr(layer, "visible", True):
                visible.append(layer.name)
        elif isinstance(layer, pytmx.TiledObjectGroup):
            for obj in layer:
                kind = getattr(obj, "type", None) or getattr(obj, "class", None) or layer.name
                pts = tuple((float(px) / tw, float(py) / th) for px, py in getattr(obj, "points", ()) or ())
                objects.append(
                    MapObject(
                        kind=str(kind),
                        name=str(obj.name or ""),
                        x=float(obj.x) / tw,
                        y=float(obj.y) / th,
                        width=float(obj.width or 0) / tw,
                        height=float(obj.height or 0) / th,
                        properties=dict(obj.properties),
                        points=pts,
                    )
                )
    if not layers:
        raise MapError(f"{path}: the map has no tile layer")
    _check_tiles(path, tmx, layers)
    tile_props = {int(gid): dict(props) for gid, props in tmx.tile_properties.items()}
    pictures = {}
    for gid in np.unique(np.concatenate([a.ravel() for a in layers.values()])):
        if gid > 0:  # every used gid has an image: _check_tiles said so
            file, rect, flags = tmx.images[gid][:3]
            pictures[int(gid)] = (str(file), tuple(int(v) for v in rect),
                                  (bool(flags.flipped_horizontally), bool(flags.flipped_vertically),
                                   bool(flags.flipped_diagonally)))
    return MapData(
        file=path,
        width=int(tmx.width),
        height=int(tmx.height),
        tile_width=tw,
        tile_height=th,
        layers=layers,
        tile_properties=tile_props,
        objects=objects,
        properties=dict(tmx.properties),
        layer_order=order,
        tile_images=pictures,
        visible_layers=visible,
    )
