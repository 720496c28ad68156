"""The title screen's language row: one touch, and everything on screen follows."""

import pygame
import pytest

from game import i18n, settings
from game.scenes.title import TitleScene
from game.ui.language_row import LanguageRow

from apphelp import find_button, frames, key, make_app, tap


def _row(scene):
    form = scene.form
    i = next(i for i, w in enumerate(form.widgets) if isinstance(w, LanguageRow))
    form._scroll_into_view(i)
    return form.widgets[i], form.screen_rect(i)


def _tap_language(app, name):
    row, rect = _row(app.top)
    names = [n for _c, n in row.options]
    tap(app, row.cells(rect)[names.index(name)].center)


def test_each_language_is_named_in_itself():
    app = make_app()
    row, _rect = _row(app.top)
    assert [n for _c, n in row.options] == ["English", "한국어", "日本語"]


@pytest.mark.parametrize("scale", [1.0, 1.75])
def test_the_row_is_on_screen_without_scrolling(scale):
    app = make_app(text_scale=scale)
    form = app.top.form
    i = next(i for i, w in enumerate(form.widgets) if isinstance(w, LanguageRow))
    assert form.scroll == 0 and form.rect.contains(form.screen_rect(i))


def test_one_tap_switches_the_title_and_is_saved(tmp_path, monkeypatch):
    monkeypatch.setenv("CROSSINGS_CONFIG_DIR", str(tmp_path))
    app = make_app()
    try:
        _tap_language(app, "한국어")
        assert app.settings.language == "ko" and i18n.current_language() == "ko"
        scene = app.top
        assert isinstance(scene, TitleScene)
        # The title already on screen was rebuilt in Korean, not left in English.
        texts = [getattr(w, "text", "") for w in scene.form.widgets]
        assert "시작하기" in texts and "Play" not in texts
        frames(app, 2)
        saved, warning = settings.load(tmp_path / "settings.json")
        assert warning is None and saved.language == "ko"
        # And straight back, by its own name.
        _tap_language(app, "English")
        assert i18n.current_language() == "en"
        find_button(app.top, "Play")
    finally:
        i18n.set_language("en")


def test_keys_reach_the_row_and_the_next_screen_opens_in_the_new_language(tmp_path, monkeypatch):
    monkeypatch.setenv("CROSSINGS_CONFIG_DIR", str(tmp_path))
    app = make_app()
    try:
        title = app.top
        # Keys: the row is one step up from Play; right picks the next language.
        key(app, pygame.K_UP)
        key(app, pygame.K_RIGHT)
        assert app.settings.language == "ko"
        # Enter on Play still opens the journeys, now in Korean.
        key(app, pygame.K_DOWN)
        key(app, pygame.K_RETURN)
        assert app.top is not title
        assert app.top.heading() == "여정을 고르세요"
        app.pop()
        frames(app)
        assert "시작하기" in [getattr(w, "text", "") for w in app.top.form.widgets]
    finally:
        i18n.set_language("en")
