"""The fog play scene, headless: touch alone, keys alone, autoplay, replay, text sizes."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from apphelp import frames as raw_frames
from apphelp import key, make_app, tap
from dmzhelp import PAD_A, PAD_B, PAD_X, check_buttons_and_settings, pad, press_the_shared_buttons, press_with_pad
from game.levels import load_by_id
from game.sim.runner import Simulation, replaying
from game.ui import fonts

FAST = 600.0  # steps a second, to get through a run quickly (10 steps a frame)
# the questions on the way, answered as a player in a hurry would (tests of the questions use raw_frames)
HURRY = {"learn": "kept", "morning": "first", "coat": "uniform", "challenge": "freeze", "mines": "on", "rifle": "take", "way": "straight", "fence": "climb", "leave": "slip",
         "patrol": "go"}


def frames(app, n: int = 1) -> None:
    """Frames, answering any question on the way (HURRY) so that a walk goes on."""
    from game.scenes.fog.choice import ChoiceScene

    for _ in range(n):
        raw_frames(app)
        top = app.top
        if isinstance(top, ChoiceScene):
            top._answer(HURRY[top.q.kind])


def start(preset: str = "historical", rifle: str | None = "take", way: str | None = "straight",
          leave: str | None = "slip", days: tuple[str, str, str] | None = ("kept", "first", "uniform"), **kw):
    """The play screen, past the days before (``days``: how he learns where the mines are not,
    which morning, what he wears), the rifle question, the way across and how he leaves at the
    post (answered by touch), unless ``days`` (or ``rifle``, ``way``, ``leave``) is None."""
    from game.scenes.fog.scene import PlayScene

    app = make_app(**kw)
    scene = PlayScene(app, load_by_id("fog"), preset, 3)
    app.push(scene)
    raw_frames(app, 2)
    if days is None:
        return app, scene
    for key in days:
        answer(app, key)
    if rifle is not None:
        answer(app, rifle)
        if way is not None:
            answer(app, way)
            if leave is not None:
                answer(app, leave)
    skip_patrol_question(scene)
    return app, scene


def skip_patrol_question(scene) -> None:
    """As if the fence patrol's pass had been asked about already (that question, on
    setting out, has its own test): the tests of other things set out at once."""
    from game.scenes.fog.observation import patrol_due

    due = patrol_due(scene.model, scene.state)
    if due is not None:
        scene._due_asked = due[1]


def answer(app, key: str) -> None:
    """Tap the answer ``key`` of the question on top."""
    from game.scenes.fog.choice import ChoiceScene

    top = app.top
    assert isinstance(top, ChoiceScene), top
    label = next(words for k, words, _ in top.q.answers if k == key)
    # (what the soldier knows goes above the answers, or below them at large text when it does not fit)
    i = next(i for i, w in enumerate(top.form.widgets) if getattr(w, "text", None) == label and hasattr(w, "on_press"))
    tap(app, top.form.screen_rect(i).center)


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
    from game.scenes.fog.choice import ChoiceScene

    for _ in range(600):
        if scene.sim.finished or float(scene.state.y[0]) > y0 + 20:
            break
        if isinstance(app.top, ChoiceScene):  # the questions on the way, answered by a tap
            kind = app.top.q.kind
            answer(app, HURRY[kind])
            climbed += kind == "fence"
        elif scene.at_fence and not scene.climb_request and not scene._climbing():
            tap(app, scene.buttons["climb"].rect.center)
            climbed += 1
        elif scene.target is None:
            r = scene.map_rect
            tap(app, (r.centerx + 20, r.bottom - 140))
            assert scene.target is not None or scene._mine_stop is not None  # (mine signs stop a walk, once)
        raw_frames(app, 2)
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
    assert scene.waiting
    key(app, pygame.K_q)
    z0 = scene.zoom_i
    key(app, pygame.K_z)
    assert scene.zoom_i == (z0 + 1) % 3
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
    # at the post the same button sets out; once out, it turns back
    assert scene.at_post() and scene.buttons["back"].text() == "Set out"
    key(app, pygame.K_b)
    assert app.top is scene and scene.set_out
    frames(app, 2)
    assert not scene.at_post() and scene.buttons["back"].text() == "Turn back"
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
    from game.scenes.fog.scene import PlayScene

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
    policy = replaying(replay.model, scene.sim.trace)
    while replay.state.step < steps and not replay.finished:
        replay.step(policy(replay.state), record=False)
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
    assert scene.map_rect.contains(scene.dpad.rect)
    check_buttons_and_settings(app, scene)


# ---------------------------------------------------------------- polish: layout, help, pad, the picture

SCALES = [1.0, 1.25, 1.5, 1.75]
@pytest.mark.parametrize("scale", SCALES)
def test_panel_fits_and_captions_keep_to_the_map(scale):
    from game.scenes.base import MENU_CORNER

    app, scene = start(text_scale=scale)
    frames(app, 2)
    rects = [b.rect for b in scene.buttons.values()]
    for i, r in enumerate(rects):
        assert scene.panel.contains(r) and r.height >= 48 and not r.colliderect(MENU_CORNER)
        assert all(not r.colliderect(o) for o in rects[i + 1:])
    # the clock fits left of the Help button
    ft = fonts.font("large", True)
    assert ft.size(scene.clock_text())[0] <= scene.head_w
    # the status lines sit under the buttons, inside the panel, and at the start all of them fit
    box = scene.status.rect
    assert box.top >= max(r.bottom for r in rects) and box.bottom <= scene.panel.bottom
    assert scene.status.max_offset == 0
    assert scene.status_rects and all(box.contains(r) for r in scene.status_rects)
    assert len(scene.status_rects) >= len(scene.status_lines())  # every line drawn, the last one too
    # no key-help strip: captions keep to the map, above the direction pad
    area = scene.caption_area
    assert scene.map_rect.contains(area) and area.bottom <= scene.dpad.rect.top
    assert scene.compass_rect.right < scene.map_rect.right and not scene.compass_rect.colliderect(scene.dpad.rect)


def test_status_lines_scroll_when_they_do_not_fit(monkeypatch):
    app, scene = start(text_scale=1.75)
    lines = [("text", f"Line {i}: something to read about the fog.") for i in range(20)]
    monkeypatch.setattr(scene, "status_lines", lambda: lines)
    scene._panel_key = None
    frames(app)
    st = scene.status
    assert st.max_offset > 0
    assert all(st.rect.contains(r) for r in scene.status_rects)
    key(app, pygame.K_PAGEDOWN)
    assert st.offset > 0
    key(app, pygame.K_PAGEUP)
    assert st.offset == 0
    # the wheel over the lines scrolls them (over the map it zooms)
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: st.rect.center)
    z0 = scene.zoom_i
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False, touch=False))
    frames(app)
    assert st.offset > 0 and scene.zoom_i == z0
    # a finger drags them
    st.offset = 0
    c = st.rect.center
    finger(app, pygame.FINGERDOWN, c)
    finger(app, pygame.FINGERMOTION, (c[0], c[1] - 120))
    finger(app, pygame.FINGERUP, (c[0], c[1] - 120))
    frames(app)
    assert st.offset > 0
    assert all(st.rect.contains(r) for r in scene.status_rects)


def test_help_opens_by_key_touch_and_pad_and_lists_every_control():
    from game.ui.hud import HelpOverlay

    app, scene = start()
    key(app, pygame.K_h)
    overlay = app.top
    assert isinstance(overlay, HelpOverlay)
    keys = [k for _heading, rows in overlay.sections for k, _what in rows]
    for name in ("1, 2, 3", "Q", "C", "B", "X", "Z", "H or F1", "Tap or click the map", "X or Y", "A"):
        assert name in keys, name
    step = scene.state.step
    frames(app, 60)
    assert scene.state.step == step  # the game waits while you read
    key(app, pygame.K_ESCAPE)
    assert app.top is scene
    tap(app, scene.buttons["help"].rect.center)
    assert isinstance(app.top, HelpOverlay)
    tap(app, app.top.close_rect.center)
    assert app.top is scene
    tap(app, scene.hint_rect.center)  # the hint on the map opens it too
    assert isinstance(app.top, HelpOverlay)
    key(app, pygame.K_RETURN)
    assert app.top is scene
    press_with_pad(app, scene, "help")
    assert isinstance(app.top, HelpOverlay)
    pad(app, PAD_B)
    assert app.top is scene


def test_help_scrolls_at_large_text():
    from game.ui.hud import HelpOverlay

    app, scene = start(text_scale=1.75)
    key(app, pygame.K_F1)
    overlay = app.top
    assert isinstance(overlay, HelpOverlay) and overlay.max_scroll > 0
    for _ in range(60):  # (the help's rows: more of them since the way and the fences' questions)
        key(app, pygame.K_DOWN)
    assert overlay.scroll == overlay.max_scroll
    assert overlay.text_rect.bottom <= overlay.close_rect.top and overlay.panel.contains(overlay.close_rect)
    # the pad alone: X goes on down the text and, from its end, back to the top
    from dmzhelp import PAD_X, pad

    pad(app, PAD_X)
    assert app.top is overlay and overlay.scroll == 0
    pad(app, PAD_X)
    assert 0 < overlay.scroll <= overlay.max_scroll


def test_every_button_can_be_reached_and_pressed_with_a_pad():
    from game.scenes.base import ConfirmScene

    app, scene = start()
    scene.paused = True  # hold the clock: only the buttons matter here

    press_the_shared_buttons(app, scene, "still")
    scene.at_fence = True
    press_with_pad(app, scene, "climb")
    assert scene.climb_request
    press_with_pad(app, scene, "back")  # at the post: Set out
    assert scene.set_out and app.top is scene
    press_with_pad(app, scene, "back")  # then: Turn back, which asks
    assert isinstance(app.top, ConfirmScene)
    pad(app, PAD_X)  # from "No, go back" to "Yes, turn back"
    pad(app, PAD_A)
    assert app.top is scene and scene.turn_back


def _lum(surface, pos):
    r, g, b, *_ = surface.get_at(pos)
    return 0.299 * r + 0.587 * g + 0.114 * b


def test_the_night_ground_reads_under_the_fog():
    """06:36, night and thick fog: forest and open ground stay apart on screen,
    beyond what you can see too, and the ground near you is clearer than far off."""
    import numpy as np

    app, scene = start()
    scene.paused = True
    assert float(scene.state.extra["light"]) == 0.0 and int(scene.state.extra["fog_class"][0]) >= 2
    scene.state.x[0], scene.state.y[0] = 62.0, 95.0  # among woods, a stream and open ground
    scene._prev = scene._positions()
    app.captions.clear()  # the first caption (at your post) would cover the ground
    scene.fog_view._veil_key = None
    frames(app, 2)
    view = scene.view()
    codes, names = scene.world.labels("terrain")
    vis_tiles = float(scene.state.extra["vis_here"][0]) / scene.model.mpt
    far = {"forest": [], "open": []}
    r = scene.map_rect
    for ty in range(scene.world.height):
        for tx in range(scene.world.width):
            name = names[codes[ty, tx]] if codes[ty, tx] >= 0 else ""
            if name not in far:
                continue
            sx, sy = view.world_to_screen(r, tx + 0.5, ty + 0.5)
            if not (r.x + 90 < sx < r.right - 10 and r.y + 90 < sy < scene.dpad.rect.top - 10):
                continue
            if np.hypot(tx + 0.5 - 62.0, ty + 0.5 - 95.0) > 1.5 * vis_tiles:
                far[name].append(_lum(app.screen, (sx, sy)))
    assert len(far["forest"]) > 5 and len(far["open"]) > 5
    assert np.mean(far["open"]) - np.mean(far["forest"]) > 25
    # the veil: thin around you, thicker beyond what you can see
    inner = pygame.Rect(16, 16, *r.size)
    veil = scene._make_veil(view, inner, (r.width + 32, r.height + 32))
    alpha = pygame.surfarray.array_alpha(veil)
    px, py = view.world_to_screen(inner, 62.0, 95.0)
    assert alpha[px, py] < 0.4 * alpha[8, 8]


def test_the_ground_lightens_through_dawn():
    from game.scenes.fog.scene import PlayScene

    means = []
    for hour in (6.6, 8.6):
        app = make_app()
        scene = PlayScene(app, load_by_id("fog"), "clear-night", 3, {"start_hour": hour})
        scene.days_asked = scene.rifle_asked = scene.way_asked = scene.leave_asked = True  # (no question over the ground)
        app.push(scene)
        app.captions.clear()  # the first caption (at your post) would cover the ground
        frames(app, 2)
        r = scene.map_rect
        a = pygame.surfarray.pixels3d(app.screen)[r.x:r.right, r.y:scene.dpad.rect.top]
        means.append(float(a.mean()))
        del a
    assert means[1] > means[0] + 30


def test_reduced_motion_redraws_the_fog_only_every_few_steps():
    app, scene = start()
    app.settings.reduced_motion = True
    scene.steps_per_second = 60.0  # a step a frame
    frames(app, 2)
    seen = set()
    for _ in range(4):
        frames(app)
        seen.add(id(scene.fog_view._veil))
    assert len(seen) <= 2


def test_the_ending_leaves_room_for_the_captions():
    app, scene = start(text_scale=1.75)
    key(app, pygame.K_b)  # set out
    key(app, pygame.K_b)  # and turn back
    app.top._yes()
    scene.steps_per_second = FAST
    for _ in range(60):
        frames(app)
        if scene.end_timer is not None:
            break
    frames(app, 3)
    assert scene.end_timer is not None and scene._ending_bottom is not None
    assert scene.caption_area.top >= min(scene._ending_bottom, 720 - 160)


def test_the_panel_says_when_the_fog_will_lift():
    # Timing is a decision: the soldier knows when the sun rises and the fog burns off.
    app, scene = start()
    frames(app, 2)
    p = scene.model.params
    sunrise = float(p["sunrise_hour"])
    text = scene.timing_text()
    assert f"{int(sunrise):02d}:{round(sunrise % 1 * 60) % 60:02d}" in text
    assert any(text == line for _role, line in scene.status_lines())
    scene.state.extra["clock_h"] = sunrise + float(p["burn_delay_h"]) / 2
    assert "lifts" in scene.timing_text()
    scene.state.extra["clock_h"] = sunrise + float(p["burn_delay_h"]) + 0.1
    assert scene.timing_text() == ""


# ---------------------------------------------------------------- the new decisions, through the screen

def _walk_to_fence(app, scene):
    scene.steps_per_second = FAST
    hold(app, pygame.K_DOWN)
    for _ in range(300):
        frames(app)
        if scene.at_fence:
            break
    release(app, pygame.K_DOWN)
    assert scene.at_fence


def test_cut_from_a_standstill_crosses_the_fence_lying_low():
    app, scene = start()
    _walk_to_fence(app, scene)
    assert not scene.buttons["under"].enabled()  # no drain here
    scene.steps_per_second = 60.0  # a step a frame, to see the crossing under way
    tap(app, scene.buttons["cut"].rect.center)
    assert scene.climb_request and scene.way == "cut" and scene.target is not None
    for _ in range(60):
        frames(app)
        if scene._climbing():
            break
    obs = scene.observation()
    assert obs.climbing and obs.crossing_way == 1
    assert any("Cutting the wire" in text for _role, text in obs.status)
    y = float(scene.state.y[0])
    for _ in range(400):
        frames(app)
        if not scene._climbing():
            break
    assert float(scene.state.y[0]) > y and np.isfinite(scene.state.extra["cut_x"][0]).any()


def test_a_patrol_heard_shows_on_the_map_and_in_the_panel():
    app, scene = start()
    scene.steps_per_second = FAST
    scene.toggle_wait()  # lie still by the patrols' road until one is heard
    for _ in range(2000):
        frames(app)
        if scene.observation().heard:
            break
    obs = scene.observation()
    assert obs.heard, "no patrol came within hearing"
    assert any(text.startswith("You hear a patrol to the") for _role, text in obs.status)
    assert "patrol_heard" in [ev["code"] for ev in scene.sim.events(0)]


def test_probe_crawls_and_walking_ends_it():
    app, scene = start()
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_m, mod=0, unicode="m", scancode=0))
    frames(app)
    assert scene.probing and scene.pace == "crawl" and scene.player_action()["probe"] is True
    tap(app, scene.buttons["walk"].rect.center)
    assert not scene.probing and scene.player_action()["probe"] is False


def test_at_the_post_enter_or_a_move_sets_out_and_the_wait_is_recorded():
    app, scene = start()
    scene.steps_per_second = 60.0  # a step a frame
    frames(app, 10)
    assert scene.at_post() and scene.observation().at_post
    y0 = float(scene.state.y[0])
    assert float(scene.state.y[0]) == y0
    key(app, pygame.K_RETURN)  # Enter at the post: set out
    hold(app, pygame.K_DOWN)
    frames(app, 10)
    release(app, pygame.K_DOWN)
    assert not scene.at_post() and float(scene.state.y[0]) > y0
    entries = scene.sim.trace.entries
    assert entries[0]["action"]["set_out"] is False and any(e["action"]["set_out"] for e in entries)
    # a move alone sets out too
    app2, scene2 = start()
    scene2.steps_per_second = 60.0
    hold(app2, pygame.K_RIGHT)
    frames(app2, 4)
    release(app2, pygame.K_RIGHT)
    assert not scene2.at_post()


def test_near_the_souths_post_k_calls_out_and_the_soldiers_take_you_in():
    app, scene = start()
    m = scene.model
    scene.set_out = True
    scene.steps_per_second = 60.0
    frames(app, 2)
    gx, gy = (m.goal[0] + m.goal[2]) / 2, (m.goal[1] + m.goal[3]) / 2
    scene.state.x[0], scene.state.y[0] = gx, gy - 8
    scene._panel_key = None
    frames(app)
    assert scene.buttons["back"].text() == "Call out"
    key(app, pygame.K_o)
    assert scene.hail and scene.waiting
    for _ in range(200):
        frames(app)
        if scene.end_timer is not None:
            break
    assert scene.outcome == "crossed"
    assert any(e["action"].get("hail") for e in scene.sim.trace.entries)
    codes = [ev["code"] for ev in scene.sim.events(0)]
    assert "hailed" in codes


def test_mine_signs_stop_a_walk_to_a_tapped_spot_once_and_say_the_choice():
    app, scene = start()
    m = scene.model
    scene.set_out = True
    scene.steps_per_second = 60.0
    frames(app, 2)
    yy, xx = np.nonzero(m.mine_hazard_per_m.reshape(m.H, m.W) > 0)
    for x, y in zip(xx, yy):
        if 20 < y < 75 and m.mine_hazard_per_m[(y - 1) * m.W + x] == 0 and m.mine_hazard_per_m[(y - 2) * m.W + x] == 0 \
                and not m.blocked[y - 2:y, x].any() and not m.fence[y - 2:y, x].any():
            break
    scene.state.x[0], scene.state.y[0] = x + 0.5, y - 1.6
    scene.target = (x + 0.5, y + 4.0)
    app.captions.clear()
    from game.scenes.fog.choice import ChoiceScene

    for _ in range(12):
        raw_frames(app)
        if isinstance(app.top, ChoiceScene):
            break
    assert isinstance(app.top, ChoiceScene) and app.top.q.kind == "mines"
    assert float(scene.state.y[0]) < y  # stopped before the mined ground
    assert "Probing across it takes about" in app.top.q.detail and "The fog lifts" in app.top.q.detail
    answer(app, "round")
    assert scene.target is None and any("way round" in t for t, _s in app.captions)
    # going round stops him; heading on into the mined ground after all asks again (not a walk
    # into it unasked), and walking on is then not asked again on that strip
    scene.target = (x + 0.5, y + 4.0)
    for _ in range(12):
        raw_frames(app)
        if isinstance(app.top, ChoiceScene):
            break
    assert isinstance(app.top, ChoiceScene) and app.top.q.kind == "mines"
    assert float(scene.state.y[0]) < y
    answer(app, "on")
    raw_frames(app, 3)
    assert scene.target is not None and app.top is scene
    # elsewhere, probing is an answer: crawling on, feeling the ground
    scene._mine_stop = None
    scene.state.x[0], scene.state.y[0] = x + 0.5, y - 1.6
    scene.target = (x + 0.5, y + 4.0)
    for _ in range(12):
        raw_frames(app)
        if isinstance(app.top, ChoiceScene):
            break
    answer(app, "probe")
    assert scene.probing and scene.pace == "crawl" and scene.target is not None


# ---------------------------------------------------------------- the rifle and the challenge (issue 11 item 8)


def test_the_rifle_is_asked_first_and_leaving_it_takes_the_cut_away():
    from game.scenes.fog.choice import ChoiceScene

    app, scene = start(rifle=None)
    assert isinstance(app.top, ChoiceScene) and app.top.q.kind == "rifle"
    raw_frames(app, 30)
    assert scene.state.step == 0  # the clock waits for the answer
    answer(app, "leave")
    assert isinstance(app.top, ChoiceScene) and app.top.q.kind == "way"  # then the way across the fences
    answer(app, "straight")
    assert isinstance(app.top, ChoiceScene) and app.top.q.kind == "leave"  # then how he leaves his post
    answer(app, "slip")
    assert app.top is scene and not scene.armed
    scene.set_out = True
    scene.steps_per_second = 60.0
    frames(app, 3)
    assert not bool(scene.state.extra["armed"][0])
    assert any(e["action"].get("armed") is False for e in scene.sim.trace.entries)
    scene.at_fence = True
    assert not scene.buttons["cut"].enabled() and scene.buttons["climb"].enabled()
    assert any("No rifle" in words for _style, words in scene.status_lines())


def test_a_challenge_stops_the_journey_until_it_is_answered_by_touch():
    from game.scenes.fog.choice import ChoiceScene

    app, scene = start("clear-day")
    scene.set_out = True
    scene.steps_per_second = 60.0
    m = scene.model
    scene.target = (float(scene.state.x[0]), m.mdl_y - 1.0)  # walk south in the open, in daylight
    for _ in range(600):
        raw_frames(app)
        if isinstance(app.top, ChoiceScene) or scene.end_timer is not None:
            break
    assert isinstance(app.top, ChoiceScene) and app.top.q.kind == "challenge"
    assert "m away" in app.top.q.detail
    step = scene.state.step
    raw_frames(app, 20)
    assert scene.state.step == step  # nothing moves while he decides
    answer(app, "crawl")
    assert scene.pace == "crawl" and not scene.waiting
    frames(app, 3)
    assert scene.state.step > step
    assert any(e["action"].get("evade") == 1 for e in scene.sim.trace.entries)
    codes = [ev["code"] for ev in scene.sim.events(0)]
    assert "challenged" in codes and ("evaded" in codes or scene.outcome in ("caught", "killed"))
    # the ending tells the distance as the question did: never "about 0 m off"
    assert all(ev["metres"] >= 10 for ev in scene.sim.events(0) if ev["code"] == "challenged")


def test_the_kiosks_short_cut_tells_a_challenge_and_lies_flat_without_asking():
    from game.scenes.fog.choice import ChoiceScene
    from game.scenes.fog.scene import PlayScene

    app = make_app()
    app.launch.time_scale = 3.0  # the kiosk's cut
    scene = PlayScene(app, load_by_id("fog"), "clear-day", 3)
    app.push(scene)
    scene.set_out = True
    scene.steps_per_second = 60.0
    scene.target = (float(scene.state.x[0]), scene.model.mdl_y - 1.0)  # south in the open, in daylight
    asked = False
    for _ in range(900):
        raw_frames(app)
        asked = asked or isinstance(app.top, ChoiceScene)
        if scene.end_timer is not None or any(ev["code"] == "challenged" for ev in scene.sim.events(0)):
            break
    raw_frames(app, 5)
    assert any(ev["code"] == "challenged" for ev in scene.sim.events(0))
    assert not asked and not isinstance(app.top, ChoiceScene)
    assert all(e["action"].get("evade", 0) == 0 for e in scene.sim.trace.entries)  # lay flat


# ---------------------------------------------------------------- the way across the fences (issue 11 item 8)


def test_the_way_is_asked_after_the_rifle_drawn_and_followed_by_key_and_recorded():
    from game.scenes.fog.choice import ChoiceScene

    app, scene = start(way=None)
    assert isinstance(app.top, ChoiceScene) and app.top.q.kind == "way"
    assert [k for k, _w, _d in app.top.q.answers] == ["straight", "path", "drain"]
    raw_frames(app, 10)
    assert scene.state.step == 0  # the clock waits for the answer
    answer(app, "path")
    answer(app, "slip")
    assert app.top is scene and scene.plan == "path"
    obs = scene.observation()
    assert obs.way and obs.way[-1][1] == scene.model.crossings[1][1] + 0.5  # drawn to where it crosses
    x0 = float(scene.state.x[0])
    scene.steps_per_second = 60.0
    raw_frames(app, 3)  # a few steps on duty at the post first
    key(app, pygame.K_f)  # follow: sets out along the fence road, east
    assert scene.following and scene.set_out
    raw_frames(app, 2)
    assert any("Following it" in w for _s, w in scene.status_lines())
    raw_frames(app, 10)
    assert float(scene.state.x[0]) > x0 + 0.5 and abs(float(scene.state.y[0]) - scene.model.start_xy[1]) < 1.0
    assert any(e["action"].get("plan") == 1 for e in scene.sim.trace.entries)
    codes = [ev for ev in scene.sim.events(0) if ev["code"] == "set_out"]
    assert codes and codes[0]["plan"] == 1
    frames(app, 1)  # (answering a challenge, if the fence patrol saw him)
    scene.following = True
    key(app, pygame.K_f)  # F again stops
    assert not scene.following


def test_a_tap_on_the_dotted_line_follows_it_and_a_held_key_leaves_it():
    app, scene = start(way="straight")
    raw_frames(app, 2)
    way = scene.observation().way
    assert way
    p = scene.view().world_to_screen(scene.map_rect, *way[1])
    tap(app, p)
    assert scene.following and scene.target is None
    hold(app, pygame.K_LEFT)
    frames(app, 40)  # (the next step)
    assert not scene.following
    release(app, pygame.K_LEFT)


def test_at_the_strip_going_round_takes_the_patrol_path():
    from game.scenes.fog.observation import mine_question

    app, scene = start(way="straight")
    m = scene.model
    scene.state.y[0] = float(m.fence_rows[0]) - 0.5  # at the first fence, the strip's signs ahead
    q = mine_question(m, scene.state, (0.0, 1.0), True, 0)
    assert [k for k, _w, _d in q.answers] == ["path", "probe", "on"]
    assert "700 m" in q.answers[0][2]
    scene.answer_mines("path")
    assert scene.plan == "path" and scene.following
    assert mine_question(m, scene.state, (0.0, 1.0), True, 1).answers[0][0] != "path"  # not offered on it


@pytest.mark.parametrize("scale", [1.0, 1.75])
def test_every_answer_of_every_question_shows_without_scrolling(scale):
    """At 800x600 (the same logical canvas) and text 1.75, the questions' answers all fit on the card."""
    from game.scenes.fog.choice import ChoiceScene
    from game.ui.widgets import Button
    from game.scenes.fog.observation import (challenge_question, coat_question, fence_question, leave_question,
                                             learn_question, mine_question, morning_question, patrol_question,
                                             rifle_question, way_question)

    app, scene = start(window=(800, 600), text_scale=scale)
    m, st = scene.model, scene.state
    st.extra["challenge_d"][0], st.extra["challenge_vis"][0] = 60.0, 90.0
    st.y[0] = float(m.fence_rows[0]) - 0.5
    at_drain = (int(m.crossings[2][0]), int(m.fence_rows[0]))
    st.extra["vis_here"][0] = 120.0  # thick fog: a denser bank may be waited for (not at the drain: it hides him)
    at_wire = (int(m.start_xy[0]), int(m.fence_rows[0]))
    for q in (learn_question(m), morning_question(m), coat_question(m), rifle_question(), way_question(m),
              leave_question(m), challenge_question(m, st),
              mine_question(m, st, (0.0, 1.0), True, 0), fence_question(m, st, at_drain, True, True),
              fence_question(m, st, at_wire, True, False), patrol_question(m, st, (4.0, 6.9, 65))):
        card = ChoiceScene(app, q, lambda k: None)
        app.push(card)
        raw_frames(app, 2)
        form = card.form
        answers = [i for i, w in enumerate(form.widgets) if isinstance(w, Button)]
        assert len(answers) == len(q.answers)
        for i in answers:
            assert form.rect.contains(form.screen_rect(i)), (q.kind, i, form.screen_rect(i), form.rect)
        app.pop()


