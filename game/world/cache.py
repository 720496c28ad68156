"""Each map parsed once per process (and read from the disk cache after the
first time on this machine: game/world/mapstore.py).

The play screen, its model, the debrief and its replays all ask for the same
map; pytmx reads the file once, and every caller gets the same ``MapData``
(its arrays are only read). A file changed on disk (an edited copy under
``--levels``) has another size or time stamp, so it is read again. No pygame.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

from . import mapstore
from .mapdata import MapData

LIMIT = 8  # maps kept (four scenarios, and a few edited copies)

_maps: OrderedDict[tuple, MapData] = OrderedDict()
_lock = threading.Lock()  # the loading card reads a map in a background thread
parses = 0  # how many times a file was actually read (tests count them)


def map_for(path: str | Path) -> MapData:
    """The map data of ``path``, read once (MapError as load_map gives it)."""
    global parses
    path = Path(path).resolve()
    try:
        st = path.stat()
        stamp = (st.st_size, st.st_mtime_ns)
    except OSError:
        stamp = (-1, -1)  # load_map names the problem
    key = (str(path), stamp)
    with _lock:
        if key in _maps:
            _maps.move_to_end(key)
            return _maps[key]
        data = mapstore.load(path)  # pytmx only when the file (or a tileset) is new
        parses += 1
        _maps[key] = data
        while len(_maps) > LIMIT:
            _maps.popitem(last=False)
        return data


def clear() -> None:
    with _lock:
        _maps.clear()
