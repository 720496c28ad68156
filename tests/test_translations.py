"""The Korean and Japanese catalogues, checked so that English left in place fails.

Every message of the template must have a translation that is not fuzzy and
not a copy of the English; every translation keeps the English placeholders;
every character renders with the bundled font; and the menu screens lay out
in both languages at the smallest and largest text sizes with no text
outside its box.
"""

from __future__ import annotations

import re
import string
import unicodedata
from functools import lru_cache
from pathlib import Path

import pygame
import pytest
from babel.messages.pofile import read_po

from game import i18n
from game.paths import locale_dir
from game.ui import fonts

LANGS = ("ko", "ja")
# Script a translation must use somewhere when the English has words in it.
SCRIPT = {
    "ko": re.compile(r"[\uac00-\ud7a3]"),
    "ja": re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]"),
}
# English that is the same in every language: a file name, key names, symbols.
SAME_IN_EVERY_LANGUAGE = {"CHOICES.json", "Enter"}
# %-style conversions as Python would read them; "30% slower" is not one
# (a space flag followed by a letter is how English writes a percentage).
PERCENT = re.compile(r"%(?:\([^)]*\))?[#0+-]?\d*(?:\.\d+)?[sdifrxXeEgGc%]")


def _texts(value) -> tuple[str, ...]:
    if isinstance(value, (tuple, list)):
        return tuple(value)
    return (value,) if value else ()


@lru_cache(maxsize=None)
def template():
    with open(locale_dir() / f"{i18n.DOMAIN}.pot", "rb") as fh:
        return read_po(fh)


