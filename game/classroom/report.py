"""The class's charts (SVG) and the printable report (one self-contained HTML
file: no scripts, no links out, opens offline in any browser). No pygame."""

from __future__ import annotations

import html
import time
from typing import Any

from ..i18n import N_, _
from .summary import GroupSummary

CLASS_COLOUR = "#2f6db3"
MODEL_COLOUR = "#9aa5b1"
PHASE_COLOUR = "#4d8f5b"


def esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def outcome_chart(g: GroupSummary, width: int = 640) -> str:
    """Per outcome: its name, then the class's share and the model's, each
    with its 95% interval (the line across the bar)."""
    bar_w, row_h = width - 70, 58
    height = 30 + row_h * len(g.rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">',
        f"<title>{esc(_('Outcomes: this class against the model'))}</title>",
        f'<rect x="0" y="6" width="12" height="12" fill="{CLASS_COLOUR}"/><text x="18" y="17" font-size="13">{esc(_("this class ({n})").format(n=g.n))}</text>',
        f'<rect x="220" y="6" width="12" height="12" fill="{MODEL_COLOUR}"/><text x="238" y="17" font-size="13">{esc(_("the model, replayed"))}</text>',
    ]
    for i, r in enumerate(g.rows):
        y = 28 + i * row_h
        parts.append(f'<text x="0" y="{y + 14}" font-size="14">{esc(_(r.label))}</text>')
        for j, (share, ci, colour) in enumerate(((r.class_share, r.class_ci, CLASS_COLOUR), (r.model_share, r.model_ci, MODEL_COLOUR))):
            by = y + 20 + j * 16
            parts.append(f'<rect x="0" y="{by}" width="{max(1.0, share * bar_w):.1f}" height="13" fill="{colour}"/>')
            lo, hi = ci[0] * bar_w, ci[1] * bar_w
            parts.append(f'<line x1="{lo:.1f}" y1="{by + 6.5}" x2="{hi:.1f}" y2="{by + 6.5}" stroke="#222" stroke-width="1.2"/>')
            parts.append(f'<text x="{bar_w + 8}" y="{by + 11}" font-size="12">{share * 100:.0f}%</text>')
    parts.append("</svg>")
    return "".join(parts)


PHASE_LABELS = {
    "lobby": N_("waiting"),
    "briefing": N_("briefing"),
    "playing": N_("playing"),
    "ended": N_("journey over"),
    "debrief": N_("debrief"),
}


def phase_label(phase: str) -> str:
    return _(PHASE_LABELS.get(phase, phase))


def progress_chart(roster: list[dict[str, Any]], width: int = 640) -> str:
    """Before the outcomes are revealed: how many are at each point of the journey."""
    phases = list(PHASE_LABELS)
    counts = {p: sum(1 for r in roster if r["phase"] == p) for p in phases}
    top = max(1, max(counts.values()))
    row_h, label_w = 30, 160
    height = 10 + row_h * len(phases)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">',
             f"<title>{esc(_('Where the class is'))}</title>"]
    for i, p in enumerate(phases):
        y = 6 + i * row_h
        w = (width - label_w - 60) * counts[p] / top
        parts.append(f'<text x="0" y="{y + 16}" font-size="14">{esc(phase_label(p))}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{max(1.0, w):.1f}" height="20" fill="{PHASE_COLOUR}"/>')
        parts.append(f'<text x="{label_w + w + 8:.1f}" y="{y + 15}" font-size="13">{counts[p]}</text>')
    parts.append("</svg>")
    return "".join(parts)


