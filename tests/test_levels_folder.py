"""An edited copy of the levels folder is what runs (--levels DIR), and models
are built from the loaded scenario through one registry."""

from __future__ import annotations

import contextlib
import io
import json
import shutil

import pytest

from game import levels, paths
from game.journey import JourneySpec, replay, setup_for
from game.levels import LevelError, load_by_id, model_for, screen_class
from game.paths import levels_dir
from game.simulate_cmd import main as simulate


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    """A copy of the game's levels whose overland route swaps its two goals."""
    root = tmp_path_factory.mktemp("edited") / "levels"
    shutil.copytree(levels_dir(), root)
    toml = root / "overland" / "scenario.toml"
    text = toml.read_text(encoding="utf-8")
    old = 'goals = { chiangkhong = "reached_thailand", zamynuud = "reached_mongolia" }'
    assert old in text
    toml.write_text(text.replace(old, 'goals = { chiangkhong = "reached_mongolia", zamynuud = "reached_thailand" }'),
                    encoding="utf-8")
    return root


def counts(*argv) -> dict[str, int]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert simulate([*argv, "--json"]) == 0
    return {k: v["count"] for k, v in json.loads(out.getvalue())["outcomes"].items()}


def test_an_edited_route_in_a_copied_folder_is_the_one_that_runs(copy):
    real = counts("overland", "--runs", "200", "--seed", "4")
    edited = counts("overland", "--runs", "200", "--seed", "4", "--levels", str(copy))
    assert real["reached_thailand"] > 0
    # The same travellers, the same road: only the names of the goals changed places.
    assert edited["reached_mongolia"] == real["reached_thailand"]
    assert edited["reached_thailand"] == real["reached_mongolia"]


def test_the_sea_runs_on_the_copied_map(copy, tmp_path):
    sea = tmp_path / "levels"
    shutil.copytree(copy, sea)
    tmx = sea / "sea" / "map.tmx"
    tmx.write_text(tmx.read_text(encoding="utf-8").replace(
        '<property name="km_per_tile" type="float" value="6.0"/>',
        '<property name="km_per_tile" type="float" value="9.0"/>'), encoding="utf-8")
    setup = setup_for(JourneySpec("sea", "defector-summer", {}, 2, str(sea)))
    assert setup.world.file.resolve() == tmx.resolve()
    assert setup.model().km_tile == 9.0
    assert replay(JourneySpec("sea", "defector-summer", {}, 2, str(sea)), 150).counts.tolist() != \
        replay(JourneySpec("sea", "defector-summer", {}, 2), 150).counts.tolist()


def test_no_model_loads_its_own_map():
    sea = load_by_id("sea")
    with pytest.raises(ValueError, match="map data"):
        model_for(sea, sea.values(), None)


def test_one_registry_names_models_and_screens(tmp_path):
    root = tmp_path / "levels"
    shutil.copytree(levels_dir() / "fog", root / "fog2")
    toml = root / "fog2" / "scenario.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('id = "fog"', 'id = "fog2"', 1), encoding="utf-8")
    fog2 = load_by_id("fog2", root)
    # A copy under another name plays with the screen it names, not one guessed from its id.
    from game.scenes.fog.scene import PlayScene

    assert screen_class(fog2) is PlayScene
    assert type(model_for(fog2, fog2.values(), setup_for(JourneySpec("fog2", "", {}, 1, str(root))).world)).__module__ == "game.sim.fog"
    toml.write_text(toml.read_text(encoding="utf-8").replace('screen = "fog"', 'screen = "dash"'), encoding="utf-8")
    with pytest.raises(LevelError, match="field 'screen' names 'dash'"):
        screen_class(load_by_id("fog2", root))
    assert set(levels.MODELS) == set(levels.SCREENS) == {"fog", "jsa", "sea", "overland"}


def test_overland_route_and_profiles_are_typed():
    sc = load_by_id("overland")
    assert isinstance(sc.route, levels.Route) and all(isinstance(leg, levels.RouteLeg) for leg in sc.route.legs)
    assert sc.route.goals == {"chiangkhong": "reached_thailand", "zamynuud": "reached_mongolia"}
    assert sc.profiles and all(isinstance(p, levels.Profile) for p in sc.profiles.values())
    for p in sc.profiles.values():
        assert set(p.values) <= set(sc.parameters)


def test_play_levels_is_honoured_everywhere(copy, monkeypatch):
    from game.cli import main

    seen = {}
    import game.app as app_mod

    class Spy:
        def __init__(self, options):
            seen["options"] = options

        def run(self):
            from game.levels import load_all

            seen["folders"] = {sc.folder.parent for sc in load_all()}
            seen["overland"] = load_by_id("overland").route.goals
            return 0

    monkeypatch.setattr(app_mod, "App", Spy)
    try:
        assert main(["play", "--levels", str(copy), "--scenario", "overland", "--headless"]) == 0
    finally:
        paths.use_levels(None)
    assert seen["folders"] == {copy.resolve()}
    assert seen["overland"]["chiangkhong"] == "reached_mongolia"
    assert main(["play", "--levels", str(copy / "nowhere")]) == 2


def test_a_route_that_does_not_fit_the_map_is_one_clear_line(copy, tmp_path, capsys):
    root = tmp_path / "levels"
    shutil.copytree(copy, root)
    toml = root / "overland" / "scenario.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('start = "hoeryong"', 'start = "atlantis"'), encoding="utf-8")
    assert simulate(["overland", "--runs", "5", "--levels", str(root)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(toml) in err and "'atlantis' is not on the map" in err
