"""Tile art shared by the DMZ map generators (fog and jsa).

Each tile is a 16x16 pygame surface drawn from a few shapes and a calm,
seeded texture, so it reads at a glance when shown at 2x. Meaningful colours
come from the Okabe-Ito palette: vermillion for danger (mines, the North's
posts), blue for the South, yellow for the line's markers. Only the tools use
this module; the game reads the finished PNG.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import numpy as np  # noqa: E402
import pygame  # noqa: E402

T = 16

# Okabe-Ito
ORANGE = (230, 159, 0)
SKY = (86, 180, 233)
GREEN = (0, 158, 115)
YELLOW = (240, 228, 66)
BLUE = (0, 114, 178)
VERMILLION = (213, 94, 0)
PURPLE = (204, 121, 167)
BLACK = (20, 20, 20)


def shade(colour, f):
    """Lighter (f > 1) or darker (f < 1), clipped."""
    return tuple(int(max(0, min(255, c * f))) for c in colour[:3])


def textured(colour, seed: int, amount: float = 0.045, alpha: int = 255) -> pygame.Surface:
    """A tile filled with ``colour`` and a soft, low-contrast grain."""
    rng = np.random.default_rng(seed)
    grain = rng.normal(0.0, 1.0, (T + 2, T + 2))
    # a little smoothing keeps the grain calm
    grain = (grain[1:-1, 1:-1] * 2 + grain[:-2, 1:-1] + grain[2:, 1:-1] + grain[1:-1, :-2] + grain[1:-1, 2:]) / 6
    f = 1.0 + amount * grain
    arr = np.clip(np.array(colour[:3], float)[None, None, :] * f[:, :, None], 0, 255).astype(np.uint8)
    surf = pygame.Surface((T, T), pygame.SRCALPHA)
    pygame.surfarray.blit_array(surf, arr.transpose(1, 0, 2).copy())
    if alpha < 255:
        surf.set_alpha(None)
        a = pygame.surfarray.pixels_alpha(surf)
        a[:] = alpha
        del a
    else:
        a = pygame.surfarray.pixels_alpha(surf)
        a[:] = 255
        del a
    return surf


def clear() -> pygame.Surface:
    surf = pygame.Surface((T, T), pygame.SRCALPHA)
    surf.fill((0, 0, 0, 0))
    return surf


def strokes(surf, colour, seed, count, length=3, vertical=True, width=1):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        x = int(rng.integers(1, T - 1))
        y = int(rng.integers(length, T - 1))
        lean = int(rng.integers(-1, 2))
        if vertical:
            pygame.draw.line(surf, colour, (x, y), (x + lean, y - length), width)
        else:
            pygame.draw.line(surf, colour, (x, y), (x + length, y), width)


def dots(surf, colour, seed, count, radius=1):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        x = int(rng.integers(2, T - 2))
        y = int(rng.integers(2, T - 2))
        if radius <= 1:
            surf.set_at((x, y), colour)
        else:
            pygame.draw.circle(surf, colour, (x, y), radius)


def blob_tree(surf, cx, cy, r, base):
    pygame.draw.circle(surf, shade(base, 0.72), (cx + 1, cy + 1), r)  # shadow
    pygame.draw.circle(surf, base, (cx, cy), r)
    pygame.draw.circle(surf, shade(base, 1.18), (cx - r // 3, cy - r // 3), max(1, r // 2))


def warning_triangle(surf, cx, cy, size=5, colour=VERMILLION):
    pts = [(cx, cy - size), (cx - size, cy + size - 1), (cx + size, cy + size - 1)]
    pygame.draw.polygon(surf, colour, pts)
    pygame.draw.polygon(surf, shade(colour, 0.6), pts, 1)
    pygame.draw.line(surf, (250, 245, 230), (cx, cy - size + 3), (cx, cy + 1))
    surf.set_at((cx, cy + size - 3), (250, 245, 230))


def sheet(tiles: list[pygame.Surface], columns: int = 8) -> pygame.Surface:
    rows = (len(tiles) + columns - 1) // columns
    out = pygame.Surface((columns * T, rows * T), pygame.SRCALPHA)
    out.fill((0, 0, 0, 0))
    for i, tile in enumerate(tiles):
        out.blit(tile, ((i % columns) * T, (i // columns) * T))
    return out


def smooth_noise(h: int, w: int, scale: float, rng: np.random.Generator) -> np.ndarray:
    """A smooth random field in 0..1 with features about ``scale`` tiles wide."""
    gh, gw = int(np.ceil(h / scale)) + 3, int(np.ceil(w / scale)) + 3
    coarse = rng.random((gh, gw))
    ys = np.arange(h) / scale + 1.0
    xs = np.arange(w) / scale + 1.0
    y0 = np.floor(ys).astype(int)
    x0 = np.floor(xs).astype(int)
    fy = ys - y0
    fx = xs - x0
    fy = fy * fy * (3 - 2 * fy)
    fx = fx * fx * (3 - 2 * fx)
    a = coarse[np.ix_(y0, x0)]
    b = coarse[np.ix_(y0, x0 + 1)]
    c = coarse[np.ix_(y0 + 1, x0)]
    d = coarse[np.ix_(y0 + 1, x0 + 1)]
    top = a + (b - a) * fx[None, :]
    bot = c + (d - c) * fx[None, :]
    out = top + (bot - top) * fy[:, None]
    lo, hi = out.min(), out.max()
    return (out - lo) / (hi - lo + 1e-12)


def raster_line(x0: float, y0: float, x1: float, y1: float) -> list[tuple[int, int]]:
    """4-connected tiles along a segment (no diagonal gaps)."""
    cells = []
    x, y = int(np.floor(x0)), int(np.floor(y0))
    xe, ye = int(np.floor(x1)), int(np.floor(y1))
    cells.append((x, y))
    n = max(abs(xe - x), abs(ye - y)) * 4 + 4
    for k in range(1, n + 1):
        t = k / n
        nx = int(np.floor(x0 + (x1 - x0) * t))
        ny = int(np.floor(y0 + (y1 - y0) * t))
        if (nx, ny) != cells[-1]:
            px, py = cells[-1]
            if nx != px and ny != py:
                cells.append((nx, py))
            cells.append((nx, ny))
    return cells


def raster_polyline(points) -> list[tuple[int, int]]:
    cells: list[tuple[int, int]] = []
    for (x0, y0), (x1, y1) in zip(points[:-1], points[1:]):
        for c in raster_line(x0, y0, x1, y1):
            if not cells or cells[-1] != c:
                cells.append(c)
    return cells


# ------------------------------------------------ transitions (Tiled corner Wang sets)
#
# A ground type that spills over its neighbours' edges has 15 edge tiles, one
# for each set of the four tile corners it covers (bits: top-left 1, top-right 2,
# bottom-right 4, bottom-left 8). The tiles are described in the tileset as a
# corner Wang set, and the map generators place them by looking the corners up
# in that set (wang_lookup), so Tiled's terrain brush and the generator agree.
# The edge tiles carry no properties: the models read the terrain layer only.

CORNERS = {1: (0.0, 0.0), 2: (1.0, 0.0), 4: (1.0, 1.0), 8: (0.0, 1.0)}
EDGES = ((1, 2), (2, 4), (4, 8), (8, 1))  # corners joined by a tile edge


def _periodic_noise(seed: int) -> np.ndarray:
    """A small wobble that repeats every tile, so edges of neighbouring tiles meet."""
    rng = np.random.default_rng(seed)
    u = (np.arange(T) + 0.5) / T
    X, Y = np.meshgrid(u, u)
    n = np.zeros((T, T))
    for kx, ky in ((1, 2), (2, 1), (3, 2), (2, 3)):
        a, b = rng.random(2) * 2 * np.pi
        n += np.sin(2 * np.pi * kx * X + a) * np.sin(2 * np.pi * ky * Y + b)
    return n / 4


def edge_alpha(bits: int, reach: float = 0.4, seed: int = 0) -> np.ndarray:
    """Opacity (T, T) of an edge tile covering the corners in ``bits``: the
    ground spills ``reach`` of a tile in from each covered corner and along each
    edge whose two corners are covered; the cell's own ground shows in the middle."""
    u = (np.arange(T) + 0.5) / T
    X, Y = np.meshgrid(u, u)
    d = np.full((T, T), 9.0)
    for bit, (cx, cy) in CORNERS.items():
        if bits & bit:
            d = np.minimum(d, np.hypot(X - cx, Y - cy))
    for a, b in EDGES:
        if bits & a and bits & b:
            (ax, ay), bx = CORNERS[a], CORNERS[b][0]
            d = np.minimum(d, np.abs(X - ax) if ax == bx else np.abs(Y - ay))  # along a vertical edge (same x) or a horizontal one
    value = (reach + 0.14 * _periodic_noise(seed) - d) * T  # pixels inside the edge
    return (np.clip(value / 1.5 + 0.5, 0.0, 1.0) * 255).astype(np.uint8)


