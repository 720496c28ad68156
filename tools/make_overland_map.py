"""Make the map of "The long way round": north-east and south-east Asia.

Run from the repository root (build time only; the game never runs this):

    python tools/make_overland_map.py

Writes levels/overland/map.tmx, tiles.tsx and tiles.png. Deterministic: the
same inputs give the same files.

Where the geography comes from
------------------------------
* Land and sea: ``global-land-mask`` (PyPI), a 1 km grid derived from the
  GLOBE digital elevation model. Each tile is sampled at 3 x 3 points and is
  land when most of them are.
* Countries: the country outlines shipped with ``countryinfo`` (PyPI, MIT
  licence), which are the Natural Earth 1:110 million admin-0 polygons
  (public domain). They show de facto boundaries. At this scale a border is
  drawn to within about one tile (40 km). Land tiles that fall outside every
  outline (the coarse outlines miss some coast) take the country of the
  nearest tile that has one.
* Rivers: the Tumen, the Yalu and the Mekong are drawn through the towns on
  their banks (RIVERS below). The coordinates are the towns' own, as given by
  GeoNames and the towns' encyclopaedia entries, rounded to 0.01 degree; the
  river runs between them, so its course is right to within about a tile.
* Places: PLACES below, the same kind of coordinates. The Chinese provinces
  and the Gobi are labels at a point inside them (no province outlines are
  drawn: no offline data set of them was used).

Projection
----------
Equirectangular on a sphere of radius 6371 km with a standard parallel of
35 N: x = (lon - LON_MIN) * cos(35 deg) * K, y = (LAT_MAX - lat) * K, where
K = 111.195 km per degree / KM_PER_TILE. East-west distances are true at
35 N, about 25% too long at 50 N and 15% too short at 15 N; north-south
distances are true everywhere. The model does not measure distances on the
map: it uses great-circle distances between the places' lon/lat.
"""

from __future__ import annotations

import functools
import json
import math
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.tmxwrite import write_map, write_tileset  # noqa: E402

OUT = ROOT / "levels" / "overland"
TILE = 16  # pixels per tile in the tileset
KM_PER_TILE = 40.0
EARTH_RADIUS_KM = 6371.0
KM_PER_DEG = math.pi * EARTH_RADIUS_KM / 180.0  # 111.195
STANDARD_PARALLEL = 35.0
LON_MIN, LAT_MAX = 95.0, 53.0
WIDTH, HEIGHT = 94, 114  # tiles: lon 95..~136 E, lat ~12..53 N
SUB = 3  # samples per tile side

X_SCALE = math.cos(math.radians(STANDARD_PARALLEL)) * KM_PER_DEG / KM_PER_TILE  # tiles per degree of lon
Y_SCALE = KM_PER_DEG / KM_PER_TILE  # tiles per degree of lat
LON_MAX = LON_MIN + WIDTH / X_SCALE
LAT_MIN = LAT_MAX - HEIGHT / Y_SCALE

# Countries drawn in their own colour; every other land is "other".
COUNTRIES = {
    "KP": ("North Korea", (226, 170, 150)),
    "KR": ("South Korea", (176, 214, 168)),
    "CN": ("China", (236, 226, 196)),
    "MN": ("Mongolia", (238, 204, 150)),
    "RU": ("Russia", (206, 214, 200)),
    "LA": ("Laos", (160, 212, 190)),
    "TH": ("Thailand", (222, 190, 212)),
    "VN": ("Vietnam", (214, 208, 190)),
    "MM": ("Myanmar", (206, 200, 186)),
    "JP": ("Japan", (214, 208, 190)),
    "other": ("Other land", (200, 196, 186)),
}
# Myanmar's bounding box (lon, lat, lon, lat): see rasterise_countries.
MYANMAR_BOX = (92.17, 9.78, 101.17, 28.55)
SEA_COLOUR = (158, 196, 222)
RIVER_COLOUR = (40, 110, 190)
BORDER_COLOUR = (70, 62, 58)

