"""Scene flow through the real app, by keys, mouse and touch."""

import pygame
import pytest

from game.scenes.facts_view import FactsScene
from game.scenes.intro import IntroScene
from game.scenes.pause import PauseScene
from game.scenes.picker import PickerScene
from game.scenes.settings_view import SettingsScene
from game.scenes.title import TitleScene

from apphelp import click, find_button, frames, key, make_app, tap


def test_title_to_picker_by_keys():
    app = make_app()
    assert isinstance(app.top, TitleScene)
    key(app, pygame.K_RETURN)  # "Play" has the focus first
    assert isinstance(app.top, PickerScene)
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.top, TitleScene)


def test_title_to_settings_by_mouse_and_back():
    app = make_app()
    click(app, find_button(app.top, "Settings"))
    assert isinstance(app.top, SettingsScene)
    click(app, find_button(app.top, "Done"))
    assert isinstance(app.top, TitleScene)


def test_title_to_sources_by_touch():
    app = make_app()
    tap(app, find_button(app.top, "Sources"))
    assert isinstance(app.top, FactsScene)
    tap(app, find_button(app.top, "Back"))
    assert isinstance(app.top, TitleScene)


def test_menu_button_reachable_by_touch_everywhere():
    app = make_app()
    tap(app, find_button(app.top, "Play"))
    tap(app, app.menu_button.center)
    assert isinstance(app.top, PauseScene)
    tap(app, find_button(app.top, "Resume"))
    assert isinstance(app.top, PickerScene)


def test_pause_leads_to_settings_and_quit_confirmation():
    app = make_app()
    key(app, pygame.K_p)
    assert isinstance(app.top, PauseScene)
    click(app, find_button(app.top, "Settings"))
    assert isinstance(app.top, SettingsScene)
    key(app, pygame.K_ESCAPE)
    click(app, find_button(app.top, "Quit Crossings"))
    click(app, find_button(app.top, "No, go back"))
    assert app.running and isinstance(app.top, PauseScene)
    click(app, find_button(app.top, "Quit Crossings"))
    click(app, find_button(app.top, "Yes, quit"))
    assert not app.running


def test_escape_on_title_asks_before_quitting():
    app = make_app()
    key(app, pygame.K_ESCAPE)
    assert app.running
    key(app, pygame.K_ESCAPE)  # "No" has the focus: back out
    assert app.running


def test_picker_lists_each_scenario_in_levels():
    from game.levels import load_all

    app = make_app()
    key(app, pygame.K_RETURN)
    titles = [w.text for w in app.top.form.widgets if hasattr(w, "on_press")]
    for sc in load_all():
        assert sc.title in titles
    assert titles[-1] == "Back"


def test_picker_hides_gunfire_scenarios_when_set():
    from game.levels import load_all

    gunfire = [sc for sc in load_all() if sc.depicts_gunfire]
    if not gunfire:
        pytest.skip("no scenario depicts gunfire")
    app = make_app()
    app.settings.show_gunfire_scenarios = False
    key(app, pygame.K_RETURN)
    titles = [w.text for w in app.top.form.widgets if hasattr(w, "on_press")]
    assert all(sc.title not in titles for sc in gunfire)


def test_content_note_comes_first():
    from game.levels import load_all

    scenarios = load_all()
    if not scenarios:
        pytest.skip("no scenarios")
    app = make_app()
    key(app, pygame.K_RETURN)
    tap(app, find_button(app.top, scenarios[0].title))
    assert isinstance(app.top, IntroScene) and app.top.page == "note"
    texts = " ".join(getattr(w, "text", "") for w in app.top.form.widgets)
    assert scenarios[0].content_note in texts
    tap(app, find_button(app.top, "Continue"))
    assert app.top.page == "briefing"


def test_settings_change_applies_everywhere_and_saves(tmp_path, monkeypatch):
    monkeypatch.setenv("CROSSINGS_CONFIG_DIR", str(tmp_path))
    app = make_app()
    click(app, find_button(app.top, "Settings"))
    scene = app.top
    # Text size: focus it with the keys and step it up twice.
    key(app, pygame.K_DOWN)
    key(app, pygame.K_RIGHT)
    key(app, pygame.K_RIGHT)
    assert app.settings.text_scale == 1.5
    key(app, pygame.K_ESCAPE)
    from game import settings

    saved, warning = settings.load(tmp_path / "settings.json")
    assert warning is None and saved.text_scale == 1.5
    assert scene is not app.top


@pytest.mark.parametrize("scale", [1.0, 1.25, 1.5, 1.75])
def test_every_menu_screen_draws_at_every_text_size(scale):
    app = make_app(text_scale=scale)
    for cls in (PickerScene, SettingsScene, FactsScene, PauseScene):
        app.push(cls(app))
        frames(app, 2)
        form = app.top.form
        # Nothing is laid out wider than its form.
        for i in range(len(form.widgets)):
            assert form.screen_rect(i).right <= form.rect.right
        app.pop()


def test_fullscreen_key_toggles_setting():
    app = make_app()
    before = app.settings.fullscreen
    key(app, pygame.K_F11)
    assert app.settings.fullscreen != before
    key(app, pygame.K_F11)  # leave the saved settings as found: later tests (the kiosk's) read them
    assert app.settings.fullscreen == before


