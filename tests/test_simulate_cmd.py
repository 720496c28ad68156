"""The `crossings simulate` command, on a toy scenario in a temporary folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.simulate_cmd import main
from toy_scenario import ToyModel, install, legacy_choices, make_levels

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def levels(tmp_path, monkeypatch):
    install(monkeypatch)
    return make_levels(tmp_path / "levels", with_map=True)


def simulate(levels, capsys, *argv):
    code = main([*argv, "--levels", str(levels)])
    out, err = capsys.readouterr()
    return code, out, err


def as_json(levels, capsys, *argv):
    code, out, err = simulate(levels, capsys, *argv, "--json")
    assert code == 0 and err == ""
    return out, json.loads(out)


def test_json_shape(levels, capsys):
    _, data = as_json(levels, capsys, "toy", "--runs", "300")
    assert sorted(data) == ["outcomes", "parameters", "preset", "runs", "scenario", "seed"]
    assert (data["scenario"], data["preset"], data["runs"], data["seed"]) == ("toy", "calm", 300, 1)
    assert list(data["outcomes"]) == sorted(ToyModel.outcomes)  # all of them, sorted keys
    assert sum(o["count"] for o in data["outcomes"].values()) == 300
    arrived = data["outcomes"]["arrived"]
    assert arrived["share"] == pytest.approx(arrived["count"] / 300, abs=1e-6)
    lo, hi = arrived["ci95"]
    assert lo < arrived["share"] < hi
    d = arrived["duration_h"]
    assert d["p10"] <= d["median"] <= d["p90"]
    timed_out = data["outcomes"]["timed_out"]
    assert timed_out["count"] == 0 and timed_out["duration_h"] == {"p10": None, "median": None, "p90": None}
    assert data["parameters"] == {
        "goal": {"source": "assumption", "value": 20},
        "hazard": {"source": "assumption", "value": 0.02},
        "speed": {"source": "toy.speed_fact", "value": 1.0},
    }


def test_same_arguments_same_bytes_other_seed_other_counts(levels, capsys):
    a, _ = as_json(levels, capsys, "toy", "--runs", "500", "--seed", "4")
    b, _ = as_json(levels, capsys, "toy", "--runs", "500", "--seed", "4")
    c, other = as_json(levels, capsys, "toy", "--runs", "500", "--seed", "5")
    assert a == b
    assert a != c and json.loads(a)["outcomes"] != other["outcomes"]


def test_preset_and_set(levels, capsys):
    _, calm = as_json(levels, capsys, "toy")
    _, tense = as_json(levels, capsys, "toy", "--preset", "tense", "--set", "goal=25", "--set", "speed = 2")
    assert tense["preset"] == "tense"
    assert tense["parameters"]["hazard"]["value"] == 0.08
    assert tense["parameters"]["goal"]["value"] == 25 and tense["parameters"]["speed"]["value"] == 2.0
    assert tense["outcomes"]["stopped"]["share"] != calm["outcomes"]["stopped"]["share"]


def test_plain_table(levels, capsys):
    code, out, err = simulate(levels, capsys, "toy", "--runs", "200")
    assert code == 0 and err == ""
    assert "A toy walk: 200 runs, seed 1" in out
    assert "Choices: the automatic player" in out
    rows = {line.split("  ")[1]: line for line in out.splitlines() if line.startswith("  ")}
    for label in ("Arrived", "Stopped on the way", "Still walking when time ran out"):
        assert label in rows
    # Columns line up: each outcome row ends its share column at the same place.
    lines = [rows[k] for k in ("Arrived", "Stopped on the way", "Still walking when time ran out")]
    ends = {line.index("%") for line in lines}
    assert len(ends) == 1
    assert "toy.speed_fact" in out and "Chance of being stopped per step" in out


def test_list(levels, capsys):
    code, out, err = simulate(levels, capsys, "toy", "--list")
    assert code == 0 and err == ""
    for text in ("calm", "A calm day", "tense", "hazard=0.08, goal=30", "Tiles walked per step", "toy.speed_fact", "tiles"):
        assert text in out
    _, data = as_json(levels, capsys, "toy", "--list", "--preset", "tense")
    assert data["default_preset"] == "calm" and data["preset"] == "tense"
    assert data["presets"]["tense"]["set"] == {"goal": 30, "hazard": 0.08}
    assert data["parameters"]["goal"] == {"label": "Distance to the goal", "source": "assumption", "unit": "tiles", "value": 30}


def test_choices_file(levels, capsys, tmp_path):
    careful = tmp_path / "careful.json"
    careful.write_text(legacy_choices("toy", [{"step": 0, "action": {"pace": 1.0, "hide": True}}]))
    reckless = tmp_path / "reckless.json"
    reckless.write_text(legacy_choices("toy", [{"step": 0, "action": {"pace": 2.0, "hide": False}}]))
    _, a = as_json(levels, capsys, "toy", "--runs", "2000", "--choices", str(careful))
    _, b = as_json(levels, capsys, "toy", "--runs", "2000", "--choices", str(reckless))
    assert a["outcomes"]["arrived"]["share"] > b["outcomes"]["arrived"]["share"]
    code, out, _ = simulate(levels, capsys, "toy", "--runs", "20", "--choices", str(careful))
    assert code == 0 and f"Choices: recorded in {careful}" in out


def test_game_trace_with_one_run_gives_the_games_outcome(levels, capsys, tmp_path):
    from game.levels import load_by_id, model_for
    from game.sim.runner import Simulation

    scenario = load_by_id("toy", levels)
    for seed in range(6):
        game = Simulation(model_for(scenario, scenario.values()), 1, seed)
        while not game.finished:
            game.step({"pace": 2.0 if game.step_index < 4 else 1.0, "hide": game.step_index > 2})
        path = tmp_path / f"trace{seed}.json"
        path.write_text(legacy_choices("toy", game.trace.entries))  # as the game's Save wrote it before
        _, data = as_json(levels, capsys, "toy", "--runs", "1", "--seed", str(seed), "--choices", str(path))
        assert data["outcomes"][game.outcome_of(0)]["count"] == 1


def bad_trace_files(tmp_path):
    files = {
        "garbage.json": "not json {",
        "nolist.json": '{"entries": 3}',
        "nostep.json": '{"entries": [{"action": {}}]}',
        "foreign.json": legacy_choices("sea", [{"step": 0, "action": {"pace": 1.0}}]),
        "field.json": legacy_choices("toy", [{"step": 0, "action": {"sail": 1.0}}]),
        "kind.json": legacy_choices("toy", [{"step": 0, "action": {"pace": "fast"}}]),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    return [str(tmp_path / name) for name in files] + [str(tmp_path / "missing.json"), str(tmp_path)]


ERRORS = [
    (["nope"], "no scenario named 'nope' (known: toy)"),
    (["toy", "--preset", "x"], "no preset named 'x' for scenario 'toy' (has: calm, tense)"),
    (["toy", "--set", "foo=1"], "no parameter named 'foo' for scenario 'toy' (has: hazard, speed, goal)"),
    (["toy", "--set", "hazard=abc"], "parameter 'hazard': 'abc' is not a number"),
    (["toy", "--set", "hazard=inf"], "is not a number"),
    (["toy", "--set", "hazard=2"], "outside"),
    (["toy", "--set", "goal=2.5"], "whole number"),
    (["toy", "--set", "hazard"], "--set needs NAME=VALUE, not 'hazard'"),
    (["toy", "--set", "=1"], "--set needs NAME=VALUE"),
    (["toy", "--set", "hazard="], "--set needs NAME=VALUE"),
    (["toy", "--runs", "0"], "--runs needs a whole number of at least 1"),
    (["toy", "--runs", "ten"], "--runs needs a whole number"),
    (["toy", "--seed", "-1"], "--seed needs a whole number of at least 0"),
    (["toy", "--seed", "1.5"], "--seed needs a whole number"),
]


@pytest.mark.parametrize("argv, message", ERRORS)
def test_errors_are_one_line(levels, capsys, argv, message):
    for extra in ([], ["--json"], ["--list"]):
        code, out, err = simulate(levels, capsys, *argv, *extra)
        assert code == 2 and out == ""
        assert err.startswith("crossings simulate: error: ") and message in err
        assert err.count("\n") == 1 and "Traceback" not in err


def test_bad_choices_files_are_one_line(levels, capsys, tmp_path):
    for path in bad_trace_files(tmp_path):
        code, out, err = simulate(levels, capsys, "toy", "--runs", "5", "--choices", path, "--json")
        assert code == 2 and out == "", path
        assert err.startswith("crossings simulate: error: ") and err.count("\n") == 1, err


def test_broken_scenario_and_levels_folder(levels, capsys, tmp_path):
    code, _, err = main(["toy", "--levels", str(tmp_path / "nowhere")]), *capsys.readouterr()
    assert code == 2 and "no levels folder" in err and err.count("\n") == 1
    (levels / "toy" / "map.tmx").write_text("<map")  # the map turns unreadable
    from game.world import cache

    cache.clear()
    code, out, err = simulate(levels, capsys, "toy")
    assert code == 2 and "map.tmx" in err and err.count("\n") == 1
    (levels / "toy" / "scenario.toml").write_text("id = ")
    code, out, err = simulate(levels, capsys, "toy")
    assert code == 2 and "not valid TOML" in err and err.count("\n") == 1


def test_register_adds_the_subcommand():
    import argparse

    from game import simulate_cmd

    parser = argparse.ArgumentParser(prog="crossings")
    simulate_cmd.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["simulate", "fog"])
    assert args.func is simulate_cmd.run
    # --runs left out: 1000, or 200 with --sensitivity
    assert (args.scenario, args.runs, args.seed, args.preset, args.overrides) == ("fog", None, None, None, [])
    assert args.choices is None and not args.json and not args.list and args.levels is None
    assert "--levels" in parser._subparsers._group_actions[0].choices["simulate"].format_help()


SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1] + "/tests")
import toy_scenario
from game import levels
levels.MODELS["toy"] = toy_scenario.ToyModel
from game.simulate_cmd import main
sys.exit(main(sys.argv[2:]))
"""


