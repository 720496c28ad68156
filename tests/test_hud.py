"""The HUD toolkit: the help read from each scenario's [help] table, checked,
and every word of it reaching the translators; one button drawn the same way."""

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from game.levels import load_all
from game.ui.hud import HelpError, HudButton, help_from_scenario

ROOT = Path(__file__).resolve().parent.parent


def test_every_journey_has_its_help_as_data():
    for sc in load_all():
        title, close, sections = help_from_scenario(sc)
        assert title and close and sections, sc.id
        assert all(heading and rows for heading, rows in sections), sc.id
        # the key to the menu is named in it
        text = " ".join(f"{k} {w}" for _h, rows in sections for k, w in rows)
        assert "Esc" in text, sc.id


def test_the_translation_extractor_picks_up_the_help():
    sys.path.insert(0, str(ROOT / "tools"))
    import update_translations

    found = {text for text, _where in update_translations.data_strings()}
    for sc in load_all():
        table = sc.raw["help"]
        assert table["title"] in found and table["close"] in found
        for sec in table["sections"]:
            assert sec["title"] in found
            for row in sec["rows"]:
                assert row["text"] in found
                assert row.get("label", "x") == "x" or row["label"] in found


@pytest.mark.parametrize("raw, words", [
    ({}, "no [help] table"),
    ({"help": {"title": 3, "sections": []}}, "needs a text 'title'"),
    ({"help": {"title": "T", "sections": []}}, "at least one"),
    ({"help": {"title": "T", "sections": [{"title": "S"}]}}, "number 1 needs"),
    ({"help": {"title": "T", "sections": [{"title": "S", "rows": [{"label": "K"}]}]}}, "row 1: needs a text 'text'"),
])
def test_a_broken_help_table_names_the_file_and_the_problem(raw, words):
    sc = SimpleNamespace(file=Path("levels/x/scenario.toml"), raw=raw)
    with pytest.raises(HelpError) as err:
        help_from_scenario(sc)
    assert "levels/x/scenario.toml" in str(err.value) and words in str(err.value)


def test_a_moved_button_keeps_its_text_and_state():
    import pygame

    b = HudButton("k", lambda: "Text", lambda: None, lambda: True, lambda: False)
    b.rect = pygame.Rect(10, 20, 30, 40)
    m = b.moved(-10, -20)
    assert m.rect == pygame.Rect(0, 0, 30, 40) and b.rect.x == 10
    assert (m.text(), m.active(), m.enabled()) == ("Text", True, False)


def test_a_broken_help_table_is_named_when_the_levels_load(tmp_path):
    import shutil

    from game.levels import LevelError, load_scenario

    folder = tmp_path / "jsa"
    shutil.copytree(ROOT / "levels" / "jsa", folder)
    toml = folder / "scenario.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace('{ label = "Q", text = ', '{ label = "Q", words = '), encoding="utf-8")
    with pytest.raises(LevelError) as err:
        load_scenario(folder)
    assert str(toml) in str(err.value) and "row 3" in str(err.value)
