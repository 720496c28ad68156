"""Colours and sizes.

Colours that carry meaning come from the Okabe-Ito palette, which stays
distinct for the common kinds of colour blindness. Text colours are chosen
for a contrast of at least 4.5:1 on their backgrounds (WCAG AA), checked in
tests/test_theme.py; high contrast raises that to about 7:1 and more.
"""

from __future__ import annotations

from dataclasses import dataclass

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "black": (0, 0, 0),
    "orange": (230, 159, 0),
    "sky_blue": (86, 180, 233),
    "bluish_green": (0, 158, 115),
    "yellow": (240, 228, 66),
    "blue": (0, 114, 178),
    "vermillion": (213, 94, 0),
    "reddish_purple": (204, 121, 167),
}


@dataclass(frozen=True)
class Theme:
    background: tuple[int, int, int]
    panel: tuple[int, int, int]
    panel_edge: tuple[int, int, int]
    text: tuple[int, int, int]
    text_dim: tuple[int, int, int]
    accent: tuple[int, int, int]  # focus ring, selected
    button: tuple[int, int, int]
    button_text: tuple[int, int, int]
    warning: tuple[int, int, int]
    good: tuple[int, int, int]
    danger: tuple[int, int, int]
    overlay: tuple[int, int, int, int]
    # Outcome colours for charts, in order; distinct for colour-blind eyes.
    series: tuple[tuple[int, int, int], ...]


NORMAL = Theme(
    background=(18, 24, 32),
    panel=(30, 39, 51),
    panel_edge=(70, 84, 102),
    text=(236, 239, 243),
    text_dim=(178, 189, 201),
    accent=OKABE_ITO["sky_blue"],
    button=(44, 58, 76),
    button_text=(240, 243, 246),
    warning=OKABE_ITO["yellow"],
    good=OKABE_ITO["bluish_green"],
    danger=OKABE_ITO["vermillion"],
    overlay=(0, 0, 0, 170),
    series=(
        OKABE_ITO["sky_blue"],
        OKABE_ITO["orange"],
        OKABE_ITO["bluish_green"],
        OKABE_ITO["reddish_purple"],
        OKABE_ITO["yellow"],
        OKABE_ITO["vermillion"],
        (200, 200, 200),
    ),
)

HIGH_CONTRAST = Theme(
    background=(0, 0, 0),
    panel=(0, 0, 0),
    panel_edge=(255, 255, 255),
    text=(255, 255, 255),
    text_dim=(230, 230, 230),
    accent=OKABE_ITO["yellow"],
    button=(0, 0, 0),
    button_text=(255, 255, 255),
    warning=OKABE_ITO["yellow"],
    good=(60, 220, 170),
    danger=(255, 140, 60),
    overlay=(0, 0, 0, 220),
    series=NORMAL.series,
)


def theme_for(high_contrast: bool) -> Theme:
    return HIGH_CONTRAST if high_contrast else NORMAL


def _channel(c: int) -> float:
    c = c / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: tuple[int, ...]) -> float:
    r, g, b = (_channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_on(background: tuple[int, ...]) -> tuple[int, int, int]:
    """Black or white, whichever reads better on a background."""
    return (0, 0, 0) if contrast((0, 0, 0), background) >= contrast((255, 255, 255), background) else (255, 255, 255)
