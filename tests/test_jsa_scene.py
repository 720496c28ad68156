"""The JSA play scene, headless: touch alone, keys alone, autoplay, replay, text sizes."""

from __future__ import annotations

import pygame
import pytest

from apphelp import frames, key, make_app, tap
from dmzhelp import PAD_A, PAD_B, check_buttons_and_settings, pad, press_the_shared_buttons, press_with_pad
from game.levels import load_by_id
from game.sim.jsa import AT_COVER, DRIVING, ON_FOOT, STUCK
from game.sim.runner import Simulation, replaying, run_to_end
from game.ui import fonts

FAST = 120.0  # steps a second (2 a frame)
SEED_WAVED_THROUGH = 11  # a seed with which the guards let a slow jeep through


QUIET = {"alarm_seen_per_min": 0.0, "alarm_missed_per_min": 0.0}  # nobody warns the checkpoint


def start(preset: str = "historical", seed: int = 3, over: dict | None = None, hour=pygame.K_1, errand=pygame.K_1, **kw):
    """The scene, with the first questions (the hour, the duty book) answered by ``hour`` and ``errand``
    (keys; None: left open)."""
    from game.scenes.jsa.scene import PlayScene

    app = make_app(**kw)
    scene = PlayScene(app, load_by_id("jsa"), preset, seed, over)
    app.push(scene)
    frames(app, 2)
    if hour is not None and scene.question is not None and scene.question.kind == "hour":
        key(app, hour)
        if errand is not None and scene.question is not None and scene.question.kind == "errand":
            key(app, errand)
            if scene.question is not None and scene.question.kind == "watch":
                key(app, pygame.K_1)  # set off now
    return app, scene


def drive_to_the_ditch(app, scene, checkpoint=pygame.K_1, last_stretch=pygame.K_1, road=pygame.K_1):
    """Answer the road's, the checkpoint's and the last stretch's questions by key;
    drive on until the jeep stops (in the ditch or at the kerb) and the screen asks again."""
    scene.steps_per_second = FAST
    if scene.question is not None and scene.question.kind == "hour":
        key(app, pygame.K_1)  # now, in the afternoon
    if scene.question is not None and scene.question.kind == "errand":
        key(app, pygame.K_1)  # without a word
    if scene.question is not None and scene.question.kind == "watch":
        key(app, pygame.K_1)  # set off now
    assert scene.question is not None and scene.question.kind == "road"
    key(app, road)
    for _ in range(300):
        if scene.question is not None and scene.question.kind == "bridge":
            key(app, pygame.K_1)  # drive on
        if scene.question is not None and scene.question.kind == "look":
            key(app, pygame.K_1)  # straight on to the checkpoint
        if scene.question is not None and scene.question.kind == "checkpoint":
            key(app, checkpoint)
        if scene.question is not None and scene.question.kind == "last_stretch":
            key(app, last_stretch)
        if scene.phase() != DRIVING or scene.sim.finished:
            break
        frames(app)
    assert scene.phase() == STUCK
    assert scene.question is not None and scene.question.kind in ("stuck", "at_kerb")


def play_on(app, scene, limit=400):
    """Frames until the end, taking the first answer to any question asked on the way."""
    for _ in range(limit):
        if scene.question is not None:
            key(app, pygame.K_RETURN)
        frames(app)
        if scene.sim.finished:
            break


def test_scene_is_marked_and_the_drive_needs_no_input():
    app, scene = start()
    assert scene.scenario.depicts_gunfire
    assert scene.phase() == DRIVING
    drive_to_the_ditch(app, scene)
    assert scene.question is not None and scene.paused  # a moment to understand


