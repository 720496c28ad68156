"""Generate the map of "Fog on the line": a strip across the DMZ.

    /work/venv/bin/python tools/make_fog_map.py      (writes levels/fog/)

A sketch of the documented layout, not a survey of one place: 120 x 160
tiles of 25 m (3 km wide, 4 km deep: 2 km each side of the Military
Demarcation Line, the DMZ's width). North is at the top; the player starts
behind the North's fences and moves south.

* Two fences on the North's side, a barbed-wire fence and an electrified
  one, and the South's fence, about 4 m high, to the south beyond the goal
  (the soldier of 2 October 2012 got over all three: dmz.fences_2012). The
  heights of the North's fences are not reported: 3 m is assumed.
* Two North guard posts about 1.7 km apart (about 160 posts along some
  250 km: one every 1.5 km or so, dmz.guard_posts); one South post, the goal.
* Patrol paths between the posts and along the fences; minefields near the
  fences, round the posts and beside the paths, never on them (dmz.mines).
* The line's markers every 250 m (one every 200-300 m: dmz.mdl_markers).
* Terrain that hides or exposes: forest on the hills, tall grass in the
  valleys, streams, open frozen ground, cleared strips by the fences.
* A drain under each of the North's fences where the stream rises behind
  them (a man got under the South's coastal wire through a drain in 2021:
  dmz.drain_2021; where drains lie here is a sketch).

Deterministic: a fixed seed, the same files every time.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import dmz_tiles as art  # noqa: E402
from dmz_tiles import T, pygame  # noqa: E402
from tmxwrite import wang_lookup, write_map, write_tileset  # noqa: E402

SEED = 20171221
W, H = 120, 160
METRES_PER_TILE = 25.0
MDL_Y = 80  # the line runs along the top edge of row 80
FENCES = [(9, 3.0, "barbed_wire"), (12, 3.0, "electrified")]  # the North's: row, height in metres, kind
SOUTH_FENCE = (152, 4.0)  # the South's fence, about 4 m high (dmz.fences_2012)
OUT = Path(__file__).resolve().parents[1] / "levels" / "fog"

# name -> (properties, painter)
TILES: list[tuple[str, dict]] = [
    ("open", {"terrain": "open", "cover": 0.05, "speed": 1.0, "noise": 1.0}),
    ("tall_grass", {"terrain": "tall_grass", "cover": 0.45, "speed": 0.8, "noise": 1.3}),
    ("forest", {"terrain": "forest", "cover": 0.65, "speed": 0.7, "noise": 1.3}),
    ("scrub", {"terrain": "scrub", "cover": 0.3, "speed": 0.85, "noise": 1.1}),
    ("water", {"terrain": "stream", "cover": 0.15, "speed": 0.45, "noise": 1.6, "water": True}),
    ("cleared", {"terrain": "cleared", "cover": 0.0, "speed": 0.95, "noise": 0.9}),
    ("path", {"terrain": "path", "cover": 0.0, "speed": 1.1, "noise": 0.7, "track": True}),
    ("road", {"terrain": "road", "cover": 0.0, "speed": 1.15, "noise": 0.8, "track": True}),
    ("hill", {"terrain": "hill", "cover": 0.3, "speed": 0.75, "noise": 1.0}),
    ("post_north", {"terrain": "guard_post", "side": "north", "cover": 0.0, "speed": 0.0, "blocked": True}),
    ("post_south", {"terrain": "guard_post", "side": "south", "cover": 0.0, "speed": 0.0, "blocked": True}),
    ("yard", {"terrain": "yard", "cover": 0.0, "speed": 1.0, "noise": 0.8}),
    ("fence3", {"fence": True, "fence_height_m": 3.0}),
    ("fence4", {"fence": True, "fence_height_m": 4.0}),
    ("mines_light", {"mine_density": 0.35}),
    ("mines_dense", {"mine_density": 1.0}),
    ("mines_dense_sign", {"mine_density": 1.0}),
    ("mdl_marker", {"mdl": True, "marker": True}),
    ("mdl_line", {"mdl": True}),
    ("barracks", {"terrain": "barracks", "cover": 0.0, "speed": 0.0, "blocked": True}),
    ("fence_electric", {"fence": True, "fence_height_m": 3.0}),  # drawn with insulators; the same to the model as fence3
]
ID = {name: i for i, (name, _) in enumerate(TILES)}

# winter colours: frosted grass, straw, dark pines
C_OPEN = (170, 172, 140)
C_TALL = (186, 174, 122)
C_FOREST = (74, 102, 82)
C_SCRUB = (156, 160, 124)
C_WATER = (92, 140, 176)
C_CLEARED = (146, 126, 98)
C_PATH = (200, 184, 146)
C_ROAD = (158, 156, 148)
C_HILL = (150, 150, 108)
C_CONCRETE = (128, 128, 122)
C_YARD = (184, 182, 172)


def fence_tile(name: str) -> pygame.Surface:
    """A fence running east-west: posts every 8 px, strands of wire; barbs on
    the barbed-wire fence, white insulators on the electrified one, a coil
    along the top of the South's taller fence."""
    s = art.clear()
    wire = (62, 62, 66)
    strands = (4, 8, 12) if name != "fence4" else (3, 6, 9, 12)
    for y in strands:
        pygame.draw.line(s, wire, (0, y), (T - 1, y))
    if name == "fence3":
        for y in strands:
            for x in (2, 6, 10, 14):
                pygame.draw.line(s, wire, (x - 1, y - 1), (x + 1, y + 1))
    if name == "fence4":
        for x in range(0, T, 4):
            pygame.draw.circle(s, (96, 96, 100), (x + 2, 2), 2, 1)
    for x in (3, 11):
        pygame.draw.line(s, (0, 0, 0, 90), (x + 1, 2), (x + 1, 15), 2)  # shadow
        pygame.draw.rect(s, (176, 172, 160), pygame.Rect(x - 1, 1, 3, 14))  # concrete post
        pygame.draw.rect(s, (36, 32, 28), pygame.Rect(x - 1, 1, 3, 14), 1)
        if name == "fence_electric":
            for y in strands:
                s.set_at((x + 2, y), (250, 250, 250))
                s.set_at((x - 2, y), (250, 250, 250))
    return s


