import sys
from pathlib import Path

import numpy as np
import pytest

from game.world.mapdata import MapError, load_map

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from tmxwrite import write_map, write_tileset  # noqa: E402


@pytest.fixture
def good_map(tmp_path):
    write_tileset(tmp_path / "t.tsx", "t", "t.png", (32, 16), 16, [{"terrain": "grass", "cover": 0.2}, {"terrain": "forest", "cover": 0.7}])
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
