"""Numbers, percentages and month names follow the current language (Babel)."""

import pytest

from game import i18n
from game.scenes.overland_play import money_text
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