def draw_tiles() -> list[pygame.Surface]:
    out = []
    for i, (name, _) in enumerate(TILES):
        seed = SEED + i * 101
        if name == "open":
            s = art.textured(C_OPEN, seed)
            art.strokes(s, art.shade(C_OPEN, 0.86), seed, 5, length=2)
        elif name == "tall_grass":
            s = art.textured(C_TALL, seed, 0.05)  # calm strokes: a field, not a pattern
            art.strokes(s, art.shade(C_TALL, 0.84), seed, 7, length=4)
            art.strokes(s, art.shade(C_TALL, 1.08), seed + 1, 3, length=3)
        elif name == "forest":
            s = art.textured(art.shade(C_FOREST, 0.9), seed, 0.05)
            for cx, cy, r in ((4, 4, 4), (12, 6, 4), (6, 12, 4), (13, 13, 3)):
                art.blob_tree(s, cx, cy, r, C_FOREST)
        elif name == "scrub":
            s = art.textured(C_OPEN, seed)
            for cx, cy, r in ((5, 6, 3), (12, 12, 2)):  # two low bushes, soft
                pygame.draw.circle(s, art.shade(C_SCRUB, 0.82), (cx, cy), r)
                pygame.draw.circle(s, art.shade(C_SCRUB, 0.9), (cx - 1, cy - 1), max(1, r - 2))
        elif name == "water":
            s = art.textured(C_WATER, seed, 0.03)
            for y in (4, 9, 13):
                pygame.draw.line(s, art.shade(C_WATER, 1.2), (2 + y % 5, y), (7 + y % 5, y))
        elif name == "cleared":
            s = art.textured(C_CLEARED, seed, 0.05)
            for y in (3, 7, 11, 15):
                pygame.draw.line(s, art.shade(C_CLEARED, 0.85), (0, y), (T - 1, y))
        elif name == "path":
            s = art.textured(C_PATH, seed, 0.04)
            art.dots(s, art.shade(C_PATH, 0.85), seed, 6)
        elif name == "road":
            s = art.textured(C_ROAD, seed, 0.05)
            art.dots(s, art.shade(C_ROAD, 0.8), seed, 10)
        elif name == "hill":
            s = art.textured(C_HILL, seed, 0.04)
            pygame.draw.arc(s, art.shade(C_HILL, 0.85), pygame.Rect(-6, 3, 28, 22), 0.3, 2.8)
            art.strokes(s, art.shade(C_HILL, 0.85), seed, 3, length=2)
        elif name in ("post_north", "post_south", "barracks"):
            roof = {"post_north": art.shade(art.VERMILLION, 0.85), "post_south": art.BLUE,
                    "barracks": art.shade(C_CONCRETE, 0.9)}[name]
            s = art.textured(roof, seed, 0.03)
            pygame.draw.line(s, art.shade(roof, 0.8), (0, 7), (T - 1, 7))
            pygame.draw.line(s, art.shade(roof, 1.15), (0, 8), (T - 1, 8))
        elif name == "yard":
            s = art.textured(C_YARD, seed, 0.03)
        elif name in ("fence3", "fence4", "fence_electric"):
            s = fence_tile(name)
        elif name == "mines_light":
            s = art.clear()
            s.fill((*art.VERMILLION, 28))
            for x, y in ((4, 4), (12, 11), (11, 3), (4, 12)):
                pygame.draw.circle(s, (*art.VERMILLION, 150), (x, y), 1)
        elif name in ("mines_dense", "mines_dense_sign"):
            s = art.clear()
            s.fill((*art.VERMILLION, 52))
            for k in range(-T, T, 8):
                pygame.draw.line(s, (*art.VERMILLION, 120), (k, T - 1), (k + T - 1, 0))
            if name == "mines_dense_sign":  # a triangle on a post
                pygame.draw.line(s, (40, 34, 28), (8, 9), (8, 15), 2)
                art.warning_triangle(s, 8, 6, 5)
                pygame.draw.polygon(s, (20, 20, 20), [(8, 1), (3, 10), (13, 10)], 1)
        elif name == "mdl_marker":
            s = art.clear()
            pygame.draw.line(s, (0, 0, 0, 90), (9, 4), (9, 15), 2)  # shadow
            pygame.draw.line(s, (60, 50, 30), (8, 2), (8, 14), 2)
            pygame.draw.rect(s, art.YELLOW, pygame.Rect(2, 1, 12, 7))
            pygame.draw.rect(s, (20, 20, 20), pygame.Rect(2, 1, 12, 7), 1)
            pygame.draw.line(s, (20, 20, 20), (5, 4), (10, 4))  # the board's lettering, as a mark
        elif name == "mdl_line":
            s = art.clear()
            for x in range(0, T, 8):
                pygame.draw.line(s, (*art.YELLOW, 170), (x, 0), (x + 3, 0), 2)
        else:
            raise ValueError(name)
        out.append(s)
    return out