def test_gamepad_buttons_navigate():
    app = make_app()
    pygame.event.post(pygame.event.Event(pygame.JOYBUTTONDOWN, button=0, joy=0, instance_id=0))
    frames(app)
    assert isinstance(app.top, PickerScene)
    pygame.event.post(pygame.event.Event(pygame.JOYBUTTONDOWN, button=1, joy=0, instance_id=0))
    frames(app)
    assert isinstance(app.top, TitleScene)


def test_pad_dpad_buttons_and_stick_give_a_held_direction():
    from game.input import Input

    inp = Input()
    inp.translate(pygame.event.Event(pygame.JOYBUTTONDOWN, button=14, joy=0, instance_id=0))
    assert inp.direction() == (1.0, 0.0)
    inp.translate(pygame.event.Event(pygame.JOYBUTTONUP, button=14, joy=0, instance_id=0))
    assert inp.direction() == (0.0, 0.0)
    inp.translate(pygame.event.Event(pygame.JOYAXISMOTION, axis=1, value=0.9, joy=0, instance_id=0))
    assert inp.direction() == (0.0, 0.9)


def test_touch_maps_through_the_letterbox(monkeypatch):
    from game import input as inp

    # A 1600x1200 window shows the 1280x720 canvas letterboxed, 1.25x, 150 px bars.
    monkeypatch.setattr(pygame.display, "get_window_size", lambda: (1600, 1200))
    assert inp.finger_to_logical(0.5, 0.5) == (640, 360)
    assert inp.finger_to_logical(0.0, 150 / 1200) == (0, 0)


def test_a_broken_map_is_named_on_screen_not_a_crash(tmp_path, monkeypatch):
    from pathlib import Path

    from game.levels import load_by_id
    from game.scenes.base import ConfirmScene

    scenario = load_by_id("sea")
    broken = tmp_path / "map.tmx"
    broken.write_text("<map><layer", encoding="utf-8")
    scenario.map_file = Path(broken)
    app = make_app()
    app.push(IntroScene(app, scenario))
    app.top._to_briefing()
    app.top.begin()
    assert isinstance(app.top, ConfirmScene)
    assert str(broken) in app.top.detail
    frames(app, 2)


@pytest.mark.parametrize("scale", [1.0, 1.75])
def test_the_briefing_keeps_begin_in_sight_and_a_chosen_preset_under_the_finger(scale):
    from apphelp import frames, make_app, tap
    from game.levels import load_by_id
    from game.scenes.intro import IntroScene
    from game.ui.widgets import Button

    app = make_app(text_scale=scale)
    scene = IntroScene(app, load_by_id("sea"))
    app.push(scene)
    scene._to_briefing()
    frames(app, 2)
    form = scene.form
    focus = form.widgets[form.focus]
    assert isinstance(focus, Button) and focus.text == "Begin"
    assert form.rect.contains(form.screen_rect(form.focus))  # in sight on arrival
    # scroll down to the conditions and choose one by finger: nothing jumps
    k = next(i for i, w in enumerate(form.widgets) if isinstance(w, Button) and "Leaving in winter" in w.text)
    form._scroll_into_view(k)
    before = form.scroll
    rect = form.screen_rect(k)
    tap(app, rect.center)
    assert scene.preset == "defector-winter"
    assert scene.form.scroll == before
    assert scene.form.screen_rect(k) == rect
    assert "Chosen: Leaving in winter" in scene.form.widgets[k].text
    assert "Leaving in winter" in scene.form.widgets[scene.form.widgets.index(scene._begin)].detail


@pytest.mark.parametrize("press", [click, tap])
def test_text_size_plus_stays_under_the_finger(tmp_path, monkeypatch, press):
    """Pressing "Text size +" three times at the same spot reaches the largest
    size: the button moved away after the first press (1.0 -> 1.25, then missed)."""
    monkeypatch.setenv("CROSSINGS_CONFIG_DIR", str(tmp_path))
    app = make_app()
    try:
        click(app, find_button(app.top, "Settings"))
        scene = app.top
        form = scene.form
        i = next(k for k, w in enumerate(form.widgets) if getattr(w, "label", "") == "Text size")
        plus = form.widgets[i]._rects(form.screen_rect(i))[2].center
        for want in (1.25, 1.5, 1.75):
            press(app, plus)
            assert app.settings.text_scale == want
    finally:
        from game.ui import fonts

        fonts.set_scale(1.0)


def test_the_pause_menu_hides_the_captions_and_they_wait_for_it(monkeypatch):
    """A caption of the journey was drawn on top of the pause menu, over its last
    button; under the menu the captions wait, as the journey does."""
    import game.app as app_mod
    from game.scenes.base import Scene

    drawn: list[str] = []
    real = app_mod.draw_text
    monkeypatch.setattr(app_mod, "draw_text", lambda s, f, text, *a, **k: (drawn.append(text), real(s, f, text, *a, **k))[1])
    app = make_app()
    app.push(Scene(app))
    app.caption("You cross the river at night.", 3.0)
    app.open_menu()
    assert isinstance(app.top, PauseScene)
    app.draw()
    assert "You cross the river at night." not in drawn
    for _ in range(5 * 60):
        app.update(1 / 60)
    app.draw()
    assert "You cross the river at night." not in drawn
    assert [t for t, _s in app.captions] == ["You cross the river at night."]
    app.pop()
    app.draw()
    assert "You cross the river at night." in drawn