def test_a_fence_reached_asks_how_to_cross_it_once():
    from game.scenes.fog.choice import ChoiceScene
    from game.scenes.fog.observation import fence_question

    app, scene = start(way="straight")
    m = scene.model
    scene.set_out = True
    scene.steps_per_second = 60.0
    scene.target = (float(scene.state.x[0]), float(m.fence_rows[0]) + 3.0)  # walk south to the first fence
    asked = None
    for _ in range(400):
        raw_frames(app)
        top = app.top
        if isinstance(top, ChoiceScene) and top.q.kind == "mines":
            answer(app, "on")
        elif isinstance(top, ChoiceScene):
            asked = top.q
            break
    assert asked is not None and asked.kind == "fence"
    assert [k for k, _w, _d in asked.answers if k != "bank"] == ["climb", "cut", "wait"]
    answer(app, "wait")
    assert scene.waiting and not scene.climb_request
    raw_frames(app, 30)
    assert app.top is scene  # not asked again at the same fence
    scene.press_way("cut")
    assert scene.climb_request and scene.way == "cut"
    # without the rifle there is no cut; at a drain, under is offered
    dx = int(m.crossings[2][0])
    q = fence_question(m, scene.state, (dx, int(m.fence_rows[0])), False, True)
    assert [k for k, _w, _d in q.answers] == ["climb", "under", "wait"]