def edge_tiles(full: pygame.Surface, reach: float = 0.4, seed: int = 0) -> list[pygame.Surface]:
    """The 15 edge tiles (bits 1..15) of a ground drawn as ``full``."""
    out = []
    for bits in range(1, 16):
        s = pygame.Surface((T, T), pygame.SRCALPHA)
        s.blit(full, (0, 0))
        a = pygame.surfarray.pixels_alpha(s)
        a[:] = edge_alpha(bits, reach, seed).T
        del a
        out.append(s)
    return out


def corner_wangid(bits: int) -> tuple[int, int, int, int]:
    """(top-left, top-right, bottom-right, bottom-left), 1 where covered."""
    return (bits & 1 and 1, bits & 2 and 1, bits & 4 and 1, bits & 8 and 1)


def corners_of(mask: np.ndarray) -> np.ndarray:
    """For each cell, the bits of its corners that touch a True cell (any of the 4 cells round a corner)."""
    h, w = mask.shape
    v = np.zeros((h + 1, w + 1), bool)
    v[:-1, :-1] |= mask
    v[:-1, 1:] |= mask
    v[1:, :-1] |= mask
    v[1:, 1:] |= mask
    return (v[:-1, :-1] * 1 + v[:-1, 1:] * 2 + v[1:, 1:] * 4 + v[1:, :-1] * 8).astype(np.int32)


