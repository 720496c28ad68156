"""Broken level files: each gives a LevelError/FactsError naming the file and the problem."""

import os
import shutil

import pytest

from game.facts import FactsError, load_and_check, load_file, load_registry
from game.levels import LevelError, load_each, load_scenario, model_for
from game.paths import levels_dir

from test_levels import MINIMAL, write


@pytest.fixture
def levels(tmp_path):
    """A copy of the real levels folder, to break."""
    root = tmp_path / "levels"
    shutil.copytree(levels_dir(), root)
    return root


def test_non_utf8_scenario_names_file_and_byte(tmp_path):
    folder = write(tmp_path, MINIMAL)
    with open(folder / "scenario.toml", "ab") as fh:
        fh.write(b"\xe9")
    with pytest.raises(LevelError) as err:
        load_scenario(folder)
    text = str(err.value)
    assert "scenario.toml" in text and "not UTF-8" in text and "0xe9" in text


def test_utf16_scenario_is_named_as_such(tmp_path):
    folder = write(tmp_path, MINIMAL)
    (folder / "scenario.toml").write_bytes(MINIMAL.encode("utf-16"))
    with pytest.raises(LevelError, match="UTF-16"):
        load_scenario(folder)


def test_non_utf8_facts_file(tmp_path):
    file = tmp_path / "facts.toml"
    file.write_bytes(b'[[fact]]\nid = "a.b"\nstatement = "caf\xe9"\n')
    with pytest.raises(FactsError, match="facts.toml: it is not UTF-8"):
        load_file(file)


def test_non_utf8_facts_in_a_levels_folder(levels):
    with open(levels / "fog" / "facts.toml", "ab") as fh:
        fh.write(b"\xff")
    with pytest.raises(FactsError, match="fog/facts.toml"):
        load_registry(levels)
    _, _, problems = load_and_check(levels)
    assert any("fog/facts.toml" in p and "UTF-8" in p for p in problems)


def test_a_fifo_or_a_folder_is_refused_without_waiting(tmp_path):
    folder = tmp_path / "demo"
    folder.mkdir()
    os.mkfifo(folder / "scenario.toml")
    with pytest.raises(LevelError, match="pipe"):
        load_scenario(folder)


def test_deep_nesting_is_a_clear_error(tmp_path):
    folder = write(tmp_path, MINIMAL + "\nx = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(LevelError, match="scenario.toml"):
        load_scenario(folder)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda t: t.replace("value = 2.0", "value = nan"), "parameters.speed.value"),
        (lambda t: t.replace("max = 5", "max = inf"), "parameters.speed.max"),
        (lambda t: t.replace("min = 0", "min = -inf"), "parameters.speed.min"),
        (lambda t: t.replace("set = { speed = 1 }", "set = { speed = nan }"), "presets.calm.set.speed"),
    ],
)
def test_non_finite_values_are_refused(tmp_path, change, message):
    with pytest.raises(LevelError) as err:
        load_scenario(write(tmp_path, change(MINIMAL)))
    assert message in str(err.value) and "finite" in str(err.value)


def test_non_finite_overrides_are_refused(tmp_path):
    sc = load_scenario(write(tmp_path, MINIMAL))
    for bad in ("nan", "inf", float("inf"), "-inf"):
        with pytest.raises(LevelError, match="finite"):
            sc.values(None, {"speed": bad})


def test_the_real_fog_sight_rate_refuses_nan(levels):
    file = levels / "fog" / "scenario.toml"
    text = file.read_text(encoding="utf-8")
    start = text.index("[parameters.sight_rate_per_min]")
    at = text.index("value = ", start)
    end = text.index("\n", at)
    file.write_text(text[:at] + "value = nan" + text[end:], encoding="utf-8")
    with pytest.raises(LevelError, match="sight_rate_per_min.value"):
        load_scenario(levels / "fog")