# Grounds that spill over their neighbours' edges (Tiled corner Wang sets), lowest
# first: (set name, the tile drawn at the edge, reach in tiles, the tiles it is,
# the tiles its edges fall on). The river's banks are mud on the land beside it.
LAND = {"open", "tall_grass", "scrub", "hill", "cleared", "forest", "path", "road"}
BLENDS = [
    ("bank", "bank", 0.3, {"water"}, LAND),
    ("ground", "open", 0.4, {"open", "hill"}, {"path", "road", "cleared"}),
    ("grass", "tall_grass", 0.5, {"tall_grass", "scrub"}, {"open", "hill", "path", "road", "cleared"}),
    ("forest", "forest", 0.55, {"forest"}, {"open", "hill", "tall_grass", "scrub", "path", "road", "cleared"}),
]
C_BANK = (112, 100, 74)



# The play screen's key (levels/fog/legend.toml): tiles by name, or a symbol the scene draws.
LEGEND = [
    {"label": "You, and the way you came", "symbol": "player", "colour": art.SKY},
    {"label": "A guard, when you could see him", "symbol": "guard", "colour": art.VERMILLION},
    {"label": "A patrol you hear but cannot see", "symbol": "sound", "colour": art.ORANGE},
    {"label": "The North's guard post: red roof", "tiles": ["post_north", "tower_north"]},
    {"label": "The South's guard post: blue roof", "tiles": ["post_south", "tower_south"]},
    {"label": "Fence: posts and barbed wire", "tiles": ["cleared", "fence3"]},
    {"label": "Electrified fence: white insulators", "tiles": ["cleared", "fence_electric"]},
    {"label": "A drain under the wire: you can crawl through", "symbol": "drain", "colour": art.SKY},
    {"label": "Minefield: hatching, triangle signs", "tiles": ["tall_grass", "mines_dense", "mines_dense_sign"]},
    {"label": "The line and its yellow marker posts", "tiles": ["open", "mdl_line", "mdl_marker"]},
    {"label": "Forest", "tiles": ["forest"]},
    {"label": "Tall grass", "tiles": ["tall_grass"]},
    {"label": "Stream", "tiles": ["water"]},
    {"label": "Patrol path", "tiles": ["path"]},
]


