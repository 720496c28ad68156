"""The JSA play scene, headless: touch alone, keys alone, autoplay, replay, text sizes."""

from __future__ import annotations

import pygame
import pytest

from apphelp import frames, key, make_app, tap
from game.levels import load_by_id
from game.sim.jsa import DRIVING, ON_FOOT, STUCK
from game.sim.runner import Simulation
from game.ui import fonts

FAST = 120.0  # steps a second (2 a frame)


def start(preset: str = "historical", seed: int = 3, **kw):
    from game.scenes.jsa_play import PlayScene

    app = make_app(**kw)
    scene = PlayScene(app, load_by_id("jsa"), preset, seed)
    app.push(scene)
    frames(app, 2)
    return app, scene


def drive_to_the_ditch(app, scene):
    scene.steps_per_second = FAST
    for _ in range(200):
        if scene.phase() != DRIVING:
            break
        frames(app)
    assert scene.phase() == STUCK


def test_scene_is_marked_and_the_drive_needs_no_input():
    app, scene = start()
    assert scene.scenario.depicts_gunfire
    assert scene.phase() == DRIVING
    drive_to_the_ditch(app, scene)
    assert scene.notice is not None and scene.paused  # a moment to understand


def test_plays_by_touch_alone():
    app, scene = start()
    drive_to_the_ditch(app, scene)
    tap(app, scene._notice_rect().center)
    assert scene.notice is None and not scene.paused
    tap(app, scene.buttons["walk"].rect.center)
    assert scene.pace == "walk"
    tap(app, scene.buttons["run"].rect.center)
    assert scene.pace == "run"
    # tap the map well to the south: run there
    r = scene.map_rect
    for _ in range(400):
        if scene.sim.finished:
            break
        if scene.target is None:
            tap(app, (r.centerx - 30, r.bottom - 100))
        frames(app)
    assert scene.sim.finished and scene.end_timer is not None
    assert scene.outcome in scene.model.outcomes
    assert scene.phase() == ON_FOOT


def test_plays_by_keys_alone():
    app, scene = start(seed=4)
    drive_to_the_ditch(app, scene)
    key(app, pygame.K_RETURN)
    assert scene.notice is None
    key(app, pygame.K_3)
    key(app, pygame.K_x)
    assert scene.speed_i == 1
    key(app, pygame.K_x)
    key(app, pygame.K_z)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_DOWN, mod=0, unicode="", scancode=0))
    for _ in range(400):
        frames(app)
        if scene.sim.finished:
            break
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=pygame.K_DOWN, mod=0, unicode="", scancode=0))
    frames(app)
    assert scene.sim.finished and scene.outcome in scene.model.outcomes


def test_staying_in_the_jeep_ends_in_capture():
    app, scene = start()
    drive_to_the_ditch(app, scene)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_q)  # stay down: in the jeep
    for _ in range(400):
        frames(app)
        if scene.sim.finished:
            break
    assert scene.outcome == "caught"


def test_autoplay_reaches_the_end():
    from game.scenes.jsa_play import PlayScene

    app = make_app(autoplay=True)
    scene = PlayScene(app, load_by_id("jsa"), "historical", 1)
    app.push(scene)
    scene.steps_per_second = FAST
    for _ in range(400):
        frames(app)
        if scene.sim.finished:
            break
    assert scene.sim.finished and scene.notice is None
    assert scene.outcome in scene.model.outcomes


def test_replaying_the_trace_gives_the_same_run():
    app, scene = start(seed=6)
    drive_to_the_ditch(app, scene)
    key(app, pygame.K_RETURN)
    frames(app, 3)  # hesitate a moment
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_DOWN, mod=0, unicode="", scancode=0))
    frames(app, 6)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_LEFT, mod=0, unicode="", scancode=0))
    frames(app, 4)
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=pygame.K_LEFT, mod=0, unicode="", scancode=0))
    for _ in range(400):
        frames(app)
        if scene.sim.finished:
            break
    replay = Simulation(scene.model.__class__(scene.values, scene.world), 1, scene.seed)
    replay.replay(scene.sim.trace)
    assert replay.outcome_of(0) == scene.outcome
    assert replay.state.step == scene.sim.state.step
    assert replay.state.x[0] == scene.sim.state.x[0]


@pytest.mark.parametrize("scale", [1.0, 1.25, 1.5, 1.75])
def test_draws_at_every_text_scale(scale):
    app, scene = start(text_scale=scale)
    assert fonts.get_scale() == scale
    drive_to_the_ditch(app, scene)
    assert scene._notice_rect().bottom <= scene.map_rect.bottom
    key(app, pygame.K_RETURN)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_DOWN, mod=0, unicode="", scancode=0))
    frames(app, 10)
    for b in scene.buttons.values():
        assert b.rect.height >= 48 and scene.panel.contains(b.rect), b.key
    for flag in ("high_contrast", "reduced_motion"):
        setattr(app.settings, flag, True)
        app.apply_settings()
        frames(app, 3)
    app.settings.felt_danger_hint = False
    frames(app, 3)