# ---------------------------------------------------------------- leaving the post, the fog's banks (issue 11 item 8)


def test_how_he_leaves_is_asked_after_the_way_recorded_and_told():
    from game.scenes.fog.choice import ChoiceScene

    app, scene = start(leave=None)
    assert isinstance(app.top, ChoiceScene) and app.top.q.kind == "leave"
    assert [k for k, _w, _d in app.top.q.answers] == ["slip", "word"]
    assert "in 10" in app.top.q.answers[1][2]  # the chance the comrade doubts it, from the model
    raw_frames(app, 10)
    assert scene.state.step == 0  # the clock waits for the answer
    answer(app, "word")
    assert app.top is scene and scene.leave == "word"
    scene.steps_per_second = 60.0
    raw_frames(app, 2)
    key(app, pygame.K_f)  # follow the way: sets out, with the word said
    frames(app, 4)
    assert any(e["action"].get("leave") == 1 for e in scene.sim.trace.entries)
    told = [ev for ev in scene.sim.events(0) if ev["code"] == "set_out"]
    assert told and told[0]["leave"] == 1
    how = int(scene.state.extra["missed_how"][0])
    assert how in (1, 2)
    words = " ".join(w for _s, w in scene.status_lines())
    assert ("reported you" in words) if how == 1 else ("covers for you" in words)


