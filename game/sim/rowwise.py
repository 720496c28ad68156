"""Reductions over a short last axis (a few guards, a few fog waves, a crew).

numpy reduces ``a.sum(axis=-1)`` row by row, and with rows of five that costs
several times the additions themselves. Here the columns are combined one by
one over every row at once: the same additions in the same order, so the same
bits for sums (checked against numpy in tests/test_rowwise.py), and exactly
the same for min, any and all, which do not round. Longer rows go to numpy.
"""

from __future__ import annotations

import numpy as np

SHORT = 8  # below this, numpy adds a row's values one after another (pairwise from 8 on)


def row_sum(a: np.ndarray) -> np.ndarray:
    """``a.sum(axis=-1)``."""
    k = a.shape[-1]
    if k == 0 or k >= SHORT:
        return a.sum(axis=-1)
    if a.dtype.kind in "bui":  # counts: exact in any order, in numpy's own result type
        out = a[..., 0].astype(np.sum(a[(0,) * (a.ndim - 1)]).dtype)
    else:  # numpy starts from 0.0, which turns a lone -0.0 into 0.0
        out = a[..., 0] + 0.0
    for j in range(1, k):
        out += a[..., j]
    return out


def row_min(a: np.ndarray, initial: float = np.inf) -> np.ndarray:
    """``a.min(axis=-1, initial=initial)``."""
    out = np.full(a.shape[:-1], initial, dtype=np.result_type(a, initial))
    for j in range(a.shape[-1]):
        np.minimum(out, a[..., j], out=out)
    return out


def row_any(a: np.ndarray) -> np.ndarray:
    """``a.any(axis=-1)`` of a boolean array."""
    out = np.zeros(a.shape[:-1], bool)
    for j in range(a.shape[-1]):
        out |= a[..., j]
    return out
