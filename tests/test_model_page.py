"""The debrief's model page: the assumptions that bear on a journey, in groups (game/model_page.py)."""

from __future__ import annotations

import dataclasses

import pytest

from game.levels import load_all, load_by_id
from game.model_page import OTHER, ModelPageError, assumption_groups


@pytest.mark.parametrize("sc", load_all(), ids=lambda sc: sc.id)
def test_every_assumption_has_a_group_or_is_hidden_on_purpose(sc):
    for preset in [None, *sc.presets]:
        groups = assumption_groups(sc, sc.values(preset))
        assert groups and all(g.label != OTHER for g in groups), (sc.id, preset)
        names = [n for g in groups for n in g.names]
        assert len(names) == len(set(names))
        assert all(sc.parameters[n].is_assumption for n in names)
        # the automatic player's habits come last: they matter only after a journey's end
        autos = [k for k, g in enumerate(groups) if any(n.startswith("auto_") for n in g.names)]
        assert autos in ([], [len(groups) - 1])


def test_what_does_not_bear_on_a_journey_is_left_out():
    sea = load_by_id("sea")
    crossing = [n for g in assumption_groups(sea, sea.values("defector-summer")) for n in g.names]
    fishing = [n for g in assumption_groups(sea, sea.values("fishing-2017")) for n in g.names]
    assert "fishing_days" in fishing and "fishing_days" not in crossing
    assert "start_lon" not in crossing and "boat_length_m" == crossing[0]
    overland = load_by_id("overland")
    man = overland.values(None, {"female": 0, "with_child": 0})
    names = [n for g in assumption_groups(overland, man) for n in g.names]
    assert "traffick_broker_budget" not in names and "child_foot_factor" not in names


def test_a_group_naming_no_parameter_is_refused_with_the_file():
    sea = load_by_id("sea")
    raw = dict(sea.raw, model_page={"groups": [{"label": "X", "params": ["no_such_thing"]}]})
    broken = dataclasses.replace(sea, raw=raw)
    with pytest.raises(ModelPageError, match="scenario.toml.*no_such_thing"):
        assumption_groups(broken, sea.values())


def test_known_influence_orders_the_groups_and_their_members():
    sea = load_by_id("sea")
    values = sea.values("defector-summer")
    plain = assumption_groups(sea, values)
    influence = {"storm_rate_summer": 0.4, "wind_sd_ms": 0.1, "leak_per_day": 0.2, "boat_length_m": 0.05}
    ranked = assumption_groups(sea, values, influence)
    assert ranked[0].label == "Storms and wind" and ranked[0].names[:2] == ["storm_rate_summer", "wind_sd_ms"]
    assert ranked[1].label == "Waves and the hull" and ranked[1].names[0] == "leak_per_day"
    assert ranked[-1].label == plain[-1].label  # the automatic player's group stays last
    assert sorted(n for g in ranked for n in g.names) == sorted(n for g in plain for n in g.names)
