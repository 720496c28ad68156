"""Map labels that never collide: a small greedy placer.

Each label asks for a box of its size near an anchor (a town's dot, the
middle of a bank). Labels are placed most important first; each tries its
candidate positions in order (right, left, above, below, then the four
diagonals, or centred for an area's name) and takes the first that stays
inside the bounds and overlaps no label already placed and no obstacle (the
player, a button, the dots of other places). A label with no free position
is left out rather than drawn over another.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, Iterable

import pygame


@dataclass(frozen=True)
class Label:
    key: Hashable
    anchor: tuple[float, float]  # screen (or picture) pixels
    size: tuple[int, int]
    priority: int = 0  # lower is placed first
    gap: int = 6  # pixels between the anchor and the label
    area: bool = False  # an area's name (a sea, a bank): centred on the anchor, then nudged
    left_first: bool = False  # try the left side before the right (a place at the map's right edge)
    spots: tuple[tuple[int, int], ...] = ()  # explicit top-left corners to try instead (a label along a line)


def candidates(label: Label) -> list[pygame.Rect]:
    """The positions a label may take, best first."""
    (ax, ay), (w, h), g = label.anchor, label.size, label.gap
    ax, ay = round(ax), round(ay)
    if label.spots:
        spots = [(round(x), round(y)) for x, y in label.spots]
    elif label.area:
        spots = [(ax - w // 2, ay - h // 2), (ax - w // 2, ay - h - g), (ax - w // 2, ay + g),
                 (ax + g, ay - h // 2), (ax - w - g, ay - h // 2)]
    else:
        spots = [(ax + g, ay - h // 2), (ax - g - w, ay - h // 2), (ax - w // 2, ay - g - h), (ax - w // 2, ay + g),
                 (ax + g, ay - g - h), (ax - g - w, ay - g - h), (ax + g, ay + g), (ax - g - w, ay + g)]
        if label.left_first:
            spots[0], spots[1] = spots[1], spots[0]
    return [pygame.Rect(x, y, w, h) for x, y in spots]


class Board:
    """Labels placed one by one as a screen is drawn, each clear of those before it."""

    def __init__(self, bounds: pygame.Rect, obstacles: Iterable[pygame.Rect] = ()):
        self.bounds = pygame.Rect(bounds)
        self.taken: list[pygame.Rect] = [pygame.Rect(o) for o in obstacles]
        self.placed: list[pygame.Rect] = []

    def put(self, label: Label) -> pygame.Rect | None:
        """The first free position of ``label`` (now taken), or None when none is free."""
        for box in candidates(label):
            if self.bounds.contains(box) and box.collidelist(self.taken) < 0:
                self.taken.append(box)
                self.placed.append(box)
                return box
        return None


def place(labels: Iterable[Label], bounds: pygame.Rect, obstacles: Iterable[pygame.Rect] = ()) -> dict[Hashable, pygame.Rect]:
    """{key: box} for the labels that fit; no two boxes overlap, none leaves ``bounds``."""
    board = Board(bounds, obstacles)
    placed: dict[Hashable, pygame.Rect] = {}
    for label in sorted(labels, key=lambda lb: lb.priority):
        box = board.put(label)
        if box is not None:
            placed[label.key] = box
    return placed


def overlaps(boxes: Iterable[pygame.Rect]) -> list[tuple[int, int]]:
    """Pairs of boxes (by index) that overlap: empty when the placement is clean."""
    boxes = list(boxes)
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if boxes[i].colliderect(boxes[j])]
