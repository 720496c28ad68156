"""The sea play scene, headless: touch alone, keys alone, autoplay, replay, text sizes."""

from __future__ import annotations

import pygame
import pytest

from apphelp import find_button, frames, key, make_app, tap
from game.levels import load_by_id
from game.sim.runner import Simulation
from game.ui import fonts


def start(preset: str = "defector-summer", **kw):
    from game.scenes.sea_play import PlayScene

    app = make_app(**kw)
    scene = PlayScene(app, load_by_id("sea"), preset, 3)
    app.push(scene)
    frames(app, 2)
    return app, scene


def run_to_end(app, scene, limit: int = 4000) -> None:
    for _ in range(limit):
        if scene.notice is not None:
            scene.dismiss_notice()
        frames(app)
        if scene.sim.finished:
            return
    raise AssertionError("the journey did not end")


def button(scene, key_name: str):
    return next(b for b in scene.buttons if b.key == key_name)


def test_plays_by_touch_alone():
    app, scene = start()
    assert not scene.departed and scene.sim.state.step == 0
    # Choose a month by touch: the stepper's + arrow, then set out.
    form = scene.form
    i = next(i for i, w in enumerate(form.widgets) if getattr(w, "label", "") == "Month to leave")
    form._scroll_into_view(i)
    r = form.screen_rect(i)
    month_before = scene.values["month"]
    tap(app, (r.right - 20, r.centery))
    assert scene.values["month"] == month_before + 1
    tap(app, find_button(scene, "Set out"))
    assert scene.departed
    # Engine, course and time by touch.
    tap(app, button(scene, "engine").rect.center)
    assert scene.throttle_i == 3
    heading = scene.heading
    tap(app, button(scene, "right").rect.center)
    assert scene.heading == (heading + 15) % 360
    tap(app, button(scene, "speed").rect.center)
    tap(app, button(scene, "speed").rect.center)
    assert scene.current_speed() == 4.0
    # Tap the map to steer toward a point east of the boat.
    e = scene.sim.state.extra
    view = scene.view()
    sx, sy = view.world_to_screen(scene.map_rect, float(e["boat_x"][0]) + 20, float(e["boat_y"][0]))
    tap(app, (sx, sy))
    assert 80 <= scene.heading <= 100
    frames(app, 200)
    assert scene.sim.state.step > 0  # the boat is under way
    # Any notice is dismissed by a tap on it.
    if scene.notice is not None:
        tap(app, scene._notice_rect().center)
        assert scene.notice is None
    scene.speed_i = 2
    scene.steps_per_second = 30.0
    run_to_end(app, scene)
    assert scene.end_timer is not None and scene.outcome in scene.model.outcomes


def test_plays_by_keys_alone():
    app, scene = start("defector-winter")
    key(app, pygame.K_RETURN)  # "Set out" has the focus first
    assert scene.departed
    heading = scene.heading
    key(app, pygame.K_RIGHT)
    assert scene.heading == (heading + 15) % 360
    key(app, pygame.K_e)
    assert scene.throttle_i == 3
    key(app, pygame.K_e)
    key(app, pygame.K_e)
    key(app, pygame.K_e)
    assert scene.throttle_i == 2
    key(app, pygame.K_f)
    assert scene.ration_i == 1
    key(app, pygame.K_c)
    assert scene.show_currents
    key(app, pygame.K_z)
    assert scene.zoom_i == 1
    # The pad's way: move the focus to a button and press it.
    key(app, pygame.K_DOWN)
    key(app, pygame.K_DOWN)
    assert scene.focus == 1
    key(app, pygame.K_RETURN)  # "Course ▶"
    assert scene.heading == (heading + 30) % 360
    scene.steps_per_second = 30.0
    for _ in range(4000):
        if scene.notice is not None:
            key(app, pygame.K_RETURN)
        frames(app)
        if scene.sim.finished:
            break
    assert scene.sim.finished


def test_autoplay_reaches_the_end():
    from game.scenes.sea_play import PlayScene

    app = make_app(autoplay=True)
    scene = PlayScene(app, load_by_id("sea"), "fishing-2017", 5)
    app.push(scene)
    assert scene.departed
    scene.steps_per_second = 30.0
    run_to_end(app, scene)
    assert scene.outcome is not None


def test_replaying_the_trace_gives_the_same_run():
    app, scene = start("defector-summer")
    key(app, pygame.K_RETURN)
    key(app, pygame.K_e)  # full speed
    key(app, pygame.K_LEFT)
    scene.steps_per_second = 30.0
    run_to_end(app, scene)
    replay = Simulation(scene.model.__class__(scene.values, scene.world), 1, scene.seed)
    replay.replay(scene.sim.trace)
    assert replay.outcome_of(0) == scene.outcome
    assert replay.state.step == scene.sim.state.step
    assert replay.state.x[0] == scene.sim.state.x[0]


def test_changed_setup_reaches_the_model():
    app, scene = start("defector-summer")
    scene._set("fuel_kg", 500)
    assert scene.values["fuel_kg"] == 500
    assert float(scene.sim.state.extra["fuel_kg"][0]) == 500


@pytest.mark.parametrize("scale", [1.0, 1.25, 1.5, 1.75])
def test_draws_at_every_text_scale(scale):
    app, scene = start("fishing-2017", text_scale=scale)
    assert fonts.get_scale() == scale
    frames(app, 2)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_c)
    scene.notice = "The engine has stopped. It may be repaired, or it may not."
    frames(app, 3)
    # Buttons stay on the panel and big enough to touch.
    for b in scene.buttons:
        assert b.rect.height >= 48 and scene.panel.contains(b.rect), b.key
    assert scene._notice_rect().bottom <= scene.map_rect.bottom
    scene.dismiss_notice()
    app.settings.high_contrast = True
    app.apply_settings()
    frames(app, 2)
