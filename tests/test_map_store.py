"""A read map kept on disk: the same MapData as pytmx gives, pytmx not asked
again, and read again when the map, a tileset or a picture changes or the
cache file is damaged."""

from __future__ import annotations

import os
import shutil

import pytest

from game.levels import load_by_id
from game.world import mapstore
from game.world.mapdata import load_map


@pytest.mark.parametrize("sid", ["fog", "jsa", "sea", "overland"])
def test_the_stored_map_is_the_map_pytmx_reads(sid, tmp_path, monkeypatch):
    monkeypatch.setenv("CROSSINGS_CACHE_DIR", str(tmp_path))
    path = load_by_id(sid).map_file
    first = mapstore.load(path)
    assert len(list((tmp_path / "maps").glob("map-*.npz"))) == 1
    monkeypatch.setattr(mapstore, "load_map", lambda p: pytest.fail("pytmx asked again"))
    again = mapstore.load(path)
    assert mapstore._same(again, load_map(path)) and mapstore._same(again, first)
    assert again.prop("cover").tolist() == first.prop("cover").tolist()


def _copy_fog(tmp_path):
    src = load_by_id("fog").map_file.parent
    dest = tmp_path / "level"
    shutil.copytree(src, dest)  # the map with its tileset and picture
    return dest / "map.tmx"


def test_a_changed_map_or_picture_or_a_damaged_file_is_read_again(tmp_path, monkeypatch):
    monkeypatch.setenv("CROSSINGS_CACHE_DIR", str(tmp_path / "cache"))
    path = _copy_fog(tmp_path)
    reads = []
    real = mapstore.load_map
    monkeypatch.setattr(mapstore, "load_map", lambda p: reads.append(p) or real(p))
    first = mapstore.load(path)
    mapstore.load(path)
    assert len(reads) == 1
    # a tileset picture touched (another time stamp): read again
    picture = next(iter(first.tile_images.values()))[0]
    st = os.stat(picture)
    os.utime(picture, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    mapstore.load(path)
    assert len(reads) == 2
    # the map's bytes changed: another key
    path.write_text(path.read_text() + "\n")
    mapstore.load(path)
    assert len(reads) == 3
    # a damaged cache file: read again, and stored anew
    for file in (tmp_path / "cache" / "maps").glob("map-*.npz"):
        file.write_bytes(b"not a zip")
    got = mapstore.load(path)
    assert len(reads) == 4 and mapstore._same(got, real(path))
    mapstore.load(path)
    assert len(reads) == 4


def test_no_cache_folder_means_pytmx_every_time(tmp_path, monkeypatch):
    monkeypatch.setenv("CROSSINGS_CACHE_DIR", "")
    reads = []
    real = mapstore.load_map
    monkeypatch.setattr(mapstore, "load_map", lambda p: reads.append(p) or real(p))
    path = load_by_id("jsa").map_file
    mapstore.load(path)
    mapstore.load(path)
    assert len(reads) == 2


def test_a_broken_map_is_still_named_by_load_map(tmp_path, monkeypatch):
    from game.world.mapdata import MapError

    monkeypatch.setenv("CROSSINGS_CACHE_DIR", str(tmp_path / "cache"))
    bad = tmp_path / "map.tmx"
    bad.write_text("<map")
    with pytest.raises(MapError, match="map.tmx"):
        mapstore.load(bad)
    with pytest.raises(MapError, match="missing.tmx"):
        mapstore.load(tmp_path / "missing.tmx")
