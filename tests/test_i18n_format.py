"""Numbers, percentages and month names follow the current language (Babel)."""

import pytest

from game import i18n
from game.scenes.overland.observation import money_text
from game.ui.chart import percent


@pytest.fixture
def lang():
    def use(code):
        assert i18n.set_language(code)

    yield use
    i18n.set_language("en")


def test_numbers_group_and_never_use_exponents(lang):
    lang("en")
    assert i18n.format_number(1234567) == "1,234,567"
    assert i18n.format_number(1234567.891) == "1,234,570"  # six significant digits
    assert i18n.format_number(0.000123) == "0.000123"
    assert i18n.format_number(2.5) == "2.5"


@pytest.mark.parametrize("code, november", [("en", "November"), ("ko", "11월"), ("ja", "11月")])
def test_month_names_come_from_the_language(lang, code, november):
    lang(code)
    assert i18n.month_name(11) == november


def test_percentages_and_money_go_through_the_current_language(lang, monkeypatch):
    lang("ko")
    assert percent(0.042) == "4.2%" and percent(0.0004) == "<0.1%"
    assert "달러" in money_text(12000) and "12,000" in money_text(12000)
    # The helpers ask Babel with the current language, so a language whose
    # conventions differ is written its own way.
    monkeypatch.setattr(i18n, "_current", "de")
    assert i18n.format_number(1234.5) == "1.234,5"
    assert i18n.format_percent(0.5) == "50\xa0%"


def test_units_join_as_each_language_writes_them():
    assert i18n.with_unit("104", "boats") == "104 boats"
    assert i18n.with_unit("25", "%") == "25%"
    assert i18n.with_unit("104", "척") == "104척"  # a Korean counter is written on
    assert i18n.with_unit("104", "隻") == "104隻"
    assert i18n.with_unit("248", "km") == "248 km"
    assert i18n.with_unit("7", "") == "7"


def test_a_korean_fact_reads_with_its_counter(lang):
    from game.facts import load_registry

    lang("ko")
    registry = load_registry()
    shown = next(registry.display_value(f) for f in registry.all if f.unit == "boats")
    assert shown.endswith("척") and " 척" not in shown


def test_a_catalogue_is_compiled_once_and_again_when_its_file_changes(tmp_path, monkeypatch):
    import shutil

    import babel.messages.pofile as pofile

    from game.paths import locale_dir

    shutil.copytree(locale_dir() / "ko", tmp_path / "ko")
    monkeypatch.setattr(i18n, "locale_dir", lambda: tmp_path)
    reads = []
    real = pofile.read_po
    monkeypatch.setattr(pofile, "read_po", lambda *a, **k: reads.append(1) or real(*a, **k))
    try:
        assert i18n.set_language("ko") and i18n.set_language("en") and i18n.set_language("ko")
        assert len(reads) == 1 and i18n._("Play") != "Play"
        po = tmp_path / "ko" / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
        po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "A line only this test has"\nmsgstr "새 줄"\n', encoding="utf-8")
        assert i18n.set_language("ko") and len(reads) == 2
        assert i18n._("A line only this test has") == "새 줄"
    finally:
        i18n.set_language("en")