# --------------------------------------------------------------- the layout

POST_W = (22, 30)  # North guard post west (top-left tile of a 3x3 compound)
POST_E = (88, 44)  # North guard post east (1.7 km from the west one)
POST_S = (64, 99)  # the South's guard post (the goal)
START = (60.5, 5.5)
BARRACKS = (58, 1)

PATROLS = {
    # along the fence road behind the North's fences
    "fence_road": [(4.5, 5.5), (116.5, 5.5)],
    # from the west post to the east post through the middle ground
    "middle": [(23.5, 33.5), (36.5, 42.5), (58.5, 50.5), (74.5, 48.5), (89.5, 45.5)],
    # the southern patrol just north of the line
    "line": [(6.5, 71.5), (30.5, 73.5), (60.5, 69.5), (84.5, 72.5), (113.5, 68.5)],
}
# where each patrol is on its round (0..1 = there and back) when the player sets out
ROUND_START = {"fence_road": 0.37, "middle": 0.74, "line": 0.11}
# paths that carry no patrol of their own (links between the patrolled ones)
LINKS = [
    [(23.5, 5.5), (23.5, 29.5)],  # gate road to the west post
    [(89.5, 5.5), (89.5, 43.5)],  # to the east post
    [(23.5, 33.5), (21.5, 55.5), (20.5, 70.5), (20.5, 72.5)],  # west post down to the line patrol
    [(90.5, 47.5), (96.5, 60.5), (97.5, 70.5)],  # east post down
    [(65.5, 102.5), (65.5, 156.5)],  # the South's supply path
]


