"""Every string a person reads speaks to a reader: no fact ids, no unit codes,
no word of the project's own workings (issue 11 item 3)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.extract import extract_from_dir

from game.citations import readable
from game.facts import load_registry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

INTERNAL = re.compile(r"\b(the project|the brief|our first source|fact id|msgid|TODO|FIXME)\b|docs/|crossings calibrate", re.I)
UNIT_CODES = re.compile(r"\d\s*(ln|0-1)\b|\b0-1\b")


def player_strings() -> list[tuple[str, str]]:
    """(text, where) for the code's messages and the levels' shown texts."""
    import update_translations

    out = list(update_translations.data_strings())
    keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
    for filename, lineno, message, _c, _ctx in extract_from_dir(str(ROOT / "game"), method_map=[("**.py", "python")],
                                                                keywords=keywords):
        for text in (message if isinstance(message, tuple) else (message,)):
            out.append((text, f"game/{filename}:{lineno}"))
    return out


def test_no_fact_ids_internal_words_or_unit_codes():
    ids = {f.id for f in load_registry().all}
    id_re = re.compile(r"(?<![\w.])(" + "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True)) + r")(?![\w])") if ids else None
    registry = load_registry()
    bad = []
    for text, where in player_strings():
        text = readable(text, registry)  # what the screens show: ids become their sources' names
        # A command's --help speaks to staff at a terminal, who may open the docs.
        if INTERNAL.search(text) and not ("cli.py:" in where and INTERNAL.search(text).group(0) == "docs/"):
            bad.append((where, INTERNAL.search(text).group(0), text[:90]))
        if UNIT_CODES.search(text):
            bad.append((where, UNIT_CODES.search(text).group(0), text[:90]))
        if id_re is not None and id_re.search(text):
            bad.append((where, id_re.search(text).group(0), text[:90]))
    assert not bad, "\n".join(map(str, bad))


def test_reviewer_pointers_are_left_out():
    """Notes pointed reviewers to "(docs/model.md)" and "(crossings calibrate)";
    the model page showed them to students."""
    text = readable("It hardly depends on this (docs/model.md). Pinned down most (crossings calibrate): at 0.", None)
    assert text == "It hardly depends on this. Pinned down most: at 0."
    assert readable("The shortest documented; see docs/model.md.", None) == "The shortest documented."


def test_two_ids_of_one_outlet_name_it_once():
    from game.citations import _default_registry

    text = readable("7 m and 20 m long (sea.oga_26nov_2017, sea.akita_23nov_2017).", _default_registry())
    assert "(Asahi Shimbun)" in text


def test_parameter_labels_and_notes_show_no_code_names():
    """The model page showed "Checks and raids from crackdown_from_year, times
    before" and notes naming body_loss_per_day: code names, not words."""
    from game.citations import name_parameters
    from game.levels import load_all

    registry = load_registry()
    bad = []
    for sc in load_all():
        code = re.compile(r"(?<![\w.])(" + "|".join(re.escape(n) for n in sc.parameters if "_" in n) + r")(?![\w])")
        for name, p in sc.parameters.items():
            for text in (p.label, p.note or ""):
                shown = name_parameters(readable(text, registry), sc.parameters)
                if code.search(shown):
                    bad.append((sc.id, name, code.search(shown).group(0)))
    assert not bad, bad
    params = {"cold_hazard": type("P", (), {"label": "Cold"})()}
    assert name_parameters("tuned with cold_hazard, not cold_hazard_x", params) == "tuned with “Cold”, not cold_hazard_x"