def test_json_stdout_is_only_json_even_when_pygame_loads(levels):
    # pytmx imports pygame, which greets on stdout unless told not to.
    env = {k: v for k, v in os.environ.items() if k != "PYGAME_HIDE_SUPPORT_PROMPT"}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(ROOT), "toy", "--runs", "20", "--json", "--levels", str(levels)],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["runs"] == 20


NO_PYGAME = """
import sys
from game.cli import main
code = main(sys.argv[1:])
assert code == 0, code
loaded = sorted(m for m in sys.modules if m == "pygame" or m.startswith("pygame."))
print("PYGAME:", loaded)
"""


def test_simulate_does_not_load_pygame(tmp_path):
    sid = "sea"  # a big map, read with pytmx
    # The maps are read with pytmx, which imports pygame when it can: not here.
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", NO_PYGAME, "simulate", sid, "--runs", "5", "--json"],
        capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("PYGAME: []"), done.stdout[-300:]
    assert "pygame" not in done.stderr
def test_a_sea_start_on_land_is_one_clear_line(capsys):
    from game.paths import levels_dir

    code = main(["sea", "--runs", "5", "--set", "start_lat=36", "--set", "start_lon=139", "--levels", str(levels_dir())])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert "start_lat=36" in err and "on land" in err and "Traceback" not in err