def test_lying_still_ends_following_and_f_takes_it_up_again():
    app, scene = start()
    scene.steps_per_second = 60.0
    key(app, pygame.K_f)
    assert scene.following
    frames(app, 2)
    key(app, pygame.K_q)  # lie still
    assert scene.waiting and not scene.following
    key(app, pygame.K_q)  # get up
    key(app, pygame.K_f)  # and follow the way again
    assert scene.following and not scene.waiting


def test_waiting_for_a_bank_at_the_wire_holds_him_and_asks_the_fence_again():
    from game.scenes.fog.choice import ChoiceScene

    app, scene = start()
    m = scene.model
    scene.set_out = True
    scene.steps_per_second = 60.0
    scene.target = (float(scene.state.x[0]), float(m.fence_rows[0]) + 3.0)
    asked = None
    for _ in range(400):
        raw_frames(app)
        top = app.top
        if isinstance(top, ChoiceScene) and top.q.kind == "mines":
            answer(app, "on")
        elif isinstance(top, ChoiceScene) and top.q.kind == "fence":
            asked = top.q
            break
    assert asked is not None
    if "bank" not in [k for k, _w, _d in asked.answers]:
        pytest.skip("the fog at the wire is dense already on this morning")
    answer(app, "bank")
    assert scene.bank and scene.waiting
    y = float(scene.state.y[0])
    for _ in range(300):
        raw_frames(app)
        if isinstance(app.top, ChoiceScene):
            break
    codes = [ev["code"] for ev in scene.sim.events(0)]
    assert "bank_came" in codes or "bank_none" in codes
    assert isinstance(app.top, ChoiceScene) and app.top.q.kind == "fence"  # the fence's question again
    assert not scene.bank and abs(float(scene.state.y[0]) - y) < 0.01
    assert any(e["action"].get("bank") for e in scene.sim.trace.entries)


