"""Each map read once, derived fields cached on disk, the journey built behind a
loading card, and a finished journey's scene freed before its debrief."""

from __future__ import annotations

import gc
import weakref

import numpy as np
import pygame
import pytest

from apphelp import frames, make_app
from game.journey import world_for
from game.levels import load_by_id
from game.sim import fieldcache
from game.sim.dmzgrid import _grow_route, route_field
from game.world import cache


def test_one_parse_for_the_journey_its_model_and_its_debrief():
    from game.scenes.jsa.scene import PlayScene

    cache.clear()
    before = cache.parses
    app = make_app(autoplay=True)
    scenario = load_by_id("jsa")
    scene = PlayScene(app, scenario, scenario.default_preset, 1)
    app.push(scene)
    frames(app, 2)
    assert scene.world is world_for(scenario)
    scene.sim.autoplay()
    scene.to_debrief()
    frames(app, 2)
    debrief = app.top
    debrief.job.wait(60)
    assert debrief.world is scene_world(scenario)
    assert cache.parses == before + 1


def scene_world(scenario):
    return world_for(scenario)


def test_a_changed_map_file_is_read_again(tmp_path):
    import shutil

    src = load_by_id("jsa").folder
    for name in ("map.tmx", "tiles.tsx", "tiles.png"):
        shutil.copy(src / name, tmp_path / name)
    first = cache.map_for(tmp_path / "map.tmx")
    assert cache.map_for(tmp_path / "map.tmx") is first
    (tmp_path / "map.tmx").write_text((tmp_path / "map.tmx").read_text() + "\n")
    assert cache.map_for(tmp_path / "map.tmx") is not first


def test_route_fields_come_from_the_cache_file_and_match_a_fresh_build(tmp_path, monkeypatch):
    monkeypatch.setenv("CROSSINGS_CACHE_DIR", str(tmp_path))
    rng = np.random.default_rng(4)
    cost = rng.uniform(0.5, 3.0, (30, 40))
    cost[10, 5:30] = np.inf
    target = np.zeros((30, 40), bool)
    target[28, 20] = True
    fieldcache.clear_memory()
    built = route_field(cost, target)
    files = list((tmp_path / "fields").glob("route-*.npz"))
    assert len(files) == 1
    fieldcache.clear_memory()
    calls = []
    monkeypatch.setattr("game.sim.dmzgrid._grow_route", lambda *a: calls.append(a))
    read = route_field(cost, target)
    assert calls == []  # from the file, not grown again
    for a, b in zip(read, built):
        np.testing.assert_array_equal(a, b)
    monkeypatch.undo()
    for a, b in zip(read, _grow_route(cost, target, 4000)):
        np.testing.assert_array_equal(a, b)
    # Another map (a changed cost) is another key: never the stale field.
    cost2 = cost.copy()
    cost2[0, 0] = 9.0
    assert fieldcache.key_of("route", (cost2, target, 4000)) != fieldcache.key_of("route", (cost, target, 4000))


def test_a_damaged_or_lost_cache_file_is_built_again(tmp_path, monkeypatch):
    monkeypatch.setenv("CROSSINGS_CACHE_DIR", str(tmp_path))
    fieldcache.clear_memory()
    mask = np.zeros((12, 12), bool)
    mask[3, 3] = True
    builds = []

    def build():
        builds.append(1)
        return (np.arange(4.0), mask.astype(float))

    first = fieldcache.cached("test", (mask,), build)
    (path,) = (tmp_path / "fields").glob("test-*.npz")
    path.write_bytes(b"not a zip at all")
    fieldcache.clear_memory()
    again = fieldcache.cached("test", (mask,), build)
    assert len(builds) == 2
    np.testing.assert_array_equal(first[1], again[1])
    path.unlink()
    fieldcache.clear_memory()
    fieldcache.cached("test", (mask,), build)
    assert len(builds) == 3 and path.exists()
    assert not first[0].flags.writeable  # shared: read-only


def test_the_map_picture_is_the_tiles_pytmx_would_draw():
    import pytmx.util_pygame

    from game.world.render import forget_picture, map_picture

    make_app()
    world = world_for(load_by_id("jsa"))
    forget_picture()
    ours = map_picture(world)
    tmx = pytmx.util_pygame.load_pygame(str(world.file))
    theirs = pygame.Surface(ours.get_size()).convert()
    theirs.fill((0, 0, 0))
    for layer in tmx.visible_layers:
        if hasattr(layer, "tiles"):
            for x, y, image in layer.tiles():
                theirs.blit(image, (x * world.tile_width, y * world.tile_height))
    assert map_picture(world) is ours  # drawn once
    np.testing.assert_array_equal(pygame.surfarray.array3d(ours), pygame.surfarray.array3d(theirs))


def test_the_loading_card_builds_the_journey_without_blocking(monkeypatch):
    from game.scenes import loading
    from game.scenes.intro import IntroScene
    from game.scenes.loading import LoadingScene

    monkeypatch.setattr(loading, "at_once", lambda app: False)  # as in a window
    app = make_app()
    intro = IntroScene(app, load_by_id("jsa"))
    app.push(intro)
    intro.begin()
    card = app.top
    assert isinstance(card, LoadingScene)
    card.thread.join(60)
    frames(app, 2)
    assert type(app.top).__name__ == "PlayScene" and card not in app.scenes and intro not in app.scenes


def test_a_journey_that_cannot_start_says_so_over_the_briefing(monkeypatch):
    from game.levels import LevelError
    from game.scenes import loading
    from game.scenes.base import ConfirmScene
    from game.scenes.intro import IntroScene

    def broken(*a, **k):
        raise LevelError("levels/jsa/map.tmx: broken")

    monkeypatch.setattr(loading, "prepare", broken)
    monkeypatch.setattr(loading, "at_once", lambda app: False)
    app = make_app()
    intro = IntroScene(app, load_by_id("jsa"))
    app.push(intro)
    intro.begin()
    app.top.thread.join(60)
    frames(app, 1)
    assert isinstance(app.top, ConfirmScene) and "map.tmx: broken" in app.top.detail
    assert app.scenes[-2] is intro


@pytest.mark.parametrize("sid", ["sea"])
def test_a_finished_journey_is_freed_before_its_debrief_is_built(sid, monkeypatch):
    from game.scenes import debrief as debrief_mod
    from game.scenes.intro import play_scene_class

    app = make_app(autoplay=True)
    app.settings.replays = 100
    scenario = load_by_id(sid)
    scene = play_scene_class(scenario)(app, scenario, scenario.default_preset, 1)
    app.push(scene)
    frames(app, 2)
    scene.sim.autoplay()
    refs = [weakref.ref(scene.view()), weakref.ref(scene)]  # its map view holds surfaces
    alive_at_build = []
    real_init = debrief_mod.DebriefScene.__init__

    def spy(self, *a, **k):
        alive_at_build.append(refs[0]() is not None)
        real_init(self, *a, **k)

    monkeypatch.setattr(debrief_mod.DebriefScene, "__init__", spy)
    gc.disable()
    try:
        scene.to_debrief()
        del scene
        # No cycle kept them: freed by reference counting, before the debrief was built.
        assert alive_at_build == [False]
        assert refs[1]() is None
    finally:
        gc.enable()
        app.top.job.cancel()
