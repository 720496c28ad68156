"""The JSA dash: the panel's buttons and the question card's place (pure Python).

The map and the panel come from ``game.scenes.dmz.layout``; here are what the
dash adds: its rows of buttons, the order Tab and the pad walk through them,
and where a notice or a question sits on the map: at the top or the bottom,
whichever is away from you, so that it never covers you.
"""

from __future__ import annotations

from typing import Callable

BUTTON_ROWS = [["crawl", "walk", "run"], ["down", "free"], ["speed", "zoom"]]
ORDER = ["crawl", "walk", "run", "down", "free", "speed", "zoom", "help"]
# "free" (Rock the jeep) shows only in the jeep stuck in the ditch; its place in BUTTON_ROWS stays
# kept when it is hidden, so that no other button moves under the finger.
SOMETIMES = ("free",)


def shown(rock: bool) -> list[str]:
    """The buttons on the panel, in Tab order: all of them, or all but Rock the jeep."""
    return [k for k in ORDER if rock or k not in SOMETIMES]
CARD_INSET = 40  # from the map's sides (px)
CARD_PAD = 16  # inside the card
ANSWER_GAP = 8
PLAYER_CLEAR = 24  # px kept between a card and you


def card_rect(map_rect: tuple[int, int, int, int], height: int, player_y: int, top_limit: int,
              bottom_limit: int, keep: tuple[int, ...] = ()) -> tuple[int, int, int, int]:
    """A card of ``height`` on the map, as (x, y, w, h): below ``top_limit`` (the
    map's Key button) or above ``bottom_limit`` (the direction pad's top),
    whichever leaves you in sight, and what the question is about (``keep``,
    heights on screen) if it can; on the half away from you when neither does."""
    x, y, w, h = map_rect
    high = top_limit
    low = max(top_limit, bottom_limit - 12 - height)
    order = (high, low) if player_y >= y + h / 2 else (low, high)

    def clear(top: int, ys) -> bool:
        return all(v < top - PLAYER_CLEAR or v > top + height + PLAYER_CLEAR for v in ys)

    top = next((t for t in order if clear(t, (player_y, *keep))), None)
    if top is None:
        top = next((t for t in order if clear(t, (player_y,))), order[0])
    return x + CARD_INSET, top, w - 2 * CARD_INSET, height


def question_box(map_rect: tuple[int, int, int, int], canvas: tuple[int, int], player_y: int, top_limit: int,
                 bottom_limit: int, height_at: Callable[[int], int],
                 keep: tuple[int, ...] = ()) -> tuple[int, int, int, int]:
    """Where a question goes: on the map (``card_rect``) when it fits there;
    else across the whole window (the panel waits with the clock), from
    ``top_limit`` down, or as high as it must to end above the window's bottom."""
    x, y, w, h = map_rect
    height = height_at(w - 2 * CARD_INSET)
    if top_limit + height <= bottom_limit - 12 or (player_y >= y + h / 2 and top_limit + height <= y + h - 8):
        return card_rect(map_rect, height, player_y, top_limit, bottom_limit, keep)
    cw, ch = canvas
    height = height_at(cw - 2 * CARD_INSET)
    top = max(8, min(top_limit, ch - 8 - height))
    return CARD_INSET, top, cw - 2 * CARD_INSET, height