def test_a_short_card_is_as_tall_as_its_words_not_the_screen():
    """The rifle's card at 1280x720 had a large empty lower half: now it fits its words."""
    from game.scenes.fog.choice import ChoiceScene
    from game.scenes.fog.observation import rifle_question

    app, scene = start()
    card = ChoiceScene(app, rifle_question(), lambda k: None)
    app.push(card)
    raw_frames(app, 2)
    panel, full = card.panel_rect(), card.full_rect()
    assert panel.height < full.height * 0.8
    last = card.form.screen_rect(len(card.form.widgets) - 1)
    assert panel.contains(last) and panel.bottom - last.bottom < 40


def test_setting_out_with_the_patrol_due_asks_first_and_waiting_keeps_him_on_duty():
    from game.scenes.fog.choice import ChoiceScene
    from game.scenes.fog.observation import DUE_ASK_MIN, patrol_due
    from game.scenes.fog.scene import PlayScene

    app = make_app()
    scene = PlayScene(app, load_by_id("fog"), "historical", 9)
    app.push(scene)
    raw_frames(app, 2)
    for k in ("kept", "first", "uniform", "take", "straight", "slip"):
        answer(app, k)
    scene.steps_per_second = 60.0
    due = None
    for _ in range(600):
        due = patrol_due(scene.model, scene.state)
        if due is not None and due[0] <= DUE_ASK_MIN:
            break
        raw_frames(app)
    assert due is not None and due[0] <= DUE_ASK_MIN
    key(app, pygame.K_f)
    raw_frames(app, 2)
    assert isinstance(app.top, ChoiceScene) and app.top.q.kind == "patrol"
    assert [k for k, _w, _d in app.top.q.answers] == ["wait", "go"]
    answer(app, "wait")
    raw_frames(app, 5)
    assert scene.at_post() and not scene.following and not bool(scene.state.extra["out"][0])
    key(app, pygame.K_f)  # again: not asked a second time about the same pass; he goes
    raw_frames(app, 3)
    assert app.top is scene and bool(scene.state.extra["out"][0])