def test_plays_by_touch_alone():
    app, scene = start()
    drive_to_the_ditch(app, scene)
    tap(app, scene.answer_rects[0].center)  # run straight for the line
    assert scene.question.kind == "weave"  # and how
    tap(app, scene.answer_rects[0].center)  # straight
    assert scene.question is None and not scene.paused
    tap(app, scene.buttons["walk"].rect.center)
    assert scene.pace == "walk"
    tap(app, scene.buttons["run"].rect.center)
    assert scene.pace == "run"
    # tap the map well to the south: run there
    r = scene.map_rect
    for _ in range(400):
        if scene.sim.finished:
            break
        if scene.question is not None:
            tap(app, scene.answer_rects[0].center)
        elif scene.target is None:
            tap(app, (r.centerx - 30, r.bottom - 100))
        frames(app)
    assert scene.sim.finished and scene.end_timer is not None
    assert scene.outcome in scene.model.outcomes
    assert scene.phase() in (ON_FOOT, AT_COVER)


def test_plays_by_keys_alone():
    app, scene = start(seed=4)
    drive_to_the_ditch(app, scene)
    key(app, pygame.K_RETURN)
    assert scene.question.kind == "weave"
    key(app, pygame.K_2)  # weave as you run
    assert scene.question is None and scene.decisions.weave
    key(app, pygame.K_3)
    key(app, pygame.K_x)
    assert scene.speed_i == 1
    key(app, pygame.K_x)
    key(app, pygame.K_z)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_DOWN, mod=0, unicode="", scancode=0))
    play_on(app, scene)
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=pygame.K_DOWN, mod=0, unicode="", scancode=0))
    frames(app)
    assert scene.sim.finished and scene.outcome in scene.model.outcomes


def test_staying_in_the_jeep_ends_in_capture():
    app, scene = start()
    drive_to_the_ditch(app, scene)
    stay = [k for k, _label in scene.question.answers].index("stay")
    key(app, (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4)[stay])  # stay low in the jeep
    assert scene.waiting
    play_on(app, scene)
    assert scene.outcome == "caught"


def test_autoplay_reaches_the_end():
    from game.scenes.jsa.scene import PlayScene

    app = make_app(autoplay=True)
    scene = PlayScene(app, load_by_id("jsa"), "historical", 1)
    app.push(scene)
    scene.steps_per_second = FAST
    for _ in range(400):
        frames(app)
        if scene.sim.finished:
            break
    assert scene.sim.finished and scene.question is None
    assert scene.outcome in scene.model.outcomes


def test_replaying_the_trace_gives_the_same_run():
    app, scene = start(seed=SEED_WAVED_THROUGH)
    drive_to_the_ditch(app, scene, checkpoint=pygame.K_2, last_stretch=pygame.K_2, road=pygame.K_2)
    key(app, pygame.K_RETURN)
    if scene.question is not None:
        key(app, pygame.K_2)  # weave
    frames(app, 3)  # hesitate a moment
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_DOWN, mod=0, unicode="", scancode=0))
    frames(app, 6)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_LEFT, mod=0, unicode="", scancode=0))
    frames(app, 4)
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=pygame.K_LEFT, mod=0, unicode="", scancode=0))
    play_on(app, scene)
    replay = Simulation(scene.model.__class__(scene.values, scene.world), 1, scene.seed)
    run_to_end(replay, replaying(replay.model, scene.sim.trace))
    assert replay.outcome_of(0) == scene.outcome
    assert replay.state.step == scene.sim.state.step
    assert replay.state.x[0] == scene.sim.state.x[0]


@pytest.mark.parametrize("scale", [1.0, 1.25, 1.5, 1.75])
def test_draws_at_every_text_scale(scale):
    app, scene = start(text_scale=scale)
    assert fonts.get_scale() == scale
    drive_to_the_ditch(app, scene)
    frames(app)
    card = scene._card_rect()
    whole = pygame.Rect(0, 0, 1280, 720)
    assert whole.contains(card) and (scene.map_rect.contains(card) or scale > 1.0)
    assert scene.answer_rects and all(card.contains(r) and r.height >= 48 for r in scene.answer_rects)
    key(app, pygame.K_RETURN)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_DOWN, mod=0, unicode="", scancode=0))
    frames(app, 10)
    check_buttons_and_settings(app, scene)


