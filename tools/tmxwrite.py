"""Writing Tiled files (.tmx maps, .tsx tilesets) from numpy arrays.

Shared by the map generators in tools/. Output is plain, deterministic XML
(CSV-encoded layers) that Tiled opens and pytmx reads.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Any, Iterable
from xml.sax.saxutils import quoteattr

import numpy as np


def _prop_type(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    return "string"


def _props(props: dict[str, Any], indent: str) -> list[str]:
    if not props:
        return []
    lines = [f"{indent}<properties>"]
    for key in sorted(props):
        value = props[key]
        text = str(value).lower() if isinstance(value, bool) else str(value)
        lines.append(f'{indent} <property name={quoteattr(key)} type="{_prop_type(value)}" value={quoteattr(text)}/>')
    lines.append(f"{indent}</properties>")
    return lines


def write_tileset(path: Path, name: str, image: str, image_size: tuple[int, int], tile_size: int, tiles: list[dict[str, Any]],
                  wangsets: list[dict[str, Any]] | None = None) -> None:
    """A .tsx tileset: one image, a property table per tile (index = tile id).

    ``wangsets``: corner Wang sets (Tiled's terrain brush), each a dict with
    name, colour (r, g, b), tile (the set's picture) and tiles: {tile id:
    (top-left, top-right, bottom-right, bottom-left)}, 1 where the set's ground
    covers that corner and 0 where it does not.
    """
    columns = image_size[0] // tile_size
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<tileset version="1.10" tiledversion="1.10.2" name={quoteattr(name)} tilewidth="{tile_size}" tileheight="{tile_size}" tilecount="{len(tiles)}" columns="{columns}">',
        f' <image source={quoteattr(image)} width="{image_size[0]}" height="{image_size[1]}"/>',
    ]
    for tid, props in enumerate(tiles):
        if props:
            lines.append(f' <tile id="{tid}">')
            lines.extend(_props(props, "  "))
            lines.append(" </tile>")
    if wangsets:
        lines.append(" <wangsets>")
        for ws in wangsets:
            kind = ws.get("type", "corner")
            lines.append(f'  <wangset name={quoteattr(ws["name"])} type="{kind}" tile="{ws["tile"]}">')
            r, g, b = ws["colour"]
            lines.append(f'   <wangcolor name={quoteattr(ws["name"])} color="#{r:02x}{g:02x}{b:02x}" tile="{ws["tile"]}" probability="1"/>')
            for tid in sorted(ws["tiles"]):
                # Tiled's order: top, top-right, right, bottom-right, bottom, bottom-left, left, top-left
                if kind == "edge":  # (top, right, bottom, left)
                    t, r, b, l = ws["tiles"][tid]
                    wangid = f"{t},0,{r},0,{b},0,{l},0"
                else:  # corners: (top-left, top-right, bottom-right, bottom-left)
                    tl, tr, br, bl = ws["tiles"][tid]
                    wangid = f"0,{tr},0,{br},0,{bl},0,{tl}"
                lines.append(f'   <wangtile tileid="{tid}" wangid="{wangid}"/>')
            lines.append("  </wangset>")
        lines.append(" </wangsets>")
    lines.append("</tileset>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_map(
    path: Path,
    tile_size: int,
    tileset_source: str,
    layers: dict[str, np.ndarray],
    objects: dict[str, Iterable[dict[str, Any]]] | None = None,
    properties: dict[str, Any] | None = None,
) -> None:
    """A .tmx map. ``layers`` holds tile ids + 1 (0 = empty), shape (h, w).

    ``objects`` maps an object-group name to dicts with keys kind, name, x, y
    (in tiles) and optional width, height (tiles), properties, points.
    """
    first = next(iter(layers.values()))
    h, w = first.shape
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<map version="1.10" tiledversion="1.10.2" orientation="orthogonal" renderorder="right-down" width="{w}" height="{h}" tilewidth="{tile_size}" tileheight="{tile_size}" infinite="0" nextlayerid="{len(layers) + len(objects or {}) + 1}" nextobjectid="1">',
    ]
    lines.extend(_props(properties or {}, " "))
    lines.append(f' <tileset firstgid="1" source={quoteattr(tileset_source)}/>')
    lid = 1
    for name, data in layers.items():
        if data.shape != (h, w):
            raise ValueError(f"layer {name} has shape {data.shape}, expected {(h, w)}")
        lines.append(f' <layer id="{lid}" name={quoteattr(name)} width="{w}" height="{h}">')
        rows = [",".join(str(int(v)) for v in row) for row in data]
        lines.append('  <data encoding="csv">')
        lines.append(",\n".join(rows))
        lines.append("</data>")
        lines.append(" </layer>")
        lid += 1
    oid = 1
    for group, items in (objects or {}).items():
        lines.append(f' <objectgroup id="{lid}" name={quoteattr(group)}>')
        lid += 1
        for obj in items:
            x = float(obj["x"]) * tile_size
            y = float(obj["y"]) * tile_size
            attrs = f'id="{oid}" name={quoteattr(str(obj.get("name", "")))} type={quoteattr(str(obj["kind"]))} x="{x:g}" y="{y:g}"'
            if obj.get("width"):
                attrs += f' width="{float(obj["width"]) * tile_size:g}" height="{float(obj.get("height", 0)) * tile_size:g}"'
            oid += 1
            props = obj.get("properties") or {}
            points = obj.get("points")
            if not props and not points:
                lines.append(f"  <object {attrs}/>")
                continue
            lines.append(f"  <object {attrs}>")
            lines.extend(_props(props, "   "))
            if points:
                pts = " ".join(f"{(px - obj['x']) * tile_size:g},{(py - obj['y']) * tile_size:g}" for px, py in points)
                lines.append(f'   <polyline points="{pts}"/>')
            lines.append("  </object>")
        lines.append(" </objectgroup>")
    lines.append("</map>")
    text = "\n".join(lines) + "\n"
    text = text.replace('nextobjectid="1"', f'nextobjectid="{oid}"', 1)
    path.write_text(text, encoding="utf-8")


def wang_lookup(path: Path) -> dict[str, dict[tuple[int, int, int, int], int]]:
    """{Wang set name: {colours: tile id}} read from a .tsx: corner sets keyed
    (top-left, top-right, bottom-right, bottom-left), edge sets (top, right, bottom, left)."""
    import xml.etree.ElementTree as ET

    out: dict[str, dict[tuple[int, int, int, int], int]] = {}
    for ws in ET.parse(path).getroot().iter("wangset"):
        table = out.setdefault(ws.get("name", ""), {})
        edge = ws.get("type") == "edge"
        for wt in ws.iter("wangtile"):
            w = [int(v) for v in wt.get("wangid", "").split(",")]
            key = (w[0], w[2], w[4], w[6]) if edge else (w[7], w[1], w[3], w[5])
            table[key] = int(wt.get("tileid", "0"))
    return out


def write_png(path: Path, width: int, height: int, rgb: tuple[int, int, int] = (128, 128, 128)) -> None:
    """A plain RGB picture of one colour: a tileset image for tests and drafts (no pygame)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes(rgb) * width  # filter type 0, then the pixels
    Path(path).write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )
