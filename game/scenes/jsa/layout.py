"""The JSA dash: the panel's buttons and the question card's place (pure Python).

The map and the panel come from ``game.scenes.dmz.layout``; here are what the
dash adds: its rows of buttons, the order Tab and the pad walk through them,
and where a notice or a question sits on the map: at the top or the bottom,
whichever is away from you, so that it never covers you.
"""

from __future__ import annotations

BUTTON_ROWS = [["crawl", "walk", "run"], ["down", "free"], ["speed", "zoom"]]
ORDER = ["crawl", "walk", "run", "down", "free", "speed", "zoom", "help"]
CARD_INSET = 40  # from the map's sides (px)
CARD_PAD = 16  # inside the card
ANSWER_GAP = 8


def card_rect(map_rect: tuple[int, int, int, int], height: int, player_y: int, bottom_limit: int) -> tuple[int, int, int, int]:
    """A card of ``height`` on the map, as (x, y, w, h): at the top when you are
    in the lower half, else above ``bottom_limit`` (the direction pad's top)."""
    x, y, w, h = map_rect
    width = w - 2 * CARD_INSET
    if player_y < y + h / 2:
        top = max(y + 8, bottom_limit - 12 - height)
    else:
        top = y + CARD_INSET
    return x + CARD_INSET, top, width, height
