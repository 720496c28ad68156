"""Make the bundled font: Noto Sans CJK (SIL OFL 1.1) cut down to what the game needs.

Keeps Latin (with accents and punctuation), Hangul syllables and jamo, kana,
CJK punctuation and the common CJK ideographs, so English, Korean and Japanese
render from one file. Build-time only (fonttools, in the `tools` extra); the
output is committed with its licence.

    python tools/subset_font.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset

RANGES = [
    (0x0020, 0x024F),  # Latin, Latin-1, Latin Extended-A/B
    (0x2000, 0x206F),  # general punctuation
    (0x20A0, 0x20BF),  # currency signs
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # maths (minus, approx.)
    (0x25A0, 0x25FF),  # geometric shapes
    (0x3000, 0x303F),  # CJK punctuation
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x3130, 0x318F),  # Hangul compatibility jamo
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7A3),  # Hangul syllables
    (0xFF00, 0xFFEF),  # full-width forms
]


def main(src: str, dst: str = "assets/fonts/NotoSansCJK-Subset.otf", index: int = 0) -> None:
    # Index 0 of the Debian collection is the Japanese face (JP); every face
    # of the collection carries the Hangul syllables as well.
    options = subset.Options()
    options.font_number = index
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(src, options)
    sub = subset.Subsetter(options)
    sub.populate(unicodes=[c for lo, hi in RANGES for c in range(lo, hi + 1)])
    sub.subset(font)
    Path(dst).parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, dst, options)
    print(f"wrote {dst}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
