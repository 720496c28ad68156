"""Join codes and nicknames: made by the host with ``secrets``, never typed.

A join code is six characters from an alphabet without look-alikes (no 0/O,
1/I/L, 2/Z, 5/S, 8/B), so a code read from a projector is typed right. A
nickname is two words from assets/classroom/nicknames.toml.
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


@lru_cache(maxsize=1)
def words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    path = assets_dir() / "classroom" / "nicknames.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        adjectives, nouns = data["adjectives"], data["nouns"]
        if not (isinstance(adjectives, list) and isinstance(nouns, list)):
            raise TypeError("'adjectives' and 'nouns' must be lists")
        if not all(isinstance(w, str) and w.isalpha() for w in adjectives + nouns):
            raise TypeError("every word must be one word of letters")
        if len(set(adjectives)) < 8 or len(set(nouns)) < 8:
            raise TypeError("each list needs at least 8 different words")
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise NicknameError(f"{path}: not a nickname list: {exc}") from None
    return tuple(dict.fromkeys(adjectives)), tuple(dict.fromkeys(nouns))


def is_nickname(text: str) -> bool:
    adjectives, nouns = words()
    parts = str(text).split(" ")
    return len(parts) == 2 and parts[0] in adjectives and parts[1] in nouns


def capacity() -> int:
    adjectives, nouns = words()
    return len(adjectives) * len(nouns)


def choices(taken: set[str], k: int = 4) -> list[str]:
    """k different free nicknames, drawn with ``secrets``."""
    adjectives, nouns = words()
    free = capacity() - len(taken)
    k = max(0, min(k, free))
    out: list[str] = []
    while len(out) < k:
        name = f"{secrets.choice(adjectives)} {secrets.choice(nouns)}"
        if name not in taken and name not in out:
            out.append(name)
    return out