# Rivers through the towns on their banks, source to mouth: (lon, lat, town).
RIVERS = {
    "tumen": [
        (128.10, 41.99, "east slope of Mount Paektu"),
        (128.63, 42.12, "Samjang / Chongshan"),
        (129.21, 42.23, "Musan / Nanping"),
        (129.75, 42.44, "Hoeryong / Sanhe"),
        (129.72, 42.72, "Kaishantun"),
        (129.84, 42.97, "Namyang / Tumen city"),
        (129.99, 42.96, "Onsong"),
        (130.25, 42.75, "Hunyung / Quanhe"),
        (130.47, 42.56, "Fangchuan"),
        (130.64, 42.42, "Tumangang / Khasan"),
        (130.70, 42.29, "the river mouth"),
    ],
    "yalu": [
        (128.05, 41.97, "south-west slope of Mount Paektu"),
        (128.18, 41.40, "Hyesan / Changbai"),
        (127.52, 41.55, "Kimhyonggwon reach"),
        (126.88, 41.78, "Junggang / Linjiang"),
        (126.29, 41.12, "Manpo / Ji'an"),
        (125.60, 40.78, "Wiwon reach"),
        (124.85, 40.46, "Sup'ung dam"),
        (124.40, 40.10, "Sinuiju / Dandong"),
        (124.33, 39.83, "the river mouth"),
    ],
    "mekong": [
        (98.90, 28.50, "Yanjing, Tibet"),
        (99.10, 27.00, "Weixi reach"),
        (99.40, 25.80, "Yunlong reach"),
        (100.10, 24.60, "Yunxian reach"),
        (100.50, 23.20, "Lancang reach"),
        (100.80, 22.01, "Jinghong"),
        (101.10, 21.30, "Guanlei"),
        (100.09, 20.36, "the Golden Triangle / Chiang Saen"),
        (100.41, 20.27, "Huay Xai / Chiang Khong"),
        (101.20, 19.90, "Pak Beng reach"),
        (102.13, 19.89, "Luang Prabang"),
        (101.75, 18.20, "Pak Lay reach"),
        (102.60, 17.97, "Vientiane / Nong Khai"),
        (103.65, 18.35, "Paksan / Bueng Kan"),
        (104.78, 17.40, "Thakhek / Nakhon Phanom"),
        (104.75, 16.55, "Savannakhet / Mukdahan"),
        (105.40, 15.40, "Khong Chiam"),
        (105.80, 15.12, "Pakse"),
        (105.90, 13.95, "the Khone falls"),
        (105.97, 13.52, "Stung Treng"),
        (106.02, 12.49, "Kratie"),
    ],
}

