"""Extract every string a person reads into game/locale/crossings.pot and
merge it into each language's .po file.

    python tools/update_translations.py

Strings come from the code (``_()``, ``N_()``, ``ngettext()``) and from the
data in levels/ (scenario texts, the fact registry and the place names on the
maps), which the game passes through ``_()`` when it shows them. Translators edit the .po files; the game
compiles them when it loads them (game/i18n.py).
"""

from __future__ import annotations

import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from game.i18n import DOMAIN, LANGUAGES  # noqa: E402

LOCALE = ROOT / "game" / "locale"
# Keys in levels/*.toml whose text is shown to people.
TEXT_KEYS = {
    "title", "summary", "place", "date", "content_note", "briefing", "label", "description",
    "text", "note", "questions", "statement", "unit", "says",
}


def _walk(value, key: str | None, found: list[str]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _walk(v, k, found)
    elif isinstance(value, list):
        for item in value:
            _walk(item, key, found)
    elif isinstance(value, str) and key in TEXT_KEYS and value.strip():
        found.append(value)


def data_strings() -> list[tuple[str, str]]:
    out = []
    for path in sorted((ROOT / "levels").rglob("*.toml")):
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        found: list[str] = []
        _walk(data, None, found)
        rel = path.relative_to(ROOT).as_posix()
        out += [(text, rel) for text in found]
    return out


# Map objects whose name is drawn on the map as it is (the sea's places),
# and those that carry the name shown in a ``label`` property (overland's).
MAP_NAMED_KINDS = {"city", "port", "cape", "bank", "label"}
MAP_LABELLED_KINDS = {"place", "label", "river"}


def map_strings() -> list[tuple[str, str]]:
    """Place names drawn on the maps (levels/*/map.tmx), which the scenes
    pass through ``_()``."""
    out = []
    for path in sorted((ROOT / "levels").rglob("*.tmx")):
        rel = path.relative_to(ROOT).as_posix()
        for obj in ET.parse(path).getroot().iter("object"):
            props = {p.get("name"): p.get("value") for p in obj.iter("property")}
            kind = obj.get("type") or obj.get("class") or ""
            if kind in MAP_LABELLED_KINDS and props.get("label"):
                text = props["label"]
            else:
                text = obj.get("name") if kind in MAP_NAMED_KINDS else None
            if text and text.strip():
                out.append((text, rel))
    return out


def build_template() -> Catalog:
    catalog = Catalog(project="Crossings", domain=DOMAIN, charset="utf-8")
    keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
    for filename, lineno, message, comments, _ctx in extract_from_dir(
        str(ROOT / "game"), method_map=[("**.py", "python")], keywords=keywords
    ):
        catalog.add(message, locations=[(f"game/{filename}", lineno)], auto_comments=comments)
    for text, where in data_strings() + map_strings():
        catalog.add(text, locations=[(where, 0)])
    return catalog


def main() -> int:
    template = build_template()
    LOCALE.mkdir(parents=True, exist_ok=True)
    with open(LOCALE / f"{DOMAIN}.pot", "wb") as fh:
        write_po(fh, template, width=100, omit_header=False)
    for code in LANGUAGES:
        if code == "en":
            continue
        po = LOCALE / code / "LC_MESSAGES" / f"{DOMAIN}.po"
        po.parent.mkdir(parents=True, exist_ok=True)
        if po.exists():
            with open(po, "rb") as fh:
                catalog = read_po(fh, locale=code)
            catalog.update(template, no_fuzzy_matching=True)
        else:
            catalog = Catalog(locale=code, domain=DOMAIN, project="Crossings", charset="utf-8")
            catalog.update(template, no_fuzzy_matching=True)
        with open(po, "wb") as fh:
            write_po(fh, catalog, width=100, ignore_obsolete=True)
        done = sum(1 for m in catalog if m.id and m.string)
        print(f"{po.relative_to(ROOT)}: {done} of {len(template)} translated")
    print(f"{len(template)} strings in {DOMAIN}.pot")
    return 0


if __name__ == "__main__":
    sys.exit(main())
