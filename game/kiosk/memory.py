"""Keeping a kiosk's memory flat over weeks: how C's allocator is asked to
behave, and freed memory handed back to the system between visitors.

Why: a visitor's journey holds a map picture (tens of MB), its scaled copies
and the replays' arrays, and lets them go at the reset. glibc's malloc puts
allocations above ``mmap_threshold`` in their own mappings (given back to the
system when freed); but each time such a mapping is freed it *raises* that
threshold (up to 32 MB), so from then on buffers of up to 32 MB are carved
out of the heap instead, where the long-lived small objects made meanwhile
pin them and the heap only grows. Measured on the soak: the heap's arenas
grew from 46 to 104 MB over ten visitors (free space in them 12 -> 48 MB),
while with a fixed threshold they stayed at 21-23 MB (3 MB free).

Fixing the threshold (``mallopt(M_MMAP_THRESHOLD, ...)``) turns that dynamic
raise off. Only glibc has these calls; elsewhere they do nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging

log = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter numbers (malloc.h)
MMAP_THRESHOLD = 128 * 1024  # glibc's own starting value, kept: buffers this large or larger get their own mapping, given back when freed

_libc: ctypes.CDLL | None = None
_looked = False


def _glibc() -> ctypes.CDLL | None:
    global _libc, _looked
    if not _looked:
        _looked = True
        try:
            lib = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
            if hasattr(lib, "mallopt") and hasattr(lib, "malloc_trim"):
                _libc = lib
        except OSError:
            _libc = None
    return _libc


def tune_allocator() -> bool:
    """Big buffers always in their own mappings (no dynamic threshold). True if done."""
    libc = _glibc()
    if libc is None:
        return False
    ok = bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))
    if not ok:
        log.info("mallopt(M_MMAP_THRESHOLD) refused; the allocator keeps its defaults")
    return ok


def give_back() -> None:
    """Collect Python's cycles, then hand the heap's free pages back to the system
    (glibc keeps them otherwise). A few milliseconds: between visitors and slides only."""
    gc.collect()
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)