# ---------------------------------------------------------------- polish: layout, help, pad, captions

@pytest.mark.parametrize("scale", [1.0, 1.25, 1.5, 1.75])
def test_header_panel_and_captions_fit(scale):
    from game.scenes.base import MENU_CORNER
    from game.ui.text import wrap

    app, scene = start(text_scale=scale)
    drive_to_the_ditch(app, scene)
    key(app, pygame.K_RETURN)
    frames(app, 2)
    rects = [b.rect for b in scene.buttons.values()]
    for i, r in enumerate(rects):
        assert scene.panel.contains(r) and r.height >= 48 and not r.colliderect(MENU_CORNER)
        assert all(not r.colliderect(o) for o in rects[i + 1:])
    # the subtitle is whole (wrapped, never cut short) and clear of the buttons and the menu corner
    fs = fonts.font("small")
    lines = wrap(fs, scene.subtitle(), scene.sub_w)
    assert "".join(lines).replace(" ", "") == scene.subtitle().replace(" ", "")
    assert all(fs.size(line)[0] <= scene.sub_w for line in lines)
    sub = pygame.Rect(scene.panel.x + 12, scene.sub_y, scene.sub_w, len(lines) * round(fs.get_linesize() * 1.05))
    assert not sub.colliderect(MENU_CORNER) and not sub.colliderect(scene.buttons["help"].rect)
    assert all(sub.bottom <= b.rect.top for k, b in scene.buttons.items() if k != "help")
    box = scene.status.rect
    assert box.top >= max(r.bottom for r in rects) and box.bottom <= scene.panel.bottom
    assert scene.status.max_offset == 0 and all(box.contains(r) for r in scene.status_rects)
    area = scene.caption_area
    assert scene.map_rect.contains(area) and area.bottom <= scene.dpad.rect.top


def test_a_question_holds_the_captions_until_you_answer():
    app, scene = start()
    scene.steps_per_second = FAST
    key(app, pygame.K_1)
    app.caption("A test caption.", 30.0)
    drive_to_the_ditch_answered = scene.question
    for _ in range(200):
        if scene.question is not None:
            break
        frames(app)
    assert scene.question is not None and app.captions == []
    pad(app, PAD_A)
    assert scene.question is None and any(t == "A test caption." for t, _s in app.captions)
    assert drive_to_the_ditch_answered is None


def test_every_button_can_be_reached_and_pressed_with_a_pad():
    from game.ui.hud import HelpOverlay

    app, scene = start()
    drive_to_the_ditch(app, scene)
    pad(app, PAD_A)  # answer the question: run straight for the line
    pad(app, PAD_A)  # and straight, not weaving
    assert scene.question is None
    scene.paused = True

    press_the_shared_buttons(app, scene, "down")
    press_with_pad(app, scene, "help")
    assert isinstance(app.top, HelpOverlay)
    pad(app, PAD_B)
    assert app.top is scene


def test_help_opens_by_key_and_touch():
    from game.ui.hud import HelpOverlay

    app, scene = start()
    key(app, pygame.K_h)
    assert isinstance(app.top, HelpOverlay)
    keys = [k for _heading, rows in app.top.sections for k, _what in rows]
    for name in ("1, 2, 3", "Q", "F", "X", "Z", "Enter", "H or F1", "Tap or click the map", "X or Y", "Tap an answer"):
        assert name in keys, name
    key(app, pygame.K_h)
    assert app.top is scene
    tap(app, scene.buttons["help"].rect.center)
    assert isinstance(app.top, HelpOverlay)
    tap(app, (5, 5))  # outside the panel
    assert app.top is scene