def build(rng: np.random.Generator):
    elev = art.smooth_noise(H, W, 18, rng)
    veg = art.smooth_noise(H, W, 9, rng)
    fine = art.smooth_noise(H, W, 4, rng)
    terrain = np.full((H, W), ID["open"], np.int32)
    hill = elev > 0.66
    terrain[hill] = ID["hill"]
    forest = (hill & (veg > 0.35)) | (veg + 0.25 * fine > 0.95)
    tall = ~forest & ((elev < 0.42) & (veg > 0.35) | (veg > 0.72))
    scrub = ~forest & ~tall & (veg + 0.2 * fine > 0.72)
    terrain[tall] = ID["tall_grass"]
    terrain[scrub] = ID["scrub"]
    terrain[forest] = ID["forest"]

    # streams: one meandering north to south, one along the line's valley
    ys = np.arange(H)
    sx = 94 + 9 * np.sin(ys / 17.0) - 0.35 * ys + 3 * (art.smooth_noise(H, 1, 12, rng)[:, 0] - 0.5)
    for y in range(14, H):
        x = int(round(sx[y]))
        if 0 <= x < W:
            terrain[y, x] = ID["water"]
            for dx in (-2, -1, 1, 2):
                if 0 <= x + dx < W and terrain[y, x + dx] in (ID["open"], ID["scrub"], ID["hill"]):
                    terrain[y, x + dx] = ID["tall_grass"]
    xs = np.arange(W)
    sy = 86 + 3 * np.sin(xs / 9.0) + 2 * np.sin(xs / 23.0 + 1)
    prev = None
    for x in range(W):
        y = int(round(sy[x]))
        cells = [(x, y)] if prev is None or prev == y else [(x, yy) for yy in range(min(prev, y), max(prev, y) + 1)]
        for cx, cy in cells:
            terrain[cy, cx] = ID["water"]
            for dy in (-2, -1, 1, 2):
                if terrain[cy + dy, cx] in (ID["open"], ID["scrub"], ID["hill"]):
                    terrain[cy + dy, cx] = ID["tall_grass"]
        prev = y

    # the North's rear: a road and the player's barracks
    terrain[0:8, :] = np.where(veg[0:8, :] > 0.6, ID["scrub"], ID["open"])
    terrain[5, :] = ID["road"]
    terrain[BARRACKS[1]:BARRACKS[1] + 3, BARRACKS[0]:BARRACKS[0] + 5] = ID["barracks"]

    # cleared strips along the fences (the ground by a fence is kept bare)
    for row, _h, _kind in FENCES:
        for r in (row - 1, row, row + 1):
            terrain[r, :] = ID["cleared"]
    terrain[10:12, :] = ID["cleared"]

    # guard posts: a concrete compound with a yard round it
    def compound(top_left, tile):
        x0, y0 = top_left
        terrain[y0 - 1:y0 + 4, x0 - 1:x0 + 4] = ID["yard"]
        terrain[y0:y0 + 3, x0:x0 + 3] = ID[tile]

    for p in (POST_W, POST_E):
        compound(p, "post_north")
    compound(POST_S, "post_south")

    path = np.zeros((H, W), bool)
    for line in list(PATROLS.values()) + LINKS:
        for x, y in art.raster_polyline(line):
            if 0 <= x < W and 0 <= y < H:
                path[y, x] = True
    on_path = path & (terrain != ID["post_north"]) & (terrain != ID["post_south"]) & (terrain != ID["road"])
    terrain[on_path] = ID["path"]

    # fences on their own layer
    features = np.zeros((H, W), np.int32)
    for row, height, kind in FENCES:
        tile = "fence4" if height >= 4 else ("fence_electric" if kind == "electrified" else "fence3")
        features[row, :] = ID[tile] + 1
    # the South's own fence far to the south, beyond the goal
    features[SOUTH_FENCE[0], :] = ID["fence4"] + 1
    for r in (151, 153):
        terrain[r, :] = ID["cleared"]
    terrain[152, :] = ID["cleared"]

    # minefields: relative density 0..1 per tile, then quantised to tiles
    dens = np.zeros((H, W))
    # between and beside the North's fences, in patches
    patch = art.smooth_noise(H, W, 6, rng)
    dens[10:12, :] = np.where(patch[10:12, :] > 0.45, 1.0, 0.35)
    # and a belt on the approach south of the electrified fence
    for row in (FENCES[-1][0] + 3,):
        for r in (row - 1, row, row + 1, row + 2):
            dens[r, :] = np.maximum(dens[r, :], np.where(patch[r, :] > 0.55, 1.0, np.where(patch[r, :] > 0.3, 0.35, 0.0)))
    # rings round the North's posts
    yy, xx = np.mgrid[0:H, 0:W]
    for (px, py) in (POST_W, POST_E):
        d = np.hypot(xx - (px + 1), yy - (py + 1))
        dens = np.maximum(dens, np.where((d > 3.0) & (d < 6.5), 1.0, np.where((d >= 6.5) & (d < 8.5), 0.35, 0.0)))
    d = np.hypot(xx - (POST_S[0] + 1), yy - (POST_S[1] + 1))
    south_ring = (d > 3.0) & (d < 6.0) & ~((yy < POST_S[1]) & (np.abs(xx - (POST_S[0] + 1.5)) < 4))
    dens = np.maximum(dens, np.where(south_ring, 1.0, 0.0))
    # approaches: beside the paths (one tile off), in patches
    near_path = np.zeros_like(path)
    for dy in (-2, -1, 0, 1, 2):
        for dx in (-2, -1, 0, 1, 2):
            near_path |= np.roll(np.roll(path, dy, 0), dx, 1)
    beside = near_path & ~path
    patch2 = art.smooth_noise(H, W, 5, rng)
    dens = np.maximum(dens, np.where(beside & (patch2 > 0.62) & (yy > 14) & (yy < 79), 1.0, 0.0))
    # scattered old fields in the middle ground
    patch3 = art.smooth_noise(H, W, 7, rng)
    dens = np.maximum(dens, np.where((patch3 > 0.8) & (yy > 14) & (yy < 140), 0.35, 0.0))
    # never on paths, roads, posts, water, the rear, or the goal's approach
    clear_of_mines = path | (terrain == ID["road"]) | (terrain == ID["post_north"]) | (terrain == ID["post_south"])
    clear_of_mines |= terrain == ID["yard"]
    clear_of_mines |= yy < 9
    for row, _h, _kind in FENCES:
        clear_of_mines[row, :] = True
    dens[clear_of_mines] = 0.0
    dense_tile = np.where(((xx % 6) == 0) & ((yy % 4) == 0), ID["mines_dense_sign"], ID["mines_dense"])
    mines = np.where(dens >= 0.99, dense_tile + 1, np.where(dens > 0.0, ID["mines_light"] + 1, 0)).astype(np.int32)

    marks = np.zeros((H, W), np.int32)
    marks[MDL_Y, :] = ID["mdl_line"] + 1
    marker_xs = list(range(5, W, 10))
    for x in marker_xs:
        marks[MDL_Y, x] = ID["mdl_marker"] + 1

    layers = {
        "terrain": terrain + 1,
        "fences": features,
        "mines": mines,
        "marks": marks,
    }
    objects = {"places": [], "guards": [], "lines": []}
    objects["places"].append({"kind": "start", "name": "start", "x": START[0], "y": START[1],
                              "properties": {"label": "Your post"}})
    objects["places"].append({"kind": "goal", "name": "goal", "x": POST_S[0] - 1, "y": POST_S[1] - 3,
                              "width": 5, "height": 2, "properties": {"label": "The South's guard post"}})
    for name, (px, py), side in (("post_west", POST_W, "north"), ("post_east", POST_E, "north"), ("post_south", POST_S, "south")):
        objects["places"].append({"kind": "guard_post", "name": name, "x": px, "y": py, "width": 3, "height": 3,
                                  "properties": {"side": side, "sentry": side == "north"}})
    for name, pts in PATROLS.items():
        objects["guards"].append({"kind": "guard", "name": name, "x": pts[0][0], "y": pts[0][1], "points": pts,
                                  "properties": {"side": "north", "patrol": True, "round_start": ROUND_START[name]}})
    for i, (row, height, kind) in enumerate(FENCES):
        objects["lines"].append({"kind": "fence", "name": f"fence_{i + 1}", "x": 0, "y": row + 0.5,
                                 "points": [(0, row + 0.5), (W, row + 0.5)],
                                 "properties": {"side": "north", "height_m": height, "fence_kind": kind}})
    drain_x = int(round(sx[14]))  # the stream's head, just south of the fences
    sy, sh = SOUTH_FENCE
    objects["lines"].append({"kind": "fence", "name": "fence_south", "x": 0, "y": sy + 0.5,
                             "points": [(0, sy + 0.5), (W, sy + 0.5)],
                             "properties": {"side": "south", "height_m": sh, "fence_kind": "south"}})
    objects["lines"].append({"kind": "mdl", "name": "mdl", "x": 0, "y": MDL_Y, "points": [(0, MDL_Y), (W, MDL_Y)]})
    for k, x in enumerate(marker_xs):
        objects["lines"].append({"kind": "mdl_marker", "name": f"marker_{k + 1}", "x": x + 0.5, "y": MDL_Y + 0.5,
                                 "properties": {"number": k + 1}})
    for i, (row, _h, _kind) in enumerate(FENCES):
        objects["lines"].append({"kind": "drain", "name": f"drain_{i + 1}", "x": drain_x, "y": row, "width": 1, "height": 1,
                                 "properties": {"label": "A drain under the wire"}})
    properties = {
        "metres_per_tile": METRES_PER_TILE,
        "mdl_y": float(MDL_Y),
        "north": "up",
        "title": "A strip across the DMZ (a sketch of the documented layout, not a survey)",
        "sources": "dmz.width, dmz.guard_posts, dmz.fences_2012, dmz.mdl_markers, dmz.mines",
        "generator": "tools/make_fog_map.py",
        "signal_layers": "fences,mines,marks,landmarks",  # drawn in full colour at night too (game/world/render.py)
        "seed": SEED,
    }
    return layers, objects, properties


