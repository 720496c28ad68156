"""Fields derived from a map (route and distance fields), kept on disk.

Growing a route or distance field over a whole map takes a few tenths of a
second: too long for the frame that starts a journey. The result depends only
on its input arrays (the map's tiles and the scenario's values turned into
costs), so it is stored under the SHA-256 of those inputs: a changed map or
value gives another key, never a stale field. The files live in the user's
cache folder (``CROSSINGS_CACHE_DIR`` overrides it; the levels folder may be
read-only once installed) and are safe to lose: a missing, damaged or
unreadable file is simply built again. Within one process every field is also
kept in memory. No pygame.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import threading
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ..safeio import write_atomic

log = logging.getLogger(__name__)

VERSION = 1  # bump when a builder's algorithm changes: old files are then ignored
MEMORY_LIMIT = 32  # fields kept in memory per process (a few MB each at most)

_memory: dict[str, tuple[np.ndarray, ...]] = {}
_lock = threading.Lock()


def cache_dir() -> Path | None:
    """Where the field files go; None when there is no usable folder."""
    override = os.environ.get("CROSSINGS_CACHE_DIR")
    if override == "":
        return None  # explicitly off
    if override:
        return Path(override) / "fields"
    try:
        from platformdirs import user_cache_dir
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        return None
    return Path(user_cache_dir("crossings", appauthor=False)) / "fields"


def key_of(name: str, inputs: Sequence[np.ndarray | float | int | str]) -> str:
    """The content hash of a builder's name and its inputs (arrays by dtype, shape and bytes)."""
    h = hashlib.sha256(f"{name}:v{VERSION}".encode())
    for item in inputs:
        if isinstance(item, np.ndarray):
            a = np.ascontiguousarray(item)
            h.update(f"|{a.dtype.str}{a.shape}".encode())
            h.update(a.tobytes())
        else:
            h.update(f"|{type(item).__name__}:{item!r}".encode())
    return h.hexdigest()


def cached(name: str, inputs: Sequence[np.ndarray | float | int | str],
           build: Callable[[], tuple[np.ndarray, ...]]) -> tuple[np.ndarray, ...]:
    """``build()``'s arrays, from memory, from the cache file, or built (and stored)."""
    key = key_of(name, inputs)
    with _lock:
        hit = _memory.get(key)
    if hit is not None:
        return hit
    folder = cache_dir()
    path = folder / f"{name}-{key[:40]}.npz" if folder is not None else None
    arrays = _read(path) if path is not None else None
    if arrays is None:
        arrays = tuple(np.asarray(a) for a in build())
        if path is not None:
            _write(path, arrays)
    for a in arrays:
        a.setflags(write=False)  # shared between models: nobody may change them
    with _lock:
        if len(_memory) >= MEMORY_LIMIT:
            _memory.pop(next(iter(_memory)))
        _memory[key] = arrays
    return arrays


def _read(path: Path) -> tuple[np.ndarray, ...] | None:
    try:
        with np.load(path, allow_pickle=False) as data:
            count = int(data["count"])
            return tuple(np.array(data[f"a{i}"]) for i in range(count))
    except FileNotFoundError:
        return None
    except Exception as exc:  # damaged, cut short, another format: build it again
        log.info("field cache %s unusable (%s); building it again", path, exc)
        return None


def _write(path: Path, arrays: tuple[np.ndarray, ...]) -> None:
    """Atomically, and never fatal: a cache is optional."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        buf = io.BytesIO()
        np.savez(buf, count=np.array(len(arrays)), **{f"a{i}": a for i, a in enumerate(arrays)})
        write_atomic(path, buf.getvalue())
    except OSError as exc:
        log.info("field cache %s not written (%s)", path, exc)


def clear_memory() -> None:
    """Forget the in-memory copies (tests: to read the files again)."""
    with _lock:
        _memory.clear()
