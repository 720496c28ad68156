"""``crossings simulate SCENARIO --sensitivity``: which assumptions move the outcome most.

The table the debrief's tornado chart draws: each parameter at the low and
high end of its range (game.sim.sensitivity), the same choices, seed and
number of travellers, largest change first. ``--json`` gives every outcome's
share at both ends.
"""

from __future__ import annotations

import json

from .i18n import _

DEFAULT_RUNS = 200  # each parameter costs two runs: coarse, but enough to rank them


def report_json(sens) -> str:
    return json.dumps(sens.to_dict(), sort_keys=True, indent=2, ensure_ascii=False)


def report_text(scenario, sens, choices: str | None, limit: int | None = None) -> str:
    from .simulate_cmd import _number, _outcome_label, _percent, _preset_name, _table

    focus = sens.focus
    i = sens.outcomes.index(focus)
    lines = [
        _("{title}: which assumptions move the outcome most").format(title=_(scenario.title)),
        _("Preset: {preset}").format(preset=_preset_name(scenario, sens.preset)),
        _("Choices: recorded in {file}").format(file=choices) if choices else _("Choices: the automatic player"),
        _("Each parameter at the low and the high end of its range, the others as they are; {runs} runs each, seed {seed}.").format(
            runs=f"{sens.n:,}", seed=sens.seed),
        _("'{outcome}' is {share} with the values as they are.").format(
            outcome=_outcome_label(scenario, focus), share=_percent(sens.base_shares[i])),
        "",
    ]
    rows = [[_("Parameter"), _("Low"), _("High"), _("At low"), _("At high"), _("Change"), _("Largest change"), _("Source")]]
    ranked = sens.ranked(focus)
    refused = []
    for s in ranked[:limit] if limit else ranked:
        if not s.runnable:
            rows.append([s.name, _number(s.low), _number(s.high), "-", "-", "-", _("not runnable (below)"), s.source])
            refused.append(f"  {s.name}: {s.problem}")
            continue
        j = max(range(len(sens.outcomes)), key=lambda k: abs(s.change(k)))
        biggest = f"{_outcome_label(scenario, sens.outcomes[j])} {100 * s.change(j):+.1f}" if s.spread > 0 else _("none")
        rows.append([s.name, _number(s.low), _number(s.high), _percent(s.low_shares[i]), _percent(s.high_shares[i]),
                     f"{100 * s.change(i):+.1f}", biggest, s.source])
    lines += ["  " + line for line in _table(rows, {1, 2, 3, 4, 5})]
    if refused:
        lines += ["", _("The model refuses these values:")] + refused
    return "\n".join(lines)
