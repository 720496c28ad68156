"""Tiled maps as numpy arrays and typed objects, with no pygame.

The risk models read terrain, cover and mines from here; the renderer in
``game.world.render`` draws the same file. Tile meanings live in the tileset's
tile properties (e.g. ``terrain = "forest"``, ``cover = 0.6``), so the map file,
not the code, says what a tile is.
"""

from __future__ import annotations

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
    """Read a .tmx file with pytmx (no images loaded, no pygame)."""
    pytmx = _pytmx()

    path = Path(path)
    if not path.is_file():
        raise MapError(f"{path}: map file not found")
    try:
        tmx = pytmx.TiledMap(str(path))
    except ET.ParseError as exc:
        raise MapError(f"{path}: not a readable Tiled map (XML error: {exc})") from None
    except Exception as exc:  # pytmx raises many kinds on a broken map
        raise MapError(f"{path}: not a usable Tiled map: {type(exc).__name__}: {exc}") from None

    if tmx.width <= 0 or tmx.height <= 0:
        raise MapError(f"{path}: the map has no size (width={tmx.width}, height={tmx.height})")
    tw, th = int(tmx.tilewidth), int(tmx.tileheight)
    layers: dict[str, np.ndarray] = {}
    order: list[str] = []
    objects: list[MapObject] = []
    for layer in tmx.layers:
        if isinstance(layer, pytmx.TiledTileLayer):
            data = np.asarray(layer.data, dtype=np.int32)
            if data.shape != (tmx.height, tmx.width):
                raise MapError(f"{path}: layer '{layer.name}' is {data.shape[1]}x{data.shape[0]}, map is {tmx.width}x{tmx.height}")
            layers[layer.name] = data
            order.append(layer.name)
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
    tile_props = {int(gid): dict(props) for gid, props in tmx.tile_properties.items()}
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
    )
