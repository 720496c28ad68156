"""Generate the map of "The JSA dash": the last stretch to the line at Panmunjom.

    /work/venv/bin/python tools/make_jsa_map.py      (writes levels/jsa/)

A simplified sketch, not a survey: 90 x 120 tiles of 2 m (180 m x 240 m)
of the Joint Security Area (which measures 800 m by 400 m: jsa.size). North
at the top. The road comes down from the North's side; the jeep's wheel
drops into a drainage ditch about 10 m short of the line (jsa.ditch); the low buildings that
straddle the line stand to the west and east; about 50 m south of the line
(where the soldier of 13 Nov 2017 was found: jsa.found) stand a wall and a
building of the South. Pursuers' positions when the jeep sticks are objects.

Deterministic: a fixed seed, the same files every time.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dmz_tiles as art  # noqa: E402
from dmz_tiles import T, pygame  # noqa: E402
from tmxwrite import wang_lookup, write_map, write_tileset  # noqa: E402

SEED = 20171113
W, H = 90, 120
METRES_PER_TILE = 2.0
MDL_Y = 83
# the wheel's tile, 5 tiles (10 m) north of the line: jsa.ditch
DITCH_Y = MDL_Y - 5
OUT = Path(__file__).resolve().parents[1] / "levels" / "jsa"

TILES: list[tuple[str, dict]] = [
    ("grass", {"terrain": "grass", "cover": 0.0, "speed": 1.0}),
    ("road", {"terrain": "road", "cover": 0.0, "speed": 1.0}),
    ("paving", {"terrain": "paving", "cover": 0.0, "speed": 1.0}),
    ("gravel", {"terrain": "gravel", "cover": 0.0, "speed": 0.95}),
    ("ditch", {"terrain": "ditch", "cover": 0.3, "speed": 0.5}),
    ("trees", {"terrain": "trees", "cover": 0.5, "speed": 0.8}),
    ("building_north", {"terrain": "building", "side": "north", "cover": 1.0, "speed": 0.0, "blocked": True, "opaque": True}),
    ("hut", {"terrain": "hut", "cover": 1.0, "speed": 0.0, "blocked": True, "opaque": True}),
    ("building_south", {"terrain": "building", "side": "south", "cover": 1.0, "speed": 0.0, "blocked": True, "opaque": True}),
    ("wall", {"terrain": "wall", "cover": 1.0, "speed": 0.0, "blocked": True, "opaque": True}),
    ("mdl_kerb", {"mdl": True}),
    ("leaves", {"terrain": "leaves", "cover": 0.2, "speed": 0.9}),
]
ID = {name: i for i, (name, _) in enumerate(TILES)}

C_GRASS = (158, 162, 128)
C_ROAD = (104, 104, 102)
C_PAVING = (176, 174, 166)
C_GRAVEL = (150, 144, 130)
C_DITCH = (112, 100, 80)
C_TREES = (74, 102, 82)
C_BUILD_N = (150, 146, 138)
C_HUT = (86, 150, 200)  # the pale blue of the huts on the line (near Okabe-Ito sky blue)
C_BUILD_S = (166, 160, 150)
C_WALL = (120, 118, 112)
C_LEAVES = (168, 132, 80)

# Grounds that spill over their neighbours' edges (Tiled corner Wang sets), lowest first:
# (set name, the tile drawn at the edge, reach in tiles, the tiles it is, the tiles its edges fall on)
BLENDS = [
    ("gravel", "gravel", 0.35, {"gravel"}, {"road", "paving"}),
    ("grass", "grass", 0.4, {"grass"}, {"road", "gravel", "paving", "ditch"}),
    ("trees", "trees", 0.55, {"trees"}, {"grass", "gravel", "leaves"}),
]

# The play screen's key (levels/jsa/legend.toml): tiles by name, or a symbol the scene draws.
LEGEND = [
    {"label": "You", "symbol": "player", "colour": art.SKY},
    {"label": "A soldier chasing you", "symbol": "guard", "colour": art.VERMILLION},
    {"label": "The jeep", "symbol": "jeep", "colour": (80, 104, 72)},
    {"label": "The line: a low concrete strip", "tiles": ["paving", "mdl_kerb"]},
    {"label": "The blue buildings on the line", "tiles": ["hut"]},
    {"label": "The North's buildings", "tiles": ["building_north"]},
    {"label": "The South's building and wall", "tiles": ["building_south"]},
    {"label": "The ditch that caught the jeep", "tiles": ["ditch"]},
    {"label": "Road", "tiles": ["road"]},
    {"label": "Trees", "tiles": ["trees"]},
]


def draw_tiles() -> list[pygame.Surface]:
    out = []
    for i, (name, _) in enumerate(TILES):
        seed = SEED + i * 97
        if name == "grass":
            s = art.textured(C_GRASS, seed)
            art.strokes(s, art.shade(C_GRASS, 0.86), seed, 5, length=2)
        elif name == "road":
            s = art.textured(C_ROAD, seed, 0.04)
            art.dots(s, art.shade(C_ROAD, 1.15), seed, 5)
        elif name == "paving":
            s = art.textured(C_PAVING, seed, 0.025)
            pygame.draw.line(s, art.shade(C_PAVING, 0.95), (0, T - 1), (T - 1, T - 1))
            pygame.draw.line(s, art.shade(C_PAVING, 0.95), (T - 1, 0), (T - 1, T - 1))
        elif name == "gravel":
            s = art.textured(C_GRAVEL, seed, 0.06)
            art.dots(s, art.shade(C_GRAVEL, 0.8), seed, 9)
        elif name == "ditch":
            s = art.textured(C_DITCH, seed, 0.05)
            pygame.draw.line(s, art.shade(C_DITCH, 0.75), (0, 8), (T - 1, 8), 3)
        elif name == "trees":
            s = art.textured(art.shade(C_GRASS, 0.92), seed)
            for cx, cy, r in ((5, 5, 4), (12, 10, 4), (4, 13, 3)):
                art.blob_tree(s, cx, cy, r, C_TREES)
        elif name in ("building_north", "building_south", "hut"):
            roof = {"building_north": C_BUILD_N, "building_south": C_BUILD_S, "hut": C_HUT}[name]
            s = art.textured(roof, seed, 0.02)
            pygame.draw.line(s, art.shade(roof, 0.85), (0, 7), (T - 1, 7))
            pygame.draw.line(s, art.shade(roof, 1.1), (0, 8), (T - 1, 8))
        elif name == "wall":
            s = art.textured(C_WALL, seed, 0.03)
            for y in (3, 8, 13):
                pygame.draw.line(s, art.shade(C_WALL, 0.8), (0, y), (T - 1, y))
        elif name == "mdl_kerb":
            # the concrete strip on the ground, a shadow on its south side, a joint at the tile edge
            s = art.clear()
            pygame.draw.rect(s, (0, 0, 0, 90), pygame.Rect(0, 5, T, 2))
            pygame.draw.rect(s, (232, 230, 222, 255), pygame.Rect(0, 0, T, 5))
            pygame.draw.line(s, (90, 88, 82, 255), (0, 5), (T - 1, 5))
            pygame.draw.line(s, (150, 148, 140, 255), (T - 1, 0), (T - 1, 4))
        elif name == "leaves":
            s = art.textured(C_GRASS, seed)
            art.dots(s, C_LEAVES, seed, 14, radius=1)
            art.dots(s, art.shade(C_LEAVES, 0.8), seed + 1, 8, radius=1)
        else:
            raise ValueError(name)
        out.append(s)
    return out


def build(rng: np.random.Generator):
    terrain = np.full((H, W), ID["grass"], np.int32)

    def rect(x0, y0, x1, y1, tile):
        terrain[y0:y1, x0:x1] = ID[tile]

    # the paved ground round the line
    rect(8, 60, 82, 102, "paving")
    # the road from the North, and a gravel verge, running on across the paving to the ditch
    for y in range(0, DITCH_Y):
        x = int(round(39 + 2.0 * np.sin(y / 30.0)))
        if y < 60:  # no verge on the paving
            terrain[y, x - 3:x + 4] = ID["gravel"]
        terrain[y, x - 2:x + 3] = ID["road"]
    # the drainage ditch where the wheel dropped, about 10 m north of the line (jsa.ditch)
    rect(33, DITCH_Y, 48, DITCH_Y + 2, "ditch")
    # the North's buildings: a checkpoint by the road, a large hall, a smaller one to the west
    rect(46, 14, 51, 19, "building_north")
    rect(54, 38, 80, 50, "building_north")
    rect(8, 44, 22, 52, "building_north")
    # the huts that straddle the line
    for x0 in (12, 24, 58, 70):
        rect(x0, MDL_Y - 5, x0 + 8, MDL_Y + 5, "hut")
    # the South: a building and, in front of it, a wall as wide as the cover, with leaves piled
    # in its lee: one who reaches cover lies behind it, the wall between him and the North
    rect(26, 110, 74, 118, "building_south")
    rect(16, 106, 75, 107, "wall")
    rect(16, 107, 42, 108, "leaves")
    # trees on the grass
    trees = art.smooth_noise(H, W, 6, rng)
    grass = terrain == ID["grass"]
    terrain[grass & (trees > 0.72)] = ID["trees"]

    marks = np.zeros((H, W), np.int32)
    marks[MDL_Y, :] = ID["mdl_kerb"] + 1
    hut = terrain[MDL_Y, :] == ID["hut"]
    marks[MDL_Y, hut] = 0

    layers = {"terrain": terrain + 1, "marks": marks}
    route = [(39.5, 0.5), (40.5, 20.5), (40.8, 40.5), (40.5, 57.5), (40.5, DITCH_Y + 0.5)]
    places = [
        {"kind": "start", "name": "start", "x": route[0][0], "y": route[0][1], "properties": {"label": "The jeep"}},
        {"kind": "jeep_route", "name": "jeep_route", "x": route[0][0], "y": route[0][1], "points": route},
        {"kind": "ditch", "name": "ditch", "x": 40.5, "y": DITCH_Y + 0.5, "properties": {"label": "The wheel sticks here"}},
        # the checkpoint building by the road, where the jeep passes the guards (jsa.checkpoint)
        {"kind": "checkpoint", "name": "checkpoint", "x": 40.5, "y": 16.5, "properties": {"label": "The checkpoint"}},
        # where a jeep that clears the ditch stops: the kerb of the line, which no wheel crosses
        {"kind": "jeep_stop", "name": "jeep_stop", "x": 40.5, "y": MDL_Y - 1.0,
         "properties": {"label": "The kerb of the line"}},
        # a way to cover past the nearest hut on the line, keeping it between you and the North's
        # buildings to the west: round its south-east corner, then down behind it to the wall
        # (the screen's "along the huts")
        {"kind": "hut_way", "name": "hut_way", "x": 29.0, "y": MDL_Y + 7.0,
         "points": [(29.0, MDL_Y + 7.0), (29.0, 103.5)]},
        # reaching the band is reaching cover; he then lies in the wall's lee (``lee_y``)
        {"kind": "goal", "name": "goal", "x": 16, "y": 102, "width": 58, "height": 3,
         "properties": {"label": "Cover on the South's side", "lee_y": 107.5}},
        {"kind": "mdl", "name": "mdl", "x": 0, "y": MDL_Y, "points": [(0, MDL_Y), (W, MDL_Y)]},
    ]
    # Where the four pursuers are when the wheel drops (an assumption: the record
    # says only that four chased him). Two followed the jeep down the road, two
    # ran out from the North's buildings; all about 30-45 m from the ditch.
    pursuers = [
        {"kind": "pursuer", "name": "pursuer_1", "x": 40.5, "y": DITCH_Y - 17.0, "properties": {"side": "north"}},
        {"kind": "pursuer", "name": "pursuer_2", "x": 44.5, "y": DITCH_Y - 22.0, "properties": {"side": "north"}},
        {"kind": "pursuer", "name": "pursuer_3", "x": 57.5, "y": 52.5, "properties": {"side": "north"}},
        {"kind": "pursuer", "name": "pursuer_4", "x": 20.5, "y": 54.5, "properties": {"side": "north"}},
    ]
    properties = {
        "metres_per_tile": METRES_PER_TILE,
        "mdl_y": float(MDL_Y),
        "north": "up",
        "title": "The Joint Security Area at Panmunjom (a simplified sketch, not a survey)",
        "sources": "jsa.size, jsa.ditch, jsa.found",
        "generator": "tools/make_jsa_map.py",
        "seed": SEED,
    }
    return layers, {"places": places, "pursuers": pursuers}, properties


def main() -> None:
    pygame.init()
    rng = np.random.default_rng(SEED)
    OUT.mkdir(parents=True, exist_ok=True)
    tiles = draw_tiles()
    edges, wangsets = art.wang_edges(tiles, BLENDS, ID, {}, SEED)
    wangsets.append(art.edge_wangset(len(tiles) + len(edges)))
    edges += art.outline_tiles()
    image = art.sheet(tiles + edges)
    pygame.image.save(image, str(OUT / "tiles.png"))
    write_tileset(OUT / "tiles.tsx", "jsa", "tiles.png", image.get_size(), T, [p for _, p in TILES] + [{}] * len(edges), wangsets)
    art.write_legend(OUT / "legend.toml", "The key to the map of \"The JSA dash\" (game/ui/legend.py): tiles are ids in\ntiles.tsx, drawn one over another; a symbol is a mark the play screen draws.", LEGEND, ID)
    layers, objects, properties = build(rng)
    lookup = wang_lookup(OUT / "tiles.tsx")
    layers = art.with_blends(layers, BLENDS, ID, lookup)
    groups = [{ID[t]} for t in ("building_north", "hut", "building_south", "wall")]
    outline = art.outline_layer(layers["terrain"] - 1, groups, lookup)
    marks = layers.pop("marks")
    layers.update({"outline": outline, "marks": marks})
    write_map(OUT / "map.tmx", T, "tiles.tsx", layers, objects, properties)
    print(f"wrote {OUT / 'map.tmx'} ({W}x{H} tiles of {METRES_PER_TILE:g} m)")


if __name__ == "__main__":
    main()
