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
# Each language's compiled catalogue, kept by its file's path with the file's
# mtime and size: compiling a .po takes a quarter of a second, and a kiosk
# switches language for every welcome screen it draws. An edited file is
# compiled again; one catalogue per language at most.
_compiled: dict[str, tuple[tuple[int, int], gettext.GNUTranslations]] = {}


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
        stat = po.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        kept = _compiled.get(str(po))
        if kept is None or kept[0] != stamp:
            from babel.messages.mofile import write_mo
            from babel.messages.pofile import read_po

            with open(po, "rb") as fh:
                catalog = read_po(fh, locale=code)
            buf = io.BytesIO()
            write_mo(buf, catalog)
            buf.seek(0)
            kept = _compiled[str(po)] = (stamp, gettext.GNUTranslations(buf))
        _translations = kept[1]
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


# -- numbers and dates as each language writes them (Babel, from CLDR) ---------
# The text helpers (percentages, parameter values, money, months) go through
# these, so a language's grouping, decimal sign and month names come from CLDR
# rather than from hand-made formats.


def format_number(value: float, significant: int = 6) -> str:
    """``value`` with the current language's grouping and decimal sign; whole
    numbers without decimals, others to ``significant`` digits, never in
    exponent form."""
    from decimal import Decimal

    from babel.numbers import format_decimal

    v = float(value)
    exact = Decimal(int(v)) if v.is_integer() else Decimal(f"{v:.{significant}g}")
    return format_decimal(exact, locale=_current, decimal_quantization=False)


def format_percent(share: float, decimals: int = 0) -> str:
    """A share (0.25) as a percentage ("25%") in the current language."""
    from decimal import Decimal

    from babel.numbers import format_percent as babel_percent

    rounded = Decimal(f"{100.0 * float(share):.{decimals}f}") / 100
    return babel_percent(rounded, locale=_current, decimal_quantization=False)


def with_unit(number: str, unit: str) -> str:
    """A number and its translated unit as the language joins them: "104 boats",
    "25%", and Korean or Japanese counters written on ("104척", "104隻")."""
    if not unit:
        return number
    first = ord(unit[0])
    counter = 0x1100 <= first <= 0x11FF or 0x3040 <= first <= 0x30FF or 0x3130 <= first <= 0x318F \
        or 0x4E00 <= first <= 0x9FFF or 0xAC00 <= first <= 0xD7A3
    return f"{number}{unit}" if unit == "%" or counter else f"{number} {unit}"


def month_name(month: int) -> str:
    """The name of month 1-12 standing alone ("November", "11월", "11月")."""
    import datetime

    from babel.dates import format_date

    return format_date(datetime.date(2000, int(month), 1), "LLLL", locale=_current)


def warm() -> None:
    """Load Babel and the current language's number and date data now (a
    background thread may: Babel's cache is locked), so that the first screen
    to show a number or a month does not spend tens of milliseconds on it."""
    format_number(1234.5)
    format_percent(0.25)
    month_name(1)
