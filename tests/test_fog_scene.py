"""The fog play scene, headless: touch alone, keys alone, autoplay, replay, text sizes."""

from __future__ import annotations

import pygame
import pytest

from apphelp import frames, key, make_app, tap
from game.levels import load_by_id
from game.sim.runner import Simulation
from game.ui import fonts

FAST = 600.0  # steps a second, to get through a run quickly (10 steps a frame)


def start(preset: str = "historical", **kw):
    from game.scenes.fog_play import PlayScene

    app = make_app(**kw)
    scene = PlayScene(app, load_by_id("fog"), preset, 3)
    app.push(scene)
    frames(app, 2)
    return app, scene


def hold(app, k: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))
    frames(app)


def release(app, k: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=0, unicode="", scancode=0))
    frames(app)


def finger(app, kind: int, pos) -> None:
    pygame.event.post(pygame.event.Event(kind, x=pos[0] / 1280, y=pos[1] / 720, touch_id=1, finger_id=0, dx=0.0, dy=0.0, pressure=1.0))


def test_plays_by_touch_alone():
    app, scene = start()
    y0 = float(scene.state.y[0])
    # pace and time by touch
    tap(app, scene.buttons["crawl"].rect.center)
    assert scene.pace == "crawl"
    tap(app, scene.buttons["walk"].rect.center)
    assert scene.pace == "walk"
    tap(app, scene.buttons["speed"].rect.center)
    assert scene.speed_i == 1
    # the direction pad: press and hold, then release
    finger(app, pygame.FINGERDOWN, (scene.dpad.rect.centerx, scene.dpad.rect.bottom - 10))
    frames(app)
    assert app.input.screen_pad == (0, 1)
    finger(app, pygame.FINGERUP, (scene.dpad.rect.centerx, scene.dpad.rect.bottom - 10))
    frames(app)
    assert app.input.screen_pad == (0, 0)
    # then tap the map to walk south, and the climb button at each fence
    scene.steps_per_second = FAST
    climbed = 0
    for _ in range(600):
        if scene.sim.finished or float(scene.state.y[0]) > y0 + 20:
            break
        if scene.at_fence and not scene.climb_request and not scene._climbing():
            tap(app, scene.buttons["climb"].rect.center)
            climbed += 1
        elif scene.target is None:
            r = scene.map_rect
            tap(app, (r.centerx + 20, r.bottom - 140))
            assert scene.target is not None
        frames(app, 2)
    assert climbed >= 1
    assert scene.sim.finished or float(scene.state.y[0]) > y0 + 20


def test_plays_by_keys_alone():
    app, scene = start()
    key(app, pygame.K_1)
    assert scene.pace == "crawl"
    key(app, pygame.K_3)
    assert scene.pace == "run"
    key(app, pygame.K_2)
    key(app, pygame.K_q)
    assert scene.lie_still
    key(app, pygame.K_q)
    key(app, pygame.K_z)
    assert scene.zoom_i == 0
    key(app, pygame.K_x)
    assert scene.speed_i == 1
    # Tab moves the focus over the buttons; Enter presses
    key(app, pygame.K_TAB)
    assert scene.focus == 0
    key(app, pygame.K_RETURN)
    assert scene.pace == "crawl"
    key(app, pygame.K_2)
    scene.steps_per_second = FAST
    hold(app, pygame.K_DOWN)
    for _ in range(800):
        if scene.sim.finished or float(scene.state.y[0]) > 62:
            break
        if scene.at_fence and not scene.climb_request and not scene._climbing():
            key(app, pygame.K_c)
        frames(app)
    release(app, pygame.K_DOWN)
    assert scene.sim.finished or float(scene.state.y[0]) > 60
    assert scene.sim.trace.entries  # the choices were recorded


def test_turning_back_asks_first_and_ends_the_run():
    from game.scenes.base import ConfirmScene

    app, scene = start()
    key(app, pygame.K_b)
    assert isinstance(app.top, ConfirmScene)
    key(app, pygame.K_ESCAPE)
    assert app.top is scene and not scene.turn_back
    key(app, pygame.K_b)
    confirm = app.top
    confirm._yes()
    assert scene.turn_back
    scene.steps_per_second = FAST
    frames(app, 10)
    assert scene.sim.finished and scene.outcome == "turned_back"
    assert scene.end_timer is not None


def test_autoplay_reaches_the_end():
    from game.scenes.fog_play import PlayScene

    app = make_app(autoplay=True)
    scene = PlayScene(app, load_by_id("fog"), "historical", 5)
    app.push(scene)
    scene.steps_per_second = FAST
    for _ in range(2000):
        frames(app)
        if scene.sim.finished:
            break
    assert scene.sim.finished and scene.outcome in scene.model.outcomes
    assert scene.end_timer is not None


def test_replaying_the_trace_gives_the_same_run():
    app, scene = start()
    scene.steps_per_second = FAST
    hold(app, pygame.K_DOWN)
    for _ in range(300):
        if scene.sim.finished or scene.state.step > 250:
            break
        if scene.at_fence:
            key(app, pygame.K_c)
        if scene.state.step > 150:
            key(app, pygame.K_1)
        frames(app)
    release(app, pygame.K_DOWN)
    key(app, pygame.K_q)
    for _ in range(30):
        frames(app)
    steps = scene.sim.state.step
    replay = Simulation(scene.model.__class__(scene.values, scene.world), 1, scene.seed)
    while replay.state.step < steps and not replay.finished:
        replay.step(scene.sim.trace.action_at(replay.state.step, scene.model.default_action), record=False)
    assert replay.outcome_of(0) == scene.outcome
    assert replay.state.x[0] == scene.sim.state.x[0] and replay.state.y[0] == scene.sim.state.y[0]
    assert [j.risk for j in replay.journey] == [j.risk for j in scene.sim.journey]


@pytest.mark.parametrize("scale", [1.0, 1.25, 1.5, 1.75])
def test_draws_at_every_text_scale(scale):
    app, scene = start("clear-night", text_scale=scale)
    assert fonts.get_scale() == scale
    scene.steps_per_second = FAST
    hold(app, pygame.K_DOWN)
    frames(app, 20)
    release(app, pygame.K_DOWN)
    for b in scene.buttons.values():
        assert b.rect.height >= 48 and scene.panel.contains(b.rect), b.key
    assert scene.map_rect.contains(scene.dpad.rect)
    for flag in ("high_contrast", "reduced_motion"):
        setattr(app.settings, flag, True)
        app.apply_settings()
        frames(app, 3)
    app.settings.felt_danger_hint = False
    frames(app, 3)
