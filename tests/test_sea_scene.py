"""The sea play scene, headless: touch alone, keys alone, autoplay, replay, text sizes."""

from __future__ import annotations

import pygame
import pytest

from apphelp import sea_ashore_as_is, find_button, frames, key, make_app, tap
from game.levels import load_by_id
from game.sim.runner import Simulation, replaying
from game.sim.runner import run_to_end as run_sim_to_end
from game.ui import fonts


def start(preset: str = "defector-summer", **kw):
    from game.scenes.sea.scene import PlayScene

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
    return next(b for b in [*scene.buttons, *scene.tools] if b.key == key_name)


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
    # Ashore first, by taps: go over the engine (its days pass at once), then the rest as it is.
    assert scene.decision == "prep_engine" and scene.paused
    scene._notice_rect()
    tap(app, scene.choices[0].rect.center)
    assert scene.sim.state.extra["overhaul"][0] == scene.model.p["overhaul_days"] and scene.decision == "prep_fuel"
    while scene.decision != "leaving":
        scene._notice_rect()
        tap(app, scene.choices[-1].rect.center)
    # Then how to leave the watched coast (by a tap on its choice).
    assert scene.decision == "leaving" and scene.paused
    assert [b.key for b in scene.choices] == ["leave_with_fleet", "leave_dark"]
    step = scene.sim.state.step
    frames(app, 5)
    assert scene.sim.state.step == step
    scene._notice_rect()
    tap(app, scene.choices[0].rect.center)
    assert scene.notice is None and scene.cover and scene.player_action()["cover"] == 1
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
    # Any notice is dismissed by a tap on it; a decision by a tap on one of its choices.
    if scene.notice is not None:
        if scene.choices:
            tap(app, scene.choices[-1].rect.center if scene._notice_rect() else None)
        else:
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
    while scene.decision != "leaving":  # ashore: 2 leaves each thing as it is
        key(app, pygame.K_2)
    # How to leave the watched coast: 2 slips out alone in the dark, at full speed.
    assert scene.decision == "leaving"
    key(app, pygame.K_2)
    assert scene.notice is None and not scene.cover and scene.throttle_i == 3
    key(app, pygame.K_e)
    assert scene.throttle_i == 0
    key(app, pygame.K_e)
    key(app, pygame.K_e)
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
    from game.scenes.sea.scene import PlayScene

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
    key(app, pygame.K_1)  # ashore: the engine gone over (two days), the rest as it is
    assert scene.port_steps == 8
    sea_ashore_as_is(app, scene)
    key(app, pygame.K_1)  # the first decision: how to leave (or fish on)
    key(app, pygame.K_e)  # full speed
    key(app, pygame.K_LEFT)
    scene.steps_per_second = 30.0
    run_to_end(app, scene)
    replay = Simulation(scene.model.__class__(scene.values, scene.world), 1, scene.seed)
    run_sim_to_end(replay, replaying(replay.model, scene.sim.trace))
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
    sea_ashore_as_is(app, scene)
    key(app, pygame.K_1)  # the first decision: how to leave (or fish on)
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


# ---------------------------------------------------------------- polish: layout at every text size
def pad(app, button_no: int) -> None:
    """A gamepad button press (0 = A confirms, 1 = B back, 2/3 = X/Y next)."""
    pygame.event.post(pygame.event.Event(pygame.JOYBUTTONDOWN, button=button_no, joy=0, instance_id=0))
    frames(app)


@pytest.mark.parametrize("scale", [1.0, 1.75])
def test_setup_header_clears_the_form(scale):
    from game.scenes.sea.scene import PAD
    from game.ui.text import line_height, wrap

    app, scene = start("defector-winter", text_scale=scale)
    ft, fs = fonts.font("large", True), fonts.font("small")
    sub = wrap(fs, scene.scenario.presets["defector-winter"].label, scene._head_width())
    assert scene.form.rect.top >= PAD + line_height(ft) + len(sub) * line_height(fs)
    assert scene.form.screen_rect(0).top >= scene.form.rect.top  # "Set out" below the subtitle


