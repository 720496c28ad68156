"""Whole numbers typed on the command line, read strictly.

Python's int() also takes "٣" (an Arabic-Indic three), "1_000", " +7 " and
fails on 4,301 digits with a message about its own limits; people typing a
seed or a count should get plain ASCII digits accepted and a clear sentence
otherwise. No pygame.
"""

from __future__ import annotations

import re

from .i18n import _

# Seeds are kept to what a signed 64-bit integer holds, so every tool that
# reads the JSON output (and numpy) takes them as they are.
MAX_SEED = 2**63 - 1
_DIGITS = re.compile(r"[0-9]+")


def whole_number(text: str, option: str, least: int = 0, most: int | None = None) -> int:
    """``text`` as an int in least..most, or ValueError with one sentence saying why."""
    text = text.strip()
    if not _DIGITS.fullmatch(text):
        if text.startswith("-") and _DIGITS.fullmatch(text[1:]):
            raise ValueError(_("{option} needs a whole number of at least {least}, not '{text}'").format(
                option=option, least=least, text=text))
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise ValueError(_("{option} needs a whole number written with the digits 0-9, not '{text}'").format(
            option=option, text=shown))
    if most is not None and (len(text.lstrip("0")) > len(str(most)) or int(text) > most):
        raise ValueError(_("{option} is too large: at most {most:,}").format(option=option, most=most))
    if len(text.lstrip("0")) > 100:  # int() itself refuses past 4,300 digits, in its own words
        raise ValueError(_("{option} is too large").format(option=option))
    value = int(text)
    if value < least:
        raise ValueError(_("{option} needs a whole number of at least {least}, not '{text}'").format(
            option=option, least=least, text=text))
    return value


def one_line(text: object) -> str:
    """A message as one printable line: what a person typed may hold a newline
    or a control character, which would break the line or the terminal."""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
