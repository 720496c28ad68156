"""Helpers shared by the DMZ models (fog and jsa): route fields and pace codes.

A route field is the cheapest cost-to-target over the map's tiles, found by
repeated relaxation over the eight neighbours (numpy only, no per-tile Python
loop), and for each tile the neighbour to head for next. The automatic
players follow these fields; the models never use them for risk.
"""

from __future__ import annotations

from typing import Any

import numpy as np

PACES = ("crawl", "walk", "run")
CRAWL, WALK, RUN = 0, 1, 2

_NEIGHBOURS = ((-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1))


def _shift(a: np.ndarray, dx: int, dy: int, fill: float) -> np.ndarray:
    """out[y, x] = a[y + dy, x + dx] (the neighbour's value), ``fill`` off the map."""
    h, w = a.shape
    out = np.full_like(a, fill)
    ys = slice(max(0, -dy), min(h, h - dy))
    xs = slice(max(0, -dx), min(w, w - dx))
    ys2 = slice(max(0, dy), min(h, h + dy))
    xs2 = slice(max(0, dx), min(w, w + dx))
    out[ys, xs] = a[ys2, xs2]
    return out


def route_field(cost: np.ndarray, target: np.ndarray, max_iter: int = 4000) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cost-to-target and the next tile's offset (dx, dy) for every tile.

    ``cost`` is the cost of entering a tile (np.inf = impassable); ``target``
    a boolean mask of tiles where the route ends. Returns (dist, ndx, ndy)
    with ndx/ndy in {-1, 0, 1} (0, 0 on targets and unreachable tiles).
    Kept in the field cache under the hash of the inputs (read-only arrays).
    """
    from .fieldcache import cached

    cost = np.asarray(cost, dtype=float)
    target = np.asarray(target, dtype=bool)
    return cached("route", (cost, target, int(max_iter)), lambda: _grow_route(cost, target, max_iter))


def _grow_route(cost: np.ndarray, target: np.ndarray, max_iter: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    h, w = cost.shape
    dist = np.where(target, 0.0, np.inf)
    steps = []
    for dx, dy in _NEIGHBOURS:
        length = np.hypot(dx, dy)
        # moving from this tile to the neighbour: pay half of each tile's cost
        c_nb = _shift(cost, dx, dy, np.inf)
        step = 0.5 * (cost + c_nb) * length
        if dx and dy:  # no corner cutting past impassable tiles
            side1 = _shift(cost, dx, 0, np.inf)
            side2 = _shift(cost, 0, dy, np.inf)
            step = np.where(np.isfinite(side1) & np.isfinite(side2), step, np.inf)
        steps.append((dx, dy, step))
    for _ in range(max_iter):
        best = dist
        for dx, dy, step in steps:
            best = np.minimum(best, _shift(dist, dx, dy, np.inf) + step)
        best = np.where(target, 0.0, best)
        if np.array_equal(best, dist):
            break
        dist = best
    ndx = np.zeros((h, w), np.int8)
    ndy = np.zeros((h, w), np.int8)
    best = np.full((h, w), np.inf)
    for dx, dy, step in steps:
        cand = _shift(dist, dx, dy, np.inf) + step
        better = cand < best - 1e-9
        best = np.where(better, cand, best)
        ndx[better] = dx
        ndy[better] = dy
    stay = target | ~np.isfinite(dist)
    ndx[stay] = 0
    ndy[stay] = 0
    return dist, ndx, ndy


_PACE_CODES: dict = {}  # (code, n) -> what pace_codes gives for a plain code


def pace_codes(value: Any, n: int) -> np.ndarray:
    """An action's ``pace`` as n codes (CRAWL/WALK/RUN): a name, a code, or one
    of either per traveller; names too, so that traces recorded by name replay."""
    if isinstance(value, str):
        return np.full(n, PACES.index(value), np.int8)
    if type(value) is int:  # a replay's plain code, step after step: the same read-only array
        arr = _PACE_CODES.get((value, n))
        if arr is None:
            if len(_PACE_CODES) > 256:
                _PACE_CODES.clear()
            code = np.minimum(np.maximum(np.asarray(value).astype(np.int8), 0), 2)  # (as below)
            arr = _PACE_CODES[value, n] = np.broadcast_to(code, (n,))
        return arr
    arr = np.asarray(value)
    if arr.dtype.kind in "UO":
        lut = {name: i for i, name in enumerate(PACES)}
        arr = np.array([lut[str(v)] for v in np.broadcast_to(arr, (n,))], np.int8)
    codes = np.minimum(np.maximum(arr.astype(np.int8), 0), 2)  # (a clip: np.clip and broadcast_to cost ~4 us a call)
    return codes if codes.shape == (n,) else np.broadcast_to(codes, (n,))
