"""The sea screen: map names that do not collide, messages that keep clear of the boat."""

from __future__ import annotations

import pygame
import pytest

from apphelp import sea_ashore_as_is, frames, key, make_app
from game.levels import load_by_id


def start(preset: str, scale: float):
    from game.scenes.sea.scene import PlayScene

    app = make_app(text_scale=scale)
    scene = PlayScene(app, load_by_id("sea"), preset, 3)
    app.push(scene)
    frames(app, 2)
    return app, scene


@pytest.mark.parametrize("scale", [1.0, 1.75])
def test_map_names_cover_neither_each_other_nor_the_boat(scale):
    app, scene = start("defector-summer", scale)
    scene.set_out()
    sea_ashore_as_is(app, scene)
    key(app, pygame.K_1)  # the first decision: leave among the fishing boats
    frames(app, 2)
    view = scene.view()
    tp = view.tile_px
    placed = scene.place_names(view, view.surface_at(view.zoom).get_rect())
    assert len(placed) >= 0.75 * len(scene._labels)
    obstacles = scene._label_obstacles(tp)
    dots = [pygame.Rect(round(x * tp) - 5, round(y * tp) - 5, 10, 10)
            for _img, x, y, kind in scene._labels if kind in ("city", "port", "cape")]
    rects = [box for _img, box in placed]
    for i, r in enumerate(rects):
        assert r.collidelist(obstacles) < 0, i
        assert all(not r.colliderect(d) for d in dots), i
        for j in range(i + 1, len(rects)):
            assert not r.colliderect(rects[j]), (i, j)


@pytest.mark.parametrize("scale", [1.0, 1.75])
def test_a_message_never_covers_the_boat(scale):
    app, scene = start("defector-summer", scale)
    scene.set_out()
    sea_ashore_as_is(app, scene)
    key(app, pygame.K_1)  # the first decision: leave among the fishing boats
    frames(app, 2)
    scene.notice = ("You are out of the waters the North's patrol boats watch. "
                    "From here no one will take you for a fishing boat.")
    scene.paused = True
    e = scene.sim.state.extra
    for bx, by in ((scene.model.w * 0.1, scene.model.h * 0.3), (scene.model.w * 0.5, scene.model.h * 0.5)):
        e["boat_x"][0], e["boat_y"][0] = bx, by
        e["est_x"][0], e["est_y"][0] = bx, by  # at sea the boat is drawn where the crew reckons it is
        scene._obs_key = None
        frames(app)
        # (drawn at sea: a reckoning that falls on land is drawn at the nearest sea)
        boat = scene.view().world_to_screen(scene.map_rect, *scene.observation().boat)
        r = scene._notice_rect()
        assert pygame.Rect(0, 0, 1280, 720).contains(r)
        assert not r.inflate(20, 20).collidepoint(boat), (boat, r)
        assert not any(r.colliderect(b.rect) for b in scene.tools)


@pytest.mark.parametrize("scale", [1.0, 1.75])
def test_the_ending_card_leaves_where_the_journey_ended_in_sight(scale):
    from game.scenes.base import MENU_CORNER

    app, scene = start("defector-summer", scale)
    scene.set_out()
    sea_ashore_as_is(app, scene)
    key(app, pygame.K_1)  # the first decision: leave among the fishing boats
    scene.steps_per_second = 60.0
    scene.speed_i = 2
    for _ in range(6000):
        if scene.notice is not None:
            scene.dismiss_notice()
        frames(app)
        if scene.sim.finished:
            break
    assert scene.sim.finished
    frames(app, 5)
    s, e = scene.sim.state, scene.sim.state.extra
    for fx, fy in ((0.5, 0.5), (0.3, 0.7), (0.6, 0.3), (0.2, 0.2)):
        s.x[0] = e["boat_x"][0] = scene.model.w * fx
        s.y[0] = e["boat_y"][0] = scene.model.h * fy
        card, _parts = scene.ending_layout()
        end = scene.view().world_to_screen(scene.map_rect, float(s.x[0]), float(s.y[0]))
        assert not card.inflate(20, 20).collidepoint(end), (fx, fy, card, end)
        assert pygame.Rect(0, 0, 1280, 720).contains(card) and not card.colliderect(MENU_CORNER)


