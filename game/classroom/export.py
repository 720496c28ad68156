"""What the teacher takes home: a CSV of the results, the journey records as
JSON and the printable report, written atomically into the session's folder
(in the teacher's data folder). No pygame."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..settings import write_atomic
from .records import choices_in_short
from .report import report_html
from .summary import summarise

if TYPE_CHECKING:
    from .server import Host

CSV_COLUMNS = ("nickname", "group", "scenario", "preset", "conditions", "outcome", "finished_by_automatic_player",
               "duration_s", "journey_hours", "choices")


def csv_text(host: "Host") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for s in sorted((s for s in host.students.values() if not s.removed), key=lambda s: (s.group_id, s.nickname)):
        g = host.group(s.group_id)
        r = host.results.get(s.id)
        rec = r["record"] if r else {}
        w.writerow([
            s.nickname, g.name, g.scenario, g.preset,
            "; ".join(f"{k}={v:g}" for k, v in sorted(g.overrides.items())),
            rec.get("outcome") or "",
            ("yes" if rec.get("autoplayed") else "no") if r else "",
            f"{rec.get('duration_s', s.elapsed):.0f}",
            f"{rec['hours']:.1f}" if r else "",
            _safe(choices_in_short(rec)) if r else "",
        ])
    return buf.getvalue()


def _safe(text: str) -> str:
    # A spreadsheet runs a cell that starts with = + - @ as a formula.
    return "'" + text if text[:1] in "=+-@" else text


def journeys_json(host: "Host") -> str:
    out = []
    for sid, r in host.results.items():
        s = host.students.get(sid)
        if s is None or s.removed:
            continue
        out.append({"nickname": s.nickname, "group": host.group(s.group_id).name, "result_id": r["result_id"], "journey": r["record"]})
    return json.dumps({"format": "crossings-class-journeys", "version": 1, "code": host.code, "journeys": out}, indent=1)


def sources_by_fact() -> dict[str, list[str]]:
    from ..facts import load_registry

    try:
        registry = load_registry()
    except Exception:  # the report still has the numbers without its sources
        return {}
    return {f.id: [f"{s.outlet}, {s.title}" for s in f.sources] for f in registry}


def snapshot(host: "Host") -> dict[str, Any]:
    """What the exports need, read at one moment (cheap; on the host's loop)."""
    return {
        "folder": host.store.folder,
        "csv": csv_text(host),
        "json": journeys_json(host),
        "code": host.code,
        "created": host.store.get("created", 0.0),
        "groups": list(host.groups),
        "outcomes": host.outcomes_by_group(),
        "roster": host.roster(),
    }


def write(snap: dict[str, Any], folder: Path | None = None) -> dict[str, Path]:
    """Write results.csv, journeys.json and report.html (the report replays
    each group's conditions: done off the host's loop); returns their paths."""
    folder = folder or snap["folder"]
    folder.mkdir(parents=True, exist_ok=True)
    summaries = summarise(snap["groups"], snap["outcomes"])
    files = {
        "results.csv": snap["csv"],
        "journeys.json": snap["json"],
        "report.html": report_html(snap["code"], snap["created"], summaries, snap["roster"], sources_by_fact()),
    }
    paths = {}
    for name, text in files.items():
        write_atomic(folder / name, text)
        paths[name] = folder / name
    return paths


def export(host: "Host", folder: Path | None = None) -> dict[str, Path]:
    """Both steps at once (when already on the host's loop, or in a test)."""
    return write(snapshot(host), folder)


def export_from(thread) -> dict[str, Path]:
    """From the game's or the console's thread: read on the host's loop, write here."""
    return write(thread.run(snapshot, thread.host))
