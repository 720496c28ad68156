"""Build the map of the Sea of Japan for the scenario "Across the sea".

Run from the repository root:  python tools/make_sea_map.py
Writes levels/sea/map.tmx, levels/sea/tiles.tsx and levels/sea/tiles.png.

Geography comes from the ``global-land-mask`` package (the GLOBE 1 km land/sea
mask, NOAA), used here at build time only: the game reads the committed .tmx.

Projection: equirectangular ("plate carree" with a fixed scale). Tile column
``x`` and row ``y`` (0 at the top-left corner of the map) relate to longitude
and latitude by

    lon = LON_WEST + x * DLON          lat = LAT_NORTH - y * DLAT

with DLAT = KM_PER_TILE / 111.2 degrees and DLON = KM_PER_TILE / (111.32 *
cos(REF_LAT)) degrees. Distances are true (to about 5%) between 34 and 46 N;
the map stores all of this in its properties (lon_west, lat_north,
deg_lon_per_tile, deg_lat_per_tile, km_per_tile, projection) so that code can
locate places without this script.

Tiles (each carries ``kind``, ``sea`` and, on land, ``country`` properties):

* sea       open sea within DEEP_KM of land (a stand-in for the shelf and slope)
* deep      sea farther than DEEP_KM from any land: the mask has no depths, so
            this is a distance proxy for the deep basins, not bathymetry
* bank      the Yamato Bank and the Kita-Yamato Bank, drawn as ellipses from
            published positions and sizes (see BANKS below)
* coast     a land tile next to the sea; ``country`` says whose shore it is
* land      other land

``country`` is one of japan, north_korea, south_korea, russia, china, drawn
from the same outlines as the overland map (the Natural Earth 1:110m admin-0
polygons shipped by ``countryinfo``; between North Korea and China the Yalu
and the Tumen decide, as there). Small islands the outlines leave out take
the country of the nearest land that has one. The risk model uses
``country == "japan"`` on coast tiles to know when a boat has reached Japan.
"""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from tools.tmxwrite import write_map, write_tileset  # noqa: E402

OUT = ROOT / "levels" / "sea"

# --- Extent and projection -------------------------------------------------
LON_WEST, LON_EAST = 127.0, 142.5  # holds Wonsan in the west, Hokkaido's west coast in the east
LAT_SOUTH, LAT_NORTH = 34.0, 46.0  # the Korea Strait to the north of Primorye
REF_LAT = 40.0                     # the cos(lat) scale is fixed at this latitude
KM_PER_TILE = 6.0
KM_PER_DEG_LAT = 111.2
KM_PER_DEG_LON_EQ = 111.32
DLAT = KM_PER_TILE / KM_PER_DEG_LAT
DLON = KM_PER_TILE / (KM_PER_DEG_LON_EQ * math.cos(math.radians(REF_LAT)))
WIDTH = int(round((LON_EAST - LON_WEST) / DLON))
HEIGHT = int(round((LAT_NORTH - LAT_SOUTH) / DLAT))
SUB = 5          # land-mask samples per tile side (5 x 5 = 25 points, about 1.2 km apart)
DEEP_KM = 45.0   # sea farther than this from land is drawn as deep sea
TILE = 16

