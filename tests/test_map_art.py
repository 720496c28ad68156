"""The maps' labels, key and scale bar (issue 17): no label covers another,
the key never covers the player, and its entries point at real tiles."""

from __future__ import annotations

import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apphelp import frames, key, make_app, tap
from game.levels import load_all, load_by_id
from game.ui import labels
from game.ui.legend import Legend, LegendError, load_entries, nice_distance


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 600), st.integers(0, 400), st.integers(10, 160), st.integers(8, 30), st.booleans()),
                max_size=40))
def test_placed_labels_never_overlap_nor_leave_the_bounds(items):
    bounds = pygame.Rect(0, 0, 600, 400)
    obstacle = pygame.Rect(280, 180, 40, 40)
    wanted = [labels.Label(i, (x, y), (w, h), i % 3, 6, area) for i, (x, y, w, h, area) in enumerate(items)]
    boxes = labels.place(wanted, bounds, [obstacle])
    assert labels.overlaps(boxes.values()) == []
    assert all(bounds.contains(b) and not b.colliderect(obstacle) for b in boxes.values())


def test_a_lone_label_sits_right_of_its_point():
    boxes = labels.place([labels.Label("a", (100, 100), (50, 20))], pygame.Rect(0, 0, 400, 400))
    assert boxes["a"] == pygame.Rect(106, 90, 50, 20)


@pytest.mark.parametrize("zoom_i", [0, 1])
def test_sea_names_never_overlap_at_zoom_1_and_2(zoom_i):
    from game.scenes.sea.scene import PlayScene

    app = make_app()
    scene = PlayScene(app, load_by_id("sea"), load_by_id("sea").default_preset, 3)
    app.push(scene)
    scene.zoom_i = zoom_i
    frames(app, 2)
    view = scene.view()
    placed = scene.place_names(view, view.surface_at(view.zoom).get_rect())
    assert len(placed) >= 8  # the ports and banks are named, not dropped
    assert labels.overlaps([box for _img, box in placed]) == []


def test_overland_names_never_overlap_on_the_map_and_the_inset():
    from game.scenes.overland.scene import NAMED, PlayScene

    app = make_app()
    sc = load_by_id("overland")
    scene = PlayScene(app, sc, sc.default_preset, 3)
    app.push(scene)
    scene.legend.open = True
    frames(app, 2)
    traveller = scene.view.world_to_screen(scene.map_rect, *scene._traveller_pos())
    keep = scene.legend.rects(scene.map_rect, traveller)
    for view, rect, named in ((scene.view, scene.map_rect, NAMED),
                              (scene.inset, pygame.Rect(900, 400, scene.inset_size, scene.inset_size), scene._near_names())):
        placed = [box for _img, box in scene.place_labels(view, rect, named, traveller, keep)]
        assert labels.overlaps(placed + keep[:2]) == []


@pytest.mark.parametrize("sid", [sc.id for sc in load_all()])
def test_the_key_opens_with_a_tap_and_never_covers_the_player(sid):
    from game.scenes.intro import play_scene_class

    app = make_app()
    sc = load_by_id(sid)
    scene = play_scene_class(sc)(app, sc, sc.default_preset, 3)
    app.push(scene)
    frames(app, 2)
    while app.top is not scene:  # the choices shown over the start (overland: who you are; fog: the rifle, the way)
        app.pop()
        frames(app, 2)
    assert not scene.legend.open
    tap(app, scene.legend.button_rect(scene.map_rect).center)
    assert scene.legend.open
    focus = scene.legend_focus()
    panel = scene.legend.panel_rect(scene.map_rect, focus)
    assert not panel.collidepoint(focus)
    assert scene.map_rect.contains(panel) or panel.bottom <= 720
    key(app, pygame.K_k)
    assert not scene.legend.open
    assert scene.metres_per_px() > 0


