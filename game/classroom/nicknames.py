"""Join codes and nicknames: made by the host with ``secrets``, never typed.

A join code is six characters from an alphabet without look-alikes (no 0/O,
1/I/L, 2/Z, 5/S, 8/B), so a code read from a projector is typed right. A
nickname is two words in the class's language: from
assets/classroom/nicknames.toml in English, nicknames.<code>.toml in another
language (``joiner`` says how the two are written together; Japanese writes
them without a space); a language without its own list uses the English one.
"""

from __future__ import annotations

import secrets
import tomllib
from functools import lru_cache

from ..paths import assets_dir

CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What a student typed, as the host compares it: capitals, no spaces or dashes."""
    return "".join(ch for ch in str(text).upper() if ch not in " -_\t")[:32]


def is_code(text: str) -> bool:
    return len(text) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in text)


class NicknameError(ValueError):
    pass


def _path(language: str):
    folder = assets_dir() / "classroom"
    own = folder / f"nicknames.{language}.toml"
    return own if language != "en" and own.is_file() else folder / "nicknames.toml"


@lru_cache(maxsize=8)
def _lists(language: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    path = _path(language)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        adjectives, nouns = data["adjectives"], data["nouns"]
        joiner = data.get("joiner", " ")
        if not (isinstance(adjectives, list) and isinstance(nouns, list)):
            raise TypeError("'adjectives' and 'nouns' must be lists")
        if joiner not in ("", " "):
            raise TypeError("'joiner' must be a space or nothing")
        if not all(isinstance(w, str) and w.isalpha() for w in adjectives + nouns):
            raise TypeError("every word must be one word of letters")
        if len(set(adjectives)) < 8 or len(set(nouns)) < 8:
            raise TypeError("each list needs at least 8 different words")
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise NicknameError(f"{path}: not a nickname list: {exc}") from None
    return tuple(dict.fromkeys(adjectives)), tuple(dict.fromkeys(nouns)), joiner


def words(language: str = "en") -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The adjectives and the nouns of the class's language."""
    adjectives, nouns, _joiner = _lists(language)
    return adjectives, nouns


def _all(language: str) -> frozenset[str]:
    return _names(*_lists(language))


@lru_cache(maxsize=8)
def _names(adjectives: tuple[str, ...], nouns: tuple[str, ...], joiner: str) -> frozenset[str]:
    return frozenset(f"{a}{joiner}{n}" for a in adjectives for n in nouns)


def is_nickname(text: str, language: str = "en") -> bool:
    return str(text) in _all(language)


def capacity(language: str = "en") -> int:
    adjectives, nouns = words(language)
    return len(adjectives) * len(nouns)


def choices(taken: set[str], k: int = 4, language: str = "en") -> list[str]:
    """k different free nicknames in the class's language, drawn with ``secrets``."""
    adjectives, nouns, joiner = _lists(language)
    free = capacity(language) - len(taken & _all(language))
    k = max(0, min(k, free))
    out: list[str] = []
    while len(out) < k:
        name = f"{secrets.choice(adjectives)}{joiner}{secrets.choice(nouns)}"
        if name not in taken and name not in out:
            out.append(name)
    return out