def test_gunfire_and_wounds_are_told_in_words():
    app, scene = start(seed=5)
    drive_to_the_ditch(app, scene)
    key(app, pygame.K_RETURN)
    said = []
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_UP, mod=0, unicode="", scancode=0))  # run back north, into the fire
    for _ in range(400):
        if scene.question is not None:
            said += [t for t, _s in scene._held_captions if t not in said]  # held while the question waits
            key(app, pygame.K_RETURN)
        frames(app)
        said += [t for t, _s in app.captions if t not in said]
        if scene.end_timer is not None:
            break
    assert any("firing" in t or "Shots" in t for t in said), said
    # the ending is words on a panel near the top; the captions keep the space below it
    frames(app, 3)
    assert scene._ending_bottom is not None and scene.caption_area.top >= min(scene._ending_bottom, 720 - 160)


# ---------------------------------------------------------------- the decisions, asked as questions


def test_the_questions_by_touch_reach_the_model_and_the_record():
    app, scene = start(seed=SEED_WAVED_THROUGH, over={**QUIET, "checkpoint_stop_share": 0.0, "errand_check_share": 0.0},
                       errand=None)
    scene.steps_per_second = FAST
    assert scene.paused and scene.sim.state.step == 0  # nothing moves before the duty book's and the road's answers
    assert scene.question.kind == "errand"
    tap(app, scene.answer_rects[1].center)  # write an errand in the duty book
    assert scene.decisions.errand == 1 and scene.paused
    assert scene.question.kind == "watch"
    tap(app, scene.answer_rects[1].center)  # watch the guards' round first
    assert scene.decisions.watch == 1 and scene.paused
    assert scene.question.kind == "road"
    # the errand just written: the road's question must not warn of being missed (asked before the jeep moves)
    assert "likelier you are missed" not in scene.question.text and "duty book" in scene.question.text
    frames(app, 3)
    assert scene.sim.state.step == 0
    tap(app, scene.answer_rects[1].center)  # an ordinary pace
    assert scene.decisions.road == 1 and not scene.paused
    for _ in range(200):
        frames(app)
        if scene.question is not None:
            break
    assert scene.question.kind == "bridge"
    tap(app, scene.answer_rects[0].center)  # drive on
    for _ in range(200):
        frames(app)
        if scene.question is not None:
            break
    assert scene.question.kind == "look"
    tap(app, scene.answer_rects[1].center)  # stop at the turn and watch the checkpoint
    assert scene.decisions.look == 1 and not scene.paused
    for _ in range(200):
        frames(app)
        if scene.question is not None:
            break
    assert scene.question.kind == "looked" and "not been warned" in scene.question.text
    tap(app, scene.answer_rects[0].center)  # drive on
    assert scene.decisions.look == 3
    assert scene.question.kind == "checkpoint" and "guardhouse" in scene.question.text  # at once
    codes = [e["code"] for e in scene.sim.events(0)]
    assert "road_ordinary" in codes and "bridge" in codes and "errand_written" in codes
    assert "watching" in codes and "looked_quiet" in codes
    tap(app, scene.answer_rects[1].center)  # slow down and wave
    assert scene.decisions.checkpoint == 1 and not scene.paused
    for _ in range(200):
        frames(app)
        if scene.question is not None:
            break
    assert scene.question.kind == "last_stretch"
    assert any(e["code"] == "waved_through" for e in scene.sim.events(0))
    tap(app, scene.answer_rects[1].center)  # slow down for the ditch
    assert scene.decisions.drive == 1
    for _ in range(200):
        frames(app)
        if scene.question is not None:
            break
    assert scene.question.kind in ("stuck", "at_kerb")
    entries = scene.sim.trace.entries
    assert entries[0]["step"] == 0 and entries[0]["action"]["road"] == 1 and entries[0]["action"]["errand"] == 1
    assert entries[0]["action"]["watch"] == 1 and "watched_round" in [e["code"] for e in scene.sim.events(0)]
    assert [e["action"]["look"] for e in entries if e["action"]["look"]][:2] == [1, 3]
    assert any(e["action"]["checkpoint"] == 1 for e in entries)
    assert any(e["action"]["drive"] == 1 for e in entries)