# Places: id -> (label, lon, lat, role, country, note). Roles: start (where
# the journey begins), crossing (a border crossed on foot or by boat), city
# (on the route), goal (a journey's end), landmark (shown, not on the route),
# region (a label for a province, country or desert).
PLACES = {
    "hoeryong": ("Hoeryong", 129.75, 42.44, "start", "KP", "North Hamgyong, on the Tumen"),
    "musan": ("Musan", 129.21, 42.23, "crossing", "KP", "North Hamgyong, on the Tumen"),
    "hyesan": ("Hyesan", 128.18, 41.40, "crossing", "KP", "Ryanggang, on the Yalu"),
    "sinuiju": ("Sinuiju", 124.40, 40.10, "landmark", "KP", "on the Yalu mouth, facing Dandong"),
    "pyongyang": ("Pyongyang", 125.75, 39.02, "landmark", "KP", "capital of North Korea"),
    "yanji": ("Yanji", 129.51, 42.90, "city", "CN", "capital of the Yanbian Korean Autonomous Prefecture, Jilin"),
    "shenyang": ("Shenyang", 123.43, 41.80, "city", "CN", "capital of Liaoning"),
    "beijing": ("Beijing", 116.41, 39.90, "city", "CN", "capital of China"),
    "kunming": ("Kunming", 102.71, 25.04, "city", "CN", "capital of Yunnan"),
    "jinghong": ("Jinghong", 100.80, 22.01, "city", "CN", "Xishuangbanna, Yunnan, on the Mekong"),
    "mohan": ("Mohan", 101.69, 21.19, "crossing", "CN", "Mengla county, Yunnan, the border with Laos at Boten"),
    "luangnamtha": ("Luang Namtha", 101.40, 20.95, "city", "LA", "Luang Namtha province, northern Laos"),
    "huayxai": ("Huay Xai", 100.41, 20.28, "crossing", "LA", "Bokeo, Laos, on the Mekong"),
    "chiangkhong": ("Chiang Khong", 100.40, 20.26, "goal", "TH", "Chiang Rai province, Thailand, on the Mekong facing Huay Xai"),
    "chiangsaen": ("Chiang Saen", 100.09, 20.27, "landmark", "TH", "by the Golden Triangle, upstream of Chiang Khong"),
    "bangkok": ("Bangkok", 100.50, 13.75, "landmark", "TH", "immigration detention, then a flight to Seoul"),
    "erenhot": ("Erenhot", 111.98, 43.65, "city", "CN", "Inner Mongolia, on the border with Mongolia"),
    "zamynuud": ("Zamyn-Uud", 111.90, 43.72, "goal", "MN", "Dornogovi, Mongolia, across from Erenhot"),
    "ulaanbaatar": ("Ulaanbaatar", 106.92, 47.92, "landmark", "MN", "capital of Mongolia"),
    "seoul": ("Seoul", 126.98, 37.57, "landmark", "KR", "capital of South Korea, where both routes end"),
    "vladivostok": ("Vladivostok", 131.89, 43.12, "landmark", "RU", "Primorsky Krai, Russia"),
    "khabarovsk": ("Khabarovsk", 135.07, 48.48, "landmark", "RU", "Russia; North Korean logging camps in the region"),
    # Labels: a point inside the area, not a boundary.
    "r_jilin": ("Jilin", 126.3, 43.4, "region", "CN", "province"),
    "r_yanbian": ("Yanbian", 128.6, 43.1, "region", "CN", "Korean autonomous prefecture in Jilin"),
    "r_liaoning": ("Liaoning", 122.5, 41.3, "region", "CN", "province"),
    "r_hebei": ("Hebei", 115.4, 38.3, "region", "CN", "province around Beijing"),
    "r_innermongolia": ("Inner Mongolia", 113.5, 42.5, "region", "CN", "autonomous region"),
    "r_yunnan": ("Yunnan", 101.8, 24.3, "region", "CN", "province"),
    "r_gobi": ("the Gobi", 106.0, 43.3, "region", "MN", "desert across southern Mongolia and Inner Mongolia"),
    "r_northhamgyong": ("North Hamgyong", 129.4, 41.7, "region", "KP", "province"),
    "c_china": ("China", 106.5, 33.5, "country", "CN", ""),
    "c_mongolia": ("Mongolia", 103.0, 47.0, "country", "MN", ""),
    "c_russia": ("Russia", 123.0, 51.5, "country", "RU", ""),
    "c_northkorea": ("North Korea", 126.6, 40.3, "country", "KP", ""),
    "c_southkorea": ("South Korea", 128.0, 36.3, "country", "KR", ""),
    "c_laos": ("Laos", 102.6, 19.4, "country", "LA", ""),
    "c_thailand": ("Thailand", 101.0, 15.8, "country", "TH", ""),
    "c_vietnam": ("Vietnam", 105.2, 21.6, "country", "VN", ""),
    "c_myanmar": ("Myanmar", 96.8, 21.5, "country", "MM", ""),
}


def to_tiles(lon, lat):
    """lon/lat (degrees) -> map position in tiles (floats), the projection above."""
    return (np.asarray(lon) - LON_MIN) * X_SCALE, (LAT_MAX - np.asarray(lat)) * Y_SCALE


