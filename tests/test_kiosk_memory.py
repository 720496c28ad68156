"""The kiosk's memory over weeks: big buffers are given back to the system
rather than pinned in C's heap, and nothing of a visitor's journey (its map
picture) is held once the attract loop is back."""

from __future__ import annotations

import ctypes
import gc
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from game.app import App, Options
from game.kiosk import config as kconfig
from game.kiosk import memory
from game.kiosk.mode import KioskMode
from game.kiosk.scenes import AttractScene, SeaFleet
from game.scenes.play_base import PlayBase

from apphelp import frames, tap


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]


def _glibc_with_mallinfo2():
    libc = memory._glibc()
    if libc is None or not hasattr(libc, "mallinfo2"):
        pytest.skip("not glibc 2.33 or later")
    libc.mallinfo2.restype = _MallInfo2
    libc.malloc.restype = ctypes.c_void_p
    libc.malloc.argtypes = [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    return libc


def test_big_buffers_keep_their_own_mappings_after_one_is_freed():
    """glibc raises its mmap threshold each time a big mapping is freed; after
    that, buffers of up to 32 MB would be cut from the heap and pin it. The
    kiosk turns that off: a 2 MB buffer made after an 8 MB one was freed still
    gets its own mapping (and is given back whole when freed). Checked in a
    fresh interpreter: in this one, other tests' freed memory may already hold
    a free 2 MB chunk, which malloc would rightly reuse."""
    _glibc_with_mallinfo2()  # skips where this cannot be checked
    out = subprocess.run([sys.executable, "-c", _MAPPINGS_CHECK], capture_output=True, text=True, timeout=60,
                         cwd=str(Path(__file__).resolve().parent))
    assert out.returncode == 0, out.stderr
    grew, given_back = (int(x) for x in out.stdout.split())
    assert grew >= 2 << 20 and given_back == 0


_MAPPINGS_CHECK = """
import sys
sys.path[:0] = ['.', '..']
import test_kiosk_memory as t
from game.kiosk import memory
libc = t._glibc_with_mallinfo2()
assert memory.tune_allocator()
big = libc.malloc(8 << 20)
libc.free(big)
before = libc.mallinfo2().hblkhd
buf = libc.malloc(2 << 20)
grew = libc.mallinfo2().hblkhd - before
libc.free(buf)
print(grew, libc.mallinfo2().hblkhd - before)
"""


def _surfaces_alive() -> list[tuple[int, int]]:
    """The sizes of every Surface some Python object still holds."""
    gc.collect()
    seen: dict[int, tuple[int, int]] = {}
    for holder in gc.get_objects():
        for obj in gc.get_referents(holder):
            if isinstance(obj, pygame.Surface) and id(obj) not in seen:
                try:
                    seen[id(obj)] = obj.get_size()
                except pygame.error:  # a surface of an earlier display, already let go by SDL
                    pass
    return list(seen.values())


def test_no_full_size_map_is_held_between_visitors(tmp_path):
    """The sea slide keeps only its picture at the slide's zoom; a visitor's
    own sea journey draws the whole map (3520 x 3552 px, 48 MB), which goes
    with the visitor at the reset."""
    SeaFleet._shared = None
    cfg = kconfig.KioskConfig(journeys=("sea",), languages=("en",))
    mode = KioskMode(config=cfg, counts_path=tmp_path / "kiosk.sqlite3", watchdog_env={})
    app = App(Options(headless=True), mode=mode)
    app.start()
    frames(app, 3)
    assert isinstance(app.top.slide, SeaFleet)
    whole_map_px = 3000 * 3000  # the sea map drawn whole is 3520 x 3552
    # (smaller pictures of other maps may be alive here: the map cache keeps
    # one of each journey's maps a process has shown, a bounded set)
    assert max(w * h for w, h in _surfaces_alive()) < whole_map_px
    tap(app, (640, 360))  # one language: straight to the journeys
    app.top.build()[0].on_press()
    app.top._to_briefing()
    app.top.begin()
    assert isinstance(app.top, PlayBase)
    frames(app, 30)
    assert max(w * h for w, h in _surfaces_alive()) > whole_map_px  # the visitor's whole map
    app.mode.let_go(app, "idle")  # walked away: as the countdown's end does
    app.reset_to_root()
    frames(app, 3)
    assert [type(s) for s in app.scenes] == [AttractScene]
    assert max(w * h for w, h in _surfaces_alive()) < whole_map_px