@lru_cache(maxsize=None)
def catalogue(lang: str):
    with open(locale_dir() / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po", "rb") as fh:
        return read_po(fh, locale=lang, abort_invalid=True)


def translated(lang: str):
    """(English, translation) for every translated form of every message."""
    for msg in catalogue(lang):
        if not msg.id or not msg.string:
            continue
        ids, strings = _texts(msg.id), _texts(msg.string)
        for k, text in enumerate(strings):
            if text:
                yield ids[min(k, len(ids) - 1)], text


def fields(text: str) -> list[tuple[str, str, str]]:
    """The replacement fields of a str.format text (raises on a broken one)."""
    return sorted((name, spec or "", conv or "") for _lit, name, spec, conv in string.Formatter().parse(text) if name is not None)


def english_words(text: str) -> list[str]:
    """Words of three letters or more, placeholders left out."""
    return re.findall(r"[A-Za-z]{3,}", re.sub(r"\{[^{}]*\}", "", text))


# -- (a) every message translated ------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated(lang):
    cat = catalogue(lang)
    missing, fuzzy = [], []
    for msg in template():
        if not msg.id:
            continue
        have = cat.get(msg.id)
        strings = _texts(have.string) if have is not None else ()
        forms = cat.num_plurals if msg.pluralizable else 1
        if len(strings) < forms or not all(s.strip() for s in strings):
            missing.append(msg.id)
        elif have.fuzzy:
            fuzzy.append(msg.id)
    assert not missing, f"{lang}: {len(missing)} of {len(template())} messages untranslated, e.g. {missing[:5]}"
    assert not fuzzy, f"{lang}: {len(fuzzy)} fuzzy translations, e.g. {fuzzy[:5]}"


@pytest.mark.parametrize("lang", LANGS)
def test_no_english_left_in_place(lang):
    """A translation with no word of the language's own script, where the
    English has words, is English left in place (source titles carry a gloss)."""
    left = [en for en, text in translated(lang)
            if en not in SAME_IN_EVERY_LANGUAGE and not SCRIPT[lang].search(text)
            and set(english_words(text)) & set(english_words(en))]
    assert not left, f"{lang}: {len(left)} messages still in English, e.g. {left[:5]}"


def test_catalogue_headers_plural_forms():
    assert catalogue("ko").num_plurals == 1
    assert catalogue("ja").num_plurals == 1


# -- (b) placeholders kept -------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_match_the_english(lang):
    wrong = []
    for en, text in translated(lang):
        try:
            same = fields(text) == fields(en)
        except ValueError as exc:  # an unbalanced brace
            wrong.append(f"{en!r}: {exc}")
            continue
        if not same or sorted(PERCENT.findall(text)) != sorted(PERCENT.findall(en)):
            wrong.append(f"{en!r} -> {text!r}")
    assert not wrong, f"{lang}: placeholders differ in {len(wrong)} messages:\n" + "\n".join(wrong[:10])


def test_placeholder_check_catches_a_dropped_field():
    assert fields("Day {day}: {line}") != fields("{day}日目")
    assert PERCENT.findall("%(n)d left") != PERCENT.findall("残り")
    assert PERCENT.findall("At full chill you move 30% slower.") == []


# -- (c) every character in the bundled font -------------------------------

@lru_cache(maxsize=None)
def _font_cmap() -> frozenset[int]:
    # pygame draws a missing glyph as the font's empty box without saying so,
    # so the font's own character map is what tells.
    from fontTools.ttLib import TTFont

    from game.paths import assets_dir

    return frozenset(TTFont(str(assets_dir() / fonts.FONT_FILE), lazy=True).getBestCmap())


def _font_lacks(text: str) -> set[str]:
    cmap = _font_cmap()
    return {c for c in text if not unicodedata.category(c).startswith(("C", "Z")) and ord(c) not in cmap}


def test_font_lacking_a_glyph_is_detected():
    assert _font_lacks("\U0001f600") == {"\U0001f600"}  # an emoji: never in the subset
    assert _font_lacks("가あ日é") == set()


@pytest.mark.parametrize("lang", LANGS)
def test_every_translation_renders_with_the_bundled_font(lang):
    text = "".join(t for _en, t in translated(lang)) + "".join(i18n.LANGUAGES.values())
    lacking = _font_lacks(text)
    assert not lacking, f"{lang}: the font has no glyph for {''.join(sorted(lacking))!r}; re-cut it with tools/subset_font.py"


def test_english_renders_with_the_bundled_font():
    lacking = _font_lacks("".join(m.id if isinstance(m.id, str) else "".join(m.id) for m in template()))
    assert not lacking, f"the font has no glyph for {''.join(sorted(lacking))!r}"


# -- (d) menu screens: no text outside its box -----------------------------

class _Recorder:
    """Stands in for draw_text and fit_text in the UI modules and notes what
    was drawn where, so a test can compare it with the boxes."""

    def __init__(self, monkeypatch):
        from game.ui import text as text_mod

        self.calls: list[tuple[str, pygame.Rect]] = []
        self.cut: list[str] = []
        real_draw, real_fit = text_mod.draw_text, text_mod.fit_text

        def draw_text(surface, font, text, pos, color, width=None, align="left"):
            h = real_draw(surface, font, text, pos, color, width, align)
            lines = text_mod.wrap(font, text, width) if width else text.split("\n")
            w = max((font.size(line)[0] for line in lines), default=0)
            self.calls.append((text, pygame.Rect(pos[0], pos[1], max(w, 0), h), width))
            return h

        def fit_text(font, text, width):
            out = real_fit(font, text, width)
            if out != text:
                self.cut.append(text)
            return out

        import sys

        for name, mod in list(sys.modules.items()):
            if name.startswith("game.") and mod is not None:
                if getattr(mod, "draw_text", None) is real_draw:
                    monkeypatch.setattr(mod, "draw_text", draw_text)
                if getattr(mod, "fit_text", None) is real_fit:
                    monkeypatch.setattr(mod, "fit_text", fit_text)


def _scene(app, name):
    from game.scenes.picker import PickerScene
    from game.scenes.settings_view import SettingsScene

    if name == "picker":
        app.push(PickerScene(app))
    elif name == "settings":
        app.push(SettingsScene(app))
    return app.top


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("scale", [1.0, 1.75])
@pytest.mark.parametrize("screen", ["title", "picker", "settings"])
def test_menu_text_stays_in_its_box(monkeypatch, lang, scale, screen):
    from apphelp import make_app

    from game.scenes.base import H, W

    app = make_app(lang=lang, text_scale=scale)
    try:
        import game.scenes.base  # noqa: F401  (the modules whose draw_text is watched)
        import game.scenes.settings_view  # noqa: F401
        import game.scenes.title  # noqa: F401

        scene = _scene(app, screen)
        rec = _Recorder(monkeypatch)
        surface = pygame.Surface((W, H))
        # The whole screen but the form (whose rows scroll and are clipped):
        # headings and footnotes stay on the screen and inside their width.
        form_draw = scene.form.draw
        scene.form.draw = lambda *a: None
        app.draw()
        scene.form.draw = form_draw
        for text, box, width in rec.calls:
            assert box.right <= W and box.bottom <= H, f"{lang} x{scale} {screen}: {text!r} runs off the screen ({box})"
            if width:
                assert box.width <= width, f"{lang} x{scale} {screen}: {text!r} is wider than its box"
        # Each widget of the form, drawn in its own rectangle.
        form = scene.form
        assert i18n.current_language() == lang
        for i, widget in enumerate(form.widgets):
            rect = form.screen_rect(i)
            rec.calls.clear()
            widget.draw(surface, rect, app.theme, False)
            for text, box, _width in rec.calls:
                assert rect.contains(box), f"{lang} x{scale} {screen}: {text!r} ({box}) is outside its widget ({rect})"
        assert not rec.cut, f"{lang} x{scale} {screen}: values cut short: {rec.cut}"
    finally:
        app.quit()
        i18n.set_language("en")
        fonts.set_scale(1.0)


def test_box_check_catches_overflow(monkeypatch):
    """The layout check is not toothless: a label in a box too small for it,
    and a value too wide for its slot, are both seen."""
    from game.ui.widgets import Choice, Label

    pygame.font.init()
    rec = _Recorder(monkeypatch)
    surface = pygame.Surface((400, 200))
    rect = pygame.Rect(0, 0, 200, 20)
    Label("言葉が多すぎて、この小さな箱には収まりません。").draw(surface, rect, _theme(), False)
    assert any(not rect.contains(box) for _t, box, _w in rec.calls)
    Choice("言語", [(1, "とても長い値の名前" * 4)], 1, lambda v: None).draw(surface, pygame.Rect(0, 0, 400, 60), _theme(), False)
    assert rec.cut


def _theme():
    from game.ui.theme import NORMAL

    return NORMAL


def test_japanese_lines_keep_the_line_breaking_rules():
    """No wrapped line of any Japanese message starts with 。、） or a small
    kana, nor ends with an opening bracket."""
    from game.ui.text import NO_LINE_END, NO_LINE_START, wrap

    pygame.font.init()
    f = fonts.font_px(22)
    bad = []
    for _en, text in translated("ja"):
        for width in (360, 520):  # a side panel, a menu column
            lines = wrap(f, text, width)
            for before, after in zip(lines, lines[1:]):
                if (after and after[0] in NO_LINE_START) or (before and before[-1] in NO_LINE_END):
                    bad.append((before, after))
    assert not bad, f"{len(bad)} line breaks against the rules, e.g. {bad[:3]}"


# -- no English on the screens a player reaches ----------------------------

class _Seen:
    """Every text the bundled font renders while it is installed."""

    def __init__(self, monkeypatch):
        self.texts: set[str] = set()
        seen = self.texts

        class Spy(pygame.font.Font):
            def render(self, text, *args, **kw):
                seen.add(str(text))
                return super().render(text, *args, **kw)

        fonts.clear_cache()
        monkeypatch.setattr(pygame.font, "Font", Spy)


def _kept_in_english() -> set[str]:
    """Words that may stay in Latin letters: those of the outlets, source
    titles and addresses (which a screen may wrap over several lines)."""
    from game.facts import load_registry

    words: set[str] = set()
    for fact in load_registry():
        for src in fact.sources:
            words |= set(re.findall(r"[A-Za-z]+", f"{src.outlet} {src.title} {src.url or ''}"))
    return words


ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[ ,'-]+[A-Za-z]{2,}){2,}")


@pytest.mark.heavy  # ~3 s each: started first, not last (this file comes late in the order)
@pytest.mark.parametrize("lang", LANGS)
def test_no_english_on_the_screens(monkeypatch, lang):
    """The menus, the sources, every content note and briefing and the first
    minutes of every journey, in Korean or Japanese: any run of three English
    words on them, other than a source's outlet, title or address, is English
    left untranslated."""
    from apphelp import frames, make_app

    from game.levels import load_all
    from game.scenes.facts_view import FactsScene
    from game.scenes.intro import IntroScene, play_scene_class
    from game.scenes.picker import PickerScene
    from game.scenes.settings_view import SettingsScene

    seen = _Seen(monkeypatch)
    app = make_app(lang=lang, autoplay=True)
    surface = pygame.Surface((1280, 720))

    def whole(scene):
        """Every row of a scrolling screen, not only those in view."""
        frames(app, 2)
        for i, widget in enumerate(scene.form.widgets):
            widget.draw(surface, scene.form.screen_rect(i), app.theme, False)

    try:
        whole(app.top)
        for make in (PickerScene, SettingsScene, FactsScene):
            app.push(make(app))
            whole(app.top)
            app.reset_to_title()
        for sc in load_all():
            intro = IntroScene(app, sc)
            app.push(intro)
            whole(intro)
            intro._to_briefing()
            whole(app.top)
            app.reset_to_title()
            app.push(play_scene_class(sc)(app, sc, sc.default_preset, 1))
            frames(app, 240)
            app.reset_to_title()
    finally:
        app.quit()
        i18n.set_language("en")
        fonts.clear_cache()
    kept = _kept_in_english()
    english = {run for text in seen.texts for run in ENGLISH_RUN.findall(text)
               if not set(re.findall(r"[A-Za-z]+", run)) <= kept}
    assert not english, f"{lang}: English on screen: {sorted(english)[:15]}"


def test_sentences_join_as_each_language_writes_them():
    assert i18n.join_sentences("Danger today: high.", "Police check papers.") == "Danger today: high. Police check papers."
    assert i18n.join_sentences("今日の危険：高い。", "警察が書類を調べています。") == "今日の危険：高い。警察が書類を調べています。"
    assert i18n.join_sentences("Danger today: low.", "") == "Danger today: low."