def blend_layers(terrain: np.ndarray, order: list[tuple[str, set[int], set[int]]], lookup: dict) -> dict[str, np.ndarray]:
    """The edge layers (gids, 0 = none) for ``terrain`` (tile ids), lowest first.

    ``order`` lists (Wang set name, the terrain ids it stands for, the terrain
    ids its edges may fall on). ``lookup`` is wang_lookup's answer for the
    tileset: each tile is chosen from its four corners.
    """
    layers = {}
    for name, ids, onto in order:
        bits = corners_of(np.isin(terrain, list(ids)))
        bits[~np.isin(terrain, list(onto))] = 0
        table = np.zeros(16, np.int32)
        for b in range(1, 16):
            table[b] = lookup[name][corner_wangid(b)] + 1
        gids = np.where(bits > 0, table[bits], 0)
        if gids.any():
            layers[f"blend_{name}"] = gids.astype(np.int32)
    return layers


def wang_edges(base: list[pygame.Surface], blends, ids: dict[str, int], extra: dict[str, pygame.Surface], seed: int):
    """The edge tiles of every blend (placed after the ``base`` tiles) and the
    tileset's Wang sets describing them. ``blends``: (set name, the tile drawn
    at the edge (a base tile's name or a key of ``extra``), reach in tiles,
    the tiles the set is, the tiles its edges fall on), lowest first."""
    tiles, sets = [], []
    for k, (name, art_name, reach, _ids, _onto) in enumerate(blends):
        full = extra[art_name] if art_name in extra else base[ids[art_name]]
        first = len(base) + len(tiles)
        tiles += edge_tiles(full, reach, seed=seed + k)
        sets.append({"name": name, "colour": tuple(full.get_at((8, 8)))[:3], "tile": first + 14,
                     "tiles": {first + b - 1: corner_wangid(b) for b in range(1, 16)}})
    return tiles, sets


def with_blends(layers: dict[str, np.ndarray], blends, ids: dict[str, int], lookup: dict) -> dict[str, np.ndarray]:
    """The terrain layer, then its edge layers (tiles chosen by the tileset's Wang sets), then the rest."""
    order = [(name, {ids[t] for t in of}, {ids[t] for t in onto}) for name, _a, _r, of, onto in blends]
    out = {"terrain": layers["terrain"]}
    out.update(blend_layers(layers["terrain"] - 1, order, lookup))
    out.update({k: v for k, v in layers.items() if k != "terrain"})
    return out


# ------------------------------------------------ outlines and landmarks