def test_model_and_screen_names_are_checked(tmp_path):
    folder = write(tmp_path, MINIMAL.replace('model = "none"', 'model = "../evil"'))
    with pytest.raises(LevelError, match="field 'model'"):
        load_scenario(folder)
    text = MINIMAL.replace('id = "demo"', 'id = "demo2"\nscreen = "Fog Play"')
    folder = write(tmp_path, text, name="demo2")
    with pytest.raises(LevelError, match="field 'screen'"):
        load_scenario(folder)


def test_unknown_model_is_a_level_error(tmp_path):
    sc = load_scenario(write(tmp_path, MINIMAL.replace('model = "none"', 'model = "runner"')))
    with pytest.raises(LevelError, match="scenario.toml: field 'model' names 'runner'"):
        model_for(sc, sc.values())


def test_a_copied_scenario_plays_with_the_model_and_screen_it_names(levels):
    shutil.copytree(levels / "fog", levels / "fog2")
    file = levels / "fog2" / "scenario.toml"
    file.write_text(file.read_text(encoding="utf-8").replace('id = "fog"', 'id = "fog2"'), encoding="utf-8")
    sc = load_scenario(levels / "fog2")
    assert (sc.id, sc.model, sc.screen) == ("fog2", "fog", "fog")


def test_one_broken_scenario_does_not_hide_the_others(levels):
    with open(levels / "sea" / "scenario.toml", "ab") as fh:
        fh.write(b"\n[[[\n")
    scenarios, errors = load_each(levels)
    assert sorted(s.id for s in scenarios) == ["fog", "jsa", "overland"]
    assert len(errors) == 1 and "sea/scenario.toml" in str(errors[0])


# ---- in the game ------------------------------------------------------------


def test_picker_lists_the_good_journeys_and_names_the_broken_one(levels, monkeypatch):
    from apphelp import find_button, make_app
    from game.scenes.picker import PickerScene

    with open(levels / "jsa" / "scenario.toml", "ab") as fh:
        fh.write(b"\xe9")
    monkeypatch.setenv("CROSSINGS_LEVELS_DIR", str(levels))
    app = make_app()
    app.push(PickerScene(app))
    app.top.relayout()
    texts = [getattr(w, "text", "") or getattr(w, "label", "") for w in app.top.form.widgets]
    assert any("jsa/scenario.toml" in t and "UTF-8" in t for t in texts)
    for title in ("Fog on the line", "Across the sea"):
        find_button(app.top, title)


def test_a_copied_scenario_begins_with_its_named_screen(levels, monkeypatch):
    from apphelp import frames, make_app
    from game.scenes.fog.scene import PlayScene as FogPlay
    from game.scenes.intro import IntroScene

    shutil.copytree(levels / "fog", levels / "fog2")
    file = levels / "fog2" / "scenario.toml"
    file.write_text(file.read_text(encoding="utf-8").replace('id = "fog"', 'id = "fog2"'), encoding="utf-8")
    monkeypatch.setenv("CROSSINGS_LEVELS_DIR", str(levels))
    app = make_app()
    intro = IntroScene(app, load_scenario(levels / "fog2"))
    app.push(intro)
    intro.begin()
    frames(app, 2)
    play = app.scenes[-2] if type(app.top).__name__ == "ChoiceScene" else app.top  # (the fog asks first: the rifle)
    assert isinstance(play, FogPlay) and play.scenario.id == "fog2"


def test_an_unknown_screen_gives_the_could_not_start_card(levels, monkeypatch):
    from apphelp import make_app
    from game.scenes.base import ConfirmScene
    from game.scenes.intro import IntroScene

    file = levels / "fog" / "scenario.toml"
    file.write_text(file.read_text(encoding="utf-8").replace('screen = "fog"', 'screen = "fogx"'), encoding="utf-8")
    app = make_app()
    intro = IntroScene(app, load_scenario(levels / "fog"))
    app.push(intro)
    intro.begin()
    assert isinstance(app.top, ConfirmScene)
    assert "field 'screen' names 'fogx'" in app.top.detail