def test_passing_for_a_fishing_boat_by_touch():
    from apphelp import tap

    app, scene = start("defector-summer", 1.0)
    scene.set_out()
    sea_ashore_as_is(app, scene)
    key(app, pygame.K_1)  # the first decision: leave among the fishing boats
    frames(app, 2)
    assert scene.cover and scene.player_action()["cover"] == 1
    button = next(b for b in scene.buttons if b.key == "cover")
    tap(app, button.rect.center)
    assert not scene.cover and scene.player_action()["cover"] == 0
    assert scene.engine_text() == "Engine: cruise"
    tap(app, button.rect.center)
    assert scene.cover and scene.engine_text() == "Engine: held to slow"
    # a fishing crew has no such choice
    app2, fishing = start("fishing-2017", 1.0)
    assert all(b.key != "cover" for b in fishing.buttons) and fishing.player_action()["cover"] == 0


@pytest.mark.parametrize("scale", [1.0, 1.75])
def test_the_zoom_sits_in_the_maps_corner_apart_from_the_time(scale):
    """Beside "Time: 1x", bare "- +" buttons read as the time's; they zoom the map."""
    from apphelp import tap

    app, scene = start("defector-summer", scale)
    keys = [b.key for b in scene.tools]
    assert keys.index("zoom_out") - keys.index("speed") > 1 and keys[-2:] == ["zoom_out", "zoom_in"]
    zoom_in = scene.tools[-1]
    scene.set_out()
    sea_ashore_as_is(app, scene)
    key(app, pygame.K_1)  # the first question answered: leave among the fishing boats
    frames(app, 2)
    before = scene.zoom_i
    tap(app, zoom_in.rect.center)
    frames(app, 1)
    assert scene.zoom_i == min(before + 1, 2)


@pytest.mark.parametrize("scale", [1.0, 1.75])
def test_names_on_the_whole_map_are_never_cut_by_its_edge(scale):
    """At the largest text the panel crops the map's side, and "Aomori" and "Niigata"
    were cut at the map's edge: names drawn in the picture beyond what shows."""
    app, scene = start("defector-winter", scale)
    painter, placed = scene.painter, []
    real = painter.place_names

    def recording(view, bounds, obs):
        boxes = real(view, bounds, obs)
        placed.append([box for _img, box in boxes])
        return boxes

    painter.place_names = recording
    painter._tint_cache.clear()  # the map's picture is drawn again, with its names
    frames(app, 2)
    view = scene.view()
    at = view.world_to_screen(scene.map_rect, 0, 0)
    shown = scene.map_rect.move(-at[0], -at[1])
    assert placed and len(placed[-1]) >= 6
    assert all(shown.contains(box) for box in placed[-1]), [b for b in placed[-1] if not shown.contains(b)]


def test_names_keep_clear_of_the_map_buttons_and_the_boat_of_the_sea():
    """At the largest text the row of map buttons is tall: no name is written under it (Busan's
    was); and a reckoning that falls on land is drawn at the nearest sea."""
    app, scene = start("defector-summer", 1.75)
    scene.set_out()
    sea_ashore_as_is(app, scene)
    key(app, pygame.K_1)
    frames(app, 2)
    view = scene.view()
    at = view.world_to_screen(scene.map_rect, 0, 0)
    vis = scene.map_rect.copy()
    vis.height = scene._toolbar_rect.top - vis.top
    for _img, box in scene.place_names(view, vis.move(-at[0], -at[1])):
        assert not box.move(at).colliderect(scene._toolbar_rect)
    m, e = scene.model, scene.sim.state.extra
    land = next((x + 0.5, y + 0.5) for y in range(m.h) for x in range(m.w) if not m.is_sea[y, x])
    e["est_x"][0], e["est_y"][0] = land
    scene._obs_key = None
    bx, by = scene.observation().boat
    assert m.is_sea[int(by), int(bx)]
