"""The loading card's thread works in short pieces so the window's frames go on:
the pieces give the very pixels the whole operations gave, the card does not
wait for its thread to start, and the interpreter's switch interval is put
back once the journey shows."""

from __future__ import annotations

import sys

import numpy as np
import pygame
import pytest

from apphelp import frames, make_app
from game.levels import load_by_id


def _picture(w: int, h: int, seed: int = 1) -> pygame.Surface:
    rgb = np.random.default_rng(seed).integers(0, 256, (w, h, 3), dtype=np.uint8)
    return pygame.surfarray.make_surface(rgb).convert()


@pytest.mark.parametrize("zoom", [2.0, 3.0])
def test_a_whole_number_zoom_made_band_by_band_is_the_whole_scale(zoom):
    from game.world import render

    make_app()
    base = _picture(301, 517)  # not a whole number of bands
    k = int(zoom)
    whole = pygame.transform.scale(base, (301 * k, 517 * k))
    np.testing.assert_array_equal(pygame.surfarray.array3d(render._scaled(base, zoom)), pygame.surfarray.array3d(whole))


@pytest.mark.parametrize("high_contrast", [False, True])
def test_the_night_picture_made_band_by_band_is_the_whole_grade(high_contrast):
    from game.scenes.dmz import view as dmz_view

    make_app()
    day = _picture(200, 333, seed=2)
    whole = dmz_view._night_grade_band(day, high_contrast)
    banded = dmz_view._night_grade(day, high_contrast)
    np.testing.assert_array_equal(pygame.surfarray.array3d(banded), pygame.surfarray.array3d(whole))


def test_the_card_does_not_wait_for_its_thread_and_puts_the_switch_interval_back(monkeypatch):
    from game.scenes import loading
    from game.scenes.intro import IntroScene

    monkeypatch.setattr(loading, "at_once", lambda app: False)  # as in a window
    started = []
    real = loading.prepare

    def slow(*a, **k):
        started.append(True)
        return real(*a, **k)

    monkeypatch.setattr(loading, "prepare", slow)
    before = sys.getswitchinterval()
    app = make_app()
    intro = IntroScene(app, load_by_id("jsa"))
    app.push(intro)
    intro.begin()
    card = app.top
    assert isinstance(card, loading.LoadingScene)
    assert sys.getswitchinterval() == pytest.approx(min(before, loading.SWITCH_S))
    card.thread.join(60)
    assert started and not card.thread.is_alive()
    frames(app, 1)
    assert app.top is card  # built in this frame, shown in the next
    frames(app, 1)
    assert type(app.top).__name__ == "PlayScene"
    assert sys.getswitchinterval() == pytest.approx(before)


def test_the_tileset_picture_is_read_once_per_map(monkeypatch):
    from game.ui import legend

    scenario = load_by_id("fog")
    make_app()
    legend._tilesets.clear()
    reads = []
    real = legend._tileset_image
    monkeypatch.setattr(legend, "_tileset_image", lambda f: reads.append(f) or real(f))
    first = legend.tileset_image(scenario.map_file)
    assert legend.tileset_image(scenario.map_file) is first and len(reads) == 1
    assert first[0] is not None


def test_a_step_and_the_pictures_it_makes_stale_fall_on_different_frames(monkeypatch):
    """The fog at its fastest: the frame that steps does not also remake the veil
    and the panel; each follows in a later frame, none more than two frames late."""
    from game.scenes.fog.scene import PlayScene
    from game.scenes.fog.view import FogView

    app = make_app(autoplay=True)
    scene = PlayScene(app, load_by_id("fog"), "historical", 3)
    app.push(scene)
    frames(app, 3)
    scene.speed_i = len(scene.SPEEDS) - 1
    work: list[str] = []
    real_veil, real_panel = FogView.make_veil, PlayScene._draw_panel_now
    monkeypatch.setattr(FogView, "make_veil", lambda self, *a: work.append("veil") or real_veil(self, *a))
    monkeypatch.setattr(PlayScene, "_draw_panel_now", lambda self, *a: work.append("panel") or real_panel(self, *a))
    real_step = scene.sim.step
    monkeypatch.setattr(scene.sim, "step", lambda *a, **k: work.append("step") or real_step(*a, **k))
    per_frame = []
    for _ in range(120):
        work.clear()
        frames(app, 1)
        per_frame.append(list(work))
    steps = [i for i, w in enumerate(per_frame) if "step" in w]
    assert len(steps) >= 3
    assert all(len(w) <= 1 for w in per_frame)  # one heavy piece a frame
    for i in steps[:-1]:
        after = [w for f in per_frame[i + 1:i + 3] for w in f]
        assert after == ["veil", "panel"]


def test_the_key_entries_are_read_once_per_file_and_a_broken_one_still_says_so(tmp_path):
    from game.ui import legend

    good = load_by_id("fog").folder / "legend.toml"
    first = legend.load_entries(good)
    assert first and legend.load_entries(good) == first and legend.load_entries(good) is not first
    broken = tmp_path / "legend.toml"
    broken.write_text("[[entry]\n")
    for _ in range(2):
        with pytest.raises(legend.LegendError, match="legend.toml"):
            legend.load_entries(broken)
