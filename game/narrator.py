"""The narrator: turns a model's events into words, for all four journeys.

A model emits event codes while it steps (``State.emit``; the codes are its
``event_codes``). The sentences live in the scenario's ``[events]`` table
(levels/<id>/scenario.toml), one table per code:

    [events.fence_reached]
    text = "A fence of wire ... blocks the way."   # a msgid, translated when shown
    mark = "fence"      # what the map draws where it happened (optional)
    tone = "bad"        # "good" or "bad": a sound, a colour (optional)
    pause = true        # the game stops for the news (optional)
    ends = true         # an event that ends the journey (optional)
    [[events.fence_reached.variants]]
    when = { with_child = 1 }   # a parameter, a detail of the event, or gentle
    text = "..."                # replaces the text when all of ``when`` match

A ``when`` value is a number or ``[least, most]``. ``{name}`` in a text is
filled from the event's details (a place index is named through ``names``).
The play screens use it for captions and the journal, the debrief for the
story of the journey; no pygame here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from .i18n import _


class EventTableError(ValueError):
    """An ``[events]`` table that cannot be used; the message names the file."""


@dataclass(frozen=True)
class EventText:
    code: str
    text: str
    mark: str = ""
    tone: str = ""
    pause: bool = False
    ends: bool = False
    variants: tuple[tuple[dict[str, Any], str], ...] = ()


@dataclass
class Line:
    """One told event: when, what code, the words, and where it happened."""

    step: int
    code: str
    text: str
    entry: EventText
    x: float | None = None
    y: float | None = None
    details: dict[str, Any] = field(default_factory=dict)


def read_events(raw: Mapping[str, Any], where: str = "scenario.toml") -> dict[str, EventText]:
    """The ``[events]`` table of a scenario's raw TOML, checked."""
    table = raw.get("events", {})
    if not isinstance(table, dict):
        raise EventTableError(f"{where}: field 'events' must be a table")
    out = {}
    for code, data in table.items():
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise EventTableError(f"{where}: field 'events.{code}' needs a 'text'")
        variants = []
        for i, v in enumerate(data.get("variants", [])):
            if not isinstance(v, dict) or not isinstance(v.get("when"), dict) or not isinstance(v.get("text"), str):
                raise EventTableError(f"{where}: field 'events.{code}.variants[{i}]' needs 'when' (a table) and 'text'")
            variants.append((dict(v["when"]), v["text"]))
        tone = data.get("tone", "")
        if tone not in ("", "good", "bad"):
            raise EventTableError(f"{where}: field 'events.{code}.tone' must be \"good\" or \"bad\", not '{tone}'")
        out[code] = EventText(code, data["text"], str(data.get("mark", "")), tone, bool(data.get("pause", False)),
                              bool(data.get("ends", False)), tuple(variants))
    return out


def _matches(when: Mapping[str, Any], context: Mapping[str, Any]) -> bool:
    for key, want in when.items():
        have = context.get(key)
        if have is None:
            return False
        if isinstance(want, list):
            if not (want[0] <= float(have) <= want[1]):
                return False
        elif float(have) != float(want):
            return False
    return True


class Narrator:
    """Words for one scenario's events.

    ``values`` are the journey's parameter values (variants may depend on
    them, e.g. the overland profile); ``names`` maps a detail to the msgids it
    indexes (overland: ``{"place": [labels...]}``); ``gentle`` asks for the
    softened words where gunfire is told (the settings' choice).
    """

    def __init__(self, scenario, values: Mapping[str, float] | None = None,
                 names: Mapping[str, Sequence[str]] | None = None, gentle: bool = False):
        self.scenario = scenario
        self.table = read_events(scenario.raw, str(scenario.file))
        self.values = dict(values or {})
        self.names = dict(names or {})
        self.gentle = gentle

    def entry(self, code: str) -> EventText:
        return self.table.get(code) or EventText(code, "")

    def text(self, event: Mapping[str, Any]) -> str:
        """The translated sentence for one event ``{"step", "code", ...details}``."""
        entry = self.entry(event["code"])
        details = {k: v for k, v in event.items() if k not in ("step", "code", "x", "y")}
        context = {**self.values, **details, "gentle": 1 if self.gentle else 0}
        msgid = entry.text
        for when, text in entry.variants:
            if _matches(when, context):
                msgid = text
                break
        if not msgid:
            return ""
        fill = {}
        for key, value in details.items():
            if key in self.names:
                labels = self.names[key]
                fill[key] = _(labels[int(value)]) if 0 <= int(value) < len(labels) else ""
            elif isinstance(value, float) and value.is_integer():
                fill[key] = int(value)
            else:
                fill[key] = value
        try:
            return _(msgid).format(**fill)
        except (KeyError, IndexError, ValueError):
            return _(msgid)  # a translation that names a detail the event lacks: the words without it

    def lines(self, events: Iterable[Mapping[str, Any]]) -> list[Line]:
        out = []
        for ev in events:
            text = self.text(ev)
            if text:
                details = {k: v for k, v in ev.items() if k not in ("step", "code", "x", "y")}
                out.append(Line(int(ev["step"]), ev["code"], text, self.entry(ev["code"]), ev.get("x"), ev.get("y"), details))
        return out

    def ending(self, events: Sequence[Mapping[str, Any]]) -> list[Line]:
        """What ended the journey and why: the event that ended it, and before
        it the last bad news that led there (if it was not the same)."""
        told = self.lines(events)
        end = next((i for i in range(len(told) - 1, -1, -1) if told[i].entry.ends), None)
        if end is None:
            return []
        # every ending told in that step (cover reached, then pulled out)
        step = told[end].step
        first = min(i for i, t in enumerate(told) if t.step == step and t.entry.ends)
        out = [t for t in told[first:end + 1] if t.entry.ends]
        for line in reversed(told[:first] if told[end].entry.tone != "good" else []):
            if line.entry.tone == "bad":
                out.insert(0, line)
                break
        return out

    def marks(self, events: Iterable[Mapping[str, Any]]) -> list[Line]:
        """The events the map shows, with a position."""
        return [line for line in self.lines(events) if line.entry.mark and line.x is not None]
