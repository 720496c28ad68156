"""The play screens' help, as data: each scenario's ``[help]`` table, checked
and translated. No pygame: the scenario loader checks the table too, so a
broken one is named when the levels load, not when H is pressed."""

from __future__ import annotations

from .i18n import _


class HelpError(ValueError):
    """A ``[help]`` table that cannot be shown; the message names the file."""


HelpSections = list[tuple[str, list[tuple[str, str]]]]


def help_from_scenario(scenario) -> tuple[str, str, HelpSections]:
    """(title, close button's text, sections) from the scenario's ``[help]``
    table, translated. Each section is (heading, rows); a row is (keys, what
    they do), keys empty for a line of its own.

        [help]
        title = "Keys and controls"
        close = "Close"
        [[help.sections]]
        title = "Keyboard"
        rows = [{ label = "H or F1", text = "This help." }, { text = "A line of its own." }]
    """
    file = getattr(scenario, "file", scenario)
    return read_help(getattr(scenario, "raw", {}), file)


def read_help(data: dict, file) -> tuple[str, str, HelpSections]:
    """``help_from_scenario`` for a scenario file's parsed ``data``."""
    table = data.get("help")
    if not isinstance(table, dict):
        raise HelpError(f"{file}: no [help] table (the play screen's help overlay reads it)")
    title, close = table.get("title"), table.get("close", "Close")
    if not isinstance(title, str) or not isinstance(close, str):
        raise HelpError(f"{file}: [help] needs a text 'title' (and 'close', if given, is a text)")
    sections: HelpSections = []
    raw_sections = table.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        raise HelpError(f"{file}: [help] needs at least one [[help.sections]]")
    for i, sec in enumerate(raw_sections):
        where = f"{file}: [[help.sections]] number {i + 1}"
        if not isinstance(sec, dict) or not isinstance(sec.get("title"), str) or not isinstance(sec.get("rows"), list):
            raise HelpError(f"{where} needs a text 'title' and a list 'rows'")
        rows = []
        for j, row in enumerate(sec["rows"]):
            if not isinstance(row, dict) or not isinstance(row.get("text"), str) or not isinstance(row.get("label", ""), str):
                raise HelpError(f"{where}, row {j + 1}: needs a text 'text' (and 'label', if given, is a text)")
            label = row.get("label", "")
            rows.append((_(label) if label else "", _(row["text"])))
        sections.append((_(sec["title"]), rows))
    return _(title), _(close), sections
