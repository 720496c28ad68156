"""The long way round, played: by touch, by keys, by the automatic player."""

from __future__ import annotations


import pygame
import pytest

from apphelp import find_button, frames, key, make_app, tap
from game.levels import load_by_id
from game.sim import overland as ov
from game.sim.runner import Simulation

SCENARIO = load_by_id("overland")


def start(preset: str = "thailand-2017", **kw):
    from game.scenes.overland_play import PlayScene, ProfileScene

    app = make_app(**kw)
    scene = PlayScene(app, SCENARIO, preset, 3)
    app.push(scene)
    frames(app, 2)
    assert isinstance(app.top, ProfileScene), "the journey starts with choosing who you are"
    return app, scene


def choice_arrow(scene, label: str, side: str) -> tuple[int, int]:
    """Screen position of a Choice's - or + arrow."""
    form = scene.form
    for i, w in enumerate(form.widgets):
        if getattr(w, "label", None) == label:
            form._scroll_into_view(i)
            left, _value, right = w._rects(form.screen_rect(i))
            return (right if side == "+" else left).center
    raise AssertionError(f"no choice {label!r}")


def run_until(app, scene, cond, limit: int = 4000) -> None:
    for _ in range(limit):
        frames(app)
        if cond():
            return
    raise AssertionError("the condition never came")


def test_plays_by_touch_alone():
    app, scene = start()
    tap(app, find_button(app.top, "A woman of 24"))
    assert app.top is scene and scene.profile == "hamgyong_woman"
    assert scene.paused, "time waits for the first decision"
    # Choose to cross, then Continue: all with a finger.
    tap(app, choice_arrow(scene, "What I do", "+"))
    assert scene.choice["activity"] == ov.TRAVEL
    tap(app, find_button(scene, "Continue"))
    assert not scene.paused
    run_until(app, scene, lambda: scene.state.step >= 1)
    # The river is behind (or the journey ended there); the journal says so.
    journal = scene.state.extra["journal"]
    assert journal and journal[0][1] in (ov.J_CROSS_WATER, ov.J_CAUGHT_RIVER, ov.J_DROWNED, ov.J_SHOT)
    # Arriving in Yanji stops the clock for a decision.
    if scene.state.active[0]:
        run_until(app, scene, lambda: scene.paused or scene.sim.finished)
        assert scene.paused or scene.sim.finished
        assert scene.state.extra["crossed"][0]


def test_plays_by_keys_alone():
    app, scene = start("mongolia-2017")
    key(app, pygame.K_RETURN)  # the focused (first) profile
    assert app.top is scene
    key(app, pygame.K_3)  # move on: cross the river
    assert scene.choice["activity"] == ov.TRAVEL
    key(app, pygame.K_f)  # faster
    assert scene.speed == 2.0
    key(app, pygame.K_g)  # go
    assert not scene.paused
    # Keep going by keys: G after each stop (arrivals stop the clock).
    for _ in range(200):
        if scene.sim.finished or scene.state.step > 3:
            break
        if scene.paused:
            key(app, pygame.K_g)
        frames(app, 10)
    assert scene.state.step > 3 or scene.sim.finished
    # Arrow keys move between choices and change them.
    if not scene.sim.finished:
        before = scene.form.focus
        key(app, pygame.K_DOWN)
        assert scene.form.focus != before
    key(app, pygame.K_j)  # the journal opens and closes by keys
    from game.scenes.overland_play import JournalScene

    assert isinstance(app.top, JournalScene)
    key(app, pygame.K_ESCAPE)
    assert app.top is scene


def test_autoplay_reaches_the_end_and_replays_the_same():
    app, scene = start("thailand-2017", autoplay=True)
    frames(app, 100)  # the automatic player picks who it is
    assert app.top is scene and scene.profile == scene.suggested
    scene.speed = 400.0
    run_until(app, scene, lambda: scene.end_timer is not None, limit=600)
    assert scene.sim.finished and scene.outcome in ov.Model.outcomes
    # The debrief's replay of the recorded choices with one traveller is the game's run.
    again = Simulation(scene.model, 1, scene.seed)
    again.replay(scene.sim.trace)
    assert again.outcome_of(0) == scene.outcome
    assert again.state.step == scene.sim.state.step
    assert again.state.extra["journal"] == scene.state.extra["journal"]


def test_player_run_replays_the_same():
    app, scene = start("crackdown-2023")
    tap(app, find_button(app.top, "A woman of 41"))
    scene.choice.update(activity=ov.WORK, broker=0, papers=1, pay=1, mode=ov.BUS)
    scene.toggle_pause()
    scene.speed = 100.0
    days = 0
    while not scene.sim.finished and days < 400:
        frames(app, 2)
        if scene.paused:
            scene.toggle_pause()
        days += 1
        if scene.state.step == 40:
            scene.choice["activity"] = ov.TRAVEL  # leave after working a while
    assert scene.state.step >= 40
    again = Simulation(scene.model, 1, scene.seed)
    again.replay(scene.sim.trace)
    steps = min(again.state.step, scene.sim.state.step)
    assert [(s.x, s.y) for s in again.journey[:steps]] == [(s.x, s.y) for s in scene.sim.journey[:steps]]
    if scene.sim.finished:
        assert again.outcome_of(0) == scene.outcome


@pytest.mark.parametrize("scale", [1.0, 1.25, 1.5, 1.75])
def test_draws_at_every_text_scale(scale):
    app, scene = start("thailand-2017", text_scale=scale)
    frames(app, 2)  # the profile screen
    app.top.choose("mother_child")
    scene.choice["activity"] = ov.TRAVEL
    scene.toggle_pause()
    scene.speed = 40.0
    for _ in range(30):
        frames(app, 2)
        if scene.paused:
            scene.toggle_pause()
    # Every widget fits the panel's width; the map stays on the left.
    for i in range(len(scene.form.widgets)):
        assert scene.form.screen_rect(i).right <= scene.panel.right
    assert scene.map_rect.right < scene.panel.x
    app.settings.high_contrast = True
    app.settings.reduced_motion = True
    app.apply_settings()
    frames(app, 2)
