"""Translation through gettext, from day one.

Every string a person reads goes through ``_()``. Code strings are extracted
by ``tools/update_translations.py``, together with the texts in levels/ (the
scenario files and the fact registry), into ``game/locale/crossings.pot``;
each language's ``.po`` file is compiled when it is loaded (Babel), so no
binary .mo files are committed. No pygame here: the simulator uses it too.
"""

from __future__ import annotations

import gettext
import io
import logging

from .paths import locale_dir

DOMAIN = "crossings"
log = logging.getLogger(__name__)

# Language code -> its own name, as shown in the language picker.
LANGUAGES: dict[str, str] = {"en": "English", "ko": "한국어", "ja": "日本語"}

_translations: gettext.NullTranslations = gettext.NullTranslations()
_current = "en"


def available_languages() -> dict[str, str]:
    return dict(LANGUAGES)


def current_language() -> str:
    # Used by the kiosk's language screen (branch modes); branch record had
    # removed it as unused before the kiosk came.
    return _current


def set_language(code: str) -> bool:
    """Switch language; unknown or broken catalogues fall back to English."""
    global _translations, _current
    code = code if code in LANGUAGES else "en"
    _current = code
    _translations = gettext.NullTranslations()
    if code == "en":
        return True
    po = locale_dir() / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    try:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with open(po, "rb") as fh:
            catalog = read_po(fh, locale=code)
        buf = io.BytesIO()
        write_mo(buf, catalog)
        buf.seek(0)
        _translations = gettext.GNUTranslations(buf)
        return True
    except Exception as exc:  # a missing or broken catalogue must not stop the game
        log.warning("translation %s unavailable (%s); using English", po, exc)
        return False


def _(message: str) -> str:
    if not message:
        return message
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def join_sentences(*parts: str) -> str:
    """Sentences side by side: a space after an English full stop, none after
    a Japanese one (。！？ already leave room)."""
    out = ""
    for part in (p for p in parts if p):
        out += part if not out or out[-1] in "。！？」" else " " + part
    return out


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message