@pytest.mark.parametrize("scale", [1.0, 1.25, 1.5, 1.75])
def test_nothing_is_cut_off_or_overlaps_at_sea(scale):
    from game.scenes.base import MENU_CORNER
    from game.ui.text import line_height

    app, scene = start("defector-winter", text_scale=scale)
    key(app, pygame.K_RETURN)
    frames(app, 2)
    # each question ashore and the leaving question, with its choices, fits on the screen (on the
    # map, or over the panel when the map has no room beside the boat at this text size)
    while True:
        notice = scene._notice_rect()
        assert scene.choices and pygame.Rect(0, 0, 1280, 720).contains(notice), scene.decision
        assert all(notice.contains(b.rect) for b in scene.choices)
        if scene.decision == "leaving":
            break
        key(app, pygame.K_2)
        frames(app, 2)
    key(app, pygame.K_1)
    # a patrol boat in sight of a crossing: three choices, which fit too
    scene.notice = scene.narrator.text({"step": 1, "code": "ship_sighted", "kind": 1, "km": 20.0})
    scene._ask("ship_sighted", ("drift_dark", "run_patrol", "claim_fishing"))
    scene.paused = True
    frames(app, 2)
    notice = scene._notice_rect()
    assert pygame.Rect(0, 0, 1280, 720).contains(notice) and all(notice.contains(b.rect) for b in scene.choices)
    key(app, pygame.K_1)
    assert scene.crew.evade == 1 and scene.player_action()["evade"] == 1
    frames(app, 2)
    for b in scene.buttons:
        assert scene.panel.contains(b.rect) and not b.rect.colliderect(MENU_CORNER), b.key
        assert b.rect.height >= 48
        assert b.rect.bottom <= scene.status_rect.top, b.key
    for b in scene.tools:
        assert scene.map_rect.contains(b.rect) and b.rect.height >= 48 and b.rect.width >= 48, b.key
    assert scene.panel.contains(scene.status_rect) and scene.status_rect.height >= 3 * line_height(fonts.font("small"))
    # Captions keep to the map, above its buttons; messages sit at the top of the map.
    assert scene.map_rect.contains(scene.caption_area)
    assert scene.caption_area.bottom <= min(b.rect.top for b in scene.tools)
    scene.notice = "A wave swept one of the people aboard into the sea. One of the people aboard has died of the cold."
    scene.paused = True
    frames(app)
    notice = scene._notice_rect()
    assert scene.map_rect.contains(notice) and notice.bottom < scene.caption_area.bottom - 100
    assert not any(notice.colliderect(b.rect) for b in scene.tools)
    scene.dismiss_notice()
    # Every status line is on the panel: what does not fit is reached by scrolling.
    lines = scene._status_wrapped(scene.status_rect.width - 16)
    lh = line_height(fonts.font("small"))
    assert scene.status_max_scroll == max(0, len(lines) * lh - scene.status_rect.height)
    if scale == 1.75:
        assert scene.status_max_scroll > 0
    for _press in range(8):  # a page at a time reaches the end
        key(app, pygame.K_PAGEDOWN)
    frames(app)
    assert scene.status_scroll == scene.status_max_scroll
    assert len(lines) * lh - scene.status_scroll <= scene.status_rect.height
    assert any("storm within 3 days" in text for _role, text in lines)


def test_the_panel_text_scrolls_by_finger_and_wheel():
    app, scene = start("defector-winter", text_scale=1.75)
    key(app, pygame.K_RETURN)
    sea_ashore_as_is(app, scene)
    key(app, pygame.K_1)  # the first decision: how to leave (or fish on)
    frames(app, 2)
    r = scene.status_rect
    x, y = r.centerx / 1280, r.bottom / 720 - 0.02
    common = dict(touch_id=1, finger_id=0, dx=0.0, dy=0.0, pressure=1.0)
    pygame.event.post(pygame.event.Event(pygame.FINGERDOWN, x=x, y=y, **common))
    pygame.event.post(pygame.event.Event(pygame.FINGERMOTION, x=x, y=y - 0.2, **common))
    pygame.event.post(pygame.event.Event(pygame.FINGERUP, x=x, y=y - 0.2, **common))
    frames(app)
    assert scene.status_scroll > 0
    heading = scene.heading
    assert scene.heading == heading  # a drag on the panel never steers
    # The wheel over the panel scrolls it; over the map it zooms.
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=r.center, rel=(0, 0), buttons=(0, 0, 0), touch=False))
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=5, flipped=False, touch=False))
    frames(app)
    assert scene.status_scroll == 0 and scene.zoom_i == 0
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=scene.map_rect.center, rel=(0, 0), buttons=(0, 0, 0), touch=False))
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False, touch=False))
    frames(app)
    assert scene.zoom_i == 1