def test_f_rocks_the_jeep_only_in_the_ditch():
    app, scene = start(seed=3)
    key(app, pygame.K_f)  # a question is open: F does nothing
    assert not scene.decisions.free
    drive_to_the_ditch(app, scene)
    kind = scene.question.kind
    if kind == "stuck":
        key(app, pygame.K_3)  # try to rock the jeep free
        assert scene.decisions.free and not scene.waiting
        key(app, pygame.K_f)
        assert not scene.decisions.free
    else:
        key(app, pygame.K_3)  # stay low at the kerb
        key(app, pygame.K_f)
        assert not scene.decisions.free


def _running_where_every_close_round_hits():
    """Past the ditch, running straight for the line, not weaving; every round close by
    hits and no wound slows or kills at once, so a wounded runner reaches cover."""
    from game.scenes.jsa.scene import PlayScene

    app = make_app()
    over = {"hit_ref_prob": 1.0, "hit_max": 1.0, "hit_slowdown": 0.0, "instant_fatal_share": 0.0}
    scene = PlayScene(app, load_by_id("jsa"), "historical", 3, over)
    app.push(scene)
    frames(app, 2)
    drive_to_the_ditch(app, scene)
    key(app, pygame.K_1)  # run straight for the line
    key(app, pygame.K_1)  # not weaving
    return app, scene


def test_wounded_in_cover_the_screen_asks_and_crawling_on_is_recorded():
    app, scene = _running_where_every_close_round_hits()
    asked = []
    for _ in range(400):
        if scene.question is not None:
            asked.append(scene.question.kind)
            key(app, pygame.K_2 if scene.question.kind == "cover" else pygame.K_1)
        frames(app)
        if scene.sim.finished:
            break
    assert asked[0] == "hit" and asked[-1] == "cover" and asked.count("hit") == 1
    codes = [e["code"] for e in scene.sim.events(0)]
    assert "crawled_on" in codes and scene.outcome in ("crossed_wounded", "killed")
    assert scene.sim.trace.entries[-1]["action"]["cover"] == 2


@pytest.mark.parametrize("scale", [1.0, 1.75])
def test_a_question_never_hides_you(scale):
    app, scene = start(text_scale=scale)
    drive_to_the_ditch(app, scene)
    frames(app)
    card = scene._card_rect()
    px, py = scene.view().world_to_screen(scene.map_rect, *scene._display_player())
    if scene.map_rect.contains(card):  # a card across the whole window covers the map whatever the camera does
        assert not card.inflate(0, 2 * 20).collidepoint(px, py)


def test_lying_there_the_screen_asks_whether_to_signal_and_records_it():
    app, scene = _running_where_every_close_round_hits()
    asked = []
    for _ in range(400):
        if scene.question is not None:
            asked.append(scene.question.kind)
            if scene.question.kind == "signal":
                obs = scene.observation()
                assert obs.question.kind == "signal" and any("waiting to be found" in t for _k, t in obs.status)
            key(app, pygame.K_2 if scene.question.kind == "signal" else pygame.K_1)  # lie still; then signal
        frames(app)
        if scene.sim.finished:
            break
    assert asked[-2:] == ["cover", "signal"]
    codes = [e["code"] for e in scene.sim.events(0)]
    assert "lay_still" in codes and "signalled" in codes
    assert scene.sim.trace.entries[-1]["action"]["signal"] == 2 and scene.decisions.signal == 2


def test_a_warned_checkpoint_is_said_on_the_road_and_in_the_question():
    app, scene = start(seed=4, over={"approach_m": 2000.0, "alarm_missed_per_min": 5.0})
    scene.steps_per_second = FAST
    key(app, pygame.K_1)  # at speed
    _until_question(app, scene, 600)  # (on the bridge: drive on)
    assert scene.question.kind == "checkpoint" and "waiting for you" in scene.question.text
    assert any("may have been warned" in t for _k, t in scene.observation().status)
    assert "warned" in [e["code"] for e in scene.sim.events(0)]