def test_the_days_before_are_asked_first_and_go_into_the_record():
    """Three questions before the rifle, by touch, while the clock waits; the answers are the
    first step's action, so that the record replays them."""
    from game.scenes.fog.choice import ChoiceScene

    app, scene = start(days=None)
    kinds = []
    for key in ("ask", "thicker", "coat"):
        assert isinstance(app.top, ChoiceScene)
        kinds.append(app.top.q.kind)
        raw_frames(app, 5)
        assert scene.state.step == 0  # the clock waits for the answer
        answer(app, key)
    assert kinds == ["learn", "morning", "coat"]
    assert isinstance(app.top, ChoiceScene) and app.top.q.kind == "rifle"  # then the rifle, as before
    for key in ("take", "straight", "slip"):
        answer(app, key)
    assert (scene.learn, scene.morning, scene.coat) == ("ask", "thicker", True)
    assert any("older soldier" in words for _style, words in scene.status_lines())
    skip_patrol_question(scene)
    scene.set_out = True
    scene.steps_per_second = 60.0
    frames(app, 3)
    first = scene.sim.trace.entries[0]
    assert first["step"] == 0 and (first["action"]["learn"], first["action"]["morning"], first["action"]["coat"]) == (2, 1, True)
    assert scene.state.extra["mine_know"][0] == scene.model.params["learn_ask_mines"]