def test_help_opens_by_touch_key_and_pad():
    from game.scenes.sea.scene import HelpScene, STATUS

    app, scene = start("defector-winter", text_scale=1.75)
    # Before setting out: by key, then from the form's own button by pad.
    key(app, pygame.K_h)
    assert isinstance(app.top, HelpScene)
    pad(app, 1)  # B goes back
    assert app.top is scene
    for _ in range(len(scene.form.widgets)):
        pad(app, 2)
    pad(app, 0)
    assert isinstance(app.top, HelpScene)
    from game.scenes.base import MENU_CORNER

    assert not app.top.panel.colliderect(MENU_CORNER)
    for _ in range(5):
        key(app, pygame.K_DOWN)
    assert app.top.scroll > 0  # the help text scrolls by keys
    key(app, pygame.K_ESCAPE)
    assert app.top is scene
    scene.form.focus = 0
    key(app, pygame.K_RETURN)
    sea_ashore_as_is(app, scene)
    key(app, pygame.K_1)  # the first decision: how to leave (or fish on)
    assert scene.departed
    # At sea: by touch on the map's Help button, by key H, by pad (next ... A).
    tap(app, button(scene, "help").rect.center)
    assert isinstance(app.top, HelpScene)
    step = scene.sim.state.step
    frames(app, 120)
    assert scene.sim.state.step == step  # the voyage waits while the help is open
    assert app.top.close_text() == "Back to the boat"
    tap(app, app.top.close_rect.center)
    assert app.top is scene
    key(app, pygame.K_h)
    assert isinstance(app.top, HelpScene)
    key(app, pygame.K_h)
    assert app.top is scene
    order = scene.focus_order()
    while scene.focus < 0 or order[scene.focus] is not button(scene, "help"):
        pad(app, 3)
    pad(app, 0)
    assert isinstance(app.top, HelpScene)


def test_every_control_is_reachable_with_the_pad_alone():
    from game.scenes.sea.scene import STATUS

    app, scene = start("defector-winter")
    pad(app, 0)  # A on "Set out"
    assert scene.departed and scene.choices
    while scene.decision != "leaving":  # ashore: X to the second choice and A, each thing as it is
        pad(app, 2)
        assert scene.choice_focus == 1
        pad(app, 0)
    pad(app, 0)  # A on the first choice: leave among the fishing boats
    assert scene.notice is None and scene.cover
    scene.paused = True  # hold the voyage still: only the controls matter here
    scene.zoom_i = 1  # so that zooming out does something

    def state():
        return (scene.heading, scene.throttle_i, scene.bail, scene.repair, scene.ration_i, scene.signal,
                scene.turn_back, scene.cover, scene.seas, scene.tarp, scene.speed_i, scene.zoom_i, scene.show_currents,
                type(app.top).__name__)

    order = scene.focus_order()
    seen = set()
    for _ in range(len(order) + 2):
        pad(app, 2)  # X: the next control
        target = order[scene.focus]
        if target is STATUS or target.key in seen:
            continue
        seen.add(target.key)
        before = state()
        pad(app, 0)
        assert state() != before, target.key
        if type(app.top).__name__ == "HelpOverlay":
            pad(app, 1)  # B closes the help
            assert app.top is scene
    assert seen == {b.key for b in [*scene.buttons, *scene.tools]}
    # The pad's up/down on the panel's text scroll it before moving on.
    app2, scene2 = start("defector-winter", text_scale=1.75)
    pad(app2, 0)
    sea_ashore_as_is(app2, scene2)
    pad(app2, 0)  # the first decision
    scene2.paused = True
    frames(app2, 2)
    scene2.focus = scene2.focus_order().index(STATUS)
    assert scene2.status_max_scroll > 0
    pygame.event.post(pygame.event.Event(pygame.JOYHATMOTION, value=(0, -1), joy=0, instance_id=0, hat=0))
    frames(app2)
    assert scene2.status_scroll > 0 and scene2.focus_order()[scene2.focus] is STATUS


def test_losses_are_told_by_their_cause():
    from game.levels import load_by_id
    from game.narrator import Narrator
    from game.sim.sea import DEATH_COLD, DEATH_NONE

    n = Narrator(load_by_id("sea"))
    assert n.text({"step": 0, "code": "overboard", "people": 1}) == "A wave swept one of the people aboard into the sea."
    assert n.text({"step": 0, "code": "died", "people": 1, "cause": DEATH_COLD}) == "One of the people aboard has died of the cold."
    assert n.text({"step": 0, "code": "died", "people": 2, "cause": DEATH_NONE}) == "2 of the people aboard have died."
    assert "Nobody aboard survived" in n.text({"step": 0, "code": "capsized"})


@pytest.mark.parametrize("scale", [1.0, 1.75])
def test_the_ending_card_fits(scale):
    from game.scenes.base import MENU_CORNER

    app, scene = start("defector-winter", text_scale=scale)
    key(app, pygame.K_RETURN)
    sea_ashore_as_is(app, scene)
    key(app, pygame.K_1)  # the first decision: how to leave (or fish on)
    scene.speed_i = 2
    scene.steps_per_second = 30.0
    run_to_end(app, scene)
    frames(app, 50)
    card, parts = scene.ending_layout()
    assert pygame.Rect(0, 0, 1280, 720).contains(card) and not card.colliderect(MENU_CORNER)
    assert not app.captions  # older words do not cover the ending