def where_text(row: dict[str, Any]) -> str:
    if row["phase"] != "playing":
        return phase_label(row["phase"])
    hours = float(row["hours"])
    if hours >= 24:
        return _("playing, day {n}").format(n=int(hours // 24) + 1)
    return _("playing, hour {n}").format(n=int(hours) + 1)


def minutes(seconds: float) -> str:
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


def roster_table(roster: list[dict[str, Any]], revealed: bool, outcome_labels: dict[str, str]) -> str:
    head = [_("Nickname"), _("Group"), _("Where"), _("Time"), _("Connected"), _("Outcome")]
    rows = ["<table class='roster'><thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in head) + "</tr></thead><tbody>"]
    for r in sorted(roster, key=lambda r: (r["group"], r["nickname"])):
        if not r["finished"]:
            outcome = ""
        elif not revealed:
            outcome = _("finished (hidden)")
        else:
            outcome = _(outcome_labels.get(r["outcome"], r["outcome"] or ""))
            if r["autoplayed"]:
                outcome += " " + _("(finished by the automatic player)")
        rows.append(
            "<tr>" + "".join(f"<td>{esc(c)}</td>" for c in (
                r["nickname"], r["group"], where_text(r), minutes(r["elapsed_s"]),
                _("yes") if r["connected"] else _("no"), outcome)) + "</tr>"
        )
    rows.append("</tbody></table>")
    return "".join(rows)


STYLE = """
body{font-family:system-ui,'Noto Sans',sans-serif;margin:24px;color:#1b1b1b;background:#fff}
h1{font-size:26px;margin:0 0 4px} h2{font-size:20px;margin:24px 0 6px}
table{border-collapse:collapse;margin:8px 0} th,td{border:1px solid #bbb;padding:4px 8px;text-align:left;font-size:14px}
th{background:#eef1f4} .dim{color:#555} .case{margin:6px 0 12px} svg text{font-family:inherit}
@media print{body{margin:10mm} h2{break-after:avoid} svg{break-inside:avoid}}
"""


def report_html(code: str, created: float, summaries: list[GroupSummary], roster: list[dict[str, Any]], sources: dict[str, list[str]]) -> str:
    """The printable report: outcomes per group beside the model, the roster,
    the record with its sources, and the questions."""
    labels = {row.outcome: row.label for g in summaries for row in g.rows}
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(created))
    out = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>{esc(_('Crossings: class report'))}</title><style>{STYLE}</style></head><body>",
        f"<h1>{esc(_('Crossings: class report'))}</h1>",
        f"<p class='dim'>{esc(_('Session {code}, {when}. Students appear by nickname only.').format(code=code, when=when))}</p>",
    ]
    for g in summaries:
        out.append(f"<h2>{esc(_('Group {name}: {title}, {conditions}').format(name=g.group.name, title=_(g.title), conditions=_(g.conditions)))}</h2>")
        note = _("{n} journeys, {a} of them played to their end by the automatic player. The model's bars are 1,000 journeys of the automatic player in the same conditions; the lines are 95% intervals.").format(n=g.n, a=g.autoplayed)
        out.append(f"<p class='dim'>{esc(note)}</p>")
        out.append(outcome_chart(g))
    if len(summaries) > 1:
        out.append(f"<h2>{esc(_('Group against group'))}</h2>")
        out.append(compare_table(summaries))
    out.append(f"<h2>{esc(_('The class'))}</h2>")
    out.append(roster_table(roster, True, labels))
    seen = set()
    for g in summaries:
        if g.group.scenario in seen:
            continue
        seen.add(g.group.scenario)
        out.append(f"<h2>{esc(_('What really happened: {title}').format(title=_(g.title)))}</h2>")
        for case in g.record.get("cases", []):
            out.append(f"<div class='case'><b>{esc(_(case.get('title', '')))}</b><br>{esc(_(case.get('text', '')))}")
            refs = list(dict.fromkeys(r for f in case.get("facts", []) if f in sources for r in sources[f]))
            if refs:
                out.append(f"<br><span class='dim'>{esc(_('Sources:'))} {esc('; '.join(refs))}</span>")
            out.append("</div>")
        if g.questions:
            out.append(f"<h2>{esc(_('Questions to talk about'))}</h2><ol>")
            out += [f"<li>{esc(_(q))}</li>" for q in g.questions]
            out.append("</ol>")
    out.append("</body></html>")
    return "".join(out)


def compare_table(summaries: list[GroupSummary]) -> str:
    outcomes = []
    for g in summaries:
        for r in g.rows:
            if r.label not in outcomes:
                outcomes.append(r.label)
    head = "<tr><th></th>" + "".join(f"<th>{esc(_('Group {name}').format(name=g.group.name))}</th>" for g in summaries) + "</tr>"
    body = []
    for label in outcomes:
        cells = []
        for g in summaries:
            r = next((r for r in g.rows if r.label == label), None)
            cells.append("" if r is None else f"{r.class_share * 100:.0f}% ({r.class_ci[0] * 100:.0f}-{r.class_ci[1] * 100:.0f}%) · {_('model')} {r.model_share * 100:.0f}%")
        body.append(f"<tr><td>{esc(_(label))}</td>" + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>")
    return "<table>" + head + "".join(body) + "</table>"
