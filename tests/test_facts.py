"""The fact registry: loading, error messages, cross-checks, the `facts` command."""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path

import pytest

from game import facts_cmd
from game.facts import FactsError, Registry, check, load_and_check, load_file, load_registry
from game.levels import load_scenario

GOOD = """
[[fact]]
id = "sea.boats"
statement = "Boats found in a year."
value = 104
unit = "boats"
year = 2017
status = "documented"
[[fact.sources]]
outlet = "NHK"
title = "The count"
url = "https://example.org/count"

[[fact]]
id = "sea.range"
statement = "A range of people."
values = [100000, 300000]
unit = "people"
status = "estimate"
[[fact.sources]]
outlet = "Someone"
title = "An estimate"

[[fact]]
id = "sea.guess"
statement = "A guess with no source."
status = "assumption"
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def fact(fid: str, status: str = "documented", sources: int = 1, says: bool = True) -> str:
    text = f'\n[[fact]]\nid = "{fid}"\nstatement = "Statement of {fid}."\nstatus = "{status}"\n'
    for i in range(sources):
        text += f'[[fact.sources]]\noutlet = "Outlet {i}"\ntitle = "Story {i}"\n'
        if says:
            text += f'says = "figure {i}"\n'
    return text


def scenario(root: Path, sid: str, param_source: str = "assumption", record: list[str] = (),
             case: list[str] = ()):
    """A minimal scenario.toml that names facts the three ways a scenario can."""
    lines = [
        f'id = "{sid}"', 'title = "T"', 'summary = "S"', 'model = "m"', 'content_note = "C"',
        'briefing = ["B"]',
        "[parameters.p]", "value = 1", f'source = "{param_source}"', 'label = "P"',
        "[record]", f"facts = {list(record)!r}".replace("'", '"'),
        "[[record.cases]]", 'title = "Case"', 'text = "What happened."',
        f"facts = {list(case)!r}".replace("'", '"'),
    ]
    write(root / sid / "scenario.toml", "\n".join(lines) + "\n")
    return load_scenario(root / sid)


# ---------------------------------------------------------------- loading


def test_loads_good_registry_in_stable_order(tmp_path):
    write(tmp_path / "facts.toml", GOOD)
    write(tmp_path / "sea" / "facts.toml", fact("sea.extra"))
    write(tmp_path / "dmz" / "facts.toml", fact("dmz.fog"))
    reg = load_registry(tmp_path)
    # General file first, then scenario folders by name, each as written.
    assert [f.id for f in reg] == ["sea.boats", "sea.range", "sea.guess", "dmz.fog", "sea.extra"]
    assert len(reg) == 5 and "sea.boats" in reg and "nope" not in reg
    boats = reg.get("sea.boats")
    assert boats.value == 104 and boats.year == 2017 and boats.unit == "boats"
    assert boats.sources[0].outlet == "NHK" and boats.sources[0].url == "https://example.org/count"
    assert boats.file == tmp_path / "facts.toml"
    assert reg.get("sea.range").values == (100000.0, 300000.0)
    assert reg.get("sea.guess").sources == ()
    with pytest.raises(KeyError):
        reg.get("nope")


def test_by_prefix_and_display_value(tmp_path):
    write(tmp_path / "facts.toml", GOOD + fact("seaside.x") + fact("dmz.y"))
    reg = load_registry(tmp_path)
    assert [f.id for f in reg.by_prefix("sea")] == ["sea.boats", "sea.range", "sea.guess"]
    assert [f.id for f in reg.by_prefix("sea.")] == ["sea.boats", "sea.range", "sea.guess"]
    assert [f.id for f in reg.by_prefix("sea.r")] == ["sea.range"]
    assert reg.display_value(reg.get("sea.boats")) == "104 boats"
    assert reg.display_value(reg.get("sea.range")) == "100,000-300,000 people"
    assert reg.display_value(reg.get("sea.guess")) == ""


def test_display_value_fractions_and_percent(tmp_path):
    write(tmp_path / "facts.toml", """
        [[fact]]
        id = "a.pct"
        statement = "Share."
        value = 83
        unit = "%"
        status = "assumption"
        [[fact]]
        id = "a.frac"
        statement = "Fraction."
        value = 0.16
        status = "assumption"
    """)
    reg = load_registry(tmp_path)
    assert reg.display_value(reg.get("a.pct")) == "83%"
    assert reg.display_value(reg.get("a.frac")) == "0.16"


@pytest.mark.parametrize("text, expected", [
    ("[[fact]\nid = ", "not valid TOML"),
    ('[[fact]]\nstatement = "x"\nstatus = "documented"\n', "fact #2: field 'id' is missing"),
    ('[[fact]]\nid = "a.b"\nstatus = "documented"\n', "fact #2 ('a.b'): field 'statement' is missing"),
    ('[[fact]]\nid = "a.b"\nstatement = "x"\n', "field 'status' is missing"),
    ('[[fact]]\nid = "a.b"\nstatement = "x"\nstatus = "rumour"\n', "field 'status' is 'rumour'"),
    ('[[fact]]\nid = "a.b"\nstatement = "x"\nstatus = "estimate"\nvalue = "lots"\n',
     "field 'value' must be a number, not text"),
    ('[[fact]]\nid = "a.b"\nstatement = "x"\nstatus = "estimate"\nvalues = [3]\n', "field 'values' must be a range"),
    ('[[fact]]\nid = "a.b"\nstatement = "x"\nstatus = "estimate"\nvalues = [5, 1]\n', "low end must come first"),
    ('[[fact]]\nid = "a.b"\nstatement = "x"\nstatus = "estimate"\nyear = 2017.5\n', "field 'year' must be a whole"),
    ('[[fact]]\nid = "a.b"\nstatement = "x"\nstatus = "estimate"\nsource = "NHK"\n',
     "field 'source' is not a known field"),
    ('[[fact]]\nid = "nodot"\nstatement = "x"\nstatus = "estimate"\n', "field 'id' 'nodot' must look like"),
    ('[[facts]]\nid = "a.b"\n', "'facts' is not known here"),
])
def test_broken_file_names_file_fact_and_field(tmp_path, text, expected):
    # A good fact first, so the broken one is #2 and the index is checked too.
    file = write(tmp_path / "facts.toml", fact("ok.first") + "\n" + text)
    with pytest.raises(FactsError) as err:
        load_registry(tmp_path)
    message = str(err.value)
    assert str(file) in message and expected in message
    assert "\n" not in message


def test_broken_source_names_its_index(tmp_path):
    write(tmp_path / "dmz" / "facts.toml", fact("dmz.a") + fact("dmz.b", sources=2).replace('outlet = "Outlet 1"\n', ""))
    with pytest.raises(FactsError, match=r"dmz/facts\.toml: fact #2 \('dmz\.b'\): field 'sources\[2\]\.outlet' is missing"):
        load_registry(tmp_path)


def test_missing_levels_folder(tmp_path):
    with pytest.raises(FactsError, match="does not exist"):
        load_registry(tmp_path / "nowhere")


# ---------------------------------------------------------------- check()


def test_check_clean(tmp_path):
    write(tmp_path / "facts.toml", fact("g.one") + fact("g.two", "conflicting", sources=2))
    write(tmp_path / "sea" / "facts.toml", fact("sea.three") + fact("sea.guess", "assumption", sources=0))
    sc = scenario(tmp_path, "sea", param_source="sea.guess", record=["g.one", "g.two"], case=["sea.three"])
    assert sc.fact_refs() == {"sea.guess", "g.one", "g.two", "sea.three"}
    assert check(load_registry(tmp_path), [sc]) == []


def test_check_finds_duplicate_in_two_files(tmp_path):
    general = write(tmp_path / "facts.toml", fact("sea.dup"))
    local = write(tmp_path / "sea" / "facts.toml", fact("sea.dup"))
    reg = load_registry(tmp_path)
    assert len(reg) == 1 and len(reg.all) == 2
    problems = check(reg, [scenario(tmp_path, "sea", record=["sea.dup"])])
    assert len(problems) == 1
    assert "'sea.dup' is defined more than once" in problems[0]
    assert str(general) in problems[0] and str(local) in problems[0]


def test_check_finds_missing_and_too_few_sources(tmp_path):
    write(tmp_path / "facts.toml",
          fact("g.bare", sources=0) + fact("g.guess", "assumption", sources=0)
          + fact("g.clash", "conflicting", sources=1) + fact("g.mute", "conflicting", sources=2, says=False))
    sc = scenario(tmp_path, "s", record=["g.bare", "g.guess", "g.clash", "g.mute"])
    problems = check(load_registry(tmp_path), [sc])
    assert any("'g.bare' has no source" in p for p in problems)
    assert not any("g.guess" in p for p in problems)  # an assumption may have none
    assert any("'g.clash' is 'conflicting' but cites 1 source" in p for p in problems)
    assert any("'g.mute'" in p and "needs 'says'" in p for p in problems)
    assert len(problems) == 4  # two sources of g.mute lack 'says'


def test_check_finds_unknown_reference_naming_the_scenario(tmp_path):
    write(tmp_path / "facts.toml", fact("g.one"))
    sc = scenario(tmp_path, "jsa", param_source="g.missing", record=["g.one"], case=["g.gone"])
    problems = check(load_registry(tmp_path), [sc])
    assert problems == [
        f"{tmp_path / 'jsa' / 'scenario.toml'}: names fact 'g.gone', which is not in the registry",
        f"{tmp_path / 'jsa' / 'scenario.toml'}: names fact 'g.missing', which is not in the registry",
    ]


def test_check_finds_unused_fact(tmp_path):
    write(tmp_path / "facts.toml", fact("g.used") + fact("g.idle"))
    sc = scenario(tmp_path, "s", record=["g.used"])
    problems = check(load_registry(tmp_path), [sc])
    assert problems == [f"{tmp_path / 'facts.toml'}: fact 'g.idle' is used by no scenario"]
    assert check(load_registry(tmp_path), [sc], report_unused=False) == []


def test_load_and_check_turns_broken_files_into_problems(tmp_path):
    write(tmp_path / "facts.toml", "[[fact]\n")
    registry, scenarios, problems = load_and_check(tmp_path)
    assert len(registry) == 0 and len(problems) == 1 and "not valid TOML" in problems[0]

    write(tmp_path / "facts.toml", fact("g.one"))
    scenario(tmp_path, "good", record=["g.one"])
    write(tmp_path / "bad" / "scenario.toml", 'id = "bad"\n')
    registry, scenarios, problems = load_and_check(tmp_path)
    assert [s.id for s in scenarios] == ["good"]
    # Only the broken scenario is reported: its facts would look unused otherwise.
    assert len(problems) == 1 and "bad/scenario.toml" in problems[0] and "'title' is missing" in problems[0]


# ---------------------------------------------------------------- the command


def run_cmd(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="crossings")
    facts_cmd.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(list(argv))
    return args.func(args)


def test_cmd_lists_by_section(tmp_path, capsys):
    write(tmp_path / "facts.toml", GOOD)
    write(tmp_path / "dmz" / "facts.toml", fact("dmz.fog"))
    assert run_cmd("facts", "--levels", str(tmp_path)) == 0
    out = capsys.readouterr().out
    assert out.index("== sea (3) ==") < out.index("== dmz (1) ==")
    assert "sea.boats  [documented]" in out and "Boats found in a year." in out
    assert "value: 104 boats (2017)" in out
    assert "source: NHK <https://example.org/count>" in out
    assert "value: 100,000-300,000 people" in out


def test_cmd_check_all_good(tmp_path, capsys):
    write(tmp_path / "facts.toml", fact("g.one") + fact("g.two"))
    scenario(tmp_path, "a", record=["g.one"])
    scenario(tmp_path, "b", param_source="g.two")
    assert run_cmd("facts", "--check", "--levels", str(tmp_path)) == 0
    assert capsys.readouterr().out.strip() == "facts: 2 facts, 2 scenarios, all good"


def test_cmd_check_reports_problems(tmp_path, capsys):
    write(tmp_path / "facts.toml", fact("g.one") + fact("g.idle"))
    scenario(tmp_path, "a", record=["g.one", "g.nowhere"])
    assert run_cmd("facts", "--check", "--levels", str(tmp_path)) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    assert "names fact 'g.nowhere'" in lines[0] and "'g.idle' is used by no scenario" in lines[1]


def test_cmd_broken_file_is_one_line_not_a_traceback(tmp_path, capsys):
    bad = write(tmp_path / "sea" / "facts.toml", '[[fact]]\nid = "sea.x"\nstatement = "x"\nstatus = "maybe"\n')
    assert run_cmd("facts", "--levels", str(tmp_path)) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(bad) in err and "status" in err
    assert run_cmd("facts", "--check", "--levels", str(tmp_path)) == 1
    out = capsys.readouterr().out.strip()
    assert len(out.splitlines()) == 1 and str(bad) in out


# ---------------------------------------------------------------- the real registry


BRIEF_IDS = {"brief.dmz_2017", "brief.fog_2017", "brief.jsa_2017", "brief.access", "brief.total",
             "brief.russia", "brief.china", "brief.routes", "brief.japan", "brief.akita", "brief.boats_2017"}


def test_real_registry_loads_with_sources_and_no_duplicates():
    reg = load_registry()
    ids = [f.id for f in reg.all]
    assert len(ids) == len(set(ids))
    assert BRIEF_IDS <= set(ids)
    assert {f.id for f in load_file(reg.files[0])} == BRIEF_IDS  # levels/facts.toml holds exactly these
    for f in reg:
        assert f.sources or f.status == "assumption", f.id
        if f.status == "conflicting":
            assert len(f.sources) >= 2 and all(s.says for s in f.sources), f.id
    # Problems other than "used by no scenario" (there are no scenarios yet).
    assert [p for p in check(reg, []) if "used by no scenario" not in p] == []
