"""The short-row reductions give numpy's own results, to the bit."""

import numpy as np
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

from game.sim.rowwise import row_any, row_min, row_sum

floats = st.floats(-1e12, 1e12, allow_nan=False, width=64)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 40), st.integers(0, 9), st.data())
def test_row_sum_and_min_match_numpy(n, k, data):
    a = data.draw(arrays(np.float64, (n, k), elements=floats))
    assert row_sum(a).tobytes() == a.sum(axis=-1).tobytes()
    assert row_min(a).tobytes() == a.min(axis=-1, initial=np.inf).tobytes()
    b = a > 0
    assert np.array_equal(row_any(b), b.any(axis=-1))
    assert row_sum(b).dtype == b.sum(axis=-1).dtype and np.array_equal(row_sum(b), b.sum(axis=-1))


def test_row_sum_matches_numpy_on_wide_ranges():
    rng = np.random.default_rng(3)
    for k in range(1, 8):
        a = rng.standard_normal((50_000, k)) * rng.random((50_000, 1)) * 10.0 ** rng.integers(-8, 8, (50_000, k))
        assert row_sum(a).tobytes() == a.sum(axis=1).tobytes()
        three = a.reshape(50_000, 1, k)
        assert row_sum(three).tobytes() == three.sum(axis=-1).tobytes()