def test_the_kiosk_cut_asks_only_the_main_questions_and_ends_in_under_5_minutes(tmp_path):
    """The kiosk's short cut (3x time): no question of the road, weaving or signalling; the rest
    answered by the first answer as a visitor might; under 5 minutes of real time."""
    from test_kiosk import kiosk

    from game.scenes.jsa.scene import PlayScene

    app = kiosk(tmp_path)
    scene = PlayScene(app, load_by_id("jsa"), "historical", 5)
    app.push(scene)
    assert scene.cut and scene.question is None
    asked = []
    n = 0
    for n in range(5 * 60 * 60):
        if scene.question is not None:
            asked.append(scene.question.kind)
            scene.choose(0)
        app.update(1 / 60)
        if scene.end_timer is not None:
            break
    assert scene.end_timer is not None and n / 60 < 300
    assert not {"road", "weave", "signal", "errand", "watch", "look", "looked"} & set(asked) and "checkpoint" in asked


def test_the_debriefs_what_if_changes_the_players_checkpoint_choice_and_says_so(tmp_path, monkeypatch):
    from test_journey import played

    from game.scenes.debrief import DebriefScene

    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(tmp_path))
    journey = played("jsa", seed=5)  # past the checkpoint at speed
    app = make_app()
    app.settings.replays = 200
    scene = DebriefScene(app, journey)
    app.push(scene)
    try:
        assert scene.counterfactual["label"] == "Had you slowed down and waved at the checkpoint"
        assert scene.job.wait(120) and scene.job.error is None
        frames(app)
        assert "your own journey with that one decision changed" in scene.chart.note
        assert scene.results["cf"].share("caught") > scene.results["main"].share("caught")
    finally:
        scene.on_exit()


# ------------------------------------------------------------------ the hour, the stop, across unhurt, the Rock button


def _until_question(app, scene, limit=300, drive_on=True):
    """Frames until a question (the bridge's answered: drive on, unless ``drive_on`` is False)."""
    for _ in range(limit):
        if scene.question is not None and scene.question.kind in ("bridge", "look") and drive_on:
            key(app, pygame.K_1)  # drive on; straight on from the turn
        if scene.question is not None or scene.sim.finished:
            return
        frames(app)


def test_the_hour_comes_first_and_dusk_by_touch_is_recorded():
    app, scene = start(hour=None)
    assert scene.question.kind == "hour" and scene.sim.state.step == 0
    tap(app, scene.answer_rects[1].center)  # wait until dusk
    assert scene.decisions.hour == 1
    assert scene.question.kind == "errand"  # the next questions before the clock starts
    tap(app, scene.answer_rects[0].center)
    assert scene.question.kind == "watch"
    tap(app, scene.answer_rects[0].center)
    assert scene.question.kind == "road"
    tap(app, scene.answer_rects[0].center)
    scene.steps_per_second = FAST
    frames(app, 3)
    assert scene.sim.trace.entries[0]["action"]["hour"] == 1
    assert "set_off_dusk" in [e["code"] for e in scene.sim.events(0)]


def test_stopped_at_the_checkpoint_the_screen_asks_and_turning_back_ends_plainly():
    app, scene = start(over={**QUIET, "checkpoint_stop_share": 1.0, "turn_back_held_share": 0.0})
    scene.steps_per_second = FAST
    key(app, pygame.K_1)  # the road at speed
    _until_question(app, scene)
    assert scene.question.kind == "checkpoint"
    key(app, pygame.K_2)  # slow down and wave: the guards stop the jeep
    _until_question(app, scene)
    assert scene.question.kind == "held" and scene.paused and not scene.sim.finished
    assert any(t == "warning" and "stopped" in s for t, s in scene.observation().status)
    frames(app)
    card, you = scene._card_rect(), scene.view().world_to_screen(scene.map_rect, *scene._display_player())
    assert not card.top <= you[1] <= card.bottom  # the card leaves the jeep in sight, near the map's top edge
    tap(app, scene.answer_rects[2].center)  # turn back
    frames(app, 4)
    # on the road back: home, or again after dark; the guards who let him go know the jeep
    assert scene.question.kind == "again" and not scene.sim.finished
    assert "wrong turn" in scene.question.text and "know it again" in scene.question.text
    tap(app, scene.answer_rects[0].center)  # home, and say nothing
    frames(app, 4)
    assert scene.sim.finished and scene.outcome == "turned_back"
    assert any(e["action"].get("held") == 3 for e in scene.sim.trace.entries)
    assert scene.sim.trace.entries[-1]["action"]["again"] == 1
    assert "checkpoint" in scene.ending_where()


