"""A read map kept on disk, so that pytmx reads each map file once per machine.

Reading a Tiled file with pytmx and checking it whole (every tileset picture
opened) takes a tenth of a second or more of the interpreter's time: the
start of every `simulate` command and the loading card's thread, where it
competes with the window's frames. The result (``MapData``: the tile layers as
arrays, the rest plain values) is stored in the user's cache folder beside the
derived fields (``game.sim.fieldcache``), under the SHA-256 of the map file's
bytes and its place; the tilesets and pictures it read are listed with their
sizes and times, and a change to any of them reads the map again. Only a map
whose values come back from the file equal is stored; a missing, damaged or
stale file is simply read again. No pygame, no pickle.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import numpy as np

from ..safeio import write_atomic
from .mapdata import IMAGE_LIMIT, MapData, MapObject, load_map

log = logging.getLogger(__name__)

VERSION = 1  # bump when load_map's result changes shape or meaning: old files are then ignored
writes = 0  # maps stored (tests count them)


def folder() -> Path | None:
    from ..sim.fieldcache import cache_dir

    fields = cache_dir()
    return None if fields is None else fields.parent / "maps"


def load(path: str | Path) -> MapData:
    """``load_map(path)``, from the cache when the map and its files are unchanged."""
    path = Path(path)
    where = folder()
    if where is None:
        return load_map(path)
    try:
        from ..safeio import read_bytes

        data = read_bytes(path, IMAGE_LIMIT)
    except (OSError, ValueError):
        return load_map(path)  # which names the problem
    key = hashlib.sha256(f"crossings-map:v{VERSION}:{path.resolve()}\0".encode() + data).hexdigest()
    file = where / f"map-{key[:40]}.npz"
    got = _read(file, path)
    if got is None:
        got = load_map(path)
        _write(file, got)
    return got


# ---------------------------------------------------------------- to and from plain values


def _meta(m: MapData) -> dict[str, Any]:
    return {
        "width": m.width, "height": m.height, "tile_width": m.tile_width, "tile_height": m.tile_height,
        "layers": list(m.layers), "layer_order": list(m.layer_order), "visible_layers": list(m.visible_layers),
        "tile_properties": [[gid, props] for gid, props in m.tile_properties.items()],
        "objects": [[o.kind, o.name, o.x, o.y, o.width, o.height, o.properties, [list(p) for p in o.points]]
                    for o in m.objects],
        "properties": m.properties,
        "tile_images": [[gid, file, list(rect), list(flags)] for gid, (file, rect, flags) in m.tile_images.items()],
    }


def _mapdata(path: Path, meta: dict[str, Any], layers: dict[str, np.ndarray]) -> MapData:
    return MapData(
        file=path, width=int(meta["width"]), height=int(meta["height"]),
        tile_width=int(meta["tile_width"]), tile_height=int(meta["tile_height"]),
        layers=layers,
        tile_properties={int(gid): dict(props) for gid, props in meta["tile_properties"]},
        objects=[MapObject(kind=k, name=n, x=x, y=y, width=w, height=h, properties=dict(p),
                           points=tuple(tuple(pt) for pt in pts))
                 for k, n, x, y, w, h, p, pts in meta["objects"]],
        properties=dict(meta["properties"]),
        layer_order=list(meta["layer_order"]), visible_layers=list(meta["visible_layers"]),
        tile_images={int(gid): (str(f), tuple(rect), tuple(bool(v) for v in flags))
                     for gid, f, rect, flags in meta["tile_images"]},
    )


def _same(a: MapData, b: MapData) -> bool:
    return (a.file == b.file and (a.width, a.height, a.tile_width, a.tile_height) == (b.width, b.height, b.tile_width, b.tile_height)
            and list(a.layers) == list(b.layers) and all(np.array_equal(a.layers[k], b.layers[k]) for k in a.layers)
            and a.tile_properties == b.tile_properties and a.objects == b.objects and a.properties == b.properties
            and a.layer_order == b.layer_order and a.visible_layers == b.visible_layers and a.tile_images == b.tile_images)


def _stamp(file: str | Path) -> list:
    st = os.stat(file)
    return [str(file), st.st_size, st.st_mtime_ns]


def _depends(path: Path, m: MapData) -> list[list]:
    """The files load_map read besides the map: its outside tilesets and their pictures."""
    files = {str(f) for f, _rect, _flags in m.tile_images.values()}
    for tileset in ET.parse(path).getroot().iter("tileset"):
        if tileset.get("source"):
            files.add(str(path.parent / tileset.get("source")))
    return [_stamp(f) for f in sorted(files)]


def _read(file: Path, path: Path) -> MapData | None:
    try:
        with np.load(file, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            if any(_stamp(f) != [f, size, mtime] for f, size, mtime in meta["depends"]):
                return None  # a tileset or picture changed: read the map again
            layers = {name: np.array(data[f"l{i}"]) for i, name in enumerate(meta["layers"])}
        return _mapdata(path, meta, layers)
    except FileNotFoundError:
        return None
    except Exception as exc:  # damaged, cut short, another format, a file gone: read the map again
        log.info("map cache %s unusable (%s); reading the map again", file, exc)
        return None


def _write(file: Path, m: MapData) -> None:
    """Atomically, only what comes back equal, and never fatal: a cache is optional."""
    global writes
    try:
        meta = _meta(m)
        meta["depends"] = _depends(m.file, m)
        text = json.dumps(meta, ensure_ascii=False, allow_nan=True)
        if not _same(_mapdata(m.file, json.loads(text), m.layers), m):
            log.info("map %s has values a cache file would not give back; not stored", m.file)
            return
        file.parent.mkdir(parents=True, exist_ok=True)
        buf = io.BytesIO()
        np.savez(buf, meta=np.array(text), **{f"l{i}": a for i, a in enumerate(m.layers.values())})
        write_atomic(file, buf.getvalue())
        writes += 1
    except (OSError, ValueError, TypeError, ET.ParseError) as exc:
        log.info("map cache %s not written (%s)", file, exc)
