import pygame
import pytest
from hypothesis import given, settings, strategies as st

from game import i18n
from game.ui import fonts
from game.ui.text import wrap
from game.ui.theme import HIGH_CONTRAST, NORMAL, contrast


@pytest.mark.parametrize("theme", [NORMAL, HIGH_CONTRAST])
def test_text_contrast_at_least_4_5(theme):
    for bg in (theme.background, theme.panel, theme.button):
        assert contrast(theme.text, bg) >= 4.5
        assert contrast(theme.text_dim, bg) >= 4.5
        assert contrast(theme.button_text, theme.button) >= 4.5
        assert contrast(theme.accent, bg) >= 4.5
        assert contrast(theme.warning, bg) >= 4.5


def test_high_contrast_is_higher():
    assert contrast(HIGH_CONTRAST.text, HIGH_CONTRAST.background) > contrast(NORMAL.text, NORMAL.background)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc defgh ijklmnop 가나다라 あいうえお 日本")), max_size=200), st.integers(60, 900))
def test_wrapped_lines_fit(text, width):
    pygame.font.init()
    f = fonts.font_px(22)
    for line in wrap(f, text, width):
        assert f.size(line)[0] <= width or len(line) == 1


def test_font_renders_korean_and_japanese():
    pygame.font.init()
    f = fonts.font_px(24)
    # A glyph the font lacks renders as the same empty box: compare widths to it.
    for ch in ("가", "あ", "日", "é"):
        assert f.metrics(ch)[0] is not None
        assert f.size(ch)[0] > 0


def test_translation_catalogues_load():
    try:
        for code in i18n.LANGUAGES:
            assert i18n.set_language(code)
        i18n.set_language("ko")
        assert i18n._("Settings") != "" 
    finally:
        i18n.set_language("en")
    assert i18n._("Settings") == "Settings"


def test_a_long_web_address_breaks_after_a_slash_or_dash_not_inside_a_word():
    from game.ui import fonts
    from game.ui.text import wrap

    font = fonts.font("body")
    url = "https://example.org/2023/10/north-koreas-border-reopening-and-detentions/"
    lines = wrap(font, url, font.size("https://example.org/2023/1")[0])
    assert "".join(lines) == url and len(lines) > 1
    assert all(line[-1] in "/-_.?&=" for line in lines[:-1]), lines


def test_a_wrapped_text_is_measured_once_per_font_and_width():
    """Screens wrap the same paragraphs every frame: the second time, the
    lines come from memory (no measuring), equal to a fresh wrap, and a
    caller that changes its list does not change them."""
    from game.ui import text as text_mod

    pygame.font.init()
    measured = []

    class Counting(pygame.font.Font):
        def size(self, s):
            measured.append(s)
            return super().size(s)

    font = Counting(str(fonts.assets_dir() / fonts.FONT_FILE), 22)
    para = "国境の川は冬に凍る。夜に渡る人もいれば、" * 6
    first = wrap(font, para, 300)
    assert measured and len(first) > 2
    measured.clear()
    again = wrap(font, para, 300)
    assert again == first and not measured
    again.append("changed")
    assert wrap(font, para, 300) == first == text_mod._wrap(font, para, 300)
    assert len(wrap(font, para, 200)) > len(first)  # another width is wrapped again
    assert measured


def test_a_second_app_keeps_the_fonts_and_one_after_pygame_quit_loads_them_again():
    from apphelp import frames, make_app

    app = make_app()
    frames(app, 2)
    loaded = dict(fonts._cache)
    assert loaded
    app.quit()
    app = make_app()
    frames(app, 2)
    assert all(fonts._cache[key] is f for key, f in loaded.items())  # kept: loading one takes milliseconds
    app.quit()
    pygame.quit()
    app = make_app()
    frames(app, 2)  # the fonts of before refuse every call now: these are new ones
    assert fonts._cache and all(f is not loaded.get(key) for key, f in fonts._cache.items())
    app.quit()


def test_an_ascii_opening_bracket_stays_with_the_japanese_it_opens():
    pygame.font.init()
    f = fonts.font_px(22)
    text = "Border guards break promise of helping defection [国境警備隊、脱北を助ける約束を破る]"
    for width in range(200, 900, 7):
        lines = wrap(f, text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert not any(line.endswith("[") for line in lines), (width, lines)