def from_tiles(x, y):
    return LON_MIN + np.asarray(x) / X_SCALE, LAT_MAX - np.asarray(y) / Y_SCALE


# ---------------------------------------------------------------- countries


@functools.lru_cache(maxsize=1)
def _polygons():
    """(iso2, [ring arrays (k, 2) lon/lat]) for countries that touch the map."""
    return country_rings(LON_MIN, LON_MAX, LAT_MIN, LAT_MAX)


def country_rings(lon_min: float, lon_max: float, lat_min: float, lat_max: float):
    """(iso2, [ring arrays (k, 2) lon/lat]) for countries with a ring in the box
    (with a degree's margin): the outlines countryinfo ships. The sea map uses
    this too, so both maps draw the same borders."""
    import countryinfo

    folder = Path(countryinfo.__file__).parent / "data"
    out = []
    for file in sorted(folder.glob("*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        geo = data.get("geoJSON") or {}
        iso = (data.get("ISO") or {}).get("alpha2")
        if not geo or not iso:
            continue
        rings = []
        for feature in geo.get("features", []):
            g = feature["geometry"]
            polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
            for poly in polys:
                for ring in poly:  # outer ring and holes: even-odd handles both
                    arr = np.asarray(ring, dtype=float)
                    if (arr[:, 0].max() < lon_min - 1 or arr[:, 0].min() > lon_max + 1
                            or arr[:, 1].max() < lat_min - 1 or arr[:, 1].min() > lat_max + 1):
                        continue
                    rings.append(arr)
        if rings:
            out.append((iso, rings))
    return out


def _inside(rings, lon, lat):
    """Even-odd point-in-polygon for many points at once."""
    inside = np.zeros(lon.shape, dtype=bool)
    for ring in rings:
        x0, y0 = ring[:-1, 0], ring[:-1, 1]
        x1, y1 = ring[1:, 0], ring[1:, 1]
        for a, b, c, d in zip(x0, y0, x1, y1):
            if b == d:
                continue
            crosses = (lat >= min(b, d)) & (lat < max(b, d))
            if not crosses.any():
                continue
            xc = a + (lat - b) * (c - a) / (d - b)
            inside ^= crosses & (lon < xc)
    return inside


def korea_side_ring() -> np.ndarray:
    """A ring (lon/lat) round the land south of the Yalu and the Tumen: between
    North Korea and China, the rivers are the border. Closed out at sea and
    south of the DMZ, where the outlines decide."""
    chain = [(lo, la) for lo, la, _ in reversed(RIVERS["yalu"])] + [(lo, la) for lo, la, _ in RIVERS["tumen"]]
    return np.asarray(chain + [(131.5, 42.29), (131.5, 37.0), (123.5, 37.0), (123.5, 39.83), chain[0]])


def rasterise_countries():
    """(codes (h, w) of str, land (h, w) bool)."""
    from global_land_mask import globe

    offs = (np.arange(SUB) + 0.5) / SUB
    ys, xs = np.mgrid[0:HEIGHT, 0:WIDTH]
    sx = np.broadcast_to(xs[..., None] + np.tile(offs, SUB)[None, None, :], (HEIGHT, WIDTH, SUB * SUB))
    sy = np.broadcast_to(ys[..., None] + np.repeat(offs, SUB)[None, None, :], (HEIGHT, WIDTH, SUB * SUB))
    lon, lat = from_tiles(sx, sy)
    land_samples = globe.is_land(lat, lon)
    land = land_samples.sum(axis=2) * 2 > SUB * SUB

    names = ["", *sorted({iso for iso, _ in _polygons()})]
    votes = np.zeros((HEIGHT, WIDTH, len(names)), dtype=np.int32)
    for iso, rings in _polygons():
        hit = _inside(rings, lon, lat) & land_samples
        votes[..., names.index(iso)] = hit.sum(axis=2)
    best = votes.argmax(axis=2)
    best[votes.max(axis=2) == 0] = 0
    best[~land] = 0
    # countryinfo has no outline for Myanmar. Every neighbour of Myanmar has
    # one, so the land inside Myanmar's bounding box that no outline claims
    # is Myanmar.
    names.append("MM")
    votes = None
    tile_lon, tile_lat = from_tiles(xs + 0.5, ys + 0.5)
    lo0, la0, lo1, la1 = MYANMAR_BOX
    in_box = (tile_lon >= lo0) & (tile_lon <= lo1) & (tile_lat >= la0) & (tile_lat <= la1)
    best[land & (best == 0) & in_box] = names.index("MM")
    # Land outside every outline: the nearest tile with a country.
    missing = land & (best == 0)
    while missing.any():
        grown = best.copy()
        for dy, dx in ((0, 1), (0, -1), (1, 0), (-1, 0)):
            shifted = np.roll(best, (dy, dx), axis=(0, 1))
            take = (grown == 0) & (shifted > 0) & missing
            grown[take] = shifted[take]
        if (grown == best).all():
            break
        best = grown
        missing = land & (best == 0)
    # The Yalu and the Tumen are the border between North Korea and China.
    # The 1:110m outline only roughly follows them, so between the two
    # countries the rivers decide: south of them is North Korea.
    kp, cn = names.index("KP"), names.index("CN")
    south = _inside([korea_side_ring()], tile_lon, tile_lat)
    pair = land & ((best == kp) | (best == cn))
    best[pair & south] = kp
    best[pair & ~south] = cn
    codes = np.full((HEIGHT, WIDTH), "sea", dtype=object)
    for i, iso in enumerate(names):
        if i:
            codes[(best == i) & land] = iso if iso in COUNTRIES else "other"
    codes[land & (best == 0)] = "other"
    return codes, land


# ---------------------------------------------------------------- rivers


def rasterise_river(points):
    """Tiles along the polyline, 4-connected, in order."""
    tiles: list[tuple[int, int]] = []
    for (lo0, la0, _), (lo1, la1, _) in zip(points[:-1], points[1:]):
        x0, y0 = to_tiles(lo0, la0)
        x1, y1 = to_tiles(lo1, la1)
        steps = int(max(abs(x1 - x0), abs(y1 - y0)) * 8) + 1
        for t in np.linspace(0, 1, steps):
            tx, ty = int(x0 + (x1 - x0) * t), int(y0 + (y1 - y0) * t)
            if not (0 <= tx < WIDTH and 0 <= ty < HEIGHT):
                continue
            if tiles and (tx, ty) == tiles[-1]:
                continue
            if tiles:
                px, py = tiles[-1]
                if px != tx and py != ty:  # diagonal step: add a corner tile
                    tiles.append((tx, py))
            tiles.append((tx, ty))
    return tiles


def river_masks(which):
    """(h, w) bitmask of river connections (1 N, 2 E, 4 S, 8 W; 16 = a lone tile), names."""
    mask = np.zeros((HEIGHT, WIDTH), dtype=np.int32)
    name = np.full((HEIGHT, WIDTH), "", dtype=object)
    for river in which:
        tiles = rasterise_river(RIVERS[river])
        for i, (x, y) in enumerate(tiles):
            name[y, x] = name[y, x] or river
            for j in (i - 1, i + 1):
                if 0 <= j < len(tiles):
                    nx, ny = tiles[j]
                    if (nx, ny) == (x, y):
                        continue
                    bit = {(0, -1): 1, (1, 0): 2, (0, 1): 4, (-1, 0): 8}.get((nx - x, ny - y), 0)
                    mask[y, x] |= bit
            if mask[y, x] == 0:
                mask[y, x] = 16
    return mask, name


# ---------------------------------------------------------------- tiles


# Borders that are rivers: drawn as the river (solid blue) instead of a dashed
# line. North Korea's borders with China (the Yalu and the Tumen) and with
# Russia (the last reach of the Tumen).
RIVER_BORDERS = {frozenset(("KP", "CN")), frozenset(("KP", "RU"))}


def border_mask(codes, land, rivers: bool):
    """Bitmask of edges where a tile meets another country (1 N, 2 E, 4 S, 8 W).

    ``rivers`` selects the river borders (RIVER_BORDERS), else all others.
    """
    mask = np.zeros((HEIGHT, WIDTH), dtype=np.int32)
    is_river = np.vectorize(lambda a, b: frozenset((a, b)) in RIVER_BORDERS, otypes=[bool])
    for bit, (dy, dx) in ((1, (-1, 0)), (2, (0, 1)), (4, (1, 0)), (8, (0, -1))):
        other = np.full_like(codes, "sea")
        ys = slice(max(0, dy), HEIGHT + min(0, dy))
        xs = slice(max(0, dx), WIDTH + min(0, dx))
        yd = slice(max(0, -dy), HEIGHT + min(0, -dy))
        xd = slice(max(0, -dx), WIDTH + min(0, -dx))
        other[yd, xd] = codes[ys, xs]
        differs = land & (other != "sea") & (other != codes)
        differs &= is_river(codes, other) if rivers else ~is_river(codes, other)
        mask[differs] |= bit
    return mask


def draw_tileset(country_ids):
    """The tileset image: country fills, then border overlays, then rivers."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    tiles_props: list[dict] = []
    images = []
    rng = np.random.default_rng(7)

    def fill(colour, speckle=6):
        surf = pygame.Surface((TILE, TILE), pygame.SRCALPHA)
        surf.fill(colour)
        # A calm texture: a few slightly darker and lighter specks.
        for _ in range(10):
            x, y = rng.integers(0, TILE, 2)
            d = int(rng.integers(-speckle, speckle + 1))
            c = tuple(int(min(255, max(0, v + d))) for v in colour)
            surf.set_at((int(x), int(y)), c)
        return surf

    # 0: sea
    sea = fill(SEA_COLOUR, 5)
    images.append(sea)
    tiles_props.append({"country": "sea", "land": False, "label": "Sea"})
    for cid in country_ids:
        label, colour = COUNTRIES[cid]
        images.append(fill(colour))
        tiles_props.append({"country": cid, "land": True, "label": label})
    border_first = len(images)
    for bits in range(16):
        surf = pygame.Surface((TILE, TILE), pygame.SRCALPHA)
        w = 3
        for bit, rect in ((1, (0, 0, TILE, w)), (2, (TILE - w, 0, w, TILE)),
                          (4, (0, TILE - w, TILE, w)), (8, (0, 0, w, TILE))):
            if bits & bit:
                # Dashed: two dashes per edge.
                x, y, rw, rh = rect
                if rw > rh:
                    for sx in (1, 9):
                        pygame.draw.rect(surf, BORDER_COLOUR, (sx, y, 6, rh))
                else:
                    for sy in (1, 9):
                        pygame.draw.rect(surf, BORDER_COLOUR, (x, sy, rw, 6))
        images.append(surf)
        tiles_props.append({"border": bits} if bits else {})
    river_border_first = len(images)
    for bits in range(16):
        surf = pygame.Surface((TILE, TILE), pygame.SRCALPHA)
        w = 2  # the neighbour draws the other half of the river
        for bit, rect in ((1, (0, 0, TILE, w)), (2, (TILE - w, 0, w, TILE)),
                          (4, (0, TILE - w, TILE, w)), (8, (0, 0, w, TILE))):
            if bits & bit:
                pygame.draw.rect(surf, RIVER_COLOUR, rect)
        images.append(surf)
        tiles_props.append({"river_border": bits} if bits else {})
    river_first = len(images)
    for bits in range(17):
        surf = pygame.Surface((TILE, TILE), pygame.SRCALPHA)
        c, w = TILE // 2, 4
        pygame.draw.circle(surf, RIVER_COLOUR, (c, c), w // 2 + 1)
        for bit, end in ((1, (c, 0)), (2, (TILE - 1, c)), (4, (c, TILE - 1)), (8, (0, c))):
            if bits & bit:
                pygame.draw.line(surf, RIVER_COLOUR, (c, c), end, w)
        images.append(surf)
        tiles_props.append({"river": True} if bits else {})
    columns = 8
    rows = math.ceil(len(images) / columns)
    sheet = pygame.Surface((columns * TILE, rows * TILE), pygame.SRCALPHA)
    sheet.fill((0, 0, 0, 0))
    for i, img in enumerate(images):
        sheet.blit(img, ((i % columns) * TILE, (i // columns) * TILE))
    pygame.image.save(sheet, str(OUT / "tiles.png"))
    return tiles_props, (columns * TILE, rows * TILE), border_first, river_border_first, river_first


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    codes, land = rasterise_countries()
    country_ids = [c for c in COUNTRIES if (codes == c).any()]
    tiles_props, size, border_first, river_border_first, river_first = draw_tileset(country_ids)
    write_tileset(OUT / "tiles.tsx", "overland", "tiles.png", size, TILE, tiles_props)

    ground = np.zeros((HEIGHT, WIDTH), dtype=np.int32)
    for i, cid in enumerate(["sea", *country_ids]):
        ground[codes == cid] = i + 1  # gid = tile id + 1
    bmask = border_mask(codes, land, rivers=False)
    borders = np.where(bmask > 0, border_first + bmask + 1, 0)
    rbmask = border_mask(codes, land, rivers=True)
    river_borders = np.where(rbmask > 0, river_border_first + rbmask + 1, 0)
    # The Tumen and the Yalu are drawn as the border itself (above); the
    # Mekong, which runs through and between countries, along its towns.
    rmask, _rnames = river_masks(["mekong"])
    rivers = np.where(rmask > 0, river_first + rmask + 1, 0)

    objects = []
    for pid, (label, lon, lat, role, country, note) in PLACES.items():
        x, y = to_tiles(lon, lat)
        objects.append({
            "kind": "place" if role not in ("region", "country") else "label",
            "name": pid,
            "x": float(x),
            "y": float(y),
            "properties": {"label": label, "lon": float(lon), "lat": float(lat), "role": role,
                           "country": country, "note": note},
        })
    rivers_obj = []
    for river, points in RIVERS.items():
        xs, ys = to_tiles([p[0] for p in points], [p[1] for p in points])
        pts = list(zip((float(v) for v in xs), (float(v) for v in ys)))
        rivers_obj.append({"kind": "river", "name": river, "x": pts[0][0], "y": pts[0][1], "points": pts,
                           "properties": {"label": river.capitalize()}})
    write_map(
        OUT / "map.tmx",
        TILE,
        "tiles.tsx",
        {"ground": ground, "borders": borders, "river_borders": river_borders, "rivers": rivers},
        objects={"places": objects, "rivers": rivers_obj},
        properties={
            "title": "North-east and south-east Asia",
            "projection": "equirectangular",
            "standard_parallel": STANDARD_PARALLEL,
            "earth_radius_km": EARTH_RADIUS_KM,
            "km_per_tile": KM_PER_TILE,
            "lon_min": round(LON_MIN, 6),
            "lon_max": round(float(LON_MAX), 6),
            "lat_min": round(float(LAT_MIN), 6),
            "lat_max": round(LAT_MAX, 6),
            "source_land": "global-land-mask (GLOBE 1 km land/sea grid)",
            "source_borders": "Natural Earth 1:110m admin-0 outlines, as shipped by countryinfo (de facto boundaries)",
            "source_places": "town coordinates from GeoNames and encyclopaedia entries, rounded to 0.01 degree",
        },
    )
    counts = {c: int((codes == c).sum()) for c in ["sea", *country_ids]}
    print(f"map {WIDTH}x{HEIGHT} tiles, lon {LON_MIN}..{LON_MAX:.2f}, lat {LAT_MIN:.2f}..{LAT_MAX}")
    print("tiles per country:", counts)


if __name__ == "__main__":
    main()
