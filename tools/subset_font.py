"""Make the bundled font: Noto Sans CJK (SIL OFL 1.1) cut down to what the game shows.

Keeps what any screen may draw: Latin (with accents and punctuation), kana,
CJK and full-width punctuation, arrows and shapes; every character of the
translation template and of every language's catalogue (English, Korean,
Japanese) and of the non-ASCII text in the code and in levels/; and, so that
a reworded message rarely needs a new cut, the 2,350 Hangul syllables of
KS X 1001 and the 2,965 first-level kanji of JIS X 0208. Re-run it whenever a
catalogue gains characters (tests/test_translations.py says which are missing).

The source is the full Noto Sans CJK collection, from Debian's
`fonts-noto-cjk` package (`apt-get install fonts-noto-cjk`). It is a build
step only: the cut font is committed with its licence (assets/fonts/
LICENSE-OFL.txt), so neither the game nor CI needs the package. Needs
fonttools (the `tools` extra).

    python tools/subset_font.py [/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from babel.messages.pofile import read_po
from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
TARGET = ROOT / "assets" / "fonts" / "NotoSansCJK-Subset.otf"

RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x024F),  # Latin-1, Latin Extended-A/B
    (0x2000, 0x206F),  # general punctuation
    (0x2070, 0x209F),  # super- and subscripts
    (0x20A0, 0x20BF),  # currency signs
    (0x2100, 0x214F),  # letterlike symbols (℃, №)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # maths (minus, approx.)
    (0x2460, 0x24FF),  # circled numbers
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes
    (0x3000, 0x303F),  # CJK punctuation
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x3130, 0x318F),  # Hangul compatibility jamo
    (0xFF00, 0xFFEF),  # full-width forms
]


def _codec_set(lo: int, hi: int, codec: str, first_bytes: range | None = None) -> set[int]:
    """Characters of [lo, hi] that a legacy national standard encodes."""
    out = set()
    for c in range(lo, hi + 1):
        try:
            b = chr(c).encode(codec)
        except UnicodeEncodeError:
            continue
        if first_bytes is None or b[0] in first_bytes:
            out.add(c)
    return out


def common_hangul() -> set[int]:
    """The 2,350 Hangul syllables of KS X 1001 (EUC-KR)."""
    return _codec_set(0xAC00, 0xD7A3, "euc_kr")


def common_kanji() -> set[int]:
    """The first level of JIS X 0208 (rows 16-47: EUC-JP lead bytes 0xB0-0xCF)."""
    return _codec_set(0x4E00, 0x9FFF, "euc_jp", range(0xB0, 0xD0))


def catalogue_text() -> str:
    """Every msgid and msgstr of the template and of every language."""
    locale = ROOT / "game" / "locale"
    parts: list[str] = []
    for po in [locale / "crossings.pot", *sorted(locale.glob("*/LC_MESSAGES/*.po"))]:
        with open(po, "rb") as fh:
            for msg in read_po(fh):
                for value in (msg.id, msg.string):
                    parts += [value] if isinstance(value, str) else list(value or ())
    return "".join(parts)


def source_text() -> str:
    """Non-ASCII text written in the code and the level files (symbols such as
    × − → … and the languages' own names)."""
    files = [*ROOT.joinpath("game").rglob("*.py"), *ROOT.joinpath("levels").rglob("*.toml")]
    return "".join("".join(re.findall(r"[^\x00-\x7f]", f.read_text(encoding="utf-8"))) for f in files)


def wanted() -> set[int]:
    chars = {c for lo, hi in RANGES for c in range(lo, hi + 1)}
    chars |= common_hangul() | common_kanji()
    chars |= {ord(c) for c in catalogue_text() + source_text() if c.isprintable()}
    return chars


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", default=SOURCE, help=f"the full Noto Sans CJK collection (default {SOURCE})")
    parser.add_argument("--out", default=str(TARGET))
    # Index 0 of Debian's collection is the Japanese face (JP); every face
    # carries the Hangul syllables as well.
    parser.add_argument("--index", type=int, default=0, help="face of the collection (0 = Noto Sans CJK JP)")
    args = parser.parse_args(argv)
    if not Path(args.source).is_file():
        print(f"{args.source}: no such font; install Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk)", file=sys.stderr)
        return 2
    options = subset.Options()
    options.font_number = args.index
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(args.source, options)
    have = set(font.getBestCmap())
    chars = wanted()
    shown = {ord(c) for c in catalogue_text() + source_text() if c.isprintable() and not c.isspace()}
    sub = subset.Subsetter(options)
    sub.populate(unicodes=sorted(chars & have))
    sub.subset(font)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    subset.save_font(font, str(tmp), options)
    tmp.replace(out)  # atomically: a half-written font would break every screen
    lacking = sorted(shown - have)
    print(f"wrote {out}: {len(font.getGlyphOrder())} glyphs, {out.stat().st_size / 1e6:.1f} MB")
    if lacking:
        print(f"the source font has no glyph for {len(lacking)} characters the game shows: {''.join(map(chr, lacking[:40]))!r}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
