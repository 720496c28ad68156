import pytest

from game.levels import LevelError, load_all, load_scenario

MINIMAL = '''
id = "demo"
title = "T"
summary = "S"
model = "none"
content_note = "N"
briefing = ["B"]
[parameters.speed]
value = 2.0
source = "assumption"
label = "Speed"
min = 0
max = 5
[presets.calm]
label = "Calm"
set = { speed = 1 }
'''


def write(tmp_path, text, name="demo"):
    folder = tmp_path / name
    folder.mkdir()
    (folder / "scenario.toml").write_text(text, encoding="utf-8")
    return folder


def test_minimal_loads_and_resolves_values(tmp_path):
    sc = load_scenario(write(tmp_path, MINIMAL))
    assert sc.values() == {"speed": 1.0}
    assert sc.values("calm", {"speed": "3"}) == {"speed": 3.0}


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda t: t.replace('title = "T"\n', ""), "field 'title' is missing"),
        (lambda t: t.replace("value = 2.0", 'value = "fast"'), "parameters.speed.value"),
        (lambda t: t.replace('source = "assumption"', 'source = ""'), "parameters.speed.source"),
        (lambda t: t.replace("set = { speed = 1 }", "set = { speed = 9 }"), "presets.calm.set.speed"),
        (lambda t: t.replace("set = { speed = 1 }", "set = { sped = 1 }"), "names no parameter"),
        (lambda t: t + "\n[[[", "not valid TOML"),
        (lambda t: t.replace('id = "demo"', 'id = "other"'), "folder is 'demo'"),
    ],
)
def test_broken_files_name_file_and_field(tmp_path, change, message):
    folder = write(tmp_path, change(MINIMAL))
    with pytest.raises(LevelError) as err:
        load_scenario(folder)
    assert message in str(err.value)
    assert "scenario.toml" in str(err.value)


def test_bad_override_values(tmp_path):
    sc = load_scenario(write(tmp_path, MINIMAL))
    with pytest.raises(LevelError, match="not a number"):
        sc.values(None, {"speed": "x"})
    with pytest.raises(LevelError, match="outside"):
        sc.values(None, {"speed": 99})
    with pytest.raises(LevelError, match="no parameter"):
        sc.values(None, {"nope": 1})
    with pytest.raises(LevelError, match="no preset"):
        sc.values("stormy")


def test_real_scenarios_load_and_every_parameter_is_sourced():
    for sc in load_all():
        assert sc.content_note and sc.briefing
        for p in sc.parameters.values():
            assert p.source
        for name in sc.presets:
            sc.values(name)