def test_sensitivity_json_and_table(levels, capsys):
    _, data = as_json(levels, capsys, "toy", "--sensitivity", "--runs", "100")
    names = [p["name"] for p in data["parameters"]]
    assert set(names) == {"speed", "goal"} or set(names) >= {"speed", "goal"}
    assert data["runs"] == 100 and data["choices"] == "automatic" and data["focus"] in data["outcomes"]
    spreads = [p["spread"] for p in data["parameters"]]
    assert spreads == sorted(spreads, reverse=True) and spreads[0] > 0
    for p in data["parameters"]:
        assert p["low"] <= p["high"] and len(p["low_shares"]) == len(data["outcomes"])
    code, out, err = simulate(levels, capsys, "toy", "--sensitivity", "--runs", "100")
    assert code == 0 and "Change" in out and "speed" in out


def test_sensitivity_runs_each_set_of_values_once(levels, capsys, monkeypatch):
    import game.sim.montecarlo as montecarlo

    runs = []
    real = montecarlo.run_many
    monkeypatch.setattr(montecarlo, "run_many", lambda *a, **k: runs.append(a) or real(*a, **k))
    _, data = as_json(levels, capsys, "toy", "--sensitivity", "--runs", "100", "--set", "hazard=0.0")
    hazard = next(p for p in data["parameters"] if p["name"] == "hazard")
    assert hazard["low"] == 0.0 and hazard["low_shares"] == data["base_shares"]  # the base run, not a second one
    assert len(runs) == 1 + 2 * len(data["parameters"]) - 1