def main() -> None:
    pygame.init()
    rng = np.random.default_rng(SEED)
    OUT.mkdir(parents=True, exist_ok=True)
    tiles = draw_tiles()
    bank = art.textured(C_BANK, SEED + 7001, 0.06)
    art.dots(bank, art.shade(C_BANK, 1.25), SEED + 7002, 6)
    edges, wangsets = art.wang_edges(tiles, BLENDS, ID, {"bank": bank}, SEED)
    first_outline = len(tiles) + len(edges)
    edges += art.outline_tiles()
    wangsets.append(art.edge_wangset(first_outline))
    towers = {"north": len(tiles) + len(edges), "south": len(tiles) + len(edges) + 1}
    edges += [art.tower(art.shade(art.VERMILLION, 0.85), art.VERMILLION), art.tower(art.BLUE, (245, 245, 245), art.BLUE)]
    image = art.sheet(tiles + edges)
    pygame.image.save(image, str(OUT / "tiles.png"))
    write_tileset(OUT / "tiles.tsx", "fog", "tiles.png", image.get_size(), T, [p for _, p in TILES] + [{}] * len(edges), wangsets)
    art.write_legend(OUT / "legend.toml", "The key to the map of \"Fog on the line\" (game/ui/legend.py): tiles are ids in\ntiles.tsx, drawn one over another; a symbol is a mark the play screen draws.",
                     LEGEND, {**ID, "tower_north": towers["north"], "tower_south": towers["south"]})
    layers, objects, properties = build(rng)
    lookup = wang_lookup(OUT / "tiles.tsx")
    layers = art.with_blends(layers, BLENDS, ID, lookup)
    terrain = layers["terrain"] - 1
    outline = art.outline_layer(terrain, [{ID["post_north"]}, {ID["post_south"]}, {ID["barracks"]}], lookup)
    towers_layer = np.zeros_like(terrain)
    for (px, py), side in ((POST_W, "north"), (POST_E, "north"), (POST_S, "south")):
        towers_layer[py + 1, px + 1] = towers[side] + 1
    rest = {k: v for k, v in layers.items() if not k.startswith("blend_") and k != "terrain"}
    layers = {k: v for k, v in layers.items() if k == "terrain" or k.startswith("blend_")}
    layers.update({"outline": outline, **rest, "landmarks": towers_layer})
    write_map(OUT / "map.tmx", T, "tiles.tsx", layers, objects, properties)
    print(f"wrote {OUT / 'map.tmx'} ({W}x{H} tiles of {METRES_PER_TILE:g} m)")


if __name__ == "__main__":
    main()
