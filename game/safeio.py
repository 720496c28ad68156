"""Reading the small files people edit (settings, scenarios, facts), safely.

A settings file can be a link to /dev/zero, a scenario.toml a FIFO, a file
saved by an editor in Latin-1: each of these must give a sentence that names
the problem, never a hang, a gigabyte read into memory, or a traceback.
No pygame here.
"""

from __future__ import annotations

import os
import pickle
import stat
import tempfile
import threading
import tomllib
from pathlib import Path
from typing import Any

# Far above any real settings, scenario or facts file (the largest is ~60 KB).
TEXT_LIMIT = 4 * 1024 * 1024


class UnreadableFile(ValueError):
    """A file that exists but cannot be used; the message is the reason only."""


def kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bytes(path: str | Path, limit: int = TEXT_LIMIT) -> bytes:
    """The whole file, if it is a regular file of at most ``limit`` bytes.

    FileNotFoundError passes through (callers often treat it as "use the
    defaults"); every other problem is an UnreadableFile with the reason.
    """
    path = Path(path)
    try:
        info = os.stat(path)  # follows links: a link to /dev/zero is a device
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise UnreadableFile(f"cannot read it: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFile(f"it is {kind_of(info.st_mode)}, not a file")
    if info.st_size > limit:
        raise UnreadableFile(f"it is too large ({info.st_size:,} bytes; at most {limit:,})")
    try:
        # O_NONBLOCK: should the file be swapped for a FIFO after the check,
        # opening it still does not wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise UnreadableFile(f"cannot read it: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise UnreadableFile(f"it is too large (more than {limit:,} bytes)")
    return data


def check_regular(path: str | Path) -> None:
    """FileNotFoundError, or UnreadableFile unless ``path`` is a regular file
    (for files another library opens: a pipe would make it wait for ever)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise UnreadableFile(f"cannot read it: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFile(f"it is {kind_of(info.st_mode)}, not a file")


def decode_utf8(data: bytes) -> str:
    """Text from UTF-8 bytes (a leading byte-order mark is allowed), or the reason it is not."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        hint = " (it looks like UTF-16)" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        raise UnreadableFile(
            f"it is not UTF-8 text{hint}: byte 0x{data[exc.start]:02x} at line {line}, column {column}; "
            "save it as UTF-8"
        ) from None


def read_text(path: str | Path, limit: int = TEXT_LIMIT) -> str:
    return decode_utf8(read_bytes(path, limit))


def read_toml(path: str | Path, limit: int = TEXT_LIMIT) -> dict[str, Any]:
    """A TOML file as a dict; UnreadableFile with the reason if it cannot be."""
    text = read_text(path, limit)
    parsed = _parsed.get(text)
    if parsed is None:
        try:
            parsed = pickle.dumps(tomllib.loads(text), pickle.HIGHEST_PROTOCOL)
        except tomllib.TOMLDecodeError as exc:
            raise UnreadableFile(f"not valid TOML: {exc}") from None
        except RecursionError:
            raise UnreadableFile("not usable TOML: it nests too deeply") from None
        with _parsed_lock:  # the loading card reads levels in a background thread
            _parsed[text] = parsed
            while len(_parsed) > _PARSED_LIMIT:
                _parsed.pop(next(iter(_parsed)))
    return pickle.loads(parsed)  # a fresh copy: callers may change what they get


# The same text always parses to the same data, and a scenario with its facts is
# read again by every screen that lists it: tomllib (pure Python) takes ~5 ms for
# a 50 KB file, a copy of its data from pickle ~15 us. Keyed by the whole text,
# so a file edited on disk is parsed again.
_parsed: dict[str, bytes] = {}
_parsed_lock = threading.Lock()
_PARSED_LIMIT = 32


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write a file whole or not at all: a temporary file in the same folder,
    flushed to disk, then renamed over the old one."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable: a power cut after it keeps the new file."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # e.g. Windows, where folders cannot be opened
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