# --- Places (decimal degrees, WGS84; city centres or harbours, rounded) ----
PLACES = [
    # kind,  name,              lat,     lon,     country
    ("port", "Chongjin", 41.795, 129.776, "north_korea"),
    ("port", "Kimchaek", 40.675, 129.195, "north_korea"),
    ("port", "Wonsan", 39.153, 127.443, "north_korea"),
    ("city", "Vladivostok", 43.116, 131.882, "russia"),
    ("city", "Busan", 35.104, 129.040, "south_korea"),
    ("city", "Aomori", 40.822, 140.747, "japan"),
    ("city", "Akita", 39.720, 140.103, "japan"),
    ("city", "Yurihonjo", 39.386, 140.049, "japan"),   # the 23 Nov 2017 boat came ashore here
    ("city", "Oga", 39.887, 139.847, "japan"),         # the 26 Nov 2017 boat was found on the Oga peninsula
    ("city", "Niigata", 37.916, 139.036, "japan"),
    ("city", "Fukui", 36.064, 136.220, "japan"),
    ("cape", "Noto Peninsula", 37.536, 137.337, "japan"),  # Cape Rokko, the peninsula's tip
]
# Banks: centre, half-length and half-width (km), bearing of the long axis.
# Yamato Bank: long axis about 130 km, shallowest 236 m, near 39.4 N 135.0 E;
# Kita-Yamato Bank: about 200 by 80 km centred near 40 N 134 E, parallel to
# it about 100 km to the north-west (Britannica; Japan's Ministry of the
# Environment, offshore area 326). Both run from south-west to north-east.
# Positions are good to about 30 km, well within the model's needs.
BANKS = [
    ("Yamato Bank", 39.40, 135.00, 65.0, 20.0, 55.0),
    ("Kita-Yamato Bank", 40.00, 134.00, 100.0, 40.0, 55.0),
]
LABELS = [("Sea of Japan (East Sea)", 41.3, 134.6)]

# --- Tiles ---------------------------------------------------------------
COUNTRIES = ["japan", "north_korea", "south_korea", "russia", "china"]
# (kind, country) in tileset order; index = tile id
TILES = [("sea", ""), ("deep", ""), ("bank", "")]
TILES += [("coast", c) for c in COUNTRIES]
TILES += [("land", c) for c in COUNTRIES]

SEA_RGB = (142, 186, 214)
DEEP_RGB = (104, 152, 196)
BANK_RGB = (160, 206, 206)
LAND_RGB = {
    "japan": (206, 196, 158),       # warmer: the shore the crews drift toward
    "north_korea": (184, 186, 166),
    "south_korea": (188, 190, 170),
    "russia": (182, 186, 170),
    "china": (190, 190, 176),
}
JAPAN_EDGE_RGB = (230, 159, 0)      # Okabe-Ito orange: Japan's coast
MAINLAND_EDGE_RGB = (120, 118, 104)  # grey rock: the mainland's coasts


