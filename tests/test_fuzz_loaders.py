"""Fuzzing the scenario and facts loaders: any input gives a scenario or a
LevelError/FactsError naming the file, never another exception."""

from __future__ import annotations

import copy
import math
import tomllib

from hypothesis import HealthCheck, given, settings, strategies as st

from game.facts import FactsError, load_file
from game.levels import LevelError, load_scenario, scenario_from_data
from game.paths import levels_dir

FUZZ = settings(max_examples=150, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

REAL = {sid: tomllib.loads((levels_dir() / sid / "scenario.toml").read_text(encoding="utf-8"))
        for sid in ("fog", "jsa", "sea", "overland")}

toml_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.just(10**400) | st.floats()
    | st.text(max_size=10) | st.sampled_from(["../fog/map.tmx", "/etc/passwd", "a\0b", "x" * 300]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


def _paths(data, prefix=()):
    """Every key path in a nested dict/list structure."""
    yield prefix
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, prefix + (i,))


@st.composite
def mutated(draw):
    sid = draw(st.sampled_from(sorted(REAL)))
    data = copy.deepcopy(REAL[sid])
    paths = [p for p in _paths(data) if p]
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths))
        parent = data
        try:
            for key in path[:-1]:
                parent = parent[key]
            if draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = draw(toml_values)
        except (KeyError, IndexError, TypeError):
            pass  # an earlier change removed or replaced this path
    return sid, data


def _check_loaded(scenario):
    for name in [None, *scenario.presets]:
        values = scenario.values(name)
        assert all(math.isfinite(v) for v in values.values())
    for p in scenario.parameters.values():
        assert math.isfinite(p.value)


@FUZZ
@given(case=mutated())
def test_fuzz_scenario_data(tmp_path_factory, case):
    sid, data = case
    folder = levels_dir() / sid  # the real folder: the map exists, nothing is written
    try:
        scenario = scenario_from_data(data, folder)
    except LevelError as exc:
        assert "scenario.toml" in str(exc)
        return
    _check_loaded(scenario)


@FUZZ
@given(raw=st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8")))
def test_fuzz_scenario_bytes(tmp_path_factory, raw):
    folder = tmp_path_factory.mktemp("demo")
    (folder / "scenario.toml").write_bytes(raw)
    try:
        _check_loaded(load_scenario(folder))
    except LevelError as exc:
        assert str(folder / "scenario.toml") in str(exc)


@FUZZ
@given(raw=st.binary(max_size=300)
       | st.lists(st.sampled_from(['[[fact]]\n', 'id = "a.b"\n', 'statement = "S"\n', 'status = "estimate"\n',
                                   'value = nan\n', 'values = [1, 2]\n', 'year = 2017\n', '[[fact.sources]]\n',
                                   'outlet = "O"\n', 'title = "T"\n', 'value = 1e999\n', "\xe9\n", "[[\n"]),
                  max_size=12).map(lambda xs: "".join(xs).encode("utf-8", "surrogateescape")))
def test_fuzz_facts_file(tmp_path_factory, raw):
    file = tmp_path_factory.mktemp("facts") / "facts.toml"
    file.write_bytes(raw)
    try:
        for fact in load_file(file):
            assert fact.value is None or math.isfinite(fact.value)
    except FactsError as exc:
        assert str(file) in str(exc)
