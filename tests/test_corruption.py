"""Each kind of broken level file through `play --headless`, `simulate` and `facts`.

A copy of the levels folder is broken in one way (CROSSINGS_LEVELS_DIR points
the whole program at it). Every entry point either works (the breakage is not
its business) or says which file is wrong and why, in a line or on the "could
not start" card: never a traceback.
"""

from __future__ import annotations

import os
import shutil

import pytest

from game.cli import main
from game.paths import levels_dir


def _append(path, data: bytes):
    with open(path, "ab") as fh:
        fh.write(data)


def _edit(path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _set_value(path, parameter: str, value: str):
    text = path.read_text(encoding="utf-8")
    at = text.index("value = ", text.index(f"[parameters.{parameter}]"))
    path.write_text(text[:at] + f"value = {value}" + text[text.index("\n", at):], encoding="utf-8")


def _fifo(path):
    path.unlink()
    os.mkfifo(path)


def _flip(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


# kind: (scenario played, breakage, file named, reason, which entry points must refuse it)
# S = simulate, F = facts (listing), C = facts --check, P = play --scenario (at start),
# B = play, on Begin (the "could not start" card)
KINDS = {
    "scenario not UTF-8": ("sea", lambda L: _append(L / "sea/scenario.toml", b"\xe9"), "sea/scenario.toml", "not UTF-8", "SCP"),
    "scenario not TOML": ("fog", lambda L: _append(L / "fog/scenario.toml", b"\n[[[\n"), "fog/scenario.toml", "not valid TOML", "SCP"),
    "scenario nan": ("fog", lambda L: _set_value(L / "fog/scenario.toml", "sight_rate_per_min", "nan"), "fog/scenario.toml", "finite", "SCP"),
    "scenario inf max": ("jsa", lambda L: _edit(L / "jsa/scenario.toml", "max = ", "max = inf #"), "jsa/scenario.toml", "finite", "SCP"),
    "scenario a pipe": ("jsa", lambda L: _fifo(L / "jsa/scenario.toml"), "jsa/scenario.toml", "pipe", "SCP"),
    "unknown model": ("jsa", lambda L: _edit(L / "jsa/scenario.toml", 'model = "jsa"', 'model = "jsa2"'), "jsa/scenario.toml", "field 'model'", "SB"),
    "unknown screen": ("jsa", lambda L: _edit(L / "jsa/scenario.toml", 'screen = "jsa"', 'screen = "jsa2"'), "jsa/scenario.toml", "field 'screen'", "B"),
    "facts not UTF-8": ("fog", lambda L: _append(L / "fog/facts.toml", b"\xff"), "fog/facts.toml", "not UTF-8", "FC"),
    "general facts not TOML": ("fog", lambda L: _append(L / "facts.toml", b"\n[[[\n"), "levels/facts.toml", "not valid TOML", "FC"),
    "facts inf": ("fog", lambda L: _edit(L / "fog/facts.toml", "value = ", "value = inf #"), "fog/facts.toml", "finite", "FC"),
    "map cut short": ("fog", lambda L: (L / "fog/map.tmx").write_bytes((L / "fog/map.tmx").read_bytes()[:3000]), "fog/map.tmx", "XML error", "SB"),
    "tiles.png missing": ("sea", lambda L: (L / "sea/tiles.png").unlink(), "sea/tiles.png", "missing", "SB"),
    "tiles.png damaged": ("jsa", lambda L: _flip(L / "jsa/tiles.png"), "jsa/tiles.png", "damaged", "SB"),
    "tile past the tileset": ("fog", lambda L: _edit(L / "fog/map.tmx", "\n4,4,4,4", "\n999,4,4,4"), "fog/map.tmx", "in no tileset", "SB"),
    "tile negative": ("fog", lambda L: _edit(L / "fog/map.tmx", "\n4,4,4,4", "\n-7,4,4,4"), "fog/map.tmx", "in no tileset", "SB"),
    "tilewidth 0": ("sea", lambda L: _edit(L / "sea/map.tmx", 'tilewidth="16"', 'tilewidth="0"'), "sea/map.tmx", "tilewidth", "SB"),
    "infinite map": ("overland", lambda L: _edit(L / "overland/map.tmx", 'infinite="0"', 'infinite="1"'), "overland/map.tmx", "infinite", "SB"),
    "sea map without lon_west": ("sea", lambda L: _edit(L / "sea/map.tmx", 'name="lon_west"', 'name="lon_west_"'), "sea/map.tmx", "'lon_west' is missing", "SB"),
    "overland route off the map": ("overland", lambda L: _edit(L / "overland/map.tmx", 'name="yanji"', 'name="yanji2"'), "overland/map.tmx", "'yanji' is not on the map", "SB"),
}


@pytest.fixture
def broken(request, tmp_path, monkeypatch):
    root = tmp_path / "levels"
    shutil.copytree(levels_dir(), root)
    sid, breakage, file, reason, refusers = KINDS[request.param]
    breakage(root)
    monkeypatch.setenv("CROSSINGS_LEVELS_DIR", str(root))
    return sid, file, reason, refusers


def _run(capsys, *argv):
    code = main(list(argv))  # an exception here is the traceback a person would see
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


def _named(text, file, reason):
    assert file in text and reason in text, text


@pytest.mark.parametrize("broken", sorted(KINDS), indirect=True)
def test_command_line(broken, capsys):
    sid, file, reason, refusers = broken
    code, text = _run(capsys, "simulate", sid, "--runs", "3")
    if "S" in refusers:
        assert code == 2 and len(text.strip().splitlines()) == 1
        _named(text, file, reason)
    else:
        assert code == 0, text

    code, text = _run(capsys, "facts")
    if "F" in refusers:
        assert code == 1
        _named(text, file, reason)
    else:
        assert code == 0, text[-500:]

    code, text = _run(capsys, "facts", "--check")
    if "C" in refusers:
        assert code == 1
        _named(text, file, reason)

    code, text = _run(capsys, "play", "--headless", "--frames", "3", "--scenario", sid)
    if "P" in refusers:
        assert code == 2 and len(text.strip().splitlines()) == 1
        _named(text, file, reason)
    else:
        assert code == 0, text


@pytest.mark.parametrize("broken", sorted(k for k, v in KINDS.items() if "B" in v[4] or "F" in v[4]), indirect=True)
def test_in_the_game(broken):
    """The card on Begin for a broken map or model; Sources and figures names a broken facts file."""
    from apphelp import make_app
    from game.scenes.base import ConfirmScene
    from game.scenes.facts_view import FactsScene
    from game.scenes.intro import IntroScene

    sid, file, reason, refusers = broken
    app = make_app(scenario=sid)
    assert isinstance(app.top, IntroScene)
    if "B" in refusers:
        app.top.begin()
        assert isinstance(app.top, ConfirmScene)
        _named(app.top.detail, file, reason)
    if "F" in refusers:
        app.push(FactsScene(app))
        app.top.relayout()
        texts = " ".join(getattr(w, "text", "") or "" for w in app.top.form.widgets)
        _named(texts, file, reason)


def test_a_toml_file_read_again_is_a_fresh_copy_and_an_edit_is_read(tmp_path):
    """read_toml keeps what a text parsed to (scenarios are read again by every
    screen that lists them): each reader gets its own copy, an edited file is
    parsed again, and a broken one still gives its reason every time."""
    from game.safeio import UnreadableFile, read_toml

    f = tmp_path / "scenario.toml"
    f.write_text('[parameters.a]\nvalue = 1.5\nnote = "x"\n', encoding="utf-8")
    first = read_toml(f)
    first["parameters"]["a"]["value"] = 99.0  # a caller changing what it got
    assert read_toml(f) == {"parameters": {"a": {"value": 1.5, "note": "x"}}}
    f.write_text('[parameters.a]\nvalue = 2.5\nnote = "x"\n', encoding="utf-8")  # same size, edited
    assert read_toml(f)["parameters"]["a"]["value"] == 2.5
    f.write_text("[parameters.a\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(UnreadableFile, match="not valid TOML"):
            read_toml(f)