@pytest.mark.parametrize("sid", [sc.id for sc in load_all()])
def test_every_key_entry_shows_a_real_tile_or_symbol(sid):
    sc = load_by_id(sid)
    legend = Legend(sc.folder, sc.map_file)
    assert len(legend.entries) >= 5
    t = legend.tile_size
    count = (legend.tiles.get_width() // t) * (legend.tiles.get_height() // t)
    for e in legend.entries:
        assert e.tiles or e.symbol
        assert all(tid < count for tid in e.tiles), (sid, e.label)


def test_a_broken_key_file_is_named(tmp_path):
    (tmp_path / "legend.toml").write_text('[[entry]]\nlabel = "x"\nsymbol = "dragon"\n', encoding="utf-8")
    with pytest.raises(LegendError, match="legend.toml.*dragon"):
        load_entries(tmp_path / "legend.toml")


def test_the_scale_bar_shows_a_round_distance():
    assert nice_distance(170) == 100
    assert nice_distance(430) == 200
    assert nice_distance(7300) == 5000


# ---- the fog's veil agrees with the model's visibility ----------------------

def _fog_scene(zoom_i: int):
    from game.scenes.fog.scene import PlayScene

    app = make_app()
    sc = load_by_id("fog")
    scene = PlayScene(app, sc, sc.default_preset, 3)
    app.push(scene)
    scene.zoom_i = zoom_i
    frames(app, 2)
    return scene


@pytest.mark.parametrize("zoom_i", [0, 2])
def test_the_veil_is_clear_within_what_you_can_see_and_thick_beyond(zoom_i):
    """Sampled round the player at half, one and two times the model's visibility there."""
    import numpy as np

    from game.scenes.fog.view import VEIL_STEP_PX

    scene = _fog_scene(zoom_i)
    view, r, m = scene.view(), scene.map_rect, VEIL_STEP_PX
    veil = scene._make_veil(view, pygame.Rect(m, m, *r.size), (r.width + 2 * m, r.height + 2 * m))
    model, state = scene.model, scene.state
    grid = state.extra["fog_grid"] if state.extra.get("fog_grid") is not None else model.fog_grid(state)
    px, py = scene._display_player()
    vis_m = float(grid[min(int(py / model.fog_cell), grid.shape[0] - 1), min(int(px / model.fog_cell), grid.shape[1] - 1)])
    assert vis_m < 400, "the test wants a foggy start"
    sx, sy = view.world_to_screen(r, px, py)
    px_per_m = view.tile_px / model.mpt

    def opacity(k: float) -> float:
        vals = []
        for ang in np.linspace(0, 2 * np.pi, 16, endpoint=False):
            x = round(sx + np.cos(ang) * k * vis_m * px_per_m)
            y = round(sy + np.sin(ang) * k * vis_m * px_per_m)
            if r.collidepoint(x, y):
                vals.append(veil.get_at((x - r.x + m, y - r.y + m)).a)
        assert len(vals) >= 3
        return float(np.median(vals))

    near, edge, far = opacity(0.5), opacity(1.0), opacity(2.0)
    assert far > 60, "beyond twice the visibility the fog hides the ground"
    assert near < 0.3 * far, "within half the visibility the ground shows"
    assert 0.3 * far < edge < 0.85 * far, "at the visibility the veil is about half way"


def test_the_wisps_move_only_in_the_far_veil():
    import numpy as np

    from game.world.render import veil_opacity, veil_wisps

    wx, wy = np.meshgrid(np.arange(40.0), np.arange(30.0))
    a0, a1 = veil_wisps(wx, wy, 0.0), veil_wisps(wx, wy, 0.5)
    assert np.abs(a0 - a1).max() > 0.05  # they drift
    near = [veil_opacity(30.0, 100.0, 1.0, 0.08, 0.62, 4.0, w) for w in (a0, a1)]
    far = [veil_opacity(250.0, 100.0, 1.0, 0.08, 0.62, 4.0, w) for w in (a0, a1)]
    assert np.abs(near[0] - near[1]).max() < 0.01
    assert np.abs(far[0] - far[1]).max() > 0.03


def test_a_play_screen_with_a_broken_key_goes_on_without_it(tmp_path, caplog):
    import shutil

    from game.levels import load_scenario
    from game.paths import levels_dir
    from game.scenes.intro import play_scene_class

    shutil.copytree(levels_dir() / "jsa", tmp_path / "jsa")
    (tmp_path / "jsa" / "legend.toml").write_text("[[entry]]\nlabel = 3\n", encoding="utf-8")
    sc = load_scenario(tmp_path / "jsa")
    app = make_app()
    scene = play_scene_class(sc)(app, sc, sc.default_preset, 3)
    app.push(scene)
    frames(app, 2)
    assert scene.legend.entries == []
    assert "legend.toml" in caplog.text


def test_signals_keep_their_colour_on_the_night_map():
    """The fog map's minefields and fences are painted over the night's grading in full colour."""
    from game.scenes.dmz.view import night_grade

    scene = _fog_scene(1)
    view = scene.view()
    assert len(view.signal_tiles) > 100
    night = night_grade(view.base)
    painted = night.copy()
    view.paint_signals(painted)
    image, (x, y) = next((img, pos) for img, pos in view.signal_tiles if img.get_at((8, 8)).a == 255)
    assert painted.get_at((x + 8, y + 8))[:3] == view.base.get_at((x + 8, y + 8))[:3]
    assert night.get_at((x + 8, y + 8))[:3] != view.base.get_at((x + 8, y + 8))[:3]


@pytest.mark.parametrize("zoom_i", [0, 2])
def test_the_fog_maps_labels_never_overlap_at_zoom_1_and_2(zoom_i):
    """The line's and the goal's labels, placed each frame by the solver, overlap
    neither each other nor the compass, the pad, the key or you; on the line itself too."""
    scene = _fog_scene(zoom_i)
    app = scene.app
    for _ in range(3):
        frames(app, 30)
        board = scene.label_board
        assert board.placed, "at least one label is shown"
        assert labels.overlaps(board.placed) == []
        assert all(box.collidelist(board.taken[: len(board.taken) - len(board.placed)]) < 0 for box in board.placed)
    # standing on the line: its label must move off the player
    scene.state.y[0] = scene.model.mdl_y
    scene._prev = (scene.state.x[0], scene.model.mdl_y, *scene._prev[2:])
    frames(app, 1)
    assert labels.overlaps(scene.label_board.placed) == []


def test_the_fog_keys_tiles_are_what_they_say():
    from game.world.mapdata import load_map

    sc = load_by_id("fog")
    props = {p["id"]: p for p in load_map(sc.map_file).tile_properties.values() if "id" in p}  # by tileset id
    entries = {e.label: e.tiles for e in Legend(sc.folder, sc.map_file).entries}

    def has(label_start, prop):
        tiles = next(t for label, t in entries.items() if label.startswith(label_start))
        return any(prop in props.get(tid, {}) for tid in tiles)

    assert has("Fence", "fence") and has("Electrified", "fence")
    assert has("Minefield", "mine_density") and has("The line", "mdl")
    assert has("The North's guard post", "blocked") and has("Stream", "water")