def test_across_unhurt_the_screen_asks_and_running_on_is_recorded():
    over = {"rounds_total": 0.0, "run_on_hit_share": 0.0}  # nobody hits: across unhurt
    app, scene = start(over=over)
    drive_to_the_ditch(app, scene)
    key(app, pygame.K_1)  # run straight for the line
    key(app, pygame.K_1)  # not weaving
    asked = []
    for _ in range(400):
        if scene.question is not None:
            asked.append(scene.question.kind)
            tap(app, scene.answer_rects[1 if scene.question.kind == "onward" else 0].center)
        frames(app)
        if scene.sim.finished:
            break
    assert asked == ["onward"] and scene.outcome == "crossed_unhurt"
    codes = [e["code"] for e in scene.sim.events(0)]
    assert "unhurt_in_cover" in codes and "reached_building" in codes
    assert any(e["action"].get("onward") == 2 for e in scene.sim.trace.entries)


def test_rock_the_jeep_shows_only_in_the_ditch_and_no_button_moves():
    from game.scenes.jsa.actions import QUESTIONS

    app, scene = start(seed=3)
    rects = {k: pygame.Rect(b.rect) for k, b in scene.buttons.items()}
    assert "free" not in scene.order  # not drawn, not in Tab's round, not pressed by a tap
    tap(app, scene.buttons["free"].rect.center)
    assert not scene.decisions.free
    drive_to_the_ditch(app, scene, last_stretch=pygame.K_1)
    assert scene.question.kind == "stuck"
    assert "free" in scene.order and {k: b.rect for k, b in scene.buttons.items()} == rects
    key(app, pygame.K_1 + [k for k, _ in QUESTIONS["stuck"]].index("rock"))
    assert scene.decisions.free
    tap(app, scene.buttons["free"].rect.center)  # stop trying
    assert not scene.decisions.free
    r = scene.map_rect
    tap(app, (r.centerx, r.bottom - 100))  # run there: out of the jeep, on foot
    for _ in range(20):
        if scene.phase() != STUCK:
            break
        frames(app)
    assert "free" not in scene.order and {k: b.rect for k, b in scene.buttons.items()} == rects


def test_on_the_bridge_the_screen_asks_and_turning_back_ends_on_the_road():
    app, scene = start(over=QUIET)
    scene.steps_per_second = FAST
    key(app, pygame.K_1)  # the road at speed
    _until_question(app, scene, drive_on=False)
    assert scene.question.kind == "bridge" and "72-Hour Bridge" in scene.question.text
    tap(app, scene.answer_rects[1].center)  # turn back here
    frames(app, 4)
    assert scene.question.kind == "again" and "72-Hour Bridge" in scene.question.text
    assert any("road back to your unit" in t for _k, t in scene.observation().status)
    key(app, pygame.K_1)  # home, and say nothing
    frames(app, 4)
    assert scene.sim.finished and scene.outcome == "turned_back"
    assert "72-Hour Bridge" in scene.ending_where()
    assert "went_home" in [e["code"] for e in scene.sim.events(0)]


