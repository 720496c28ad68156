"""Wrapping and drawing text that reflows at every text size.

English and Korean wrap between words (Korean puts spaces between words);
Japanese and Chinese may break between any two characters, as they do.
"""

from __future__ import annotations

import weakref

import pygame


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x3000 <= o <= 0x9FFF or 0xFF00 <= o <= 0xFFEF


# Japanese line-breaking rules (kinsoku): these never start a line...
NO_LINE_START = set("、。，．・：；？！ー）」』】〕〉》’”～…ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々,.:;?!)]}%")
# ...and these never end one.
NO_LINE_END = set("（「『【〔〈《‘“([{")


def _tokens(line: str) -> list[str]:
    """Split into pieces a line may break between: words (with their
    trailing space) and single CJK characters, with closing punctuation and
    small kana kept on the piece before and opening brackets on the piece
    after, so that no line starts with 。 or ends with （."""
    out: list[str] = []
    word = ""
    opening = ""
    for ch in line:
        if ch in NO_LINE_START and (out or word) and (_is_cjk(ch) or not word):
            # Glue to what came before (the word being built, or the last piece).
            if word:
                word += ch
            else:
                out[-1] = out[-1] + ch
            continue
        if _is_cjk(ch) and word:
            # An opening bracket typed in ASCII ("[") goes with the CJK text it opens.
            k = len(word)
            while k and word[k - 1] in NO_LINE_END:
                k -= 1
            opening = word[k:] + opening
            if k:
                out.append(word[:k])
            word = ""
        if _is_cjk(ch) and ch in NO_LINE_END:
            opening += ch
            continue
        if _is_cjk(ch):
            out.append(opening + ch)
            opening = ""
        elif ch == " ":
            out.append(opening + word + " ")
            word = opening = ""
        else:
            word = opening + word + ch if opening else word + ch
            opening = ""
    if word or opening:
        out.append(opening + word)
    return out


URL_BREAKS = "/-_.?&="


# Wrapped lines per font, for the texts a screen draws frame after frame: a
# paragraph measures every growing line (in Japanese one character at a time),
# which costs milliseconds. Weak keys: a font dropped (a new size) takes its
# lines with it; each font keeps at most WRAP_CACHE texts.
WRAP_CACHE = 512
_wrapped: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """Lines of ``text`` that fit in ``width`` pixels; never wider unless one
    word alone is wider, in which case the word is cut by characters."""
    try:
        known = _wrapped.setdefault(font, {})
    except TypeError:  # a font that takes no weak reference: measured each time
        return _wrap(font, text, width)
    key = (text, width)
    lines = known.get(key)
    if lines is None:
        if len(known) >= WRAP_CACHE:
            known.clear()
        lines = known[key] = tuple(_wrap(font, text, width))
    return list(lines)


def _wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    lines: list[str] = []
    for para in text.split("\n"):
        if not para:
            lines.append("")
            continue
        current = ""
        for tok in _tokens(para):
            trial = current + tok
            if font.size(trial.rstrip())[0] <= width:
                current = trial
                continue
            if current:
                lines.append(current.rstrip())
            current = ""
            # A single token too wide for the line: cut it by characters.
            while font.size(tok.rstrip())[0] > width and len(tok) > 1:
                cut = len(tok) - 1
                while cut > 1 and font.size(tok[:cut])[0] > width:
                    cut -= 1
                # Even a forced cut keeps 。 off the start of a line and （ off its end.
                while cut > 1 and (tok[cut] in NO_LINE_START or tok[cut - 1] in NO_LINE_END):
                    cut -= 1
                # A web address breaks after a / or - where it can, never inside a word.
                soft = max(tok.rfind(c, 0, cut) for c in URL_BREAKS)
                if soft + 1 > cut // 3 and tok[cut - 1].isascii() and tok[cut].isascii():
                    cut = soft + 1
                lines.append(tok[:cut])
                tok = tok[cut:]
            current = tok
        lines.append(current.rstrip())
    return lines


def line_height(font: pygame.font.Font) -> int:
    return int(font.get_linesize() * 1.05)


def text_block_height(font: pygame.font.Font, text: str, width: int) -> int:
    return len(wrap(font, text, width)) * line_height(font)


def draw_text(
    surface: pygame.Surface,
    font: pygame.font.Font,
    text: str,
    pos: tuple[int, int],
    color: tuple[int, int, int],
    width: int | None = None,
    align: str = "left",
) -> int:
    """Draw (wrapped if ``width``) text; returns the height used."""
    x, y = pos
    lines = wrap(font, text, width) if width else text.split("\n")
    lh = line_height(font)
    for line in lines:
        if line:
            img = font.render(line, True, color)
            if align == "center" and width:
                surface.blit(img, (x + (width - img.get_width()) // 2, y))
            elif align == "right" and width:
                surface.blit(img, (x + width - img.get_width(), y))
            else:
                surface.blit(img, (x, y))
        y += lh
    return len(lines) * lh


def fit_text(font: pygame.font.Font, text: str, width: int) -> str:
    """One line, shortened with an ellipsis if it does not fit."""
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text + "…"