def outline_tiles(colour=(30, 28, 26)) -> list[pygame.Surface]:
    """15 tiles (bits 1..15: the top, right, bottom, left side is open) that
    draw a building's outline on its open sides, a light inner edge at the top
    and left and a shade at the bottom and right: light from the top left."""
    out = []
    for bits in range(1, 16):
        s = clear()
        if bits & 1:
            pygame.draw.line(s, (255, 255, 255, 70), (0, 2), (T - 1, 2), 2)
            pygame.draw.line(s, colour, (0, 0), (T - 1, 0), 2)
        if bits & 8:
            pygame.draw.line(s, (255, 255, 255, 70), (2, 0), (2, T - 1), 2)
            pygame.draw.line(s, colour, (0, 0), (0, T - 1), 2)
        if bits & 4:
            pygame.draw.line(s, (0, 0, 0, 80), (0, T - 4), (T - 1, T - 4), 2)
            pygame.draw.line(s, colour, (0, T - 2), (T - 1, T - 2), 2)
        if bits & 2:
            pygame.draw.line(s, (0, 0, 0, 80), (T - 4, 0), (T - 4, T - 1), 2)
            pygame.draw.line(s, colour, (T - 2, 0), (T - 2, T - 1), 2)
        out.append(s)
    return out


def edge_wangid(bits: int) -> tuple[int, int, int, int]:
    """(top, right, bottom, left), 1 where the side is open."""
    return (bits & 1 and 1, bits & 2 and 1, bits & 4 and 1, bits & 8 and 1)


def open_sides(mask: np.ndarray) -> np.ndarray:
    """For each True cell, the bits of its sides that face a False cell (top 1, right 2, bottom 4, left 8)."""
    p = np.pad(mask, 1, constant_values=False)
    m = p[1:-1, 1:-1]
    bits = (~p[:-2, 1:-1]) * 1 + (~p[1:-1, 2:]) * 2 + (~p[2:, 1:-1]) * 4 + (~p[1:-1, :-2]) * 8
    return np.where(m, bits, 0).astype(np.int32)


def outline_layer(terrain: np.ndarray, groups: list[set[int]], lookup: dict, name: str = "outline") -> np.ndarray:
    """gids of the outline tiles round each group of building tiles, chosen by the tileset's edge Wang set."""
    out = np.zeros(terrain.shape, np.int32)
    table = np.zeros(16, np.int32)
    for b in range(1, 16):
        tl = edge_wangid(b)
        table[b] = lookup[name][tl] + 1
    for ids in groups:
        bits = open_sides(np.isin(terrain, list(ids)))
        out = np.where(bits > 0, table[bits], out)
    return out


def edge_wangset(first: int, name: str = "outline") -> dict:
    return {"name": name, "type": "edge", "colour": (30, 28, 26), "tile": first + 14,
            "tiles": {first + b - 1: edge_wangid(b) for b in range(1, 16)}}


def flag(surf, x, y, colour, stripe=None):
    """A small flag on a pole, its cloth outlined."""
    pygame.draw.line(surf, (40, 36, 30), (x, y), (x, y + 9), 1)
    pygame.draw.rect(surf, colour, pygame.Rect(x + 1, y, 6, 4))
    if stripe:
        pygame.draw.line(surf, stripe, (x + 1, y + 2), (x + 6, y + 2))
    pygame.draw.rect(surf, shade(colour, 0.5), pygame.Rect(x + 1, y, 6, 4), 1)


def tower(roof, flag_colour, stripe=None) -> pygame.Surface:
    """A watch tower seen from above: a square cab with an outline, a shadow, a flag."""
    s = clear()
    pygame.draw.rect(s, (0, 0, 0, 90), pygame.Rect(4, 5, 11, 11))
    pygame.draw.rect(s, roof, pygame.Rect(3, 4, 10, 10))
    pygame.draw.line(s, shade(roof, 1.3), (4, 5), (11, 5))
    pygame.draw.rect(s, (25, 22, 20), pygame.Rect(3, 4, 10, 10), 1)
    pygame.draw.rect(s, (30, 34, 40), pygame.Rect(6, 7, 4, 4))  # the window slit
    flag(s, 12, 0, flag_colour, stripe)
    return s


def write_legend(path, header: str, entries: list[dict], ids: dict[str, int]) -> None:
    """A level's legend.toml (the play screen's key) from entries naming tiles by
    their names in the generator, so the key follows the tileset when it changes."""

    lines = [f"# {line}".rstrip() for line in header.strip().splitlines()]
    lines.append("# Written by the map generator: edit it there.")
    for e in entries:
        lines += ["", "[[entry]]", f'label = "{e["label"]}"']
        if "tiles" in e:
            lines.append("tiles = [" + ", ".join(str(ids[t]) for t in e["tiles"]) + "]")
        if "symbol" in e:
            lines.append(f'symbol = "{e["symbol"]}"')
        if "colour" in e:
            lines.append("colour = [" + ", ".join(str(c) for c in e["colour"]) + "]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