def test_turned_back_on_the_bridge_trying_again_after_dark_drives_the_road_again_and_replays():
    from game.journey import replay_track

    app, scene = start(over=QUIET)
    scene.steps_per_second = FAST
    key(app, pygame.K_1)  # the road at speed
    _until_question(app, scene, drive_on=False)
    assert scene.question.kind == "bridge"
    tap(app, scene.answer_rects[1].center)  # turn back here
    frames(app, 4)
    assert scene.question.kind == "again"
    tap(app, scene.answer_rects[1].center)  # after dark, the same road again, at an ordinary pace this time
    assert scene.question is None and scene.decisions.road == 1
    asked = []
    for _ in range(600):
        if scene.question is not None:
            asked.append(scene.question.kind)
            key(app, pygame.K_1)
        frames(app)
        if scene.sim.finished:
            break
    assert asked[:2] == ["look", "checkpoint"]  # the bridge is not asked twice
    codes = [e["code"] for e in scene.sim.events(0)]
    assert codes.count("bridge") == 2 and "set_off_again" in codes and "went_home" not in codes
    assert codes.count("road_fast") == 1 and codes.count("road_ordinary") == 1
    assert bool(scene.state.extra["again"][0]) and bool(scene.state.extra["dusk"][0])
    assert scene.sim.trace.entries[-1]["action"]["again"] == 2
    # the record replays the two drives exactly
    track, outcome = replay_track(scene.journey_record())
    assert outcome == scene.outcome


def test_at_the_turn_watching_the_checkpoint_then_turning_back_ends_by_the_monument():
    # warned on the road all but always: the look shows the guards in the road
    app, scene = start(over={"approach_m": 2000.0, "alarm_missed_per_min": 5.0, "turn_back_held_share": 0.0})
    scene.steps_per_second = FAST
    key(app, pygame.K_1)  # the road at speed
    for _ in range(600):
        if scene.question is not None and scene.question.kind == "bridge":
            key(app, pygame.K_1)
        if scene.question is not None and scene.question.kind != "bridge":
            break
        frames(app)
    assert scene.question.kind == "look" and "draws eyes" in scene.question.text
    step = scene.sim.state.step
    key(app, pygame.K_2)  # stop and watch
    _until_question(app, scene, drive_on=False)
    assert scene.question.kind == "looked" and "have been warned" in scene.question.text
    # the jeep stood at the turn for the look, told on the panel
    assert scene.sim.state.step - step >= scene.model.params["look_s"] * 2
    assert any("watching the checkpoint" in t for _k, t in scene.observation().status)
    key(app, pygame.K_2)  # turn back here
    for _ in range(20):
        if scene.question is not None or scene.sim.finished:
            break
        frames(app)
    assert scene.question.kind == "again" and "monument" in scene.question.text
    key(app, pygame.K_1)  # home
    for _ in range(20):
        if scene.sim.finished:
            break
        frames(app)
    assert scene.sim.finished and scene.outcome == "turned_back"
    assert "by the monument" in scene.ending_where()
    codes = [e["code"] for e in scene.sim.events(0)]
    assert "watching" in codes and "looked_warned" in codes and "turned_at_monument" in codes
    assert scene.sim.trace.entries[-1]["action"]["look"] == 2


def test_every_question_in_every_case_fits_the_window_at_the_largest_text():
    import itertools

    from game.scenes import base
    from game.scenes.jsa.actions import QUESTIONS
    from game.scenes.jsa.observation import make_question

    app, scene = start(hour=None, text_scale=1.75)
    e = scene.state.extra
    for flags in itertools.product([False, True], repeat=6):
        for k, f in zip(("warned", "checked", "errand", "look_done", "dusk", "road_ordinary"), flags):
            e[k][:] = f
        for kind in QUESTIONS:
            scene.question = make_question(kind, scene.model, scene.state)
            r = scene._card_rect()
            assert 0 <= r.top and r.bottom <= base.H, (kind, flags, r)
    # turned back (where), on the second drive or not: the questions that say so
    for where, again, warned in itertools.product(range(4), (False, True), (False, True)):
        e["turned_at"][:], e["again"][:], e["warned"][:] = where, again, warned
        for kind in ("again", "bridge", "checkpoint", "held"):
            scene.question = make_question(kind, scene.model, scene.state)
            r = scene._card_rect()
            assert 0 <= r.top and r.bottom <= base.H, (kind, where, again, warned, r)