def tile_to_lonlat(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return LON_WEST + x * DLON, LAT_NORTH - y * DLAT


def lonlat_to_tile(lon: float, lat: float) -> tuple[float, float]:
    return (lon - LON_WEST) / DLON, (LAT_NORTH - lat) / DLAT


def land_fraction() -> np.ndarray:
    from global_land_mask import globe

    offs = (np.arange(SUB) + 0.5) / SUB
    ys = (np.arange(HEIGHT)[:, None] + offs[None, :]).ravel()
    xs = (np.arange(WIDTH)[:, None] + offs[None, :]).ravel()
    lon, _ = tile_to_lonlat(xs, np.zeros_like(xs))
    _, lat = tile_to_lonlat(np.zeros_like(ys), ys)
    lat2, lon2 = np.meshgrid(lat, lon, indexing="ij")
    land = globe.is_land(lat2, lon2).astype(np.float32)
    return land.reshape(HEIGHT, SUB, WIDTH, SUB).mean(axis=(1, 3))


# Islands the 1:110m outlines leave out, whose owner the nearest mainland
# would get wrong: (name, lon, lat, country).
OUTLINE_GAPS = [
    ("Tsushima", 129.33, 34.42, "japan"),
    ("Ulleungdo", 130.86, 37.50, "south_korea"),
]


def countries(land: np.ndarray) -> np.ndarray:
    """Index into COUNTRIES for every land tile (-1 for sea).

    The borders are the overland map's: the Natural Earth outlines shipped by
    countryinfo, and between North Korea and China the Yalu and the Tumen.
    Land that no outline claims (small islands the 1:110m outlines leave out)
    takes the country of the nearest tile that has one.
    """
    import make_overland_map as overland

    iso = {"JP": "japan", "KP": "north_korea", "KR": "south_korea", "RU": "russia", "CN": "china"}
    c = {name: i for i, name in enumerate(COUNTRIES)}
    offs = (np.arange(3) + 0.5) / 3  # 3 x 3 samples a tile, majority vote
    ys, xs = np.mgrid[0:HEIGHT, 0:WIDTH]
    sx = xs[..., None] + np.tile(offs, 3)[None, None, :]
    sy = ys[..., None] + np.repeat(offs, 3)[None, None, :]
    lon, lat = tile_to_lonlat(sx, sy)
    rings = overland.country_rings(LON_WEST, LON_WEST + WIDTH * DLON, LAT_NORTH - HEIGHT * DLAT, LAT_NORTH)
    votes = np.zeros((HEIGHT, WIDTH, len(COUNTRIES)), dtype=np.int32)
    for code, country_rings in rings:
        if code in iso:
            votes[..., c[iso[code]]] += overland._inside(country_rings, lon, lat).sum(axis=2)
    out = np.where(votes.max(axis=2) > 0, votes.argmax(axis=2), -1).astype(np.int16)
    out[~land] = -1
    # Between North Korea and China, the rivers decide.
    tlon, tlat = tile_to_lonlat(xs + 0.5, ys + 0.5)
    korea_side = overland._inside([overland.korea_side_ring()], tlon, tlat)
    pair = land & ((out == c["north_korea"]) | (out == c["china"]))
    out[pair & korea_side] = c["north_korea"]
    out[pair & ~korea_side] = c["china"]
    # Land no outline claims (small islands): a named island's owner within
    # 60 km of it, else the country of the nearest claimed land.
    missing = land & (out < 0)
    if missing.any():
        cy, cx = np.nonzero(land & (out >= 0))
        named = [(lonlat_to_tile(lon, lat), c[owner]) for _name, lon, lat, owner in OUTLINE_GAPS]
        for my, mx in zip(*np.nonzero(missing)):
            near = [(math.hypot(ix - mx, iy - my), owner) for (ix, iy), owner in named]
            d, owner = min(near) if near else (math.inf, -1)
            if d * KM_PER_TILE <= 60.0:
                out[my, mx] = owner
            else:
                k = np.argmin(np.square((cx - mx) * 1.0) + np.square((cy - my) * 1.0))
                out[my, mx] = out[cy[k], cx[k]]
    return out


def distance_km(mask: np.ndarray) -> np.ndarray:
    """Approximate distance (km) from every tile to the nearest True tile (chamfer 3-4)."""
    big = 1e9
    d = np.where(mask, 0.0, big)
    h, w = d.shape
    diag = math.sqrt(2.0)
    for _ in range(2):
        for y in range(h):
            row = d[y]
            if y > 0:
                up = d[y - 1]
                row = np.minimum(row, up + 1)
                row[1:] = np.minimum(row[1:], up[:-1] + diag)
                row[:-1] = np.minimum(row[:-1], up[1:] + diag)
            for x in range(1, w):
                if row[x - 1] + 1 < row[x]:
                    row[x] = row[x - 1] + 1
            d[y] = row
        for y in range(h - 1, -1, -1):
            row = d[y]
            if y < h - 1:
                dn = d[y + 1]
                row = np.minimum(row, dn + 1)
                row[1:] = np.minimum(row[1:], dn[:-1] + diag)
                row[:-1] = np.minimum(row[:-1], dn[1:] + diag)
            for x in range(w - 2, -1, -1):
                if row[x + 1] + 1 < row[x]:
                    row[x] = row[x + 1] + 1
            d[y] = row
    return d * KM_PER_TILE


def banks_mask() -> np.ndarray:
    ys, xs = np.mgrid[0:HEIGHT, 0:WIDTH]
    lon, lat = tile_to_lonlat(xs + 0.5, ys + 0.5)
    out = np.zeros((HEIGHT, WIDTH), bool)
    for _, blat, blon, half_len, half_wid, bearing in BANKS:
        east = (lon - blon) * KM_PER_DEG_LON_EQ * math.cos(math.radians(REF_LAT))
        north = (lat - blat) * KM_PER_DEG_LAT
        b = math.radians(bearing)
        along = east * math.sin(b) + north * math.cos(b)
        across = east * math.cos(b) - north * math.sin(b)
        out |= (along / half_len) ** 2 + (across / half_wid) ** 2 <= 1.0
    return out


def build_layers() -> tuple[np.ndarray, dict]:
    frac = land_fraction()
    land = frac >= 0.5
    country = countries(land)
    sea = ~land
    pad = np.pad(sea, 1, constant_values=False)
    touches_sea = pad[:-2, 1:-1] | pad[2:, 1:-1] | pad[1:-1, :-2] | pad[1:-1, 2:]
    coast = land & touches_sea
    dist = distance_km(land)
    ids = np.zeros((HEIGHT, WIDTH), dtype=np.int32)
    index = {t: i for i, t in enumerate(TILES)}
    ids[sea] = index[("sea", "")]
    ids[sea & (dist > DEEP_KM)] = index[("deep", "")]
    ids[sea & banks_mask()] = index[("bank", "")]
    for ci, name in enumerate(COUNTRIES):
        ids[land & ~coast & (country == ci)] = index[("land", name)]
        ids[coast & (country == ci)] = index[("coast", name)]
    stats = {"land_tiles": int(land.sum()), "japan_coast": int((coast & (country == 0)).sum())}
    return ids + 1, stats


def tile_properties() -> list[dict]:
    props = []
    for kind, country in TILES:
        p = {"kind": kind, "sea": kind in ("sea", "deep", "bank")}
        if country:
            p["country"] = country
        props.append(p)
    return props


def draw_tiles(path: Path) -> tuple[int, int]:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    cols = 8
    rows = (len(TILES) + cols - 1) // cols
    surf = pygame.Surface((cols * TILE, rows * TILE))
    surf.fill((0, 0, 0))
    rng = np.random.default_rng(1987)

    def textured(rgb, spread):
        """A calm tile: the base colour with a faint, seeded speckle."""
        noise = rng.normal(0.0, spread, size=(TILE, TILE))
        arr = np.clip(np.asarray(rgb, float)[None, None, :] + noise[..., None], 0, 255).astype(np.uint8)
        return arr

    for tid, (kind, country) in enumerate(TILES):
        if kind == "sea":
            arr = textured(SEA_RGB, 2.0)
            arr[5, 3:7] = np.clip(np.asarray(SEA_RGB) + 14, 0, 255)  # a faint wavelet
            arr[11, 9:13] = np.clip(np.asarray(SEA_RGB) + 14, 0, 255)
        elif kind == "deep":
            arr = textured(DEEP_RGB, 2.0)
            arr[4, 8:12] = np.clip(np.asarray(DEEP_RGB) + 12, 0, 255)
            arr[12, 2:6] = np.clip(np.asarray(DEEP_RGB) + 12, 0, 255)
        elif kind == "bank":
            arr = textured(BANK_RGB, 2.0)
            for py, px in ((3, 3), (3, 11), (8, 7), (12, 3), (12, 12)):
                arr[py, px] = np.clip(np.asarray(BANK_RGB) - 30, 0, 255)
        else:
            arr = textured(LAND_RGB[country], 3.0)
            if kind == "coast":
                edge = JAPAN_EDGE_RGB if country == "japan" else MAINLAND_EDGE_RGB
                base = np.asarray(LAND_RGB[country], float)
                mix = (0.55 * np.asarray(edge) + 0.45 * base).astype(np.uint8)
                arr[:, :] = (0.55 * arr + 0.45 * mix).astype(np.uint8)
                arr[0, :] = arr[-1, :] = arr[:, 0] = arr[:, -1] = mix
        tile = pygame.surfarray.make_surface(arr.swapaxes(0, 1))
        surf.blit(tile, ((tid % cols) * TILE, (tid // cols) * TILE))
    pygame.image.save(surf, str(path))
    return surf.get_size()


# Grounds that spill over their neighbours' edges (Tiled corner Wang sets), lowest first:
# (set name, the tile drawn at the edge, reach in tiles, the tiles it is, the tiles its edges fall on).
# The shallows soften the deep water's edge, the banks' shoals fade out, and a
# strip of sand runs along every coast onto the sea.
SEA_KINDS = [("sea", ""), ("deep", ""), ("bank", "")]
BLENDS = [
    ("shallows", ("sea", ""), 0.5, {("sea", "")}, {("deep", "")}),
    ("shoal", ("bank", ""), 0.5, {("bank", "")}, {("sea", ""), ("deep", "")}),
    ("sand", "sand", 0.3, {("coast", c) for c in COUNTRIES}, set(SEA_KINDS)),
]
SAND_RGB = (222, 204, 160)


def add_edges(sheet_path: Path):
    """Append the Wang sets' edge tiles to the tileset picture; the sets for the .tsx."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    sys.path.insert(0, str(ROOT / "tools"))
    import dmz_tiles as art

    sheet = pygame.image.load(str(sheet_path))
    cols = sheet.get_width() // TILE
    base = [sheet.subsurface(((i % cols) * TILE, (i // cols) * TILE, TILE, TILE)).copy() for i in range(len(TILES))]
    sand = art.textured(SAND_RGB, 1987, 0.03)
    ids = {t: i for i, t in enumerate(TILES)}
    edges, wangsets = art.wang_edges(base, BLENDS, ids, {"sand": sand}, 1987)
    image = art.sheet(base + edges, cols)
    pygame.image.save(image, str(sheet_path))
    return image.get_size(), len(edges), wangsets, ids, art


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    layers, stats = build_layers()
    draw_tiles(OUT / "tiles.png")
    size, n_edges, wangsets, ids, art = add_edges(OUT / "tiles.png")
    write_tileset(OUT / "tiles.tsx", "sea", "tiles.png", size, TILE, tile_properties() + [{}] * n_edges, wangsets)
    from tools.tmxwrite import wang_lookup

    blended = art.with_blends({"terrain": layers}, BLENDS, ids, wang_lookup(OUT / "tiles.tsx"))
    layers = blended.pop("terrain")
    objects = []
    for kind, name, lat, lon, country in PLACES:
        x, y = lonlat_to_tile(lon, lat)
        objects.append({"kind": kind, "name": name, "x": round(x, 3), "y": round(y, 3),
                        "properties": {"lat": lat, "lon": lon, "country": country}})
    for name, lat, lon, half_len, half_wid, bearing in BANKS:
        x, y = lonlat_to_tile(lon, lat)
        objects.append({"kind": "bank", "name": name, "x": round(x, 3), "y": round(y, 3),
                        "properties": {"lat": lat, "lon": lon, "half_length_km": half_len,
                                       "half_width_km": half_wid, "bearing_deg": bearing}})
    for name, lat, lon in LABELS:
        x, y = lonlat_to_tile(lon, lat)
        objects.append({"kind": "label", "name": name, "x": round(x, 3), "y": round(y, 3),
                        "properties": {"lat": lat, "lon": lon}})
    properties = {
        "projection": "equirectangular",
        "lon_west": LON_WEST,
        "lat_north": LAT_NORTH,
        "lon_east": round(LON_WEST + WIDTH * DLON, 6),
        "lat_south": round(LAT_NORTH - HEIGHT * DLAT, 6),
        "ref_lat": REF_LAT,
        "deg_lon_per_tile": round(DLON, 9),
        "deg_lat_per_tile": round(DLAT, 9),
        "km_per_tile": KM_PER_TILE,
        "source": "global-land-mask (GLOBE 1 km land/sea mask); borders from the Natural Earth 1:110m outlines shipped by countryinfo; banks and places from published coordinates",
    }
    write_map(OUT / "map.tmx", TILE, "tiles.tsx", {"sea": layers, **blended}, {"places": objects}, properties)
    print(f"wrote {OUT / 'map.tmx'}: {WIDTH} x {HEIGHT} tiles of {KM_PER_TILE} km; {stats}")


if __name__ == "__main__":
    main()
