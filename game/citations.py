"""Fact ids in a shown text become the names of their sources.

Notes in levels/*.toml cite the registry by id ("(overland.fee_2007)") so
that a reviewer can check them; a reader sees the outlet instead ("(Daily
NK)"). No pygame here.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ID = re.compile(r"(?:see )?\b([a-z]+\.[a-z0-9_]+)\b")
# A reviewer's pointer to the project's own docs or tools ("(docs/model.md)",
# "(crossings calibrate)") means nothing to a reader: it is left out.
_REVIEWER_REF = re.compile(r"\s*\((?:see )?(?:docs/[\w./-]+|crossings calibrate)\)|[;,]\s*see docs/[\w./-]*\w")


def readable(text: str, registry) -> str:
    """``text`` with every fact id named by its sources (a reader's words)."""
    text = _REVIEWER_REF.sub("", text)
    if registry is None or "." not in text:
        return text

    def name(m: re.Match) -> str:
        fid = m.group(1)
        if fid not in registry:
            return m.group(0)
        outlets = list(dict.fromkeys(s.outlet for s in registry.get(fid).sources))
        return ", ".join(outlets[:2]) if outlets else m.group(0)

    out = _ID.sub(name, text)
    # Two ids citing the same outlet name it once: "(Asahi Shimbun)", not "(Asahi Shimbun, Asahi Shimbun)".
    return re.sub(r"\(([^()]*)\)", lambda m: "(" + ", ".join(dict.fromkeys(m.group(1).split(", "))) + ")", out)


@lru_cache(maxsize=1)
def _default_registry():
    from .facts import load_registry

    return load_registry()


def name_parameters(text: str, parameters) -> str:
    """``text`` with every parameter's code name ("body_loss_per_day"), as notes
    written for reviewers use it, replaced by its label in the reader's language
    (“Chance a day the sea takes a body from the boat”). ``parameters``: a
    scenario's name -> parameter mapping (each with a ``label``)."""
    if "_" not in text or not parameters:
        return text
    from .i18n import _

    names = sorted((n for n in parameters if "_" in n), key=len, reverse=True)
    if not names:
        return text
    pattern = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, names)) + r")(?![\w])")
    # A label may itself name another parameter: a few passes, never endless.
    for _pass in range(3):
        text, n = pattern.subn(lambda m: _("“{label}”").format(label=_(parameters[m.group(1)].label)), text)
        if not n:
            break
    return text
