"""The App runs in a Mode: services, input filters, the pause menu's entries,
and the menu's dead ends and stack growth (issue 12 items 15-16)."""

import pygame

from game.app import App, Options
from game.modes import Mode, PlayMode
from game.scenes.base import ConfirmScene, Scene
from game.scenes.pause import PauseScene
from game.scenes.settings_view import SettingsScene
from game.scenes.title import TitleScene

from apphelp import click, find_button, frames, key, make_app


def labels(scene):
    return [getattr(w, "text", "") for w in scene.form.widgets]


def test_play_mode_is_the_default_and_starts_on_the_title():
    app = make_app()
    assert isinstance(app.mode, PlayMode)
    assert isinstance(app.top, TitleScene)
    assert app.launch.seed == 3 and app.launch.autoplay is False


def test_scenes_get_launch_not_options():
    app = make_app(autoplay=True, seed=11)
    app.options.autoplay = False  # the command line is not what scenes read
    assert app.launch.autoplay is True and app.launch.seed == 11
    app.stop_autoplay()
    assert app.launch.autoplay is False


class Counter:
    def __init__(self):
        self.started = self.stopped = 0
        self.ticks = []

    def start(self, app):
        self.started += 1

    def tick(self, app, dt):
        self.ticks.append(dt)

    def stop(self, app):
        self.stopped += 1


def test_services_start_tick_and_stop():
    service = Counter()

    class WithService(PlayMode):
        def services(self, app):
            return [service]

    app = App(Options(headless=True, frames=5), mode=WithService())
    assert app.run() == 0
    assert service.started == 1 and service.stopped == 1
    assert len(service.ticks) >= 4 and all(abs(dt - 1 / 60) < 1e-9 for dt in service.ticks)


def test_input_filters_see_intents_first_and_may_consume_them():
    seen = []

    def swallow_confirm(app, intent):
        seen.append(intent.kind)
        return intent.kind == "confirm"

    app = make_app()
    app.input_filters.append(swallow_confirm)
    key(app, pygame.K_RETURN)  # would open the picker
    assert isinstance(app.top, TitleScene) and "confirm" in seen
    app.input_filters.remove(swallow_confirm)
    key(app, pygame.K_RETURN)
    assert not isinstance(app.top, TitleScene)


class Locked(Mode):
    """A mode with no way out: what a kiosk is built on."""

    def __init__(self):
        super().__init__(name="locked", quit_offered=False, close_exits=False, fullscreen_key=False, menu_entries=("resume", "title"), settings_offered=False)

    def root(self, app):
        return TitleScene(app)


def test_a_mode_without_quit_ignores_close_escape_f11_and_pop():
    app = App(Options(headless=True), mode=Locked())
    app.start()
    before = app.settings.fullscreen
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    frames(app)
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_F11)
    assert app.running and app.settings.fullscreen == before
    assert not any(isinstance(s, ConfirmScene) for s in app.scenes)
    app.pop()  # the last screen gone: the root comes back
    assert app.running and isinstance(app.top, TitleScene)
    app.quit()
    assert app.running
    assert "Quit" not in " ".join(labels(app.top))
    key(app, pygame.K_p)
    assert isinstance(app.top, PauseScene)
    assert labels(app.top) == ["Resume"]
    app.shutdown()
    assert not app.running


def test_play_mode_menu_offers_everything():
    app = make_app(scenario="fog")
    key(app, pygame.K_p)
    assert labels(app.top) == ["Resume", "Settings", "Back to the title screen", "Quit Crossings"]


def test_scenario_from_the_command_line_has_a_way_back_to_the_title():
    # Issue 12 item 15: play --scenario, the pause menu over its first screen.
    app = make_app(scenario="fog")
    key(app, pygame.K_p)
    assert isinstance(app.top, PauseScene)
    click(app, find_button(app.top, "Back to the title"))
    click(app, find_button(app.top, "Yes, leave"))
    assert [type(s) for s in app.scenes] == [TitleScene]


def test_a_screen_right_above_the_title_has_a_way_back():
    # With --scenario the debrief replaces the play screen right above the
    # title: the old menu looked one screen too low and offered no way back.
    app = make_app()
    journey_end = Scene(app)
    app.push(journey_end)
    app.open_menu()
    assert "Back to the title screen" in labels(app.top)
    click(app, find_button(app.top, "Back to the title"))
    click(app, find_button(app.top, "Yes, leave"))
    assert [type(s) for s in app.scenes] == [TitleScene]


def test_the_title_itself_offers_no_way_back_to_itself():
    app = make_app()
    key(app, pygame.K_p)
    assert "Back to the title screen" not in labels(app.top)


def test_menu_inside_the_menu_never_stacks_another():
    # Issue 12 item 16: Pause -> Settings -> P -> Settings ... stays bounded.
    app = make_app(scenario="fog")
    depths = []
    for _ in range(300):
        key(app, pygame.K_p)
        assert isinstance(app.top, PauseScene)
        click(app, find_button(app.top, "Settings"))
        assert isinstance(app.top, SettingsScene)
        depths.append(len(app.scenes))
    assert max(depths) <= 4, depths[-5:]
    assert sum(isinstance(s, PauseScene) for s in app.scenes) == 1


def test_menu_over_a_question_in_the_menu_goes_back_to_the_menu():
    app = make_app(scenario="fog")
    key(app, pygame.K_p)
    click(app, find_button(app.top, "Quit Crossings"))
    assert isinstance(app.top, ConfirmScene)
    for _ in range(50):
        key(app, pygame.K_p)
    assert isinstance(app.top, PauseScene) and len(app.scenes) == 3
