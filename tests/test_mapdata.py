import sys
from pathlib import Path

import numpy as np
import pytest

from game.world.mapdata import MapError, load_map

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from tmxwrite import write_map, write_png, write_tileset  # noqa: E402


@pytest.fixture
def good_map(tmp_path):
    write_tileset(tmp_path / "t.tsx", "t", "t.png", (32, 16), 16, [{"terrain": "grass", "cover": 0.2}, {"terrain": "forest", "cover": 0.7}])
    write_png(tmp_path / "t.png", 32, 16)
    write_map(
        tmp_path / "m.tmx", 16, "t.tsx",
        {"ground": np.array([[1, 2, 1], [2, 2, 1]]), "top": np.array([[0, 0, 0], [0, 1, 0]])},
        {"things": [{"kind": "goal", "name": "post", "x": 2, "y": 1, "properties": {"side": "south"}}]},
        {"metres_per_tile": 20},
    )
    return tmp_path / "m.tmx"


def test_layers_become_arrays(good_map):
    m = load_map(good_map)
    assert (m.width, m.height) == (3, 2)
    np.testing.assert_allclose(m.prop("cover"), [[0.2, 0.7, 0.2], [0.7, 0.2, 0.2]])  # upper layer wins
    codes, names = m.labels("terrain")
    assert names[codes[0, 1]] == "forest"
    assert m.properties["metres_per_tile"] == 20


def test_objects_are_typed_in_tiles(good_map):
    m = load_map(good_map)
    goal = m.objects_of("goal")[0]
    assert (goal.x, goal.y, goal.name, goal.properties["side"]) == (2.0, 1.0, "post", "south")
    with pytest.raises(MapError, match="no object named"):
        m.object_named("nothing")


def test_missing_file_named(tmp_path):
    with pytest.raises(MapError, match="missing.tmx"):
        load_map(tmp_path / "missing.tmx")


def test_broken_xml_named(tmp_path):
    bad = tmp_path / "bad.tmx"
    bad.write_text("<map><layer", encoding="utf-8")
    with pytest.raises(MapError, match="bad.tmx"):
        load_map(bad)


def test_missing_tileset_named(tmp_path, good_map):
    (tmp_path / "t.tsx").unlink()
    with pytest.raises(MapError, match="m.tmx"):
        load_map(good_map)


def test_real_maps_load():
    from game.levels import load_all

    for sc in load_all():
        if sc.map_file:
            m = load_map(sc.map_file)
            assert m.width > 0 and m.layers


# ---- broken map assets are found when the map loads (issue 12) ---------------

import shutil  # noqa: E402

from game.paths import levels_dir  # noqa: E402


@pytest.fixture
def fog_copy(tmp_path):
    folder = tmp_path / "fog"
    shutil.copytree(levels_dir() / "fog", folder)
    return folder


def _edit(file, old, new):
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _truncate(file):
    file.write_bytes(file.read_bytes()[:200])


def _flip_byte(file):
    data = bytearray(file.read_bytes())
    data[len(data) // 2] ^= 0xFF
    file.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "breakage, message",
    [
        (lambda f: (f / "tiles.png").unlink(), "tiles.png: the tileset picture is missing"),
        (lambda f: (f / "tiles.png").write_bytes(b"not a picture"), "tiles.png: the tileset picture is not a PNG"),
        (lambda f: _truncate(f / "tiles.png"), "tiles.png: the tileset picture is damaged"),
        (lambda f: _flip_byte(f / "tiles.png"), "tiles.png: the tileset picture is damaged"),
        (lambda f: _edit(f / "map.tmx", "\n4,4,4,4", "\n999,4,4,4"), "uses tile 999 at column 0, row 0, which is in no tileset"),
        (lambda f: _edit(f / "map.tmx", "\n4,4,4,4", "\n-3,4,4,4"), "at column 0, row 0, which is in no tileset"),
        (lambda f: _edit(f / "map.tmx", 'tilewidth="16"', 'tilewidth="0"'), "tilewidth is '0'"),
        (lambda f: _edit(f / "map.tmx", 'infinite="0"', 'infinite="1"'), "infinite (chunked)"),
        (lambda f: _edit(f / "tiles.tsx", 'source="tiles.png" width=', 'source="tiles.png"  width='), None),
        (lambda f: _edit(f / "tiles.tsx", 'width="128"', 'width="256"'), "outside its picture"),
    ],
)
def test_broken_assets_are_found_at_load(fog_copy, breakage, message):
    breakage(fog_copy)
    if message is None:  # a harmless edit: still loads
        load_map(fog_copy / "map.tmx")
        return
    with pytest.raises(MapError) as err:
        load_map(fog_copy / "map.tmx")
    assert message in str(err.value)
    assert str(fog_copy) in str(err.value)


def test_a_chunked_map_gets_a_real_reason(tmp_path):
    bad = tmp_path / "inf.tmx"
    bad.write_text(
        '<?xml version="1.0"?><map version="1.10" orientation="orthogonal" width="16" height="16" '
        'tilewidth="16" tileheight="16" infinite="1"><layer id="1" name="a" width="16" height="16">'
        '<data encoding="csv"><chunk x="0" y="0" width="16" height="16">' + ",".join(["0"] * 256)
        + "</chunk></data></layer></map>", encoding="utf-8")
    with pytest.raises(MapError) as err:
        load_map(bad)
    assert "infinite" in str(err.value) and not str(err.value).rstrip().endswith(":")


def test_check_png_reads_a_whole_png(tmp_path):
    from game.world.mapdata import check_png

    write_png(tmp_path / "x.png", 7, 3)
    assert check_png(tmp_path / "x.png") == (7, 3)


def test_a_pipe_for_a_map_or_tileset_is_refused_without_waiting(fog_copy):
    import os

    (fog_copy / "tiles.tsx").unlink()
    os.mkfifo(fog_copy / "tiles.tsx")
    with pytest.raises(MapError, match="tiles.tsx: the tileset cannot be used: it is a pipe"):
        load_map(fog_copy / "map.tmx")
    (fog_copy / "map.tmx").unlink()
    os.mkfifo(fog_copy / "map.tmx")
    with pytest.raises(MapError, match="map.tmx: the map file cannot be used: it is a pipe"):
        load_map(fog_copy / "map.tmx")
